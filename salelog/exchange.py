"""Files in and out, as pure conversions: rows -> CSV, JSON, JSONL, Markdown, ICS
or XLSX bytes; CSV or XLSX files -> rows checked cell by cell with the same
parsers as the command line. No SQL and no Typer here; openpyxl and icalendar
are imported only by the functions that need them.

Records are dicts keyed like the contract's --json lists (DESIGN.md), with
amounts as exact Decimal yuan; COLUMNS says which of their keys the tabular
formats (csv, xlsx, md) show, and how each is typed.
"""

from collections.abc import Iterable, Iterator
from datetime import UTC, date, datetime, timedelta
from decimal import Decimal
from typing import BinaryIO

from . import fields
from .errors import SalelogError
from .i18n import tr
from .metrics import check_sale
from .money import exact_yuan
from .text import file_text, json_text

TABLES = ("entries", "customers", "goals", "followups", "tasks", "deals", "contracts", "cancellations", "payments")
IMPORTABLE = ("entries", "customers", "deals", "payments", "cancellations")  # what `import TABLE FILE` reads
TABLE_ALIASES = {"visits": "entries", "记录": "entries", "客户": "customers", "目标": "goals", "跟进": "followups"}
TABLE_ALIASES |= {"任务": "tasks", "商机": "deals", "合同": "contracts", "取消": "cancellations", "回款": "payments"}
FORMATS = ("csv", "json", "jsonl", "xlsx", "ics", "md")
FORMAT_ALIASES = {"markdown": "md", "excel": "xlsx", "ical": "ics", "ndjson": "jsonl"}
ENCODINGS = ("utf-8-sig", "gb18030", "utf-8")  # utf-8-sig: the BOM makes Excel and WPS read Chinese right

# Tabular columns per table: (record key = header, kind). Entries and customers
# carry no id, so that an export imports into another database unchanged.
COLUMNS = {
    "entries": fields.export_columns(),  # salelog/fields.py
    "customers": (
        ("name", "text"),
        *((f.column, fields.EXPORT_TYPE[f.type]) for f in fields.CARD_FIELDS),
        ("tags", "list"),
        ("aliases", "list"),
    ),
    "goals": (
        ("metric", "text"),
        ("period", "text"),
        ("start_date", "date"),
        ("end_date", "date"),
        ("target", "number"),
        ("set_at", "datetime"),
    ),
    "followups": (
        ("id", "number"),
        ("customer", "text"),
        ("class", "text"),
        ("what", "text"),
        ("due_date", "date"),
        ("status", "text"),
        ("done_at", "datetime"),
    ),
    "tasks": (
        ("id", "number"),
        ("title", "text"),
        ("due", "date"),
        ("first_due", "date"),
        ("quadrant", "number"),
        ("customer", "text"),
        ("status", "text"),
        ("why", "text"),
    ),
    # deal list --json's fields (deals.deal_record); `import deals` reads the file back, the
    # figures it derives (probability, weighted, closed_at, last_contact) ignored.
    "contracts": (  # contract list --json's fields
        ("id", "number"),
        ("customer", "text"),
        ("class", "text"),
        ("ends", "date"),
        ("note", "text"),
        ("days_left", "number"),
        ("created", "date"),
    ),
    "deals": (
        ("external_id", "text"),
        ("customer", "text"),
        ("title", "text"),
        ("value", "number"),
        ("stage", "text"),
        ("probability", "number"),
        ("weighted", "number"),
        ("close", "date"),
        ("created", "date"),
        ("closed_at", "date"),
        ("lost_reason", "text"),
        ("last_contact", "date"),
        ("source", "text"),
        ("note", "text"),
    ),
    # visit cancel's rows, each with the sale it cancels (its entry id, customer, time and amount).
    "cancellations": (
        ("entry", "number"),
        ("customer", "text"),
        ("sale_at", "datetime"),
        ("sale", "number"),
        ("amount", "number"),
        ("at", "datetime"),
        ("reason", "text"),
    ),
    # payment list --json's fields, with what names its sale (sale_at, sale) and its deal
    # (deal_title) in any logbook: `import payments` reads those, not the ids.
    "payments": (
        ("customer", "text"),
        ("amount", "number"),
        ("at", "datetime"),
        ("for", "number"),
        ("sale_at", "datetime"),
        ("sale", "number"),
        ("deal", "number"),
        ("deal_title", "text"),
        ("note", "text"),
    ),
}
LIST_SEPARATOR = ", "
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")  # what Excel would run as a formula in a CSV cell
_GUARDED = (*FORMULA_STARTS, "'")  # the starts spreadsheet_text puts a ' before


def table_name(typed: str) -> str:
    """entries/customers/goals/followups/tasks/deals (or a Chinese alias) -> the table; else SalelogError."""
    key = typed.strip().lower()
    if key in TABLES or key in TABLE_ALIASES:
        return TABLE_ALIASES.get(key, key)
    raise SalelogError(
        tr('unknown table "{table}"', table=typed[:40]), tr("tables: {tables}", tables=", ".join(TABLES))
    )


