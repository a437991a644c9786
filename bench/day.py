"""Whole-process start-up of the day's report and its writes (issue 17: `day` at
most 2.5x `python -c pass`), against the baseline measured in the same run,
round-robin, with `today` beside them for comparison.

    python bench/day.py                # a report; always exits 0
    python bench/day.py --runs 15
    python bench/day.py --check        # exit 1 if `day` misses its limit

The logbooks are bench/startup.py's (one week; ten years, ~100,000 entries),
with a day's activities, tasks and a note added through salelog's store, in a
temporary folder removed afterwards; measured in a regular (non-editable)
install as startup.py measures.
"""

import contextlib
import io
import statistics
import sys
import tempfile
from datetime import timedelta
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))

from startup import (  # noqa: E402
    CURRENT_CUSTOMERS,
    NOW,
    bench_arguments,
    bench_env,
    build_logbook,
    copy_logbook,
    measure,
    regular_python,
    salelog_launcher,
)

from salelog import store  # noqa: E402

DAY_LIMIT = 2.5  # day, day --json: ratio to `python -c pass`
WRITE_LIMIT = 2.5  # day note, activity add: typed as often


def add_the_day(path: Path) -> None:
    """Activities, tasks and a note on NOW's day, as a working day has them."""
    with contextlib.redirect_stderr(io.StringIO()):
        conn = store.open_db(str(path))
    day = NOW.date().isoformat()
    with store.writing(conn):
        for kind, minutes in (("learning", 90), ("travel", 40), ("admin", 30)):
            store.add_activity(conn, kind=kind, minutes=minutes, at=f"{day} 08:00:00", note=None, now=NOW)
        for offset in range(-2, 3):
            due = (NOW.date() + timedelta(days=offset)).isoformat()
            store.add_task(conn, f"任务{offset}", due, 2, None, NOW)
        store.add_day_note(conn, day, "王总改约到周五", 4, NOW)
    conn.close()


def main() -> int:
    args = bench_arguments(__doc__, runs=9)
    with tempfile.TemporaryDirectory(prefix="salelog-bench-day-") as folder:
        folder = Path(folder)
        env = bench_env(folder)
        week, decade, writes = folder / "week.db", folder / "decade.db", folder / "writes.db"
        build_logbook(week)
        build_logbook(decade, history_entries=100_000, history_customers=2_000 - len(CURRENT_CUSTOMERS))
        for path in (week, decade):
            add_the_day(path)
        copy_logbook(week, writes)
        python = regular_python(folder)
        salelog = salelog_launcher(python)
        cases = {
            "python -c pass": ([str(python), "-c", "pass"], None),
            "day (1 week)": ([*salelog, "--db", str(week), "day"], DAY_LIMIT),
            "day --json (1 week)": ([*salelog, "--db", str(week), "day", "--json"], DAY_LIMIT),
            "day (10 years)": ([*salelog, "--db", str(decade), "day"], DAY_LIMIT),
            "today (1 week)": ([*salelog, "--db", str(week), "today"], None),
            "day note": ([*salelog, "--db", str(writes), "day", "note", "补记一句", "--mood", "3"], WRITE_LIMIT),
            "activity add": (
                [*salelog, "--db", str(writes), "activity", "add", "学习", "--minutes", "30"],
                WRITE_LIMIT,
            ),
        }
        times = measure({label: (command, {}) for label, (command, _) in cases.items()}, env, args.runs)
    base = statistics.median(times["python -c pass"])
    missed = []
    print(f"{'command':<22} {'median ms':>10} {'ratio':>6}  limit")
    for label, (_, limit) in cases.items():
        median = statistics.median(times[label])
        ratio = median / base
        if limit and ratio > limit:
            missed.append(label)
        verdict = "" if limit is None else f"{limit}x {'ok' if ratio <= limit else 'MISSED'}"
        print(f"{label:<22} {median * 1000:>10.1f} {ratio:>5.2f}x  {verdict}")
    return 1 if args.check and missed else 0


if __name__ == "__main__":
    sys.exit(main())
