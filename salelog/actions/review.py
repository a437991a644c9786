"""review / review write / review check: close the week — target against actual,
the numbers that explain it, improvement notes, the reflection and next week's plan."""

import os
from datetime import date, datetime, timedelta

from .. import store
from ..context import Context
from ..errors import SalelogError, UsageProblem
from ..i18n import period_kind, tr
from ..periods import Period, parse_week
from ..text import check_text, visible
from .progress import week_figures

STATUSES = ("done", "partly", "not")
# --month and --year also take these words for the current period and the one before.


def review_show(
    run: Context,
    *,
    week: str | None = None,
    month: str | None = None,
    year: str | None = None,
    as_json: bool = False,
    markdown: bool = False,
) -> None:
    """The review of a week (or --month, --year) as a screen, --json or --markdown."""
    from ..periods import load_calendar

    now = run.now
    period = reviewable_period(now, week=week, month=month, year=year)
    conn = store.connect(run.db, create=False)
    with store.reading(conn):
        data = gather(conn, period, now, load_calendar())
    if as_json:
        from .show import print_json

        print_json(_without_shown(data))
    elif markdown:  # --json text stays English; the screen and Markdown show `shown`
        from ..i18n import chinese
        from ..review import review_markdown

        print(review_markdown(data, chinese=chinese()), end="")
    else:
        from ..sheet import show
        from ..views_weekly import review_blocks

        show(review_blocks(data))


def _without_shown(data: dict) -> dict:
    """The review's JSON: its sentences in English only (`shown` is the screen's)."""
    out = data | {"notes": [{k: v for k, v in n.items() if k != "shown"} for n in data["notes"]]}
    if data["explain_change"]:
        out["explain_change"] = {k: v for k, v in data["explain_change"].items() if k != "shown"}
    return out


def reviewable_period(
    now: datetime, *, week: str | None = None, month: str | None = None, year: str | None = None
) -> Period:
    """--week, --month [YYYY-MM] or --year [YYYY] (MONTH or YEAR "" or "this":
    the current one; "last": the one before), refused if it lies in the future."""
    from ..period_options import parse_period_option
    from ..review_periods import per_period

    if month is not None and year is not None or week is not None and (month is not None or year is not None):
        raise UsageProblem(tr("give one of --week, --month and --year"), tr("e.g. salelog review --month 2026-11"))
    if month is None and year is None:
        return reviewable_week(week, now)
    kind = "month" if month is not None else "year"
    period = parse_period_option(kind, month if month is not None else year, now.date())
    if period.start > now.date():
        raise SalelogError(
            tr("{kind} {label} has not started", kind=period_kind(period.kind), label=period.label()),
            tr(per_period("review this week or an earlier one", period.kind)),
        )
    return period


def reviewable_week(text: str | None, now: datetime) -> Period:
    """--week as given, refused if it lies in the future."""
    period = parse_week(text, now)
    if period.start > now.date():
        raise SalelogError(
            tr("week {start} → {end} has not started", start=period.start, end=period.end),
            tr("review this week or an earlier one"),
        )
    return period


