"""salelog week / today: where the salesperson stands against the targets."""

from typing import Annotated

import typer

from ..actions import progress

JsonOption = Annotated[bool, typer.Option("--json", help="Print JSON (see the README for its keys).")]


def week(
    ctx: typer.Context,
    week: Annotated[
        str | None,
        typer.Option(
            "--week", "-w", metavar="DATE", help="Any day of the week, or last/this/next, 上周 (default: this week)."
        ),
    ] = None,
    as_json: JsonOption = False,
) -> None:
    """Target against actual for every metric this week: percent, where you should
    be by now (linear over the working days) and where the week ends at this pace.

    \b
    Examples:
      salelog week
      salelog week --week last
      salelog week --json | jq '.metrics[] | select(.metric == "revenue")'
    """
    progress.week_show(ctx.obj, week=week, as_json=as_json)


def today(ctx: typer.Context, as_json: JsonOption = False) -> None:
    """Today's figures against an even daily share of the week's targets.

    \b
    Examples:
      salelog today
      salelog today --json
    """
    progress.today_show(ctx.obj, as_json=as_json)
