"""Tables and lines for the reports run most (`week`): built here without Rich,
printed without Rich when they can be.

Rich's import alone costs ~35 ms, three times Python's own start-up, and `week`
is typed dozens of times a day. So the week's report is built from the small
pieces below, and plain() prints them exactly as Rich would (the tests compare
the two byte for byte, piped and on a terminal; lines wrap as Rich wraps
them). Where that cannot be guaranteed (a table wider than the terminal, which
Rich would narrow; a character
whose width Rich might count differently; Windows; colour settings beyond the
usual) plain() returns None and the caller prints the same pieces through Rich
(render.print_blocks).

Only what the week's report needs: a title, headed columns justified left or
right, cells with a style, a progress bar, and lines of styled text.
"""

import os
import sys

# Progress bar colours, standard ones so that they print the same on every terminal.
BAR_COMPLETE, BAR_FINISHED, BAR_BACK = "magenta", "green", "bright_black"
_CODES = {"bold": "1", "dim": "2", "italic": "3", "red": "31", "green": "32", "yellow": "33", "magenta": "35"}
_CODES["bright_black"] = "90"


class Bar:
    """A progress bar `width` cells wide."""

    __slots__ = ("completed", "total", "width")

    def __init__(self, completed: float, total: float, width: int = 10):
        self.completed, self.total, self.width = completed, total, width


class Column:
    """no_wrap: never split a cell over lines (numbers, dates: right-justified
    columns by default) when Rich has to narrow a table for a small terminal."""

    __slots__ = ("heading", "justify", "width", "no_wrap")

    def __init__(self, heading: str, justify: str = "left", width: int | None = None, no_wrap: bool | None = None):
        self.heading, self.justify, self.width = heading, justify, width
        self.no_wrap = justify == "right" if no_wrap is None else no_wrap


class Table:
    """Columns with a bold header row, no borders, two spaces between columns.

    `repeat`: a table too wide for the terminal is shown as several, each with
    the first `repeat` columns (the row's key, e.g. the week) and as many of the
    others as fit, so that no heading, date or number is split over lines."""

    def __init__(self, *columns: Column, title: str | None = None, repeat: int | None = None):
        self.columns, self.title, self.rows, self.row_styles = list(columns), title, [], []
        self.repeat = repeat

    def add_row(self, *cells, style: str = "") -> None:
        """Cells: str, (str, style) or Bar; `style` for the whole row (a total in bold)."""
        self.rows.append(cells)
        self.row_styles.append(style)


class Line:
    """A line of text in parts: str or (str, style)."""

    def __init__(self, *parts):
        self.parts = parts


# --- printing without Rich -------------------------------------------------------


def show(blocks: list) -> None:
    """Print `blocks` (Tables and Lines) the quick way, else through Rich."""
    width, colour = terminal()
    if any(isinstance(b, Table) and b.repeat for b in blocks):
        blocks = [part for block in blocks for part in fitted(block, width or _rich_width())]
    blocks = [part for block in blocks for part in title_apart(block)]
    text = plain(blocks, width, colour)
    if text is None:
        from .render import print_blocks

        print_blocks(blocks)
    else:
        sys.stdout.write(text)


def _rich_width() -> int:
    from .render import console

    return console().width


def fitted(block, width: int) -> list:
    """A table with `repeat` columns split into tables that each fit `width`
    (the columns in order, each table with the repeated ones first); any other
    block as it is."""
    if not isinstance(block, Table) or not block.repeat or len(block.columns) <= block.repeat:
        return [block]
    # Guessed where a cell's width is not sure (an emoji, a control shown escaped): which
    # columns go together needs no exactness, and Rich prints the parts that plain() cannot.
    sizes = [_natural_width(block, i, guess=True) for i in range(len(block.columns))]
    if sum(sizes) + 2 * (len(sizes) - 1) <= width:
        return [block]
    key, groups, used = list(range(block.repeat)), [[]], sum(sizes[: block.repeat]) + 2 * (block.repeat - 1)
    for i in range(block.repeat, len(sizes)):
        if groups[-1] and used + sum(sizes[j] + 2 for j in groups[-1]) + 2 + sizes[i] > width:
            groups.append([])
        groups[-1].append(i)
    parts = []
    for n, group in enumerate(groups):
        chosen = key + group
        part = Table(*(block.columns[i] for i in chosen), title=None if n else block.title)
        for row, style in zip(block.rows, block.row_styles, strict=True):
            part.add_row(*(row[i] for i in chosen), style=style)
        parts += [Line(""), part] if n else [part]
    return parts


