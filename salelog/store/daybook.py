"""The day's book: the line written about a day (day note), the time spent away
from customers (activities), and what the day's report reads of tasks and follow-ups."""

from datetime import datetime

from ..errors import SalelogError
from ..i18n import tr
from ..periods import Period
from .engine import sqlite3
from .rows import as_dict, row_by_id, stamp, where_sql


def add_day_note(conn: sqlite3.Connection, day: str, text: str, mood: int | None, now: datetime) -> int:
    """Keep a note on `day` (ISO date); an earlier note of the day stays as history -> its id."""
    cursor = conn.execute(
        "INSERT INTO day_notes (day, text, mood, written_at) VALUES (?, ?, ?, ?)", (day, text, mood, stamp(now))
    )
    return cursor.lastrowid


def day_notes(conn: sqlite3.Connection, start: str, end: str) -> list[dict]:
    """The note that counts (the last written) of each day start..end (ISO dates),
    by day, with how many were written that day."""
    rows = conn.execute(
        "SELECT n.day, n.text, n.mood, n.written_at,"
        " (SELECT count(*) FROM day_notes v WHERE v.day = n.day) AS versions"
        " FROM day_notes n WHERE n.day BETWEEN ? AND ?"
        " AND n.id = (SELECT max(id) FROM day_notes m WHERE m.day = n.day) ORDER BY n.day",
        (start, end),
    )
    return [as_dict(rows, row) for row in rows]


def add_activity(
    conn: sqlite3.Connection, *, kind: str, minutes: int | None, at: str, note: str | None, now: datetime
) -> int:
    cursor = conn.execute(
        "INSERT INTO activities (kind, minutes, at, note, created_at) VALUES (?, ?, ?, ?, ?)",
        (kind, minutes, at, note, stamp(now)),
    )
    return cursor.lastrowid


def activities_in(conn: sqlite3.Connection, period: Period) -> list[dict]:
    """The period's activities, oldest first."""
    return list_activities(conn, period.lower, period.upper, newest_first=False)


def latest_activity_before(conn: sqlite3.Connection, instant: str, kind: str) -> str | None:
    """When the last activity of `kind` before `instant` happened, or None (index on at)."""
    return conn.execute("SELECT max(at) FROM activities WHERE at < ? AND kind = ?", (instant, kind)).fetchone()[0]


def list_activities(
    conn: sqlite3.Connection, since: str | None = None, until: str | None = None, *, newest_first: bool = True
) -> list[dict]:
    """Activities whose `at` is since (inclusive) .. until (exclusive), either bound optional."""
    where, params = [], []
    for clause, value in (("at >= ?", since), ("at < ?", until)):
        if value is not None:
            where.append(clause)
            params.append(value)
    order = "DESC" if newest_first else ""
    rows = conn.execute(
        "SELECT id, kind, minutes, at, note FROM activities" + where_sql(where) + f" ORDER BY at {order}, id {order}",
        params,
    )
    return [as_dict(rows, row) for row in rows]


def activity(conn: sqlite3.Connection, activity_id: int) -> dict:
    missing = SalelogError(tr("no activity #{id}", id=activity_id), tr("list them: salelog activity list"))
    return row_by_id(conn, "activities", activity_id, missing)


def delete_activity(conn: sqlite3.Connection, activity_id: int) -> None:
    conn.execute("DELETE FROM activities WHERE id = ?", (activity_id,))


def tasks_around(conn: sqlite3.Connection, day: str, next_day: str) -> list[dict]:
    """Tasks the day's report looks at: closed on `day`, or first due by
    `next_day` and still open (ISO dates), with their customer's name."""
    rows = conn.execute(
        "SELECT t.id, t.title, t.due_date, coalesce(t.first_due_date, t.due_date) AS first_due, t.quadrant,"
        " c.name AS customer, t.status, t.why, t.closed_at"
        " FROM tasks t LEFT JOIN customers c ON c.id = t.customer_id"
        " WHERE substr(t.closed_at, 1, 10) = ? OR (t.status = 'open' AND coalesce(t.first_due_date, t.due_date) <= ?)"
        " ORDER BY t.quadrant, t.due_date, t.id",
        (day, next_day),
    )
    return [as_dict(rows, row) for row in rows]


def followups_around(conn: sqlite3.Connection, day: str, next_day: str) -> list[dict]:
    """Follow-ups the day's report looks at: due by `next_day` and open, due on
    `day`, or closed on `day` or after it (ISO dates), with their customer's name."""
    rows = conn.execute(
        "SELECT f.id, c.name AS customer, f.what, f.due_date, f.status, f.done_at"
        " FROM followups f JOIN customers c ON c.id = f.customer_id"
        " WHERE (f.status = 'open' AND f.due_date <= ?) OR f.due_date = ? OR substr(f.done_at, 1, 10) >= ?"
        " ORDER BY f.due_date, f.id",
        (next_day, day, day),
    )
    return [as_dict(rows, row) for row in rows]
