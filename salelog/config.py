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
from .i18n import WEEKDAY_NAMES, WEEKDAYS, tr

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


def unknown_key(key: str) -> SalelogError:
    return SalelogError("unknown key {key}", "known keys: {keys}", key=repr(key), keys=", ".join(sorted(KNOWN_KEYS)))


def checked(data: dict, key: str):
    """`key`'s value in the config in its written form ("Mon 10:00", ["Wed"], ...),
    its default when the file does not say; a bad value -> SalelogError naming the file and line."""
    if key not in data:
        return DEFAULTS[key]
    try:
        return CHECKS[key](data[key])
    except BadValue as e:
        path = config_path()
        raise SalelogError(_at_line(path, _line_of(path, key, e.part), e.message), e.hint) from None


def _at_line(path: str, line: int | str, message: str) -> str:
    return tr("config {path}, line {line}: {message}", path=path, line=line, message=message)


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


# Checks: a value as the file (or `config set`) gives it -> its written form, or BadValue.
# Each accepts its own output unchanged, so a saved file loads back identically.


def _check_dates(key: str):
    def check(values) -> list[str]:
        if not isinstance(values, list):
            raise BadValue(
                tr("{key} must be a list of dates", key=key), tr('e.g. {key} = ["2026-10-01", "2026-10-02"]', key=key)
            )
        out = set()
        for value in values:
            try:
                out.add(value if type(value) is date else date.fromisoformat(str(value)))
            except ValueError:
                raise BadValue(
                    tr("{value} in {key} is not a date", value=repr(value), key=key), tr("write dates as 2026-10-01")
                ) from None
        return [d.isoformat() for d in sorted(out)]

    return check


def _check_lang(value) -> str:
    if value not in LANGUAGES:
        raise BadValue(tr('lang must be "en" or "zh", not {value}', value=_shown(value)), tr("use en or zh"))
    return value


def _check_neglect_days(value) -> dict[str, int]:
    if not isinstance(value, dict):
        raise BadValue(
            tr("neglect_days must be a table of days per class"), tr("e.g. neglect_days = { A = 14, B = 30, C = 60 }")
        )
    out = {}
    for klass, days in value.items():
        name = str(klass).strip().upper()
        if name not in CLASSES:
            raise BadValue(
                tr("neglect_days has no class {klass}", klass=repr(klass)), tr("classes: A, B, C"), part=klass
            )
        if type(days) is not int or not 0 <= days <= MAX_NEGLECT_DAYS:
            raise BadValue(
                tr(
                    "neglect_days.{name} must be a whole number of days from 0 to {most}, not {value}",
                    name=name,
                    most=MAX_NEGLECT_DAYS,
                    value=_shown(days),
                ),
                tr("e.g. neglect_days.{name} = 14 (0: never neglected)", name=name),
                part=klass,
            )
        out[name] = days
    return dict(sorted(out.items()))


def _check_targets_by(value) -> str:
    parts = value.split() if isinstance(value, str) else []
    if len(parts) != 2:
        raise BadValue(
            tr("remind_targets_by must be a weekday and a time, not {value}", value=_shown(value)),
            tr('e.g. remind_targets_by = "Mon 10:00"'),
        )
    return f"{_weekday('remind_targets_by', parts[0])} {_clock('remind_targets_by', parts[1])}"


def _check_pace_days(value) -> list[str]:
    if not isinstance(value, list):
        raise BadValue(tr("remind_pace_days must be a list of weekdays"), tr('e.g. remind_pace_days = ["Wed", "Thu"]'))
    days = {_weekday("remind_pace_days", d) for d in value}
    return sorted(days, key=WEEKDAYS.index)


def _check_clock(key: str):
    return lambda value: _clock(key, value)


def _check_kind(value) -> str:
    from .metrics import resolve_kind

    try:
        return resolve_kind(value if isinstance(value, str) else "")
    except SalelogError:
        raise BadValue(
            tr("default_kind must be a kind, not {value}", value=_shown(value)),
            tr("kinds: visit (拜访), call (电话), email (邮件), meeting (会议), message (微信)"),
        ) from None


def _check_currency(value) -> str:
    if not isinstance(value, str) or len(value) > MAX_CURRENCY_LENGTH or not value.isprintable():
        raise BadValue(
            tr(
                "currency must be a symbol of at most {most} printable characters, not {value}",
                most=MAX_CURRENCY_LENGTH,
                value=_shown(value),
            ),
            tr('e.g. currency = "¥" (or "" for none)'),
        )
    return value


