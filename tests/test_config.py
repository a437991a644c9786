"""The config file: every key shown with its default, set from the command line
(checked before anything is written), read back identically, and bad values in
the file named with their line; neglect thresholds and reminder times followed
by `customer list --neglected` and `remind`."""

import json
import stat
import tomllib

import pytest
from conftest import ok, run, stored


@pytest.fixture
def config_file(tmp_path):
    """Where salelog looks without $SALELOG_CONFIG (XDG_CONFIG_HOME is tmp_path/home/config)."""
    return tmp_path / "home" / "config" / "salelog" / "config.toml"


def refused(*args, **kwargs):
    result = run(*args, **kwargs)
    assert result.code == 1 and result.err.startswith("error: ") and "Traceback" not in result.err, result
    assert len(result.err.splitlines()) <= 2, result.err  # the error, and a hint
    return result


@pytest.mark.new_file
def test_without_a_file_show_prints_every_default_and_writes_nothing(config_file):
    assert ok("config", "show").out.splitlines() == [
        "contract_warn_days = 30  # default",
        'currency = ""  # default: none',
        'deal_stages = ["lead 线索 10", "qualified 需求确认 25", "proposal 方案报价 50", "negotiation 商务谈判 75",'
        ' "won 赢单 100", "lost 输单 0"]  # default',
        'default_kind = "visit"  # default',
        "dormant_days = 90  # default",
        "holidays = []  # default",
        "lang: not set (--lang, else the locale decides)",
        "neglect_days = { A = 14, B = 30, C = 0 }  # default",
        "payment_terms_days = 30  # default",
        'remind_log_by = "18:00"  # default',
        'remind_pace_days = ["Wed", "Thu"]  # default',
        'remind_pace_from = "12:00"  # default',
        'remind_targets_by = "Mon 10:00"  # default',
        "stale_days = 14  # default",
        'week_start = "Mon"  # default',
        "workdays = []  # default",
    ]
    assert not config_file.exists()


@pytest.mark.parametrize(
    ("key", "value", "written"),
    [
        ("neglect_days.A", "10", "neglect_days = { A = 10 }"),
        ("neglect_days.c", "60", "neglect_days = { C = 60 }"),
        ("default_kind", "电话", 'default_kind = "call"'),
        ("default_kind", "Meeting", 'default_kind = "meeting"'),
        ("currency", "¥", 'currency = "¥"'),
        ("currency", "US$", 'currency = "US$"'),
        ("remind_targets_by", "周一 9:30", 'remind_targets_by = "Mon 09:30"'),
        ("remind_targets_by", "tuesday 08:00", 'remind_targets_by = "Tue 08:00"'),
        ("remind_pace_days", "fri,Wed,周四", 'remind_pace_days = ["Wed", "Thu", "Fri"]'),
        ("remind_pace_days", "", "remind_pace_days = []"),
        ("remind_pace_from", "15:00", 'remind_pace_from = "15:00"'),
        ("remind_log_by", "7:45", 'remind_log_by = "07:45"'),
    ],
)
def test_config_set_writes_the_key_in_its_plain_form_and_show_prints_it(config_file, key, value, written):
    ok("config", "set", key, value)
    assert config_file.read_text(encoding="utf-8") == written + "\n"
    assert stat.S_IMODE(config_file.stat().st_mode) == 0o600
    if not key.startswith("neglect_days"):  # shown with the classes left out: see below
        assert written in ok("config", "show").out.splitlines()


def test_config_set_on_a_linked_config_writes_the_file_it_points_to(config_file, tmp_path):
    dotfiles = tmp_path / "dotfiles" / "salelog.toml"
    dotfiles.parent.mkdir()
    dotfiles.write_text('lang = "en"\n', encoding="utf-8")
    config_file.parent.mkdir(parents=True)
    config_file.symlink_to(dotfiles)
    ok("config", "set", "lang", "zh")
    assert config_file.is_symlink()
    assert tomllib.loads(dotfiles.read_text(encoding="utf-8"))["lang"] == "zh"


