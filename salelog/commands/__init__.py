"""One module per Typer sub-app: its options, help and completion; the bodies are in salelog/actions/."""

import typer


def db_option(ctx: typer.Context) -> str | None:
    """The global --db (None: $SALELOG_DB or the default)."""
    return ctx.find_root().obj.db


def field_options(fields: tuple, *, editing: bool):
    """Give a command the options of `fields` (salelog/fields.py: ENTRY_FIELDS or
    CARD_FIELDS), declared there once; the command receives them as keyword
    arguments (its **given), by each field's `param`. `editing` (visit edit)
    says that an empty value clears a field or a list."""
    import inspect
    from typing import Annotated

    def options_of(field) -> inspect.Parameter:
        listed = "." in field.column  # one row per value: a repeatable option
        help = field.help
        if editing:
            help += " Replaces the stored ones; empty to clear." if listed else " Empty to clear." * field.clearable
        elif field.default:
            help += " " + field.default
        kind = list[str] | None if listed else str | None
        option = typer.Option(*field.flags, help=help, metavar=field.metavar)
        return inspect.Parameter(
            field.param, inspect.Parameter.KEYWORD_ONLY, default=None, annotation=Annotated[kind, option]
        )

    def decorate(command):
        signature = inspect.signature(command)
        own = [p for p in signature.parameters.values() if p.kind is not inspect.Parameter.VAR_KEYWORD]
        first = [p for p in own if p.kind is not inspect.Parameter.KEYWORD_ONLY]
        last = [p for p in own if p.kind is inspect.Parameter.KEYWORD_ONLY]  # e.g. --new, after the fields
        command.__signature__ = signature.replace(parameters=first + [options_of(f) for f in fields] + last)
        return command

    return decorate
