"""The label a number gets in running text (``extract.figures.text_to_raw_figures``) and in a
table cell that holds both (``cell_to_label_and_value``), case by case.

Each expected label is the words a reader takes to name the number in the sentence as written.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from seed_checks import txt_table

from extract.figures import cell_to_label_and_value, table_to_raw_figures, text_to_raw_figures
from extract.model import Location, Table
from extract.readers import read_document


def labels(text: str) -> list[tuple[str, str]]:
    return [(f.label, f.quantity.raw.lstrip("=＝")) for f in text_to_raw_figures(text, Location(file="t.txt"))]


@pytest.mark.parametrize(("text", "expected"), [
    # The result of a formula with numbers inside is named before the formula (probe m6).
    ("在职人员控制率：（在职人员数57人÷编制数60人）×100%=95%。",
     [("（在职人员数", "57人"), ("÷编制数", "60人"), ("在职人员控制率", "95%")]),
    ("在职人员控制率=（在职人员数57人÷编制数60人）×100%＝95%",
     [("（在职人员数", "57人"), ("÷编制数", "60人"), ("在职人员控制率", "95%")]),
    ("在职人员控制率为（57人÷60人）×100%=95%。",
     [("在职人员控制率为（", "57人"), ("÷", "60人"), ("在职人员控制率为", "95%")]),
    ("预算执行率：1802.36÷1865.40×100%=96.62%。",
     [("预算执行率", "1802.36"), ("÷", "1865.40"), ("预算执行率", "96.62%")]),
    ("执行率=执行数/预算数×100%=2161.83/2176.62×100%=99.32%。",
     [("执行率", "2161.83"), ("/", "2176.62"), ("执行率", "99.32%")]),
    # A formula of words alone was named before it already.
    ("预算执行率=执行数/预算数×100%=96%", [("预算执行率", "96%")]),
    # The terms of a formula keep their own words; its result takes the name.
    ("预算总额=基本支出120万元+项目支出740万元=860万元",
     [("基本支出", "120万元"), ("+项目支出", "740万元"), ("预算总额", "860万元")]),
    # A calculation is no name: its result stays unnamed.
    ("基本支出+项目支出=120+740=860万元。", [("基本支出+项目支出", "120"), ("+", "740"), ("", "860万元")]),
    ("人员经费支出57万元，公用经费支出60万元，合计57+60=117万元。",
     [("人员经费支出", "57万元"), ("公用经费支出", "60万元"), ("合计", "57"), ("+", "60"), ("", "117万元")]),
    ("（57÷60）×100%=95%。", [("（", "57"), ("÷", "60"), ("）×100%", "95%")]),
    # The seed style: the rate first, its formula after.
    ("控制率77%=（在职人员数57人÷编制数60人）×100%",
     [("控制率", "77%"), ("=（在职人员数", "57人"), ("÷编制数", "60人")]),
])
def test_a_formulas_numbers_and_their_labels(text: str, expected: list[tuple[str, str]]) -> None:
    assert labels(text) == expected


@pytest.mark.parametrize(("text", "expected"), [
    # The 财政部 部门整体支出绩效自评表: the amount written after the label's colon (probe r9).
    ("其中：基本支出：2,986.40", ("其中：基本支出", "2986.40", "", "2,986.40")),
    ("项目支出：719.85", ("项目支出", "719.85", "", "719.85")),
    ("项目支出： 719.85万元", ("项目支出", "719.85", "万元", "719.85万元")),
    ("政府性基金预算：0", ("政府性基金预算", "0", "", "0")),
    # Labels with a number inside, or with no value after the colon, stay labels.
    ("指标1：资金直补受益移民（人）", None),
    ("指标1：40848", None),
    ("填报日期：2024年3月15日", None),
    ("联系电话：0731-12345678", None),
    ("其中：基本支出：", None),
    ("2,986.40", None),  # a value alone is a value cell, not this
    ("：2,986.40", None),  # nothing names it
    ("本单位基本支出主要用于保障机构正常运转和完成日常工作任务的各项支出合计金额：2,986.40", None),  # not short
])
def test_a_cell_holding_its_label_and_its_value(text: str, expected: tuple[str, str, str, str] | None) -> None:
    found = cell_to_label_and_value(text)
    if expected is None:
        assert found is None
        return
    label, quantity, at = found
    assert (label, str(quantity.value), quantity.unit, text[at : at + len(quantity.raw)]) == expected


def test_a_label_cell_with_a_number_inside_still_labels_its_row(tmp_path: Path) -> None:
    table = read_text_table(tmp_path, ("项目", "数量（人）"), ("指标1：资金直补受益移民", "40848"))
    (figure,) = table_to_raw_figures(table)
    assert (figure.label, figure.quantity.raw, figure.header) == ("指标1：资金直补受益移民", "40848", "数量（人）")


def read_text_table(folder: Path, *rows: tuple[str, ...]) -> Table:
    path = folder / "表.txt"
    path.write_text(txt_table(*rows), encoding="utf-8")
    (table,) = [block for block in read_document(path, str(path)).blocks if isinstance(block, Table)]
    return table


@pytest.mark.parametrize(("text", "kept"), [
    # blind probe AD ad01: Word's table of contents, a heading and its page number after a tab
    ("四、自评得分及等次\t3", []),
    ("（一）预算执行率\t1", []),
    ("自评得分……3", []),
    ("一、基本情况 ......... 12", []),
    # a label and its value set apart by a tab are no contents line
    ("全年预算数\t640万元", ["640万元"]),
    ("自评得分\t96分", ["96分"]),
])
def test_a_contents_lines_page_number_is_no_figure(text: str, kept: list[str]) -> None:
    assert [raw.quantity.raw for raw in text_to_raw_figures(text, Location(file="目录.docx"))] == kept


def test_a_contents_line_heads_no_section() -> None:
    """Blind probe AD ad01: with the body's headings numbered by Word (no “一、” in their text), the
    last line of the contents, “四、自评得分及等次\\t3”, was the section of every paragraph after it,
    and “2023年度年初预算4,218.60万元” under it was taken for the self-score's."""
    from extract.figures import heading_level

    assert heading_level("四、自评得分及等次\t3") is None
    assert heading_level("一、基本情况………………1") is None
    assert heading_level("四、自评得分及等次") is not None


