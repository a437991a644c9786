"""salelog config: where the config file is, what it says, and setting a key."""

import sys
from typing import Annotated

import typer

from .. import config
from ..config_checks import CHECKS
from ..config_write import save, toml_value
from ..errors import SalelogError
from ..i18n import tr
from ..text import visible

KEYS_HELP = (
    "\b\nKeys (default):\n"
    "  holidays            weekdays off: 2026-10-01,2026-10-02 (none)\n"
    "  workdays            weekend days worked (调休): 2026-10-10 (none)\n"
    "  lang                output language: en or zh (--lang, else the locale)\n"
    "  neglect_days.A|B|C  days without contact before a customer of that class is\n"
    "                      neglected; 0: never (A 14, B 30, C 0)\n"
    "  remind_targets_by   remind of missing targets from then on (Mon 10:00)\n"
    "  remind_pace_days    days remind checks the pace (Wed,Thu; empty: never)\n"
    "  remind_pace_from    ... from this time (12:00)\n"
    "  remind_log_by       remind when nothing is logged by then on a working\n"
    "                      day (18:00)\n"
    "  default_kind        kind of visit add without --kind: visit, call, email,\n"
    "                      meeting, message or 拜访, 电话, 邮件, 会议, 微信 (visit)\n"
    "  currency            symbol before amounts, up to 3 characters: ¥ (none)\n"
    '  deal_stages         the deals\' stages in order, "id 中文名 percent" comma-\n'
    "                      separated, won and lost among them (lead 线索 10,\n"
    "                      qualified 需求确认 25,proposal 方案报价 50,negotiation\n"
    "                      商务谈判 75,won 赢单 100,lost 输单 0)\n"
    "  stale_days          pipeline: an open deal without a contact for this many\n"
    "                      days is stale (14)\n"
    "  dormant_days        a customer who bought is dormant (流失) after this many\n"
    "                      days without contact (90)\n"
    "  contract_warn_days  remind of contracts ending within this many days (30)\n"
    "  payment_terms_days  remind: a sale not paid in full this many days after it\n"
    "                      (30)\n"
    "  week_start          the first day of every week: Mon, or Sun for Sunday-to-\n"
    "                      Saturday weeks (Mon)\n"
    "  name                your name, kept in the logbook itself (not in this\n"
    "                      file): a backup carries it to your manager's team\n"
    "                      report (login name)"
)

app = typer.Typer(
    help="Show and change the config file: working calendar, language, neglect thresholds, "
    "reminder times, default kind, currency.\n\n" + KEYS_HELP + "\n\n\b\nExamples:\n"
    "  salelog config path\n  salelog config show\n  salelog config get lang\n"
    "  salelog config set holidays 2026-10-01,2026-10-02\n"
    "  salelog config set neglect_days.A 10",
    no_args_is_help=True,
)


@app.command("path")
def path() -> None:
    """Print where the config file is (or would be): $SALELOG_CONFIG, else the user config folder.

    \b
    Examples:
      salelog config path
    """
    print(config.config_path())


@app.command("show")
def show(ctx: typer.Context) -> None:
    """Print every key with its value as the file would say it ("# default" where the file says nothing).

    \b
    Examples:
      salelog config show
    """
    data = config.load()
    for key in sorted(config.KNOWN_KEYS):
        value = config.checked(data, key)
        if key == "lang" and value is None:
            print(tr("lang: not set (--lang, else the locale decides)"))
            continue
        default = "" if key in data else tr("  # default: none") if key == "currency" else tr("  # default")
        if key == "neglect_days":
            left_out = [k for k in config.CLASSES if k not in value]
            if key in data and left_out:
                default = tr("  # {classes}: default", classes=", ".join(left_out))
            value = config.neglect_days(data)
        print(f"{key} = {toml_value(value)}{default}")
    _show_logbook_name(ctx)


@app.command("get")
def get(
    ctx: typer.Context,
    key: Annotated[
        str,
        typer.Argument(
            metavar="KEY", help="One of the keys listed in salelog config --help; neglect_days.A for one class."
        ),
    ],
) -> None:
    """Print one key's value alone, for scripts: as config set takes it (lists comma-separated;
    nothing when unset); neglect_days alone lists its classes (A=14,B=30,C=0), set one at a time.

    \b
    Examples:
      salelog config get lang
      salelog config get neglect_days.A
      salelog config set holidays "$(salelog config get holidays),2026-10-08"
    """
    name, _, part = key.partition(".")
    if key == "name":
        value = _logbook_name(ctx)
        print(visible(value, one_line=True) if value else "")
        return
    if name not in config.KNOWN_KEYS:
        raise config.unknown_key(key, also=("name",))
    if part and name != "neglect_days":
        raise SalelogError("{name} has no parts like {key}", "salelog config get {name}", name=name, key=repr(key))
    data = config.load()
    if name == "neglect_days":
        days = config.neglect_days(data)
        klass = part.strip().upper()
        if part and klass not in days:
            raise SalelogError("neglect_days has no class {klass}", "classes: A, B, C", klass=repr(part))
        print(days[klass] if part else ",".join(f"{k}={v}" for k, v in days.items()))
        return
    value = config.checked(data, name)
    if value is None:
        value = ""
    print(visible(",".join(str(v) for v in value) if isinstance(value, list) else str(value), one_line=True))


