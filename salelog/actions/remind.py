"""remind: what needs attention now, for cron (silent when nothing does)."""

import sys
from datetime import date, timedelta

from .. import config, store
from ..context import Context
from ..i18n import chinese, tr
from ..money import show_amount
from ..periods import is_working_day, load_calendar, week_of
from ..text import plural, visible
from .progress import week_figures
from .show import print_json

TASK_LINES = 5  # slipped tasks pile up: cron mails every run, so the rest is one line


def remind(run: Context, *, notify: bool = False, as_json: bool = False) -> None:
    """Print one line per thing that needs attention now (nothing when nothing
    does): follow-ups and tasks due, missing targets, pace, an empty day,
    neglected A customers; after TASK_LINES tasks, one line for the rest. --json
    keeps the English text and every item, for scripts. With `notify`, a desktop
    notification too, or one line on stderr saying why there is none."""
    items, shown = attention(run, every_item=as_json)
    if as_json:
        print_json(items)
        return
    for text in shown:
        print(f"- {visible(text)}")
    if notify and shown:
        problem = _notify([visible(text) for text in shown])
        if problem:  # the lines above still stand, and cron mails them
            sys.stdout.flush()
            print(tr("note: no desktop notification: {problem}", problem=problem), file=sys.stderr)


def attention(run: Context, *, every_item: bool = True) -> tuple[list[dict], list[str]]:
    """-> (the items as --json gives them, with English text, all of them; the
    lines to print in the output language, tasks after the first TASK_LINES
    summed up in one line). Without `every_item`, the late deals and unpaid sales
    past the first TASK_LINES are only counted (ten years hold thousands of them)."""
    from .. import report

    now, calendar, settings = run.now, load_calendar(), run.settings
    times, a_days = config.remind_times(settings), config.neglect_days(settings)["A"]
    today, week = now.date(), week_of(now.date())
    conn = store.connect(run.db, create=False)
    with store.reading(conn):
        figures = week_figures(conn, week, now, calendar)
        followups = [f for f in report.followup_rows(store.open_followups(conn), today) if report.needs_action(f)]
        tasks = report.task_rows(store.tasks(conn, due_by=today.isoformat()), today)
        logged_today = store.entries_in(conn, type(week)(today, today, "day"))
        cards = store.customer_cards(conn, f"{today.year}-01-01 00:00:00", klass="A")
        overdue_deals = store.open_deals(conn, close_until=(today - timedelta(days=1)).isoformat())
        from .contract import contracts_ending
        from .customer_life import just_dormant_lines

        gone_quiet = just_dormant_lines(conn, run, today)
        ending = contracts_ending(conn, today, config.checked(settings, "contract_warn_days"))
        terms = config.once("payment_terms_days")
        made_before = str(today - timedelta(days=terms - 1))  # made on or before the terms' first day
        unpaid, unpaid_count = store.unpaid_sales(conn, made_before, limit=None if every_item else TASK_LINES)
    items, shown = [], []

    def add(kind: str, english: str, translated: str, *, printed: bool = True) -> None:
        items.append({"kind": kind, "text": english})
        if printed:
            shown.append(translated)

    for f in followups:
        if f["state"] == "overdue":
            late = f"{plural(f['days_overdue'], 'day')} overdue"
            late_shown = tr("{n} days overdue", n=f["days_overdue"]) if chinese() else late
        elif f["state"] == "today":
            late = late_shown = "due today"
        else:
            late, late_shown = f"due {f['due_date']}", tr("due {date}", date=f["due_date"])
        line = (
            "complaint #{id} {customer}: {what} ({late})"
            if f["kind"]
            else "follow-up #{id} {customer}: {what} ({late})"
        )
        values = {"id": f["id"], "customer": f["customer"], "what": f["what"] or ""}
        add(
            f["kind"] or "followup",
            line.format(**values, late=late).replace(" : ", ": "),
            tr(line, **values, late=tr(late_shown)).replace(" : ", ": ").replace(" ：", "："),
        )
    for i, t in enumerate(tasks):
        slipped = f" (slipped {plural(t['slipped_days'], 'day')})" if t["slipped_days"] else ""
        slipped_shown = tr(" (slipped {n} days)", n=t["slipped_days"]) if t["slipped_days"] and chinese() else slipped
        line = "task #{id} [Q{quadrant}] {title}{slipped}"
        values = {"id": t["id"], "quadrant": t["quadrant"], "title": t["title"]}
        printed = i < TASK_LINES
        add("task", line.format(**values, slipped=slipped), tr(line, **values, slipped=slipped_shown), printed=printed)
    if len(tasks) > TASK_LINES:
        shown.append(tr("and {n} more: salelog task list", n=len(tasks) - TASK_LINES))
    if (now.weekday(), now.time()) >= times.targets_by and not any(f.target for f in figures.metrics):
        line = "no targets set for this week: salelog goal set revenue 50万"
        add("no_targets", line, tr(line))
    if now.weekday() in times.pace_days and now.time() >= times.pace_from:
        verdict = report.verdict(figures)
        if verdict["state"] == "behind":
            add("behind_pace", verdict["text"], report.verdict_text(verdict))
    if is_working_day(today, calendar) and now.time() >= times.log_by and not logged_today:
        line = "nothing logged today: salelog visit add 张总 --kind call"
        add("nothing_logged", line, tr(line))
    gone = {values["name"] for _, values in gone_quiet}  # said once, as gone dormant: the more telling
    for card in report.neglected_customers(cards, {"A": a_days}, today):
        if card["name"] in gone:
            continue
        days = report.days_quiet(card, today)
        if card["last_contact"] is None:  # an A customer added and forgotten, not one gone quiet
            since = f"not contacted yet, added {plural(days, 'day')} ago"
            since_shown = tr("not contacted yet, added {n} days ago", n=days) if chinese() else since
        else:
            since, since_shown = f"no contact for {days} days", tr("no contact for {n} days", n=days)
        line = "A customer {name}: {since}"
        add("neglected", line.format(name=card["name"], since=since), tr(line, name=card["name"], since=since_shown))
    for line, values in gone_quiet:
        add("dormant", line.format(**values), tr(line, **values))
    for c in ending:
        ended = c["days_left"] < 0  # and not renewed: no other contract of theirs runs on
        one = abs(c["days_left"]) == 1  # English agrees in number
        line = {
            (True, True): "contract #{id} {customer} ended {ends} (1 day ago)",
            (True, False): "contract #{id} {customer} ended {ends} ({n} days ago)",
            (False, True): "contract #{id} {customer} ends {ends} (in 1 day)",
            (False, False): "contract #{id} {customer} ends {ends} (in {n} days)",
        }[ended, one]
        values = {"id": c["id"], "customer": c["customer"], "ends": c["ends"], "n": abs(c["days_left"])}
        add(
            "contract",
            line.format(**values) + (f": {c['note']}" if c["note"] else ""),
            tr(line, **values) + (tr(": ") + c["note"] if c["note"] else ""),
        )
    if overdue_deals:
        from ..pipeline import late_deals

        late = late_deals(overdue_deals, today)
        for i, d in enumerate(late if every_item else late[:TASK_LINES]):
            line = "deal #{id} {customer}: {title} is past its close date {close}"
            values = {"id": d["id"], "customer": d["customer"], "title": d["title"], "close": d["close_date"]}
            add("late_deal", line.format(**values), tr(line, **values), printed=i < TASK_LINES)
        if len(late) > TASK_LINES:
            shown.append(tr("and {n} more late deals: salelog pipeline", n=len(late) - TASK_LINES))
    for i, sale in enumerate(unpaid):
        line = "sale #{id} {customer}: {owed} unpaid after {days} days"
        values = {"id": sale["entry_id"], "customer": sale["customer"], "owed": show_amount(sale["owed_fen"])}
        days = (today - date.fromisoformat(sale["at"][:10])).days
        add("unpaid", line.format(**values, days=days), tr(line, **values, days=days), printed=i < TASK_LINES)
    if unpaid_count > TASK_LINES:
        shown.append(tr("and {n} more unpaid sales: salelog receivables", n=unpaid_count - TASK_LINES))
    return items, shown


