"""Pure computation of what the salesperson reads: rows in, figures out.

Never touches the database or the clock: callers pass rows and "now". Rendering
with Rich lives at the bottom; Rich is imported only there.
"""

from _operator import itemgetter  # operator.py, which re-exports it, costs ~1 ms a start-up
from datetime import datetime

from .metrics import BUILT_IN, Metric, custom_metric
from .money import yuan
from .periods import Period, elapsed_fraction


class MetricFigures(tuple):
    """One metric over a period. target: fen for money metrics, else a count (None
    if unset); expected: where the period should be by now (None without target);
    projected: where it ends at the current pace (None before it starts);
    source: "week" for the week's own target, else the longer period it derives from;
    parts: its days by month and source (report.target_parts).
    A tuple with its fields named by hand, as periods.Period is."""

    __slots__ = ()

    def __new__(cls, metric, target, actual, expected, projected, source=None, parts=()):
        return tuple.__new__(cls, (metric, target, actual, expected, projected, source, parts))

    metric, target, actual, expected, projected, source, parts = (property(itemgetter(i)) for i in range(7))

    @property
    def percent(self) -> float | None:
        return round(self.actual * 100 / self.target, 1) if self.target else None

    @property
    def pace(self) -> str:
        """done / ahead / on pace / behind / no target."""
        if self.target is None:
            return "no target"
        if self.actual >= self.target:
            return "done"
        if self.expected is None or self.actual >= self.expected:
            return "ahead" if self.expected is not None and self.actual > self.expected else "on pace"
        return "behind"


class PeriodFigures(tuple):
    """A period's figures: elapsed is the share of its working time gone, metrics
    its MetricFigures, by_class the effort_by_class rows."""

    __slots__ = ()

    def __new__(cls, period, now, elapsed, metrics, entry_count, by_class):
        return tuple.__new__(cls, (period, now, elapsed, metrics, entry_count, by_class))

    period, now, elapsed, metrics, entry_count, by_class = (property(itemgetter(i)) for i in range(6))


def week_over(figures: "PeriodFigures") -> bool:
    """No working time left in the period: from then on a target short is missed."""
    return figures.elapsed >= 1


def metric_verdict(f, over: bool) -> str:
    """A metric's verdict: met or missed once the week is over; before that met,
    on pace or behind (against where it should be by now); or no target."""
    if f.target is None:
        return "no target"
    if f.actual >= f.target:
        return "met"
    if over:
        return "missed"
    return "behind" if f.pace == "behind" else "on pace"


def actual(
    metric: Metric, entries: list[dict], period: Period, activities: list[dict] = (), moves: list[dict] = ()
) -> int:
    """What `metric` counts over `entries` (rows from store.entries_in for `period`):
    of_sums over entry_sums of the rows."""
    return of_sums(metric, entry_sums(entries, period), activities, moves)


def of_sums(metric: Metric, sums: dict, activities: list[dict] = (), moves: list[dict] = ()) -> int:
    """The one rule of what `metric` counts in a period, read from the period's
    entry sums (entry_sums over rows, or store.period_sums in SQL: the same keys);
    an activity metric, over `activities` (store.activities_in rows of the period).
    `moves` (store.money_moves_in rows of the period): its cancellations take their
    amount off revenue, and a deal off deals once nothing of the sale is left (a
    sale cancelled later changes the later period, never its own); its payments
    are what collected sums."""
    if metric.activity:
        from .activities import activity_minutes

        return activity_minutes(metric.activity, activities)
    if metric.id == "collected":
        return sum(m["amount_fen"] for m in moves if m["move"] == "payment")
    if metric.money:
        return sums["sales_fen"] - cancelled_fen(moves)
    if metric.kind:
        return sums["kinds"].get(metric.kind, 0)
    if metric.id == "deals":
        return sums["deals"] - sum(1 for c in moves if c["ends_sale"])
    if metric.id in ("new-clients", "prospects"):
        return sums[metric.id.replace("-", "_")]
    return sums["tags"].get(metric.id, 0)


