"""Many `salelog visit add` processes against one database file at once.

    python bench/concurrency.py                          # the full run: ~3 minutes on 2 cores
    python bench/concurrency.py --writers 4 --per-writer 25
    python bench/concurrency.py --strict                 # also exit 1 if the latency target is missed

Each writer runs its adds one after another, each a whole process, all writers
at the same time, while a reader runs `salelog week --json` in a loop. Every add
logs its own customer (with --new), outcome and tags, so that every command that
exited 0 can be found afterwards. Before that, a single writer alone logs --solo
adds: the median of those is the yardstick for latency under load.

Then, unless --no-control, the same writers and reader run again with the same
commands, but each writer on a database file of its own (the reader on a third
one): the same number of processes doing the same work, so the same CPU load,
with no one waiting for anyone's write lock. Comparing the two runs splits the
latency under load into what CPU sharing costs (a machine with fewer cores than
processes) and what waiting for SQLite's write lock adds on top.

The timed adds run through bench/lockprobe.py (`python -m salelog` that also
records, without changing anything salelog does, how long BEGIN IMMEDIATE waited
for the write lock, how long the lock was then held, and the process's CPU time).

It prints what was written and lost, every failure (a non-zero exit, "locked"
on stderr, a missing or half-written entry, a failed integrity check, a reader
that saw the log shrink), the entries/second the writers sustained together,
the p50/p90/p99 latency of one add in both runs as multiples of the
single-writer median (target: p99 < 3x on the shared file), the lock wait and
lock hold percentiles, and where the slowest 1% of adds spent their time.
Exit status 1 if anything was lost or failed.

tests/test_robustness.py runs the same code at 4 writers x 25 adds.
"""

import argparse
import json
import math
import os
import re
import sqlite3
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from contextlib import closing
from dataclasses import dataclass, field
from pathlib import Path

SALELOG = [sys.executable, "-m", "salelog"]
PROBED = [sys.executable, str(Path(__file__).resolve().with_name("lockprobe.py"))]  # SALELOG + lock timings
KINDS = ("visit", "call", "email", "meeting", "message")
LATENCY_TARGET = 3.0  # p99 under load, as a multiple of the single-writer median


@dataclass
class Command:
    """One finished `salelog` process."""

    args: list[str]
    code: int
    out: str
    err: str
    seconds: float
    # From bench/lockprobe.py, when the command ran through it (None otherwise), in seconds:
    lock_wait: float | None = None  # in BEGIN IMMEDIATE, waiting for the write lock
    lock_held: float | None = None  # from BEGIN IMMEDIATE's return to COMMIT's
    commit: float | None = None  # of lock_held, the COMMIT itself
    cpu: float | None = None  # user + system CPU of the whole process


@dataclass
class Run:
    """What the writers and the reader did."""

    writes: list[Command] = field(default_factory=list)
    reads: list[Command] = field(default_factory=list)
    seconds: float = 0.0  # wall time from the first writer's start to the last writer's end


def salelog(db: Path, *args: str, env: dict | None = None, probe: Path | None = None) -> Command:
    """Run `salelog --db DB ARGS` as a user's shell would, timing it. With `probe`
    (a file path), run it through bench/lockprobe.py, which writes its lock wait,
    lock hold and CPU time to that file."""
    argv = [*(PROBED if probe else SALELOG), "--db", str(db), *args]
    if probe:
        env = dict(os.environ if env is None else env, SALELOG_LOCKPROBE=str(probe))
        probe.unlink(missing_ok=True)
    started = time.perf_counter()
    done = subprocess.run(argv, capture_output=True, text=True, encoding="utf-8", env=env, timeout=120)
    command = Command(list(args), done.returncode, done.stdout, done.stderr, time.perf_counter() - started)
    if probe and probe.exists():
        wait, held, commit, cpu, _ = probe.read_text(encoding="ascii").split()
        command.lock_wait, command.lock_held, command.commit, command.cpu = map(float, (wait, held, commit, cpu))
    return command


def add_args(writer: str, number: int) -> list[str]:
    """The arguments of one add: its own customer, outcome and tags, so it can be found afterwards."""
    args = ["visit", "add", f"客户{writer}-{number:04d}", "--new", "--outcome", outcome(writer, number)]
    args += ["--kind", KINDS[number % len(KINDS)], "--tag", f"writer-{writer}", "--tag", f"n{number}"]
    if number % 2:
        args += ["--amount", f"{number}.5"]
    return args


def outcome(writer: str, number: int) -> str:
    return f"{writer}#{number}"


def expected_tags(writer: str, number: int) -> set[str]:
    return {f"writer-{writer}", f"n{number}"}


