"""visit cancel: a sale cancelled in full or in part. The entry keeps its amount
(its own week's results stay as they were); the cancellation is counted in the
period it happens in (report.actual)."""

from .. import store
from ..context import Context
from ..errors import SalelogError
from ..i18n import tr
from ..parse import parse_amount, parse_datetime, show_amount
from ..text import check_text, visible


def visit_cancel(
    run: Context, *, ref: str, reason: str | None, amount: str | None = None, at: str | None = None
) -> None:
    """Cancel `amount` (default: all that is left) of the sale entry `ref` names,
    at `at` (default now), for `reason` (required); print one confirmation line."""
    now = run.now
    # Everything typed is read before the database is opened: bad input writes nothing.
    why = check_text(reason, "--reason")
    if not (why or "").strip():
        raise SalelogError("--reason is empty", 'say why the sale was cancelled, e.g. --reason "客户取消订单"')
    fen = parse_amount(amount) if amount is not None else None
    if at is not None and not at.strip():
        raise SalelogError(
            "--at is empty", "give when it was cancelled, e.g. --at 今天上午10点, or leave --at out for now"
        )
    when = parse_datetime(at, now, prefer="past") if at is not None else now
    moment = when.strftime("%Y-%m-%d %H:%M:%S")
    conn = store.connect(run.db, create=False)
    with store.writing(conn, undo_as=f"visit cancel {ref}"):
        entry_id = store.entry_id_for(conn, ref)
        entry = store.entry(conn, entry_id)
        if not entry["amount_fen"]:
            raise SalelogError(
                "entry #{id} is not a sale: it has no amount",
                "cancel an entry logged with --amount (salelog visit list); nothing was written",
                id=entry_id,
            )
        left = entry["amount_fen"] - store.cancelled_fen(conn, entry_id)
        if left <= 0:
            raise SalelogError(
                "sale #{id} is cancelled in full already", "nothing is left to cancel; nothing was written", id=entry_id
            )
        fen = left if fen is None else fen
        if fen > left:
            raise SalelogError(
                "cannot cancel {amount} of sale #{id}: only {left} of it is left",
                "give --amount {left} or less (leave --amount out to cancel all that is left); nothing was written",
                amount=show_amount(fen),
                id=entry_id,
                left=show_amount(left),
            )
        if moment < entry["at"]:
            raise SalelogError(
                "a cancellation at {when} would come before the sale ({sale})",
                "give an --at on or after the sale; nothing was written",
                when=moment[:16],
                sale=entry["at"][:16],
            )
        store.add_cancellation(conn, entry_id, amount_fen=fen, at=moment, reason=why, now=now)
        store.relabel(conn, f"visit cancel #{entry_id} ({show_amount(fen)}, {entry['customer']})")
    rest = left - fen
    print(
        " · ".join(
            [
                tr(
                    "cancelled {amount} of sale #{id} with {customer}",
                    amount=show_amount(fen),
                    id=entry_id,
                    customer=visible(entry["customer"]),
                ),  # fmt: skip
                tr("at {when}", when=moment[:16]),
                tr("left: {left}", left=show_amount(rest)) if rest else tr("cancelled in full"),
            ]
        )
    )