def gather(conn, period: Period, now: datetime, calendar) -> dict:
    """Everything the review of `period` (a week, a month or a year) shows, as the
    JSON it prints: the same review whatever the period's length."""
    from .. import report
    from .. import review as rv
    from .. import review_periods as rp
    from ..periods import period_before

    kind = period.kind
    # records, and which earlier periods have data (a year's from its months, one scan for its self-evaluation too)
    months = store.period_totals(conn, "month", period.upper) if kind == "year" else None
    totals = store.merged_totals(months, lambda m: m[:4]) if months else store.period_totals(conn, kind, period.upper)
    (sums, due, moves), earlier, firsts = _read_periods(conn, period, totals)
    figures = period_figures(conn, period, now, calendar, sums, moves)
    days_so_far = [d for d in period.working_days(calendar) if d <= now.date()]  # a period in progress
    numbers = rv.explain_sums(sums, due, days_so_far, now.date(), moves)
    # the earlier periods summed in SQL (day_totals), not read row by row
    average = rv.trailing_average(store.period_counts(conn, earlier, firsts))
    notes = rv.improvement_notes(figures, numbers, average, sums)
    pipeline = _pipeline_of(conn, period, now, calendar, notes) if kind == "week" else None
    change = rp.explain_change(numbers, average)
    found = rp.records(totals, period.label())
    last, first = period_before(period), period
    for _ in range(8):
        first = period_before(first)
    eight = store.plan_items(conn, since=first.start.isoformat(), until=last.start.isoformat(), period=kind)
    reflection = store.latest_review(conn, period.start.isoformat(), kind)
    metrics = report.figures_json(figures)["metrics"]
    over = report.week_over(figures)
    for m, f in zip(metrics, figures.metrics, strict=True):
        m["verdict"] = report.metric_verdict(f, over)
    from .day import review_extras  # the period's time with customers and the rest, a week's day notes

    extras = review_extras(conn, period, sums["minutes"])
    if kind != "week":
        del extras["day_notes"]
    data = {
        "period": {"start": period.start.isoformat(), "end": period.end.isoformat(), "label": period.label()},
        "unit": kind,
        "week_over": over,
        "empty": not sums["entries"],
        "metrics": metrics,
        "explained": rv.explained_json(numbers, average),
        "average_weeks": average["weeks"],
        "explain_change": rp.change_json(change),
        "records": rp.records_json(found, kind),
        "followups": {
            k: numbers[k]
            for k in (
                "followups_due",
                "followups_on_time",
                "followups_late",
                "followups_still_open",
                "followups_due_later",
            )
        },
        "by_class": numbers["by_class"],
        "competitors": numbers["competitors"],
        "best_day": _day_json(numbers["days"]["best"]),
        "worst_day": _day_json(numbers["days"]["worst"]),
        "notes": [n | {"kind": side} for side in ("went_well", "improve") for n in notes[side]],
        "reflection": reflection
        and {k: reflection[k] for k in ("went_well", "went_badly", "why", "causes", "written_at", "versions")},
        "plan": (reflection or {}).get("plan", []),
        "last_week_plan": [p for p in eight if p["period_start"] == last.start.isoformat()],
        "plan_kept_8_weeks": {s: sum(1 for p in eight if p["status"] == s) for s in STATUSES}
        | {"unchecked": sum(1 for p in eight if p["status"] == "open"), "items": len(eight)},
        **extras,
    } | ({"pipeline": pipeline} if pipeline else {})
    if change:
        data["explain_change"]["text"], data["explain_change"]["shown"] = rp.change_sentence(change, kind)
    if kind != "week":
        times = sums["times"]
        data |= {"by_hour": rp.by_hour(times), "by_weekday": rp.by_weekday(times), "best_times": rp.best_times(times)}
    from .customer_life import review_life  # the funnel; a week's complaints; a month's sources

    data |= review_life(conn, period, now, sums, moves)
    if kind == "year":
        data["self_evaluation"] = _self_evaluation(conn, period, data, months)
    return data


def _pipeline_of(conn, week: Period, now: datetime, calendar, notes: dict) -> dict | None:
    """The week's pipeline movement (None without deals), and a rule note when the
    weighted pipeline closing next week is below next week's revenue target."""
    deals = store.list_deals(conn)
    if not deals:
        return None
    from ..deals import closing_in, ladder
    from ..money import yuan
    from ..pipeline import week_movement
    from ..report import revenue_still_needed

    stages = ladder()
    changes = store.stage_changes_between(conn, f"{week.start} 00:00:00", f"{week.end + timedelta(days=1)} 00:00:00")
    moved = week_movement(changes, {d["id"]: d for d in deals}, stages)
    following = Period(week.start + timedelta(days=7), week.end + timedelta(days=7))
    closing = closing_in(deals, following, stages)
    needed = revenue_still_needed(week_figures(conn, following, now, calendar, entries=[]))
    if needed and closing < needed:
        from ..review import pipeline_short_note

        notes["improve"].append(pipeline_short_note(closing, needed))
    return (
        moved
        | {k: yuan(moved[k]) for k in ("added_value", "won_value")}
        | {"weighted_closing_next_week": yuan(closing), "revenue_needed_next_week": yuan(needed)}
    )


