"""The day's report (salelog day), the line about the day (day note), and time
not spent with customers (activity add/list/rm), on Wednesday 2026-11-25 18:00
(conftest.py). Every count below is worked out by hand from the day built in
a_working_wednesday."""

import json

from conftest import built_once, ok, refused, run, snapshot, stored


def a_working_wednesday():
    """Targets: visits 15 and revenue 50万 this week, calls 42 in November (21
    working days: 10 this week), learning 5h a week. Logged: Monday a visit to 陈老板 whose next step fell due
    Tuesday (still open: overdue); Tuesday a visit to 赵主任 due today, closed by
    today's visit; today 3 visits and a call, 90 minutes with customers; 90
    minutes of learning and 40 of travel today, 30 of admin yesterday. Tasks: one
    done, one dropped, one moved to Friday, Monday's still open, one for tomorrow."""
    for args in (
        ("goal", "set", "visits", "15"),
        ("goal", "set", "revenue", "50万"),
        ("goal", "set", "calls", "42", "--month", "2026-11"),
        ("goal", "set", "learning", "5h", "--custom"),
        ("visit", "add", "陈老板", "--at", "2026-11-23 10:00", "--next", "寄样品", "--next-date", "2026-11-24"),
        ("visit", "add", "赵主任", "--at", "2026-11-24 10:00", "--next", "回访", "--next-date", "2026-11-25"),
        ("visit", "add", "张总", "--at", "10:00", "-a", "1.2w", "--minutes", "30"),
        ("visit", "add", "李经理", "-k", "call", "--at", "11:00", "--minutes", "15"),
        ("visit", "add", "王总", "--at", "14:00", "--minutes", "45", "--next", "报价", "--next-date", "tomorrow"),
        ("visit", "add", "赵主任", "--at", "16:00"),
        ("activity", "add", "learning", "--minutes", "1.5h", "--at", "08:00", "--note", "产品培训视频"),
        ("activity", "add", "路上", "--minutes", "40分钟", "--at", "13:00"),
        ("activity", "add", "行政", "--minutes", "30", "--at", "yesterday 17:00"),
        ("task", "add", "发报价", "--due", "today"),
        ("task", "add", "整理名片", "--due", "today"),
        ("task", "add", "约李经理", "--due", "today"),
        ("task", "add", "写周报", "--due", "2026-11-23"),
        ("task", "add", "准备合同", "--due", "tomorrow", "--customer", "张总"),
        ("task", "done", "1"),
        ("task", "drop", "2", "--why", "不急"),
        ("task", "move", "3", "fri"),
        ("day", "note", "王总临时改约", "--mood", "2"),
        ("day", "note", "王总改约到周五，补打了电话", "--mood", "4"),
    ):
        ok(*args)