def entry_sums(entries: list[dict], period: Period | None = None) -> dict:
    """What a period's entries add up to, over its rows (store.period_sums gives the
    same keys, and the review's, summed in SQL): entries; kinds (count by kind);
    deals (entries with an amount); sales_fen; minutes; new_clients (customers whose
    first sale ever falls in the period: a later one does not count) and prospects
    (first contact ever in it); tags (entries by tag); by_class (per customer class:
    entries, minutes, sales_fen; empty when no entry's customer has a class, as
    class_effort then shows nothing). Rows that carry only time, kind and amount
    (store.kinds_and_amounts_in) sum to zeros elsewhere; without a `period`, so do
    new_clients and prospects. On every daily command's path: one lean pass."""
    lower, upper = (period.lower, period.upper) if period else ("~", "")  # properties: computed once
    kinds: dict[str, int] = {}
    tags: dict[str, int] = {}
    new, prospects = set(), set()
    deals = sales = 0
    for e in entries:
        kind, fen = e["kind"], e["amount_fen"]
        kinds[kind] = kinds.get(kind, 0) + 1
        if fen:
            deals += fen > 0
            sales += fen
        first_sale, first = e.get("first_sale_at"), e.get("first_at")
        if first_sale and lower <= first_sale < upper:
            new.add(e["customer_id"])
        if first and first >= lower:
            prospects.add(e["customer_id"])
        for tag in e.get("tags") or ():
            tags[tag] = tags.get(tag, 0) + 1
    by_class: dict[str | None, dict] = {}
    if any(e.get("class") for e in entries):
        for e in entries:
            fen, spent = e["amount_fen"] or 0, e.get("minutes") or 0
            mine = by_class.setdefault(e["class"], {"entries": 0, "minutes": 0, "sales_fen": 0})
            mine["entries"] += 1
            mine["minutes"] += spent
            mine["sales_fen"] += fen
    return {
        "entries": len(entries),
        "kinds": kinds,
        "deals": deals,
        "sales_fen": sales,
        "minutes": sum(e.get("minutes") or 0 for e in entries),
        "new_clients": len(new),
        "prospects": len(prospects),
        "tags": tags,
        "by_class": by_class,
    }


def cancelled_fen(moves: list[dict]) -> int:
    """What the cancellations among `moves` take off revenue (fen)."""
    return sum(m["amount_fen"] for m in moves if m["move"] == "cancellation")


def within(rows: list[dict], period: Period) -> list[dict]:
    """The rows of `period` among rows sorted by `at` (entries, moves) of a longer span."""
    from .periods import first_from

    moments = [row["at"] for row in rows]
    return rows[first_from(moments, period.lower) : first_from(moments, period.upper)]


def reads_whole_entries(metric: Metric) -> bool:
    """Whether actual() reads more of an entry than its kind and amount (the
    customer's first contact and sale, the tags): else store.kinds_and_amounts_in
    is enough, a tenth of store.entries_in's time over a year of entries."""
    return not (metric.money or metric.kind or metric.id == "deals")


def period_figures(
    entries: list[dict],
    targets: dict[str, tuple],
    custom_names: set[str],
    period: Period,
    now: datetime,
    calendar=None,
    activities: list[dict] = (),
    moves: list[dict] = (),
) -> PeriodFigures:
    """figures_of_sums over the period's rows (`entries`)."""
    sums = entry_sums(entries, period)
    return figures_of_sums(sums, targets, custom_names, period, now, calendar, activities, moves)


def figures_of_sums(
    sums: dict,
    targets: dict[str, tuple],
    custom_names: set[str],
    period: Period,
    now: datetime,
    calendar=None,
    activities: list[dict] = (),
    moves: list[dict] = (),
) -> PeriodFigures:
    """Target, actual, expected-by-now and projection for every metric that has a
    target or an actual in `period`, built-in metrics first. `sums`: the period's
    entry sums (entry_sums, store.period_sums); `targets`: metric ->
    (target, source, parts) as week_targets gives (parts may be left out);
    `activities`: the period's, for activity metrics; `moves`: the period's cancellations and payments (of_sums)."""
    elapsed = elapsed_fraction(period, now, calendar)
    figures = []
    for metric in [*BUILT_IN, *(custom_metric(n) for n in sorted(custom_names))]:
        target, source, *parts = targets.get(metric.id, (None, None))
        done = of_sums(metric, sums, activities, moves)
        if target is None and not done:
            continue
        figures.append(
            MetricFigures(
                metric,
                target,
                done,
                expected=target * elapsed if target is not None else None,
                projected=done / elapsed if elapsed > 0 else None,
                source=source,
                parts=parts[0] if parts else [],
            )
        )
    return PeriodFigures(period, now, elapsed, figures, sums["entries"], class_effort(sums["by_class"], moves))


