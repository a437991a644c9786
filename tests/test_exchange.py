"""Export and import: a week logged through the CLI goes out to CSV, Excel, JSON,
Markdown and a calendar, and comes back in from CSV or Excel, all or nothing."""

import json
import os
import re
import stat

import pytest
from conftest import ok, refused, snapshot, stored


@pytest.fixture
def week():
    """A week logged through the CLI, with text that trips up files: commas,
    quotes, line breaks, pipes, a formula, Rich markup, Chinese."""
    ok("customer", "add", "张总", "--company", "华东电子", "--class", "A", "--alias", "老张", "--tag", "制造业")
    ok("visit", "add", "王总", "-k", "微信", "-a", "3500.50", "--at", "周一 10:00", "-t", "vip", "-t", "演示")
    ok("visit", "add", "李经理", "--at", "昨天下午3点", "--minutes", "45", "-o", "=1+1", "--feedback", 'a "b"\nc')
    ok("visit", "add", "张总", "-k", "call", "-a", "1.2w", "-o", "报价已发, 含税", "--needs", "要含安装|快")
    ok("visit", "add", "张总", "--next", "周五回访", "--next-date", "fri", "--feedback", "[red]x[/red] `rm`")
    ok("task", "add", "给张总发报价", "--due", "周五", "--customer", "张总", "-i", "-u")
    ok("goal", "set", "revenue", "50万")


def export_bytes(tmp_path, *args: str, name: str = "out.csv", **kwargs) -> bytes:
    """`salelog export ARGS -o tmp_path/name` -> the file's bytes."""
    target = tmp_path / name
    ok("export", *args, "-o", str(target), **kwargs)
    return target.read_bytes()


def test_csv_export_imports_into_a_fresh_database_and_exports_the_same_bytes(tmp_path, week):
    first = export_bytes(tmp_path, "entries", name="first.csv")
    fresh = str(tmp_path / "fresh.db")
    ok("import", "entries", str(tmp_path / "first.csv"), env={"SALELOG_DB": fresh})
    second = export_bytes(tmp_path, "entries", name="second.csv")  # from the first database: unchanged
    again = tmp_path / "again.csv"
    ok("export", "entries", "-o", str(again), env={"SALELOG_DB": fresh})
    assert again.read_bytes() == first == second
    customers = export_bytes(tmp_path, "customers", name="customers.csv")
    ok("import", "customers", str(tmp_path / "customers.csv"), env={"SALELOG_DB": str(tmp_path / "c.db")})
    ok("export", "customers", "-o", str(tmp_path / "customers2.csv"), env={"SALELOG_DB": str(tmp_path / "c.db")})
    assert (tmp_path / "customers2.csv").read_bytes() == customers


def test_csv_opens_as_utf8_with_a_bom_by_default_and_as_gb18030_on_request(tmp_path, week):
    default = export_bytes(tmp_path, "entries")
    assert default.startswith(b"\xef\xbb\xbfcustomer,at,kind,amount")  # the BOM Excel and WPS look for
    assert "报价已发, 含税" in default.decode("utf-8-sig")
    gb = export_bytes(tmp_path, "entries", "--encoding", "gb18030", name="gb.csv")
    assert not gb.startswith(b"\xef\xbb\xbf")
    assert gb.decode("gb18030") == default.decode("utf-8-sig")
    stdout = ok("export", "entries").out  # without -o: the same text (run() reads it with universal newlines)
    assert stdout == default.decode("utf-8").replace("\r\n", "\n")


