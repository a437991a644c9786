"""When the world misbehaves (issue 13, items 10, 11, 13, 14, 15, 16): stdout
that cannot take the output, a config file that is not UTF-8, bytes that are
not UTF-8 on the command line, a full disk, a careless umask, a second backup
on the same day. Each says one line naming the right file, and never "bug"."""

import os
import subprocess
import sys

import pytest
from conftest import Result, ok, run, stored

FULL = "/dev/full"  # every write to it fails with ENOSPC, as on a full disk
needs_dev_full = pytest.mark.skipif(not os.path.exists(FULL), reason="no /dev/full on this system")


def salelog_process(*args: str, stdout="capture", env: dict | None = None) -> Result:
    """`python -m salelog ARGS` with stdout captured, sent to /dev/full ("full") or closed ("closed")."""
    command = [sys.executable, "-m", "salelog", *args]
    environment = dict(os.environ, **(env or {}))
    if stdout == "closed":
        command = ["sh", "-c", 'exec "$@" >&-', "sh", *command]
    if stdout == "full":
        with open(FULL, "w") as full:
            done = subprocess.run(command, stdout=full, stderr=subprocess.PIPE, env=environment, timeout=60)
        return Result(done.returncode, "", done.stderr.decode("utf-8", "replace"))
    done = subprocess.run(command, capture_output=True, env=environment, timeout=60)
    return Result(done.returncode, done.stdout.decode("utf-8", "replace"), done.stderr.decode("utf-8", "replace"))


# --- 10. a saved write whose confirmation cannot be printed -----------------------


@needs_dev_full
@pytest.mark.parametrize("stdout", ["full", "closed"])
def test_visit_add_whose_confirmation_cannot_be_printed_says_it_was_saved(db, stdout):
    ok("visit", "add", "张总", "--new")
    result = salelog_process("visit", "add", "张总", "--amount", "3500", stdout=stdout)
    reason = "No space left on device" if stdout == "full" else "stdout is closed"
    assert result.code == 1
    assert result.err.splitlines() == [
        f"error: saved to {db} (visit add #2 (visit with 张总)); the confirmation could not be printed: {reason}",
        "  it is saved: do not run the command again",
    ]
    assert "bug" not in result.err
    assert stored(db, "SELECT count(*) FROM entries WHERE amount_fen = 350000") == [(1,)]  # saved once


@needs_dev_full
@pytest.mark.parametrize("stdout", ["full", "closed"])
@pytest.mark.parametrize("args", [["visit", "list"], ["export", "entries"], ["customer", "--help"]], ids=" ".join)
def test_a_read_command_that_cannot_print_says_so_in_one_line(db, stdout, args):
    ok("visit", "add", "张总", "--new")
    before = db.stat().st_mtime_ns
    result = salelog_process(*args, stdout=stdout)
    reason = "No space left on device" if stdout == "full" else "stdout is closed"
    assert (result.code, result.err) == (1, f"error: cannot print the output: {reason}\n")
    assert db.stat().st_mtime_ns == before


def test_an_ascii_terminal_gets_escapes_instead_of_an_error(db):
    ok("visit", "add", "张总", "--new")
    ascii_only = {"PYTHONIOENCODING": "ascii"}
    added = salelog_process("visit", "add", "张总", env=ascii_only)
    assert (added.code, added.out, added.err) == (0, "logged #2: visit with \\u5f20\\u603b\n", "")
    listed = salelog_process("visit", "list", env=ascii_only)
    assert listed.code == 0 and listed.err == "" and "\\u5f20\\u603b" in listed.out
    assert stored(db, "SELECT count(*) FROM entries") == [(2,)]


def test_a_real_bug_after_the_commit_says_what_was_saved(db, monkeypatch):
    """A bug is still a bug (exit 70), but the user learns the entry is in."""
    from salelog.actions import visit as visit_actions

    def broken(*args, **kwargs):
        raise RuntimeError("boom")

    ok("customer", "add", "张总")
    monkeypatch.setattr(visit_actions, "print", broken, raising=False)
    result = run("visit", "add", "张总")
    assert result.code == 70
    assert result.err.splitlines()[:2] == [
        "error: internal error: RuntimeError: boom",
        f"  saved to {db} (visit add #1 (visit with 张总)) before the error: do not run the command again",
    ]
    assert stored(db, "SELECT count(*) FROM entries") == [(1,)]


# --- 11. a config file that is not UTF-8 ------------------------------------------


@pytest.fixture
def config_in_gbk(tmp_path, monkeypatch):
    """A config saved by an editor in GBK: its currency line is not UTF-8."""
    path = tmp_path / "config.toml"
    path.write_bytes('lang = "en"\ncurrency = "人民币"\n'.encode("gbk"))
    monkeypatch.setenv("SALELOG_CONFIG", str(path))
    return path


