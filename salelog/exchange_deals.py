"""Reading a CRM's deals export (salelog import deals): the headers Salesforce,
HubSpot, Pipedrive and Chinese CRMs write, US dates and Excel serials, amounts
with $/USD/¥/RMB/元. Files are read by exchange.read_table; each cell is
checked here, a bad one naming its row, column and reason."""

import re
from datetime import date, datetime, timedelta

from . import fields
from .deals import LOST, WON, find_stage, resolve_stage
from .errors import SalelogError
from .exchange import _cells, _header_key, _headers, _read, _row_width_check
from .i18n import tr

FIELDS = (
    "id", "customer", "title", "value", "stage", "status", "created", "close", "closed_at", "source", "note",
    "lost_reason",
)  # fmt: skip
REQUIRED = ("customer", "title")
DEAL_HEADERS = _headers(
    {
        **dict.fromkeys(("id", "external id", "opportunity id", "deal id", "record id", "编号", "商机编号"), "id"),
        **dict.fromkeys(
            (
                "customer",
                "account name",
                "account",
                "company",
                "company name",
                "organization",
                "organization name",
                "associated company",
                "客户",
                "客户名称",
                "公司",
            ),
            "customer",
        ),
        **dict.fromkeys(
            ("title", "opportunity name", "deal name", "deal title", "name", "商机名称", "商机", "名称"), "title"
        ),
        **dict.fromkeys(("value", "amount", "deal value", "金额", "商机金额", "预计金额"), "value"),
        **dict.fromkeys(("stage", "deal stage", "pipeline stage", "阶段", "销售阶段", "商机阶段"), "stage"),
        **dict.fromkeys(("status", "deal status", "状态"), "status"),  # Pipedrive's open / won / lost
        **dict.fromkeys(
            ("created", "created date", "create date", "deal created", "created on", "创建日期", "创建时间"), "created"
        ),
        **dict.fromkeys(
            ("close", "close date", "expected close date", "closedate", "预计成交日期", "成交日期"), "close"
        ),
        # When it was won or lost, as salelog's own export writes it: a re-import books a win at that moment.
        **dict.fromkeys(("closed_at", "closed at", "closed", "关闭时间"), "closed_at"),
        **dict.fromkeys(("source", "lead source", "original source", "deal source", "来源", "商机来源"), "source"),
        **dict.fromkeys(("note", "notes", "description", "备注", "描述"), "note"),
        **dict.fromkeys(("lost reason", "loss reason", "closed lost reason", "输单原因"), "lost_reason"),
    }
)
# The default stages of Salesforce, HubSpot and Pipedrive, as the default ladder's
# (salelog/deals.py): a file of theirs imports without --stage-map.
CRM_STAGES = {
    **dict.fromkeys(("prospecting", "appointmentscheduled", "appointment scheduled", "lead in", "new"), "lead"),
    **dict.fromkeys(
        ("qualification", "needs analysis", "qualifiedtobuy", "qualified to buy", "contact made"), "qualified"
    ),
    **dict.fromkeys(
        (
            "value proposition",
            "id. decision makers",
            "perception analysis",
            "proposal/price quote",
            "presentationscheduled",
            "presentation scheduled",
            "demo scheduled",
            "proposal made",
        ),
        "proposal",
    ),
    **dict.fromkeys(
        (
            "negotiation/review",
            "decisionmakerboughtin",
            "decision maker bought-in",
            "contractsent",
            "contract sent",
            "negotiations started",
        ),
        "negotiation",
    ),
}
EXCEL_EPOCH = date(1899, 12, 30)  # serial 1 is 1900-01-01 in Excel's (Lotus's) count
US_DATE = re.compile(r"(\d{1,2})/(\d{1,2})/(\d{4})(?:[ T].*)?$")
SERIAL = re.compile(r"\d{5}(?:\.\d+)?$")
CURRENCY = re.compile(r"^\s*(?:US\$|USD|\$)\s*|\s*(?:USD|\$)\s*$", re.IGNORECASE)


def spreadsheet_moment(text: str) -> str:
    """A date cell as a spreadsheet may write it, an Excel serial (46346.625) or month
    first (11/20/2026 9:05), as the ISO text the command line's parsers read (2026-11-20
    15:00, 2026-11-20 9:05); any other text, and an impossible date, as it is."""
    text = text.strip()
    if SERIAL.match(text):
        moment = datetime.combine(EXCEL_EPOCH, datetime.min.time()) + timedelta(minutes=round(float(text) * 1440))
        return f"{moment:%Y-%m-%d %H:%M}" if "." in text else f"{moment:%Y-%m-%d}"
    us = US_DATE.match(text)
    if us:
        month, day, year = (int(g) for g in us.groups())
        try:
            return date(year, month, day).isoformat() + text[us.end(3) :]
        except ValueError:
            return text
    return text


def import_date(text: str, now: datetime) -> str:
    """A date cell -> ISO: ISO or 2017/3/1 (parse.parse_date), 3/1/2017 (month
    first, as US exports write it), or an Excel serial (45231): spreadsheet_moment."""
    from .parse import parse_date

    read = spreadsheet_moment(text)
    if US_DATE.match(read):  # month first, yet no such day
        raise SalelogError('cannot read date "{text}"', "write month/day/year, e.g. 3/1/2017", text=text.strip())
    return parse_date(read, now).isoformat()


