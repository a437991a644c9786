"""salelog backup / doctor: a consistent copy of the database, taken safely while
another command writes, and a check of the file's health and privacy."""

import os
import stat
from typing import Annotated

import typer

from .. import clock, store
from ..errors import SalelogError
from ..text import plural, visible
from . import db_option

PRIVATE_FILE, PRIVATE_FOLDER = 0o600, 0o700


def backup(
    ctx: typer.Context,
    path: Annotated[
        str | None,
        typer.Argument(metavar="[PATH]", help="The new file, or a folder for it (default: salelog-DATE.db here)."),
    ] = None,
) -> None:
    """Copy the database to a new owner-only file, with SQLite's online backup: the
    copy is consistent even while another salelog (or cron) is writing. Never
    overwrites a file; the copy is checked with integrity_check.

    \b
    Examples:
      salelog backup                         salelog-2026-11-25.db in this folder
      salelog backup ~/backups/              the same name in that folder
      salelog backup /mnt/usb/sales.db
    """

    source = store.resolve_db_path(db_option(ctx))
    default_name = f"salelog-{clock.now():%Y-%m-%d}.db"
    dest = os.path.join(path, default_name) if path and os.path.isdir(path) else path or default_name
    if not os.path.isdir(os.path.dirname(os.path.abspath(dest))):
        raise SalelogError(f"folder {os.path.dirname(os.path.abspath(dest))} does not exist", "create it first")
    integrity = store.backup(source, dest)
    shown = visible(dest, one_line=True)
    if integrity != ["ok"]:
        raise SalelogError(
            f"the backup {shown} fails integrity_check: {visible(integrity[0], one_line=True)}",
            "the database itself may be damaged: run salelog doctor",
        )
    print(f"backed up {visible(source, one_line=True)} to {shown} ({_size(os.path.getsize(dest))}, integrity ok)")


def doctor(
    ctx: typer.Context,
    fix: Annotated[
        bool, typer.Option("--fix", help="Make the file owner-only (0600) and its folder private (0700).")
    ] = False,
) -> None:
    """Check the database: where it is, its size, its schema version against this
    salelog's, SQLite's integrity_check, and whether anyone else can read it. Exit
    status 1 when the file is damaged or from a newer salelog.

    \b
    Examples:
      salelog doctor
      salelog doctor --fix                   chmod 600 the file, 700 its folder
      salelog --db ~/old.db doctor
    """

    path = store.resolve_db_path(db_option(ctx))
    _line("database", visible(path, one_line=True))
    if not os.path.isfile(path):
        raise SalelogError(
            f"no salelog database at {path}", "one is created by the first salelog goal set or visit add"
        )
    wal = path + "-wal"
    extra = f" (+ {_size(os.path.getsize(wal))} write-ahead log)" if os.path.exists(wal) else ""
    _line("size", _size(os.path.getsize(path)) + extra)
    if os.name == "posix":
        _check_privacy(path, fix)
    info = store.inspect_database(path)
    problem = _report_contents(info)
    if problem:
        raise problem


def _report_contents(info: dict) -> SalelogError | None:
    """Print schema, integrity and row counts -> the problem found, if any."""
    version, known = info["user_version"], store.SCHEMA_VERSION
    state = "current" if version == known else "older: the next salelog command upgrades it" if version < known else ""
    _line("schema", f"{version} (this salelog knows {known}{'; ' + state if state else ''})")
    _line("journal", info["journal_mode"])
    integrity = info["integrity"]
    _line("integrity", "ok" if integrity == ["ok"] else "; ".join(visible(i, one_line=True) for i in integrity[:5]))
    if info["counts"]:
        from .exchange import NOUNS

        _line("rows", ", ".join(plural(n, *NOUNS[table]) for table, n in info["counts"].items()))
    if version > known:
        return SalelogError(f"the database was written by a newer salelog (schema {version})", "upgrade salelog")
    if integrity != ["ok"]:
        return SalelogError("the database fails integrity_check", "restore your latest backup (salelog backup)")
    return None


def _check_privacy(path: str, fix: bool) -> None:
    """Report (and with `fix` tighten) the file's and its folder's permissions."""
    folder = os.path.dirname(os.path.abspath(path))
    files = [p for p in (path, path + "-wal", path + "-shm") if os.path.exists(p)]
    for target, label, private in [(p, "file", PRIVATE_FILE) for p in files] + [(folder, "folder", PRIVATE_FOLDER)]:
        mode = stat.S_IMODE(os.stat(target).st_mode)
        name = label if target in (path, folder) else os.path.basename(target)
        if not mode & 0o077:
            _line(name, f"{mode:04o} (private)")
        elif not fix:
            _line(
                name, f"{mode:04o}  warning: others can {_who_can(mode)}; salelog doctor --fix makes it {private:04o}"
            )
        elif label == "folder" and folder in (os.path.expanduser("~"), os.path.abspath(os.sep)):
            _line(name, f"{mode:04o}  not changed: it is {folder}; keep the database in a folder of its own")
        else:
            os.chmod(target, mode & ~0o077)  # take away group and others only
            _line(name, f"{mode:04o} -> {mode & ~0o077:04o} (fixed)")


def _who_can(mode: int) -> str:
    return "read it" if mode & 0o044 else "write it" if mode & 0o022 else "enter it"


def _line(label: str, value: str) -> None:
    print(f"{label + ':':<11} {value}")


def _size(n: int) -> str:
    if n < 1024:
        return f"{n} bytes"
    return f"{n / 1024:.1f} KB" if n < 1024 * 1024 else f"{n / 1024 / 1024:.1f} MB"
