"""visit add: log a contact the minute it ends (visit_list.py lists the log, visit_edit.py changes it)."""

import sys
from datetime import datetime

from .. import store
from ..context import Context
from ..errors import SalelogError
from ..fields import BY_KEY, LISTS, SCALARS, read, read_values
from ..i18n import kind_name, tr, weekday
from ..metrics import check_sale
from ..money import show_amount
from ..text import check_name, visible


def visit_add(
    run: Context,
    *,
    customer: str | None = None,
    new: bool = False,
    new_tag: bool = False,
    deal: str | None = None,
    **given,
) -> None:
    """Log one call, visit, email, meeting or message; print one confirmation line.

    `given`: the entry's options as typed (keys of fields.ENTRY_FIELDS; None or
    absent: not given). The customer is resolved by store.resolve_customer; `new`
    creates it even when a known name is close. A tag close to a custom metric's
    name is refused (check_tags) unless `new_tag`. `deal` (an id) links the
    entry to that deal of the customer's; without it, the customer's one open deal, if one."""
    now = run.now
    scalars, lists = split_given(given)
    kind, at = scalars.get("kind"), scalars.get("at")
    # Everything is parsed before the database is opened: bad input writes nothing.
    name = check_name(customer)
    if kind is None:
        from .. import config

        kind = config.default_kind(config.load())  # "visit" unless the config says otherwise
    if at is not None and not at.strip():
        raise SalelogError("--at is empty", "give when it happened, e.g. --at 昨天下午3点, or leave --at out for now")
    complaint = scalars.get("complaint")
    if complaint is not None and not complaint.strip():
        raise SalelogError(
            "--complaint is empty", 'say what the customer complained about, e.g. --complaint "交货晚了三天"'
        )
    entry = dict.fromkeys((f.column for f in SCALARS), None) | {"at": now.strftime("%Y-%m-%d %H:%M:%S")}
    entry |= entry_fields(now, **(scalars | {"kind": kind}))
    check_sale(entry["kind"], entry["amount_fen"])
    values = read_lists(lists)
    calendar = None
    if complaint is not None:  # its follow-up is due the next working day
        from ..periods import load_calendar

        calendar = load_calendar()
    when = datetime.fromisoformat(entry["at"])  # not strptime: it imports locale and calendar
    conn = store.connect(run.db)
    with store.writing(conn, undo_as=f"visit add {name}"):
        if not new_tag:
            check_tags(conn, values["tag"])
        customer_id, matched_name, how = store.resolve_customer(conn, name, now, new=new)
        linked = deal_to_link(conn, customer_id, matched_name, deal)
        entry_id, closed = store.record_contact(
            conn, customer_id, entry, lists=values, now=now, calendar=calendar, deal_id=linked and linked[0]
        )
        reached = store.rewards_reached_by(conn)
        complaint_due = store.complaint_due_of(conn, entry_id) if entry["complaint"] else None
        # In the output language: `undo` says it back in the words the user reads.
        label = tr(" ({kind} with {name})", kind=kind_name(entry["kind"]), name=matched_name)
        store.relabel(conn, f"visit add #{entry_id}{label}")
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
    elif how == "pinyin":
        parts[0] += tr(' (from "{typed}")', typed=visible(name))

    if entry["amount_fen"]:
        parts.append(show_amount(entry["amount_fen"]))
    if linked:
        parts.append(
            tr("deal #{id} {title}", id=linked[0], title=visible(linked[1]))
            + (tr(" (their one open deal)") if deal is None else "")
        )
    if at is not None:
        from ..periods import week_of

        day = weekday(when.weekday(), ("Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"))
        parts.append(
            tr("at {when}", when=f"{day} {when:%Y-%m-%d %H:%M}")
            + (tr(" (an earlier week)") if when.date() < week_of(now.date()).start else "")
        )
    if entry["next_step"] or entry["next_date"]:
        parts.append(tr("next: ") + " ".join(filter(None, [visible(entry["next_step"] or ""), entry["next_date"]])))
    if entry["complaint"]:
        parts.append(tr("complaint follow-up due {date}", date=complaint_due))
    if closed:
        done = tr(", ").join(
            tr("#{id} {what} (due {date})", id=f["id"], what=visible(f["what"] or ""), date=f["due_date"]).replace(
                "  ", " "
            )
            for f in closed
        )
        parts.append(tr("closed follow-ups {list}" if len(closed) > 1 else "closed follow-up {list}", list=done))
    print(" · ".join(parts))
    if reached:
        from .rewards import reached_lines

        print("\n".join(reached_lines(reached)))
    if store.dated_later(entry["at"], now):
        future = tr("note: {when} is in the future: it closes no follow-up", when=f"{when:%Y-%m-%d %H:%M}")
        print(future, file=sys.stderr)
    if entry["next_date"] and entry["next_date"] < now.date().isoformat():
        print(tr("note: the next step's date {date} is already past", date=entry["next_date"]), file=sys.stderr)


