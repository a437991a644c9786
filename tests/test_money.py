"""Money in and cancellations (issue 18 items 1 and 2): a sale cancelled in full or
in part keeps its entry, and counts in the period the cancellation happens in.
The clock is Wednesday 2026-11-25 18:00 (week 48); last week is 2026-11-16..22."""

import json

from conftest import ok, refused, run, snapshot, stored

NEXT_WEEK = "2026-12-02T18:00"  # week 48 is then a past week: a record for goal check


def revenue_and_deals(*args: str, now: str | None = None) -> tuple[float, int]:
    """week --json's revenue and deals actuals (0 where the metric is not shown)."""
    metrics = {m["metric"]: m["actual"] for m in json.loads(ok("week", *args, "--json", now=now).out)["metrics"]}
    return metrics.get("revenue", 0), metrics.get("deals", 0)


def week_48_everywhere(now: str) -> dict:
    """Week 48's revenue as week, review (its figures and explained numbers), trend and goal check read it."""
    last = ("--week", "last") if now == NEXT_WEEK else ()
    review = json.loads(ok("review", *last, "--json", now=now).out)
    explained = {e["measure"]: e["week"] for e in review["explained"]}
    trend = json.loads(ok("trend", "--metric", "revenue", "--weeks", "3", "--json", now=now).out)
    periods = {p["label"]: p["actual"] for p in trend["metrics"][0]["periods"]}
    figures = {m["metric"]: m["actual"] for m in review["metrics"]}
    found = {
        "week": revenue_and_deals(*last, now=now),
        "review": (figures["revenue"], figures.get("deals", 0)),
        "explained": (explained["revenue"], explained["deals"]),
        "trend": periods["2026-W48"],
        "trend W47": periods["2026-W47"],
    }
    if now == NEXT_WEEK:  # week 48 among goal check's record of earlier weeks
        check = json.loads(ok("goal", "check", "revenue", "5万", "--json", now=now).out)
        found["goal check"] = {h["period"]: h["actual"] for h in check["history"]}["2026-W48"]
    return found


