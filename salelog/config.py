"""The user's config file (TOML): $SALELOG_CONFIG, else config.toml in the
user config folder. Read only when it exists, so most runs never import tomllib;
read at most once a run (load() keeps what it read on the run's context).

Keys (every one optional; a missing key takes the default shown):
  holidays = ["2026-10-01", ...]   # weekdays that are not working days (default: none)
  workdays = ["2026-10-10", ...]   # weekend days that are (调休 Saturdays) (default: none)
  lang = "zh"                      # output language: en or zh (else --lang, else the locale)
  neglect_days = { A = 14, B = 30, C = 0 }
                                   # days without contact after which a customer of that class
                                   # is neglected (customer list --neglected, remind for A); 0: never
  remind_targets_by = "Mon 10:00"  # remind: no targets set for the week from this weekday and time on
  remind_pace_days = ["Wed", "Thu"]  # remind: behind pace is checked on these days ([]: never) ...
  remind_pace_from = "12:00"       # ... from this time on
  remind_log_by = "18:00"          # remind: nothing logged on a working day by this time
  default_kind = "visit"           # the kind visit add logs without --kind (visit, call, email,
                                   # meeting, message, or 拜访, 电话, 邮件, 会议, 微信)
  currency = "¥"                   # a symbol before amounts, at most 3 characters (default: none)
  week_start = "Mon"               # the first day of a week: every week's report, target and
                                   # 上周/下周 (Mon by default; Sun for Sunday-to-Saturday weeks)
  deal_stages = ["lead 线索 10", ...]  # the deals' stage ladder in order: "id 中文名 percent";
                                   # won and lost must be there
  stale_days = 14                  # pipeline: an open deal without a contact for this many days is stale
  dormant_days = 90                # a customer who bought before and has had no contact for this
                                   # many days is dormant (流失)
  contract_warn_days = 30          # remind: contracts ending within this many days
  payment_terms_days = 30          # remind: a sale not paid in full this many days after it is named

Every value is checked the same way when the file is read and by `config set`;
a bad one is an error naming the file and line.
"""

import os
from datetime import date, time

from .errors import SalelogError
from .i18n import WEEKDAYS

DATE_KEYS = {"holidays", "workdays"}
LANGUAGES = ("en", "zh")
CLASSES = ("A", "B", "C")
MAX_NEGLECT_DAYS = 3650
MAX_CURRENCY_LENGTH = 3
DEFAULTS = {
    "holidays": [],
    "workdays": [],
    "lang": None,
    "neglect_days": {"A": 14, "B": 30, "C": 0},
    "remind_targets_by": "Mon 10:00",
    "remind_pace_days": ["Wed", "Thu"],
    "remind_pace_from": "12:00",
    "remind_log_by": "18:00",
    "default_kind": "visit",
    "currency": "",
    "week_start": "Mon",
    # the deals' stage ladder (salelog/deals.py): "id name percent", in order
    "deal_stages": [
        "lead 线索 10",
        "qualified 需求确认 25",
        "proposal 方案报价 50",
        "negotiation 商务谈判 75",
        "won 赢单 100",
        "lost 输单 0",
    ],
    "stale_days": 14,
    "dormant_days": 90,
    "contract_warn_days": 30,
    "payment_terms_days": 30,
}
KNOWN_KEYS = set(DEFAULTS)


class RemindTimes:
    """When remind checks what: targets_by (weekday 0-6, time); pace_days
    (weekdays 0-6); pace_from, log_by (times)."""

    __slots__ = ("targets_by", "pace_days", "pace_from", "log_by")

    def __init__(self, targets_by, pace_days, pace_from, log_by):
        self.targets_by, self.pace_days, self.pace_from, self.log_by = targets_by, pace_days, pace_from, log_by


def _loaded() -> dict[str, dict]:
    """path -> what load() read there, this run."""
    from .context import current

    return current().config_cache.setdefault("files", {})


class BadValue(Exception):
    """A value a key cannot take: message and hint; `part` names the item of a
    table (neglect_days.A) so that the error can point at its line."""

    def __init__(self, message: str, hint: str, part: str | None = None):
        super().__init__(message)
        self.message, self.hint, self.part = message, hint, part


def config_path() -> str:
    chosen = os.environ.get("SALELOG_CONFIG", "").strip()
    if chosen:
        return os.path.expanduser(chosen)
    from .paths import user_config_dir

    return os.path.join(user_config_dir(), "config.toml")


def load() -> dict:
    """The config as a dict ({} when there is no file), every key and value checked;
    errors name the file and line. Read once a process."""
    path = config_path()
    loaded = _loaded()
    if path in loaded:
        return loaded[path]
    data = read_unchecked(path)
    check_keys_known(data)
    for key in data:
        checked(data, key)
    loaded[path] = data
    return data


def check_keys_known(data: dict) -> None:
    """An unknown key in the file -> SalelogError naming it and its line."""
    for key in data:
        if key not in KNOWN_KEYS:
            from .config_checks import _at_line, _line_of

            path, error = config_path(), unknown_key(key)
            raise SalelogError(_at_line(path, _line_of(path, key), error.message), error.hint)


