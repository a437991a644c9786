"""Customers: finding the one a typed name means, creating, changing, merging
and deleting them, their cards, aliases, tags and classes."""

from datetime import datetime

from .. import fields
from ..errors import SalelogError
from ..i18n import tr
from .engine import sqlite3
from .rows import as_dict, as_list, in_name_order, list_sql, stamp, update_row, where_sql

CARD_FIELDS = tuple(f.column for f in fields.CARD_FIELDS)  # a customer's card, in display order
_CARD_COLUMNS = [f'"{field}"' for field in CARD_FIELDS]  # quoted: class is an SQL keyword


def find_customer(conn: sqlite3.Connection, typed: str, *, prefix: bool = True) -> tuple[int, str, str] | None:
    """The customer a typed name means -> (id, name, how), how being "exact" (name
    or alias), "matched" (ignoring case, width and surrounding spaces, or `prefix`
    of one, or the same name in the other script: 張總 for 张总) or "pinyin" (with
    `prefix`: letters spelling its pinyin or initials, or beginning them:
    zhangzong, zz); None if nothing matches; SalelogError if several do. Only
    after the exact, width and prefix lookups miss are the pinyin and OpenCC
    tables read."""
    row = conn.execute(
        "SELECT id, name FROM customers WHERE name = ?"
        " UNION ALL SELECT c.id, c.name FROM customer_aliases a JOIN customers c ON c.id = a.customer_id"
        " WHERE a.alias = ? LIMIT 1",
        (typed, typed),
    ).fetchone()
    if row:
        return row[0], row[1], "exact"
    from ..names import name_key, pinyin_letters, prefix_upper_bound  # a typed name's other spellings

    key = name_key(typed)
    found = _customers_where(conn, "= ?", (key,))
    beginning = not found and prefix
    if beginning:
        found = _customers_where(conn, ">= ? AND {col} < ?", (key, prefix_upper_bound(key)))
    how = "matched"
    if not found:
        found = _same_name_other_script(conn, typed, prefix=prefix)
    if prefix and (not found or beginning) and (letters := pinyin_letters(key)):
        # Letters that begin a name may also spell another's pinyin (zh: zhou, or 张总): ask which.
        in_pinyin = _typed_in_pinyin(conn, letters)
        found, how = (found | in_pinyin, how) if found else (in_pinyin, "pinyin")
    if len(found) == 1:
        ((customer_id, name),) = found.items()
        return customer_id, name, how
    if found:
        names = sorted(found.values())
        shown = tr(", ").join(names[:8]) + (tr(" and {n} more", n=len(names) - 8) if len(names) > 8 else "")
        raise SalelogError(tr('"{typed}" could be {names}', typed=typed, names=shown), tr("type more of the name"))
    return None


def _same_name_other_script(conn: sqlite3.Connection, typed: str, *, prefix: bool = True) -> dict[int, str]:
    """Customers whose name or alias is `typed` in the other script (張總 for 张总,
    and the reverse), else with `prefix` begins with it (張 for 张总): among those
    that sound the same, or begin so, those OpenCC makes equal."""
    from ..names import same_script_key, sounds

    if not name_is_chinese(typed):
        return {}
    _, sound_key = sounds(typed)
    spelled = _sounding(conn, sound_key, beginning=prefix)
    if not spelled:
        return {}
    wanted = same_script_key(typed)
    keys = [(customer_id, name, same_script_key(known)) for customer_id, name, known, _ in spelled]
    same = {customer_id: name for customer_id, name, key in keys if key == wanted}
    if same or not prefix:
        return same
    return {customer_id: name for customer_id, name, key in keys if key.startswith(wanted)}


def _typed_in_pinyin(conn: sqlite3.Connection, typed: str) -> dict[int, str]:
    """Customers whose name's or alias's pinyin the letters `typed` fit best
    (names.pinyin_fit: zhangzong, zz -> 张总; hnsh -> the customer whose alias
    is 华南实业); names that are their own pinyin (ASCII) aside."""
    from ..names import pinyin_fit

    # Spelt whole or by initials, it begins as the name's pinyin does: only those rows are read.
    begins = typed[0] + "%"
    rows = conn.execute(
        "SELECT id, name, sound, name_key FROM customers WHERE sound LIKE ? AND sound <> name_key"
        " UNION ALL SELECT c.id, c.name, a.sound, a.alias_key FROM customer_aliases a"
        " JOIN customers c ON c.id = a.customer_id WHERE a.sound LIKE ? AND a.sound <> a.alias_key",
        (begins, begins),
    )
    fits: dict[int, dict[int, str]] = {3: {}, 2: {}, 1: {}}
    for customer_id, name, sound, known_key in rows:
        fit = pinyin_fit(typed, sound) if sound and not known_key.isascii() else 0
        if fit:
            fits[fit][customer_id] = name
    return fits[3] or fits[2] or fits[1]


