"""Rebuild the tables of the Word text export, and the pieces every text table shares.

In the text export of the Word reports (the seed reports) every table cell is a line starting
with a TAB, the cells of a row are consecutive, and a row ends with a blank line. The export
cannot carry spans: a horizontally merged cell appears once, and a vertically merged cell's
continuations appear as empty cells ("\\t" alone). ``tab_lines_to_table`` rebuilds the table in
five steps, each with its rules and limits in its docstring:

1. ``tab_lines_to_row_groups``: blank-separated groups of cell lines;
2. ``join_split_rows``: two groups that are one row split by a cell's trailing empty paragraph;
3. ``widen_header_rows``: the horizontal spans of header rows, inferred from the row below;
4. ``align_summary_rows``: a 总分 / 合计 row whose label is merged across the label columns,
   inferred from the row above;
5. ``align_summary_rows_to_the_row_below``: the same, inferred from the data row below, and the
   heading row above it with it (a form whose rows are labelled in two columns).

Step 3, by example (seed 002, the 支出 part of the form; '' is an empty cell)::

    机构名称 | 支出合计 | 其中：   | 结余                              4 cells
    ''       | ''       | 基本支出 | 其中：   | 项目支出 | ''            6 cells
    ''       | ''       | ''       | 人员支出 | 公用支出 | ''  | ''      7 cells
    局机关…  | 1184.24  | 220.58   | 185.63   | 34.95    | 963.66 | 186.8

Working upwards, the 7 cells of the third row cut the 7 columns into 6 segments: every empty
cell is a segment of its own (the continuation of a vertically merged cell above it) and
人员支出 | 公用支出, adjacent non-empty cells, are one segment (the sub-headers of one group
header). Six segments for the six cells above: 基本支出 col 3, 其中： cols 4–5, 项目支出 col 6,
'' col 7. The resolved second row then cuts the columns into 4 segments (1, 2, 3–6, 7) for the
4 cells of the first: 其中： spans cols 3–6 and 结余 sits at col 7, over its own values.

One-cell rows (titles, captions) keep span 1; ``widen_header_rows`` lists the other limits.

Vertical spans are not inferred: the empty continuation cells stay in the table as empty cells
of span 1 (walking up a column, skip them). The export cannot tell a continuation from a cell
that is really empty, and the row a header band rests on may be a data row with empty values,
so merging them into the label above could swallow data. The table is marked
``has_lost_vertical_spans`` instead, and the one reading that needs the merge asks for it:
``extract.figures`` takes the unit of “项目资金（万元）”, written once over the funding rows of
the 项目支出绩效自评表, for the values of the rows whose cell under it is empty.

``SourceLine``, ``TableSettings``, ``GridCell`` and ``rows_to_table`` are shared with the
tables drawn in plain text (``txt_drawn``). Each builder returns the Table and Chinese notes
for the auditor about what was inferred.
"""

from __future__ import annotations

import re
from dataclasses import replace

from extract.model import Cell, Location, Table
from extract.numbers import value_of_cell
from extract.records import record


@record
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


@record
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


@record
class GridCell:
    """A cell before it becomes a model Cell: the line it starts on, its column, its text, and
    how many columns it spans."""

    line: int
    col: int
    text: str
    col_span: int = 1


Rows = list[list[GridCell]]


def rows_to_table(
    rows: Rows, index: int, source: str, first_line: SourceLine, caption: str | None = None,
    has_lost_vertical_spans: bool = False,
) -> Table:
    """Freeze rebuilt rows into a Table; row r, column and column span as given, row span 1."""
    cells = tuple(
        Cell(
            row=r,
            col=cell.col,
            text=cell.text,
            location=Location(file=source, line=cell.line, table=index, row=r, col=cell.col, quote=cell.text),
            col_span=cell.col_span,
        )
        for r, row in enumerate(rows, 1)
        for cell in row
    )
    n_cols = max((cell.col + cell.col_span - 1 for cell in cells), default=0)
    location = Location(file=source, line=first_line.number, table=index, quote=first_line.text)
    return Table(
        index=index, n_rows=len(rows), n_cols=n_cols, cells=cells, location=location, caption=caption,
        has_lost_vertical_spans=has_lost_vertical_spans,
    )


# --- Word text export: one TAB line per cell -----------------------------------------------------


