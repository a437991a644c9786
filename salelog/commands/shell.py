"""salelog aliases, and completion of customer names for the shell."""

from typing import Annotated

import typer

ALIASES = (
    ("sv", "salelog visit add"),
    ("sc", "salelog visit add --kind call"),
    ("sw", "salelog week"),
    ("st", "salelog today"),
    ("sf", "salelog followups"),
)


def aliases(
    shell: Annotated[str, typer.Argument(metavar="[bash|zsh|fish]", help="Your shell (default bash).")] = "bash",
) -> None:
    """Print a block of short aliases to paste into your shell's startup file, or eval.

    \b
    Examples:
      salelog aliases >> ~/.bashrc
      eval "$(salelog aliases zsh)"
      salelog aliases fish | source
    """
    from ..errors import SalelogError

    if shell not in ("bash", "zsh", "fish"):
        raise SalelogError(f'no aliases for shell "{shell[:20]}"', "choose bash, zsh or fish")
    print("# salelog aliases")
    for name, command in ALIASES:
        print(f"alias {name} '{command}'" if shell == "fish" else f"alias {name}='{command}'")


def complete_customer(ctx: typer.Context, incomplete: str) -> list[str]:
    """Customer names (and aliases) starting with what is typed, from the database
    the command line names; nothing when there is no database yet."""
    import os

    from .. import store
    from ..names import name_key, prefix_upper_bound

    root = ctx.find_root()
    path = store.resolve_db_path((root.params or {}).get("db") or (root.obj or {}).get("db"))
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
