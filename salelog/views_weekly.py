"""The weekly screens as sheet pieces (salelog/sheet.py): plan, review, trend
and goal list. Printed without Rich where sheet.plain() can, like the daily
ones in salelog/views.py."""

from datetime import date

from .i18n import chinese, period_kind, plan_status, tr, tr_n, weekday
from .money import fen, show_amount
from .sheet import Bar, Column, Line, Table
from .text import visible
from .views import class_table, folding, label, show_value, target_notes, tasks_table, under_label


def _day(iso: str) -> str:
    return f"{weekday(date.fromisoformat(iso).weekday())} {iso}"


def plan_blocks(period, targets: list, days: list[dict]) -> list:
    """plan: the week's targets split over its working days, and each day's tasks."""
    title = tr("Plan for week {label} · {start} → {end}", label=period.label(), start=period.start, end=period.end)
    blocks = [Line((title, "bold"))]
    if not targets:
        blocks.append(Line(tr("No targets for this week yet: salelog goal set revenue 50万 (or --month / --year)")))
    else:
        headings = (label(f.metric) + ("*" if f.source not in (None, "week") else "") for f in targets)
        # A line above, not the table's title: wider than a one-metric table, Rich would wrap it.
        blocks.append(Line("\n" + tr("Suggested daily split (adds up to each target)")))
        table = Table(folding(tr("Day")), *(folding(h, "right") for h in headings), repeat=1)
        for day in days:
            shares = [day["targets"][f.metric.id] for f in targets]
            table.add_row(
                _day(day["date"]),
                *(show_amount(fen(v)) if f.metric.money else str(v) for f, v in zip(targets, shares, strict=True)),
            )
        # Exact as the days are: the column adds up to it.
        week = [show_amount(round(f.target)) if f.metric.money else show_value(f, f.target) for f in targets]
        table.add_row(tr("Week"), *week, style="bold")
        blocks.append(table)
    for day in days:
        if day["tasks"]:
            blocks += [Line(("\n" + _day(day["date"]), "bold")), tasks_table(day["tasks"])]
    if not any(day["tasks"] for day in days):
        blocks.append(Line("\n" + tr('No tasks planned this week: salelog task add "给张总发报价" --due 周三 -i -u')))
    return blocks


VERDICT_STYLE = {"met": "green", "missed": "red", "behind": "red", "on pace": ""}


def results_table(metrics: list[dict], title: str, names: list[str], *, derived_mark=False, bars=False) -> Table:
    """Target, actual, % and verdict per metric (review --json's metrics; `names`
    as shown), with * on a target derived from a longer one and progress bars when asked."""
    from .review import _md_number as number

    headings = [folding(tr(h), "right") for h in ("Target", "Actual", "%")]
    table = Table(folding(tr("Metric")), *headings, title=title)
    if bars:
        table.columns.append(Column(tr("Progress"), width=10))
    table.columns.append(folding(tr("Verdict")))
    for name, m in zip(names, metrics, strict=True):
        target = number(m["target"], m["unit"]) + ("*" if derived_mark and m["derived"] else "")
        bar = Bar(min(m["actual"], m["target"]), m["target"]) if m["target"] else ""
        table.add_row(
            name,
            target,
            number(m["actual"], m["unit"]),
            "—" if m["percent"] is None else f"{m['percent']:.0f}%",
            *([bar] if bars else []),
            (tr(m["verdict"]), VERDICT_STYLE.get(m["verdict"], "dim")),
        )
    return table


def week_over_blocks(figures, metrics: list[dict], last_week_plan: list[dict], *, wide: bool) -> list:
    """week, once the week's working time is over: what came of each target (met
    or missed, not a pace), then the week's effort by class and last week's plan."""
    from .periods import week_number
    from .views import class_table, entries, plan_lines

    period = figures.period
    heading = tr("Week {n}", n=week_number(period))
    title = f"{heading} · {period.start} → {period.end} · {tr('how did it go?')}"
    if not figures.metrics:
        return [
            Line((title, "bold")),
            Line(tr("No targets and nothing logged that week.")),
            *plan_lines(last_week_plan),
        ]
    names = [visible(label(f.metric)) for f in figures.metrics]
    blocks = [results_table(metrics, title, names, derived_mark=True, bars=wide)]
    footer = f"\n{entries(figures.entry_count)} · {tr('week over')}"
    footer += " · " + tr("look back: salelog review --week {label}", label=period.label())
    blocks.append(Line((footer, "dim")))
    blocks += target_notes(figures)
    if figures.by_class:
        blocks.append(class_table(figures.by_class))
    return blocks + plan_lines(last_week_plan)


