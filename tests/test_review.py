"""The week-end review: figures checked by hand, rules that fire exactly when
their condition holds, the reflection and plan carried into the next week."""

import json
import stat
import sys
from pathlib import Path

from conftest import ok, run, snapshot, stored

SUNDAY = "2026-11-29T20:00"  # end of week 2026-W48 (Mon 11-23 .. Sun 11-29)


def refused(*args, **kwargs):
    result = run(*args, **kwargs)
    assert result.code == 1 and result.err.startswith("error: ") and "Traceback" not in result.err, result
    return result


def last_week():
    """W47: 4 contacts, 2 deals (张总 10万, 王总 5万): conversion 50%, average deal
    7.5万, 3 prospects; W44-W46 empty. Follow-ups due in W48: 张总's (11-24) and
    李经理's (11-25)."""
    ok("customer", "add", "张总", "--class", "A")
    ok("customer", "add", "李经理", "--class", "B")
    ok("customer", "add", "王总", "--class", "C")
    ok("visit", "add", "张总", "-a", "10万", "--at", "2026-11-16 10:00", "--next", "回访", "--next-date", "2026-11-24")
    ok(
        "visit",
        "add",
        "李经理",
        "-k",
        "call",
        "--at",
        "2026-11-17 10:00",
        "--next",
        "发资料",
        "--next-date",
        "2026-11-25",
    )
    ok("visit", "add", "王总", "-a", "5万", "--at", "2026-11-18 10:00")
    ok("visit", "add", "李经理", "-k", "email", "--at", "2026-11-19 10:00")


def hard_week():
    """W48: visits 3/5 (Mon, Wed, Fri), calls 2/2; 1 deal of 2万 in 5 contacts;
    the two lost visits to 王总 cite price; minutes A 30, B 10, C 120."""
    last_week()
    ok("goal", "set", "visits", "5", "--week", "2026-11-23")
    ok("goal", "set", "calls", "2", "--week", "2026-11-23")
    ok("visit", "add", "张总", "-k", "call", "--at", "2026-11-23 09:30", "--minutes", "10")
    ok("visit", "add", "王总", "--at", "2026-11-23 14:00", "--minutes", "60", "--feedback", "嫌价格太贵")
    ok("visit", "add", "王总", "--at", "2026-11-25 14:00", "--minutes", "60", "--feedback", "预算不够")
    ok("visit", "add", "李经理", "-k", "call", "--at", "2026-11-25 16:00", "--minutes", "10")
    ok("visit", "add", "张总", "-a", "2万", "--at", "2026-11-27 10:00", "--minutes", "20", now="2026-11-27T18:00")


def review(*args):
    return json.loads(ok("review", "--json", *args, now=SUNDAY).out)


def test_review_figures_match_hand_computed_values():
    hard_week()
    data = review()
    assert data["period"] == {"start": "2026-11-23", "end": "2026-11-29", "label": "2026-W48"}
    verdicts = {m["metric"]: (m["actual"], m["target"], m["verdict"]) for m in data["metrics"]}
    assert verdicts["visits"] == (3, 5, "missed") and verdicts["calls"] == (2, 2, "met")
    assert verdicts["revenue"] == (20000, None, "no target")
    explained = {r["measure"]: (r["week"], r["four_week_average"]) for r in data["explained"]}
    assert explained == {
        "contacts": (5, 4),  # averages over the weeks with contacts: W47 alone
        "deals": (1, 2),
        "revenue": (20000, 150000),
        "conversion_visits": (33.3, 100.0),
        "conversion_all": (20.0, 50.0),
        "average_deal": (20000, 75000),
        "revenue_per_visit": (6666.67, 75000),
        "new_clients": (0, 2),
        "prospects": (0, 3),
    }
    assert data["followups"] == {
        "followups_due": 2,
        "followups_on_time": 1,
        "followups_late": 1,
        "followups_still_open": 0,
        "followups_due_later": 0,
    }
    assert data["best_day"] == {"date": "2026-11-27", "contacts": 1, "revenue": 20000}
    assert data["worst_day"] == {"date": "2026-11-24", "contacts": 0, "revenue": 0}
    by_class = {r["class"]: (r["minutes_percent"], r["revenue_percent"]) for r in data["by_class"]}
    assert by_class == {"A": (18.8, 100.0), "B": (6.2, 0.0), "C": (75.0, 0.0)}


