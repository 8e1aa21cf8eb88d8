"""Prepared rows (export/prepared_rows.py) write the same workbook as XlsxWriter cell by cell.

These tests are the guard on the XlsxWriter internals that module uses: if a new XlsxWriter
serializes cells or rows differently, or numbers styles in another order, the files differ here.
"""

from __future__ import annotations

import zipfile
from pathlib import Path
from typing import Mapping

import pytest
from xlsxwriter.worksheet import Worksheet

from export import prepared_rows, sheet_writer
from export.prepared_rows import CellRenderer, PreparedRowError, PreparedRowWorksheet, prepared_cell
from export.sheet_writer import SheetSpec, WorkbookWriter, typed_cell, write_typed


class CellByCellWriter(WorkbookWriter):
    """The reference: every data cell typed and stored on its own with XlsxWriter's public write
    methods, as the writer did before rows were prepared."""

    def _write_data_row(self, sheet: PreparedRowWorksheet, row_number: int, index: int,
                        row: Mapping[str, object], marks: Mapping[str, str]) -> None:
        spec = self.specs[index]
        for column_index, column in enumerate(spec.columns):
            cell = typed_cell(self.cells.formats, row.get(column), column, column in spec.numeric_columns,
                              marks.get(column))
            if cell is not None:
                write_typed(sheet, row_number, column_index, *cell)


COLUMNS = ("name", "value", "note", "severity")
NUMERIC = frozenset({"value"})
LONG_ASTRAL = "😀" * 17_000  # past half of Excel's limit: XlsxWriter cuts it at 32,767 UTF-16 units

# Every kind of value the sheets hold, and every kind of text XlsxWriter escapes or marks.
VALUES = [
    "预算执行率", "1184.24", "1184.240", "-5.2", "0", "-0", "2017", "1234567890123456.78", "10分", "", None, 3, 2.5,
    "=SUM(A1)", "＋86", "'=1", " 前导空格", "尾随空格 ", "\u3000全角空格", "制表\t符", "换\n行", "回车\r",
    "控制\x01字符", "\x1f", "a & b < c > d \" e ' f", "_x0041_", "_X0041_", "file_x.docx", "a_b_c",
    "\ufffe\uffff", "<r>富文本</r>", "<r>a & b <t>c</t></r>", "<r>=1</r>", "😀 emoji", "长" * 40_000,
    LONG_ASTRAL, "x" * sheet_writer.MEMO_MAX_CHARS, "x" * (sheet_writer.MEMO_MAX_CHARS + 1),
]


def rows() -> list[dict[str, object]]:
    """Each value in the text and the numeric column, repeated (kept cells reused), some marked."""
    result = []
    for repeat in range(3):
        for index, value in enumerate(VALUES):
            severity = ("error", "warning", None, "info")[(index + repeat) % 4]
            result.append({"name": value, "value": value, "note": f"行{repeat}", "severity": severity})
    return result


def marks(row: Mapping[str, object]) -> Mapping[str, str]:
    severity = row["severity"]
    return {"name": severity, "value": severity} if severity in ("error", "warning") else {}


def specs() -> list[SheetSpec]:
    return [SheetSpec("甲", COLUMNS, [], NUMERIC, marks=marks), SheetSpec("乙", COLUMNS, [], NUMERIC, marks=marks)]


def write_interleaved(writer: WorkbookWriter, path: Path) -> Path:
    """Rows to both sheets in turn, as a streamed run writes them: a format first used in a row
    kept by one sheet meets formats first used in rows the other sheet writes out meanwhile."""
    for number, row in enumerate(rows()):
        for sheet in (0, 1) if number % 3 else (1, 0, 1):
            writer.write(sheet, row, marks(row))
    writer.close()
    return path


def parts(path: Path) -> dict[str, bytes]:
    with zipfile.ZipFile(path) as archive:
        return {name: archive.read(name) for name in archive.namelist() if name != "docProps/core.xml"}


def test_prepared_rows_give_the_same_file_as_xlsxwriter_cell_by_cell(tmp_path: Path) -> None:
    reference = write_interleaved(CellByCellWriter(tmp_path / "a.xlsx", specs()), tmp_path / "a.xlsx")
    prepared = write_interleaved(WorkbookWriter(tmp_path / "b.xlsx", specs()), tmp_path / "b.xlsx")
    expected, actual = parts(reference), parts(prepared)
    assert sorted(actual) == sorted(expected)
    for name in expected:
        assert actual[name] == expected[name], name
    sheet = expected["xl/worksheets/sheet1.xml"].decode()
    for escaped in ("_x000D_", "_x005F_x0041_", "_xFFFE_", 'xml:space="preserve"', "<is><r><rPr>", "r&gt;富文本&lt;/r&gt;"):
        assert escaped in sheet  # the cases XlsxWriter treats specially are there


def test_rows_copied_as_bytes_give_the_file_xlsxwriter_copies_as_text(tmp_path: Path, monkeypatch) -> None:
    """PreparedRowWorksheet copies a sheet's rows into its XML as bytes; XlsxWriter's own copy
    (through text files) must give the same parts, byte for byte."""
    copied_as_bytes = parts(write_interleaved(WorkbookWriter(tmp_path / "a.xlsx", specs()), tmp_path / "a.xlsx"))
    calls = []
    original = Worksheet._write_optimized_sheet_data

    def as_text(sheet: Worksheet) -> None:
        calls.append(sheet.name)
        original(sheet)

    monkeypatch.setattr(PreparedRowWorksheet, "_write_optimized_sheet_data", as_text)
    copied_as_text = parts(write_interleaved(WorkbookWriter(tmp_path / "b.xlsx", specs()), tmp_path / "b.xlsx"))
    assert calls == ["甲", "乙"]
    assert copied_as_bytes == copied_as_text
    assert "换\n行".encode() in copied_as_bytes["xl/worksheets/sheet1.xml"]


