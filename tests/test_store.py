"""The database file: where it lives, who may read it, and files we must not touch."""

import os
import sqlite3
import stat
import subprocess
import sys
from contextlib import closing

import pytest
from conftest import WEDNESDAY_EVENING, logbook_before, ok, run, stored


def refused(*args: str, **kwargs):
    result = run(*args, **kwargs)
    assert result.code == 1, (result.code, result.out, result.err)
    assert result.err.startswith("error: ") and "Traceback" not in result.err
    return result


def test_new_database_and_its_folder_are_owner_only(tmp_path):
    path = tmp_path / "private" / "sales" / "salelog.db"
    ok("--db", str(path), "visit", "add", "张总")
    assert stat.S_IMODE(path.stat().st_mode) == 0o600
    assert stat.S_IMODE(path.parent.stat().st_mode) == 0o700
    for sidecar in path.parent.iterdir():
        assert stat.S_IMODE(sidecar.stat().st_mode) & 0o077 == 0, sidecar


def test_db_option_beats_environment_which_beats_default(tmp_path, db):
    other = tmp_path / "other.db"
    ok("--db", str(other), "visit", "add", "张总")
    ok("visit", "add", "李经理")  # SALELOG_DB
    assert stored(other, "SELECT name FROM customers") == [("张总",)]
    assert stored(db, "SELECT name FROM customers") == [("李经理",)]


def test_default_database_lives_in_the_user_data_folder(tmp_path):
    env = {"SALELOG_DB": ""}
    ok("visit", "add", "张总", env=env)
    default = tmp_path / "home" / "data" / "salelog" / "salelog.db"
    assert stored(default, "SELECT name FROM customers") == [("张总",)]


def test_no_trigger_is_kept_in_the_schema_undos_and_the_derived_rows_are_made_by_the_writer(db):
    """Every command parses the schema's triggers on its first query: undo's and the
    derived rows' (store/derived.py) are made (TEMP) by the command that writes, only
    for the tables it writes."""
    ok("visit", "add", "张总", "--tag", "vip", "--next-date", "today", "--amount", "5000")
    ok("visit", "add", "张总", "--kind", "visit")  # closes that follow-up: an UPDATE
    assert stored(db, "SELECT name FROM sqlite_master WHERE type = 'trigger'") == []
    totals = stored(db, "SELECT day, entries, deals, revenue_fen FROM day_totals")
    assert totals == [(WEDNESDAY_EVENING[:10], 2, 1, 500_000)]
    assert stored(db, "SELECT entry_id, owed_fen FROM owed_sales") == [(1, 500_000)]
    changes = stored(db, "SELECT table_name, old_row IS NULL FROM undo_changes ORDER BY id")
    assert ("entries", 1) in changes and ("entry_tags", 1) in changes and ("followups", 0) in changes
    ok("undo")
    assert stored(db, "SELECT count(*), max(done_at) FROM followups") == [(1, None)]
    assert stored(db, "SELECT count(*) FROM entries") == [(1,)]


def test_schema_is_versioned_and_uses_wal(db):
    ok("visit", "add", "张总")
    assert stored(db, "PRAGMA journal_mode") == [("wal",)]
    names = stored(db, "SELECT name FROM _sqlite_migrations")
    assert stored(db, "PRAGMA user_version") == [(len(names),)] == [(24,)]
    assert names == [
        ("m001_logbook",),
        ("m002_customer_archive",),
        ("m003_undo_log",),
        ("m004_tasks",),
        ("m005_reviews",),
        ("m006_competitors",),
        ("m007_entry_source_id",),
        ("m008_task_first_due",),
        ("m009_settings",),
        ("m010_deals",),
        ("m011_day_activities",),
        ("m012_review_periods",),
        ("m013_rewards",),
        ("m014_customer_sound",),
        ("m015_payments",),
        ("m016_customer_life",),
        ("m017_day_totals",),
        ("m018_archive_indexes",),
        ("m019_sale_kind",),
        ("m020_review_sums",),
        ("m021_customer_facts",),
        ("m022_undo_on_demand",),
        ("m023_customers_in_name_order",),
        ("m024_derived_on_demand",),
    ]


def test_database_from_a_newer_salelog_is_refused_untouched(db):
    ok("visit", "add", "张总")
    with closing(sqlite3.connect(db)) as conn:
        conn.execute("PRAGMA user_version = 99")
    before = db.read_bytes()
    result = refused("visit", "add", "李经理")
    assert "newer salelog" in result.err and "upgrade" in result.err
    refused("week")
    assert db.read_bytes() == before


