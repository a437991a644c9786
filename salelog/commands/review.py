"""salelog review / trend: close the week — target against actual, the numbers
that explain it, improvement notes, the reflection and next week's plan."""

import json
import os
from datetime import timedelta
from typing import Annotated

import typer

from .. import clock, store
from ..actions.progress import week_figures
from ..errors import SalelogError
from ..i18n import chinese, tr
from ..periods import Period, load_calendar, parse_week
from ..text import check_text, visible
from . import db_option

app = typer.Typer(
    help="Review a week: results, what explains them, notes, reflection and plan.\n\n\b\nExamples:\n"
    '  salelog review --week last\n  salelog review write --plan "每天上午先打10个电话约拜访"',
    invoke_without_command=True,
)

WeekOption = Annotated[
    str | None,
    typer.Option("--week", "-w", metavar="DATE", help="Any day of the week, or last/this, 上周 (default: this week)."),
]
STATUSES = ("done", "partly", "not")


@app.callback()
def review(
    ctx: typer.Context,
    week: WeekOption = None,
    as_json: Annotated[bool, typer.Option("--json", help="Print JSON.")] = False,
    markdown: Annotated[bool, typer.Option("--markdown", help="Print Markdown to paste into a chat or mail.")] = False,
) -> None:
    """Review a week: target, actual and verdict per metric; conversion, deal size,
    revenue per visit, new clients, prospects, follow-ups on time and effort by
    class, each against your own 4-week average; improvement notes drawn from
    them; your reflection and plan, and how last week's plan went.

    \b
    Examples:
      salelog review
      salelog review --week last --markdown > review.md
      salelog review --json | jq .notes
    """
    if ctx.invoked_subcommand is not None:
        return
    now = clock.now()
    period = _reviewable_week(week, now)
    conn = store.connect(db_option(ctx), create=False)
    with store.reading(conn):
        data = gather(conn, period, now)
    if as_json:
        notes = [{k: v for k, v in n.items() if k != "shown"} for n in data["notes"]]  # --json text stays English
        print(json.dumps(data | {"notes": notes}, ensure_ascii=False, indent=2))
    elif markdown:
        from ..review import review_markdown

        print(review_markdown(data, chinese=chinese()), end="")
    else:
        from ..sheet import show
        from ..views_weekly import review_blocks

        show(review_blocks(data))


def _reviewable_week(text: str | None, now) -> Period:
    period = parse_week(text, now)
    if period.start > now.date():
        raise SalelogError(
            tr("week {start} → {end} has not started", start=period.start, end=period.end),
            tr("review this week or an earlier one"),
        )
    return period


def gather(conn, week: Period, now) -> dict:
    """Everything the review shows, as the JSON it prints."""
    from .. import report
    from .. import review as rv

    calendar = load_calendar()
    entries = store.entries_in(conn, week)
    figures = week_figures(conn, week, now, calendar, entries)

    def numbers_of(period: Period, rows: list[dict]) -> dict:
        due = store.followups_due_between(conn, period.start.isoformat(), period.end.isoformat())
        days_so_far = [d for d in period.working_days(calendar) if d <= now.date()]  # a week in progress
        return rv.explain(rows, period, due, days_so_far)

    numbers = numbers_of(week, entries)
    earlier = [Period(week.start - timedelta(days=7 * i), week.end - timedelta(days=7 * i)) for i in range(1, 5)]
    average = rv.trailing_average([numbers_of(p, store.entries_in(conn, p)) for p in earlier])
    notes = rv.improvement_notes(figures, numbers, average, entries)
    last_week = (week.start - timedelta(days=7)).isoformat()
    eight_weeks = store.plan_items(conn, since=(week.start - timedelta(days=56)).isoformat(), until=last_week)
    reflection = store.latest_review(conn, week.start.isoformat())
    metrics = report.figures_json(figures)["metrics"]
    for m, f in zip(metrics, figures.metrics, strict=True):
        m["verdict"] = "no target" if f.target is None else "met" if f.actual >= f.target else "missed"
    return {
        "period": {"start": week.start.isoformat(), "end": week.end.isoformat(), "label": week.label()},
        "empty": not entries,
        "metrics": metrics,
        "explained": rv.explained_json(numbers, average),
        "followups": {
            k: numbers[k] for k in ("followups_due", "followups_on_time", "followups_late", "followups_still_open")
        },
        "by_class": numbers["by_class"],
        "competitors": numbers["competitors"],
        "best_day": _day_json(numbers["days"]["best"]),
        "worst_day": _day_json(numbers["days"]["worst"]),
        "notes": [n | {"kind": kind} for kind in ("went_well", "improve") for n in notes[kind]],
        "reflection": reflection
        and {k: reflection[k] for k in ("went_well", "went_badly", "why", "written_at", "versions")},
        "plan": (reflection or {}).get("plan", []),
        "last_week_plan": [p for p in eight_weeks if p["week_start"] == last_week],
        "plan_kept_8_weeks": {s: sum(1 for p in eight_weeks if p["status"] == s) for s in STATUSES}
        | {"unchecked": sum(1 for p in eight_weeks if p["status"] is None), "items": len(eight_weeks)},
    }


