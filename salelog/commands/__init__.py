"""One module per Typer sub-app: parse options, call actions/store/report, print."""

import typer


def db_option(ctx: typer.Context) -> str | None:
    """The global --db (None: $SALELOG_DB or the default)."""
    return ctx.find_root().obj.db


def print_rows(rows: list[dict], as_json: bool, when_empty: str, table: str) -> None:
    """A list command's output: JSON (an array, even empty), a hint when there is
    nothing, else the Rich table `table` (a function name in salelog.render)."""
    if as_json:
        from ..actions.show import print_json

        print_json(rows)
    elif not rows:
        print(when_empty)
    else:
        from .. import render

        getattr(render, table)(rows)