def test_a_sale_cancelled_in_part_then_in_full_changes_the_week_it_happens_in_never_the_sales_week(db):
    ok("visit", "add", "张总", "--amount", "5万", "--at", "2026-11-17 10:00")  # #1, last week
    ok("visit", "add", "李总", "--amount", "2万", "--at", "2026-11-18 15:00")  # #2, last week
    ok("visit", "add", "王总", "--amount", "4万", "--at", "2026-11-24 11:00")  # #3, this week
    assert revenue_and_deals("--week", "last") == (70000, 2)
    assert revenue_and_deals() == (40000, 1)

    out = ok("visit", "cancel", "1", "--amount", "1万", "--at", "2026-11-24 16:00", "--reason", "退了两台").out
    assert out == "cancelled 1万 of sale #1 with 张总 · at 2026-11-24 16:00 · left: 4万\n"
    assert revenue_and_deals() == (30000, 1)  # a part: the money goes, the deal stays
    out = ok("visit", "cancel", "2", "--reason", "客户突然取消订单").out  # all that is left, now
    assert out == "cancelled 2万 of sale #2 with 李总 · at 2026-11-25 18:00 · cancelled in full\n"
    assert revenue_and_deals() == (10000, 0)  # 4万 - 1万 - 2万; 王总's deal less 李总's
    assert revenue_and_deals("--week", "last") == (70000, 2)  # last week's results stand
    assert stored(db, "SELECT id, amount_fen FROM entries ORDER BY id") == [(1, 50000_00), (2, 20000_00), (3, 40000_00)]
    assert stored(db, "SELECT entry_id, amount_fen, at, reason FROM cancellations ORDER BY id") == [
        (1, 10000_00, "2026-11-24 16:00:00", "退了两台"),
        (2, 20000_00, "2026-11-25 18:00:00", "客户突然取消订单"),
    ]

    # Every place that sums revenue agrees, this week and once it is a past week (goal check's record).
    this_week = week_48_everywhere(now=None)
    assert this_week == {
        "week": (10000, 0),
        "review": (10000, 0),
        "explained": (10000, 0),
        "trend": 10000,
        "trend W47": 70000,
    }
    later = week_48_everywhere(now=NEXT_WEEK)
    assert later == this_week | {"goal check": 10000}
    days = json.loads(ok("review", "--json").out)["best_day"]
    assert days == {"date": "2026-11-24", "contacts": 1, "revenue": 30000}  # 王总's 4万 less the 1万 cancelled then
    month = json.loads(ok("review", "--month", "--json").out)
    assert {m["metric"]: m["actual"] for m in month["metrics"]}["revenue"] == 80000  # the month holds both weeks
    year = json.loads(ok("review", "--year", "--json").out)
    assert {m["metric"]: m["actual"] for m in year["metrics"]}["deals"] == 2  # three sales, one cancelled in full

    # The entry stays, marked, with its cancellations; revenue to date is sales less cancellations.
    listed = ok("visit", "list").out
    assert "5万 (-1万)" in listed and "2万 (cancelled)" in listed
    entry = json.loads(ok("visit", "list", "--customer", "张总", "--json").out)[0]
    assert (entry["amount"], entry["cancelled"]) == (50000, 10000)
    assert entry["cancellations"] == [{"at": "2026-11-24 16:00:00", "amount": 10000, "reason": "退了两台"}]
    shown = ok("customer", "show", "李总").out
    assert "revenue 0 (this year 0)" in shown
    assert "Cancellations" in shown and "  #2  2026-11-25 18:00     2万  客户突然取消订单" in shown
    revenue = {c["name"]: c["revenue"] for c in json.loads(ok("customer", "list", "--json").out)}
    assert revenue == {"张总": 40000, "李总": 0, "王总": 40000}
    exported = ok("export", "cancellations").out.lstrip("\ufeff").splitlines()
    assert exported == [
        "entry,customer,sale_at,sale,amount,at,reason",
        "1,张总,2026-11-17 10:00:00,50000,10000,2026-11-24 16:00:00,退了两台",
        "2,李总,2026-11-18 15:00:00,20000,20000,2026-11-25 18:00:00,客户突然取消订单",
    ]

    # Refused, one line each, nothing written.
    before = snapshot(db)
    for args, message in (
        (("2", "--reason", "again"), "error: sale #2 is cancelled in full already"),
        (("1", "--amount", "4.5万", "--reason", "x"), "error: cannot cancel 4.5万 of sale #1: only 4万 of it is left"),
        (("1", "--amount", "0", "--reason", "x"), "error: amount must be more than 0"),
        (("1", "--amount", "-500", "--reason", "x"), 'error: amounts must be positive, got "-500"'),
        (("1", "--amount", "abc", "--reason", "x"), 'error: cannot read amount "abc"'),
        (("1", "--reason", "  "), "error: --reason is empty"),
        (("1",), "error: --reason is empty"),
        (("1", "--at", "2026-11-10", "--reason", "x"), "error: a cancellation at 2026-11-10 12:00 would come before"),
        (("9", "--reason", "x"), 'error: no entry "9"'),
    ):
        assert refused("visit", "cancel", *args).err.startswith(message), args
    ok("visit", "add", "赵总")  # #4: a contact without a sale
    after_contact = snapshot(db)
    assert refused("visit", "cancel", "4", "--reason", "x").err.startswith("error: entry #4 is not a sale")
    assert refused("visit", "edit", "1", "--amount", "5000").err.startswith(
        "error: 1万 of sale #1 is cancelled: its amount cannot go below that"
    )
    assert snapshot(db) == after_contact and before != after_contact
    ok("undo")  # the contact

    # undo brings a cancelled sale back, in the week of the cancellation only.
    assert ok("undo").out.startswith("undone: visit cancel #2 (2万, 李总)")
    assert revenue_and_deals() == (30000, 1)
    assert revenue_and_deals("--week", "last") == (70000, 2)
    assert "2万 (cancelled)" not in ok("visit", "list").out

    # In Chinese.
    out = ok("--lang", "zh", "visit", "cancel", "last", "--amount", "5000", "--reason", "少一台").out
    assert out == "已取消 王总 的成交 #3：5,000 · 时间 2026-11-25 18:00 · 剩余 3.5万\n"


