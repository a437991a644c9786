"""The rows derived from the log, and the triggers that keep them: day_totals (each
day's sums, m017) and the customer facts (owed_sales and customer_sales, m021),
rewritten by triggers on what decides them (entries, payments, cancellations).

The triggers are TEMP ones, made on the connection when a command first writes
one of those tables (store/undo.py's Logbook): SQLite parses every trigger of the
schema on each command's first query, and these thirteen cost ~3% of every
start-up, reads included. m017 and m021 made them part of the schema (and still
do as they replay, from here); m024 drops them. A migration after m024 that
writes entries, payments or cancellations must make them first (temp_triggers).
Derived rows have no undo triggers: undo reverts the sources, and these follow."""

from .undo import DERIVED_SOURCES

# --- day_totals ----------------------------------------------------------------

_ADD_DAY = (
    "INSERT INTO day_totals VALUES (substr(NEW.at, 1, 10), 1, NEW.kind != 'sale', NEW.amount_fen IS NOT NULL,"
    " coalesce(NEW.amount_fen, 0), NEW.kind = 'visit', NEW.kind = 'meeting') ON CONFLICT (day) DO UPDATE SET"
    " entries = entries + 1, contacts = contacts + excluded.contacts, deals = deals + excluded.deals,"
    " revenue_fen = revenue_fen + excluded.revenue_fen, visits = visits + excluded.visits,"
    " meetings = meetings + excluded.meetings;"
)
_TAKE_DAY = (
    "UPDATE day_totals SET entries = entries - 1, contacts = contacts - (OLD.kind != 'sale'),"
    " deals = deals - (OLD.amount_fen IS NOT NULL), revenue_fen = revenue_fen - coalesce(OLD.amount_fen, 0),"
    " visits = visits - (OLD.kind = 'visit'), meetings = meetings - (OLD.kind = 'meeting')"
    " WHERE day = substr(OLD.at, 1, 10);"
    " DELETE FROM day_totals WHERE day = substr(OLD.at, 1, 10) AND entries = 0;"
)
# (name, event, table, columns an UPDATE trigger watches, WHEN, body)
DAY_TOTALS = (
    ("day_totals_insert", "INSERT", "entries", None, None, _ADD_DAY),
    ("day_totals_delete", "DELETE", "entries", None, None, _TAKE_DAY),
    ("day_totals_update", "UPDATE", "entries", "at, kind, amount_fen", None, _TAKE_DAY + " " + _ADD_DAY),
)

# --- the customer facts ------------------------------------------------------------


def _refresh_owed(customer: str) -> str:
    """The statements that rewrite `customer`'s (an SQL expression) rows of owed_sales."""
    return (
        f"DELETE FROM owed_sales WHERE customer_id = {customer};"
        " INSERT INTO owed_sales (entry_id, customer_id, at, due_fen, owed_fen)"
        f" SELECT entry_id, customer_id, at, due_fen, owed_fen FROM owed_by_fifo WHERE customer_id = {customer};"
    )


# A sale, for the customer's stage: an entry with an amount not cancelled in full
# (store/life.py's seeks say the same of the moment they look at).
KEPT_SALE = "amount_fen > coalesce((SELECT sum(m.amount_fen) FROM cancellations m WHERE m.entry_id = entries.id), 0)"


def _refresh_sales(customer: str) -> str:
    """The statements that rewrite `customer`'s row of customer_sales."""
    return (
        f"DELETE FROM customer_sales WHERE customer_id = {customer};"
        " INSERT INTO customer_sales SELECT customer_id, min(at), max(at) FROM entries"
        f" WHERE customer_id = {customer} AND amount_fen > 0 AND {KEPT_SALE} GROUP BY customer_id;"
    )