@pytest.mark.parametrize(("text", "kept"), [
    # blind probe AD ad06: footnotes at the foot of a PDF page, each opened by its number
    ("1 全年预算数含年中追加预算326.50万元", ["326.50万元"]),
    ("2 自评得分按评分细则计算，满分100分", ["100分"]),
    # a count written with a space before its measure word is a count
    ("12 个项目", ["12 个"]),
])
def test_a_notes_number_is_no_figure(text: str, kept: list[str]) -> None:
    assert [raw.quantity.raw for raw in text_to_raw_figures(text, Location(file="脚注.pdf"))] == kept


def test_a_nested_tables_unit_comes_from_the_label_of_the_cell_it_sits_in(tmp_path: Path) -> None:
    """Blind probe AD ad10: a form's row “项目资金（万元）” holds the money as a nested table whose
    header names no unit; its amounts were left unread, and the report's two 年初预算 went unseen."""
    import docx

    from extract.figures import document_to_raw_figures

    path = tmp_path / "内嵌表格.docx"
    document = docx.Document()
    document.add_paragraph("三、项目支出绩效自评表")
    form = document.add_table(rows=2, cols=2)
    form.cell(0, 0).text, form.cell(0, 1).text = "项目名称", "中小学校舍维修改造项目"
    form.cell(1, 0).text = "项目资金（万元）"
    money = form.cell(1, 1).add_table(rows=2, cols=4)
    for col, text in enumerate(["", "年初预算数", "全年预算数", "全年执行数"]):
        money.cell(0, col).text = text
    for col, text in enumerate(["年度资金总额", "780.00", "860.00", "842.35"]):
        money.cell(1, col).text = text
    document.save(path)
    figures = document_to_raw_figures(read_document(path, path.name))
    nested = [(f.header, str(f.quantity.value), f.unit_hint or f.quantity.unit) for f in figures
              if f.location.table == 2]
    assert nested == [("年初预算数", "780.00", "万元"), ("全年预算数", "860.00", "万元"), ("全年执行数", "842.35", "万元")]