def _sounding(conn: sqlite3.Connection, sound_key: str, *, beginning: bool = False) -> list[tuple[int, str, str, str]]:
    """(id, name, the name or alias, its sound) of every name and alias whose folded
    sound is `sound_key` (with `beginning`: or begins with its syllables)."""
    if not sound_key:
        return []
    # Syllables are apart by spaces: "zang zong" begins with "zang", in the index range ["zang ", "zang!").
    more = " OR {col} >= ? AND {col} < ?" if beginning else ""
    bounds = (sound_key, sound_key + " ", sound_key + "!") if beginning else (sound_key,)
    rows = conn.execute(
        "SELECT id, name, name, sound FROM customers WHERE sound_key = ?"
        + more.format(col="sound_key")
        + " UNION ALL SELECT c.id, c.name, a.alias, a.sound FROM customer_aliases a"
        " JOIN customers c ON c.id = a.customer_id WHERE a.sound_key = ?"
        + more.format(col="a.sound_key")
        + " LIMIT 50",
        bounds + bounds,
    )
    return rows.fetchall()


def sound_columns(name: str) -> dict[str, str]:
    """The stored sound of a name or alias (names.sounds): what a miss compares."""
    from ..names import sounds

    sound, sound_key = sounds(name)
    return {"sound": sound, "sound_key": sound_key}


def close_names(conn: sqlite3.Connection, typed: str, spelt=None) -> list[str]:
    """Known names and aliases close to `typed`, at most three: by spelling
    (names.close_names), then by sound (names.sound_alike: 章总 ~ 张总). `spelt`:
    known_names_index's, for many names asked in a row (an import)."""
    from .. import names

    if spelt is not None:
        close = spelt.close(typed)
    else:
        # Spellings close by names.similarity (>= 0.6) share a character: only those are read (5,000 customers: ~1 ms).
        shared = sorted(set(names.name_key(typed))) or [""]
        sharing = " OR ".join(["instr({key}, ?)"] * len(shared))
        known = conn.execute(
            f"SELECT name FROM customers WHERE {sharing.format(key='name_key')}"
            f" UNION ALL SELECT alias FROM customer_aliases WHERE {sharing.format(key='alias_key')}",
            shared + shared,
        )
        close = names.close_names(typed, [name for (name,) in known])
    if name_is_chinese(typed):
        sound, sound_key = names.sounds(typed)
        alike = [n for _, n, known, s in _sounding(conn, sound_key) if names.sound_alike(typed, sound, known, s)]
        close += [name for name in dict.fromkeys(alike) if name not in close]
    return close[:3]


def known_names_index(conn: sqlite3.Connection):
    """Every known name and alias in a names.CloseIndex, in the order close_names reads
    them (the names, then the aliases, each as stored: which spelling of a key it says)."""
    from ..names import CloseIndex

    index = CloseIndex()
    for query in ("SELECT name FROM customers ORDER BY rowid", "SELECT alias FROM customer_aliases ORDER BY rowid"):
        for (name,) in conn.execute(query):
            index.add(name)
    return index


def name_is_chinese(name: str) -> bool:
    """Whether a name has characters beyond ASCII (where sound and script can differ)."""
    from ..names import name_key

    return not name_key(name).isascii()


def require_customer(conn: sqlite3.Connection, typed: str) -> tuple[int, str]:
    """A customer that must exist (for edit, show, merge...) -> (id, name)."""
    found = find_customer(conn, typed)
    if found:
        return found[0], found[1]
    close = close_names(conn, typed)
    suggestion = tr("; did you mean {names}?", names=tr(" or ").join(close)) if close else ""
    raise SalelogError(
        tr('unknown customer "{typed}"{suggestion}', typed=typed, suggestion=suggestion),
        tr("list them: salelog customer list"),
    )


def resolve_customer(conn: sqlite3.Connection, typed: str, now: datetime, *, new: bool = False) -> tuple[int, str, str]:
    """The customer a logged entry is for -> (id, name, how): found as in
    find_customer, else created (how = "created"). A name close to a known one
    (by spelling or by sound: close_names), or pinyin naming nobody, is refused
    rather than made a duplicate, unless `new` says to create it."""
    found = find_customer(conn, typed, prefix=not new)
    if found:
        return found
    if not new:
        close = close_names(conn, typed)
        if close:
            raise SalelogError(
                tr(
                    'unknown customer "{typed}"; did you mean {names}? Add --new to create it',
                    typed=typed,
                    names=tr(" or ").join(close),
                ),
                tr("nothing was written"),
            )
        _refuse_unmatched_pinyin(conn, typed)
    return create_customer(conn, typed, now), typed, "created"


