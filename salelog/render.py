"""Rich renderings of report figures. Rich is imported here only, and this module
only by commands that print tables, so write commands never load it.

Every piece of user text goes in as a rich.text.Text (never parsed as markup)
after text.visible() has neutralised control characters.
"""

import sys
from datetime import date

from rich.console import Console
from rich.progress_bar import ProgressBar
from rich.table import Table
from rich.text import Text

from . import sheet, views
from .i18n import chinese, period_kind, tr, weekday
from .parse import show_amount
from .text import visible
from .views import WEEKDAYS, show_value
from .views import label as _label


def console() -> Console:
    # Piped output keeps every character (no "…" on CJK text); its width is
    # $COLUMNS when set, else 120 rather than Rich's 80.
    import os

    piped = not sys.stdout.isatty()
    piped_width = 120 if piped and not os.environ.get("COLUMNS") else None
    return Console(
        file=sheet.Unpadded(sys.stdout) if piped else None, highlight=False, soft_wrap=False, width=piped_width
    )


def user_text(value: object, style: str = "") -> Text:
    return Text(visible(value), style=style)


def to_rich(block: sheet.Table | sheet.Line):
    """A sheet piece as the Rich renderable it stands for (sheet.py prints the same without Rich)."""
    if isinstance(block, sheet.Line):
        return Text.assemble(*block.parts)
    title = None if block.title is None else Text(block.title, style="italic")
    table = Table(title=title, title_justify="left", header_style="bold", pad_edge=False, box=None)
    for c in block.columns:
        table.add_column(c.heading, justify=c.justify, width=c.width, overflow="fold", no_wrap=c.no_wrap)
    for row, style in zip(block.rows, block.row_styles, strict=True):
        table.add_row(*(_rich_cell(cell) for cell in row), style=style or None)
    return table


def _rich_cell(cell):
    if isinstance(cell, sheet.Bar):
        return ProgressBar(
            total=cell.total,
            completed=cell.completed,
            width=cell.width,
            complete_style=sheet.BAR_COMPLETE,
            finished_style=sheet.BAR_FINISHED,
            style=sheet.BAR_BACK,
        )
    return Text(cell) if isinstance(cell, str) else Text(*cell)


def print_blocks(blocks: list) -> None:
    out = console()
    for block in blocks:
        out.print(to_rich(block))


def class_table(rows: list[dict]) -> Table:
    return to_rich(views.class_table(rows))


def print_goal_history(groups: list[dict], money_metrics: set[str], period_title: str, every_setting=False) -> None:
    table = Table(title=period_title, title_justify="left", header_style="bold", box=None, pad_edge=False)
    table.add_column(tr("Metric"), overflow="fold")
    table.add_column(tr("Target"), justify="right", overflow="fold")
    table.add_column(tr("Set at"), overflow="fold")
    table.add_column(tr("Earlier targets"), overflow="fold")
    for group in groups:
        rows = group["rows"]
        show = show_amount if group["metric"] in money_metrics else "{:,}".format
        if every_setting:
            for r in rows[:-1]:
                table.add_row(
                    user_text(group["metric"]),
                    Text(show(r["target"]), style="dim"),
                    r["set_at"][:16],
                    Text(tr("replaced"), style="dim"),
                )
        current = rows[-1]
        earlier = tr(", ").join(
            tr("{target} (set {at})", target=show(r["target"]), at=r["set_at"][:16]) for r in reversed(rows[:-1])
        )
        table.add_row(
            user_text(group["metric"]), show(current["target"]), current["set_at"][:16], user_text(earlier or "—")
        )
    console().print(table)


def _table(*columns: tuple[str, str], title: str | None = None) -> Table:
    table = Table(title=title, title_justify="left", header_style="bold", box=None, pad_edge=False)
    for heading, justify in columns:
        table.add_column(heading, justify=justify, overflow="fold")
    return table


