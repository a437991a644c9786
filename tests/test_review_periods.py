"""Month and year reviews (issue 17 items 2, 5, 6's records, 7): the week's
review over a longer period, against the 3 latest earlier periods with data;
why revenue moved (contacts x conversion x deal size); when you sell best;
records; the year's self-evaluation; plans and causes kept per period.

The history, checked by hand (all 2026; calls without an amount unless said):
  Aug: calls 08-03 09:30, 08-04 09:30, 08-05 14:30, 08-06 14:30; visit 08-07 10:30 2万
       -> 5 contacts, 1 deal, 2万
  Sep: calls 09-01 09:30, 09-02 09:30, 09-03 14:30, 09-04 14:30, 09-07 16:00; visit
       09-08 10:30 3万; call 09-09 14:45 1万 -> 7 contacts, 2 deals, 4万
  Oct: calls 10-05 09:30, 10-06 09:30, 10-07 14:30, 10-08 14:30, 10-09 16:00, 10-12
       16:00; visits 10-13 10:30 3万, 10-14 11:00 3万 -> 8 contacts, 2 deals, 6万
  Nov: calls 11-02 09:30, 11-03 14:30, 11-04 16:00; visit 11-05 10:30 3万
       -> 4 contacts, 1 deal, 3万
November against Aug-Oct: contacts 4 / (20/3) = 0.6; conversion (1/4) / (5/20) = 1.0;
deal size 3万 / (12万/5) = 1.25; product 0.75 = 3万 / 4万, the revenue ratio.
"""

import json
import sys

from conftest import built_once, ok, refused, run, snapshot, stored

DECEMBER = "2026-12-02T10:00"  # November is over
HISTORY = {
    "2026-08": [("09:30", 3, None), ("09:30", 4, None), ("14:30", 5, None), ("14:30", 6, None), ("10:30", 7, "2万")],
    "2026-09": [
        ("09:30", 1, None),
        ("09:30", 2, None),
        ("14:30", 3, None),
        ("14:30", 4, None),
        ("16:00", 7, None),
        ("10:30", 8, "3万"),
        ("14:45", 9, "1万"),
    ],
    "2026-10": [
        ("09:30", 5, None),
        ("09:30", 6, None),
        ("14:30", 7, None),
        ("14:30", 8, None),
        ("16:00", 9, None),
        ("16:00", 12, None),
        ("10:30", 13, "3万"),
        ("11:00", 14, "3万"),
    ],
    "2026-11": [("09:30", 2, None), ("14:30", 3, None), ("16:00", 4, None), ("10:30", 5, "3万")],
}


def four_months():
    def build():
        for month, rows in HISTORY.items():
            for time, day, amount in rows:
                at = f"{month}-{day:02d} {time}"
                if amount:  # the deals are visits, but for September's call
                    kind = "call" if at == "2026-09-09 14:45" else "visit"
                    ok("visit", "add", "李总", "--kind", kind, "--amount", amount, "--at", at)
                else:
                    ok("visit", "add", "张总", "--kind", "call", "--at", at)
        ok("goal", "set", "revenue", "5万", "--month", "2026-11")

    built_once("four_months", build)


def assert_sql_counts_match_explain() -> None:
    import os
    from datetime import date

    from salelog import review as rv
    from salelog import store
    from salelog.periods import month_of

    conn = store.connect(os.environ["SALELOG_DB"], create=False)
    months = [month_of(date.fromisoformat(label + "-01")) for label in HISTORY]
    for month, summed in zip(months, store.period_counts(conn, months), strict=True):
        explained = rv.explain(store.entries_in(conn, month), month, [], [], date(2026, 12, 2))
        assert summed == {key: explained[key] for key in summed}, month
    conn.close()


def review(*args, now=DECEMBER) -> dict:
    return json.loads(ok("review", *args, "--json", now=now).out)


