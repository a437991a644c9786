"""Asking for an entry field by field, as `hledger add` does, when `salelog
visit add` is typed without a customer on a terminal."""

import os
import sys

from .. import store
from ..errors import SalelogError
from ..i18n import tr


def interactive() -> bool:
    """Whether we may ask questions: stdin is a terminal (SALELOG_INTERACTIVE=1/0
    overrides, for scripts and tests). Cron and pipes never get a prompt that hangs."""
    forced = os.environ.get("SALELOG_INTERACTIVE")
    return forced == "1" if forced in ("0", "1") else sys.stdin.isatty()


def ask_entry(db: str | None) -> dict:
    """Customer (completing from the archive), kind, outcome, amount, next step and
    its date; kind and next step default to the customer's last entry.
    Enter accepts a default; Ctrl-C aborts with nothing written."""
    import typer

    if not interactive():
        raise SalelogError(tr("missing customer"), tr("give it: salelog visit add 张总 [options]"))
    conn = store.connect(db)
    with store.reading(conn):
        names = store.customer_names(conn)
    _complete_with(names)
    customer = typer.prompt(tr("customer")).strip()
    last = None
    with store.reading(conn):
        found = store.find_customer(conn, customer)
        if found:
            last = store.last_entry_of(conn, found[0])
    defaults = last or {}
    answers = {"customer": customer}
    answers["kind"] = typer.prompt(
        tr("kind (visit/call/email/meeting/message)"), default=defaults.get("kind") or _default_kind()
    )
    answers["outcome"] = typer.prompt(tr("outcome"), default="", show_default=False) or None
    answers["amount"] = typer.prompt(tr("amount (e.g. 1.2w; Enter for none)"), default="", show_default=False) or None
    answers["next"] = (
        typer.prompt(
            tr("next step"), default=defaults.get("next_step") or "", show_default=bool(defaults.get("next_step"))
        )
        or None
    )
    answers["next_date"] = typer.prompt(tr("next date (e.g. fri, 周五)"), default="", show_default=False) or None
    return answers


def _complete_with(names: list[str]) -> None:
    try:
        import readline
    except ImportError:  # Windows without pyreadline: no completion, still works
        return

    def complete(text: str, state: int) -> str | None:
        matches = [n for n in names if n.startswith(text)]
        return matches[state] if state < len(matches) else None

    readline.set_completer(complete)
    readline.parse_and_bind("tab: complete")


def _default_kind() -> str:
    from .. import config

    return config.default_kind(config.load())
