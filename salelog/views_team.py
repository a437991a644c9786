"""team report as a terminal table (sheet pieces) and as Markdown: a member a
row, in ranking order, then the team's totals."""

from .i18n import tr
from .review import _md_number as shown
from .text import visible


def _figure(metric: dict | None) -> str:
    """actual/target (or the actual alone), as the review shows figures."""
    if metric is None:
        return "—"
    actual = shown(metric["actual"], metric["unit"])
    return actual if metric["target"] is None else f"{actual}/{shown(metric['target'], metric['unit'])}"


def _percent(value) -> str:
    return "—" if value is None else f"{value:.0f}%"


def team_rows(data: dict, text) -> tuple[list[str], list[list[str]]]:
    """Headings and rows (ranking order, then the team), every metric with a
    target; user text through `text` (visible for the terminal; Markdown escapes its own)."""
    metrics = [m["metric"] for m in data["team"]["metrics"] if m["target"] is not None]
    headings = ["#", tr("Member"), *metrics, tr("% of revenue target"), tr("Overdue follow-ups")]
    by_name = {m["name"]: m for m in data["members"]}
    rows = []
    for rank, name in enumerate(data["ranking"], 1):
        member = by_name[name]
        mine = {m["metric"]: m for m in member["metrics"]}
        rows.append(
            [
                str(rank),
                text(name),
                *(_figure(mine.get(m)) for m in metrics),
                _percent(member["percent"]),
                str(member["overdue_followups"]),
            ]
        )
    team = {m["metric"]: m for m in data["team"]["metrics"]}
    revenue = team.get("revenue")
    rows.append(
        [
            "",
            tr("Team"),
            *(_figure(team[m]) for m in metrics),
            _percent(revenue and revenue["percent"]),
            str(sum(m["overdue_followups"] for m in data["members"])),
        ]
    )
    return headings, rows


def behind_line(data: dict, text) -> str:
    """Who is behind pace, and on what ("" when nobody is)."""
    behind = [f"{text(m['name'])} ({', '.join(text(b) for b in m['behind'])})" for m in data["members"] if m["behind"]]
    return tr("Behind pace: {who}", who="; ".join(behind)) if behind else ""


def _title(data: dict) -> str:
    period = data["period"]
    return tr("Team report {label} · {start} → {end}", label=period["label"], start=period["start"], end=period["end"])


def team_blocks(data: dict) -> list:
    from .sheet import Column, Line, Table

    headings, rows = team_rows(data, text=lambda t: visible(t, one_line=True))
    # Too wide for the screen: split into tables that each keep the rank and the member,
    # rather than figures (30.5万/50万) folded mid-number.
    columns = [Column(h, "left" if i == 1 else "right", no_wrap=True) for i, h in enumerate(headings)]
    table = Table(*columns, repeat=2)
    for row in rows[:-1]:
        table.add_row(*row)
    table.add_row(*rows[-1], style="bold")
    behind = behind_line(data, lambda t: visible(t, one_line=True))
    return [Line((_title(data), "bold")), table, *([Line(("\n" + behind, "yellow"))] if behind else [])]


def team_markdown(data: dict) -> str:
    """For a chat or a mail: the title, then the table (names escaped by markdown_table)."""
    from .exchange import markdown_table, markdown_text

    headings, rows = team_rows(data, text=str)
    right = tuple(i for i in range(len(headings)) if i != 1)
    behind = behind_line(data, markdown_text)
    return f"# {_title(data)}\n\n{markdown_table(headings, rows, right=right).rstrip()}\n" + (
        f"\n{behind}\n" if behind else ""
    )
