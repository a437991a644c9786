"""Periods (day, week, month, quarter, year) and working time, shared by the
store, the report and the commands.

A week runs Monday to Sunday (the config's week_start may name another first
day: week_of() is the one place that decides). Working days are Monday to Friday, 09:00-18:00,
less the config's holidays, plus its make-up working days (调休); "where the
week should be by now" is linear over that working time.
"""

from _operator import itemgetter  # operator.py, which re-exports it, costs ~1 ms a start-up
from datetime import date, datetime, timedelta

from .errors import SalelogError

WORKING_WEEKDAYS = (0, 1, 2, 3, 4)
WORKDAY_START_HOUR = 9
WORKDAY_END_HOUR = 18


class Period(tuple):
    """start and end dates (both inclusive); kind: week, day, ...
    A tuple with its fields named by hand: collections.namedtuple compiles code
    for each type (~0.5M instructions of every start-up), and a dataclass would
    import dataclasses."""

    __slots__ = ()

    def __new__(cls, start: date, end: date, kind: str = "week"):
        return tuple.__new__(cls, (start, end, kind))

    start = property(itemgetter(0))
    end = property(itemgetter(1))
    kind = property(itemgetter(2))

    def __getnewargs__(self):
        return tuple(self)

    def __repr__(self) -> str:
        return f"Period({self.start!r}, {self.end!r}, {self.kind!r})"

    def _replace(self, **changes) -> "Period":
        return Period(**{"start": self.start, "end": self.end, "kind": self.kind, **changes})

    @property
    def lower(self) -> str:
        """The first instant, as stored in entries.at (for >= comparisons)."""
        return f"{self.start.isoformat()} 00:00:00"

    @property
    def upper(self) -> str:
        """The instant after the last, as stored in entries.at (for < comparisons)."""
        return f"{(self.end + timedelta(days=1)).isoformat()} 00:00:00"

    def days(self) -> list[date]:
        return [self.start + timedelta(days=i) for i in range((self.end - self.start).days + 1)]

    def working_days(self, calendar: "Calendar | None" = None) -> list[date]:
        return [d for d in self.days() if is_working_day(d, calendar)]

    def label(self) -> str:
        """2026-W48, 2026-11, 2026Q4, 2026, 2026-11-25."""
        if self.kind == "week":
            # The ISO week most of its whole week falls in: a week cut at a month's start
            # (2027-01-01 to 01-03) is still 2026-W53.
            first = self.start if self.end - self.start == timedelta(days=6) else week_of(self.start).start
            iso = (first + timedelta(days=3)).isocalendar()
            return f"{iso.year}-W{iso.week:02d}"
        if self.kind == "month":
            return f"{self.start:%Y-%m}"
        if self.kind == "quarter":
            return f"{self.start.year}Q{(self.start.month - 1) // 3 + 1}"
        if self.kind == "year":
            return str(self.start.year)
        return self.start.isoformat()


class Calendar:
    """holidays: weekdays off; workdays: weekend days worked (调休). From the config.
    A plain class: a namedtuple costs ~0.2 ms of every start-up."""

    __slots__ = ("holidays", "workdays")

    def __init__(self, holidays: frozenset = frozenset(), workdays: frozenset = frozenset()):
        self.holidays, self.workdays = holidays, workdays


def load_calendar() -> Calendar:
    """The working calendar from the config file (Mon-Fri when there is none)."""
    from . import config

    data = config.load()
    return Calendar(config.dates(data, "holidays"), config.dates(data, "workdays")) if data else Calendar()


def is_working_day(day: date, calendar: Calendar | None = None) -> bool:
    if calendar and day in calendar.workdays:
        return True
    if calendar and day in calendar.holidays:
        return False
    return day.weekday() in WORKING_WEEKDAYS


def next_working_day(day: date, calendar: Calendar | None = None) -> date:
    """The first working day after `day` (a Friday's is Monday, past holidays)."""
    following = day + timedelta(days=1)
    while not is_working_day(following, calendar):
        following += timedelta(days=1)
    return following


