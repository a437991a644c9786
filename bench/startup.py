"""Whole-process start-up time of salelog's everyday commands, against `python -c pass`.

Builds throwaway databases through salelog's own store (so the schema and
migrations are the real ones): one week of work (~120 entries, 12 customers)
and ten years of it (~100,000 entries, 2,000 customers). Then it runs each
command N times, round-robin with the `python -c pass` baseline so that drift
on the machine hits all of them alike, and prints the median, the 90th
percentile and the ratio to the baseline, with the targets from
/work/shared/DESIGN.md ("Start-up is a feature").

    python bench/startup.py                # a report; always exits 0
    python bench/startup.py --runs 15
    python bench/startup.py --check        # exit 1 if a target is missed
    python bench/startup.py --importtime   # the 15 most expensive imports of visit add

Nothing is cached between runs of the script: the databases are rebuilt in a
temporary folder each time and removed afterwards.
"""

import argparse
import contextlib
import io
import os
import random
import shlex
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from pathlib import Path

from salelog import store
from salelog.periods import Period, week_of

NOW = datetime(2026, 11, 25, 18, 0)  # a Wednesday evening: SALELOG_NOW for every run
HISTORY_START = date(2016, 11, 21)  # a Monday, ten years before the current week
YEAR_START = date(2025, 11, 24)  # a Monday, one year before it
WARMUP_ROUNDS = 3
TASK_ADD = shlex.split("task add 给张总发报价 --due fri --customer 张总 -i -u")
VISIT_ADD = shlex.split("visit add 张总 --kind call --amount 1.2w --outcome 报价已发 --next 周五回访 --next-date fri")
# Ratios to `python -c pass` (limit, aim), from issue 12 ("Speed"), and of the
# ten-year week to the one-week week.
ADD_TARGET = (2.0, 2.0)  # visit add, the command typed most
WRITE_TARGET = (2.2, 2.0)  # goal set, and visit add in the harder cases
REPORT_TARGET = (2.2, 2.0)  # week, today, visit list
DAILY_TARGET = (2.5, 2.0)  # followups, remind, customer list/show, task: typed as often as visit add
ARCHIVE_TARGET = (3.0, 2.5)  # customer list against 2,000 customers
SCREEN_TARGET = (4.0, 3.0)  # review, plan, trend: once a week, but a table to lay out
# The least any salelog command can cost: Python importing sqlite3 (which brings
# datetime, functools and collections), and that plus one committed write
# transaction on the week's logbook (open, BEGIN IMMEDIATE, an INSERT, the
# COMMIT's fsync, the close's WAL checkpoint). No salelog code runs in them.
FLOOR_IMPORT = "import sqlite3"
FLOOR_WRITE = (
    "import sqlite3, sys; c = sqlite3.connect(sys.argv[1], isolation_level=None); c.execute('BEGIN IMMEDIATE');"
    " c.execute(\"INSERT INTO undo_log (command, at, recording) VALUES ('bench', '2026-11-25 18:00:00', 0)\");"
    " c.execute('COMMIT'); c.close()"
)
HISTORY_LIMIT = 1.3
ARCHIVE_LIMIT = 1.2  # visit add against 5,000 customers, to visit add against 12
# (a case, the case it is compared with, the limit of their ratio)
COMPARISONS = (
    ("week (10 years)", "week (1 week)", HISTORY_LIMIT),
    ("visit add (5,000 customers)", "visit add (1 week)", ARCHIVE_LIMIT),
    ("review --json (10 years)", "review --json (1 year)", 1.5),
    ("trend --weeks 52 (10 years)", "trend --weeks 52 (1 year)", 1.5),
)

CURRENT_CUSTOMERS = shlex.split("张总 李经理 王总 赵主任 陈老板 刘总 孙经理 周总 吴经理 郑总 冯小姐 'Mr. Smith'")
KINDS = ("visit", "call", "email", "meeting", "message")
KIND_WEIGHTS = (15, 35, 30, 5, 15)
TAGS = ("展会", "老客户", "续约", "转介绍")
WEEK_TARGETS = (("revenue", 500_000_00), ("new-clients", 10), ("visits", 15), ("calls", 50), ("展会", 5))


