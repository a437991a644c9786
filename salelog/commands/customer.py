"""salelog customer: the customer archive (客户档案) — cards, timelines, classes.
Declarations, help and completion only; the bodies are in salelog/actions/customer.py."""

from typing import Annotated

import typer

from ..actions import customer as customer_actions
from ..fields import CARD_FIELDS
from . import field_options
from .shell import complete_customer

app = typer.Typer(
    help="Keep the customer archive: contacts, class A/B/C, history.\n\n\b\nExamples:\n"
    "  salelog customer add 张总 --company 华东电子 --class A\n  salelog customer show 张总",
    no_args_is_help=True,
)


def _opt(*names: str, help: str, metavar: str = "TEXT"):
    return typer.Option(*names, help=help, metavar=metavar)


Tags = Annotated[list[str] | None, _opt("--tag", "-t", metavar="TAG", help="A tag (industry, region...); repeatable.")]
Aliases = Annotated[
    list[str] | None, _opt("--alias", metavar="NAME", help="Another name that finds this customer; repeatable.")
]
Json = Annotated[bool, typer.Option("--json", help="Print JSON instead of a table.")]


@app.command("add")
@field_options(CARD_FIELDS, editing=False)
def add(
    ctx: typer.Context,
    name: Annotated[str, typer.Argument(metavar="NAME", help="The customer's name, as you will type it.")],
    *,
    tag: Tags = None,
    alias: Aliases = None,
    **card,
) -> None:
    """Add a customer to the archive.

    \b
    Examples:
      salelog customer add 张总 --company 华东电子 --class A --tag 制造业
      salelog customer add 李经理 --alias 李建国 --alias "Li Jianguo"
    """
    customer_actions.customer_add(ctx.obj, name=name, tag=tag, alias=alias, **card)


@app.command("edit")
@field_options(CARD_FIELDS, editing=False)
def edit(
    ctx: typer.Context,
    name: Annotated[
        str,
        typer.Argument(
            metavar="NAME", help="The customer (name, alias or a unique beginning).", autocompletion=complete_customer
        ),
    ],
    rename: Annotated[str | None, _opt("--rename", metavar="NAME", help="A new name.")] = None,
    *,
    tag: Tags = None,
    untag: Annotated[list[str] | None, _opt("--untag", metavar="TAG", help="Remove a tag; repeatable.")] = None,
    alias: Aliases = None,
    unalias: Annotated[list[str] | None, _opt("--unalias", metavar="NAME", help="Remove an alias; repeatable.")] = None,
    contract_end: Annotated[
        str | None,
        _opt("--contract-end", metavar="DATE", help="Keep a contract ending then (as salelog contract add)."),
    ] = None,
    contract_note: Annotated[
        str | None, _opt("--contract-note", metavar="TEXT", help="With --contract-end: what the contract covers.")
    ] = None,
    **card,
) -> None:
    """Change a customer's card: rename, class, contacts, tags, aliases.

    \b
    Examples:
      salelog customer edit 张总 --class A --phone 139-1111-2222
      salelog customer edit 张总 --alias 张建国 --alias Zhang
      salelog customer edit 张总 --rename 张建国总
      salelog customer edit 张总 --source 转介绍
      salelog customer edit 张总 --contract-end 2027-06-30 --contract-note 维保
    """
    customer_actions.customer_edit(
        ctx.obj,
        name=name,
        rename=rename,
        tag=tag,
        untag=untag,
        alias=alias,
        unalias=unalias,
        contract_end=contract_end,
        contract_note=contract_note,
        **card,
    )


