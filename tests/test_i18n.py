"""Chinese output: messages, errors, verdicts, reminders and review notes in
Chinese with --lang zh or a Chinese locale, and English ones left exactly as
they were. The clock is Wednesday 2026-11-25 18:00 (conftest.py)."""

import json
import string

import pytest
from conftest import ok, run

from salelog.i18n_zh import ZH

CHINESE_LOCALE = {"LANG": "zh_CN.UTF-8"}
# The two ways of asking for Chinese: the option, and the locale alone.
CHINESE = [pytest.param(("--lang", "zh"), {}, id="--lang zh"), pytest.param((), CHINESE_LOCALE, id="LANG=zh_CN")]


def a_week_behind_with_a_late_followup():
    """A visits target of 5 with one visit on Monday whose next step was due Tuesday."""
    ok("goal", "set", "visits", "5")
    ok("visit", "add", "王总", "--next", "报价", "--next-date", "2026-11-24", "--at", "2026-11-23")


@pytest.mark.parametrize("option, env", CHINESE)
def test_visit_add_confirms_in_chinese(option, env):
    out = ok(*option, "visit", "add", "张总", "--kind", "call", "--amount", "1.2w", env=env).out
    assert out == "已记录 #1：电话 · 张总（新客户） · 1.2万\n"


def test_visit_add_confirms_in_english_as_before():
    assert ok("visit", "add", "张总", "--kind", "call", "--amount", "1.2w").out == (
        "logged #1: call with 张总 (new customer) · 1.2万\n"
    )


@pytest.mark.parametrize("option, env", CHINESE)
def test_goal_set_confirms_in_chinese_keeping_the_metric_id(option, env):
    out = ok(*option, "goal", "set", "revenue", "50万", env=env).out
    assert out == "revenue 2026-W48 周目标（2026-11-23 → 2026-11-29）：50万\n"
    again = ok(*option, "goal", "set", "revenue", "60万", env=env).out
    assert again.endswith("：60万（原为 50万，已留在历史中）\n")


def test_goal_set_confirms_in_english_as_before():
    assert ok("goal", "set", "revenue", "50万").out == (
        "revenue target for week 2026-W48 (2026-11-23 → 2026-11-29): 50万\n"
    )


@pytest.mark.parametrize("option, env", CHINESE)
def test_a_bad_amount_is_refused_in_chinese(option, env):
    result = run(*option, "visit", "add", "张总", "--amount", "abc", env=env)
    assert result.code == 1
    assert result.err.splitlines() == [
        'error: 无法识别金额 "abc"',  # the error: prefix stays as scripts grep for it
        "  可以写 3500、12,000、1.2w、12k、50万、一万二、¥3,500.50",
    ]


def test_a_bad_amount_is_refused_in_english_as_before():
    result = run("visit", "add", "张总", "--amount", "abc")
    assert result.err.splitlines() == [
        'error: cannot read amount "abc"',
        "  write e.g. 3500, 12,000, 1.2w, 12k, 50万, 一万二, ¥3,500.50",
    ]


@pytest.mark.parametrize("option, env", CHINESE)
def test_a_bad_date_is_refused_in_chinese(option, env):
    result = run(*option, "visit", "add", "张总", "--at", "13月40日", env=env)
    assert result.code == 1
    assert result.err.splitlines()[0] == 'error: 没有 "13月40日" 这个日期'
    assert result.err.splitlines()[1].startswith("  可以写 2026-11-20、11-20、今天、昨天")


def test_a_bad_date_is_refused_in_english_as_before():
    result = run("visit", "add", "张总", "--at", "13月40日")
    assert result.err.splitlines()[0] == 'error: no such date "13月40日"'


@pytest.mark.parametrize("option, env", CHINESE)
def test_an_unknown_metric_suggests_the_close_one_in_chinese(option, env):
    ok("goal", "set", "visits", "5")  # a database exists: the custom metrics are looked up
    result = run(*option, "goal", "set", "revnue", "5万", env=env)
    assert result.code == 1
    message, hint = result.err.splitlines()
    assert message == "error: 没有指标“revnue”；您是不是要找 revenue？"
    assert hint.startswith("  已有指标：revenue, deals,") and "salelog goal set NAME N --custom" in hint


