"""A customer's account beside the log: cancellations of sales (kept apart from
the entry, counted in the period they happen in) and, later, payments."""

from datetime import datetime

from ..errors import SalelogError
from ..periods import Period
from .engine import sqlite3
from .rows import as_dict, stamp


def add_cancellation(
    conn: sqlite3.Connection, entry_id: int, *, amount_fen: int, at: str, reason: str, now: datetime
) -> int:
    """Record that `amount_fen` of entry `entry_id`'s sale was cancelled at `at` -> its id."""
    cursor = conn.execute(
        "INSERT INTO cancellations (entry_id, amount_fen, at, reason, created_at) VALUES (?, ?, ?, ?, ?)",
        (entry_id, amount_fen, at, reason, stamp(now)),
    )
    return cursor.lastrowid


def cancellations_of(conn: sqlite3.Connection, entry_ids: list[int] | None) -> dict[int, list[dict]]:
    """Each of `entry_ids`' cancellations (None: every entry's), oldest first:
    entry id -> [{id, at, amount_fen, reason}]."""
    found: dict[int, list[dict]] = {}
    select = "SELECT entry_id, id, at, amount_fen, reason FROM cancellations"
    if entry_ids is None:
        queries = [(select + " ORDER BY at, id", ())]
    else:  # in chunks: SQLite's limit on bound parameters
        chunks = [entry_ids[start : start + 500] for start in range(0, len(entry_ids), 500)]
        queries = [(select + f" WHERE entry_id IN ({', '.join('?' * len(c))}) ORDER BY at, id", c) for c in chunks]
    for sql, params in queries:
        for entry_id, cancel_id, at, amount, reason in conn.execute(sql, params):
            found.setdefault(entry_id, []).append({"id": cancel_id, "at": at, "amount_fen": amount, "reason": reason})
    return found


def money_moves_in(conn: sqlite3.Connection, period: Period) -> list[dict]:
    """The cancellations and payments that happened in `period`, oldest first, as
    report.actual reads them beside the period's entries: at, amount_fen, move
    (cancellation or payment), ends_sale (a cancellation after which nothing of
    the sale is left), the customer and class (effort by class)."""
    rows = conn.execute(
        "SELECT at, amount_fen, move, ends_sale, customer_id, klass FROM ("
        " SELECT m.at, m.amount_fen, 'cancellation' AS move, m.ends_sale, m.customer_id, c.\"class\" AS klass, m.id"
        " FROM cancellation_moves m JOIN customers c ON c.id = m.customer_id WHERE m.at >= :lower AND m.at < :upper"
        " UNION ALL"
        " SELECT p.at, p.amount_fen, 'payment', 0, p.customer_id, c.\"class\", p.id"
        " FROM payments p JOIN customers c ON c.id = p.customer_id WHERE p.at >= :lower AND p.at < :upper"
        ") ORDER BY at, move, id",
        {"lower": period.lower, "upper": period.upper},
    )
    return [
        {"at": at, "amount_fen": amount, "move": move, "ends_sale": bool(ends), "customer_id": cid, "class": klass}
        for at, amount, move, ends, cid, klass in rows
    ]


def cancelled_fen(conn: sqlite3.Connection, entry_id: int) -> int:
    """How much of entry `entry_id`'s sale has been cancelled so far (fen)."""
    return conn.execute(
        "SELECT coalesce(sum(amount_fen), 0) FROM cancellations WHERE entry_id = ?", (entry_id,)
    ).fetchone()[0]


def list_cancellations(conn: sqlite3.Connection) -> list[dict]:
    """Every cancellation, oldest first, with its sale's customer, time and amount (export cancellations)."""
    rows = conn.execute(
        "SELECT m.entry_id, c.name AS customer, e.at AS sale_at, e.amount_fen AS sale_fen, m.amount_fen, m.at,"
        " m.reason FROM cancellations m JOIN entries e ON e.id = m.entry_id JOIN customers c ON c.id = e.customer_id"
        " ORDER BY m.at, m.id"
    )
    return [as_dict(rows, row) for row in rows]