def test_each_distinct_cell_is_serialized_once(tmp_path: Path, monkeypatch) -> None:
    """1,000 rows of the same three values cost XlsxWriter a few cells, not 3,000."""
    serialized = []
    original = Worksheet._write_cell

    def counting(self, row, col, cell):
        serialized.append((row, col))
        return original(self, row, col, cell)

    monkeypatch.setattr(Worksheet, "_write_cell", counting)
    spec = SheetSpec("甲", ("name", "value", "unit"), [{"name": "岳阳楼区", "value": "1184.24", "unit": "万元"}] * 1000,
                     frozenset({"value"}))
    assert sheet_writer.write_workbook(tmp_path / "a.xlsx", [spec]) == {"甲": 1000}
    assert len(serialized) <= 3 + 3 + 1  # the header, at most the three values once, CellRenderer's probe
    assert parts(tmp_path / "a.xlsx")["xl/worksheets/sheet1.xml"].count(b"<row ") == 1001


def render(renderer: CellRenderer, text: str) -> str:
    return renderer.tail(lambda sheet, row, col, style: sheet.write_string(row, col, text, style))


def test_text_taken_as_it_is_is_what_xlsxwriter_writes() -> None:
    """Every character of the BMP (and a few beyond), alone and in the middle of text: wherever
    verbatim_text answers without XlsxWriter, XlsxWriter writes the same."""
    renderer = CellRenderer()
    characters = [chr(code) for code in range(0x10000) if not 0xD800 <= code <= 0xDFFF]
    characters += ["😀", "\U00020000", "\U0010fffd"]
    verbatim = []
    for character in characters:
        tail = renderer.verbatim_text(character)
        if tail is not None:
            assert tail == render(renderer, character), hex(ord(character))
            verbatim.append(character)
    for start in range(0, len(verbatim), 10_000):  # each character between others, in texts XlsxWriter never cuts
        middle = "甲" + "".join(verbatim[start:start + 10_000]) + "乙"
        assert renderer.verbatim_text(middle) == render(renderer, middle)
    assert len(verbatim) > 60_000  # ordinary text takes the short way
    for text in ("_x0041_", "a&b", " a", "a ", "a\u3000", "\x01"):
        assert renderer.verbatim_text(text) is None  # XlsxWriter escapes or marks these
    longest = "😀" * prepared_rows.MAX_VERBATIM_CHARS
    assert renderer.verbatim_text(longest) == render(renderer, longest)
    assert renderer.verbatim_text(longest + "😀") is None  # XlsxWriter cuts this one


def test_a_last_row_xlsxwriter_never_asks_for_fails_the_write(tmp_path: Path, monkeypatch) -> None:
    """Should XlsxWriter's packager stop asking for each sheet's last row, the write fails and
    leaves the previous workbook, instead of a workbook without its last rows."""
    path = tmp_path / "report.xlsx"
    spec = SheetSpec("甲", ("name",), [{"name": "甲"}, {"name": "乙"}])
    sheet_writer.write_report_xlsx(path, [spec])
    before = path.read_bytes()
    original = PreparedRowWorksheet._write_single_row

    def only_while_writing(self, current_row_num=0):
        if current_row_num:  # the packager's call for the last row has none
            original(self, current_row_num)

    monkeypatch.setattr(PreparedRowWorksheet, "_write_single_row", only_while_writing)
    with pytest.raises(PreparedRowError, match="last row"):
        sheet_writer.write_report_xlsx(path, [spec])
    assert path.read_bytes() == before


def test_a_row_written_twice_or_behind_fails() -> None:
    sheet = PreparedRowWorksheet()
    sheet.constant_memory = True
    cell = prepared_cell(0, None, ' t="inlineStr"><is><t>甲</t></is></c>')
    sheet.write_prepared_row(0, [cell])
    with pytest.raises(PreparedRowError, match="twice"):
        sheet.write_prepared_row(0, [cell])
    sheet.previous_row = 5
    with pytest.raises(PreparedRowError, match="behind"):
        sheet.write_prepared_row(3, [cell])


def test_the_package_is_deflated_at_the_fast_level_and_the_name_put_back(tmp_path: Path, monkeypatch) -> None:
    """The workbook's parts are deflated at PACKAGE_DEFLATE_LEVEL (XlsxWriter itself has no setting
    for it), and XlsxWriter's own ZipFile is back in place after the write, even one that fails."""
    import xlsxwriter.workbook

    levels: list[int | None] = []
    original_write = zipfile.ZipFile.write

    def recording_write(self, filename, arcname=None, compress_type=None, compresslevel=None):
        levels.append(self.compresslevel)
        return original_write(self, filename, arcname, compress_type, compresslevel)

    monkeypatch.setattr(zipfile.ZipFile, "write", recording_write)
    path = tmp_path / "report.xlsx"
    sheet_writer.write_report_xlsx(path, [SheetSpec("甲", ("name",), [{"name": "甲"}] * 50)])
    assert levels and set(levels) == {prepared_rows.PACKAGE_DEFLATE_LEVEL}
    with zipfile.ZipFile(path) as package:
        assert package.testzip() is None
        assert {info.compress_type for info in package.infolist()} == {zipfile.ZIP_DEFLATED}
    assert xlsxwriter.workbook.ZipFile is zipfile.ZipFile
    with pytest.raises(RuntimeError), prepared_rows.fast_deflate():
        raise RuntimeError("a failed write")
    assert xlsxwriter.workbook.ZipFile is zipfile.ZipFile
