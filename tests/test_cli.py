"""The command line itself: help for every command, the Typer path and the fast
path agreeing, the entry points, and the demo."""

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from conftest import ok, run, run_process, stored
from typer.main import get_command
from typer.testing import CliRunner

from salelog.app import build_app
from salelog.cli import GLOBAL_OPTIONS
from salelog.fastpath import HOT, spec_of


def all_commands(group, prefix=()):
    for name, command in group.commands.items():
        yield (*prefix, name)
        if hasattr(command, "commands"):
            yield from all_commands(command, (*prefix, name))


COMMANDS = sorted(all_commands(get_command(build_app())))


def test_the_core_commands_exist():
    for words in (
        ("goal", "set"),
        ("goal", "list"),
        ("visit", "add"),
        ("visit", "list"),
        ("week",),
        ("today",),
        ("demo",),
    ):
        assert words in COMMANDS


@pytest.mark.parametrize("words", COMMANDS, ids=" ".join)
def test_every_command_has_help_with_an_example(words):
    result = run(*words, "--help")
    assert result.code == 0 and "Traceback" not in result.err
    assert "Example" in result.out and "salelog " + " ".join(words) in result.out


def test_bare_salelog_shows_help_with_examples():
    result = run()
    assert "salelog visit add" in result.out + result.err


def command_options(command) -> dict:
    """What a click command accepts, in the fast path's terms."""
    shape = {"positionals": [], "options": {}, "repeatable": set(), "switches": {}}
    for param in command.params:
        if param.param_type_name == "argument":
            shape["positionals"].append(param.name)
        elif param.is_flag:
            shape["switches"].update({opt: param.name for opt in param.opts})
        else:
            shape["options"].update({opt: param.name for opt in param.opts})
            if param.multiple:
                shape["repeatable"].add(param.name)
    return shape


@pytest.mark.parametrize("words", list(HOT), ids=" ".join)
def test_fast_path_accepts_exactly_the_typer_commands_options(words):
    command = get_command(build_app())
    for word in words:
        command = command.commands[word]
    spec = spec_of(words)
    assert command_options(command) == {
        "positionals": list(spec.positionals),
        "options": spec.options,
        "repeatable": set(spec.repeatable),
        "switches": spec.switches,
    }


def test_fast_path_global_options_are_the_root_options():
    root = command_options(get_command(build_app()))
    assert sorted(root["options"]) == sorted(GLOBAL_OPTIONS)


def test_typer_path_and_fast_path_store_the_same_entry(db, tmp_path):
    args = [
        "visit",
        "add",
        "张总",
        "-k",
        "电话",
        "-a",
        "1.2w",
        "-o",
        "报价",
        "--next",
        "回访",
        "--next-date",
        "fri",
        "--at",
        "昨天下午3点",
        "--minutes",
        "20",
        "-t",
        "a",
        "-t",
        "b",
    ]
    ok(*args)
    other = tmp_path / "typer.db"
    result = CliRunner().invoke(build_app(), ["--db", str(other), *args])
    assert result.exit_code == 0, result.output
    query = "SELECT customer_id, at, kind, amount_fen, outcome, next_step, next_date, minutes FROM entries"
    assert stored(db, query) == stored(other, query)
    assert stored(db, "SELECT tag FROM entry_tags") == stored(other, "SELECT tag FROM entry_tags")


def test_typer_path_reports_our_errors_as_one_line(db):
    result = CliRunner().invoke(build_app(), ["visit", "add", "张总", "-a", "abc"])
    assert result.exit_code == 1
    assert result.output.startswith("error: ") and "Traceback" not in result.output


def test_python_dash_m_and_console_script_both_work(db):
    import subprocess
    from pathlib import Path

    script = Path(sys.executable).parent / "salelog"
    if not script.exists():
        pytest.skip("console script not installed next to this Python")
    done = subprocess.run([str(script), "visit", "add", "张总"], capture_output=True, text=True)
    assert done.returncode == 0 and done.stdout.startswith("logged #1")


