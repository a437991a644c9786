"""Money at the edges. Amounts are integer fen in the store and in arithmetic
(never float); they become yuan only on the way out:

- yuan(): a JSON number (the --json contract: two decimals at most),
- exact_yuan(): an exact Decimal (exports: CSV text, typed xlsx cells),
- shown(): for people to read, rounded for tables (12.5万, 3,500), the
  config's currency symbol in front; show_amount does the formatting.

format_amount is also how a Chinese salesperson writes an amount, and what
parse.parse_amount reads back.
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
    return show_amount(fen(amount_yuan), approx=approx) if amount_yuan else zero


def _grouped(n: int) -> str:
    return f"{n:,}"


def _scaled_str(units: int, places: int) -> str:
    """``units`` * 10**-places as text, no trailing zeros, no '.0', no commas
    (a number before 万 or 亿 is written plain: 5000万, 1234.57万)."""
    whole, frac = divmod(units, 10**places)
    frac_text = f"{frac:0{places}d}".rstrip("0")
    return f"{whole}.{frac_text}" if frac_text else str(whole)


def _round_half_up(n: int, step: int) -> int:
    """n / step rounded half up (n >= 0)."""
    return (n + step // 2) // step


_FEN_PER_WAN = 100 * 10**4
_FEN_PER_YI = 100 * 10**8


def format_amount(fen: int, *, approx: bool = False) -> str:
    """Fen -> how a Chinese salesperson writes it.

    Exact (default) round-trips through :func:`parse_amount`: ``1.5亿`` when it
    is a whole number of 1e-4 亿, else ``12.3456万`` when it is at least 1万 and
    whole yuan, else ``3,500`` / ``3,500.50``. With ``approx`` (for tables):
    from 1万 up, 万 or 亿 rounded half-up to 2 decimals (``20.83万``), below
    that whole yuan (``3,501``). Zero is ``0``; negatives get a leading ``-``.
    """
    if fen < 0:
        positive = format_amount(-fen, approx=approx)
        return positive if positive == "0" else "-" + positive  # no "-0" from rounding
    if approx:
        return _format_approx(fen)
    if fen >= _FEN_PER_YI and fen % (_FEN_PER_YI // 10**4) == 0:
        return _scaled_str(fen // (_FEN_PER_YI // 10**4), 4) + "亿"
    if fen >= _FEN_PER_WAN and fen % 100 == 0:
        return _scaled_str(fen // 100, 4) + "万"
    if fen % 100:
        return f"{_grouped(fen // 100)}.{fen % 100:02d}"
    return _grouped(fen // 100)


def show_amount(fen: int, *, approx: bool = False) -> str:
    """format_amount for people to read: with the config's currency symbol in
    front when it names one (¥50万, -¥3,500)."""
    text = format_amount(fen, approx=approx)
    symbol = _currency_symbol()
    if not symbol:
        return text
    return "-" + symbol + text[1:] if text.startswith("-") else symbol + text


def _currency_symbol() -> str:
    from . import config

    return config.once("currency")


def _format_approx(fen: int) -> str:
    """Rounded display; checks the rounded value so 9,999.6 shows as 1万."""
    yuan = _round_half_up(fen, 100)
    if yuan < 10**4:
        return _grouped(yuan)
    wan_hundredths = _round_half_up(fen, _FEN_PER_WAN // 100)
    if wan_hundredths < 10**6:
        return _scaled_str(wan_hundredths, 2) + "万"
    return _scaled_str(_round_half_up(fen, _FEN_PER_YI // 100), 2) + "亿"


def format_count(n: int) -> str:
    """A count with thousands separators: 1234 -> '1,234'."""
    return _grouped(n)
