"""salelog task: the day's work, ordered by the four quadrants (importance x urgency).
Declarations and help only; the bodies are in salelog/actions/task.py."""

from typing import Annotated

import typer

from ..actions import task as task_actions

app = typer.Typer(
    help="Plan tasks by importance and urgency; list, finish, drop and move them.\n\n\b\nExamples:\n"
    '  salelog task add "给张总发报价" --due tomorrow --customer 张总 -i -u\n  salelog task list',
    no_args_is_help=True,
)

TaskId = Annotated[int, typer.Argument(metavar="ID", help="The task's number (see: salelog task list).")]


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
      salelog task add 给张总发报价 --due tomorrow --customer 张总 -i -u
      salelog task add "整理客户资料" --due 周三 -i
      salelog task add "回复群消息" --q 3
    """
    task_actions.task_add(ctx.obj, title=title, due=due, customer=customer, important=important, urgent=urgent, q=q)


@app.command("list")
def list_tasks(
    ctx: typer.Context,
    include_closed: Annotated[bool, typer.Option("--all", help="Include done and dropped tasks.")] = False,
    as_json: Annotated[bool, typer.Option("--json", help="Print a JSON array instead of a table.")] = False,
) -> None:
    """List open tasks by quadrant, then due date; those past their day show how
    many days they have slipped.

    \b
    Examples:
      salelog task list
      salelog task list --all --json
    """
    task_actions.task_list(ctx.obj, include_closed=include_closed, as_json=as_json)


@app.command("done")
def done(ctx: typer.Context, task_id: TaskId) -> None:
    """Mark a task done.

    \b
    Examples:
      salelog task done 3
    """
    task_actions.task_done(ctx.obj, task_id=task_id)


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
    task_actions.task_drop(ctx.obj, task_id=task_id, why=why)


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
    task_actions.task_move(ctx.obj, task_id=task_id, when=when)
