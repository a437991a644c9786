"""deal add / list / show / edit / move / won / lost / rm: the deals (商机) in
play, moved along the stage ladder (salelog/deals.py); winning one books its
revenue as an entry linked to it."""

import sys

from .. import store
from ..context import Context
from ..deals import LOST, WON, deal_record, ladder, resolve_stage, stage_by_id, stage_label
from ..errors import SalelogError
from ..i18n import tr
from ..text import check_name, check_text, visible
from .show import asked_first


def deal_fields(run: Context, *, title=None, value=None, close=None, source=None, note=None, clearing=False) -> dict:
    """The deal options given (None: not given) -> deals columns; editing
    (`clearing`), an empty value clears it. An empty or zero value means not known yet."""
    from ..parse import parse_amount, parse_date

    fields = {}
    if title is not None:
        fields["title"] = check_name(title, "deal title", hint=tr('give a title, e.g. "年度维保合同"'))
    if value is not None:
        fields["value_fen"] = parse_amount(value, allow_zero=True) or None if value.strip() else None
    if close is not None:
        fields["close_date"] = parse_date(close, run.now, prefer="future").isoformat() if close.strip() else None
    for column, text in (("source", source), ("note", note)):
        if text is not None:
            fields[column] = (check_text(text, "--" + column, one_line=column == "source") or "").strip() or None
    return fields


def deal_add(
    run: Context, *, customer: str, title: str, stage: str | None = None, new: bool = False, **given: str | None
) -> None:
    """Add a deal for a customer (resolved as visit add resolves it) at a stage
    (the ladder's first by default); print `deal #N ...`."""
    name = check_name(customer)
    fields = deal_fields(run, title=title, **given)
    stages = ladder()
    at = resolve_stage(stage, stages) if stage else stages[0]
    if at.closed:
        raise SalelogError(
            "a new deal cannot start {stage}",
            "add it at an open stage, then: salelog deal {stage} ID" + (" --reason TEXT" if at.id == "lost" else ""),
            stage=at.id,
        )
    conn = store.connect(run.db)
    with store.writing(conn, undo_as=f"deal add {name}"):
        customer_id, matched, how = store.resolve_customer(conn, name, run.now, new=new)
        deal_id = store.add_deal(conn, customer_id, at.id, fields, now=run.now)
        store.relabel(conn, f"deal add #{deal_id} ({fields['title']}, {matched})")
    line = tr(
        "deal #{id}: {title} with {customer}", id=deal_id, title=visible(fields["title"]), customer=visible(matched)
    )
    if how == "created":
        line += tr(" (new customer)")
    print(" · ".join([line, *_value_and_stage(fields.get("value_fen"), at), *_closing(fields.get("close_date"))]))


def _value_and_stage(value_fen, stage) -> list[str]:
    from ..money import show_amount

    return ([show_amount(value_fen)] if value_fen else []) + [stage_label(stage)]


def _closing(close_date) -> list[str]:
    return [tr("closes {date}", date=close_date)] if close_date else []


def deal_list(
    run: Context,
    *,
    stage: str | None = None,
    customer: str | None = None,
    include_closed: bool = False,
    as_json: bool = False,
) -> None:
    """Open deals (with `include_closed`, won and lost too), oldest first."""
    stages = ladder()
    stage_id = resolve_stage(stage, stages).id if stage else None
    conn = store.connect(run.db, create=False)
    with store.reading(conn):
        customer_id = store.require_customer(conn, customer.strip())[0] if customer else None
        rows = store.list_deals(
            conn, customer_id=customer_id, stage=stage_id, include_closed=include_closed or (stage_id in (WON, LOST))
        )
    records = [deal_record(row, stages) for row in rows]
    if as_json:
        from .show import print_json

        print_json(records)
    elif not records:
        print(tr("No deals. Add one: salelog deal add 张总 年度维保 --value 50万"))
    else:
        from ..sheet import show
        from ..views_deals import deals_table

        show([deals_table(records)])
    say_off_ladder(off_ladder(rows, stages))


