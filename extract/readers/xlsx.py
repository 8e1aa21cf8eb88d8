"""Read an Excel .xlsx workbook (自评表) into a ``Document``: one Table per worksheet.

openpyxl opens the workbook twice: once in full mode with cached values (``read_only=False``
because only full mode knows the merged ranges; ``data_only=True`` so a formula cell gives the
value Excel or WPS last calculated and saved), then in a quick streaming pass with formulas, to
find formula cells saved without a value (files written by programs and never opened in Excel):
those are read as blank, and a note lists them.

The model, per worksheet:

* ``Table.index`` is the sheet's 1-based position among all the workbook's sheets, hidden and
  empty ones included, so that 表3 is always the third sheet tab even when sheet 2 is empty and
  therefore has no Table. ``caption`` is the sheet name.
* ``row``/``col`` are the spreadsheet's own row and column numbers (row 3, col 2 is cell B3), so
  an auditor finds a cell directly: leading empty rows and columns are kept (as empty cells),
  trailing ones are dropped. The table ends at the last row and column holding a value; cells that
  are only formatted do not count.
* Every grid position holds one Cell, empty or not, except those a merged range covers: a merged
  range is one Cell at its top-left corner with ``row_span``/``col_span`` (clipped where the range
  runs past the last row or column holding a value).
* Locations have ``sheet`` (the tab's name), ``table``, ``row``, ``col`` and ``quote``; no paragraph
  or page. They read 工作表“自评表”（表2） 单元格B12.
* No Paragraph blocks: the sheet name is the table's caption, not text of the report (a
  paragraph "Sheet1" would reach the figure and sentence extractors as if it were report text).

Cell text is the value as Excel shows it, where that can be done exactly (``value_to_text``):
numbers through their number format (decimals, thousands separators, percent, quoted units like
``0.00"万元"``), at most 15 significant digits as Excel displays (so a stored 0.30000000000000004
reads ``0.3``); dates in ISO form (2023-12-31) whatever their display format; TRUE/FALSE;
error values as written (``#DIV/0!``). Formats this module does not render (scientific,
fractions, conditions, Chinese-numeral ``[DBNum1]``) fall back to the General rendering.

Hidden sheets, rows and columns are read like visible ones, and a note names them: hidden content
is exactly what an auditor wants to know about.
"""

from __future__ import annotations

import datetime as dt
import re
import warnings
import zipfile
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal, InvalidOperation
from pathlib import Path

from openpyxl import load_workbook
from openpyxl.utils import get_column_letter

from extract.errors import CorruptFileError, EncryptedFileError, ReadError
from extract.model import Cell, Document, Location, Table
from extract.readers.inflated_size import check_inflated_sizes
from extract.records import record
from extract.textfix import remove_zero_width

REASON_CORRUPT = "Excel 表格文件已损坏或不完整，无法读取，请用 Excel 或 WPS 打开修复后另存为新的 .xlsx 再提交"
REASON_ENCRYPTED = "表格文件设有密码，无法读取，请取消密码后重新提交"

# Excel displays at most 15 significant digits; beyond that a double's digits are binary noise
# (0.1+0.2 is stored 0.30000000000000004 and shown 0.3).
EXCEL_SIGNIFICANT_DIGITS = 15

GENERAL_FORMATS = frozenset({"general", "g/通用格式", "@", ""})


# --- the reader -------------------------------------------------------------------------------


def read(path: Path, source: str, sha256: str) -> Document:
    """Read the .xlsx at ``path``; every Location names ``source``."""
    workbook = open_workbook(Path(path))
    blocks: list[Table] = []
    notes: list[str] = []
    for index, sheet in enumerate(workbook.worksheets_and_charts, start=1):
        if not hasattr(sheet, "merged_cells"):  # a chart sheet: nothing to read
            continue
        table = sheet_to_table(sheet, index, source)
        if table is None:
            continue
        blocks.append(table)
        notes.extend(hidden_content_notes(sheet, index, table))
    if not blocks:
        notes.append("表格文件中没有任何填有内容的工作表")
    unsaved_formulas = formulas_without_values(Path(path), blocks)
    for sheet_name, refs in unsaved_formulas.items():
        shown = "、".join(refs[:5]) + ("等" if len(refs) > 5 else "")
        notes.append(
            f"工作表“{sheet_name}”有{len(refs)}个公式单元格没有保存计算结果（{shown}），已读作空白；"
            "请用 Excel 或 WPS 打开后重新保存再提交"
        )
    return Document(
        source=source,
        sha256=sha256,
        format="xlsx",
        blocks=tuple(blocks),
        status="partial" if unsaved_formulas else "ok",
        notes=tuple(notes),
        metadata=workbook.metadata,
    )


