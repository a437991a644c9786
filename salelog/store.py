"""All SQLite access: where the file lives, opening it safely, the schema and its
migrations, one transaction per command, and the queries the commands need.

Hot paths use the stdlib sqlite3 connection directly; sqlite-utils is imported
only when PRAGMA user_version says a migration is due (see migrations.py).
"""

import os
import sqlite3
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import datetime

from .errors import SalelogError
from .periods import Period

SCHEMA_VERSION = 2
# How long a command waits for another writer, so that two terminals and a cron
# job never see "database is locked"; SALELOG_BUSY_TIMEOUT (seconds) overrides it.
BUSY_TIMEOUT_SECONDS = 15


def _busy_timeout() -> float:
    try:
        return float(os.environ.get("SALELOG_BUSY_TIMEOUT", BUSY_TIMEOUT_SECONDS))
    except ValueError:
        return BUSY_TIMEOUT_SECONDS


def resolve_db_path(option: str | None) -> str:
    """--db PATH, else $SALELOG_DB, else the platform's user data dir."""
    chosen = option or os.environ.get("SALELOG_DB")
    if chosen:
        return os.path.abspath(os.path.expanduser(chosen))
    from platformdirs import user_data_dir  # costs ~15 ms: only when no path is given

    return os.path.join(user_data_dir("salelog", appauthor=False), "salelog.db")


def open_db(path: str) -> sqlite3.Connection:
    """Open (creating owner-only if new) and migrate the database at `path`.

    Refuses, without touching it, a directory, a file that is not SQLite, an SQLite
    file of another program, or a database written by a newer salelog.
    """
    _prepare_file(path)
    try:
        conn = sqlite3.connect(path, timeout=_busy_timeout(), isolation_level=None)
    except sqlite3.Error as e:
        raise SalelogError(f"cannot open database {path}: {e}", "check the path and its permissions") from None
    try:
        with _translated(path):
            version = conn.execute("PRAGMA user_version").fetchone()[0]
            if version > SCHEMA_VERSION:
                raise SalelogError(
                    f"database {path} was written by a newer salelog"
                    f" (schema {version}; this one knows {SCHEMA_VERSION})",
                    "upgrade salelog: pip install -U salelog; the file was not changed",
                )
            conn.execute("PRAGMA foreign_keys = ON")
            if version < SCHEMA_VERSION:
                _migrate(conn, path, version)
    except BaseException:
        conn.close()
        raise
    return conn


def _prepare_file(path: str) -> None:
    if os.path.isdir(path):
        raise SalelogError(f"database path {path} is a directory", "give a file path, e.g. --db ~/sales/salelog.db")
    if os.path.exists(path):
        return
    folder = os.path.dirname(path) or "."
    try:
        os.makedirs(folder, mode=0o700, exist_ok=True)
        fd = os.open(path, os.O_CREAT | os.O_EXCL | os.O_WRONLY, 0o600)
        os.close(fd)
    except FileExistsError:
        pass  # another process created it in between: fine
    except OSError as e:
        raise SalelogError(
            f"cannot create database {path}: {e.strerror}", "choose a writable place with --db or SALELOG_DB"
        ) from None


def _migrate(conn: sqlite3.Connection, path: str, version: int) -> None:
    if version == 0 and conn.execute("SELECT count(*) FROM sqlite_master").fetchone()[0]:
        raise SalelogError(
            f"{path} is an SQLite database of another program, not salelog's",
            "point --db or SALELOG_DB at a salelog database or a new file",
        )
    conn.execute("PRAGMA journal_mode = WAL")  # readers never block the writer
    from .migrations import apply_migrations

    with writing(conn):
        # Re-read under the write lock: another process may have migrated meanwhile.
        if conn.execute("PRAGMA user_version").fetchone()[0] < SCHEMA_VERSION:
            apply_migrations(conn, SCHEMA_VERSION)


