"""report.xlsx: read back with openpyxl, as Excel would see it."""

from __future__ import annotations

import csv
import json
import os
import tempfile
from pathlib import Path

import pytest
from openpyxl import load_workbook
from openpyxl.utils import get_column_letter

from export import sheet_writer, xlsx
from export.atomic import write_csv_atomic
from export.rows import ERROR_COLUMNS, FLAG_COLUMNS, INDICATOR_COLUMNS, METRIC_COLUMNS, REPORT_COLUMNS
from export.sanitize import NUMERIC_COLUMNS
from export.sheet_writer import text_width, write_report_xlsx
from export.xlsx import HEADER_NAMES
from export.xlsx import flag_highlights, report_sheets

# Fill colours as ARGB, with the opaque alpha byte Excel itself writes (FF).
RED = "FFFFC7CE"
AMBER = "FFFFEB9C"
HEADER_BLUE = "FFDDEBF7"
SHEET_NAMES = ["报告汇总", "指标", "指标表", "问题清单", "错误"]

DOC_A = "b7fb7d76030e1738"  # 002 岳阳楼区 2017 自评表: 全年执行数 1184.24 万元
DOC_B = "5b97304f085cac07"  # 004 永兴县 2020: 在职人员控制率 260%
SOURCES = {DOC_A: "a.docx", DOC_B: "b.docx"}


def report_row(doc_id: str, **values: object) -> dict[str, object]:
    row: dict[str, object] = {column: None for column in REPORT_COLUMNS}
    row.update(doc_id=doc_id, source_file=SOURCES.get(doc_id, f"{doc_id}.docx"), format="docx", status="ok", pages=9,
               paragraphs=2, tables=2, n_conflicts=0, n_errors=0, n_warnings=0)
    row.update(values)
    return row


REPORTS = [
    report_row(DOC_A, fiscal_year=2017, unit_name="岳阳楼区移民开发局", spent_total_wan="1184.24",
               public_budget_wan="18", staff_quota="16", n_conflicts=1, n_warnings=1, grade="优秀"),
    report_row(DOC_B, fiscal_year="2020", unit_name="=HYPERLINK(\"http://x\",\"点此\")",
               staff_control_rate_pct="260", execution_rate_pct="61.92", project_budget_wan="5143.78",
               n_errors=1, n_warnings=2,
               notes="-扫描页已跳过"),
]

METRICS = [
    {"doc_id": DOC_A, "source_file": "a.docx", "metric": "spent_total_wan", "role": "actual", "year": 2017,
     "value": "1184.24", "unit": "万元", "raw": "1184.24万元", "label_raw": "支出合计", "match_score": 100.0,
     "chosen": "是", "location": "第3段 表1 第5行第2列", "quote": "1184.24"},
    {"doc_id": DOC_B, "source_file": "b.docx", "metric": "project_spent_wan", "role": "actual", "year": 2020,
     "value": "-5.2", "unit": "万元", "raw": "-5.2万元", "label_raw": "项目支出", "match_score": 41.7,
     "chosen": "", "location": "第22段", "quote": "@SUM(1+1)*cmd|' /C calc'!A0"},
]

INDICATORS = [
    {"doc_id": DOC_A, "source_file": "a.docx", "table": 1, "row": 39, "level1": "产出目标",
     "name": "对移民进行年检年审",
     "actual_raw": "100%", "actual_value": "100", "actual_unit": "%", "weight": "10分", "score": "9.5",
     "location": "第3段 表1 第39行第4列"},
]

