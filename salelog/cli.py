"""The root command: global options, sub-apps, and the one place where errors
become `error: <message>` on stderr with exit status 1.

main() first lets salelog/fastpath.py run the hot commands without importing
Typer; everything else (and every --help) goes through the Typer app, built
lazily by app().
"""

import os
import sys

from .errors import SalelogError, UsageProblem


def report_error(error: SalelogError) -> int:
    """Print a user error as one line (plus a hint line) -> the exit status."""
    from .text import visible

    print(f"error: {visible(error.message, one_line=True)}", file=sys.stderr)
    if error.hint:
        print(f"  {visible(error.hint, one_line=True)}", file=sys.stderr)
    return error.status


def _tr(text: str) -> str:
    """tr(), unless deciding the language fails too (a broken config): then English."""
    try:
        from .i18n import tr

        return tr(text)
    except Exception:
        return text


GLOBAL_OPTIONS = ("--db", "--lang")
LANGUAGES = ("en", "zh")


def take_global_options(argv: list[str]) -> tuple[list[str], dict[str, str]]:
    """argv -> (argv without --db/--lang, their values). They may stand anywhere
    before a `--`, as `--db x.db` or `--db=x.db`: users copy commands in any order
    (`salelog --db x.db week --lang zh`). One without a value is a usage error
    (an empty `--db=$UNSET` must not quietly mean the default database)."""
    rest, found, index = list(argv), {}, 0
    while index < len(rest) and rest[index] != "--":
        name, has_value, value = rest[index].partition("=")
        if name not in GLOBAL_OPTIONS:
            index += 1
            continue
        if not has_value:
            value = rest[index + 1] if index + 1 < len(rest) else ""
            value = "" if value.startswith("--") else value
        if not value.strip():
            raise UsageProblem("{option} needs a value", "e.g. {option} {example}", option=name,
                               example="~/sales.db" if name == "--db" else "zh")  # fmt: skip
        found[name[2:]] = value
        del rest[index : index + (1 if has_value else 2)]
    return rest, found


def check_language(lang: str | None) -> None:
    if lang not in (None, *LANGUAGES):
        raise SalelogError('unknown language "{lang}"', "use --lang en or --lang zh", lang=lang[:20])


def main(argv: list[str] | None = None) -> None:
    """Console-script entry point (`salelog`, `python -m salelog`); the tests call
    it in process with argv. Each call is one run with a Context of its own."""
    from . import context

    run = context.begin()
    try:
        argv, options = take_global_options(sys.argv[1:] if argv is None else argv)
        run.db = options.get("db")
        check_language(options.get("lang"))
        run.lang = options.get("lang")
        if os.environ.get("_SALELOG_COMPLETE"):
            from .completion import quick

            if quick():
                return
        from . import fastpath

        if fastpath.run(run, argv):
            sys.stdout.flush()
            return
        from .app import build_app

        build_app()(args=argv, prog_name="salelog", obj=run)
    except SalelogError as e:
        sys.exit(report_error(e))
    except KeyboardInterrupt:
        if run.committed:
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
    finally:
        context.end(run)