def effort_by_class(entries: list[dict], moves: list[dict] = ()) -> list[dict]:
    """class_effort over some rows of a period (its bounds do not matter here)."""
    return class_effort(entry_sums(entries)["by_class"], moves)


def class_effort(by_class: dict, moves: list[dict] = ()) -> list[dict]:
    """Entries and minutes spent on A/B/C (and unclassed) customers against the
    revenue they brought (less the period's cancellations among `moves`), with shares in percent;
    empty when no customer has a class. `by_class`: entry sums' (class -> entries, minutes, sales_fen)."""
    if not any(klass for klass, sums in by_class.items() if sums["entries"]):
        return []
    totals = {
        "entries": sum(s["entries"] for s in by_class.values()),
        "minutes": sum(s["minutes"] for s in by_class.values()),
        "revenue": sum(s["sales_fen"] for s in by_class.values()) - cancelled_fen(moves),
    }
    rows = []
    nothing = {"entries": 0, "minutes": 0, "sales_fen": 0}
    for klass in ("A", "B", "C", None):
        mine = by_class.get(klass, nothing)
        my_moves = [c for c in moves if c["class"] == klass]
        if not mine["entries"] and not any(c["move"] == "cancellation" for c in my_moves):
            continue  # a class with only a cancellation has a row: its revenue is part of the total
        sums = {
            "entries": mine["entries"],
            "minutes": mine["minutes"],
            "revenue": mine["sales_fen"] - cancelled_fen(my_moves),
        }
        rows.append(
            {
                "class": klass,
                "entries": sums["entries"],
                "minutes": sums["minutes"],
                "revenue": yuan(sums["revenue"]),
                **{f"{k}_percent": round(sums[k] * 100 / totals[k], 1) if totals[k] else 0.0 for k in totals},
            }
        )
    return rows


# --- output shapes ---------------------------------------------------------


def figures_json(figures: PeriodFigures) -> dict:
    """The --json shape of week/today (the interface contract in DESIGN.md)."""

    def number(metric: Metric, value: float | None) -> float | int | None:
        if value is None:
            return None
        return yuan(value) if metric.money else round(value, 2)

    return {
        "period": {"start": figures.period.start.isoformat(), "end": figures.period.end.isoformat()},
        "now": figures.now.isoformat(timespec="minutes"),
        "elapsed_percent": round(figures.elapsed * 100, 1),
        "entries": figures.entry_count,
        "metrics": [
            {
                "metric": f.metric.id,
                "unit": "yuan" if f.metric.money else "minutes" if f.metric.activity else "count",
                "target": number(f.metric, f.target),
                "actual": number(f.metric, f.actual),
                "percent": f.percent,
                "expected": number(f.metric, f.expected),
                "projected": number(f.metric, f.projected),
                "pace": f.pace,
                "derived": f.source not in (None, "week"),
                "target_source": f.source,
                "target_parts": [p | {"target": number(f.metric, p["target"])} for p in f.parts],
            }
            for f in figures.metrics
        ],
        "by_class": figures.by_class,
    }


def goal_history(goal_rows: list[dict]) -> list[dict]:
    """Per metric: the target that counts, when it was set, and earlier targets."""
    by_metric: dict[str, list[dict]] = {}
    for row in goal_rows:
        by_metric.setdefault(row["metric"], []).append(row)
    order = {m.id: i for i, m in enumerate(BUILT_IN)}
    return [
        {"metric": metric, "rows": rows}
        for metric, rows in sorted(by_metric.items(), key=lambda kv: (order.get(kv[0], len(order)), kv[0]))
    ]


# --- customers and follow-ups ----------------------------------------------


def entry_json(entry: dict) -> dict:
    """A stored entry (store.list_entries row) in the contract's list shape (fields.entry_record), amounts in yuan."""
    from .fields import entry_record

    return entry_record(entry, yuan)


