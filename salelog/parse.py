"""Reading and writing what users type: amounts, counts, dates and times.

Everything here is on the start-up path, so only cheap stdlib modules are
imported at top level. Money is exact integer arithmetic on fen (no float, no
decimal). The forms typed most (3500, 1.2w, 50万, fri, 周五) are read here
without ``re``; the rest (Chinese numerals, date words and patterns, free-form
English dates through ``dateutil``) by parse_full.py, loaded when needed.

Every public function raises only :class:`SalelogError` for bad input.
"""

from datetime import date, datetime, time, timedelta

from .errors import SalelogError

# --------------------------------------------------------------------------
# Shared text helpers
# --------------------------------------------------------------------------


def _build_fold_table() -> dict[int, str]:
    """Full-width ASCII -> ASCII, ASCII letters -> lower case, minus signs -> '-'.

    A translate table rather than NFKC: NFKC also folds things like '½', '²'
    or '①' into digits, which we would rather reject than misread.
    """
    table = {c + 0xFEE0: chr(c).lower() for c in range(0x21, 0x7F)}
    table.update({c: chr(c).lower() for c in range(ord("A"), ord("Z") + 1)})
    table.update({0x3000: " ", 0xFFE5: "¥", 0x2212: "-", 0x2013: "-", 0xFE63: "-"})
    return table


_FOLD = _build_fold_table()
_MAX_INPUT = 100  # longer input is never a sensible amount or date


def _fold(text: str) -> str:
    """Normalise what a user typed: full-width, case, surrounding space."""
    return " ".join(text.translate(_FOLD).split())


def _quote(text: str) -> str:
    """User text for a one-line message: short, printable, quoted."""
    text = "".join(c if c.isprintable() else "?" for c in text[:41])
    if len(text) > 40:
        text = text[:39] + "…"
    return f'"{text}"'


# --------------------------------------------------------------------------
# Amounts and counts: the numbers typed most here, the others (Chinese numerals,
# mixes such as "1万2", "2亿3000万") in parse_full.py
# --------------------------------------------------------------------------

_AMOUNT_HINT = "write e.g. 3500, 12,000, 1.2w, 12k, 50万, 一万二, ¥3,500.50"
_COUNT_HINT = "write a whole number, e.g. 10, 1k, 2w, 二十"
_DURATION_HINT = "write minutes, e.g. 30, 45min, 1h, 1.5h, 90分钟, 半小时"
_MAX_YUAN = 10**12
_MAX_COUNT = 10**9
_CURRENCY_PREFIXES = ("¥", "rmb", "cny")
_CURRENCY_SUFFIXES = ("元", "块钱", "块", "rmb", "cny")


def _strip_currency_prefix(text: str) -> str:
    for prefix in _CURRENCY_PREFIXES:
        if text.startswith(prefix):
            return text[len(prefix) :].lstrip()
    return text


def _strip_currency_suffix(text: str) -> str:
    for suffix in _CURRENCY_SUFFIXES:
        if text.endswith(suffix):
            return text[: -len(suffix)].rstrip()
    return text


_PLAIN_UNITS = {"k": 3, "千": 3, "w": 4, "万": 4, "亿": 8}


def _plain_number(text: str) -> tuple[int, int] | None:
    """What parse_full.read_number returns, for the forms typed most (3500, 12,000, 1.2w,
    50万, 12k), without compiling its regular expression (~1 ms of start-up).
    None for anything else."""
    power = _PLAIN_UNITS.get(text[-1:], 0)
    number = text[:-1] if power else text
    whole, _, fraction = number.partition(".")
    groups = whole.split(",")
    if len(groups) > 1 and not (1 <= len(groups[0]) <= 3 and all(len(g) == 3 for g in groups[1:])):
        return None
    digits = "".join(groups) + fraction
    if not (digits.isascii() and digits.isdigit() and groups[0] and (fraction or "." not in number)):
        return None
    if power and not int(digits):
        return None  # "0万": parse_full refuses a unit of nothing
    return int(digits) * 10**power, len(fraction)


def _full_number(text: str) -> tuple[int, int] | None:
    """parse_full.read_number: any number salelog reads, or None."""
    from .parse_full import read_number

    return read_number(text)


def _split_sign(text: str) -> tuple[bool, str]:
    """Separate a leading minus (or 负) from the rest."""
    if text[:1] in ("-", "负"):
        return True, text[1:].lstrip()
    return False, text


