"""salelog export / import: the log, the customer archive, targets, follow-ups and
tasks out to CSV, Excel, JSON, Markdown or a calendar; entries and customers in
from CSV or Excel, all or nothing."""

import os
import sys
from collections.abc import Iterable
from contextlib import contextmanager
from datetime import datetime
from typing import Annotated

import typer

from .. import clock, store
from ..errors import SalelogError
from ..files import output_folder as _output_folder
from ..files import private_file
from ..i18n import chinese, kind_name, tr, tr_n
from ..text import plural, visible
from . import db_option

# Each table's rows, one and many, for messages.
NOUNS = {
    "entries": ("entry", "entries"),
    "customers": ("customer", "customers"),
    "goals": ("goal", "goals"),
    "followups": ("follow-up", "follow-ups"),
    "tasks": ("task", "tasks"),
    "deals": ("deal", "deals"),
    "cancellations": ("cancellation", "cancellations"),
    "payments": ("payment", "payments"),
    "contracts": ("contract", "contracts"),
}
MONEY_TABLES = ("payments", "cancellations")  # imported against the sales, deals and customers already there


def counted(n: int, table: str) -> str:
    """'3 entries', '1 customer' ('3 条记录', '1 个客户')."""
    if not chinese():
        return plural(n, *NOUNS[table])
    words = {
        "entries": lambda: tr("{n} entries", n=n),
        "customers": lambda: tr("{n} customers", n=n),
        "goals": lambda: tr("{n} goals", n=n),
        "followups": lambda: tr("{n} follow-ups", n=n),
        "tasks": lambda: tr("{n} tasks", n=n),
        "deals": lambda: tr("{n} deals", n=n),
        "cancellations": lambda: tr("{n} cancellations", n=n),
        "payments": lambda: tr("{n} payments", n=n),
        "contracts": lambda: tr("{n} contracts", n=n),
    }
    return words[table]()


def export(
    ctx: typer.Context,
    table: Annotated[
        str,
        typer.Argument(
            metavar="TABLE",
            help="entries, customers, goals, followups, tasks, deals, contracts, cancellations or payments"
            " (记录/客户/目标/跟进/任务/商机/合同/取消/回款).",
        ),
    ],
    fmt: Annotated[
        str | None,
        typer.Option(
            "--format",
            "-f",
            metavar="FORMAT",
            help="csv, json, jsonl, xlsx, ics, md (default: -o's extension, else csv).",
        ),
    ] = None,
    output: Annotated[
        str | None, typer.Option("--output", "-o", metavar="FILE", help="Write to FILE (owner-only) instead of stdout.")
    ] = None,
    since: Annotated[str | None, typer.Option("--since", metavar="DATE", help="From this day on (inclusive).")] = None,
    until: Annotated[str | None, typer.Option("--until", metavar="DATE", help="Up to this day (inclusive).")] = None,
    encoding: Annotated[
        str,
        typer.Option(
            "--encoding",
            metavar="ENCODING",
            help="CSV only: utf-8-sig (with a BOM, for Excel and WPS), gb18030 (older Excel), utf-8.",
        ),
    ] = "utf-8-sig",
) -> None:
    """Export a table to a file for a spreadsheet, a script, a document or a calendar.

    CSV and xlsx have a header row and a column per field (entries and customers
    without ids, so that `salelog import` reads them back unchanged); json and
    jsonl have the fields of the --json lists; ics makes all-day calendar events of
    dated follow-ups and tasks, which a newer export updates rather than
    duplicates. --since/--until select entries by time, follow-ups and tasks by
    due date, goals by period, customers by when they were added.

    \b
    Examples:
      salelog export entries -o entries.csv            opens in Excel and WPS
      salelog export entries --since 2026-11-01 -o nov.xlsx
      salelog export customers --format json > customers.json
      salelog export followups -o followups.ics        import into your calendar
      salelog export entries --since mon --format md
      salelog export deals -o deals.xlsx
    """
    from .. import exchange
    from ..parse import parse_since_until

    now = clock.now()
    name = exchange.table_name(table)
    kind = exchange.format_name(fmt, output)
    _check_export(name, kind, output, encoding, store.resolve_db_path(db_option(ctx)))
    lower, upper = parse_since_until(since, until, now)  # 上个月: from its first day to its last
    conn = store.connect(db_option(ctx), create=False)
    with store.reading(conn), _temporaries_beside(output if kind == "xlsx" else None):
        records = _records(conn, name, lower, upper, now)  # entries: read as they are written
        if output is None:
            exchange.write(name, records, kind, sys.stdout.buffer, encoding=encoding, now=now)
            sys.stdout.buffer.flush()
            return
        with private_file(output) as file:
            n = exchange.write(name, records, kind, file, encoding=encoding, now=now)
    shown = visible(output, one_line=True)
    print(
        tr("exported {things} to {path} ({format})", things=counted(n, name), path=shown, format=kind),
        file=sys.stderr,
    )