FLAGS = [
    {"doc_id": DOC_B, "source_file": "b.docx", "rule_id": "JX401", "kind": "out_of_range",
     "severity": "error", "message": "在职人员控制率写为260%，超过100%",
     "evidence": "在职人员控制率为 260 %。",
     "location": "第31段",
     "values": json.dumps({"在职人员控制率": "260"}, ensure_ascii=False)},
    {"doc_id": DOC_B, "source_file": "b.docx", "rule_id": "JX601", "kind": "text_table_conflict",
     "severity": "warning", "message": "项目支出预算数在报告中有两个不同数值", "evidence": "…",
     "location": "第22段",
     "values": json.dumps({"采用值": "5143.78", "另一值": "6243.78", "指标": "project_budget_wan"},
                          ensure_ascii=False)},
    {"doc_id": DOC_A, "source_file": "a.docx", "rule_id": "JX601", "kind": "text_table_conflict",
     "severity": "warning", "message": "编制数在报告中有两个不同数值", "evidence": "16 ‖ 15人",
     "location": "第3段",
     "values": json.dumps({"采用值": "16", "另一值": "15", "指标": "staff_quota"}, ensure_ascii=False)},
]

ERRORS = [
    {"source_file": "旧版报告.doc", "stage": "read", "reason": "旧版 Word 文件（.doc），请另存为 .docx",
     "exception_type": "UnsupportedFormatError"},
]


def write_sample(path: Path, **overrides) -> Path:
    parts = {"reports": REPORTS, "metrics": METRICS, "indicators": INDICATORS, "flags": FLAGS,
             "errors": ERRORS}
    parts.update(overrides)
    write_report_xlsx(path, report_sheets(**parts, highlight=flag_highlights(parts["flags"])))
    return path


@pytest.fixture(scope="module")
def book(tmp_path_factory):
    return load_workbook(write_sample(tmp_path_factory.mktemp("xlsx") / "report.xlsx"))


COLUMNS = {"报告汇总": REPORT_COLUMNS, "指标": METRIC_COLUMNS, "指标表": INDICATOR_COLUMNS,
           "问题清单": FLAG_COLUMNS, "错误": ERROR_COLUMNS}


def cell_of(sheet, row: int, column: str):
    """The cell of ``column`` (a CSV column name) in data row ``row`` (1 = first row under the header)."""
    return sheet.cell(row=row + 1, column=COLUMNS[sheet.title.split("(")[0]].index(column) + 1)


def fill_of(cell) -> str | None:
    return cell.fill.fgColor.rgb if cell.fill.fill_type == "solid" else None


# --- layout -------------------------------------------------------------------------------------


def test_sheets_in_order(book) -> None:
    assert book.sheetnames == SHEET_NAMES


@pytest.mark.parametrize("name", SHEET_NAMES)
def test_header_frozen_and_filtered(book, name: str) -> None:
    sheet = book[name]
    n_columns = len(COLUMNS[name])
    assert sheet.freeze_panes == "A2"
    assert sheet.max_column == n_columns
    last = sheet.cell(row=1, column=n_columns).column_letter
    assert sheet.auto_filter.ref == f"A1:{last}{sheet.max_row}"
    header = sheet[1]
    assert all(cell.font.bold for cell in header)
    assert all(fill_of(cell) == HEADER_BLUE for cell in header)


def test_filter_covers_exactly_the_rows(book) -> None:
    last_column = get_column_letter(len(REPORT_COLUMNS))  # BA: 53 columns
    assert book["报告汇总"].auto_filter.ref == f"A1:{last_column}3"
    assert book["问题清单"].auto_filter.ref == "A1:I4"


def test_chinese_headers(book) -> None:
    header = [cell.value for cell in book["报告汇总"][1]]
    assert header[:8] == ["文档编号", "文件", "格式", "状态", "页数", "段落数", "表格数", "评价年度"]
    assert "全年执行数（万元）" in header
    assert "预算执行率（%）" in header
    assert "编制数（人）" in header
    assert "实有人数（人）" in header and "直补人数（人）" in header
    assert "因公出国（境）费预算数（万元）" in header
    assert "直补标准（元/人/年）" in header  # the unit is already in the name
    assert header[-4:] == ["数值冲突数", "错误数", "警告数", "备注"]
    assert [cell.value for cell in book["问题清单"][1]] == [
        "文档编号", "文件", "规则", "问题类型", "严重程度", "说明", "原文", "位置", "相关数值"]
    assert [cell.value for cell in book["错误"][1]] == ["文件", "环节", "原因", "异常类型"]