def review_blocks(data: dict) -> list:
    """review: results, what explains them, notes, reflection, the plans; for a
    month or a year also when you sell best, and for a year the self-evaluation."""
    from .review import _md_number as number
    from .review_periods import per_period

    period = data["period"]
    unit = data.get("unit", "week")

    def say(template: str, **values) -> str:  # a week's sentence, for this period
        return tr(per_period(template, unit), **values)

    title = say("Review of week {label} · {start} → {end}", **{k: period[k] for k in ("label", "start", "end")})
    blocks = [Line((title, "bold"))]
    if data["empty"]:
        blocks.append(Line((say("Nothing was logged this week."), "yellow")))
    if not data["week_over"]:
        blocks.append(Line((say("The week is not over: a target not yet reached is on pace or behind."), "dim")))
    results = results_table(data["metrics"], "\n" + tr("Results"), [visible(m["metric"]) for m in data["metrics"]])
    weeks = data["average_weeks"]
    average = say("{n}-week avg", n=weeks) if weeks else say("no earlier weeks")
    explained = Table(folding(tr("What explains it")), folding(say("This week"), "right"), folding(average, "right"))
    for r in data["explained"]:
        explained.add_row(
            tr(r["measure"].replace("_", " ")), number(r["week"], r["unit"]), number(r["four_week_average"], r["unit"])
        )
    blocks += [results, explained]
    f, best, worst = data["followups"], data["best_day"], data["worst_day"]
    days = []
    if best:
        revenue = number(best["revenue"], "yuan")
        one, many = "best day {date} ({n} contact, {revenue})", "best day {date} ({n} contacts, {revenue})"
        days.append(tr_n(best["contacts"], one, many, date=best["date"], n=best["contacts"], revenue=revenue))
    if worst:
        one, many = "quietest {date} ({n} contact)", "quietest {date} ({n} contacts)"
        days.append(tr_n(worst["contacts"], one, many, date=worst["date"], n=worst["contacts"]))
    followups = tr(
        "follow-ups due {due}: {on_time} on time, {late} not",
        due=f["followups_due"],
        on_time=f["followups_on_time"],
        late=f["followups_late"],
    )
    if f["followups_due_later"]:
        followups += say(" ({n} due later this week)", n=f["followups_due_later"])
    blocks.append(Line((followups + (" · " + " · ".join(days) if days else ""), "dim")))
    if data.get("pipeline"):
        from .views_deals import review_pipeline_line

        blocks.append(review_pipeline_line(data["pipeline"]))
    if data.get("funnel") or data.get("care"):
        from .views_life import care_line, funnel_line, sources_table

        blocks += [funnel_line(data["funnel"])] + ([care_line(data["care"])] if data.get("care") else [])
        if data.get("by_source"):
            blocks.append(sources_table(data["by_source"]))
    if data.get("explain_change"):
        blocks.append(Line((data["explain_change"]["shown"], "bold")))
    blocks += [Line((record_sentence(r, unit), "green")) for r in data.get("records", ())]
    if "by_hour" in data:
        blocks += selling_times_blocks(data)
    if data["competitors"]:
        named = tr(", ").join(f"{visible(c['competitor'])} ({c['mentions']})" for c in data["competitors"])
        blocks.append(Line((tr("Competitors mentioned: "), "dim"), named))
    if data["by_class"]:
        blocks.append(class_table(data["by_class"]))
    for kind, heading in (("went_well", "Went well"), ("improve", "To improve")):
        notes = [n for n in data["notes"] if n["kind"] == kind]
        if notes:
            blocks.append(Line((f"\n{tr(heading)}", "bold")))
            blocks += [Line("  • ", visible(n.get("shown", n["text"]))) for n in notes]
    from .views_day import review_day_lines  # the week's time and day notes (day, activity add)

    blocks += review_day_lines(data)
    reflection = data.get("reflection")
    if reflection:
        blocks.append(Line(("\n" + tr("Reflection (written {at})", at=reflection["written_at"][:16]), "bold")))
        for key, name in (("went_well", "went well"), ("went_badly", "did not"), ("why", "why")):
            if reflection[key]:
                blocks.append(Line((tr("  {label}: ", label=tr(name)), "dim"), under_label(reflection[key])))
        if reflection.get("causes"):
            causes = tr(", ").join(tr(c) for c in reflection["causes"])
            blocks.append(Line((tr("  {label}: ", label=tr("causes")), "dim"), causes))
    if data["plan"]:
        blocks.append(Line(("\n" + say("Plan for next week"), "bold")))
        blocks += [Line(f"  #{p['id']} ", visible(p["text"])) for p in data["plan"]]
    else:
        blocks.append(Line(("\n" + tr(write_hint(unit)), "dim")))
    if data["last_week_plan"]:
        blocks.append(Line(("\n" + say("Last week's plan"), "bold")))
        for p in data["last_week_plan"]:
            note = [(f" — {visible(p['note'])}", "dim")] if p.get("note") else []
            blocks.append(Line(f"  #{p['id']} [{plan_status(p['status'])}] ", visible(p["text"]), *note))
        blocks.append(Line((tr("  record how each went: salelog review check ID done|partly|not"), "dim")))
    from .review import plans_kept_sentence

    kept = plans_kept_sentence(data["plan_kept_8_weeks"], unit)
    if kept:
        blocks.append(Line((kept, "dim")))
    if "self_evaluation" in data:
        from .review_periods import self_evaluation_lines

        blocks.append(Line(("\n" + tr("Self-evaluation (draft)"), "bold")))
        change = data["explain_change"] and data["explain_change"]["shown"]
        blocks += [Line("  • ", line) for line in self_evaluation_lines(data["self_evaluation"], change)]
    return blocks


