"""Small helpers every store module shares: rows as dicts, timestamps as stored,
WHERE clauses from our own fragments, one row by id, one row's update."""

from datetime import datetime

from ..errors import SalelogError
from .engine import sqlite3


def as_dict(cursor: sqlite3.Cursor, row: tuple) -> dict:
    """One fetched row -> {column name: value}."""
    return {column[0]: value for column, value in zip(cursor.description, row, strict=True)}


def stamp(moment: datetime) -> str:
    """A moment as the store keeps it: local time, 'YYYY-MM-DD HH:MM:SS'."""
    return moment.strftime("%Y-%m-%d %H:%M:%S")


# A list column (aliases, tags, competitors) comes out of SQL as one text, its values
# joined by the unit separator, which the text rule (salelog/text.py) refuses in
# every name: decoding it costs a split, not `import json` (~5 ms with re and enum).
LIST_SEPARATOR = "\x1f"


def list_sql(select: str) -> str:
    """A scalar subquery giving the one-column `select`'s values in its order, as one text."""
    return f"(SELECT group_concat(v, char(31)) FROM ({select}))"


def as_list(joined: str | None) -> list[str]:
    """A list_sql() value -> the values."""
    return joined.split(LIST_SEPARATOR) if joined else []


def where_sql(conditions: list[str]) -> str:
    """' WHERE a AND b' for the conditions given (our own SQL fragments), or ''."""
    return " WHERE " + " AND ".join(conditions) if conditions else ""


def row_by_id(conn: sqlite3.Connection, table: str, row_id: int, missing: SalelogError) -> dict:
    """One row of one of our tables by id, or `missing` raised."""
    rows = conn.execute(f"SELECT * FROM {table} WHERE id = ?", (row_id,))
    row = rows.fetchone()
    if row is None:
        raise missing
    return as_dict(rows, row)


def update_row(conn: sqlite3.Connection, table: str, row_id: int, fields: dict) -> None:
    """Set `fields` (column names from our code, never from users) on one row."""
    if fields:
        assignments = ", ".join(f'"{column}" = ?' for column in fields)
        conn.execute(f"UPDATE {table} SET {assignments} WHERE id = ?", [*fields.values(), row_id])


def in_name_order(table: str = "c") -> str:
    """ORDER BY terms that list customers (`table`: the customers table's alias) as
    people look for them: Chinese names by their pinyin (customers.sound), the others
    by their letters, then as written (index customers_in_name_order)."""
    return f"{table}.sound, {table}.name"
