"""A period's entries summed in SQLite, for the reviews: what review.review_sums
adds up over rows (the same keys, so that report.of_sums, the one rule of each
metric, reads either), and when contacts happen (by hour and weekday). Grouped
reads of migration m020's covering index on time: a year of a ten-year logbook
returns a few hundred sums, not its ~9,000 rows."""

from ..fields import LISTS, json_key, list_table
from ..metrics import CONTACT_KINDS
from ..periods import Period
from .engine import sqlite3

# The period's entries through entries_by_time_sums (m020), which covers every column
# summed here; "at IS NOT NULL" lets SQLite use that partial index (at is never NULL).
_IN_PERIOD = "at >= :lower AND at < :upper AND at IS NOT NULL"


def period_sums(conn: sqlite3.Connection, period: Period, firsts: dict | None = None, *, by_time: bool = False) -> dict:
    """review.review_sums' keys for `period`, summed in SQL, and `customers`: each
    customer logged in the period with their class, source, first contact and
    first sale ever (first_at, first_sale_at) and sales_fen in the period
    (sources.by_source). day_kinds only for a week (the review's days without a
    kind of contact); lost_feedback is read when called. `firsts`:
    store.customer_firsts, when read already (else looked up for the period's customers).
    With `by_time`, also `times`: when the period's contacts happened (_kinds)."""
    bounds = {"lower": period.lower, "upper": period.upper}
    kinds, deals, sales, times = _kinds(conn, bounds, by_time)
    customers = _customers(conn, bounds, firsts)
    by_class: dict[str | None, dict] = {}
    for c in customers:
        mine = by_class.setdefault(c["class"], {"entries": 0, "minutes": 0, "sales_fen": 0})
        for key in mine:
            mine[key] += c[key]
    if not any(by_class):
        by_class = {}  # as report.entry_sums: no customer with a class, no effort by class
    lower, upper = bounds["lower"], bounds["upper"]
    sums = {
        "entries": sum(kinds.values()),
        "kinds": kinds,
        "deals": deals,
        "sales_fen": sales,
        "minutes": sum(c["minutes"] for c in customers),
        "new_clients": sum(1 for c in customers if lower <= (c["first_sale_at"] or "") < upper),
        "prospects": sum(1 for c in customers if c["first_at"] >= lower),
        **_list_counts(conn, bounds),
        "by_class": by_class,
        "days": {
            day: [contacts, fen]
            for day, contacts, fen in conn.execute(
                "SELECT day, contacts, revenue_fen FROM day_totals WHERE day >= ? AND day <= ?",
                (period.start.isoformat(), period.end.isoformat()),
            )
        },
        "day_kinds": set(),
        "lost_feedback": lambda: [
            text
            for (text,) in conn.execute(
                f"SELECT feedback FROM entries WHERE {_IN_PERIOD} AND amount_fen IS NULL AND feedback <> ''", bounds
            )
        ],
        "customers": customers,
    }
    if by_time:
        sums["times"] = times
    if period.kind == "week":
        sums["day_kinds"] = set(
            conn.execute(f"SELECT DISTINCT substr(at, 1, 10), kind FROM entries WHERE {_IN_PERIOD}", bounds)
        )
    return sums


def _customers(conn: sqlite3.Connection, bounds: dict, firsts: dict | None) -> list[dict]:
    """The period's customers: entries, minutes and sales_fen in it, class, source,
    first contact and first sale ever (from `firsts`, else one index seek each:
    entries_by_customer, entries_sales_by_customer)."""
    seeks = (
        ""
        if firsts is not None
        else ", (SELECT min(f.at) FROM entries f WHERE f.customer_id = p.customer_id),"
        " (SELECT min(f.at) FROM entries f WHERE f.customer_id = p.customer_id AND f.amount_fen > 0)"
    )
    rows = conn.execute(
        f'SELECT p.customer_id, c."class", c.source, p.entries, p.minutes, p.fen{seeks}'
        " FROM (SELECT customer_id, count(*) AS entries, coalesce(sum(minutes), 0) AS minutes,"
        f" coalesce(sum(amount_fen), 0) AS fen FROM entries WHERE {_IN_PERIOD} GROUP BY customer_id) p"
        " JOIN customers c ON c.id = p.customer_id",
        bounds,
    )
    keys = ("class", "source", "entries", "minutes", "sales_fen", "first_at", "first_sale_at")
    if firsts is None:
        return [dict(zip(keys, row[1:], strict=True)) for row in rows]
    return [dict(zip(keys, row[1:] + firsts[row[0]], strict=True)) for row in rows]


