"""--help in the output language: the click command tree that Typer builds gets
its help texts from salelog/help_zh.py (keyed by the English paragraph) when
the output is Chinese, and a formatter that wraps by display width (a CJK
character takes two columns; click counts one). Option names, metric ids and
example command lines stay as they are. Imported only on the Typer path; the
formatter and context classes are derived from the command's own, whichever
click Typer uses (it bundles its own copy).
"""

import re
from functools import cache

EXAMPLES = "Examples:"
_BREAK_AFTER_NOT_BEFORE = "，。、；：！？）」』》,.;:!?)"  # never at the start of a line
_BREAK_BEFORE_NOT_AFTER = "（「『《(“‘"  # never at the end of a line


def chinese_help(command):
    """Give `command` and everything beneath it Chinese help (what help_zh has;
    an untranslated paragraph stays English, and tests/test_zhhelp.py names it)."""
    for each in _commands(command):
        if each.help:
            each.help = translated(each.help)
            each.short_help = _first_sentence(each.help)
        elif each.short_help:
            each.short_help = translated(each.short_help)
        for param in each.params:
            if getattr(param, "help", None):
                param.help = translated(param.help)
        each.context_class = _wide(each.context_class)
    return command


def english_help(command):
    """`command` and everything beneath it with help wrapped by display width:
    click measures by len(), and a line with Chinese in it overruns the terminal."""
    for each in _commands(command):
        each.context_class = _wide(each.context_class, chinese=False)
    return command


def translated(text: str) -> str:
    """`text` with each paragraph in Chinese where help_zh has it."""
    from .help_zh import HELP_ZH

    out = []
    for paragraph in _paragraphs(text):
        chinese = HELP_ZH.get(paragraph)
        if chinese is None and not needs_words(paragraph):
            chinese = "\n".join("示例：" if line.strip() == EXAMPLES else line for line in paragraph.split("\n"))
        out.append(chinese if chinese is not None else paragraph)
    return "\n\n".join(out)


def untranslated(command) -> list[tuple[str, str]]:
    """(where, English paragraph) of every help text beneath `command` that
    help_zh lacks: what a new command's author or the lead must add."""
    from .help_zh import HELP_ZH

    missing = []
    for path, each in _commands_with_paths(command, ("salelog",)):
        texts = [("", each.help or each.short_help or "")]
        texts += [(f" {param.opts[0] if param.opts else param.name}", param.help or "") for param in each.params]
        for where, text in [(f"{path}{suffix}", text) for suffix, text in texts if text]:
            missing += [(where, p) for p in _paragraphs(text) if p not in HELP_ZH and needs_words(p)]
    return missing


def needs_words(paragraph: str) -> bool:
    """Whether a paragraph has English prose: not only example command lines
    (salelog ..., with no comment after them) under an Examples: heading."""
    for line in paragraph.split("\n"):
        text = line.strip()
        if text in ("\b", EXAMPLES, ""):
            continue
        if text.startswith(("salelog ", "--")) or text == "salelog":
            text = re.split(r"\s{2,}", text, maxsplit=1)[1] if re.search(r"\S\s{2,}\S", text) else ""
        if re.search("[A-Za-z]{2,}", text):
            return True
    return False


def _paragraphs(text: str) -> list[str]:
    import inspect

    return inspect.cleandoc(text).split("\n\n")


def _first_sentence(text: str, most: int = 52) -> str:
    """A command's line in its group's list, as click shortens English: the
    first sentence, without its asides, to `most` columns (then at a pause)."""
    from .sheet import cells

    first = re.sub(r"（[^）]*）", "", _paragraphs(text)[0].replace("\n", ""))
    first = re.split("[。；]", first, maxsplit=1)[0]
    while cells(first, guess=True) > most and re.search("[：，]", first):
        first = re.split("[：，](?=[^：，]*$)", first)[0]
    return first


def _commands(command):
    yield command
    for sub in getattr(command, "commands", {}).values():
        yield from _commands(sub)


def _commands_with_paths(command, path: tuple[str, ...]):
    yield " ".join(path), command
    for name, sub in getattr(command, "commands", {}).items():
        yield from _commands_with_paths(sub, (*path, name))


# --- wrapping by display width -------------------------------------------------------


