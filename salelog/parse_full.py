"""The full rules for what users type, read when parse.py's plain forms do not
match: numbers in Chinese numerals and mixes (一万二, 三千五, 1万2, 2亿3000万),
and dates and times in words or patterns (regular expressions: 11月20日,
下个月5号, 3天前, 下午3点, 昨晚, Nov 20). Apart so that the commands typed most
(3500, 1.2w, fri, 周五) do not load it; parse.py's public functions are the way in.
"""

import re
from datetime import date, datetime, time

from .errors import SalelogError
from .parse import (
    _CN_WEEKDAY,
    _DATE_HINT,
    _DAY_OFFSETS,
    WEEKDAY_NAMES,
    _chinese_weekday,
    _date_error,
    _english_weekday,
    _month_days,
    _month_of,
    _quote,
    _shift,
)

_CN_DIGIT = {"零": 0, "〇": 0, "一": 1, "壹": 1, "二": 2, "贰": 2, "两": 2}
_CN_DIGIT |= {"三": 3, "叁": 3, "四": 4, "肆": 4, "五": 5, "伍": 5, "六": 6}
_CN_DIGIT |= {"陆": 6, "七": 7, "柒": 7, "八": 8, "捌": 8, "九": 9, "玖": 9}
_CN_DIGITS = "".join(_CN_DIGIT)

# Units as powers of ten. k/w are how people type 千/万 on a Latin keyboard.
_UNIT = {"十": 1, "拾": 1, "百": 2, "佰": 2, "千": 3, "仟": 3, "k": 3}
_UNIT |= {"万": 4, "萬": 4, "w": 4, "亿": 8, "億": 8}

_NUM_TOKEN = (
    r"\s*(?:"
    r"(?P<num>[0-9]{1,3}(?:,[0-9]{3})+(?:\.[0-9]+)?|[0-9]+(?:\.[0-9]+)?)"
    rf"|(?P<cn>[{_CN_DIGITS}])(?:点(?P<cnfrac>[{_CN_DIGITS}]+))?"
    rf"|(?P<unit>[{''.join(_UNIT)}])"
    r")"
)


class _Unreadable(Exception):
    """Internal: the text is not a number we understand (never escapes)."""


# (kind, value, fraction digits, digits written before the point)
_Token = tuple[str, int, str, int]


def _tokenise(text: str) -> tuple[list[_Token], int]:
    """Split into tokens: 'num' (Arabic), 'cn' (a Chinese digit), 'zero' (零 as
    a gap marker) and 'unit' (value is the power of ten).

    Returns the tokens and the largest number of decimal places seen, so the
    evaluator can work in integers scaled by 10**places.
    """
    tokens: list[_Token] = []
    pattern = re.compile(_NUM_TOKEN)
    pos, places = 0, 0
    while pos < len(text):
        m = pattern.match(text, pos)
        if not m:
            raise _Unreadable
        pos = m.end()
        if m["num"]:
            whole, _, frac = m["num"].replace(",", "").partition(".")
            tokens.append(("num", int(whole), frac, len(whole)))
        elif m["cn"]:
            frac = "".join(str(_CN_DIGIT[c]) for c in m["cnfrac"] or "")
            digit = _CN_DIGIT[m["cn"]]
            kind = "zero" if digit == 0 and not frac else "cn"
            tokens.append((kind, digit, frac, 1))
        else:
            tokens.append(("unit", _UNIT[m["unit"]], "", 0))
        places = max(places, len(tokens[-1][2]))
    if not tokens:
        raise _Unreadable
    return tokens, places


