"""The weekly report as one self-contained HTML page: inline CSS and inline SVG
charts (pygal), no script, no request to any server when it is opened, a print
stylesheet for A4 and a narrow layout for phones. Pure: data in, text out.

Every figure is shown as the review shows it (review._md_number), and every
table cell carries the --json number in data-value, so a test (or a script)
can check the page against review --json. User text goes through page_text()
once: visible() for control characters, then html.escape. Chart labels are
escaped by the SVG writer itself, so they get visible() only.
"""

import html
from datetime import date

from .i18n import plan_status, tr, tr_n, weekday
from .metrics import BY_NAME, custom_metric
from .review import _md_number as shown
from .review import plans_kept_sentence
from .text import visible

COLOURS = ("#2b6cb0", "#dd6b20", "#38a169", "#805ad5", "#718096")
FONTS = (
    '"Noto Sans CJK SC", "Source Han Sans SC", "PingFang SC", "Microsoft YaHei", "Helvetica Neue", Arial, sans-serif'
)

STYLE = """
*{box-sizing:border-box}
body{margin:0;background:#f4f5f7;color:#1a202c;font:15px/1.5 FONTS}
main{max-width:980px;margin:0 auto;padding:24px}
header h1{margin:0;font-size:26px}
.meta{color:#4a5568;margin:4px 0}
.verdict{font-size:18px;font-weight:600;margin:12px 0 0;padding:10px 14px;border-left:5px solid #2b6cb0;background:#fff}
.verdict.behind{border-color:#c53030}
section{background:#fff;border-radius:6px;padding:16px 20px;margin:18px 0;break-inside:avoid}
h2{font-size:19px;margin:0 0 10px}
h3{font-size:16px;margin:14px 0 6px}
.chart svg{display:block;width:100%;height:auto;max-height:420px}
.chart.narrow{display:none}
.scroll{overflow-x:auto}
table{border-collapse:collapse;width:100%;font-variant-numeric:tabular-nums}
th,td{padding:5px 8px;border-bottom:1px solid #e2e8f0;text-align:left;white-space:nowrap}
th{background:#f7fafc;font-weight:600}
td.n,th.n{text-align:right}
.met{color:#276749;font-weight:600}.missed{color:#c53030;font-weight:600}.none{color:#718096}
ul{margin:4px 0;padding-left:22px}
.empty{color:#975a16;font-weight:600}
.note{color:#4a5568}
footer{color:#718096;font-size:13px;text-align:center;margin:10px 0 30px}
@media (max-width:640px){
 main{padding:10px}
 header h1{font-size:21px}
 section{padding:12px;margin:12px 0}
 th,td{padding:4px 3px;font-size:13px}
 .chart.wide{display:none}
 .chart.narrow{display:block}
 .chart svg{max-height:none}
}
@media print{
 @page{size:A4;margin:14mm}
 body{background:#fff;font-size:11pt}
 main{max-width:none;padding:0}
 section{padding:0;margin:0 0 8mm;border-radius:0}
 .chart svg{max-height:62mm}
 *{-webkit-print-color-adjust:exact;print-color-adjust:exact}
}
""".replace("FONTS", FONTS)
# No script and nothing from outside: the page says so to the browser too.
POLICY = "default-src 'none'; style-src 'unsafe-inline'; img-src data:"


def page_text(value: object) -> str:
    """User text (or any text) for the page: once escaped."""
    return html.escape(visible(value))


def _say(template: str, unit: str, **values) -> str:
    """tr() of a week's sentence for the report's period (review_periods.per_period)."""
    from .review_periods import per_period

    return tr(per_period(template, unit), **values)


