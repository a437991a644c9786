"""What every command's output has in common."""

PAGE = 50  # a long list's table (customer list, receivables) shows this many unless --limit says otherwise


def shown_at_most(limit: int | None, as_json: bool) -> int:
    """How many rows a paged list shows: --limit as given (0: all), else all in --json, else PAGE."""
    return limit if limit is not None else 0 if as_json else PAGE


def say_more(shown: int, total: int) -> None:
    """Under a paged table, on stderr (a pipe keeps just the rows): how to see the rest."""
    if total > shown:
        import sys

        from ..i18n import tr

        sys.stdout.flush()
        print(tr("showing {n} of {total} customers; --limit 0 for all", n=shown, total=total), file=sys.stderr)


def print_json(data) -> None:
    """`--json` output: UTF-8 JSON on stdout, nothing else; stored text with a
    control or bidi character in it comes out as a \\uHHHH escape, never raw."""
    from ..text import json_text

    print(json_text(data, indent=2))


def print_rows(rows: list[dict], *, as_json: bool, when_empty: str, table: str) -> None:
    """A list command's output: a JSON array (even empty), else a hint when there
    is nothing, else the table `table` (a function name in salelog.views, or
    module.name for another views module: views_money.payments_table)."""
    if as_json:
        print_json(rows)
    elif not rows:
        print(when_empty)
    else:
        from ..sheet import show

        module, _, name = table.rpartition(".")
        # __import__, not importlib.import_module: `import importlib` costs ~1 ms (it imports warnings)
        views = __import__(f"salelog.{module or 'views'}", fromlist=(name,))
        show([getattr(views, name)(rows)])


def asked_first(yes: bool, confirm, *, refusal: str, question: str) -> bool:
    """Whether a delete goes ahead: `yes` (--yes), else the user's answer to
    `question` through `confirm` (None: no terminal to ask on, so the one-line
    `refusal`). A no says so and deletes nothing."""
    if yes:
        return True
    if confirm is None:
        from ..errors import SalelogError
        from ..i18n import tr

        raise SalelogError(refusal, tr("add --yes to delete it from a script"))
    if confirm(question):
        return True
    from ..i18n import tr

    print(tr("kept; nothing was deleted"))
    return False
