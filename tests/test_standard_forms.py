"""The national 项目支出绩效自评表 (the form of 财预〔2020〕10号), filled in as units fill it.

The seeds are narrative reports; most units also (or only) send this form. It is built here with
python-docx the way Word lays it out: 项目资金（万元） written once in a cell spanning the funding
rows, the funding block's columns 年初预算数 / 全年预算数 / 全年执行数 / 分值 / 执行率 / 得分, an
indicator block with 分值 and 得分 columns, a 总分 row whose label spans the columns left of the
totals, and 填报单位 / 填报日期 under the tables. Every expected value below was read off the form
as written in ``build_form``; the same expectations hold for the form saved as a workbook, printed
to PDF, and written as Word's text export (the seeds' format).
"""

from __future__ import annotations

import csv
import subprocess
from pathlib import Path

import docx
import pytest
from docx.oxml.ns import qn
from openpyxl import Workbook

import pipeline

FUNDS = [
    ["项目名称", "农村饮水安全巩固提升工程", "", "", "", "", "", ""],
    ["主管部门", "某县水利局", "", "", "实施单位", "某县农村供水服务中心", "", ""],
    ["项目资金（万元）", "", "年初预算数", "全年预算数", "全年执行数", "分值", "执行率", "得分"],
    ["", "年度资金总额", "500", "620", "558", "10", "90%", "9"],
    ["", "其中：当年财政拨款", "500", "600", "540", "—", "—", "—"],
    ["", "上年结转资金", "", "20", "18", "—", "—", "—"],
    ["", "其他资金", "", "", "", "—", "—", "—"],
]
INDICATORS = [
    ["年度总体目标", "预期目标", "", "", "实际完成情况", "", "", "", ""],
    ["", "完成12处供水工程改造，提升农村自来水普及率", "", "", "完成11处供水工程改造，农村自来水普及率达到92%",
     "", "", "", ""],
    ["绩效指标", "一级指标", "二级指标", "三级指标", "年度指标值", "实际完成值", "分值", "得分", "偏差原因分析及改进措施"],
    ["", "产出指标", "数量指标", "供水工程改造处数", "12处", "11处", "20", "18", "1处因用地问题延期"],
    ["", "", "质量指标", "工程验收合格率", "100%", "100%", "10", "10", ""],
    ["", "", "时效指标", "资金拨付及时率", "≥90%", "95%", "10", "10", ""],
    ["", "", "成本指标", "单处改造成本", "≤50万元", "49.5万元", "10", "10", ""],
    ["", "效益指标", "社会效益指标", "农村自来水普及率", "≥90%", "92%", "30", "30", ""],
    ["", "满意度指标", "服务对象满意度指标", "受益群众满意度", "≥90%", "88%", "10", "8", "部分群众反映水压不足"],
    ["总分", "", "", "", "", "", "100", "95", ""],
]


def fill(table, rows: list[list[str]]) -> None:
    table.style = "Table Grid"  # ruled, as the form is printed
    for i, row in enumerate(rows):
        for j, text in enumerate(row):
            table.cell(i, j).text = text


def merge(table, top: int, left: int, bottom: int, right: int, text: str) -> None:
    table.cell(top, left).merge(table.cell(bottom, right))
    table.cell(top, left).text = text


def build_form(path: Path) -> Path:
    document = docx.Document()
    document.add_paragraph("附件2")
    document.add_paragraph("项目支出绩效自评表")
    document.add_paragraph("（2023年度）")
    funds = document.add_table(rows=len(FUNDS), cols=8)
    fill(funds, FUNDS)
    merge(funds, 0, 1, 0, 7, "农村饮水安全巩固提升工程")
    merge(funds, 1, 1, 1, 3, "某县水利局")
    merge(funds, 1, 5, 1, 7, "某县农村供水服务中心")
    merge(funds, 2, 0, 6, 0, "项目资金（万元）")
    indicators = document.add_table(rows=len(INDICATORS), cols=9)
    fill(indicators, INDICATORS)
    merge(indicators, 0, 0, 1, 0, "年度总体目标")
    merge(indicators, 2, 0, 8, 0, "绩效指标")
    merge(indicators, 3, 1, 6, 1, "产出指标")
    merge(indicators, 9, 0, 9, 5, "总分")
    document.add_paragraph("填报单位（盖章）：某县农村供水服务中心    填报日期：2024年3月15日")
    document.save(path)
    return path


def build_workbook(path: Path) -> Path:
    """The same form as a 自评表 spreadsheet: one sheet, the same merges."""
    book = Workbook()
    sheet = book.active
    sheet.title = "自评表"
    sheet.append(["项目支出绩效自评表"])
    sheet.append(["（2023年度）"])
    for row in FUNDS:
        sheet.append(row)
    first = 3  # FUNDS start on row 3, INDICATORS right after
    for top, left, bottom, right in ((0, 1, 0, 7), (1, 1, 1, 3), (1, 5, 1, 7), (2, 0, 6, 0)):
        sheet.merge_cells(start_row=first + top, start_column=left + 1, end_row=first + bottom, end_column=right + 1)
    for row in INDICATORS:
        sheet.append(row)
    first += len(FUNDS)
    for top, left, bottom, right in ((0, 0, 1, 0), (2, 0, 8, 0), (3, 1, 6, 1), (9, 0, 9, 5)):
        sheet.merge_cells(start_row=first + top, start_column=left + 1, end_row=first + bottom, end_column=right + 1)
    sheet.append(["填报单位（盖章）：某县农村供水服务中心    填报日期：2024年3月15日"])
    book.save(path)
    return path


