"""Run the commands typed dozens of times a day without importing Typer.

Typer costs ~45 ms at import, several times Python's own start-up, so for the
hot commands (visit add, deal add, deal move, deal list, deal show, visit list, goal set/list, week, today, followups,
remind, receivables, payment add/list, customer list/show, task add/list/done, plan, review, review
write/check, trend, day, day note, activity add/list) main() first tries this small parser. It handles only
well-formed, plain invocations; anything else (--help, an unknown option, a
missing value, completion) returns False and Typer takes over, so usage errors
and help always come from Typer. The option tables
below must match the Typer commands: tests/test_cli.py checks that.
"""

import os


class Spec:
    """How to run one hot command. action: "module:function" in salelog.actions;
    options and switches map a flag to its parameter (switches take no value);
    repeatable: parameters collected in a list; integers: parameters that must be
    whole numbers (else Typer says so, as a usage error); naturals: those that must
    also be 0 or more (Typer's min=0). A plain class: a namedtuple costs ~0.3 ms,
    a dataclass ~8 ms (`import dataclasses`), of every start-up."""

    __slots__ = ("action", "positionals", "options", "repeatable", "switches", "integers", "naturals")

    def __init__(self, action, positionals=(), options=None, repeatable=frozenset(), switches=None,
                 integers=frozenset(), naturals=frozenset()):  # fmt: skip
        self.action, self.positionals, self.options = action, positionals, options or {}
        self.repeatable, self.switches, self.integers, self.naturals = repeatable, switches or {}, integers, naturals


def _visit_add() -> Spec:
    """visit add's options: the entry fields' (salelog/fields.py) and the deal; made
    when visit add is typed, so that the other hot commands do not load the fields."""
    from . import fields

    return Spec(
        "visit:visit_add",
        positionals=("customer",),
        options=fields.options() | {"--deal": "deal"},
        repeatable=fields.repeatable(),
        switches={"--new": "new", "--new-tag": "new_tag"},
    )


