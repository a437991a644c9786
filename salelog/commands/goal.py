"""salelog goal: weekly targets per metric, and their history. Declarations and
help only; the bodies are in salelog/actions/goal.py."""

from typing import Annotated

import typer

from ..actions import goal as goal_actions
from ..actions import goal_check, rewards
from ..metrics import BUILT_IN

app = typer.Typer(
    help="Set and list targets: for a week, month, quarter or year.\n\n\b\nExamples:\n"
    "  salelog goal set revenue 50万\n  salelog goal check revenue +10%\n  salelog goal list",
    no_args_is_help=True,
)

METRICS_HELP = ", ".join(f"{m.id} ({'/'.join(m.aliases)})" for m in BUILT_IN)
WeekOption = Annotated[
    str | None,
    typer.Option("--week", "-w", metavar="DATE", help="Any day of the week, or last/this/next (default: this week)."),
]


MonthOption = Annotated[
    str | None,
    typer.Option(
        "--month", metavar="MONTH", help="A month: 2026-11, 2026年11月, last, next (下个月); alone: this month."
    ),
]
QuarterOption = Annotated[
    str | None,
    typer.Option(
        "--quarter", metavar="QUARTER", help="A quarter: 2026Q4, 2026年第四季度, last, next; alone: this quarter."
    ),
]
YearOption = Annotated[
    str | None, typer.Option("--year", metavar="YEAR", help="A year: 2026, last, next (明年); alone: this year.")
]


MetricArgument = Annotated[
    str, typer.Argument(metavar="METRIC", help=f"What to count: {METRICS_HELP}, or a custom metric.")
]
# "-5%" is a target, not an option: unknown dashes reach TARGET (real options still parse).
RELATIVE_OK = {"ignore_unknown_options": True}


@app.command("set", context_settings=RELATIVE_OK)
def set_goal(
    ctx: typer.Context,
    metric: MetricArgument,
    target: Annotated[
        str,
        typer.Argument(
            metavar="TARGET",
            help="The target: a count (15) or, for revenue, an amount (50万, 1.2w, 12k); or +10% / -5% on"
            " your average of the last 4 periods with entries.",
        ),
    ],
    week: WeekOption = None,
    custom: Annotated[
        bool, typer.Option("--custom", help="Declare METRIC as your own measure: it counts entries tagged METRIC.")
    ] = False,
    month: MonthOption = None,
    quarter: QuarterOption = None,
    year: YearOption = None,
    reward: Annotated[
        str | None,
        typer.Option(
            "--reward", metavar="TEXT", help="A reward to yourself, said once when an entry reaches the target."
        ),
    ] = None,
) -> None:
    """Set the target for a metric this week (or --week, --month, --quarter,
    --year); setting it again adjusts it and keeps the old value in history.
    A week without its own target takes its share of the month's, quarter's or
    year's, split by working days. It also says how the target compares with
    your record: average and best of the last 8 periods with entries, and a
    band (low, fair, stretch, high).

    \b
    Examples:
      salelog goal set revenue 50万
      salelog goal set 拜访 15 --week 2026-11-30
      salelog goal set revenue +10%
      salelog goal set revenue +10% --month next  on the 4 months before this one
      salelog goal set revenue +20% --quarter 2027Q1
      salelog goal set revenue 50万 --reward "周末去爬山"
      salelog goal set revenue 500万 --year 2026
      salelog goal set new-clients 40 --month 2026年11月
      salelog goal set demos 5 --custom  then: salelog visit add 张总 --tag demos
    """
    goal_actions.goal_set(
        ctx.obj,
        metric=metric,
        target=target,
        week=week,
        custom=custom,
        month=month,
        quarter=quarter,
        year=year,
        reward=reward,
    )


@app.command("check", context_settings=RELATIVE_OK)
def check_goal(
    ctx: typer.Context,
    metric: MetricArgument,
    target: Annotated[
        str,
        typer.Argument(metavar="TARGET", help="The target to check: 15, 50万, or +10% on your recent average."),
    ],
    week: WeekOption = None,
    month: MonthOption = None,
    quarter: QuarterOption = None,
    year: YearOption = None,
    as_json: Annotated[bool, typer.Option("--json", help="Print JSON instead of lines.")] = False,
) -> None:
    """Check a target against your record without setting it: the average and
    best of the last 8 periods of that kind with entries, how many reached it,
    and its band: low (below 90% of the average), fair (up to 110%), stretch
    (up to 140%), high (above).

    \b
    Examples:
      salelog goal check revenue 50万
      salelog goal check visits 20 --month 2026-12 --json
      salelog goal check revenue +10% --quarter 2027Q1
    """
    goal_check.goal_check(
        ctx.obj, metric=metric, target=target, week=week, month=month, quarter=quarter, year=year, as_json=as_json
    )


@app.command("reward")
def reward_goal(
    ctx: typer.Context,
    metric: Annotated[str, typer.Argument(metavar="METRIC", help="A metric with a target for the period.")],
    at: Annotated[str, typer.Argument(metavar="AT", help="The milestone, below the target: 25万, 8.")],
    reward: Annotated[str, typer.Argument(metavar="TEXT", help="What you give yourself when you get there.")],
    week: WeekOption = None,
    month: MonthOption = None,
    quarter: QuarterOption = None,
    year: YearOption = None,
) -> None:
    """A milestone on the way to a target, with a reward to yourself: the
    command whose entry reaches it says so, once; `week` lists the rewards.
    Refused on a metric without a target for the period.

    \b
    Examples:
      salelog goal reward revenue 25万 "看场电影"
      salelog goal reward visits 8 "一杯好咖啡" --week next
      salelog goal reward revenue 100万 "新耳机" --month 2026-12
    """
    rewards.goal_reward(
        ctx.obj, metric=metric, at=at, reward=reward, week=week, month=month, quarter=quarter, year=year
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
