"""Entries read back: a period's rows, the list and the export's stream, one entry
by reference. Apart from entries.py, which visit add loads to write one."""

from _collections_abc import Iterator  # collections.abc would import collections: ~2 ms a start-up

from ..errors import SalelogError
from ..fields import LISTS, SCALARS, json_key, list_table
from ..i18n import tr
from ..periods import Period
from .engine import sqlite3
from .rows import as_dict, as_list, list_sql, where_sql


def entries_in(conn: sqlite3.Connection, period: Period) -> list[dict]:
    """The period's entries, oldest first, each with its customer's first contact
    and first sale ever (for new-clients and prospects) and its lists (tags, competitors).
    Reads only the period's rows (index on at; per-customer lookups by index)."""
    bounds = (period.lower, period.upper)
    # Each customer's first contact and first sale, looked up once a customer (by
    # index), not once a row: a quarter has thousands of rows but a few hundred customers.
    firsts = {
        customer_id: (first_at, first_sale_at)
        for customer_id, first_at, first_sale_at in conn.execute(
            "SELECT c.customer_id,"
            " (SELECT min(p.at) FROM entries p WHERE p.customer_id = c.customer_id),"
            " (SELECT min(p.at) FROM entries p WHERE p.customer_id = c.customer_id AND p.amount_fen > 0)"
            " FROM (SELECT DISTINCT customer_id FROM entries WHERE at >= ? AND at < ?) c",
            bounds,
        )
    }
    rows = conn.execute(
        'SELECT e.id, e.at, e.kind, e.amount_fen, e.minutes, e.feedback, e.customer_id, c.name AS customer, c."class"'
        " FROM entries e JOIN customers c ON c.id = e.customer_id"
        " WHERE e.at >= ? AND e.at < ? ORDER BY e.at, e.id",
        bounds,
    )
    names = [column[0] for column in rows.description]
    keys = [json_key(f) for f in LISTS]
    entries = []
    for row in rows:
        entry = dict(zip(names, row, strict=True))
        entry["first_at"], entry["first_sale_at"] = firsts[entry["customer_id"]]
        for key in keys:
            entry[key] = []
        entries.append(entry)
    by_id = {e["id"]: e for e in entries}
    for field, key in zip(LISTS, keys, strict=True):
        table, column = list_table(field)
        for entry_id, value in conn.execute(
            f"SELECT t.entry_id, t.{column} FROM {table} t JOIN entries e ON e.id = t.entry_id"
            " WHERE e.at >= ? AND e.at < ? ORDER BY t.rowid",
            (period.lower, period.upper),
        ):
            by_id[entry_id][key].append(value)
    return entries


def kinds_and_amounts_in(conn: sqlite3.Connection, period: Period) -> list[dict]:
    """The period's entries with only their time, kind and amount, oldest first:
    what report.actual reads for revenue, deals and the kinds (report.reads_whole_entries)."""
    rows = conn.execute(
        "SELECT at, kind, amount_fen FROM entries WHERE at >= ? AND at < ? ORDER BY at, id",
        (period.lower, period.upper),
    )
    return [{"at": at, "kind": kind, "amount_fen": amount} for at, kind, amount in rows]


def list_entries(
    conn: sqlite3.Connection,
    since: str | None = None,
    until: str | None = None,
    customer_id: int | None = None,
    kind: str | None = None,
    limit: int | None = None,
) -> list[dict]:
    """Entries with every stored field (a list field as a list under its
    json_key) and a sale's cancellations (accounts.cancellations_of), newest
    first; bounds are entries.at strings (since inclusive, until exclusive)."""
    from .accounts import cancellations_of

    where, params = [], []
    for clause, value in (
        ("e.at >= ?", since),
        ("e.at < ?", until),
        ("e.customer_id = ?", customer_id),
        ("e.kind = ?", kind),
    ):
        if value is not None:
            where.append(clause)
            params.append(value)
    sql = _entries_sql(where) + " ORDER BY e.at DESC, e.id DESC" + (" LIMIT ?" if limit else "")
    rows = conn.execute(sql, params + ([limit] if limit else []))
    entries = [as_dict(rows, row) for row in rows]
    keys = [json_key(f) for f in LISTS]
    cancelled = cancellations_of(conn, [e["id"] for e in entries if e["amount_fen"]])
    for entry in entries:
        for key in keys:
            entry[key] = as_list(entry[key])
        entry["cancellations"] = cancelled.get(entry["id"], [])
    return entries