def test_xlsx_has_a_header_row_and_typed_cells(tmp_path, week):
    from datetime import datetime

    from openpyxl import load_workbook

    export_bytes(tmp_path, "entries", name="week.xlsx")
    sheet = load_workbook(tmp_path / "week.xlsx").active
    rows = list(sheet.iter_rows(values_only=True))
    header = rows[0]
    assert header[:4] == ("customer", "at", "kind", "amount")
    by_customer = {row[0]: dict(zip(header, row, strict=True)) for row in rows[1:]}
    assert by_customer["王总"]["at"] == datetime(2026, 11, 23, 10, 0)
    assert by_customer["王总"]["amount"] == 3500.5 and by_customer["王总"]["tags"] == "vip, 演示"
    assert by_customer["李经理"]["minutes"] == 45 and by_customer["李经理"]["amount"] is None
    assert sheet.cell(row=3, column=5).data_type == "s"  # "=1+1" is text, not a formula Excel would run
    assert by_customer["李经理"]["outcome"] == "'=1+1"  # guarded as in CSV; import takes the ' off again
    with_date = next(row for row in rows[1:] if row[header.index("next_date")])
    assert isinstance(with_date[header.index("next_date")], datetime)  # a date cell, shown as yyyy-mm-dd


def test_xlsx_export_imports_back_as_the_same_log(tmp_path, week):
    csv_before = export_bytes(tmp_path, "entries", name="before.csv")
    export_bytes(tmp_path, "entries", name="week.xlsx")
    fresh = {"SALELOG_DB": str(tmp_path / "fresh.db")}
    ok("import", "entries", str(tmp_path / "week.xlsx"), env=fresh)
    ok("export", "entries", "-o", str(tmp_path / "after.csv"), env=fresh)
    assert (tmp_path / "after.csv").read_bytes() == csv_before


def test_ics_has_all_day_events_with_uids_that_stay_the_same_across_exports(tmp_path, week):
    from datetime import date

    import icalendar

    first = icalendar.Calendar.from_ical(export_bytes(tmp_path, "followups", name="f.ics"))
    events = list(first.walk("VEVENT"))
    assert [str(e["UID"]) for e in events] == ["followup-1@salelog"]
    assert events[0].decoded("DTSTART") == date(2026, 11, 27)  # all day: a date, not a time
    assert events[0].decoded("DTEND") == date(2026, 11, 28)
    assert str(events[0]["SUMMARY"]) == "张总: 周五回访"
    ok("visit", "add", "李经理", "--next", "寄样品", "--next-date", "下周一")
    second = icalendar.Calendar.from_ical(export_bytes(tmp_path, "followups", name="f2.ics", now="2026-11-26T09:00"))
    assert {str(e["UID"]) for e in second.walk("VEVENT")} == {"followup-1@salelog", "followup-2@salelog"}
    tasks = icalendar.Calendar.from_ical(export_bytes(tmp_path, "tasks", name="t.ics"))
    assert [str(e["UID"]) for e in tasks.walk("VEVENT")] == ["task-1@salelog"]


def test_markdown_escapes_pipes_backticks_and_line_breaks_and_leaves_markup_literal(week):
    table = ok("export", "entries", "--format", "md").out
    lines = table.splitlines()
    assert lines[0].startswith("| customer | at | kind | amount |") and lines[1].startswith("| --- |")
    assert len(lines) == 2 + 4  # a line break in a note does not start a new row
    assert "要含安装\\|快" in table and "\\`rm\\`" in table
    assert "\\[red\\]x\\[/red\\]" in table  # rendered as typed, never read as markup (nor a link)
    assert 'a "b"<br>c' in table
    cells = {len(re.split(r"(?<!\\)\|", line)) for line in lines}
    assert cells == {14 + 2}  # every row has the header's 14 cells (and the outer pipes)


def test_json_and_jsonl_have_the_fields_of_visit_list_json(week):
    listed = {e["id"]: e for e in json.loads(ok("visit", "list", "--json").out)}
    exported = json.loads(ok("export", "entries", "--format", "json").out)
    assert [e["id"] for e in exported] == sorted(listed)  # oldest first
    assert all(e == listed[e["id"]] for e in exported)
    lines = ok("export", "entries", "--format", "jsonl").out.splitlines()
    assert [json.loads(line) for line in lines] == exported


