"""The PDF reader, on fixtures built by tests/fixtures/make_pdf_fixtures.py.

Each fixture is a Word document built with python-docx and exported by LibreOffice; expected
values are written from what the make_* function of the same name put in (text, table layout,
which page LibreOffice broke on, checked by looking at the PDF), not from the reader's output.
The tests read only the committed PDFs: no LibreOffice needed.
"""

from __future__ import annotations

import doctest
import time
from functools import cache
from pathlib import Path

import pytest

from extract.errors import CorruptFileError, EncryptedFileError, ReadError
from extract.model import Document, Location, Paragraph, Table
from extract.readers import pdf as pdf_reader
from extract.readers import pdf_tables, read_document
from extract.readers.pdf import PageLayout, layouts_to_document
from extract.readers.pdf_tables import (
    LIST_MARKER,
    chars_to_lead_width,
    GridCell,
    TextFrame,
    TextLine,
    columns_fit,
    is_cjk,
    is_continued_merge,
    is_cut_line,
    is_cut_token,
    is_paragraph_break,
    is_split_row,
    join_wrapped,
    paragraph_to_text,
    values_to_edges,
)

FIXTURES = Path(__file__).parent / "fixtures" / "pdf"
SHA = "0" * 64
RUNNING_HEADER = "岳阳县2023年度中央水库移民扶持基金绩效自评报告"


@cache
def read(name: str) -> Document:
    """Documents are frozen, so tests can share one reading of each fixture."""
    return pdf_reader.read(FIXTURES / name, name, SHA)


def body(document: Document) -> list[tuple[str, int | None, str]]:
    """Blocks in reading order: ("P", page, text) or ("T", first page, "")."""
    return [
        ("T", block.location.page, "") if isinstance(block, Table) else ("P", block.location.page, block.text)
        for block in document.blocks
    ]


def furniture(document: Document) -> list[tuple[str, int | None, str]]:
    return [(block.location.part, block.location.page, block.text) for block in document.furniture]


def cells(table: Table) -> list[tuple[int, int, int, int, str]]:
    """(row, col, row_span, col_span, text) of every stored cell, row-major."""
    return [(c.row, c.col, c.row_span, c.col_span, c.text) for c in table.cells]


def row_texts(table: Table, row: int) -> list[str]:
    return [c.text for c in table.rows()[row - 1]]


# --- a table over two pages with a repeated header row -----------------------------------------


def test_split_table_is_one_table_over_both_pages():
    document = read("split_table.pdf")
    assert [b[0] for b in body(document)] == ["P", "P", "T", "P"]
    (table,) = document.tables
    assert (table.index, table.n_rows, table.n_cols, table.pages) == (1, 46, 3, (1, 2))
    assert table.location == Location(file="split_table.pdf", page=1, table=1)


def test_split_table_header_appears_once_and_rows_keep_their_order():
    table = read("split_table.pdf").tables[0]
    assert row_texts(table, 1) == ["序号", "项目名称", "预算数（万元）"]
    assert [c.text for c in table.cells].count("序号") == 1
    for i in range(1, 46):
        assert row_texts(table, i + 1) == [str(i), f"移民美丽家园项目{i}号", f"{600 + i}.00"]


def test_split_table_cells_are_located_on_their_own_page():
    """LibreOffice put the header and items 1-36 on page 1 (grid rows 1-37), items 37-45 on
    page 2 (grid rows 38-46, after the repeated header it drew there)."""
    table = read("split_table.pdf").tables[0]
    last_on_page_1, first_on_page_2 = table.cell_at(37, 2), table.cell_at(38, 2)
    assert last_on_page_1.text == "移民美丽家园项目36号" and last_on_page_1.location.page == 1
    assert first_on_page_2.text == "移民美丽家园项目37号"
    assert first_on_page_2.location == Location(
        file="split_table.pdf", page=2, table=1, row=38, col=2, quote="移民美丽家园项目37号"
    )
    assert first_on_page_2.location.describe() == "第2页 表1 第38行第2列"


def test_split_table_paragraphs_and_page_furniture():
    document = read("split_table.pdf")
    assert [(p.location.page, p.text) for p in document.paragraphs] == [
        (1, "表1-1  项目预算明细表"),  # two spaces typed, two space glyphs drawn
        (1, "2023年度共安排项目45个，预算数640.00万元，明细如下。"),
        (2, "以上项目均已按计划完成，预算执行率99.32%。"),
    ]
    assert furniture(document) == [
        ("header", 1, RUNNING_HEADER), ("footer", 1, "- 1 -"),
        ("header", 2, RUNNING_HEADER), ("footer", 2, "- 2 -"),
    ]  # fmt: skip


def test_metadata_and_page_count():
    document = read("split_table.pdf")
    assert (document.format, document.pages, document.status, document.notes) == ("pdf", 2, "ok", ())
    assert document.metadata["Title"] == "项目预算明细"
    assert document.metadata["Author"] == "python-docx"
    assert document.metadata["Producer"] == "LibreOffice 7.4"
    assert document.metadata["CreationDate"].startswith("D:20")


# --- merged cells --------------------------------------------------------------------------------


