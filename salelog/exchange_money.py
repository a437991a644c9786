"""Reading payments and cancellations files (salelog import payments|cancellations):
what `export payments` and `export cancellations` write, or a spreadsheet with
their columns. Files are read by exchange.read_table; each cell is read as the
command line reads its option (50万, 昨天下午3点), a bad one naming its row,
column and reason. A row names its sale by the customer, the sale's time and
amount (sale_at, sale) and its deal by its title: ids are the exporting
logbook's, so the `entry`, `for` and `deal` columns are read by no one."""

from datetime import datetime

from . import fields
from .errors import SalelogError
from .exchange import _cells, _headers, _read, _row_width_check, map_columns
from .i18n import tr

_SHARED = {
    **dict.fromkeys(("customer", "客户", "客户名称"), "customer"),
    **dict.fromkeys(("amount", "金额"), "amount"),
    **dict.fromkeys(("at", "日期", "时间", "日期时间"), "at"),
    **dict.fromkeys(("sale_at", "成交时间", "销售时间"), "sale_at"),
    **dict.fromkeys(("sale", "成交金额", "销售金额"), "sale"),
}
PAYMENT_HEADERS = _headers(
    {
        **_SHARED,
        **dict.fromkeys(("deal_title", "商机", "商机名称"), "deal_title"),
        **dict.fromkeys(("note", "备注"), "note"),
        **dict.fromkeys(("for", "deal", "id", "编号"), None),  # the exporting logbook's ids
    }
)
CANCELLATION_HEADERS = _headers(
    {
        **_SHARED,
        **dict.fromkeys(("reason", "原因", "取消原因"), "reason"),
        **dict.fromkeys(("entry", "id", "编号"), None),
    }
)
REQUIRED = {
    "payments": ("customer", "amount", "at"),
    "cancellations": ("customer", "sale_at", "amount", "at", "reason"),
}


def parse_money_rows(
    table: str, headers: list[str], rows: list[tuple[int, list]], now: datetime, *, skip_bad_rows: bool
) -> tuple[list[dict], list[dict]]:
    """Rows of a payments or cancellations file -> (checked rows, bad rows as
    {"row", "reason"}): {"row", "customer", "amount_fen", "at", "sale_at",
    "sale_fen"} and a payment's "deal_title" and "note", a cancellation's
    "reason". A bad row stops the import (SalelogError), unless `skip_bad_rows`."""
    columns = map_columns(headers, PAYMENT_HEADERS if table == "payments" else CANCELLATION_HEADERS)
    for field in REQUIRED[table]:
        if field not in columns:
            raise SalelogError(
                tr("no {field} column", field=field),
                tr("the columns {table} has: salelog export {table}", table=table),
            )
    good, bad = [], []
    for number, row in rows:
        try:
            good.append(_money_row(table, headers, number, row, columns, now))
        except SalelogError as e:
            if not skip_bad_rows:
                raise
            bad.append({"row": number, "reason": e.message})
    return good, bad


def _money_row(table: str, headers: list[str], number: int, row: list, columns: dict, now: datetime) -> dict:
    from .text import check_name, check_text

    _row_width_check(row, headers, number)
    cells = _cells(row, columns)
    amount, moment = fields.BY_KEY["amount"], fields.BY_KEY["at"]

    def read(field: str, kind, required: str | None = None):
        name = cells.get(field, (field, None))[0]
        return _read(cells, field, number, lambda v: fields.read(kind, v, now, name=name), required)

    checked = {
        "row": number,
        "customer": _read(cells, "customer", number, check_name, tr("every row needs its customer")),
        "amount_fen": read("amount", amount, tr("give the amount, e.g. 3万")),
        "at": read("at", moment, tr("give when it happened, e.g. 2026-11-20 15:30")),
        "sale_at": read("sale_at", moment, tr("give the sale's time, as export cancellations writes it")
                        if table == "cancellations" else None),
        "sale_fen": read("sale", amount),
    }  # fmt: skip
    if table == "payments":
        checked["deal_title"] = _read(cells, "deal_title", number, lambda v: check_name(v, "deal_title"))
        checked["note"] = _read(cells, "note", number, lambda v: (check_text(v, "note") or "").strip() or None)
        if checked["deal_title"] and checked["sale_at"]:
            raise SalelogError(
                tr("row {row}: a sale (sale_at) and a deal (deal_title) both given", row=number),
                tr("a payment is for one sale or one deal: give one of them"),
            )
    else:
        checked["reason"] = _read(
            cells, "reason", number, lambda v: check_name(v, "reason"), tr("say why the sale was cancelled")
        )
    return checked
