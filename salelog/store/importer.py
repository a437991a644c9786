"""Importing checked rows (salelog/exchange.py parses and checks the files):
entries logged as visit add would log them, customers with their cards."""

import sqlite3
from datetime import datetime

from ..errors import SalelogError
from .customers import add_aliases, close_names, create_customer, find_customer, name_taken, set_customer_tags
from .entries import record_contact


def same_entry(conn: sqlite3.Connection, customer_id: int, entry: dict) -> int | None:
    """The id of an entry already logged for the customer at the same moment, of
    the same kind, amount and outcome (the same file imported twice), or None."""
    row = conn.execute(
        "SELECT id FROM entries WHERE customer_id = ? AND at = ? AND kind = ? AND amount_fen IS ?"
        " AND ifnull(outcome, '') = ifnull(?, '') ORDER BY id LIMIT 1",
        (customer_id, entry["at"], entry["kind"], entry["amount_fen"], entry["outcome"]),
    ).fetchone()
    return row[0] if row else None


def import_entries(conn: sqlite3.Connection, rows: list[dict], now: datetime) -> dict:
    """Log checked rows (exchange.parse_entries) oldest first, as visit add would:
    customers found by name or alias (created when unknown), each row logged by
    entries.record_contact; a row identical to a logged entry is skipped -> {"added": [...],
    "skipped": [...], "new_customers": [names], "close": [(new name, [known names])]}."""
    summary: dict = {"added": [], "skipped": [], "new_customers": [], "close": []}
    for row in sorted(rows, key=lambda r: r["entry"]["at"]):  # stable: file order within a moment
        customer_id, name = _customer_for(conn, row, now, summary)
        entry = row["entry"]
        existing = same_entry(conn, customer_id, entry)
        if existing:
            summary["skipped"].append({"row": row["row"], "id": existing, "customer": name})
            continue
        entry_id, _ = record_contact(conn, customer_id, entry, lists=row["lists"], now=now)
        summary["added"].append({"row": row["row"], "id": entry_id, "customer": name} | entry)
    return summary


def _customer_for(conn: sqlite3.Connection, row: dict, now: datetime, summary: dict) -> tuple[int, str]:
    """The customer an imported row names (exact name or alias, or the same name
    ignoring case and width; never a mere beginning), created when unknown."""
    typed = row["customer"]
    try:
        found = find_customer(conn, typed, prefix=False)
    except SalelogError as e:  # several customers share the name's spelling
        raise SalelogError(f"row {row['row']}, column customer: {e.message}", e.hint) from None
    if found:
        return found[0], found[1]
    close = close_names(conn, typed)
    if close:
        summary["close"].append((typed, close))
    summary["new_customers"].append(typed)
    return create_customer(conn, typed, now), typed


def import_customers(conn: sqlite3.Connection, rows: list[dict], now: datetime) -> dict:
    """Add checked rows (exchange.parse_customers) as customers with their tags and
    aliases; a row whose name already names a customer (or alias) is skipped ->
    {"added": [{"row", "id", "name"}], "skipped": [{"row", "name", "owner"}]}."""
    summary: dict = {"added": [], "skipped": []}
    for row in rows:
        owner = name_taken(conn, row["name"])
        if owner:
            summary["skipped"].append({"row": row["row"], "name": row["name"], "owner": owner})
            continue
        for alias in row["aliases"]:
            taken = name_taken(conn, alias)
            if taken:
                raise SalelogError(
                    f'row {row["row"]}, column aliases: "{alias}" already names customer {taken}',
                    "drop that alias, or merge the two later; nothing was imported",
                )
        customer_id = create_customer(conn, row["name"], now, **row["card"])
        add_aliases(conn, customer_id, row["aliases"])
        set_customer_tags(conn, customer_id, row["tags"])
        summary["added"].append({"row": row["row"], "id": customer_id, "name": row["name"]})
    return summary