def write_hint(kind: str) -> str:
    """How to write the period's reflection, when there is none."""
    return {
        "month": "No reflection or plan yet: salelog review write --month",
        "year": "No reflection or plan yet: salelog review write --year",
    }.get(kind, "No reflection or plan yet: salelog review write")


def record_sentence(record: dict, kind: str) -> str:
    from .review_periods import record_sentence as sentence

    return sentence(record, kind)


def selling_times_blocks(data: dict) -> list:
    """When you sell best: contacts, deals and conversion by hour and by weekday,
    and the best two-hour block and weekday per kind of contact."""
    from .review_periods import WEEKDAY_NAMES, best_time_sentence

    if not data["by_hour"]:
        return []
    columns = (folding(tr("Contacts"), "right"), folding(tr("Sales"), "right"), folding(tr("Conversion"), "right"))
    hours = Table(folding(tr("Hour")), *columns)
    for r in data["by_hour"]:
        hours.add_row(f"{r['hour']:02d}:00", str(r["contacts"]), str(r["deals"]), f"{r['conversion']:.0f}%")
    days = Table(folding(tr("Weekday")), *columns)
    for r in data["by_weekday"]:
        days.add_row(
            weekday(r["weekday"], WEEKDAY_NAMES), str(r["contacts"]), str(r["deals"]), f"{r['conversion']:.0f}%"
        )
    lines = [best_time_sentence(row) for row in data["best_times"]]
    heading = Line(("\n" + tr("When you sell best: by hour"), "bold"))
    return [heading, hours, Line((tr("by weekday"), "bold")), days, *(Line("  ", line) for line in lines if line)]


def trend_blocks(rows: list[dict], unit: str) -> list:
    """trend: a period a row and a metric a column, each cell the actual (and %
    of target); then a metric a row with its sparkline and the periods met.
    Periods run down the page, so twelve weeks of nine metrics fit 120 columns."""
    if not rows:
        return [Line(tr("Nothing logged and no targets in these periods."))]
    by_week = unit == "week"
    title = tr("Actual (and % of target) week by week" if by_week else "Actual (and % of target) month by month")
    heading = period_kind(unit) if chinese() else unit.capitalize()
    table = Table(folding(heading), *(folding(visible(r["metric"]), "right") for r in rows), title=title, repeat=1)
    from .metrics import BY_NAME

    money = {  # revenue and collected, and an amount with fen (a float)
        r["metric"]: getattr(BY_NAME.get(r["metric"]), "money", False)
        or any(isinstance(p["actual"], float) for p in r["periods"])
        for r in rows
    }
    for index, period in enumerate(rows[0]["periods"]):
        cells = []
        for r in rows:
            p = r["periods"][index]
            if p["actual"] is None:  # before the first entry
                actual = "—"
            elif money[r["metric"]]:
                actual = show_amount(fen(p["actual"]), approx=True) if p["actual"] else "0"
            else:
                actual = f"{p['actual']:,}"
            cells.append(actual + (f" {p['percent']:.0f}%" if p["percent"] is not None else ""))
        table.add_row(period["label"], *cells)
    met = Table(folding(tr("Metric")), folding(tr("Trend")), folding(tr("Met"), "right"))
    for r in rows:
        if r["achievement_rate"] is not None:
            rate = f"{r['targets_met']}/{r['periods_with_target']}"
        else:  # "—": targets only in periods before the first entry
            rate = "—" if any(p["target"] is not None for p in r["periods"]) else tr("no target")
        met.add_row(visible(r["metric"]), r["sparkline"], rate)
    return [table, Line(""), met]


def goal_history_blocks(groups: list[dict], money_metrics: set[str], title: str, every_setting=False) -> list:
    """goal list: a metric a row, the target that counts, when it was set, what it replaced."""
    table = Table(folding(tr("Metric")), folding(tr("Target"), "right"), folding(tr("Set at")), title=title)
    table.columns.append(folding(tr("Earlier targets")))
    for group in groups:
        rows = group["rows"]
        show = show_amount if group["metric"] in money_metrics else "{:,}".format
        if every_setting:
            for r in rows[:-1]:
                replaced = (tr("replaced"), "dim")
                table.add_row(visible(group["metric"]), (show(r["target"]), "dim"), r["set_at"][:16], replaced)
        current = rows[-1]
        earlier = tr(", ").join(
            tr("{target} (set {at})", target=show(r["target"]), at=r["set_at"][:16]) for r in reversed(rows[:-1])
        )
        table.add_row(
            visible(group["metric"]), show(current["target"]), current["set_at"][:16], visible(earlier or "—")
        )
    return [table]