def _check_export(table: str, kind: str, output: str | None, encoding: str, database: str) -> None:
    """Refuse, before the database is opened, what cannot be written."""
    from ..exchange import CALENDAR_DAY, ENCODINGS

    if kind == "xlsx" and output is None:
        raise SalelogError(
            tr("xlsx is a binary file, not for the terminal"), tr("give -o FILE, e.g. -o {table}.xlsx", table=table)
        )
    if kind == "ics" and table not in CALENDAR_DAY:
        raise SalelogError(
            tr("{table} have no dates for a calendar", table=table), tr("ics exports followups, tasks or contracts")
        )
    if encoding not in ENCODINGS:
        raise SalelogError(
            tr('unknown encoding "{encoding}"', encoding=encoding[:40]),
            tr("encodings: {encodings}", encodings=", ".join(ENCODINGS)),
        )
    if output is not None:
        _output_folder(output)
        if os.path.realpath(output) in {os.path.realpath(database + end) for end in ("", "-wal", "-shm")}:
            raise SalelogError(tr("{path} is the database itself", path=output), tr("give another -o path"))


def _records(conn, table: str, lower, upper, now: datetime) -> Iterable[dict]:
    """The table's records (exchange's shape) within lower..upper (dates or None);
    entries one at a time, oldest first, as a log reads."""
    from datetime import timedelta

    from .. import exchange, report

    if table == "entries":
        until = (upper + timedelta(days=1)).isoformat() if upper else None
        return exchange.entry_records(store.iter_entries(conn, lower.isoformat() if lower else None, until))
    if table == "customers":
        cards = store.customer_cards(conn, f"{now.year}-01-01 00:00:00")
        return report.customer_rows(exchange.between(cards, "created_at", lower, upper), now.date())
    if table == "goals":
        bounds = (lower.isoformat() if lower else None, upper.isoformat() if upper else None)
        return exchange.goal_records(store.goals_in_force(conn, *bounds))
    if table == "followups":
        rows = report.followup_rows(store.open_followups(conn, include_done=True), now.date())
        return exchange.between(rows, "due_date", lower, upper)
    if table == "contracts":
        from ..actions.contract import contract_rows

        return exchange.between(contract_rows(store.list_contracts(conn), now.date()), "ends", lower, upper)
    if table == "deals":
        from ..deals import deal_record, ladder

        stages = ladder()
        records = [deal_record(row, stages) for row in store.list_deals(conn)]
        return exchange.between(records, "created", lower, upper)
    if table == "cancellations":
        return exchange.between(exchange.cancellation_records(store.list_cancellations(conn)), "at", lower, upper)
    if table == "payments":
        return exchange.between(exchange.payment_records(store.payments_for_export(conn)), "at", lower, upper)
    from ..report import task_rows

    rows = task_rows(store.tasks(conn, include_closed=True), now.date())
    return exchange.between(rows, "due", lower, upper)


