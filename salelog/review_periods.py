"""What the review adds over a week's numbers, for a week, a month or a year:
why revenue moved (three factors whose product is the revenue ratio), when you
sell best (by hour and weekday), personal records, and the year's
self-evaluation. Pure: review.explain's numbers, store sums and rows in, figures out.
"""

from .i18n import WEEKDAY_NAMES, kind_name, tr, weekday
from .metrics import CONTACT_KINDS
from .money import show_amount, yuan

FACTORS = ("contacts", "conversion", "deal_size")
CAUSES = ("market", "strategy", "effort")  # the practice's three answers to "why was it missed"
# A block or weekday is named only with enough contacts to mean something.
MIN_CONTACTS = 3
MIN_SHARE = 0.1
RECORD_METRICS = ("revenue", "deals", "contacts")


def per_period(template: str, kind: str) -> str:
    """A week's sentence for a month or a year: "week" becomes the period's kind
    (each variant has its own zh entry)."""
    if kind == "week":
        return template
    # Every "week" but a placeholder's ({weeks}), without re: ~0.4x python -c pass to import
    parts = template.split("week")
    return "".join(p + ("week" if p.endswith("{") else kind) for p in parts[:-1]) + parts[-1]


# --- why it fell short -----------------------------------------------------------


def explain_change(numbers: dict, average: dict) -> dict | None:
    """Revenue against the trailing average as contacts x conversion x deal size,
    each a ratio to the average, pooled (conversion = all deals / all contacts of
    the earlier periods): contacts_ratio * conversion_ratio * deal_size_ratio ==
    revenue_ratio. None without an average to compare with; a factor is None where
    its figure is undefined (no deals this period), and `biggest` is the factor
    furthest from 1 (by ratio, either way)."""
    if not average["weeks"] or not average["revenue"] or not average["deals"]:
        return None
    ratios = {
        "revenue_ratio": numbers["revenue"] / average["revenue"],
        "contacts_ratio": numbers["contacts"] / average["contacts"],
        "conversion_ratio": _over(numbers["conversion_all"], average["conversion_all"]),
        "deal_size_ratio": _over(numbers["average_deal"], average["average_deal"]),
    }
    moved = {f: ratios[f + "_ratio"] for f in FACTORS if ratios[f + "_ratio"] is not None}
    biggest = max(moved, key=lambda f: _distance(moved[f]))  # contacts always has a ratio
    if _distance(moved[biggest]) < 1.005:
        biggest = None  # nothing moved
    return ratios | {"biggest": biggest, "periods": average["weeks"]}


def _distance(ratio: float) -> float:
    """How far a ratio is from 1 either way (x0.5 as far as x2); 0 is furthest."""
    return max(ratio, 1 / ratio) if ratio else float("inf")


def _over(now: float | None, before: float | None) -> float | None:
    return now / before if now is not None and before else None


def change_sentence(change: dict, kind: str) -> tuple[str, str]:
    """(English, output language): "revenue -30% vs your 4-week average:
    contacts -10%, conversion -25%, deal size +4%: conversion fell most"."""
    values = {
        "revenue": _signed(change["revenue_ratio"]),
        "contacts": _signed(change["contacts_ratio"]),
        "conversion": _signed(change["conversion_ratio"]),
        "deal_size": _signed(change["deal_size_ratio"]),
        "n": change["periods"],
    }
    head = per_period("revenue {revenue} vs your {n}-week average: contacts {contacts}, conversion {conversion}", kind)
    head += ", deal size {deal_size}"
    if change["biggest"] is None:
        english, shown = (head + ": none moved").format(**values), tr(head, **values) + tr(": none moved")
        return english, shown
    ratio = change[f"{change['biggest']}_ratio"]
    tail = ": {factor} fell most" if ratio is None or ratio < 1 else ": {factor} rose most"
    english = (head + tail).format(**values, factor=change["biggest"].replace("_", " "))
    shown = tr(head, **values) + tr(tail, factor=tr(change["biggest"].replace("_", " ")))
    return english, shown


def _signed(ratio: float | None) -> str:
    if ratio is None:
        return "—"
    return f"{(ratio - 1) * 100:+.0f}%"


def change_json(change: dict | None) -> dict | None:
    if change is None:
        return None
    rounded = {k: None if change[k] is None else round(change[k], 3) for k in change if k.endswith("_ratio")}
    return rounded | {"biggest": change["biggest"], "periods": change["periods"]}


# The words a cause is picked by (--cause, the template, the prompt): English, Chinese, its number.
CAUSE_WORDS = {
    "market": ("market", "市场", "市场环境", "1"),
    "strategy": ("strategy", "策略", "销售策略", "2"),
    "effort": ("effort", "努力", "自身努力", "3"),
}


