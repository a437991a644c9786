"""trend: weekly (or monthly) actuals against targets per metric."""

from datetime import timedelta

from .. import store
from ..context import Context
from ..errors import SalelogError
from ..i18n import tr
from ..periods import Period


def trend_show(
    run: Context, *, weeks: int = 8, metric: str | None = None, months: bool = False, as_json: bool = False
) -> None:
    """Per metric, the actual and target of each of the last `weeks` weeks (or
    months), a sparkline and the achievement rate; as a table or --json."""
    from ..periods import load_calendar

    if not 1 <= weeks <= 520:
        raise SalelogError(tr("--weeks {n} is out of range", n=weeks), tr("give 1 to 520"))
    now, calendar = run.now, load_calendar()
    periods = trend_periods(now.date(), weeks, months=months)
    conn = store.connect(run.db, create=False)
    with store.reading(conn):
        rows = trend_figures(conn, periods, calendar, metric=metric, months=months)
    unit = "month" if months else "week"
    if as_json:
        from .show import print_json

        print_json({"unit": unit, "metrics": rows})
        return
    from ..sheet import show
    from ..views_weekly import trend_blocks

    show(trend_blocks(rows, unit))


def trend_periods(last_day, count: int, *, months: bool = False) -> list[Period]:
    """The `count` weeks (or months) ending with the one holding `last_day`, oldest first."""
    from .. import review as rv
    from ..periods import month_of

    if not months:
        return rv.weeks_back(last_day, count)
    periods, day = [], month_of(last_day)
    for _ in range(count):
        periods.insert(0, day)
        day = month_of(day.start - timedelta(days=1))
    return periods


def trend_figures(conn, periods: list[Period], calendar, *, metric: str | None = None, months: bool = False) -> list:
    """trend --json's "metrics" rows for `periods` (in a reading transaction):
    per metric, actual and target of each period, their entries summed in one grouped read."""
    from .. import report
    from .. import review as rv
    from ..metrics import BUILT_IN, custom_metric, resolve_metric

    span = Period(periods[0].start, periods[-1].end)
    custom = store.custom_metric_names(conn)
    chosen = [resolve_metric(metric, custom)] if metric else [*BUILT_IN, *(custom_metric(n) for n in sorted(custom))]
    sums = store.sums_by_period(conn, periods)  # the span's entries summed by period in SQL
    activities = store.activities_in(conn, span)  # for activity metrics
    moves = store.money_moves_in(conn, span)  # counted in the period they happen in
    long_goals = store.goals_overlapping(conn, span.start.isoformat(), span.end.isoformat())
    week_goals = store.goals_overlapping(conn, span.start.isoformat(), span.end.isoformat(), weeks=True)
    actuals = {m.id: [] for m in chosen}
    targets = {m.id: [] for m in chosen}
    # Periods that end before the first entry ever have no actual (None), not 0.
    first = store.first_entry_at(conn)
    for period, period_sums in zip(periods, sums, strict=True):
        logging = first is not None and first < period.upper
        if months:
            period_targets = rv.month_targets(period, week_goals, long_goals, calendar)
        else:
            own = [g for g in week_goals if g["start_date"] == period.start.isoformat()]
            period_targets = {k: v[0] for k, v in report.week_targets(own, long_goals, period, calendar).items()}
        done = [a for a in activities if period.lower <= a["at"] < period.upper]
        period_moves = report.within(moves, period)
        for m in chosen:
            actuals[m.id].append(report.of_sums(m, period_sums, done, period_moves) if logging else None)
            targets[m.id].append(period_targets.get(m.id))
    shown = [m for m in chosen if metric or any(actuals[m.id]) or any(t is not None for t in targets[m.id])]
    return rv.trend_rows(periods, actuals, targets, shown)
