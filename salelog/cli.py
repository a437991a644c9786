"""The root command: global options, sub-apps, and the one place where errors
become `error: <message>` on stderr with exit status 1.

main() first lets salelog/fastpath.py run the hot commands without importing
Typer; everything else (and every --help) goes through the Typer app, built
lazily by app().
"""

import io
import os
import sys

from .errors import SalelogError, UsageProblem


def report_error(error: SalelogError) -> int:
    """Print a user error as one line (plus a hint line) -> the exit status."""
    from .text import visible

    try:
        message = error.message
    except SalelogError:
        # Translating it decided the language, which read a broken config and failed;
        # the language is decided now (the locale's, or the file's own lang).
        message = error.message
    print(f"error: {visible(message, one_line=True)}", file=sys.stderr)
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


def check_decodable(argv: list[str]) -> None:
    """Refuse, before anything reads it, a command line with bytes that are not
    UTF-8 (Python hands them over as lone surrogates, which no file name, SQL
    parameter or message can take)."""
    try:
        "\0".join(argv).encode("utf-8")
    except UnicodeEncodeError:
        bad = next(arg for arg in argv if not _encodable(arg))
        try:
            shown = bad.encode("utf-8", "surrogateescape").decode("utf-8", "backslashreplace")
        except UnicodeEncodeError:  # a surrogate no byte stands for (a caller's own argv)
            shown = bad.encode("utf-8", "backslashreplace").decode("utf-8")
        raise SalelogError(
            "{text} on the command line is not valid text (undecodable bytes)",
            "check your terminal's encoding is UTF-8",
            text=f'"{shown[:40]}"',
        ) from None


def _encodable(text: str) -> bool:
    try:
        text.encode("utf-8")
    except UnicodeEncodeError:
        return False
    return True


def check_language(lang: str | None) -> None:
    if lang not in (None, *LANGUAGES):
        raise SalelogError('unknown language "{lang}"', "use --lang en or --lang zh", lang=lang[:20])


def run() -> None:
    """The process's entry point (the `salelog` script, `python -m salelog`): main,
    then the process ends without Python's teardown, which would collect and free
    every object start-up made, ~10% of a daily command (bench/README.md, session
    9); the system takes the memory back anyway. What of the teardown matters is
    done first: main has closed the databases, atexit's functions run, the
    streams are flushed."""
    import atexit
    import gc

    # Start-up makes tens of thousands of objects that live as long as the process
    # (modules, functions, classes); collecting every 700 allocations walks them
    # again and again, ~5% of a daily command. Cycles are still collected.
    gc.set_threshold(10_000)
    try:
        main()
        status = 0
    except SystemExit as e:
        status = e.code
    if status is None:
        status = 0
    elif not isinstance(status, int):  # as Python prints sys.exit("why")
        print(status, file=sys.stderr)
        status = 1
    threading = sys.modules.get("threading")
    if threading is not None and threading.active_count() > 1:
        sys.exit(status)  # a thread still running (none of ours): Python's own exit waits for it
    atexit._run_exitfuncs()
    for stream in (sys.stdout, sys.stderr):
        try:
            if stream is not None:
                stream.flush()
        except (OSError, ValueError):
            status = status or 120  # what Python exits with when it cannot flush stdout
    os._exit(status)


def main(argv: list[str] | None = None) -> None:
    """One run of a command with a Context of its own (run() calls it for the
    process; the tests call it in process with argv)."""
    from . import context

    run = context.begin()
    try:
        status = _dispatch(run, argv)
    except SalelogError as e:
        status = report_error(e)
    except KeyboardInterrupt:
        if run.committed:
            print(
                _tr("interrupted after saving: check with salelog visit list before logging it again"), file=sys.stderr
            )
        else:
            print(_tr("interrupted; nothing was written"), file=sys.stderr)
        status = 130
    except BrokenPipeError:
        # `salelog visit list | head`: the reader left; not an error worth a trace.
        _silence_stdout()
        status = 0
    except Exception as e:
        if os.environ.get("SALELOG_DEBUG"):
            raise
        status = _unexpected(run, e)
    finally:
        context.end(run)
    if status:
        try:
            sys.stdout.flush()  # what a failed command printed before failing
        except (OSError, ValueError):
            _silence_stdout()  # its error is said already; no second one as Python exits
        sys.exit(status)


def _dispatch(run, argv: list[str] | None) -> int | str | None:
    """Run the command argv names -> its exit status, once its output is flushed
    (so that a stdout that cannot take it fails here, not at interpreter exit)."""
    _prepare_stdout()
    from . import fastpath

    argv, options = take_global_options(sys.argv[1:] if argv is None else argv)
    check_language(options.get("lang"))
    run.lang = options.get("lang")
    check_decodable([*options.values(), *argv])
    argv = fastpath.with_optional_values(argv)  # `review --month`: this month
    run.db = options.get("db")
    if "--json" in argv:  # amounts in JSON text carry no display symbol (config currency: tables only)
        run.config_cache.setdefault("values", {})["currency"] = ""
    status = 0
    if os.environ.get("_SALELOG_COMPLETE"):
        from .completion import quick

        if quick():
            sys.stdout.flush()
            return 0
    if not fastpath.run(run, argv):
        from .app import build_command, completion_for_shell

        try:
            if not completion_for_shell(argv):
                build_command()(args=argv, prog_name="salelog", obj=run)
        except SystemExit as e:  # Click ends every run so
            status = e.code
    sys.stdout.flush()
    return status


