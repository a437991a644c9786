"""salelog report --html: one self-contained page a manager opens in a browser,
with the figures of review --json, private (0600), written whole or not at all;
and the same page opened in headless Chromium with the network off, at desktop
and phone widths. The week is the demo's, as of Thursday 18:00, with a plan
kept from last week and a reflection holding markup that must stay text."""

import json
import os
import re
import shutil
import stat
import subprocess
import sys
from html.parser import HTMLParser
from pathlib import Path

import pytest
from conftest import built_once, ok, run

THURSDAY = "2026-11-26T18:00"
HOSTILE = "<b>成交</b> & 2 单"


def a_realistic_week():
    built_once("report-week", _build_week)


def _build_week():
    ok("demo", "--db", os.environ["SALELOG_DB"])
    ok("review", "write", "--week", "last", "--plan", "每天先打10个电话", "--plan", "A类客户每周联系", now=THURSDAY)
    ok("review", "check", "1", "done", now=THURSDAY)
    ok("review", "check", "2", "partly", "--note", "只做到三天", now=THURSDAY)
    ok("review", "write", "--went-well", HOSTILE, "--why", "周二会议多", "--plan", "约张总技术交流", now=THURSDAY)


def report(*args: str, **kwargs):
    return run(*args, now=THURSDAY, **kwargs)


class Cells(HTMLParser):
    """Rows of the page's tables by their key attribute: {table id: {key: [(data-value, text), ...]}}."""

    KEYS = ("data-metric", "data-date", "data-week", "data-class", "data-measure")

    def __init__(self):
        super().__init__()
        self.tables, self.table, self.row, self.cell = {}, None, None, None
        self.urls: list[str] = []

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        for name in ("src", "href"):
            if attrs.get(name):
                self.urls.append(attrs[name])
        if tag == "table":
            self.table = self.tables.setdefault(attrs.get("id"), {})
        elif tag == "tr" and self.table is not None:
            key = next((attrs[k] for k in self.KEYS if k in attrs), None)
            self.row = self.table.setdefault(key, []) if key is not None else None
        elif tag == "td" and self.row is not None:
            self.cell = [attrs.get("data-value"), ""]

    def handle_data(self, data):
        if self.cell is not None:
            self.cell[1] += data

    def handle_endtag(self, tag):
        if tag == "td" and self.cell is not None:
            self.row.append(tuple(self.cell))
            self.cell = None
        elif tag == "table":
            self.table = None


def cells_of(page: str) -> Cells:
    parser = Cells()
    parser.feed(page)
    return parser


def number(value):
    """A data-value as the --json number it carries."""
    return None if value is None else float(value)


def assert_figures_match_review(page: str, review: dict) -> None:
    """Every metric's target, actual, percent and expected on the page are review --json's, shown as it shows them."""
    from salelog.review import _md_number as shown

    results = cells_of(page).tables["results"]
    assert list(results) == [m["metric"] for m in review["metrics"]]
    for m in review["metrics"]:
        name, target, actual, percent, expected, _verdict = results[m["metric"]]
        assert number(target[0]) == m["target"] and target[1] == shown(m["target"], m["unit"])
        assert number(actual[0]) == m["actual"] and actual[1] == shown(m["actual"], m["unit"])
        assert number(percent[0]) == m["percent"]
        assert percent[1] == ("—" if m["percent"] is None else f"{m['percent']:.0f}%")
        assert number(expected[0]) == m["expected"]


def test_the_report_is_one_private_page_with_review_s_figures(tmp_path):
    a_realistic_week()
    out = tmp_path / "week.html"
    result = report("report", "--html", str(out))
    assert result.code == 0, result.err
    assert result.out == f"report written to {out}\n"
    assert stat.S_IMODE(out.stat().st_mode) == 0o600
    page = out.read_text(encoding="utf-8")
    review = json.loads(report("review", "--json").out)
    assert_figures_match_review(page, review)
    revenue = cells_of(page).tables["results"]["revenue"]
    assert [text for _, text in revenue[1:4]] == ["50万", "30.5万", "61%"]  # 14.35万-style, as review shows it
    assert "Weekly report 2026-W48" in page and "2026-11-23 → 2026-11-29" in page
    assert "0 of 5 targets met · behind by 9.5万 revenue" in page