def wrap(text: str, width: int, initial_indent: str = "", subsequent_indent: str = "") -> str:
    """click.formatting.wrap_text with preserve_paragraphs, measuring what a
    terminal shows: a paragraph opened by a \\b line is kept as written, others
    are refilled, breaking between CJK characters or at spaces."""
    from .sheet import cells

    out = []
    for block in re.split(r"\n\s*\n", text.expandtabs()):
        lines = block.split("\n")
        indent = " " * (len(lines[0]) - len(lines[0].lstrip()))
        if lines[0].strip() == "\b":
            room = width - cells(initial_indent + indent, guess=True)
            out.append("\n".join(initial_indent + indent + line for line in _comments_aligned(lines[1:], room)))
            continue
        first, rest = initial_indent + indent, subsequent_indent + indent
        width_of = [width - cells(first, guess=True), width - cells(rest, guess=True)]
        filled = _fill(_words(" ".join(line.strip() for line in lines)), width_of)
        filled = [(rest if n else first) + line for n, line in enumerate(filled)]
        out.append("\n".join(filled))
    return "\n\n".join(out)


# An example's command, the spaces after it, and what it says about it.
_EXAMPLE_WITH_COMMENT = re.compile(r"^(\s*salelog\b.*?\S)( {2,})(\S.*)$")


def _comments_aligned(lines: list[str], room: int) -> list[str]:
    """The examples' comments (after two spaces or more) in one column as a terminal
    shows it (a CJK character takes two, so spaces counted in characters drift): the
    block's, or where that would overrun `room`, each run of commented lines' own."""
    from .sheet import cells

    found = [_EXAMPLE_WITH_COMMENT.match(line) for line in lines]

    def aligned(group: list[int]) -> dict[int, str]:
        column = max(cells(found[i][1], guess=True) + len(found[i][2]) for i in group)
        return {i: found[i][1] + " " * (column - cells(found[i][1], guess=True)) + found[i][3] for i in group}

    commented = [i for i, m in enumerate(found) if m]
    if not commented:
        return lines
    new = aligned(commented)
    if any(cells(line, guess=True) > room for line in new.values()):
        runs: list[list[int]] = []
        for i in commented:
            if runs and runs[-1][-1] == i - 1:
                runs[-1].append(i)
            else:
                runs.append([i])
        new = {i: line for run in runs for i, line in aligned(run).items()}
    return [new.get(i, line) for i, line in enumerate(lines)]


def _fill(words: list[str], widths: list[int]) -> list[str]:
    """Greedy lines of `words` (the first line widths[0] wide, the others
    widths[1]); a closing mark never starts a line and an opening one never ends
    one: the words they cling to move down with them."""
    from .sheet import cells

    def size_of(line: list[str]) -> int:
        return sum(cells(w.strip(), guess=True) + (i > 0 and w.startswith(" ")) for i, w in enumerate(line))

    lines: list[list[str]] = [[]]
    for word in words:
        line = lines[-1]
        if line and size_of([*line, word]) > widths[min(len(lines) - 1, 1)]:
            carried = [word]
            while len(line) > 1 and (
                carried[0].strip()[0] in _BREAK_AFTER_NOT_BEFORE or line[-1].strip()[-1] in _BREAK_BEFORE_NOT_AFTER
            ):
                carried.insert(0, line.pop())
            carried[0] = carried[0].strip()
            lines.append(carried)
            continue
        line.append(word if line else word.strip())
    return ["".join(line).strip() for line in lines]


def _words(text: str) -> list[str]:
    """Pieces a line may break between: each CJK character, each space-separated
    ASCII word (kept with its leading space, so the space survives a join)."""
    wide = r"\u2e80-\u9fff\uf900-\ufaff\uff00-\uffef"  # CJK, their punctuation, full-width forms
    return re.findall(rf" ?[{wide}]| ?[^\s{wide}]+", text)


def _write_text(self, text: str) -> None:
    indent = " " * self.current_indent
    self.write(wrap(text, self.width, initial_indent=indent, subsequent_indent=indent))
    self.write("\n")


def _write_dl(self, rows, col_max: int = 30, col_spacing: int = 2) -> None:
    from .sheet import cells

    rows = list(rows)
    first_col = min(max((cells(first, guess=True) for first, _ in rows), default=0), col_max) + col_spacing
    for first, second in rows:
        self.write(f"{'':>{self.current_indent}}{first}")
        if not second:
            self.write("\n")
            continue
        if cells(first, guess=True) <= first_col - col_spacing:
            self.write(" " * (first_col - cells(first, guess=True)))
        else:
            self.write("\n" + " " * (first_col + self.current_indent))
        lines = wrap(second, max(self.width - first_col - 2, 10)).splitlines() or [""]
        self.write(lines[0] + "\n")
        for line in lines[1:]:
            self.write(f"{'':>{first_col + self.current_indent}}{line}\n")


