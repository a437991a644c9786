"""Customers by the other spellings of a typed name (case, width, script, sound,
pinyin), the names close to one, and new customers with their stored sounds.
Apart from customers.py: a name typed as stored (the common case) is found
without loading this, nor salelog/names.py's tables."""

from datetime import datetime

from ..errors import SalelogError
from ..i18n import tr
from .engine import sqlite3
from .rows import stamp


def find_spelt(conn: sqlite3.Connection, typed: str, *, prefix: bool = True) -> tuple[int, str, str] | None:
    """customers.find_customer past its exact lookup: the customer `typed` means
    spelt otherwise (see there), None if nothing matches; SalelogError if several do."""
    from ..names import name_key, pinyin_letters, prefix_upper_bound  # a typed name's other spellings

    key = name_key(typed)
    found = _customers_where(conn, "= ?", (key,))
    beginning = not found and prefix
    if beginning:
        found = _customers_where(conn, ">= ? AND {col} < ?", (key, prefix_upper_bound(key)))
    how = "matched"
    if not found:
        found = _same_name_other_script(conn, typed, prefix=prefix)
    if prefix and (not found or beginning) and (letters := pinyin_letters(key)):
        # Letters that begin a name may also spell another's pinyin (zh: zhou, or 张总): ask which.
        in_pinyin = _typed_in_pinyin(conn, letters)
        found, how = (found | in_pinyin, how) if found else (in_pinyin, "pinyin")
    if len(found) == 1:
        ((customer_id, name),) = found.items()
        return customer_id, name, how
    if found:
        names = sorted(found.values())
        shown = tr(", ").join(names[:8]) + (tr(" and {n} more", n=len(names) - 8) if len(names) > 8 else "")
        raise SalelogError(tr('"{typed}" could be {names}', typed=typed, names=shown), tr("type more of the name"))
    return None


def _same_name_other_script(conn: sqlite3.Connection, typed: str, *, prefix: bool = True) -> dict[int, str]:
    """Customers whose name or alias is `typed` in the other script (張總 for 张总,
    and the reverse), else with `prefix` begins with it (張 for 张总): among those
    that sound the same, or begin so, those OpenCC makes equal."""
    from ..names import same_script_key, sounds

    if not name_is_chinese(typed):
        return {}
    _, sound_key = sounds(typed)
    spelled = _sounding(conn, sound_key, beginning=prefix)
    if not spelled:
        return {}
    wanted = same_script_key(typed)
    keys = [(customer_id, name, same_script_key(known)) for customer_id, name, known, _ in spelled]
    same = {customer_id: name for customer_id, name, key in keys if key == wanted}
    if same or not prefix:
        return same
    return {customer_id: name for customer_id, name, key in keys if key.startswith(wanted)}


def _typed_in_pinyin(conn: sqlite3.Connection, typed: str) -> dict[int, str]:
    """Customers whose name's or alias's pinyin the letters `typed` fit best
    (names.pinyin_fit: zhangzong, zz -> 张总; hnsh -> the customer whose alias
    is 华南实业); names that are their own pinyin (ASCII) aside."""
    from ..names import pinyin_fit

    # Spelt whole or by initials, it begins as the name's pinyin does: only those rows are read.
    begins = typed[0] + "%"
    rows = conn.execute(
        "SELECT id, name, sound, name_key FROM customers WHERE sound LIKE ? AND sound <> name_key"
        " UNION ALL SELECT c.id, c.name, a.sound, a.alias_key FROM customer_aliases a"
        " JOIN customers c ON c.id = a.customer_id WHERE a.sound LIKE ? AND a.sound <> a.alias_key",
        (begins, begins),
    )
    fits: dict[int, dict[int, str]] = {3: {}, 2: {}, 1: {}}
    for customer_id, name, sound, known_key in rows:
        fit = pinyin_fit(typed, sound) if sound and not known_key.isascii() else 0
        if fit:
            fits[fit][customer_id] = name
    return fits[3] or fits[2] or fits[1]


def _sounding(conn: sqlite3.Connection, sound_key: str, *, beginning: bool = False) -> list[tuple[int, str, str, str]]:
    """(id, name, the name or alias, its sound) of every name and alias whose folded
    sound is `sound_key` (with `beginning`: or begins with its syllables)."""
    if not sound_key:
        return []
    # Syllables are apart by spaces: "zang zong" begins with "zang", in the index range ["zang ", "zang!").
    more = " OR {col} >= ? AND {col} < ?" if beginning else ""
    bounds = (sound_key, sound_key + " ", sound_key + "!") if beginning else (sound_key,)
    rows = conn.execute(
        "SELECT id, name, name, sound FROM customers WHERE sound_key = ?"
        + more.format(col="sound_key")
        + " UNION ALL SELECT c.id, c.name, a.alias, a.sound FROM customer_aliases a"
        " JOIN customers c ON c.id = a.customer_id WHERE a.sound_key = ?"
        + more.format(col="a.sound_key")
        + " LIMIT 50",
        bounds + bounds,
    )
    return rows.fetchall()


