"""The fields of a log entry and of a customer's card, each declared once: its
options, its column, how its text is read, its `--json` key, its export type
and its import headers.

Everything else is built from ENTRY_FIELDS: `visit add`'s and `visit edit`'s
options (Typer's declarations and the fast path's table), the entries SQL in
the store, the JSON records, the export columns and the import headers; and
from CARD_FIELDS: `customer add`/`edit`'s options, the card's columns in the
store, the customers file's columns and headers, the card on `customer show`.
tests/test_fields.py checks Typer's declarations against it (names, flags,
types, defaults), so a field added here shows up everywhere or fails a test.

Adding a field: one Field here, one migration (its column, or for a list its
table), and its Chinese heading in the catalogue.

Kept to plain Python: the fast path imports it.
"""

from .errors import SalelogError


# key: the option's parameter, the JSON key and the export header (a list field's
#   parameter is its singular option name: --tag fills `tag`, shown as `tags`).
# flags: the options that set it. metavar, help: for --help.
# column: the entries column, or for a list "table.column" (one row per value).
# type: how typed text is read and how it is exported (EXPORT_TYPE below).
# headers: what an imported file may call the column (besides the key itself).
# clearable: `visit edit --FLAG ""` clears it. example: a value, for hints.
# default: what visit add takes when the option is not given (for its --help).
class Field:
    """One entry or card field (a plain class: a namedtuple costs ~0.5 ms at every start-up)."""

    __slots__ = ("key", "flags", "metavar", "help", "column", "type", "headers", "clearable", "example", "default")
    __slots__ += ("param",)

    def __init__(self, key, flags, metavar, help, column, type, headers=(), *, clearable=True, example="", default=""):
        self.key, self.flags, self.metavar, self.help, self.column, self.type = key, flags, metavar, help, column, type
        self.headers, self.clearable, self.example, self.default = headers, clearable, example, default
        self.param = "klass" if key == "class" else key  # the Python name of its option: class is a keyword


ENTRY_FIELDS = (
    Field(
        "kind",
        ("--kind", "-k"),
        "KIND",
        "visit, call, email, meeting, message (拜访/电话/邮件/会议/微信); sale (成交): a sale booked with no contact.",
        "kind",
        "kind",
        ("type", "类型"),
        clearable=False,
        default="Default: visit, or default_kind in the config.",
    ),
    Field(
        "amount",
        ("--amount", "-a"),
        "AMOUNT",
        "Sale amount: 3500, 1.2w, 12k, 50万, ¥3,500.50.",
        "amount_fen",
        "amount",
        ("金额",),
    ),
    Field("outcome", ("--outcome", "-o"), "TEXT", "What came of it.", "outcome", "text", ("结果", "备注")),
    Field("needs", ("--needs",), "TEXT", "The customer's needs.", "needs", "text", ("需求",)),
    Field(
        "feedback",
        ("--feedback",),
        "TEXT",
        "Market feedback: prices, competitors, objections.",
        "feedback",
        "text",
        ("反馈",),
    ),
    Field("next", ("--next",), "TEXT", "The next step.", "next_step", "text", ("nextstep", "下一步")),
    Field(
        "next_date",
        ("--next-date",),
        "DATE",
        "When: fri, 周五, tomorrow, 下周一, 月底, 11-27, 2026-11-27.",
        "next_date",
        "date",
        ("nextdate", "下次日期"),
    ),
    Field(
        "at",
        ("--at",),
        "WHEN",
        "When it happened: yesterday, 昨天下午3点, 昨晚, 3天前, 15:30.",
        "at",
        "moment",
        ("datetime", "日期时间"),
        clearable=False,
        default="Default: now.",
    ),
    Field("minutes", ("--minutes",), "N", "How long it took, in minutes.", "minutes", "minutes", ("时长",)),
    Field(
        "tag",
        ("--tag", "-t"),
        "TAG",
        "A tag; repeat, or a,b, for more. Custom metrics count tags.",
        "entry_tags.tag",
        "names",
        ("标签",),
        example="demos",
    ),
    Field(
        "competitor",
        ("--competitor",),
        "NAME",
        "A competitor the customer mentioned (who else is quoting); repeat, or 华为、中兴, for more.",
        "entry_competitors.competitor",
        "names",
        ("竞争对手", "竞品"),
        example="华为",
    ),
    Field(
        "complaint",
        ("--complaint",),
        "TEXT",
        "A complaint: logged, and a follow-up opened for the next working day.",
        "complaint",
        "text",
        ("投诉",),
        example="交货晚了三天",
    ),
    Field(
        "satisfaction",
        ("--satisfaction",),
        "1-5",
        "How satisfied the customer was: 1 very unhappy .. 5 delighted.",
        "satisfaction",
        "satisfaction",
        ("满意度",),
        example="4",
    ),
)

CLASSES = ("A", "B", "C")  # a customer's class: high value, potential, ordinary (the 80/20 rule)

# A customer's card, in display order: customer add/edit's options, the customers
# columns, the customers file's columns and headers.
CARD_FIELDS = (
    Field("company", ("--company",), "TEXT", "Company or organisation.", "company", "line", ("公司",)),
    Field("class", ("--class",), "A|B|C", "A high-value, B potential, C ordinary.", "class", "class", ("等级", "分类")),
    Field("phone", ("--phone",), "TEXT", "Phone number.", "phone", "line", ("电话",)),
    Field("email", ("--email",), "TEXT", "Email address.", "email", "line", ("邮箱",)),
    Field("wechat", ("--wechat",), "TEXT", "WeChat id.", "wechat", "line", ("微信",)),
    Field("note", ("--note",), "TEXT", "A note on the customer.", "note", "text", ("备注",)),
    Field(
        "source",
        ("--source",),
        "TEXT",
        "Where the customer came from: 转介绍, 展会, 陌拜, 网络, 老客户介绍, ...",
        "source",
        "line",
        ("来源", "客户来源"),
    ),
)

