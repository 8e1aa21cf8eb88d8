"""checks/years.py: JX301–JX303 case tables through the real stages, and the five seeds.

Every case is a small report written to a .txt file and read by the real reader and
``pipeline.analyse``, so the rules see what they will see on a real report. Each must-flag case
has its near miss beside it.
"""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from checks.years import RULES, text_to_periods

from seed_checks import SEED_CASES, assert_exact_golden_findings, run_one_rule, text_check_input

RULES_BY_ID = {rule.id: rule for rule in RULES}
KINDS = {rule.kind for rule in RULES}
TITLE = "某县库区移民服务中心2023年度中央水库移民扶持基金绩效自评报告\n"
HEADER = ("一级指标", "二级指标", "三级指标", "年度指标值", "实际完成值")


def table(*rows: tuple[str, ...]) -> str:
    """The text export's table: one TAB-led line per cell, a blank line after each row."""
    return "".join("".join(f"\t{cell}\n" for cell in row) + "\n" for row in rows)


def indicator_report(name: str, target: str = "100", actual: str = "100") -> str:
    return TITLE + "绩效指标完成情况详见下表。\n" + table(HEADER, ("产出指标", "时效指标", name, target, actual))


def flags_of(tmp_path: Path, text: str, rule_id: str):
    return run_one_rule(text_check_input(tmp_path, text), RULES_BY_ID[rule_id])


# --- text_to_periods ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("截至2021年3月底，2022年度计划项目资金完成率", [("as_of", "截至2021年3月底"), ("year", "2022年度")]),
        ("截止2024年3月31日，执行资金", [("as_of", "截止2024年3月31日")]),
        ("2024年6月底前完工", [("dated", "2024年6月底")]),
        # not periods of a figure: comparisons, titles, document numbers, multi-year spans
        ("较2022年增长5%", []),
        ("与2022年相比", []),
        ("从2016年的不足40万元增加到", []),
        ("《关于下达2022年度资金的通知》（湘财预〔2022〕292号）", []),
        ("2021-2025年规划", []),
        ("2020年—2021年拟投入", []),
        ("2019年以来累计", []),
        # full-width digits are years too; a text without a year names no period
        ("截至２０２１年３月底，执行资金", [("as_of", "截至２０２１年３月底")]),
        ("资金执行率为95%，完成率100%", []),
        # seasons and quarters are parts of a year, as dates are
        ("2024年春季开学前投入使用", [("dated", "2024年春季")]),
        ("2024年上半年", [("dated", "2024年上半年")]), ("2024年第一季度", [("dated", "2024年第一季度")]),
        ("2024年3季度", [("dated", "2024年3季度")]), ("较2022年上半年增长", []),
    ],
)
def test_text_to_periods(text: str, expected: list[tuple[str, str]]) -> None:
    assert [(p.kind, p.raw) for p in text_to_periods(text)] == expected


def test_a_month_end_means_its_last_days() -> None:
    [period] = text_to_periods("截至2021年3月底")
    assert (period.first, period.last) == (date(2021, 3, 22), date(2021, 3, 31))


# --- JX301: indicators -------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("name", "target", "actual", "count"),
    [
        # seed 003's rows, and their near misses from the same report's text
        ("指标2：截至2022年底，2022年度计划项目资金完成率（%）", "80", "79", 1),
        ("指标2：截至2023年底，2023年度计划项目资金完成率（%）", "80", "79", 0),
        ("指标3：截至2021年3月底，2022年度计划项目资金完成率（%）", "100", "94", 1),
        ("指标3：截至2024年3月底，2023年度计划项目资金完成率（%）", "100", "94", 0),
        # a 截至 date inside the year, and one past the mid-year cut-off
        ("截至2023年6月底资金完成率（%）", "50", "50", 1),
        ("截至2024年6月30日资金完成率（%）", "100", "100", 0),
        ("截至2024年12月底资金完成率（%）", "100", "100", 1),
        # the year a figure is for
        ("2022年度计划项目完工率（%）", "100", "100", 1),
        ("2023年度计划项目完工率（%）", "100", "100", 0),
        # money carried over from another year is rightly named by that year
        ("2022年度结转资金支出率（%）", "100", "100", 0),
        # comparisons and plan titles name other years without being the period
        ("移民人均收入较2022年增长率（%）", "5", "6", 0),
        ("《2021-2025年移民规划》执行率（%）", "100", "100", 0),
        # a deadline in the target: before the year is wrong, inside the year is normal
        ("项目完工时间", "2022年底前", "2022年12月", 1),
        ("项目完工时间", "2023年10月底前", "2023年10月", 0),
        # target and actual naming different years
        ("项目完工时间", "2023年底前", "2024年5月", 1),
        ("项目完工时间", "2023年12月前", "2023年11月", 0),
        # a season or quarter of the next year: inside the months after the year (probe S_school),
        # and past the mid-year cut-off
        ("投入使用时间", "2024年春季开学前", "2024年2月", 0),
        ("资金拨付时间", "2024年一季度", "2024年3月", 0),
        ("投入使用时间", "2024年秋季开学前", "2024年8月", 1),
        ("项目完工时间", "2022年下半年", "2023年3月", 1),
    ],
)
def test_indicator_years(tmp_path: Path, name: str, target: str, actual: str, count: int) -> None:
    assert len(flags_of(tmp_path, indicator_report(name, target, actual), "JX301")) == count