def test_an_unknown_metric_suggests_the_close_one_in_english_as_before():
    ok("goal", "set", "visits", "5")
    result = run("goal", "set", "revnue", "5万")
    assert result.err.splitlines()[0] == 'error: unknown metric "revnue"; did you mean revenue?'


@pytest.mark.parametrize("option, env", CHINESE)
def test_today_gives_its_verdict_in_chinese(option, env):
    a_week_behind_with_a_late_followup()
    first = ok(*option, "today", env=env).out.splitlines()[0]
    assert first.rstrip() == "今天 · 周三 2026-11-25 · 落后：2 拜访"


def test_today_gives_its_verdict_in_english_as_before_and_json_stays_english():
    a_week_behind_with_a_late_followup()
    assert ok("today").out.splitlines()[0].rstrip() == "Today · Wed 2026-11-25 · behind by 2 visits"
    verdict = json.loads(ok("--lang", "zh", "today", "--json").out)["verdict"]
    assert verdict["text"] == "behind by 2 visits"


@pytest.mark.parametrize("option, env", CHINESE)
def test_remind_lines_are_in_chinese(option, env):
    a_week_behind_with_a_late_followup()
    lines = ok(*option, "remind", env=env).out.splitlines()
    assert "- 跟进 #1 王总：报价（逾期 1 天）" in lines
    assert "- 落后：2 拜访" in lines


def test_remind_lines_are_in_english_as_before_and_json_stays_english():
    a_week_behind_with_a_late_followup()
    lines = ok("remind").out.splitlines()
    assert "- follow-up #1 王总: 报价 (1 day overdue)" in lines
    assert "- behind by 2 visits" in lines
    items = json.loads(ok("--lang", "zh", "remind", "--json").out)
    assert {"kind": "followup", "text": "follow-up #1 王总: 报价 (1 day overdue)"} in items


@pytest.mark.parametrize("option, env", CHINESE)
def test_review_notes_are_in_chinese(option, env):
    a_week_behind_with_a_late_followup()
    out = ok(*option, "review", env=env).out
    assert "visits 1/5 (20%) —— 周二和周三一次都没有" in out
    assert "本周到期的跟进没有按时完成（王总 报价）" in out
    markdown = ok(*option, "review", "--markdown", env=env).out
    assert "## 待改进" in markdown and "- visits 1/5 (20%) —— 周二和周三一次都没有" in markdown


def test_review_notes_are_in_english_as_before_and_json_stays_english():
    a_week_behind_with_a_late_followup()
    assert "visits 1/5 (20%) — Tuesday and Wednesday had none" in ok("review").out
    notes = json.loads(ok("--lang", "zh", "review", "--json").out)["notes"]
    assert notes[0]["text"] == "visits 1/5 (20%) — Tuesday and Wednesday had none"
    assert "shown" not in notes[0]


def test_a_bad_config_under_a_chinese_locale_is_reported_not_looped(tmp_path):
    config = tmp_path / "config.toml"
    config.write_text('lang = "fr"\n', encoding="utf-8")
    result = run("week", env=CHINESE_LOCALE | {"SALELOG_CONFIG": str(config)})
    assert result.code == 1 and "Traceback" not in result.err
    assert result.err.startswith(f"error: 配置文件 {config} 第 1 行：lang 只能是")


@pytest.mark.parametrize("option, env", CHINESE)
def test_a_config_error_names_its_file_and_line_in_chinese(tmp_path, option, env):
    config = tmp_path / "config.toml"
    config.write_text('holidays = []\nremind_log_by = "25:00"\nfoo = 1\n', encoding="utf-8")
    result = run(*option, "week", env=env | {"SALELOG_CONFIG": str(config)})
    assert result.code == 1
    assert result.err.splitlines()[0] == f"error: 配置文件 {config} 第 3 行：未知的键 'foo'"
    assert result.err.splitlines()[1].startswith(
        "  可用的键：contract_warn_days, currency, deal_stages, default_kind, dormant_days,"
    )
    config.write_text('holidays = []\nremind_log_by = "25:00"\n', encoding="utf-8")
    result = run(*option, "week", env=env | {"SALELOG_CONFIG": str(config)})
    assert result.err.splitlines() == [
        f"error: 配置文件 {config} 第 2 行：remind_log_by 应为 18:00 这样的时刻，不能是 '25:00'",
        '  如 remind_log_by = "18:00"',
    ]