# The hot commands by their words: a Spec, or a function that makes it.
HOT = {
    ("visit", "add"): _visit_add,
    ("deal", "add"): Spec(
        "deal:deal_add",
        positionals=("customer", "title"),
        options={f"--{name}": name for name in ("value", "stage", "close", "source", "note")},
        switches={"--new": "new"},
    ),
    ("deal", "move"): Spec("deal:deal_move", positionals=("ref", "stage")),
    ("deal", "list"): Spec(
        "deal:deal_list",
        options={"--stage": "stage", "--customer": "customer", "-c": "customer"},
        switches={"--all": "include_closed", "--json": "as_json"},
    ),
    ("deal", "show"): Spec("deal:deal_show", positionals=("ref",), switches={"--json": "as_json"}),
    ("pipeline",): Spec(
        "deal:pipeline_show", options={"--since": "since", "--until": "until"}, switches={"--json": "as_json"}
    ),
    ("goal", "set"): Spec(
        "goal:goal_set",
        positionals=("metric", "target"),
        options={
            "--week": "week",
            "-w": "week",
            "--month": "month",
            "--quarter": "quarter",
            "--year": "year",
            "--reward": "reward",
        },  # fmt: skip
        switches={"--custom": "custom"},
    ),
    ("goal", "check"): Spec(
        "goal_check:goal_check",
        positionals=("metric", "target"),
        options={"--week": "week", "-w": "week", "--month": "month", "--quarter": "quarter", "--year": "year"},
        switches={"--json": "as_json"},
    ),
    ("week",): Spec("progress:week_show", options={"--week": "week", "-w": "week"}, switches={"--json": "as_json"}),
    ("today",): Spec("progress:today_show", switches={"--json": "as_json"}),
    ("visit", "list"): Spec(
        "visit_list:visit_list",
        options={
            "--since": "since",
            "--until": "until",
            "--customer": "customer",
            "-c": "customer",
            "--kind": "kind",
            "-k": "kind",
            "--limit": "limit",
            "-n": "limit",
        },
        switches={"--json": "as_json"},
        integers=frozenset({"limit"}),
        naturals=frozenset({"limit"}),
    ),
    ("followups",): Spec("followup:followups_show", switches={"--all": "include_done", "--json": "as_json"}),
    ("remind",): Spec("remind:remind", switches={"--notify": "notify", "--json": "as_json"}),
    # Here, -5 gets the amount's own error, not Click's "No such option: -5".
    ("payment", "add"): Spec(
        "payment:payment_add",
        positionals=("customer", "amount"),
        options={"--at": "at", "--for": "entry", "--deal": "deal", "--note": "note"},
    ),
    ("receivables",): Spec(
        "payment:receivables",
        options={"--limit": "limit", "-n": "limit"},
        switches={"--json": "as_json"},
        integers=frozenset({"limit"}),
        naturals=frozenset({"limit"}),
    ),
    ("payment", "list"): Spec(
        "payment:payment_list", options={"--customer": "customer", "-c": "customer"}, switches={"--json": "as_json"}
    ),
    ("customer", "list"): Spec(
        "customer:customer_list",
        options={
            "--class": "klass",
            "--tag": "tag",
            "-t": "tag",
            "--a-days": "a_days",
            "--b-days": "b_days",
            "--c-days": "c_days",
            "--limit": "limit",
            "-n": "limit",
            "--stage": "stage",
        },
        switches={
            "--neglected": "neglected",
            "--effort": "effort",
            "--at-risk": "at_risk",
            "--json": "as_json",
        },
        integers=frozenset({"a_days", "b_days", "c_days", "limit"}),
        naturals=frozenset({"a_days", "b_days", "c_days", "limit"}),
    ),
    ("customer", "show"): Spec("customer:customer_show", positionals=("name",), switches={"--json": "as_json"}),
    ("task", "add"): Spec(
        "task:task_add",
        positionals=("title",),
        options={"--due": "due", "-d": "due", "--customer": "customer", "-c": "customer", "--q": "q"},
        switches={"--important": "important", "-i": "important", "--urgent": "urgent", "-u": "urgent"},
        integers=frozenset({"q"}),
    ),
    ("task", "list"): Spec("task:task_list", switches={"--all": "include_closed", "--json": "as_json"}),
    ("task", "done"): Spec(
        "task:task_done", positionals=("task_id",), integers=frozenset({"task_id"}), naturals=frozenset({"task_id"})
    ),
    ("plan",): Spec("plan:plan_show", options={"--week": "week", "-w": "week"}, switches={"--json": "as_json"}),
    # `review write ...` and `review check ...` are looked up before `review`, whose
    # positionals are none: `review --week last write` goes to Typer.
    ("review",): Spec(
        "review:review_show",
        options={"--week": "week", "-w": "week", "--month": "month", "--year": "year"},
        switches={"--json": "as_json", "--markdown": "markdown"},
    ),
    ("review", "write"): Spec(
        "review:review_write",
        options={
            "--week": "week",
            "-w": "week",
            "--went-well": "went_well",
            "--went-badly": "went_badly",
            "--why": "why",
            "--cause": "cause",
            "--plan": "plan",
            "--month": "month",
            "--year": "year",
        },
        repeatable=frozenset({"went_well", "went_badly", "why", "cause", "plan"}),
    ),
    ("review", "check"): Spec(
        "review:review_check",
        positionals=("item", "status"),
        options={"--note": "note"},
        integers=frozenset({"item"}),
        naturals=frozenset({"item"}),  # `-3` is an unknown option to Typer
    ),
    ("trend",): Spec(
        "trend:trend_show",
        options={"--weeks": "weeks", "-n": "weeks", "--metric": "metric", "-m": "metric"},
        switches={"--months": "months", "--json": "as_json"},
        integers=frozenset({"weeks"}),
    ),
    # `day note ...` is looked up before `day`, as review's are.
    ("day",): Spec(
        "day:day_show",
        options={"--date": "date", "-d": "date"},
        switches={"--json": "as_json", "--markdown": "markdown"},
    ),
    ("day", "note"): Spec(
        "day:day_note",
        positionals=("text",),
        options={"--mood": "mood", "-m": "mood", "--date": "date", "-d": "date"},
    ),
    ("activity", "add"): Spec(
        "activity:activity_add",
        positionals=("kind",),
        options={"--minutes": "minutes", "--at": "at", "--note": "note"},
    ),
    ("activity", "list"): Spec(
        "activity:activity_list",
        options={"--since": "since", "--until": "until"},
        switches={"--json": "as_json"},
    ),
    ("goal", "list"): Spec(
        "goal:goal_list",
        options={"--week": "week", "-w": "week", "--month": "month", "--quarter": "quarter", "--year": "year"},
        switches={"--history": "history", "--json": "as_json"},
    ),
}