@contextmanager
def writing(conn: sqlite3.Connection) -> Iterator[sqlite3.Connection]:
    """One write transaction: all of it commits, or none of it (and the error is ours)."""
    with _translated(_filename(conn)):
        conn.execute("BEGIN IMMEDIATE")  # take the write lock now, so busy_timeout applies
        try:
            yield conn
            conn.execute("COMMIT")
        except BaseException:
            if conn.in_transaction:
                conn.execute("ROLLBACK")
            raise


@contextmanager
def reading(conn: sqlite3.Connection) -> Iterator[sqlite3.Connection]:
    """A consistent snapshot for a report made of several queries."""
    with _translated(_filename(conn)):
        conn.execute("BEGIN")
        try:
            yield conn
        finally:
            if conn.in_transaction:
                conn.execute("ROLLBACK")


def _filename(conn: sqlite3.Connection) -> str:
    return conn.execute("PRAGMA database_list").fetchone()[2] or "database"


@contextmanager
def _translated(path: str) -> Iterator[None]:
    """SQLite's errors -> one line saying what is wrong with the file and what to do."""
    try:
        yield
    except sqlite3.OperationalError as e:
        text = str(e)
        if "locked" in text or "busy" in text:
            raise SalelogError(
                f"database {path} stayed locked for {_busy_timeout():g}s by another program",
                "close whatever holds it (another salelog, sqlite3, a sync tool) and try again; nothing was written",
            ) from None
        if "readonly" in text or "read-only" in text:
            raise SalelogError(
                f"database {path} is read-only", "fix its permissions (chmod u+w) or those of its folder"
            ) from None
        if "full" in text:
            raise SalelogError(f"disk full while writing {path}", "free some space; nothing was written") from None
        if "unable to open" in text:
            raise SalelogError(f"cannot open database {path}", "check the path and its permissions") from None
        raise SalelogError(f"database {path}: {text}", "run: salelog doctor") from None
    except sqlite3.DatabaseError as e:
        if "not a database" in str(e) or "malformed" in str(e):
            raise SalelogError(
                f"{path} is not a salelog database (not SQLite, or damaged)",
                "point --db or SALELOG_DB at your salelog database; restore a backup if it was damaged",
            ) from None
        raise SalelogError(f"database {path}: {e}", "run: salelog doctor") from None


# --- customers and entries -------------------------------------------------


def resolve_customer(conn: sqlite3.Connection, typed: str, now: datetime, *, new: bool = False) -> tuple[int, str, str]:
    """The customer a typed name means -> (id, name, how) with how one of
    "exact", "matched" (case/width/alias/prefix) or "created".

    Exact name or alias first; then a unique match ignoring case, width and
    surrounding spaces; then (unless `new`) a unique prefix. When nothing matches
    but a known name is close, refuses (SalelogError) rather than create a
    duplicate, unless `new` says to create it.
    """
    from .names import name_key, prefix_upper_bound

    row = conn.execute(
        "SELECT id, name FROM customers WHERE name = ?"
        " UNION ALL SELECT c.id, c.name FROM customer_aliases a JOIN customers c ON c.id = a.customer_id"
        " WHERE a.alias = ? LIMIT 1",
        (typed, typed),
    ).fetchone()
    if row:
        return row[0], row[1], "exact"
    key = name_key(typed)
    found = _customers_where(conn, "= ?", (key,))
    if not found and not new:
        found = _customers_where(conn, ">= ? AND {col} < ?", (key, prefix_upper_bound(key)))
    if len(found) == 1:
        ((customer_id, name),) = found.items()
        return customer_id, name, "matched"
    if found:
        names = sorted(found.values())
        shown = ", ".join(names[:8]) + (f" and {len(names) - 8} more" if len(names) > 8 else "")
        raise SalelogError(f'"{typed}" could be {shown}', "type more of the name")
    if not new:
        from .names import close_names

        close = close_names(
            typed,
            [n for (n,) in conn.execute("SELECT name FROM customers UNION ALL SELECT alias FROM customer_aliases")],
        )
        if close:
            raise SalelogError(
                f'unknown customer "{typed}"; did you mean {" or ".join(close)}? Add --new to create it',
                "nothing was written",
            )
    return create_customer(conn, typed, now), typed, "created"


