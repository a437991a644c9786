"""Issue 13, items 3, 6 and 9: one rule for a week's target whatever the view,
whole-number quotas, and the neglect boundary said as it is applied. The clock
is Wednesday 2026-11-25 18:00 (conftest.py)."""

import json

from conftest import ok, refused


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


def nested_revenue_targets():
    ok("goal", "set", "revenue", "500万", "--year", "2026")
    ok("goal", "set", "revenue", "100万", "--quarter", "2026Q4")
    ok("goal", "set", "revenue", "30万", "--month", "2026-11")  # 21 working days


def revenue(out: str) -> dict:
    return {m["metric"]: m for m in json.loads(out)["metrics"]}["revenue"]


def breakdown(*period: str) -> dict:
    (goal,) = json.loads(ok("goal", "list", "--json", *period).out)
    return goal["breakdown"]


def trend_target(label: str, now: str | None = None) -> float:
    (row,) = json.loads(ok("trend", "--weeks", "2", "--metric", "revenue", "--json", now=now).out)["metrics"]
    return {p["label"]: p["target"] for p in row["periods"]}[label]


def test_nested_targets_give_week_48_one_figure_in_every_view():
    """Before: the year's breakdown said 95,785.44, the quarter's 75,757.57, the month's and week's 71,428.57."""
    nested_revenue_targets()
    assert revenue(ok("week", "--json").out)["target"] == 71428.57
    assert revenue(ok("week", "--json").out)["target_source"] == "month 2026-11"
    assert revenue(json.dumps(json.loads(ok("today", "--json").out)["week"]))["target"] == 71428.57
    assert revenue(ok("review", "--json").out)["target"] == 71428.57
    assert trend_target("2026-W48") == 71428.57
    (listed,) = json.loads(ok("goal", "list", "--json").out)  # the week's own level: no target set, the share shown
    assert (listed["target"], listed["derived"], listed["target_source"]) == (71428.57, True, "month 2026-11")
    assert "revenue  71,428.57*  month 2026-11" in ok("goal", "list").out
    for period in (("--year", "2026"), ("--quarter", "2026Q4"), ("--month", "2026-11")):
        parts = breakdown(*period)
        week = {w["label"]: w for w in parts["weeks"]}["2026-W48"]
        assert (week["target"], week["source"]) == (71428.57, "month 2026-11"), period
        assert round(sum(d["target"] for d in parts["days"]), 2) == 71428.57
        screen = ok("goal", "list", *period).out
        assert "2026-W48        71,428.57" in screen and "95,785.44" not in screen and "75,757.5" not in screen
    months = {m["label"]: m for m in breakdown("--year", "2026")["months"]}
    assert (months["2026-10"]["target"], months["2026-10"]["source"]) == (333333.33, "quarter 2026Q4")
    assert (months["2026-11"]["target"], months["2026-11"]["source"]) == (300000, "month 2026-11")
    assert (months["2026-01"]["target"], months["2026-01"]["source"]) == (421455.93, "year 2026")
    assert breakdown("--year", "2026")["overridden_by"] == ["month 2026-11", "quarter 2026Q4"]
    assert "the months add up to 4,717,450.36, not 500万" in ok("goal", "list", "--year", "2026").out


