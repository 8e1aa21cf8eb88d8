"""The .xlsx reader, on 自评表.xlsx (tests/fixtures/make_format_fixtures.py, ``make_xlsx``) and on
small workbooks built in the tests.

Expected cells were written from what ``make_xlsx`` puts in each cell and how Excel shows it
(its number format), not from the reader's output.
"""

from __future__ import annotations

import datetime as dt
import io
import time
import zipfile
from decimal import Decimal
from pathlib import Path

import openpyxl
import pytest
from conftest import FIXTURES

from extract.errors import CorruptFileError
from extract.model import Document, Location, Table
from extract.readers import file_sha256, read_document
from extract.readers import xlsx as xlsx_reader
from extract.readers.sniff import sniff
from extract.readers.xlsx import value_to_text

FORMATS = FIXTURES / "formats"
SHEET = FORMATS / "自评表.xlsx"

# 自评表.xlsx, sheet 1, every stored cell: (row, col, row_span, col_span, text).
SELF_EVALUATION_CELLS = [
    (1, 1, 1, 6, "2023年度项目支出绩效自评表"),
    (2, 1, 1, 1, "项目名称"), (2, 2, 1, 5, "农村饮水安全巩固提升工程"),
    (3, 1, 1, 1, "项目资金（万元）"), (3, 2, 1, 1, "年初预算数"), (3, 3, 1, 1, "全年预算数"),
    (3, 4, 1, 1, "全年执行数"), (3, 5, 1, 1, "执行率"), (3, 6, 1, 1, "得分"),
    (4, 1, 1, 1, "年度资金总额"), (4, 2, 1, 1, "600.00"), (4, 3, 1, 1, "640.00"),
    (4, 4, 1, 1, "512.30"), (4, 5, 1, 1, "80.05%"), (4, 6, 1, 1, "8"),
    (5, 1, 2, 1, "一级指标"), (5, 2, 2, 1, "二级指标"), (5, 3, 2, 1, "三级指标"),
    (5, 4, 1, 2, "指标值"), (5, 6, 2, 1, "得分"),
    (6, 4, 1, 1, "年度指标值"), (6, 5, 1, 1, "实际完成值"),
    (7, 1, 3, 1, "产出指标"), (7, 2, 1, 1, "数量指标"), (7, 3, 1, 1, "新建供水工程（处）"),
    (7, 4, 1, 1, "12"), (7, 5, 1, 1, "12"), (7, 6, 1, 1, "10"),
    (8, 2, 1, 1, "质量指标"), (8, 3, 1, 1, "工程验收合格率"), (8, 4, 1, 1, "100%"),
    (8, 5, 1, 1, "98.5%"), (8, 6, 1, 1, "9.5"),
    (9, 2, 1, 1, "时效指标"), (9, 3, 1, 1, "完工时间"), (9, 4, 1, 1, "2023-12-31"),
    (9, 5, 1, 1, "2023-11-30"), (9, 6, 1, 1, "10"),
    (10, 1, 1, 1, "效益指标"), (10, 2, 1, 1, "社会效益指标"), (10, 3, 1, 1, "受益人口（人）"),
    (10, 4, 1, 1, "36,000"), (10, 5, 1, 1, "36,277"), (10, 6, 1, 1, "20"),
    (11, 1, 1, 1, "合计"), (11, 2, 1, 4, ""), (11, 6, 1, 1, "57.5"),
    (12, 1, 1, 1, "其他"), (12, 2, 1, 1, "0.3"), (12, 3, 1, 1, ""),
    (12, 4, 1, 1, "1,234.50万元"), (12, 5, 1, 1, "-5.00%"), (12, 6, 1, 1, "3.14"),
]  # fmt: skip

NOTES_SHEET_CELLS = [
    (1, 1, 1, 1, "填报说明："),
    (2, 1, 1, 1, "1. 执行率=全年执行数÷全年预算数。"),
    (3, 1, 1, 1, "2. 金额单位为万元。"),
]
HIDDEN_SHEET_CELLS = [(1, 1, 1, 1, "内部测算"), (1, 2, 1, 1, "99")]
NOTE_HIDDEN_SHEET = "工作表“测算底稿”（表4）是隐藏工作表，其内容已一并读取"
NOTE_UNSAVED_FORMULA = (
    "工作表“项目支出绩效自评表”有1个公式单元格没有保存计算结果（C12），已读作空白；"
    "请用 Excel 或 WPS 打开后重新保存再提交"
)


