"""The day's report drawn from its --json shape (salelog/dayreport.py): the
screen as sheet pieces, and Markdown ready to paste to a manager. Also the
week review's lines on day notes and time with customers (review_day_lines)."""

from datetime import date

from .activities import KINDS
from .i18n import chinese, tr, tr_n, weekday
from .money import shown
from .sheet import Column, Line, Table
from .text import visible


def value_text(value, unit: str) -> str:
    """A figure of the day's JSON for people: money rounded (2.5万), minutes as minutes, counts grouped."""
    if value is None:
        return "—"
    if unit == "yuan":
        return shown(value, zero="0")
    if unit == "minutes":
        return minutes_text(value)
    return f"{value:,}"


def minutes_text(minutes: int) -> str:
    return tr("{n} min", n=f"{minutes:,}")


def kind_label(kind: str) -> str:
    return KINDS[kind] if chinese() else f"{kind} {KINDS[kind]}"


def _dated(iso: str) -> str:
    day = date.fromisoformat(iso)
    return f"{weekday(day.weekday())} {iso}"


def time_sentences(time: dict, entries: int | None = None) -> list[str]:
    """'5 entries · 95 min with customers · 60 min other', then (when there is
    any) 'Other time: learning 学习 45 min, travel 路上 15 min'."""
    parts = [tr_n(entries, "{n} entry", "{n} entries", n=entries)] if entries is not None else []
    parts.append(tr("{time} with customers", time=minutes_text(time["with_customers"])))
    parts.append(tr("{time} other", time=minutes_text(time["other"])))
    lines = [" · ".join(parts)]
    if time["by_kind"]:
        kinds = tr(", ").join(f"{kind_label(k['kind'])} {minutes_text(k['minutes'])}" for k in time["by_kind"])
        lines.append(tr("Other time: {list}", list=kinds))
    return lines


def counts_sentences(data: dict) -> list[str]:
    t, f = data["tasks"], data["followups"]
    return [
        tr("Tasks: {done} done, {moved} moved, {dropped} dropped, {open} still open", **t),
        tr("Follow-ups: {due} due, {closed} closed, {overdue} overdue", **f),
        *deal_sentences(data.get("deals", ())),
    ]


def deal_sentences(moves: list[dict]) -> list[str]:
    """One line a deal that moved in the day, from where it started the day to where
    it ended it: 'Deal #3 年度采购 (张总): lead → proposal', '… new at qualified'."""
    from .deals import ladder, stage_by_id

    stages = ladder()

    def name(stage_id: str) -> str:
        return stage_by_id(stage_id, stages).name if chinese() else stage_id

    day: dict[int, dict] = {}
    for m in moves:  # oldest first: where the deal started the day, and where it ended it
        day.setdefault(m["id"], m | {"first": m["to"]})["to"] = m["to"]

    def move(m: dict) -> str:
        if m["from"] is not None:
            return tr("{old} → {new}", old=name(m["from"]), new=name(m["to"]))
        created = tr("new at {stage}", stage=name(m["first"]))
        return created if m["to"] == m["first"] else tr("{old} → {new}", old=created, new=name(m["to"]))

    return [
        tr("Deal #{id} {title} ({customer}): ", id=m["id"], title=visible(m["title"]), customer=visible(m["customer"]))
        + move(m)
        for m in day.values()
    ]


def note_sentence(data: dict) -> str | None:
    if data["note"] is None:
        return None
    mood = tr(" (mood {mood}/5)", mood=data["mood"]) if data["mood"] is not None else ""
    return tr("Day note{mood}: {text}", mood=mood, text=visible(data["note"], one_line=True))


def tomorrow_lines(data: dict) -> tuple[list[str], str | None]:
    """The next working day's items as lines, and its quotas as one line (None without quotas)."""
    lines = []
    for item in data["tomorrow"]:
        who = visible(item.get("customer") or "", one_line=True)
        text = visible(item.get("text") or "", one_line=True)
        if item["kind"] == "task":
            lines.append(tr("task #{id} {text}", id=item["id"], text=text) + (tr(" ({list})", list=who) if who else ""))
        elif item["kind"] == "followup":
            due = "" if item["due"] == data["tomorrow_date"] else tr(" (due {date})", date=item["due"])
            lines.append(tr("follow-up #{id} {customer}: {text}", id=item["id"], customer=who, text=text) + due)
    quotas = [i for i in data["tomorrow"] if i["kind"] == "quota"]
    quota = tr(", ").join(f"{visible(q['metric'])} {value_text(q['quota'], q['unit'])}" for q in quotas)
    return lines, tr("quota: {list}", list=quota) if quotas else None