def read_causes(words: list[str], option: str) -> list[str]:
    """Causes as typed (market, 市场, 1; several in one word with commas) -> their
    ids in CAUSES order, each once; an unknown word is refused, naming the choices."""
    from .errors import SalelogError

    picked = set()
    for word in (w.strip().lower() for text in words for w in text.replace("，", ",").split(",")):
        if not word:
            continue
        cause = next((c for c, known in CAUSE_WORDS.items() if word in known), None)
        if cause is None:
            raise SalelogError(
                tr('{option}: unknown cause "{word}"', option=option, word=word[:20]),
                tr("pick from market (市场), strategy (策略), effort (努力)"),
            )
        picked.add(cause)
    return [c for c in CAUSES if c in picked]


def cause_counts(picked: list[list[str]]) -> dict[str, int]:
    """How often each cause was picked, over the reviews' lists."""
    return {cause: sum(1 for causes in picked if cause in causes) for cause in CAUSES}


# --- when you sell best ------------------------------------------------------------


def by_hour(times: dict, kind: str | None = None) -> list[dict]:
    """Contacts, deals and conversion (percent) per hour of day that has contacts
    (`times`: store.period_sums' times; `kind`: of that kind of contact only)."""
    return _summed(times, kind, "hour")


def by_weekday(times: dict, kind: str | None = None) -> list[dict]:
    """Contacts, deals and conversion per weekday (0 Monday .. 6 Sunday) that has contacts."""
    return _summed(times, kind, "weekday")


def _summed(times: dict, kind: str | None, name: str) -> list[dict]:
    """store.period_sums' times: counts by (kind, hour) or (kind, weekday) summed by the hour or the weekday."""
    counts: dict[int, list[int]] = {}
    for (of_kind, key), (contacts, deals) in times[name].items():
        if kind is None or of_kind == kind:
            pair = counts.setdefault(key, [0, 0])
            pair[0] += contacts
            pair[1] += deals
    return [
        {name: k, "contacts": c, "deals": d, "conversion": round(d * 100 / c, 1)}
        for k, (c, d) in sorted(counts.items())
    ]


def best_times(times: dict) -> list[dict]:
    """Per kind of contact: the two-hour block (even start hour h: h:00 to h+2:00) and
    the weekday with the highest conversion among those holding enough of that
    kind's contacts (MIN_CONTACTS, and MIN_SHARE of them); ties to more deals,
    then the earlier. None where nothing qualifies. `times`: store.period_sums' times."""
    best = []
    for kind in CONTACT_KINDS:
        total = sum(pair[0] for key, pair in times["hour"].items() if key[0] == kind)
        if not total:
            continue
        least = max(MIN_CONTACTS, MIN_SHARE * total)
        hours = {row["hour"]: row for row in by_hour(times, kind)}
        blocks = []
        for start in range(0, 24, 2):  # fixed blocks 08-10, 10-12, ...: a block is read as a slot of the day
            rows = [hours[h] for h in (start, start + 1) if h in hours]
            contacts, deals = sum(r["contacts"] for r in rows), sum(r["deals"] for r in rows)
            if contacts >= least:
                blocks.append({"hour": start, "contacts": contacts, "deals": deals, "conversion": deals / contacts})
        days = [
            r | {"conversion": r["deals"] / r["contacts"]} for r in by_weekday(times, kind) if r["contacts"] >= least
        ]
        blocks, days = [b for b in blocks if b["deals"]], [d for d in days if d["deals"]]  # "best" at 0% says nothing
        best.append(
            {
                "kind": kind,
                "contacts": total,
                "block": _best(blocks, "hour"),
                "weekday": _best(days, "weekday"),
            }
        )
    return best


def _best(rows: list[dict], key: str) -> dict | None:
    if not rows:
        return None
    top = max(rows, key=lambda r: (r["conversion"], r["deals"], -r[key]))
    return top | {"conversion": round(top["conversion"] * 100, 1)}


def best_time_sentence(row: dict) -> str | None:
    """One line a kind: "calls: best 10:00–12:00 (40% of 10), best weekday Tuesday (50% of 6)"."""
    parts = []
    if row["block"]:
        b = row["block"]
        parts.append(
            tr(
                "best {start:02d}:00–{end:02d}:00 ({conversion:.0f}% of {contacts})",
                start=b["hour"],
                end=b["hour"] + 2,
                conversion=b["conversion"],
                contacts=b["contacts"],
            )
        )
    if row["weekday"]:
        d = row["weekday"]
        parts.append(
            tr(
                "best weekday {day} ({conversion:.0f}% of {contacts})",
                day=weekday(d["weekday"], WEEKDAY_NAMES),
                conversion=d["conversion"],
                contacts=d["contacts"],
            )
        )
    return tr("{kind}: {times}", kind=kind_name(row["kind"]), times=tr(", ").join(parts)) if parts else None