def solo(db: Path, count: int, env: dict | None = None, probe: Path | None = None) -> list[Command]:
    """`count` adds by a single writer with nothing else running."""
    return [salelog(db, *add_args("solo", i), env=env, probe=probe) for i in range(count)]


def own_file(db: Path, writer: int) -> Path:
    """The database file writer `writer` uses in hammer(..., separate=True)."""
    return db.with_name(f"{db.stem}-w{writer}{db.suffix}")


def hammer(
    db: Path,
    writers: int,
    per_writer: int,
    env: dict | None = None,
    reader: bool = True,
    *,
    separate: bool = False,
    probe: Path | None = None,
) -> Run:
    """`writers` threads, each running `per_writer` adds one after another, all at
    once, plus (with `reader`) `salelog week --json` on `db` in a loop until they
    finish. With `separate`, writer w writes to own_file(db, w) instead of `db`:
    the same load without lock contention. With `probe` (a folder), the adds run
    through bench/lockprobe.py and carry their lock timings."""
    run = Run()
    lock = threading.Lock()
    start = threading.Barrier(writers + (1 if reader else 0))
    writing = threading.Event()
    writing.set()

    def write(w: int) -> None:
        target = own_file(db, w) if separate else db
        record = probe / f"lockprobe-w{w}" if probe else None
        start.wait()
        for i in range(per_writer):
            command = salelog(target, *add_args(f"w{w}", i), env=env, probe=record)
            with lock:
                run.writes.append(command)

    def read() -> None:
        start.wait()
        while writing.is_set():
            command = salelog(db, "week", "--json", env=env)
            with lock:
                run.reads.append(command)

    threads = [threading.Thread(target=write, args=(w,)) for w in range(writers)]
    watcher = threading.Thread(target=read) if reader else None
    for thread in threads + ([watcher] if watcher else []):
        thread.start()
    started = time.perf_counter()
    for thread in threads:
        thread.join()
    run.seconds = time.perf_counter() - started
    writing.clear()
    if watcher:
        watcher.join()
    return run


def problems(db: Path, commands: list[Command], reads: list[Command] = (), *, killed_ok: bool = False) -> list[str]:
    """Everything wrong after `commands` (adds made by add_args) ran against `db`:
    failed or locked commands, confirmed entries missing, entries whose tags or
    customer are not what their command gave, a customer without the entry it
    was created for, a damaged file, a reader that saw the log shrink. With
    `killed_ok`, a command killed by a signal is not a failure in itself (its
    entry must still be whole or absent). An empty list means all is well."""
    found = []
    for c in [*commands, *reads]:
        if c.code != 0 and not (killed_ok and c.code < 0):
            found.append(f"exit {c.code}: salelog {' '.join(c.args)}: {c.err.strip()}")
        if "locked" in c.err.lower() or "Traceback" in c.err:
            found.append(f"salelog {' '.join(c.args)} said: {c.err.strip()}")
    with closing(sqlite3.connect(db)) as conn:
        if (check := conn.execute("PRAGMA integrity_check").fetchall()) != [("ok",)]:
            found.append(f"integrity_check: {check}")
        if fk := conn.execute("PRAGMA foreign_key_check").fetchall():
            found.append(f"foreign_key_check: {fk}")
        rows = {
            out: (entry_id, customer)
            for entry_id, out, customer in conn.execute(
                "SELECT e.id, e.outcome, c.name FROM entries e LEFT JOIN customers c ON c.id = e.customer_id"
            )
        }
        tags: dict[int, set[str]] = {}
        for entry_id, tag in conn.execute("SELECT entry_id, tag FROM entry_tags"):
            tags.setdefault(entry_id, set()).add(tag)
        stuck = conn.execute("SELECT count(*) FROM undo_log WHERE recording = 1").fetchone()[0]
        entry_counts = dict(
            conn.execute(
                "SELECT c.name, count(e.id) FROM customers c LEFT JOIN entries e ON e.customer_id = c.id GROUP BY c.id"
            )
        )
    if stuck:
        found.append(f"{stuck} undo_log rows still recording (a command's bookkeeping was half-written)")
    for c in commands:
        customer, writer, number = _what_was_added(c.args)
        logged = re.search(r"logged #(\d+)", c.out)
        row = rows.get(outcome(writer, number))
        if c.code == 0 and row is None:
            found.append(f"lost: salelog {' '.join(c.args)} exited 0 ({c.out.strip()}) but its entry is missing")
        if row is None:
            if entry_counts.get(customer):
                found.append(f"customer {customer!r} has entries but not the one salelog {' '.join(c.args)} added")
            elif customer in entry_counts:
                found.append(f"half-written: customer {customer!r} exists without the entry it was created for")
            continue
        if logged and int(logged[1]) != row[0]:
            found.append(f"salelog {' '.join(c.args)} said {logged[0]} but its entry is #{row[0]}")
        if row[1] != customer:
            found.append(f"entry #{row[0]} belongs to {row[1]!r}, not {customer!r}")
        if tags.get(row[0], set()) != expected_tags(writer, number):
            found.append(f"entry #{row[0]} has tags {tags.get(row[0])}, not {expected_tags(writer, number)}")
    seen = [_entries_seen(r.out) for r in reads if r.code == 0]
    if any(later < earlier for earlier, later in zip(seen, seen[1:], strict=False)):
        found.append(f"the reader saw the week's entry count go down: {seen}")
    return found