def _read_number(text: str) -> tuple[int, int]:
    """Read a non-negative number; returns (value * 10**places, places).

    Follows how Chinese numerals are read: small units (十百千) descend within a
    万-section, 万 and 亿 close sections, 零 marks a gap. A lone digit right
    after a unit is the colloquial short form: 一万二 = 12000, 三千五 = 3500,
    1k5 = 1500. A multi-digit Arabic tail must fill the unit's places exactly
    (1万2500 is fine, 1万25 is ambiguous and rejected).
    """
    tokens, places = _tokenise(text)
    one = 10**places
    done = 0  # everything up to and including the last 亿
    wan_section = 0  # the 万 part after that
    small = 0  # the current section below 万
    pending: tuple[int, int, str] | None = None  # (scaled value, digits written, kind)
    floor = 4  # small units must descend below this within a section
    last_unit: int | None = None
    after_zero = seen_wan = seen_yi = seen_decimal = False

    for i, (kind, value, frac, width) in enumerate(tokens):
        if kind in ("num", "cn"):
            if pending is not None or seen_decimal:
                raise _Unreadable  # two numbers in a row, or 1.5万3
            if frac and i > 0:
                raise _Unreadable  # a decimal must come first: 1.5万, not 1万1.5
            seen_decimal = bool(frac)
            scaled = value * one + (int(frac) * 10 ** (places - len(frac)) if frac else 0)
            pending = (scaled, width, kind)
        elif kind == "zero":
            if len(tokens) == 1:
                pending = (0, 1, "num")
            elif i == 0 or tokens[i - 1][0] != "unit" or i == len(tokens) - 1:
                raise _Unreadable  # 零 only fills a gap between a unit and a number
            else:
                after_zero = True
        elif value <= 3:  # 十 百 千 k
            if pending is None:
                # 十 on its own means 一十: 十二, 十万, 一百零十 (after 零)
                if value != 1 or not (i == 0 or after_zero):
                    raise _Unreadable
                pending = (one, 1, "cn")
            if value >= floor:
                raise _Unreadable  # 二百三千
            if floor < 4 and pending[0] >= 10 * one:
                raise _Unreadable  # 1千25百
            small += pending[0] * 10**value
            floor, last_unit, pending, after_zero = value, value, None, False
        else:  # 万 w 亿
            if pending is not None and 1 < floor < 4 and not after_zero:
                raise _Unreadable  # 一千二万: the 二 has lost its unit
            section = small + (pending[0] if pending else 0)
            if value == 4:
                if seen_wan:
                    raise _Unreadable
                if section == 0:
                    raise _Unreadable
                wan_section = section * 10**4
                seen_wan = True
            else:
                if seen_yi or done + wan_section + section == 0:
                    raise _Unreadable
                done = (done + wan_section + section) * 10**8
                wan_section, seen_wan, seen_yi = 0, False, True
            small, floor, last_unit, pending, after_zero = 0, 4, value, None, False

    total = done + wan_section + small
    if pending is not None:
        total += _tail(pending, last_unit, after_zero, tokens)
    return total, places


def _tail(pending: tuple[int, int, str], last_unit: int | None, after_zero: bool, tokens: list[_Token]) -> int:
    """Value of a number at the very end, after the last unit (if any)."""
    scaled, width, kind = pending
    if last_unit is None or after_zero or tokens[-2][0] != "unit":
        return scaled
    if kind == "cn" or width == 1:
        return scaled * 10 ** (last_unit - 1)  # 一万二: 二 means 2千
    if width == last_unit:
        return scaled  # 1万2500, 1万0500
    raise _Unreadable  # 1万25: 1.25万 or 10025? refuse to guess


# Small numbers for month/day/hour fields: Arabic, or Chinese such as 二十三.
_SMALL = rf"[0-9]{{1,2}}|[{_CN_DIGITS}十]{{1,3}}"

_ISO = r"([0-9]{4})[-/.]([0-9]{1,2})[-/.]([0-9]{1,2})"

_COMPACT = r"([0-9]{4})([0-9]{2})([0-9]{2})"

_CN_FULL = rf"([0-9]{{4}})年({_SMALL})月({_SMALL})[日号]?"

_CN_MONTH_DAY = rf"({_SMALL})月({_SMALL})[日号]?"

_YEAR_WORDS = {"前年": -2, "去年": -1, "今年": 0, "明年": 1, "后年": 2}

_CN_YEAR_MONTH_DAY = rf"({'|'.join(_YEAR_WORDS)})({_SMALL})月({_SMALL})[日号]?"  # 明年1月1日

_CN_DAY = rf"({_SMALL})[日号]"

_MONTH_DAY = r"([0-9]{1,2})[-/.]([0-9]{1,2})"

