"""salelog undo: revert the last write command, whatever it was."""

import typer

from .. import clock, store
from ..errors import SalelogError
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
        raise SalelogError("nothing to undo", f"salelog keeps the last {store.UNDO_KEEP} write commands")
    rows = plural(reverted["changes"], "row")
    print(f"undone: {visible(reverted['command'])} (from {reverted['at'][:16]}; {rows} restored)")