def test_every_column_has_a_chinese_header() -> None:
    for columns in (REPORT_COLUMNS, METRIC_COLUMNS, INDICATOR_COLUMNS, FLAG_COLUMNS, ERROR_COLUMNS):
        for column in columns:
            assert column in xlsx.HEADER_NAMES, column
            assert not xlsx.HEADER_NAMES[column].isascii(), column


def test_column_widths_fit_cjk_text_and_stop_at_the_cap(book, tmp_path: Path) -> None:
    widths = book["报告汇总"].column_dimensions
    unit_names = [str(row["unit_name"]) for row in REPORTS]
    assert widths["I"].width == max(map(text_width, unit_names)) + sheet_writer.WIDTH_PADDING
    # budget_initial_wan: empty in both reports, so as wide as its header
    assert widths["L"].width == text_width("年初预算数（万元）") + sheet_writer.WIDTH_PADDING
    assert book["问题清单"].column_dimensions["F"].width <= sheet_writer.MAX_COLUMN_WIDTH
    long_message = dict(FLAGS[0], message="数值" * 200)
    flags = load_workbook(write_sample(tmp_path / "r.xlsx", flags=[long_message]))["问题清单"]
    assert flags.column_dimensions["F"].width == sheet_writer.MAX_COLUMN_WIDTH  # 说明


@pytest.mark.parametrize(("text", "width"), [("", 0), ("abc", 3), ("预算执行率", 10), ("1,184.24万元", 12),
                                             ("ＡＢ", 4), ("短\n较长的一行", 10)])
def test_text_width(text: str, width: int) -> None:
    assert text_width(text) == width


# --- values -------------------------------------------------------------------------------------


def test_numbers_are_numbers_with_their_decimals(book) -> None:
    reports = book["报告汇总"]
    spent = cell_of(reports, 1, "spent_total_wan")
    assert spent.data_type == "n" and spent.value == 1184.24
    assert spent.number_format == "#,##0.00"
    public = cell_of(reports, 1, "public_budget_wan")
    assert public.data_type == "n" and public.value == 18 and public.number_format == "#,##0"
    rate = cell_of(reports, 2, "execution_rate_pct")
    assert rate.value == 61.92 and rate.number_format == "#,##0.00"
    for row, year in ((1, 2017), (2, 2020)):  # an int or text "2020": a number, no thousands separator
        cell = cell_of(reports, row, "fiscal_year")
        assert cell.data_type == "n" and cell.value == year and cell.number_format == "General"
    assert cell_of(reports, 2, "n_errors").value == 1


def test_a_negative_amount_stays_a_number_in_its_numeric_column(book) -> None:
    metrics = book["指标"]
    value = cell_of(metrics, 2, "value")
    assert value.data_type == "n" and value.value == -5.2
    raw = cell_of(metrics, 2, "raw")
    assert raw.data_type == "s" and raw.value == "-5.2万元" and raw.quotePrefix
    assert cell_of(metrics, 1, "match_score").value == 100
    assert cell_of(metrics, 2, "match_score").value == 41.7


def test_codes_are_shown_by_their_chinese_names(book) -> None:
    """The workbook is read by auditors: ok / error / out_of_range … by name; the CSVs keep the codes."""
    flags = book["问题清单"]
    assert (cell_of(flags, 1, "kind").value, cell_of(flags, 1, "severity").value) == ("数值异常", "错误")
    assert (cell_of(flags, 2, "kind").value, cell_of(flags, 2, "severity").value) == ("同一数值前后不一", "提醒")
    assert fill_of(cell_of(flags, 1, "severity")) == RED  # the highlight still follows the code
    assert cell_of(book["报告汇总"], 1, "status").value == "完整读取"
    assert cell_of(flags, 1, "rule_id").value == "JX401"  # not a code with a name: as written


def test_text_stays_text(book) -> None:
    reports = book["报告汇总"]
    assert cell_of(reports, 1, "unit_name").value == "岳阳楼区移民开发局"
    assert cell_of(reports, 1, "grade").data_type == "s"
    indicators = book["指标表"]
    weight = cell_of(indicators, 1, "weight")  # a numeric column holding text
    assert weight.data_type == "s" and weight.value == "10分"
    assert cell_of(indicators, 1, "score").value == 9.5
    assert cell_of(indicators, 1, "actual_raw").value == "100%"


