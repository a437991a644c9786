"""Changing customers: their cards, aliases, tags and classes, merging two into
one and deleting one. Apart from customers.py, which the daily commands load to
find a customer by name."""

from ..i18n import tr
from .customers import _CARD_COLUMNS, CARD_FIELDS
from .engine import sqlite3
from .rows import update_row
from .spellings import sound_columns


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


def aliases_and_tags(conn: sqlite3.Connection, customer_id: int) -> tuple[list[str], list[str]]:
    """The customer's aliases and tags, each in the order given."""
    aliases = "SELECT alias FROM customer_aliases WHERE customer_id = ? ORDER BY rowid"
    tags = "SELECT tag FROM customer_tags WHERE customer_id = ? ORDER BY rowid"
    return tuple([v for (v,) in conn.execute(sql, (customer_id,))] for sql in (aliases, tags))


def remove_aliases(conn: sqlite3.Connection, customer_id: int, aliases: list[str]) -> None:
    conn.executemany(
        "DELETE FROM customer_aliases WHERE alias = ? AND customer_id = ?", [(a, customer_id) for a in aliases]
    )


def set_customer_tags(conn: sqlite3.Connection, customer_id: int, add: list[str], remove: list[str] = ()) -> None:
    conn.executemany(
        "INSERT OR IGNORE INTO customer_tags (customer_id, tag) VALUES (?, ?)", [(customer_id, t) for t in add]
    )
    conn.executemany("DELETE FROM customer_tags WHERE customer_id = ? AND tag = ?", [(customer_id, t) for t in remove])


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


def set_classes(conn: sqlite3.Connection, classes: dict[int, str]) -> None:
    conn.executemany('UPDATE customers SET "class" = ? WHERE id = ?', [(k, i) for i, k in classes.items()])
