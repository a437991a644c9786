"""`salelog week` and `today` print without importing Rich (salelog/sheet.py), and what it
prints must be exactly what Rich prints for the same report: compared here byte
for byte, piped and on a pseudo-terminal, with SALELOG_RENDER=rich as the reference."""

import os
import re
import sqlite3
import subprocess
import sys
from contextlib import closing

import pytest
from conftest import built_once, ok, run

pty = pytest.importorskip("pty")  # pseudo-terminals: POSIX only


def fill_week():
    """The demo's week (Chinese names, money, classes), a custom metric with a
    Chinese name, a derived target, and a plan item with hostile text."""
    built_once("week", _build_week)


def _build_week():
    ok("demo", "--db", os.environ["SALELOG_DB"])
    ok("goal", "set", "展会", "3", "--custom")
    ok("visit", "add", "新客户甲", "--tag", "展会", "--at", "mon 10:00")
    ok("goal", "set", "deals", "20", "--month", "2026-11")
    ok("task", "add", "给张总发报价", "--due", "today", "--customer", "张总", "-i", "-u")
    ok("task", "add", "整理客户资料 [b]x[/b]", "--due", "mon", "-i")
    ok("visit", "add", "李经理", "--next", "周三回访", "--next-date", "today")
    last_week = "2026-11-18T18:00"
    ok(
        "review",
        "write",
        "--went-well",
        "稳",
        "--plan",
        "[red]多拜访A类客户[/red]",
        "--plan",
        "call",
        now=last_week,
    )
    with closing(sqlite3.connect(os.environ["SALELOG_DB"])) as conn, conn:  # as an older salelog let it in
        conn.execute("UPDATE plan_items SET text = ? WHERE text = 'call'", ("call \x1b[2J",))


def on_terminal(args: list[str], env: dict) -> bytes:
    """Run salelog with a pseudo-terminal as stdin and stdout -> what it wrote."""
    master, slave = pty.openpty()
    command = [sys.executable, "-m", "salelog", *args]
    child = subprocess.Popen(command, stdin=slave, stdout=slave, stderr=subprocess.PIPE, env=env)
    os.close(slave)
    out = b""
    while True:
        try:
            chunk = os.read(master, 65536)
        except OSError:  # the child closed the terminal
            break
        if not chunk:
            break
        out += chunk
    child.wait(timeout=60)
    os.close(master)
    assert child.returncode == 0, child.stderr.read()
    return out


def piped(args: list[str], env: dict) -> str:
    """What salelog prints to a pipe (in this process: stdout is not a terminal), `env` added."""
    result = run(*args, env={k: v for k, v in env.items() if os.environ.get(k) != v})
    assert result.code == 0, result.err
    return result.out


REPORTS = [["week"], ["week", "--week", "last"], ["week", "--lang", "zh"], ["week", "--week", "2026-12-07"]]
REPORTS += [["today"], ["today", "--lang", "zh"], ["visit", "list"], ["visit", "list", "--lang", "zh", "-n", "5"]]


@pytest.mark.parametrize("columns", ["120", "100", "80", "64"])
@pytest.mark.parametrize("args", REPORTS, ids=" ".join)
def test_week_prints_exactly_what_rich_prints(args, columns):
    fill_week()
    env = dict(os.environ, COLUMNS=columns)
    quick, rich = piped(args, env), piped(args, dict(env, SALELOG_RENDER="rich"))
    assert quick == rich
    if columns == "80":  # a real terminal (a process of its own), at one width: the layout is the pipe's
        terminal = dict(env, TERM="xterm-256color")
        assert on_terminal(args, terminal) == on_terminal(args, dict(terminal, SALELOG_RENDER="rich"))


def test_week_on_a_terminal_has_colour_and_the_same_layout_as_piped():
    fill_week()
    env = dict(os.environ, COLUMNS="120", TERM="xterm-256color")
    shown = on_terminal(["week"], env).decode()
    assert "\x1b[1m" in shown and "\x1b[32m" in shown  # bold header, green pace
    unfilled = re.sub(r"\x1b\[90m([━╺]+)\x1b\[0m", lambda m: " " * len(m[1]), shown)  # a pipe shows no bar background
    without_colour = re.sub(r"\x1b\[[0-9;]*m", "", unfilled).replace("\r\n", "\n")
    assert [line.rstrip(" ") for line in without_colour.split("\n")] == piped(["week"], env).split("\n")


def test_piped_reports_carry_no_trailing_spaces():
    fill_week()
    for args in (["week"], ["today"], ["visit", "list"], ["customer", "list"], ["week", "--lang", "zh"]):
        for columns in ("120", "64"):
            out = piped(args, dict(os.environ, COLUMNS=columns))
            assert out.strip() and all(line == line.rstrip(" ") for line in out.splitlines()), (args, columns)