def format_name(typed: str | None, output: str | None) -> str:
    """--format as typed, else the extension of -o FILE, else csv -> one of FORMATS."""
    if typed is None:
        ext = output.rsplit(".", 1)[-1].lower() if output and "." in output else "csv"
        typed = ext if ext in FORMATS or ext in FORMAT_ALIASES else "csv"
    key = typed.strip().lower().lstrip(".")
    if key in FORMATS or key in FORMAT_ALIASES:
        return FORMAT_ALIASES.get(key, key)
    raise SalelogError(
        tr('unknown format "{format}"', format=typed[:40]), tr("formats: {formats}", formats=", ".join(FORMATS))
    )


# --- records ------------------------------------------------------------------


def entry_records(rows: Iterable[dict]) -> Iterator[dict]:
    """store.list_entries (or iter_entries) rows -> records keyed like `visit list --json`,
    amounts exact: fields.entry_record's records, its plan worked out once, not once a row
    (tests/test_issue13_export.py compares the two)."""
    plan = [("id", "id"), ("customer", "customer")]
    plan += [(fields.json_key(f), fields.json_key(f) if f in fields.LISTS else f.column) for f in fields.ENTRY_FIELDS]
    plan.append(("deal", "deal"))
    money = [fields.json_key(f) for f in fields.ENTRY_FIELDS if f.type == "amount"]
    for row in rows:
        record = {key: row[source] for key, source in plan}
        for key in money:
            if record[key] is not None:  # most entries have no amount
                record[key] = exact_yuan(record[key])
        yield record | fields.cancellations_record(row["cancellations"], exact_yuan)


def cancellation_records(rows: list[dict]) -> list[dict]:
    """store.list_cancellations rows -> records (COLUMNS["cancellations"]), amounts in yuan."""
    return [
        {
            "entry": r["entry_id"],
            "customer": r["customer"],
            "sale_at": r["sale_at"],
            "sale": exact_yuan(r["sale_fen"]),
            "amount": exact_yuan(r["amount_fen"]),
            "at": r["at"],
            "reason": r["reason"],
        }
        for r in rows
    ]


def payment_records(rows: list[dict]) -> list[dict]:
    """store.payments_for_export rows -> records (COLUMNS["payments"]), amounts in yuan."""
    return [
        {
            "customer": r["customer"],
            "amount": exact_yuan(r["amount_fen"]),
            "at": r["at"],
            "for": r["entry_id"],
            "sale_at": r["sale_at"],
            "sale": None if r["sale_fen"] is None else exact_yuan(r["sale_fen"]),
            "deal": r["deal_id"],
            "deal_title": r["deal_title"],
            "note": r["note"],
        }
        for r in rows
    ]


def goal_records(rows: list[dict]) -> list[dict]:
    """Goal rows (target in fen for money metrics, else a count) -> records, targets in yuan or counts."""
    from .metrics import BY_NAME

    return [
        {
            "metric": r["metric"],
            "period": r["period"],
            "start_date": r["start_date"],
            "end_date": r["end_date"],
            "target": exact_yuan(r["target"]) if r["metric"] in BY_NAME and BY_NAME[r["metric"]].money else r["target"],
            "set_at": r["set_at"],
        }
        for r in rows
    ]


def between(records: list[dict], key: str, since: date | None, until: date | None) -> list[dict]:
    """Records whose `key` (an ISO date or datetime string) falls on since..until
    (both inclusive; either may be None); with a bound, undated records are left out."""
    if since is None and until is None:
        return records
    lower = since.isoformat() if since else ""
    upper = (until + timedelta(days=1)).isoformat() if until else "\uffff"
    return [r for r in records if r.get(key) and lower <= r[key] < upper]


# --- export -------------------------------------------------------------------


def write(
    table: str, records: Iterable[dict], fmt: str, out: BinaryIO, *, encoding: str = "utf-8-sig", now: datetime
) -> int:
    """Records of `table` written to `out` as a file in `fmt` (csv in `encoding`,
    the rest UTF-8) one at a time, so that memory stays flat however many there
    are (ics, a calendar built whole, excepted) -> how many records."""
    if fmt == "ics":
        records = list(records)
        out.write(to_ics(table, records, now))
        return len(records)
    if fmt == "xlsx":
        return write_xlsx(table, records, out, now)
    writer = {"json": _json_chunks, "jsonl": _jsonl_chunks, "csv": _csv_chunks, "md": _markdown_chunks}[fmt]
    counted = _Counted(records)
    text_encoding = "utf-8"
    if fmt == "csv":
        _check_encoding(encoding)
        if encoding == "utf-8-sig":  # the BOM once, at the start, not before every chunk
            out.write("\ufeff".encode())
        text_encoding = encoding.removesuffix("-sig")
    for chunk in writer(table, counted):
        out.write(chunk.encode(text_encoding, errors="backslashreplace"))  # gb18030 lacks nothing, but never fail
    return counted.n


class _Counted:
    """An iterable of records that counts what has been taken from it."""

    def __init__(self, records: Iterable[dict]):
        self.records, self.n = records, 0

    def __iter__(self) -> Iterator[dict]:
        for record in self.records:
            self.n += 1
            yield record


