"""salelog visit: log a call or visit the minute it ends, and list the log."""

from typing import Annotated

import typer

from .. import clock, store
from ..actions import visit as visit_actions
from ..errors import SalelogError
from ..i18n import tr
from . import db_option
from .shell import complete_customer

app = typer.Typer(
    help="Log calls, visits, emails, meetings and messages; list, fix and delete them.\n\n\b\nExamples:\n"
    "  salelog visit add 张总 -k call -a 1.2w\n  salelog visit list --since mon",
    no_args_is_help=True,
)


def _opt(*names: str, help: str, metavar: str = "TEXT"):
    return typer.Option(*names, help=help, metavar=metavar)


@app.command("add")
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
    kind: Annotated[
        str | None,
        _opt(
            "--kind",
            "-k",
            metavar="KIND",
            help="visit, call, email, meeting, message (拜访/电话/邮件/会议/微信). "
            "Default: visit, or default_kind in the config.",
        ),
    ] = None,
    amount: Annotated[
        str | None, _opt("--amount", "-a", metavar="AMOUNT", help="Sale amount: 3500, 1.2w, 12k, 50万, ¥3,500.50.")
    ] = None,
    outcome: Annotated[str | None, _opt("--outcome", "-o", help="What came of it.")] = None,
    needs: Annotated[str | None, _opt("--needs", help="The customer's needs.")] = None,
    feedback: Annotated[
        str | None, _opt("--feedback", help="Market feedback: prices, competitors, objections.")
    ] = None,
    next: Annotated[str | None, _opt("--next", help="The next step.")] = None,
    next_date: Annotated[
        str | None, _opt("--next-date", metavar="DATE", help="When: fri, 周五, tomorrow, 11-27, 2026-11-27.")
    ] = None,
    at: Annotated[
        str | None, _opt("--at", metavar="WHEN", help="When it happened (default now): yesterday, 昨天下午3点, 15:30.")
    ] = None,
    minutes: Annotated[str | None, _opt("--minutes", metavar="N", help="How long it took, in minutes.")] = None,
    tag: Annotated[
        list[str] | None, _opt("--tag", "-t", metavar="TAG", help="A tag; repeat for more. Custom metrics count tags.")
    ] = None,
    new: Annotated[bool, typer.Option("--new", help="Create CUSTOMER even if a known name is close to it.")] = False,
) -> None:
    """Log one contact with a customer, right after it ends.

    CUSTOMER may be a known name, an alias, or a unique beginning of one (case and
    full-width ignored); a name close to a known one is refused unless --new.

    \b
    Examples:
      salelog visit add 张总
      salelog visit add 张总 --kind call --amount 1.2w --outcome "报价已发" \\
          --needs "要含安装" --next "周五回访" --next-date fri
      salelog visit add 李经理 -k 微信 --at 昨天下午3点 --tag demos
      salelog visit add                  asks for each field (on a terminal)
    """
    if customer is None:
        from .prompts import ask_entry

        fields = ask_entry(db_option(ctx))
        customer, kind, outcome, amount, next, next_date = (
            fields["customer"],
            fields["kind"],
            fields["outcome"],
            fields["amount"],
            fields["next"],
            fields["next_date"],
        )
    visit_actions.visit_add(
        ctx.obj,
        customer=customer,
        kind=kind,
        amount=amount,
        outcome=outcome,
        needs=needs,
        feedback=feedback,
        next=next,
        next_date=next_date,
        at=at,
        minutes=minutes,
        tag=tag,
        new=new,
    )