def _read_periods(conn, period: Period, totals: list[dict]) -> tuple[tuple, list[Period], dict]:
    """((entry sums, follow-ups due, money moves) of `period`, the earlier periods its
    average covers, the customers' firsts for both): for a week the 4 weeks before, for a
    month or a year the 3 latest earlier ones with data (`totals`: store.period_totals
    rows), latest first."""
    from ..periods import month_of, year_of

    if period.kind == "week":
        days = [timedelta(days=7 * i) for i in range(1, 5)]
        earlier = [Period(period.start - back, period.end - back) for back in days]
    else:
        of = month_of if period.kind == "month" else year_of
        labels = [t["label"] for t in totals if t["label"] < period.label()][-3:]
        earlier = [of(date.fromisoformat((label + "-01-01")[:10])) for label in reversed(labels)]
    # for this period's new clients and prospects and the earlier ones: the customers logged in their span
    span = [period, *earlier]
    firsts = store.customer_firsts(conn, min(p.lower for p in span), max(p.upper for p in span))
    due = store.followups_due_between(conn, period.start.isoformat(), period.end.isoformat())
    sums = store.period_sums(conn, period, firsts, by_time=period.kind != "week")  # when you sell best: months, years
    return (sums, due, store.money_moves_in(conn, period)), earlier, firsts


def period_figures(conn, period: Period, now: datetime, calendar, sums: dict, moves: list[dict]):
    """The period's figures from its entry sums (store.period_sums) and money moves
    (store.money_moves_in): a week's as week and today have them; a month's or a
    year's targets by report.whole_period_targets (its own target, else its days'
    shares where they cover all of its working days)."""
    from .. import report

    if period.kind == "week":
        return week_figures(conn, period, now, calendar, sums=sums, moves=moves)
    goals = store.goals_in_force(conn, period.start.isoformat(), period.end.isoformat())
    targets = report.whole_period_targets(goals, period, calendar)
    custom = store.custom_metric_names(conn)
    activities = store.activities_in(conn, period)
    return report.figures_of_sums(sums, targets, custom, period, now, calendar, activities, moves)


def _self_evaluation(conn, year: Period, data: dict, month_totals: list[dict]) -> dict:
    """review_periods.self_evaluation over the year's months and the records
    (`month_totals`: store.period_totals by month, up to the year's end: the
    year's own months are its last ones) and the causes picked."""
    from .. import review_periods as rp
    from ..money import yuan

    mine = [m for m in month_totals if m["label"].startswith(year.label())]
    month_rows = [{"label": m["label"], "contacts": m["contacts"], "revenue": yuan(m["revenue"])} for m in mine]
    best_months = [r for m in mine for r in rp.records_json(rp.records(month_totals, m["label"]), "month")]
    causes = rp.cause_counts(store.causes_picked(conn, year.start.isoformat(), year.end.isoformat()))
    change = data["explain_change"]
    return rp.self_evaluation(
        metrics=data["metrics"],
        months=month_rows,
        records=data["records"] + _latest_per_metric(best_months),
        change=change and change["text"],
        causes=causes,
    ) | {"months": month_rows}


def _latest_per_metric(found: list[dict]) -> list[dict]:
    """Of the month records set in a year, the last per metric (the one standing at its end)."""
    return list({r["metric"]: r for r in found}.values())


def _day_json(day: dict | None) -> dict | None:
    from ..money import yuan

    return day and {"date": day["date"], "contacts": day["contacts"], "revenue": yuan(day["revenue"])}


def review_write(
    run: Context,
    *,
    week: str | None = None,
    month: str | None = None,
    year: str | None = None,
    went_well: list[str] | None = None,
    went_badly: list[str] | None = None,
    why: list[str] | None = None,
    cause: list[str] | None = None,
    plan: list[str] | None = None,
) -> None:
    """Save the period's reflection (with the causes picked for a shortfall:
    market, strategy, effort) and the next period's plan: from the flags, else
    written in $EDITOR on a template of the review's notes."""
    from ..review_periods import per_period, read_causes

    now = run.now
    period = reviewable_period(now, week=week, month=month, year=year)
    given = {"went_well": went_well, "went_badly": went_badly, "why": why}
    causes = read_causes(cause or [], "--cause")
    conn = store.connect(run.db, create=False)
    if any([went_well, went_badly, why, plan, cause]):
        reflection = {k: check_text("\n".join(v), f"--{k.replace('_', '-')}") if v else None for k, v in given.items()}
        items = [check_text(p, "--plan").strip() for p in plan or [] if p.strip()]
    else:
        from ..periods import load_calendar

        with store.reading(conn):
            data = gather(conn, period, now, load_calendar())
        reflection, items, causes = _edit_in_editor(period, data)
        if not causes and any(m["verdict"] in ("missed", "behind") for m in data["metrics"]):
            from ..commands.prompts import ask_causes  # Typer is loaded already: the editor path imported it

            causes = ask_causes()
    with store.writing(conn, undo_as=f"review write {period.label()}"):
        store.add_review(conn, period.start.isoformat(), reflection, items, now, period=period.kind, causes=causes)
    saved = "review of week {label} saved, with {n} plan item" + ("s" if len(items) != 1 else "")
    print(tr(per_period(saved, period.kind), label=period.label(), n=len(items)))