def test_the_page_loads_nothing_and_runs_no_script(tmp_path):
    a_realistic_week()
    out = tmp_path / "week.html"
    assert report("report", "--html", str(out)).code == 0
    page = out.read_text(encoding="utf-8")
    assert cells_of(page).urls == []
    assert not re.search(r"(src|href)\s*=\s*[\"']?(https?:)?//", page)
    assert "<script" not in page and "@import" not in page and "url(" not in page
    assert "default-src 'none'" in page  # the browser is told so too
    assert page.count("<svg") == 8  # four charts, each drawn wide and narrow
    assert "Pygal" not in page  # the library's name as a chart's hover title


def test_the_page_has_every_part_of_the_week(tmp_path):
    a_realistic_week()
    out = tmp_path / "week.html"
    assert report("report", "--html", str(out)).code == 0
    page = out.read_text(encoding="utf-8")
    tables = cells_of(page).tables
    thursday = tables["daily"]["2026-11-26"]
    assert [int(v) for v, _ in thursday[1:]] == [3, 9, 17, 1]  # visits, calls, emails, deals
    trend = json.loads(report("trend", "--weeks", "12", "--metric", "revenue", "--json").out)["metrics"][0]
    assert list(tables["trend"]) == [p["label"] for p in trend["periods"]]
    assert [number(v) for v, _ in tables["trend"]["2026-W48"][1:]] == [305000, 500000, 61.0]
    assert f'data-value="{trend["achievement_rate"]}"' in page
    met, weeks = trend["targets_met"], trend["periods_with_target"]
    assert f"target met in {met} of {weeks} week{'s' * (weeks != 1)} with a target" in page
    review = json.loads(report("review", "--json").out)
    assert [number(v) for v, _ in tables["by-class"]["A"]][-1] == review["by_class"][0]["revenue_percent"]
    assert "每天先打10个电话 — <b>done</b>" in page and "(只做到三天)" in page
    assert "约张总技术交流" in page and "周二会议多" in page
    for note in review["notes"]:
        assert note["text"] in page


def test_user_text_is_escaped_once(tmp_path):
    a_realistic_week()
    out = tmp_path / "week.html"
    assert report("report", "--html", str(out)).code == 0
    page = out.read_text(encoding="utf-8")
    assert "&lt;b&gt;成交&lt;/b&gt; &amp; 2 单" in page
    assert HOSTILE not in page and "&amp;lt;" not in page


def test_the_report_in_chinese(tmp_path):
    a_realistic_week()
    out = tmp_path / "周报.html"
    result = report("--lang", "zh", "report", "--html", str(out))
    assert result.out == f"报告已写入 {out}\n"
    page = out.read_text(encoding="utf-8")
    assert '<html lang="zh-CN">' in page and "周报 2026-W48" in page
    assert "目标与实际" in page and "每日活动" in page and "近 12 周销售额" in page
    assert "落后：9.5万 销售额" in page and '<td class="missed">落后</td>' in page
    assert_figures_match_review(page, json.loads(report("review", "--json").out))


def test_report_without_html_prints_the_last_report_s_path(tmp_path, db):
    a_realistic_week()
    first = report("report")
    assert first.code == 1
    assert first.err == "error: no report written yet\n  make one: salelog report --html week.html\n"
    out = tmp_path / "week.html"
    assert report("report", "--html", str(out)).code == 0
    assert report("report").out == f"{out}\n"
    kept = Path(str(db) + ".last-report")
    assert stat.S_IMODE(kept.stat().st_mode) == 0o600


def test_a_report_whose_path_cannot_be_kept_is_still_written(tmp_path, db):
    a_realistic_week()
    Path(str(db) + ".last-report").mkdir()
    out = tmp_path / "week.html"
    result = report("report", "--html", str(out))
    assert result.code == 0 and out.exists()
    assert result.err == f"warning: {db}.last-report is a folder\n"


