"""customer add / edit / list / show / merge / rm / classify: the customer
archive (客户档案): cards, timelines, classes."""

import sys

from .. import store
from ..context import Context
from ..deals import deal_record, ladder
from ..errors import SalelogError
from ..fields import CARD_FIELDS, read
from ..i18n import chinese, tr, tr_n
from ..text import check_name, plural, visible
from .show import print_json, print_rows


def card_fields(**given: str | None) -> dict:
    """The card options given (fields.CARD_FIELDS, by param: klass for --class)
    -> the columns to store, each read by its field; absent ones left out."""
    by_param = {f.param: f for f in CARD_FIELDS}
    return {by_param[k].column: read(by_param[k], v, None) for k, v in given.items() if v is not None}


_EXAMPLES = {"--tag": "重点", "--untag": "重点", "--alias": "老张", "--unalias": "老张"}


def _names(values: list[str] | None, field: str) -> list[str]:
    example = _EXAMPLES.get(field)
    hint = tr("give one, e.g. {option} {example}", option=field, example=example) if example else None
    return [check_name(v, field, hint) for v in values or []]


def _check_free(conn, names: list[str], apart_from: int | None = None) -> None:
    for name in names:
        owner = store.name_taken(conn, name, apart_from=apart_from)
        if owner:
            raise SalelogError(
                tr('"{name}" already names customer {owner}', name=name, owner=owner),
                tr("choose another name, or merge the two"),
            )


def customer_add(
    run: Context, *, name: str, tag: list[str] | None = None, alias: list[str] | None = None, **card: str | None
) -> None:
    """Add a customer (`card`: its card options, fields.CARD_FIELDS); a note on
    stderr when the name is close to a known one."""
    name = check_name(name)
    card = card_fields(**card)
    tags, aliases = _names(tag, "--tag"), _names(alias, "--alias")
    conn = store.connect(run.db)
    with store.writing(conn, undo_as=f"customer add {name}"):
        _check_free(conn, [name, *aliases])
        close = store.close_names(conn, name)
        customer_id = store.create_customer(conn, name, run.now, **card)
        store.add_aliases(conn, customer_id, aliases)
        store.set_customer_tags(conn, customer_id, tags)
    print(
        tr("added customer {name}", name=visible(name))
        + (tr(" ({klass})", klass=card["class"]) if "class" in card else "")
    )
    if close:
        print(
            tr(
                "note: close to {names}; if it is the same customer: salelog customer merge {name} {other}",
                names=tr(" and ").join(visible(n) for n in close),
                name=visible(name),
                other=visible(close[0]),
            ),
            file=sys.stderr,
        )


def customer_edit(
    run: Context,
    *,
    name: str,
    rename: str | None = None,
    tag: list[str] | None = None,
    untag: list[str] | None = None,
    alias: list[str] | None = None,
    unalias: list[str] | None = None,
    contract_end: str | None = None,
    contract_note: str | None = None,
    **card: str | None,
) -> None:
    """Change a card: rename (the old name stays an alias), class, contacts, tags,
    aliases; `contract_end` (and its note) keeps one more contract (salelog contract)."""
    card = card_fields(**card)
    new_name = check_name(rename, "--rename") if rename is not None else None
    aliases = _names(alias, "--alias")
    contract = None
    if contract_end is not None or contract_note is not None:
        from .contract import read_contract

        contract = read_contract(run, contract_end, contract_note)
    conn = store.connect(run.db, create=False)
    with store.writing(conn, undo_as=f"customer edit {name}"):
        customer_id, current = store.require_customer(conn, name.strip())
        _check_free(conn, [n for n in [new_name, *aliases] if n], apart_from=customer_id)
        # What this edit adds counts as held: --rename keeps the old name as an alias, --tag adds its tags.
        kept = [current] if new_name and new_name != current else []
        _check_held(
            conn, customer_id, current, _names(unalias, "--unalias"), _names(untag, "--untag"),
            also=(aliases + kept, _names(tag, "--tag")),
        )  # fmt: skip
        changes = conn.total_changes  # rows written from here on: none, and nothing changed
        store.update_customer(conn, customer_id, card | ({"name": new_name} if new_name else {}))
        # The old name keeps finding the customer, so it never becomes a new one by accident.
        store.add_aliases(conn, customer_id, aliases + ([current] if new_name and new_name != current else []))
        store.remove_aliases(conn, customer_id, _names(unalias, "--unalias"))
        store.set_customer_tags(conn, customer_id, _names(tag, "--tag"), _names(untag, "--untag"))
        if contract:
            from .contract import add_contract_of

            add_contract_of(conn, run, customer_id, *contract)
        changed = conn.total_changes > changes
    if not changed:  # e.g. --untag a tag it does not have: saying "updated" would be untrue
        print(tr("customer {name}: nothing changed", name=visible(current)))
        return
    renamed = new_name and new_name != current
    found = renamed and current not in _names(unalias, "--unalias")  # unless this edit takes the old name away
    was = tr(" (was {old}; still found by that name)", old=visible(current)) if found else ""
    was = was or (tr(" (was {old})", old=visible(current)) if renamed else "")
    kept = tr(" · contract ends {day}", day=contract[0]) if contract else ""
    print(tr("updated customer {name}{was}", name=visible(new_name or current), was=was) + kept)


