"""visit edit / visit rm: change or remove a logged entry (a won deal's revenue
entry and a cancelled sale's amount are guarded here). Apart from visit.py, which
visit add loads."""

from .. import store
from ..context import Context
from ..errors import SalelogError
from ..fields import BY_KEY, SCALARS, json_key
from ..i18n import tr
from ..metrics import check_sale
from ..money import show_amount
from ..text import visible
from .visit import check_tags, entry_fields, read_lists, split_given


def visit_edit(run: Context, *, ref: str, customer: str | None = None, new_tag: bool = False, **given) -> None:
    """Fix a logged entry (`ref`: its id or "last"): the entry options given
    replace what is stored, an empty value clears a clearable field, a list given
    replaces the stored list; `customer` moves the entry. Tags are checked as
    visit add checks them, unless `new_tag`."""
    scalars, lists = split_given(given)
    fields = entry_fields(run.now, clearing=True, **scalars)
    values = read_lists(lists, editing=True)
    calendar = None
    if fields.get("complaint"):  # a new complaint's follow-up is due the next working day, as visit add's
        from ..periods import load_calendar

        calendar = load_calendar()
    conn = store.connect(run.db, create=False)
    if not fields and customer is None and all(v is None for v in values.values()):
        with store.reading(conn):  # nothing to change: no write, and no undo step that undoes nothing
            entry_id = store.entry_id_for(conn, ref)
        print(tr("updated #{id}: {fields}", id=entry_id, fields=tr("nothing changed")))
        return
    with store.writing(conn, undo_as=f"visit edit {ref}"):
        entry_id = store.entry_id_for(conn, ref)
        if not new_tag:
            check_tags(conn, values["tag"])
        unlinked = None
        if customer is not None:
            fields["customer_id"] = store.require_customer(conn, customer.strip())[0]
            unlinked = _deal_left_behind(conn, entry_id, fields["customer_id"])
            if unlinked:
                fields["deal_id"] = None  # a deal is one customer's (visit add --deal refuses another's)
        if fields.keys() & {"customer_id", "amount_fen", "at"}:
            refuse_changing_a_win(conn, entry_id)
        if "amount_fen" in fields:
            check_cancelled_part(conn, entry_id, fields["amount_fen"])
        reopened = store.update_entry(conn, entry_id, fields, values, now=run.now, calendar=calendar)
        check_sale(*conn.execute("SELECT kind, amount_fen FROM entries WHERE id = ?", (entry_id,)).fetchone())
        complaint_due = store.complaint_due_of(conn, entry_id) if fields.get("complaint") else None
        store.relabel(conn, f"visit edit #{entry_id}")
    by_column = {f.column: f.flags[0][2:] for f in SCALARS}
    changed = [by_column[column] for column in fields if column not in ("customer_id", "deal_id")]
    changed += (["customer"] if customer else []) + [json_key(BY_KEY[k]) for k, v in values.items() if v is not None]
    line = tr("updated #{id}: {fields}", id=entry_id, fields=", ".join(changed) or tr("nothing changed"))
    if complaint_due:
        line += " · " + tr("complaint follow-up due {date}", date=complaint_due)
    if unlinked:
        line += " · " + tr("no longer linked to deal #{id} ({owner}'s)", id=unlinked[0], owner=visible(unlinked[1]))
    print("\n".join([line, *_open_again(reopened)]))


def _open_again(followups: list[dict]) -> list[str]:
    """A line for each follow-up an edited or removed contact no longer closes."""
    line = "follow-up #{id} {what} is open again: this contact no longer closes it"
    return [tr(line, id=f["id"], what=visible(f["what"] or "")) for f in followups]


def _deal_left_behind(conn, entry_id: int, customer_id: int) -> tuple[int, str] | None:
    """(id, its customer's name) of the deal the entry is linked to when that deal is
    not `customer_id`'s, else None."""
    row = conn.execute(
        "SELECT d.id, c.name FROM entries e JOIN deals d ON d.id = e.deal_id JOIN customers c ON c.id = d.customer_id"
        " WHERE e.id = ? AND d.customer_id != ?",
        (entry_id, customer_id),
    ).fetchone()
    return tuple(row) if row else None


def visit_rm(run: Context, *, ref: str, yes: bool = False, confirm=None) -> None:
    """Delete a logged entry, asking first through `confirm` (None off a terminal:
    refused) unless `yes`; a won deal's revenue entry is refused (refuse_removing_a_win)."""
    from ..views import entry_line
    from .show import asked_first

    conn = store.connect(run.db, create=False)
    with store.reading(conn):
        entry_id = store.entry_id_for(conn, ref)
        refuse_removing_a_win(conn, entry_id)  # before asking: a yes would be refused anyway
        shown = entry_line(store.entry(conn, entry_id))
    if not asked_first(
        yes,
        confirm,
        refusal=tr("not deleting #{id} without confirmation", id=entry_id),
        question=tr("delete #{id} {entry}?", id=entry_id, entry=shown),
    ):
        return
    with store.writing(conn, undo_as=f"visit rm #{entry_id} ({shown})"):
        refuse_removing_a_win(conn, entry_id)  # again under the lock: a deal won meanwhile
        reopened = store.delete_entry(conn, entry_id, run.now)
    print("\n".join([tr("deleted #{id} {entry} (salelog undo brings it back)", id=entry_id, entry=shown),
                     *_open_again(reopened)]))  # fmt: skip


def refuse_removing_a_win(conn, entry_id: int) -> None:
    """Refuse to delete the entry a won deal's win booked: the deal would stay won
    with no revenue. Refused rather than reopening the deal behind the user's back:
    which stage it goes back to, and whether the sale fell through (visit cancel
    keeps the history) or was never made, are theirs to say."""
    deal_id = store.deal_won_by(conn, entry_id)
    if deal_id is not None:
        raise SalelogError(
            "entry #{id} is deal #{deal}'s win; removing it would leave the deal won",
            "if the sale fell through: salelog visit cancel {id} --reason TEXT; if it never happened:"
            " salelog deal rm {deal} first; nothing was written",
            id=entry_id,
            deal=deal_id,
        )


def refuse_changing_a_win(conn, entry_id: int) -> None:
    """Refuse a new customer, amount or time for the entry a won deal's win booked: the
    deal says who won it, for how much and when (pipeline, win rate, cycle)."""
    deal_id = store.deal_won_by(conn, entry_id)
    if deal_id is not None:
        raise SalelogError(
            "entry #{id} is deal #{deal}'s win: its customer, amount and time are the deal's",
            "if the sale fell through in part: salelog visit cancel {id} --amount X --reason TEXT; to book the win"
            " again: salelog deal rm {deal} and add it anew; the outcome, notes and tags can be edited; nothing"
            " was written",
            id=entry_id,
            deal=deal_id,
        )


def check_cancelled_part(conn, entry_id: int, amount_fen: int | None) -> None:
    """Refuse a sale's new amount below what visit cancel has cancelled of it."""
    cancelled = store.cancelled_fen(conn, entry_id)
    if cancelled > (amount_fen or 0):
        raise SalelogError(
            "{cancelled} of sale #{id} is cancelled: its amount cannot go below that",
            "give --amount {cancelled} or more, or undo the cancellation first (salelog undo); nothing was written",
            cancelled=show_amount(cancelled),
            id=entry_id,
        )