def test_an_empty_week_is_a_clear_empty_report(tmp_path):
    a_realistic_week()
    out = tmp_path / "empty.html"
    assert report("report", "--week", "2026-W40", "--html", str(out)).code == 0
    page = out.read_text(encoding="utf-8")
    assert "Nothing was logged this week." in page and "no targets this week" in page


def test_a_rewritten_report_replaces_the_file_whole(tmp_path):
    a_realistic_week()
    out = tmp_path / "week.html"
    out.write_text("old")
    out.chmod(0o644)
    assert report("report", "--week", "last", "--html", str(out)).code == 0
    assert "Weekly report 2026-W47" in out.read_text(encoding="utf-8")
    assert stat.S_IMODE(out.stat().st_mode) == 0o600
    assert sorted(p.name for p in tmp_path.iterdir() if p.name.endswith(".tmp")) == []


@pytest.mark.parametrize(
    "args, message",
    [
        (["--week", "someday"], 'error: cannot read week "someday"'),
        (["--week", "next"], "error: week 2026-11-30 → 2026-12-06 has not started"),
    ],
    ids=["unknown week word", "future week"],
)
def test_a_week_that_cannot_be_reported_writes_nothing(tmp_path, args, message):
    a_realistic_week()
    out = tmp_path / "week.html"
    result = report("report", *args, "--html", str(out))
    assert result.code == 1 and result.err.splitlines()[0] == message
    assert not out.exists()


def test_a_missing_output_folder_is_refused_in_one_line(tmp_path):
    a_realistic_week()
    result = report("report", "--html", str(tmp_path / "nowhere" / "week.html"))
    assert result.code == 1
    assert result.err == (
        f"error: folder {tmp_path / 'nowhere'} does not exist\n  create it first, or give another --html path\n"
    )


def test_the_database_itself_is_never_written_over(db):
    a_realistic_week()
    before = db.read_bytes()
    result = report("report", "--html", str(db))
    assert result.code == 1
    assert result.err == f"error: {db} is the database itself\n  give another --html path\n"
    assert db.read_bytes() == before


def test_an_unwritable_folder_is_refused_and_leaves_nothing(tmp_path, monkeypatch):
    """As root (CI) a read-only folder is writable, so the refusal mkstemp meets is simulated."""
    a_realistic_week()
    import tempfile

    def refused(*args, **kwargs):
        raise PermissionError(13, "Permission denied")

    monkeypatch.setattr(tempfile, "mkstemp", refused)
    out = tmp_path / "week.html"
    result = report("report", "--html", str(out))
    assert result.code == 1
    assert result.err == f"error: cannot write {out}: Permission denied\n  choose a writable folder\n"
    assert not out.exists()


def test_a_failure_while_writing_leaves_no_partial_file(tmp_path, monkeypatch):
    a_realistic_week()

    def full(source, target):
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(os, "replace", full)
    out = tmp_path / "week.html"
    result = report("report", "--html", str(out))
    assert result.code == 1 and "No space left on device" in result.err
    assert not out.exists() and not [p for p in tmp_path.iterdir() if p.name.startswith(".week.html")]


def test_open_opens_the_written_page_in_the_browser(tmp_path, monkeypatch):
    a_realistic_week()
    import webbrowser

    opened = []
    monkeypatch.setattr(webbrowser, "open", lambda uri: opened.append(uri) or True)
    out = tmp_path / "week.html"
    assert report("report", "--html", str(out), "--open").code == 0
    assert opened == [out.as_uri()]
    assert report("report", "--open").out == f"{out}\n" and opened == [out.as_uri()] * 2


def test_the_daily_commands_do_not_import_the_chart_library():
    a_realistic_week()
    for args in (["week"], ["review"], ["trend"]):
        code = f"import sys; from salelog.cli import main; main({args!r}); print(sorted(sys.modules))"
        done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
        modules = eval(done.stdout.splitlines()[-1])
        assert not [m for m in modules if m.split(".")[0] == "pygal"], args