def _customers_where(conn: sqlite3.Connection, condition: str, params: tuple) -> dict[int, str]:
    """Customers whose name_key or one of whose alias keys meets `condition`."""
    rows = conn.execute(
        f"SELECT id, name FROM customers WHERE name_key {condition.format(col='name_key')}"
        " UNION SELECT c.id, c.name FROM customer_aliases a JOIN customers c ON c.id = a.customer_id"
        f" WHERE a.alias_key {condition.format(col='a.alias_key')} LIMIT 50",
        params + params,
    )
    return dict(rows.fetchall())


def create_customer(conn: sqlite3.Connection, name: str, now: datetime, **fields) -> int:
    """A new customer row (fields: company, class, phone, email, wechat, note) -> its id."""
    from .names import name_key

    columns = {"name": name, "name_key": name_key(name), "created_at": _stamp(now), **fields}
    cursor = conn.execute(
        f"INSERT INTO customers ({', '.join(columns)}) VALUES ({', '.join('?' for _ in columns)})",
        list(columns.values()),
    )
    return cursor.lastrowid


def insert_entry(conn: sqlite3.Connection, customer_id: int, entry: dict, tags: list[str], now: datetime) -> int:
    """Add one log entry (keys as the entries columns) and its tags -> its id."""
    cursor = conn.execute(
        "INSERT INTO entries (customer_id, at, kind, amount_fen, outcome, needs, feedback,"
        " next_step, next_date, minutes, created_at)"
        " VALUES (:customer_id, :at, :kind, :amount_fen, :outcome, :needs, :feedback,"
        " :next_step, :next_date, :minutes, :created_at)",
        {**entry, "customer_id": customer_id, "created_at": _stamp(now)},
    )
    entry_id = cursor.lastrowid
    conn.executemany(
        "INSERT OR IGNORE INTO entry_tags (entry_id, tag) VALUES (?, ?)", [(entry_id, tag) for tag in tags]
    )
    return entry_id


# --- follow-ups ------------------------------------------------------------


def close_due_followups(
    conn: sqlite3.Connection, customer_id: int, entry_id: int, on: str, now: datetime
) -> list[dict]:
    """A new contact with the customer on day `on` closes its open follow-ups due
    by then (undated ones stay open) -> the closed follow-ups."""
    rows = conn.execute(
        "SELECT id, what, due_date FROM followups WHERE customer_id = ? AND status = 'open'"
        " AND due_date <= ? AND (entry_id IS NULL OR entry_id != ?) ORDER BY due_date, id",
        (customer_id, on, entry_id),
    )
    closed = [_as_dict(rows, row) for row in rows]
    conn.executemany(
        "UPDATE followups SET status = 'done', done_at = ?, done_by_entry_id = ? WHERE id = ?",
        [(_stamp(now), entry_id, f["id"]) for f in closed],
    )
    return closed


def open_followup(
    conn: sqlite3.Connection, customer_id: int, entry_id: int | None, what: str | None, due: str | None, now: datetime
) -> int:
    cursor = conn.execute(
        "INSERT INTO followups (customer_id, entry_id, what, due_date, created_at) VALUES (?, ?, ?, ?, ?)",
        (customer_id, entry_id, what, due, _stamp(now)),
    )
    return cursor.lastrowid


