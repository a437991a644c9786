"""The reports typed most, `salelog week` and `salelog today`, as sheet pieces:
built without Rich, and printed without it where sheet.plain() can (see
salelog/sheet.py for why). render.py prints the same tables through Rich
inside its other reports."""

from .fields import BY_KEY, values_of
from .i18n import chinese, kind_name, period_kind, plan_status, tr, weekday
from .money import show_amount, shown
from .periods import week_number
from .report import MetricFigures, PeriodFigures, verdict_text
from .sheet import Bar, Column, Line, Table, show, terminal
from .text import plural, visible

PACE_STYLE = {"done": "green", "ahead": "green", "on pace": "", "behind": "red", "no target": "dim"}


def show_value(metric_figures: MetricFigures, value: float | None) -> str:
    if value is None:
        return "—"
    if metric_figures.metric.money:
        return show_amount(round(value), approx=True)
    return f"{value:,.0f}" if float(value).is_integer() else f"{value:,.1f}"


def label(metric) -> str:
    """A metric's name in a table: its id and Chinese name, and its unit when it counts minutes."""
    name = metric.id if metric.label_zh == metric.id else f"{metric.id} {metric.label_zh}"
    return name + tr(" (min)") if metric.activity else name


def figures_table(figures: PeriodFigures, title: str, wide: bool) -> Table:
    """Target against actual per metric, with a progress bar (when `wide`), the
    expected position by now and the projection at the current pace."""
    columns = [Column(tr("Metric"))] + [Column(tr(h), "right") for h in ("Target", "Actual", "%")]
    if wide:
        columns.append(Column(tr("Progress"), width=10))
    columns += [Column(tr("By now"), "right"), Column(tr("At pace"), "right"), Column(tr("Pace"))]
    table = Table(*columns, title=title)
    for f in figures.metrics:
        bar = Bar(min(f.actual, f.target), f.target) if f.target else ""
        derived = f.source not in (None, "week", "quota")
        table.add_row(
            visible(label(f.metric)),
            show_value(f, f.target) + ("*" if derived else ""),
            show_value(f, f.actual),
            "—" if f.percent is None else f"{f.percent:.0f}%",
            *([bar] if wide else []),
            show_value(f, f.expected),
            show_value(f, f.projected),
            ("—" if f.pace == "no target" else tr(f.pace), PACE_STYLE[f.pace]),
        )
    return table


def class_table(rows: list[dict]) -> Table:
    """Where the week's effort went, by customer class, against where revenue came from."""
    headings = ("Entries", "Minutes", "Revenue", "% entries", "% minutes", "% revenue")
    table = Table(
        Column(tr("Class"), no_wrap=True),
        *(Column(tr(h), "right") for h in headings),
        title="\n" + tr("Effort by customer class: time against revenue"),
        repeat=1,  # too wide for the screen: split into tables that each keep the class
    )
    for r in rows:
        table.add_row(
            r["class"] or tr("no class"),
            str(r["entries"]),
            str(r["minutes"]),
            shown(r["revenue"], zero="0"),
            f"{r['entries_percent']:.0f}%",
            f"{r['minutes_percent']:.0f}%",
            f"{r['revenue_percent']:.0f}%",
        )
    return table


def plan_lines(items) -> list[Line]:
    if not items:
        return []
    heading = Line(("\n" + tr("Last week's plan (salelog review check ID done|partly|not)"), "bold"))
    return [heading] + [Line(f"  #{p['id']} [{plan_status(p['status'])}] " + visible(p["text"])) for p in items]


