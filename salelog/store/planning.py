"""Planning: the day's tasks by quadrant, the reviews of weeks, months and years
and the plan items each sets for the next period."""

from datetime import datetime

from ..errors import SalelogError
from ..i18n import tr
from .engine import sqlite3
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


def add_review(
    conn: sqlite3.Connection,
    start: str,
    reflection: dict,
    plan: list[str],
    now: datetime,
    *,
    period: str = "week",
    causes: list[str] = (),
) -> int:
    """Save a period's review (went_well, went_badly, why, the causes picked) with
    its plan items -> its id; `start`: the period's first day, `period` its kind;
    an earlier review of the period stays as history."""
    cursor = conn.execute(
        "INSERT INTO reviews (period, period_start, went_well, went_badly, why, causes, written_at)"
        " VALUES (?, ?, ?, ?, ?, ?, ?)",
        (
            period,
            start,
            reflection.get("went_well"),
            reflection.get("went_badly"),
            reflection.get("why"),
            ",".join(causes) or None,
            stamp(now),
        ),
    )
    review_id = cursor.lastrowid
    conn.executemany(
        "INSERT INTO plan_items (review_id, period, period_start, text) VALUES (?, ?, ?, ?)",
        [(review_id, period, start, item) for item in plan],
    )
    return review_id


def latest_review(conn: sqlite3.Connection, start: str, period: str = "week") -> dict | None:
    """The period's review as last written, with its plan items and how many versions exist."""
    rows = conn.execute(
        "SELECT id, period, period_start, went_well, went_badly, why, causes, written_at,"
        " (SELECT count(*) FROM reviews r WHERE r.period = reviews.period"
        " AND r.period_start = reviews.period_start) AS versions"
        " FROM reviews WHERE period = ? AND period_start = ? ORDER BY id DESC LIMIT 1",
        (period, start),
    )
    row = rows.fetchone()
    if row is None:
        return None
    review = as_dict(rows, row)
    review["causes"] = _causes(review["causes"])
    review["plan"] = plan_items(conn, review_id=review["id"])
    return review


def _causes(text: str | None) -> list[str]:
    return text.split(",") if text else []


def causes_picked(conn: sqlite3.Connection, since: str, until: str) -> list[list[str]]:
    """The causes picked in the latest review of every period (week, month, year)
    starting since..until (ISO dates): one list a review."""
    rows = conn.execute(
        "SELECT r.causes FROM reviews r WHERE r.period_start BETWEEN ? AND ? AND r.id ="
        " (SELECT max(id) FROM reviews o WHERE o.period = r.period AND o.period_start = r.period_start)",
        (since, until),
    )
    return [_causes(text) for (text,) in rows]


def plan_items(
    conn: sqlite3.Connection,
    *,
    review_id: int | None = None,
    since: str | None = None,
    until: str | None = None,
    period: str = "week",
) -> list[dict]:
    """Plan items of one review, or of the latest review of each `period` (week,
    month, year) starting since..until; status open until checked. A week's items
    also carry week_start (the key week --json has always given)."""
    if review_id is not None:
        where, params = "p.review_id = ?", [review_id]
    else:
        where = (
            "p.review_id = (SELECT max(id) FROM reviews r"
            " WHERE r.period = p.period AND r.period_start = p.period_start)"
            " AND p.period = ? AND p.period_start BETWEEN ? AND ?"
        )
        params = [period, since, until]
    rows = conn.execute(
        "SELECT p.id, p.period, p.period_start, p.text, p.status, p.note, p.checked_at FROM plan_items p"
        f" WHERE {where} ORDER BY p.period_start, p.id",
        params,
    )
    items = [as_dict(rows, row) for row in rows]
    for item in items:
        item["status"] = item["status"] or "open"  # not checked yet (stored NULL), as docs/contract.md names it
        if item["period"] == "week":
            item["week_start"] = item["period_start"]
    return items


def check_plan_item(conn: sqlite3.Connection, item_id: int, status: str, note: str | None, now: datetime) -> dict:
    rows = conn.execute("SELECT id, period, period_start, text FROM plan_items WHERE id = ?", (item_id,))
    row = rows.fetchone()
    if row is None:
        raise SalelogError(tr("no plan item #{id}", id=item_id), tr("see them: salelog review --week last"))
    conn.execute(
        "UPDATE plan_items SET status = ?, note = ?, checked_at = ? WHERE id = ?", (status, note, stamp(now), item_id)
    )
    return as_dict(rows, row)
