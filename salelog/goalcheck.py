"""A target checked against your own record, and a target relative to it.

Pure: the caller reads the metric's actuals over earlier periods (newest first,
only periods with entries: a week before one started logging is not a zero) and
passes them in; nothing here reads the database or the clock.
"""

HISTORY_PERIODS = 8  # the record a target is checked against
RELATIVE_BASE_PERIODS = 4  # the average a relative target (+10%) grows from

# A target's band by its share of the average: below 90% low, up to 110% fair,
# up to 140% stretch, above that high (tenths, compared exactly in integers).
BANDS = ((9, "low"), (11, "fair"), (14, "stretch"))

_RELATIVE = r"\s*([+\-＋－])\s*(\d{1,3}(?:\.\d)?)\s*[%％]\s*"


def relative_percent(text: str) -> float | None:
    """'+10%', '-5%', '+7.5%' (full-width signs and ％ too) -> the change in
    percent (10.0, -5.0, 7.5); None when `text` has no percent sign (a plain target);
    SalelogError for a percent it cannot read (+1000%, 10%, +abc%)."""
    if "%" not in text and "％" not in text:
        return None  # a plain target (50万): `import re` would cost goal set ~3 ms
    import re

    m = re.fullmatch(_RELATIVE, text)
    if not m:  # a percent that is no change salelog reads: not an amount either
        from .errors import SalelogError

        raise SalelogError(
            "cannot read the change {text}", "write a sign and at most 999%, e.g. +10%, -5%, +7.5%", text=text[:40]
        )
    return float(m[2]) * (-1 if m[1] in "-－" else 1)


def band(target: int, actuals: list[int]) -> str | None:
    """low / fair / stretch / high: `target` against the mean of `actuals`;
    None without history. A zero average makes any target above zero high."""
    if not actuals:
        return None
    total, scaled = sum(actuals), target * 10 * len(actuals)  # target/average against tenths, exactly
    for tenths, name in BANDS:
        if (scaled < tenths * total) if name == "low" else (scaled <= tenths * total):
            return name
    return "high"


def check(target: int, actuals: list[int]) -> dict:
    """What goal check and goal set say about `target` given the metric's actuals
    over the earlier periods with entries (at most HISTORY_PERIODS, newest first):
    periods, average (None without history), best, reached (how many of them
    would have met it), band, percent_of_average (None without history or when
    the average is 0)."""
    actuals = actuals[:HISTORY_PERIODS]
    if not actuals:
        return {"periods": 0, "average": None, "best": None, "reached": 0, "band": None, "percent_of_average": None}
    total = sum(actuals)
    return {
        "periods": len(actuals),
        "average": total / len(actuals),
        "best": max(actuals),
        "reached": sum(1 for a in actuals if a >= target),
        "band": band(target, actuals),
        "percent_of_average": round(target * 100 * len(actuals) / total, 1) if total else None,
    }


def relative_target(percent: float, actuals: list[int], unit: int = 1) -> tuple[int, float]:
    """The average of the newest RELATIVE_BASE_PERIODS of `actuals` grown by
    `percent` -> (target rounded half up to a whole `unit`, e.g. 100 fen for
    whole yuan, the base average). The caller refuses an empty history."""
    base = actuals[:RELATIVE_BASE_PERIODS]
    # In tenths of a percent and integers, so that 45万 x 1.1 is exactly 49.5万.
    grown = sum(base) * (1000 + round(percent * 10))
    whole = len(base) * 1000 * unit
    return (2 * grown + whole) // (2 * whole) * unit, sum(base) / len(base)