@dataclass
class Case:
    """One measured command: a label for the table, salelog's arguments, its target."""

    label: str
    args: list[str]
    target: tuple[float, float] | None = None
    env: dict | None = None  # more environment for this command (shell completion)
    program: list[str] | None = None  # a peer's command instead of salelog's launcher (--peers)


# --- the databases -------------------------------------------------------------


def build_logbook(
    path: Path, *, history_entries: int = 0, history_customers: int = 0, history_start: date = HISTORY_START
) -> float:
    """A salelog database at `path` holding the current week (~120 entries with 12
    customers, and its targets), plus `history_entries` spread over the ten years
    before it among `history_customers` more customers -> seconds it took."""
    started = time.perf_counter()
    rng = random.Random(2026)
    week = week_of(NOW.date())
    with contextlib.redirect_stderr(io.StringIO()):  # open_db's "created new database" note
        conn = store.open_db(str(path))
    with store.writing(conn):
        current = [store.create_customer(conn, name, NOW) for name in CURRENT_CUSTOMERS]
        older = [
            store.create_customer(conn, f"客户{i:04d}", datetime.combine(HISTORY_START, datetime.min.time()))
            for i in range(history_customers)
        ]
        fill_history(conn, current + older, history_entries, rng, history_start)
        fill_current_week(conn, current, week, random.Random(11))
        fill_plans(conn, current, week)
        store.declare_custom_metric(conn, "展会", NOW)
        for metric, target in WEEK_TARGETS:
            store.add_goal_setting(conn, metric, week, target, datetime.combine(week.start, datetime.min.time()))
    conn.close()
    return time.perf_counter() - started


def fill_current_week(conn, customer_ids: list[int], week: Period, rng: random.Random) -> None:
    """Monday 09:00 to Wednesday 18:00 (NOW): 40 contacts a day."""
    for day in week.days()[:3]:
        for _ in range(40):
            log_entry(conn, rng.choice(customer_ids), working_moment(day, rng), rng)


def fill_plans(conn, customer_ids: list[int], week: Period) -> None:
    """The week's tasks (two a working day) and a follow-up with each current customer, some overdue."""
    for i, day in enumerate(week.working_days()):
        for quadrant in (1, 2 + i % 3):
            store.add_task(conn, f"给客户发报价 {i}-{quadrant}", day.isoformat(), quadrant, customer_ids[i], NOW)
    for i, customer_id in enumerate(customer_ids):
        due = (week.start + timedelta(days=i % 7)).isoformat()
        store.open_followup(conn, customer_id, None, "周五回访" if i % 2 else "寄样品", due, NOW)


def fill_history(conn, customer_ids: list[int], count: int, rng: random.Random, start: date = HISTORY_START) -> None:
    """`count` entries on random working days from `start` to the current week."""
    every_day = (start + timedelta(days=i) for i in range((week_of(NOW.date()).start - start).days))
    days = [day for day in every_day if day.weekday() < 5]
    for _ in range(count):
        log_entry(conn, rng.choice(customer_ids), working_moment(rng.choice(days), rng), rng)


def working_moment(day: date, rng: random.Random) -> datetime:
    return datetime.combine(day, datetime.min.time()) + timedelta(minutes=9 * 60 + rng.randrange(9 * 60))


def log_entry(conn, customer_id: int, at: datetime, rng: random.Random) -> None:
    """One entry of a mixed kind; ~5% with an amount, ~10% tagged."""
    kind = rng.choices(KINDS, KIND_WEIGHTS)[0]
    entry = {
        "at": at.strftime("%Y-%m-%d %H:%M:%S"),
        "kind": kind,
        "amount_fen": rng.randrange(1_000, 500_000) * 100 if rng.random() < 0.05 else None,
        "outcome": "报价已发" if kind == "call" else "沟通需求",
        "needs": None,
        "feedback": None,
        "next_step": None,
        "next_date": None,
        "minutes": rng.choice((30, 45, 60, 90)) if kind in ("visit", "meeting") else None,
    }
    tags = rng.sample(TAGS, rng.randint(1, 2)) if rng.random() < 0.1 else []
    store.insert_entry(conn, customer_id, entry, {"tag": tags}, at)


