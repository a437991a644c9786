"""Today's streak: working days in a row with the day's quota met.

Pure: a day's quota is report.daily_quotas as of that morning (what was left
of the week's targets over the working days left), its actual report.actual.
"""

from datetime import date

from .periods import Period
from .report import actual, daily_quotas


def quota_met(figures, entries: list[dict], day: date, calendar=None, moves: list[dict] = ()) -> bool | None:
    """Whether every metric with a target in `figures` (a week's PeriodFigures,
    `entries` and `moves` its rows: store.entries_in, store.money_moves_in) met `day`'s quota;
    None when the week has no target."""
    one_day = Period(day, day, kind="day")
    before = [e for e in entries if e["at"] < one_day.lower]
    on_day = [e for e in entries if one_day.lower <= e["at"] < one_day.upper]
    moves_before = [c for c in moves if c["at"] < one_day.lower]
    moves_on_day = [c for c in moves if one_day.lower <= c["at"] < one_day.upper]
    done_before = {f.metric.id: actual(f.metric, before, figures.period, (), moves_before) for f in figures.metrics}
    quotas = daily_quotas(figures, done_before, day, calendar)
    if not quotas:
        return None
    return all(actual(q["metric"], on_day, one_day, (), moves_on_day) >= (q["catch_up"] or 0) for q in quotas)


def streak(weeks, today: date, calendar=None) -> dict:
    """`weeks`: (figures, entries, money moves) of today's week, then of each earlier one (read
    as needed) -> {"days": working days in a row up to today with the quota met,
    "since": the first of them (ISO) or None, "today": whether today's is met}.
    Today counts once met and does not break the run before it is over; days
    off neither count nor break it; a working day without a target ends it."""
    run, today_met = [], False
    for figures, entries, moves in weeks:
        for day in reversed(figures.period.working_days(calendar)):
            if day > today:
                continue
            met = quota_met(figures, entries, day, calendar, moves)
            if day == today:
                today_met = bool(met)
            elif not met:
                return _streak(run, today_met)
            if met:
                run.append(day)
    return _streak(run, today_met)


def _streak(run: list[date], today_met: bool) -> dict:
    return {"days": len(run), "since": run[-1].isoformat() if run else None, "today": today_met}