def entries_in(conn: sqlite3.Connection, period: Period) -> list[dict]:
    """The period's entries, oldest first, each with its customer's first contact
    and first sale ever (for new-clients and prospects) and its tags.
    Reads only the period's rows (index on at; per-customer lookups by index)."""
    rows = conn.execute(
        "SELECT e.id, e.at, e.kind, e.amount_fen, e.minutes, e.customer_id, c.name AS customer,"
        " (SELECT min(p.at) FROM entries p WHERE p.customer_id = e.customer_id) AS first_at,"
        " (SELECT min(p.at) FROM entries p WHERE p.customer_id = e.customer_id AND p.amount_fen > 0)"
        "   AS first_sale_at"
        " FROM entries e JOIN customers c ON c.id = e.customer_id"
        " WHERE e.at >= ? AND e.at < ? ORDER BY e.at, e.id",
        (period.lower, period.upper),
    )
    entries = [_as_dict(rows, row) | {"tags": []} for row in rows]
    by_id = {e["id"]: e for e in entries}
    for entry_id, tag in conn.execute(
        "SELECT t.entry_id, t.tag FROM entry_tags t JOIN entries e ON e.id = t.entry_id"
        " WHERE e.at >= ? AND e.at < ? ORDER BY t.rowid",
        (period.lower, period.upper),
    ):
        by_id[entry_id]["tags"].append(tag)
    return entries


def list_entries(
    conn: sqlite3.Connection,
    since: str | None = None,
    until: str | None = None,
    customer: str | None = None,
    kind: str | None = None,
    limit: int | None = None,
) -> list[dict]:
    """Entries with every stored field, newest first; bounds are entries.at strings
    (since inclusive, until exclusive)."""
    where, params = [], []
    for clause, value in (
        ("e.at >= ?", since),
        ("e.at < ?", until),
        ("c.name = ?", customer),
        ("e.kind = ?", kind),
    ):
        if value is not None:
            where.append(clause)
            params.append(value)
    sql = (
        "SELECT e.id, c.name AS customer, e.kind, e.amount_fen, e.outcome, e.needs, e.feedback,"
        " e.next_step, e.next_date, e.at, e.minutes,"
        " (SELECT json_group_array(t.tag) FROM entry_tags t WHERE t.entry_id = e.id) AS tags"
        " FROM entries e JOIN customers c ON c.id = e.customer_id"
        + (" WHERE " + " AND ".join(where) if where else "")
        + " ORDER BY e.at DESC, e.id DESC"
        + (" LIMIT ?" if limit else "")
    )
    rows = conn.execute(sql, params + ([limit] if limit else []))
    return [_as_dict(rows, row) for row in rows]


def customer_exists(conn: sqlite3.Connection, name: str) -> bool:
    return conn.execute("SELECT 1 FROM customers WHERE name = ?", (name,)).fetchone() is not None


# --- goals -----------------------------------------------------------------


def custom_metric_names(conn: sqlite3.Connection) -> set[str]:
    return {name for (name,) in conn.execute("SELECT name FROM custom_metrics")}


def declare_custom_metric(conn: sqlite3.Connection, name: str, now: datetime) -> bool:
    """Record a custom metric (counted by tag) -> True if it is new."""
    cursor = conn.execute("INSERT OR IGNORE INTO custom_metrics (name, created_at) VALUES (?, ?)", (name, _stamp(now)))
    return cursor.rowcount == 1


def add_goal_setting(conn: sqlite3.Connection, metric: str, period: Period, target: int, now: datetime) -> int | None:
    """Set `metric`'s target for `period`, keeping earlier settings as history ->
    the target it replaces, or None if it is the first."""
    previous = current_target(conn, metric, period)
    conn.execute(
        "INSERT INTO goals (metric, period, start_date, end_date, target, set_at) VALUES (?, ?, ?, ?, ?, ?)",
        (metric, period.kind, period.start.isoformat(), period.end.isoformat(), target, _stamp(now)),
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
    return [_as_dict(rows, row) for row in rows]


def _as_dict(cursor: sqlite3.Cursor, row: tuple) -> dict:
    return {column[0]: value for column, value in zip(cursor.description, row, strict=True)}


def _stamp(moment: datetime) -> str:
    return moment.strftime("%Y-%m-%d %H:%M:%S")