def test_a_month_review_against_the_three_months_before_and_why_revenue_fell():
    four_months()
    data = review("--month", "2026-11")
    assert data["period"] == {"start": "2026-11-01", "end": "2026-11-30", "label": "2026-11"}
    assert data["unit"] == "month" and data["week_over"] is True and data["average_weeks"] == 3
    revenue = data["metrics"][0]
    assert (revenue["metric"], revenue["target"], revenue["actual"], revenue["percent"], revenue["verdict"]) == (
        "revenue",
        50000,
        30000,
        60.0,
        "missed",
    )
    explained = {r["measure"]: (r["week"], r["four_week_average"]) for r in data["explained"]}
    assert explained["contacts"] == (4, 6.67)
    assert explained["deals"] == (1, 1.67)
    assert explained["revenue"] == (30000, 40000)
    assert explained["conversion_all"] == (25.0, 25.0)
    assert explained["average_deal"] == (30000, 24000)
    assert explained["new_clients"] == (0, 0.33) and explained["prospects"] == (
        0,
        0.67,
    )  # 李总's first sale, both in Aug
    # The earlier months are summed in SQL (store.period_counts), the month itself from its rows (review.explain):
    # the two agree on every month.
    assert_sql_counts_match_explain()
    change = data["explain_change"]
    assert {k: change[k] for k in ("revenue_ratio", "contacts_ratio", "conversion_ratio", "deal_size_ratio")} == {
        "revenue_ratio": 0.75,
        "contacts_ratio": 0.6,
        "conversion_ratio": 1.0,
        "deal_size_ratio": 1.25,
    }
    product = change["contacts_ratio"] * change["conversion_ratio"] * change["deal_size_ratio"]
    assert abs(product - change["revenue_ratio"]) < 1e-9
    assert change["biggest"] == "contacts" and change["periods"] == 3
    sentence = "revenue -25% vs your 3-month average: contacts -40%, conversion +0%, deal size +25%: contacts fell most"
    assert change["text"] == sentence and "shown" not in change
    assert data["records"] == []  # October's 6万 still stands
    assert [(r["hour"], r["contacts"], r["deals"]) for r in data["by_hour"]] == [
        (9, 1, 0),
        (10, 1, 1),
        (14, 1, 0),
        (16, 1, 0),
    ]
    assert [n["rule"] for n in data["notes"]] == ["target_missed", "no_prospects"]
    assert data["notes"][0]["text"] == "revenue 3万/5万 (60%) — 1 deal of 3万 (your 3-month average 2.4万)"

    screen = ok("review", "--month", "2026-11", now=DECEMBER).out
    assert screen.startswith("Review of month 2026-11 · 2026-11-01 → 2026-11-30\n")
    assert "What explains it   This month  3-month avg" in screen and sentence in screen
    assert "Plan for next month" not in screen and "salelog review write --month" in screen
    zh = ok("--lang", "zh", "review", "--month", "2026-11", now=DECEMBER).out
    assert zh.startswith("2026-11 月复盘") and "销售额比你近3个月平均 -25%：联系次数 -40%" in zh
    markdown = ok("review", "--month", "2026-11", "--markdown", now=DECEMBER).out
    assert markdown.startswith("# Month review 2026-11") and "| This month | 3-month average |" in markdown

    october = review("--month", "2026-10")  # a record: more revenue and contacts than any month before
    assert october["average_weeks"] == 2 and october["explain_change"]["biggest"] == "deal_size"
    assert october["records"] == [
        {"metric": "revenue", "value": 60000, "previous": 40000, "previous_label": "2026-09", "period": "month"},
        {"metric": "contacts", "value": 8, "previous": 7, "previous_label": "2026-09", "period": "month"},
    ]
    assert (
        "record: best month ever for revenue, 6万 (before: 4万 in 2026-09)"
        in ok("review", "--month", "2026-10", now=DECEMBER).out
    )
    # `--month` alone is this month, through the fast path and through Typer alike
    assert review("--month", now="2026-11-25T18:00")["period"]["label"] == "2026-11"
    typer = json.loads(ok("review", "--month", "--json", env={"SALELOG_NO_FASTPATH": "1"}).out)
    assert typer["period"]["label"] == "2026-11"
    assert review("--month", "last")["period"]["label"] == "2026-11"


