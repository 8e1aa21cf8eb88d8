"""Every corpus report reads the same from .docx, .pdf and .txt, and every location leads back.

Expected texts below were written by reading the seed reports in ../shared/seeds (copied to
corpus/txt), not from the program's output. Comparisons ignore whitespace, because a PDF wraps
long cell text at different places than Word does; row comparisons list the non-empty cells a
row *starts* (a merged cell belongs to its first row), which is what every format can carry —
the .txt export cannot carry spans.
"""

from __future__ import annotations

import re
from functools import lru_cache
from pathlib import Path

import docx as python_docx
import pdfplumber
import pytest

from extract.model import Document, Table
from extract.readers import read_document
from extract.textfix import remove_bookmarks

from conftest import CORPUS

FORMATS = ("txt", "docx", "pdf")
SEEDS = (
    "000_7300f5264373c338",
    "001_c77a996d3d2046a2",
    "002_4b892db86c619806",
    "003_4125eea1ce7e0ef6",
    "004_595fe22f084a2b2d",
)


def norm(text: str) -> str:
    return re.sub(r"\s+", "", text)


@lru_cache(maxsize=None)
def load(seed: str, fmt: str) -> Document:
    return read_document(CORPUS / fmt / f"{seed}.{fmt}")


def row_texts(table: Table) -> list[list[str]]:
    return [[norm(c.text) for c in cells if norm(c.text)] for cells in table.rows()]


def table_containing(document: Document, text: str) -> Table:
    wanted = norm(text)
    for table in document.tables:
        if any(wanted == norm(cell.text) for cell in table.cells):
            return table
    raise AssertionError(f"no table has a cell {text!r}")


# Tables per seed, by reading: 000, 001 and 004 are prose only; 002 is one big form plus the
# 2017 report pasted into a one-cell table; 003 has five tables.
TABLE_COUNTS = {SEEDS[0]: 0, SEEDS[1]: 0, SEEDS[2]: 2, SEEDS[3]: 5, SEEDS[4]: 0}

# (seed, a cell that identifies the table, an expected row of non-empty cells)
EXPECTED_ROWS = [
    (SEEDS[2], "联系人", ["联系人", "易 斌", "联络电话", "8864955"]),
    (SEEDS[2], "人员编制", ["人员编制", "16", "实有人数", "15"]),
    (SEEDS[2], "收入合计", ["局机关及二级机构汇总", "1371.04", "0", "220.58", "1150.46", "0", "0"]),
    (SEEDS[2], "支出合计", ["局机关及二级机构汇总", "1184.24", "220.58", "185.63", "34.95", "963.66", "186.8"]),
    (SEEDS[2], "公务接待费", ["机构名称", "三公经费合计", "其中："]),
    (SEEDS[2], "公务接待费", ["局机关及二级机构汇总", "3.12", "3.12", "0", "0", "0", "0"]),
    (SEEDS[2], "绩效自评综合得分", ["绩效自评综合得分", "98分"]),
    (SEEDS[2], "评价等次", ["评价等次", "优秀"]),
    (SEEDS[2], "对移民进行年检年审", ["产出目标", "质量指标", "对移民进行年检年审", "100%"]),
    (SEEDS[3], "序号", ["序号", "文件名", "文号", "发文时间", "金额（万元）", "资金类型"]),
    (SEEDS[3], "序号", ["合计", "9914.42"]),
    (
        SEEDS[3],
        "序号",
        ["1", "湖南省财政厅关于提前下达2023年度中央大中型水库移民后期扶持资金（第一批）的通知",
         "湘财预〔2022〕292号", "2022-12-2", "1475", "后扶基金"],
    ),
    (SEEDS[3], "下文日期", ["湘财农指〔2023〕25号", "2023-7-14", "2649"]),
    (SEEDS[3], "绩效目标", ["绩效指标", "产出指标", "数量指标", "指标1：资金直补受益移民（人）", "40848"]),
    (SEEDS[3], "绩效目标", ["指标4：培训移民劳动力（人次）", "948"]),
    (SEEDS[3], "绩效目标", ["生态效益", "指标1：建成美丽移民村（个）", "5"]),
    (SEEDS[3], "绩效目标", ["满意度", "服务对象满意度", "指标1：移民对后期扶持政策实施满意度（%）", "≥80"]),
    (SEEDS[3], "实际完成指标值", ["名称", "一级指标", "二级指标", "三级指标", "绩效目标", "实际完成指标值"]),
    (SEEDS[3], "实际完成指标值", ["指标4：培训移民劳动力（人次）", "948", "1506"]),
    (SEEDS[3], "实际完成指标值", ["指标2：截至2022年底，2022年度计划项目资金完成率（%）", "80", "79"]),
    (SEEDS[3], "实际完成指标值", ["生态效益", "指标1：建成美丽移民村（个）", "5", "5"]),
    (SEEDS[3], "实际完成指标值", ["指标2：项目扶持受益移民村（不含建成美丽移民村）（个）", "120", "123"]),
]