def customer_rows(cards: list[dict], today) -> list[dict]:
    """store.customer_cards rows -> the customer list's shape: card, last
    contact, days since, entries, revenue to date and this year, and the
    outstanding balance (sales − cancellations − payments; negative is a credit), in yuan."""
    from datetime import date

    from .fields import CARD_FIELDS

    rows = []
    for card in cards:
        last = card["last_contact"]
        rows.append(
            {
                "name": card["name"],
                **{f.column: card[f.column] for f in CARD_FIELDS},  # company, class, ... source
                "aliases": card["aliases"],
                "tags": card["tags"],
                "last_contact": last,
                # An entry dated later (a meeting logged ahead) is not days of silence to come: 0, not -12.
                "days_since": max((today - date.fromisoformat(last[:10])).days, 0) if last else None,
                "entries": card["entries"],
                "revenue": yuan(card["revenue_fen"]),
                "revenue_this_year": yuan(card["revenue_year_fen"]),
                "outstanding": yuan(card["outstanding_fen"]),
            }
        )
    return rows


def days_quiet(card: dict, today) -> int:
    """Days a customer (store.customer_cards) has gone without contact: since its
    last contact or, never contacted, since it was added (as a deal's days silent)."""
    from datetime import date

    return max((today - date.fromisoformat((card["last_contact"] or card["created_at"])[:10])).days, 0)


def neglected_customers(cards: list[dict], max_days: dict[str, int], today) -> list[dict]:
    """The cards (store.customer_cards) of the classes with a number of days in
    `max_days` (0 or none: never neglected) that have gone at least that many
    days without contact (days_quiet: one added today and not contacted yet has
    not been neglected), the never contacted first, then the oldest contact."""
    late = [c for c in cards if max_days.get(c["class"]) and days_quiet(c, today) >= max_days[c["class"]]]
    return sorted(late, key=lambda c: (c["last_contact"] is not None, -days_quiet(c, today), c["name"]))


def followup_rows(followups: list[dict], today) -> list[dict]:
    """Follow-ups with their state (overdue / today / upcoming / undated / done)
    and days overdue, in the order to act on them: overdue and today first
    (most overdue first), then upcoming by date, undated, done; an open
    complaint (kind "complaint") before all of them, whatever its date."""
    from datetime import date

    rows = []
    for f in followups:
        due = date.fromisoformat(f["due_date"]) if f["due_date"] else None
        late = (today - due).days if due else None
        if f["status"] == "done":
            state = "done"
        elif due is None:
            state = "undated"
        else:
            state = "overdue" if late > 0 else "today" if late == 0 else "upcoming"
        late = late if state == "overdue" else 0 if state == "today" else None
        # what and due_date also under the names of the options that set them (visit add --next, --next-date)
        rows.append(f | {"state": state, "days_overdue": late, "next": f["what"], "next_date": f["due_date"]})
    rank = {"overdue": 0, "today": 0, "upcoming": 1, "undated": 2, "done": 3}
    first = {"complaint": 0}
    return sorted(
        rows,
        key=lambda r: (
            r["state"] == "done",
            first.get(r.get("kind"), 1),
            rank[r["state"]],
            r["due_date"] or "",
            r["id"],
        ),
    )


def needs_action(row: dict) -> bool:
    """A follow_up row to act on now (today's screen, remind): due by today, or an open complaint."""
    return row["state"] in ("overdue", "today") or (row["state"] != "done" and row.get("kind") == "complaint")


A_SHARE = 0.8  # the customers bringing the top 80% of revenue are class A
B_RECENT_DAYS = 90  # others contacted this recently are B; the rest C


def classify(rows: list[dict], today) -> list[dict]:
    """The 80/20 rule over store.revenue_by_customer rows (last 12 months, by
    revenue descending) -> each customer's share and proposed class: A while the
    running share of revenue is below 80% (the customer crossing it included),
    B if contacted in the last 90 days, else C."""
    from datetime import date

    total = sum(r["revenue_fen"] for r in rows)
    proposals, running = [], 0
    for r in rows:
        share = r["revenue_fen"] / total if total else 0.0
        recent = r["last_contact"] and (today - date.fromisoformat(r["last_contact"][:10])).days <= B_RECENT_DAYS
        in_top_share = r["revenue_fen"] > 0 and running < A_SHARE * total
        proposed = "A" if in_top_share else "B" if recent else "C"
        running += r["revenue_fen"]
        proposals.append(
            {
                "name": r["name"],
                "current": r["class"],
                "proposed": proposed,
                "revenue": yuan(r["revenue_fen"]),
                "share_percent": round(share * 100, 1),
                "cumulative_percent": round(running * 100 / total, 1) if total else 0.0,
                "last_contact": r["last_contact"],
                "id": r["id"],
            }
        )
    return proposals


