"""How a name sounds: toneless pinyin from pypinyin's table of characters, and
the traditional -> simplified form from OpenCC's (opencc-python-reimplemented).

Both are needed only for a name that matched nothing (names.py decides what
counts as the same name; this module only reads the tables). Importing
pypinyin itself costs 0.3-0.5 s (it loads a 2.5 MB phrase table) and its
character table 70 ms, several times a command's whole start-up, so a few
characters are read straight from that table's file; many at once (a
migration, an import) parse it whole, once.
"""

import os
import sys

_READINGS: dict[str, str] = {}  # character -> its first toneless reading ("张" -> "zhang")
_TABLE: dict[str, str] | None = None  # the whole table, once parsed
_FEW = 32  # more characters than this at once: parse the table rather than search it
_CONVERTER = None  # OpenCC("t2s"), built on first use


def syllables(name: str) -> list[str]:
    """The sound of `name`: one toneless syllable per Chinese character (its
    first reading: 张 -> zhang, 绿 -> lv), each run of ASCII letters and digits
    lowercased as one, everything else dropped ("张 总" -> [zhang, zong])."""
    readings = _readings({ch for ch in name if _is_hanzi(ch)})
    sounds: list[str] = []
    run = ""
    for ch in name:
        if ch.isascii() and ch.isalnum():
            run += ch.lower()
            continue
        if run:
            sounds.append(run)
            run = ""
        if _is_hanzi(ch):
            sounds.append(readings.get(ch, ch))
    return sounds + ([run] if run else [])


def simplified(text: str) -> str:
    """`text` with traditional characters in their simplified form (張總 -> 张总)."""
    global _CONVERTER
    if _CONVERTER is None:
        from opencc import OpenCC  # opencc-python-reimplemented: ~6 ms, only for a name that matched nothing

        _CONVERTER = OpenCC("t2s")
    return _CONVERTER.convert(text)


def all_syllables() -> frozenset[str]:
    """Every toneless syllable any character is read as (about 400: zhang, ai, lv...);
    what names.PINYIN_SYLLABLE is checked against (a whole parse: ~50 ms)."""
    import json

    toned = {one for each in json.loads(_table_bytes()).values() for one in each.split(",")}
    return frozenset(_toneless(one) for one in toned)


def readings_of(names: list[str]) -> None:
    """Make ready the readings of every character of `names` (many names: one
    parse of the table instead of a search per character)."""
    _readings({ch for name in names for ch in name if _is_hanzi(ch)})


def _is_hanzi(ch: str) -> bool:
    return "\u3400" <= ch <= "\u9fff" or "\uf900" <= ch <= "\ufaff" or "\U00020000" <= ch <= "\U0003134f"


def _readings(chars: set[str]) -> dict[str, str]:
    missing = [ch for ch in chars if ch not in _READINGS]
    if not missing:
        return _READINGS
    if _TABLE is not None or len(missing) > _FEW:
        table = _whole_table()
        _READINGS.update((ch, table[ch]) for ch in missing if ch in table)
        return _READINGS
    data = _table_bytes()
    for ch in missing:
        # One line per character, in code point order: "24352": "zhāng",
        at = data.find(b'\n"%d": "' % ord(ch))
        if at < 0:
            continue
        start = data.index(b'"', data.index(b":", at) + 1) + 1
        _READINGS[ch] = _toneless(data[start : data.index(b'"', start)].decode("utf-8"))
    return _READINGS


def _whole_table() -> dict[str, str]:
    global _TABLE
    if _TABLE is None:
        import json

        parsed = json.loads(_table_bytes())
        _TABLE = {chr(int(code)): _toneless(readings) for code, readings in parsed.items()}
    return _TABLE


def _table_bytes() -> bytes:
    """pypinyin's table of characters (pinyin_dict.json), found on sys.path as
    the import system would find the package, without importing it."""
    for folder in sys.path:
        path = os.path.join(folder or ".", "pypinyin", "pinyin_dict.json")
        if os.path.isfile(path):
            with open(path, "rb") as table:
                return table.read()
    raise RuntimeError("pypinyin is not installed: pip install pypinyin")


# Pinyin's tone marks and ü (written v without an IME); unicodedata would cost an import.
_TONE_MARKS = str.maketrans(
    "āáǎàēéěèīíǐìōóǒòūúǔùǖǘǚǜüńňǹḿêếề", "aaaaeeeeiiiioooouuuuvvvvvnnnmeee", "\u0300\u0301\u0304\u030c"
)


def _toneless(readings: str) -> str:
    """The first of a character's readings without its tone mark: "zhāng,zhàng" -> zhang, "lǜ" -> lv."""
    return readings.split(",")[0].translate(_TONE_MARKS)
