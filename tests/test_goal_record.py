"""Targets checked against your own record (goal check, goal set's record line),
relative targets (+10%), rewards said once, and today's streak (issue 17, 3/4/6)."""

import json

import pytest
from conftest import built_once, ok, refused, run, snapshot, stored


def _history():
    """Revenue by week, checked by hand: W44 40万, W45 40万, W46 60万 (two
    visits), W47 40万, and one July week (W27) 30万: five weeks with entries,
    average 42万, best 60万; the last four average 45万. Quarter 2026Q3: 30万."""
    for at, amount in (
        ("2026-07-01 10:00", "30万"),
        ("2026-10-26 10:00", "40万"),
        ("2026-11-02 10:00", "40万"),
        ("2026-11-09 10:00", "40万"),
        ("2026-11-10 15:00", "20万"),
        ("2026-11-16 10:00", "40万"),
    ):
        ok("visit", "add", "张总", "--amount", amount, "--at", at)


def _check(*args: str) -> dict:
    return json.loads(ok("goal", "check", *args, "--json").out)


def test_the_band_at_each_boundary_of_the_average(db):
    built_once("goal-record", _history)
    cases = {
        "37.79万": ("low", 4),  # just below 90% of 42万
        "37.8万": ("fair", 4),  # 90% exactly
        "46.2万": ("fair", 1),  # 110% exactly
        "46.21万": ("stretch", 1),
        "58.8万": ("stretch", 1),  # 140% exactly
        "58.81万": ("high", 1),
    }
    for target, (band, reached) in cases.items():
        data = _check("revenue", target)
        assert (data["band"], data["reached"]) == (band, reached), target
        assert (data["average"], data["best"], data["periods"]) == (420000, 600000, 5)
    assert [h["period"] for h in data["history"]] == ["2026-W47", "2026-W46", "2026-W45", "2026-W44", "2026-W27"]
    assert [h["actual"] for h in data["history"]] == [400000, 600000, 400000, 400000, 300000]
    # Counts too, and no history at all: band null (2026 is under way; nothing before it).
    assert _check("visits", "2")["reached"] == 1 and _check("visits", "2")["band"] == "high"
    empty = _check("revenue", "500万", "--year", "2026")
    assert (empty["band"], empty["average"], empty["periods"], empty["history"]) == (None, None, 0, [])
    # goal check writes nothing; goal set says the same in one more line.
    before = snapshot(db)
    lines = ok("goal", "check", "revenue", "46.21万").out.splitlines()
    assert snapshot(db) == before
    assert lines[1] == (
        "record: average 42万, best 60万 over the last 5 weeks with entries;"
        " 1 of 5 reached 46.21万 · stretch (110% of average)"
    )
    out = ok("goal", "set", "revenue", "46.21万").out.splitlines()
    assert out[1] == lines[1] and len(out) == 2
    zh = ok("--lang", "zh", "goal", "check", "revenue", "37.79万").out
    assert "最近 5 个有记录的周平均 42万，最好 60万；其中 4 个达到 37.79万 · 偏低" in zh


def test_a_relative_target_grows_the_average_of_the_last_four_periods_with_entries(db):
    built_once("goal-record", _history)
    out = ok("goal", "set", "revenue", "+10%").out.splitlines()
    # (40 + 60 + 40 + 40) / 4 = 45万; x 1.10 = 49.5万; July's week is not among the last four.
    assert out[0] == (
        "revenue target for week 2026-W48 (2026-11-23 → 2026-11-29): 49.5万"
        " (+10% on 45万, the average of 2026-W44, 2026-W45, 2026-W46, 2026-W47: the last 4 weeks with entries"
        " before 2026-W48)"
    )
    assert "1 of 5 reached 49.5万 · stretch" in out[1]
    assert stored(db, "SELECT target FROM current_goals WHERE metric = 'revenue'") == [(49_500_000,)]  # fen
    # -5% through Typer (the fast path off): "-5%" is a target, not an option.
    out = run("goal", "set", "revenue", "-5%", env={"SALELOG_NO_FASTPATH": "1"})
    assert out.code == 0 and "42.75万 (-5% on 45万" in out.out and "(was 49.5万; kept in history)" in out.out
    out = ok("goal", "set", "revenue", "+20%", "--quarter", "2027Q1").out
    assert "2027Q1 (2027-01-01 → 2027-03-31): 36万 (+20% on 30万, the average of 2026Q3: the last 1 quarter" in out
    assert _check("revenue", "+10%")["relative"] == {"percent": 10.0, "base": 450000, "periods": [
        "2026-W47", "2026-W46", "2026-W45", "2026-W44"]}  # fmt: skip
    # No earlier year with entries: one line naming what it looked for, nothing written.
    before = snapshot(db)
    no = refused("goal", "set", "revenue", "+10%", "--year", "2027")
    assert no.err.splitlines()[0] == (
        "error: +10% needs your average over the last 4 years with entries, and no year before 2026 has any"
    )
    assert snapshot(db) == before and no.out == ""


