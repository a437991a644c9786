"""Rich renderings of report figures. Rich is imported here only, and this module
only by commands that print tables, so write commands never load it.

Every piece of user text goes in as a rich.text.Text (never parsed as markup)
after text.visible() has neutralised control characters.
"""

import sys

from rich.console import Console
from rich.progress_bar import ProgressBar
from rich.table import Table
from rich.text import Text

from .parse import format_amount
from .report import MetricFigures, PeriodFigures
from .text import plural, visible

PACE_STYLE = {"done": "green", "ahead": "green", "on pace": "", "behind": "red", "no target": "dim"}
WEEKDAYS = ("Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun")


def console() -> Console:
    # Piped output keeps every character (no "…" on CJK text); its width is
    # $COLUMNS when set, else 120 rather than Rich's 80.
    import os

    piped_width = None if sys.stdout.isatty() or os.environ.get("COLUMNS") else 120
    return Console(highlight=False, soft_wrap=False, width=piped_width)


def user_text(value: object, style: str = "") -> Text:
    return Text(visible(value), style=style)


def show_value(metric_figures: MetricFigures, value: float | None) -> str:
    if value is None:
        return "—"
    if metric_figures.metric.money:
        return format_amount(round(value), approx=True)
    return f"{value:,.0f}" if float(value).is_integer() else f"{value:,.1f}"


def figures_table(figures: PeriodFigures, title: str) -> Table:
    """Target against actual per metric, with a progress bar, the expected
    position by now and the projection at the current pace."""
    table = Table(title=title, title_justify="left", header_style="bold", pad_edge=False, box=None)
    table.add_column("Metric", overflow="fold")
    for heading in ("Target", "Actual", "%"):
        table.add_column(heading, justify="right", overflow="fold")
    wide = console().width >= 80  # below that the bar goes, so the figures stay on one line
    if wide:
        table.add_column("Progress", width=10)
    table.add_column("By now", justify="right", overflow="fold")
    table.add_column("At pace", justify="right", overflow="fold")
    table.add_column("Pace", overflow="fold")
    for f in figures.metrics:
        label = f.metric.id if f.metric.label_zh == f.metric.id else f"{f.metric.id} {f.metric.label_zh}"
        bar = ProgressBar(total=f.target, completed=min(f.actual, f.target), width=10) if f.target else ""
        table.add_row(
            user_text(label),
            show_value(f, f.target),
            show_value(f, f.actual),
            "—" if f.percent is None else f"{f.percent:.0f}%",
            *([bar] if wide else []),
            show_value(f, f.expected),
            show_value(f, f.projected),
            Text("—" if f.pace == "no target" else f.pace, style=PACE_STYLE[f.pace]),
        )
    return table


def print_week(figures: PeriodFigures) -> None:
    period, now = figures.period, figures.now
    title = f"Week {period.start.isocalendar().week} · {period.start} → {period.end} · where do I stand?"
    out = console()
    if not figures.metrics:
        out.print(Text(title, style="bold"))
        out.print("No targets and nothing logged this week.")
        out.print("Set targets:  salelog goal set revenue 50万   salelog goal set visits 15")
        out.print("Log a call:   salelog visit add 张总 --kind call")
        return
    out.print(figures_table(figures, title))
    position = (
        f"{WEEKDAYS[now.weekday()]} {now:%H:%M}"
        if period.start <= now.date() <= period.end
        else "week over"
        if now.date() > period.end
        else "not started"
    )
    out.print(
        Text(
            f"\n{plural(figures.entry_count, 'entry', 'entries')} · {position}"
            f" · {figures.elapsed:.0%} of the week's working time gone"
            " (Mon–Fri 09:00–18:00)",
            style="dim",
        )
    )
    if figures.by_class:
        out.print(class_table(figures.by_class))
    if not any(f.target for f in figures.metrics):
        out.print("No targets set for this week: salelog goal set revenue 50万", style="yellow")


