"""Robustness: many writers at once, processes killed at any moment, random and
hostile text, and database files that are broken or out of reach.

The default run stays small. The same tests run bigger with:

    SALELOG_STRESS_KILLS=200 SALELOG_FUZZ_EXAMPLES=2000 pytest tests/test_robustness.py
    python bench/concurrency.py      # 8 writers x 200 adds + a reader: throughput, latency

"""

import gc
import importlib.util
import io
import json
import os
import random
import re
import shlex
import shutil
import signal
import sqlite3
import statistics
import subprocess
import sys
import tempfile
import time
from collections import Counter
from contextlib import closing, redirect_stderr, redirect_stdout
from datetime import date, datetime
from pathlib import Path

import pytest
from conftest import Result, ok, run, snapshot, stored
from hypothesis import HealthCheck, event, given, settings
from hypothesis import strategies as st

from salelog import store
from salelog.actions import visit as visit_actions
from salelog.cli import main
from salelog.metrics import BY_NAME, KINDS
from salelog.store import engine
from salelog.store.undo import Logbook

ROOT = Path(__file__).resolve().parents[1]
SALELOG = [sys.executable, "-m", "salelog"]
KILLS = int(os.environ.get("SALELOG_STRESS_KILLS", "10"))
MIGRATION_KILLS = max(6, KILLS // 2)
FUZZ_EXAMPLES = int(os.environ.get("SALELOG_FUZZ_EXAMPLES", "12"))


def _bench(name: str):
    """A script from bench/ as a module: the concurrency test runs bench/concurrency.py's own code."""
    spec = importlib.util.spec_from_file_location(f"bench_{name}", ROOT / "bench" / f"{name}.py")
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module
    spec.loader.exec_module(module)
    return module


concurrency = _bench("concurrency")


def refused(result: Result) -> Result:
    """Exit 1 with one `error: ...` line and at most a hint line under it; no traceback."""
    assert result.code == 1, (result.code, result.out, result.err)
    assert "Traceback" not in result.err
    lines = result.err.rstrip("\n").split("\n")
    assert lines[0].startswith("error: "), result.err
    assert len(lines) <= 2 and all(line.startswith("  ") for line in lines[1:]), result.err
    return result


def call(argv: list[str]) -> Result:
    """salelog in this process, for text a command line cannot carry (NUL, lone surrogates)."""
    out, err = io.StringIO(), io.StringIO()
    code = 0
    with redirect_stdout(out), redirect_stderr(err):
        try:
            main(list(argv))
        except SystemExit as stop:
            code = stop.code if isinstance(stop.code, int) else (0 if stop.code is None else 1)
    return Result(code, out.getvalue(), err.getvalue())


def integrity(db: Path) -> list[tuple]:
    with closing(sqlite3.connect(db)) as conn:
        return conn.execute("PRAGMA integrity_check").fetchall() + conn.execute("PRAGMA foreign_key_check").fetchall()


def schema(db: Path) -> tuple[int, set[tuple[str, str]]]:
    """(user_version, every table, index, view and trigger by type and name)."""
    with closing(sqlite3.connect(db)) as conn:
        version = conn.execute("PRAGMA user_version").fetchone()[0]
        return version, set(conn.execute("SELECT type, name FROM sqlite_master"))


def checkpointed(db: Path) -> Path:
    """Fold the WAL into the file, so that copying or cutting the file takes everything."""
    with closing(sqlite3.connect(db)) as conn:
        conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    return db


def start(*args: str) -> subprocess.Popen:
    return subprocess.Popen(
        [*SALELOG, *args], stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, encoding="utf-8"
    )


def kill_after(process: subprocess.Popen, seconds: float) -> Result:
    """SIGKILL `process` after `seconds` (if it is still running) -> how it ended."""
    time.sleep(seconds)
    process.send_signal(signal.SIGKILL)  # Popen ignores this once the process has been reaped
    out, err = process.communicate(timeout=60)
    return Result(process.returncode, out, err)


def median_seconds(*args: str, runs: int = 3, fresh: Path | None = None) -> float:
    """How long `salelog ARGS` takes here (on a new empty file `fresh` each time, if given)."""
    times = []
    for i in range(runs):
        extra = []
        if fresh:
            path = fresh.with_name(f"{fresh.stem}-timing-{i}.db")
            path.write_bytes(b"")
            extra = ["--db", str(path)]
        began = time.perf_counter()
        ok(*extra, *args)
        times.append(time.perf_counter() - began)
    return statistics.median(times)


# --- 1. many writers at once --------------------------------------------------


def test_four_writers_and_a_reader_at_once_lose_nothing_and_never_see_locked(db):
    ok("goal", "set", "visits", "10")  # the file exists: the writers race each other, not the migration
    # 4 x 12 in the suite (each a process of its own); bench/concurrency.py runs the long version
    done = concurrency.hammer(db, writers=4, per_writer=12)
    assert concurrency.problems(db, done.writes, done.reads) == []
    assert len(done.writes) == 48 and all(c.code == 0 for c in done.writes)
    assert done.reads, "the reader never ran"
    assert stored(db, "SELECT count(*) FROM entries") == [(48,)]
    print(f"\n4 x 12 adds + {len(done.reads)} reads in {done.seconds:.1f}s, 48 stored, 0 lost")


def test_writers_that_all_start_on_a_missing_file_create_and_migrate_it_once(tmp_path):
    db = tmp_path / "new" / "salelog.db"
    done = concurrency.hammer(db, writers=4, per_writer=2, reader=False)
    assert concurrency.problems(db, done.writes) == []
    assert stored(db, "SELECT count(*) FROM entries") == [(8,)]
    assert stored(db, "SELECT name, count(*) FROM _sqlite_migrations GROUP BY name HAVING count(*) > 1") == []
    assert schema(db)[0] == store.SCHEMA_VERSION


class _Rows:
    def __init__(self, rows):
        self.rows = rows

    def fetchone(self):
        return self.rows[0] if self.rows else None

    def fetchall(self):
        return self.rows


def test_a_new_file_that_another_process_migrates_meanwhile_is_used_not_refused(db, monkeypatch):
    """Two terminals' first commands at once: the second one reads version 0, then
    the first one's migration commits before the second one looks at the tables.
    (Rare with real processes; made certain here by running the other command at
    exactly that moment.)"""
    db.write_bytes(b"")
    real_connect = engine.sqlite3.connect

    class OtherTerminalMigratesRightAfterTheVersionIsRead(Logbook):
        raced = False

        def execute(self, sql, *params):
            cursor = super().execute(sql, *params)
            if sql.strip() == "PRAGMA user_version" and not type(self).raced:
                type(self).raced = True
                rows = cursor.fetchall()
                ok("visit", "add", "李经理")
                return _Rows(rows)
            return cursor

    monkeypatch.setattr(
        engine.sqlite3,
        "connect",
        lambda *args, factory=None, **kwargs: real_connect(
            *args, factory=OtherTerminalMigratesRightAfterTheVersionIsRead, **kwargs
        ),
    )
    result = call(["visit", "add", "张总"])
    assert result.code == 0, result.err
    assert stored(db, "SELECT count(*) FROM entries") == [(2,)]


# --- 2. killed at any moment --------------------------------------------------


def test_visit_add_killed_at_random_moments_leaves_every_entry_whole_or_absent(db):
    ok("visit", "add", "开场", "--tag", "seed")  # migrated already: the kills hit the add, not the migration
    typical = median_seconds("visit", "add", "开场")
    rng = random.Random()
    commands, kills = [], 0
    while kills < KILLS and len(commands) < 4 * KILLS:
        i = len(commands)
        args = concurrency.add_args("kill", i)
        # Half the kills anywhere in the process's life, half around its end, where the transaction is.
        delay = rng.uniform(0, typical) if i % 2 else rng.uniform(0.6 * typical, 1.1 * typical)
        began = time.perf_counter()
        ended = kill_after(start(*args), delay)
        commands.append(concurrency.Command(args, ended.code, ended.out, ended.err, time.perf_counter() - began))
        kills += ended.code == -signal.SIGKILL
        assert ended.code in (0, -signal.SIGKILL), ended
    assert kills == KILLS, f"only {kills} of {len(commands)} processes were still running when killed"
    assert concurrency.problems(db, commands, killed_ok=True) == []
    assert integrity(db) == [("ok",)]
    confirmed = sum("logged #" in c.out for c in commands)
    ok("visit", "add", "开场")  # the logbook takes writes and reads afterwards
    ok("week")
    written = stored(db, "SELECT count(*) FROM entries WHERE outcome LIKE 'kill#%'")[0][0]
    print(f"\n{kills} kills in {len(commands)} adds; {written} entries written, {confirmed} confirmed, 0 lost")


def test_first_command_killed_during_the_migration_leaves_the_file_fully_new_or_untouched(tmp_path):
    reference = tmp_path / "reference.db"
    reference.write_bytes(b"")
    ok("--db", str(reference), "visit", "add", "张总")
    migrated = schema(reference)
    assert migrated[0] == store.SCHEMA_VERSION
    typical = median_seconds("visit", "add", "张总", fresh=tmp_path / "first.db")
    rng = random.Random()
    states = Counter()
    for i in range(MIGRATION_KILLS):
        db = tmp_path / f"first-{i}.db"
        db.write_bytes(b"")  # a new, empty file: schema version 0
        ended = kill_after(start("--db", str(db), "visit", "add", "张总", "--tag", "first"), rng.uniform(0, typical))
        assert ended.code in (0, -signal.SIGKILL), ended
        now = schema(db)
        if now[0] == 0:
            assert now[1] == set(), f"kill {i}: version 0 but tables {now[1]}"
            states["untouched"] += 1
        else:
            assert now == migrated, f"kill {i}: half-migrated: version {now[0]}, missing {migrated[1] - now[1]}"
            states["migrated"] += 1
        assert integrity(db) == [("ok",)]
        entries = stored(db, "SELECT count(*) FROM entries")[0][0] if now[0] else 0
        assert entries == 1 if "logged #" in ended.out else entries <= 1
        ok("--db", str(db), "visit", "add", "张总", "--tag", "again")  # usable either way
        assert schema(db) == migrated
        assert stored(db, "SELECT name FROM _sqlite_migrations") == stored(
            reference, "SELECT name FROM _sqlite_migrations"
        )
        states["killed" if ended.code else "finished"] += 1
    print(f"\n{MIGRATION_KILLS} first commands: {dict(states)}")


def old_logbook(path: Path) -> None:
    """A logbook as salelog 0.1 left it (schema 1): a customer, entries, a next step."""
    from sqlite_utils import Database

    from salelog.migrations import migrations

    fd = os.open(path, os.O_CREAT | os.O_WRONLY, 0o600)
    os.close(fd)
    with closing(sqlite3.connect(path)) as conn:
        conn.execute("PRAGMA journal_mode = WAL")
        migrations.apply(Database(conn, execute_plugins=False), stop_before="m002_customer_archive")
        conn.execute("INSERT INTO customers (name, created_at) VALUES ('张总', '2026-11-01 09:00:00')")
        for day in range(2, 22):
            conn.execute(
                "INSERT INTO entries (customer_id, at, kind, amount_fen, next_step, next_date, created_at)"
                " VALUES (1, ?, 'call', ?, '回访', ?, ?)",
                (f"2026-11-{day:02d} 10:00:00", 100 * day, f"2026-11-{day + 1:02d}", f"2026-11-{day:02d} 10:00:00"),
            )
        conn.commit()


def test_killed_during_the_migration_of_an_old_logbook_it_stays_fully_old_or_becomes_fully_new(tmp_path):
    template = tmp_path / "old.db"
    old_logbook(template)
    old = schema(template)
    assert old[0] == 1
    reference = tmp_path / "reference.db"
    shutil.copy2(template, reference)
    ok("--db", str(reference), "week")
    migrated = schema(reference)
    typical = 0.15  # a command that migrates takes ~100-200 ms here
    rng = random.Random()
    states = Counter()
    for i in range(MIGRATION_KILLS):
        db = tmp_path / f"old-{i}.db"
        shutil.copy2(template, db)
        ended = kill_after(start("--db", str(db), "visit", "add", "张总", "--tag", "first"), rng.uniform(0, typical))
        now = schema(db)
        assert now in (old, migrated), f"kill {i}: half-migrated: version {now[0]}"
        states["old" if now == old else "new"] += 1
        assert integrity(db) == [("ok",)]
        assert stored(db, "SELECT count(*) FROM entries WHERE kind = 'call'") == [(20,)]  # nothing lost
        ok("--db", str(db), "week")  # usable either way
        assert stored(db, "SELECT count(*) FROM followups") == [(20,)]  # every next step became a follow-up
        states["killed" if ended.code else "finished"] += 1
    print(f"\n{MIGRATION_KILLS} kills migrating an old logbook: {dict(states)}")


def test_ctrl_c_after_the_entry_is_committed_does_not_say_nothing_was_written(db, monkeypatch):
    """Ctrl-C that lands after COMMIT (during COMMIT's fsync, or while the
    confirmation is printed) reports "nothing was written", and the user logs the
    contact again: a duplicate. Seen with real SIGINTs at random moments (12 of
    300); made certain here by interrupting the confirmation."""
    ok("visit", "add", "张总")

    def interrupted(*args, **kwargs):
        raise KeyboardInterrupt

    monkeypatch.setattr(visit_actions, "print", interrupted, raising=False)
    result = call(["visit", "add", "张总", "--outcome", "签了"])
    assert stored(db, "SELECT count(*) FROM entries WHERE outcome = '签了'") == [(1,)]  # it was written
    assert "nothing was written" not in result.err


# --- 3. any text at all -------------------------------------------------------

HOSTILE = [
    "[red]x[/red]", "[/]", "[link=http://x]y[/link]", "\x1b[2J", "\x1b]8;;http://x\x1b\\y\x1b]8;;\x1b\\",
    "\u202eevil", "\u200f", "😀", "👨‍👩‍👧", "e\u0301", "\x00", "\r", "\n", "\t", "\x7f", "\x9b", "\ud800", "\udcff",
    "'; DROP TABLE entries; --", "%s%n", "{0}", "\\", '"', "'", " ", "\u3000", "\u2028", "\ufeff", "-", "--",
    "-x", "=", "张总", "Ｚｈａｎｇ",
]  # fmt: skip


def texts(*, argv_safe: bool = False) -> st.SearchStrategy[str]:
    """Any text: control characters, RTL marks, emoji, markup, SQL, very long runs;
    lone surrogates and NUL too unless `argv_safe` (a command line cannot carry them)."""
    if argv_safe:
        chars = st.characters(exclude_categories=("Cs",), exclude_characters="\x00")
        pieces = [h for h in HOSTILE if "\x00" not in h and not any(0xD800 <= ord(c) < 0xE000 for c in h)]
    else:
        chars = st.characters(exclude_categories=())
        pieces = HOSTILE
    return st.one_of(
        st.text(chars, max_size=20),
        st.lists(st.sampled_from(pieces) | st.text(chars, max_size=3), max_size=6).map("".join),
        st.builds(
            lambda piece, times: piece * times,
            st.sampled_from(["x", "张", "😀", "\x1b[2J", "a\n"]),
            st.sampled_from([9_999, 10_000, 10_001, 20_000]),  # an argument may hold 128 KiB
        ),
    )


# Values each option accepts, so that most examples get as far as the database.
VALID = {
    "customer": ["张总", "张", "zhang wei", "Ｚｈａｎｇ Wei", "王老板", " 新客户 "],
    "kind": ["call", "电话", " Visit ", "微信", "MEETING"],
    "amount": ["3500", "1.2w", "50万", "¥3,500.50", "一万二"],
    "next-date": ["fri", "周五", "tomorrow", "11-27", "9999-12-31", "0001-01-01"],
    "at": ["yesterday", "昨天下午3点", "15:30", "2026-11-20 09:00", "9999-12-31 23:59", "Nov 20"],
    "minutes": ["30", "1h", "半小时", "90分钟"],
    "tag": ["vip", "demos", "演示", " spaced "],
    "metric": ["revenue", "销售额", " visits ", "Deals", "new-clients", "demos"],
    "custom metric": ["demos", "演示", "[red]x[/red]", "x');--", "😀"],
    "target": ["50万", "15", "1.2w", "十"],
    "week": ["last", "next", "2026-W48", "2026-11-20", "上周"],
    "month": ["2026-11", "2026年11月", "2027/1", "11月"],
    "quarter": ["2026Q4", "2026年第四季度", "2027-q1"],
    "year": ["2026", "2027年"],
}
# Near misses, refused with a reason.
EDGES = {
    "customer": ["", "   "],
    "kind": ["cal", ""],
    "amount": ["0", "-5", "1e3", "1.005", "2e12", ""],
    "next-date": ["2026-02-30", "someday", ""],
    "at": ["25:00", "13月1日", "0999-06-01", ""],
    "minutes": ["0", "-1", "1441", "1.5"],
    "tag": ["", "  "],
    "metric": ["revnue", "拜访", ""],
    "target": ["0", "-3", "2.5", "1e3", "10亿1"],
    "week": ["2026-W60", "someday", "9999-12-31"],
    "month": ["2026-13", "11", "0000-01", "9999-12"],
    "quarter": ["2026Q5", "Q4", "0000Q1", "9999Q4"],
    "year": ["26", "２０２６", "0000", "9999"],
}
PARSED = ("kind", "amount", "next-date", "at", "minutes")
PERIODS = ("week", "month", "quarter", "year")
FREE_TEXT = ("outcome", "needs", "feedback", "next")


@st.composite
def visit_add_arguments(draw, *, argv_safe: bool = False) -> dict:
    """Every option of visit add: the free-text ones any text at all; the others
    valid, except (half the time) one of them: a near miss or any text."""
    text = texts(argv_safe=argv_safe)
    add = {option: draw(st.none() | st.sampled_from(VALID[option])) for option in PARSED}
    add |= {option: draw(st.none() | text) for option in FREE_TEXT}
    add |= {
        "customer": draw(st.sampled_from(VALID["customer"])),
        "tags": draw(st.lists(st.sampled_from(VALID["tag"]), max_size=3)),
        "new": draw(st.booleans()),
    }
    wild = draw(st.none() | st.sampled_from(["customer", "tag", *PARSED]))
    if wild:
        value = draw(st.sampled_from(EDGES[wild]) | text)
        add |= {"tags": [*add["tags"], value]} if wild == "tag" else {wild: value}
    return add


@st.composite
def goal_set_arguments(draw, *, argv_safe: bool = False) -> dict:
    """goal set's arguments and period option (if any): valid, except (half the
    time) one of them, a near miss or any text, or two period options at once."""
    custom = draw(st.booleans())
    period = draw(st.none() | st.sampled_from(PERIODS))
    goal = {
        "metric": draw(st.sampled_from(VALID["custom metric" if custom else "metric"])),
        "target": draw(st.sampled_from(VALID["target"])),
        "periods": {period: draw(st.sampled_from(VALID[period]))} if period else {},
        "custom": custom,
    }
    wild = draw(st.none() | st.sampled_from(["metric", "target", *PERIODS, "two periods"]))
    if wild == "two periods":
        two = draw(st.lists(st.sampled_from(PERIODS), min_size=2, max_size=2, unique=True))
        goal["periods"] = {p: VALID[p][0] for p in two}
    elif wild:
        value = draw(st.sampled_from(EDGES[wild]) | texts(argv_safe=argv_safe))
        goal |= {"periods": {wild: value}} if wild in PERIODS else {wild: value}
    return goal


def visit_add_argv(db: Path, add: dict) -> list[str]:
    """`--option=value` so that values starting with a dash stay values; the customer after `--`."""
    argv = ["--db", str(db), "visit", "add"]
    for option in ("kind", "amount", "outcome", "needs", "feedback", "next", "next-date", "at", "minutes"):
        if add[option] is not None:
            argv.append(f"--{option}={add[option]}")
    argv += [f"--tag={tag}" for tag in add["tags"]] + ["--new"] * add["new"]
    return [*argv, "--", add["customer"]]


def goal_set_argv(db: Path, goal: dict) -> list[str]:
    argv = ["--db", str(db), "goal", "set"] + [f"--{kind}={value}" for kind, value in goal["periods"].items()]
    return argv + ["--custom"] * goal["custom"] + ["--", goal["metric"], goal["target"]]


def printable(text: str) -> bool:
    """Nothing that acts on a terminal: no control, format (bidi) or surrogate characters."""
    return all(c.isprintable() or c in "\n\t" for c in text)


def assert_refused_untouched(result: Result, before: dict, db: Path, typed: list[str]) -> None:
    assert "Traceback" not in result.err
    lines = result.err.rstrip("\n").split("\n")
    assert lines[0].startswith("error: "), result.err
    assert len(lines) <= 2, result.err  # one line and a hint, whatever line breaks the typed text held
    assert snapshot(db) == before, "a refused command changed the database"


def blob(db: Path, sql: str, params: tuple) -> bytes | None:
    return stored(db, sql, params)[0][0]


@pytest.fixture
def logbook(tmp_path) -> tuple[Path, dict]:
    """A small logbook (three customers, a custom metric, targets) built through
    the CLI, and its snapshot; each example works on a copy of it."""
    path = tmp_path / "logbook.db"
    for argv in (
        ["visit", "add", "张总", "--tag", "vip"],
        ["visit", "add", "李经理", "--new"],
        ["visit", "add", "Zhang Wei", "--new"],
        ["goal", "set", "visits", "10"],
        ["goal", "set", "demos", "3", "--custom"],
    ):
        result = call(["--db", str(path), *argv])
        assert result.code == 0, result.err
    return checkpointed(path), snapshot(path)


def copy_of(logbook: tuple[Path, dict], tmp_path: Path) -> Path:
    folder = Path(tempfile.mkdtemp(dir=tmp_path))
    shutil.copy2(logbook[0], folder / "salelog.db")  # keeps it 0600
    return folder / "salelog.db"


@pytest.fixture(params=["fast path", "Typer"])
def route(request, monkeypatch):
    """The hot commands run either through salelog/fastpath.py or, when it declines, through Typer."""
    if request.param == "Typer":
        monkeypatch.setenv("SALELOG_NO_FASTPATH", "1")
    return request.param


fuzz = settings(
    max_examples=FUZZ_EXAMPLES,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow, HealthCheck.data_too_large],
)