_EN_WEEKDAY = rf"(?:(last|next|this) ?)?({'|'.join(WEEKDAY_NAMES)})"

_CN_WEEKDAY_RE = r"(上上|下下|上个?|下个?|本|这个?)?(?:周|星期|礼拜)([一二三四五六日天])"

# 3天前, 两天后, 十天以后, 2周前; 3 days ago, in 3 days, 3 days later
_DAYS_AWAY = rf"([0-9]{{1,4}}|[{_CN_DIGITS}十百]{{1,4}}) ?(天|日|周|个?星期|个?礼拜)(以?前|之前|以?后|之后)"

_EN_DAYS_AWAY = r"(?:in )?([0-9]{1,4}) (days?|weeks?)( ago| later| from now|)"

# 月初/月中/月底 of this, last or next month; start/middle/end of (the/this/next/last) month
_MONTH_WORD = r"(上个?|下个?|本|这个?)"

_MONTH_PART = rf"{_MONTH_WORD}?月(初|中|底|末)"

_EN_MONTH_PART = r"(start|beginning|middle|mid|end) of (?:the )?(?:(this|last|next) )?month"

_MONTH_DAY_IN = rf"{_MONTH_WORD}月({_SMALL})[日号]"  # 下个月5号

_WEEKEND = r"(上上|下下|上个?|下个?|本|这个?)?周末|(?:(last|next|this) )?weekend"

# The hour a part of the day means when no hour is said (昨晚, 今天早上, 昨天下午,
# last night, this morning): the one home of these defaults. 凌晨 has none: say the hour.
DAY_PART_HOURS = {
    "早上": 9, "早晨": 9, "早": 9, "上午": 9, "中午": 12, "下午": 15, "傍晚": 18, "晚上": 20, "晚": 20, "夜里": 22,
    "morning": 9, "noon": 12, "afternoon": 15, "evening": 18, "night": 20,
}  # fmt: skip

_DAY_PARTS = sorted(DAY_PART_HOURS, key=len, reverse=True)  # 傍晚 and 晚上 before 晚

_AM_WORDS = ("上午", "早上", "早晨", "凌晨", "早")  # the longer words first: the regex takes the first that fits

_PM_WORDS = ("下午", "傍晚", "晚上", "夜里", "晚")

_TIME = (
    rf"(?:(?P<pre>{'|'.join(_AM_WORDS + _PM_WORDS)}|中午) ?)?(?:"
    r"(?P<h>[0-9]{1,2}):(?P<m>[0-9]{2})(?::(?P<s>[0-9]{2}))?(?: ?(?P<ap>am|pm))?"
    r"|(?P<h2>[0-9]{1,2}) ?(?P<ap2>am|pm)"
    rf"|(?P<h3>{_SMALL})[点點时]"
    rf"(?:(?P<half>半)|(?P<q1>一刻)|(?P<q3>三刻)|(?P<m3>{_SMALL})分?|钟|整)?"
    r")"
)

# 今晚8点 = 今天晚上8点, 昨晚 = 昨天晚上, 前晚, 明早, 今早上 ...
_SHORT_DAY_PART = r"^([今昨明前])([晚早])(?:上|晨)?"


def _day_part_alone(text: str, today: date, prefer: str) -> tuple[date, time] | None:
    """A day and a part of it with no hour (昨天下午, 前天晚上, 周五上午, 下午,
    last night, this morning, yesterday afternoon, tonight): that day at the
    hour DAY_PART_HOURS gives; None for anything else."""
    text = "today night" if text == "tonight" else text
    part = next((p for p in _DAY_PARTS if text.endswith(p)), None)
    if part is None:
        return None
    rest = text[: -len(part)].strip()
    if part.isascii() and rest == text[: -len(part)]:
        return None  # fortnight, or night alone: an English part of the day follows a day, after a space
    if rest in ("", "this"):
        day = today
    elif rest == "last" and part in ("night", "evening"):
        day = _shift(today, -1)
    else:
        day = _read_day(rest, today, prefer)
    return (day, time(DAY_PART_HOURS[part])) if day is not None else None


