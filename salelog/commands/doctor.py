"""salelog backup / doctor: a consistent copy of the database, taken safely while
another command writes, and a check of the file's health and privacy."""

import os
import stat
from typing import Annotated

import typer

from .. import clock, store
from ..errors import SalelogError
from ..i18n import chinese, tr, tr_n
from ..text import visible
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
                                             (then salelog-2026-11-25-2.db, ...)
      salelog backup ~/backups/              the same name in that folder
      salelog backup /mnt/usb/sales.db
    """

    source = store.resolve_db_path(db_option(ctx))
    default_name = f"salelog-{clock.now():%Y-%m-%d}.db"
    dest = os.path.join(path, default_name) if path and os.path.isdir(path) else path or default_name
    if not os.path.isdir(os.path.dirname(os.path.abspath(dest))):
        folder = os.path.dirname(os.path.abspath(dest))
        raise SalelogError(tr("folder {folder} does not exist", folder=folder), tr("create it first"))
    # The day's name is numbered when taken (a second backup that day); a PATH given is never replaced.
    dest, integrity = store.backup(source, dest, numbered=not path or os.path.isdir(path))
    shown = visible(dest, one_line=True)
    if integrity != ["ok"]:
        raise SalelogError(
            tr(
                "the backup {path} fails integrity_check: {problem}",
                path=shown,
                problem=visible(integrity[0], one_line=True),
            ),
            tr("the database itself may be damaged: run salelog doctor"),
        )
    print(
        tr(
            "backed up {source} to {path} ({size}, integrity ok)",
            source=visible(source, one_line=True),
            path=shown,
            size=_size(os.path.getsize(dest)),
        )
    )


def doctor(
    ctx: typer.Context,
    fix: Annotated[
        bool,
        typer.Option(
            "--fix",
            help="Make the file owner-only (0600) and its folder private (0700), "
            "and rebuild sums that differ from the log.",
        ),
    ] = False,
) -> None:
    """Check the database: where it is, its size, its schema version against this
    salelog's, SQLite's integrity_check, whether anyone else can read it, and whether
    the sums kept beside the log (each day's totals, what is owed, each customer's
    sales) still match it. Exit status 1 when the file is damaged, from a newer
    salelog, or its sums differ (another program wrote it: --fix rebuilds them).

    \b
    Examples:
      salelog doctor
      salelog doctor --fix                   chmod 600 the file, 700 its folder;
                                             rebuild sums that differ from the log
      salelog --db ~/old.db doctor
    """

    path = store.resolve_db_path(db_option(ctx))
    _line(tr("database"), visible(path, one_line=True))
    if not os.path.isfile(path):
        raise SalelogError(
            tr("no salelog database at {path}", path=path),
            tr("one is created by the first salelog goal set or visit add"),
        )
    wal = path + "-wal"
    extra = tr(" (+ {size} write-ahead log)", size=_size(os.path.getsize(wal))) if os.path.exists(wal) else ""
    _line(tr("size"), _size(os.path.getsize(path)) + extra)
    if os.name == "posix":
        _check_privacy(path, fix)
    info = store.inspect_database(path)
    problem = _report_contents(info) or _check_derived(path, info["derived"], fix)
    if problem:
        raise problem


def _check_derived(path: str, drift: dict[str, int] | None, fix: bool) -> SalelogError | None:
    """Report whether the sums kept beside the log (store/derived.py) still match it, and
    with `fix` rebuild those that do not -> the problem left, if any. They drift only
    when another program writes the file: salelog's own writes keep them."""
    if drift is None:  # damaged, or of another schema: said above
        return None
    stale = {table: n for table, n in drift.items() if n}
    if not stale:
        _line(tr("derived"), tr("ok"))
        return None
    said = tr(", ").join(
        tr_n(n, "{table} (1 row)", "{table} ({n} rows)", table=table, n=n) for table, n in stale.items()
    )
    if fix:
        store.rebuild_derived(path, list(stale))
        _line(tr("derived"), tr("{tables} rebuilt from the log (fixed)", tables=said))
        return None
    _line(tr("derived"), tr("{tables} differ from the log", tables=said))
    return SalelogError(
        tr("sums kept beside the log differ from it (was the file written by another program?)"),
        tr("salelog doctor --fix rebuilds them from the log"),
    )


