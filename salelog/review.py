"""The week-end review, computed: the numbers that explain a week's results, each
against the salesperson's own average over up to 4 earlier weeks, the improvement notes
that rules draw from them, and weekly trends. Pure: rows in, figures out.
"""

from datetime import date

from .i18n import WEEKDAY_NAMES, and_list, plan_status, tr
from .metrics import BY_NAME, CONTACT_KINDS
from .money import show_amount
from .periods import Period, week_of
from .report import PeriodFigures, class_effort, entry_sums, metric_verdict, of_sums, week_over, yuan

# Feedback that blames the price: the words people write after a lost deal
# (compiled where used: week and today import this module for its verdicts).
PRICE_WORDS = (
    *("价格", "价钱", "报价", "太贵", "贵", "便宜", "预算", "降价", "折扣"),
    *("price", "expensive", "cheap", "budget", "discount"),
)
SPARKS = "▁▂▃▄▅▆▇█"


def explain(
    entries: list[dict],
    period: Period,
    followups: list[dict],
    working_days: list[date],
    today: date,
    moves: list[dict] = (),
) -> dict:
    """explain_sums over the period's rows (`entries`: store.entries_in's)."""
    return explain_sums(review_sums(entries, period), followups, working_days, today, moves)


def review_sums(entries: list[dict], period: Period) -> dict:
    """report.entry_sums of the rows with what the review adds, as store.period_sums
    gives them: days (per day: [contacts, sales fen]), day_kinds ((day, kind) pairs
    logged), competitors (entries naming each) and lost_feedback (a function: the
    feedback of the entries without a sale)."""
    days: dict[str, list[int]] = {}
    competitors: dict[str, int] = {}
    for e in entries:
        day = days.setdefault(e["at"][:10], [0, 0])
        day[0] += e["kind"] in CONTACT_KINDS
        day[1] += e["amount_fen"] or 0
        for name in dict.fromkeys(e.get("competitors") or ()):
            competitors[name] = competitors.get(name, 0) + 1
    lost = [e["feedback"] for e in entries if not e["amount_fen"] and e.get("feedback")]
    return entry_sums(entries, period) | {
        "days": days,
        "day_kinds": {(e["at"][:10], e["kind"]) for e in entries},
        "competitors": competitors,
        "lost_feedback": lambda: lost,
    }


def explain_sums(
    sums: dict, followups: list[dict], working_days: list[date], today: date, moves: list[dict] = ()
) -> dict:
    """The numbers behind a week (or a month, a year): conversion, deal size, revenue per visit, new
    clients, prospects, follow-ups on time, effort by class, best and worst day,
    the competitors mentioned. Ratios are None where their denominator is 0; money in fen.
    `sums`: the period's entry sums (review_sums, store.period_sums);
    `followups`: those due in the period; only those due by `today` can be late;
    `moves`: the period's cancellations and payments, counted as report.of_sums counts them."""
    kinds = sums["kinds"]
    followups_due = [f for f in followups if f["due_date"] <= today.isoformat()]
    on_time = sum(1 for f in followups_due if f["status"] == "done" and (f["done_at"] or "")[:10] <= f["due_date"])
    numbers = {
        "contacts": sum(kinds.get(kind, 0) for kind in CONTACT_KINDS),
        "deals": of_sums(BY_NAME["deals"], sums, moves=moves),
        "revenue": of_sums(BY_NAME["revenue"], sums, moves=moves),
        "visits": kinds.get("visit", 0),
        "visits_and_meetings": kinds.get("visit", 0) + kinds.get("meeting", 0),
    }
    numbers |= {key: _ratio(numbers[part], numbers[whole]) for key, (part, whole) in RATIOS.items()}
    return numbers | {
        "new_clients": of_sums(BY_NAME["new-clients"], sums),
        "prospects": of_sums(BY_NAME["prospects"], sums),
        "followups_due": len(followups_due),
        "followups_missed": [
            f for f in followups_due if not (f["status"] == "done" and (f["done_at"] or "")[:10] <= f["due_date"])
        ],
        "followups_on_time": on_time,
        "followups_late": len(followups_due) - on_time,
        "followups_still_open": sum(1 for f in followups_due if f["status"] == "open"),
        "followups_due_later": len(followups) - len(followups_due),
        "by_class": class_effort(sums["by_class"], moves),
        "days": _days(sums["days"], working_days, moves),
        "competitors": competitors_mentioned(sums["competitors"]),
    }