def _batches(lines: Iterable[str], size: int = 500) -> Iterator[str]:
    """Lines of text -> chunks of `size` lines joined, so that `out` is written a few times, not once a line."""
    batch = []
    for line in lines:
        batch.append(line)
        if len(batch) == size:
            yield "".join(batch)
            batch.clear()
    if batch:
        yield "".join(batch)


def _jsonl_chunks(table: str, records: Iterable[dict]) -> Iterator[str]:
    """A record a line: the text json_text(record) gives each."""
    text = _json_record_writer(indented=False)
    return _batches(text(r) + "\n" for r in records)


def _json_chunks(table: str, records: Iterable[dict]) -> Iterator[str]:
    """A JSON array written record by record: the text json_text(records, indent=2) gives."""
    text = _json_record_writer(indented=True)
    first = True
    for chunk in _batches(("[\n  " if i == 0 else ",\n  ") + text(r) for i, r in enumerate(records)):
        yield chunk
        first = False
    yield "[]\n" if first else "\n]\n"


# How json.dumps lays out a record: (member prefix, members' separator, record's
# opening, closing, a list's opening, items' separator, closing) with indent=2 at
# depth 1 of an array, and without indent.
_JSON_LAYOUTS = {
    True: ("    ", ",\n", "{\n", "\n  }", "[\n      ", ",\n      ", "\n    ]"),
    False: ("", ", ", "{", "}", "[", ", ", "]"),
}


def _json_record_writer(*, indented: bool):
    """record -> its text as json_text writes it (`indented`: with indent=2, as an
    item of an array). Built here because json's indented encoder is pure Python
    (~10x slower than its C one) and a JSONEncoder made per record costs as much
    again. For text, numbers, None and lists of text; anything else, or text that
    json_text would escape further, goes through json_text itself."""
    from json.encoder import encode_basestring  # the C function json.dumps(ensure_ascii=False) uses

    prefix, between, opening, closing, list_opening, list_between, list_closing = _JSON_LAYOUTS[indented]
    keys: dict[str, str] = {}  # key -> its member's start, '    "key": '

    def whole(record: dict) -> str:  # json_text escapes more than encode_basestring
        if indented:
            return json_text(record, indent=2, default=_json_number).replace("\n", "\n  ")
        return json_text(record, default=_json_number)

    def text(record: dict) -> str:
        members = []
        for key, value in record.items():
            kind = value.__class__
            if kind is str:
                shown = encode_basestring(value)  # C0 controls (line breaks) escaped, as json.dumps does
                if not shown.isprintable():
                    return whole(record)
            elif value is None:
                shown = "null"
            elif kind is int:
                shown = int.__repr__(value)
            elif kind is Decimal:
                shown = repr(_json_number(value))
            elif kind is list and all(v.__class__ is str for v in value):
                items = [encode_basestring(v) for v in value]
                if not "".join(items).isprintable():
                    return whole(record)
                shown = list_opening + list_between.join(items) + list_closing if items else "[]"
            else:
                return whole(record)
            start = keys.get(key) or keys.setdefault(key, prefix + encode_basestring(key) + ": ")
            members.append(start + shown)
        return opening + between.join(members) + closing if members else "{}"

    return text


def _needs(package: str, purpose: str) -> None:
    """Say how to install a package that only one format uses, rather than crash."""
    import importlib.util

    if importlib.util.find_spec(package) is None:
        raise SalelogError(
            tr("{purpose} needs the {package} package", purpose=purpose, package=package),
            tr("install it: pip install {package}", package=package),
        )


def _json_number(value: object) -> int | float:
    """Decimal yuan -> a JSON number (two decimals at most, as the contract says)."""
    if isinstance(value, Decimal):
        return int(value) if value == value.to_integral_value() else float(value)
    raise TypeError(f"{type(value).__name__} is not JSON serializable")


def _check_encoding(encoding: str) -> None:
    if encoding not in ENCODINGS:
        raise SalelogError(
            tr('unknown encoding "{encoding}"', encoding=encoding[:40]),
            tr("encodings: {encodings}", encodings=", ".join(ENCODINGS)),
        )


def _csv_chunks(table: str, records: Iterable[dict]) -> Iterator[str]:
    """Records -> CSV text with a header row: numbers plain (12000, 3500.50), lists
    joined with ", ", every cell that Excel would run as a formula prefixed with '
    (spreadsheet_text)."""
    import csv
    import io

    columns = COLUMNS[table]
    values = _getter([key for key, _ in columns])
    kinds = [kind for _, kind in columns]
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\r\n")  # CRLF: RFC 4180 and Excel
    writer.writerow([key for key, _ in columns])
    for n, record in enumerate(records, start=1):
        cells = []
        for value, kind in zip(
            values(record), kinds, strict=True
        ):  # _csv_cell's results, without a call for most cells
            if value is None:
                cells.append("")
            elif value.__class__ is str and value.isprintable() and not value.startswith(_GUARDED):
                cells.append(value)
            elif value.__class__ is int or value.__class__ is Decimal:
                cells.append(str(value))
            elif value.__class__ is list and not value:
                cells.append("")
            else:
                cells.append(_csv_cell(value, kind))
        writer.writerow(cells)
        if n % 500 == 0:
            yield buffer.getvalue()
            buffer.seek(0)
            buffer.truncate()
    yield buffer.getvalue()


