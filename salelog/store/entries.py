"""Entries (the logged calls, visits, emails, meetings and messages) and the one
home of the rule that a contact closes the customer's due follow-ups and opens
its own next step."""

from _collections_abc import Iterator  # collections.abc would import collections: ~2 ms a start-up
from datetime import date, datetime, timedelta

from ..errors import SalelogError
from ..fields import LISTS, SCALARS, json_key, list_table
from ..i18n import tr
from ..periods import Calendar, Period, next_working_day
from .engine import sqlite3
from .followups import update_followup
from .rows import as_dict, as_list, list_sql, stamp, update_row, where_sql


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
    later than `now`), and open the entry's next
    step (when it has a step or a date) as a new follow-up, and its complaint (if
    any) as a complaint follow-up due the next working day by `calendar`; and record
    the rewards it is the first to reach (rewards_reached_by) -> (the entry's id,
    the follow-ups it closed)."""
    entry_id = insert_entry(conn, customer_id, entry, lists, now, deal_id)
    # A contact that has not happened yet leaves what is due open, rather than done at a moment still to come.
    closed = [] if dated_later(entry["at"], now) else close_due_followups(conn, customer_id, entry_id, entry["at"])
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
    return at > stamp(now + timedelta(minutes=1))


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


def entries_in(conn: sqlite3.Connection, period: Period) -> list[dict]:
    """The period's entries, oldest first, each with its customer's first contact
    and first sale ever (for new-clients and prospects) and its lists (tags, competitors).
    Reads only the period's rows (index on at; per-customer lookups by index)."""
    bounds = (period.lower, period.upper)
    # Each customer's first contact and first sale, looked up once a customer (by
    # index), not once a row: a quarter has thousands of rows but a few hundred customers.
    firsts = {
        customer_id: (first_at, first_sale_at)
        for customer_id, first_at, first_sale_at in conn.execute(
            "SELECT c.customer_id,"
            " (SELECT min(p.at) FROM entries p WHERE p.customer_id = c.customer_id),"
            " (SELECT min(p.at) FROM entries p WHERE p.customer_id = c.customer_id AND p.amount_fen > 0)"
            " FROM (SELECT DISTINCT customer_id FROM entries WHERE at >= ? AND at < ?) c",
            bounds,
        )
    }
    rows = conn.execute(
        'SELECT e.id, e.at, e.kind, e.amount_fen, e.minutes, e.feedback, e.customer_id, c.name AS customer, c."class"'
        " FROM entries e JOIN customers c ON c.id = e.customer_id"
        " WHERE e.at >= ? AND e.at < ? ORDER BY e.at, e.id",
        bounds,
    )
    names = [column[0] for column in rows.description]
    keys = [json_key(f) for f in LISTS]
    entries = []
    for row in rows:
        entry = dict(zip(names, row, strict=True))
        entry["first_at"], entry["first_sale_at"] = firsts[entry["customer_id"]]
        for key in keys:
            entry[key] = []
        entries.append(entry)
    by_id = {e["id"]: e for e in entries}
    for field, key in zip(LISTS, keys, strict=True):
        table, column = list_table(field)
        for entry_id, value in conn.execute(
            f"SELECT t.entry_id, t.{column} FROM {table} t JOIN entries e ON e.id = t.entry_id"
            " WHERE e.at >= ? AND e.at < ? ORDER BY t.rowid",
            (period.lower, period.upper),
        ):
            by_id[entry_id][key].append(value)
    return entries


def kinds_and_amounts_in(conn: sqlite3.Connection, period: Period) -> list[dict]:
    """The period's entries with only their time, kind and amount, oldest first:
    what report.actual reads for revenue, deals and the kinds (report.reads_whole_entries)."""
    rows = conn.execute(
        "SELECT at, kind, amount_fen FROM entries WHERE at >= ? AND at < ? ORDER BY at, id",
        (period.lower, period.upper),
    )
    return [{"at": at, "kind": kind, "amount_fen": amount} for at, kind, amount in rows]