def test_the_process_ends_with_every_line_printed_and_the_database_closed(db, tmp_path):
    # cli.run ends the process without Python's teardown: what that teardown would
    # have done for us (flush the output, run atexit's functions) must still be done,
    # and the database closed, its write-ahead log folded back into the file.
    rows = "".join(f"客户{i:03d},2026-11-2{i % 5} 10:00,call,{'一' * 200}\n" for i in range(120))
    (tmp_path / "calls.csv").write_text("customer,at,kind,outcome\n" + rows, encoding="utf-8")
    ok("import", "entries", str(tmp_path / "calls.csv"), "--new")
    listed = tmp_path / "listed.json"
    with listed.open("w") as out:
        done = subprocess.run([sys.executable, "-m", "salelog", "visit", "list", "--json"], stdout=out)
    assert done.returncode == 0
    assert listed.stat().st_size > 64 * 1024  # beyond any buffer: flushed at the end
    assert len(json.loads(listed.read_text())) == 120
    assert run_process("visit", "add", "张总", "--kind", "call").code == 0
    assert not Path(f"{db}-wal").exists()
    assert stored(db, "SELECT count(*) FROM entries") == [(121,)]
    script = (
        "import atexit, sys; from salelog.cli import run;"
        "atexit.register(lambda: print('atexit ran', file=sys.stderr));"
        "sys.argv = ['salelog', 'visit', 'add']; run()"
    )
    done = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True)
    assert done.returncode == 1  # the missing customer's usage error keeps its status
    assert done.stderr.startswith("error: missing customer") and done.stderr.endswith("atexit ran\n")


def test_unbuffered_output_comes_out_in_the_order_it_is_printed(db):
    # PYTHONUNBUFFERED (or -u): stdout goes out line by line, so a note on stderr stays
    # after the confirmation it follows when both are one stream (a terminal, 2>&1).
    env = dict(os.environ, PYTHONUNBUFFERED="1")
    args = [sys.executable, "-m", "salelog", "visit", "add", "张总", "--at", "明天"]
    done = subprocess.run(args, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True, env=env)
    lines = done.stdout.splitlines()
    assert lines[-2].startswith("logged #1: visit with 张总") and lines[-1].startswith("note: 2026-11-26 12:00")


def test_demo_fills_a_throwaway_week_and_prints_its_report(tmp_path):
    result = ok("demo", env={"TMPDIR": str(tmp_path)}, process=True)  # as the README's one-liner runs it
    for word in ("revenue", "销售额", "50万", "30.5万", "visits", "calls", "emails", "new-clients", "Effort by"):
        assert word in result.out
    (folder,) = tmp_path.glob("salelog-demo-*")
    path = folder / "salelog.db"
    assert stored(path, "SELECT count(*) FROM entries WHERE amount_fen > 0") == [(2,)]
    assert ("张总",) in stored(path, "SELECT name FROM customers")


def test_demo_into_a_named_database_then_its_numbers(tmp_path):
    path = tmp_path / "try.db"
    ok("demo", "--db", str(path))
    report = json.loads(ok("--db", str(path), "week", "--json", now="2026-11-26T18:00").out)
    metrics = {m["metric"]: m for m in report["metrics"]}
    assert metrics["revenue"]["actual"] == 305000 and metrics["revenue"]["target"] == 500000
    assert metrics["visits"]["actual"] == 12 and metrics["calls"]["actual"] == 38
    assert metrics["emails"]["actual"] == 74 and metrics["new-clients"]["actual"] == 2
    # Three deals in play: 30万 at proposal (50%) closing Friday beside the 19.5万 still needed
    assert report["pipeline"] == {"weighted_closing": 150000, "revenue_needed": 195000}
    pipeline = json.loads(ok("--db", str(path), "pipeline", "--json", now="2026-11-26T18:00").out)
    assert (pipeline["open_value"], pipeline["weighted_value"]) == (920000, 365000)
    assert run("demo", "--db", str(path)).code == 1  # never overwrites


def test_global_options_may_follow_the_subcommand(tmp_path):
    path = tmp_path / "after.db"
    ok("visit", "add", "张总", "--db", str(path))
    ok("week", f"--db={path}")
    assert stored(path, "SELECT name FROM customers") == [("张总",)]