@contextmanager
def _temporaries_beside(path: str | None):
    """While open, the tempfile module's files (openpyxl writes each sheet to one
    before zipping it) go into a new owner-only folder beside `path`, not the
    shared system temp folder; the folder is removed after. None: no change."""
    import shutil
    import tempfile

    if path is None:
        yield
        return
    folder = _output_folder(path)
    try:
        private = tempfile.mkdtemp(dir=folder, prefix=f".{os.path.basename(path)}.")  # 0700, whatever the umask
    except OSError as e:
        raise SalelogError(
            tr("cannot write {path}: {reason}", path=path, reason=e.strerror), tr("choose a writable folder")
        ) from None
    saved, tempfile.tempdir = tempfile.tempdir, private  # mkstemp there: files 0600
    try:
        yield
    finally:
        tempfile.tempdir = saved
        shutil.rmtree(private, ignore_errors=True)


def import_table(
    ctx: typer.Context,
    table: Annotated[
        str,
        typer.Argument(
            metavar="TABLE",
            help="entries, customers, deals, payments or cancellations (记录/客户/商机/回款/取消).",
        ),
    ],
    file: Annotated[str, typer.Argument(metavar="FILE", help="A .csv or .xlsx file with a header row.")],
    dry_run: Annotated[
        bool, typer.Option("--dry-run", "-n", help="Show what would be imported; write nothing.")
    ] = False,
    new: Annotated[
        bool, typer.Option("--new", help="Create new customers even if a known name is close to theirs.")
    ] = False,
    encoding: Annotated[
        str,
        typer.Option("--encoding", metavar="ENCODING", help="CSV only: auto (UTF-8, else GB18030), utf-8, gb18030."),
    ] = "auto",
    maps: Annotated[
        list[str] | None,
        typer.Option("--map", metavar="FIELD=COLUMN", help="deals: the file's column for a field; repeat for more."),
    ] = None,
    stage_maps: Annotated[
        list[str] | None,
        typer.Option("--stage-map", metavar="FROM=TO", help="deals: a stage of the file as one of ours; repeatable."),
    ] = None,
    skip_bad_rows: Annotated[
        bool,
        typer.Option(
            "--skip-bad-rows", help="deals, payments, cancellations: import the good rows and list the bad ones."
        ),
    ] = False,
) -> None:
    """Import entries, customers, a CRM's deals, payments or cancellations from a CSV or Excel file, all or nothing.

    Columns are found by their header, in English or Chinese: for entries
    customer/客户, at/date/日期 (and time/时间), kind/类型, amount/金额,
    outcome/结果/备注, needs/需求, feedback/反馈, next/下一步, next_date/下次日期,
    minutes/时长, tags/标签; for customers name/客户/姓名, company/公司,
    class/等级/分类, phone/电话, email/邮箱, wechat/微信, note/备注, tags/标签,
    aliases/别名. Every cell is read as on the command line (50万, 昨天下午3点,
    电话); the first bad cell stops the import, naming its row and column, and
    nothing is written. Names are resolved as visit add resolves them: a new
    customer whose name is close to a known one (张总总 beside 张总) stops the
    import, listing the rows, unless --new creates them as given. Importing a
    file twice adds nothing: a customer already there is skipped (its card's
    empty fields filled from the row, nothing replaced), and so is an entry
    whose id (a column id/编号) was imported before, or, without an id,
    whose every field the logbook already holds as often as the file does (two
    identical rows in one file are two contacts). salelog undo reverts an
    import.

    Deals (a CRM's export: Salesforce, HubSpot, Pipedrive, 纷享销客...): id,
    customer (Account Name, Company, Organization, 客户), title (Opportunity
    Name, Deal Name, 商机名称), value (Amount, 金额: $, USD, ¥, RMB, 元), stage
    (Stage, Deal Stage, 阶段; Closed Won, Won), status (Pipedrive's won/lost),
    created, close (Close Date, 预计成交日期: ISO, 2017/3/1, 3/1/2017, Excel
    serials), source, note, lost reason. Other columns are ignored, with a
    note. The same file again changes nothing; a changed stage moves the deal;
    a won deal with a value and a close date books its revenue then, once, as
    a sale with no contact (a close date still to come: now, as the summary
    line says).

    Payments and cancellations (what export payments and export cancellations
    write): customer, amount, at, and the sale they belong to by its time and
    amount (sale_at, sale), a payment's deal by its title (deal_title), note,
    a cancellation's reason; the ids of the logbook that exported them are not
    read. Import the entries (and deals) first: a row whose customer, sale or
    deal is not in the logbook is refused, as is a cancellation visit cancel
    would refuse. A row already there is skipped, as for entries.

    \b
    Examples:
      salelog import entries visits.csv --dry-run
      salelog import entries visits.xlsx
      salelog import entries visits.csv --new             张总总 is not 张总
      salelog import customers 客户.csv --encoding gb18030
      salelog import deals crm.csv --stage-map "Verbal Yes=negotiation" --dry-run
      salelog import deals deals.xlsx --map customer=Client --skip-bad-rows
      salelog import payments payments.csv --dry-run
      salelog import cancellations cancellations.xlsx --skip-bad-rows
    """
    from .. import exchange

    now = clock.now()
    name = exchange.table_name(table)
    if name not in exchange.IMPORTABLE:
        raise SalelogError(
            tr("cannot import {table}", table=name), tr("import entries, customers, deals, payments or cancellations")
        )
    if name != "deals" and (maps or stage_maps):
        raise SalelogError(tr("--map and --stage-map are for deals"), tr("import deals FILE ..."))
    if name in ("entries", "customers") and skip_bad_rows:
        raise SalelogError(
            tr("--skip-bad-rows is for deals, payments and cancellations"),
            tr("an entries or customers file imports all or nothing: correct the row named"),
        )
    headers, rows = exchange.read_table(file, encoding=encoding)
    if name == "deals":
        parsed, bad = _parse_deals(headers, rows, now, maps, stage_maps, skip_bad_rows)
    elif name in MONEY_TABLES:
        from ..exchange_money import parse_money_rows

        parsed, bad = parse_money_rows(name, headers, rows, now, skip_bad_rows=skip_bad_rows)
    else:
        parsed, bad = (
            (
                exchange.parse_entries(headers, rows, now)
                if name == "entries"
                else exchange.parse_customers(headers, rows)
            ),
            [],
        )
    path = store.resolve_db_path(db_option(ctx))
    if dry_run:
        summary = _dry_run(path, name, parsed, now, new, skip_bad_rows)
    else:
        if not new and not os.path.exists(path):
            _refuse_close_names(None, name, parsed)  # before a refused import creates the logbook
        conn = store.connect(db_option(ctx), create=name not in MONEY_TABLES)  # money needs its sales
        summary = _import_for_real(conn, name, file, parsed, now, new, skip_bad_rows)
    _print_import(name, file, summary, dry_run)
    _print_bad_rows(sorted(bad + summary.get("bad", []), key=lambda b: b["row"]))