def _expand_short_day(day: str, part: str) -> str:
    return {"今": "今天", "昨": "昨天", "明": "明天", "前": "前天"}[day] + {"晚": "晚上", "早": "早上"}[part]


def _read_day(part: str, today: date, prefer: str) -> date | None:
    """Our own date rules. None if not recognised; SalelogError if impossible."""
    import re

    if part == "":
        return today
    if part in _DAY_OFFSETS:
        return _shift(today, _DAY_OFFSETS[part])
    for pattern in (_ISO, _COMPACT, _CN_FULL):
        if m := re.fullmatch(pattern, part):
            return _make_date(int(m[1]), _small_int(m[2]), _small_int(m[3]), part)
    if m := re.fullmatch(_CN_YEAR_MONTH_DAY, part):
        return _make_date(today.year + _YEAR_WORDS[m[1]], _small_int(m[2]), _small_int(m[3]), part)
    for pattern in (_CN_MONTH_DAY, _MONTH_DAY):
        if m := re.fullmatch(pattern, part):
            return _nearest_month_day(_small_int(m[1]), _small_int(m[2]), today, prefer, part)
    if m := re.fullmatch(_CN_DAY, part):
        return _nearest_day_of_month(_small_int(m[1]), today, prefer, part)
    if m := re.fullmatch(_EN_WEEKDAY, part):
        return _english_weekday(m[1], WEEKDAY_NAMES[m[2]], today, prefer)
    if m := re.fullmatch(_CN_WEEKDAY_RE, part):
        return _chinese_weekday(m[1], _CN_WEEKDAY[m[2]], today, prefer)
    return _read_relative_day(part, today, prefer)


def _read_relative_day(part: str, today: date, prefer: str) -> date | None:
    """Days counted from today, a part of a month, a day of another month, the weekend."""
    import re

    if m := re.fullmatch(_DAYS_AWAY, part):
        days = _small_int(m[1]) * (1 if m[2] in "天日" else 7)
        return _shift(today, -days if "前" in m[3] else days)
    if (m := re.fullmatch(_EN_DAYS_AWAY, part)) and bool(m[3]) != part.startswith("in "):  # in 3 days, 3 days ago
        days = int(m[1]) * (7 if m[2].startswith("week") else 1)
        return _shift(today, -days if m[3] == " ago" else days)
    if m := re.fullmatch(_MONTH_PART, part):
        return _month_part({"初": "start", "中": "middle"}.get(m[2], "end"), _month_offset(m[1]), today, prefer)
    if m := re.fullmatch(_EN_MONTH_PART, part):
        offset = {"last": -1, "next": 1, "this": 0}.get(m[2]) if m[2] else None
        return _month_part({"beginning": "start", "mid": "middle"}.get(m[1], m[1]), offset, today, prefer)
    if m := re.fullmatch(_MONTH_DAY_IN, part):
        year, month = _month_of(today, _month_offset(m[1]))
        return _day_in_month(year, month, _small_int(m[2]), part)
    if m := re.fullmatch(_WEEKEND, part):
        return _weekend(m[1] or m[2], today, prefer)
    return None


def _month_offset(word: str | None) -> int | None:
    """上个月 -1, 下个月 1, 本月/这个月 0; None when no month was said (the nearest one)."""
    if not word:
        return None
    return -1 if word[0] == "上" else 1 if word[0] == "下" else 0


def _month_part(part: str, offset: int | None, today: date, prefer: str) -> date:
    """月初 (the 1st), 月中 (the 15th), 月底 (the last day) of the month `offset`
    away; with no month said, this month's, or next month's where a future day
    is wanted (`prefer`) and this month's is past (--next-date 月初 on the 25th)."""

    def day_of(year: int, month: int) -> date:
        return date(year, month, {"start": 1, "middle": 15}.get(part) or _month_days(year, month))

    if offset is not None:
        return day_of(*_month_of(today, offset))
    day = day_of(today.year, today.month)
    if prefer == "future" and day < today:
        return day_of(*_month_of(today, 1))
    return day


def _day_in_month(year: int, month: int, day: int, text: str) -> date:
    if not 1 <= day <= _month_days(year, month):
        raise SalelogError(
            "no such date {text}: {year}-{month:02d} has {days} days",
            _DATE_HINT,
            text=_quote(text),
            year=year,
            month=month,
            days=_month_days(year, month),
        )
    return date(year, month, day)


