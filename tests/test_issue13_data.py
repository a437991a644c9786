"""Issue 13, data items: imports keyed on the row's identity, merges that keep
the card, slipped tasks that stay slipped, custom-metric tags checked, xlsx
files that cannot be read, customer rm that asks, private xlsx temporaries."""

import json
import os

import pytest
from conftest import ok, refused, snapshot, stored

# --- 1. import keys on the row's identity --------------------------------------


def test_rows_with_their_own_ids_are_each_imported_once(tmp_path, db):
    calls = tmp_path / "crm.csv"
    calls.write_text(
        "id,customer,date,kind\n"
        "A-1,王总,2026-11-20,call\n"
        "A-2,王总,2026-11-20,call\n",  # the same content, another call: its own id says so
        encoding="utf-8",
    )
    assert "imported 2 entries" in ok("import", "entries", str(calls), "--new").out
    assert stored(db, "SELECT source_id FROM entries ORDER BY id") == [("A-1",), ("A-2",)]
    again = ok("import", "entries", str(calls))
    assert "imported 0 entries" in again.out and "skipped 2 already there" in again.out
    assert stored(db, "SELECT count(*) FROM entries") == [(2,)]


def test_a_row_whose_id_was_imported_is_skipped_even_when_edited_since(tmp_path, db):
    first = tmp_path / "first.csv"
    first.write_text("编号,客户,日期,类型,金额\n7,王总,2026-11-20,电话,500\n", encoding="utf-8")
    ok("import", "entries", str(first), "--new")
    later = tmp_path / "later.csv"  # the CRM's next export: row 7 corrected, row 8 new
    later.write_text("ID,客户,日期,类型,金额\n7,王总,2026-11-20,电话,600\n8,王总,2026-11-21,电话,\n", encoding="utf-8")
    out = ok("import", "entries", str(later)).out
    assert "imported 1 entry" in out and "skipped 1 already there" in out
    assert stored(db, "SELECT source_id, amount_fen FROM entries ORDER BY id") == [("7", 50000), ("8", None)]


def test_a_file_without_ids_keeps_counting_identical_rows(tmp_path, db):
    calls = tmp_path / "calls.csv"
    calls.write_text("customer,date,kind\n王总,2026-11-20,call\n王总,2026-11-20,call\n", encoding="utf-8")
    assert "imported 2 entries" in ok("import", "entries", str(calls), "--new").out
    assert "skipped 2 already there" in ok("import", "entries", str(calls)).out
    assert stored(db, "SELECT count(*), count(source_id) FROM entries") == [(2, 0)]


def test_undo_takes_back_an_import_with_ids(tmp_path, db):
    calls = tmp_path / "crm.csv"
    calls.write_text("id,customer,date\n1,王总,2026-11-20\n", encoding="utf-8")
    ok("import", "entries", str(calls), "--new")
    ok("undo")
    assert stored(db, "SELECT count(*) FROM entries") == [(0,)]
    assert "imported 1 entry" in ok("import", "entries", str(calls), "--new").out


def test_rows_imported_before_ids_were_kept_are_recognised_by_content_then_by_id(tmp_path, db):
    before_ids = tmp_path / "old.csv"  # as an older salelog imported it: the id column ignored
    before_ids.write_text("customer,date,kind\n王总,2026-11-20,call\n王总,2026-11-20,call\n", encoding="utf-8")
    ok("import", "entries", str(before_ids), "--new")
    crm = tmp_path / "crm.csv"
    crm.write_text("id,customer,date,kind\nA-1,王总,2026-11-20,call\nA-2,王总,2026-11-20,call\n", encoding="utf-8")
    assert "skipped 2 already there" in ok("import", "entries", str(crm)).out
    assert stored(db, "SELECT source_id FROM entries ORDER BY id") == [("A-1",), ("A-2",)]
    corrected = tmp_path / "crm2.csv"  # the CRM's next export: A-2 is an email after all
    corrected.write_text(
        "id,customer,date,kind\nA-1,王总,2026-11-20,call\nA-2,王总,2026-11-20,email\n", encoding="utf-8"
    )
    assert "skipped 2 already there" in ok("import", "entries", str(corrected)).out
    assert stored(db, "SELECT count(*) FROM entries") == [(2,)]