def sound_columns(name: str) -> dict[str, str]:
    """The stored sound of a name or alias (names.sounds): what a miss compares."""
    from ..names import sounds

    sound, sound_key = sounds(name)
    return {"sound": sound, "sound_key": sound_key}


def close_names(conn: sqlite3.Connection, typed: str, spelt=None) -> list[str]:
    """Known names and aliases close to `typed`, at most three: by spelling
    (names.close_names), then by sound (names.sound_alike: 章总 ~ 张总). `spelt`:
    known_names_index's, for many names asked in a row (an import)."""
    from .. import names

    if spelt is not None:
        close = spelt.close(typed)
    else:
        # Spellings close by names.similarity (>= 0.6) share a character: only those are read (5,000 customers: ~1 ms).
        shared = sorted(set(names.name_key(typed))) or [""]
        sharing = " OR ".join(["instr({key}, ?)"] * len(shared))
        known = conn.execute(
            f"SELECT name FROM customers WHERE {sharing.format(key='name_key')}"
            f" UNION ALL SELECT alias FROM customer_aliases WHERE {sharing.format(key='alias_key')}",
            shared + shared,
        )
        close = names.close_names(typed, [name for (name,) in known])
    if name_is_chinese(typed):
        sound, sound_key = names.sounds(typed)
        alike = [n for _, n, known, s in _sounding(conn, sound_key) if names.sound_alike(typed, sound, known, s)]
        close += [name for name in dict.fromkeys(alike) if name not in close]
    return close[:3]


def known_names_index(conn: sqlite3.Connection):
    """Every known name and alias in a names.CloseIndex, in the order close_names reads
    them (the names, then the aliases, each as stored: which spelling of a key it says)."""
    from ..names import CloseIndex

    index = CloseIndex()
    for query in ("SELECT name FROM customers ORDER BY rowid", "SELECT alias FROM customer_aliases ORDER BY rowid"):
        for (name,) in conn.execute(query):
            index.add(name)
    return index


def name_is_chinese(name: str) -> bool:
    """Whether a name has characters beyond ASCII (where sound and script can differ)."""
    from ..names import name_key

    return not name_key(name).isascii()


def _refuse_unmatched_pinyin(conn: sqlite3.Connection, typed: str) -> None:
    """A Chinese name typed in pinyin that names no customer (zhangsan, where the
    archive has Chinese names) is refused rather than made a customer spelt so."""
    from ..names import spelt_in_pinyin

    if spelt_in_pinyin(typed) and conn.execute("SELECT 1 FROM customers WHERE sound <> name_key LIMIT 1").fetchone():
        raise SalelogError(
            tr('unknown customer "{typed}": no customer\'s name is spelt so in pinyin', typed=typed),
            tr('type the name in characters, or add --new to create "{typed}"; nothing was written', typed=typed),
        )


def _customers_where(conn: sqlite3.Connection, condition: str, params: tuple) -> dict[int, str]:
    """Customers whose name_key or one of whose alias keys meets `condition`."""
    rows = conn.execute(
        f"SELECT id, name FROM customers WHERE name_key {condition.format(col='name_key')}"
        " UNION SELECT c.id, c.name FROM customer_aliases a JOIN customers c ON c.id = a.customer_id"
        f" WHERE a.alias_key {condition.format(col='a.alias_key')} LIMIT 50",
        params + params,
    )
    return dict(rows.fetchall())


def create_customer(conn: sqlite3.Connection, name: str, now: datetime, **fields) -> int:
    """A new customer row (`fields`: any of CARD_FIELDS) -> its id."""
    from ..names import name_key

    columns = {"name": name, "name_key": name_key(name), **sound_columns(name), "created_at": stamp(now), **fields}
    cursor = conn.execute(
        f"INSERT INTO customers ({', '.join(columns)}) VALUES ({', '.join('?' for _ in columns)})",
        list(columns.values()),
    )
    return cursor.lastrowid


def name_taken(conn: sqlite3.Connection, name: str, *, apart_from: int | None = None) -> str | None:
    """The customer already called `name` (as a name or alias, ignoring case,
    width and script), other than customer `apart_from` -> that customer's name, or None."""
    from ..names import name_key

    key = name_key(name)
    row = conn.execute(
        "SELECT name FROM customers WHERE name_key = ? AND id IS NOT ?"
        " UNION ALL SELECT c.name FROM customer_aliases a JOIN customers c ON c.id = a.customer_id"
        " WHERE a.alias_key = ? AND a.customer_id IS NOT ? LIMIT 1",
        (key, apart_from, key, apart_from),
    ).fetchone()
    if row:
        return row[0]
    other_script = [n for i, n in _same_name_other_script(conn, name).items() if i != apart_from]
    return other_script[0] if other_script else None
