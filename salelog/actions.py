"""What the hot commands do, given the text the user typed: parse, store, print.

Kept free of Typer (and of Rich for write commands) so that salelog/fastpath.py
can run them without paying for Typer's import; the Typer commands in
salelog/commands/ call the very same functions.
"""

import os
import sys
from datetime import datetime, timedelta

from . import clock, store
from .errors import SalelogError
from .i18n import kind_name, period_kind, tr, weekday
from .metrics import BY_NAME, check_custom_name, resolve_kind, resolve_metric
from .parse import format_count, parse_amount, parse_count, parse_date, parse_datetime, parse_minutes, show_amount
from .periods import Period, parse_week, week_of
from .text import check_name, check_text, visible


def visit_add(
    db: str | None,
    customer: str | None,
    kind: str | None = None,
    amount: str | None = None,
    outcome: str | None = None,
    needs: str | None = None,
    feedback: str | None = None,
    next: str | None = None,
    next_date: str | None = None,
    at: str | None = None,
    minutes: str | None = None,
    tag: list[str] | None = None,
    new: bool = False,
) -> None:
    """Log one call, visit, email, meeting or message; print one confirmation line.

    The customer is resolved by store.resolve_customer; `new` creates it even
    when a known name is close."""
    now = clock.now()
    # Everything is parsed before the database is opened: bad input writes nothing.
    name = check_name(customer)
    if kind is None:
        from . import config

        kind = config.default_kind(config.load())  # "visit" unless the config says otherwise
    if at is not None and not at.strip():
        raise SalelogError(
            tr("--at is empty"), tr("give when it happened, e.g. --at 昨天下午3点, or leave --at out for now")
        )
    entry = {
        "at": now.strftime("%Y-%m-%d %H:%M:%S"),
        "amount_fen": None,
        "outcome": None,
        "needs": None,
        "feedback": None,
        "next_step": None,
        "next_date": None,
        "minutes": None,
    }
    entry |= entry_fields(
        now,
        kind=kind,
        amount=amount,
        outcome=outcome,
        needs=needs,
        feedback=feedback,
        next=next,
        next_date=next_date,
        at=at,
        minutes=minutes,
    )
    when = datetime.fromisoformat(entry["at"])  # not strptime: it imports locale and calendar
    tags = check_tags(tag)
    conn = store.connect(db)
    with store.writing(conn, undo_as=f"visit add {name}"):
        customer_id, matched_name, how = store.resolve_customer(conn, name, now, new=new)
        entry_id = store.insert_entry(conn, customer_id, entry, tags, now)
        store.relabel(conn, f"visit add #{entry_id} ({entry['kind']} with {matched_name})")
        closed = store.close_due_followups(conn, customer_id, entry_id, entry["at"])
        if entry["next_step"] or entry["next_date"]:
            store.open_followup(conn, customer_id, entry_id, entry["next_step"], entry["next_date"], now)
    parts = [
        tr(
            "logged #{id}: {kind} with {customer}",
            id=entry_id,
            kind=kind_name(entry["kind"]),
            customer=visible(matched_name),
        )
    ]
    if how == "created":
        parts[0] += tr(" (new customer)")
    elif how == "matched":
        parts[0] += tr(' (for "{typed}")', typed=visible(name))

    if entry["amount_fen"]:
        parts.append(show_amount(entry["amount_fen"]))
    if at is not None:
        day = weekday(when.weekday(), ("Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"))
        parts.append(
            tr("at {when}", when=f"{day} {when:%Y-%m-%d %H:%M}")
            + (tr(" (an earlier week)") if when.date() < week_of(now.date()).start else "")
        )
    if entry["next_step"] or entry["next_date"]:
        parts.append(tr("next: ") + " ".join(filter(None, [visible(entry["next_step"] or ""), entry["next_date"]])))
    if closed:
        done = tr(", ").join(
            tr("#{id} {what} (due {date})", id=f["id"], what=visible(f["what"] or ""), date=f["due_date"]).replace(
                "  ", " "
            )
            for f in closed
        )
        parts.append(tr("closed follow-ups {list}" if len(closed) > 1 else "closed follow-up {list}", list=done))
    print(" · ".join(parts))
    if when > now + timedelta(minutes=1):
        print(tr("note: {when} is in the future", when=f"{when:%Y-%m-%d %H:%M}"), file=sys.stderr)
    if entry["next_date"] and entry["next_date"] < now.date().isoformat():
        print(tr("note: the next step's date {date} is already past", date=entry["next_date"]), file=sys.stderr)


