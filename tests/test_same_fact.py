"""The same fact written ten different ways gives the same value in reports.csv.

The fact: the year's executed spending is 512.30万元. It is written in running text and in
tables of several shapes, with different synonyms, in 元 / 万元 / 亿元 and with full-width digits.
"""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

import pytest

import pipeline

TITLE = "某县水利局2023年度部门整体支出绩效自评报告\n"

WAYS = [
    ("text, 执行数", "2023年全年预算数640.00万元，执行数512.30万元。\n"),
    ("text, 实际支出 in 元", "2023年全年预算数6400000元，实际支出5123000元。\n"),
    ("text, 决算数 in 亿元", "2023年全年预算数0.064亿元，决算数0.05123亿元。\n"),
    ("text, full-width digits", "2023年全年预算数６４０．００万元，全年执行数５１２．３０万元。\n"),
    ("text, thousands separators", "2023年全年预算数6,400,000.00元，实际支出5,123,000.00元。\n"),
    ("key-value table", "\t全年预算数（万元）\n\t640.00\n\t全年执行数（万元）\n\t512.30\n\n\n正文结束。\n"),
    ("matrix table, unit above it", "单位：万元\n\t项目\n\t全年预算数\n\t全年执行数\n\n\t合计\n\t640.00\n\t512.30\n\n\n完。\n"),
    ("matrix table, 单位：元 header", "\t单位：元\n\n\t项目\n\t预算数\n\t执行数\n\n\t合计\n\t6400000\n\t5123000\n\n\n完。\n"),
    ("text, 支出合计", "2023年部门支出预算640.00万元，支出合计512.30万元。\n"),
    ("text, 预算执行数 and rate", "2023年全年预算数640万元，预算执行数512.3万元，预算执行率80.05%。\n"),
]


@pytest.mark.parametrize("text", [pytest.param(text, id=name) for name, text in WAYS])
def test_same_value_whatever_the_wording(tmp_path: Path, text: str) -> None:
    report = tmp_path / "report.txt"
    report.write_text(TITLE + text, encoding="utf-8")
    row = pipeline.process_file(report).report
    assert Decimal(row["spent_total_wan"]) == Decimal("512.3")
    assert Decimal(row["budget_total_wan"]) == Decimal("640")


@pytest.mark.parametrize(("table_yuan", "text_wan", "conflicts"), [
    ("5123012.35", "512.30", 0),  # 512.301235万元 written to two places is 512.30: one value
    ("5123000", "512.3", 0),
    ("5126012.35", "512.30", 1),  # 512.601235 is 512.60 to two places: another value
    ("5123012.35", "512", 0),  # 512.301235 is 512 to a whole 万元: one value
    ("5126012.35", "512", 1),  # 512.601235 is 513 to a whole 万元, not 512
])
def test_a_table_in_yuan_and_a_sentence_in_wan_state_one_value(
        tmp_path: Path, table_yuan: str, text_wan: str, conflicts: int) -> None:
    """The same spending, to the 元 in a table and rounded to 万元 in the text, is not two values
    (it gave JX601 'two different values'); a difference the rounding cannot explain still is."""
    text = (TITLE + f"2023年全年执行数为{text_wan}万元。\n单位：元\n\t项目\n\t全年执行数\n\n\t合计\n\t{table_yuan}\n\n\n完。\n")
    report = tmp_path / "report.txt"
    report.write_text(text, encoding="utf-8")
    outcome = pipeline.process_file(report)
    assert int(outcome.report["n_conflicts"]) == conflicts


@pytest.mark.parametrize(("text_yi", "conflicts"), [
    ("1.22", 0),  # 12,218.07万元 is 1.22亿元 to 0.01亿元 (100万元): one value (probe m5_yi)
    ("1.2", 0),  # 1.2亿元 to 0.1亿元 (1000万元)
    ("1.25", 1),  # 12,500万元: a difference the rounding cannot explain
    ("1.21", 1),  # 12,218.07 rounds to 1.22亿元, not 1.21
    ("1", 1),  # a round 1亿元 (one significant digit) stands for no precise figure
])
def test_a_sentence_in_wan_and_one_in_yi_state_one_value(tmp_path: Path, text_yi: str, conflicts: int) -> None:
    """The places an amount in 亿元 was written to are counted in 亿元: 1.22亿元 converts to
    12200.00万元, whose digits would claim a precision of 0.01万元 (it gave JX601 'two values')."""
    text = TITLE + f"2023年度，我局支出总计12,218.07万元。\n全年执行数{text_yi}亿元，执行情况良好。\n"
    report = tmp_path / "report.txt"
    report.write_text(text, encoding="utf-8")
    outcome = pipeline.process_file(report)
    assert outcome.report["spent_total_wan"] == "12218.07"
    assert int(outcome.report["n_conflicts"]) == conflicts
