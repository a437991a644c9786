"""Deals (商机): a deal's life on the stage ladder, the revenue its win books,
the pipeline's figures checked by hand, and a CRM's export imported twice."""

import json

from conftest import ok, refused, run, snapshot, stored


def deals_json(*args):
    return {d["id"]: d for d in json.loads(ok("deal", "list", "--json", *args).out)}


def test_a_deal_from_lead_to_won_books_its_revenue_once_and_undo_walks_it_back(db):
    out = ok("deal", "add", "张总", "年度维保合同", "--value", "50万", "--close", "2026-12-31", "--source", "展会").out
    assert out == "deal #1: 年度维保合同 with 张总 (new customer) · 50万 · lead 10% · closes 2026-12-31\n"
    assert ok("deal", "move", "1", "方案报价").out == "deal #1: 年度维保合同 lead 10% -> proposal 50%\n"
    assert "(back a stage: kept in its history)" in ok("deal", "move", "1", "Qualified").out
    before = snapshot(db)
    assert "(already there: nothing changed)" in ok("deal", "move", "last", "需求确认").out
    assert snapshot(db) == before
    ok("deal", "move", "1", "negotiation")
    (deal,) = deals_json().values()
    assert {k: deal[k] for k in ("id", "customer", "title", "value", "stage", "probability", "weighted", "close")} == {
        "id": 1,
        "customer": "张总",
        "title": "年度维保合同",
        "value": 500000,
        "stage": "negotiation",
        "probability": 75,
        "weighted": 375000,
        "close": "2026-12-31",
    }
    assert deal["created"] == "2026-11-25" and deal["closed_at"] is None and deal["last_contact"] is None
    # A contact with a customer who has exactly one open deal links to it, and says so.
    assert "deal #1 年度维保合同 (their one open deal)" in ok("visit", "add", "张总", "-k", "call").out
    assert deals_json()[1]["last_contact"] == "2026-11-25"

    # Winning logs the revenue as an entry linked to the deal: week counts it, once.
    assert ok("deal", "won", "1", "--amount", "48万").out == (
        "won deal #1: 年度维保合同 with 张总 · 48万 logged as #2\n"
    )
    assert stored(db, "SELECT id, amount_fen, deal_id FROM entries ORDER BY id") == [(1, None, 1), (2, 48000000, 1)]
    week = json.loads(ok("week", "--json").out)["metrics"]
    assert {m["metric"]: m["actual"] for m in week}["revenue"] == 480000
    assert "won already" in refused("deal", "won", "1").err
    assert "won already" in refused("deal", "move", "1", "lead").err
    assert deals_json() == {} and deals_json("--all")[1]["stage"] == "won"
    shown = ok("deal", "show", "1").out
    assert "Stages" in shown and "negotiation 75%  won 100%" in shown and "48万" in shown
    history = json.loads(ok("deal", "show", "1", "--json").out)["history"]
    assert [(h["from"], h["to"]) for h in history] == [
        (None, "lead"),
        ("lead", "proposal"),
        ("proposal", "qualified"),
        ("qualified", "negotiation"),
        ("negotiation", "won"),
    ]

    # undo reverts the win (entry and stage), then each move, then the deal.
    assert "deal won #1" in ok("undo").out
    assert stored(db, "SELECT count(*) FROM entries") == [(1,)]
    assert deals_json()[1]["stage"] == "negotiation"
    ok("deal", "edit", "1", "--value", "", "--note", "老客户续约")
    assert deals_json()[1]["value"] is None and deals_json()[1]["note"] == "老客户续约"
    assert "has no value to book" in refused("deal", "won", "1").err
    ok("undo")
    ok("deal", "lost", "1", "--reason", "价格太高")
    assert "lost already" in refused("deal", "won", "1").err
    assert deals_json("--stage", "Lost")[1]["lost_reason"] == "价格太高"
    assert "not deleting deal #1" in refused("deal", "rm", "1").err
    assert "deleted deal #1" in ok("deal", "rm", "1", "--yes").out
    assert stored(db, "SELECT count(*), count(deal_id) FROM entries") == [(1, 0)]  # its entries stay, unlinked
    ok("undo")
    assert stored(db, "SELECT count(*), count(deal_id) FROM entries") == [(1, 1)]
    for _ in range(5):  # lost, the call, the three moves
        ok("undo")
    assert stored(db, "SELECT stage FROM deals") == [("lead",)]
    assert stored(db, "SELECT count(*) FROM entries") == [(0,)]
    assert stored(db, "SELECT count(*) FROM deal_stage_changes") == [(1,)]


