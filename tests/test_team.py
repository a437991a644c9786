"""salelog team report: a manager's view of several logbooks, each opened
read-only and never changed: every member's week as week --json gives it, a
ranking by revenue achievement, and the team's totals. Members' logbooks are
built through the CLI (--db), as each salesperson would have written them."""

import atexit
import hashlib
import json
import shutil
import sqlite3
import stat
import tempfile
from contextlib import closing
from pathlib import Path

import pytest
from conftest import ok, run

_BUILT: dict[str, Path] = {}  # the three logbooks as first built (the clock is frozen): copied after


@pytest.fixture
def team(tmp_path):
    """Three logbooks: 王小明 at 60% of 50万, li at 60% of 20万, zhao without a revenue target."""
    files = {name: tmp_path / f"{name}.db" for name in ("wang", "li", "zhao")}
    if _BUILT:
        for name, path in files.items():
            shutil.copy2(_BUILT[name], path)
        return files
    _build(files)
    saved = Path(tempfile.mkdtemp(prefix="salelog-team-"))
    atexit.register(shutil.rmtree, saved, True)
    for name, path in files.items():
        _BUILT[name] = shutil.copy2(path, saved / path.name)
    return files


def _build(files: dict) -> None:
    ok("--db", str(files["wang"]), "goal", "set", "revenue", "50万")
    ok("--db", str(files["wang"]), "goal", "set", "visits", "10")
    ok("--db", str(files["wang"]), "visit", "add", "张总", "-a", "30万", "--at", "2026-11-24 10:00")
    ok("--db", str(files["wang"]), "visit", "add", "李经理", "--next", "报价", "--next-date", "2026-11-24")
    ok("--db", str(files["li"]), "goal", "set", "revenue", "20万")
    ok("--db", str(files["li"]), "visit", "add", "王总", "-a", "12万", "--at", "2026-11-23 15:00")
    ok("--db", str(files["li"]), "visit", "add", "王总", "-k", "call", "--at", "2026-11-24 09:00")
    ok("--db", str(files["zhao"]), "visit", "add", "赵总", "-a", "1万", "--at", "2026-11-23 11:00")


