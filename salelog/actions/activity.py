"""activity add / list / rm: time not spent with customers (learning, training,
admin, travel, other), which the day's report and the week review set against
the time with customers."""

from datetime import timedelta

from .. import store
from ..activities import KINDS, resolve_activity_kind
from ..context import Context
from ..errors import SalelogError
from ..i18n import chinese, tr, weekday
from ..text import check_text, visible
from .show import asked_first


def activity_add(
    run: Context, *, kind: str, minutes: str | None = None, at: str | None = None, note: str | None = None
) -> None:
    """Log one activity (now unless --at); print one confirmation line."""
    from ..parse import parse_datetime, parse_minutes

    now = run.now
    kind_id = resolve_activity_kind(kind)  # everything is read before the database is opened
    length = parse_minutes(minutes) if minutes is not None else None
    if at is not None and not at.strip():
        raise SalelogError("--at is empty", "give when it happened, e.g. --at 昨天下午3点, or leave --at out for now")
    when = parse_datetime(at, now) if at is not None else now
    text = (check_text(note, "--note") or "").strip() or None
    conn = store.connect(run.db)
    what = f"{kind_id}" + (f" {length} min" if length is not None else "")
    with store.writing(conn, undo_as=f"activity add {what}"):
        activity_id = store.add_activity(
            conn, kind=kind_id, minutes=length, at=when.strftime("%Y-%m-%d %H:%M:%S"), note=text, now=now
        )
        store.relabel(conn, f"activity add #{activity_id} ({what})")
    parts = [tr("activity #{id}: {kind}", id=activity_id, kind=kind_shown(kind_id))]
    if length is not None:
        parts.append(tr("{n} min", n=length))
    parts.append(f"{weekday(when.weekday())} {when:%Y-%m-%d %H:%M}")
    if text:
        parts.append(visible(text, one_line=True))
    print(" · ".join(parts))


def kind_shown(kind: str) -> str:
    return KINDS[kind] if chinese() else f"{kind} {KINDS[kind]}"


def activity_list(run: Context, *, since: str | None = None, until: str | None = None, as_json: bool = False) -> None:
    """Activities newest first, optionally since/until a day (both inclusive)."""
    from ..parse import parse_since_until
    from .show import print_json

    first, last = parse_since_until(since, until, run.now)  # 上周, this week: from their first day to their last
    lower = first.isoformat() if first else None
    upper = (last + timedelta(days=1)).isoformat() if last else None
    conn = store.connect(run.db, create=False)
    with store.reading(conn):
        rows = store.list_activities(conn, lower, upper)
    if as_json:
        print_json(rows)
        return
    if not rows:
        print(tr("No activities match. Log one: salelog activity add learning --minutes 90"))
        return
    from ..sheet import Column, Table, show

    table = Table(Column(tr("ID"), "right"), Column(tr("When"), no_wrap=True), Column(tr("Kind"), no_wrap=True))
    table.columns += [Column(tr("Minutes"), "right"), Column(tr("Note"))]
    for a in rows:
        minutes = "" if a["minutes"] is None else f"{a['minutes']:,}"
        table.add_row(str(a["id"]), a["at"][:16], kind_shown(a["kind"]), minutes, visible(a["note"] or ""))
    show([table])


def activity_rm(run: Context, *, activity_id: int, yes: bool = False, confirm=None) -> None:
    """Delete an activity; without `yes`, `confirm(question) -> bool` asks first
    (None: no terminal to ask on, so refuse). salelog undo brings it back."""
    conn = store.connect(run.db, create=False)
    with store.reading(conn):
        shown = activity_line(store.activity(conn, activity_id))
    if not asked_first(
        yes,
        confirm,
        refusal=tr("not deleting activity #{id} without confirmation", id=activity_id),
        question=tr("delete activity #{id} {activity}?", id=activity_id, activity=shown),
    ):
        return
    with store.writing(conn, undo_as=f"activity rm #{activity_id} ({shown})"):
        store.activity(conn, activity_id)  # still there under the write lock
        store.delete_activity(conn, activity_id)
    print(tr("deleted activity #{id} {activity} (salelog undo brings it back)", id=activity_id, activity=shown))


def activity_line(a: dict) -> str:
    minutes = tr(" {n} min", n=a["minutes"]) if a["minutes"] is not None else ""
    return f"{a['at'][:16]} {kind_shown(a['kind'])}{minutes}"
