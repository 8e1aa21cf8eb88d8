"""Whole rows of a constant_memory XlsxWriter sheet, each distinct cell serialized once.

Why: XlsxWriter prepares and serializes every cell on its own (argument conversion, bounds
checks, a row object, then control-character escaping, whitespace checks and attribute escaping
when the row is written out), about 20 µs a cell: 10 s of the parent's CPU for a batch of 1,000
reports (476,000 cells). Most of those cells repeat a few values (file names, doc ids, units,
codes), so the XML of a cell apart from its reference (``B17``) and style index is worth making
once and reusing; a row is then one string join.

This module is the one place that relies on XlsxWriter internals, because its public API writes
one cell at a time. Everything else (styles, sheets, packaging, freeze panes, filters, widths) is
XlsxWriter's public API. What is used, all of it in XlsxWriter 3.3.1 (the version pinned in
pyproject.toml):

* ``CellRenderer``: ``Worksheet._write_cell`` (XlsxWriter's own serializer of one stored cell),
  ``Worksheet.table`` (where a write method stores the cell) and ``fh`` (where XML goes). The value
  itself is stored with XlsxWriter's public write methods, so escaping, ``xml:space``, number
  formatting and the 32,767-unit truncation stay XlsxWriter's own. Only text with nothing to
  escape or mark (most text) is put between the two strings XlsxWriter writes around such text
  without asking it each time (``verbatim_text``).
* ``PreparedRowWorksheet`` (a ``worksheet_class`` for ``Workbook.add_worksheet``): overrides
  ``_write_single_row``, which XlsxWriter calls when a later row starts and, from its packager,
  for the last row; uses ``previous_row``, ``table``, ``row_info``, ``col_info``, ``fh`` and
  ``_check_dimensions`` to write the row where and as XlsxWriter would, ``_write_row`` (once per
  sheet) for the row's start tag, and ``Format._get_xf_index`` in the order XlsxWriter calls it,
  once per cell (a format's index never changes once given). It also
  overrides ``_write_optimized_sheet_data``, where XlsxWriter copies a sheet's rows from their
  temporary file into the sheet's XML when the workbook is assembled: the same bytes, copied as
  bytes (``row_data_fh``, ``row_data_filename``, ``dim_rowmin``, ``_xml_start_tag``).

tests/test_xlsx_prepared_rows.py writes the same cells through XlsxWriter's per-cell path and
through this one and compares the files byte for byte, so a change in any of these fails the
tests; a name that disappears fails at import (``check_internals``), and a last row XlsxWriter
no longer asks for fails the write (``check_all_written``).
"""

from __future__ import annotations

import os
import re
import shutil
import zipfile
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor
from contextlib import contextmanager
from functools import lru_cache, partial
from io import StringIO
from operator import itemgetter
from typing import Callable

import xlsxwriter.workbook
from xlsxwriter.format import Format
from xlsxwriter.utility import xl_col_to_name
from xlsxwriter.worksheet import Worksheet
from xlsxwriter.workbook import Workbook

from export.zip_deflate import BlockDeflateZipFile

# [column index, cell format or None, the cell's XML with ROW_MARK for its row number and, with a
# format, STYLE_MARK for its style index]: a cell of a prepared row, made by ``prepared_cell``.
# The style index is only looked up when the row is written out, and then written into the
# cell's XML, which keeps it (a list, so that a cell kept for many rows is numbered once): the
# format is then None, as for a cell without one.
PreparedCell = list  # [int, Format | None, str]
CELL_FORMAT, CELL_XML = itemgetter(1), itemgetter(2)

# Control characters, which XlsxWriter always writes escaped (_x0000_), so never found in its XML.
ROW_MARK, STYLE_MARK = "\x00", "\x01"

# The start of the XML CellRenderer gets for the cell it writes: reference A1, style index 1 (the
# renderer's own stand-in format, the only one its format table holds).
RENDERED_PREFIX = '<c r="A1" s="1"'

