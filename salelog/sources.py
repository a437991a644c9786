"""Where customers come from, as a month's or a year's review reads it (pure:
store.entries_in rows and each customer's source in, figures out)."""

from .money import yuan
from .periods import Period


def by_source(entries: list[dict], source_of: dict[int, str | None], period: Period) -> list[dict]:
    """Per source (None: not recorded): prospects (customers first contacted in
    the period), new clients (first sale in the period), conversion (the share
    of those prospects who bought in the period, percent, one decimal; None
    without prospects) and revenue (yuan). Most revenue first."""
    lower, upper = period.lower, period.upper
    rows: dict[str | None, dict] = {}
    for e in entries:
        source = source_of.get(e["customer_id"])
        row = rows.setdefault(source, {"source": source, "prospects": set(), "new": set(), "won": set(), "fen": 0})
        if lower <= e["first_at"] < upper:
            row["prospects"].add(e["customer_id"])
        if e["first_sale_at"] and lower <= e["first_sale_at"] < upper:
            row["new"].add(e["customer_id"])
        if e["amount_fen"]:
            row["fen"] += e["amount_fen"]
            row["won"].add(e["customer_id"])
    figures = []
    for row in rows.values():
        prospects, converted = len(row["prospects"]), len(row["prospects"] & row["won"])
        figures.append(
            {
                "source": row["source"],
                "prospects": prospects,
                "new_clients": len(row["new"]),
                "conversion": round(100 * converted / prospects, 1) if prospects else None,
                "revenue": yuan(row["fen"]),
                "_fen": row["fen"],
            }
        )
    figures.sort(key=lambda r: (-r["_fen"], -r["new_clients"], r["source"] is None, r["source"] or ""))
    return [{k: v for k, v in r.items() if k != "_fen"} for r in figures]