def _getter(keys: list[str]):
    """record -> its values under `keys`, in order (None where a key is missing), in one C call."""
    from operator import itemgetter

    pick = itemgetter(*keys)  # a tuple: every table has more than one column

    def values(record: dict):
        try:
            return pick(record)
        except KeyError:  # a record without some column (as record.get reads it)
            return [record.get(key) for key in keys]

    return values


def _csv_cell(value: object, kind: str) -> str:
    if value is None:
        return ""
    if kind == "list" and isinstance(value, list):
        value = LIST_SEPARATOR.join(map(str, value))
    return spreadsheet_text(value)


def spreadsheet_text(value: object) -> str:
    """Any cell of a CSV or xlsx export -> its text: what the door refuses escaped
    (text.file_text), and a leading ' before what Excel or WPS would run as a
    formula (= + - @, tab, CR) or read as this very guard ('), lists and dates
    included (OWASP "CSV injection"); read_table takes it off again. Numbers are
    left alone: -5 is a number, not a formula."""
    if isinstance(value, int | float | Decimal) and not isinstance(value, bool):
        return str(value)
    text = file_text(value)
    return "'" + text if text.startswith(_GUARDED) else text


def _markdown_chunks(table: str, records: Iterable[dict]) -> Iterator[str]:
    """Records -> a GitHub-flavoured Markdown table (markdown_table's lines, a row
    at a time); user text cannot break out of its cell."""
    columns = COLUMNS[table]
    right = tuple(i for i, (_, kind) in enumerate(columns) if kind == "number")
    rows = ([_markdown_cell(record.get(key), kind) for key, kind in columns] for record in records)
    return _batches(line + "\n" for line in markdown_lines([key for key, _ in columns], rows, right=right))


def _markdown_cell(value: object, kind: str) -> str:
    if value is None:
        return ""
    if kind == "list" and isinstance(value, list):
        value = LIST_SEPARATOR.join(map(str, value))
    elif kind == "number" and isinstance(value, int | Decimal):
        return f"{value:,}"
    elif kind == "datetime":
        value = str(value)[:16]  # to the minute, for reading
    return str(value)


# Characters that Markdown (CommonMark, GFM) could read as markup, and how each is written literally.
_MARKDOWN_ESCAPES = {c: "\\" + c for c in "\\`*_[]|#~"} | {"&": "&amp;", "<": "&lt;", ">": "&gt;"}
_MARKDOWN_TABLE = str.maketrans(_MARKDOWN_ESCAPES)


def markdown_text(text: str, *, line_break: str = "<br>") -> str:
    """User text as literal Markdown, safe in a table cell, a list item or a
    paragraph: \\ ` * _ [ ] | # ~ backslash-escaped, & < > as entities (no link,
    emphasis, heading, cell break or HTML can come from it), line breaks as
    `line_break`, tabs as spaces, other control characters shown as visible() shows them."""
    if text.isprintable():  # one line, no tab, nothing for visible() to show: most cells
        return text.translate(_MARKDOWN_TABLE)
    from .text import visible

    lines = text.replace("\r\n", "\n").replace("\r", "\n").split("\n")
    return line_break.join(visible(line.replace("\t", " ").translate(_MARKDOWN_TABLE), one_line=True) for line in lines)


def markdown_table(headers: list[str], rows: list[list[object]], *, right: tuple[int, ...] = (), width=None) -> str:
    """A GitHub-flavoured Markdown table, every cell through markdown_text (the
    headers, ours, as given); columns in `right` right-aligned; with `width` (text -> display
    cells, e.g. rich.cells.cell_len) cells padded to line up in the source."""
    return "\n".join(markdown_lines(headers, rows, right=right, width=width)) + "\n"


def markdown_lines(headers: list[str], rows: Iterable[list[object]], *, right: tuple[int, ...] = (), width=None):
    """markdown_table's lines, one at a time: without `width`, rows are read as they
    are written (with it, all first, to measure the columns)."""
    cells = ([markdown_text("" if cell is None else str(cell)) for cell in row] for row in rows)
    widths = None
    if width:
        table = [list(headers), *cells]
        widths = [max(3, *(width(c) for c in column)) for column in zip(*table, strict=True)]
        cells = iter(table[1:])

    def line(cells: list[str]) -> str:
        if widths:
            cells = [
                " " * (w - width(c)) + c if i in right else c + " " * (w - width(c))
                for i, (c, w) in enumerate(zip(cells, widths, strict=True))
            ]
        return "| " + " | ".join(cells) + " |"

    dashes = widths or [3] * len(headers)
    yield line(list(headers))
    yield "| " + " | ".join("-" * (w - 1) + ":" if i in right else "-" * w for i, w in enumerate(dashes)) + " |"
    for row in cells:
        yield line(row)


CALENDAR_DAY = {"followups": "due_date", "tasks": "due", "contracts": "ends"}  # the day of each table's events


