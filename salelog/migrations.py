"""Schema migrations: an ordered list of small functions, recorded in the database
by sqlite-utils' Migrations. Never edit one once released; add the next, and
name it at the end of store.db.MIGRATIONS.

A migration's schema version is its position in that list, and `migration` sets
PRAGMA user_version to it after the body runs: that is what open_db reads to
decide (cheaply, without importing this module or sqlite-utils) whether any
migration is due. Bodies never set it themselves.
"""

from collections.abc import Callable
from functools import wraps

from sqlite_utils import Database, Migrations

from .store import derived
from .store.db import MIGRATIONS
from .store.engine import sqlite3
from .store.undo import UNDONE_TABLES

migrations = Migrations("salelog")
_registered: list[str] = []


def migration(body: Callable[[Database], None]) -> Callable[[Database], None]:
    """Register `body` as the next migration, under its function name; once it has
    run, the schema version is its position (1 for the first).

    Refused unless store.db.MIGRATIONS names it at that position, so that
    SCHEMA_VERSION (the length of that list) always follows the migrations."""
    version = len(_registered) + 1
    listed = MIGRATIONS[version - 1] if version <= len(MIGRATIONS) else None
    if body.__name__ != listed:
        raise RuntimeError(
            f"migration {body.__name__} is number {version} here, but store.db.MIGRATIONS"
            f" has {listed!r} there: list the migrations there in the order they are defined"
        )
    _registered.append(body.__name__)

    @wraps(body)
    def run_and_record_version(db: Database) -> None:
        body(db)
        db.execute(f"PRAGMA user_version = {version}")

    migrations(name=body.__name__)(run_and_record_version)
    return body


@migration
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
    ):
        db.execute(statement)


@migration
def m002_customer_archive(db: Database) -> None:
    from .names import name_key

    for column, kind in (
        ("company", str),
        ("class", str),
        ("phone", str),
        ("email", str),
        ("wechat", str),
        ("note", str),
        ("name_key", str),
    ):
        db["customers"].add_column(column, kind)
    for customer_id, name in db.execute("SELECT id, name FROM customers").fetchall():
        db.execute("UPDATE customers SET name_key = ? WHERE id = ?", (name_key(name), customer_id))
    for statement in (
        "CREATE INDEX customers_by_key ON customers (name_key)",
        """CREATE TABLE customer_aliases (
            alias TEXT PRIMARY KEY,
            alias_key TEXT NOT NULL,
            customer_id INTEGER NOT NULL REFERENCES customers(id) ON DELETE CASCADE
        )""",
        "CREATE INDEX customer_aliases_by_key ON customer_aliases (alias_key)",
        "CREATE INDEX customer_aliases_by_customer ON customer_aliases (customer_id)",
        """CREATE TABLE customer_tags (
            customer_id INTEGER NOT NULL REFERENCES customers(id) ON DELETE CASCADE,
            tag TEXT NOT NULL,
            PRIMARY KEY (customer_id, tag)
        )""",
        """CREATE TABLE followups (           -- next steps written after a contact
            id INTEGER PRIMARY KEY,
            customer_id INTEGER NOT NULL REFERENCES customers(id),
            entry_id INTEGER REFERENCES entries(id) ON DELETE SET NULL,  -- the entry that opened it
            what TEXT,
            due_date TEXT,                     -- 'YYYY-MM-DD', NULL when undated
            status TEXT NOT NULL DEFAULT 'open' CHECK (status IN ('open', 'done')),
            done_at TEXT,
            done_by_entry_id INTEGER REFERENCES entries(id) ON DELETE SET NULL,
            created_at TEXT NOT NULL
        )""",
        "CREATE INDEX followups_open_by_due ON followups (status, due_date)",
        "CREATE INDEX followups_by_customer ON followups (customer_id, status)",
        # Next steps logged before this version become follow-ups, closed where a
        # later contact with the customer happened on or after their date.
        """INSERT INTO followups (customer_id, entry_id, what, due_date, status, done_at, created_at)
            SELECT e.customer_id, e.id, e.next_step, e.next_date,
                   CASE WHEN later.at IS NULL THEN 'open' ELSE 'done' END, later.at, e.created_at
            FROM entries e
            LEFT JOIN entries later ON later.id = (
                SELECT l.id FROM entries l WHERE l.customer_id = e.customer_id AND l.at > e.at
                  AND (e.next_date IS NULL OR date(l.at) >= e.next_date) ORDER BY l.at LIMIT 1)
            WHERE e.next_step IS NOT NULL OR e.next_date IS NOT NULL""",
    ):
        db.execute(statement)


