"""salelog review / trend: close the week — target against actual, the numbers
that explain it, improvement notes, the reflection and next week's plan.
Declarations and help only; the bodies are in salelog/actions/review.py and
salelog/actions/trend.py."""

from typing import Annotated

import typer

from ..actions import review as review_actions
from ..actions import trend as trend_actions

app = typer.Typer(
    help="Review a week, a month or a year: results, what explains them, notes, reflection and plan.\n\n\b\n"
    "Examples:\n  salelog review --week last\n  salelog review --month 2026-10\n  salelog review --year\n"
    '  salelog review write --plan "每天上午先打10个电话约拜访"',
    invoke_without_command=True,
)

WeekOption = Annotated[
    str | None,
    typer.Option("--week", "-w", metavar="DATE", help="Any day of the week, or last/this, 上周 (default: this week)."),
]
# --month and --year take their value or none (this month, this year): `review --month`
# (fastpath.with_optional_values gives a bare one "").
MonthOption = Annotated[
    str | None,
    typer.Option(
        "--month",
        metavar="[YYYY-MM]",
        help="A month instead: 2026-10, last (default: this).",
    ),
]
YearOption = Annotated[
    str | None,
    typer.Option("--year", metavar="[YYYY]", help="A year instead: 2025, last (default: this)."),
]


@app.callback()
def review(
    ctx: typer.Context,
    week: WeekOption = None,
    month: MonthOption = None,
    year: YearOption = None,
    as_json: Annotated[bool, typer.Option("--json", help="Print JSON.")] = False,
    markdown: Annotated[bool, typer.Option("--markdown", help="Print Markdown to paste into a chat or mail.")] = False,
) -> None:
    """Review a week: target, actual and verdict per metric; conversion, deal size,
    revenue per visit, new clients, prospects, follow-ups on time and effort by
    class, each against your own 4-week average; why revenue moved (contacts,
    conversion, deal size); records; improvement notes drawn from them; your
    reflection and plan, and how last week's plan went. --month and --year give
    the same review against the 3 latest earlier months or years with data, with
    when you sell best (by hour and weekday); a year's drafts your self-evaluation.

    \b
    Examples:
      salelog review
      salelog review --week last --markdown > review.md
      salelog review --month 2026-10
      salelog review --year --json | jq .explain_change
    """
    if ctx.invoked_subcommand is not None:
        return
    review_actions.review_show(ctx.obj, week=week, month=month, year=year, as_json=as_json, markdown=markdown)


@app.command("write")
def write(
    ctx: typer.Context,
    week: WeekOption = None,
    month: MonthOption = None,
    year: YearOption = None,
    went_well: Annotated[list[str] | None, typer.Option("--went-well", metavar="TEXT", help="What went well.")] = None,
    went_badly: Annotated[
        list[str] | None, typer.Option("--went-badly", metavar="TEXT", help="What did not go well.")
    ] = None,
    why: Annotated[list[str] | None, typer.Option("--why", metavar="TEXT", help="Why.")] = None,
    cause: Annotated[
        list[str] | None,
        typer.Option(
            "--cause",
            metavar="CAUSE",
            help="Why a target was missed: market, strategy or effort (市场/策略/努力); repeatable.",
        ),
    ] = None,
    plan: Annotated[
        list[str] | None, typer.Option("--plan", metavar="TEXT", help="One item of next week's plan; repeatable.")
    ] = None,
) -> None:
    """Write the week's (or --month's, --year's) reflection, the causes of a
    shortfall and the next period's plan: in $EDITOR on a template pre-filled
    with the review's notes (like git commit), or in one line with flags. Writing
    again replaces it and keeps the earlier text in history.

    \b
    Examples:
      salelog review write
      salelog review write --went-well "成交两单" --went-badly "拜访太少" \\
          --cause effort --why "周二周四被会议占满" \\
          --plan "每天上午先打10个电话约拜访" --plan "A类客户每周至少联系一次"
      salelog review write --month --cause market --plan "每周拜访两家A类客户"
    """
    review_actions.review_write(
        ctx.obj,
        week=week,
        month=month,
        year=year,
        went_well=went_well,
        went_badly=went_badly,
        why=why,
        cause=cause,
        plan=plan,
    )


@app.command("check")
def check(
    ctx: typer.Context,
    item: Annotated[int, typer.Argument(metavar="ID", help="The plan item's number (see: salelog review).")],
    status: Annotated[str, typer.Argument(metavar="done|partly|not", help="How it went.")],
    note: Annotated[str | None, typer.Option("--note", metavar="TEXT", help="A word on how it went.")] = None,
) -> None:
    """Record how an item of last week's plan went.

    \b
    Examples:
      salelog review check 3 done
      salelog review check 4 partly --note "只做到三天"
    """
    review_actions.review_check(ctx.obj, item=item, status=status, note=note)


def trend(
    ctx: typer.Context,
    weeks: Annotated[int, typer.Option("--weeks", "-n", help="How many weeks, ending with this one.")] = 8,
    metric: Annotated[str | None, typer.Option("--metric", "-m", metavar="METRIC", help="Only this metric.")] = None,
    months: Annotated[bool, typer.Option("--months", help="Month by month instead (the last --weeks months).")] = False,
    as_json: Annotated[bool, typer.Option("--json", help="Print JSON.")] = False,
) -> None:
    """Weekly (or monthly) actuals against targets per metric, with a sparkline
    and the achievement rate; periods without a target show as such, not as 0%.

    \b
    Examples:
      salelog trend
      salelog trend --weeks 12 --metric revenue
      salelog trend --months --weeks 6 --json
    """
    trend_actions.trend_show(ctx.obj, weeks=weeks, metric=metric, months=months, as_json=as_json)