@app.command("list")
def list_customers(
    ctx: typer.Context,
    klass: Annotated[str | None, _opt("--class", metavar="A|B|C", help="Only this class.")] = None,
    tag: Annotated[str | None, _opt("--tag", "-t", metavar="TAG", help="Only customers with this tag.")] = None,
    neglected: Annotated[
        bool,
        typer.Option(
            "--neglected",
            help="Only customers not contacted for at least their class's number of days, oldest first "
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
    stage: Annotated[
        str | None,
        _opt(
            "--stage",
            metavar="STAGE",
            help="Only customers at this stage, worked out from the log: prospect 潜在, intent 意向,"
            " customer 成交, repeat 复购, dormant 流失 (config dormant_days, 90 by default).",
        ),
    ] = None,
    at_risk: Annotated[
        bool,
        typer.Option(
            "--at-risk",
            help="Instead: customers with an open complaint, a latest satisfaction of 2 or less,"
            " or of class A or B and dormant or neglected, with the reason for each.",
        ),
    ] = False,
    limit: Annotated[
        int | None,
        typer.Option("--limit", "-n", min=0, help="At most this many (0: all; default 50, all with --json)."),
    ] = None,
    as_json: Json = False,
) -> None:
    """List customers with last contact, days since, entries and revenue (the
    first 50 by name, Chinese names by their pinyin, unless --limit says otherwise).

    \b
    Examples:
      salelog customer list
      salelog customer list --limit 0
      salelog customer list --class A --json
      salelog customer list --neglected --a-days 10 --c-days 90
      salelog customer list --effort
      salelog customer list --stage intent
      salelog customer list --stage 流失 --class A
      salelog customer list --at-risk
    """
    customer_actions.customer_list(
        ctx.obj,
        klass=klass,
        tag=tag,
        neglected=neglected,
        a_days=a_days,
        b_days=b_days,
        c_days=c_days,
        effort=effort,
        stage=stage,
        at_risk=at_risk,
        limit=limit,
        as_json=as_json,
    )


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
    customer_actions.customer_show(ctx.obj, name=name, as_json=as_json)


@app.command("merge")
def merge(
    ctx: typer.Context,
    old: Annotated[str, typer.Argument(metavar="OLD", help="The duplicate to fold in (it disappears).")],
    into: Annotated[str, typer.Argument(metavar="INTO", help="The customer to keep.")],
) -> None:
    """Fold a duplicate customer into the right one: its entries, follow-ups,
    aliases and tags move, and its name becomes an alias. Its card fills the
    fields the kept one lacks; a value that differs is added to the kept one's
    note. One transaction; salelog undo reverts it.

    \b
    Examples:
      salelog customer merge 张总总 张总
    """
    customer_actions.customer_merge(ctx.obj, old=old, into=into)


@app.command("rm")
def rm(
    ctx: typer.Context,
    name: Annotated[str, typer.Argument(metavar="NAME", help="The customer to delete.")],
    with_entries: Annotated[bool, typer.Option("--with-entries", help="Also delete the customer's entries.")] = False,
    yes: Annotated[bool, typer.Option("--yes", "-y", help="Do not ask (for scripts).")] = False,
) -> None:
    """Delete a customer; refused while entries exist, unless --with-entries.
    Asks first on a terminal; salelog undo brings it back.

    \b
    Examples:
      salelog customer rm 测试客户
      salelog customer rm 张总总 --with-entries --yes
    """
    customer_actions.customer_rm(ctx.obj, name=name, with_entries=with_entries, confirm=None if yes else _confirm_rm)


def _confirm_rm(name: str, entries: int) -> bool:
    """Ask before customer rm (as visit rm does); without a terminal, refuse: --yes says it."""
    from ..errors import SalelogError
    from ..i18n import tr
    from ..text import visible
    from .prompts import interactive

    if not interactive():
        raise SalelogError(
            tr("not deleting customer {name} without confirmation", name=name),
            tr("add --yes to delete it from a script"),
        )
    if entries > 1:
        question = tr("delete customer {name} and its {count} entries?", name=visible(name), count=entries)
    elif entries:
        question = tr("delete customer {name} and its entry?", name=visible(name))
    else:
        question = tr("delete customer {name}?", name=visible(name))
    return typer.confirm(question, default=False)


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
    customer_actions.customer_classify(ctx.obj, apply=apply, as_json=as_json)