def class_table(rows: list[dict]) -> Table:
    """Where the week's effort went, by customer class, against where revenue came from."""
    table = _table(
        ("Class", "left"),
        ("Entries", "right"),
        ("Minutes", "right"),
        ("Revenue", "right"),
        ("% entries", "right"),
        ("% minutes", "right"),
        ("% revenue", "right"),
        title="\nEffort by customer class: time against revenue",
    )
    for r in rows:
        table.add_row(
            r["class"] or "no class",
            str(r["entries"]),
            str(r["minutes"]),
            _yuan(r["revenue"]) or "0",
            f"{r['entries_percent']:.0f}%",
            f"{r['minutes_percent']:.0f}%",
            f"{r['revenue_percent']:.0f}%",
        )
    return table


def print_goal_history(groups: list[dict], money_metrics: set[str], period_title: str) -> None:
    table = Table(title=period_title, title_justify="left", header_style="bold", box=None, pad_edge=False)
    table.add_column("Metric", overflow="fold")
    table.add_column("Target", justify="right", overflow="fold")
    table.add_column("Set at", overflow="fold")
    table.add_column("Earlier targets", overflow="fold")
    for group in groups:
        rows = group["rows"]
        show = format_amount if group["metric"] in money_metrics else "{:,}".format
        current = rows[-1]
        earlier = ", ".join(f"{show(r['target'])} (set {r['set_at'][:16]})" for r in reversed(rows[:-1]))
        table.add_row(
            user_text(group["metric"]), show(current["target"]), current["set_at"][:16], user_text(earlier or "—")
        )
    console().print(table)


def print_entries(entries: list[dict]) -> None:
    table = Table(header_style="bold", box=None, pad_edge=False)
    for heading, justify in (
        ("ID", "right"),
        ("When", "left"),
        ("Customer", "left"),
        ("Kind", "left"),
        ("Amount", "right"),
        ("Outcome", "left"),
        ("Next", "left"),
    ):
        table.add_column(heading, justify=justify, overflow="fold")
    for e in entries:
        next_step = " ".join(filter(None, [e["next_step"], e["next_date"] and f"({e['next_date']})"]))
        table.add_row(
            str(e["id"]),
            e["at"][:16],
            user_text(e["customer"]),
            e["kind"],
            format_amount(e["amount_fen"]) if e["amount_fen"] else "",  # a log shows exact amounts
            user_text(e["outcome"] or ""),
            user_text(next_step),
        )
    console().print(table)


def print_today(figures: PeriodFigures) -> None:
    day = figures.period.start
    title = f"Today · {WEEKDAYS[day.weekday()]} {day} · the day's even share of the week's targets"
    out = console()
    if not figures.metrics:
        out.print(Text(title, style="bold"))
        out.print("Nothing logged today and no targets this week. Log a call: salelog visit add 张总 --kind call")
        return
    out.print(figures_table(figures, title))
    out.print(
        Text(f"\n{plural(figures.entry_count, 'entry', 'entries')} today · the whole week: salelog week", style="dim")
    )


def _table(*columns: tuple[str, str], title: str | None = None) -> Table:
    table = Table(title=title, title_justify="left", header_style="bold", box=None, pad_edge=False)
    for heading, justify in columns:
        table.add_column(heading, justify=justify, overflow="fold")
    return table


def _yuan(value: float | int | None) -> str:
    return format_amount(round(value * 100), approx=True) if value else ""


def print_customers(rows: list[dict]) -> None:
    table = _table(
        ("Name", "left"),
        ("Company", "left"),
        ("Class", "left"),
        ("Last contact", "left"),
        ("Days", "right"),
        ("Entries", "right"),
        ("Revenue", "right"),
        ("This year", "right"),
        ("Tags", "left"),
    )
    for r in rows:
        table.add_row(
            user_text(r["name"]),
            user_text(r["company"] or ""),
            r["class"] or "",
            (r["last_contact"] or "never")[:10],
            "" if r["days_since"] is None else str(r["days_since"]),
            str(r["entries"]),
            _yuan(r["revenue"]),
            _yuan(r["revenue_this_year"]),
            user_text(", ".join(r["tags"])),
        )
    console().print(table)


