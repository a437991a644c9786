"""config set name keeps the person's name in the logbook (issue 16 item 3): the
report shows it, and a backup carries it to the manager's team report."""

import json

from conftest import ok, run, stored


def test_the_name_is_kept_in_the_logbook_shown_in_the_report_and_carried_by_a_backup(tmp_path, db):
    ok("visit", "add", "张总", "--at", "2026-11-24 10:00")
    assert "name: not set" in ok("config", "show").out
    assert "name = 王小明 in the logbook" in ok("config", "set", "name", "王小明").out
    assert stored(db, "SELECT key, value FROM settings") == [("name", "王小明")]
    assert not (tmp_path / "home" / "config" / "salelog" / "config.toml").exists()  # not the config file
    assert 'name = "王小明"  # in the logbook' in ok("config", "show").out
    page = tmp_path / "week.html"
    ok("report", "--html", str(page))
    assert "王小明" in page.read_text(encoding="utf-8")
    copy = tmp_path / "backup.db"
    ok("backup", str(copy))
    team = json.loads(ok("team", "report", str(copy), "--json").out)
    assert [m["name"] for m in team["members"]] == ["王小明"]
    named = json.loads(ok("team", "report", f"Wang={copy}", "--json").out)
    assert [m["name"] for m in named["members"]] == ["Wang"]  # NAME=PATH still wins


def test_a_bad_name_is_refused_and_an_empty_one_forgets_it_and_undo_reverts(db):
    ok("config", "set", "name", "王小明")
    assert run("config", "set", "name", "王\x1b[31m").code == 1
    assert stored(db, "SELECT value FROM settings") == [("王小明",)]
    ok("config", "set", "name", "李雷")
    ok("undo")
    assert stored(db, "SELECT value FROM settings") == [("王小明",)]
    assert "forgotten" in ok("config", "set", "name", "").out
    assert stored(db, "SELECT count(*) FROM settings") == [(0,)]


def test_two_logbooks_that_store_the_same_name_are_refused_in_a_team(tmp_path):
    for who in ("a", "b"):
        path = str(tmp_path / f"{who}.db")
        ok("--db", path, "config", "set", "name", "王小明")
    result = run("team", "report", str(tmp_path / "a.db"), str(tmp_path / "b.db"))
    assert result.code == 1 and "two members are named 王小明" in result.err