def _notify(lines: list[str]) -> str | None:
    """A desktop notification where the platform has a tool for it -> None, or
    why none was shown (the printed lines stand on their own then)."""
    import shutil
    import subprocess

    body = "\n".join(lines[:8]) + ("\n…" + tr(" and {n} more", n=len(lines) - 8) if len(lines) > 8 else "")
    if shutil.which("notify-send"):
        command = ["notify-send", "salelog", body]
    elif shutil.which("osascript"):
        escaped = body.replace("\\", "\\\\").replace('"', '\\"')
        command = ["osascript", "-e", f'display notification "{escaped}" with title "salelog"']
    else:
        # cron's PATH is short and it has none of the desktop session's variables
        return tr(
            "notify-send is not on PATH; from cron, --notify needs DISPLAY and DBUS_SESSION_BUS_ADDRESS"
            " of your desktop session (and a PATH that has notify-send)"
        )
    try:
        done = subprocess.run(command, check=False, capture_output=True, timeout=10)
    except (OSError, subprocess.TimeoutExpired) as e:
        reason = tr("it did not finish in 10 s") if isinstance(e, subprocess.TimeoutExpired) else str(e)
    else:
        if done.returncode == 0:
            return None
        said = done.stderr.decode("utf-8", "replace").strip().splitlines()
        reason = said[0][:120] if said else tr("exit status {code}", code=done.returncode)
    reason = visible(reason, one_line=True)
    if command[0] != "notify-send":
        return tr("{tool} failed: {reason}", tool=command[0], reason=reason)
    return tr(  # cron's environment has none of the desktop session's variables
        "{tool} failed: {reason}; from cron, --notify needs DISPLAY and DBUS_SESSION_BUS_ADDRESS"
        " of your desktop session",
        tool=command[0],
        reason=reason,
    )