@record
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
    ends before a text line that follows two or more blank lines, or at the end of the file. It
    also ends before a text line right after a cell that holds a number alone (95.45%, 2,680.40):
    a figure has no later paragraphs, so the line is running text after a table that was closed
    by one blank line only (blind probe K k20; every cell the seeds continue is a label).
    Limit: running text that follows a label cell after a single blank line becomes part of that
    cell; the export gives no way to tell (seed 002: the whole 2017 report after the form).
    """
    end = start + 1
    blanks = 0
    last = lines[start]
    for i in range(start + 1, len(lines)):
        line = lines[i]
        if line.is_blank:
            blanks += 1
            continue
        if not line.is_cell and (blanks >= settings.blank_lines_ending_table or (
                blanks and last.is_cell and value_of_cell(last.text) is not None)):
            break
        end = i + 1
        blanks = 0
        last = line
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


# Rows with fewer cells are titles or captions, not column headers (see widen_header_rows).
MIN_HEADER_CELLS = 2


def row_width(row: list[GridCell]) -> int:
    """How many columns a row covers."""
    return sum(cell.col_span for cell in row)


def row_to_segments(row: list[GridCell]) -> list[tuple[int, int]]:
    """The (first column, width) of the segments a row cuts its columns into, left to right.

    Every empty cell is a segment of its own, of its width (the continuation of a vertically
    merged cell); every run of adjacent non-empty cells is one segment (sub-headers under one
    group header). ['', '', '', '人员支出', '公用支出', '', ''] gives
    [(1, 1), (2, 1), (3, 1), (4, 2), (6, 1), (7, 1)].
    """
    segments: list[tuple[int, int]] = []
    run_start: int | None = None
    end = 1  # column after the last cell seen
    for cell in row:
        if cell.text.strip():
            run_start = cell.col if run_start is None else run_start
        else:
            if run_start is not None:
                segments.append((run_start, cell.col - run_start))
                run_start = None
            segments.append((cell.col, cell.col_span))
        end = cell.col + cell.col_span
    if run_start is not None:
        segments.append((run_start, end - run_start))
    return segments


def widen_header_rows(rows: Rows) -> tuple[Rows, list[int]]:
    """Give the cells of header rows the columns they span, from the row below; bottom-up.

    A row of k ≥ 2 cells above a row that covers W > k columns (after that row was itself
    resolved) is a header row: the export wrote its merged cells once. The row below is cut
    into segments (``row_to_segments``); when there are exactly k segments, the k cells take
    them in order (col = segment start, col_span = segment width). Otherwise the row stays as
    it is, spans 1 from column 1. The last row, rows no narrower than the row below and one-cell
    rows never change. Returns the rows and the 1-based numbers of the rows that were widened.

    The rows are resolved from the bottom of the table up, so a header band of three rows
    resolves its middle row first (seed 002 支出: 其中： cols 4–5 over 人员支出 | 公用支出), then
    its top row over the middle one (其中： cols 3–6 over 基本支出 … 项目支出).

    Limits:

    * one-cell rows are left alone (``MIN_HEADER_CELLS``): in the seeds they are titles and
      captions ("二、部门（单位）收支情况", "表1-1 …"), not column headers, and a title given the
      width of the row below would be found as the column header of a value that has none. A
      real one-cell group header over a whole band (no row-label column) is missed;
    * the rule trusts every empty cell of the lower row to be a vertical-merge continuation and
      every run of non-empty cells to be the sub-headers of one group. A lower row of data, or a
      sub-header left really empty, breaks that while the count may still fit: "名称 | 金额"
      above the data row "a | 1 | ''" gives 名称 cols 1–2 and 金额 col 3, over the empty cell.
      Any row of two or more cells is tried, header or not (a key–value row above a wider row);
    * a group header over non-empty sub-headers next to another group header over non-empty
      sub-headers ("A | B" over "a1 | a2 | b1 | b2") gives one segment where two are needed, so
      the count does not fit and the row stays as it is;
    * only horizontal spans: see the module docstring for why vertical spans are not inferred.
    """
    resolved = [list(row) for row in rows]
    widened: list[int] = []
    for r in range(len(resolved) - 2, -1, -1):
        row, below = resolved[r], resolved[r + 1]
        if len(row) < MIN_HEADER_CELLS or len(row) >= row_width(below):
            continue
        segments = row_to_segments(below)
        if len(segments) != len(row):
            continue
        resolved[r] = [
            replace(cell, col=start, col_span=width) for cell, (start, width) in zip(row, segments)
        ]
        widened.append(r + 1)
    return resolved, sorted(widened)


# A summary row has its label and at least two more cells: “绩效自评综合得分 | 98分” is a key–value
# pair, whose one value has no column to be aligned with (seed 002).
MIN_SUMMARY_CELLS = 3


def is_summary_row(row: list[GridCell]) -> bool:
    """A label followed only by values and empty cells, at least one a value: 总分 | 100 | 98.5 | ''."""
    first, rest = row[0].text.strip(), [cell.text.strip() for cell in row[1:]]
    return (
        len(row) >= MIN_SUMMARY_CELLS
        and bool(first)
        and value_of_cell(first) is None
        and all(not text or value_of_cell(text) is not None for text in rest)
        and any(rest)
    )


def align_summary_rows(rows: Rows) -> tuple[Rows, list[int]]:
    """Right-align summary rows narrower than the row above: their label spans the columns left over.

    The national 项目支出绩效自评表 ends its indicator block with 总分, one cell merged across the
    label columns (绩效指标 … 实际完成值), then the 分值 total, the 得分 total and an empty
    偏差原因 cell. The export writes the merged cell once, so the row is "总分 | 100 | 98.5 | ''"
    at columns 1–4 of a 9-column table, and 100 and 98.5 stand under the wrong headers
    (三级指标, 年度指标值). A summary row (``is_summary_row``) that covers fewer columns than the
    row above it is taken to be merged at its label: its k later cells take the columns (and
    spans) of the last k cells of the row above, and its label spans every column left of them.

    Rows are resolved top-down, after ``widen_header_rows``, so the row above is already in its
    columns, and a second summary row under a first lines up with it. Returns the rows and the
    1-based numbers of the rows that were aligned.

    Limits:

    * the merge is assumed to be at the label. A row whose merged cell is a value
      ("合计 | 300 (two columns) | 200") is aligned wrongly: the export cannot tell;
    * a row above with no more cells than the summary row's values (it has spans of its own)
      leaves the label no column, and the summary row stays as it is;
    * a placeholder (—, /) in the summary row is neither a value nor empty: the row stays;
    * any label-and-values row narrower than the row above is taken for a summary row, 合计 or
      not. In the five seeds none is: their key–value rows have one value (“绩效自评综合得分 |
      98分”), and their data rows are as wide as the header row above them (seed 002's 5-column
      固定资产 block inside its 7-column form).
    """
    resolved = [list(row) for row in rows]
    aligned: list[int] = []
    for r in range(1, len(resolved)):
        row, above = resolved[r], resolved[r - 1]
        if not is_summary_row(row) or row_width(row) >= row_width(above) or len(above) < len(row):
            continue
        targets = above[len(above) - (len(row) - 1):]
        label = replace(row[0], col=1, col_span=targets[0].col - 1)
        values = [replace(cell, col=target.col, col_span=target.col_span) for cell, target in zip(row[1:], targets)]
        resolved[r] = [label, *values]
        aligned.append(r + 1)
    return resolved, aligned


def is_labelled_data_row(row: list[GridCell], values: int) -> bool:
    """Labels (at least one; empty cells allowed) followed by ``values`` cells that are values or
    empty, at least one a value: ``按支出性质分 | 基本支出 | 1,120.00 | 1,168.30 | '' | 99.88%``."""
    if len(row) <= values:
        return False
    heads, tail = row[: len(row) - values], [cell.text.strip() for cell in row[len(row) - values :]]
    return (
        any(cell.text.strip() for cell in heads)
        and all(value_of_cell(cell.text.strip()) is None for cell in heads if cell.text.strip())
        and all(not text or value_of_cell(text) is not None for text in tail)
        and any(tail)
    )


def is_heading_row(row: list[GridCell]) -> bool:
    """Every cell a label, none empty: 年度预算申请（万元） | 年初预算数 | 全年预算数 | …."""
    return all(cell.text.strip() and value_of_cell(cell.text.strip()) is None for cell in row)


def align_summary_rows_to_the_row_below(rows: Rows, done: list[int]) -> tuple[Rows, list[int], list[int]]:
    """Right-align summary rows narrower than the data row below them, and the heading row above.

    The 部门整体支出绩效自评表 labels some rows in two columns: a group label merged down the
    first (按支出性质分) and the row's own label in the second (基本支出, 其中：人员经费, 项目支出),
    while 年度资金总额 and the heading 年度预算申请（万元） are merged across both. The export writes
    the merged cells once, so the form comes out as::

        年度预算申请（万元） | 年初预算数 | 全年预算数 | 全年执行数 | 分值 | 执行率 | 得分     7 cells
        年度资金总额         | 1,620.00   | 1,865.40   | 1,802.36   | 10   | 96.62% | 9.66     7 cells
        按支出性质分 | 基本支出 | 1,120.00 | 1,168.30   | 1,166.92   | ''   | 99.88% | ''       8 cells

    and every value of the 8-cell rows stands one column right of its header (1,120.00 under
    全年预算数). ``align_summary_rows`` cannot help: the row above the 年度资金总额 row is no wider.
    Here a summary row (``is_summary_row``) narrower than the row below, when that row is labels
    then as many values as the summary row has (``is_labelled_data_row``), takes the columns of
    the row below's last cells, its label spanning the columns left of them; and the row right
    above it, when it is a heading row (``is_heading_row``) of as many cells, all of span 1,
    takes the same columns: 年度预算申请（万元） spans columns 1–2, 年初预算数 stands over 1,120.00.

    Runs after ``align_summary_rows``, whose rows (``done``, 1-based) it leaves alone. Returns
    the rows, the 1-based numbers of the summary rows aligned and of the heading rows moved.

    Limits: the merge is assumed to be at the labels, as in ``align_summary_rows``; a heading
    row with an empty cell, or with another number of cells than the summary row under it, stays
    as it is (its values then stand under the wrong headers, as before).
    """
    resolved = [list(row) for row in rows]
    aligned: list[int] = []
    headings: list[int] = []
    for r in range(len(resolved) - 1):
        row, below = resolved[r], resolved[r + 1]
        if (r + 1 in done or not is_summary_row(row) or row_width(row) >= row_width(below)
                or not is_labelled_data_row(below, len(row) - 1)):
            continue
        targets = below[len(below) - (len(row) - 1):]
        label = replace(row[0], col=1, col_span=targets[0].col - 1)
        resolved[r] = [label, *(replace(cell, col=t.col, col_span=t.col_span) for cell, t in zip(row[1:], targets))]
        aligned.append(r + 1)
        above = resolved[r - 1] if r else []
        if len(above) == len(row) and row_width(above) == len(above) and is_heading_row(above):
            resolved[r - 1] = [replace(cell, col=new.col, col_span=new.col_span) for cell, new in zip(above, resolved[r])]
            headings.append(r)
    return resolved, aligned, headings


def tab_lines_to_table(
    lines: list[SourceLine], index: int, source: str, settings: TableSettings
) -> tuple[Table, list[str]]:
    """Build the table from its lines (``lines[0]`` is its first cell line), with notes."""
    rows, joins = join_split_rows(tab_lines_to_row_groups(lines))
    grid_rows = [[GridCell(cell.line, col, cell.text) for col, cell in enumerate(row, 1)] for row in rows]
    grid_rows, widened = widen_header_rows(grid_rows)
    grid_rows, aligned = align_summary_rows(grid_rows)
    grid_rows, aligned_below, headings = align_summary_rows_to_the_row_below(grid_rows, aligned)
    caption = None
    if len(rows[0]) == 1 and settings.caption_pattern.match(rows[0][0].text):
        caption = rows[0][0].text
    table = rows_to_table(grid_rows, index, source, lines[0], caption, has_lost_vertical_spans=True)
    notes = [
        f"表{index}：第{a}行和第{b}行开始的两段单元格按相邻行的列数合并为同一行（文本格式中该行被空行隔开）"
        for a, b in joins
    ]
    if widened:
        starts = "、".join(str(grid_rows[r - 1][0].line) for r in widened)
        notes.append(
            f"表{index}第{'、'.join(map(str, widened))}行（第{starts}行起）的单元格比下一行少，"
            "已按下一行的列位置推断其横向合并范围（文本格式不保留合并单元格），请对照原文核对"
        )
    for r in aligned:
        row = grid_rows[r - 1]
        notes.append(
            f"表{index}第{r}行（第{row[0].line}行起）的单元格比上一行少，已推断其首个单元格“{row[0].text.strip()}”"
            f"横向合并了第1至{row[0].col_span}列、其余单元格对应上一行的最后{len(row) - 1}列"
            "（文本格式不保留合并单元格），请对照原文核对"
        )
    for r in aligned_below:
        row = grid_rows[r - 1]
        moved = "，其上一行（表头）各单元格随之对应相同的列" if r - 1 in headings else ""
        notes.append(
            f"表{index}第{r}行（第{row[0].line}行起）的单元格比下一行少，已推断其首个单元格“{row[0].text.strip()}”"
            f"横向合并了第1至{row[0].col_span}列、其余单元格对应下一行的最后{len(row) - 1}列{moved}"
            "（文本格式不保留合并单元格），请对照原文核对"
        )
    for r, (row, grid_row) in enumerate(zip(rows, grid_rows), 1):
        for cell, grid_cell in zip(row, grid_row):
            if len(cell.paragraphs) > settings.long_cell_paragraphs:
                notes.append(
                    f"表{index}第{r}行第{grid_cell.col}列（第{cell.line}行起）的单元格含{len(cell.paragraphs)}段文字，"
                    "可能是表格后的正文被并入了该单元格（文本格式无法区分），请对照原文核对"
                )
    return table, notes