def test_linking_entries_and_bad_input_write_nothing(db):
    ok("deal", "add", "张总", "一期", "--value", "1.2w")
    ok("deal", "add", "张总", "二期", "--stage", "proposal")
    ok("deal", "add", "李经理", "扩容")
    # Two open deals: nothing links by itself; --deal picks one, the customer's own only.
    assert "deal #" not in ok("visit", "add", "张总").out
    assert ok("visit", "add", "张总", "--deal", "2").out == "logged #2: visit with 张总 · deal #2 二期\n"
    assert stored(db, "SELECT id, deal_id FROM entries") == [(1, None), (2, 2)]
    assert json.loads(ok("visit", "list", "--json").out)[0]["deal"] == 2
    before = snapshot(db)
    for args, says in [
        (("visit", "add", "张总", "--deal", "3"), "deal #3 is 李经理's, not 张总's"),
        (("visit", "add", "张总", "--deal", "9"), 'no deal "9"'),
        (("deal", "move", "1", "赢单"), "deal move does not close a deal"),
        (("deal", "move", "1", "signed"), 'unknown stage "signed"'),
        (("deal", "move", "7", "lead"), 'no deal "7"'),
        (("deal", "add", "张总", "三期", "--value", "-5"), "amount"),
        (("deal", "add", "张总", "三期", "--value", "12abc"), "amount"),
        (("deal", "add", "张总", "三期", "--stage", "won"), "cannot start won"),
        (("deal", "add", "张总", " "), "deal title is empty"),
        (("deal", "lost", "1", "--reason", ""), "--reason is empty"),
        (("deal", "edit", "1", "--close", "someday"), "someday"),
    ]:
        assert says in refused(*args).err, args
    listed = "stages: lead (线索), qualified (需求确认), proposal (方案报价), negotiation (商务谈判), won (赢单), lost"
    assert listed in refused("deal", "list", "--stage", "x").err
    assert snapshot(db) == before
    assert run("deal", "add", "张总", "三期", "--value", "0").code == 0  # zero: not known yet
    assert deals_json()[4]["value"] is None


def build_pipeline():
    """Four open deals, five closed in the last 90 days, one closed before them."""
    for args in [
        ("张总", "维保", "--value", "50万", "--stage", "negotiation", "--close", "2026-11-27"),
        ("李经理", "二期", "--value", "20万", "--stage", "方案报价", "--close", "2026-12-15"),
    ]:
        ok("deal", "add", *args)
    ok(
        "deal",
        "add",
        "王总",
        "三期",
        "--value",
        "10万",
        "--stage",
        "qualified",
        "--close",
        "2027-01-20",
        now="2026-10-20T10:00",
    )
    ok("visit", "add", "王总", "--at", "2026-11-01 10:00")  # links to its one open deal: silent since
    ok("deal", "add", "赵总", "小单", "--close", "2026-11-20")  # no value yet, past its close date
    for name, value, created in [
        ("孙总", "30万", "2026-10-01"),
        ("吴总", "10万", "2026-11-01"),
        ("周总", "10万", "2026-10-01"),
        ("郑总", "", "2026-10-01"),
        ("冯总", "5万", "2026-10-01"),
        ("陈总", "8万", "2026-06-01"),
    ]:
        ok("deal", "add", name, "单子", "--value", value, now=f"{created}T10:00")
    ok("deal", "won", "5", "--at", "2026-11-10")  # 40 days
    ok("deal", "won", "6", "--amount", "12万", "--at", "2026-11-23 09:00")  # 22 days; this week's revenue
    ok("deal", "lost", "7", "--reason", "价格太高")
    ok("deal", "lost", "8", "--reason", "预算不足")
    ok("deal", "lost", "9", "--reason", "价格太高")
    ok("deal", "won", "10", "--at", "2026-07-11")  # 40 days, before the 90-day window
    ok("goal", "set", "revenue", "50万")


