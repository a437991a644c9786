"""The database file and its transactions: where it lives, opening it safely
(owner-only, WAL, busy timeout, foreign keys), migrating it, one write or read
transaction per command, waiting for the write lock; SQLite's errors are turned
into messages for people by db_errors.py.

sqlite-utils and salelog/migrations.py are imported only when PRAGMA
user_version says a migration is due.
"""

import os

from ..context import current
from ..errors import SalelogError
from ..i18n import tr
from . import undo
from .engine import read_only_uri, sqlite3

# The migrations of salelog/migrations.py by name, in order. A database's schema
# version (PRAGMA user_version) is how many of them it has had, set by the
# migration runner there. Listed here rather than read from there so that
# opening a current database never imports that module (nor sqlite-utils); it
# refuses to load if its migrations and this list differ.
MIGRATIONS = (
    "m001_logbook",
    "m002_customer_archive",
    "m003_undo_log",
    "m004_tasks",
    "m005_reviews",
    "m006_competitors",
    "m007_entry_source_id",
    "m008_task_first_due",
    "m009_settings",
    "m010_deals",
    "m011_day_activities",
    "m012_review_periods",
    "m013_rewards",
    "m014_customer_sound",
    "m015_payments",
    "m016_customer_life",
    "m017_day_totals",
    "m018_archive_indexes",
    "m019_sale_kind",
    "m020_review_sums",
    "m021_customer_facts",
    "m022_undo_on_demand",
    "m023_customers_in_name_order",
    "m024_derived_on_demand",
)
SCHEMA_VERSION = len(MIGRATIONS)
# How long a command waits for another writer, so that two terminals and a cron
# job never see "database is locked"; SALELOG_BUSY_TIMEOUT (seconds) overrides it.
BUSY_TIMEOUT_SECONDS = 15


def busy_timeout_seconds() -> float:
    """How long to wait for the write lock: SALELOG_BUSY_TIMEOUT, else BUSY_TIMEOUT_SECONDS."""
    try:
        return float(os.environ.get("SALELOG_BUSY_TIMEOUT", BUSY_TIMEOUT_SECONDS))
    except ValueError:
        return BUSY_TIMEOUT_SECONDS


def resolve_db_path(option: str | None) -> str:
    """--db PATH, else $SALELOG_DB, else the platform's user data dir."""
    chosen = option or os.environ.get("SALELOG_DB")
    if chosen:
        return os.path.abspath(os.path.expanduser(chosen))
    from ..paths import user_data_dir

    return os.path.join(user_data_dir(), "salelog.db")


def connect(db_option: str | None, *, create: bool = True) -> sqlite3.Connection:
    """open_db at the path --db, $SALELOG_DB or the default folder gives."""
    return open_db(resolve_db_path(db_option), create=create)


def open_db(path: str, *, create: bool = True) -> sqlite3.Connection:
    """Open and migrate the database at `path`; a write command (`create`) makes
    it, owner-only, and says so on stderr, a read command refuses a missing file
    (a mistyped --db must not look like an empty logbook).

    Refuses, without touching it, a directory, a file that is not SQLite, an SQLite
    file of another program, or a database written by a newer salelog.
    """
    if not create and not os.path.exists(path):
        raise SalelogError(
            tr("no salelog database at {path}", path=path),
            tr("check --db / SALELOG_DB; a database is created by the first salelog goal set or visit add"),
        )
    _prepare_file(path)
    if create and not os.access(path, os.W_OK):
        # Refused before SQLite opens it: it would leave read-only -wal/-shm files
        # beside it that keep refusing writes even after chmod u+w.
        raise SalelogError(
            tr("database {path} is read-only", path=path), tr("fix its permissions (chmod u+w) or those of its folder")
        )
    conn = sqlite_connection(path)
    try:
        with errors_explained(path):
            try:
                version = conn.execute("PRAGMA user_version").fetchone()[0]
            except sqlite3.OperationalError:
                if not _read_only_file_system(path, create):
                    raise
                conn.close()
                conn = _private_copy(path)
                version = conn.execute("PRAGMA user_version").fetchone()[0]
            if version > SCHEMA_VERSION:
                from .db_errors import written_by_newer

                raise written_by_newer(path, version)
            conn.execute("PRAGMA foreign_keys = ON")
            if version < SCHEMA_VERSION:
                _migrate(conn, path, version)
    except BaseException:
        conn.close()
        raise
    _warn_if_shared(path)  # only once the file is known to be a salelog database
    current().connections.append(conn)  # closed when the run ends (cli.main)
    return conn


