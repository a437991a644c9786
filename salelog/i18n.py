"""The output language: English, or Chinese for the tables people read most.

Chosen by --lang (set_language), else the config's lang, else the locale
($LC_ALL, $LC_MESSAGES, $LANG starting with zh). tr() gives a heading or word in that language; text without
a translation stays English.
"""

import os

ZH = {
    "Metric": "指标",
    "Target": "目标",
    "Actual": "实际",
    "Progress": "进度",
    "By now": "应达",
    "At pace": "按此速度",
    "Pace": "节奏",
    "done": "已完成",
    "ahead": "超前",
    "on pace": "正常",
    "behind": "落后",
    "no target": "无目标",
    "Week": "第{n}周",
    "where do I stand?": "进度如何？",
    "entries": "条记录",
    "of the week's working time gone": "本周工作时间已过",
    "(Mon–Fri 09:00–18:00)": "（周一至周五 9:00–18:00）",
    "Today": "今天",
    "Quota": "今日配额",
    "Even": "平均",
    "Tasks": "任务",
    "Follow-ups due": "待跟进",
    "Name": "客户",
    "Company": "公司",
    "Class": "等级",
    "Last contact": "最近联系",
    "Days": "天数",
    "Entries": "记录",
    "Revenue": "收入",
    "This year": "今年",
    "Tags": "标签",
    "Due": "到期",
    "Customer": "客户",
    "Follow-up": "跟进事项",
    "Quadrant": "象限",
    "Task": "任务",
    "ID": "编号",
    "When": "时间",
    "Kind": "类型",
    "Amount": "金额",
    "Outcome": "结果",
    "Next": "下一步",
    "Minutes": "分钟",
    "% entries": "记录占比",
    "% minutes": "时间占比",
    "% revenue": "收入占比",
    "Effort by customer class: time against revenue": "按客户等级的投入：时间与收入",
    "week over": "本周已结束",
    "not started": "尚未开始",
    "undated": "未定日期",
    "overdue": "逾期",
    "today": "今天",
    "no class": "未分级",
    "This week": "本周",
}
WEEKDAYS_ZH = ("周一", "周二", "周三", "周四", "周五", "周六", "周日")
_chosen: str | None = None


def set_language(lang: str | None) -> None:
    global _chosen
    _chosen = lang


def chinese() -> bool:
    """--lang, else the config's lang, else the locale (decided once a process)."""
    global _chosen
    if _chosen is None:
        _chosen = _configured_or_locale()
    return _chosen == "zh"


def _configured_or_locale() -> str:
    from . import config

    configured = config.language(config.load())
    if configured:
        return configured
    for variable in ("LC_ALL", "LC_MESSAGES", "LANG"):
        value = os.environ.get(variable)
        if value:
            return "zh" if value.lower().startswith("zh") else "en"
    return "en"


def tr(text: str, **values) -> str:
    """`text` in the output language (placeholders like {n} filled in)."""
    return (
        (ZH.get(text, text) if chinese() else text).format(**values)
        if values
        else (ZH.get(text, text) if chinese() else text)
    )


def weekday(index: int, english: tuple[str, ...]) -> str:
    return WEEKDAYS_ZH[index] if chinese() else english[index]
