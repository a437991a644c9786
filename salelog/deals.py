"""The stage ladder of deals (商机): its stages in order with their win
probabilities, read from the config key deal_stages, and the one lookup of a
stage as typed (id, Chinese name, any case; Won/Lost as CRMs write them).
The default ladder is the config's default (config.DEFAULTS).

Kept to plain Python: deal add and deal move on the fast path import it.
"""

from .errors import SalelogError

WON, LOST = "won", "lost"
# What CRMs call the closed stages (Salesforce's "Closed Won", HubSpot's "closedwon").
CLOSED_WORDS = {"closed won": WON, "closedwon": WON, "closed lost": LOST, "closedlost": LOST}


class Stage:
    """One rung: id (English, stored), name (Chinese), probability (percent 0-100)."""

    __slots__ = ("id", "name", "probability", "position")

    def __init__(self, id, name, probability, position):
        self.id, self.name, self.probability, self.position = id, name, probability, position

    @property
    def closed(self) -> bool:
        return self.id in (WON, LOST)


def parse_ladder(items) -> list[Stage]:
    """The config's deal_stages (a list of "id name percent") -> the stages, or
    ValueError(template, values) saying what is wrong (config.py translates it)."""
    if not isinstance(items, list | tuple) or not items:
        raise ValueError("a list of stages is needed", {})
    stages, seen = [], set()
    for position, item in enumerate(items):
        parts = item.split() if isinstance(item, str) else []
        if len(parts) != 3 or not parts[2].isdigit() or not 0 <= int(parts[2]) <= 100:
            raise ValueError("{item} is not 'id name percent'", {"item": repr(item)[:40]})
        stage_id, name = parts[0].lower(), parts[1]
        if not stage_id.isascii() or not stage_id.replace("-", "").replace("_", "").isalnum():
            raise ValueError("{id} is not an id of letters and digits", {"id": repr(parts[0])[:40]})
        if stage_id in seen or name.lower() in seen:
            raise ValueError("{id} appears twice", {"id": repr(parts[0])[:40]})
        seen |= {stage_id, name.lower()}
        stages.append(Stage(stage_id, name, int(parts[2]), position))
    if {WON, LOST} - {s.id for s in stages}:
        raise ValueError("the stages won and lost must be there", {})
    return stages


def ladder() -> list[Stage]:
    """This run's ladder: the config's deal_stages (checked when read), else the default."""
    from . import config

    return parse_ladder(config.once("deal_stages"))


def open_stages(stages: list[Stage] | None = None) -> list[Stage]:
    return [s for s in stages or ladder() if not s.closed]


def stage_by_id(stage_id: str, stages: list[Stage] | None = None) -> Stage:
    """A stored stage id -> its Stage; one the ladder no longer has counts as its first open stage."""
    stages = stages or ladder()
    return next((s for s in stages if s.id == stage_id), None) or Stage(stage_id, stage_id, 0, -1)


def find_stage(typed: str, stages: list[Stage] | None = None) -> Stage | None:
    """A stage as typed -> its Stage, or None."""
    stages = stages or ladder()
    key = " ".join(typed.split()).lower()
    key = CLOSED_WORDS.get(key, key)
    return next((s for s in stages if key in (s.id, s.name.lower())), None)


def resolve_stage(typed: str, stages: list[Stage] | None = None) -> Stage:
    """A stage as typed -> its Stage; an unknown one is refused, listing the stages."""
    stages = stages or ladder()
    found = find_stage(typed, stages)
    if found is None:
        raise SalelogError(
            'unknown stage "{stage}"',
            "stages: {stages}",  # a read (deal list --stage) as well as a write
            stage=typed[:40],
            stages=", ".join(f"{s.id} ({s.name})" for s in stages),
        )
    return found


def weighted_fen(value_fen: int | None, stage: Stage) -> int:
    """A deal's value times its stage's probability, rounded to the fen."""
    return ((value_fen or 0) * stage.probability + 50) // 100


def closing_in(deals: list[dict], period, stages: list[Stage]) -> int:
    """The weighted value (fen) of the open deals (store.open_deals' rows) expected to close within `period`."""
    start, end = period.start.isoformat(), period.end.isoformat()
    by_id = {s.id: s for s in stages}
    return sum(
        weighted_fen(d["value_fen"], by_id.get(d["stage"]) or stage_by_id(d["stage"], stages))
        for d in deals
        if d["closed_at"] is None and d["close_date"] and start <= d["close_date"] <= end
    )


def stage_label(stage: Stage) -> str:
    """A stage for people: its id in English, its Chinese name in Chinese, with its probability."""
    from .i18n import chinese

    return f"{stage.name if chinese() else stage.id} {stage.probability}%"


def deal_record(row: dict, stages: list[Stage]) -> dict:
    """A stored deal (store.list_deals row) in the contract's shape: amounts in
    yuan, probability in percent, dates ISO."""
    from .money import yuan

    stage = stage_by_id(row["stage"], stages)
    return {
        "id": row["id"],
        "customer": row["customer"],
        "title": row["title"],
        "value": yuan(row["value_fen"]),
        "stage": stage.id,
        "stage_name": stage.name,
        "probability": stage.probability,
        "weighted": yuan(weighted_fen(row["value_fen"], stage)),
        "close": row["close_date"],
        "created": row["created_at"][:10],
        "closed_at": row["closed_at"][:10] if row["closed_at"] else None,
        "lost_reason": row["lost_reason"],
        "last_contact": row["last_contact"][:10] if row["last_contact"] else None,
        "source": row["source"],
        "note": row["note"],
        "external_id": row["external_id"],
    }
