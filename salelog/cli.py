"""The root command: global options, sub-apps, and the one place where errors
become `error: <message>` on stderr with exit status 1.

main() first lets salelog/fastpath.py run the hot commands without importing
Typer; everything else (and every --help) goes through the Typer app, built
lazily by app().
"""

import os
import sys

from .errors import SalelogError


def report_error(error: SalelogError) -> int:
    """Print a user error as one line (plus a hint line) -> the exit status."""
    from .text import visible

    print(f"error: {visible(error.message, one_line=True)}", file=sys.stderr)
    if error.hint:
        print(f"  {visible(error.hint, one_line=True)}", file=sys.stderr)
    return 1


def _tr(text: str) -> str:
    """tr(), unless deciding the language fails too (a broken config): then English."""
    try:
        from .i18n import tr

        return tr(text)
    except Exception:
        return text


GLOBAL_OPTIONS = ("--db", "--lang")


def hoist_global_options(argv: list[str]) -> list[str]:
    """`salelog week --db x.db` means `salelog --db x.db week`: users copy
    commands in either order, and Typer only reads global options first."""
    head, rest = [], list(argv)
    index = 1
    while index < len(rest) and rest[index] != "--":
        name = rest[index].split("=", 1)[0]
        if name in GLOBAL_OPTIONS and not rest[0].startswith("-"):
            takes = 1 if "=" in rest[index] else 2
            head += rest[index : index + takes]
            del rest[index : index + takes]
        else:
            index += 1
    return head + rest


def main(argv: list[str] | None = None) -> None:
    """Console-script entry point (`salelog`, `python -m salelog`)."""
    argv = hoist_global_options(sys.argv[1:] if argv is None else argv)
    try:
        if os.environ.get("_SALELOG_COMPLETE"):
            from .completion import quick

            if quick():
                return
        from . import fastpath

        if fastpath.run(argv):
            sys.stdout.flush()
            return
        from .app import build_app

        build_app()(args=argv, prog_name="salelog")
    except SalelogError as e:
        sys.exit(report_error(e))
    except KeyboardInterrupt:
        store = sys.modules.get("salelog.store")
        if store and store.COMMITTED:
            print(
                _tr("interrupted after saving: check with salelog visit list before logging it again"), file=sys.stderr
            )
        else:
            print(_tr("interrupted; nothing was written"), file=sys.stderr)
        sys.exit(130)
    except BrokenPipeError:
        # `salelog visit list | head`: the reader left; not an error worth a trace.
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        sys.exit(0)
    except Exception as e:
        if os.environ.get("SALELOG_DEBUG"):
            raise
        print(f"error: internal error: {type(e).__name__}: {e}", file=sys.stderr)
        print("  " + _tr("this is a bug in salelog; rerun with SALELOG_DEBUG=1 to see where"), file=sys.stderr)
        sys.exit(70)
