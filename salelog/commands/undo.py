"""salelog undo: declaration and help; the body is in salelog/actions/undo.py."""

import typer


def undo(ctx: typer.Context) -> None:
    """Revert the last write command (an entry, a goal change, an edit, a merge, a
    deletion) and say what was reverted. Repeat to go further back.

    \b
    Examples:
      salelog undo
    """
    from ..actions.undo import undo as undo_last

    undo_last(ctx.obj)
