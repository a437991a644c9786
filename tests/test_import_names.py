"""One name rule: `salelog import` resolves customer names exactly as `visit add`
does. A new name close to a known one (张总总 beside 张总) is refused, listing its
rows and the closest names, with nothing written, unless --new says to create it."""

import pytest
from conftest import ok, run, snapshot, stored


def write_csv(tmp_path, name: str, text: str):
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return str(path)


def refused(result, *mentions: str):
    assert result.code == 1, (result.code, result.out, result.err)
    lines = result.err.rstrip("\n").split("\n")
    assert len(lines) == 2 and lines[0].startswith("error: ") and "--new" in lines[1], result.err
    assert all(m in lines[0] for m in mentions), result.err
    assert "Traceback" not in result.err
    return result


VISITS = (
    "customer,at,amount\n"
    "张总总,2026-11-20 10:00,1000\n"
    "李四,2026-11-20 11:00,\n"
    "张总总,2026-11-21 10:00,\n"
    "王老板,2026-11-21 15:00,\n"
)


@pytest.fixture
def known(db):
    ok("visit", "add", "张总")
    ok("customer", "add", "王老版")  # a typo someone kept
    return snapshot(db)


def test_an_import_naming_customers_close_to_known_ones_is_refused_with_their_rows(tmp_path, db, known):
    file = write_csv(tmp_path, "visits.csv", VISITS)
    result = refused(run("import", "entries", file), '"张总总" (rows 2, 4): did you mean 张总?', '"王老板" (row 5)')
    assert "王老版" in result.err and "李四" not in result.err
    assert result.out == ""
    assert snapshot(db) == known


def test_the_dry_run_shows_the_same_refusal(tmp_path, db, known):
    file = write_csv(tmp_path, "visits.csv", VISITS)
    assert run("import", "entries", file, "--dry-run").err == run("import", "entries", file).err
    assert run("import", "entries", file, "--dry-run").code == 1
    assert snapshot(db) == known


def test_new_creates_them_as_given_beside_the_known_ones(tmp_path, db, known):
    file = write_csv(tmp_path, "visits.csv", VISITS)
    dry = ok("import", "entries", file, "--new", "--dry-run").out
    assert "row 2: add visit with 张总总 (new customer)" in dry and snapshot(db) == known
    out = ok("import", "entries", file, "--new").out
    assert "imported 4 entries" in out and "3 new customers: 张总总, 李四, 王老板" in out
    assert sorted(n for (n,) in stored(db, "SELECT name FROM customers")) == sorted(
        ["张总", "王老版", "张总总", "李四", "王老板"]
    )


def test_names_that_are_known_in_another_spelling_are_found_not_refused(tmp_path, db, known):
    ok("customer", "edit", "张总", "--alias", "老张")
    rows = "customer,at\n 张总 ,2026-11-20 10:00\n老张,2026-11-21 10:00\nＷang,2026-11-22\n王老版,2026-11-22\n"
    ok("customer", "add", "wang")
    file = write_csv(tmp_path, "visits.csv", rows)
    assert "imported 4 entries" in ok("import", "entries", file).out
    assert stored(db, "SELECT count(*) FROM customers") == [(3,)]


def test_two_close_new_names_in_one_file_are_refused_as_visit_add_would_refuse_the_second(tmp_path, db):
    file = write_csv(tmp_path, "visits.csv", "customer,at\n陈经理,2026-11-20 10:00\n陈经里,2026-11-21 10:00\n")
    refused(run("import", "entries", file), '"陈经里" (row 3): did you mean 陈经理?')
    assert not db.exists() or stored(db, "SELECT count(*) FROM customers") == [(0,)]
    ok("import", "entries", file, "--new")
    assert sorted(n for (n,) in stored(db, "SELECT name FROM customers")) == ["陈经理", "陈经里"]


def test_a_customers_file_is_held_to_the_same_rule(tmp_path, db, known):
    file = write_csv(tmp_path, "customers.csv", "name,company\n张总总,华东电子\n赵六,\n")
    refused(run("import", "customers", file), '"张总总" (row 2): did you mean 张总?')
    refused(run("import", "customers", file, "--dry-run"), '"张总总" (row 2)')
    assert snapshot(db) == known
    assert "imported 2 customers" in ok("import", "customers", file, "--new").out
    assert stored(db, "SELECT company FROM customers WHERE name = '张总总'") == [("华东电子",)]


def test_the_refusal_is_in_chinese_with_lang_zh(tmp_path, known):
    file = write_csv(tmp_path, "visits.csv", "customer,at\n张总总,2026-11-20 10:00\n")
    result = run("--lang", "zh", "import", "entries", file)
    assert result.code == 1
    assert result.err.splitlines() == [
        "error: 新客户与已有客户名称相近：“张总总”（第 2 行）：您是不是要找 张总？",
        "  请在文件中改正名称，或加 --new 按原样新建；未导入任何内容",
    ]


def test_an_import_finds_the_same_close_names_through_its_index_as_visit_add_does(db):
    # _refuse_close_names asks store.close_names with the logbook's names indexed once
    # (store.known_names_index): for every name, the answer of visit add's own lookup.
    import random
    from contextlib import closing

    from salelog import store

    for name, aliases in (
        ("张总", ["老张"]),
        ("王芳", []),
        ("Acme Ltd", ["ACME"]),
        ("李经理", ["李总工"]),
        ("张伟", []),
    ):
        ok("customer", "add", name, *[f"--alias={a}" for a in aliases])
    rng = random.Random(5)
    letters = "张王李芳总经理伟老工AcmeLtd 　"
    with closing(store.open_db(str(db))) as conn:
        index = store.known_names_index(conn)
        typed = [
            "章总",
            "張總",
            "王方",
            "acme",
            "李经",
            *("".join(rng.choices(letters, k=rng.randint(1, 4))) for _ in range(300)),
        ]
        answers = [(t, store.close_names(conn, t)) for t in typed]
        assert [(t, store.close_names(conn, t, index)) for t in typed] == answers
    assert ("章总", ["张总"]) in answers and sum(1 for _, close in answers if close) > 40  # not all empty
