"""Today's streak: working days in a row with the day's quota met.

Pure: a day's quota is report.daily_quotas as of that morning (what was left
of the week's targets over the working days left), its actual report.of_sums.
"""

from datetime import date

from .periods import Period
from .report import entry_sums, of_sums, quotas_that_morning


def quota_met(
    figures, entries: list[dict], day: date, calendar=None, activities: list[dict] = (), moves: list[dict] = ()
) -> bool | None:
    """Whether every metric with a target in `figures` (a week's PeriodFigures;
    `entries`, `activities` and `moves` its rows: store.entries_in, activities_in,
    money_moves_in) met `day`'s quota; None when the week has no target, FREE when
    nothing was asked of the day (its targets already met)."""
    one_day = Period(day, day, kind="day")

    def on(rows: list[dict]) -> list[dict]:
        return [r for r in rows if one_day.lower <= r["at"] < one_day.upper]

    quotas = quotas_that_morning(figures, entries, activities, moves, day, calendar)
    if not quotas:
        return None
    if not any(q["catch_up"] for q in quotas):
        return FREE
    on_day, done_on_day, moved_on_day = on(entries), on(activities), on(moves)
    sums = entry_sums(on_day, one_day)
    return all(of_sums(q["metric"], sums, done_on_day, moved_on_day) >= (q["catch_up"] or 0) for q in quotas)


FREE = "free"  # a day with a quota of nothing: it neither counts nor breaks a run


def streak(weeks, today: date, calendar=None) -> dict:
    """`weeks`: (figures, entries, activities, money moves) of today's week, then
    of each earlier one (read as needed) -> {"days": working days in a row up to
    today with the quota met, "since": the first of them (ISO) or None, "today":
    whether today's is met}. Today counts once met and does not break the run
    before it is over; days off and days with nothing left to do neither count
    nor break it; a working day without a target ends it."""
    run, today_met = [], False
    for figures, entries, activities, moves in weeks:
        for day in reversed(figures.period.working_days(calendar)):
            if day > today:
                continue
            met = quota_met(figures, entries, day, calendar, activities, moves)
            if met == FREE:
                continue
            if day == today:
                today_met = bool(met)
            elif not met:
                return _streak(run, today_met)
            if met:
                run.append(day)
    return _streak(run, today_met)


def _streak(run: list[date], today_met: bool) -> dict:
    return {"days": len(run), "since": run[-1].isoformat() if run else None, "today": today_met}
