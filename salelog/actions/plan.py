"""plan: Monday's planning — the week's targets, split into days, with the
tasks planned for each day."""

from .. import store
from ..context import Context
from .progress import week_figures


def plan_show(run: Context, *, week: str | None = None, as_json: bool = False) -> None:
    """The week's targets (own or derived), their exact daily split over the
    working days, and each day's tasks; as tables or --json."""
    from ..money import yuan
    from ..periods import load_calendar, parse_week, split_exactly
    from ..report import day_shares, task_rows

    now, calendar = run.now, load_calendar()
    period = parse_week(week, now)
    conn = store.connect(run.db, create=False)
    with store.reading(conn):
        figures = week_figures(conn, period, now, calendar)
        tasks = task_rows(store.tasks_between(conn, period.start.isoformat(), period.end.isoformat()), now.date())
        longer = store.goals_overlapping(conn, period.start.isoformat(), period.end.isoformat())
    working = period.working_days(calendar)
    # A derived target's days take their shares of the targets they fall in (report's
    # one rule), so a week across two months splits as goal list and week say.
    derived = day_shares(longer, working, calendar)
    days = [
        {"date": day.isoformat(), "targets": {}, "tasks": [t for t in tasks if t["due"] == day.isoformat()]}
        for day in working
    ]
    targets = [f for f in figures.metrics if f.target is not None]
    for f in targets:
        if f.source in (None, "week"):
            split = split_exactly(f.target, working)
        else:
            split = {d: derived.get(f.metric.id, {}).get(d, (0, None))[0] for d in working}
        for day, share in zip(days, split.values(), strict=True):
            day["targets"][f.metric.id] = yuan(share) if f.metric.money else share
    if as_json:
        from .show import print_json

        metrics = [
            {
                "metric": f.metric.id,
                "target": yuan(f.target) if f.metric.money else f.target,
                "derived": f.source not in (None, "week"),
                "target_source": f.source,
            }
            for f in targets
        ]
        week_json = {"start": period.start.isoformat(), "end": period.end.isoformat()}
        print_json({"period": week_json, "metrics": metrics, "days": days})
        return
    from ..sheet import show
    from ..views_weekly import plan_blocks

    show(plan_blocks(period, targets, days))