@dataclass
class _Workbook:
    """What the reader needs from openpyxl's workbook: every sheet tab in order, and metadata."""

    worksheets_and_charts: list
    metadata: dict[str, str]


def open_workbook(path: Path) -> _Workbook:
    """The workbook with cached values, or a ReadError saying in Chinese what is wrong.

    The file is passed as an open handle: given a name, openpyxl refuses any file whose name does
    not end in .xlsx/.xlsm, and submissions are renamed freely.
    """
    try:
        with open(path, "rb") as handle, warnings.catch_warnings():
            check_parts_inflated(handle)
            # openpyxl warns about features it drops (data validation extensions, slicers): noise here.
            warnings.simplefilter("ignore")
            workbook = load_workbook(handle, read_only=False, data_only=True)
    except (OSError, ReadError):
        raise
    except Exception as exc:  # openpyxl raises many types for damaged files (KeyError, ValueError, …)
        if "encrypt" in str(exc).lower():
            raise EncryptedFileError(REASON_ENCRYPTED, f"{type(exc).__name__}: {exc}") from exc
        raise CorruptFileError(REASON_CORRUPT, f"{type(exc).__name__}: {exc}") from exc
    sheets = [workbook[name] for name in workbook.sheetnames]  # every tab in order, chart sheets too
    return _Workbook(sheets, properties_to_metadata(workbook.properties))


# The parts openpyxl inflates and parses whole (sheets, shared strings, styles, drawings' XML).
# Pictures are left out: they hardly compress, so the limit on the file's own size covers them.
XML_PART_SUFFIXES = (".xml", ".rels", ".vml")


def check_parts_inflated(handle) -> None:
    """Refuse a workbook whose XML would inflate past the limits (extract.readers.inflated_size)
    before openpyxl inflates any of it; a file that is no zip is left to openpyxl's own error."""
    try:
        with zipfile.ZipFile(handle) as archive:
            names = archive.namelist()
            check_inflated_sizes(archive, [name for name in names if name.lower().endswith(XML_PART_SUFFIXES)])
    except zipfile.BadZipFile:
        pass
    finally:
        handle.seek(0)


def properties_to_metadata(props) -> dict[str, str]:
    values = {
        "title": props.title,
        "author": props.creator,
        "last_modified_by": props.lastModifiedBy,
        "created": props.created,
        "modified": props.modified,
    }
    return {
        key: value.isoformat() if isinstance(value, dt.datetime) else str(value)
        for key, value in values.items()
        if value
    }


# --- one sheet → one Table --------------------------------------------------------------------


def sheet_to_table(sheet, index: int, source: str) -> Table | None:
    """The sheet as a Table (see the module docstring), or None when it holds no value."""
    texts = sheet_to_texts(sheet)
    if not texts:
        return None
    n_rows = max(r for r, _ in texts)
    n_cols = max(c for _, c in texts)
    spans, covered = merged_ranges_to_spans(sheet, n_rows, n_cols)
    cells: list[Cell] = []
    for row in range(1, n_rows + 1):
        for col in range(1, n_cols + 1):
            if (row, col) in covered:
                continue
            text = texts.get((row, col), "")
            row_span, col_span = spans.get((row, col), (1, 1))
            location = Location(file=source, table=index, row=row, col=col, quote=text, sheet=sheet.title)
            cells.append(Cell(row, col, text, location, row_span, col_span))
    first_row = "\t".join(cell.text for cell in cells if cell.row == 1)
    return Table(
        index=index,
        n_rows=n_rows,
        n_cols=n_cols,
        cells=tuple(cells),
        location=Location(file=source, table=index, quote=first_row, sheet=sheet.title),
        caption=sheet.title,
    )


