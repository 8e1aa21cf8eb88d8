"""Tables drawn in plain text: pipes, box-drawing characters and columns aligned with spaces.

Text pasted from web pages or exported by other tools draws its tables instead of writing one
cell per line as the Word export does (``txt_tables``):

* pipes (``| 项目 | 金额 |``, Markdown-style, with an optional ``|---|---|`` header line) and
  box-drawing grids (``│ ┃ ├ ┼ ─``): ``drawn_table_end`` finds them, ``drawn_lines_to_table``
  builds them;
* columns aligned with spaces: ``aligned_table_end`` finds them, ``aligned_lines_to_table``
  builds them.

Nothing here guesses spans: every cell has row_span = col_span = 1, and ``n_cols`` is the widest
row. Each builder returns the Table and Chinese notes for the auditor about what was inferred.
"""

from __future__ import annotations

import re
import unicodedata

from extract.model import Table
from extract.readers.txt_tables import GridCell, Rows, SourceLine, TableSettings, rows_to_table
from extract.records import record
from extract.textfix import remove_bookmarks, remove_zero_width, strip_padding

# --- 1. Tables drawn with pipes or box-drawing characters ---------------------------------------

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


# --- 2. Columns aligned with spaces --------------------------------------------------------------

GAP_CHARS = " \u3000\u00a0\t"
TAB_STOP = 8


@record
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