def to_ics(table: str, records: list[dict], now: datetime) -> bytes:
    """Follow-ups, tasks or contracts with a date -> an iCalendar file of all-day
    events (a contract's on the day it ends). Each UID is fixed by the table and
    the row id (followup-12@salelog), so importing a newer export into a calendar
    updates the events instead of duplicating them."""
    if table not in CALENDAR_DAY:
        raise SalelogError(
            tr("{table} have no dates for a calendar", table=table), tr("ics exports followups, tasks or contracts")
        )
    _needs("icalendar", "ics")
    import icalendar

    calendar = icalendar.Calendar()
    calendar.add("prodid", "-//salelog//salelog//EN")
    calendar.add("version", "2.0")
    calendar.add("x-wr-calname", f"salelog {table}")
    stamp = now.astimezone(UTC)  # naive now is local time
    day_key = CALENDAR_DAY[table]
    for record in records:
        if record.get(day_key):
            calendar.add_component(_ics_event(table, record, date.fromisoformat(record[day_key]), stamp))
    return calendar.to_ical()


def _ics_event(table: str, record: dict, day: date, stamp: datetime):
    import icalendar

    from .text import visible

    if table == "followups":
        uid, title = f"followup-{record['id']}@salelog", f"{record['customer']}: {record['what'] or 'follow up'}"
        how = f"salelog followup done {record['id']}"
    elif table == "contracts":
        uid, title = f"contract-{record['id']}@salelog", f"{record['customer']}: contract ends"
        title += f" ({record['note']})" if record.get("note") else ""
        how = "salelog contract list"
    else:
        uid, title = f"task-{record['id']}@salelog", record["title"]
        title += f" ({record['customer']})" if record.get("customer") else ""
        how = f"salelog task done {record['id']}"
    status = record.get("status")
    event = icalendar.Event()
    event.add("uid", uid)
    event.add("dtstamp", stamp)
    event.add("dtstart", day)
    event.add("dtend", day + timedelta(days=1))  # all-day: DTEND is the next day, exclusive
    event.add("summary", ("✓ " if status == "done" else "") + visible(title, one_line=True))
    event.add("description", how if status in ("open", None) else f"{status} in salelog")  # a contract has none
    event.add("status", "CANCELLED" if status == "dropped" else "CONFIRMED")
    event.add("transp", "TRANSPARENT")  # a reminder, not busy time
    event.add("categories", ["salelog", table])
    return event


def write_xlsx(table: str, records: Iterable[dict], out: BinaryIO, now: datetime) -> int:
    """Records -> an .xlsx workbook written to `out` (openpyxl's write-only mode: a
    row at a time): a bold, frozen header row, then typed cells (dates and times as
    dates, amounts and counts as numbers, text always text) -> how many records."""
    _needs("openpyxl", "xlsx")
    from openpyxl import Workbook
    from openpyxl.cell import WriteOnlyCell
    from openpyxl.styles import Font
    from openpyxl.utils import get_column_letter

    columns = COLUMNS[table]
    workbook = Workbook(write_only=True)
    sheet = workbook.create_sheet(table)
    widths = {"datetime": 20, "date": 12, "number": 12, "text": 18, "list": 18}
    for index, (_, kind) in enumerate(columns, start=1):  # before the first row, as write-only mode needs
        sheet.column_dimensions[get_column_letter(index)].width = widths[kind]
    sheet.freeze_panes = "A2"
    bold = Font(bold=True)
    sheet.append([_styled(WriteOnlyCell(sheet, key), font=bold) for key, _ in columns])
    n = 0
    for record in records:
        sheet.append([_xlsx_cell(sheet, _xlsx_value(record.get(key), kind), kind) for key, kind in columns])
        n += 1
    workbook.properties.created = workbook.properties.modified = now
    workbook.save(out)
    return n


def _styled(cell, **styles):
    for name, value in styles.items():
        setattr(cell, name, value)
    return cell


_NUMBER_FORMATS = {"datetime": "yyyy-mm-dd hh:mm:ss", "date": "yyyy-mm-dd"}


def _xlsx_cell(sheet, value: object, kind: str) -> object:
    """A cell's value -> what write-only mode appends: a plain value, or a cell
    with its number format, or text that looks like a formula kept as text."""
    from openpyxl.cell import WriteOnlyCell

    if value is None:
        return None
    if kind in _NUMBER_FORMATS:
        return _styled(WriteOnlyCell(sheet, value), number_format=_NUMBER_FORMATS[kind])
    if isinstance(value, Decimal):
        return _styled(WriteOnlyCell(sheet, value), number_format="#,##0.00")
    if isinstance(value, str) and value.startswith("="):
        return _styled(WriteOnlyCell(sheet, value), data_type="s")  # never a formula, whatever the guard missed
    return value


def _xlsx_value(value: object, kind: str) -> object:
    """A record's value -> the cell's: dates and numbers typed, anything else
    (a date column holding odd text from an older database too) as spreadsheet_text."""
    if value is None:
        return None
    try:
        if kind == "datetime":
            return datetime.fromisoformat(value)
        if kind == "date":
            return date.fromisoformat(value)
    except (TypeError, ValueError):
        pass
    if kind == "list" and isinstance(value, list):
        value = LIST_SEPARATOR.join(map(str, value))
    if isinstance(value, int | Decimal) and not isinstance(value, bool):
        return value
    return spreadsheet_text(value)


