"""Writing sheets to an .xlsx that opens cleanly in Excel and WPS, row by row, in flat memory.

The workbook is written with XlsxWriter in constant_memory mode, which streams each row to a
temporary file of its sheet once the next row starts, so memory stays flat however big the batch.
A data row goes to XlsxWriter whole, each distinct cell typed and serialized once (PreparedCells,
export/prepared_rows.py): most cells repeat a few values, and XlsxWriter's per-cell path cost
most of the write. ``WorkbookWriter`` takes rows for any sheet in any interleaving (a run streams report.xlsx as its
reports are read); ``write_workbook`` feeds it sheet after sheet; ``write_report_xlsx`` writes
atomically (a temporary file beside the target, then ``os.replace``), so an interrupted write
leaves the previous workbook whole and no temporary file behind.

Each sheet has a styled, frozen header row, an auto filter over its rows and column widths fitted
to the header and the first rows; numbers are stored as numbers, shown with as many decimals as
the report wrote; marked cells are filled red (error) or amber (warning).

Text is never turned into a formula, a number or a link: every text cell is written as a string,
and one that starts with = + - @ also gets Excel's "quote prefix" flag (see write_text). The CSVs
use the visible leading quote instead, because a CSV has no cell types (export/sanitize.py); rows
read back from those CSVs may be passed here as they are: the quote the CSV added is taken off again.

What the sheets of report.xlsx are, their Chinese headers and highlights: export/xlsx.py.
"""

from __future__ import annotations

import math
import re
import tempfile
from contextlib import suppress
from dataclasses import field
from decimal import Decimal
from pathlib import Path
from typing import IO, Callable, Iterable, Mapping, Sequence

from xlsxwriter import Workbook
from xlsxwriter.format import Format
from xlsxwriter.worksheet import Worksheet

from export.atomic import atomic_open
from export.labels import COLUMN_VALUE_NAMES, display_value
from export.prepared_rows import (CellRenderer, PreparedCell, PreparedRowWorksheet, check_all_written,
                                  fast_deflate, prepared_cell)
from export.sanitize import (MAY_NEED_QUOTE, NEUTRALISING_PREFIX, is_formula_like, plain_number,
                             restore_neutralised)
from export.show import display_width
from extract.records import record

# Excel's limits (“Excel specifications and limits”): rows per sheet, header included, and
# characters in one cell. Module constants so a test can lower them.
MAX_SHEET_ROWS = 1_048_576
MAX_CELL_CHARS = 32_767
TRUNCATION_NOTE = "…（已截断）"

# Excel keeps 15 significant digits of a number; a longer one is written as text, so that no
# digit an auditor might compare is silently changed.
MAX_EXACT_DIGITS = 15

# Column widths (in Excel's character units) are fitted to the header and this many first rows,
# a CJK character counting as two; a long text column stops at MAX_COLUMN_WIDTH and the rest of
# its text stays in the cell.
WIDTH_SAMPLE_ROWS = 200
MIN_COLUMN_WIDTH = 6
MAX_COLUMN_WIDTH = 60
WIDTH_PADDING = 2

# Characters that XML 1.0 (and so .xlsx) cannot hold: C0 controls other than tab, LF and CR. PDF
# text layers sometimes carry them; each is shown as U+FFFD so the auditor sees something was there.
ILLEGAL_XML_CHARACTERS = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f]")
REPLACEMENT_CHARACTER = "\ufffd"


# Columns whose numbers are identifiers or years: no thousands separator (2020, not 2,020).
PLAIN_NUMBER_COLUMNS = frozenset(
    {"fiscal_year", "year", "pages", "paragraphs", "tables", "table", "row", "n_conflicts", "n_errors",
     "n_warnings", "match_score"}
)

# Excel's own “Bad” (light red) and “Neutral” (amber) cell styles, readable in print and in WPS,
# as XlsxWriter format properties (pattern 1 is a solid fill in bg_color).
SEVERITY_STYLES = {
    "error": {"pattern": 1, "bg_color": "#FFC7CE", "font_color": "#9C0006"},
    "warning": {"pattern": 1, "bg_color": "#FFEB9C", "font_color": "#9C5700"},
}

HEADER_STYLE = {"bold": True, "pattern": 1, "bg_color": "#DDEBF7", "valign": "vcenter"}

