"""The team's week, computed: each member's figures (as week --json shapes
them), a ranking by revenue achievement, and the team's totals. Pure: figures
in, rows out."""

from .metrics import BUILT_IN
from .money import yuan
from .report import PeriodFigures


def member_row(name: str, file: str, figures: PeriodFigures, metrics: list[dict], overdue_followups: int) -> dict:
    """One member: `metrics` (week --json's, of `figures`), revenue's percent of target, the metrics behind pace."""
    revenue = next((f for f in figures.metrics if f.metric.id == "revenue"), None)
    return {
        "name": name,
        "file": file,
        "metrics": metrics,
        "percent": revenue.percent if revenue else None,
        "revenue": yuan(revenue.actual) if revenue else 0,
        "behind": [f.metric.id for f in figures.metrics if f.pace == "behind"],
        "overdue_followups": overdue_followups,
    }


def ranking(members: list[dict]) -> list[str]:
    """Names by revenue achievement (percent of target), best first; ties, and
    members without a revenue target (last), by revenue, then name."""
    ranked = sorted(members, key=lambda m: (m["percent"] is None, -(m["percent"] or 0), -m["revenue"], m["name"]))
    return [m["name"] for m in ranked]


def team_metrics(all_figures: list[PeriodFigures]) -> list[dict]:
    """Per metric any member has: the sum of the targets set (None if nobody set
    one) and of the actuals, built-in metrics first, in --json's units; the percent
    is of the members who set a target (their actuals against their targets: one
    without a target adds to the actual, not to how far the targets are met)."""
    sums: dict[str, list] = {}
    for figures in all_figures:
        for f in figures.metrics:
            metric, target, actual, targeted = sums.setdefault(f.metric.id, [f.metric, None, 0, 0])
            if f.target is not None:
                target, targeted = (target or 0) + f.target, targeted + f.actual
            sums[f.metric.id] = [metric, target, actual + f.actual, targeted]
    order = {m.id: i for i, m in enumerate(BUILT_IN)}
    rows = []
    for metric_id in sorted(sums, key=lambda m: (order.get(m, len(order)), m)):
        metric, target, actual, targeted = sums[metric_id]
        number = yuan if metric.money else (lambda v: v)
        rows.append(
            {
                "metric": metric_id,
                "unit": "yuan" if metric.money else "count",
                "target": None if target is None else number(target),
                "actual": number(actual),
                "percent": round(targeted * 100 / target, 1) if target else None,
            }
        )
    return rows
