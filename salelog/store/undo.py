"""The undo log: what each write command changed, recorded in its own
transaction by triggers, and reverted by salelog undo; and salelog's connection
(Logbook), which makes those triggers, and the derived rows' (store/derived.py),
when a command first writes a table.

The triggers are TEMP ones, made on the connection: SQLite parses every trigger of
the schema on each command's first query, and ~60 permanent ones cost ~7% of every
start-up, reads included, where a command writes two or three tables."""

from datetime import datetime

from ..errors import SalelogError
from .engine import sqlite3
from .rows import stamp

UNDO_KEEP = 200  # write commands that salelog undo can revert

# Every table whose rows salelog undo restores: a new table is added here.
UNDONE_TABLES = (
    "customers",
    "customer_aliases",
    "customer_tags",
    "entries",
    "entry_tags",
    "followups",
    "goals",
    "custom_metrics",
    "tasks",
    "reviews",
    "plan_items",
    "entry_competitors",
    "settings",
    "day_notes",
    "activities",
    "rewards",
    "deals",
    "deal_stage_changes",
    "contracts",
    "payments",
    "cancellations",
)
# The tables whose writes the derived rows of store/derived.py follow (that module's
# SQL is built only when a command writes one of them).
DERIVED_SOURCES = ("entries", "payments", "cancellations")
_EVENTS = {sqlite3.SQLITE_INSERT: "INSERT", sqlite3.SQLITE_UPDATE: "UPDATE", sqlite3.SQLITE_DELETE: "DELETE"}


class Logbook(sqlite3.Connection):
    """salelog's connection. In a write transaction (store.writing), SQLite asks
    `_authorize` about each statement it compiles, foreign-key actions and triggers
    included. A write to a table with a trigger missing on this connection is refused
    there (nothing runs): a source of derived rows without their triggers, or, while
    the command is recorded, an undoable table without its undo trigger. The triggers
    are made, and the statement runs again."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.recording = False
        self.undo_triggers: set[tuple[str, str]] = set()  # (table, event) made on this connection
        self.undo_missing: set[tuple[str, str]] = set()
        # (DERIVED_SOURCES table, event, the column of an UPDATE) whose derived triggers are made here
        self.derived_made: set[tuple[str, str, str | None]] = set()
        self.derived_missing: set[tuple[str, str, str | None]] = set()
        self.derived_triggers: set[str] = set()  # their names

    def execute(self, *args):
        return self._with_triggers(super().execute, args)

    def executemany(self, sql, rows):
        if isinstance(rows, list | tuple) and not rows:
            return self.cursor()  # nothing to write: nothing compiled, so no trigger made for it
        return self._with_triggers(super().executemany, (sql, rows))

    def _with_triggers(self, run, args: tuple):
        while True:
            try:
                return run(*args)
            except sqlite3.DatabaseError:
                if not self._make_missing_triggers():
                    raise

    def _authorize(self, action: int, table: str | None, column, _db, _trigger) -> int:
        event = _EVENTS.get(action)
        if event is None:
            return sqlite3.SQLITE_OK
        allowed = sqlite3.SQLITE_OK
        if table in DERIVED_SOURCES:
            written = (table, event, column if event == "UPDATE" else None)  # SQLite asks once per column set
            if written not in self.derived_made:
                self.derived_missing.add(written)
                allowed = sqlite3.SQLITE_DENY
        if self.recording and table in UNDONE_TABLES and (table, event) not in self.undo_triggers:
            self.undo_missing.add((table, event))
            allowed = sqlite3.SQLITE_DENY
        return allowed

    def _make_missing_triggers(self) -> bool:
        """Make the triggers the last refused statement lacked -> whether any were."""
        derived, self.derived_missing = self.derived_missing, set()
        if derived:
            from .derived import temp_triggers

            for written in sorted(derived, key=str):
                for name, statement in temp_triggers(*written):
                    if name not in self.derived_triggers:
                        super().execute(statement)
                        self.derived_triggers.add(name)
                self.derived_made.add(written)
        missing, self.undo_missing = self.undo_missing, set()
        for table, event in sorted(missing):
            super().execute(_trigger_sql(self, table, event))
            self.undo_triggers.add((table, event))
        return bool(missing or derived)

    def forget_triggers(self) -> None:
        """After a rollback: the TEMP triggers made in the transaction went with it (those
        of an earlier one stay: they are made IF NOT EXISTS, so asking again is harmless)."""
        self.undo_triggers.clear()
        self.derived_made.clear()
        self.derived_triggers.clear()


def _trigger_sql(conn: sqlite3.Connection, table: str, event: str) -> str:
    """A TEMP trigger copying each row `event` changes in `table` into undo_changes,
    under the command being recorded (inserted rows: their rowid only)."""
    if event == "INSERT":
        row_id, image = "NEW.rowid", "NULL"
    else:
        columns = [row[1] for row in sqlite3.Connection.execute(conn, f"PRAGMA main.table_info({table})")]
        row_id, image = "OLD.rowid", "json_object(" + ", ".join(f"'{c}', OLD.\"{c}\"" for c in columns) + ")"
    return (
        f"CREATE TEMP TRIGGER IF NOT EXISTS undo_{table}_{event.lower()} AFTER {event} ON main.{table} BEGIN"
        f" INSERT INTO undo_changes (undo_id, table_name, row_id, old_row)"
        f" SELECT id, '{table}', {row_id}, {image} FROM undo_log WHERE recording = 1; END"
    )


def start_recording(conn: sqlite3.Connection, undo_as: str) -> None:
    """Open the command's undo_log row (inside its write transaction): while it is
    marked recording, the triggers copy every changed row into undo_changes."""
    from ..context import current

    label = undo_as.encode("utf-8", "replace").decode("utf-8")  # typed text may be undecodable
    conn.execute("INSERT INTO undo_log (command, at, recording) VALUES (?, ?, 1)", (label, stamp(current().now)))
    conn.recording = True


def stop_recording(conn: sqlite3.Connection) -> None:
    """Close the command's undo_log row (none if it changed nothing: undo then reverts
    the write before it, not a no-op) and forget commands older than the last UNDO_KEEP."""
    conn.recording = False
    conn.execute(
        "DELETE FROM undo_log WHERE recording = 1"
        " AND NOT EXISTS (SELECT 1 FROM undo_changes WHERE undo_id = undo_log.id)"
    )
    conn.execute("UPDATE undo_log SET recording = 0 WHERE recording = 1")
    conn.execute("DELETE FROM undo_log WHERE id <= (SELECT max(id) FROM undo_log) - ?", (UNDO_KEEP,))


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
    conn.execute("UPDATE undo_log SET undone_at = ? WHERE id = ?", (stamp(now), undo_id))
    return {"command": command, "at": at, "changes": len(changes)}


def _revert_row(conn: sqlite3.Connection, table: str, row_id: int, old_row: str | None) -> None:
    if table not in UNDONE_TABLES:
        raise SalelogError("undo log names an unknown table {table}", "run: salelog doctor", table=repr(table))
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