@pytest.mark.parametrize("command", ["week", "today"])
def test_week_and_today_do_not_import_rich(command):
    fill_week()
    code = f"import sys; from salelog.cli import main; sys.argv = ['salelog', '{command}']; main(); print(sys.modules)"
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert "销售额" in done.stdout  # the report was printed
    assert "'rich" not in done.stdout.splitlines()[-1]


def test_unusual_characters_fall_back_to_rich_and_still_match():
    """An emoji in a custom metric's name: its width is Rich's to decide."""
    fill_week()
    ok("goal", "set", "演示🎯", "2", "--custom")
    env = dict(os.environ, COLUMNS="100")
    assert "演示🎯" in piped(["week"], env)
    assert piped(["week"], env) == piped(["week"], dict(env, SALELOG_RENDER="rich"))


# --- lines wrapped as Rich wraps them -------------------------------------------------

from hypothesis import given, settings  # noqa: E402
from hypothesis import strategies as st  # noqa: E402

from salelog import sheet  # noqa: E402

WORDS = ["a", "ab", "word", "报价已发", "张总", "寄样品", "12%", "98.16万", "x" * 30, "长" * 25, "·", "—"]


def rich_lines(line: sheet.Line, width: int, colour: bool) -> str:
    """What Rich prints for `line` at `width`: piped (trailing spaces dropped, as
    sheet.Unpadded does) or on a colour terminal."""
    import io

    from rich.console import Console

    from salelog.render import to_rich

    buffer = io.StringIO()
    out = sheet.Unpadded(buffer) if not colour else buffer
    console = Console(file=out, width=width, highlight=False, soft_wrap=False, force_terminal=colour,
                      color_system="standard" if colour else None)  # fmt: skip
    console.print(to_rich(line))
    if not colour:
        out.flush()
    return buffer.getvalue()


@settings(max_examples=400, deadline=None)
@given(
    words=st.lists(
        st.tuples(st.sampled_from(WORDS), st.sampled_from(["", " ", "  ", "\n"]), st.sampled_from(["", "bold", "red"])),
        min_size=1,
        max_size=14,
    ),
    width=st.integers(min_value=8, max_value=60),
    colour=st.booleans(),
)
def test_a_long_line_wraps_exactly_as_rich_wraps_it(words, width, colour):
    line = sheet.Line(*((word + gap, style) if style else word + gap for word, gap, style in words))
    assert sheet.plain([line], width, colour) == rich_lines(line, width, colour)


def test_the_review_screen_wraps_its_long_notes_without_rich():
    fill_week()
    env = dict(os.environ, COLUMNS="64")
    shown = piped(["review", "--week", "last"], env)
    assert shown == piped(["review", "--week", "last"], dict(env, SALELOG_RENDER="rich"))
    assert max(len(line) for line in shown.splitlines()) <= 64


def test_a_wide_table_with_a_key_column_is_split_so_that_nothing_folds():
    table = sheet.Table(sheet.Column("Week"), *(sheet.Column(f"metric-{i}", "right") for i in range(8)), repeat=1)
    for week in range(3):
        table.add_row(f"2026-W4{week}", *(f"{1000 * i + week:,}万" for i in range(8)))
    parts = sheet.fitted(table, 60)
    tables = [p for p in parts if isinstance(p, sheet.Table)]
    assert len(tables) > 1 and all(t.columns[0].heading == "Week" for t in tables)
    assert [c.heading for t in tables for c in t.columns[1:]] == [f"metric-{i}" for i in range(8)]
    for colour in (False, True):
        shown = sheet.plain(parts, 60, colour)
        assert (
            shown is not None
            and max(sheet.cells(line) for line in re.sub(r"\x1b\[[0-9;]*m", "", shown).split("\n")) <= 60
        )
        assert "2026-W40" in shown and "7,000万" in shown  # no date or number split over lines
    assert sheet.fitted(table, 200) == [table]


def test_a_wide_table_splits_even_when_a_cell_s_width_is_not_sure():
    table = sheet.Table(sheet.Column("ID", "right"), sheet.Column("Customer"), repeat=1)
    table.columns += [sheet.Column("Outcome"), sheet.Column("Next")]
    outcome = "谈得不错 👍" + "很好" * 10  # an emoji: Rich's width for it may differ from ours
    table.add_row("1", "华南实业", outcome, "周五回访 (2026-12-02)")
    parts = sheet.fitted(table, 40)
    tables = [p for p in parts if isinstance(p, sheet.Table)]
    assert len(tables) > 1 and all(t.columns[0].heading == "ID" for t in tables)
    assert [c.heading for t in tables for c in t.columns[1:]] == ["Customer", "Outcome", "Next"]
