"""The SQL behind salelog export, import, backup and doctor, in store.py's style
(functions taking a connection, parameterized SQL, rows as dicts). Written to be
moved into store.py as they are: drop the import of store's names below.
"""

import os
import sqlite3
from datetime import datetime

from .errors import SalelogError
from .store import (
    _as_dict,
    _busy_timeout,
    _close_to,
    _translated,
    add_aliases,
    close_due_followups,
    create_customer,
    find_customer,
    insert_entry,
    name_taken,
    open_followup,
    set_customer_tags,
)

# --- export ------------------------------------------------------------------


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
    close = _close_to(conn, typed)
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
        raise SalelogError(f"no salelog database at {path}", "check --db / SALELOG_DB")
    try:
        return sqlite3.connect(Path(path).absolute().as_uri() + "?mode=rw", uri=True, timeout=_busy_timeout())
    except sqlite3.Error as e:
        raise SalelogError(f"cannot open database {path}: {e}", "check the path and its permissions") from None


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
        raise SalelogError(f"{dest} already exists", "give another PATH; a backup never overwrites") from None
    except OSError as e:
        conn.close()
        raise SalelogError(f"cannot create {dest}: {e.strerror}", "choose a writable folder") from None
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
