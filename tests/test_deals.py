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
    ok("deal", "move", "1", "negotiation")
    (deal,) = deals_json().values()
    assert {k: deal[k] for k in ("id", "customer", "title", "value", "stage", "probability", "weighted", "close")} == {
        "id": 1, "customer": "张总", "title": "年度维保合同", "value": 500000, "stage": "negotiation",
        "probability": 75, "weighted": 375000, "close": "2026-12-31",
    }  # fmt: skip
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
        (None, "lead"), ("lead", "proposal"), ("proposal", "qualified"), ("qualified", "negotiation"),
        ("negotiation", "won"),
    ]  # fmt: skip

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