@pytest.mark.parametrize(
    "argv",
    [
        ["--db", "{db}", "week", "--lang", "zh"],
        ["--lang", "zh", "week", "--db", "{db}"],
        ["week", "--lang=zh", "--db={db}"],
        ["--lang=zh", "--db", "{db}", "week"],
        ["week", "--db", "{db}", "--json", "--lang", "zh"],
    ],
    ids=["db first", "lang first", "both after", "both first", "around a switch"],
)
def test_global_options_work_anywhere_on_the_line_split_or_not(tmp_path, argv):
    path = tmp_path / "split.db"
    ok("--db", str(path), "goal", "set", "visits", "15")
    result = ok(*(a.replace("{db}", str(path)) for a in argv))
    assert "第48周" in result.out if "--json" not in argv else json.loads(result.out)["metrics"][0]["target"] == 15


def test_one_run_s_language_does_not_carry_into_the_next(db):
    ok("goal", "set", "visits", "15")
    assert "第48周" in ok("week", "--lang", "zh").out
    assert ok("week").out.startswith("Week 48")


@pytest.mark.parametrize(
    "argv",
    [["week", "--db"], ["week", "--db="], ["--db", "--lang", "zh", "week"], ["visit", "add", "赵总", "--lang"]],
    ids=["at the end", "empty", "followed by an option", "lang at the end"],
)
@pytest.mark.new_file
def test_a_global_option_without_its_value_is_a_usage_error_and_writes_nothing(db, argv):
    result = run(*argv)
    assert result.code == 2 and "Traceback" not in result.err
    assert result.err.startswith("error: --") and "needs a value" in result.err
    assert not db.exists()  # not the default database either


def test_a_write_to_a_new_file_says_it_created_it(tmp_path):
    path = tmp_path / "a" / "b" / "new.db"
    result = ok("--db", str(path), "visit", "add", "张总")
    assert f"created new database {path}" in result.err
    import stat

    assert stat.S_IMODE((tmp_path / "a").stat().st_mode) == 0o700


def test_output_cut_short_by_a_pipe_is_not_an_error(tmp_path):
    import subprocess

    ok("demo", "--db", str(tmp_path / "d.db"))
    done = subprocess.run(
        f"{sys.executable} -m salelog --db {tmp_path / 'd.db'} visit list --limit 0 | head -1",
        shell=True,
        capture_output=True,
        text=True,
        executable="/bin/bash",
        env=dict(__import__("os").environ, SALELOG_NOW="2026-11-26T18:00"),
    )
    assert "Traceback" not in done.stderr and "error" not in done.stderr


def test_visit_list_says_when_it_shows_only_the_newest(db):
    for i in range(3):
        ok("visit", "add", "张总", "--at", f"2026-11-2{i} 10:00")
    result = ok("visit", "list", "--limit", "2")
    assert "showing the newest 2" in result.err
    assert len(json.loads(ok("visit", "list", "--json").out)) == 3


@pytest.mark.parametrize(
    "argv",
    [
        ["visit", "add", "张总", "x\u202ey", "extra"],
        ["visit", "list", "--limit", "\u202e5"],
        ["vis\u202eit"],
        ["visit", "add", "张总", "--bogus\x1b]0;owned\x07"],
        ["task", "add", "a", "b\x1b[2J"],
    ],
    ids=["extra argument", "bad int", "unknown command", "unknown option", "clear screen"],
)
def test_usage_errors_show_what_was_typed_escaped(argv):
    result = run(*argv)
    assert result.code == 2 and "Error:" in result.err
    assert result.err.isprintable() or all(c.isprintable() or c == "\n" for c in result.err), repr(result.err)
    assert "\\u202e" in result.err or "\\x1b" in result.err