def test_indicator_year_message_names_the_periods(tmp_path: Path) -> None:
    [flag] = flags_of(tmp_path, indicator_report("指标3：截至2021年3月底，2022年度计划项目资金完成率（%）"), "JX301")
    assert "截至2021年3月底" in flag.message and "2022年度" in flag.message and "2023年度" in flag.message
    assert any("截至2021年3月底，2022年度计划项目资金完成率" in quote for quote in flag.evidence)
    assert flag.severity == "warning" and flag.locations[0].table == 1


# The title of a 自评表 naming an earlier year (blind probe AE ae05): above the table on two lines
# or one, or inside it as its first rows.
TABLE_ROWS = (HEADER, ("产出指标", "数量指标", "发放人数", "≥2800人", "2850人"))


@pytest.mark.parametrize(("before", "first_rows", "count"), [
    ("项目支出绩效自评表\n（2022年度）\n", (), 1),
    ("表3  2022年度项目支出绩效自评表\n", (), 1),
    ("", (("项目支出绩效自评表",), ("（2022年度）",)), 1),
    ("（三）2022年度部门整体支出绩效自评表\n", (), 1),
    # the report's year, a later year, another kind of table, a table about other years by design
    ("项目支出绩效自评表\n（2023年度）\n", (), 0),
    ("2024年度绩效目标申报表\n", (), 0),
    ("2022年度预算收支情况表\n", (), 0),
    ("2022年度绩效评价问题整改情况表\n", (), 0),
    ("2022—2023年度绩效指标对比表\n", (), 0),
    # a sentence above the table is no title, nor a title beyond the two lines above it
    ("2022年度项目支出绩效自评表\n绩效指标完成情况详见下表。\n", (), 0),
])
def test_a_table_titled_with_an_earlier_year(tmp_path: Path, before: str, first_rows, count: int) -> None:
    text = TITLE + "三、绩效自评情况\n" + before + table(*first_rows, *TABLE_ROWS)
    flags = flags_of(tmp_path, text, "JX301")
    assert len(flags) == count, flags
    if count:
        assert "2022年度" in flags[0].message and "2023年度" in flags[0].message
        assert all(location is not None for location in flags[0].locations)


