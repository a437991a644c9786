"""review / review write / review check: close the week — target against actual,
the numbers that explain it, improvement notes, the reflection and next week's plan."""

import os
from datetime import datetime, timedelta

from .. import store
from ..context import Context
from ..errors import SalelogError, UsageProblem
from ..i18n import tr
from ..periods import Period, parse_week
from ..text import check_text, visible
from .progress import week_figures

STATUSES = ("done", "partly", "not")


def review_show(run: Context, *, week: str | None = None, as_json: bool = False, markdown: bool = False) -> None:
    """The week's review as a screen, --json or --markdown."""
    from ..periods import load_calendar

    now = run.now
    period = reviewable_week(week, now)
    conn = store.connect(run.db, create=False)
    with store.reading(conn):
        data = gather(conn, period, now, load_calendar())
    if as_json:
        from .show import print_json

        print_json(data | {"notes": [{k: v for k, v in n.items() if k != "shown"} for n in data["notes"]]})
    elif markdown:  # --json text stays English; the screen and Markdown show `shown`
        from ..i18n import chinese
        from ..review import review_markdown

        print(review_markdown(data, chinese=chinese()), end="")
    else:
        from ..sheet import show
        from ..views_weekly import review_blocks

        show(review_blocks(data))


def reviewable_week(text: str | None, now: datetime) -> Period:
    """--week as given, refused if it lies in the future."""
    period = parse_week(text, now)
    if period.start > now.date():
        raise SalelogError(
            tr("week {start} → {end} has not started", start=period.start, end=period.end),
            tr("review this week or an earlier one"),
        )
    return period


def gather(conn, week: Period, now: datetime, calendar) -> dict:
    """Everything the review shows, as the JSON it prints."""
    from .. import report
    from .. import review as rv

    # One read of the week and the four before it (the trailing average), cut by `at` below.
    earlier = [Period(week.start - timedelta(days=7 * i), week.end - timedelta(days=7 * i)) for i in range(1, 5)]
    span = Period(earlier[-1].start, week.end)
    rows = store.entries_in(conn, span)
    due = store.followups_due_between(conn, span.start.isoformat(), span.end.isoformat())
    entries = _within(rows, week)
    figures = week_figures(conn, week, now, calendar, entries)

    def numbers_of(period: Period, period_rows: list[dict]) -> dict:
        first, last = period.start.isoformat(), period.end.isoformat()
        period_due = [f for f in due if first <= f["due_date"] <= last]
        days_so_far = [d for d in period.working_days(calendar) if d <= now.date()]  # a week in progress
        return rv.explain(period_rows, period, period_due, days_so_far, now.date())

    numbers = numbers_of(week, entries)
    average = rv.trailing_average([numbers_of(p, _within(rows, p)) for p in earlier])
    notes = rv.improvement_notes(figures, numbers, average, entries)
    pipeline = _pipeline_of(conn, week, now, calendar, notes)
    last_week = (week.start - timedelta(days=7)).isoformat()
    eight_weeks = store.plan_items(conn, since=(week.start - timedelta(days=56)).isoformat(), until=last_week)
    reflection = store.latest_review(conn, week.start.isoformat())
    metrics = report.figures_json(figures)["metrics"]
    over = report.week_over(figures)
    for m, f in zip(metrics, figures.metrics, strict=True):
        m["verdict"] = report.metric_verdict(f, over)
    from .day import review_extras  # the week's time and day notes

    extras = review_extras(conn, week, entries)
    return {
        "period": {"start": week.start.isoformat(), "end": week.end.isoformat(), "label": week.label()},
        "week_over": over,
        "empty": not entries,
        "metrics": metrics,
        "explained": rv.explained_json(numbers, average),
        "average_weeks": average["weeks"],
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
        "notes": [n | {"kind": kind} for kind in ("went_well", "improve") for n in notes[kind]],
        "reflection": reflection
        and {k: reflection[k] for k in ("went_well", "went_badly", "why", "written_at", "versions")},
        "plan": (reflection or {}).get("plan", []),
        "last_week_plan": [p for p in eight_weeks if p["week_start"] == last_week],
        "plan_kept_8_weeks": {s: sum(1 for p in eight_weeks if p["status"] == s) for s in STATUSES}
        | {"unchecked": sum(1 for p in eight_weeks if p["status"] is None), "items": len(eight_weeks)},
        **extras,
    } | ({"pipeline": pipeline} if pipeline else {})


def _pipeline_of(conn, week: Period, now: datetime, calendar, notes: dict) -> dict | None:
    """The week's pipeline movement (None without deals), and a rule note when the
    weighted pipeline closing next week is below next week's revenue target."""
    deals = store.list_deals(conn)
    if not deals:
        return None
    from ..deals import ladder
    from ..money import yuan
    from ..pipeline import closing_in, revenue_still_needed, week_movement

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


def _within(rows: list[dict], period: Period) -> list[dict]:
    """The rows of `period` among store.entries_in's rows of a longer span (sorted by
    `at`): the same rows entries_in(period) gives, first contact and first sale
    being a customer's first ever whatever span was read."""
    import bisect

    moments = [e["at"] for e in rows]
    return rows[bisect.bisect_left(moments, period.lower) : bisect.bisect_left(moments, period.upper)]


def _day_json(day: dict | None) -> dict | None:
    from ..money import yuan

    return day and {"date": day["date"], "contacts": day["contacts"], "revenue": yuan(day["revenue"])}


def review_write(
    run: Context,
    *,
    week: str | None = None,
    went_well: list[str] | None = None,
    went_badly: list[str] | None = None,
    why: list[str] | None = None,
    plan: list[str] | None = None,
) -> None:
    """Save the week's reflection and next week's plan: from the flags, else
    written in $EDITOR on a template of the review's notes."""
    now = run.now
    period = reviewable_week(week, now)
    given = {"went_well": went_well, "went_badly": went_badly, "why": why}
    conn = store.connect(run.db, create=False)
    if any([went_well, went_badly, why, plan]):
        reflection = {k: check_text("\n".join(v), f"--{k.replace('_', '-')}") if v else None for k, v in given.items()}
        items = [check_text(p, "--plan").strip() for p in plan or [] if p.strip()]
    else:
        from ..periods import load_calendar

        with store.reading(conn):
            data = gather(conn, period, now, load_calendar())
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

    from ..commands.prompts import interactive  # imports Typer: this path spawns an editor anyway
    from ..review import parse_reflection, reflection_template

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