def _report_contents(info: dict) -> SalelogError | None:
    """Print schema, integrity and row counts -> the problem found, if any."""
    version, known = info["user_version"], store.SCHEMA_VERSION
    if version == known:
        schema = tr("{version} (this salelog knows {known}; current)", version=version, known=known)
    elif version < known:
        schema = tr(
            "{version} (this salelog knows {known}; older: the next salelog command upgrades it)",
            version=version,
            known=known,
        )
    else:
        schema = tr("{version} (this salelog knows {known})", version=version, known=known)
    _line(tr("schema"), schema)
    _line(tr("journal"), info["journal_mode"])
    integrity = info["integrity"]
    problems = "; ".join(visible(i, one_line=True) for i in integrity[:5])
    _line(tr("integrity"), tr("ok") if integrity == ["ok"] else problems)
    if info["counts"]:
        from .exchange import counted

        _line(tr("rows"), tr(", ").join(counted(n, table) for table, n in info["counts"].items()))
    if version > known:
        return SalelogError(
            tr("the database was written by a newer salelog (schema {version})", version=version),
            tr("upgrade salelog"),
        )
    if integrity != ["ok"]:
        return SalelogError(tr("the database fails integrity_check"), tr("restore your latest backup (salelog backup)"))
    return None


def _check_privacy(path: str, fix: bool) -> None:
    """Report (and with `fix` tighten) the file's and its folder's permissions."""
    folder = os.path.dirname(os.path.abspath(path))
    files = [p for p in (path, path + "-wal", path + "-shm") if os.path.exists(p)]
    for target, label, private in [(p, "file", PRIVATE_FILE) for p in files] + [(folder, "folder", PRIVATE_FOLDER)]:
        mode = stat.S_IMODE(os.stat(target).st_mode)
        name = tr(label) if target in (path, folder) else os.path.basename(target)
        shown = f"{mode:04o}"
        if not mode & 0o077:
            _line(name, tr("{mode} (private)", mode=shown))
        elif label == "folder" and _shared(folder):
            # /tmp and the like: others' files live there too; making it 0700 would lock them out.
            _line(
                name,
                tr(
                    "{mode}  a shared folder, not changed: keep the database in a folder of its own",
                    mode=shown,
                ),
            )
        elif not fix:
            _line(
                name,
                tr(
                    "{mode}  warning: others can {who}; salelog doctor --fix makes it {private}",
                    mode=shown,
                    who=_who_can(mode),
                    private=f"{private:04o}",
                ),
            )
        elif label == "folder" and folder in (os.path.expanduser("~"), os.path.abspath(os.sep)):
            _line(
                name,
                tr(
                    "{mode}  not changed: it is {folder}; keep the database in a folder of its own",
                    mode=shown,
                    folder=folder,
                ),
            )
        else:
            os.chmod(target, mode & ~0o077)  # take away group and others only
            _line(name, tr("{mode} -> {fixed} (fixed)", mode=shown, fixed=f"{mode & ~0o077:04o}"))


def _shared(folder: str) -> bool:
    """A folder others keep files in: sticky (like /tmp), or not the user's own."""
    info = os.stat(folder)
    return bool(info.st_mode & stat.S_ISVTX) or (hasattr(os, "getuid") and info.st_uid != os.getuid())


def _who_can(mode: int) -> str:
    return tr("read it") if mode & 0o044 else tr("write it") if mode & 0o022 else tr("enter it")


def _line(label: str, value: str) -> None:
    if chinese():  # labels of wide characters: pad to the same screen width
        from ..sheet import cells

        width = cells(label + "：", guess=True)
        print(f"{label}：{' ' * max(0, 12 - width)} {value}")
        return
    print(f"{label + ':':<11} {value}")


def _size(n: int) -> str:
    if n < 1024:
        return tr("{n} bytes", n=n)
    return f"{n / 1024:.1f} KB" if n < 1024 * 1024 else f"{n / 1024 / 1024:.1f} MB"
