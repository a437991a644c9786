"""salelog customer: the customer archive (客户档案) — cards, timelines, classes."""

import json
from typing import Annotated

import typer

from .. import clock, config, store
from ..errors import SalelogError
from ..i18n import chinese, tr
from ..text import check_name, check_text, plural, visible
from . import db_option, print_rows
from .shell import complete_customer

app = typer.Typer(
    help="Keep the customer archive: contacts, class A/B/C, history.\n\n\b\nExamples:\n"
    "  salelog customer add 张总 --company 华东电子 --class A\n  salelog customer show 张总",
    no_args_is_help=True,
)

CLASSES = ("A", "B", "C")


def _opt(*names: str, help: str, metavar: str = "TEXT"):
    return typer.Option(*names, help=help, metavar=metavar)


Company = Annotated[str | None, _opt("--company", help="Company or organisation.")]
Klass = Annotated[str | None, _opt("--class", metavar="A|B|C", help="A high-value, B potential, C ordinary.")]
Phone = Annotated[str | None, _opt("--phone", help="Phone number.")]
Email = Annotated[str | None, _opt("--email", help="Email address.")]
Wechat = Annotated[str | None, _opt("--wechat", help="WeChat id.")]
Note = Annotated[str | None, _opt("--note", help="A note on the customer.")]
Tags = Annotated[list[str] | None, _opt("--tag", "-t", metavar="TAG", help="A tag (industry, region...); repeatable.")]
Aliases = Annotated[
    list[str] | None, _opt("--alias", metavar="NAME", help="Another name that finds this customer; repeatable.")
]
Json = Annotated[bool, typer.Option("--json", help="Print JSON instead of a table.")]


def _card(company, klass, phone, email, wechat, note) -> dict:
    """The card fields given on the command line, checked; absent ones left out."""
    fields = {"company": company, "class": klass, "phone": phone, "email": email, "wechat": wechat, "note": note}
    card = {k: check_text(v, f"--{k}", one_line=k != "note") for k, v in fields.items() if v is not None}
    if "class" in card:
        card["class"] = card["class"].strip().upper()
        if card["class"] not in CLASSES:
            raise SalelogError(
                tr('unknown class "{klass}"', klass=klass), tr("use A (high-value), B (potential) or C (ordinary)")
            )
    return card


def _names(values: list[str] | None, field: str) -> list[str]:
    return [check_name(v, field) for v in values or []]


def _check_free(conn, names: list[str], apart_from: int | None = None) -> None:
    for name in names:
        owner = store.name_taken(conn, name, apart_from=apart_from)
        if owner:
            raise SalelogError(
                tr('"{name}" already names customer {owner}', name=name, owner=owner),
                tr("choose another name, or merge the two"),
            )


@app.command("add")
def add(
    ctx: typer.Context,
    name: Annotated[str, typer.Argument(metavar="NAME", help="The customer's name, as you will type it.")],
    company: Company = None,
    klass: Klass = None,
    phone: Phone = None,
    email: Email = None,
    wechat: Wechat = None,
    note: Note = None,
    tag: Tags = None,
    alias: Aliases = None,
) -> None:
    """Add a customer to the archive.

    \b
    Examples:
      salelog customer add 张总 --company 华东电子 --class A --phone 138-0000-0000 --tag 制造业
      salelog customer add 李经理 --alias 李建国 --alias "Li Jianguo"
    """
    name = check_name(name)
    card, tags, aliases = (
        _card(company, klass, phone, email, wechat, note),
        _names(tag, "--tag"),
        _names(alias, "--alias"),
    )
    now = clock.now()
    conn = store.connect(db_option(ctx))
    with store.writing(conn, undo_as=f"customer add {name}"):
        _check_free(conn, [name, *aliases])
        close = store.close_names(conn, name)
        customer_id = store.create_customer(conn, name, now, **card)
        store.add_aliases(conn, customer_id, aliases)
        store.set_customer_tags(conn, customer_id, tags)
    print(
        tr("added customer {name}", name=visible(name))
        + (tr(" ({klass})", klass=card["class"]) if "class" in card else "")
    )
    if close:
        import sys

        print(
            tr(
                "note: close to {names}; if it is the same customer: salelog customer merge {name} {other}",
                names=tr(" and ").join(close),
                name=visible(name),
                other=close[0],
            ),
            file=sys.stderr,
        )


