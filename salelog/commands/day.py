"""salelog day / day note: the day's report (日报) and one line about the day.
Declarations and help only; the bodies are in salelog/actions/day.py."""

from typing import Annotated

import typer

from ..actions import day as day_actions

app = typer.Typer(
    help="The day's report, and a line about the day.\n\n\b\nExamples:\n"
    '  salelog day\n  salelog day note "下午客户临时取消" --mood 3',
    invoke_without_command=True,
)

DateOption = Annotated[
    str | None, typer.Option("--date", "-d", metavar="DATE", help="The day: yesterday, fri, 11-20 (default: today).")
]


@app.callback()
def day(
    ctx: typer.Context,
    date: DateOption = None,
    as_json: Annotated[bool, typer.Option("--json", help="Print JSON (see the README for its keys).")] = False,
    markdown: Annotated[bool, typer.Option("--markdown", help="Print Markdown to paste to your manager.")] = False,
) -> None:
    """The day's report: each metric's quota (its share of your targets) against
    the day's actual; entries and minutes, time with customers against the rest;
    tasks done, moved, dropped and still open; follow-ups due, closed and
    overdue; the next working day's list; the day's note.

    \b
    Examples:
      salelog day
      salelog day --date yesterday
      salelog day --markdown > 日报.md
      salelog day --json | jq .tasks
    """
    if ctx.invoked_subcommand is not None:
        return
    day_actions.day_show(ctx.obj, date=date, as_json=as_json, markdown=markdown)


@app.command("note")
def note(
    ctx: typer.Context,
    text: Annotated[str, typer.Argument(metavar="TEXT", help="One line about the day: what happened, why.")],
    mood: Annotated[
        str | None, typer.Option("--mood", "-m", metavar="1-5", help="How the day went: 1 bad .. 5 great.")
    ] = None,
    date: DateOption = None,
) -> None:
    """Keep one line about the day, shown in the day's report and listed in the
    week's review; writing it again replaces it (the earlier one stays in history).

    \b
    Examples:
      salelog day note "王总临时取消，改约周五" --mood 3
      salelog day note "补记：展会很忙" --date yesterday
    """
    day_actions.day_note(ctx.obj, text=text, mood=mood, date=date)
