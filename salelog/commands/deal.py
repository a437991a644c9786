"""salelog deal: deals (商机) on the stage ladder. Declarations and help only;
the bodies are in salelog/actions/deal.py."""

from typing import Annotated

import typer

from ..actions import deal as deal_actions
from .shell import complete_customer

app = typer.Typer(
    help="Keep the deals in play: add them, move them along the stages, win or lose them.\n\n\b\nExamples:\n"
    "  salelog deal add 张总 年度维保 --value 50万 --close 月底\n  salelog deal move 3 proposal\n"
    "  salelog deal won 3",
    no_args_is_help=True,
)

DealRef = Annotated[str, typer.Argument(metavar="ID|last", help="The deal's id (see: salelog deal list), or last.")]
Value = Annotated[
    str | None, typer.Option("--value", metavar="AMOUNT", help="What it is worth: 50万, 1.2w, 12k (empty: not known).")
]
Close = Annotated[str | None, typer.Option("--close", metavar="DATE", help="When it should close: 月底, fri, 12-31.")]
Source = Annotated[str | None, typer.Option("--source", metavar="TEXT", help="Where it came from: 展会, referral.")]
Note = Annotated[str | None, typer.Option("--note", metavar="TEXT", help="A note on the deal.")]
STAGE_HELP = "lead, qualified, proposal, negotiation (or 线索, 需求确认, 方案报价, 商务谈判; config deal_stages)."


@app.command("add")
def add(
    ctx: typer.Context,
    customer: Annotated[
        str, typer.Argument(metavar="CUSTOMER", help="Who (created if new).", autocompletion=complete_customer)
    ],
    title: Annotated[str, typer.Argument(metavar="TITLE", help="What is being sold.")],
    value: Value = None,
    stage: Annotated[str | None, typer.Option("--stage", metavar="STAGE", help="Default: lead. " + STAGE_HELP)] = None,
    close: Close = None,
    source: Source = None,
    note: Note = None,
    new: Annotated[bool, typer.Option("--new", help="Create CUSTOMER even if a known name is close to it.")] = False,
) -> None:
    """Add a deal for a customer; it starts at the first stage unless --stage says.

    CUSTOMER resolves as in visit add. While a customer has exactly one open deal,
    the contacts logged with them link to it by themselves.

    \b
    Examples:
      salelog deal add 张总 "年度维保合同" --value 50万 --close 月底
      salelog deal add 李经理 二期扩容 --stage 方案报价 --value 1.2w --source 展会
    """
    deal_actions.deal_add(
        ctx.obj,
        customer=customer,
        title=title,
        value=value,
        stage=stage,
        close=close,
        source=source,
        note=note,
        new=new,
    )


@app.command("list")
def list_deals(
    ctx: typer.Context,
    stage: Annotated[str | None, typer.Option("--stage", metavar="STAGE", help="Only this stage.")] = None,
    customer: Annotated[
        str | None, typer.Option("--customer", "-c", metavar="NAME", help="Only this customer.")
    ] = None,
    include_closed: Annotated[bool, typer.Option("--all", help="Include won and lost deals.")] = False,
    as_json: Annotated[bool, typer.Option("--json", help="Print a JSON array instead of a table.")] = False,
) -> None:
    """List open deals (with --all, won and lost ones too), with value, stage and weighted value.

    \b
    Examples:
      salelog deal list
      salelog deal list --stage proposal
      salelog deal list --customer 张总 --all --json
    """
    deal_actions.deal_list(ctx.obj, stage=stage, customer=customer, include_closed=include_closed, as_json=as_json)


@app.command("show")
def show(
    ctx: typer.Context,
    ref: DealRef,
    as_json: Annotated[bool, typer.Option("--json", help="Print JSON instead of text.")] = False,
) -> None:
    """Show a deal, its stage history and the entries linked to it.

    \b
    Examples:
      salelog deal show 3
      salelog deal show last --json
    """
    deal_actions.deal_show(ctx.obj, ref=ref, as_json=as_json)