def digest(path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def test_json_has_each_member_s_week_the_ranking_and_the_team_s_totals(team):
    data = json.loads(ok("team", "report", f"王小明={team['wang']}", str(team["li"]), str(team["zhao"]), "--json").out)
    assert data["period"] == {"start": "2026-11-23", "end": "2026-11-29", "label": "2026-W48"}
    assert [(m["name"], m["file"]) for m in data["members"]] == [
        ("王小明", str(team["wang"])),
        ("li", str(team["li"])),
        ("zhao", str(team["zhao"])),
    ]
    for member, file in zip(data["members"], ("wang", "li", "zhao"), strict=True):
        week = json.loads(ok("--db", str(team[file]), "week", "--json").out)
        assert member["metrics"] == week["metrics"]  # the same figures as the member's own week --json
    assert [m["percent"] for m in data["members"]] == [60.0, 60.0, None]
    assert data["ranking"] == ["王小明", "li", "zhao"]  # 60% each: the larger revenue first; no target last
    totals = {m["metric"]: m for m in data["team"]["metrics"]}
    assert totals["revenue"] == {
        "metric": "revenue",
        "unit": "yuan",
        "target": 700000,
        "actual": 430000,
        "percent": 60.0,  # 42万 of 70万: zhao's 1万 counts in the actual, not against targets zhao has not set
    }
    assert totals["visits"]["target"] == 10 and totals["visits"]["actual"] == 4
    assert totals["calls"] == {"metric": "calls", "unit": "count", "target": None, "actual": 1, "percent": None}
    assert data["members"][0]["overdue_followups"] == 1 and data["members"][1]["overdue_followups"] == 0
    assert "王小明" in data["behind"]


def test_the_files_are_read_and_never_changed(team, tmp_path):
    backup = tmp_path / "li-backup.db"
    ok("--db", str(team["li"]), "backup", str(backup))
    before = {p: digest(p) for p in (team["wang"], backup)}
    modes = {p: stat.S_IMODE(p.stat().st_mode) for p in before}
    data = json.loads(ok("team", "report", str(team["wang"]), f"li={backup}", "--json").out)
    assert data["ranking"] == ["wang", "li"]
    assert {p: digest(p) for p in before} == before
    assert {p: stat.S_IMODE(p.stat().st_mode) for p in before} == modes


def test_nothing_is_left_beside_a_member_s_logbook_nor_in_the_temporary_folder(team, tmp_path, monkeypatch):
    # Side files owned by whoever ran the report would stop the member's own salelog writing.
    monkeypatch.setenv("TMPDIR", str(tmp_path / "tmp"))
    (tmp_path / "tmp").mkdir()
    import tempfile

    monkeypatch.setattr(tempfile, "tempdir", None)  # read TMPDIR again
    ok("team", "report", str(team["wang"]), str(team["li"]), "--json")
    assert sorted(p.name for p in team["wang"].parent.glob("wang.db*")) == ["wang.db"]  # no -shm, no -wal
    assert sorted(p.name for p in team["li"].parent.glob("li.db*")) == ["li.db"]
    assert list((tmp_path / "tmp").iterdir()) == []  # the private copies are gone


def test_a_live_member_s_logbook_is_read_as_committed_even_through_a_link(team, tmp_path):
    import sqlite3

    # Li's salelog is writing: a commit sits in the -wal, not yet in the file itself.
    writer = sqlite3.connect(team["li"])
    try:
        writer.execute("PRAGMA wal_autocheckpoint = 0")
        writer.execute("UPDATE entries SET amount_fen = 150000000 WHERE amount_fen = 12000000")
        writer.commit()
        assert (team["li"].parent / "li.db-wal").stat().st_size > 0
        link = tmp_path / "shared" / "li.db"  # the -wal is beside the file the link points to
        link.parent.mkdir()
        link.symlink_to(team["li"])
        for path in (team["li"], link):
            data = json.loads(ok("team", "report", str(path), "--json").out)
            assert data["members"][0]["metrics"][0]["actual"] == 1500000  # read through the -wal
    finally:
        writer.close()


def test_the_table_ranks_members_and_ends_with_the_team(team):
    out = ok("team", "report", f"王小明={team['wang']}", str(team["li"]), str(team["zhao"])).out
    lines = out.splitlines()
    assert lines[0] == "Team report 2026-W48 · 2026-11-23 → 2026-11-29"
    assert lines[2].split()[:3] == ["1", "王小明", "30万/50万"]
    assert lines[3].split()[:3] == ["2", "li", "12万/20万"]
    assert lines[5].split()[:3] == ["Team", "43万/70万", "4/10"]
    assert "Behind pace: 王小明 (visits)" in out  # revenue: 60% at 60% of the week, on pace


def test_a_narrow_terminal_splits_the_table_and_never_a_figure(team):
    args = ("team", "report", f"王小明={team['wang']}", str(team["li"]), str(team["zhao"]))
    lines = ok(*args, env={"COLUMNS": "40"}).out.splitlines()
    members = [line.split() for line in lines if line.lstrip().startswith(("1 ", "2 "))]
    assert members[0][:3] == ["1", "王小明", "30万/50万"] and members[1][:3] == ["2", "li", "12万/20万"]
    assert len(members) > 2 and {tuple(m[:2]) for m in members} == {("1", "王小明"), ("2", "li")}  # in every part


def test_markdown_escapes_the_names(team):
    out = ok("team", "report", f"[a](x)|b={team['wang']}", str(team["li"]), "--markdown").out
    assert out.startswith("# Team report 2026-W48 · 2026-11-23 → 2026-11-29\n\n| # | Member |")
    assert "\\[a\\](x)\\|b" in out and "[a](x)|b" not in out


def test_html_writes_a_private_self_contained_page(team, tmp_path):
    page = tmp_path / "team.html"
    result = ok("team", "report", f"<i>王</i>={team['wang']}", str(team["li"]), "--html", str(page))
    assert result.out == f"report written to {page}\n"
    assert stat.S_IMODE(page.stat().st_mode) == 0o600
    text = page.read_text(encoding="utf-8")
    assert "<script" not in text and "http://" not in text.split("<svg")[0] and "https://" not in text
    assert "&lt;i&gt;王&lt;/i&gt;" in text and "<i>王</i>" not in text
    assert "30万/50万" in text and "42万/70万" in text
    assert "2026-11-29 · 2 members" in text
    ok("team", "report", str(team["li"]), "--html", str(page))
    assert "2026-11-29 · 1 member<" in page.read_text(encoding="utf-8")


@pytest.mark.parametrize("bad", ["text", "other-sqlite", "missing", "newer", "older"])
def test_a_file_that_is_not_a_current_salelog_database_is_refused_naming_it(team, tmp_path, bad):
    path = tmp_path / f"{bad}.db"
    if bad == "text":
        path.write_text("hello")
    elif bad == "other-sqlite":
        with closing(sqlite3.connect(path)) as conn:
            conn.execute("CREATE TABLE t (x)")
    elif bad in ("newer", "older"):
        shutil.copy2(team["li"], path)
        with closing(sqlite3.connect(path)) as conn:
            conn.execute(f"PRAGMA user_version = {99 if bad == 'newer' else 3}")
    result = run("team", "report", str(team["wang"]), str(path), "--json")
    assert result.code == 1 and result.out == ""
    first = result.err.splitlines()[0]
    assert str(path) in first
    expected = {
        "text": "is not a salelog database",
        "other-sqlite": "is not a salelog database",
        "missing": "error: no salelog database at",
        "newer": "was written by a newer salelog (schema 99",
        "older": "was written by an older salelog (schema 3)",
    }[bad]
    assert expected in first and len(result.err.splitlines()) == 2


def test_the_same_member_twice_is_refused(team, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    result = run("team", "report", "wang.db", f"王小明={team['wang']}")
    assert result.code == 1
    assert result.err.splitlines()[0] == f"error: {team['wang']} is given twice (wang and 王小明)"
    again = run("team", "report", f"x={team['wang']}", f"x={team['li']}")
    assert again.code == 1 and again.err.splitlines()[0] == "error: two members are named x"


def test_one_output_at_a_time_and_a_missing_html_folder_refused(team, tmp_path):
    both = run("team", "report", str(team["wang"]), "--json", "--markdown")
    assert both.code == 1 and both.err.splitlines()[0] == "error: give one of --json, --markdown and --html"
    nowhere = run("team", "report", str(team["wang"]), "--html", str(tmp_path / "no" / "t.html"))
    assert nowhere.code == 1 and nowhere.err.splitlines()[1] == "  create it first, or give another --html path"


def test_a_member_s_logbook_is_never_written_over(team):
    before = digest(team["li"])
    result = run("team", "report", str(team["wang"]), str(team["li"]), "--html", str(team["li"]))
    assert result.code == 1 and result.err.splitlines()[0] == f"error: {team['li']} is the database itself"
    assert digest(team["li"]) == before


def test_an_empty_week_is_reported_not_refused(team):
    data = json.loads(ok("team", "report", str(team["wang"]), "--week", "2026-W40", "--json").out)
    assert data["members"][0]["metrics"] == [] and data["team"]["metrics"] == []


def test_team_report_in_chinese(team):
    out = ok("--lang", "zh", "team", "report", str(team["wang"]), str(team["li"])).out
    assert out.startswith("团队周报 2026-W48") and "团队" in out and "进度落后：" in out


def test_team_report_help_has_an_example():
    assert "salelog team report 王小明=backups/wang.db" in ok("team", "report", "--help").out
