"""A customer's life (issue 18, items 3 to 6): stages worked out from the log,
complaints and satisfaction, sources, contracts, as a user sees them."""

import json

from conftest import built_once, ok, refused, snapshot, stored


def stage_of(name: str, now: str) -> str | None:
    """The stage `customer list --json` gives the customer on `now`."""
    return {c["name"]: c["stage"] for c in json.loads(ok("customer", "list", "--json", now=now).out)}[name]


def build_history():
    """甲 (class A): contacted, a deal, a sale, a sale in another month, 90 days
    of silence, contacted again. 乙: contacted, a deal, the deal lost. 丙: on file only."""
    ok("visit", "add", "甲", "--new", now="2026-03-02T10:00")
    ok("customer", "edit", "甲", "--class", "A", "--source", "展会", now="2026-03-02T10:05")
    ok("deal", "add", "甲", "ERP 项目", now="2026-03-10T10:00")
    ok("visit", "add", "甲", "-a", "5万", now="2026-04-01T10:00")
    ok("visit", "add", "甲", "-a", "1.2w", now="2026-04-20T10:00")  # the same month: still bought once
    ok("visit", "add", "甲", "-a", "8000", now="2026-05-05T10:00")
    ok("visit", "add", "乙", "-k", "call", now="2026-06-01T10:00")
    ok("deal", "add", "乙", "年度维保", now="2026-06-02T10:00")
    ok("deal", "lost", "2", "--reason", "价格太高", now="2026-06-20T10:00")
    ok("customer", "add", "丙", now="2026-07-01T10:00")
    ok("visit", "add", "甲", "-k", "call", now="2026-09-01T10:00")


def test_each_stage_is_reached_and_left_as_the_log_says(db):
    built_once("custlife-history", build_history)
    # 甲, day by day as checked by hand against the log above
    assert stage_of("甲", "2026-03-05T12:00") == "prospect"  # contacted, nothing open, nothing bought
    assert stage_of("甲", "2026-03-11T12:00") == "intent"  # a deal open since 03-10
    assert stage_of("甲", "2026-04-25T12:00") == "customer"  # two sales, one month
    assert stage_of("甲", "2026-05-05T12:00") == "repeat"  # a sale in a second month
    assert stage_of("甲", "2026-08-02T12:00") == "repeat"  # 89 days since 05-05
    assert stage_of("甲", "2026-08-03T12:00") == "dormant"  # 90 days: dormant_days
    assert stage_of("甲", "2026-09-01T12:00") == "repeat"  # contacted again: no longer dormant
    # 乙 leaves intent when the deal is lost; 丙 is a prospect from the day it is on file
    assert stage_of("乙", "2026-06-10T12:00") == "intent"
    assert stage_of("乙", "2026-06-21T12:00") == "prospect"
    assert stage_of("丙", "2026-07-02T12:00") == "prospect"
    # dormant_days is the config's
    config = db.parent / "config.toml"
    env = {"SALELOG_CONFIG": str(config)}
    ok("config", "set", "dormant_days", "60", env=env)
    assert config.read_text(encoding="utf-8") == "dormant_days = 60\n"
    said = refused("config", "set", "dormant_days", "0", env=env).err
    assert said.startswith("error: dormant_days must be a whole number of days from 1 to 3650, not 0")
    listed = ok("customer", "list", "--stage", "流失", "--json", now="2026-07-05T12:00", env=env).out
    assert [c["name"] for c in json.loads(listed)] == ["甲"]  # 61 days since 05-05
    table = ok("customer", "list", "--stage", "prospect", now="2026-07-05T12:00").out
    assert "乙" in table and "丙" in table and "甲" not in table

    # the month's review: the count at each stage at its end, and the moves within it
    review = json.loads(ok("review", "--month", "2026-08", "--json", now="2026-09-10T12:00").out)
    assert review["funnel"]["stages"] == [
        {"stage": "prospect", "count": 2},
        {"stage": "intent", "count": 0},
        {"stage": "customer", "count": 0},
        {"stage": "repeat", "count": 0},
        {"stage": "dormant", "count": 1},
    ]
    assert review["funnel"]["moves"] == [{"from": "repeat", "to": "dormant", "count": 1}]
    screen = ok("--lang", "zh", "review", "--month", "2026-08", now="2026-09-10T12:00").out
    assert "客户漏斗：潜在 2 · 意向 0 · 成交 0 · 复购 0 · 流失 1；变化：1 个 复购 → 流失" in screen
    # by source: 展会 brought 甲, who bought in April
    april = json.loads(ok("review", "--month", "2026-04", "--json", now="2026-09-10T12:00").out)
    assert april["by_source"] == [
        {"source": "展会", "prospects": 0, "new_clients": 1, "conversion": None, "revenue": 62000}
    ]
    march = json.loads(ok("review", "--month", "2026-03", "--json", now="2026-09-10T12:00").out)
    assert march["by_source"] == [{"source": "展会", "prospects": 1, "new_clients": 0, "conversion": 0.0, "revenue": 0}]

    # remind names the A customer in the week it went dormant, and not later
    assert "A customer 甲 went dormant: no contact for 91 days" in ok("remind", now="2026-08-04T12:00").out
    assert "went dormant" not in ok("remind", now="2026-08-20T12:00").out
    # at risk: A and dormant, with the reason
    risk = json.loads(ok("customer", "list", "--at-risk", "--json", now="2026-08-04T12:00").out)
    assert risk == [
        {
            "name": "甲",
            "class": "A",
            "stage": "dormant",
            "last_contact": "2026-05-05 10:00:00",
            "days_since": 91,
            "reasons": ["class A and dormant: no contact for 91 days"],
        }
    ]

    before = snapshot(db)
    result = refused("customer", "list", "--stage", "lead")
    assert result.err.splitlines() == [
        'error: unknown stage "lead"',
        "  stages: prospect 潜在, intent 意向, customer 成交, repeat 复购, dormant 流失",
    ]
    assert snapshot(db) == before