def _parse_deals(headers, rows, now, maps, stage_maps, skip_bad_rows) -> tuple[list[dict], list[dict]]:
    """A deals file's rows checked (salelog/exchange_deals.py) -> (deals, bad rows);
    the columns it ignores are said once, on stderr."""
    from .. import exchange_deals
    from ..deals import ladder

    columns, ignored = exchange_deals.map_deal_columns(
        headers, exchange_deals.parse_mapping(maps, "--map", exchange_deals.FIELDS)
    )
    if ignored:
        shown = ", ".join(visible(h, one_line=True) for h in ignored)
        print(tr("note: columns ignored: {columns}", columns=shown), file=sys.stderr)
    stage_map = exchange_deals.parse_mapping(stage_maps, "--stage-map")
    rows = list(rows)
    parsed = exchange_deals.parse_deal_rows(
        headers, rows, columns, now, stages=ladder(), stage_map=stage_map, skip_bad_rows=skip_bad_rows
    )
    if "value" in columns:  # a CRM's "$12,500.00": the figure is kept, with no exchange rate to apply
        index = columns["value"][0]
        dollars = sum(1 for _, row in rows if index < len(row) and exchange_deals.CURRENCY.search(row[index] or ""))
        if dollars:
            print(
                tr_n(
                    dollars,
                    "note: 1 value in dollars ($, USD) is kept as the figure written: no exchange rate is applied",
                    "note: {n} values in dollars ($, USD) are kept as the figures written: no exchange rate is applied",
                    n=dollars,
                ),
                file=sys.stderr,
            )
    return parsed


