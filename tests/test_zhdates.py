"""Issue 15: the date words people say, read by the one date parser wherever a
date is typed (--at, --next-date, --since/--until), with the clock frozen on
several weekdays and month ends."""

import json

from conftest import ok, refused, snapshot, stored

WEDNESDAY = "2026-11-25T18:00"  # week Mon 11-23 .. Sun 11-29
SUNDAY = "2026-11-29T10:00"
MONTH_END_MONDAY = "2026-11-30T09:00"
MONTH_END_SATURDAY = "2026-10-31T09:00"
FEBRUARY_FRIDAY = "2026-02-27T09:00"

# (now, option, word, what is stored: `at` for --at, `next_date` for --next-date)
DATE_WORDS = [
    (WEDNESDAY, "--at", "3天前", "2026-11-22 12:00:00"),
    (WEDNESDAY, "--at", "两天前", "2026-11-23 12:00:00"),
    (WEDNESDAY, "--next-date", "三天后", "2026-11-28"),
    (WEDNESDAY, "--next-date", "十天以后", "2026-12-05"),
    (WEDNESDAY, "--at", "上周三", "2026-11-18 12:00:00"),
    (WEDNESDAY, "--at", "星期一", "2026-11-23 12:00:00"),
    (WEDNESDAY, "--at", "这周一", "2026-11-23 12:00:00"),
    (WEDNESDAY, "--next-date", "本周五", "2026-11-27"),
    (WEDNESDAY, "--next-date", "下周一", "2026-11-30"),
    (WEDNESDAY, "--next-date", "下下周一", "2026-12-07"),
    (WEDNESDAY, "--next-date", "下下星期三", "2026-12-09"),
    (WEDNESDAY, "--next-date", "下下礼拜五", "2026-12-11"),
    (WEDNESDAY, "--at", "上礼拜五", "2026-11-20 12:00:00"),
    (WEDNESDAY, "--next-date", "月底", "2026-11-30"),
    (WEDNESDAY, "--next-date", "月初", "2026-12-01"),  # this month's is past: next month's
    (WEDNESDAY, "--next-date", "月中", "2026-12-15"),
    (WEDNESDAY, "--at", "月初", "2026-11-01 12:00:00"),
    (WEDNESDAY, "--next-date", "下个月5号", "2026-12-05"),
    (WEDNESDAY, "--next-date", "周末", "2026-11-28"),
    (WEDNESDAY, "--at", "周末", "2026-11-21 12:00:00"),
    (WEDNESDAY, "--at", "晚上8点", "2026-11-25 20:00:00"),
    (WEDNESDAY, "--at", "昨天中午12点", "2026-11-24 12:00:00"),
    (WEDNESDAY, "--at", "傍晚6点", "2026-11-25 18:00:00"),
    (WEDNESDAY, "--at", "3天前下午2点", "2026-11-22 14:00:00"),
    (WEDNESDAY, "--at", "2小时前", "2026-11-25 16:00:00"),  # a call logged late, to the minute
    (WEDNESDAY, "--at", "半小时前", "2026-11-25 17:30:00"),
    (WEDNESDAY, "--at", "一小时以前", "2026-11-25 17:00:00"),
    (WEDNESDAY, "--at", "90 minutes ago", "2026-11-25 16:30:00"),
    (MONTH_END_MONDAY, "--at", "10小时前", "2026-11-29 23:00:00"),  # across midnight: yesterday's
    (WEDNESDAY, "--at", "3 days ago", "2026-11-22 12:00:00"),
    (WEDNESDAY, "--next-date", "in 3 days", "2026-11-28"),
    (WEDNESDAY, "--next-date", "end of month", "2026-11-30"),
    (WEDNESDAY, "--next-date", "next weekend", "2026-12-05"),
    (SUNDAY, "--next-date", "周末", "2026-11-29"),  # it is the weekend
    (SUNDAY, "--next-date", "下周一", "2026-11-30"),
    (SUNDAY, "--next-date", "下下周一", "2026-12-07"),
    (SUNDAY, "--at", "上周三", "2026-11-18 12:00:00"),
    (SUNDAY, "--at", "两天前", "2026-11-27 12:00:00"),
    (MONTH_END_MONDAY, "--next-date", "月底", "2026-11-30"),  # today is not past
    (MONTH_END_MONDAY, "--next-date", "月初", "2026-12-01"),
    (MONTH_END_MONDAY, "--next-date", "下个月31号", "2026-12-31"),
    (MONTH_END_MONDAY, "--at", "上周三", "2026-11-25 12:00:00"),
    (MONTH_END_MONDAY, "--next-date", "下下周一", "2026-12-14"),
    (MONTH_END_SATURDAY, "--next-date", "月底", "2026-10-31"),
    (MONTH_END_SATURDAY, "--next-date", "月中", "2026-11-15"),
    (MONTH_END_SATURDAY, "--next-date", "周末", "2026-10-31"),
    (MONTH_END_SATURDAY, "--at", "3天前", "2026-10-28 12:00:00"),
    (FEBRUARY_FRIDAY, "--next-date", "月底", "2026-02-28"),
    (FEBRUARY_FRIDAY, "--next-date", "三天后", "2026-03-02"),
    (FEBRUARY_FRIDAY, "--next-date", "下个月31号", "2026-03-31"),
    (FEBRUARY_FRIDAY, "--next-date", "end of next month", "2026-03-31"),
]


