"""docs/contract.md against the code: its `keys` blocks list every --json
output's keys, and one logbook built through the CLI shows each of them, so the
contract cannot drift from what salelog prints."""

import json
import re
import shlex
from pathlib import Path

from conftest import ok

CONTRACT = Path(__file__).parent.parent / "docs" / "contract.md"
LAST_WEEK = "2026-11-18T18:00"  # Wednesday of the week before the frozen one
OCTOBER = "2026-10-14T18:00"

# A logbook where every key of the contract shows: two earlier periods, targets
# of every kind, cancellations, payments, deals won, lost and stale, tasks moved
# and dropped, complaints, a reflection and its check. Entry ids in order: 1-6
# before this week, 7 张总's sale, 9 赵主任's, 11 deal #3's revenue.
LOGBOOK = (
    (OCTOBER, "customer add 张总 --company 华东电子 --class A --phone 138-0000-0000 --tag 制造业 --alias 张建国"),
    (OCTOBER, "customer edit 张总 --source 转介绍"),
    (OCTOBER, "customer add 李经理 --company 蓝海科技 --class B --source 展会"),
    (OCTOBER, "visit add 张总 -k visit -a 8万 -o 签约一期 --minutes 60 --at 2026-10-13T10:00"),
    (OCTOBER, "visit add 李经理 -k call -o 约拜访 --at 2026-10-14T11:00"),
    (OCTOBER, "deal add 李经理 老项目 --value 5万 --stage proposal"),
    (OCTOBER, "deal add 李经理 旧询价 --value 2万"),  # two open deals: stale, as contacts link to neither
    (LAST_WEEK, "goal set revenue 40万"),
    (LAST_WEEK, "visit add 张总 -k call -a 10万 -o 续约 --at 2026-11-16T10:00"),
    (LAST_WEEK, "visit add 李经理 -k visit -o 演示 --minutes 45 --at 2026-11-17T15:00"),
    (LAST_WEEK, "visit add 王总 -k email -o 发资料 --at 2026-11-18T09:30"),
    (LAST_WEEK, "visit add 孙经理 -k call -o 询价 --next 报价 --next-date 2026-11-20 --at 2026-11-18T09:00"),
    (LAST_WEEK, "review write --went-well 成交一单 --went-badly 拜访太少 --cause effort --why 会议多 --plan 早打电话"),
    (LAST_WEEK, "day note 展会很忙 --mood 4"),
    (None, "goal set revenue 50万 --reward 周末去爬山"),
    (None, "goal set visits 5"),
    (None, "goal set collected 10万"),
    (None, "goal set demos 3 --custom"),
    (None, "goal set learning 2h --custom"),
    (None, "goal set revenue 500万 --year 2026"),
    (None, "goal set new-clients 8 --month 2026-11"),
    (None, "goal reward revenue 10万 看场电影"),
    (
        None,
        "visit add 张总 -k visit -a 12万 -o 签约二期 --needs 要含安装 --feedback 竞品低10% --next 回访 --next-date fri"
        " --minutes 60 --tag demos --competitor 华为 --satisfaction 4 --at 2026-11-23T10:00",
    ),
    (None, "visit add 李经理 -k call -o 催交期 --complaint 交期太长 --satisfaction 2 --at 2026-11-24T11:00"),
    (None, "visit add 赵主任 -k meeting -a 3万 -o 首单 --minutes 30 --at 2026-11-25T09:30"),
    (None, "visit add 王总 -k message -o 问候 --at 2026-11-25T10:00"),
    (None, "visit cancel 9 --reason 不要了"),
    (None, "visit cancel 7 --amount 1万 --reason 退了一台"),
    (None, "payment add 张总 5万 --for 7 --note 银行转账"),
    (None, "contract add 张总 --ends 2026-12-20 --note 年度维保"),
    (None, "activity add learning --minutes 90 --note 产品培训 --at 2026-11-25T14:00"),
    (None, "task add 给张总发报价 --due tomorrow --customer 张总 -i -u"),
    (None, "task add 整理资料 --due yesterday -i"),
    (None, "task add 回复群消息 --q 3"),
    (None, "task done 3"),
    (None, "task add 打电话 --due today"),
    (None, "task drop 4 --why 不需要了"),
    (None, "task add 发合同"),
    (None, "task move 5 fri"),
    (None, "followup done 2"),
    (None, "deal add 王总 仓储系统升级 --value 30万 --stage proposal --close 月底 --source 展会"),
    (None, "deal add 张总 三期 --value 20万 --stage lead"),
    (None, "deal move 4 qualified"),
    (None, "deal add 赵主任 设备 --value 8万"),
    (None, "deal lost 5 --reason 价格太高"),
    (None, "deal won 3 --amount 28万"),
    (None, "visit add 张总 -k call -o 确认安装 --next 安装 --next-date 下周一"),
    (None, "day note 客户临时取消 --mood 3"),
    (None, "review check 1 done"),
)