def test_a_week_across_two_months_says_which_days_of_each_give_which_share():
    """Week 49: Monday 11-30 is November's (30万 over 21 days), Tuesday to Friday Q4's (100万 over 66)."""
    nested_revenue_targets()
    week = revenue(ok("week", "--week", "2026-W49", "--json").out)
    assert week["target"] == 74891.78 and week["target_source"] == "month 2026-11, quarter 2026Q4"
    assert week["target_parts"] == [
        {"month": "2026-11", "source": "month 2026-11", "start": "2026-11-30", "end": "2026-11-30"}
        | {"working_days": 1, "target": 14285.72},
        {"month": "2026-12", "source": "quarter 2026Q4", "start": "2026-12-01", "end": "2026-12-04"}
        | {"working_days": 4, "target": 60606.06},
    ]
    screen = ok("week", "--week", "2026-W49").out
    assert "revenue: 1.43万 for 11-30 (month 2026-11) + 6.06万 for 12-01 → 12-04 (quarter 2026Q4)" in screen
    (listed,) = json.loads(ok("goal", "list", "--week", "2026-W49", "--json").out)
    assert (listed["target"], listed["target_parts"]) == (74891.78, week["target_parts"])
    assert (
        "revenue: 14,285.72 for 11-30 (month 2026-11) + 60,606.06 for 12-01 → 12-04 (quarter 2026Q4)"
        in ok("goal", "list", "--week", "2026-W49").out
    )
    clipped = breakdown("--month", "2026-11")["weeks"][-1]
    assert (clipped["label"], clipped["start"], clipped["target"]) == ("2026-W49", "2026-11-30", 14285.72)
    assert clipped["whole_week"]["target"] == 74891.78
    assert clipped["whole_week"]["parts"] == week["target_parts"]
    assert (
        "2026-W49 in all: 74,891.78 = 14,285.72 for 11-30 (month 2026-11) + 60,606.06 for 12-01 → 12-04"
        " (quarter 2026Q4)" in ok("goal", "list", "--month", "2026-11").out
    )
    wednesday = "2026-12-02T18:00"
    assert revenue(ok("review", "--json", now=wednesday).out)["target"] == 74891.78
    assert revenue(json.dumps(json.loads(ok("today", "--json", now=wednesday).out)["week"]))["target"] == 74891.78
    assert trend_target("2026-W49", now=wednesday) == 74891.78
    assert "2026-W49 整周：74,891.78" in ok("goal", "list", "--quarter", "2026Q4", "--lang", "zh").out


def test_a_weeks_own_target_wins_its_days_in_the_month_breakdown_too():
    ok("goal", "set", "revenue", "30万", "--month", "2026-11")
    ok("goal", "set", "revenue", "10万")  # week 48's own
    assert revenue(ok("week", "--json").out)["target"] == 100000
    parts = breakdown("--month", "2026-11")
    week = {w["label"]: w for w in parts["weeks"]}["2026-W48"]
    assert (week["target"], week["source"]) == (100000, "week 2026-W48")
    assert [(d["target"], d["source"]) for d in parts["days"]] == [(20000, "week 2026-W48")] * 5
    assert parts["overridden_by"] == ["week 2026-W48"]
    assert (
        "More specific targets win their days (week 2026-W48): the weeks add up to"
        in ok("goal", "list", "--month", "2026-11").out
    )


def test_a_finished_week_across_two_months_still_says_which_part_is_which():
    nested_revenue_targets()
    screen = ok("week", "--week", "2026-W49", now="2026-12-08T10:00").out
    assert "revenue: 1.43万 for 11-30 (month 2026-11) + 6.06万 for 12-01 → 12-04 (quarter 2026Q4)" in screen


def test_the_month_trend_takes_its_targets_from_the_same_rule():
    nested_revenue_targets()
    ok("goal", "set", "revenue", "10万", "--week", "2026-W49")  # 2万 a day: 1 day in November, 4 in December
    (row,) = json.loads(ok("trend", "--months", "-n", "2", "--metric", "revenue", "--json", now="2026-12-02").out)[
        "metrics"
    ]
    targets = {p["label"]: p["target"] for p in row["periods"]}
    december = json.loads(ok("goal", "list", "--quarter", "2026Q4", "--json", now="2026-12-02").out)[0]
    months = {m["label"]: m["target"] for m in december["breakdown"]["months"]}
    assert targets == {"2026-11": 300000, "2026-12": months["2026-12"]}  # its own; else day by day
    assert months["2026-12"] == round(80000 + 1000000 * 19 / 66, 2)  # 4 days of W49, 19 of Q4's 66


def test_plan_splits_a_week_across_two_months_as_goal_list_does():
    """Item 3: the plan's days take the shares goal list and week give (W49: Monday from
    November's target, Tuesday to Friday from Q4's), and add up to the week's target."""
    ok("goal", "set", "revenue", "100万", "--quarter", "2026Q4")
    ok("goal", "set", "revenue", "30万", "--month", "2026-11")
    plan = json.loads(ok("plan", "--week", "2026-12-01", "--json").out)
    days = {d["date"]: d["targets"]["revenue"] for d in plan["days"]}
    assert days["2026-11-30"] == 14285.72 and abs(days["2026-12-01"] - 15151.52) < 0.02
    week = json.loads(ok("week", "--week", "2026-12-01", "--json").out)
    (revenue,) = [m for m in week["metrics"] if m["metric"] == "revenue"]
    assert round(sum(days.values()), 2) == revenue["target"] == 74891.78


