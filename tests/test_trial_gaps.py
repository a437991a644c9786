"""What a new user's trial left in issues 15, 17 and 18: the parts of a day said
with no hour, pinyin typed with separators or matching an alias, remind's quiet
rule for a customer never contacted, relative targets for a period to come, and
a payment linked to a sale. The clock is Wednesday 2026-11-25 18:00 (conftest.py)."""

import json

from conftest import ok, refused, snapshot, stored

# (typed after --at, stored at): a part of the day alone takes its default hour
# (parse_full.DAY_PART_HOURS); said with an hour it keeps the hour.
PARTS_OF_A_DAY = [
    ("昨晚", "2026-11-24 20:00:00"),
    ("前天晚上", "2026-11-23 20:00:00"),
    ("前晚", "2026-11-23 20:00:00"),
    ("今早", "2026-11-25 09:00:00"),
    ("今天早上", "2026-11-25 09:00:00"),
    ("昨天上午", "2026-11-24 09:00:00"),
    ("昨天中午", "2026-11-24 12:00:00"),
    ("昨天下午", "2026-11-24 15:00:00"),
    ("昨天 下午", "2026-11-24 15:00:00"),
    ("昨天傍晚", "2026-11-24 18:00:00"),
    ("上周五下午", "2026-11-20 15:00:00"),
    ("周一晚", "2026-11-23 20:00:00"),
    ("3天前晚上", "2026-11-22 20:00:00"),
    ("11月20日上午", "2026-11-20 09:00:00"),
    ("下午", "2026-11-25 15:00:00"),
    ("今晚", "2026-11-25 18:00:00"),  # 20:00 is still to come at 18:00: a contact just ended is now
    ("last night", "2026-11-24 20:00:00"),
    ("this morning", "2026-11-25 09:00:00"),
    ("yesterday afternoon", "2026-11-24 15:00:00"),
    ("yesterday evening", "2026-11-24 18:00:00"),
    ("last fri morning", "2026-11-20 09:00:00"),
    ("晚上8点", "2026-11-25 20:00:00"),  # an hour said is kept
    ("昨晚9点半", "2026-11-24 21:30:00"),
    ("前天晚上7点", "2026-11-23 19:00:00"),
    ("周一晚8点", "2026-11-23 20:00:00"),
    ("今早8点", "2026-11-25 08:00:00"),
    ("昨天下午3点", "2026-11-24 15:00:00"),
]


def test_a_part_of_the_day_said_without_an_hour_gets_its_hour(db):
    from salelog.context import read_clock
    from salelog.fields import ENTRY_FIELDS, read

    at = next(f for f in ENTRY_FIELDS if f.flags[0] == "--at")
    assert [(word, read(at, word, read_clock())) for word, _ in PARTS_OF_A_DAY] == PARTS_OF_A_DAY
    out = ok("visit", "add", "张总", "--at", "昨晚").out
    assert out == "logged #1: visit with 张总 (new customer) · at Tue 2026-11-24 20:00\n"
    out = ok("--lang", "zh", "visit", "add", "张总", "--at", "前天晚上", "--kind", "call").out
    assert "2026-11-23 20:00" in out
    ok("visit", "add", "张总", "--at", "yesterday afternoon", "--next-date", "明早")
    assert stored(db, "SELECT at, next_date FROM entries ORDER BY id") == [
        ("2026-11-24 20:00:00", None),
        ("2026-11-23 20:00:00", None),
        ("2026-11-24 15:00:00", "2026-11-26"),
    ]
    before = snapshot(db)
    err = refused("visit", "add", "张总", "--at", "凌晨").err.splitlines()  # 凌晨 has no default: say the hour
    assert err[0] == 'error: cannot read date "凌晨"'
    assert all(form in err[1] for form in ("last night", "this morning", "昨晚", "今早", "昨天下午", "晚上8点"))
    err = refused("--lang", "zh", "visit", "add", "张总", "--at", "大晚上").err.splitlines()
    assert err[1].endswith("晚上8点、昨晚、今早、昨天下午、15:30")
    assert snapshot(db) == before
    assert "昨晚" in at.help  # visit add --help lists it


# (typed, whom it finds): separators and case in typed pinyin are not part of the
# name; an alias's pinyin and initials (zh/ch/sh as one initial, or as z/c/s) find its customer.
TYPED_IN_PINYIN = [
    ("zhang_zong", "张总"),
    ("zhang-zong", "张总"),
    ("Zhang Zong", "张总"),
    ("zhang.zong", "张总"),
    ("z-z", "张总"),
    ("zhz", "张总"),  # zh, the initial as the IME types it
    ("zhangz", "张总"),  # spelt whole, so before 张总监 which it only begins
    ("zzj", "张总监"),
    ("Wang_Fang", "王芳"),
    ("hnsh", "刘经理"),  # the beginning of 华南实业's initials hnshy
    ("hnsy", "刘经理"),
    ("hn_shi_ye", "刘经理"),
    ("huanan", "刘经理"),
]


