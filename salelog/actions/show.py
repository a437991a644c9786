"""What every command's output has in common."""


def print_json(data) -> None:
    """`--json` output: UTF-8 JSON on stdout, nothing else; stored text with a
    control or bidi character in it comes out as a \\uXXXX escape, never raw."""
    from ..text import json_text

    print(json_text(data, indent=2))
