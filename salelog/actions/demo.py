"""demo: a realistic sample week in a throwaway database, then its report."""

import os
import random
import tempfile
from datetime import datetime, time, timedelta

from .. import store
from ..context import Context
from ..errors import SalelogError
from ..fields import SCALARS
from ..i18n import tr
from ..periods import Period, week_of
from ..text import visible
from .progress import week_show

CUSTOMERS = (
    ("张总", "华东电子"),
    ("李经理", "蓝海科技"),
    ("王总", "恒通物流"),
    ("赵主任", "市一医院"),
    ("陈老板", "鑫源五金"),
    ("刘总", "云帆软件"),
    ("孙经理", "嘉禾食品"),
    ("周总", "星辰建材"),
    ("吴经理", "联创教育"),
    ("郑总", "盛世传媒"),
    ("Mr. Smith", "Acme Trading"),
    ("冯小姐", "丽人美妆"),
)
# Deals in play: (customer, title, value in yuan, stage, expected close from the week's Monday).
DEALS = (
    ("王总", "仓储系统升级", 300_000, "proposal", timedelta(days=4)),
    ("刘总", "年度订阅", 120_000, "negotiation", timedelta(days=9)),
    ("周总", "建材供应框架", 500_000, "qualified", timedelta(days=38)),
)
OUTCOMES = {
    "visit": ("介绍了新产品线", "现场演示，反馈积极", "了解采购流程", "对方在比价", "约了下周技术交流"),
    "call": ("约好拜访时间", "报价已发", "对方在开会，改天再打", "确认了需求", "催款"),
    "email": ("发送产品资料", "发送报价单", "会议纪要", "合同草稿", "节日问候"),
    "meeting": ("方案评审会", "签约会议"),
}
NEEDS = ("要含安装", "预算50万以内", "希望年底前交付", "关注售后响应", None, None)
FEEDBACK = ("竞品报价低10%", "客户觉得交期太长", "对新功能很感兴趣", None, None, None)
TARGETS = (("revenue", 500_000_00), ("new-clients", 10), ("visits", 15), ("calls", 50), ("emails", 100))
DAILY = {"visit": (3, 2, 3, 3), "call": (10, 9, 10, 9), "email": (20, 18, 19, 17)}


def demo(run: Context, *, db: str | None = None) -> None:
    """Fill a new database (`db`, else --db, else a throwaway one) with the sample
    week and print its report as of Thursday 18:00."""
    path = db or run.db or os.path.join(tempfile.mkdtemp(prefix="salelog-demo-"), "salelog.db")
    if os.path.exists(path) and os.path.getsize(path) > 0:
        raise SalelogError(
            tr("{path} already exists", path=path), tr("the demo fills a new database: give a new path or omit --db")
        )
    week = week_of(run.now.date())
    as_of = datetime.combine(week.start + timedelta(days=3), time(18, 0))  # Thursday evening
    conn = store.open_db(path)
    with store.writing(conn):
        fill_sample_week(conn, week, as_of)
    conn.close()
    print(tr("Sample week written to {path} (as of Thursday 18:00).", path=visible(path)))
    print(
        tr(
            "Look around (as of that moment): SALELOG_NOW={now} salelog --db {path} week",
            now=f"{as_of:%Y-%m-%dT%H:%M}",
            path=visible(path),
        )
        + "\n"
    )
    week_show(Context(path, run.lang, now=as_of))  # the sample's week as of that moment


def fill_sample_week(conn, week: Period, as_of: datetime) -> None:
    """Monday to Thursday of `week`: ~120 contacts, two sales, three deals in
    play, and last week's first contacts with some customers, so prospects and
    new clients differ."""
    rng = random.Random(2026)
    ids = {
        name: store.create_customer(conn, name, as_of, company=company, **{"class": "ABBCCBCBCCAC"[i]})
        for i, (name, company) in enumerate(CUSTOMERS)
    }
    names = list(ids)

    def log(name: str, kind: str, at: datetime, **fields) -> None:
        entry = dict.fromkeys(f.column for f in SCALARS) | {"kind": kind, "outcome": rng.choice(OUTCOMES[kind])}
        entry |= {"at": at.strftime("%Y-%m-%d %H:%M:%S")} | fields
        store.record_contact(conn, ids[name], entry, lists={}, now=as_of)

    last_monday = datetime.combine(week.start - timedelta(days=7), time(10, 0))
    for offset, name in enumerate(names[:6]):
        log(name, "call", last_monday + timedelta(hours=offset))
    for day_index in range(4):
        day = datetime.combine(week.start + timedelta(days=day_index), time(9, 0))
        for kind, per_day in DAILY.items():
            for _ in range(per_day[day_index]):
                at = day + timedelta(minutes=rng.randrange(0, 9 * 60))
                extra = {"minutes": rng.choice((30, 45, 60, 90))} if kind == "visit" else {}
                if kind != "email":
                    extra |= {"needs": rng.choice(NEEDS), "feedback": rng.choice(FEEDBACK)}
                log(rng.choice(names), kind, at, **extra)
    tuesday, thursday = (datetime.combine(week.start + timedelta(days=d), time(15, 30)) for d in (1, 3))
    log(
        "张总",
        "visit",
        tuesday,
        amount_fen=180_000_00,
        outcome="签约：生产线改造一期",
        minutes=90,
        next_step="安排安装",
        next_date=(tuesday + timedelta(days=7)).date().isoformat(),
    )
    log("李经理", "meeting", thursday, amount_fen=125_000_00, outcome="签约：年度维保合同", minutes=60)
    for metric, target in TARGETS:
        store.add_goal_setting(conn, metric, week, target, datetime.combine(week.start, time(8, 30)))
    monday = datetime.combine(week.start, time(9, 0)).strftime("%Y-%m-%d %H:%M:%S")
    for name, title, value_yuan, stage, close in DEALS:
        fields = {"title": title, "value_fen": value_yuan * 100, "close_date": (week.start + close).isoformat()}
        store.add_deal(conn, ids[name], stage, fields, now=as_of, created_at=monday)