def _print_bad_rows(bad: list[dict]) -> None:
    """--skip-bad-rows: the rows left out, with their reasons, and how many."""
    for row in bad[:SHOWN]:
        print(tr("skipped {reason}", reason=visible(row["reason"], one_line=True)))
    if bad:
        more = tr(" (and {n} more)", n=len(bad) - SHOWN) if len(bad) > SHOWN else ""
        print(tr_n(len(bad), "skipped {n} bad row", "skipped {n} bad rows", n=len(bad)) + more)


def _import(conn, table: str, parsed: list[dict], now: datetime, new: bool, skip_bad_rows: bool = False) -> dict:
    """Import checked rows inside the caller's transaction; unless `new`, first
    refuse new names close to known ones (before anything is written)."""
    if table == "payments":
        return store.import_payments(conn, parsed, now, skip_bad_rows=skip_bad_rows)
    if table == "cancellations":
        return store.import_cancellations(conn, parsed, now, skip_bad_rows=skip_bad_rows)
    if not new:
        _refuse_close_names(conn, table, parsed)
    if table == "entries":
        return store.import_entries(conn, parsed, now)
    if table == "deals":
        from ..metrics import SALE

        return store.import_deals(conn, parsed, now, kind=SALE)  # a won deal's revenue: no contact happened
    return store.import_customers(conn, parsed, now)


def _refuse_close_names(conn, table: str, parsed: list[dict]) -> None:
    """visit add's name rule over a whole file: a customer the file would create
    whose name is close to a known one (in `conn`; None: a logbook not made yet),
    or to one an earlier row creates, is a SalelogError listing every such name,
    its rows and the closest names."""
    from ..names import CloseIndex, name_key, sound_alike, sounds

    if table in MONEY_TABLES:
        return  # they create no customer

    field = "name" if table == "customers" else "customer"
    created: dict[str, str] = {}  # name_key -> name, of the customers the file creates
    spelt = CloseIndex()  # the same names, to find those close to a later row's
    known_spelt = None  # the logbook's names, indexed at the first new name
    heard: dict[str, list[tuple[str, str]]] = {}  # their folded sound -> (name, pinyin): 章总 beside 张总
    close: dict[str, tuple[str, list[int], list[str]]] = {}  # name_key -> (name, rows, closest names)
    for row in sorted(parsed, key=lambda r: r["row"]):
        typed = row[field]
        key = name_key(typed)
        if key in close:
            close[key][1].append(row["row"])
            continue
        if key in created or (conn is not None and _known(conn, table, typed)):
            continue
        known = []
        if conn is not None:
            known_spelt = known_spelt or store.known_names_index(conn)  # once: the file's new names are many
            known = store.close_names(conn, typed, known_spelt)
        sound, folded = sounds(typed)
        alike = [name for name, said in heard.get(folded, []) if sound_alike(typed, sound, name, said)]
        near = known or spelt.close(typed) or alike
        if near:
            close[key] = (typed, [row["row"]], near)
        else:
            created[key] = typed
            spelt.add(typed)
            heard.setdefault(folded, []).append((typed, sound))
    if close:
        # Names with the same closest names go on one line: 300 rows close to one
        # known name are one line, not 300.
        groups: dict[tuple, tuple[list[str], list[int]]] = {}
        for typed, rows, near in close.values():
            names, numbers = groups.setdefault(tuple(near), ([], []))
            names.append(tr('"{name}"', name=typed))
            numbers.extend(rows)
        listed = [
            tr(
                "{names} ({rows}): did you mean {known}?",
                names=_some(names),
                rows=_rows(sorted(numbers)),
                known=tr(" or ").join(near),
            )
            for near, (names, numbers) in list(groups.items())[:SHOWN]
        ]
        more = tr(" (and {n} more)", n=len(groups) - SHOWN) if len(groups) > SHOWN else ""
        raise SalelogError(
            tr("new customers close to known ones: {names}", names=" ".join(listed)) + more,
            tr("correct the names in the file, or add --new to create them as given; nothing was imported"),
        )


