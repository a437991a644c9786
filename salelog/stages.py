"""A customer's stage, worked out from what was logged and never typed, and
the funnel of a period (pure: store.stage_facts rows in, figures out). The rule
itself is SQL (store/life.py's _STAGE_RULE), so that `customer list --stage` filters
before it reads a card; what it means:

prospect 潜在: contacted (or on file), never bought, no open deal;
intent 意向: never bought, a deal open;
customer 成交: bought in one month; repeat 复购: bought in two or more different months;
dormant 流失: bought before, no contact for `dormant_days` (config, default 90).
A customer who has bought is judged by what they bought, an open deal aside.
"""

from datetime import date, timedelta

from .errors import SalelogError

STAGES = ("prospect", "intent", "customer", "repeat", "dormant")  # the funnel's order
STAGE_NAMES = {"prospect": "潜在", "intent": "意向", "customer": "成交", "repeat": "复购", "dormant": "流失"}
_TYPED = {name: stage for stage, name in STAGE_NAMES.items()} | {
    "潜在客户": "prospect",
    "意向客户": "intent",
    "成交客户": "customer",
    "复购客户": "repeat",
    "流失客户": "dormant",
}


def dormant_bound(on: date, dormant_days: int) -> str:
    """The first day (ISO) of the last `dormant_days` up to `on`: a buyer not
    contacted since then is dormant on `on` (store/life.py's _STAGE_RULE)."""
    return (on - timedelta(days=dormant_days - 1)).isoformat()


def read_stage(text: str) -> str:
    """A stage as typed (prospect, 意向, 流失客户, ...) -> its id; else SalelogError listing them."""
    typed = text.strip()
    stage = typed.lower() if typed.lower() in STAGES else _TYPED.get(typed)
    if stage is None:
        raise SalelogError(
            'unknown stage "{stage}"',
            "stages: {stages}",
            stage=text[:40],
            stages=", ".join(f"{s} {STAGE_NAMES[s]}" for s in STAGES),
        )
    return stage


def funnel_of_moves(pairs: dict[tuple, int]) -> dict:
    """How many customers went from each stage at a period's start to each at its end
    (store.stage_moves) -> the count in each stage at the end (funnel order) and the
    moves between them, most first: {"stages": [{"stage", "count"}], "moves":
    [{"from", "to", "count"}]} (a customer new in the period moves from null)."""
    counts = dict.fromkeys(STAGES, 0)
    moves: dict[tuple, int] = {}
    for (was, stage), n in pairs.items():
        if stage is None:
            continue
        counts[stage] += n
        if was != stage:
            moves[(was, stage)] = moves.get((was, stage), 0) + n
    order = {s: i for i, s in enumerate(STAGES)}
    ranked = sorted(moves.items(), key=lambda m: (-m[1], order.get(m[0][0], -1), order[m[0][1]]))
    return {
        "stages": [{"stage": s, "count": n} for s, n in counts.items()],
        "moves": [{"from": was, "to": to, "count": n} for (was, to), n in ranked],
    }


def just_dormant(facts: dict, on: date, dormant_days: int, within: int = 7) -> bool:
    """Dormant on `on` (a store.stage_facts row of that day) but not `within` days
    before: the last contact crossed `dormant_days` this past week (remind names
    these A and B customers)."""
    if facts["stage"] != "dormant":
        return False
    return (on - date.fromisoformat(facts["last_contact"][:10])).days < dormant_days + within