# --- import: reading files ------------------------------------------------------


def read_table(path: str, *, encoding: str = "auto") -> tuple[list[str], list[tuple[int, list[str | None]]]]:
    """A .csv or .xlsx file -> (headers, [(row number, cells as text)]), row 1
    being the header as in a spreadsheet; blank rows are left out. SalelogError
    for a missing, empty or unreadable file."""
    import os

    if not os.path.isfile(path):
        raise SalelogError(tr("no file {path}", path=path), tr("give the path of a .csv or .xlsx file"))
    ext = path.rsplit(".", 1)[-1].lower() if "." in os.path.basename(path) else ""
    if ext in ("xlsx", "xlsm"):
        rows = _xlsx_rows(path)
    elif ext in ("csv", "txt", "tsv"):
        rows = _csv_rows(path, encoding)
    elif ext == "xls":
        raise SalelogError(
            tr("{path} is an old .xls workbook", path=path), tr("save it as .xlsx or CSV UTF-8, then import that")
        )
    else:
        raise SalelogError(tr("cannot tell the format of {path}", path=path), tr("import a .csv or .xlsx file"))
    rows = [(number, cells) for number, cells in rows if any(c is not None and c.strip() for c in cells)]
    if not rows:
        raise SalelogError(
            tr("{path} is empty", path=path), tr("the first row names the columns, e.g. customer,at,kind,amount")
        )
    (_, headers), *data = rows
    if not data:
        raise SalelogError(
            tr("{path} has a header but no rows", path=path), tr("add a row per entry or customer below the header")
        )
    return [h or "" for h in headers], data


def _csv_rows(path: str, encoding: str) -> list[tuple[int, list[str | None]]]:
    import csv
    import io

    with open(path, "rb") as file:
        raw = file.read()
    text = _decode(raw, path, encoding)
    first_line = text.split("\n", 1)[0]
    delimiter = max(",\t;", key=first_line.count) if first_line.strip() else ","
    try:
        records = list(csv.reader(io.StringIO(text, newline=""), delimiter=delimiter))
    except csv.Error as e:
        raise SalelogError(
            tr("{path} is not valid CSV: {error}", path=path, error=e), tr("save it again from your spreadsheet as CSV")
        ) from None
    return [(number, [_undo_formula_guard(c) for c in cells]) for number, cells in enumerate(records, start=1)]


def _decode(raw: bytes, path: str, encoding: str) -> str:
    """File bytes -> text: `encoding` if given, else UTF-8 (with or without BOM),
    UTF-16 with a BOM, or GB18030 (Excel's "CSV" on Chinese Windows)."""
    if encoding != "auto":
        tries = (encoding,)
    elif raw.startswith((b"\xff\xfe", b"\xfe\xff")):
        tries = ("utf-16",)
    else:
        tries = ("utf-8-sig", "gb18030")
    for name in tries:
        try:
            return raw.decode(name)
        except UnicodeDecodeError as e:
            offset = e.start
        except LookupError:
            raise SalelogError(
                tr('unknown encoding "{encoding}"', encoding=encoding[:40]), tr("use utf-8, utf-8-sig or gb18030")
            ) from None
    raise SalelogError(
        tr(
            "{path} is not {encodings} text (undecodable byte at offset {offset})",
            path=path,
            encodings=tr(" or ").join(t.upper().removesuffix("-SIG") for t in tries),
            offset=offset,
        ),
        tr("save it as CSV UTF-8 from your spreadsheet, or give --encoding"),
    )


def _undo_formula_guard(cell: str | None) -> str | None:
    """Take off the ' that spreadsheet_text put before text Excel would run as a formula."""
    if cell and cell.startswith("'") and cell[1:].startswith((*FORMULA_STARTS, "'")):
        return cell[1:]
    return cell


def _xlsx_rows(path: str) -> list[tuple[int, list[str | None]]]:
    import zipfile
    import zlib

    _needs("openpyxl", "xlsx")
    from openpyxl import load_workbook
    from openpyxl.utils.exceptions import InvalidFileException

    # What a damaged workbook makes zipfile or openpyxl raise: a bad zip or
    # deflate stream, a compression zipfile lacks (a RuntimeError), a missing part,
    # XML cut short or malformed (ParseError is a SyntaxError, lxml's too), values
    # it cannot convert. Sheets are parsed lazily, so the rows are read inside the guard.
    unreadable = (InvalidFileException, zipfile.BadZipFile, zlib.error, EOFError, KeyError, OSError, ValueError)
    unreadable += (SyntaxError, TypeError, IndexError, AttributeError, RuntimeError)

    def read(data_only: bool) -> list[list]:
        workbook = load_workbook(path, read_only=True, data_only=data_only)
        try:
            return [list(cells) for cells in workbook.active.iter_rows()]
        finally:
            workbook.close()

    try:
        rows = read(data_only=False)  # a formula as written; the other cells as they are
        if any(cell.data_type == "f" for cells in rows for cell in cells):
            written, rows = rows, read(data_only=True)  # what Excel last computed of each formula
            _check_formulas_computed(rows, written)
    except unreadable as e:
        raise SalelogError(
            tr("{path} is not an xlsx workbook we can read ({error})", path=path, error=_one_line(e)),
            tr("save it again from Excel"),
        ) from None
    return [(number, [_xlsx_text(cell) for cell in cells]) for number, cells in enumerate(rows, start=1)]


