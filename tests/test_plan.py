"""Planning the days: longer targets broken down exactly, daily quotas, tasks by
quadrant, and the today screen at different moments of the week."""

import json

import pytest
from conftest import ok, run, snapshot, stored

MONDAY_MORNING, WEDNESDAY_EVENING, SUNDAY = "2026-11-23T08:30", "2026-11-25T18:00", "2026-11-29T20:00"


def refused(*args, **kwargs):
    result = run(*args, **kwargs)
    assert result.code == 1 and result.err.startswith("error: ") and "Traceback" not in result.err, result
    return result


def goals(*args):
    return json.loads(ok("goal", "list", "--json", *args).out)


def test_a_years_revenue_breaks_down_to_the_fen_over_2026s_working_days():
    ok("goal", "set", "revenue", "500万", "--year", "2026")
    (goal,) = goals("--year", "2026")
    months = goal["breakdown"]["months"]
    assert len(months) == 12
    assert round(sum(m["target"] * 100 for m in months)) == 500_000_000  # exact, in fen
    assert months[0]["label"] == "2026-01" and months[0]["target"] == 421455.93  # 22 of 261 working days
    weeks = goal["breakdown"]["weeks"]  # November's weeks, clipped to it, add up to November
    assert round(sum(w["target"] * 100 for w in weeks)) == round(months[10]["target"] * 100)
    assert [d["date"] for d in goal["breakdown"]["days"]] == [f"2026-11-{d}" for d in range(23, 28)]


def test_a_week_without_its_own_target_takes_its_share_of_the_month_and_says_so():
    ok("goal", "set", "new-clients", "40", "--month", "2026年11月")  # days 16-20 of 21: 40*20//21 - 40*15//21
    metric = {m["metric"]: m for m in json.loads(ok("week", "--json").out)["metrics"]}["new-clients"]
    assert metric["target"] == 10 and metric["derived"] is True and metric["target_source"] == "month 2026-11"
    assert "10*" in ok("week").out and "new-clients from month 2026-11" in ok("week").out
    ok("goal", "set", "new-clients", "12")  # the week's own target wins
    metric = {m["metric"]: m for m in json.loads(ok("week", "--json").out)["metrics"]}["new-clients"]
    assert metric["target"] == 12 and metric["derived"] is False


def test_month_target_beats_quarter_beats_year_for_its_days():
    ok("goal", "set", "visits", "1000", "--year", "2026")
    ok("goal", "set", "visits", "300", "--quarter", "2026Q4")
    ok("goal", "set", "visits", "105", "--month", "2026-11")  # 21 working days: 5 a day
    assert {m["metric"]: m for m in json.loads(ok("week", "--json").out)["metrics"]}["visits"]["target"] == 25


def test_holidays_and_make_up_days_from_the_config_change_the_split(tmp_path):
    config = tmp_path / "config.toml"
    config.write_text('holidays = ["2026-11-26", "2026-11-27"]\nworkdays = ["2026-11-28"]\n', encoding="utf-8")
    env = {"SALELOG_CONFIG": str(config)}
    ok("goal", "set", "visits", "12")
    report = json.loads(ok("week", "--json", env=env).out)  # Mon, Tue, Wed, Sat: Wednesday 18:00 is 3/4
    assert report["elapsed_percent"] == 75.0
    plan = json.loads(ok("plan", "--json", env=env).out)
    assert [d["date"][-2:] for d in plan["days"]] == ["23", "24", "25", "28"]
    assert [d["targets"]["visits"] for d in plan["days"]] == [3, 3, 3, 3]


def test_a_bad_config_names_the_file_and_line(tmp_path, db):
    ok("visit", "add", "张总")
    config = tmp_path / "config.toml"
    config.write_text('holidays = ["2026-11-26"]\nweekstart = "sun"\n', encoding="utf-8")
    result = refused("week", env={"SALELOG_CONFIG": str(config)})
    assert f"config {config}, line 2: unknown key 'weekstart'" in result.err


@pytest.mark.parametrize(("option", "value"), [("--quarter", "2026Q5"), ("--month", "2026-13"), ("--year", "26")])
def test_bad_periods_are_refused_and_nothing_written(db, option, value):
    ok("goal", "set", "visits", "10")
    before = snapshot(db)
    assert "is not a" in refused("goal", "set", "visits", "10", option, value).err
    assert snapshot(db) == before


def test_two_periods_at_once_are_refused(db):
    assert "give one of" in refused("goal", "set", "visits", "10", "--week", "last", "--month", "2026-11").err


def quotas(now):
    report = json.loads(ok("today", "--json", now=now).out)
    return report, {q["metric"]: q for q in report["quotas"]}


def log_week_so_far():
    ok("goal", "set", "revenue", "50万")
    ok("goal", "set", "visits", "15")
    ok("visit", "add", "张总", "-a", "10万", "--at", "2026-11-23 10:00")
    ok("visit", "add", "李经理", "--at", "2026-11-24 10:00")
    ok("visit", "add", "王总", "--at", "2026-11-25 10:00")


