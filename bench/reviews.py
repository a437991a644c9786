"""Start-up of the month and year reviews (issue 17): `review --year` on a
ten-year logbook (~100,000 entries, 2,000 customers) against issue 17's limit
of 4x `python -c pass`, measured in the same rounds, with `review --month` and
the week's review beside it.

    python bench/reviews.py              # a report; always exits 0
    python bench/reviews.py --runs 10
    python bench/reviews.py --check      # exit 1 if the limit is missed

The logbook is built through salelog's store by bench/startup.py's builder in a
temporary folder, and removed afterwards; the runs use its regular (non-editable)
interpreter and environment, as bench/startup.py does.

Measured on the shared 2-core host at its busy level (load 2-4), x python -c pass
(21.5 ms), before and after migration m017 (day_totals) interleaved in one run of
11 rounds (other runs that hour: year 19-26x before, 14-18x after):

    review --year (10 years)          24.6x  ->  17.7x
    review --year --json (10 years)   26.0x  ->  18.7x
    review --month (10 years)         14.0x  ->   7.7x
    review (week, 10 years)           14.0x  ->   8.8x

Records and the earlier periods now read day_totals (~250 rows a year of history),
never the entries. What is left of a year review is its own ~9,000 rows:
store.entries_in reading and shaping them (~45% of it), the customers' funnel
(store.stage_facts twice over 2,000 customers, ~15%), and the Python passes over
the rows (explain, the metrics, when you sell best, sources: ~25%). Meeting 4x
needs those figures summed in SQL too, and stored customer facts.
"""

import statistics
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))

from startup import (  # noqa: E402
    CURRENT_CUSTOMERS,
    bench_arguments,
    bench_env,
    build_logbook,
    measure,
    print_table,
    regular_python,
    salelog_launcher,
    timing_row,
)

YEAR_LIMIT = (4.0, 4.0)  # review --year on ten years, x python -c pass (issue 17)


def main() -> int:
    args = bench_arguments(__doc__, runs=15)
    with tempfile.TemporaryDirectory(prefix="salelog-bench-reviews-") as folder:
        folder = Path(folder)
        decade = folder / "decade.db"
        seconds = build_logbook(decade, history_entries=100_000, history_customers=2_000 - len(CURRENT_CUSTOMERS))
        print(f"ten-year logbook built in {seconds:.1f} s")
        python = regular_python(folder)
        salelog = [*salelog_launcher(python), "--db", str(decade)]
        commands = {
            "python -c pass": ([str(python), "-c", "pass"], {}),
            "review --year (10 years)": ([*salelog, "review", "--year"], {}),
            "review --year --json (10 years)": ([*salelog, "review", "--year", "--json"], {}),
            "review --month (10 years)": ([*salelog, "review", "--month"], {}),
            "review (week, 10 years)": ([*salelog, "review"], {}),
            "trend --weeks 12 (10 years)": ([*salelog, "trend", "--weeks", "12"], {}),
            "trend --weeks 52 (10 years)": ([*salelog, "trend", "--weeks", "52"], {}),
        }
        times = measure(commands, bench_env(folder), args.runs)
    base = statistics.median(times["python -c pass"])
    rows = [timing_row("python -c pass", times["python -c pass"], base)]
    for label in list(commands)[1:]:
        rows.append(timing_row(label, times[label], base, YEAR_LIMIT if "--year" in label else None))
    print_table(rows)
    missed = any(row[-1] == "MISS" for row in rows)
    return 1 if args.check and missed else 0


if __name__ == "__main__":
    sys.exit(main())
