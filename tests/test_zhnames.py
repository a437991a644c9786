"""Issue 15: a Chinese salesperson never makes a duplicate customer because of how
Chinese is typed: the other script resolves, a homophone or a near sound is
refused with the name meant, and pinyin typed without an IME finds the customer."""

import os
import subprocess
import sys

import pytest
from conftest import built_once, logbook_before, ok, refused, run, snapshot, stored

ARCHIVE = ("张总", "王芳", "陈总", "刘总", "孙总", "金总", "李经理", "鍾先生", "周总", "陈森")


def archive():
    built_once("zhnames", lambda: [ok("customer", "add", name) for name in ARCHIVE])


# (typed, the customer it resolves to silently): the same name in the other script.
SAME_NAME = [
    ("張總", "张总"),  # traditional typed, simplified known
    ("钟先生", "鍾先生"),  # simplified typed, traditional known
    ("張总", "张总"),  # both scripts in one name
    ("王芳", "王芳"),
]
# (typed, the name suggested): same sound, or one syllable apart by a usual confusion.
SOUNDS_LIKE = [
    ("章总", "张总"),  # a homophone from the IME's list
    ("王方", "王芳"),
    ("臧总", "张总"),  # zh/z
    ("岑总", "陈总"),  # ch/c
    ("顺总", "孙总"),  # sh/s
    ("牛总", "刘总"),  # n/l
    ("京总", "金总"),  # in/ing
    ("程总", "陈总"),  # en/eng
    ("李经里", "李经理"),
    ("zhang总", "张总"),  # pinyin and characters mixed
    ("张宗", "张总"),  # the whole name by sound: 宗 is no title, yet it is 张总 mistyped
]
# Typed names that are other people: a new customer each.
DISTINCT = ["王总", "李总", "赵总", "黄总", "岑申", "张经理"]


def test_names_in_the_other_script_resolve_like_width_variants(tmp_path, db):
    archive()
    for typed, known in SAME_NAME:
        out = ok("visit", "add", typed).out
        assert f"with {known}" in out and "new customer" not in out, (typed, out)
    assert stored(db, "SELECT count(*) FROM customers") == [(len(ARCHIVE),)]
    assert ok("customer", "show", "張總").out.startswith("张总")
    before = snapshot(db)
    assert "already names customer 张总" in refused("customer", "add", "張總").err  # not a second 张总
    assert snapshot(db) == before
    ok("undo")
    assert stored(db, "SELECT count(*) FROM entries") == [(len(SAME_NAME) - 1,)]
    visits = tmp_path / "visits.csv"
    visits.write_text("customer,at\n張總,2026-11-20 10:00\n", encoding="utf-8")
    assert "imported 1 entry" in ok("import", "entries", str(visits)).out
    assert stored(db, "SELECT count(*) FROM customers") == [(len(ARCHIVE),)]
    visits.write_text("customer,at\n章总,2026-11-20 10:00\n", encoding="utf-8")
    assert '"章总" (row 2): did you mean 张总?' in refused("import", "entries", str(visits)).err


def test_homophones_and_near_sounds_are_refused_with_the_name_meant(db):
    archive()
    before = snapshot(db)
    for typed, meant in SOUNDS_LIKE:
        err = refused("visit", "add", typed).err
        assert err.splitlines()[0] == f'error: unknown customer "{typed}"; did you mean {meant}? Add --new to create it'
        assert "nothing was written" in err
    assert snapshot(db) == before
    assert "是不是要找 张总" in refused("--lang", "zh", "visit", "add", "章总").err
    assert "did you mean 王芳?" in refused("customer", "show", "王方").err
    assert "(new customer)" in ok("visit", "add", "章总", "--new").out  # the user's word wins
    for typed in DISTINCT:
        assert "(new customer)" in ok("visit", "add", typed).out, typed
    assert stored(db, "SELECT count(*) FROM customers") == [(len(ARCHIVE) + 1 + len(DISTINCT),)]