def _weekend(qualifier: str | None, today: date, prefer: str) -> date:
    """周末 / weekend: its Saturday (today on a Sunday); 上周末/下周末 that of last or next week."""
    if qualifier is None:
        if today.weekday() == 6:
            return today
        return _english_weekday(None, 5, today, prefer)
    qualifier = {"last": "上", "next": "下", "this": "本"}.get(qualifier, qualifier)
    return _chinese_weekday(qualifier, 5, today, prefer)


def _small_int(text: str) -> int:
    """A month/day/hour field: Arabic digits or a Chinese numeral like 二十三."""
    if text.isascii():
        return int(text)
    try:
        value, _ = _read_number(text)
    except _Unreadable:
        return -1  # an impossible field value; the caller reports it
    return value


def _make_date(year: int, month: int, day: int, text: str) -> date:
    try:
        return date(year, month, day)
    except ValueError:
        raise SalelogError("no such date {text}", _DATE_HINT, text=_quote(text)) from None


# A month-day within a week on the other side of today is the one meant (12-11 typed on
# 12-10 is tomorrow, not a year ago; 11-20 for a next date on 11-25 is five days ago).
_CLOSE_DAYS = 7


def _nearest_month_day(month: int, day: int, today: date, prefer: str, text: str) -> date:
    """The month-day nearest to today in the preferred direction (today included),
    unless the other direction has it within _CLOSE_DAYS and nearer."""
    _make_date(2000, month, day, text)  # a leap year: rejects only impossible dates
    preferred = _nearest_on_side(month, day, today, -1 if prefer == "past" else 1)
    other = _nearest_on_side(month, day, today, 1 if prefer == "past" else -1)
    distance = {d: abs((d - today).days) for d in (preferred, other) if d}
    if other and distance[other] <= _CLOSE_DAYS and (not preferred or distance[other] < distance[preferred]):
        return other
    if preferred:
        return preferred
    raise SalelogError("no such date {text} near today", _DATE_HINT, text=_quote(text))


def _nearest_on_side(month: int, day: int, today: date, step: int) -> date | None:
    """The month-day nearest to today on `step`'s side (-1 before, today included; 1 after)."""
    year = today.year
    for _ in range(9):  # Feb 29 may be up to 8 years away
        if candidate := _on_side(year, month, day, today, step):
            return candidate
        year += step
        if not 1 <= year <= 9999:
            break
    return None


def _on_side(year: int, month: int, day: int, today: date, step: int) -> date | None:
    """That date if it exists and lies on `step`'s side of today (-1: before, today
    included; 1: after), else None."""
    try:
        candidate = date(year, month, day)
    except ValueError:
        return None
    return candidate if (candidate <= today if step < 0 else candidate >= today) else None


def _nearest_day_of_month(day: int, today: date, prefer: str, text: str) -> date:
    """'20号': that day in this month or the nearest month in the preferred direction."""
    if not 1 <= day <= 31:
        raise SalelogError("no such date {text}", _DATE_HINT, text=_quote(text))
    step = -1 if prefer == "past" else 1
    year, month = today.year, today.month
    for _ in range(3):  # day 31 exists at least every other month
        if candidate := _on_side(year, month, day, today, step):
            return candidate
        year, month = divmod(year * 12 + month - 1 + step, 12)
        month += 1
    raise SalelogError("no such date {text} near today", _DATE_HINT, text=_quote(text))


def _read_time(m, text: str) -> time:  # m: a re.Match of _TIME
    """Turn a matched time into a time of day, applying 上午/下午 and am/pm."""
    hour = _small_int(m["h"] or m["h2"] or m["h3"])
    minute, second = 0, int(m["s"] or 0)
    if m["m"]:
        minute = int(m["m"])
    elif m["m3"]:
        minute = _small_int(m["m3"])
    elif m["half"] or m["q1"] or m["q3"]:
        minute = 30 if m["half"] else 15 if m["q1"] else 45
    hour = _apply_day_part(hour, m["pre"], m["ap"] or m["ap2"], text)
    if m["h3"] and not m["pre"] and 1 <= hour <= 6:
        hour += 12  # a bare 3点 in a working day is 15:00; 凌晨3点 says otherwise
    if not (0 <= hour <= 23 and 0 <= minute <= 59 and 0 <= second <= 59):
        raise SalelogError("no such time {text}", _DATE_HINT, text=_quote(text))
    return time(hour, minute, second)


