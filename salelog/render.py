"""The Rich fallback of the table model: sheet pieces (salelog/sheet.py) as Rich
renderables, printed by Rich when sheet.plain() cannot promise to print exactly
what Rich would. Rich is imported here only, and this module only then.

Every piece of user text goes in as a rich.text.Text (never parsed as markup),
after the views have passed it through text.visible().
"""

import sys

from rich.console import Console
from rich.progress_bar import ProgressBar
from rich.table import Table
from rich.text import Text

from . import sheet


def console() -> Console:
    # Piped output keeps every character (no "…" on CJK text); its width is
    # $COLUMNS when set, else 120 rather than Rich's 80.
    import os

    piped = not sys.stdout.isatty()
    piped_width = 120 if piped and not os.environ.get("COLUMNS") else None
    return Console(
        file=sheet.Unpadded(sys.stdout) if piped else None, highlight=False, soft_wrap=False, width=piped_width
    )


def to_rich(block: sheet.Table | sheet.Line):
    """A sheet piece as the Rich renderable it stands for (sheet.py prints the same without Rich)."""
    if isinstance(block, sheet.Line):
        return Text.assemble(*block.parts)
    title = None if block.title is None else Text(block.title, style="italic")
    table = Table(title=title, title_justify="left", header_style="bold", pad_edge=False, box=None)
    for c in block.columns:
        table.add_column(c.heading, justify=c.justify, width=c.width, overflow="fold", no_wrap=c.no_wrap)
    for row, style in zip(block.rows, block.row_styles, strict=True):
        table.add_row(*(_rich_cell(cell) for cell in row), style=style or None)
    return table


def _rich_cell(cell):
    if isinstance(cell, sheet.Bar):
        return ProgressBar(
            total=cell.total,
            completed=cell.completed,
            width=cell.width,
            complete_style=sheet.BAR_COMPLETE,
            finished_style=sheet.BAR_FINISHED,
            style=sheet.BAR_BACK,
        )
    return Text(cell) if isinstance(cell, str) else Text(*cell)


def print_blocks(blocks: list) -> None:
    out = console()
    for block in blocks:
        out.print(to_rich(block))