def competitors_mentioned(counts: dict[str, int]) -> list[dict]:
    """Who else is quoting, by how many entries named them (entry sums' competitors), most first (then by name)."""
    return [{"competitor": n, "mentions": c} for n, c in sorted(counts.items(), key=lambda item: (-item[1], item[0]))]


# Each ratio explained: its numerator and denominator among explain's counts.
RATIOS = {
    "conversion_visits": ("deals", "visits_and_meetings"),
    "conversion_all": ("deals", "contacts"),
    "average_deal": ("revenue", "deals"),
    "revenue_per_visit": ("revenue", "visits"),
}


def _ratio(part: float, whole: float) -> float | None:
    return part / whole if whole > 0 else None  # a week of cancellations may leave deals below 0


def _days(sums: dict[str, list[int]], working_days: list[date], moves: list[dict] = ()) -> dict:
    """Contacts and revenue (less the day's cancellations among `moves`) per working day, and per
    other day that has entries (a weekend worked; `sums`: day -> [contacts, sales fen]) -> the best
    (by revenue, then contacts) and the quietest."""
    per_day = {
        d.isoformat(): {"date": d.isoformat(), "contacts": 0, "revenue": 0, "working": True} for d in working_days
    }
    for iso, (contacts, fen) in sums.items():
        day = per_day.setdefault(iso, {"date": iso, "contacts": 0, "revenue": 0, "working": False})
        day["contacts"] += contacts
        day["revenue"] += fen
    for c in (m for m in moves if m["move"] == "cancellation"):
        iso = c["at"][:10]
        per_day.setdefault(iso, {"date": iso, "contacts": 0, "revenue": 0, "working": False})["revenue"] -= c[
            "amount_fen"
        ]
    days = sorted(per_day.values(), key=lambda d: d["date"])
    if not days:
        return {"best": None, "worst": None, "per_day": []}
    best = max(days, key=lambda d: (d["revenue"], d["contacts"]))
    worst = min(days, key=lambda d: (d["contacts"], d["revenue"]))
    return {"best": best, "worst": worst, "per_day": days}


AVERAGED = (
    "contacts",
    "deals",
    "revenue",
    "conversion_visits",
    "conversion_all",
    "average_deal",
    "revenue_per_visit",
    "new_clients",
    "prospects",
)


def trailing_average(weeks: list[dict]) -> dict:
    """Each explained number over the earlier weeks that have any contact (weeks
    before one started logging are not zeros): counts as a mean per week, ratios
    pooled (total revenue / total deals, not a mean of weekly ratios); None where
    there is nothing to average. "weeks": how many weeks it covers."""
    logged = [w for w in weeks if w["contacts"]]
    totals = {key: sum(w[key] for w in logged) for pair in RATIOS.values() for key in pair}
    averages = {"weeks": len(logged)}
    for key in AVERAGED:
        if key in RATIOS:
            part, whole = RATIOS[key]
            averages[key] = _ratio(totals[part], totals[whole])
        else:
            averages[key] = sum(w[key] for w in logged) / len(logged) if logged else None
    return averages


def improvement_notes(figures: PeriodFigures, numbers: dict, average: dict, sums: dict) -> dict:
    """Rules over the week's figures -> {"went_well": [...], "improve": [...]}, each
    note {"rule", "text", "numbers"} naming the figures it comes from. Before the
    week is over a target short is behind (target_behind) or, on pace, no note.
    `sums`: the week's entry sums (review_sums, store.period_sums)."""
    went_well, improve = [], []
    kind = figures.period.kind  # a month's or a year's notes say so (review_periods.per_period)
    by_metric = {f.metric.id: f for f in figures.metrics}
    over = week_over(figures)
    for f in figures.metrics:
        state = metric_verdict(f, over)
        if state in ("no target", "on pace"):
            continue
        shown = {
            "metric": f.metric.id,
            "figures": f"{_value(f.metric.money, f.actual)}/{_value(f.metric.money, f.target)} ({f.percent:.0f}%)",
        }
        facts = {
            "metric": f.metric.id,
            "actual": _number(f.metric.money, f.actual),
            "target": _number(f.metric.money, f.target),
            "percent": f.percent,
        }
        if state == "met":
            went_well.append(_note("target_met", _text("{metric} {figures}: target met", **shown), facts))
        else:
            if state == "behind":
                facts["expected"] = yuan(f.expected) if f.metric.money else round(f.expected, 1)
            improve.append(
                _note(
                    "target_" + state,
                    _join(
                        _text("{metric} {figures}", **shown),
                        _missed_detail(f, by_metric, numbers, average, sums, kind),
                    ),
                    facts,
                )
            )
    improve += _conversion_note(numbers, average, sums, kind)
    improve += _class_notes(numbers)
    improve += _followup_note(numbers, over, kind)
    improve += _prospect_note(numbers, average, kind)
    improve += _deal_size_note(numbers, average, kind)
    return {"went_well": went_well, "improve": improve}


