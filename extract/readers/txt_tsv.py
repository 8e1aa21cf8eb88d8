"""Tables pasted from a spreadsheet: one row per line, the cells separated by TABs.

Cells copied from Excel or WPS 表格 into a text file, or a table saved as tab-separated text, give
each row on one line with a TAB between cells (an empty cell leaves two TABs in a row)::

    项目	预算数	决算数
    合计	86,000.00	72,418.60
    公务用车运行维护费	60,000.00	53,206.40

The TAB here separates fields. It is not the Word export's TAB before every cell, one cell per
line (``txt_tables``), and the columns do not line up on screen as space-aligned ones do
(``txt_drawn``): a long label pushes the rest of its row to a later tab stop, so cells are taken by
their count on the line, not by their position. A block is two or more consecutive lines that
each hold a TAB between two filled fields (blind probe K k21); one such line alone stays a
paragraph (a label and a value set apart by a TAB).
"""

from __future__ import annotations

from extract.model import Table
from extract.readers.txt_drawn import line_segments
from extract.readers.txt_tables import GridCell, Rows, SourceLine, TableSettings, rows_to_table
from extract.textfix import strip_padding

FIELD_SEPARATOR = "\t"


def tsv_table_end(lines: list[SourceLine], start: int, settings: TableSettings) -> int:
    """Index after the block of tab-separated rows starting at ``lines[start]``, or ``start``."""
    end = start
    while end < len(lines) and is_tsv_row(lines[end]):
        end += 1
    return end if end - start >= settings.min_aligned_rows else start


def is_tsv_row(line: SourceLine) -> bool:
    """A text line (not a Word-export cell) with a TAB between two filled fields."""
    if line.is_cell or line.is_blank or FIELD_SEPARATOR not in line.text:
        return False
    return sum(1 for field in line.text.split(FIELD_SEPARATOR) if field.strip()) >= 2


def tsv_lines_to_table(lines: list[SourceLine], index: int, source: str) -> tuple[Table, list[str]]:
    """One row per line, one cell per field; a row shorter than the longest gets empty cells."""
    fields = [line.text.split(FIELD_SEPARATOR) for line in lines]
    width = max(len(row) for row in fields)
    rows: Rows = [
        [GridCell(line.number, col, strip_padding(text))
         for col, text in enumerate(row + [""] * (width - len(row)), 1)]
        for line, row in zip(lines, fields)
    ]
    note = (f"表{index}：第{lines[0].number}–{lines[-1].number}行是用制表符（Tab）分隔的{width}列文字，"
            "已按分隔符识别为表格")
    return rows_to_table(rows, index, source, lines[0]), [note]


# Rows of cells set apart by two spaces or more, the columns not lined up (a table turned into text
# “以空格分隔”, blind probe Y y08): “收入合计  1,722.70  支出合计  1,668.59”. Cells are taken by their
# count, as tab-separated ones are, so every row of a block must have as many as the first: a row
# with an empty cell written as spaces would shift the cells after it, and ends the block. Three
# cells at least, so that label–value lines (“填报人：张三  联系电话：…”) stay paragraphs.
MIN_SPACED_CELLS = 3


def spaced_fields(line: SourceLine, settings: TableSettings) -> list[str]:
    """The cells of a text line split at runs of ``settings.min_gap`` spaces or more, as aligned
    columns are (``txt_drawn.line_segments``); [] for a cell of the Word export or a blank line."""
    if line.is_cell or line.is_blank:
        return []
    return [segment.text for segment in line_segments(line.text, settings.min_gap)]


def spaced_table_end(lines: list[SourceLine], start: int, settings: TableSettings) -> int:
    """Index after the block of space-separated rows of one cell count starting at ``lines[start]``,
    or ``start``."""
    width = len(spaced_fields(lines[start], settings))
    if width < MIN_SPACED_CELLS:
        return start
    end = start + 1
    while end < len(lines) and len(spaced_fields(lines[end], settings)) == width:
        end += 1
    return end if end - start >= settings.min_aligned_rows else start


def spaced_lines_to_table(lines: list[SourceLine], index: int, source: str, settings: TableSettings
                          ) -> tuple[Table, list[str]]:
    """One row per line, one cell per space-separated field."""
    rows: Rows = [[GridCell(line.number, col, text) for col, text in enumerate(spaced_fields(line, settings), 1)]
                  for line in lines]
    note = (f"表{index}：第{lines[0].number}–{lines[-1].number}行是用空格分隔的{len(rows[0])}列文字（各列未对齐），"
            "已按分隔识别为表格")
    return rows_to_table(rows, index, source, lines[0]), [note]
