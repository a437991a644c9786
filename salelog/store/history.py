"""The whole history summed by period, for what a review compares against: the
periods with data before it, and personal records (best week, month, year)."""

import sqlite3

from ..periods import week_of

# How many characters of entries.at name each kind's bucket (a week is summed by day, then by week).
PREFIX = {"year": 4, "month": 7, "week": 10}


def period_totals(conn: sqlite3.Connection, kind: str, until: str) -> list[dict]:
    """Contacts, deals and revenue (fen) of every `kind` period (week, month,
    year) with entries before `until` (an entries.at instant), oldest first,
    each with its label (2026-W48, 2026-11, 2026). One grouped scan of the index on at."""
    rows = conn.execute(
        f"SELECT substr(at, 1, {PREFIX[kind]}) AS bucket, count(*), count(amount_fen), coalesce(sum(amount_fen), 0)"
        " FROM entries WHERE at < ? GROUP BY bucket ORDER BY bucket",
        (until,),
    )
    if kind != "week":
        return [{"label": b, "contacts": c, "deals": d, "revenue": r} for b, c, d, r in rows]
    from datetime import date

    weeks: dict[str, dict] = {}
    for day, contacts, deals, revenue in rows:
        label = week_of(date.fromisoformat(day)).label()
        week = weeks.setdefault(label, {"label": label, "contacts": 0, "deals": 0, "revenue": 0})
        week["contacts"] += contacts
        week["deals"] += deals
        week["revenue"] += revenue
    return sorted(weeks.values(), key=lambda w: w["label"])