def _read_only_file_system(path: str, create: bool) -> bool:
    """Whether a read of `path` failed for being on a read-only file system, where SQLite
    cannot make the -shm a WAL read needs (asked only once a read has failed)."""
    if create or os.name != "posix":
        return False
    return bool(os.statvfs(os.path.dirname(os.path.realpath(path)) or ".").f_flag & os.ST_RDONLY)


def _private_copy(path: str) -> sqlite3.Connection:
    """The logbook read from a private copy, as team report reads another's (taken while
    no write is under way: another path to the same file may still be written); in place
    if it cannot be had. Its errors name the logbook, not the copy."""
    from .maintenance import _snapshot

    conn = _snapshot(path) or sqlite_connection(path)
    conn.read_for = path
    return conn


def sqlite_connection(path: str, *, read_only: bool = False) -> sqlite3.Connection:
    """SQLite's connection to `path` (`read_only`: SQLite's mode=ro, nothing can
    change the file), our busy timeout, transactions begun by us; its error in one line."""
    try:
        target, uri = (read_only_uri(path), True) if read_only else (path, False)
        return sqlite3.connect(
            target, uri=uri, timeout=busy_timeout_seconds(), isolation_level=None, factory=undo.Logbook
        )
    except sqlite3.Error as e:
        raise SalelogError(
            tr("cannot open database {path}: {reason}", path=path, reason=e), tr("check the path and its permissions")
        ) from None


def _prepare_file(path: str) -> None:
    if os.path.isdir(path):
        raise SalelogError(
            tr("database path {path} is a directory", path=path), tr("give a file path, e.g. --db ~/sales/salelog.db")
        )
    if os.path.exists(path):
        return
    try:
        from ..paths import make_private_folders

        make_private_folders(os.path.dirname(path) or ".")
        fd = os.open(path, os.O_CREAT | os.O_EXCL | os.O_WRONLY, 0o600)
        os.close(fd)
        import sys

        print(tr("created new database {path}", path=path), file=sys.stderr)
    except FileExistsError:
        pass  # another process created it in between: fine
    except OSError as e:
        raise SalelogError(
            tr("cannot create database {path}: {reason}", path=path, reason=e.strerror),
            tr("choose a writable place with --db or SALELOG_DB"),
        ) from None


def _warn_if_shared(path: str) -> None:
    """One line on stderr when others may read the customer data (the file is kept 0600)."""
    import stat

    try:
        mode = stat.S_IMODE(os.stat(path).st_mode)
    except OSError:
        return
    if mode & 0o077:
        import sys

        print(
            tr(
                "warning: database {path} is readable by others (mode {mode}); fix: salelog doctor --fix",
                path=path,
                mode=f"{mode:04o}",
            ),
            file=sys.stderr,
        )


def _migrate(conn: sqlite3.Connection, path: str, version: int) -> None:
    # Version and tables are read under the write lock: another process may be
    # migrating this very file (two terminals' first commands at once).
    with writing(conn, migrating=True):
        version = conn.execute("PRAGMA user_version").fetchone()[0]
        if version == 0 and conn.execute("SELECT count(*) FROM sqlite_master").fetchone()[0]:
            raise SalelogError(
                tr("{path} is an SQLite database of another program, not salelog's", path=path),
                tr("point --db or SALELOG_DB at a salelog database or a new file"),
            )
    if version >= SCHEMA_VERSION:
        return
    if conn.execute("PRAGMA journal_mode").fetchone()[0] != "wal":
        conn.execute("PRAGMA journal_mode = WAL")  # readers never block the writer
    from ..migrations import apply_migrations

    with writing(conn, migrating=True):
        # Re-read under the write lock: another process may have migrated meanwhile.
        if conn.execute("PRAGMA user_version").fetchone()[0] < SCHEMA_VERSION:
            apply_migrations(conn, SCHEMA_VERSION)