def test_a_config_error_names_its_file_and_line_in_english_as_before(tmp_path):
    config = tmp_path / "config.toml"
    config.write_text('holidays = []\nremind_log_by = "25:00"\nfoo = 1\n', encoding="utf-8")
    result = run("week", env={"SALELOG_CONFIG": str(config)})
    assert result.err.splitlines()[0] == f"error: config {config}, line 3: unknown key 'foo'"
    config.write_text('holidays = []\nremind_log_by = "25:00"\n', encoding="utf-8")
    result = run("week", env={"SALELOG_CONFIG": str(config)})
    assert result.err.splitlines() == [
        f"error: config {config}, line 2: remind_log_by must be a time of day like 18:00, not '25:00'",
        '  e.g. remind_log_by = "18:00"',
    ]


def test_a_config_that_says_lang_zh_tells_its_other_errors_in_chinese(tmp_path):
    config = tmp_path / "config.toml"
    config.write_text('lang = "zh"\nneglect_days = { A = -1 }\n', encoding="utf-8")
    result = run("week", env={"SALELOG_CONFIG": str(config)})  # an English locale
    assert result.code == 1 and "Traceback" not in result.err
    assert result.err.splitlines()[0] == (
        f"error: 配置文件 {config} 第 2 行：neglect_days.A 应为 0 到 3650 的整数天数，不能是 -1"
    )


@pytest.mark.parametrize("option, env", CHINESE)
def test_config_show_and_set_in_chinese(option, env):
    out = ok(*option, "config", "show", env=env).out.splitlines()
    assert 'currency = ""  # 默认：无' in out
    assert "lang：未设置（由 --lang 决定，否则看系统语言环境）" in out
    assert 'remind_log_by = "18:00"  # 默认' in out
    path = ok("config", "path").out.strip()
    assert (
        ok(*option, "config", "set", "neglect_days.A", "10", env=env).out == f"已设置 neglect_days.A = 10（{path}）\n"
    )
    assert "neglect_days = { A = 10, B = 30, C = 0 }  # B, C：默认" in ok(*option, "config", "show", env=env).out


def test_config_show_and_set_in_english_as_before():
    out = ok("config", "show").out.splitlines()
    assert 'currency = ""  # default: none' in out
    assert "lang: not set (--lang, else the locale decides)" in out
    assert 'remind_log_by = "18:00"  # default' in out
    path = ok("config", "path").out.strip()
    assert ok("config", "set", "neglect_days.A", "10").out == f"neglect_days.A = 10 in {path}\n"
    assert "neglect_days = { A = 10, B = 30, C = 0 }  # B, C: default" in ok("config", "show").out


def a_file_to_import(tmp_path, bad=False):
    path = tmp_path / "visits.csv"
    amount = "abc" if bad else ""
    path.write_text(f"客户,日期,类型,金额\n张总,2026-11-20,电话,5000\n王总,2026-11-21,,{amount}\n", encoding="utf-8")
    return str(path)


@pytest.mark.parametrize("option, env", CHINESE)
def test_an_import_error_names_row_and_column_in_chinese(tmp_path, option, env):
    result = run(*option, "import", "entries", a_file_to_import(tmp_path, bad=True), env=env)
    assert result.code == 1
    assert result.err.splitlines() == [
        'error: 第 3 行，金额 列：无法识别金额 "abc"',
        "  可以写 3500、12,000、1.2w、12k、50万、一万二、¥3,500.50；未导入任何内容",
    ]


def test_an_import_error_names_row_and_column_in_english_as_before(tmp_path):
    result = run("import", "entries", a_file_to_import(tmp_path, bad=True))
    assert result.err.splitlines() == [
        'error: row 3, column 金额: cannot read amount "abc"',
        "  write e.g. 3500, 12,000, 1.2w, 12k, 50万, 一万二, ¥3,500.50; nothing was imported",
    ]


@pytest.mark.parametrize("option, env", CHINESE)
def test_an_import_dry_run_in_chinese(tmp_path, option, env):
    out = ok(*option, "import", "entries", a_file_to_import(tmp_path), "--dry-run", env=env).out.splitlines()
    assert out[0] == "第 2 行：添加 2026-11-20 12:00 电话 · 张总（新客户） · 5,000"
    assert out[2].endswith("导入 2 条记录（2 个新客户：张总，王总）；未写入（--dry-run）")


