"""Importing checked rows (salelog/exchange.py parses and checks the files):
entries logged as visit add would log them, customers with their cards."""

from datetime import datetime

from ..errors import SalelogError
from ..fields import LISTS, SCALARS, SOURCE_ID, list_table
from .customer_edits import add_aliases, aliases_and_tags, set_customer_tags, update_customer
from .customers import find_customer
from .engine import sqlite3
from .entries import record_contact
from .rows import stamp, update_row
from .spellings import create_customer, name_taken


def entries_alike(
    conn: sqlite3.Connection, customer_id: int, entry: dict, lists: dict[str, list[str]], *, without_id: bool = False
) -> list[int]:
    """The ids of the customer's entries holding exactly this content, oldest
    first: every field (fields.SCALARS) and every list, whatever its order;
    with `without_id`, only those no imported id claims."""
    columns = [f.column for f in SCALARS]
    unclaimed = f" AND {SOURCE_ID} IS NULL" if without_id else ""
    candidates = conn.execute(
        f"SELECT id FROM entries WHERE customer_id = ? AND {' AND '.join(f'{c} IS ?' for c in columns)}{unclaimed}"
        " ORDER BY id",
        (customer_id, *(entry.get(c) for c in columns)),
    ).fetchall()
    wanted = {f.key: sorted(lists.get(f.key) or []) for f in LISTS}
    return [entry_id for (entry_id,) in candidates if _lists_of(conn, entry_id) == wanted]


def _lists_of(conn: sqlite3.Connection, entry_id: int) -> dict[str, list[str]]:
    lists = {}
    for field in LISTS:
        table, column = list_table(field)
        lists[field.key] = sorted(
            v for (v,) in conn.execute(f"SELECT {column} FROM {table} WHERE entry_id = ?", (entry_id,))
        )
    return lists


def import_entries(conn: sqlite3.Connection, rows: list[dict], now: datetime) -> dict:
    """Log checked rows (exchange.parse_entries) oldest first, as visit add would:
    customers found by name or alias (created when unknown), each row logged by
    entries.record_contact -> {"added": [... "creates": whether the row created its
    customer], "skipped": [...], "new_customers": [names]}.

    Importing a file again adds nothing, yet two identical rows in one file are
    two real contacts (two calls on one day). A row with an id (the file's id
    column) is that id: skipped when an entry already holds it; else, when an
    entry with its very content holds no id (imported before ids were kept),
    that entry takes the id ("linked") and the row is skipped; else it is
    logged with its id. A row without an id is skipped only when the logbook
    already holds as many entries with its very content as the file has rows
    with it up to and including this one."""
    summary: dict = {"added": [], "skipped": [], "new_customers": [], "linked": 0}
    seen: dict[tuple, int] = {}
    for row in sorted(rows, key=lambda r: r["entry"]["at"]):  # stable: file order within a moment
        source_id = row.get(SOURCE_ID)
        if source_id is not None:
            known = _entry_with_source_id(conn, source_id)
            if known:
                summary["skipped"].append({"row": row["row"], "id": known[0], "customer": known[1]})
                continue
        customer_id, name, created = _customer_for(conn, row, now, summary)
        entry, lists = row["entry"], row["lists"]
        if source_id is None:
            same = _same_content_logged(conn, customer_id, entry, lists, seen)
        else:
            same = next(iter(entries_alike(conn, customer_id, entry, lists, without_id=True)), None)
        win = None if same else _win_booked_that_day(conn, customer_id, entry)
        if win:  # the deal's win, booked by the deals' import on its day: it takes this row's moment and text
            _timed_win(conn, win, entry)
            same = win
        if same:
            if source_id is not None:
                _keep_source_id(conn, same, source_id)
                summary["linked"] += 1
            summary["skipped"].append({"row": row["row"], "id": same, "customer": name})
            continue
        entry_id, _ = record_contact(conn, customer_id, entry, lists=lists, now=now)
        if source_id is not None:
            _keep_source_id(conn, entry_id, source_id)
        summary["added"].append({"row": row["row"], "id": entry_id, "customer": name, "creates": created} | entry)
    return summary