def copy_logbook(source: Path, target: Path) -> None:
    """A second, identical database (for the write commands, so the reports read a
    database that stays the same through the runs)."""
    assert not Path(f"{source}-wal").exists(), "the WAL should be checkpointed on close"
    target.parent.mkdir(parents=True, exist_ok=True)
    shutil.copyfile(source, target)


def default_db_path(env: dict) -> Path:
    """Where salelog puts its database when told nothing, under `env` (HOME etc.)."""
    code = "from salelog.store import resolve_db_path; print(resolve_db_path(None))"
    out = subprocess.run([sys.executable, "-c", code], env=env, capture_output=True, text=True, check=True)
    return Path(out.stdout.strip())


def prepare_databases(folder: Path, env: dict) -> dict[str, Path]:
    """Build every database the cases use -> name: path."""
    dbs = {"week": folder / "week.db", "decade": folder / "decade.db"}
    build_logbook(dbs["week"])
    seconds = build_logbook(dbs["decade"], history_entries=100_000, history_customers=2_000 - len(CURRENT_CUSTOMERS))
    print(f"ten-year database built in {seconds:.1f} s ({dbs['decade'].stat().st_size / 1e6:.0f} MB)")
    dbs["year"] = folder / "year.db"  # one year at the same pace as the ten years
    build_logbook(dbs["year"], history_entries=10_000, history_customers=200, history_start=YEAR_START)
    dbs["archive"] = folder / "archive.db"  # written to: one week and 5,000 customers
    build_logbook(dbs["archive"], history_customers=5_000 - len(CURRENT_CUSTOMERS))
    dbs["week_writes"] = folder / "week-writes.db"
    dbs["decade_writes"] = folder / "decade-writes.db"
    dbs["floor_writes"] = folder / "floor-writes.db"
    copy_logbook(dbs["week"], dbs["floor_writes"])
    dbs["default"] = default_db_path(env)
    copy_logbook(dbs["week"], dbs["week_writes"])
    copy_logbook(dbs["week"], dbs["default"])
    copy_logbook(dbs["decade"], dbs["decade_writes"])
    # A user's config (Chinese output), written an hour ago: salelog keeps what it parsed there
    # only for a file not written in the last seconds (config.py).
    dbs["zh_config"] = folder / "zh-config.toml"
    dbs["zh_config"].write_text('lang = "zh"\n')
    an_hour_ago = time.time() - 3600
    os.utime(dbs["zh_config"], (an_hour_ago, an_hour_ago))
    return dbs


# --- the commands ----------------------------------------------------------------


def salelog_launcher(python: Path) -> list[str]:
    """The console script next to `python`, else `python -m salelog`."""
    script = python.parent / "salelog"
    return [str(script)] if script.exists() else [str(python), "-m", "salelog"]


def editable_install() -> bool:
    return any(name.startswith("__editable__") for name in sys.modules)


def regular_python(folder: Path) -> Path:
    """The interpreter to measure with: this one, unless salelog is an editable
    install. Then every start-up in this venv (the baseline's too) imports the
    editable finder at `site` (~9 ms, as much as Python's own start-up), which
    would halve every ratio. So we build a bare venv in `folder` that sees the
    repo and this venv's packages through a .pth file, as a regular install
    would, with the console script pip writes for `salelog`."""
    if not editable_install():
        return Path(sys.executable)
    import sysconfig
    import venv

    target = folder / "venv"
    venv.EnvBuilder(symlinks=os.name != "nt", with_pip=False).create(target)
    python = target / ("Scripts" if os.name == "nt" else "bin") / "python"
    code = "import sysconfig; print(sysconfig.get_paths()['purelib'])"
    purelib = subprocess.run([python, "-c", code], capture_output=True, text=True, check=True).stdout.strip()
    repo = Path(__file__).resolve().parent.parent
    Path(purelib, "salelog-bench.pth").write_text(f"{repo}\n{sysconfig.get_paths()['purelib']}\n")
    script = python.parent / "salelog"
    script.write_text(f"#!{python}\n" + console_script().split("\n", 1)[1])
    script.chmod(0o755)
    return python