def _what_was_added(args: list[str]) -> tuple[str, str, int]:
    customer = args[2]
    writer, _, number = args[args.index("--outcome") + 1].partition("#")
    return customer, writer, int(number)


def _entries_seen(week_json: str) -> int:
    return json.loads(week_json)["entries"]


def percentile(values: list[float], share: float) -> float:
    """The `share` quantile (0.5, 0.99) by the nearest-rank method."""
    ordered = sorted(values)
    return ordered[max(1, math.ceil(share * len(ordered))) - 1]


def ms(seconds: float) -> str:
    return f"{seconds * 1000:.1f}" if seconds < 0.1 else f"{seconds * 1000:.0f}"


def latency_line(label: str, commands: list[Command], yardstick: float) -> str:
    """p50/p90/p99/max of the commands' wall times, in ms and as multiples of `yardstick`."""
    times = [c.seconds for c in commands]
    cells = [percentile(times, q) for q in (0.5, 0.9, 0.99)] + [max(times)]
    return f"{label:<22}" + "".join(f"{ms(t):>7} ms {t / yardstick:4.1f}x " for t in cells)


def spread_line(label: str, values: list[float]) -> str:
    """p50/p90/p99/max of some seconds, in ms."""
    cells = [percentile(values, q) for q in (0.5, 0.9, 0.99)] + [max(values)]
    return f"{label:<22}" + "".join(f"{ms(t):>7} ms       " for t in cells)


def slowest_share(commands: list[Command], share: float = 0.01) -> str:
    """Where the slowest `share` of the commands spent their wall time, on average:
    CPU of their own, waiting for the write lock, the COMMIT (mostly the fsync of
    the WAL, done while holding the lock), and the rest (mostly runnable with no
    free core; also any other disk wait)."""
    probed = [c for c in commands if c.cpu is not None]
    slow = sorted(probed, key=lambda c: c.seconds)[-max(1, math.ceil(share * len(probed))) :]
    wall = statistics.fmean(c.seconds for c in slow)
    parts = {
        "CPU": statistics.fmean(c.cpu for c in slow),
        "lock wait": statistics.fmean(c.lock_wait for c in slow),
        "COMMIT": statistics.fmean(c.commit for c in slow),
    }
    parts["waiting for a core"] = wall - sum(parts.values())
    return (
        f"{ms(wall)} ms = " + " + ".join(f"{k} {ms(v)} ({v / wall:.0%})" for k, v in parts.items()) + f" [{len(slow)}]"
    )


