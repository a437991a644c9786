"""The daily screens beyond week and today (customer list and show, followups,
task list, customer classify, the effort by class) and the weekly ones (plan,
review, trend, goal list) are built from the sheet pieces and printed without
Rich where they can be: what they print must be exactly what Rich prints for
them, piped and on a pseudo-terminal, in English and in Chinese, at 60, 80 and
120 columns. Plus what the fast path changes: the same output through either
route, and customer list in pages."""

import json
import os
import shutil
import sqlite3
import subprocess
import sys
from contextlib import closing

import pytest
from conftest import built_once, ok, run
from test_sheet import fill_week, on_terminal, piped


def fill_archive():
    """fill_week's logbook, plus cards with every field, hostile text in them, and history."""
    built_once("archive", _build_archive)


def _build_archive():
    fill_week()
    ok("customer", "edit", "张总", "--note", "喜欢喝茶", "--tag", "制造业", "--alias", "张建国")
    ok("customer", "edit", "张总", "--company", "华东电子")
    ok("customer", "add", "[bold]王[/bold]", "--company", "[i]公司[/i]", "--class", "C", "--tag", "展会")
    with closing(sqlite3.connect(os.environ["SALELOG_DB"])) as conn:  # what an older salelog let in
        conn.execute("UPDATE customers SET note = ? WHERE name = ?", ("call \x1b[2J 先生", "[bold]王[/bold]"))
        conn.commit()
    ok("visit", "add", "张总", "-a", "3500.50", "--at", "2026-03-02 10:00", "--feedback", "价格偏高 [red]x[/red]")
    ok("customer", "add", "老客户甲", "--class", "A", "--company", "远方贸易")
    ok("visit", "add", "老客户甲", "--at", "2026-10-09 10:00")
    ok("visit", "add", "王总", "--next", "寄样品", "--next-date", "2026-11-20", "--at", "2026-11-16 10:00")
    ok("task", "add", "回复群消息", "--due", "2026-11-20", "--q", "3")
    ok("task", "done", "1")
    ok("goal", "set", "revenue", "5万", "--week", "last")
    ok("goal", "set", "revenue", "6万", "--week", "last")
    ok("review", "write", "--went-well", "成交两单", "--why", "周二 [b]会议[/b]", "--plan", "每天先打10个电话")
    ok("visit", "add", "李经理", "--competitor", "华为", "--competitor", "[red]思科[/red]", "--at", "2026-11-24 15:00")


SCREENS = [
    ["customer", "list"],
    ["customer", "list", "--neglected", "--a-days", "3", "--b-days", "3"],
    ["customer", "list", "--effort"],
    ["customer", "show", "张总"],
    ["customer", "show", "[bold]王[/bold]"],
    ["customer", "classify"],
    ["followups"],
    ["followups", "--all"],
    ["task", "list", "--all"],
]
WEEKLY = [
    ["plan"],
    ["review"],
    ["review", "--week", "last"],
    ["trend", "--weeks", "12"],
    ["trend", "--months", "--weeks", "3"],
    ["goal", "list", "--month", "2026-11"],
    ["goal", "list", "--history"],
]


# In Chinese, the screens whose columns hold the most CJK text (names, headings, notes).
IN_CHINESE_TOO = [["customer", "list"], ["customer", "show", "张总"], ["customer", "list", "--effort"],
                  ["followups"], ["task", "list", "--all"], *WEEKLY]  # fmt: skip


@pytest.mark.parametrize(
    "args, lang",
    [(args, "en") for args in SCREENS + WEEKLY] + [(args, "zh") for args in IN_CHINESE_TOO],
    ids=lambda value: value if isinstance(value, str) else " ".join(value),
)
def test_screen_prints_exactly_what_rich_prints(args, lang):
    fill_archive()
    on_a_terminal = args in (EN_ON_A_TERMINAL if lang == "en" else ZH_ON_A_TERMINAL)  # two processes each
    args = [*args, "--lang", lang]
    for columns in ("120", "60") if on_a_terminal else ("120", "80", "60"):  # the terminal's is at 80
        env = dict(os.environ, COLUMNS=columns)
        quick, rich = piped(args, env), piped(args, dict(env, SALELOG_RENDER="rich"))
        assert quick == rich, columns
    if on_a_terminal:
        terminal = dict(os.environ, COLUMNS="80", TERM="xterm-256color")  # a real terminal, at one width
        assert on_terminal(args, terminal) == on_terminal(args, dict(terminal, SALELOG_RENDER="rich"))


# On a real terminal (colour, a process of its own) for one screen of each kind, and in Chinese for
# those with the widest CJK columns; every screen is compared piped at three widths (those on a
# terminal at 120 and 60 piped, and at 80 on the terminal)
EN_ON_A_TERMINAL = [["customer", "list"], ["customer", "show", "张总"], ["followups"], ["task", "list", "--all"]]
EN_ON_A_TERMINAL += [["review"], ["trend", "--weeks", "12"], ["goal", "list", "--month", "2026-11"], ["plan"]]
ZH_ON_A_TERMINAL = [["customer", "list"], ["review"], ["trend", "--weeks", "12"]]