def _check_held(conn, customer_id: int, name: str, aliases: list[str], tags: list[str], *, also=((), ())) -> None:
    """An --unalias or --untag the customer does not have (nor gets in this edit: `also`,
    the aliases and tags it adds) is refused, before anything is written."""
    held_aliases, held_tags = store.aliases_and_tags(conn, customer_id)
    held_aliases, held_tags = held_aliases + list(also[0]), held_tags + list(also[1])
    for given, held, says in (
        (aliases, held_aliases, ("{name} has no alias {value}", "their aliases: {held}", "they have no aliases")),
        (tags, held_tags, ("{name} has no tag {value}", "their tags: {held}", "they have no tags")),
    ):
        missing = [g for g in given if g not in held]
        if missing:
            raise SalelogError(
                says[0],
                says[1] if held else says[2],
                name=visible(name),
                value=visible(missing[0]),
                held=", ".join(visible(h) for h in held),
            )


def customer_list(
    run: Context,
    *,
    klass: str | None = None,
    tag: str | None = None,
    neglected: bool = False,
    a_days: int | None = None,
    b_days: int | None = None,
    c_days: int | None = None,
    effort: bool = False,
    stage: str | None = None,
    at_risk: bool = False,
    limit: int | None = None,
    as_json: bool = False,
) -> None:
    """Customers by name (with `neglected`, those past their class's days without
    contact, oldest first; with `stage`, those at that stage, stages.py): at most
    `limit` in the table (50 by default, all with --json; 0: all), or with
    `effort` this week's effort per class, or with `at_risk` those at risk and why."""
    from ..report import customer_rows, neglected_customers

    klass = card_fields(klass=klass).get("class")
    now = run.now
    if effort:
        return effort_by_class(run, as_json=as_json)
    if at_risk:
        from .customer_life import customers_at_risk

        return customers_at_risk(run, as_json=as_json)
    if stage is not None:
        from ..stages import read_stage

        stage = read_stage(stage)
    from .show import shown_at_most

    shown = shown_at_most(limit, as_json)
    page = shown + 1 if shown and not neglected else None  # neglect is judged on every row: no page in SQL
    conn = store.connect(run.db, create=False)
    with store.reading(conn):
        stages = None
        if as_json and not stage:  # every row says its stage
            from .customer_life import dormant_days, stages_on

            stages = stages_on(conn, now.date(), dormant_days(run))[1]
        year = f"{now.year}-01-01 00:00:00"
        if stage:  # the stage is judged in SQL: only that stage's cards are read
            from ..stages import dormant_bound
            from .customer_life import day_bound, dormant_days

            bound = dormant_bound(now.date(), dormant_days(run))
            ids = store.customers_at_stage(conn, stage, day_bound(now.date()), bound)
            if not (klass or tag):  # a page's worth of cards (all of them with --json)
                total = len(ids)
                cards = store.customer_cards(conn, year, ids=ids[:page] if page else ids) if ids else []
            else:
                chosen = set(ids)
                cards = [c for c in store.customer_cards(conn, year, klass=klass, tag=tag) if c["id"] in chosen]
                total = len(cards)
            stages = dict.fromkeys(ids, stage)
        else:
            cards = store.customer_cards(conn, year, klass=klass, tag=tag, limit=page)
            total = store.customer_count(conn, klass=klass, tag=tag) if page and len(cards) == page else len(cards)
    if neglected:
        from .. import config

        given = {"A": a_days, "B": b_days, "C": c_days}
        thresholds = config.neglect_days(run.settings) | {k: v for k, v in given.items() if v is not None}
        cards = neglected_customers(cards, thresholds, now.date())
        total = len(cards)
    rows = customer_rows(cards, now.date())
    if stages is not None:
        for card, row in zip(cards, rows, strict=True):
            row["stage"] = stages[card["id"]]
    rows = rows[:shown] if shown else rows
    if as_json:
        print_json(rows)
        return
    if not rows:
        print(
            tr("No customers match.")
            if (klass or tag or neglected or stage)
            else tr("No customers yet: salelog customer add 张总")
        )
        return
    from ..sheet import show
    from ..views_customers import customers_table
    from .show import say_more

    show([customers_table(rows, thresholds if neglected else None)])
    say_more(len(rows), total)