def read_unchecked(path: str, dropped: list | None = None) -> dict:
    """The file as TOML says it ({} when there is none), values not yet checked.
    A file that is not UTF-8 is refused, naming its first bad line; with a
    `dropped` list (config set, which can repair it), its undecodable lines are
    left out instead and listed there as (line number, the line escaped)."""
    try:
        seen = _file_state(path)
    except FileNotFoundError:
        return {}
    except OSError:
        seen = None  # reading it says what is wrong
    if dropped is None and seen is not None:
        parsed = _parsed_before(path, seen)
        if parsed is not None:
            return parsed
    import tomllib

    try:
        with open(path, "rb") as handle:
            text = _utf8_text(path, handle.read(), dropped)
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as e:
        raise SalelogError(
            "config {path}: {error}", "fix the file, or move it away to use the defaults", path=path, error=e
        ) from None
    except IsADirectoryError:
        raise SalelogError(
            "config {path} is a folder", "point SALELOG_CONFIG at a file, e.g. {path}/config.toml", path=path
        ) from None
    except OSError as e:
        raise SalelogError(
            "cannot read config {path}: {reason}", "check its permissions", path=path, reason=e.strerror
        ) from None
    if dropped is None and seen is not None:
        _remember_parsed(path, seen, data)
    return data


# What tomllib made of the config file, kept beside it (.config.toml.parsed) for as long
# as the file stays as it was: `import tomllib` brings re, typing, enum and collections,
# ~60 M instructions, 1.7x Python's own start-up, on every command of a user who has a
# config. marshal (built in) reads it back; a file whose values it cannot write (TOML
# dates) is parsed each time. A file changed in the last seconds is not remembered: a
# rewrite within the file system's clock tick could keep its size and times.
_PARSED_FORMAT = "salelog config parsed 1"


def _file_state(path: str) -> tuple | None:
    """What says the file is as it was, [3] being when it was last written; None for
    what is not a regular file (/dev/null, a pipe): nothing is kept beside those."""
    import stat

    st = os.stat(path)
    if not stat.S_ISREG(st.st_mode):
        return None
    return (os.path.abspath(path), st.st_dev, st.st_ino, st.st_mtime_ns, st.st_size, st.st_ctime_ns)


def _parsed_path(path: str) -> str:
    folder, name = os.path.split(path)
    return os.path.join(folder, f".{name}.parsed")


def _parsed_before(path: str, seen: tuple) -> dict | None:
    import marshal

    try:
        with open(_parsed_path(path), "rb") as handle:
            kept = marshal.loads(handle.read())
    except (OSError, EOFError, ValueError, TypeError):
        return None
    if type(kept) is tuple and len(kept) == 3 and kept[0] == _PARSED_FORMAT and kept[1] == seen:
        return kept[2] if type(kept[2]) is dict else None
    return None


def _remember_parsed(path: str, seen: tuple, data: dict) -> None:
    import marshal
    import time

    if time.time_ns() - seen[3] < 2_000_000_000:
        return
    from .config_write import _write_privately

    try:
        _write_privately(_parsed_path(path), marshal.dumps((_PARSED_FORMAT, seen, data)))
    except (OSError, ValueError):  # a folder we cannot write, a value marshal cannot: parsed next time again
        return


def _utf8_text(path: str, data: bytes, dropped: list | None) -> str:
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError as e:
        if dropped is None:
            raise SalelogError(
                "config {path}, line {line}: not UTF-8 text",
                "save it as UTF-8, or set a key with salelog config set (which drops the lines it cannot read)",
                path=path,
                line=data[: e.start].count(b"\n") + 1,
            ) from None
    kept = []
    for number, line in enumerate(data.split(b"\n"), 1):
        try:
            kept.append(line.decode("utf-8"))
        except UnicodeDecodeError:
            dropped.append((number, line.decode("utf-8", "backslashreplace").strip()))
    return "\n".join(kept)


def unknown_key(key: str, also: tuple[str, ...] = ()) -> SalelogError:
    """`also`: keys kept elsewhere that the command takes too (config set name)."""
    keys = ", ".join(sorted(KNOWN_KEYS | set(also)))
    return SalelogError("unknown key {key}", "known keys: {keys}", key=repr(key), keys=keys)


def checked(data: dict, key: str):
    """`key`'s value in the config in its written form ("Mon 10:00", ["Wed"], ...),
    its default when the file does not say; a bad value -> SalelogError naming the file and line."""
    if key not in data:
        return DEFAULTS[key]
    from .config_checks import CHECKS, _at_line, _line_of

    try:
        return CHECKS[key](data[key])
    except BadValue as e:
        path = config_path()
        raise SalelogError(_at_line(path, _line_of(path, key, e.part), e.message), e.hint) from None


def language(data: dict) -> str | None:
    """The config's output language (en or zh), None when it names none."""
    return checked(data, "lang")


def dates(data: dict, key: str) -> frozenset[date]:
    """The holidays or workdays of the config, as dates."""
    return frozenset(date.fromisoformat(d) for d in checked(data, key))


def neglect_days(data: dict) -> dict[str, int]:
    """Days without contact after which a customer is neglected, per class (A, B, C);
    0: never. Classes the file leaves out keep their defaults."""
    return DEFAULTS["neglect_days"] | checked(data, "neglect_days")


def remind_times(data: dict) -> RemindTimes:
    """When `remind` checks for missing targets, pace and an empty day."""
    day, clock_time = checked(data, "remind_targets_by").split()
    return RemindTimes(
        targets_by=(WEEKDAYS.index(day), time.fromisoformat(clock_time)),
        pace_days=frozenset(WEEKDAYS.index(d) for d in checked(data, "remind_pace_days")),
        pace_from=time.fromisoformat(checked(data, "remind_pace_from")),
        log_by=time.fromisoformat(checked(data, "remind_log_by")),
    )


def once(key: str):
    """`key`'s checked value (its default without a file), worked out once a run:
    for code that asks on every call (week_of, show_amount)."""
    from .context import current

    values = current().config_cache.setdefault("values", {})
    if key not in values:
        values[key] = checked(load(), key)
    return values[key]


def default_kind(data: dict) -> str:
    """The kind `visit add` logs without --kind: visit, call, email, meeting or message."""
    return checked(data, "default_kind")
