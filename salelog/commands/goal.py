"""salelog goal: weekly targets per metric, and their history."""

import json
from typing import Annotated

import typer

from .. import actions, clock, store
from ..metrics import BUILT_IN
from . import db_option

app = typer.Typer(
    help="Set and list the week's targets.\n\n\b\nExamples:\n  salelog goal set revenue 50万\n  salelog goal list",
    no_args_is_help=True,
)

METRICS_HELP = ", ".join(f"{m.id} ({'/'.join(m.aliases)})" for m in BUILT_IN)
WeekOption = Annotated[
    str | None,
    typer.Option("--week", "-w", metavar="DATE", help="Any day of the week, or last/this/next (default: this week)."),
]


@app.command("set")
def set_goal(
    ctx: typer.Context,
    metric: Annotated[
        str, typer.Argument(metavar="METRIC", help=f"What to count: {METRICS_HELP}, or a custom metric.")
    ],
    target: Annotated[
        str,
        typer.Argument(metavar="TARGET", help="The target: a count (15) or, for revenue, an amount (50万, 1.2w, 12k)."),
    ],
    week: WeekOption = None,
    custom: Annotated[
        bool, typer.Option("--custom", help="Declare METRIC as your own measure: it counts entries tagged METRIC.")
    ] = False,
) -> None:
    """Set this week's target for a metric; setting it again adjusts it and keeps
    the old value in the goal's history.

    \b
    Examples:
      salelog goal set revenue 50万
      salelog goal set 拜访 15 --week 2026-11-30
      salelog goal set demos 5 --custom      then: salelog visit add 张总 --tag demos
    """
    actions.goal_set(db_option(ctx), metric, target, week, custom)


@app.command("list")
def list_goals(
    ctx: typer.Context,
    week: WeekOption = None,
    as_json: Annotated[bool, typer.Option("--json", help="Print JSON instead of a table.")] = False,
) -> None:
    """List the week's targets, with when each was set and what it replaced.

    \b
    Examples:
      salelog goal list
      salelog goal list --week last --json
    """
    from ..periods import parse_week
    from ..report import goal_history

    period = parse_week(week, clock.now())
    conn = store.connect(db_option(ctx), create=False)
    with store.reading(conn):
        groups = goal_history(store.goal_settings(conn, period))
    money = {m.id for m in BUILT_IN if m.money}
    if as_json:
        print(json.dumps([_goal_json(g, period, money) for g in groups], ensure_ascii=False, indent=2))
        return
    if not groups:
        week_option = "" if week is None else f" --week {period.start}"
        print(f"No targets for week {period.start} → {period.end}. Set one: salelog goal set revenue 50万{week_option}")
        return
    from ..render import print_goal_history

    print_goal_history(groups, money, f"Targets for week {period.start} → {period.end}")


def _goal_json(group: dict, period, money: set[str]) -> dict:
    from ..report import yuan

    def value(target: int):
        return yuan(target) if group["metric"] in money else target

    current = group["rows"][-1]
    return {
        "metric": group["metric"],
        "target": value(current["target"]),
        "set_at": current["set_at"],
        "week": {"start": period.start.isoformat(), "end": period.end.isoformat()},
        "history": [{"target": value(r["target"]), "set_at": r["set_at"]} for r in group["rows"]],
    }