# Text XlsxWriter writes as it is, between the same two strings whatever the text: none of the
# characters its escaping touches (& < >, control characters other than tab and line feed, U+FFFE
# and U+FFFF, the start of an escape such as ``_x0041_``), no space at either end (which asks for
# xml:space="preserve"), and short enough that it is never cut at Excel's 32,767 UTF-16 units.
# Other text is written by XlsxWriter. tests/test_xlsx_prepared_rows.py checks every character
# of the BMP, in the middle and at either end, against XlsxWriter's own output.
ESCAPED_CHARACTERS = re.compile(r"[\x00-\x08\x0b-\x1f&<>\ufffe\uffff]")
ESCAPE_STARTS = ("_x", "_X")
MAX_VERBATIM_CHARS = 32_767 // 2
VERBATIM_PROBE = "jixiao"

XLSXWRITER_INTERNALS = ("_write_single_row", "_write_row", "_write_cell", "_check_dimensions",
                        "_xml_start_tag", "_xml_end_tag", "_write_optimized_sheet_data")


class PreparedRowError(RuntimeError):
    """XlsxWriter no longer behaves as this module expects, or a prepared row was misused."""


def check_internals() -> None:
    """Fail at import, not with a wrong file, when an XlsxWriter method used here is gone."""
    missing = [name for name in XLSXWRITER_INTERNALS if not callable(getattr(Worksheet, name, None))]
    if getattr(xlsxwriter.workbook, "ZipFile", None) is not zipfile.ZipFile:
        missing.append("xlsxwriter.workbook.ZipFile")
    if missing:
        raise PreparedRowError(f"XlsxWriter Worksheet lacks {missing}: export/prepared_rows.py needs "
                               "updating for this XlsxWriter version")


check_internals()


class CellRenderer:
    """The XML XlsxWriter writes for one cell, without the cell's reference and style index.

    The cell is stored at A1 of a scratch worksheet (in constant_memory mode, so strings are
    inline as in the workbook) by a public write method, with a stand-in format of the renderer's
    own, and serialized by XlsxWriter's ``_write_cell``. The stand-in keeps the real format's
    style index unassigned: XlsxWriter numbers styles in the order cells are written out, which
    PreparedRowWorksheet keeps.
    """

    def __init__(self) -> None:
        self.sheet = Worksheet()
        self.sheet.constant_memory = True
        self.style = Format({}, {})  # a format table of its own: style index 1
        probe = self.tail(lambda sheet, row, col, style: sheet.write_string(row, col, VERBATIM_PROBE, style))
        before, probe_found, after = probe.partition(VERBATIM_PROBE)
        if not probe_found or VERBATIM_PROBE in after:
            raise PreparedRowError(f"XlsxWriter wrote the text {VERBATIM_PROBE!r} as {probe!r}")
        self.text_before, self.text_after = before, after

    def verbatim_text(self, text: str) -> str | None:
        """The tail of a text cell XlsxWriter would write as it is (see ESCAPED_CHARACTERS), made
        without calling XlsxWriter; None for other text, which ``tail`` must write."""
        if (not text or len(text) > MAX_VERBATIM_CHARS or text[0].isspace() or text[-1].isspace()
                or ESCAPED_CHARACTERS.search(text) or ESCAPE_STARTS[0] in text or ESCAPE_STARTS[1] in text):
            return None
        return self.text_before + text + self.text_after

    def tail(self, write: Callable[[Worksheet, int, int, Format], object]) -> str:
        """The XML of the cell that ``write(sheet, 0, 0, cell_format)`` stores, after ``<c r="A1" s="1"``."""
        sheet = self.sheet
        sheet.table.clear()
        write(sheet, 0, 0, self.style)
        cell = sheet.table.get(0, {}).get(0)
        if cell is None:
            raise PreparedRowError("XlsxWriter stored no cell for the value to prepare")
        sheet.fh = buffer = StringIO()
        sheet._write_cell(0, 0, cell)
        xml = buffer.getvalue()
        if not xml.startswith(RENDERED_PREFIX):
            raise PreparedRowError(f"XlsxWriter wrote a cell as {xml[:40]!r}, not {RENDERED_PREFIX!r}…")
        return xml[len(RENDERED_PREFIX):]