SANGONG_ROWS = (("项目", "预算数", "决算数"), ("合计", "5.60", "4.87"), ("公务接待费", "1.60", "1.37"))


def table_units(folder: Path, text: str) -> list[tuple[int, str, str]]:
    """(table, row label, unit) of every table figure of a small .txt report."""
    from extract.figures import document_to_raw_figures

    path = folder / "报告.txt"
    path.write_text(text, encoding="utf-8")
    return [(f.location.table, f.label, f.unit_hint or f.quantity.unit)
            for f in document_to_raw_figures(read_document(path, str(path))) if f.extractor == "table"]


@pytest.mark.parametrize(("before", "after", "unit"), [
    # blind probe AJ: a unit stated in a note under the table, or as 单位为 above it
    ("", "注：表中金额单位为万元。\n", "万元"),
    ("", "（金额单位：万元）\n", "万元"),
    ("", "说明：1.表中金额单位为万元；2.数据来源于部门决算。\n", "万元"),
    ("表中金额单位为万元\n", "", "万元"),
    ("", "", ""),  # no unit anywhere: nothing is guessed
])
def test_the_unit_of_a_table_from_a_note_under_it(tmp_path: Path, before: str, after: str, unit: str) -> None:
    text = "“三公”经费支出情况\n" + before + txt_table(*SANGONG_ROWS) + after + "四、其他情况\n"
    found = table_units(tmp_path, text)
    assert [u for _, label, u in found if label == "合计"] == [unit, unit]


def test_a_unit_line_between_two_tables_is_the_second_ones(tmp_path: Path) -> None:
    text = ("“三公”经费支出情况\n" + txt_table(*SANGONG_ROWS) + "单位：元\n"
            + txt_table(("项目", "预算数", "决算数"), ("合计", "56000.00", "48700.00")))
    units = {(table, u) for table, label, u in table_units(tmp_path, text) if label == "合计"}
    assert units == {(1, ""), (2, "元")}


@pytest.mark.parametrize("continued", ["续表1", "表1（续）", "（续表）",
                                       "我镇坚持“过紧日子”要求，压减一般性支出。\n表1（续）"])
def test_a_continued_table_keeps_the_unit_of_its_first_part(tmp_path: Path, continued: str) -> None:
    """Blind probe AJ aj05, aj12: the 续表 after a page break has no unit line of its own; in aj05 a
    paragraph closes the first page between the two parts."""
    text = ("表1 收入支出决算情况\n单位：元\n" + txt_table(("项目", "预算数", "决算数"), ("本年支出合计", "100.00", "98.00"))
            + f"{continued}\n" + txt_table(("项目", "预算数", "决算数"), ("基本支出", "60.00", "59.00")))
    assert {(table, u) for table, _, u in table_units(tmp_path, text)} == {(1, "元"), (2, "元")}


def test_a_table_after_a_paragraph_of_its_own_keeps_no_unit_of_the_one_before(tmp_path: Path) -> None:
    text = ("表1 收入支出决算情况\n单位：元\n" + txt_table(("项目", "预算数", "决算数"), ("本年支出合计", "100.00", "98.00"))
            + "二、人员情况\n" + txt_table(("项目", "编制数", "实有数"), ("行政", "12", "11")))
    assert {(table, u) for table, _, u in table_units(tmp_path, text)} == {(1, "元"), (2, "")}


def test_a_unit_in_brackets_after_jin_e(tmp_path: Path) -> None:
    """Blind probe AJ aj09: a merged header “2024年度（金额：元）” over 预算数 | 决算数."""
    from extract.figures import UNIT_IN_BRACKETS

    assert UNIT_IN_BRACKETS.search("2024年度（金额：元）").group(1) == "元"


