"""The one error type users see: a message and, where it helps, how to fix it."""


class SalelogError(Exception):
    """A user or data error: printed as one line (plus a hint) with exit status 1."""

    def __init__(self, message: str, hint: str | None = None):
        super().__init__(message)
        self.message = message
        self.hint = hint