def console_script() -> str:
    """The `salelog` launcher pip >= 24 writes, as the README's install (which
    updates pip first) gets it. pip 23's also imports re, ~2.5 ms of every start-up."""
    return (
        "#!python\nimport sys\nfrom salelog.cli import run\nif __name__ == '__main__':\n"
        "    sys.argv[0] = sys.argv[0].removesuffix('.exe')\n    sys.exit(run())\n"
    )


def bench_env(folder: Path) -> dict:
    """The environment of every run: a fixed clock, HOME/XDG folders in `folder`, and
    bytecode cached there too. An installed salelog has its .pyc files, so the runs
    must not compile every module from source, even if PYTHONDONTWRITEBYTECODE is set
    here; the warm-up rounds fill this cache and the repo is left alone."""
    dropped = ("SALELOG_DB", "SALELOG_DEBUG", "SALELOG_CONFIG", "PYTHONDONTWRITEBYTECODE")
    env = {k: v for k, v in os.environ.items() if k not in dropped}
    env |= {
        "SALELOG_NOW": NOW.isoformat(timespec="minutes"),
        "HOME": str(folder / "home"),
        "XDG_DATA_HOME": str(folder / "home" / "data"),
        "XDG_CONFIG_HOME": str(folder / "home" / "config"),
        "PYTHONPYCACHEPREFIX": str(folder / "pycache"),
    }
    return env


def cases(dbs: dict[str, Path], python: Path) -> list[Case]:
    def on(db: str, *args: str) -> list[str]:
        return ["--db", str(dbs[db]), *args]

    return [
        Case("floor: python -c 'import sqlite3'", [], program=[str(python), "-c", FLOOR_IMPORT]),
        Case("floor: + one write transaction", [str(dbs["floor_writes"])], program=[str(python), "-c", FLOOR_WRITE]),
        Case("--help (Typer)", ["--help"]),
        Case("visit add (1 week)", on("week_writes", *VISIT_ADD), ADD_TARGET),
        Case("goal set revenue 50万", on("week_writes", "goal", "set", "revenue", "50万"), WRITE_TARGET),
        Case("week (1 week)", on("week", "week"), REPORT_TARGET),
        Case("week --json (1 week)", on("week", "week", "--json"), REPORT_TARGET),
        Case(
            'week, lang = "zh" in a config file',
            on("week", "week"),
            REPORT_TARGET,
            env={"SALELOG_CONFIG": str(dbs["zh_config"])},
        ),
        Case("week (10 years)", on("decade", "week"), (3.0, 2.5)),
        Case("visit add (10 years)", on("decade_writes", *VISIT_ADD), WRITE_TARGET),
        Case("visit add (default path)", VISIT_ADD, WRITE_TARGET),
        Case("visit add (5,000 customers)", on("archive", *VISIT_ADD), WRITE_TARGET),
        Case("today (1 week)", on("week", "today"), REPORT_TARGET),
        Case("today --json (1 week)", on("week", "today", "--json"), REPORT_TARGET),
        Case("visit list (10 years)", on("decade", "visit", "list"), REPORT_TARGET),
        Case("complete a customer name (bash)", [], DAILY_TARGET, complete_customer(dbs["archive"])),
        Case("followups (1 week)", on("week", "followups"), DAILY_TARGET),
        Case("remind (1 week)", on("week", "remind"), DAILY_TARGET),
        Case("customer list (1 week)", on("week", "customer", "list"), DAILY_TARGET),
        Case("customer show 张总 (1 week)", on("week", "customer", "show", "张总"), DAILY_TARGET),
        Case("task list (1 week)", on("week", "task", "list"), DAILY_TARGET),
        Case("task add (1 week)", on("week_writes", *TASK_ADD), DAILY_TARGET),
        Case("task done 1 (1 week)", on("week_writes", "task", "done", "1"), DAILY_TARGET),
        Case("customer list (2,000 customers)", on("decade", "customer", "list"), ARCHIVE_TARGET),
        Case("customer list --limit 0 (2,000 customers)", on("decade", "customer", "list", "--limit", "0")),
        Case("review (1 year)", on("year", "review"), SCREEN_TARGET),
        Case("plan (1 year)", on("year", "plan"), SCREEN_TARGET),
        Case("trend --weeks 12 (1 year)", on("year", "trend", "--weeks", "12"), SCREEN_TARGET),
        Case("review --json (1 year)", on("year", "review", "--json")),
        Case("review --json (10 years)", on("decade", "review", "--json")),
        Case("trend --weeks 52 (1 year)", on("year", "trend", "--weeks", "52", "--json")),
        Case("trend --weeks 52 (10 years)", on("decade", "trend", "--weeks", "52", "--json")),
    ]