def test_a_bad_time_in_remind_targets_by_is_hinted_with_a_whole_value(config_file):
    result = refused("config", "set", "remind_targets_by", "Mon 10")
    assert result.err.splitlines()[1].strip() == 'e.g. remind_targets_by = "Mon 10:00"'
    assert not config_file.exists()


def test_setting_one_neglect_class_keeps_the_others(config_file):
    ok("config", "set", "neglect_days.A", "10")
    ok("config", "set", "neglect_days.C", "90")
    ok("config", "set", "neglect_days.A", "7")
    assert tomllib.loads(config_file.read_text(encoding="utf-8"))["neglect_days"] == {"A": 7, "C": 90}
    assert "neglect_days = { A = 7, B = 30, C = 90 }  # B: default" in ok("config", "show").out


def test_a_file_written_by_config_set_reads_back_identically(config_file):
    for key, value in [
        ("holidays", "2026-10-02,2026-10-01"),
        ("workdays", "2026-10-10"),
        ("lang", "zh"),
        ("neglect_days.B", "21"),
        ("neglect_days.A", "0"),
        ("remind_targets_by", "Mon 9:00"),
        ("remind_pace_days", "Thu"),
        ("remind_pace_from", "14:30"),
        ("remind_log_by", "19:00"),
        ("default_kind", "微信"),
        ("currency", 'R"\\'),  # a quote and a backslash, escaped in TOML
        ("week_start", "sunday"),
    ]:
        ok("config", "set", key, value)
    written = config_file.read_text(encoding="utf-8")
    assert tomllib.loads(written) == {
        "currency": 'R"\\',
        "default_kind": "message",
        "holidays": ["2026-10-01", "2026-10-02"],
        "lang": "zh",
        "neglect_days": {"A": 0, "B": 21},
        "remind_log_by": "19:00",
        "remind_pace_days": ["Thu"],
        "remind_pace_from": "14:30",
        "remind_targets_by": "Mon 09:00",
        "week_start": "Sun",
        "workdays": ["2026-10-10"],
    }
    shown = ok("config", "show").out
    ok("config", "set", "lang", "zh")  # load, check and save again: the same bytes
    assert config_file.read_text(encoding="utf-8") == written
    assert ok("config", "show").out == shown and "# default" not in shown
    assert 'currency = "R\\"\\\\"' in shown


@pytest.mark.parametrize(
    ("key", "value", "message"),
    [
        ("neglect_days.D", "5", "neglect_days has no class 'D'"),
        ("neglect_days.A", "ten", "neglect_days.A must be a whole number of days from 0 to 3650, not 'ten'"),
        ("neglect_days.A", "5000", "neglect_days.A must be a whole number of days from 0 to 3650, not 5000"),
        ("neglect_days", "10", "set neglect_days one class at a time"),
        ("lang.A", "zh", "lang has no parts like 'lang.A'"),
        ("default_kind", "fax", "default_kind must be a kind, not 'fax'"),
        ("currency", "EURO", "currency must be a symbol of at most 3 printable characters, not 'EURO'"),
        ("currency", "¥\x1b", "currency must be a symbol of at most 3 printable characters, not '¥\\x1b'"),
        ("currency", "\u202e$", "currency must be a symbol of at most 3 printable characters"),
        ("remind_targets_by", "10:00", "remind_targets_by must be a weekday and a time, not '10:00'"),
        ("remind_targets_by", "Funday 10:00", "'Funday' in remind_targets_by is not a weekday"),
        ("remind_targets_by", "Mon 24:00", "remind_targets_by must be a time of day like 18:00, not '24:00'"),
        ("remind_pace_days", "Wed,someday", "'someday' in remind_pace_days is not a weekday"),
        ("remind_pace_from", "3pm", "remind_pace_from must be a time of day like 18:00, not '3pm'"),
        ("remind_log_by", "18:5", "remind_log_by must be a time of day like 18:00, not '18:5'"),
        ("holidays", "2026-13-01", "'2026-13-01' in holidays is not a date"),
        ("weekstart", "sun", "unknown key 'weekstart'"),
    ],
)
def test_a_bad_value_is_refused_and_the_file_is_left_alone(config_file, key, value, message):
    ok("config", "set", "lang", "en")
    before = config_file.read_bytes()
    assert refused("config", "set", key, value).err.splitlines()[0].startswith(f"error: {message}")
    assert config_file.read_bytes() == before
    assert not [p.name for p in config_file.parent.iterdir() if ".tmp" in p.name]  # no temporary file left