def sheet_to_texts(sheet) -> dict[tuple[int, int], str]:
    """(row, col) → shown text of every cell holding a value.

    Walks the cells the file defines (``_cells``) rather than ``iter_rows``: in full mode
    ``iter_rows`` creates a cell object for every position of the used range, and a sheet
    formatted down to row 1,048,576 would take minutes.
    """
    texts: dict[tuple[int, int], str] = {}
    for (row, col), cell in sheet._cells.items():
        text = value_to_text(cell.value, cell.number_format)
        if text.strip():
            texts[(row, col)] = text
    return texts


def merged_ranges_to_spans(
    sheet, n_rows: int, n_cols: int
) -> tuple[dict[tuple[int, int], tuple[int, int]], set[tuple[int, int]]]:
    """Spans of merged ranges by top-left position (clipped to the table), and the positions they
    cover besides their top-left."""
    spans: dict[tuple[int, int], tuple[int, int]] = {}
    covered: set[tuple[int, int]] = set()
    for merged in sheet.merged_cells.ranges:
        top, left = merged.min_row, merged.min_col
        if top > n_rows or left > n_cols:
            continue
        bottom, right = min(merged.max_row, n_rows), min(merged.max_col, n_cols)
        spans[(top, left)] = (bottom - top + 1, right - left + 1)
        covered.update(
            (row, col)
            for row in range(top, bottom + 1)
            for col in range(left, right + 1)
            if (row, col) != (top, left)
        )
    return spans, covered


def hidden_content_notes(sheet, index: int, table: Table) -> list[str]:
    """Chinese notes for a hidden sheet and for hidden rows/columns holding values."""
    notes = []
    if sheet.sheet_state != "visible":
        notes.append(f"工作表“{sheet.title}”（表{index}）是隐藏工作表，其内容已一并读取")
    filled = [cell for cell in table.cells if cell.text.strip()]
    rows = sorted({c.row for c in filled if sheet.row_dimensions[c.row].hidden})
    cols = sorted({c.col for c in filled if column_is_hidden(sheet, c.col)})
    if rows or cols:
        parts = []
        if rows:
            parts.append("第" + "、".join(str(r) for r in rows) + "行")
        if cols:
            parts.append(f"{'、'.join(get_column_letter(c) for c in cols)}列")
        notes.append(f"工作表“{sheet.title}”中{'和'.join(parts)}被隐藏，其内容已一并读取")
    return notes


def column_is_hidden(sheet, col: int) -> bool:
    """Column dimensions are stored per range (min..max); a hidden range hides all its columns."""
    for dimension in sheet.column_dimensions.values():
        if dimension.hidden and (dimension.min or 0) <= col <= (dimension.max or 0):
            return True
    return False


def formulas_without_values(path: Path, tables: list[Table]) -> dict[str, list[str]]:
    """Sheet name → references (``C12``) of formula cells saved without a calculated value.

    A second, read-only pass with formulas: a cell that has a formula there but no text in the
    table was saved without its value. Formulas beyond the table's last row/column are found too
    (their cells were dropped as empty).
    """
    try:
        return _formulas_without_values(path, tables)
    except Exception:  # noqa: BLE001 (a diagnostic only: the values were read; never fail the file for it)
        return {}