# --- JX302: sentences --------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("body", "count"),
    [
        # (a) 截至 a date before the fiscal year; near misses at and after its end
        ("截至2022年底，全县共有移民60607人。", 1),
        ("截止2022年12月31日，累计拨付资金9276万元。", 1),
        ("截至2023年12月31日，执行资金9276万元。", 0),
        ("截至2024年3月底，执行资金9276万元。", 0),
        # (b) another year's results stated as the report's
        ("2022年，我中心完成了36277人计2161.83万元的移民直补资金发放。", 1),
        ("我中心2022年度共发放直补资金2161.83万元。", 1),
        ("2023年，我中心完成了36277人计2176.62万元的移民直补资金发放。", 0),
        # comparisons, the fiscal year beside the other, plans and spans
        ("比2022年8725.42万元多1189万元。", 0),
        ("2022年度支出1.93万元，较上年减少0.5万元。", 0),
        ("2023年度“三公”经费支出1.14万元，2022年度“三公”经费支出1.93万元。", 0),
        ("2024年预计解决160名移民就业，收取厂房租金105万元。", 0),
        ("2020年—2021年，拟投入资金1400万元。", 0),
        # titles, document numbers, founding dates, history, the report's own writing
        ("根据《关于下达2022年度资金的通知》（湘财预〔2022〕292号），执行资金100万元。", 0),
        ("岳阳县移民局成立于2004年3月，2019年3月更名为岳阳县库区移民服务中心。", 0),
        ("2009年获全国移民后扶工作先进县。", 0),
        ("2021年获全省绩效考核项目奖140万元。", 0),
        ("2024年5月，本中心组织撰写自评报告，历时5天。", 0),
        ("2016年初计划直接发放后期扶持基金的移民为6570人。", 0),
        # money carried over, or the current year named in words, makes the other year context
        ("2022年结转资金50万元已于本年度全部支出。", 0),
        ("2022年中央下达资金100万元，当年全部拨付。", 0),
        # a stock at another year's end is not a statement of results
        ("2022年底固定资产总值为125813元。", 0),
        # rectifying what last year's evaluation or audit found is this year's work (probe m12_years);
        # 整改 without the evaluation that found the problems is still a statement of that year
        ("2022年度部门整体支出绩效自评发现的问题，我局已完成整改3项。", 0),
        ("2022年度审计反馈的问题已全部整改完成，共整改资金12万元。", 0),
        ("2022年，我局完成整改问题3项。", 1),
        # a quarter right after the year is when its accounts close; one of another year is not
        ("2024年一季度，拨付剩余资金120万元。", 0),
        ("2022年下半年，完成了36277人的直补资金发放。", 1),
        # (c) the targets of an earlier year (blind probe P p05); this year's, the next year's and a
        # comparison with last year's are not flagged
        ("2022年度绩效目标：为不少于2,800名困难群众按时足额发放生活补贴。", 1),
        ("2022年部门整体支出绩效目标为保障机构正常运转。", 1),
        ("2023年度绩效目标：为不少于2,800名困难群众按时足额发放生活补贴。", 0),
        ("2024年度绩效目标：进一步提高资金使用效益。", 0),
        ("与2022年度绩效目标相比，本年新增2项指标。", 0),
        # after this year's amounts in the same paragraph, the year before's are a comparison (blind probe R)
        ("2023年全年预算1,950.00万元，全年支出1,876.42万元。2022年全年支出为1,723.55万元。", 0),
        ("基本支出2,286.53万元，项目支出1,325.94万元。2022年基本支出为2,198.64万元，项目支出为1,198.47万元。", 0),
        ("我局认真开展工作。2022年全年支出为1,723.55万元。", 1),  # nothing of this year's before it
        # … and right before this year's, a paragraph apart, or the paragraph after this year's; a
        # comparison with 同类 funds (blind probe Y y03, y07, y09)
        ("本报告金额单位为元。2022年全年实际支出108,642,371.60元。\n2023年年初预算110,500,000.00元，"
         "全年实际支出114,990,648.25元。", 0),
        # this year's money in the paragraph before is not enough: seed 001's stale sentence follows some
        ("2023年专项资金共计1.2856亿元，实际支出12,452.36万元。\n2022年全年支出1.1624亿元，执行率93.4%。", 1),
        ("2022年同类资金规模为1.1624亿元，执行率93.4%。", 0),
        # ④ the period evaluated, stated as another year's (blind probe AP r09)
        ("本次评价期间为2022年1月1日至2022年12月31日。", 1),
        ("本次自评的时间范围为2022年度。", 1),
        ("评价时段：2022年1月—12月。", 1),
        ("本次评价期间为2023年1月1日至2023年12月31日。", 0),
        ("评价期间，评价组走访了2022年度实施的项目。", 0),  # during the evaluation: no period stated
        ("评价期间为2021年至2023年三个年度。", 0),  # the year evaluated among them
        # … the same with a three-character name, the year's own after a semicolon (blind probe AP w11)
        ("2022年执行数为4,862.10万元；2023年全年预算数5,230.60万元，执行数5,108.45万元。", 0),
        ("2022年执行数为4,862.10万元；2023年全年预算数5,230.60万元。", 1),  # no 执行数 of this year
        # the year after, with what will be done then (blind probe BA F09)
        ("2024年将完成剩余0.75万亩建设任务，并同步推进建后管护。", 0),
        # … and a score, last year's beside this year's (blind probe AX F14)
        ("2022年度我局部门整体支出绩效自评得分89分，等次为良；2023年度自评得分93.5分，评价等次为优。", 0),
        ("2022年全年实际支出108,642,371.60元。\n我局认真开展工作。", 1),  # next: no year's money
        # results of another year before this year's money of another name: stale (seed 001's shape)
        ("2022年，我中心完成了36277人计3387.59万元的移民直补资金发放。\n我中心2023年初政府性基金预算0万元。", 1),
    ],
)
def test_sentence_years(tmp_path: Path, body: str, count: int) -> None:
    assert len(flags_of(tmp_path, TITLE + body + "\n", "JX302")) == count


