"""The customer-life screens as sheet pieces: customers at risk, contracts, the
review's care and funnel lines, its table by source."""

from .i18n import chinese, tr
from .money import shown
from .sheet import Column, Line, Table
from .stages import STAGE_NAMES
from .text import visible


def stage_label(stage: str | None) -> str:
    """A stage as the screen says it: 意向 in Chinese, intent otherwise."""
    if stage is None:
        return ""
    return STAGE_NAMES[stage] if chinese() else stage


def at_risk_table(rows: list[dict]) -> Table:
    """customer list --at-risk: one customer a row, its reasons in the last column."""
    table = Table(Column(tr("Name")), Column(tr("Class")), Column(tr("Stage")), title=tr("Customers at risk"))
    table.columns += [Column(tr("Last contact"), no_wrap=True), Column(tr("Why"), no_wrap=False)]
    for r in rows:
        table.add_row(
            visible(r["name"]),
            r["class"] or "",
            stage_label(r["stage"]),
            (r["last_contact"] or tr("never"))[:10],
            tr("; ").join(visible(reason) for reason in r["shown"]),
        )
    return table


def contracts_table(rows: list[dict]) -> Table:
    """contract list: soonest ending first, with the days left."""
    table = Table(Column(tr("ID"), "right"), Column(tr("Customer")), Column(tr("Ends"), no_wrap=True))
    table.columns += [Column(tr("Days left"), "right"), Column(tr("Note"), no_wrap=False)]
    for r in rows:
        table.add_row(str(r["id"]), visible(r["customer"]), r["ends"], str(r["days_left"]), visible(r["note"] or ""))
    return table


def care_line(care: dict) -> Line:
    """The review's complaints and satisfaction, on one line."""
    said = tr("opened {opened}, closed {closed}, open {open}", **care["complaints"])
    parts = [(tr("Complaints: "), "dim"), said]
    average, before = care["satisfaction"], care["satisfaction_4_weeks"]
    if average is not None or before is not None:
        now = "–" if average is None else f"{average:.1f}"
        then = "–" if before is None else f"{before:.1f}"
        parts += [(tr(" · satisfaction "), "dim"), now, (tr(" (4-week average {avg})", avg=then), "dim")]
    return Line(*parts)


def funnel_line(funnel: dict) -> Line:
    """The review's funnel: the count at each stage, then the moves of the period."""
    counts = " · ".join(f"{stage_label(s['stage'])} {s['count']}" for s in funnel["stages"])
    parts = [(tr("Funnel: "), "dim"), counts]
    if funnel["moves"]:
        moved = tr(", ").join(
            tr("{n} {was} → {now}", n=m["count"], was=stage_label(m["from"]) or tr("new"), now=stage_label(m["to"]))
            for m in funnel["moves"]
        )
        parts += [(tr("; moves: "), "dim"), moved]
    return Line(*parts)


def sources_table(rows: list[dict]) -> Table:
    """month and year reviews: new clients, revenue and conversion by source."""
    table = Table(Column(tr("Source")), title="\n" + tr("By source"))
    table.columns += [Column(tr(h), "right") for h in ("Contacted", "New clients", "Conversion", "Revenue")]
    for r in rows:
        table.add_row(
            visible(r["source"]) if r["source"] else tr("(none)"),
            str(r["prospects"]),
            str(r["new_clients"]),
            "" if r["conversion"] is None else f"{r['conversion']:.1f}%",
            shown(r["revenue"]),
        )
    return table
