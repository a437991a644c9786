"""Schema migrations: an ordered list of small functions, recorded in the database
by sqlite-utils' Migrations. Never edit one once released; add the next.

Each migration ends by setting PRAGMA user_version, which is what open_db reads
to decide (cheaply, without sqlite-utils) whether any migration is due.
"""

import sqlite3

from sqlite_utils import Database, Migrations

migrations = Migrations("salelog")


@migrations()
def m001_logbook(db: Database) -> None:
    for statement in (
        """CREATE TABLE customers (
            id INTEGER PRIMARY KEY,
            name TEXT NOT NULL UNIQUE,
            created_at TEXT NOT NULL
        )""",
        """CREATE TABLE entries (
            id INTEGER PRIMARY KEY,
            customer_id INTEGER NOT NULL REFERENCES customers(id),
            at TEXT NOT NULL,                 -- local time, 'YYYY-MM-DD HH:MM:SS'
            kind TEXT NOT NULL CHECK (kind IN ('visit', 'call', 'email', 'meeting', 'message')),
            amount_fen INTEGER CHECK (amount_fen IS NULL OR amount_fen > 0),  -- 1 yuan = 100 fen
            outcome TEXT,
            needs TEXT,
            feedback TEXT,
            next_step TEXT,
            next_date TEXT,                   -- 'YYYY-MM-DD'
            minutes INTEGER CHECK (minutes IS NULL OR minutes >= 0),
            created_at TEXT NOT NULL
        )""",
        "CREATE INDEX entries_by_time ON entries (at)",
        "CREATE INDEX entries_by_customer ON entries (customer_id, at)",
        "CREATE INDEX entries_sales_by_customer ON entries (customer_id, at) WHERE amount_fen > 0",
        """CREATE TABLE entry_tags (
            entry_id INTEGER NOT NULL REFERENCES entries(id) ON DELETE CASCADE,
            tag TEXT NOT NULL,
            PRIMARY KEY (entry_id, tag)
        )""",
        "CREATE INDEX entry_tags_by_tag ON entry_tags (tag)",
        """CREATE TABLE custom_metrics (
            name TEXT PRIMARY KEY,           -- counts entries tagged with this name
            created_at TEXT NOT NULL
        )""",
        """CREATE TABLE goals (              -- every setting is kept: the last one counts
            id INTEGER PRIMARY KEY,
            metric TEXT NOT NULL,
            period TEXT NOT NULL,            -- 'week'
            start_date TEXT NOT NULL,
            end_date TEXT NOT NULL,
            target INTEGER NOT NULL,         -- a count; fen for revenue
            set_at TEXT NOT NULL
        )""",
        "CREATE INDEX goals_by_period ON goals (period, start_date, metric)",
        """CREATE VIEW current_goals AS
            SELECT g.* FROM goals g
            WHERE g.id = (SELECT max(id) FROM goals h
                          WHERE h.metric = g.metric AND h.period = g.period AND h.start_date = g.start_date)""",
        "PRAGMA user_version = 1",
    ):
        db.execute(statement)


def apply_migrations(conn: sqlite3.Connection, target_version: int) -> None:
    """Apply every pending migration inside the caller's transaction, so that a
    crash leaves the file fully old or fully new."""
    db = Database(conn, execute_plugins=False, recursive_triggers=False)
    migrations.apply(db)
    version = conn.execute("PRAGMA user_version").fetchone()[0]
    if version != target_version:
        raise RuntimeError(f"migrations left schema version {version}, expected {target_version}")