def check_cancellation(conn: sqlite3.Connection, entry: dict, amount_fen: int | None, at: str) -> int:
    """What may be cancelled of sale `entry` (store.entry's row) at `at`: `amount_fen`,
    or None for all that is left -> the fen to cancel; SalelogError for an entry
    that is not a sale, a sale cancelled in full, more than is left, or a moment
    before the sale (visit cancel's rule, and import cancellations')."""
    from ..money import show_amount

    if not entry["amount_fen"]:
        raise SalelogError(
            "entry #{id} is not a sale: it has no amount",
            "cancel an entry logged with --amount (salelog visit list); nothing was written",
            id=entry["id"],
        )
    left = entry["amount_fen"] - cancelled_fen(conn, entry["id"])
    if left <= 0:
        raise SalelogError(
            "sale #{id} is cancelled in full already", "nothing is left to cancel; nothing was written", id=entry["id"]
        )
    fen = left if amount_fen is None else amount_fen
    if fen > left:
        raise SalelogError(
            "cannot cancel {amount} of sale #{id}: only {left} of it is left",
            "give --amount {left} or less (leave --amount out to cancel all that is left); nothing was written",
            amount=show_amount(fen),
            id=entry["id"],
            left=show_amount(left),
        )
    if at < entry["at"]:
        raise SalelogError(
            "a cancellation at {when} would come before the sale ({sale})",
            "give an --at on or after the sale; nothing was written",
            when=at[:16],
            sale=entry["at"][:16],
        )
    return fen


# --- payments (回款) ---


def add_payment(conn: sqlite3.Connection, customer_id: int, *, amount_fen: int, at: str, entry_id: int | None,
                deal_id: int | None, note: str | None, now: datetime) -> int:  # fmt: skip
    """Record money collected from a customer (for a sale or a deal when said) -> its id."""
    cursor = conn.execute(
        "INSERT INTO payments (customer_id, amount_fen, at, entry_id, deal_id, note, created_at)"
        " VALUES (?, ?, ?, ?, ?, ?, ?)",
        (customer_id, amount_fen, at, entry_id, deal_id, note, stamp(now)),
    )
    return cursor.lastrowid


def list_payments(conn: sqlite3.Connection, customer_id: int | None = None) -> list[dict]:
    """Payments, newest first (one customer's with `customer_id`), with the customer's name."""
    rows = conn.execute(
        "SELECT p.id, c.name AS customer, p.customer_id, p.amount_fen, p.at, p.entry_id, p.deal_id, p.note"
        " FROM payments p JOIN customers c ON c.id = p.customer_id"
        + (" WHERE p.customer_id = ?" if customer_id is not None else "")
        + " ORDER BY p.at DESC, p.id DESC",
        () if customer_id is None else (customer_id,),
    )
    return [as_dict(rows, row) for row in rows]


def payments_for_export(conn: sqlite3.Connection) -> list[dict]:
    """Every payment, oldest first, with what names its sale and its deal in any
    logbook: the sale's time and amount, the deal's title (export payments)."""
    rows = conn.execute(
        "SELECT c.name AS customer, p.amount_fen, p.at, p.entry_id, e.at AS sale_at, e.amount_fen AS sale_fen,"
        " p.deal_id, d.title AS deal_title, p.note FROM payments p JOIN customers c ON c.id = p.customer_id"
        " LEFT JOIN entries e ON e.id = p.entry_id LEFT JOIN deals d ON d.id = p.deal_id ORDER BY p.at, p.id"
    )
    return [as_dict(rows, row) for row in rows]


def payment_id_for(conn: sqlite3.Connection, ref: str) -> int:
    """A payment's id as typed (12, #12) -> the id, or a SalelogError."""
    text = ref.strip().lstrip("#")
    if not text.isdigit() or not conn.execute("SELECT 1 FROM payments WHERE id = ?", (int(text),)).fetchone():
        raise SalelogError('no payment "{ref}"', "give an id from salelog payment list", ref=ref[:40])
    return int(text)


def delete_payment(conn: sqlite3.Connection, payment_id: int) -> None:
    conn.execute("DELETE FROM payments WHERE id = ?", (payment_id,))


_OWED_SALE = "SELECT o.customer_id, c.name, o.entry_id, o.at, o.due_fen, o.owed_fen FROM owed_sales o"


def _owed_sale(name: str, entry_id: int, at: str, due: int, still: int) -> dict:
    return {"entry_id": entry_id, "customer": name, "at": at, "amount_fen": due, "owed_fen": still}