def test_formula_looking_text_is_stored_as_text_never_as_a_formula(book) -> None:
    reports = book["报告汇总"]
    unit = cell_of(reports, 2, "unit_name")
    assert unit.data_type == "s"
    assert unit.value == "=HYPERLINK(\"http://x\",\"点此\")"
    assert unit.quotePrefix  # Excel keeps it text even when the auditor edits the cell
    notes = cell_of(reports, 2, "notes")
    assert notes.value == "-扫描页已跳过" and notes.quotePrefix
    quote = cell_of(book["指标"], 2, "quote")
    assert quote.data_type == "s" and quote.value.startswith("@SUM") and quote.quotePrefix
    assert not cell_of(reports, 1, "unit_name").quotePrefix


def test_no_formula_reaches_the_file(tmp_path: Path) -> None:
    """The sheet XML has no <f> element at all: nothing Excel could evaluate."""
    import zipfile

    path = write_sample(tmp_path / "report.xlsx")
    with zipfile.ZipFile(path) as archive:
        sheets = [name for name in archive.namelist() if name.startswith("xl/worksheets/sheet")]
        assert len(sheets) == 5
        for name in sheets:
            assert b"<f>" not in archive.read(name) and b"<f " not in archive.read(name)


def test_error_literals_and_control_characters_stay_text(tmp_path: Path) -> None:
    reports = [report_row("x", unit_name="#N/A", notes="第1页\x0c第2页\x00")]
    book = load_workbook(write_sample(tmp_path / "report.xlsx", reports=reports, flags=[]))
    unit = cell_of(book["报告汇总"], 1, "unit_name")
    assert unit.data_type == "s" and unit.value == "#N/A"
    assert cell_of(book["报告汇总"], 1, "notes").value == "第1页\ufffd第2页\ufffd"


def test_text_shaped_like_rich_text_markup_stays_text(tmp_path: Path) -> None:
    """XlsxWriter would write "<r>…</r>" into the sheet XML as it is, corrupting the file."""
    markup = "<r>a & b <t>c</t></r>"
    reports = [report_row("x", unit_name=markup, notes="<r>=1</r>", staff_quota="<r>16</r>")]
    flags = [flag("x", "warning", {"指标": "staff_quota"})]
    book = load_workbook(write_sample(tmp_path / "report.xlsx", reports=reports, flags=flags))
    unit = cell_of(book["报告汇总"], 1, "unit_name")
    assert unit.data_type == "s" and unit.value == markup
    notes = cell_of(book["报告汇总"], 1, "notes")
    assert notes.value == "<r>=1</r>" and fill_of(notes) is None
    quota = cell_of(book["报告汇总"], 1, "staff_quota")  # a marked cell keeps its fill
    assert quota.value == "<r>16</r>" and fill_of(quota) == AMBER


def test_long_text_is_cut_at_excels_cell_limit_with_a_note(tmp_path: Path) -> None:
    reports = [report_row("x", notes="长" * 40_000)]
    book = load_workbook(write_sample(tmp_path / "report.xlsx", reports=reports, flags=[]))
    notes = cell_of(book["报告汇总"], 1, "notes").value
    assert len(notes) == sheet_writer.MAX_CELL_CHARS
    assert notes.endswith("…（已截断）")


def test_a_number_excel_cannot_hold_exactly_is_written_as_text(tmp_path: Path) -> None:
    metrics = [dict(METRICS[0], value="1234567890123456.78")]
    book = load_workbook(write_sample(tmp_path / "report.xlsx", metrics=metrics))
    value = cell_of(book["指标"], 1, "value")
    assert value.data_type == "s" and value.value == "1234567890123456.78"


