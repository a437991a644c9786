"""salelog backup and salelog doctor: a sound copy even while another program
writes, and a check of the file's health and privacy that can fix the latter."""

import json
import sqlite3
import stat
from contextlib import closing

import pytest
from conftest import ok, run, stored


def mode(path) -> int:
    return stat.S_IMODE(path.stat().st_mode)


@pytest.fixture
def logbook(db):
    ok("goal", "set", "revenue", "50万")
    ok("visit", "add", "张总", "-a", "1万", "--next", "回访", "--next-date", "fri")
    ok("visit", "add", "李经理", "-k", "call")


def test_backup_while_another_connection_holds_a_write_transaction(tmp_path, db, logbook):
    copy = tmp_path / "copy.db"
    with closing(sqlite3.connect(db, isolation_level=None)) as writer:
        writer.execute("BEGIN IMMEDIATE")  # the write lock, as another salelog mid-command holds it
        writer.execute("UPDATE customers SET note = 'not committed yet'")
        result = ok("backup", str(copy), env={"SALELOG_BUSY_TIMEOUT": "1"})
        writer.execute("ROLLBACK")
    assert "integrity ok" in result.out
    assert stored(copy, "PRAGMA integrity_check") == [("ok",)]
    assert stored(copy, "SELECT count(*) FROM entries") == [(2,)]
    assert stored(copy, "SELECT note FROM customers") == [(None,), (None,)]  # the last committed state
    assert mode(copy) == 0o600
    ok("--db", str(copy), "visit", "list")  # the copy is a salelog database as it stands


def test_backup_is_named_for_the_day_in_the_current_folder_and_never_overwrites(tmp_path, monkeypatch, logbook):
    monkeypatch.chdir(tmp_path)
    ok("backup")
    made = tmp_path / "salelog-2026-11-25.db"  # SALELOG_NOW's date
    assert mode(made) == 0o600
    before = made.read_bytes()
    ok("visit", "add", "王总")
    result = run("backup", str(made))  # a PATH given is never replaced
    assert result.code == 1 and "already exists" in result.err
    assert made.read_bytes() == before
    folder = tmp_path / "backups"
    folder.mkdir()
    ok("backup", str(folder))
    assert stored(folder / "salelog-2026-11-25.db", "SELECT count(*) FROM entries") == [(3,)]


@pytest.mark.new_file
def test_backup_of_a_missing_database_writes_nothing(tmp_path):
    result = run("backup", str(tmp_path / "copy.db"))
    assert result.code == 1 and "no salelog database" in result.err
    assert not (tmp_path / "copy.db").exists()


def test_doctor_reports_path_size_schema_integrity_and_rows(db, logbook):
    from salelog.store import SCHEMA_VERSION

    db.chmod(0o600)
    db.parent.chmod(0o700)
    report = ok("doctor").out
    assert f"database:   {db}" in report
    assert f"schema:     {SCHEMA_VERSION} (this salelog knows {SCHEMA_VERSION}; current)" in report
    assert "integrity:  ok" in report and "KB" in report
    assert "rows:       2 customers, 2 entries, 1 follow-up, 0 tasks, 1 goal" in report
    assert "warning" not in report


def test_doctor_warns_about_loose_permissions_and_fix_repairs_them(db, logbook):
    db.chmod(0o644)
    db.parent.chmod(0o755)
    report = ok("doctor").out
    assert "file:       0644  warning: others can read it" in report
    assert "folder:     0755  warning: others can read it" in report
    fixed = ok("doctor", "--fix").out
    assert "0644 -> 0600 (fixed)" in fixed and "0755 -> 0700 (fixed)" in fixed
    assert (mode(db), mode(db.parent)) == (0o600, 0o700)
    assert "warning" not in ok("doctor").out


