"""User text in and out: checked before it is stored, made harmless before it is shown."""

from .errors import SalelogError

MAX_TEXT = 10_000


def check_text(value: str | None, field: str, *, one_line: bool = False) -> str | None:
    """A note, outcome or name as typed -> the text to store (None if absent).

    Refuses text that cannot be stored as UTF-8 (lone surrogates from undecodable
    bytes), control characters in one-line fields (names, tags), and absurd
    lengths. Free text is stored exactly as typed; visible() defuses it on output.
    """
    if value is None:
        return None
    try:
        value.encode("utf-8")
    except UnicodeEncodeError:
        raise SalelogError(
            f"{field} is not valid text (undecodable bytes)", "check your terminal's encoding is UTF-8"
        ) from None
    if len(value) > MAX_TEXT:
        raise SalelogError(f"{field} is {len(value):,} characters long", f"keep it under {MAX_TEXT:,}")
    if one_line and not value.isprintable() and any(ord(c) < 32 or 0x7F <= ord(c) < 0xA0 for c in value):
        raise SalelogError(f"{field} contains control characters", "type it as plain text")
    return value


def check_name(
    value: str | None, field: str = "customer name", hint: str = "give a name, e.g. salelog visit add 张总"
) -> str:
    """A name or tag: one line, surrounding spaces dropped, not empty."""
    name = (check_text(value, field, one_line=True) or "").strip()
    if not name:
        raise SalelogError(f"{field} is empty", hint)
    return name


def plural(count: int, word: str, many: str | None = None) -> str:
    """'1 entry', '2 entries'."""
    return f"{count} {word if count == 1 else many or word + 's'}"


def visible(value: object, *, one_line: bool = False) -> str:
    """Text safe to print to a terminal: control characters (ESC, BEL, ...) and
    bidi overrides are shown as escapes instead of acting on the screen; with
    `one_line`, line breaks and tabs too."""
    text = "" if value is None else str(value)
    if text.isprintable():
        return text
    kept = "" if one_line else "\n\t"
    return "".join(c if c.isprintable() or c in kept else _escape(c) for c in text)


def _escape(char: str) -> str:
    code = ord(char)
    return f"\\x{code:02x}" if code < 0x100 else f"\\u{code:04x}"
