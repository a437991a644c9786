"""The deal screens as sheet pieces: deal list, deal show, pipeline."""

from .deals import stage_by_id, stage_label
from .i18n import chinese, kind_name, tr
from .money import shown
from .sheet import Column, Line, Table
from .text import visible


def _column(heading: str, justify: str = "left") -> Column:
    return Column(heading, justify, no_wrap=justify == "right")


def _stage_name(record: dict) -> str:
    return record["stage_name"] if chinese() else record["stage"]


def deals_table(records: list[dict]) -> Table:
    """deal list: one deal a row, with its value, stage, weighted value and close date."""
    table = Table(_column(tr("ID"), "right"), _column(tr("Customer")), _column(tr("Deal")))
    table.columns += [_column(tr("Value"), "right"), _column(tr("Stage")), _column("%", "right")]
    table.columns += [_column(tr("Weighted"), "right"), Column(tr("Close"), no_wrap=True)]
    table.columns.append(Column(tr("Last contact"), no_wrap=True))
    for r in records:
        table.add_row(
            str(r["id"]),
            visible(r["customer"]),
            visible(r["title"]),
            shown(r["value"], approx=False),
            _stage_name(r),
            str(r["probability"]),
            shown(r["weighted"], approx=False),
            r["close"] or "",
            r["last_contact"] or "",
        )
    return table


def deal_blocks(record: dict, stages) -> list:
    """deal show: the deal's line, its fields, its stage history, the entries linked to it."""
    stage = stage_by_id(record["stage"], stages)
    blocks = [Line((f"#{record['id']} {visible(record['title'])}", "bold"), f"  {visible(record['customer'])}")]
    facts = [
        (tr("stage"), stage_label(stage)),
        (tr("value"), shown(record["value"], approx=False) or tr("not known")),
        (tr("weighted"), shown(record["weighted"], approx=False, zero="0")),
        (tr("close"), record["close"]),
        (tr("created"), record["created"]),
        (tr("closed"), record["closed_at"]),
        (tr("lost reason"), record["lost_reason"]),
        (tr("source"), record["source"]),
        (tr("note"), record["note"]),
        (tr("external id"), record["external_id"]),
    ]
    blocks += [Line((f"  {label}: ", "dim"), visible(str(value))) for label, value in facts if value]
    history = Table(_column(tr("When")), _column(tr("From")), _column(tr("To")), title="\n" + tr("Stages"))
    for change in record["history"]:
        before = stage_label(stage_by_id(change["from"], stages)) if change["from"] else tr("(created)")
        history.add_row(change["at"][:16], before, stage_label(stage_by_id(change["to"], stages)))
    blocks.append(history)
    if not record["timeline"]:
        return blocks + [Line(("\n" + tr("No entries linked yet."), "dim"))]
    timeline = Table(_column(tr("ID"), "right"), _column(tr("When")), _column(tr("Kind")),
                     _column(tr("Amount"), "right"), _column(tr("Outcome")), title="\n" + tr("Timeline"))  # fmt: skip
    for e in record["timeline"]:
        timeline.add_row(str(e["id"]), e["at"][:16], kind_name(e["kind"]), shown(e["amount"], approx=False),
                         visible(e["outcome"] or ""))  # fmt: skip
    return blocks + [timeline]