def _customer_facts() -> tuple:
    # A trigger rewrites one customer's rows (a seek in entries_sales_by_customer): the
    # view is told the customer (SQLite pushes it into the window's partition).
    old, new = "OLD.customer_id", "NEW.customer_id"
    sold_old, sold_new = (f"(SELECT customer_id FROM entries WHERE id = {row}.entry_id)" for row in ("OLD", "NEW"))
    triggers = []
    for name, event, table, columns, when, customers in (
        ("entry_insert", "INSERT", "entries", None, "NEW.amount_fen > 0", [new]),
        ("entry_delete", "DELETE", "entries", None, "OLD.amount_fen > 0", [old]),
        ("entry_update", "UPDATE", "entries", "customer_id, at, amount_fen",
         "OLD.amount_fen > 0 OR NEW.amount_fen > 0", [old, new]),
        # A sale linked to a deal: the deal's payments may pay it. Apart from the above,
        # so that linking an entry (visit add, deal won) compiles one refresh, not four;
        # a sale moved to another customer is entry_update's (it refreshes the old one first).
        ("entry_deal", "UPDATE", "entries", "deal_id", "NEW.amount_fen > 0 AND NEW.customer_id = OLD.customer_id",
         [new]),
        ("payment_insert", "INSERT", "payments", None, None, [new]),
        ("payment_delete", "DELETE", "payments", None, None, [old]),
        ("payment_update", "UPDATE", "payments", "customer_id, amount_fen, entry_id, deal_id", None, [old, new]),
        ("cancellation_insert", "INSERT", "cancellations", None, None, [sold_new]),
        ("cancellation_delete", "DELETE", "cancellations", None, None, [sold_old]),  # NULL once its entry is gone
        ("cancellation_update", "UPDATE", "cancellations", "entry_id, amount_fen", None, [sold_old, sold_new]),
    ):  # fmt: skip
        sales_too = not name.startswith(("payment_", "entry_deal"))  # neither makes nor unmakes a sale
        refresh = [_refresh_owed] + [_refresh_sales] * sales_too
        body = " ".join(each(customer) for customer in customers for each in refresh)
        triggers.append((f"customer_facts_{name}", event, table, columns, when, body))
    return tuple(triggers)


CUSTOMER_FACTS = _customer_facts()

# --- rebuilt from the sources ------------------------------------------------------

# Each derived table's rows as its sources decide them now, in its columns' order (as m017
# and m021 first filled them; those keep their own SQL, as migrations do). The triggers
# live on salelog's connections only, so a program that writes the file itself leaves
# these behind: salelog doctor compares, --fix rebuilds.
FRESH = {
    "day_totals": "SELECT substr(at, 1, 10), count(*), sum(kind != 'sale'), count(amount_fen),"
    " coalesce(sum(amount_fen), 0), sum(kind = 'visit'), sum(kind = 'meeting') FROM entries GROUP BY 1",
    "owed_sales": "SELECT entry_id, customer_id, at, due_fen, owed_fen FROM owed_by_fifo",
    "customer_sales": "SELECT customer_id, min(at), max(at) FROM entries WHERE amount_fen > 0"
    f" AND {KEPT_SALE} GROUP BY customer_id",
}
if {trigger[2] for trigger in DAY_TOTALS + CUSTOMER_FACTS} != set(DERIVED_SOURCES):  # what Logbook asks about
    raise RuntimeError("store/undo.py's DERIVED_SOURCES must name every table these triggers are on")


def trigger_sql(trigger: tuple, *, temp: bool) -> str:
    """The CREATE TRIGGER statement of one of DAY_TOTALS or CUSTOMER_FACTS: a TEMP one
    on the connection, or (temp=False, as m017 and m021 made them) one in the schema."""
    name, event, table, columns, when, body = trigger
    on = f"{event}{f' OF {columns}' if columns else ''} ON {'main.' if temp else ''}{table}"
    make = "CREATE TEMP TRIGGER IF NOT EXISTS" if temp else "CREATE TRIGGER"
    return f"{make} {name} AFTER {on}{f' WHEN {when}' if when else ''} BEGIN {body} END"


def temp_triggers(table: str, event: str, column: str | None) -> list[tuple[str, str]]:
    """The derived rows' triggers that fire on `event` (INSERT, UPDATE or DELETE) in
    `table` (one of store/undo.py's DERIVED_SOURCES), for an UPDATE of `column`:
    (name, the statement that makes it a TEMP trigger on a connection). Making one
    costs about twice its parse in the schema, so a command makes only those of what
    it writes (visit add: two)."""
    return [
        (t[0], trigger_sql(t, temp=True))
        for t in DAY_TOTALS + CUSTOMER_FACTS
        if t[2] == table and t[1] == event and (t[3] is None or column in t[3].split(", "))
    ]