def _refuse_unmatched_pinyin(conn: sqlite3.Connection, typed: str) -> None:
    """A Chinese name typed in pinyin that names no customer (zhangsan, where the
    archive has Chinese names) is refused rather than made a customer spelt so."""
    from ..names import spelt_in_pinyin

    if spelt_in_pinyin(typed) and conn.execute("SELECT 1 FROM customers WHERE sound <> name_key LIMIT 1").fetchone():
        raise SalelogError(
            tr('unknown customer "{typed}": no customer\'s name is spelt so in pinyin', typed=typed),
            tr('type the name in characters, or add --new to create "{typed}"; nothing was written', typed=typed),
        )


def _customers_where(conn: sqlite3.Connection, condition: str, params: tuple) -> dict[int, str]:
    """Customers whose name_key or one of whose alias keys meets `condition`."""
    rows = conn.execute(
        f"SELECT id, name FROM customers WHERE name_key {condition.format(col='name_key')}"
        " UNION SELECT c.id, c.name FROM customer_aliases a JOIN customers c ON c.id = a.customer_id"
        f" WHERE a.alias_key {condition.format(col='a.alias_key')} LIMIT 50",
        params + params,
    )
    return dict(rows.fetchall())


def create_customer(conn: sqlite3.Connection, name: str, now: datetime, **fields) -> int:
    """A new customer row (`fields`: any of CARD_FIELDS) -> its id."""
    from ..names import name_key

    columns = {"name": name, "name_key": name_key(name), **sound_columns(name), "created_at": stamp(now), **fields}
    cursor = conn.execute(
        f"INSERT INTO customers ({', '.join(columns)}) VALUES ({', '.join('?' for _ in columns)})",
        list(columns.values()),
    )
    return cursor.lastrowid


def name_taken(conn: sqlite3.Connection, name: str, *, apart_from: int | None = None) -> str | None:
    """The customer already called `name` (as a name or alias, ignoring case,
    width and script), other than customer `apart_from` -> that customer's name, or None."""
    from ..names import name_key

    key = name_key(name)
    row = conn.execute(
        "SELECT name FROM customers WHERE name_key = ? AND id IS NOT ?"
        " UNION ALL SELECT c.name FROM customer_aliases a JOIN customers c ON c.id = a.customer_id"
        " WHERE a.alias_key = ? AND a.customer_id IS NOT ? LIMIT 1",
        (key, apart_from, key, apart_from),
    ).fetchone()
    if row:
        return row[0]
    other_script = [n for i, n in _same_name_other_script(conn, name).items() if i != apart_from]
    return other_script[0] if other_script else None


def update_customer(conn: sqlite3.Connection, customer_id: int, fields: dict) -> None:
    """Change card fields (CARD_FIELDS, or name, which also updates its key)."""
    from ..names import name_key

    if "name" in fields:
        fields = {**fields, "name_key": name_key(fields["name"]), **sound_columns(fields["name"])}
    update_row(conn, "customers", customer_id, fields)


def add_aliases(conn: sqlite3.Connection, customer_id: int, aliases: list[str]) -> None:
    from ..names import name_key

    conn.executemany(
        "INSERT OR IGNORE INTO customer_aliases (alias, alias_key, sound, sound_key, customer_id)"
        " VALUES (?, ?, ?, ?, ?)",
        [(alias, name_key(alias), *sound_columns(alias).values(), customer_id) for alias in aliases],
    )


def remove_aliases(conn: sqlite3.Connection, customer_id: int, aliases: list[str]) -> None:
    conn.executemany(
        "DELETE FROM customer_aliases WHERE alias = ? AND customer_id = ?", [(a, customer_id) for a in aliases]
    )


def set_customer_tags(conn: sqlite3.Connection, customer_id: int, add: list[str], remove: list[str] = ()) -> None:
    conn.executemany(
        "INSERT OR IGNORE INTO customer_tags (customer_id, tag) VALUES (?, ?)", [(customer_id, t) for t in add]
    )
    conn.executemany("DELETE FROM customer_tags WHERE customer_id = ? AND tag = ?", [(customer_id, t) for t in remove])