def day_blocks(data: dict) -> list:
    """The day's report screen: quota against actual, the day's work in counts, tomorrow's list."""
    title = tr("Day report · {day}", day=_dated(data["date"]))
    if not data["working_day"]:
        title += tr(" · not a working day")
    blocks = [Line((title, "bold"))]
    note = note_sentence(data)
    if note:
        blocks.append(Line(note))
    if data["metrics"]:
        table = Table(Column(tr("Metric")), *(Column(tr(h), "right") for h in ("Day quota", "Actual", "%")), title="")
        for m in data["metrics"]:
            percent = "—" if m["percent"] is None else f"{m['percent']:.0f}%"
            style = "green" if m["quota"] and m["actual"] >= m["quota"] else ""
            table.add_row(
                visible(m["metric"]),
                value_text(m["quota"], m["unit"]),
                (value_text(m["actual"], m["unit"]), style),
                percent,
            )
        blocks.append(table)
    elif not data["working_day"]:  # a weekend or a holiday: no share of the week's targets falls on it
        blocks.append(Line((tr("Not a working day: no quota."), "dim")))
    else:
        blocks.append(
            Line((tr("No quota for the day and nothing logged. Set a target: salelog goal set visits 15"), "dim"))
        )
    blocks.append(Line(""))
    blocks += [Line(s) for s in [*time_sentences(data["time"], data["entries"]), *counts_sentences(data)]]
    lines, quota = tomorrow_lines(data)
    blocks.append(Line(("\n" + tr("Next working day · {day}", day=_dated(data["tomorrow_date"])), "bold")))
    blocks += [Line("  " + line) for line in lines]
    if quota:
        blocks.append(Line(("  " + quota, "dim")))
    if not lines and not quota:
        blocks.append(Line(("  " + tr("nothing due"), "dim")))
    return blocks


def day_markdown(data: dict) -> str:
    """The day's report as Markdown: user text escaped (exchange.markdown_text), tables aligned by display width."""
    from .exchange import markdown_table, markdown_text
    from .sheet import cells

    out = [f"# {tr('Day report · {day}', day=_dated(data['date']))}", ""]
    if data["note"] is not None:
        mood = tr(" (mood {mood}/5)", mood=data["mood"]) if data["mood"] is not None else ""
        out += [f"**{tr('Day note')}{mood}:** {markdown_text(data['note'])}", ""]
    if data["metrics"]:
        rows = [
            [m["metric"], value_text(m["quota"], m["unit"]), value_text(m["actual"], m["unit"])]
            for m in data["metrics"]
        ]
        headers = [tr("Metric"), tr("Day quota"), tr("Actual")]
        out += markdown_table(headers, rows, right=(1, 2), width=lambda text: cells(text, guess=True)).splitlines()
        out.append("")
    out += [f"- {markdown_text(s)}" for s in [*time_sentences(data["time"], data["entries"]), *counts_sentences(data)]]
    lines, quota = tomorrow_lines(data)
    out += ["", f"## {tr('Next working day · {day}', day=_dated(data['tomorrow_date']))}", ""]
    out += [f"- {markdown_text(line)}" for line in lines + ([quota] if quota else [])] or [f"- {tr('nothing due')}"]
    return "\n".join(out).rstrip() + "\n"


def review_day_lines(data: dict) -> list:
    """The week review's lines from day.review_extras: time with customers against
    the rest, and each day's note (the review is reshaped elsewhere: kept apart)."""
    time, blocks = data["time"], []
    if time["with_customers"] or time["other"]:
        blocks.append(Line(("\n" + tr("Time with customers and the rest"), "bold")))
        blocks += [Line("  " + line) for line in time_sentences(time)]
    if data.get("day_notes"):
        blocks.append(Line(("\n" + tr("Day notes"), "bold")))
        for n in data["day_notes"]:
            mood = tr(" (mood {mood}/5)", mood=n["mood"]) if n["mood"] is not None else ""
            blocks.append(Line(f"  {_dated(n['date'])}{mood} ", visible(n["text"], one_line=True)))
    return blocks


def review_day_markdown(data: dict) -> list[str]:
    """review_day_lines as Markdown lines."""
    from .exchange import markdown_text

    time, out = data["time"], []
    if time["with_customers"] or time["other"]:
        out += ["", f"## {tr('Time with customers and the rest')}", ""]
        out += [f"- {markdown_text(line)}" for line in time_sentences(time)]
    if data.get("day_notes"):
        out += ["", f"## {tr('Day notes')}", ""]
        for n in data["day_notes"]:
            mood = tr(" (mood {mood}/5)", mood=n["mood"]) if n["mood"] is not None else ""
            out.append(f"- {_dated(n['date'])}{mood}: {markdown_text(n['text'])}")
    return out