def test_an_import_dry_run_in_english_as_before(tmp_path):
    file = a_file_to_import(tmp_path)
    out = ok("import", "entries", file, "--dry-run").out.splitlines()
    assert out == [
        "row 2: add call with 张总 (new customer) at 2026-11-20 12:00 · 5,000",
        "row 3: add visit with 王总 (new customer) at 2026-11-21 12:00",
        f"would import 2 entries from {file} (2 new customers: 张总, 王总); nothing written (--dry-run)",
    ]


@pytest.mark.parametrize("option, env", CHINESE)
def test_doctor_in_chinese(db, option, env):
    ok("visit", "add", "张总")
    out = ok(*option, "doctor", env=env).out.splitlines()
    assert out[0] == f"数据库：     {db}"
    assert "结构版本：" in out[-5] and "；最新）" in out[-5]
    assert out[-3:] == [
        "完整性：     正常",
        "行数：       1 个客户，1 条记录，0 条跟进，0 项任务，0 个目标",
        "汇总：       正常",
    ]
    missing = run(*option, "--db", str(db) + ".none", "doctor", env=env)
    assert missing.code == 1 and missing.err.splitlines()[0] == f"error: {db}.none 没有 salelog 数据库"


def test_doctor_in_english_as_before(db):
    ok("visit", "add", "张总")
    out = ok("doctor").out.splitlines()
    assert out[0] == f"database:   {db}"
    assert out[-5].startswith("schema:     ") and out[-5].endswith("; current)")
    assert out[-3:] == [
        "integrity:  ok",
        "rows:       1 customer, 1 entry, 0 follow-ups, 0 tasks, 0 goals",
        "derived:    ok",
    ]
    missing = run("--db", str(db) + ".none", "doctor")
    assert missing.err.splitlines()[0] == f"error: no salelog database at {db}.none"


def placeholders(text: str) -> set[str]:
    return {field for _, field, _, _ in string.Formatter().parse(text) if field is not None}


def test_every_translation_keeps_the_placeholders_of_its_english():
    wrong = {key: value for key, value in ZH.items() if placeholders(key) != placeholders(value)}
    assert not wrong


def test_text_errors_in_chinese_and_english():
    zh = run("visit", "add", " ", "--lang", "zh")
    assert zh.code == 1 and zh.err.splitlines() == ["error: 客户名称 为空", "  请给出名称，例如 salelog visit add 张总"]
    en = run("visit", "add", "张总", "--tag", "a\x01")
    assert en.code == 1 and en.err.splitlines()[0] == "error: --tag contains control characters (\\x01)"


def test_every_message_in_the_code_has_its_chinese_translation():
    """Output follows the language everywhere: each literal passed to tr() or
    raised as a SalelogError template is a key of the catalogue."""
    import ast
    from pathlib import Path

    import salelog
    from salelog.i18n_zh import ZH

    untranslated = []
    for path in Path(salelog.__file__).parent.rglob("*.py"):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if not (isinstance(node, ast.Call) and isinstance(node.func, ast.Name)):
                continue
            if node.func.id == "tr":
                texts = node.args[:1]
            elif node.func.id in ("SalelogError", "UsageProblem"):
                texts = node.args[:2]
            else:
                continue
            for text in texts:
                if isinstance(text, ast.JoinedStr):
                    untranslated.append(f"{path.name}:{node.lineno} an f-string: use a template and values")
                elif isinstance(text, ast.Constant) and isinstance(text.value, str) and text.value not in ZH:
                    untranslated.append(f"{path.name}:{node.lineno} {text.value[:60]}")
    assert untranslated == []


def test_the_lang_option_says_what_it_changes():
    help_text = ok("--help").out
    assert "the language of tables, messages and reports" in help_text and "review --markdown" not in help_text


def test_a_target_s_source_reads_as_chinese_dates():
    now = "2026-12-01T09:30"
    ok("goal", "set", "revenue", "60万", "--month", now=now)
    ok("goal", "set", "revenue", "150万", "--quarter", now=now)
    ok("goal", "set", "visits", "400", "--year", now=now)
    listed = ok("--lang", "zh", "goal", "list", now=now).out
    assert "2026年12月，2026年第4季度" in listed and "2026年\n" in listed
    assert "month 2026-12, quarter 2026Q4" in ok("goal", "list", now=now).out  # English as before
