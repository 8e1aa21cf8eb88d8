"""Tables drawn without ruling lines in a PDF (extract/readers/pdf_aligned.py).

The fixture borderless_tables.pdf is a Word document whose tables have no borders, exported by
LibreOffice (tests/fixtures/make_pdf_fixtures.py, ``build_borderless_tables``): its values are
the rows written there. The geometry tests build chars by hand, as pdfplumber gives them.
"""

from __future__ import annotations

from functools import cache
from pathlib import Path

from extract.model import Document, Table
from extract.readers import pdf as pdf_reader
from extract.readers.pdf_aligned import (
    aligned_blocks,
    block_columns,
    block_rows,
    chars_to_aligned_tables,
    chars_to_rows_of_segments,
)
from extract.readers.pdf_tables import GridCell, TextLine, continues_row_text

FIXTURES = Path(__file__).parent / "fixtures" / "pdf"
BUDGET_ROWS = [
    ["项目", "全年预算数", "实际支出", "执行率（%）"],
    ["一、基本支出", "2686.00", "2658.17", "98.96"],
    ["其中：人员经费", "2368.00", "2351.72", "99.31"],
    ["公用经费", "318.00", "306.45", "96.37"],
    ["二、项目支出", "860.00", "816.79", "94.98"],
    ["1.食品安全抽检", "32.99", "31.23", "94.67"],
    ["2.特种设备安全监察", "90.81", "87.49", "96.34"],
    ["3.计量检定", "62.86", "58.33", "92.79"],
    ["合计", "3546.00", "3474.96", "98.00"],
]


@cache
def read(name: str) -> Document:
    return pdf_reader.read(FIXTURES / name, name, "0" * 64)


def tables(document: Document) -> list[Table]:
    return [block for block in document.blocks if isinstance(block, Table)]


def paragraphs(document: Document) -> list[str]:
    return [block.text for block in document.blocks if not isinstance(block, Table)]


def test_a_table_without_lines_is_read_with_its_columns_over_both_pages():
    budget = tables(read("borderless_tables.pdf"))[0]
    assert [[cell.text for cell in row] for row in budget.rows()] == BUDGET_ROWS
    assert budget.pages == (1, 2)
    total = budget.rows()[-1][2]
    assert (total.location.page, total.location.row, total.location.col) == (2, 9, 3)


def test_the_rows_after_the_page_break_are_no_paragraphs():
    texts = paragraphs(read("borderless_tables.pdf"))
    assert not any("3546.00" in text or text == "察" for text in texts)
    assert "以上为2023年度预算执行情况，合计执行率98.00%。" in texts


def test_wrapped_cells_of_a_table_without_lines_stay_in_their_row():
    indicators = tables(read("borderless_tables.pdf"))[1]
    assert [[cell.text for cell in row] for row in indicators.rows()] == [
        ["一级指标", "二级指标", "三级指标", "年度指标值", "实际完成值", "分值", "得分"],
        ["产出指标", "数量指标", "食品安全抽检批次", "≥1600批次", "1652批次", "10", "10"],
        ["", "质量指标", "抽检不合格食品核查处置率", "100%", "100%", "10", "10"],
        ["效益指标", "社会效益指标", "新增市场主体户数", "≥3000户", "3415户", "15", "14"],
    ]


def test_a_two_column_list_and_the_captions_stay_text():
    texts = paragraphs(read("borderless_tables.pdf"))
    assert "项目名称：食品安全抽检" in texts and "主管部门：永修县市场监督管理局" in texts
    assert "表2  2023年度绩效指标完成情况表" in texts and "单位：万元" in texts
    assert len(tables(read("borderless_tables.pdf"))) == 2


# --- geometry ----------------------------------------------------------------------------------


