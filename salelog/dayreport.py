"""The day's report (日报), pure: the day's rows in, its --json shape out; the
screen (views_day.py) and the Markdown (day_markdown) are drawn from that shape."""

from datetime import date, timedelta

from .money import yuan

UNITS = ("yuan", "count", "minutes")


def unit_of(metric) -> str:
    if metric.money:
        return "yuan"
    return "minutes" if metric.activity else "count"


def number(metric, value: int | None):
    """A metric's figure in the --json shape: yuan for money, else the count or minutes."""
    return yuan(value) if metric.money and value is not None else value


def next_working_day(day: date, calendar=None) -> date:
    """The first working day after `day` (a Friday's is the Monday)."""
    from .periods import is_working_day

    following = day + timedelta(days=1)
    for _ in range(31):  # a holiday longer than a month is not a calendar we keep
        if is_working_day(following, calendar):
            return following
        following += timedelta(days=1)
    return day + timedelta(days=1)


def task_counts(tasks: list[dict], day: str) -> dict:
    """store.tasks_around rows -> the day's tasks: done and dropped that day,
    moved past it (first due by the day, now due after it, still open), and
    still open (due by the day)."""
    groups = {"done": [], "moved": [], "dropped": [], "open": []}
    for t in tasks:
        closed_on = (t["closed_at"] or "")[:10]
        if t["status"] in ("done", "dropped") and closed_on == day:
            groups[t["status"]].append(t)
        elif t["status"] == "open" and t["first_due"] <= day < t["due_date"]:
            groups["moved"].append(t)
        elif t["status"] == "open" and t["due_date"] <= day:
            groups["open"].append(t)
    return groups


def followup_counts(followups: list[dict], day: str) -> dict:
    """store.followups_around rows -> the day's follow-ups: due that day (open or
    not), closed that day, and overdue at its end (due before it, not closed by then)."""
    groups = {"due": [], "closed": [], "overdue": []}
    for f in followups:
        closed_on = (f["done_at"] or "")[:10] if f["status"] == "done" else None
        if f["due_date"] == day:
            groups["due"].append(f)
        if closed_on == day:
            groups["closed"].append(f)
        if f["due_date"] and f["due_date"] < day and (closed_on is None or closed_on > day):
            groups["overdue"].append(f)
    return groups


def tomorrow_list(tasks: list[dict], followups: list[dict], quotas: list[dict], next_day: str) -> list[dict]:
    """The next working day's list: open tasks and open follow-ups due by then
    (what slipped included), then each metric's quota for that day."""
    items = [
        {"kind": "task", "id": t["id"], "text": t["title"], "customer": t["customer"], "due": t["due_date"]}
        for t in tasks
        if t["status"] == "open" and t["due_date"] <= next_day
    ]
    items += [
        {"kind": "followup", "id": f["id"], "text": f["what"], "customer": f["customer"], "due": f["due_date"]}
        for f in followups
        if f["status"] == "open" and f["due_date"] and f["due_date"] <= next_day
    ]
    return items + [{"kind": "quota"} | q for q in quotas]


def metric_rows(figures) -> list[dict]:
    """report.period_figures of the day (its targets: the day's shares) -> metric, unit, quota, actual, percent."""
    return [
        {
            "metric": f.metric.id,
            "unit": unit_of(f.metric),
            "quota": number(f.metric, f.target),
            "actual": number(f.metric, f.actual),
            "percent": f.percent,
        }
        for f in figures.metrics
    ]


def quota_rows(metrics: list, targets: dict) -> list[dict]:
    """The next day's quota of every metric that has one (`targets`: report.period_targets)."""
    return [
        {"metric": m.id, "unit": unit_of(m), "quota": number(m, targets[m.id][0])} for m in metrics if m.id in targets
    ]


def day_json(*, day: date, working_day: bool, figures, tasks: dict, followups: dict, tomorrow: list,
             next_day: date, note: dict | None, time: dict) -> dict:  # fmt: skip
    """The day's report as `day --json` prints it (DESIGN.md's contract)."""
    shown = ("id", "title", "customer", "due_date")
    return {
        "date": day.isoformat(),
        "working_day": working_day,
        "metrics": metric_rows(figures),
        "entries": figures.entry_count,
        "minutes": time["with_customers"],
        "tasks": {k: len(v) for k, v in tasks.items()},
        "followups": {k: len(v) for k, v in followups.items()},
        "tomorrow": tomorrow,
        "tomorrow_date": next_day.isoformat(),
        "note": note["text"] if note else None,
        "mood": note["mood"] if note else None,
        "time": time,
        "task_list": {k: [{c: t[c] for c in shown} for t in v] for k, v in tasks.items()},
        "followup_list": {
            k: [{c: f[c] for c in ("id", "customer", "what", "due_date")} for f in v] for k, v in followups.items()
        },  # fmt: skip
    }
