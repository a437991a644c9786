"""goal reward, goal set --reward, the one-time "target reached" line, and the
rewards week shows (reached or not)."""

from datetime import date

from .. import store
from ..context import Context
from ..errors import SalelogError
from ..i18n import period_kind, tr
from ..metrics import BUILT_IN, BY_NAME, Metric, custom_metric
from ..periods import Period
from ..text import check_text, visible
from .goal_check import counted_actual


def _metric(metric_id: str) -> Metric:
    return BY_NAME.get(metric_id) or custom_metric(metric_id)


def _show(metric: Metric):
    from ..money import format_count, show_amount

    return show_amount if metric.money else format_count


def _period(row: dict) -> Period:
    return Period(date.fromisoformat(row["start_date"]), date.fromisoformat(row["end_date"]), row["period"])


def reached_lines(said: list[dict]) -> list[str]:
    """store.rewards_reached_by rows -> 'target reached: revenue 50万 — reward: 周末去爬山'
    (a milestone: 'milestone reached: revenue 25万 of 50万 — ...'); a period other
    than a week is named."""
    lines = []
    for row in said:
        show = _show(_metric(row["metric"]))
        when = "" if row["period"] == "week" else tr(" for {kind} {label}", kind=period_kind(row["period"]),
                                                     label=_label(row))  # fmt: skip
        values = {"metric": visible(row["metric"]), "mark": show(row["at_value"]), "when": when,
                  "reward": visible(row["reward"], one_line=True)}  # fmt: skip
        if row["target"] is not None and row["at_value"] < row["target"]:
            text = tr("milestone reached: {metric} {mark} of {target}{when} — reward: {reward}",
                      target=show(row["target"]), **values)  # fmt: skip
        else:
            text = tr("target reached: {metric} {mark}{when} — reward: {reward}", **values)
        lines.append(text)
    return lines


def _label(row: dict) -> str:
    end = row.get("end_date") or row["start_date"]
    return Period(date.fromisoformat(row["start_date"]), date.fromisoformat(end), row["period"]).label()


def keep_reward(conn, metric: Metric, period: Period, at_value: int | None, target: int, text: str, now) -> str:
    """Keep a reward (at_value None: at the target) and, when the period's actual
    is there already, record it as said -> '' or ' (already reached: 52万)'."""

    store.set_reward(conn, metric.id, period, at_value, text, now)
    mark = target if at_value is None else at_value
    done = counted_actual(conn, metric, period)
    if done < mark:
        return ""
    row = {"metric": metric.id, "period": period.kind, "start_date": period.start.isoformat(), "mark": mark,
           "reward": text, "target": target}  # fmt: skip
    store.announce(conn, row, None, now)
    return tr(" (already reached: {actual})", actual=_show(metric)(done))


def check_reward(text: str) -> str:
    reward = (check_text(text, "reward", one_line=True) or "").strip()
    if not reward:
        raise SalelogError("the reward is empty", 'say what you will give yourself, e.g. --reward "周末去爬山"')
    return reward


def goal_reward(
    run: Context,
    *,
    metric: str,
    at: str,
    reward: str,
    week: str | None = None,
    month: str | None = None,
    quarter: str | None = None,
    year: str | None = None,
) -> None:
    """A milestone below the period's target, with a reward said once when an
    entry reaches it; refused on a metric without a target for the period."""
    import os

    from ..metrics import resolve_metric
    from ..parse import parse_amount, parse_count
    from .goal import goal_period_option

    now = run.now
    period = goal_period_option(now, week=week, month=month, quarter=quarter, year=year)
    text = check_reward(reward)
    path = store.resolve_db_path(run.db)
    option = "" if period.kind == "week" and week is None else f" --{period.kind} {period.label()}"
    no_target = ("{metric} has no target for {kind} {label}", "set one first: salelog goal set {metric} N{option}")
    if not os.path.exists(path):
        raise SalelogError(
            *no_target, metric=metric, kind=period_kind(period.kind), label=period.label(), option=option
        )
    conn = store.open_db(path)
    label = tr(" for {kind} {period}", kind=period_kind(period.kind), period=period.label())
    with store.writing(conn, undo_as=f"goal reward {metric} {at}{label}"):
        chosen = resolve_metric(metric, store.custom_metric_names(conn))
        target = store.current_target(conn, chosen.id, period)
        if target is None:
            raise SalelogError(*no_target, metric=chosen.id, kind=period_kind(period.kind), label=period.label(),
                               option=option)  # fmt: skip
        value = parse_amount(at) if chosen.money else parse_count(at)
        show = _show(chosen)
        if value >= target:
            raise SalelogError(
                "a milestone is below the target: the {metric} target is {target}",
                'for a reward at the target itself: salelog goal set {metric} {target} --reward "..."',
                metric=chosen.id,
                target=show(target),
            )
        already = keep_reward(conn, chosen, period, value, target, text, now)
    print(
        tr(
            "reward at {metric} {mark} of {target} for {kind} {label}: {reward}",
            metric=chosen.id,
            mark=show(value),
            target=show(target),
            kind=period_kind(period.kind),
            label=period.label(),
            reward=visible(text, one_line=True),
        )
        + already
    )


def week_rewards(conn, week: Period, figures) -> list[dict]:
    """The rewards of the week and of the longer periods holding it, each with
    its period's actual (the week's from `figures`, a longer one read) and
    whether it is reached; for week --json and the week screen."""
    from ..money import yuan

    done = {f.metric.id: f.actual for f in figures.metrics}
    rows = []
    for r in store.rewards_between(conn, week.start.isoformat(), week.end.isoformat()):
        if r["mark"] is None:
            continue  # a target reward whose target is gone
        metric, period = _metric(r["metric"]), _period(r)
        same = period == week  # the week's own: counted already
        value = done.get(metric.id, 0) if same else counted_actual(conn, metric, period)
        money = yuan if metric.money else int
        rows.append(
            {
                "metric": metric.id,
                "period": {
                    "kind": period.kind,
                    "label": period.label(),
                    "start": r["start_date"],
                    "end": r["end_date"],
                },  # fmt: skip
                "at": money(r["mark"]),
                "milestone": r["at_value"] is not None,
                "target": money(r["target"]) if r["target"] is not None else None,
                "reward": r["reward"],
                "actual": money(value),
                "reached": value >= r["mark"],
                "unit": "yuan" if metric.money else "count",
                "_mark": r["mark"],
                "_actual": value,
            }
        )
    from ..report import PRECEDENCE

    order = {m.id: i for i, m in enumerate(BUILT_IN)}  # the week's own first, metrics as week lists them
    return sorted(
        rows, key=lambda r: (PRECEDENCE[r["period"]["kind"]], order.get(r["metric"], 99), r["metric"], r["_mark"])
    )


def rewards_json(rows: list[dict]) -> list[dict]:
    """week_rewards rows without their figures in fen (kept for the screen)."""
    return [{k: v for k, v in r.items() if not k.startswith("_")} for r in rows]
