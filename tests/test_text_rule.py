"""One text rule: what may come in (options, prompts, imported cells) is checked
once; whatever is stored, even by an older salelog, goes out to the terminal,
CSV, Excel, Markdown, a calendar or JSON escaped, never raw and never a crash."""

import json
import sqlite3
from contextlib import closing

import pytest
from conftest import ok, run, snapshot, stored

OSC_LINK = "\x1b]8;;http://x\x07hi"  # an OSC 8 hyperlink: invisible text that acts on the terminal
HOSTILE = {
    "ESC": "\x1b[2J",
    "OSC 8 link": OSC_LINK,
    "bell": "\x07",
    "carriage return": "报价\r已发",
    "backspace": "a\x08b",
    "DEL": "a\x7fb",
    "C1 CSI": "\x9b2J",
    "RTL override": "invoice\u202egnp.exe",
    "LTR isolate": "a\u2066b",
    "pop directional isolate": "a\u2069b",
}
RAW = "\x1b\x07\r\x08\x7f\x9b\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069"


def refused_in_one_line(result, mentions: str) -> None:
    assert result.code == 1, (result.code, result.out, result.err)
    lines = result.err.rstrip("\n").split("\n")
    assert lines[0].startswith("error: ") and mentions in lines[0], result.err
    assert len(lines) == 2 and lines[1].startswith("  "), result.err  # the message, and how to fix it
    assert not any(c in result.err for c in RAW), repr(result.err)  # the error shows the character escaped
    assert "Traceback" not in result.err and result.out == ""


@pytest.mark.parametrize("option", ["--outcome", "--needs", "--feedback", "--next"])
@pytest.mark.new_file
def test_an_osc_link_in_free_text_is_refused_in_one_line_and_nothing_is_written(db, option):
    refused_in_one_line(run("visit", "add", "张总", option, OSC_LINK), f"{option} contains control characters")
    assert not db.exists()


FREE_TEXT_COMMANDS = [
    ("visit", "add", "张总", "--outcome"),
    ("visit", "edit", "1", "--needs"),
    ("customer", "edit", "张总", "--note"),
    ("task", "drop", "1", "--why"),
    ("review", "check", "1", "done", "--note"),
]


@pytest.mark.parametrize("what", HOSTILE)
def test_control_and_bidi_characters_are_refused_in_every_free_text_field(db, what):
    ok("visit", "add", "张总")
    ok("task", "add", "回访", "--due", "fri")
    before = snapshot(db)
    for command in FREE_TEXT_COMMANDS:
        refused_in_one_line(run(*command, HOSTILE[what]), f"{command[-1]} contains control characters")
    assert snapshot(db) == before


@pytest.mark.parametrize("what", ["RTL override", "LTR isolate", "pop directional isolate"])
@pytest.mark.new_file
def test_bidi_controls_are_refused_in_names_and_tags(db, what):
    refused_in_one_line(run("visit", "add", HOSTILE[what], "--new"), "customer name contains control characters")
    refused_in_one_line(run("visit", "add", "张总", "--tag", HOSTILE[what]), "--tag contains control characters")
    assert not db.exists()


def test_review_text_is_refused_when_it_holds_an_escape(db):
    ok("visit", "add", "张总")
    before = snapshot(db)
    refused_in_one_line(run("review", "write", "--went-well", OSC_LINK), "--went-well contains control characters")
    assert snapshot(db) == before


def test_the_refusal_is_in_chinese_with_lang_zh(db):
    result = run("--lang", "zh", "visit", "add", "张总", "--outcome", "a\u202eb")
    assert result.code == 1
    assert result.err.splitlines() == [
        "error: --outcome 含有控制字符（\\u202e）",
        "  请输入纯文本；换行和制表符可以保留",
    ]


def test_printable_unicode_line_breaks_and_tabs_are_kept_exactly(db):
    text = "报价已发 ✓\n  第二行\t含税 👨\u200d👩\u200d👧 🇨🇳 e\u0301 \u200f"  # ZWJ family, flag, combining accent, RLM
    ok("visit", "add", "张总", "--outcome", text, "--tag", "演示😀")
    assert stored(db, "SELECT outcome FROM entries") == [(text,)]
    assert stored(db, "SELECT tag FROM entry_tags") == [("演示😀",)]