def iter_entries(conn: sqlite3.Connection, since: str | None = None, until: str | None = None) -> Iterator[dict]:
    """The entries list_entries gives, but oldest first and one at a time as SQLite
    reads them (one query, each list gathered by group_concat), so that an export
    of any size holds one row at a time; bounds as list_entries'."""
    where, params = [], []
    for clause, value in (("e.at >= ?", since), ("e.at < ?", until)):
        if value is not None:
            where.append(clause)
            params.append(value)
    from .accounts import cancellations_of

    cancelled = cancellations_of(conn, None)  # all of them: few beside the entries
    rows = conn.execute(_entries_sql(where) + " ORDER BY e.at, e.id", params)
    names = [column[0] for column in rows.description]
    keys = [json_key(f) for f in LISTS]
    for row in rows:
        entry = dict(zip(names, row, strict=True))
        for key in keys:
            entry[key] = as_list(entry[key])
        entry["cancellations"] = cancelled.get(entry["id"], [])
        yield entry


def _entries_sql(where: list[str]) -> str:
    """SELECT of every stored field of the entries matching `where`, each list
    field (list_sql) under its json_key, values in the order typed."""
    lists = [
        list_sql(f"SELECT t.{column} AS v FROM {table} t WHERE t.entry_id = e.id ORDER BY t.rowid") + f" AS {key}"
        for f, key in zip(LISTS, [json_key(f) for f in LISTS], strict=True)  # in the order typed
        for table, column in [list_table(f)]
    ]
    return (
        "SELECT e.id, c.name AS customer, e.deal_id AS deal, "
        + ", ".join([f"e.{f.column}" for f in SCALARS] + lists)
        + " FROM entries e JOIN customers c ON c.id = e.customer_id"
        + where_sql(where)
    )


def entry_count(conn: sqlite3.Connection, customer_id: int) -> int:
    return conn.execute("SELECT count(*) FROM entries WHERE customer_id = ?", (customer_id,)).fetchone()[0]


def entry_id_for(conn: sqlite3.Connection, ref: str) -> int:
    """An entry reference as typed (an id, #id, or `last` = the latest logged) -> its id."""
    text = ref.strip().lstrip("#").lower()
    if text in ("last", "最后", "上一条"):
        row = conn.execute("SELECT max(id) FROM entries").fetchone()
        if row[0] is None:
            raise SalelogError(tr("no entries yet"), tr("log one: salelog visit add 张总"))
        return row[0]
    if not text.isdigit() or not conn.execute("SELECT 1 FROM entries WHERE id = ?", (int(text),)).fetchone():
        raise SalelogError(tr('no entry "{ref}"', ref=ref), tr("give an id from salelog visit list, or last"))
    return int(text)


def entry(conn: sqlite3.Connection, entry_id: int) -> dict:
    rows = conn.execute(
        "SELECT e.*, c.name AS customer FROM entries e JOIN customers c ON c.id = e.customer_id WHERE e.id = ?",
        (entry_id,),
    )
    return as_dict(rows, rows.fetchone())


def last_entry_of(conn: sqlite3.Connection, customer_id: int) -> dict | None:
    rows = conn.execute("SELECT * FROM entries WHERE customer_id = ? ORDER BY at DESC, id DESC LIMIT 1", (customer_id,))
    row = rows.fetchone()
    return as_dict(rows, row) if row else None
