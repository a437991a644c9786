"""Deals (商机): what is in play with a customer, its stage history, and the
entries linked to it. The stage ladder itself is salelog/deals.py's."""

from datetime import datetime

from ..deals import LOST, WON
from ..errors import SalelogError
from ..i18n import tr
from .engine import sqlite3
from .rows import as_dict, row_by_id, stamp, update_row, where_sql

# The columns deal add / edit / import may set (besides customer_id and stage).
DEAL_COLUMNS = ("title", "value_fen", "close_date", "source", "note", "external_id")

# A deal with its customer's name and its last linked contact (entries.at).
_SELECT = (
    "SELECT d.*, c.name AS customer,"
    " (SELECT max(e.at) FROM entries e WHERE e.deal_id = d.id) AS last_contact"
    " FROM deals d JOIN customers c ON c.id = d.customer_id"
)


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


def deal_id_for(conn: sqlite3.Connection, ref: str) -> int:
    """A deal reference as typed (an id, #id, or `last` = the latest added) -> its id."""
    text = ref.strip().lstrip("#").lower()
    if text in ("last", "最后", "上一个"):
        row = conn.execute("SELECT max(id) FROM deals").fetchone()
        if row[0] is not None:
            return row[0]
    elif text.isdigit() and conn.execute("SELECT 1 FROM deals WHERE id = ?", (int(text),)).fetchone():
        return int(text)
    raise SalelogError(tr('no deal "{ref}"', ref=ref[:40]), tr("give an id from salelog deal list --all"))


def deal(conn: sqlite3.Connection, deal_id: int) -> dict:
    """One deal (its columns, customer, last_contact)."""
    rows = conn.execute(_SELECT + " WHERE d.id = ?", (deal_id,))
    return as_dict(rows, rows.fetchone())


def list_deals(
    conn: sqlite3.Connection, *, customer_id: int | None = None, stage: str | None = None, include_closed: bool = True
) -> list[dict]:
    """Deals, oldest first: of one customer, at one stage, open ones only unless `include_closed`."""
    where, params = [], []
    if customer_id is not None:
        where.append("d.customer_id = ?")
        params.append(customer_id)
    if stage is not None:
        where.append("d.stage = ?")
        params.append(stage)
    if not include_closed:
        where.append("d.closed_at IS NULL")
    rows = conn.execute(_SELECT + where_sql(where) + " ORDER BY d.id", params)
    names = [column[0] for column in rows.description]  # once, not once a row: pipeline reads every deal
    return [dict(zip(names, row, strict=True)) for row in rows]


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


def open_deals(conn: sqlite3.Connection, close_from: str = "", close_until: str = "9999") -> list[dict]:
    """The open deals expected to close from `close_from` to `close_until` (ISO
    dates, inclusive), with what week and remind need (no last contact: it costs a lookup a deal)."""
    rows = conn.execute(
        "SELECT d.id, c.name AS customer, d.title, d.value_fen, d.stage, d.close_date, d.created_at, d.closed_at"
        " FROM deals d JOIN customers c ON c.id = d.customer_id"
        " WHERE d.closed_at IS NULL AND d.close_date >= ? AND d.close_date <= ? ORDER BY d.id",
        (close_from, close_until),
    )
    return [as_dict(rows, row) for row in rows]


def deal_count(conn: sqlite3.Connection, customer_id: int) -> int:
    return conn.execute("SELECT count(*) FROM deals WHERE customer_id = ?", (customer_id,)).fetchone()[0]


def has_deals(conn: sqlite3.Connection) -> bool:
    return conn.execute("SELECT 1 FROM deals LIMIT 1").fetchone() is not None


def open_deals_of(conn: sqlite3.Connection, customer_id: int) -> list[tuple[int, str]]:
    """The customer's open deals, (id, title) (at most two: enough to tell "exactly one")."""
    rows = conn.execute(
        "SELECT id, title FROM deals WHERE customer_id = ? AND closed_at IS NULL LIMIT 2", (customer_id,)
    )
    return rows.fetchall()


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


def stage_changes_between(conn: sqlite3.Connection, lower: str, upper: str) -> list[dict]:
    """Every stage change with `at` in [lower, upper), creations (from_stage NULL) included."""
    rows = conn.execute(
        "SELECT deal_id, from_stage, to_stage, at FROM deal_stage_changes WHERE at >= ? AND at < ? ORDER BY at, id",
        (lower, upper),
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
