"""The pipeline's figures (pure: what store.open_pipeline, closed_pipeline and
stale_pipeline sum in SQL in, figures out, amounts in fen): the open deals by
stage, the weighted forecast of this week, month and quarter, win rate, sales
cycle, average won deal, lost reasons and stale deals.

late_deals takes deal rows (store.open_deals'): value_fen, stage, close_date,
closed_at (plus id, customer, title), as deals.closing_in does (week's line)."""

from datetime import date, timedelta

from .deals import LOST, WON, stage_by_id
from .periods import Period, month_of, quarter_of, week_of

CLOSED_WINDOW_DAYS = 90  # closed-deal figures cover this many days by default


def closed_window(today: date, since: date | None, until: date | None) -> tuple[date, date]:
    """The days whose closed deals count (both inclusive): by default the last CLOSED_WINDOW_DAYS up to `today`."""
    return since or today - timedelta(days=CLOSED_WINDOW_DAYS - 1), until or today


def closed_bounds(today: date, since: date | None, until: date | None) -> tuple[str, str]:
    """closed_window as deals.closed_at bounds: [lower, upper)."""
    since, until = closed_window(today, since, until)
    return since.isoformat(), (until + timedelta(days=1)).isoformat()


def forecast_periods(today: date) -> list[Period]:
    """The periods the weighted forecast covers: this week, month and quarter."""
    return [week_of(today), month_of(today), quarter_of(today)]


def silent_since(today: date, stale_days: int) -> str:
    """The day (ISO) on or before which a deal's last contact makes it stale."""
    return (today - timedelta(days=stale_days)).isoformat()


def pipeline_figures(
    open_rows: list[dict],
    closed: dict,
    stale: tuple[list[dict], int],
    stages,
    *,
    today: date,
    since: date | None = None,
    until: date | None = None,
) -> dict:
    """The pipeline as `pipeline --json` shows it, amounts in fen, from
    store.open_pipeline (summed over forecast_periods(today)), closed_pipeline
    (over closed_window) and stale_pipeline ((the stale deals read, how many there are))."""
    since, until = closed_window(today, since, until)
    by_stage = {s.id: {"stage": s, "count": 0, "value": 0, "weighted": 0} for s in stages if not s.closed}
    for r in open_rows:  # a stage the ladder no longer has comes after the ladder's
        row = by_stage.setdefault(r["stage"], {"stage": stage_by_id(r["stage"], stages), "count": 0})
        row |= {"count": r["count"], "value": r["value_fen"], "weighted": r["weighted_fen"]}
    won, lost = closed[WON], closed[LOST]
    won_value, lost_value = won["value_fen"], lost["value_fen"]
    reasons = sorted(closed["lost_reasons"].items(), key=lambda i: (-i[1], i[0]))
    iso = today.isoformat()
    stale_rows, stale_count = stale
    return {
        "since": since,
        "until": until,
        "open_value": sum(r["value"] for r in by_stage.values()),
        "weighted_value": sum(r["weighted"] for r in by_stage.values()),
        "stages": list(by_stage.values()),
        "forecast": [
            {"period": p.kind, "start": p.start, "end": p.end, "weighted": sum(r["closing"][i] for r in open_rows)}
            for i, p in enumerate(forecast_periods(today))
        ],
        "won": won["count"],
        "lost": lost["count"],
        "won_value": won_value,
        "win_rate": _percent(won["count"], won["count"] + lost["count"]),
        "win_rate_by_value": _percent(won_value, won_value + lost_value),
        "avg_cycle_days": round(won["cycle_days"] / won["count"], 1) if won["count"] else None,
        "avg_won_deal": won_value // won["count"] if won["count"] else None,
        "lost_reasons": [{"reason": r, "count": n} for r, n in reasons],
        "stale": [
            {
                "deal": d,
                "days_silent": (today - date.fromisoformat(d["silent"])).days,
                "past_close": bool(d["close_date"]) and d["close_date"] < iso,
            }
            for d in stale_rows
        ],
        "stale_count": stale_count,
    }


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
