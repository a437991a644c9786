"""salelog demo: declaration and help; the body is in salelog/actions/demo.py."""

from typing import Annotated

import typer


def demo(
    ctx: typer.Context,
    db: Annotated[
        str | None, typer.Option("--db", metavar="PATH", help="Fill this database instead of a throwaway one.")
    ] = None,
) -> None:
    """Fill a throwaway database with a sample week (Chinese customers, calls,
    visits, emails, two deals, targets of 50万 and 15 visits) and show its report.

    \b
    Examples:
      salelog demo
      salelog demo --db /tmp/try.db && salelog --db /tmp/try.db visit list
    """
    from ..actions.demo import demo as fill_demo

    fill_demo(ctx.obj, db=db)