def test_the_year_review_knows_when_you_sell_best_and_drafts_your_self_evaluation(db):
    four_months()
    ok(
        "review",
        "write",
        "--month",
        "2026-10",
        "--cause",
        "effort",
        "--plan",
        "每周拜访两家A类",
        now="2026-11-01T09:00",
    )
    ok("review", "write", "--month", "2026-11", "--cause", "市场,策略", "--went-badly", "客户预算冻结", now=DECEMBER)
    data = review("--year")
    assert data["period"]["label"] == "2026" and data["unit"] == "year"
    assert data["average_weeks"] == 0 and data["explain_change"] is None  # no earlier year with data
    assert data["by_hour"] == [
        {"hour": 9, "contacts": 7, "deals": 0, "conversion": 0.0},
        {"hour": 10, "contacts": 4, "deals": 4, "conversion": 100.0},
        {"hour": 11, "contacts": 1, "deals": 1, "conversion": 100.0},
        {"hour": 14, "contacts": 8, "deals": 1, "conversion": 12.5},
        {"hour": 16, "contacts": 4, "deals": 0, "conversion": 0.0},
    ]
    weekdays = {r["weekday"]: (r["contacts"], r["deals"]) for r in data["by_weekday"]}
    assert weekdays == {0: (5, 0), 1: (6, 2), 2: (6, 2), 3: (4, 1), 4: (3, 1)}
    best = {b["kind"]: b for b in data["best_times"]}
    assert best["call"]["block"] == {"hour": 14, "contacts": 8, "deals": 1, "conversion": 12.5}
    assert best["call"]["weekday"] == {"weekday": 2, "contacts": 5, "deals": 1, "conversion": 20.0}
    assert best["visit"]["block"] == {"hour": 10, "contacts": 5, "deals": 5, "conversion": 100.0}
    evaluation = data["self_evaluation"]
    # No year target: November's 5万 covers one month of it, which makes no target for the year
    assert evaluation["targets_met"] == [] and evaluation["targets_missed"] == []
    assert next(m for m in data["metrics"] if m["metric"] == "revenue")["target"] is None
    assert (evaluation["best_month"]["label"], evaluation["worst_month"]["label"]) == ("2026-10", "2026-08")
    assert [(r["metric"], r["value"], r["previous_label"]) for r in evaluation["records"]] == [
        # the month records set in the year, the last of each metric; September's 2 deals
        # beat August alone, and one earlier month makes no record (review_periods.RECORD_AFTER)
        ("revenue", 60000, "2026-09"),
        ("contacts", 8, "2026-09"),
    ]
    assert evaluation["causes"] == {"market": 1, "strategy": 1, "effort": 1}
    screen = ok("review", "--year", now=DECEMBER).out
    assert "  call: best 14:00–16:00 (12% of 8), best weekday Wednesday (20% of 5)" in screen
    assert "  visit: best 10:00–12:00 (100% of 5)" in screen
    assert "Self-evaluation (draft)\n  • best month 2026-10 (6万), weakest 2026-08 (2万)\n" in screen
    assert "causes you named for shortfalls: market 1, strategy 1, effort 1" in screen
    zh = ok("--lang", "zh", "review", "--year", now=DECEMBER).out
    assert (
        "个人自我评价（草稿）" in zh and "电话：最佳时段 14:00–16:00（8 次中 12%），最佳星期 周三（5 次中 20%）" in zh
    )


