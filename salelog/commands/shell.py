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
        raise SalelogError('no aliases for shell "{shell}"', "choose bash, zsh or fish", shell=shell[:20])
    print("# salelog aliases")
    for name, command in ALIASES:
        print(f"alias {name} '{command}'" if shell == "fish" else f"alias {name}='{command}'")
    if shell == "bash":  # zsh expands aliases before completing, and fish's alias wraps the command
        print(BASH_ALIAS_COMPLETION + " ".join(name for name, _ in ALIASES))


# bash completes an alias as the command it stands for only if told: this asks
# salelog's completion with the alias expanded (`sv 张<Tab>` -> `salelog visit add 张`).
BASH_ALIAS_COMPLETION = """_salelog_alias() {
    local expansion=(${BASH_ALIASES[$1]})
    local line="${expansion[*]} ${COMP_WORDS[*]:1}"
    local IFS=$'\\n'
    COMPREPLY=($(COMP_WORDS="$line" COMP_CWORD=$((COMP_CWORD + ${#expansion[@]} - 1)) \\
        _SALELOG_COMPLETE=complete_bash "${expansion[0]}"))
}
complete -o default -F _salelog_alias """


def complete_customer(ctx: typer.Context, incomplete: str) -> list[str]:
    """Customer names (and aliases) starting with what is typed, from the database
    the command line names (salelog/completion.py answers the common cases before Typer loads)."""
    from ..completion import customer_names

    root = ctx.find_root()
    return customer_names((root.params or {}).get("db") or getattr(root.obj, "db", None), incomplete)