def effort_by_class(run: Context, *, as_json: bool = False) -> None:
    """This week's effort on A/B/C customers against their share of revenue (the 80/20 check)."""
    from .. import report
    from ..periods import week_of

    week = week_of(run.now.date())
    conn = store.connect(run.db, create=False)
    with store.reading(conn):
        rows = report.effort_by_class(store.entries_in(conn, week), store.money_moves_in(conn, week))
    print_rows(
        rows,
        as_json=as_json,
        when_empty=tr("No contacts with classed customers this week. Give classes: salelog customer classify --apply"),
        table="class_table",
    )


def customer_show(run: Context, *, name: str, as_json: bool = False) -> None:
    """A customer's card and whole timeline, newest first, with open follow-ups."""
    from ..report import customer_rows, entry_json

    now = run.now
    conn = store.connect(run.db, create=False)
    with store.reading(conn):
        customer_id, _ = store.require_customer(conn, name.strip())
        (card,) = customer_rows(store.customer_cards(conn, f"{now.year}-01-01 00:00:00", ids=[customer_id]), now.date())
        timeline = [entry_json(e) for e in store.list_entries(conn, customer_id=customer_id)]
        followups = store.open_followups(conn, customer_id)
        deals = store.list_deals(conn, customer_id=customer_id)
        payments = store.list_payments(conn, customer_id)
    deals = [deal_record(row, ladder()) for row in deals] if deals else []
    from .payment import payment_records

    payments = payment_records(payments)
    if as_json:
        print_json(card | {"timeline": timeline, "followups": followups, "deals": deals, "payments": payments})
        return
    from ..sheet import show
    from ..views_customers import customer_blocks

    blocks = customer_blocks(card, timeline, followups)
    if deals:
        from ..views_deals import deals_table

        blocks.insert(-1 if timeline else len(blocks), deals_table(deals, title="\n" + tr("Deals"), customer=False))
    if payments or card["outstanding"]:
        from ..views_money import account_blocks

        blocks += account_blocks(card, payments)
    show(blocks)


def customer_merge(run: Context, *, old: str, into: str) -> None:
    """Fold the customer `old` into `into` in one transaction: entries, follow-ups,
    aliases and tags move; `old`'s name becomes an alias; its card fills what
    `into`'s lacks, and a value that differs goes into the note. Says what
    became of each field."""
    conn = store.connect(run.db, create=False)
    with store.writing(conn, undo_as=f"customer merge {old} {into}"):
        old_id, old_name = store.require_customer(conn, old.strip())
        into_id, into_name = store.require_customer(conn, into.strip())
        if old_id == into_id:
            raise SalelogError(
                tr("{old} and {into} are the same customer", old=old_name, into=into_name),
                tr("name two different customers"),
            )
        moved = store.merge_customers(conn, old_id, into_id)
    if chinese():
        entries, followups = moved["entries"], moved["followups"]
    else:
        entries, followups = plural(moved["entries"], "entry", "entries"), plural(moved["followups"], "follow-up")
    print(
        tr(
            "merged {old} into {into}: {entries} and {followups} moved; {old} is now an alias of {into}",
            old=visible(old_name),
            into=visible(into_name),
            entries=entries,
            followups=followups,
        )
    )
    for outcome in moved["card"]:
        print(_card_outcome(*outcome, old=visible(old_name)))


