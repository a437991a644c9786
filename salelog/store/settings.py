"""What the logbook itself keeps about its owner (the settings table): the
person's name, which travels with a backup to the manager's team report."""

from .engine import sqlite3

LOGBOOK_KEYS = ("name",)  # config set KEY for these writes to the logbook, not the config file


def setting(conn: sqlite3.Connection, key: str) -> str | None:
    row = conn.execute("SELECT value FROM settings WHERE key = ?", (key,)).fetchone()
    return row[0] if row else None


def set_setting(conn: sqlite3.Connection, key: str, value: str | None) -> None:
    """Keep `value` under `key` (None: forget it)."""
    if value is None:
        conn.execute("DELETE FROM settings WHERE key = ?", (key,))
    else:
        conn.execute(
            "INSERT INTO settings (key, value) VALUES (?, ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value",
            (key, value),
        )