# --- plans: longer targets broken down, daily quotas, the verdict -------------

PRECEDENCE = {"week": 0, "month": 1, "quarter": 2, "year": 3}  # the most specific target set wins a day


def goal_period(row: dict) -> Period:
    from datetime import date

    return Period(date.fromisoformat(row["start_date"]), date.fromisoformat(row["end_date"]), row["period"])


def day_shares(goals: list[dict], days: list, calendar=None) -> dict[str, dict]:
    """metric -> {day: (share, source)} for the working `days` some target covers
    (`goals`: store rows of any period); each day takes its share of the most
    specific target holding it (PRECEDENCE), that target split exactly over its
    own working days; source names that target ("month 2026-11")."""
    from .periods import split_exactly

    shares: dict[str, dict] = {}
    for goal in sorted(goals, key=lambda g: PRECEDENCE[g["period"]]):
        period, mine = goal_period(goal), shares.setdefault(goal["metric"], {})
        wanted = [d for d in days if d not in mine and period.start <= d <= period.end]
        if not wanted:
            continue
        split, source = split_exactly(goal["target"], period.working_days(calendar)), f"{period.kind} {period.label()}"
        mine.update((d, (split[d], source)) for d in wanted if d in split)
    return {metric: by_day for metric, by_day in shares.items() if by_day}


def period_targets(goals: list[dict], period: Period, calendar=None) -> dict[str, tuple]:
    """The one rule for a period's target, whatever the view: metric -> (target,
    source, parts). A target set for `period` itself counts as set (source: its
    kind, "week"); else the sum of its working days' shares (day_shares), source
    naming the targets used ("month 2026-11, quarter 2026Q4"). parts
    (target_parts): which days of which month give which share."""
    days = period.working_days(calendar)
    targets = {}
    for metric, by_day in day_shares(goals, days, calendar).items():
        sources = ", ".join(sorted({source for _, source in by_day.values()}, key=_by_precedence))
        targets[metric] = (sum(share for share, _ in by_day.values()), sources, target_parts(by_day))
    start = period.start.isoformat()
    for goal in goals:
        if goal["period"] == period.kind and goal["start_date"] == start:
            own = day_shares([goal], days, calendar).get(goal["metric"], {})
            targets[goal["metric"]] = (goal["target"], period.kind, target_parts(own))
    return targets


def whole_period_targets(goals: list[dict], period: Period, calendar=None) -> dict[str, tuple]:
    """period_targets for a month, quarter or year: its own target, else its days' shares
    only where they cover every working day of it (one week's 5万 is not a year's target)."""
    days = len(period.working_days(calendar))
    targets = period_targets(goals, period, calendar)
    return {m: t for m, t in targets.items() if t[1] == period.kind or sum(p["working_days"] for p in t[2]) == days}


def _by_precedence(source: str) -> tuple:
    kind, label = source.split(" ", 1)
    return PRECEDENCE[kind], label


def target_parts(by_day: dict) -> list[dict]:
    """day_shares' days grouped by month and source, in date order: month,
    source, first and last working day, working_days, target (their shares)."""
    parts: list[dict] = []
    for day in sorted(by_day):
        share, source = by_day[day]
        last = parts[-1] if parts else None
        if last and last["month"] == f"{day:%Y-%m}" and last["source"] == source:
            last.update(end=day.isoformat(), working_days=last["working_days"] + 1, target=last["target"] + share)
        else:
            iso = day.isoformat()
            parts.append(
                {"month": iso[:7], "source": source, "start": iso, "end": iso, "working_days": 1, "target": share}
            )
    return parts


def week_targets(week_rows: list[dict], long_goals: list[dict], week: Period, calendar=None) -> dict[str, tuple]:
    """period_targets for `week`: metric -> (target, source, parts), its own
    target where set (`week_rows`: store.goal_settings rows, the last per metric
    counts; source "week"), else its days' shares of `long_goals`."""
    bounds = {"period": week.kind, "start_date": week.start.isoformat(), "end_date": week.end.isoformat()}
    own = {row["metric"]: row | bounds for row in week_rows}
    return period_targets([*long_goals, *own.values()], week, calendar)


