"""Issue 13 item 18: `visit add` without a customer, on a terminal, asks field by
field and reads each answer as it is given, by the reader its option uses: a
bad answer is asked again with its reason (nothing typed before it is lost), an
unknown name close to a known one offers those names or to create it (yes/no,
not a flag that cannot be typed there), and needs, feedback, minutes and tags
are asked too. The clock is Wednesday 2026-11-25 18:00 (conftest.py)."""

import os
import pty
import select
import subprocess
import sys

from conftest import ok, run, snapshot, stored

TERMINAL = {"SALELOG_INTERACTIVE": "1"}  # in process, stdin is not a terminal: say it is one
ENTRY = "SELECT c.name, e.kind, e.amount_fen, e.needs, e.feedback, e.minutes FROM entries e JOIN customers c"
ENTRY += " ON c.id = e.customer_id ORDER BY e.id"


def converse(args: list[str], steps: list[tuple[str, str]]) -> tuple[int, str]:
    """Run salelog on a pseudo-terminal and, for each (prompt, answer) of `steps`,
    wait until the prompt is shown, then type the answer and Enter -> (exit
    status, all the terminal showed)."""
    master, slave = pty.openpty()
    env = dict(os.environ, TERM="dumb")
    env.pop("SALELOG_INTERACTIVE", None)  # a real terminal decides
    command = [sys.executable, "-m", "salelog", *args]
    child = subprocess.Popen(command, stdin=slave, stdout=slave, stderr=subprocess.PIPE, env=env)
    os.close(slave)
    shown, seen = b"", 0
    for prompt, answer in steps:
        while (found := shown.find(prompt.encode(), seen)) < 0:
            chunk = more(master)
            assert chunk, f"no prompt {prompt!r} after: {shown.decode(errors='replace')}"
            shown += chunk
        seen = found + len(prompt)
        os.write(master, answer.encode() + b"\r")
    while chunk := more(master):
        shown += chunk
    child.wait(timeout=60)
    os.close(master)
    child.stderr.close()
    return child.returncode, shown.decode("utf-8", errors="replace").replace("\r\n", "\n")


def more(master: int) -> bytes:
    """What the terminal shows next (b"": the child closed it, or 30 s of silence)."""
    ready, _, _ = select.select([master], [], [], 30)
    try:
        return os.read(master, 65536) if ready else b""
    except OSError:  # the child closed the terminal
        return b""


def test_a_bad_amount_is_asked_again_and_a_close_new_name_is_a_yes_no_question(db):
    ok("visit", "add", "张总")
    code, shown = converse(
        ["visit", "add"],
        [
            ("customer:", "张总总"),
            ("create new customer 张总总? [y/N]", "y"),
            ("kind", "call"),
            ("outcome:", "报价已发"),
            ("amount", "abc"),
            ("amount", "1.2w"),
            ("needs", "要含安装"),
            ("feedback", "对方报价低10%"),
            ("next step", ""),
            ("next date", ""),
            ("minutes", "20"),
            ("tags", "demo"),
        ],
    )
    assert code == 0, shown
    assert 'cannot read amount "abc"; write e.g. 3500' in shown
    assert shown.count("amount (e.g. 1.2w; Enter for none)") == 2  # asked again, not thrown away
    assert "did you mean:" in shown and "  1  张总" in shown and "--new" not in shown
    assert "logged #2: call with 张总总 (new customer) · 1.2万" in shown
    assert stored(db, ENTRY) == [
        ("张总", "visit", None, None, None, None),
        ("张总总", "call", 1_200_000, "要含安装", "对方报价低10%", 20),
    ]
    assert stored(db, "SELECT tag FROM entry_tags") == [("demo",)]
    assert stored(db, "SELECT outcome FROM entries WHERE id = 2") == [("报价已发",)]


def answers(*lines: str) -> str:
    return "".join(line + "\n" for line in lines)