def test_merged_cells_are_stored_once_with_their_spans():
    table = read("merged_cells.pdf").tables[0]
    assert (table.n_rows, table.n_cols, table.pages) == (6, 5, (1,))
    assert cells(table) == [
        (1, 1, 2, 1, "一级指标"), (1, 2, 2, 1, "二级指标"), (1, 3, 2, 1, "三级指标"), (1, 4, 1, 2, "指标值"),
        (2, 4, 1, 1, "年度目标"), (2, 5, 1, 1, "实际完成"),
        (3, 1, 3, 1, "产出指标"), (3, 2, 1, 1, "数量指标"), (3, 3, 1, 1, "指标1：资金直补受益移民（人）"),
        (3, 4, 1, 1, "40848"), (3, 5, 1, 1, "40245"),
        (4, 2, 1, 1, "质量指标"), (4, 3, 1, 1, "指标2：项目验收合格率（%）"), (4, 4, 1, 1, "100"), (4, 5, 1, 1, "100"),
        (5, 2, 1, 1, "时效指标"), (5, 3, 1, 1, "指标3：截至2024年3月底，2023年度计划项目资金完成率（%）"),
        (5, 4, 1, 1, "100"), (5, 5, 1, 1, "94"),
        (6, 1, 1, 1, "效益指标"), (6, 2, 1, 1, "社会效益"), (6, 3, 1, 1, "指标4：移民对后期扶持政策实施满意度（%）"),
        (6, 4, 1, 1, "95"), (6, 5, 1, 1, "95"),
    ]  # fmt: skip


def test_merged_cells_cover_their_grid_positions():
    table = read("merged_cells.pdf").tables[0]
    grid = table.grid()
    header, label = table.cell_at(1, 4), table.cell_at(3, 1)
    assert header.text == "指标值" and grid[0][3] is header and grid[0][4] is header
    assert [grid[r][0] for r in (2, 3, 4)] == [label, label, label]
    assert table.cell_at(6, 1).text == "效益指标"
    assert label.location == Location(
        file="merged_cells.pdf", page=1, table=1, row=3, col=1, quote="产出指标"
    )


def test_wrapped_cjk_cell_text_joins_without_spaces():
    """ "指标3：截至2024年3月底，…" wraps over five lines in its narrow column (see the PDF)."""
    table = read("merged_cells.pdf").tables[0]
    assert table.cell_at(5, 3).text == "指标3：截至2024年3月底，2023年度计划项目资金完成率（%）"


def test_paragraphs_around_a_table_keep_order_and_do_not_repeat_table_text():
    document = read("merged_cells.pdf")
    assert body(document) == [
        ("P", 1, "（二）绩效指标完成情况"),
        ("P", 1, "岳阳县2023年度绩效目标实际完成情况详见表2-1，预算数640.00万元。"),
        ("T", 1, ""),
        ("P", 1, "从上表可见，时效指标未完成，实际完成94%，低于目标值100%。"),
    ]
    assert document.furniture == ()


# --- paragraphs, furniture -----------------------------------------------------------------------

LONG_PARAGRAPH = "".join(
    f"第{i}项：移民美丽家园项目{i}号已完工，完成投资{600 + i}.00万元，验收合格。" for i in range(1, 41)
)


def test_paragraphs_are_grouped_from_wrapped_lines():
    document = read("paragraphs.pdf")
    assert [(p.location.page, p.text) for p in document.paragraphs] == [
        (1, "一、项目基本情况"),
        (
            1,
            (
                "岳阳县移民局成立于2004年3月，2019年3月更名为岳阳县库区移民服务中心，内设办公室、规划计划股、"
                "项目及产业开发股、资金财务股、移民后期扶持股等5个股室，2022年成立了岳阳县移民信息中心。"
            ),
        ),
        (1, "（一）资金安排情况"),
        (
            1,
            "2023年到县中央水库移民扶持基金9914.42万元，争取到支持集中安置区专项资金400万元，比2022年8725.42万元多1189万元。",
        ),
        (1, "1.资金直补受益移民40848人。"),
        (1, "2、发放资金2414.7万元。"),
        (
            1,
            (
                "The project code is YY-2023-07 and the audit firm is Hunan Xinda CPA; this English sentence "
                "is long enough to wrap onto a second line in the PDF."
            ),
        ),
        (2, "二、绩效目标完成情况"),
        (2, "全年总项目230个，完工224个，未完工6个。"),
        (2, LONG_PARAGRAPH),  # runs on to page 3: one paragraph, located where it starts
        (3, "（完）"),
    ]


def test_paragraph_locations_quote_the_text():
    paragraph = read("paragraphs.pdf").paragraphs[4]
    assert paragraph.location == Location(file="paragraphs.pdf", page=1, paragraph=5, quote="1.资金直补受益移民40848人。")


def test_header_and_page_number_footer_are_furniture_not_body():
    document = read("paragraphs.pdf")
    assert furniture(document) == [
        ("header", 1, RUNNING_HEADER), ("footer", 1, "第 1 页"),
        ("header", 2, RUNNING_HEADER), ("footer", 2, "第 2 页"),
        ("header", 3, RUNNING_HEADER), ("footer", 3, "第 3 页"),
    ]  # fmt: skip
    assert all(isinstance(block, Paragraph) for block in document.furniture)
    assert not any("页" in p.text and len(p.text) < 8 for p in document.paragraphs)
    assert not any(RUNNING_HEADER in p.text for p in document.paragraphs)


