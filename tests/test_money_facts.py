"""What receivables, remind and the stages read, checked against the log itself:
first-in first-out (owed_sales, kept by triggers, migration m021_customer_facts)
and every customer's stage, each worked out here again in plain Python over the
stored rows, after every kind of write (edit, rm, undo, cancel, payment rm,
import, merge). The clock is Wednesday 2026-11-25 18:00."""

import json
from datetime import date, timedelta

from conftest import built_once, in_name_order, ok, stored

TODAY = date(2026, 11, 25)
DORMANT_DAYS = 90  # the config's default


def build_customers():
    """甲 buys in three months and pays in part; 乙 pays too much (a credit); 丙 bought
    twice in July and went quiet (dormant, still owing); 丁 has a deal open; 戊 was
    only called; 己's sale was cancelled in full; 庚 is on file only."""
    for args in (
        ("甲", "-a", "5万", "--at", "2026-08-03 10:00"),  # #1
        ("甲", "-a", "3万", "--at", "2026-09-14 10:00"),  # #2
        ("甲", "-a", "2万", "--at", "2026-11-02 10:00"),  # #3
        ("乙", "-a", "1万", "--at", "2026-10-12 10:00"),  # #4
        ("丙", "-a", "8000", "--at", "2026-07-06 10:00"),  # #5
        ("丙", "-a", "4000", "--at", "2026-07-20 10:00"),  # #6
        ("丁", "-k", "call", "--at", "2026-11-10 10:00"),  # #7
        ("戊", "-k", "call", "--at", "2026-11-11 10:00"),  # #8
        ("己", "-a", "6000", "--at", "2026-11-03 10:00"),  # #9
    ):
        ok("visit", "add", *args)
    ok("deal", "add", "丁", "年度维保")
    ok("customer", "add", "庚")
    ok("payment", "add", "甲", "6万", "--at", "2026-10-01 09:00")  # pays #1 and 1万 of #2
    ok("visit", "cancel", "2", "--amount", "5000", "--at", "2026-10-20 09:00", "--reason", "少一台")
    ok("payment", "add", "乙", "1.2万", "--at", "2026-10-30 09:00")  # 2,000 too much: a credit
    ok("payment", "add", "丙", "3000", "--at", "2026-08-10 09:00")
    ok("visit", "cancel", "9", "--reason", "客户突然取消订单")


def fifo_by_hand(db) -> dict[int, tuple]:
    """Each sale's due (amount less its cancellations) and what is owed of it, the
    customer's payments poured into their sales oldest first -> entry id ->
    (customer id, at, due, owed), for the sales still owed."""
    cancelled: dict[int, int] = {}
    for entry_id, fen in stored(db, "SELECT entry_id, amount_fen FROM cancellations"):
        cancelled[entry_id] = cancelled.get(entry_id, 0) + fen
    pool: dict[int, int] = {}
    for customer_id, fen in stored(db, "SELECT customer_id, amount_fen FROM payments"):
        pool[customer_id] = pool.get(customer_id, 0) + fen
    owed = {}
    sales = stored(db, "SELECT id, customer_id, at, amount_fen FROM entries WHERE amount_fen IS NOT NULL")
    for entry_id, customer_id, at, amount in sorted(sales, key=lambda s: (s[2], s[0])):
        due = amount - cancelled.get(entry_id, 0)
        paid = min(due, pool.get(customer_id, 0))
        pool[customer_id] = pool.get(customer_id, 0) - paid
        if due > paid:
            owed[entry_id] = (customer_id, at, due, due - paid)
    return owed


def kept(db) -> dict[int, tuple]:
    return {
        e: tuple(rest) for e, *rest in stored(db, "SELECT entry_id, customer_id, at, due_fen, owed_fen FROM owed_sales")
    }


def receivables_by_hand(db) -> list[dict]:
    """receivables --json from fifo_by_hand: a customer a row, the oldest unpaid sale's day first, then name."""
    names = dict(stored(db, "SELECT id, name FROM customers"))
    by_customer: dict[int, list] = {}
    for entry_id, (customer_id, at, due, owed) in sorted(fifo_by_hand(db).items(), key=lambda s: (s[1][1], s[0])):
        age = (TODAY - date.fromisoformat(at[:10])).days
        by_customer.setdefault(customer_id, []).append(
            {"entry": entry_id, "at": at[:10], "amount": due / 100, "owed": owed / 100, "age_days": age}
        )
    rows = [
        {"customer": names[c], "outstanding": sum(s["owed"] for s in sales), "oldest_sale": sales[0]["entry"],
         "oldest_at": sales[0]["at"], "age_days": sales[0]["age_days"], "sales": sales}
        for c, sales in by_customer.items()
    ]  # fmt: skip
    return sorted(rows, key=lambda r: (r["oldest_at"], r["customer"]))


def stages_by_hand(db) -> dict[str, str | None]:
    """Every customer's stage today, from stages.py's words: bought in two months or
    more (repeat) or one (customer), unless no contact for DORMANT_DAYS (dormant);
    never bought: a deal open (intent) or not (prospect)."""
    bound = str(TODAY + timedelta(days=1))
    quiet_since = str(TODAY - timedelta(days=DORMANT_DAYS - 1))
    found = {}
    for customer_id, name, created in stored(db, "SELECT id, name, created_at FROM customers"):
        rows = stored(
            db, "SELECT at, amount_fen, id FROM entries WHERE customer_id = ? AND at < ?", (customer_id, bound)
        )
        cancelled = dict(stored(db, "SELECT entry_id, sum(amount_fen) FROM cancellations GROUP BY entry_id"))
        months = {at[:7] for at, amount, i in rows if amount and amount > cancelled.get(i, 0)}  # not cancelled in full
        deals = stored(db, "SELECT created_at, closed_at FROM deals WHERE customer_id = ?", (customer_id,))
        if months:
            lately = any(at >= quiet_since for at, _, _ in rows)
            found[name] = "dormant" if not lately else "repeat" if len(months) > 1 else "customer"
        elif created < bound or rows:
            found[name] = "intent" if any(c < bound and (d is None or d >= bound) for c, d in deals) else "prospect"
        else:
            found[name] = None
    return found