def test_each_rule_fires_with_the_numbers_it_comes_from():
    hard_week()
    notes = {n["rule"]: n for n in review()["notes"]}
    assert set(notes) == {
        "target_met",
        "target_missed",
        "conversion_down",
        "a_class_underserved",
        "c_class_overserved",
        "followups_late",
        "no_prospects",
        "deal_size_down",
    }
    assert notes["target_missed"]["text"] == (
        "visits 3/5 (60%) — Tuesday and Thursday had none; calls were on target, so book visits from calls"
    )
    assert notes["target_met"]["text"] == "calls 2/2 (100%): target met"
    assert notes["conversion_down"]["text"] == (
        "conversion 20% vs your 1-week average 50%: 2 of 2 contacts without a deal cite price (feedback)"
    )
    assert notes["conversion_down"]["numbers"] == {
        "conversion": 20.0,
        "four_week": 50.0,
        "weeks": 1,  # W44-W46 are before logging began
        "price_feedback": 2,
        "feedback_without_deal": 2,
    }
    assert notes["a_class_underserved"]["text"] == "A-class customers got 19% of your time but brought 100% of revenue"
    assert notes["c_class_overserved"]["text"] == "C-class customers took 75% of your time for 0% of revenue"
    assert notes["followups_late"]["numbers"] == {"due": 2, "late": 1, "still_open": 0}
    assert notes["deal_size_down"]["text"] == "average deal 2万 vs your 1-week average 7.5万"
    assert notes["no_prospects"]["numbers"] == {"prospects": 0, "four_week": 3.0, "weeks": 1}
    assert notes["followups_late"]["text"] == "1 of 2 follow-ups due this week was not closed on time (张总 回访)"


def test_no_improvement_rule_fires_in_a_good_week():
    """W48: 2 deals in 3 contacts (67% >= 80% of 50%), average 5.5万 (>= 70% of 7.5万),
    A-class time 92% for 91% of revenue, a new prospect, calls 1/1."""
    last_week()
    ok("goal", "set", "calls", "1", "--week", "2026-11-23")
    ok("visit", "add", "张总", "-a", "10万", "--at", "2026-11-23 10:00", "--minutes", "60")
    ok("visit", "add", "李经理", "-k", "call", "--at", "2026-11-24 10:00", "--minutes", "5")
    ok("visit", "add", "赵主任", "-k", "微信", "-a", "1万", "--at", "2026-11-25 10:00")
    notes = review()["notes"]
    assert [n["rule"] for n in notes if n["kind"] == "improve"] == ["followups_late"]  # 王总's visit came later
    assert [n["text"] for n in notes if n["kind"] == "went_well"] == ["calls 1/1 (100%): target met"]


def test_reflection_by_flags_then_rewritten_keeps_history(db):
    hard_week()
    ok(
        "review",
        "write",
        "--went-well",
        "成交一单",
        "--went-badly",
        "拜访太少",
        "--why",
        "周二周四开会",
        "--plan",
        "每天上午打10个电话约拜访",
        "--plan",
        "A类客户每周联系一次",
        now=SUNDAY,
    )
    data = review()
    assert data["reflection"]["went_badly"] == "拜访太少" and data["reflection"]["versions"] == 1
    assert [p["text"] for p in data["plan"]] == ["每天上午打10个电话约拜访", "A类客户每周联系一次"]
    ok("review", "write", "--went-well", "成交一单，客户满意", "--plan", "每天两次拜访", now=SUNDAY)
    data = review()
    assert data["reflection"]["went_well"] == "成交一单，客户满意" and data["reflection"]["versions"] == 2
    assert [p["text"] for p in data["plan"]] == ["每天两次拜访"]
    assert stored(db, "SELECT count(*) FROM reviews") == [(2,)]