def _check_formulas_computed(values: list[list], formulas: list[list]) -> None:
    """A workbook whose formulas hold no values (written by a program, never opened in
    Excel) is refused at its first formula: read as empty, its cells would import as
    no amount, no date, without a word. One Excel calculated keeps a value for each
    formula, a blank one included, which reads as empty too: that workbook is read."""
    from openpyxl.utils import get_column_letter

    uncomputed = None
    for number, (cells, written) in enumerate(zip(values, formulas, strict=False), start=1):
        for column, (cell, source) in enumerate(zip(cells, written, strict=False), start=1):
            if source.data_type == "f":
                if cell.value is not None:
                    return  # calculated by Excel: its empty results are empty
                uncomputed = uncomputed or (number, column, source.value)
    if uncomputed:
        number, column, text = uncomputed
        raise SalelogError(
            tr(
                "row {row}, cell {cell}: the formula {formula} has no value saved in the file",
                row=number,
                cell=f"{get_column_letter(column)}{number}",
                formula=_one_line(ValueError(text[:40])),
            ),
            tr("open the file in Excel and save it, or paste the values instead of formulas"),
        )


def _one_line(error: Exception) -> str:
    """An exception's text on one line, not too long, for an error message."""
    from .text import visible

    text = " ".join(str(error).split()) or type(error).__name__
    return visible(text[:120], one_line=True)


def _xlsx_text(cell) -> str | None:
    """A typed cell -> the text the command-line parsers read."""
    value = cell.value
    if value is None or isinstance(value, str):
        return _undo_formula_guard(value)
    if isinstance(value, datetime):
        shows_time = "h" in (cell.number_format or "").lower()
        return value.strftime("%Y-%m-%d %H:%M:%S") if shows_time else value.date().isoformat()
    if isinstance(value, float):
        return str(int(value)) if value.is_integer() else repr(value)  # repr: shortest exact form
    return value.isoformat() if hasattr(value, "isoformat") else str(value)


# --- import: checking rows ------------------------------------------------------


def _header_key(header: str) -> str:
    """'Next Date', 'next_date', 'ＮＥＸＴ-date ' -> 'nextdate'."""
    import unicodedata

    key = unicodedata.normalize("NFKC", header).lstrip("\ufeff").strip().casefold()
    return "".join(c for c in key if c not in " _-")


def _headers(names: dict[str, str | None]) -> dict[str, str | None]:
    """Header spellings -> field, keyed as _header_key reads a file's header."""
    return {_header_key(name): field for name, field in names.items()}


ENTRY_HEADERS = _headers(
    {
        **dict.fromkeys(("customer", "客户", "客户名称"), "customer"),
        **dict.fromkeys(("date", "日期"), "date"),
        **dict.fromkeys(("time", "时间"), "time"),
        **fields.import_headers(),  # every entry field: salelog/fields.py
        **dict.fromkeys(fields.SOURCE_ID_HEADERS, fields.SOURCE_ID),  # the row's identity in its file
    }
)
CUSTOMER_HEADERS = _headers(
    {
        **dict.fromkeys(("name", "客户", "姓名", "名称"), "name"),
        **{h: f.column for f in fields.CARD_FIELDS for h in (f.column, *f.headers)},  # salelog/fields.py
        **dict.fromkeys(("tags", "标签"), "tags"),
        **dict.fromkeys(("aliases", "别名"), "aliases"),
        "id": None,
    }
)


def map_columns(headers: list[str], known: dict[str, str | None]) -> dict[str, tuple[int, str]]:
    """Header cells -> {field: (column index, header as typed)}; SalelogError for an
    unknown column or two columns giving one field."""
    columns: dict[str, tuple[int, str]] = {}
    for index, header in enumerate(headers):
        key = _header_key(header)
        if not key:
            continue  # a blank header over an unused column
        if key not in known:
            names = ", ".join(dict.fromkeys(k for k, v in known.items() if v and k.isascii()))
            raise SalelogError(
                tr('unknown column "{column}"', column=header[:40]),
                tr("columns: {names} (or their Chinese names)", names=names),
            )
        field = known[key]
        if field in columns:
            raise SalelogError(
                tr(
                    'columns "{first}" and "{second}" both give {field}',
                    first=columns[field][1],
                    second=header,
                    field=field,
                ),
                tr("keep one of them"),
            )
        if field:
            columns[field] = (index, header)
    return columns


def _cells(row: list[str | None], columns: dict[str, tuple[int, str]]) -> dict[str, tuple[str, str | None]]:
    """A row's cells by field -> (header, text or None when blank)."""
    out = {}
    for field, (index, header) in columns.items():
        value = row[index] if index < len(row) else None
        out[field] = (header, value if value is not None and value.strip() else None)
    return out