def _edit_in_editor(period: Period, data: dict) -> tuple[dict, list[str], list[str]]:
    """Open $VISUAL/$EDITOR on the template; nothing is saved if it fails or is left unchanged."""
    import shlex
    import subprocess
    import tempfile

    from ..commands.prompts import interactive  # imports Typer: this path spawns an editor anyway
    from ..review import SECTIONS, parse_reflection, reflection_template
    from ..review_periods import per_period, read_causes

    editor = os.environ.get("VISUAL") or os.environ.get("EDITOR") or ("vi" if interactive() else None)
    if not editor:
        raise SalelogError(
            tr("no editor to write the review in"), tr("set $EDITOR, or give --went-well/--went-badly/--why/--plan")
        )
    template = reflection_template(period, data)
    fd, path = tempfile.mkstemp(prefix="salelog-review-", suffix=".md")  # 0600: it holds customer details
    try:
        with os.fdopen(fd, "w", encoding="utf-8") as handle:
            handle.write(template)
        try:
            done = subprocess.run([*shlex.split(editor), path])
        except OSError as e:
            raise SalelogError(
                tr("cannot run editor {editor}: {reason}", editor=repr(editor), reason=e.strerror),
                tr("nothing was saved; check $EDITOR"),
            ) from None
        if done.returncode != 0:
            raise SalelogError(
                tr("editor {editor} exited with status {code}", editor=repr(editor), code=done.returncode),
                tr("nothing was saved"),
            )
        with open(path, encoding="utf-8") as handle:
            text = handle.read()
    except BaseException:
        os.unlink(path)
        raise
    if text == template:
        os.unlink(path)
        raise SalelogError(tr("the template was left unchanged"), tr("nothing was saved"))
    try:
        reflection, items = parse_reflection(text)
        causes = read_causes((reflection.pop("causes") or "").replace(",", "\n").splitlines(), tr("causes"))
        if not any(reflection.values()) and not items:
            raise SalelogError(tr("the review is empty"), tr("nothing was saved"))
        # Text from the editor passes the same check at the door as the flags' text, named by its section.
        sections = {key: f'"{per_period(heading.split(" (")[0], period.kind)}"' for key, heading in SECTIONS}
        reflection = {k: check_text(v, sections[k]) if v else v for k, v in reflection.items()}
        items = [check_text(item, sections["plan"]) for item in items]
    except SalelogError as e:  # what was written is not lost: kept (owner-only) for another try
        kept = tr("your text is kept in {path}", path=path)
        raise SalelogError(e.message, f"{e.hint}; {kept}" if e.hint else kept) from None
    os.unlink(path)
    return reflection, items, causes


def review_check(run: Context, *, item: int, status: str, note: str | None = None) -> None:
    """Record how an item of last week's plan went: done, partly or not."""
    word = status.strip().lower()
    if word not in STATUSES:
        # A word the command does not take is a usage error (exit 2), as Click's are.
        raise UsageProblem(tr('unknown status "{status}"', status=status[:20]), tr("use done, partly or not"))
    text = check_text(note, "--note")
    conn = store.connect(run.db, create=False)
    with store.writing(conn, undo_as=f"review check {item} {word}"):
        checked = store.check_plan_item(conn, item, word, text, run.now)
    said = tr("plan item #{id} ({text}): {status}", id=item, text=visible(checked["text"]), status=tr(word))
    print(said + (f" — {visible(text)}" if text else ""))
