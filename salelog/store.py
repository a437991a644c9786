"""All SQLite access: where the file lives, opening it safely, the schema and its
migrations, one transaction per command, and the queries the commands need.

Hot paths use the stdlib sqlite3 connection directly; sqlite-utils is imported
only when PRAGMA user_version says a migration is due (see migrations.py).
"""

import os
import sqlite3
from collections.abc import Iterator
from contextlib import contextmanager, suppress
from datetime import datetime

from .errors import SalelogError
from .i18n import tr
from .periods import Period

SCHEMA_VERSION = 5
UNDO_KEEP = 200  # write commands that salelog undo can revert
COMMITTED: list[str] = []  # what this process has committed, for an honest message on Ctrl-C
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
    from .paths import user_data_dir

    return os.path.join(user_data_dir(), "salelog.db")


def connect(db_option: str | None, *, create: bool = True) -> sqlite3.Connection:
    """open_db at the path --db, $SALELOG_DB or the default folder gives."""
    return open_db(resolve_db_path(db_option), create=create)


def open_db(path: str, *, create: bool = True) -> sqlite3.Connection:
    """Open and migrate the database at `path`; a write command (`create`) makes
    it, owner-only, and says so on stderr, a read command refuses a missing file
    (a mistyped --db must not look like an empty logbook).

    Refuses, without touching it, a directory, a file that is not SQLite, an SQLite
    file of another program, or a database written by a newer salelog.
    """
    if not create and not os.path.exists(path):
        raise SalelogError(
            tr("no salelog database at {path}", path=path),
            tr("check --db / SALELOG_DB; a database is created by the first salelog goal set or visit add"),
        )
    _prepare_file(path)
    if create and not os.access(path, os.W_OK):
        # Refused before SQLite opens it: it would leave read-only -wal/-shm files
        # beside it that keep refusing writes even after chmod u+w.
        raise SalelogError(
            tr("database {path} is read-only", path=path), tr("fix its permissions (chmod u+w) or those of its folder")
        )
    try:
        conn = sqlite3.connect(path, timeout=_busy_timeout(), isolation_level=None)
    except sqlite3.Error as e:
        raise SalelogError(
            tr("cannot open database {path}: {reason}", path=path, reason=e), tr("check the path and its permissions")
        ) from None
    try:
        with _translated(path):
            version = conn.execute("PRAGMA user_version").fetchone()[0]
            if version > SCHEMA_VERSION:
                raise SalelogError(
                    tr(
                        "database {path} was written by a newer salelog (schema {version}; this one knows {known})",
                        path=path,
                        version=version,
                        known=SCHEMA_VERSION,
                    ),
                    tr("upgrade salelog: pip install -U salelog; the file was not changed"),
                )
            conn.execute("PRAGMA foreign_keys = ON")
            if version < SCHEMA_VERSION:
                _migrate(conn, path, version)
    except BaseException:
        conn.close()
        raise
    _warn_if_shared(path)  # only once the file is known to be a salelog database
    from .context import current

    current().connections.append(conn)  # closed when the run ends (cli.main)
    return conn


def _prepare_file(path: str) -> None:
    if os.path.isdir(path):
        raise SalelogError(
            tr("database path {path} is a directory", path=path), tr("give a file path, e.g. --db ~/sales/salelog.db")
        )
    if os.path.exists(path):
        return
    try:
        _make_private_folders(os.path.dirname(path) or ".")
        fd = os.open(path, os.O_CREAT | os.O_EXCL | os.O_WRONLY, 0o600)
        os.close(fd)
        import sys

        print(tr("created new database {path}", path=path), file=sys.stderr)
    except FileExistsError:
        pass  # another process created it in between: fine
    except OSError as e:
        raise SalelogError(
            tr("cannot create database {path}: {reason}", path=path, reason=e.strerror),
            tr("choose a writable place with --db or SALELOG_DB"),
        ) from None


def _warn_if_shared(path: str) -> None:
    """One line on stderr when others may read the customer data (the file is kept 0600)."""
    import stat

    try:
        mode = stat.S_IMODE(os.stat(path).st_mode)
    except OSError:
        return
    if mode & 0o077:
        import sys

        print(
            tr(
                "warning: database {path} is readable by others (mode {mode}); fix: salelog doctor --fix",
                path=path,
                mode=f"{mode:04o}",
            ),
            file=sys.stderr,
        )


def _make_private_folders(folder: str) -> None:
    """mkdir -p where every folder made is 0700 (os.makedirs applies mode to the last only)."""
    if os.path.isdir(folder):
        return
    _make_private_folders(os.path.dirname(os.path.abspath(folder)))
    with suppress(FileExistsError):
        os.mkdir(folder, 0o700)