def test_monday_morning_quota_is_the_even_plan():
    ok("goal", "set", "revenue", "50万")
    ok("goal", "set", "visits", "15")
    report, q = quotas(MONDAY_MORNING)
    assert q["visits"] == {"metric": "visits", "even": 3, "catch_up": 3, "days_left": 5, "still_needed": 15}
    assert q["revenue"]["even"] == 100000 and q["revenue"]["catch_up"] == 100000
    assert report["verdict"]["state"] == "on pace"


def test_wednesday_evening_catch_up_counts_what_is_left_over_the_days_left():
    """Before Wednesday: 10万 and 2 visits; Wed, Thu, Fri left: (50万-10万)/3, (15-2)/3."""
    log_week_so_far()
    report, q = quotas(WEDNESDAY_EVENING)
    assert q["revenue"]["catch_up"] == 133333.34 and q["revenue"]["days_left"] == 3  # rounded up to the fen
    assert q["visits"]["catch_up"] == 5 and q["visits"]["still_needed"] == 13  # whole visits, rounded up
    today = {m["metric"]: m for m in report["metrics"]}
    assert today["visits"]["actual"] == 1 and today["visits"]["target"] == 5
    assert report["verdict"] == {
        "state": "behind",
        "text": "behind by 20万 revenue, 6 visits",
        "behind": [{"metric": "revenue", "by": 200000}, {"metric": "visits", "by": 6}],
    }
    assert "behind by 20万 revenue, 6 visits" in ok("today", now=WEDNESDAY_EVENING).out


def test_sunday_has_no_quota_left_but_shows_the_week():
    log_week_so_far()
    report, q = quotas(SUNDAY)
    assert q["visits"]["days_left"] == 0 and q["visits"]["catch_up"] is None
    assert report["week"]["metrics"][0]["metric"] == "revenue"
    out = ok("today", now=SUNDAY).out
    assert "Today · Sun 2026-11-29" in out and "visits" in out


def test_changing_a_target_mid_week_recomputes_the_quota_and_keeps_history():
    log_week_so_far()
    ok("goal", "set", "visits", "20", now="2026-11-25T12:00")
    _, q = quotas(WEDNESDAY_EVENING)
    assert q["visits"]["catch_up"] == 6  # (20 - 2) / 3
    out = ok("goal", "list", "--history").out
    assert "replaced" in out and "15" in out and "20" in out


def test_tasks_order_by_quadrant_then_due_and_show_slipped_days(db):
    ok("customer", "add", "张总")
    ok("task", "add", "整理资料", "--due", "2026-11-23", "-i")  # quadrant 2, slipped 2 days
    ok("task", "add", "给张总发报价", "--due", "tomorrow", "--customer", "张总", "--important", "--urgent")
    ok("task", "add", "回群消息", "--q", "3")
    ok("task", "add", "约饭局", "--due", "周三")
    ok("task", "add", "催款", "-i", "-u")
    rows = json.loads(ok("task", "list", "--json").out)
    assert [(r["title"], r["quadrant"], r["due"]) for r in rows] == [
        ("催款", 1, "2026-11-25"),
        ("给张总发报价", 1, "2026-11-26"),
        ("整理资料", 2, "2026-11-23"),
        ("回群消息", 3, "2026-11-25"),
        ("约饭局", 4, "2026-11-25"),
    ]
    assert rows[1]["customer"] == "张总" and rows[2]["slipped_days"] == 2 and rows[0]["status"] == "open"
    today = json.loads(ok("today", "--json").out)["tasks"]
    assert [t["title"] for t in today] == ["催款", "整理资料", "回群消息", "约饭局"]  # not tomorrow's


def test_task_done_drop_move_and_bad_ids(db):
    ok("task", "add", "整理资料")
    ok("task", "add", "回群消息")
    ok("task", "add", "旧任务")
    ok("task", "done", "1")
    ok("task", "drop", "2", "--why", "不需要了")
    ok("task", "move", "3", "周五")
    rows = {r["id"]: r for r in json.loads(ok("task", "list", "--all", "--json").out)}
    assert (rows[1]["status"], rows[2]["status"], rows[2]["why"], rows[3]["due"]) == (
        "done",
        "dropped",
        "不需要了",
        "2026-11-27",
    )
    before = snapshot(db)
    assert "no task #9" in refused("task", "done", "9").err
    assert "no quadrant 5" in refused("task", "add", "x", "--q", "5").err
    assert snapshot(db) == before


def test_a_task_s_status_changes_are_said_and_a_done_one_is_not_dropped(db):
    ok("task", "add", "整理资料")
    ok("task", "done", "1")
    before = snapshot(db)
    refusal = refused("task", "drop", "1", "--why", "不需要了").err
    assert "task #1 is done (2026-11-25 18:00): a task done is not dropped" in refusal
    assert "salelog task move 1 DATE opens it again" in refusal
    assert snapshot(db) == before
    assert ok("task", "move", "1", "周五").out.endswith(" · open again: it was done\n")
    ok("task", "drop", "1", "--why", "不需要了")
    before = snapshot(db)
    said = ok("task", "drop", "1", "--why", "另一个原因").out
    assert said == "task #1 was dropped already (2026-11-25 18:00): 整理资料 · its first reason is kept\n"
    assert snapshot(db) == before  # the first reason kept, no undo step
    assert stored(db, "SELECT why FROM tasks") == [("不需要了",)]
    assert ok("task", "done", "1").out == "task #1 done: 整理资料 (it was dropped)\n"