def build_pdf(path: Path) -> Path:
    """The .docx form printed to PDF by LibreOffice, as a unit exporting it would."""
    source = build_form(path.with_suffix(".docx"))
    subprocess.run(["soffice", "--headless", f"-env:UserInstallation=file://{path.parent / 'lo-profile'}",
                    "--convert-to", "pdf", "--outdir", str(path.parent), str(source)],
                   check=True, capture_output=True, timeout=180)
    source.unlink()
    return path


def build_text_export(path: Path) -> Path:
    """The .docx form as Word's text export writes it (the seeds' format): a paragraph per line;
    a table cell per line, starting with a TAB, and a blank line after each row. The export has
    no spans: a cell merged across columns is written once, and the rows under a cell merged
    down its column have an empty cell in its place (项目资金（万元） on the first funding row only;
    总分 once, then 100 | 95 | '')."""
    return text_export_of(build_form(path.with_suffix(".docx")), path)


def text_export_of(source: Path, path: Path | None = None) -> Path:
    """The text export (``build_text_export``) of the .docx ``source``, written to ``path``
    (``source`` as .txt by default); ``source`` is removed."""
    path = path or source.with_suffix(".txt")
    form = docx.Document(source)
    lines: list[str] = []
    for block in form.element.body.iterchildren():
        if block.tag == qn("w:p"):
            lines.append(block.xpath("string(.)"))
        elif block.tag == qn("w:tbl"):
            for tr in block.tr_lst:
                for tc in tr.tc_lst:
                    paragraphs = [] if tc.vMerge == "continue" else [p.xpath("string(.)") for p in tc.p_lst]
                    lines.append("\t" + (paragraphs[0] if paragraphs else ""))
                    lines.extend(paragraphs[1:])
                lines.append("")
            lines.append("")
    source.unlink()
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


BUILDERS = {"docx": build_form, "xlsx": build_workbook, "pdf": build_pdf, "txt": build_text_export}


def read_rows(path: Path) -> list[dict[str, str]]:
    with open(path, encoding="utf-8-sig", newline="") as handle:
        return list(csv.DictReader(handle))


@pytest.fixture(scope="module", params=sorted(BUILDERS))
def outputs(request, tmp_path_factory) -> Path:
    """The pipeline's outputs for the form in one format: the same expectations for every one."""
    folder = tmp_path_factory.mktemp(f"form-{request.param}")
    form = BUILDERS[request.param](folder / f"项目支出绩效自评表.{request.param}")
    out = folder / "out"
    assert pipeline.main(["run", str(form), "--out", str(out), "--quiet", "--no-cache", "--workers", "1"]) == 0
    return out


@pytest.mark.parametrize(
    ("key", "expected"),
    [
        ("fiscal_year", "2023"),
        ("report_kind", "project"),
        ("unit_name", "某县农村供水服务中心"),  # 填报单位 before 主管部门 某县水利局
        ("report_date", "2024-03-15"),  # 填报日期：…
        ("budget_initial_wan", "500"),  # unit from 项目资金（万元）, spanning the funding rows
        ("budget_total_wan", "620"),
        ("spent_total_wan", "558"),
        ("execution_rate_pct", "90"),
        ("carryover_wan", "20"),  # 上年结转资金's 全年预算数; its 全年执行数 18 is spending
        ("self_score", "95"),  # 总分 row, 得分 column; its 分值 100 is the weight
    ],
)
def test_the_form_fills_the_report_row(outputs: Path, key: str, expected: str) -> None:
    (report,) = read_rows(outputs / "reports.csv")
    assert report[key] == expected


def test_no_value_is_taken_from_the_wrong_column(outputs: Path) -> None:
    metrics = read_rows(outputs / "metrics.csv")
    assert not [m for m in metrics if m["metric"] == "carryover_wan" and m["value"] == "18"]
    assert not [m for m in metrics if m["metric"] == "self_score" and m["value"] == "100"]
    (report,) = read_rows(outputs / "reports.csv")
    assert report["n_conflicts"] == "0"


def test_the_indicator_rows_and_the_missed_targets(outputs: Path) -> None:
    indicators = read_rows(outputs / "indicators.csv")
    assert [(r["level1"], r["level2"], r["name"], r["target_raw"], r["actual_raw"], r["weight"], r["score"])
            for r in indicators] == [
        ("产出指标", "数量指标", "供水工程改造处数", "12处", "11处", "20", "18"),
        ("产出指标", "质量指标", "工程验收合格率", "100%", "100%", "10", "10"),  # 产出指标 merged down
        ("产出指标", "时效指标", "资金拨付及时率", "≥90%", "95%", "10", "10"),
        ("产出指标", "成本指标", "单处改造成本", "≤50万元", "49.5万元", "10", "10"),
        ("效益指标", "社会效益指标", "农村自来水普及率", "≥90%", "92%", "30", "30"),
        ("满意度指标", "服务对象满意度指标", "受益群众满意度", "≥90%", "88%", "10", "8"),
    ]
    missed = {r["message"].split("”")[0].split("“")[1] for r in read_rows(outputs / "flags.csv")
              if r["rule_id"] == "JX501"}
    assert missed == {"供水工程改造处数", "受益群众满意度"}  # 11处 < 12处, 88% < ≥90%


