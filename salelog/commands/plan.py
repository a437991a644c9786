"""salelog plan: Monday's planning — the week's targets, split into days, with
the tasks planned for each day. Declarations and help only; the body is in
salelog/actions/plan.py."""

from typing import Annotated

import typer

from ..actions import plan as plan_actions


def plan(
    ctx: typer.Context,
    week: Annotated[
        str | None,
        typer.Option("--week", "-w", metavar="DATE", help="Any day of the week, or next (default: this week)."),
    ] = None,
    as_json: Annotated[bool, typer.Option("--json", help="Print JSON instead of tables.")] = False,
) -> None:
    """Plan the week: its targets (own or derived), the suggested daily split over
    the working days (adding up exactly), and the tasks planned for each day.

    \b
    Examples:
      salelog plan
      salelog plan --week next
    """
    plan_actions.plan_show(ctx.obj, week=week, as_json=as_json)