def test_a_heading_naming_the_year_makes_its_sentences_about_that_year(tmp_path: Path) -> None:
    sentence = "2022年项目资金全部拨付完成，共拨付124万元。\n"
    assert len(flags_of(tmp_path, TITLE + sentence, "JX302")) == 1
    assert flags_of(tmp_path, TITLE + "（二）2022年度绩效评价整改情况\n" + sentence, "JX302") == []


def test_a_heading_naming_last_year_in_words_makes_its_sentences_about_that_year(tmp_path: Path) -> None:
    heading = "五、上年度绩效评价问题整改情况\n"
    assert flags_of(tmp_path, TITLE + heading + "2022年项目资金全部拨付完成，共拨付124万元。\n", "JX302") == []
    # 上年度 is 2022 in a 2023 report, not any year before it
    assert len(flags_of(tmp_path, TITLE + heading + "2021年项目资金全部拨付完成，共拨付124万元。\n", "JX302")) == 1


def test_sentence_year_message_quotes_the_sentence(tmp_path: Path) -> None:
    [flag] = flags_of(tmp_path, TITLE + "截至2022年底，全县共有移民60607人。\n", "JX302")
    assert "截至2022年底" in flag.message and "2023年度" in flag.message
    assert flag.evidence == ("截至2022年底，全县共有移民60607人。",)
    assert flag.locations[0].line == 2


# --- JX303: the report's date ------------------------------------------------------------------


@pytest.mark.parametrize(
    ("body", "severities"),
    [
        ("2023年11月30日\n", ["error"]),
        ("2024年5月30日\n", []),
        ("（2024年1月15日）\n", []),
        ("截至2024年6月30日，执行资金100万元。\n2024年5月30日\n", ["warning"]),
        ("截至2024年5月底，执行资金100万元。\n2024年5月30日\n", []),
        ("截至2024年3月31日，执行资金100万元。\n2024年5月30日\n", []),
        ("计划截至2024年12月底，执行资金100万元。\n2024年5月30日\n", []),  # a plan may look ahead
        # the budget beside what was spent is no plan (blind probe r27)
        ("截至2024年6月30日，全年预算120万元，全年执行100万元。\n2024年5月30日\n", ["warning"]),
        ("截至2024年6月30日，安排资金120万元，已拨付100万元。\n2024年5月30日\n", ["warning"]),
        ("截至2024年6月30日，执行资金100万元。\n", []),  # no date of its own: nothing to compare
    ],
)
def test_report_date(tmp_path: Path, body: str, severities: list[str]) -> None:
    assert [f.severity for f in flags_of(tmp_path, TITLE + body, "JX303")] == severities


def test_report_date_message(tmp_path: Path) -> None:
    [flag] = flags_of(tmp_path, TITLE + "2023年11月30日\n", "JX303")
    assert "2023-11-30" in flag.message and "2023" in flag.message
    assert any("2023年11月30日" in quote for quote in flag.evidence)


# --- the seeds ---------------------------------------------------------------------------------



@pytest.mark.parametrize(("seed", "fmt"), SEED_CASES)
def test_seeds_give_exactly_the_golden_findings(seed: str, fmt: str) -> None:
    assert_exact_golden_findings(RULES, seed, fmt, keep=lambda seed, f: f["kind"] in KINDS)