def deal_show(run: Context, *, ref: str, as_json: bool = False) -> None:
    """One deal: its fields, its stage history and the entries linked to it."""
    from ..money import yuan

    stages = ladder()
    conn = store.connect(run.db, create=False)
    with store.reading(conn):
        deal_id = store.deal_id_for(conn, ref)
        record = deal_record(store.deal(conn, deal_id), stages)
        history = store.stage_history(conn, deal_id)
        timeline = store.deal_entries(conn, deal_id)
    record["history"] = [{"from": h["from_stage"], "to": h["to_stage"], "at": h["at"]} for h in history]
    record["timeline"] = [
        {"id": e["id"], "at": e["at"], "kind": e["kind"], "amount": yuan(e["amount_fen"]), "outcome": e["outcome"]}
        for e in timeline
    ]
    if as_json:
        from .show import print_json

        print_json(record)
        return
    from ..sheet import show
    from ..views_deals import deal_blocks

    show(deal_blocks(record, stages))


def deal_edit(run: Context, *, ref: str, **given: str | None) -> None:
    """Change a deal's title, value, close date, source or note; an empty value clears it."""
    fields = deal_fields(run, clearing=True, **given)
    conn = store.connect(run.db, create=False)
    with store.writing(conn, undo_as=f"deal edit {ref}"):
        deal_id = store.deal_id_for(conn, ref)
        store.update_deal(conn, deal_id, fields)
        store.relabel(conn, f"deal edit #{deal_id}")
    names = {"title": "title", "value_fen": "value", "close_date": "close", "source": "source", "note": "note"}
    changed = ", ".join(names[c] for c in fields) or tr("nothing changed")
    print(tr("updated deal #{id}: {fields}", id=deal_id, fields=changed))


def _open_deal(conn, ref: str) -> dict:
    """The deal `ref` names, refused when it is won or lost already."""
    deal_id = store.deal_id_for(conn, ref)
    row = store.deal(conn, deal_id)
    if row["closed_at"]:
        raise SalelogError(
            "deal #{id} is {stage} already ({date})",
            "a closed deal is not moved, won or lost again; salelog undo reopens it if that was a mistake",
            id=deal_id,
            stage=tr(row["stage"]),
            date=row["closed_at"][:10],
        )
    return row


class _Unchanged(Exception):
    """Raised inside a write transaction that turns out to change nothing."""


def deal_move(run: Context, *, ref: str, stage: str) -> None:
    """Move an open deal to another open stage (backwards too: kept in its history)."""
    from ..store.rows import stamp

    stages = ladder()
    to = resolve_stage(stage, stages)
    if to.closed:
        raise SalelogError(
            "deal move does not close a deal",
            "use salelog deal {command} {ref}",
            command="won" if to.id == WON else "lost --reason TEXT",
            ref=ref[:20],
        )
    conn = store.connect(run.db, create=False)
    try:
        with store.writing(conn, undo_as=f"deal move {ref} {to.id}"):
            row = _open_deal(conn, ref)
            before = stage_by_id(row["stage"], stages)
            if before.id == to.id:
                raise _Unchanged  # rolled back: no undo step that undoes nothing
            store.set_stage(conn, row["id"], to.id, stamp(run.now))
            store.relabel(conn, f"deal move #{row['id']} {before.id} -> {to.id}")
    except _Unchanged:
        pass
    said = tr(
        "deal #{id}: {title} {before} -> {after}",
        id=row["id"],
        title=visible(row["title"]),
        before=stage_label(before),
        after=stage_label(to),
    )
    if to.position < before.position:
        said += tr(" (back a stage: kept in its history)")
    elif to.id == before.id:
        said += tr(" (already there: nothing changed)")
    print(said)


