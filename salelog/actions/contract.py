"""contract add / list / rm, and customer edit --contract-end: a customer's
contracts and when each ends (remind warns before; the ICS export carries them)."""

from .. import store
from ..context import Context
from ..errors import SalelogError
from ..i18n import tr
from ..text import check_name, check_text, visible


def read_contract(run: Context, ends: str | None, note: str | None) -> tuple[str, str | None]:
    """--contract-end/--ends and --note as typed -> (ISO end date, note); checked
    before anything is opened, so that bad input writes nothing."""
    from ..parse import parse_date

    if ends is None or not ends.strip():
        raise SalelogError(
            "a contract needs its end date", "give an end date such as 2027-06-30, 12-31 or 月底; nothing was written"
        )
    note = check_text(note, "--note")
    return parse_date(ends, run.now, prefer="future").isoformat(), (note.strip() or None) if note else None


def add_contract_of(conn, run: Context, customer_id: int, ends: str, note: str | None) -> int:
    """Record a contract inside the caller's write (contract add, customer edit) -> its id."""
    return store.add_contract(conn, customer_id, ends, note, run.now)


def contract_add(run: Context, *, customer: str, ends: str | None = None, note: str | None = None) -> None:
    """Keep one more contract of a known customer."""
    name = check_name(customer)
    day, note = read_contract(run, ends, note)
    conn = store.connect(run.db, create=False)
    with store.writing(conn, undo_as=f"contract add {name} {day}"):
        customer_id, matched = store.require_customer(conn, name)
        contract_id = add_contract_of(conn, run, customer_id, day, note)
    print(tr("added contract #{id}: {customer} ends {day}", id=contract_id, customer=visible(matched), day=day))
    if day < run.now.date().isoformat():  # kept, as a record: remind says it ended while it is recent
        import sys

        print(tr("note: {day} is past: the contract has ended already", day=day), file=sys.stderr)


def contract_rows(rows: list[dict], today) -> list[dict]:
    """store.list_contracts rows -> the list's shape, with days_left (negative: ended)."""
    from datetime import date

    return [
        {k: r[k] for k in ("id", "customer", "class", "ends", "note")}
        | {"days_left": (date.fromisoformat(r["ends"]) - today).days, "created": r["created_at"][:10]}
        for r in rows
    ]


def contract_list(run: Context, *, customer: str | None = None, as_json: bool = False) -> None:
    """Contracts, soonest ending first (of one customer with `customer`)."""
    from .show import print_rows

    conn = store.connect(run.db, create=False)
    with store.reading(conn):
        customer_id = store.require_customer(conn, customer.strip())[0] if customer else None
        rows = contract_rows(store.list_contracts(conn, customer_id=customer_id), run.now.date())
    if as_json or not rows:
        print_rows(
            rows,
            as_json=as_json,
            when_empty=tr("No contracts yet: salelog contract add 张总 --ends 2027-06-30"),
            table="",
        )
        return
    from ..sheet import show
    from ..views_life import contracts_table

    show([contracts_table(rows)])


def contract_rm(run: Context, *, contract_id: int) -> None:
    """Delete a contract (salelog undo brings it back)."""
    conn = store.connect(run.db, create=False)
    with store.writing(conn, undo_as=f"contract rm #{contract_id}"):
        row = store.contract(conn, contract_id)
        store.delete_contract(conn, contract_id)
    print(tr("deleted contract #{id} (ending {day}; salelog undo brings it back)", id=contract_id, day=row["ends"]))


def contracts_ending(conn, today, warn_days: int) -> list[dict]:
    """remind: contracts ending from `warn_days` ago (ended, and the customer has no
    contract running on) to `warn_days` ahead, soonest first (days_left negative: ended)."""
    from datetime import timedelta

    rows = store.list_contracts(conn, since=(today - timedelta(days=warn_days)).isoformat())
    on, until = today.isoformat(), (today + timedelta(days=warn_days)).isoformat()
    running = {r["customer"] for r in rows if r["ends"] >= on}
    return contract_rows(
        [r for r in rows if r["ends"] <= until and (r["ends"] >= on or r["customer"] not in running)], today
    )