def _day_json(day: dict | None) -> dict | None:
    from ..report import yuan

    return day and {"date": day["date"], "contacts": day["contacts"], "revenue": yuan(day["revenue"])}


@app.command("write")
def write(
    ctx: typer.Context,
    week: WeekOption = None,
    went_well: Annotated[list[str] | None, typer.Option("--went-well", metavar="TEXT", help="What went well.")] = None,
    went_badly: Annotated[
        list[str] | None, typer.Option("--went-badly", metavar="TEXT", help="What did not go well.")
    ] = None,
    why: Annotated[list[str] | None, typer.Option("--why", metavar="TEXT", help="Why.")] = None,
    plan: Annotated[
        list[str] | None, typer.Option("--plan", metavar="TEXT", help="One item of next week's plan; repeatable.")
    ] = None,
) -> None:
    """Write the week's reflection and next week's plan: in $EDITOR on a template
    pre-filled with the review's notes (like git commit), or in one line with
    flags. Writing again replaces it and keeps the earlier text in history.

    \b
    Examples:
      salelog review write
      salelog review write --went-well "成交两单" --went-badly "拜访太少" \\
          --why "周二周四被会议占满" --plan "每天上午先打10个电话约拜访" --plan "A类客户每周至少联系一次"
    """
    now = clock.now()
    period = _reviewable_week(week, now)
    given = {"went_well": went_well, "went_badly": went_badly, "why": why}
    conn = store.connect(db_option(ctx), create=False)
    if any([went_well, went_badly, why, plan]):
        reflection = {k: check_text("\n".join(v), f"--{k.replace('_', '-')}") if v else None for k, v in given.items()}
        items = [check_text(p, "--plan").strip() for p in plan or [] if p.strip()]
    else:
        with store.reading(conn):
            data = gather(conn, period, now)
        reflection, items = _edit_in_editor(period, data)
    with store.writing(conn, undo_as=f"review write {period.label()}"):
        store.add_review(conn, period.start.isoformat(), reflection, items, now)
    saved = "review of week {label} saved, with {n} plan item" + ("s" if len(items) != 1 else "")
    print(tr(saved, label=period.label(), n=len(items)))


def _edit_in_editor(period: Period, data: dict) -> tuple[dict, list[str]]:
    """Open $VISUAL/$EDITOR on the template; nothing is saved if it fails or is left unchanged."""
    import shlex
    import subprocess
    import tempfile

    from ..review import parse_reflection, reflection_template
    from .prompts import interactive

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
    finally:
        os.unlink(path)
    if text == template:
        raise SalelogError(tr("the template was left unchanged"), tr("nothing was saved"))
    reflection, items = parse_reflection(text)
    if not any(reflection.values()) and not items:
        raise SalelogError(tr("the review is empty"), tr("nothing was saved"))
    # Text from the editor passes the same check at the door as the flags' text.
    reflection = {k: check_text(v, f"--{k.replace('_', '-')}") if v else v for k, v in reflection.items()}
    return reflection, [check_text(item, "--plan") for item in items]


