"""What the goal features add to the screens: the rewards under week, the streak under today."""

from .i18n import period_kind, tr
from .sheet import Column, Line, Table
from .text import visible


def reward_blocks(rewards: list[dict]) -> list:
    """week: each reward of the week (and of the longer periods holding it) with
    its mark, reached or how far to go."""
    from .money import format_count, show_amount

    table = Table(
        Column(""), Column(tr("Metric")), Column(tr("At"), "right"), Column(tr("Reward")), Column(tr("Status")),
        title="\n" + tr("Rewards"),
    )  # fmt: skip
    for r in rewards:
        show = show_amount if r["unit"] == "yuan" else format_count
        mark = show(r["_mark"])
        if r["period"]["kind"] != "week":
            mark += f" ({period_kind(r['period']['kind'])} {r['period']['label']})"
        elif not r["milestone"]:
            mark += " " + tr("(target)")
        status = (tr("reached"), "green") if r["reached"] else tr("{left} to go", left=show(r["_mark"] - r["_actual"]))
        table.add_row("✓" if r["reached"] else "·", visible(r["metric"]), mark, visible(r["reward"], one_line=True),
                      status)  # fmt: skip
    return [table]


def streak_line(streak: dict) -> Line:
    """today: working days in a row with the day's quota met."""
    days = streak["days"]
    if not days:
        return Line((tr("Streak: none yet: meet today's quota to start one"), "dim"))
    text = tr("Streak: {days} working days in a row with the day's quota met (since {since})", days=days,
              since=streak["since"]) if days > 1 else tr("Streak: 1 working day with the day's quota met ({since})",
                                                          since=streak["since"])  # fmt: skip
    return Line((text, "green"))