def parse_amount(text: str, *, allow_zero: bool = False) -> int:
    """Money typed by a user -> integer fen (1 yuan = 100 fen). Exact, never float.

    Accepts Arabic numbers with standard 3-digit comma grouping and up to 2
    decimal places of yuan (``3500``, ``12,000``, ``3,500.50``), multipliers
    k/千 (1e3), w/万 (1e4), 亿 (1e8) and 百/十 (``1.2w``, ``50万``, ``1.5亿``),
    Chinese numerals including the colloquial short form (``五十万``,
    ``一万二`` = 12000, ``两千``, ``三千五``) and mixes (``1万2``, ``3千万``).
    A ``¥``/``RMB`` prefix and ``元``/``块`` suffix are ignored; full-width
    characters are folded. Rejects blank, negative, zero (unless
    ``allow_zero``), exponents, nan/inf, more than 2 decimals of yuan after the
    multiplier, and anything over 1e12 yuan.
    """
    folded = _fold(text)
    if not folded:
        raise SalelogError("no amount given", _AMOUNT_HINT)
    if len(folded) > _MAX_INPUT:
        raise SalelogError("cannot read amount {text}: too long", _AMOUNT_HINT, text=_quote(folded))
    negative, body = _split_sign(_strip_currency_prefix(folded))
    body = _strip_currency_suffix(_strip_currency_prefix(body))
    found = _plain_number(body) or _full_number(body)
    if found is None:
        if body.endswith("m") and body[:-1].strip():
            raise SalelogError(
                "cannot read amount {text}: 'm' is ambiguous",
                "write millions as e.g. 500万 or 5,000,000",
                text=_quote(folded),
            )
        raise SalelogError("cannot read amount {text}", _AMOUNT_HINT, text=_quote(folded))
    scaled, places = found
    if negative and scaled:
        raise SalelogError("amounts must be positive, got {text}", _AMOUNT_HINT, text=_quote(folded))
    fen, leftover = divmod(scaled * 100, 10**places)
    if leftover:
        raise SalelogError(
            "amount {text} has more than 2 decimals of yuan",
            "amounts are stored in fen: at most 2 decimals, e.g. 3500.25",
            text=_quote(folded),
        )
    if fen == 0 and not allow_zero:
        raise SalelogError("amount must be more than 0", _AMOUNT_HINT)
    if fen > _MAX_YUAN * 100:
        raise SalelogError("amount {text} is absurdly large (over 1万亿 yuan)", _AMOUNT_HINT, text=_quote(folded))
    return fen


def parse_count(text: str) -> int:
    """A whole-number target or count: '10', '15', '1k', '2w', '十', '二十' -> int > 0.

    Same number grammar as :func:`parse_amount` (without currency marks); the
    result must be a whole number from 1 to 1e9.
    """
    folded = _fold(text)
    if not folded:
        raise SalelogError("no number given", _COUNT_HINT)
    if len(folded) > _MAX_INPUT:
        raise SalelogError("cannot read number {text}: too long", _COUNT_HINT, text=_quote(folded))
    negative, body = _split_sign(folded)
    found = _plain_number(body) or _full_number(body)
    if found is None:
        raise SalelogError("cannot read number {text}", _COUNT_HINT, text=_quote(folded))
    scaled, places = found
    count, leftover = divmod(scaled, 10**places)
    if leftover:
        raise SalelogError("{text} is not a whole number", _COUNT_HINT, text=_quote(folded))
    if negative or count == 0:
        raise SalelogError("the number must be positive, got {text}", _COUNT_HINT, text=_quote(folded))
    if count > _MAX_COUNT:
        raise SalelogError("{text} is too large (over 10亿)", _COUNT_HINT, text=_quote(folded))
    return count


_DURATION_UNITS = sorted(
    ("m", "min", "mins", "minute", "minutes", "分", "分钟", "h", "hr", "hrs", "hour", "hours", "小时", "个小时"),
    key=len,
    reverse=True,  # the longest that fits: 个小时 before 小时, mins before m
)


