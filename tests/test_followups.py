"""Next steps come back on their date: opened by entries, closed by later contact."""

import json

from conftest import ok, run, snapshot, stored


def followups(*args):
    return json.loads(ok("followups", "--json", *args).out)


def test_next_step_opens_a_followup_listed_with_days_overdue_and_class():
    ok("customer", "add", "张总", "--class", "A")
    ok("visit", "add", "张总", "--next", "发报价", "--next-date", "2026-11-23", "--at", "2026-11-20")
    ok("visit", "add", "李经理", "--next", "周五回访", "--next-date", "fri")
    ok("visit", "add", "王总", "--next", "今天回电", "--next-date", "today")
    ok("visit", "add", "赵主任", "--next", "等对方消息")  # undated: listed, never dropped
    rows = followups()
    assert [(r["customer"], r["state"], r["days_overdue"]) for r in rows] == [
        ("张总", "overdue", 2),
        ("王总", "today", 0),
        ("李经理", "upcoming", None),
        ("赵主任", "undated", None),
    ]
    assert rows[0]["class"] == "A"
    table = ok("followups").out
    assert "2d overdue" in table and "undated" in table and "等对方消息" in table


def test_a_new_contact_closes_followups_due_by_then_and_says_so():
    ok("visit", "add", "张总", "--next", "发报价", "--next-date", "2026-11-24", "--at", "2026-11-20")
    ok("visit", "add", "张总", "--next", "下周回访", "--next-date", "2026-12-01", "--at", "2026-11-21")
    out = ok("visit", "add", "张总", "-k", "call").out
    assert "closed follow-up #1 发报价 (due 2026-11-24)" in out
    assert [r["what"] for r in followups()] == ["下周回访"]
    done = [r for r in followups("--all") if r["status"] == "done"]
    assert [r["what"] for r in done] == ["发报价"]


def test_a_contact_dated_later_than_now_closes_no_followup_and_says_so(db):
    ok("visit", "add", "张总", "--next", "报价", "--next-date", "today")
    later = ok("visit", "add", "张总", "--at", "明天")
    assert "closed follow-up" not in later.out
    assert later.err.strip() == "note: 2026-11-26 12:00 is in the future: it closes no follow-up"
    assert stored(db, "SELECT status, done_at FROM followups") == [("open", None)]
    assert "报价" in ok("followups").out
    now = ok("visit", "add", "张总", "--at", "17:00")  # earlier today: it happened, and closes it
    assert "closed follow-up #1 报价 (due 2026-11-25)" in now.out
    assert stored(db, "SELECT status FROM followups") == [("done",)]


def test_followup_done_and_move(db):
    ok("visit", "add", "张总", "--next", "发报价", "--next-date", "2026-11-20", "--at", "2026-11-19")
    ok("followup", "move", "1", "下周一")
    assert followups()[0]["due_date"] == "2026-11-30"
    ok("followup", "done", "1")
    assert followups() == []
    before = snapshot(db)
    result = run("followup", "done", "99")
    assert result.code == 1 and "no follow-up #99" in result.err
    assert run("followup", "move", "1", "someday").code == 1
    assert snapshot(db) == before


def test_next_steps_logged_before_the_archive_became_followups(db):
    """Migration m002 turns next steps of schema-1 entries into follow-ups."""
    import sqlite3
    from contextlib import closing

    from sqlite_utils import Database

    from salelog.migrations import migrations
    from salelog.store import SCHEMA_VERSION

    with closing(sqlite3.connect(db)) as conn:  # a database as salelog 0.1 (schema 1) left it
        migrations.apply(Database(conn, execute_plugins=False), stop_before="m002_customer_archive")
        conn.execute("INSERT INTO customers (name, created_at) VALUES ('张总', '2026-11-01 09:00:00')")
        for at, nxt, due in (
            ("2026-11-02 10:00:00", "回访", "2026-11-05"),
            ("2026-11-06 10:00:00", "报价", "2026-11-30"),
        ):
            conn.execute(
                "INSERT INTO entries (customer_id, at, kind, next_step, next_date, created_at)"
                " VALUES (1, ?, 'visit', ?, ?, ?)",
                (at, nxt, due, at),
            )
        conn.commit()
    rows = {r["what"]: r for r in followups("--all")}
    assert rows["回访"]["status"] == "done" and rows["报价"]["status"] == "open"
    assert stored(db, "PRAGMA user_version") == [(SCHEMA_VERSION,)]


