"""The periods typed after --month, --quarter and --year (goal set, review):
2026-11, 2026Q4, 2026, or a word for this one, the last or the next."""

from datetime import date

from .errors import SalelogError
from .periods import Period, month_of, period_after, period_before, quarter_of, year_of

# --month, --quarter and --year also take the one before or after this one, in words
# (this also stands for the option given alone: `goal set revenue 200万 --month`).
NEARBY = {
    "month": {"this": 0, "本月": 0, "这个月": 0, "last": -1, "上月": -1, "上个月": -1,
              "next": 1, "下月": 1, "下个月": 1},
    "quarter": {"this": 0, "本季度": 0, "这个季度": 0, "last": -1, "上季度": -1, "上个季度": -1,
                "next": 1, "下季度": 1, "下个季度": 1},
    "year": {"this": 0, "今年": 0, "last": -1, "去年": -1, "next": 1, "明年": 1},
}  # fmt: skip


def parse_period_option(kind: str, text: str, today: date) -> Period:
    """The value of --month / --quarter / --year: "" (the option alone) or a NEARBY word
    around `today`'s period, else what parse_month / parse_quarter / parse_year read."""
    word = text.strip().lower()
    step = 0 if not word else NEARBY[kind].get(word)
    if step is None:
        if kind == "month":
            return parse_month(text, today)
        return {"quarter": parse_quarter, "year": parse_year}[kind](text)
    period = {"month": month_of, "quarter": quarter_of, "year": year_of}[kind](today)
    for _ in range(abs(step)):
        period = period_after(period) if step > 0 else period_before(period)
    return period


def _year_in_range(year: int) -> bool:
    from .parse import FIRST_YEAR, LAST_YEAR

    return FIRST_YEAR <= year <= LAST_YEAR


def parse_month(text: str, today: date) -> Period:
    """--month: 2026-11, 2026/11, 2026年11月, or 11月: the nearest month of that name
    (in December, 1月 is next January and 11月 last month; six months away, the past one)."""
    import re

    m = re.fullmatch(r"\s*(\d{4})\s*(?:[-/.]|年)\s*(\d{1,2})\s*月?\s*", text)
    alone = None if m else re.fullmatch(r"\s*(\d{1,2})\s*月\s*", text)
    year, month = (
        (int(m[1]), int(m[2])) if m else (_nearest_year(int(alone[1]), today), int(alone[1])) if alone else (0, 0)
    )
    if not 1 <= month <= 12 or not _year_in_range(year):
        raise SalelogError(
            '"{text}" is not a month', "write e.g. 2026-11, 2026年11月, 11月, this, last or next", text=text[:40]
        )
    return month_of(date(year, month, 1))


def _nearest_year(month: int, today: date) -> int:
    """The year of the month `month` nearest to today's month (a tie: the earlier)."""
    here = today.year * 12 + today.month - 1
    return min((today.year + d for d in (-1, 0, 1)), key=lambda y: (abs(y * 12 + month - 1 - here), y))


def parse_quarter(text: str) -> Period:
    """--quarter: 2026Q4, 2026-Q4, 2026年第4季度, 2026年第四季度."""
    import re

    m = re.fullmatch(r"\s*(\d{4})\s*(?:-?\s*[qQ]\s*([1-9])|年\s*第?\s*([1-9一二三四])\s*季度?)\s*", text)
    number = m and (m[2] or m[3])
    quarter = {"一": 1, "二": 2, "三": 3, "四": 4}.get(number, number) if number else None
    if not quarter or not 1 <= int(quarter) <= 4 or not _year_in_range(int(m[1])):
        raise SalelogError(
            '"{text}" is not a quarter',
            "write e.g. 2026Q4, 2026年第四季度 (Q1 to Q4), this, last or next",
            text=text[:40],
        )
    return quarter_of(date(int(m[1]), (int(quarter) - 1) * 3 + 1, 1))


def parse_year(text: str) -> Period:
    """--year: 2026, 2026年."""
    word = text.strip().removesuffix("年").strip()
    if not (word.isdigit() and len(word) == 4 and word.isascii()):
        raise SalelogError('"{text}" is not a year', "write e.g. 2026, this, last or next", text=text[:40])
    if not _year_in_range(int(word)):
        from .parse import FIRST_YEAR, LAST_YEAR

        raise SalelogError(
            "{text} is outside {first}-{last}",
            "write e.g. 2026, this, last or next",
            text=word,
            first=FIRST_YEAR,
            last=LAST_YEAR,
        )
    return year_of(date(int(word), 1, 1))