def test_a_past_due_date_is_allowed_with_a_warning(db):
    result = ok("task", "add", "补记", "--due", "昨天")
    assert "already past" in result.err
    assert stored(db, "SELECT due_date FROM tasks") == [("2026-11-24",)]


def test_plan_splits_the_week_exactly_and_lists_each_days_tasks():
    ok("goal", "set", "revenue", "50万")
    ok("goal", "set", "new-clients", "11")
    ok("task", "add", "给张总发报价", "--due", "周四", "-i", "-u")
    plan = json.loads(ok("plan", "--json", now=MONDAY_MORNING).out)
    assert [d["targets"]["new-clients"] for d in plan["days"]] == [2, 2, 2, 2, 3]  # spread, adding up to 11
    assert sum(d["targets"]["revenue"] for d in plan["days"]) == 500000
    assert [t["title"] for t in plan["days"][3]["tasks"]] == ["给张总发报价"]
    out = ok("plan", now=MONDAY_MORNING).out
    assert "Suggested daily split" in out and "给张总发报价" in out


def test_config_set_then_show_and_the_week_follows(tmp_path):
    import stat

    path = tmp_path / "home" / "config" / "salelog" / "config.toml"
    assert ok("config", "path").out.strip() == str(path)
    ok("config", "set", "holidays", "2026-11-26,2026-11-27")
    assert stat.S_IMODE(path.stat().st_mode) == 0o600
    shown = ok("config", "show").out
    assert 'holidays = ["2026-11-26", "2026-11-27"]' in shown and "workdays = []" in shown
    ok("goal", "set", "visits", "9")
    plan = json.loads(ok("plan", "--json").out)
    assert [d["targets"]["visits"] for d in plan["days"]] == [3, 3, 3]
    assert "not a date" in refused("config", "set", "holidays", "someday").err
    assert "unknown key" in refused("config", "set", "weekstart", "sun").err


def test_a_count_target_spreads_evenly_over_the_year_not_front_loaded():
    ok("goal", "set", "visits", "600", "--year", "2026")
    months = {m["label"]: m["target"] for m in goals("--year", "2026")[0]["breakdown"]["months"]}
    assert sum(months.values()) == 600
    assert abs(months["2026-01"] - months["2026-04"]) <= 1  # 22 working days each
    assert max(months.values()) - min(months.values()) <= 10  # by working days only (19 to 23 a month)


def test_the_source_of_a_derived_target_is_the_one_that_supplied_it():
    ok("goal", "set", "revenue", "500万", "--year", "2026")
    ok("goal", "set", "revenue", "150万", "--quarter", "2026Q4")
    ok("goal", "set", "revenue", "40万", "--month", "2026-11")
    ok("goal", "set", "visits", "600", "--year", "2026")
    metrics = {m["metric"]: m for m in json.loads(ok("week", "--json").out)["metrics"]}
    assert metrics["revenue"]["target_source"] == "month 2026-11" and metrics["visits"]["target_source"] == "year 2026"


def test_the_output_language_can_be_set_once_in_the_config():
    ok("goal", "set", "visits", "5")
    ok("config", "set", "lang", "zh")
    assert "指标" in ok("week").out and 'lang = "zh"' in ok("config", "show").out
    assert "Metric" in ok("--lang", "en", "week").out  # the option still wins
    assert "请用 en 或 zh" in refused("config", "set", "lang", "fr").err  # the config says zh: its errors too


def test_a_task_done_twice_keeps_when_it_was_done(db):
    """The second `task done` says so and writes nothing (it moved the done moment to now)."""
    ok("task", "add", "给张总打电话")
    assert ok("task", "done", "1").out == "task #1 done: 给张总打电话\n"
    before = snapshot(db)
    again = ok("task", "done", "1", now="2026-11-26T09:00").out
    assert again == "task #1 was done already (2026-11-25 18:00): 给张总打电话\n"
    assert snapshot(db) == before
    assert "任务 #1 已于 2026-11-25 18:00 完成" in ok("--lang", "zh", "task", "done", "1").out


def test_plan_s_week_row_is_as_exact_as_the_days_it_adds_up():
    ok("goal", "set", "revenue", "60万", "--month", now="2026-12-08T09:30")
    lines = ok("plan", now="2026-12-08T09:30").out.splitlines()
    days = [line.split()[-1] for line in lines if line[:3] in ("Mon", "Tue", "Wed", "Thu", "Fri")]
    week = next(line for line in lines if line.startswith("Week")).split()[-1]
    assert days == ["26,086.96", "26,086.95", "26,086.96", "26,086.96", "26,086.95"]
    assert week == "130,434.78" and sum(float(d.replace(",", "")) for d in days) == pytest.approx(130434.78)