def test_a_header_merged_over_the_value_columns_gives_their_unit(tmp_path: Path) -> None:
    """Blind probe AJ aj09: “项目 | 2024年度（金额：元）[over 预算数 | 决算数] | 完成率（%）”; the
    amounts under it were left without a unit, and unread."""
    import docx

    from extract.figures import document_to_raw_figures

    path = tmp_path / "合并表头.docx"
    document = docx.Document()
    document.add_paragraph("二、收入支出情况")
    table = document.add_table(rows=3, cols=4)
    table.cell(0, 0).merge(table.cell(1, 0)).text = "项目"
    table.cell(0, 1).merge(table.cell(0, 2)).text = "2024年度（金额：元）"
    table.cell(0, 3).merge(table.cell(1, 3)).text = "完成率（%）"
    table.cell(1, 1).text, table.cell(1, 2).text = "预算数", "决算数"
    for col, text in enumerate(["基本支出", "10,832,800.00", "10,765,120.30", "99.38"]):
        table.cell(2, col).text = text
    document.save(path)
    found = [(f.header, f.unit_hint or f.quantity.unit) for f in document_to_raw_figures(read_document(path, path.name))
             if f.extractor == "table"]
    assert found == [("预算数", "元"), ("决算数", "元"), ("完成率（%）", "%")]


def test_a_year_merged_over_the_value_columns_is_theirs(tmp_path: Path) -> None:
    """Blind probe BD F08: “项目 | 2022年度 [over 预算数 | 决算数] | 2023年度 [over 预算数 | 决算数]”; every
    value was of no year, and the 2022 columns, first, were taken for the report's 2023 figures."""
    import docx

    from extract.figures import document_to_raw_figures

    path = tmp_path / "两年对比.docx"
    document = docx.Document()
    document.add_paragraph("一、预算收支对比情况（单位：万元）")
    table = document.add_table(rows=3, cols=5)
    table.cell(0, 0).merge(table.cell(1, 0)).text = "项目"
    table.cell(0, 1).merge(table.cell(0, 2)).text = "2022年度"
    table.cell(0, 3).merge(table.cell(0, 4)).text = "2023年度"
    for col, text in enumerate(["预算数", "决算数", "预算数", "决算数"], start=1):
        table.cell(1, col).text = text
    for col, text in enumerate(["支出合计", "1920.00", "1874.52", "2146.80", "2058.93"]):
        table.cell(2, col).text = text
    document.save(path)
    found = [(f.header, f.years) for f in document_to_raw_figures(read_document(path, path.name))
             if f.extractor == "table"]
    assert found == [("预算数", (2022,)), ("决算数", (2022,)), ("预算数", (2023,)), ("决算数", (2023,))]


def test_a_sheet_of_stacked_blocks_titles_each(tmp_path: Path) -> None:
    """Blind probe BD X03: one sheet stacks 二、收支情况 and 三、“三公”经费 (each after an empty row);
    the 三公 block's 合计 is under its own title, not the sheet's, and was taken for the unit's totals."""
    import openpyxl

    from extract.figures import document_to_raw_figures

    rows = [["青岚县司法局2023年度部门整体支出绩效自评表", None, None], [None, None, None],
            ["二、收支情况", None, None], ["项目", "全年预算数", "全年执行数"], ["合计", 287.70, 282.68],
            ["基本支出", 229.20, 227.32], ["项目支出", 58.50, 55.36], [None, None, None],
            ["三、“三公”经费（单位：万元）", None, None], ["项目", "预算数", "决算数"],
            ["公务接待费", 1.20, 0.86], ["公务用车运行维护费", 3.50, 3.12], ["合计", 4.70, 3.98]]
    book = openpyxl.Workbook()
    for row in rows:
        book.active.append(row)
    path = tmp_path / "自评表.xlsx"
    book.save(path)
    found = {(f.location.row, f.header): f.context for f in document_to_raw_figures(read_document(path, path.name))
             if f.label == "合计"}
    assert found[(13, "预算数")] == "三、“三公”经费（单位：万元）"
    assert found[(5, "全年预算数")] == "二、收支情况"
