"""followups / followup done|move: next steps that come back on their date."""

from .. import store
from ..context import Context
from ..errors import SalelogError
from ..i18n import tr
from ..parse import parse_date
from ..text import visible
from .show import print_rows


def followups_show(run: Context, *, include_done: bool = False, as_json: bool = False) -> None:
    """Open follow-ups (with `include_done`, done ones too): overdue and due today
    first, then upcoming, then undated; as a table or --json."""
    from ..report import followup_rows

    conn = store.connect(run.db, create=False)
    with store.reading(conn):
        rows = followup_rows(store.open_followups(conn, include_done=include_done), run.now.date())
    print_rows(
        rows,
        as_json=as_json,
        when_empty=tr("No open follow-ups. They come from: salelog visit add 张总 --next 周五回访 --next-date fri"),
        table="followups_table",
    )


def followup_done(run: Context, *, followup_id: int) -> None:
    """Mark a follow-up done."""
    conn = store.connect(run.db, create=False)
    with store.writing(conn, undo_as=f"followup done {followup_id}"):
        followup = _still_open(store.followup(conn, followup_id))
        store.update_followup(conn, followup_id, {"status": "done", "done_at": run.now.strftime("%Y-%m-%d %H:%M:%S")})
    print(tr("follow-up #{id} done: {what}", id=followup_id, what=visible(followup["what"] or "")).rstrip(": ："))


def followup_move(run: Context, *, followup_id: int, when: str) -> None:
    """Move a follow-up to another day; it stays open."""
    day = parse_date(when, run.now, prefer="future")
    if day < run.now.date():
        raise SalelogError(
            tr("{day} is in the past: a follow-up moves to today or later", day=day.isoformat()),
            tr(
                "if it happened, log it (salelog visit add ...) or close it: salelog followup done {id}", id=followup_id
            ),  # fmt: skip
        )
    due = day.isoformat()
    conn = store.connect(run.db, create=False)
    with store.writing(conn, undo_as=f"followup move {followup_id} {due}"):
        _still_open(store.followup(conn, followup_id))
        store.update_followup(conn, followup_id, {"due_date": due})
    print(tr("follow-up #{id} moved to {day}", id=followup_id, day=due))


def _still_open(followup: dict) -> dict:
    """A closed follow-up is history: it is neither closed again nor moved."""
    if followup["status"] != "open":
        by = tr(" by entry #{id}", id=followup["done_by_entry_id"]) if followup["done_by_entry_id"] else ""
        raise SalelogError(
            tr("follow-up #{id} is already done{by} ({at})", id=followup["id"], by=by, at=followup["done_at"][:16]),
            tr("log the next step with the customer's next entry: salelog visit add NAME --next ... --next-date ..."),
        )
    return followup
