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
    for key in sorted(config.KNOWN_KEYS):
        values = sorted(config.dates(data, key))
        print(f"{key} = [{', '.join(repr(d.isoformat()) for d in values)}]" + ("" if key in data else "  # default"))


@app.command("set")
def set_key(
    key: Annotated[str, typer.Argument(metavar="KEY", help="holidays or workdays.")],
    value: Annotated[str, typer.Argument(metavar="VALUE", help="Dates, comma-separated: 2026-10-01,2026-10-02.")],
) -> None:
    """Set a key; the file is rewritten owner-only, other keys kept.

    \b
    Examples:
      salelog config set holidays 2026-10-01,2026-10-02,2026-10-05
      salelog config set workdays 2026-10-10
    """
    from datetime import date

    if key not in config.KNOWN_KEYS:
        raise SalelogError(f"unknown key {key!r}", f"known keys: {', '.join(sorted(config.KNOWN_KEYS))}")
    dates = []
    for part in filter(None, (p.strip() for p in value.split(","))):
        try:
            dates.append(date.fromisoformat(part))
        except ValueError:
            raise SalelogError(f"{part!r} is not a date", "write dates as 2026-10-01, comma-separated") from None
    data = {k: sorted(config.dates(config.load(), k)) for k in config.KNOWN_KEYS}
    data[key] = sorted(set(dates))
    config.save(data)
    print(f"{key} = {', '.join(d.isoformat() for d in data[key]) or '(none)'} in {config.config_path()}")
