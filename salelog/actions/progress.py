"""week / today: where the salesperson stands against the targets."""

from datetime import datetime, timedelta

from .. import store
from ..context import Context
from ..periods import Period, parse_week, week_of
from .show import print_json


def week_show(run: Context, *, week: str | None = None, as_json: bool = False) -> None:
    """Target against actual for the week, as a table or --json."""
    from ..periods import load_calendar

    now, calendar = run.now, load_calendar()
    period = parse_week(week, now)
    conn = store.connect(run.db, create=False)
    last_week = (period.start - timedelta(days=7)).isoformat()
    with store.reading(conn):
        figures = week_figures(conn, period, now, calendar)
        plan = store.plan_items(conn, since=last_week, until=last_week)  # last week's review checked here
        rewards = week_rewards(conn, period, figures)
        deals = store.has_deals(conn) and store.open_deals(conn, period.start.isoformat(), period.end.isoformat())
    data = week_json(figures)
    closing = week_pipeline(deals, period, figures) if deals is not False else None
    if as_json:
        from .rewards import rewards_json

        print_json(
            data
            | {"last_week_plan": plan, "rewards": rewards_json(rewards)}
            | ({"pipeline": closing} if closing else {})
        )
    elif data["week_over"]:  # a look back: met or missed, not a pace
        from ..sheet import show
        from ..views import _width
        from ..views_weekly import week_over_blocks

        show(week_over_blocks(figures, data["metrics"], plan, wide=_width() >= 80))
    else:
        from .. import views

        views.print_week(figures, plan, pipeline_lines(closing))
    if closing and data["week_over"] and not as_json:
        from ..sheet import show

        show(pipeline_lines(closing, over=True))
    if rewards and not as_json:
        from ..sheet import show
        from ..views_goals import reward_blocks

        show(reward_blocks(rewards))


def pipeline_lines(closing: dict | None, over: bool = False) -> list:
    if not closing:
        return []
    from ..views import week_pipeline_line

    return [week_pipeline_line(closing, over)]


def week_rewards(conn, week: Period, figures) -> list[dict]:
    """The week's rewards (actions/rewards.py), read only when the logbook has any."""
    if not store.any_rewards(conn):
        return []
    from .rewards import week_rewards

    return week_rewards(conn, week, figures)


def week_pipeline(deals: list[dict], period: Period, figures) -> dict:
    """The week's line about deals: the weighted value of open deals expected to
    close in it beside the revenue still needed (yuan; None without a revenue target)."""
    from ..deals import closing_in, ladder
    from ..money import yuan
    from ..report import revenue_still_needed

    return {
        "weighted_closing": yuan(closing_in(deals, period, ladder())),
        "revenue_needed": yuan(revenue_still_needed(figures)),
    }


def week_json(figures) -> dict:
    """report.figures_json, with whether the week's working time is over and each
    metric's verdict (met / missed once over; met / on pace / behind before)."""
    from .. import report
    from ..report import metric_verdict, week_over

    data = report.figures_json(figures)
    over = week_over(figures)
    for m, f in zip(data["metrics"], figures.metrics, strict=True):
        m["verdict"] = metric_verdict(f, over)
    return data | {"week_over": over}


def week_figures(
    conn,
    week: Period,
    now: datetime,
    calendar,
    entries: list[dict] | None = None,
    sums=None,
    *,
    activities=None,
    moves=None,
):
    """The week's figures, its targets being its own or derived from longer ones
    (`entries`, `activities`, `moves`: the week's rows, when the caller has read
    them already; or `sums`, its entry sums: store.period_sums); its
    cancellations and payments counted in it (report.actual)."""
    from .. import report

    targets = report.week_targets(
        store.goal_settings(conn, week),
        store.goals_overlapping(conn, week.start.isoformat(), week.end.isoformat()),
        week,
        calendar,
    )
    if sums is None:
        sums = report.entry_sums(store.entries_in(conn, week) if entries is None else entries, week)
    return report.figures_of_sums(
        sums,
        targets,
        store.custom_metric_names(conn),
        week,
        now,
        calendar,
        store.activities_in(conn, week) if activities is None else activities,  # a custom metric may count minutes
        store.money_moves_in(conn, week) if moves is None else moves,
    )


NOT_A_WORKING_DAY = {"state": "not a working day", "text": "not a working day", "behind": []}


def today_show(run: Context, *, as_json: bool = False) -> None:
    """Today: the day's quota against actual per metric beside the week's
    position, today's tasks by quadrant, follow-ups due, and a verdict."""
    from .. import report
    from ..periods import load_calendar

    now, calendar = run.now, load_calendar()
    today = Period(now.date(), now.date(), kind="day")
    week = week_of(now.date())
    conn = store.connect(run.db, create=False)
    with store.reading(conn):
        week_entries, activities, moves = (
            read(conn, week) for read in (store.entries_in, store.activities_in, store.money_moves_in)
        )
        week_fig = week_figures(conn, week, now, calendar, week_entries, activities=activities, moves=moves)
        tasks = report.task_rows(store.tasks(conn, due_by=today.start.isoformat()), today.start)
        followups = [f for f in report.followup_rows(store.open_followups(conn), today.start) if report.needs_action(f)]
        custom = store.custom_metric_names(conn)
        streak = today_streak(conn, (week_fig, week_entries, activities, moves), now, calendar)
    quotas = report.quotas_that_morning(week_fig, week_entries, activities, moves, today.start, calendar)
    targets = {q["metric"].id: (q["catch_up"], "quota") for q in quotas if q["catch_up"] is not None}
    day_entries, done_today, moves_today = (report.within(rows, today) for rows in (week_entries, activities, moves))
    day_fig = report.period_figures(day_entries, targets, custom, today, now, calendar, done_today, moves_today)
    from ..periods import is_working_day

    working_day = is_working_day(today.start, calendar)
    # On a day off, the pace of the week is not today's news (the week's figures still are).
    summary = report.verdict(week_fig) if working_day else NOT_A_WORKING_DAY
    if as_json:
        print_json(
            report.figures_json(day_fig)
            | {
                "quotas": [report.quota_json(q) for q in quotas],
                "week": report.figures_json(week_fig),
                "verdict": summary,
                "working_day": working_day,
                "tasks": tasks,
                "followups": followups,
                "streak": streak,
            }
        )
        return
    from .. import views
    from ..sheet import Line, show
    from ..views_goals import streak_line

    views.print_today(day_fig, week_fig, quotas, summary, tasks, followups)
    if quotas:
        show([Line("")] * bool(tasks or followups) + [streak_line(streak)])  # set apart from a list above it


STREAK_WEEKS = 26  # how far back a streak is followed (today is a daily command)


def today_streak(conn, this_week: tuple, now: datetime, calendar) -> dict:
    """streak.streak over this week (its figures, entries, activities and money
    moves, read already) and the earlier ones, each read only if the run reaches it."""
    from ..streak import streak

    def weeks():
        week = this_week[0].period
        yield this_week
        for _ in range(STREAK_WEEKS - 1):
            week = week_of(week.start - timedelta(days=1))
            entries, activities, moves = (
                read(conn, week) for read in (store.entries_in, store.activities_in, store.money_moves_in)
            )
            figures = week_figures(conn, week, now, calendar, entries, activities=activities, moves=moves)
            yield figures, entries, activities, moves

    return streak(weeks(), now.date(), calendar)