def entry_line(entry: dict) -> str:
    """One entry in a line, for confirmations: 2026-11-25 18:00 call with 张总 1.2万."""
    amount = f" {show_amount(entry['amount_fen'])}" if entry["amount_fen"] else ""
    return f"{entry['at'][:16]} {entry['kind']} with {visible(entry['customer'])}{amount}"


def print_breakdown(metric: str, parts: dict, money: bool) -> None:
    """A longer target split into months, weeks and days (each level adds up)."""
    show = show_amount if money else "{:,}".format
    for level in ("months", "weeks", "days"):
        if not parts.get(level):
            continue
        heading = period_kind(level[:-1]) if chinese() else level.capitalize()
        title = tr("{metric} by {unit}", metric=visible(metric), unit=period_kind(level[:-1]))
        table = _table((heading, "left"), (tr("Target"), "right"), title="\n" + title)
        for p in parts[level]:
            label = p.get("label") or f"{weekday(date.fromisoformat(p['date']).weekday(), WEEKDAYS)} {p['date']}"
            table.add_row(label, show(p["target"]))
        console().print(table)


def print_plan(period, targets: list, days: list[dict]) -> None:
    """The week's targets split over its working days, and each day's tasks."""
    out = console()
    out.print(
        Text(
            tr("Plan for week {label} · {start} → {end}", label=period.label(), start=period.start, end=period.end),
            style="bold",
        )
    )
    if not targets:
        out.print(tr("No targets for this week yet: salelog goal set revenue 50万 (or --month / --year)"))
    else:
        table = _table(
            (tr("Day"), "left"),
            *((_label(f.metric) + ("*" if f.source not in (None, "week") else ""), "right") for f in targets),
            title="\n" + tr("Suggested daily split (adds up to each target)"),
        )
        for day in days:
            day_name = weekday(date.fromisoformat(day["date"]).weekday(), WEEKDAYS)
            cells = [
                show_amount(round(day["targets"][f.metric.id] * 100))
                if f.metric.money
                else str(day["targets"][f.metric.id])
                for f in targets
            ]
            table.add_row(f"{day_name} {day['date']}", *cells)
        table.add_row(tr("Week"), *(show_value(f, f.target) for f in targets), style="bold")
        out.print(table)
    for day in days:
        if day["tasks"]:
            day_name = weekday(date.fromisoformat(day["date"]).weekday(), WEEKDAYS)
            out.print(Text(f"\n{day_name} {day['date']}", style="bold"))
            out.print(to_rich(views.tasks_table(day["tasks"])))
    if not any(day["tasks"] for day in days):
        out.print("\n" + tr('No tasks planned this week: salelog task add "给张总发报价" --due 周三 -i -u'))