def test_every_date_word_reads_as_the_day_meant(monkeypatch):
    """Each word as its option's field reads it (fields.read: the parser and the
    direction --at and --next-date prefer), at the moment SALELOG_NOW gives."""
    from salelog.context import read_clock
    from salelog.fields import ENTRY_FIELDS, read

    by_flag = {f.flags[0]: f for f in ENTRY_FIELDS}
    for now, option, word, expected in DATE_WORDS:
        monkeypatch.setenv("SALELOG_NOW", now)
        assert read(by_flag[option], word, read_clock()) == expected, (now, word)


def test_date_words_typed_on_the_command_line_are_stored_as_read(db):
    """One word per frozen day through visit add, as a user types it."""
    days = {}
    for now, option, word, expected in DATE_WORDS:
        days.setdefault(now, (option, word, expected))
    for now, (option, word, expected) in days.items():
        ok("visit", "add", "张总", option, word, now=now)
        column = "at" if option == "--at" else "next_date"
        assert stored(db, f"SELECT {column} FROM entries ORDER BY id DESC LIMIT 1") == [(expected,)], (now, word)


def test_an_impossible_or_unknown_date_word_says_what_works_in_the_output_language(db):
    ok("visit", "add", "张总")
    before = snapshot(db)
    err = refused("visit", "add", "张总", "--next-date", "下个月31号", now=MONTH_END_SATURDAY).err
    assert err.splitlines()[0] == 'error: no such date "下个月31号": 2026-11 has 30 days'
    err = refused("--lang", "zh", "visit", "add", "张总", "--next-date", "下个月31号", now=MONTH_END_SATURDAY).err
    assert err.splitlines()[0] == 'error: 没有 "下个月31号" 这个日期：2026-11 只有 30 天'
    err = refused("visit", "add", "张总", "--at", "大大前天").err.splitlines()
    assert err[0] == 'error: cannot read date "大大前天"'
    assert all(form in err[1] for form in ("3 days ago", "end of month", "3天前", "下下周一", "月底", "周末"))
    err = refused("--lang", "zh", "visit", "add", "张总", "--at", "大大前天").err.splitlines()
    assert err[0] == 'error: 无法识别日期 "大大前天"' and err[1].startswith("  可以写 2026-11-20、11-20、今天")
    assert "today" not in err[1] and "3天前" in err[1]
    assert snapshot(db) == before


def test_span_words_select_their_first_to_last_day(db):
    for at in ("2026-10-15", "2026-10-31", "2026-11-01", "2026-11-21", "2026-11-23", "2026-11-25 09:00"):
        ok("visit", "add", "张总", "--at", at)

    def days(*options: str) -> list[str]:
        return sorted(e["at"][:10] for e in json.loads(ok("visit", "list", "--json", *options).out))

    assert days("--since", "本周") == ["2026-11-23", "2026-11-25"]
    assert days("--since", "this week") == ["2026-11-23", "2026-11-25"]
    assert days("--since", "上周", "--until", "上周") == ["2026-11-21"]
    assert days("--since", "上个月", "--until", "上个月") == ["2026-10-15", "2026-10-31"]
    assert days("--since", "last month", "--until", "last month") == ["2026-10-15", "2026-10-31"]
    assert days("--since", "本月") == ["2026-11-01", "2026-11-21", "2026-11-23", "2026-11-25"]
    assert days("--until", "上个月") == ["2026-10-15", "2026-10-31"]
    assert days("--since", "上周末", "--until", "上周末") == ["2026-11-21"]
    assert days("--since", "3天前") == ["2026-11-23", "2026-11-25"]
    week = json.loads(ok("week", "--week", "上周", "--json").out)["period"]
    assert week == {"start": "2026-11-16", "end": "2026-11-22"}
    assert json.loads(ok("week", "--week", "下下周一", "--json").out)["period"]["start"] == "2026-12-07"
    assert json.loads(ok("week", "--week", "下下周", "--json").out)["period"]["start"] == "2026-12-07"
    assert days("--since", "上上周", "--until", "上周") == ["2026-11-21"]