def title_apart(block) -> list:
    """A table whose title is wider than the table as a line of its own above it:
    Rich would wrap the title to the table's width, mid-sentence; any other block as it is."""
    if not isinstance(block, Table) or not block.title:
        return [block]
    gaps = 2 * (len(block.columns) - 1)
    title = max((cells(row) for row in block.title.split("\n")), key=lambda n: -1 if n is None else n)
    if title is None or title <= sum(cells(c.heading) or 0 for c in block.columns) + gaps:
        return [block]  # as narrow as the headings: no need to measure every cell
    sizes = [_natural_width(block, i) for i in range(len(block.columns))]
    if None in sizes or title <= sum(sizes) + gaps:
        return [block]
    table = Table(*block.columns, repeat=block.repeat)
    table.rows, table.row_styles = block.rows, block.row_styles
    return [Line((block.title, "italic")), table]


def _natural_width(table: Table, i: int, *, guess: bool = False) -> int | None:
    """The cells column `i` takes unnarrowed: its widest cell or heading (or its set
    width); None if a cell's width is not ours to be sure of (unless `guess`: cells())."""
    column = table.columns[i]
    measured = [cells(column.heading, guess=guess)] + [_cell(row[i], guess)[2] for row in table.rows]
    if None in measured:
        return None
    return column.width if column.width is not None else max(measured)


def terminal() -> tuple[int, bool] | tuple[None, None]:
    """(width, colour) as Rich decides them for our console (render.console), or
    (None, None) when the environment asks for more than plain() knows."""
    env = os.environ
    if env.get("SALELOG_RENDER") == "rich":  # always through Rich: for comparison, or a terminal that needs it
        return None, None
    if os.name == "nt" or any(env.get(k) is not None for k in ("FORCE_COLOR", "TTY_COMPATIBLE", "JUPYTER_COLUMNS")):
        return None, None
    columns = env.get("COLUMNS")
    width = int(columns) if columns is not None and columns.isdigit() else None
    try:
        isatty = sys.stdout.isatty()
    except ValueError:
        isatty = False
    if not isatty:
        return (120 if width is None else width), False
    if env.get("TERM", "").lower() in ("dumb", "unknown") or env.get("NO_COLOR") is not None:
        return None, None
    if width is None:
        for fd in (0, 1, 2):
            try:
                width = os.get_terminal_size(fd).columns
                break
            except (AttributeError, ValueError, OSError):
                pass
    return width or 80, True


class Unpadded:
    """A pipe for Rich's output without the spaces it pads lines with: they only
    get in the way of diff, grep and pasting into mail. (Terminals keep them.)"""

    def __init__(self, stream):
        self.stream, self.pending = stream, ""

    @property
    def encoding(self) -> str:
        return getattr(self.stream, "encoding", None) or "utf-8"

    def isatty(self) -> bool:
        return False

    def write(self, text: str) -> int:
        lines = (self.pending + text).split("\n")
        self.pending = lines.pop()
        if lines:
            self.stream.write("".join(line.rstrip(" ") + "\n" for line in lines))
        return len(text)

    def flush(self) -> None:
        if self.pending:
            self.stream.write(self.pending)
            self.pending = ""
        self.stream.flush()


def plain(blocks: list, width: int | None, colour: bool | None) -> str | None:
    """The blocks as Rich prints them at `width` (piped: without trailing
    spaces, as Unpadded passes Rich's on), or None if not sure to match."""
    if width is None or not _encodes_utf8():
        return None
    out = []
    for block in blocks:
        lines = _table(block, width, colour) if isinstance(block, Table) else _line(block, width, colour)
        if lines is None:
            return None
        out += lines
    return "".join((line if colour else line.rstrip(" ")) + "\n" for line in out)


def _encodes_utf8() -> bool:
    return (getattr(sys.stdout, "encoding", None) or "").lower().replace("-", "").startswith("utf")