def outstanding(name: str) -> float:
    """customer list --json's outstanding balance of `name`."""
    return {c["name"]: c["outstanding"] for c in json.loads(ok("customer", "list", "--json").out)}[name]


def test_a_customers_account_sale_part_payment_cancellation_payment_checked_at_each_step(db):
    ok("visit", "add", "张总", "--amount", "10万", "--at", "2026-10-06 10:00")  # #1, 50 days ago
    ok("visit", "add", "张总", "--amount", "3万", "--at", "2026-11-16 10:00")  # #2, 9 days ago
    ok("visit", "add", "李经理", "--amount", "2万", "--at", "2026-10-20 10:00")  # #3, 36 days ago
    assert outstanding("张总") == 130000

    out = ok("payment", "add", "张总", "4万", "--at", "2026-11-24 09:00", "--for", "1", "--note", "银行转账").out
    assert out == "payment #1: 4万 from 张总 · at 2026-11-24 09:00 · outstanding 9万\n"
    assert outstanding("张总") == 90000
    ok("visit", "cancel", "2", "--amount", "1万", "--reason", "少一台")
    assert outstanding("张总") == 80000  # 10万 + 3万 − 4万 − 1万
    assert ok("payment", "add", "张总", "8.5万").out.endswith(" · a credit of 5,000\n")  # today, 18:00
    assert outstanding("张总") == -5000  # a credit

    # collected: the week's payments, with a target like any metric (回款 is its alias).
    ok("goal", "set", "回款", "20万")
    week = {m["metric"]: m for m in json.loads(ok("week", "--json").out)["metrics"]}
    assert (week["collected"]["target"], week["collected"]["actual"], week["collected"]["unit"]) == (
        200000,
        125000,
        "yuan",
    )
    assert week["revenue"]["actual"] == -10000  # this week: only the cancellation
    assert "collected 回款" in ok("week").out

    # The account in customer show; the payments listed.
    shown = ok("customer", "show", "张总").out
    assert "Account: a credit of 5,000 · paid 12.5万" in shown
    listed = json.loads(ok("payment", "list", "--customer", "张总", "--json").out)
    assert [(p["id"], p["amount"], p["for"], p["note"]) for p in listed] == [
        (2, 85000, None, None),
        (1, 40000, 1, "银行转账"),
    ]
    assert json.loads(ok("customer", "show", "张总", "--json").out)["outstanding"] == -5000

    # Receivables: only 李经理 owes; remind names the sale unpaid after payment_terms_days (30).
    owed = json.loads(ok("receivables", "--json").out)
    assert owed == [
        {"customer": "李经理", "outstanding": 20000, "oldest_sale": 3, "oldest_at": "2026-10-20", "age_days": 36,
         "sales": [{"entry": 3, "at": "2026-10-20", "amount": 20000, "owed": 20000, "age_days": 36}]},
    ]  # fmt: skip
    assert "- sale #3 李经理: 2万 unpaid after 36 days" in ok("remind").out.splitlines()
    ok("config", "set", "payment_terms_days", "40")
    assert "unpaid" not in ok("remind").out

    # First in, first out: a part payment pays the oldest sale first.
    ok("visit", "add", "李经理", "--amount", "5000", "--at", "2026-11-20 10:00")  # #4
    ok("payment", "add", "李经理", "2.2万")
    (li,) = json.loads(ok("receivables", "--json").out)
    assert (li["outstanding"], li["oldest_sale"], li["age_days"]) == (3000, 4, 5)
    assert li["sales"] == [{"entry": 4, "at": "2026-11-20", "amount": 5000, "owed": 3000, "age_days": 5}]
    table = ok("receivables").out.splitlines()
    assert table[1].split() == ["Customer", "Outstanding", "Unpaid", "sales", "Oldest", "unpaid", "Days"]
    assert table[2].split() == ["李经理", "3,000", "1", "#4", "2026-11-20", "5"]

    # Refused, nothing written; rm and undo.
    before = snapshot(db)
    for args, message in (
        (("张总", "0"), "error: amount must be more than 0"),
        (("张总", "负100"), 'error: amounts must be positive, got "负100"'),
        (("张总", "-5"), 'error: amounts must be positive, got "-5"'),  # not Click's "No such option: -5"
        (("张总", "很多"), 'error: cannot read amount "很多"'),
        (("王五", "100"), 'error: unknown customer "王五"'),
        (("张总", "100", "--for", "3"), "error: entry #3 is 李经理's, not 张总's"),
        (("张总", "100", "--for", "1", "--deal", "1"), "error: --for and --deal both given"),
    ):
        assert refused("payment", "add", *args).err.startswith(message), args
    assert refused("payment", "rm", "9", "--yes").err.startswith('error: no payment "9"')
    assert snapshot(db) == before
    assert ok("payment", "rm", "2", "--yes").out.startswith("deleted payment #2 2026-11-25 18:00 8.5万 张总")
    assert outstanding("张总") == 80000
    assert ok("undo").out.startswith("undone: payment rm #2")
    assert outstanding("张总") == -5000
    assert ok("--lang", "zh", "payment", "add", "李经理", "3000").out.endswith(" · 已结清\n")
    ok("customer", "merge", "李经理", "张总")  # the account moves with the entries
    assert outstanding("张总") == -5000 and stored(db, "SELECT DISTINCT customer_id FROM payments") == [(1,)]