def breakdown(goal: dict, in_force: list[dict], today, calendar=None) -> dict:
    """A longer target split down by period_targets, so that each part shows the
    figure every other view shows: its months (for a year or quarter), the weeks
    of today's month (or its first month) clipped to it, each clipped one with
    its whole week (whole_week: target, source, parts), and the days of today's
    week; each part names its source. `in_force`: targets around the period
    (store.goals_in_force rows; more specific ones win their days, and are
    listed in overridden_by: then the parts no longer add up to `goal`)."""
    from .periods import month_of, week_of

    period, metric = goal_period(goal), goal["metric"]
    goals = [g for g in in_force if g["metric"] == metric]

    def part(p: Period, whole: bool = True) -> dict:
        """p's target; a clipped week (not `whole`) is only some days of its week's."""
        looked_up = p if whole else p._replace(kind="days")
        target, source, _ = period_targets(goals, looked_up, calendar).get(metric, (0, None, []))
        own = source == p.kind  # its own target: named as the longer ones are
        return _part(p, target) | {"source": f"{p.kind} {p.label()}" if own else source}

    focus = today if period.start <= today <= period.end else period.start
    out = {}
    if period.kind in ("year", "quarter"):
        months, day = [], period.start
        while day <= period.end:
            months.append(month_of(day))
            day = months[-1].end + timedelta_days(1)
        out["months"] = [part(m) for m in months]
    month = month_of(focus)
    first, last = max(month.start, period.start), min(month.end, period.end)
    out["weeks"], day = [], first
    while day <= last:  # weeks clipped to the month, so that they add up to it
        week = week_of(day)
        clip = Period(max(week.start, first), min(week.end, last), "week")
        if clip.working_days(calendar):
            row = part(clip, whole=clip == week)
            if clip != week:
                target, source, parts = period_targets(goals, week, calendar).get(metric, (None, None, []))
                row["whole_week"] = _part(week, target) | {"source": source, "parts": parts}
            out["weeks"].append(row)
        day = week.end + timedelta_days(1)
    shares = day_shares(goals, week_of(focus).working_days(calendar), calendar).get(metric, {})
    out["days"] = [{"date": d.isoformat(), "target": shares[d][0], "source": shares[d][1]} for d in sorted(shares)]
    own = f"{period.kind} {period.label()}"
    won = day_shares(goals, period.working_days(calendar), calendar).get(metric, {}).values()
    out["overridden_by"] = sorted({source for _, source in won if source != own}, key=_by_precedence)
    return out


def timedelta_days(n: int):
    from datetime import timedelta

    return timedelta(days=n)


def _part(period: Period, target: int) -> dict:
    return {"label": period.label(), "start": period.start.isoformat(), "end": period.end.isoformat(), "target": target}


def daily_quotas(figures: "PeriodFigures", actual_before_today: dict[str, int], today, calendar=None) -> list[dict]:
    """For each metric with a week target: the even daily plan (target over the
    week's working days) and the catch-up quota (what is left, over the working
    days left including today), as whole units of the metric (fen for money)
    rounded up: doing the quota every day keeps the week on pace."""
    working = figures.period.working_days(calendar)
    left = [d for d in working if d >= today]
    quotas = []
    for f in figures.metrics:
        if f.target is None:
            continue
        remaining = max(f.target - actual_before_today.get(f.metric.id, 0), 0)
        quotas.append(
            {
                "metric": f.metric,
                "even": _share_up(f.target, len(working)),
                "catch_up": _share_up(remaining, len(left)),
                "days_left": len(left),
                "still_needed": remaining,
            }
        )
    return quotas


def quotas_that_morning(figures, entries: list[dict], activities, moves, day, calendar=None) -> list[dict]:
    """daily_quotas of `day` as they stood that morning: what was left of the
    week's targets (`figures`: the week's; `entries`, `activities`, `moves` its
    rows) over its working days left. The one quota of today, day and the streak."""
    morning = Period(day, day, "day").lower

    def before(rows) -> list[dict]:
        return [r for r in rows if r["at"] < morning]

    sums, done_before, moved_before = entry_sums(before(entries), figures.period), before(activities), before(moves)
    done = {f.metric.id: of_sums(f.metric, sums, done_before, moved_before) for f in figures.metrics}
    return daily_quotas(figures, done, day, calendar)


