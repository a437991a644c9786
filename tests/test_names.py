"""names.name_key skips Unicode normalisation for the characters it cannot change."""

import unicodedata

from salelog.names import name_key


def test_the_characters_name_key_does_not_normalise_are_the_ones_nfkc_leaves_alone():
    skipped = [chr(c) for c in range(0x20, 0x7F)] + [chr(c) for c in range(0x4E00, 0xA000)]
    assert [c for c in skipped if unicodedata.normalize("NFKC", c) != c] == []


def test_full_width_and_other_forms_are_still_folded():
    assert name_key("ＡＢＣ 张总 ") == name_key("abc 张总") == "abc 张总"
    assert name_key("㈱张总") == unicodedata.normalize("NFKC", "㈱张总").casefold()