def _formulas_without_values(path: Path, tables: list[Table]) -> dict[str, list[str]]:
    empty = {(t.caption, c.row, c.col) for t in tables for c in t.cells if not c.text}
    bounds = {t.caption: (t.n_rows, t.n_cols) for t in tables}
    found: dict[str, list[str]] = {}
    with open(path, "rb") as handle, warnings.catch_warnings():
        warnings.simplefilter("ignore")
        workbook = load_workbook(handle, read_only=True, data_only=False)
        try:
            for sheet in workbook.worksheets:
                if not hasattr(sheet, "iter_rows"):
                    continue
                n_rows, n_cols = bounds.get(sheet.title, (0, 0))
                for row in sheet.iter_rows():
                    for cell in row:
                        value = getattr(cell, "value", None)
                        if not (isinstance(value, str) and value.startswith("=") and cell.data_type == "f"):
                            continue
                        key = (sheet.title, cell.row, cell.column)
                        if key in empty or cell.row > n_rows or cell.column > n_cols:
                            found.setdefault(sheet.title, []).append(cell.coordinate)
        finally:
            workbook.close()
    return found


# --- values as shown --------------------------------------------------------------------------


def value_to_text(value, number_format: str | None = "General") -> str:
    """A cell value as Excel shows it (see the module docstring).

    >>> value_to_text(0.80046875, "0.00%")
    '80.05%'
    >>> value_to_text(0.30000000000000004)
    '0.3'
    >>> value_to_text(dt.datetime(2023, 12, 31), "yyyy年m月d日")
    '2023-12-31'
    """
    if value is None:
        return ""
    if isinstance(value, str):
        return remove_zero_width(value.replace("\r\n", "\n"))
    if isinstance(value, bool):
        return "TRUE" if value else "FALSE"
    if isinstance(value, dt.datetime):
        if value.time() == dt.time(0, 0):
            return value.date().isoformat()
        return value.isoformat(sep=" ", timespec="seconds")
    if isinstance(value, (dt.date, dt.time)):
        return value.isoformat()
    if isinstance(value, dt.timedelta):
        return str(value)
    if isinstance(value, (int, float, Decimal)):
        return number_to_text(value, number_format or "General")
    return str(value)


def number_to_decimal(value: float | Decimal) -> Decimal:
    """The number Excel shows: floats cut to 15 significant digits, never a binary artefact."""
    if isinstance(value, float):
        return Decimal(format(value, f".{EXCEL_SIGNIFICANT_DIGITS}g"))
    return Decimal(value)


def general_text(number: Decimal) -> str:
    """General format: integers without ".0", decimals without trailing zeros, no exponent."""
    if number == number.to_integral_value():
        return str(int(number))
    return format(number.normalize(), "f")


def number_to_text(value: float | Decimal, number_format: str) -> str:
    try:
        number = number_to_decimal(value)
    except (InvalidOperation, ValueError):
        return str(value)
    if not number.is_finite():
        return str(value)
    section, has_sign = choose_section(number_format, number)
    pattern = parse_section(section) if section is not None else None
    if pattern is None:
        return general_text(number)
    try:
        return pattern.render(abs(number) if has_sign else number)
    except InvalidOperation:  # too many digits for the decimals asked (|x| > 10**26)
        return general_text(number)


def choose_section(number_format: str, number: Decimal) -> tuple[str | None, bool]:
    """The format section for this number, and whether that section carries its own sign
    (a negative section: then the number is rendered unsigned). None: render as General."""
    sections = split_sections(number_format)
    if any(re.match(r"\s*\[[<>=]", s) for s in sections):
        return None, False  # conditional sections: not rendered here
    if number < 0 and len(sections) >= 2:
        return sections[1], True
    if number == 0 and len(sections) >= 3:
        return sections[2], False
    return sections[0], False


def split_sections(number_format: str) -> list[str]:
    """Split on ``;`` outside quotes, brackets and backslash escapes."""
    sections, current, quoted, bracket, escaped = [], [], False, False, False
    for char in number_format:
        if escaped:
            current.append(char)
            escaped = False
        elif char == "\\" and not quoted:
            current.append(char)
            escaped = True
        elif char == '"':
            quoted = not quoted
            current.append(char)
        elif char == "[" and not quoted:
            bracket = True
            current.append(char)
        elif char == "]" and not quoted:
            bracket = False
            current.append(char)
        elif char == ";" and not quoted and not bracket:
            sections.append("".join(current))
            current = []
        else:
            current.append(char)
    sections.append("".join(current))
    return sections