def prepared_cell(column: int, cell_format: Format | None, tail: str) -> PreparedCell:
    """A cell of a prepared row from its column, format and ``tail`` (from CellRenderer)."""
    if ROW_MARK in tail or STYLE_MARK in tail:
        raise PreparedRowError(f"XlsxWriter wrote a control character unescaped: {tail[:40]!r}")
    reference = _cell_reference(column)
    if cell_format is None:
        return [column, None, reference + tail]
    return [column, cell_format, f'{reference} s="{STYLE_MARK}"{tail}']


@lru_cache(maxsize=None)
def _cell_reference(column: int) -> str:
    """``<c r="B\x00"`` for column 1: a cell's start with the row number to fill in, made once per
    column (a sheet has at most a few dozen; a batch prepares hundreds of thousands of cells)."""
    return f'<c r="{xl_col_to_name(column)}{ROW_MARK}"'


# How XlsxWriter starts the first row (``_write_row``), and any row with ROW_MARK for its number;
# how it ends a row (``_xml_end_tag("row")``).
FIRST_ROW_START, ROW_START, ROW_END = '<row r="1"', f'<row r="{ROW_MARK}"', "</row>"


class PreparedRowWorksheet(Worksheet):
    """A constant_memory worksheet that also takes a whole row of prepared cells at once.

    ``write_prepared_row`` keeps the row until XlsxWriter asks for it (``_write_single_row``: when
    a later row starts, or when the workbook is assembled), exactly when XlsxWriter would write a
    row of cells stored one by one, so that formats get their style indices in the same order and
    the sheet XML is the same, byte for byte. A row is either prepared or written cell by cell
    with the public methods (the header), never both. Row and column formats are not supported
    (XlsxWriter would give them to a cell without a format of its own); the writer sets none.
    """

    def __init__(self) -> None:
        super().__init__()
        self.prepared_row: tuple[int, list[PreparedCell]] | None = None
        self.row_start: str | None = None  # see data_row_start

    def write_prepared_row(self, row: int, cells: list[PreparedCell]) -> None:
        """Row ``row`` (zero-based) with ``cells`` in column order; rows must come in order."""
        if not cells:
            return  # as XlsxWriter: nothing stored, no row written
        if row > self.previous_row:
            self._write_single_row(row)
        if self._check_dimensions(row, cells[0][0]) or self._check_dimensions(row, cells[-1][0]):
            raise PreparedRowError(f"row {row + 1} is outside the sheet or behind a row already written")
        if self.prepared_row is not None or self.table:
            raise PreparedRowError(f"row {row + 1} was written twice")
        self.prepared_row = (row, cells)

    def _write_single_row(self, current_row_num: int = 0) -> None:
        """XlsxWriter's hook for writing out the row kept in memory: the prepared one, if any."""
        if self.prepared_row is None:
            super()._write_single_row(current_row_num)
            return
        row, cells = self.prepared_row
        self.prepared_row = None
        if row != self.previous_row or self.table:
            raise PreparedRowError(f"row {row + 1} is not the row XlsxWriter is writing out")
        if self.row_info or (self.col_info and any(info.column_format is not None
                                                   for info in self.col_info.values())):
            raise PreparedRowError("prepared rows do not support row or column formats")
        self.previous_row = current_row_num
        if any(map(CELL_FORMAT, cells)):
            number_styles(cells)
        # The whole row in one write: the sheet's temporary file is also open for reading, so
        # each write calls its (pure Python) decoder's reset.
        xml = "".join([self.data_row_start(), *map(CELL_XML, cells), ROW_END])
        self.fh.write(xml.replace(ROW_MARK, str(row + 1)))

    def data_row_start(self) -> str:
        """The start tag ``_write_row`` writes for a data row of this sheet, with ROW_MARK for the
        row number; made by XlsxWriter once per sheet. Only the number changes from row to row: no
        row has a format, height or outline of its own (checked in _write_single_row), and
        constant_memory writes no spans."""
        if self.row_start is None:
            handle, self.fh = self.fh, StringIO()
            try:
                self._write_row(0, None)
                tag = self.fh.getvalue()
            finally:
                self.fh = handle
            if not tag.startswith(FIRST_ROW_START) or ROW_MARK in tag:
                raise PreparedRowError(f"XlsxWriter started a row with {tag[:40]!r}, "
                                       f"not {FIRST_ROW_START!r}…")
            self.row_start = ROW_START + tag[len(FIRST_ROW_START):]
        return self.row_start

    def _write_optimized_sheet_data(self) -> None:
        """The sheet's rows, from their temporary file into the sheet's XML, copied as bytes.

        XlsxWriter copies them through text files (decoding and encoding every character): a
        third of a second for the 33 MB of a 1,000-report workbook, spent after the last report
        with the workers idle. Both files are UTF-8 text files written by XlsxWriter, so their
        bytes are the same either way."""
        handle = self.fh
        if self.dim_rowmin is None or not hasattr(handle, "buffer") or not hasattr(self.row_data_fh, "flush"):
            super()._write_optimized_sheet_data()
            return
        self._xml_start_tag("sheetData")
        if not self.row_data_fh.closed:
            self.row_data_fh.flush()
        handle.flush()
        with open(self.row_data_filename, "rb") as rows:
            shutil.copyfileobj(rows, handle.buffer, ROW_COPY_CHUNK)
        self.row_data_fh.close()
        os.unlink(self.row_data_filename)
        self._xml_end_tag("sheetData")


