"""payment add/list/rm and receivables: money collected (回款) from customers, and
what each still owes, oldest unpaid sale first."""

from datetime import date

from .. import store
from ..context import Context
from ..errors import SalelogError
from ..i18n import tr
from ..money import show_amount
from ..text import check_name, check_text, visible
from .show import asked_first


def payment_add(
    run: Context,
    *,
    customer: str,
    amount: str,
    at: str | None = None,
    entry: str | None = None,
    deal: str | None = None,
    note: str | None = None,
) -> None:
    """Record a payment from a known customer (for one of its sales or deals when said)."""
    from ..parse import parse_amount, parse_datetime  # not for customer show, which shows payments

    now = run.now
    name = check_name(customer)
    fen = parse_amount(amount)
    if at is not None and not at.strip():
        raise SalelogError("--at is empty", "give when it was paid, e.g. --at 昨天, or leave --at out for now")
    moment = (parse_datetime(at, now, prefer="past") if at is not None else now).strftime("%Y-%m-%d %H:%M:%S")
    if entry is not None and deal is not None:
        raise SalelogError("--for and --deal both given", "a payment is for one sale or one deal: give one of them")
    note = check_text(note, "--note")
    conn = store.connect(run.db, create=False)
    with store.writing(conn, undo_as=f"payment add {name}"):
        customer_id, matched = store.require_customer(conn, name)
        entry_id = _owned(conn, "entry", store.entry_id_for(conn, entry), customer_id, matched) if entry else None
        deal_id = _owned(conn, "deal", store.deal_id_for(conn, deal), customer_id, matched) if deal else None
        payment_id = store.add_payment(
            conn, customer_id, amount_fen=fen, at=moment, entry_id=entry_id, deal_id=deal_id, note=note, now=now
        )
        balance = store.outstanding_fen(conn, [customer_id])[customer_id]
        store.relabel(conn, f"payment add #{payment_id} ({show_amount(fen)}, {matched})")
    print(
        " · ".join(
            [
                tr(
                    "payment #{id}: {amount} from {customer}",
                    id=payment_id,
                    amount=show_amount(fen),
                    customer=visible(matched),
                ),  # fmt: skip
                tr("at {when}", when=moment[:16]),
                balance_text(balance),
            ]
        )
    )


def _owned(conn, what: str, found_id: int, customer_id: int, customer: str) -> int:
    """The entry or deal a payment is for, which must be the customer's."""
    row = store.entry(conn, found_id) if what == "entry" else store.deal(conn, found_id)
    if row["customer_id"] != customer_id:
        raise SalelogError(
            "{what} #{id} is {owner}'s, not {customer}'s",
            "give one of {customer}'s; nothing was written",
            what=tr("entry") if what == "entry" else tr("deal"),
            id=found_id,
            owner=row["customer"],
            customer=customer,
        )
    if what == "entry" and not (row["amount_fen"] or 0) > 0:
        raise SalelogError(
            "entry #{id} is not a sale: a payment is for a sale",
            "give the id of a sale (salelog visit list -c {customer}), or leave --for out; nothing was written",
            id=found_id,
            customer=customer,
        )
    return found_id


def balance_text(balance_fen: int) -> str:
    """outstanding 3万 / a credit of 500 / settled."""
    if balance_fen > 0:
        return tr("outstanding {amount}", amount=show_amount(balance_fen))
    if balance_fen < 0:
        return tr("a credit of {amount}", amount=show_amount(-balance_fen))
    return tr("settled")


def payment_list(run: Context, *, customer: str | None = None, as_json: bool = False) -> None:
    """Payments, newest first (one customer's with `customer`)."""
    from .show import print_rows

    conn = store.connect(run.db, create=False)
    with store.reading(conn):
        customer_id = store.require_customer(conn, customer.strip())[0] if customer else None
        rows = store.list_payments(conn, customer_id)
    print_rows(
        payment_records(rows),
        as_json=as_json,
        when_empty=tr("No payments yet. Record one: salelog payment add 张总 3万"),
        table="views_money.payments_table",
    )


def payment_records(rows: list[dict]) -> list[dict]:
    """store.list_payments rows -> payment list --json's objects (keys as the options), amounts in yuan."""
    from ..money import yuan

    return [
        {
            "id": r["id"],
            "customer": r["customer"],
            "amount": yuan(r["amount_fen"]),
            "at": r["at"],
            "for": r["entry_id"],
            "deal": r["deal_id"],
            "note": r["note"],
        }  # fmt: skip
        for r in rows
    ]


def payment_rm(run: Context, *, ref: str, yes: bool = False, confirm=None) -> None:
    """Delete a payment (asks first through `confirm` on a terminal; --yes for scripts)."""
    conn = store.connect(run.db, create=False)
    with store.reading(conn):
        payment_id = store.payment_id_for(conn, ref)
        row = next(p for p in store.list_payments(conn) if p["id"] == payment_id)
    shown = f"{row['at'][:16]} {show_amount(row['amount_fen'])} {visible(row['customer'])}"
    if not asked_first(
        yes,
        confirm,
        refusal=tr("not deleting payment #{id} without confirmation", id=payment_id),
        question=tr("delete payment #{id} {payment}?", id=payment_id, payment=shown),
    ):
        return
    with store.writing(conn, undo_as=f"payment rm #{payment_id} ({shown})"):
        store.delete_payment(conn, payment_id)
    print(tr("deleted payment #{id} {payment} (salelog undo brings it back)", id=payment_id, payment=shown))


def receivables_rows(conn, today: date, *, shown: int = 0) -> tuple[list[dict], int]:
    """Customers owing money, the longest owed first: the outstanding balance, and
    each unpaid sale oldest first (as store.sales_owed pays them) with its age in days ->
    (the first `shown` of them, 0: all; how many owe). Only those shown are read."""
    from ..money import yuan

    owing, total = store.owing_customers(conn, limit=shown or None)
    owed = store.sales_owed(conn, [o["customer_id"] for o in owing] if len(owing) < total else None)

    def age(at: str) -> int:
        return (today - date.fromisoformat(at[:10])).days

    rows = [
        {
            "customer": o["customer"],
            "outstanding": yuan(o["outstanding_fen"]),
            "oldest_sale": o["oldest_sale"],
            "oldest_at": o["oldest_at"][:10],
            "age_days": age(o["oldest_at"]),
            "sales": [
                {
                    "entry": s["entry_id"],
                    "at": s["at"][:10],
                    "amount": yuan(s["amount_fen"]),
                    "owed": yuan(s["owed_fen"]),
                    "age_days": age(s["at"]),
                }
                for s in owed[o["customer_id"]]
            ],
        }  # fmt: skip
        for o in owing
    ]
    return rows, total


def receivables(run: Context, *, limit: int | None = None, as_json: bool = False) -> None:
    """salelog receivables: who owes what, the oldest unpaid sale first (the first 50 in
    the table, all in --json, unless `limit` says otherwise; 0: all)."""
    from .show import print_rows, say_more, shown_at_most

    conn = store.connect(run.db, create=False)
    with store.reading(conn):
        rows, total = receivables_rows(conn, run.now.date(), shown=shown_at_most(limit, as_json))
    print_rows(
        rows,
        as_json=as_json,
        when_empty=tr("Nothing outstanding: every sale is paid."),
        table="views_money.receivables_table",
    )
    if not as_json:
        say_more(len(rows), total)