def print_review(data: dict) -> None:
    """The week's review: results, what explains them, notes, reflection, plan."""
    from .review import _md_number

    out = console()
    period = data["period"]
    out.print(
        Text(
            tr(
                "Review of week {label} · {start} → {end}",
                label=period["label"],
                start=period["start"],
                end=period["end"],
            ),
            style="bold",
        )
    )
    if data["empty"]:
        out.print(Text(tr("Nothing was logged this week."), style="yellow"))
    results = _table(
        (tr("Metric"), "left"),
        (tr("Target"), "right"),
        (tr("Actual"), "right"),
        ("%", "right"),
        (tr("Verdict"), "left"),
        title="\n" + tr("Results"),
    )
    for m in data["metrics"]:
        style = {"met": "green", "missed": "red"}.get(m["verdict"], "dim")
        results.add_row(
            user_text(m["metric"]),
            _md_number(m["target"], m["unit"]),
            _md_number(m["actual"], m["unit"]),
            "—" if m["percent"] is None else f"{m['percent']:.0f}%",
            Text(tr(m["verdict"]), style=style),
        )
    out.print(results)
    explained = _table((tr("What explains it"), "left"), (tr("This week"), "right"), (tr("4-week avg"), "right"))
    for r in data["explained"]:
        explained.add_row(
            tr(r["measure"].replace("_", " ")),
            _md_number(r["week"], r["unit"]),
            _md_number(r["four_week_average"], r["unit"]),
        )
    out.print(explained)
    f = data["followups"]
    days = [
        tr(
            "best day {date} ({n} contacts, {revenue})",
            date=d["date"],
            n=d["contacts"],
            revenue=_md_number(d["revenue"], "yuan"),
        )
        for d in [data["best_day"]]
        if d
    ]
    days += [tr("quietest {date} ({n} contacts)", date=d["date"], n=d["contacts"]) for d in [data["worst_day"]] if d]
    followups = tr(
        "follow-ups due {due}: {on_time} on time, {late} not",
        due=f["followups_due"],
        on_time=f["followups_on_time"],
        late=f["followups_late"],
    )
    out.print(Text(followups + (" · " + " · ".join(days) if days else ""), style="dim"))
    if data["by_class"]:
        out.print(class_table(data["by_class"]))
    for kind, heading in (("went_well", "Went well"), ("improve", "To improve")):
        notes = [n for n in data["notes"] if n["kind"] == kind]
        if notes:
            out.print(Text(f"\n{tr(heading)}", style="bold"))
            for n in notes:
                out.print(Text("  • ") + user_text(n.get("shown", n["text"])))
    reflection = data.get("reflection")
    if reflection:
        out.print(Text("\n" + tr("Reflection (written {at})", at=reflection["written_at"][:16]), style="bold"))
        for key, label in (("went_well", "went well"), ("went_badly", "did not"), ("why", "why")):
            if reflection[key]:
                out.print(Text(tr("  {label}: ", label=tr(label)), style="dim") + user_text(reflection[key]))
    if data["plan"]:
        out.print(Text("\n" + tr("Plan for next week"), style="bold"))
        for p in data["plan"]:
            out.print(Text(f"  #{p['id']} ") + user_text(p["text"]))
    else:
        out.print(Text("\n" + tr("No reflection or plan yet: salelog review write"), style="dim"))
    if data["last_week_plan"]:
        out.print(Text("\n" + tr("Last week's plan"), style="bold"))
        for p in data["last_week_plan"]:
            out.print(Text(f"  #{p['id']} [{tr(p['status'] or 'unchecked')}] ") + user_text(p["text"]))
        out.print(Text(tr("  record how each went: salelog review check ID done|partly|not"), style="dim"))
    kept = data["plan_kept_8_weeks"]
    if kept["items"]:
        out.print(
            Text(
                tr(
                    "Plans over the last 8 weeks: {done} done, {partly} partly, {not_done} not,"
                    " {unchecked} unchecked of {items}",
                    done=kept["done"],
                    partly=kept["partly"],
                    not_done=kept["not"],
                    unchecked=kept["unchecked"],
                    items=kept["items"],
                ),
                style="dim",
            )
        )


def print_trend(rows: list[dict], unit: str) -> None:
    table = _table(
        (tr("Metric"), "left"),
        (tr("Trend"), "left"),
        *((p["label"][-3:] if unit == "week" else p["label"], "right") for p in rows[0]["periods"]) if rows else (),
        (tr("Met"), "right"),
        title=tr("Actual (and % of target) week by week")
        if unit == "week"
        else tr("Actual (and % of target) month by month"),
    )
    for r in rows:
        money = any(isinstance(p["actual"], float) for p in r["periods"]) or r["metric"] == "revenue"
        cells = []
        for p in r["periods"]:
            shown = _md_number_short(p["actual"], money)
            cells.append(f"{shown}" + (f" {p['percent']:.0f}%" if p["percent"] is not None else " —"))
        rate = tr("no target") if r["achievement_rate"] is None else f"{r['targets_met']}/{r['periods_with_target']}"
        table.add_row(user_text(r["metric"]), r["sparkline"], *cells, rate)
    console().print(table if rows else Text(tr("Nothing logged and no targets in these periods.")))


def _md_number_short(value, money: bool) -> str:
    if money:
        return show_amount(round(value * 100), approx=True) if value else "0"
    return f"{value:,}"