def test_paragraphs_are_numbered_on_their_page():
    """Page 2 of long_report.pdf, as rendered: the running header, four paragraphs 项目2第1段 …
    第4段, a table, then the heading 3、项目3绩效自评情况, then the footer. An auditor is sent to
    “第2页 第5段”; tables and running headers and footers are not counted."""
    paragraphs = {p.text[:12]: p.location for p in read("long_report.pdf").paragraphs}
    assert paragraphs["项目2第1段：为切实加强"].describe() == "第2页 第1段"
    assert paragraphs["项目2第4段：为切实加强"].describe() == "第2页 第4段"
    assert paragraphs["3、项目3绩效自评情况"].describe() == "第2页 第5段"
    assert paragraphs["1、项目1绩效自评情况"].describe() == "第1页 第1段"


# --- a row broken over the page ------------------------------------------------------------------

ROW_SPLIT_PARAGRAPH = "".join(f"第{i}条：美丽家园项目完成情况良好。" for i in range(1, 41))


def norm_space(text: str) -> str:
    return "".join(text.split())


def test_row_broken_over_the_page_is_one_cell():
    """LibreOffice breaks row 3 inside "第26条" (page 1 ends "…第26", page 2 starts "条：…")
    and draws no label on page 2: the reader joins the two pieces into one cell."""
    table = read("row_split.pdf").tables[0]
    assert (table.n_rows, table.n_cols, table.pages) == (4, 2, (1, 2))
    assert cells(table) == [
        (1, 1, 1, 1, "项目"), (1, 2, 1, 1, "说明"),
        (2, 1, 1, 1, "移民培训"), (2, 2, 1, 1, "培训移民劳动力1506人次。"),
        (3, 1, 1, 1, "项目建设"), (3, 2, 1, 1, ROW_SPLIT_PARAGRAPH + "\n以上共40条，均已核实。"),
        (4, 1, 1, 1, "合计"), (4, 2, 1, 1, "640.00万元"),
    ]  # fmt: skip
    assert table.cell_at(3, 2).location.page == 1  # where its text starts
    assert table.cell_at(4, 1).location.page == 2


def test_row_whose_one_wrapped_cell_breaks_over_the_page_is_one_row():
    """Every cell of row 4 holds one line but the 三级指标, whose second line the page pushes on
    (page 1 ends "指标3：培训", page 2 starts "移民劳动力（人次）"): no cell was left short, the
    cut line is what tells. The row after it, 效益目标 merged over four rows, starts page 2 and
    stays its own row."""
    table = read("row_wrapped_over_the_page.pdf").tables[0]
    assert (table.n_rows, table.n_cols, table.pages) == (8, 5, (1, 2))
    assert row_texts(table, 4) == ["数量指标", "指标3：培训移民劳动力（人次）", "1503", "1503"]
    assert table.cell_at(4, 3).location.page == 1
    label = table.cell_at(5, 1)
    assert (norm_space(label.text), label.row, label.row_span, label.location.page) == (
        "效益目标（预期实现的效益）", 5, 4, 2)
    assert table.cell_at(2, 1).text == "产出目标" and table.cell_at(2, 1).row_span == 3


def test_a_borderless_row_broken_over_the_page_leaves_its_cell_text_above_the_rest():
    """Blind probe AI: the rest of a narrow cell (“格率”, “（%）”) opens page 2 as lines of text
    above the rest of a borderless table. The table was cut there: the rows of page 2 had no
    header and were lost as indicators, and the name read “+验收合”."""
    document = read("borderless_row_over_the_page.pdf")
    (table,) = document.tables
    assert (table.n_rows, table.n_cols, table.pages) == (6, 7, (1, 2))
    assert [norm_space(table.cell_at(row, 3).text) for row in range(2, 7)] == [
        '=HYPERLINK("http://evil.example","x")培训人数（人）', "+验收合格率（%）", "-按时发放率（%）",
        "@受益人数（人）", "群众满意度（%）"]
    assert not any(p.text in ("格率", "（%）") for p in document.paragraphs)


def test_a_repeated_header_drawn_too_short_is_still_the_header_and_the_broken_row_one_row():
    """Blind probe AH ah11: the header cell 偏差原因分析及改进措施 needs three lines; the header
    repeated on page 2 is drawn two lines high and its cut-off 施 lands in the first row below.
    The header was not recognised, so 三级指标 was read into the row broken over the page
    (“项目完工时三级指标”), its rest (间 | 月底前 | 月) became a row of its own, and the table's
    score row no longer added up."""
    (table,) = read("header_cut_short.pdf").tables
    assert (table.n_rows, table.n_cols, table.pages) == (11, 8, (1, 2))
    assert row_texts(table, 1)[-1] == "偏差原因分析及改进措施"
    assert row_texts(table, 7) == ["项目完工时间", "2023年12月底前", "2023年12月", "10", "10", ""]
    assert table.cell_at(7, 3).location.page == 1
    assert row_texts(table, 8)[:3] == ["成本指标", "户均改造成本", "≤2万元/户"]
    assert table.cell_at(8, 1).text == "产出指标" and table.cell_at(8, 1).row == 3
    assert row_texts(table, 11)[-3:] == ["100", "99", ""]
    assert "施" not in [norm_space(cell.text) for cell in table.cells]


# --- continuation by caption, merged cells over the break, and a false friend --------------------


def test_continued_table_with_caption_and_repeated_header():
    document = read("continued_table.pdf")
    assert body(document) == [("P", 1, "表1-2  资金拨付情况"), ("T", 1, ""), ("P", 2, "资金均已拨付到位。")]
    (table,) = document.tables
    assert table.pages == (1, 2)
    assert [row_texts(table, r) for r in range(1, table.n_rows + 1)] == [
        ["批次", "文号", "金额（万元）"],
        ["第一批", "湘财农指〔2022〕87号", "5564.18"],
        ["第二批", "湘财预〔2022〕292号", "1262.36"],
        ["第三批", "湘财农指〔2023〕25号", "2449.71"],
        ["合计", "", "9276.25"],
    ]


