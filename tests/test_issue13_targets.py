"""Issue 13, items 3, 6 and 9: one rule for a week's target whatever the view,
whole-number quotas, and the neglect boundary said as it is applied. The clock
is Wednesday 2026-11-25 18:00 (conftest.py)."""

import json

from conftest import ok


def test_neglected_means_at_least_the_class_days_in_the_list_its_heading_help_and_remind():
    ok("customer", "add", "甲", "--class", "A")
    ok("visit", "add", "甲", "--at", "2026-11-11")  # 14 days before Wednesday 2026-11-25
    ok("customer", "add", "乙", "--class", "A")
    ok("visit", "add", "乙", "--at", "2026-11-12")  # 13 days
    listed = [c["name"] for c in json.loads(ok("customer", "list", "--neglected", "--json").out)]
    assert listed == ["甲"]
    screen = ok("customer", "list", "--neglected").out
    assert screen.splitlines()[0] == "Not contacted for at least: A 14 days, B 30 days"
    assert "甲" in screen and "乙" not in screen
    assert ok("customer", "list", "--neglected", "--lang", "zh").out.startswith("至少这么久未联系：A 14 天，B 30 天\n")
    help_text = " ".join(ok("customer", "list", "--help").out.split())
    assert "not contacted for at least their class's number of days" in help_text
    assert "longer than" not in help_text
    reminded = [i["text"] for i in json.loads(ok("remind", "--json").out) if i["kind"] == "neglected"]
    assert reminded == ["A customer 甲: no contact for 14 days"]


def test_todays_quotas_are_whole_visits_and_calls_rounded_up_and_money_exact_to_the_fen():
    ok("goal", "set", "visits", "11")
    ok("goal", "set", "calls", "41")
    ok("goal", "set", "revenue", "100000.01")
    thursday = "2026-11-26T08:30"  # two working days left, today included
    quotas = {q["metric"]: q for q in json.loads(ok("today", "--json", now=thursday).out)["quotas"]}
    assert (quotas["visits"]["catch_up"], quotas["visits"]["even"]) == (6, 3)  # 5.5 and 2.2 before
    assert (quotas["calls"]["catch_up"], quotas["calls"]["even"]) == (21, 9)  # 20.5 and 8.2
    assert (quotas["revenue"]["catch_up"], quotas["revenue"]["even"]) == (50000.01, 20000.01)
    day = {m["metric"]: m for m in json.loads(ok("today", "--json", now=thursday).out)["metrics"]}
    assert (day["visits"]["target"], day["calls"]["target"]) == (6, 21)
    rows = {line.split()[0]: line.split() for line in ok("today", now=thursday).out.splitlines()}
    assert rows["visits"][3:5] == ["6", "3"] and rows["calls"][3:5] == ["21", "9"]