def weekly_html(data: dict, *, chinese: bool = False) -> str:
    """actions.report.weekly_data's dict (a week's or a month's) -> the page."""
    review = data["review"]
    period, unit = review["period"], review.get("unit", "week")
    title = tr("Monthly report {label}" if unit == "month" else "Weekly report {label}", label=period["label"])
    body = [_header(data, title)]
    if review["empty"]:
        body.append(f'<p class="empty">{page_text(_say("Nothing was logged this week.", unit))}</p>')
    body += [
        _results(review["metrics"]),
        _daily(data["days"]),
        _trend(data["trend"], unit),
        _by_class(review["by_class"]),
        _explained(review),
        *([_pipeline(data["pipeline"], data["written_at"][:10])] if data.get("pipeline") else []),
        _selling_times(review),
        _notes(review),
        _plans(review),
    ]
    return _page(title, body, chinese=chinese, written_at=data["written_at"])


def _page(title: str, body: list[str], *, chinese: bool, written_at: str) -> str:
    footer = tr("Written by salelog on {at}", at=written_at.replace("T", " "))
    return (
        "<!DOCTYPE html>\n"
        f'<html lang="{"zh-CN" if chinese else "en"}"><head><meta charset="utf-8">'
        f'<meta http-equiv="Content-Security-Policy" content="{POLICY}">'
        '<meta name="viewport" content="width=device-width, initial-scale=1">'
        f"<title>{page_text(title)}</title><style>{STYLE}</style></head>\n"
        f"<body><main>\n{''.join(b for b in body if b)}\n"
        f"<footer>{page_text(footer)}</footer></main></body></html>\n"
    )


def team_html(data: dict, *, written_at: str, chinese: bool = False) -> str:
    """team report --json's dict -> the team's page: revenue achievement per
    member (chart), then the members' table in ranking order with the team's totals."""
    from .views_team import behind_line, team_rows

    period = data["period"]
    title = tr("Team report {label}", label=period["label"])
    n = len(data["members"])
    meta = tr_n(
        n, "{start} → {end} · 1 member", "{start} → {end} · {n} members", start=period["start"], end=period["end"], n=n
    )
    headings, rows = team_rows(data, text=str)
    by_name = {m["name"]: m for m in data["members"]}
    body_rows = []
    for row, name in zip(rows, [*data["ranking"], None], strict=True):
        key = f' data-member="{page_text(name)}"' if name is not None else ' class="total"'
        cells = "".join(
            f"<td>{page_text(c)}</td>" if i == 1 else f'<td class="n">{page_text(c)}</td>' for i, c in enumerate(row)
        )
        body_rows.append(f"<tr{key}>{cells}</tr>")
    head = "".join(f"<th{'' if i == 1 else ' class=n'}>{page_text(h)}</th>" for i, h in enumerate(headings))
    table = (
        f'<div class="scroll"><table id="team"><thead><tr>{head}</tr></thead>'
        f"<tbody>{''.join(body_rows)}</tbody></table></div>"
    )
    ranked = [by_name[n] for n in data["ranking"] if by_name[n]["percent"] is not None]
    body = [
        f'<header><h1>{page_text(title)}</h1><p class="meta">{page_text(meta)}</p></header>\n',
        _section("Revenue achievement by member", _chart_members(ranked) + table, note=behind_line(data, str)),
    ]
    return _page(title, body, chinese=chinese, written_at=written_at)


def _header(data: dict, title: str) -> str:
    review = data["review"]
    period = review["period"]
    with_target = [m for m in review["metrics"] if m["target"] is not None]
    met = sum(1 for m in with_target if m["verdict"] == "met")
    if not with_target:
        verdict = _say("no targets this week", review.get("unit", "week"))
    else:
        verdict = tr("{met} of {n} targets met", met=met, n=len(with_target))
        if not review["week_over"]:
            from .report import verdict_text

            verdict += " · " + verdict_text(data["verdict"])
    behind = met < len(with_target)
    meta = f"{period['start']} → {period['end']}"
    if data["name"]:
        meta = tr("{start} → {end} · {name}", start=period["start"], end=period["end"], name=data["name"])
    return (
        f'<header><h1>{page_text(title)}</h1><p class="meta">{page_text(meta)}</p>'
        f'<p class="verdict{" behind" if behind else ""}" id="verdict">{page_text(verdict)}</p></header>\n'
    )