def _line(line: Line, width: int, colour: bool) -> list[str] | None:
    """A line of styled parts, wrapped at `width` as Rich's Text.wrap does it."""
    parts = [(p, "") if isinstance(p, str) else p for p in line.parts]
    text = "".join(t for t, _ in parts)
    if "\t" in text or cells(text.replace("\n", "")) is None:
        return None
    out, offset = [], 0
    for row in text.split("\n"):
        bounds = [0, *_breaks(row, width), len(row)]
        for start, end in zip(bounds, bounds[1:], strict=False):
            end = start + len(_rstrip_end(row[start:end], width))
            excess = cells(row[start:end]) - width
            if excess > 0:  # Rich crops it (Text.truncate): here only where spaces are cut
                if len(row[start:end]) - len(row[start:end].rstrip()) < excess:
                    return None
                end -= excess
            out.append(_slice(parts, offset + start, offset + end, colour))
        offset += len(row) + 1
    return out


def _breaks(text: str, width: int) -> list[int]:
    """Where Rich breaks `text` to fit `width` cells (rich._wrap.divide_line, folding
    words too long for a line): a word is a run of non-spaces with the spaces
    around it, and the spaces after a word stay at the end of its line."""
    breaks, used = [], 0
    for start, word in _words(text):
        size = cells(word.rstrip())
        if width - used >= size:
            used += cells(word)
        elif size > width:  # folded over lines of at most `width` cells
            pieces = _chop(word, width)
            for piece in pieces[:-1]:
                if start:
                    breaks.append(start)
                start += len(piece)
            if start:
                breaks.append(start)
            used = cells(pieces[-1])
        elif used and start:
            breaks.append(start)
            used = cells(word)
    return breaks


def _words(text: str) -> list[tuple[int, str]]:
    """(offset, word) for each match of Rich's `\\s*\\S+\\s*` in `text`, from its start."""
    words, index, size = [], 0, len(text)
    while index < size:
        end = index
        while end < size and text[end].isspace():
            end += 1
        if end == size:
            break  # only spaces left: no word
        while end < size and not text[end].isspace():
            end += 1
        while end < size and text[end].isspace():
            end += 1
        words.append((index, text[index:end]))
        index = end
    return words


def _chop(word: str, width: int) -> list[str]:
    """rich.cells.chop_cells: `word` cut into pieces of at most `width` cells."""
    pieces, start, used = [], 0, 0
    for index, ch in enumerate(word):
        size = cells(ch)
        if used + size > width:
            pieces.append(word[start:index])
            start, used = index, 0
        used += size
    if used:
        pieces.append(word[start:])
    return pieces


def _rstrip_end(piece: str, width: int) -> str:
    """rich.text.Text.rstrip_end: trailing spaces dropped as far as the piece has
    more characters (not cells) than `width`."""
    excess = len(piece) - width
    if excess <= 0:
        return piece
    spaces = len(piece) - len(piece.rstrip())
    return piece[: len(piece) - min(spaces, excess)]


def _slice(parts: list[tuple[str, str]], start: int, end: int, colour: bool) -> str:
    """The characters start:end of the parts' text, each part's piece in its style."""
    out, position = [], 0
    for text, style in parts:
        low, high = max(start, position), min(end, position + len(text))
        if low < high:
            out.append(_styled(text[low - position : high - position], style, colour))
        position += len(text)
    return "".join(out)


def _table(table: Table, width: int, colour: bool) -> list[str] | None:
    cols = table.columns
    rows = [[_cell(c) for c in row] for row in table.rows]  # (text, style, cells)
    widths = [_natural_width(table, i) for i in range(len(cols))]
    if None in widths or any(c.width is not None and cells(c.heading) > c.width for c in cols):
        return None
    total = sum(widths) + 2 * (len(cols) - 1)
    if total > width or not any(widths):
        return None
    out = []
    if table.title is not None:
        for row in table.title.split("\n"):
            size = cells(row)
            if size is None or size > total:
                return None
            out.append(_styled(row + " " * (total - size), "italic", colour))
    header = [(c.heading, "bold", cells(c.heading)) for c in cols]
    out.append(_row(header, cols, widths, colour, pad_style="bold"))
    for row, style in zip(rows, table.row_styles, strict=True):
        if style:  # Rich puts the row's style under each cell's own, padding included
            row = [(t, own if t is None else " ".join(filter(None, (style, own))), n) for t, own, n in row]
        out.append(_row(row, cols, widths, colour, pad_style=style))
    return out


