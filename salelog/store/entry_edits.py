"""Entries changed or removed (visit edit, visit rm), and a complaint's follow-up
kept in step with its entry. Apart from entries.py, which visit add loads."""

from datetime import datetime

from ..metrics import SALE
from ..periods import Calendar
from .engine import sqlite3
from .entries import (
    _insert_followup,
    _open_complaint,
    _set_lists,
    close_due_followups,
    closes_followups,
    latest_happened,
)
from .followups import update_followup
from .rows import as_dict, update_row


def update_entry(
    conn: sqlite3.Connection,
    entry_id: int,
    fields: dict,
    lists: dict[str, list[str] | None],
    *,
    now: datetime,
    calendar: Calendar | None = None,
) -> list[dict]:
    """Change an entry's columns, and replace each list given in `lists` (None:
    keep it); its open follow-up follows a changed next step or date, and its
    complaint follow-up a changed complaint (follow_complaint: `now`, `calendar`).
    Moved to another customer, day or kind, the follow-ups it closed are judged
    again by the rule a contact closes them by -> those open again."""
    update_row(conn, "entries", entry_id, fields)
    _set_lists(conn, entry_id, lists)
    reopened = _closed_again(conn, entry_id, now) if {"customer_id", "at", "kind"} & fields.keys() else []
    if {"complaint", "customer_id"} & fields.keys():
        follow_complaint(conn, entry_id, now=now, calendar=calendar)
    if {"next_step", "next_date", "customer_id"} & fields.keys():
        e = conn.execute(
            "SELECT customer_id, next_step, next_date, created_at FROM entries WHERE id = ?", (entry_id,)
        ).fetchone()
        linked = conn.execute(
            "SELECT id FROM followups WHERE entry_id = ? AND status = 'open' AND kind IS NULL", (entry_id,)
        ).fetchone()
        if linked and (e[1] or e[2]):
            update_followup(conn, linked[0], {"customer_id": e[0], "what": e[1], "due_date": e[2]})
        elif linked:
            conn.execute("DELETE FROM followups WHERE id = ?", (linked[0],))
        elif e[1] or e[2]:  # dated as the entry was logged, not as it was edited
            _insert_followup(conn, e[0], entry_id, e[1], e[2], created_at=e[3])
    return reopened


def _closed_again(conn: sqlite3.Connection, entry_id: int, now: datetime) -> list[dict]:
    """The follow-ups the entry closed are opened, and those it closes now (record_contact's
    rule: its customer's, due by its day; none if it has not happened or is a sale booked
    with no contact) closed again -> the ones left open."""
    before = _reopen_closed_by(conn, entry_id, now, excluding=None)  # the entry as it is now may close them itself
    customer_id, at, kind = conn.execute(
        "SELECT customer_id, at, kind FROM entries WHERE id = ?", (entry_id,)
    ).fetchone()
    closed = set()
    if closes_followups(kind, at, now):
        closed = {f["id"] for f in close_due_followups(conn, customer_id, entry_id, at)}
    return [f for f in before if f["id"] not in closed]


def follow_complaint(conn: sqlite3.Connection, entry_id: int, *, now: datetime, calendar: Calendar | None) -> None:
    """After an edit of the entry's complaint (or customer): a complaint where there
    was none opens its follow-up as record_contact does, once; an open one takes
    the new text (and customer), or goes when the complaint is cleared; one done stays done."""
    rows = conn.execute("SELECT * FROM entries WHERE id = ?", (entry_id,))
    e = as_dict(rows, rows.fetchone())
    found = conn.execute(
        "SELECT id, status FROM followups WHERE entry_id = ? AND kind = 'complaint' ORDER BY id DESC LIMIT 1",
        (entry_id,),
    ).fetchone()
    if found is None:
        if e["complaint"]:
            _open_complaint(conn, e["customer_id"], entry_id, e, now, calendar)
    elif found[1] == "open" and e["complaint"]:
        update_followup(conn, found[0], {"customer_id": e["customer_id"], "what": e["complaint"]})
    elif found[1] == "open":
        conn.execute("DELETE FROM followups WHERE id = ?", (found[0],))


def delete_entry(conn: sqlite3.Connection, entry_id: int, now: datetime) -> list[dict]:
    """Delete an entry with its lists (tags, competitors: ON DELETE CASCADE) and the open
    follow-up it opened; the follow-ups it closed are open again -> those."""
    reopened = _reopen_closed_by(conn, entry_id, now, excluding=entry_id)
    conn.execute("DELETE FROM followups WHERE entry_id = ? AND status = 'open'", (entry_id,))
    conn.execute("DELETE FROM entries WHERE id = ?", (entry_id,))
    return reopened


def _reopen_closed_by(conn: sqlite3.Connection, entry_id: int, now: datetime, *, excluding: int | None) -> list[dict]:
    """The follow-ups the entry closed, each closed instead by the customer's first
    contact (not `excluding`, the one going) that entries.closes_followups lets close
    it, on or after its due day; else open again -> those open again."""
    rows = conn.execute(
        "SELECT id, what, due_date, customer_id, entry_id FROM followups WHERE done_by_entry_id = ?", (entry_id,)
    )
    closed = [as_dict(rows, row) for row in rows]
    reopened = []
    for f in closed:
        other = conn.execute(
            "SELECT id, at FROM entries WHERE customer_id = ? AND at >= ? AND at <= ? AND kind != ? AND id IS NOT ?"
            " AND id IS NOT ? ORDER BY at, id LIMIT 1",
            (f["customer_id"], f"{f['due_date']} 00:00:00", latest_happened(now), SALE, excluding, f["entry_id"]),
        ).fetchone()  # fmt: skip
        conn.execute(
            "UPDATE followups SET status = ?, done_at = ?, done_by_entry_id = ? WHERE id = ?",
            ("done", other[1], other[0], f["id"]) if other else ("open", None, None, f["id"]),
        )
        if not other:
            reopened.append({k: f[k] for k in ("id", "what", "due_date")})
    return reopened
