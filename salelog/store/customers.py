"""Customers: finding the one a typed name means (spellings.py: spelt otherwise),
and their cards; customer_edits.py changes them."""

from datetime import datetime

from .. import fields
from ..errors import SalelogError
from ..i18n import tr
from .engine import sqlite3
from .rows import as_dict, as_list, in_name_order, list_sql, where_sql

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
    from .spellings import find_spelt  # a typed name's other spellings

    return find_spelt(conn, typed, prefix=prefix)


def require_customer(conn: sqlite3.Connection, typed: str) -> tuple[int, str]:
    """A customer that must exist (for edit, show, merge...) -> (id, name)."""
    if not typed.strip():  # "" begins every name: it would be "could be" the whole archive
        raise SalelogError(tr("no customer given"), tr("give a name, e.g. 张总"))
    found = find_customer(conn, typed)
    if found:
        return found[0], found[1]
    from .spellings import close_names

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
    from .spellings import _refuse_unmatched_pinyin, close_names, create_customer

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


def customer_sources(conn: sqlite3.Connection, customer_ids: set[int]) -> dict[int, str | None]:
    """The source (where they came from) of each of `customer_ids` -> id: source or None."""
    ids = sorted(customer_ids)
    sql = f"SELECT id, source FROM customers WHERE id IN ({', '.join('?' * len(ids))})"
    return dict(conn.execute(sql, ids)) if ids else {}