def _share_up(total: int, days: int) -> int | None:
    """`total` (fen or a count) over `days`, rounded up to a whole unit; None without days."""
    return -(-total // days) if days else None


def verdict(figures: "PeriodFigures") -> dict:
    """One line on the week so far: behind (by how much, per metric), ahead, or on pace."""
    from .money import show_amount

    behind, ahead = [], []
    for f in figures.metrics:
        if f.target is None or f.expected is None:
            continue
        gap = f.expected - f.actual
        if gap >= (100 if f.metric.money else 1) and f.actual < f.target:
            shown = show_amount(round(gap), approx=True) if f.metric.money else f"{gap:.0f}"
            shown += " min" if f.metric.activity else ""  # minutes of an activity (goal set learning 2h --custom)
            behind.append(
                {
                    "metric": f.metric.id,
                    "by": yuan(gap) if f.metric.money else round(gap, 1),
                    "text": f"{shown} {f.metric.id}",
                }
            )
        elif f.actual > f.expected:
            ahead.append(f.metric.id)
    if not any(f.target is not None for f in figures.metrics):
        text, state = "no targets this week", "no targets"
    elif behind:
        text = "behind by " + ", ".join(b["text"] for b in behind)
        state = "behind"
    elif ahead:
        text, state = "ahead of pace", "ahead"
    else:
        text, state = "on pace", "on pace"
    return {"state": state, "text": text, "behind": [{k: b[k] for k in ("metric", "by")} for b in behind]}


def verdict_text(summary: dict) -> str:
    """verdict's sentence in the output language (its --json text stays English)."""
    from .i18n import chinese, tr

    if not chinese():
        return summary["text"]
    if summary["state"] == "behind":
        from .money import show_amount
        from .text import visible

        built_in = {m.id: m for m in BUILT_IN}
        gaps = []
        for b in summary["behind"]:
            metric = built_in.get(b["metric"]) or custom_metric(b["metric"])  # a custom one named by its own tag
            shown = show_amount(round(b["by"] * 100), approx=True) if metric.money else f"{b['by']:.0f}"
            shown = tr("{n} min", n=shown) if metric.activity else shown
            gaps.append(f"{shown} {visible(metric.label_zh)}")
        return tr("behind by {gaps}", gaps=tr(", ").join(gaps))
    return tr("verdict: " + summary["text"])


def revenue_still_needed(figures) -> int | None:
    """The revenue (fen) a period's figures (report.PeriodFigures) still need to meet its target; None: no target."""
    revenue = next((f for f in figures.metrics if f.metric.id == "revenue" and f.target), None)
    return None if revenue is None else max(revenue.target - revenue.actual, 0)


QUADRANTS = {1: "important & urgent", 2: "important, not urgent", 3: "urgent, not important", 4: "neither"}


def task_rows(tasks: list[dict], today) -> list[dict]:
    """Tasks in the contract's shape, with the day each was first due and how many
    days an open one has slipped past it (moving a task keeps its slip); by
    quadrant, then due date."""
    from datetime import date

    rows = []
    for t in tasks:
        first_due = t.get("first_due") or t["due_date"]
        slipped = (today - date.fromisoformat(first_due)).days if t["status"] == "open" else 0
        rows.append(
            {
                "id": t["id"],
                "title": t["title"],
                "due": t["due_date"],
                "first_due": first_due,
                "quadrant": t["quadrant"],
                "customer": t["customer"],
                "status": t["status"],
                "slipped_days": max(slipped, 0),
                "why": t.get("why"),
            }
        )
    return sorted(rows, key=lambda r: (r["quadrant"], r["due"], r["id"]))


def quota_json(quota: dict) -> dict:
    """A quota in the --json shape: yuan for money, whole counts otherwise."""
    money = quota["metric"].money

    def number(value):
        return None if value is None else yuan(value) if money else value

    return {
        "metric": quota["metric"].id,
        "even": number(quota["even"]),
        "catch_up": number(quota["catch_up"]),
        "days_left": quota["days_left"],
        "still_needed": number(quota["still_needed"]),
    }