@app.command("edit")
def edit(
    ctx: typer.Context,
    name: Annotated[
        str,
        typer.Argument(
            metavar="NAME", help="The customer (name, alias or a unique beginning).", autocompletion=complete_customer
        ),
    ],
    rename: Annotated[str | None, _opt("--rename", metavar="NAME", help="A new name.")] = None,
    company: Company = None,
    klass: Klass = None,
    phone: Phone = None,
    email: Email = None,
    wechat: Wechat = None,
    note: Note = None,
    tag: Tags = None,
    untag: Annotated[list[str] | None, _opt("--untag", metavar="TAG", help="Remove a tag; repeatable.")] = None,
    alias: Aliases = None,
    unalias: Annotated[list[str] | None, _opt("--unalias", metavar="NAME", help="Remove an alias; repeatable.")] = None,
) -> None:
    """Change a customer's card: rename, class, contacts, tags, aliases.

    \b
    Examples:
      salelog customer edit 张总 --class A --phone 139-1111-2222
      salelog customer edit 张总 --alias 张建国 --alias Zhang
      salelog customer edit 张总 --rename 张建国总
    """
    card = _card(company, klass, phone, email, wechat, note)
    new_name = check_name(rename, "--rename") if rename is not None else None
    aliases = _names(alias, "--alias")
    conn = store.connect(db_option(ctx), create=False)
    with store.writing(conn, undo_as=f"customer edit {name}"):
        customer_id, current = store.require_customer(conn, name.strip())
        _check_free(conn, [n for n in [new_name, *aliases] if n], apart_from=customer_id)
        store.update_customer(conn, customer_id, card | ({"name": new_name} if new_name else {}))
        # The old name keeps finding the customer, so it never becomes a new one by accident.
        store.add_aliases(conn, customer_id, aliases + ([current] if new_name and new_name != current else []))
        store.remove_aliases(conn, customer_id, _names(unalias, "--unalias"))
        store.set_customer_tags(conn, customer_id, _names(tag, "--tag"), _names(untag, "--untag"))
    was = tr(" (was {old}; still found by that name)", old=current) if new_name and new_name != current else ""
    print(tr("updated customer {name}{was}", name=visible(new_name or current), was=was))


@app.command("list")
def list_customers(
    ctx: typer.Context,
    klass: Annotated[str | None, _opt("--class", metavar="A|B|C", help="Only this class.")] = None,
    tag: Annotated[str | None, _opt("--tag", "-t", metavar="TAG", help="Only customers with this tag.")] = None,
    neglected: Annotated[
        bool,
        typer.Option(
            "--neglected",
            help="Only customers not contacted for longer than their class allows, oldest first "
            "(config neglect_days: A 14, B 30 days by default; C never).",
        ),
    ] = False,
    a_days: Annotated[
        int | None,
        typer.Option(
            "--a-days", min=0, metavar="DAYS", help="With --neglected: days without contact for A (0: never)."
        ),
    ] = None,
    b_days: Annotated[
        int | None,
        typer.Option(
            "--b-days", min=0, metavar="DAYS", help="With --neglected: days without contact for B (0: never)."
        ),
    ] = None,
    c_days: Annotated[
        int | None,
        typer.Option(
            "--c-days", min=0, metavar="DAYS", help="With --neglected: days without contact for C (0: never)."
        ),
    ] = None,
    effort: Annotated[
        bool, typer.Option("--effort", help="Instead: this week's entries and minutes per class against revenue.")
    ] = False,
    as_json: Json = False,
) -> None:
    """List customers with last contact, days since, entries and revenue.

    \b
    Examples:
      salelog customer list
      salelog customer list --class A --json
      salelog customer list --neglected --a-days 10 --c-days 90
      salelog customer list --effort
    """
    from ..report import customer_rows, neglected_customers

    klass = _card(None, klass, None, None, None, None).get("class")
    now = clock.now()
    if effort:
        return _effort_by_class(ctx, now, as_json)
    conn = store.connect(db_option(ctx), create=False)
    with store.reading(conn):
        cards = store.customer_cards(conn, f"{now.year}-01-01 00:00:00", klass=klass, tag=tag)
    rows = customer_rows(cards, now.date())
    if neglected:
        given = {"A": a_days, "B": b_days, "C": c_days}
        thresholds = config.neglect_days(config.load()) | {k: v for k, v in given.items() if v is not None}
        rows = neglected_customers(rows, thresholds)
    if as_json:
        print(json.dumps(rows, ensure_ascii=False, indent=2))
        return
    if not rows:
        print(
            tr("No customers match.")
            if (klass or tag or neglected)
            else tr("No customers yet: salelog customer add 张总")
        )
        return
    from ..render import print_customers

    print_customers(rows)