def test_a_percent_that_is_no_change_salelog_reads_is_refused_as_a_change(db):
    ok("goal", "set", "visits", "10")
    before = snapshot(db)
    for typed in ("+1000%", "10%", "+abc%"):
        for command in (("goal", "set"), ("goal", "check")):
            assert f"cannot read the change {typed}" in refused(*command, "visits", typed).err
    assert snapshot(db) == before


@pytest.mark.new_file
def test_a_relative_target_or_a_reward_on_a_new_logbook_makes_no_file(db):
    refused("goal", "set", "revenue", "+10%")
    assert "revenue has no target for week 2026-W48" in refused("goal", "reward", "revenue", "25万", "看电影").err
    assert not db.exists()


def test_a_reward_is_said_once_by_the_entry_that_reaches_it_even_after_undo(db, tmp_path):
    ok("visit", "add", "张总", "--amount", "10万")
    before = snapshot(db)
    no = refused("goal", "reward", "revenue", "25万", "看电影")
    assert no.err.splitlines()[0] == "error: revenue has no target for week 2026-W48"
    assert snapshot(db) == before
    out = ok("goal", "set", "revenue", "50万", "--reward", "周末去爬山").out
    assert "reward at the target: 周末去爬山" in out
    before = snapshot(db)
    assert "below the target: the revenue target is 50万" in refused("goal", "reward", "revenue", "60万", "x").err
    assert snapshot(db) == before
    assert (
        ok("goal", "reward", "revenue", "25万", "看电影").out
        == "reward at revenue 25万 of 50万 for week 2026-W48: 看电影\n"
    )
    # 10万 + 20万 crosses 25万; + 20万 crosses 50万; each said once, by the entry that crossed it.
    said = [ok("visit", "add", "李总", "--amount", amount).out for amount in ("20万", "20万", "5万")]
    assert said[0].splitlines()[1:] == ["milestone reached: revenue 25万 of 50万 — reward: 看电影"]
    assert said[1].splitlines()[1:] == ["target reached: revenue 50万 — reward: 周末去爬山"]
    assert "reached" not in said[2]
    week = json.loads(ok("week", "--json").out)["rewards"]
    assert [(r["at"], r["milestone"], r["reward"], r["actual"], r["reached"]) for r in week] == [
        (250000, True, "看电影", 550000, True),
        (500000, False, "周末去爬山", 550000, True),
    ]
    # Undo the last two entries: 30万, the target no longer reached, and week says so.
    ok("undo")
    ok("undo")
    lines = ok("week").out.splitlines()
    assert lines[-1].split() == ["·", "revenue", "50万", "(target)", "周末去爬山", "20万", "to", "go"]
    assert lines[-2].split() == ["✓", "revenue", "25万", "看电影", "reached"]
    # Logged again, the target is reached again, but it was said already: not twice.
    again = ok("visit", "add", "李总", "--amount", "20万").out
    assert "reached" not in again and len(again.splitlines()) == 1
    assert json.loads(ok("week", "--json").out)["rewards"][1]["reached"] is True
    assert stored(db, "SELECT count(*) FROM reward_announcements") == [(2,)]
    # An import logs through the same home: its rows crossing a month's milestone say it once.
    ok("goal", "set", "visits", "20", "--month", "2026-11")
    out = ok("goal", "reward", "visits", "6", "一杯好咖啡", "--month", "2026-11").out
    assert out.startswith("reward at visits 6 of 20 for month 2026-11: 一杯好咖啡")
    rows = "".join(f"王总,visit,2026-11-24 1{i}:00\n" for i in range(3))
    (tmp_path / "in.csv").write_text("customer,kind,at\n" + rows, encoding="utf-8")
    out = ok("import", "entries", str(tmp_path / "in.csv"), "--new").out
    assert out.splitlines()[1:] == ["milestone reached: visits 6 of 20 for month 2026-11 — reward: 一杯好咖啡"]
    zh = ok("--lang", "zh", "week").out
    assert "奖励" in zh and "还差" not in zh and "已达到" in zh


