"""The pipeline's figures (pure: deal rows in, figures out, amounts in fen):
the open deals by stage, the weighted forecast of this week, month and
quarter, win rate, sales cycle, average won deal, lost reasons and stale deals.

A deal row is store.list_deals': value_fen, stage, close_date, created_at,
closed_at, lost_reason, last_contact (plus id, customer, title)."""

from datetime import date, timedelta

from .deals import LOST, WON, stage_by_id, weighted_fen
from .periods import Period, month_of, quarter_of, week_of

CLOSED_WINDOW_DAYS = 90  # closed-deal figures cover this many days by default


def closing_in(deals: list[dict], period: Period, stages) -> int:
    """The weighted value (fen) of the open deals expected to close within `period`."""
    start, end = period.start.isoformat(), period.end.isoformat()
    by_id = {s.id: s for s in stages}
    return sum(
        weighted_fen(d["value_fen"], by_id.get(d["stage"]) or stage_by_id(d["stage"], stages))
        for d in deals
        if d["closed_at"] is None and d["close_date"] and start <= d["close_date"] <= end
    )


def closed_window(today: date, since: date | None, until: date | None) -> tuple[date, date]:
    """The days whose closed deals count (both inclusive): by default the last CLOSED_WINDOW_DAYS up to `today`."""
    return since or today - timedelta(days=CLOSED_WINDOW_DAYS - 1), until or today


def pipeline_figures(
    deals: list[dict],
    stages,
    *,
    today: date,
    since: date | None = None,
    until: date | None = None,
    stale_days: int = 14,
) -> dict:
    """The pipeline as `pipeline --json` shows it, amounts in fen. Closed-deal
    figures cover deals closed from `since` to `until` (closed_window)."""
    since, until = closed_window(today, since, until)
    open_deals = [d for d in deals if d["closed_at"] is None]
    by_stage = {s.id: {"stage": s, "count": 0, "value": 0, "weighted": 0} for s in stages if not s.closed}
    for d in open_deals:
        stage = by_stage[d["stage"]]["stage"] if d["stage"] in by_stage else stage_by_id(d["stage"], stages)
        row = by_stage.setdefault(stage.id, {"stage": stage, "count": 0, "value": 0, "weighted": 0})
        row["count"] += 1
        row["value"] += d["value_fen"] or 0
        row["weighted"] += weighted_fen(d["value_fen"], stage)
    periods = [week_of(today), month_of(today), quarter_of(today)]
    lower, upper = since.isoformat(), (until + timedelta(days=1)).isoformat()
    closed = [d for d in deals if d["closed_at"] and lower <= d["closed_at"] < upper]
    won = [d for d in closed if d["stage"] == WON]
    lost = [d for d in closed if d["stage"] == LOST]
    won_value, lost_value = sum(d["value_fen"] or 0 for d in won), sum(d["value_fen"] or 0 for d in lost)
    cycles = [(date.fromisoformat(d["closed_at"][:10]) - date.fromisoformat(d["created_at"][:10])).days for d in won]
    reasons: dict[str, int] = {}
    for d in lost:
        reasons[d["lost_reason"] or ""] = reasons.get(d["lost_reason"] or "", 0) + 1
    return {
        "since": since,
        "until": until,
        "open_value": sum(r["value"] for r in by_stage.values()),
        "weighted_value": sum(r["weighted"] for r in by_stage.values()),
        "stages": list(by_stage.values()),
        "forecast": [
            {"period": p.kind, "start": p.start, "end": p.end, "weighted": closing_in(deals, p, stages)}
            for p in periods
        ],
        "won": len(won),
        "lost": len(lost),
        "won_value": won_value,
        "win_rate": _percent(len(won), len(won) + len(lost)),
        "win_rate_by_value": _percent(won_value, won_value + lost_value),
        "avg_cycle_days": round(sum(cycles) / len(cycles), 1) if cycles else None,
        "avg_won_deal": won_value // len(won) if won else None,
        "lost_reasons": [{"reason": r, "count": n} for r, n in sorted(reasons.items(), key=lambda i: (-i[1], i[0]))],
        "stale": stale_deals(open_deals, today=today, stale_days=stale_days),
    }