def _metric_name(metric_id: str) -> str:
    from .views import label

    return label(BY_NAME.get(metric_id) or custom_metric(metric_id))


def _cell(text: str, value=None, css: str = "n") -> str:
    number = "" if value is None else f' data-value="{page_text(value)}"'
    return f'<td class="{css}"{number}>{page_text(text)}</td>'


def _head(*names: str, numbers: int = 0, last: str = "") -> str:
    """A header row: the last `numbers` columns right-aligned (then `last`, left-aligned)."""
    cells = [
        f"<th{' class=n' if i >= len(names) - numbers else ''}>{page_text(tr(n))}</th>" for i, n in enumerate(names)
    ] + ([f"<th>{page_text(tr(last))}</th>"] if last else [])
    return f"<thead><tr>{''.join(cells)}</tr></thead>"


def _percent(value) -> str:
    return "—" if value is None else f"{value:.0f}%"


def _results(metrics: list[dict]) -> str:
    rows = []
    for m in metrics:
        verdict = {"met": "met", "missed": "missed", "behind": "missed"}.get(m["verdict"], "none")
        rows.append(
            f'<tr data-metric="{page_text(m["metric"])}">'
            f"<td>{page_text(_metric_name(m['metric']))}</td>"
            + _cell(shown(m["target"], m["unit"]), m["target"])
            + _cell(shown(m["actual"], m["unit"]), m["actual"])
            + _cell(_percent(m["percent"]), m["percent"])
            + _cell(shown(m["expected"], m["unit"]), m["expected"])
            + _cell(tr(m["verdict"]), css=verdict)
            + "</tr>"
        )
    chart = _chart_results(metrics)
    head = _head("Metric", "Target", "Actual", "%", "By now", numbers=4, last="Verdict")
    table = f'<div class="scroll"><table id="results">{head}<tbody>{"".join(rows)}</tbody></table></div>'
    return _section("Target against actual", chart + table)


def _pipeline(pipeline: dict, today: str) -> str:
    """The open pipeline by stage and the weighted forecast (pipeline --json's figures)
    as they stand `today`, the page's day: a month's page written in December shows
    December's forecast, and says so."""
    from .i18n import chinese

    rows = [
        f"<tr><td>{page_text(s['name'] if chinese() else s['stage'])}</td>"
        + _cell(f"{s['probability']}%", s["probability"])
        + _cell(str(s["count"]), s["count"])
        + _cell(shown(s["value"], "yuan"), s["value"])
        + _cell(shown(s["weighted"], "yuan"), s["weighted"])
        + "</tr>"
        for s in pipeline["stages"]
    ]
    head = _head("Stage", "%", "Deals", "Value", "Weighted", numbers=4)
    stages = f'<div class="scroll"><table id="pipeline">{head}<tbody>{"".join(rows)}</tbody></table></div>'
    names = {"week": "this week", "month": "this month", "quarter": "this quarter"}
    forecast = "".join(
        f"<tr><td>{page_text(tr(names[f['period']]))}</td><td>{f['start']} – {f['end']}</td>"
        + _cell(shown(f["weighted"], "yuan"), f["weighted"])
        + "</tr>"
        for f in pipeline["forecast"]
    )
    head = _head("Closing", "Dates", "Weighted", numbers=1)
    forecast = f'<div class="scroll"><table id="forecast">{head}<tbody>{forecast}</tbody></table></div>'
    rate = "—" if pipeline["win_rate"] is None else f"{pipeline['win_rate']}%"
    note = tr("win rate {rate} over the last 90 days · stale deals: {n}", rate=rate, n=len(pipeline["stale"]))
    return _section(
        "Pipeline by stage and weighted forecast", stages + forecast, note=tr("as of {day}", day=today) + " · " + note
    )


def _section(heading: str, inner: str, *, note: str = "") -> str:
    extra = f'<p class="note">{page_text(note)}</p>' if note else ""
    return f"<section><h2>{page_text(tr(heading))}</h2>{extra}{inner}</section>\n"