def _same_content_logged(
    conn: sqlite3.Connection, customer_id: int, entry: dict, lists: dict, seen: dict[tuple, int]
) -> int | None:
    """The id of the logged entry that this row (without an id) is, or None:
    the n-th row of the file with this content is the n-th such entry.
    `seen` counts the file's rows by content so far."""
    content = (customer_id, *(entry.get(f.column) for f in SCALARS), *(tuple(sorted(v)) for v in lists.values()))
    seen[content] = occurrence = seen.get(content, 0) + 1
    alike = entries_alike(conn, customer_id, entry, lists)
    return alike[occurrence - 1] if len(alike) >= occurrence else None


def _keep_source_id(conn: sqlite3.Connection, entry_id: int, source_id: str) -> None:
    conn.execute(f"UPDATE entries SET {SOURCE_ID} = ? WHERE id = ?", (source_id, entry_id))


def _entry_with_source_id(conn: sqlite3.Connection, source_id: str) -> tuple[int, str] | None:
    """(id, customer name) of the entry an earlier import logged from the row with this id, or None."""
    return conn.execute(
        f"SELECT e.id, c.name FROM entries e JOIN customers c ON c.id = e.customer_id WHERE e.{SOURCE_ID} = ?"
        " ORDER BY e.id LIMIT 1",
        (source_id,),
    ).fetchone()


def _customer_for(conn: sqlite3.Connection, row: dict, now: datetime, summary: dict) -> tuple[int, str, bool]:
    """The customer an imported row names (exact name or alias, or the same name
    ignoring case and width; never a mere beginning), created when unknown ->
    (its id, its name, whether this row created it)."""
    typed = row["customer"]
    try:
        found = find_customer(conn, typed, prefix=False)
    except SalelogError as e:  # several customers share the name's spelling
        raise SalelogError(
            "row {row}, column {column}: {message}", e.hint, row=row["row"], column="customer", message=e.message
        ) from None
    if found:
        return found[0], found[1], False
    # Names close to known ones were refused before (commands/exchange.py), unless --new:
    # no second comparison here (difflib over every customer, for every new one).
    summary["new_customers"].append(typed)
    return create_customer(conn, typed, now), typed, True


def import_customers(conn: sqlite3.Connection, rows: list[dict], now: datetime) -> dict:
    """Add checked rows (exchange.parse_customers) as customers with their tags and
    aliases; a row whose name is a customer's already fills what that card leaves
    empty (a logbook's entries imported first made the customers, bare), else it
    is skipped, as is one whose name is another's alias -> {"added": [{"row",
    "id", "name"}], "filled": [{"row", "name", "fields"}], "skipped": [{"row",
    "name", "owner"}]}."""
    summary: dict = {"added": [], "filled": [], "skipped": []}
    _read_sounds_at_once([row["name"] for row in rows] + [alias for row in rows for alias in row["aliases"]])
    for row in rows:
        owner = name_taken(conn, row["name"])
        filled = _fill_card(conn, row) if owner == row["name"] else []
        if filled:
            summary["filled"].append({"row": row["row"], "name": row["name"], "fields": filled})
            continue
        if owner:
            summary["skipped"].append({"row": row["row"], "name": row["name"], "owner": owner})
            continue
        for alias in row["aliases"]:
            taken = name_taken(conn, alias)
            if taken:
                raise SalelogError(
                    'row {row}, column aliases: "{alias}" already names customer {taken}',
                    "drop that alias, or merge the two later; nothing was imported",
                    row=row["row"],
                    alias=alias,
                    taken=taken,
                )
        customer_id = create_customer(conn, row["name"], now, **row["card"])
        add_aliases(conn, customer_id, row["aliases"])
        set_customer_tags(conn, customer_id, row["tags"])
        summary["added"].append({"row": row["row"], "id": customer_id, "name": row["name"]})
    return summary


def _fill_card(conn: sqlite3.Connection, row: dict) -> list[str]:
    """Fill the card of the customer named row["name"] where it is empty, from the row's
    card, tags and free aliases; nothing it holds is replaced -> the fields filled."""
    columns = [c for c, v in row["card"].items() if v not in (None, "")]
    selected = "".join(f', "{c}"' for c in columns)  # the card's own column names
    customer_id, *held = conn.execute(f"SELECT id{selected} FROM customers WHERE name = ?", (row["name"],)).fetchone()
    empty = {c: row["card"][c] for c, value in zip(columns, held, strict=True) if value in (None, "")}
    if empty:
        update_customer(conn, customer_id, empty)
    tags = [t for t in row["tags"] if t not in aliases_and_tags(conn, customer_id)[1]]
    set_customer_tags(conn, customer_id, tags)
    aliases = [a for a in row["aliases"] if not name_taken(conn, a)]
    add_aliases(conn, customer_id, aliases)
    return [*empty, *(["tags"] if tags else []), *(["aliases"] if aliases else [])]