def week_blocks(figures: PeriodFigures, last_week_plan: list[dict], width: int, under_table: list = ()) -> list:
    """The week screen; `under_table`: lines shown right under its table (the pipeline's)."""
    period, now = figures.period, figures.now
    heading = tr("Week {n}", n=week_number(period))
    title = f"{heading} · {period.start} → {period.end} · {tr('where do I stand?')}"
    if not figures.metrics:
        return [
            Line((title, "bold")),
            Line(tr("No targets and nothing logged this week.")),
            Line(tr("Set targets:  salelog goal set revenue 50万   salelog goal set visits 15")),
            Line(tr("Log a call:   salelog visit add 张总 --kind call")),
            *plan_lines(last_week_plan),
        ]
    blocks = [figures_table(figures, title, wide=width >= 80)]  # narrower: no bar, figures on one line
    position = (
        f"{weekday(now.weekday())} {now:%H:%M}"
        if period.start <= now.date() <= period.end
        else tr("week over")
        if now.date() > period.end
        else tr("not started")
    )
    hours = tr("(Mon–Fri 09:00–18:00)")
    space = "" if chinese() else " "  # before a full-width bracket, none
    footer = f"\n{entries(figures.entry_count)} · {position} · {gone(figures.elapsed)}{space}{hours}"
    blocks.append(Line((footer, "dim")))
    blocks += under_table
    blocks += target_notes(figures)
    if figures.by_class:
        blocks.append(class_table(figures.by_class))
    blocks += plan_lines(last_week_plan)
    if not any(f.target for f in figures.metrics):
        blocks.append(Line((tr("No targets set for this week: salelog goal set revenue 50万"), "yellow")))
    return blocks


def target_notes(figures: PeriodFigures) -> list[Line]:
    """Under a week's table: the targets that are shares of longer ones, and,
    where its days take their shares from more than one target (a week across
    two months, or partly under a more specific target), which days give which."""
    lines = []
    derived = [
        tr("{metric} from {source}", metric=f.metric.id, source=source_name(f.source))
        for f in figures.metrics
        if f.source not in (None, "week")
    ]
    if derived:
        lines.append(
            Line((tr("* no week target, a share of a longer one: {list}", list=tr("; ").join(derived)), "dim"))
        )
    for f in figures.metrics:
        if len({p["source"] for p in f.parts}) > 1:  # the week's own target across two months needs no note
            parts = parts_text(f.parts, lambda value, f=f: show_value(f, value))
            lines.append(Line((tr("{metric}: {parts}", metric=visible(f.metric.id), parts=parts), "dim")))
    return lines


def source_name(source: str) -> str:
    """A target's source ("month 2026-11", or several joined by ", ") in the output language."""
    names = []
    for one in source.split(", "):
        kind, _, period = one.partition(" ")
        if not period:
            names.append(period_kind(kind))
        elif chinese() and kind in ("month", "quarter", "year"):  # 2026年12月, 2026年第4季度, 2026年
            year, _, part = period.replace("Q", "-").partition("-")
            names.append(f"{year}年" + (f"{int(part)}月" if kind == "month" else f"第{part}季度" if part else ""))
        else:
            names.append(tr("{kind} {label}", kind=period_kind(kind), label=period))
    return tr(", ").join(names)


def parts_text(parts: list[dict], show) -> str:
    """report.target_parts in a line: 1.43万 for 11-30 (month 2026-11) + 6.06万 for 12-01 → 12-04 (quarter 2026Q4)."""

    def days(p: dict) -> str:
        return p["start"][5:] if p["start"] == p["end"] else f"{p['start'][5:]} → {p['end'][5:]}"

    return " + ".join(
        tr("{target} for {days} ({source})", target=show(p["target"]), days=days(p), source=source_name(p["source"]))
        for p in parts
    )


def print_week(figures: PeriodFigures, last_week_plan: list[dict] = (), under_table: list = ()) -> None:
    show(week_blocks(figures, last_week_plan, _width(), under_table))


def week_pipeline_line(closing: dict, over: bool = False) -> Line:
    """week: the weighted pipeline closing this week beside the revenue still needed;
    of a week that is `over`, the deals that were to close in it and are open still."""
    weighted, needed = shown(closing["weighted_closing"], zero="0"), shown(closing["revenue_needed"] or 0, zero="0")
    if over:
        text = tr("open deals that were to close that week: {weighted} weighted", weighted=weighted)
        if closing["revenue_needed"]:
            text += tr(" · revenue short by {needed}", needed=needed)
        return Line((text, "dim"))
    text = tr("pipeline closing this week: {weighted} weighted", weighted=weighted)
    if closing["revenue_needed"] is not None:
        text += tr(" · revenue still needed {needed}", needed=needed)
    short = closing["revenue_needed"] is not None and closing["weighted_closing"] < closing["revenue_needed"]
    return Line((text, "yellow" if short else "dim"))


