"""task add / list / done / drop / move: the day's work by the four quadrants
(importance x urgency)."""

import sys

from .. import store
from ..context import Context
from ..errors import SalelogError
from ..i18n import tr, weekday
from ..parse import parse_date
from ..text import check_name, check_text, visible
from .show import print_rows


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


def task_add(
    run: Context,
    *,
    title: str,
    due: str = "today",
    customer: str | None = None,
    important: bool = False,
    urgent: bool = False,
    q: int | None = None,
) -> None:
    """Plan a task for a day (default today), in a quadrant; print one confirmation line."""
    from ..report import QUADRANTS

    now = run.now
    name = check_name(title, "task title", hint=tr('give a title, e.g. salelog task add "给张总发报价"'))
    day = parse_date(due, now, prefer="future")
    quadrant = quadrant_of(important, urgent, q)
    conn = store.connect(run.db)
    with store.writing(conn, undo_as=f"task add {name}"):
        customer_id, customer_name = store.require_customer(conn, customer.strip()) if customer else (None, None)
        task_id = store.add_task(conn, name, day.isoformat(), quadrant, customer_id, now)
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


def task_list(run: Context, *, include_closed: bool = False, as_json: bool = False) -> None:
    """Open tasks (with `include_closed`, done and dropped too) by quadrant, then due date."""
    from ..report import task_rows

    conn = store.connect(run.db, create=False)
    with store.reading(conn):
        rows = task_rows(store.tasks(conn, include_closed=include_closed), run.now.date())
    print_rows(
        rows,
        as_json=as_json,
        when_empty=tr('No open tasks. Plan one: salelog task add "给张总发报价" --due tomorrow -i -u'),
        table="tasks_table",
    )


def task_done(run: Context, *, task_id: int) -> None:
    """Mark a task done; one done already keeps the moment it was done (said, nothing written)."""
    conn = store.connect(run.db, create=False)
    with store.reading(conn):
        task = store.task(conn, task_id)
    if task["status"] == "done":
        when = (task["closed_at"] or "")[:16]
        print(tr("task #{id} was done already ({when}): {title}", id=task_id, when=when, title=visible(task["title"])))
        return
    task = _update(run, task_id, {"status": "done", "closed_at": _stamp(run)}, "done")
    done = tr("task #{id} done: {title}", id=task_id, title=visible(task["title"]))
    print(done + (tr(" (it was dropped)") if task["status"] == "dropped" else ""))


def task_drop(run: Context, *, task_id: int, why: str | None = None) -> None:
    """Drop a task no longer worth doing; `why` is kept for the review. One dropped
    already keeps its reason (said, nothing written); one done is not dropped."""
    reason = check_text(why, "--why")
    conn = store.connect(run.db, create=False)
    with store.reading(conn):
        task = store.task(conn, task_id)
    when = (task["closed_at"] or "")[:16]
    if task["status"] == "dropped":
        said = tr(
            "task #{id} was dropped already ({when}): {title}", id=task_id, when=when, title=visible(task["title"])
        )
        print(said + (tr(" · its first reason is kept") if reason and reason != task["why"] else ""))
        return
    if task["status"] == "done":
        raise SalelogError(
            "task #{id} is done ({when}): a task done is not dropped",
            "salelog task move {id} DATE opens it again",
            id=task_id,
            when=when,
        )
    task = _update(run, task_id, {"status": "dropped", "closed_at": _stamp(run), "why": reason}, "drop")
    print(tr("task #{id} dropped: {title}", id=task_id, title=visible(task["title"])))


def task_move(run: Context, *, task_id: int, when: str) -> None:
    """Move a task to another day; it is open again, and the day it was first due
    is kept (its slip counts from there)."""
    day = parse_date(when, run.now, prefer="future").isoformat()
    conn = store.connect(run.db, create=False)
    with store.writing(conn, undo_as=f"task move {task_id}"):
        task = store.task(conn, task_id)
        first_due = task["first_due_date"] or task["due_date"]
        store.update_task(
            conn, task_id, {"due_date": day, "first_due_date": first_due, "status": "open", "closed_at": None}
        )
    moved = tr("task #{id} moved to {day}", id=task_id, day=day)
    moved += tr(" (first due {first})", first=first_due) if first_due != day else ""
    print(moved + (tr(" · open again: it was {status}", status=tr(task["status"])) if task["status"] != "open" else ""))


def _stamp(run: Context) -> str:
    return run.now.strftime("%Y-%m-%d %H:%M:%S")


def _update(run: Context, task_id: int, fields: dict, verb: str) -> dict:
    """Change one task in one transaction -> the task as it was."""
    conn = store.connect(run.db, create=False)
    with store.writing(conn, undo_as=f"task {verb} {task_id}"):
        task = store.task(conn, task_id)
        store.update_task(conn, task_id, fields)
    return task