# The 部门整体支出绩效自评表: the same funding block, split by 收入性质 and 支出性质.
DEPT_FUNDS = [
    ["部门（单位）名称", "某县农业农村局", "", "", "", "", "", ""],
    ["年度预算申请（万元）", "", "年初预算数", "全年预算数", "全年执行数", "分值", "执行率", "得分"],
    ["", "年度资金总额", "1000", "1200", "1100", "10", "91.67%", "9.17"],
    ["", "按收入性质分：", "", "", "", "", "", ""],
    ["", "其中：财政拨款", "950", "1150", "1060", "—", "—", "—"],
    ["", "其他资金", "50", "50", "40", "—", "—", "—"],
    ["", "按支出性质分：", "", "", "", "", "", ""],
    ["", "其中：基本支出", "600", "650", "640", "—", "—", "—"],
    ["", "项目支出", "400", "550", "460", "—", "—", "—"],
]


def unit_form(title: str, unit: str, rows: list[list[str]]):
    """A document of a 部门整体 form: its title, then its table, the unit's name merged across the
    first row right of its label. Returns the document and the table."""
    document = docx.Document()
    document.add_paragraph(title)
    table = document.add_table(rows=len(rows), cols=len(rows[0]))
    fill(table, rows)
    merge(table, 0, 1, 0, len(rows[0]) - 1, unit)
    return document, table


@pytest.fixture(scope="module")
def dept_report(tmp_path_factory) -> dict[str, str]:
    folder = tmp_path_factory.mktemp("dept")
    document, table = unit_form("某县农业农村局2023年度部门整体支出绩效自评表", "某县农业农村局", DEPT_FUNDS)
    merge(table, 1, 0, 8, 0, "年度预算申请（万元）")
    document.add_paragraph("自评得分：92分，自评等次：优")
    document.save(folder / "部门整体.docx")
    out = folder / "out"
    assert pipeline.main(["run", str(folder / "部门整体.docx"), "--out", str(out), "--quiet", "--no-cache",
                          "--workers", "1"]) == 0
    (report,) = read_rows(out / "reports.csv")
    return report


@pytest.mark.parametrize(
    ("key", "expected"),
    [
        ("unit_name", "某县农业农村局"),
        ("report_kind", "dept_overall"),
        ("budget_initial_wan", "1000"),
        ("budget_total_wan", "1200"),
        ("spent_total_wan", "1100"),
        ("execution_rate_pct", "91.67"),
        ("basic_budget_wan", "650"),  # 全年预算数; the 年初预算数 600 is the budget before adjustments
        ("basic_spent_wan", "640"),
        ("project_budget_wan", "550"),
        ("project_spent_wan", "460"),
        ("self_score", "92"),
        ("grade", "优"),
        ("n_conflicts", "0"),  # 年初 600 and 全年 650 are two quantities, not one stated twice
    ],
)
def test_the_department_form_fills_the_report_row(dept_report: dict[str, str], key: str, expected: str) -> None:
    assert dept_report[key] == expected


# A 部门整体 report's “三公”经费 table: the subject and the unit are written once, in the corner.
SANGONG = [
    ["“三公”经费（万元）", "预算数", "实际支出数", "控制率"],
    ["合计", "12.5", "10.3", "82.4%"],
    ["因公出国（境）费", "0", "0", "—"],
    ["公务用车购置及运行维护费", "8", "6.8", "85%"],
    ["公务接待费", "4.5", "3.5", "77.78%"],
]


def run_document(tmp_path: Path, document) -> tuple[dict[str, str], list[dict[str, str]]]:
    """Save a python-docx document, run the pipeline on it; its reports.csv row and flags.csv rows."""
    document.save(tmp_path / "报告.docx")
    out = tmp_path / "out"
    assert pipeline.main(["run", str(tmp_path / "报告.docx"), "--out", str(out), "--quiet", "--no-cache",
                          "--workers", "1"]) == 0
    (report,) = read_rows(out / "reports.csv")
    return report, read_rows(out / "flags.csv")


def sangong_run(tmp_path: Path, rows: list[list[str]]) -> tuple[dict[str, str], list[dict[str, str]]]:
    document = docx.Document()
    document.add_paragraph("某县文化旅游广电体育局2022年度部门整体支出绩效自评报告")
    fill(document.add_table(rows=len(rows), cols=4), rows)
    return run_document(tmp_path, document)


def test_the_sangong_table_fills_its_keys_from_the_corner_cell(tmp_path: Path) -> None:
    report, flags = sangong_run(tmp_path, SANGONG)
    assert {key: report[key] for key in (
        "sangong_budget_wan", "sangong_spent_wan", "overseas_budget_wan", "overseas_spent_wan",
        "vehicle_budget_wan", "vehicle_spent_wan", "reception_budget_wan", "reception_spent_wan",
        "budget_total_wan")} == {
        "sangong_budget_wan": "12.5", "sangong_spent_wan": "10.3",  # 合计 is the 三公 total …
        "overseas_budget_wan": "0", "overseas_spent_wan": "0",
        "vehicle_budget_wan": "8", "vehicle_spent_wan": "6.8",
        "reception_budget_wan": "4.5", "reception_spent_wan": "3.5",
        "budget_total_wan": "",  # … never the unit's whole budget
    }
    assert [f for f in flags if f["kind"] == "sum_mismatch"] == []  # 0 + 8 + 4.5 = 12.5