@app.command("edit")
def edit(
    ctx: typer.Context,
    ref: DealRef,
    title: Annotated[str | None, typer.Option("--title", metavar="TEXT", help="A new title.")] = None,
    value: Value = None,
    close: Close = None,
    source: Source = None,
    note: Note = None,
) -> None:
    """Change a deal's title, value, close date, source or note; an empty value clears it.

    \b
    Examples:
      salelog deal edit 3 --value 60万 --close 12-31
      salelog deal edit 3 --note ""
    """
    deal_actions.deal_edit(ctx.obj, ref=ref, title=title, value=value, close=close, source=source, note=note)


@app.command("move")
def move(
    ctx: typer.Context,
    ref: DealRef,
    stage: Annotated[str, typer.Argument(metavar="STAGE", help=STAGE_HELP)],
) -> None:
    """Move an open deal to another stage; backwards is allowed and kept in its history.

    \b
    Examples:
      salelog deal move 3 proposal
      salelog deal move 3 商务谈判
    """
    deal_actions.deal_move(ctx.obj, ref=ref, stage=stage)


@app.command("won")
def won(
    ctx: typer.Context,
    ref: DealRef,
    amount: Annotated[
        str | None, typer.Option("--amount", "-a", metavar="AMOUNT", help="The amount won (default: its value).")
    ] = None,
    at: Annotated[str | None, typer.Option("--at", metavar="WHEN", help="When it was won (default: now).")] = None,
    kind: Annotated[
        str | None,
        typer.Option(
            "--kind", "-k", metavar="KIND", help="When the win was a contact: its kind (default: sale, no contact)."
        ),
    ] = None,
) -> None:
    """Win a deal: it closes, and its revenue is logged as an entry linked to it
    (so week, today, review and every metric count it once).

    The entry is of kind sale (成交): revenue and deals count it, and no contact
    metric (visits, calls, ...) does, as no contact happened. When the win was
    signed at a visit or a meeting, say so with --kind.

    \b
    Examples:
      salelog deal won 3
      salelog deal won 3 --amount 48万 --at 昨天
      salelog deal won 3 --kind meeting
    """
    deal_actions.deal_won(ctx.obj, ref=ref, amount=amount, at=at, kind=kind)


@app.command("lost")
def lost(
    ctx: typer.Context,
    ref: DealRef,
    reason: Annotated[str, typer.Option("--reason", metavar="TEXT", help="Why it was lost.")],
) -> None:
    """Lose a deal, saying why (salelog pipeline ranks the reasons).

    \b
    Examples:
      salelog deal lost 3 --reason "价格太高"
    """
    deal_actions.deal_lost(ctx.obj, ref=ref, reason=reason)


@app.command("rm")
def rm(
    ctx: typer.Context,
    ref: DealRef,
    yes: Annotated[bool, typer.Option("--yes", "-y", help="Do not ask (for scripts).")] = False,
) -> None:
    """Delete a deal and its history; its entries stay (asks first on a terminal; salelog undo brings it back).

    \b
    Examples:
      salelog deal rm 3
      salelog deal rm 3 --yes
    """
    from .prompts import confirm_on_a_terminal

    deal_actions.deal_rm(ctx.obj, ref=ref, yes=yes, confirm=confirm_on_a_terminal())


def pipeline(
    ctx: typer.Context,
    since: Annotated[
        str | None,
        typer.Option("--since", metavar="DATE", help="Closed deals from this day (default: 90 days ago)."),
    ] = None,
    until: Annotated[str | None, typer.Option("--until", metavar="DATE", help="Closed deals up to this day.")] = None,
    as_json: Annotated[bool, typer.Option("--json", help="Print JSON instead of tables.")] = False,
) -> None:
    """The pipeline: open deals by stage, the weighted forecast of this week, month
    and quarter, win rate, sales cycle, lost reasons and stale deals.

    \b
    Examples:
      salelog pipeline
      salelog pipeline --since 2026-07-01 --until 2026-09-30
      salelog pipeline --json
    """
    deal_actions.pipeline_show(ctx.obj, since=since, until=until, as_json=as_json)