def _width() -> int:
    width, _ = terminal()
    if width is None:  # an unusual terminal: Rich decides
        from .render import console

        width = console().width
    return width


def today_blocks(day, week, quotas: list[dict], summary: dict, tasks: list[dict], followups: list[dict]) -> list:
    """The 8:30 / 18:00 screen: the day's quota and actual per metric beside the
    week's position, today's tasks by quadrant, follow-ups due, one verdict."""
    from .report import QUADRANTS

    today = day.period.start
    style = {"behind": "red", "ahead": "green"}.get(summary["state"], "")
    blocks = [Line((f"{tr('Today')} · {weekday(today.weekday())} {today} · ", "bold"), (verdict_text(summary), style))]
    if quotas:
        actual_today = {f.metric.id: f for f in day.metrics}
        in_week = {f.metric.id: f for f in week.metrics}
        headings = ("Today", "Quota", "Even", "This week", "By now")
        # Too wide for the screen: split, each part keeping the metric, rather than words folded (revenu/e).
        metric, pace = Column(tr("Metric"), no_wrap=True), Column(tr("Pace"), no_wrap=True)
        table = Table(metric, *(Column(tr(h), "right") for h in headings), pace, repeat=1)
        for q in quotas:
            f = in_week[q["metric"].id]
            done = actual_today.get(f.metric.id)
            table.add_row(
                visible(label(f.metric)),
                show_value(f, done.actual if done else 0),
                show_value(f, q["catch_up"]) if q["days_left"] else "—",
                show_value(f, q["even"]),
                f"{show_value(f, f.actual)}/{show_value(f, f.target)}",
                show_value(f, f.expected),
                (tr(f.pace), PACE_STYLE[f.pace]),
            )
        days = quotas[0]["days_left"]
        if not days:  # a weekend day, or the week's working days are behind it
            quota = tr("Quota: no working days are left this week.")
        elif chinese():
            quota = tr(
                "Quota: what is left of the target over {left}.",
                left=tr("the {n} working days left, today included", n=days),
            )
        else:
            quota = f"Quota: what is left of the target over the {plural(days, 'working day')} left, today included."
        notes = (quota, tr("Even: the week's target over its working days."))
        blocks += [table, *(Line((note, "dim")) for note in notes)]
    elif day.metrics:
        blocks.append(figures_table(day, tr("Logged today"), wide=_width() >= 80))
    else:
        blocks.append(Line(tr("No targets this week and nothing logged today. Set one: salelog goal set visits 15")))
    if tasks:
        table = Table(
            Column(tr("ID"), "right"), Column(tr("Quadrant")), Column(tr("Task")), Column(tr("Customer")), Column(""),
            title="\n" + tr("Tasks"),
        )  # fmt: skip
        for t in tasks:
            slipped = slipped_days(t["slipped_days"]) if t["slipped_days"] else ""
            table.add_row(
                str(t["id"]),
                f"{t['quadrant']} {tr(QUADRANTS[t['quadrant']])}",
                visible(t["title"]),
                visible(t["customer"] or ""),
                (slipped, "yellow"),
            )
        blocks.append(table)
    if followups:
        blocks += [Line(("\n" + tr("Follow-ups due"), "bold")), followups_table(followups)]
    return blocks


def print_today(*figures_and_lists) -> None:
    show(today_blocks(*figures_and_lists))


def followups_table(rows: list[dict]) -> Table:
    headings = (tr("Due"), "", tr("Customer"), tr("Class"), tr("Follow-up"))
    table = Table(Column(tr("ID"), "right"), *(Column(h) for h in headings))
    for r in rows:
        when = {
            "overdue": tr("{n}d overdue", n=r["days_overdue"]) if r["state"] == "overdue" else "",
            "today": tr("today"),
            "done": tr("done"),
        }.get(r["state"], "")
        style = {"overdue": "red", "today": "yellow", "done": "dim"}.get(r["state"], "")
        if r.get("kind") == "complaint" and r["state"] != "done":  # handled before anything else
            when, style = " ".join(filter(None, (tr("complaint"), when))), "red"
        table.add_row(
            str(r["id"]),
            r["due_date"] or tr("undated"),
            (when, style),
            visible(r["customer"]),
            r["class"] or "",
            visible(r["what"] or ""),
        )
    return table


