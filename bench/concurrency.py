"""Many `salelog visit add` processes against one database file at once.

    python bench/concurrency.py                          # the full run: 8 writers x 200 adds, ~1-2 minutes
    python bench/concurrency.py --writers 4 --per-writer 25
    python bench/concurrency.py --strict                 # also exit 1 if the latency target is missed

Each writer runs its adds one after another, each a whole process
(`python -m salelog visit add`), all writers at the same time, while a reader
runs `salelog week --json` in a loop. Every add logs its own customer (with
--new), outcome and tags, so that every command that exited 0 can be found
afterwards. Before that, a single writer alone logs --solo adds: the median of
those is the yardstick for latency under load.

It prints what was written and lost, every failure (a non-zero exit, "locked"
on stderr, a missing or half-written entry, a failed integrity check, a reader
that saw the log shrink), the entries/second the writers sustained together,
and the p50/p99 latency of one `visit add` while they ran against the
single-writer median (target: p99 < 3x). Exit status 1 if anything was lost or
failed. Latency is wall time, so a machine with fewer cores than processes
(writers + reader) measures CPU sharing as much as locking; the report says how
many cores there were.

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


@dataclass
class Run:
    """What the writers and the reader did."""

    writes: list[Command] = field(default_factory=list)
    reads: list[Command] = field(default_factory=list)
    seconds: float = 0.0  # wall time from the first writer's start to the last writer's end


def salelog(db: Path, *args: str, env: dict | None = None) -> Command:
    """Run `salelog --db DB ARGS` as a user's shell would, timing it."""
    argv = [*SALELOG, "--db", str(db), *args]
    started = time.perf_counter()
    done = subprocess.run(argv, capture_output=True, text=True, encoding="utf-8", env=env, timeout=120)
    return Command(list(args), done.returncode, done.stdout, done.stderr, time.perf_counter() - started)


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


def solo(db: Path, count: int, env: dict | None = None) -> list[Command]:
    """`count` adds by a single writer with nothing else running."""
    return [salelog(db, *add_args("solo", i), env=env) for i in range(count)]


def hammer(db: Path, writers: int, per_writer: int, env: dict | None = None, reader: bool = True) -> Run:
    """`writers` threads, each running `per_writer` adds one after another, all at
    once, plus (with `reader`) `salelog week --json` in a loop until they finish."""
    run = Run()
    lock = threading.Lock()
    start = threading.Barrier(writers + (1 if reader else 0))
    writing = threading.Event()
    writing.set()

    def write(w: int) -> None:
        start.wait()
        for i in range(per_writer):
            command = salelog(db, *add_args(f"w{w}", i), env=env)
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


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--writers", type=int, default=8, help="writer processes at once (default 8)")
    parser.add_argument("--per-writer", type=int, default=200, help="adds each writer runs (default 200)")
    parser.add_argument("--solo", type=int, default=30, help="single-writer adds for the yardstick (default 30)")
    parser.add_argument("--no-reader", action="store_true", help="no `week` loop alongside the writers")
    parser.add_argument("--strict", action="store_true", help="exit 1 also if p99 >= 3x the single-writer median")
    parser.add_argument("--keep", metavar="DIR", help="leave the database in DIR instead of a temporary folder")
    options = parser.parse_args(argv)

    folder = Path(options.keep or tempfile.mkdtemp(prefix="salelog-concurrency-"))
    folder.mkdir(parents=True, exist_ok=True)
    db = folder / "salelog.db"
    env = dict(os.environ, SALELOG_NOW=os.environ.get("SALELOG_NOW", "2026-11-25T18:00"))
    env.pop("SALELOG_DB", None)
    cores = os.cpu_count() or 1
    print(f"{options.writers} writers x {options.per_writer} adds, reader: {not options.no_reader}; {cores} cores")

    first = salelog(db, "goal", "set", "visits", "10", env=env)  # creates and migrates the file, untimed
    single = solo(db, options.solo, env=env)
    run = hammer(db, options.writers, options.per_writer, env=env, reader=not options.no_reader)
    wanted = options.writers * options.per_writer + options.solo
    found = problems(db, [*single, *run.writes], run.reads)
    if first.code != 0:
        found.insert(0, f"creating the database failed: {first.err.strip()}")
    with closing(sqlite3.connect(db)) as conn:
        stored = conn.execute("SELECT count(*) FROM entries").fetchone()[0]
    confirmed = sum(c.code == 0 for c in [*single, *run.writes])

    median_solo = statistics.median(c.seconds for c in single)
    latencies = [c.seconds for c in run.writes]
    p50, p99 = percentile(latencies, 0.5), percentile(latencies, 0.99)
    ratio = p99 / median_solo
    print(f"entries: {stored} stored, {wanted} commands, {confirmed} exited 0, lost {max(0, confirmed - stored)}")
    print(f"reader: {len(run.reads)} runs of `week --json`, {sum(r.code != 0 for r in run.reads)} failed")
    print(f"throughput: {len(run.writes) / run.seconds:.1f} entries/s sustained by {options.writers} writers")
    print(f"                 ({len(run.writes)} adds in {run.seconds:.1f} s)")
    print(f"single writer:   median {median_solo * 1000:.0f} ms per add ({options.solo} adds alone)")
    print(f"under load:      p50 {p50 * 1000:.0f} ms, p99 {p99 * 1000:.0f} ms, max {max(latencies) * 1000:.0f} ms")
    verdict = "met" if ratio < LATENCY_TARGET else "MISSED"
    print(f"p99 / single-writer median = {ratio:.1f}x (target < {LATENCY_TARGET:g}x): {verdict}")
    processes = options.writers + (0 if options.no_reader else 1)
    if processes > cores:
        print(f"  note: {processes} processes at once on {cores} cores: latency includes waiting for a CPU")
    for problem in found[:50]:
        print("PROBLEM:", problem)
    if len(found) > 50:
        print(f"... and {len(found) - 50} more problems")
    print("result:", "OK" if not found else f"{len(found)} problems", f"(database: {db})" if options.keep else "")
    if not options.keep:
        for path in folder.iterdir():
            path.unlink()
        folder.rmdir()
    return 1 if found or (options.strict and ratio >= LATENCY_TARGET) else 0


if __name__ == "__main__":
    sys.exit(main())