def install_undo_triggers(db: Database, tables: tuple[str, ...]) -> None:
    """Triggers that copy every change to `tables` into undo_changes while a
    command is recording (undo_log.recording = 1). Migrations m002-m019 made them
    part of the schema, and still do as they replay; m020 drops them, since undo's
    triggers are now made on the connection (salelog/store/undo.py). A new table
    only needs its name in UNDONE_TABLES."""
    recording = "EXISTS (SELECT 1 FROM undo_log WHERE recording = 1)"
    current = "(SELECT id FROM undo_log WHERE recording = 1)"
    for table in tables:
        columns = [c.name for c in db[table].columns]
        old_row = "json_object(" + ", ".join(f"'{c}', OLD.\"{c}\"" for c in columns) + ")"
        for event, row_id, image in (
            ("INSERT", "NEW.rowid", "NULL"),
            ("UPDATE", "OLD.rowid", old_row),
            ("DELETE", "OLD.rowid", old_row),
        ):
            name = f"undo_{table}_{event.lower()}"
            db.execute(f"DROP TRIGGER IF EXISTS {name}")
            db.execute(
                f"CREATE TRIGGER {name} AFTER {event} ON {table} WHEN {recording} BEGIN"
                f" INSERT INTO undo_changes (undo_id, table_name, row_id, old_row)"
                f" VALUES ({current}, '{table}', {row_id}, {image}); END"
            )


@migration
def m003_undo_log(db: Database) -> None:
    for statement in (
        """CREATE TABLE undo_log (            -- one row per write command, for salelog undo
            id INTEGER PRIMARY KEY,
            command TEXT NOT NULL,            -- what it did, as told to the user
            at TEXT NOT NULL,
            recording INTEGER NOT NULL DEFAULT 0,
            undone_at TEXT
        )""",
        "CREATE INDEX undo_log_recording ON undo_log (recording) WHERE recording = 1",
        """CREATE TABLE undo_changes (        -- rows as they were before the command
            id INTEGER PRIMARY KEY,
            undo_id INTEGER NOT NULL REFERENCES undo_log(id) ON DELETE CASCADE,
            table_name TEXT NOT NULL,
            row_id INTEGER NOT NULL,
            old_row TEXT                      -- JSON; NULL where the command inserted the row
        )""",
        "CREATE INDEX undo_changes_by_command ON undo_changes (undo_id)",
    ):
        db.execute(statement)
    install_undo_triggers(db, UNDONE_TABLES[:8])


@migration
def m004_tasks(db: Database) -> None:
    db.execute(
        """CREATE TABLE tasks (                -- the day's work, by the four quadrants
            id INTEGER PRIMARY KEY,
            title TEXT NOT NULL,
            due_date TEXT NOT NULL,            -- 'YYYY-MM-DD'; open tasks past it have slipped
            quadrant INTEGER NOT NULL CHECK (quadrant BETWEEN 1 AND 4),  -- 1 important+urgent .. 4 neither
            customer_id INTEGER REFERENCES customers(id) ON DELETE SET NULL,
            status TEXT NOT NULL DEFAULT 'open' CHECK (status IN ('open', 'done', 'dropped')),
            why TEXT,                          -- why it was dropped
            created_at TEXT NOT NULL,
            closed_at TEXT
        )"""
    )
    db.execute("CREATE INDEX tasks_by_status_due ON tasks (status, due_date)")
    install_undo_triggers(db, ("tasks",))


@migration
def m005_reviews(db: Database) -> None:
    for statement in (
        """CREATE TABLE reviews (              -- the week-end reflection; every write kept, the last counts
            id INTEGER PRIMARY KEY,
            week_start TEXT NOT NULL,          -- the Monday of the week reviewed
            went_well TEXT,
            went_badly TEXT,
            why TEXT,
            written_at TEXT NOT NULL
        )""",
        "CREATE INDEX reviews_by_week ON reviews (week_start, id)",
        """CREATE TABLE plan_items (           -- next week's improvement plan, checked by that week's review
            id INTEGER PRIMARY KEY,
            review_id INTEGER NOT NULL REFERENCES reviews(id) ON DELETE CASCADE,
            week_start TEXT NOT NULL,          -- the week whose review made the plan
            text TEXT NOT NULL,
            status TEXT CHECK (status IN ('done', 'partly', 'not')),  -- NULL until checked
            note TEXT,
            checked_at TEXT
        )""",
        "CREATE INDEX plan_items_by_week ON plan_items (week_start)",
    ):
        db.execute(statement)
    install_undo_triggers(db, ("reviews", "plan_items"))