def import_amount(text: str) -> int | None:
    """An amount cell -> fen (None: empty or zero, not known yet): parse.parse_amount,
    after a $ / USD / US$ sign (the figure is kept as written: no exchange rate)."""
    from .parse import parse_amount

    return parse_amount(CURRENCY.sub("", text), allow_zero=True) or None


def map_deal_columns(headers: list[str], mapping: dict[str, str]) -> tuple[dict, list[str]]:
    """Header cells (and --map FIELD=COLUMN) -> ({field: (index, header)}, the headers ignored)."""
    by_key = {_header_key(h): i for i, h in enumerate(headers) if _header_key(h)}
    columns, ignored = {}, []
    for field, column in mapping.items():
        if _header_key(column) not in by_key:
            raise SalelogError(
                '--map {field}={column}: no column "{column}" in the file',
                "columns: {names}",
                field=field,
                column=column[:40],
                names=", ".join(headers)[:200],
            )
        columns[field] = (by_key[_header_key(column)], column)
    taken = {index for index, _ in columns.values()}
    for index, header in enumerate(headers):
        field = DEAL_HEADERS.get(_header_key(header))
        if index in taken or not _header_key(header):
            continue
        if field is None or field in columns:
            ignored.append(header)
        else:
            columns[field] = (index, header)
    for field in REQUIRED:
        if field not in columns:
            raise SalelogError(
                "no {field} column",
                "name it (e.g. {examples}) or say which it is: --map {field}=COLUMN",
                field=field,
                examples="Account Name, 客户" if field == "customer" else "Opportunity Name, 商机名称",
            )
    return columns, ignored


def parse_mapping(pairs: list[str] | None, option: str, known: tuple | None = None) -> dict[str, str]:
    """--map / --stage-map FROM=TO pairs -> {FROM: TO}."""
    out = {}
    for pair in pairs or []:
        left, sep, right = pair.partition("=")
        if not sep or not left.strip() or not right.strip():
            raise SalelogError(
                "{option} {pair} is not FROM=TO",
                "e.g. {option} {example}",
                option=option,
                pair=repr(pair)[:40],
                example="customer=Client" if known else '"Closed Won=won"',
            )
        if known and left.strip() not in known:
            raise SalelogError(
                "{option}: no field {field}",
                "fields: {fields}",
                option=option,
                field=repr(left)[:40],
                fields=", ".join(known),
            )
        out[left.strip()] = right.strip()
    return out


def parse_deal_rows(
    headers, rows, columns: dict, now: datetime, *, stages, stage_map: dict[str, str], skip_bad_rows: bool
) -> tuple[list[dict], list[dict]]:
    """Rows of a deals file -> (checked deals, bad rows as {"row", "reason"}). A bad
    row stops the import (SalelogError), unless `skip_bad_rows`."""
    mapped = {_key(k): resolve_stage(v, stages) for k, v in stage_map.items()}
    good, bad, rows_of_id = [], [], {}
    for number, row in rows:
        try:
            deal = _deal_row(headers, number, row, columns, now, stages, mapped)
            first = rows_of_id.setdefault(deal["external_id"], number) if deal["external_id"] else number
            if first != number:  # one id, two deals: which one the CRM meant is not ours to guess
                raise SalelogError(
                    "row {row}: id {id} is row {first}'s too",
                    "an id names one deal: give each row its own id in the file",
                    row=number,
                    id=deal["external_id"][:40],
                    first=first,
                )
            good.append(deal)
        except SalelogError as e:
            if not skip_bad_rows:
                raise
            bad.append({"row": number, "reason": e.message})
    return good, bad


def _key(text: str) -> str:
    return " ".join(text.split()).casefold()


def _deal_row(headers, number, row, columns, now, stages, mapped) -> dict:
    from .text import check_name, check_text

    _row_width_check(row, headers, number)
    cells = _cells(row, columns)
    deal = {"row": number}
    deal["customer"] = _read(cells, "customer", number, check_name, tr("every deal needs its customer"))
    deal["title"] = _read(cells, "title", number, lambda v: check_name(v, "title"), tr("every deal needs a title"))
    deal["external_id"] = _read(cells, "id", number, lambda v: check_text(v, "id", one_line=True).strip())
    deal["value_fen"] = _read(cells, "value", number, import_amount)
    for field in ("created", "close"):
        deal[field] = _read(cells, field, number, lambda v: import_date(v, now))
    moment = fields.BY_KEY["at"]
    deal["closed_at"] = _read(cells, "closed_at", number, lambda v: fields.read(moment, v, now, name="closed_at"))
    for field in ("source", "note", "lost_reason"):
        deal[field] = _read(cells, field, number, lambda v, f=field: check_text(v, f, one_line=f != "note").strip())

    def stage_of(text: str):
        found = mapped.get(_key(text)) or find_stage(text, stages) or find_stage(CRM_STAGES.get(_key(text), ""), stages)
        if found is None:
            raise SalelogError('unknown stage "{stage}"', 'map it: --stage-map "{stage}=proposal"', stage=text[:40])
        return found

    stage = _read(cells, "stage", number, stage_of)
    status = _read(cells, "status", number, lambda v: _key(v))
    if status in (WON, LOST):  # Pipedrive: the stage a deal was in, and whether it was won or lost
        stage = stage_of(status)
    deal["stage"] = stage or next(s for s in stages if not s.closed)
    return deal
