"""What the goal features (issue 17: the record, +10%, rewards, streak) cost at
start-up: whole process, median of N runs, as ratios to `python -c pass`
measured in the same rounds.

    python bench/goals.py              # ~1 minute on 2 busy cores; always exits 0
    python bench/goals.py --runs 15

Logbooks built by bench/startup.py's builder in a temporary folder: one week
(~120 entries), and ten years (~100,000 entries) for goal set and goal check
with a record to read (8 weeks, or 8 whole years of ~10,000 entries each).

Measured 2026-12-01 on 2 cores busy with four other engineers' test runs (so
the levels move by a third from run to run; compare lines of one run):

    command                                      median  ratio
    python -c pass                               46.5ms  1.00x
    visit add (no rewards)                      123.2ms  2.65x
    visit add (rewards pending)                 117.0ms  2.52x
    goal set (8 weeks of record, 10 years)      191.9ms  4.13x
    goal set +10% (10 years)                    167.5ms  3.60x
    goal check --year (8 years)                1199.3ms 25.80x
    week (with rewards)                         153.0ms  3.29x
    today (streak)                              126.3ms  2.72x

In process, the record itself (actions/goal_check.metric_history) on that
ten-year logbook: 8 weeks 8-35 ms, 8 months 40-55 ms, 8 years 0.5-0.8 s for
revenue and the kinds (time, kind and amount read), ~2 s for new-clients
(whole rows, with each customer's first sale).
"""

import argparse
import statistics
import subprocess
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))

from startup import (  # noqa: E402
    bench_env,
    build_logbook,
    copy_logbook,
    measure,
    regular_python,
    salelog_launcher,
)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n", 1)[0])
    parser.add_argument("--runs", type=int, default=9)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="salelog-bench-goals-") as tmp:
        folder = Path(tmp)
        env = bench_env(folder)
        python = regular_python(folder)
        salelog = salelog_launcher(python)
        week, decade = folder / "week.db", folder / "decade.db"
        build_logbook(week)
        build_logbook(decade, history_entries=100_000, history_customers=2_000)
        rewarded = folder / "rewarded.db"
        copy_logbook(week, rewarded)
        for words in (
            ["goal", "set", "calls", "500", "--reward", "周末去爬山"],
            ["goal", "reward", "calls", "400", "看电影"],
        ):
            subprocess.run([*salelog, "--db", str(rewarded), *words], env=env, check=True, capture_output=True)
        writes = {name: folder / f"{name}-writes.db" for name in ("week", "rewarded", "decade")}
        for name, source in (("week", week), ("rewarded", rewarded), ("decade", decade)):
            copy_logbook(source, writes[name])

        def on(db: Path, *words: str) -> tuple[list[str], dict]:
            return [*salelog, "--db", str(db), *words], {}

        commands = {
            "python -c pass": ([str(python), "-c", "pass"], {}),
            "visit add (no rewards)": on(writes["week"], "visit", "add", "张总", "--kind", "call"),
            "visit add (rewards pending)": on(writes["rewarded"], "visit", "add", "张总", "--kind", "call"),
            "goal set (8 weeks of record, 10 years)": on(writes["decade"], "goal", "set", "visits", "15"),
            "goal set +10% (10 years)": on(writes["decade"], "goal", "set", "revenue", "+10%"),
            "goal check --year (8 years)": on(decade, "goal", "check", "revenue", "2000万", "--year", "2027"),
            "week (with rewards)": on(rewarded, "week"),
            "today (streak)": on(week, "today"),
        }
        times = measure(commands, env, args.runs)
    floor = statistics.median(times["python -c pass"])
    print(f"{'command':42} {'median':>8} {'ratio':>6}")
    for label, samples in times.items():
        median = statistics.median(samples)
        print(f"{label:42} {median * 1000:6.1f}ms {median / floor:5.2f}x")
    return 0


if __name__ == "__main__":
    sys.exit(main())