def test_label_merged_over_rows_that_cross_the_page_is_one_cell():
    """ "产出指标" spans 8 rows; LibreOffice put 7 of them on page 1 and drew an empty cell for
    the 8th on page 2."""
    table = read("merged_across_pages.pdf").tables[0]
    assert (table.n_rows, table.n_cols, table.pages) == (10, 5, (1, 2))
    label = table.cell_at(2, 1)
    assert (label.text, label.row, label.row_span, label.location.page) == ("产出指标", 2, 8, 1)
    assert all(table.cell_at(r, 1) is label for r in range(2, 10))
    assert [c.text for c in table.cells].count("一级指标") == 1
    assert row_texts(table, 9) == ["数量指标", "指标8：项目数量（个）", "108", "98"]
    assert row_texts(table, 10) == ["效益指标", "社会效益", "指标9：满意度（%）", "95", "95"]
    assert table.cell_at(9, 3).location.page == 2


def test_same_columns_on_the_next_page_are_not_enough_to_stitch():
    """Table 1 ends mid-page; page 2 opens with a table of the same columns but its own header
    and no "续表": two tables."""
    document = read("separate_tables.pdf")
    first, second = document.tables
    assert (first.index, first.pages, row_texts(first, 1)) == (1, (1,), ["项目", "金额（万元）"])
    assert (second.index, second.pages, row_texts(second, 1)) == (2, (2,), ["支出项目", "支出数（万元）"])
    assert second.location.page == 2


TEXT_BOX_PARAGRAPHS = [
    "岳阳楼区移民开发局2017年度部门整体支出绩效评价报告",
    *(
        f"（{n}）第{n}部分：我局围绕年度总体目标，在移民项目监管、移民年检年审、就业培训及产业扶持、"
        f"维稳帮扶等方面取得一定的成效，全年支出{600 + n}.00万元，预算执行率99.32%。"
        for n in range(1, 16)
    ),
]


def test_one_cell_box_over_two_pages_is_one_table_with_one_cell():
    """A report pasted into a single bordered cell; pdfplumber's find_tables would drop it."""
    document = read("text_box.pdf")
    assert body(document) == [("P", 1, "附件：2017年度评价报告"), ("T", 1, ""), ("P", 2, "附件完。")]
    (table,) = document.tables
    assert (table.n_rows, table.n_cols, table.pages, len(table.cells)) == (1, 1, (1, 2), 1)
    assert table.cells[0].text == "\n".join(TEXT_BOX_PARAGRAPHS)


def test_page_border_is_not_a_table():
    document = read("page_border.pdf")
    assert body(document) == [
        ("P", 1, "一、基本情况"),
        ("P", 1, "全年预算数640.00万元，执行数635.50万元，预算执行率99.30%。"),
    ]


# --- a long report -------------------------------------------------------------------------------


def test_long_report_reads_quickly_and_completely():
    """17 pages, 16 绩效指标 tables (13 of them continued on the next page), 79 paragraphs."""
    started = time.perf_counter()
    document = pdf_reader.read(FIXTURES / "long_report.pdf", "long_report.pdf", SHA)
    elapsed = time.perf_counter() - started
    assert elapsed < 10, f"{elapsed:.1f}s"  # ~1.5 s on the development machine
    assert (document.pages, document.status, len(document.tables), len(document.paragraphs)) == (
        17,
        "ok",
        16,
        79,
    )
    for table in document.tables:
        assert (table.n_rows, table.n_cols) == (13, 5)
        assert (table.cell_at(2, 1).text, table.cell_at(2, 1).row_span) == ("产出指标", 12)
        assert row_texts(table, 13)[-2:] == ["112", "102"]
    assert sum(len(t.pages) == 2 for t in document.tables) == 13
    assert {f[0] for f in furniture(document)} == {"header", "footer"} and len(document.furniture) == 34


# --- no or partial text layer --------------------------------------------------------------------


def test_scanned_pdf_needs_ocr():
    document = read("scanned.pdf")
    assert (document.status, document.blocks, document.pages) == ("needs_ocr", (), 1)
    assert document.notes == ("PDF 没有文字层（可能是扫描件），需要先做 OCR 识别才能读取",)


def test_partly_scanned_pdf_is_partial_and_names_the_page():
    document = read("partly_scanned.pdf")
    assert (document.status, document.pages) == ("partial", 2)
    assert document.notes == ("第2页没有文字层（可能是扫描图片），该页内容未读取，需要 OCR 识别",)
    assert body(document) == [("P", 1, "第一页有文字层：预算数640.00万元。")]


def test_a_page_pdfminer_cannot_parse_is_skipped_and_named():
    line = TextLine("第二页正文：预算数640.00万元。", 71.0, 300.0, 100.0, 112.0, 12.0, 2, 12.0)
    pages = [
        PageLayout(1, 0.0, 0.0, error="PDFSyntaxError: bad content stream"),
        PageLayout(2, 595.0, 842.0, lines=(line,), has_text=True),
    ]
    document = layouts_to_document(pages, "x.pdf", SHA, {})
    assert (document.status, document.pages) == ("partial", 2)
    assert document.notes == ("第1页内容损坏，未能读取（PDFSyntaxError: bad content stream）",)
    assert body(document) == [("P", 2, "第二页正文：预算数640.00万元。")]