def test_the_days_report_counts_the_day_as_worked_out_by_hand(db):
    built_once("working wednesday", a_working_wednesday)
    data = json.loads(ok("day", "--json").out)
    assert data["date"] == "2026-11-25" and data["working_day"] is True
    assert data["metrics"] == [
        # the quota as today has it this morning: what is left of the week over Wed, Thu, Fri
        {"metric": "revenue", "unit": "yuan", "quota": 166666.67, "actual": 12000, "percent": 7.2},
        {"metric": "deals", "unit": "count", "quota": None, "actual": 1, "percent": None},
        {"metric": "new-clients", "unit": "count", "quota": None, "actual": 1, "percent": None},
        # 张总, 李经理 and 王总 are first contacted today
        {"metric": "prospects", "unit": "count", "quota": None, "actual": 3, "percent": None},
        {"metric": "visits", "unit": "count", "quota": 5, "actual": 3, "percent": 60.0},  # 13 left
        {
            "metric": "calls",
            "unit": "count",
            "quota": 4,
            "actual": 1,
            "percent": 25.0,
        },  # the week's 10 of November's 42
        {"metric": "learning", "unit": "minutes", "quota": 100, "actual": 90, "percent": 90.0},
    ]
    today = json.loads(ok("today", "--json").out)["quotas"]
    assert [(q["metric"], q["catch_up"]) for q in today] == [
        (m["metric"], m["quota"]) for m in data["metrics"] if m["quota"] is not None
    ]
    assert (data["entries"], data["minutes"]) == (4, 90)
    assert data["tasks"] == {"done": 1, "moved": 1, "dropped": 1, "open": 1}
    assert [t["title"] for t in data["task_list"]["open"]] == ["写周报"]
    assert data["followups"] == {"due": 1, "closed": 1, "overdue": 1}
    assert data["followup_list"]["overdue"][0]["customer"] == "陈老板"
    assert data["tomorrow_date"] == "2026-11-26"
    assert [(i["kind"], i.get("text") or i.get("metric")) for i in data["tomorrow"]] == [
        ("task", "写周报"),  # slipped since Monday: still on the list
        ("task", "准备合同"),
        ("followup", "寄样品"),  # overdue since Tuesday
        ("followup", "报价"),
        ("quota", "revenue"),
        ("quota", "visits"),
        ("quota", "calls"),
        ("quota", "learning"),
    ]
    assert (data["note"], data["mood"]) == ("王总改约到周五，补打了电话", 4)  # the last note counts
    assert stored(db, "SELECT count(*), min(mood) FROM day_notes") == [(2, 2)]  # the first kept as history
    assert data["time"] == {
        "with_customers": 90,
        "other": 130,
        "with_customers_percent": 40.9,
        "by_kind": [{"kind": "learning", "minutes": 90}, {"kind": "travel", "minutes": 40}],
    }

    screen = ok("day").out
    assert screen.startswith("Day report · Wed 2026-11-25\nDay note (mood 4/5): 王总改约到周五，补打了电话\n")
    assert (
        "4 entries · 90 min with customers · 130 min other\nOther time: learning 学习 90 min, travel 路上 40 min\n"
        in screen
    )
    assert "Tasks: 1 done, 1 moved, 1 dropped, 1 still open\nFollow-ups: 1 due, 1 closed, 1 overdue\n" in screen
    assert "  task #5 准备合同 (张总)\n" in screen and "  follow-up #1 陈老板: 寄样品 (due 2026-11-24)\n" in screen
    # Thursday's, once today's work is counted: 48.8万, 10 visits, 9 calls and 210 minutes over two days
    assert "  quota: revenue 24.4万, visits 5, calls 5, learning 105 min\n" in screen

    markdown = ok("day", "--markdown").out
    assert markdown.startswith("# Day report · Wed 2026-11-25\n\n**Day note (mood 4/5):** 王总改约到周五，补打了电话\n")
    assert "| visits      |         5 |      3 |" in markdown and "## Next working day · Thu 2026-11-26" in markdown

    tuesday = json.loads(ok("day", "--date", "yesterday", "--json").out)
    assert (tuesday["entries"], tuesday["time"]["by_kind"]) == (1, [{"kind": "admin", "minutes": 30}])
    assert tuesday["followups"] == {"due": 1, "closed": 0, "overdue": 0}  # 陈老板's, due that day, left open
    assert tuesday["tasks"] == {"done": 0, "moved": 0, "dropped": 0, "open": 1}  # Monday's 写周报
    assert (tuesday["note"], tuesday["mood"]) == (None, None)

    zh = ok("--lang", "zh", "day").out
    assert zh.startswith("日报 · 周三 2026-11-25\n日记（心情 4/5）：王总改约到周五")
    assert "任务：完成 1，改期 1，放弃 1，仍未完成 1" in zh

    # The week review lists the day notes and the time beside the customers'.
    review = json.loads(ok("review", "--json").out)
    assert review["day_notes"] == [{"date": "2026-11-25", "text": "王总改约到周五，补打了电话", "mood": 4}]
    assert review["time"]["with_customers"] == 90 and review["time"]["other"] == 160  # admin yesterday too
    screen = ok("review").out
    assert "Time with customers and the rest\n  90 min with customers · 160 min other\n" in screen
    assert "Day notes\n  Wed 2026-11-25 (mood 4/5) 王总改约到周五，补打了电话\n" in screen
    assert "- Wed 2026-11-25 (mood 4/5): 王总改约到周五，补打了电话" in ok("review", "--markdown").out


