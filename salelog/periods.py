"""Weeks and working time, shared by the store, the report and the commands.

A week runs Monday to Sunday. Working days are Monday to Friday, 09:00-18:00;
"where the week should be by now" is linear over that working time.
"""

from collections import namedtuple
from datetime import date, datetime, timedelta

from .errors import SalelogError

WORKING_WEEKDAYS = (0, 1, 2, 3, 4)
WORKDAY_START_HOUR = 9
WORKDAY_END_HOUR = 18


class Period(namedtuple("Period", "start end kind", defaults=("week",))):
    """start and end dates (both inclusive); kind: week, day, ...
    A namedtuple rather than a dataclass to keep `import dataclasses` off the hot path."""

    __slots__ = ()

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

    def working_days(self) -> list[date]:
        return [d for d in self.days() if d.weekday() in WORKING_WEEKDAYS]


def week_of(day: date) -> Period:
    """The Monday-to-Sunday week holding `day`."""
    monday = day - timedelta(days=day.weekday())
    return Period(monday, monday + timedelta(days=6))


LAST_WEEK_WORDS = {"last", "last-week", "last week", "prev", "previous", "上周", "上星期", "上週", "上个星期"}
THIS_WEEK_WORDS = {"this", "this-week", "this week", "current", "本周", "这周", "這週", "本星期", "这个星期"}
NEXT_WEEK_WORDS = {"next", "next-week", "next week", "下周", "下星期", "下週", "下个星期"}
WEEKS_BEFORE_LAST = {"上上周", "上上星期", "week before last"}


def parse_week(text: str | None, now: datetime) -> Period:
    """--week: last / this / next (上周/本周/下周), an ISO week (2026-W48), or any day
    of the week (every date form parse_date reads). None means this week."""
    from .parse import parse_date

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
    if "-w" in word:
        try:
            return week_of(date.fromisoformat(word.upper() + "-1"))
        except ValueError:
            raise SalelogError(
                f'"{text[:40]}" is not an ISO week', "write e.g. 2026-W48, last, or any date of that week"
            ) from None
    try:
        return week_of(parse_date(text, now, prefer="past"))
    except SalelogError as e:
        raise SalelogError(
            f'cannot read week "{text[:40]}"', "use last, this, next, 上周, 本周, 2026-W48, or any date of that week"
        ) from e


def elapsed_fraction(period: Period, now: datetime) -> float:
    """Share of the period's working time gone by `now`: 0.0 before it starts,
    1.0 once it is over, linear over 09:00-18:00 of each working day."""
    working = period.working_days()
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