def parse_minutes(text: str, *, at_most: int = 24 * 60) -> int:
    """How long a contact took -> whole minutes: 30, 30m, 30min, 45分钟, 1h, 1.5h,
    1小时, 半小时; at most a day unless `at_most` (minutes) says otherwise (a target)."""
    folded = _fold(text)
    if folded in ("半小时", "半个小时"):
        return 30
    unit = next((u for u in _DURATION_UNITS if folded.endswith(u) and folded[: -len(u)].strip()), "")
    number = folded[: -len(unit)].rstrip() if unit else folded
    if not number:
        raise SalelogError("cannot read duration {text}", _DURATION_HINT, text=_quote(text))
    hours = unit[:1] in ("h", "小", "个")
    try:
        fen = parse_amount(number, allow_zero=True)  # reuse the number reader: fen = value * 100, exact
    except SalelogError:
        raise SalelogError("cannot read duration {text}", _DURATION_HINT, text=_quote(text)) from None
    if not fen:
        raise SalelogError("a duration of {text} is no time", "leave it out, or give e.g. 30 or 1h", text=_quote(text))
    minutes_x100 = fen * 60 if hours else fen
    if minutes_x100 % 100 or minutes_x100 // 100 > at_most:
        limit = "; whole minutes, at most a day" if at_most == 24 * 60 else "; whole minutes"
        raise SalelogError("cannot read duration {text}", _DURATION_HINT + limit, text=_quote(text))
    return minutes_x100 // 100


# --------------------------------------------------------------------------
# Dates and times
# --------------------------------------------------------------------------

_DATE_HINT = (
    "use e.g. 2026-11-20, 11-20, today, yesterday, fri, last fri, 3 days ago, 2 hours ago, end of month, last night,"
    " this morning, 周五, 上周五, 下下周一, 星期三, 昨天, 3天前, 两天后, 2小时前, 半小时前, 月底, 月初, 下个月5号,"
    " 周末, 11月20日, 下午3点, 晚上8点, 昨晚, 今早, 昨天下午, 15:30"
)

# Monday = 0, as date.weekday() counts.
WEEKDAY_NAMES = {
    "mon": 0, "monday": 0,
    "tue": 1, "tues": 1, "tuesday": 1,
    "wed": 2, "weds": 2, "wednesday": 2,
    "thu": 3, "thur": 3, "thurs": 3, "thursday": 3,
    "fri": 4, "friday": 4,
    "sat": 5, "saturday": 5,
    "sun": 6, "sunday": 6,
}  # fmt: skip
_CN_WEEKDAY = {"一": 0, "二": 1, "三": 2, "四": 3, "五": 4, "六": 5, "日": 6, "天": 6}

_DAY_OFFSETS = {
    "today": 0, "今天": 0, "今日": 0,
    "yesterday": -1, "昨天": -1, "昨日": -1, "前天": -2, "大前天": -3,
    "tomorrow": 1, "明天": 1, "明日": 1, "后天": 2, "大后天": 3,
}  # fmt: skip
_NOW_WORDS = {"now", "现在", "刚才", "刚刚"}


def parse_date(text: str, now: datetime, *, prefer: str = "past") -> date:
    """A date typed by a user -> date. ``now`` is passed in, never read.

    Accepts ISO (``2026-11-20``, ``2026/11/20``, ``2026.11.20``, ``20261120``),
    ``2026年11月20日``, month-day without a year (``11-20``, ``11/20``,
    ``11月20日``, ``11月20号``) and day only (``20号``), relative words
    (today, yesterday, tomorrow, now, 今天, 昨天, 前天, 明天, 后天, 大后天, ...),
    days counted from today (3天前, 两天后, 2周前, 3 days ago, in 3 days), parts
    of a month (月初, 月中, 月底, 下个月底, end of month, start of next month),
    a day of another month (下个月5号; an impossible one is refused saying so),
    the weekend (周末, 下周末, next weekend: its Saturday, or today on a Sunday),
    weekdays (周五, 星期五, 礼拜五, 上周五, 下下周一) and free-form English dates
    such as ``Nov 20`` (via dateutil). A trailing time is allowed and ignored
    (but must be valid). 上上周X/下下周X are that day two weeks back or on.

    ``prefer`` ("past" or "future") picks the nearest matching day in that
    direction, today included, for weekdays and dates without a year (a month-day
    within a week on the other side is taken instead: 12-11 on 12-10 is tomorrow).
    Qualified weekdays: weeks start on Monday; 上周五 is Friday of the previous
    calendar week, 下周一 Monday of the next, 本周三/这周三/``this wed`` that day
    of the current week; ``last fri`` is the most recent Friday strictly before
    today and ``next fri`` the first Friday strictly after today.
    """
    return _parse(text, now, prefer)[0]


