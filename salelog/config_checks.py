"""What each config key may be: a value as the file (or `config set`) gives it ->
its written form, or config.BadValue; and the line of the file an error points at.
Loaded only when a config file says something (config.checked)."""

from datetime import date, time

from .config import CLASSES, LANGUAGES, MAX_CURRENCY_LENGTH, MAX_NEGLECT_DAYS, BadValue
from .errors import SalelogError
from .i18n import WEEKDAY_NAMES, WEEKDAYS, tr

# Each check accepts its own output unchanged, so a saved file loads back identically.


def _at_line(path: str, line: int | str, message: str) -> str:
    return tr("config {path}, line {line}: {message}", path=path, line=line, message=message)


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
    day = _weekday("remind_targets_by", parts[0])
    try:
        return f"{day} {_clock('remind_targets_by', parts[1])}"
    except BadValue as e:  # the hint shows the whole value, a weekday and a time, not the time alone
        raise BadValue(e.message, tr('e.g. remind_targets_by = "Mon 10:00"')) from None


def _check_pace_days(value) -> list[str]:
    if not isinstance(value, list):
        raise BadValue(tr("remind_pace_days must be a list of weekdays"), tr('e.g. remind_pace_days = ["Wed", "Thu"]'))
    days = {_weekday("remind_pace_days", d) for d in value}
    return sorted(days, key=WEEKDAYS.index)


def _check_clock(key: str):
    return lambda value: _clock(key, value)


def _check_kind(value) -> str:
    from .metrics import CONTACT_KINDS, resolve_kind

    try:
        kind = resolve_kind(value if isinstance(value, str) else "")
    except SalelogError:
        kind = None
    if kind not in CONTACT_KINDS:  # sale: a sale with no contact needs its amount, which a default cannot give
        raise BadValue(
            tr("default_kind must be a kind, not {value}", value=_shown(value)),
            tr("kinds: visit (拜访), call (电话), email (邮件), meeting (会议), message (微信)"),
        )
    return kind


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