def test_pinyin_typed_without_an_ime_finds_the_customer(db):
    archive()
    assert ok("visit", "add", "zhangzong").out.startswith('logged #1: visit with 张总 (from "zhangzong")')
    assert 'with 王芳 (from "wf")' in ok("visit", "add", "wf", "--kind", "call").out
    assert "with 鍾先生" in ok("visit", "add", "zhongxiansheng").out
    assert "with 李经理" in ok("visit", "add", "lij").out  # a unique beginning
    before = snapshot(db)
    err = refused("visit", "add", "zz").err  # 张总 and 周总
    assert err.splitlines() == ['error: "zz" could be 周总, 张总', "  type more of the name"]
    assert '"chen" could be 陈总, 陈森' in refused("visit", "add", "chen").err
    err = refused("visit", "add", "zhangsan").err.splitlines()  # pinyin naming nobody
    assert err == [
        'error: unknown customer "zhangsan": no customer\'s name is spelt so in pinyin',
        '  type the name in characters, or add --new to create "zhangsan"; nothing was written',
    ]
    assert snapshot(db) == before
    assert "(new customer)" in ok("visit", "add", "zhangsan", "--new").out
    assert "(new customer)" in ok("visit", "add", "acme").out  # not pinyin: an English name
    assert 'unknown customer "qqq"' in refused("customer", "show", "qqq").err
    assert ok("customer", "show", "wangfang").out.startswith("王芳")
    assert stored(db, "SELECT c.name FROM entries e JOIN customers c ON c.id = e.customer_id ORDER BY e.id") == [
        ("张总",),
        ("王芳",),
        ("鍾先生",),
        ("李经理",),
        ("zhangsan",),
        ("acme",),
    ]
    assert "张总（按拼音“zhangzong”匹配）" in ok("--lang", "zh", "visit", "add", "zhangzong").out


def test_the_pinyin_rule_knows_every_syllable_a_character_is_read_as():
    import re

    from salelog.names import PINYIN_SYLLABLE
    from salelog.pinyin import all_syllables

    syllables = all_syllables()
    assert {"zhang", "lv", "er", "ng"} <= syllables and len(syllables) > 400
    assert [s for s in sorted(syllables) if not re.fullmatch(PINYIN_SYLLABLE, s)] == []


def complete(line: str) -> list[str]:
    words = line.split()
    env = {"_SALELOG_COMPLETE": "complete_bash", "COMP_WORDS": line, "COMP_CWORD": str(len(words) - 1)}
    return [line for line in run(env=env).out.splitlines() if line]


def test_completion_offers_chinese_names_for_their_pinyin(db):
    archive()
    ok("customer", "add", "Zeta Ltd")
    assert complete("salelog visit add zh") == ["周总", "张总", "鍾先生"]
    assert complete("salelog customer show ch") == ["陈总", "陈森"]
    assert complete("salelog visit add ze") == ["Zeta Ltd"]  # a name beginning so comes first, as names resolve
    assert complete("salelog visit add xq") == []
    assert complete("salelog customer show 張") == ["张总"]  # the other script


def test_a_known_name_reads_no_pinyin_and_a_logbook_from_before_gets_its_sounds(tmp_path, db):
    from salelog.store.db import MIGRATIONS

    old = tmp_path / "v9.db"
    with logbook_before(old, "m014_customer_sound") as conn:
        # The store now writes the sound columns that this schema lacks: a customer as version 9 wrote it.
        conn.execute("INSERT INTO customers (name, name_key, created_at) VALUES ('张总', '张总', '2026-11-01')")
    assert "did you mean 张总?" in refused("--db", str(old), "visit", "add", "章总").err
    assert stored(old, "SELECT name FROM _sqlite_migrations")[-1] == (MIGRATIONS[-1],)
    assert stored(old, "SELECT sound, sound_key FROM customers") == [("zhang zong", "zang zong")]
    code = "import sys; from salelog.cli import main; main(['visit', 'add', '张总']); print(sorted(sys.modules))"
    env = dict(os.environ, SALELOG_DB=str(old))
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, env=env, check=True)
    modules = eval(done.stdout.splitlines()[-1])
    assert "logged #1" in done.stdout
    assert not [m for m in modules if m.split(".")[0] in ("opencc", "pypinyin") or m == "salelog.pinyin"]


@pytest.mark.parametrize("new_name", ["张总", "張總"])
def test_renaming_keeps_the_sound_up_to_date(db, new_name):
    ok("customer", "add", "王芳")
    ok("customer", "edit", "王芳", "--rename", new_name, "--alias", "小王")
    assert "did you mean" in refused("visit", "add", "章总").err
    assert "did you mean 王芳?" not in run("visit", "add", "王方").err
    assert "did you mean" in refused("visit", "add", "晓王").err  # the alias sounds like xiao wang