def _read(cells: dict, field: str, number: int, read, required: str | None = None):
    """One cell through `read`; blank -> None, or SalelogError saying `required`."""
    header, value = cells.get(field, (field, None))
    if value is None:
        if required:
            raise SalelogError(
                tr("row {row}, column {column}: empty", row=number, column=header),
                tr("{hint}; nothing was imported", hint=required),
            )
        return None
    try:
        return read(value)
    except SalelogError as e:
        raise SalelogError(
            tr("row {row}, column {column}: {message}", row=number, column=header, message=e.message),
            tr("{hint}; nothing was imported", hint=e.hint) if e.hint else None,
        ) from None


def _row_width_check(row: list, headers: list[str], number: int) -> None:
    extra = [c for c in row[len(headers) :] if c is not None and c.strip()]
    if extra:
        raise SalelogError(
            tr("row {row} has more cells than the header row", row=number), tr("give every column a header")
        )


def _split_list(field: str):
    """A reader for tags or aliases: '甲, 乙；丙' -> ['甲', '乙', '丙'] (text.split_names)."""
    from .text import split_names

    return lambda v: split_names([v], field)


def parse_entries(headers: list[str], rows: list[tuple[int, list]], now: datetime) -> list[dict]:
    """Rows of an entries file -> [{"row", "customer", "entry" (entries columns),
    "lists" (values by list field key), "source_id" (the id column's text, or
    None)}], each cell read as `visit add` reads its option; SalelogError naming
    the row, the column and the reason at the first bad cell."""
    columns = map_columns(headers, ENTRY_HEADERS)
    if "customer" not in columns:
        raise SalelogError(tr("no customer column"), tr("name the column customer (or 客户)"))
    if not {"at", "date", "time"} & columns.keys():
        raise SalelogError(tr("no date column"), tr("name the column at or date (or 日期), e.g. 2026-11-20 15:30"))
    if "at" in columns and {"date", "time"} & columns.keys():
        raise SalelogError(tr("both an at column and a date or time column"), tr("keep at, or date and time"))
    return [_entry_row(headers, number, row, columns, now) for number, row in rows]


def _entry_row(headers: list[str], number: int, row: list, columns: dict, now: datetime) -> dict:
    from .text import check_name, check_text

    _row_width_check(row, headers, number)
    cells = _cells(row, columns)
    for key in ("at", "date"):  # as a spreadsheet may write them: 46346.625, 11/20/2026 9:05
        if cells.get(key, (None, None))[1]:
            from .exchange_deals import spreadsheet_moment

            cells[key] = (cells[key][0], spreadsheet_moment(cells[key][1]))
    if "at" not in cells:  # a date column and a time column, read as one
        parts = [cells[f] for f in ("date", "time") if f in cells]
        given = [v for _, v in parts if v is not None]
        cells["at"] = ("/".join(h for h, _ in parts), " ".join(given) if given else None)
    customer = _read(
        cells, "customer", number, lambda v: check_name(v, "customer"), tr("every entry needs its customer")
    )

    entry = {}
    for field in fields.SCALARS:
        key = fields.json_key(field)
        name = cells.get(key, (key, None))[0]
        entry[field.column] = _read(
            cells,
            key,
            number,
            lambda v, f=field, n=name: fields.read(f, v, now, name=n, zero_amount=True),
            tr("every entry needs its date") if field.key == "at" else None,
        )
    entry["kind"] = entry["kind"] or "visit"
    _read(cells, "kind", number, lambda _: check_sale(entry["kind"], entry["amount_fen"]))  # named as its row
    lists = {
        f.key: _read(cells, fields.json_key(f), number, lambda v, f=f: fields.read_values(f, [v], name=f.flags[0][2:]))
        or []
        for f in fields.LISTS
    }
    source_id = _read(cells, fields.SOURCE_ID, number, lambda v: check_text(v, "id", one_line=True).strip())
    return {"row": number, "customer": customer, "entry": entry, "lists": lists, "source_id": source_id}


def parse_customers(headers: list[str], rows: list[tuple[int, list]]) -> list[dict]:
    """Rows of a customers file -> [{"row", "name", "card" (customers columns),
    "tags", "aliases"}], checked as `customer add` checks its options;
    SalelogError naming the row, the column and the reason at the first bad cell."""
    columns = map_columns(headers, CUSTOMER_HEADERS)
    if "name" not in columns:
        raise SalelogError(tr("no name column"), tr("name the column name (or 客户, 姓名)"))
    return [_customer_row(headers, number, row, columns) for number, row in rows]


def _customer_row(headers: list[str], number: int, row: list, columns: dict) -> dict:
    from .text import check_name

    _row_width_check(row, headers, number)
    cells = _cells(row, columns)
    name = _read(cells, "name", number, check_name, tr("every customer needs a name"))
    card = {
        f.column: _read(cells, f.column, number, lambda v, f=f: fields.read(f, v, None, name=cells[f.column][0]))
        for f in fields.CARD_FIELDS
    }
    tags = _read(cells, "tags", number, _split_list("tag")) or []
    aliases = _read(cells, "aliases", number, _split_list("alias")) or []
    card = {field: value for field, value in card.items() if value is not None}
    return {"row": number, "name": name, "card": card, "tags": tags, "aliases": aliases}
