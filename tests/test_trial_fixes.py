"""What a new user's trial of session 7 found, each checked as they typed it.
The clock is Wednesday 2026-11-25 18:00 (conftest)."""

import json

from conftest import ok, refused, snapshot, stored


def test_a_cancellation_is_taken_off_the_revenue_of_its_customers_source(db):
    ok("customer", "add", "张总", "--source", "展会")
    ok("visit", "add", "张总", "--kind", "visit", "--amount", "50万", "--at", "昨天")
    ok("visit", "cancel", "1", "--amount", "10万", "--reason", "砍单")
    review = json.loads(ok("review", "--month", "--json").out)
    revenue = next(m for m in review["metrics"] if m["metric"] == "revenue")["actual"]
    assert revenue == 400_000 == next(s for s in review["by_source"] if s["source"] == "展会")["revenue"]


def test_a_sale_cancelled_in_full_in_a_later_week_leaves_the_review_whole(db):
    ok("visit", "add", "张总", "--new", "--amount", "50万", "--at", "上周三")
    ok("visit", "cancel", "1", "--reason", "取消")
    ok("goal", "set", "revenue", "10万")
    assert "-50万" in ok("review").out  # this week's revenue: the cancellation's week
    week = json.loads(ok("review", "--json").out)
    assert next(m for m in week["metrics"] if m["metric"] == "revenue")["actual"] == -500_000


def test_a_write_that_changed_nothing_is_not_an_undo_step(db):
    ok("visit", "add", "张总", "--new")
    ok("goal", "set", "revenue", "10万")
    assert "(unchanged)" in ok("goal", "set", "revenue", "10万").out
    assert stored(db, "SELECT count(*) FROM undo_log") == [(2,)]  # the visit and the first goal set
    assert "goal set revenue" in ok("undo").out
    assert stored(db, "SELECT count(*) FROM goals") == [(0,)]
    assert "visit add" in ok("undo").out


def test_a_payment_for_an_entry_that_is_no_sale_is_refused_untouched(db):
    ok("visit", "add", "张总", "--new", "--kind", "call")
    before = snapshot(db)
    err = refused("payment", "add", "张总", "100", "--for", "1").err
    assert "entry #1 is not a sale" in err and "visit list -c 张总" in err
    assert snapshot(db) == before


def test_the_beginning_of_a_name_in_the_other_script_finds_it(db):
    ok("visit", "add", "张总", "--new", "--kind", "call")
    assert "call with 张总" in ok("visit", "add", "張", "--kind", "call").out
    ok("customer", "add", "张经理")
    assert '"張" could be 张总, 张经理' in refused("visit", "add", "張").err
    assert stored(db, "SELECT count(*) FROM customers") == [(2,)]


def test_growing_an_average_of_zero_says_so(db):
    ok("visit", "add", "张总", "--new", "--kind", "call", "--at", "2026-10-10")
    err = refused("goal", "set", "revenue", "+10%", "--month", "next").err
    assert "your average revenue is 0" in err and "goal set revenue 50万" in err
    assert stored(db, "SELECT count(*) FROM goals") == [(0,)]


def test_an_import_refuses_a_name_that_sounds_like_one_an_earlier_row_creates(db, tmp_path):
    file = tmp_path / "calls.csv"
    file.write_text(
        "customer,at,kind\n张总,2026-11-21,call\n章总,2026-11-22,call\n李经理,2026-11-22,call\n李总,2026-11-23,call\n"
    )
    err = refused("import", "entries", str(file)).err
    assert '"章总" (row 3): did you mean 张总?' in err and "李总" not in err
    assert stored(db, "SELECT count(*) FROM customers") == [(0,)]
    assert "4 new customers" in ok("import", "entries", str(file), "--new").out


def test_a_customer_whose_only_sale_was_cancelled_in_full_has_not_bought(db):
    ok("visit", "add", "张总", "--new", "--amount", "50万", "--at", "上周三")
    ok("visit", "add", "李经理", "--new", "--amount", "2万", "--at", "上周三")
    ok("visit", "cancel", "1", "--reason", "取消")
    ok("visit", "cancel", "2", "--amount", "1万", "--reason", "砍单")
    stages = {c["name"]: c["stage"] for c in json.loads(ok("customer", "list", "--json").out)}
    assert stages == {"张总": "prospect", "李经理": "customer"}
    assert [c["name"] for c in json.loads(ok("customer", "list", "--stage", "prospect", "--json").out)] == ["张总"]
    ok("undo")  # 李经理's part comes back; 张总's cancellation stays
    ok("undo")  # 张总's sale is whole again
    assert {c["name"]: c["stage"] for c in json.loads(ok("customer", "list", "--json").out)}["张总"] == "customer"


def test_a_day_of_next_or_last_year_said_in_chinese(db):
    ok("visit", "add", "张总", "--new", "--next-date", "明年1月1日", "--at", "去年十二月一日下午3点")
    assert stored(db, "SELECT at, next_date FROM entries") == [("2025-12-01 15:00:00", "2027-01-01")]
    assert "no such date" in refused("visit", "add", "张总", "--at", "明年2月30日").err