# constant_memory: each row is written to its sheet's temporary file when the next row starts, so
# memory stays flat (rows must then come in order within a sheet, as they do here). Every cell is
# written with its typed method (write_string, write_number), which never guesses a type; the
# strings_to_* options switch off that guessing in write() too, as a second guard.
WORKBOOK_OPTIONS = {
    "constant_memory": True,
    "strings_to_numbers": False,
    "strings_to_formulas": False,
    "strings_to_urls": False,
}

# Pixels per character of Calibri 11, the default font (its widest digit). Widths are set in
# pixels, width × 7, which the file stores as exactly the width fitted_width chose; XlsxWriter's
# set_column would add Excel's 5-pixel cell padding on top (20 → 20.71).
PIXELS_PER_CHARACTER = 7

Marks = Callable[[Mapping[str, object]], Mapping[str, str]]


@record
class SheetSpec:
    """One output as a sheet.

    ``numeric_columns``: columns whose plain numbers are stored as numbers (export/sanitize.py);
    ``header_names``: column → Chinese header (a column without one keeps its own name);
    ``marks``: row → {column: severity}, the cells of that row to fill red (error) or amber (warning).
    """

    name: str
    columns: Sequence[str]
    rows: Iterable[Mapping[str, object]]
    numeric_columns: frozenset[str] = frozenset()
    header_names: Mapping[str, str] = field(default_factory=dict)
    marks: Marks | None = None


# ---------------------------------------------------------------------------------------------
# Writing
# Writing


def write_report_xlsx(target: Path, sheets: Sequence[SheetSpec]) -> dict[str, int]:
    """Write ``sheets`` to ``target`` atomically; return the data rows written per sheet name.

    On any exception the previous ``target`` is left as it was and no temporary file stays.
    """
    with atomic_open(Path(target), "wb") as out:
        return write_workbook(out, sheets)


def write_workbook(out: IO[bytes] | Path, sheets: Sequence[SheetSpec]) -> dict[str, int]:
    """Write ``sheets`` as an .xlsx to ``out`` (an open binary file or a path), not atomically.

    For a caller that commits several outputs together (write to its own temporary file, then
    ``os.replace``); everyone else wants write_report_xlsx. Nothing is written to ``out`` unless
    every row was read. The sheets' temporary files live in a directory of this write's own,
    removed whether the write succeeds or fails.
    """
    writer = WorkbookWriter(out, sheets)
    try:
        for index, spec in enumerate(sheets):
            writer.start(index)  # a sheet without rows still shows its header
            for row in spec.rows:
                writer.write(index, row, spec.marks(row) if spec.marks else None)
        return writer.close()
    except BaseException:
        writer.discard()
        raise


class SheetOrderError(Exception):
    """A sheet ran past Excel's row limit after a later sheet was begun: its continuation
    (“指标(2)”) could no longer stand beside it. Only rows written to several sheets in turn
    can meet this; the caller writes the workbook again sheet by sheet."""