def test_a_friday_complaint_is_followed_up_on_monday_first_until_closed(db):
    friday = "2026-11-27T16:00"
    ok("visit", "add", "李经理", "--next", "寄样品", "--next-date", "2026-11-27", now=friday)
    out = ok("visit", "add", "张总", "--complaint", "交货晚了三天", "--satisfaction", "2", now=friday).out
    assert out == "logged #2: visit with 张总 (new customer) · complaint follow-up due 2026-11-30\n"
    assert stored(db, "SELECT complaint, satisfaction FROM entries WHERE id = 2") == [("交货晚了三天", 2)]

    listed = json.loads(ok("followups", "--json", now=friday).out)
    assert [(f["customer"], f["kind"], f["due_date"]) for f in listed] == [
        ("张总", "complaint", "2026-11-30"),  # first, though due after the other
        ("李经理", None, "2026-11-27"),
    ]
    assert ok("followups", now=friday).out.splitlines()[1].split() == [
        "2", "2026-11-30", "complaint", "张总", "交货晚了三天"
    ]  # fmt: skip
    assert ok("today", now=friday).out.count("交货晚了三天") == 1  # due Monday, shown today
    remind = ok("remind", now=friday).out.splitlines()
    assert remind[0] == "- complaint #2 张总: 交货晚了三天 (due 2026-11-30)"
    assert remind[1] == "- follow-up #1 李经理: 寄样品 (due today)"
    entry = json.loads(ok("visit", "list", "--json", now=friday).out)[0]
    assert (entry["complaint"], entry["satisfaction"]) == ("交货晚了三天", 2)

    # at risk: the open complaint and the low score, each said
    risk = json.loads(ok("customer", "list", "--at-risk", "--json", now=friday).out)
    assert [(r["name"], r["reasons"]) for r in risk] == [
        ("张总", ["open complaint #2: 交货晚了三天 (due 2026-11-30)", "satisfaction 2 on 2026-11-27"])
    ]

    # a holiday Monday (the config's calendar) moves the next one's follow-up to Tuesday
    config = db.parent / "config.toml"
    config.write_text('holidays = ["2026-11-30"]\n', encoding="utf-8")
    env = {"SALELOG_CONFIG": str(config)}
    out = ok("visit", "add", "王总", "--complaint", "发票有误", now=friday, env=env).out
    assert out.endswith("complaint follow-up due 2026-12-01\n")
    ok("undo", now=friday)
    assert stored(db, "SELECT count(*) FROM followups WHERE kind = 'complaint'") == [(1,)]

    # closed on Monday; next week's review counts it, with satisfaction against the 4 weeks before
    ok("followup", "done", "2", now="2026-11-30T10:00")
    ok("visit", "add", "张总", "--satisfaction", "4", now="2026-11-30T10:05")
    assert "complaint" not in ok("remind", now="2026-11-30T11:00").out
    week = json.loads(ok("review", "--week", "2026-11-30", "--json", now="2026-12-04T18:00").out)
    assert week["care"] == {
        "complaints": {"opened": 0, "closed": 1, "open": 0},
        "satisfaction": 4.0,
        "satisfaction_count": 1,
        "satisfaction_4_weeks": 2.0,
    }
    last = json.loads(ok("review", "--week", "2026-11-23", "--json", now="2026-12-04T18:00").out)
    assert last["care"]["complaints"] == {"opened": 1, "closed": 0, "open": 1}
    screen = ok("review", "--week", "2026-11-30", now="2026-12-04T18:00").out
    assert "Complaints: opened 0, closed 1, open 0 · satisfaction 4.0 (4-week average 2.0)" in screen

    before = snapshot(db)
    for bad, message in (
        (("--satisfaction", "6"), "error: --satisfaction must be 1 to 5, not '6'"),
        (("--satisfaction", "很好"), "error: --satisfaction must be 1 to 5, not '很好'"),
        (("--complaint", "  "), "error: --complaint is empty"),
    ):
        assert refused("visit", "add", "张总", *bad).err.splitlines()[0] == message
    assert snapshot(db) == before