def import_deals(conn: sqlite3.Connection, rows: list[dict], now: datetime, *, kind: str) -> dict:
    """Add or update checked deals (exchange_deals.parse_deal_rows) -> {"added",
    "updated", "skipped" (unchanged), "booked" (revenue entries logged),
    "new_customers"}. A row is the deal with its id (external_id), or
    without one the customer's deal of that title that no id claims; a changed
    stage moves an open deal. A won deal with a value and a close date books its
    revenue (`kind` of contact) at that date, once: never for a deal that has it."""
    from . import deal_changes, deals

    summary: dict = {"added": [], "updated": [], "skipped": [], "booked": 0, "booked_now": 0, "new_customers": []}
    for row in sorted(rows, key=lambda r: r["row"]):
        customer_id, name, created = _customer_for(conn, row, now, summary)
        known = _deal_of_row(conn, customer_id, row)
        fields = {c: row[c] for c in ("title", "value_fen", "source", "note") if row[c] is not None}
        fields |= {"close_date": row["close"]} if row["close"] else {}
        stage = row["stage"]
        if known is None:
            deal_id = deal_changes.add_deal(
                conn,
                customer_id,
                stage.id,
                fields | {"external_id": row["external_id"]},
                now=now,
                created_at=row["created"] and f"{row['created']} 00:00:00",
            )
            known = deals.deal(conn, deal_id)
            summary["added"].append({"row": row["row"], "id": deal_id, "customer": name, "creates": created} | row)
            changed = True
        else:
            fields = {c: v for c, v in fields.items() if known[c] != v}
            deal_changes.update_deal(conn, known["id"], fields)
            changed = bool(fields)
            if known["closed_at"] is None and stage.id != known["stage"]:
                moment = _closing_moment(row, now) if stage.closed else stamp(now)
                deal_changes.set_stage(conn, known["id"], stage.id, moment)
                changed = True
            elif stage.closed:
                stage = None  # closed before: a re-import changes nothing
            if changed:
                summary["updated"].append(
                    {"row": row["row"], "id": known["id"], "customer": name, "title": row["title"]}
                )
            else:
                summary["skipped"].append({"row": row["row"], "id": known["id"], "customer": name})
        if changed and stage is not None and stage.closed:
            at = _closing_moment(row, now)
            closing = {"closed_at": at} | ({"lost_reason": row["lost_reason"]} if stage.id == "lost" else {})
            deal_changes.update_deal(conn, known["id"], closing)
            value = row["value_fen"] or known["value_fen"]
            won = stage.id == "won" and value and (row["close"] or row["closed_at"])
            if won and not deal_changes.booked_revenue(conn, known["id"]):
                booked = _sale_logged_unlinked(conn, customer_id, value, at)
                if booked is not None:  # salelog's own export: its entries came in first
                    deal_changes.link_entry(conn, booked[0], known["id"])
                    deal_changes.update_deal(
                        conn, known["id"], {"closed_at": booked[1]}
                    )  # won when that sale was logged
                else:
                    deal_changes.log_revenue(conn, deals.deal(conn, known["id"]), value, at, kind=kind, now=now)
                    summary["booked"] += 1
                    summary["booked_now"] += _closing_moment(row, None) > at  # its close date is still to come
    return summary


def _sale_logged_unlinked(conn: sqlite3.Connection, customer_id: int, amount_fen: int, at: str) -> tuple | None:
    """(id, at) of the customer's sale of that amount on the day of `at`, linked to no deal:
    the win an export of entries carried without its deal (an export gives a deal's closing
    day only), which the deal's import links instead of booking it twice."""
    return conn.execute(
        "SELECT id, at FROM entries WHERE customer_id = ? AND amount_fen = ? AND deal_id IS NULL"
        " AND at >= ? AND at < date(?, '+1 day') ORDER BY at, id LIMIT 1",
        (customer_id, amount_fen, at[:10], at[:10]),
    ).fetchone()


def _timed_win(conn: sqlite3.Connection, entry_id: int, entry: dict) -> None:
    """The imported row's moment and text on the win's entry, and the deal closed at that moment."""
    from . import deal_changes

    (deal_id,) = conn.execute("SELECT deal_id FROM entries WHERE id = ?", (entry_id,)).fetchone()
    update_row(conn, "entries", entry_id, {column: value for column, value in entry.items() if value is not None})
    deal_changes.update_deal(conn, deal_id, {"closed_at": entry["at"]})


