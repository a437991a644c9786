"""goal set / goal list: a metric's target for a week, month, quarter or year, and the targets with their history."""

import os
from datetime import datetime, timedelta

from .. import store
from ..context import Context
from ..errors import SalelogError
from ..goalcheck import relative_percent
from ..i18n import period_kind, tr
from ..metrics import BY_NAME, check_custom_name, custom_metric, resolve_metric
from ..periods import Period, parse_week
from ..text import check_text, visible
from .goal_check import (
    metric_history,
    no_history,
    parse_target,
    record_line,
    record_start,
    relative_note,
    resolve_target,
    shown,
)


def goal_set(
    run: Context,
    *,
    metric: str,
    target: str,
    week: str | None = None,
    custom: bool = False,
    month: str | None = None,
    quarter: str | None = None,
    year: str | None = None,
    reward: str | None = None,
) -> None:
    """Set (or adjust) a metric's target for a week (default), month, quarter or
    year; earlier values stay in history. `reward`: what you give yourself when
    it is reached (said once, by the command whose entry reaches it)."""
    now = run.now
    period = goal_period_option(now, week=week, month=month, quarter=quarter, year=year)
    path = store.resolve_db_path(run.db)
    name = check_custom_name(metric) if custom else check_text(metric, "metric", one_line=True).strip()
    known = None if custom else BY_NAME.get(name.lower()) or BY_NAME.get(name)
    if not custom and not known and not os.path.exists(path):
        resolve_metric(name, set())  # raises: no database means no custom metrics yet
    relative = relative_percent(target) is not None
    if relative and not os.path.exists(path):
        raise no_history(
            target, record_start(period, now.date())
        )  # no logbook: no record to grow from, and none is made
    if reward is not None:
        from .rewards import check_reward

        reward = check_reward(reward)
    reading = known or custom_metric(name)  # how the target reads: money, minutes of an activity, or a count
    if reading.activity:
        name = reading.activity  # 学习 and learning are one metric
    try:
        value = None if relative else parse_target(reading, target)
    except SalelogError:
        if not custom and not known:  # lerning 3h: the unknown metric is what to fix first
            conn = store.open_db(path, create=False)
            with store.reading(conn):
                resolve_metric(name, store.custom_metric_names(conn))
        raise
    conn = store.open_db(path)
    label = tr(" for {kind} {period}", kind=period_kind(period.kind), period=period.label())
    with store.writing(conn, undo_as=f"goal set {name} {target}{label}"):
        if custom:
            store.declare_custom_metric(conn, name, now)
            chosen = custom_metric(name)
        else:
            chosen = known or resolve_metric(name, store.custom_metric_names(conn))
        metric_id = chosen.id
        history = metric_history(conn, chosen, period, now.date())
        if relative:  # raises, writing nothing, when there is no record
            value, base = resolve_target(target, chosen, history, period, now.date())
        previous = store.current_target(conn, metric_id, period)
        if previous != value:
            store.add_goal_setting(conn, metric_id, period, value, now)
        if reward is not None:
            from .rewards import keep_reward

            already = keep_reward(conn, chosen, period, None, value, reward, now)
    show = shown(reading)
    line = tr(
        "{metric} target for {period} {label} ({start} → {end}): {value}",
        metric=visible(metric_id),
        period=period_kind(period.kind),
        label=period.label(),
        start=period.start,
        end=period.end,
        value=show(value),
    )
    if relative:
        line += relative_note(base, show)
    if previous is not None:
        line += tr(" (unchanged)") if previous == value else tr(" (was {old}; kept in history)", old=show(previous))
    print(line)
    if reward is not None:
        print(tr("reward at the target: {reward}", reward=visible(reward, one_line=True)) + already)
    if history:  # a first logbook has no record to speak of: goal check says so when asked
        print(record_line(value, history, record_start(period, now.date()), show))


def goal_period_option(now: datetime, **options: str | None) -> Period:
    """The period of --week / --month / --quarter / --year (at most one; default this week)."""
    from ..period_options import parse_period_option

    given = {name: value for name, value in options.items() if value is not None}
    if len(given) > 1:
        raise SalelogError(
            "give one of {options}", "a target is for one period", options=", ".join("--" + n for n in given)
        )
    for kind in ("month", "quarter", "year"):
        if kind in given:
            return parse_period_option(kind, given[kind], now.date())
    return parse_week(given.get("week"), now)


