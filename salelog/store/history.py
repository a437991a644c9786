"""The whole history summed by period, for what a review compares against: the
earlier periods with data, their counts, and personal records (best week, month,
year). Read from day_totals (one row a day with entries, kept by triggers:
migration m017), never the entries; cancellations taken off the period they
happen in, as report.actual does."""

from _collections_abc import Callable  # collections.abc would import collections: ~2 ms a start-up
from datetime import date, timedelta

from ..periods import Period, first_from, week_of
from .engine import sqlite3

# How many characters of a day (ISO) name a month's or a year's bucket.
PREFIX = {"year": 4, "month": 7}


def period_totals(conn: sqlite3.Connection, kind: str, until: str) -> list[dict]:
    """Contacts, deals and revenue (fen) of every `kind` period (week, month,
    year) with entries before `until` (a period's bound, midnight: Period.upper),
    oldest first, each with its label (2026-W48, 2026-11, 2026). One grouped
    read of day_totals (~250 rows a year of history)."""
    bucket, label_of = _buckets(kind)
    rows = conn.execute(
        f"SELECT {bucket.format(day='day')} AS bucket, sum(contacts), sum(deals), sum(revenue_fen)"
        " FROM day_totals WHERE day < ? GROUP BY bucket",
        (until[:10],),
    )
    buckets = {b: {"contacts": c, "deals": d, "revenue": r} for b, c, d, r in rows}
    # Cancellations count in the bucket they happen in (report.actual's rule).
    for b, ended, cancelled in conn.execute(
        f"SELECT {bucket.format(day='substr(at, 1, 10)')} AS bucket, sum(ends_sale), sum(amount_fen)"
        " FROM cancellation_moves WHERE at < ? GROUP BY bucket",
        (until,),
    ):
        total = buckets.setdefault(b, {"contacts": 0, "deals": 0, "revenue": 0})
        total["deals"] -= ended
        total["revenue"] -= cancelled
    return [{"label": label_of(b), **buckets[b]} for b in sorted(buckets)]


def _buckets(kind: str) -> tuple[str, Callable]:
    """(SQL naming the bucket of a {day}, bucket -> the period's label). A week is
    numbered by the whole weeks since one week_of gave (so week_of alone decides
    where weeks start); a month or a year is the start of its day."""
    if kind != "week":
        return f"substr({{day}}, 1, {PREFIX[kind]})", str
    first = week_of(date(1900, 1, 1)).start  # before any entry: the numbers are never negative

    def label_of(number: int) -> str:
        start = first + timedelta(days=7 * number)
        return Period(start, start + timedelta(days=6)).label()

    return f"CAST(julianday({{day}}) - julianday('{first.isoformat()}') AS INTEGER) / 7", label_of


def merged_totals(totals: list[dict], label_of) -> list[dict]:
    """period_totals rows summed into longer periods (label_of: a row's label -> theirs), oldest first:
    a year's from its months."""
    longer: dict[str, dict] = {}
    for row in totals:
        label = label_of(row["label"])
        total = longer.setdefault(label, {"label": label, "contacts": 0, "deals": 0, "revenue": 0})
        for key in ("contacts", "deals", "revenue"):
            total[key] += row[key]
    return sorted(longer.values(), key=lambda t: t["label"])


