"""salelog goal: weekly targets per metric, and their history. Declarations and
help only; the bodies are in salelog/actions/goal.py."""

from typing import Annotated

import typer

from ..actions import goal as goal_actions
from ..metrics import BUILT_IN

app = typer.Typer(
    help="Set and list targets: for a week, month, quarter or year.\n\n\b\nExamples:\n"
    "  salelog goal set revenue 50万\n  salelog goal list",
    no_args_is_help=True,
)

METRICS_HELP = ", ".join(f"{m.id} ({'/'.join(m.aliases)})" for m in BUILT_IN)
WeekOption = Annotated[
    str | None,
    typer.Option("--week", "-w", metavar="DATE", help="Any day of the week, or last/this/next (default: this week)."),
]


MonthOption = Annotated[str | None, typer.Option("--month", metavar="MONTH", help="A month: 2026-11, 2026年11月.")]
QuarterOption = Annotated[
    str | None, typer.Option("--quarter", metavar="QUARTER", help="A quarter: 2026Q4, 2026年第四季度.")
]
YearOption = Annotated[str | None, typer.Option("--year", metavar="YEAR", help="A year: 2026.")]


@app.command("set")
def set_goal(
    ctx: typer.Context,
    metric: Annotated[
        str, typer.Argument(metavar="METRIC", help=f"What to count: {METRICS_HELP}, or a custom metric.")
    ],
    target: Annotated[
        str,
        typer.Argument(metavar="TARGET", help="The target: a count (15) or, for revenue, an amount (50万, 1.2w, 12k)."),
    ],
    week: WeekOption = None,
    custom: Annotated[
        bool, typer.Option("--custom", help="Declare METRIC as your own measure: it counts entries tagged METRIC.")
    ] = False,
    month: MonthOption = None,
    quarter: QuarterOption = None,
    year: YearOption = None,
) -> None:
    """Set the target for a metric this week (or --week, --month, --quarter,
    --year); setting it again adjusts it and keeps the old value in history.
    A week without its own target takes its share of the month's, quarter's or
    year's, split by working days.

    \b
    Examples:
      salelog goal set revenue 50万
      salelog goal set 拜访 15 --week 2026-11-30
      salelog goal set revenue 500万 --year 2026
      salelog goal set new-clients 40 --month 2026年11月
      salelog goal set demos 5 --custom      then: salelog visit add 张总 --tag demos
    """
    goal_actions.goal_set(
        ctx.obj, metric=metric, target=target, week=week, custom=custom, month=month, quarter=quarter, year=year
    )


@app.command("list")
def list_goals(
    ctx: typer.Context,
    week: WeekOption = None,
    month: MonthOption = None,
    quarter: QuarterOption = None,
    year: YearOption = None,
    history: Annotated[bool, typer.Option("--history", help="Show every setting, oldest first.")] = False,
    as_json: Annotated[bool, typer.Option("--json", help="Print JSON instead of a table.")] = False,
) -> None:
    """List a period's targets with when each was set and what it replaced; for a
    month, quarter or year also the breakdown into months, weeks and days.

    \b
    Examples:
      salelog goal list
      salelog goal list --week last --json
      salelog goal list --year 2026
      salelog goal list --history
    """
    goal_actions.goal_list(
        ctx.obj, week=week, month=month, quarter=quarter, year=year, history=history, as_json=as_json
    )
