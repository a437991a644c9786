"""Time not spent with customers (activity add): the kinds, and the day's or
week's time with customers against the rest. Pure: rows in, figures out."""

from .errors import SalelogError

# id -> Chinese name; ids are the contract's words, the Chinese names are accepted as typed.
KINDS = {"learning": "学习", "training": "培训", "admin": "行政", "travel": "路上", "other": "其他"}
ALIASES = {zh: kind for kind, zh in KINDS.items()} | {"study": "learning", "路途": "travel", "其它": "other"}


def activity_kind(text: str | None) -> str | None:
    """An activity kind id or Chinese name -> its id; None if it names none."""
    key = (text or "").strip()
    return key.lower() if key.lower() in KINDS else ALIASES.get(key)


def resolve_activity_kind(text: str) -> str:
    """activity_kind, else a SalelogError listing the kinds."""
    kind = activity_kind(text)
    if kind is None:
        raise SalelogError(
            'unknown activity kind "{text}"',
            "kinds: {kinds}; nothing was written",
            text=text.strip()[:40],
            kinds=kinds_listed(),
        )
    return kind


def kinds_listed() -> str:
    return ", ".join(f"{kind} ({zh})" for kind, zh in KINDS.items())


def time_split(entries: list[dict], activities: list[dict]) -> dict:
    """Minutes with customers (the entries' minutes) against the rest (the
    activities' minutes, by kind in KINDS order, kinds without minutes left out)."""
    return minutes_split(sum(e["minutes"] or 0 for e in entries), activities)


def minutes_split(with_customers: int, activities: list[dict]) -> dict:
    """time_split of the entries' minutes summed already (`with_customers`)."""
    by_kind = {kind: 0 for kind in KINDS}
    for a in activities:
        by_kind[a["kind"]] += a["minutes"] or 0
    other = sum(by_kind.values())
    total = with_customers + other
    return {
        "with_customers": with_customers,
        "other": other,
        "with_customers_percent": round(with_customers * 100 / total, 1) if total else None,
        "by_kind": [{"kind": kind, "minutes": minutes} for kind, minutes in by_kind.items() if minutes],
    }


def activity_minutes(kind: str, activities: list[dict]) -> int:
    """What an activity metric counts (goal set learning 2h --custom): the minutes of `kind`."""
    return sum(a["minutes"] or 0 for a in activities if a["kind"] == kind)