def _logbook_name(ctx: typer.Context) -> str | None:
    """The owner's name kept in the logbook (config set name), or None (also when there is no logbook yet)."""
    import os

    from .. import store
    from ..actions.settings import owner_name

    path = store.resolve_db_path(ctx.obj.db)
    if not os.path.exists(path):
        return None
    conn = store.connect(ctx.obj.db, create=False)
    with store.reading(conn):
        return owner_name(conn)


def _show_logbook_name(ctx: typer.Context) -> None:
    """name, from the logbook (when there is one): it is not in the config file."""
    import os

    from .. import store

    if not os.path.exists(store.resolve_db_path(ctx.obj.db)):
        return
    name = _logbook_name(ctx)
    if name:
        print(f"name = {toml_value(visible(name, one_line=True))}" + tr("  # in the logbook"))
    else:
        print(tr("name: not set (salelog config set name 王小明; the report says your login name)"))


@app.command(
    "set",
    context_settings={"ignore_unknown_options": True},  # "-1" is a value to refuse as one, not an option
    help=f"""Set a key; the file is rewritten owner-only (comments are not kept), other keys kept.
A bad value is refused and nothing is written.

{KEYS_HELP}

\b
Examples:
  salelog config set holidays 2026-10-01,2026-10-02,2026-10-05
  salelog config set workdays 2026-10-10
  salelog config set lang zh
  salelog config set neglect_days.A 10
  salelog config set remind_targets_by "Mon 09:30"
  salelog config set remind_pace_days Wed,Thu,Fri
  salelog config set remind_pace_from 15:00
  salelog config set remind_log_by 17:30
  salelog config set default_kind 电话
  salelog config set currency ¥
  salelog config set stale_days 21
  salelog config set name 王小明
""",
)
def set_key(
    ctx: typer.Context,
    key: Annotated[
        str, typer.Argument(metavar="KEY", help="One of the keys listed above; neglect_days.A sets one class.")
    ],
    value: Annotated[
        str,
        typer.Argument(
            metavar="VALUE",
            help="Lists comma-separated (2026-10-01,2026-10-02; Wed,Thu), times 18:00, days a whole number.",
        ),
    ],
) -> None:
    name, _, part = key.partition(".")
    if key == "name":  # kept in the logbook, which a backup carries along
        from ..actions.settings import set_logbook_setting

        set_logbook_setting(ctx.obj, key=key, value=value)
        return
    if name not in config.KNOWN_KEYS:
        raise config.unknown_key(key, also=("name",))
    if part and name != "neglect_days":
        raise SalelogError(
            "{name} has no parts like {key}", "salelog config set {name} VALUE", name=name, key=repr(key)
        )
    # The other keys must be right as they stand; the one being set may be what was wrong.
    dropped: list[tuple[int, str]] = []
    current = config.read_unchecked(config.config_path(), dropped)
    config.check_keys_known(current)
    data = {k: config.checked(current, k) for k in current if k != name}
    try:
        data[name] = CHECKS[name](_from_command_line(name, part, value, current))
    except config.BadValue as e:
        raise SalelogError(e.message, e.hint) from None
    save(data)
    # Said once the file is saved: until then, deciding the output language would read it again.
    for line, text in dropped:
        print(
            tr(
                "warning: config {path}, line {line} was not UTF-8 text and is dropped: {text}",
                path=visible(config.config_path(), one_line=True),
                line=line,
                text=visible(text[:60], one_line=True),
            ),
            file=sys.stderr,
        )
    shown = toml_value(data[name][part.strip().upper()] if part else data[name])
    setting = f"{name}{'.' + part.strip().upper() if part else ''} = {shown}"
    print(tr("{setting} in {path}", setting=setting, path=config.config_path()))


def _from_command_line(key: str, part: str, value: str, current: dict):
    """VALUE as typed -> the value as the file would give it, for config_checks.CHECKS."""
    if key in config.DATE_KEYS or key in ("remind_pace_days", "deal_stages"):
        return [p.strip() for p in value.split(",") if p.strip()]
    if key == "neglect_days":
        if not part:
            raise SalelogError(
                tr("set neglect_days one class at a time"), tr("e.g. salelog config set neglect_days.A 10")
            )
        klass = part.strip().upper()
        written = current.get(key) if isinstance(current.get(key), dict) else {}
        # The other classes as the file has them, checked there (so that an error names its line).
        others = config.checked({key: {k: v for k, v in written.items() if str(k).strip().upper() != klass}}, key)
        return others | {klass: int(value) if value.strip().isdigit() else value}
    if key in ("stale_days", "dormant_days", "contract_warn_days", "payment_terms_days") and value.strip().isdigit():
        return int(value)
    return value
