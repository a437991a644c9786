"""Issue 13, items 2 and 7: the review mid-week, averages over the weeks there
are, the best day on a weekend, trend before the first entry, and what a
finished week or a Saturday says."""

import json

from conftest import ok

WEDNESDAY = "2026-11-25T18:00"  # week 2026-W48, Mon 11-23 .. Sun 11-29
SUNDAY = "2026-11-29T20:00"


def review(now: str = WEDNESDAY, *args) -> dict:
    return json.loads(ok("review", "--json", *args, now=now).out)


def a_week_under_way():
    """Visits 5 and calls 4 for W48; by Wednesday 18:00 (60% of the working week
    gone): visits 1 (3 expected by now: behind), calls 3 (2.4 expected: on pace).
    Follow-ups due Tuesday (closed Tuesday), Wednesday (open) and Thursday (open)."""
    ok("goal", "set", "visits", "5", "--week", "2026-11-23")
    ok("goal", "set", "calls", "4", "--week", "2026-11-23")
    ok("visit", "add", "张总", "--new", "--at", "2026-11-16 10:00", "--next", "报价", "--next-date", "2026-11-24")
    ok("visit", "add", "李经理", "--new", "--at", "2026-11-17 10:00", "--next", "回访", "--next-date", "2026-11-25")
    ok("visit", "add", "王总", "--new", "--at", "2026-11-18 10:00", "--next", "送样", "--next-date", "2026-11-26")
    ok("visit", "add", "张总", "-k", "call", "--at", "2026-11-24 10:00")
    ok("visit", "add", "赵主任", "--new", "-k", "call", "--at", "2026-11-24 11:00")
    ok("visit", "add", "赵主任", "-k", "call", "--at", "2026-11-25 11:00")
    ok("visit", "add", "赵主任", "--at", "2026-11-25 15:00")


def test_mid_week_a_target_short_is_behind_or_on_pace_never_missed():
    a_week_under_way()
    data = review()
    assert data["week_over"] is False
    verdicts = {m["metric"]: (m["actual"], m["target"], m["verdict"]) for m in data["metrics"]}
    assert verdicts == {"visits": (1, 5, "behind"), "calls": (3, 4, "on pace"), "prospects": (1, None, "no target")}
    rules = [n["rule"] for n in data["notes"]]
    assert "target_missed" not in rules and "target_behind" in rules
    (behind,) = [n for n in data["notes"] if n["rule"] == "target_behind"]
    assert behind["text"] == "visits 1/5 (20%) — Monday and Tuesday had none"
    assert behind["numbers"] == {"metric": "visits", "actual": 1, "target": 5, "percent": 20.0, "expected": 3.0}
    screen = ok("review", now=WEDNESDAY).out
    assert "missed" not in screen and "behind" in screen
    assert "The week is not over" in screen


def test_mid_week_only_follow_ups_already_due_can_be_late():
    a_week_under_way()
    assert review()["followups"] == {
        "followups_due": 2,  # Tuesday's (closed by the call) and Wednesday's
        "followups_on_time": 1,
        "followups_late": 1,
        "followups_still_open": 1,
        "followups_due_later": 1,  # Thursday's is not late on Wednesday
    }
    assert "follow-ups due 2: 1 on time, 1 not (1 due later this week)" in ok("review", now=WEDNESDAY).out


def test_once_the_week_is_over_a_target_short_is_missed():
    a_week_under_way()
    data = review(SUNDAY)
    assert data["week_over"] is True
    verdicts = {m["metric"]: m["verdict"] for m in data["metrics"]}
    assert verdicts == {"visits": "missed", "calls": "missed", "prospects": "no target"}
    assert {n["rule"] for n in data["notes"]} >= {"target_missed"}
    assert data["followups"]["followups_due"] == 3 and data["followups"]["followups_due_later"] == 0
    assert "The week is not over" not in ok("review", now=SUNDAY).out


def two_weeks_then_a_saturday():
    """W44-W45 empty; W46: one visit, a deal of 10万; W47: two visits with deals
    of 2万 each and a call. W48: a call on Monday, a visit with a deal of 5万 on
    Saturday, against a revenue target of 10万."""
    ok("visit", "add", "张总", "--new", "-a", "10万", "--at", "2026-11-10 10:00")
    ok("visit", "add", "李经理", "--new", "-a", "2万", "--at", "2026-11-17 10:00")
    ok("visit", "add", "王总", "--new", "-a", "2万", "--at", "2026-11-18 10:00")
    ok("visit", "add", "王总", "-k", "call", "--at", "2026-11-19 10:00")
    ok("goal", "set", "revenue", "10万", "--week", "2026-11-23")
    ok("visit", "add", "张总", "-k", "call", "--at", "2026-11-23 10:00")
    ok("visit", "add", "张总", "-a", "5万", "--at", "2026-11-28 10:00")