_WEEKDAY_NAMES = {
    **{name.lower(): name for name in WEEKDAYS},
    **{long.lower(): name for long, name in zip(WEEKDAY_NAMES, WEEKDAYS, strict=True)},
    **{f"{prefix}{n}": name for prefix in ("周", "星期") for n, name in zip("一二三四五六日", WEEKDAYS, strict=True)},
    "周天": "Sun",
    "星期天": "Sun",
}


def _weekday(key: str, value) -> str:
    name = _WEEKDAY_NAMES.get(value.strip().lower()) if isinstance(value, str) else None
    if name is None:
        raise BadValue(
            tr("{value} in {key} is not a weekday", value=_shown(value), key=key),
            tr("write Mon, Tue, Wed, Thu, Fri, Sat or Sun"),
        )
    return name


def _clock(key: str, value) -> str:
    """ "9:30", "09:30" or a TOML time (09:30:00) -> "09:30"."""
    if type(value) is time:
        return value.strftime("%H:%M")
    hours, _, minutes = value.strip().partition(":") if isinstance(value, str) else ("", "", "")
    if hours.isdigit() and minutes.isdigit() and len(minutes) == 2 and int(hours) < 24 and int(minutes) < 60:
        return f"{int(hours):02d}:{minutes}"
    raise BadValue(
        tr("{key} must be a time of day like 18:00, not {value}", key=key, value=_shown(value)),
        tr('e.g. {key} = "18:00"', key=key),
    )


def _shown(value) -> str:
    """A value in an error message: quoted, cut short, control characters escaped."""
    return repr(value[:20] if isinstance(value, str) else value)


def _check_deal_stages(value) -> list[str]:
    from .deals import parse_ladder

    try:
        stages = parse_ladder(value)
    except ValueError as e:
        raise BadValue(
            tr("deal_stages: {problem}", problem=tr(e.args[0], **e.args[1])),
            tr('e.g. deal_stages = ["lead 线索 10", "proposal 方案报价 50", "won 赢单 100", "lost 输单 0"]'),
        ) from None
    return [f"{s.id} {s.name} {s.probability}" for s in stages]


def _check_days(key: str, example: int):
    """A whole number of days from 1 to MAX_NEGLECT_DAYS (stale_days, dormant_days, contract_warn_days,
    payment_terms_days)."""

    def check(value) -> int:
        if type(value) is not int or not 1 <= value <= MAX_NEGLECT_DAYS:
            raise BadValue(
                tr(
                    "{key} must be a whole number of days from 1 to {most}, not {value}",
                    key=key,
                    most=MAX_NEGLECT_DAYS,
                    value=_shown(value),
                ),
                tr("e.g. {key} = {example}", key=key, example=example),
            )
        return value

    return check


CHECKS = {
    "holidays": _check_dates("holidays"),
    "workdays": _check_dates("workdays"),
    "lang": _check_lang,
    "neglect_days": _check_neglect_days,
    "remind_targets_by": _check_targets_by,
    "remind_pace_days": _check_pace_days,
    "remind_pace_from": _check_clock("remind_pace_from"),
    "remind_log_by": _check_clock("remind_log_by"),
    "default_kind": _check_kind,
    "currency": _check_currency,
    "week_start": lambda value: _weekday("week_start", value),
    "deal_stages": _check_deal_stages,
    "stale_days": _check_days("stale_days", 14),
    "dormant_days": _check_days("dormant_days", 90),
    "contract_warn_days": _check_days("contract_warn_days", 30),
    "payment_terms_days": _check_days("payment_terms_days", 30),
}


def _line_of(path: str, key: str, part: str | None = None) -> int | str:
    """The line of `key` (or of its item `part`: `key.part = `, or `part = ` under `[key]`) in the file."""
    import re

    name = rf"\s*(?:{re.escape(key)}|\"{re.escape(key)}\")\s*"
    found, table = "?", None
    try:
        with open(path, encoding="utf-8", errors="replace") as handle:
            for number, line in enumerate(handle, 1):
                header = re.match(r"\s*\[\s*([^\[\]]+?)\s*\]", line)
                if header:
                    table = header.group(1).strip('"')
                if part is not None and (
                    re.match(rf"{name}\.\s*{re.escape(part)}\s*=", line)
                    or (table == key and not header and re.match(rf"\s*{re.escape(part)}\s*=", line))
                ):
                    return number
                if found == "?" and (re.match(rf"{name}[=.]", line) or (header and table == key)):
                    found = number
                    if part is None:
                        return number
    except OSError:
        pass
    return found


def save(data: dict) -> None:
    """Write the config (values in their written form, as checked() gives them)
    owner-only, all at once (a temp file then rename)."""
    path = config_path()
    text = "".join(f"{key} = {toml_value(value)}\n" for key, value in sorted(data.items()) if value is not None)
    try:
        _write_privately(path, text)
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