# --- damaged and locked files --------------------------------------------------------------------


def test_truncated_pdf_is_corrupt():
    """pdfminer does not recover any page from the first half of the file: it raises PSEOF
    while looking for the trailer, so the whole file is reported damaged."""
    with pytest.raises(CorruptFileError) as caught:
        read("truncated.pdf")
    assert (
        caught.value.reason
        == "PDF 文件已损坏或不完整（可能是下载或上传中断），无法读取，请重新导出或重新提交"
    )
    assert caught.value.detail == "PSEOF: Unexpected EOF"


def test_garbage_after_the_pdf_signature_is_corrupt(tmp_path: Path):
    path = tmp_path / "garbage.pdf"
    path.write_bytes(b"%PDF-1.4\n" + "预算数640.00万元".encode() + b"\x00\xff" * 50)
    with pytest.raises(CorruptFileError) as caught:
        pdf_reader.read(path, "garbage.pdf", SHA)
    assert caught.value.detail.startswith("PDFSyntaxError")


def test_pdf_with_an_open_password_is_encrypted_error():
    with pytest.raises(EncryptedFileError) as caught:
        read("encrypted.pdf")
    assert caught.value.reason == "文件设有打开密码，无法读取，请取消密码后重新提交"
    assert caught.value.detail == "PDFPasswordIncorrect"
    assert isinstance(caught.value, ReadError)


def test_pdf_with_only_a_permissions_password_reads_normally():
    document = read("encrypted_no_open_password.pdf")
    assert (document.status, body(document)) == ("ok", [("P", 1, "加密文件：预算数640.00万元。")])


def test_read_document_dispatches_pdf_by_content():
    document = read_document(FIXTURES / "merged_cells.pdf", source="报告.pdf")
    assert document.format == "pdf" and len(document.sha256) == 64
    assert document.tables[0].location.file == "报告.pdf"


# --- the rules, case by case ---------------------------------------------------------------------


@pytest.mark.parametrize(
    ("left", "right", "joined"),
    [
        ("争取到支持集中安置区专项资", "金400万元", "争取到支持集中安置区专项资金400万元"),  # CJK | CJK
        ("截至2024年3月", "底，2023年度", "截至2024年3月底，2023年度"),
        ("比2022年8725.42万元多1189", "万元", "比2022年8725.42万元多1189万元"),  # digit | CJK
        ("this English", "sentence", "this English sentence"),  # Latin keeps its space
        ("project code YY-", "2023-07", "project code YY-2023-07"),  # a hyphen at the break
        ("“移得出、", "稳得住”", "“移得出、稳得住”"),  # Chinese quotes count as CJK
        ("3087.", "5", "3087.5"),  # a narrow cell breaks a number after its decimal point
        ("3087", ".5", "3087.5"),
        ("1,", "234.50", "1,234.50"),  # or after a thousands comma
        ("see page 3.", "Then", "see page 3. Then"),
    ],
)
def test_join_wrapped(left: str, right: str, joined: str):
    assert join_wrapped(left, right) == joined


def cell_line(text: str, x0: float, x1: float, top: float, page: int = 1, size: float = 10.5) -> TextLine:
    return TextLine(text, x0, x1, top, top + size, size, page, lead_width=size / 2)


CELL_FRAME = TextFrame(left=100.0, right=140.0, line_gap=2.0)  # a narrow 金额 column


@pytest.mark.parametrize(
    ("above", "below", "cut"),
    [
        (cell_line("15178.9", 100, 139, 10), cell_line("8", 100, 105, 24), True),  # no room for one digit
        (cell_line("1475", 100, 122, 10), cell_line("2649", 100, 122, 24), False),  # wrapped at a space
        (cell_line("the audit", 100, 139, 10), cell_line("firm", 100, 118, 24), False),  # two words
        (cell_line("15178.9", 104, 139, 10), cell_line("8", 100, 105, 24), False),  # not from the margin
    ],
)
def test_is_cut_token(above: TextLine, below: TextLine, cut: bool):
    assert is_cut_token(above, below, CELL_FRAME) is cut


def test_a_number_cut_in_a_narrow_cell_is_joined_whole():
    lines = [cell_line("15178.9", 100, 139, 10), cell_line("8", 100, 105, 24)]
    assert paragraph_to_text(lines, CELL_FRAME) == "15178.98"
    assert paragraph_to_text([cell_line("1475", 100, 122, 10), cell_line("2649", 100, 122, 24)], CELL_FRAME) == (
        "1475 2649")


def value_cell(text: str, x0: float, x1: float, page: int = 1) -> GridCell:
    """A cell from x 300 to 342 (a 1.5 cm column) holding one line."""
    line = cell_line(text, x0, x1, 700 if page == 1 else 60, page=page)
    return GridCell(0, 0, 1, 1, 300.0, 342.0, line.top - 3, line.bottom + 3, page, page, (line,))


@pytest.mark.parametrize(
    ("above", "below", "cut"),
    [
        (value_cell("15178.9", 305, 336.5), value_cell("8", 305, 310, page=2), True),  # wider than the cell
        (value_cell("40848", 308, 334), value_cell("124", 313, 329, page=2), False),  # centred: a new row
        (value_cell("帮扶解困及维", 305, 336.5), value_cell("稳工作。", 305, 326, page=2), True),  # text cut
        (value_cell("帮扶解困", 305, 326), value_cell("稳工作。", 305, 326, page=2), False),  # room was left
    ],
)
def test_is_cut_line(above: GridCell, below: GridCell, cut: bool):
    assert is_cut_line(above, below) is cut