@record
class NumberPattern:
    """One number-format section reduced to what it does to a number.

    ``0.00%`` → prefix "", min_int 1, min_dec 2, max_dec 2, percent 1, suffix "%".
    ``#,##0.00"万元"`` → grouping, suffix "万元". ``general`` is set for ``G/通用格式"万元"``.
    """

    prefix: str
    suffix: str
    min_int: int = 1
    min_dec: int = 0
    max_dec: int = 0
    grouping: bool = False
    percent: int = 0
    general: bool = False

    def render(self, number: Decimal) -> str:
        scaled = number * (Decimal(100) ** self.percent)
        sign = "-" if scaled < 0 else ""
        scaled = abs(scaled)
        if self.general:
            body = general_text(scaled)
        else:
            rounded = scaled.quantize(Decimal(1).scaleb(-self.max_dec), rounding=ROUND_HALF_UP)
            if rounded == 0:
                sign = ""
            whole, _, fraction = format(rounded, "f").partition(".")
            fraction = fraction.rstrip("0").ljust(self.min_dec, "0")
            whole = whole.lstrip("0").rjust(self.min_int, "0")
            if self.grouping and whole:
                whole = f"{int(whole):,}"
            body = whole + ("." + fraction if fraction else "")
        return f"{sign}{self.prefix}{body}{self.suffix}"


# Tokens a section is made of; anything else is a literal character shown as is.
SECTION_TOKEN = re.compile(
    r'"(?P<quoted>[^"]*)"'
    r"|\\(?P<escaped>.)"
    r"|\[(?P<bracket>[^\]]*)\]"
    r"|(?P<skip>[_*].)"
    r"|(?P<general>General|G/通用格式)"
    r"|(?P<digits>[0#?][0#?,]*(?:\.[0#?]*)?|\.[0#?]+)"
    r"|(?P<percent>%)"
    r"|(?P<other>.)",
    re.IGNORECASE | re.DOTALL,
)
# Letters that make a section a date/time, scientific or fraction format: not rendered here.
UNSUPPORTED_LETTERS = re.compile(r"[yYmMdDhHsSeE/@]")


def parse_section(section: str) -> NumberPattern | None:
    """A format section → NumberPattern, or None for what is rendered as General."""
    if section.strip().lower() in GENERAL_FORMATS:
        return None
    prefix: list[str] = []
    suffix: list[str] = []
    digits: str | None = None
    general = False
    percent = 0
    for match in SECTION_TOKEN.finditer(section):
        kind = match.lastgroup
        target = prefix if digits is None and not general else suffix
        if kind == "quoted":
            target.append(match["quoted"])
        elif kind == "escaped":
            target.append(match["escaped"])
        elif kind == "bracket":
            content = match["bracket"]
            if content.startswith("$"):  # currency and locale: [$¥-804] shows ¥
                target.append(content[1:].split("-")[0])
            elif content.lower().startswith("dbnum") or content[:1] in "hHmMsS":
                return None  # Chinese numerals or elapsed time: not rendered here
            # colours ([Red], [颜色10]) show nothing
        elif kind == "skip":
            continue  # _x pads the width of x, *x fills the cell: neither shows a character
        elif kind == "general":
            if digits is not None or general:
                return None
            general = True
        elif kind == "digits":
            if digits is not None or general:
                return None  # digits split by literals (phone numbers, fractions): not rendered
            digits = match["digits"]
        elif kind == "percent":
            percent += 1
            target.append("%")
        else:
            char = match["other"]
            if UNSUPPORTED_LETTERS.match(char):
                return None
            target.append(char)
    if general:
        return NumberPattern("".join(prefix), "".join(suffix), percent=percent, general=True)
    if digits is None:
        return None
    whole, _, fraction = digits.partition(".")
    if whole.endswith(","):
        return None  # a trailing comma divides by 1000: not rendered here
    return NumberPattern(
        prefix="".join(prefix),
        suffix="".join(suffix),
        min_int=whole.count("0"),
        min_dec=fraction.count("0"),
        max_dec=len(fraction),
        grouping="," in whole,
        percent=percent,
    )