def cells(table: Table) -> list[tuple[int, int, int, int, str]]:
    return [(c.row, c.col, c.row_span, c.col_span, c.text) for c in table.cells]


@pytest.fixture(scope="module")
def workbook() -> Document:
    return read_document(SHEET, "自评表.xlsx")


# --- 自评表.xlsx ------------------------------------------------------------------------------


def test_each_sheet_with_values_is_one_table_numbered_by_its_tab(workbook: Document) -> None:
    """Sheet 3 is empty: no table, but the hidden sheet 4 is still 表4."""
    assert sniff(SHEET).code == "xlsx"
    assert [(t.index, t.caption, t.n_rows, t.n_cols) for t in workbook.tables] == [
        (1, "项目支出绩效自评表", 12, 6),  # H20 is formatted but empty: not part of the table
        (2, "填报说明", 3, 1),
        (4, "测算底稿", 1, 2),
    ]
    assert workbook.paragraphs == ()
    assert (workbook.format, workbook.source, workbook.sha256) == ("xlsx", "自评表.xlsx", file_sha256(SHEET))


def test_cells_are_stored_once_with_merged_spans_and_shown_values(workbook: Document) -> None:
    sheet, notes, hidden = workbook.tables
    assert cells(sheet) == SELF_EVALUATION_CELLS
    assert cells(notes) == NOTES_SHEET_CELLS
    assert cells(hidden) == HIDDEN_SHEET_CELLS


def test_merged_cells_cover_their_grid_positions(workbook: Document) -> None:
    sheet = workbook.tables[0]
    label = sheet.cell_at(7, 1)
    assert label.text == "产出指标" and sheet.cell_at(8, 1) is label and sheet.cell_at(9, 1) is label
    header = sheet.cell_at(5, 4)
    assert header.text == "指标值" and sheet.cell_at(5, 5) is header
    assert sheet.cell_at(6, 1).text == "一级指标"
    assert all(position is not None for row in sheet.grid() for position in row)


def test_locations_are_sheet_row_and_column(workbook: Document) -> None:
    sheet, form = workbook.tables[0], "项目支出绩效自评表"
    assert sheet.cell_at(7, 1).location == Location(
        file="自评表.xlsx", table=1, row=7, col=1, quote="产出指标", sheet=form)
    assert sheet.cell_at(4, 5).location == Location(
        file="自评表.xlsx", table=1, row=4, col=5, quote="80.05%", sheet=form)
    assert sheet.location == Location(file="自评表.xlsx", table=1, quote="2023年度项目支出绩效自评表", sheet=form)
    assert workbook.tables[2].cell_at(1, 2).location == Location(
        file="自评表.xlsx", table=4, row=1, col=2, quote="99", sheet="测算底稿")


def test_a_cell_is_described_by_its_sheet_tab_and_cell_name(workbook: Document) -> None:
    """What an auditor types into Excel's name box after clicking the tab: 单元格E4, on the tab
    named 项目支出绩效自评表; the tab's position (表1) is what flag messages call the table."""
    assert workbook.tables[0].cell_at(4, 5).location.describe() == "工作表“项目支出绩效自评表”（表1） 单元格E4"
    assert workbook.tables[2].cell_at(1, 2).location.describe() == "工作表“测算底稿”（表4） 单元格B1"


def test_notes_name_hidden_sheets_and_formulas_saved_without_values(workbook: Document) -> None:
    assert workbook.notes == (NOTE_HIDDEN_SHEET, NOTE_UNSAVED_FORMULA)
    assert workbook.status == "partial"


def test_core_properties_become_metadata(workbook: Document) -> None:
    assert workbook.metadata == {
        "author": "某县水利局",
        "created": "2024-03-01T09:00:00",
        "modified": "2024-03-01T09:00:00",
    }


