"""extract/indicators.py: the golden indicator rows of every seed in every format, and case tables.

The golden rows (tests/golden/<seed>.yaml, ``indicators:``) were written by reading the
documents; the same rows must come out of the .txt, .docx and .pdf of a seed. Comparisons ignore
whitespace, because a PDF wraps long cells at other places than Word does. The small tables below
are built by hand in the shapes the readers produce: Word/PDF grids with merged cells stored once,
and text-export grids without vertical spans.
"""

from __future__ import annotations

import re
from decimal import Decimal
from functools import cache

import pytest
import yaml
from conftest import CORPUS, ROOT

from extract.indicators import (
    IndicatorRow,
    cell_text_to_label,
    document_to_indicator_rows,
    label_to_role,
    table_to_indicator_rows,
)
from extract.model import Cell, Location, Table
from extract.readers import read_document

GOLDEN = ROOT / "tests" / "golden"
FORMATS = ("txt", "docx", "pdf")
SEEDS = (
    "000_7300f5264373c338",
    "001_c77a996d3d2046a2",
    "002_4b892db86c619806",
    "003_4125eea1ce7e0ef6",
    "004_595fe22f084a2b2d",
)

# Known reader defects, one strict xfail each: when the reader is fixed the case passes, the
# xfail fails, and this entry must go.
READER_DEFECTS: dict[tuple[str, str], str] = {}


def norm(text: str) -> str:
    return re.sub(r"\s+", "", text)


@cache
def extracted(seed: str, fmt: str) -> tuple[IndicatorRow, ...]:
    return tuple(document_to_indicator_rows(read_document(CORPUS / fmt / f"{seed}.{fmt}")))


def golden_cases() -> list[pytest.ParameterSet]:
    cases = []
    for seed in SEEDS:
        for fmt in FORMATS:
            reason = READER_DEFECTS.get((seed, fmt))
            marks = [pytest.mark.xfail(strict=True, reason=reason)] if reason else []
            cases.append(pytest.param(seed, fmt, marks=marks, id=f"{seed[:3]}-{fmt}"))
    return cases


@pytest.mark.parametrize(("seed", "fmt"), list(golden_cases()))
def test_golden_indicator_rows(seed: str, fmt: str) -> None:
    golden = yaml.safe_load((GOLDEN / f"{seed}.yaml").read_text(encoding="utf-8"))["indicators"]
    expected = [
        tuple(norm(str(row[key])) for key in ("level1", "level2", "name", "target", "actual")) for row in golden
    ]
    rows = extracted(seed, fmt)
    found = [tuple(norm(t) for t in (r.level1, r.level2, r.name, r.target_raw, r.actual_raw)) for r in rows]
    assert found == expected
    for row in rows:  # an auditor finds every row by its name cell
        assert norm(row.location.quote) == norm(row.name)  # the cell text, exactly as read
        assert row.location.table == row.table


# ─── hand-built tables ───────────────────────────────────────────────────────────────────────

Entry = str | tuple[str, int, int]  # text, or (text, row_span, col_span)


def make_table(rows: list[list[Entry]], index: int = 1) -> Table:
    """A Table laid out as HTML lays out a table: each entry takes the next grid position not
    covered by a merged cell from a row above."""
    covered: set[tuple[int, int]] = set()
    cells: list[Cell] = []
    for r, entries in enumerate(rows, 1):
        c = 1
        for entry in entries:
            text, row_span, col_span = (entry, 1, 1) if isinstance(entry, str) else entry
            while (r, c) in covered:
                c += 1
            location = Location(file="手工表.docx", table=index, row=r, col=c, quote=text)
            cells.append(Cell(r, c, text, location, row_span=row_span, col_span=col_span))
            covered.update((rr, cc) for rr in range(r, r + row_span) for cc in range(c, c + col_span))
            c += col_span
    n_cols = max(cell.col + cell.col_span - 1 for cell in cells)
    return Table(index, len(rows), n_cols, tuple(cells), Location(file="手工表.docx", table=index))


def brief(rows: list[IndicatorRow]) -> list[tuple[str, ...]]:
    return [(r.level1, r.level2, r.name, r.target_raw, r.actual_raw) for r in rows]