# --- 4. a merge keeps the merged customer's card ---------------------------------


def card(db, name: str) -> dict:
    columns = ("company", "class", "phone", "email", "wechat", "note")
    (row,) = stored(db, 'SELECT company, "class", phone, email, wechat, note FROM customers WHERE name = ?', (name,))
    return dict(zip(columns, row, strict=True))


def test_a_merge_fills_empty_fields_and_keeps_conflicting_ones_in_the_note(db):
    ok("customer", "add", "张总", "--company", "华东电子", "--phone", "138", "--note", "老客户")
    ok("customer", "add", "赵总", "--company", "北方重工", "--class", "A", "--phone", "138", "--email", "z@bf.cn")
    out = ok("customer", "merge", "赵总", "张总").out
    assert card(db, "张总") == {
        "company": "华东电子",
        "class": "A",
        "phone": "138",
        "email": "z@bf.cn",
        "wechat": None,
        "note": "老客户\ncompany (from 赵总): 北方重工",
    }
    assert "  company: kept 华东电子; 北方重工 (from 赵总) added to the note\n" in out
    assert "  class: A (from 赵总)\n" in out and "  email: z@bf.cn (from 赵总)\n" in out
    assert "  phone: the same on both\n" in out


def test_a_merge_keeps_both_notes_and_undo_restores_both_cards(db):
    ok("customer", "add", "张总", "--note", "老客户")
    ok("customer", "add", "赵总", "--company", "北方重工", "--note", "喜欢喝茶")
    before = card(db, "张总"), card(db, "赵总")
    assert "  note: 赵总's note added to it\n" in ok("customer", "merge", "赵总", "张总").out
    assert card(db, "张总")["note"] == "老客户\nnote (from 赵总): 喜欢喝茶"
    assert card(db, "张总")["company"] == "北方重工"
    ok("undo")
    assert (card(db, "张总"), card(db, "赵总")) == before


def test_a_merge_in_chinese_says_what_became_of_each_field(db):
    ok("customer", "add", "张总", "--company", "华东电子")
    ok("customer", "add", "赵总", "--company", "北方重工")
    out = ok("--lang", "zh", "customer", "merge", "赵总", "张总").out
    assert "  公司：保留 华东电子；北方重工（来自 赵总）已记入备注\n" in out
    assert card(db, "张总")["note"] == "公司（来自 赵总）：北方重工"


# --- 5. moving a slipped task keeps its slip -------------------------------------


def tasks_by_id() -> dict:
    return {t["id"]: t for t in json.loads(ok("task", "list", "--all", "--json").out)}


def test_a_slipped_task_moved_to_today_keeps_its_first_due_date_and_its_slip(db):
    ok("task", "add", "给张总发报价", "--due", "2026-11-24", now="2026-11-24T09:00")  # due Tuesday
    out = ok("task", "move", "1", "今天").out  # on Wednesday
    assert out == "task #1 moved to 2026-11-25 (first due 2026-11-24)\n"
    (task,) = tasks_by_id().values()
    assert (task["due"], task["first_due"], task["slipped_days"]) == ("2026-11-25", "2026-11-24", 1)
    assert stored(db, "SELECT due_date, first_due_date FROM tasks") == [("2026-11-25", "2026-11-24")]
    ok("task", "move", "1", "周五")  # moved again: still first due on Tuesday
    assert tasks_by_id()[1]["first_due"] == "2026-11-24"
    assert tasks_by_id()[1]["slipped_days"] == 1
    assert ok("task", "list", "--json", now="2026-11-27T09:00").out.count('"slipped_days": 3') == 1


def test_a_task_never_moved_is_first_due_on_its_day_and_undo_takes_a_move_back(db):
    ok("task", "add", "整理资料", "--due", "2026-11-24", now="2026-11-24T09:00")
    assert (tasks_by_id()[1]["first_due"], tasks_by_id()[1]["slipped_days"]) == ("2026-11-24", 1)
    ok("task", "move", "1", "明天")
    ok("undo")
    assert stored(db, "SELECT due_date, first_due_date FROM tasks") == [("2026-11-24", None)]