DATE = re.compile(r"\d{4}-\d{2}-\d{2}")
MOMENT = re.compile(r"\d{4}-\d{2}-\d{2}( \d{2}:\d{2}:\d{2})?")
DATE_KEYS = {"start", "end", "date", "due", "first_due", "due_date", "next_date", "tomorrow_date", "ends"}
DATE_KEYS |= {"created", "close", "closed_at", "oldest_at", "period_start", "week_start", "since", "until"}
DATE_KEYS |= {"start_date", "end_date"}  # export goals
STEP = r"([a-z0-9_]*)(\[(?:([a-z_]+)(!?=)([a-z_]+))?\])?"  # name, [], [key=value], [key!=value]
MOMENT_KEYS = {"at", "set_at", "checked_at", "written_at", "done_at", "last_contact", "sale_at"}


def key_blocks(text: str) -> list[tuple[list[str], dict[str, list[str] | None]]]:
    """The ```keys blocks: (argv after `salelog`, path -> its keys, None for `*`)."""
    blocks = []
    for body in re.findall(r"^```keys\n(.*?)^```", text, re.S | re.M):
        command, *lines = body.strip().splitlines()
        assert command.startswith("$ salelog "), command
        paths = {}
        for line in lines:
            path, keys = (part.strip() for part in line.split(":", 1))
            paths[path] = None if keys == "*" else [k.strip() for k in keys.split(",")]
        blocks.append((shlex.split(command)[2:], paths))
    return blocks


def objects_at(data, path: str, where: str) -> list:
    """Every value the block's path names: `.`, `a.b`, `a[]` (each of a list),
    `a[kind=task]` (those of a list whose kind is task), `[derived!=true]` (those
    whose derived is not true); at least one of each."""
    nodes = [data]
    for step in [] if path == "." else path.split("."):
        name, is_list, key, sign, value = re.fullmatch(STEP, step).groups()
        if name:  # the objects that have it (the parent's keys say which must), not null
            nodes = [n[name] for n in nodes if isinstance(n, dict) and n.get(name) is not None]
            assert nodes, f"{where}: no {path} on the contract's logbook"
        if is_list:
            assert all(isinstance(n, list) for n in nodes), f"{where}: {path} is not a list"
            nodes = [item for n in nodes for item in n]
            if key:
                nodes = [item for item in nodes if (shown(item.get(key)) == value) == (sign == "=")]
            assert nodes, f"{where}: {path} is empty on the contract's logbook: nothing checks its keys"
    return nodes


def shown(value) -> str:
    """A value as a block's condition writes it: task, true, null."""
    return value if isinstance(value, str) else json.dumps(value)


