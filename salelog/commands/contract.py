"""salelog contract: a customer's contracts and when each ends. Declarations and
help only; the bodies are in salelog/actions/contract.py."""

from typing import Annotated

import typer

from ..actions import contract as contract_actions
from .shell import complete_customer

app = typer.Typer(
    help="Keep customers' contracts and their end dates; remind warns before one ends.\n\n\b\nExamples:\n"
    "  salelog contract add 张总 --ends 2027-06-30 --note 年度维保\n  salelog contract list",
    no_args_is_help=True,
)


@app.command("add")
def add(
    ctx: typer.Context,
    customer: Annotated[
        str,
        typer.Argument(
            metavar="CUSTOMER",
            help="A known customer (name, alias or a unique beginning).",
            autocompletion=complete_customer,
        ),
    ],
    ends: Annotated[
        str | None, typer.Option("--ends", metavar="DATE", help="When it ends: 2027-06-30, 12-31, 月底.")
    ] = None,
    note: Annotated[str | None, typer.Option("--note", metavar="TEXT", help="What it covers.")] = None,
) -> None:
    """Keep a contract of a customer's; a customer may have several. remind names
    it when it ends within contract_warn_days (config, 30 by default), and the
    ICS export carries its end date.

    \b
    Examples:
      salelog contract add 张总 --ends 2027-06-30 --note "年度维保合同"
      salelog contract add 李经理 --ends 12-31
    """
    contract_actions.contract_add(ctx.obj, customer=customer, ends=ends, note=note)


@app.command("list")
def list_contracts(
    ctx: typer.Context,
    customer: Annotated[
        str | None,
        typer.Option(
            "--customer", "-c", metavar="NAME", help="Only this customer's.", autocompletion=complete_customer
        ),
    ] = None,
    as_json: Annotated[bool, typer.Option("--json", help="Print a JSON array instead of a table.")] = False,
) -> None:
    """List contracts, soonest ending first, with the days left.

    \b
    Examples:
      salelog contract list
      salelog contract list --customer 张总 --json
    """
    contract_actions.contract_list(ctx.obj, customer=customer, as_json=as_json)


@app.command("rm")
def rm(
    ctx: typer.Context,
    contract_id: Annotated[
        int, typer.Argument(metavar="ID", help="The contract's id (see: salelog contract list).", min=0)
    ],
) -> None:
    """Delete a contract (salelog undo brings it back).

    \b
    Examples:
      salelog contract rm 3
    """
    contract_actions.contract_rm(ctx.obj, contract_id=contract_id)
