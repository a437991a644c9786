"""goal check, and what goal set says about a target: the metric's record over
earlier periods of the same kind (salelog/goalcheck.py computes from it)."""

from datetime import date

from .. import store
from ..context import Context
from ..errors import SalelogError
from ..goalcheck import HISTORY_PERIODS, RELATIVE_BASE_PERIODS, check, relative_percent, relative_target
from ..i18n import chinese, period_kind, tr
from ..metrics import Metric
from ..periods import Period, period_of

PLURAL = {"week": "weeks", "month": "months", "quarter": "quarters", "year": "years"}


GROUPED = ("week", "month", "year")  # the periods store.sums_by_period sums in one read


def metric_history(conn, metric: Metric, period: Period, today: date, count: int = HISTORY_PERIODS) -> list:
    """(period, actual) of `metric` over the last `count` periods of `period`'s
    kind that have entries (an activity metric: activities of its kind), newest
    first, through report.actual: periods before `period` and before the one
    holding `today` (a period still under way is not a record). Jumps over gaps
    by the latest entry before each (index on at)."""

    cutoff = record_start(period, today).start
    periods, before = [], Period(cutoff, cutoff).lower
    while len(periods) < count:
        if metric.activity:  # minutes of an activity kind: the periods with such activities
            latest = store.latest_activity_before(conn, before, metric.activity)
        else:
            latest = store.latest_entry_before(conn, before)
        if latest is None:
            break
        periods.append(period_of(period.kind, date.fromisoformat(latest[:10])))
        before = periods[-1].lower
    if metric.activity or period.kind not in GROUPED:
        return [(past, counted_actual(conn, metric, past)) for past in periods]
    # Every period with entries from the oldest of them on is one of `periods`: one grouped read.
    from ..report import of_sums

    sums = store.sums_by_period(conn, periods[::-1])[::-1]
    return [
        (past, of_sums(metric, mine, (), store.money_moves_in(conn, past)))
        for past, mine in zip(periods, sums, strict=True)
    ]


def counted_actual(conn, metric: Metric, period: Period) -> int:
    """report.of_sums of `metric` over `period` as read from the store (its entries
    summed in SQL, cancellations and payments; an activity metric's activities)."""
    from ..report import of_sums

    if metric.activity:  # minutes of an activity kind
        return of_sums(metric, {}, store.activities_in(conn, period))
    return of_sums(metric, store.period_sums(conn, period), (), store.money_moves_in(conn, period))


def record_start(period: Period, today: date) -> Period:
    """The period the record ends before: `period`, or the one holding `today` if earlier."""
    return min(period, period_of(period.kind, today))


def resolve_target(text: str, metric: Metric, history: list, period: Period, today: date) -> tuple[int, dict | None]:
    """A typed target -> (value in fen or a count, the relative base or None).
    '+10%' grows the average of the last RELATIVE_BASE_PERIODS periods with
    entries (money to whole yuan, counts to whole units); with no such period, a
    SalelogError naming what it looked for."""
    percent = relative_percent(text)
    if percent is None:
        return parse_target(metric, text), None
    if not history:
        raise no_history(text, record_start(period, today))
    base_periods = history[:RELATIVE_BASE_PERIODS]
    value, average = relative_target(percent, [a for _, a in base_periods], unit=100 if metric.money else 1)
    if value <= 0 and average <= 0:
        raise SalelogError(
            "your average {metric} is 0 in the periods with entries before this one: {text} of it is no target",
            "give the target as a number, e.g. salelog goal set {metric} {example}",
            metric=metric.id,
            example="50万" if metric.money else "10",
            text=text,
        )
    if value <= 0:
        raise SalelogError(
            "{text} of your average leaves no target", "give a smaller cut, or the target as a number", text=text
        )
    base = {"percent": percent, "average": average, "periods": [p for p, _ in base_periods]}
    return value, base | {"before": record_start(period, today)}


MAX_MINUTES = 366 * 24 * 60  # an activity target: a year's worth of minutes at most


def parse_target(metric: Metric, text: str) -> int:
    """A target as typed -> fen (money), minutes (an activity metric: 2h, 90m) or a count."""
    from ..parse import parse_amount, parse_count, parse_minutes

    if metric.money:
        return parse_amount(text)
    if metric.activity:
        return parse_minutes(text, at_most=MAX_MINUTES)
    return parse_count(text)


def shown(metric: Metric):
    """How `metric`'s values read: 12.5万, 90 min, 12."""
    from ..money import format_count, show_amount

    if metric.money:
        return show_amount
    if metric.activity:
        return minutes_shown
    return format_count


def minutes_shown(minutes: int) -> str:
    from ..money import format_count

    return tr("{n} min", n=format_count(minutes))