def test_weight_and_score_columns_and_a_comparator_target() -> None:
    """A 财政部-style 自评表: 分值 and 得分 columns, a ≥ target, and a 总分 row ending the block."""
    table = make_table([
        ["一级指标", "二级指标", "三级指标", "年度指标值", "实际完成值", "分值", "得分", "偏差原因分析及改进措施"],
        [("产出指标", 2, 1), "质量指标", "验收合格率", "≥95%", "98%", "10", "10", ""],
        ["时效指标", "按时完成率", "100%", "90%", "10", "9", "进度滞后"],
        [("总分", 1, 5), "20", "19", ""],
    ])
    rows = table_to_indicator_rows(table)
    assert brief(rows) == [
        ("产出指标", "质量指标", "验收合格率", "≥95%", "98%"),
        ("产出指标", "时效指标", "按时完成率", "100%", "90%"),
    ]
    first, second = rows
    assert first.target is not None and first.target.op == "≥"
    assert (first.target.value, first.target.unit) == (Decimal(95), "%")
    assert first.actual is not None and (first.actual.value, first.actual.op) == (Decimal(98), None)
    assert (first.weight_raw, second.score_raw) == ("10", "9")
    assert first.weight is not None and first.weight.value == Decimal(10)
    assert second.score is not None and second.score.value == Decimal(9)
    assert (first.row, first.location.row, first.location.col, first.location.quote) == (2, 2, 3, "验收合格率")
    assert first.target_location is not None and first.target_location.col == 4
    assert second.actual_location is not None and (second.actual_location.row, second.actual_location.col) == (3, 5)


@pytest.mark.parametrize("label", ["绩效指标", "评价指标", "指标"])
def test_a_name_column_headed_by_the_word_for_indicator(label: str) -> None:
    """Local forms (probe F19) head the name column 绩效指标, 评价指标 or 指标, with the first level in
    a 指标类别 column (blind probe AW); the national form writes 绩效指标 over 一级/二级/三级指标 in
    the row above them, which still heads nothing."""
    table = make_table([
        ["指标类别", label, "年度目标值", "实际完成值", "分值", "得分"],
        ["产出指标", "统计数据上报及时率", "100%", "96%", "30", "30"],
    ])
    assert brief(table_to_indicator_rows(table)) == [("产出指标", "", "统计数据上报及时率", "100%", "96%")]
    national = make_table([
        [("绩效指标", 1, 3), ("年度指标值", 2, 1), ("实际完成值", 2, 1), ("分值", 2, 1), ("得分", 2, 1)],
        ["一级指标", "二级指标", "三级指标"],
        ["产出指标", "数量指标", "改造户数", "100户", "98户", "20", "18"],
    ])
    assert brief(table_to_indicator_rows(national)) == [("产出指标", "数量指标", "改造户数", "100户", "98户")]


def test_the_national_forms_indicator_label_down_the_first_column_heads_no_later_row() -> None:
    """绩效指标 merged down the block's first column (blind probe K k13, .xlsx): a row below it
    whose actual value is 达到预期 (预期 names a target column) is data, not a new header."""
    table = make_table([
        [("绩效指标", 4, 1), "一级指标", "二级指标", "三级指标", "年度指标值", "实际完成值", "分值", "得分"],
        [("产出指标", 2, 1), "数量指标", "发放人数", "≥3200人", "3265人", "15", "15"],
        ["成本指标", "发放金额", "≤392.40万元", "391.80万元", "5", "5"],
        ["效益指标", "社会效益指标", "高龄老人生活质量", "逐步提高", "达到预期", "15", "15"],
    ])
    assert brief(table_to_indicator_rows(table)) == [
        ("产出指标", "数量指标", "发放人数", "≥3200人", "3265人"),
        ("产出指标", "成本指标", "发放金额", "≤392.40万元", "391.80万元"),
        ("效益指标", "社会效益指标", "高龄老人生活质量", "逐步提高", "达到预期"),
    ]