def test_sources_and_contracts_from_the_card_to_remind_and_the_calendar(db, tmp_path):
    ok("customer", "add", "张总", "--source", "转介绍")
    ok("customer", "add", "李经理", "--source", "展会")
    ok("customer", "edit", "李经理", "--source", "老客户介绍")
    cards = {c["name"]: c for c in json.loads(ok("customer", "list", "--json").out)}
    assert (cards["张总"]["source"], cards["李经理"]["source"]) == ("转介绍", "老客户介绍")

    out = ok("customer", "edit", "张总", "--contract-end", "2026-12-20", "--contract-note", "年度维保").out
    assert out == "updated customer 张总 · contract ends 2026-12-20\n"
    ok("contract", "add", "张总", "--ends", "2027-06-30")
    ok("contract", "add", "李经理", "--ends", "12-05", "--note", "试用")
    contracts = json.loads(ok("contract", "list", "--json").out)
    assert [(c["id"], c["customer"], c["ends"], c["days_left"], c["note"]) for c in contracts] == [
        (3, "李经理", "2026-12-05", 10, "试用"),
        (1, "张总", "2026-12-20", 25, "年度维保"),
        (2, "张总", "2027-06-30", 217, None),
    ]
    remind = ok("remind").out
    assert "- contract #3 李经理 ends 2026-12-05 (in 10 days): 试用" in remind
    assert "- contract #1 张总 ends 2026-12-20 (in 25 days): 年度维保" in remind
    assert "2027-06-30" not in remind  # beyond contract_warn_days (30)

    calendar = ok("export", "contracts", "--format", "ics").out
    assert calendar.count("BEGIN:VEVENT") == 3
    assert "UID:contract-1@salelog" in calendar and "DTSTART;VALUE=DATE:20261220" in calendar

    ok("contract", "rm", "3")
    assert [c["id"] for c in json.loads(ok("contract", "list", "--json").out)] == [1, 2]
    ok("undo")
    assert [c["id"] for c in json.loads(ok("contract", "list", "--json").out)] == [3, 1, 2]

    before = snapshot(db)
    assert refused("contract", "add", "张总").err.startswith("error: a contract needs its end date")
    assert refused("customer", "edit", "张总", "--contract-note", "x").err.startswith(
        "error: a contract needs its end date"
    )
    assert refused("contract", "rm", "9").err.startswith("error: no contract #9")
    assert snapshot(db) == before