@pytest.mark.parametrize("args", [["week"], ["visit", "add", "张总", "--new"], ["config", "show"]], ids=" ".join)
@pytest.mark.new_file
def test_a_config_that_is_not_utf8_is_one_line_naming_the_file(db, config_in_gbk, args):
    result = run(*args)
    assert result.code == 1
    assert result.err.splitlines() == [
        f"error: config {config_in_gbk}, line 2: not UTF-8 text",
        "  save it as UTF-8, or set a key with salelog config set (which drops the lines it cannot read)",
    ]
    assert not db.exists()  # nothing written


def test_config_set_repairs_a_config_that_is_not_utf8(db, config_in_gbk):
    result = ok("config", "set", "currency", "¥")
    dropped = 'currency = "\\xc8\\xcb\\xc3\\xf1\\xb1\\xd2"'  # the GBK bytes of 人民币, escaped
    assert result.err == f"warning: config {config_in_gbk}, line 2 was not UTF-8 text and is dropped: {dropped}\n"
    assert config_in_gbk.read_text(encoding="utf-8") == 'currency = "¥"\nlang = "en"\n'
    ok("visit", "add", "张总", "--new", "--amount", "100")
    assert "¥100" in ok("visit", "list").out


# --- 13. bytes that are not UTF-8 on the command line -----------------------------


def salelog_bytes(*args: bytes, cwd=None) -> Result:
    """`python -m salelog ARGS` with arguments as raw bytes, as a Latin-1 or GBK terminal sends them."""
    done = subprocess.run([sys.executable, "-m", "salelog", *args], capture_output=True, cwd=cwd, timeout=60)
    return Result(done.returncode, done.stdout.decode("utf-8"), done.stderr.decode("utf-8"))


def test_an_undecodable_customer_name_is_one_line_not_a_crash(db):
    ok("visit", "add", "张总", "--new")
    before = db.stat().st_mtime_ns
    result = salelog_bytes(b"customer", b"show", b"\xff")
    assert (result.code, result.out) == (1, "")
    assert result.err.splitlines() == [
        'error: "\\xff" on the command line is not valid text (undecodable bytes)',
        "  check your terminal's encoding is UTF-8",
    ]
    assert db.stat().st_mtime_ns == before


@pytest.mark.parametrize("command", [[b"week"], [b"visit", b"add", b"x", b"--new"]], ids=["read", "write"])
def test_an_undecodable_db_path_is_refused_and_leaves_no_file(tmp_path, command):
    folder = tmp_path / "here"
    folder.mkdir()
    result = salelog_bytes(b"--db", b"\xff.db", *command, cwd=folder)
    assert result.code == 1
    assert result.err.splitlines()[0] == 'error: "\\xff.db" on the command line is not valid text (undecodable bytes)'
    assert list(folder.iterdir()) == []


# --- 14. a full disk ------------------------------------------------------------


class SmallDisk:
    """A folder on a 1 MiB tmpfs of its own, which fill() fills to the last byte."""

    def __init__(self, folder):
        self.folder = folder

    def fill(self) -> None:
        with open(self.folder / "filler", "wb", buffering=0) as filler:
            for size in (65536, 4096, 1):
                try:
                    while True:
                        filler.write(b"\0" * size)
                except OSError:
                    continue

    def free(self) -> None:
        (self.folder / "filler").unlink()


@pytest.fixture
def small_disk(tmp_path):
    """A full disk for real (mounting a tmpfs needs root; elsewhere the test skips and says why)."""
    folder = tmp_path / "small-disk"
    folder.mkdir()
    try:
        mounted = subprocess.run(
            ["mount", "-t", "tmpfs", "-o", "size=1m,mode=0700", "tmpfs", str(folder)], capture_output=True, text=True
        )
    except FileNotFoundError:
        pytest.skip("no mount command: cannot make a small disk to fill")
    if mounted.returncode:
        pytest.skip(f"cannot mount a small tmpfs to fill here: {mounted.stderr.strip()}")
    try:
        yield SmallDisk(folder)
    finally:
        subprocess.run(["umount", str(folder)], check=True)


def test_a_write_on_a_full_disk_without_a_shm_yet_says_disk_full(small_disk):
    db = small_disk.folder / "salelog.db"
    ok("--db", str(db), "visit", "add", "张总", "--new")  # closed: no -shm left beside it
    small_disk.fill()
    result = run("--db", str(db), "visit", "add", "张总")
    assert (result.code, result.err) == (
        1,
        f"error: disk full while writing {db}\n  free some space; nothing was written\n",
    )
    small_disk.free()
    assert stored(db, "SELECT count(*) FROM entries") == [(1,)]