ROW_COPY_CHUNK = 1 << 20

# zlib's level for the parts of the package. XlsxWriter leaves ZipFile's default (6), which spent
# 0.55 s of CPU on the 33 MB of a 1,000-report workbook, after the last report with the workers
# idle; level 1 took 0.24 s for a file a quarter larger (4.6 MB against 3.7 MB). Any level is
# plain deflate, which every reader of .xlsx opens.
PACKAGE_DEFLATE_LEVEL = 1
# Threads that deflate the sheets' blocks: the package is written after the last report, when
# the workers are gone and every core is free.
DEFLATE_THREADS = max(1, min(os.cpu_count() or 1, 4))


@contextmanager
def fast_deflate() -> Iterator[None]:
    """While open, ``Workbook.close()`` packages at PACKAGE_DEFLATE_LEVEL, its large parts (the
    sheets) deflated in blocks on DEFLATE_THREADS threads (export/zip_deflate.py): XlsxWriter has
    no option for either, so the ZipFile it looks up in its module is swapped for one that does
    both (``check_internals`` fails at import should that name go)."""
    with ThreadPoolExecutor(max_workers=DEFLATE_THREADS, thread_name_prefix="xlsx-deflate") as executor:
        xlsxwriter.workbook.ZipFile = partial(BlockDeflateZipFile, compresslevel=PACKAGE_DEFLATE_LEVEL,
                                              executor=executor, threads=DEFLATE_THREADS)
        try:
            yield
        finally:
            xlsxwriter.workbook.ZipFile = zipfile.ZipFile


def number_styles(cells: list[PreparedCell]) -> None:
    """Write its style index into each cell that has a format, in column order, as XlsxWriter
    looks them up when it writes a row out (it numbers a format the first time it writes a cell
    with it). A format's index never changes once given, so each cell keeps it and drops its
    format: a cell kept for thousands of rows is numbered once, and most rows then need nothing."""
    for cell in cells:
        cell_format = cell[1]
        if cell_format is not None:
            cell[2] = cell[2].replace(STYLE_MARK, str(cell_format._get_xf_index()), 1)
            cell[1] = None


def check_all_written(workbook: Workbook) -> None:
    """After ``workbook.close()``: fail if a sheet's last prepared row was never asked for."""
    for sheet in workbook.worksheets():
        if isinstance(sheet, PreparedRowWorksheet) and sheet.prepared_row is not None:
            raise PreparedRowError(f"the last row of {sheet.name} was not written: XlsxWriter no longer "
                                   "calls _write_single_row when it assembles the workbook")