def list_entries(
    conn: sqlite3.Connection,
    since: str | None = None,
    until: str | None = None,
    customer_id: int | None = None,
    kind: str | None = None,
    limit: int | None = None,
) -> list[dict]:
    """Entries with every stored field (a list field as a list under its
    json_key) and a sale's cancellations (accounts.cancellations_of), newest
    first; bounds are entries.at strings (since inclusive, until exclusive)."""
    from .accounts import cancellations_of

    where, params = [], []
    for clause, value in (
        ("e.at >= ?", since),
        ("e.at < ?", until),
        ("e.customer_id = ?", customer_id),
        ("e.kind = ?", kind),
    ):
        if value is not None:
            where.append(clause)
            params.append(value)
    sql = _entries_sql(where) + " ORDER BY e.at DESC, e.id DESC" + (" LIMIT ?" if limit else "")
    rows = conn.execute(sql, params + ([limit] if limit else []))
    entries = [as_dict(rows, row) for row in rows]
    keys = [json_key(f) for f in LISTS]
    cancelled = cancellations_of(conn, [e["id"] for e in entries if e["amount_fen"]])
    for entry in entries:
        for key in keys:
            entry[key] = as_list(entry[key])
        entry["cancellations"] = cancelled.get(entry["id"], [])
    return entries


def iter_entries(conn: sqlite3.Connection, since: str | None = None, until: str | None = None) -> Iterator[dict]:
    """The entries list_entries gives, but oldest first and one at a time as SQLite
    reads them (one query, each list gathered by group_concat), so that an export
    of any size holds one row at a time; bounds as list_entries'."""
    where, params = [], []
    for clause, value in (("e.at >= ?", since), ("e.at < ?", until)):
        if value is not None:
            where.append(clause)
            params.append(value)
    from .accounts import cancellations_of

    cancelled = cancellations_of(conn, None)  # all of them: few beside the entries
    rows = conn.execute(_entries_sql(where) + " ORDER BY e.at, e.id", params)
    names = [column[0] for column in rows.description]
    keys = [json_key(f) for f in LISTS]
    for row in rows:
        entry = dict(zip(names, row, strict=True))
        for key in keys:
            entry[key] = as_list(entry[key])
        entry["cancellations"] = cancelled.get(entry["id"], [])
        yield entry


def _entries_sql(where: list[str]) -> str:
    """SELECT of every stored field of the entries matching `where`, each list
    field (list_sql) under its json_key, values in the order typed."""
    lists = [
        list_sql(f"SELECT t.{column} AS v FROM {table} t WHERE t.entry_id = e.id ORDER BY t.rowid") + f" AS {key}"
        for f, key in zip(LISTS, [json_key(f) for f in LISTS], strict=True)  # in the order typed
        for table, column in [list_table(f)]
    ]
    return (
        "SELECT e.id, c.name AS customer, e.deal_id AS deal, "
        + ", ".join([f"e.{f.column}" for f in SCALARS] + lists)
        + " FROM entries e JOIN customers c ON c.id = e.customer_id"
        + where_sql(where)
    )


def entry_count(conn: sqlite3.Connection, customer_id: int) -> int:
    return conn.execute("SELECT count(*) FROM entries WHERE customer_id = ?", (customer_id,)).fetchone()[0]


def entry_id_for(conn: sqlite3.Connection, ref: str) -> int:
    """An entry reference as typed (an id, #id, or `last` = the latest logged) -> its id."""
    text = ref.strip().lstrip("#").lower()
    if text in ("last", "最后", "上一条"):
        row = conn.execute("SELECT max(id) FROM entries").fetchone()
        if row[0] is None:
            raise SalelogError(tr("no entries yet"), tr("log one: salelog visit add 张总"))
        return row[0]
    if not text.isdigit() or not conn.execute("SELECT 1 FROM entries WHERE id = ?", (int(text),)).fetchone():
        raise SalelogError(tr('no entry "{ref}"', ref=ref), tr("give an id from salelog visit list, or last"))
    return int(text)


def entry(conn: sqlite3.Connection, entry_id: int) -> dict:
    rows = conn.execute(
        "SELECT e.*, c.name AS customer FROM entries e JOIN customers c ON c.id = e.customer_id WHERE e.id = ?",
        (entry_id,),
    )
    return as_dict(rows, rows.fetchone())