def parse_datetime(text: str, now: datetime, *, prefer: str = "past") -> datetime:
    """A date and/or time typed by a user -> naive datetime.

    Takes every form :func:`parse_date` does, optionally followed (with or
    without a space) by a time: ``15:30``, ``15:30:05``, ``3pm``, ``3:30pm``,
    ``下午3点``, ``3点半``, ``15点30分``, ``晚上8点``. A time alone means today.
    A date without a time is ``now`` when it is today, otherwise noon of that
    day. 下午/晚上 add 12 to hours 1-11; 中午12点 is noon; 晚上12点 is refused
    as ambiguous. A part of the day with no hour (昨晚, 前天晚上, 今早, 昨天下午,
    周五上午, last night, this morning, yesterday afternoon) is that day at the
    hour parse_full.DAY_PART_HOURS gives it; today's, when that hour is still to come and
    the past is preferred, is now.
    """
    day, at = _parse(text, now, prefer)
    if at is not None:
        return datetime.combine(day, at)
    if day == now.date():
        return now
    return datetime.combine(day, time(12, 0))


_THIS_MONTH_WORDS = {"本月", "这个月", "这月", "this month"}
_LAST_MONTH_WORDS = {"上个月", "上月", "last month"}
_NEXT_MONTH_WORDS = {"下个月", "下月", "next month"}


def parse_since_until(since: str | None, until: str | None, now: datetime) -> tuple[date | None, date | None]:
    """--since and --until as the first day and the last day (both inclusive) they
    name: a span word from its first day to its last (上个月 to 上个月 is last
    month), a date as itself; None where not given. A span that ends before it
    starts is refused: it would match nothing, which looks like an empty log."""
    first, last = parse_span(since, now)[0] if since else None, parse_span(until, now)[1] if until else None
    if first and last and first > last:
        raise SalelogError(
            "--since {since} is after --until {until}",
            "swap them: --since {until} --until {since}",
            since=first.isoformat(),
            until=last.isoformat(),
        )
    return first, last


def parse_span(text: str, now: datetime) -> tuple[date, date]:
    """--since/--until: the first and last day of a span word (本周, 上周, 下周,
    本月, 上个月, 周末, this week, last month, weekend), else of the one day
    parse_date reads (past preferred)."""
    from .periods import (
        LAST_WEEK_WORDS,
        NEXT_WEEK_WORDS,
        THIS_WEEK_WORDS,
        WEEKS_AFTER_NEXT,
        WEEKS_BEFORE_LAST,
        week_of,
    )

    word, today = _fold(text), now.date()
    weeks = {**dict.fromkeys(THIS_WEEK_WORDS, 0), **dict.fromkeys(LAST_WEEK_WORDS, -1)}
    weeks |= {**dict.fromkeys(NEXT_WEEK_WORDS, 1), **dict.fromkeys(WEEKS_BEFORE_LAST, -2)}
    weeks |= dict.fromkeys(WEEKS_AFTER_NEXT, 2)
    if word in weeks:
        week = week_of(_shift(today, 7 * weeks[word]))
        return week.start, week.end
    months = {**dict.fromkeys(_THIS_MONTH_WORDS, 0), **dict.fromkeys(_LAST_MONTH_WORDS, -1)}
    if word in (months := months | dict.fromkeys(_NEXT_MONTH_WORDS, 1)):
        year, month = _month_of(today, months[word])
        return date(year, month, 1), date(year, month, _month_days(year, month))
    day = parse_date(text, now)
    if word.endswith(("周末", "weekend")):
        return day, _shift(day, 1 if day.weekday() == 5 else 0)  # Saturday and Sunday
    return day, day


def _date_error(text: str) -> SalelogError:
    return SalelogError("cannot read date {text}", _DATE_HINT, text=_quote(text))


FIRST_YEAR, LAST_YEAR = 1900, 2999  # a sales log's calendar; beyond it dates cannot shift by a week or month


def _parse(text: str, now: datetime, prefer: str) -> tuple[date, time | None]:
    """The date (within FIRST_YEAR..LAST_YEAR), and the time of day if one was given."""
    day, at = _parse_any(text, now, prefer)
    if not FIRST_YEAR <= day.year <= LAST_YEAR:
        raise SalelogError(
            "{text} is outside {first}-{last}", _DATE_HINT, text=_quote(text), first=FIRST_YEAR, last=LAST_YEAR
        )
    return day, at


