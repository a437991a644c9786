"""Completing the values salelog knows without Typer.

Typer's completion costs what its import costs (~45 ms, several times Python's
own start-up), and a completion call runs on every Tab. The values read from
the database or salelog's own tables (customer names, kinds, metrics, tables,
follow-up and task ids) are answered here in Typer's own output format for
bash, zsh and fish (tests/test_shell.py compares the two byte for byte where
Typer completes them too); everything else returns False and Typer completes it.
"""

import os
import sys

NAMED_FIRST = {("visit", "add"), ("customer", "show"), ("customer", "edit")}  # CUSTOMER is their first argument
# What a command's first argument is, where salelog can list its values.
FIRST_ARGUMENT = {words: "customers" for words in NAMED_FIRST} | {
    ("customer", "rm"): "customers",
    ("customer", "merge"): "customers",
    ("goal", "set"): "metrics",
    ("export",): "export tables",
    ("import",): "import tables",
    ("followup", "done"): "followups",
    ("followup", "move"): "followups",
    ("task", "done"): "tasks",
    ("task", "drop"): "tasks",
    ("task", "move"): "tasks",
}
# What an option's value is: (command words, option) -> values.
OPTION_VALUES = {
    (("visit", "add"), "--kind"): "kinds",
    (("visit", "add"), "-k"): "kinds",
    (("visit", "list"), "--kind"): "kinds",
    (("visit", "list"), "-k"): "kinds",
    (("visit", "list"), "--customer"): "customers",
    (("visit", "list"), "-c"): "customers",
    (("task", "add"), "--customer"): "customers",
    (("task", "add"), "-c"): "customers",
    (("trend",), "--metric"): "metrics",
    (("trend",), "-m"): "metrics",
    (("customer", "add"), "--source"): "sources",
    (("customer", "edit"), "--source"): "sources",
}


def customer_names(db: str | None, incomplete: str) -> list[str]:
    """Customer names and aliases starting with `incomplete` (as names match:
    case, width and spaces aside), else in the other script (張 -> 张总), else
    those whose pinyin starts so (zh -> 张总); nothing when there is no database yet."""
    from .names import name_key

    key = name_key(incomplete)
    names = _beginning(db, key)
    if not names and not key.isascii():  # 張 for 张总: the other script, as names resolve
        from .names import same_script_key

        simple = same_script_key(key)
        names = _beginning(db, simple) if simple != key else []
    return sorted(names) or _by_pinyin(db, key)  # pinyin, as names resolve, only where no name begins so


def _beginning(db: str | None, key: str) -> list[str]:
    from .names import prefix_upper_bound

    bounds = (key, prefix_upper_bound(key))
    return _read(
        db,
        "SELECT name FROM customers WHERE name_key >= ? AND name_key < ?"
        " UNION SELECT alias FROM customer_aliases WHERE alias_key >= ? AND alias_key < ? LIMIT 50",
        bounds + bounds,
    )


def _by_pinyin(db: str | None, typed: str) -> list[str]:
    """Chinese names whose pinyin or initials begin with the letters typed (zh -> 张总)."""
    from .names import pinyin_fit, pinyin_letters

    typed = pinyin_letters(typed)
    if not typed:
        return []
    rows = _rows(  # pinyin and initials both begin with the first letter typed
        db,
        "SELECT name, sound, name_key FROM customers WHERE sound LIKE ?"
        " UNION ALL SELECT alias, sound, alias_key FROM customer_aliases WHERE sound LIKE ?",
        (typed[0] + "%",) * 2,
    )
    return sorted({name for name, sound, key in rows if sound and not key.isascii() and pinyin_fit(typed, sound)})[:50]


def quick() -> bool:
    """Answer the completion request in the environment if it asks for values
    salelog lists itself -> True when answered (the output is written)."""
    shell = {"complete_bash": "bash", "complete_zsh": "zsh", "complete_fish": "fish"}.get(
        os.environ.get("_SALELOG_COMPLETE", "")
    )
    if shell is None or os.environ.get("SALELOG_NO_FASTPATH"):
        return False
    words = _words(shell)
    if words is None:
        return False
    args, incomplete = words
    db = None
    if len(args) >= 2 and args[0] == "--db":  # salelog --db FILE visit add <Tab>
        db, args = args[1], args[2:]
    wanted = _wanted(args, incomplete)
    if wanted is None:
        return False
    sys.stdout.write(_formatted(shell, values(wanted, db, incomplete)) + "\n")
    return True