def test_windows_line_endings_in_free_text_are_stored_as_line_breaks(db):
    ok("visit", "add", "张总", "--outcome", "第一行\r\n第二行")
    assert stored(db, "SELECT outcome FROM entries") == [("第一行\n第二行",)]


def test_an_imported_cell_with_an_escape_is_refused_naming_its_row_and_column(tmp_path, db):
    ok("visit", "add", "张总")
    before = snapshot(db)
    visits = tmp_path / "visits.csv"
    visits.write_text(f"customer,at,outcome\n张总,2026-11-20 10:00,ok\n张总,2026-11-21 10:00,{OSC_LINK}\n")
    refused_in_one_line(run("import", "entries", str(visits)), "row 3, column outcome: outcome contains control")
    assert snapshot(db) == before


# --- the formula guard, every cell ---------------------------------------------

FORMULA_TAG = '=HYPERLINK("http://evil")'  # one argument: a comma would split the tag in two on import


def test_a_formula_in_a_tag_is_guarded_in_csv_and_xlsx_and_imports_back_as_typed(tmp_path, db):
    from openpyxl import load_workbook

    ok("visit", "add", "张总", "--tag", FORMULA_TAG, "--outcome", "+1")
    csv = tmp_path / "e.csv"
    xlsx = tmp_path / "e.xlsx"
    ok("export", "entries", "-o", str(csv))
    ok("export", "entries", "-o", str(xlsx))
    assert '"\'=HYPERLINK(""http://evil"")"' in csv.read_text(encoding="utf-8-sig")
    rows = list(load_workbook(xlsx).active.iter_rows(values_only=True))
    record = dict(zip(rows[0], rows[1], strict=True))
    assert record["tags"] == "'" + FORMULA_TAG and record["outcome"] == "'+1"
    for source in (csv, xlsx):
        fresh = tmp_path / f"fresh-{source.suffix[1:]}.db"
        ok("--db", str(fresh), "import", "entries", str(source))
        assert stored(fresh, "SELECT tag FROM entry_tags") == [(FORMULA_TAG,)]
        assert stored(fresh, "SELECT outcome FROM entries") == [("+1",)]


def test_a_formula_in_a_customer_alias_is_guarded_and_imports_back(tmp_path, db):
    from openpyxl import load_workbook

    ok("customer", "add", "张总", "--alias", "@SUM(1)", "--company", "-华东")
    csv = tmp_path / "c.csv"
    xlsx = tmp_path / "c.xlsx"
    ok("export", "customers", "-o", str(csv))
    ok("export", "customers", "-o", str(xlsx))
    assert ",'-华东," in csv.read_text(encoding="utf-8-sig") and ",'@SUM(1)" in csv.read_text(encoding="utf-8-sig")
    rows = list(load_workbook(xlsx).active.iter_rows(values_only=True))
    assert dict(zip(rows[0], rows[1], strict=True))["aliases"] == "'@SUM(1)"
    for source in (csv, xlsx):
        fresh = tmp_path / f"fresh-{source.suffix[1:]}.db"
        ok("--db", str(fresh), "import", "customers", str(source))
        assert stored(fresh, "SELECT alias FROM customer_aliases") == [("@SUM(1)",)]
        assert stored(fresh, "SELECT company FROM customers") == [("-华东",)]


def test_text_that_starts_with_the_guard_itself_round_trips(tmp_path, db):
    ok("visit", "add", "张总", "--outcome", "'=already quoted", "--needs", "'plain")
    csv = tmp_path / "e.csv"
    ok("export", "entries", "-o", str(csv))
    fresh = tmp_path / "fresh.db"
    ok("--db", str(fresh), "import", "entries", str(csv))
    assert stored(fresh, "SELECT outcome, needs FROM entries") == [("'=already quoted", "'plain")]


# --- stored text from an older salelog -------------------------------------------

LEGACY = "旧\x1b]8;;http://x\x07链接\x1b]8;;\x07 \x1b[2J\x9b \u202eevil\x00"


@pytest.fixture
def old_logbook(db):
    """A logbook made by the CLI, whose text an older salelog (that checked less)
    stored with escapes, C1, bidi and NUL characters in it."""
    ok("visit", "add", "张总", "--next", "回访", "--next-date", "fri", "--tag", "vip")
    ok("task", "add", "报价", "--due", "fri", "--customer", "张总")
    with closing(sqlite3.connect(db)) as conn, conn:
        conn.execute("UPDATE entries SET outcome = ?, needs = ?", (LEGACY, "=1+1" + LEGACY))
        conn.execute("UPDATE entry_tags SET tag = ?", ("@" + LEGACY,))
        conn.execute("UPDATE followups SET what = ?", (LEGACY,))
        conn.execute("UPDATE tasks SET title = ?", (LEGACY,))
        conn.execute("UPDATE customers SET note = ?", (LEGACY,))
    return db


