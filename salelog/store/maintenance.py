"""Backup and inspection of a database file as it is: never created, never
migrated (a backup or salelog doctor must see even a newer salelog's file); and
other logbooks opened read-only for team report."""

import os

from ..errors import SalelogError
from ..i18n import tr
from .db import busy_timeout_seconds, errors_explained
from .db_errors import write_failed
from .engine import sqlite3


def _open_existing(path: str) -> sqlite3.Connection:
    """A plain connection to an existing file: never created, never migrated (a
    backup or a check must see the file as it is, even one of a newer salelog)."""
    from pathlib import Path

    if not os.path.isfile(path):
        raise SalelogError(tr("no salelog database at {path}", path=path), tr("check --db / SALELOG_DB"))
    try:
        return sqlite3.connect(Path(path).absolute().as_uri() + "?mode=rw", uri=True, timeout=busy_timeout_seconds())
    except sqlite3.Error as e:
        raise SalelogError(
            tr("cannot open database {path}: {reason}", path=path, reason=e), tr("check the path and its permissions")
        ) from None


def backup(source: str, dest: str, *, numbered: bool = False) -> tuple[str, list[str]]:
    """Copy the database `source` into the new file `dest` with SQLite's online
    backup API, which copies a consistent snapshot even while another process
    writes; `dest` is owner-only (0600) and never overwritten: refused if it
    exists, or with `numbered` the first free of NAME-2.db, NAME-3.db, ... is
    taken -> (the path written, its integrity_check lines: ["ok"] when sound).
    A failed backup leaves no file behind."""
    conn = _open_existing(source)
    try:
        dest = _create_new(dest, numbered=numbered)
    except BaseException:
        conn.close()
        raise
    try:
        copy = sqlite3.connect(dest)
        try:
            try:
                conn.backup(copy)
                return dest, [line for (line,) in copy.execute("PRAGMA integrity_check")]
            except sqlite3.DatabaseError as e:
                # A full disk or an I/O error is the copy's; a lock or damage, the source's
                # (the copy has its pages as they were: reading it back finds the source's damage).
                with errors_explained(dest if write_failed(e) else source):
                    raise
        finally:
            copy.close()
    except BaseException:
        for leftover in (dest, dest + "-wal", dest + "-shm", dest + "-journal"):
            if os.path.exists(leftover):
                os.unlink(leftover)
        raise
    finally:
        conn.close()


def _create_new(dest: str, *, numbered: bool) -> str:
    """Create `dest` empty and owner-only (or, `numbered`, the first free of
    dest, NAME-2.db, NAME-3.db, ...) -> the path created."""
    stem, extension = os.path.splitext(dest)
    candidate, number = dest, 1
    while True:
        try:
            os.close(os.open(candidate, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600))  # O_EXCL: never overwrite
            return candidate
        except FileExistsError:
            if not numbered:
                raise SalelogError(
                    tr("{path} already exists", path=dest), tr("give another PATH; a backup never overwrites")
                ) from None
        except OSError as e:
            raise SalelogError(
                tr("cannot create {path}: {reason}", path=candidate, reason=e.strerror), tr("choose a writable folder")
            ) from None
        number += 1
        candidate = f"{stem}-{number}{extension}"


def inspect_database(path: str) -> dict:
    """What salelog doctor reports about the file at `path`, read without changing
    it -> {"user_version", "journal_mode", "integrity" (lines; ["ok"] when sound),
    "counts" ({table: rows} for the main tables present), "derived" (_derived_drift;
    None unless the file is sound and of this salelog's schema)}."""
    from .db import SCHEMA_VERSION

    conn = _open_existing(path)
    try:
        with errors_explained(path):
            user_version = conn.execute("PRAGMA user_version").fetchone()[0]
            journal_mode = conn.execute("PRAGMA journal_mode").fetchone()[0]
            integrity = [line for (line,) in conn.execute("PRAGMA integrity_check")]
            tables = {name for (name,) in conn.execute("SELECT name FROM sqlite_master WHERE type = 'table'")}
            counts = {
                table: conn.execute(f"SELECT count(*) FROM {table}").fetchone()[0]
                for table in ("customers", "entries", "followups", "tasks", "goals")
                if table in tables
            }
            # Only a sound file of this salelog's schema has the derived tables as FRESH says them.
            sound = integrity == ["ok"] and user_version == SCHEMA_VERSION
            derived = _derived_drift(conn) if sound else None
    finally:
        conn.close()
    return {
        "user_version": user_version,
        "journal_mode": journal_mode,
        "integrity": integrity,
        "counts": counts,
        "derived": derived,
    }