def check_visit_add(db: Path, before: dict, add: dict, result: Result) -> None:
    """Exit 0 with every text stored exactly as typed, or exit 1 with one error line and nothing written."""
    typed = [v for k, v in add.items() if isinstance(v, str)] + add["tags"]
    event(f"exit {result.code}")
    assert result.code in (0, 1), f"exit {result.code}: {result.err}"
    assert "Traceback" not in result.err and printable(result.out) and printable(result.err), result
    if result.code == 1:
        assert_refused_untouched(result, before, db, typed)
        return
    assert result.out.startswith("logged #"), result.out
    assert result.out.count("\n") == 1 + (add["next"] or "").count("\n")
    entry_id = int(re.match(r"logged #(\d+)", result.out)[1])
    assert stored(db, "SELECT count(*) FROM entries")[0][0] == len(before["entries"]) + 1
    for column, option in (("outcome", "outcome"), ("needs", "needs"), ("feedback", "feedback"), ("next_step", "next")):
        value = blob(db, f"SELECT CAST({column} AS BLOB) FROM entries WHERE id = ?", (entry_id,))
        typed = None if add[option] is None else add[option].replace("\r\n", "\n")  # the one normalisation
        assert value == (None if typed is None else typed.encode("utf-8")), column
    (customer_id, kind, amount, minutes, at, next_date) = stored(
        db, "SELECT customer_id, kind, amount_fen, minutes, at, next_date FROM entries WHERE id = ?", (entry_id,)
    )[0]
    known = {row[0] for row in before["customers"]}
    if customer_id not in known:
        name = blob(db, "SELECT CAST(name AS BLOB) FROM customers WHERE id = ?", (customer_id,))
        assert name == add["customer"].strip().encode("utf-8")
        assert len(stored(db, "SELECT id FROM customers")) == len(known) + 1
    tags = {t for (t,) in stored(db, "SELECT tag FROM entry_tags WHERE entry_id = ?", (entry_id,))}
    assert tags == {t.strip() for t in add["tags"]}
    assert kind in KINDS
    assert (amount is None) == (add["amount"] is None) and (amount is None or amount > 0)
    assert (minutes is None) == (add["minutes"] is None)
    datetime.strptime(at, "%Y-%m-%d %H:%M:%S")
    assert next_date is None or date.fromisoformat(next_date)