def test_rows_read_back_from_the_sanitized_csvs_give_the_same_workbook(tmp_path: Path) -> None:
    """The CSV's visible quote is taken off again; its numbers, all text in a CSV, are numbers again."""
    for name, columns, rows in (("reports", REPORT_COLUMNS, REPORTS), ("metrics", METRIC_COLUMNS, METRICS)):
        write_csv_atomic(tmp_path / f"{name}.csv", columns, rows, NUMERIC_COLUMNS)

    def read_back(name: str) -> list[dict[str, str]]:
        with open(tmp_path / f"{name}.csv", encoding="utf-8-sig", newline="") as handle:
            return list(csv.DictReader(handle))

    assert read_back("reports")[1]["unit_name"].startswith("'=")  # the CSV itself is neutralised
    book = load_workbook(write_sample(tmp_path / "report.xlsx", reports=read_back("reports"),
                                      metrics=read_back("metrics")))
    reports, metrics = book["报告汇总"], book["指标"]
    unit = cell_of(reports, 2, "unit_name")
    assert unit.value == "=HYPERLINK(\"http://x\",\"点此\")" and unit.data_type == "s" and unit.quotePrefix
    assert cell_of(reports, 1, "spent_total_wan").value == 1184.24
    assert cell_of(reports, 2, "fiscal_year").value == 2020
    assert cell_of(reports, 1, "pages").value == 9
    assert cell_of(metrics, 2, "value").value == -5.2
    assert cell_of(metrics, 2, "raw").value == "-5.2万元"
    assert cell_of(reports, 2, "n_errors").value == 1 and fill_of(cell_of(reports, 2, "n_errors")) == RED


# --- highlights ---------------------------------------------------------------------------------


def test_flag_severity_cells_are_filled(book) -> None:
    flags = book["问题清单"]
    assert fill_of(cell_of(flags, 1, "severity")) == RED
    assert fill_of(cell_of(flags, 2, "severity")) == AMBER
    assert fill_of(cell_of(flags, 1, "message")) is None


def test_report_counts_are_filled_when_above_zero(book) -> None:
    reports = book["报告汇总"]
    assert fill_of(cell_of(reports, 1, "n_errors")) is None  # 0 errors
    assert fill_of(cell_of(reports, 1, "n_warnings")) == AMBER
    assert fill_of(cell_of(reports, 2, "n_errors")) == RED
    assert fill_of(cell_of(reports, 2, "n_warnings")) == AMBER


def test_metric_cells_named_by_a_flag_are_filled_in_their_own_report_row(book) -> None:
    reports = book["报告汇总"]
    assert fill_of(cell_of(reports, 2, "staff_control_rate_pct")) == RED
    assert fill_of(cell_of(reports, 2, "project_budget_wan")) == AMBER
    assert fill_of(cell_of(reports, 1, "staff_quota")) == AMBER
    assert fill_of(cell_of(reports, 2, "staff_quota")) is None  # flagged in the other report only
    assert fill_of(cell_of(reports, 1, "spent_total_wan")) is None
    assert cell_of(reports, 2, "staff_control_rate_pct").value == 260  # a fill does not change the value


def test_a_duplicate_submission_row_is_not_filled_by_its_originals_findings(tmp_path) -> None:
    duplicate = report_row(DOC_B, source_file="b 副本.docx", status="skipped")
    book = load_workbook(write_sample(tmp_path / "r.xlsx", reports=[*REPORTS, duplicate]))
    reports = book["报告汇总"]
    assert fill_of(cell_of(reports, 2, "staff_control_rate_pct")) == RED  # the report that was read
    assert cell_of(reports, 3, "source_file").value == "b 副本.docx"
    assert fill_of(cell_of(reports, 3, "staff_control_rate_pct")) is None  # same doc_id, not read
    assert fill_of(cell_of(reports, 3, "project_budget_wan")) is None


def flag(doc_id: str, severity: str, values: dict) -> dict[str, object]:
    return {"doc_id": doc_id, "source_file": f"{doc_id}.docx", "severity": severity,
            "values": json.dumps(values, ensure_ascii=False)}


