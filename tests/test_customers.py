"""The customer archive: cards, name resolution that never creates a duplicate by
accident, merge, rm, classify by the 80/20 rule, neglected customers."""

import json
import re

import pytest
from conftest import in_name_order, ok, run, snapshot, stored


def refused(*args, **kwargs):
    result = run(*args, **kwargs)
    assert result.code == 1 and result.err.startswith("error: ") and "Traceback" not in result.err, result
    return result


def customers():
    return {c["name"]: c for c in json.loads(ok("customer", "list", "--json").out)}


def test_customer_card_round_trips_through_list_and_show():
    ok(
        "customer",
        "add",
        "张总",
        "--company",
        "华东电子",
        "--class",
        "a",
        "--phone",
        "138-0000-0000",
        "--email",
        "zhang@example.com",
        "--wechat",
        "zhang_hd",
        "--tag",
        "制造业",
        "--note",
        "喜欢喝茶",
    )
    card = customers()["张总"]
    assert card | {"aliases": [], "tags": ["制造业"]} == card
    assert (card["company"], card["class"], card["phone"], card["wechat"]) == (
        "华东电子",
        "A",
        "138-0000-0000",
        "zhang_hd",
    )
    assert card["last_contact"] is None and card["entries"] == 0 and card["revenue"] == 0
    shown = json.loads(ok("customer", "show", "张总", "--json").out)
    assert shown["note"] == "喜欢喝茶" and shown["timeline"] == []


def test_customer_list_counts_entries_revenue_and_days_since():
    ok("visit", "add", "张总", "-a", "10万", "--at", "2025-12-01")
    ok("visit", "add", "张总", "-a", "2.5万", "--at", "2026-11-20 10:00")
    ok("visit", "add", "李经理", "-k", "call")
    card = customers()["张总"]
    assert card["entries"] == 2 and card["revenue"] == 125000 and card["revenue_this_year"] == 25000
    assert card["last_contact"] == "2026-11-20 10:00:00" and card["days_since"] == 5
    assert customers()["李经理"]["days_since"] == 0


def test_customer_list_filters_by_class_and_tag():
    ok("customer", "add", "张总", "--class", "A", "--tag", "制造业")
    ok("customer", "add", "李经理", "--class", "B")
    assert [c["name"] for c in json.loads(ok("customer", "list", "--class", "a", "--json").out)] == ["张总"]
    assert [c["name"] for c in json.loads(ok("customer", "list", "--tag", "制造业", "--json").out)] == ["张总"]


def test_show_gives_the_whole_timeline_newest_first_with_open_followups():
    ok("visit", "add", "张总", "-k", "call", "--at", "2026-11-20 10:00", "--needs", "要含安装")
    ok("visit", "add", "张总", "-a", "1.2w", "--at", "2026-11-24 10:00", "--next", "周五回访", "--next-date", "fri")
    shown = json.loads(ok("customer", "show", "张总", "--json").out)
    assert [e["at"] for e in shown["timeline"]] == ["2026-11-24 10:00:00", "2026-11-20 10:00:00"]
    assert shown["timeline"][1]["needs"] == "要含安装" and shown["timeline"][0]["amount"] == 12000
    assert [(f["what"], f["due_date"]) for f in shown["followups"]] == [("周五回访", "2026-11-27")]
    table = ok("customer", "show", "张总").out
    assert "要含安装" in table and "周五回访" in table and "Open follow-ups" in table


def test_show_s_timeline_on_a_narrow_terminal_splits_rather_than_folds():
    ok("visit", "add", "张总", "-k", "call", "--at", "2026-11-20 10:00", "--outcome", "介绍了新产品线，客户很感兴趣")
    ok("visit", "add", "张总", "--at", "2026-11-24 10:00", "--needs", "预算50万以内", "--feedback", "客户觉得交期太长")
    lines = ok("customer", "show", "张总", env={"COLUMNS": "60"}).out.splitlines()
    assert all(len(line) <= 60 for line in lines)
    rows = [line.split()[:3] for line in lines if re.match(r" *[12]  ", line)]  # the entries' rows, by id
    assert rows[:2] == [["2", "2026-11-24", "10:00"], ["1", "2026-11-20", "10:00"]]  # dates whole, not folded
    heads = [line.split() for line in lines if line.lstrip().startswith("ID")]
    assert heads[0][:4] == ["ID", "When", "Kind", "Amount"] and any("Feedback" in head for head in heads[1:])


