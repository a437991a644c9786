"""Every test gets its own database file and a frozen clock, and drives the real
CLI: `run` calls salelog's main(argv) in this process with the output captured
(as sqlite-utils and llm test with CliRunner), `run_process` starts `python -m
salelog` as a user's shell does, for what needs a real process (the console
script, a pseudo-terminal, start-up imports, concurrency, kills)."""

import atexit
import io
import os
import shutil
import sqlite3
import subprocess
import sys
import tempfile
from contextlib import closing, contextmanager
from dataclasses import dataclass
from pathlib import Path

import pytest

WEDNESDAY_EVENING = "2026-11-25T18:00"  # week of Mon 2026-11-23; 3 of 5 working days gone


@dataclass
class Result:
    code: int
    out: str
    err: str


@pytest.fixture(autouse=True)
def isolated(tmp_path, monkeypatch, request):
    """Point salelog at tmp_path for data and config, and freeze now."""
    global _from_template
    _from_template = request.node.get_closest_marker("new_file") is None
    monkeypatch.setenv("SALELOG_DB", str(tmp_path / "salelog.db"))
    monkeypatch.setenv("SALELOG_NOW", WEDNESDAY_EVENING)
    monkeypatch.setenv("HOME", str(tmp_path / "home"))
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "home" / "data"))
    monkeypatch.setenv("XDG_CONFIG_HOME", str(tmp_path / "home" / "config"))
    monkeypatch.setenv("COLUMNS", "120")
    monkeypatch.setenv("LANG", "C.UTF-8")  # English output whatever the machine's locale
    # PYTHONDONTWRITEBYTECODE off: the processes tests start would compile salelog anew each time
    for name in (
        "SALELOG_DEBUG",
        "SALELOG_CONFIG",
        "NO_COLOR",
        "FORCE_COLOR",
        "LC_ALL",
        "LC_MESSAGES",
        "PYTHONDONTWRITEBYTECODE",
    ):
        monkeypatch.delenv(name, raising=False)


@pytest.fixture
def db(tmp_path) -> Path:
    return tmp_path / "salelog.db"


def run(*args: str, now: str | None = None, env: dict | None = None, input: str | None = None) -> Result:
    """Run `salelog ARGS` in process, as a user would type it; `now` overrides the
    frozen clock, `env` adds environment variables for this run only."""
    from salelog.cli import main

    changes = dict(env or {}, **({"SALELOG_NOW": now} if now else {}))
    if "demo" not in args and not any(a.startswith("--db") for a in args):  # the demo wants a new file
        _start_from_template(changes.get("SALELOG_DB") or os.environ.get("SALELOG_DB"))
    saved = {name: os.environ.get(name) for name in changes}
    streams = sys.stdin, sys.stdout, sys.stderr
    out, err = _capture(), _capture()
    sys.stdin = io.TextIOWrapper(io.BytesIO((input or "").encode()), encoding="utf-8")
    sys.stdout, sys.stderr = out, err
    os.environ.update(changes)
    try:
        main(list(args))
        code = 0
    except SystemExit as e:
        code = e.code if isinstance(e.code, int) else (0 if e.code is None else 1)
        if isinstance(e.code, str):
            print(e.code, file=sys.stderr)
    finally:
        sys.stdin, sys.stdout, sys.stderr = streams
        for name, value in saved.items():
            if value is None:
                os.environ.pop(name, None)
            else:
                os.environ[name] = value
    return Result(code, _text(out), _text(err))


_TEMPLATE: Path | None = None
_from_template = True


def _start_from_template(path: str | None) -> None:
    """Give a test's missing database file a copy of a newly created one: creating
    and migrating a logbook costs ~30 ms, paid once per worker instead of in
    nearly every test. What a new file is and does (created by the first write and
    said so, refused by a read, migrated whole) is tested under @pytest.mark.new_file."""
    global _TEMPLATE
    if not _from_template or not path or os.path.exists(path) or not os.path.isdir(os.path.dirname(path)):
        return
    if _TEMPLATE is None:
        from salelog import context
        from salelog.store.db import open_db

        made = Path(tempfile.mkdtemp(prefix="salelog-template-")) / "salelog.db"
        atexit.register(shutil.rmtree, made.parent, True)
        run_ = context.begin()
        open_db(str(made), create=True)
        context.end(run_)
        _TEMPLATE = made
    shutil.copy2(_TEMPLATE, path)


