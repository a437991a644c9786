"""Reviews over a long history (issue 17's ten-year speed): the records and the
earlier periods come from day_totals (kept by triggers on entries, migration
m017), the period's own figures from its rows. Checked here against the same
figures counted a different way: plain Python over the stored entries and
cancellations."""

import json
import os
import random
from collections import Counter
from datetime import date, datetime

from conftest import built_once, ok, stored

DAY_TOTALS = "SELECT day, entries, contacts, deals, revenue_fen, visits, meetings FROM day_totals ORDER BY day"
KINDS = ("visit", "call", "email", "meeting", "message")


def four_years():
    """2023 to 2026 through the store: ~60 entries a year over 8 customers at random
    working hours, twice as many in 2026 (a record year), a busy week in 2026-W46,
    and three cancellations (one in full, of a 2025 sale cancelled in 2026)."""

    def build():
        from salelog import store

        ok("goal", "set", "revenue", "80万", "--year", "2026")  # makes the file; the year's own target
        rng = random.Random(17)
        conn = store.open_db(os.environ["SALELOG_DB"])
        with store.writing(conn):
            moment = datetime(2023, 1, 2)
            customers = [store.create_customer(conn, f"客户{i}", moment) for i in range(8)]
            every_day = map(date.fromordinal, range(date(2023, 1, 2).toordinal(), date(2026, 11, 16).toordinal()))
            days = [d for d in every_day if d.weekday() < 5]
            picked = [rng.choice(days) for _ in range(240)]
            picked += [d for d in days if d.year == 2026 and rng.random() < 0.3]
            picked += [date(2026, 11, 16 + i % 5) for i in range(25)]  # the busy week
            for day in picked:
                at = datetime(day.year, day.month, day.day, 9 + rng.randrange(9), rng.randrange(60))
                amount = rng.randrange(1, 50) * 100_000 if rng.random() < 0.15 else None
                entry = {"at": at.strftime("%Y-%m-%d %H:%M:%S"), "kind": rng.choice(KINDS), "amount_fen": amount}
                store.insert_entry(conn, rng.choice(customers), entry, {}, at)
            sales = conn.execute("SELECT id, amount_fen, at FROM entries WHERE amount_fen > 0 ORDER BY at").fetchall()
            last_2025 = [s for s in sales if s[2] < "2026"][-1]
            store.add_cancellation(conn, last_2025[0], amount_fen=last_2025[1], at="2026-03-02 10:00:00",
                                   reason="全部退货", now=moment)  # fmt: skip
            store.add_cancellation(conn, sales[3][0], amount_fen=100_00, at="2023-06-05 11:00:00", reason="少一台",
                                   now=moment)  # fmt: skip
        conn.close()

    built_once("four_years", build)


def counted(db) -> dict:
    """Contacts, deals and revenue by year, month and ISO week, and by (year, hour) and
    (year, weekday), from the stored rows: cancellations taken off where they happen,
    a deal off once nothing of its sale is left."""
    totals: dict[tuple, Counter] = {}

    def add(at: str, contacts: int, deals: int, fen: int) -> None:
        day = date.fromisoformat(at[:10])
        iso = day.isocalendar()
        for key in (("year", at[:4]), ("month", at[:7]), ("week", f"{iso.year}-W{iso.week:02d}")):
            totals.setdefault(key, Counter()).update({"contacts": contacts, "deals": deals, "revenue": fen})

    for at, amount in stored(db, "SELECT at, amount_fen FROM entries"):
        add(at, 1, amount is not None, amount or 0)
    left: dict[int, int] = dict(stored(db, "SELECT id, amount_fen FROM entries WHERE amount_fen > 0"))
    for entry_id, at, fen in stored(db, "SELECT entry_id, at, amount_fen FROM cancellations ORDER BY at, id"):
        left[entry_id] -= fen
        add(at, 0, -(left[entry_id] <= 0 < left[entry_id] + fen), -fen)
    return totals