def test_learning_minutes_count_as_a_custom_metric_in_week_and_today(db):
    built_once("working wednesday", a_working_wednesday)
    ok("goal", "set", "学习", "1.5小时")  # the Chinese name is the same metric; a duration as the target
    assert stored(db, "SELECT metric, target FROM current_goals WHERE metric = 'learning'") == [("learning", 90)]
    week = {m["metric"]: m for m in json.loads(ok("week", "--json").out)["metrics"]}
    assert (week["learning"]["unit"], week["learning"]["target"], week["learning"]["actual"]) == ("minutes", 90, 90)
    today = json.loads(ok("today", "--json").out)
    assert {m["metric"]: m["actual"] for m in today["metrics"]}["learning"] == 90
    assert ok("goal", "set", "learning", "20m").out == (
        "learning target for week 2026-W48 (2026-11-23 → 2026-11-29): 20 min (was 90 min; kept in history)\n"
    )
    assert refused("goal", "set", "learning", "two hours").err.startswith('error: cannot read duration "two hours"')


def test_minutes_behind_are_said_in_minutes_and_named_in_the_output_language(db):
    ok("goal", "set", "training", "90", "--custom", now="2026-11-25T15:00")
    assert "behind by 48 min training" in ok("today", now="2026-11-25T15:00").out
    verdict = json.loads(ok("today", "--json", now="2026-11-25T15:00").out)["verdict"]
    assert verdict["text"] == "behind by 48 min training"
    assert "落后：48 分钟 培训" in ok("--lang", "zh", "today", now="2026-11-25T15:00").out
    assert "training 培训（分钟）" in ok("--lang", "zh", "week", now="2026-11-25T15:00").out


def test_activities_are_listed_removed_and_undone_and_bad_input_writes_nothing(db):
    built_once("working wednesday", a_working_wednesday)
    listed = json.loads(ok("activity", "list", "--since", "today", "--json").out)
    assert listed == [
        {"id": 2, "kind": "travel", "minutes": 40, "at": "2026-11-25 13:00:00", "note": None},
        {"id": 1, "kind": "learning", "minutes": 90, "at": "2026-11-25 08:00:00", "note": "产品培训视频"},
    ]
    table = ok("activity", "list").out
    assert table.splitlines()[1].split() == ["2", "2026-11-25", "13:00", "travel", "路上", "40"]

    before = snapshot(db)
    for args, message in (
        (("day", "note", "累", "--mood", "6"), 'error: mood "6" is not 1-5'),
        (("day", "note", "累", "--mood", "0"), 'error: mood "0" is not 1-5'),
        (("day", "note", "累", "--mood", "abc"), 'error: mood "abc" is not 1-5'),
        (("day", "note", "  "), "error: the day note is empty"),
        (("activity", "add", "lunch", "--minutes", "30"), 'error: unknown activity kind "lunch"'),
        (("activity", "add", "learning", "--minutes", "forever"), 'error: cannot read duration "forever"'),
        (("activity", "rm", "99", "--yes"), "error: no activity #99"),
        (("activity", "rm", "1"), "error: not deleting activity #1 without confirmation"),
    ):
        assert refused(*args).err.splitlines()[0] == message
    assert "kinds: learning (学习), training (培训), admin (行政), travel (路上), other (其他)" in (
        run("activity", "add", "lunch").err
    )
    assert snapshot(db) == before

    assert ok("activity", "rm", "2", "--yes").out == (
        "deleted activity #2 2026-11-25 13:00 travel 路上 40 min (salelog undo brings it back)\n"
    )
    assert json.loads(ok("day", "--json").out)["time"]["other"] == 90
    ok("undo")
    assert json.loads(ok("day", "--json").out)["time"]["other"] == 130
    added = ok("activity", "add", "培训", "--minutes", "2h", "--note", "销售技巧").out
    assert added == "activity #4: training 培训 · 120 min · Wed 2026-11-25 18:00 · 销售技巧\n"
    ok("day", "note", "新的一条")
    ok("undo")  # the note is undone, the earlier one counts again
    ok("undo")  # and the activity
    assert snapshot(db) == before | {t: snapshot(db)[t] for t in ("undo_log", "undo_changes")}