def no_history(text: str, period: Period) -> SalelogError:
    return SalelogError(
        "{text} needs your average over the last {n} {kinds} with entries, and no {kind} before {label} has any",
        "give the target as a number, e.g. salelog goal set revenue 50万",
        text=text.strip(),
        n=RELATIVE_BASE_PERIODS,
        kinds=kinds_word(period.kind),
        kind=period_kind(period.kind),
        label=period.label(),
    )


def kinds_word(kind: str, count: int = 2) -> str:
    """'weeks' ('week' for one; Chinese: 周): a period kind counted."""
    return period_kind(kind) if chinese() or count == 1 else PLURAL.get(kind, kind)


def about(show, value: float) -> str:
    """An average as shown: money to three figures (1.28亿, 45万), a count to one decimal."""
    from ..money import show_amount

    if show is show_amount:
        return show_amount(round(value), approx=True)
    if show is minutes_shown:
        return show(round(value))
    return f"{value:,.1f}".removesuffix(".0")


def relative_note(base: dict, show) -> str:
    """' (+10% on 45万, the average of 2026-W43, 2026-W45, 2026-W46, 2026-W47: the
    last 4 weeks with entries before 2026-W48)': what a relative target grew from,
    each period named (a gap without entries is skipped, so a span would hide
    which), and the period the record ends before (one to come grows from the
    periods completed before now)."""
    periods = base["periods"]
    return tr(
        " ({percent} on {average}, the average of {periods}: the last {n} {kinds} with entries before {before})",
        percent=f"{base['percent']:+g}%",
        average=about(show, base["average"]),
        periods=tr(", ").join(p.label() for p in reversed(periods)),
        n=len(periods),
        kinds=kinds_word(base["before"].kind, len(periods)),
        before=base["before"].label(),
    )


def record_line(target: int, history: list, period: Period, show) -> str:
    """goal set's and goal check's line on `target` against the record
    (`period`: the one the record ends before, record_start)."""
    figures = check(target, [a for _, a in history])
    if not figures["periods"]:
        return tr(
            "record: no {kind} before {label} has entries yet, nothing to compare with",
            kind=period_kind(period.kind),
            label=period.label(),
        )
    percent = figures["percent_of_average"]
    return tr(
        "record: average {average}, best {best} over the last {n} {kinds} with entries;"
        " {reached} of {n} reached {target} · {band}{percent}",
        average=about(show, figures["average"]),
        best=about(show, figures["best"]),
        n=figures["periods"],
        kinds=kinds_word(period.kind, figures["periods"]),
        reached=figures["reached"],
        target=show(target),
        band=tr(figures["band"]),
        percent="" if percent is None else tr(" ({percent}% of average)", percent=f"{percent:g}"),
    )


def goal_check(
    run: Context,
    *,
    metric: str,
    target: str,
    week: str | None = None,
    month: str | None = None,
    quarter: str | None = None,
    year: str | None = None,
    as_json: bool = False,
) -> None:
    """How `target` compares with the metric's record, without setting anything:
    average, best, how many periods reached it, and its band; as lines or --json."""
    from ..metrics import resolve_metric
    from .goal import goal_period_option

    now = run.now
    period = goal_period_option(now, week=week, month=month, quarter=quarter, year=year)
    conn = store.connect(run.db, create=False)
    with store.reading(conn):
        chosen = resolve_metric(metric, store.custom_metric_names(conn))
        history = metric_history(conn, chosen, period, now.date())
    value, base = resolve_target(target, chosen, history, period, now.date())
    if as_json:
        from .show import print_json

        print_json(check_json(chosen, period, value, history, base))
        return
    show = shown(chosen)
    print(
        tr(
            "{metric} {target} for {kind} {label} ({start} → {end}){relative}",
            metric=chosen.id,
            target=show(value),
            kind=period_kind(period.kind),
            label=period.label(),
            start=period.start,
            end=period.end,
            relative=relative_note(base, show) if base else "",
        )
    )
    print(record_line(value, history, record_start(period, now.date()), show))


def check_json(metric: Metric, period: Period, target: int, history: list, base: dict | None) -> dict:
    """goal check --json: amounts in yuan, the record newest first."""
    from ..money import yuan

    def number(value):
        return None if value is None else yuan(round(value)) if metric.money else round(value, 2)

    figures = check(target, [a for _, a in history])
    return {
        "metric": metric.id,
        "period": {
            "kind": period.kind,
            "label": period.label(),
            "start": period.start.isoformat(),
            "end": period.end.isoformat(),
        },  # fmt: skip
        "target": number(target),
        "average": number(figures["average"]),
        "best": number(figures["best"]),
        "periods": figures["periods"],
        "reached": figures["reached"],
        "band": figures["band"],
        "percent_of_average": figures["percent_of_average"],
        "relative": None
        if base is None
        else {
            "percent": base["percent"],
            "base": number(base["average"]),
            "periods": [p.label() for p in base["periods"]],
        },
        "history": [
            {"period": p.label(), "start": p.start.isoformat(), "end": p.end.isoformat(), "actual": number(a)}
            for p, a in history
        ],
    }