def no_raw_controls(text: str) -> bool:
    return not any(c in text for c in RAW + "\x00")


@pytest.mark.parametrize(
    "table, fmt",
    [
        ("entries", "xlsx"),
        ("entries", "csv"),
        ("entries", "md"),
        ("entries", "json"),
        ("entries", "jsonl"),
        ("customers", "xlsx"),
        ("customers", "csv"),
        ("followups", "ics"),
        ("tasks", "ics"),
        ("tasks", "xlsx"),
    ],
)
def test_an_old_logbook_with_escapes_exports_to_every_format_without_error_or_raw_escapes(
    old_logbook, tmp_path, table, fmt
):
    target = tmp_path / f"out.{fmt}"
    result = ok("export", table, "--format", fmt, "-o", str(target))
    assert no_raw_controls(result.err)
    if fmt == "xlsx":
        from openpyxl import load_workbook

        cells = [str(c) for row in load_workbook(target).active.iter_rows(values_only=True) for c in row if c]
        assert any("\\x1b]8;;http://x\\x07" in c for c in cells) and all(no_raw_controls(c) for c in cells)
    else:
        text = target.read_bytes().decode("utf-8-sig").replace("\r\n", "\n")  # CSV and iCalendar lines end in CRLF
        assert no_raw_controls(text), repr(text)
        assert "\\x1b" in text or "\\u001b" in text  # there, spelt out


def test_csv_to_the_terminal_carries_no_raw_escape(old_logbook):
    shown = ok("export", "entries", "--format", "csv").out
    assert no_raw_controls(shown.replace("\r\n", "\n")), repr(shown)
    assert "'=1+1旧\\x1b]8;;http://x\\x07链接" in shown and "'@旧\\x1b" in shown  # guarded, then escaped


def test_json_export_escapes_every_control_yet_decodes_to_the_stored_text(old_logbook):
    for fmt in ("json", "jsonl"):
        shown = ok("export", "entries", "--format", fmt).out
        assert no_raw_controls(shown.replace("\n", "")), repr(shown)
        assert "\\u202e" in shown and "\\u009b" in shown and "旧" in shown  # Chinese kept readable
        records = json.loads(shown) if fmt == "json" else [json.loads(line) for line in shown.splitlines()]
        assert records[0]["outcome"] == LEGACY and records[0]["tags"] == ["@" + LEGACY]


def test_markdown_export_of_old_text_has_no_raw_escape_and_no_live_link(old_logbook, db):
    with closing(sqlite3.connect(db)) as conn, conn:
        conn.execute("UPDATE entries SET feedback = ?", ("[click](http://evil) <b>x</b> *y*",))
    table = ok("export", "entries", "--format", "md").out
    assert no_raw_controls(table)
    assert "\\[click\\](http://evil) &lt;b&gt;x&lt;/b&gt; \\*y\\*" in table


def test_the_close_to_note_of_customer_add_shows_a_stored_bidi_override_escaped(db):
    ok("customer", "add", "王老")
    with closing(sqlite3.connect(db)) as conn, conn:  # a name an older salelog let in
        conn.execute("UPDATE customers SET name = ?", ("王老\u202e板",))
    result = ok("customer", "add", "王老板")
    assert "close to" in result.err
    assert "\u202e" not in result.err and "王老\\u202e板" in result.err


def test_characters_no_one_sees_are_dropped_from_names_so_the_name_is_found(db):
    ok("customer", "add", "\ufeff刘总")  # a BOM pasted from a spreadsheet
    assert "call with 刘总" in ok("visit", "add", "刘总", "-k", "call").out
    ok("visit", "add", "张\u200b总", "--new", "--tag", "vip\u2060")
    ok("visit", "add", "王\u00a0总", "--new")  # a no-break space is a space
    assert stored(db, "SELECT name FROM customers ORDER BY id") == [("刘总",), ("张总",), ("王 总",)]
    assert stored(db, "SELECT tag FROM entry_tags") == [("vip",)]