def test_a_bad_value_is_refused_before_a_file_exists(config_file):
    refused("config", "set", "currency", "EURO")
    assert not config_file.exists()


@pytest.mark.parametrize(
    ("text", "line", "message"),
    [
        ('lang = "en"\n\n[neglect_days]\nA = 3\nB = "x"\n', 5, "neglect_days.B must be a whole number of days"),
        ('lang = "en"\nneglect_days.A = 3\nneglect_days.C = -1\n', 3, "neglect_days.C must be a whole number"),
        ('lang = "en"\nneglect_days = { A = 3, D = 4 }\n', 2, "neglect_days has no class 'D'"),
        ('lang = "en"\nneglect_days = 14\n', 2, "neglect_days must be a table of days per class"),
        ('lang = "en"\nremind_targets_by = "Monday"\n', 2, "remind_targets_by must be a weekday and a time"),
        ('lang = "en"\nremind_pace_days = "Wed"\n', 2, "remind_pace_days must be a list of weekdays"),
        ('lang = "en"\nremind_pace_from = "noon"\n', 2, "remind_pace_from must be a time of day like 18:00"),
        ('lang = "en"\n\nremind_log_by = 1800\n', 3, "remind_log_by must be a time of day like 18:00, not 1800"),
        ('lang = "en"\ndefault_kind = "fax"\n', 2, "default_kind must be a kind, not 'fax'"),
        ('lang = "en"\ncurrency = "EURO"\n', 2, "currency must be a symbol of at most 3 printable characters"),
        ('lang = "en"\ncurrency = 5\n', 2, "currency must be a symbol of at most 3 printable characters, not 5"),
        ('lang = "en"\nlang_of_notes = "zh"\n', 2, "unknown key 'lang_of_notes'"),
    ],
)
def test_a_bad_value_in_the_file_names_the_file_and_line(config_file, text, line, message):
    ok("goal", "set", "visits", "1")
    config_file.parent.mkdir(parents=True)
    config_file.write_text(text, encoding="utf-8")
    for command in (("config", "show"), ("week",), ("remind",), ("customer", "list", "--neglected")):
        err = refused(*command).err
        assert err.startswith(f"error: config {config_file}, line {line}: {message}"), (command, err)


def test_hand_written_toml_times_dates_and_chinese_names_are_accepted(config_file):
    config_file.parent.mkdir(parents=True)
    config_file.write_text(
        'remind_log_by = 17:30:00\nholidays = [2026-10-01]\ndefault_kind = "电话"\n'
        'remind_pace_days = ["星期五", "monday"]\n[neglect_days]\nb = 45\n',
        encoding="utf-8",
    )
    shown = ok("config", "show").out
    for line in (
        'remind_log_by = "17:30"',
        'holidays = ["2026-10-01"]',
        'default_kind = "call"',
        'remind_pace_days = ["Mon", "Fri"]',
        "neglect_days = { A = 14, B = 45, C = 0 }  # A, C: default",
    ):
        assert line in shown


