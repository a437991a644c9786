"""salelog followups / followup: next steps that come back on their date.
Declarations and help only; the bodies are in salelog/actions/followup.py."""

from typing import Annotated

import typer

from ..actions import followup as followup_actions

app = typer.Typer(
    help="Close or move a follow-up.\n\n\b\nExamples:\n  salelog followup done 12\n  salelog followup move 12 下周一",
    no_args_is_help=True,
)


def followups(
    ctx: typer.Context,
    include_done: Annotated[bool, typer.Option("--all", help="Include follow-ups already done.")] = False,
    as_json: Annotated[bool, typer.Option("--json", help="Print a JSON array instead of a table.")] = False,
) -> None:
    """List open follow-ups: overdue and due today first (days overdue), then
    upcoming, then undated; with each customer's class.

    \b
    Examples:
      salelog followups
      salelog followups --all --json
    """
    followup_actions.followups_show(ctx.obj, include_done=include_done, as_json=as_json)


FollowupId = Annotated[int, typer.Argument(metavar="ID", help="The follow-up's number (see: salelog followups).")]


@app.command("done")
def done(ctx: typer.Context, followup_id: FollowupId) -> None:
    """Mark a follow-up done.

    \b
    Examples:
      salelog followup done 12
    """
    followup_actions.followup_done(ctx.obj, followup_id=followup_id)


@app.command("move")
def move(
    ctx: typer.Context,
    followup_id: FollowupId,
    when: Annotated[str, typer.Argument(metavar="DATE", help="The new date: fri, 下周一, 12-01, 2026-12-01.")],
) -> None:
    """Move a follow-up to another day (it stays open).

    \b
    Examples:
      salelog followup move 12 下周一
    """
    followup_actions.followup_move(ctx.obj, followup_id=followup_id, when=when)