def _note(rule: str, text: tuple[str, str], numbers: dict) -> dict:
    """A note: its English text (what --json gives), and `shown`, the text in the
    output language (what the review prints; actions/review.py drops it from --json)."""
    return {"rule": rule, "text": text[0], "numbers": numbers, "shown": text[1]}


def _text(template: str, **values) -> tuple[str, str]:
    """(English, output language) of a note's sentence or part of one."""
    return template.format(**values), tr(template, **values)


def _text_n(count: int, one: str, many: str, **values) -> tuple[str, str]:
    """_text of the template for `count`: `one` when it is 1, else `many`."""
    return _text(one if count == 1 else many, **values)


def _join(*parts: tuple[str, str]) -> tuple[str, str]:
    return "".join(p[0] for p in parts), "".join(p[1] for p in parts)


NO_TEXT = ("", "")


def _value(money: bool, value: float) -> str:
    return show_amount(round(value), approx=True) if money else f"{value:,.0f}"


def _number(money: bool, value: float | None):
    return yuan(value) if money else value


def _missed_detail(f, by_metric: dict, numbers: dict, average: dict, sums: dict, kind: str):
    """Why a target was missed, from the period's own data -> (English, shown)."""
    from .review_periods import per_period

    if f.metric.kind and kind == "week":  # the days without one: a week's five, not a month's twenty
        had = {day for day, logged in sums["day_kinds"] if logged == f.metric.kind}
        working = [d for d in numbers["days"]["per_day"] if d["working"]]
        empty = [date.fromisoformat(d["date"]) for d in working if d["date"] not in had]
        detail = NO_TEXT
        if empty and len(empty) < len(working):
            english = _and([WEEKDAY_NAMES[d.weekday()] for d in empty])
            shown = and_list([tr(WEEKDAY_NAMES[d.weekday()]) for d in empty])
            detail = (f" — {english} had none", tr(" — {days} had none", days=shown))
        calls = by_metric.get("calls")
        if f.metric.id in ("visits", "meetings") and calls and calls.target and calls.actual >= calls.target:
            detail = _join(detail, _text("; calls were on target, so book visits from calls"))
        return detail
    if f.metric.id == "revenue" and numbers["deals"] > 0 and numbers["average_deal"] is not None:
        detail = _text_n(
            numbers["deals"],
            " — {deals} deal of {average}",
            " — {deals} deals averaging {average}",
            deals=numbers["deals"],
            average=_value(True, numbers["average_deal"]),
        )
        if average["average_deal"]:
            detail = _join(
                detail,
                _text(
                    per_period(" (your {weeks}-week average {average})", kind),
                    weeks=average["weeks"],
                    average=_value(True, average["average_deal"]),
                ),
            )
        return detail
    return NO_TEXT


def _and(words: list[str]) -> str:
    return words[0] if len(words) == 1 else ", ".join(words[:-1]) + " and " + words[-1]


def _conversion_note(numbers: dict, average: dict, sums: dict, kind: str) -> list[dict]:
    """Conversion (deals / contacts) below 80% of the trailing average, with how many
    contacts without a deal cite price in their feedback."""
    now, before = numbers["conversion_all"], average["conversion_all"]
    if now is None or not before or now >= 0.8 * before:
        return []
    lost = sums["lost_feedback"]()  # read only here: the rows without a sale that have feedback
    price = [text for text in lost if any(word in text.casefold() for word in PRICE_WORDS)]  # no re: ~0.4x start-up
    from .review_periods import per_period

    text = _text(
        per_period("conversion {now} vs your {weeks}-week average {before}", kind),
        now=f"{now:.0%}",
        weeks=average["weeks"],
        before=f"{before:.0%}",
    )
    if price:
        text = _join(
            text,
            _text_n(
                len(lost),
                ": the contact without a deal cites price (feedback)",
                ": {price} of {lost} contacts without a deal cite price (feedback)",
                price=len(price),
                lost=len(lost),
            ),
        )
    return [
        _note(
            "conversion_down",
            text,
            {
                "conversion": round(now * 100, 1),
                "four_week": round(before * 100, 1),
                "weeks": average["weeks"],
                "price_feedback": len(price),
                "feedback_without_deal": len(lost),
            },
        )
    ]