def customer_cards(
    conn: sqlite3.Connection,
    year_start: str,
    *,
    ids: list[int] | None = None,
    klass: str | None = None,
    tag: str | None = None,
    limit: int | None = None,
) -> list[dict]:
    """Customers with their card, aliases, tags, last contact, entry count,
    revenue to date and since `year_start` (an entries.at bound), by name; the
    first `limit` of them when given. Each customer's figures come from its own
    rows (index entries_by_customer), so a page costs its customers, not the log."""
    from .accounts import OUTSTANDING_SQL

    where, params = _card_filter(ids, klass, tag)
    params = [year_start, year_start, *params]  # the year's sales, then its cancellations
    rows = conn.execute(
        f"SELECT c.id, c.name, {', '.join('c.' + column for column in _CARD_COLUMNS)}, c.created_at,"
        f" {list_sql('SELECT alias AS v FROM customer_aliases a WHERE a.customer_id = c.id ORDER BY a.rowid')}"
        " AS aliases,"
        f" {list_sql('SELECT tag AS v FROM customer_tags t WHERE t.customer_id = c.id ORDER BY t.rowid')} AS tags,"
        " (SELECT max(at) FROM entries e WHERE e.customer_id = c.id) AS last_contact,"
        " (SELECT count(*) FROM entries e WHERE e.customer_id = c.id) AS entries,"
        " (SELECT coalesce(sum(amount_fen), 0) FROM entries e WHERE e.customer_id = c.id AND amount_fen > 0)"
        f" - {CANCELLED_SQL.format(since='')} AS revenue_fen,"
        " (SELECT coalesce(sum(amount_fen), 0) FROM entries e"
        "   WHERE e.customer_id = c.id AND amount_fen > 0 AND at >= ?)"
        f" - {CANCELLED_SQL.format(since=' AND m.at >= ?')} AS revenue_year_fen,"
        f" {OUTSTANDING_SQL} AS outstanding_fen"
        " FROM customers c" + where_sql(where) + f" ORDER BY {in_name_order()}" + (" LIMIT ?" if limit else ""),
        params + ([limit] if limit else []),
    )
    cards = [as_dict(rows, row) for row in rows]
    for card in cards:
        card["aliases"], card["tags"] = as_list(card["aliases"]), as_list(card["tags"])
    return cards


# What of customer c's sales was cancelled (fen), since a bound when `since` adds one:
# revenue is sales less cancellations, each in the period it happens in (report.actual).
CANCELLED_SQL = (
    "(SELECT coalesce(sum(m.amount_fen), 0) FROM entries s JOIN cancellations m ON m.entry_id = s.id"
    " WHERE s.customer_id = c.id AND s.amount_fen > 0{since})"  # the sales alone: index entries_sales_by_customer
)


def customer_count(conn: sqlite3.Connection, *, klass: str | None = None, tag: str | None = None) -> int:
    """How many customers customer_cards would list without a limit."""
    where, params = _card_filter(None, klass, tag)
    return conn.execute("SELECT count(*) FROM customers c" + where_sql(where), params).fetchone()[0]


def _card_filter(ids: list[int] | None, klass: str | None, tag: str | None) -> tuple[list[str], list]:
    where, params = [], []
    if ids is not None:
        where.append(f"c.id IN ({', '.join('?' for _ in ids)})")
        params += ids
    if klass:
        where.append('c."class" = ?')
        params.append(klass)
    if tag:
        where.append("EXISTS (SELECT 1 FROM customer_tags t WHERE t.customer_id = c.id AND t.tag = ?)")
        params.append(tag)
    return where, params


def merge_customers(conn: sqlite3.Connection, old_id: int, into_id: int) -> dict:
    """Fold customer `old_id` into `into_id`: entries, follow-ups, aliases and tags
    move, the old name becomes an alias, the card is folded (folded_card); the
    old customer is deleted -> {"entries": n, "followups": n, "card": what
    folded_card says happened to each of the old card's fields}."""
    moved = {
        "entries": conn.execute("UPDATE entries SET customer_id = ? WHERE customer_id = ?", (into_id, old_id)).rowcount,
        "followups": conn.execute(
            "UPDATE followups SET customer_id = ? WHERE customer_id = ?", (into_id, old_id)
        ).rowcount,
        "deals": conn.execute("UPDATE deals SET customer_id = ? WHERE customer_id = ?", (into_id, old_id)).rowcount,
    }
    conn.execute("UPDATE payments SET customer_id = ? WHERE customer_id = ?", (into_id, old_id))  # the account too
    select = f"SELECT name, {', '.join(_CARD_COLUMNS)} FROM customers WHERE id = ?"
    old_name, *old_card = conn.execute(select, (old_id,)).fetchone()
    _, *into_card = conn.execute(select, (into_id,)).fetchone()
    changes, moved["card"] = folded_card(
        dict(zip(CARD_FIELDS, into_card, strict=True)), dict(zip(CARD_FIELDS, old_card, strict=True)), old_name
    )
    conn.execute("UPDATE customer_aliases SET customer_id = ? WHERE customer_id = ?", (into_id, old_id))
    conn.execute(
        "INSERT OR IGNORE INTO customer_tags (customer_id, tag) SELECT ?, tag FROM customer_tags WHERE customer_id = ?",
        (into_id, old_id),
    )
    conn.execute("DELETE FROM customer_tags WHERE customer_id = ?", (old_id,))
    conn.execute("DELETE FROM customers WHERE id = ?", (old_id,))
    if changes:
        update_row(conn, "customers", into_id, changes)
    add_aliases(conn, into_id, [old_name])
    return moved


