"""day / day note: the day's report at the end of the day (日报), and one line about the day."""

from datetime import date, datetime

from .. import store
from ..context import Context
from ..errors import SalelogError
from ..i18n import tr, weekday
from ..periods import Period
from ..text import check_text, visible


def day_show(run: Context, *, date: str | None = None, as_json: bool = False, markdown: bool = False) -> None:
    """The day's report (today unless --date) as a screen, --json or --markdown."""
    from ..periods import load_calendar

    now, calendar = run.now, load_calendar()
    day = _day(date, now)
    conn = store.connect(run.db, create=False)
    with store.reading(conn):
        data = day_data(conn, day, now, calendar)
    if as_json:
        from .show import print_json

        print_json(data)
    elif markdown:
        from ..views_day import day_markdown

        print(day_markdown(data), end="")
    else:
        from ..sheet import show
        from ..views_day import day_blocks

        show(day_blocks(data))


def day_data(conn, day: date, now: datetime, calendar) -> dict:
    """Everything the day's report shows, as the JSON it prints: each metric's
    quota (its share of the targets in force, report.period_targets) against
    the day's actual, the entries, tasks, follow-ups, deals moved, the next
    working day's list and the day's note."""
    from .. import dayreport, report
    from ..activities import time_split
    from ..metrics import BUILT_IN, custom_metric
    from ..periods import is_working_day

    next_day = dayreport.next_working_day(day, calendar)
    one = Period(day, day, "day")
    iso, next_iso = day.isoformat(), next_day.isoformat()
    weeks = WeekRows(conn)
    entries, activities, moves = (report.within(rows, one) for rows in weeks.of(day))
    custom = store.custom_metric_names(conn)
    figures = report.period_figures(
        entries, morning_quotas(weeks, day, now, calendar), custom, one, now, calendar, activities, moves
    )
    metrics = [*BUILT_IN, *(custom_metric(n) for n in sorted(custom))]
    quotas = dayreport.quota_rows(metrics, morning_quotas(weeks, next_day, now, calendar))
    tasks = store.tasks_around(conn, iso, next_iso)
    followups = store.followups_around(conn, iso, next_iso)
    notes = store.day_notes(conn, iso, iso)
    return dayreport.day_json(
        day=day,
        working_day=is_working_day(day, calendar),
        figures=figures,
        tasks=dayreport.task_counts(tasks, iso),
        followups=dayreport.followup_counts(followups, iso),
        tomorrow=dayreport.tomorrow_list(tasks, followups, quotas, next_iso),
        next_day=next_day,
        note=notes[0] if notes else None,
        time=time_split(entries, activities),
    ) | {"deals": deals_moved(conn, one)}


def deals_moved(conn, day: Period) -> list[dict]:
    """The day's deal moves (created, advanced, moved back, won, lost), oldest
    first: `id`, `title`, `customer`, `from` (null for a new deal), `to`, `at`."""
    if not store.has_deals(conn):
        return []
    moves = []
    for change in store.stage_changes_between(conn, day.lower, day.upper):
        deal = store.deal(conn, change["deal_id"])
        moves.append(
            {"id": deal["id"], "title": deal["title"], "customer": deal["customer"]}
            | {"from": change["from_stage"], "to": change["to_stage"], "at": change["at"]}
        )
    return moves


class WeekRows:
    """The entries, activities and money moves of a day's week, read once: the day,
    its quota and the next working day's (most often the same week) all use them."""

    def __init__(self, conn):
        self.conn, self.read = conn, {}

    def of(self, day: date) -> tuple[list[dict], list[dict], list[dict]]:
        from ..periods import week_of

        week = week_of(day)
        if week not in self.read:
            readers = (store.entries_in, store.activities_in, store.money_moves_in)
            self.read[week] = tuple(read(self.conn, week) for read in readers)
        return self.read[week]


def morning_quotas(weeks: WeekRows, day: date, now: datetime, calendar) -> dict[str, tuple]:
    """`day`'s quota per metric as `today` shows it that morning (report.daily_quotas:
    what was left of the week's targets over its working days left) -> metric ->
    (quota, "quota", []), the targets report.period_figures takes."""
    from .. import report
    from ..periods import week_of
    from .progress import week_figures

    entries, activities, moves = weeks.of(day)
    figures = week_figures(weeks.conn, week_of(day), now, calendar, entries, activities=activities, moves=moves)
    quotas = report.quotas_that_morning(figures, entries, activities, moves, day, calendar)
    return {q["metric"].id: (q["catch_up"], "quota", []) for q in quotas if q["catch_up"] is not None}


def review_extras(conn, week: Period, minutes: int) -> dict:
    """What the week review shows of the day book: time with customers against
    the rest (`minutes`: the week's entries'), and each day's note."""
    from ..activities import minutes_split

    notes = store.day_notes(conn, week.start.isoformat(), week.end.isoformat())
    return {
        "time": minutes_split(minutes, store.activities_in(conn, week)),
        "day_notes": [{"date": n["day"], "text": n["text"], "mood": n["mood"]} for n in notes],
    }


def day_note(run: Context, *, text: str, mood: str | None = None, date: str | None = None) -> None:
    """Keep one line about the day (today unless --date), with a mood of 1-5;
    writing again replaces it and keeps the earlier one in history."""
    line = (check_text(text, "day note", one_line=True) or "").strip()
    if not line:
        raise SalelogError(
            "the day note is empty",
            'write one line about the day, e.g. salelog day note "下午客户临时取消，补打了电话"',
        )
    score = parse_mood(mood)
    day = _day(date, run.now)
    conn = store.connect(run.db)
    with store.writing(conn, undo_as=f"day note {day}"):
        earlier = store.day_notes(conn, day.isoformat(), day.isoformat())
        store.add_day_note(conn, day.isoformat(), line, score, run.now)
    shown = tr("note for {day}", day=f"{weekday(day.weekday())} {day}")
    if score is not None:
        shown += tr(" (mood {mood}/5)", mood=score)
    shown += ": " + visible(line)
    if earlier:
        shown += tr(" (replaces the earlier one; kept in history)")
    print(shown)


def parse_mood(text: str | None) -> int | None:
    """--mood as typed -> 1..5 (None when not given); else a SalelogError."""
    if text is None:
        return None
    value = text.strip()
    if not (value.isascii() and value.isdigit() and 1 <= int(value) <= 5):
        raise SalelogError(
            'mood "{text}" is not 1-5',
            "give a whole number from 1 (bad) to 5 (great); nothing was written",
            text=value[:20],
        )
    return int(value)


def _day(text: str | None, now: datetime) -> date:
    if text is None:
        return now.date()
    if not text.strip():
        raise SalelogError("--date is empty", "give a day, e.g. --date yesterday, or leave --date out for today")
    from ..parse import parse_date

    return parse_date(text, now)