def _card_outcome(column: str, how: str, value: str, kept: str | None, *, old: str) -> str:
    """What a merge did with one field of the old card (store.folded_card's outcome), for the user."""
    field, shown = tr(column), visible(value, one_line=True)
    if how == "filled":
        return tr("  {field}: {value} (from {old})", field=field, value=shown, old=old)
    if how == "same":
        return tr("  {field}: the same on both", field=field)
    if column == "note":
        return tr("  note: {old}'s note added to it", old=old)
    return tr(
        "  {field}: kept {kept}; {value} (from {old}) added to the note",
        field=field,
        kept=visible(kept, one_line=True),
        value=shown,
        old=old,
    )


def customer_rm(run: Context, *, name: str, with_entries: bool = False, confirm=None) -> None:
    """Delete a customer; refused while it has entries, unless `with_entries`.
    `confirm(name, entries)` (the command's question; None: do not ask) may
    still keep it."""
    conn = store.connect(run.db, create=False)
    if confirm is not None:
        with store.reading(conn):
            _, current, count = _removable(conn, name, with_entries)
        if not confirm(current, count):
            print(tr("kept; nothing was deleted"))
            return
    with store.writing(conn, undo_as=f"customer rm {name}"):
        customer_id, current, count = _removable(conn, name, with_entries)
        gone = store.delete_customer(conn, customer_id)
    from ..i18n import and_list

    done = tr("deleted customer {name}", name=visible(current))
    words = {
        "entries": ("{n} entry", "{n} entries"),
        "deals": ("{n} deal", "{n} deals"),
        "payments": ("{n} payment", "{n} payments"),
        "contracts": ("{n} contract", "{n} contracts"),
    }
    parts = [tr_n(n, *words[table], n=n) for table, n in gone.items() if n]  # all it took with it
    print(done + (tr(" and {what}", what=and_list(parts)) if parts else ""))


def _removable(conn, name: str, with_entries: bool) -> tuple[int, str, int]:
    """The customer `name` means (id, name) and its entry count; SalelogError
    while it has entries, unless `with_entries`."""
    customer_id, current = store.require_customer(conn, name.strip())
    count = store.entry_count(conn, customer_id)
    hint = tr("add --with-entries to delete them too, or merge: salelog customer merge {name} OTHER", name=current)
    if count and not with_entries:
        raise SalelogError(
            tr("{name} has {count} entry", name=current, count=count)
            if count == 1
            else tr("{name} has {count} entries", name=current, count=count),
            hint,
        )
    deals = store.deal_count(conn, customer_id) if not with_entries else 0
    if deals:  # a deal goes with its customer: as entries do, only when asked
        raise SalelogError(
            tr_n(deals, "{name} has {count} deal", "{name} has {count} deals", name=current, count=deals), hint
        )
    return customer_id, current, count


def customer_classify(run: Context, *, apply: bool = False, as_json: bool = False) -> None:
    """Propose A/B/C by the 80/20 rule on the last 12 months' revenue; write them with `apply`."""
    from datetime import timedelta

    from ..report import classify

    now = run.now
    since = (now - timedelta(days=365)).strftime("%Y-%m-%d %H:%M:%S")
    conn = store.connect(run.db, create=False)
    with store.reading(conn):
        proposals = classify(store.revenue_by_customer(conn, since), now.date())
    if apply:
        with store.writing(conn, undo_as="customer classify --apply"):
            store.set_classes(conn, {p["id"]: p["proposed"] for p in proposals if p["proposed"] != p["current"]})
    if as_json:
        print_json([{k: v for k, v in p.items() if k != "id"} for p in proposals])
        return
    if not proposals:
        print(tr("No customers yet."))
        return
    from ..sheet import show
    from ..views_customers import class_proposals

    show(class_proposals(proposals, applied=apply))