def deal_to_link(conn, customer_id: int, customer: str, deal: str | None) -> tuple[int, str] | None:
    """The deal a new entry is linked to: the one `deal` names (it must be the
    customer's), or without one the customer's only open deal -> (deal id, title), or None.
    Chosen before the entry is written, so that it is written linked (one statement)."""
    if deal is None:
        open_deals = store.open_deals_of(conn, customer_id)
        return open_deals[0] if len(open_deals) == 1 else None
    deal_id = store.deal_id_for(conn, deal)
    row = store.deal(conn, deal_id)
    if row["customer_id"] != customer_id:
        raise SalelogError(
            "deal #{id} is {owner}'s, not {customer}'s",
            "give one of {customer}'s deals (salelog deal list --customer {customer}); nothing was written",
            id=deal_id,
            owner=row["customer"],
            customer=customer,
        )
    return deal_id, row["title"]


def check_tags(conn, tags: list[str] | None) -> None:
    """Refuse a tag that is not a custom metric's name but close to one (names.close_names):
    "demos" beside the metric demo would log an entry the metric never counts."""
    metrics = sorted(store.custom_metric_names(conn)) if tags else []
    if not metrics:
        return
    from ..names import close_names  # only when there is something to compare

    for tag in tags:
        close = [] if tag in metrics else close_names(tag, metrics)
        if close:
            raise SalelogError(
                'unknown tag "{tag}"; did you mean {names}?',
                'custom metrics count their exact tag; add --new-tag to keep "{tag}" as typed; nothing was written',
                tag=tag,
                names=tr(" or ").join(close),
            )


def split_given(given: dict) -> tuple[dict, dict]:
    """An action's entry options -> (scalar fields, list fields) by key; a key
    that names no field is a bug in the caller, not a user error."""
    unknown = given.keys() - BY_KEY.keys()
    if unknown:
        raise TypeError(f"not entry fields: {sorted(unknown)}")
    return (
        {k: v for k, v in given.items() if BY_KEY[k] in SCALARS},
        {k: v for k, v in given.items() if BY_KEY[k] in LISTS},
    )


def entry_fields(now: datetime, *, clearing: bool = False, **typed: str | None) -> dict:
    """The entries columns for the scalar options given (None = not given). With
    `clearing` (visit edit) an empty value clears a clearable field."""
    fields = {}
    for key, value in typed.items():
        if value is None:
            continue
        field = BY_KEY[key]
        if clearing and field.clearable and value.strip() == "":
            fields[field.column] = None
        else:
            fields[field.column] = read(field, value, now)
    return fields


def read_lists(given: dict, *, editing: bool = False) -> dict[str, list[str] | None]:
    """The list options given -> their values by key (fields.read_values: "华为、中兴"
    is two). Adding, a blank value is an error and a list not given is [];
    editing, a list not given is None (keep what is stored) and blank clears it."""
    lists = {}
    for field in LISTS:
        texts = given.get(field.key)
        if texts is None:
            lists[field.key] = None if editing else []
            continue
        if not editing and any(not t.strip() for t in texts):
            raise SalelogError(
                "{field} is empty",
                "give one, e.g. {flag} {example}",
                field=field.flags[0],
                flag=field.flags[0],
                example=field.example,
            )
        lists[field.key] = read_values(field, texts)
    return lists