def _prepare_stdout() -> None:
    """Put the process's stdout behind _Stdout, keeping its file, encoding and
    buffering: a closed one (`>&-`) then fails when written, as a full disk does,
    instead of being None, and one that cannot encode every character
    (PYTHONIOENCODING=ascii) prints escapes for those it cannot. Another stream
    (the tests' capture, a library caller's) is left alone."""
    stdout = sys.stdout
    if stdout is None:
        _hold_descriptor_1()
        inner, encoding, errors, line_buffering = None, "utf-8", "strict", False
    elif stdout is sys.__stdout__ and isinstance(stdout, io.TextIOWrapper):
        stdout.flush()
        inner = getattr(stdout.buffer, "raw", stdout.buffer)  # no BufferedWriter under PYTHONUNBUFFERED
        encoding, errors, line_buffering = stdout.encoding, stdout.errors, stdout.line_buffering
        # Unbuffered (PYTHONUNBUFFERED, -u): each line goes out as printed, in order with stderr's.
        line_buffering = line_buffering or inner is stdout.buffer
    else:
        return
    if encoding.lower().replace("-", "").replace("_", "") != "utf8":
        errors = "backslashreplace"
    buffered = io.BufferedWriter(_Stdout(inner))
    sys.stdout = io.TextIOWrapper(buffered, encoding, errors, line_buffering=line_buffering)


def _hold_descriptor_1() -> None:
    """Open /dev/null as fd 1 when it is closed, so that no file opened later (the database) takes it."""
    try:
        os.fstat(1)
    except OSError:
        fd = os.open(os.devnull, os.O_WRONLY)
        if fd != 1:
            os.dup2(fd, 1)
            os.close(fd)


class _Stdout(io.RawIOBase):
    """The process's own stdout file (None: it was closed), whose write errors are
    marked `salelog_stdout`: by that cli.main tells a command whose output could
    not be printed (saved, maybe) from a bug."""

    def __init__(self, inner):
        super().__init__()
        self.inner, self.discard = inner, False

    def writable(self) -> bool:
        return True

    def fileno(self) -> int:
        return 1 if self.inner is None else self.inner.fileno()

    def isatty(self) -> bool:
        return self.inner is not None and self.inner.isatty()

    def write(self, data) -> int | None:
        if self.discard:
            return len(data)
        try:
            if self.inner is None:
                import errno

                raise OSError(errno.EBADF, "stdout is closed")
            return self.inner.write(data)
        except OSError as e:
            e.salelog_stdout = True
            raise


def _silence_stdout() -> None:
    """Drop what is still buffered for stdout: it must not fail again as Python exits."""
    raw = getattr(getattr(sys.stdout, "buffer", None), "raw", None)
    if isinstance(raw, _Stdout):
        raw.discard = True
        return
    try:
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
    except (OSError, ValueError):
        return  # a stream without a file descriptor: its owner deals with it


def _stdout_failure(error: Exception) -> str | None:
    """Why stdout could not take the output, when that is what `error` is; else None."""
    if getattr(error, "salelog_stdout", False):
        return _tr(error.strerror or str(error))
    return None


def _saved(run) -> dict | None:
    """What the run committed, as the values of a "saved to {path}{done}" message; None: nothing."""
    if not run.committed:
        return None
    done = "; ".join(what for _, what in run.committed if what)
    return {"path": ", ".join(dict.fromkeys(path for path, _ in run.committed)), "done": f" ({done})" if done else ""}


def _unexpected(run, error: Exception) -> int:
    """An exception none of ours: stdout that cannot take the output (exit 1, saying
    what was saved), else a bug (exit 70, saying what was saved before it)."""
    reason, saved = _stdout_failure(error), _saved(run)
    if reason is not None:
        _silence_stdout()
        if saved is None:
            return report_error(SalelogError("cannot print the output: {reason}", None, reason=reason))
        return report_error(
            SalelogError(
                "saved to {path}{done}; the confirmation could not be printed: {reason}",
                "it is saved: do not run the command again",
                reason=reason,
                **saved,
            )
        )
    print(f"error: internal error: {type(error).__name__}: {error}", file=sys.stderr)
    if saved is not None:
        from .text import visible

        said = _tr("saved to {path}{done} before the error: do not run the command again").format(**saved)
        print(f"  {visible(said, one_line=True)}", file=sys.stderr)
    print("  " + _tr("this is a bug in salelog; rerun with SALELOG_DEBUG=1 to see where"), file=sys.stderr)
    return 70
