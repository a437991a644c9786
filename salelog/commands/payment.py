"""salelog payment and receivables: money collected (回款). Declarations and help
only; the bodies are in salelog/actions/payment.py."""

from typing import Annotated

import typer

from ..actions import payment as payment_actions
from .shell import complete_customer

app = typer.Typer(
    help="Record money collected from customers (回款); list and delete payments.\n\n\b\nExamples:\n"
    "  salelog payment add 张总 3万\n  salelog payment list --customer 张总",
    no_args_is_help=True,
)


@app.command("add")
def add(
    ctx: typer.Context,
    customer: Annotated[
        str, typer.Argument(metavar="CUSTOMER", help="Who paid: a known customer.", autocompletion=complete_customer)
    ],
    amount: Annotated[str, typer.Argument(metavar="AMOUNT", help="How much: 3万, 1.2w, 12,000, 3500.50.")],
    at: Annotated[str | None, typer.Option("--at", metavar="WHEN", help="When it was paid (default: now).")] = None,
    entry: Annotated[
        str | None, typer.Option("--for", metavar="ENTRY_ID", help="The sale it pays (an entry id).")
    ] = None,
    deal: Annotated[str | None, typer.Option("--deal", metavar="ID", help="The deal it pays.")] = None,
    note: Annotated[str | None, typer.Option("--note", metavar="TEXT", help="A note: invoice, transfer...")] = None,
) -> None:
    """Record a payment from a customer; the metric collected (回款) sums them, and
    the customer's outstanding balance (sales − cancellations − payments) drops.

    \b
    Examples:
      salelog payment add 张总 3万
      salelog payment add 张总 1.2w --at 昨天 --for 12 --note "银行转账"
      salelog payment add 李经理 5000 --deal 3
    """
    payment_actions.payment_add(ctx.obj, customer=customer, amount=amount, at=at, entry=entry, deal=deal, note=note)


@app.command("list")
def list_payments(
    ctx: typer.Context,
    customer: Annotated[
        str | None, typer.Option("--customer", "-c", metavar="NAME", help="Only this customer's.")
    ] = None,
    as_json: Annotated[bool, typer.Option("--json", help="Print a JSON array instead of a table.")] = False,
) -> None:
    """List payments, newest first.

    \b
    Examples:
      salelog payment list
      salelog payment list --customer 张总 --json
    """
    payment_actions.payment_list(ctx.obj, customer=customer, as_json=as_json)


@app.command("rm")
def rm(
    ctx: typer.Context,
    ref: Annotated[str, typer.Argument(metavar="ID", help="The payment's id (see: salelog payment list).")],
    yes: Annotated[bool, typer.Option("--yes", "-y", help="Do not ask (for scripts).")] = False,
) -> None:
    """Delete a payment (asks first on a terminal; salelog undo brings it back).

    \b
    Examples:
      salelog payment rm 3
      salelog payment rm 3 --yes
    """
    from .prompts import confirm_on_a_terminal

    payment_actions.payment_rm(ctx.obj, ref=ref, yes=yes, confirm=confirm_on_a_terminal())


def receivables(
    ctx: typer.Context,
    limit: Annotated[
        int | None,
        typer.Option("--limit", "-n", min=0, help="At most this many (0: all; default 50, all with --json)."),
    ] = None,
    as_json: Annotated[bool, typer.Option("--json", help="Print JSON.")] = False,
) -> None:
    """Customers with money outstanding, the oldest unpaid sale first, with its
    age in days; a payment for a sale or a deal (payment add --for, --deal)
    pays that first, the others the oldest sales first.

    \b
    Examples:
      salelog receivables
      salelog receivables --limit 0     every customer who owes, not the first 50
      salelog receivables --json
    """
    payment_actions.receivables(ctx.obj, limit=limit, as_json=as_json)