def test_config_set_repairs_a_bad_value_but_not_past_another_one(config_file):
    config_file.parent.mkdir(parents=True)
    config_file.write_text('currency = "EURO"\nlang = "en"\n', encoding="utf-8")
    ok("config", "set", "currency", "€")
    assert 'currency = "€"' in ok("config", "show").out
    config_file.write_text('currency = "EURO"\nlang = "en"\n', encoding="utf-8")
    err = refused("config", "set", "lang", "zh").err
    assert err.startswith(f"error: config {config_file}, line 1: currency must be")
    assert config_file.read_text(encoding="utf-8") == 'currency = "EURO"\nlang = "en"\n'


def test_config_help_names_every_key():
    for command in (("config", "--help"), ("config", "set", "--help")):
        out = ok(*command).out
        for key in (
            "holidays",
            "workdays",
            "lang",
            "neglect_days",
            "remind_targets_by",
            "remind_pace_days",
            "remind_pace_from",
            "remind_log_by",
            "default_kind",
            "currency",
        ):
            assert key in out, (command, key)


# Neglect thresholds


def add_customers_last_seen():
    """Today is Wednesday 2026-11-25."""
    for name, klass, last in (
        ("甲", "A", "2026-11-15"),  # 10 days
        ("乙", "B", "2026-11-05"),  # 20 days
        ("丙", "C", "2026-09-26"),  # 60 days
        ("丁", "C", "2026-11-15"),  # 10 days
    ):
        ok("customer", "add", name, "--class", klass)
        ok("visit", "add", name, "--at", last)


def neglected(*options):
    return [c["name"] for c in json.loads(ok("customer", "list", "--neglected", "--json", *options).out)]


def test_neglected_customers_follow_the_configured_days_per_class():
    add_customers_last_seen()
    assert neglected() == []  # A after 14 days, B after 30, C never
    ok("config", "set", "neglect_days.A", "10")
    ok("config", "set", "neglect_days.B", "20")
    ok("config", "set", "neglect_days.C", "60")
    assert neglected() == ["丙", "乙", "甲"]
    ok("config", "set", "neglect_days.B", "0")  # 0: B is never neglected
    assert neglected() == ["丙", "甲"]
    assert neglected("--b-days", "15", "--c-days", "0") == ["乙", "甲"]  # the options still win


def test_remind_names_a_customers_after_the_configured_days():
    ok("goal", "set", "visits", "1")
    ok("customer", "add", "张总", "--class", "A")
    ok("visit", "add", "张总", "--at", "2026-11-20 10:00")  # 4 days before Tuesday 2026-11-24
    ok("customer", "add", "李经理", "--class", "B")
    ok("visit", "add", "李经理", "--at", "2026-10-01 10:00")
    assert ok("remind", now="2026-11-24T12:00").out == ""
    ok("config", "set", "neglect_days.A", "4")
    ok("config", "set", "neglect_days.B", "1")  # remind speaks of A customers only
    assert ok("remind", now="2026-11-24T12:00").out == "- A customer 张总: no contact for 4 days\n"
    ok("config", "set", "neglect_days.A", "0")
    assert ok("remind", now="2026-11-24T12:00").out == ""


# Reminder times


def reminded(now):
    return [r["kind"] for r in json.loads(ok("remind", "--json", now=now).out)]


def test_missing_targets_are_reminded_from_the_configured_weekday_and_time():
    ok("visit", "add", "张总", "--at", "2026-11-20 10:00")
    ok("config", "set", "remind_targets_by", "Tue 09:30")
    assert reminded("2026-11-23T10:00") == []  # Monday 10:00: the default no longer applies
    assert reminded("2026-11-24T09:29") == []
    assert reminded("2026-11-24T09:30") == ["no_targets"]
    assert reminded("2026-11-26T09:00") == ["no_targets"]  # and the rest of the week