def _apply_day_part(hour: int, prefix: str | None, ampm: str | None, text: str) -> int:
    """12-hour clock words -> 24-hour hour. Hours 13+ are only kept after pm words."""

    def bad() -> SalelogError:
        return SalelogError("no such time {text}", _DATE_HINT, text=_quote(text))

    if ampm:
        if not 1 <= hour <= 12 or prefix in _AM_WORDS and ampm == "pm":
            raise bad()
        return hour % 12 + (12 if ampm == "pm" else 0)
    if prefix in _AM_WORDS:
        if hour > 12:
            raise bad()
        return 0 if hour == 12 and prefix == "凌晨" else hour
    if prefix == "中午":
        return hour + 12 if 1 <= hour <= 10 else hour
    if prefix in _PM_WORDS:
        if hour == 12 and prefix != "下午":
            raise SalelogError(
                "{text} is ambiguous (midnight of which day?)", "write 0点 of the next day, or 23:59", text=_quote(text)
            )
        return hour + 12 if 1 <= hour <= 11 else hour
    return hour


def _parse_free_form(text: str, today: date, prefer: str) -> tuple[date, time | None]:
    """Last resort for English dates like 'Nov 20' or '20 November 2026'.

    dateutil guesses a lot (a bare '5' is "the 5th"), so it only sees ASCII
    text with a letter in it, and we parse twice with different defaults to
    find out which fields the user actually wrote: month and day are required,
    a missing year means the nearest in the preferred direction.
    """
    import re

    if not text.isascii() or not re.search("[a-z]", text):
        raise _date_error(text)
    from dateutil import parser  # slow to import: only here

    try:
        first = parser.parse(text, default=datetime(2000, 1, 1))
        second = parser.parse(text, default=datetime(2004, 2, 2))
    except Exception:  # dateutil raises many types (ParserError, OverflowError, ...)
        raise _date_error(text) from None
    if (first.month, first.day) != (second.month, second.day):
        raise _date_error(text)
    same_year = first.year == second.year  # else the year was left out
    day = first.date() if same_year else _nearest_month_day(first.month, first.day, today, prefer, text)
    at = first.time().replace(tzinfo=None, microsecond=0)
    return day, (at if at != time(0, 0) else None)


def read_number(text: str) -> tuple[int, int] | None:
    """A non-negative number in any form salelog reads -> (value * 10**places,
    places), or None when it is not one."""
    try:
        return _read_number(text)
    except _Unreadable:
        return None


def read_date_words(folded: str, now: datetime, prefer: str) -> tuple[date, time | None]:
    """parse._parse_any's rules past the plain words: `folded` (parse._fold's) as
    a date and the time of day if one was given."""
    norm = re.sub(r"([0-9])t([0-9])", r"\1 \2", folded)  # ISO 'T' before the time
    norm = re.sub(_SHORT_DAY_PART, lambda m: _expand_short_day(m[1], m[2]), norm)
    today = now.date()

    # Try each place a trailing time could start, longest time first; the
    # first split whose date part we recognise wins (周二十点 = 周二 10:00).
    time_pattern = re.compile(_TIME)
    for start in range(len(norm)):
        m = time_pattern.fullmatch(norm, start)
        if not m:
            continue
        day = _read_day(norm[:start].strip(), today, prefer)
        if day is not None:
            return day, _read_time(m, folded)
    day = _read_day(norm, today, prefer)
    if day is not None:
        return day, None
    if (moment := _day_part_alone(norm, today, prefer)) is not None:
        day, at = moment
        if prefer == "past" and day == today and at > now.time():
            return day, now.time()  # 今晚 typed at 19:30 is a contact just ended, not one to come
        return day, at
    return _parse_free_form(folded, today, prefer)