def test_report_help_has_an_example():
    assert "salelog report --html week.html --open" in ok("report", "--help").out


# --- in a real browser ---------------------------------------------------------


def chromium() -> str:
    """Chromium's command; a test failure saying how to install it when missing
    (skipped, visibly, only outside CI with SALELOG_NO_BROWSER=1)."""
    found = next((shutil.which(n) for n in ("chromium", "chromium-browser", "google-chrome") if shutil.which(n)), None)
    if found:
        return found
    if os.environ.get("SALELOG_NO_BROWSER") == "1" and not os.environ.get("CI"):
        pytest.skip("SALELOG_NO_BROWSER=1: the page is not opened in a browser")
    pytest.fail("Chromium is needed for this test: apt-get install -y chromium (.ci/run installs it)")


def open_in_chromium(page: Path, profile: Path, *args: str) -> subprocess.CompletedProcess:
    """Headless Chromium with every host name unresolvable (no network) and its console on stderr."""
    command = [
        chromium(),
        "--headless",
        "--disable-gpu",
        "--no-sandbox",
        "--hide-scrollbars",
        "--no-first-run",
        "--disable-extensions",
        "--disable-background-networking",
        "--host-resolver-rules=MAP * ~NOTFOUND",
        "--enable-logging=stderr",
        "--v=0",
        f"--user-data-dir={profile}",
        *args,
        page.as_uri(),
    ]
    return subprocess.run(command, capture_output=True, text=True, timeout=120)


def console_problems(stderr: str) -> list[str]:
    """Console messages of the page: a refused load, a failed request, a script error."""
    return [
        line
        for line in stderr.splitlines()
        if "CONSOLE" in line or "Refused to" in line or "ERR_" in line or "Uncaught" in line
    ]


def test_the_page_in_headless_chromium_at_desktop_and_phone_widths(tmp_path):
    a_realistic_week()
    chromium()  # fails (or skips visibly) before any work
    out = tmp_path / "week.html"
    assert report("--lang", "zh", "report", "--html", str(out)).code == 0
    review = json.loads(report("review", "--json").out)

    for name, size in (("desktop", "1280,2000"), ("phone", "390,2000")):
        shot = tmp_path / f"{name}.png"
        dom = ("--dump-dom",) if name == "desktop" else ()  # the page as rendered, in the same launch
        done = open_in_chromium(out, tmp_path / "profile", *dom, f"--screenshot={shot}", f"--window-size={size}")
        assert done.returncode == 0 and shot.stat().st_size > 20_000, done.stderr[-2000:]
        assert console_problems(done.stderr) == []
        assert shot.read_bytes()[16:24] == int(size.split(",")[0]).to_bytes(4, "big") + (2000).to_bytes(4, "big")
        if dom:
            assert_figures_match_review(done.stdout, review)
            assert cells_of(done.stdout).urls == []


def test_the_results_axis_has_room_for_its_labels_however_far_a_target_is_passed():
    from salelog.htmlreport import _step

    # desktop at most 10 steps, a phone 5: 204% of a target is 0..225% by 25, not 21 labels by 10
    assert [_step(most, 10) for most in (100, 143, 204, 300, 999, 5000)] == [10, 25, 25, 50, 100, 500]
    assert [_step(most, 5) for most in (100, 143, 204, 300)] == [25, 50, 50, 100]


def test_the_trend_note_agrees_in_number_with_one_week_of_target(tmp_path):
    ok("goal", "set", "revenue", "1万", now=THURSDAY)
    ok("visit", "add", "张总", "--new", "--amount", "1.2万", now=THURSDAY)
    out = tmp_path / "week.html"
    assert report("report", "--html", str(out)).code == 0
    assert "target met in 1 of 1 week with a target" in out.read_text(encoding="utf-8")
    assert report("--lang", "zh", "report", "--html", str(out)).code == 0
    assert "有目标的 1 周中达成 1 周" in out.read_text(encoding="utf-8")
