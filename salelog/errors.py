"""The one error type users see: a message and, where it helps, how to fix it."""


class SalelogError(Exception):
    """A user or data error: printed as one line (plus a hint) with exit status 1.

    Raised with the English text as a template and its variable parts as values,
    `SalelogError("cannot read amount {text}", "write e.g. 3500", text=typed)`;
    it is translated when it is shown (`message`, `hint`), not where it is raised,
    so the modules that raise it need not know the output language. Text already
    translated (no values) passes through unchanged.
    """

    status = 1  # the exit status it ends the run with

    def __init__(self, message: str, hint: str | None = None, /, **values):
        super().__init__(message)
        self.template, self.hint_template, self.values = message, hint, values

    @property
    def message(self) -> str:
        return _said(self.template, self.values)

    @property
    def hint(self) -> str | None:
        return None if self.hint_template is None else _said(self.hint_template, self.values)

    def __str__(self) -> str:
        return self.message


class UsageProblem(SalelogError):
    """A command line salelog cannot read at all: exit status 2, as Click's usage errors."""

    status = 2


def _said(template: str, values: dict) -> str:
    from .i18n import tr

    return tr(template, **values)