def header_cells(texts: list[str], page: int, row: int, top: float, bottom: float) -> dict:
    """One row of 45-pt columns from x 160 on, each text centred on a line at ``top`` + 2."""
    cells = {}
    for index, text in enumerate(texts):
        x0 = 160.0 + 45 * index
        width = 10.5 * len(text)
        lines = (cell_line(text, x0 + 22.5 - width / 2, x0 + 22.5 + width / 2, top + 2, page=page),) if text else ()
        cells[(index + 2, index + 3)] = GridCell(row, index + 2, row + 1, index + 3, x0, x0 + 45, top, bottom,
                                                 page, page, lines)
    return cells


def test_header_row_cut_by_the_page_beside_labels_merged_over_it_is_one_row():
    """The 三公 table of a seed-002 copy: its second header row 公务接待 | 公务用车 … is cut by
    the page (费 | 运维费 … go on), beside 机构名称 and 三公经费 merged down over the header
    rows, whose text goes on too (三公经费 | 合计). No cell of the row was left short."""
    above = {
        (0, 1): GridCell(0, 0, 2, 1, 50, 110, 730, 760, 1, 1, (cell_line("机构名称", 59, 101, 732),)),
        (1, 2): GridCell(0, 1, 2, 2, 110, 160, 730, 760, 1, 1, (cell_line("三公经费", 114, 156, 732),)),
        **header_cells(["公务接待", "公务用车", "公务用车", "因公出国", "会议费"], 1, 1, 745, 760),
    }
    below = {
        (0, 1): GridCell(0, 0, 1, 1, 50, 110, 50, 65, 2, 2, ()),
        (1, 2): GridCell(0, 1, 1, 2, 110, 160, 50, 65, 2, 2, (cell_line("合计", 124.5, 145.5, 52, page=2),)),
        **header_cells(["费", "运维费", "购置费", "费", ""], 2, 0, 50, 65),
    }
    split = dict(n_cols=7, last_row=1, below_rows=5, room_below=5.0)
    assert is_split_row(above, below, **split)
    # the same row, but 会议费 also goes on: every cell ran on, nothing tells the row was cut
    below_all = {**below, **header_cells(["费", "运维费", "购置费", "费", "合计"], 2, 0, 50, 65)}
    assert not is_split_row(above, below_all, **split)


def label_cell(lines: list[TextLine], row: int, row_end: int, top: float, bottom: float, page: int) -> GridCell:
    return GridCell(row, 0, row_end, 1, 95.0, 145.0, top, bottom, page, page, tuple(lines))


@pytest.mark.parametrize(
    ("above", "below", "continued"),
    [
        # the label's text fills its page-1 part to the bottom and goes on: one cell
        (label_cell([cell_line("效益目标（预期实", 100, 142, 700, page=2, size=5.2)], 40, 42, 690, 707, 2),
         label_cell([cell_line("现的效益）", 100, 126, 60, page=3, size=5.2)], 0, 4, 55, 200, 3), True),
        # a label that ended high in its cell, then a new label opening the page: two cells
        (label_cell([cell_line("产出目标（数量", 100, 142, 600, page=2, size=5.2)], 36, 42, 590, 707, 2),
         label_cell([cell_line("效益目标", 100, 121, 60, page=3, size=5.2)], 0, 4, 55, 200, 3), False),
        # the first line left room: a paragraph ended there
        (label_cell([cell_line("产出目标", 100, 121, 700, page=2, size=5.2)], 40, 42, 690, 707, 2),
         label_cell([cell_line("效益目标", 100, 121, 60, page=3, size=5.2)], 0, 4, 55, 200, 3), False),
        # a header merged down over the header rows, then the first data row's value: two cells
        (label_cell([cell_line("支出合计", 100, 142, 700, page=2, size=5.2)], 38, 41, 660, 707, 2),
         label_cell([cell_line("1030.29", 100, 120, 60, page=3, size=5.2)], 0, 1, 55, 70, 3), False),
        # an empty piece over the next rows is the rest of the merged cell, as before
        (label_cell([cell_line("产出目标", 100, 121, 600, page=2, size=5.2)], 36, 42, 590, 707, 2),
         label_cell([], 0, 4, 55, 200, 3), True),
    ],
)
def test_is_continued_merge(above: GridCell, below: GridCell, continued: bool):
    assert is_continued_merge(above, below) is continued


@pytest.mark.parametrize(
    ("text", "is_marker"),
    [
        ("一、项目基本情况", True),
        ("（一）资金安排情况", True),
        ("(2)质量指标", True),
        ("1.资金直补受益移民40848人。", True),
        ("2、发放资金2414.7万元。", True),
        ("3）时效指标", True),
        ("①直补资金", True),
        ("第二部分 绩效分析", True),
        ("9914.42万元，争取到", False),  # a wrapped number, not item 9914
        ("2023年到县中央水库移民扶持基金", False),
        ("金400万元", False),
    ],
)
def test_list_markers_start_paragraphs(text: str, is_marker: bool):
    assert bool(LIST_MARKER.match(text)) is is_marker


@pytest.mark.parametrize(
    ("text", "is_page_number"),
    [("- 3 -", True), ("第 3 页", True), ("第3页 共20页", True), ("3/20", True), ("12", True),
     ("Page 3 of 20", True), ("2023年", False), ("第3条", False), ("预算数640.00万元", False)],
)  # fmt: skip
def test_page_number_pattern(text: str, is_page_number: bool):
    assert bool(pdf_reader.PAGE_NUMBER.fullmatch(text)) is is_page_number