def test_a_sangong_total_that_does_not_add_up_is_flagged(tmp_path: Path) -> None:
    rows = [list(row) for row in SANGONG]
    rows[1][1] = "13.5"  # the parts still make 12.5
    report, flags = sangong_run(tmp_path, rows)
    assert report["sangong_budget_wan"] == "13.5"
    mismatches = [f for f in flags if f["kind"] == "sum_mismatch"]
    assert mismatches and all("13.5" in f["message"] and "12.5" in f["message"] for f in mismatches)


# The 财政部 部门整体支出绩效自评表 as Word lays it out: 年度预算执行情况（万元） merged down the money
# block, and the 按收入性质分 / 按支出性质分 cells, each half the width, holding label and amount
# (“其中：基本支出：2,986.40”). 2986.40 + 719.85 = 3706.25, the 全年执行数.
INLINE_FUNDS = [
    ["部门名称", "某县第一中学", "", "", "", "", "", ""],
    ["年度预算执行情况（万元）", "", "年初预算数", "全年预算数（A）", "全年执行数（B）", "分值", "执行率（B/A）", "得分"],
    ["", "年度资金总额", "3,450.00", "3,812.60", "3,706.25", "10", "97.21%", "9.72"],
    ["", "按收入性质分", "", "", "按支出性质分", "", "", ""],
    ["", "其中：一般公共预算：3,512.60", "", "", "其中：基本支出：2,986.40", "", "", ""],
    ["", "政府性基金预算：0", "", "", "项目支出：719.85", "", "", ""],
    ["", "其他资金：0", "", "", "", "", "", ""],
]


def test_the_department_form_with_amounts_inside_its_label_cells(tmp_path: Path) -> None:
    document, table = unit_form("某县第一中学2023年度部门整体支出绩效自评表", "某县第一中学", INLINE_FUNDS)
    merge(table, 1, 0, 6, 0, "年度预算执行情况（万元）")
    for row in range(3, 7):
        merge(table, row, 1, row, 3, INLINE_FUNDS[row][1])
        merge(table, row, 4, row, 7, INLINE_FUNDS[row][4])
    report, flags = run_document(tmp_path, document)
    assert {key: report[key] for key in ("spent_total_wan", "basic_spent_wan", "project_spent_wan")} == {
        "spent_total_wan": "3706.25", "basic_spent_wan": "2986.40", "project_spent_wan": "719.85"}
    assert flags == []


# The 财政部 form's head (probe mof_ok): the budget asked for, its parts written inside label cells,
# then the year's execution. 1,980.30 + 700.20 = 2,680.50, the 年初预算数 of the table below.
BUDGET_REQUEST_FORM = [
    ["部门（单位）名称", "某县教育局", "", "", "", "", ""],
    ["年度预算申请（万元）", "资金总额", "按收入性质分：", "", "按支出性质分：", "", ""],
    ["", "2,680.50", "其中：一般公共预算：2,500.50", "", "其中：基本支出：1,980.30", "", ""],
    ["", "", "政府性基金拨款：100.00", "", "项目支出：700.20", "", ""],
    ["年度预算执行情况（万元）", "", "年初预算数", "全年预算数", "全年执行数", "执行率", "备注"],
    ["", "年度资金总额", "2680.5", "2850", "2793", "98.00%", ""],
    ["", "其中：基本支出", "1980.3", "2050", "2048.5", "", ""],
    ["", "项目支出", "700.2", "800", "744.5", "", ""],
]


def test_amounts_inside_label_cells_of_the_budget_request_are_the_initial_budget(tmp_path: Path) -> None:
    """“其中：基本支出：1,980.30” under 年度预算申请 is the budget asked for, not money spent: no
    second value of 基本支出 against the 全年执行数 2048.5 (JX601), and the spending is the table's."""
    document, table = unit_form("某县教育局2023年度部门整体支出绩效自评表", "某县教育局", BUDGET_REQUEST_FORM)
    merge(table, 1, 0, 3, 0, "年度预算申请（万元）")
    merge(table, 4, 0, 7, 0, "年度预算执行情况（万元）")
    for row in (1, 2, 3):
        merge(table, row, 2, row, 3, BUDGET_REQUEST_FORM[row][2])
        merge(table, row, 4, row, 6, BUDGET_REQUEST_FORM[row][4])
    report, flags = run_document(tmp_path, document)
    assert {key: report[key] for key in ("budget_initial_wan", "spent_total_wan", "basic_spent_wan",
                                         "project_spent_wan")} == {
        "budget_initial_wan": "2680.5", "spent_total_wan": "2793", "basic_spent_wan": "2048.5",
        "project_spent_wan": "744.5"}
    assert flags == []