def period_counts(conn: sqlite3.Connection, periods: list[Period], firsts: dict | None = None) -> list[dict]:
    """For each period, the counts review.trailing_average averages, as
    review.explain counts them from rows: contacts, deals, revenue (fen), visits,
    visits_and_meetings, new_clients (first sale ever in it), prospects (first
    contact ever in it). From day_totals and one index seek a customer: a year
    of a ten-year logbook without reading its rows (tests/test_review_periods.py
    checks them against explain's). `firsts`: customer_firsts, when read already."""
    if not periods:
        return []
    # Each customer's first contact and first sale ever, sorted, by a seek a customer into their
    # indexes (entries_by_customer and entries_sales_by_customer): a period's count is two binary searches.
    if firsts is None:
        firsts = customer_firsts(conn)
    first_contacts, first_sales = _sorted_firsts(firsts)
    counts = []
    for period in periods:
        lower, upper = period.lower, period.upper
        contacts, deals, revenue, visits, meetings = conn.execute(
            "SELECT coalesce(sum(contacts), 0), coalesce(sum(deals), 0), coalesce(sum(revenue_fen), 0),"
            " coalesce(sum(visits), 0), coalesce(sum(meetings), 0) FROM day_totals WHERE day >= ? AND day <= ?",
            (period.start.isoformat(), period.end.isoformat()),
        ).fetchone()
        ended, cancelled = conn.execute(
            "SELECT coalesce(sum(ends_sale), 0), coalesce(sum(amount_fen), 0) FROM cancellation_moves"
            " WHERE at >= ? AND at < ?",
            (lower, upper),
        ).fetchone()
        counts.append(
            {
                "contacts": contacts,
                "deals": deals - ended,
                "revenue": revenue - cancelled,
                "visits": visits,
                "visits_and_meetings": visits + meetings,
                "new_clients": _within(first_sales, lower, upper),
                "prospects": _within(first_contacts, lower, upper),
            }
        )
    return counts


def latest_entry_before(conn: sqlite3.Connection, instant: str) -> str | None:
    """When the last entry before `instant` (entries.at form) happened, or None (index on at)."""
    return conn.execute("SELECT max(at) FROM entries WHERE at < ?", (instant,)).fetchone()[0]


def customer_firsts(
    conn: sqlite3.Connection, lower: str | None = None, upper: str | None = None
) -> dict[int, tuple[str | None, str | None]]:
    """Each customer's (first contact, first sale) ever, by id: a seek a customer into
    entries_by_customer and entries_sales_by_customer. With `lower` and `upper`
    (entries.at bounds), only the customers logged in that span, the only ones whose
    first contact or sale can fall in a period within it: a week's review reads its
    five weeks' customers, not the whole archive's. A review reads them once, for its
    period (store.period_sums) and the earlier ones (period_counts)."""
    within = ""
    if lower is not None:
        # The span's customers by whichever reads fewer rows: its entries (a few weeks'),
        # or a seek a customer (years of entries: ~half the time on a ten-year logbook).
        entries = conn.execute(
            "SELECT coalesce(sum(entries), 0) FROM day_totals WHERE day >= ? AND day <= ?", (lower[:10], upper[:10])
        ).fetchone()[0]
        many = entries > conn.execute("SELECT coalesce(max(id), 0) FROM customers").fetchone()[0]
        within = (
            " WHERE EXISTS (SELECT 1 FROM entries e WHERE e.customer_id = c.id AND e.at >= ? AND e.at < ?)"
            if many
            else " WHERE c.id IN (SELECT customer_id FROM entries WHERE at >= ? AND at < ?)"
        )
    return {
        customer_id: (first_contact, first_sale)
        for customer_id, first_contact, first_sale in conn.execute(
            "SELECT c.id, (SELECT min(e.at) FROM entries e WHERE e.customer_id = c.id),"
            " (SELECT min(e.at) FROM entries e WHERE e.customer_id = c.id AND e.amount_fen > 0)"
            f" FROM customers c{within}",
            () if lower is None else (lower, upper),
        )
    }


def _sorted_firsts(firsts: dict) -> tuple[list[str], list[str]]:
    """(the first contacts, the first sales) of customer_firsts' customers, each sorted, those without one left out."""
    contacts = sorted(first for first, _ in firsts.values() if first is not None)
    return contacts, sorted(sale for _, sale in firsts.values() if sale is not None)


def _within(moments: list[str], lower: str, upper: str) -> int:
    """How many of the sorted `moments` fall in [lower, upper)."""
    return first_from(moments, upper) - first_from(moments, lower)
