"""A customer's life as the log tells it: the facts their stage is worked out
from (salelog/stages.py), complaints and satisfaction, and their contracts."""

from ..errors import SalelogError
from ..i18n import tr
from .engine import sqlite3
from .rows import as_dict, in_name_order, row_by_id, stamp, where_sql

# A customer's facts as they stood just before :at (an entries.at bound), each one
# index seek (ORDER BY ... LIMIT 1 stops at the first row; max() would read every
# entry of the customer): their last contact, first and last sale, whether they
# were on file yet, whether a deal of theirs was open.
# A sale counts unless cancelled in full by then (as migrations.KEPT_SALE says of now).
_SALE_THEN = (
    "e.amount_fen > 0 AND e.at < :at"
    " AND e.amount_fen > coalesce((SELECT sum(m.amount_fen) FROM cancellations m WHERE m.entry_id = e.id"
    " AND m.at < :at), 0)"
)
_FACTS = {
    "last_contact": "(SELECT e.at FROM entries e WHERE e.customer_id = c.id AND e.at < :at ORDER BY e.at DESC LIMIT 1)",
    "first_sale": f"(SELECT e.at FROM entries e WHERE e.customer_id = c.id AND {_SALE_THEN} ORDER BY e.at LIMIT 1)",
    "last_sale": f"(SELECT e.at FROM entries e WHERE e.customer_id = c.id AND {_SALE_THEN} ORDER BY e.at DESC LIMIT 1)",
    "existed": "(c.created_at < :at)",
    "open_deal": "EXISTS (SELECT 1 FROM deals d WHERE d.customer_id = c.id AND d.created_at < :at"
    " AND (d.closed_at IS NULL OR d.closed_at >= :at))",
}
# Whether the customer was contacted from :dormant_before to :at: one range of the
# recent entries (entries_by_time) for every customer at once, in customer list --stage;
# from the last contact where that is looked up anyway (stage_facts).
_LATELY = "c.id IN (SELECT customer_id FROM entries WHERE at >= :dormant_before AND at < :at)"
_LATELY_FROM_FACTS = "coalesce(f.last_contact >= :dormant_before, 0)"
# The first and last sale as m021's triggers keep them (customer_sales, joined as s): the
# same facts as the seeks above at any moment after the last sale logged, today unless
# a sale is dated later (_facts_at).
_KEPT_SALES = {"first_sale": "s.first_sale", "last_sale": "s.last_sale"}
_KEPT_JOIN = " LEFT JOIN customer_sales s ON s.customer_id = c.id"


def _facts_at(conn: sqlite3.Connection, at: str) -> tuple[dict, str]:
    """-> (the facts' SQL for a moment `at`, the join they need): the kept sales when no
    sale or cancellation is logged at or after `at`, else the seeks."""
    # +amount_fen: a range of entries_by_time from `at` on, not a scan of every sale's index
    later = conn.execute(
        "SELECT 1 FROM entries WHERE at >= ?1 AND +amount_fen > 0 UNION ALL SELECT 1 FROM cancellations WHERE at >= ?1"
        " LIMIT 1",
        (at,),
    ).fetchone()
    return (_FACTS, "") if later else (_FACTS | _KEPT_SALES, _KEPT_JOIN)


# The one home of the stage rule (salelog/stages.py says what each stage means): a
# condition a stage over the facts above, each excluding the others, in SQL so that
# customer list --stage filters before it reads a card (the cheap facts first: a
# last contact is a seek in the largest index). A customer who bought is
# judged by their sales and whether contacted since :dormant_before (stages.dormant_bound);
# one who never bought by an open deal; one not on file yet has no stage.
_STAGE_RULE = {
    "dormant": "{first_sale} IS NOT NULL AND NOT {lately}",
    "repeat": "substr({first_sale}, 1, 7) != substr({last_sale}, 1, 7) AND {lately}",  # NULL: never bought
    "customer": "substr({first_sale}, 1, 7) = substr({last_sale}, 1, 7) AND {lately}",
    "intent": "{first_sale} IS NULL AND ({existed} OR {last_contact} IS NOT NULL) AND {open_deal}",
    "prospect": "{first_sale} IS NULL AND ({existed} OR {last_contact} IS NOT NULL) AND NOT {open_deal}",
}


