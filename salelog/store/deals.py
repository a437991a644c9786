"""Deals (商机) listed and looked up: what is in play with a customer. Changing
them is deal_changes.py's, the pipeline's sums pipeline_sums.py's, the stage
ladder salelog/deals.py's."""

from ..errors import SalelogError
from ..i18n import tr
from .engine import sqlite3
from .rows import as_dict, where_sql

# The columns deal add / edit / import may set (besides customer_id and stage).
DEAL_COLUMNS = ("title", "value_fen", "close_date", "source", "note", "external_id")

# A deal with its customer's name and its last linked contact (entries.at).
_SELECT = (
    "SELECT d.*, c.name AS customer,"
    " (SELECT max(e.at) FROM entries e WHERE e.deal_id = d.id) AS last_contact"
    " FROM deals d JOIN customers c ON c.id = d.customer_id"
)


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