def test_typed_pinyin_with_separators_or_an_alias_initials_finds_the_customer(db):
    ok("customer", "add", "张总")
    ok("customer", "add", "张总监")
    ok("customer", "add", "王芳")
    ok("customer", "add", "刘经理", "--alias", "华南实业", "--company", "华南实业")
    for number, (typed, name) in enumerate(TYPED_IN_PINYIN, 1):
        assert ok("visit", "add", typed).out == f'logged #{number}: visit with {name} (from "{typed}")\n'
    assert stored(db, "SELECT name FROM customers ORDER BY id") == [("张总",), ("张总监",), ("王芳",), ("刘经理",)]
    by_customer = "SELECT c.name, count(*) FROM entries e JOIN customers c ON c.id = e.customer_id GROUP BY c.id"
    assert stored(db, by_customer) == [("张总", 7), ("张总监", 1), ("王芳", 1), ("刘经理", 4)]
    before = snapshot(db)
    err = refused("visit", "add", "zhang_san").err.splitlines()  # pinyin naming nobody: never a silent new customer
    assert err[0] == 'error: unknown customer "zhang_san": no customer\'s name is spelt so in pinyin'
    err = refused("visit", "add", "zhang-zo").err.splitlines()  # begins both: the candidates, nothing written
    assert err == ['error: "zhang-zo" could be 张总, 张总监', "  type more of the name"]
    assert snapshot(db) == before
    assert ok("visit", "add", "zhang_san", "--new").out.endswith("(new customer)\n")
    from salelog.completion import _by_pinyin  # what <TAB> offers: the same fit

    assert _by_pinyin(str(db), "zhang_z") == ["张总", "张总监"]
    assert _by_pinyin(str(db), "hnsh") == ["华南实业"]


def test_remind_names_an_a_customer_not_contacted_yet_only_once_it_is_older_than_the_neglect_days():
    """A customer just added has not gone quiet: like a deal's days silent, a
    customer never contacted counts its days without contact from the day it was
    added, against neglect_days (A: 14)."""
    ok("goal", "set", "visits", "1")
    ok("visit", "add", "李总")  # today's log and targets are in order: remind speaks of customers only
    ok("customer", "add", "张总", "--class", "A")  # today
    ok("customer", "add", "赵总", "--class", "A", now="2026-11-12T09:00")  # 13 days ago
    ok("customer", "add", "王总", "--class", "A", now="2026-11-11T09:00")  # 14 days ago
    ok("customer", "add", "钱总", "--class", "B", now="2026-10-01T09:00")  # remind names A customers only
    assert ok("remind").out == "- A customer 王总: not contacted yet, added 14 days ago\n"
    assert ok("--lang", "zh", "remind").out == "- A 类客户 王总：添加 14 天了，还没有联系\n"
    assert json.loads(ok("remind", "--json").out) == [
        {"kind": "neglected", "text": "A customer 王总: not contacted yet, added 14 days ago"}
    ]
    neglected = json.loads(ok("customer", "list", "--neglected", "--json").out)
    assert [(c["name"], c["days_since"]) for c in neglected] == [("钱总", None), ("王总", None)]  # B: 30 days
    ok("visit", "add", "王总", "--at", "2026-11-20 10:00")
    later = ok("remind", now="2026-12-09T10:00").out.splitlines()  # two weeks on: 张总 is 14 days old too
    assert later[-3:] == [
        "- A customer 赵总: not contacted yet, added 27 days ago",
        "- A customer 张总: not contacted yet, added 14 days ago",
        "- A customer 王总: no contact for 19 days",
    ]


# (option and value, the period set, its target, the base: its average, its periods
# oldest first, how many, and the period the record ends before): a period to come
# grows from the periods completed before now; periods without entries are skipped.
MONTHS = ("11.25万", "2026-05, 2026-07, 2026-08, 2026-10", "4 months", "2026-11")  # June and September: none
WEEKS = ("8.75万", "2026-W43, 2026-W45, 2026-W46, 2026-W47", "4 weeks", "2026-W48")  # W44: none
RELATIVE_TARGETS = [
    ("--month next", "month 2026-12", "12.375万", *MONTHS),
    ("--month 2027-03", "month 2027-03", "12.375万", *MONTHS),
    ("--month last", "month 2026-10", "11万", "10万", "2026-02, 2026-05, 2026-07, 2026-08", "4 months", "2026-10"),
    ("--week next", "week 2026-W49", "9.625万", *WEEKS),
    ("--week this", "week 2026-W48", "9.625万", *WEEKS),
    ("--quarter next", "quarter 2027Q1", "13.75万", "12.5万", "2025Q4, 2026Q1, 2026Q2, 2026Q3", "4 quarters", "2026Q4"),
    ("--year next", "year 2027", "22万", "20万", "2025", "1 year", "2026"),
]