@pytest.mark.parametrize(
    ("flags", "expected"),
    [
        ([flag("a", "warning", {"指标": "staff_quota", "采用值": "13"})], {("a", "a.docx", "staff_quota"): "warning"}),
        ([flag("a", "error", {"在职人员控制率": "260"})], {("a", "a.docx", "staff_control_rate_pct"): "error"}),
        ([flag("a", "warning", {"实有人数": "18", "编制数": "17", "控制率": "105.88"})],
         {("a", "a.docx", "staff_actual"): "warning", ("a", "a.docx", "staff_quota"): "warning"}),
        ([flag("a", "error", {"project_spent_wan": "-5.2"})], {("a", "a.docx", "project_spent_wan"): "error"}),
        # the worse severity wins, whatever the order
        ([flag("a", "error", {"指标": "staff_quota"}), flag("a", "warning", {"指标": "staff_quota"})],
         {("a", "a.docx", "staff_quota"): "error"}),
        ([flag("a", "info", {"指标": "staff_quota"}), flag("a", "warning", {"编制数": "1"})],
         {("a", "a.docx", "staff_quota"): "warning"}),
        # names no report cell
        ([flag("a", "warning", {"得分": "12", "分值": "10"})], {}),
        ([flag("a", "warning", {"指标": "对移民进行年检年审"})], {}),
        ([{"doc_id": "a", "severity": "error", "values": "not json"}], {}),
        ([flag("", "error", {"指标": "staff_quota"})], {}),
    ],
)
def test_flag_highlights(flags, expected) -> None:
    assert flag_highlights(flags) == expected


# --- Excel's limits and atomic writing ----------------------------------------------------------


def test_rows_past_the_sheet_limit_continue_on_numbered_sheets(tmp_path: Path, monkeypatch) -> None:
    monkeypatch.setattr(sheet_writer, "MAX_SHEET_ROWS", 4)  # a header and 3 rows per sheet
    metrics = [dict(METRICS[0], value=str(n)) for n in range(8)]
    path = tmp_path / "report.xlsx"
    counts = write_report_xlsx(path, report_sheets(REPORTS, metrics, INDICATORS, FLAGS, ERRORS))
    assert counts == {
        "报告汇总": 2, "指标": 3, "指标(2)": 3, "指标(3)": 2, "指标表": 1, "问题清单": 3, "错误": 1
    }
    book = load_workbook(path)
    assert book.sheetnames == ["报告汇总", "指标", "指标(2)", "指标(3)", "指标表", "问题清单", "错误"]
    values = []
    for name in ("指标", "指标(2)", "指标(3)"):
        sheet = book[name]
        assert sheet[1][0].value == "文档编号" and sheet.freeze_panes == "A2"
        assert sheet.auto_filter.ref == f"A1:O{sheet.max_row}"
        values.extend(cell_of(sheet, row, "value").value for row in range(1, sheet.max_row))
    assert values == list(range(8))


def test_exactly_full_sheet_needs_no_continuation(tmp_path: Path, monkeypatch) -> None:
    monkeypatch.setattr(sheet_writer, "MAX_SHEET_ROWS", 4)
    counts = write_report_xlsx(tmp_path / "r.xlsx", report_sheets([], [METRICS[0]] * 3, [], [], []))
    assert counts["指标"] == 3 and "指标(2)" not in counts


def test_empty_outputs_still_have_their_sheets(tmp_path: Path) -> None:
    path = tmp_path / "report.xlsx"
    assert write_report_xlsx(path, report_sheets([], [], [], [], [])) == dict.fromkeys(SHEET_NAMES, 0)
    book = load_workbook(path)
    assert book.sheetnames == SHEET_NAMES
    assert book["错误"].auto_filter.ref == "A1:D1"