def report_run(label: str, run: Run, yardstick: float, writers: int) -> None:
    """Throughput, latency percentiles, lock wait and hold of one hammer() run."""
    probed = [c for c in run.writes if c.lock_wait is not None]
    print(f"{label}: {len(run.writes) / run.seconds:.1f} entries/s sustained by {writers} writers", end="")
    print(f" ({len(run.writes)} adds in {run.seconds:.1f} s)")
    print(latency_line("  add latency", run.writes, yardstick))
    if probed:
        waits = [c.lock_wait for c in probed]
        print(spread_line("  lock wait", waits), f"({sum(w >= 0.001 for w in waits) / len(waits):.0%} waited >= 1 ms)")
        print(spread_line("  lock held", [c.lock_held for c in probed]))
        print(spread_line("  of which COMMIT", [c.commit for c in probed]))
        print(spread_line("  CPU of the process", [c.cpu for c in probed]))
        print("  slowest 1%:", slowest_share(probed))


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        description=__doc__.split("\n\n")[0],
        epilog="Figures and what they mean: bench/README.md, section Concurrency.",
    )
    parser.add_argument("--writers", type=int, default=8, help="writer processes at once (default 8)")
    parser.add_argument("--per-writer", type=int, default=200, help="adds each writer runs (default 200)")
    parser.add_argument("--solo", type=int, default=30, help="single-writer adds for the yardstick (default 30)")
    parser.add_argument("--no-reader", action="store_true", help="no `week` loop alongside the writers")
    parser.add_argument(
        "--no-control",
        action="store_true",
        help="skip the second run (each writer on its own file: same CPU load, no lock contention); halves the time",
    )
    parser.add_argument("--strict", action="store_true", help="exit 1 also if p99 >= 3x the single-writer median")
    parser.add_argument("--keep", metavar="DIR", help="leave the databases in DIR instead of a temporary folder")
    options = parser.parse_args(argv)

    folder = Path(options.keep or tempfile.mkdtemp(prefix="salelog-concurrency-"))
    folder.mkdir(parents=True, exist_ok=True)
    db = folder / "salelog.db"
    env = dict(os.environ, SALELOG_NOW=os.environ.get("SALELOG_NOW", "2026-11-25T18:00"))
    env.pop("SALELOG_DB", None)
    cores = os.cpu_count() or 1
    processes = options.writers + (0 if options.no_reader else 1)
    print(f"{options.writers} writers x {options.per_writer} adds, reader: {not options.no_reader}; {cores} cores")

    first = salelog(db, "goal", "set", "visits", "10", env=env)  # creates and migrates the file, untimed
    single = solo(db, options.solo, env=env, probe=folder / "lockprobe-solo")
    run = hammer(db, options.writers, options.per_writer, env=env, reader=not options.no_reader, probe=folder)
    wanted = options.writers * options.per_writer + options.solo
    found = problems(db, [*single, *run.writes], run.reads)
    if first.code != 0:
        found.insert(0, f"creating the database failed: {first.err.strip()}")
    with closing(sqlite3.connect(db)) as conn:
        stored = conn.execute("SELECT count(*) FROM entries").fetchone()[0]
    confirmed = sum(c.code == 0 for c in [*single, *run.writes])
    print(f"entries: {stored} stored, {wanted} commands, {confirmed} exited 0, lost {max(0, confirmed - stored)}")
    print(f"reader: {len(run.reads)} runs of `week --json`, {sum(r.code != 0 for r in run.reads)} failed")

    control = None
    if not options.no_control:
        for w in range(options.writers):  # created and migrated untimed, as the shared file was
            if (made := salelog(own_file(db, w), "goal", "set", "visits", "10", env=env)).code != 0:
                found.append(f"creating {own_file(db, w).name} failed: {made.err.strip()}")
        control = hammer(
            db, options.writers, options.per_writer, env=env, reader=not options.no_reader, separate=True, probe=folder
        )
        for w in range(options.writers):
            mine = [c for c in control.writes if c.args[2].startswith(f"客户w{w}-")]
            found += [f"{own_file(db, w).name}: {p}" for p in problems(own_file(db, w), mine)]
        found += [f"control reader: {p}" for p in problems(db, [], control.reads)]

    median_solo = statistics.median(c.seconds for c in single)
    print(f"single writer: median {ms(median_solo)} ms per add ({options.solo} adds alone)", end="")
    print(f"; lock held median {ms(statistics.median(c.lock_held for c in single))} ms", end="")
    print(f", CPU median {ms(statistics.median(c.cpu for c in single))} ms")
    print(f"{'':<22}" + "".join(f"{q:>10}        " for q in ("p50", "p90", "p99", "max")))
    report_run("one shared file (the test)", run, median_solo, options.writers)
    if control:
        report_run("own file each (control: same CPU load, no lock contention)", control, median_solo, options.writers)

    p99 = percentile([c.seconds for c in run.writes], 0.99)
    ratio = p99 / median_solo
    verdict = "met" if ratio < LATENCY_TARGET else "MISSED"
    print(f"p99 / single-writer median = {ratio:.1f}x (target < {LATENCY_TARGET:g}x): {verdict}")
    if control:
        p99_control = percentile([c.seconds for c in control.writes], 0.99)
        waits = [c.lock_wait for c in run.writes if c.lock_wait is not None]
        print(
            f"  CPU sharing alone (control): p99 {p99_control / median_solo:.1f}x;"
            f" the shared file's write lock adds {(p99 - p99_control) / median_solo:+.1f}x"
            f" (lock wait p99 {ms(percentile(waits, 0.99))} ms)"
        )
    if processes > cores:
        print(f"  note: {processes} processes at once on {cores} cores: latency includes waiting for a CPU")
    for problem in found[:50]:
        print("PROBLEM:", problem)
    if len(found) > 50:
        print(f"... and {len(found) - 50} more problems")
    print(
        "result:", "OK" if not found else f"{len(found)} problems", f"(databases in {folder})" if options.keep else ""
    )
    if not options.keep:
        for path in folder.iterdir():
            path.unlink()
        folder.rmdir()
    return 1 if found or (options.strict and ratio >= LATENCY_TARGET) else 0


if __name__ == "__main__":
    sys.exit(main())
