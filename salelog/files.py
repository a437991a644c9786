"""Files salelog writes for people (exports, reports): owner-only (0600), all or
nothing, into a folder that must exist."""

import os
from contextlib import contextmanager, suppress

from .errors import SalelogError
from .i18n import tr


def output_folder(path: str, *, option: str = "-o", example: str = "entries.csv") -> str:
    """The existing folder that `path` goes into; SalelogError (naming `option`) if there is none."""
    if os.path.isdir(path):
        raise SalelogError(
            tr("{path} is a folder", path=path), tr("give a file name, e.g. {example}", example=f"{option} {example}")
        )
    folder = os.path.dirname(os.path.abspath(path))
    if not os.path.isdir(folder):
        raise SalelogError(
            tr("folder {folder} does not exist", folder=folder),
            tr("create it first, or give another {option} path", option=option),
        )
    return folder


def write_private(path: str, data: bytes, *, option: str = "-o", example: str = "entries.csv") -> None:
    """Write `data` to `path`, owner-only (0600), all or nothing (private_file)."""
    with private_file(path, option=option, example=example) as file:
        file.write(data)


@contextmanager
def private_file(path: str, *, option: str = "-o", example: str = "entries.csv"):
    """A binary file to write that becomes `path`, owner-only (0600), all or nothing:
    a new file beside it, renamed over `path` once the block ends without error, so
    a failure leaves no half file (an export streams into it row by row)."""
    import tempfile

    folder = output_folder(path, option=option, example=example)
    try:
        # mkstemp: os.open(O_CREAT | O_EXCL, 0o600), whatever the umask; a fresh name, never a planted link
        fd, temp = tempfile.mkstemp(dir=folder, prefix=f".{os.path.basename(path)}.", suffix=".tmp")
    except OSError as e:
        raise SalelogError(
            tr("cannot write {path}: {reason}", path=path, reason=e.strerror), tr("choose a writable folder")
        ) from None
    try:
        with os.fdopen(fd, "wb") as file:
            yield file
            file.flush()
            os.fsync(file.fileno())
        os.replace(temp, path)
    except OSError as e:
        with suppress(FileNotFoundError):
            os.unlink(temp)
        raise SalelogError(
            tr("cannot write {path}: {reason}", path=path, reason=e.strerror), tr("nothing was written")
        ) from None
    except BaseException:
        with suppress(FileNotFoundError):
            os.unlink(temp)
        raise


def not_a_database(path: str, databases: list[str], *, option: str) -> None:
    """Refuse an output `path` that is one of `databases` (or their -wal/-shm):
    writing there would replace a logbook with a report."""
    ours = {os.path.realpath(db + end) for db in databases for end in ("", "-wal", "-shm")}
    if os.path.realpath(path) in ours:
        raise SalelogError(
            tr("{path} is the database itself", path=path), tr("give another {option} path", option=option)
        )