def stage_facts(
    conn: sqlite3.Connection, at: str, dormant_before: str, classes: tuple[str, ...] | None = None
) -> list[dict]:
    """Every customer (or those of `classes`) as they stood just before `at` (an
    entries.at bound), by name: id, name, class, source, whether they existed yet,
    their last contact, their first and last sale, and their stage then (None: not
    on file yet); `dormant_before` is stages.dormant_bound's. Each fact is looked up
    once, by index."""
    found, joined = _facts_at(conn, at)
    facts = ", ".join(f"{sql} AS {name}" for name, sql in found.items())
    columns = {name: f"f.{name}" for name in _FACTS} | {"lately": _LATELY_FROM_FACTS}
    stage = " ".join(f"WHEN {rule.format(**columns)} THEN '{name}'" for name, rule in _STAGE_RULE.items())
    chosen = {f"class{i}": klass for i, klass in enumerate(classes or ())}
    only = "" if classes is None else f""" WHERE c."class" IN ({", ".join(":" + name for name in chosen)})"""
    rows = conn.execute(
        f'WITH f AS MATERIALIZED (SELECT c.id, c.name, c."class", c.source, c.sound, {facts} FROM customers c'
        f"{joined}{only}) SELECT f.id, f.name, f.class, f.source, f.existed, f.last_contact, f.first_sale, f.last_sale,"
        f" CASE {stage} END AS stage FROM f ORDER BY {in_name_order('f')}",
        {"at": at, "dormant_before": dormant_before} | chosen,
    )
    names = [column[0] for column in rows.description]  # once, not once a row: every customer is read
    return [dict(zip(names, row, strict=True)) for row in rows]


# The customers whose facts can differ between two moments :b_at and :a_at: those with
# an entry, a cancellation, a deal opened or closed, or put on file, in between. Each
# range is read through an index on its time (deals and customers have a few rows a
# customer; they are scanned).
_TOUCHED = (
    "SELECT customer_id FROM entries WHERE at >= :b_at AND at < :a_at"
    " UNION SELECT e.customer_id FROM cancellations m JOIN entries e ON e.id = m.entry_id"
    " WHERE m.at >= :b_at AND m.at < :a_at"
    " UNION SELECT customer_id FROM deals WHERE created_at >= :b_at AND created_at < :a_at"
    " UNION SELECT customer_id FROM deals WHERE closed_at >= :b_at AND closed_at < :a_at"
    " UNION SELECT id FROM customers WHERE created_at >= :b_at AND created_at < :a_at"
)


def stage_moves(conn: sqlite3.Connection, before: tuple[str, str], after: tuple[str, str]) -> dict[tuple, int]:
    """How many customers stood at each pair of stages (stage at `before`, stage at
    `after`; each an (at, dormant_before) pair as stage_facts takes), counted in one
    statement over the stage rule above (a review's funnel: a few counts, not every
    customer twice). A stage is None where the customer was not on file yet; no
    customer at all: {}. Only the customers something happened to in between
    (_TOUCHED) have their facts looked up on both sides: the others' facts at
    `after` are those at `before`, and only the dormancy bound moves (a week's
    review of a ten-year logbook looks up a few dozen customers twice, not all)."""
    found, joined = _facts_at(conn, after[0])  # the kept sales when nothing is logged after `after`

    def facts(side: str, sqls: dict) -> str:
        return ", ".join(f"{sql.replace(':at', f':{side}_at')} AS {side}_{name}" for name, sql in sqls.items())

    def stage(side: str) -> str:
        columns = {name: f"f.{side}_{name}" for name in _FACTS}
        lately = _LATELY_FROM_FACTS.replace("f.last_contact", f"f.{side}_last_contact")
        columns["lately"] = lately.replace(":dormant_before", f":{side}_dormant_before")
        return "CASE " + " ".join(f"WHEN {r.format(**columns)} THEN '{n}'" for n, r in _STAGE_RULE.items()) + " END"

    same = ", ".join([*(f"g.a_{name}" for name in _FACTS), *(f"g.a_{name}" for name in _FACTS)])  # b's, then a's
    rows = conn.execute(
        f"WITH moved AS MATERIALIZED ({_TOUCHED}),"
        f" g AS MATERIALIZED (SELECT {facts('a', found)} FROM customers c{joined} WHERE c.id NOT IN moved),"
        f" f AS MATERIALIZED (SELECT {facts('b', _FACTS)}, {facts('a', found)} FROM customers c{joined}"
        f" WHERE c.id IN moved UNION ALL SELECT {same} FROM g)"
        f" SELECT {stage('b')} AS was, {stage('a')} AS now, count(*) FROM f GROUP BY was, now",
        {
            f"{side}_{key}": value
            for side, pair in {"b": before, "a": after}.items()
            for key, value in zip(("at", "dormant_before"), pair, strict=True)
        },
    )
    return {(was, now): count for was, now, count in rows}


