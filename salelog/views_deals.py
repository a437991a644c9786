"""The deal screens as sheet pieces: deal list, deal show, pipeline."""

from .deals import stage_by_id, stage_label
from .i18n import chinese, kind_name, tr
from .money import shown
from .sheet import Column, Line, Table
from .text import visible

STALE_SHOWN = 10  # the most silent first; the rest are counted


def _column(heading: str, justify: str = "left") -> Column:
    return Column(heading, justify, no_wrap=justify == "right")


def _stage_name(record: dict) -> str:
    return record["stage_name"] if chinese() else record["stage"]


def deals_table(records: list[dict], title: str | None = None, *, customer: bool = True) -> Table:
    """deal list (and, without the `customer` column, customer show's deals): one
    deal a row, with its value, stage, weighted value and close date."""
    first = [_column(tr("ID"), "right"), *([_column(tr("Customer"))] if customer else []), _column(tr("Deal"))]
    table = Table(*first, title=title, repeat=len(first))
    table.columns += [_column(tr("Value"), "right"), _column(tr("Stage")), _column("%", "right")]
    table.columns += [_column(tr("Weighted"), "right"), Column(tr("Close"), no_wrap=True)]
    table.columns.append(Column(tr("Last contact"), no_wrap=True))
    for r in records:
        table.add_row(
            str(r["id"]),
            *([visible(r["customer"])] if customer else []),
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
    blocks += [Line((tr("  {label}: ", label=label), "dim"), visible(str(value))) for label, value in facts if value]
    history = Table(_column(tr("When")), _column(tr("From")), _column(tr("To")), title="\n" + tr("Stages"))
    for change in record["history"]:
        before = stage_label(stage_by_id(change["from"], stages)) if change["from"] else tr("(created)")
        history.add_row(change["at"][:16], before, stage_label(stage_by_id(change["to"], stages)))
    blocks.append(history)
    if not record["timeline"]:
        return blocks + [Line(("\n" + tr("No entries linked yet."), "dim"))]
    timeline = Table(
        _column(tr("ID"), "right"),
        _column(tr("When")),
        _column(tr("Kind")),
        _column(tr("Amount"), "right"),
        _column(tr("Outcome")),
        title="\n" + tr("Timeline"),
    )
    for e in record["timeline"]:
        timeline.add_row(
            str(e["id"]),
            e["at"][:16],
            kind_name(e["kind"]),
            shown(e["amount"], approx=False),
            visible(e["outcome"] or ""),
        )
    return blocks + [timeline]


def _fen(amount: int | None) -> str:
    from .money import show_amount

    return show_amount(amount, approx=True) if amount else "0"


def pipeline_blocks(figures: dict) -> list:
    """pipeline: the open deals by stage, the weighted forecast, the closed deals' figures, the stale deals."""
    from .periods import Period

    table = Table(
        _column(tr("Stage")),
        _column("%", "right"),
        _column(tr("Deals"), "right"),
        _column(tr("Value"), "right"),
        _column(tr("Weighted"), "right"),
        title=tr("Open pipeline by stage"),
    )
    for r in figures["stages"]:
        stage = r["stage"]
        name = stage.name if chinese() else stage.id
        table.add_row(name, str(stage.probability), str(r["count"]), _fen(r["value"]), _fen(r["weighted"]))
    count = sum(r["count"] for r in figures["stages"])
    table.add_row(
        tr("total"), "", str(count), _fen(figures["open_value"]), _fen(figures["weighted_value"]), style="bold"
    )
    forecast = Table(
        _column(tr("Closing")),
        Column(tr("Dates"), no_wrap=True),
        _column(tr("Weighted"), "right"),
        title="\n" + tr("Weighted forecast"),
    )
    names = {"week": tr("this week"), "month": tr("this month"), "quarter": tr("this quarter")}
    for f in figures["forecast"]:
        period = Period(f["start"], f["end"], f["period"])
        forecast.add_row(names[period.kind], f"{period.start:%m-%d} – {period.end:%m-%d}", _fen(f["weighted"]))
    blocks = [table, forecast, Line("")]
    blocks.append(Line((tr("Closed {since} – {until}", since=figures["since"], until=figures["until"]), "bold")))
    if figures["won"] + figures["lost"] == 0:
        blocks.append(Line((tr("  no deal won or lost in these days"), "dim")))
    else:
        blocks.append(
            Line(
                tr(
                    "  won {won} ({value}), lost {lost} · win rate {rate}% ({by_value}% by value)",
                    won=figures["won"],
                    value=_fen(figures["won_value"]),
                    lost=figures["lost"],
                    rate=figures["win_rate"],
                    by_value=figures["win_rate_by_value"],
                )
            )
        )
    if figures["won"]:
        blocks.append(
            Line(
                tr(
                    "  average won deal {amount} · sales cycle {days} days",
                    amount=_fen(figures["avg_won_deal"]),
                    days=figures["avg_cycle_days"],
                )
            )
        )
    if figures["lost_reasons"]:
        reasons = tr(", ").join(f"{visible(r['reason']) or '-'} {r['count']}" for r in figures["lost_reasons"])
        blocks.append(Line(tr("  lost because: {reasons}", reasons=reasons)))
    if figures["stale"]:
        stale = Table(
            _column(tr("ID"), "right"),
            _column(tr("Customer")),
            _column(tr("Deal")),
            Column(tr("Last contact"), no_wrap=True),
            Column(tr("Close"), no_wrap=True),
            _column(""),
            title="\n" + tr("Stale: no contact for a while, or past the close date"),
        )
        for s in figures["stale"][:STALE_SHOWN]:
            d = s["deal"]
            why = tr("past close") if s["past_close"] else tr("{days} days silent", days=s["days_silent"])
            stale.add_row(
                str(d["id"]),
                visible(d["customer"]),
                visible(d["title"]),
                (d["last_contact"] or tr("never"))[:10],
                d["close_date"] or "",
                (why, "yellow"),
            )
        blocks.append(stale)
        more = figures["stale_count"] - STALE_SHOWN
        if more > 0:
            blocks.append(Line((tr("and {n} more: salelog pipeline --json lists them all", n=more), "dim")))
    return blocks


def review_pipeline_line(moved: dict) -> Line:
    """review: how the pipeline moved this week."""
    return Line(
        (
            tr(
                "pipeline: {added} added ({added_value}), {advanced} advanced, {won} won ({won_value}), {lost} lost",
                added=moved["added"],
                added_value=shown(moved["added_value"], zero="0"),
                advanced=moved["advanced"],
                won=moved["won"],
                won_value=shown(moved["won_value"], zero="0"),
                lost=moved["lost"],
            ),
            "dim",
        )
    )