def line(text: str, x0: float, x1: float, top: float, lead: float = 12.0, page: int = 1) -> TextLine:
    return TextLine(text, x0, x1, top, top + 12.0, 12.0, page, lead)


# measured on paragraphs.pdf: margins 71.0 and 519.8, lines 7.8 pt apart (19.8 pt pitch)
FRAME = TextFrame(left=71.0, right=519.8, line_gap=7.8)
# measured on corpus/pdf/000 and 003: margins 90.3 and 504.6, paragraphs open indented
INDENTED = TextFrame(left=90.3, right=504.6, line_gap=13.9, uses_indent=True)


@pytest.mark.parametrize(
    ("above", "below", "frame", "is_break"),
    [
        (line("内设办公室…移民后", 71.0, 513.8, 112.3), line("股室，2022年…", 71.0, 301.4, 132.1), FRAME, False),
        (line("股室，2022年…中心。", 71.0, 301.4, 132.1), line("（一）资金安排情况", 71.0, 179.0, 151.9, 36.0), FRAME, True),
        (line("2023年到县…争取到", 95.0, 513.2, 171.7), line("金400万元，比…", 71.0, 339.2, 191.5), FRAME, False),
        # a full line, then a line indented by two characters: a new paragraph
        (line("…成立了移民信息中心", 71.0, 519.8, 100.0), line("2023年到县…", 95.0, 513.2, 119.8, 24.0), FRAME, True),
        # a centred title wrapped over two lines: the second starts further right, but centred
        (line("关于开展2023年度中央水库移民扶持基金绩效自评工作的", 75.0, 515.0, 100.0),
         line("通知", 283.0, 307.0, 119.8), FRAME, False),
        # a Latin line whose next word ("sentence", 40 pt) did not fit in the 12.4 pt left
        (line("The project code … English", 95.0, 507.4, 248.3), line("sentence is long …", 71.0, 373.1, 264.1, 40.0),
         FRAME, False),
        # a wide vertical gap
        (line("…良好。", 71.0, 519.8, 100.0), line("下一段", 71.0, 519.8, 140.0), FRAME, True),
        # across a page break no vertical test: a full line continues on the next page
        (line("…第37项：", 71.0, 519.8, 750.0), line("移民美丽家园…", 71.0, 519.8, 72.0, page=2), FRAME, False),
        # 000: an enumeration wrapped to the margin of an indented-paragraph body goes on
        (line("作；（三）负责全县…建设维护", 90.3, 486.3, 316.1), line("（四）负责移民培训工作", 90.3, 498.3, 342.0, 24.0),
         INDENTED, False),
        # ... while the same marker indented, or in a body without indents, opens a paragraph
        (line("作；（三）负责全县…建设维护", 90.3, 486.3, 316.1), line("（四）负责移民培训工作", 114.3, 498.3, 342.0, 24.0),
         INDENTED, True),
        (line("作；（三）负责全县…建设维护", 90.3, 486.3, 316.1), line("（四）负责移民培训工作", 90.3, 498.3, 342.0, 24.0),
         FRAME, True),
        # blind probe J r17: a date set right ends at the margin; “附表” opening the next page is no part of it
        (line("2024年5月10日", 420.7, 519.8, 731.0), line("附表", 71.0, 95.0, 72.0, page=2), FRAME, True),
    ],
)  # fmt: skip
def test_is_paragraph_break(above: TextLine, below: TextLine, frame: TextFrame, is_break: bool):
    assert is_paragraph_break(above, below, frame) is is_break


@pytest.mark.parametrize(
    ("text", "units"),
    [
        ("底，2023年", 2),  # a character and the comma that may not start a line
        ("2023年", 4),  # a number, up to the CJK character after it
        ("公”经费支出", 3),  # no break before a quotation mark, nor after it (LibreOffice, class QU)
        ("95.84%，“三公”", 9),  # 95.84% ， “ 三: the unit LibreOffice moved down whole (probe wrap.pdf)
        ("“三公”经费", 2),  # an opening quote binds to the character after it
    ],
)
def test_the_lead_unit_of_a_line_is_what_cannot_be_broken(text: str, units: int):
    """A line's first unbreakable unit, as LibreOffice breaks lines: with 12 pt per character,
    its width is 12 times the characters that move down together. When the unit is narrower
    than the room the line above left, the wrap is taken for a paragraph end, so a unit
    measured short splits a paragraph in two (…预算执行率 / 95.84%，“三公”…)."""
    chars = [{"text": ch, "x0": 12.0 * i, "x1": 12.0 * i + 12} for i, ch in enumerate(text)]
    assert chars_to_lead_width(chars) == 12.0 * units


def test_one_line_paragraphs_opening_at_the_same_indent_are_two():
    """003, page 3: "目标5：…完成培训项目2个；" ends 10 pt short of the margin (no room for
    "目"), but it opened its paragraph 3 pt in and "目标6：…" starts there too, not at the margin."""
    above = line("目标5：计划投入387万元，培训移民劳动力948人次。完成培训项目2个；", 93.3, 494.1, 228.9)
    below = line("目标6：计划投入63万元，实施其他项目3个。", 93.3, 345.3, 254.8)
    assert is_paragraph_break(above, below, INDENTED, above_starts=True) is True
    assert is_paragraph_break(above, below, INDENTED, above_starts=False) is False  # a wrapped line