def _open_complaint(conn, customer_id: int, entry_id: int, entry: dict, now: datetime, calendar) -> None:
    """The entry's complaint opens a complaint follow-up due the working day after its day (`calendar`)."""
    due = next_working_day(date.fromisoformat(entry["at"][:10]), calendar).isoformat()
    _insert_followup(conn, customer_id, entry_id, entry["complaint"], due, created_at=stamp(now), kind="complaint")


def update_entry(
    conn: sqlite3.Connection,
    entry_id: int,
    fields: dict,
    lists: dict[str, list[str] | None],
    *,
    now: datetime,
    calendar: Calendar | None = None,
) -> None:
    """Change an entry's columns, and replace each list given in `lists` (None:
    keep it); its open follow-up follows a changed next step or date, and its
    complaint follow-up a changed complaint (follow_complaint: `now`, `calendar`)."""
    update_row(conn, "entries", entry_id, fields)
    _set_lists(conn, entry_id, lists)
    if {"complaint", "customer_id"} & fields.keys():
        follow_complaint(conn, entry_id, now=now, calendar=calendar)
    if {"next_step", "next_date", "customer_id"} & fields.keys():
        e = conn.execute(
            "SELECT customer_id, next_step, next_date, created_at FROM entries WHERE id = ?", (entry_id,)
        ).fetchone()
        linked = conn.execute(
            "SELECT id FROM followups WHERE entry_id = ? AND status = 'open' AND kind IS NULL", (entry_id,)
        ).fetchone()
        if linked and (e[1] or e[2]):
            update_followup(conn, linked[0], {"customer_id": e[0], "what": e[1], "due_date": e[2]})
        elif linked:
            conn.execute("DELETE FROM followups WHERE id = ?", (linked[0],))
        elif e[1] or e[2]:  # dated as the entry was logged, not as it was edited
            _insert_followup(conn, e[0], entry_id, e[1], e[2], created_at=e[3])


def follow_complaint(conn: sqlite3.Connection, entry_id: int, *, now: datetime, calendar: Calendar | None) -> None:
    """After an edit of the entry's complaint (or customer): a complaint where there
    was none opens its follow-up as record_contact does, once; an open one takes
    the new text (and customer), or goes when the complaint is cleared; one done stays done."""
    rows = conn.execute("SELECT * FROM entries WHERE id = ?", (entry_id,))
    e = as_dict(rows, rows.fetchone())
    found = conn.execute(
        "SELECT id, status FROM followups WHERE entry_id = ? AND kind = 'complaint' ORDER BY id DESC LIMIT 1",
        (entry_id,),
    ).fetchone()
    if found is None:
        if e["complaint"]:
            _open_complaint(conn, e["customer_id"], entry_id, e, now, calendar)
    elif found[1] == "open" and e["complaint"]:
        update_followup(conn, found[0], {"customer_id": e["customer_id"], "what": e["complaint"]})
    elif found[1] == "open":
        conn.execute("DELETE FROM followups WHERE id = ?", (found[0],))


def delete_entry(conn: sqlite3.Connection, entry_id: int) -> None:
    """Delete an entry with its lists (tags, competitors: ON DELETE CASCADE) and the open follow-up it opened."""
    conn.execute("DELETE FROM followups WHERE entry_id = ? AND status = 'open'", (entry_id,))
    conn.execute("DELETE FROM entries WHERE id = ?", (entry_id,))


def last_entry_of(conn: sqlite3.Connection, customer_id: int) -> dict | None:
    rows = conn.execute("SELECT * FROM entries WHERE customer_id = ? ORDER BY at DESC, id DESC LIMIT 1", (customer_id,))
    row = rows.fetchone()
    return as_dict(rows, row) if row else None


def rewards_reached_by(conn: sqlite3.Connection) -> list[dict]:
    """The rewards (store.rewards) the command being recorded was the first to
    reach, in the order reached: metric, period, start_date, at_value (the mark),
    reward, target. By command, not entry id: an undone entry's id comes back."""
    rows = conn.execute(
        "SELECT metric, period, start_date, at_value, reward, target FROM reward_announcements"
        " WHERE command_id = (SELECT id FROM undo_log WHERE recording = 1) ORDER BY rowid"
    )
    return [as_dict(rows, row) for row in rows]