def test_near_match_is_refused_with_a_suggestion_and_nothing_written(db):
    ok("visit", "add", "张总")
    before = snapshot(db)
    for typo in ("张总总", "张 总"):
        result = refused("visit", "add", typo, "-a", "1万")
        assert f'unknown customer "{typo}"; did you mean 张总? Add --new to create it' in result.err
    assert snapshot(db) == before


def test_new_creates_a_customer_despite_a_close_name(db):
    ok("visit", "add", "张总")
    assert "(new customer)" in ok("visit", "add", "张总总", "--new").out
    assert sorted(n for (n,) in stored(db, "SELECT name FROM customers")) == ["张总", "张总总"]


def test_same_title_different_surname_is_not_close():
    ok("visit", "add", "李经理")
    assert "(new customer)" in ok("visit", "add", "孙经理").out


def test_case_width_spaces_aliases_and_prefixes_find_the_customer(db):
    ok("customer", "add", "Zhang Wei", "--alias", "张伟")
    ok("customer", "add", "张总")
    ok("customer", "edit", "张总", "--alias", "张建国", "--alias", "Jianguo")
    for typed, meant in (
        ("zhang wei", "Zhang Wei"),
        ("ＺＨＡＮＧ ＷＥＩ", "Zhang Wei"),
        ("  张总 ", "张总"),
        ("张伟", "Zhang Wei"),
        ("jianguo", "张总"),
        ("张建", "张总"),
        ("Zhang W", "Zhang Wei"),
    ):
        out = ok("visit", "add", typed).out
        assert f"with {meant}" in out, (typed, out)
    # Letters beginning a Latin name that also spell a Chinese name's pinyin (zh: 张总) are asked about.
    assert '"Zh" could be Zhang Wei, 张总' in refused("visit", "add", "Zh").err
    assert stored(db, "SELECT count(*) FROM customers") == [(2,)]


def test_ambiguous_prefix_lists_the_candidates(db):
    ok("customer", "add", "王总")
    ok("customer", "add", "王经理")
    result = refused("visit", "add", "王")
    assert "王经理" in result.err and "王总" in result.err


def test_edit_renames_and_refuses_a_name_or_alias_already_taken(db):
    ok("customer", "add", "张总")
    ok("customer", "add", "李经理", "--alias", "小李")
    ok("customer", "edit", "张总", "--rename", "张建国", "--class", "B")
    assert customers()["张建国"]["class"] == "B"
    before = snapshot(db)
    assert "already names customer 李经理" in refused("customer", "edit", "张建国", "--rename", "李经理").err
    assert "already names customer 李经理" in refused("customer", "edit", "张建国", "--alias", "小李").err
    assert "already names" in refused("customer", "add", "小李").err
    assert snapshot(db) == before


@pytest.mark.parametrize("klass", ["D", "VIP", "1"])
def test_unknown_class_is_refused(db, klass):
    ok("customer", "add", "张总")
    before = snapshot(db)
    assert "A (high-value)" in refused("customer", "edit", "张总", "--class", klass).err
    assert snapshot(db) == before


def test_merge_moves_entries_and_followups_and_keeps_the_old_name_as_alias(db):
    ok("customer", "add", "张总", "--class", "A")
    for _ in range(3):
        ok("visit", "add", "张总")
    ok("visit", "add", "张总总", "--new", "-a", "5万", "--next", "回访", "--next-date", "fri", "--tag", "x")
    ok("visit", "add", "张总总", "-k", "call")
    entries_before = stored(db, "SELECT count(*) FROM entries")
    out = ok("customer", "merge", "张总总", "张总").out
    assert "2 entries and 1 follow-up moved" in out
    assert stored(db, "SELECT count(*) FROM entries") == entries_before
    assert stored(db, "SELECT DISTINCT c.name FROM entries e JOIN customers c ON c.id = e.customer_id") == [("张总",)]
    assert stored(db, "SELECT c.name FROM followups f JOIN customers c ON c.id = f.customer_id") == [("张总",)]
    card = customers()["张总"]
    assert card["entries"] == 5 and card["revenue"] == 50000 and card["aliases"] == ["张总总"]
    assert "with 张总" in ok("visit", "add", "张总总").out  # the old name now finds the right one


