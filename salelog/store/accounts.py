"""A customer's account beside the log: cancellations of sales (kept apart from
the entry, counted in the period they happen in) and, later, payments."""

import sqlite3
from datetime import datetime

from ..errors import SalelogError
from ..periods import Period
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


def sales_owed(conn: sqlite3.Connection, customer_ids: list[int] | None = None) -> dict[int, list[dict]]:
    """Per customer (all, or `customer_ids`), the sales still unpaid, oldest first,
    by unpaid_sales' rule: a payment said to be for a sale or a deal pays that
    first, the rest first-in first-out (cancellations each off its own sale). ->
    customer id -> [{"entry_id", "customer", "at", "amount_fen", "owed_fen"}]; a
    customer with nothing owed is absent.

    First-in first-out leaves what a customer owes on their newest sales: so SQL
    sums each customer's sales, cancellations and payments from indexes
    (entries_sales_by_customer, payments_by_customer), and only the sales of
    customers who owe are read, newest first, until their balance is made up."""
    chosen = "" if customer_ids is None else f" AND customer_id IN ({', '.join('?' * len(customer_ids))})"
    rows = conn.execute(
        # What was cancelled of each customer's sales, a sale's at most its amount (its due is never below 0).
        "WITH cancelled AS (SELECT e.customer_id, sum(min(k.fen, e.amount_fen)) AS fen"
        "  FROM (SELECT entry_id, sum(amount_fen) AS fen FROM cancellations GROUP BY entry_id) k"
        "  JOIN entries e ON e.id = k.entry_id WHERE e.amount_fen > 0 GROUP BY e.customer_id),"
        " paid AS (SELECT customer_id, sum(amount_fen) AS fen FROM payments GROUP BY customer_id),"
        " sold AS (SELECT customer_id, sum(amount_fen) AS fen FROM entries"
        f"  WHERE amount_fen > 0{chosen} GROUP BY customer_id),"
        " owing AS (SELECT s.customer_id, s.fen - coalesce(k.fen, 0) - coalesce(p.fen, 0) AS outstanding FROM sold s"
        "  LEFT JOIN cancelled k ON k.customer_id = s.customer_id LEFT JOIN paid p ON p.customer_id = s.customer_id)"
        " SELECT w.customer_id, c.name, w.outstanding, e.id, e.at, e.amount_fen"
        " - coalesce((SELECT sum(m.amount_fen) FROM cancellations m WHERE m.entry_id = e.id), 0)"
        " FROM owing w JOIN customers c ON c.id = w.customer_id"
        " JOIN entries e ON e.customer_id = w.customer_id AND e.amount_fen > 0"
        " WHERE w.outstanding > 0 ORDER BY w.customer_id, e.at DESC, e.id DESC",
        () if customer_ids is None else tuple(customer_ids),
    )
    owing: dict[int, tuple[str, int, list]] = {}
    for customer_id, name, outstanding, entry_id, at, due in rows:
        owing.setdefault(customer_id, (name, outstanding, []))[2].append((entry_id, at, due))
    for_sale, for_deal, sale_deal = _payments_said_for(conn, list(owing))
    owed = {}
    for customer_id, (name, outstanding, newest_first) in owing.items():
        if unpaid := unpaid_sales(name, outstanding, newest_first, for_sale, for_deal, sale_deal):
            owed[customer_id] = unpaid
    return owed


def _payments_said_for(conn: sqlite3.Connection, customer_ids: list[int]) -> tuple[dict, dict, dict]:
    """The customers' payments said to be for something -> (fen paid for each sale
    (payment add --for), fen paid for each deal (--deal), the deal of each sale of
    those deals)."""
    for_sale: dict[int, int] = {}
    for_deal: dict[int, int] = {}
    said = "SELECT entry_id, deal_id, amount_fen FROM payments WHERE customer_id IN ({})"
    for entry_id, deal_id, fen in _in_chunks(
        conn, said + " AND (entry_id IS NOT NULL OR deal_id IS NOT NULL)", customer_ids
    ):
        if entry_id is not None:
            for_sale[entry_id] = for_sale.get(entry_id, 0) + fen
        else:
            for_deal[deal_id] = for_deal.get(deal_id, 0) + fen
    sales = "SELECT id, deal_id FROM entries WHERE deal_id IN ({}) AND amount_fen > 0"  # index entries_by_deal
    return for_sale, for_deal, dict(_in_chunks(conn, sales, list(for_deal)))


def _in_chunks(conn: sqlite3.Connection, sql: str, ids: list[int]) -> list[tuple]:
    """The rows of `sql` (its {} a list of ids) for all of `ids`, 500 at a time: SQLite's limit on bound parameters."""
    rows = []
    for start in range(0, len(ids), 500):
        chunk = ids[start : start + 500]
        rows += conn.execute(sql.format(", ".join("?" * len(chunk))), chunk).fetchall()
    return rows


def unpaid_sales(
    customer: str, outstanding: int, newest_first: list[tuple], for_sale: dict, for_deal: dict, sale_deal: dict
) -> list[dict]:
    """One customer's unpaid sales, oldest first, from its sales ((entry id, at,
    due after cancellations), newest first) and its balance `outstanding` (sales
    − cancellations − payments), with _payments_said_for's sums: a payment for a
    sale (payment add --for) pays that sale first, one for a deal (--deal) that
    deal's sales, oldest first; what is left of the balance lies on the newest
    sales, as the payments said for no sale, and what a payment paid beyond its
    sale, went to the oldest first (first-in first-out)."""
    by_deal: dict[int, int] = {}  # what the deal's payments paid of each of its sales
    if sale_deal:
        deal_left = {}
        for entry_id, _, due in reversed(newest_first):
            deal = sale_deal.get(entry_id)
            if deal is not None and deal_left.setdefault(deal, for_deal[deal]) > 0:
                by_deal[entry_id] = min(deal_left[deal], max(0, due - for_sale.get(entry_id, 0)))
                deal_left[deal] -= by_deal[entry_id]
    unpaid, left = [], outstanding
    for entry_id, at, due in newest_first:
        if left <= 0:
            break
        still_due = due - for_sale.get(entry_id, 0) - by_deal.get(entry_id, 0)
        if still_due > 0:
            owed = min(still_due, left)
            left -= owed
            unpaid.append({"entry_id": entry_id, "customer": customer, "at": at, "amount_fen": due, "owed_fen": owed})
    return unpaid[::-1]


# Customer c's outstanding balance (fen): sales − cancellations − payments; negative is a credit.
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