def revenue_still_needed(figures) -> int | None:
    """The revenue (fen) a period's figures (report.PeriodFigures) still need to meet its target; None: no target."""
    revenue = next((f for f in figures.metrics if f.metric.id == "revenue" and f.target), None)
    return None if revenue is None else max(revenue.target - revenue.actual, 0)


def stale_deals(open_deals: list[dict], *, today: date, stale_days: int) -> list[dict]:
    """Open deals without a linked contact (or, never contacted, since created) for
    `stale_days` days, or past their expected close date, the longest silent first."""
    stale, iso = [], today.isoformat()
    silent_since = (today - timedelta(days=stale_days)).isoformat()  # compared as text: one date parse a stale deal
    for d in open_deals:
        last = (d["last_contact"] or d["created_at"])[:10]
        late = bool(d["close_date"]) and d["close_date"] < iso
        if last <= silent_since or late:
            stale.append({"deal": d, "days_silent": (today - date.fromisoformat(last)).days, "past_close": late})
    return sorted(stale, key=lambda s: (-s["days_silent"], s["deal"]["id"]))


def late_deals(deals: list[dict], today: date) -> list[dict]:
    """Open deals past their expected close date (remind names them), the longest overdue first."""
    iso = today.isoformat()
    late = [d for d in deals if d["closed_at"] is None and d["close_date"] and d["close_date"] < iso]
    return sorted(late, key=lambda d: (d["close_date"], d["id"]))


def _percent(part: int, whole: int) -> float | None:
    return round(100 * part / whole, 1) if whole else None


def pipeline_record(figures: dict) -> dict:
    """pipeline_figures in the `pipeline --json` contract: amounts in yuan, dates ISO."""
    from .money import yuan

    def stale(s: dict) -> dict:
        d = s["deal"]
        return {
            "id": d["id"],
            "customer": d["customer"],
            "title": d["title"],
            "stage": d["stage"],
            "close": d["close_date"],
            "last_contact": d["last_contact"] and d["last_contact"][:10],
            "days_silent": s["days_silent"],
            "past_close": s["past_close"],
        }

    return {
        "since": figures["since"].isoformat(),
        "until": figures["until"].isoformat(),
        "open_value": yuan(figures["open_value"]),
        "weighted_value": yuan(figures["weighted_value"]),
        "stages": [
            {
                "stage": r["stage"].id,
                "name": r["stage"].name,
                "probability": r["stage"].probability,
                "count": r["count"],
                "value": yuan(r["value"]),
                "weighted": yuan(r["weighted"]),
            }
            for r in figures["stages"]
        ],
        "forecast": [
            {
                "period": f["period"],
                "start": f["start"].isoformat(),
                "end": f["end"].isoformat(),
                "weighted": yuan(f["weighted"]),
            }
            for f in figures["forecast"]
        ],
        "won": figures["won"],
        "lost": figures["lost"],
        "won_value": yuan(figures["won_value"]),
        "win_rate": figures["win_rate"],
        "win_rate_by_value": figures["win_rate_by_value"],
        "avg_cycle_days": figures["avg_cycle_days"],
        "avg_won_deal": yuan(figures["avg_won_deal"]),
        "lost_reasons": figures["lost_reasons"],
        "stale": [stale(s) for s in figures["stale"]],
    }


def week_movement(changes: list[dict], deals_by_id: dict[int, dict], stages) -> dict:
    """How the pipeline moved in a week, from its stage changes
    (store.stage_changes_between) -> counts of deals added, advanced (moved up
    the ladder), won and lost, with the value added and won (fen)."""
    moved = {"added": 0, "advanced": 0, "won": 0, "lost": 0, "added_value": 0, "won_value": 0}
    advanced = set()
    for change in changes:
        deal = deals_by_id.get(change["deal_id"], {})
        to = stage_by_id(change["to_stage"], stages)
        if change["from_stage"] is None:
            moved["added"] += 1
            moved["added_value"] += deal.get("value_fen") or 0
        elif to.id in (WON, LOST):
            moved[to.id] += 1
            moved["won_value"] += (deal.get("value_fen") or 0) if to.id == WON else 0
        elif to.position > stage_by_id(change["from_stage"], stages).position:
            advanced.add(change["deal_id"])
    moved["advanced"] = len(advanced)
    return moved
