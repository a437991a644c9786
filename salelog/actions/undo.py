"""undo: revert the last write command, whatever it was."""

from .. import store
from ..context import Context
from ..errors import SalelogError
from ..i18n import chinese, tr
from ..text import plural, visible


def undo(run: Context) -> None:
    """Revert the most recent write command not yet undone, and say what it was."""
    conn = store.connect(run.db, create=False)
    with store.writing(conn):
        reverted = store.undo_last(conn, run.now)
    if reverted is None:
        raise SalelogError(tr("nothing to undo"), tr("salelog keeps the last {n} write commands", n=store.UNDO_KEEP))
    rows = tr("{n} rows", n=reverted["changes"]) if chinese() else plural(reverted["changes"], "row")
    print(
        tr(
            "undone: {command} (from {at}; {rows} reverted)",
            command=visible(reverted["command"]),
            at=reverted["at"][:16],
            rows=rows,
        )
    )
