"""The customer screens as sheet pieces: the list, a customer's card with its
timeline, and the classes proposed from their revenue. Apart from views.py,
which week and today load."""

from . import fields
from .i18n import kind_name, tr, tr_n
from .money import shown
from .sheet import Column, Line, Table
from .text import visible
from .views import folding, sale_cell, under_label


def customers_table(rows: list[dict], neglect_days: dict[str, int] | None = None) -> Table:
    """customer list: a card a row, with last contact, days since, entries, revenue;
    with `neglect_days` (customer list --neglected), a heading saying the rule."""
    title = neglect_heading(neglect_days) if neglect_days is not None else None
    table = Table(folding(tr("Name")), folding(tr("Company")), folding(tr("Class")), title=title, repeat=1)
    table.columns.append(folding(tr("Last contact")))
    table.columns += [folding(tr(h), "right") for h in ("Days", "Entries", "Revenue", "This year")]
    table.columns.append(folding(tr("Tags")))
    for r in rows:
        table.add_row(
            visible(r["name"]),
            visible(r["company"] or ""),
            r["class"] or "",
            (r["last_contact"] or tr("never"))[:10],
            "" if r["days_since"] is None else str(r["days_since"]),
            str(r["entries"]),
            shown(r["revenue"]),
            shown(r["revenue_this_year"]),
            visible(", ".join(r["tags"])),
        )
    return table


def neglect_heading(neglect_days: dict[str, int]) -> str:
    """The rule of report.neglected_customers in words: at least N days without contact."""
    limits = [tr("{klass} {n} days", klass=k, n=n) for k, n in sorted(neglect_days.items()) if n]
    return tr("Not contacted for at least: {limits}", limits=tr(", ").join(limits))


CARD_FIELDS = tuple(f.column for f in fields.CARD_FIELDS if f.key != "class")  # class stands in the heading


def customer_blocks(card: dict, timeline: list[dict], followups: list[dict]) -> list:
    """customer show: the card, open follow-ups, and the whole timeline, newest first."""
    heading = Line((visible(card["name"]), "bold"), tr("  class {klass}", klass=card["class"]) if card["class"] else "")
    blocks = [heading]
    for key in CARD_FIELDS:
        if card[key]:
            blocks.append(Line((tr("  {label}: ", label=tr(key)), "dim"), under_label(card[key])))
    for key in ("aliases", "tags"):
        if card[key]:
            blocks.append(Line((tr("  {label}: ", label=tr(key)), "dim"), visible(", ".join(card[key]))))
    summary = tr_n(
        card["entries"],
        "  {entries} entry · revenue {revenue} (this year {this_year}) · last contact {last}",
        "  {entries} entries · revenue {revenue} (this year {this_year}) · last contact {last}",
        entries=card["entries"],
        revenue=shown(card["revenue"], zero="0"),
        this_year=shown(card["revenue_this_year"], zero="0"),
        last=(card["last_contact"] or tr("never"))[:16],
    )
    blocks.append(Line((summary, "dim")))
    if followups:
        table = Table(
            folding(tr("ID"), "right"), folding(tr("Due")), folding(tr("Follow-up")),
            title="\n" + tr("Open follow-ups"),
        )  # fmt: skip
        for f in followups:
            table.add_row(str(f["id"]), f["due_date"] or tr("undated"), visible(f["what"] or ""))
        blocks.append(table)
    if not timeline:
        return blocks + [Line(("\n" + tr("No entries yet."), "dim"))]
    # As the log's table (views.entries_table): too wide for the screen, split into tables
    # that each keep the entry's id, rather than dates and headings folded mid-word.
    table = Table(
        Column(tr("ID"), "right"), Column(tr("When"), no_wrap=True), Column(tr("Kind"), no_wrap=True), repeat=1
    )
    table.columns.append(Column(tr("Amount"), "right"))
    table.columns += [folding(tr(h)) for h in ("Outcome", "Needs", "Feedback", "Next")]
    named = any(e["competitors"] for e in timeline)
    if named:  # a column only when someone was named
        table.columns.append(folding(tr("Competitors")))
    table.title = "\n" + tr("Timeline, newest first")
    for e in timeline:
        table.add_row(
            str(e["id"]),
            e["at"][:16],
            kind_name(e["kind"]),
            sale_cell(e["amount"], e["cancelled"], exact),  # a timeline shows exact amounts
            visible(e["outcome"] or ""),
            visible(e["needs"] or ""),
            visible(e["feedback"] or ""),
            visible(" ".join(filter(None, [e["next"], e["next_date"] and f"({e['next_date']})"]))),
            *([visible(", ".join(e["competitors"]))] if named else []),
        )
    blocks.append(table)
    cancelled = [(e["id"], c) for e in timeline for c in e["cancellations"]]
    if cancelled:  # what was cancelled of which sale, when and why
        table = Table(folding(tr("Sale"), "right"), folding(tr("When")), folding(tr("Amount"), "right"))
        table.columns.append(folding(tr("Reason")))
        table.title = "\n" + tr("Cancellations")
        for entry_id, c in sorted(cancelled, key=lambda pair: pair[1]["at"], reverse=True):
            table.add_row(f"#{entry_id}", c["at"][:16], exact(c["amount"]), visible(c["reason"]))
        blocks.append(table)
    return blocks


def exact(amount_yuan) -> str:
    """An amount in yuan shown exactly (a log is not a summary)."""
    return shown(amount_yuan, approx=False)


def class_proposals(proposals: list[dict], applied: bool) -> list:
    """customer classify: the 80/20 proposal a customer a row, and what --apply did or would do."""
    table = Table(folding(tr("Customer")), *(folding(tr(h), "right") for h in ("Revenue 12m", "Share", "Cumulative")))
    table.columns += [folding(tr("Last contact")), folding(tr("Class")), folding(tr("Proposed"))]
    for p in proposals:
        was = tr("{proposed} (was {current})", proposed=p["proposed"], current=p["current"] or "—")
        same = p["proposed"] == p["current"]
        table.add_row(
            visible(p["name"]),
            shown(p["revenue"], zero="0"),
            f"{p['share_percent']:.1f}%",
            f"{p['cumulative_percent']:.1f}%",
            (p["last_contact"] or tr("never"))[:10],
            p["current"] or "—",
            (p["proposed"] if same else was, "" if same else "bold"),
        )
    blocks = [table]
    changes = sum(p["proposed"] != p["current"] for p in proposals)
    if applied:
        blocks.append(Line(tr("applied: {n} customers changed class", n=changes)))
    elif changes:
        text = tr("{n} customers would change class; write them with: salelog customer classify --apply", n=changes)
        blocks.append(Line(text))
    return blocks