class writing:
    """One write transaction: all of it commits, or none of it (and the error is ours).

    With `undo_as` (what the command did, in the user's words; relabel() may
    refine it), every row it changes is recorded in the same transaction so that
    `salelog undo` can revert it. What it committed goes on the run's context
    (`committed`), unless it is only a migration (`migrating`).

    The transaction helpers here are classes, not @contextmanager functions:
    `import contextlib` costs ~1 ms of every start-up."""

    def __init__(self, conn: sqlite3.Connection, undo_as: str | None = None, *, migrating: bool = False):
        self.conn, self.undo_as, self.migrating = conn, undo_as, migrating
        self.explained = errors_explained(_filename(conn))

    def __enter__(self) -> sqlite3.Connection:
        self.explained.__enter__()
        try:
            _begin_immediate(self.conn)
            if not self.migrating:  # migrations write what they say (store/derived.py)
                self.conn.set_authorizer(self.conn._authorize)
            if self.undo_as:
                undo.start_recording(self.conn, self.undo_as)
        except BaseException as e:
            self.__exit__(type(e), e, e.__traceback__)
            raise
        return self.conn

    def __exit__(self, kind, error, trace) -> bool:
        if error is None:
            done = None
            try:
                if self.undo_as:
                    done = self.conn.execute("SELECT command FROM undo_log WHERE recording = 1").fetchone()[0]
                    undo.stop_recording(self.conn)
                self.conn.set_authorizer(None)
                self.conn.execute("COMMIT")
            except BaseException as e:
                _roll_back(self.conn)
                self.explained.__exit__(type(e), e, None)  # raises ours for SQLite's errors
                raise
            if not self.migrating:  # a new schema saves nothing of the user's
                current().committed.append((self.explained.path, done))  # to say what was saved if the run fails
            return False
        _roll_back(self.conn)
        return self.explained.__exit__(kind, error, trace)


def _roll_back(conn: sqlite3.Connection) -> None:
    conn.set_authorizer(None)  # a failed command's recording ends with it
    conn.recording = False
    if conn.in_transaction:
        conn.execute("ROLLBACK")
    conn.forget_triggers()  # also when SQLite rolled back by itself (an I/O error, RAISE(ROLLBACK))


def _begin_immediate(conn: sqlite3.Connection) -> None:
    """Take the write lock now, waiting up to the busy timeout for it.

    Asked again every 2 ms rather than through SQLite's busy handler, whose
    sleeps grow to 100 ms: under 8 concurrent writers the writer that had
    waited longest kept sleeping longest and losing the lock to newcomers
    (lock wait p99 204 ms, max 1.3 s; polling: 71 ms, 0.5 s; bench/concurrency.py)."""
    import time

    timeout = busy_timeout_seconds()
    deadline = time.monotonic() + timeout
    conn.execute("PRAGMA busy_timeout = 0")
    try:
        while True:
            try:
                conn.execute("BEGIN IMMEDIATE")
                return
            except sqlite3.OperationalError as e:
                if not _is_busy(e) or time.monotonic() >= deadline:
                    raise
            time.sleep(0.002)
    finally:
        conn.execute(f"PRAGMA busy_timeout = {int(timeout * 1000)}")


def _is_busy(error: sqlite3.OperationalError) -> bool:
    text = str(error).lower()
    return "locked" in text or "busy" in text


class reading:
    """A consistent snapshot for a report made of several queries."""

    def __init__(self, conn: sqlite3.Connection):
        self.conn = conn
        self.explained = errors_explained(_filename(conn))

    def __enter__(self) -> sqlite3.Connection:
        with self.explained:
            self.conn.execute("BEGIN")
        return self.conn

    def __exit__(self, kind, error, trace) -> bool:
        with self.explained:
            _roll_back(self.conn)
        return self.explained.__exit__(kind, error, trace)


def _filename(conn: sqlite3.Connection) -> str:
    """The logbook's path for a message: the one the user gave, for a private copy read in its place."""
    return getattr(conn, "read_for", None) or conn.execute("PRAGMA database_list").fetchone()[2] or "database"


class errors_explained:
    """SQLite's errors -> one line saying what is wrong with the file and what to do."""

    def __init__(self, path: str):
        self.path = path

    def __enter__(self) -> None:
        return None

    def __exit__(self, kind, error, trace) -> bool:
        """Raise the SalelogError that explains an SQLite error; other errors pass (False)."""
        if isinstance(error, sqlite3.DatabaseError):
            from .db_errors import explain

            explain(error, self.path)
        return False
