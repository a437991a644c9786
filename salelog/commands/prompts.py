"""Asking for an entry field by field, as `hledger add` does, when `salelog
visit add` is typed without a customer on a terminal.

Each answer is read as it is given, by the reader its option uses
(fields.read / read_values, names as store.find_customer resolves them), and a
bad one is asked again with its reason, so nothing typed is lost; what the user
could only have said with a flag (--new, --new-tag) is a yes/no question here.
The answers, still text, go to actions.visit.visit_add as the options would."""

import os
import sys

from .. import store
from ..context import Context
from ..errors import SalelogError
from ..fields import BY_KEY, LISTS, read, read_values
from ..i18n import tr
from ..text import check_name, visible

# The fields asked after the customer, in this order (fields.ENTRY_FIELDS keys);
# --at and --competitor stay options. Enter skips any of them.
ASKED = ("kind", "outcome", "amount", "needs", "feedback", "next", "next_date", "minutes", "tag")
YES = ("y", "yes", "是", "好")


def interactive() -> bool:
    """Whether we may ask questions: stdin is a terminal (SALELOG_INTERACTIVE=1/0
    overrides, for scripts and tests). Cron and pipes never get a prompt that hangs."""
    forced = os.environ.get("SALELOG_INTERACTIVE")
    return forced == "1" if forced in ("0", "1") else sys.stdin.isatty()


def confirm_on_a_terminal():
    """A delete command's question (typer.confirm, default no) where we may ask, else
    None: then the action refuses without --yes (actions/show.asked_first)."""
    if not interactive():
        return None
    import typer

    return lambda question: typer.confirm(question, default=False)


def ask_entry(run: Context, given: dict) -> dict:
    """The customer (completing from the archive), then each field of ASKED not
    already `given` on the command line -> visit_add's keyword arguments:
    customer, new, new_tag and the answers as typed. Kind and next step default
    to the customer's last entry; Enter accepts a default or skips; Ctrl-C aborts
    with nothing written."""
    if not interactive():
        raise SalelogError(tr("missing customer"), tr("give it: salelog visit add 张总 [options]"))
    conn = store.connect(run.db)
    with store.reading(conn):
        names = store.customer_names(conn)
    _complete_with(names)
    customer, new = _ask_customer(conn)
    with store.reading(conn):
        found = None if new else store.find_customer(conn, customer)
        last = (store.last_entry_of(conn, found[0]) if found else None) or {}
    answers = {"customer": customer, "new": new, "new_tag": False}
    from ..metrics import CONTACT_KINDS

    kind = last.get("kind") if last.get("kind") in CONTACT_KINDS else None  # not a won deal's booked sale
    defaults = {"kind": kind or _default_kind(), "next": last.get("next_step") or ""}
    for key in ASKED:
        if given.get(key) is not None:
            continue
        if key == "tag":
            answers["tag"], answers["new_tag"] = _ask_tags(conn)
        else:
            answers[key] = _ask_field(key, run.now, default=defaults.get(key, ""))
    return answers


LABELS = {
    "kind": "kind (visit/call/email/meeting/message)",
    "outcome": "outcome",
    "amount": "amount (e.g. 1.2w; Enter for none)",
    "needs": "needs (Enter to skip)",
    "feedback": "feedback: prices, competitors (Enter to skip)",
    "next": "next step",
    "next_date": "next date (e.g. fri, 周五)",
    "minutes": "minutes (e.g. 20, 1h; Enter to skip)",
    "tag": "tags (e.g. demo, 老客户; Enter to skip)",
}


def _ask_field(key: str, now, *, default: str) -> str | None:
    """One field's answer, asked until its reader takes it -> the text (None: skipped)."""
    field = BY_KEY[key]
    while True:
        text = _prompt(tr(LABELS[key]), default)
        if not text.strip():
            return None
        try:
            read(field, text, now, name="next step" if key == "next" else key)  # what its error calls it
        except SalelogError as e:
            _refused(e)
            continue
        return text


def _ask_tags(conn) -> tuple[list[str] | None, bool]:
    """Tags, read as --tag reads them; one close to a custom metric's name is kept
    only if the user says so -> (the text as a one-value list or None, new_tag)."""
    from ..actions.visit import check_tags

    (field,) = (f for f in LISTS if f.key == "tag")
    while True:
        text = _prompt(tr(LABELS["tag"]), "")
        if not text.strip():
            return None, False
        try:
            tags = read_values(field, [text], name="tags")
        except SalelogError as e:
            _refused(e)
            continue
        try:
            with store.reading(conn):
                check_tags(conn, tags)
        except SalelogError as e:  # "demos" beside the custom metric demo
            print(visible(e.message, one_line=True))
            if _yes(tr('keep "{tag}" as typed? [y/N]', tag=e.values.get("tag", text))):
                return [text], True
            continue
        return [text], False


def _ask_customer(conn) -> tuple[str, bool]:
    """A customer name, found as visit add finds it; an unknown name close to known
    ones offers them by number, or to create it -> (the name, whether to create it
    though it is close: visit add's --new)."""
    while True:
        typed = _prompt(tr("customer"), "")
        try:
            name = check_name(typed, "customer name", tr("type a name, e.g. 张总 (Ctrl-C to stop)"))
            with store.reading(conn):
                if store.find_customer(conn, name):
                    return name, False
                close = store.close_names(conn, name)
        except SalelogError as e:  # empty, not text, or the beginning of several names
            _refused(e)
            continue
        if not close:
            return name, False  # a new customer, as visit add NAME makes one
        print(tr('"{typed}" is not a customer yet; did you mean:', typed=visible(name, one_line=True)))
        for number, known in enumerate(close, 1):
            print(f"  {number}  {visible(known, one_line=True)}")
        answer = _prompt(tr("create new customer {name}? [y/N] (or a number above)", name=name), "").strip()
        if answer.isdigit() and 1 <= int(answer) <= len(close):
            return close[int(answer) - 1], False
        if answer.lower() in YES:
            return name, True


def ask_causes() -> list[str]:
    """review write on a terminal, a target short: which of the practice's three
    causes were behind it (review_periods.read_causes reads the answer; Enter
    skips) -> their ids; [] without a terminal."""
    from ..review_periods import read_causes

    if not interactive():
        return []
    while True:
        text = _prompt(tr("why was it short? 1 market, 2 strategy, 3 effort (e.g. 1,3; Enter to skip)"), "")
        try:
            return read_causes([text], tr("causes"))
        except SalelogError as e:
            _refused(e)


def _prompt(label: str, default: str) -> str:
    import typer

    return typer.prompt(label, default=default, show_default=bool(default))


def _yes(question: str) -> bool:
    return _prompt(question, "").strip().lower() in YES


def _refused(error: SalelogError) -> None:
    """The reason an answer was refused, on one line, before it is asked again."""
    reason = error.message if not error.hint else tr("{reason}; {hint}", reason=error.message, hint=error.hint)
    print(visible(reason, one_line=True))


def _complete_with(names: list[str]) -> None:
    try:
        import readline
    except ImportError:  # Windows without pyreadline: no completion, still works
        return

    def complete(text: str, state: int) -> str | None:
        matches = [n for n in names if n.startswith(text)]
        return matches[state] if state < len(matches) else None

    readline.set_completer(complete)
    readline.parse_and_bind("tab: complete")


def _default_kind() -> str:
    from .. import config

    return config.default_kind(config.load())