class WorkbookWriter:
    """A workbook whose rows arrive one at a time, to any of its sheets, in any interleaving.

    Sheets are begun in the order of ``specs`` (a row for the third sheet begins the first two,
    empty, before it), so the workbook reads 报告汇总, 指标 … whichever rows come first. Within a
    sheet rows must come in order (constant_memory writes a row out when the next one starts).
    A sheet past Excel's row limit continues on “name(2)”, “name(3)” …, right after it; column
    widths are fitted to the header and the first WIDTH_SAMPLE_ROWS rows and set when the
    workbook is closed, the same for every part of a sheet.

    This lets a batch stream report.xlsx as its reports are read (pipeline.py), and write it from
    the CSVs afterwards (write_workbook), with one writer and the same result.
    """

    def __init__(self, out: IO[bytes] | Path, specs: Sequence[SheetSpec]) -> None:
        self.specs = list(specs)
        # ignore_cleanup_errors: a file still open after a failure (Windows cannot remove it)
        # must not replace the exception that brought us here.
        self._tmpdir = tempfile.TemporaryDirectory(prefix="jixiao-xlsx-", ignore_cleanup_errors=True)
        self.workbook = Workbook(out, {**WORKBOOK_OPTIONS, "tmpdir": self._tmpdir.name})
        self.cells = PreparedCells(CellFormats(self.workbook), self.specs)
        self.parts: list[list[tuple[str, PreparedRowWorksheet]]] = [[] for _ in self.specs]
        self.rows_seen: list[int] = [0] * len(self.specs)
        self.widths = [[text_width(spec.header_names.get(column, column)) for column in spec.columns]
                       for spec in self.specs]
        self.counts: dict[str, int] = {}  # data rows per sheet part, by name

    def start(self, index: int) -> None:
        """Begin sheet ``index`` (and every sheet before it) if not begun yet."""
        for earlier in range(index + 1):
            if not self.parts[earlier]:
                self._add_part(earlier)

    def write(self, index: int, row: Mapping[str, object], marks: Mapping[str, str] | None = None) -> None:
        """One data row of sheet ``index``, its ``marks`` cells ({column: severity}) filled."""
        parts = self.parts[index]
        if not parts:
            self.start(index)  # a sheet begun has every sheet before it begun
        name, sheet = parts[-1]
        if self.counts[name] == MAX_SHEET_ROWS - 1:  # the header takes one
            if any(self.parts[later] for later in range(index + 1, len(self.specs))):
                raise SheetOrderError(self.specs[index].name)
            self._add_part(index)
            name, sheet = parts[-1]
        row_number = self.counts[name] = self.counts[name] + 1
        if self.rows_seen[index] < WIDTH_SAMPLE_ROWS:
            self._fit_widths(index, row)
        self.rows_seen[index] += 1
        self._write_data_row(sheet, row_number, index, row, marks or {})

    def close(self) -> dict[str, int]:
        """Finish the workbook; returns the data rows written per sheet name."""
        for index, spec in enumerate(self.specs):
            self.start(index)
            widths = [fitted_width(widest) for widest in self.widths[index]]
            for name, sheet in self.parts[index]:
                for column, width in enumerate(widths):
                    sheet.set_column_pixels(column, column, round(width * PIXELS_PER_CHARACTER))
                sheet.autofilter(0, 0, self.counts[name], max(len(spec.columns), 1) - 1)
        try:
            with fast_deflate():
                self.workbook.close()  # assembles the sheets' files into the .xlsx
            check_all_written(self.workbook)
        except BaseException:
            self.discard()
            raise
        self._tmpdir.cleanup()
        return self.counts

    def discard(self) -> None:
        """Give up: close and remove the sheets' temporary files (``out`` is the caller's to remove)."""
        discard_sheet_files(self.workbook)
        self._tmpdir.cleanup()

    def _write_data_row(self, sheet: PreparedRowWorksheet, row_number: int, index: int,
                        row: Mapping[str, object], marks: Mapping[str, str]) -> None:
        """Row ``row_number`` of ``sheet``, a part of sheet ``index``, as one prepared row."""
        sheet.write_prepared_row(row_number, self.cells.row(index, row, marks))

    def _add_part(self, index: int) -> None:
        spec = self.specs[index]
        part = len(self.parts[index]) + 1
        name = spec.name if part == 1 else f"{spec.name}({part})"
        sheet = self.workbook.add_worksheet(name, worksheet_class=PreparedRowWorksheet)
        sheet.freeze_panes(1, 0)  # A2: the header stays in view
        for column_index, column in enumerate(spec.columns):
            write_text(sheet, 0, column_index, clean_text(spec.header_names.get(column, column)),
                       self.cells.formats.header)
        self.parts[index].append((name, sheet))
        self.counts[name] = 0

    def _fit_widths(self, index: int, row: Mapping[str, object]) -> None:
        spec, widths = self.specs[index], self.widths[index]
        for column_index, column in enumerate(spec.columns):
            width = cell_width(column, row.get(column), column in spec.numeric_columns)
            if width > widths[column_index]:
                widths[column_index] = width


class CellFormats:
    """The workbook's cell formats, each made once, on first use.

    Every add_format call becomes a style record of its own in styles.xml: a format made per cell
    would slow the write down and bloat the file. A data cell's format depends only on its number
    format, its severity and whether it needs the quote prefix, so a batch needs a handful.
    """

    def __init__(self, workbook: Workbook) -> None:
        self.workbook = workbook
        self.header = workbook.add_format(HEADER_STYLE)
        self.made: dict[tuple[str | None, str | None, bool], Format] = {}

    def cell(self, number_format: str | None = None, severity: str | None = None,
             quote_prefix: bool = False) -> Format | None:
        """The format of a data cell; None (Excel's default style) for one that needs nothing."""
        if not (number_format or severity or quote_prefix):
            return None
        key = (number_format, severity, quote_prefix)
        made = self.made.get(key)
        if made is None:
            made = self.made[key] = self.workbook.add_format(cell_style(*key))
        return made