def _day_label(iso: str) -> str:
    day = date.fromisoformat(iso)
    return f"{weekday(day.weekday())} {iso[5:]}"


def _daily(days: list[dict]) -> str:
    metrics = ("visits", "calls", "emails", "deals")
    rows = [
        f'<tr data-date="{d["date"]}"><td>{page_text(_day_label(d["date"]))}</td>'
        + "".join(_cell(f"{d[m]:,}", d[m]) for m in metrics)
        + "</tr>"
        for d in days
    ]
    table = (
        f'<div class="scroll"><table id="daily">{_head("Day", *(_metric_name(m) for m in metrics), numbers=4)}'
        f"<tbody>{''.join(rows)}</tbody></table></div>"
    )
    return _section("Activity day by day", _chart_daily(days, metrics) + table)


def _trend(trend: dict, unit: str = "week") -> str:
    periods = trend["periods"]
    rate = trend["achievement_rate"]
    if rate is None:
        note = _say("no week had a revenue target", unit)
    else:
        n = trend["periods_with_target"]
        template = (
            "achievement rate {rate} (target met in {met} of 1 week with a target)"
            if n == 1
            else "achievement rate {rate} (target met in {met} of {n} weeks with a target)"
        )
        note = _say(template, unit, rate=f"{rate:.0f}%", met=trend["targets_met"], n=n)
    label = "Month" if unit == "month" else "ISO week"
    rows = [
        f'<tr data-week="{page_text(p["label"])}"><td>{page_text(p["label"])}</td>'
        + _cell(shown(p["actual"], "yuan"), p["actual"])
        + _cell(shown(p["target"], "yuan"), p["target"])
        + _cell(_percent(p["percent"]), p["percent"])
        + "</tr>"
        for p in periods
    ]
    table = (
        f'<div class="scroll"><table id="trend">{_head(label, "Revenue", "Target", "%", numbers=3)}'
        f"<tbody>{''.join(rows)}</tbody></table></div>"
    )
    return (
        f"<section><h2>{page_text(_say('Revenue over the last {n} weeks', unit, n=len(periods)))}</h2>"
        f'<p class="note" id="achievement" data-value="{"" if rate is None else rate}">{page_text(note)}</p>'
        f"{_chart_trend(periods)}{table}</section>\n"
    )


def _by_class(rows: list[dict]) -> str:
    if not rows:
        return _section("Effort by customer class", "", note=tr("no customer has a class: salelog customer classify"))
    body = [
        f'<tr data-class="{r["class"] or "-"}"><td>{page_text(r["class"] or tr("none"))}</td>'
        + _cell(f"{r['entries']:,}", r["entries"])
        + _cell(f"{r['minutes']:,}", r["minutes"])
        + _cell(shown(r["revenue"], "yuan"), r["revenue"])
        + _cell(f"{_time_share(r, rows):.0f}%", _time_share(r, rows))
        + _cell(f"{r['revenue_percent']:.0f}%", r["revenue_percent"])
        + "</tr>"
        for r in rows
    ]
    table = (
        f'<div class="scroll"><table id="by-class">'
        f"{_head('Class', 'Entries', 'Minutes', 'Revenue', '% time', '% revenue', numbers=5)}"
        f"<tbody>{''.join(body)}</tbody></table></div>"
    )
    return _section(
        "Effort by customer class",
        _chart_classes(rows) + table,
        note=tr("where the time went against where revenue came from"),
    )


def _time_share(row: dict, rows: list[dict]) -> float:
    """Minutes where any were logged, else entries (as the review's notes weigh time)."""
    return row["minutes_percent"] if any(r["minutes"] for r in rows) else row["entries_percent"]