def print_customer(card: dict, timeline: list[dict], followups: list[dict]) -> None:
    out = console()
    heading = Text(visible(card["name"]), style="bold")
    if card["class"]:
        heading.append(f"  class {card['class']}")
    out.print(heading)
    for label, key in (
        ("company", "company"),
        ("phone", "phone"),
        ("email", "email"),
        ("wechat", "wechat"),
        ("note", "note"),
    ):
        if card[key]:
            out.print(Text(f"  {label}: ", style="dim") + user_text(card[key]))
    for label, key in (("aliases", "aliases"), ("tags", "tags")):
        if card[key]:
            out.print(Text(f"  {label}: ", style="dim") + user_text(", ".join(card[key])))
    out.print(
        Text(
            f"  {card['entries']} entries · revenue {_yuan(card['revenue']) or '0'}"
            f" (this year {_yuan(card['revenue_this_year']) or '0'})"
            f" · last contact {(card['last_contact'] or 'never')[:16]}",
            style="dim",
        )
    )
    if followups:
        table = _table(("ID", "right"), ("Due", "left"), ("Follow-up", "left"), title="\nOpen follow-ups")
        for f in followups:
            table.add_row(str(f["id"]), f["due_date"] or "undated", user_text(f["what"] or ""))
        out.print(table)
    table = _table(
        ("ID", "right"),
        ("When", "left"),
        ("Kind", "left"),
        ("Amount", "right"),
        ("Outcome", "left"),
        ("Needs", "left"),
        ("Feedback", "left"),
        ("Next", "left"),
        title="\nTimeline, newest first",
    )
    for e in timeline:
        table.add_row(
            str(e["id"]),
            e["at"][:16],
            e["kind"],
            format_amount(round(e["amount"] * 100)) if e["amount"] else "",  # a timeline shows exact amounts
            user_text(e["outcome"] or ""),
            user_text(e["needs"] or ""),
            user_text(e["feedback"] or ""),
            user_text(" ".join(filter(None, [e["next"], e["next_date"] and f"({e['next_date']})"]))),
        )
    out.print(table if timeline else Text("\nNo entries yet.", style="dim"))


def print_followups(rows: list[dict]) -> None:
    table = _table(
        ("ID", "right"), ("Due", "left"), ("", "left"), ("Customer", "left"), ("Class", "left"), ("Follow-up", "left")
    )
    for r in rows:
        when = {"overdue": f"{r['days_overdue']}d overdue", "today": "today", "done": "done"}.get(r["state"], "")
        style = {"overdue": "red", "today": "yellow", "done": "dim"}.get(r["state"], "")
        table.add_row(
            str(r["id"]),
            r["due_date"] or "undated",
            Text(when, style=style),
            user_text(r["customer"]),
            r["class"] or "",
            user_text(r["what"] or ""),
        )
    console().print(table)


def entry_line(entry: dict) -> str:
    """One entry in a line, for confirmations: 2026-11-25 18:00 call with 张总 1.2万."""
    amount = f" {format_amount(entry['amount_fen'])}" if entry["amount_fen"] else ""
    return f"{entry['at'][:16]} {entry['kind']} with {visible(entry['customer'])}{amount}"


def print_classes(proposals: list[dict], applied: bool) -> None:
    table = _table(
        ("Customer", "left"),
        ("Revenue 12m", "right"),
        ("Share", "right"),
        ("Cumulative", "right"),
        ("Last contact", "left"),
        ("Class", "left"),
        ("Proposed", "left"),
    )
    for p in proposals:
        change = p["proposed"] if p["proposed"] == p["current"] else f"{p['proposed']} (was {p['current'] or '—'})"
        table.add_row(
            user_text(p["name"]),
            _yuan(p["revenue"]) or "0",
            f"{p['share_percent']:.1f}%",
            f"{p['cumulative_percent']:.1f}%",
            (p["last_contact"] or "never")[:10],
            p["current"] or "—",
            Text(change, style="" if p["proposed"] == p["current"] else "bold"),
        )
    console().print(table)
    changes = sum(p["proposed"] != p["current"] for p in proposals)
    if applied:
        console().print(f"applied: {changes} customers changed class")
    elif changes:
        console().print(f"{changes} customers would change class; write them with: salelog customer classify --apply")
