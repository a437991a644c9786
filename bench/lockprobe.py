"""`python -m salelog ARGS`, plus a record of how long it waited for SQLite's write lock.

    SALELOG_LOCKPROBE=/tmp/record python bench/lockprobe.py --db x.db visit add 张总

bench/concurrency.py runs every measured `visit add` through this file instead of
`python -m salelog`. It changes nothing salelog does: it only gives sqlite3.connect
a Connection subclass whose execute() notes the time from the first "BEGIN IMMEDIATE"
to the one that gets the write lock (salelog asks every 2 ms; any busy handler's
sleeps count too) and until the COMMIT or
ROLLBACK that ends it (the lock held, and how much of that the COMMIT itself
took). At exit it writes one line to the file $SALELOG_LOCKPROBE names:

    <lock wait s> <lock held s> <of which COMMIT s> <CPU s of this process> <transactions>

The CPU time (user + system, time.process_time) covers start-up and imports too, so
that wall time - CPU - lock wait ~ the time the process was runnable but had no
CPU (or waited on the disk). Without SALELOG_LOCKPROBE it is plain salelog.
"""

import os
import sqlite3
import sys
import time

_connect = sqlite3.connect
_waited = [0.0, 0.0, 0.0, 0]  # lock wait, lock held, of which COMMIT, BEGIN IMMEDIATEs
_took = [0.0]  # when the current write transaction got the lock


_asking = [0.0]  # when salelog began asking for the lock (store.db._begin_immediate polls)


class _Timed(sqlite3.Connection):
    def execute(self, sql, *args):
        if sql == "PRAGMA busy_timeout = 0":  # store.db._begin_immediate starts asking
            _asking[0] = time.perf_counter()
        if sql == "BEGIN IMMEDIATE":
            started = _asking[0] or time.perf_counter()
            result = super().execute(sql, *args)  # "busy" raises: salelog sleeps 2 ms and asks again
            _took[0] = time.perf_counter()
            _waited[0] += _took[0] - started  # every try and the sleeps between them
            _waited[3] += 1
            _asking[0] = 0.0
            return result
        if sql in ("COMMIT", "ROLLBACK") and _took[0]:
            started = time.perf_counter()
            try:
                return super().execute(sql, *args)
            finally:
                ended = time.perf_counter()
                _waited[1] += ended - _took[0]
                _waited[2] += ended - started
                _took[0] = 0.0
        return super().execute(sql, *args)


def _timed_connect(*args, **kwargs):
    kwargs.setdefault("factory", _Timed)
    return _connect(*args, **kwargs)


def _record(path: str) -> None:
    wait, held, commit, transactions = _waited
    with open(path, "w", encoding="ascii") as out:
        out.write(f"{wait:.6f} {held:.6f} {commit:.6f} {time.process_time():.6f} {transactions}\n")


if __name__ == "__main__":
    record_to = os.environ.get("SALELOG_LOCKPROBE")
    if record_to:
        import atexit

        sqlite3.connect = _timed_connect
        atexit.register(_record, record_to)
    sys.argv[0] = "salelog"
    from salelog.cli import main

    main()
