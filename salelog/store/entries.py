"""Entries (the logged calls, visits, emails, meetings and messages) and the one
home of the rule that a contact closes the customer's due follow-ups and opens
its own next step."""

from datetime import date, datetime, timedelta

from ..fields import LISTS, SCALARS, list_table
from ..metrics import SALE
from ..periods import Calendar, next_working_day
from .engine import sqlite3
from .rows import as_dict, stamp


def insert_entry(
    conn: sqlite3.Connection,
    customer_id: int,
    entry: dict,
    lists: dict[str, list[str]],
    now: datetime,
    deal_id: int | None = None,
) -> int:
    """Add one log entry (`entry`: its columns, fields.SCALARS), linked to `deal_id`,
    and its lists (`lists`: values by list field key, e.g. {"tag": [...], "competitor": [...]}) -> its id."""
    columns = [f.column for f in SCALARS]
    cursor = conn.execute(
        f"INSERT INTO entries (customer_id, deal_id, {', '.join(columns)}, created_at)"
        f" VALUES (:customer_id, :deal_id, {', '.join(':' + c for c in columns)}, :created_at)",
        {**dict.fromkeys(columns), **entry, "customer_id": customer_id, "deal_id": deal_id, "created_at": stamp(now)},
    )
    entry_id = cursor.lastrowid
    _set_lists(conn, entry_id, lists, new=True)
    return entry_id


def _set_lists(conn: sqlite3.Connection, entry_id: int, lists: dict[str, list[str] | None], *, new=False) -> None:
    """Replace the entry's values of every list field given (None or absent: keep
    them); a `new` entry has none to remove, and no value is sent for an empty list."""
    for field in LISTS:
        values = lists.get(field.key)
        if values is None or (new and not values):
            continue
        table, column = list_table(field)
        if not new:
            conn.execute(f"DELETE FROM {table} WHERE entry_id = ?", (entry_id,))
        conn.executemany(
            f"INSERT OR IGNORE INTO {table} (entry_id, {column}) VALUES (?, ?)", [(entry_id, v) for v in values]
        )


# --- the contact rule: logging a contact closes what was due and opens what is next ---


def record_contact(
    conn: sqlite3.Connection,
    customer_id: int,
    entry: dict,
    *,
    lists: dict[str, list[str]],
    now: datetime,
    calendar: Calendar | None = None,
    deal_id: int | None = None,
) -> tuple[int, list[dict]]:
    """Log a contact with the customer as visit add and import do: insert the
    entry (linked to `deal_id`) and its lists (tags, competitors), close the
    customer's open follow-ups due by the contact's day (none for a contact dated
    later than `now`, nor for a sale booked with no contact), and open the entry's next
    step (when it has a step or a date) as a new follow-up, and its complaint (if
    any) as a complaint follow-up due the next working day by `calendar`; and record
    the rewards it is the first to reach (rewards_reached_by) -> (the entry's id,
    the follow-ups it closed)."""
    entry_id = insert_entry(conn, customer_id, entry, lists, now, deal_id)
    closes = closes_followups(entry["kind"], entry["at"], now)
    closed = close_due_followups(conn, customer_id, entry_id, entry["at"]) if closes else []
    if entry["next_step"] or entry["next_date"]:
        open_followup(conn, customer_id, entry_id, entry["next_step"], entry["next_date"], now)
    if entry.get("complaint"):
        _open_complaint(conn, customer_id, entry_id, entry, now, calendar)
    # A reward reached is said once: looked into only while one of the day's is unsaid.
    if _reward_unsaid_on(conn, entry["at"][:10]):
        from .rewards import announce_crossed

        announce_crossed(conn, entry_id, entry, lists, now)
    return entry_id, closed


def dated_later(at: str, now: datetime) -> bool:
    """Whether a contact at `at` (entries.at) is dated later than `now`, beyond a minute's
    slack (a time typed to the minute): one that has not happened yet."""
    return at > latest_happened(now)


def latest_happened(now: datetime) -> str:
    """The latest entries.at of a contact that has happened by `now` (dated_later's bound)."""
    return stamp(now + timedelta(minutes=1))