@migration
def m006_competitors(db: Database) -> None:
    for statement in (
        """CREATE TABLE entry_competitors (    -- who else the customer said is quoting (visit add --competitor)
            entry_id INTEGER NOT NULL REFERENCES entries(id) ON DELETE CASCADE,
            competitor TEXT NOT NULL,
            PRIMARY KEY (entry_id, competitor)
        )""",
        "CREATE INDEX entry_competitors_by_name ON entry_competitors (competitor)",
    ):
        db.execute(statement)
    install_undo_triggers(db, ("entry_competitors",))


@migration
def m007_entry_source_id(db: Database) -> None:
    # An imported row's id in its file (fields.SOURCE_ID): what a later import of the file recognises.
    db["entries"].add_column("source_id", str)
    db.execute("CREATE INDEX entries_by_source_id ON entries (source_id) WHERE source_id IS NOT NULL")
    install_undo_triggers(db, ("entries",))  # the undo copy must carry the new column


@migration
def m008_task_first_due(db: Database) -> None:
    # The day a task was first due, kept when task move gives it another: its slip counts from there.
    db["tasks"].add_column("first_due_date", str)
    install_undo_triggers(db, ("tasks",))


@migration
def m009_settings(db: Database) -> None:
    # What belongs to the logbook rather than to one machine's config: the
    # person's name (config set name), so that a backup carries it to the manager.
    db.execute(
        """CREATE TABLE settings (
            key TEXT PRIMARY KEY,
            value TEXT NOT NULL
        )"""
    )
    install_undo_triggers(db, ("settings",))


@migration
def m010_deals(db: Database) -> None:
    # Deals (商机): what is in play with a customer, its stage on the ladder
    # (salelog/deals.py), and every move between stages with its moment.
    for statement in (
        """CREATE TABLE deals (
            id INTEGER PRIMARY KEY,
            customer_id INTEGER NOT NULL REFERENCES customers(id),
            title TEXT NOT NULL,
            value_fen INTEGER CHECK (value_fen IS NULL OR value_fen > 0),  -- NULL: not known yet
            stage TEXT NOT NULL,               -- a stage id of the ladder (config deal_stages)
            close_date TEXT,                   -- 'YYYY-MM-DD': when it is expected to close
            source TEXT,
            note TEXT,
            created_at TEXT NOT NULL,
            closed_at TEXT,                    -- when it was won or lost
            lost_reason TEXT,
            external_id TEXT                   -- the id in the CRM it was imported from
        )""",
        "CREATE INDEX deals_by_customer ON deals (customer_id)",
        "CREATE UNIQUE INDEX deals_by_external_id ON deals (external_id) WHERE external_id IS NOT NULL",
        "CREATE INDEX open_deals_by_close ON deals (close_date) WHERE closed_at IS NULL",  # week, remind
        """CREATE TABLE deal_stage_changes (    -- the deal's history, backwards moves included
            id INTEGER PRIMARY KEY,
            deal_id INTEGER NOT NULL REFERENCES deals(id) ON DELETE CASCADE,
            from_stage TEXT,                   -- NULL: the deal was created at to_stage
            to_stage TEXT NOT NULL,
            at TEXT NOT NULL
        )""",
        "CREATE INDEX deal_stage_changes_by_deal ON deal_stage_changes (deal_id, at)",
        "ALTER TABLE entries ADD COLUMN deal_id INTEGER REFERENCES deals(id) ON DELETE SET NULL",
        "CREATE INDEX entries_by_deal ON entries (deal_id) WHERE deal_id IS NOT NULL",
    ):
        db.execute(statement)
    install_undo_triggers(db, ("deals", "deal_stage_changes", "entries"))


