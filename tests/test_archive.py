"""The archive's screens summed in SQL (customer stages, receivables, the
pipeline) say what the log says: a seeded history of three years, read back row
by row with plain sqlite3 and worked out here another way, must give the same
figures as `customer list`, `receivables` and `pipeline`."""

import json
import os
import random
from collections import defaultdict
from datetime import date, datetime, timedelta
from decimal import ROUND_HALF_UP, Decimal

from conftest import built_once, in_name_order, ok, stored

TODAY = date(2026, 11, 25)  # conftest's frozen clock
BOUND = "2026-11-26 00:00:00"  # a stage is judged on whole days: everything logged before tomorrow
PROBABILITY = {"lead": 10, "qualified": 25, "proposal": 50, "negotiation": 75, "won": 100, "lost": 0}


def build_history():
    """40 customers over three years through the store: contacts, sales (two of
    them at the same minute), payments, cancellations in part and in full, deals
    open, won and lost with linked contacts, one deal at a stage the ladder no
    longer has, a sale logged for next week and a customer on file from next week."""
    from salelog import context, store

    rng = random.Random(2026)
    start = datetime(2023, 11, 1, 9, 0)
    began = context.begin()
    conn = store.open_db(os.environ["SALELOG_DB"], create=True)
    with store.writing(conn):
        people = [store.create_customer(conn, f"客户{i:02d}", start + timedelta(days=9 * i)) for i in range(40)]
        store.create_customer(conn, "明年客户", datetime(2026, 12, 1, 9, 0))
        sales = []
        for _ in range(420):
            customer = rng.choice(people[:36])  # the last four only ever on file
            at = start + timedelta(days=rng.randrange(1120), minutes=rng.randrange(540))
            amount = rng.randrange(1, 400) * 10_000 if rng.random() < 0.3 else None
            entry_id = _log(store, conn, customer, at, amount)
            if amount:
                sales.append((entry_id, customer, at, amount))
        twins = store.create_customer(conn, "同时客户", start)  # two sales in one minute: the older by id is paid first
        for amount in (3_000_000, 7_000_000):
            _log(store, conn, twins, datetime(2026, 10, 9, 11, 0), amount)
        store.add_payment(conn, twins, amount_fen=5_000_000, at="2026-10-20 10:00:00", entry_id=None, deal_id=None,
                          note=None, now=start)  # fmt: skip
        _log(store, conn, people[5], datetime(2026, 12, 2, 10, 0), 80_000)  # after today
        for entry_id, customer, at, amount in sales:
            roll, when = rng.random(), at + timedelta(days=rng.randrange(3, 90))
            if roll < 0.06:
                part = amount if roll < 0.03 else amount // 4
                store.add_cancellation(conn, entry_id, amount_fen=part, at=_stamp(when), reason="取消", now=when)
            elif roll < 0.75:
                paid = amount if roll < 0.6 else amount // 3
                store.add_payment(conn, customer, amount_fen=paid, at=_stamp(when), entry_id=None, deal_id=None,
                                  note=None, now=when)  # fmt: skip
        store.add_payment(conn, people[7], amount_fen=5_000_000, at="2026-11-20 10:00:00", entry_id=None,
                          deal_id=None, note="预付", now=start)  # fmt: skip  # a credit
        for i in range(90):
            created = TODAY - timedelta(days=rng.randrange(400))
            stage = "retired" if i == 0 else rng.choice(list(PROBABILITY)[:4] + ["won", "lost"] * 2)
            close = created + timedelta(days=rng.randrange(-20, 160)) if rng.random() < 0.9 else None
            value = rng.randrange(1, 90) * 1_000_000 + rng.randrange(100)  # cents: some weigh to half a fen
            fields = {"title": f"项目{i}", "value_fen": value if i % 7 else None}
            fields["close_date"] = close and close.isoformat()
            moment = datetime.combine(created, datetime.min.time()) + timedelta(hours=9)
            deal_id = store.add_deal(conn, rng.choice(people), stage, fields, now=moment, created_at=_stamp(moment))
            if stage in ("won", "lost"):
                ended = min(moment + timedelta(days=rng.randrange(5, 200)), datetime(2026, 11, 25, 12, 0))
                reason = rng.choice(["价格太高", "选了竞品", None]) if stage == "lost" else None
                store.update_deal(conn, deal_id, {"closed_at": _stamp(ended), "lost_reason": reason})
            elif rng.random() < 0.7:
                contact = _log(store, conn, people[i % 36], moment + timedelta(days=rng.randrange(0, 60)), None)
                store.link_entry(conn, contact, deal_id)
        this_week = {"title": "本周签约", "value_fen": 12_345_601, "close_date": "2026-11-27"}  # weighs 61,728.005
        store.add_deal(conn, people[1], "proposal", this_week, now=start, created_at="2026-11-20 09:00:00")
    conn.close()
    context.end(began)


def _stamp(moment: datetime) -> str:
    return moment.strftime("%Y-%m-%d %H:%M:%S")


