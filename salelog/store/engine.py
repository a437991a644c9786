"""SQLite's module, loaded for a fraction of what `import sqlite3` costs.

`import sqlite3` costs about half of Python's own start-up (~9 ms on the machine
of bench/README.md), and most of it is not SQLite: the package's Python half
imports collections.abc (which imports collections), and its C half `_sqlite3`
imports functools (which imports collections too) only to take `lru_cache` for
its statement cache. `_sqlite3` is the module: the package re-exports its
classes, functions and constants, adding DB-API date helpers and default
adapters for datetime objects that salelog never binds (dates are stored as ISO
text). So salelog uses `_sqlite3`, and lends it, while it initialises, a
`functools` whose `lru_cache` builds the same C cache functools' would. A later
`import functools` (Typer, sqlite-utils, tests) gets the real module, and a
later `import sqlite3` wraps this same `_sqlite3`.

Everything in salelog imports SQLite from here: `from .engine import sqlite3`.
"""

import sys


def _load():
    if "_sqlite3" in sys.modules or "functools" in sys.modules:
        import _sqlite3

        return _sqlite3
    try:
        from _functools import _lru_cache_wrapper  # here, so that an interpreter without it falls back

        def lru_cache(maxsize=128, typed=False):
            return lambda call: _lru_cache_wrapper(call, maxsize, typed, tuple)

        stand_in = type(sys)("functools")
        stand_in.lru_cache = lru_cache
        sys.modules["functools"] = stand_in
        try:
            import _sqlite3
        finally:
            del sys.modules["functools"]
        return _sqlite3
    except (ImportError, AttributeError):  # another interpreter: the package as it is
        import sqlite3

        return sqlite3


sqlite3 = _load()


def being_written(path: str) -> bool:
    """Whether a -wal file stands beside the database `path` is (or links to: SQLite
    puts it beside the file a link points to): a writer is at work, or left commits
    there that only SQLite's mode=ro reads."""
    import os

    return os.path.exists(os.path.realpath(path) + "-wal")


def read_only_uri(path: str, *, settled: bool = False) -> str:
    """The URI that opens `path` (SQLite's mode=ro) for reading without changing it.
    With `settled` (a read whose failure or stale answer costs nothing: a Tab's
    completion, which turns an error into no names) and no -wal beside the file, it
    is opened immutable: SQLite neither locks nor makes the -shm and -wal files
    that a read-only connection cannot remove, and that every Tab would otherwise
    leave beside the logbook. Not for a report: a writer that begins after the
    look for a -wal could change pages under an immutable reader."""
    import os

    immutable = settled and not being_written(path)
    path = os.path.realpath(path)
    if os.name == "nt":
        path = "/" + path.replace("\\", "/")  # file:///C:/...
    quoted = path.replace("%", "%25").replace("?", "%3f").replace("#", "%23")
    return f"file://{quoted}?mode=ro" + ("&immutable=1" if immutable else "")
