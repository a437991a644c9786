"""Issue 13 item 20: remind, run by cron several times a day, prints a handful of
task lines and one for the rest, and `--notify` without a working notifier says
so once on stderr while still printing the reminders. The clock is Wednesday
2026-11-25 18:00 (conftest.py)."""

import json
import stat

from conftest import ok


def twelve_slipped_tasks():
    for n in range(1, 13):
        ok("task", "add", f"任务{n}", "--due", "2026-11-2" + str(n % 4))


def task_lines(out: str) -> list[str]:
    return [line for line in out.splitlines() if line.startswith("- task #")]


def test_remind_prints_five_tasks_and_one_line_for_the_rest():
    twelve_slipped_tasks()
    out = ok("remind").out
    assert len(task_lines(out)) == 5
    assert "- and 7 more: salelog task list" in out.splitlines()
    assert "- 还有 7 项：salelog task list" in ok("--lang", "zh", "remind").out.splitlines()
    # scripts still get every task
    items = json.loads(ok("remind", "--json").out)
    assert sum(item["kind"] == "task" for item in items) == 12


def test_remind_prints_five_tasks_or_fewer_in_full():
    for n in range(1, 6):
        ok("task", "add", f"任务{n}", "--due", "2026-11-24")
    out = ok("remind").out
    assert len(task_lines(out)) == 5 and "more: salelog task list" not in out


def notifier(folder, script: str) -> dict:
    """A PATH holding only a notify-send that runs `script` (how it fails from cron)."""
    folder.mkdir()
    tool = folder / "notify-send"
    tool.write_text(f"#!/bin/sh\n{script}\n")
    tool.chmod(tool.stat().st_mode | stat.S_IXUSR)
    return {"PATH": str(folder)}


def test_notify_without_notify_send_says_so_once_and_still_prints(tmp_path):
    ok("task", "add", "发报价", "--due", "2026-11-24")
    empty = tmp_path / "bin"
    empty.mkdir()
    result = ok("remind", "--notify", env={"PATH": str(empty)})
    assert "- task #1 [Q4] 发报价 (slipped 1 day)" in result.out.splitlines()
    (line,) = result.err.splitlines()
    assert line.startswith("note: no desktop notification: notify-send is not on PATH")
    assert "DISPLAY" in line and "DBUS_SESSION_BUS_ADDRESS" in line


def test_notify_that_fails_without_a_session_bus_says_why_once_and_still_prints(tmp_path):
    ok("task", "add", "发报价", "--due", "2026-11-24")
    failing = notifier(tmp_path / "bin", "echo 'Cannot autolaunch D-Bus without X11 $DISPLAY' >&2; exit 1")
    result = ok("remind", "--notify", env=failing)
    assert "- task #1 [Q4] 发报价 (slipped 1 day)" in result.out.splitlines()
    (line,) = result.err.splitlines()
    assert line.startswith("note: no desktop notification: notify-send failed: Cannot autolaunch D-Bus without X11")
    assert "DBUS_SESSION_BUS_ADDRESS" in line
    zh = ok("--lang", "zh", "remind", "--notify", env=failing).err
    assert zh.startswith("提示：未发出桌面通知：notify-send 失败") and zh.count("\n") == 1


def test_notify_that_works_is_silent_on_stderr(tmp_path):
    ok("task", "add", "发报价", "--due", "2026-11-24")
    shown = tmp_path / "shown.txt"
    working = notifier(tmp_path / "bin", f'printf "%s\\n" "$2" > "{shown}"')
    result = ok("remind", "--notify", env=working)
    assert result.err == "" and "发报价" in shown.read_text(encoding="utf-8")


def test_notify_from_a_cron_like_process_exits_0_with_the_reminders(tmp_path):
    """As cron runs it: a process of its own, a bare environment, no notifier."""
    ok("task", "add", "发报价", "--due", "2026-11-24")
    empty = tmp_path / "bin"
    empty.mkdir()
    result = ok("remind", "--notify", process=True, env={"PATH": str(empty)})
    assert "发报价" in result.out and len(result.err.splitlines()) == 1


def test_an_a_customer_gone_dormant_is_said_once_not_also_as_neglected():
    ok("customer", "add", "王总", "--class", "A", now="2026-08-01T10:00")
    ok("visit", "add", "王总", "-a", "1万", "--at", "2026-08-24 10:00", now="2026-08-24T10:00")
    out = ok("remind", now="2026-11-25T10:00").out  # 93 days after the sale: dormant this past week
    lines = [line for line in out.splitlines() if "A customer 王总" in line]
    assert lines == ["- A customer 王总 went dormant: no contact for 93 days"], out
