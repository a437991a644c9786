"""Tables of money collected: payment list and receivables (sheet.py's one table model)."""

from .i18n import tr
from .money import shown
from .sheet import Column, Table
from .text import visible


def payments_table(rows: list[dict], *, customer: bool = True) -> Table:
    """payment list: a payment a row, newest first (exact amounts: a log is not a summary);
    without the `customer` column in one customer's account."""
    table = Table(Column(tr("ID"), "right"), Column(tr("When"), no_wrap=True))
    table.columns += [Column(tr("Customer"))] * customer
    table.columns += [Column(tr("Amount"), "right"), Column(tr("For")), Column(tr("Note"))]
    for r in rows:
        paid_for = " ".join(filter(None, [r["for"] and f"#{r['for']}", r["deal"] and tr("deal #{id}", id=r["deal"])]))
        table.add_row(
            str(r["id"]), r["at"][:16], *[visible(r["customer"])] * customer, shown(r["amount"], approx=False),
            paid_for, visible(r["note"] or ""),
        )  # fmt: skip
    return table


def receivables_table(rows: list[dict]) -> Table:
    """receivables: a customer a row, the longest owed first, with the oldest unpaid sale and its age."""
    table = Table(Column(tr("Customer")), Column(tr("Outstanding"), "right"), Column(tr("Unpaid sales"), "right"))
    table.columns += [Column(tr("Oldest unpaid"), no_wrap=True), Column(tr("Days"), "right")]
    table.title = tr("Who owes what, the oldest unpaid sale first")
    for r in rows:
        table.add_row(
            visible(r["customer"]), shown(r["outstanding"], approx=False), str(len(r["sales"])),
            f"#{r['oldest_sale']} {r['oldest_at']}", str(r["age_days"]),
        )  # fmt: skip
    return table


def account_blocks(card: dict, payments: list[dict]) -> list:
    """customer show: the account (its outstanding balance, what was paid) and its payments."""
    from .sheet import Line

    balance = card["outstanding"]
    if balance > 0:
        said = tr("outstanding {amount}", amount=shown(balance, approx=False))
    elif balance < 0:
        said = tr("a credit of {amount}", amount=shown(-balance, approx=False))
    else:
        said = tr("settled")
    paid = shown(sum(p["amount"] for p in payments), approx=False, zero="0")
    blocks = [Line(("\n" + tr("Account: {balance} · paid {paid}", balance=said, paid=paid), "bold"))]
    if payments:
        blocks.append(payments_table(payments, customer=False))
    return blocks
