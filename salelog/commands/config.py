"""salelog config: where the config file is, what it says, and setting a key."""

from typing import Annotated

import typer

from .. import config
from ..errors import SalelogError

app = typer.Typer(
    help="Show and change the config file (holidays, make-up working days).\n\n\b\nExamples:\n"
    "  salelog config path\n  salelog config set holidays 2026-10-01,2026-10-02",
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
def show() -> None:
    """Print every key with its value (the default where the file says nothing).

    \b
    Examples:
      salelog config show
    """
    data = config.load()
    for key in sorted(config.DATE_KEYS):
        values = sorted(config.dates(data, key))
        print(f"{key} = [{', '.join(repr(d.isoformat()) for d in values)}]" + ("" if key in data else "  # default"))
    lang = config.language(data)
    print(f'lang = "{lang}"' if lang else "lang: not set (--lang, else the locale decides)")


@app.command("set")
def set_key(
    key: Annotated[str, typer.Argument(metavar="KEY", help="holidays, workdays or lang.")],
    value: Annotated[
        str, typer.Argument(metavar="VALUE", help="Dates, comma-separated (2026-10-01,2026-10-02); for lang en or zh.")
    ],
) -> None:
    """Set a key; the file is rewritten owner-only, other keys kept.

    \b
    Examples:
      salelog config set holidays 2026-10-01,2026-10-02,2026-10-05
      salelog config set workdays 2026-10-10
      salelog config set lang zh
    """
    from datetime import date

    if key not in config.KNOWN_KEYS:
        raise SalelogError(f"unknown key {key!r}", f"known keys: {', '.join(sorted(config.KNOWN_KEYS))}")
    current = config.load()
    data = {k: sorted(config.dates(current, k)) for k in config.DATE_KEYS} | {"lang": config.language(current)}
    if key == "lang":
        if value not in config.LANGUAGES:
            raise SalelogError(f"unknown language {value[:20]!r}", "use en or zh")
        data["lang"] = value
        config.save(data)
        print(f"lang = {value} in {config.config_path()}")
        return
    dates = []
    for part in filter(None, (p.strip() for p in value.split(","))):
        try:
            dates.append(date.fromisoformat(part))
        except ValueError:
            raise SalelogError(f"{part!r} is not a date", "write dates as 2026-10-01, comma-separated") from None
    data[key] = sorted(set(dates))
    config.save(data)
    print(f"{key} = {', '.join(d.isoformat() for d in data[key]) or '(none)'} in {config.config_path()}")