def test_file_that_is_not_sqlite_is_refused_untouched(db):
    db.write_bytes(b"these are my notes, not a database\n" * 200)
    before = db.read_bytes()
    result = refused("visit", "add", "张总")
    assert "not a salelog database" in result.err
    assert db.read_bytes() == before


def test_sqlite_file_of_another_program_is_refused(db):
    with closing(sqlite3.connect(db)) as conn:
        conn.execute("CREATE TABLE recipes (name TEXT)")
    result = refused("week")
    assert "another program" in result.err
    assert stored(db, "SELECT name FROM sqlite_master WHERE type = 'table'") == [("recipes",)]


def test_directory_as_database_path_is_refused(tmp_path):
    result = refused("--db", str(tmp_path), "visit", "add", "张总")
    assert "is a directory" in result.err


@pytest.mark.skipif(os.geteuid() == 0, reason="root may write anywhere")
def test_unwritable_folder_is_refused(tmp_path):
    folder = tmp_path / "locked"
    folder.mkdir(mode=0o500)
    result = refused("--db", str(folder / "salelog.db"), "visit", "add", "张总")
    assert "cannot create database" in result.err


def test_locked_database_gives_a_clear_error_after_the_timeout(db):
    ok("visit", "add", "张总")
    holder = sqlite3.connect(db, isolation_level=None)
    holder.execute("BEGIN IMMEDIATE")
    try:
        result = refused("visit", "add", "李经理", env={"SALELOG_BUSY_TIMEOUT": "0.3"})
        assert "locked" in result.err and "nothing was written" in result.err
    finally:
        holder.execute("ROLLBACK")
        holder.close()
    assert stored(db, "SELECT count(*) FROM entries") == [(1,)]


def test_amounts_are_stored_as_exact_fen(db):
    ok("visit", "add", "张总", "-a", "¥3,500.50")
    ok("visit", "add", "张总", "-a", "0.1")
    ok("visit", "add", "张总", "-a", "0.2")
    assert stored(db, "SELECT amount_fen, typeof(amount_fen) FROM entries") == [
        (350050, "integer"),
        (10, "integer"),
        (20, "integer"),
    ]
    assert stored(db, "SELECT sum(amount_fen) FROM entries") == [(350080,)]


def test_default_folders_are_the_ones_platformdirs_gives(monkeypatch, tmp_path):
    import platformdirs

    from salelog import paths

    for xdg in ("", str(tmp_path / "xdg")):
        monkeypatch.setenv("XDG_DATA_HOME", xdg)
        monkeypatch.setenv("XDG_CONFIG_HOME", xdg)
        assert paths.user_data_dir() == platformdirs.user_data_dir("salelog", appauthor=False)
        assert paths.user_config_dir() == platformdirs.user_config_dir("salelog", appauthor=False)


def test_a_database_others_can_read_gets_a_one_line_warning(db):
    ok("visit", "add", "张总")
    db.chmod(0o644)
    result = ok("week")
    assert result.err.strip() == f"warning: database {db} is readable by others (mode 0644); fix: salelog doctor --fix"


def test_a_run_interrupted_before_its_commit_says_nothing_was_written_after_one_that_committed(db, monkeypatch):
    """What a run committed is its own (cli.main tells Ctrl-C apart by it): a run
    in the same process after one that committed starts with nothing committed."""

    from salelog.actions import visit as visit_actions

    ok("visit", "add", "张总")

    def interrupted(*args, **kwargs):
        raise KeyboardInterrupt

    monkeypatch.setattr(visit_actions, "check_name", interrupted)  # Ctrl-C before anything is written
    result = run("visit", "add", "李经理", "--new")
    assert result.code == 130 and "interrupted; nothing was written" in result.err
    assert stored(db, "SELECT count(*) FROM entries") == [(1,)]


def test_the_schema_version_is_the_number_of_migrations_each_setting_its_own_position(tmp_path):
    """One source of truth: store.db.MIGRATIONS names the migrations in order,
    SCHEMA_VERSION is how many there are, and after each one the file's
    user_version is its position (set by the runner, not by the migration)."""
    from sqlite_utils import Database

    from salelog.migrations import migrations
    from salelog.store import SCHEMA_VERSION
    from salelog.store.db import MIGRATIONS

    defined = [m.name for m in migrations.pending(Database(memory=True))]
    assert tuple(defined) == MIGRATIONS
    assert len(defined) == SCHEMA_VERSION
    for position, stop_before in enumerate([*defined, None]):  # None: all of them
        with closing(sqlite3.connect(":memory:")) as conn:  # a file would sync every statement
            migrations.apply(Database(conn, execute_plugins=False), stop_before=stop_before)
            assert conn.execute("PRAGMA user_version").fetchone()[0] == position, stop_before


