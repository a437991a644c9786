"""Planning: the day's tasks by quadrant, the week's review and the plan items it
sets for the next week."""

import sqlite3
from datetime import datetime

from ..errors import SalelogError
from ..i18n import tr
from .rows import as_dict, row_by_id, stamp, update_row, where_sql


def add_task(
    conn: sqlite3.Connection, title: str, due: str, quadrant: int, customer_id: int | None, now: datetime
) -> int:
    cursor = conn.execute(
        "INSERT INTO tasks (title, due_date, quadrant, customer_id, created_at) VALUES (?, ?, ?, ?, ?)",
        (title, due, quadrant, customer_id, stamp(now)),
    )
    return cursor.lastrowid


def tasks(conn: sqlite3.Connection, *, include_closed: bool = False, due_by: str | None = None) -> list[dict]:
    """Tasks with their customer's name and the day each was first due (open
    ones only unless `include_closed`; only those due by `due_by` when given),
    by quadrant then due date."""
    where, params = [], []
    if not include_closed:
        where.append("t.status = 'open'")
    if due_by:
        where.append("t.due_date <= ?")
        params.append(due_by)
    rows = conn.execute(
        "SELECT t.id, t.title, t.due_date, coalesce(t.first_due_date, t.due_date) AS first_due, t.quadrant,"
        " c.name AS customer, t.status, t.why, t.closed_at"
        " FROM tasks t LEFT JOIN customers c ON c.id = t.customer_id"
        + where_sql(where)
        + " ORDER BY t.quadrant, t.due_date, t.id",
        params,
    )
    return [as_dict(rows, row) for row in rows]


def tasks_between(conn: sqlite3.Connection, start: str, end: str) -> list[dict]:
    """Every task due start..end (ISO dates), any status, for the week's plan."""
    rows = conn.execute(
        "SELECT t.id, t.title, t.due_date, coalesce(t.first_due_date, t.due_date) AS first_due, t.quadrant,"
        " c.name AS customer, t.status FROM tasks t LEFT JOIN customers c ON c.id = t.customer_id"
        " WHERE t.due_date BETWEEN ? AND ? ORDER BY t.due_date, t.quadrant, t.id",
        (start, end),
    )
    return [as_dict(rows, row) for row in rows]


def task(conn: sqlite3.Connection, task_id: int) -> dict:
    return row_by_id(
        conn, "tasks", task_id, SalelogError(tr("no task #{id}", id=task_id), tr("list them: salelog task list --all"))
    )


def update_task(conn: sqlite3.Connection, task_id: int, fields: dict) -> None:
    update_row(conn, "tasks", task_id, fields)


def add_review(conn: sqlite3.Connection, week_start: str, reflection: dict, plan: list[str], now: datetime) -> int:
    """Save a week's review (went_well, went_badly, why) with its plan items -> its id;
    an earlier review of the week stays as history."""
    cursor = conn.execute(
        "INSERT INTO reviews (week_start, went_well, went_badly, why, written_at) VALUES (?, ?, ?, ?, ?)",
        (week_start, reflection.get("went_well"), reflection.get("went_badly"), reflection.get("why"), stamp(now)),
    )
    review_id = cursor.lastrowid
    conn.executemany(
        "INSERT INTO plan_items (review_id, week_start, text) VALUES (?, ?, ?)",
        [(review_id, week_start, item) for item in plan],
    )
    return review_id


def latest_review(conn: sqlite3.Connection, week_start: str) -> dict | None:
    """The week's review as last written, with its plan items and how many versions exist."""
    rows = conn.execute(
        "SELECT id, week_start, went_well, went_badly, why, written_at,"
        " (SELECT count(*) FROM reviews r WHERE r.week_start = reviews.week_start) AS versions"
        " FROM reviews WHERE week_start = ? ORDER BY id DESC LIMIT 1",
        (week_start,),
    )
    row = rows.fetchone()
    if row is None:
        return None
    review = as_dict(rows, row)
    review["plan"] = plan_items(conn, review_id=review["id"])
    return review


def plan_items(
    conn: sqlite3.Connection, *, review_id: int | None = None, since: str | None = None, until: str | None = None
) -> list[dict]:
    """Plan items of one review, or of the latest review of each week in since..until."""
    if review_id is not None:
        where, params = "p.review_id = ?", [review_id]
    else:
        where = (
            "p.review_id = (SELECT max(id) FROM reviews r WHERE r.week_start = p.week_start)"
            " AND p.week_start BETWEEN ? AND ?"
        )
        params = [since, until]
    rows = conn.execute(
        f"SELECT p.id, p.week_start, p.text, p.status, p.note, p.checked_at FROM plan_items p WHERE {where}"
        " ORDER BY p.week_start, p.id",
        params,
    )
    return [as_dict(rows, row) for row in rows]


def check_plan_item(conn: sqlite3.Connection, item_id: int, status: str, note: str | None, now: datetime) -> dict:
    rows = conn.execute("SELECT id, week_start, text FROM plan_items WHERE id = ?", (item_id,))
    row = rows.fetchone()
    if row is None:
        raise SalelogError(tr("no plan item #{id}", id=item_id), tr("see them: salelog review --week last"))
    conn.execute(
        "UPDATE plan_items SET status = ?, note = ?, checked_at = ? WHERE id = ?", (status, note, stamp(now), item_id)
    )
    return as_dict(rows, row)
