"""Issue 15's two figures: `visit add` of a known name and of a new name, each
against 5,000 customers, as ratios to `python -c pass` measured in the same rounds.

A known name (张总) must cost what it did (WRITE_TARGET of bench/startup.py): no
pinyin or OpenCC table is read. A new name (黄新) is compared by script and
sound with every customer (the stored sound keys of m014_customer_sound) and by
spelling (difflib, over the names sharing a character with it) before it is
created: <= 3.5x; a new Latin name (Acme) is also matched against every
customer's pinyin. Each run gets a fresh copy of the logbook, so that the new
name is new every time and the known name opens the same file. The ratio of the
two and the ratios of CPU time are printed too: on a busy host they move less.

Measured on the 2-core VM, 2026-12-01, busy (load 3-6), 25 rounds: pass 23 ms;
known 2.91x, new 3.37x, Acme 3.55x (CPU 2.52x, 2.92x, 3.28x). Against the code
before issue 15 in the same rounds (load ~4): new name 4.57x before, 3.12x after
(difflib read all 5,000 names); known 3.04x before, 2.96x after.

    python bench/zhnames.py              # a report; always exits 0
    python bench/zhnames.py --runs 10
    python bench/zhnames.py --check      # exit 1 if a target is missed
"""

import argparse
import os
import resource
import statistics
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from startup import (  # noqa: E402 (bench/ is not a package)
    CURRENT_CUSTOMERS,
    WARMUP_ROUNDS,
    WRITE_TARGET,
    bench_env,
    build_logbook,
    copy_logbook,
    print_table,
    run_once,
    salelog_launcher,
    timing_row,
)
from startup import regular_python as bare_python  # noqa: E402

NEW_NAME_TARGET = (3.5, 3.0)
KNOWN = ["visit", "add", "张总", "--kind", "call", "--amount", "1.2w", "--next-date", "fri"]
NEW = ["visit", "add", "黄新", "--kind", "call", "--amount", "1.2w", "--next-date", "fri"]
NEW_LATIN = ["visit", "add", "Acme", "--kind", "call"]  # compared with every name's pinyin too


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--runs", type=int, default=20, help="measured runs of each (default 20)")
    parser.add_argument("--check", action="store_true", help="exit 1 if a target is missed")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="salelog-bench-zh-") as tmp:
        folder = Path(tmp)
        env = bench_env(folder)
        python = bare_python(folder)
        launcher = salelog_launcher(python)
        archive = folder / "archive.db"
        build_logbook(archive, history_customers=5_000 - len(CURRENT_CUSTOMERS))
        known_db, new_db = folder / "known.db", folder / "new.db"
        times: dict[str, list[float]] = {"python -c pass": [], "known name": [], "new name": [], "new latin name": []}
        cpu: dict[str, list[float]] = {label: [] for label in times}
        for round_number in range(WARMUP_ROUNDS + args.runs):
            for label in times:
                if label != "python -c pass":  # every run on a fresh copy: the same file each time
                    for fresh in (known_db, new_db):
                        for leftover in (fresh, Path(f"{fresh}-wal"), Path(f"{fresh}-shm")):
                            leftover.unlink(missing_ok=True)
                        copy_logbook(archive, fresh)
                command = {
                    "python -c pass": [str(python), "-c", "pass"],
                    "known name": [*launcher, "--db", str(known_db), *KNOWN],
                    "new name": [*launcher, "--db", str(new_db), *NEW],
                    "new latin name": [*launcher, "--db", str(new_db), *NEW_LATIN],
                }[label]
                before = resource.getrusage(resource.RUSAGE_CHILDREN)
                elapsed = run_once(command, env)
                after = resource.getrusage(resource.RUSAGE_CHILDREN)
                if round_number >= WARMUP_ROUNDS:
                    times[label].append(elapsed)
                    cpu[label].append(after.ru_utime + after.ru_stime - before.ru_utime - before.ru_stime)
        check_created(new_db, "Acme")
    base = statistics.median(times["python -c pass"])
    print(f"Python {sys.version.split()[0]}; {os.cpu_count()} CPUs; {args.runs} rounds after {WARMUP_ROUNDS} warm-up")
    print(f"known: salelog {' '.join(KNOWN)}\nnew:   salelog {' '.join(NEW)}\n       salelog {' '.join(NEW_LATIN)}\n")
    rows = [
        timing_row("python -c pass", times["python -c pass"], base),
        timing_row("visit add, known name (5,000 customers)", times["known name"], base, WRITE_TARGET),
        timing_row("visit add, new name (5,000 customers)", times["new name"], base, NEW_NAME_TARGET),
        timing_row("visit add, new name Acme (5,000 customers)", times["new latin name"], base, NEW_NAME_TARGET),
    ]
    print_table(rows)
    extra = statistics.median(times["new name"]) / statistics.median(times["known name"])
    print(f"\nnew name / known name: {extra:.2f}x (what a miss adds, whatever the host's load)")
    # CPU time of the process (user + system): on a shared, busy host it moves less than wall time.
    cpu_base = statistics.median(cpu["python -c pass"])
    for label in ("known name", "new name", "new latin name"):
        print(f"CPU time, {label}: {statistics.median(cpu[label]) / cpu_base:.2f}x python -c pass's")
    return 1 if args.check and any(row[-1] == "MISS" for row in rows) else 0


def check_created(db: Path, name: str) -> None:
    """The new name's last run really created a customer (not refused, not matched)."""
    import sqlite3
    from contextlib import closing

    with closing(sqlite3.connect(db)) as conn:
        if not conn.execute("SELECT 1 FROM customers WHERE name = ?", (name,)).fetchone():
            sys.exit(f"{name} was not created: the bench measured something else")


if __name__ == "__main__":
    started = time.perf_counter()
    status = main()
    print(f"\n({time.perf_counter() - started:.0f} s)")
    sys.exit(status)
