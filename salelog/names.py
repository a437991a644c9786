"""How a typed customer name finds the customer meant: pure rules, no database.

The store looks candidates up by `name_key` (indexed); these functions decide
what counts as the same name and what is merely close.
"""

CLOSE_ENOUGH = 0.6  # similarity(): 张 总 / 张总总 ~ 张总 (0.8); 李总 ~ 张总 is not (0.5)


def name_key(name: str) -> str:
    """What two spellings of one name share: full-width folded to half-width,
    case ignored, surrounding spaces dropped (张总 == 张总 , ＡＢＣ == abc)."""
    if not all(" " <= ch <= "~" or "\u4e00" <= ch <= "\u9fff" for ch in name):
        import unicodedata  # NFKC changes neither printable ASCII nor CJK ideographs: most names skip it

        name = unicodedata.normalize("NFKC", name)
    return name.casefold().strip()


def prefix_upper_bound(key: str) -> str:
    """The smallest string above every string starting with `key` (for index range scans)."""
    return key + "\U0010ffff"


# Titles that end many names: 孙经理 and 李经理 share one but are two people.
TITLES = sorted(
    (
        "总",
        "总监",
        "总经理",
        "总裁",
        "经理",
        "主任",
        "老板",
        "老师",
        "先生",
        "小姐",
        "女士",
        "董事长",
        "董",
        "部长",
        "处长",
        "科长",
        "院长",
        "校长",
        "局长",
        "厂长",
        "工",
        "姐",
        "哥",
        "助理",
        "秘书",
    ),
    key=len,
    reverse=True,
)


def close_names(typed: str, names: list[str], limit: int = 3) -> list[str]:
    """Known names (or aliases) close to `typed`, closest first. Names ending in
    the same title are close only if what comes before the title is."""
    by_key: dict[str, str] = {}
    for name in names:
        by_key.setdefault(name_key(name), name)
    typed_key = name_key(typed)
    scored = [(score, key) for key in by_key if (score := similarity(typed_key, key)) >= CLOSE_ENOUGH]
    matches = [key for _, key in sorted(scored, reverse=True)[: limit * 4]]
    return [by_key[m] for m in matches if _close_apart_from_title(typed_key, m)][:limit]


class CloseIndex:
    """Names added one by one, and close_names' answer for a name among them, without
    comparing it with each (bench/import_names.py, 3,000 new names: 5.5 s -> 0.6 s):
    similarity can reach CLOSE_ENOUGH only with as many characters in common, repeats
    counted, as CLOSE_ENOUGH's share of both lengths, and only names sharing one are counted."""

    def __init__(self) -> None:
        self._names: list[str] = []
        self._lengths: list[int] = []
        self._by_char: dict[str, list[tuple[int, int]]] = {}  # char -> (name's index, its count there)

    def add(self, name: str) -> None:
        key = name_key(name)
        self._names.append(name)
        self._lengths.append(len(key))
        for char in set(key):
            self._by_char.setdefault(char, []).append((len(self._names) - 1, key.count(char)))

    def close(self, typed: str, limit: int = 3) -> list[str]:
        key = name_key(typed)
        if not key:  # similarity("", "") is 1: names without a letter are close to one another
            unlettered = [name for name, size in zip(self._names, self._lengths, strict=True) if not size]
            return close_names(typed, unlettered, limit)
        shared: dict[int, int] = {}
        for char in set(key):
            mine = key.count(char)
            for i, theirs in self._by_char.get(char, ()):
                shared[i] = shared.get(i, 0) + min(mine, theirs)
        bound = CLOSE_ENOUGH / 2 - 1e-9  # 2 x common / both lengths >= CLOSE_ENOUGH, common <= shared
        candidates = [self._names[i] for i in sorted(shared) if shared[i] >= bound * (len(key) + self._lengths[i])]
        return close_names(typed, candidates, limit)


def similarity(a: str, b: str) -> float:
    """2 x their longest common subsequence / their two lengths: 1.0 the same, 0.0 nothing
    in common. difflib's ratio counts greedy matching blocks instead, so it is at most this
    (and the same for most short names); importing difflib (and re with it) would cost
    ~10 ms of a `visit add` with a new name."""
    if not a and not b:
        return 1.0
    previous = [0] * (len(b) + 1)
    for char in a:
        current = [0]
        for j, other in enumerate(b):
            current.append(previous[j] + 1 if char == other else max(previous[j + 1], current[j]))
        previous = current
    return 2 * previous[-1] / (len(a) + len(b))


def _close_apart_from_title(a: str, b: str) -> bool:
    """Same title: compare what comes before it. Different titles: not close."""
    title_a = next((t for t in TITLES if a.endswith(t)), None)
    title_b = next((t for t in TITLES if b.endswith(t)), None)
    if title_a != title_b and title_a and title_b:
        return False  # 陈老师 and 陈老板: two roles, two people
    title = title_a if title_a == title_b else None
    if title is None:
        return True
    return similarity(a[: -len(title)], b[: -len(title)]) >= CLOSE_ENOUGH


# --- names by sound and by script (for a name that matched nothing) ---------------

# Sounds people mix up when typing pinyin or hearing a name: (initial, its confusion), (final, its confusion).
CONFUSED_INITIALS = (("zh", "z"), ("ch", "c"), ("sh", "s"), ("n", "l"))
CONFUSED_FINALS = (("ing", "in"), ("eng", "en"))