@migration
def m011_day_activities(db: Database) -> None:
    # The day's report: one line about the day, and the time spent away from customers.
    for statement in (
        """CREATE TABLE day_notes (            -- one line about a day; every write kept, the last counts
            id INTEGER PRIMARY KEY,
            day TEXT NOT NULL,                 -- 'YYYY-MM-DD'
            text TEXT NOT NULL,
            mood INTEGER CHECK (mood IS NULL OR mood BETWEEN 1 AND 5),
            written_at TEXT NOT NULL
        )""",
        "CREATE INDEX day_notes_by_day ON day_notes (day, id)",
        """CREATE TABLE activities (           -- time not with customers: learning, training, admin, travel
            id INTEGER PRIMARY KEY,
            kind TEXT NOT NULL CHECK (kind IN ('learning', 'training', 'admin', 'travel', 'other')),
            minutes INTEGER CHECK (minutes IS NULL OR minutes >= 0),
            at TEXT NOT NULL,                  -- local time, 'YYYY-MM-DD HH:MM:SS'
            note TEXT,
            created_at TEXT NOT NULL
        )""",
        "CREATE INDEX activities_by_time ON activities (at)",
    ):
        db.execute(statement)
    install_undo_triggers(db, ("day_notes", "activities"))


@migration
def m012_review_periods(db: Database) -> None:
    # Reviews and their plans kept for a month or a year as for a week: week_start
    # becomes the first day of the period reviewed, `period` says which kind (the
    # rows written so far are weeks); `causes` the reasons picked for a shortfall.
    for statement in (
        "ALTER TABLE reviews RENAME COLUMN week_start TO period_start",
        "ALTER TABLE reviews ADD COLUMN period TEXT NOT NULL DEFAULT 'week'"
        " CHECK (period IN ('week', 'month', 'year'))",
        "ALTER TABLE reviews ADD COLUMN causes TEXT",  # market,strategy,effort: those picked, comma-separated
        "ALTER TABLE plan_items RENAME COLUMN week_start TO period_start",
        "ALTER TABLE plan_items ADD COLUMN period TEXT NOT NULL DEFAULT 'week'"
        " CHECK (period IN ('week', 'month', 'year'))",
        "DROP INDEX reviews_by_week",
        "CREATE INDEX reviews_by_period ON reviews (period, period_start, id)",
        "DROP INDEX plan_items_by_week",
        "CREATE INDEX plan_items_by_period ON plan_items (period, period_start)",
        # Covers the sums by period that reviews compare against (store.history): no row lookups
        # over ten years of entries. Partial (at is never NULL) so that only a query bounding `at`
        # uses it: a bare scan of entries keeps its rowid order.
        "CREATE INDEX entries_by_time_kind_amount ON entries (at, kind, amount_fen) WHERE at IS NOT NULL",
    ):
        db.execute(statement)
    install_undo_triggers(db, ("reviews", "plan_items"))  # the undo copy must carry the new columns


@migration
def m013_rewards(db: Database) -> None:
    for statement in (
        """CREATE TABLE rewards (              -- a reward to yourself at a target or a milestone below it
            id INTEGER PRIMARY KEY,
            metric TEXT NOT NULL,
            period TEXT NOT NULL,              -- week, month, quarter, year (as goals)
            start_date TEXT NOT NULL,
            end_date TEXT NOT NULL,
            at_value INTEGER,                  -- the milestone (fen or a count); NULL: the target in force
            reward TEXT NOT NULL,
            created_at TEXT NOT NULL
        )""",
        "CREATE UNIQUE INDEX rewards_one_per_mark ON rewards (metric, period, start_date, coalesce(at_value, -1))",
        "CREATE INDEX rewards_by_dates ON rewards (start_date, end_date)",
        # What the user has been told, so that a reward is said once: kept through
        # undo on purpose (no undo triggers), as what was said cannot be unsaid;
        # an entry undone and logged again does not announce it twice.
        """CREATE TABLE reward_announcements (
            metric TEXT NOT NULL,
            period TEXT NOT NULL,
            start_date TEXT NOT NULL,
            at_value INTEGER NOT NULL,         -- the mark crossed (a target reward: the target then)
            reward TEXT NOT NULL,
            target INTEGER,                    -- the target then (NULL when there was none)
            entry_id INTEGER,                  -- the entry that crossed it (NULL: reached when set)
            command_id INTEGER,                -- the undo_log row of the command that said it
            announced_at TEXT NOT NULL,
            PRIMARY KEY (metric, period, start_date, at_value)
        )""",
        "CREATE INDEX reward_announcements_by_command ON reward_announcements (command_id)",
    ):
        db.execute(statement)
    install_undo_triggers(db, ("rewards",))


