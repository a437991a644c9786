"""Completing customer names without Typer.

Typer's completion costs what its import costs (~45 ms, several times Python's
own start-up), and a completion call runs on every Tab. The one that reads the
database, a customer name after `visit add`, `customer show` or `customer
edit`, is answered here in Typer's own output format for bash, zsh and fish
(tests/test_shell.py compares the two byte for byte); everything else
returns False and Typer completes it.
"""

import os
import sys

NAMED_FIRST = {("visit", "add"), ("customer", "show"), ("customer", "edit")}  # CUSTOMER is their first argument


def customer_names(db: str | None, incomplete: str) -> list[str]:
    """Customer names and aliases starting with `incomplete` (as names match:
    case, width and spaces aside); nothing when there is no database yet."""
    from . import store
    from .names import name_key, prefix_upper_bound

    path = store.resolve_db_path(db)
    if not os.path.exists(path):
        return []
    import sqlite3

    key = name_key(incomplete)
    try:
        with sqlite3.connect(f"file:{path}?mode=ro", uri=True, timeout=1) as conn:
            rows = conn.execute(
                "SELECT name FROM customers WHERE name_key >= ? AND name_key < ?"
                " UNION SELECT alias FROM customer_aliases WHERE alias_key >= ? AND alias_key < ? LIMIT 50",
                (key, prefix_upper_bound(key), key, prefix_upper_bound(key)),
            ).fetchall()
    except sqlite3.Error:
        return []  # completion must never print an error into the user's prompt
    return sorted(name for (name,) in rows)


def quick() -> bool:
    """Answer the completion request in the environment if it is one for a
    customer name -> True when answered (the output is written)."""
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
    if len(args) == 4 and args[0] == "--db":  # salelog --db FILE visit add <Tab>
        db, args = args[1], args[2:]
    if tuple(args) not in NAMED_FIRST or incomplete.startswith("-"):
        return False
    names = customer_names(db, incomplete)
    sys.stdout.write(_formatted(shell, names) + "\n")
    return True


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