# (seed, a sentence that must be read as running text, in a paragraph)
EXPECTED_PARAGRAPHS = [
    (SEEDS[0], "邵东市库区移民事务中心2020年整体绩效"),
    (SEEDS[0], "2020年度财政拨款收、支总计10060.65万元"),
    (SEEDS[0], "公务接待费支出2020年度决算为0.89万元，预算为1.5万元，完成预算的59%"),
    (SEEDS[1], "2023年在职人员控制率77%=（在职人员数10人/编制数13人）*100%"),
    (SEEDS[1], "2023年全年预算数2026.86，预算执行数2026.86万元，预算执行率100%。"),
    (SEEDS[2], "岳阳楼区财政局（制）"),
    (SEEDS[3], "2023年度，湖南省共下达岳阳县2023年度中央水库移民扶持基金9914.42万元"),
    (SEEDS[3], "评价等级为“优”"),
    (SEEDS[4], "在职人员控制率为 260 %"),
    (SEEDS[4], "2020年，我单位支出预算6400.32万元，实际支出3961.33万元，预算执行率61.92%。"),
]


@pytest.mark.parametrize("fmt", FORMATS)
@pytest.mark.parametrize("seed", SEEDS)
def test_reads_ok_with_the_right_number_of_tables(seed: str, fmt: str) -> None:
    document = load(seed, fmt)
    assert document.status == "ok", document.notes
    assert document.format == fmt
    assert len(document.tables) == TABLE_COUNTS[seed]
    assert not any("[bookmark" in p.text for p in document.paragraphs)


@pytest.mark.parametrize("fmt", FORMATS)
@pytest.mark.parametrize(("seed", "anchor", "row"), EXPECTED_ROWS)
def test_table_rows(seed: str, anchor: str, row: list[str], fmt: str) -> None:
    table = table_containing(load(seed, fmt), anchor)
    assert [norm(t) for t in row] in row_texts(table)


@pytest.mark.parametrize("fmt", FORMATS)
@pytest.mark.parametrize(("seed", "sentence"), EXPECTED_PARAGRAPHS)
def test_paragraph_text(seed: str, sentence: str, fmt: str) -> None:
    assert any(norm(sentence) in norm(p.text) for p in load(seed, fmt).paragraphs)


def grid_cases():
    for seed in SEEDS:
        for fmt in ("txt", "pdf"):
            yield pytest.param(seed, fmt, id=f"{seed}-{fmt}")


@pytest.mark.parametrize(("seed", "fmt"), list(grid_cases()))
def test_same_grid_in_every_format(seed: str, fmt: str) -> None:
    """Table by table, the rows read from .txt and .pdf equal those read from .docx."""
    expected = [row_texts(t) for t in load(seed, "docx").tables]
    assert [row_texts(t) for t in load(seed, fmt).tables] == expected


def test_seed_002_2017_report_is_inside_the_forms_last_cell() -> None:
    """By the text format's rules the 2017 report after the form is one cell (see corpus/README)."""
    for fmt in FORMATS:
        table = load(SEEDS[2], fmt).tables[-1]
        assert len(table.cells) == 1
        text = norm(table.cells[0].text)
        assert text.startswith(norm("岳阳楼区移民开发局2017年度部门")), fmt
        assert norm("2017年我区直补移民人数为6514人，计划发放直补资金390.84万元") in text, fmt


# --- Locations lead back to the original -----------------------------------------------------


def docx_block_texts(path: Path) -> list[str]:
    body = python_docx.Document(str(path)).element.body
    texts = []
    for child in body.iterchildren():
        if child.tag.endswith("}p") or child.tag.endswith("}tbl"):
            texts.append("".join(t.text or "" for t in child.iter() if t.tag.endswith("}t")))
    return texts


@lru_cache(maxsize=None)
def pdf_page_texts(path: Path) -> list[str]:
    with pdfplumber.open(path) as pdf:
        return [norm(page.extract_text() or "") for page in pdf.pages]


def located_quotes(document: Document):
    for paragraph in document.paragraphs:
        yield paragraph.location
    for table in document.tables:
        for cell in table.cells:
            if norm(cell.text):
                yield cell.location


@pytest.mark.parametrize("seed", SEEDS)
def test_docx_locations_lead_to_the_quote(seed: str) -> None:
    blocks = docx_block_texts(CORPUS / "docx" / f"{seed}.docx")
    for location in located_quotes(load(seed, "docx")):
        assert location.paragraph is not None
        assert norm(location.quote)[:20] in norm(blocks[location.paragraph - 1]), location


def is_subsequence(needle: str, haystack: str) -> bool:
    remaining = iter(haystack)
    return all(ch in remaining for ch in needle)


@pytest.mark.parametrize("seed", SEEDS)
def test_pdf_locations_lead_to_the_quote(seed: str) -> None:
    """The quote's first characters are on the page it names, in order (a page's extracted text
    interleaves the lines of neighbouring cells, so a cell's text need not be contiguous there).
    A cell broken over the page starts there and goes on at the top of the next page."""
    pages = pdf_page_texts(CORPUS / "pdf" / f"{seed}.pdf")
    for location in located_quotes(load(seed, "pdf")):
        assert location.page is not None
        start = norm(location.quote)[:10]
        here = pages[location.page - 1]
        on_page = max(n for n in range(len(start) + 1) if is_subsequence(start[:n], here))
        if on_page < len(start):
            assert on_page >= 4 and location.page < len(pages), location
            assert is_subsequence(start[on_page:], pages[location.page][:200]), location


@pytest.mark.parametrize("seed", SEEDS)
def test_txt_locations_lead_to_the_quote(seed: str) -> None:
    lines = (CORPUS / "txt" / f"{seed}.txt").read_text(encoding="utf-8-sig").splitlines()
    for location in located_quotes(load(seed, "txt")):
        assert location.line is not None
        first_line = location.quote.splitlines()[0]
        original = remove_bookmarks(lines[location.line - 1])
        assert norm(first_line) in norm(original), location