def test_the_plan_carries_into_next_week_and_its_check_is_stored(db):
    hard_week()
    ok("review", "write", "--plan", "每天上午打10个电话约拜访", "--plan", "A类客户每周联系一次", now=SUNDAY)
    next_week = "2026-12-02T18:00"
    week = json.loads(ok("week", "--json", now=next_week).out)
    first, second = week["last_week_plan"]
    assert (first["text"], first["status"]) == ("每天上午打10个电话约拜访", "open")  # not checked yet
    assert "Last week's plan" in ok("week", now=next_week).out
    ok("review", "check", str(first["id"]), "done", now=next_week)
    ok("review", "check", str(second["id"]), "partly", "--note", "只联系了张总", now=next_week)
    data = json.loads(ok("review", "--json", now=next_week).out)
    assert [(p["status"], p["note"]) for p in data["last_week_plan"]] == [("done", None), ("partly", "只联系了张总")]
    assert data["plan_kept_8_weeks"] == {"done": 1, "partly": 1, "not": 0, "unchecked": 0, "items": 2}
    before = snapshot(db)
    assert "no plan item #99" in refused("review", "check", "99", "done").err
    maybe = run("review", "check", str(first["id"]), "maybe", now=next_week)
    assert maybe.code == 2 and "use done, partly or not" in maybe.err  # a usage error, as Click's
    assert snapshot(db) == before
    # The note is shown, not only kept in JSON (issue 13 item 24), on the screen and in Markdown.
    assert "只联系了张总" in ok("review", now=next_week).out
    assert "(partly) — 只联系了张总" in ok("review", "--markdown", now=next_week).out
    zh = ok("--lang", "zh", "review", "--markdown", now=next_week).out
    assert "(部分完成) — 只联系了张总" in zh and "(partly)" not in zh
    said = ok("review", "check", str(second["id"]), "partly", "--note", "又联系了李经理", now=next_week).out
    assert said.rstrip().endswith("— 又联系了李经理")


def editor(tmp_path, body: str) -> str:
    """An $EDITOR that runs `body` (Python, with the file's path as `path`)."""
    script = tmp_path / "editor.py"
    script.write_text("import sys\npath = sys.argv[1]\n" + body, encoding="utf-8")
    return f"{sys.executable} {script}"


def test_review_write_opens_the_editor_on_a_template_with_the_notes(tmp_path, db):
    hard_week()
    seen = tmp_path / "seen.md"
    body = (
        f"text = open(path, encoding='utf-8').read()\nopen({str(seen)!r}, 'w', encoding='utf-8').write(text)\n"
        "text = text.replace('## Went well\\n- ', '## Went well\\n- 成交一单')\n"
        "text = text.replace('## Plan for next week (one item per line)\\n- ',"
        " '## Plan for next week (one item per line)\\n- 每天两次拜访\\n- 先跟进A类')\n"
        "open(path, 'w', encoding='utf-8').write(text)\n"
    )
    ok("review", "write", env={"EDITOR": editor(tmp_path, body)}, now=SUNDAY)
    template = seen.read_text(encoding="utf-8")
    assert "# From your numbers:" in template and "visits 3/5 (60%)" in template
    data = review()
    assert data["reflection"]["went_well"] == "成交一单"  # the template's "- " is not kept
    assert [p["text"] for p in data["plan"]] == ["每天两次拜访", "先跟进A类"]


def test_an_unchanged_template_or_a_failing_editor_saves_nothing(tmp_path, db):
    hard_week()
    before = snapshot(db)
    assert "left unchanged" in refused("review", "write", env={"EDITOR": editor(tmp_path, "pass\n")}, now=SUNDAY).err
    failing = editor(tmp_path, "raise SystemExit(3)\n")
    assert "exited with status 3" in refused("review", "write", env={"EDITOR": failing}, now=SUNDAY).err
    assert snapshot(db) == before


def test_text_typed_in_the_editor_is_checked_like_the_flags_text(tmp_path, db):
    hard_week()
    before = snapshot(db)
    body = (
        "text = open(path, encoding='utf-8').read()\n"
        "text = text.replace('## Went well\\n- ', '## Went well\\n- 成交\\x1b]0;owned\\x07一单')\n"
        "open(path, 'w', encoding='utf-8').write(text)\n"
    )
    result = refused("review", "write", env={"EDITOR": editor(tmp_path, body)}, now=SUNDAY)
    assert '"Went well" contains control characters' in result.err and "\x1b" not in result.err
    assert snapshot(db) == before
    kept = Path(result.err.rstrip().rsplit("your text is kept in ", 1)[1])  # what was typed is not lost
    assert "成交\x1b]0;owned\x07一单" in kept.read_text(encoding="utf-8") and stat.S_IMODE(kept.stat().st_mode) == 0o600
    kept.unlink()