def sounds(name: str) -> tuple[str, str]:
    """(toneless pinyin, its folded key) as stored for a name or alias: 张总 ->
    ("zhang zong", "zang zong"). The key is the same for two names that differ
    only by the usual confusions (zh/z, ch/c, sh/s, n/l, in/ing, en/eng)."""
    from .pinyin import syllables

    spoken = syllables(name_key(name))
    return " ".join(spoken), " ".join(_folded(s) for s in spoken)


def _folded(syllable: str) -> str:
    for heard, said in CONFUSED_INITIALS:
        if syllable.startswith(heard) and len(syllable) > len(heard):
            syllable = said + syllable[len(heard) :]
            break
    for heard, said in CONFUSED_FINALS:
        if syllable.endswith(heard):
            return syllable[: -len(heard)] + said
    return syllable


def same_script_key(name: str) -> str:
    """What a name's traditional and simplified spellings share (張總 == 张总)."""
    from .pinyin import simplified

    return name_key(simplified(name))


def sound_alike(typed: str, typed_sound: str, known: str, known_sound: str) -> bool:
    """Whether `known` (a name with the same folded sound key as `typed`) sounds
    like it: the same pinyin, or one syllable apart by a confusion (章总 ~ 张总,
    王方 ~ 王芳, 陈总 ~ 岑总). A shared title alone never counts: the names must
    end in the same title (or none) and sound alike before it, or else sound
    exactly the same (张宗 is 张总 typed by sound)."""
    a, b = typed_sound.split(), known_sound.split()
    title_a = next((t for t in TITLES if same_script_key(typed).endswith(t)), None)  # 總 is 总
    title_b = next((t for t in TITLES if same_script_key(known).endswith(t)), None)
    if title_a != title_b:  # 李经理 and 李总: two roles, two people; 张宗 and 张总: one, mistyped
        return a == b
    if title_a:
        a, b = a[: -len(title_a)], b[: -len(title_b)]
    if not a or len(a) != len(b):
        return False
    return sum(x != y for x, y in zip(a, b, strict=True)) <= 1


def pinyin_fit(typed: str, sound: str) -> int:
    """How typed pinyin fits a name's toneless pinyin ("zhang zong"), separators
    and case aside (pinyin_letters): 3 when it spells it whole ("zhangzong") or
    its initials ("zz"); 2 when it spells every syllable, each whole or by its
    initial, zh/ch/sh counted as one ("zhz", "zhangz", "hnshy" for 华南实业); 1
    when it so spells a beginning, the last syllable perhaps only begun ("zhang",
    "z", "hnsh"); 0 when none of these."""
    typed, spoken = pinyin_letters(typed), sound.split()
    if not typed or not spoken:
        return 0
    if typed in ("".join(spoken), "".join(s[0] for s in spoken)):
        return 3
    fit = _spelt(typed, spoken)
    return 0 if fit == 1 and len(typed) < 2 else fit  # one letter names nobody


def _spelt(typed: str, spoken: list[str]) -> int:
    """pinyin_fit's 2, 1 or 0 for the letters `typed` against the syllables `spoken`."""
    if not typed:
        return 2 if not spoken else 1
    if not spoken:
        return 0
    first = spoken[0]
    fit = 1 if len(typed) < len(first) and first.startswith(typed) else 0  # a syllable begun
    initial = first[:2] if first[:2] in ("zh", "ch", "sh") else first[:1]
    for part in dict.fromkeys((first, initial, first[:1])):
        if fit < 2 and typed.startswith(part):
            fit = max(fit, _spelt(typed[len(part) :], spoken[1:]))
    return fit


# What people put between syllables of typed pinyin: zhang_zong, zhang-zong, Zhang Zong, xi'an.
_SEPARATORS = str.maketrans("", "", " _-.'·’")


def pinyin_letters(typed: str) -> str:
    """Typed pinyin as its letters alone, lower case, without the separators
    people put between syllables (zhang_zong, Zhang Zong -> zhangzong); "" when
    anything else is left (not pinyin)."""
    letters = typed.translate(_SEPARATORS).lower()
    return letters if letters.isascii() and letters.isalpha() else ""


# A pinyin syllable: an initial (or none) and a final. It admits a few pairs no
# character is read as (fi, bia), never misses one (tests/test_zhnames.py checks
# it against every reading in pypinyin's table), and costs no table to load.
PINYIN_SYLLABLE = (
    "(?:(?:zh|ch|sh|[bpmfdtnlgkhjqxrzcsyw])?"
    "(?:iang|iong|uang|ang|eng|ing|ong|uai|uan|ian|iao|ai|ei|ao|ou|an|en|er|in|un|vn|ia|ie|iu|ua|uo|ue|ve|ui|[aoeiuv])"
    "|hng|hm|ng|m|n)"  # the interjections: 嗯 n, 呣 m, 哼 hng
)


def spelt_in_pinyin(typed: str) -> bool:
    """Whether lower-case letters are whole pinyin syllables one after another,
    separators aside (zhangsan, wang_fang; not acme, not Linda): a Chinese name
    typed without an IME."""
    if not (typed.islower() and (typed := pinyin_letters(typed))):
        return False
    import re  # not before: a command that needs no pattern does not import re

    return re.fullmatch(f"(?:{PINYIN_SYLLABLE})+", typed) is not None