# Start-up is a feature: each of these costs 0.4-5 ms of a command that never needs it
# (--json too: salelog/json_writer.py writes it without `import json`; SQLite too: see
# salelog/store/engine.py for collections and functools).
# (Timings live in bench/; this guards what a daily command imports.)
NEVER_ON_A_DAILY_COMMAND = {
    "typer", "click", "rich", "sqlite_utils", "dateutil", "platformdirs", "re", "enum", "json", "importlib",
    "bisect", "typing", "dataclasses", "decimal", "pathlib", "contextlib", "inspect", "locale", "calendar",
    "tomllib", "random", "subprocess", "tempfile", "shutil", "warnings", "collections", "functools",
}  # fmt: skip
DAILY_COMMANDS = [
    ["visit", "add", "张总", "--kind", "call", "--amount", "1.2w", "--outcome", "报价已发", "--next-date", "fri"],
    ["visit", "add", "李经理", "--new", "--tag", "展会", "--next", "寄样品", "--next-date", "下周一"],
    ["visit", "add", "Acme", "--kind", "email"],  # a new name sharing letters with Mr. Smith: compared
    ["goal", "set", "revenue", "50万"],
    ["week"],
    ["today"],
    ["day"],
    ["visit", "list"],  # with a cancelled part: 5,000 (-1,000)
    ["followups"],
    ["remind"],
    ["customer", "list"],
    ["customer", "show", "张总"],
    ["task", "add", "给张总发报价", "--due", "fri", "-c", "张总"],
    ["task", "list"],
    ["task", "done", "1"],
    ["deal", "add", "张总", "年度维保", "--value", "30万"],
    ["deal", "move", "1", "proposal"],
    ["deal", "list"],
    ["deal", "show", "1"],
    ["plan"],
    ["trend"],
    ["receivables"],
    ["review"],
    ["review", "--month"],  # a month's and a year's sentences too (review_periods.per_period)
    ["review", "--year"],
    *([*command, "--json"] for command in (["week"], ["today"], ["day"], ["visit", "list"], ["followups"],
                                           ["customer", "list"], ["pipeline"], ["receivables"], ["review"])),
]  # fmt: skip


def test_daily_commands_import_nothing_they_do_not_need(tmp_path):
    """Run as a regular install runs them (no `site`, so no editable-install finder, which
    imports re and pathlib itself): the first command that brings one of these in is named."""
    import sysconfig

    ok("visit", "add", "张总", "--amount", "5000")  # a logbook to report on
    ok("visit", "cancel", "1", "--amount", "1000", "--reason", "退了一台")
    ok("visit", "add", "Mr. Smith")
    paths = [str(Path(__file__).resolve().parent.parent), sysconfig.get_paths()["purelib"]]
    code = (
        "import sys\nfrom salelog.cli import main\nbefore = set(sys.modules)\n"
        f"for args in {DAILY_COMMANDS!r}:\n"
        "    try:\n        main(args)\n    except SystemExit as e:\n        print('exit', args, e.code); break\n"
        f"    new = sorted(m for m in set(sys.modules) - before if m.split('.')[0] in {NEVER_ON_A_DAILY_COMMAND!r})\n"
        "    if new:\n        print('imported', args, new); break\n"
    )
    env = dict(os.environ, PYTHONPATH=os.pathsep.join(paths))
    done = subprocess.run([sys.executable, "-S", "-c", code], capture_output=True, text=True, env=env)
    assert done.returncode == 0, done.stderr
    assert "imported" not in done.stdout and "exit" not in done.stdout, done.stdout.splitlines()[-1][:300]
    assert done.stdout.count("logged #") == 3 and "deal #" in done.stdout  # they all ran


@pytest.mark.parametrize("typer_only", [False, True])
def test_a_negative_limit_is_refused_not_read_as_dropping_the_oldest(typer_only, monkeypatch):
    if typer_only:
        monkeypatch.setenv("SALELOG_NO_FASTPATH", "1")
    for hour in range(10, 13):
        ok("visit", "add", "张总", "--at", f"2026-11-24 {hour}:00")
    result = run("visit", "list", "-n", "-1")
    assert result.code == 2 and "-1 is not in the range x>=0" in result.err and result.out == ""
    assert ok("visit", "list", "-n", "2").out.count("张总") == 2


def test_an_empty_customer_or_kind_filter_is_refused_not_read_as_everyone():
    ok("visit", "add", "张总")
    for option in ("--customer", "--kind"):
        result = run("visit", "list", option, "")
        assert result.code == 1 and result.err.startswith(f"error: {option} is empty") and result.out == ""