def test_an_entry_moved_to_another_customer_leaves_the_first_customer_s_deal(db):
    ok("deal", "add", "张总", "一期")
    ok("deal", "add", "李经理", "扩容")
    ok("visit", "add", "张总", "--kind", "call")  # their one open deal: linked
    assert stored(db, "SELECT deal_id FROM entries") == [(1,)]
    out = ok("visit", "edit", "last", "--customer", "李经理").out
    assert out == "updated #1: customer · no longer linked to deal #1 (张总's)\n"
    assert stored(db, "SELECT customer_id, deal_id FROM entries") == [(2, None)]
    assert "李经理" not in ok("deal", "show", "1").out
    ok("undo")
    assert stored(db, "SELECT customer_id, deal_id FROM entries") == [(1, 1)]
    assert ok("visit", "edit", "last", "--kind", "visit").out == "updated #1: kind\n"  # same customer: linked still
    assert stored(db, "SELECT deal_id FROM entries") == [(1,)]


def test_the_pipeline_forecast_and_win_rate_match_a_hand_count(db):
    from conftest import built_once

    built_once("pipeline", build_pipeline)
    figures = json.loads(ok("pipeline", "--json").out)
    assert (figures["since"], figures["until"]) == ("2026-08-28", "2026-11-25")
    keys = ("stage", "name", "probability", "count", "value", "weighted")
    assert [tuple(s[k] for k in keys) for s in figures["stages"]] == [
        ("lead", "线索", 10, 1, 0, 0),
        ("qualified", "需求确认", 25, 1, 100000, 25000),
        ("proposal", "方案报价", 50, 1, 200000, 100000),
        ("negotiation", "商务谈判", 75, 1, 500000, 375000),
    ]
    assert (figures["open_value"], figures["weighted_value"]) == (800000, 500000)
    assert [(f["period"], f["start"], f["end"], f["weighted"]) for f in figures["forecast"]] == [
        ("week", "2026-11-23", "2026-11-29", 375000),  # 维保 only: 50万 x 75%
        ("month", "2026-11-01", "2026-11-30", 375000),
        ("quarter", "2026-10-01", "2026-12-31", 475000),  # and 二期: 20万 x 50%
    ]
    # Closed in the window: won 孙总 30万 and 吴总 12万 (its amount won), lost 10万, none, 5万.
    assert {k: figures[k] for k in ("won", "lost", "won_value", "win_rate", "win_rate_by_value")} == {
        "won": 2,
        "lost": 3,
        "won_value": 420000,
        "win_rate": 40.0,
        "win_rate_by_value": 73.7,
    }
    assert (figures["avg_cycle_days"], figures["avg_won_deal"]) == (31.0, 210000)
    assert figures["lost_reasons"] == [{"reason": "价格太高", "count": 2}, {"reason": "预算不足", "count": 1}]
    assert [(s["id"], s["days_silent"], s["past_close"]) for s in figures["stale"]] == [(3, 24, False), (4, 0, True)]
    wider = json.loads(ok("pipeline", "--json", "--since", "2026-06-01").out)
    assert (wider["won"], wider["avg_cycle_days"], wider["win_rate"]) == (3, 34.0, 50.0)  # (40 + 22 + 40) / 3

    shown = ok("pipeline").out
    for line in [
        "negotiation  75      1   50万    37.5万",
        "total                4   80万      50万",
        "this week     11-23 – 11-29    37.5万",
        "won 2 (42万), lost 3 · win rate 40.0% (73.7% by value)",
        "average won deal 21万 · sales cycle 31.0 days",
        "lost because: 价格太高 2, 预算不足 1",
        " 4  赵总      小单  never         2026-11-20  past close",
    ]:
        assert line in shown, line
    # The revenue was booked once, by the wins: week counts 吴总's 12万 and sets it beside the pipeline.
    week = ok("week").out
    assert "pipeline closing this week: 37.5万 weighted · revenue still needed 38万" in week
    assert json.loads(ok("week", "--json").out)["pipeline"] == {"weighted_closing": 375000, "revenue_needed": 380000}
    assert stored(db, "SELECT count(*), sum(amount_fen) FROM entries WHERE amount_fen > 0") == [(3, 50000000)]
    assert "- deal #4 赵总: 小单 is past its close date 2026-11-20" in ok("remind").out
    assert "晚于" in refused("pipeline", "--since", "2026-12-01", "--until", "2026-11-01", "--lang", "zh").err