def test_averages_cover_the_weeks_logged_and_pool_the_ratios():
    two_weeks_then_a_saturday()
    data = review(SUNDAY)
    assert data["average_weeks"] == 2
    average = {r["measure"]: r["four_week_average"] for r in data["explained"]}
    assert average == {
        "contacts": 2,  # (1 + 3) / 2 weeks
        "deals": 1.5,
        "revenue": 70000,
        "conversion_visits": 100.0,  # 3 deals / 3 visits
        "conversion_all": 75.0,  # 3 deals / 4 contacts, not (100% + 67%) / 2
        "average_deal": 46666.67,  # 14万 / 3 deals, not (10万 + 2万) / 2
        "revenue_per_visit": 46666.67,  # 14万 / 3 visits
        "new_clients": 1.5,
        "prospects": 1.5,
    }
    (missed,) = [n for n in data["notes"] if n["rule"] == "target_missed"]
    assert missed["text"] == "revenue 5万/10万 (50%) — 1 deal of 5万 (your 2-week average 4.67万)"
    screen = ok("review", now=SUNDAY).out
    assert "2-week avg" in screen and "4-week" not in screen
    assert "近2周平均" in ok("--lang", "zh", "review", now=SUNDAY).out
    markdown = ok("review", "--markdown", now=SUNDAY).out
    assert "2-week average" in markdown and "4-week" not in markdown


def test_a_review_with_no_earlier_week_says_so():
    ok("visit", "add", "张总", "--new", "--at", "2026-11-23 10:00")
    assert review(SUNDAY)["average_weeks"] == 0
    assert "no earlier weeks" in ok("review", now=SUNDAY).out


def test_the_best_day_can_be_a_weekend_worked():
    two_weeks_then_a_saturday()
    data = review(SUNDAY)
    assert data["best_day"] == {"date": "2026-11-28", "contacts": 1, "revenue": 50000}
    assert data["worst_day"] == {"date": "2026-11-24", "contacts": 0, "revenue": 0}
    assert "best day 2026-11-28 (1 contact, 5万)" in ok("review", now=SUNDAY).out


def test_trend_shows_weeks_before_the_first_entry_as_no_actual():
    ok("goal", "set", "visits", "5", "--week", "2026-11-09")
    ok("visit", "add", "张总", "--new", "--at", "2026-11-17 10:00")  # the first entry ever, in W47
    ok("visit", "add", "张总", "-k", "call", "--at", "2026-11-24 10:00")
    data = json.loads(ok("trend", "--weeks", "4", "--json").out)
    visits = next(r for r in data["metrics"] if r["metric"] == "visits")
    assert [(p["label"], p["actual"], p["target"], p["percent"]) for p in visits["periods"]] == [
        ("2026-W45", None, None, None),
        ("2026-W46", None, 5, None),  # a target, but nothing was logged yet: not 0%
        ("2026-W47", 1, None, None),
        ("2026-W48", 0, None, None),  # logging had begun: a real 0
    ]
    assert visits["periods_with_target"] == 0 and visits["achievement_rate"] is None
    assert visits["sparkline"][:2] == "  " and len(visits["sparkline"]) == 4
    lines = ok("trend", "--weeks", "4").out.splitlines()
    assert next(line for line in lines if line.startswith("2026-W45")).split()[1:] == ["—", "—", "—"]
    assert next(line for line in lines if line.startswith("2026-W48")).split()[1:] == ["0", "0", "1"]
    visits_met = next(line for line in lines if line.startswith("visits "))
    assert visits_met.split()[-1] == "—"  # W46 had a target, before anything was logged


def test_entries_before_the_trend_s_span_mean_every_week_has_an_actual():
    ok("visit", "add", "张总", "--new", "--at", "2026-10-01 10:00")
    ok("visit", "add", "张总", "--at", "2026-11-24 10:00")
    data = json.loads(ok("trend", "--weeks", "3", "--metric", "visits", "--json").out)
    assert [p["actual"] for p in data["metrics"][0]["periods"]] == [0, 0, 1]


def test_the_month_view_sums_the_week_targets_where_there_is_no_month_target():
    """Visits 10 a week for W45-W48 and W49 (Mon 11-30 .. Sun 12-06): November has
    four whole weeks and Monday 11-30, one of W49's five working days: 42.
    Revenue has a month target of 50万 for November, which wins over week ones."""
    for week in ("2026-11-02", "2026-11-09", "2026-11-16", "2026-11-23", "2026-11-30"):
        ok("goal", "set", "visits", "10", "--week", week)
    ok("goal", "set", "revenue", "20万", "--week", "2026-11-23")
    ok("goal", "set", "revenue", "50万", "--month", "2026-11")
    ok("visit", "add", "张总", "--new", "--at", "2026-11-10 10:00")
    data = json.loads(ok("trend", "--months", "--weeks", "2", "--json").out)
    targets = {r["metric"]: [(p["label"], p["target"]) for p in r["periods"]] for r in data["metrics"]}
    assert targets["visits"] == [("2026-10", None), ("2026-11", 42)]
    assert targets["revenue"] == [("2026-10", None), ("2026-11", 500000)]