def test_a_workbook_renamed_docx_is_read_as_a_workbook() -> None:
    """openpyxl refuses file names not ending .xlsx; the reader hands it an open file instead."""
    document = read_document(FIXTURES / "docx" / "xlsx_renamed.docx", "xlsx_renamed.docx")
    assert (document.format, document.blocks) == ("xlsx", ())
    assert document.notes == ("表格文件中没有任何填有内容的工作表",)


# --- built workbooks --------------------------------------------------------------------------


def save(workbook: openpyxl.Workbook, target: Path) -> Path:
    workbook.save(target)
    return target


def test_leading_empty_rows_and_columns_are_kept_so_positions_match_the_sheet(tmp_path: Path) -> None:
    book = openpyxl.Workbook()
    book.active["C3"] = "预算数"
    book.active["D3"] = 640
    book.active.cell(row=100_000, column=50).number_format = "0.00"  # formatted far away
    document = xlsx_reader.read(save(book, tmp_path / "b.xlsx"), "b.xlsx", "0" * 64)
    table = document.tables[0]
    assert (table.n_rows, table.n_cols, len(table.cells)) == (3, 4, 12)
    assert table.cell_at(3, 3).location == Location(file="b.xlsx", table=1, row=3, col=3, quote="预算数", sheet="Sheet")
    assert [c.text for c in table.rows()[2]] == ["", "", "预算数", "640"]


def test_a_merged_range_running_past_the_values_is_clipped(tmp_path: Path) -> None:
    book = openpyxl.Workbook()
    sheet = book.active
    sheet["A1"] = "标题"
    sheet.merge_cells("A1:Z3")
    sheet["A4"], sheet["B4"], sheet["C4"] = "甲", "乙", "丙"
    table = xlsx_reader.read(save(book, tmp_path / "m.xlsx"), "m.xlsx", "0" * 64).tables[0]
    assert cells(table) == [(1, 1, 3, 3, "标题"), (4, 1, 1, 1, "甲"), (4, 2, 1, 1, "乙"), (4, 3, 1, 1, "丙")]


def test_hidden_rows_and_columns_with_values_are_noted(tmp_path: Path) -> None:
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.title = "自评表"
    for row in range(1, 5):
        for col in range(1, 4):
            sheet.cell(row=row, column=col, value=row * 10 + col)
    sheet.row_dimensions[2].hidden = True
    sheet.row_dimensions[9].hidden = True  # hidden but empty: not worth a note
    sheet.column_dimensions["C"].hidden = True
    document = xlsx_reader.read(save(book, tmp_path / "h.xlsx"), "h.xlsx", "0" * 64)
    assert document.notes == ("工作表“自评表”中第2行和C列被隐藏，其内容已一并读取",)
    assert document.tables[0].cell_at(2, 3).text == "23"
    assert document.status == "ok"


def test_a_damaged_workbook_is_a_corrupt_file_error(tmp_path: Path) -> None:
    broken = io.BytesIO()
    with zipfile.ZipFile(SHEET) as source, zipfile.ZipFile(broken, "w") as target:
        for info in source.infolist():
            data = source.read(info)
            target.writestr(info, b"<workbook><sheets>" if info.filename == "xl/workbook.xml" else data)
    path = tmp_path / "坏表.xlsx"
    path.write_bytes(broken.getvalue())
    with pytest.raises(CorruptFileError) as raised:
        read_document(path)
    assert raised.value.reason == (
        "Excel 表格文件已损坏或不完整，无法读取，请用 Excel 或 WPS 打开修复后另存为新的 .xlsx 再提交"
    )


def test_a_big_sheet_reads_in_seconds(tmp_path: Path) -> None:
    book = openpyxl.Workbook()
    sheet = book.active
    for row in range(1, 3001):
        sheet.append([f"项目{row}", row * 1.5, row / 7])
    path = save(book, tmp_path / "big.xlsx")
    started = time.perf_counter()
    table = xlsx_reader.read(path, "big.xlsx", "0" * 64).tables[0]
    assert time.perf_counter() - started < 10
    assert (table.n_rows, table.n_cols) == (3000, 3)
    # 1/7 is saved (by openpyxl) as 0.1428571428571428 and shown to 15 significant digits, as Excel does
    assert [c.text for c in table.rows()[0]] == ["项目1", "1.5", "0.142857142857143"]


# --- values as shown --------------------------------------------------------------------------

