"""The pipeline summed in SQL: the open deals by stage, those closed in a period,
the stale ones, and the stage changes of a period. Apart from deals.py, which the
daily commands load to find a customer's open deal."""

from ..deals import LOST, WON
from .engine import sqlite3
from .rows import as_dict

# A deal's weighted value in SQL, rounded per deal as salelog/deals.py's weighted_fen
# (tests/test_archive.py compares the two): value (fen) times probability (percent).
WEIGHTED_SQL = "((coalesce({value}, 0) * {probability} + 50) / 100)"


def open_pipeline(conn: sqlite3.Connection, probabilities: dict[str, int], periods: list[tuple[str, str]]) -> list:
    """The open deals summed by stage (`probabilities`: stage id -> percent; a stage
    not there weighs 0), in the order each stage first appears: stage, count,
    value_fen, weighted_fen, and `closing` (the weighted value expected to close
    in each of `periods`, (first, last) ISO days)."""
    ladder = " UNION ALL ".join("SELECT ?, ?" for _ in probabilities) or "SELECT NULL, NULL"
    closing = "".join(
        ", coalesce(sum(CASE WHEN d.close_date >= ? AND d.close_date <= ? THEN d.weighted END), 0)" for _ in periods
    )
    rows = conn.execute(
        f"WITH ladder (stage, probability) AS ({ladder})"
        f" SELECT d.stage, count(*), coalesce(sum(d.value_fen), 0), sum(d.weighted){closing} FROM"
        f" (SELECT d.id, d.stage, d.value_fen, d.close_date,"
        f"  {WEIGHTED_SQL.format(value='d.value_fen', probability='coalesce(l.probability, 0)')} AS weighted"
        "  FROM deals d LEFT JOIN ladder l ON l.stage = d.stage WHERE d.closed_at IS NULL) d"
        " GROUP BY d.stage ORDER BY min(d.id)",
        [v for pair in probabilities.items() for v in pair] + [day for period in periods for day in period],
    )
    return [
        {"stage": stage, "count": count, "value_fen": value, "weighted_fen": weighted, "closing": list(closing)}
        for stage, count, value, weighted, *closing in rows
    ]


def closed_pipeline(conn: sqlite3.Connection, lower: str, upper: str) -> dict:
    """The deals won or lost with closed_at in [lower, upper): per stage (won,
    lost) the count, value_fen and days from creation to close summed
    (`cycle_days`), and `lost_reasons` (reason or "" -> count)."""
    closed = {WON: {"count": 0, "value_fen": 0, "cycle_days": 0}, LOST: {"count": 0, "value_fen": 0, "cycle_days": 0}}
    for stage, count, value, days in conn.execute(
        "SELECT stage, count(*), coalesce(sum(value_fen), 0),"
        " sum(round(julianday(substr(closed_at, 1, 10)) - julianday(substr(created_at, 1, 10))))"
        " FROM deals WHERE closed_at >= ? AND closed_at < ? AND stage IN (?, ?) GROUP BY stage",
        (lower, upper, WON, LOST),
    ):
        closed[stage] = {"count": count, "value_fen": value, "cycle_days": int(days or 0)}
    closed["lost_reasons"] = dict(
        conn.execute(
            "SELECT coalesce(lost_reason, ''), count(*) FROM deals WHERE closed_at >= ? AND closed_at < ?"
            " AND stage = ? GROUP BY 1",
            (lower, upper, LOST),
        ).fetchall()
    )
    return closed


def stale_pipeline(conn: sqlite3.Connection, silent_since: str, today: str, limit: int | None) -> tuple[list, int]:
    """Open deals without a linked contact (or, never contacted, since created) since
    `silent_since` (an ISO day, included), or past their expected close date
    (before `today`), the longest silent first, then by id: (the first `limit`
    of them, or all with None; how many there are). A row: id, customer, title,
    stage, close_date, created_at, last_contact (one seek in entries_by_deal), silent
    (the day it has been silent since)."""
    rows = conn.execute(  # which deals, from the open deals' index; then only those deals' rows
        "WITH open AS MATERIALIZED (SELECT d.id, d.close_date, d.created_at,"
        "  (SELECT e.at FROM entries e WHERE e.deal_id = d.id ORDER BY e.at DESC LIMIT 1) AS last_contact"
        "  FROM deals d WHERE d.closed_at IS NULL),"
        " stale AS (SELECT id, last_contact, silent, count(*) OVER () AS total FROM"
        "  (SELECT *, substr(coalesce(last_contact, created_at), 1, 10) AS silent FROM open)"
        "  WHERE silent <= ? OR (close_date != '' AND close_date < ?) ORDER BY silent, id LIMIT ?)"
        " SELECT d.id, c.name AS customer, d.title, d.stage, d.close_date, d.created_at, s.last_contact, s.silent,"
        " s.total FROM stale s JOIN deals d ON d.id = s.id JOIN customers c ON c.id = d.customer_id"
        " ORDER BY s.silent, s.id",
        (silent_since, today, -1 if limit is None else limit),
    )
    names = [column[0] for column in rows.description]  # once, not once a row: --json reads every stale deal
    found = [dict(zip(names, row, strict=True)) for row in rows]
    return found, found[0]["total"] if found else 0


def stage_changes_between(conn: sqlite3.Connection, lower: str, upper: str) -> list[dict]:
    """Every stage change with `at` in [lower, upper), creations (from_stage NULL) included."""
    rows = conn.execute(
        "SELECT deal_id, from_stage, to_stage, at FROM deal_stage_changes WHERE at >= ? AND at < ? ORDER BY at, id",
        (lower, upper),
    )
    return [as_dict(rows, row) for row in rows]