def _class_notes(numbers: dict) -> list[dict]:
    """Time (minutes, else entries) on A against A's revenue; on C against C's."""
    notes = []
    for row in numbers["by_class"]:
        time = row["minutes_percent"] if any(r["minutes"] for r in numbers["by_class"]) else row["entries_percent"]
        facts = {"class": row["class"], "time_percent": time, "revenue_percent": row["revenue_percent"]}
        if row["class"] == "A" and row["revenue_percent"] - time >= 20:
            notes.append(
                _note(
                    "a_class_underserved",
                    _text(
                        "A-class customers got {time}% of your time but brought {revenue}% of revenue",
                        time=f"{time:.0f}",
                        revenue=f"{row['revenue_percent']:.0f}",
                    ),
                    facts,
                )
            )
        if row["class"] == "C" and time - row["revenue_percent"] >= 30:
            notes.append(
                _note(
                    "c_class_overserved",
                    _text(
                        "C-class customers took {time}% of your time for {revenue}% of revenue",
                        time=f"{time:.0f}",
                        revenue=f"{row['revenue_percent']:.0f}",
                    ),
                    facts,
                )
            )
    return notes


def _followup_note(numbers: dict, over: bool, kind: str) -> list[dict]:
    from .review_periods import per_period

    late, still_open = numbers["followups_late"], numbers["followups_still_open"]
    if not late:
        return []
    missed = [f"{f['customer']} {f['what'] or ''}".strip() for f in numbers["followups_missed"][:3]]
    if numbers["followups_due"] == 1:
        sentence = "the follow-up due this week was not closed on time ({which})"
    elif late == 1:
        sentence = "{late} of {due} follow-ups due this week was not closed on time ({which})"
    else:
        sentence = "{late} of {due} follow-ups due this week were not closed on time ({which})"
    sentence = per_period(sentence, kind)
    text = (
        sentence.format(late=late, due=numbers["followups_due"], which=", ".join(missed)),
        tr(sentence, late=late, due=numbers["followups_due"], which=tr(", ").join(missed)),
    )
    if still_open:
        still = per_period("; {n} still open: start next week with them", kind) if over else "; {n} still open"
        text = _join(text, _text(still, n=still_open))
    return [_note("followups_late", text, {"due": numbers["followups_due"], "late": late, "still_open": still_open})]


def _prospect_note(numbers: dict, average: dict, kind: str) -> list[dict]:
    from .review_periods import per_period

    if numbers["prospects"] or not numbers["contacts"] or not average["prospects"]:
        return []
    return [
        _note(
            "no_prospects",
            _text(
                per_period(
                    "no new prospects this week (your {weeks}-week average {average}):"
                    " next month's new clients come from them",
                    kind,
                ),
                weeks=average["weeks"],
                average=f"{average['prospects']:.1f}",
            ),
            {"prospects": 0, "four_week": round(average["prospects"], 1), "weeks": average["weeks"]},
        )
    ]


def _deal_size_note(numbers: dict, average: dict, kind: str) -> list[dict]:
    from .review_periods import per_period

    now, before = numbers["average_deal"], average["average_deal"]
    if now is None or not before or now >= 0.7 * before:
        return []
    return [
        _note(
            "deal_size_down",
            _text(
                per_period("average deal {now} vs your {weeks}-week average {before}", kind),
                now=_value(True, now),
                weeks=average["weeks"],
                before=_value(True, before),
            ),
            {"average_deal": yuan(now), "four_week": yuan(before), "weeks": average["weeks"]},
        )
    ]