def test_the_tasks_export_has_the_first_due_date(tmp_path, db):
    ok("task", "add", "整理资料", "--due", "2026-11-24", now="2026-11-24T09:00")
    ok("task", "move", "1", "周五")
    ok("export", "tasks", "-o", str(tmp_path / "t.json"))
    (task,) = json.loads((tmp_path / "t.json").read_text(encoding="utf-8"))
    assert (task["due"], task["first_due"], task["slipped_days"]) == ("2026-11-27", "2026-11-24", 1)


# --- 8. a tag typed close to a custom metric's name -------------------------------


def test_a_tag_close_to_a_custom_metric_is_refused_and_nothing_is_written(db):
    ok("goal", "set", "demo", "5", "--custom")
    ok("visit", "add", "孙总")
    before = snapshot(db)
    result = refused("visit", "add", "孙总", "-t", "demos")
    assert result.err.splitlines()[0] == 'error: unknown tag "demos"; did you mean demo?'
    assert "--new-tag" in result.err.splitlines()[1]
    assert snapshot(db) == before
    ok("visit", "add", "孙总", "-t", "demo")
    assert json.loads(ok("week", "--json").out)["metrics"][-1]["actual"] == 1


def test_new_tag_insists_on_the_tag_as_typed_on_both_paths(db):
    ok("goal", "set", "demo", "5", "--custom")
    ok("visit", "add", "孙总", "-t", "demos", "--new-tag")  # the fast path
    ok("visit", "add", "孙总", "-t", "demos", "--new-tag", env={"SALELOG_NO_FASTPATH": "1"})  # Typer
    assert stored(db, "SELECT tag FROM entry_tags") == [("demos",), ("demos",)]
    ok("visit", "add", "孙总", "-t", "vip")  # not close to any metric: as before
    assert stored(db, "SELECT count(*) FROM entries") == [(3,)]


def test_visit_edit_checks_tags_too(db):
    ok("goal", "set", "demo", "5", "--custom")
    ok("visit", "add", "孙总")
    before = snapshot(db)
    assert "did you mean demo?" in refused("visit", "edit", "last", "-t", "Demo").err
    assert snapshot(db) == before
    assert "updated #1: tags" in ok("visit", "edit", "last", "-t", "Demo", "--new-tag").out
    assert stored(db, "SELECT tag FROM entry_tags") == [("Demo",)]


def test_a_refused_tag_in_chinese(db):
    ok("goal", "set", "演示", "5", "--custom")
    result = refused("--lang", "zh", "visit", "add", "孙总", "-t", "演示会")
    assert result.err.splitlines()[0] == "error: 没有标签“演示会”；您是不是要找 演示？"


# --- 12. an xlsx with malformed XML inside -----------------------------------------