# The 部门整体支出绩效自评表 with its rows labelled in two columns: 按支出性质分 merged down the first
# column, 年度资金总额, “三公”经费 and the heading 年度预算申请（万元） merged across both label columns.
# The same expectations hold for its text export (tests/test_narrative_report.py,
# TWO_LABEL_COLUMNS_FORM), which writes each merged cell once.
TWO_LABEL_COLUMNS = [
    ["年度预算申请（万元）", "", "年初预算数", "全年预算数", "全年执行数", "分值", "执行率", "得分"],
    ["年度资金总额", "", "1,620.00", "1,865.40", "1,802.36", "10", "96.62%", "9.66"],
    ["按支出性质分", "基本支出", "1,120.00", "1,168.30", "1,166.92", "", "99.88%", ""],
    ["", "其中：人员经费", "1,010.00", "1,052.10", "1,051.60", "", "99.95%", ""],
    ["", "公用经费", "110.00", "116.20", "115.32", "", "99.24%", ""],
    ["", "项目支出", "500.00", "697.10", "635.44", "", "91.15%", ""],
    ["“三公”经费", "", "8.00", "8.00", "6.25", "", "78.13%", ""],
]


@pytest.mark.parametrize("fmt", ["docx", "txt"])
def test_a_form_with_its_rows_labelled_in_two_columns(tmp_path: Path, fmt: str) -> None:
    document = docx.Document()
    document.add_paragraph("某县疾病预防控制中心2023年度部门整体支出绩效自评报告")
    table = document.add_table(rows=len(TWO_LABEL_COLUMNS), cols=8)
    fill(table, TWO_LABEL_COLUMNS)
    for row in (0, 1, 6):
        merge(table, row, 0, row, 1, TWO_LABEL_COLUMNS[row][0])
    merge(table, 2, 0, 5, 0, "按支出性质分")
    path = tmp_path / "部门整体.docx"
    document.save(path)
    if fmt == "txt":
        path = text_export_of(path)
    out = tmp_path / "out"
    assert pipeline.main(["run", str(path), "--out", str(out), "--quiet", "--no-cache", "--workers", "1"]) == 0
    (report,) = read_rows(out / "reports.csv")
    assert {key: report[key] for key in (
        "spent_total_wan", "basic_budget_wan", "basic_spent_wan", "personnel_spent_wan", "public_spent_wan",
        "project_budget_wan", "project_spent_wan", "sangong_budget_wan", "sangong_spent_wan")} == {
        "spent_total_wan": "1802.36", "basic_budget_wan": "1168.30", "basic_spent_wan": "1166.92",
        "personnel_spent_wan": "1051.60", "public_spent_wan": "115.32",
        "project_budget_wan": "697.10", "project_spent_wan": "635.44",
        "sangong_budget_wan": "8.00", "sangong_spent_wan": "6.25",
    }
    assert read_rows(out / "flags.csv") == []


def run_workbook(tmp_path: Path, sheets: dict[str, list[list]], merged: tuple[str, ...] = ()
                 ) -> tuple[dict[str, str], list[dict[str, str]]]:
    """Write one sheet per entry (rows as given, ``merged`` ranges on every sheet), run the
    pipeline; the reports.csv row and flags."""
    workbook = Workbook()
    workbook.remove(workbook.active)
    for title, rows in sheets.items():
        sheet = workbook.create_sheet(title)
        for row in rows:
            sheet.append(row)
        for cells in merged:
            sheet.merge_cells(cells)
    path = tmp_path / "自评表.xlsx"
    workbook.save(path)
    out = tmp_path / "out"
    assert pipeline.main(["run", str(path), "--out", str(out), "--quiet", "--no-cache",
                          "--workers", "1"]) == 0
    (report,) = read_rows(out / "reports.csv")
    return report, read_rows(out / "flags.csv")


def test_a_line_of_labels_and_values_under_the_budget_columns_is_read_pair_by_pair(tmp_path: Path) -> None:
    """“人员编制（人） | 86 | 实有人数（人） | 82” (merged A:C, D, E:F, G:I) under a header row 年初预算数 |
    全年预算数 | 全年执行数 | 分值 … (blind probe S s04): each count is its label's, not of the budget
    or 分值 column above it."""
    rows = [
        ["2024年度部门整体支出绩效自评表"],
        ["填报单位：临沂市兰山区司法局", "", "", "", "", "", "单位：元"],
        ["年度预算资金", "", "", "年初预算数", "全年预算数", "全年执行数", "分值", "执行率", "得分"],
        ["年度资金总额", "", "", 21563400, 23418650, 22765208.4, 10, "97.21%", 9.72],
        ["人员编制（人）", "", "", 86, "实有人数（人）", "", 82],
    ]
    report, _ = run_workbook(tmp_path, {"部门整体支出绩效自评表": rows}, merged=(
        "A1:I1", "A2:F2", "G2:I2", "A3:C3", "A4:C4", "A5:C5", "E5:F5", "G5:I5"))
    assert (report["staff_quota"], report["staff_actual"], report["spent_total_wan"]) == (
        "86", "82", "2276.52084")


