"""Deals added, changed, moved through their stages, linked to entries and
removed, with their history. Apart from deals.py, which the daily commands load
to find a customer's open deal."""

from datetime import datetime

from ..errors import SalelogError
from .deals import _SELECT, DEAL_COLUMNS
from .engine import sqlite3
from .rows import as_dict, row_by_id, stamp, update_row


def add_deal(
    conn: sqlite3.Connection,
    customer_id: int,
    stage: str,
    fields: dict,
    *,
    now: datetime,
    created_at: str | None = None,
) -> int:
    """A new deal at `stage` (`fields`: DEAL_COLUMNS; `created_at`: an imported
    deal's own creation moment, else now) -> its id; its history starts there."""
    created = created_at or stamp(now)
    values = dict.fromkeys(DEAL_COLUMNS) | fields
    cursor = conn.execute(
        f"INSERT INTO deals (customer_id, stage, created_at, {', '.join(DEAL_COLUMNS)})"
        f" VALUES (?, ?, ?, {', '.join('?' * len(DEAL_COLUMNS))})",
        (customer_id, stage, created, *(values[c] for c in DEAL_COLUMNS)),
    )
    deal_id = cursor.lastrowid
    conn.execute(
        "INSERT INTO deal_stage_changes (deal_id, from_stage, to_stage, at) VALUES (?, NULL, ?, ?)",
        (deal_id, stage, created),
    )
    return deal_id


def backdate_creation(conn: sqlite3.Connection, deal_id: int, at: str) -> None:
    """The deal was created at `at` (earlier than recorded: added after the fact), its history's start too."""
    update_row(conn, "deals", deal_id, {"created_at": at})
    conn.execute("UPDATE deal_stage_changes SET at = ? WHERE deal_id = ? AND from_stage IS NULL", (at, deal_id))


def update_deal(conn: sqlite3.Connection, deal_id: int, fields: dict) -> None:
    update_row(conn, "deals", deal_id, fields)


def set_stage(conn: sqlite3.Connection, deal_id: int, stage: str, at: str, fields: dict | None = None) -> None:
    """Put the deal at `stage` (with `fields`: closed_at, lost_reason) and keep the move in its history."""
    before = conn.execute("SELECT stage FROM deals WHERE id = ?", (deal_id,)).fetchone()[0]
    update_row(conn, "deals", deal_id, {"stage": stage, **(fields or {})})
    conn.execute(
        "INSERT INTO deal_stage_changes (deal_id, from_stage, to_stage, at) VALUES (?, ?, ?, ?)",
        (deal_id, before, stage, at),
    )


def stage_history(conn: sqlite3.Connection, deal_id: int) -> list[dict]:
    rows = conn.execute(
        "SELECT from_stage, to_stage, at FROM deal_stage_changes WHERE deal_id = ? ORDER BY at, id", (deal_id,)
    )
    return [as_dict(rows, row) for row in rows]


def deal_entries(conn: sqlite3.Connection, deal_id: int) -> list[dict]:
    """The entries linked to the deal, oldest first."""
    rows = conn.execute(
        "SELECT id, at, kind, amount_fen, outcome FROM entries WHERE deal_id = ? ORDER BY at, id", (deal_id,)
    )
    return [as_dict(rows, row) for row in rows]


def link_entry(conn: sqlite3.Connection, entry_id: int, deal_id: int) -> None:
    conn.execute("UPDATE entries SET deal_id = ? WHERE id = ?", (deal_id, entry_id))


def log_revenue(
    conn: sqlite3.Connection, deal_row: dict, revenue_fen: int, at: str, *, kind: str, now: datetime
) -> int:
    """A won deal's revenue as an entry of `kind` (sale: no contact) linked to it, logged by the one home that
    logs a contact (entries.record_contact: follow-ups and metrics see it) -> the entry's id."""
    from ..fields import SCALARS
    from .entries import record_contact

    entry = dict.fromkeys(f.column for f in SCALARS) | {"kind": kind, "at": at, "amount_fen": revenue_fen}
    entry["outcome"] = deal_row["title"]
    entry_id, _ = record_contact(conn, deal_row["customer_id"], entry, lists={}, now=now, deal_id=deal_row["id"])
    return entry_id


def booked_revenue(conn: sqlite3.Connection, deal_id: int) -> int | None:
    """The id of the deal's linked entry with an amount (its won revenue), if any."""
    row = conn.execute("SELECT min(id) FROM entries WHERE deal_id = ? AND amount_fen > 0", (deal_id,)).fetchone()
    return row[0]


def deal_by_external_id(conn: sqlite3.Connection, external_id: str) -> dict | None:
    rows = conn.execute(_SELECT + " WHERE d.external_id = ?", (external_id,))
    row = rows.fetchone()
    return as_dict(rows, row) if row else None


def delete_deal(conn: sqlite3.Connection, deal_id: int) -> None:
    """Delete a deal and its history; its entries stay, unlinked."""
    conn.execute("UPDATE entries SET deal_id = NULL WHERE deal_id = ?", (deal_id,))
    conn.execute("DELETE FROM deal_stage_changes WHERE deal_id = ?", (deal_id,))
    row_by_id(conn, "deals", deal_id, SalelogError("no deal {id}", None, id=deal_id))
    conn.execute("DELETE FROM deals WHERE id = ?", (deal_id,))


def deal_won_by(conn: sqlite3.Connection, entry_id: int) -> int | None:
    """The won deal whose win booked this entry, or None. Winning logs the sale last,
    at the closing moment and of the amount won (the deal's value since): of the
    deal's linked entries alike in that, the newest is the win's (deal won's and
    import deals' entries as well as those booked before this was asked)."""
    row = conn.execute(
        "SELECT d.id, (SELECT max(w.id) FROM entries w WHERE w.deal_id = d.id AND w.at = d.closed_at"
        " AND w.amount_fen = d.value_fen) FROM entries e JOIN deals d ON d.id = e.deal_id"
        " WHERE e.id = ? AND d.stage = 'won'",
        (entry_id,),
    ).fetchone()
    return row[0] if row and row[1] == entry_id else None