SHOWN = 10  # names, rows or lines of a long list shown before "and N more"


def _some(items: list[str]) -> str:
    """'a, b, c', or the first SHOWN of them and how many more."""
    shown = tr(", ").join(items[:SHOWN])
    return shown + (tr(" and {n} more", n=len(items) - SHOWN) if len(items) > SHOWN else "")


def _rows(numbers: list[int]) -> str:
    """'row 3', 'rows 3, 7', 'rows 3, 4, … and 290 more'."""
    if len(numbers) == 1:
        return tr("row {row}", row=numbers[0])
    return tr("rows {rows}", rows=_some([str(n) for n in numbers]))


def _known(conn, table: str, typed: str) -> bool:
    """Whether the import finds `typed` rather than creating it (as store.import_entries
    or store.import_customers will)."""
    if table == "customers":
        return store.name_taken(conn, typed) is not None
    try:
        return store.find_customer(conn, typed, prefix=False) is not None
    except SalelogError:
        return True  # several customers share the spelling: the import itself says which row


class _Rollback(Exception):
    """Raised inside the import's transaction to roll it back: a dry run, or an
    import that changes nothing (and so leaves nothing for salelog undo)."""


def _import_for_real(
    conn, table: str, file: str, parsed: list[dict], now: datetime, new: bool, skip_bad_rows: bool
) -> dict:
    """Import in one transaction that salelog undo reverts as a whole -> the summary."""
    try:
        with store.writing(conn, undo_as=f"import {table} {file}"):
            summary = _import(conn, table, parsed, now, new, skip_bad_rows)
            linked = summary.get("linked", 0)  # entries logged earlier that now keep their row's id
            if not summary["added"] and not linked and not summary.get("updated") and not summary.get("filled"):
                raise _Rollback(summary)
            also = tr(", {n} given their file's id", n=linked) if linked else ""
            also += tr(", {n} updated", n=len(summary["updated"])) if summary.get("updated") else ""
            also += tr(", {n} filled", n=len(summary["filled"])) if summary.get("filled") else ""
            added = tr(" ({n} added{also})", n=len(summary["added"]), also=also)
            store.relabel(conn, f"import {table} {os.path.basename(file)}{added}")
            summary["rewards"] = store.rewards_reached_by(conn) if table == "entries" else []
    except _Rollback as nothing:
        return nothing.args[0]
    return summary


def _dry_run(path: str, table: str, parsed: list[dict], now: datetime, new: bool, skip_bad_rows: bool) -> dict:
    """The import's summary, computed by importing in a transaction that is then
    rolled back (in a scratch database when there is none yet)."""
    with _database_or_scratch(path) as conn:
        try:
            with store.writing(conn):
                raise _Rollback(_import(conn, table, parsed, now, new, skip_bad_rows))
        except _Rollback as done:
            return done.args[0]


@contextmanager
def _database_or_scratch(path: str):
    """The database at `path`, or an empty one in a private temporary folder."""
    import tempfile

    if os.path.exists(path):
        conn = store.open_db(path, create=False)
        try:
            yield conn
        finally:
            conn.close()
        return
    with tempfile.TemporaryDirectory() as folder:
        scratch = os.path.join(folder, "dry-run.db")
        os.close(os.open(scratch, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600))  # made here: open_db stays quiet
        conn = store.open_db(scratch)
        try:
            yield conn
        finally:
            conn.close()


