"""Where customers come from, as a month's or a year's review reads it (pure:
the period's customers in, figures out)."""

from .money import yuan
from .periods import Period


def by_source(customers: list[dict], period: Period, cancellations: list[tuple] = ()) -> list[dict]:
    """Per source (None: not recorded) of the customers logged in the period
    (`customers`: store.period_sums' customers: source, first_at and
    first_sale_at ever, sales_fen in the period): prospects (customers first
    contacted in the period), new clients (first sale in the period), conversion
    (the share of those prospects who bought in the period, percent, one decimal;
    None without prospects) and revenue (yuan), less the period's
    `cancellations` ((source, fen)), as every revenue is. Most revenue first."""
    lower, upper = period.lower, period.upper
    rows: dict[str | None, dict] = {}

    def row_of(source):
        return rows.setdefault(source, {"source": source, "prospects": 0, "new": 0, "converted": 0, "fen": 0})

    for source, fen in cancellations:
        row_of(source)["fen"] -= fen
    for c in customers:
        row = row_of(c["source"])
        prospect = lower <= c["first_at"] < upper
        row["prospects"] += prospect
        row["new"] += bool(c["first_sale_at"] and lower <= c["first_sale_at"] < upper)
        row["converted"] += prospect and c["sales_fen"] > 0
        row["fen"] += c["sales_fen"]
    figures = []
    for row in rows.values():
        prospects = row["prospects"]
        figures.append(
            {
                "source": row["source"],
                "prospects": prospects,
                "new_clients": row["new"],
                "conversion": round(100 * row["converted"] / prospects, 1) if prospects else None,
                "revenue": yuan(row["fen"]),
                "_fen": row["fen"],
            }
        )
    figures.sort(key=lambda r: (-r["_fen"], -r["new_clients"], r["source"] is None, r["source"] or ""))
    return [{k: v for k, v in r.items() if k != "_fen"} for r in figures]