FITTING = [s for s in SCREENS if s != ["customer", "classify"]] + [
    ["plan"],
    ["review"],
    ["trend", "--weeks", "4"],
    ["trend", "--weeks", "12"],
    ["goal", "list", "--week", "last"],
    ["goal", "list", "--month"],  # its title is wider than its table: a line of its own
]


@pytest.mark.parametrize("args", FITTING, ids=" ".join)
def test_daily_and_weekly_screens_print_without_typer_or_rich(args):
    """Piped at 120 columns, they all fit: then neither Typer nor Rich is imported."""
    fill_archive()
    code = f"import sys; from salelog.cli import main; main({args!r}); print(sorted(sys.modules))"
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    modules = eval(done.stdout.splitlines()[-1])
    assert done.stdout.count("\n") > 2  # a table was printed
    assert not [m for m in modules if m.split(".")[0] in ("rich", "typer", "click")]


HOT_CALLS = [
    ["followups"],
    ["followups", "--all", "--json"],
    ["remind"],
    ["remind", "--json"],
    ["customer", "list", "--class", "A"],
    ["customer", "list", "--neglected", "--a-days", "3", "--json"],
    ["customer", "list", "-n", "2"],
    ["customer", "show", "张"],
    ["customer", "show", "nobody"],
    ["task", "list"],
    ["task", "list", "--all", "--json"],
    ["task", "done", "2"],
    ["task", "done", "99"],
    ["task", "add", "给李经理打电话", "-d", "fri", "-c", "李经理", "-i"],
    ["task", "add", "x", "--q", "7"],
    ["plan", "--json"],
    ["plan", "--week", "next"],
    ["review"],
    ["review", "--json"],
    ["review", "--markdown", "-w", "last"],
    ["review", "--week", "next"],
    ["review", "write", "--went-well", "成交", "--plan", "多打电话", "--plan", "约拜访"],
    ["review", "check", "1", "partly", "--note", "三天"],
    ["review", "check", "1", "maybe"],
    ["trend", "--weeks", "3"],
    ["trend", "-n", "2", "--months", "--json"],
    ["trend", "--weeks", "0"],
    ["trend", "--metric", "拜访", "--json"],
    ["goal", "list", "--json"],
    ["goal", "list", "--year", "2026"],
    ["goal", "list", "--week", "last", "--history"],
    ["goal", "list", "--month", "2026-11", "--year", "2026"],
]


@pytest.mark.parametrize("args", HOT_CALLS, ids=" ".join)
def test_fast_path_and_typer_say_the_same(args, tmp_path):
    """The daily and weekly commands run without Typer; through Typer (SALELOG_NO_FASTPATH) they say the same."""
    fill_archive()
    db = os.environ["SALELOG_DB"]
    copy = tmp_path / "typer.db"
    shutil.copy2(db, copy)  # keeps it 0600
    quick = run(*args)
    slow = run(*args, env={"SALELOG_NO_FASTPATH": "1", "SALELOG_DB": str(copy)})
    assert (quick.code, quick.out, quick.err) == (slow.code, slow.out, slow.err)


NEGATIVE = [["customer", "list", "--a-days", "-1"], ["task", "done", "-3"], ["review", "check", "-3", "done"]]


@pytest.mark.parametrize("args", NEGATIVE, ids=" ".join)
def test_a_negative_number_where_typer_wants_none_is_typer_s_usage_error(args):
    ok("customer", "add", "张总")
    assert run(*args).code == 2


def test_customer_list_shows_the_first_50_and_says_how_to_see_all(tmp_path):
    ok("demo", "--db", os.environ["SALELOG_DB"])
    archive = tmp_path / "customers.csv"  # one import rather than 52 adds
    archive.write_text("name\n" + "".join(f"客户{i:03d}\n" for i in range(52)))
    ok("import", "customers", str(archive), "--new")
    total = len(json.loads(ok("customer", "list", "--json").out))  # --json: all of them
    assert total > 52
    shown = ok("customer", "list")
    assert len(shown.out.splitlines()) == 1 + 50
    assert shown.err == f"showing 50 of {total} customers; --limit 0 for all\n"
    everyone = ok("customer", "list", "--limit", "0")
    assert len(everyone.out.splitlines()) == 1 + total and everyone.err == ""
    assert len(ok("customer", "list", "-n", "3").out.splitlines()) == 1 + 3
    assert len(json.loads(ok("customer", "list", "-n", "3", "--json").out)) == 3


def test_today_on_a_narrow_terminal_splits_its_table_and_never_a_word():
    ok("goal", "set", "revenue", "45.89万", now="2026-12-04T17:30")
    ok("visit", "add", "王总", "-a", "20万", "--at", "周三", now="2026-12-04T17:30")
    lines = ok("today", now="2026-12-04T17:30", env={"COLUMNS": "60"}).out.splitlines()
    assert all(len(line) <= 60 for line in lines)
    rows = [line.split() for line in lines if line.startswith("revenue")]
    assert len(rows) == 2 and rows[1][-1] == "behind"  # the pace whole, in the second part with the metric


def test_today_on_a_weekend_says_no_working_days_are_left_in_either_language():
    ok("goal", "set", "visits", "15", now="2026-12-04T17:30")
    assert "Quota: no working days are left this week." in ok("today", now="2026-12-05T10:00").out
    assert "今日配额：本周已没有工作日。" in ok("--lang", "zh", "today", now="2026-12-05T10:00").out