def test_section_rows_across_the_table_give_the_level_of_the_rows_under_them() -> None:
    """A form without a 一级 column sets its sections in rows across the table (probe F10):
    “一、产出指标” is the 一级 of the rows under it, not the end of the table; a 总分 row still is."""
    table = make_table([
        ["序号", "二级指标", "三级指标", "年度指标值", "实际完成值", "分值", "得分"],
        [("一、产出指标", 1, 7)],
        ["1", "质量指标", "疫苗接种率", "≥95%", "93.2%", "20", "20"],
        [("二、效益指标", 1, 7)],
        ["2", "社会效益指标", "门诊数", "≥20个", "18个", "10", "8"],
        [("总分", 1, 5), "30", "28"],
        ["3", "质量指标", "不在表内", "1", "1", "1", "1"],
    ])
    assert [(r.level1, r.level2, r.name) for r in table_to_indicator_rows(table)] == [
        ("产出指标", "质量指标", "疫苗接种率"), ("效益指标", "社会效益指标", "门诊数")]


@pytest.mark.parametrize("total_row", [
    # “ | | 合计 | | | 100 | 98” (probe F25): the total of the scores, which JX104 checks, not an
    # indicator named 合计 inheriting the levels above
    ["", "", "合计", "", "", "100", "98"],
    # “合计 | / | / | / | / | 100 | 98” (blind probe Y y08): the slashes stand for empty cells
    ["合计", "/", "／", "—", "/", "100", "98"],
])
def test_a_total_row_is_no_indicator(total_row: list[str]) -> None:
    table = make_table([
        ["一级指标", "二级指标", "三级指标", "年度指标值", "实际完成值", "分值", "得分"],
        ["产出指标", "数量指标", "改造户数", "100户", "100户", "50", "50"],
        ["满意度指标", "服务对象满意度", "群众满意度", "≥90%", "95%", "50", "48"],
        total_row,
    ])
    assert [r.name for r in table_to_indicator_rows(table)] == ["改造户数", "群众满意度"]


def test_direction_and_unit_columns_complete_the_target() -> None:
    """The 财政部 form since 2021 (probe F02): 指标性质 ≥/≤/正向/反向 and 度量单位 in columns of their
    own. A bare target takes both (30 | ≤ | 天 is at most 30 days); one written with its own op and
    unit keeps them; an actual takes the unit only; a unit the parser cannot read leaves it bare."""
    table = make_table([
        ["一级指标", "二级指标", "三级指标", "指标性质", "指标值", "度量单位", "实际完成值", "分值", "得分"],
        [("产出指标", 4, 1), "时效指标", "资金拨付时间", "≤", "30", "天", "25", "10", "10"],
        ["质量指标", "验收合格率", "≥", "95", "%", "93", "10", "10"],
        ["成本指标", "单位造价", "反向", "≥80万元", "万元", "76", "10", "10"],
        ["效益指标", "PM2.5浓度", "≤", "35", "微克/立方米", "30", "10", "10"],
        ["效益指标", "社会效益指标", "受益人口", "≥", "3.2", "万人", "3.26", "10", "10"],  # blind probe Z z09
    ])
    rows = table_to_indicator_rows(table)
    got = [(r.target.value, r.target.unit, r.target.op, r.actual.value, r.actual.unit) for r in rows]
    assert got == [
        (Decimal(30), "天", "≤", Decimal(25), "天"),
        (Decimal(95), "%", "≥", Decimal(93), "%"),
        (Decimal(80), "万元", "≥", Decimal(76), "万元"),  # the cell's own ≥ wins over 反向
        (Decimal(35), "", "≤", Decimal(30), ""),
        (Decimal(32000), "人", "≥", Decimal(32600), "人"),  # as “3.2万人” written in the cell reads
    ]
    assert [r.target_raw for r in rows] == ["30", "95", "≥80万元", "35", "3.2"]  # the cells as written


@pytest.mark.parametrize(
    "header",
    [
        ("一级指标", "二级指标", "三级指标", "指标值", "完成值", "分值", "得分", "未完成原因"),
        ("一级指标", "二级指标", "三级指标", "年度目标值", "实际完成值", "权重", "自评得分", "偏差原因"),
        ("一级指标", "二级指标", "三级指标", "预期指标值", "全年实际值", "分值", "得分", "备注"),
        ("一级指标", "二级指标", "指标内容", "指标值", "实际完成情况", "分值", "得分", "原因分析"),
    ],
    ids=["指标值/完成值", "年度目标值/权重/自评得分", "预期指标值/全年实际值", "指标内容/实际完成情况"],
)
def test_header_wordings_of_other_forms(header: tuple[str, ...]) -> None:
    table = make_table([
        list(header),
        ["产出指标", "数量指标", "培训人数", "≥500人", "480人", "10", "9", "部分学员未到"],
        ["效益指标", "满意度指标", "群众满意度", "≥90%", "95%", "10", "10", ""],
    ])
    rows = table_to_indicator_rows(table)
    assert brief(rows) == [
        ("产出指标", "数量指标", "培训人数", "≥500人", "480人"),
        ("效益指标", "满意度指标", "群众满意度", "≥90%", "95%"),
    ]
    assert [(r.weight_raw, r.score_raw) for r in rows] == [("10", "9"), ("10", "10")]


