"""Rebuild tables from the lines of a text file.

Two sources of tables reach us as text:

1. **The Word text export** (the seed reports): every table cell is a line starting with a TAB,
   the cells of a row are consecutive, and a row ends with a blank line. The export cannot carry
   spans, so a horizontally merged cell appears once and a vertically merged cell's continuations
   appear as empty cells ("\\t" alone). ``tab_lines_to_table`` rebuilds the rows as well as that
   text allows; the rules and their limits are in the docstrings below.
2. **Tables drawn in plain text** (pasted from web pages, exported by other tools): pipes
   (``| 项目 | 金额 |``, Markdown-style, with an optional ``|---|---|`` header line), box-drawing
   grids (``│ ┃ ├ ┼ ─``), and columns aligned with spaces. ``drawn_table_end`` /
   ``aligned_table_end`` find them; ``drawn_lines_to_table`` / ``aligned_lines_to_table`` build them.

Nothing here guesses spans: every cell has row_span = col_span = 1, and ``n_cols`` is the widest
row. Each builder returns the Table and Chinese notes for the auditor about what was inferred.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass

from extract.model import Cell, Location, Table
from extract.textfix import remove_bookmarks, remove_zero_width, strip_padding


@dataclass(frozen=True, slots=True)
class SourceLine:
    """One line of the file: its 1-based number, the raw text, and the cleaned text.

    ``is_cell`` is decided on the *raw* line (it starts with a TAB), before bookmark markers are
    removed: in "[bookmark: _GoBack]\\t 我中心是…" the TAB is the paragraph's own indentation, not
    a table cell. ``text`` is the cleaned line without that leading TAB.
    """

    number: int
    raw: str
    text: str
    is_cell: bool

    @property
    def is_blank(self) -> bool:
        return not self.is_cell and not self.text


@dataclass(frozen=True, slots=True)
class TableSettings:
    """Knobs of the table rules, with the reason for each default."""

    # Word export: a non-cell line after this many blank lines ends a table. One blank line
    # separates a cell's paragraphs; the seeds always leave two or more before the next heading.
    blank_lines_ending_table: int = 2
    # A one-cell first row matching this is also the table's caption ("表1-1  湖南省下达…情况表").
    caption_pattern: re.Pattern[str] = re.compile(r"^表\s*\d")
    # A cell with more paragraphs than this gets a note: running text after a table that the
    # export's rules put inside the table's last cell (seed 002's 2017 report).
    long_cell_paragraphs: int = 15
    # Aligned columns: whitespace characters that separate two columns (a tab always does).
    min_gap: int = 2
    # Aligned columns: rows needed before lines count as a table.
    min_aligned_rows: int = 2

    def __post_init__(self) -> None:
        if self.blank_lines_ending_table < 1:
            raise ValueError("blank_lines_ending_table must be at least 1")
        if self.min_gap < 2:
            raise ValueError("min_gap below 2 would split ordinary words into columns")
        if self.min_aligned_rows < 2:
            raise ValueError("min_aligned_rows below 2 would turn every spaced line into a table")


@dataclass(frozen=True, slots=True)
class GridCell:
    """A cell before it becomes a model Cell: the line it starts on, its column, its text."""

    line: int
    col: int
    text: str


Rows = list[list[GridCell]]


def rows_to_table(
    rows: Rows, index: int, source: str, first_line: SourceLine, caption: str | None = None
) -> Table:
    """Freeze rebuilt rows into a Table; row r, column c as given, spans 1."""
    cells = tuple(
        Cell(
            row=r,
            col=cell.col,
            text=cell.text,
            location=Location(file=source, line=cell.line, table=index, row=r, col=cell.col, quote=cell.text),
        )
        for r, row in enumerate(rows, 1)
        for cell in row
    )
    n_cols = max((cell.col for cell in cells), default=0)
    location = Location(file=source, line=first_line.number, table=index, quote=first_line.text)
    return Table(
        index=index, n_rows=len(rows), n_cols=n_cols, cells=cells, location=location, caption=caption
    )


# --- 1. Word text export: one TAB line per cell --------------------------------------------------


@dataclass(frozen=True, slots=True)
class RawCell:
    """A cell of the export: the line it starts on and its paragraphs (empty ones dropped)."""

    line: int
    paragraphs: tuple[str, ...]

    @property
    def text(self) -> str:
        return "\n".join(self.paragraphs)


def tab_table_end(lines: list[SourceLine], start: int, settings: TableSettings) -> int:
    """Index after the last line of the table whose first cell is ``lines[start]``.

    The table goes on through cell lines, blank lines and text lines that follow a cell with
    fewer than ``blank_lines_ending_table`` blank lines between (a cell's later paragraphs). It
    ends before a text line that follows two or more blank lines, or at the end of the file.
    Limit: running text that follows a table after a single blank line becomes part of the last
    cell; the export gives no way to tell (seed 002: the whole 2017 report after the form).
    """
    end = start + 1
    blanks = 0
    for i in range(start + 1, len(lines)):
        line = lines[i]
        if line.is_blank:
            blanks += 1
            continue
        if not line.is_cell and blanks >= settings.blank_lines_ending_table:
            break
        end = i + 1
        blanks = 0
    return end


def tab_lines_to_row_groups(lines: list[SourceLine]) -> list[list[RawCell]]:
    """Group cell lines into rows: a cell line after a blank line starts a new group.

    A text line continues the current cell (directly, or after one blank line, which is an
    empty paragraph of the cell); empty paragraphs are dropped from the cell text.
    """
    groups: list[list[tuple[int, list[str]]]] = []
    blanks = 0
    for line in lines:
        if line.is_blank:
            blanks += 1
            continue
        if line.is_cell:
            cell = (line.number, [line.text] if line.text else [])
            if not groups or blanks:
                groups.append([cell])
            else:
                groups[-1].append(cell)
        elif groups:
            groups[-1][-1][1].append(line.text)
        blanks = 0
    return [[RawCell(number, tuple(paragraphs)) for number, paragraphs in group] for group in groups]


def join_split_rows(groups: list[list[RawCell]]) -> tuple[list[list[RawCell]], list[tuple[int, int]]]:
    """Join two row groups that are one row split by a cell's trailing empty paragraph.

    A cell ending with an empty paragraph prints a blank line, which looks like the end of the
    row. In the seeds this is a vertically merged cell padded with empty paragraphs (seed 003:
    "\\t生态效益" + blank + "\\t 指标1：建成美丽移民村（个）" + "\\t5" is one row
    ['', '', '生态效益', '指标1…', '5']). Groups A, B followed by group C are joined when

    * len(A) + len(B) == len(C), so A and B are each shorter than the next row; and
    * C's cell under A's last cell is empty: the split cell is the top of a vertical merge, which
      continues as an empty cell in the next row.

    Returns the rows and the (line of A, line of B) pairs that were joined. There is no rule for
    the last two groups of a table: the split cell's merge must continue into a next row, so a
    real split always has a C. Limits: a split at a cell that is not vertically merged, or a row
    split in three pieces, stays split; two complete rows whose widths add up to the next row's
    width, where that row has an empty cell in the right place, would be wrongly joined.
    """
    rows: list[list[RawCell]] = []
    joins: list[tuple[int, int]] = []
    i = 0
    while i < len(groups):
        first = groups[i]
        if i + 2 < len(groups):
            second, after = groups[i + 1], groups[i + 2]
            if len(first) + len(second) == len(after) and not after[len(first) - 1].text:
                rows.append(first + second)
                joins.append((first[0].line, second[0].line))
                i += 2
                continue
        rows.append(first)
        i += 1
    return rows, joins


def tab_lines_to_table(
    lines: list[SourceLine], index: int, source: str, settings: TableSettings
) -> tuple[Table, list[str]]:
    """Build the table from its lines (``lines[0]`` is its first cell line), with notes."""
    rows, joins = join_split_rows(tab_lines_to_row_groups(lines))
    grid_rows = [[GridCell(cell.line, col, cell.text) for col, cell in enumerate(row, 1)] for row in rows]
    caption = None
    if len(rows[0]) == 1 and settings.caption_pattern.match(rows[0][0].text):
        caption = rows[0][0].text
    table = rows_to_table(grid_rows, index, source, lines[0], caption)
    notes = [
        f"表{index}：第{a}行和第{b}行开始的两段单元格按相邻行的列数合并为同一行（文本格式中该行被空行隔开）"
        for a, b in joins
    ]
    for r, row in enumerate(rows, 1):
        for col, cell in enumerate(row, 1):
            if len(cell.paragraphs) > settings.long_cell_paragraphs:
                notes.append(
                    f"表{index}第{r}行第{col}列（第{cell.line}行起）的单元格含{len(cell.paragraphs)}段文字，"
                    "可能是表格后的正文被并入了该单元格（文本格式无法区分），请对照原文核对"
                )
    return table, notes


# --- 2. Tables drawn with pipes or box-drawing characters ---------------------------------------

VERTICAL_BARS = "|│┃║╎╏┆┇┊┋"
# Characters that draw horizontal rules ("|---|:---:|", "+----+", "├──┼──┤").
HORIZONTAL_RULE_CHARS = "-─━═=╌╍┄┅┈┉"
RULE_LINE_CHARS = set(VERTICAL_BARS + HORIZONTAL_RULE_CHARS + "+:~ \t\u3000")
BAR_SPLIT = re.compile(f"[{re.escape(VERTICAL_BARS)}]")


def is_rule_line(text: str) -> bool:
    """A border or header-separator line: only rule characters, at least three, one horizontal."""
    s = text.strip()
    return (
        len(s) >= 3
        and any(ch in HORIZONTAL_RULE_CHARS for ch in s)
        and all(ch in RULE_LINE_CHARS or "\u2500" <= ch <= "\u257f" for ch in s)
    )


def split_bar_row(text: str) -> list[str]:
    """The cells of "| a | b |" or "│ a │ b │" (outer bars optional), stripped."""
    s = text.strip()
    if s and s[0] in VERTICAL_BARS:
        s = s[1:]
    if s and s[-1] in VERTICAL_BARS:
        s = s[:-1]
    return [strip_padding(part) for part in BAR_SPLIT.split(s)]


def drawn_table_end(lines: list[SourceLine], start: int) -> int:
    """Index after a pipe/box table starting at ``lines[start]``, or ``start`` when there is none.

    Candidate lines are consecutive non-blank lines that are rule lines or contain a vertical
    bar. They form a table when there are at least two of them, every content line has two or
    more cells, and either every content line starts with a bar or a Markdown separator line
    ("---|---") is present (so "a | b" rows without outer pipes need that separator). Limits:
    an escaped pipe "\\|" inside a cell splits it; Markdown emphasis is kept as typed.
    """
    end = start
    while end < len(lines) and not lines[end].is_cell and not lines[end].is_blank:
        text = lines[end].text
        if not (is_rule_line(text) or any(ch in VERTICAL_BARS for ch in text)):
            break
        end += 1
    block = lines[start:end]
    content = [line for line in block if not is_rule_line(line.text)]
    if len(block) < 2 or not content:
        return start
    bars_first = all(line.text[0] in VERTICAL_BARS for line in content)
    markdown_separator = any(is_rule_line(line.text) and "|" in line.text for line in block)
    if not (bars_first or markdown_separator):
        return start
    if any(len(split_bar_row(line.text)) < 2 for line in content):
        return start
    return end


def drawn_lines_to_table(lines: list[SourceLine], index: int, source: str) -> tuple[Table, list[str]]:
    """Build a pipe/box table: one row per content line, or per band between rules.

    When rules separate the body rows too (two or more rules between the first and the last
    content line, as in a full box grid), the content lines between two rules are one row and
    a cell's pieces are joined with a line break (text wrapped inside a grid cell). Otherwise
    every content line is a row (Markdown: only the header is ruled off).
    """
    positions = [k for k, line in enumerate(lines) if not is_rule_line(line.text)]
    first, last = positions[0], positions[-1]
    inner_rules = sum(1 for k in range(first, last) if is_rule_line(lines[k].text))
    bands: list[list[SourceLine]] = []
    if inner_rules >= 2:
        current: list[SourceLine] = []
        for line in lines[first : last + 1]:
            if is_rule_line(line.text):
                if current:
                    bands.append(current)
                current = []
            else:
                current.append(line)
        if current:
            bands.append(current)
    else:
        bands = [[lines[k]] for k in positions]
    rows: Rows = []
    for band in bands:
        split = [(line.number, split_bar_row(line.text)) for line in band]
        width = max(len(cells) for _, cells in split)
        row = []
        for col in range(width):
            pieces = [(number, cells[col]) for number, cells in split if col < len(cells) and cells[col]]
            line_number = pieces[0][0] if pieces else band[0].number
            row.append(GridCell(line_number, col + 1, "\n".join(text for _, text in pieces)))
        rows.append(row)
    table = rows_to_table(rows, index, source, lines[0])
    note = f"表{index}：第{lines[0].number}–{lines[-1].number}行是用竖线或制表符号画出的表格，已按分隔符拆分单元格"
    return table, [note]


# --- 3. Columns aligned with spaces --------------------------------------------------------------

GAP_CHARS = " \u3000\u00a0\t"
TAB_STOP = 8


@dataclass(frozen=True, slots=True)
class Segment:
    """A run of text between column gaps, with its display columns [start, end)."""

    start: int
    end: int
    text: str


def char_width(ch: str) -> int:
    """Display columns of a character: CJK wide and full-width forms count 2, combining marks 0.

    East Asian "ambiguous" characters (“ ” ≥ ①) count 1, as in most editors outside CJK locales.
    """
    if unicodedata.combining(ch):
        return 0
    return 2 if unicodedata.east_asian_width(ch) in ("W", "F") else 1


def layout_text(raw: str) -> str:
    """The raw line as displayed: export artefacts removed, indentation kept, tab marker kept."""
    return remove_bookmarks(remove_zero_width(raw.lstrip("\ufeff"))).rstrip(GAP_CHARS)


def line_segments(raw: str, min_gap: int) -> list[Segment]:
    """Split a line at runs of ``min_gap`` or more whitespace characters, or at any tab."""
    segments: list[Segment] = []
    col = 0
    start: int | None = None
    chars: list[str] = []
    i = 0
    while i < len(raw):
        if raw[i] in GAP_CHARS:
            j, gap_col, has_tab = i, col, False
            while j < len(raw) and raw[j] in GAP_CHARS:
                has_tab = has_tab or raw[j] == "\t"
                gap_col = (
                    (gap_col // TAB_STOP + 1) * TAB_STOP if raw[j] == "\t" else gap_col + char_width(raw[j])
                )
                j += 1
            if start is not None and (j - i >= min_gap or has_tab or j == len(raw)):
                segments.append(Segment(start, col, "".join(chars)))
                start, chars = None, []
            elif start is not None:
                chars.append(raw[i:j])
            i, col = j, gap_col
            continue
        if start is None:
            start = col
        chars.append(raw[i])
        col += char_width(raw[i])
        i += 1
    if start is not None:
        segments.append(Segment(start, col, "".join(chars)))
    return segments


def aligned_columns(segment_rows: list[list[Segment]]) -> list[tuple[int, int]] | None:
    """The common columns of the rows, or None when they do not line up.

    Columns are the union of the rows' segments, merged where they overlap or touch, so that a
    column is separated from the next by at least one display column that is blank in every row
    (right-aligned numbers under a wider header still fall in the header's column). The rows
    line up when no row has two segments in one column, there are two or more columns, and each
    column is filled in more than half of the rows (so two lines must fill the same columns:
    "名称：  （盖章）" above "填报人：        联系电话：" is not a table).
    """
    columns: list[list[int]] = []
    for start, end in sorted((s.start, s.end) for row in segment_rows for s in row):
        if columns and start <= columns[-1][1]:
            columns[-1][1] = max(columns[-1][1], end)
        else:
            columns.append([start, end])
    if len(columns) < 2:
        return None
    filled = [0] * len(columns)
    for row in segment_rows:
        used = [column_of(segment, columns) for segment in row]
        if len(set(used)) != len(used):
            return None
        for k in used:
            filled[k] += 1
    if min(filled) * 2 <= len(segment_rows):
        return None
    return [(start, end) for start, end in columns]


def column_of(segment: Segment, columns: list[list[int]] | list[tuple[int, int]]) -> int:
    return next(k for k, (start, end) in enumerate(columns) if start <= segment.start < end)


def aligned_table_end(lines: list[SourceLine], start: int, settings: TableSettings) -> int:
    """Index after a table of space-aligned columns starting at ``lines[start]``, or ``start``.

    Consecutive non-blank lines join the block while each splits into two or more segments
    (gaps of ``min_gap``+ spaces) and the block's columns still line up (``aligned_columns``);
    rule lines ("------  ------") may sit anywhere in the block and are not rows. At least
    ``min_aligned_rows`` rows are needed. CJK characters count two display columns. Limits: a
    row with a single filled cell, or a header cell spanning two columns, ends the block; a
    cell whose text contains two spaces in a row is split in two.
    """
    segment_rows: list[list[Segment]] = []
    end = start
    while end < len(lines) and not lines[end].is_cell and not lines[end].is_blank:
        line = lines[end]
        if is_rule_line(line.text):
            end += 1
            continue
        segments = line_segments(layout_text(line.raw), settings.min_gap)
        if len(segments) < 2 or aligned_columns(segment_rows + [segments]) is None:
            break
        segment_rows.append(segments)
        end += 1
    return end if len(segment_rows) >= settings.min_aligned_rows else start


def aligned_lines_to_table(
    lines: list[SourceLine], index: int, source: str, settings: TableSettings
) -> tuple[Table, list[str]]:
    """Build a table from aligned lines: one row per line, empty cells where a column is blank."""
    content = [line for line in lines if not is_rule_line(line.text)]
    segment_rows = [line_segments(layout_text(line.raw), settings.min_gap) for line in content]
    columns = aligned_columns(segment_rows)
    assert columns is not None, "aligned_table_end accepted these lines"
    rows: Rows = []
    for line, segments in zip(content, segment_rows):
        texts = [""] * len(columns)
        for segment in segments:
            texts[column_of(segment, columns)] = strip_padding(segment.text)
        rows.append([GridCell(line.number, col, text) for col, text in enumerate(texts, 1)])
    table = rows_to_table(rows, index, source, lines[0])
    note = (
        f"表{index}：第{lines[0].number}–{lines[-1].number}行是用空格对齐的{len(columns)}列文字，"
        "已按列位置识别为表格（列的划分由空格位置推断）"
    )
    return table, [note]