@migration
def m014_customer_sound(db: Database) -> None:
    # A name's toneless pinyin and its folded key (names.sounds): a name that
    # matched nothing is compared by sound and script with one indexed lookup
    # instead of the pinyin of every customer at every miss.
    from .names import sounds
    from .pinyin import readings_of

    for table, name_column in (("customers", "name"), ("customer_aliases", "alias")):
        db[table].add_column("sound", str)
        db[table].add_column("sound_key", str)
        rows = db.execute(f"SELECT rowid, {name_column} FROM {table}").fetchall()
        readings_of([name for _, name in rows])
        db.conn.executemany(
            f"UPDATE {table} SET sound = ?, sound_key = ? WHERE rowid = ?",
            [(*sounds(name), rowid) for rowid, name in rows],
        )
        db.execute(f"CREATE INDEX {table}_by_sound ON {table} (sound_key)")
    install_undo_triggers(db, ("customers", "customer_aliases"))


@migration
def m015_payments(db: Database) -> None:
    for statement in (
        """CREATE TABLE payments (             -- money collected (回款) from a customer
            id INTEGER PRIMARY KEY,
            customer_id INTEGER NOT NULL REFERENCES customers(id),
            amount_fen INTEGER NOT NULL CHECK (amount_fen > 0),
            at TEXT NOT NULL,                  -- local time, as entries.at
            entry_id INTEGER REFERENCES entries(id) ON DELETE SET NULL,  -- the sale it pays, if said
            deal_id INTEGER REFERENCES deals(id) ON DELETE SET NULL,     -- the deal it pays, if said
            note TEXT,
            created_at TEXT NOT NULL
        )""",
        "CREATE INDEX payments_by_time ON payments (at)",
        "CREATE INDEX payments_by_customer ON payments (customer_id, at)",
        # A sale cancelled in full or in part, when the cancellation happened: the
        # entry keeps its amount (its week's results stay), the cancellation's
        # period loses the money (and the deal, once nothing of the sale is left).
        """CREATE TABLE cancellations (
            id INTEGER PRIMARY KEY,
            entry_id INTEGER NOT NULL REFERENCES entries(id) ON DELETE CASCADE,
            amount_fen INTEGER NOT NULL CHECK (amount_fen > 0),
            at TEXT NOT NULL,
            reason TEXT NOT NULL,
            created_at TEXT NOT NULL
        )""",
        "CREATE INDEX cancellations_by_time ON cancellations (at)",
        "CREATE INDEX cancellations_by_entry ON cancellations (entry_id, at)",
        # Each cancellation with what it takes off the period it falls in: its
        # amount, and ends_sale = 1 for the one after which nothing of the sale is
        # left (worked out when read, so that an entry's edited amount is followed).
        """CREATE VIEW cancellation_moves AS
            SELECT c.id, c.entry_id, c.at, c.amount_fen, c.reason, e.customer_id, e.amount_fen AS sale_fen,
                   (c.running >= e.amount_fen AND c.running - c.amount_fen < e.amount_fen) AS ends_sale
            FROM (SELECT *, sum(amount_fen) OVER (PARTITION BY entry_id ORDER BY at, id) AS running
                  FROM cancellations) c
            JOIN entries e ON e.id = c.entry_id""",
    ):
        db.execute(statement)
    install_undo_triggers(db, ("payments", "cancellations"))


@migration
def m016_customer_life(db: Database) -> None:
    # A customer's life from the log: an entry's complaint and how satisfied the
    # customer was; a follow-up that handles a complaint (listed first until done);
    # where the customer came from; their contracts and when each ends.
    for statement in (
        "ALTER TABLE entries ADD COLUMN complaint TEXT",
        "ALTER TABLE entries ADD COLUMN satisfaction INTEGER"
        " CHECK (satisfaction IS NULL OR satisfaction BETWEEN 1 AND 5)",
        "ALTER TABLE followups ADD COLUMN kind TEXT CHECK (kind IS NULL OR kind = 'complaint')",
        "CREATE INDEX followups_complaints ON followups (status, created_at) WHERE kind = 'complaint'",
        "ALTER TABLE customers ADD COLUMN source TEXT",
        """CREATE TABLE contracts (
            id INTEGER PRIMARY KEY,
            customer_id INTEGER NOT NULL REFERENCES customers(id) ON DELETE CASCADE,
            ends TEXT NOT NULL,                -- 'YYYY-MM-DD'
            note TEXT,
            created_at TEXT NOT NULL
        )""",
        "CREATE INDEX contracts_by_end ON contracts (ends)",
        "CREATE INDEX contracts_by_customer ON contracts (customer_id)",
    ):
        db.execute(statement)
    install_undo_triggers(db, ("entries", "followups", "customers", "contracts"))


