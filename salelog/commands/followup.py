"""salelog followups / followup: next steps that come back on their date."""

from typing import Annotated

import typer

from .. import clock, store
from ..errors import SalelogError
from ..i18n import tr
from ..parse import parse_date
from ..text import visible
from . import db_option, print_rows

app = typer.Typer(
    help="Close or move a follow-up.\n\n\b\nExamples:\n  salelog followup done 12\n  salelog followup move 12 下周一",
    no_args_is_help=True,
)


def followups(
    ctx: typer.Context,
    all_: Annotated[bool, typer.Option("--all", help="Include follow-ups already done.")] = False,
    as_json: Annotated[bool, typer.Option("--json", help="Print a JSON array instead of a table.")] = False,
) -> None:
    """List open follow-ups: overdue and due today first (days overdue), then
    upcoming, then undated; with each customer's class.

    \b
    Examples:
      salelog followups
      salelog followups --all --json
    """
    from ..report import followup_rows

    now = clock.now()
    conn = store.connect(db_option(ctx), create=False)
    with store.reading(conn):
        rows = followup_rows(store.open_followups(conn, include_done=all_), now.date())
    hint = "No open follow-ups. They come from: salelog visit add 张总 --next 周五回访 --next-date fri"
    print_rows(rows, as_json, hint, "print_followups")


FollowupId = Annotated[int, typer.Argument(metavar="ID", help="The follow-up's number (see: salelog followups).")]


@app.command("done")
def done(ctx: typer.Context, followup_id: FollowupId) -> None:
    """Mark a follow-up done.

    \b
    Examples:
      salelog followup done 12
    """
    now = clock.now()
    conn = store.connect(db_option(ctx), create=False)
    with store.writing(conn, undo_as=f"followup done {followup_id}"):
        followup = _still_open(store.followup(conn, followup_id))
        store.update_followup(conn, followup_id, {"status": "done", "done_at": now.strftime("%Y-%m-%d %H:%M:%S")})
    print(tr("follow-up #{id} done: {what}", id=followup_id, what=visible(followup["what"] or "")).rstrip(": ："))


@app.command("move")
def move(
    ctx: typer.Context,
    followup_id: FollowupId,
    when: Annotated[str, typer.Argument(metavar="DATE", help="The new date: fri, 下周一, 12-01, 2026-12-01.")],
) -> None:
    """Move a follow-up to another day (it stays open).

    \b
    Examples:
      salelog followup move 12 下周一
    """
    now = clock.now()
    due = parse_date(when, now, prefer="future").isoformat()
    conn = store.connect(db_option(ctx), create=False)
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
