"""The measures a salesperson sets targets for, and the kinds of contact logged.

Ids are English (the interface contract); Chinese aliases resolve to them.
"""

from .errors import SalelogError
from .i18n import tr


class Metric:
    """A measure: id, the contract's name; label_zh, its Chinese label; aliases,
    names that resolve to it; counts, what it counts; money, amounts in fen;
    kind, the entry kind counted; activity, the activity kind whose minutes it
    counts (salelog/activities.py), for a custom metric named after one. A plain class: a dataclass means `import
    dataclasses` (~8 ms), a namedtuple ~0.3 ms, on every command's path."""

    __slots__ = ("id", "label_zh", "aliases", "counts", "money", "kind", "activity")

    def __init__(self, id, label_zh, aliases, counts, money=False, kind=None, activity=None):  # noqa: A002
        self.id, self.label_zh, self.aliases, self.counts = id, label_zh, aliases, counts
        self.money, self.kind, self.activity = money, kind, activity

    def __eq__(self, other) -> bool:
        return isinstance(other, Metric) and self.id == other.id

    def __hash__(self) -> int:
        return hash(self.id)

    def __repr__(self) -> str:
        return f"Metric({self.id!r})"


BUILT_IN = (
    Metric("revenue", "销售额", ("销售额", "业绩"), "sum of entry amounts", money=True),
    Metric("deals", "成交", ("成交", "成交数"), "entries with an amount"),
    Metric("new-clients", "新客户", ("新客户", "新增客户"), "customers whose first sale falls in the period"),
    Metric("prospects", "潜在客户", ("潜在客户", "新接触"), "customers first contacted in the period"),
    Metric("visits", "拜访", ("拜访",), "entries of kind visit", kind="visit"),
    Metric("calls", "电话", ("电话",), "entries of kind call", kind="call"),
    Metric("emails", "邮件", ("邮件",), "entries of kind email", kind="email"),
    Metric("meetings", "会议", ("会议",), "entries of kind meeting", kind="meeting"),
    Metric("messages", "微信", ("微信", "消息"), "entries of kind message", kind="message"),
    Metric("collected", "回款", ("回款", "收款"), "sum of payments collected", money=True),
)
BY_NAME = {name: m for m in BUILT_IN for name in (m.id, *m.aliases)}

# sale: a sale booked with no contact (deal won's revenue, an order that came in by
# itself): it counts in revenue and deals, and in none of the contact metrics above.
SALE = "sale"
KINDS = ("visit", "call", "email", "meeting", "message", SALE)
CONTACT_KINDS = KINDS[:-1]  # the kinds a review counts as contacts (conversion = deals / contacts)


def check_sale(kind: str, amount_fen: int | None) -> None:
    """An entry of kind sale (a sale booked with no contact) is its amount: without
    one it would count as neither a contact nor a deal."""
    if kind == SALE and not amount_fen:
        hint = "give it (--kind sale --amount 3500), or the contact's kind: visit, call..."
        raise SalelogError("a sale needs an amount", hint)


KIND_ALIASES = {
    "拜访": "visit",
    "visits": "visit",
    "电话": "call",
    "calls": "call",
    "phone": "call",
    "邮件": "email",
    "mail": "email",
    "emails": "email",
    "会议": "meeting",
    "meetings": "meeting",
    "微信": "message",
    "消息": "message",
    "wechat": "message",
    "messages": "message",
    "成交": SALE,
    "sales": SALE,
}


def custom_metric(name: str) -> Metric:
    """A user-declared metric: counts entries tagged with its name, or, named
    after an activity kind (learning, 学习, ...: salelog/activities.py), that kind's minutes."""
    from .activities import KINDS, activity_kind

    kind = activity_kind(name)
    if kind:  # named in Chinese as the kind is (training: 培训)
        return Metric(name, KINDS[kind], (), f"minutes of {kind} activities", activity=kind)
    return Metric(name, name, (), f"entries tagged {name}")


def resolve_metric(name: str, custom_names: set[str]) -> Metric:
    """A metric id, Chinese alias or declared custom name -> Metric; else a
    SalelogError naming the closest known metric."""
    key = name.strip()
    metric = BY_NAME.get(key.lower()) or BY_NAME.get(key)
    if metric:
        return metric
    if key in custom_names:
        return custom_metric(key)
    from .activities import activity_kind

    if activity_kind(key) in custom_names:  # 学习 for the declared learning
        return custom_metric(activity_kind(key))
    known = [m.id for m in BUILT_IN] + sorted(custom_names)
    canonical = {name: m.id for name, m in BY_NAME.items()} | {c: c for c in custom_names}
    raise SalelogError(
        'unknown metric "{name}"{suggestion}',
        "known metrics: {names}; declare your own with: salelog goal set NAME N --custom",
        name=key,
        suggestion=_did_you_mean(key, canonical),
        names=", ".join(known),
    )


def check_custom_name(name: str) -> str:
    """A name fit for a new custom metric (it counts a tag, so keep it plain: no
    space, and none of the characters that separate a list's values)."""
    from .text import LIST_SEPARATORS

    key = name.strip()
    if not key or any(c.isspace() or not c.isprintable() or c in LIST_SEPARATORS for c in key) or len(key) > 40:
        raise SalelogError(
            '"{name}" cannot name a custom metric',
            "use one word of up to 40 characters, e.g. demos or 演示",
            name=name[:40],
        )
    if key.lower() in BY_NAME or key in BY_NAME:
        raise SalelogError('"{name}" is a built-in metric', "drop --custom to set its target", name=key)
    return key


def resolve_kind(text: str) -> str:
    """visit/call/email/meeting/message/sale or a Chinese alias -> the kind id."""
    key = text.strip().lower()
    if key in KINDS:
        return key
    if key in KIND_ALIASES:
        return KIND_ALIASES[key]
    raise SalelogError(
        'unknown kind "{text}"{suggestion}',
        "kinds: visit (拜访), call (电话), email (邮件), meeting (会议), message (微信), sale (成交: no contact)",
        text=text[:40],
        suggestion=_did_you_mean(key, {**{k: k for k in KINDS}, **KIND_ALIASES}),
    )


def _did_you_mean(word: str, canonical: dict[str, str]) -> str:
    """'; did you mean X?' for the closest of `canonical`'s keys (mapped to its id), or ''."""
    import difflib  # only on the error path

    close = difflib.get_close_matches(word.lower(), list(canonical), n=1, cutoff=0.6)
    return tr("; did you mean {names}?", names=canonical[close[0]]) if close else ""