def test_counts_listed_under_a_money_block_are_their_labels(tmp_path: Path) -> None:
    """A sheet whose money block (项目 | 年初预算数 | 全年预算数 | 全年执行数, 单位：元) is followed,
    after a blank row, by the unit's other facts one per row (“编制数（人） | 30” in the 年初预算数
    column, blind probe AM x01): each count is its label's, not a budget of 30 元. A row with two
    values under the money columns stays of its columns."""
    rows = [
        ["长沙市某区统计局2023年度部门整体支出绩效自评表"],
        ["单位：元"],
        ["项目", "年初预算数", "全年预算数", "全年执行数", "执行率"],
        ["支出合计", "8,500,000.00", "8,765,432.10", "8,642,100.55", "98.59%"],
        ["基本支出", "6,000,000.00", "6,120,000.00", "6,100,000.00", ""],
        ["项目支出", "2,500,000.00", "2,645,432.10", "2,542,100.55", ""],
        [],
        ["编制数（人）", 30],
        ["实有人数（人）", 28],
        ["在职人员控制率", "93.33%"],
    ]
    report, flags = run_workbook(tmp_path, {"自评表": rows}, merged=("A1:E1",))
    assert (report["staff_quota"], report["staff_actual"], report["budget_total_wan"]) == (
        "30", "28", "876.543210")
    assert [flag["rule_id"] for flag in flags] == []
    # where an auditor finds it: the tab, then the cell by the name Excel gives it
    chosen = {row["metric"]: row["location"] for row in read_rows(tmp_path / "out" / "metrics.csv")
              if row["chosen"] == "是"}
    assert chosen["staff_quota"] == "工作表“自评表”（表1） 单元格B8 字符1-2"


def test_a_total_under_a_side_alone_is_the_reports(tmp_path: Path) -> None:
    """“资金来源 | 预算安排（年初预算 | 年中调整 | 全年预算） | 执行情况（实际支出 | 执行率）” with a 合计
    row (blind probe W w08): the 年初预算 under the merged group is the report's, as 全年预算 and
    实际支出 beside it are; the sources' rows above are parts, and 年中调整 a change."""
    report, flags = run_workbook(tmp_path, {"自评表": [
        ["信丰县2024年城乡居民基本医疗保险财政补助资金绩效自评表"],
        ["填报单位：信丰县医疗保障局", "", "", "", "", "单位：万元"],
        ["资金来源", "预算安排", "", "", "执行情况", ""],
        ["", "年初预算", "年中调整", "全年预算", "实际支出", "执行率"],
        ["中央补助资金", "27,000.00", "600.00", "27,600.00", "27,600.00", "100.00%"],
        ["县级配套资金", "13,000.00", "200.00", "13,200.00", "13,182.90", "99.87%"],
        ["合计", "40,000.00", "800.00", "40,800.00", "40,782.90", "99.96%"]]},
        merged=("A1:F1", "A2:E2", "A3:A4", "B3:D3", "E3:F3"))
    assert {key: report[key] for key in ("budget_initial_wan", "budget_total_wan", "spent_total_wan",
                                         "execution_rate_pct")} == {
        "budget_initial_wan": "40000.00", "budget_total_wan": "40800.00", "spent_total_wan": "40782.90",
        "execution_rate_pct": "99.96"}
    assert [flag["rule_id"] for flag in flags] == []


def test_a_title_merged_over_a_line_of_pairs_names_none_of_its_values(tmp_path: Path) -> None:
    """“一、部门（单位）基本概况” merged over “人员编制 | 16 | 实有人数 | 15”: one header cell over both
    value columns is a title, not a side-by-side layout's 金额 | 金额, so the counts keep their own
    labels alone."""
    report, _ = run_workbook(tmp_path, {"基本情况": [
        ["某县统计局2023年度部门整体支出绩效自评表"], ["一、部门（单位）基本概况"],
        ["人员编制", 16, "实有人数", 15]]}, merged=("A1:D1", "A2:D2"))
    assert (report["staff_quota"], report["staff_actual"]) == ("16", "15")
    labels = {row["metric"]: row["label_raw"] for row in read_rows(tmp_path / "out" / "metrics.csv")}
    assert (labels["staff_quota"], labels["staff_actual"]) == ("人员编制", "实有人数")


def test_a_section_title_declaring_its_unit_in_brackets(tmp_path: Path) -> None:
    """“‘三公’经费情况（单位：万元）” over a table lower in a sheet (blind probe S s14): its bare
    numbers are 万元, as under “（万元）”."""
    rows = [["伊宁市第三中学2024年度部门整体支出绩效自评报告"],
            ["人员编制（人）", 152, "实有人数（人）", 149, "在职人员控制率", "98.03%"], [],
            ["“三公”经费情况（单位：万元）"], ["项目", "预算数", "实际支出数"], ["合计", 2, 1.48],
            ["公务接待费", 0.6, 0.42], ["公务用车运行维护费", 1.4, 1.06], ["因公出国（境）费", 0, 0]]
    report, _ = run_workbook(tmp_path, {"基本情况": rows}, merged=("A1:F1", "A4:C4"))
    assert {key: report[key] for key in ("sangong_budget_wan", "sangong_spent_wan", "reception_spent_wan",
                                         "vehicle_operation_spent_wan", "overseas_spent_wan")} == {
        "sangong_budget_wan": "2", "sangong_spent_wan": "1.48", "reception_spent_wan": "0.42",
        "vehicle_operation_spent_wan": "1.06", "overseas_spent_wan": "0"}