def _wanted(args: list[str], incomplete: str) -> str | None:
    """Which values the word being typed takes (a key of values()), or None."""
    if incomplete.startswith("-"):
        return None
    for size in (2, 1):
        words = tuple(args[:size])
        if args[size:] == [] and words in FIRST_ARGUMENT:
            return FIRST_ARGUMENT[words]
        if len(args) > size and (words, args[-1]) in OPTION_VALUES:
            return OPTION_VALUES[(words, args[-1])]
    return None


def values(wanted: str, db: str | None, incomplete: str) -> list[str]:
    """The values of kind `wanted` that start with `incomplete`."""
    if wanted == "customers":
        return customer_names(db, incomplete)
    if wanted == "kinds":
        from .metrics import KIND_ALIASES, KINDS

        listed = [*KINDS, *(k for k in KIND_ALIASES if not k.isascii())]
    elif wanted == "metrics":
        from .metrics import BUILT_IN

        listed = [m.id for m in BUILT_IN] + _read(db, "SELECT name FROM custom_metrics ORDER BY name")
    elif wanted == "export tables":
        from .exchange import TABLES

        listed = list(TABLES)
    elif wanted == "import tables":
        from .exchange import IMPORTABLE

        listed = list(IMPORTABLE)
    elif wanted == "sources":  # free text: the ones already used, most used first
        listed = _read(
            db, "SELECT source FROM customers WHERE source IS NOT NULL GROUP BY source ORDER BY count(*) DESC"
        )
    elif wanted == "followups":
        listed = _read(db, "SELECT id FROM followups WHERE status = 'open' ORDER BY due_date, id")
    else:
        listed = _read(db, "SELECT id FROM tasks WHERE status = 'open' ORDER BY due_date, id")
    return [str(value) for value in listed if str(value).startswith(incomplete)]


def _read(db: str | None, sql: str, params: tuple = ()) -> list:
    """One column of the database read-only; nothing when there is none (or it fails:
    completion must never print an error into the user's prompt)."""
    return [value for (value,) in _rows(db, sql, params)]


def _rows(db: str | None, sql: str, params: tuple = ()) -> list[tuple]:
    """Rows of the database read-only, as _read."""
    from . import store

    path = store.resolve_db_path(db)
    if not os.path.exists(path):
        return []
    from .store.engine import read_only_uri, sqlite3

    try:
        conn = sqlite3.connect(read_only_uri(path, settled=True), uri=True, timeout=1)
        try:
            return conn.execute(sql, params).fetchall()
        finally:
            conn.close()
    except sqlite3.Error:
        return []


def _words(shell: str) -> tuple[list[str], str] | None:
    """(the words before the one being completed, that word), as Typer reads them."""
    import shlex

    try:
        if shell == "bash":
            words = shlex.split(os.environ["COMP_WORDS"])
            index = int(os.environ["COMP_CWORD"])
            return words[1:index], (words[index] if index < len(words) else "")
        line = os.environ.get("_TYPER_COMPLETE_ARGS", "")
        words = shlex.split(line)[1:]
    except (KeyError, ValueError):
        return None  # Typer knows what to say
    if words and not line.endswith(" "):
        return words[:-1], words[-1]
    return words, ""


def _formatted(shell: str, names: list[str]) -> str:
    """Typer's BashComplete / ZshComplete / FishComplete output for these values."""
    if shell == "bash":
        return "\n".join(names)
    if shell == "zsh":
        if not names:
            return "_files"
        return "_arguments '*: :((" + "\n".join(f'"{_zsh_escape(n)}"' for n in names) + "))'"
    action = os.environ.get("_TYPER_COMPLETE_FISH_ACTION", "")
    if action == "is-args":
        sys.exit(0 if names else 1)
    return "\n".join(names) if action == "get-args" else ""


def _zsh_escape(text: str) -> str:
    for plain, escaped in (('"', '""'), ("'", "''"), ("$", "\\$"), ("`", "\\`"), (":", r"\\:")):
        text = text.replace(plain, escaped)
    return text
