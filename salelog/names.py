"""How a typed customer name finds the customer meant: pure rules, no database.

The store looks candidates up by `name_key` (indexed); these functions decide
what counts as the same name and what is merely close.
"""

CLOSE_ENOUGH = 0.6  # difflib ratio: 张 总 / 张总总 ~ 张总 (0.8); 李总 ~ 张总 is not (0.5)


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
    import difflib  # only when a name matched nothing

    by_key: dict[str, str] = {}
    for name in names:
        by_key.setdefault(name_key(name), name)
    typed_key = name_key(typed)
    matches = difflib.get_close_matches(typed_key, list(by_key), n=limit * 4, cutoff=CLOSE_ENOUGH)
    return [by_key[m] for m in matches if _close_apart_from_title(typed_key, m)][:limit]


def _close_apart_from_title(a: str, b: str) -> bool:
    """Same title: compare what comes before it. Different titles: not close."""
    import difflib

    title_a = next((t for t in TITLES if a.endswith(t)), None)
    title_b = next((t for t in TITLES if b.endswith(t)), None)
    if title_a != title_b and title_a and title_b:
        return False  # 陈老师 and 陈老板: two roles, two people
    title = title_a if title_a == title_b else None
    if title is None:
        return True
    core_a, core_b = a[: -len(title)], b[: -len(title)]
    return difflib.SequenceMatcher(None, core_a, core_b).ratio() >= CLOSE_ENOUGH