def periods_of(totals: dict, kind: str) -> dict[str, dict]:
    return {label: dict(c) for (k, label), c in sorted(totals.items()) if k == kind}


def expected_records(periods: dict[str, dict], label: str, kind: str) -> list[dict]:
    """The rule the review names records by: beating every earlier period (two at least) at something."""
    earlier = {p: v for p, v in periods.items() if p < label}
    found = []
    for metric in ("revenue", "deals", "contacts"):
        best = max(earlier, key=lambda p: (earlier[p][metric], p))
        if periods[label][metric] > earlier[best][metric] > 0 and len(earlier) >= 2:
            value, previous = periods[label][metric], earlier[best][metric]
            if metric == "revenue":
                value, previous = value / 100, previous / 100
            found.append({"metric": metric, "value": value, "previous": previous, "previous_label": best,
                          "period": kind})  # fmt: skip
    return found


def test_a_year_review_over_four_years_matches_the_entries_counted_one_by_one(db):
    four_years()
    totals = counted(db)
    years, months = periods_of(totals, "year"), periods_of(totals, "month")
    assert list(years) == ["2023", "2024", "2025", "2026"]
    year = json.loads(ok("review", "--year", "--json").out)

    metrics = {m["metric"]: m["actual"] for m in year["metrics"]}
    assert metrics["revenue"] == years["2026"]["revenue"] / 100 and metrics["deals"] == years["2026"]["deals"]
    assert year["records"] == expected_records(years, "2026", "year")
    assert {r["metric"] for r in year["records"]} >= {"contacts"}  # twice the contacts of any year before
    # the average: the three earlier years with data
    explained = {r["measure"]: r for r in year["explained"]}
    assert year["average_weeks"] == 3
    earlier = [years[y] for y in ("2023", "2024", "2025")]
    assert explained["contacts"]["four_week_average"] == round(sum(y["contacts"] for y in earlier) / 3, 2)
    assert explained["revenue"]["four_week_average"] == round(sum(y["revenue"] for y in earlier) / 3) / 100
    assert explained["contacts"]["week"] == years["2026"]["contacts"]

    # the self-evaluation's months, and its best month
    evaluation = year["self_evaluation"]
    mine = {m: v for m, v in months.items() if m.startswith("2026")}
    assert evaluation["months"] == [
        {"label": m, "contacts": v["contacts"], "revenue": v["revenue"] / 100} for m, v in mine.items()
    ]
    best = max(mine, key=lambda m: (mine[m]["revenue"], mine[m]["contacts"]))
    assert evaluation["best_month"]["label"] == best
    # when you sell best: every contact of the year by hour and by weekday
    rows = stored(db, "SELECT at, amount_fen FROM entries WHERE at >= '2026' AND at < '2027'")
    hours, weekdays = Counter(), Counter()
    for at, amount in rows:
        hours.update({(int(at[11:13]), "contacts"): 1, (int(at[11:13]), "deals"): amount is not None})
        day = date.fromisoformat(at[:10]).weekday()
        weekdays.update({(day, "contacts"): 1, (day, "deals"): amount is not None})
    assert [(r["hour"], r["contacts"], r["deals"]) for r in year["by_hour"]] == [
        (h, hours[h, "contacts"], hours[h, "deals"]) for h in sorted({h for h, _ in hours})
    ]
    assert [(r["weekday"], r["contacts"], r["deals"]) for r in year["by_weekday"]] == [
        (d, weekdays[d, "contacts"], weekdays[d, "deals"]) for d in sorted({d for d, _ in weekdays})
    ]
    assert sum(b["contacts"] for b in year["best_times"]) == len(rows)

    # a month against its 3 latest earlier months with data; the busy week's records against every week before
    october = json.loads(ok("review", "--month", "2026-10", "--json").out)
    before = [v for m, v in months.items() if m < "2026-10"][-3:]
    explained = {r["measure"]: r for r in october["explained"]}
    assert explained["deals"]["four_week_average"] == round(sum(m["deals"] for m in before) / 3, 2)
    assert october["records"] == expected_records(months, "2026-10", "month")
    week = json.loads(ok("review", "--week", "2026-11-16", "--json").out)
    weeks = periods_of(totals, "week")
    assert week["records"] == expected_records(weeks, "2026-W47", "week") != []
    # and the screen says so
    assert "record: best week ever for contacts" in ok("review", "--week", "2026-11-16").out