CRM_EXPORT = """Record ID,Deal Name,Associated Company,Amount,Deal Stage,Create Date,Close Date,Deal owner,Pipeline
9001,年度维保,华东电子,"$48,000.00",contractsent,9/1/2026,12/15/2026,Wang,Sales
9002,Phase 2 rollout,Acme Corp,USD 12500,closedwon,8/15/2026,11/20/2026,Wang,Sales
9003,Pilot,Acme Corp,"$5,000",Closed Lost,7/1/2026,10/3/2026,Li,Sales
9004,Renewal 2027,张总,"¥120,000",appointmentscheduled,46000,46040,Li,Sales
9005,Spare parts,Beta Ltd,,Qualified To Buy,2026/11/1,,Li,Sales
"""


def test_a_crm_export_with_us_dates_and_dollars_imports_once_and_a_changed_stage_moves_its_deal(tmp_path, db):
    export = tmp_path / "hubspot-deals.csv"
    export.write_text(CRM_EXPORT, encoding="utf-8")
    result = ok("import", "deals", str(export))
    assert result.err.startswith("note: columns ignored: Deal owner, Pipeline\n")
    assert "note: 3 values in dollars ($, USD) are kept as the figures written: no exchange rate" in result.err
    assert result.out.startswith("imported 5 deals from") and "revenue booked for 1 won" in result.out
    deals = deals_json("--all")
    assert [
        (d["external_id"], d["customer"], d["value"], d["stage"], d["created"], d["close"]) for d in deals.values()
    ] == [
        ("9001", "华东电子", 48000, "negotiation", "2026-09-01", "2026-12-15"),
        ("9002", "Acme Corp", 12500, "won", "2026-08-15", "2026-11-20"),
        ("9003", "Acme Corp", 5000, "lost", "2026-07-01", "2026-10-03"),
        ("9004", "张总", 120000, "lead", "2025-12-09", "2026-01-18"),  # Excel serials
        ("9005", "Beta Ltd", None, "qualified", "2026-11-01", None),
    ]
    assert stored(db, "SELECT at, amount_fen, deal_id FROM entries") == [("2026-11-20 12:00:00", 1250000, 2)]

    before = snapshot(db)  # the same file again changes nothing, not even the undo log
    assert "imported 0 deals" in ok("import", "deals", str(export)).out and snapshot(db) == before
    export.write_text(CRM_EXPORT.replace("contractsent", "Closed Won"), encoding="utf-8")
    assert "row 2: update deal #1 年度维保" in ok("import", "deals", str(export), "--dry-run").out
    assert snapshot(db) == before
    ok("import", "deals", str(export))
    ok("import", "deals", str(export))
    assert deals_json("--all")[1]["closed_at"] == "2026-11-25"  # its close date 2026-12-15 is to come: won by now
    assert stored(db, "SELECT deal_id, amount_fen FROM entries ORDER BY id") == [(2, 1250000), (1, 4800000)]
    assert "import deals hubspot-deals.csv (0 added, 1 updated)" in ok("undo").out

    # Exported deals carry the fields import reads; a title Excel would run is guarded.
    ok("deal", "add", "Acme Corp", "=HYPERLINK(1)")
    csv_text = ok("export", "deals").out
    assert csv_text.splitlines()[0].lstrip("\ufeff").startswith("external_id,customer,title,value,stage,probability")
    assert ",Acme Corp,'=HYPERLINK(1),,lead,10," in csv_text
    assert [d["title"] for d in json.loads(ok("export", "deals", "--format", "json").out)][-1] == "=HYPERLINK(1)"