SKIP_ALL = [""] * 9  # kind (its default), outcome, amount, needs, feedback, next, next date, minutes, tags


def test_a_number_picks_the_close_name_offered(db):
    ok("visit", "add", "张总")
    result = ok("visit", "add", input=answers("张总总", "1", *SKIP_ALL), env=TERMINAL)
    assert result.out.endswith("logged #2: visit with 张总\n")
    assert stored(db, "SELECT name FROM customers") == [("张总",)]


def test_no_to_a_new_close_name_asks_for_the_customer_again(db):
    ok("visit", "add", "张总")
    result = ok("visit", "add", input=answers("张总总", "", "", "张总", *SKIP_ALL), env=TERMINAL)
    assert result.out.count("customer:") == 3
    assert "customer name is empty; type a name, e.g. 张总 (Ctrl-C to stop)" in result.out
    assert stored(db, "SELECT name FROM customers") == [("张总",)]
    assert stored(db, "SELECT count(*) FROM entries") == [(2,)]


def test_each_bad_answer_is_asked_again_with_its_reason(db):
    typed = answers("张总", "lunch", "call", "", "", "", "", "", "13月40日", "fri", "forever", "1h", "")
    result = ok("visit", "add", input=typed, env=TERMINAL)
    out = result.out
    assert 'unknown kind "lunch"; kinds: visit (拜访), call (电话)' in out
    assert 'no such date "13月40日"' in out and 'cannot read duration "forever"' in out
    assert stored(db, "SELECT kind, next_date, minutes FROM entries") == [("call", "2026-11-27", 60)]


def test_a_tag_close_to_a_custom_metric_is_kept_only_if_the_user_says_so(db):
    ok("goal", "set", "demo", "5", "--custom")
    ok("visit", "add", "张总")
    fields = ["", "", "", "", "", "", "", ""]  # kind ... minutes
    ok("visit", "add", input=answers("张总", *fields, "demos", "n", "demo"), env=TERMINAL)
    result = ok("visit", "add", input=answers("张总", *fields, "demos", "y"), env=TERMINAL)
    assert 'unknown tag "demos"; did you mean demo?' in result.out and "--new-tag" not in result.out
    assert stored(db, "SELECT tag FROM entry_tags ORDER BY entry_id") == [("demo",), ("demos",)]


def test_fields_given_on_the_line_are_not_asked_again(db):
    typed = answers("张总", "", "", "", "", "", "", "", "")  # customer, then 8 fields: no amount
    result = ok("visit", "add", "--amount", "1w", "-t", "vip", input=typed, env=TERMINAL)
    assert "amount" not in result.out and "tags" not in result.out
    assert stored(db, "SELECT amount_fen FROM entries") == [(1_000_000,)]
    assert stored(db, "SELECT tag FROM entry_tags") == [("vip",)]


def test_ending_the_input_half_way_writes_nothing(db):
    ok("visit", "add", "张总")
    before = snapshot(db)
    result = run("visit", "add", input=answers("张总总", "y", "call", "abc"), env=TERMINAL)
    assert result.code == 1
    assert snapshot(db) == before


def test_the_questions_and_reasons_are_in_chinese(db):
    ok("visit", "add", "张总")
    typed = answers("张总总", "y", "电话", "", "abc", "1.2w", "", "", "", "", "", "")
    out = ok("--lang", "zh", "visit", "add", input=typed, env=TERMINAL).out
    assert "“张总总”还不是客户；您是不是要找：" in out and "新建客户 张总总？[y/N]" in out
    assert '无法识别金额 "abc"；可以写 3500' in out and "需求（回车跳过）" in out and "标签（" in out
    assert stored(db, "SELECT amount_fen FROM entries WHERE id = 2") == [(1_200_000,)]


def test_every_question_has_its_chinese_translation():
    from salelog.commands.prompts import LABELS
    from salelog.i18n_zh import ZH

    assert [label for label in LABELS.values() if label not in ZH] == []