def test_receivables_and_stages_agree_with_the_log_after_every_kind_of_write(db, tmp_path):
    built_once("money-facts", build_customers)

    def stages_agree(*, each_list: bool = True) -> dict:
        """Every stage as worked out by hand, as customer list --json gives them and (with
        `each_list`) as customer list --stage lists each one."""
        stages = stages_by_hand(db)
        assert {c["name"]: c["stage"] for c in json.loads(ok("customer", "list", "--json").out)} == stages
        for stage in ("prospect", "intent", "customer", "repeat", "dormant") if each_list else ():
            listed = json.loads(ok("customer", "list", "--stage", stage, "--json").out)
            assert [c["name"] for c in listed] == in_name_order(n for n, s in stages.items() if s == stage), stage
        return stages

    def agree() -> list[dict]:
        assert kept(db) == fifo_by_hand(db)
        listed = json.loads(ok("receivables", "--json").out)
        assert listed == receivables_by_hand(db)
        return listed

    owed = agree()
    # by hand: 甲 paid 6万 of #1 (5万) and #2 (3万 less 5000 cancelled): 1.5万 of #2 and all of #3 owed
    assert [(r["customer"], r["outstanding"], r["oldest_sale"], r["age_days"]) for r in owed] == [
        ("丙", 9000, 5, 142),  # 8000 + 4000 − 3000
        ("甲", 35000, 2, 72),
    ]
    assert [(s["entry"], s["amount"], s["owed"]) for s in owed[1]["sales"]] == [(2, 25000, 15000), (3, 20000, 20000)]
    table = ok("receivables").out.splitlines()
    assert [line.split() for line in table[2:]] == [
        ["丙", "9,000", "2", "#5", "2026-07-06", "142"],
        ["甲", "3.5万", "2", "#2", "2026-09-14", "72"],
    ]
    cards = {c["name"]: c for c in json.loads(ok("customer", "list", "--json").out)}
    assert {n: c["outstanding"] for n, c in cards.items()} == {
        "丁": 0, "丙": 9000, "乙": -2000, "己": 0, "庚": 0, "戊": 0, "甲": 35000,
    }  # fmt: skip
    # remind: the sales owed past payment_terms_days (30), oldest first; 丙's 3000 paid #5 first
    unpaid = [line for line in ok("remind").out.splitlines() if "unpaid" in line]
    late = sorted((at, e) for e, (_, at, _, _) in fifo_by_hand(db).items() if at < str(TODAY - timedelta(days=29)))
    assert [int(line.split("#")[1].split()[0]) for line in unpaid] == [e for _, e in late] == [5, 6, 2]
    assert unpaid[0] == "- sale #5 丙: 5,000 unpaid after 142 days"
    assert stages_agree() == {
        "甲": "repeat", "乙": "customer", "丙": "dormant", "丁": "intent", "戊": "prospect",
        "己": "prospect",  # its one sale cancelled in full: no sale
        "庚": "prospect",
    }  # fmt: skip
    # a sale dated later than today: the stages are judged on the log up to today (not the kept sales)
    ok("visit", "add", "戊", "-a", "100", "--at", "2026-12-01 10:00")
    assert stages_agree(each_list=False)["戊"] == "prospect"
    ok("undo")

    # Every kind of write keeps owed_sales what the log says, and undo too.
    ok("visit", "edit", "1", "--amount", "6万")  # 甲's oldest grows: the payment covers less of #2
    ok("visit", "edit", "3", "--at", "2026-08-01 10:00")  # #3 now the oldest: paid first
    assert agree()[1]["oldest_sale"] == 1  # #3 paid, then 4万 of #1
    ok("payment", "rm", "1", "--yes")
    assert agree()[1]["outstanding"] == 105000  # 6万 + 2.5万 + 2万, nothing paid
    ok("undo")
    ok("undo")
    ok("undo")  # the edits too
    assert agree() == owed
    ok("visit", "cancel", "3", "--amount", "1万", "--reason", "退货")
    ok("visit", "rm", "6", "--yes")  # 丙's later sale goes: 8000 − 3000 owed
    assert [(r["customer"], r["outstanding"]) for r in agree()] == [("丙", 5000), ("甲", 25000)]
    ok("undo")
    ok("export", "entries", "-o", str(tmp_path / "entries.csv"))
    ok("customer", "rm", "丙", "--with-entries", "--yes")
    assert [r["customer"] for r in agree()] == ["甲"]
    ok("import", "entries", str(tmp_path / "entries.csv"), "--new")  # 丙's sales back, unpaid now
    assert [(r["customer"], r["outstanding"]) for r in agree()] == [("丙", 12000), ("甲", 25000)]
    ok("customer", "merge", "丙", "甲")  # 丙's sales are 甲's oldest now
    assert [(r["customer"], r["oldest_sale"], r["outstanding"]) for r in agree()] == [
        ("甲", 1, 37000)
    ]  # 1.2万 of the 6万 paid 丙's
    assert stages_agree()["甲"] == "repeat" and "丙" not in stages_by_hand(db)
    ok("undo")
    assert len(agree()) == 2
    assert stages_agree(each_list=False)["丙"] == "dormant"
