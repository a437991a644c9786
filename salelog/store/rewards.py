"""Rewards to yourself at a target or a milestone below it, and the one-time
announcement that a logged entry reached one (entries.record_contact asks for
it only when some reward covers the entry's day)."""

from datetime import date, datetime

from ..periods import Period
from .engine import sqlite3
from .rows import as_dict, stamp

_REWARDS = (
    "SELECT r.metric, r.period, r.start_date, r.end_date, r.at_value, r.reward,"
    " (SELECT g.target FROM current_goals g WHERE g.metric = r.metric AND g.period = r.period"
    "  AND g.start_date = r.start_date) AS target"
    " FROM rewards r"
)


def set_reward(conn: sqlite3.Connection, metric: str, period: Period, at_value: int | None, reward: str, now) -> None:
    """Keep `reward` at `at_value` (None: at the target in force) of `metric` in
    `period`; one reward per mark, a new one replacing its text."""
    key = (metric, period.kind, period.start.isoformat(), at_value)
    changed = conn.execute(
        "UPDATE rewards SET reward = ?, created_at = ? WHERE metric = ? AND period = ? AND start_date = ?"
        " AND at_value IS ?",
        (reward, stamp(now), *key),
    ).rowcount
    if not changed:
        conn.execute(
            "INSERT INTO rewards (metric, period, start_date, end_date, at_value, reward, created_at)"
            " VALUES (?, ?, ?, ?, ?, ?, ?)",
            (*key[:3], period.end.isoformat(), at_value, reward, stamp(now)),
        )


def rewards_between(conn: sqlite3.Connection, start: str, end: str) -> list[dict]:
    """The rewards whose period overlaps start..end (ISO dates), each with `mark`
    (its milestone, or the target in force; None when the target is gone),
    `target` and whether it was `announced`; by period, metric and mark."""
    rows = conn.execute(_REWARDS + " WHERE r.start_date <= ? AND r.end_date >= ?", (end, start))
    rewards = [_marked(as_dict(rows, row)) for row in rows]
    starts = sorted({r["start_date"] for r in rewards})
    marks = ", ".join("?" * len(starts))
    said = {
        (a["metric"], a["period"], a["start_date"], a["at_value"])
        for a in (_announcements(conn, f"start_date IN ({marks})", tuple(starts)) if starts else [])
    }
    for r in rewards:
        r["announced"] = (r["metric"], r["period"], r["start_date"], r["mark"]) in said
    return sorted(rewards, key=lambda r: (r["start_date"], r["period"], r["metric"], r["mark"] or 0))


def _marked(row: dict) -> dict:
    return row | {"mark": row["at_value"] if row["at_value"] is not None else row["target"]}


def _announcements(conn: sqlite3.Connection, where: str, params: tuple) -> list[dict]:
    rows = conn.execute(f"SELECT * FROM reward_announcements WHERE {where}", params)
    return [as_dict(rows, row) for row in rows]


def announce(conn: sqlite3.Connection, reward: dict, entry_id: int | None, now: datetime) -> None:
    """Record that `reward` (a rewards_between row) was reached and said."""
    conn.execute(
        "INSERT OR IGNORE INTO reward_announcements"
        " (metric, period, start_date, at_value, reward, target, entry_id, command_id, announced_at)"
        " VALUES (?, ?, ?, ?, ?, ?, ?, (SELECT id FROM undo_log WHERE recording = 1), ?)",
        (reward["metric"], reward["period"], reward["start_date"], reward["mark"], reward["reward"], reward["target"],
         entry_id, stamp(now)),
    )  # fmt: skip


def announce_crossed(conn: sqlite3.Connection, entry_id: int, entry: dict, lists: dict, now: datetime) -> None:
    """After logging `entry`: every reward not yet said whose period holds the
    entry's day and whose metric the entry counts for, now reached (its metric's
    actual over the period, by report.actual, at its mark), is recorded as said
    by this entry (entries.rewards_reached_by). The period is read only for such rewards."""
    from ..metrics import BY_NAME, custom_metric
    from ..report import actual, reads_whole_entries
    from .accounts import money_moves_in
    from .entry_reads import entries_in, kinds_and_amounts_in

    day = entry["at"][:10]
    alone = {  # the entry as report.actual sees a row: does it count at all?
        "kind": entry["kind"],
        "amount_fen": entry["amount_fen"],
        "customer_id": 0,
        "first_at": entry["at"],
        "first_sale_at": entry["at"] if (entry["amount_fen"] or 0) > 0 else None,
        "tags": lists.get("tag") or [],
    }
    for reward in rewards_between(conn, day, day):
        if reward["announced"] or reward["mark"] is None:
            continue
        metric = BY_NAME.get(reward["metric"]) or custom_metric(reward["metric"])
        period = Period(
            date.fromisoformat(reward["start_date"]), date.fromisoformat(reward["end_date"]), reward["period"]
        )
        if not actual(metric, [alone], period):
            continue
        read = entries_in if reads_whole_entries(metric) else kinds_and_amounts_in
        if actual(metric, read(conn, period), period, (), money_moves_in(conn, period)) >= reward["mark"]:
            announce(conn, reward, entry_id, now)