# Headings, the --help option's line and an argument's [required]: click and Typer write them.
HEADINGS = {"Options": "选项", "Arguments": "参数", "Commands": "命令"}
HELP_OPTION = {"Show this message and exit.": "显示此帮助并退出。"}


@cache
def _wide(context_class: type, chinese: bool = True) -> type:
    """`context_class` whose formatter wraps with wrap() (by display width: CJK in
    English help too) and, in Chinese, writes Chinese headings."""

    class WideHelpFormatter(context_class.formatter_class):
        write_text = _write_text

        def write_dl(self, rows, col_max: int = 30, col_spacing: int = 2) -> None:
            if chinese:
                rows = [
                    (first, HELP_OPTION.get(second, second).replace("[required]", "[必填]")) for first, second in rows
                ]
            _write_dl(self, rows, col_max, col_spacing)

        def write_usage(self, prog: str, args: str = "", prefix: str | None = None) -> None:
            super().write_usage(prog, args, "用法：" if prefix is None and chinese else prefix)

        def write_heading(self, heading: str) -> None:
            if not chinese:
                return super().write_heading(heading)
            self.write(f"{'':>{self.current_indent}}{HEADINGS.get(heading, heading)}：\n")  # a Chinese colon

    class WideContext(context_class):
        formatter_class = WideHelpFormatter

    return WideContext


# Click's usage errors in Chinese: its messages are English f-strings (Typer's bundled
# click has no gettext), so the finished message is matched, first pattern first.
# What matches none stays English. The `Error:` prefix stays: scripts read it.
USAGE_ERRORS = (
    (r"Missing argument '(.+)'\.", "缺少参数 '{0}'。"),
    (r"Missing option '(.+)'\.", "缺少选项 '{0}'。"),
    (r"Missing parameter: (.+)", "缺少参数：{0}"),
    (r"No such option: (.+?) Did you mean (.+)\?", "没有选项 {0}，是不是 {1}？"),
    (r"No such option: (.+?) \(Possible options: (.+)\)", "没有选项 {0}（可用的选项：{1}）"),
    (r"No such option:? '?(.+?)'?\.?", "没有选项 {0}"),
    (r"No such command '(.+)'\. Did you mean '(.+)'\?", "没有命令 '{0}'，是不是 '{1}'？"),
    (r"No such command '(.+)'\.", "没有命令 '{0}'。"),
    (r"Option '(.+)' requires an argument\.", "选项 '{0}' 需要一个值。"),
    (r"Option '(.+)' requires (\d+) arguments\.", "选项 '{0}' 需要 {1} 个值。"),
    (r"Option '(.+)' does not take a value\.", "选项 '{0}' 不带值。"),
    (r"Got unexpected extra arguments? \((.+)\)", "多余的参数：{0}"),
    (r"Got unexpected extra argument\(s\) \((.+)\)", "多余的参数：{0}"),
    (r"Invalid value for (.+?): (.+)", "{0} 的值无效：{1}"),
    (r"'(.+)' is not a valid (?:int|integer)\.", "'{0}' 不是整数。"),
    (r"'(.+)' is not a valid float\.", "'{0}' 不是数字。"),
    (r"(.+) is not in the range (.+)\.", "{0} 不在范围 {1} 内。"),
    (r"'(.+)' is not one of (.+)\.", "'{0}' 不是 {1} 之一。"),
)


def usage_error_in_chinese(message: str) -> str:
    """A click usage error's message in Chinese (its quoted parts as they were)."""
    for pattern, chinese in USAGE_ERRORS:
        m = re.fullmatch(pattern, message, re.S)
        if m:
            return chinese.format(*(usage_error_in_chinese(part) for part in m.groups()))
    return message


def show_usage_error_in_chinese(error) -> None:
    """Make click's `error` print its usage line, hint and message in Chinese when shown."""
    english = error.format_message

    def show(file=None) -> None:
        import sys

        file = file or sys.stderr
        ctx = error.ctx
        if ctx is not None:
            hint = ""
            if ctx.command.get_help_option(ctx) is not None:
                hint = f"运行 '{ctx.command_path} {ctx.help_option_names[0]}' 查看帮助。\n"
            print(f"{ctx.get_usage()}\n{hint}", file=file)
        print(f"Error: {usage_error_in_chinese(english())}", file=file)

    error.show = show
