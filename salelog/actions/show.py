"""What every command's output has in common."""


def print_json(data) -> None:
    """`--json` output: UTF-8 JSON on stdout, nothing else; stored text with a
    control or bidi character in it comes out as a \\uHHHH escape, never raw."""
    from ..text import json_text

    print(json_text(data, indent=2))


def print_rows(rows: list[dict], *, as_json: bool, when_empty: str, table: str) -> None:
    """A list command's output: a JSON array (even empty), else a hint when there
    is nothing, else the table `table` (a function name in salelog.views)."""
    if as_json:
        print_json(rows)
    elif not rows:
        print(when_empty)
    else:
        from .. import views
        from ..sheet import show

        show([getattr(views, table)(rows)])