@migration
def m017_day_totals(db: Database) -> None:
    # Each day's contacts, deals, revenue, visits and meetings, kept by triggers on
    # entries, so that a review's records and earlier periods read ~250 rows a year
    # instead of grouping every entry of the history (store/history.py). Derived rows:
    # no undo triggers (undo reverts entries, and these triggers follow). A day whose
    # last entry goes is removed: a day here is a day with data. A migration that
    # rebuilds entries must create these triggers again.
    db.execute(
        """CREATE TABLE day_totals (
            day TEXT PRIMARY KEY,              -- 'YYYY-MM-DD', the date part of entries.at
            entries INTEGER NOT NULL,          -- the day's entries of every kind (0: the row goes)
            contacts INTEGER NOT NULL,         -- those of a contact kind (metrics.CONTACT_KINDS: not 'sale')
            deals INTEGER NOT NULL,            -- entries with an amount
            revenue_fen INTEGER NOT NULL,
            visits INTEGER NOT NULL,
            meetings INTEGER NOT NULL
        )"""
    )
    # The period's customers (store.entries_in looks up each one's first contact and sale) read
    # from the index alone, not from a year's rows: the index on time carries the customer,
    # after the id, so that it still gives the rows in entries_in's order (at, id) without a sort.
    db.execute("DROP INDEX entries_by_time")
    db.execute("CREATE INDEX entries_by_time ON entries (at, id, customer_id)")
    # The rows as this migration knew them (store/derived.py FRESH says them now, for doctor).
    db.execute(
        "INSERT INTO day_totals SELECT substr(at, 1, 10), count(*), sum(kind != 'sale'), count(amount_fen),"
        " coalesce(sum(amount_fen), 0), sum(kind = 'visit'), sum(kind = 'meeting') FROM entries GROUP BY 1"
    )
    # Three triggers on entries (store/derived.py), made on the connection since m024.
    for trigger in derived.DAY_TOTALS:
        db.execute(derived.trigger_sql(trigger, temp=False))


@migration
def m018_archive_indexes(db: Database) -> None:
    # Covering indexes, so that the archive's screens read a customer's (or a
    # deal's) facts from one index seek instead of its rows: the sales in
    # first-in first-out order with their amounts (receivables, stages, cards),
    # a deal's latest linked contact (pipeline's stale deals), the payments'
    # amounts by customer, who was contacted in a span of days (a stage's "no
    # contact for dormant_days" from the recent entries alone: m017's entries_by_time), the open deals
    # and the closed ones by when they closed with what the pipeline sums
    # (closed_at is listed in the open deals' index: SQLite counts an index
    # covering only for the columns it lists; id comes right after at where rows
    # are read in (at, id) order, which then still needs no sort).
    # No table and no trigger: nothing added to every start-up's schema parse but
    # one index.
    for statement in (
        "DROP INDEX entries_sales_by_customer",
        "CREATE INDEX entries_sales_by_customer ON entries (customer_id, at, id, amount_fen) WHERE amount_fen > 0",
        "DROP INDEX entries_by_deal",
        "CREATE INDEX entries_by_deal ON entries (deal_id, at) WHERE deal_id IS NOT NULL",
        "DROP INDEX payments_by_customer",
        "CREATE INDEX payments_by_customer ON payments (customer_id, at, id, amount_fen)",
        "DROP INDEX open_deals_by_close",
        "CREATE INDEX open_deals_by_close ON deals (close_date, stage, value_fen, created_at, closed_at)"
        " WHERE closed_at IS NULL",
        "CREATE INDEX closed_deals_by_time ON deals (closed_at, stage, value_fen, created_at, lost_reason)"
        " WHERE closed_at IS NOT NULL",
    ):
        db.execute(statement)