def pipeline_short_note(closing: int, needed: int) -> dict:
    """The weighted pipeline closing next week (fen) is below next week's revenue target."""
    return _note(
        "pipeline_short",
        _text(
            "the weighted pipeline closing next week ({closing}) is below the revenue it needs ({needed})",
            closing=_value(True, closing),
            needed=_value(True, needed),
        ),
        {"weighted_closing": yuan(closing), "revenue_needed": yuan(needed)},
    )


def explained_json(numbers: dict, average: dict) -> list[dict]:
    """Each explaining number with its trailing average (four_week_average: over
    the weeks review's average_weeks counts), money in yuan, ratios in percent."""
    rows = []
    for key in AVERAGED:
        unit = (
            "yuan"
            if key in ("revenue", "average_deal", "revenue_per_visit")
            else ("percent" if key.startswith("conversion") else "count")
        )
        rows.append(
            {
                "measure": key,
                "week": _shaped(numbers[key], unit),
                "four_week_average": _shaped(average[key], unit),
                "unit": unit,
            }
        )
    return rows


def _shaped(value: float | None, unit: str):
    if value is None:
        return None
    return yuan(value) if unit == "yuan" else round(value * 100, 1) if unit == "percent" else round(value, 2)


def sparkline(values: list[float | None]) -> str:
    """A bar a value, scaled to the largest; a blank where there is no value."""
    top = max((v for v in values if v is not None), default=0)
    return "".join(
        " " if v is None else SPARKS[min(int(v / top * (len(SPARKS) - 1) + 0.5), len(SPARKS) - 1)] if top else SPARKS[0]
        for v in values
    )


def trend_rows(
    periods: list[Period], actuals: dict[str, list[float]], targets: dict[str, list], metrics: list
) -> list[dict]:
    """Per metric: actual and target per period, a sparkline, and the achievement
    rate over the periods that had a target and an actual (weeks without a
    target are not 0%, nor are weeks before the first entry, whose actual is None)."""
    rows = []
    for metric in metrics:
        values, goals = actuals[metric.id], targets[metric.id]
        with_target = [(a, t) for a, t in zip(values, goals, strict=True) if t is not None and a is not None]
        met = sum(1 for a, t in with_target if a >= t)
        rows.append(
            {
                "metric": metric.id,
                "periods": [
                    {
                        "label": p.label(),
                        "start": p.start.isoformat(),
                        "actual": _number(metric.money, a),
                        "target": _number(metric.money, t),
                        "percent": round(a * 100 / t, 1) if t and a is not None else None,
                    }
                    for p, a, t in zip(periods, values, goals, strict=True)
                ],
                "sparkline": sparkline(values),
                "periods_with_target": len(with_target),
                "targets_met": met,
                "achievement_rate": round(met * 100 / len(with_target), 1) if with_target else None,
            }
        )
    return rows


def month_targets(month: Period, week_goals: list[dict], long_goals: list[dict], calendar=None) -> dict[str, int]:
    """metric -> the month's target: its own month target where set, else the sum
    over its working days of the most specific target holding each day, a week
    target (split over that week's working days, so a week across two months
    counts in each for its days) before a quarter or year one, where those cover
    every working day of the month: report.whole_period_targets, as review --month."""
    from .report import whole_period_targets

    targets = whole_period_targets([*long_goals, *week_goals], month, calendar)
    return {metric: target for metric, (target, _, _) in targets.items()}


def weeks_back(today: date, count: int) -> list[Period]:
    """The `count` weeks ending with today's, oldest first."""
    from datetime import timedelta

    this = week_of(today)
    return [week_of(this.start - timedelta(days=7 * i)) for i in range(count - 1, -1, -1)]


# --- the reflection: a template for $EDITOR, and reading it back ---------------

SECTIONS = (
    ("went_well", "Went well"),
    ("went_badly", "Did not go well"),
    ("why", "Why"),
    ("causes", "Causes of a shortfall (market, strategy, effort: keep those that apply)"),
    ("plan", "Plan for next week (one item per line)"),
)


