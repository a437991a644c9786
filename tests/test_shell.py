"""Fitting the day: cron reminders, aliases, completion of customer names."""

import json
import os
import subprocess
import sys

import pytest
from conftest import ok, run


def reminders(now):
    return json.loads(ok("remind", "--json", now=now).out)


def test_monday_nine_oclock_with_no_goals_is_quiet_until_ten():
    ok("visit", "add", "张总", "--at", "2026-11-20 10:00")
    assert ok("remind", now="2026-11-23T09:00").out == ""
    assert [r["kind"] for r in reminders("2026-11-23T10:00")] == ["no_targets"]
    assert "no targets set for this week" in ok("remind", now="2026-11-23T10:00").out


def test_wednesday_afternoon_behind_pace_says_by_how_much():
    ok("goal", "set", "visits", "15")
    ok("visit", "add", "张总", "--at", "2026-11-23 10:00")
    items = reminders("2026-11-25T15:00")  # 2 + 6/9 of 5 days gone: 8 visits expected, 1 done
    assert {"kind": "behind_pace", "text": "behind by 7 visits"} in items
    assert "behind_pace" not in [r["kind"] for r in reminders("2026-11-24T15:00")]  # Tuesday: not checked


def test_a_day_with_nothing_due_prints_nothing_at_all():
    ok("goal", "set", "visits", "3")
    ok("visit", "add", "张总", "--at", "2026-11-24 10:00")
    result = ok("remind", now="2026-11-24T15:00")
    assert result.out == "" and result.err == ""


def test_followups_tasks_silence_and_neglected_a_customers():
    ok("goal", "set", "visits", "1", "--week", "2026-11-23")
    ok("customer", "add", "张总", "--class", "A")
    ok("visit", "add", "张总", "--at", "2026-11-02 10:00", "--next", "回访", "--next-date", "2026-11-20")
    ok("task", "add", "发报价", "--due", "2026-11-23", "-i")
    kinds = [r["kind"] for r in reminders("2026-11-24T18:30")]
    assert kinds == ["followup", "task", "nothing_logged", "neglected"]
    out = ok("remind", now="2026-11-24T18:30").out
    assert "follow-up #1 张总: 回访 (4 days overdue)" in out and "no contact for 22 days" in out


def test_notify_without_a_notifier_still_prints(tmp_path):
    ok("goal", "set", "visits", "1")
    result = run("remind", "--notify", now="2026-11-24T18:30", env={"PATH": str(tmp_path)})
    assert result.code == 0 and "nothing logged today" in result.out


def test_a_broken_database_is_one_line_and_non_zero(db):
    db.write_bytes(b"not a database" * 100)
    result = run("remind")
    assert result.code == 1 and result.err.startswith("error: ") and "Traceback" not in result.err


def test_aliases_for_each_shell():
    assert "alias sv='salelog visit add'" in ok("aliases").out
    assert "alias sc='salelog visit add --kind call'" in ok("aliases", "zsh").out
    assert "alias sw 'salelog week'" in ok("aliases", "fish").out
    assert run("aliases", "tcsh").code == 1


def complete(words: str) -> list[str]:
    """What bash completion offers, through Typer's own completion machinery."""
    env = dict(
        os.environ,
        _SALELOG_COMPLETE="complete_bash",
        COMP_WORDS=words,
        COMP_CWORD=str(len(words.split()) - (0 if words.endswith(" ") else 1)),
    )
    done = subprocess.run([sys.executable, "-m", "salelog"], env=env, capture_output=True, text=True)
    assert done.returncode == 0, done.stderr
    return done.stdout.split()


def test_customer_names_complete_from_the_database(db):
    ok("customer", "add", "张总", "--alias", "Zhang")
    ok("customer", "add", "张经理")
    ok("customer", "add", "李经理")
    assert complete("salelog visit add 张") == ["张总", "张经理"]
    assert complete("salelog customer show Zh") == ["Zhang"]  # aliases too
    assert "visit" in complete("salelog vi")
    assert sorted(p.name for p in db.parent.glob(db.name + "*")) == [db.name]  # every Tab: no -shm, no -wal left


def test_completion_reads_what_a_running_write_committed_to_the_wal_through_a_link(db, tmp_path, monkeypatch):
    import sqlite3

    ok("customer", "add", "张总")
    link = tmp_path / "elsewhere" / "logbook.db"
    link.parent.mkdir()
    link.symlink_to(db)
    monkeypatch.setenv("SALELOG_DB", str(link))
    writer = sqlite3.connect(db)  # a write command still running: its commit is in the -wal only
    try:
        writer.execute("PRAGMA wal_autocheckpoint = 0")
        writer.execute("UPDATE customers SET name = '张经理', name_key = '张经理' WHERE name = '张总'")
        writer.commit()
        assert complete("salelog visit add 张") == ["张经理"]
    finally:
        writer.close()


