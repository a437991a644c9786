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
