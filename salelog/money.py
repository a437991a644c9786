"""Money at the edges. Amounts are integer fen in the store and in arithmetic
(never float); they become yuan only on the way out:

- yuan(): a JSON number (the --json contract: two decimals at most),
- exact_yuan(): an exact Decimal (exports: CSV text, typed xlsx cells),
- shown(): for people to read, rounded for tables (12.5万, 3,500), the
  config's currency symbol in front; parse.show_amount does the formatting.
"""


def yuan(fen: float | None) -> float | int | None:
    """Fen -> a JSON number in yuan with at most two decimals (fen may be a
    float: an expected or projected figure)."""
    if fen is None:
        return None
    value = round(fen / 100, 2)
    return int(value) if value == int(value) else value


def exact_yuan(fen: int | None):
    """Fen -> exact yuan: Decimal('12000') or Decimal('3500.50')."""
    from decimal import Decimal  # not at the top: ~2 ms that week and today do not need

    if fen is None:
        return None
    return Decimal(fen // 100) if fen % 100 == 0 else Decimal(fen).scaleb(-2)


def fen(amount_yuan: float | int) -> int:
    """A yuan figure as yuan() gives it -> fen again (exact: yuan() keeps two decimals)."""
    return round(amount_yuan * 100)


def shown(amount_yuan: float | int | None, *, approx: bool = True, zero: str = "") -> str:
    """A yuan figure as yuan() gives it (in a row that --json prints too), for
    people: rounded with approx (12.5万), `zero` for none or nothing."""
    from .parse import show_amount

    return show_amount(fen(amount_yuan), approx=approx) if amount_yuan else zero