def _explained(review: dict) -> str:
    rows = [
        f'<tr data-measure="{r["measure"]}"><td>{page_text(tr(r["measure"].replace("_", " ")))}</td>'
        + _cell(shown(r["week"], r["unit"]), r["week"])
        + _cell(shown(r["four_week_average"], r["unit"]), r["four_week_average"])
        + "</tr>"
        for r in review["explained"]
    ]
    f = review["followups"]
    followups = tr(
        "follow-ups due {due}: {on_time} on time, {late} not",
        due=f["followups_due"],
        on_time=f["followups_on_time"],
        late=f["followups_late"],
    )
    competitors = ""
    if review["competitors"]:
        named = tr(", ").join(f"{c['competitor']} ({c['mentions']})" for c in review["competitors"])
        competitors = f'<p class="note">{page_text(tr("Competitors mentioned: ") + named)}</p>'
    unit = review.get("unit", "week")
    weeks = review["average_weeks"]  # as the review screen says it: the periods the average really covers
    average = _say("{n}-week avg", unit, n=weeks) if weeks else _say("no earlier weeks", unit)
    table = (
        f'<div class="scroll"><table id="explained">'
        f"{_head('What explains it', _say('This week', unit), average, numbers=2)}"
        f"<tbody>{''.join(rows)}</tbody></table></div>"
    )
    change = review.get("explain_change")
    if change:  # why revenue moved: contacts x conversion x deal size
        competitors += f'<p class="note" id="explain-change">{page_text(change.get("shown", change["text"]))}</p>'
    for record in review.get("records", ()):
        from .review_periods import record_sentence

        competitors += f'<p class="note record">{page_text(record_sentence(record, unit))}</p>'
    return _section("What explains it", table + f'<p class="note">{page_text(followups)}</p>' + competitors)


def _selling_times(review: dict) -> str:
    """A month's contacts, deals and conversion by hour and weekday, and the best block and weekday per kind."""
    from .review_periods import WEEKDAY_NAMES, best_time_sentence

    if not review.get("by_hour"):
        return ""

    def table(ident: str, heading: str, rows: list[dict], name) -> str:
        body = "".join(
            f"<tr><td>{page_text(name(r))}</td>"
            + "".join(_cell(f"{r[k]:,}", r[k]) for k in ("contacts", "deals"))
            + _cell(f"{r['conversion']:.0f}%", r["conversion"])
            + "</tr>"
            for r in rows
        )
        head = _head(heading, "Contacts", "Sales", "Conversion", numbers=3)
        return f'<div class="scroll"><table id="{ident}">{head}<tbody>{body}</tbody></table></div>'

    lines = [line for line in map(best_time_sentence, review["best_times"]) if line]
    best = "".join(f'<p class="note">{page_text(line)}</p>' for line in lines)
    hours = table("by-hour", "Hour", review["by_hour"], lambda r: f"{r['hour']:02d}:00")
    days = table("by-weekday", "Weekday", review["by_weekday"], lambda r: weekday(r["weekday"], WEEKDAY_NAMES))
    return _section("When you sell best: by hour", best + hours + days)


def _notes(review: dict) -> str:
    parts = []
    for kind, heading in (("went_well", "Went well"), ("improve", "To improve")):
        notes = [n for n in review["notes"] if n["kind"] == kind]
        if notes:
            items = "".join(f"<li>{page_text(n.get('shown', n['text']))}</li>" for n in notes)
            parts.append(f"<h3>{page_text(tr(heading))}</h3><ul>{items}</ul>")
    nothing = _say("no notes this week", review.get("unit", "week"))
    return _section("Improvement notes", "".join(parts) or f"<p>{page_text(nothing)}</p>")


