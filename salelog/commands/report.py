"""salelog report: the week as one HTML page a manager opens in a browser.
Declarations and help only; the body is in salelog/actions/report.py."""

from typing import Annotated

import typer

from ..actions import report as report_actions


def report(
    ctx: typer.Context,
    week: Annotated[
        str | None,
        typer.Option(
            "--week", "-w", metavar="DATE", help="Any day of the week, or last/this, 上周 (default: this week)."
        ),
    ] = None,
    month: Annotated[
        str | None,
        typer.Option("--month", metavar="YYYY-MM", help="A month's report instead: 2026-10, last, this."),
    ] = None,
    html: Annotated[
        str | None,
        typer.Option("--html", metavar="FILE", help="Write the report to FILE (owner-only, replaced whole)."),
    ] = None,
    open_page: Annotated[
        bool, typer.Option("--open", help="Open it in the default browser (without --html: the last one).")
    ] = False,
) -> None:
    """The week's report as one self-contained HTML file: target against actual
    for every metric (chart and table, the figures of review --json), activity
    day by day, revenue over the last 12 weeks, effort by customer class against
    revenue, the improvement notes, last week's plan and how it was kept, the
    reflection and next week's plan. Nothing in it loads from a server; it
    prints on A4 and reads on a phone. Without --html: the path of the last
    report written. --month: the month's report, with the month review's
    figures (against the 3 latest earlier months with data) and when you sell best.

    \b
    Examples:
      salelog report --html week.html --open
      salelog report --week last --html ~/reports/2026-W47.html --lang zh
      salelog report --month 2026-11 --html 2026-11.html
      salelog report
    """
    report_actions.report_show(ctx.obj, week=week, month=month, html=html, open_page=open_page)