def chars(text: str, x0: float, top: float, size: float = 10.0, advance: float | None = None) -> list[dict]:
    """pdfplumber-like chars of ``text`` from ``x0``, each ``advance`` wide (one em by default)."""
    advance = size if advance is None else advance
    return [{"text": ch, "x0": x0 + i * advance, "x1": x0 + (i + 1) * advance, "top": top,
             "bottom": top + size, "size": size} for i, ch in enumerate(text)]


def row(cells: list[tuple[str, float]], top: float) -> list[dict]:
    return [char for text, x0 in cells
            for char in chars(text, x0, top, advance=6.0 if text.isascii() else None)]


def test_prose_with_one_wide_gap_per_line_makes_no_table():
    page = []
    for i, (left, right) in enumerate([(8, 20), (15, 24), (5, 30), (12, 18)]):
        page += chars("各" * left, 72, 100 + i * 14) + chars("项" * right, 72 + (left + 2) * 10, 100 + i * 14)
    assert chars_to_aligned_tables(page) == []


def test_a_row_with_a_blank_cell_is_not_taken_for_wrapped_text():
    page = []
    for i, cells in enumerate([[("项目", 72), ("预算数", 200), ("支出", 300), ("执行率", 400)],
                               [("一、基本支出", 72), ("2686.00", 200), ("2658.17", 300), ("98.96", 400)],
                               [("二、项目支出", 72), ("860.00", 200), ("816.79", 300)],
                               [("合计", 72), ("3546.00", 200), ("3474.96", 300), ("98.00", 400)]]):
        page += row(cells, 100 + i * 12)
    blocks = aligned_blocks(chars_to_rows_of_segments(page))
    assert len(blocks) == 1 and len(block_rows(blocks[0])) == 4


def test_a_gap_of_typed_spaces_splits_no_cell():
    spaces = [{"text": " ", "x0": 120 + i * 3, "x1": 123 + i * 3, "top": 100, "bottom": 110, "size": 10.0}
              for i in range(2)]
    line = chars("表2", 100, 100) + spaces + chars("绩效指标完成情况表", 128, 100)
    assert [len(line.segments) for line in chars_to_rows_of_segments(line)] == [1]


def test_a_cell_end_opening_the_page_joins_the_few_rows_under_it():
    """At the top of a page: the running header, then “指标” (the end of a cell of the previous
    page's last row), then one row of seven cells (blind probe Q q07). The line goes with the rows,
    which are tentative: a table only if they continue the one before."""
    page = chars("永修县市场监督管理局", 238, 35, size=12.0)
    page += chars("指标", 138, 70, size=9.5)
    page += row([("满意度指标", 74), ("服务对象满", 138), ("市场主体满", 202), ("≥90%", 266), ("93%", 330),
                 ("15", 394), ("14", 458)], 93)
    ((cells, tentative),) = chars_to_aligned_tables(page)
    assert tentative and min(top for _, top, _, _ in cells) < 70


def test_a_unit_line_under_its_caption_stays_above_the_rows():
    """“单位：万元” right under the caption “表1 …” is nearer to the caption than to the rows: text."""
    page = chars("表1预算执行情况表", 200, 60, size=12.0) + chars("单位：万元", 400, 75)
    page += row([("合计", 72), ("3546.00", 200), ("3474.96", 300), ("98.00", 400)], 100)
    ((cells, tentative),) = chars_to_aligned_tables(page)
    assert tentative and min(top for _, top, _, _ in cells) > 90


def test_a_header_set_apart_from_its_numbers_is_no_column_of_its_own():
    """“分值” left-aligned and its points right-aligned further right (blind probe U u11, u12): the two
    ranges never share a line, so they are one column, not a header over an empty one."""
    page = row([("三级指标", 72), ("年度指标值", 160), ("分值", 300), ("得分", 380)], 100)
    for i, (name, target, weight, score) in enumerate([("法治宣传活动", "≥120场", "15", "15"),
                                                      ("人民调解成功率", "≥95%", "15", "14"),
                                                      ("群众满意度", "≥90%", "20", "16")]):
        page += row([(name, 72), (target, 160), (weight, 336), (score, 416)], 114 + i * 14)
    (block,) = aligned_blocks(chars_to_rows_of_segments(page))
    assert len(block_columns(block)) == 4