def test_an_activity_metric_has_a_record_and_a_relative_target_from_its_minutes(db):
    for day in ("2026-11-04", "2026-11-11", "2026-11-18"):
        ok("activity", "add", "learning", "--minutes", "90", now=f"{day}T17:00")
    last_week = json.loads(ok("activity", "list", "--since", "上周", "--until", "上周", "--json").out)
    assert [a["at"] for a in last_week] == ["2026-11-18 17:00:00"]  # a span word, as visit list reads it
    first = ok("goal", "set", "learning", "2h", "--custom").out
    assert 'unknown metric "lerning"; did you mean learning?' in refused("goal", "set", "lerning", "3h").err
    assert "record: average 90 min, best 90 min over the last 3 weeks" in first and "stretch" in first
    check = json.loads(ok("goal", "check", "学习", "1.5小时", "--json").out)
    assert (check["target"], check["average"], check["periods"], check["band"]) == (90, 90.0, 3, "fair")
    out = ok("goal", "set", "learning", "+10%").out
    assert "99 min (+10% on 90 min, the average of 2026-W45, 2026-W46, 2026-W47: the last 3 weeks" in out
    assert stored(db, "SELECT metric, target FROM goals ORDER BY id") == [("learning", 120), ("learning", 99)]
    month = json.loads(ok("review", "--month", "2026-11", "--json").out)
    learning = next(m for m in month["metrics"] if m["metric"] == "learning")
    assert (learning["actual"], learning["target"]) == (270, None)  # one week's target is not the month's


def test_the_day_report_names_the_deals_that_moved_that_day(db):
    ok("deal", "add", "张总", "年度采购", "--value", "6万", "--new", now="2026-11-24T10:00")
    ok("deal", "add", "王芳", "续约", "--new", now="2026-11-25T09:00")
    ok("deal", "move", "1", "proposal", now="2026-11-25T11:00")
    ok("deal", "lost", "2", "--reason", "价格", now="2026-11-25T15:00")
    moves = json.loads(ok("day", "--json").out)["deals"]
    assert [(m["id"], m["from"], m["to"]) for m in moves] == [
        (2, None, "lead"),
        (1, "lead", "proposal"),
        (2, "lead", "lost"),
    ]
    screen = ok("day").out
    assert "Deal #1 年度采购 (张总): lead → proposal\n" in screen
    assert "Deal #2 续约 (王芳): new at lead → lost\n" in screen
    assert "商机 #1 年度采购（张总）：线索 → 方案报价" in ok("day", "--lang", "zh").out
    assert json.loads(ok("day", "--json", "--date", "2026-11-23").out)["deals"] == []


def test_a_weekend_day_is_said_to_be_one_not_hinted_to_set_a_target(db):
    ok("goal", "set", "visits", "15", now="2026-11-23T09:00")
    out = ok("day", "--date", "2026-11-29", now="2026-11-30T09:00").out  # a Sunday of that week
    assert "Not a working day: no quota." in out and "goal set" not in out
    assert "No quota for the day" in ok("day", "--date", "2026-11-27", env={"SALELOG_DB": str(db) + "-2"}).out