def test_a_finished_week_tells_what_came_of_its_targets_not_where_it_stands():
    ok("goal", "set", "visits", "5", "--week", "last")
    ok("goal", "set", "calls", "1", "--week", "last")
    ok("visit", "add", "张总", "--new", "--at", "2026-11-17 10:00")
    ok("visit", "add", "张总", "-k", "call", "--at", "2026-11-18 10:00")
    screen = ok("week", "--week", "last").out
    assert "where do I stand?" not in screen and "behind" not in screen
    assert screen.startswith("Week 47 · 2026-11-16 → 2026-11-22 · how did it go?")
    rows = {line.split()[0]: line.split()[-1] for line in screen.splitlines() if line.startswith(("visits", "calls"))}
    assert rows == {"visits": "missed", "calls": "met"}
    assert "look back: salelog review --week 2026-W47" in screen
    zh = ok("--lang", "zh", "week", "--week", "last").out
    assert "结果如何？" in zh and "落后" not in zh and "未达成" in zh
    data = json.loads(ok("week", "--week", "last", "--json").out)
    assert data["week_over"] is True
    metrics = {m["metric"]: (m["pace"], m["verdict"]) for m in data["metrics"]}
    assert metrics["visits"] == ("behind", "missed") and metrics["calls"] == ("done", "met")  # pace kept


def test_the_week_under_way_still_shows_where_it_stands():
    ok("goal", "set", "visits", "5")
    ok("visit", "add", "张总", "--new", "--at", "2026-11-23 10:00")
    screen = ok("week").out
    assert "where do I stand?" in screen and "behind" in screen
    data = json.loads(ok("week", "--json").out)
    verdicts = {m["metric"]: m["verdict"] for m in data["metrics"]}
    assert data["week_over"] is False and verdicts["visits"] == "behind"


def test_today_on_a_saturday_says_it_is_not_a_working_day():
    ok("goal", "set", "visits", "5")
    ok("visit", "add", "张总", "--new", "--at", "2026-11-23 10:00")
    saturday = "2026-11-28T10:00"
    assert ok("today", now=saturday).out.splitlines()[0].rstrip() == "Today · Sat 2026-11-28 · not a working day"
    assert ok("--lang", "zh", "today", now=saturday).out.splitlines()[0].rstrip() == (
        "今天 · 周六 2026-11-28 · 今天不是工作日"
    )
    data = json.loads(ok("today", "--json", now=saturday).out)
    assert data["working_day"] is False
    assert data["verdict"] == {"state": "not a working day", "text": "not a working day", "behind": []}
    friday = json.loads(ok("today", "--json", now="2026-11-27T10:00").out)
    assert friday["working_day"] is True and friday["verdict"]["state"] == "behind"


def test_counts_of_one_read_in_the_singular():
    """Issue 13 item 24: "1 deals", "1 of 2 ... were" and "(1 contacts)" read as English."""
    ok("goal", "set", "revenue", "10万", "--week", "2026-11-23")
    ok("visit", "add", "张总", "-a", "5万", "--at", "2026-11-24 10:00", "--next", "回访", "--next-date", "2026-11-25")
    ok("visit", "add", "王总", "--new", "--at", "2026-11-23 10:00", "--next", "报价", "--next-date", "2026-11-24")
    ok("visit", "add", "王总", "--at", "2026-11-24 11:00")
    for day in ("25", "26", "27"):  # every other working day busier than Monday's one contact
        for hour in ("10", "11"):
            ok("visit", "add", "王总", "-k", "call", "--at", f"2026-11-{day} {hour}:00")
    shown = ok("review", now="2026-11-29T20:00").out
    assert "1 deal of 5万" in shown and "1 deals" not in shown
    assert "1 of 2 follow-ups due this week was not closed on time" in shown
    assert "quietest 2026-11-23 (1 contact)" in shown and "(1 contacts" not in shown


def test_the_reflection_in_chinese_markdown_has_chinese_headings():
    ok("visit", "add", "张总", "--at", "2026-11-24 10:00")
    ok("review", "write", "--went-well", "稳", "--went-badly", "拜访少", "--why", "下雨", now="2026-11-29T20:00")
    zh = ok("--lang", "zh", "review", "--markdown", now="2026-11-29T20:00").out
    assert "**做得好:** 稳" in zh and "**做得不好:** 拜访少" in zh and "**原因:** 下雨" in zh
    assert "Went well" not in zh