@app.command("list")
def list_visits(
    ctx: typer.Context,
    since: Annotated[str | None, _opt("--since", metavar="DATE", help="From this day on (inclusive).")] = None,
    until: Annotated[str | None, _opt("--until", metavar="DATE", help="Up to this day (inclusive).")] = None,
    customer: Annotated[str | None, _opt("--customer", "-c", metavar="NAME", help="Only this customer.")] = None,
    kind: Annotated[str | None, _opt("--kind", "-k", metavar="KIND", help="Only this kind.")] = None,
    limit: Annotated[
        int | None, typer.Option("--limit", "-n", help="At most this many (0: all; default 50, all with --json).")
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
    visit_actions.visit_list(
        ctx.obj, since=since, until=until, customer=customer, kind=kind, limit=limit, as_json=as_json
    )


EntryRef = Annotated[str, typer.Argument(metavar="ID|last", help="The entry's id (see: salelog visit list), or last.")]


@app.command("edit")
def edit(
    ctx: typer.Context,
    ref: EntryRef,
    customer: Annotated[
        str | None, _opt("--customer", "-c", metavar="NAME", help="Move the entry to this customer.")
    ] = None,
    kind: Annotated[
        str | None, _opt("--kind", "-k", metavar="KIND", help="visit, call, email, meeting, message.")
    ] = None,
    amount: Annotated[str | None, _opt("--amount", "-a", metavar="AMOUNT", help="Sale amount; empty to clear.")] = None,
    outcome: Annotated[str | None, _opt("--outcome", "-o", help="What came of it; empty to clear.")] = None,
    needs: Annotated[str | None, _opt("--needs", help="The customer's needs.")] = None,
    feedback: Annotated[str | None, _opt("--feedback", help="Market feedback.")] = None,
    next: Annotated[str | None, _opt("--next", help="The next step.")] = None,
    next_date: Annotated[str | None, _opt("--next-date", metavar="DATE", help="When; empty to clear.")] = None,
    at: Annotated[str | None, _opt("--at", metavar="WHEN", help="When it happened.")] = None,
    minutes: Annotated[str | None, _opt("--minutes", metavar="N", help="How long it took; empty to clear.")] = None,
    tag: Annotated[list[str] | None, _opt("--tag", "-t", metavar="TAG", help="Replace the tags; repeatable.")] = None,
) -> None:
    """Fix a logged entry: any option of visit add; an empty value clears a field.

    \b
    Examples:
      salelog visit edit last --amount 1.5w
      salelog visit edit 12 --customer 张总 --outcome "已签约"
      salelog visit edit last --next-date ""
    """
    now = clock.now()
    fields = visit_actions.entry_fields(
        now,
        clearing=True,
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
    tags = visit_actions.check_tags(tag) if tag is not None else None
    conn = store.connect(db_option(ctx), create=False)
    with store.writing(conn, undo_as=f"visit edit {ref}"):
        entry_id = store.entry_id_for(conn, ref)
        if customer is not None:
            fields["customer_id"], moved_to = store.require_customer(conn, customer.strip())
        store.update_entry(conn, entry_id, fields, tags)
        store.relabel(conn, f"visit edit #{entry_id}")
    options = {"amount_fen": "amount", "next_step": "next", "next_date": "next-date"}
    changed = [options.get(k, k) for k in fields if k != "customer_id"]
    changed += (["customer"] if customer else []) + (["tags"] if tag is not None else [])
    print(tr("updated #{id}: {fields}", id=entry_id, fields=", ".join(changed) or tr("nothing changed")))


@app.command("rm")
def rm(
    ctx: typer.Context,
    ref: EntryRef,
    yes: Annotated[bool, typer.Option("--yes", "-y", help="Do not ask (for scripts).")] = False,
) -> None:
    """Delete a logged entry (asks first on a terminal; salelog undo brings it back).

    \b
    Examples:
      salelog visit rm last
      salelog visit rm 12 --yes
    """
    from ..render import entry_line
    from .prompts import interactive

    conn = store.connect(db_option(ctx), create=False)
    with store.reading(conn):
        entry_id = store.entry_id_for(conn, ref)
        shown = entry_line(store.entry(conn, entry_id))
    if not yes:
        if not interactive():
            raise SalelogError(
                tr("not deleting #{id} without confirmation", id=entry_id), tr("add --yes to delete it from a script")
            )
        if not typer.confirm(tr("delete #{id} {entry}?", id=entry_id, entry=shown), default=False):
            print(tr("kept; nothing was deleted"))
            return
    with store.writing(conn, undo_as=f"visit rm #{entry_id} ({shown})"):
        store.delete_entry(conn, entry_id)
    print(tr("deleted #{id} {entry} (salelog undo brings it back)", id=entry_id, entry=shown))
