"""The user's config file (TOML): $SALELOG_CONFIG, else config.toml in the
user config folder. Read only when it exists, so most runs never import tomllib.

Keys so far:
  holidays = ["2026-10-01", ...]   # weekdays that are not working days
  workdays = ["2026-10-10", ...]   # weekend days that are (调休 Saturdays)
  lang = "zh"                      # output language: en or zh (else --lang, else the locale)
"""

import os
from datetime import date

from .errors import SalelogError

DATE_KEYS = {"holidays", "workdays"}
LANGUAGES = ("en", "zh")
KNOWN_KEYS = DATE_KEYS | {"lang"}


def config_path() -> str:
    chosen = os.environ.get("SALELOG_CONFIG", "").strip()
    if chosen:
        return os.path.expanduser(chosen)
    from .paths import user_config_dir

    return os.path.join(user_config_dir(), "config.toml")


def load() -> dict:
    """The config as a dict ({} when there is no file); errors name the file and line."""
    path = config_path()
    if not os.path.exists(path):
        return {}
    import tomllib

    try:
        with open(path, "rb") as handle:
            data = tomllib.load(handle)
    except tomllib.TOMLDecodeError as e:
        raise SalelogError(f"config {path}: {e}", "fix the file, or move it away to use the defaults") from None
    except OSError as e:
        raise SalelogError(f"cannot read config {path}: {e.strerror}", "check its permissions") from None
    for key in data:
        if key not in KNOWN_KEYS:
            raise SalelogError(
                f"config {path}, line {_line_of(path, key)}: unknown key {key!r}",
                f"known keys: {', '.join(sorted(KNOWN_KEYS))}",
            )
    return data


def language(data: dict) -> str | None:
    """The config's output language (en or zh), None when it names none."""
    value = data.get("lang")
    if value is not None and value not in LANGUAGES:
        path = config_path()
        raise SalelogError(
            f'config {path}, line {_line_of(path, "lang")}: lang must be "en" or "zh"',
            'write lang = "zh" or lang = "en"',
        )
    return value


def dates(data: dict, key: str) -> frozenset[date]:
    """A list of ISO dates from the config, checked."""
    values = data.get(key, [])
    path = config_path()
    if not isinstance(values, list):
        raise SalelogError(
            f"config {path}, line {_line_of(path, key)}: {key} must be a list of dates",
            f'e.g. {key} = ["2026-10-01", "2026-10-02"]',
        )
    out = set()
    for value in values:
        try:
            out.add(value if isinstance(value, date) else date.fromisoformat(str(value)))
        except ValueError:
            raise SalelogError(
                f"config {path}, line {_line_of(path, key)}: {value!r} in {key} is not a date",
                "write dates as 2026-10-01",
            ) from None
    return frozenset(out)


def _line_of(path: str, key: str) -> int | str:
    try:
        with open(path, encoding="utf-8", errors="replace") as handle:
            for number, line in enumerate(handle, 1):
                if line.strip().startswith(key):
                    return number
    except OSError:
        pass
    return "?"


def save(data: dict) -> None:
    """Write the config (lists of dates) owner-only, all at once (a temp file then rename)."""
    path = config_path()
    folder = os.path.dirname(path) or "."
    os.makedirs(folder, mode=0o700, exist_ok=True)
    text = "".join(
        f'{key} = "{value}"\n'
        if isinstance(value, str)
        else f"{key} = [{', '.join(repr(d.isoformat()) for d in value)}]\n"
        for key, value in sorted(data.items())
        if value is not None
    )
    temporary = f"{path}.tmp-{os.getpid()}"
    fd = os.open(temporary, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
    try:
        with os.fdopen(fd, "w", encoding="utf-8") as handle:
            handle.write(text)
        os.replace(temporary, path)
    except BaseException:
        if os.path.exists(temporary):
            os.unlink(temporary)
        raise