NOT_INDICATOR_TABLES = {
    "三公经费 (seed 002)": [
        [("机构名称", 2, 1), ("三公经费合计", 2, 1), ("其中：", 1, 5)],
        ["公务接待费", "公务用车运维费", "公务用车购置费", "因公出国费", "会议费"],
        ["局机关及二级机构汇总", "3.12", "3.12", "0", "0", "0", "0"],
    ],
    "资金文号 (seed 003)": [
        ["资金文号", "下文日期", "到位资金（万元）"],
        ["湘财预〔2022〕292号", "2022-12-2", "1475"],
        ["合计", "", "9914.42"],
    ],
    "定性目标: target and actual but no name column (seed 002)": [
        [("整体支出绩效定性目标及实施计划完成情况", 2, 1), ("预期目标", 1, 3), ("实际完成", 1, 3)],
        [("指标1：对我区移民聚居区的移民工程项目实施监督管理", 1, 3), ("各目标任务全部落实到位。", 1, 3)],
    ],
    "a name column but no value column": [
        ["一级指标", "二级指标", "三级指标"],
        ["产出指标", "数量指标", "培训人次"],
    ],
    "problems and their rectification, by indicator (probe F20)": [
        ["序号", "考核指标", "存在问题", "整改措施", "整改时限", "完成情况"],
        ["1", "空气质量优良天数比率", "未达年度目标", "加强扬尘管控", "2024年6月底前", "整改中"],
        ["2", "公众满意度", "宣传不到位", "加大宣传力度", "2024年3月底前", "已完成"],
    ],
}


@pytest.mark.parametrize("rows", NOT_INDICATOR_TABLES.values(), ids=NOT_INDICATOR_TABLES.keys())
def test_not_an_indicator_table(rows: list[list[Entry]]) -> None:
    assert table_to_indicator_rows(make_table(rows)) == []


def test_caption_row_before_the_header() -> None:
    """Seed 003's 表1-2 in Word: a caption row, then the header, levels merged vertically."""
    table = make_table([
        [("表1-2  岳阳县2023年度绩效评价目标设定情况表", 1, 5)],
        ["名称", "一级指标", "二级指标", "三级指标", "绩效目标"],
        [("绩效指标", 3, 1), ("产出\n指标", 2, 1), ("数量指标", 2, 1), " 指标1：资金直补受益移民（人）", "40848"],
        ["指标2：移民美丽家园项目（个）", "124"],
        ["满意度", "服务对象\n满意度", "指标1：移民对后期扶持政策实施满意度（%）", "≥80"],
    ], index=3)
    rows = table_to_indicator_rows(table)
    assert brief(rows) == [
        ("产出指标", "数量指标", "指标1：资金直补受益移民（人）", "40848", ""),
        ("产出指标", "数量指标", "指标2：移民美丽家园项目（个）", "124", ""),
        ("满意度", "服务对象满意度", "指标1：移民对后期扶持政策实施满意度（%）", "≥80", ""),
    ]
    assert [(r.table, r.row) for r in rows] == [(3, 3), (3, 4), (3, 5)]
    assert rows[0].actual is None and rows[0].actual_location is None
    assert rows[2].target is not None and (rows[2].target.value, rows[2].target.op) == (Decimal(80), "≥")


def test_repeated_header_row_is_skipped() -> None:
    """A table continued on the next page repeats its header; the levels above carry on."""
    header = ["一级指标", "二级指标", "三级指标", "指标值", "实际值"]
    table = make_table([
        header,
        ["产出指标", "数量指标", "培训人次", "948", "1506"],
        ["", "", "项目个数", "124", "122"],
        header,
        ["", "", "其他项目", "3", "3"],
    ])
    assert brief(table_to_indicator_rows(table)) == [
        ("产出指标", "数量指标", "培训人次", "948", "1506"),
        ("产出指标", "数量指标", "项目个数", "124", "122"),
        ("产出指标", "数量指标", "其他项目", "3", "3"),
    ]


