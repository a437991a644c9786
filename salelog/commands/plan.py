"""salelog plan: Monday's planning — the week's targets, split into days, with
the tasks planned for each day."""

import json
from typing import Annotated

import typer

from .. import clock, store
from ..actions.progress import week_figures
from . import db_option


def plan(
    ctx: typer.Context,
    week: Annotated[
        str | None,
        typer.Option("--week", "-w", metavar="DATE", help="Any day of the week, or next (default: this week)."),
    ] = None,
    as_json: Annotated[bool, typer.Option("--json", help="Print JSON instead of tables.")] = False,
) -> None:
    """Plan the week: its targets (own or derived), the suggested daily split over
    the working days (adding up exactly), and the tasks planned for each day.

    \b
    Examples:
      salelog plan
      salelog plan --week next
    """
    from ..periods import load_calendar, parse_week, split_exactly
    from ..report import task_rows, yuan

    now, calendar = clock.now(), load_calendar()
    period = parse_week(week, now)
    conn = store.connect(db_option(ctx), create=False)
    with store.reading(conn):
        figures = week_figures(conn, period, now, calendar)
        tasks = task_rows(store.tasks_between(conn, period.start.isoformat(), period.end.isoformat()), now.date())
    working = period.working_days(calendar)
    days = [
        {
            "date": day.isoformat(),
            "targets": {},
            "tasks": [t for t in tasks if t["due"] == day.isoformat()],
        }
        for day in working
    ]
    targets = [f for f in figures.metrics if f.target is not None]
    for f in targets:
        for day, share in zip(days, split_exactly(f.target, working).values(), strict=True):
            day["targets"][f.metric.id] = yuan(share) if f.metric.money else share
    if as_json:
        week_json = {"start": period.start.isoformat(), "end": period.end.isoformat()}
        metrics = [
            {
                "metric": f.metric.id,
                "target": yuan(f.target) if f.metric.money else f.target,
                "derived": f.source not in (None, "week"),
                "target_source": f.source,
            }
            for f in targets
        ]
        print(json.dumps({"period": week_json, "metrics": metrics, "days": days}, ensure_ascii=False, indent=2))
        return
    from ..sheet import show
    from ..views_weekly import plan_blocks

    show(plan_blocks(period, targets, days))