@migration
def m019_sale_kind(db: Database) -> None:
    # Kind sale: a sale booked with no contact (deal won's revenue entry), which no
    # contact metric counts. SQLite cannot ALTER a CHECK constraint; widening one
    # (every stored row still passes) is the schema edit SQLite documents for it
    # (sqlite.org/lang_altertable.html, "making other kinds of table schema changes"),
    # with schema_version bumped so that every open connection reloads the schema.
    old = "CHECK (kind IN ('visit', 'call', 'email', 'meeting', 'message'))"
    new = "CHECK (kind IN ('visit', 'call', 'email', 'meeting', 'message', 'sale'))"
    conn = db.conn
    version = conn.execute("PRAGMA schema_version").fetchone()[0]
    conn.execute("PRAGMA writable_schema = ON")
    try:
        conn.execute(
            "UPDATE sqlite_master SET sql = replace(sql, ?, ?) WHERE type = 'table' AND name = 'entries'", (old, new)
        )
        conn.execute(f"PRAGMA schema_version = {version + 1}")
    finally:
        conn.execute("PRAGMA writable_schema = OFF")
    sql = conn.execute("SELECT sql FROM sqlite_master WHERE type = 'table' AND name = 'entries'").fetchone()[0]
    if new not in sql or conn.execute("PRAGMA quick_check").fetchone()[0] != "ok":
        raise RuntimeError("m019_sale_kind: the entries table's kind check was not widened")


@migration
def m020_review_sums(db: Database) -> None:
    # The reviews sum a period's entries in SQL (store/sums.py) by kind, by customer,
    # by hour and weekday: this index holds every column they read, so that a year of a
    # ten-year logbook is summed from the index alone, never its ~9,000 rows. It
    # replaces m012's narrower one, which nothing reads since m017's day_totals.
    # Partial (at is never NULL), as that one was: only a query saying "at IS NOT NULL"
    # uses it. An index, no table or trigger: nothing added to every start-up.
    db.execute("DROP INDEX entries_by_time_kind_amount")
    db.execute(
        "CREATE INDEX entries_by_time_sums ON entries (at, kind, amount_fen, customer_id, minutes) WHERE at IS NOT NULL"
    )


# A sale's due (its amount less what was cancelled of it) and what of it is still
# owed. A payment said to be for a sale (payment add --for) pays that sale first,
# one for a deal (--deal) that deal's sales oldest first; the other payments, and
# what a payment paid beyond what it was for, pay the customer's oldest sales first
# (at, then id): first-in first-out. The one home of that rule; owed_sales keeps its
# rows per customer so that receivables and remind read only what they show. Every
# window is partitioned by customer, so that SQLite reads one customer's rows when
# told the customer.
OWED_BY_FIFO_VIEW = """CREATE VIEW owed_by_fifo AS
    SELECT customer_id, entry_id, at, due_fen, min(left_fen, above) AS owed_fen FROM (
        SELECT t.*, sum(t.left_fen) OVER (PARTITION BY t.customer_id ORDER BY t.at, t.entry_id ROWS UNBOUNDED PRECEDING)
               - (coalesce((SELECT sum(p.amount_fen) FROM payments p WHERE p.customer_id = t.customer_id), 0)
                  - sum(t.due_fen - t.left_fen) OVER (PARTITION BY t.customer_id)) AS above  -- the rest of the payments
        FROM (SELECT u.customer_id, u.entry_id, u.at, u.due_fen,  -- left_fen: what the payments said for it leave
                     max(0, u.after_sale - max(0, u.deal_paid - (sum(u.after_sale) OVER (PARTITION BY u.customer_id,
                         u.deal_id ORDER BY u.at, u.entry_id ROWS UNBOUNDED PRECEDING) - u.after_sale))) AS left_fen
              FROM (SELECT d.*, max(0, d.due_fen - d.sale_paid) AS after_sale FROM (
                    SELECT e.customer_id, e.id AS entry_id, e.at, e.deal_id,  -- due never below 0 (visit edit, cancel)
                           e.amount_fen - coalesce((SELECT sum(m.amount_fen) FROM cancellations m
                                                    WHERE m.entry_id = e.id), 0) AS due_fen,
                           coalesce((SELECT sum(p.amount_fen) FROM payments p
                                     WHERE p.customer_id = e.customer_id AND p.entry_id = e.id), 0) AS sale_paid,
                           coalesce((SELECT sum(p.amount_fen) FROM payments p WHERE p.customer_id = e.customer_id
                                     AND p.entry_id IS NULL AND p.deal_id = e.deal_id), 0) AS deal_paid
                    FROM entries e WHERE e.amount_fen > 0) d) u) t)
    WHERE above > 0 AND left_fen > 0"""