def _plans(review: dict) -> str:
    parts, unit = [], review.get("unit", "week")
    last = review["last_week_plan"]
    parts.append("<h3>" + page_text(_say("Last week's plan", unit)) + "</h3>")
    if last:
        items = "".join(
            f'<li data-status="{"unchecked" if p["status"] == "open" else p["status"]}">{page_text(p["text"])} — '
            f"<b>{page_text(plan_status(p['status']))}</b>"
            + (f" ({page_text(p['note'])})" if p.get("note") else "")
            + "</li>"
            for p in last
        )
        parts.append(f"<ul>{items}</ul>")
    else:
        parts.append(f'<p class="note">{page_text(_say("no plan was written last week", unit))}</p>')
    kept = plans_kept_sentence(review["plan_kept_8_weeks"], unit)
    if kept:
        parts.append(f'<p class="note">{page_text(kept)}</p>')
    reflection = review.get("reflection")
    parts.append(f"<h3>{page_text(tr('Reflection'))}</h3>")
    if reflection:
        for key, name in (("went_well", "went well"), ("went_badly", "did not"), ("why", "why")):
            if reflection[key]:
                parts.append(f"<p><b>{page_text(tr(name))}:</b> {page_text(reflection[key])}</p>")
    else:
        from .views_weekly import write_hint

        parts.append(f'<p class="note">{page_text(tr(write_hint(unit)))}</p>')
    if review["plan"]:
        items = "".join(f"<li>{page_text(p['text'])}</li>" for p in review["plan"])
        parts.append(f"<h3>{page_text(_say('Plan for next week', unit))}</h3><ol>{items}</ol>")
    return _section("Plans and reflection", "".join(parts))


# --- charts: pygal, imported only here (the report commands) -----------------
# Each chart is drawn twice, wide and narrow, and CSS shows the one that fits:
# scaled down to a phone, a wide chart's labels would be too small to read.
SIZES = {False: {"width": 760, "font": 15}, True: {"width": 400, "font": 13}}


def _chart(kind: str, narrow: bool, *, colours: tuple[str, ...] = COLOURS, **options):
    import pygal
    from pygal.style import Style

    size = SIZES[narrow]
    style = Style(
        font_family=FONTS,
        background="#ffffff",
        plot_background="#ffffff",
        foreground="#1a202c",
        foreground_strong="#1a202c",
        foreground_subtle="#cbd5e0",
        colors=colours,
        label_font_size=size["font"],
        major_label_font_size=size["font"],
        legend_font_size=size["font"],
        value_font_size=size["font"] - 1,
        tooltip_font_size=size["font"],
    )
    settings = {
        "style": style,
        "width": size["width"],
        "height": 340 if not narrow else 300,
        "disable_xml_declaration": True,
        "js": [],
        "legend_at_bottom": True,
        "margin": 10 if not narrow else 4,
        "show_y_guides": True,
        "print_values": False,
        "truncate_label": -1,
    } | options
    chart = getattr(pygal, kind)(**settings)
    chart.add_xml_filter(_without_scripts)
    return chart


def _without_scripts(root):
    """Drop pygal's inline config script (the page runs none), its comments (links to its
    site) and the title it gives an untitled chart ("Pygal", shown on hover: the page's
    heading above each chart names it)."""
    for parent in root.iter():
        for child in list(parent):
            tag = child.tag if isinstance(child.tag, str) else ""
            if tag.endswith("script") or not tag or (tag.endswith("title") and child.text == "Pygal"):
                parent.remove(child)
    return root


def _svg(draw) -> str:
    """`draw(narrow)` -> a chart with its series; both sizes rendered."""
    out = []
    for narrow in (False, True):
        chart = draw(narrow)
        # One legend row: pygal counts rows as series // columns, so fewer series than columns would clip it.
        chart.legend_at_bottom_columns = len(chart.raw_series)
        out.append(f'<div class="chart {"narrow" if narrow else "wide"}">{chart.render(is_unicode=True)}</div>')
    return "".join(out)


def _step(most: float, labels: int) -> int:
    """The axis step (10, 25, 50, 100, 250...) that puts at most `labels` steps up to `most`:
    a metric at 204% of its target must not crowd 21 labels on the axis."""
    step = 10
    while most / step > labels:
        step = step * 5 // 2 if str(step).startswith("1") else step * 2
    return step