def _cell(cell, guess: bool = False) -> tuple:
    """A cell as (text, style, its width in cells: cells()); a Bar as (None, bar, 0)."""
    if isinstance(cell, Bar):
        return (None, cell, 0)
    text, style = (cell, "") if isinstance(cell, str) else cell
    return (text, style, cells(text, guess=guess))


def _row(row, cols, widths, colour, pad_style="") -> str:
    """One table line, segment by segment as Rich writes them."""
    last = len(cols) - 1
    out = []
    for i, ((text, style, measured), column, size) in enumerate(zip(row, cols, widths, strict=True)):
        if i:
            out.append(_styled(" ", pad_style, colour))
        if text is None:
            out.append(_bar(style, size, colour))
        else:
            gap = " " * (size - measured)
            out.append(_styled(gap + text if column.justify == "right" else text + gap, style, colour))
        if i < last:
            out.append(_styled(" ", pad_style, colour))
    return "".join(out)


def _bar(bar: Bar, size: int, colour: bool) -> str:
    """rich.progress_bar.ProgressBar's drawing, padded to the column."""
    width = min(bar.width, size)
    done = min(bar.total, max(0, bar.completed))
    halves = int(width * 2 * done / bar.total) if bar.total else width * 2
    full, half = divmod(halves, 2)
    style = BAR_FINISHED if bar.completed >= bar.total else BAR_COMPLETE
    out = _styled("━" * full, style, colour) + _styled("╸" * half, style, colour)
    drawn = full + half
    if colour and drawn < width:
        if not half and full:
            out += _styled("╺", BAR_BACK, colour)
            drawn += 1
        if drawn < width:
            out += _styled("━" * (width - drawn), BAR_BACK, colour)
            drawn = width
    return out + " " * (size - drawn)


def _styled(text: str, style: str, colour: bool) -> str:
    if not (colour and style and text):
        return text
    return f"\x1b[{';'.join(_CODES[s] for s in style.split())}m{text}\x1b[0m"


def cells(text: str, *, guess: bool = False) -> int | None:
    """The terminal cells `text` takes: salelog's one display-width function.

    Strict by default: None if any character is one whose width Rich might
    count differently (combining marks, emoji, controls...), so that plain()
    prints only what it is sure of. With `guess`, those count by Unicode's East
    Asian width instead (wide and full-width 2, combining 0, else 1): for
    padding where no exactness is promised (Markdown tables, aligned labels)."""
    if text.isascii():
        return len(text) if guess or text.isprintable() else None
    total = 0
    for ch in text:
        width = _KNOWN.get(ch)
        if width is None:
            width = _KNOWN[ch] = _char_cells(ch)
        if width < 0:
            if not guess:
                return None
            width = _guessed_cells(ch)
        total += width
    return total


def _char_cells(ch: str) -> int:
    """1 or 2 cells for characters whose width Rich counts as we do; -1 for the others."""
    code = ord(ch)
    if 0x20 <= code < 0x7F or ch in _NARROW_SYMBOLS:
        return 1
    if any(low <= code <= high for low, high in _WIDE):
        return 2
    return -1


def _guessed_cells(ch: str) -> int:
    import unicodedata

    if unicodedata.combining(ch) or unicodedata.category(ch) in ("Mn", "Me", "Cf"):
        return 0
    return 2 if unicodedata.east_asian_width(ch) in "WF" else 1


_KNOWN: dict[str, int] = {}  # character -> _char_cells: a table row is mostly the same few hundred characters
_NARROW_SYMBOLS = set("·•→—–…━╸╺¥▁▂▃▄▅▆▇█")  # Rich counts these ambiguous-width ones as 1
# CJK ideographs (extension A, unified), CJK punctuation, full-width forms
_WIDE = ((0x3400, 0x4DBF), (0x4E00, 0x9FFF), (0x3001, 0x303F), (0xFF01, 0xFF60))
