"""The output language: English, or Simplified Chinese.

Chosen by --lang (the run's Context.lang), else the config's lang, else the
locale ($LC_ALL, $LC_MESSAGES, $LANG starting with zh), decided once a run and
only when something is about to be printed.

How text is translated: the English text in the code is the key. Every
user-facing string goes through tr() where it is built, with its variable parts
as {placeholders}: `tr("logged #{id}", id=12)`. Errors carry their English
template and values, `SalelogError("cannot read amount {text}", hint, text=...)`,
and are translated when cli.report_error prints them (salelog/errors.py), so the
pure modules that raise them (parse, periods, metrics) never ask for the
language; the `error: ` prefix stays English on purpose (scripts and users grep
for it). Older call sites still pass text already put through tr(). In English tr() only fills the
placeholders, so English output is exactly the template's; the English→Chinese
catalogue lives in salelog/i18n_zh.py, imported only when Chinese is chosen.
Text without a translation stays English. Metric ids, command examples and
user data are never translated. tests/test_i18n.py checks that every
translation keeps its key's placeholders.
"""

import os

from .errors import SalelogError

# The days of the week, Monday first (date.weekday()): as tables show them, in
# full (review's "when you sell best"), and in Chinese. The config's day names too.
WEEKDAYS = ("Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun")
WEEKDAY_NAMES = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")
WEEKDAYS_ZH = ("周一", "周二", "周三", "周四", "周五", "周六", "周日")


def chinese() -> bool:
    """--lang, else the config's lang, else the locale (decided once a run)."""
    from .context import current

    run = current()
    if run.lang is None:
        from . import config

        # The locale first: an error in the config itself is told in the locale's
        # language (tr() on that error comes back here and must not recurse), or in
        # the config's own lang when that is right while another key is wrong.
        run.lang = _locale_language()
        try:
            run.lang = config.language(config.load()) or run.lang
        except SalelogError:
            written = _written_language(config)
            if written in (None, run.lang):
                raise
            run.lang = written
            config.load()  # the same error again, now in the config's language
            raise
    return run.lang == "zh"


def _written_language(config) -> str | None:
    """The config file's lang when it is en or zh (None when it is not, or the file cannot be read)."""
    try:
        lang = config.read_unchecked(config.config_path()).get("lang")
    except SalelogError:
        return None
    return lang if lang in config.LANGUAGES else None


def _locale_language() -> str:
    for variable in ("LC_ALL", "LC_MESSAGES", "LANG"):
        value = os.environ.get(variable)
        if value:
            return "zh" if value.lower().startswith("zh") else "en"
    return "en"


def tr(text: str, /, **values) -> str:
    """`text` in the output language, placeholders like {n} filled in from `values`."""
    if chinese():
        from .i18n_zh import ZH

        text = ZH.get(text, text)
    return text.format(**values) if values else text


def tr_n(count: int, one: str, many: str, /, **values) -> str:
    """tr() of the template for `count`: `one` when it is 1, else `many` (English
    agrees in number; both have the same Chinese)."""
    return tr(one if count == 1 else many, **values)


def weekday(index: int, english: tuple[str, ...] = WEEKDAYS) -> str:
    return WEEKDAYS_ZH[index] if chinese() else english[index]


def plan_status(status: str) -> str:
    """A plan item's status (open until checked: done, partly, not) as the screens say it."""
    return tr("unchecked" if status == "open" else status)


def kind_name(kind: str) -> str:
    """An entry kind (visit, call, ...) in the output language."""
    if chinese():
        from .i18n_zh import KINDS

        return KINDS.get(kind, kind)
    return kind


def period_kind(kind: str) -> str:
    """A period's kind (week, month, quarter, year, day) in the output language."""
    if chinese():
        from .i18n_zh import PERIOD_KINDS

        return PERIOD_KINDS.get(kind, kind)
    return kind


def and_list(words: list[str]) -> str:
    """'a, b and c' in English, 'a、b和c' in Chinese."""
    if len(words) == 1:
        return words[0]
    if chinese():
        return "、".join(words[:-1]) + "和" + words[-1]
    return ", ".join(words[:-1]) + " and " + words[-1]