def test_a_closed_followup_is_neither_closed_again_nor_moved(db):
    ok("visit", "add", "张总", "--next", "回访", "--next-date", "2026-11-20", "--at", "2026-11-19")
    ok("visit", "add", "张总", "-k", "call", "--at", "2026-11-21")  # closes #1
    before = snapshot(db)
    result = run("followup", "done", "1")
    assert result.code == 1 and "follow-up #1 is already done by entry #2" in result.err
    assert run("followup", "move", "1", "fri").code == 1
    assert snapshot(db) == before


def test_followups_json_has_the_option_names_too_and_a_move_into_the_past_is_refused(db):
    ok("visit", "add", "张总", "--next", "周五回访", "--next-date", "fri")
    (row,) = json.loads(ok("followups", "--json").out)
    assert (row["next"], row["next_date"]) == (row["what"], row["due_date"]) == ("周五回访", "2026-11-27")
    result = run("followup", "move", "1", "昨天")
    assert result.code == 1 and "2026-11-24 is in the past" in result.err and "followup done 1" in result.err
    assert json.loads(ok("followups", "--json").out)[0]["due_date"] == "2026-11-27"  # nothing written
    assert "今天或以后" in run("--lang", "zh", "followup", "move", "1", "昨天").err
    assert "moved to 2026-11-25" in ok("followup", "move", "1", "今天").out


def test_a_contact_moved_away_opens_the_follow_up_it_closed_again(db):
    ok("visit", "add", "周总", "-k", "call", "--next", "发合同", "--next-date", "2026-11-26", now="2026-11-25T11:00")
    assert "closed follow-up #1" in ok("visit", "add", "周总", "-k", "call", now="2026-11-26T15:00").out
    ok("visit", "add", "赵总", "-k", "call", now="2026-11-26T15:00")
    moved = ok("visit", "edit", "2", "--customer", "赵总", now="2026-11-26T15:05").out
    assert "follow-up #1 发合同 is open again: this contact no longer closes it" in moved
    assert stored(db, "SELECT status, done_at, done_by_entry_id FROM followups") == [("open", None, None)]
    ok("visit", "edit", "2", "--customer", "周总", now="2026-11-26T15:06")  # back: it closes it again
    assert stored(db, "SELECT status, done_by_entry_id FROM followups") == [("done", 2)]
    earlier = ok("visit", "edit", "2", "--at", "2026-11-25 16:00", now="2026-11-26T15:07").out  # before it was due
    assert "is open again" in earlier and stored(db, "SELECT status FROM followups") == [("open",)]
    ok("undo", now="2026-11-26T15:08")
    assert stored(db, "SELECT status, done_by_entry_id FROM followups") == [("done", 2)]


def test_removing_the_contact_that_closed_a_follow_up_opens_it_again(db):
    ok("visit", "add", "周总", "-k", "call", "--next", "发合同", "--next-date", "2026-11-26", now="2026-11-25T11:00")
    ok("visit", "add", "周总", "-k", "call", now="2026-11-26T15:00")
    removed = ok("visit", "rm", "2", "--yes", now="2026-11-26T15:05").out
    assert "follow-up #1 发合同 is open again" in removed
    assert stored(db, "SELECT status, done_by_entry_id FROM followups") == [("open", None)]
    ok("undo", now="2026-11-26T15:06")
    assert stored(db, "SELECT status, done_by_entry_id FROM followups") == [("done", 2)]


def test_a_follow_up_left_by_its_closing_contact_is_closed_by_the_next_one_that_can(db):
    ok("visit", "add", "周总", "--next", "发合同", "--next-date", "2026-11-30", now="2026-11-25T11:00")
    ok("visit", "add", "周总", "-k", "call", now="2026-12-01T10:00")  # #2 closes it
    ok("visit", "add", "周总", "-k", "call", now="2026-12-03T10:00")  # #3, later
    removed = ok("visit", "rm", "2", "--yes", now="2026-12-04T09:00").out
    assert "open again" not in removed  # #3 closes it instead, when it happened
    assert stored(db, "SELECT status, done_at, done_by_entry_id FROM followups") == [("done", "2026-12-03 10:00:00", 3)]
    moved = ok("visit", "edit", "3", "--at", "2026-11-28 10:00", now="2026-12-04T09:05").out  # before its due day
    assert "follow-up #1 发合同 is open again" in moved