def test_merge_into_itself_is_refused(db):
    ok("customer", "add", "张总", "--alias", "老张")
    before = snapshot(db)
    assert "same customer" in refused("customer", "merge", "老张", "张总").err
    assert snapshot(db) == before


def test_rm_refuses_while_entries_exist_and_says_how_many(db):
    ok("visit", "add", "张总")
    ok("visit", "add", "张总", "-k", "call")
    before = snapshot(db)
    result = refused("customer", "rm", "张总", "--yes")
    assert "张总 has 2 entries" in result.err and "--with-entries" in result.err
    assert snapshot(db) == before
    assert "and 2 entries" in ok("customer", "rm", "张总", "--with-entries", "--yes").out
    assert stored(db, "SELECT count(*) FROM entries") == [(0,)]
    ok("customer", "add", "空客户")
    ok("customer", "rm", "空客户", "--yes")
    assert stored(db, "SELECT count(*) FROM customers") == [(0,)]


def test_unknown_customer_in_show_suggests_the_closest():
    ok("customer", "add", "张总")
    assert "did you mean 张总?" in refused("customer", "show", "张总总").err


def year_of_deals():
    """12 months to 2026-11-25: 华东电子 50万, 蓝海科技 30万 (80% between them), 恒通物流
    10万 (last contact 100 days ago), 市一医院 10万 (recent), 鑫源五金 only a recent call,
    云帆软件 nothing for a year."""
    ok("visit", "add", "华东电子", "-a", "50万", "--at", "2026-03-01")
    ok("visit", "add", "蓝海科技", "-a", "30万", "--at", "2026-06-01")
    ok("visit", "add", "恒通物流", "-a", "10万", "--at", "2026-08-17")
    ok("visit", "add", "市一医院", "-a", "10万", "--at", "2026-11-02")
    ok("visit", "add", "鑫源五金", "-k", "call", "--at", "2026-11-20")
    ok("visit", "add", "云帆软件", "-a", "99万", "--at", "2025-11-01")  # older than 12 months


def test_classify_proposes_a_for_the_top_80_percent_and_writes_only_with_apply(db):
    year_of_deals()
    before = snapshot(db)
    proposals = {p["name"]: p for p in json.loads(ok("customer", "classify", "--json").out)}
    assert {n for n, p in proposals.items() if p["proposed"] == "A"} == {"华东电子", "蓝海科技"}
    assert proposals["市一医院"]["proposed"] == "B" and proposals["鑫源五金"]["proposed"] == "B"
    assert proposals["恒通物流"]["proposed"] == "C" and proposals["云帆软件"]["proposed"] == "C"
    assert proposals["华东电子"]["share_percent"] == 50.0 and proposals["蓝海科技"]["cumulative_percent"] == 80.0
    assert snapshot(db) == before
    table = ok("customer", "classify").out
    assert "50.0%" in table and "--apply" in table
    ok("customer", "classify", "--apply")
    assert {n: c["class"] for n, c in customers().items()} == {
        "华东电子": "A",
        "蓝海科技": "A",
        "恒通物流": "C",
        "市一医院": "B",
        "鑫源五金": "B",
        "云帆软件": "C",
    }


def test_neglected_lists_a_after_14_days_and_b_after_30_oldest_first():
    for name, klass, last in (
        ("甲", "A", "2026-11-01"),
        ("乙", "A", "2026-11-20"),
        ("丙", "B", "2026-10-01"),
        ("丁", "B", "2026-11-01"),
        ("戊", "C", "2025-01-01"),
    ):
        ok("customer", "add", name, "--class", klass)
        ok("visit", "add", name, "--at", last)
    ok("customer", "add", "己", "--class", "A", now="2026-11-01T09:00")  # never contacted since added 24 days ago
    ok("customer", "add", "庚", "--class", "A")  # added today: not neglected yet
    names = [c["name"] for c in json.loads(ok("customer", "list", "--neglected", "--json").out)]
    assert names == ["己", "丙", "甲"]
    names = [c["name"] for c in json.loads(ok("customer", "list", "--neglected", "--a-days", "3", "--json").out)]
    assert names == ["己", "丙", "甲", "乙"]