def customers_at_stage(conn: sqlite3.Connection, stage: str, at: str, dormant_before: str) -> list[int]:
    """The ids of the customers at `stage` just before `at` (as stage_facts), by
    name: only the facts that stage's condition needs are looked up (a prospect's
    is decided by whether they bought, without their last contact), and who was
    contacted lately is read once from the recent entries."""
    facts, joined = _facts_at(conn, at)
    rows = conn.execute(
        f"SELECT c.id FROM customers c{joined} WHERE {_STAGE_RULE[stage].format(**facts, lately=_LATELY)}"
        " ORDER BY c.name",
        {"at": at, "dormant_before": dormant_before},
    )
    return [customer_id for (customer_id,) in rows]


def care_facts(conn: sqlite3.Connection) -> dict[int, dict]:
    """Customers with an open complaint or a satisfaction on record -> by id:
    open_complaints (id, what, due_date of each) and their latest satisfaction
    (score and when)."""
    facts: dict[int, dict] = {}
    for customer_id, followup_id, what, due in conn.execute(
        "SELECT customer_id, id, what, due_date FROM followups"
        " WHERE kind = 'complaint' AND status = 'open' ORDER BY due_date, id"
    ):
        facts.setdefault(customer_id, {"open_complaints": [], "satisfaction": None, "satisfaction_at": None})
        facts[customer_id]["open_complaints"].append({"id": followup_id, "what": what, "due_date": due})
    for customer_id, score, at in conn.execute(
        "SELECT customer_id, satisfaction, max(at) FROM entries WHERE satisfaction IS NOT NULL GROUP BY customer_id"
    ):  # SQLite takes the bare column from the row holding max(at)
        facts.setdefault(customer_id, {"open_complaints": [], "satisfaction": None, "satisfaction_at": None})
        facts[customer_id] |= {"satisfaction": score, "satisfaction_at": at}
    return facts


def complaints_between(conn: sqlite3.Connection, lower: str, upper: str) -> dict:
    """Complaints in [lower, upper) (entries.at bounds): opened (logged then),
    closed (their follow-up done then), and open at `upper`."""
    opened = conn.execute(
        "SELECT count(*) FROM entries WHERE at >= ? AND at < ? AND complaint IS NOT NULL", (lower, upper)
    ).fetchone()[0]
    closed = conn.execute(
        "SELECT count(*) FROM followups WHERE kind = 'complaint' AND done_at >= ? AND done_at < ?", (lower, upper)
    ).fetchone()[0]
    still_open = conn.execute(
        "SELECT count(*) FROM followups f LEFT JOIN entries e ON e.id = f.entry_id WHERE f.kind = 'complaint'"
        " AND coalesce(e.at, f.created_at) < ?1 AND (f.status = 'open' OR f.done_at >= ?1)",
        (upper,),
    ).fetchone()[0]
    return {"opened": opened, "closed": closed, "open": still_open}


def satisfaction_between(conn: sqlite3.Connection, lower: str, upper: str) -> tuple[int, int]:
    """(sum, count) of the satisfaction scores logged in [lower, upper)."""
    total, count = conn.execute(
        "SELECT coalesce(sum(satisfaction), 0), count(satisfaction) FROM entries WHERE at >= ? AND at < ?",
        (lower, upper),
    ).fetchone()
    return total, count


# --- contracts ---


def add_contract(conn: sqlite3.Connection, customer_id: int, ends: str, note: str | None, now) -> int:
    """A contract of the customer's ending on `ends` (ISO) -> its id."""
    cursor = conn.execute(
        "INSERT INTO contracts (customer_id, ends, note, created_at) VALUES (?, ?, ?, ?)",
        (customer_id, ends, note, stamp(now)),
    )
    return cursor.lastrowid


def list_contracts(
    conn: sqlite3.Connection, *, customer_id: int | None = None, ending_by: str | None = None, since: str | None = None
) -> list[dict]:
    """Contracts with their customer's name and class, soonest ending first;
    `since`/`ending_by` bound their end date (ISO, inclusive)."""
    where, params = [], []
    for clause, value in (("k.customer_id = ?", customer_id), ("k.ends >= ?", since), ("k.ends <= ?", ending_by)):
        if value is not None:
            where.append(clause)
            params.append(value)
    rows = conn.execute(
        'SELECT k.id, c.name AS customer, c."class", k.ends, k.note, k.created_at FROM contracts k'
        " JOIN customers c ON c.id = k.customer_id" + where_sql(where) + " ORDER BY k.ends, k.id",
        params,
    )
    return [as_dict(rows, row) for row in rows]


def contract(conn: sqlite3.Connection, contract_id: int) -> dict:
    return row_by_id(
        conn,
        "contracts",
        contract_id,
        SalelogError(tr("no contract #{id}", id=contract_id), tr("list them: salelog contract list")),
    )


def delete_contract(conn: sqlite3.Connection, contract_id: int) -> None:
    conn.execute("DELETE FROM contracts WHERE id = ?", (contract_id,))