# (value, number format, text Excel shows), grouped by where the case comes from.
VALUE_CASES = [
    # General: no float artefacts, integers without ".0", no exponent
    (0.1 + 0.2, "General", "0.3"),
    (640.0, "General", "640"),
    (640, "General", "640"),
    (2161.83, "General", "2161.83"),
    (1e20, "General", "100000000000000000000"),
    (0.000123, "General", "0.000123"),
    (-12.5, "General", "-12.5"),
    (Decimal("1.50"), "General", "1.5"),
    (100, "G/通用格式", "100"),  # Chinese Excel/WPS name of General
    (100, 'G/通用格式"万元"', "100万元"),
    (7, "@", "7"),
    # fixed decimals, rounding half away from zero as Excel does
    (512.3, "0.00", "512.30"),
    (600, "0.00", "600.00"),
    (3.14159, "0.00", "3.14"),
    (0.125, "0.00", "0.13"),
    (1.005, "0.00", "1.01"),  # stored 1.00499999999999989…; Excel shows 1.01
    (2.5, "0", "3"),
    (-2.5, "0", "-3"),
    (-0.001, "0.00", "0.00"),
    (0.5, "#.00", ".50"),
    (1.5, "0.0#", "1.5"),
    (1.555, "0.0#", "1.56"),
    (7, "000", "007"),
    # thousands separators and units written into the format
    (36277, "#,##0", "36,277"),
    (1234567.891, "#,##0.00", "1,234,567.89"),
    (1234.5, '#,##0.00"万元"', "1,234.50万元"),
    (1234.5, "#,##0.00\\元", "1,234.50元"),
    (1234.5, "[$¥-804]#,##0.00", "¥1,234.50"),
    (1234.5, "[Red]0.00", "1234.50"),
    # percentages
    (0.80046875, "0.00%", "80.05%"),
    (0.6192, "0.00%", "61.92%"),
    (1, "0%", "100%"),
    (0.985, "0.0%", "98.5%"),
    (-0.05, "0.00%", "-5.00%"),
    # sections: positive;negative;zero
    (-1234.5, "#,##0.00_);(#,##0.00)", "(1,234.50)"),
    (1234.5, "#,##0.00_);[Red](#,##0.00)", "1,234.50"),
    (0, '_ * #,##0.00_ ;_ * -#,##0.00_ ;_ * "-"??_ ;_ @_ ', "-"),  # 会计专用: zero shows "-"
    (-8.5, '_ * #,##0.00_ ;_ * -#,##0.00_ ;_ * "-"??_ ;_ @_ ', "-8.50"),
    # formats not rendered here fall back to General
    (12345.678, "0.00E+00", "12345.678"),
    (0.75, "# ?/?", "0.75"),
    (123, "[DBNum1][$-804]G/通用格式", "123"),
    (150, "[>100]0.0;0", "150"),
    (45291, "yyyy-mm-dd", "45291"),  # a date format on a plain number (openpyxl gives dates as dates)
    # other value types
    (None, "General", ""),
    ("第一行\r\n第二行", "General", "第一行\n第二行"),
    (True, "General", "TRUE"),
    (False, "General", "FALSE"),
    ("#DIV/0!", "General", "#DIV/0!"),
    (dt.datetime(2023, 12, 31), "yyyy年m月d日", "2023-12-31"),
    (dt.datetime(2023, 12, 31, 14, 30), "yyyy-mm-dd hh:mm", "2023-12-31 14:30:00"),
    (dt.date(2023, 1, 5), "m/d/yy", "2023-01-05"),
    (dt.time(8, 30), "h:mm", "08:30:00"),
    (dt.timedelta(hours=30), "[h]:mm", "1 day, 6:00:00"),
]


@pytest.mark.parametrize(("value", "number_format", "expected"), VALUE_CASES)
def test_value_to_text(value, number_format: str, expected: str) -> None:
    assert value_to_text(value, number_format) == expected


def test_text_cells_lose_zero_width_characters_and_soft_hyphens() -> None:
    """As in a Word file (blind probe AD ad12): invisible characters split numbers and labels."""
    assert value_to_text("4,1\u00ad86.32") == "4,186.32"
    assert value_to_text("三\u200b公经费") == "三公经费"
