"""visit add --competitor: who else the customer said is quoting (市场反馈),
kept with the entry, shown, exported, imported and counted by the review.
The field is declared once, in salelog/fields.py."""

import csv
import io
import json

import pytest
from conftest import ok, run, stored


def refused_with(*args):
    result = run(*args)
    assert result.code == 1 and result.err.startswith("error: "), result
    return result


def test_competitors_are_stored_with_the_entry_and_listed_as_a_json_list(db):
    ok("visit", "add", "张总", "-k", "call", "--competitor", "华为", "--competitor", "中兴")
    assert stored(db, "SELECT competitor FROM entry_competitors ORDER BY rowid") == [("华为",), ("中兴",)]
    (entry,) = json.loads(ok("visit", "list", "--json").out)
    assert entry["competitors"] == ["华为", "中兴"] and entry["tags"] == []


def test_visit_edit_replaces_the_competitors_and_keeps_them_when_not_given(db):
    ok("visit", "add", "张总", "--competitor", "华为")
    ok("visit", "edit", "last", "--outcome", "报价")
    assert stored(db, "SELECT competitor FROM entry_competitors") == [("华为",)]
    assert "competitors" in ok("visit", "edit", "last", "--competitor", "思科").out
    assert stored(db, "SELECT competitor FROM entry_competitors") == [("思科",)]


def test_undo_takes_the_competitors_back_with_the_entry(db):
    ok("visit", "add", "张总", "--competitor", "华为")
    ok("visit", "edit", "last", "--competitor", "思科")
    ok("undo")
    assert stored(db, "SELECT competitor FROM entry_competitors") == [("华为",)]
    ok("undo")
    assert stored(db, "SELECT count(*) FROM entry_competitors") == [(0,)]


def test_an_empty_or_hostile_competitor_is_refused_and_nothing_is_written(db):
    ok("visit", "add", "张总")
    before = stored(db, "SELECT count(*) FROM entries")
    assert "--competitor is empty" in refused_with("visit", "add", "张总", "--competitor", " ").err
    assert "control characters" in refused_with("visit", "add", "张总", "--competitor", "华\x1b[31m为").err
    assert stored(db, "SELECT count(*) FROM entries") == before


def test_competitors_round_trip_through_csv_and_import_under_their_chinese_header(tmp_path, db):
    ok("visit", "add", "张总", "--at", "2026-11-20 10:00", "--competitor", "=HYPERLINK(1)", "--competitor", "华为")
    out = tmp_path / "entries.csv"
    ok("export", "entries", "-o", str(out))
    (row,) = csv.DictReader(io.StringIO(out.read_text(encoding="utf-8-sig")))
    assert row["competitors"] == "'=HYPERLINK(1), 华为"  # the formula guard covers list cells
    other = tmp_path / "other.db"
    ok("--db", str(other), "import", "entries", str(out))
    assert stored(other, "SELECT competitor FROM entry_competitors ORDER BY rowid") == [("=HYPERLINK(1)",), ("华为",)]
    chinese = tmp_path / "中文.csv"
    chinese.write_text("客户,日期,竞争对手\n李经理,2026-11-21,思科，华三\n", encoding="utf-8")
    ok("import", "entries", str(chinese), "--new")
    assert json.loads(ok("visit", "list", "--customer", "李经理", "--json").out)[0]["competitors"] == ["思科", "华三"]


def test_the_review_counts_the_competitors_mentioned_that_week(db):
    ok("visit", "add", "张总", "--competitor", "华为", "--at", "2026-11-23 10:00")
    ok("visit", "add", "李经理", "--new", "--competitor", "华为", "--competitor", "思科", "--at", "2026-11-24 10:00")
    ok("visit", "add", "王总", "--new", "--competitor", "中兴", "--at", "2026-11-16 10:00")  # the week before
    review = json.loads(ok("review", "--json").out)
    assert review["competitors"] == [{"competitor": "华为", "mentions": 2}, {"competitor": "思科", "mentions": 1}]
    markdown = ok("review", "--markdown").out
    assert "**Competitors mentioned:** 华为 (2), 思科 (1)" in markdown and "中兴" not in markdown


def test_visit_add_help_documents_the_option(db):
    assert "--competitor NAME" in ok("visit", "add", "--help").out


def test_one_list_rule_typed_or_imported_split_and_repeats_dropped(tmp_path, db):
    ok("visit", "add", "张总", "--competitor", "华为、中兴", "--competitor", "ＨＵＡＷＥＩ", "--competitor", "huawei")
    (entry,) = json.loads(ok("visit", "list", "--json").out)
    assert entry["competitors"] == ["华为", "中兴", "ＨＵＡＷＥＩ"]  # huawei repeats ＨＵＡＷＥＩ (case and width)
    out = tmp_path / "e.csv"
    ok("export", "entries", "-o", str(out))
    other = tmp_path / "other.db"
    ok("--db", str(other), "import", "entries", str(out))
    assert json.loads(ok("--db", str(other), "visit", "list", "--json").out)[0]["competitors"] == entry["competitors"]


def test_visit_edit_with_an_empty_list_clears_it(db):
    ok("visit", "add", "张总", "--competitor", "华为", "--tag", "vip")
    ok("visit", "edit", "last", "--competitor", "", "--tag", "")
    assert stored(db, "SELECT count(*) FROM entry_competitors") == [(0,)]
    assert stored(db, "SELECT count(*) FROM entry_tags") == [(0,)]


@pytest.mark.new_file
def test_a_custom_metric_cannot_hold_a_list_separator_it_could_never_count(db):
    result = refused_with("goal", "set", "demo,s", "3", "--custom")
    assert "cannot name a custom metric" in result.err
    assert not db.exists()  # nothing was written, not even a new file


def test_visit_list_and_customer_show_name_the_competitors_when_there_are_any(db):
    ok("visit", "add", "李经理", "-o", "见面")
    assert "Competitors" not in ok("visit", "list").out  # no column while nobody was named
    ok("visit", "add", "张总", "--new", "-o", "报价", "--competitor", "华为、中兴")
    listing = ok("visit", "list").out
    assert "Competitors" in listing and "华为, 中兴" in listing
    card = ok("customer", "show", "张总", "--lang", "zh").out
    assert "竞争对手" in card and "华为, 中兴" in card
