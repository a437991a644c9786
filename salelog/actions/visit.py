"""visit add / visit list: log a contact the minute it ends, and list the log."""

import sys
from datetime import datetime, timedelta

from .. import store
from ..context import Context
from ..errors import SalelogError
from ..i18n import kind_name, tr, weekday
from ..metrics import resolve_kind
from ..parse import parse_amount, parse_date, parse_datetime, parse_minutes, show_amount
from ..periods import week_of
from ..text import check_name, check_text, visible
from .show import print_json


def visit_add(
    run: Context,
    *,
    customer: str | None = None,
    kind: str | None = None,
    amount: str | None = None,
    outcome: str | None = None,
    needs: str | None = None,
    feedback: str | None = None,
    next: str | None = None,
    next_date: str | None = None,
    at: str | None = None,
    minutes: str | None = None,
    tag: list[str] | None = None,
    new: bool = False,
) -> None:
    """Log one call, visit, email, meeting or message; print one confirmation line.

    The customer is resolved by store.resolve_customer; `new` creates it even
    when a known name is close."""
    now = run.now
    # Everything is parsed before the database is opened: bad input writes nothing.
    name = check_name(customer)
    if kind is None:
        from .. import config

        kind = config.default_kind(config.load())  # "visit" unless the config says otherwise
    if at is not None and not at.strip():
        raise SalelogError(
            tr("--at is empty"), tr("give when it happened, e.g. --at 昨天下午3点, or leave --at out for now")
        )
    entry = {
        "at": now.strftime("%Y-%m-%d %H:%M:%S"),
        "amount_fen": None,
        "outcome": None,
        "needs": None,
        "feedback": None,
        "next_step": None,
        "next_date": None,
        "minutes": None,
    }
    entry |= entry_fields(
        now,
        kind=kind,
        amount=amount,
        outcome=outcome,
        needs=needs,
        feedback=feedback,
        next=next,
        next_date=next_date,
        at=at,
        minutes=minutes,
    )
    when = datetime.fromisoformat(entry["at"])  # not strptime: it imports locale and calendar
    tags = check_tags(tag)
    conn = store.connect(run.db)
    with store.writing(conn, undo_as=f"visit add {name}"):
        customer_id, matched_name, how = store.resolve_customer(conn, name, now, new=new)
        entry_id = store.insert_entry(conn, customer_id, entry, tags, now)
        store.relabel(conn, f"visit add #{entry_id} ({entry['kind']} with {matched_name})")
        closed = store.close_due_followups(conn, customer_id, entry_id, entry["at"])
        if entry["next_step"] or entry["next_date"]:
            store.open_followup(conn, customer_id, entry_id, entry["next_step"], entry["next_date"], now)
    parts = [
        tr(
            "logged #{id}: {kind} with {customer}",
            id=entry_id,
            kind=kind_name(entry["kind"]),
            customer=visible(matched_name),
        )
    ]
    if how == "created":
        parts[0] += tr(" (new customer)")
    elif how == "matched":
        parts[0] += tr(' (for "{typed}")', typed=visible(name))

    if entry["amount_fen"]:
        parts.append(show_amount(entry["amount_fen"]))
    if at is not None:
        day = weekday(when.weekday(), ("Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"))
        parts.append(
            tr("at {when}", when=f"{day} {when:%Y-%m-%d %H:%M}")
            + (tr(" (an earlier week)") if when.date() < week_of(now.date()).start else "")
        )
    if entry["next_step"] or entry["next_date"]:
        parts.append(tr("next: ") + " ".join(filter(None, [visible(entry["next_step"] or ""), entry["next_date"]])))
    if closed:
        done = tr(", ").join(
            tr("#{id} {what} (due {date})", id=f["id"], what=visible(f["what"] or ""), date=f["due_date"]).replace(
                "  ", " "
            )
            for f in closed
        )
        parts.append(tr("closed follow-ups {list}" if len(closed) > 1 else "closed follow-up {list}", list=done))
    print(" · ".join(parts))
    if when > now + timedelta(minutes=1):
        print(tr("note: {when} is in the future", when=f"{when:%Y-%m-%d %H:%M}"), file=sys.stderr)
    if entry["next_date"] and entry["next_date"] < now.date().isoformat():
        print(tr("note: the next step's date {date} is already past", date=entry["next_date"]), file=sys.stderr)


def entry_fields(now: datetime, *, clearing: bool = False, **typed: str | None) -> dict:
    """The entry columns for the options given (None = not given). With
    `clearing` (visit edit) an empty value clears an optional field."""
    readers = {
        "kind": ("kind", resolve_kind),
        "amount": ("amount_fen", parse_amount),
        "outcome": ("outcome", lambda v: check_text(v, "--outcome")),
        "needs": ("needs", lambda v: check_text(v, "--needs")),
        "feedback": ("feedback", lambda v: check_text(v, "--feedback")),
        "next": ("next_step", lambda v: check_text(v, "--next")),
        "next_date": ("next_date", lambda v: parse_date(v, now, prefer="future").isoformat()),
        "at": ("at", lambda v: parse_datetime(v, now, prefer="past").strftime("%Y-%m-%d %H:%M:%S")),
        "minutes": ("minutes", parse_minutes),
    }
    fields = {}
    for option, value in typed.items():
        if value is None:
            continue
        column, read = readers[option]
        if clearing and value.strip() == "" and option not in ("kind", "at"):
            fields[column] = None
        else:
            fields[column] = read(value)
    return fields


def check_tags(tags: list[str] | None) -> list[str]:
    return [check_name(t, "--tag", hint=tr("give a tag, e.g. --tag demos")) for t in tags or []]


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
    lower = parse_date(since, now).isoformat() if since else None
    upper = (parse_date(until, now) + timedelta(days=1)).isoformat() if until else None
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