def entries(count: int) -> str:
    return f"{count} {tr('entries')}" if chinese() else plural(count, "entry", "entries")


def gone(share: float) -> str:
    words = tr("of the week's working time gone")
    return f"{words} {share:.0%}" if chinese() else f"{share:.0%} {words}"


def slipped_days(days: int) -> str:
    return tr("slipped {n} days", n=days) if chinese() else f"slipped {plural(days, 'day')}"


def entries_table(entries: list[dict]) -> Table:
    """The log, one entry a row (exact amounts: a log is not a summary)."""
    table = Table(Column(tr("ID"), "right"), Column(tr("When"), no_wrap=True), Column(tr("Customer")), repeat=1)
    table.columns += [Column(tr("Kind"), no_wrap=True), Column(tr("Amount"), "right")]
    table.columns += [Column(tr("Outcome")), Column(tr("Next"))]
    rivals = [", ".join(values_of(e, BY_KEY["competitor"])) for e in entries]
    if any(rivals):  # a column only when someone was named: the usual log keeps its width
        table.columns.append(Column(tr("Competitors")))
    for e, named in zip(entries, rivals, strict=True):
        next_step = " ".join(filter(None, [e["next_step"], e["next_date"] and f"({e['next_date']})"]))
        table.add_row(
            str(e["id"]),
            e["at"][:16],
            visible(e["customer"]),
            kind_name(e["kind"]),
            sale_cell(e["amount_fen"], sum(c["amount_fen"] for c in e["cancellations"]), show_amount),
            visible(e["outcome"] or ""),
            visible(next_step),
            *([visible(named)] if any(rivals) else []),
        )
    return table


def sale_cell(amount, cancelled, display) -> str:
    """An entry's amount as a log shows it (`display`: amount -> text, in the unit given),
    marked when cancelled: '1.2万 (cancelled)' in full, '1.2万 (-3,000)' in part."""
    if not amount:
        return ""
    if not cancelled:
        return display(amount)
    if cancelled >= amount:
        return display(amount) + tr(" (cancelled)")
    # The cancelled part, after an ASCII minus: U+2212's width is not sure (sheet.py would hand it to Rich).
    return display(amount) + tr(" (-{amount})", amount=display(cancelled))


def print_entries(entries: list[dict]) -> None:
    show([entries_table(entries)])


def under_label(text: str) -> str:
    """User text shown after a label ("  note: "): visible, its later lines indented
    under the first rather than at the margin."""
    return visible(text).replace("\n", "\n    ")


def folding(heading: str, justify: str = "left") -> Column:
    """A column any cell of which may fold over lines on a narrow terminal, as
    in the Rich tables these screens were (unlike week's: numbers never split)."""
    return Column(heading, justify, no_wrap=False)


def tasks_table(rows: list[dict]) -> Table:
    """task list, and each day of the plan: quadrant, title, day, customer, and
    how far an open task has slipped (or how a closed one ended)."""
    from .report import QUADRANTS

    # Ids and dates never split over lines (2026-11- / 23); the words around them may.
    table = Table(Column(tr("ID"), "right"), folding(tr("Q")), folding(tr("Task")), Column(tr("Due"), no_wrap=True))
    table.columns += [folding(tr("Customer")), folding("")]
    for r in rows:
        if r["slipped_days"]:
            note = (slipped_days(r["slipped_days"]), "yellow")
        else:
            note = (tr(r["status"]) if r["status"] != "open" else "", "dim")
        table.add_row(
            str(r["id"]),
            f"{r['quadrant']} {tr(QUADRANTS[r['quadrant']])}",
            visible(r["title"]),
            r["due"],
            visible(r["customer"] or ""),
            note,
        )
    return table


# --- customers ---------------------------------------------------------------------


def entry_line(entry: dict) -> str:
    """One entry in a line, for confirmations: 2026-11-25 18:00 call with 张总 1.2万."""
    amount = f" {show_amount(entry['amount_fen'])}" if entry["amount_fen"] else ""
    return f"{entry['at'][:16]} {entry['kind']} with {visible(entry['customer'])}{amount}"