def refused(*args: str, **kwargs) -> Result:
    """Run salelog and check it refused as a user error: exit 1, one line (and a hint), no traceback."""
    result = run(*args, **kwargs)
    assert result.code == 1, (result.code, result.out, result.err)
    assert result.err.startswith("error: ") and "Traceback" not in result.err
    assert len(result.err.strip().splitlines()) <= 2  # the message and a hint
    return result


def _capture() -> io.TextIOWrapper:
    """A stream like a pipe's: text over bytes (exports write to .buffer), not a terminal."""
    return io.TextIOWrapper(io.BytesIO(), encoding="utf-8", newline="", write_through=True)


def _text(stream: io.TextIOWrapper) -> str:
    stream.flush()
    text = stream.buffer.getvalue().decode("utf-8", errors="surrogateescape")
    return text.replace("\r\n", "\n").replace("\r", "\n")  # as a pipe read in text mode gives it


def run_process(*args: str, now: str | None = None, env: dict | None = None, input: str | None = None) -> Result:
    """Run `salelog ARGS` as a user's shell does: a new `python -m salelog` process."""
    environment = dict(os.environ, **(env or {}))
    if now:
        environment["SALELOG_NOW"] = now
    done = subprocess.run(
        [sys.executable, "-m", "salelog", *args],
        capture_output=True,
        text=True,
        encoding="utf-8",
        env=environment,
        input=input,
        timeout=60,
    )
    return Result(done.returncode, done.stdout, done.stderr)


@pytest.fixture
def salelog():
    return run


def ok(*args: str, process: bool = False, **kwargs) -> Result:
    """Run a command that must succeed (in a process of its own with `process`)."""
    result = (run_process if process else run)(*args, **kwargs)
    assert result.code == 0, f"salelog {' '.join(args)} failed ({result.code}): {result.err}"
    assert "Traceback" not in result.err
    return result


def in_name_order(names) -> list[str]:
    """The order customer list gives names in, worked out here with pypinyin itself:
    Chinese names by their pinyin, the others by their letters, then as written."""
    from pypinyin import lazy_pinyin

    return sorted(names, key=lambda name: (" ".join(lazy_pinyin(name)).lower(), name))


def stored(db: Path, sql: str, params: tuple = ()) -> list[tuple]:
    """What is in the file, read with plain sqlite3 (as a user with `sqlite3` would)."""
    with closing(sqlite3.connect(db)) as conn:
        return conn.execute(sql, params).fetchall()


def snapshot(db: Path) -> dict:
    """Every row of every table: to show that a failed command changed nothing."""
    if not db.exists():
        return {}
    with closing(sqlite3.connect(db)) as conn:
        tables = [t for (t,) in conn.execute("SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name")]
        return {t: conn.execute(f'SELECT * FROM "{t}" ORDER BY rowid').fetchall() for t in tables}


_BUILT: dict[str, Path] = {}


def built_once(name: str, build) -> None:
    """Give this test's database what `build()` makes through the CLI, building it
    the first time only: later tests start from a copy of that file (the clock is
    frozen, so every build would be the same)."""
    db = Path(os.environ["SALELOG_DB"])
    if name in _BUILT:
        shutil.copy2(_BUILT[name], db)
        return
    build()
    saved = Path(tempfile.mkdtemp(prefix="salelog-tests-")) / f"{name}.db"
    atexit.register(shutil.rmtree, saved.parent, True)
    shutil.copy2(db, saved)  # every run closed its connections: the file holds it all
    _BUILT[name] = saved


@contextmanager
def logbook_before(path: Path, migration: str):
    """A logbook file as an older salelog left it: migrated up to `migration` (not
    included), its connection given for what that salelog stored, then committed,
    closed and made owner-only (as salelog makes its files)."""
    from sqlite_utils import Database

    from salelog.migrations import migrations

    with closing(sqlite3.connect(path)) as conn:
        migrations.apply(Database(conn, execute_plugins=False), stop_before=migration)
        yield conn
        conn.commit()
    path.chmod(0o600)
