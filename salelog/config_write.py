"""Writing the config file: values as TOML, owner-only, all at once (config set,
and what tomllib made of the file, kept beside it)."""

import os
from datetime import date

from .config import _loaded, config_path
from .errors import SalelogError


def save(data: dict) -> None:
    """Write the config (values in their written form, as checked() gives them)
    owner-only, all at once (a temp file then rename)."""
    path = config_path()
    text = "".join(f"{key} = {toml_value(value)}\n" for key, value in sorted(data.items()) if value is not None)
    try:
        _write_privately(os.path.realpath(path), text)  # a linked config (dotfiles) stays linked
    except OSError as e:
        raise SalelogError(
            "cannot write config {path}: {reason}",
            "free some space or fix the folder's permissions; the config was not changed",
            path=path,
            reason=e.strerror or e,
        ) from None
    _loaded()[path] = dict(data)


def _write_privately(path: str, text: str | bytes) -> None:
    """Replace the file at `path` with `text`, owner-only, all at once (a temp file
    then rename): a failure leaves the old file as it was, and no temp file."""
    from .paths import make_private_folders

    make_private_folders(os.path.dirname(path) or ".")
    temporary = f"{path}.tmp-{os.getpid()}"
    flags = os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_NOFOLLOW", 0)  # never through a planted link
    try:
        fd = os.open(temporary, flags, 0o600)
    except FileExistsError:  # left by a killed run with this pid: ours to replace
        os.unlink(temporary)
        fd = os.open(temporary, flags, 0o600)
    try:
        with os.fdopen(fd, "wb") if type(text) is bytes else os.fdopen(fd, "w", encoding="utf-8") as handle:
            os.fchmod(fd, 0o600)  # O_CREAT's mode is masked by the umask; an old temp file keeps its own
            handle.write(text)
        os.replace(temporary, path)
    except BaseException:
        if os.path.exists(temporary):
            os.unlink(temporary)
        raise


def toml_value(value) -> str:
    """A string, integer, list or table (of those) as TOML."""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int):
        return str(value)
    if isinstance(value, str):
        return _toml_string(value)
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, list):
        return f"[{', '.join(toml_value(v) for v in value)}]"
    if isinstance(value, dict):
        items = ", ".join(f"{_toml_key(k)} = {toml_value(v)}" for k, v in value.items())
        return f"{{ {items} }}" if items else "{}"
    raise TypeError(f"cannot write {type(value).__name__} to the config")


def _toml_key(key: str) -> str:
    bare = key and all(c.isascii() and (c.isalnum() or c in "-_") for c in key)
    return key if bare else _toml_string(key)


_TOML_ESCAPES = {'"': '\\"', "\\": "\\\\", "\b": "\\b", "\t": "\\t", "\n": "\\n", "\f": "\\f", "\r": "\\r"}


def _toml_string(text: str) -> str:
    """A TOML basic string: quotes and backslashes escaped, control characters as \\uHHHH."""
    out = (_TOML_ESCAPES.get(c) or (f"\\u{ord(c):04x}" if ord(c) < 0x20 or ord(c) == 0x7F else c) for c in text)
    return f'"{"".join(out)}"'
