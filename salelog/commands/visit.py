"""salelog visit: log a call or visit the minute it ends, and list the log."""

from typing import Annotated

import typer

from ..actions import visit as visit_actions
from ..actions import visit_edit, visit_list
from ..fields import ENTRY_FIELDS
from . import field_options
from .shell import complete_customer

app = typer.Typer(
    help="Log calls, visits, emails, meetings and messages; list, fix and delete them.\n\n\b\nExamples:\n"
    "  salelog visit add 张总 -k call -a 1.2w\n  salelog visit list --since mon",
    no_args_is_help=True,
)


NEW_TAG_HELP = "Keep a tag as typed even if it is close to a custom metric's name."


def _opt(*names: str, help: str, metavar: str = "TEXT"):
    return typer.Option(*names, help=help, metavar=metavar)


@app.command("add")
@field_options(ENTRY_FIELDS, editing=False)
def add(
    ctx: typer.Context,
    customer: Annotated[
        str | None,
        typer.Argument(
            metavar="CUSTOMER",
            help="Who: a customer name (created if new). Omit it to be asked each field.",
            autocompletion=complete_customer,
        ),
    ] = None,
    *,
    new: Annotated[bool, typer.Option("--new", help="Create CUSTOMER even if a known name is close to it.")] = False,
    new_tag: Annotated[bool, typer.Option("--new-tag", help=NEW_TAG_HELP)] = False,
    deal: Annotated[
        str | None,
        typer.Option("--deal", metavar="ID", help="Link it to this deal (default: the customer's one open deal)."),
    ] = None,
    **given,
) -> None:
    """Log one contact with a customer, right after it ends.

    CUSTOMER may be a known name, an alias, or a unique beginning of one (case,
    full-width and traditional/simplified ignored), or its pinyin or initials
    (zhangzong, zhang_zong, zz, zhz); a name close to a known one, or sounding like it (章总 beside
    张总), is refused unless --new, and a tag close to a custom metric's name
    (demos beside demo) unless --new-tag.

    \b
    Examples:
      salelog visit add 张总
      salelog visit add 张总 --kind call --amount 1.2w --outcome "报价已发" \\
          --needs "要含安装" --next "周五回访" --next-date fri
      salelog visit add 李经理 -k 微信 --at 昨天下午3点 --tag demos --minutes 20
      salelog visit add 王总 -k meeting --competitor 华为 --competitor 中兴 \\
          --feedback "对方报价低10%"
      salelog visit add 张总 --deal 3  a contact on deal #3
      salelog visit add zz --next-date 月底  张总, typed in pinyin initials
      salelog visit add 张总总 --new  a new customer beside 张总
      salelog visit add  asks for each field (on a terminal)
    """
    if customer is None:
        from .prompts import ask_entry

        asked = ask_entry(ctx.obj, given)  # only the fields not given on the line
        customer, new, new_tag = asked.pop("customer"), asked.pop("new") or new, asked.pop("new_tag") or new_tag
        given |= asked
    visit_actions.visit_add(ctx.obj, customer=customer, new=new, new_tag=new_tag, deal=deal, **given)


@app.command("list")
def list_visits(
    ctx: typer.Context,
    since: Annotated[str | None, _opt("--since", metavar="DATE", help="From this day on (inclusive).")] = None,
    until: Annotated[str | None, _opt("--until", metavar="DATE", help="Up to this day (inclusive).")] = None,
    customer: Annotated[str | None, _opt("--customer", "-c", metavar="NAME", help="Only this customer.")] = None,
    kind: Annotated[str | None, _opt("--kind", "-k", metavar="KIND", help="Only this kind.")] = None,
    limit: Annotated[
        int | None,
        typer.Option("--limit", "-n", min=0, help="At most this many (0: all; default 50, all with --json)."),
    ] = None,
    as_json: Annotated[bool, typer.Option("--json", help="Print a JSON array instead of a table.")] = False,
) -> None:
    """List logged entries, newest first.

    \b
    Examples:
      salelog visit list
      salelog visit list --since mon --kind call
      salelog visit list --customer 张总 --json
    """
    visit_list.visit_list(ctx.obj, since=since, until=until, customer=customer, kind=kind, limit=limit, as_json=as_json)


EntryRef = Annotated[str, typer.Argument(metavar="ID|last", help="The entry's id (see: salelog visit list), or last.")]


@app.command("edit")
@field_options(ENTRY_FIELDS, editing=True)
def edit(
    ctx: typer.Context,
    ref: EntryRef,
    customer: Annotated[
        str | None, _opt("--customer", "-c", metavar="NAME", help="Move the entry to this customer.")
    ] = None,
    *,
    new_tag: Annotated[bool, typer.Option("--new-tag", help=NEW_TAG_HELP)] = False,
    **given,
) -> None:
    """Fix a logged entry: any option of visit add; an empty value clears a field.

    \b
    Examples:
      salelog visit edit last --amount 1.5w
      salelog visit edit 12 --customer 张总 --outcome "已签约"
      salelog visit edit last --next-date ""
    """
    visit_edit.visit_edit(ctx.obj, ref=ref, customer=customer, new_tag=new_tag, **given)


@app.command("rm")
def rm(
    ctx: typer.Context,
    ref: EntryRef,
    yes: Annotated[bool, typer.Option("--yes", "-y", help="Do not ask (for scripts).")] = False,
) -> None:
    """Delete a logged entry (asks first on a terminal; salelog undo brings it back).

    A won deal's revenue entry is not deleted: the deal would stay won. Cancel
    the sale (visit cancel) if it fell through, or remove the deal first.

    \b
    Examples:
      salelog visit rm last
      salelog visit rm 12 --yes
    """
    from .prompts import confirm_on_a_terminal

    visit_edit.visit_rm(ctx.obj, ref=ref, yes=yes, confirm=confirm_on_a_terminal())


@app.command("cancel")
def cancel(
    ctx: typer.Context,
    ref: EntryRef,
    reason: Annotated[
        str | None, _opt("--reason", "-r", metavar="TEXT", help="Why it was cancelled (required).")
    ] = None,
    amount: Annotated[
        str | None,
        _opt("--amount", "-a", metavar="AMOUNT", help="How much of the sale is cancelled (default: all that is left)."),
    ] = None,
    at: Annotated[str | None, _opt("--at", metavar="WHEN", help="When it was cancelled (default: now).")] = None,
) -> None:
    """Cancel a sale in full or in part, keeping its history.

    The entry keeps its amount, so its week's results do not change; the
    cancellation takes its amount off the revenue of the period it happens in,
    and a sale cancelled in full no longer counts as a deal there.
    salelog undo brings the sale back.

    \b
    Examples:
      salelog visit cancel 12 --reason "客户取消订单"
      salelog visit cancel last --amount 3000 --reason "退了一台"
      salelog visit cancel 12 -a 1w --at 昨天 --reason "预算砍了"
    """
    from ..actions.cancel import visit_cancel

    visit_cancel(ctx.obj, ref=ref, reason=reason, amount=amount, at=at)