def test_typed_quotas_in_a_table_are_parts_of_its_quota(tmp_path: Path) -> None:
    """“编制数 | 42” over “行政编制 | 30 | 事业编制 | 12” (blind probe V v03): the typed quotas are
    parts of the 42, not second and third values of it."""
    report, flags = run_workbook(tmp_path, {"人员情况": [
        ["宜春市袁州区统计局2023年度部门整体支出绩效自评表"],
        ["编制数", 42, "实有人数", 39, "在职人员控制率", "92.86%"],
        ["行政编制", 30, "事业编制", 12, "离退休人员", 18],
    ]})
    assert (report["staff_quota"], report["staff_actual"], report["n_conflicts"]) == ("42", "39", "0")
    assert [flag["rule_id"] for flag in flags] == []


def test_stacked_tables_of_a_sheet_under_their_titles_and_unit_rows(tmp_path: Path) -> None:
    """A sheet of tables stacked one under another (blind probe V v12, v03): each under a numbered
    title row and a “单位：…” row. The unit row gives the unit of its rows and leaves the title
    naming them, so the 三公 table's 合计 is the 三公 total, not the unit's budget."""
    report, flags = run_workbook(tmp_path, {"整体支出自评": [
        ["柳州市柳南区图书馆2024年度部门整体支出绩效自评表"],
        ["一、部门收支情况"], ["单位：万元"],
        ["项目", "年初预算数", "全年预算数", "全年执行数"],
        ["合计", 426.3, 448.9, 441.37], ["基本支出", 371.3, 378.6, 376.15], ["项目支出", 55, 70.3, 65.22],
        [],
        ["二、“三公”经费支出情况"], ["单位：元"],
        ["项目", "预算数", "决算数"],
        ["合计", 28000, 21460], ["因公出国（境）费", 0, 0], ["公务接待费", 8000, 5860],
        ["公务用车购置及运行维护费", 20000, 15600],
    ]}, merged=("A1:D1", "A2:D2", "A9:D9"))
    keys = ("budget_total_wan", "spent_total_wan", "project_spent_wan", "sangong_budget_wan",
            "sangong_spent_wan", "reception_spent_wan")
    assert {key: report[key] for key in keys} == {
        "budget_total_wan": "448.9", "spent_total_wan": "441.37", "project_spent_wan": "65.22",
        "sangong_budget_wan": "2.8000", "sangong_spent_wan": "2.1460", "reception_spent_wan": "0.5860"}
    assert [flag["rule_id"] for flag in flags] == []


def project_sheet(name: str, budget: float, spent: float, score: float) -> list[list]:
    return [["项目支出绩效自评表"], ["（2023年度）"], ["项目名称", name], ["主管部门", "钟山区农业农村局"],
            ["项目资金（万元）", "", "年初预算数", "全年预算数", "全年执行数", "分值", "执行率", "得分"],
            ["年度资金总额", "", budget, budget, spent, 10, f"{spent / budget:.2%}", 9.7],
            ["总分", "", "", "", "", 100, "", score], ["自评等级", "优"]]


def test_a_workbook_summing_up_several_projects(tmp_path: Path) -> None:
    """A bureau's “…2023年度项目支出绩效自评汇总表” with a sheet per project (blind probe V v10): the
    year is the title's, not the 填报日期 line's under the summary (which had been joined to the
    next sheet's title), and each project's sheet gives that project's figures, not second values
    of the workbook's."""
    summary = [["六盘水市钟山区农业农村局2023年度项目支出绩效自评汇总表"], ["金额单位：万元"],
               ["序号", "项目名称", "全年预算数", "全年执行数", "自评得分"],
               [1, "高标准农田建设管护项目", 420, 408.62, 96.73],
               [2, "农作物病虫害绿色防控项目", 386, 371.3, 94.62],
               ["合计", "", 806, 779.92, ""], ["填报日期：2024年3月22日"]]
    report, flags = run_workbook(tmp_path, {
        "汇总表": summary,
        "高标准农田": project_sheet("高标准农田建设管护项目", 420, 408.62, 96.73),
        "病虫害防控": project_sheet("农作物病虫害绿色防控项目", 386, 371.3, 94.62),
    })
    assert (report["fiscal_year"], report["unit_name"], report["n_conflicts"]) == (
        "2023", "六盘水市钟山区农业农村局", "0")
    assert [flag["rule_id"] for flag in flags] == []


def test_a_workbook_of_several_projects_has_no_grade_of_one_of_them(tmp_path: Path) -> None:
    """Each project's form grades that project (自评等级 | 优); a workbook summing up several has no
    grade of its own unless it states one (blind probe V v10)."""
    report, _ = run_workbook(tmp_path, {
        "汇总表": [["六盘水市钟山区农业农村局2023年度项目支出绩效自评汇总表"]],
        "高标准农田": project_sheet("高标准农田建设管护项目", 420, 408.62, 96.73),
        "病虫害防控": project_sheet("农作物病虫害绿色防控项目", 386, 371.3, 94.62),
    })
    assert report["grade"] == ""


@pytest.mark.parametrize("cover_title", ["2024年度项目支出绩效自评材料", "宁乡市文化馆"])
def test_a_covers_date_is_not_the_year_evaluated(tmp_path: Path, cover_title: str) -> None:
    """Blind probe AC ac05: the cover's last cell “2025年3月26日” (填报日期) was joined to the next
    sheet's first cell “项目支出绩效自评表” and read as a title of 2025. A title's year is never
    a day's; the year is the form's own “（2024年度）”, or the cover's “…2024年度…自评材料”."""
    report, flags = run_workbook(tmp_path, {
        "封面": [[cover_title], ["项目名称", "基层公共文化服务提升项目"], ["实施单位", "宁乡市文化馆"],
                 ["填报日期", "2025年3月26日"]],
        "自评表": [["项目支出绩效自评表"], ["（2024年度）"], *FUNDS],
    })
    assert (report["fiscal_year"], report["report_kind"], report["report_date"]) == ("2024", "project", "2025-03-26")
    assert "JX303" not in {flag["rule_id"] for flag in flags}