def _log(store, conn, customer_id: int, at: datetime, amount: int | None) -> int:
    entry = {"kind": "call" if amount is None else "visit", "at": _stamp(at), "amount_fen": amount}
    entry |= dict.fromkeys(("outcome", "needs", "feedback", "next_step", "next_date", "minutes"))
    return store.insert_entry(conn, customer_id, entry, {}, at)


def test_stages_balances_and_the_pipeline_are_what_the_rows_say(db):
    built_once("archive-history", build_history)
    customers = dict(stored(db, "SELECT id, name FROM customers"))
    created = dict(stored(db, "SELECT id, created_at FROM customers"))
    entries = stored(db, "SELECT id, customer_id, at, amount_fen, deal_id FROM entries ORDER BY at, id")
    cancelled = defaultdict(int)
    for entry_id, amount in stored(db, "SELECT entry_id, amount_fen FROM cancellations"):
        cancelled[entry_id] += amount
    paid = defaultdict(int)
    for customer_id, amount in stored(db, "SELECT customer_id, amount_fen FROM payments"):
        paid[customer_id] += amount
    deals = stored(
        db, "SELECT id, customer_id, stage, value_fen, close_date, created_at, closed_at, lost_reason FROM deals"
    )

    # Stages, from each customer's rows: the months they bought in, counted as a set.
    expected_stage = {}
    for customer_id, name in customers.items():
        mine = [e for e in entries if e[1] == customer_id and e[2] < BOUND]
        months = {at[:7] for i, _, at, amount, _ in mine if amount and amount > cancelled[i]}  # not cancelled in full
        open_deal = any(d[1] == customer_id and d[5] < BOUND and (d[6] is None or d[6] >= BOUND) for d in deals)
        if not mine and created[customer_id] >= BOUND:
            stage = None
        elif months:
            silent = (TODAY - date.fromisoformat(mine[-1][2][:10])).days
            stage = "dormant" if silent >= 90 else "repeat" if len(months) > 1 else "customer"
        else:
            stage = "intent" if open_deal else "prospect"
        expected_stage[name] = stage
    listed = json.loads(ok("customer", "list", "--json").out)
    assert {c["name"]: c["stage"] for c in listed} == expected_stage
    assert {None, "prospect", "intent", "customer", "repeat", "dormant"} == set(expected_stage.values())
    for stage in ("prospect", "intent", "customer", "repeat", "dormant"):
        at_stage = json.loads(ok("customer", "list", "--stage", stage, "--json").out)
        assert [c["name"] for c in at_stage] == in_name_order(n for n, s in expected_stage.items() if s == stage)
        assert {c["stage"] for c in at_stage} <= {stage}
    page = ok("customer", "list", "--stage", "repeat", "--limit", "3")
    repeats = sorted(n for n, s in expected_stage.items() if s == "repeat")
    assert [line.split()[0] for line in page.out.splitlines()[1:]] == repeats[:3]
    assert f"showing 3 of {len(repeats)} customers" in page.err

    # Balances: sales less cancellations less payments; what is owed, paid oldest sale first.
    balance, owed = defaultdict(int), defaultdict(list)
    for customer_id in customers:
        left = paid[customer_id]
        for entry_id, _, at, amount, _ in (e for e in entries if e[1] == customer_id and (e[3] or 0) > 0):
            balance[customer_id] += amount - cancelled[entry_id]
            due = amount - cancelled[entry_id]
            if due > 0 and due > left:
                owed[customer_id].append(
                    {"entry": entry_id, "at": at[:10], "amount": due / 100, "owed": (due - left) / 100}
                )
            left = max(left - due, 0) if due > 0 else left
        balance[customer_id] -= paid[customer_id]
    assert {c["name"]: c["outstanding"] for c in listed} == {customers[i]: balance[i] / 100 for i in customers}
    assert any(b < 0 for b in balance.values()) and any(len(o) > 1 for o in owed.values())
    twins = next(i for i, name in customers.items() if name == "同时客户")
    assert [s["owed"] for s in owed[twins]] == [50_000]
    receivables = json.loads(ok("receivables", "--json").out)
    assert {r["customer"]: r["outstanding"] for r in receivables} == {
        customers[i]: round(sum(s["owed"] for s in o), 2) for i, o in owed.items()
    }
    for row in receivables:
        mine = next(o for i, o in owed.items() if customers[i] == row["customer"])
        assert [{k: s[k] for k in ("entry", "at", "amount", "owed")} for s in row["sales"]] == mine
        assert (
            row["oldest_sale"] == mine[0]["entry"]
            and row["age_days"] == (TODAY - date.fromisoformat(mine[0]["at"])).days
        )
    assert [(r["oldest_at"], r["customer"]) for r in receivables] == sorted(
        (r["oldest_at"], r["customer"]) for r in receivables
    )
    screen = ok("receivables").out
    assert all(r["customer"] in screen for r in receivables)

    # The pipeline: each open deal weighed and rounded half up on its own, the closed ones of the last 90 days.
    def weighted(value, stage):
        exact = Decimal(value or 0) * PROBABILITY.get(stage, 0) / 100
        return int(exact.quantize(Decimal(1), rounding=ROUND_HALF_UP))

    open_deals = [d for d in deals if d[6] is None]
    figures = json.loads(ok("pipeline", "--json").out)
    by_stage = {s["stage"]: (s["count"], s["value"], s["weighted"]) for s in figures["stages"]}
    for stage in {d[2] for d in open_deals} | {"lead", "qualified", "proposal", "negotiation"}:
        mine = [d for d in open_deals if d[2] == stage]
        assert by_stage[stage] == (
            len(mine),
            sum(d[3] or 0 for d in mine) / 100,
            sum(weighted(d[3], stage) for d in mine) / 100,
        )
    assert [s["stage"] for s in figures["stages"]][:4] == ["lead", "qualified", "proposal", "negotiation"]
    assert figures["stages"][-1]["stage"] == "retired" and figures["stages"][-1]["probability"] == 0
    assert figures["weighted_value"] == sum(weighted(d[3], d[2]) for d in open_deals) / 100
    periods = {
        "week": ("2026-11-23", "2026-11-29"),
        "month": ("2026-11-01", "2026-11-30"),
        "quarter": ("2026-10-01", "2026-12-31"),
    }
    for f in figures["forecast"]:
        first, last = periods[f["period"]]
        closing = [d for d in open_deals if d[4] and first <= d[4] <= last]
        assert (f["start"], f["end"], f["weighted"]) == (first, last, sum(weighted(d[3], d[2]) for d in closing) / 100)
    week = json.loads(ok("week", "--json").out)["pipeline"]["weighted_closing"]  # pipeline.closing_in's, over rows
    assert week == figures["forecast"][0]["weighted"] and week > 0
    closed = [d for d in deals if d[6] and "2026-08-28" <= d[6][:10] <= "2026-11-25"]
    won, lost = [d for d in closed if d[2] == "won"], [d for d in closed if d[2] == "lost"]
    assert (figures["won"], figures["lost"]) == (len(won), len(lost)) and won and lost
    assert figures["win_rate"] == round(100 * len(won) / len(closed), 1)
    won_value, lost_value = sum(d[3] or 0 for d in won), sum(d[3] or 0 for d in lost)
    assert figures["win_rate_by_value"] == round(100 * won_value / (won_value + lost_value), 1)
    days = [(date.fromisoformat(d[6][:10]) - date.fromisoformat(d[5][:10])).days for d in won]
    assert figures["avg_cycle_days"] == round(sum(days) / len(days), 1)
    assert figures["avg_won_deal"] == won_value // len(won) / 100
    reasons = defaultdict(int)
    for d in lost:
        reasons[d[7] or ""] += 1
    assert figures["lost_reasons"] == [
        {"reason": r, "count": n} for r, n in sorted(reasons.items(), key=lambda i: (-i[1], i[0]))
    ]
    last_contact = {}
    for _, _, at, _, deal_id in entries:
        last_contact[deal_id] = at  # entries come oldest first
    stale = []
    for d in open_deals:
        silent = (TODAY - date.fromisoformat((last_contact.get(d[0]) or d[5])[:10])).days
        if silent >= 14 or (d[4] and d[4] < "2026-11-25"):
            stale.append((-silent, d[0], bool(d[4] and d[4] < "2026-11-25")))
    assert [(-s["days_silent"], s["id"], s["past_close"]) for s in figures["stale"]] == sorted(stale)
    screen = ok("pipeline").out
    assert f"and {len(stale) - 10} more" in screen and len(stale) > 10
    shown = screen.split("Last contact")[1].splitlines()[1:11]
    assert [int(line.split()[0]) for line in shown] == [i for _, i, _ in sorted(stale)[:10]]

    # --json is json.dumps' indented text, whoever writes it
    for command in (("pipeline", "--json"), ("receivables", "--json"), ("customer", "list", "--json")):
        out = ok(*command).out
        assert out == json.dumps(json.loads(out), ensure_ascii=False, indent=2) + "\n"


def test_json_text_is_json_dumps_for_every_kind_of_value():
    from salelog.json_writer import dumps_indented

    values = {
        "text": '张总 "引号" \\ \u2028 é',
        "numbers": [0, -3, 12.5, 1e-7, 1e22, float("nan"), float("inf"), -float("inf"), True, False, None],
        "nested": [[], {}, [{}], {"a": {"b": [1, (2, 3)]}}],
        1: "int key",
        2.5: "float key",
        None: "null key",
        False: "false key",
    }
    same_shape = [{1: "a"}, {1.0: "b"}, {True: "c"}, {"1": "d"}]  # equal keys to a dict, not to json
    for value in (values, [], {}, "x", 7, None, [values], same_shape):
        assert dumps_indented(value) == json.dumps(value, ensure_ascii=False, indent=2)
    for bad in ({"a": object()}, {(1, 2): 1}):
        try:
            dumps_indented(bad)
        except TypeError:
            continue
        raise AssertionError(f"{bad} was written")