def _chart_results(metrics: list[dict]) -> str:
    """Each targeted metric's actual as a percent of its target (100% = met)."""
    targeted = [m for m in metrics if m["target"]]
    if not targeted:
        return ""

    most = max(100, *(m["percent"] or 0 for m in targeted))

    def draw(narrow: bool):
        step = _step(most, 5 if narrow else 10)
        top = -(-most // step) * step  # 143% on a scale to 150%
        chart = _chart(
            "HorizontalBar",
            narrow,
            colours=("#a0aec0", "#2b6cb0"),
            height=(60 if narrow else 70) + (40 if narrow else 46) * len(targeted),
            value_formatter=lambda v: f"{v:.0f}%",
            print_values=True,
            range=(0, top),
            include_x_axis=True,
            y_labels=list(range(0, int(top) + 1, step)),
            margin_right=24,
        )
        chart.x_labels = [visible(m["metric"] if narrow else _metric_name(m["metric"])) for m in reversed(targeted)]
        chart.add(tr("Target"), [100] * len(targeted))
        chart.add(tr("Actual"), [m["percent"] for m in reversed(targeted)])
        return chart

    return _svg(draw)


def _chart_daily(days: list[dict], metrics: tuple[str, ...]) -> str:
    if not any(d[m] for d in days for m in metrics):
        return ""

    # Whole counts, about six labels (pygal's own steps read 2, 2, 1, 1, 0, -0 on a quiet week);
    # below 0 only on a day a cancellation took a deal away.
    least, most = min(0, *(d[m] for d in days for m in metrics)), max(d[m] for d in days for m in metrics)
    step = max(1, -(-(most - least) // 5))
    low, high = step * (least // step), step * -(-most // step)

    def draw(narrow: bool):
        chart = _chart(
            "Bar",
            narrow,
            value_formatter=lambda v: f"{v:,.0f}",
            range=(low, high),
            y_labels=list(range(int(low), int(high) + 1, int(step))),
        )
        if len(days) > 7:  # a month's days: their numbers, which fit under thirty bars
            chart.x_labels = [d["date"][8:] for d in days]
        else:
            chart.x_labels = [_day_label(d["date"]).split(" ")[0] if narrow else _day_label(d["date"]) for d in days]
        for m in metrics:
            chart.add(visible(m if narrow else _metric_name(m)), [d[m] for d in days])
        return chart

    return _svg(draw)


def _chart_trend(periods: list[dict]) -> str:
    if not any(p["actual"] or p["target"] for p in periods):
        return ""

    def draw(narrow: bool):
        chart = _chart("Bar", narrow, value_formatter=lambda v: shown(v, "yuan"))
        chart.x_labels = [p["label"][-2:] if narrow or "W" not in p["label"] else p["label"][-3:] for p in periods]
        chart.add(tr("Revenue"), [p["actual"] for p in periods])
        chart.add(tr("Target"), [p["target"] for p in periods])
        return chart

    return _svg(draw)


def _chart_classes(rows: list[dict]) -> str:
    def draw(narrow: bool):
        chart = _chart("Bar", narrow, value_formatter=lambda v: f"{v:.0f}%", print_values=True, range=(0, 100))
        chart.x_labels = [r["class"] or tr("none") for r in rows]
        chart.add(tr("% time"), [_time_share(r, rows) for r in rows])
        chart.add(tr("% revenue"), [r["revenue_percent"] for r in rows])
        return chart

    return _svg(draw)


def _chart_members(members: list[dict]) -> str:
    """Each member's revenue as a percent of their target, best first."""
    if not members:
        return ""

    def draw(narrow: bool):
        chart = _chart(
            "HorizontalBar",
            narrow,
            height=(60 if narrow else 70) + (26 if narrow else 30) * len(members),
            value_formatter=lambda v: f"{v:.0f}%",
            print_values=True,
            show_legend=False,
            margin_right=24,
        )
        chart.x_labels = [visible(m["name"]) for m in reversed(members)]
        chart.add(tr("% of revenue target"), [m["percent"] for m in reversed(members)])
        return chart

    return _svg(draw)