def test_pace_is_checked_on_the_configured_days_from_the_configured_time():
    ok("goal", "set", "visits", "15")
    ok("visit", "add", "张总", "--at", "2026-11-23 10:00")
    assert "behind_pace" in reminded("2026-11-25T12:00")  # the default: Wednesday from 12:00
    ok("config", "set", "remind_pace_days", "Tue,Fri")
    ok("config", "set", "remind_pace_from", "15:00")
    assert "behind_pace" not in reminded("2026-11-25T16:00")
    assert "behind_pace" not in reminded("2026-11-24T14:59")
    assert "behind_pace" in reminded("2026-11-24T15:00")
    ok("config", "set", "remind_pace_days", "")
    assert "behind_pace" not in reminded("2026-11-24T15:00")


def test_an_empty_day_is_reminded_from_the_configured_time():
    ok("goal", "set", "visits", "1")
    assert reminded("2026-11-24T17:00") == []
    ok("config", "set", "remind_log_by", "16:30")
    assert reminded("2026-11-24T16:29") == []
    assert reminded("2026-11-24T16:30") == ["nothing_logged"]
    assert reminded("2026-11-28T16:30") == []  # Saturday is not a working day


def test_default_kind_is_what_visit_add_logs_without_kind(db):
    ok("config", "set", "default_kind", "电话")
    ok("visit", "add", "张总")
    ok("visit", "add", "李经理", "--kind", "visit")  # the option still wins
    assert stored(
        db, "SELECT c.name, e.kind FROM entries e JOIN customers c ON c.id = e.customer_id ORDER BY e.id"
    ) == [
        ("张总", "call"),
        ("李经理", "visit"),
    ]


def test_currency_symbol_shows_before_amounts_in_reports_not_in_json_or_storage(db):
    ok("goal", "set", "revenue", "50万")
    before = ok("week").out
    ok("config", "set", "currency", "¥")
    logged = ok("visit", "add", "张总", "--amount", "1.2w").out
    assert "¥1.2万" in logged
    week = ok("week").out
    assert "¥50万" in week and "¥1.2万" in week and "50万" in before and "¥" not in before
    assert ok("week", "--json").out.count("¥") == 0
    for command in (("today", "--json"), ("review", "--json")):  # their sentences too
        out = ok(*command).out
        assert "万" in out and "¥" not in out, command
    assert "¥" in ok("today").out
    assert stored(db, "SELECT amount_fen FROM entries") == [(1_200_000,)]
    assert "¥1.2万" in ok("visit", "list").out


def test_week_start_sunday_moves_every_week_by_one_day(db):
    ok("config", "set", "week_start", "周日")
    assert 'week_start = "Sun"' in ok("config", "show").out
    ok("visit", "add", "张总", "--at", "2026-11-22 10:00")  # the Sunday before Wednesday 25th
    ok("visit", "add", "李经理", "--at", "2026-11-21 10:00")  # Saturday: last week now
    ok("goal", "set", "visits", "5")
    week = json.loads(ok("week", "--json").out)
    assert week["period"] == {"start": "2026-11-22", "end": "2026-11-28"}
    assert {m["metric"]: m["actual"] for m in week["metrics"]}["visits"] == 1
    assert json.loads(ok("week", "--week", "last", "--json").out)["period"]["start"] == "2026-11-15"
    assert stored(db, "SELECT period, start_date FROM goals") == [("week", "2026-11-22")]
    assert "Week 48 · 2026-11-22 → 2026-11-28" in ok("week").out
    ok("visit", "add", "王总", "--at", "上周五 10:00", now="2026-11-22T12:00")  # a Sunday: the week's first day
    assert stored(db, "SELECT at FROM entries ORDER BY id DESC LIMIT 1") == [("2026-11-20 10:00:00",)]  # 2 days ago


def test_week_start_must_be_a_weekday(config_file):
    refused("config", "set", "week_start", "Funday")
    assert not config_file.exists()


