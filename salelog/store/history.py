"""The whole history summed by period, for what a review compares against: the
earlier periods with data, their counts, and personal records (best week, month,
year). Read from the index on (at, kind, amount_fen) alone (migration m012), never the rows;
cancellations taken off the period they happen in, as report.actual does."""

import sqlite3

from ..periods import Period, week_of

# How many characters of entries.at name each kind's bucket: a week is summed by
# day, then by week; a year by month, then by year.
PREFIX = {"year": 7, "month": 7, "week": 10}
# The term that lets a query use the partial covering index entries_by_time_kind_amount (m012).
COVERED = "at IS NOT NULL AND"


def period_totals(conn: sqlite3.Connection, kind: str, until: str) -> list[dict]:
    """Contacts, deals and revenue (fen) of every `kind` period (week, month,
    year) with entries before `until` (an entries.at instant), oldest first,
    each with its label (2026-W48, 2026-11, 2026). One grouped scan of the index."""
    rows = conn.execute(
        f"SELECT substr(at, 1, {PREFIX[kind]}) AS bucket, count(*), count(amount_fen), coalesce(sum(amount_fen), 0)"
        f" FROM entries WHERE {COVERED} at < ? GROUP BY bucket ORDER BY bucket",
        (until,),
    )
    buckets = {b: {"label": b, "contacts": c, "deals": d, "revenue": r} for b, c, d, r in rows}
    # Cancellations count in the bucket they happen in (report.actual's rule).
    for bucket, ended, cancelled in conn.execute(
        f"SELECT substr(at, 1, {PREFIX[kind]}) AS bucket, sum(ends_sale), sum(amount_fen)"
        " FROM cancellation_moves WHERE at < ? GROUP BY bucket",
        (until,),
    ):
        total = buckets.setdefault(bucket, {"label": bucket, "contacts": 0, "deals": 0, "revenue": 0})
        total["deals"] -= ended
        total["revenue"] -= cancelled
    buckets = [buckets[b] for b in sorted(buckets)]
    if kind == "month":
        return buckets
    return merged_totals(buckets, (lambda b: b[:4]) if kind == "year" else _week_label_of_day())


def _week_label_of_day():
    """day (ISO) -> its week's label, by week_of once a week, not once a day (the days come in order)."""
    from datetime import date

    week = None

    def label_of(day: str) -> str:
        nonlocal week
        if week is None or not week[0] <= day <= week[1]:
            found = week_of(date.fromisoformat(day))
            week = (found.start.isoformat(), found.end.isoformat(), found.label())
        return week[2]

    return label_of


def merged_totals(totals: list[dict], label_of) -> list[dict]:
    """period_totals rows summed into longer periods (label_of: a row's label -> theirs), oldest first:
    a year's from its months, a week's from its days."""
    longer: dict[str, dict] = {}
    for row in totals:
        label = label_of(row["label"])
        total = longer.setdefault(label, {"label": label, "contacts": 0, "deals": 0, "revenue": 0})
        for key in ("contacts", "deals", "revenue"):
            total[key] += row[key]
    return sorted(longer.values(), key=lambda t: t["label"])


def period_counts(conn: sqlite3.Connection, periods: list[Period]) -> list[dict]:
    """For each period, the counts review.trailing_average averages, as
    review.explain counts them from rows: contacts, deals, revenue (fen), visits,
    visits_and_meetings, new_clients (first sale ever in it), prospects (first
    contact ever in it). Summed in SQL: a year of a ten-year logbook without
    reading its rows (tests/test_review_periods.py checks them against explain's)."""
    if not periods:
        return []
    # Each customer's first contact and first sale ever, from their indexes (entries_by_customer and
    # entries_sales_by_customer).
    first_contacts = [at for (at,) in conn.execute("SELECT min(at) FROM entries GROUP BY customer_id")]
    first_sales = [
        at for (at,) in conn.execute("SELECT min(at) FROM entries WHERE amount_fen > 0 GROUP BY customer_id")
    ]
    counts = []
    for period in periods:
        lower, upper = period.lower, period.upper
        contacts, deals, revenue, visits, meetings = conn.execute(
            "SELECT count(*), count(amount_fen), coalesce(sum(amount_fen), 0), coalesce(sum(kind = 'visit'), 0),"
            f" coalesce(sum(kind = 'meeting'), 0) FROM entries WHERE {COVERED} at >= ? AND at < ?",
            (lower, upper),
        ).fetchone()
        ended, cancelled = conn.execute(
            "SELECT coalesce(sum(ends_sale), 0), coalesce(sum(amount_fen), 0) FROM cancellation_moves"
            " WHERE at >= ? AND at < ?",
            (lower, upper),
        ).fetchone()
        deals, revenue = deals - ended, revenue - cancelled
        counts.append(
            {
                "contacts": contacts,
                "deals": deals,
                "revenue": revenue,
                "visits": visits,
                "visits_and_meetings": visits + meetings,
                "new_clients": sum(1 for at in first_sales if lower <= at < upper),
                "prospects": sum(1 for at in first_contacts if lower <= at < upper),
            }
        )
    return counts