def test_receivables_shows_the_50_longest_owed_and_says_how_to_see_all(tmp_path):
    """Like customer list: a page in the table (the rest said on stderr), all in --json, --limit N / 0."""
    rows = "\n".join(f"客户{i:02d},visit,{1000 + i},2026-10-{1 + i % 28:02d} 10:00" for i in range(55))
    (tmp_path / "sales.csv").write_text("customer,kind,amount,at\n" + rows + "\n", encoding="utf-8")
    ok("import", "entries", str(tmp_path / "sales.csv"), "--new")
    ok("payment", "add", "客户00", "1000")  # paid in full: owes nothing
    page = ok("receivables")
    listed = [line for line in page.out.splitlines() if line.startswith("客户")]
    assert len(listed) == 50 and listed[0].startswith("客户28 ") and "客户00 " not in page.out  # 10-01, oldest first
    assert "showing 50 of 54 customers; --limit 0 for all" in page.err
    assert len([line for line in ok("receivables", "--limit", "0").out.splitlines() if line.startswith("客户")]) == 54
    assert ok("receivables", "--limit", "0").err == ""
    assert len(json.loads(ok("receivables", "--json").out)) == 54
    assert [r["customer"] for r in json.loads(ok("receivables", "-n", "2", "--json").out)] == ["客户28", "客户01"]
    assert run("receivables", "--limit", "-1").code == 2  # a usage error, as customer list's


def test_effort_by_class_keeps_a_class_whose_only_movement_is_a_cancellation():
    """Its rows add up to the week's revenue: C's cancelled sale of last week has its row."""
    ok("customer", "add", "张总", "--class", "A")
    ok("customer", "add", "刘总", "--class", "C")
    ok("visit", "add", "刘总", "--amount", "1.2万", "--at", "2026-11-17 10:00")  # last week
    ok("visit", "add", "张总", "--amount", "5万", "--at", "2026-11-24 10:00")
    ok("visit", "cancel", "1", "--reason", "退货")  # this week
    week = json.loads(ok("week", "--json").out)
    rows = {r["class"]: r for r in week["by_class"]}
    assert (rows["A"]["revenue"], rows["C"]["revenue"], rows["C"]["entries"]) == (50000, -12000, 0)
    revenue = next(m["actual"] for m in week["metrics"] if m["metric"] == "revenue")
    assert sum(r["revenue"] for r in rows.values()) == revenue == 38000