def completion(shell: str, line: str, *, typer_only: bool = False, fish_action: str = "get-args") -> tuple:
    """(exit status, output, imports) of one completion request as `shell` sends it."""
    env = dict(os.environ, _SALELOG_COMPLETE=f"complete_{shell}", _TYPER_COMPLETE_FISH_ACTION=fish_action)
    if shell == "bash":
        env |= {"COMP_WORDS": line, "COMP_CWORD": str(len(line.split()) - (0 if line.endswith(" ") else 1))}
    else:
        env["_TYPER_COMPLETE_ARGS"] = line
    if typer_only:
        env["SALELOG_NO_FASTPATH"] = "1"
    command = [sys.executable, "-X", "importtime", "-m", "salelog"]
    done = subprocess.run(command, env=env, capture_output=True, text=True, encoding="utf-8")
    return done.returncode, done.stdout, "typer" in done.stderr


REQUESTS = [  # each shell once at least for a known name, a beginning, nothing typed and no match
    ("bash", "salelog visit add 张"),
    ("bash", "salelog customer show Zh"),
    ("bash", "salelog --db {db} customer edit 王"),
    ("zsh", "salelog visit add O"),
    ("zsh", "salelog customer show "),
    ("zsh", "salelog visit add 没有"),
    ("fish", "salelog customer edit 张"),
]


@pytest.mark.parametrize("shell, line", REQUESTS)
def test_customer_names_complete_without_typer_exactly_as_typer_does(shell, line, db):
    ok("customer", "add", "张总", "--alias", "Zhang")
    ok("customer", "add", "张经理")
    ok("customer", "add", "王老板")
    ok("customer", "add", 'O\'Brien: "Bob" $HOME `x`')
    line = line.format(db=db)
    actions = ("get-args", "is-args") if shell == "fish" else ("get-args",)
    for action in actions:
        quick = completion(shell, line, fish_action=action)
        assert quick[:2] == completion(shell, line, typer_only=True, fish_action=action)[:2]
        assert quick[2] is False  # answered before Typer was imported
    assert "张总" in completion(shell, line)[1] or "张" not in line


def test_other_completions_still_go_through_typer():
    code, out, typer_loaded = completion("bash", "salelog vi")
    assert code == 0 and "visit" in out.split() and typer_loaded


def test_kinds_metrics_tables_ids_and_customer_options_complete(db):
    """Values salelog knows, offered where they are typed (answered before Typer loads)."""
    ok("customer", "add", "张总")
    ok("goal", "set", "展会", "3", "--custom")
    ok("visit", "add", "张总", "--next", "回访", "--next-date", "fri")
    ok("task", "add", "发报价", "--due", "fri")
    kinds = ["visit", "call", "email", "meeting", "message", "sale"]
    kinds += ["拜访", "电话", "邮件", "会议", "微信", "消息", "成交"]
    assert complete("salelog visit add 张总 --kind ") == kinds
    assert complete("salelog visit list -k c") == ["call"]
    assert complete("salelog goal set ") == ["revenue", "deals", "new-clients", "prospects", "visits", "calls",
                                             "emails", "meetings", "messages", "collected", "展会"]  # fmt: skip
    assert complete("salelog trend --metric 展") == ["展会"]
    assert complete("salelog export ") == [
        "entries", "customers", "goals", "followups", "tasks", "deals", "contracts", "cancellations", "payments"
    ]  # fmt: skip
    assert complete("salelog import c") == ["customers", "cancellations"]
    assert complete("salelog import p") == ["payments"]
    assert complete("salelog followup done ") == ["1"]
    assert complete("salelog task done ") == ["1"]
    assert complete("salelog visit list --customer 张") == ["张总"]
    assert complete(f"salelog --db {db} task add x -c 张") == ["张总"]
    code, out, typer_loaded = completion("bash", "salelog goal set re")
    assert (code, out.split(), typer_loaded) == (0, ["revenue"], False)


def test_bash_aliases_complete_as_the_commands_they_stand_for(tmp_path):
    ok("customer", "add", "张总")
    ok("customer", "add", "张经理")
    launcher = tmp_path / "bin" / "salelog"  # `salelog` on PATH, as after pip install
    launcher.parent.mkdir()
    launcher.write_text(f'#!/bin/sh\nexec {sys.executable} -m salelog "$@"\n')
    launcher.chmod(0o755)
    script = (
        ok("aliases").out + '\nCOMP_WORDS=(sv 张); COMP_CWORD=1; _salelog_alias sv; printf "%s\\n" "${COMPREPLY[@]}"'
    )
    path = f"{launcher.parent}:{os.environ['PATH']}"
    done = subprocess.run(["bash", "-c", script], capture_output=True, text=True, env=dict(os.environ, PATH=path))
    assert done.returncode == 0, done.stderr
    assert done.stdout.split() == ["张总", "张经理"]


@pytest.mark.parametrize("shell, first", [("zsh", "#compdef salelog"), ("fish", "complete --command salelog")])
def test_show_completion_for_a_named_shell_prints_that_shells_script(shell, first):
    """Issue 13 item 21: `--show-completion zsh` printed bash's script."""
    out = ok("--show-completion", shell).out
    assert out.startswith(first) and "COMPREPLY" not in out


def test_install_completion_for_a_named_shell_writes_that_shells_file(tmp_path):
    result = ok("--install-completion", "zsh")
    assert "zsh completion installed in" in result.out
    assert "compinit" in (tmp_path / "home" / ".zshrc").read_text()