def _print_import(table: str, file: str, summary: dict, dry_run: bool) -> None:
    """What was (or would be) imported."""
    from ..money import show_amount

    added, skipped, new = summary["added"], summary["skipped"], summary.get("new_customers", [])
    if dry_run:
        lines = [(a["row"], tr("add {what}", what=_described(table, a, show_amount))) for a in added]
        lines += [(s["row"], tr("skip, {reason}", reason=_already(table, s))) for s in skipped]
        lines += [(f["row"], _filled(f)) for f in summary.get("filled", [])]
        lines += [
            (u["row"], tr("update deal #{id} {title}", id=u["id"], title=visible(u["title"], one_line=True)))
            for u in summary.get("updated", [])
        ]
        for row, line in sorted(lines):
            print(tr("row {row}: {line}", row=row, line=line))
    shown, things = visible(file, one_line=True), counted(len(added), table)
    if dry_run:
        line = tr("would import {things} from {file}", things=things, file=shown)
    else:
        line = tr("imported {things} from {file}", things=things, file=shown)
    if new:
        names = _some([visible(n, one_line=True) for n in new])
        count = tr("{n} new customers", n=len(new)) if chinese() else plural(len(new), "new customer")
        line += tr(" ({new}: {names})", new=count, names=names)
    if summary.get("updated"):
        line += tr("; updated {n}", n=len(summary["updated"]))
    if summary.get("booked"):
        line += tr("; revenue booked for {n} won", n=summary["booked"])
    if summary.get("booked_now"):
        line += tr(" ({n} with a close date still to come: booked now)", n=summary["booked_now"])
    if summary.get("filled"):
        line += tr("; filled the empty fields of {n} already there", n=len(summary["filled"]))
    if skipped:
        line += tr("; skipped {n} already there", n=len(skipped))
    print(line + (tr("; nothing written (--dry-run)") if dry_run else ""))
    if not dry_run:
        for f in summary.get("filled", []):
            print(_filled(f))
    if summary.get("rewards"):  # the rewards its rows were the first to reach, said once as visit add says them
        from ..actions.rewards import reached_lines

        print("\n".join(reached_lines(summary["rewards"])))


def _filled(filled: dict) -> str:
    """A customer already there whose empty fields a row filled."""
    fields = ", ".join(tr(f) for f in filled["fields"])
    return tr("fill {name}'s empty {fields}", name=visible(filled["name"], one_line=True), fields=fields)


def _described(table: str, added: dict, show_amount) -> str:
    if table == "payments":
        return tr(
            "payment of {amount} from {customer} at {at}",
            amount=show_amount(added["amount_fen"]),
            customer=visible(added["customer"], one_line=True),
            at=added["at"][:16],
        )
    if table == "cancellations":
        return tr(
            "cancellation of {amount} of sale #{entry} ({customer}) at {at}",
            amount=show_amount(added["amount_fen"]),
            entry=added["entry"],
            customer=visible(added["customer"], one_line=True),
            at=added["at"][:16],
        )
    if table == "customers":
        return visible(added["name"], one_line=True)
    if table == "deals":
        from ..deals import stage_label

        who = visible(added["customer"], one_line=True) + (tr(" (new customer)") if added.get("creates") else "")
        value = f" · {show_amount(added['value_fen'])}" if added["value_fen"] else ""
        return tr(
            "deal {title} with {who}{value} · {stage}",
            title=visible(added["title"], one_line=True),
            who=who,
            value=value,
            stage=stage_label(added["stage"]),
        )
    who = visible(added["customer"], one_line=True) + (tr(" (new customer)") if added.get("creates") else "")
    amount = f" · {show_amount(added['amount_fen'])}" if added["amount_fen"] else ""
    return tr(
        "{kind} with {who} at {at}{amount}", kind=kind_name(added["kind"]), who=who, at=added["at"][:16], amount=amount
    )


def _already(table: str, skipped: dict) -> str:
    if table in MONEY_TABLES:
        return tr(
            "already recorded as {what} #{id} ({customer})",
            what=tr("payment") if table == "payments" else tr("cancellation"),
            id=skipped["id"],
            customer=visible(skipped["customer"], one_line=True),
        )
    if table == "deals":
        return tr("unchanged: deal #{id} ({customer})", id=skipped["id"], customer=visible(skipped["customer"]))
    if table == "customers":
        return tr(
            "{name} already names customer {owner}",
            name=visible(skipped["name"], one_line=True),
            owner=visible(skipped["owner"]),
        )
    return tr(
        "already logged as #{id} ({customer})", id=skipped["id"], customer=visible(skipped["customer"], one_line=True)
    )
