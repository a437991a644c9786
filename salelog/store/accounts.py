"""A customer's account beside the log: cancellations of sales (kept apart from
the entry, counted in the period they happen in) and, later, payments."""

import sqlite3
from datetime import datetime

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