# A field type's column type in exports (actions.visit.read_field reads its text).
EXPORT_TYPE = {
    "kind": "text",
    "amount": "number",
    "text": "text",
    "line": "text",
    "class": "text",
    "date": "date",
    "moment": "datetime",
    "minutes": "number",
    "names": "list",
    "satisfaction": "number",
}

# An imported row's own id (an id column in the file): the entry's identity, kept
# in entries.source_id so that importing the file again recognises the row. Not
# an option of visit add; not exported (an export's rows are the logbook's own).
SOURCE_ID = "source_id"
SOURCE_ID_HEADERS = ("id", "编号")  # headers are matched ignoring case: ID, Id

BY_KEY = {f.key: f for f in ENTRY_FIELDS}
SCALARS = tuple(f for f in ENTRY_FIELDS if "." not in f.column)
LISTS = tuple(f for f in ENTRY_FIELDS if "." in f.column)


def json_key(field: Field) -> str:
    """The key in --json and the export header: a list field's plural (tags, competitors)."""
    return field.column.split(".")[1] + "s" if field in LISTS else field.key


def list_table(field: Field) -> tuple[str, str]:
    """A list field's (table, column): one row per value, keyed by entry_id."""
    table, column = field.column.split(".")
    return table, column


def options() -> dict[str, str]:
    """Every flag -> its parameter (the fast path's table for visit add / edit)."""
    return {flag: f.key for f in ENTRY_FIELDS for flag in f.flags}


def repeatable() -> frozenset:
    return frozenset(f.key for f in LISTS)


def read(field: Field, text: str, now, *, name: str | None = None, zero_amount: bool = False):
    """One field's text as typed (an option, a prompt, an imported cell) -> the
    value stored, by the field's type; `name` is what errors call it (its flag
    by default). A list field's values: read_values. `zero_amount`: an amount of 0
    reads as none (imported files write 0 for "no sale") instead of an error."""
    from .text import check_text

    name = name or field.flags[0]
    kind = field.type
    if kind in ("text", "line"):
        return check_text(text, name, one_line=kind == "line")
    if kind == "class":
        klass = check_text(text, name, one_line=True).strip().upper()
        if klass not in CLASSES:
            raise SalelogError(
                'unknown class "{klass}"', "use A (high-value), B (potential) or C (ordinary)", klass=text[:40]
            )
        return klass
    if kind == "satisfaction":
        score = text.strip()
        if score not in ("1", "2", "3", "4", "5"):
            raise SalelogError(
                "{name} must be 1 to 5, not {value}",
                "give 1 (very unhappy) to 5 (delighted)",
                name=name,
                value=repr(text[:20]),
            )
        return int(score)
    if kind == "kind":
        from .metrics import resolve_kind

        return resolve_kind(text)
    from . import parse

    if kind == "amount":
        return parse.parse_amount(text, allow_zero=zero_amount) or None
    if kind == "date":
        return parse.parse_date(text, now, prefer="future").isoformat()
    if kind == "moment":
        return parse.parse_datetime(text, now, prefer="past").strftime("%Y-%m-%d %H:%M:%S")
    if kind == "minutes":
        return parse.parse_minutes(text)
    raise TypeError(f"{field.key}: no reader for type {kind!r}")


def read_values(field: Field, texts: list[str], *, name: str | None = None) -> list[str]:
    """A list field's values as typed or imported (one text may hold several,
    "华为、中兴") -> the values stored, by text.split_names: the same rule for an
    option, a prompt and an imported cell."""
    from .text import split_names

    return split_names(texts, name or field.flags[0])


def values_of(row: dict, field: Field) -> list[str]:
    """A list field's values in a stored row (store.list_entries and entries_in give lists)."""
    return row[json_key(field)]


def entry_record(row: dict, money) -> dict:
    """A stored entry (store.list_entries row) in the contract's list shape: id,
    customer, then every field under its json_key (amounts through `money`:
    fen -> yuan), the deal it is linked to, and how much of its sale was cancelled with each cancellation
    (at, amount, reason; oldest first), as visit list --json, customer show --json and the exports give it."""
    record = {"id": row["id"], "customer": row["customer"]}
    for field in ENTRY_FIELDS:
        key = json_key(field)
        if field in LISTS:
            record[key] = values_of(row, field)
        else:
            value = row[field.column]
            record[key] = money(value) if field.type == "amount" else value
    record["deal"] = row["deal"]  # visit add --deal, or the customer's one open deal
    return record | cancellations_record(row["cancellations"], money)


def cancellations_record(cancellations: list[dict], money) -> dict:
    """An entry's cancellations (store.accounts.cancellations_of) in its record: cancelled, cancellations."""
    return {
        "cancelled": money(sum(c["amount_fen"] for c in cancellations)),
        "cancellations": [
            {"at": c["at"], "amount": money(c["amount_fen"]), "reason": c["reason"]} for c in cancellations
        ],
    }


def export_columns() -> tuple[tuple[str, str], ...]:
    """(header, export type) of an entries file: who and when, then every other field."""
    rest = tuple((json_key(f), EXPORT_TYPE[f.type]) for f in ENTRY_FIELDS if f.key != "at")
    return (("customer", "text"), ("at", "datetime"), *rest)


def import_headers() -> dict[str, str]:
    """What an imported entries file may call each field's column -> its json_key."""
    return {header: json_key(f) for f in ENTRY_FIELDS for header in (json_key(f), *f.headers)}