def _win_booked_that_day(conn: sqlite3.Connection, customer_id: int, entry: dict) -> int | None:
    """The win's entry a deals import booked for a won deal of the customer's on this sale's day,
    of its amount and kind, at another moment (the export gives the closing day only: the import
    read it as that day's noon, or now), when the entries come in after the deals: this row is that
    win, now known to the minute."""
    if not entry.get("amount_fen"):
        return None
    found = conn.execute(
        "SELECT e.id FROM entries e JOIN deals d ON d.id = e.deal_id AND d.stage = 'won' AND d.closed_at = e.at"
        " WHERE e.customer_id = ? AND e.amount_fen = ? AND e.kind = ? AND substr(e.at, 1, 10) = ? AND e.at != ?"
        " ORDER BY e.id LIMIT 1",
        (customer_id, entry["amount_fen"], entry["kind"], entry["at"][:10], entry["at"]),
    ).fetchone()
    return found[0] if found else None


def _deal_of_row(conn: sqlite3.Connection, customer_id: int, row: dict) -> dict | None:
    from . import deal_changes, deals

    if row["external_id"] is not None:
        return deal_changes.deal_by_external_id(conn, row["external_id"])
    found = conn.execute(
        "SELECT id FROM deals WHERE customer_id = ? AND title = ? AND external_id IS NULL ORDER BY id LIMIT 1",
        (customer_id, row["title"]),
    ).fetchone()
    return deals.deal(conn, found[0]) if found else None


def _closing_moment(row: dict, now: datetime | None) -> str:
    """When an imported deal closed: its closed_at (salelog's own export has it), else
    noon of its close date (as a date typed alone reads), else now; never after now
    (None: unchecked): a deal won with a close date still to come was won by the time
    of the import, and revenue booked in the future would count in a week not yet begun."""
    moment = row.get("closed_at") or (f"{row['close']} 12:00:00" if row["close"] else None)
    if now is None:
        return moment
    return moment if moment and moment <= stamp(now) else stamp(now)


def _read_sounds_at_once(names: list[str]) -> None:
    """A file's names are compared and stored by sound: one parse of the pinyin
    table for all of them rather than a search per new character."""
    if len(names) > 20:
        from ..pinyin import readings_of

        readings_of(names)


def import_cancellations(conn: sqlite3.Connection, rows: list[dict], now: datetime, *, skip_bad_rows: bool) -> dict:
    """Record checked cancellations (exchange_money.parse_money_rows), oldest first,
    each against the customer's sale at its sale_at (of its amount, when the row
    says) under visit cancel's rule (accounts.check_cancellation) -> {"added",
    "skipped" (already there), "bad" (with `skip_bad_rows`: refused rows and
    why; else the first one raises)}. As with entries, a row is already there
    when the sale holds as many cancellations of its amount, time and reason as
    the file has rows with them up to and including this one."""
    from .accounts import add_cancellation, check_cancellation

    summary: dict = {"added": [], "skipped": [], "bad": []}
    seen: dict[tuple, int] = {}
    for row in sorted(rows, key=lambda r: (r["at"], r["row"])):  # an earlier cancellation leaves less of the sale
        try:
            customer_id, name = _customer_of_money(conn, row)
            sale = _sale_of(conn, customer_id, name, row)
            content = (sale["id"], row["amount_fen"], row["at"], row["reason"])
            same = _nth_alike(conn, "cancellations", content, seen)
            if same:
                summary["skipped"].append({"row": row["row"], "id": same, "customer": name})
                continue
            check_cancellation(conn, sale, row["amount_fen"], row["at"])
        except SalelogError as e:
            _refused_row(summary, row, e, skip_bad_rows)
            continue
        cancel_id = add_cancellation(
            conn, sale["id"], amount_fen=row["amount_fen"], at=row["at"], reason=row["reason"], now=now
        )
        summary["added"].append({"id": cancel_id, "entry": sale["id"]} | row | {"customer": name})
    return summary