def cell_style(number_format: str | None, severity: str | None, quote_prefix: bool) -> dict[str, object]:
    """XlsxWriter format properties: a number format, a severity's fill and font, the quote prefix."""
    style: dict[str, object] = {}
    if number_format:
        style["num_format"] = number_format
    if severity:
        style.update(SEVERITY_STYLES[severity])
    if quote_prefix:
        style["quote_prefix"] = True
    return style


class PreparedCells:
    """The cells of data rows, each distinct one typed, formatted and serialized once.

    Preparing a cell (its type and format, then XlsxWriter's XML for it) costs several times what
    writing out a prepared one does, and most cells of a batch repeat one of a few values (file
    names, doc ids, units, codes, severities). The prepared cell of a short text value is kept
    per sheet and column, by value and severity; only ``str`` values are kept, since numbers that
    compare equal (1, 1.0, True, Decimal("1.0")) are not shown alike. How a prepared row is
    written: export/prepared_rows.py.
    """

    def __init__(self, formats: CellFormats, specs: Sequence[SheetSpec]) -> None:
        self.formats = formats
        self.renderer = CellRenderer()
        # Per sheet, per column: (index, name, is numeric, its kept cells by value or (value, severity)).
        # A cell depends only on the first three, so sheets share the kept cells of a column they
        # hold alike: a report's doc_id and file, prepared once for its rows on every sheet.
        kept_cells: dict[tuple[int, str, bool], dict] = {}
        self.columns = []
        for spec in specs:
            columns = [(index, column, column in spec.numeric_columns)
                       for index, column in enumerate(spec.columns)]
            self.columns.append([(*column, kept_cells.setdefault(column, {})) for column in columns])
        self.kept = 0
        self.numbers: dict[str, str] = {}  # a number's XML by its repr (see number_tail)

    def row(self, sheet: int, row: Mapping[str, object], marks: Mapping[str, str]) -> list[PreparedCell]:
        """The cells of one data row of sheet ``sheet``, in column order; an empty cell is left
        out unless marked."""
        cells: list[PreparedCell] = []
        for column_index, column, is_numeric, kept in self.columns[sheet]:
            value = row.get(column)
            severity = marks.get(column) if marks else None
            if type(value) is str and len(value) <= MEMO_MAX_CHARS:
                key = value if severity is None else (value, severity)
                cell = kept.get(key, _NOT_KEPT)
                if cell is _NOT_KEPT:
                    cell = kept[key] = self.prepare(column_index, value, column, is_numeric, severity)
                    self.count_kept()
            else:
                cell = self.prepare(column_index, value, column, is_numeric, severity)
            if cell is not None:
                cells.append(cell)
        return cells

    def count_kept(self) -> None:
        """Past MEMO_MAX_ENTRIES kept cells, forget those of the column that keeps most, so that
        memory stays flat: mostly a column of texts seen once (quotes), while the few values that
        repeat (units, codes, the report's file) stay kept."""
        self.kept += 1
        if self.kept >= MEMO_MAX_ENTRIES:
            largest = max((kept for columns in self.columns for *_, kept in columns), key=len)
            self.kept -= len(largest)
            largest.clear()

    def prepare(self, column_index: int, value: object, column: str, is_numeric: bool,
                severity: str | None) -> PreparedCell | None:
        """One cell as a prepared row takes it; None for a cell left out."""
        if severity is None and not is_numeric and type(value) is str:
            tail = self.plain_text_tail(value, column)
            if tail is not None:
                return prepared_cell(column_index, None, tail)
        cell = typed_cell(self.formats, value, column, is_numeric, severity)
        if cell is None:
            return None
        kind, payload, cell_format = cell
        if kind is NUMBER:
            tail = self.number_tail(payload)
        else:
            tail = self.renderer.verbatim_text(payload) if kind is TEXT else None
            if tail is None:
                tail = self.render(kind, payload, cell_format)
        return prepared_cell(column_index, cell_format, tail)

    def plain_text_tail(self, text: str, column: str) -> str | None:
        """The tail of a text cell that typed_cell stores as it is, without a format, and that
        XlsxWriter writes as it is, made without either; None for other text.

        Most cells prepared are such text, seen once (quotes, messages, places): a text column
        that shows no names for codes (display_value), a first character that is neither the
        CSV's neutralising quote (restore_neutralised) nor a formula sign or space (the quote
        prefix), and nothing that clean_text changes nor XlsxWriter escapes (verbatim_text,
        whose characters include clean_text's)."""
        if (not text or text[0] in TEXT_MAY_CHANGE or column in COLUMN_VALUE_NAMES
                or len(text) > MAX_CELL_CHARS):
            return None
        return self.renderer.verbatim_text(text)

    def number_tail(self, number: float) -> str:
        """A number's XML, made once per number: the same number stands in many columns and
        strings (2023, 100, "1184.24" and "1184.240")."""
        key = repr(number)  # not the float: -0.0 == 0.0, but XlsxWriter writes them apart
        tail = self.numbers.get(key)
        if tail is None:
            if len(self.numbers) >= MEMO_MAX_ENTRIES:
                self.numbers.clear()
            tail = self.numbers[key] = self.render(NUMBER, number, None)
        return tail

    def render(self, kind: str, payload: object, cell_format: Format | None) -> str:
        """A cell's XML as XlsxWriter writes it (``cell_format`` only gives rich-text runs their font)."""
        def write(sheet: Worksheet, row: int, col: int, stand_in: Format) -> None:
            write_typed(sheet, row, col, kind, payload, stand_in, run_font=cell_format)

        return self.renderer.tail(write)