def test_doctor_finds_sums_another_program_left_behind_and_fix_rebuilds_them(db, logbook):
    assert "derived:    ok" in ok("doctor").out
    before = stored(db, "SELECT * FROM day_totals ORDER BY day")
    with closing(sqlite3.connect(db)) as other, other:  # another program: salelog's triggers are not on its connection
        other.execute(
            "INSERT INTO entries (customer_id, at, kind, amount_fen, created_at) SELECT id,"
            " '2026-11-24 10:00:00', 'visit', 500000, '2026-11-24 10:00:00' FROM customers WHERE name = '李经理'"
        )
        other.execute("UPDATE entries SET amount_fen = 30000 WHERE amount_fen = 1000000")  # 张总's 1万 -> 300
    assert stored(db, "SELECT * FROM day_totals ORDER BY day") == before  # left behind
    result = run("doctor")
    assert result.code == 1 and "Traceback" not in result.err
    assert (
        "derived:    day_totals (2 rows), owed_sales (2 rows), customer_sales (1 row) differ from the log" in result.out
    )
    assert result.err.startswith("error: sums kept beside the log differ from it")
    assert "salelog doctor --fix rebuilds them" in result.err
    assert stored(db, "SELECT * FROM day_totals ORDER BY day") == before  # doctor alone writes nothing
    fixed = ok("doctor", "--fix").out
    assert "day_totals (2 rows), owed_sales (2 rows), customer_sales (1 row) rebuilt from the log (fixed)" in fixed
    assert "derived:    ok" in ok("doctor").out
    revenue = {m["metric"]: m["actual"] for m in json.loads(ok("week", "--json").out)["metrics"]}["revenue"]
    assert revenue == 300 + 5000  # what the entries say now
    assert {r["customer"]: r["outstanding"] for r in json.loads(ok("receivables", "--json").out)} == {
        "张总": 300,
        "李经理": 5000,
    }


def test_doctor_on_a_damaged_file_says_so_and_exits_1(tmp_path):
    damaged = tmp_path / "damaged.db"
    damaged.write_bytes(b"SQLite format 3\x00" + b"\xff" * 200)
    result = run("--db", str(damaged), "doctor")
    assert result.code == 1 and "Traceback" not in result.err
    assert f"database:   {damaged}" in result.out
    assert "error: " in result.err


@pytest.mark.new_file
def test_doctor_without_a_database_says_where_it_looked(db):
    result = run("doctor")
    assert result.code == 1 and f"no salelog database at {db}" in result.err
    assert not db.exists()  # a check never creates the file


def test_doctor_fix_leaves_a_shared_folder_such_as_tmp_alone(tmp_path):
    """A logbook kept in a sticky, world-writable folder (/tmp): the file is made private, the
    folder is not (0700 would lock everyone else out of it); doctor says to move the logbook."""
    shared = tmp_path / "shared"
    shared.mkdir()
    shared.chmod(0o1777)
    book = shared / "x.db"
    ok("--db", str(book), "visit", "add", "张总")
    book.chmod(0o644)
    fixed = ok("--db", str(book), "doctor", "--fix").out
    assert "0644 -> 0600 (fixed)" in fixed
    assert "1777  a shared folder, not changed: keep the database in a folder of its own" in fixed
    assert (mode(book), stat.S_IMODE(shared.stat().st_mode)) == (0o600, 0o1777)
    assert "a shared folder" in ok("--db", str(book), "doctor").out  # and no "--fix makes it 0700" promise
    assert "makes it 0700" not in ok("--db", str(book), "doctor").out


def test_backup_of_a_damaged_logbook_names_the_logbook_and_leaves_no_copy(tmp_path, db, logbook):
    ok("visit", "add", "王总", "--new", "--outcome", "报价" * 2000)  # pages enough to damage one in the middle
    with open(db, "r+b") as f:
        f.seek(4096 * 3)
        f.write(b"\xff" * 4096)
    copy = tmp_path / "copy.db"
    result = run("backup", str(copy))
    assert result.code == 1 and "Traceback" not in result.err
    assert result.err.startswith(f"error: {db} is not a salelog database (not SQLite, or damaged)"), result.err
    assert not copy.exists()