def reflection_template(period: Period, data: dict) -> str:
    """The text opened in $EDITOR: the notes as comments, then one heading per part
    (a month's or a year's say so: review_periods.per_period)."""
    from .review_periods import per_period

    lines = [
        per_period(f"# Review of week {period.label()} ({period.start} → {period.end})", period.kind),
        "# Lines starting with # are ignored. Save and close to keep it; leave it unchanged to cancel.",
        "#",
    ]
    notes = data["notes"]
    if notes:
        lines.append("# From your numbers:")
        lines += [f"#   {'+' if n['kind'] == 'went_well' else '-'} {n.get('shown', n['text'])}" for n in notes]
    reflection = data.get("reflection") or {}
    for key, heading in SECTIONS:
        lines += ["", f"## {per_period(heading, period.kind)}"]
        if key == "plan":
            lines += [f"- {item['text']}" for item in data.get("plan", [])] or ["- "]
        elif key == "causes":
            lines += [f"- {cause}" for cause in reflection.get("causes") or ()] or ["- "]
        else:
            lines += (reflection.get(key) or "- ").splitlines()
    return "\n".join(lines) + "\n"


def parse_reflection(text: str) -> tuple[dict, list[str]]:
    """The edited template -> ({went_well, went_badly, why, causes}, plan items);
    empty '- ' placeholders and # comments dropped. The plan's heading is known
    by its first words, whatever period it plans for."""
    headings = {heading.split(" (")[0].lower(): key for key, heading in SECTIONS}
    parts: dict[str, list[str]] = {key: [] for key, _ in SECTIONS}
    current = None
    for line in text.splitlines():
        if line.startswith("#") and not line.startswith("## "):
            continue
        if line.startswith("## "):
            name = line[3:].split(" (")[0].strip().lower()
            current = "plan" if name.startswith("plan for next") else headings.get(name)
            continue
        if current and line.strip() not in ("", "-"):
            parts[current].append(line.rstrip())
    plan = [line.strip().removeprefix("- ").strip() for line in parts.pop("plan")]
    reflection = {
        key: "\n".join(line.strip().removeprefix("- ").strip() for line in lines) or None
        for key, lines in parts.items()
    }
    return reflection, [p for p in plan if p]


# --- Markdown for a chat or a mail ----------------------------------------------

HEADINGS = {
    False: {
        "title": "Week review",
        "results": "Results",
        "explain": "What explains them",
        "notes": "Notes",
        "well": "Went well",
        "improve": "To improve",
        "reflection": "Reflection",
        "plan": "Plan for next week",
        "last_plan": "Last week's plan",
        "metric": "Metric",
        "target": "Target",
        "actual": "Actual",
        "verdict": "Verdict",
        "measure": "Measure",
        "week": "This week",
        "avg": "{n}-week average",
        "no_avg": "no earlier weeks",
        "nothing": "Nothing was logged this week.",
        "competitors": "Competitors mentioned",
    },
    True: {
        "title": "周复盘",
        "competitors": "提到的竞争对手",
        "results": "目标达成",
        "explain": "原因分析",
        "notes": "改进建议",
        "well": "做得好",
        "improve": "待改进",
        "reflection": "反思",
        "plan": "下周计划",
        "last_plan": "上周计划执行",
        "metric": "指标",
        "target": "目标",
        "actual": "实际",
        "verdict": "结论",
        "measure": "指标",
        "week": "本周",
        "avg": "近{n}周平均",
        "no_avg": "此前没有记录",
        "nothing": "本周没有记录。",
    },
}


# A month's and a year's headings, where they differ from the week's.
PERIOD_HEADINGS = {
    ("month", False): {
        "title": "Month review",
        "week": "This month",
        "avg": "{n}-month average",
        "no_avg": "no earlier months",
        "nothing": "Nothing was logged this month.",
        "plan": "Plan for next month",
        "last_plan": "Last month's plan",
    },
    ("month", True): {
        "title": "月复盘",
        "week": "本月",
        "avg": "近{n}个月平均",
        "plan": "下月计划",
        "last_plan": "上月计划执行",
        "nothing": "本月没有记录。",
    },
    ("year", False): {
        "title": "Year review",
        "week": "This year",
        "avg": "{n}-year average",
        "no_avg": "no earlier years",
        "nothing": "Nothing was logged this year.",
        "plan": "Plan for next year",
        "last_plan": "Last year's plan",
    },
    ("year", True): {
        "title": "年度复盘",
        "week": "今年",
        "avg": "近{n}年平均",
        "plan": "明年计划",
        "last_plan": "去年计划执行",
        "nothing": "今年没有记录。",
    },
}