def build_moving_history():
    """Customers who change stage, and who stay put while others move: bought and went
    quiet (dormant by time alone), a sale cancelled in full, deals opened, won and lost,
    one put on file with no contact, one logged after the last moment looked at."""
    ok("visit", "add", "甲", "--new", "-a", "5万", now="2026-01-05T10:00")
    ok("visit", "add", "甲", "-a", "1万", now="2026-02-10T10:00")  # repeat, then quiet for good
    ok("visit", "add", "乙", "--new", "-k", "call", now="2026-01-20T10:00")
    ok("deal", "add", "乙", "维保", now="2026-02-01T10:00")
    ok("deal", "lost", "1", "--reason", "价格", now="2026-03-15T10:00")
    ok("visit", "add", "丙", "--new", "-a", "2万", now="2026-02-20T10:00")
    ok("visit", "cancel", "last", "--reason", "退单", now="2026-03-01T10:00")  # in full: never bought
    ok("customer", "add", "丁", now="2026-03-10T10:00")
    ok("deal", "add", "丁", "新项目", now="2026-04-01T10:00")
    ok("deal", "won", "2", "--amount", "3万", now="2026-04-20T10:00")
    ok("visit", "add", "戊", "--new", "-k", "email", now="2026-01-02T10:00")
    ok("visit", "add", "戊", "-a", "8000", now="2026-09-01T10:00")  # after every moment below


def test_the_funnel_moves_are_the_stages_each_customer_had_at_both_moments(db):
    # store.stage_moves looks up twice only the customers something happened to between the
    # two moments; its counts must be those of every customer's own stage at each moment.
    from collections import Counter
    from contextlib import closing
    from datetime import date, timedelta

    from salelog import store
    from salelog.stages import dormant_bound

    built_once("custlife-moving", build_moving_history)
    days = [date(2025, 12, 25) + timedelta(days=9 * i) for i in range(26)]  # 2025-12-25 .. 2026-08-06
    moments = [(f"{day} 00:00:00", dormant_bound(day, 45)) for day in days]
    with closing(store.open_db(str(db))) as conn:
        stages = [{c["id"]: c["stage"] for c in store.stage_facts(conn, *moment)} for moment in moments]
        checked = set()
        for i, before in enumerate(moments):
            for j in range(i, len(moments)):
                expected = Counter((stages[i][c], stages[j][c]) for c in stages[j])
                assert store.stage_moves(conn, before, moments[j]) == expected, (before, moments[j])
                checked |= set(expected)
    # the pairs seen include a customer moving each way the history has, and staying put
    assert {("repeat", "dormant"), ("intent", "prospect"), (None, "prospect"), ("dormant", "dormant")} <= checked


def test_a_contract_that_ended_is_reminded_until_renewed_and_a_past_one_is_noted():
    ok("customer", "add", "赵总", now="2026-11-01T09:00")
    added = ok("contract", "add", "赵总", "--ends", "2026-11-01", now="2026-11-23T10:00")
    assert "note: 2026-11-01 is past: the contract has ended already" in added.err
    assert "- contract #1 赵总 ended 2026-11-01 (22 days ago)" in ok("remind", now="2026-11-23T10:00").out
    assert "contract #1" not in ok("remind", now="2026-12-05T10:00").out  # over 30 days: no longer said
    ok("contract", "add", "赵总", "--ends", "2027-11-01", now="2026-11-23T10:00")  # renewed
    assert "contract #1" not in ok("remind", now="2026-11-23T10:00").out