def test_a_migration_missing_from_the_list_is_refused_so_the_version_cannot_lag(tmp_path):
    from sqlite_utils import Database

    from salelog import migrations

    def m099_unlisted(db):
        db.execute("CREATE TABLE surprise (x)")

    with pytest.raises(RuntimeError, match="MIGRATIONS"):
        migrations.migration(m099_unlisted)
    assert "m099_unlisted" not in [m.name for m in migrations.migrations.pending(Database(memory=True))]


def schema_sql(path) -> set[tuple]:
    with closing(sqlite3.connect(path)) as conn:
        return set(conn.execute("SELECT type, name, sql FROM sqlite_master WHERE name != '_sqlite_migrations'"))


@pytest.mark.parametrize("version", range(1, 5))
def test_a_logbook_at_every_earlier_version_migrates_to_the_same_schema_as_a_new_one(tmp_path, version):
    from salelog.store import SCHEMA_VERSION
    from salelog.store.db import MIGRATIONS

    new = tmp_path / "new.db"
    ok("--db", str(new), "goal", "set", "visits", "10")
    old = tmp_path / f"v{version}.db"
    with logbook_before(old, MIGRATIONS[version]) as conn:
        assert conn.execute("PRAGMA user_version").fetchone()[0] == version
    ok("--db", str(old), "goal", "set", "visits", "10")
    assert stored(old, "PRAGMA user_version") == [(SCHEMA_VERSION,)]
    assert stored(old, "SELECT name FROM _sqlite_migrations") == [(name,) for name in MIGRATIONS]
    assert schema_sql(old) == schema_sql(new)


def test_opening_a_current_database_imports_neither_migrations_nor_sqlite_utils(db):
    ok("visit", "add", "张总")
    done = subprocess.run(
        [sys.executable, "-X", "importtime", "-m", "salelog", "visit", "add", "张总"], capture_output=True, text=True
    )
    assert done.returncode == 0, done.stderr
    imports = done.stderr
    assert "salelog.migrations" not in imports and "sqlite_utils" not in imports


def followups_as_logged(db) -> list[tuple]:
    return stored(
        db,
        "SELECT c.name, f.what, f.due_date, f.status, f.done_at, e.at, d.at FROM followups f"
        " JOIN customers c ON c.id = f.customer_id JOIN entries e ON e.id = f.entry_id"
        " LEFT JOIN entries d ON d.id = f.done_by_entry_id ORDER BY f.id",
    )


def test_visit_add_and_import_both_close_the_due_follow_up_and_open_the_next_step(tmp_path):
    """The contact rule has one home (store.entries.record_contact): a contact
    logged by hand or imported from a file leaves the very same follow-ups."""
    contacts = [("2026-11-20 10:00", "报价", "2026-11-24"), ("2026-11-25 09:00", "签约", "2026-12-01")]
    by_hand, imported = tmp_path / "by-hand.db", tmp_path / "imported.db"
    for at, step, due in contacts:
        ok("--db", str(by_hand), "visit", "add", "张总", "--at", at, "--next", step, "--next-date", due)
    visits = tmp_path / "visits.csv"
    rows = "".join(f"张总,{at},{step},{due}\n" for at, step, due in reversed(contacts))  # import logs oldest first
    visits.write_text("customer,at,next,next_date\n" + rows, encoding="utf-8")
    ok("--db", str(imported), "import", "entries", str(visits))
    expected = [
        ("张总", "报价", "2026-11-24", "done", "2026-11-25 09:00:00", "2026-11-20 10:00:00", "2026-11-25 09:00:00"),
        ("张总", "签约", "2026-12-01", "open", None, "2026-11-25 09:00:00", None),
    ]
    assert followups_as_logged(by_hand) == expected
    assert followups_as_logged(imported) == expected


def test_the_derived_rows_follow_a_write_after_a_rolled_back_one_on_the_same_connection(db):
    """The rows derived from the log (store/derived.py) are kept by TEMP triggers made
    by the first write: a rollback takes them away with it, the next write makes them again."""
    from datetime import datetime

    from salelog import store
    from salelog.fields import SCALARS

    now = datetime.fromisoformat(WEDNESDAY_EVENING)

    def sale(conn, customer_id, yuan):
        entry = dict.fromkeys(f.column for f in SCALARS) | {"kind": "call", "at": stamp, "amount_fen": yuan * 100}
        store.record_contact(conn, customer_id, entry, lists={}, now=now)

    stamp = f"{WEDNESDAY_EVENING[:10]} 10:00:00"

    def write(conn, fails: bool):
        with store.writing(conn, "visit add"):
            sale(conn, customer_id, 1000)
            if fails:
                raise RuntimeError("the command failed after its write")

    with closing(store.open_db(str(db))) as conn, store.writing(conn, "add"):
        customer_id = store.create_customer(conn, "张总", now)
    for attempts in (["fails", "works"], ["works", "fails", "works"]):
        with closing(store.open_db(str(db))) as conn:
            for attempt in attempts:
                if attempt == "fails":
                    with pytest.raises(RuntimeError):
                        write(conn, fails=True)
                else:
                    write(conn, fails=False)
    assert stored(db, "SELECT count(*), sum(amount_fen) FROM entries") == [(3, 300_000)]
    assert stored(db, "SELECT entries, revenue_fen FROM day_totals") == [(3, 300_000)]
    assert stored(db, "SELECT count(*), sum(owed_fen) FROM owed_sales") == [(3, 300_000)]