def test_a_file_with_one_bad_row_writes_nothing_and_names_the_row_and_column(tmp_path, db, week):
    bad = tmp_path / "bad.csv"
    bad.write_text("customer,at,amount\n赵总,2026-11-20 10:00,1.2万\n钱总,2026-11-21,一点钱\n", encoding="utf-8")
    before = snapshot(db)
    result = refused("import", "entries", str(bad))
    assert "row 3, column amount" in result.err and "一点钱" in result.err
    assert "nothing was imported" in result.err
    assert snapshot(db) == before
    bad.write_text("客户,日期\n赵总,2026-11-20\n,2026-11-21\n", encoding="utf-8")
    assert "row 3, column 客户: empty" in refused("import", "entries", str(bad)).err
    assert snapshot(db) == before


@pytest.mark.new_file
def test_dry_run_shows_each_row_and_writes_nothing(tmp_path, db, week):
    export_bytes(tmp_path, "entries", name="week.csv")
    before = snapshot(db)
    seen = ok("import", "entries", str(tmp_path / "week.csv"), "--dry-run").out
    assert "row 2: skip, already logged as #1 (王总)" in seen and "would import 0 entries" in seen
    assert snapshot(db) == before
    missing = tmp_path / "none.db"
    seen = ok("import", "entries", str(tmp_path / "week.csv"), "--dry-run", env={"SALELOG_DB": str(missing)}).out
    assert "row 2: add message with 王总 (new customer) at 2026-11-23 10:00 · 3,500.50" in seen
    assert "would import 4 entries" in seen and "nothing written" in seen
    assert not missing.exists()


def test_importing_the_same_file_twice_adds_nothing(tmp_path, db):
    visits = tmp_path / "visits.csv"
    visits.write_text("customer,at,kind,amount,outcome\n张总,2026-11-20 10:00,call,1.2万,报价\n", encoding="utf-8")
    assert "imported 1 entry" in ok("import", "entries", str(visits)).out
    assert "imported 0 entries" in ok("import", "entries", str(visits)).out
    assert stored(db, "SELECT count(*) FROM entries") == [(1,)]
    people = tmp_path / "people.csv"
    people.write_text("name,class\n张总,A\n李经理,B\n", encoding="utf-8")
    assert "imported 1 customer" in ok("import", "customers", str(people)).out  # 张总 came with the entry
    assert "skipped 2 already there" in ok("import", "customers", str(people)).out
    assert stored(db, "SELECT count(*) FROM customers") == [(2,)]
    assert "undone: import customers" in ok("undo").out  # a re-import that added nothing left nothing to undo


def test_chinese_headers_map_and_a_gb18030_file_is_read(tmp_path, db):
    visits = tmp_path / "拜访.csv"
    visits.write_bytes(
        "客户,日期,时间,类型,金额,备注,需求,下一步,下次日期,时长,标签\n"
        "张总,2026-11-20,下午3点,电话,1.2万,报价已发,要安装,回访,2026-11-27,半小时,vip、制造业\n".encode("gb18030")
    )
    ok("import", "entries", str(visits))
    (entry,) = json.loads(ok("visit", "list", "--json").out)
    assert entry | {"id": 1} == {
        "id": 1,
        "customer": "张总",
        "kind": "call",
        "amount": 12000,
        "outcome": "报价已发",
        "needs": "要安装",
        "feedback": None,
        "next": "回访",
        "next_date": "2026-11-27",
        "at": "2026-11-20 15:00:00",
        "minutes": 30,
        "tags": ["vip", "制造业"],
        "competitors": [],
        "complaint": None,
        "satisfaction": None,
        "deal": None,
        "cancelled": 0,
        "cancellations": [],
    }
    assert json.loads(ok("followups", "--json").out)[0]["what"] == "回访"  # as visit add --next would
    people = tmp_path / "客户.csv"
    people.write_text(
        "姓名,公司,等级,电话,微信,备注,标签\n李经理,华东电子,b,139,li_hd,喜欢喝茶,渠道\n", encoding="utf-8-sig"
    )
    ok("import", "customers", str(people))
    card = json.loads(ok("customer", "show", "李经理", "--json").out)
    assert (card["company"], card["class"], card["wechat"], card["note"], card["tags"]) == (
        "华东电子",
        "B",
        "li_hd",
        "喜欢喝茶",
        ["渠道"],
    )


