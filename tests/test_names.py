"""names.name_key skips Unicode normalisation for the characters it cannot change."""

import unicodedata

from salelog.names import name_key


def test_the_characters_name_key_does_not_normalise_are_the_ones_nfkc_leaves_alone():
    skipped = [chr(c) for c in range(0x20, 0x7F)] + [chr(c) for c in range(0x4E00, 0xA000)]
    assert [c for c in skipped if unicodedata.normalize("NFKC", c) != c] == []


def test_full_width_and_other_forms_are_still_folded():
    assert name_key("ＡＢＣ 张总 ") == name_key("abc 张总") == "abc 张总"
    assert name_key("㈱张总") == unicodedata.normalize("NFKC", "㈱张总").casefold()


def test_similarity_says_close_where_difflib_did_on_names_people_type():
    """names.similarity replaced difflib's ratio (whose import cost a new name ~10 ms): on the
    near misses and the distinct names of the kind people type, both draw the line alike."""
    import difflib

    from salelog.names import CLOSE_ENOUGH, name_key, similarity

    pairs = [("张总总", "张总"), ("张 总", "张总"), ("李总", "张总"), ("王芳芳", "王芳"), ("Mr. Smyth", "Mr. Smith"),
             ("Acme Ltd", "Acme Inc"), ("Acme", "Mr. Smith"), ("华为技术", "华为"), ("陈老板", "陈老师"),
             ("zhang", "zhong"), ("李经理", "李总"), ("赵主任", "赵主管"), ("Smith", "Smithers"),
             ("刘", "刘总")]  # fmt: skip
    for a, b in pairs:
        a, b = name_key(a), name_key(b)
        ours, theirs = similarity(a, b), difflib.SequenceMatcher(None, a, b).ratio()
        assert ours >= theirs - 1e-9 and (ours >= CLOSE_ENOUGH) == (theirs >= CLOSE_ENOUGH), (a, b, ours, theirs)
    assert similarity("", "") == 1.0 and similarity("张", "") == 0.0


def test_the_close_index_finds_what_close_names_finds_among_all_the_names():
    # An import checks each new name against the file's earlier new names through
    # names.CloseIndex, which compares it only with names that can be close enough:
    # its answer must be close_names' over all of them, order included.
    import random

    from salelog.names import CloseIndex, close_names

    rng = random.Random(3)
    letters = "王李张刘陈总经理老板伟芳娜秀英aAbB 　·强"  # titles, width variants, repeats, spaces
    for _ in range(200):
        index, names = CloseIndex(), []
        for _ in range(rng.randint(0, 30)):
            names.append("".join(rng.choice(letters) for _ in range(rng.randint(1, 5))))
            index.add(names[-1])
        for _ in range(10):
            typed = "".join(rng.choice(letters) for _ in range(rng.randint(1, 5)))
            assert index.close(typed) == close_names(typed, names), (typed, names)
