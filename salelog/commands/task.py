"""salelog task: the day's work, ordered by the four quadrants (importance x urgency)."""

import sys
from typing import Annotated

import typer

from .. import clock, store
from ..errors import SalelogError
from ..i18n import tr, weekday
from ..parse import parse_date
from ..text import check_name, check_text, visible
from . import db_option, print_rows

app = typer.Typer(
    help="Plan tasks by importance and urgency; list, finish, drop and move them.\n\n\b\nExamples:\n"
    '  salelog task add "给张总发报价" --due tomorrow --customer 张总 -i -u\n  salelog task list',
    no_args_is_help=True,
)

TaskId = Annotated[int, typer.Argument(metavar="ID", help="The task's number (see: salelog task list).")]


def quadrant_of(important: bool, urgent: bool, q: int | None) -> int:
    """1 important+urgent, 2 important, 3 urgent, 4 neither; --q N says it outright."""
    from_flags = {(True, True): 1, (True, False): 2, (False, True): 3, (False, False): 4}[(important, urgent)]
    if q is None:
        return from_flags
    if not 1 <= q <= 4:
        raise SalelogError(
            tr("no quadrant {q}", q=q), tr("quadrants: 1 important+urgent, 2 important, 3 urgent, 4 neither")
        )
    if (important or urgent) and q != from_flags:
        raise SalelogError(
            tr("--q {q} contradicts -i/-u (quadrant {flags})", q=q, flags=from_flags), tr("give either --q or -i/-u")
        )
    return q


@app.command("add")
def add(
    ctx: typer.Context,
    title: Annotated[str, typer.Argument(metavar="TITLE", help="What to do.")],
    due: Annotated[
        str, typer.Option("--due", "-d", metavar="DATE", help="The day: today, tomorrow, 周三, fri, 11-27.")
    ] = "today",
    customer: Annotated[str | None, typer.Option("--customer", "-c", metavar="NAME", help="For this customer.")] = None,
    important: Annotated[bool, typer.Option("--important", "-i", help="Important: it moves a target.")] = False,
    urgent: Annotated[bool, typer.Option("--urgent", "-u", help="Urgent: it cannot wait.")] = False,
    q: Annotated[int | None, typer.Option("--q", metavar="1-4", help="The quadrant outright.")] = None,
) -> None:
    """Plan a task for a day. Quadrant 1 (important and urgent) comes first,
    2 (important) is scheduled, 3 (urgent only) kept short, 4 (neither) dropped.

    \b
    Examples:
      salelog task add "给张总发报价" --due tomorrow --customer 张总 --important --urgent
      salelog task add "整理客户资料" --due 周三 -i
      salelog task add "回复群消息" --q 3
    """
    now = clock.now()
    name = check_name(title, "task title", hint=tr('give a title, e.g. salelog task add "给张总发报价"'))
    day = parse_date(due, now, prefer="future")
    quadrant = quadrant_of(important, urgent, q)
    conn = store.connect(db_option(ctx))
    with store.writing(conn, undo_as=f"task add {name}"):
        customer_id, customer_name = store.require_customer(conn, customer.strip()) if customer else (None, None)
        task_id = store.add_task(conn, name, day.isoformat(), quadrant, customer_id, now)
    from ..report import QUADRANTS

    who = tr(" for {customer}", customer=visible(customer_name)) if customer_name else ""
    weekdays = ("Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun")
    print(
        tr(
            "task #{id}: {title}{who} · {day} · quadrant {q} ({quadrant})",
            id=task_id,
            title=visible(name),
            who=who,
            day=f"{weekday(day.weekday(), weekdays)} {day:%Y-%m-%d}",
            q=quadrant,
            quadrant=tr(QUADRANTS[quadrant]),
        )
    )
    if day < now.date():
        print(tr("note: {day} is already past; the task shows as slipped", day=day), file=sys.stderr)


@app.command("list")
def list_tasks(
    ctx: typer.Context,
    all_: Annotated[bool, typer.Option("--all", help="Include done and dropped tasks.")] = False,
    as_json: Annotated[bool, typer.Option("--json", help="Print a JSON array instead of a table.")] = False,
) -> None:
    """List open tasks by quadrant, then due date; those past their day show how
    many days they have slipped.

    \b
    Examples:
      salelog task list
      salelog task list --all --json
    """
    from ..report import task_rows

    now = clock.now()
    conn = store.connect(db_option(ctx), create=False)
    with store.reading(conn):
        rows = task_rows(store.tasks(conn, include_closed=all_), now.date())
    print_rows(
        rows, as_json, 'No open tasks. Plan one: salelog task add "给张总发报价" --due tomorrow -i -u', "print_tasks"
    )


def _close(ctx: typer.Context, task_id: int, fields: dict, verb: str) -> dict:
    conn = store.connect(db_option(ctx), create=False)
    with store.writing(conn, undo_as=f"task {verb} {task_id}"):
        task = store.task(conn, task_id)
        store.update_task(conn, task_id, fields)
    return task


@app.command("done")
def done(ctx: typer.Context, task_id: TaskId) -> None:
    """Mark a task done.

    \b
    Examples:
      salelog task done 3
    """
    stamp = clock.now().strftime("%Y-%m-%d %H:%M:%S")
    task = _close(ctx, task_id, {"status": "done", "closed_at": stamp}, "done")
    print(tr("task #{id} done: {title}", id=task_id, title=visible(task["title"])))


@app.command("drop")
def drop(
    ctx: typer.Context,
    task_id: TaskId,
    why: Annotated[
        str | None, typer.Option("--why", metavar="TEXT", help="Why it is dropped (the review reads it).")
    ] = None,
) -> None:
    """Drop a task that is no longer worth doing, saying why.

    \b
    Examples:
      salelog task drop 4 --why "客户已经改用别家"
    """
    stamp = clock.now().strftime("%Y-%m-%d %H:%M:%S")
    reason = check_text(why, "--why")
    task = _close(ctx, task_id, {"status": "dropped", "closed_at": stamp, "why": reason}, "drop")
    print(tr("task #{id} dropped: {title}", id=task_id, title=visible(task["title"])))


@app.command("move")
def move(
    ctx: typer.Context,
    task_id: TaskId,
    when: Annotated[str, typer.Argument(metavar="DATE", help="The new day: tomorrow, 周四, 11-27.")],
) -> None:
    """Move a task to another day (it stays open).

    \b
    Examples:
      salelog task move 3 周四
    """
    day = parse_date(when, clock.now(), prefer="future").isoformat()
    _close(ctx, task_id, {"due_date": day, "status": "open", "closed_at": None}, "move")
    print(tr("task #{id} moved to {day}", id=task_id, day=day))
