# ruff: noqa: E501  (a catalogue, as i18n_zh.py)
"""Chinese --help, keyed by the English paragraph it replaces (salelog/helpfmt.py
applies it; tests/test_zhhelp.py lists any paragraph of any command missing here).
Option names, metric ids and example command lines stay as they are."""

from .commands.config import KEYS_HELP  # the config keys' table, written once

HELP_ZH = {
    (
        "A personal sales logbook: set the week's targets, log every call and visit\n"
        "the minute it ends, and see where you stand."
    ): "个人销售日志：设定本周目标，每次电话和拜访结束后马上记下，随时看清自己的进度。",
    (
        "\x08\n"
        "Examples:\n"
        "  salelog demo                      a sample week in a throwaway database\n"
        "  salelog goal set revenue 50万      this week's revenue target\n"
        "  salelog visit add 张总 -k call -a 1.2w -o 报价已发 --next-date fri\n"
        "  salelog week                      target against actual, this week"
    ): (
        "\x08\n"
        "示例：\n"
        "  salelog demo                      在临时数据库里看一周示例\n"
        "  salelog goal set revenue 50万      本周销售额目标\n"
        "  salelog visit add 张总 -k call -a 1.2w -o 报价已发 --next-date fri\n"
        "  salelog week                      本周目标与实际对比"
    ),
    (
        "\x08\n"
        "The database is --db PATH, else $SALELOG_DB, else your user data folder.\n"
        "$SALELOG_NOW (e.g. 2026-11-25T18:00) replaces the clock, for back-filling\n"
        "and tests."
    ): (
        "\x08\n"
        "数据库为 --db PATH，否则为 $SALELOG_DB，否则为用户数据目录。\n"
        "$SALELOG_NOW（如 2026-11-25T18:00）代替系统时钟，用于补录和测试。"
    ),
    "Database file (default: $SALELOG_DB, else the user data folder).": "数据库文件（默认：$SALELOG_DB，否则为用户数据目录）。",
    (
        "en or zh: the language of tables, messages and reports (default: config lang, else the locale)."
    ): "en 或 zh：表格、消息和报告的语言（默认：配置中的 lang，否则按系统语言环境）。",
    "Install completion for the current shell.": "为当前 shell 安装命令补全。",
    "Show completion for the current shell, to copy it or customize the installation.": "显示当前 shell 的补全脚本，可复制或自定义安装。",
    (
        "List open follow-ups: overdue and due today first (days overdue), then\n"
        "upcoming, then undated; with each customer's class."
    ): "列出未完成的跟进：先列逾期和今天到期的（逾期天数），再列即将到期的，最后是未定日期的；并显示每个客户的等级。",
    "Include follow-ups already done.": "也列出已完成的跟进。",
    "Print a JSON array instead of a table.": "输出 JSON 数组而不是表格。",
    (
        "Plan the week: its targets (own or derived), the suggested daily split over\n"
        "the working days (adding up exactly), and the tasks planned for each day."
    ): "规划本周：本周目标（自设或由更长周期分解而来）、按工作日建议的每日分配（合计正好相等），以及每天安排的任务。",
    "Any day of the week, or next (default: this week).": "本周任意一天，或 next（默认：本周）。",
    "Print JSON instead of tables.": "输出 JSON 而不是表格。",
    (
        "Weekly (or monthly) actuals against targets per metric, with a sparkline\n"
        "and the achievement rate; periods without a target show as such, not as 0%."
    ): "按周（或按月）列出每个指标的实际与目标，附迷你趋势图和达成率；没有目标的周期照实显示，而不是显示为 0%。",
    "How many weeks, ending with this one.": "显示多少周（截至本周）。",
    "Only this metric.": "只看这个指标。",
    "Month by month instead (the last --weeks months).": "改为按月显示（最近 --weeks 个月）。",
    "Print JSON.": "输出 JSON。",
    (
        "Print what needs attention now, and nothing at all when nothing does (cron\n"
        "mails any output): follow-ups and tasks due or overdue, no targets by Monday\n"
        "10:00, behind pace on Wednesday and Thursday from 12:00, nothing logged by\n"
        "18:00 on a working day, A customers not contacted for 14 days. Those times\n"
        "and days are the defaults of the config keys remind_targets_by,\n"
        "remind_pace_days, remind_pace_from, remind_log_by and neglect_days.A\n"
        "(salelog config --help). Five tasks at most, then one line for the rest."
    ): (
        "输出此刻需要注意的事项，没有就什么也不输出（cron 会把任何输出发邮件）：到期或逾期的跟进和任务、周一 10:00 前未设目标、周三和周四 12:00 起进度落后、工作日 18:00 前没有任何记录、A 类客户 14 天未联系。这些时间和天数是配置项 remind_targets_by、remind_pace_days、remind_pace_from、remind_log_by 和 neglect_days.A 的默认值（salelog config --help）。任务最多列五条，其余合为一行。"
    ),
    (
        "\x08\n"
        "Examples:\n"
        "  salelog remind\n"
        "  salelog remind --notify\n"
        "  crontab:  0 9,14,18 * * 1-5  salelog remind\n"
        "  crontab, with a notification (one line; 1000: your uid, see: id -u):\n"
        "    0 9,14,18 * * 1-5  DISPLAY=:0 DBUS_SESSION_BUS_ADDRESS=unix:path=/run/user/1000/bus salelog remind --notify"
    ): (
        "\x08\n"
        "示例：\n"
        "  salelog remind\n"
        "  salelog remind --notify\n"
        "  crontab：  0 9,14,18 * * 1-5  salelog remind\n"
        "  crontab，带桌面通知（写成一行；1000 为你的 uid，见 id -u）：\n"
        "    0 9,14,18 * * 1-5  DISPLAY=:0 DBUS_SESSION_BUS_ADDRESS=unix:path=/run/user/1000/bus salelog remind --notify"
    ),
    (
        "Also send a desktop notification (notify-send, osascript); one line on stderr when none can be sent. From cron it needs DISPLAY and DBUS_SESSION_BUS_ADDRESS of your desktop session."
    ): (
        "同时发送桌面通知（notify-send、osascript）；无法发送时在 stderr 输出一行说明。在 cron 中需要桌面会话的 DISPLAY 和 DBUS_SESSION_BUS_ADDRESS。"
    ),
    "Print a JSON array (empty when nothing is due).": "输出 JSON 数组（没有到期事项时为空）。",
    "Print a block of short aliases to paste into your shell's startup file, or eval.": "输出一段简短的命令别名，可粘贴到 shell 启动文件中，或用 eval 执行。",
    (
        "\x08\n"
        "Examples:\n"
        "  salelog aliases >> ~/.bashrc\n"
        '  eval "$(salelog aliases zsh)"\n'
        "  salelog aliases fish | source"
    ): (
        '\x08\n示例：\n  salelog aliases >> ~/.bashrc\n  eval "$(salelog aliases zsh)"\n  salelog aliases fish | source'
    ),
    "Your shell (default bash).": "你的 shell（默认 bash）。",
    "Export a table to a file for a spreadsheet, a script, a document or a calendar.": "把一张表导出为文件，供电子表格、脚本、文档或日历使用。",
    (
        "CSV and xlsx have a header row and a column per field (entries and customers\n"
        "without ids, so that `salelog import` reads them back unchanged); json and\n"
        "jsonl have the fields of the --json lists; ics makes all-day calendar events of\n"
        "dated follow-ups and tasks, which a newer export updates rather than\n"
        "duplicates. --since/--until select entries by time, follow-ups and tasks by\n"
        "due date, goals by period, customers by when they were added."
    ): (
        "CSV 和 xlsx 有表头行，每个字段一列（记录和客户不含 id，这样 `salelog import` 能原样读回）；json 和 jsonl 的字段与各 --json 列表相同；ics 把有日期的跟进和任务做成全天日历事件，再次导出会更新而不是重复。--since/--until 按时间选记录，按到期日选跟进和任务，按周期选目标，按添加时间选客户。"
    ),
    (
        "\x08\n"
        "Examples:\n"
        "  salelog export entries -o entries.csv            opens in Excel and WPS\n"
        "  salelog export entries --since 2026-11-01 -o nov.xlsx\n"
        "  salelog export customers --format json > customers.json\n"
        "  salelog export followups -o followups.ics        import into your calendar\n"
        "  salelog export entries --since mon --format md\n"
        "  salelog export deals -o deals.xlsx"
    ): (
        "\x08\n"
        "示例：\n"
        "  salelog export entries -o entries.csv            可用 Excel 和 WPS 打开\n"
        "  salelog export entries --since 2026-11-01 -o nov.xlsx\n"
        "  salelog export customers --format json > customers.json\n"
        "  salelog export followups -o followups.ics        导入你的日历\n"
        "  salelog export entries --since mon --format md\n"
        "  salelog export deals -o deals.xlsx"
    ),
    "entries, customers, goals, followups, tasks or deals (记录/客户/目标/跟进/任务/商机).": "entries、customers、goals、followups、tasks 或 deals（记录/客户/目标/跟进/任务/商机）。",
    "csv, json, jsonl, xlsx, ics, md (default: -o's extension, else csv).": "csv、json、jsonl、xlsx、ics、md（默认：按 -o 的扩展名，否则 csv）。",
    "Write to FILE (owner-only) instead of stdout.": "写入 FILE（仅本人可读写），而不是标准输出。",
    "From this day on (inclusive).": "从这一天起（含当天）。",
    "Up to this day (inclusive).": "到这一天为止（含当天）。",
    "CSV only: utf-8-sig (with a BOM, for Excel and WPS), gb18030 (older Excel), utf-8.": "仅 CSV：utf-8-sig（带 BOM，适合 Excel 和 WPS）、gb18030（旧版 Excel）、utf-8。",
    "Import entries, customers, a CRM's deals, payments or cancellations from a CSV or Excel file, all or nothing.": "从 CSV 或 Excel 文件导入记录、客户、CRM 导出的商机、回款或取消记录，要么全部导入，要么一条不导。",
    (
        "Columns are found by their header, in English or Chinese: for entries\n"
        "customer/客户, at/date/日期 (and time/时间), kind/类型, amount/金额,\n"
        "outcome/结果/备注, needs/需求, feedback/反馈, next/下一步, next_date/下次日期,\n"
        "minutes/时长, tags/标签; for customers name/客户/姓名, company/公司,\n"
        "class/等级/分类, phone/电话, email/邮箱, wechat/微信, note/备注, tags/标签,\n"
        "aliases/别名. Every cell is read as on the command line (50万, 昨天下午3点,\n"
        "电话); the first bad cell stops the import, naming its row and column, and\n"
        "nothing is written. Names are resolved as visit add resolves them: a new\n"
        "customer whose name is close to a known one (张总总 beside 张总) stops the\n"
        "import, listing the rows, unless --new creates them as given. Importing a\n"
        "file twice adds nothing: a customer already there is skipped (its card's\n"
        "empty fields filled from the row, nothing replaced), and so is an entry\n"
        "whose id (a column id/编号) was imported before, or, without an id,\n"
        "whose every field the logbook already holds as often as the file does (two\n"
        "identical rows in one file are two contacts). salelog undo reverts an\n"
        "import."
    ): (
        "按表头识别列，中英文均可：记录为 customer/客户、at/date/日期（以及 time/时间）、kind/类型、amount/金额、outcome/结果/备注、needs/需求、feedback/反馈、next/下一步、next_date/下次日期、minutes/时长、tags/标签；客户为 name/客户/姓名、company/公司、class/等级/分类、phone/电话、email/邮箱、wechat/微信、note/备注、tags/标签、aliases/别名。每个单元格都按命令行的写法读取（50万、昨天下午3点、电话）；遇到第一个错误单元格即停止导入，指出其行和列，什么也不写入。客户名称按 visit add 的规则匹配：新客户名称与已有客户相近（张总总 与 张总）时停止导入并列出这些行，除非用 --new 按原样新建。同一文件导入两次不会重复：已有的客户跳过（只用该行补全其卡片的空字段，不替换已有内容）；之前导入过其 id（id/编号 列）的记录也跳过；没有 id 时，日志中已有同样多条字段完全相同的记录也跳过（同一文件中两行相同即为两次联系）。salelog undo 可撤销一次导入。"
    ),
    (
        "Deals (a CRM's export: Salesforce, HubSpot, Pipedrive, 纷享销客...): id,\n"
        "customer (Account Name, Company, Organization, 客户), title (Opportunity\n"
        "Name, Deal Name, 商机名称), value (Amount, 金额: $, USD, ¥, RMB, 元), stage\n"
        "(Stage, Deal Stage, 阶段; Closed Won, Won), status (Pipedrive's won/lost),\n"
        "created, close (Close Date, 预计成交日期: ISO, 2017/3/1, 3/1/2017, Excel\n"
        "serials), source, note, lost reason. Other columns are ignored, with a\n"
        "note. The same file again changes nothing; a changed stage moves the deal;\n"
        "a won deal with a value and a close date books its revenue then, once, as\n"
        "a sale with no contact (a close date still to come: now, as the summary\n"
        "line says)."
    ): (
        "商机（CRM 的导出文件：Salesforce、HubSpot、Pipedrive、纷享销客……）：id、customer（Account Name、Company、Organization、客户）、title（Opportunity Name、Deal Name、商机名称）、value（Amount、金额：$、USD、¥、RMB、元）、stage（Stage、Deal Stage、阶段；Closed Won、Won）、status（Pipedrive 的 won/lost）、created、close（Close Date、预计成交日期：ISO、2017/3/1、3/1/2017、Excel 日期序列号）、source、note、lost reason。其他列忽略，并给出提示。同一文件再导入一次不会改变任何内容；阶段变了的商机随之移动；有金额和预计成交日期的赢单商机，在该日期记入销售额，只记一次，记为没有联系的成交（sale）（预计成交日期未到的：按现在记入，汇总行会说明）。"
    ),
    (
        "\x08\n"
        "Examples:\n"
        "  salelog import entries visits.csv --dry-run\n"
        "  salelog import entries visits.xlsx\n"
        "  salelog import entries visits.csv --new             张总总 is not 张总\n"
        "  salelog import customers 客户.csv --encoding gb18030\n"
        '  salelog import deals crm.csv --stage-map "Verbal Yes=negotiation" --dry-run\n'
        "  salelog import deals deals.xlsx --map customer=Client --skip-bad-rows\n"
        "  salelog import payments payments.csv --dry-run\n"
        "  salelog import cancellations cancellations.xlsx --skip-bad-rows"
    ): (
        "\x08\n"
        "示例：\n"
        "  salelog import entries visits.csv --dry-run\n"
        "  salelog import entries visits.xlsx\n"
        "  salelog import entries visits.csv --new             张总总 不是 张总\n"
        "  salelog import customers 客户.csv --encoding gb18030\n"
        '  salelog import deals crm.csv --stage-map "Verbal Yes=negotiation" --dry-run\n'
        "  salelog import deals deals.xlsx --map customer=Client --skip-bad-rows\n"
        "  salelog import payments payments.csv --dry-run\n"
        "  salelog import cancellations cancellations.xlsx --skip-bad-rows"
    ),
    "entries, customers, deals, payments or cancellations (记录/客户/商机/回款/取消).": "entries、customers、deals、payments 或 cancellations（记录/客户/商机/回款/取消）。",
    "A .csv or .xlsx file with a header row.": "带表头行的 .csv 或 .xlsx 文件。",
    "Show what would be imported; write nothing.": "显示将导入的内容，不写入任何数据。",
    "Create new customers even if a known name is close to theirs.": "即使名称与已有客户相近，也新建客户。",
    "CSV only: auto (UTF-8, else GB18030), utf-8, gb18030.": "仅 CSV：auto（UTF-8，否则 GB18030）、utf-8、gb18030。",
    "deals: the file's column for a field; repeat for more.": "仅 deals：某个字段在文件中对应的列；可重复，映射多个字段。",
    "deals: a stage of the file as one of ours; repeatable.": "仅 deals：把文件中的一个阶段对应到我们的某个阶段；可重复。",
    "deals, payments, cancellations: import the good rows and list the bad ones.": "仅 deals、payments、cancellations：导入正确的行，并列出有错的行。",
    (
        "Copy the database to a new owner-only file, with SQLite's online backup: the\n"
        "copy is consistent even while another salelog (or cron) is writing. Never\n"
        "overwrites a file; the copy is checked with integrity_check."
    ): (
        "用 SQLite 在线备份把数据库复制到一个新的、仅本人可读写的文件：即使另一个 salelog（或 cron）正在写入，副本也是一致的。从不覆盖已有文件；副本会用 integrity_check 检查。"
    ),
    (
        "\x08\n"
        "Examples:\n"
        "  salelog backup                         salelog-2026-11-25.db in this folder\n"
        "                                         (then salelog-2026-11-25-2.db, ...)\n"
        "  salelog backup ~/backups/              the same name in that folder\n"
        "  salelog backup /mnt/usb/sales.db"
    ): (
        "\x08\n"
        "示例：\n"
        "  salelog backup                         当前目录下的 salelog-2026-11-25.db\n"
        "                                         （其后为 salelog-2026-11-25-2.db……）\n"
        "  salelog backup ~/backups/              在该目录下使用同样的文件名\n"
        "  salelog backup /mnt/usb/sales.db"
    ),
    "The new file, or a folder for it (default: salelog-DATE.db here).": "新文件，或存放它的目录（默认：当前目录下的 salelog-DATE.db）。",
    (
        "Check the database: where it is, its size, its schema version against this\n"
        "salelog's, SQLite's integrity_check, whether anyone else can read it, and whether\n"
        "the sums kept beside the log (each day's totals, what is owed, each customer's\n"
        "sales) still match it. Exit status 1 when the file is damaged, from a newer\n"
        "salelog, or its sums differ (another program wrote it: --fix rebuilds them)."
    ): (
        "检查数据库：位置、大小、数据库版本与本 salelog 是否一致、SQLite 的 integrity_check、是否有其他人能读取，以及日志旁保存的汇总（每天的合计、欠款、每位客户的成交）是否仍与日志一致。文件损坏、来自更新版本的 salelog 或汇总不一致（被其他程序写过：--fix 会重建）时退出状态为 1。"
    ),
    (
        "\x08\n"
        "Examples:\n"
        "  salelog doctor\n"
        "  salelog doctor --fix                   chmod 600 the file, 700 its folder;\n"
        "                                         rebuild sums that differ from the log\n"
        "  salelog --db ~/old.db doctor"
    ): (
        "\x08\n"
        "示例：\n"
        "  salelog doctor\n"
        "  salelog doctor --fix                   文件设为 chmod 600，目录设为 700；\n"
        "                                         重建与日志不一致的汇总\n"
        "  salelog --db ~/old.db doctor"
    ),
    "Make the file owner-only (0600) and its folder private (0700), and rebuild sums that differ from the log.": "把文件设为仅本人可读写（0600），目录设为私有（0700），并重建与日志不一致的汇总。",
    (
        "Revert the last write command (an entry, a goal change, an edit, a merge, a\n"
        "deletion) and say what was reverted. Repeat to go further back."
    ): "撤销上一条写入命令（一条记录、一次目标修改、一次编辑、一次合并、一次删除），并说明撤销了什么。重复执行可继续往前撤销。",
    (
        "Target against actual for every metric this week: percent, where you should\n"
        "be by now (linear over the working days) and where the week ends at this pace."
    ): "本周每个指标的目标与实际：完成百分比、此刻应达到的进度（按工作日线性计算），以及按当前速度本周将达到多少。",
    "Any day of the week, or last/this/next, 上周 (default: this week).": "本周任意一天，或 last/this/next、上周（默认：本周）。",
    "Print JSON (see the README for its keys).": "输出 JSON（键名见 README）。",
    "Today's figures against an even daily share of the week's targets.": "今天的数据，与本周目标平均分到每天的份额对比。",
    (
        "Fill a throwaway database with a sample week (Chinese customers, calls,\n"
        "visits, emails, two deals, targets of 50万 and 15 visits) and show its report."
    ): "在临时数据库里填入一周示例（中文客户、电话、拜访、邮件、两笔成交、50万 和 15 次拜访的目标），并显示其报告。",
    "Fill this database instead of a throwaway one.": "填入这个数据库，而不是临时数据库。",
    (
        "The week's report as one self-contained HTML file: target against actual\n"
        "for every metric (chart and table, the figures of review --json), activity\n"
        "day by day, revenue over the last 12 weeks, effort by customer class against\n"
        "revenue, the improvement notes, last week's plan and how it was kept, the\n"
        "reflection and next week's plan. Nothing in it loads from a server; it\n"
        "prints on A4 and reads on a phone. Without --html: the path of the last\n"
        "report written. --month: the month's report, with the month review's\n"
        "figures (against the 3 latest earlier months with data) and when you sell best."
    ): (
        "把本周报告生成一个独立的 HTML 文件：每个指标的目标与实际（图表和表格，数据同 review --json）、每天的活动、最近 12 周的销售额、各等级客户投入与销售额对比、改进记录、上周计划及执行情况、反思和下周计划。不从任何服务器加载内容；可用 A4 打印，也可在手机上阅读。不带 --html 时：显示上一次生成的报告路径。--month：改为月度报告，含月度复盘的数据（与此前最近 3 个有数据的月份对比）以及你什么时候最容易成交。"
    ),
    "Any day of the week, or last/this, 上周 (default: this week).": "本周任意一天，或 last/this、上周（默认：本周）。",
    "Write the report to FILE (owner-only, replaced whole).": "把报告写入 FILE（仅本人可读写，整体替换）。",
    "Open it in the default browser (without --html: the last one).": "用默认浏览器打开（不带 --html 时：打开上一份）。",
    "A month's report instead: 2026-10, last, this.": "改为某个月的报告：2026-10、last、this。",
    "Set and list targets: for a week, month, quarter or year.": "设定和查看目标：按周、月、季度或年。",
    (
        "Set the target for a metric this week (or --week, --month, --quarter,\n"
        "--year); setting it again adjusts it and keeps the old value in history.\n"
        "A week without its own target takes its share of the month's, quarter's or\n"
        "year's, split by working days. It also says how the target compares with\n"
        "your record: average and best of the last 8 periods with entries, and a\n"
        "band (low, fair, stretch, high)."
    ): (
        "设定某个指标本周的目标（或用 --week、--month、--quarter、--year）；再次设定即调整，旧值保留在历史中。没有自己目标的一周，按工作日分摊所在月、季度或年的目标。同时说明目标与你的历史相比如何：最近 8 个有记录的周期的平均值和最好成绩，以及所处档位（偏低、合理、有挑战、过高）。"
    ),
    (
        "\x08\n"
        "Examples:\n"
        "  salelog goal set revenue 50万\n"
        "  salelog goal set 拜访 15 --week 2026-11-30\n"
        "  salelog goal set revenue +10%\n"
        "  salelog goal set revenue +10% --month next  on the 4 months before this one\n"
        "  salelog goal set revenue +20% --quarter 2027Q1\n"
        '  salelog goal set revenue 50万 --reward "周末去爬山"\n'
        "  salelog goal set revenue 500万 --year 2026\n"
        "  salelog goal set new-clients 40 --month 2026年11月\n"
        "  salelog goal set demos 5 --custom  then: salelog visit add 张总 --tag demos"
    ): (
        "\x08\n"
        "示例：\n"
        "  salelog goal set revenue 50万\n"
        "  salelog goal set 拜访 15 --week 2026-11-30\n"
        "  salelog goal set revenue +10%\n"
        "  salelog goal set revenue +10% --month next  以本月之前的 4 个月为基数\n"
        "  salelog goal set revenue +20% --quarter 2027Q1\n"
        '  salelog goal set revenue 50万 --reward "周末去爬山"\n'
        "  salelog goal set revenue 500万 --year 2026\n"
        "  salelog goal set new-clients 40 --month 2026年11月\n"
        "  salelog goal set demos 5 --custom  之后：salelog visit add 张总 --tag demos"
    ),
    (
        "What to count: revenue (销售额/业绩), deals (成交/成交数), new-clients (新客户/新增客户), prospects (潜在客户/新接触), visits (拜访), calls (电话), emails (邮件), meetings (会议), messages (微信/消息), collected (回款/收款), or a custom metric."
    ): (
        "统计什么：revenue（销售额/业绩）、deals（成交/成交数）、new-clients（新客户/新增客户）、prospects（潜在客户/新接触）、visits（拜访）、calls（电话）、emails（邮件）、meetings（会议）、messages（微信/消息）、collected（回款/收款），或自定义指标。"
    ),
    (
        "The target: a count (15) or, for revenue, an amount (50万, 1.2w, 12k); or +10% / -5% on your average of the last 4 periods with entries."
    ): "目标：一个数量（15），销售额则为金额（50万、1.2w、12k）；也可以是在你最近 4 个有记录的周期的平均值上 +10% / -5%。",
    "Any day of the week, or last/this/next (default: this week).": "本周任意一天，或 last/this/next（默认：本周）。",
    "Declare METRIC as your own measure: it counts entries tagged METRIC.": "把 METRIC 声明为你自己的指标：统计带 METRIC 标签的记录。",
    "A month: 2026-11, 2026年11月, last, next (下个月); alone: this month.": "一个月：2026-11、2026年11月、上个月、下个月（next）；不带值：本月。",
    "A quarter: 2026Q4, 2026年第四季度, last, next; alone: this quarter.": "一个季度：2026Q4、2026年第四季度、上季度、下季度；不带值：本季度。",
    "A year: 2026, last, next (明年); alone: this year.": "一年：2026、去年、明年（next）；不带值：今年。",
    "A reward to yourself, said once when an entry reaches the target.": "给自己的奖励：某条记录使目标达成时提示一次。",
    (
        "Check a target against your record without setting it: the average and\n"
        "best of the last 8 periods of that kind with entries, how many reached it,\n"
        "and its band: low (below 90% of the average), fair (up to 110%), stretch\n"
        "(up to 140%), high (above)."
    ): (
        "对照你的历史检验一个目标，但不设定它：最近 8 个同类有记录的周期的平均值和最好成绩、其中几个达到了该目标，以及所处档位：偏低（低于平均值的 90%）、合理（不超过 110%）、有挑战（不超过 140%）、过高（超过 140%）。"
    ),
    "The target to check: 15, 50万, or +10% on your recent average.": "要检验的目标：15、50万，或在你近期平均值上 +10%。",
    "Print JSON instead of lines.": "输出 JSON 而不是文字。",
    (
        "A milestone on the way to a target, with a reward to yourself: the\n"
        "command whose entry reaches it says so, once; `week` lists the rewards.\n"
        "Refused on a metric without a target for the period."
    ): (
        "在达成目标的路上设一个里程碑，并给自己一个奖励：哪条命令的记录达到了它，就由那条命令提示一次；`week` 会列出这些奖励。该周期没有目标的指标会被拒绝。"
    ),
    "A metric with a target for the period.": "该周期有目标的指标。",
    "The milestone, below the target: 25万, 8.": "里程碑，须低于目标：25万、8。",
    "What you give yourself when you get there.": "达到时给自己的奖励。",
    (
        "List a period's targets with when each was set and what it replaced; for a\n"
        "month, quarter or year also the breakdown into months, weeks and days."
    ): "列出一个周期的目标，包括每个目标的设定时间和它替换的值；月、季度或年还会分解到月、周和日。",
    "Show every setting, oldest first.": "显示每一次设定，最早的在前。",
    "Print JSON instead of a table.": "输出 JSON 而不是表格。",
    "Log calls, visits, emails, meetings and messages; list, fix and delete them.": "记录电话、拜访、邮件、会议和消息；列出、修改和删除记录。",
    "Log one contact with a customer, right after it ends.": "记录与客户的一次联系，结束后马上记。",
    (
        "CUSTOMER may be a known name, an alias, or a unique beginning of one (case,\n"
        "full-width and traditional/simplified ignored), or its pinyin or initials\n"
        "(zhangzong, zhang_zong, zz, zhz); a name close to a known one, or sounding like it (章总 beside\n"
        "张总), is refused unless --new, and a tag close to a custom metric's name\n"
        "(demos beside demo) unless --new-tag."
    ): (
        "CUSTOMER 可以是已有名称、别名或某个名称的唯一开头（不区分大小写、全角半角和繁简体），也可以是它的拼音或拼音首字母（zhangzong、zhang_zong、zz、zhz）；与已有名称相近或同音（章总 与 张总）的会被拒绝，除非加 --new；与自定义指标名相近的标签（demos 与 demo）会被拒绝，除非加 --new-tag。"
    ),
    (
        "\x08\n"
        "Examples:\n"
        "  salelog visit add 张总\n"
        '  salelog visit add 张总 --kind call --amount 1.2w --outcome "报价已发" \\\n'
        '      --needs "要含安装" --next "周五回访" --next-date fri\n'
        "  salelog visit add 李经理 -k 微信 --at 昨天下午3点 --tag demos --minutes 20\n"
        "  salelog visit add 王总 -k meeting --competitor 华为 --competitor 中兴 \\\n"
        '      --feedback "对方报价低10%"\n'
        "  salelog visit add 张总 --deal 3  a contact on deal #3\n"
        "  salelog visit add zz --next-date 月底  张总, typed in pinyin initials\n"
        "  salelog visit add 张总总 --new  a new customer beside 张总\n"
        "  salelog visit add  asks for each field (on a terminal)"
    ): (
        "\x08\n"
        "示例：\n"
        "  salelog visit add 张总\n"
        '  salelog visit add 张总 --kind call --amount 1.2w --outcome "报价已发" \\\n'
        '      --needs "要含安装" --next "周五回访" --next-date fri\n'
        "  salelog visit add 李经理 -k 微信 --at 昨天下午3点 --tag demos --minutes 20\n"
        "  salelog visit add 王总 -k meeting --competitor 华为 --competitor 中兴 \\\n"
        '      --feedback "对方报价低10%"\n'
        "  salelog visit add 张总 --deal 3  商机 #3 上的一次联系\n"
        "  salelog visit add zz --next-date 月底  张总，用拼音首字母输入\n"
        "  salelog visit add 张总总 --new  新客户，尽管与 张总 相近\n"
        "  salelog visit add  逐项询问（在终端中）"
    ),
    "Who: a customer name (created if new). Omit it to be asked each field.": "客户名称（新名称会新建客户）。省略则逐项询问。",
    (
        "visit, call, email, meeting, message (拜访/电话/邮件/会议/微信); sale (成交): a sale booked with no contact."
        " Default: visit, or default_kind in the config."
    ): "visit、call、email、meeting、message（拜访/电话/邮件/会议/微信）；sale（成交）：没有联系、只记成交。默认：visit，或配置中的 default_kind。",
    "Sale amount: 3500, 1.2w, 12k, 50万, ¥3,500.50.": "成交金额：3500、1.2w、12k、50万、¥3,500.50。",
    "What came of it.": "结果如何。",
    "The customer's needs.": "客户的需求。",
    "Market feedback: prices, competitors, objections.": "市场反馈：价格、竞争对手、异议。",
    "The next step.": "下一步行动。",
    "When: fri, 周五, tomorrow, 下周一, 月底, 11-27, 2026-11-27.": "日期：fri、周五、明天、下周一、月底、11-27、2026-11-27。",
    "When it happened: yesterday, 昨天下午3点, 昨晚, 3天前, 15:30. Default: now.": "发生时间：昨天、昨天下午3点、昨晚、3天前、15:30。默认：现在。",
    "How long it took, in minutes.": "用时，分钟。",
    "A tag; repeat, or a,b, for more. Custom metrics count tags.": "标签；可重复，或用 a,b 写多个。自定义指标按标签统计。",
    "A competitor the customer mentioned (who else is quoting); repeat, or 华为、中兴, for more.": "客户提到的竞争对手（还有谁在报价）；可重复，或用 华为、中兴 写多个。",
    "Create CUSTOMER even if a known name is close to it.": "即使与已有名称相近，也新建 CUSTOMER。",
    "Keep a tag as typed even if it is close to a custom metric's name.": "即使与自定义指标名相近，也按输入保留标签。",
    "Link it to this deal (default: the customer's one open deal).": "关联到这个商机（默认：该客户唯一的进行中商机）。",
    "List logged entries, newest first.": "列出已记录的联系，最新的在前。",
    "Only this customer.": "只看这个客户。",
    "Only this kind.": "只看这种类型。",
    "At most this many (0: all; default 50, all with --json).": "最多显示这么多条（0：全部；默认 50，带 --json 时全部）。",
    "Fix a logged entry: any option of visit add; an empty value clears a field.": "修改一条记录：可用 visit add 的任意选项；空值清除该字段。",
    "The entry's id (see: salelog visit list), or last.": "记录的编号（见 salelog visit list），或 last。",
    "Move the entry to this customer.": "把这条记录改到这个客户名下。",
    "visit, call, email, meeting, message (拜访/电话/邮件/会议/微信); sale (成交): a sale booked with no contact.": "visit、call、email、meeting、message（拜访/电话/邮件/会议/微信）；sale（成交）：没有联系、只记成交。",
    "Sale amount: 3500, 1.2w, 12k, 50万, ¥3,500.50. Empty to clear.": "成交金额：3500、1.2w、12k、50万、¥3,500.50。留空则清除。",
    "What came of it. Empty to clear.": "结果如何。留空则清除。",
    "The customer's needs. Empty to clear.": "客户的需求。留空则清除。",
    "Market feedback: prices, competitors, objections. Empty to clear.": "市场反馈：价格、竞争对手、异议。留空则清除。",
    "The next step. Empty to clear.": "下一步行动。留空则清除。",
    "When: fri, 周五, tomorrow, 下周一, 月底, 11-27, 2026-11-27. Empty to clear.": "日期：fri、周五、明天、下周一、月底、11-27、2026-11-27。留空则清除。",
    "When it happened: yesterday, 昨天下午3点, 昨晚, 3天前, 15:30.": "发生时间：昨天、昨天下午3点、昨晚、3天前、15:30。",
    "How long it took, in minutes. Empty to clear.": "用时，分钟。留空则清除。",
    (
        "A tag; repeat, or a,b, for more. Custom metrics count tags. Replaces the stored ones; empty to clear."
    ): "标签；可重复，或用 a,b 写多个。自定义指标按标签统计。替换已保存的标签；留空则清除。",
    (
        "A competitor the customer mentioned (who else is quoting); repeat, or 华为、中兴, for more. Replaces the stored ones; empty to clear."
    ): "客户提到的竞争对手（还有谁在报价）；可重复，或用 华为、中兴 写多个。替换已保存的；留空则清除。",
    "Delete a logged entry (asks first on a terminal; salelog undo brings it back).": "删除一条记录（在终端中会先确认；salelog undo 可恢复）。",
    "Do not ask (for scripts).": "不询问（供脚本使用）。",
    # deals (issue 14): deal, pipeline
    "Keep the deals in play: add them, move them along the stages, win or lose them.": "管理进行中的商机：添加、按阶段推进、赢单或输单。",
    "Add a deal for a customer; it starts at the first stage unless --stage says.": "为客户添加一个商机；除非用 --stage 指定，否则从第一个阶段开始。",
    (
        "CUSTOMER resolves as in visit add. While a customer has exactly one open deal,\n"
        "the contacts logged with them link to it by themselves."
    ): "CUSTOMER 的匹配规则与 visit add 相同。客户只有一个进行中的商机时，与该客户记录的联系会自动关联到这个商机。",
    "Who (created if new).": "客户（新名称会新建客户）。",
    "What is being sold.": "卖的是什么（商机名称）。",
    "What it is worth: 50万, 1.2w, 12k (empty: not known).": "商机金额：50万、1.2w、12k（留空：未知）。",
    (
        "Default: lead. lead, qualified, proposal, negotiation (or 线索, 需求确认, 方案报价, 商务谈判; config deal_stages)."
    ): "默认：lead。lead、qualified、proposal、negotiation（或 线索、需求确认、方案报价、商务谈判；见配置 deal_stages）。",
    "When it should close: 月底, fri, 12-31.": "预计成交日期：月底、fri、12-31。",
    "Where it came from: 展会, referral.": "来源：展会、referral。",
    "A note on the deal.": "关于这个商机的备注。",
    (
        "List open deals (with --all, won and lost ones too), with value, stage and weighted value."
    ): "列出进行中的商机（加 --all 时也列出赢单和输单的），附金额、阶段和加权金额。",
    "Only this stage.": "只看这个阶段。",
    "Include won and lost deals.": "也列出赢单和输单的商机。",
    "Show a deal, its stage history and the entries linked to it.": "显示一个商机、它的阶段历史和关联的记录。",
    "The deal's id (see: salelog deal list), or last.": "商机的编号（见 salelog deal list），或 last。",
    "Print JSON instead of text.": "输出 JSON 而不是文字。",
    (
        "Change a deal's title, value, close date, source or note; an empty value clears it."
    ): "修改商机的名称、金额、预计成交日期、来源或备注；空值清除该字段。",
    "A new title.": "新的名称。",
    (
        "Move an open deal to another stage; backwards is allowed and kept in its history."
    ): "把进行中的商机移到另一个阶段；可以退回，退回也记入它的历史。",
    (
        "lead, qualified, proposal, negotiation (or 线索, 需求确认, 方案报价, 商务谈判; config deal_stages)."
    ): "lead、qualified、proposal、negotiation（或 线索、需求确认、方案报价、商务谈判；见配置 deal_stages）。",
    (
        "Win a deal: it closes, and its revenue is logged as an entry linked to it\n"
        "(so week, today, review and every metric count it once)."
    ): "赢单：商机关闭，其销售额记为一条关联到它的记录（因此 week、today、review 和每个指标都只计一次）。",
    "The amount won (default: its value).": "成交金额（默认：商机金额）。",
    "When it was won (default: now).": "赢单时间（默认：现在）。",
    "When the win was a contact: its kind (default: sale, no contact).": "赢单时若有联系：联系的类型（默认：sale，没有联系）。",
    "Lose a deal, saying why (salelog pipeline ranks the reasons).": "输单，并说明原因（salelog pipeline 会按次数列出输单原因）。",
    "Why it was lost.": "输单原因。",
    (
        "Delete a deal and its history; its entries stay (asks first on a terminal; salelog undo brings it back)."
    ): "删除一个商机及其历史；关联的记录保留（在终端中会先确认；salelog undo 可恢复）。",
    (
        "The pipeline: open deals by stage, the weighted forecast of this week, month\n"
        "and quarter, win rate, sales cycle, lost reasons and stale deals."
    ): "销售漏斗：按阶段列出进行中的商机，本周、本月和本季度的加权预测，赢单率、销售周期、输单原因和停滞的商机。",
    "Closed deals from this day (default: 90 days ago).": "统计从这一天起关闭的商机（默认：90 天前）。",
    "Closed deals up to this day.": "统计到这一天为止关闭的商机。",
    "Keep the customer archive: contacts, class A/B/C, history.": "管理客户档案：联系方式、A/B/C 等级、往来记录。",
    "Add a customer to the archive.": "把一个客户加入档案。",
    "The customer's name, as you will type it.": "客户名称，按你以后会输入的写法。",
    "Company or organisation.": "公司或单位。",
    "A high-value, B potential, C ordinary.": "A 高价值，B 潜在，C 普通。",
    "Phone number.": "电话号码。",
    "Email address.": "邮箱地址。",
    "WeChat id.": "微信号。",
    "A note on the customer.": "关于这个客户的备注。",
    "A tag (industry, region...); repeatable.": "标签（行业、地区……）；可重复。",
    "Another name that finds this customer; repeatable.": "能找到这个客户的另一个名称；可重复。",
    "Change a customer's card: rename, class, contacts, tags, aliases.": "修改客户档案：改名、等级、联系方式、标签、别名。",
    "The customer (name, alias or a unique beginning).": "客户（名称、别名或唯一的开头）。",
    "A new name.": "新名称。",
    "Remove a tag; repeatable.": "删除一个标签；可重复。",
    "Remove an alias; repeatable.": "删除一个别名；可重复。",
    (
        "List customers with last contact, days since, entries and revenue (the\n"
        "first 50 by name, Chinese names by their pinyin, unless --limit says otherwise)."
    ): "列出客户及最近联系时间、距今天数、记录数和销售额（默认按名称的拼音顺序列前 50 个，可用 --limit 修改）。",
    "Only this class.": "只看这个等级。",
    "Only customers with this tag.": "只看带这个标签的客户。",
    (
        "Only customers not contacted for at least their class's number of days, oldest first (config neglect_days: A 14, B 30 days by default; C never)."
    ): "只看超过其等级天数未联系的客户，最久的在前（配置 neglect_days：默认 A 14 天、B 30 天；C 从不）。",
    "With --neglected: days without contact for A (0: never).": "与 --neglected 一起用：A 类多少天未联系（0：从不）。",
    "With --neglected: days without contact for B (0: never).": "与 --neglected 一起用：B 类多少天未联系（0：从不）。",
    "With --neglected: days without contact for C (0: never).": "与 --neglected 一起用：C 类多少天未联系（0：从不）。",
    "Instead: this week's entries and minutes per class against revenue.": "改为显示：本周各等级客户的记录数和分钟数与销售额对比。",
    "Show a customer's card and whole timeline, newest first, with open follow-ups.": "显示客户档案和全部往来记录（最新的在前），以及未完成的跟进。",
    (
        "Fold a duplicate customer into the right one: its entries, follow-ups,\n"
        "aliases and tags move, and its name becomes an alias. Its card fills the\n"
        "fields the kept one lacks; a value that differs is added to the kept one's\n"
        "note. One transaction; salelog undo reverts it."
    ): (
        "把重复的客户并入正确的客户：其记录、跟进、别名和标签都转过去，其名称成为别名。被并入档案中保留方缺少的字段会被填上；不同的值写入保留方的备注。在一个事务中完成；salelog undo 可撤销。"
    ),
    "The duplicate to fold in (it disappears).": "要并入的重复客户（并入后消失）。",
    "The customer to keep.": "要保留的客户。",
    (
        "Delete a customer; refused while entries exist, unless --with-entries.\n"
        "Asks first on a terminal; salelog undo brings it back."
    ): "删除一个客户；有记录时拒绝，除非加 --with-entries。在终端中会先确认；salelog undo 可恢复。",
    "The customer to delete.": "要删除的客户。",
    "Also delete the customer's entries.": "同时删除该客户的记录。",
    (
        "Propose A/B/C classes by the 80/20 rule on the last 12 months' revenue:\n"
        "the customers bringing the top 80% are A; others contacted in the last 90\n"
        "days B; the rest C. Writes nothing without --apply."
    ): "按最近 12 个月销售额的 80/20 法则建议 A/B/C 等级：贡献前 80% 的客户为 A；最近 90 天联系过的其他客户为 B；其余为 C。不加 --apply 不写入任何数据。",
    "Write the proposed classes (undo reverts them).": "写入建议的等级（undo 可撤销）。",
    "Close or move a follow-up.": "完成或改期一条跟进。",
    "Mark a follow-up done.": "把一条跟进标为完成。",
    "The follow-up's number (see: salelog followups).": "跟进的编号（见 salelog followups）。",
    "Move a follow-up to another day (it stays open).": "把一条跟进改到另一天（仍未完成）。",
    "The new date: fri, 下周一, 12-01, 2026-12-01.": "新日期：fri、下周一、月底、12-01、2026-12-01。",
    "Plan tasks by importance and urgency; list, finish, drop and move them.": "按重要和紧急程度规划任务；列出、完成、放弃和改期。",
    (
        "Plan a task for a day. Quadrant 1 (important and urgent) comes first,\n"
        "2 (important) is scheduled, 3 (urgent only) kept short, 4 (neither) dropped."
    ): "为某一天安排任务。第 1 象限（重要且紧急）优先做，第 2 象限（重要）安排时间做，第 3 象限（仅紧急）尽量少做，第 4 象限（都不是）放弃。",
    "What to do.": "要做什么。",
    "The day: today, tomorrow, 周三, fri, 11-27.": "哪一天：今天、明天、周三、fri、11-27。",
    "For this customer.": "相关客户。",
    "Important: it moves a target.": "重要：它影响目标的完成。",
    "Urgent: it cannot wait.": "紧急：不能等。",
    "The quadrant outright.": "直接指定象限。",
    (
        "List open tasks by quadrant, then due date; those past their day show how\nmany days they have slipped."
    ): "按象限、再按到期日列出未完成的任务；过期的显示已拖延几天。",
    "Include done and dropped tasks.": "也列出已完成和已放弃的任务。",
    "Mark a task done.": "把一个任务标为完成。",
    "The task's number (see: salelog task list).": "任务的编号（见 salelog task list）。",
    "Drop a task that is no longer worth doing, saying why.": "放弃一个不再值得做的任务，并说明原因。",
    "Why it is dropped (the review reads it).": "放弃的原因（周复盘会读到）。",
    "Move a task to another day (it stays open).": "把一个任务改到另一天（仍未完成）。",
    "The new day: tomorrow, 周四, 11-27.": "新日期：明天、周四、11-27。",
    # dayact (issue 17 items 1 and 8): day, day note, activity
    "The day's report, and a line about the day.": "日报，以及关于当天的一句话。",
    "The day: yesterday, fri, 11-20 (default: today).": "哪一天：昨天、fri、11-20（默认：今天）。",
    "Print Markdown to paste to your manager.": "输出 Markdown，可粘贴发给经理。",
    (
        "Keep one line about the day, shown in the day's report and listed in the\n"
        "week's review; writing it again replaces it (the earlier one stays in history)."
    ): "为当天记一句话，显示在日报中，并列入本周复盘；再次写入会替换（之前的保留在历史中）。",
    "One line about the day: what happened, why.": "关于当天的一句话：发生了什么，为什么。",
    "How the day went: 1 bad .. 5 great.": "当天感觉如何：1 很差 .. 5 很好。",
    "Log time not spent with customers: learning, training, admin, travel, other.": "记录花在客户以外的时间：学习、培训、行政、路上、其他。",
    (
        "Log an activity away from customers; the day's report and the week review\n"
        "show it against the time with customers, and a custom metric named after its\n"
        "kind counts its minutes (salelog goal set learning 2h --custom)."
    ): "记录一项客户以外的活动；日报和周复盘会把它与客户时间对比显示，以其类型命名的自定义指标会统计它的分钟数（salelog goal set learning 2h --custom）。",
    (
        "What it was: learning (学习), training (培训), admin (行政), travel (路上), other (其他)."
    ): "活动类型：learning（学习）、training（培训）、admin（行政）、travel（路上）、other（其他）。",
    "How long: 90, 45min, 1.5h, 1小时.": "用时：90、45min、1.5h、1小时。",
    "When (default: now): 昨天下午3点, fri 9:00.": "时间（默认：现在）：昨天下午3点、fri 9:00。",
    "What it was about.": "活动内容。",
    "List activities, newest first.": "列出活动，最新的在前。",
    "Delete an activity (asks first on a terminal; salelog undo brings it back).": "删除一项活动（在终端中会先确认；salelog undo 可恢复）。",
    "The activity's id (see: salelog activity list).": "活动的编号（见 salelog activity list）。",
    "Review a week, a month or a year: results, what explains them, notes, reflection and plan.": "复盘一周、一个月或一年：结果、原因分析、改进提示、反思和计划。",
    "A month instead: 2026-10, last (default: this).": "改为复盘某个月：2026-10、last（默认：本月）。",
    "A year instead: 2025, last (default: this).": "改为复盘某一年：2025、last（默认：今年）。",
    "Print Markdown to paste into a chat or mail.": "输出 Markdown，可粘贴到聊天或邮件中。",
    (
        "Write the week's (or --month's, --year's) reflection, the causes of a\n"
        "shortfall and the next period's plan: in $EDITOR on a template pre-filled\n"
        "with the review's notes (like git commit), or in one line with flags. Writing\n"
        "again replaces it and keeps the earlier text in history."
    ): (
        "写本周（或 --month 指定的月、--year 指定的年）的反思、未达标的原因和下个周期的计划：在 $EDITOR 中编辑预先填好复盘提示的模板（类似 git commit），或用选项写成一行。再次写入会替换，旧内容保留在历史中。"
    ),
    "What went well.": "做得好的地方。",
    "What did not go well.": "做得不好的地方。",
    "Why.": "原因。",
    "Why a target was missed: market, strategy or effort (市场/策略/努力); repeatable.": "目标未达成的原因：market、strategy 或 effort（市场/策略/努力）；可重复。",
    "One item of next week's plan; repeatable.": "下周计划中的一项；可重复。",
    "Record how an item of last week's plan went.": "记录上周计划中某一项的执行情况。",
    "The plan item's number (see: salelog review).": "计划项的编号（见 salelog review）。",
    "How it went.": "执行情况。",
    "A word on how it went.": "对执行情况的一句说明。",
    (
        "Show and change the config file: working calendar, language, neglect thresholds, reminder times, default kind, currency."
    ): "查看和修改配置文件：工作日历、语言、未联系提醒天数、提醒时间、默认类型、货币符号。",
    KEYS_HELP: (
        "\x08\n"
        "配置项（默认值）：\n"
        "  holidays            不上班的工作日：2026-10-01,2026-10-02（无）\n"
        "  workdays            要上班的周末（调休）：2026-10-10（无）\n"
        "  lang                输出语言：en 或 zh（--lang，否则按系统语言环境）\n"
        "  neglect_days.A|B|C  该等级客户多少天未联系算作被冷落；0：从不\n"
        "                      （A 14、B 30、C 0）\n"
        "  remind_targets_by   从此时起提醒未设目标（Mon 10:00）\n"
        "  remind_pace_days    remind 检查进度的日子（Wed,Thu；留空：从不）\n"
        "  remind_pace_from    ……从这个时间起（12:00）\n"
        "  remind_log_by       工作日到此时仍无记录则提醒（18:00）\n"
        "  default_kind        visit add 不带 --kind 时：visit、call、email、meeting、\n"
        "                      message 或 拜访、电话、邮件、会议、微信（visit）\n"
        "  currency            金额前的符号，最多 3 个字符：¥（无）\n"
        '  deal_stages         商机阶段，按顺序，"id 中文名 percent" 以逗号分隔；\n'
        "                      必须有 won 和 lost（lead 线索 10,qualified 需求确认 25,\n"
        "                      proposal 方案报价 50,negotiation 商务谈判 75,\n"
        "                      won 赢单 100,lost 输单 0）\n"
        "  stale_days          pipeline：进行中的商机这么多天没有联系即为停滞（14）\n"
        "  dormant_days        成交过的客户未联系超过这么多天算作流失（90）\n"
        "  contract_warn_days  合同在这么多天内到期时 remind 提醒（30）\n"
        "  payment_terms_days  成交后这么多天仍未付清则 remind 提醒（30）\n"
        "  week_start          每周的第一天：Mon，或 Sun 表示周日到周六为一周（Mon）\n"
        "  name                你的名字，保存在日志库本身（不在此文件中），这样备份\n"
        "                      会把它带到经理的团队报告中（登录名）"
    ),
    "Print where the config file is (or would be): $SALELOG_CONFIG, else the user config folder.": "显示配置文件的位置（或将来的位置）：$SALELOG_CONFIG，否则为用户配置目录。",
    (
        "Print one key's value alone, for scripts: as config set takes it (lists comma-separated;\n"
        "nothing when unset); neglect_days alone lists its classes (A=14,B=30,C=0), set one at a time."
    ): "只输出一个配置项的值，便于脚本使用：写法同 config set 接受的（列表用逗号分隔；未设置则什么也不输出）；只写 neglect_days 时列出各等级（A=14,B=30,C=0），设置时须逐个等级。",
    "One of the keys listed in salelog config --help; neglect_days.A for one class.": "salelog config --help 中列出的配置项之一；neglect_days.A 表示一个等级。",
    (
        'Print every key with its value as the file would say it ("# default" where the file says nothing).'
    ): '按文件中的写法列出每个配置项及其值（文件未设置的标 "# default"）。',
    (
        "Set a key; the file is rewritten owner-only (comments are not kept), other keys kept.\n"
        "A bad value is refused and nothing is written."
    ): "设置一个配置项；文件以仅本人可读写的方式重写（注释不保留），其他配置项保留。值不合法则拒绝，什么也不写入。",
    "One of the keys listed above; neglect_days.A sets one class.": "上面列出的配置项之一；neglect_days.A 设置一个等级。",
    "Lists comma-separated (2026-10-01,2026-10-02; Wed,Thu), times 18:00, days a whole number.": "列表用逗号分隔（2026-10-01,2026-10-02；Wed,Thu），时间如 18:00，天数为整数。",
    "A team's weeks side by side, from each member's logbook or backup.": "把团队成员的周数据并排对比，来自每人的日志库或备份。",
    (
        "Each member's target against actual per metric, ranked by revenue\n"
        "achievement (percent of target; ties by revenue), with the team's totals\n"
        "(sums of targets and of actuals), who is behind pace and overdue follow-ups\n"
        "per member. Every file is opened read-only and never changed; a file that is\n"
        "not a salelog database is refused, naming it."
    ): (
        "每位成员每个指标的目标与实际，按销售额达成率排名（目标的百分比；相同时按销售额），附团队合计（目标之和与实际之和）、谁的进度落后，以及每人逾期的跟进。每个文件都以只读方式打开，从不修改；不是 salelog 数据库的文件会被拒绝，并指出文件名。"
    ),
    "NAME=PATH or PATH (named by the file's stem): a logbook or a backup.": "NAME=PATH 或 PATH（以文件名命名）：一个日志库或备份。",
    "Write an HTML page to FILE (owner-only).": "把 HTML 页面写入 FILE（仅本人可读写）。",
    # custlife (issue 18 items 3-6): complaints, satisfaction, stages, sources, contracts
    "A complaint: logged, and a follow-up opened for the next working day.": "客户投诉：记录下来，并开一条下一个工作日到期的跟进。",
    "How satisfied the customer was: 1 very unhappy .. 5 delighted.": "客户满意度：1 很不满意 .. 5 非常满意。",
    "A complaint: logged, and a follow-up opened for the next working day. Empty to clear.": "客户投诉：记录下来，并开一条下一个工作日到期的跟进。留空则清除。",
    "How satisfied the customer was: 1 very unhappy .. 5 delighted. Empty to clear.": "客户满意度：1 很不满意 .. 5 非常满意。留空则清除。",
    "Where the customer came from: 转介绍, 展会, 陌拜, 网络, 老客户介绍, ...": "客户来源：转介绍、展会、陌拜、网络、老客户介绍……",
    "Keep a contract ending then (as salelog contract add).": "记下一份在该日期到期的合同（同 salelog contract add）。",
    "With --contract-end: what the contract covers.": "与 --contract-end 一起：合同内容。",
    "Only customers at this stage, worked out from the log: prospect 潜在, intent 意向, customer 成交, repeat 复购, dormant 流失 (config dormant_days, 90 by default).": "只列出处于该阶段的客户（由日志推算）：prospect 潜在、intent 意向、customer 成交、repeat 复购、dormant 流失（配置 dormant_days，默认 90 天）。",
    "Instead: customers with an open complaint, a latest satisfaction of 2 or less, or of class A or B and dormant or neglected, with the reason for each.": "改为列出有流失风险的客户：有未处理的投诉、最近满意度不高于 2，或 A/B 类客户已流失或被冷落，并写明原因。",
    "Keep customers' contracts and their end dates; remind warns before one ends.": "记录客户的合同及到期日；到期前 remind 会提醒。",
    "Keep a contract of a customer's; a customer may have several. remind names\nit when it ends within contract_warn_days (config, 30 by default), and the\nICS export carries its end date.": "记录客户的一份合同；一个客户可以有多份。合同在 contract_warn_days（配置，默认 30 天）内到期时 remind 会提到它，ICS 导出也带上到期日。",
    "A known customer (name, alias or a unique beginning).": "已有的客户（名称、别名或唯一的开头）。",
    "When it ends: 2027-06-30, 12-31, 月底.": "到期日：2027-06-30、12-31、月底。",
    "What it covers.": "合同内容。",
    "List contracts, soonest ending first, with the days left.": "列出合同，最先到期的在前，附剩余天数。",
    "Only this customer's.": "只列出该客户的。",
    "Delete a contract (salelog undo brings it back).": "删除一份合同（salelog undo 可恢复）。",
    "The contract's id (see: salelog contract list).": "合同编号（见 salelog contract list）。",
    # money (issue 18 items 1-2): visit cancel, export cancellations
    "Cancel a sale in full or in part, keeping its history.": "取消一笔成交的全部或部分，保留历史。",
    (
        "The entry keeps its amount, so its week's results do not change; the\n"
        "cancellation takes its amount off the revenue of the period it happens in,\n"
        "and a sale cancelled in full no longer counts as a deal there.\n"
        "salelog undo brings the sale back."
    ): "记录保留原金额，所以它所在那一周的结果不变；取消的金额从取消发生的那个周期的销售额中扣除，全部取消的成交在那个周期不再计为成交。salelog undo 可以恢复。",
    "Why it was cancelled (required).": "取消的原因（必填）。",
    "How much of the sale is cancelled (default: all that is left).": "取消多少金额（默认：剩余的全部）。",
    "When it was cancelled (default: now).": "取消的时间（默认：现在）。",
    "entries, customers, goals, followups, tasks, deals, contracts, cancellations or payments (记录/客户/目标/跟进/任务/商机/合同/取消/回款).": "entries、customers、goals、followups、tasks、deals、contracts、cancellations 或 payments（记录/客户/目标/跟进/任务/商机/合同/取消/回款）。",
    # money (issue 18 item 1): payment, receivables
    (
        "Customers with money outstanding, the oldest unpaid sale first, with its\n"
        "age in days; a payment for a sale or a deal (payment add --for, --deal)\n"
        "pays that first, the others the oldest sales first."
    ): "有未收款的客户，最早未付的成交在前，附账龄天数；指明成交或商机的回款（payment add --for、--deal）先抵该笔，其余回款先抵最早的成交。",
    "Record money collected from customers (回款); list and delete payments.": "记录从客户收到的钱（回款）；列出和删除回款。",
    (
        "Record a payment from a customer; the metric collected (回款) sums them, and\n"
        "the customer's outstanding balance (sales − cancellations − payments) drops."
    ): "记录一笔客户回款；指标 collected（回款）对其求和，客户的未收余额（成交 − 取消 − 回款）随之减少。",
    "Who paid: a known customer.": "谁付的款：一个已有客户。",
    "How much: 3万, 1.2w, 12,000, 3500.50.": "多少钱：3万、1.2w、12,000、3500.50。",
    "When it was paid (default: now).": "付款时间（默认：现在）。",
    "The sale it pays (an entry id).": "对应的成交（记录编号）。",
    "The deal it pays.": "对应的商机。",
    "A note: invoice, transfer...": "备注：发票、转账……",
    "List payments, newest first.": "列出回款，最新的在前。",
    "Delete a payment (asks first on a terminal; salelog undo brings it back).": "删除一笔回款（在终端上会先确认；salelog undo 可恢复）。",
    "The payment's id (see: salelog payment list).": "回款编号（见 salelog payment list）。",
    # gaps: import payments and cancellations
    (
        "Payments and cancellations (what export payments and export cancellations\n"
        "write): customer, amount, at, and the sale they belong to by its time and\n"
        "amount (sale_at, sale), a payment's deal by its title (deal_title), note,\n"
        "a cancellation's reason; the ids of the logbook that exported them are not\n"
        "read. Import the entries (and deals) first: a row whose customer, sale or\n"
        "deal is not in the logbook is refused, as is a cancellation visit cancel\n"
        "would refuse. A row already there is skipped, as for entries."
    ): (
        "回款和取消记录（export payments 和 export cancellations 写出的文件）：customer、amount、at，以及按时间和金额（sale_at、sale）所属的成交，回款按标题（deal_title）所属的商机，note，取消的 reason；导出方日志本里的编号不读。请先导入记录（和商机）：客户、成交或商机不在日志本里的行会被拒绝，visit cancel 会拒绝的取消也一样。已有的行跳过，与记录相同。"
    ),
    # gaps: deal won books a sale (no contact)
    (
        "The entry is of kind sale (成交): revenue and deals count it, and no contact\n"
        "metric (visits, calls, ...) does, as no contact happened. When the win was\n"
        "signed at a visit or a meeting, say so with --kind."
    ): "这条记录的类型为 sale（成交）：销售额和成交数计入它，联系类指标（拜访、电话……）不计，因为并没有发生联系。若是在拜访或会议上签下的，用 --kind 说明。",
    # gaps: visit rm refuses a won deal's revenue entry
    (
        "A won deal's revenue entry is not deleted: the deal would stay won. Cancel\n"
        "the sale (visit cancel) if it fell through, or remove the deal first."
    ): "赢单商机的销售额记录不能删除：否则商机会仍是赢单。成交作废请用 visit cancel 取消，否则先删除商机。",
    # receivables --limit (session 6)
    (
        "\x08\n"
        "Examples:\n"
        "  salelog receivables\n"
        "  salelog receivables --limit 0     every customer who owes, not the first 50\n"
        "  salelog receivables --json"
    ): (
        "\x08\n"
        "示例：\n"
        "  salelog receivables\n"
        "  salelog receivables --limit 0     列出所有欠款客户，而不只是前 50 个\n"
        "  salelog receivables --json"
    ),
}
