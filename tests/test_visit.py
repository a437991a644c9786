"""Logging a contact in one line, and reading the log back."""

import json
import sqlite3
from contextlib import closing

from conftest import ok, refused, stored


def test_visit_add_stores_every_field_and_confirms_in_one_line(db):
    result = ok(
        "visit",
        "add",
        "张总",
        "--kind",
        "call",
        "--amount",
        "1.2w",
        "--outcome",
        "报价已发",
        "--needs",
        "要含安装",
        "--feedback",
        "竞品便宜10%",
        "--next",
        "周五回访",
        "--next-date",
        "fri",
        "--minutes",
        "25",
        "--tag",
        "vip",
    )
    assert result.out.count("\n") == 1
    assert result.out.startswith("logged #1: call with 张总 (new customer)")
    assert "1.2万" in result.out and "周五回访 2026-11-27" in result.out
    assert stored(
        db, "SELECT kind, amount_fen, outcome, needs, feedback, next_step, next_date, at, minutes FROM entries"
    ) == [
        ("call", 1_200_000, "报价已发", "要含安装", "竞品便宜10%", "周五回访", "2026-11-27", "2026-11-25 18:00:00", 25)
    ]
    assert stored(db, "SELECT tag FROM entry_tags") == [("vip",)]


def test_known_customer_is_not_created_again(db):
    ok("visit", "add", "张总")
    assert "new customer" not in ok("visit", "add", "张总", "-k", "email").out
    assert stored(db, "SELECT name FROM customers") == [("张总",)]


def test_default_kind_is_visit_and_chinese_kinds_are_accepted(db):
    ok("visit", "add", "张总")
    for word in ("拜访", "电话", "邮件", "会议", "微信"):
        ok("visit", "add", "张总", "-k", word)
    kinds = [k for (k,) in stored(db, "SELECT kind FROM entries ORDER BY id")]
    assert kinds == ["visit", "visit", "call", "email", "meeting", "message"]


def test_at_reads_chinese_relative_times(db):
    ok("visit", "add", "李经理", "--at", "昨天下午3点")
    assert stored(db, "SELECT at FROM entries") == [("2026-11-24 15:00:00",)]


def test_visit_list_filters_and_prints_json_with_option_names():
    ok("visit", "add", "张总", "-k", "call", "-a", "3500", "--at", "2026-11-23 10:00", "--next", "回访")
    ok("visit", "add", "李经理", "--at", "2026-11-24 10:00", "-t", "demos")
    ok("visit", "add", "张总", "-k", "email", "--at", "2026-11-25 10:00")
    rows = json.loads(ok("visit", "list", "--json").out)
    assert [r["id"] for r in rows] == [3, 2, 1]
    assert rows[2] == {
        "id": 1,
        "customer": "张总",
        "kind": "call",
        "amount": 3500,
        "outcome": None,
        "needs": None,
        "feedback": None,
        "next": "回访",
        "next_date": None,
        "at": "2026-11-23 10:00:00",
        "minutes": None,
        "tags": [],
        "competitors": [],
        "complaint": None,
        "satisfaction": None,
        "deal": None,
        "cancelled": 0,
        "cancellations": [],
    }
    assert rows[1]["tags"] == ["demos"]
    assert [r["id"] for r in json.loads(ok("visit", "list", "--customer", "张总", "--json").out)] == [3, 1]
    assert [r["id"] for r in json.loads(ok("visit", "list", "--kind", "电话", "--json").out)] == [1]
    since = json.loads(ok("visit", "list", "--since", "2026-11-24", "--until", "2026-11-24", "--json").out)
    assert [r["id"] for r in since] == [2]


def test_visit_list_table_shows_entries():
    ok("visit", "add", "张总", "-k", "call", "-a", "12.5万", "-o", "报价已发")
    out = ok("visit", "list").out
    assert "张总" in out and "12.5万" in out and "报价已发" in out


def test_chinese_names_align_in_tables():
    from rich.cells import cell_len

    for name in ("张总", "Mr. Smith", "欧阳明月总经理"):
        ok("visit", "add", name, "-k", "call", "-o", "好")
    lines = [line for line in ok("visit", "list").out.splitlines() if "call" in line]
    assert len(lines) == 3
    kind_columns = {cell_len(line[: line.index("call")]) for line in lines}
    assert len(kind_columns) == 1, lines


def test_piped_output_does_not_cut_chinese_text():
    note = "客户希望在年底前完成整条生产线的改造并要求我们提供三年的免费维保服务以及现场培训" * 2
    ok("visit", "add", "张总", "-o", note)
    out = ok("visit", "list").out
    assert "…" not in out
    assert "".join(out.split()).count("三年的免费维保服务") == 2


def test_markup_and_escape_sequences_in_user_text_print_literally(db):
    ok("visit", "add", "[red]张总[/red]", "-o", "清屏")
    with closing(sqlite3.connect(db)) as conn, conn:  # an escape that an older salelog let in
        conn.execute("UPDATE entries SET outcome = ?", ("\x1b[2J清屏",))
    out = ok("visit", "list").out
    assert "[red]张总[/red]" in out
    assert "\x1b[2J" not in out and "\\x1b[2J清屏" in out


def test_a_since_after_until_is_refused_rather_than_matching_nothing(db):
    ok("visit", "add", "张总", "--at", "2026-11-24 10:00")
    result = refused("visit", "list", "--since", "2026-11-25", "--until", "2026-11-20")
    assert "--since 2026-11-25 is after --until 2026-11-20" in result.err
    assert "swap them: --since 2026-11-20 --until 2026-11-25" in result.err
    assert "张总" in ok("visit", "list", "--since", "2026-11-20", "--until", "2026-11-25").out