DEPT_FORM = [
    ["部门整体支出绩效自评表"], ["（2023年度）"], ["部门（单位）名称", "", "醴陵市市场监督管理局"],
    ["年度预算执行情况（万元）", "", "年初预算数", "全年预算数", "全年执行数", "执行率"],
    ["", "年度资金总额", 3126.4, 3418.75, 3352.18, "98.05%"],
    ["“三公”经费（万元）", "项目", "预算数", "", "执行数", "执行率"],
    ["", "{total}", 18.6, "", 15.42, "82.90%"],
    ["", "公务接待费", 4.2, "", 3.16, "75.24%"],
    ["", "公务用车运行维护费", 14.4, "", 12.26, "85.14%"],
    ["人员情况", "编制数（人）", "", "实有人数（人）", "", "在职人员控制率"],
    ["", 86, "", 81, "", "94.19%"],
]


@pytest.mark.parametrize("total", ["合计", "小计"])
def test_a_block_named_down_its_left_names_its_total_row_and_its_counts(tmp_path: Path, total: str) -> None:
    """Blind probes AC ac07/ac12 and AD ad09: “‘三公’经费（万元）” merged down the left of the block's
    rows made its bare 合计 (or 小计) the unit's whole budget and spending (18.60 / 15.42 for
    3418.75 / 3352.18, six false flags); “人员情况” merged down the left of a header row and its
    counts hid the counts' column headers."""
    rows = [[cell.format(total=total) if isinstance(cell, str) else cell for cell in row] for row in DEPT_FORM]
    report, flags = run_workbook(tmp_path, {"部门整体自评表": rows},
                                 merged=("A4:A5", "A6:A9", "A10:A11"))
    assert {key: report[key] for key in ("budget_total_wan", "spent_total_wan", "sangong_budget_wan", "sangong_spent_wan",
                                         "staff_quota", "staff_actual", "staff_control_rate_pct")} == {
        "budget_total_wan": "3418.75", "spent_total_wan": "3352.18", "sangong_budget_wan": "18.6",
        "sangong_spent_wan": "15.42", "staff_quota": "86", "staff_actual": "81", "staff_control_rate_pct": "94.19"}
    assert [flag["rule_id"] for flag in flags] == []


def test_full_marks_beside_the_score_in_a_total_row(tmp_path: Path) -> None:
    """Blind probe AC ac05: “总分 | 100 | 96.71” with the indicators on another sheet, so no header
    over the row says which is which: 100 is what the evaluation is out of."""
    report, flags = run_workbook(tmp_path, {"自评表": [
        ["宁乡市文化馆2024年度项目支出绩效自评表"], *FUNDS, ["绩效指标", "详见“指标明细”表"], ["总分", "", 100, 96.71]]})
    assert (report["self_score"], report["n_conflicts"]) == ("96.71", "0")


def test_a_sheet_opening_with_xubiao_continues_the_sheet_before(tmp_path: Path) -> None:
    """Blind probe AC ac06: the 自评表's indicators go on in a second sheet “自评表（续）” whose
    first row says 续表; its 总分 is of both sheets' rows (86 + 9 for the 执行率 = 95), not of the
    three on the second sheet alone (two false JX104)."""
    header, *indicator_rows, total = INDICATORS[2:]
    width = len(header)
    report, flags = run_workbook(tmp_path, {
        "自评表": [["项目支出绩效自评表"], ["（2023年度）"], *FUNDS, header, *indicator_rows[:3]],
        "自评表（续）": [["续表"] + [""] * (width - 1), header, *indicator_rows[3:], total],
    })
    assert report["self_score"] == "95"
    assert "JX104" not in {flag["rule_id"] for flag in flags}


@pytest.mark.parametrize("date", ["2024年3月15日", "excel"])
def test_a_date_alone_under_the_form_is_its_date(tmp_path: Path, date: str) -> None:
    """Blind probe AN p03, d08: a spreadsheet form dated by a date alone in its row, under the
    填表人 row (a text or an Excel date), had no report_date, so JX303 could not check it."""
    from datetime import datetime

    from openpyxl import load_workbook

    path = build_workbook(tmp_path / "自评表.xlsx")
    book = load_workbook(path)
    sheet = book.active
    sheet.cell(row=sheet.max_row, column=1).value = "填表人：张三    联系电话：0730-1234567"
    sheet.append([datetime(2024, 3, 15) if date == "excel" else date])
    if date == "excel":
        sheet.cell(row=sheet.max_row, column=1).number_format = "yyyy年m月d日"
    book.save(path)
    out = tmp_path / "out"
    assert pipeline.main(["run", str(path), "--out", str(out), "--quiet", "--no-cache", "--workers", "1"]) == 0
    (report,) = read_rows(out / "reports.csv")
    assert report["report_date"] == "2024-03-15"