def write_typed(sheet: Worksheet, row: int, col: int, kind: str, payload: object,
                cell_format: Format | None, run_font: Format | None = None) -> None:
    """Store a typed cell with XlsxWriter's public write methods (``run_font``: see write_text)."""
    if kind is NUMBER:
        sheet.write_number(row, col, payload, cell_format)
    elif kind is TEXT:
        write_text(sheet, row, col, payload, cell_format, run_font)
    else:
        sheet.write_blank(row, col, None, cell_format)


# Text values up to this length are kept by PreparedCells, at most MEMO_MAX_ENTRIES of them (see
# count_kept), so that long unique texts (quotes, messages) cost no memory and a batch no more
# than a few megabytes.
MEMO_MAX_CHARS = 80
MEMO_MAX_ENTRIES = 20_000
_NOT_KEPT = object()
# First characters of text that may not reach its cell as it is: the CSV's neutralising quote
# (taken off again) and a formula sign or space (the quote prefix), see PreparedCells.plain_text_tail.
TEXT_MAY_CHANGE = MAY_NEED_QUOTE | {NEUTRALISING_PREFIX}
NUMBER, TEXT, BLANK = "number", "text", "blank"
TypedCell = tuple[str, object, Format | None]


def typed_cell(formats: CellFormats, value: object, column: str, is_numeric: bool,
               severity: str | None = None) -> TypedCell | None:
    """What one value is stored as: (NUMBER, float, format), (TEXT, str, format) or (BLANK, None,
    format); None for a cell left out.

    A number in a numeric column is a number, shown with the decimals the report wrote; anything
    else is text. An empty cell is left out unless marked, when it is still filled."""
    if severity not in SEVERITY_STYLES:
        severity = None
    number = exact_number(value) if is_numeric else None
    if number is not None:
        return NUMBER, float(number), formats.cell(number_format_for(number, column), severity)
    if value is None or value == "":
        return (BLANK, None, formats.cell(severity=severity)) if severity else None
    shown = display_value(column, restore_neutralised(value if isinstance(value, str) else str(value)))
    text = clean_text(str(shown))
    return TEXT, text, formats.cell(severity=severity, quote_prefix=is_formula_like(text))


# Text of this shape is taken by XlsxWriter for rich-text XML of its own (see write_text).
RICH_TEXT_START, RICH_TEXT_END = "<r>", "</r>"


