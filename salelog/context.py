"""One run of salelog: what every command needs to know about it, decided in
cli.main and handed to the command (`actions.<name>(ctx, ...)`).

`now`, the output language and the settings are worked out the first time they
are asked for, not up front: most runs of `visit add` never read the config
file, and reading it would cost them (tomllib) on every start-up.

cli.main makes a new Context for every call, so nothing one run decided leaks
into the next (the tests call main() many times in one process).
"""

import os
from datetime import datetime

_current: "Context | None" = None


class Context:
    """now, the database option, the language, the settings of one run."""

    __slots__ = ("db", "lang", "_now", "config_cache", "connections", "committed")

    def __init__(self, db: str | None = None, lang: str | None = None, *, now: datetime | None = None):
        self.db = db  # --db as given; None: $SALELOG_DB, else the user data folder
        self.lang = lang  # en or zh: --lang, else (decided by i18n when first needed) the config's, else the locale's
        self._now = now
        self.config_cache: dict = {}  # checked config values asked for on every call (config.once)
        self.connections: list = []  # databases this run opened: closed when it ends
        # (file, what in the undo log's words or None) for each write it committed:
        # Ctrl-C, or output that cannot be printed, then says what was saved.
        self.committed: list[tuple[str, str | None]] = []

    def close(self) -> None:
        """End the run: close its databases (SQLite then folds the WAL back into the file)."""
        while self.connections:
            self.connections.pop().close()

    @property
    def now(self) -> datetime:
        """The current local time (naive, to the second), or $SALELOG_NOW; the same all run long."""
        if self._now is None:
            self._now = read_clock()
        return self._now

    @property
    def settings(self) -> dict:
        """The config file, every key checked ({} without a file)."""
        from . import config

        return config.load()  # kept in config_cache: read once a run


def read_clock() -> datetime:
    """The current local time (naive, to the second), or SALELOG_NOW when set:
    the single seam for "now" (salelog/clock.py's now() is this run's)."""
    frozen = os.environ.get("SALELOG_NOW", "").strip()
    if not frozen:
        return datetime.now().replace(microsecond=0)
    try:
        return datetime.fromisoformat(frozen).replace(tzinfo=None)
    except ValueError:
        from .errors import SalelogError

        raise SalelogError(
            'SALELOG_NOW="{value}" is not an ISO date or datetime',
            "use e.g. SALELOG_NOW=2026-11-25 or SALELOG_NOW=2026-11-25T18:00",
            value=frozen[:40],
        ) from None


def begin(db: str | None = None, lang: str | None = None) -> Context:
    """Start a run: a fresh Context, which current() returns until the next begin()."""
    global _current
    _current = Context(db, lang)
    return _current


def end(run: Context) -> None:
    """End `run`: close its databases; what comes after it (another run, or a
    library caller) starts from a fresh Context."""
    global _current
    run.close()
    if _current is run:
        _current = None


def current() -> Context:
    """The run under way (a default one outside cli.main, e.g. a library caller)."""
    return _current if _current is not None else begin()