def test_a_bad_deals_file_writes_nothing_unless_its_bad_rows_are_skipped(tmp_path, db):
    ok("visit", "add", "Acme")
    before = snapshot(db)
    bad = tmp_path / "deals.csv"
    bad.write_text("Opportunity Name,Account Name,Amount,Stage\nA,Acme,$1,\nB,,$2,\nC,Acme,-3,\nD,Acme,1,Signed\n")
    for args, says in [
        ((), "row 3, column Account Name: empty"),
        (("--skip-bad-rows", "--map", "owner=Amount"), "--map: no field 'owner'"),
        (("--stage-map", "Signed"), "--stage-map 'Signed' is not FROM=TO"),
    ]:
        assert says in refused("import", "deals", str(bad), *args).err
    (tmp_path / "no-customer.csv").write_text("Opportunity Name,Amount\nA,1\n")
    assert "no customer column" in refused("import", "deals", str(tmp_path / "no-customer.csv")).err
    assert snapshot(db) == before
    out = ok("import", "deals", str(bad), "--skip-bad-rows", "--stage-map", "signed=negotiation").out.splitlines()
    assert out == [
        "imported 2 deals from " + str(bad),
        "skipped row 3, column Account Name: empty",
        'skipped row 4, column Amount: amounts must be positive, got "-3"',
        "skipped 2 bad rows",
    ]
    assert [(d["title"], d["stage"]) for d in deals_json().values()] == [("A", "lead"), ("D", "negotiation")]


def test_review_customer_show_and_the_html_report_know_the_deals(tmp_path, db):
    from conftest import built_once

    built_once("pipeline", build_pipeline)
    ok("deal", "move", "2", "negotiation")
    ok("deal", "edit", "2", "--close", "2026-12-02")  # next week: 20万 x 75%
    ok("goal", "set", "revenue", "20万", "--week", "next")
    review = json.loads(ok("review", "--json").out)
    assert review["pipeline"] == {
        "added": 3, "added_value": 700000, "advanced": 1, "won": 1, "won_value": 120000, "lost": 3,
        "weighted_closing_next_week": 150000, "revenue_needed_next_week": 200000,
    }  # fmt: skip
    (note,) = [n for n in review["notes"] if n["rule"] == "pipeline_short"]
    assert note["numbers"] == {"weighted_closing": 150000, "revenue_needed": 200000}
    shown = ok("review").out
    assert "pipeline: 3 added (70万), 1 advanced, 1 won (12万), 3 lost" in shown
    assert "the weighted pipeline closing next week (15万) is below the revenue it needs (20万)" in shown
    assert "下周预计成交的加权商机（15万）低于所需销售额（20万）" in ok("review", "--lang", "zh").out

    card = json.loads(ok("customer", "show", "李经理", "--json").out)
    assert [(d["id"], d["title"], d["stage"], d["close"]) for d in card["deals"]] == [
        (2, "二期", "negotiation", "2026-12-02")
    ]
    shown = ok("customer", "show", "李经理").out
    assert "Deals\nID  Deal  Value" in shown and " 2  二期" in shown  # the card names the customer once

    ok("report", "--html", str(tmp_path / "week.html"))
    page = (tmp_path / "week.html").read_text(encoding="utf-8")
    assert "<h2>Pipeline by stage and weighted forecast</h2>" in page and '<table id="forecast">' in page
    assert "as of 2026-11-25 · win rate" in page  # the page's day: a past month's page shows today's forecast
    assert '<td>negotiation</td><td class="n" data-value="75">75%</td><td class="n" data-value="2">2</td>' in page


