"""The undo log: what each write command changed, recorded in its own
transaction by the triggers salelog/migrations.py installs, and reverted by
salelog undo."""

import sqlite3
from datetime import datetime

from ..errors import SalelogError
from .rows import stamp

UNDO_KEEP = 200  # write commands that salelog undo can revert


def start_recording(conn: sqlite3.Connection, undo_as: str) -> None:
    """Open the command's undo_log row (inside its write transaction): while it is
    marked recording, the triggers copy every changed row into undo_changes."""
    from ..context import current

    label = undo_as.encode("utf-8", "replace").decode("utf-8")  # typed text may be undecodable
    conn.execute("INSERT INTO undo_log (command, at, recording) VALUES (?, ?, 1)", (label, stamp(current().now)))


def stop_recording(conn: sqlite3.Connection) -> None:
    """Close the command's undo_log row and forget commands older than the last UNDO_KEEP."""
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
    from ..migrations import UNDONE_TABLES

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