def damaged_xlsx(path, part: str) -> None:
    """An xlsx written by openpyxl whose `part` (a file inside the zip) is cut in half."""
    import io
    import zipfile

    from openpyxl import Workbook

    workbook = Workbook()
    workbook.active.append(["customer", "at"])
    workbook.active.append(["王总", "2026-11-20 10:00"])
    buffer = io.BytesIO()
    workbook.save(buffer)
    with zipfile.ZipFile(buffer) as source, zipfile.ZipFile(path, "w") as damaged:
        for item in source.infolist():
            data = source.read(item.filename)
            damaged.writestr(item, data[: len(data) // 2] if item.filename == part else data)


@pytest.mark.parametrize("part", ["xl/worksheets/sheet1.xml", "xl/workbook.xml", "xl/styles.xml"])
@pytest.mark.parametrize("table", ["entries", "customers"])
def test_an_xlsx_with_malformed_xml_is_one_line_and_writes_nothing(tmp_path, db, part, table):
    ok("customer", "add", "张总")
    damaged_xlsx(tmp_path / "bad.xlsx", part)
    before = snapshot(db)
    result = refused("import", table, str(tmp_path / "bad.xlsx"), "--new" if table == "entries" else "--dry-run")
    assert "bad.xlsx is not an xlsx workbook we can read (" in result.err.splitlines()[0]
    assert snapshot(db) == before


# --- 19. customer rm asks first ------------------------------------------------------


def test_customer_rm_without_a_terminal_needs_yes_and_deletes_nothing(db):
    ok("customer", "add", "测试客户")
    before = snapshot(db)
    result = refused("customer", "rm", "测试客户", input="y\n", env={"SALELOG_INTERACTIVE": "0"})
    assert result.err.splitlines() == [
        "error: not deleting customer 测试客户 without confirmation",
        "  add --yes to delete it from a script",
    ]
    assert snapshot(db) == before
    assert ok("customer", "rm", "测试客户", "--yes").out == "deleted customer 测试客户\n"
    assert stored(db, "SELECT count(*) FROM customers") == [(0,)]


def test_customer_rm_on_a_terminal_asks_and_no_keeps_the_customer(db):
    ok("visit", "add", "张总")
    terminal = {"SALELOG_INTERACTIVE": "1"}
    before = snapshot(db)
    kept = ok("customer", "rm", "张总", "--with-entries", input="\n", env=terminal)  # Enter: the default, no
    assert "delete customer 张总 and its entry? [y/N]" in kept.out and "kept; nothing was deleted" in kept.out
    assert snapshot(db) == before
    assert (
        "deleted customer 张总 and 1 entry"
        in ok("customer", "rm", "张总", "--with-entries", input="y\n", env=terminal).out
    )
    assert stored(db, "SELECT count(*) FROM customers") == [(0,)]
    ok("undo")
    assert stored(db, "SELECT name FROM customers") == [("张总",)]


def test_customer_rm_refuses_a_customer_with_entries_before_asking(db):
    ok("visit", "add", "张总")
    result = refused("customer", "rm", "张总", env={"SALELOG_INTERACTIVE": "1"}, input="y\n")
    assert "张总 has 1 entry" in result.err and "delete customer" not in result.out


# --- 15. xlsx export keeps its temporary files private ---------------------------------

WATCH_TEMPORARIES = """
import json, os, stat, sys
seen = {}
def hook(event, args):  # just before a file is removed, note where it was and its mode
    if event == "os.remove" and isinstance(args[0], str) and os.path.exists(args[0]):
        seen[args[0]] = [stat.S_IMODE(os.stat(p).st_mode) for p in (args[0], os.path.dirname(args[0]))]
sys.addaudithook(hook)
from salelog.cli import main
try:
    main(sys.argv[1:])
finally:
    with open(os.environ["WATCH_LOG"], "w") as log:
        json.dump(seen, log)
"""


def test_xlsx_export_writes_its_temporaries_beside_the_output_owner_only(tmp_path, db):
    import subprocess
    import sys

    ok("customer", "add", "张总", "--phone", "13800000000")
    system_temp, out = tmp_path / "system-temp", tmp_path / "out"
    system_temp.mkdir()
    out.mkdir()
    log = tmp_path / "removed.json"
    env = dict(os.environ, TMPDIR=str(system_temp), WATCH_LOG=str(log))
    done = subprocess.run(
        [sys.executable, "-c", WATCH_TEMPORARIES, "export", "customers", "-o", str(out / "c.xlsx")],
        env=env,
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert done.returncode == 0, done.stderr
    removed = json.loads(log.read_text())
    sheets = {path: mode for path, mode in removed.items() if os.path.basename(path).startswith("openpyxl.")}
    assert sheets, removed  # openpyxl did write its sheet to a temporary file...
    for path, modes in sheets.items():  # ...in a private folder beside the output, owner-only
        assert os.path.dirname(os.path.dirname(path)) == str(out) and modes == [0o600, 0o700], (path, modes)
    assert os.listdir(out) == ["c.xlsx"] and os.listdir(system_temp) == []


def test_a_moved_task_keeps_its_slip_in_today_plan_and_remind_too():
    """The slip counts from the day the task was first due on every screen, not only task list."""
    ok("task", "add", "发报价", "--due", "2026-11-24")
    ok("task", "move", "1", "今天")
    today = json.loads(ok("today", "--json").out)
    (task,) = [t for t in today["tasks"] if t["id"] == 1]
    assert (task["first_due"], task["slipped_days"]) == ("2026-11-24", 1)
    plan = json.loads(ok("plan", "--json").out)
    planned = [t for d in plan["days"] for t in d["tasks"] if t["id"] == 1]
    assert planned and planned[0]["slipped_days"] == 1
    assert "slipped 1 day" in ok("remind").out
