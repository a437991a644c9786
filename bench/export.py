"""`salelog export entries` of a large logbook: time and peak memory per format.

    python bench/export.py                     # 100,000 entries, every format: ~2 minutes on 2 cores
    python bench/export.py --entries 20000 --formats csv,json
    python bench/export.py --code /tmp/old     # also an older salelog (a folder holding its salelog/)
    python bench/export.py --traced            # also tracemalloc's peak (a second, slower run each)

Builds a throwaway logbook through salelog's own store (the real schema and
migrations) in a temporary folder: `--entries` entries over 2,000 customers,
logged in time order over ten years, every field used, a third of them tagged,
some with competitors, line breaks and text that the formula guard escapes.
Then, for each format, one whole process runs `salelog export entries -o FILE`
and reports its wall time and its peak resident memory (VmHWM, Linux: Python,
SQLite and openpyxl together); with --traced, a second process the peak of
Python's traced memory. With --code, each line is measured for that salelog
too, in the same round, and the files of the two are compared (xlsx aside: a
zip's bytes differ with its timestamps). Exits 0 whatever the numbers.

Measured 2026-12-01, 100,000 entries, 2 busy cores (Python 3.11, SQLite 3.40),
before (one query per entry's lists, every record in memory before the first
was written) and after (store.iter_entries, written as read):

    format   before: time   peak RSS      after: time   peak RSS   same bytes
    csv               7.1 s    227 MiB             2.2 s     24 MiB   yes
    jsonl             4.1 s    325 MiB             2.6 s     25 MiB   yes
    json              5.2 s    418 MiB             3.3 s     25 MiB   yes
    md               12.7 s    301 MiB             3.3 s     24 MiB   yes
    xlsx             38.4 s    548 MiB            31.6 s     33 MiB   (a zip: same cells, types, formats)

On this machine a run varies by up to half from one to the next (other work
shares the 2 cores): compare the two columns of one run only. The peak no
longer grows with the log (tests/test_issue13_export.py checks 20,000 entries
against 2,000). What is left is per row: the lists' subqueries and dicts in
the store, and each cell's escaping; xlsx is openpyxl's own per-cell work.
"""

import argparse
import contextlib
import io
import json
import os
import random
import subprocess
import sys
import tempfile
from datetime import datetime, timedelta
from pathlib import Path

from salelog import store

NOW = datetime(2026, 11, 25, 18, 0)
FORMATS = ("csv", "jsonl", "json", "md", "xlsx")
KINDS = ("visit", "call", "email", "meeting", "message")
TAGS = ("展会", "老客户", "续约", "转介绍", "demo")
COMPETITORS = ("华为", "中兴", "思科")
NOTES = ("报价已发", "沟通需求\n下周再谈", "=SUM(A1:A2) 不是公式", "价格 | 交期 *急*", "客户说：'太贵'")

# Run in a child process: salelog's main() on argv, then what it cost.
CHILD = """
import json, sys, time, tracemalloc
traced = sys.argv[1] == "traced"
if traced:
    tracemalloc.start()
from salelog.cli import main
started = time.perf_counter()
try:
    main(sys.argv[2:])
except SystemExit as e:
    if e.code not in (0, None):
        raise
seconds = time.perf_counter() - started
peak = tracemalloc.get_traced_memory()[1] if traced else None
# VmHWM: this process's own peak (ru_maxrss would include the bench's own, inherited at fork)
with open("/proc/self/status") as status:
    rss = next(int(line.split()[1]) * 1024 for line in status if line.startswith("VmHWM:"))
print(json.dumps({"seconds": seconds, "traced": peak, "rss": rss}), file=sys.stderr)
"""


def build_logbook(path: Path, entries: int, customers: int = 2_000) -> None:
    """A logbook at `path` with `entries` entries over `customers` customers, ten years back from NOW."""
    rng = random.Random(2026)
    with contextlib.redirect_stderr(io.StringIO()):  # open_db's "created new database" note
        conn = store.open_db(str(path))
    start = NOW - timedelta(days=3650)
    with store.writing(conn):
        ids = [store.create_customer(conn, f"客户{i:04d}", start) for i in range(customers)]
        moments = sorted(start + timedelta(minutes=rng.randrange(3650 * 24 * 60)) for _ in range(entries))
        for at in moments:  # logged as they happened, as a logbook grows
            entry = {
                "at": at.strftime("%Y-%m-%d %H:%M:%S"),
                "kind": rng.choice(KINDS),
                "amount_fen": rng.randrange(1, 500_000) * 100 + rng.choice((0, 50)) if rng.random() < 0.2 else None,
                "outcome": rng.choice(NOTES),
                "needs": rng.choice(NOTES) if rng.random() < 0.3 else None,
                "feedback": rng.choice(NOTES) if rng.random() < 0.2 else None,
                "next_step": "周五回访" if rng.random() < 0.2 else None,
                "next_date": (at + timedelta(days=3)).date().isoformat() if rng.random() < 0.2 else None,
                "minutes": rng.choice((None, 30, 45, 60, 90)),
            }
            lists = {
                "tag": rng.sample(TAGS, rng.randint(1, 3)) if rng.random() < 0.33 else [],
                "competitor": rng.sample(COMPETITORS, rng.randint(1, 2)) if rng.random() < 0.1 else [],
            }
            store.insert_entry(conn, rng.choice(ids), entry, lists, at)
    conn.close()


def measure(db: Path, fmt: str, out: Path, *, traced: bool, code: str | None = None) -> dict:
    """One export in a fresh process (of the salelog in folder `code`, if given) -> {"seconds", "traced", "rss"}."""
    env = dict(os.environ, SALELOG_NOW=NOW.isoformat(timespec="minutes"), SALELOG_DB=str(db), LANG="C.UTF-8")
    if code:
        env["PYTHONPATH"] = code
    argv = ["export", "entries", "--format", fmt, "-o", str(out)]
    done = subprocess.run(
        [sys.executable, "-c", CHILD, "traced" if traced else "plain", *argv],
        cwd=db.parent,  # not the repo: -c puts the working folder first on sys.path
        env=env,
        capture_output=True,
        text=True,
        check=True,
    )
    return json.loads(done.stderr.strip().splitlines()[-1])


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n", 1)[0])
    parser.add_argument("--entries", type=int, default=100_000)
    parser.add_argument("--formats", default=",".join(FORMATS))
    parser.add_argument("--code", help="a folder holding an older salelog/ to measure beside this one")
    parser.add_argument("--traced", action="store_true", help="also tracemalloc's peak, in a second run")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as folder:
        db = Path(folder) / "salelog.db"
        build_logbook(db, args.entries)
        print(f"{args.entries:,} entries: wall time and max RSS of the process")
        for fmt in args.formats.split(","):
            for label, code in (("other", args.code), ("this", None)) if args.code else (("this", None),):
                out = Path(folder) / f"{label}.{fmt}"
                plain = measure(db, fmt, out, traced=False, code=code)
                line = f"{fmt:6} {label:5} {plain['seconds']:6.2f} s  max RSS {plain['rss'] / 2**20:6.1f} MiB"
                if args.traced:
                    line += f"  traced peak {measure(db, fmt, out, traced=True, code=code)['traced'] / 2**20:7.2f} MiB"
                print(line + f"  ({out.stat().st_size / 2**20:.1f} MiB written)", flush=True)
            if args.code and fmt != "xlsx":
                same = (Path(folder) / f"other.{fmt}").read_bytes() == (Path(folder) / f"this.{fmt}").read_bytes()
                print(f"{fmt:6} the same bytes: {'yes' if same else 'NO'}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
