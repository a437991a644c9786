"""team report: several salespeople's weeks side by side, each read from their
own logbook (or a backup of it) opened read-only, with a ranking and the team's
totals; as a table, --json, --markdown or an --html page."""

import os

from .. import store
from ..context import Context
from ..errors import SalelogError
from ..i18n import tr
from ..text import visible


def team_report(
    run: Context,
    *,
    members: list[str],
    week: str | None = None,
    as_json: bool = False,
    markdown: bool = False,
    html: str | None = None,
) -> None:
    """MEMBER is NAME=PATH or PATH (named by the file's stem)."""
    from ..periods import load_calendar
    from .review import reviewable_week

    if as_json + markdown + (html is not None) > 1:
        raise SalelogError(
            tr("give one of --json, --markdown and --html"), tr("e.g. salelog team report a.db b.db --json")
        )
    given = parse_members(members)
    if html is not None:
        from ..files import not_a_database, output_folder

        output_folder(html, option="--html", example="team.html")
        not_a_database(html, [path for _, path in given], option="--html")
    now = run.now
    period = reviewable_week(week, now)
    data = team_data(given, period, now, load_calendar())
    if as_json:
        from .show import print_json

        print_json(data)
    elif markdown:
        from ..views_team import team_markdown

        print(team_markdown(data), end="")
    elif html is not None:
        from ..files import write_private
        from ..htmlreport import team_html
        from ..i18n import chinese

        path = os.path.abspath(html)
        page = team_html(data, written_at=now.isoformat(timespec="minutes"), chinese=chinese())
        write_private(path, page.encode("utf-8"), option="--html", example="team.html")
        print(tr("report written to {path}", path=visible(path, one_line=True)))
    else:
        from ..sheet import show
        from ..views_team import team_blocks

        show(team_blocks(data))


def parse_members(members: list[str]) -> list[tuple[str, str]]:
    """MEMBER arguments -> (name, absolute path); the same file or name twice refused."""
    if not members:
        raise SalelogError(tr("no members given"), tr("e.g. salelog team report 王小明=wang.db li.db"))
    seen_files, seen_names, out = {}, set(), []
    for member in members:
        name, _, path = member.partition("=") if "=" in member and not os.path.exists(member) else ("", "", member)
        path = os.path.abspath(os.path.expanduser(path))
        name = name.strip()  # empty: the name stored in the logbook, else the file's stem (team_data)
        real = os.path.realpath(path)
        shown = name or os.path.splitext(os.path.basename(path))[0]
        if real in seen_files:
            raise SalelogError(
                tr("{path} is given twice ({first} and {second})", path=path, first=seen_files[real], second=shown),
                tr("give each member's logbook once"),
            )
        _check_unique(name, seen_names)
        seen_files[real] = shown
        out.append((name, path))
    return out


def _check_unique(name: str, seen: set) -> None:
    if not name:
        return
    if name in seen:
        raise SalelogError(
            tr("two members are named {name}", name=name), tr("name them: NAME=PATH, e.g. 王小明=wang.db")
        )
    seen.add(name)


def team_data(members: list[tuple[str, str]], period, now, calendar) -> dict:
    """team report --json: each member's week (read-only, one file at a time), the ranking, the totals."""
    from .. import report
    from .. import team as rollup
    from .progress import week_figures, week_json
    from .settings import owner_name

    rows, all_figures, names = [], [], {given for given, _ in members if given}
    for given, path in members:
        conn = store.open_readonly(path)
        try:
            with store.reading(conn):
                name = given or owner_name(conn) or os.path.splitext(os.path.basename(path))[0]
                if not given:
                    _check_unique(name, names)
                figures = week_figures(conn, period, now, calendar)
                followups = report.followup_rows(store.open_followups(conn), now.date())
        finally:
            conn.close()  # 50 members: one file open at a time
        overdue = sum(1 for f in followups if f["state"] == "overdue")
        rows.append(rollup.member_row(name, path, figures, week_json(figures)["metrics"], overdue))
        all_figures.append(figures)
    return {
        "period": {"start": period.start.isoformat(), "end": period.end.isoformat(), "label": period.label()},
        "members": rows,
        "ranking": rollup.ranking(rows),
        "behind": [m["name"] for m in rows if m["behind"]],
        "team": {"metrics": rollup.team_metrics(all_figures)},
    }
