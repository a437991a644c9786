"""salelog week / today: where the salesperson stands against the targets."""

from typing import Annotated

import typer

from .. import actions
from . import db_option

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
    actions.week_show(db_option(ctx), week, as_json)


def today(ctx: typer.Context, as_json: JsonOption = False) -> None:
    """Today's figures against an even daily share of the week's targets.

    \b
    Examples:
      salelog today
      salelog today --json
    """
    actions.today_show(db_option(ctx), as_json)
