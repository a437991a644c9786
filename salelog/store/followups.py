"""Follow-ups (the next steps written after a contact) as they are listed,
looked up and changed; how contacts open and close them is entries.py's rule."""

from ..errors import SalelogError
from ..i18n import tr
from .engine import sqlite3
from .rows import as_dict, row_by_id, update_row, where_sql


def open_followups(
    conn: sqlite3.Connection, customer_id: int | None = None, *, include_done: bool = False
) -> list[dict]:
    """Follow-ups with their customer's name and class and kind (complaint or None):
    open complaints first, then dated ones by due date, then undated."""
    where = [] if include_done else ["f.status = 'open'"]
    params: list = []
    if customer_id is not None:
        where.append("f.customer_id = ?")
        params.append(customer_id)
    rows = conn.execute(
        'SELECT f.id, c.name AS customer, c."class", f.what, f.due_date, f.status, f.entry_id, f.done_at, f.kind'
        " FROM followups f JOIN customers c ON c.id = f.customer_id"
        + where_sql(where)
        + " ORDER BY f.status = 'done', f.kind IS NULL, f.due_date IS NULL, f.due_date, f.id",  # open complaints first
        params,
    )
    return [as_dict(rows, row) for row in rows]


def followup(conn: sqlite3.Connection, followup_id: int) -> dict:
    return row_by_id(
        conn,
        "followups",
        followup_id,
        SalelogError(tr("no follow-up #{id}", id=followup_id), tr("list them: salelog followups --all")),
    )


def update_followup(conn: sqlite3.Connection, followup_id: int, fields: dict) -> None:
    update_row(conn, "followups", followup_id, fields)


def followups_due_between(conn: sqlite3.Connection, start: str, end: str) -> list[dict]:
    """Follow-ups due start..end (ISO dates), with status and when they were closed."""
    rows = conn.execute(
        "SELECT f.id, f.due_date, f.status, f.done_at, f.what, c.name AS customer FROM followups f"
        " JOIN customers c ON c.id = f.customer_id WHERE f.due_date BETWEEN ? AND ? ORDER BY f.due_date, f.id",
        (start, end),
    )
    return [as_dict(rows, row) for row in rows]


def complaint_due_of(conn: sqlite3.Connection, entry_id: int) -> str | None:
    """When the complaint follow-up the entry opened is due (ISO), or None."""
    row = conn.execute(
        "SELECT due_date FROM followups WHERE entry_id = ? AND kind = 'complaint' ORDER BY id DESC LIMIT 1",
        (entry_id,),
    ).fetchone()
    return row[0] if row else None