def test_export_files_are_owner_only_even_over_an_existing_file(tmp_path, week):
    for name in ("week.csv", "week.xlsx", "week.json", "week.md"):
        target = tmp_path / name
        target.write_text("old")
        target.chmod(0o644)
        ok("export", "entries", "-o", str(target))
        assert stat.S_IMODE(target.stat().st_mode) == 0o600, name
    assert sorted(p.name for p in tmp_path.iterdir() if p.name.endswith(".tmp")) == []


def test_since_and_until_select_the_days_given(week):
    rows = json.loads(ok("export", "entries", "-f", "json", "--since", "2026-11-24", "--until", "2026-11-24").out)
    assert [r["customer"] for r in rows] == ["李经理"]


@pytest.mark.parametrize(
    "args, says",
    [
        (("export", "orders"), 'unknown table "orders"'),
        (("export", "entries", "--format", "pdf"), 'unknown format "pdf"'),
        (("export", "entries", "--format", "xlsx"), "give -o FILE"),
        (("export", "entries", "--format", "ics"), "no dates for a calendar"),
        (("export", "entries", "--encoding", "latin-1"), 'unknown encoding "latin-1"'),
        (("export", "entries", "-o", "{tmp}/missing/out.csv"), "does not exist"),
        (("import", "goals", "{tmp}/x.csv"), "cannot import goals"),
        (("import", "entries", "{tmp}/empty.csv"), "is empty"),
        (("import", "entries", "{tmp}/header.csv"), "has a header but no rows"),
        (("import", "entries", "{tmp}/latin1.csv"), "is not UTF-8 or GB18030 text"),
        (("import", "entries", "{tmp}/odd.csv"), 'unknown column "amout"'),
        (("import", "entries", "{tmp}/nothing-here.csv"), "no file"),
    ],
)
def test_what_cannot_be_done_is_refused_in_one_line_and_nothing_is_written(tmp_path, db, args, says):
    ok("visit", "add", "张总", "-a", "1万")
    (tmp_path / "empty.csv").write_bytes(b"")
    (tmp_path / "header.csv").write_text("customer,at\n")
    (tmp_path / "latin1.csv").write_bytes(b"customer,at\n\xff\xe9t\xe9,2026-11-20\n")
    (tmp_path / "odd.csv").write_text("customer,at,amout\n张总,2026-11-20,1\n")
    before, files = snapshot(db), sorted(p.name for p in tmp_path.iterdir())
    result = refused(*(a.replace("{tmp}", str(tmp_path)) for a in args))
    assert says in result.err
    assert snapshot(db) == before
    assert sorted(p.name for p in tmp_path.iterdir()) == files
    assert result.out == ""


def test_import_is_one_command_for_undo(tmp_path, db):
    visits = tmp_path / "visits.csv"
    visits.write_text("customer,at\n张总,2026-11-20 10:00\n李经理,2026-11-21 11:00\n", encoding="utf-8")
    ok("import", "entries", str(visits))
    assert "undone: import entries visits.csv (2 added)" in ok("undo").out
    assert stored(db, "SELECT count(*) FROM entries") == stored(db, "SELECT count(*) FROM customers") == [(0,)]


