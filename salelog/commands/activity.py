"""salelog activity: time not spent with customers. Declarations and help only;
the bodies are in salelog/actions/activity.py."""

from typing import Annotated

import typer

from ..actions import activity as activity_actions
from ..activities import kinds_listed

app = typer.Typer(
    help="Log time not spent with customers: learning, training, admin, travel, other.\n\n\b\nExamples:\n"
    "  salelog activity add learning --minutes 90\n  salelog activity list --since mon",
    no_args_is_help=True,
)


@app.command("add")
def add(
    ctx: typer.Context,
    kind: Annotated[str, typer.Argument(metavar="KIND", help=f"What it was: {kinds_listed()}.")],
    minutes: Annotated[
        str | None, typer.Option("--minutes", metavar="N", help="How long: 90, 45min, 1.5h, 1小时.")
    ] = None,
    at: Annotated[
        str | None, typer.Option("--at", metavar="WHEN", help="When (default: now): 昨天下午3点, fri 9:00.")
    ] = None,
    note: Annotated[str | None, typer.Option("--note", metavar="TEXT", help="What it was about.")] = None,
) -> None:
    """Log an activity away from customers; the day's report and the week review
    show it against the time with customers, and a custom metric named after its
    kind counts its minutes (salelog goal set learning 2h --custom).

    \b
    Examples:
      salelog activity add learning --minutes 90 --note "产品培训视频"
      salelog activity add 路上 --minutes 40
      salelog activity add admin --minutes 30 --at 昨天下午5点
    """
    activity_actions.activity_add(ctx.obj, kind=kind, minutes=minutes, at=at, note=note)


@app.command("list")
def list_activities(
    ctx: typer.Context,
    since: Annotated[str | None, typer.Option("--since", metavar="DATE", help="From this day on (inclusive).")] = None,
    until: Annotated[str | None, typer.Option("--until", metavar="DATE", help="Up to this day (inclusive).")] = None,
    as_json: Annotated[bool, typer.Option("--json", help="Print a JSON array instead of a table.")] = False,
) -> None:
    """List activities, newest first.

    \b
    Examples:
      salelog activity list
      salelog activity list --since mon --json
    """
    activity_actions.activity_list(ctx.obj, since=since, until=until, as_json=as_json)


@app.command("rm")
def rm(
    ctx: typer.Context,
    activity_id: Annotated[
        int, typer.Argument(metavar="ID", help="The activity's id (see: salelog activity list).", min=0)
    ],
    yes: Annotated[bool, typer.Option("--yes", "-y", help="Do not ask (for scripts).")] = False,
) -> None:
    """Delete an activity (asks first on a terminal; salelog undo brings it back).

    \b
    Examples:
      salelog activity rm 3
      salelog activity rm 3 --yes
    """
    from .prompts import confirm_on_a_terminal

    activity_actions.activity_rm(ctx.obj, activity_id=activity_id, yes=yes, confirm=confirm_on_a_terminal())