@migration
def m021_customer_facts(db: Database) -> None:
    # Each unpaid sale with what is owed of it (owed_by_fifo), kept by triggers on
    # what decides it (sales, their cancellations, payments), so that receivables
    # reads its page and remind its late sales instead of paying every customer's
    # sales first-in first-out at every run; and each customer's first and last sale
    # (customer_sales), kept by the same triggers on entries. Derived rows: no undo
    # triggers (undo reverts the sources and these triggers follow). A trigger
    # rewrites one customer's rows (a seek in entries_sales_by_customer): the view
    # is told the customer (SQLite pushes it into the window's partition).
    # Ten triggers (store/derived.py; made on the connection since m024), a view, two tables.
    for statement in (
        OWED_BY_FIFO_VIEW,
        """CREATE TABLE owed_sales (
            entry_id INTEGER PRIMARY KEY,      -- the sale (entries.id)
            customer_id INTEGER NOT NULL,
            at TEXT NOT NULL,                  -- the sale's entries.at
            due_fen INTEGER NOT NULL,          -- its amount less its cancellations
            owed_fen INTEGER NOT NULL          -- what of that is not paid yet (> 0)
        )""",
        "CREATE INDEX owed_sales_by_customer ON owed_sales (customer_id, at)",
        "INSERT INTO owed_sales (entry_id, customer_id, at, due_fen, owed_fen)"
        " SELECT entry_id, customer_id, at, due_fen, owed_fen FROM owed_by_fifo",
        # Each customer's first and last sale, what their stage is judged by (store/life.py):
        # customer list --stage reads them here instead of two seeks a customer.
        """CREATE TABLE customer_sales (
            customer_id INTEGER PRIMARY KEY,
            first_sale TEXT NOT NULL,          -- entries.at of their first sale not cancelled in full
            last_sale TEXT NOT NULL
        )""",
        f"INSERT INTO customer_sales SELECT customer_id, min(at), max(at) FROM entries WHERE amount_fen > 0"
        f" AND {derived.KEPT_SALE} GROUP BY customer_id",
    ):
        db.execute(statement)
    for trigger in derived.CUSTOMER_FACTS:  # made on the connection since m024
        db.execute(derived.trigger_sql(trigger, temp=False))


@migration
def m022_undo_on_demand(db: Database) -> None:
    # The undo triggers are made on the connection when a command first writes a
    # table (salelog/store/undo.py); kept in the schema they were parsed by every run.
    triggers = db.execute("SELECT name FROM sqlite_master WHERE type = 'trigger' AND substr(name, 1, 5) = 'undo_'")
    for (name,) in triggers.fetchall():
        db.execute(f"DROP TRIGGER {name}")


@migration
def m023_customers_in_name_order(db: Database) -> None:
    # customer list pages its customers in pinyin order (store.rows.in_name_order):
    # the first page is read from this index, not sorted from all of them.
    db.execute("CREATE INDEX customers_in_name_order ON customers (sound, name)")


@migration
def m024_derived_on_demand(db: Database) -> None:
    # day_totals' and the customer facts' triggers are made on the connection when a
    # command first writes entries, payments or cancellations (store/derived.py); kept
    # in the schema they were parsed by every run, reads included.
    # IF EXISTS: a logbook migrated before m021 had its tenth trigger (entry_deal) lacks it.
    for trigger in derived.DAY_TOTALS + derived.CUSTOMER_FACTS:
        db.execute(f"DROP TRIGGER IF EXISTS {trigger[0]}")


if tuple(_registered) != MIGRATIONS:  # a name listed there without its function here
    raise RuntimeError(f"store.db.MIGRATIONS lists {MIGRATIONS[len(_registered) :]} that are not defined here")


def apply_migrations(conn: sqlite3.Connection, target_version: int) -> None:
    """Apply every pending migration inside the caller's transaction, so that a
    crash leaves the file fully old or fully new."""
    db = Database(conn, execute_plugins=False, recursive_triggers=False)
    migrations.apply(db)
    version = conn.execute("PRAGMA user_version").fetchone()[0]
    if version != target_version:
        raise RuntimeError(f"migrations left schema version {version}, expected {target_version}")