def entry_fields(now: datetime, *, clearing: bool = False, **typed: str | None) -> dict:
    """The entry columns for the options given (None = not given). With
    `clearing` (visit edit) an empty value clears an optional field."""
    readers = {
        "kind": ("kind", resolve_kind),
        "amount": ("amount_fen", parse_amount),
        "outcome": ("outcome", lambda v: check_text(v, "--outcome")),
        "needs": ("needs", lambda v: check_text(v, "--needs")),
        "feedback": ("feedback", lambda v: check_text(v, "--feedback")),
        "next": ("next_step", lambda v: check_text(v, "--next")),
        "next_date": ("next_date", lambda v: parse_date(v, now, prefer="future").isoformat()),
        "at": ("at", lambda v: parse_datetime(v, now, prefer="past").strftime("%Y-%m-%d %H:%M:%S")),
        "minutes": ("minutes", parse_minutes),
    }
    fields = {}
    for option, value in typed.items():
        if value is None:
            continue
        column, read = readers[option]
        if clearing and value.strip() == "" and option not in ("kind", "at"):
            fields[column] = None
        else:
            fields[column] = read(value)
    return fields


def check_tags(tags: list[str] | None) -> list[str]:
    return [check_name(t, "--tag", hint=tr("give a tag, e.g. --tag demos")) for t in tags or []]


def goal_set(
    db: str | None,
    metric: str,
    target: str,
    week: str | None = None,
    custom: bool = False,
    month: str | None = None,
    quarter: str | None = None,
    year: str | None = None,
) -> None:
    """Set (or adjust) a metric's target for a week (default), month, quarter or
    year; earlier values stay in history."""
    now = clock.now()
    period = goal_period_option(now, week=week, month=month, quarter=quarter, year=year)
    path = store.resolve_db_path(db)
    name = check_custom_name(metric) if custom else check_text(metric, "metric", one_line=True).strip()
    known = None if custom else BY_NAME.get(name.lower()) or BY_NAME.get(name)
    if not custom and not known and not os.path.exists(path):
        resolve_metric(name, set())  # raises: no database means no custom metrics yet
    money = bool(known and known.money)
    value = parse_amount(target) if money else parse_count(target)
    conn = store.open_db(path)
    with store.writing(conn, undo_as=f"goal set {name} {target} for {period.kind} {period.label()}"):
        if custom:
            store.declare_custom_metric(conn, name, now)
            metric_id = name
        else:
            metric_id = (known or resolve_metric(name, store.custom_metric_names(conn))).id
        previous = store.current_target(conn, metric_id, period)
        if previous != value:
            store.add_goal_setting(conn, metric_id, period, value, now)
    show = show_amount if money else format_count
    line = tr(
        "{metric} target for {period} {label} ({start} → {end}): {value}",
        metric=visible(metric_id),
        period=period_kind(period.kind),
        label=period.label(),
        start=period.start,
        end=period.end,
        value=show(value),
    )
    if previous is not None:
        line += tr(" (unchanged)") if previous == value else tr(" (was {old}; kept in history)", old=show(previous))
    print(line)


def goal_period_option(now: datetime, **options: str | None) -> Period:
    """The period of --week / --month / --quarter / --year (at most one; default this week)."""
    from .periods import parse_month, parse_quarter, parse_year

    given = {name: value for name, value in options.items() if value is not None}
    if len(given) > 1:
        raise SalelogError(
            tr("give one of {options}", options=", ".join("--" + n for n in given)), tr("a target is for one period")
        )
    if "month" in given:
        return parse_month(given["month"])
    if "quarter" in given:
        return parse_quarter(given["quarter"])
    if "year" in given:
        return parse_year(given["year"])
    return parse_week(given.get("week"), now)