def test_a_pipedrive_workbook_with_a_status_column_and_typed_cells(tmp_path, db):
    from datetime import datetime

    from openpyxl import Workbook

    book = Workbook()
    sheet = book.active
    sheet.append(["Title", "Organization", "Value", "Currency", "Stage", "Status", "Deal created",
                  "Expected close date", "Lost reason"])  # fmt: skip
    sheet.append(["Booth 2027", "深圳光电", 36000, "CNY", "Proposal Made", "open", datetime(2026, 11, 2), 46370, None])
    sheet.append(["Sensors", "深圳光电", "RMB 8,800", "CNY", "Negotiations Started", "won", datetime(2026, 10, 9),
                  datetime(2026, 11, 24), None])  # fmt: skip
    sheet.append(["Cables", "Omega", "1200元", "CNY", "Contact Made", "lost", "2026-09-01", None, "预算砍了"])
    book.save(tmp_path / "pipedrive.xlsx")
    result = ok("import", "deals", str(tmp_path / "pipedrive.xlsx"))
    assert result.err.startswith("note: columns ignored: Currency\n")
    deals = deals_json("--all")
    keys = ("title", "value", "stage", "created", "close", "lost_reason")
    assert [tuple(d[k] for k in keys) for d in deals.values()] == [
        ("Booth 2027", 36000, "proposal", "2026-11-02", "2026-12-14", None),  # serial 46370
        ("Sensors", 8800, "won", "2026-10-09", "2026-11-24", None),
        ("Cables", 1200, "lost", "2026-09-01", None, "预算砍了"),
    ]  # fmt: skip
    assert stored(db, "SELECT at, amount_fen, deal_id FROM entries") == [("2026-11-24 12:00:00", 880000, 2)]
    assert json.loads(ok("pipeline", "--json").out)["lost_reasons"] == [{"reason": "预算砍了", "count": 1}]


def test_a_customer_with_deals_is_removed_only_with_them(db):
    ok("deal", "add", "张总", "年度采购", "--value", "1万", "--new")
    before = snapshot(db)
    assert "张总 has 1 deal" in refused("customer", "rm", "张总", "--yes").err
    assert snapshot(db) == before
    ok("customer", "rm", "张总", "--with-entries", "--yes")
    assert stored(db, "SELECT count(*) FROM deals") == [(0,)]


def test_one_id_on_two_rows_of_an_import_is_refused_naming_both(tmp_path, db):
    export = tmp_path / "opportunities.csv"
    export.write_text(
        "Opportunity ID,Account Name,Opportunity Name,Stage,Amount\n"
        "006A,华东电子,Deal A,Prospecting,$1000\n"
        "006B,华东电子,Deal B,Prospecting,$2000\n"
        "006A,华东电子,Deal A dup,Prospecting,$3000\n",
        encoding="utf-8",
    )
    ok("customer", "add", "华东电子")
    before = snapshot(db)
    assert "row 4: id 006A is row 2's too" in refused("import", "deals", str(export), "--new").err
    assert snapshot(db) == before
    out = ok("import", "deals", str(export), "--new", "--skip-bad-rows").out
    assert "skipped 1 bad row" in out
    assert [t for (t,) in stored(db, "SELECT title FROM deals ORDER BY id")] == ["Deal A", "Deal B"]


def test_a_sale_without_an_amount_is_refused_in_add_edit_import_and_the_config(db, tmp_path, monkeypatch):
    ok("customer", "add", "张总")
    before = snapshot(db)
    for args in (("visit", "add", "张总", "-k", "sale"), ("visit", "add", "张总", "--kind", "成交")):
        assert "a sale needs an amount" in refused(*args).err
    assert snapshot(db) == before
    ok("visit", "add", "张总", "-k", "sale", "-a", "3500")
    ok("visit", "add", "张总", "-k", "call")
    assert "a sale needs an amount" in refused("visit", "edit", "1", "--amount", "").err
    assert "a sale needs an amount" in refused("visit", "edit", "2", "--kind", "sale").err
    assert stored(db, "SELECT kind, amount_fen FROM entries ORDER BY id") == [("sale", 350000), ("call", None)]
    sheet = tmp_path / "entries.csv"
    sheet.write_text("客户,日期,类型,金额\n张总,2026-11-20,成交,\n", encoding="utf-8")
    assert "row 2, column 类型: a sale needs an amount" in refused("import", "entries", str(sheet)).err
    assert stored(db, "SELECT count(*) FROM entries") == [(2,)]
    monkeypatch.setenv("SALELOG_CONFIG", str(tmp_path / "config.toml"))
    assert "default_kind must be a kind, not 'sale'" in run("config", "set", "default_kind", "sale").err


