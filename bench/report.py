"""Stress runs of the reports a manager reads (issue 16): `report --html` for a
week of a ten-year logbook (~100,000 entries, 2,000 customers), and `team
report` of 50 one-year logbooks (~10,000 entries each), whole process, median
of N runs, against the issue's limits (1.5 s and 5 s).

    python bench/report.py              # a report; always exits 0
    python bench/report.py --runs 5
    python bench/report.py --check      # exit 1 if a limit is missed

The logbooks are built through salelog's store by bench/startup.py's builders
in a temporary folder (the 50 members are copies of one year's logbook: the
same work for each) and removed afterwards.
"""

import argparse
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))

from startup import CURRENT_CUSTOMERS, NOW, YEAR_START, build_logbook, copy_logbook  # noqa: E402

REPORT_LIMIT = 1.5  # seconds: report --html, a week of ten years
TEAM_LIMIT = 5.0  # seconds: team report of 50 one-year logbooks
MEMBERS = 50


def timed(command: list[str], env: dict) -> float:
    started = time.perf_counter()
    subprocess.run(command, env=env, check=True, stdout=subprocess.DEVNULL)
    return time.perf_counter() - started


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--check", action="store_true", help="exit 1 if a limit is missed")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="salelog-bench-report-") as folder:
        folder = Path(folder)
        env = dict(os.environ, SALELOG_NOW=NOW.isoformat(timespec="minutes"), HOME=str(folder), LANG="C.UTF-8")
        decade = folder / "decade.db"
        seconds = build_logbook(decade, history_entries=100_000, history_customers=2_000 - len(CURRENT_CUSTOMERS))
        print(f"ten-year logbook built in {seconds:.1f} s")
        year = folder / "year.db"
        build_logbook(year, history_entries=10_000, history_customers=200, history_start=YEAR_START)
        members = []
        for i in range(MEMBERS):
            copy = folder / "team" / f"member{i:02d}.db"
            copy_logbook(year, copy)
            members.append(f"成员{i:02d}={copy}")
        salelog = [sys.executable, "-m", "salelog"]
        cases = {
            "report --html (10 years)": (
                [*salelog, "--db", str(decade), "report", "--html", str(folder / "week.html")],
                REPORT_LIMIT,
            ),
            f"team report --json ({MEMBERS} x 1 year)": ([*salelog, "team", "report", *members, "--json"], TEAM_LIMIT),
            f"team report --html ({MEMBERS} x 1 year)": (
                [*salelog, "team", "report", *members, "--html", str(folder / "team.html")],
                TEAM_LIMIT,
            ),
        }
        missed = False
        print(f"{'case':<34} {'median':>8} {'max':>8} {'limit':>7}")
        for label, (command, limit) in cases.items():
            times = [timed(command, env) for _ in range(args.runs)]
            median = statistics.median(times)
            verdict = "ok" if median <= limit else "MISSED"
            missed |= median > limit
            print(f"{label:<34} {median:>7.2f}s {max(times):>7.2f}s {limit:>6.1f}s  {verdict}")
    return 1 if args.check and missed else 0


if __name__ == "__main__":
    sys.exit(main())
