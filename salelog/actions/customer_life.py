"""A customer's life: stages from the log (customer list --stage), customers at
risk (customer list --at-risk), and what remind and the reviews say of them."""

from datetime import date, timedelta

from .. import store
from ..context import Context
from ..i18n import tr
from ..stages import dormant_bound


def day_bound(day: date) -> str:
    """The entries.at bound just after `day`: a stage is judged on whole days."""
    return f"{day + timedelta(days=1)} 00:00:00"


def dormant_days(run: Context) -> int:
    from .. import config

    return config.checked(run.settings, "dormant_days")


def stages_on(conn, day: date, dormant: int) -> tuple[list[dict], dict[int, str | None]]:
    """-> (store.stage_facts at the end of `day`, each customer's stage then by id)."""
    facts = store.stage_facts(conn, day_bound(day), dormant_bound(day, dormant))
    return facts, {f["id"]: f["stage"] for f in facts}


def at_risk_rows(facts: list[dict], stages: dict, care: dict, today: date, neglect: dict[str, int]) -> list[dict]:
    """Customers at risk, each with its reasons (English text and the screen's):
    an open complaint, a latest satisfaction of 2 or less, an A or B customer
    dormant or past its class's neglect days. Most reasons first, then by name."""
    rows = []
    for f in facts:
        reasons: list[tuple[str, str]] = []
        mine = care.get(f["id"], {})
        for c in mine.get("open_complaints", ()):
            line = "open complaint #{id}: {what} (due {due})"
            values = {"id": c["id"], "what": c["what"] or "", "due": c["due_date"]}
            reasons.append((line.format(**values), tr(line, **values)))
        if mine.get("satisfaction") is not None and mine["satisfaction"] <= 2:
            line = "satisfaction {score} on {day}"
            values = {"score": mine["satisfaction"], "day": mine["satisfaction_at"][:10]}
            reasons.append((line.format(**values), tr(line, **values)))
        days = (today - date.fromisoformat(f["last_contact"][:10])).days if f["last_contact"] else None
        if f["class"] in ("A", "B") and stages[f["id"]] == "dormant":
            line = "class {klass} and dormant: no contact for {n} days"
            values = {"klass": f["class"], "n": days}
            reasons.append((line.format(**values), tr(line, **values)))
        elif f["class"] in ("A", "B") and neglect.get(f["class"]) and (days is None or days >= neglect[f["class"]]):
            line = (
                "class {klass} and neglected: no contact for {n} days"
                if days is not None
                else "class {klass}, never contacted"
            )
            values = {"klass": f["class"], "n": days}
            reasons.append((line.format(**values), tr(line, **values)))
        if reasons:
            rows.append(
                {
                    "name": f["name"],
                    "class": f["class"],
                    "stage": stages[f["id"]],
                    "last_contact": f["last_contact"],
                    "days_since": days,
                    "reasons": [english for english, _ in reasons],
                    "shown": [said for _, said in reasons],
                }
            )
    return sorted(rows, key=lambda r: (-len(r["reasons"]), r["name"]))


def customers_at_risk(run: Context, *, as_json: bool = False) -> None:
    """customer list --at-risk: who may be about to leave, and why."""
    from .. import config

    today = run.now.date()
    conn = store.connect(run.db, create=False)
    with store.reading(conn):
        facts, stages = stages_on(conn, today, dormant_days(run))
        care = store.care_facts(conn)
    rows = at_risk_rows(facts, stages, care, today, config.neglect_days(run.settings))
    if as_json:
        from .show import print_json

        print_json([{k: v for k, v in r.items() if k != "shown"} for r in rows])
        return
    if not rows:
        print(tr("No customer at risk: no open complaint, no low satisfaction, no A or B customer gone quiet."))
        return
    from ..sheet import show
    from ..views_life import at_risk_table

    show([at_risk_table(rows)])


def just_dormant_lines(conn, run: Context, today: date) -> list[tuple[str, dict]]:
    """remind: the A and B customers who went dormant this past week -> (line, values)."""
    from ..stages import just_dormant

    dormant = dormant_days(run)
    facts = store.stage_facts(conn, day_bound(today), dormant_bound(today, dormant), classes=("A", "B"))
    return [
        (
            "{klass} customer {name} went dormant: no contact for {n} days",
            {"klass": f["class"], "name": f["name"], "n": (today - date.fromisoformat(f["last_contact"][:10])).days},
        )
        for f in facts
        if f["class"] in ("A", "B") and just_dormant(f, today, dormant)
    ]


def review_life(conn, period, now, sums: dict, moves: list[dict]) -> dict:
    """What a review adds of the customers' life: `funnel` (stages at the end of
    the period, or today within it, and the moves since its start), for a week
    `care` (complaints, satisfaction against the 4 weeks before; only once any
    was logged), for a month or a year `by_source`. Empty without customers."""
    from .. import config
    from ..stages import funnel_of_moves

    dormant = config.once("dormant_days")
    end, start = min(period.end, now.date()), period.start - timedelta(days=1)
    pairs = store.stage_moves(
        conn, (day_bound(start), dormant_bound(start, dormant)), (day_bound(end), dormant_bound(end, dormant))
    )
    if not pairs:
        return {}
    life = {"funnel": funnel_of_moves(pairs)}
    if period.kind == "week":
        complaints = store.complaints_between(conn, period.lower, period.upper)
        total, count = store.satisfaction_between(conn, period.lower, period.upper)
        earlier = f"{period.start - timedelta(days=28)} 00:00:00"
        total_4, count_4 = store.satisfaction_between(conn, earlier, period.lower)
        if any(complaints.values()) or count or count_4:
            life["care"] = {
                "complaints": complaints,
                "satisfaction": round(total / count, 1) if count else None,
                "satisfaction_count": count,
                "satisfaction_4_weeks": round(total_4 / count_4, 1) if count_4 else None,
            }
    else:
        from ..sources import by_source

        cancelled = [m for m in moves if m["move"] == "cancellation"]  # moves: store.money_moves_in
        sources = store.customer_sources(conn, {m["customer_id"] for m in cancelled})
        cancellations = [(sources[m["customer_id"]], m["amount_fen"]) for m in cancelled]
        life["by_source"] = by_source(sums["customers"], period, cancellations)  # sums: store.period_sums
    return life
