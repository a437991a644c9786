"""`salelog export entries` of a large logbook: time and peak memory per format.

    python bench/export.py                  # 100,000 entries, every format: a few minutes on 2 cores
    python bench/export.py --entries 20000 --formats csv,json

Builds a throwaway logbook through salelog's own store (the real schema and
migrations) in a temporary folder: `--entries` entries over 2,000 customers,
every field used, a third of them tagged, some with competitors, line breaks
and text that the formula guard must escape. Then, for each format, one whole
process runs `salelog export entries -o FILE` and reports its wall time, its
peak resident memory (ru_maxrss: Python, SQLite and openpyxl together) and, in a
second process, the peak of Python's traced memory (tracemalloc, which slows
the run, so its time is not the one shown). Exits 0 whatever the numbers.

Figures, 100,000 entries, 2 busy cores (python 3.11, SQLite 3.40):

    format   before: time   max RSS   traced peak   after: time   max RSS   traced peak
    (filled in below by the commit that streams the export)
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
import json, resource, sys, time, tracemalloc
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
rss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss * 1024  # kilobytes on Linux
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


def measure(db: Path, fmt: str, out: Path, *, traced: bool) -> dict:
    """One export in a fresh process -> {"seconds", "traced", "rss"}."""
    env = dict(os.environ, SALELOG_NOW=NOW.isoformat(timespec="minutes"), SALELOG_DB=str(db), LANG="C.UTF-8")
    argv = ["export", "entries", "--format", fmt, "-o", str(out)]
    done = subprocess.run(
        [sys.executable, "-c", CHILD, "traced" if traced else "plain", *argv],
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
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as folder:
        db = Path(folder) / "salelog.db"
        build_logbook(db, args.entries)
        print(f"{args.entries:,} entries; time and max RSS of the process, then tracemalloc's peak")
        for fmt in args.formats.split(","):
            out = Path(folder) / f"entries.{fmt}"
            plain = measure(db, fmt, out, traced=False)
            traced = measure(db, fmt, out, traced=True)
            size = out.stat().st_size
            print(
                f"{fmt:6} {plain['seconds']:6.2f} s  max RSS {plain['rss'] / 2**20:6.1f} MiB"
                f"  traced peak {traced['traced'] / 2**20:7.2f} MiB  ({size / 2**20:.1f} MiB written)"
            )
    return 0


if __name__ == "__main__":
    sys.exit(main())