@pytest.mark.parametrize(("between", "inherited"), [
    (["续表"], True), ([], True), (["（续表）"], True),
    (["（二）效益指标完成情况"], False),  # a paragraph of its own between: a table of its own
])
def test_a_continued_table_carries_the_levels_of_the_table_before_it(between: list[str], inherited: bool) -> None:
    """Blind probe AH ah04: a 续表 after a page break repeats the header and leaves the 一级/二级
    cells of the group it continues blank, as printed forms do; they were left blank."""
    from extract.model import Document, Paragraph

    header = ["一级指标", "二级指标", "三级指标", "年度指标值", "实际完成值"]
    first = make_table([header, ["产出指标", "质量指标", "传染病报告及时率", "≥95%", "99.1%"]], index=1)
    second = make_table([header, ["", "", "医疗废物规范处置率", "100%", "100%"],
                         ["", "时效指标", "专项资金拨付时间", "按时完成", "已完成"]], index=2)
    paragraphs = tuple(Paragraph(text, Location(file="手工表.docx", paragraph=2)) for text in between)
    document = Document("手工表.docx", "0" * 64, "docx", (first, *paragraphs, second), (), None)
    rows = brief(document_to_indicator_rows(document))[1:]
    if inherited:
        assert rows == [("产出指标", "质量指标", "医疗废物规范处置率", "100%", "100%"),
                        ("产出指标", "时效指标", "专项资金拨付时间", "按时完成", "已完成")]
    else:
        assert [row[:2] for row in rows] == [("", ""), ("", "时效指标")]


def test_text_export_empty_level_cells_inherit_from_above() -> None:
    """The text export has no vertical spans: a merged level cell's continuations are empty."""
    table = make_table([
        ["名称", "一级指标", "二级指标", "三级指标", "绩效目标", "实际完成指标值"],
        ["绩效指标", "产出\n指标", "数量指标", "指标1：资金直补受益移民（人）", "40848", "40245"],
        ["", "", "", "指标2：移民美丽家园项目（个）", "124", "122"],
        ["", "", "质量指标", "指标1：培训合格率（%）", "100", "100"],
        ["", "效益\n指标", "", "指标1：移民人均可支配收入增长", "5%", "5.48%"],
        ["", "", "社会效益", "指标1：统筹解决突出问题个数", "13", "13"],
        ["", "", "", "", "", ""],
    ])
    assert brief(table_to_indicator_rows(table)) == [
        ("产出指标", "数量指标", "指标1：资金直补受益移民（人）", "40848", "40245"),
        ("产出指标", "数量指标", "指标2：移民美丽家园项目（个）", "124", "122"),
        ("产出指标", "质量指标", "指标1：培训合格率（%）", "100", "100"),
        ("效益指标", "", "指标1：移民人均可支配收入增长", "5%", "5.48%"),  # a new 一级 ends the 二级
        ("效益指标", "社会效益", "指标1：统筹解决突出问题个数", "13", "13"),
    ]


# Seed 002's 定量 section, in the middle of a form, as Word stores it and as the text export
# writes it: 评价内容 spans the two unnamed level columns in Word; in the text export it is one
# cell and the header row is one cell narrower than its data rows.
FORM_SECTION_WORD = [
    [("三、部门（单位）整体支出绩效自评情况", 1, 7)],
    [("整体支出\n绩效定量目标及实施计划\n完成情况", 4, 1), ("评价内容", 1, 2), ("绩效内容", 1, 2), "绩效\n目标值", "完成情况"],
    [("产出目标", 1, 1), "质量指标", ("对移民进行年检年审", 1, 2), "", "100%"],
    [("效益目标\n（预期实现的效益）", 2, 1), "社会效益", ("基础设施建设上台阶", 1, 2), "", "100%"],
    ["经济效益", ("移民培训和产业扶持", 1, 2), "", "100%"],
    ["绩效自评综合得分", ("98分", 1, 6)],
    ["评价等次", ("优秀", 1, 6)],
]
FORM_SECTION_TEXT = [
    ["三、部门（单位）整体支出绩效自评情况"],
    ["整体支出\n绩效定量目标及实施计划\n完成情况", "评价内容", "绩效内容", "绩效\n目标值", "完成情况"],
    ["", "产出目标", "质量指标", "对移民进行年检年审", "", "100%"],
    ["", "效益目标\n（预期实现的效益）", "社会效益", "基础设施建设上台阶", "", "100%"],
    ["", "", "经济效益", "移民培训和产业扶持", "", "100%"],
    ["绩效自评综合得分", "98分"],
    ["评价等次", "优秀"],
]


