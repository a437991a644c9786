"""A target broken down (goal breakdown) and the targets derived from one (goal
set over longer periods), as sheet pieces. Apart from views.py, which week and
today load."""

from datetime import date

from .i18n import chinese, period_kind, tr, weekday
from .money import show_amount
from .sheet import Line, Table
from .text import visible
from .views import folding, parts_text, source_name


def breakdown_blocks(metric: str, parts: dict, money: bool, target: int) -> list:
    """goal list: a longer target split into months, weeks and days by the rule
    every view uses (report.breakdown); a From column when more specific targets
    win some days, and the two months' parts of a week the month cuts."""
    show_target = show_amount if money else "{:,}".format
    overridden = parts.get("overridden_by") or []
    blocks = []
    for level in ("months", "weeks", "days"):
        if not parts.get(level):
            continue
        heading = period_kind(level[:-1]) if chinese() else level.capitalize()
        title = tr("{metric} by {unit}", metric=visible(metric), unit=period_kind(level[:-1]))
        table = Table(folding(heading), folding(tr("Target"), "right"), title="\n" + title)
        if overridden:
            table.columns.append(folding(tr("From")))
        for p in parts[level]:
            name = p.get("label") or f"{weekday(date.fromisoformat(p['date']).weekday())} {p['date']}"
            if p.get("whole_week"):
                name += f" {p['start'][5:]}" + ("" if p["start"] == p["end"] else f" → {p['end'][5:]}")
            source = [source_name(p["source"]) if p["source"] else "—"] if overridden else []
            table.add_row(name, show_target(p["target"]), *source)
        blocks.append(table)
        for p in parts[level]:
            whole = p.get("whole_week")
            if whole and whole["target"] is not None:
                line = tr(
                    "{week} in all: {target} = {parts}",
                    week=whole["label"],
                    target=show_target(whole["target"]),
                    parts=parts_text(whole["parts"], show_target),
                )
                blocks.append(Line((line, "dim")))
    if overridden:
        top = parts.get("months") or parts.get("weeks") or []
        words = (
            "More specific targets win their days ({list}): the months add up to {sum}, not {target}."
            if parts.get("months")
            else "More specific targets win their days ({list}): the weeks add up to {sum}, not {target}."
        )
        note = tr(
            words,
            list=tr(", ").join(source_name(s) for s in overridden),
            sum=show_target(sum(p["target"] for p in top)),
            target=show_target(target),
        )
        blocks.append(Line(("\n" + note, "dim")))
    return blocks


def derived_targets_blocks(targets: list[dict], money_metrics: set[str], title: str | None) -> list:
    """goal list --week: the metrics the week has no target of its own for, with
    their shares of longer targets (as `week` counts them) and where they come from."""
    table = Table(folding(tr("Metric")), folding(tr("Target"), "right"), folding(tr("From")), title=title)
    blocks = [Line(""), table] if title is None else [table]
    for t in targets:
        show_target = show_amount if t["metric"] in money_metrics else "{:,}".format
        table.add_row(visible(t["metric"]), show_target(t["target"]) + "*", source_name(t["target_source"]))
        if len(t["target_parts"]) > 1:
            parts = parts_text(t["target_parts"], show_target)
            blocks.append(Line((tr("{metric}: {parts}", metric=visible(t["metric"]), parts=parts), "dim")))
    blocks.append(Line((tr("* no week target set: a share of a longer one, as salelog week counts it"), "dim")))
    return blocks
