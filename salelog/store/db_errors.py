"""SQLite's errors told in one line: what is wrong with the file and what to do.
Loaded only when something went wrong (store/db.py's errors_explained)."""

import os

from ..errors import SalelogError
from ..i18n import tr
from .db import SCHEMA_VERSION, _is_busy, busy_timeout_seconds
from .engine import sqlite3

# Less free space than this where an SQLite write failed with a bare "disk I/O
# error" means the disk is full (the -shm file alone needs 32 KiB).
LOW_SPACE = 1 << 20


def written_by_newer(path: str, version: int) -> SalelogError:
    """The refusal of a database of a newer schema than this salelog knows."""
    return SalelogError(
        tr(
            "database {path} was written by a newer salelog (schema {version}; this one knows {known})",
            path=path,
            version=version,
            known=SCHEMA_VERSION,
        ),
        tr("upgrade salelog: pip install -U salelog; the file was not changed"),
    )


def disk_full(e: sqlite3.DatabaseError, path: str) -> bool:
    """Whether writing `path` failed for want of space: SQLite says so ("database or
    disk is full"), or says only "disk I/O error" (as when it cannot grow a new
    -shm file) while the file's folder has less than LOW_SPACE bytes left."""
    text = str(e).lower()
    if "full" in text:
        return True
    if "disk i/o error" not in text:
        return False
    try:
        space = os.statvfs(os.path.dirname(os.path.abspath(path)))
    except OSError:
        return False
    return space.f_bavail * space.f_frsize < LOW_SPACE


def write_failed(e: sqlite3.DatabaseError) -> bool:
    """Whether SQLite failed writing a file (no space, an I/O error, read-only) rather than reading one."""
    text = str(e).lower()
    return "full" in text or "disk i/o error" in text or "readonly" in text or "read-only" in text


def explain(e: sqlite3.DatabaseError, path: str) -> None:
    if isinstance(e, sqlite3.OperationalError):
        text = str(e)
        if _is_busy(e):
            raise SalelogError(
                tr(
                    "database {path} stayed locked for {seconds}s by another program",
                    path=path,
                    seconds=f"{busy_timeout_seconds():g}",
                ),
                tr(
                    "close whatever holds it (another salelog, sqlite3, a sync tool) and try again; nothing was written"
                ),
            ) from None
        if ("readonly" in text or "unable to open" in text) and _folder_not_ours(path):
            # SQLite writes beside the logbook (its -shm) even to read it.
            raise SalelogError(
                tr(
                    "database {path}: its folder cannot be written, and SQLite writes beside a logbook even to read it",
                    path=path,
                ),
                tr("make the folder writable, or copy the logbook to one that is (salelog --db FILE backup COPY)"),
            ) from None
        if "readonly" in text or "read-only" in text:
            raise SalelogError(
                tr("database {path} is read-only", path=path),
                tr("fix its permissions (chmod u+w) or those of its folder"),
            ) from None
        if disk_full(e, path):
            raise SalelogError(
                tr("disk full while writing {path}", path=path), tr("free some space; nothing was written")
            ) from None
        if "unable to open" in text:
            raise SalelogError(
                tr("cannot open database {path}", path=path), tr("check the path and its permissions")
            ) from None
        raise SalelogError(tr("database {path}: {reason}", path=path, reason=text), tr("run: salelog doctor")) from None
    if "not a database" in str(e) or "malformed" in str(e):
        raise SalelogError(
            tr("{path} is not a salelog database (not SQLite, or damaged)", path=path),
            tr("point --db or SALELOG_DB at your salelog database; restore a backup if it was damaged"),
        ) from None
    raise SalelogError(tr("database {path}: {reason}", path=path, reason=e), tr("run: salelog doctor")) from None


def _folder_not_ours(path: str) -> bool:
    """Whether the logbook `path` exists in a folder this user cannot write."""
    import os

    return os.path.exists(path) and not os.access(os.path.dirname(os.path.realpath(path)) or ".", os.W_OK)