def test_the_parsed_config_is_kept_beside_it_until_the_file_changes(config_file, monkeypatch):
    """`import tomllib` costs 1.7x Python's start-up: what it made of the file is kept
    (owner-only) and read back while the file is as it was; a change is read at once."""
    import os
    import sys

    config_file.parent.mkdir(parents=True)
    config_file.write_text('lang = "zh"\n')
    kept = config_file.parent / ".config.toml.parsed"
    ok("week")
    assert not kept.exists()  # a file just written is not kept: its times may not show the next write
    an_hour_ago = config_file.stat().st_mtime - 3600
    os.utime(config_file, (an_hour_ago, an_hour_ago))
    ok("week")
    assert stat.S_IMODE(kept.stat().st_mode) == 0o600
    monkeypatch.setitem(sys.modules, "tomllib", None)  # from here on, parsing TOML would fail
    assert ok("week").out.startswith("第48周")
    config_file.write_text('lang = "en"\n')  # the same size, just written
    monkeypatch.delitem(sys.modules, "tomllib")
    assert ok("week").out.startswith("Week 48")
    os.utime(config_file, (an_hour_ago, an_hour_ago))
    kept.write_bytes(b"\x00not marshal")  # a damaged copy is ignored, and replaced
    assert ok("week").out.startswith("Week 48")
    monkeypatch.setitem(sys.modules, "tomllib", None)
    assert ok("week").out.startswith("Week 48")


def test_a_config_that_is_not_a_regular_file_gets_nothing_written_beside_it(monkeypatch):
    import os

    monkeypatch.setenv("SALELOG_CONFIG", os.devnull)
    ok("week")
    assert not os.path.exists(os.path.join(os.path.dirname(os.devnull), ".null.parsed"))


def test_a_config_path_that_is_a_folder_is_said_so(tmp_path):
    (tmp_path / "cfg").mkdir()
    result = run("week", env={"SALELOG_CONFIG": str(tmp_path / "cfg")})
    assert result.code == 1 and result.err.startswith(f"error: config {tmp_path / 'cfg'} is a folder")


@pytest.mark.new_file
def test_config_get_prints_each_value_as_config_set_takes_it(config_file):
    assert ok("config", "get", "stale_days").out == "14\n"
    assert ok("config", "get", "lang").out == "\n"  # not set: nothing, for $(salelog config get lang)
    assert ok("config", "get", "neglect_days").out == "A=14,B=30,C=0\n"
    assert not config_file.exists()  # reading writes nothing
    ok("config", "set", "holidays", "2026-10-01,2026-10-02")
    ok("config", "set", "neglect_days.b", "21")
    ok("config", "set", "remind_pace_days", "Wed,Fri")
    assert ok("config", "get", "holidays").out == "2026-10-01,2026-10-02\n"
    assert ok("config", "get", "neglect_days.B").out == "21\n"
    assert ok("config", "get", "neglect_days.a").out == "14\n"  # the class's default
    pace = ok("config", "get", "remind_pace_days").out.strip()
    ok("config", "set", "remind_pace_days", pace)  # what get prints, set takes back unchanged
    assert tomllib.loads(config_file.read_text())["remind_pace_days"] == ["Wed", "Fri"]
    assert ok("config", "get", "name").out == "\n"
    ok("config", "set", "name", "王小明")
    assert ok("config", "get", "name").out == "王小明\n"


@pytest.mark.new_file
def test_config_get_refuses_an_unknown_key_or_part_and_names_a_bad_line(config_file):
    assert "unknown key 'foo'" in refused("config", "get", "foo").err
    assert "lang has no parts like 'lang.x'" in refused("config", "get", "lang.x").err
    assert "neglect_days has no class 'D'" in refused("config", "get", "neglect_days.D").err
    config_file.parent.mkdir(parents=True)
    config_file.write_text('lang = "en"\nstale_days = "x"\n')
    assert "line 2" in refused("config", "get", "stale_days").err


@pytest.mark.new_file
def test_a_negative_value_is_refused_as_a_value_not_taken_for_an_option(config_file):
    result = refused("config", "set", "stale_days", "-1")
    assert "stale_days must be a whole number of days from 1 to 3650, not '-1'" in result.err
    assert not config_file.exists()
