"""config set name: what the logbook keeps about its owner, and who it belongs to."""

from .. import store
from ..context import Context
from ..errors import SalelogError
from ..i18n import tr
from ..text import check_name, visible


def set_logbook_setting(run: Context, *, key: str, value: str) -> None:
    """Keep `value` under `key` in the logbook itself (an empty value forgets it)."""
    if key not in store.LOGBOOK_KEYS:
        raise SalelogError(tr("{key} is not kept in the logbook", key=key))
    text = check_name(value, "name") if value.strip() else None
    conn = store.connect(run.db)
    with store.writing(conn, undo_as=f"config set {key}"):
        store.set_setting(conn, key, text)
    path = store.resolve_db_path(run.db)
    if text is None:
        print(tr("{key} forgotten in the logbook {path}", key=key, path=visible(path, one_line=True)))
    else:
        shown = visible(text, one_line=True)
        print(tr("{key} = {value} in the logbook {path}", key=key, value=shown, path=visible(path, one_line=True)))


def owner_name(conn) -> str | None:
    """The name the logbook's owner gave it (config set name), or None."""
    return store.setting(conn, "name")
