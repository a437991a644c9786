"""A week logged through the CLI, then reported: the story of issue 3."""

import json

import pytest
from conftest import ok, run, stored


def log_sample_week():
    """Hand-computed at Wed 2026-11-25 18:00 (3 of 5 working days gone):
    revenue 12.5万 of 50万, deals 2, new clients 张总 and 李经理, prospects
    李经理, 王总, 赵主任 (张总 was first contacted the week before)."""
    for metric, target in (("revenue", "50万"), ("visits", "15"), ("calls", "50"), ("new-clients", "10")):
        ok("goal", "set", metric, target)
    ok("visit", "add", "张总", "--kind", "call", "--at", "2026-11-17 10:00")
    ok("visit", "add", "张总", "--amount", "10万", "--at", "2026-11-23 10:00")
    ok("visit", "add", "李经理", "--kind", "call", "--at", "2026-11-23 14:00")
    ok("visit", "add", "李经理", "--amount", "2.5w", "--at", "2026-11-24 11:00")
    ok("visit", "add", "王总", "--kind", "email", "--at", "2026-11-24 16:00")
    ok("visit", "add", "王总", "--kind", "电话", "--at", "2026-11-25 09:30")
    ok("visit", "add", "赵主任", "--at", "2026-11-25 15:00")
    ok("visit", "add", "孙经理", "--kind", "call", "--at", "2026-11-30 09:00", "--amount", "99万")  # next week


def metrics_of(out: str) -> dict:
    return {m["metric"]: m for m in json.loads(out)["metrics"]}


def test_week_json_reports_target_actual_pace_and_projection():
    log_sample_week()
    report = json.loads(ok("week", "--json").out)
    assert report["period"] == {"start": "2026-11-23", "end": "2026-11-29"}
    revenue = metrics_of(ok("week", "--json").out)["revenue"]
    assert revenue == revenue | {
        "target": 500000,
        "actual": 125000,
        "percent": 25.0,
        "expected": 300000,
        "projected": 208333.33,
    }


def test_week_counts_every_metric_by_its_definition():
    log_sample_week()
    metrics = metrics_of(ok("week", "--json").out)
    actuals = {name: m["actual"] for name, m in metrics.items()}
    assert actuals == {
        "revenue": 125000,
        "deals": 2,
        "new-clients": 2,
        "prospects": 3,
        "visits": 3,
        "calls": 2,
        "emails": 1,
    }
    assert metrics["visits"]["target"] == 15 and metrics["visits"]["expected"] == 9
    assert metrics["deals"]["target"] is None and metrics["deals"]["percent"] is None


def test_week_table_shows_targets_amounts_as_written_and_pace():
    log_sample_week()
    out = ok("week").out
    assert "2026-11-23 → 2026-11-29" in out
    revenue_line = next(line for line in out.splitlines() if line.startswith("revenue"))
    for word in ("销售额", "50万", "12.5万", "25%", "30万", "20.83万", "behind"):
        assert word in revenue_line
    assert "60% of the week's working time gone" in out


def test_last_week_is_over_so_projection_equals_actual():
    log_sample_week()
    ok("goal", "set", "calls", "5", "--week", "last")
    calls = metrics_of(ok("week", "--week", "last", "--json").out)["calls"]
    assert calls == calls | {"target": 5, "actual": 1, "expected": 5, "projected": 1, "pace": "behind"}


def test_entry_on_sunday_night_counts_and_monday_after_does_not():
    ok("visit", "add", "张总", "--at", "2026-11-29 23:59")
    ok("visit", "add", "张总", "--at", "2026-11-30 00:00")
    assert metrics_of(ok("week", "--json").out)["visits"]["actual"] == 1


@pytest.mark.new_file
def test_week_before_any_database_says_how_to_start_and_creates_nothing(db):
    result = run("week")
    assert result.code == 1 and "no salelog database" in result.err and "visit add" in result.err
    assert not db.exists()


def test_empty_week_says_how_to_start():
    ok("visit", "add", "张总", "--at", "2026-11-01")  # an older week
    out = ok("week").out
    assert "salelog goal set" in out and "salelog visit add" in out
    assert json.loads(ok("week", "--json").out)["metrics"] == []


def test_today_shows_todays_contacts_against_the_catch_up_quota():
    """Wednesday: 15 visits, 2 done Mon-Tue, 3 working days left -> 13/3 a day, rounded up."""
    log_sample_week()
    report = json.loads(ok("today", "--json").out)
    today = metrics_of(json.dumps(report))
    assert today["visits"]["actual"] == 1 and today["visits"]["target"] == 5
    assert today["calls"]["actual"] == 1 and today["calls"]["target"] == 17  # (50 - 1 on Monday) / 3, rounded up
    quotas = {q["metric"]: q for q in report["quotas"]}
    assert quotas["visits"] == {"metric": "visits", "even": 3, "catch_up": 5, "days_left": 3, "still_needed": 13}
    assert quotas["revenue"]["catch_up"] == 125000  # (50万 - 12.5万) / 3