def test_a_week_with_no_data_says_so_and_still_shows_targets():
    ok("goal", "set", "visits", "10", "--week", "2026-11-16")
    data = json.loads(ok("review", "--week", "2026-11-16", "--json").out)
    assert data["empty"] is True
    assert [(m["metric"], m["target"], m["actual"]) for m in data["metrics"]] == [("visits", 10, 0)]
    assert "Nothing was logged this week." in ok("review", "--week", "2026-11-16").out


def test_a_week_in_the_future_is_refused():
    ok("visit", "add", "张总")
    assert "has not started" in refused("review", "--week", "next").err


def test_markdown_has_aligned_tables_notes_and_escaped_text():
    from rich.cells import cell_len

    hard_week()
    ok("review", "write", "--plan", "跟进 | [red]王总[/red] *降价*", now=SUNDAY)
    text = ok("review", "--markdown", now=SUNDAY).out
    assert text.startswith("# Week review 2026-W48")
    tables, current = [], []
    for line in text.splitlines() + [""]:
        if line.startswith("|"):
            current.append(line)
        elif current:
            tables.append(current)
            current = []
    assert len(tables) == 2
    for table in tables:
        assert len({cell_len(line) for line in table}) == 1, table
        assert set(table[1]) <= set("|-: ")
    assert r"跟进 \| \[red\]王总\[/red\] \*降价\*" in text
    assert "## To improve" in text and "- visits 3/5 (60%)" in text
    chinese = ok("--lang", "zh", "review", "--markdown", now=SUNDAY).out
    assert chinese.startswith("# 周复盘 2026-W48") and "## 待改进" in chinese


def test_trend_shows_weeks_without_target_as_such_not_as_zero():
    hard_week()
    data = json.loads(ok("trend", "--weeks", "3", "--metric", "visits", "--json", now=SUNDAY).out)
    (visits,) = data["metrics"]
    assert [(p["label"], p["actual"], p["target"], p["percent"]) for p in visits["periods"]] == [
        ("2026-W46", None, None, None),  # before the first entry: no actual, not 0
        ("2026-W47", 2, None, None),
        ("2026-W48", 3, 5, 60.0),
    ]
    assert visits["achievement_rate"] == 0.0 and visits["periods_with_target"] == 1
    assert len(visits["sparkline"]) == 3
    table = ok("trend", "--weeks", "3", now=SUNDAY).out
    assert "visits" in table and "no target" in table


def test_trend_by_month_uses_month_targets():
    ok("goal", "set", "revenue", "10万", "--month", "2026-11")
    ok("visit", "add", "张总", "-a", "12万", "--at", "2026-11-10")
    data = json.loads(ok("trend", "--months", "--weeks", "2", "--metric", "revenue", "--json").out)
    assert [(p["label"], p["actual"], p["target"]) for p in data["metrics"][0]["periods"]] == [
        ("2026-10", None, None),  # before the first entry
        ("2026-11", 120000, 100000),
    ]
    assert data["metrics"][0]["achievement_rate"] == 100.0


def test_the_review_screen_names_the_competitors_mentioned_that_week():
    ok("visit", "add", "张总", "--competitor", "华为", "--at", "2026-11-23 10:00")
    ok(
        "visit",
        "add",
        "李经理",
        "--new",
        "--competitor",
        "华为",
        "--competitor",
        "[red]思科[/red]",
        "--at",
        "2026-11-24",
    )
    ok("visit", "add", "王总", "--new", "--competitor", "中兴", "--at", "2026-11-16 10:00")  # the week before
    screen = ok("review", now=SUNDAY).out
    assert "Competitors mentioned: 华为 (2), [red]思科[/red] (1)\n" in screen and "中兴" not in screen
    assert "提到的竞争对手：华为 (2)，[red]思科[/red] (1)\n" in ok("--lang", "zh", "review", now=SUNDAY).out
    assert "Competitors mentioned" not in ok("review", "--week", "2026-11-09", now=SUNDAY).out


def test_a_reflection_of_several_lines_is_indented_under_its_label():
    ok("visit", "add", "张总")
    ok("review", "write", "--went-badly", "新客户太少", "--went-badly", "拜访偏少")
    lines = ok("review").out.splitlines()
    at = lines.index("  did not: 新客户太少")
    assert lines[at + 1] == "    拜访偏少"
