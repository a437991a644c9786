"""The single seam for "now": SALELOG_NOW replaces the clock everywhere."""

import os
from datetime import datetime

from .errors import SalelogError


def now() -> datetime:
    """This run's "now" (read once a run: every part of one command sees the same time)."""
    from .context import current

    return current().now


def read_clock() -> datetime:
    """The current local time (naive, to the second), or SALELOG_NOW when set."""
    frozen = os.environ.get("SALELOG_NOW", "").strip()
    if not frozen:
        return datetime.now().replace(microsecond=0)
    try:
        return datetime.fromisoformat(frozen).replace(tzinfo=None)
    except ValueError:
        raise SalelogError(
            'SALELOG_NOW="{value}" is not an ISO date or datetime',
            "use e.g. SALELOG_NOW=2026-11-25 or SALELOG_NOW=2026-11-25T18:00",
            value=frozen[:40],
        ) from None
