"""`--json` text without `import json`: json.dumps(data, ensure_ascii=False,
indent=2) byte for byte (tests/test_archive.py compares them), written by one
small function over our data's types (dict, list, tuple, str, int, float,
bool, None).

`import json` costs ~12 ms of a --json command's start-up (it brings re and
enum, for a decoder --json never uses), and with indent json.dumps runs its
pure-Python encoder, which takes about twice as long as this one for the
thousands of values of a pipeline or receivables --json. Strings are quoted
by the C function json itself uses (_json.encode_basestring)."""

try:
    from _json import encode_basestring as _quote
except ImportError:  # an interpreter without the C accelerator
    from json.encoder import encode_basestring as _quote

_INFINITY = float("inf")


def dumps_indented(data: object) -> str:
    """`data` as json.dumps(data, ensure_ascii=False, indent=2) writes it; TypeError on another type."""
    parts: list[str] = []
    _write(data, "\n", parts.append, {})
    return "".join(parts)


def _write(value, newline: str, out, heads: dict) -> None:
    """Append `value`'s JSON to `out`; `newline` is a line break and its indentation;
    `heads` keeps each dict shape's key texts (a list of records repeats its keys)."""
    kind = type(value)
    if kind in _EXACT:
        out(_EXACT[kind](value))
    elif isinstance(value, dict):
        if not value:
            out("{}")
            return
        inner = newline + "  "
        keys = tuple(value)
        texts = heads.get((keys, inner))
        if texts is None:
            quoted = [_quote(key if type(key) is str else _key(key)) for key in keys]
            texts = [f"{sep}{inner}{key}: " for sep, key in zip("{" + "," * (len(keys) - 1), quoted, strict=True)]
            if all(type(key) is str for key in keys):  # 1, 1.0 and True are one key to a dict, not to json
                heads[(keys, inner)] = texts
        for head, item in zip(texts, value.values(), strict=True):
            kind = type(item)
            if kind in _EXACT:  # most values: written here, not by another call
                out(head + _EXACT[kind](item))
            else:
                out(head)
                _write(item, inner, out, heads)
        out(newline + "}")
    elif isinstance(value, list | tuple):
        if not value:
            out("[]")
            return
        inner = newline + "  "
        sep, following = "[" + inner, "," + inner
        for item in value:
            kind = type(item)
            if kind in _EXACT:
                out(sep + _EXACT[kind](item))
            else:
                out(sep)
                _write(item, inner, out, heads)
            sep = following
        out(newline + "]")
    else:
        out(_plain(value))


def _float(value: float) -> str:
    if value != value:
        return "NaN"
    if value in (_INFINITY, -_INFINITY):
        return "Infinity" if value > 0 else "-Infinity"
    return float.__repr__(value)


# The plain values by their exact type (a subclass goes through _plain: json checks isinstance).
_EXACT = {
    str: _quote,
    int: int.__repr__,
    float: _float,
    bool: lambda value: "true" if value else "false",
    type(None): lambda value: "null",
}


def _plain(value) -> str:
    if isinstance(value, str):
        return _quote(value)
    if isinstance(value, int):
        return int.__repr__(value)
    if isinstance(value, float):
        return _float(value)
    raise TypeError(f"Object of type {type(value).__name__} is not JSON serializable")


def _key(key) -> str:
    """A dict key that is not a string, as json.dumps writes it."""
    if isinstance(key, str):
        return key
    if isinstance(key, float):
        return _float(key)
    if key is True or key is False or key is None:
        return {True: "true", False: "false", None: "null"}[key]
    if isinstance(key, int):
        return int.__repr__(key)
    raise TypeError(f"keys must be str, int, float, bool or None, not {type(key).__name__}")
