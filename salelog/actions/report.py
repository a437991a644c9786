"""report: the week (or a month) as one self-contained HTML page for a manager, from the
figures that review --json, week --json and trend --json give (their functions
are called here, nothing is recomputed), and the path of the last one written."""

import os
from datetime import datetime

from .. import store
from ..context import Context
from ..errors import SalelogError
from ..i18n import tr
from ..periods import Period
from ..text import visible

TREND_WEEKS = 12
DAILY_METRICS = ("visits", "calls", "emails", "deals")


def report_show(
    run: Context, *, week: str | None = None, month: str | None = None, html: str | None = None, open_page: bool = False
) -> None:
    """With `html`: write the week's (or `month`'s) report there (0600, all or nothing) and say
    where; without: print the path of the last report written (and --open it),
    or how to make one."""
    db_path = store.resolve_db_path(run.db)
    if html is None:
        last = last_report(db_path)
        if last is None:
            raise SalelogError(tr("no report written yet"), tr("make one: salelog report --html week.html"))
        print(visible(last, one_line=True))
        if open_page:
            open_in_browser(last)
        return
    from ..files import not_a_database, output_folder

    output_folder(html, option="--html", example="week.html")  # refused before any work
    not_a_database(html, [db_path], option="--html")
    page = weekly_page(run, week, month)
    path = os.path.abspath(html)
    write_report(path, page, db_path)
    print(tr("report written to {path}", path=visible(path, one_line=True)))
    if open_page:
        open_in_browser(path)


def weekly_page(run: Context, week: str | None, month: str | None = None) -> str:
    """The HTML of the week's (or month's) report, in the output language."""
    from ..htmlreport import weekly_html
    from ..i18n import chinese
    from ..periods import load_calendar
    from .review import reviewable_period

    now = run.now
    period = reviewable_period(now, week=week, month=month)
    conn = store.connect(run.db, create=False)
    with store.reading(conn):
        data = weekly_data(conn, period, now, load_calendar())
    return weekly_html(data, chinese=chinese())


def weekly_data(conn, period: Period, now: datetime, calendar) -> dict:
    """Everything the page shows (in a reading transaction): review --json's data,
    week's verdict, the days' activity, and trend's last 12 weeks (or months) of revenue."""
    from .. import report
    from ..metrics import BY_NAME
    from .review import gather, period_figures
    from .settings import owner_name
    from .trend import trend_figures, trend_periods

    review = gather(conn, period, now, calendar)
    entries, moves = store.entries_in(conn, period), store.money_moves_in(conn, period)
    figures = period_figures(conn, period, now, calendar, report.entry_sums(entries, period), moves)
    days = []
    for day in period.days():
        one = Period(day, day, kind="day")
        rows = report.within(entries, one)
        if rows or day in period.working_days(calendar):
            period_moves = report.within(moves, one)
            days.append(
                {"date": day.isoformat()}
                | {m: report.actual(BY_NAME[m], rows, one, (), period_moves) for m in DAILY_METRICS}
            )
    months = period.kind == "month"
    trend = trend_figures(
        conn, trend_periods(period.start, TREND_WEEKS, months=months), calendar, metric="revenue", months=months
    )
    return {
        "review": review,
        "name": owner_name(conn) or login_name(),
        "verdict": report.verdict(figures),
        "days": days,
        "trend": trend[0],
        "written_at": now.isoformat(timespec="minutes"),
    } | _pipeline_data(conn, now)


def _pipeline_data(conn, now: datetime) -> dict:
    """The pipeline's figures for the page (pipeline --json's), once there are deals
    open or closed in the last 90 days."""
    from ..deals import ladder
    from ..pipeline import pipeline_record
    from .deal import pipeline_of

    figures = pipeline_of(conn, ladder(), today=now.date())
    if not any(r["count"] for r in figures["stages"]) and figures["won"] + figures["lost"] == 0:
        return {}
    return {"pipeline": pipeline_record(figures)}


def login_name() -> str:
    import getpass

    try:
        return getpass.getuser()
    except (OSError, KeyError):  # no $USER and no passwd entry (some containers)
        return ""


def last_report_file(db_path: str) -> str:
    """Where the path of the last report is kept: beside the database, owner-only."""
    return db_path + ".last-report"


def last_report(db_path: str) -> str | None:
    try:
        with open(last_report_file(db_path), encoding="utf-8") as handle:
            return handle.read().strip() or None
    except FileNotFoundError:
        return None
    except OSError as e:
        raise SalelogError(
            tr("cannot read {path}: {reason}", path=last_report_file(db_path), reason=e.strerror),
            tr("check its permissions"),
        ) from None


def write_report(path: str, page: str, db_path: str) -> None:
    """The page to `path`, then its path beside the database (both 0600, all or nothing)."""
    from ..files import write_private

    write_private(path, page.encode("utf-8"), option="--html", example="week.html")
    try:
        write_private(last_report_file(db_path), (path + "\n").encode("utf-8"))
    except SalelogError as e:  # the report itself is written: say so, but do not fail for this
        import sys

        print(tr("warning: {problem}", problem=e.message), file=sys.stderr)


def open_in_browser(path: str) -> None:
    import webbrowser
    from pathlib import Path

    if not webbrowser.open(Path(path).as_uri()):
        raise SalelogError(tr("no browser to open {path}", path=path), tr("open the file yourself"))
