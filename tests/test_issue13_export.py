"""Issue 13, items 23 and 24 (import's part): an export of any size is read and
written a row at a time, in memory that does not grow with the log, with the
same bytes as before; an import's dry run marks the one row that creates a
customer, and a file of hundreds of new or close names is summarised, not
listed in full."""

import contextlib
import io
import json
import sqlite3
import tracemalloc
from datetime import datetime, timedelta

from conftest import ok, run

from salelog import exchange, fields, store
from salelog.money import exact_yuan
from salelog.store.entry_reads import iter_entries
from salelog.text import json_text

START = datetime(2026, 1, 5, 9, 0)


def log_entries(db, count: int) -> None:
    """`count` entries over 50 customers through the store (the real schema), every
    field used, lists in an order that is not alphabetical, text that files escape."""
    with contextlib.redirect_stderr(io.StringIO()):  # open_db's "created new database" note
        conn = store.open_db(str(db))
    with store.writing(conn):
        ids = [store.create_customer(conn, f"客户{i:02d}", START) for i in range(50)]
        for i in range(count):
            at = START + timedelta(minutes=7 * i)
            entry = {
                "at": at.strftime("%Y-%m-%d %H:%M:%S"),
                "kind": ("visit", "call", "email")[i % 3],
                "amount_fen": (i * 1_050 if i % 4 else None),
                "outcome": ("报价已发", "=1+1", "a | b\nc", "bidi \u202e here", "-5")[i % 5],
                "needs": "要含安装" if i % 2 else None,
                "feedback": None,
                "next_step": "周五回访" if i % 6 == 0 else None,
                "next_date": (at + timedelta(days=3)).date().isoformat() if i % 6 == 0 else None,
                "minutes": 30 if i % 3 == 0 else None,
            }
            lists = {
                "tag": ["续约", "展会"] if i % 3 == 0 else [],
                "competitor": ["中兴", "华为"] if i % 7 == 0 else [],
            }
            store.insert_entry(conn, ids[i % 50], entry, lists, at)
    conn.close()


# --- item 23: streaming exports ----------------------------------------------


def test_the_streamed_reader_gives_the_entries_list_entries_gives_oldest_first(db):
    log_entries(db, 300)
    conn = sqlite3.connect(db)
    assert list(iter_entries(conn)) == store.list_entries(conn)[::-1]
    bounds = ("2026-01-05 12:00:00", "2026-01-06 00:00:00")
    assert list(iter_entries(conn, *bounds)) == store.list_entries(conn, *bounds)[::-1]
    assert next(iter_entries(conn))["tags"] == ["续约", "展会"]  # in the order typed, not sorted


def test_export_records_are_those_of_fields_entry_record(db):
    log_entries(db, 60)
    rows = store.list_entries(sqlite3.connect(db))
    assert list(exchange.entry_records(rows)) == [fields.entry_record(r, exact_yuan) for r in rows]


def test_streamed_json_and_jsonl_are_the_text_of_json_text(tmp_path, db):
    log_entries(db, 40)  # a bidi override among them: json_text's own escaping
    ok("export", "entries", "--format", "json", "-o", str(tmp_path / "e.json"))
    out = (tmp_path / "e.json").read_text(encoding="utf-8")
    assert out == json_text(json.loads(out), indent=2) + "\n"
    lines = ok("export", "entries", "--format", "jsonl").out.splitlines()
    assert lines == [json_text(json.loads(line)) for line in lines] and len(lines) == 40
    assert any("\\u202e" in line for line in lines)  # the bidi override escaped, as json_text escapes it
    assert json.loads(out)[0]["tags"] == ["续约", "展会"]


def test_an_empty_log_exports_as_it_did(tmp_path, db):
    log_entries(db, 0)
    ok("export", "entries", "--format", "json", "-o", str(tmp_path / "e.json"))
    assert (tmp_path / "e.json").read_text(encoding="utf-8") == "[]\n"
    assert ok("export", "entries", "--format", "md").out.count("\n") == 2
    assert ok("export", "entries", "--format", "jsonl").out == ""