def _migrate(conn: sqlite3.Connection, path: str, version: int) -> None:
    # Version and tables are read under the write lock: another process may be
    # migrating this very file (two terminals' first commands at once).
    with writing(conn):
        version = conn.execute("PRAGMA user_version").fetchone()[0]
        if version == 0 and conn.execute("SELECT count(*) FROM sqlite_master").fetchone()[0]:
            raise SalelogError(
                tr("{path} is an SQLite database of another program, not salelog's", path=path),
                tr("point --db or SALELOG_DB at a salelog database or a new file"),
            )
    if version >= SCHEMA_VERSION:
        return
    if conn.execute("PRAGMA journal_mode").fetchone()[0] != "wal":
        conn.execute("PRAGMA journal_mode = WAL")  # readers never block the writer
    from .migrations import apply_migrations

    with writing(conn):
        # Re-read under the write lock: another process may have migrated meanwhile.
        if conn.execute("PRAGMA user_version").fetchone()[0] < SCHEMA_VERSION:
            apply_migrations(conn, SCHEMA_VERSION)


@contextmanager
def writing(conn: sqlite3.Connection, undo_as: str | None = None) -> Iterator[sqlite3.Connection]:
    """One write transaction: all of it commits, or none of it (and the error is ours).

    With `undo_as` (what the command did, in the user's words; relabel() may
    refine it), every row it changes is recorded in the same transaction so that
    `salelog undo` can revert it."""
    with _translated(_filename(conn)):
        _begin_immediate(conn)
        try:
            if undo_as:
                from .clock import now

                label = undo_as.encode("utf-8", "replace").decode("utf-8")  # typed text may be undecodable
                conn.execute("INSERT INTO undo_log (command, at, recording) VALUES (?, ?, 1)", (label, _stamp(now())))
            yield conn
            if undo_as:
                conn.execute("UPDATE undo_log SET recording = 0 WHERE recording = 1")
                conn.execute("DELETE FROM undo_log WHERE id <= (SELECT max(id) FROM undo_log) - ?", (UNDO_KEEP,))
            conn.execute("COMMIT")
            COMMITTED.append(_filename(conn))
        except BaseException:
            if conn.in_transaction:
                conn.execute("ROLLBACK")
            raise


def _begin_immediate(conn: sqlite3.Connection) -> None:
    """Take the write lock now, waiting up to the busy timeout for it.

    Asked again every 2 ms rather than through SQLite's busy handler, whose
    sleeps grow to 100 ms: under 8 concurrent writers the writer that had
    waited longest kept sleeping longest and losing the lock to newcomers
    (lock wait p99 204 ms, max 1.3 s; polling: 71 ms, 0.5 s; bench/concurrency.py)."""
    import time

    timeout = _busy_timeout()
    deadline = time.monotonic() + timeout
    conn.execute("PRAGMA busy_timeout = 0")
    try:
        while True:
            try:
                conn.execute("BEGIN IMMEDIATE")
                return
            except sqlite3.OperationalError as e:
                if not _is_busy(e) or time.monotonic() >= deadline:
                    raise
            time.sleep(0.002)
    finally:
        conn.execute(f"PRAGMA busy_timeout = {int(timeout * 1000)}")


def _is_busy(error: sqlite3.OperationalError) -> bool:
    text = str(error).lower()
    return "locked" in text or "busy" in text


def relabel(conn: sqlite3.Connection, undo_as: str) -> None:
    """Say better what the command being recorded did (once its ids are known)."""
    conn.execute("UPDATE undo_log SET command = ? WHERE recording = 1", (undo_as,))


def undo_last(conn: sqlite3.Connection, now: datetime) -> dict | None:
    """Revert the most recent write command not yet undone, row by row in reverse
    -> {"command", "at", "changes"}, or None when there is nothing to undo."""
    row = conn.execute(
        "SELECT id, command, at FROM undo_log WHERE recording = 0 AND undone_at IS NULL ORDER BY id DESC LIMIT 1"
    ).fetchone()
    if row is None:
        return None
    undo_id, command, at = row
    changes = conn.execute(
        "SELECT table_name, row_id, old_row FROM undo_changes WHERE undo_id = ? ORDER BY id DESC", (undo_id,)
    ).fetchall()
    conn.execute("PRAGMA defer_foreign_keys = ON")  # rows come back in reverse order; check at commit
    for table, row_id, old_row in changes:
        _revert_row(conn, table, row_id, old_row)
    conn.execute("UPDATE undo_log SET undone_at = ? WHERE id = ?", (_stamp(now), undo_id))
    return {"command": command, "at": at, "changes": len(changes)}