@pytest.mark.parametrize(
    ("values", "edges"),
    [
        ([65.5, 156.2, 156.3, 519.0, 519.1], (65.5, 156.2, 519.0)),
        ([84.8, 169.8, 224.8, 279.8, 334.8, 389.8], (84.8, 169.8, 224.8, 279.8, 334.8, 389.8)),
    ],
)
def test_values_to_edges(values: list[float], edges: tuple[float, ...]):
    assert values_to_edges(values, 2.0) == edges


@pytest.mark.parametrize(
    ("a", "b", "fits"),
    [
        ((85, 170, 280, 335, 500), (85, 170, 280, 335, 500), True),
        ((85, 170, 280, 335, 500), (85, 170, 280, 390, 500), False),  # a different inner edge
        ((85, 170, 280, 335, 500), (85, 170, 335, 500), True),  # the next page merges two columns
        ((85, 170, 500), (65, 170, 500), False),  # different outer edge
        ((85.0, 300.0, 500.0), (86.5, 298.0, 501.0), True),  # within 3 pt
    ],
)
def test_columns_fit(a, b, fits: bool):
    assert columns_fit(a, b) is fits


@pytest.mark.parametrize(("char", "cjk"), [("预", True), ("，", True), ("（", True), ("％", True), ("A", False),
                                           ("1", False), (".", False), ("”", True)])  # fmt: skip
def test_is_cjk(char: str, cjk: bool):
    assert is_cjk(char) is cjk


def test_fake_bold_doubled_chars_are_read_once():
    def char(text: str, x0: float, top: float) -> dict:
        return {"text": text, "x0": x0, "x1": x0 + 12, "top": top, "fontname": "SimSun", "size": 12.0}

    chars = [char("预", 71.0, 100.0), char("预", 71.4, 100.3), char("算", 83.0, 100.0), char("算", 83.5, 99.6),
             char("数", 95.0, 100.0), char("预", 107.0, 100.0), char("预", 71.0, 120.0)]  # fmt: skip
    assert [(c["text"], c["x0"], c["top"]) for c in pdf_reader.dedupe_chars(chars)] == [
        ("预", 71.0, 100.0), ("算", 83.0, 100.0), ("数", 95.0, 100.0), ("预", 107.0, 100.0), ("预", 71.0, 120.0)
    ]  # fmt: skip


@pytest.mark.parametrize("module", [pdf_reader, pdf_tables])
def test_docstring_examples(module):
    assert doctest.testmod(module).failed == 0


def _page_of(number: int, *lines: tuple[str, float]) -> PageLayout:
    """An A4 page (842 pt high) holding ``lines`` as (text, top)."""
    return PageLayout(number, 595.0, 842.0, tuple(
        TextLine(text, 90.0, 500.0, top, top + 12.0, 12.0, number, 12.0) for text, top in lines), has_text=True)


@pytest.mark.parametrize(("top", "pages", "is_furniture"), [
    (78.0, 2, False),  # where the body begins (9 % of the page): the unit's name over page 1's title and page 2's signature
    (78.0, 3, True),  # the same line opening three pages is a running line
    (40.0, 2, True),  # above the body's margin (5 %): a running header even on two pages
])
def test_a_line_opening_two_pages_where_the_body_begins_is_body_text(top: float, pages: int, is_furniture: bool) -> None:
    """Blind probe AA aa06: “遵义市播州区人民医院” opened page 1 (over the title) and page 2 (over the
    date of the signature); taken for a running header, the unit's name was lost."""
    layouts = [_page_of(n, ("遵义市播州区人民医院", top), (f"第{n}页正文。", 120.0)) for n in range(1, pages + 1)]
    furniture = pdf_reader.pages_to_furniture(layouts)
    assert ((1, 0) in furniture) == is_furniture


def test_the_line_gap_of_short_paragraphs_spaced_apart_is_the_gap_inside_them():
    """Blind probes AA aa06 and J r17: one- and two-line paragraphs with spacing after each give
    more gaps between paragraphs (14 pt) than inside them (4 pt); the median took 14 pt for the
    line spacing, so a heading 14 pt below a full line was joined to it (“…114名。二、预算收支情况”)."""
    tops = [100.0]
    for gap in (4, 14, 14, 4, 14, 14, 4, 14, 4, 14, 14, 4, 14, 14):
        tops.append(tops[-1] + 12.0 + gap)
    lines = [line(f"第{i}行", 71.0, 500.0, top) for i, top in enumerate(tops)]
    assert pdf_tables.typical_line_gap(lines) == 4.0
    assert pdf_tables.typical_line_gap(lines[:4]) == 14.0  # 4 pt seen once (4, 14, 14) is no spacing


def test_the_title_under_a_running_header_of_the_same_words_is_body_text() -> None:
    """Blind probe AD ad09: the running header repeats the title; on page 1 the title itself sits
    under it, where the body begins. Taken for the header too, the title was lost, and with it
    the report's kind."""
    title = "邵阳市双清区教育局2022年度部门整体支出绩效自评报告"
    layouts = [_page_of(1, (title, 40.0), (title, 78.0), ("一、部门基本情况", 120.0)),
               _page_of(2, (title, 40.0), ("第2页正文。", 120.0)),
               _page_of(3, (title, 40.0), ("第3页正文。", 120.0))]
    furniture = pdf_reader.pages_to_furniture(layouts)
    assert set(furniture) == {(1, 0), (2, 0), (3, 0)}