# --- personal records ---------------------------------------------------------------


RECORD_AFTER = 2  # earlier periods with data a record must beat: one week of history makes no record


def records(totals: list[dict], label: str) -> list[dict]:
    """The metrics (RECORD_METRICS) for which the period `label` beats every
    earlier period of its kind (`totals`: store.period_totals rows, oldest
    first): {metric, value, previous, previous_label}; money in fen. Beating
    fewer than RECORD_AFTER earlier periods with data, or a best of nothing (the
    first revenue ever), is no record."""
    mine = next((t for t in totals if t["label"] == label), None)
    earlier = [t for t in totals if t["label"] < label]
    if mine is None or len(earlier) < RECORD_AFTER:
        return []
    found = []
    for metric in RECORD_METRICS:
        before = max(earlier, key=lambda t: (t[metric], t["label"]))
        if mine[metric] > before[metric] > 0:
            found.append(
                {"metric": metric, "value": mine[metric], "previous": before[metric], "previous_label": before["label"]}
            )
    return found


def records_json(found: list[dict], kind: str) -> list[dict]:
    return [
        r | {"period": kind} | ({"value": yuan(r["value"]), "previous": yuan(r["previous"])} if _money(r) else {})
        for r in found
    ]


def _money(record: dict) -> bool:
    return record["metric"] == "revenue"


def record_sentence(record: dict, kind: str) -> str:
    """ "record: best month ever for revenue, 18万 (before: 15万 in 2026-03)"."""
    show = (lambda v: show_amount(round(v * 100), approx=True)) if _money(record) else "{:,}".format
    return tr(
        per_period("record: best week ever for {metric}, {value} (before: {previous} in {label})", kind),
        metric=tr(record["metric"]),
        value=show(record["value"]),
        previous=show(record["previous"]),
        label=record["previous_label"],
    )


# --- the year's self-evaluation (个人自我评价) -------------------------------------------


def self_evaluation(*, metrics: list[dict], months: list[dict], records: list[dict], change, causes: dict) -> dict:
    """The year's self-evaluation drafted from its figures: targets met (of those
    set), the best and worst months by revenue (of those with contacts), the
    records, what changed against the earlier years, how often each cause was
    picked. `months`: {label, contacts, revenue (yuan)} per month of the year."""
    with_target = [m for m in metrics if m["target"] is not None]
    logged = [m for m in months if m["contacts"]]
    return {
        "targets_met": [m["metric"] for m in with_target if m["verdict"] == "met"],
        "targets_missed": [m["metric"] for m in with_target if m["verdict"] != "met"],
        "best_month": max(logged, key=lambda m: (m["revenue"], m["contacts"]), default=None),
        "worst_month": min(logged, key=lambda m: (m["revenue"], m["contacts"]), default=None),
        "records": records,
        "change": change,
        "causes": causes,
    }


def self_evaluation_lines(evaluation: dict, change_text: str | None) -> list[str]:
    """The draft as sentences in the output language."""
    met, missed = evaluation["targets_met"], evaluation["targets_missed"]
    lines = []
    if met or missed:
        lines.append(
            tr(
                "targets met: {met} of {all}{names}",
                met=len(met),
                all=len(met) + len(missed),
                names=tr(" ({names})", names=tr(", ").join(met)) if met else "",
            )
        )
    best, worst = evaluation["best_month"], evaluation["worst_month"]
    if best and best["revenue"] == worst["revenue"]:
        lines.append(
            tr(
                "best month {best} ({best_revenue})",
                best=best["label"],
                best_revenue=show_amount(round(best["revenue"] * 100), approx=True),
            )
        )
    elif best:
        lines.append(
            tr(
                "best month {best} ({best_revenue}), weakest {worst} ({worst_revenue})",
                best=best["label"],
                best_revenue=show_amount(round(best["revenue"] * 100), approx=True),
                worst=worst["label"],
                worst_revenue=show_amount(round(worst["revenue"] * 100), approx=True),
            )
        )
    lines += [record_sentence(r, r["period"]) for r in evaluation["records"]]
    if change_text:
        lines.append(tr("what changed: {change}", change=change_text))
    causes = evaluation["causes"]
    if any(causes.values()):
        lines.append(
            tr(
                "causes you named for shortfalls: market {market}, strategy {strategy}, effort {effort}",
                **causes,
            )
        )
    return lines
