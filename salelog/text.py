"""User text in and out: checked before it is stored, made harmless before it is shown."""

from .errors import SalelogError
from .i18n import tr

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
            tr("{field} is not valid text (undecodable bytes)", field=tr(field)),
            tr("check your terminal's encoding is UTF-8"),
        ) from None
    if len(value) > MAX_TEXT:
        raise SalelogError(
            tr("{field} is {length} characters long", field=tr(field), length=f"{len(value):,}"),
            tr("keep it under {limit}", limit=f"{MAX_TEXT:,}"),
        )
    if one_line and not value.isprintable() and any(ord(c) < 32 or 0x7F <= ord(c) < 0xA0 for c in value):
        raise SalelogError(tr("{field} contains control characters", field=tr(field)), tr("type it as plain text"))
    return value


def check_name(value: str | None, field: str = "customer name", hint: str | None = None) -> str:
    """A name or tag: one line, surrounding spaces dropped, not empty."""
    name = (check_text(value, field, one_line=True) or "").strip()
    if not name:
        raise SalelogError(
            tr("{field} is empty", field=tr(field)), hint or tr("give a name, e.g. salelog visit add 张总")
        )
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