def test_customer_list_can_show_this_weeks_effort_by_class():
    ok("customer", "add", "张总", "--class", "A")
    ok("customer", "add", "王总", "--class", "C")
    ok("visit", "add", "张总", "--minutes", "30", "-a", "3万", "--at", "2026-11-23 10:00")
    ok("visit", "add", "王总", "--minutes", "90", "--at", "2026-11-24 10:00")
    rows = {r["class"]: r for r in json.loads(ok("customer", "list", "--effort", "--json").out)}
    assert (rows["A"]["minutes_percent"], rows["A"]["revenue_percent"]) == (25.0, 100.0)
    assert (rows["C"]["minutes_percent"], rows["C"]["revenue_percent"]) == (75.0, 0.0)
    assert "Effort by customer class" in ok("customer", "list", "--effort").out


def test_a_renamed_customer_is_still_found_by_the_old_name(db):
    ok("visit", "add", "王总")
    assert "still found by that name" in ok("customer", "edit", "王总", "--rename", "王建国总").out
    assert "with 王建国总" in ok("visit", "add", "王总", "-k", "call").out
    assert stored(db, "SELECT count(*) FROM customers") == [(1,)]


def test_adding_a_name_close_to_a_known_one_says_so_but_adds_it(db):
    ok("customer", "add", "张总")
    result = ok("customer", "add", "张总总")
    assert "note: close to 张总" in result.err and "customer merge 张总总 张总" in result.err
    assert stored(db, "SELECT count(*) FROM customers") == [(2,)]


def test_merge_and_rm_show_names_with_bidi_overrides_or_control_characters_as_escapes(db):
    """A name can come in through an import or an older salelog; printed raw, U+202E
    would reverse the rest of the line and ESC would drive the terminal."""
    from datetime import datetime

    from salelog import store

    ok("customer", "add", "张总")
    conn = store.open_db(str(db))
    with store.writing(conn):
        for name in ("李\u202e经理", "王\x1b[2J总", "赵\x07主任"):
            store.create_customer(conn, name, datetime(2026, 11, 20))
    conn.close()
    merged = ok("customer", "merge", "李\u202e经理", "张总").out
    assert merged.startswith("merged 李\\u202e经理 into 张总:") and "\u202e" not in merged
    assert "李\\u202e经理 is now an alias of 张总" in merged
    deleted = ok("customer", "rm", "王\x1b[2J总", "-y").out
    assert deleted == "deleted customer 王\\x1b[2J总\n"
    assert "with 赵\\x07主任" in ok("visit", "add", "赵").out  # a unique beginning finds it
    refused_rm = refused("customer", "rm", "赵\x07主任", "-y")
    assert "\x07" not in refused_rm.err and "赵\\x07主任 has 1 entry" in refused_rm.err
    renamed = ok("customer", "edit", "赵\x07主任", "--rename", "赵主任").out
    assert renamed == "updated customer 赵主任 (was 赵\\x07主任; still found by that name)\n"


def test_customer_list_pages_in_the_database_and_counts_the_rest(db, tmp_path):
    archive = tmp_path / "customers.csv"  # one import rather than 53 adds
    archive.write_text("name,class\n" + "".join(f"客户{i:02d},{'B' if i % 2 else 'A'}\n" for i in range(53)))
    ok("import", "customers", str(archive), "--new")
    result = ok("customer", "list")
    assert "客户49" in result.out and "客户50" not in result.out
    assert "showing 50 of 53 customers; --limit 0 for all" in result.err
    assert "只显示 53 位客户中的 50 位" in ok("customer", "list", "--lang", "zh").err
    assert "客户52" in ok("customer", "list", "--limit", "0").out
    assert len(json.loads(ok("customer", "list", "--json").out)) == 53
    a_class = ok("customer", "list", "--class", "A", "--limit", "30")  # 27 of them: all on one page
    assert a_class.out.count("客户") == 27 and "showing" not in a_class.err


def test_customer_rm_with_entries_says_everything_it_deleted(db):
    """Deals, payments and contracts go with the customer: the line says so (undo brings all back)."""
    ok("visit", "add", "张总", "--amount", "5万")
    ok("deal", "add", "张总", "年度维保")
    ok("payment", "add", "张总", "1万")
    ok("contract", "add", "张总", "--ends", "2027-01-01")
    ok("visit", "add", "张总")
    said = ok("customer", "rm", "张总", "--with-entries", "--yes").out
    assert said == "deleted customer 张总 and 2 entries, 1 deal, 1 payment and 1 contract\n"
    assert stored(db, "SELECT (SELECT count(*) FROM deals), (SELECT count(*) FROM payments),"
                      " (SELECT count(*) FROM contracts)") == [(0, 0, 0)]  # fmt: skip
    ok("undo")
    assert stored(db, "SELECT (SELECT count(*) FROM deals), (SELECT count(*) FROM payments),"
                      " (SELECT count(*) FROM contracts)") == [(1, 1, 1)]  # fmt: skip