def _revert_row(conn: sqlite3.Connection, table: str, row_id: int, old_row: str | None) -> None:
    from .migrations import UNDONE_TABLES

    if table not in UNDONE_TABLES:
        raise SalelogError(f"undo log names an unknown table {table!r}", "run: salelog doctor")
    if old_row is None:
        conn.execute(f"DELETE FROM {table} WHERE rowid = ?", (row_id,))
        return
    columns = [c for (c,) in conn.execute("SELECT key FROM json_each(?)", (old_row,))]
    values = ", ".join(f"json_extract(:row, '$.\"{c}\"')" for c in columns)
    quoted = ", ".join(f'"{c}"' for c in columns)
    exists = conn.execute(f"SELECT 1 FROM {table} WHERE rowid = ?", (row_id,)).fetchone()
    if exists:
        conn.execute(f"UPDATE {table} SET ({quoted}) = ({values}) WHERE rowid = :id", {"row": old_row, "id": row_id})
    else:
        conn.execute(f"INSERT INTO {table} (rowid, {quoted}) VALUES (:id, {values})", {"row": old_row, "id": row_id})


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
        if _is_busy(e):
            raise SalelogError(
                tr(
                    "database {path} stayed locked for {seconds}s by another program",
                    path=path,
                    seconds=f"{_busy_timeout():g}",
                ),
                tr(
                    "close whatever holds it (another salelog, sqlite3, a sync tool) and try again; nothing was written"
                ),
            ) from None
        if "readonly" in text or "read-only" in text:
            raise SalelogError(
                tr("database {path} is read-only", path=path),
                tr("fix its permissions (chmod u+w) or those of its folder"),
            ) from None
        if "full" in text:
            raise SalelogError(
                tr("disk full while writing {path}", path=path), tr("free some space; nothing was written")
            ) from None
        if "unable to open" in text:
            raise SalelogError(
                tr("cannot open database {path}", path=path), tr("check the path and its permissions")
            ) from None
        raise SalelogError(tr("database {path}: {reason}", path=path, reason=text), tr("run: salelog doctor")) from None
    except sqlite3.DatabaseError as e:
        if "not a database" in str(e) or "malformed" in str(e):
            raise SalelogError(
                tr("{path} is not a salelog database (not SQLite, or damaged)", path=path),
                tr("point --db or SALELOG_DB at your salelog database; restore a backup if it was damaged"),
            ) from None
        raise SalelogError(tr("database {path}: {reason}", path=path, reason=e), tr("run: salelog doctor")) from None


# --- customers and entries -------------------------------------------------


def find_customer(conn: sqlite3.Connection, typed: str, *, prefix: bool = True) -> tuple[int, str, str] | None:
    """The customer a typed name means -> (id, name, how), how being "exact" (name
    or alias) or "matched" (ignoring case, width and surrounding spaces, or
    `prefix` of one); None if nothing matches; SalelogError if several do."""
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
    if not found and prefix:
        found = _customers_where(conn, ">= ? AND {col} < ?", (key, prefix_upper_bound(key)))
    if len(found) == 1:
        ((customer_id, name),) = found.items()
        return customer_id, name, "matched"
    if found:
        names = sorted(found.values())
        shown = tr(", ").join(names[:8]) + (tr(" and {n} more", n=len(names) - 8) if len(names) > 8 else "")
        raise SalelogError(tr('"{typed}" could be {names}', typed=typed, names=shown), tr("type more of the name"))
    return None


def close_names(conn: sqlite3.Connection, typed: str) -> list[str]:
    """Known names and aliases close to `typed` (the rules are names.close_names)."""
    from . import names

    known = conn.execute("SELECT name FROM customers UNION ALL SELECT alias FROM customer_aliases")
    return names.close_names(typed, [name for (name,) in known])


def require_customer(conn: sqlite3.Connection, typed: str) -> tuple[int, str]:
    """A customer that must exist (for edit, show, merge...) -> (id, name)."""
    found = find_customer(conn, typed)
    if found:
        return found[0], found[1]
    close = close_names(conn, typed)
    suggestion = tr("; did you mean {names}?", names=tr(" or ").join(close)) if close else ""
    raise SalelogError(
        tr('unknown customer "{typed}"{suggestion}', typed=typed, suggestion=suggestion),
        tr("list them: salelog customer list"),
    )