@app.command("show")
def show(
    ctx: typer.Context,
    name: Annotated[
        str,
        typer.Argument(
            metavar="NAME", help="The customer (name, alias or a unique beginning).", autocompletion=complete_customer
        ),
    ],
    as_json: Json = False,
) -> None:
    """Show a customer's card and whole timeline, newest first, with open follow-ups.

    \b
    Examples:
      salelog customer show 张总
      salelog customer show 张 --json
    """
    from ..report import customer_rows, entry_json

    now = clock.now()
    conn = store.connect(db_option(ctx), create=False)
    with store.reading(conn):
        customer_id, _ = store.require_customer(conn, name.strip())
        (card,) = customer_rows(store.customer_cards(conn, f"{now.year}-01-01 00:00:00", ids=[customer_id]), now.date())
        timeline = [entry_json(e) for e in store.list_entries(conn, customer_id=customer_id)]
        followups = store.open_followups(conn, customer_id)
    if as_json:
        print(json.dumps(card | {"timeline": timeline, "followups": followups}, ensure_ascii=False, indent=2))
        return
    from ..render import print_customer

    print_customer(card, timeline, followups)


@app.command("merge")
def merge(
    ctx: typer.Context,
    old: Annotated[str, typer.Argument(metavar="OLD", help="The duplicate to fold in (it disappears).")],
    into: Annotated[str, typer.Argument(metavar="INTO", help="The customer to keep.")],
) -> None:
    """Fold a duplicate customer into the right one: its entries, follow-ups,
    aliases and tags move, and its name becomes an alias. One transaction.

    \b
    Examples:
      salelog customer merge 张总总 张总
    """
    conn = store.connect(db_option(ctx), create=False)
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
            old=old_name,
            into=into_name,
            entries=entries,
            followups=followups,
        )
    )


@app.command("rm")
def rm(
    ctx: typer.Context,
    name: Annotated[str, typer.Argument(metavar="NAME", help="The customer to delete.")],
    with_entries: Annotated[bool, typer.Option("--with-entries", help="Also delete the customer's entries.")] = False,
) -> None:
    """Delete a customer; refused while entries exist, unless --with-entries.

    \b
    Examples:
      salelog customer rm 测试客户
      salelog customer rm 张总总 --with-entries
    """
    conn = store.connect(db_option(ctx), create=False)
    with store.writing(conn, undo_as=f"customer rm {name}"):
        customer_id, current = store.require_customer(conn, name.strip())
        count = store.entry_count(conn, customer_id)
        if count and not with_entries:
            raise SalelogError(
                tr("{name} has {count} entry", name=current, count=count)
                if count == 1
                else tr("{name} has {count} entries", name=current, count=count),
                tr(
                    "add --with-entries to delete them too, or merge: salelog customer merge {name} OTHER", name=current
                ),
            )
        store.delete_customer(conn, customer_id)
    print(tr("deleted customer {name}", name=current) + (tr(" and {count} entries", count=count) if count else ""))


@app.command("classify")
def classify(
    ctx: typer.Context,
    apply: Annotated[bool, typer.Option("--apply", help="Write the proposed classes (undo reverts them).")] = False,
    as_json: Json = False,
) -> None:
    """Propose A/B/C classes by the 80/20 rule on the last 12 months' revenue:
    the customers bringing the top 80% are A; others contacted in the last 90
    days B; the rest C. Writes nothing without --apply.

    \b
    Examples:
      salelog customer classify
      salelog customer classify --apply
    """
    from datetime import timedelta

    from ..report import classify as propose

    now = clock.now()
    since = (now - timedelta(days=365)).strftime("%Y-%m-%d %H:%M:%S")
    conn = store.connect(db_option(ctx), create=False)
    with store.reading(conn):
        proposals = propose(store.revenue_by_customer(conn, since), now.date())
    if apply:
        with store.writing(conn, undo_as="customer classify --apply"):
            store.set_classes(conn, {p["id"]: p["proposed"] for p in proposals if p["proposed"] != p["current"]})
    if as_json:
        print(json.dumps([{k: v for k, v in p.items() if k != "id"} for p in proposals], ensure_ascii=False, indent=2))
        return
    if not proposals:
        print(tr("No customers yet."))
        return
    from ..render import print_classes

    print_classes(proposals, applied=apply)


def _effort_by_class(ctx: typer.Context, now, as_json: bool) -> None:
    """This week's effort on A/B/C customers against their share of revenue (the 80/20 check)."""
    from ..periods import week_of
    from ..report import effort_by_class

    week = week_of(now.date())
    conn = store.connect(db_option(ctx), create=False)
    with store.reading(conn):
        rows = effort_by_class(store.entries_in(conn, week))
    hint = "No contacts with classed customers this week. Give classes: salelog customer classify --apply"
    print_rows(rows, as_json, hint, "print_class_table")