def closes_followups(kind: str, at: str, now: datetime) -> bool:
    """The rule of which entry closes its customer's follow-ups due by its day: a contact
    that has happened. One not yet happened leaves them open, rather than done at a moment
    still to come; so does a sale booked with no contact (kind sale: a won deal's revenue),
    which nobody followed up with. (store/entry_edits.py asks the same of the other entries.)"""
    return kind != SALE and not dated_later(at, now)


def _reward_unsaid_on(conn: sqlite3.Connection, day: str) -> bool:
    """Whether a reward whose period holds `day` (ISO) is not yet said at its mark
    (its milestone, or the target in force): the cheap question each logged entry
    asks before store/rewards.py is loaded (index on start_date)."""
    mark = (
        "coalesce(r.at_value, (SELECT g.target FROM current_goals g"
        " WHERE g.metric = r.metric AND g.period = r.period AND g.start_date = r.start_date))"
    )
    said = (
        "SELECT 1 FROM reward_announcements a WHERE a.metric = r.metric AND a.period = r.period"
        f" AND a.start_date = r.start_date AND a.at_value = {mark}"
    )
    query = f"SELECT 1 FROM rewards r WHERE r.start_date <= ?1 AND r.end_date >= ?1 AND NOT EXISTS ({said}) LIMIT 1"
    return conn.execute(query, (day,)).fetchone() is not None


def close_due_followups(conn: sqlite3.Connection, customer_id: int, entry_id: int, at: str) -> list[dict]:
    """A new contact with the customer at `at` (entries.at) closes its open
    follow-ups due by that day, as done at that moment (so a back-filled contact
    counts as on time); undated ones stay open -> the closed follow-ups."""
    on = at[:10]
    rows = conn.execute(
        "SELECT id, what, due_date FROM followups WHERE customer_id = ? AND status = 'open'"
        " AND due_date <= ? AND (entry_id IS NULL OR entry_id != ?) ORDER BY due_date, id",
        (customer_id, on, entry_id),
    )
    closed = [as_dict(rows, row) for row in rows]
    conn.executemany(
        "UPDATE followups SET status = 'done', done_at = ?, done_by_entry_id = ? WHERE id = ?",
        [(at, entry_id, f["id"]) for f in closed],
    )
    return closed


def open_followup(
    conn: sqlite3.Connection, customer_id: int, entry_id: int | None, what: str | None, due: str | None, now: datetime
) -> int:
    """A new open follow-up for the customer (`entry_id`: the entry whose next step it is) -> its id."""
    return _insert_followup(conn, customer_id, entry_id, what, due, created_at=stamp(now))


def _insert_followup(
    conn: sqlite3.Connection,
    customer_id: int,
    entry_id: int | None,
    what: str | None,
    due: str | None,
    *,
    created_at: str,
    kind: str | None = None,
) -> int:
    cursor = conn.execute(
        "INSERT INTO followups (customer_id, entry_id, what, due_date, created_at, kind) VALUES (?, ?, ?, ?, ?, ?)",
        (customer_id, entry_id, what, due, created_at, kind),
    )
    return cursor.lastrowid


# --- reading and fixing what was logged ---


def _open_complaint(conn, customer_id: int, entry_id: int, entry: dict, now: datetime, calendar) -> None:
    """The entry's complaint opens a complaint follow-up due the working day after its day (`calendar`)."""
    due = next_working_day(date.fromisoformat(entry["at"][:10]), calendar).isoformat()
    _insert_followup(conn, customer_id, entry_id, entry["complaint"], due, created_at=stamp(now), kind="complaint")


def rewards_reached_by(conn: sqlite3.Connection) -> list[dict]:
    """The rewards (store.rewards) the command being recorded was the first to
    reach, in the order reached: metric, period, start_date, at_value (the mark),
    reward, target. By command, not entry id: an undone entry's id comes back."""
    rows = conn.execute(
        "SELECT metric, period, start_date, at_value, reward, target FROM reward_announcements"
        " WHERE command_id = (SELECT id FROM undo_log WHERE recording = 1) ORDER BY rowid"
    )
    return [as_dict(rows, row) for row in rows]