def _parse_any(text: str, now: datetime, prefer: str) -> tuple[date, time | None]:
    """Shared core: the date, and the time of day if one was given."""
    if prefer not in ("past", "future"):
        raise ValueError(f"prefer must be 'past' or 'future', not {prefer!r}")
    folded = _fold(text)
    if not folded:
        raise SalelogError("no date given", _DATE_HINT)
    if len(folded) > _MAX_INPUT:
        raise SalelogError("cannot read date {text}: too long", _DATE_HINT, text=_quote(folded))
    if folded in _NOW_WORDS:
        return now.date(), now.time()
    if (earlier := _time_ago(folded, now)) is not None:
        return earlier.date(), earlier.time()
    if (day := _plain_day_word(folded, now.date(), prefer)) is not None:
        return day, None
    from .parse_full import read_date_words

    return read_date_words(folded, now, prefer)


_AGO = ("以前", "之前", "前", " ago")


def _time_ago(text: str, now: datetime) -> datetime | None:
    """'2小时前', '半小时前', '30分钟前', '2 hours ago' (a call logged late): now less a
    duration parse_minutes reads, up to a day; None for anything else (3天前 is a day)."""
    ago = next((word for word in _AGO if text.endswith(word)), None)
    if ago is None or not text[: -len(ago)].strip():
        return None
    try:
        minutes = parse_minutes(text[: -len(ago)].strip())
    except SalelogError:
        return None
    return (now - timedelta(minutes=minutes)).replace(second=0) if minutes else None


def _plain_day_word(text: str, today: date, prefer: str) -> date | None:
    """The words typed most (today, fri, next fri, 周五, 下周一) without compiling
    a regular expression: each compile costs ~0.3 ms of a command's start-up.
    None for anything else (the full rules in _read_day then decide)."""
    if text in _DAY_OFFSETS:
        return _shift(today, _DAY_OFFSETS[text])
    qualifier, _, name = text.rpartition(" ")
    if name in WEEKDAY_NAMES and qualifier in ("", "last", "next", "this"):
        return _english_weekday(qualifier or None, WEEKDAY_NAMES[name], today, prefer)
    for prefix in ("", "上", "上个", "上上", "下", "下个", "下下", "本", "这", "这个"):
        for word in ("周", "星期", "礼拜"):
            if text.startswith(prefix + word) and text[len(prefix + word) :] in _CN_WEEKDAY:
                return _chinese_weekday(prefix or None, _CN_WEEKDAY[text[-1]], today, prefer)
    return None


def _month_of(today: date, offset: int) -> tuple[int, int]:
    year, month = divmod(today.year * 12 + today.month - 1 + offset, 12)
    return year, month + 1


def _month_days(year: int, month: int) -> int:
    following = date(year + month // 12, month % 12 + 1, 1)
    return (following - timedelta(days=1)).day


def _shift(day: date, days: int) -> date:
    try:
        return day + timedelta(days=days)
    except OverflowError:
        raise SalelogError("that date is out of range", _DATE_HINT) from None


def _english_weekday(qualifier: str | None, target: int, today: date, prefer: str) -> date:
    """fri / last fri (strictly before today) / next fri (strictly after) / this fri."""
    diff = target - today.weekday()
    if qualifier == "last":
        return _shift(today, -((-diff - 1) % 7 + 1))
    if qualifier == "next":
        return _shift(today, (diff - 1) % 7 + 1)
    if qualifier == "this":
        return _shift(today, diff)
    return _shift(today, -(-diff % 7) if prefer == "past" else diff % 7)


def _chinese_weekday(qualifier: str | None, target: int, today: date, prefer: str) -> date:
    """周五 (nearest) / 上周五 / 下周五 / 本周五: that day of last, next or this
    week, weeks being the calendar's (Monday to Sunday unless week_start says otherwise)."""
    from .periods import week_of

    if qualifier is None:
        return _english_weekday(None, target, today, prefer)
    week = {"上上": -2, "下下": 2}.get(qualifier) or {"上": -1, "下": 1}.get(qualifier[0], 0)
    first = week_of(today).start
    return _shift(first, 7 * week + (target - first.weekday()) % 7)