def test_today_counts_the_working_days_in_a_row_with_the_quota_met(db):
    """visits 10 a week, the quota being what is left over the days left (checked
    by hand): W47 Mon 2 (quota 2), Tue 1 (2: missed), Wed 3 (7 over 3 days: 3),
    Thu 2 (4 over 2: 2), Fri 2 (2); W48 Mon 2, Tue 2, and today (Wed) 1 of 2."""
    ok("goal", "set", "visits", "10", "--week", "2026-11-16")
    ok("goal", "set", "visits", "10")
    per_day = {"16": 2, "17": 1, "18": 3, "19": 2, "20": 2, "21": 0, "22": 0, "23": 2, "24": 2, "25": 1}
    for day, count in per_day.items():
        for hour in range(count):
            ok("visit", "add", "张总", "--at", f"2026-11-{day} 1{hour}:00")
    # The weekend neither counts nor breaks it; today, not met yet, does not break it either.
    assert json.loads(ok("today", "--json").out)["streak"] == {"days": 5, "since": "2026-11-18", "today": False}
    assert ok("today").out.splitlines()[-1] == (
        "Streak: 5 working days in a row with the day's quota met (since 2026-11-18)"
    )
    ok("visit", "add", "李总")  # today's second visit: today's quota met, and counted
    assert json.loads(ok("today", "--json").out)["streak"] == {"days": 6, "since": "2026-11-18", "today": True}
    # Tomorrow morning (quota 2 of the 3 left), nothing logged yet: the run stands.
    assert json.loads(ok("today", "--json", now="2026-11-26T09:00").out)["streak"]["days"] == 6
    # Friday after a Thursday with nothing logged: the run is over.
    friday = json.loads(ok("today", "--json", now="2026-11-27T09:00").out)["streak"]
    assert friday == {"days": 0, "since": None, "today": False}
    assert "连续 6 个工作日完成当日指标（自 2026-11-18 起）" in ok("--lang", "zh", "today").out


def test_winning_a_deal_says_the_reward_its_revenue_reaches_once(db):
    ok("goal", "set", "revenue", "5万", "--reward", "爬山")
    ok("deal", "add", "张总", "年度采购", "--value", "6万", "--new")
    won = ok("deal", "won", "1").out
    assert won.splitlines()[-1] == "target reached: revenue 5万 — reward: 爬山"
    ok("undo")
    assert "reward" not in ok("deal", "won", "1").out  # said once, as visit add says it
    assert stored(db, "SELECT count(*) FROM entries WHERE deal_id = 1") == [(1,)]


def test_a_day_with_nothing_left_to_do_neither_counts_nor_breaks_the_streak(db):
    ok("goal", "set", "calls", "5", now="2026-11-23T08:00")
    ok("goal", "set", "learning", "100", "--custom", now="2026-11-23T08:00")  # 20 minutes a day
    for day in ("2026-11-23", "2026-11-24", "2026-11-25"):
        for hour in ("10:00", "11:00"):
            ok("visit", "add", "张总", "-k", "call", "--at", f"{day} {hour}", "--new", now=f"{day}T18:00")
        ok("activity", "add", "learning", "--minutes", "20", "--at", f"{day} 08:00", now=f"{day}T18:00")
    # Six calls by Wednesday meet the week's five: Thursday asks for no call, but still 20 minutes of learning
    assert "Streak: 3 working days" in ok("today", now="2026-11-26T09:00").out
    streak = json.loads(ok("today", "--json", now="2026-11-26T09:00").out)["streak"]
    assert streak == {"days": 3, "since": "2026-11-23", "today": False}
    ok("activity", "add", "learning", "--minutes", "20", "--at", "2026-11-26 08:30", now="2026-11-26T09:00")
    streak = json.loads(ok("today", "--json", now="2026-11-26T09:00").out)["streak"]
    assert streak == {"days": 4, "since": "2026-11-23", "today": True}
    ok("activity", "add", "learning", "--minutes", "20", "--at", "2026-11-26 17:00", now="2026-11-26T18:00")
    # Friday has nothing left to do: it neither adds a day nor breaks the run
    streak = json.loads(ok("today", "--json", now="2026-11-27T09:00").out)["streak"]
    assert streak == {"days": 4, "since": "2026-11-23", "today": False}


def test_goal_reward_takes_a_period_option_alone_as_goal_set_does():
    ok("goal", "set", "revenue", "100万", "--month")
    assert "for month 2026-11: x" in ok("goal", "reward", "revenue", "50万", "x", "--month").out