def _list_counts(conn: sqlite3.Connection, bounds: dict) -> dict[str, dict[str, int]]:
    """Per list field (tags, competitors): the period's entries carrying each value."""
    counts = {}
    for field in LISTS:
        table, column = list_table(field)
        counts[json_key(field)] = dict(
            conn.execute(
                f"SELECT t.{column}, count(*) FROM {table} t JOIN entries e ON e.id = t.entry_id"
                f" WHERE e.at >= :lower AND e.at < :upper GROUP BY t.{column}",
                bounds,
            )
        )
    return counts


def _kinds(conn: sqlite3.Connection, bounds: dict, by_time: bool) -> tuple[dict, int, int, dict | None]:
    """(entries by kind, those with a sale, their sum in fen, and with `by_time` the
    contact times) of the entries in `bounds`. The contact times: the contacts and
    deals (those with a sale) by kind and hour of day, and by kind and weekday (0
    Monday .. 6 Sunday): {"hour": {(kind, hour): [contacts, deals]}, "weekday": {...}};
    a sale booked with no contact (kind sale) was not sold at that hour. Both from
    one grouped read: a year's review reads its entries once for them."""
    kinds, deals, sales = {}, 0, 0
    # amount_fen is NULL or > 0 (CHECK): count(amount_fen) is the entries with a sale.
    keys = ", CAST(substr(at, 12, 2) AS INTEGER) AS hour, strftime('%w', at) AS weekday" if by_time else ""
    times = {"hour": {}, "weekday": {}} if by_time else None
    for kind, count, with_sale, fen, *when in conn.execute(
        f"SELECT kind, count(*), count(amount_fen), coalesce(sum(amount_fen), 0){keys} FROM entries"
        f" WHERE {_IN_PERIOD} GROUP BY kind{', hour, weekday' if by_time else ''}",
        bounds,
    ):
        kinds[kind] = kinds.get(kind, 0) + count
        deals += with_sale
        sales += fen
        if by_time and kind in CONTACT_KINDS:
            hour, weekday = when
            for part, key in (("hour", (kind, hour)), ("weekday", (kind, (int(weekday) + 6) % 7))):
                mine = times[part].setdefault(key, [0, 0])
                mine[0] += count
                mine[1] += with_sale
    return kinds, deals, sales, times


def sums_by_period(conn: sqlite3.Connection, periods: list[Period]) -> list[dict]:
    """For each of `periods` (weeks or months, in order), what report.of_sums reads
    of its entry sums: entries, kinds, deals, sales_fen, tags, new_clients,
    prospects. Grouped once over their whole span by week or month (trend), not
    read row by row."""
    from .history import _buckets, _sorted_firsts, _within, customer_firsts

    if not periods:
        return []
    bucket, label_of = _buckets(periods[0].kind)
    at_bucket = bucket.format(day="at")
    span = {"lower": periods[0].lower, "upper": periods[-1].upper}
    sums = {
        p.label(): {"entries": 0, "kinds": {}, "deals": 0, "sales_fen": 0, "tags": {}, "_period": p} for p in periods
    }
    for number, kind, count, with_sale, fen in conn.execute(
        f"SELECT {at_bucket} AS bucket, kind, count(*), count(amount_fen), coalesce(sum(amount_fen), 0)"
        f" FROM entries WHERE {_IN_PERIOD} GROUP BY bucket, kind",
        span,
    ):
        mine = sums[label_of(number)]  # the span is the periods': every bucket is one of them
        mine["entries"] += count
        mine["kinds"][kind] = count
        mine["deals"] += with_sale
        mine["sales_fen"] += fen
    table, column = list_table(next(f for f in LISTS if json_key(f) == "tags"))  # what custom metrics count
    for number, tag, count in conn.execute(
        f"SELECT {bucket.format(day='e.at')} AS bucket, t.{column}, count(*) FROM {table} t"
        f" JOIN entries e ON e.id = t.entry_id WHERE e.at >= :lower AND e.at < :upper GROUP BY bucket, t.{column}",
        span,
    ):
        sums[label_of(number)]["tags"][tag] = count
    first_contacts, first_sales = _sorted_firsts(customer_firsts(conn))
    out = []
    for mine in sums.values():
        period = mine.pop("_period")
        mine["new_clients"] = _within(first_sales, period.lower, period.upper)
        mine["prospects"] = _within(first_contacts, period.lower, period.upper)
        out.append(mine)
    return out


def first_entry_at(conn: sqlite3.Connection) -> str | None:
    """When the first entry ever was logged (index on at), or None."""
    return conn.execute("SELECT min(at) FROM entries").fetchone()[0]