def deal_won(
    run: Context, *, ref: str, amount: str | None = None, at: str | None = None, kind: str | None = None
) -> None:
    """Win an open deal: it closes at won, and its revenue (`amount`, else its
    value) is logged at `at` (default now) as an entry linked to it, through the
    one home that logs an entry (store.record_contact), of kind sale (no contact:
    no contact metric counts it) unless `kind` says the win was a contact."""
    from ..metrics import SALE, resolve_kind
    from ..money import show_amount
    from ..parse import parse_amount, parse_datetime
    from ..store.rows import stamp

    when = parse_datetime(at, run.now, prefer="past") if at is not None else run.now
    typed_fen = parse_amount(amount) if amount is not None else None
    kind = resolve_kind(kind) if kind is not None else SALE
    conn = store.connect(run.db, create=False)
    with store.writing(conn, undo_as=f"deal won {ref}"):
        row = _open_deal(conn, ref)
        # A deal's history and its sales cycle run forward: won after its last move; won before it
        # was added (added after the fact), it was created then.
        moves = [h["at"] for h in store.stage_history(conn, row["id"]) if h["from_stage"] is not None]
        if moves and stamp(when)[:16] < max(moves)[:16]:  # to the minute, as --at is typed and the hint shows
            raise SalelogError(
                "deal #{id} was at {stage} from {since}: it cannot be won before that",
                "give --at {since} or later (salelog deal show {id} lists its history)",
                id=row["id"],
                stage=stage_label(stage_by_id(row["stage"], ladder())),
                since=max(moves)[:16],
            )
        backdated = stamp(when)[:16] < row["created_at"][:16]
        if backdated:
            store.backdate_creation(conn, row["id"], stamp(when))
        revenue = typed_fen or row["value_fen"]
        if not revenue:
            raise SalelogError(
                "deal #{id} has no value to book",
                "give the amount won: salelog deal won {id} --amount 50万",
                id=row["id"],
            )
        entry_id = book_won_revenue(conn, row, revenue, stamp(when), kind=kind, now=run.now)
        reached = store.rewards_reached_by(conn)  # a target the won revenue crosses
        store.relabel(conn, f"deal won #{row['id']} ({row['title']})")
    print(
        tr(
            "won deal #{id}: {title} with {customer} · {amount} logged as #{entry}",
            id=row["id"],
            title=visible(row["title"]),
            customer=visible(row["customer"]),
            amount=show_amount(revenue),
            entry=entry_id,
        )
    )
    if backdated:
        print(
            tr(
                "note: deal #{id} was added {added}, after it was won: its history now starts at the win",
                added=row["created_at"][:16],
                id=row["id"],
            ),
            file=sys.stderr,
        )
    if reached:
        from .rewards import reached_lines

        print("\n".join(reached_lines(reached)))


def book_won_revenue(conn, row: dict, revenue_fen: int, at: str, *, kind: str, now) -> int:
    """Close the deal `row` as won at `at` and log its revenue linked to it -> the entry's id."""
    entry_id = store.log_revenue(conn, row, revenue_fen, at, kind=kind, now=now)
    # The amount won becomes its value: win rate by value and the average won deal count what was signed.
    store.set_stage(conn, row["id"], WON, at, {"closed_at": at, "value_fen": revenue_fen})
    return entry_id


def deal_lost(run: Context, *, ref: str, reason: str) -> None:
    """Lose an open deal, saying why (the reasons are ranked by pipeline)."""
    from ..store.rows import stamp

    why = check_name(reason, "--reason", hint=tr('say why, e.g. --reason "价格太高"'))
    conn = store.connect(run.db, create=False)
    with store.writing(conn, undo_as=f"deal lost {ref}"):
        row = _open_deal(conn, ref)
        store.set_stage(conn, row["id"], LOST, stamp(run.now), {"closed_at": stamp(run.now), "lost_reason": why})
        store.relabel(conn, f"deal lost #{row['id']} ({row['title']})")
    print(
        tr(
            "lost deal #{id}: {title} with {customer} · {reason}",
            id=row["id"],
            title=visible(row["title"]),
            customer=visible(row["customer"]),
            reason=visible(why),
        )
    )


