"""Every test gets its own database file and a frozen clock, and drives the real
CLI in a subprocess (`python -m salelog`), exactly as a user's shell does."""

import os
import sqlite3
import subprocess
import sys
from contextlib import closing
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
def isolated(tmp_path, monkeypatch):
    """Point salelog at tmp_path for data and config, and freeze now."""
    monkeypatch.setenv("SALELOG_DB", str(tmp_path / "salelog.db"))
    monkeypatch.setenv("SALELOG_NOW", WEDNESDAY_EVENING)
    monkeypatch.setenv("HOME", str(tmp_path / "home"))
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "home" / "data"))
    monkeypatch.setenv("XDG_CONFIG_HOME", str(tmp_path / "home" / "config"))
    monkeypatch.setenv("COLUMNS", "120")
    monkeypatch.setenv("LANG", "C.UTF-8")  # English output whatever the machine's locale
    for name in ("SALELOG_DEBUG", "SALELOG_CONFIG", "NO_COLOR", "FORCE_COLOR", "LC_ALL", "LC_MESSAGES"):
        monkeypatch.delenv(name, raising=False)


@pytest.fixture
def db(tmp_path) -> Path:
    return tmp_path / "salelog.db"


def run(*args: str, now: str | None = None, env: dict | None = None, input: str | None = None) -> Result:
    """Run `salelog ARGS` as a user would; `now` overrides the frozen clock."""
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


def ok(*args: str, **kwargs) -> Result:
    """Run a command that must succeed."""
    result = run(*args, **kwargs)
    assert result.code == 0, f"salelog {' '.join(args)} failed ({result.code}): {result.err}"
    assert "Traceback" not in result.err
    return result


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
