"""Issue 15: with Chinese output every command's --help is Chinese (summary,
option help, examples), option names and metric ids stay, and it wraps by the
columns a terminal shows."""

import re

import pytest
from conftest import ok, refused
from typer.main import get_command

from salelog.app import build_app
from salelog.helpfmt import chinese_help, untranslated


def test_every_command_and_option_has_chinese_help():
    """Other commands are being added: this names exactly what salelog/help_zh.py lacks."""
    missing = untranslated(get_command(build_app()))
    listed = "\n".join(f"  {where}: {english!r}" for where, english in missing)
    assert not missing, f"{len(missing)} help texts have no Chinese in salelog/help_zh.py:\n{listed}"


CHINESE = [(("--lang", "zh"), {}), ((), {"LANG": "zh_CN.UTF-8"})]


@pytest.mark.parametrize("option, env", CHINESE, ids=["--lang zh", "LANG=zh_CN"])
def test_help_follows_the_output_language(option, env):
    out = ok(*option, "visit", "add", "--help", env=env).out
    assert out.startswith("用法：salelog visit add [OPTIONS] [CUSTOMER]")
    for chinese in ("记录与客户的一次联系，结束后马上记。", "示例：", "参数：", "选项：", "显示此帮助并退出。"):
        assert chinese in out
    assert "--next-date DATE     日期：fri、周五、明天、下周一、月底" in out  # option names stay
    assert "salelog visit add 张总总 --new         新客户，尽管与 张总 相近" in out
    assert "Log one contact" not in out and "Show this message" not in out
    goal = ok(*option, "goal", "set", "--help", env=env).out
    assert "revenue（销售额/业绩）" in goal and "new-clients" in goal and "[必填]" in goal  # metric ids stay
    assert re.search(r"\n  set +设定某个指标本周的目标", ok(*option, "goal", "--help", env=env).out)
    err = refused(*option, "visit", "add", "张总", "--amount", "abc", env=env).err
    assert err.startswith("error: ")  # scripts read the prefix


def test_config_lang_zh_gives_chinese_help_and_english_stays_english():
    ok("config", "set", "lang", "zh")
    assert "列出已记录的联系，最新的在前。" in ok("visit", "list", "--help").out
    english = ok("--lang", "en", "visit", "list", "--help").out
    assert "List logged entries, newest first." in english and "Show this message and exit." in english
    assert "示例" not in english and "Examples:" in english


def test_chinese_help_wraps_to_the_terminal_by_display_width():
    """Every command at 60 columns: each refilled line fits (example lines are kept as written)."""
    from salelog.sheet import cells

    root = chinese_help(get_command(build_app()))
    checked = 0
    for words, command, parent in _every(root):
        context = command.context_class(command, info_name=words[-1], parent=parent, terminal_width=60)
        kept = [p for p in (command.help or "").split("\n\n") if p.startswith("\b")]  # \b: not refilled
        as_written = {line.strip() for p in kept for line in p.split("\n")}
        for line in command.get_help(context).splitlines():
            if line.strip() not in as_written and not line.lstrip().startswith("salelog "):
                assert cells(line, guess=True) <= 60, (words, line)
                # a closing mark never starts a line, an opening one never ends it
                assert line.strip()[:1] not in tuple("，。、；：！？）」』》") and not line.endswith("（"), (
                    words,
                    line,
                )
                checked += 1
    assert checked > 500


def _every(group, words=("salelog",), parent=None):
    context = group.context_class(group, info_name=words[-1], parent=parent)
    for name, command in getattr(group, "commands", {}).items():
        yield (*words, name), command, context
        yield from _every(command, (*words, name), context)


def test_usage_errors_follow_the_output_language_and_a_bare_group_shows_its_help():
    """Click's own words (usage hint, message) in Chinese; what was typed, the option names and
    the `Error:` prefix as they were; English untouched; `salelog deal` alone its help, not one line."""
    from conftest import run

    bad = run("--lang", "zh", "task", "done", "abc")
    assert bad.code == 2 and bad.out == ""
    assert "运行 'salelog task done -h' 查看帮助。" in bad.err and "Try '" not in bad.err
    assert bad.err.rstrip().endswith("Error: 'ID' 的值无效：'abc' 不是整数。")
    said = {
        ("weak",): "Error: 没有命令 'weak'，是不是 'week'？",
        ("goal", "set"): "Error: 缺少参数 'METRIC'。",
        ("customer", "list", "--limit", "-3"): "不在范围 x>=0 内。",
        ("visit", "add", "张总", "--kind"): "Error: 选项 '--kind' 需要一个值。",
        ("week", "--bogus", "\u202e"): "Error: 没有选项 --bogus",
    }
    for args, chinese in said.items():
        result = run(*args, "--lang", "zh")
        assert result.code == 2 and chinese in result.err and "\u202e" not in result.err, (args, result.err)
    english = run("--lang", "en", "task", "done", "abc").err
    assert "Try 'salelog task done -h' for help." in english and "'abc' is not a valid int" in english
    group = run("deal")
    assert "\\x0a" not in group.err + group.out
    assert "Keep the deals in play" in group.err + group.out and "\n  won " in group.err + group.out


@pytest.mark.parametrize("lang", ["en", "zh"])
@pytest.mark.parametrize("command", [(), ("visit", "add"), ("goal", "set"), ("backup",)])
def test_example_comments_start_in_one_column_as_the_terminal_shows_it(lang, command):
    from salelog.sheet import cells

    out = ok("--lang", lang, *command, "--help", env={"COLUMNS": "80"}).out
    examples = out.split("Examples:" if lang == "en" else "示例：")[1].split("\n\n")[0].splitlines()
    columns = set()
    for line in examples:
        found = re.match(r"^(\s*salelog\b.*?\S)( {2,})(\S.*)$", line)
        if found:
            columns.add(cells(found[1] + found[2], guess=True))
    assert len(columns) <= 2 and all(cells(line, guess=True) <= 80 for line in examples), examples
    if command in ((), ("visit", "add")):  # one run of commented lines each: one column
        assert len(columns) == 1, examples