def _derived_drift(conn: sqlite3.Connection) -> dict[str, int]:
    """Each derived table (store/derived.py FRESH) -> how many of its rows (by key: the
    first column) differ from what its sources say now, wrong, missing or left over: 0
    when it is right."""
    from .derived import FRESH

    drift = {}
    for table, fresh in FRESH.items():
        kept = f"SELECT * FROM {table}"
        keys = set()
        for one, other in ((fresh, kept), (kept, fresh)):
            keys.update(key for key, *_ in conn.execute(f"{one} EXCEPT {other}"))
        drift[table] = len(keys)
    return drift


def rebuild_derived(path: str, tables: list[str]) -> None:
    """Rewrite `tables` (of store/derived.py FRESH) from their sources, in one
    transaction (salelog doctor --fix); the file must be of this salelog's schema."""
    from .derived import FRESH

    conn = _open_existing(path)
    try:
        with errors_explained(path):
            conn.execute("BEGIN IMMEDIATE")
            try:
                for table in tables:
                    conn.execute(f"DELETE FROM {table}")
                    conn.execute(f"INSERT INTO {table} {FRESH[table]}")
            except BaseException:
                conn.rollback()
                raise
            conn.commit()
    finally:
        conn.close()


def open_readonly(path: str) -> sqlite3.Connection:
    """Another logbook (a team member's database or a salelog backup of it),
    read from a private copy of it (_snapshot), else opened read-only (SQLite's
    mode=ro: nothing can change it), never migrated;
    refused in one line, naming it, when missing, not a salelog database, or of
    another schema version than this salelog's."""
    from ..context import current
    from .db import SCHEMA_VERSION, sqlite_connection
    from .db_errors import written_by_newer

    if not os.path.isfile(path):
        raise SalelogError(tr("no salelog database at {path}", path=path), tr("check the path"))
    conn = _snapshot(path) or sqlite_connection(path, read_only=True)
    try:
        with errors_explained(path):
            try:
                version = conn.execute("PRAGMA user_version").fetchone()[0]
                tables = {name for (name,) in conn.execute("SELECT name FROM sqlite_master WHERE type = 'table'")}
            except sqlite3.DatabaseError as e:
                if "not a database" not in str(e):
                    raise  # locked, unreadable: errors_explained says which
                version, tables = 0, set()
        if version == 0 or not {"entries", "customers", "goals"} <= tables:
            raise SalelogError(
                tr("{path} is not a salelog database", path=path), tr("give a salelog database or a salelog backup")
            )
        if version > SCHEMA_VERSION:
            raise written_by_newer(path, version)
        if version < SCHEMA_VERSION:
            raise SalelogError(
                tr("database {path} was written by an older salelog (schema {version})", path=path, version=version),
                tr("its owner's next salelog command upgrades it; then send a new backup"),
            )
    except BaseException:
        conn.close()
        raise
    current().connections.append(conn)  # closed when the run ends, if not before
    return conn


def _snapshot(path: str) -> sqlite3.Connection | None:
    """A connection to a private copy of another person's logbook, taken while no
    write was under way (no -wal beside it, the file the same before and after the
    copy); None while one is (mode=ro then reads the commits its -wal holds). Read in
    place, SQLite would leave -shm and -wal files beside it, owned by whoever ran the
    report, which its owner's salelog then could not write: their logbook would
    refuse every write. The copy is unlinked once open (POSIX), else when the run ends."""
    import shutil
    import tempfile

    from . import undo
    from .engine import being_written, read_only_uri

    def state() -> tuple | None:
        if being_written(path):
            return None
        st = os.stat(path)
        return (st.st_ino, st.st_size, st.st_mtime_ns, st.st_ctime_ns)

    for _ in range(3):
        before = state()
        if before is None:
            return None
        fd, copy = tempfile.mkstemp(prefix="salelog-team-", suffix=".db")  # 0600: the member's customers
        try:
            with open(path, "rb") as source, os.fdopen(fd, "wb") as target:
                shutil.copyfileobj(source, target)
        except OSError:
            os.unlink(copy)
            return None  # no room for a copy: read in place
        if state() != before:
            os.unlink(copy)
            continue  # written meanwhile: copy again
        conn = sqlite3.connect(
            read_only_uri(copy, settled=True),
            uri=True,
            timeout=busy_timeout_seconds(),
            isolation_level=None,
            factory=undo.Logbook,
        )
        _remove_later(copy)  # connect opened the file: its name can go
        return conn
    return None


def _remove_later(path: str) -> None:
    """An open snapshot's file: unlinked now where the system lets an open file go (POSIX), else at exit."""
    if os.name != "nt":
        os.unlink(path)
        return
    import atexit

    atexit.register(lambda: os.path.exists(path) and os.unlink(path))
