"""Targets: custom metrics, every goal setting kept as history, and the targets
in force for a period."""

from datetime import datetime

from ..periods import Period
from .engine import sqlite3
from .rows import as_dict, stamp


def custom_metric_names(conn: sqlite3.Connection) -> set[str]:
    return {name for (name,) in conn.execute("SELECT name FROM custom_metrics")}


def declare_custom_metric(conn: sqlite3.Connection, name: str, now: datetime) -> bool:
    """Record a custom metric (counted by tag) -> True if it is new."""
    cursor = conn.execute("INSERT OR IGNORE INTO custom_metrics (name, created_at) VALUES (?, ?)", (name, stamp(now)))
    return cursor.rowcount == 1


def add_goal_setting(conn: sqlite3.Connection, metric: str, period: Period, target: int, now: datetime) -> int | None:
    """Set `metric`'s target for `period`, keeping earlier settings as history ->
    the target it replaces, or None if it is the first."""
    previous = current_target(conn, metric, period)
    conn.execute(
        "INSERT INTO goals (metric, period, start_date, end_date, target, set_at) VALUES (?, ?, ?, ?, ?, ?)",
        (metric, period.kind, period.start.isoformat(), period.end.isoformat(), target, stamp(now)),
    )
    return previous


def current_target(conn: sqlite3.Connection, metric: str, period: Period) -> int | None:
    row = conn.execute(
        "SELECT target FROM goals WHERE metric = ? AND period = ? AND start_date = ? ORDER BY id DESC LIMIT 1",
        (metric, period.kind, period.start.isoformat()),
    ).fetchone()
    return row[0] if row else None


def goal_settings(conn: sqlite3.Connection, period: Period) -> list[dict]:
    """Every target set for `period`, oldest first (the last per metric counts)."""
    rows = conn.execute(
        "SELECT id, metric, target, set_at FROM goals WHERE period = ? AND start_date = ? ORDER BY id",
        (period.kind, period.start.isoformat()),
    )
    return [as_dict(rows, row) for row in rows]


def goals_overlapping(conn: sqlite3.Connection, start: str, end: str, *, weeks: bool = False) -> list[dict]:
    """The targets in force whose period overlaps start..end (ISO dates): the
    month, quarter and year ones, or with `weeks` the explicit week ones."""
    rows = conn.execute(
        "SELECT metric, period, start_date, end_date, target FROM current_goals"
        f" WHERE period {'=' if weeks else '!='} 'week' AND start_date <= ? AND end_date >= ?"
        " ORDER BY start_date, metric",
        (end, start),
    )
    return [as_dict(rows, row) for row in rows]


def goals_in_force(conn: sqlite3.Connection, since: str | None = None, until: str | None = None) -> list[dict]:
    """The targets that count (the last setting of each metric and period) whose
    period overlaps since..until (ISO dates, inclusive; None: open-ended), by
    start date, period and metric; targets in fen for money metrics."""
    rows = conn.execute(
        "SELECT metric, period, start_date, end_date, target, set_at FROM current_goals"
        " WHERE end_date >= coalesce(?, end_date) AND start_date <= coalesce(?, start_date)"
        " ORDER BY start_date, period, metric",
        (since, until),
    )
    return [as_dict(rows, row) for row in rows]


def any_rewards(conn: sqlite3.Connection) -> bool:
    """Whether any target has a reward (store.rewards): here, so that week asks without loading that module."""
    return conn.execute("SELECT 1 FROM rewards LIMIT 1").fetchone() is not None
