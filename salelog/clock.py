"""The single seam for "now": SALELOG_NOW replaces the clock everywhere
(read once a run by salelog/context.py's read_clock)."""

from datetime import datetime


def now() -> datetime:
    """This run's "now" (read once a run: every part of one command sees the same time)."""
    from .context import current

    return current().now
