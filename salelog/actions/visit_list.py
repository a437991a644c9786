"""visit list: the logged entries, newest first."""

import sys
from datetime import timedelta

from .. import store
from ..context import Context
from ..i18n import tr
from ..metrics import resolve_kind
from ..parse import parse_since_until
from ..text import check_name


def visit_list(
    run: Context,
    *,
    since: str | None = None,
    until: str | None = None,
    customer: str | None = None,
    kind: str | None = None,
    limit: int | None = None,
    as_json: bool = False,
) -> None:
    """Logged entries, newest first: at most `limit` (50 by default, all with --json; 0: all)."""

    now = run.now
    # An empty filter is not "everyone" (a script's empty variable): check_name refuses it.
    hint = "give one, e.g. {example}, or leave {option} out for all"
    if customer is not None:
        customer = check_name(customer, "--customer", tr(hint, example="--customer 张总", option="--customer"))
    if kind is not None:
        kind = check_name(kind, "--kind", tr(hint, example="--kind call", option="--kind"))
    first, last = parse_since_until(since, until, now)  # 本周, 上个月: from their first day to their last
    lower = first.isoformat() if first else None
    upper = (last + timedelta(days=1)).isoformat() if last else None
    kind_id = resolve_kind(kind) if kind else None
    conn = store.connect(run.db, create=False)
    with store.reading(conn):
        customer_id = store.require_customer(conn, customer.strip())[0] if customer else None
        shown = limit if limit is not None else 0 if as_json else 50
        rows = store.list_entries(conn, lower, upper, customer_id, kind_id, shown + 1 if shown else None)
    more = bool(shown) and len(rows) > shown
    rows = rows[:shown] if shown else rows
    if as_json:
        from ..report import entry_json
        from .show import print_json

        print_json([entry_json(row) for row in rows])
        return
    if not rows:
        print(tr("No entries match. Log one: salelog visit add 张总 --kind call"))
        return
    from .. import views

    views.print_entries(rows)
    if more:
        sys.stdout.flush()
        print(tr("showing the newest {n}; --limit 0 for all", n=shown), file=sys.stderr)