@app.command("check")
def check(
    ctx: typer.Context,
    item: Annotated[int, typer.Argument(metavar="ID", help="The plan item's number (see: salelog review).")],
    status: Annotated[str, typer.Argument(metavar="done|partly|not", help="How it went.")],
    note: Annotated[str | None, typer.Option("--note", metavar="TEXT", help="A word on how it went.")] = None,
) -> None:
    """Record how an item of last week's plan went.

    \b
    Examples:
      salelog review check 3 done
      salelog review check 4 partly --note "只做到三天"
    """
    word = status.strip().lower()
    if word not in STATUSES:
        raise SalelogError(tr('unknown status "{status}"', status=status[:20]), tr("use done, partly or not"))
    text = check_text(note, "--note")
    conn = store.connect(db_option(ctx), create=False)
    with store.writing(conn, undo_as=f"review check {item} {word}"):
        checked = store.check_plan_item(conn, item, word, text, clock.now())
    print(tr("plan item #{id} ({text}): {status}", id=item, text=visible(checked["text"]), status=tr(word)))


def trend(
    ctx: typer.Context,
    weeks: Annotated[int, typer.Option("--weeks", "-n", help="How many weeks, ending with this one.")] = 8,
    metric: Annotated[str | None, typer.Option("--metric", "-m", metavar="METRIC", help="Only this metric.")] = None,
    months: Annotated[bool, typer.Option("--months", help="Month by month instead (the last --weeks months).")] = False,
    as_json: Annotated[bool, typer.Option("--json", help="Print JSON.")] = False,
) -> None:
    """Weekly (or monthly) actuals against targets per metric, with a sparkline
    and the achievement rate; periods without a target show as such, not as 0%.

    \b
    Examples:
      salelog trend
      salelog trend --weeks 12 --metric revenue
      salelog trend --months --weeks 6 --json
    """
    from .. import report
    from .. import review as rv
    from ..metrics import BUILT_IN, custom_metric, resolve_metric
    from ..periods import month_of

    if not 1 <= weeks <= 520:
        raise SalelogError(tr("--weeks {n} is out of range", n=weeks), tr("give 1 to 520"))
    now, calendar = clock.now(), load_calendar()
    if months:
        periods, day = [], month_of(now.date())
        for _ in range(weeks):
            periods.insert(0, day)
            day = month_of(day.start - timedelta(days=1))
    else:
        periods = rv.weeks_back(now.date(), weeks)
    span = Period(periods[0].start, periods[-1].end)
    conn = store.connect(db_option(ctx), create=False)
    with store.reading(conn):
        custom = store.custom_metric_names(conn)
        chosen = (
            [resolve_metric(metric, custom)] if metric else [*BUILT_IN, *(custom_metric(n) for n in sorted(custom))]
        )
        entries = store.entries_in(conn, span)  # one read of the span, bucketed below
        long_goals = store.goals_overlapping(conn, span.start.isoformat(), span.end.isoformat())
        week_goals = store.goals_overlapping(conn, span.start.isoformat(), span.end.isoformat(), weeks=True)
    import bisect

    actuals = {m.id: [] for m in chosen}
    targets = {m.id: [] for m in chosen}
    moments = [e["at"] for e in entries]  # sorted by store.entries_in: each period is a slice
    for period in periods:
        rows = entries[bisect.bisect_left(moments, period.lower) : bisect.bisect_left(moments, period.upper)]
        own = [g for g in week_goals if g["start_date"] == period.start.isoformat()] if not months else []
        if months:
            goals = [g for g in long_goals if g["period"] == "month" and g["start_date"] == period.start.isoformat()]
            derived = report.day_targets(
                [g for g in long_goals if g["period"] != "month"], period.working_days(calendar), calendar
            )
            period_targets = {g["metric"]: g["target"] for g in goals}
            for name, shares in derived.items():
                period_targets.setdefault(name, sum(shares.values()))
        else:
            period_targets = {k: v[0] for k, v in report.week_targets(own, long_goals, period, calendar).items()}
        for m in chosen:
            actuals[m.id].append(report.actual(m, rows, period))
            targets[m.id].append(period_targets.get(m.id))
    shown = [m for m in chosen if metric or any(actuals[m.id]) or any(t is not None for t in targets[m.id])]
    rows = rv.trend_rows(periods, actuals, targets, shown)
    if as_json:
        print(json.dumps({"unit": "month" if months else "week", "metrics": rows}, ensure_ascii=False, indent=2))
        return
    from ..sheet import show
    from ..views_weekly import trend_blocks

    show(trend_blocks(rows, "month" if months else "week"))