def import_payments(conn: sqlite3.Connection, rows: list[dict], now: datetime, *, skip_bad_rows: bool) -> dict:
    """Record checked payments (exchange_money.parse_money_rows), each from a known
    customer, for the sale at its sale_at or the deal of its deal_title when the
    row says -> {"added", "skipped" (already there), "bad"}, as import_cancellations."""
    from .accounts import add_payment

    summary: dict = {"added": [], "skipped": [], "bad": []}
    seen: dict[tuple, int] = {}
    for row in sorted(rows, key=lambda r: (r["at"], r["row"])):
        try:
            customer_id, name = _customer_of_money(conn, row)
            entry_id = _sale_of(conn, customer_id, name, row)["id"] if row["sale_at"] else None
            deal_id = _deal_titled(conn, customer_id, name, row) if row["deal_title"] else None
        except SalelogError as e:
            _refused_row(summary, row, e, skip_bad_rows)
            continue
        content = (customer_id, row["amount_fen"], row["at"], entry_id, deal_id, row["note"])
        same = _nth_alike(conn, "payments", content, seen)
        if same:
            summary["skipped"].append({"row": row["row"], "id": same, "customer": name})
            continue
        payment_id = add_payment(
            conn, customer_id, amount_fen=row["amount_fen"], at=row["at"], entry_id=entry_id, deal_id=deal_id,
            note=row["note"], now=now,
        )  # fmt: skip
        summary["added"].append({"id": payment_id} | row | {"customer": name})
    return summary


# What makes two cancellations, or two payments, the same one (import's identity).
_ALIKE = {
    "cancellations": "SELECT id FROM cancellations WHERE entry_id = ? AND amount_fen = ? AND at = ? AND reason = ?",
    "payments": "SELECT id FROM payments WHERE customer_id = ? AND amount_fen = ? AND at = ? AND entry_id IS ?"
    " AND deal_id IS ? AND note IS ?",
}


def _nth_alike(conn: sqlite3.Connection, table: str, content: tuple, seen: dict[tuple, int]) -> int | None:
    """The id of the recorded row this file row is (the n-th file row with this
    content is the n-th such row, oldest first), or None; `seen` counts the file's rows."""
    key = (table, *content)
    seen[key] = occurrence = seen.get(key, 0) + 1
    alike = [i for (i,) in conn.execute(_ALIKE[table] + " ORDER BY id", content)]
    return alike[occurrence - 1] if len(alike) >= occurrence else None


def _refused_row(summary: dict, row: dict, error: SalelogError, skip_bad_rows: bool) -> None:
    """A row the logbook refuses: listed with `skip_bad_rows`, else the import stops."""
    refusal = SalelogError("row {row}: {message}", error.hint, row=row["row"], message=error.message)
    if not skip_bad_rows:
        raise refusal from None
    summary["bad"].append({"row": row["row"], "reason": refusal.message})


def _customer_of_money(conn: sqlite3.Connection, row: dict) -> tuple[int, str]:
    """The known customer a payment or cancellation row names (an import of money creates no one)."""
    found = find_customer(conn, row["customer"], prefix=False)
    if not found:
        raise SalelogError(
            'no customer "{name}"',
            "import the customers or entries first (salelog import entries FILE)",
            name=row["customer"][:40],
        )
    return found[0], found[1]


def _sale_of(conn: sqlite3.Connection, customer_id: int, name: str, row: dict) -> dict:
    """The customer's sale at the row's sale_at (of its amount, when given) -> store.entry's row."""
    from .entry_reads import entry

    amount = " AND amount_fen = ?" if row["sale_fen"] else ""
    found = conn.execute(
        f"SELECT id FROM entries WHERE customer_id = ? AND at = ? AND amount_fen > 0{amount} ORDER BY id LIMIT 1",
        (customer_id, row["sale_at"], *((row["sale_fen"],) if row["sale_fen"] else ())),
    ).fetchone()
    if not found:
        raise SalelogError(
            "no sale of {customer} at {at}",
            "import the entries first (salelog import entries FILE), or correct sale_at",
            customer=name,
            at=row["sale_at"][:16],
        )
    return entry(conn, found[0])


def _deal_titled(conn: sqlite3.Connection, customer_id: int, name: str, row: dict) -> int:
    """The customer's deal of the row's deal_title (the oldest, should two share it)."""
    found = conn.execute(
        "SELECT id FROM deals WHERE customer_id = ? AND title = ? ORDER BY id LIMIT 1", (customer_id, row["deal_title"])
    ).fetchone()
    if not found:
        raise SalelogError(
            'no deal "{title}" of {customer}',
            "import the deals first (salelog import deals FILE), or correct deal_title",
            title=row["deal_title"][:40],
            customer=name,
        )
    return found[0]
