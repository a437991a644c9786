"""salelog undo: revert the last write command, whatever it was."""

import typer

from .. import clock, store
from ..errors import SalelogError
from ..i18n import chinese, tr
from ..text import plural, visible
from . import db_option


def undo(ctx: typer.Context) -> None:
    """Revert the last write command (an entry, a goal change, an edit, a merge, a
    deletion) and say what was reverted. Repeat to go further back.

    \b
    Examples:
      salelog undo
    """
    conn = store.connect(db_option(ctx), create=False)
    with store.writing(conn):
        reverted = store.undo_last(conn, clock.now())
    if reverted is None:
        raise SalelogError(tr("nothing to undo"), tr("salelog keeps the last {n} write commands", n=store.UNDO_KEEP))
    rows = tr("{n} rows", n=reverted["changes"]) if chinese() else plural(reverted["changes"], "row")
    print(
        tr(
            "undone: {command} (from {at}; {rows} restored)",
            command=visible(reverted["command"]),
            at=reverted["at"][:16],
            rows=rows,
        )
    )