def test_month_quarter_and_year_options_take_this_last_next_and_the_option_alone(db):
    """`goal set revenue 200万 --month` is this month, as `review --month` is; next month's target
    can be set in words (next, 下个月, 明年); a word it does not know lists the forms."""
    from conftest import stored

    said = {
        ("--month",): "month 2026-11 (2026-11-01 → 2026-11-30): 200万",
        ("--month", "next"): "month 2026-12 (2026-12-01 → 2026-12-31): 250万",
        ("--month", "上个月"): "month 2026-10 (2026-10-01 → 2026-10-31): 180万",
        ("--quarter",): "quarter 2026Q4 (2026-10-01 → 2026-12-31): 600万",
        ("--quarter", "下季度"): "quarter 2027Q1 (2027-01-01 → 2027-03-31): 650万",
        ("--year", "明年"): "year 2027 (2027-01-01 → 2027-12-31): 3000万",
    }
    for option, line in said.items():
        target = line.rsplit(" ", 1)[1]
        assert line in ok("goal", "set", "revenue", target, *option).out, option
    assert "250万" in ok("goal", "list", "--month", "next").out
    listed = ok("goal", "list", "--month", env={"COLUMNS": "80"}).out
    # Wider than its table, the title is a line of its own, not wrapped to the table's width.
    assert listed.startswith("Targets for month 2026-11 (2026-11-01 → 2026-11-30)\nMetric ")
    before = stored(db, "SELECT * FROM goals")
    assert len(before) == 6
    hint = "2026-11, 2026年11月, 11月, this, last or next"
    assert hint in refused("goal", "set", "revenue", "1", "--month", "soon").err
    assert "或今年、去年、明年" in refused("--lang", "zh", "goal", "set", "revenue", "1", "--year", "soon").err
    assert stored(db, "SELECT * FROM goals") == before


def test_a_month_without_a_target_of_its_own_or_above_has_none_in_trend_as_in_review():
    """Week targets alone (W48's) do not make November's target: trend --months says none, as
    review --month and goal list --month do (found by a new user's trial: 10 shown as November's)."""
    ok("goal", "set", "new-clients", "10")
    (row,) = json.loads(ok("trend", "--months", "-n", "1", "--metric", "new-clients", "--json").out)["metrics"]
    assert [p["target"] for p in row["periods"]] == [None]
    ok("visit", "add", "张总", "--amount", "5000")  # a new client in November
    review = json.loads(ok("review", "--month", "--json").out)
    assert {m["metric"]: m["target"] for m in review["metrics"]}["new-clients"] is None
    ok("goal", "set", "new-clients", "40", "--month")
    (row,) = json.loads(ok("trend", "--months", "-n", "1", "--metric", "new-clients", "--json").out)["metrics"]
    assert [p["target"] for p in row["periods"]] == [40]


def test_a_month_without_its_year_is_the_nearest_of_that_name():
    ok("goal", "set", "revenue", "30万", "--month", "1月", now="2026-12-20T09:30")  # next January
    assert "Targets for month 2027-01" in ok("goal", "list", "--month", "1 月", now="2026-12-20T09:30").out
    assert "Review of month 2026-11" in ok("review", "--month", "11月", now="2026-12-08T09:30").out
    assert "Review of month 2026-12" in ok("review", "--month", "12月", now="2027-01-05T09:30").out
    assert "month 2026-06" in ok("goal", "list", "--month", "6月", now="2026-12-08T09:30").out  # a tie: the past one
    assert '"13月" is not a month' in refused("goal", "list", "--month", "13月").err


def test_a_week_cut_at_a_new_year_s_month_keeps_its_iso_label():
    ok("goal", "set", "revenue", "80万", "--month", "2027-01", now="2026-12-11T15:20")
    listed = json.loads(ok("goal", "list", "--month", "2027-01", "--json", now="2026-12-11T15:20").out)
    text = json.dumps(listed)
    assert '"label": "2026-W53", "start": "2027-01-01"' in text.replace("\n", "")
    assert '"label": "2027-W01", "start": "2027-01-01"' not in text