def sales_owed(conn: sqlite3.Connection, customer_ids: list[int] | None = None) -> dict[int, list[dict]]:
    """Per customer (all, or `customer_ids`), the sales still unpaid, oldest first,
    paid as migrations.OWED_BY_FIFO_VIEW says (what a payment was for first, then
    the oldest; kept in owed_sales) ->
    customer id -> [{"entry_id", "customer", "at", "amount_fen" (less its
    cancellations), "owed_fen"}]; a customer with nothing owed is absent."""
    chosen = "" if customer_ids is None else f" WHERE o.customer_id IN ({', '.join('?' * len(customer_ids))})"
    rows = conn.execute(
        _OWED_SALE + " JOIN customers c ON c.id = o.customer_id" + chosen + " ORDER BY o.customer_id, o.at, o.entry_id",
        customer_ids or (),
    )
    owed: dict[int, list[dict]] = {}
    for customer_id, *sale in rows:
        owed.setdefault(customer_id, []).append(_owed_sale(*sale))
    return owed


def unpaid_sales(conn: sqlite3.Connection, made_before: str, limit: int | None = None) -> tuple[list[dict], int]:
    """The sales still owed (as sales_owed) made before `made_before` (an entries.at
    bound), oldest first -> (the first `limit` of them, None: all; how many there are)."""
    rows = conn.execute(
        _OWED_SALE
        + " JOIN customers c ON c.id = o.customer_id WHERE o.at < ? ORDER BY o.at, o.entry_id"
        + (" LIMIT ?" if limit else ""),
        (made_before, limit) if limit else (made_before,),
    )
    found = [_owed_sale(*sale) for _, *sale in rows]
    if limit is None or len(found) < limit:
        return found, len(found)
    return found, conn.execute("SELECT count(*) FROM owed_sales WHERE at < ?", (made_before,)).fetchone()[0]


def owing_customers(conn: sqlite3.Connection, limit: int | None = None) -> tuple[list[dict], int]:
    """The customers who owe, the longest owed first (their oldest unpaid sale's
    day, then name) -> (the first `limit` of them (None: all), each with
    customer_id, customer, outstanding_fen (what their unpaid sales add up to: every
    payment pays some sale, so it is their balance), unpaid (how many sales),
    oldest_sale and oldest_at; how many owe)."""
    rows = conn.execute(
        "SELECT o.customer_id, c.name AS customer, o.outstanding_fen, o.unpaid,"
        # the oldest in first-in first-out's order (at, id): one seek in owed_sales_by_customer
        " (SELECT x.entry_id FROM owed_sales x WHERE x.customer_id = o.customer_id ORDER BY x.at, x.entry_id LIMIT 1)"
        " AS oldest_sale, o.oldest_at FROM (SELECT customer_id, sum(owed_fen) AS outstanding_fen, count(*) AS unpaid,"
        "  min(at) AS oldest_at FROM owed_sales GROUP BY customer_id) o JOIN customers c ON c.id = o.customer_id"
        " ORDER BY substr(o.oldest_at, 1, 10), c.name" + (" LIMIT ?" if limit else ""),
        (limit,) if limit else (),
    )
    found = [as_dict(rows, row) for row in rows]
    if limit is None or len(found) < limit:
        return found, len(found)
    return found, conn.execute("SELECT count(DISTINCT customer_id) FROM owed_sales").fetchone()[0]


# Customer c's outstanding balance (fen): sales − cancellations − payments; negative is a credit.
# What owed_by_fifo's sales add up to when positive (migrations.OWED_BY_FIFO_VIEW), summed here from
# the indexes: a sum through that view's per-sale due costs customer list --json ~7 ms more.
OUTSTANDING_SQL = (
    "((SELECT coalesce(sum(amount_fen), 0) FROM entries e WHERE e.customer_id = c.id AND e.amount_fen > 0)"
    " - (SELECT coalesce(sum(m.amount_fen), 0) FROM entries s JOIN cancellations m ON m.entry_id = s.id"
    "    WHERE s.customer_id = c.id AND s.amount_fen > 0)"  # the sales alone: index entries_sales_by_customer
    " - (SELECT coalesce(sum(p.amount_fen), 0) FROM payments p WHERE p.customer_id = c.id))"
)


def outstanding_fen(conn: sqlite3.Connection, customer_ids: list[int] | None = None) -> dict[int, int]:
    """Per customer (all, or `customer_ids`): the outstanding balance (OUTSTANDING_SQL), fen."""
    where = "" if customer_ids is None else f" WHERE c.id IN ({', '.join('?' * len(customer_ids))})"
    rows = conn.execute(
        f"SELECT c.id, {OUTSTANDING_SQL} FROM customers c" + where,
        () if customer_ids is None else tuple(customer_ids),
    )
    return dict(rows.fetchall())