def test_a_win_booked_with_no_contact_leaves_the_follow_ups_due_open(db):
    ok(
        "visit",
        "add",
        "张总",
        "--new",
        "-k",
        "call",
        "--next",
        "周五回访",
        "--next-date",
        "2026-11-25",
        now="2026-11-23T10:00",
    )
    ok("deal", "add", "张总", "年度维保合同", "--value", "50万")
    ok("deal", "add", "张总", "备件", "--value", "2万")
    ok("deal", "won", "1")  # kind sale: the revenue booked, nobody called back
    assert stored(db, "SELECT what, status FROM followups") == [("周五回访", "open")]
    assert "周五回访" in ok("followups").out
    ok("deal", "won", "2", "--kind", "visit")  # the win was a visit: that contact closes it
    assert stored(db, "SELECT what, status FROM followups") == [("周五回访", "done")]


def test_a_deal_is_not_won_before_its_last_move(db):
    ok("deal", "add", "王芳", "年度框架", "--value", "30万", "--stage", "proposal", now="2026-11-20T10:00")
    ok("deal", "move", "1", "negotiation", now="2026-11-24T10:00")
    before = snapshot(db)
    refusal = refused("deal", "won", "1", "--at", "2026-11-23 15:00").err
    assert "deal #1 was at negotiation 75% from 2026-11-24 10:00: it cannot be won before that" in refusal
    assert snapshot(db) == before
    ok("deal", "won", "1", "--at", "2026-11-24 16:00")
    assert json.loads(ok("pipeline", "--json").out)["avg_cycle_days"] >= 0


def test_a_deal_won_before_it_was_added_starts_at_the_win(db):
    ok("deal", "add", "王芳", "年度框架", "--value", "30万", "--stage", "proposal", now="2026-11-25T18:00")
    result = ok("deal", "won", "1", "--at", "2026-11-20 15:00", now="2026-11-25T18:00")
    assert "note: deal #1 was added 2026-11-25 18:00, after it was won: its history now starts at the win" in result.err
    assert stored(db, "SELECT created_at, closed_at FROM deals") == [("2026-11-20 15:00:00", "2026-11-20 15:00:00")]
    history = json.loads(ok("deal", "show", "1", "--json").out)["history"]
    assert [h["at"][:16] for h in history] == ["2026-11-20 15:00", "2026-11-20 15:00"]
    assert json.loads(ok("pipeline", "--json").out)["avg_cycle_days"] == 0
    ok("undo")
    assert stored(db, "SELECT created_at, closed_at FROM deals") == [("2026-11-25 18:00:00", None)]


def test_a_past_week_speaks_of_the_deals_that_were_to_close_in_it(db):
    ok("goal", "set", "revenue", "10万", "--week", "2026-11-16", now="2026-11-16T09:00")
    deal = ("王芳", "年度", "--value", "30万", "--close", "2026-11-20", "--stage", "proposal")
    ok("deal", "add", *deal, now="2026-11-16T09:00")
    out = ok("week", "--week", "last").out
    assert "open deals that were to close that week: 15万 weighted · revenue short by 10万" in out
    assert "closing this week" not in out


def test_a_deal_at_a_stage_the_ladder_no_longer_has_is_said_not_hidden(db, tmp_path):
    ok("deal", "add", "王芳", "年度", "--value", "30万", "--stage", "qualified")
    config = tmp_path / "stages.toml"
    config.write_text('deal_stages = ["lead 线索 10", "proposal 方案报价 50", "won 赢单 100", "lost 输单 0"]\n')
    note = "note: deal #1 is at qualified, which config deal_stages no longer has: it counts 0%"
    for command in (("pipeline",), ("pipeline", "--json"), ("deal", "list")):
        assert note in ok(*command, env={"SALELOG_CONFIG": str(config)}).err, command
    assert ok("pipeline").err == ""  # the default ladder has it


def test_deal_won_takes_the_minute_its_hint_names():
    ok("deal", "add", "王芳", "x", "--value", "1万", now="2026-12-01T09:00")
    ok("deal", "move", "1", "proposal", env={"SALELOG_NOW": "2026-12-01 10:00:37"})
    ok("deal", "won", "1", "--at", "2026-12-01 10:00", now="2026-12-01T11:00")  # the move's minute