def test_a_new_customer_close_to_a_known_one_is_refused_as_visit_add_refuses_it_unless_new(tmp_path, db):
    ok("customer", "add", "张总")
    visits = tmp_path / "visits.csv"
    visits.write_text("customer,at\n张总总,2026-11-20 10:00\n", encoding="utf-8")
    before = snapshot(db)
    assert "did you mean 张总?" in refused("import", "entries", str(visits)).err
    assert snapshot(db) == before
    assert "1 new customer: 张总总" in ok("import", "entries", str(visits), "--new").out


def test_export_files_do_not_leak_through_the_umask(tmp_path, week):
    old = os.umask(0)  # the most permissive umask: the file must still be 0600
    try:
        export_bytes(tmp_path, "customers", name="c.csv")
    finally:
        os.umask(old)
    assert stat.S_IMODE((tmp_path / "c.csv").stat().st_mode) == 0o600


def test_identical_rows_in_one_file_are_real_contacts_and_a_reimport_adds_nothing(tmp_path, db):
    visits = tmp_path / "calls.csv"
    visits.write_text(
        "客户,日期,类型,需求,竞争对手\n"
        "王总,2026-11-20,电话,要安装,华为\n"
        "王总,2026-11-20,电话,要培训,中兴\n"  # the same day, another call: not the row above
        "王总,2026-11-20,电话,要安装,华为\n"  # the very same content again: a second call
        "王总,2026-11-21,电话,,\n",
        encoding="utf-8",
    )
    assert "imported 4 entries" in ok("import", "entries", str(visits), "--new").out
    assert stored(db, "SELECT count(*) FROM entries") == [(4,)]
    again = ok("import", "entries", str(visits))
    assert "skipped 4 already there" in again.out and stored(db, "SELECT count(*) FROM entries") == [(4,)]


def test_an_export_restores_every_entry_into_a_fresh_logbook(tmp_path, db):
    for needs in ("要安装", "要培训", "要安装"):
        ok("visit", "add", "张总", "-k", "call", "--needs", needs, "--at", "2026-11-20 10:00")
    ok("visit", "add", "张总", "-k", "call", "--needs", "要安装", "--at", "2026-11-20 10:00", "--tag", "vip")
    out = tmp_path / "all.csv"
    ok("export", "entries", "-o", str(out))
    fresh = tmp_path / "fresh.db"
    ok("--db", str(fresh), "import", "entries", str(out))
    assert stored(fresh, "SELECT count(*) FROM entries") == [(4,)]
    assert "skipped 4 already there" in ok("import", "entries", str(out)).out  # into the original: nothing new


def test_every_table_exports_to_a_file_and_says_how_many_rows(tmp_path):
    """export TABLE -o FILE for each table export knows, in both languages (`export contracts -o`
    once failed with exit 70: its rows had no noun to be counted with)."""
    from salelog.exchange import TABLES

    ok("customer", "add", "张总")
    ok("contract", "add", "张总", "--ends", "2027-03-31")
    for table in TABLES:
        for lang in ("en", "zh"):
            out = tmp_path / f"{table}-{lang}.csv"
            done = ok("--lang", lang, "export", table, "-o", str(out))
            assert out.exists() and str(out) in done.out + done.err, (table, lang, done)
            if table == "contracts" and lang == "en":
                assert "1 contract" in done.out + done.err


def test_an_xlsx_formula_with_no_saved_value_is_refused_not_imported_as_empty(tmp_path, db):
    from datetime import datetime

    from openpyxl import Workbook

    book = Workbook()
    book.active.append(["customer", "at", "kind", "amount"])
    book.active.append(["张总", datetime(2026, 11, 20, 15), "visit", 5000])
    book.active.append(["李经理", datetime(2026, 11, 20, 16), "visit", "=1+1"])  # never computed by Excel
    book.save(tmp_path / "entries.xlsx")
    ok("visit", "add", "王总")
    before = snapshot(db)
    refusal = refused("import", "entries", str(tmp_path / "entries.xlsx"), "--new").err
    assert refusal.startswith("error: row 3, cell D3: the formula =1+1 has no value saved in the file")
    assert snapshot(db) == before