# Peers (--peers): the same kind of command-line logbook in Python, installed as a
# user would (a venv each, pip's launcher), measured in the same rounds.
JRNL_CONFIG = """colors: {body: none, date: none, tags: none, title: none}
default_hour: 9
default_minute: 0
editor: ''
encrypt: false
highlight: true
indent_character: '|'
journals: {default: {journal: JOURNAL}}
linewrap: 79
tagsymbols: '#@'
template: false
timeformat: '%F %r'
version: v4.6
"""


def peer_cases(folder: Path) -> list[Case]:
    """Watson's `add` and jrnl's write and read, each from a venv of its own."""
    for package in ("td-watson", "jrnl"):
        venv = folder / f"peer-{package}"
        subprocess.run([sys.executable, "-m", "venv", str(venv)], check=True)
        subprocess.run([venv / "bin" / "pip", "install", "-q", "-U", "pip", package], check=True)
    watson = [str(folder / "peer-td-watson" / "bin" / "watson")]
    jrnl = [str(folder / "peer-jrnl" / "bin" / "jrnl")]
    home = folder / "jrnl-home"
    (home / ".config" / "jrnl").mkdir(parents=True)
    config = JRNL_CONFIG.replace("JOURNAL", str(home / "journal.txt"))
    (home / ".config" / "jrnl" / "jrnl.yaml").write_text(config, encoding="utf-8")
    jrnl_env = {"HOME": str(home), "XDG_CONFIG_HOME": str(home / ".config")}
    watson_env = {"WATSON_DIR": str(folder / "watson")}
    add = ["add", "-f", "2026-11-25 10:00", "-t", "2026-11-25 11:00", "acme", "+call"]
    return [
        Case("Watson add (peer)", add, env=watson_env, program=watson),
        Case("Watson report --day (peer)", ["report", "--day"], env=watson_env, program=watson),
        Case("jrnl: write an entry (peer)", ["called acme: quote sent @acme"], env=jrnl_env, program=jrnl),
        Case("jrnl -n 5 (peer)", ["-n", "5"], env=jrnl_env, program=jrnl),
    ]


def complete_customer(db: Path) -> dict:
    """What bash sends on `salelog --db DB visit add 客户0<Tab>` (5,000 customers, 1,000 of them 客户0...)."""
    return {"_SALELOG_COMPLETE": "complete_bash", "COMP_WORDS": f"salelog --db {db} visit add 客户0", "COMP_CWORD": "5"}


