"""A year review and a 52-week trend sum their period's entries in SQLite
(store/sums.py); here the same figures are counted differently, in plain Python
over the stored rows, on a four-year history with classes, sources, a custom
metric (tag 展会), competitors, price feedback, and cancellations: one in full in
two parts (no deal left in the period of the second), one in part, and sales
cancelled in a later period than their own (which changes that later period only)."""

import json
import os
import random
from collections import Counter
from datetime import date, datetime, timedelta

from conftest import built_once, ok, stored

START = date(2023, 1, 2)  # a Monday
NOW = datetime(2026, 11, 25, 18, 0)  # conftest's frozen clock
KINDS = ("visit", "call", "email", "meeting", "message", "sale")
CONTACTS = KINDS[:-1]


def four_years() -> None:
    """~1,400 entries over 2023-01 .. 2026-11-25 among 30 customers who start one by one."""

    def build():
        from salelog import store

        ok("customer", "add", "张总", "--class", "A")  # the file, made as a user makes it
        conn = store.connect(os.environ["SALELOG_DB"])
        rng = random.Random(17)
        classes, sources = ("A", "B", "C", None), ("展会", "转介绍", None)
        with store.writing(conn):
            store.declare_custom_metric(conn, "展会", NOW)
            ids = [1] + [
                store.create_customer(conn, f"客户{i:02d}", NOW, **{"class": classes[i % 4], "source": sources[i % 3]})
                for i in range(1, 30)
            ]
            days = [START + timedelta(days=i) for i in range((NOW.date() - START).days + 1)]
            working = [d for d in days if d.weekday() < 5]
            for n in range(1400):
                day = rng.choice(days if n % 40 == 0 else working)  # a weekend now and then
                active = ids[: 1 + (day - START).days * 30 // len(days)]  # customer i first appears 1/30 in
                kind = rng.choices(KINDS, (15, 35, 25, 5, 15, 5))[0]
                sale = kind == "sale" or rng.random() < 0.08
                at = datetime.combine(day, datetime.min.time()) + timedelta(minutes=8 * 60 + rng.randrange(10 * 60))
                entry = {
                    "at": f"{min(at, NOW):%Y-%m-%d %H:%M:%S}",
                    "kind": kind,
                    "amount_fen": rng.randrange(100, 90_000) * 100 if sale else None,
                    "feedback": "客户说太贵了" if not sale and rng.random() < 0.05 else None,
                    "minutes": rng.choice((30, 60, None)) if kind in ("visit", "meeting") else None,
                    "next_step": None,
                    "next_date": None,
                }
                lists = {"tag": rng.sample(("展会", "老客户"), rng.randint(0, 2)) if rng.random() < 0.2 else []}
                lists["competitor"] = ["华为", "中兴"][: rng.randint(1, 2)] if rng.random() < 0.05 else []
                store.insert_entry(conn, rng.choice(active), entry, lists, NOW)
            sales = [row for row in conn.execute("SELECT id, amount_fen, at FROM entries WHERE amount_fen > 0")]
            in_2025 = [s for s in sales if s[2].startswith("2025")]
            whole, part = in_2025[3], in_2025[8]
            store.add_cancellation(
                conn, whole[0], amount_fen=whole[1] - 100, at="2025-06-30 10:00:00", reason="退货", now=NOW
            )
            store.add_cancellation(conn, whole[0], amount_fen=100, at="2025-07-01 10:00:00", reason="退货", now=NOW)
            store.add_cancellation(
                conn, part[0], amount_fen=part[1] // 2, at="2025-09-01 10:00:00", reason="折扣", now=NOW
            )
            earlier = next(s for s in sales if s[2].startswith("2024-12"))  # counted in 2025, not 2024
            store.add_cancellation(
                conn, earlier[0], amount_fen=earlier[1], at="2025-01-03 10:00:00", reason="退货", now=NOW
            )
            later = in_2025[-1]  # a 2025 sale cancelled in full within the trend's last 52 weeks
            store.add_cancellation(
                conn, later[0], amount_fen=later[1], at="2026-03-04 10:00:00", reason="退货", now=NOW
            )
        conn.close()

    built_once("summed_four_years", build)


def stored_log(db) -> dict:
    """The rows the figures are counted from, read once."""
    rows = stored(db, 'SELECT e.id, e.at, e.kind, e.amount_fen, e.minutes, e.customer_id, c."class", c.source'
                  " FROM entries e JOIN customers c ON c.id = e.customer_id ORDER BY e.at")  # fmt: skip
    first, first_sale = {}, {}
    for r in rows:
        first.setdefault(r[5], r[1])
        if r[3]:
            first_sale.setdefault(r[5], r[1])
    return {
        "rows": rows,
        "tagged": {entry_id for entry_id, tag in stored(db, "SELECT entry_id, tag FROM entry_tags") if tag == "展会"},
        "cancellations": stored(db, "SELECT entry_id, amount_fen, at FROM cancellations ORDER BY at, id"),
        "first": first,
        "first_sale": first_sale,
    }


def counted(log: dict, lower: str, upper: str) -> dict:
    """The period's figures counted in Python over the stored rows (stored_log)."""
    rows, tagged, first, first_sale = log["rows"], log["tagged"], log["first"], log["first_sale"]
    mine = [r for r in rows if lower <= r[1] < upper]
    sale_of = {r[0]: r for r in rows}
    cancelled, left = [], {r[0]: r[3] for r in rows if r[3]}
    for entry_id, fen, at in log["cancellations"]:
        was, left[entry_id] = left[entry_id], left[entry_id] - fen
        if lower <= at < upper:
            cancelled.append((sale_of[entry_id], fen, was > 0 >= left[entry_id], at))
    kinds = Counter(r[2] for r in mine)
    figures = {
        "revenue": sum(r[3] or 0 for r in mine) - sum(fen for _, fen, _, _ in cancelled),
        "deals": sum(1 for r in mine if r[3]) - sum(1 for *_, ends, _ in cancelled if ends),
        "new-clients": sum(1 for at in first_sale.values() if lower <= at < upper),
        "prospects": sum(1 for at in first.values() if lower <= at < upper),
        "展会": sum(1 for r in mine if r[0] in tagged),
        **{f"{kind}s": kinds[kind] for kind in CONTACTS},
    }
    by_class = {}
    for klass in ("A", "B", "C", None):
        of = [r for r in mine if r[6] == klass]
        fen = sum(r[3] or 0 for r in of) - sum(f for sale, f, _, _ in cancelled if sale[6] == klass)
        by_class[klass] = (len(of), sum(r[4] or 0 for r in of), fen)
    contacts = [r for r in mine if r[2] in CONTACTS]
    hours, weekdays = Counter(), Counter()
    for r in contacts:
        hours[int(r[1][11:13])] += 1
        weekdays[date.fromisoformat(r[1][:10]).weekday()] += 1
    sources = {}
    for r in mine:
        row = sources.setdefault(r[7], [set(), set(), 0])
        row[0] |= {r[5]} if lower <= first[r[5]] < upper else set()
        row[1] |= {r[5]} if lower <= first_sale.get(r[5], "") < upper else set()
        row[2] += r[3] or 0
    for sale, fen, _, _ in cancelled:  # the period's cancellations, off their customer's source
        sources.setdefault(sale[7], [set(), set(), 0])[2] -= fen
    return {
        "figures": figures,
        "contacts": len(contacts),
        "by_class": by_class,
        "hours": dict(hours),
        "hour_deals": dict(Counter(int(r[1][11:13]) for r in contacts if r[3])),
        "weekdays": dict(weekdays),
        "sources": {s: (len(p), len(n), fen) for s, (p, n, fen) in sources.items()},
    }


def test_a_year_review_and_a_52_week_trend_sum_what_the_rows_add_up_to(db):
    four_years()
    year = json.loads(ok("review", "--year", "2025", "--json").out)
    log = stored_log(db)
    expected = counted(log, "2025-01-01 00:00:00", "2026-01-01 00:00:00")
    actual = {m["metric"]: m["actual"] for m in year["metrics"]}
    figures = expected["figures"]
    assert actual == {m: round(v / 100, 2) if m == "revenue" else v for m, v in figures.items() if v}
    assert figures["deals"] > 0 and figures["展会"] > 0 and figures["new-clients"] > 0  # the history is not empty
    explained = {r["measure"]: r["week"] for r in year["explained"]}
    assert (explained["contacts"], explained["deals"]) == (expected["contacts"], figures["deals"])
    assert {r["class"]: (r["entries"], r["minutes"], round(r["revenue"] * 100)) for r in year["by_class"]} == {
        k: v for k, v in expected["by_class"].items() if v[0] or v[2]
    }
    assert {r["hour"]: r["contacts"] for r in year["by_hour"]} == expected["hours"]
    assert {r["hour"]: r["deals"] for r in year["by_hour"] if r["deals"]} == expected["hour_deals"]
    assert {r["weekday"]: r["contacts"] for r in year["by_weekday"]} == expected["weekdays"]
    by_source = {r["source"]: (r["prospects"], r["new_clients"], round(r["revenue"] * 100)) for r in year["by_source"]}
    assert by_source == expected["sources"]
    mentions = Counter(name for (name,) in stored(db, "SELECT t.competitor FROM entry_competitors t JOIN entries e"
                       " ON e.id = t.entry_id WHERE e.at LIKE '2025%'"))  # fmt: skip
    assert {r["competitor"]: r["mentions"] for r in year["competitors"]} == mentions and mentions

    # The trend: every metric, every one of the last 52 weeks (the 2026-03 cancellation among them).
    trend = json.loads(ok("trend", "--weeks", "52", "--json").out)
    weeks = [date(2026, 11, 23) - timedelta(days=7 * i) for i in range(51, -1, -1)]
    per_week = [counted(log, f"{w} 00:00:00", f"{w + timedelta(days=7)} 00:00:00")["figures"] for w in weeks]
    rows = {row["metric"]: row["periods"] for row in trend["metrics"]}
    assert set(rows) == {metric for metric in per_week[0] if any(week[metric] for week in per_week)}
    for metric, periods in rows.items():
        assert [p["start"] for p in periods] == [w.isoformat() for w in weeks]
        shown = [round(p["actual"] * 100) if metric == "revenue" else p["actual"] for p in periods]
        assert shown == [week[metric] for week in per_week], metric
    march = weeks.index(date(2026, 3, 2))
    sold = stored(db, "SELECT sum(amount_fen) FROM entries WHERE at >= '2026-03-02' AND at < '2026-03-09'")[0][0]
    assert per_week[march]["revenue"] < (sold or 0)  # the 2025 sale cancelled that week came off it


def test_the_customers_firsts_of_a_span_are_those_of_its_customers_however_they_are_found(db):
    # store.customer_firsts finds a span's customers from its entries when they are fewer
    # than the customers, else by a seek a customer: both ways must give the same rows.
    from contextlib import closing

    from salelog import store

    four_years()
    with closing(store.connect(str(db))) as conn:
        everyone = store.customer_firsts(conn)
        spans = {
            "a week": ("2026-11-16 00:00:00", "2026-11-23 00:00:00"),
            "two years": ("2024-01-01 00:00:00", "2026-01-01 00:00:00"),
            "none": ("2030-01-01 00:00:00", "2031-01-01 00:00:00"),
        }
        entries = {}
        for name, span in spans.items():
            logged = {c for (c,) in stored(db, "SELECT customer_id FROM entries WHERE at >= ? AND at < ?", span)}
            entries[name] = stored(db, "SELECT count(*) FROM entries WHERE at >= ? AND at < ?", span)[0][0]
            assert store.customer_firsts(conn, *span) == {c: everyone[c] for c in logged}, name
    assert 0 < entries["a week"] < len(everyone) < entries["two years"]  # each way taken