def deal_rm(run: Context, *, ref: str, yes: bool = False, confirm=None) -> None:
    """Delete a deal and its history; its entries stay, unlinked. Asks first
    (`confirm`: the question -> bool; None off a terminal: refused) unless `yes`."""
    conn = store.connect(run.db, create=False)
    with store.reading(conn):
        row = store.deal(conn, store.deal_id_for(conn, ref))
    shown = f"#{row['id']} {visible(row['title'])} ({visible(row['customer'])})"
    if not asked_first(
        yes,
        confirm,
        refusal=tr("not deleting deal {deal} without confirmation", deal=shown),
        question=tr("delete deal {deal}?", deal=shown),
    ):
        return
    with store.writing(conn, undo_as=f"deal rm #{row['id']} ({row['title']})"):
        store.delete_deal(conn, row["id"])
    print(tr("deleted deal {deal} (salelog undo brings it back)", deal=shown))


def pipeline_of(conn, stages, *, today, since=None, until=None, stale_limit: int | None = None) -> dict:
    """The pipeline's figures (pipeline.pipeline_figures) on `today`, summed in SQL:
    deals closed from `since` to `until` (default the last 90 days), the first
    `stale_limit` stale deals read (None: all of them) and how many there are."""
    from .. import config
    from ..pipeline import closed_bounds, forecast_periods, pipeline_figures, silent_since

    periods = [(p.start.isoformat(), p.end.isoformat()) for p in forecast_periods(today)]
    open_rows = store.open_pipeline(conn, {s.id: s.probability for s in stages}, periods)
    closed = store.closed_pipeline(conn, *closed_bounds(today, since, until))
    stale_since = silent_since(today, config.once("stale_days"))
    stale = store.stale_pipeline(conn, stale_since, today.isoformat(), stale_limit)
    return pipeline_figures(open_rows, closed, stale, stages, today=today, since=since, until=until)


def pipeline_show(run: Context, *, since: str | None = None, until: str | None = None, as_json: bool = False) -> None:
    """The open pipeline by stage, the weighted forecast, and the closed deals'
    figures (win rate, cycle, lost reasons) from `since` to `until` (default the last 90 days)."""
    from ..pipeline import pipeline_record

    now = run.now
    lower = upper = None
    if since or until:  # salelog/parse.py costs ~1 ms to import: only when a date is typed
        from ..parse import parse_since_until

        lower, upper = parse_since_until(since, until, now)  # 上个月: from its first day to its last
    shown = None  # --json lists every stale deal; the screen its first few
    if not as_json:
        from ..views_deals import STALE_SHOWN as shown
    conn = store.connect(run.db, create=False)
    with store.reading(conn):
        figures = pipeline_of(conn, ladder(), today=now.date(), since=lower, until=upper, stale_limit=shown)
        off = off_ladder(store.list_deals(conn, include_closed=False), ladder())
    if as_json:
        from .show import print_json

        print_json(pipeline_record(figures))
    else:
        from ..sheet import show
        from ..views_deals import pipeline_blocks

        show(pipeline_blocks(figures))
    say_off_ladder(off)


def off_ladder(deals: list[dict], stages) -> list[dict]:
    """The open `deals` at a stage the ladder (config deal_stages) no longer has: they count 0%."""
    known = {s.id for s in stages}
    return [d for d in deals if d["closed_at"] is None and d["stage"] not in known]


def say_off_ladder(deals: list[dict]) -> None:
    for d in deals:
        print(
            tr(
                "note: deal #{id} is at {stage}, which config deal_stages no longer has: it counts 0%"
                " (salelog deal move {id} STAGE)",
                id=d["id"],
                stage=visible(d["stage"]),
            ),
            file=sys.stderr,
        )