# Options whose value may be left out (`review --month`: this month), per command:
# Typer has no such option, so a bare one is given "" before either parser sees it.
OPTIONAL_VALUES = {
    ("goal", "set"): ("--month", "--quarter", "--year"),
    ("goal", "list"): ("--month", "--quarter", "--year"),
    ("goal", "check"): ("--month", "--quarter", "--year"),
    ("goal", "reward"): ("--month", "--quarter", "--year"),
    ("review",): ("--month", "--year"),
    ("review", "write"): ("--month", "--year"),
    ("report",): ("--month",),
}


def with_optional_values(argv: list[str]) -> list[str]:
    """argv with "" after an OPTIONAL_VALUES option that has no value (last, or before another option)."""
    optional = OPTIONAL_VALUES.get(tuple(argv[:2])) or OPTIONAL_VALUES.get(tuple(argv[:1]))
    if not optional:
        return argv
    out = []
    for index, token in enumerate(argv):
        out.append(token)
        following = argv[index + 1] if index + 1 < len(argv) else None
        if token in optional and (following is None or following.startswith("-")):
            out.append("")
    return out


def spec_of(words: tuple[str, ...]) -> Spec | None:
    """How to run the hot command `words`, or None when it is not one."""
    spec = HOT.get(words)
    return spec() if callable(spec) else spec


def parse(argv: list[str]) -> tuple[Spec, dict] | None:
    """argv (global options already taken off by cli.main) -> (spec, keyword
    arguments for the action), or None to defer to Typer."""
    args = list(argv)
    kwargs: dict = {}
    for words in ((tuple(args[:2])), (tuple(args[:1]))):
        spec = spec_of(words)
        if spec:
            del args[: len(words)]
            break
    else:
        return None
    positionals = []
    while args:
        token = args[0]
        if token == "--":
            positionals.extend(args[1:])
            break
        if token.startswith("-") and token != "-" and not _is_negative_number(token):
            name = token.split("=", 1)[0]
            if name in spec.switches and "=" not in token:
                kwargs[spec.switches[name]] = True
                args.pop(0)
            elif name not in spec.options or not _take(args, spec.options, kwargs, spec.repeatable):
                return None
        else:
            positionals.append(args.pop(0))
    if len(positionals) != len(spec.positionals):
        return None
    kwargs.update(zip(spec.positionals, positionals, strict=True))
    for name in spec.integers & kwargs.keys():
        try:
            kwargs[name] = int(kwargs[name])
        except ValueError:
            return None
        if name in spec.naturals and kwargs[name] < 0:
            return None  # Typer's usage error says what is wrong
    return spec, kwargs


def _take(args: list[str], options: dict[str, str], kwargs: dict, repeatable: frozenset = frozenset()) -> bool:
    """Move one `--opt value` / `--opt=value` from args into kwargs; False if malformed."""
    token = args.pop(0)
    name, has_value, value = token.partition("=")
    if not has_value:
        if not args or (args[0].startswith("-") and not _is_negative_number(args[0])):
            return False
        value = args.pop(0)
    param = options[name]
    if param in repeatable:
        kwargs.setdefault(param, []).append(value)
    elif param in kwargs:
        return False  # given twice: let Typer decide what that means
    else:
        kwargs[param] = value
    return True


def _is_negative_number(token: str) -> bool:
    return token[1:2].isdigit()


def run(context, argv: list[str]) -> bool:
    """Run a hot command if argv is one this parser understands -> True if it ran."""
    if os.environ.get("_SALELOG_COMPLETE") or os.environ.get("SALELOG_NO_FASTPATH"):
        return False
    parsed = parse(argv)
    if parsed is None:
        return False
    spec, kwargs = parsed
    module, function = spec.action.split(":")
    # __import__, not importlib.import_module: `import importlib` costs ~1 ms (it imports warnings)
    actions = __import__("salelog.actions." + module, fromlist=(function,))
    getattr(actions, function)(context, **kwargs)
    return True