def test_a_month_s_plan_is_checked_by_the_next_month_and_causes_are_kept(db):
    four_months()
    said = ok("review", "write", "--month", "2026-10", "--cause", "effort", "--plan", "每周拜访两家A类", now=DECEMBER)
    assert said.out == "review of month 2026-10 saved, with 1 plan item\n"
    assert stored(db, "SELECT period, period_start, causes FROM reviews") == [("month", "2026-10-01", "effort")]
    october = review("--month", "2026-10")
    assert october["reflection"]["causes"] == ["effort"] and [p["text"] for p in october["plan"]] == ["每周拜访两家A类"]
    november = review("--month", "2026-11")
    (item,) = november["last_week_plan"]
    assert (item["text"], item["period"], item["period_start"], item["status"]) == (
        "每周拜访两家A类",
        "month",
        "2026-10-01",
        "open",  # not checked yet
    )
    assert review("--week", "2026-11-02")["last_week_plan"] == []  # a month's plan is not a week's
    ok("review", "check", str(item["id"]), "partly", "--note", "只做到三周", now=DECEMBER)
    kept = review("--month", "2026-11")
    assert kept["last_week_plan"][0]["status"] == "partly" and kept["plan_kept_8_weeks"]["partly"] == 1
    screen = ok("review", "--month", "2026-11", now=DECEMBER).out
    assert "Last month's plan\n" in screen and "Plans over the last 8 months: 0 done, 1 partly" in screen
    # the prompt on a terminal offers the three causes; the editor wrote the plan
    script = (
        "import sys\np = sys.argv[1]\nt = open(p).read()\n"
        "t = t.replace('next month (one item per line)\\n- ', 'next month (one item per line)\\n- 多打电话')\n"
        "open(p, 'w').write(t)\n"
    )
    editor = db.parent / "editor.py"
    editor.write_text(script, encoding="utf-8")
    env = {"EDITOR": f"{sys.executable} {editor}", "SALELOG_INTERACTIVE": "1"}
    ok("review", "write", "--month", "2026-11", env=env, input="4\n1,3\n", now=DECEMBER)
    written = review("--month", "2026-11")["reflection"]
    assert written["causes"] == ["market", "effort"] and written["versions"] == 1
    ok("undo", now=DECEMBER)  # the write is undoable
    assert stored(db, "SELECT count(*) FROM reviews WHERE period_start = '2026-11-01'") == [(0,)]

    before = snapshot(db)
    assert 'unknown cause "luck"' in refused("review", "write", "--month", "2026-11", "--cause", "luck").err
    assert "month 2026-12 has not started" in refused("review", "write", "--month", "2026-12", "--plan", "x").err
    assert "has not started" in refused("review", "--year", "2027").err
    assert refused("review", "--month", "2026-13").err.startswith('error: "2026-13" is not a month')
    both = run("review", "--month", "2026-11", "--year", "2026")
    assert both.code == 2 and both.err.startswith("error: give one of --week, --month and --year")
    assert snapshot(db) == before


def test_an_empty_month_is_a_clear_empty_review():
    four_months()
    data = review("--month", "2026-07")
    assert data["empty"] is True and data["average_weeks"] == 0 and data["explain_change"] is None
    assert data["by_hour"] == [] and data["records"] == []
    assert "Nothing was logged this month." in ok("review", "--month", "2026-07", now=DECEMBER).out


def test_the_month_s_html_report_has_the_month_review_s_figures(tmp_path):
    import stat

    from test_report_html import assert_figures_match_review, cells_of

    four_months()
    out = tmp_path / "2026-11.html"
    assert ok("report", "--month", "2026-11", "--html", str(out), now=DECEMBER).out == f"report written to {out}\n"
    assert stat.S_IMODE(out.stat().st_mode) == 0o600
    page = out.read_text(encoding="utf-8")
    data = review("--month", "2026-11")
    assert_figures_match_review(page, data)
    assert "<h1>Monthly report 2026-11</h1>" in page and "2026-11-01 → 2026-11-30" in page
    this_month = tmp_path / "this.html"  # --month alone: this month, as review --month has it
    ok("report", "--html", str(this_month), "--month", now="2026-11-25T18:00")
    assert "<h1>Monthly report 2026-11</h1>" in this_month.read_text(encoding="utf-8")
    tables = cells_of(page).tables
    assert list(tables["trend"])[-3:] == ["2026-09", "2026-10", "2026-11"]  # the last 12 months
    assert [t for _, t in tables["trend"]["2026-10"]] == ["2026-10", "6万", "—", "—"]
    assert [t for _, t in tables["explained"]["contacts"]] == ["contacts", "4", "6.67"]
    assert f'<p class="note" id="explain-change">{data["explain_change"]["text"]}</p>' in page
    assert 'id="by-hour"' in page and "Last month&#x27;s plan" in page
    assert "month 2026-12 has not started" in refused("report", "--month", "2026-12", "--html", str(out)).err


def test_a_weeks_sentence_names_the_month_or_the_year_but_keeps_its_placeholders():
    from salelog.review_periods import per_period

    sentence = "conversion {now} vs your {weeks}-week average; start next week with them"
    assert per_period(sentence, "month") == "conversion {now} vs your {weeks}-month average; start next month with them"
    assert per_period(sentence, "year") == "conversion {now} vs your {weeks}-year average; start next year with them"
    assert per_period(sentence, "week") == sentence
    assert per_period("weekweek{week}", "month") == "monthmonth{week}"


def test_a_year_outside_the_calendar_is_said_to_be_so():
    result = run("review", "--year", "9998")
    assert result.code == 1 and result.err.startswith("error: 9998 is outside 1900-2999")