def test_a_relative_target_for_a_period_to_come_grows_from_the_periods_completed_before_now(db):
    sales = ["2025-09-10", "2025-12-10", "2026-02-10", "2026-05-10", "2026-07-10", "2026-08-10", "2026-10-10"]
    sales += ["2026-11-02", "2026-11-10", "2026-11-17", "2026-11-24"]  # weeks 45-48: W44 and June have none
    for day in sales:
        ok("visit", "add", "张总", "--amount", "10万", "--at", f"{day} 10:00")
    ok("visit", "add", "张总", "--amount", "5万", "--at", "2026-10-20 10:00")  # October 15万, week 43 5万
    for option, period, target, average, periods, last, before in RELATIVE_TARGETS:
        base = f"(+10% on {average}, the average of {periods}: the last {last} with entries before {before})"
        line = ok("goal", "set", "revenue", "+10%", *option.split()).out.splitlines()[0]
        assert line.startswith(f"revenue target for {period} (") and line.endswith(f"): {target} {base}"), line
        assert ok("goal", "check", "revenue", "+10%", *option.split()).out.splitlines()[0].endswith(f" {base}")
        check = json.loads(ok("goal", "check", "revenue", "+10%", *option.split(), "--json").out)
        assert check["relative"]["periods"] == periods.split(", ")[::-1]  # newest first, as its history
    set_to = stored(db, "SELECT start_date, target FROM goals WHERE metric = 'revenue' ORDER BY id")
    assert [(start, fen // 100) for start, fen in set_to] == [
        ("2026-12-01", 123750),
        ("2027-03-01", 123750),
        ("2026-10-01", 110000),
        ("2026-11-30", 96250),
        ("2026-11-23", 96250),
        ("2027-01-01", 137500),
        ("2027-01-01", 220000),
    ]
    zh = ok("--lang", "zh", "goal", "check", "revenue", "+10%", "--month", "next").out.splitlines()[0]
    assert zh.endswith(
        "（在 2026-05，2026-07，2026-08，2026-10 的平均值 11.25万 基础上 +10%：2026-11 之前最近 4 个有记录的月）"
    )


def owed():
    """receivables --json as (customer, [(sale, owed in yuan)])."""
    return [
        (c["customer"], [(s["entry"], s["owed"]) for s in c["sales"]])
        for c in json.loads(ok("receivables", "--json").out)
    ]


def test_a_payment_for_a_sale_or_a_deal_pays_it_first_and_the_rest_goes_to_the_oldest_sales(db):
    ok("visit", "add", "张总", "--amount", "5万", "--at", "2026-10-02 10:00")  # #1
    ok("visit", "add", "张总", "--amount", "3万", "--at", "2026-10-10 10:00")  # #2
    ok("visit", "add", "张总", "--amount", "2万", "--at", "2026-11-17 10:00")  # #3
    ok("deal", "add", "张总", "年度维保", "--value", "4万")
    ok("deal", "won", "1", "--at", "2026-10-20 10:00")  # its sale: #4
    ok("visit", "add", "李总", "--amount", "1万", "--at", "2026-10-01 10:00")  # #5: another customer's account
    assert owed() == [("李总", [(5, 10000)]), ("张总", [(1, 50000), (2, 30000), (4, 40000), (3, 20000)])]
    ok("payment", "add", "张总", "3万", "--for", "2", "--at", "2026-11-01 10:00")
    assert owed()[1] == ("张总", [(1, 50000), (4, 40000), (3, 20000)])  # #2 paid, not 3万 off the oldest
    ok("payment", "add", "张总", "4万", "--deal", "1", "--at", "2026-11-02 10:00")
    assert owed()[1] == ("张总", [(1, 50000), (3, 20000)])  # the deal's sale
    ok("payment", "add", "张总", "1万", "--at", "2026-11-03 10:00")  # said for nothing: the oldest first
    assert owed()[1] == ("张总", [(1, 40000), (3, 20000)])
    ok("payment", "add", "张总", "3万", "--for", "3", "--at", "2026-11-20 10:00")  # 1万 more than #3 is owed
    assert owed() == [("李总", [(5, 10000)]), ("张总", [(1, 30000)])]
    assert "- sale #1 张总: 3万 unpaid after 54 days\n" in ok("remind").out
    assert json.loads(ok("customer", "show", "张总", "--json").out)["outstanding"] == 30000
    ok("undo")  # the last payment out again: the allocation before it
    assert owed()[1] == ("张总", [(1, 40000), (3, 20000)])