def test_day_totals_follow_every_write_and_its_undo(db, tmp_path):
    def follows() -> list[tuple]:
        """day_totals as the entries sum up, day by day."""
        by_day: dict[str, list[int]] = {}
        for at, kind, amount in stored(db, "SELECT at, kind, amount_fen FROM entries"):
            row = by_day.setdefault(at[:10], [0, 0, 0, 0, 0, 0])
            for i, n in enumerate(
                (1, kind != "sale", amount is not None, amount or 0, kind == "visit", kind == "meeting")
            ):
                row[i] += n
        kept = stored(db, DAY_TOTALS)
        assert kept == [(day, *row) for day, row in sorted(by_day.items())]
        return kept

    ok("visit", "add", "张总", "--amount", "5万", "--at", "2026-11-23 10:00")
    ok("visit", "add", "李总", "--kind", "call", "--at", "2026-11-24 09:00")
    ok("visit", "add", "李总", "--kind", "meeting", "--at", "2026-11-24 15:00")
    assert follows() == [("2026-11-23", 1, 1, 1, 5_000_000, 1, 0), ("2026-11-24", 2, 2, 0, 0, 0, 1)]
    ok("visit", "edit", "1", "--amount", "6万")
    ok("visit", "edit", "2", "--at", "2026-11-23 15:00", "--kind", "visit")  # moves to another day
    assert follows() == [("2026-11-23", 2, 2, 1, 6_000_000, 2, 0), ("2026-11-24", 1, 1, 0, 0, 0, 1)]
    ok("visit", "rm", "3", "--yes")
    assert [day for day, *_ in follows()] == ["2026-11-23"]  # a day without entries is no day with data
    ok("undo")
    ok("undo")  # the edit of #2 too
    assert follows() == [("2026-11-23", 1, 1, 1, 6_000_000, 1, 0), ("2026-11-24", 2, 2, 0, 0, 0, 1)]
    ok("export", "entries", "-o", str(tmp_path / "entries.csv"))
    ok("customer", "rm", "李总", "--with-entries", "--yes")
    assert [day for day, *_ in follows()] == ["2026-11-23"]
    ok("import", "entries", str(tmp_path / "entries.csv"), "--new")  # 李总's back (张总's is there already)
    assert [row[1] for row in follows()] == [1, 2]
    ok("undo")
    assert follows() == [("2026-11-23", 1, 1, 1, 6_000_000, 1, 0)]
    # a cancellation leaves the day's sales as they were: the review takes it off where it happens
    ok("visit", "cancel", "1", "--amount", "1万", "--at", "2026-11-25 09:00", "--reason", "少一台")
    assert follows() == [("2026-11-23", 1, 1, 1, 6_000_000, 1, 0)]
    # a sale booked with no contact (deal won's kind) is an entry of the day but no contact
    ok("visit", "add", "王总", "--kind", "sale", "--amount", "3万", "--at", "2026-11-24 11:00")
    assert follows()[1] == ("2026-11-24", 1, 0, 1, 3_000_000, 0, 0)
    explained = {m["measure"]: m["week"] for m in json.loads(ok("review", "--json").out)["explained"]}
    assert (explained["contacts"], explained["deals"]) == (1, 2)  # 张总's visit; 王总's sale is a deal, no contact
    ok("undo")
    assert [day for day, *_ in follows()] == ["2026-11-23"]
    metrics = {m["metric"]: m["actual"] for m in json.loads(ok("review", "--json").out)["metrics"]}
    assert metrics["revenue"] == 50_000