def review_markdown(data: dict, chinese: bool = False) -> str:
    """The review as Markdown: aligned tables (by display width, so CJK lines up),
    the notes, the reflection and the plan; user text escaped (exchange.markdown_text)."""
    from .exchange import markdown_text

    h = HEADINGS[chinese] | PERIOD_HEADINGS.get((data.get("unit", "week"), chinese), {})
    period = data["period"]
    out = [f"# {h['title']} {period['label']} ({period['start']} → {period['end']})", ""]
    if data["empty"]:
        out += [h["nothing"], ""]
    out += [f"## {h['results']}", ""]
    out += _aligned_table(
        [h["metric"], h["target"], h["actual"], "%", h["verdict"]],
        [
            [
                m["metric"],
                _md_number(m["target"], m["unit"]),
                _md_number(m["actual"], m["unit"]),
                "" if m["percent"] is None else f"{m['percent']:.0f}%",
                tr(m["verdict"]) if chinese else m["verdict"],
            ]
            for m in data["metrics"]
        ],
        right=(1, 2, 3),
    ).splitlines()
    out += ["", f"## {h['explain']}", ""]
    out += _aligned_table(
        [h["measure"], h["week"], h["avg"].format(n=data["average_weeks"]) if data["average_weeks"] else h["no_avg"]],
        [
            [
                tr(r["measure"].replace("_", " ")) if chinese else r["measure"].replace("_", " "),
                _md_number(r["week"], r["unit"]),
                _md_number(r["four_week_average"], r["unit"]),
            ]
            for r in data["explained"]
        ],
        right=(1, 2),
    ).splitlines()
    if data.get("explain_change"):
        out += ["", markdown_text(data["explain_change"].get("shown", data["explain_change"]["text"]))]
    if data.get("competitors"):
        named = ", ".join(f"{markdown_text(c['competitor'])} ({c['mentions']})" for c in data["competitors"])
        out += ["", f"**{h['competitors']}:** {named}"]
    for kind, heading in (("went_well", h["well"]), ("improve", h["improve"])):
        notes = [n for n in data["notes"] if n["kind"] == kind]
        if notes:
            out += ["", f"## {heading}", ""] + [f"- {markdown_text(n.get('shown', n['text']))}" for n in notes]
    from .views_day import review_day_markdown  # the week's time and day notes (day, activity add)

    out += review_day_markdown(data)
    reflection = data.get("reflection")
    if reflection:
        out += ["", f"## {h['reflection']}", ""]
        for key, heading in SECTIONS[:3]:
            if reflection.get(key):
                out += [f"**{tr(heading)}:** {markdown_text(reflection[key])}", ""]
    if data["plan"]:
        out += ["", f"## {h['plan']}", ""] + [f"{i}. {markdown_text(p['text'])}" for i, p in enumerate(data["plan"], 1)]
    if data["last_week_plan"]:
        out += ["", f"## {h['last_plan']}", ""]
        out += [
            f"- [{'x' if p['status'] == 'done' else ' '}] {markdown_text(p['text'])} ({plan_status(p['status'])})"
            + (f" — {markdown_text(p['note'])}" if p.get("note") else "")
            for p in data["last_week_plan"]
        ]
    return "\n".join(out).rstrip() + "\n"


def _md_number(value, unit: str) -> str:
    if value is None:
        return "—"
    if unit == "yuan":
        return show_amount(round(value * 100), approx=True)
    if unit == "percent":
        return f"{value:.1f}%"
    return f"{value:,.2f}".rstrip("0").rstrip(".") if isinstance(value, float) else f"{value:,}"


def _aligned_table(headers: list[str], rows: list[list[str]], *, right: tuple[int, ...]) -> str:
    """exchange.markdown_table padded by display width (so CJK lines up in the source)."""
    from .exchange import markdown_table
    from .sheet import cells

    return markdown_table(headers, rows, right=right, width=lambda text: cells(text, guess=True))


def plans_kept_sentence(kept: dict, kind: str = "week") -> str | None:
    """The review's line on how the last 8 periods' plans were kept (plan_kept_8_weeks), or None without plans."""
    from .review_periods import per_period

    if not kept["items"]:
        return None
    return tr(
        per_period(
            "Plans over the last 8 weeks: {done} done, {partly} partly, {not_done} not,"
            " {unchecked} unchecked of {items}",
            kind,
        ),
        done=kept["done"],
        partly=kept["partly"],
        not_done=kept["not"],
        unchecked=kept["unchecked"],
        items=kept["items"],
    )