@pytest.mark.parametrize("rows", [FORM_SECTION_WORD, FORM_SECTION_TEXT], ids=["word", "text"])
def test_unnamed_span_over_the_levels_in_the_middle_of_a_form(rows: list[list[Entry]]) -> None:
    assert brief(table_to_indicator_rows(make_table(rows))) == [
        ("产出目标", "质量指标", "对移民进行年检年审", "", "100%"),
        ("效益目标（预期实现的效益）", "社会效益", "基础设施建设上台阶", "", "100%"),
        ("效益目标（预期实现的效益）", "经济效益", "移民培训和产业扶持", "", "100%"),
    ]


def test_a_bare_number_in_the_name_column_is_not_an_indicator() -> None:
    table = make_table([
        ["一级指标", "二级指标", "三级指标", "指标值", "实际值"],
        ["产出指标", "数量指标", "培训人次", "948", "1506"],
        ["合计", "", "2", "", ""],
    ])
    assert [r.name for r in table_to_indicator_rows(table)] == ["培训人次"]


@pytest.mark.parametrize(
    ("text", "role"),
    [
        ("一级指标", "level1"),
        ("二级指标", "level2"),
        ("三级指标", "name"),
        ("绩效内容", "name"),
        ("绩效\n目标值", "target"),  # seed 002
        ("绩效目标", "target"),  # seed 003
        ("年度指标值（A）", "target"),
        ("实际完成指标值", "actual"),  # seed 003: holds 指标值 too
        ("完成情况", "actual"),
        ("分值", "weight"),
        ("权重", "weight"),
        ("自评得分", "score"),
        ("整体支出绩效定量目标及实施计划完成情况", None),  # seed 002: a section label
        ("效益目标（预期实现的效益）", None),  # seed 002: a 一级 value, holds 预期
        ("机构名称", None),
        ("评价内容", None),
        ("指标内容", "name"),  # forms that do not say 三级指标
        ("考核指标", "name"),
        ("实际完成情况", "actual"),
        ("年度目标值", "target"),
        ("绩效指标", None),  # the national form writes it over the whole block, left of 一级指标
        ("年度计划值", "target"),
        ("计划值", "target"),
        ("自评分", "score"),
        ("评分", "score"),
        ("评分标准", None),  # the scoring rules, not the score
        ("指标值说明", None),
        ("", None),
        # another year's column is none of this year's; a planned completion is the target
        ("上年实际完成值", None), ("本年实际完成值", "actual"), ("计划完成值", "target"),
        # the 财政部 forms since 2021: direction and unit columns
        ("指标性质", "direction"), ("指标方向", "direction"), ("度量单位", "unit"), ("计量单位", "unit"),
    ],
)
def test_label_to_role(text: str, role: str | None) -> None:
    assert label_to_role(text) == role


@pytest.mark.parametrize(
    ("text", "label"),
    [
        ("产出\n指标", "产出指标"),
        ("效益目标\n（预期实现的效益）", "效益目标（预期实现的效益）"),
        (" 指标1：资金直补受益移民（人）", "指标1：资金直补受益移民（人）"),
        ("PM2.5\nmonitoring", "PM2.5 monitoring"),
        ("\n", ""),
    ],
)
def test_cell_text_to_label(text: str, label: str) -> None:
    assert cell_text_to_label(text) == label


def test_a_plain_indicator_header() -> None:
    """“指标 | 年度目标 | 实际完成” (blind probes AU, AW 02): an indicator table, its rows read."""
    table = make_table([
        ["指标", "年度目标", "实际完成"],
        ["受益学生人数", "≥11,000人", "11,248人"],
        ["营养餐补助资金按时拨付率", "≥95%", "88%"],
    ])
    assert brief(table_to_indicator_rows(table)) == [("", "", "受益学生人数", "≥11,000人", "11,248人"),
                                                     ("", "", "营养餐补助资金按时拨付率", "≥95%", "88%")]