def test_a_failed_write_leaves_the_previous_workbook_whole(tmp_path: Path, monkeypatch) -> None:
    out_dir, temp_dir = tmp_path / "out", tmp_path / "temp"
    temp_dir.mkdir()
    path = write_sample(out_dir / "report.xlsx")
    before = path.read_bytes()
    monkeypatch.setattr(tempfile, "tempdir", str(temp_dir))  # where XlsxWriter's sheet files go
    streamed = []

    def metrics():
        yield from METRICS
        streamed.extend(p for p in temp_dir.rglob("*") if p.is_file())
        raise KeyboardInterrupt  # Ctrl-C in the middle of a sheet

    with pytest.raises(KeyboardInterrupt):
        write_report_xlsx(path, report_sheets(REPORTS, metrics(), INDICATORS, FLAGS, ERRORS))
    assert path.read_bytes() == before
    assert os.listdir(out_dir) == ["report.xlsx"]  # no temporary file beside it
    assert streamed  # the sheets were streaming into temporary files …
    assert os.listdir(temp_dir) == []  # … and none of them is left
    assert load_workbook(path).sheetnames == SHEET_NAMES


def test_a_new_workbook_replaces_the_old(tmp_path: Path) -> None:
    path = write_sample(tmp_path / "report.xlsx", errors=[])
    write_sample(path)
    assert load_workbook(path)["错误"].max_row == 2


def filled_cells(sheet) -> dict[tuple[int, str], str]:
    """{(data row, column header): fill} of every filled data cell."""
    header = [cell.value for cell in sheet[1]]
    return {(cell.row - 1, header[cell.column - 1]): fill_of(cell)
            for row in sheet.iter_rows(min_row=2) for cell in row if fill_of(cell)}


def test_the_figures_and_indicator_rows_a_finding_points_at_are_filled(tmp_path: Path) -> None:
    """Blind probe AI: only 问题清单 and some 报告汇总 cells were filled. Corpus 004's stated 61.92%
    (JX201, an error) was not filled on 报告汇总 nor on 指标, nor were corpus 003's indicator rows
    that JX301 names on 指标表. The streamed workbook and one rebuilt from the CSVs agree."""
    import pipeline
    from export.sheet_writer import write_workbook
    from export.workbook import SHEET_ORDER, workbook_sheets

    from conftest import CORPUS

    out = tmp_path / "out"
    assert pipeline.main(["run", str(CORPUS / "txt" / "004_595fe22f084a2b2d.txt"),
                          str(CORPUS / "docx" / "003_4125eea1ce7e0ef6.docx"), "--out", str(out), "--quiet",
                          "--no-cache", "--workers", "1"]) == 0
    streamed = load_workbook(out / "report.xlsx")
    rebuilt_path = tmp_path / "rebuilt.xlsx"
    write_workbook(rebuilt_path, workbook_sheets({name: out / f"{name}.csv" for name in SHEET_ORDER}))
    rebuilt = load_workbook(rebuilt_path)
    for name in ("报告汇总", "指标", "指标表"):
        assert filled_cells(streamed[name]) == filled_cells(rebuilt[name]), name
    reports, metrics, indicators = streamed["报告汇总"], streamed["指标"], streamed["指标表"]
    rate_column = [cell.value for cell in reports[1]].index(HEADER_NAMES["execution_rate_pct"]) + 1
    rate_rows = [row for row in range(2, reports.max_row + 1) if reports.cell(row, rate_column).value == 61.92]
    assert rate_rows and all(fill_of(reports.cell(row, rate_column)) == RED for row in rate_rows)
    stated = [(row, fill) for (row, column), fill in filled_cells(metrics).items()
              if column == HEADER_NAMES["value"] and metrics.cell(row + 1, column_index(metrics, "value")).value == 61.92]
    assert stated and all(fill == RED for _, fill in stated)
    named_rows = {row for (row, column), _ in filled_cells(indicators).items()
                  if column == HEADER_NAMES["name"]}
    names = {indicators.cell(row + 1, column_index(indicators, "name")).value for row in named_rows}
    assert any("截至2022年底" in name for name in names)
    unflagged = [indicators.cell(row, column_index(indicators, "name")).value for row in range(2, indicators.max_row + 1)
                 if (row - 1) not in named_rows]
    assert unflagged  # rows no finding names stay unfilled


def column_index(sheet, column: str) -> int:
    return [cell.value for cell in sheet[1]].index(HEADER_NAMES[column]) + 1