def week_show(db: str | None, week: str | None = None, as_json: bool = False) -> None:
    """Target against actual for the week, as a table or --json."""
    from .periods import load_calendar

    now, calendar = clock.now(), load_calendar()
    period = parse_week(week, now)
    conn = store.connect(db, create=False)
    last_week = (period.start - timedelta(days=7)).isoformat()
    with store.reading(conn):
        figures = week_figures(conn, period, now, calendar)
        plan = store.plan_items(conn, since=last_week, until=last_week)  # last week's review checked here
    if as_json:
        from . import report

        _print_json(report.figures_json(figures) | {"last_week_plan": plan})
        return
    from . import views

    views.print_week(figures, plan)


def week_figures(conn, week: Period, now: datetime, calendar, entries: list[dict] | None = None):
    """The week's figures, its targets being its own or derived from longer ones
    (`entries`: the week's rows, when the caller has read them already)."""
    from . import report

    targets = report.week_targets(
        store.goal_settings(conn, week),
        store.goals_overlapping(conn, week.start.isoformat(), week.end.isoformat()),
        week,
        calendar,
    )
    return report.period_figures(
        store.entries_in(conn, week) if entries is None else entries,
        targets,
        store.custom_metric_names(conn),
        week,
        now,
        calendar,
    )


def today_show(db: str | None, as_json: bool = False) -> None:
    """Today: the day's quota against actual per metric beside the week's
    position, today's tasks by quadrant, follow-ups due, and a verdict."""
    from . import report
    from .periods import load_calendar

    now, calendar = clock.now(), load_calendar()
    today = Period(now.date(), now.date(), kind="day")
    week = week_of(now.date())
    conn = store.connect(db, create=False)
    with store.reading(conn):
        week_entries = store.entries_in(conn, week)
        week_fig = week_figures(conn, week, now, calendar, week_entries)
        tasks = report.task_rows(store.tasks(conn, due_by=today.start.isoformat()), today.start)
        followups = [
            f
            for f in report.followup_rows(store.open_followups(conn), today.start)
            if f["state"] in ("overdue", "today")
        ]
        custom = store.custom_metric_names(conn)
    before = [e for e in week_entries if e["at"] < today.lower]
    actual_before = {f.metric.id: report.actual(f.metric, before, week) for f in week_fig.metrics}
    quotas = report.daily_quotas(week_fig, actual_before, today.start, calendar)
    targets = {q["metric"].id: (q["catch_up"], "quota") for q in quotas if q["catch_up"] is not None}
    day_entries = [e for e in week_entries if today.lower <= e["at"] < today.upper]
    day_fig = report.period_figures(day_entries, targets, custom, today, now, calendar)
    summary = report.verdict(week_fig)
    if as_json:
        _print_json(
            report.figures_json(day_fig)
            | {
                "quotas": [report.quota_json(q) for q in quotas],
                "week": report.figures_json(week_fig),
                "verdict": summary,
                "tasks": tasks,
                "followups": followups,
            }
        )
        return
    from . import views

    views.print_today(day_fig, week_fig, quotas, summary, tasks, followups)


def _print_json(data) -> None:
    import json

    print(json.dumps(data, ensure_ascii=False, indent=2))


def visit_list(
    db: str | None,
    since: str | None = None,
    until: str | None = None,
    customer: str | None = None,
    kind: str | None = None,
    limit: int | None = None,
    as_json: bool = False,
) -> None:
    """Logged entries, newest first: at most `limit` (50 by default, all with --json; 0: all)."""
    from .i18n import tr

    now = clock.now()
    lower = parse_date(since, now).isoformat() if since else None
    upper = (parse_date(until, now) + timedelta(days=1)).isoformat() if until else None
    kind_id = resolve_kind(kind) if kind else None
    conn = store.connect(db, create=False)
    with store.reading(conn):
        customer_id = store.require_customer(conn, customer.strip())[0] if customer else None
        shown = limit if limit is not None else 0 if as_json else 50
        rows = store.list_entries(conn, lower, upper, customer_id, kind_id, shown + 1 if shown else None)
    more = bool(shown) and len(rows) > shown
    rows = rows[:shown] if shown else rows
    if as_json:
        from .report import entry_json

        _print_json([entry_json(row) for row in rows])
        return
    if not rows:
        print(tr("No entries match. Log one: salelog visit add 张总 --kind call"))
        return
    from . import views

    views.print_entries(rows)
    if more:
        sys.stdout.flush()
        print(tr("showing the newest {n}; --limit 0 for all", n=shown), file=sys.stderr)