def test_a_two_level_header_over_right_aligned_amounts():
    """“项目 | 预算数 | 决算数 | 执行率” over “年初预算 | 全年预算”, the amounts right-aligned under them
    (blind probe U u09): “812.00” lies under both 年初预算 and the centred 预算数, which no line holds
    side by side, so the header lines and the rows are one table of five columns."""
    lines = [[("项目", 108), ("预算数", 244), ("决算数", 385), ("执行率", 479)],
             [("年初预算", 192), ("全年预算", 286)],
             [("基本支出", 76), ("812.00", 223), ("826.30", 317), ("812.46", 412), ("98.33%", 500)],
             [("项目支出", 76), ("474.50", 223), ("576.00", 317), ("549.45", 412), ("95.39%", 500)],
             [("合计", 76), ("1286.50", 217), ("1402.30", 311), ("1361.91", 406), ("97.12%", 500)]]
    page = [char for i, cells in enumerate(lines) for char in row(cells, 100 + i * 26)]
    (block,) = aligned_blocks(chars_to_rows_of_segments(page))
    assert len(block) == 5 and len(block_columns(block)) == 5


def test_the_rest_of_a_row_cut_by_the_page_in_a_table_without_lines():
    """“间 | 月31日前 | 月20日” opening the next page under “项目完工时 | 2024年12 | 2024年12 | 10 | 10”
    (blind probe U u02) goes on with that row; a row with a number of its own does not."""
    def cell(col: int, text: str, page: int) -> GridCell:
        line = TextLine(text, 80.0 * col, 80.0 * col + 40, 100.0, 110.0, 10.0, page, 10.0) if text else None
        return GridCell(0, col, 1, col + 1, 80.0 * col, 80.0 * col + 70, 95.0, 115.0, page, page,
                        (line,) if line else ())

    last_row = ["产出指标", "项目完工时", "2024年12", "2024年12", "10"]
    above = {(c, c + 1): cell(c, t, 2) for c, t in enumerate(last_row)}
    rest = {(c, c + 1): cell(c, t, 3) for c, t in enumerate(["", "间", "月31日前", "月20日", ""])}
    next_row = {(c, c + 1): cell(c, t, 3) for c, t in enumerate(["", "成本", "≤1500元", "1453元", "10"])}
    assert continues_row_text(above, rest)
    assert not continues_row_text(above, next_row)


def test_the_last_rows_wrapped_line_stays_when_the_page_ends_under_it():
    """A 三线表's last row on its page, “成本指标 | 亩均财政投 / 入 | ≤1,200元 | 10”, where a wrapped
    line of several cells (“间 | 月底前”) sets rows apart by no more than a wrap (blind probe W w06):
    the “入” is as close under its row as the table's other wrapped lines, so it ends that row,
    and the table ends its page (to be continued by the next)."""
    page = row([("一级指标", 72), ("二级指标", 140), ("三级指标", 210), ("指标值", 300), ("得分", 400)], 100)
    page += row([("产出指标", 72), ("数量指标", 140), ("新建高标准", 210), ("≥2.6万亩", 300), ("15", 400)], 127)
    page += chars("农田面积", 210, 143.5)
    page += row([("时效指标", 140), ("项目完工时", 210), ("2023年12", 300), ("5", 400)], 170)
    page += row([("间", 210), ("月底前", 300)], 186.5)
    page += row([("成本指标", 140), ("亩均财政投", 210), ("≤1,200元", 300), ("10", 400)], 213)
    page += chars("入", 210, 229.5)
    (block,) = aligned_blocks(chars_to_rows_of_segments(page))
    assert block[-1].texts == ["入"]
    assert [line.texts for line in block_rows(block)[-1]] == [["成本指标", "亩均财政投", "≤1,200元", "10"], ["入"]]
