"""Reading and writing what users type: amounts, counts, dates and times.

Everything here is on the start-up path, so only cheap stdlib modules are
imported at top level. Money is exact integer arithmetic on fen (no float, no
decimal); regex patterns are plain strings compiled on first use through the
``re`` module's own cache, and ``re`` itself is imported only by the functions
that need it: the forms typed most (3500, 1.2w, 50万, fri, 周五) are read
without it. ``dateutil`` is imported only in the last-resort branch for
free-form English dates.

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
# Numbers: Arabic, Chinese and mixed ("1.5万", "三千五", "1万2", "2亿3000万")
# --------------------------------------------------------------------------

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
    import re  # here, not at the top: ~2.5 ms of start-up that the common forms do without

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


# --------------------------------------------------------------------------
# Amounts and counts
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
    """What _read_number returns, for the forms typed most (3500, 12,000, 1.2w,
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
        return None  # "0万": _read_number refuses a unit of nothing
    return int(digits) * 10**power, len(fraction)


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
    try:
        scaled, places = _plain_number(body) or _read_number(body)
    except _Unreadable:
        if body.endswith("m") and body[:-1].strip():
            raise SalelogError(
                "cannot read amount {text}: 'm' is ambiguous",
                "write millions as e.g. 500万 or 5,000,000",
                text=_quote(folded),
            ) from None
        raise SalelogError("cannot read amount {text}", _AMOUNT_HINT, text=_quote(folded)) from None
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
    try:
        scaled, places = _read_number(body)
    except _Unreadable:
        raise SalelogError("cannot read number {text}", _COUNT_HINT, text=_quote(folded)) from None
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
        fen = parse_amount(number)  # reuse the number reader: fen = value * 100, exact
    except SalelogError:
        raise SalelogError("cannot read duration {text}", _DURATION_HINT, text=_quote(text)) from None
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
    direction, today included, for weekdays and dates without a year.
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
    hour DAY_PART_HOURS gives it; today's, when that hour is still to come and
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
    month), a date as itself; None where not given."""
    return (parse_span(since, now)[0] if since else None, parse_span(until, now)[1] if until else None)


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
    import re

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


def _month_of(today: date, offset: int) -> tuple[int, int]:
    year, month = divmod(today.year * 12 + today.month - 1 + offset, 12)
    return year, month + 1


def _month_days(year: int, month: int) -> int:
    following = date(year + month // 12, month % 12 + 1, 1)
    return (following - timedelta(days=1)).day


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


def _shift(day: date, days: int) -> date:
    try:
        return day + timedelta(days=days)
    except OverflowError:
        raise SalelogError("that date is out of range", _DATE_HINT) from None


def _nearest_month_day(month: int, day: int, today: date, prefer: str, text: str) -> date:
    """The month-day nearest to today in the preferred direction (today included)."""
    step = -1 if prefer == "past" else 1
    _make_date(2000, month, day, text)  # a leap year: rejects only impossible dates
    year = today.year
    for _ in range(9):  # Feb 29 may be up to 8 years away
        try:
            candidate = date(year, month, day)
        except ValueError:
            candidate = None
        if candidate and (candidate <= today if step < 0 else candidate >= today):
            return candidate
        year += step
        if not 1 <= year <= 9999:
            break
    raise SalelogError("no such date {text} near today", _DATE_HINT, text=_quote(text))


def _nearest_day_of_month(day: int, today: date, prefer: str, text: str) -> date:
    """'20号': that day in this month or the nearest month in the preferred direction."""
    if not 1 <= day <= 31:
        raise SalelogError("no such date {text}", _DATE_HINT, text=_quote(text))
    step = -1 if prefer == "past" else 1
    year, month = today.year, today.month
    for _ in range(3):  # day 31 exists at least every other month
        try:
            candidate = date(year, month, day)
        except ValueError:
            candidate = None
        if candidate and (candidate <= today if step < 0 else candidate >= today):
            return candidate
        year, month = divmod(year * 12 + month - 1 + step, 12)
        month += 1
    raise SalelogError("no such date {text} near today", _DATE_HINT, text=_quote(text))


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