def write_text(sheet: Worksheet, row: int, col: int, text: str, cell_format: Format | None,
               run_font: Format | None = None) -> None:
    """Store ``text`` as a string that Excel never reads as a formula, a number or an error value.

    write_string stores text as it is, whatever it looks like (``=SUM(A1)``, ``0012``, ``#N/A``).
    Text a spreadsheet could read as a formula (= + - @ …) also gets the cell's quote-prefix flag
    (in ``cell_format``), which is what Excel sets when a user types a leading ': the auditor sees
    the report's own text, without a visible quote, and Excel keeps it text even when the cell is
    edited. (The CSVs, which have no cell types, show a leading ' instead.)

    XlsxWriter writes a string that starts with ``<r>`` and ends with ``</r>`` into the sheet
    unescaped, as rich-text XML; a report's text of that shape would corrupt the file. It is
    written as a rich string of two runs in the cell's own font instead, which XlsxWriter escapes;
    Excel shows the same text. (``run_font``, when given, is that font instead of ``cell_format``'s:
    PreparedCells writes the cell with a stand-in format.)
    """
    if not (text.startswith(RICH_TEXT_START) and text.endswith(RICH_TEXT_END)):
        sheet.write_string(row, col, text, cell_format)
        return
    run_font = run_font or cell_format or Format()  # the cell's own font (or the default) for both runs
    parts: list[str | Format] = [run_font, text[:1], run_font, text[1:]]
    if cell_format:
        parts.append(cell_format)  # a trailing format is the cell's: fill, quote prefix
    sheet.write_rich_string(row, col, *parts)


def clean_text(text: str) -> str:
    """Text an .xlsx can hold: illegal control characters replaced, cut at Excel's cell limit."""
    text = ILLEGAL_XML_CHARACTERS.sub(REPLACEMENT_CHARACTER, text)
    if len(text) > MAX_CELL_CHARS:
        text = text[: MAX_CELL_CHARS - len(TRUNCATION_NOTE)] + TRUNCATION_NOTE
    return text


def exact_number(value: object) -> int | float | Decimal | None:
    """A plain number Excel can hold exactly (at most 15 significant digits), else None."""
    number = plain_number(value)
    if isinstance(number, Decimal) and len(number.as_tuple().digits) > MAX_EXACT_DIGITS:
        return None
    if isinstance(number, int) and len(str(abs(number))) > MAX_EXACT_DIGITS:
        return None
    return number


def number_format_for(number: float | Decimal, column: str) -> str | None:
    """The display format that shows the decimals the report wrote: 1184.24 → ``#,##0.00``, 18 → ``#,##0``.

    Identifiers and years (PLAIN_NUMBER_COLUMNS) get no thousands separator; floats keep General.
    """
    if isinstance(number, float):
        return None
    decimals = max(0, -int(number.as_tuple().exponent)) if isinstance(number, Decimal) else 0
    fraction = "." + "0" * decimals if decimals else ""
    if column in PLAIN_NUMBER_COLUMNS:
        return "0" + fraction if decimals else None
    return "#,##0" + fraction


# ---------------------------------------------------------------------------------------------
# Column widths


def fitted_width(widest: int) -> float:
    """A column's width for its widest text, padded, within MIN_COLUMN_WIDTH and MAX_COLUMN_WIDTH."""
    return float(min(MAX_COLUMN_WIDTH, max(MIN_COLUMN_WIDTH, widest + WIDTH_PADDING)))


def cell_width(column: str, value: object, is_numeric: bool) -> int:
    """Display width of one cell's value as the sheet shows it."""
    return text_width(display_text(display_value(column, value), is_numeric))


def display_text(value: object, is_numeric: bool) -> str:
    if value is None:
        return ""
    number = exact_number(value) if is_numeric else None
    if isinstance(number, (int, Decimal)):
        return f"{number:,}"
    if isinstance(number, float) and math.isfinite(number):
        return f"{number:g}"
    return str(value)


def text_width(text: str) -> int:
    """Display width of the longest line: wide (CJK, full-width) characters count 2, others 1.

    >>> text_width("预算执行率"), text_width("1,184.24")
    (10, 8)
    """
    if not text:
        return 0
    return max(display_width(line) for line in text.splitlines() or [""])


def discard_sheet_files(workbook: Workbook) -> None:
    """Close the temporary files the sheets stream into, after a failed write, so that their
    directory can be removed (Windows cannot remove an open file).

    Best effort: this calls into XlsxWriter's worksheets (``_opt_close``, what Workbook.close
    calls for them), and a failure here must not hide the exception that brought us here.
    """
    for sheet in workbook.worksheets():
        with suppress(Exception):  # cleanup must never mask the original error
            sheet._opt_close()
