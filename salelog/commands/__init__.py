"""One module per Typer sub-app: parse options, call actions/store/report, print."""

import typer


def db_option(ctx: typer.Context) -> str | None:
    """The global --db given before the subcommand (None: $SALELOG_DB or the default)."""
    return (ctx.obj or {}).get("db")
