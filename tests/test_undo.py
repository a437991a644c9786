"""Fixing what was logged: visit edit / rm, and undo of any write command."""

import json

from conftest import ok, run, snapshot, stored
from typer.testing import CliRunner

from salelog.app import build_app


def test_edit_last_changes_only_what_is_given(db):
    ok("visit", "add", "张总", "-k", "call", "-a", "1万", "-o", "报价")
    ok("visit", "edit", "last", "--amount", "1.5w", "--tag", "vip")
    assert stored(db, "SELECT kind, amount_fen, outcome FROM entries") == [("call", 1_500_000, "报价")]
    assert stored(db, "SELECT tag FROM entry_tags") == [("vip",)]
    ok("visit", "edit", "1", "--outcome", "", "--amount", "")
    assert stored(db, "SELECT amount_fen, outcome FROM entries") == [(None, None)]


def test_edit_customer_moves_the_entry_and_its_followup(db):
    ok("visit", "add", "张总", "--next", "回访", "--next-date", "fri")
    ok("customer", "add", "李经理")
    ok("visit", "edit", "last", "--customer", "李经理", "--next-date", "下周一")
    row = json.loads(ok("followups", "--json").out)[0]
    assert (row["customer"], row["due_date"]) == ("李经理", "2026-11-30")


def test_rm_needs_yes_without_a_terminal_and_undo_brings_it_back(db):
    ok("visit", "add", "张总", "-a", "1万", "-t", "x", "--next", "回访")
    before = snapshot(db)
    result = run("visit", "rm", "last", input="")
    assert result.code == 1 and "--yes" in result.err
    assert snapshot(db) == before
    assert "deleted #1" in ok("visit", "rm", "last", "--yes").out
    assert stored(db, "SELECT count(*) FROM entries") == [(0,)]
    assert "undone: visit rm #1" in ok("undo").out
    after = snapshot(db)
    for table in ("entries", "entry_tags", "followups", "customers"):
        assert after[table] == before[table], table


def test_undo_reverts_each_command_in_turn_and_says_what(db):
    ok("goal", "set", "revenue", "50万")
    ok("goal", "set", "revenue", "60万")
    ok("visit", "add", "张总", "-a", "1万")
    assert "undone: visit add #1 (visit with 张总)" in ok("undo").out
    assert stored(db, "SELECT count(*) FROM entries") == [(0,)]
    assert stored(db, "SELECT count(*) FROM customers") == [(0,)]
    assert "undone: goal set revenue 60万" in ok("undo").out
    assert json.loads(ok("goal", "list", "--json").out)[0]["target"] == 500000
    ok("undo")
    result = run("undo")
    assert result.code == 1 and "nothing to undo" in result.err


def test_undo_of_a_merge_puts_every_entry_back(db):
    ok("customer", "add", "张总", "--class", "A", "--alias", "老张")
    ok("visit", "add", "张总")
    ok("visit", "add", "张总总", "--new", "-a", "1万", "--next", "回访", "--next-date", "fri", "-t", "x")
    ok("customer", "edit", "张总总", "--phone", "139", "--tag", "dup")
    before = snapshot(db)
    ok("customer", "merge", "张总总", "张总")
    assert "undone: customer merge" in ok("undo").out
    after = snapshot(db)
    for table in ("customers", "customer_aliases", "customer_tags", "entries", "entry_tags", "followups"):
        assert after[table] == before[table], table


def test_a_failed_command_leaves_nothing_to_undo(db):
    ok("visit", "add", "张总")
    run("visit", "add", "张总总", "-a", "abc")
    ok("undo")
    assert stored(db, "SELECT count(*) FROM entries") == [(0,)]


def test_visit_add_without_customer_asks_each_field_and_prefills_from_last_entry(db, monkeypatch):
    monkeypatch.setenv("SALELOG_INTERACTIVE", "1")
    runner = CliRunner()
    result = runner.invoke(build_app(), ["visit", "add"], input="张总\ncall\n报价已发\n1.2w\n\n\n周五回访\nfri\n\n\n")
    assert result.exit_code == 0, result.output
    result = runner.invoke(build_app(), ["visit", "add"], input="张总" + "\n" * 10)
    assert result.exit_code == 0, result.output
    assert stored(db, "SELECT kind, outcome, amount_fen, next_step, next_date FROM entries ORDER BY id") == [
        ("call", "报价已发", 1_200_000, "周五回访", "2026-11-27"),
        ("call", None, None, "周五回访", None),
    ]


def test_visit_add_without_customer_and_without_terminal_is_an_error_not_a_hang(db):
    result = run("visit", "add", input="", env={"SALELOG_INTERACTIVE": "0"})
    assert result.code == 1 and "missing customer" in result.err
    assert not db.exists() or stored(db, "SELECT count(*) FROM entries") == [(0,)]


def test_a_visit_edit_that_changes_nothing_leaves_undo_to_the_last_real_write(db):
    ok("visit", "add", "张总")
    ok("visit", "add", "李经理", "--new")
    assert "nothing changed" in ok("visit", "edit", "last").out
    assert "visit add" in ok("undo").out  # not "visit edit ... 0 rows reverted"
    assert stored(db, "SELECT count(*) FROM entries") == [(1,)]


def test_visit_add_asks_its_fields_in_the_output_language(db):
    result = ok(
        "visit", "add", "--lang", "zh", input="张总\n电话\n报价已发" + "\n" * 8, env={"SALELOG_INTERACTIVE": "1"}
    )
    assert "客户" in result.out and "类型（拜访/电话/邮件/会议/微信）" in result.out and "customer" not in result.out
    assert stored(db, "SELECT kind, outcome FROM entries") == [("call", "报价已发")]


def test_undo_says_what_it_reverted_in_the_language_it_was_done_in():
    """Issue 13 item 24: a zh user reads no English prose in what undo reverted."""
    ok("--lang", "zh", "visit", "add", "李经理", "--new", "-k", "call")
    ok("--lang", "zh", "goal", "set", "visits", "5")
    assert "（周 2026-W48）" in ok("--lang", "zh", "undo").out
    out = ok("--lang", "zh", "undo").out
    assert "visit add #1（与 李经理 的电话）" in out and " with " not in out
