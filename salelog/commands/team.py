"""salelog team report: several salespeople's weeks side by side.
Declarations and help only; the body is in salelog/actions/team.py."""

from typing import Annotated

import typer

from ..actions import team as team_actions

app = typer.Typer(
    help="A team's weeks side by side, from each member's logbook or backup.\n\n\b\nExamples:\n"
    "  salelog team report 王小明=wang.db li.db --week last",
    no_args_is_help=True,
)


@app.command("report")
def report(
    ctx: typer.Context,
    members: Annotated[
        list[str],
        typer.Argument(
            metavar="MEMBER...", help="NAME=PATH or PATH (named by the file's stem): a logbook or a backup."
        ),
    ],
    week: Annotated[
        str | None,
        typer.Option(
            "--week", "-w", metavar="DATE", help="Any day of the week, or last/this, 上周 (default: this week)."
        ),
    ] = None,
    as_json: Annotated[bool, typer.Option("--json", help="Print JSON (see the README for its keys).")] = False,
    markdown: Annotated[bool, typer.Option("--markdown", help="Print Markdown to paste into a chat or mail.")] = False,
    html: Annotated[
        str | None, typer.Option("--html", metavar="FILE", help="Write an HTML page to FILE (owner-only).")
    ] = None,
) -> None:
    """Each member's target against actual per metric, ranked by revenue
    achievement (percent of target; ties by revenue), with the team's totals
    (sums of targets and of actuals), who is behind pace and overdue follow-ups
    per member. Every file is opened read-only and never changed; a file that is
    not a salelog database is refused, naming it.

    \b
    Examples:
      salelog team report 王小明=backups/wang.db 李雷=backups/li.db --week last
      salelog team report team/*.db --json | jq .ranking
      salelog team report team/*.db --markdown > team.md
      salelog team report team/*.db --html team.html
    """
    team_actions.team_report(ctx.obj, members=members, week=week, as_json=as_json, markdown=markdown, html=html)