def folded_card(into: dict, old: dict, old_name: str) -> tuple[dict, list[tuple[str, str, str, str | None]]]:
    """Two cards (CARD_FIELDS -> value) of a merge into one, losing nothing: a
    field empty on `into` takes the old value; a different value stays on the
    card as a line of its note ("company (from 赵总): 北方重工") -> (the columns to
    change on `into`, [(column, "filled" | "noted" | "same", old value, value
    kept)] for each field the old card had)."""
    changes: dict = {}
    outcomes: list[tuple[str, str, str, str | None]] = []
    noted: list[str] = []
    for column in CARD_FIELDS:
        value, kept = old[column], into[column]
        if not value:
            continue
        if not kept:
            changes[column] = value
            outcomes.append((column, "filled", value, None))
        elif kept == value:
            outcomes.append((column, "same", value, kept))
        else:
            noted.append(tr("{field} (from {name}): {value}", field=tr(column), name=old_name, value=value))
            outcomes.append((column, "noted", value, kept))
    if noted:
        note = changes.get("note") or into["note"]
        changes["note"] = "\n".join([note, *noted] if note else noted)
    return changes, outcomes


def delete_customer(conn: sqlite3.Connection, customer_id: int) -> dict[str, int]:
    """Delete a customer with its entries (their cancellations: ON DELETE CASCADE), follow-ups, deals,
    payments and contracts -> how many entries, deals, payments and contracts went with it."""
    gone = {
        table: conn.execute(f"SELECT count(*) FROM {table} WHERE customer_id = ?", (customer_id,)).fetchone()[0]
        for table in ("entries", "deals", "payments", "contracts")
    }
    conn.execute("DELETE FROM followups WHERE customer_id = ?", (customer_id,))
    conn.execute("DELETE FROM payments WHERE customer_id = ?", (customer_id,))
    deals = "SELECT id FROM deals WHERE customer_id = ?"
    conn.execute(f"UPDATE entries SET deal_id = NULL WHERE deal_id IN ({deals})", (customer_id,))
    conn.execute(f"DELETE FROM deal_stage_changes WHERE deal_id IN ({deals})", (customer_id,))
    conn.execute("DELETE FROM deals WHERE customer_id = ?", (customer_id,))
    conn.execute("DELETE FROM entries WHERE customer_id = ?", (customer_id,))
    conn.execute("DELETE FROM customers WHERE id = ?", (customer_id,))
    return gone


def customer_names(conn: sqlite3.Connection) -> list[str]:
    return [name for (name,) in conn.execute("SELECT name FROM customers ORDER BY name")]


def revenue_by_customer(conn: sqlite3.Connection, since: str) -> list[dict]:
    """Every customer with revenue and last contact since `since` (an entries.at bound)."""
    rows = conn.execute(
        'SELECT c.id, c.name, c."class",'
        f" coalesce(sum(e.amount_fen), 0) - {CANCELLED_SQL.format(since=' AND m.at >= :since')} AS revenue_fen,"
        " max(e.at) AS last_contact"
        " FROM customers c LEFT JOIN entries e ON e.customer_id = c.id AND e.at >= :since"
        " GROUP BY c.id ORDER BY revenue_fen DESC, c.name",
        {"since": since},
    )
    return [as_dict(rows, row) for row in rows]


def set_classes(conn: sqlite3.Connection, classes: dict[int, str]) -> None:
    conn.executemany('UPDATE customers SET "class" = ? WHERE id = ?', [(k, i) for i, k in classes.items()])


def customer_sources(conn: sqlite3.Connection, customer_ids: set[int]) -> dict[int, str | None]:
    """The source (where they came from) of each of `customer_ids` -> id: source or None."""
    ids = sorted(customer_ids)
    sql = f"SELECT id, source FROM customers WHERE id IN ({', '.join('?' * len(ids))})"
    return dict(conn.execute(sql, ids)) if ids else {}