def test_every_text_format_holds_every_record_once_with_its_escaping(tmp_path, db):
    import csv

    log_entries(db, 120)
    records = json.loads(ok("export", "entries", "--format", "json").out)
    lines = ok("export", "entries", "--format", "jsonl").out.splitlines()
    assert [json.loads(line) for line in lines] == records
    ok("export", "entries", "-o", str(tmp_path / "e.csv"))
    text = (tmp_path / "e.csv").read_bytes()
    assert text.startswith("\ufeff".encode()) and text.count("\ufeff".encode()) == 1  # one BOM, not one a chunk
    rows = list(csv.reader(io.StringIO(text.decode("utf-8-sig"), newline="")))
    assert len(rows) == 121 and rows[0][:2] == ["customer", "at"]
    assert "'=1+1" in [r[4] for r in rows]  # the formula guard, as ever
    markdown = ok("export", "entries", "--format", "md").out
    assert markdown.count("\n") == 122 and "a \\| b<br>c" in markdown


def peak_export_memory(tmp_path, fmt: str, until: str | None) -> int:
    """Peak traced memory of one `export entries` to a file, in bytes."""
    args = ["export", "entries", "--format", fmt, "-o", str(tmp_path / f"peak.{fmt}")]
    tracemalloc.start()
    try:
        ok(*args, *(["--until", until] if until else []))
        return tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()


def test_export_memory_does_not_grow_with_the_number_of_entries(tmp_path, db):
    log_entries(db, 1_800)  # 7 minutes apart from 01-05 09:00: the first 540 by 2026-01-07; 3.3x as many in all
    for fmt in ("csv", "json"):
        ok("export", "entries", "--format", fmt, "--until", "2026-01-05", "-o", str(tmp_path / "warm"))  # imports
        few = peak_export_memory(tmp_path, fmt, "2026-01-07")
        many = peak_export_memory(tmp_path, fmt, None)
        assert many < 2 * few, (fmt, few, many)


# --- item 24: import summaries -------------------------------------------------


def write_csv(tmp_path, text: str) -> str:
    path = tmp_path / "visits.csv"
    path.write_text(text, encoding="utf-8")
    return str(path)


def test_the_dry_run_marks_only_the_row_that_creates_a_customer(tmp_path, db):
    ok("visit", "add", "李四")
    file = write_csv(
        tmp_path,
        "customer,at\n王老板,2026-11-21 10:00\n王老板,2026-11-20 10:00\n李四,2026-11-20 11:00\n王老板,2026-11-22\n",
    )
    out = ok("import", "entries", file, "--dry-run").out
    # The import logs oldest first: the row of 11-20 (row 3) is the one that creates 王老板.
    assert "row 3: add visit with 王老板 (new customer) at 2026-11-20 10:00" in out
    assert "row 2: add visit with 王老板 at 2026-11-21 10:00" in out
    assert "row 5: add visit with 王老板 at 2026-11-22" in out
    assert out.count("(new customer)") == 1 and "1 new customer: 王老板" in out


def many_customers(tmp_path, n: int = 300) -> str:
    return write_csv(tmp_path, "customer,at\n" + "".join(f"Customer {i:03d},2026-11-20 10:00\n" for i in range(n)))


def test_three_hundred_new_customers_are_summarised_in_the_import_line(tmp_path, db):
    out = ok("import", "entries", many_customers(tmp_path), "--new", "--dry-run").out
    last = out.splitlines()[-1]
    assert "300 new customers: Customer 000, " in last and "Customer 009 and 290 more)" in last
    assert "Customer 010" not in last


def test_three_hundred_close_names_are_refused_in_grouped_lines_not_one_each(tmp_path, db):
    result = run("import", "entries", many_customers(tmp_path))
    assert result.code == 1
    message, hint = result.err.rstrip("\n").split("\n")
    # Customer 001..299 are all close to Customer 000, which the first row creates: one group.
    assert message.count("did you mean") == 1
    assert '"Customer 010" and 289 more (rows 3, 4, 5, 6, 7, 8, 9, 10, 11, 12 and 289 more)' in message
    assert message.endswith("did you mean Customer 000?") and "--new" in hint
    assert len(message) < 400


def test_close_names_with_different_known_names_are_at_most_ten_groups_then_and_more(tmp_path, db):
    known = [f"{surname}经理" for surname in "赵钱孙李周吴郑王冯陈褚卫"]
    for name in known:
        ok("customer", "add", name)
    file = write_csv(tmp_path, "customer,at\n" + "".join(f"{n}理,2026-11-20 10:00\n" for n in known))
    message = run("import", "entries", file).err.splitlines()[0]
    assert message.count("did you mean") == 10 and message.endswith("(and 2 more)")
    zh = run("--lang", "zh", "import", "entries", file).err.splitlines()[0]
    assert "“赵经理理”（第 2 行）：您是不是要找 赵经理？" in zh and zh.endswith("（另有 2 个）")