def month_of(day: date) -> Period:
    following = date(day.year + day.month // 12, day.month % 12 + 1, 1)
    return Period(date(day.year, day.month, 1), following - timedelta(days=1), kind="month")


def quarter_of(day: date) -> Period:
    first_month = (day.month - 1) // 3 * 3 + 1
    start = date(day.year, first_month, 1)
    return Period(start, month_of(date(day.year, first_month + 2, 1)).end, kind="quarter")


def year_of(day: date) -> Period:
    return Period(date(day.year, 1, 1), date(day.year, 12, 31), kind="year")


def period_before(period: Period) -> Period:
    """The period of the same kind (week, month, quarter, year) just before `period`."""
    day = period.start - timedelta(days=1)
    of = {"month": month_of, "quarter": quarter_of, "year": year_of}.get(period.kind, week_of)
    return of(day)


def first_from(moments: list[str], bound: str) -> int:
    """The index of the first of the sorted `moments` at or after `bound`: bisect_left
    written out, as `import bisect` loads a shared library (~0.4 ms of `today`)."""
    low, high = 0, len(moments)
    while low < high:
        middle = (low + high) // 2
        if moments[middle] < bound:
            low = middle + 1
        else:
            high = middle
    return low


def period_after(period: Period) -> Period:
    """The period of the same kind just after `period`."""
    day = period.end + timedelta(days=1)
    of = {"month": month_of, "quarter": quarter_of, "year": year_of}.get(period.kind, week_of)
    return of(day)


def split_exactly(total: int, days: list[date]) -> dict[date, int]:
    """Share `total` (fen or a count) over `days` in whole units, spread evenly:
    day i gets the running share up to it, rounded down, less the one before
    (600 visits over 261 days: 2 or 3 a day all year, not 3s in January). The
    shares add up exactly to `total`."""
    count = len(days)
    return {day: total * (i + 1) // count - total * i // count for i, day in enumerate(days)}


def week_of(day: date) -> Period:
    """The week holding `day`: Monday to Sunday, unless the config's week_start
    names another first day."""
    first = day - timedelta(days=(day.weekday() - first_weekday()) % 7)
    return Period(first, first + timedelta(days=6))


def first_weekday() -> int:
    """0 (Monday) to 6 (Sunday): the day weeks start on."""
    from . import config

    return config.WEEKDAYS.index(config.once("week_start"))


def week_number(week: Period) -> int:
    """The ISO number of the week most of `week` falls in (its own, for Monday-start weeks)."""
    return (week.start + timedelta(days=3)).isocalendar().week


LAST_WEEK_WORDS = {"last", "last-week", "last week", "prev", "previous", "上周", "上星期", "上週", "上个星期"}
THIS_WEEK_WORDS = {"this", "this-week", "this week", "current", "本周", "这周", "這週", "本星期", "这个星期"}
NEXT_WEEK_WORDS = {"next", "next-week", "next week", "下周", "下星期", "下週", "下个星期"}
WEEKS_BEFORE_LAST = {"上上周", "上上星期", "week before last"}
WEEKS_AFTER_NEXT = {"下下周", "下下星期", "下下礼拜", "week after next"}


def parse_week(text: str | None, now: datetime) -> Period:
    """--week: last / this / next (上周/本周/下周), an ISO week (2026-W48), or any day
    of the week (every date form parse_date reads). None means this week."""
    this_week = week_of(now.date())
    if text is None:
        return this_week
    word = text.strip().lower()
    if word in THIS_WEEK_WORDS:
        return this_week
    if word in LAST_WEEK_WORDS:
        return week_of(this_week.start - timedelta(days=7))
    if word in WEEKS_BEFORE_LAST:
        return week_of(this_week.start - timedelta(days=14))
    if word in NEXT_WEEK_WORDS:
        return week_of(this_week.start + timedelta(days=7))
    if word in WEEKS_AFTER_NEXT:
        return week_of(this_week.start + timedelta(days=14))
    if "-w" in word:
        try:
            return week_of(date.fromisoformat(word.upper() + "-1"))
        except ValueError:
            raise SalelogError(
                '"{text}" is not an ISO week', "write e.g. 2026-W48, last, or any date of that week", text=text[:40]
            ) from None
    from .parse import parse_date  # not for None or a word: week and today do not load it

    try:
        return week_of(parse_date(text, now, prefer="past"))
    except SalelogError as e:
        raise SalelogError(
            'cannot read week "{text}"',
            "use last, this, next, 上周, 本周, 2026-W48, or any date of that week",
            text=text[:40],
        ) from e


def elapsed_fraction(period: Period, now: datetime, calendar: Calendar | None = None) -> float:
    """Share of the period's working time gone by `now`: 0.0 before it starts,
    1.0 once it is over, linear over 09:00-18:00 of each working day."""
    working = period.working_days(calendar)
    if not working:
        return 1.0 if now.date() > period.end else 0.0
    done = 0.0
    for day in working:
        if day < now.date():
            done += 1
        elif day == now.date():
            hours = now.hour + now.minute / 60 - WORKDAY_START_HOUR
            done += min(max(hours / (WORKDAY_END_HOUR - WORKDAY_START_HOUR), 0.0), 1.0)
    return done / len(working)


def period_of(kind: str, day: date) -> Period:
    """The week, month, quarter or year holding `day`."""
    return {"week": week_of, "month": month_of, "quarter": quarter_of, "year": year_of}[kind](day)