def goal_list(
    run: Context,
    *,
    week: str | None = None,
    month: str | None = None,
    quarter: str | None = None,
    year: str | None = None,
    history: bool = False,
    as_json: bool = False,
) -> None:
    """A period's targets with when each was set and what it replaced (with
    `history`, every setting); for a week also the shares of longer targets it
    has no target of its own for, as `week` counts them; for a month, quarter or
    year the breakdown into months, weeks and days. As tables or --json."""
    from ..metrics import BUILT_IN
    from ..periods import load_calendar
    from ..report import breakdown, goal_history, week_targets

    now = run.now
    period = goal_period_option(now, week=week, month=month, quarter=quarter, year=year)
    calendar = load_calendar()
    conn = store.connect(run.db, create=False)
    around = (period.start - timedelta(days=6)).isoformat(), (period.end + timedelta(days=6)).isoformat()
    with store.reading(conn):
        settings = store.goal_settings(conn, period)
        in_force = store.goals_in_force(conn, *around)  # whole weeks at the edges of a month
    groups = goal_history(settings)
    money = {m.id for m in BUILT_IN if m.money}
    derived = []
    if period.kind == "week":
        longer = [g for g in in_force if g["period"] != "week"]
        order = {m.id: i for i, m in enumerate(BUILT_IN)}
        targets = week_targets(settings, longer, period, calendar)
        derived = [
            {"metric": metric, "target": target, "target_source": source, "target_parts": parts}
            for metric, (target, source, parts) in sorted(targets.items(), key=lambda kv: (order.get(kv[0], 99), kv[0]))
            if source != "week"
        ]
    for group in groups:
        if period.kind != "week":
            goal = {
                "metric": group["metric"],
                "period": period.kind,
                "start_date": period.start.isoformat(),
                "end_date": period.end.isoformat(),
                "target": group["rows"][-1]["target"],
            }
            group["breakdown"] = breakdown(goal, in_force, now.date(), calendar)
    if as_json:
        from .show import print_json

        print_json([_goal_json(g, period, money) for g in groups] + [_derived_json(d, period, money) for d in derived])
        return
    if not groups and not derived:
        option = "" if period.kind == "week" and week is None else f" --{period.kind} {period.label()}"
        print(
            tr(
                "No targets for {period} {label}. Set one: salelog goal set revenue 50万{option}",
                period=period_kind(period.kind),
                label=period.label(),
                option=option,
            )
        )
        return
    from ..sheet import show
    from ..views_targets import breakdown_blocks
    from ..views_weekly import goal_history_blocks

    title = tr(
        "Targets for {period} {label} ({start} → {end})",
        period=period_kind(period.kind),
        label=period.label(),
        start=period.start,
        end=period.end,
    )
    if groups:
        show(goal_history_blocks(groups, money, title, every_setting=history))
    if derived:
        from ..views_targets import derived_targets_blocks

        show(derived_targets_blocks(derived, money, None if groups else title))
    for group in groups:
        if "breakdown" in group:
            target = group["rows"][-1]["target"]
            show(breakdown_blocks(group["metric"], group["breakdown"], group["metric"] in money, target))


def _derived_json(target: dict, period: Period, money: set[str]) -> dict:
    """A week's share of longer targets, in goal list's shape: no setting, no history."""
    from ..money import yuan

    def value(number: int):
        return yuan(number) if target["metric"] in money else number

    week = {"start": period.start.isoformat(), "end": period.end.isoformat()}
    return {
        "metric": target["metric"],
        "target": value(target["target"]),
        "set_at": None,
        "period": {"kind": period.kind} | week,
        "history": [],
        "week": week,
        "derived": True,
        "target_source": target["target_source"],
        "target_parts": [p | {"target": value(p["target"])} for p in target["target_parts"]],
    }


def _goal_json(group: dict, period: Period, money: set[str]) -> dict:
    from ..money import yuan

    def value(target: int):
        return yuan(target) if group["metric"] in money else target

    current = group["rows"][-1]
    out = {
        "metric": group["metric"],
        "target": value(current["target"]),
        "set_at": current["set_at"],
        "period": {"kind": period.kind, "start": period.start.isoformat(), "end": period.end.isoformat()},
        "history": [{"target": value(r["target"]), "set_at": r["set_at"]} for r in group["rows"]],
    }
    if period.kind == "week":
        out["week"] = {"start": period.start.isoformat(), "end": period.end.isoformat()}
    if "breakdown" in group:

        def part(p: dict) -> dict:
            whole = p.get("whole_week")
            if whole:
                whole = whole | {"target": value(whole["target"]), "parts": [part(w) for w in whole["parts"]]}
            return p | {"target": value(p["target"])} | ({"whole_week": whole} if whole else {})

        levels = group["breakdown"]
        out["breakdown"] = {
            level: [part(p) for p in levels[level]] for level in ("months", "weeks", "days") if level in levels
        }
        out["breakdown"]["overridden_by"] = levels["overridden_by"]
    return out
