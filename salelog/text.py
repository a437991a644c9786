"""User text in and out: checked once where it comes in, made harmless wherever it goes out.

The rule at the door (check_text, check_name): all printable Unicode is kept
(CJK, emoji, ZWJ sequences, unassigned code points of a newer Unicode); refused
are C0 and C1 control characters (free text keeps line breaks and tabs, and
reads \\r\\n as \\n), the bidi embedding, override and isolate controls, lone
surrogates (undecodable bytes) and absurd lengths.

On the way out, text stored by an older salelog may still hold anything, so
every medium escapes rather than fails: visible() for the terminal, file_text()
for CSV and xlsx cells, json_text() for JSON; Markdown and ICS build on visible().
Characters are escaped the same way everywhere: \\x1b, \\u202e.

No `re` or `unicodedata` here: this module is on the hot path, and plain
printable text takes one str.isprintable() call.
"""

from .errors import SalelogError
from .i18n import tr

MAX_TEXT = 10_000

# Bidi embeddings, overrides and isolates: they reorder what follows them on
# screen ("Trojan Source"); the marks (U+200E, U+200F) only nudge and are kept.
BIDI_CONTROLS = frozenset(map(chr, (*range(0x202A, 0x202F), *range(0x2066, 0x206A))))


def refused_char(char: str, *, one_line: bool = False) -> bool:
    """Whether the door refuses `char`: C0/C1 controls (but line breaks and tabs
    in free text), bidi controls, lone surrogates."""
    code = ord(char)
    if code < 0x20:
        return one_line or char not in "\n\t"
    return 0x7F <= code < 0xA0 or char in BIDI_CONTROLS or 0xD800 <= code < 0xE000


def check_text(value: str | None, field: str, *, one_line: bool = False) -> str | None:
    """Text as typed (option, prompt, editor, imported cell) -> the text to store
    (None if absent); SalelogError naming `field` for what the rule refuses.

    `one_line` for names, tags, titles and other one-line fields: no line breaks
    or tabs either. Free text keeps them, with \\r\\n read as \\n."""
    if value is None:
        return None
    if value.isprintable() and len(value) <= MAX_TEXT:
        return value  # the common case, in one C loop
    if not one_line and "\r\n" in value:
        value = value.replace("\r\n", "\n")
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
    bad = list(dict.fromkeys(c for c in value if refused_char(c, one_line=one_line)))
    if bad:
        shown = ", ".join(_escape(c) for c in bad[:3]) + (", …" if len(bad) > 3 else "")
        raise SalelogError(
            tr("{field} contains control characters ({chars})", field=tr(field), chars=shown),
            tr("type it as plain text on one line")
            if one_line
            else tr("type it as plain text; line breaks and tabs are fine"),
        )
    return value


# In a name, characters no one sees: pasted from Excel or a web page (a BOM, zero-width
# spaces, a word joiner) they are dropped, and no-break and ideographic spaces are spaces,
# or the name would not be found by typing what it looks like.
_UNSEEN_IN_NAMES = {0xFEFF: None, 0x200B: None, 0x2060: None, 0x00A0: " ", 0x3000: " "}


def check_name(value: str | None, field: str = "customer name", hint: str | None = None) -> str:
    """A name or tag: one line, characters no one sees dropped, surrounding spaces dropped, not empty."""
    name = (check_text(value, field, one_line=True) or "").translate(_UNSEEN_IN_NAMES).strip()
    if not name:
        raise SalelogError(
            tr("{field} is empty", field=tr(field)), hint or tr("give a name, e.g. salelog visit add 张总")
        )
    return name


LIST_SEPARATORS = ",，;；、"  # between the values of a list (tags, competitors, aliases), typed or imported


def split_names(texts: list[str], field: str) -> list[str]:
    """A list's values as typed or imported, each text maybe holding several
    ("华为、中兴") -> the names, each checked as check_name checks it, in the order
    given, a repeat (ignoring case and full/half width) dropped; [] when all are blank."""
    from .names import name_key

    names: dict[str, str] = {}
    for text in texts:
        parts = [text]
        for separator in LIST_SEPARATORS:
            parts = [piece for part in parts for piece in part.split(separator)]
        for part in parts:
            if part.strip():
                name = check_name(part, field)
                names.setdefault(name_key(name), name)
    return list(names.values())


def plural(count: int, word: str, many: str | None = None) -> str:
    """'1 entry', '2 entries'."""
    return f"{count} {word if count == 1 else many or word + 's'}"


def visible(value: object, *, one_line: bool = False) -> str:
    """Text safe to print to a terminal: control characters (ESC, BEL, ...),
    bidi controls and every other non-printable character shown as escapes
    instead of acting on the screen; with `one_line`, line breaks and tabs too."""
    text = "" if value is None else str(value)
    if text.isprintable():
        return text
    kept = "" if one_line else "\n\t"
    return "".join(c if c.isprintable() or c in kept else _escape(c) for c in text)


def file_text(value: object) -> str:
    """Text for a cell of a file (CSV, xlsx): what the door would refuse is
    escaped as visible() escapes it (so no file carries ESC to a terminal or
    crashes openpyxl); everything the door lets in, line breaks, tabs and ZWJ
    included, is kept, so that an export imports back as the same text."""
    text = "" if value is None else str(value)
    if text.isprintable():
        return text
    text = text.replace("\r\n", "\n")
    return "".join(_escape(c) if refused_char(c) else c for c in text)


def json_text(data: object, **options) -> str:
    """json.dumps(data, **options) with non-ASCII text kept readable, but every
    non-printable character (C0, C1, bidi, lone surrogates...) written as a
    \\uHHHH escape: valid JSON that decodes to exactly the stored text and never
    puts a raw control character on a terminal."""
    if options == {"indent": 2}:  # --json: the same text without `import json` (~12 ms)
        from .json_writer import dumps_indented

        dumped = dumps_indented(data)
    else:
        import json

        dumped = json.dumps(data, ensure_ascii=False, **options)
    if dumped.isprintable() or dumped.replace("\n", "").isprintable():
        return dumped  # json.dumps escapes C0 itself; a raw \n is indentation
    return "".join(c if c.isprintable() or c == "\n" else _json_escape(c) for c in dumped)


def _escape(char: str) -> str:
    code = ord(char)
    return f"\\x{code:02x}" if code < 0x100 else f"\\u{code:04x}" if code < 0x10000 else f"\\U{code:08x}"


def _json_escape(char: str) -> str:
    """One character as JSON's \\uHHHH (a surrogate pair beyond the BMP)."""
    code = ord(char)
    if code < 0x10000:
        return f"\\u{code:04x}"
    code -= 0x10000
    return f"\\u{0xD800 + (code >> 10):04x}\\u{0xDC00 + (code & 0x3FF):04x}"