def run_once(command: list[str], env: dict) -> float:
    """Wall time of one whole process, in seconds; stops the script if it fails."""
    started = time.perf_counter()
    done = subprocess.run(command, env=env, stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    elapsed = time.perf_counter() - started
    if done.returncode != 0:
        sys.exit(f"failed ({done.returncode}): {' '.join(command)}\n{done.stderr.decode(errors='replace')}")
    return elapsed


def measure(commands: dict[str, tuple[list[str], dict]], env: dict, runs: int) -> dict[str, list[float]]:
    """Each command `runs` times (after WARMUP_ROUNDS), one of each per round -> label: seconds."""
    times: dict[str, list[float]] = {label: [] for label in commands}
    for round_number in range(WARMUP_ROUNDS + runs):
        for label, (command, more_env) in commands.items():
            elapsed = run_once(command, env | more_env)
            if round_number >= WARMUP_ROUNDS:
                times[label].append(elapsed)
    return times


# --- the report ------------------------------------------------------------------


def p90(samples: list[float]) -> float:
    return statistics.quantiles(samples, n=10, method="inclusive")[-1]


def verdict(ratio: float, target: tuple[float, float] | None) -> tuple[str, str]:
    """-> (the target as shown, PASS / PASS above aim / MISS)."""
    if target is None:
        return "", ""
    limit, aim = target
    shown = f"<= {limit:.1f}x (aim {aim:.1f}x)"
    if ratio > limit:
        return shown, "MISS"
    return shown, "PASS" if ratio <= aim else "PASS (above aim)"


def bench_arguments(doc: str, runs: int) -> argparse.Namespace:
    """Every bench's command line: --runs (measured runs of each command) and --check (exit 1 on a miss)."""
    parser = argparse.ArgumentParser(description=doc, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--runs", type=int, default=runs, help=f"measured runs of each command (default {runs})")
    parser.add_argument("--check", action="store_true", help="exit 1 if a target is missed")
    return parser.parse_args()


def run_cases(cases: list[Case], python: Path, launcher: list[str], env: dict, runs: int) -> dict[str, list[float]]:
    """Each case and `python -c pass`, `runs` times, interleaved round-robin -> their times."""
    commands = {"python -c pass": ([str(python), "-c", "pass"], {})}
    commands |= {case.label: ((case.program or launcher) + case.args, case.env or {}) for case in cases}
    print(f"{runs} runs of each (after {WARMUP_ROUNDS} warm-up rounds), interleaved round-robin\n")
    return measure(commands, env, runs)


def case_rows(cases: list[Case], times: dict[str, list[float]]) -> list[tuple[str, ...]]:
    """The baseline's row, then each case's against its target."""
    base = statistics.median(times["python -c pass"])
    rows = [timing_row("python -c pass", times["python -c pass"], base)]
    return rows + [timing_row(case.label, times[case.label], base, case.target) for case in cases]


def report_rows(all_cases: list[Case], times: dict[str, list[float]]) -> list[tuple[str, ...]]:
    """The table's rows: the baseline, each case, then the ten-year week against the one-week week."""
    rows = case_rows(all_cases, times)
    for label, other, limit in COMPARISONS:
        ratio = statistics.median(times[label]) / statistics.median(times[other])
        rows.append(
            (f"{label} / {other}", "", "", f"{ratio:.2f}x", f"<= {limit:.1f}x", "PASS" if ratio <= limit else "MISS")
        )
    return rows


def timing_row(
    label: str, samples: list[float], base: float, target: tuple[float, float] | None = None
) -> tuple[str, ...]:
    """label, median ms, p90 ms, ratio to `base`, target, result."""
    median = statistics.median(samples)
    ms = f"{median * 1e3:.1f}", f"{p90(samples) * 1e3:.1f}"
    return (label, *ms, f"{median / base:.2f}x", *verdict(median / base, target))


def print_table(rows: list[tuple[str, ...]]) -> None:
    header = ("command", "median ms", "p90 ms", "x python", "target", "result")
    widths = [max(display_width(row[i]) for row in [header, *rows]) for i in range(len(header))]
    for row in [header, *rows]:
        cells = []
        for i, (cell, width) in enumerate(zip(row, widths, strict=True)):
            pad = " " * (width - display_width(cell))
            cells.append(pad + cell if i in (1, 2, 3) else cell + pad)  # numbers right-aligned
        print("  ".join(cells).rstrip())


def display_width(text: str) -> int:
    """Columns taken in a terminal (CJK characters take two): salelog's own width function."""
    from salelog.sheet import cells

    return cells(text, guess=True)


# --- -X importtime ---------------------------------------------------------------


def show_importtime(python: Path, db: Path, env: dict, top: int = 15) -> None:
    """Run `python -X importtime -m salelog visit add ...`; print its costliest imports
    beyond those that `python -c pass` pays as well."""
    imports = imports_of(python, ["-m", "salelog", "--db", str(db), *VISIT_ADD], env)
    baseline = {name.strip() for _, _, name in imports_of(python, ["-c", "pass"], env)}
    own = [i for i in imports if i[2].strip() not in baseline]
    shared_us = sum(self_us for _, self_us, name in imports if name.strip() in baseline)
    print(f"$ python -X importtime -m salelog visit add ...  ({len(imports)} imports)")
    print(f"{len(imports) - len(own)} imports shared with python -c pass: {shared_us / 1e3:.1f} ms")
    print(f"{len(own)} more: {sum(self_us for _, self_us, _ in own) / 1e3:.1f} ms; the {top} costliest:")
    print(f"{'cumulative ms':>13}  {'self ms':>7}  module")
    for cumulative_us, self_us, name in sorted(own, reverse=True)[:top]:
        print(f"{cumulative_us / 1e3:13.1f}  {self_us / 1e3:7.1f}  {name}")


def imports_of(python: Path, python_args: list[str], env: dict) -> list[tuple[int, int, str]]:
    """-> (cumulative us, self us, indented module name) per import of `python -X importtime ...`."""
    command = [str(python), "-X", "importtime", *python_args]
    for _ in range(2):  # the first run may write .pyc files; keep the second
        done = subprocess.run(command, env=env, capture_output=True, text=True, check=True)
    imports = []
    for line in done.stderr.splitlines():
        if line.startswith("import time:") and "cumulative" not in line:
            self_us, cumulative_us, name = line.removeprefix("import time:").split("|", 2)
            imports.append((int(cumulative_us), int(self_us), name.rstrip()))
    return imports


# --- main ------------------------------------------------------------------------


def parse_args() -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--runs", type=int, default=30, help="measured runs of each command (default 30)")
    parser.add_argument("--check", action="store_true", help="exit 1 if a target is missed")
    parser.add_argument(
        "--importtime", action="store_true", help="only list the 15 costliest imports of visit add (-X importtime)"
    )
    parser.add_argument("--peers", action="store_true", help="also Watson and jrnl (installs them with pip)")
    args = parser.parse_args()
    if args.runs < 2:
        parser.error("--runs must be at least 2")
    return args


def main() -> int:
    args = parse_args()
    with tempfile.TemporaryDirectory(prefix="salelog-bench-") as tmp:
        folder = Path(tmp)
        env = bench_env(folder)
        if args.importtime:
            build_logbook(folder / "week.db")
            show_importtime(regular_python(folder), folder / "week.db", env)
            return 0
        python = regular_python(folder)
        launcher = salelog_launcher(python)
        print(f"Python {sys.version.split()[0]} ({python}); {os.cpu_count()} CPUs")
        print(f"salelog run as: {' '.join(launcher)}")
        if editable_install():
            print(
                "note: salelog is an editable install here; measured in a bare venv that sees it as a regular install"
            )
        if os.environ.get("PYTHONDONTWRITEBYTECODE"):
            print("note: PYTHONDONTWRITEBYTECODE is set here; the runs cache bytecode in the temp folder regardless")
        print(f"SALELOG_NOW={env['SALELOG_NOW']}; visit add = salelog [--db ...] {' '.join(VISIT_ADD)}")
        dbs = prepare_databases(folder, env)
        all_cases = cases(dbs, python) + (peer_cases(folder) if args.peers else [])
        rows = report_rows(all_cases, run_cases(all_cases, python, launcher, env, args.runs))
    print(f"baseline python -c pass: {rows[0][1]} ms\n")
    print_table(rows)
    missed = any(row[-1] == "MISS" for row in rows)
    return 1 if args.check and missed else 0


if __name__ == "__main__":
    sys.exit(main())