def test_customer_list_gives_chinese_names_in_pinyin_order_as_a_phone_does(db):
    for name in ("张总", "Bob", "阿里", "李经理", "Mr. Smith", "陈老板", "王芳"):
        ok("customer", "add", name)
    listed = [c["name"] for c in json.loads(ok("customer", "list", "--json").out)]
    assert listed == in_name_order(listed) == ["阿里", "Bob", "陈老板", "李经理", "Mr. Smith", "王芳", "张总"]
    assert ok("customer", "list", "--limit", "2").out.splitlines()[1].startswith("阿里")


def test_an_edit_that_changes_nothing_says_so_and_leaves_undo_to_the_last_real_change():
    ok("customer", "add", "王总")
    assert ok("customer", "edit", "王总", "--tag", "vip").out == "updated customer 王总\n"
    for args in (("--tag", "vip"), ()):
        assert ok("customer", "edit", "王总", *args).out == "customer 王总: nothing changed\n"
    assert "customer edit 王总" in ok("undo").out
    assert "vip" not in ok("customer", "show", "王总").out


def test_removing_an_alias_or_tag_the_customer_lacks_is_refused_and_writes_nothing(db):
    ok("customer", "add", "王总", "--tag", "vip")
    ok("customer", "edit", "王总", "--alias", "老王")
    before = snapshot(db)
    refusal = refused("customer", "edit", "王总", "--class", "A", "--untag", "nope").err
    assert refusal.startswith("error: 王总 has no tag nope\n  their tags: vip")
    refusal = refused("customer", "edit", "王总", "--unalias", "老张").err
    assert refusal.startswith("error: 王总 has no alias 老张\n  their aliases: 老王")
    assert snapshot(db) == before  # the class not set either
    ok("customer", "edit", "王总", "--untag", "vip", "--unalias", "老王")
    assert stored(db, "SELECT count(*) FROM customer_tags") == [(0,)]


def test_an_empty_customer_name_is_refused_not_matched_against_every_name():
    ok("customer", "add", "王总")
    ok("customer", "add", "王经理")
    ok("visit", "add", "王总")
    for args in (("customer", "show", ""), ("visit", "edit", "last", "--customer", " ")):
        result = run(*args)
        assert result.code == 1 and result.err.startswith("error: no customer given"), result


def test_an_empty_tag_or_alias_is_hinted_with_its_own_option():
    ok("customer", "add", "王总")
    for option in ("--tag", "--untag", "--alias", "--unalias"):
        result = run("customer", "edit", "王总", option, "")
        assert result.code == 1 and f"give one, e.g. {option} " in result.err


def test_a_note_s_later_lines_are_indented_under_the_card():
    ok("customer", "add", "王总", "--note", "第一行\n第二行")
    lines = ok("customer", "show", "王总").out.splitlines()
    assert lines[1:3] == ["  note: 第一行", "    第二行"]


def test_an_entry_dated_later_is_not_a_negative_silence():
    ok("visit", "add", "王总", "--at", "2026-12-07 10:00", now="2026-11-25T18:00")
    (card,) = json.loads(ok("customer", "list", "--json", now="2026-11-25T18:00").out)
    assert card["last_contact"].startswith("2026-12-07") and card["days_since"] == 0
    assert ok("customer", "list", now="2026-11-25T18:00").out.splitlines()[1].split()[1:3] == ["2026-12-07", "0"]


def test_an_edit_may_take_away_what_it_adds_itself():
    ok("customer", "add", "张总")
    renamed = ok("customer", "edit", "张总", "--rename", "张建国", "--unalias", "张总").out
    assert renamed == "updated customer 张建国 (was 张总)\n"  # not "still found by that name": it is not
    assert "unknown customer" in refused("customer", "show", "张总").err
    ok("customer", "edit", "张建国", "--tag", "vip", "--untag", "vip")