def test_customers_imported_after_their_entries_fill_the_bare_cards_and_replace_nothing(tmp_path, db):
    ok("customer", "add", "陈总", "--class", "A", "--company", "南方科技", "--source", "展会", "--tag", "vip")
    ok("customer", "add", "王总", "--company", "北方重工")
    ok("visit", "add", "陈总", "-a", "1万")
    ok("visit", "add", "王总")
    ok("export", "entries", "-o", str(tmp_path / "e.csv"))
    ok("export", "customers", "-o", str(tmp_path / "c.csv"))
    other = tmp_path / "other.db"
    ok("--db", str(other), "import", "entries", str(tmp_path / "e.csv"), "--new")  # makes the customers, bare
    ok("--db", str(other), "customer", "edit", "王总", "--company", "北方重工集团")  # already said: kept
    result = ok("--db", str(other), "import", "customers", str(tmp_path / "c.csv"))
    assert "filled the empty fields of 1 already there; skipped 1 already there" in result.out  # 王总: nothing empty
    assert "fill 陈总's empty company, class, source, tags" in result.out
    cards = stored(other, 'SELECT name, company, "class", source FROM customers ORDER BY name')
    assert cards == [("王总", "北方重工集团", None, None), ("陈总", "南方科技", "A", "展会")]
    assert stored(other, "SELECT tag FROM customer_tags") == [("vip",)]
    assert "skipped 2 already there" in ok("--db", str(other), "import", "customers", str(tmp_path / "c.csv")).out


def test_entries_take_the_dates_spreadsheets_write_as_deals_do(tmp_path, db):
    (tmp_path / "us.csv").write_text(
        "customer,at,kind\n张总,46346.625,visit\n李总,11/20/2026 9:05,call\n王总,2026-11-19 10:00,call\n",
        encoding="utf-8",
    )
    ok("import", "entries", str(tmp_path / "us.csv"), "--new")
    assert stored(db, "SELECT c.name, e.at FROM entries e JOIN customers c ON c.id = e.customer_id ORDER BY e.at") == [
        ("王总", "2026-11-19 10:00:00"),
        ("李总", "2026-11-20 09:05:00"),  # month first
        ("张总", "2026-11-20 15:00:00"),  # Excel's serial, with its time of day
    ]
    (tmp_path / "bad.csv").write_text("customer,at\n张总,2/30/2026\n", encoding="utf-8")
    assert "row 2" in refused("import", "entries", str(tmp_path / "bad.csv")).err


def test_an_xlsx_excel_calculated_reads_a_formula_s_blank_result_as_empty(tmp_path, db):
    import zipfile
    from datetime import datetime

    from openpyxl import Workbook

    book = Workbook()
    book.active.append(["customer", "at", "kind", "amount", "outcome"])
    book.active.append(["张总", datetime(2026, 11, 20, 15), "visit", "=2*2500", '=IF(1=1,"","x")'])
    book.save(tmp_path / "calc.xlsx")
    # Saved as Excel saves a calculated sheet: each formula with its last value, the blank one empty.
    with zipfile.ZipFile(tmp_path / "calc.xlsx") as z:
        parts = {name: z.read(name) for name in z.namelist()}
    sheet = parts["xl/worksheets/sheet1.xml"].decode()
    parts["xl/worksheets/sheet1.xml"] = sheet.replace("<f>2*2500</f><v />", "<f>2*2500</f><v>5000</v>").encode()
    with zipfile.ZipFile(tmp_path / "calc.xlsx", "w") as z:
        for name, data in parts.items():
            z.writestr(name, data)
    ok("import", "entries", str(tmp_path / "calc.xlsx"), "--new")
    assert stored(db, "SELECT amount_fen, outcome FROM entries") == [(500000, None)]