def check_values(data, where: str) -> None:
    """The contract's forms: dates ISO, moments local `YYYY-MM-DD HH:MM:SS`,
    percents one decimal, amounts plain numbers (never a string like 12万)."""
    if isinstance(data, list):
        for item in data:
            check_values(item, where)
    if not isinstance(data, dict):
        return
    for key, value in data.items():
        if isinstance(value, str) and key in DATE_KEYS:
            assert DATE.fullmatch(value), f"{where}: {key} = {value!r} is not an ISO date"
        if isinstance(value, str) and key in MOMENT_KEYS:
            assert MOMENT.fullmatch(value), f"{where}: {key} = {value!r}"
        if key == "percent" or key.endswith("_percent") or key in ("win_rate", "win_rate_by_value", "conversion"):
            assert value is None or round(value, 1) == value, f"{where}: {key} = {value!r}"
        if key in ("amount", "value", "revenue", "outstanding", "owed", "weighted", "sale"):
            assert value is None or isinstance(value, int | float), f"{where}: {key} = {value!r}"
        check_values(value, where)


def json_commands() -> set[str]:
    """Every command (`visit list`, `week`) that has a --json option, from the Typer app."""
    from salelog.app import build_command

    found = set()

    def walk(command, words):
        for name, sub in getattr(command, "commands", {}).items():
            walk(sub, [*words, name])
        if any("--json" in p.opts for p in command.params):
            found.add(" ".join(words))

    walk(build_command(), [])
    return found


def test_every_json_output_has_the_keys_the_contract_lists(db):
    for now, line in LOGBOOK:
        ok(*shlex.split(line), now=now)
    blocks = key_blocks(CONTRACT.read_text(encoding="utf-8"))
    assert len(blocks) >= 25

    documented = set()
    for argv, paths in blocks:
        argv = [re.sub(r"=wang\.db$", f"={db}", word) for word in argv]  # a team of this logbook
        where = "salelog " + " ".join(argv)
        result = ok(*argv)
        data = json.loads(result.out)
        listed = "." in paths or any(re.fullmatch(r"\[[^]]*\]", path) for path in paths)
        assert listed, f"{where}: the block lists no top level"
        assert isinstance(data, dict if "." in paths else list), where
        for path, keys in paths.items():
            nodes = objects_at(data, path, where)
            assert all(isinstance(node, dict) for node in nodes), f"{where}: {path} is not an object"
            if keys is None:
                continue
            required, optional = {k for k in keys if k[-1] != "?"}, {k[:-1] for k in keys if k[-1] == "?"}
            for node in nodes:
                missing, extra = required - set(node), set(node) - required - optional
                assert not missing and not extra, f"{where} {path}: missing {missing}, not in the contract {extra}"
            for key in optional:  # in some of them: else nothing checks it
                assert any(key in node for node in nodes), f"{where} {path}: no {key} on the contract's logbook"
        check_values(data, where)
        documented.add(" ".join(w for w in argv if not w.startswith("-") and w.isascii() and "=" not in w))

    # Every command with --json is in the contract (a new one needs its block).
    assert {c for c in json_commands() if not any(d.startswith(c) for d in documented)} == set()

    # The cancellation rule as the metrics table says it: 12万 + 3万 + 28万, less
    # 1万 of a partial cancellation and the 3万 cancelled in full, which is no deal.
    week = json.loads(ok("week", "--json").out)
    figures = {m["metric"]: m for m in week["metrics"]}
    assert (figures["revenue"]["actual"], figures["deals"]["actual"]) == (390000, 2)
    assert figures["collected"]["actual"] == 50000 and figures["collected"]["unit"] == "yuan"
    assert (figures["learning"]["unit"], figures["learning"]["actual"], figures["learning"]["target"]) == (
        "minutes",
        90,
        120,
    )
    assert figures["demos"]["actual"] == 1 and figures["new-clients"]["target_source"] == "month 2026-11"

    # --json is the same under --lang zh: keys, ids and the English text fields.
    for argv in (["remind", "--json"], ["day", "--json"]):
        assert ok("--lang", "zh", *argv).out == ok(*argv).out