def resolve_customer(conn: sqlite3.Connection, typed: str, now: datetime, *, new: bool = False) -> tuple[int, str, str]:
    """The customer a logged entry is for -> (id, name, how): found as in
    find_customer, else created (how = "created"). A name close to a known one
    is refused rather than made a duplicate, unless `new` says to create it."""
    found = find_customer(conn, typed, prefix=not new)
    if found:
        return found
    if not new:
        close = close_names(conn, typed)
        if close:
            raise SalelogError(
                tr(
                    'unknown customer "{typed}"; did you mean {names}? Add --new to create it',
                    typed=typed,
                    names=tr(" or ").join(close),
                ),
                tr("nothing was written"),
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


def close_due_followups(conn: sqlite3.Connection, customer_id: int, entry_id: int, at: str) -> list[dict]:
    """A new contact with the customer at `at` (entries.at) closes its open
    follow-ups due by that day, as done at that moment (so a back-filled contact
    counts as on time); undated ones stay open -> the closed follow-ups."""
    on = at[:10]
    rows = conn.execute(
        "SELECT id, what, due_date FROM followups WHERE customer_id = ? AND status = 'open'"
        " AND due_date <= ? AND (entry_id IS NULL OR entry_id != ?) ORDER BY due_date, id",
        (customer_id, on, entry_id),
    )
    closed = [_as_dict(rows, row) for row in rows]
    conn.executemany(
        "UPDATE followups SET status = 'done', done_at = ?, done_by_entry_id = ? WHERE id = ?",
        [(at, entry_id, f["id"]) for f in closed],
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
        'SELECT e.id, e.at, e.kind, e.amount_fen, e.minutes, e.feedback, e.customer_id, c.name AS customer, c."class",'
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
    customer_id: int | None = None,
    kind: str | None = None,
    limit: int | None = None,
) -> list[dict]:
    """Entries with every stored field, newest first; bounds are entries.at strings
    (since inclusive, until exclusive)."""
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
    sql = (
        "SELECT e.id, c.name AS customer, e.kind, e.amount_fen, e.outcome, e.needs, e.feedback,"
        " e.next_step, e.next_date, e.at, e.minutes,"
        " (SELECT json_group_array(t.tag) FROM entry_tags t WHERE t.entry_id = e.id) AS tags"
        " FROM entries e JOIN customers c ON c.id = e.customer_id"
        + _where_sql(where)
        + " ORDER BY e.at DESC, e.id DESC"
        + (" LIMIT ?" if limit else "")
    )
    rows = conn.execute(sql, params + ([limit] if limit else []))
    return [_as_dict(rows, row) for row in rows]


CARD_FIELDS = ("company", "class", "phone", "email", "wechat", "note")


def name_taken(conn: sqlite3.Connection, name: str, *, apart_from: int | None = None) -> str | None:
    """The customer already called `name` (as a name or alias, ignoring case and
    width), other than customer `apart_from` -> that customer's name, or None."""
    from .names import name_key

    key = name_key(name)
    row = conn.execute(
        "SELECT name FROM customers WHERE name_key = ? AND id IS NOT ?"
        " UNION ALL SELECT c.name FROM customer_aliases a JOIN customers c ON c.id = a.customer_id"
        " WHERE a.alias_key = ? AND a.customer_id IS NOT ? LIMIT 1",
        (key, apart_from, key, apart_from),
    ).fetchone()
    return row[0] if row else None


def update_customer(conn: sqlite3.Connection, customer_id: int, fields: dict) -> None:
    """Change card fields (CARD_FIELDS, or name, which also updates its key)."""
    from .names import name_key

    if "name" in fields:
        fields = {**fields, "name_key": name_key(fields["name"])}
    _update(conn, "customers", customer_id, fields)


def add_aliases(conn: sqlite3.Connection, customer_id: int, aliases: list[str]) -> None:
    from .names import name_key

    conn.executemany(
        "INSERT OR IGNORE INTO customer_aliases (alias, alias_key, customer_id) VALUES (?, ?, ?)",
        [(alias, name_key(alias), customer_id) for alias in aliases],
    )


def remove_aliases(conn: sqlite3.Connection, customer_id: int, aliases: list[str]) -> None:
    conn.executemany(
        "DELETE FROM customer_aliases WHERE alias = ? AND customer_id = ?", [(a, customer_id) for a in aliases]
    )


def set_customer_tags(conn: sqlite3.Connection, customer_id: int, add: list[str], remove: list[str] = ()) -> None:
    conn.executemany(
        "INSERT OR IGNORE INTO customer_tags (customer_id, tag) VALUES (?, ?)", [(customer_id, t) for t in add]
    )
    conn.executemany("DELETE FROM customer_tags WHERE customer_id = ? AND tag = ?", [(customer_id, t) for t in remove])


def customer_cards(
    conn: sqlite3.Connection,
    year_start: str,
    *,
    ids: list[int] | None = None,
    klass: str | None = None,
    tag: str | None = None,
) -> list[dict]:
    """Customers with their card, aliases, tags, last contact, entry count,
    revenue to date and since `year_start` (an entries.at bound), by name."""
    where, params = [], [year_start]
    if ids is not None:
        where.append(f"c.id IN ({', '.join('?' for _ in ids)})")
        params += ids
    if klass:
        where.append('c."class" = ?')
        params.append(klass)
    if tag:
        where.append("EXISTS (SELECT 1 FROM customer_tags t WHERE t.customer_id = c.id AND t.tag = ?)")
        params.append(tag)
    rows = conn.execute(
        'SELECT c.id, c.name, c.company, c."class", c.phone, c.email, c.wechat, c.note, c.created_at,'
        " (SELECT json_group_array(alias) FROM customer_aliases a WHERE a.customer_id = c.id) AS aliases,"
        " (SELECT json_group_array(tag) FROM customer_tags t WHERE t.customer_id = c.id) AS tags,"
        " s.last_contact, coalesce(s.entries, 0) AS entries, coalesce(s.revenue_fen, 0) AS revenue_fen,"
        " coalesce(s.revenue_year_fen, 0) AS revenue_year_fen"
        " FROM customers c LEFT JOIN (SELECT customer_id, max(at) AS last_contact, count(*) AS entries,"
        "   sum(amount_fen) AS revenue_fen, sum(CASE WHEN at >= ? THEN amount_fen END) AS revenue_year_fen"
        "   FROM entries GROUP BY customer_id) s ON s.customer_id = c.id" + _where_sql(where) + " ORDER BY c.name",
        params,
    )
    return [_as_dict(rows, row) for row in rows]


def open_followups(
    conn: sqlite3.Connection, customer_id: int | None = None, *, include_done: bool = False
) -> list[dict]:
    """Follow-ups with their customer's name and class, dated ones by due date, then undated."""
    where = [] if include_done else ["f.status = 'open'"]
    params: list = []
    if customer_id is not None:
        where.append("f.customer_id = ?")
        params.append(customer_id)
    rows = conn.execute(
        'SELECT f.id, c.name AS customer, c."class", f.what, f.due_date, f.status, f.entry_id, f.done_at'
        " FROM followups f JOIN customers c ON c.id = f.customer_id"
        + _where_sql(where)
        + " ORDER BY f.due_date IS NULL, f.due_date, f.id",
        params,
    )
    return [_as_dict(rows, row) for row in rows]


def followup(conn: sqlite3.Connection, followup_id: int) -> dict:
    return _row(
        conn,
        "followups",
        followup_id,
        SalelogError(tr("no follow-up #{id}", id=followup_id), tr("list them: salelog followups --all")),
    )


def update_followup(conn: sqlite3.Connection, followup_id: int, fields: dict) -> None:
    _update(conn, "followups", followup_id, fields)


def _row(conn: sqlite3.Connection, table: str, row_id: int, missing: SalelogError) -> dict:
    """One row of one of our tables by id, or `missing` raised."""
    rows = conn.execute(f"SELECT * FROM {table} WHERE id = ?", (row_id,))
    row = rows.fetchone()
    if row is None:
        raise missing
    return _as_dict(rows, row)


def _update(conn: sqlite3.Connection, table: str, row_id: int, fields: dict) -> None:
    """Set `fields` (column names from our code, never from users) on one row."""
    if fields:
        assignments = ", ".join(f'"{column}" = ?' for column in fields)
        conn.execute(f"UPDATE {table} SET {assignments} WHERE id = ?", [*fields.values(), row_id])


def merge_customers(conn: sqlite3.Connection, old_id: int, into_id: int) -> dict:
    """Fold customer `old_id` into `into_id`: entries, follow-ups, aliases and tags
    move, the old name becomes an alias, empty card fields are filled from the
    old card; the old customer is deleted -> counts of what moved."""
    moved = {
        "entries": conn.execute("UPDATE entries SET customer_id = ? WHERE customer_id = ?", (into_id, old_id)).rowcount,
        "followups": conn.execute(
            "UPDATE followups SET customer_id = ? WHERE customer_id = ?", (into_id, old_id)
        ).rowcount,
    }
    old = conn.execute(
        'SELECT name, company, "class", phone, email, wechat, note FROM customers WHERE id = ?', (old_id,)
    ).fetchone()
    conn.execute("UPDATE customer_aliases SET customer_id = ? WHERE customer_id = ?", (into_id, old_id))
    conn.execute(
        "INSERT OR IGNORE INTO customer_tags (customer_id, tag) SELECT ?, tag FROM customer_tags WHERE customer_id = ?",
        (into_id, old_id),
    )
    conn.execute(
        'UPDATE customers SET company = coalesce(company, ?), "class" = coalesce("class", ?),'
        " phone = coalesce(phone, ?), email = coalesce(email, ?), wechat = coalesce(wechat, ?),"
        " note = coalesce(note, ?) WHERE id = ?",
        (*old[1:], into_id),
    )
    conn.execute("DELETE FROM customer_tags WHERE customer_id = ?", (old_id,))
    conn.execute("DELETE FROM customers WHERE id = ?", (old_id,))
    add_aliases(conn, into_id, [old[0]])
    return moved


def delete_customer(conn: sqlite3.Connection, customer_id: int) -> int:
    """Delete a customer with its entries and follow-ups -> entries deleted."""
    conn.execute("DELETE FROM followups WHERE customer_id = ?", (customer_id,))
    deleted = conn.execute("DELETE FROM entries WHERE customer_id = ?", (customer_id,)).rowcount
    conn.execute("DELETE FROM customers WHERE id = ?", (customer_id,))
    return deleted


def entry_count(conn: sqlite3.Connection, customer_id: int) -> int:
    return conn.execute("SELECT count(*) FROM entries WHERE customer_id = ?", (customer_id,)).fetchone()[0]


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


def _where_sql(conditions: list[str]) -> str:
    """' WHERE a AND b' for the conditions given (our own SQL fragments), or ''."""
    return " WHERE " + " AND ".join(conditions) if conditions else ""


def _as_dict(cursor: sqlite3.Cursor, row: tuple) -> dict:
    return {column[0]: value for column, value in zip(cursor.description, row, strict=True)}


def _stamp(moment: datetime) -> str:
    return moment.strftime("%Y-%m-%d %H:%M:%S")


# --- fixing what was logged --------------------------------------------------


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
    return _as_dict(rows, rows.fetchone())


def update_entry(conn: sqlite3.Connection, entry_id: int, fields: dict, tags: list[str] | None) -> None:
    """Change an entry's columns (and replace its tags when `tags` is given); its
    open follow-up follows a changed next step or date."""
    _update(conn, "entries", entry_id, fields)
    if tags is not None:
        conn.execute("DELETE FROM entry_tags WHERE entry_id = ?", (entry_id,))
        conn.executemany(
            "INSERT OR IGNORE INTO entry_tags (entry_id, tag) VALUES (?, ?)", [(entry_id, t) for t in tags]
        )
    if {"next_step", "next_date", "customer_id"} & fields.keys():
        e = conn.execute(
            "SELECT customer_id, next_step, next_date, created_at FROM entries WHERE id = ?", (entry_id,)
        ).fetchone()
        linked = conn.execute("SELECT id FROM followups WHERE entry_id = ? AND status = 'open'", (entry_id,)).fetchone()
        if linked and (e[1] or e[2]):
            update_followup(conn, linked[0], {"customer_id": e[0], "what": e[1], "due_date": e[2]})
        elif linked:
            conn.execute("DELETE FROM followups WHERE id = ?", (linked[0],))
        elif e[1] or e[2]:
            conn.execute(
                "INSERT INTO followups (customer_id, entry_id, what, due_date, created_at) VALUES (?, ?, ?, ?, ?)",
                (e[0], entry_id, e[1], e[2], e[3]),
            )


def delete_entry(conn: sqlite3.Connection, entry_id: int) -> None:
    """Delete an entry with its tags and the open follow-up it opened."""
    conn.execute("DELETE FROM followups WHERE entry_id = ? AND status = 'open'", (entry_id,))
    conn.execute("DELETE FROM entries WHERE id = ?", (entry_id,))


def last_entry_of(conn: sqlite3.Connection, customer_id: int) -> dict | None:
    rows = conn.execute("SELECT * FROM entries WHERE customer_id = ? ORDER BY at DESC, id DESC LIMIT 1", (customer_id,))
    row = rows.fetchone()
    return _as_dict(rows, row) if row else None


def customer_names(conn: sqlite3.Connection) -> list[str]:
    return [name for (name,) in conn.execute("SELECT name FROM customers ORDER BY name")]


def revenue_by_customer(conn: sqlite3.Connection, since: str) -> list[dict]:
    """Every customer with revenue and last contact since `since` (an entries.at bound)."""
    rows = conn.execute(
        'SELECT c.id, c.name, c."class", coalesce(sum(e.amount_fen), 0) AS revenue_fen, max(e.at) AS last_contact'
        " FROM customers c LEFT JOIN entries e ON e.customer_id = c.id AND e.at >= ?"
        " GROUP BY c.id ORDER BY revenue_fen DESC, c.name",
        (since,),
    )
    return [_as_dict(rows, row) for row in rows]


def set_classes(conn: sqlite3.Connection, classes: dict[int, str]) -> None:
    conn.executemany('UPDATE customers SET "class" = ? WHERE id = ?', [(k, i) for i, k in classes.items()])


# --- longer targets ----------------------------------------------------------


def goals_overlapping(conn: sqlite3.Connection, start: str, end: str, *, weeks: bool = False) -> list[dict]:
    """The targets in force whose period overlaps start..end (ISO dates): the
    month, quarter and year ones, or with `weeks` the explicit week ones."""
    rows = conn.execute(
        "SELECT metric, period, start_date, end_date, target FROM current_goals"
        f" WHERE period {'=' if weeks else '!='} 'week' AND start_date <= ? AND end_date >= ?"
        " ORDER BY start_date, metric",
        (end, start),
    )
    return [_as_dict(rows, row) for row in rows]


# --- tasks -------------------------------------------------------------------


def add_task(
    conn: sqlite3.Connection, title: str, due: str, quadrant: int, customer_id: int | None, now: datetime
) -> int:
    cursor = conn.execute(
        "INSERT INTO tasks (title, due_date, quadrant, customer_id, created_at) VALUES (?, ?, ?, ?, ?)",
        (title, due, quadrant, customer_id, _stamp(now)),
    )
    return cursor.lastrowid


def tasks(conn: sqlite3.Connection, *, include_closed: bool = False, due_by: str | None = None) -> list[dict]:
    """Tasks with their customer's name (open ones only unless `include_closed`;
    only those due by `due_by` when given), by quadrant then due date."""
    where, params = [], []
    if not include_closed:
        where.append("t.status = 'open'")
    if due_by:
        where.append("t.due_date <= ?")
        params.append(due_by)
    rows = conn.execute(
        "SELECT t.id, t.title, t.due_date, t.quadrant, c.name AS customer, t.status, t.why, t.closed_at"
        " FROM tasks t LEFT JOIN customers c ON c.id = t.customer_id"
        + _where_sql(where)
        + " ORDER BY t.quadrant, t.due_date, t.id",
        params,
    )
    return [_as_dict(rows, row) for row in rows]


def tasks_between(conn: sqlite3.Connection, start: str, end: str) -> list[dict]:
    """Every task due start..end (ISO dates), any status, for the week's plan."""
    rows = conn.execute(
        "SELECT t.id, t.title, t.due_date, t.quadrant, c.name AS customer, t.status"
        " FROM tasks t LEFT JOIN customers c ON c.id = t.customer_id"
        " WHERE t.due_date BETWEEN ? AND ? ORDER BY t.due_date, t.quadrant, t.id",
        (start, end),
    )
    return [_as_dict(rows, row) for row in rows]


def task(conn: sqlite3.Connection, task_id: int) -> dict:
    return _row(
        conn, "tasks", task_id, SalelogError(tr("no task #{id}", id=task_id), tr("list them: salelog task list --all"))
    )


def update_task(conn: sqlite3.Connection, task_id: int, fields: dict) -> None:
    _update(conn, "tasks", task_id, fields)


# --- reviews and plans -------------------------------------------------------


def followups_due_between(conn: sqlite3.Connection, start: str, end: str) -> list[dict]:
    """Follow-ups due start..end (ISO dates), with status and when they were closed."""
    rows = conn.execute(
        "SELECT f.id, f.due_date, f.status, f.done_at, f.what, c.name AS customer FROM followups f"
        " JOIN customers c ON c.id = f.customer_id WHERE f.due_date BETWEEN ? AND ? ORDER BY f.due_date, f.id",
        (start, end),
    )
    return [_as_dict(rows, row) for row in rows]


def add_review(conn: sqlite3.Connection, week_start: str, reflection: dict, plan: list[str], now: datetime) -> int:
    """Save a week's review (went_well, went_badly, why) with its plan items -> its id;
    an earlier review of the week stays as history."""
    cursor = conn.execute(
        "INSERT INTO reviews (week_start, went_well, went_badly, why, written_at) VALUES (?, ?, ?, ?, ?)",
        (week_start, reflection.get("went_well"), reflection.get("went_badly"), reflection.get("why"), _stamp(now)),
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
    review = _as_dict(rows, row)
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
    return [_as_dict(rows, row) for row in rows]


def check_plan_item(conn: sqlite3.Connection, item_id: int, status: str, note: str | None, now: datetime) -> dict:
    rows = conn.execute("SELECT id, week_start, text FROM plan_items WHERE id = ?", (item_id,))
    row = rows.fetchone()
    if row is None:
        raise SalelogError(tr("no plan item #{id}", id=item_id), tr("see them: salelog review --week last"))
    conn.execute(
        "UPDATE plan_items SET status = ?, note = ?, checked_at = ? WHERE id = ?", (status, note, _stamp(now), item_id)
    )
    return _as_dict(rows, row)


# --- export, import, backup, doctor (salelog/commands/exchange.py, doctor.py) ---


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
    return [_as_dict(rows, row) for row in rows]


# --- import ------------------------------------------------------------------


def same_entry(conn: sqlite3.Connection, customer_id: int, entry: dict) -> int | None:
    """The id of an entry already logged for the customer at the same moment, of
    the same kind, amount and outcome (the same file imported twice), or None."""
    row = conn.execute(
        "SELECT id FROM entries WHERE customer_id = ? AND at = ? AND kind = ? AND amount_fen IS ?"
        " AND ifnull(outcome, '') = ifnull(?, '') ORDER BY id LIMIT 1",
        (customer_id, entry["at"], entry["kind"], entry["amount_fen"], entry["outcome"]),
    ).fetchone()
    return row[0] if row else None


def import_entries(conn: sqlite3.Connection, rows: list[dict], now: datetime) -> dict:
    """Log checked rows (exchange.parse_entries) oldest first, as visit add would:
    customers found by name or alias (created when unknown), follow-ups closed and
    opened; a row identical to a logged entry is skipped -> {"added": [...],
    "skipped": [...], "new_customers": [names], "close": [(new name, [known names])]}."""
    summary: dict = {"added": [], "skipped": [], "new_customers": [], "close": []}
    for row in sorted(rows, key=lambda r: r["entry"]["at"]):  # stable: file order within a moment
        customer_id, name = _customer_for(conn, row, now, summary)
        entry = row["entry"]
        existing = same_entry(conn, customer_id, entry)
        if existing:
            summary["skipped"].append({"row": row["row"], "id": existing, "customer": name})
            continue
        entry_id = insert_entry(conn, customer_id, entry, row["tags"], now)
        close_due_followups(conn, customer_id, entry_id, entry["at"])
        if entry["next_step"] or entry["next_date"]:
            open_followup(conn, customer_id, entry_id, entry["next_step"], entry["next_date"], now)
        summary["added"].append({"row": row["row"], "id": entry_id, "customer": name} | entry)
    return summary


def _customer_for(conn: sqlite3.Connection, row: dict, now: datetime, summary: dict) -> tuple[int, str]:
    """The customer an imported row names (exact name or alias, or the same name
    ignoring case and width; never a mere beginning), created when unknown."""
    typed = row["customer"]
    try:
        found = find_customer(conn, typed, prefix=False)
    except SalelogError as e:  # several customers share the name's spelling
        raise SalelogError(f"row {row['row']}, column customer: {e.message}", e.hint) from None
    if found:
        return found[0], found[1]
    close = close_names(conn, typed)
    if close:
        summary["close"].append((typed, close))
    summary["new_customers"].append(typed)
    return create_customer(conn, typed, now), typed


def import_customers(conn: sqlite3.Connection, rows: list[dict], now: datetime) -> dict:
    """Add checked rows (exchange.parse_customers) as customers with their tags and
    aliases; a row whose name already names a customer (or alias) is skipped ->
    {"added": [{"row", "id", "name"}], "skipped": [{"row", "name", "owner"}]}."""
    summary: dict = {"added": [], "skipped": []}
    for row in rows:
        owner = name_taken(conn, row["name"])
        if owner:
            summary["skipped"].append({"row": row["row"], "name": row["name"], "owner": owner})
            continue
        for alias in row["aliases"]:
            taken = name_taken(conn, alias)
            if taken:
                raise SalelogError(
                    f'row {row["row"]}, column aliases: "{alias}" already names customer {taken}',
                    "drop that alias, or merge the two later; nothing was imported",
                )
        customer_id = create_customer(conn, row["name"], now, **row["card"])
        add_aliases(conn, customer_id, row["aliases"])
        set_customer_tags(conn, customer_id, row["tags"])
        summary["added"].append({"row": row["row"], "id": customer_id, "name": row["name"]})
    return summary


# --- backup and doctor --------------------------------------------------------


def _open_existing(path: str) -> sqlite3.Connection:
    """A plain connection to an existing file: never created, never migrated (a
    backup or a check must see the file as it is, even one of a newer salelog)."""
    from pathlib import Path

    if not os.path.isfile(path):
        raise SalelogError(tr("no salelog database at {path}", path=path), tr("check --db / SALELOG_DB"))
    try:
        return sqlite3.connect(Path(path).absolute().as_uri() + "?mode=rw", uri=True, timeout=_busy_timeout())
    except sqlite3.Error as e:
        raise SalelogError(
            tr("cannot open database {path}: {reason}", path=path, reason=e), tr("check the path and its permissions")
        ) from None


def backup(source: str, dest: str) -> list[str]:
    """Copy the database `source` into the new file `dest` (refused if it exists)
    with SQLite's online backup API, which copies a consistent snapshot even while
    another process writes; `dest` is owner-only (0600) -> its integrity_check
    lines (["ok"] when sound). A failed backup leaves no file behind."""
    conn = _open_existing(source)
    try:
        fd = os.open(dest, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)  # O_EXCL: never overwrite
    except FileExistsError:
        conn.close()
        raise SalelogError(
            tr("{path} already exists", path=dest), tr("give another PATH; a backup never overwrites")
        ) from None
    except OSError as e:
        conn.close()
        raise SalelogError(
            tr("cannot create {path}: {reason}", path=dest, reason=e.strerror), tr("choose a writable folder")
        ) from None
    os.close(fd)
    try:
        copy = sqlite3.connect(dest)
        try:
            with _translated(source):
                conn.backup(copy)
                return [line for (line,) in copy.execute("PRAGMA integrity_check")]
        finally:
            copy.close()
    except BaseException:
        for leftover in (dest, dest + "-wal", dest + "-shm", dest + "-journal"):
            if os.path.exists(leftover):
                os.unlink(leftover)
        raise
    finally:
        conn.close()


def inspect_database(path: str) -> dict:
    """What salelog doctor reports about the file at `path`, read without changing
    it -> {"user_version", "journal_mode", "integrity" (lines; ["ok"] when sound),
    "counts" ({table: rows} for the main tables present)}."""
    conn = _open_existing(path)
    try:
        with _translated(path):
            user_version = conn.execute("PRAGMA user_version").fetchone()[0]
            journal_mode = conn.execute("PRAGMA journal_mode").fetchone()[0]
            integrity = [line for (line,) in conn.execute("PRAGMA integrity_check")]
            tables = {name for (name,) in conn.execute("SELECT name FROM sqlite_master WHERE type = 'table'")}
            counts = {
                table: conn.execute(f"SELECT count(*) FROM {table}").fetchone()[0]
                for table in ("customers", "entries", "followups", "tasks", "goals")
                if table in tables
            }
    finally:
        conn.close()
    return {"user_version": user_version, "journal_mode": journal_mode, "integrity": integrity, "counts": counts}