@fuzz
@given(add=visit_add_arguments())
def test_visit_add_stores_any_text_exactly_or_refuses_it_in_one_line(route, logbook, tmp_path, add):
    db = copy_of(logbook, tmp_path)
    try:
        check_visit_add(db, logbook[1], add, call(visit_add_argv(db, add)))
    finally:
        shutil.rmtree(db.parent)


@settings(fuzz, max_examples=max(10, FUZZ_EXAMPLES // 5))
@given(add=visit_add_arguments(argv_safe=True))
def test_visit_add_through_a_real_command_line_stores_any_text_exactly(logbook, tmp_path, add):
    """The same, through argv and a real process (its stdout encoding included)."""
    db = copy_of(logbook, tmp_path)
    try:
        check_visit_add(db, logbook[1], add, run(*visit_add_argv(db, add)))
    finally:
        shutil.rmtree(db.parent)


@fuzz
@given(goal=goal_set_arguments())
def test_goal_set_stores_any_metric_exactly_or_refuses_it_in_one_line(route, logbook, tmp_path, goal):
    db = copy_of(logbook, tmp_path)
    before = logbook[1]
    try:
        result = call(goal_set_argv(db, goal))
        event(f"exit {result.code}")
        assert result.code in (0, 1), f"exit {result.code}: {result.err}"
        assert "Traceback" not in result.err and printable(result.out) and printable(result.err), result
        if result.code == 1:
            typed = [goal["metric"], goal["target"], *goal["periods"].values()]
            assert_refused_untouched(result, before, db, typed)
            return
        assert result.out.count("\n") == 1 and " target for " in result.out
        key = goal["metric"].strip()
        customs = {row[0] for row in before["custom_metrics"]}
        expected = key if goal["custom"] or key in customs else (BY_NAME.get(key.lower()) or BY_NAME[key]).id
        goals = stored(db, "SELECT CAST(metric AS BLOB), target FROM goals ORDER BY id")
        if "(unchanged)" in result.out:
            assert len(goals) == len(before["goals"])
        else:
            assert len(goals) == len(before["goals"]) + 1
            assert goals[-1][0] == expected.encode("utf-8") and goals[-1][1] > 0
        if goal["custom"]:
            assert (expected,) in stored(db, "SELECT name FROM custom_metrics")
    finally:
        shutil.rmtree(db.parent)


@pytest.mark.parametrize(
    "option", ["CUSTOMER", "--outcome", "--needs", "--feedback", "--next", "--tag", "--kind", "--amount", "--at"]
)
def test_undecodable_bytes_on_the_command_line_are_refused_and_nothing_is_written(db, option):
    ok("visit", "add", "张总")
    before = snapshot(db)
    bad = b"caf\xe9 \xff\xfe"  # Latin-1 from an old terminal: arrives as lone surrogates
    args = (
        [b"visit", b"add", bad] if option == "CUSTOMER" else [b"visit", b"add", "张总".encode(), option.encode(), bad]
    )
    done = subprocess.run([*SALELOG, *args], capture_output=True, timeout=60)
    result = Result(done.returncode, done.stdout.decode("utf-8"), done.stderr.decode("utf-8"))
    refused(result)
    assert printable(result.err)
    assert snapshot(db) == before


@pytest.mark.parametrize("option", ["CUSTOMER", "--outcome", "--needs", "--feedback", "--next", "--tag"])
def test_lone_surrogates_are_refused_as_undecodable_in_every_text_field(db, option):
    ok("visit", "add", "张总")
    before = snapshot(db)
    args = ["visit", "add", "\udcff张总"] if option == "CUSTOMER" else ["visit", "add", "张总", option, "a\ud800b"]
    result = refused(call(args))
    assert "not valid text" in result.err
    assert snapshot(db) == before


def test_a_nul_byte_in_a_note_is_refused_and_one_stored_earlier_is_listed_escaped(db):
    ok("visit", "add", "张总", "--outcome", "报价已发")
    before = snapshot(db)
    assert "control characters" in refused(call(["visit", "add", "张总", "--outcome", "报价\x00已发"])).err
    assert snapshot(db) == before
    with closing(sqlite3.connect(db)) as conn, conn:  # as an older salelog, which let it in, stored it
        conn.execute("UPDATE entries SET outcome = ?", ("报价\x00已发",))
    listing = ok("visit", "list").out
    assert "报价\\x00已发" in listing and "\x00" not in listing


def test_a_nul_byte_in_a_customer_name_is_refused(db):
    refused(call(["visit", "add", "张\x00总"]))
    assert not db.exists()


@pytest.mark.parametrize(
    "args",
    [
        ("goal", "set", "visits", "5", "--week", "9999-12-31"),
        ("week", "--week", "9999-12-31"),
        ("goal", "list", "--week", "9999-12-31"),
        ("goal", "set", "visits", "5", "--month", "9999-12"),
        ("goal", "set", "visits", "5", "--quarter", "0000Q1"),
        ("goal", "set", "visits", "5", "--year", "0000"),
    ],
    ids=" ".join,
)
def test_a_period_beyond_the_calendar_is_refused_not_a_crash(args):
    ok("visit", "add", "张总")
    refused(run(*args))


def test_an_entry_dated_before_the_year_1000_is_refused_or_stored_not_a_crash(db):
    result = run("visit", "add", "张总", "--at", "0999-06-01")
    assert result.code in (0, 1) and "internal error" not in result.err, result.err


def test_a_metric_name_with_undecodable_bytes_is_refused_not_a_crash(db):
    ok("visit", "add", "张总")
    before = snapshot(db)
    done = subprocess.run([*SALELOG, "goal", "set", b"caf\xe9", "5"], capture_output=True, timeout=60)
    refused(Result(done.returncode, done.stdout.decode(), done.stderr.decode()))
    assert snapshot(db) == before


def test_an_error_about_text_with_a_line_break_stays_on_one_line(db):
    refused(run("visit", "add", "张总", "--kind", "call\nrm -rf ~"))


# --- 4. text that must not format the terminal ---------------------------------

MARKUP = ["[red]x[/red]", "[/]", "[link=http://x]y[/link]", "[bold]loud"]
ESCAPES = {
    "CSI clear screen": "\x1b[2J",
    "OSC 8 hyperlink": "\x1b]8;;http://x\x1b\\y\x1b]8;;\x1b\\",
    "bell": "\x07",
    "carriage return": "\r",
    "backspace": "\x08",
    "C1 CSI": "\x9b2J",
    "RTL override": "\u202e",
}
TERMINAL_CONTROLS = [c for text in ESCAPES.values() for c in text if not c.isprintable()]


def no_terminal_controls(text: str) -> bool:
    return not any(c in text for c in TERMINAL_CONTROLS) and printable(text)


def test_markup_in_names_and_notes_prints_literally_in_the_confirmation_and_the_log():
    for text in MARKUP:
        confirmation = ok("visit", "add", text, "--new", "--outcome", text, "--next", text).out
        assert confirmation.startswith("logged #") and f"with {text} (new customer)" in confirmation
        assert f"next: {text}" in confirmation
    listing = ok("visit", "list").out
    for text in MARKUP:
        assert listing.count(text) >= 2, (text, listing)  # customer and outcome, as typed
    rows = json.loads(ok("visit", "list", "--json").out)
    assert sorted(r["customer"] for r in rows) == sorted(MARKUP)
    assert all(r["outcome"] == r["customer"] == r["next"] for r in rows)


def test_escape_sequences_in_notes_are_refused_in_one_line(db):
    ok("visit", "add", "张总")
    before = snapshot(db)
    for name, escape in ESCAPES.items():
        text = f"{name}:{escape}."
        for option in ("--outcome", "--needs", "--next"):
            result = refused(run("visit", "add", "张总", option, text))
            assert no_terminal_controls(result.err), repr(result.err)
    assert snapshot(db) == before


@pytest.mark.parametrize("colour", ["plain", "FORCE_COLOR"])
def test_escape_sequences_stored_by_an_older_salelog_are_printed_escaped(db, colour):
    env = {"FORCE_COLOR": "1"} if colour == "FORCE_COLOR" else {}
    for name in ESCAPES:
        ok("visit", "add", "张总", "--outcome", name, "--needs", name, "--next", name)
    typed = [(f"{name}:{escape}.",) * 3 for name, escape in ESCAPES.items()]
    with closing(sqlite3.connect(db)) as conn, conn:  # what an older salelog, which let them in, stored
        for (entry_id,), text in zip(conn.execute("SELECT id FROM entries ORDER BY id").fetchall(), typed, strict=True):
            conn.execute("UPDATE entries SET outcome = ?, needs = ?, next_step = ? WHERE id = ?", (*text, entry_id))
            conn.execute("UPDATE followups SET what = ? WHERE entry_id = ?", (text[0], entry_id))
    assert stored(db, "SELECT outcome, needs, next_step FROM entries ORDER BY id") == typed
    for args in (("visit", "list"), ("customer", "show", "张总"), ("followups",)):
        shown = ok(*args, env=env).out
        assert "\\x1b" in shown and "\\u202e" in shown, (args, shown)  # the escapes, spelt out
        if colour == "FORCE_COLOR":
            shown = re.sub(r"\x1b\[[0-9;]*m", "", shown)  # Rich's own colours and bold, nothing else
        assert no_terminal_controls(shown), (args, repr(shown))
    listed = json.loads(ok("visit", "list", "--json").out)
    assert sorted(e["outcome"] for e in listed) == sorted(t[0] for t in typed)


@pytest.mark.parametrize("name", [n for n, text in ESCAPES.items() if any(ord(c) < 0xA0 for c in text)])
def test_customer_names_with_control_characters_are_refused(db, name):
    ok("visit", "add", "张总")
    before = snapshot(db)
    result = refused(run("visit", "add", f"张{ESCAPES[name]}总", "--new"))
    assert "control characters" in result.err
    assert snapshot(db) == before


def test_a_customer_name_with_a_bidi_override_is_refused_and_one_stored_earlier_printed_escaped(db):
    result = refused(run("visit", "add", "evil\u202egnp.exe"))
    assert "(\\u202e)" in result.err and "\u202e" not in result.err
    ok("visit", "add", "evil")
    with closing(sqlite3.connect(db)) as conn, conn:  # as an older salelog, which let it in, stored it
        conn.execute("UPDATE customers SET name = ?", ("evil\u202egnp.exe",))
    listing = ok("visit", "list").out
    assert "evil\\u202egnp.exe" in listing and "\u202e" not in listing


def test_custom_metric_names_with_markup_print_literally_in_week_and_goal_list():
    names = ["[red]x[/red]", "[/]", "[link=http://x]y[/link]"]
    for name in names:
        assert ok("goal", "set", name, "3", "--custom").out.startswith(f"{name} target for week")
        ok("visit", "add", "张总", "--tag", name)
    week, goals = ok("week").out, ok("goal", "list").out
    for name in names:
        assert name in week and name in goals, name
    assert "\x1b" not in week + goals
    metrics = {m["metric"]: m for m in json.loads(ok("week", "--json").out)["metrics"]}
    assert all(metrics[name]["actual"] == 1 and metrics[name]["target"] == 3 for name in names)


def test_errors_echo_hostile_text_escaped_even_usage_errors(db):
    ok("visit", "add", "张总")
    for args, code in (
        (("visit", "add", "张总", "--kind", "\x1b[2J"), 1),
        (("goal", "set", "\x1b]8;;http://x\x1b\\y\x1b]8;;\x1b\\", "5"), 1),
        (("visit", "list", "--customer", "\x1b[31mred"), 1),
        (("visit", "add", "张总", "--\x1b[2Jx"), 2),
        (("visit", "\x1b[31mred"), 2),
    ):
        result = run(*args)
        assert result.code == code, (args, result)
        assert no_terminal_controls(result.err), (args, repr(result.err))


# --- 5. SQL in what users type -------------------------------------------------

INJECTIONS = [
    "'; DROP TABLE entries; --",
    "Robert'); DROP TABLE customers;--",
    '" OR 1=1; --',
    "x' UNION SELECT name, sql FROM sqlite_master --",
]


def test_sql_in_names_notes_and_tags_is_stored_literally_and_every_table_survives(db):
    ok("goal", "set", "visits", "10")
    tables = stored(db, "SELECT type, name FROM sqlite_master ORDER BY name")
    for text in INJECTIONS:
        ok("visit", "add", text, "--new", "--outcome", text, "--needs", text, "--tag", text)
    rows = json.loads(ok("visit", "list", "--json").out)

    def as_tags(text: str) -> tuple:  # a tag's ; and , separate values, typed or imported
        return tuple(part.strip() for part in text.replace(";", ",").split(",") if part.strip())

    assert sorted((r["customer"], r["outcome"], r["needs"], tuple(r["tags"])) for r in rows) == sorted(
        (t, t, t, as_tags(t)) for t in INJECTIONS
    )
    for text in INJECTIONS:
        only = json.loads(ok("visit", "list", "--customer", text, "--json").out)
        assert [r["customer"] for r in only] == [text]
    assert stored(db, "SELECT type, name FROM sqlite_master ORDER BY name") == tables
    assert stored(db, "SELECT count(*) FROM entries") == [(len(INJECTIONS),)]
    assert integrity(db) == [("ok",)]
    ok("week")


def test_sql_in_a_custom_metric_name_is_stored_literally(db):
    name = "x')OR'1'='1--DROP_TABLE_goals"  # no ; or ,: they separate tags
    ok("goal", "set", name, "2", "--custom")
    ok("visit", "add", "张总", "--tag", name)
    assert [g["metric"] for g in json.loads(ok("goal", "list", "--json").out)] == [name]
    assert stored(db, "SELECT name FROM custom_metrics") == [(name,)]
    week = {m["metric"]: m["actual"] for m in json.loads(ok("week", "--json").out)["metrics"]}
    assert week[name] == 1


def test_a_database_path_with_quotes_and_sql_works(tmp_path):
    path = tmp_path / 'it\'s "mine"; DROP TABLE x;.db'
    ok("--db", str(path), "visit", "add", "张总")
    assert stored(path, "SELECT name FROM customers") == [("张总",)]


# --- 6. database files that are broken or out of reach -------------------------

COMMANDS = [("visit", "add", "李经理", "--new"), ("goal", "set", "visits", "5"), ("week",), ("visit", "list")]
WRITES, READS = COMMANDS[:2], COMMANDS[2:]


def real_logbook(db: Path) -> Path:
    """A logbook of several pages (long notes), in the one file: no -wal or -shm beside it."""
    for i in range(3):
        assert call(["visit", "add", "张总", "--outcome", f"{i} " + "报价" * 2000]).code == 0
    assert call(["goal", "set", "revenue", "50万"]).code == 0
    gc.collect()  # no connection of those commands left open
    checkpointed(db)
    assert sorted(p.name for p in db.parent.iterdir() if p.name.startswith(db.name)) == [db.name]
    return db


def file_state(path: Path):
    """What must not change: a file's bytes, or a directory's listing."""
    if path.is_dir():
        return sorted(p.name for p in path.iterdir())
    return path.read_bytes() if path.exists() else None


def damaged(kind: str, db: Path) -> Path:
    if kind == "truncated":
        data = real_logbook(db).read_bytes()
        db.write_bytes(data[: len(data) // 2])
    elif kind == "random bytes":
        db.write_bytes(random.Random(7).randbytes(64 * 1024))
    elif kind == "newer schema":
        with closing(sqlite3.connect(real_logbook(db))) as conn:
            conn.execute("PRAGMA user_version = 99")
    elif kind == "a directory":
        db.mkdir()
        (db / "notes.txt").write_text("not a database")
    elif kind == "inside a file":
        db.parent.joinpath("notes.txt").write_text("a file, not a folder")
        return db.parent / "notes.txt" / "salelog.db"
    return db


@pytest.mark.parametrize("kind", ["truncated", "random bytes", "newer schema", "a directory", "inside a file"])
def test_a_broken_database_file_is_refused_by_every_command_and_left_as_it_was(db, kind):
    path = damaged(kind, db)
    watched = path if path.exists() else path.parent.parent / "notes.txt"
    before = file_state(watched)
    for args in COMMANDS:
        result = refused(run("--db", str(path), *args))
        assert printable(result.err)
    assert file_state(watched) == before
    if kind == "newer schema":
        assert "newer salelog" in result.err


@pytest.fixture
def powerless(tmp_path):
    """Run salelog so that file permissions bind: as is for a normal user; for root
    (who writes through chmod 0400), under setpriv without the overriding
    capabilities, or skip."""
    prefix = []
    if os.geteuid() == 0:
        prefix = ["setpriv", "--bounding-set=-dac_override,-dac_read_search,-fowner", "--"]
        probe = tmp_path / "probe"
        probe.write_bytes(b"")
        probe.chmod(0o400)
        script = f"try:\n    open({str(probe)!r}, 'ab')\nexcept PermissionError:\n    print('bound')"
        probing = [*prefix, sys.executable, "-c", script]
        if not shutil.which("setpriv") or subprocess.run(probing, capture_output=True, text=True).stdout != "bound\n":
            pytest.skip("running as root, where chmod does not stop writes, and setpriv cannot drop that power here")

    def run_powerless(*args: str) -> Result:
        done = subprocess.run([*prefix, *SALELOG, *args], capture_output=True, text=True, encoding="utf-8", timeout=60)
        return Result(done.returncode, done.stdout, done.stderr)

    return run_powerless


def test_a_read_only_database_file_refuses_writes_untouched_but_can_be_read(db, powerless):
    real_logbook(db)
    db.chmod(0o400)
    before = db.read_bytes()
    for args in WRITES:
        result = refused(powerless(*args))
        assert "read-only" in result.err
    for args in READS:
        assert powerless(*args).code == 0
    assert db.read_bytes() == before


def test_a_database_in_a_read_only_folder_is_refused_untouched(db, powerless):
    real_logbook(db)
    before = db.read_bytes()
    db.parent.chmod(0o500)
    try:
        for args in COMMANDS:  # a read too (SQLite's -shm): said why, and what to do
            result = refused(powerless(*args))
            assert "its folder cannot be written, and SQLite writes beside a logbook even to read it" in result.err
            assert "backup COPY" in result.err
        assert db.read_bytes() == before
        assert not [p.name for p in db.parent.iterdir() if p.name.startswith(db.name + "-")]  # no -shm, -wal
    finally:
        db.parent.chmod(0o700)


def test_a_new_database_in_a_read_only_folder_is_refused(tmp_path, powerless):
    folder = tmp_path / "locked"
    folder.mkdir(mode=0o500)
    try:
        result = refused(powerless("--db", str(folder / "salelog.db"), "visit", "add", "张总"))
        assert "cannot create database" in result.err
        assert list(folder.iterdir()) == []
    finally:
        folder.chmod(0o700)


def test_after_chmod_u_w_a_read_only_logbook_takes_writes_again(db, powerless):
    real_logbook(db)
    db.chmod(0o400)
    refused(powerless("visit", "add", "李经理", "--new"))
    db.chmod(0o600)  # what the error's hint says to do
    result = powerless("visit", "add", "李经理", "--new")
    assert result.code == 0, result.err


def test_a_logbook_on_a_read_only_file_system_is_read_and_left_alone(db):
    """A real read-only mount (a bind mount remounted ro in a mount namespace of its own)."""
    real_logbook(db)
    before = db.read_bytes()
    folder = db.parent
    command = " ".join(shlex.quote(c) for c in [*SALELOG, "--db", str(db)])
    script = (
        f"mount --bind {folder} {folder} && mount -o remount,ro,bind {folder} && {command} week && {command} visit list"
    )
    if os.geteuid() != 0 or not shutil.which("unshare"):
        pytest.skip("needs root and unshare to mount a folder read-only")
    done = subprocess.run(["unshare", "-m", "sh", "-c", script], capture_output=True, text=True, timeout=60)
    if "mount" in done.stderr and done.returncode != 0 and "Week" not in done.stdout:
        pytest.skip(f"cannot mount read-only here: {done.stderr.strip()[:80]}")
    assert done.returncode == 0, done.stderr
    assert "Week 48" in done.stdout and "张总" in done.stdout
    assert db.read_bytes() == before and not [p for p in folder.iterdir() if p.name.startswith(db.name + "-")]