def test_goal_set_again_adjusts_and_keeps_history(db):
    ok("goal", "set", "revenue", "50万", now="2026-11-23T08:30")
    out = ok("goal", "set", "销售额", "40万", now="2026-11-25T12:00").out
    assert "40万" in out and "was 50万" in out
    goals = json.loads(ok("goal", "list", "--json").out)
    assert goals == [
        {
            "metric": "revenue",
            "target": 400000,
            "set_at": "2026-11-25 12:00:00",
            "period": {"kind": "week", "start": "2026-11-23", "end": "2026-11-29"},
            "week": {"start": "2026-11-23", "end": "2026-11-29"},
            "history": [
                {"target": 500000, "set_at": "2026-11-23 08:30:00"},
                {"target": 400000, "set_at": "2026-11-25 12:00:00"},
            ],
        }
    ]
    assert metrics_of(ok("week", "--json").out)["revenue"]["target"] == 400000
    table = ok("goal", "list").out
    assert "40万" in table and "50万 (set 2026-11-23 08:30)" in table
    assert stored(db, "SELECT count(*) FROM goals")[0][0] == 2


def test_setting_the_same_target_again_adds_no_history(db):
    ok("goal", "set", "visits", "15")
    assert "unchanged" in ok("goal", "set", "拜访", "15").out
    assert stored(db, "SELECT count(*) FROM goals")[0][0] == 1


def test_goal_for_another_week_by_any_of_its_days():
    ok("goal", "set", "calls", "40", "--week", "2026-12-02")
    goals = json.loads(ok("goal", "list", "--week", "2026-11-30", "--json").out)
    assert goals[0]["week"] == {"start": "2026-11-30", "end": "2026-12-06"}
    assert json.loads(ok("goal", "list", "--json").out) == []


def test_chinese_metric_names_resolve_to_ids():
    for name, metric in (
        ("销售额", "revenue"),
        ("新客户", "new-clients"),
        ("拜访", "visits"),
        ("电话", "calls"),
        ("邮件", "emails"),
        ("成交", "deals"),
        ("潜在客户", "prospects"),
    ):
        ok("goal", "set", name, "10")
        assert metric in {g["metric"] for g in json.loads(ok("goal", "list", "--json").out)}


def test_custom_metric_counts_tagged_entries():
    ok("goal", "set", "demos", "5", "--custom")
    ok("visit", "add", "张总", "--tag", "demos")
    ok("visit", "add", "李经理", "-t", "demos", "-t", "vip")
    ok("visit", "add", "王总")
    demos = metrics_of(ok("week", "--json").out)["demos"]
    assert demos["actual"] == 2 and demos["target"] == 5
    ok("goal", "set", "demos", "6")  # once declared, no --custom needed
    assert metrics_of(ok("week", "--json").out)["demos"]["target"] == 6


def test_week_shows_effort_by_class_against_revenue():
    ok("customer", "add", "张总", "--class", "A")
    ok("customer", "add", "李经理", "--class", "C")
    ok("visit", "add", "张总", "--minutes", "30", "-a", "9万", "--at", "2026-11-23 10:00")
    for day in ("23", "24", "25"):
        ok("visit", "add", "李经理", "--minutes", "30", "-a", "1万", "--at", f"2026-11-{day} 11:00")
    by_class = {r["class"]: r for r in json.loads(ok("week", "--json").out)["by_class"]}
    assert (
        by_class["A"]
        | {
            "entries": 1,
            "minutes": 30,
            "revenue": 90000,
            "entries_percent": 25.0,
            "minutes_percent": 25.0,
            "revenue_percent": 75.0,
        }
        == by_class["A"]
    )
    assert by_class["C"]["minutes_percent"] == 75.0 and by_class["C"]["revenue_percent"] == 25.0
    assert "Effort by customer class" in ok("week").out


def test_no_class_table_until_customers_have_classes():
    ok("visit", "add", "张总")
    assert json.loads(ok("week", "--json").out)["by_class"] == []
    assert "Effort by customer class" not in ok("week").out


def test_new_clients_of_a_past_week_do_not_count_first_sales_made_after_it():
    ok("visit", "add", "王总", "--at", "2026-11-17 10:00")  # last week: a visit, no sale
    ok("visit", "add", "王总", "-a", "1万", "--at", "2026-11-24 10:00")  # this week: the first sale
    ok("visit", "add", "李经理", "-a", "2万", "--at", "2026-11-18 10:00")
    last = metrics_of(ok("week", "--week", "last", "--json").out)
    assert last["new-clients"]["actual"] == 1 and last["prospects"]["actual"] == 2
    assert metrics_of(ok("week", "--json").out)["new-clients"]["actual"] == 1


def test_week_fits_an_80_column_terminal_one_line_per_metric():
    log_sample_week()
    out = ok("week", env={"COLUMNS": "80"}).out
    table = [line for line in out.splitlines() if line.strip()][1:9]
    assert all(len(line.rstrip()) <= 80 for line in out.splitlines())
    assert [line.split()[0] for line in table[1:]] == [
        "revenue",
        "deals",
        "new-clients",
        "prospects",
        "visits",
        "calls",
        "emails",
    ]


def test_week_and_today_in_chinese_by_option_or_locale():
    log_sample_week()
    out = ok("--lang", "zh", "week").out
    assert "第48周" in out and "指标" in out and "落后" in out and "本周工作时间已过 60%" in out
    assert "指标" in ok("week", env={"LANG": "zh_CN.UTF-8"}).out
    assert "今日配额" in ok("today", "--lang", "zh").out
    assert "Metric" in ok("week").out and "指标" not in ok("week").out