def test_config_set_on_a_full_disk_is_one_line_and_keeps_the_file(small_disk, monkeypatch):
    config = small_disk.folder / "config.toml"
    monkeypatch.setenv("SALELOG_CONFIG", str(config))
    ok("config", "set", "lang", "en")
    small_disk.fill()
    result = run("config", "set", "currency", "¥")
    assert result.code == 1
    assert result.err.splitlines() == [
        f"error: cannot write config {config}: No space left on device",
        "  free some space or fix the folder's permissions; the config was not changed",
    ]
    assert config.read_text(encoding="utf-8") == 'lang = "en"\n'
    assert sorted(p.name for p in small_disk.folder.iterdir()) == ["config.toml", "filler"]  # no temp file left


def test_a_backup_on_a_full_disk_names_the_backup_and_leaves_nothing(db, small_disk):
    ok("visit", "add", "张总", "--new")
    small_disk.fill()
    copy = small_disk.folder / "copy.db"
    result = run("backup", str(copy))
    assert (result.code, result.err) == (
        1,
        f"error: disk full while writing {copy}\n  free some space; nothing was written\n",
    )
    assert sorted(p.name for p in small_disk.folder.iterdir()) == ["filler"]


def test_a_full_database_is_told_as_disk_full_and_blamed_on_the_copy_in_a_backup(tmp_path):
    """The mapping itself, with SQLite's real "database or disk is full" (a page cap stands for the disk)."""
    import sqlite3
    from contextlib import closing

    from salelog.store.db_errors import disk_full, write_failed

    with closing(sqlite3.connect(tmp_path / "capped.db")) as conn:
        conn.execute("CREATE TABLE t (x)")
        conn.execute("PRAGMA max_page_count = 3")
        with pytest.raises(sqlite3.OperationalError) as full:
            for _ in range(1000):
                conn.execute("INSERT INTO t VALUES (zeroblob(1000))")
    (tmp_path / "text.db").write_text("not a database")
    with closing(sqlite3.connect(tmp_path / "text.db")) as conn, pytest.raises(sqlite3.DatabaseError) as damaged:
        conn.execute("SELECT * FROM sqlite_master")
    assert disk_full(full.value, str(tmp_path / "capped.db")) and write_failed(full.value)
    assert not disk_full(damaged.value, str(tmp_path / "text.db")) and not write_failed(damaged.value)


# --- 15. a careless umask -----------------------------------------------------


@pytest.fixture
def umask_000():
    old = os.umask(0)
    yield
    os.umask(old)


def test_config_set_under_umask_000_makes_private_folders_and_file(tmp_path, umask_000):
    ok("config", "set", "lang", "zh")
    home = tmp_path / "home"
    made = [home, home / "config", home / "config" / "salelog"]
    assert [oct(p.stat().st_mode & 0o777) for p in made] == ["0o700"] * 3
    assert oct((home / "config" / "salelog" / "config.toml").stat().st_mode & 0o777) == "0o600"


def test_the_data_folders_stay_private_under_umask_000(tmp_path, umask_000):
    db = tmp_path / "new" / "deeper" / "salelog.db"
    ok("--db", str(db), "visit", "add", "张总", "--new")
    assert [oct(p.stat().st_mode & 0o777) for p in (db.parent.parent, db.parent, db)] == ["0o700", "0o700", "0o600"]


# --- 16. a second backup on the same day ------------------------------------------


def test_backups_on_the_same_day_are_numbered_and_say_the_path_written(tmp_path, db, monkeypatch):
    monkeypatch.chdir(tmp_path)
    ok("visit", "add", "张总", "--new")
    first = ok("backup").out
    ok("visit", "add", "张总")
    second, third = ok("backup").out, ok("backup").out
    assert first.startswith(f"backed up {db} to salelog-2026-11-25.db (")
    assert second.startswith(f"backed up {db} to salelog-2026-11-25-2.db (")
    assert third.startswith(f"backed up {db} to salelog-2026-11-25-3.db (")
    counts = [
        stored(tmp_path / name, "SELECT count(*) FROM entries")
        for name in ("salelog-2026-11-25.db", "salelog-2026-11-25-2.db")
    ]
    assert counts == [[(1,)], [(2,)]]
    folder = tmp_path / "backups"
    folder.mkdir()
    ok("backup", str(folder))
    assert ok("backup", str(folder)).out.startswith(f"backed up {db} to {folder / 'salelog-2026-11-25-2.db'} (")


@pytest.mark.new_file
def test_a_lone_surrogate_beside_other_text_is_refused_in_one_line(db):
    """What a caller's own argv may hold (no byte stands for \\ud800): escaped, not a crash."""
    result = run("visit", "add", "张总", "--new", "--next", "\x80\ud800")
    assert result.code == 1
    assert (
        result.err.splitlines()[0] == 'error: "\\x80\\ud800" on the command line is not valid text (undecodable bytes)'
    )
    assert not db.exists()
