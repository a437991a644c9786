"""visit cancel: a sale cancelled in full or in part. The entry keeps its amount
(its own week's results stay as they were); the cancellation is counted in the
period it happens in (report.actual)."""

from .. import store
from ..context import Context
from ..errors import SalelogError
from ..i18n import tr
from ..money import show_amount
from ..parse import parse_amount, parse_datetime
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
        fen = store.check_cancellation(conn, entry, fen, moment)
        store.add_cancellation(conn, entry_id, amount_fen=fen, at=moment, reason=why, now=now)
        rest = entry["amount_fen"] - store.cancelled_fen(conn, entry_id)
        store.relabel(conn, f"visit cancel #{entry_id} ({show_amount(fen)}, {entry['customer']})")
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
