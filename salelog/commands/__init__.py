"""One module per Typer sub-app: its options, help and completion; the bodies are in salelog/actions/."""

import typer


def db_option(ctx: typer.Context) -> str | None:
    """The global --db (None: $SALELOG_DB or the default)."""
    return ctx.find_root().obj.db