def test_a_logbook_that_lacks_one_of_the_derived_triggers_still_migrates(tmp_path):
    """Logbooks migrated before m021 gained its entry_deal trigger lack it: m024 drops what is there."""
    from salelog.store.db import MIGRATIONS

    old = tmp_path / "old.db"
    with logbook_before(old, "m024_derived_on_demand") as conn:
        conn.execute("DROP TRIGGER customer_facts_entry_deal")
    ok("--db", str(old), "visit", "add", "张总", "--amount", "5000")
    assert stored(old, "SELECT name FROM _sqlite_migrations") == [(name,) for name in MIGRATIONS]
    assert stored(old, "SELECT revenue_fen FROM day_totals") == [(500_000,)]


def test_the_derived_rows_follow_a_write_after_one_sqlite_rolled_back_by_itself(db):
    """An error SQLite answers by rolling the transaction back (RAISE(ROLLBACK) here,
    an I/O error in life) takes the TEMP triggers with it: the next write makes them again."""
    from datetime import datetime

    from salelog import store
    from salelog.fields import SCALARS

    now = datetime.fromisoformat(WEDNESDAY_EVENING)
    entry = dict.fromkeys(f.column for f in SCALARS) | {"kind": "call", "at": f"{WEDNESDAY_EVENING[:10]} 10:00:00"}
    with closing(store.open_db(str(db))) as conn:
        with store.writing(conn, "add"):
            customer_id = store.create_customer(conn, "张总", now)
        with pytest.raises(Exception, match="rolled back"), store.writing(conn, "visit add"):
            store.record_contact(conn, customer_id, entry | {"amount_fen": 100_000}, lists={}, now=now)
            conn.execute(
                "CREATE TEMP TRIGGER boom AFTER INSERT ON main.settings"
                " BEGIN SELECT RAISE(ROLLBACK, 'rolled back'); END"
            )
            conn.execute("INSERT INTO settings (key, value) VALUES ('k', 'v')")
        with store.writing(conn, "visit add"):
            store.record_contact(conn, customer_id, entry | {"amount_fen": 500_000}, lists={}, now=now)
    assert stored(db, "SELECT revenue_fen FROM day_totals") == [(500_000,)]
    assert stored(db, "SELECT owed_fen FROM owed_sales") == [(500_000,)]


def test_a_contact_with_nothing_due_makes_no_trigger_for_follow_ups_it_does_not_close(db):
    # Logbook.executemany compiles nothing for no rows: the follow-ups a contact closes are
    # often none, and the undo trigger for their UPDATE would cost that visit add ~1.5%.
    from datetime import datetime

    from salelog import store
    from salelog.fields import SCALARS

    now = datetime.fromisoformat(WEDNESDAY_EVENING)
    entry = dict.fromkeys(f.column for f in SCALARS) | {"kind": "call", "at": f"{WEDNESDAY_EVENING[:10]} 10:00:00"}
    with closing(store.open_db(str(db))) as conn:
        with store.writing(conn, "visit add"):
            customer_id = store.create_customer(conn, "张总", now)
            store.record_contact(conn, customer_id, entry | {"next_date": WEDNESDAY_EVENING[:10]}, lists={}, now=now)
        made = {name for (name,) in conn.execute("SELECT name FROM sqlite_temp_master WHERE type = 'trigger'")}
        assert "undo_followups_insert" in made and "undo_followups_update" not in made
        with store.writing(conn, "visit add"):  # now one is due: closed, through its trigger
            store.record_contact(conn, customer_id, entry, lists={}, now=now)
        made = {name for (name,) in conn.execute("SELECT name FROM sqlite_temp_master WHERE type = 'trigger'")}
        assert "undo_followups_update" in made
    assert stored(db, "SELECT status FROM followups") == [("done",)]
    assert run("undo").code == 0 and stored(db, "SELECT status FROM followups") == [("open",)]
