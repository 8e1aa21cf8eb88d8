"""Whole reports in wordings and layouts the seeds do not have, read end to end.

The seeds' own sentences are covered by the goldens. Each report here says the kinds of figure
the catalogue holds in other words or another layout: prose only (REPORT, REPORT_2), a 项目支出
report (PROJECT_REPORT), one table in 元 with nested rows (TABLE_REPORT), a table comparing two
years (YEARS_REPORT). Expected values were read off the text, the sums done by hand (each report's
comment gives them); every report must come out whole with only the findings it deserves, and a
figure changed must be caught by its rule. For REPORT: 1000.2 + 200.3 = 1200.5; 1200.5 + 589.61 =
1790.11; 1.2 + 2.3 + 0 = 3.5; 1790.11 ÷ 1856.32 = 96.43 %; 42 ÷ 45 = 93.33 %.
"""

from __future__ import annotations

import csv
import json
from decimal import Decimal
from pathlib import Path

import pytest

import pipeline
from seed_checks import txt_table

REPORT = """某县民政局2023年度部门整体支出绩效自评报告
一、部门基本情况
本单位核定编制人数45人，年末实有在职人数42人，在职人员控制率93.33%。
二、预算执行情况
2023年年初预算数为1500万元，调整后预算数为1856.32万元，实际支出1790.11万元，预算执行率为96.43%。其中：基本支出1200.5万元（人员经费1000.2万元，公用经费200.3万元），项目支出589.61万元。
“三公”经费支出3.5万元，其中公务接待费1.2万元，公务用车运行维护费2.3万元，因公出国（境）费0万元。
政府采购预算80万元，实际采购金额76.5万元。
三、自评结论
经综合评价，本单位2023年度整体支出绩效自评得分为92分，等级为“优”。
某县民政局
2024年3月20日
"""

EXPECTED = {
    "fiscal_year": "2023", "unit_name": "某县民政局", "report_kind": "dept_overall", "report_date": "2024-03-20",
    "staff_quota": "45", "staff_actual": "42", "staff_control_rate_pct": "93.33",
    "budget_initial_wan": "1500", "budget_total_wan": "1856.32", "spent_total_wan": "1790.11",
    "execution_rate_pct": "96.43", "basic_spent_wan": "1200.5", "personnel_spent_wan": "1000.2",
    "public_spent_wan": "200.3", "project_spent_wan": "589.61", "sangong_spent_wan": "3.5",
    "reception_spent_wan": "1.2", "vehicle_spent_wan": "2.3", "overseas_spent_wan": "0",
    "procurement_budget_wan": "80", "procurement_spent_wan": "76.5", "self_score": "92", "grade": "优",
}


def run(tmp_path: Path, text: str) -> tuple[dict[str, str], list[dict[str, str]]]:
    path = tmp_path / "某县民政局自评报告.txt"
    path.write_text(text, encoding="utf-8")
    out = tmp_path / "out"
    assert pipeline.main(["run", str(path), "--out", str(out), "--quiet", "--no-cache", "--workers", "1"]) == 0
    with open(out / "reports.csv", encoding="utf-8-sig", newline="") as handle:
        (report,) = list(csv.DictReader(handle))
    with open(out / "flags.csv", encoding="utf-8-sig", newline="") as handle:
        flags = list(csv.DictReader(handle))
    return report, flags


# Other words for the same figures: 人员编制…名 / 实有人员, 预算批复数 / 决算数 / 支出完成率,
# 直补移民 … 人 with a 600元 standard, 预算批复 / 实际完成支出. Sums by hand: 320 + 2030.6 = 2350.6;
# 318.2 + 1972.2 = 2290.4; 2290.4 ÷ 2350.6 = 97.44 %; 27005 人 × 600 元 = 1620.3 万元.
REPORT_2 = """某县移民开发局2023年度部门整体支出绩效自评报告
本局人员编制18名，实有人员16名。
2023年度预算批复数为2350.6万元，决算数为2290.4万元，支出完成率97.44%。
全年共发放移民直补资金1620.3万元，涉及直补移民27005人，补助标准每人每年600元。
基本支出预算批复320万元，实际完成支出318.2万元；项目支出预算批复2030.6万元，实际完成支出1972.2万元。
本年度一般公共预算财政拨款“三公”经费预算5万元，决算4.2万元。
经自评，综合得分95分，评价等次为优秀。
"""

EXPECTED_2 = {
    "staff_quota": "18", "staff_actual": "16", "budget_total_wan": "2350.6", "spent_total_wan": "2290.4",
    "execution_rate_pct": "97.44", "direct_subsidy_wan": "1620.3", "direct_subsidy_people": "27005",
    "direct_subsidy_standard_yuan": "600",  # in 元, as the column says: never 0.06 (万元)
    "basic_budget_wan": "320", "basic_spent_wan": "318.2", "project_budget_wan": "2030.6",
    "project_spent_wan": "1972.2", "sangong_budget_wan": "5", "sangong_spent_wan": "4.2",
    "self_score": "95", "grade": "优秀",
}


def test_people_times_the_standard_is_checked(tmp_path: Path) -> None:
    _, flags = run(tmp_path, REPORT_2.replace("直补移民27005人", "直补移民27105人"))  # × 600 = 1626.3
    assert "JX250" in {flag["rule_id"] for flag in flags}


def test_a_rate_above_100_is_explained_in_its_own_terms(tmp_path: Path) -> None:
    """105 % execution: the message speaks of spending over budget, not of staff."""
    text = REPORT.replace("实际支出1790.11万元，预算执行率为96.43%", "实际支出1949.14万元，预算执行率为105%")
    _, flags = run(tmp_path, text)
    (flag,) = [f for f in flags if f["rule_id"] == "JX401"]
    assert flag["message"] == "预算执行率写为105%，超过100%，即执行数超过预算数，数值不合常理，需要核实"


@pytest.mark.parametrize(
    ("signed", "expected"),
    [
        ("2024年3月20日", "2024-03-20"),
        ("二〇二四年三月二十日", "2024-03-20"),  # formal documents sign in Chinese numerals
        ("二〇二三年十二月三十一日", "2023-12-31"),
        ("（2024年3月20日）", "2024-03-20"),
        ("二〇二四年二月三十日", ""),  # no such day: no date rather than a wrong one
    ],
)
def test_the_signing_date(tmp_path: Path, signed: str, expected: str) -> None:
    report, _ = run(tmp_path, REPORT.replace("2024年3月20日", signed))
    assert report["report_date"] == expected


# A 项目支出 report in another county's wording: 年初预算安排资金, 全年预算数 with its 其中 by
# source, 结余 after the execution rate, 实有在职人员, and an indicator table in the .txt export
# (one TAB-led line per cell). Read by hand: 980 + 200 + 122.45 = 1302.45; 1288.12 ÷ 1302.45 =
# 98.90 %; 1302.45 − 1288.12 = 14.33; 3.20 + 9.10 + 0 = 12.30. One indicator misses its target
# (资金拨付及时率 100% → 98%), the one finding expected. Before: 年初预算安排资金 was not a budget,
# and it made the 全年预算数 beside it look like another subject's; the 执行率 before 结余 made
# 结余 look like a rate.
PROJECT_REPORT = """平江县教育局2022年度农村义务教育学生营养改善计划项目支出绩效自评报告

一、项目基本情况
（一）项目概况
我县共有农村义务教育学校86所，受益学生32,156人，补助标准为每生每天5元，全年按200天计算。
（二）项目资金安排情况
2022年度该项目年初预算安排资金1,256.80万元，全年预算数1,302.45万元，其中：中央资金980万元、省级资金200万元、县级配套122.45万元。
二、项目资金使用及管理情况
截至2022年12月31日，项目实际支出1,288.12万元，预算执行率98.90%，结余14.33万元。
三、部门“三公”经费情况
2022年“三公”经费支出合计12.30万元，其中公务接待费3.20万元，公务用车运行维护费9.10万元，因公出国（境）费0万元。
四、人员情况
本单位核定编制45人，实有在职人员43人，退休人员12人。
五、绩效目标完成情况
\t一级指标
\t二级指标
\t三级指标
\t年度指标值
\t实际完成值
\t分值
\t得分

\t产出指标
\t数量指标
\t受益学生人数
\t≥32000人
\t32156人
\t20
\t20

\t产出指标
\t质量指标
\t食品安全事故发生率
\t0
\t0
\t10
\t10

\t产出指标
\t时效指标
\t资金拨付及时率
\t100%
\t98%
\t10
\t9

\t效益指标
\t社会效益指标
\t学生营养状况改善率
\t≥90%
\t92%
\t30
\t30

\t满意度指标
\t服务对象满意度指标
\t学生家长满意度
\t≥90%
\t95%
\t20
\t20


六、自评结论
经综合评价，该项目自评得分为93.5分，评价等级为“优”。
"""

PROJECT_EXPECTED = {
    "fiscal_year": "2022", "unit_name": "平江县教育局", "report_kind": "project",
    "budget_initial_wan": "1256.80", "budget_total_wan": "1302.45", "spent_total_wan": "1288.12",
    "execution_rate_pct": "98.90", "balance_wan": "14.33", "sangong_spent_wan": "12.30",
    "reception_spent_wan": "3.20", "vehicle_spent_wan": "9.10", "overseas_spent_wan": "0",
    "staff_quota": "45", "staff_actual": "43", "self_score": "93.5", "grade": "优",
}


# A 部门整体 report whose figures are in one table in 元 (表1 …（单位：元）), its rows nested three
# ways: 基本支出 over a 其中 row and a plain row, a 三公 row that is part of 公用经费 listed as 三、,
# and the 三公 parts under it; the quota given by type (行政编制28名、事业编制35名). Every figure
# agrees with the others (sums done by hand: 5,230,100 + 3,332,200 = 8,562,300;
# 4,650,000 + 580,100 = 5,230,100; 40,000 + 80,000 + 0 = 120,000; 8,873,215.20 ÷ 9,105,460.50 =
# 97.45 %), so nothing may be flagged; the quota is given by its parts only, so 编制数 is their sum, 63.
# Before: JX103 added 公用经费 and the 三公 rows into 支出合计 (three false errors), and the
# 行政编制 was taken for the whole quota (a false JX402 “over quota” and a false JX601).
TABLE_REPORT = """娄底市娄星区农业农村局2023年度部门整体支出绩效自评报告
一、部门概况
我局内设股室9个，下属二级机构3个。核定行政编制28名、事业编制35名，年末实有在职人员61人，退休人员40人。
二、部门整体支出情况
表1 2023年度部门支出执行情况表（单位：元）
\t项目
\t年初预算数
\t全年预算数
\t全年执行数
\t执行率

\t支出合计
\t8,562,300.00
\t9,105,460.50
\t8,873,215.20
\t97.45%

\t一、基本支出
\t5,230,100.00
\t5,412,800.00
\t5,398,610.00
\t99.74%

\t其中：人员经费
\t4,650,000.00
\t4,802,300.00
\t4,798,200.00
\t99.91%

\t公用经费
\t580,100.00
\t610,500.00
\t600,410.00
\t98.35%

\t二、项目支出
\t3,332,200.00
\t3,692,660.50
\t3,474,605.20
\t94.09%

\t三、“三公”经费
\t120,000.00
\t120,000.00
\t96,540.00
\t80.45%

\t其中：公务接待费
\t40,000.00
\t40,000.00
\t31,240.00
\t78.10%

\t公务用车运行维护费
\t80,000.00
\t80,000.00
\t65,300.00
\t81.63%

\t因公出国（境）费
\t0.00
\t0.00
\t0.00
\t


三、绩效自评结论
按照评分标准，我局2023年度部门整体支出绩效自评得分为91.2分，自评等级为优。
娄底市娄星区农业农村局
2024年4月8日
"""

TABLE_EXPECTED = {
    "fiscal_year": "2023", "unit_name": "娄底市娄星区农业农村局", "report_date": "2024-04-08",
    "budget_initial_wan": "856.230000", "budget_total_wan": "910.546050", "spent_total_wan": "887.321520",
    "execution_rate_pct": "97.45", "basic_budget_wan": "541.280000", "basic_spent_wan": "539.861000",
    "personnel_spent_wan": "479.820000", "public_spent_wan": "60.041000", "project_spent_wan": "347.460520",
    "sangong_budget_wan": "12.000000", "sangong_spent_wan": "9.654000", "reception_spent_wan": "3.124000",
    "vehicle_spent_wan": "6.530000", "overseas_spent_wan": "0.000000",
    "staff_quota": "63", "staff_actual": "61", "self_score": "91.2", "grade": "优",
}


@pytest.mark.parametrize(
    ("sentence", "quota"),
    [
        ("本单位核定编制45人，其中行政编制20人、事业编制25人，实有在职人员43人。", "45"),  # total and its parts
        ("本单位核定行政编制20人、事业编制25人，实有在职人员43人。", "45"),  # parts only: their sum
        ("本单位核定参公编制40名、工勤编制5名，实有在职人员43人，在职人员控制率95.56%。", "45"),  # 43 ÷ 45
        ("本单位核定事业编制45名，其中全额事业编制30名、差额事业编制15名，实有在职人员43人。", "45"),  # whole first
        ("本单位核定全额事业编制45人，实有在职人员43人。", "45"),  # one typed quota is the quota (seed 003)
        ("本单位核定编制45人，实有在职人员43人。", "45"),
        # 机关 names the unit, not a type: 45 is the untyped whole (blind probe R r04)
        ("镇机关核定编制45名（行政编制20名，事业编制25名），实有在职人员43人。", "45"),
    ],
)
def test_a_quota_by_type_is_parts_not_values(tmp_path: Path, sentence: str, quota: str) -> None:
    report, flags = run(tmp_path, "某县林业局2023年度部门整体支出绩效自评报告\n" + sentence + "\n")
    assert (report["staff_quota"], report["staff_actual"], report["n_conflicts"]) == (quota, "43", "0")
    assert flags == []


# One table comparing two years (2022年决算数 | 2023年预算数 | 2023年决算数 | 增减率), the unit on
# the line above it: only the 2023 columns are the report's figures, and the change rates are no
# execution rate. Read by hand: 1750 ÷ 1800 = 97.22 %; 980 + 770 = 1750; 1000 + 800 = 1800.
YEARS_REPORT = """临澧县自然资源局2023年度部门整体支出绩效自评报告
一、部门整体支出情况
单位：万元
\t项目
\t2022年决算数
\t2023年预算数
\t2023年决算数
\t增减率

\t支出合计
\t1,500.00
\t1,800.00
\t1,750.00
\t16.67%

\t基本支出
\t900.00
\t1,000.00
\t980.00
\t8.89%

\t项目支出
\t600.00
\t800.00
\t770.00
\t28.33%

\t“三公”经费
\t10.00
\t12.00
\t11.00
\t10.00%


2023年部门整体支出预算执行率为97.22%。
二、自评结论
自评得分95分，等次为优。
"""

YEARS_EXPECTED = {
    "fiscal_year": "2023", "budget_total_wan": "1800.00", "spent_total_wan": "1750.00",
    "execution_rate_pct": "97.22", "basic_budget_wan": "1000.00", "basic_spent_wan": "980.00",
    "project_budget_wan": "800.00", "project_spent_wan": "770.00", "sangong_budget_wan": "12.00",
    "sangong_spent_wan": "11.00", "n_conflicts": "0",
}


# --- each report whole, and with one figure changed ---------------------------------------------

# (report, expected reports.csv values, expected findings as (rule, severity, a word of the message))
WHOLE_REPORTS = [
    pytest.param(REPORT, EXPECTED, [], id="prose"),
    pytest.param(REPORT_2, EXPECTED_2, [], id="other-wordings"),
    pytest.param(PROJECT_REPORT, PROJECT_EXPECTED, [("JX501", "warning", "资金拨付及时率")], id="project"),
    pytest.param(TABLE_REPORT, TABLE_EXPECTED, [], id="table-in-yuan"),
    pytest.param(YEARS_REPORT, YEARS_EXPECTED, [], id="two-years"),
]


@pytest.mark.parametrize(("text", "expected", "findings"), WHOLE_REPORTS)
def test_every_figure_is_read_and_only_the_expected_findings_come(
    tmp_path: Path, text: str, expected: dict[str, str], findings: list[tuple[str, str, str]]
) -> None:
    report, flags = run(tmp_path, text)
    assert {key: report[key] for key in expected} == expected
    assert [(f["rule_id"], f["severity"]) for f in flags] == [(rule, severity) for rule, severity, _ in findings]
    for flag, (_, _, word) in zip(flags, findings):
        assert word in flag["message"]


@pytest.mark.parametrize(
    ("text", "change", "rule_id"),
    [
        (REPORT, ("预算执行率为96.43%", "预算执行率为95.43%"), "JX201"),  # 1790.11 ÷ 1856.32 is 96.43 %
        (REPORT, ("公用经费200.3万元", "公用经费210.3万元"), "JX102"),  # 基本 1200.5 ≠ 人员 1000.2 + 公用 210.3
        (REPORT, ("在职人员控制率93.33%", "在职人员控制率95.33%"), "JX202"),  # 42 ÷ 45 is 93.33 %
        # the table's 支出合计 row against 基本支出 + 项目支出 is JX102's identity on the very cells JX103
        # adds: one finding, the first rule's (checks.registry._without_repeats)
        (TABLE_REPORT, ("\t5,398,610.00\n", "\t5,398,710.00\n"), "JX102"),  # 基本支出 actual off by 100 元
        (TABLE_REPORT, ("\t3,474,605.20\n", "\t3,474,650.20\n"), "JX102"),  # 项目支出 actual: digits swapped
        (TABLE_REPORT, ("核定行政编制28名、事业编制35名", "核定编制28名"), "JX402"),  # one whole quota, below 61 staff
    ],
)
def test_one_figure_changed_is_flagged_by_its_rule(
    tmp_path: Path, text: str, change: tuple[str, str], rule_id: str
) -> None:
    assert change[0] in text
    _, flags = run(tmp_path, text.replace(*change, 1))
    assert rule_id in {flag["rule_id"] for flag in flags}


def test_the_two_year_report_with_a_slip_in_its_rate_gets_that_finding_only(tmp_path: Path) -> None:
    _, flags = run(tmp_path, YEARS_REPORT.replace("97.22%", "97.52%"))  # 1750 ÷ 1800 is 97.22 %
    assert [f["rule_id"] for f in flags] == ["JX201"]


# A 三公 table whose header is two rows of separate cells, as a PDF shows it when a page break
# cuts Word's merged 三公经费 / 合计 cell in two: 合计 alone names nothing, 三公经费 above it says
# the total of what. Read by hand: 2.88 = 1.2 + 1.68 + 0 + 0.
SANGONG_TABLE = (
    "某县水利局2023年度部门整体支出绩效自评报告\n“三公”经费支出情况（万元）\n"
    + txt_table(("机构名称", "三公经费", "公务接待费", "公务用车运维费", "公务用车购置费", "因公出国费"),
                ("", "合计", "", "", "", ""),
                ("局机关及二级机构汇总", "2.88", "1.2", "1.68", "0", "0"))
)


@pytest.mark.parametrize(("header", "expected"), [("合计", "2.88"), ("小计", "2.88"), ("金额", "")])
def test_a_bare_total_header_is_the_total_of_the_header_above_it(tmp_path: Path, header: str, expected: str) -> None:
    report, _ = run(tmp_path, SANGONG_TABLE.replace("\t合计\n", f"\t{header}\n"))
    assert (report["sangong_spent_wan"], report["reception_spent_wan"], report["vehicle_spent_wan"]) == (
        expected, "1.2", "1.68")


@pytest.mark.parametrize(
    ("conclusion", "score", "grade"),
    [
        ("经综合评价，本单位2023年度整体支出绩效自评得分为92分，等级为“优”。", "92", "优"),  # REPORT's own
        ("综合评分93.5分，等级为优。", "93.5", "优"),  # 评分, not 得分: still a sentence about the evaluation
        ("本项目评价得分88分，评价等次为良好。", "88", "良好"),
        ("自评分数：90.5分，自评等级：优秀。", "90.5", "优秀"),
        ("我馆2023年度部门整体支出绩效自评分为93.2分，评价结果为“优”。", "93.2", "优"),  # blind probe K k12
        ("项目设计等级为优化配置。", "", ""),  # 优化 is no grade, and no score is stated
    ],
)
def test_the_score_and_grade_in_other_words(tmp_path: Path, conclusion: str, score: str, grade: str) -> None:
    text = REPORT.replace("经综合评价，本单位2023年度整体支出绩效自评得分为92分，等级为“优”。", conclusion)
    report, _ = run(tmp_path, text)
    assert (report["self_score"], report["grade"]) == (score, grade)


@pytest.mark.parametrize(
    "row",
    [
        "总分 100 92.5",  # 分值 and 得分 of a PDF table drawn without borders, run together
        "总分　100　92.5",  # ideographic spaces
    ],
)
def test_values_run_together_in_a_row_without_borders_are_not_taken(tmp_path: Path, row: str) -> None:
    """Which of 100 and 92.5 is the score cannot be told: no score, and no conflict between them."""
    text = REPORT.replace("经综合评价，本单位2023年度整体支出绩效自评得分为92分，等级为“优”。", row)
    report, flags = run(tmp_path, text)
    assert report["self_score"] == ""
    assert "JX601" not in {flag["rule_id"] for flag in flags}
    assert report["budget_total_wan"] == "1856.32"  # the rest of the report is read as before


# A 三公 table whose label column is headed only 项目: its caption says what 合计 totals. Read by
# hand: 0 + 6 + 4.5 = 10.5 budgeted, 0 + 5.1 + 3.1 = 8.2 spent; the report's own totals are 1200
# and 1150 (表1), which the 三公 合计 row must not contradict.
CAPTIONED_REPORT = ("某县水利局2022年度部门整体支出绩效自评报告\n"
                    "本单位核定编制15人，年末实有人数14人。\n"
                    "表1 2022年度收支情况表（单位：万元）\n"
                    + txt_table(("项目", "年初预算", "调整预算", "决算数"), ("支出合计", "1000.00", "1200.00", "1150.00"),
                                ("基本支出", "600.00", "650.00", "640.00"), ("项目支出", "400.00", "550.00", "510.00"))
                    + "CAPTION\n"
                    + txt_table(("项目", "预算数", "决算数"), ("合计", "10.50", "8.20"), ("因公出国（境）费", "0", "0"),
                                ("公务用车购置及运行费", "6.00", "5.10"), ("公务接待费", "4.50", "3.10"))
                    + "经自评，本部门2022年度整体支出绩效自评得分为91分，评价等次为“优”。\n")


@pytest.mark.parametrize(
    ("caption", "expected"),
    [
        ("表2 2022年度“三公”经费支出情况表（单位：万元）", {"sangong_budget_wan": "10.50", "sangong_spent_wan": "8.20"}),
        ("“三公”经费情况表（万元）", {"sangong_budget_wan": "10.50", "sangong_spent_wan": "8.20"}),
        ("本年度“三公”经费预算和决算情况详见下表（单位：万元）。", {"sangong_budget_wan": "10.50", "sangong_spent_wan": "8.20"}),
        # no caption: the heading the table sits under says it (probe G r32)
        ("三、“三公”经费情况\n单位：万元", {"sangong_budget_wan": "10.50", "sangong_spent_wan": "8.20"}),
    ],
)
def test_a_caption_names_what_the_total_row_totals(tmp_path: Path, caption: str, expected: dict[str, str]) -> None:
    report, flags = run(tmp_path, CAPTIONED_REPORT.replace("CAPTION", caption))
    assert {key: report[key] for key in expected} == expected
    assert (report["budget_total_wan"], report["spent_total_wan"]) == ("1200.00", "1150.00")
    assert (report["reception_budget_wan"], report["reception_spent_wan"]) == ("4.50", "3.10")
    assert "JX601" not in {flag["rule_id"] for flag in flags}


# The same 三公 table turned on its side, as 决算 tables often are: the roles are the rows, the
# parts and their 合计 the columns. The 合计 column totals what the caption (or the heading) names,
# not the unit's budget. Same figures as above; the budget table keeps its 支出合计 as the whole.
TRANSPOSED_SANGONG = txt_table(("项目", "合计", "因公出国（境）费", "公务用车购置及运行费", "公务接待费"),
                               ("预算数", "10.50", "0", "6.00", "4.50"), ("决算数", "8.20", "0", "5.10", "3.10"))


@pytest.mark.parametrize("caption", [
    "表2 2022年度“三公”经费支出情况表（单位：万元）", "三、“三公”经费情况\n单位：万元",
    "“三公”经费预决算情况（单位：万元）",  # a title without 表 that declares its unit (blind probe J r29)
])
def test_a_caption_names_what_the_total_column_totals(tmp_path: Path, caption: str) -> None:
    text = CAPTIONED_REPORT.split("CAPTION")[0] + caption + "\n" + TRANSPOSED_SANGONG + CAPTIONED_REPORT.split(
        "CAPTION\n")[1].split("\n\n\n")[-1]
    report, flags = run(tmp_path, text)
    assert (report["sangong_budget_wan"], report["sangong_spent_wan"]) == ("10.50", "8.20")
    assert (report["budget_total_wan"], report["spent_total_wan"]) == ("1200.00", "1150.00")
    assert (report["reception_budget_wan"], report["vehicle_spent_wan"]) == ("4.50", "5.10")
    assert report["self_score"] == "91"
    assert {flag["rule_id"] for flag in flags} <= {"JX101"} and not any(f["severity"] == "error" for f in flags)


@pytest.mark.parametrize("year", ["２０２３", "2023"])
def test_a_title_year_in_full_width_digits(tmp_path: Path, year: str) -> None:
    text = REPORT.replace("2023年", "本").replace("某县民政局本度", f"某县民政局\n{year}年度", 1)
    report, _ = run(tmp_path, text)
    assert report["fiscal_year"] == "2023"


@pytest.mark.parametrize(("title", "year"), [
    ("松林县2022—2024年高标准农田整县推进项目2023年度绩效自评报告", "2023"),  # blind probe BA F09
    ("松林县2022-2024年高标准农田整县推进项目2024年度绩效自评报告", "2024"),
    ("松林县2021—2023年度高标准农田建设项目绩效自评报告", "2023"),  # a span alone: its end, as before
])
def test_the_year_a_title_evaluates_beside_a_projects_years(tmp_path: Path, title: str, year: str) -> None:
    """A project's years (2022—2024年) before the year evaluated (2023年度) in the title: the latter.
    Taking 2024 had blanked the grade and raised a false JX303 and four JX301/JX302."""
    report, _ = run(tmp_path, title + "\n项目全年预算数1,000.00万元，全年执行数960.00万元。\n")
    assert report["fiscal_year"] == year


def test_a_title_year_in_numerals(tmp_path: Path) -> None:
    """二〇二三年度 in the title is the year evaluated, as 2023年度 is, and the unit stands before it."""
    text = REPORT.replace("2023年", "本").replace("某县民政局本度", "某县民政局二〇二三年度", 1)
    assert "2023" not in text and "二〇二三年度" in text
    report, _ = run(tmp_path, text)
    assert (report["fiscal_year"], report["unit_name"]) == ("2023", "某县民政局")


@pytest.mark.parametrize("spent", ["部门决算支出1790.11万元", "全年支出总额1790.11万元", "决算总额为1790.11万元"])
def test_the_total_spent_in_other_words(tmp_path: Path, spent: str) -> None:
    text = REPORT.replace("实际支出1790.11万元", spent)
    report, flags = run(tmp_path, text)
    assert (report["spent_total_wan"], report["budget_total_wan"]) == ("1790.11", "1856.32")
    assert flags == []  # 1790.11 ÷ 1856.32 = 96.43 %, as stated


def test_the_hundred_percent_of_a_formula_is_no_rate(tmp_path: Path) -> None:
    """“执行数/预算数×100%=96.43%”: the 100% multiplies; it is not a second execution rate."""
    text = REPORT.replace("预算执行率为96.43%", "预算执行率=执行数/预算数×100%=96.43%")
    report, flags = run(tmp_path, text)
    assert report["execution_rate_pct"] == "96.43"
    assert flags == []


@pytest.mark.parametrize(
    ("added", "key", "expected"),
    [
        ("上年末实有在职人数40人。", "staff_actual", "42"),  # last year's count: no second value
        ("去年实际支出1650万元。", "spent_total_wan", "1790.11"),
        ("上年结转资金120万元。", "carryover_wan", "120"),  # carried over from last year into this one
    ],
)
def test_last_years_figures_are_not_this_years(tmp_path: Path, added: str, key: str, expected: str) -> None:
    text = REPORT.replace("三、自评结论", added + "\n三、自评结论")
    report, flags = run(tmp_path, text)
    assert report[key] == expected
    assert "JX601" not in {flag["rule_id"] for flag in flags}


@pytest.mark.parametrize("staff", ["年末现有在职人员42人", "在职职工42人", "现有人员42人", "在岗人员42人"])
def test_the_staff_count_in_other_words(tmp_path: Path, staff: str) -> None:
    report, flags = run(tmp_path, REPORT.replace("年末实有在职人数42人", staff))
    assert (report["staff_actual"], report["staff_quota"]) == ("42", "45")
    assert flags == []  # 42 ÷ 45 = 93.33 %, as stated


def test_a_title_beginning_with_guanyu_and_parts_after_a_comparison(tmp_path: Path) -> None:
    """“关于…的报告”: 关于 is no part of the unit's name. “支出合计2.86万元，比年初预算4万元减少1.14万元，
    其中公务接待费0.96万元”: the parts are spent, as their total is; the comparison's 预算 is not theirs."""
    text = (REPORT.replace("某县民政局2023年度部门整体支出绩效自评报告", "关于某县民政局2023年度部门整体支出绩效自评的报告")
            .replace("“三公”经费支出3.5万元，其中", "“三公”经费支出3.5万元，比年初预算4万元减少0.5万元，其中"))
    report, flags = run(tmp_path, text)
    assert report["unit_name"] == "某县民政局"
    assert (report["reception_spent_wan"], report["vehicle_spent_wan"], report["sangong_spent_wan"]) == ("1.2", "2.3", "3.5")
    assert (report["reception_budget_wan"], report["vehicle_budget_wan"]) == ("", "")
    assert flags == []


@pytest.mark.parametrize("standard", ["补助标准每人每年600元", "补助标准600元/人", "补助标准为600元/人·年"])
def test_the_standard_per_head_in_other_forms(tmp_path: Path, standard: str) -> None:
    report, flags = run(tmp_path, REPORT_2.replace("补助标准每人每年600元", standard))
    assert report["direct_subsidy_standard_yuan"] == "600"  # in 元, never 0.06
    assert flags == []  # 27005 人 × 600 元 = 1620.3 万元, as stated


# The standard disclosure of 公务用车费: the whole, then its two parts in brackets. By hand:
# 0.8 + 1.5 = 2.3 (the whole); 1.2 + 2.3 + 0 = 3.5 (三公).
NESTED_VEHICLE = "公务用车购置及运行维护费2.3万元（其中：公务用车购置费0.8万元，公务用车运行维护费1.5万元）"


def test_vehicle_costs_stated_as_a_whole_and_its_two_parts(tmp_path: Path) -> None:
    report, flags = run(tmp_path, REPORT.replace("公务用车运行维护费2.3万元", NESTED_VEHICLE))
    assert (report["vehicle_spent_wan"], report["vehicle_purchase_spent_wan"],
            report["vehicle_operation_spent_wan"], report["sangong_spent_wan"]) == ("2.3", "0.8", "1.5", "3.5")
    assert flags == []  # the 运行维护费 is a part of the whole, not a second value of it


def test_vehicle_parts_that_do_not_make_their_whole(tmp_path: Path) -> None:
    text = REPORT.replace("公务用车运行维护费2.3万元", NESTED_VEHICLE.replace("运行维护费1.5万元", "运行维护费1.2万元"))
    _, flags = run(tmp_path, text)
    assert [(f["rule_id"], f["message"]) for f in flags] == [
        ("JX102", "公务用车费支出写为2.3万元，但公务用车购置费+公务用车运行维护费=0.8+1.2=2万元，比总数少0.3万元")]


@pytest.mark.parametrize(("sangong", "expected"), [
    ("3.5", []),  # 1.2 + 0.8 + 1.5 + 0 = 3.5
    ("3.9", [("JX102", "“三公”经费支出写为3.9万元，但公务接待费+公务用车购置费+公务用车运行维护费+因公出国（境）费"
                       "=1.2+0.8+1.5+0=3.5万元，比总数少0.4万元")]),
])
def test_sangong_listed_with_both_vehicle_parts_and_no_vehicle_whole(tmp_path: Path, sangong: str, expected) -> None:
    text = REPORT.replace("公务用车运行维护费2.3万元", "公务用车购置费0.8万元，公务用车运行维护费1.5万元").replace(
        "“三公”经费支出3.5万元", f"“三公”经费支出{sangong}万元")
    report, flags = run(tmp_path, text)
    assert (report["vehicle_spent_wan"], report["vehicle_purchase_spent_wan"], report["vehicle_operation_spent_wan"]) == (
        "", "0.8", "1.5")  # the whole is not stated: no value is made up for it
    assert [(f["rule_id"], f["message"]) for f in flags] == expected


def test_the_operation_costs_stand_for_the_vehicle_costs_when_no_purchase_is_stated(tmp_path: Path) -> None:
    report, _ = run(tmp_path, REPORT)
    assert (report["vehicle_spent_wan"], report["vehicle_operation_spent_wan"], report["vehicle_purchase_spent_wan"]) == (
        "2.3", "2.3", "")


# A 项目支出 report naming its budget as the project's money. By hand: 498.6 ÷ 520 = 95.88 %.
PROJECT_MONEY_REPORT = """2023年度农村公路养护项目支出绩效自评报告
一、项目基本情况
本项目年初预算资金500万元，全年预算数为520万元，其中中央资金300万元、省级资金120万元、县级配套100万元。截至2023年12月31日，项目资金到位520万元，到位率100%；实际支出498.6万元，预算执行率95.88%。
二、自评结论
本项目自评得分88.5分，自评等级为“良”。
三、存在问题
部分乡镇配套资金到位不及时，结余资金21.4万元。
"""


def test_a_project_reports_money_is_its_budget(tmp_path: Path) -> None:
    report, flags = run(tmp_path, PROJECT_MONEY_REPORT)
    assert (report["report_kind"], report["budget_initial_wan"], report["budget_total_wan"], report["spent_total_wan"],
            report["execution_rate_pct"], report["balance_wan"], report["self_score"]) == (
        "project", "500", "520", "498.6", "95.88", "21.4", "88.5")
    assert flags == []  # the sources (中央资金 …) are parts, the 到位 520 agrees with the 全年预算数


def test_a_project_reports_stated_rate_is_checked_against_its_money(tmp_path: Path) -> None:
    _, flags = run(tmp_path, PROJECT_MONEY_REPORT.replace("预算执行率95.88%", "预算执行率99.5%"))
    assert [flag["rule_id"] for flag in flags] == ["JX201"]  # 498.6 ÷ 520 = 95.88 %, not 99.5 %


def test_a_units_project_money_is_not_its_budget(tmp_path: Path) -> None:
    """In a unit's report 项目资金 is the money of its projects, not the unit's whole budget."""
    text = REPORT.replace("政府采购预算80万元", "全年拨付移民项目资金300万元。政府采购预算80万元")
    report, flags = run(tmp_path, text)
    assert (report["budget_total_wan"], report["spent_total_wan"]) == ("1856.32", "1790.11")
    assert flags == []


@pytest.mark.parametrize("before", ["部分乡镇配套资金到位不及时，", "年初预算安排100万元，"])
def test_a_balance_after_another_clauses_budget_word_is_the_balance(tmp_path: Path, before: str) -> None:
    text = REPORT.replace("政府采购预算80万元", f"{before}结余资金66.21万元。政府采购预算80万元")
    report, _ = run(tmp_path, text)
    assert report["balance_wan"] == "66.21"  # 1856.32 − 1790.11 = 66.21


# A 决算-style report. By hand: 856.30 + 1442.15 = 2298.45; 2345.67 − 2298.45 = 47.22; 33 ÷ 35.
FINAL_ACCOUNTS_REPORT = """某市住房和城乡建设局2023年度部门整体支出绩效自评报告
一、部门概况
本部门年末实有人员编制35人，实有在职人数33人，离退休人员12人。
二、部门决算情况
2023年部门决算收入合计2,345.67万元，支出合计2,298.45万元，年末结转和结余47.22万元。支出中，基本支出856.30万元，项目支出1,442.15万元。
2023年度“三公”经费决算数为8.9万元，比预算数10万元减少1.1万元，下降11%。
三、自评结果
部门整体支出绩效评价得分95分，评价结果为优秀。
"""


def test_a_final_accounts_report(tmp_path: Path) -> None:
    """实有人员编制 is a quota (the compound ends in 编制); the 10 compared with is the 三公 budget,
    not the unit's (it gave a false JX201: 2298.45 ÷ 10); 评价结果为优秀 names the grade."""
    report, flags = run(tmp_path, FINAL_ACCOUNTS_REPORT)
    assert (report["staff_quota"], report["staff_actual"], report["sangong_spent_wan"], report["sangong_budget_wan"],
            report["budget_total_wan"], report["grade"], report["self_score"], report["balance_wan"]) == (
        "35", "33", "8.9", "10", "", "优秀", "95", "47.22")
    assert flags == []


# The usual 三公 table: a title, a unit line, 预算数 | 决算数 | 增减额 | 增减率, and 公务用车费 with its
# two parts. By hand: 0 + 7 + 5 = 12; 0 + 6.2 + 4.16 = 10.36; 0 − 0.8 − 0.84 = −1.64; 0 + 7 = 7.
SANGONG_TABLE_REPORT = ("某县财政局2023年度部门整体支出绩效自评报告\n表2  2023年“三公”经费支出情况表\n单位：万元\n"
                        + txt_table(("项目", "预算数", "决算数", "增减额", "增减率"),
                                    ("合计", "12.00", "10.36", "-1.64", "-13.67%"),
                                    ("1.因公出国（境）费", "0", "0", "0", "—"),
                                    ("2.公务用车购置及运行维护费", "7.00", "6.20", "-0.80", "-11.43%"),
                                    ("其中：公务用车购置费", "0", "0", "0", "—"),
                                    ("公务用车运行维护费", "7.00", "6.20", "-0.80", "-11.43%"),
                                    ("3.公务接待费", "5.00", "4.16", "-0.84", "-16.80%"))
                        + "经自评，本部门2023年度整体支出绩效自评得分为93分，等级为优。\n")


def test_a_sangong_table_under_a_title_and_a_unit_line(tmp_path: Path) -> None:
    """The title above the unit line names what 合计 totals (it gave the unit's whole budget, 12);
    the 增减额 column holds changes, not amounts (they gave second values); its negative rows
    add up within rounding (a negative amount had a negative tolerance: a false JX103)."""
    report, flags = run(tmp_path, SANGONG_TABLE_REPORT)
    assert (report["sangong_budget_wan"], report["sangong_spent_wan"], report["budget_total_wan"],
            report["spent_total_wan"]) == ("12.00", "10.36", "", "")
    assert (report["vehicle_spent_wan"], report["vehicle_operation_spent_wan"], report["vehicle_purchase_spent_wan"],
            report["reception_spent_wan"], report["n_conflicts"]) == ("6.20", "6.20", "0", "4.16", "0")
    assert flags == []


# Four things wrong, each on purpose. By hand: 835.2 ÷ 860.5 = 97.06 % (stated 102.5 %, also over
# 100 %); 14 ÷ 12 = 116.67 % (stated 85.7 %, which is 12 ÷ 14); 截至2021年底 in a 2022 report.
FLAWED_REPORT = """某县扶贫开发办公室2022年度部门整体支出绩效自评报告
一、基本情况
我办核定事业编制12名，年末在职在编人员14名，在职人员控制率为85.7%。
二、资金情况
2022年度财政拨款预算总额为860.5万元，其中基本支出120.5万元、项目支出740万元；全年实际支出835.2万元，预算执行率为102.5%。
截至2021年底，累计完成易地扶贫搬迁安置1,250人。
三、自评结论
综合评分91分，评定等级为优秀。
"""


def test_after_a_closed_list_a_side_word_goes_back_to_the_total(tmp_path: Path) -> None:
    """“预算总额860.5万元，其中基本支出…、项目支出740万元；全年实际支出835.2万元”: the ； ends the
    list, so 实际支出 is the total's (it was read as 项目支出's, and the rate after it was lost)."""
    report, flags = run(tmp_path, FLAWED_REPORT)
    assert (report["budget_total_wan"], report["spent_total_wan"], report["project_spent_wan"],
            report["project_budget_wan"], report["execution_rate_pct"]) == ("860.5", "835.2", "", "740", "102.5")
    assert sorted((f["rule_id"], f["severity"]) for f in flags) == [
        ("JX201", "error"), ("JX202", "error"), ("JX302", "warning"), ("JX401", "error")]


def test_a_title_without_its_year_still_gives_the_kind(tmp_path: Path) -> None:
    """The unit's name on one line, “部门整体支出绩效自评报告” on the next, the year only in the text."""
    text = REPORT.replace("某县民政局2023年度部门整体支出绩效自评报告", "某县民政局\n部门整体支出绩效自评报告\n"
                          "根据《某县财政局关于开展2023年度部门整体支出绩效自评工作的通知》（某财绩〔2024〕3号）要求，"
                          "我局对2023年度部门整体支出开展了绩效自评，现将有关情况报告如下：")
    report, _ = run(tmp_path, text)
    assert (report["report_kind"], report["fiscal_year"], report["unit_name"]) == ("dept_overall", "2023", "某县民政局")


def test_a_value_taken_from_its_part_has_a_metrics_row_of_its_own(tmp_path: Path) -> None:
    """reports.csv's 公务用车费 comes from the 运行维护费 figure: metrics.csv has a chosen row for
    vehicle_spent_wan too, at the same place, saying where it was taken from."""
    run(tmp_path, REPORT)
    with open(tmp_path / "out" / "metrics.csv", encoding="utf-8-sig", newline="") as handle:
        rows = [row for row in csv.DictReader(handle) if row["metric"].startswith("vehicle")]
    assert [(r["metric"], r["value"], r["match_method"], r["chosen"], r["label_raw"]) for r in rows] == [
        ("vehicle_operation_spent_wan", "2.3", "exact", "是", "公务用车运行维护费"),
        ("vehicle_spent_wan", "2.3", "part:vehicle_operation_spent_wan", "是", "公务用车运行维护费"),
    ]
    assert rows[0]["location"] == rows[1]["location"] != ""


# A report on one fund. By hand: 500 + 200 = 700; 680 ÷ 700 = 97.14 %; 700 − 680 = 20.
FUND_REPORT = """2023年度某县农村危房改造补助资金绩效自评报告
一、资金安排情况
2023年省级下达我县农村危房改造补助资金500万元，县级配套资金200万元，合计到位资金700万元。截至2023年12月31日，已拨付资金680万元，资金拨付率97.14%，结余资金20万元。
二、自评结论
自评得分92分，等级为优。
"""


def test_a_report_on_one_fund(tmp_path: Path) -> None:
    """The title evaluates a 资金: a special fund. Its 合计到位资金 sums the sources before it and is
    the report's budget (a unit's report would not take it so); 资金拨付率 is its execution rate."""
    report, flags = run(tmp_path, FUND_REPORT)
    assert (report["report_kind"], report["budget_total_wan"], report["spent_total_wan"],
            report["execution_rate_pct"], report["balance_wan"]) == ("special_fund", "700", "680", "97.14", "20")
    assert flags == []


def test_a_report_on_one_fund_with_a_wrong_rate(tmp_path: Path) -> None:
    _, flags = run(tmp_path, FUND_REPORT.replace("资金拨付率97.14%", "资金拨付率99.14%"))
    assert [flag["rule_id"] for flag in flags] == ["JX201"]


# Sentences that begin with a budget side alone, under headings that say whose it is. By hand:
# 3500 ÷ 3600 = 97.22 %; 1 + 1.5 + 0 = 2.5.
HEADED_REPORT = """某县水务局2023年度部门整体支出绩效自评报告
一、部门基本情况
本单位核定编制40人，实有在职人员38人。
二、预算执行情况
年初预算3,200万元，调整预算3,600万元，实际支出3,500万元，预算执行率97.22%。
三、“三公”经费情况
年初预算3万元，实际支出2.5万元，其中公务接待费1万元，公务用车运行维护费1.5万元，因公出国（境）费0万元。
四、自评结论
自评得分95分，等级为优。
"""


def test_a_budget_side_alone_takes_its_thing_from_the_heading(tmp_path: Path) -> None:
    report, flags = run(tmp_path, HEADED_REPORT)
    assert (report["budget_initial_wan"], report["budget_total_wan"], report["spent_total_wan"],
            report["execution_rate_pct"], report["sangong_budget_wan"], report["sangong_spent_wan"]) == (
        "3200", "3600", "3500", "97.22", "3", "2.5")
    assert flags == []


def test_amounts_named_only_as_money_under_a_budget_heading_are_not_the_budget(tmp_path: Path) -> None:
    """“…项目4个，资金33万元；新农村建设10个，资金73万元” under “二、预算执行情况”: 资金 names no side and
    no thing; those are projects' amounts, not the unit's budget."""
    text = HEADED_REPORT.replace("预算执行率97.22%。", "预算执行率97.22%。\n其中计划安排农田水利配套项目4个，资金33万元；"
                                 "新农村建设10个，资金73万元。")
    report, flags = run(tmp_path, text)
    assert (report["budget_total_wan"], report["n_conflicts"]) == ("3600", "0")
    assert flags == []


def test_a_sangong_sheet_titled_in_its_first_row(tmp_path: Path) -> None:
    """A .xlsx sheet whose first row (merged across) is the title “2023年“三公”经费支出情况表”: the
    title is part of the table, not a caption above it, and still names what 合计 totals."""
    from openpyxl import Workbook

    book = Workbook()
    sheet = book.active
    sheet.append(["2023年“三公”经费支出情况表"])
    sheet.merge_cells("A1:C1")
    sheet.append(["单位：万元"])
    for row in [("项目", "预算数", "决算数"), ("合计", 12, 10.36), ("1.因公出国（境）费", 0, 0),
                ("2.公务用车购置及运行维护费", 7, 6.2), ("3.公务接待费", 5, 4.16)]:
        sheet.append(list(row))
    path = tmp_path / "三公经费表.xlsx"
    book.save(path)
    out = tmp_path / "out"
    pipeline.main(["run", str(path), "--out", str(out), "--quiet", "--no-cache", "--workers", "1"])
    with open(out / "reports.csv", encoding="utf-8-sig", newline="") as handle:
        (report,) = list(csv.DictReader(handle))
    assert (report["sangong_budget_wan"], report["sangong_spent_wan"], report["budget_total_wan"],
            report["spent_total_wan"]) == ("12", "10.36", "", "")


@pytest.mark.parametrize(("signed", "expected"), [
    ("2024.3.20", "2024-03-20"), ("2024-03-20", "2024-03-20"), ("2024/3/20", "2024-03-20"),
    ("二〇二四年三月二十日", "2024-03-20"), ("2024.3-20", ""), ("2024.13.2", ""),
])
def test_the_date_a_report_is_signed_in_figures(tmp_path: Path, signed: str, expected: str) -> None:
    report, _ = run(tmp_path, REPORT.replace("2024年3月20日", signed))
    assert report["report_date"] == expected


@pytest.mark.parametrize("cells", [("起止时间", "2023.1.1", "2023.12.31"), ("完成时间", "2023年12月20日")])
def test_a_date_in_a_table_cell_is_not_the_reports_date(tmp_path: Path, cells: tuple[str, ...]) -> None:
    """A 起止时间 or 完成时间 cell is a date in the table, not the date the report bears."""
    text = REPORT.replace("某县民政局\n2024年3月20日\n", "") + txt_table(cells)
    report, _ = run(tmp_path, text)
    assert report["report_date"] == ""


@pytest.mark.parametrize(("sentence", "score", "flagged"), [
    ("经自评，得分85分，等级为优。", "85", ["JX450"]),  # 85 is 良 by the standard bands
    ("经自评，得分92分，等级为优。", "92", []),
    ("经综合评价，总得分为92分，等级为良。", "92", ["JX450"]),
    ("其中产出指标得分35分，效益指标得分30分。", "", []),  # an indicator's score is not the self-score
    ("项目验收时，得分88分。", "", []),  # a 得分 in a sentence not about the evaluation
])
def test_a_score_named_only_得分_in_a_sentence_about_the_evaluation(
        tmp_path: Path, sentence: str, score: str, flagged: list[str]) -> None:
    text = REPORT.replace("经综合评价，本单位2023年度整体支出绩效自评得分为92分，等级为“优”。", sentence)
    report, flags = run(tmp_path, text)
    assert report["self_score"] == score
    assert [f["rule_id"] for f in flags] == flagged


def test_an_indicator_cell_that_looks_like_a_unit_is_not_the_unit(tmp_path: Path) -> None:
    """A title that names a project, not its unit, leaves the unit blank: a 三级指标 cell such as
    “新建村级服务站” ends like a unit's name (站) but sits in the indicator table, with no label."""
    text = ("2023年度某镇便民服务站建设项目支出绩效自评报告\n"
            + txt_table(("一级指标", "二级指标", "三级指标", "目标值", "完成值"),
                        ("产出指标", "数量指标", "新建村级服务站", "12个", "12个"))
            + "自评得分99分。\n")
    report, _ = run(tmp_path, text)
    assert (report["unit_name"], report["report_kind"], report["self_score"]) == ("", "project", "99")


def test_a_unit_named_alone_on_the_cover_is_the_unit(tmp_path: Path) -> None:
    text = "某县便民服务中心\n2023年度便民服务站建设项目支出绩效自评报告\n自评得分99分。\n"
    report, _ = run(tmp_path, text)
    assert report["unit_name"] == "某县便民服务中心"


@pytest.mark.parametrize(("staff", "actual", "flagged"), [
    # The 82 counts the 31 retirees, who do not count against the 55 of the quota: 51 ÷ 55.
    ("单位核定编制55名，实有人数82人，其中在职人员51人，退休人员31人。", "51", []),
    ("单位核定编制55名，现有人员82人（在职51人，退休31人）。", "51", []),  # 在职 alone, after the quota
    ("单位核定编制55名，实有人数52人。另有退休人员31人。", "52", []),  # another sentence: not a breakdown
    ("单位核定编制55名，在职人员58人，另有退休人员31人。", "58", ["JX402"]),  # 在职 says serving staff
])
def test_a_headcount_with_retirees_is_not_the_serving_staff(
        tmp_path: Path, staff: str, actual: str, flagged: list[str]) -> None:
    text = REPORT.replace("本单位核定编制人数45人，年末实有在职人数42人，在职人员控制率93.33%。", staff)
    report, flags = run(tmp_path, text)
    assert (report["staff_quota"], report["staff_actual"]) == ("55", actual)
    assert [f["rule_id"] for f in flags] == flagged


def test_hospital_beds_are_not_the_staff_quota(tmp_path: Path) -> None:
    """核定编制床位500张 counts beds: a headcount is in 人, 名 or 位."""
    text = REPORT.replace("本单位核定编制人数45人，年末实有在职人数42人，在职人员控制率93.33%。",
                          "核定编制床位500张，实际开放床位620张，现有在职职工612人。")
    report, flags = run(tmp_path, text)
    assert (report["staff_quota"], report["staff_actual"]) == ("", "612")
    assert flags == []


FUNDS_FIRST = """某县水利局2023年度小型水库维修养护项目支出绩效自评报告
一、项目资金到位情况
2023年项目实际到位资金920万元，资金到位率92%。
二、项目资金使用情况
该项目全年预算数为1000万元，实际支出874万元，预算执行率87.4%。
三、自评结论
自评得分88分，等次为良。
"""


@pytest.mark.parametrize("text", [FUNDS_FIRST, FUNDS_FIRST.replace(
    "2023年项目实际到位资金920万元，资金到位率92%。\n二、项目资金使用情况\n该项目全年预算数为1000万元，实际支出874万元，预算执行率87.4%。",
    "该项目全年预算数为1000万元，实际支出874万元，预算执行率87.4%。\n二、项目资金使用情况\n2023年项目实际到位资金920万元，资金到位率92%。")], ids=["received_first", "budget_first"])
def test_funds_received_beside_a_stated_budget_are_not_the_budget(tmp_path: Path, text: str) -> None:
    """920 received of a 1000 budget: the 87.4% is 874 ÷ 1000, and the two are not one quantity
    stated twice, in either order."""
    report, flags = run(tmp_path, text)
    assert (report["budget_total_wan"], report["spent_total_wan"], report["execution_rate_pct"]) == ("1000", "874", "87.4")
    assert flags == []


def test_funds_received_alone_are_the_projects_budget(tmp_path: Path) -> None:
    """Without a stated budget the funds received are the budget (as in seed 003), and a rate
    that contradicts them is still caught: 874 ÷ 920 = 95 %, not 87.4 %."""
    text = FUNDS_FIRST.replace("该项目全年预算数为1000万元，", "")
    report, flags = run(tmp_path, text)
    assert (report["budget_total_wan"], report["spent_total_wan"]) == ("920", "874")
    assert [f["rule_id"] for f in flags] == ["JX201"]


@pytest.mark.parametrize("head", [
    [("部门整体支出绩效自评表", "（2023年度）"), ("填报单位：某镇人民政府", "金额单位：元")],
    [("部门整体支出绩效自评表", "（2023年度）"), ("填报单位：某镇人民政府", "联系人：李华"), ("单位：元",)],
], ids=["unit_beside_the_filer", "unit_below_the_filer"])
def test_a_forms_unit_declared_after_the_filing_unit(tmp_path: Path, head: list[tuple[str, ...]]) -> None:
    """The form's head names the filing unit, then the money unit: the amounts are in 元
    (21,347,856.42 元 = 2134.785642 万元), wherever in the head the unit is declared."""
    table = txt_table(*head, ("项目", "年初预算数", "全年预算数", "全年执行数", "执行率"),
                      ("年度资金总额", "18,562,300.00", "21,347,856.42", "20,963,118.75", "98.20%"))
    report, flags = run(tmp_path, "某镇人民政府2023年度部门整体支出绩效自评报告\n" + table)
    assert (report["budget_initial_wan"], report["budget_total_wan"], report["spent_total_wan"]) == (
        "1856.230000", "2134.785642", "2096.311875")
    assert flags == []


@pytest.mark.parametrize(("heading", "sentence", "expected"), [
    ("（二）管理效率方面", "我馆年初预算780.00万元，全年预算850.00万元，全年支出842.18万元，预算执行率99.08%。",
     ("780.00", "850.00", "842.18", "99.08")),
    ("", "年初预算780万元，全年预算850万元，全年支出842.18万元，预算执行率99.08%。",
     ("780", "850", "842.18", "99.08")),
    # The money is named after its amount: a training fund's, not the unit's budget.
    ("四、存在的问题", "年初预算12万元的培训经费未使用。", ("", "", "", "")),
], ids=["under_a_heading_naming_nothing", "no_heading", "named_after_the_amount"])
def test_a_units_budget_stated_by_its_side_alone(
        tmp_path: Path, heading: str, sentence: str, expected: tuple[str, ...]) -> None:
    """In a report on a unit's whole spending, a sentence that begins with a budget side alone
    (年初预算, 全年预算, 全年支出) and names no other thing states the unit's own money:
    842.18 ÷ 850 = 99.08 %."""
    text = "某县文化馆2023年度部门整体支出绩效自评报告\n" + (heading + "\n" if heading else "") + sentence + "\n"
    report, flags = run(tmp_path, text)
    assert (report["budget_initial_wan"], report["budget_total_wan"], report["spent_total_wan"],
            report["execution_rate_pct"]) == expected
    assert flags == []


@pytest.mark.parametrize(("staff", "quota", "actual"), [
    ("核定编制50名，实有在职教职工46人。", "50", "46"),  # a school
    ("核定编制200名，实有民警179名。", "200", "179"),  # a police bureau
    ("核定编制50名，现有在职干部职工46人。", "50", "46"),
    ("核定编制50名，实有职工46人。", "50", "46"),
    ("核定编制25名，年末在职人员21名。", "25", "21"),
    ("核定编制50名，实际在岗46人。", "50", "46"),
    ("核定编制50名，实有人数四十六人。", "50", "46"),
    ("定编50人，实有人员46人。", "50", "46"),
    ("全镇在职党员320人。", "", ""),  # party members, not the unit's staff
])
def test_staff_in_the_words_units_use(tmp_path: Path, staff: str, quota: str, actual: str) -> None:
    text = REPORT.replace("本单位核定编制人数45人，年末实有在职人数42人，在职人员控制率93.33%。", staff)
    report, flags = run(tmp_path, text)
    assert (report["staff_quota"], report["staff_actual"]) == (quota, actual)
    assert flags == []


@pytest.mark.parametrize(("head", "unit"), [
    ("攸县第二中学2023年度部门整体支出绩效自评报告", "攸县第二中学"),
    ("攸县机关幼儿园2023年度部门整体支出绩效自评报告", "攸县机关幼儿园"),
    ("攸县白沙镇2023年度部门整体支出绩效自评报告", "攸县白沙镇"),
    ("攸县白沙镇人民政府2023年度部门整体支出绩效自评报告", "攸县白沙镇人民政府"),
    ("长沙市雨花区圭塘街道2023年度部门整体支出绩效自评报告", "长沙市雨花区圭塘街道"),
    ("岳阳县2023年度乡村振兴衔接资金绩效自评报告\n岳阳县乡村振兴局组织开展了自评。", "岳阳县乡村振兴局"),  # not 岳阳县乡
    ("2023年度中央财政衔接推进乡村振兴补助资金\n绩效自评报告\n报送单位：某县乡村振兴局（盖章）", "某县乡村振兴局"),
    ("2023年度农村公路养护资金绩效自评报告\n项目主管部门：某县交通运输局", "某县交通运输局"),
    ("2023年度农村公路养护资金绩效自评报告\n自评单位（盖章）：某县公路建设养护中心", "某县公路建设养护中心"),
    # a 社 is a unit too, and a name before the year that is not a place is not searched for as one
    # (it found “岳阳县供销合作社联合社是县人民政府” in the first sentence)
    ("岳阳县供销合作社联合社2021年度部门整体支出绩效自评报告\n一、部门基本情况\n"
     "岳阳县供销合作社联合社是县人民政府直属的事业单位。", "岳阳县供销合作社联合社"),
    # 会 units (blind probe J: r21, r29), and 我会 as the unit speaking of itself
    ("绥宁县红十字会2024年度部门整体支出绩效自评报告", "绥宁县红十字会"),
    ("平江县总工会2021年度部门整体支出绩效自评报告", "平江县总工会"),
    # a 林场, 农场 or 电视台 named on its own line over the title (blind probe N n10)
    ("徐州市铜山区国营林场\n2023年度部门整体支出绩效自评报告", "徐州市铜山区国营林场"),
    ("某县广播电视台\n2023年度部门整体支出绩效自评报告", "某县广播电视台"),
    # a form's label with its bracket: 部门（单位）名称
    ("2022年度部门整体支出绩效自评表\n" + txt_table(("部门（单位）名称", "桑植县发展和改革局")), "桑植县发展和改革局"),
    # the title and the cover name none: the unit that signs it, above the date
    ("2023年度城乡居民医疗保险补助资金绩效自评报告\n一、基本情况\n全年支出1000万元。\n某县医疗保障局（盖章）\n"
     "2024年3月20日", "某县医疗保障局"),
])
def test_the_units_name_as_schools_towns_and_forms_give_it(tmp_path: Path, head: str, unit: str) -> None:
    report, _ = run(tmp_path, head + "\n自评得分90分。\n")
    assert report["unit_name"] == unit


@pytest.mark.parametrize(("target_header", "score_header"), [
    ("年度计划值", "得分"), ("年度指标值", "自评分"), ("计划值", "评分"),
])
def test_indicator_columns_headed_as_plans_and_self_marks(
        tmp_path: Path, target_header: str, score_header: str) -> None:
    """318 of a planned 320 and 93 % of a ≥95 % target are missed; the second still got full marks."""
    table = txt_table(("一级指标", "二级指标", "三级指标", target_header, "全年完成值", "分值", score_header),
                      ("产出指标", "数量指标", "改造户数（户）", "320", "318", "20", "19"),
                      ("满意度指标", "满意度指标", "受益群众满意度", "≥95%", "93%", "10", "10"))
    _, flags = run(tmp_path, "某县住建局2023年度农村危房改造项目支出绩效自评报告\n" + table)
    assert sorted(f["rule_id"] for f in flags) == ["JX501", "JX501", "JX502"]


def test_a_projects_whole_year_budget_after_one_allotment(tmp_path: Path) -> None:
    """The 2000 is one allotment of the 2500 the year's budget states: 2375 ÷ 2500 = 95 %."""
    text = ("某县农业农村局2023年度高标准农田建设项目支出绩效自评报告\n一、项目基本情况\n"
            "省财政厅提前下达我县补助资金2000万元，全年预算数2500万元。\n"
            "截至2023年12月31日，项目实际支出2375万元，预算执行率95%。\n")
    report, flags = run(tmp_path, text)
    assert (report["budget_total_wan"], report["spent_total_wan"], report["execution_rate_pct"]) == ("2500", "2375", "95")
    assert flags == []
    report, flags = run(tmp_path, text.replace("预算执行率95%", "预算执行率97%"))
    assert [f["rule_id"] for f in flags] == ["JX201"]


@pytest.mark.parametrize(("rate", "expected", "flagged"), [
    ("95.42", "95.42", []),  # 953.2 ÷ 998.95 = 95.42 %
    ("97.42", "97.42", ["JX201"]),  # contradicted by its own row
    # four decimals below 1: a fraction as a spreadsheet keeps =F6/E6 unformatted (probe pv_rate_frac);
    # no one writes 0.9542 %. Two decimals (0.95) may be either, and stay unread.
    ("0.9542", "95.42", []),
    ("0.9742", "97.42", ["JX201"]),
    ("0.95", "", []),
])
def test_a_rate_column_without_percent_signs(tmp_path: Path, rate: str, expected: str, flagged: list[str]) -> None:
    table = txt_table(("项目资金（万元）", "年初预算数", "全年预算数", "全年执行数", "执行率"),
                      ("年度资金总额", "950", "998.95", "953.2", rate))
    report, flags = run(tmp_path, "某县水利局2023年度小型水库维修养护项目支出绩效自评报告\n" + table)
    assert (report["budget_total_wan"], report["spent_total_wan"], report["execution_rate_pct"]) == (
        "998.95", "953.2", expected)
    assert [f["rule_id"] for f in flags] == flagged


@pytest.mark.parametrize(("sentence", "score", "grade"), [
    ("自评结果：93分，等级：优。", "93", "优"),
    ("对照《指标体系》（满分100分）逐项打分，本项目得分93分，等级为优。", "93", "优"),  # not the 满分 100
    ("自评得分93.5分，评定等级良好。", "93.5", "良好"),
    ("该指标满分10分，得分8分。", "", ""),  # an indicator's marks
    ("经自评，本项目评定为“优秀”等次，得分85分。", "85", "优秀"),
    ("经自评，绩效评级为“优”，自评得分88分。", "88", "优"),
    ("项目得分86.5分，属于“优”等级。", "86.5", "优"),
    ("该指标满分10分，得分8分，等级为优的单位较多。", "", ""),  # 得分 alone: whose is not said
    # a quotation mark for the verb, and a result followed by its score in brackets (probe G)
    ("经自评，本项目绩效自评得分98.56分，等级“优”。", "98.56", "优"),
    ("经自评，本项目自评得分88.6分，等次“良”。", "88.6", "良"),
    ("经自评，本项目自评结果为优秀（96分）。", "96", "优秀"),
    ("下一步，项目绩效等级为优化调整的重点。", "", ""),  # 优化 is no grade
])
def test_the_self_score_and_grade_in_more_words(tmp_path: Path, sentence: str, score: str, grade: str) -> None:
    text = "某县水利局2023年度小型水库维修养护项目支出绩效自评报告\n三、自评结论\n" + sentence + "\n"
    report, _ = run(tmp_path, text)
    assert (report["self_score"], report["grade"]) == (score, grade)
@pytest.mark.parametrize(("sentences", "grade"), [
    # another year's grade before the report's own (blind probe AP X02, W06, W07)
    ("上年度部门整体支出绩效评价等次为“优”。经自评，本单位2025年度自评得分88分，评价等次为“良”。", "良"),
    ("2024年度自评得分92分，评价等次为“优”；2025年度自评得分88分，评价等次为“良”。", "良"),
    ("2024年度部门整体支出绩效评价等次为“优”。", ""),  # only last year's: the report states none (X04)
    ("对照2024年度评价结果，本年度评价等次为“良”。", "良"),  # 本年度 after the other year
    ("经自评，本单位2025年度自评得分88分，评价等次为“良”。上年度评价等次为“优”。", "良"),
])
def test_a_grade_stated_for_another_year_is_not_the_reports(tmp_path: Path, sentences: str, grade: str) -> None:
    text = "某县民政局2025年度部门整体支出绩效自评报告\n三、自评结论\n" + sentences + "\n"
    report, flags = run(tmp_path, text)
    assert report["grade"] == grade
    assert [flag["rule_id"] for flag in flags if flag["rule_id"] == "JX450"] == []


# A part broken down in brackets or after 含: the total is the sum of the parts, each breakdown the
# sum of its part (sums by hand: 401.24 + 109.04 = 510.28 ≈ 510.27; 359.13 + 42.11 = 401.24;
# 4,012,356.10 + 1,090,377.55 = 5,102,733.65; 3,591,250.00 + 421,106.10 = 4,012,356.10;
# 1350 + 450 = 1800; 900 + 300 + 150 = 1350).
BROKEN_DOWN = {
    "in_yuan": "本年支出合计5,102,733.65元，其中：基本支出4,012,356.10元（人员经费3,591,250.00元，公用经费421,106.10元），"
               "项目支出1,090,377.55元。",
    "han": "本年支出合计510.27万元，其中：基本支出401.24万元，含人员经费359.13万元、公用经费42.11万元；项目支出109.04万元。",
    "sources": "项目总投资1800万元，其中财政资金1350万元（中央资金900万元、省级资金300万元、县级资金150万元），"
               "群众自筹450万元。",
}


@pytest.mark.parametrize("sentence", BROKEN_DOWN.values(), ids=BROKEN_DOWN.keys())
def test_a_part_broken_down_is_not_counted_twice(tmp_path: Path, sentence: str) -> None:
    _, flags = run(tmp_path, f"某县社会保险服务中心2023年度部门整体支出绩效自评报告\n{sentence}\n自评得分92分。\n")
    assert [f["rule_id"] for f in flags if f["rule_id"].startswith("JX1")] == []


def test_a_breakdown_that_exceeds_its_part(tmp_path: Path) -> None:
    """人员经费 written 3,601,250.00元: 3,601,250.00 + 421,106.10 = 4,022,356.10元, 1万元 more than
    基本支出; the total still adds up, so the one finding is about 基本支出, with that difference."""
    sentence = BROKEN_DOWN["in_yuan"].replace("3,591,250.00", "3,601,250.00")
    _, flags = run(tmp_path, f"某县社会保险服务中心2023年度部门整体支出绩效自评报告\n{sentence}\n自评得分92分。\n")
    [flag] = [f for f in flags if f["rule_id"].startswith("JX1")]
    assert (flag["rule_id"], flag["severity"]) == ("JX101", "error")
    assert flag["message"] == ("“本年支出合计”的分项“基本支出”写为401.23561万元，但其后细分所列人员经费、公用经费相加为"
                               "360.125+42.11061=402.23561万元，比该项多1万元")


def test_a_total_its_parts_exceed_beside_a_breakdown(tmp_path: Path) -> None:
    """项目支出 written 110.04: 401.24 + 110.04 = 511.28, 1.01万元 more than 510.27."""
    sentence = BROKEN_DOWN["han"].replace("109.04", "110.04")
    _, flags = run(tmp_path, f"某县社会保险服务中心2023年度部门整体支出绩效自评报告\n{sentence}\n自评得分92分。\n")
    [flag] = [f for f in flags if f["rule_id"].startswith("JX1")]
    assert flag["message"] == ("“本年支出合计”写为510.27万元，但其后“其中”所列基本支出、项目支出相加为"
                               "401.24+110.04=511.28万元，比总数多1.01万元")
# A 项目支出 report whose 效益指标 section says how an indicator changed since last year: the
# number after 由上年的 is the starting point, the one after 下降到 this year's value (probe
# p17_text_vs_table: 3.2% was compared with the table's 1.5%).
CHANGE_REPORT = """某县教育局2023年义务教育薄弱环节改善与能力提升补助资金项目绩效自评报告
一、项目绩效指标完成情况
项目学校大班额比例由上年的3.2%下降到{stated}，寄宿生人均宿舍面积达到3.5平方米。
绩效指标完成情况详见下表：
""" + txt_table(
    ("一级指标", "二级指标", "三级指标", "年度指标值", "实际完成值", "分值", "得分"),
    ("效益指标", "社会效益指标", "项目学校大班额比例", "≤2%", "1.5%", "15", "15"),
    ("", "可持续影响指标", "寄宿生人均宿舍面积（平方米）", "≥3", "3.5", "5", "5"),
)


@pytest.mark.parametrize(("stated", "expected"), [("1.5%", []), ("1.8%", ["1.8%"])])
def test_a_change_from_last_years_value_states_the_value_it_ends_at(
    tmp_path: Path, stated: str, expected: list[str]
) -> None:
    _report, flags = run(tmp_path, CHANGE_REPORT.format(stated=stated))
    conflicts = [f for f in flags if f["rule_id"] == "JX602"]
    assert [f["message"].split("所写实际完成值")[1].split("与")[0] for f in conflicts] == expected


# The section on rectifying last year's findings names last year twice, in its heading (上年度)
# and in its sentence (2022年度…自评发现的问题): the 整改 it reports was done in 2023 (probe
# m12_years). A 截至2022年底 figure in another section is still last year's.
RECTIFICATION = "五、上年度绩效评价问题整改情况\n2022年度部门整体支出绩效自评发现的问题，我局已完成整改3项。\n"


@pytest.mark.parametrize(
    ("added", "expected"),
    [
        (RECTIFICATION, []),
        (RECTIFICATION + "六、其他\n截至2022年底，全县共有低保对象3562人。\n", ["截至2022年底"]),
    ],
)
def test_rectifying_last_years_findings_is_this_years_work(tmp_path: Path, added: str, expected: list[str]) -> None:
    _report, flags = run(tmp_path, REPORT.replace("三、自评结论\n", added + "三、自评结论\n"))
    stale = [f for f in flags if f["rule_id"] == "JX302"]
    assert [f["message"].split("“")[1].split("”")[0] for f in stale] == expected


# REPORT's 实际支出1790.11万元 restated in 亿元: 0.18亿元 is it written to 0.01亿元 (100万元);
# 0.17亿元 is not (probe m5_yi: 12,218.07万元 and 1.22亿元 gave JX601).
@pytest.mark.parametrize(("yi", "expected"), [("0.18", []), ("0.17", [{"1700", "1790.11"}])])
def test_an_amount_restated_in_yi_is_rounded_in_yi(tmp_path: Path, yi: str, expected: list[set[str]]) -> None:
    added = f"全年执行数{yi}亿元，完成年度预算。\n"
    _report, flags = run(tmp_path, REPORT.replace("三、自评结论\n", added + "三、自评结论\n"))
    conflicts = [json.loads(f["values"]) for f in flags if f["rule_id"] == "JX601"]
    assert [{c["采用值"], c["另一值"]} for c in conflicts] == expected


ROAD_FUND = "某县交通运输局2023年度农村公路养护资金绩效自评报告\n一、项目基本情况\n{budget}\n二、资金使用情况\n{spent}\n"


@pytest.mark.parametrize(("budget", "spent", "expected"), [
    ("2023年上级共下达我县农村公路养护资金1000万元。", "全年实际支出856.3万元，预算执行率85.63%。",
     ("1000", "856.3", "85.63")),
    ("2023年农村公路养护资金预算1000万元。", "全年实际支出856.3万元，预算执行率85.63%。", ("1000", "856.3", "85.63")),
    ("2023年省厅下达我县农村公路养护补助资金1000万元（湘财建指〔2023〕15号）。",
     "全年实际支出856.3万元，预算执行率85.63%。", ("1000", "856.3", "85.63")),
    ("该项目总投资1000万元，全部为财政资金。", "已使用资金856.3万元，资金使用率85.63%。", ("1000", "856.3", "85.63")),
    ("2023年共安排农村公路养护资金1000万元，其中：省级补助600万元，县级配套400万元。",
     "累计支付农村公路养护资金856.3万元，资金支出率85.63%。", ("1000", "856.3", "85.63")),
    # one part of the fund, named otherwise, and a source's share: neither is the fund's budget
    ("安排桥梁维修项目资金300万元，省级补助600万元。", "全年实际支出856.3万元。", ("", "856.3", "")),
], ids=["allotted", "fund_budget", "allotted_by_the_province", "this_projects_investment", "arranged_with_sources",
        "a_part_and_a_share"])
def test_a_funds_own_money_in_the_words_fund_reports_use(
        tmp_path: Path, budget: str, spent: str, expected: tuple[str, ...]) -> None:
    """In a report on one fund, money with a side that names the fund the title evaluates (农村公路
    养护资金), or nothing else, is the report's own: 856.3 ÷ 1000 = 85.63 %."""
    report, flags = run(tmp_path, ROAD_FUND.format(budget=budget, spent=spent))
    assert (report["budget_total_wan"], report["spent_total_wan"], report["execution_rate_pct"]) == expected
    assert flags == []


def test_a_wrong_rate_in_a_fund_report_is_caught(tmp_path: Path) -> None:
    text = ROAD_FUND.format(budget="2023年上级共下达我县农村公路养护资金1000万元。",
                            spent="全年实际支出856.3万元，预算执行率87.5%。")  # 856.3 ÷ 1000 = 85.63 %
    _, flags = run(tmp_path, text)
    assert [f["rule_id"] for f in flags] == ["JX201"]


@pytest.mark.parametrize(("signed", "expected", "flagged"), [
    ("2024年2月", "2024-02", []),
    ("二〇二四年二月", "2024-02", []),
    ("2023年12月", "2023-12", []),  # may be the 31st: not before the year's end
    ("2023年11月", "2023-11", ["JX303", "JX303"]),  # before the year's end, and before its own 截至 date
])
def test_a_report_signed_with_a_month_only(tmp_path: Path, signed: str, expected: str, flagged: list[str]) -> None:
    text = ("某县民政局2023年度部门整体支出绩效自评报告\n一、基本情况\n截至2023年12月31日，本单位实有人员40人。\n"
            f"某县民政局\n{signed}\n")
    report, flags = run(tmp_path, text)
    assert report["report_date"] == expected
    assert [f["rule_id"] for f in flags] == flagged


def test_a_month_in_the_body_is_not_the_reports_date(tmp_path: Path) -> None:
    text = "某县民政局2023年度部门整体支出绩效自评报告\n2023年11月\n开展了自评工作。\n经自评，得分92分。\n有关情况如上。\n附：指标表\n"
    report, _ = run(tmp_path, text)
    assert report["report_date"] == ""


@pytest.mark.parametrize(("head", "expected"), [
    ("某县民政局2023年度部门整体支出绩效自评报告\n（2024年2月）", "2024-02"),
    ("某县民政局\n2023年度部门整体支出绩效自评报告\n（二〇二四年二月）", "2024-02"),  # a title on two lines
    ("某县民政局2023年度部门整体支出绩效自评报告\n2024年2月", ""),  # no brackets: may be a heading
    ("某县民政局2023年度部门整体支出绩效自评报告\n一、基本情况\n（2024年2月）", ""),  # not under the title
])
def test_a_month_in_brackets_under_the_title_is_the_reports_date(tmp_path: Path, head: str, expected: str) -> None:
    """Formal reports put their date under the title: “（2024年2月）” (blind probe r05)."""
    body = "\n".join(["开展了自评工作。", "经自评，得分92分。", "有关情况如上。", "二、存在的问题", "无。", "附：指标表"])
    report, _ = run(tmp_path, head + "\n" + body + "\n")
    assert report["report_date"] == expected


@pytest.mark.parametrize(("sentence", "budget", "spent"), [
    ("本年度预算资金850万元，已支出842.18万元。", "850", "842.18"),
    ("全年预算数（万元）：1865.40。", "1865.40", ""),  # the form's line: the unit in the label's brackets
])
def test_a_units_budget_in_a_forms_or_a_plain_line(tmp_path: Path, sentence: str, budget: str, spent: str) -> None:
    report, _ = run(tmp_path, "某县民政局2023年度部门整体支出绩效自评报告\n二、预算执行情况\n" + sentence + "\n")
    assert (report["budget_total_wan"], report["spent_total_wan"]) == (budget, spent)


@pytest.mark.parametrize(("rate", "flagged"), [
    ("98.00%", []),  # 22378.81 ÷ 22836.54 = 97.9956 %, rounded
    ("97.99%", []),  # the same, cut to two places
    ("97.98%", ["JX201"]),
    ("98.01%", ["JX201"]),
])
def test_a_rate_cut_to_its_places_is_not_wrong(tmp_path: Path, rate: str, flagged: list[str]) -> None:
    text = (f"某县民政局2023年度部门整体支出绩效自评报告\n二、预算执行情况\n"
            f"2023年全年预算数为22836.54万元，实际支出22378.81万元，预算执行率为{rate}。\n")
    _, flags = run(tmp_path, text)
    assert [f["rule_id"] for f in flags] == flagged


@pytest.mark.parametrize(("title", "kind"), [
    ("某县财政局2023年度乡村振兴衔接资金项目整体绩效自评报告", "project"),  # a project's 整体绩效
    ("某县2023年度农村公路养护资金整体绩效自评报告", "special_fund"),
    ("某县水利局2023年度整体绩效自评报告", "dept_overall"),
    # the kind named outright wins over the 专项 of the money's name (blind probe J r07)
    ("新田县林业局2021年度森林防火专项经费项目支出绩效自评报告", "project"),
    ("某县2023年度农村公路养护专项资金绩效自评报告", "special_fund"),
])
def test_whose_整体绩效_a_title_evaluates(tmp_path: Path, title: str, kind: str) -> None:
    report, _ = run(tmp_path, title + "\n自评得分90分。\n")
    assert report["report_kind"] == kind


@pytest.mark.parametrize(("sentence", "people"), [
    ("2023年发放移民直补资金1620.3万元，惠及移民27005人。", "27005"),
    ("通过“一卡通”发放直补资金1620.3万元，受益移民27005人。", "27005"),
    ("公务接待费1.2万元，接待12批次共涉及80人。", ""),  # 公务接待 has no head count
])
def test_the_people_a_payment_reached(tmp_path: Path, sentence: str, people: str) -> None:
    text = REPORT_2.replace("全年共发放移民直补资金1620.3万元，涉及直补移民27005人，补助标准每人每年600元。", sentence)
    report, _ = run(tmp_path, text)
    assert report["direct_subsidy_people"] == people
# Time-limit rows as project reports write them (probe v_time): each missed one beside a met one.
# By hand: 12 > 10 个工作日, 11 > 10, 9 ≤ 10; 18 > 15 日, 14 ≤ 15; 2023-12-20 is 20 days after
# 11月30日; 2023-08-15 is 46 days after 6月30日 (31 in July + 15); 2023年12月 is within 12月底前;
# 1 起 against none. The dates of the running text (5月22日, 5月30日前) are dates, not durations.
TIME_LIMIT_ROWS = (
    ("资金拨付时限", "10个工作日内", "12个工作日"),
    ("补助发放时限", "10个工作日内", "11个工作日"),
    ("申请受理时限", "10个工作日内", "9个工作日"),
    ("审批办结时间", "15日内", "18日"),
    ("材料审核时间", "≤15日", "14日"),
    ("项目完成时间", "2023年11月30日前", "2023年12月20日"),
    ("资金到位时间", "2023年6月30日前", "2023年8月15日"),
    ("竣工验收时间", "2023年12月底前", "2023年12月"),
    ("工程质量事故", "0起", "1起"),
)


def test_time_limits_and_deadlines_in_an_indicator_table(tmp_path: Path) -> None:
    table = txt_table(
        ("一级指标", "二级指标", "三级指标", "年度指标值", "实际完成值"),
        *(("产出指标", "时效指标", name, target, actual) for name, target, actual in TIME_LIMIT_ROWS),
    )
    text = REPORT.replace(
        "三、自评结论\n",
        "三、绩效指标完成情况\n项目于2023年5月22日开工，材料于5月30日前报送。\n" + table + "四、自评结论\n",
    )
    _, flags = run(tmp_path, text)
    missed = sorted(flag["message"].split("”")[0].removeprefix("指标“") for flag in flags if flag["rule_id"] == "JX501")
    assert missed == sorted(["资金拨付时限", "补助发放时限", "审批办结时间", "项目完成时间", "资金到位时间", "工程质量事故"])
    messages = {flag["message"] for flag in flags if flag["rule_id"] == "JX501"}
    assert "指标“资金到位时间”未达到目标：实际完成时间2023年8月15日晚于目标期限2023年6月30日前，晚46天" in messages
# The control rate written as its formula, the rate after the last = (probe m6). 42 ÷ 45 = 93.33 %.
@pytest.mark.parametrize(("staff", "quota", "actual"), [
    ("在职人员控制率：（在职人员数42人÷编制数45人）×100%=93.33%。", "45", "42"),
    ("在职人员控制率=（在职人员数42人÷编制数45人）×100%=93.33%。", "45", "42"),
    ("在职人员控制率=实有人数/编制数×100%=42/45×100%=93.33%。", "", ""),  # 42/45: no unit, no count
    ("在职人员控制率为（42人÷45人）×100%=93.33%。", "", ""),  # 42人, 45人 are named by nothing
])
def test_a_control_rate_written_as_its_formula(tmp_path: Path, staff: str, quota: str, actual: str) -> None:
    text = REPORT.replace("本单位核定编制人数45人，年末实有在职人数42人，在职人员控制率93.33%。", staff)
    report, flags = run(tmp_path, text)
    assert (report["staff_quota"], report["staff_actual"], report["staff_control_rate_pct"]) == (quota, actual, "93.33")
    assert flags == []


def test_a_control_rate_formula_with_a_wrong_result_is_flagged(tmp_path: Path) -> None:
    staff = "在职人员控制率：（在职人员数42人÷编制数45人）×100%=95.33%。"  # 42 ÷ 45 is 93.33 %
    text = REPORT.replace("本单位核定编制人数45人，年末实有在职人数42人，在职人员控制率93.33%。", staff)
    report, flags = run(tmp_path, text)
    assert report["staff_control_rate_pct"] == "95.33"
    assert [f["rule_id"] for f in flags] == ["JX202"]


# REPORT's 1790.11 ÷ 1856.32 = 96.43 %, with the amounts in the formula.
@pytest.mark.parametrize("rate", [
    "预算执行率=执行数/预算数×100%=1790.11/1856.32×100%=96.43%",
    "预算执行率：1790.11÷1856.32×100%=96.43%",
])
def test_an_execution_rate_formula_with_its_amounts(tmp_path: Path, rate: str) -> None:
    report, flags = run(tmp_path, REPORT.replace("预算执行率为96.43%", rate))
    assert report["execution_rate_pct"] == "96.43"
    assert flags == []


# The 财政部 部门整体支出绩效自评表 with the amounts written inside the label cells, after the colon
# (probe r9). 2986.40 + 719.85 = 3706.25, the 全年执行数.
INLINE_FORM = """某县第一中学2023年度部门整体支出绩效自评报告
一、部门整体支出绩效自评表
""" + txt_table(
    ("部门整体支出绩效自评表", "（2023年度）"),
    ("部门名称", "某县第一中学"),
    ("年度预算执行情况（万元）", "年初预算数", "全年预算数（A）", "全年执行数（B）", "分值", "执行率（B/A）", "得分"),
    ("年度资金总额", "3,450.00", "3,812.60", "3,706.25", "10", "97.21%", "9.72"),
    ("按收入性质分", "按支出性质分"),
    ("其中：一般公共预算：3,512.60", "其中：基本支出：2,986.40"),
    ("政府性基金预算：0", "项目支出：719.85"),
    ("财政专户管理资金收入：300.00", ""),
    ("其他资金：0", ""),
) + "二、自评结果\n学校2023年度部门整体支出绩效自评得分96.72分，自评等级：优。\n"


def test_amounts_written_inside_the_label_cells_of_the_form(tmp_path: Path) -> None:
    report, flags = run(tmp_path, INLINE_FORM)
    assert {key: report[key] for key in ("spent_total_wan", "basic_spent_wan", "project_spent_wan")} == {
        "spent_total_wan": "3706.25", "basic_spent_wan": "2986.40", "project_spent_wan": "719.85"}
    assert flags == []


def test_amounts_inside_the_label_cells_that_do_not_add_up_are_flagged(tmp_path: Path) -> None:
    report, flags = run(tmp_path, INLINE_FORM.replace("项目支出：719.85", "项目支出：819.85"))
    assert report["project_spent_wan"] == "819.85"
    assert [f["rule_id"] for f in flags] == ["JX102"]  # 2986.40 + 819.85 = 3806.25, not 3706.25


# The 部门整体支出绩效自评表 with its rows labelled in two columns (probe r8): a group label merged
# down the first (按支出性质分), the row's label in the second; 年度资金总额, “三公”经费 and the
# heading 年度预算申请（万元） merged across both. Values read off the form: 基本支出 全年预算数
# 1,168.30 and 全年执行数 1,166.92; 项目支出 697.10 and 635.44; 1,166.92 + 635.44 = 1,802.36.
TWO_LABEL_COLUMNS_FORM = """某县疾病预防控制中心2023年度部门整体支出绩效自评报告
一、部门整体支出绩效自评表
""" + txt_table(
    ("2023年度部门整体支出绩效自评表",),
    ("部门（单位）名称", "某县疾病预防控制中心"),
    ("年度预算申请\n（万元）", "年初预算数", "全年预算数", "全年执行数", "分值", "执行率", "得分"),
    ("年度资金总额", "1,620.00", "1,865.40", "1,802.36", "10", "96.62%", "9.66"),
    ("按支出性质分", "基本支出", "1,120.00", "1,168.30", "1,166.92", "", "99.88%", ""),
    ("", "其中：人员经费", "1,010.00", "1,052.10", "1,051.60", "", "99.95%", ""),
    ("", "公用经费", "110.00", "116.20", "115.32", "", "99.24%", ""),
    ("", "项目支出", "500.00", "697.10", "635.44", "", "91.15%", ""),
    ("“三公”经费", "8.00", "8.00", "6.25", "", "78.13%", ""),
) + "二、自评结论\n中心2023年度整体支出绩效自评得分88.66分，评价等次为“良”。\n"

TWO_LABEL_COLUMNS_EXPECTED = {
    "budget_initial_wan": "1620.00", "budget_total_wan": "1865.40", "spent_total_wan": "1802.36",
    "basic_budget_wan": "1168.30", "basic_spent_wan": "1166.92", "personnel_spent_wan": "1051.60",
    "public_budget_wan": "116.20", "public_spent_wan": "115.32",
    "project_budget_wan": "697.10", "project_spent_wan": "635.44",
    "sangong_budget_wan": "8.00", "sangong_spent_wan": "6.25",  # 6.25 under 全年执行数, not the 8.00 beside it
}


def test_a_form_with_its_rows_labelled_in_two_columns(tmp_path: Path) -> None:
    report, flags = run(tmp_path, TWO_LABEL_COLUMNS_FORM)
    assert {key: report[key] for key in TWO_LABEL_COLUMNS_EXPECTED} == TWO_LABEL_COLUMNS_EXPECTED
    assert flags == []


def test_sangong_parts_stated_as_zero_in_words(tmp_path: Path) -> None:
    """公务用车运行维护费为零 and 因公出国（境）费为零: 1.36 + 0 + 0 = 1.36, and JX102 can add them."""
    text = REPORT.replace("“三公”经费支出3.5万元，其中公务接待费1.2万元，公务用车运行维护费2.3万元，因公出国（境）费0万元。",
                          "“三公”经费支出1.36万元，其中公务接待费1.36万元，公务用车运行维护费为零，因公出国（境）费为零。")
    report, flags = run(tmp_path, text)
    assert (report["sangong_spent_wan"], report["reception_spent_wan"], report["vehicle_spent_wan"],
            report["overseas_spent_wan"]) == ("1.36", "1.36", "0", "0")
    assert flags == []


def test_a_projects_investment_over_its_years_is_not_the_years_budget(tmp_path: Path) -> None:
    """总投资 covers every year of the project: the 2023 budget is 1900, and 1864.5 ÷ 1900 = 98.13 %."""
    text = ("某县教育局2023年度第二中学教学楼建设项目支出绩效自评报告\n一、项目基本情况\n"
            "项目总投资2580万元，其中：中央资金1200万元，省级资金800万元，县级配套580万元。\n"
            "2023年度项目预算1900万元，2023年实际支出1864.5万元，预算执行率98.13%。\n")
    report, flags = run(tmp_path, text)
    assert (report["budget_total_wan"], report["spent_total_wan"]) == ("1900", "1864.5")
    assert flags == []


@pytest.mark.parametrize(("overall", "flagged"), [("98.61%", []), ("96.61%", ["JX201"])])
def test_execution_rates_by_source_are_not_the_whole(tmp_path: Path, overall: str, flagged: list[str]) -> None:
    """3530.4 ÷ 3580 = 98.61 %; the sources' own rates (中央资金执行率 …) are parts, not the rate."""
    text = ("某县交通运输局2023年度农村公路建设项目支出绩效自评报告\n"
            f"全年预算数3580万元，实际支出3530.4万元，预算执行率{overall}。"
            "其中中央资金执行率100%，省级资金执行率99.2%，县级资金执行率92.3%。\n")
    report, flags = run(tmp_path, text)
    assert report["execution_rate_pct"] == overall.rstrip("%")
    assert [f["rule_id"] for f in flags] == flagged


@pytest.mark.parametrize(("personnel", "flagged"), [("700.00", []), ("710.00", ["JX102"])])
def test_a_total_in_yuan_and_its_parts_in_wan(tmp_path: Path, personnel: str, flagged: list[str]) -> None:
    """基本支出 8,456,789.00元 = 845.6789万元 in the table; the text gives its parts to 0.01万元
    (700.00 + 145.68 = 845.68): the same sum, within the parts' rounding."""
    table = txt_table(("单位：元",), ("项目", "全年执行数"), ("基本支出", "8,456,789.00"))
    text = ("某县民政局2023年度部门整体支出绩效自评报告\n" + table
            + f"基本支出845.68万元（人员经费{personnel}万元、公用经费145.68万元）。\n")
    _, flags = run(tmp_path, text)
    assert [f["rule_id"] for f in flags] == flagged


FUNDING_ROWS = [
    ("项目资金（万元）", "年初预算数", "全年预算数", "全年执行数"),
    ("年度资金总额", "350", "400", "381.68"),
    ("其中：当年财政拨款", "300", "350", "{grant}"),
    ("上年结转资金", "50", "50", "40"),
    ("其他资金", "0", "0", "0"),
]


@pytest.mark.parametrize(("grant", "flagged"), [("341.68", []), ("361.68", ["JX103"])])
def test_a_forms_funding_sources_under_its_total(tmp_path: Path, grant: str, flagged: list[str]) -> None:
    """The sources listed under 年度资金总额 must not add up to more than it: 361.68 + 40 + 0 = 401.68
    against 381.68; 341.68 + 40 + 0 = 381.68 is right."""
    rows = [tuple(cell.format(grant=grant) for cell in row) for row in FUNDING_ROWS]
    text = "某县水利局2023年度农村饮水安全巩固提升工程项目支出绩效自评报告\n" + txt_table(*rows)
    _, flags = run(tmp_path, text)
    assert [f["rule_id"] for f in flags] == flagged


def test_a_spending_list_with_rows_under_its_parts(tmp_path: Path) -> None:
    """支出合计 1498.77 = 基本支出 845.68 (人员经费 700 + 公用经费 145.68) + 项目支出 653.09: the rows
    under 基本支出 are not added again."""
    table = txt_table(("项目", "全年执行数"), ("支出合计", "1498.77"), ("其中：基本支出", "845.68"),
                      ("人员经费", "700.00"), ("公用经费", "145.68"), ("项目支出", "653.09"))
    _, flags = run(tmp_path, "某县民政局2023年度部门整体支出绩效自评报告\n单位：万元\n" + table)
    assert flags == []


@pytest.mark.parametrize(("spent", "message"), [
    ("8,432.17", None),
    ("8,423.17", "6086.52+2345.65=8432.17，比总额多9"),
])
def test_a_memo_row_in_a_list_under_a_total_is_not_a_part(tmp_path: Path, spent: str, message: str | None) -> None:
    """“年度资金总额 / 其中：基本支出 / 项目支出 / “三公”经费” (blind probe Y y04): the 三公 row is spent
    out of 基本支出, so the list is 基本支出 + 项目支出; a total they exceed is reported with those two."""
    table = txt_table(("项目", "年初预算数", "全年预算数", "全年执行数"), ("年度资金总额", "8,420.00", "9,084.30", spent),
                      ("其中：基本支出", "5,900.00", "6,120.00", "6,086.52"),
                      ("项目支出", "2,520.00", "2,964.30", "2,345.65"), ("“三公”经费", "33.00", "33.00", "18.46"))
    _, flags = run(tmp_path, "襄阳职业技术学院2023年度部门整体支出绩效自评报告\n" + table)
    found = [flag["message"] for flag in flags if flag["rule_id"] == "JX103"]
    assert (found == []) if message is None else (len(found) == 1 and message in found[0])


HEALTH_TABLE = txt_table(("一级指标", "二级指标", "三级指标", "年度指标值", "实际完成值", "分值", "得分"),
                         ("产出指标", "数量指标", "村卫生室标准化建设个数", "≥40个", "42个", "20", "20"))


@pytest.mark.parametrize(("sentence", "flagged"), [
    ("2024年，计划完成村卫生室标准化建设个数50个。", []),  # next year's plan
    ("下一步，力争村卫生室标准化建设个数达到50个。", []),
    ("全年完成村卫生室标准化建设个数45个。", ["JX602"]),  # this year's result, against the table's 42
])
def test_next_years_plans_are_not_this_years_targets(tmp_path: Path, sentence: str, flagged: list[str]) -> None:
    text = "某县卫生健康局2023年度部门整体支出绩效自评报告\n" + HEALTH_TABLE + sentence + "\n"
    _, flags = run(tmp_path, text)
    assert [f["rule_id"] for f in flags] == flagged


def test_sentences_under_a_next_steps_heading_are_plans(tmp_path: Path) -> None:
    text = ("某县卫生健康局2023年度部门整体支出绩效自评报告\n" + HEALTH_TABLE
            + "五、下一步工作计划\n村卫生室标准化建设个数达到50个。\n")
    _, flags = run(tmp_path, text)
    assert flags == []


@pytest.mark.parametrize(("rate", "flagged"), [("99.13%", []), ("97.13%", ["JX201"])])
def test_a_departments_budget_named_部门预算(tmp_path: Path, rate: str, flagged: list[str]) -> None:
    """35902.3 ÷ 36218.5 = 99.13 %."""
    text = ("某县卫生健康局2023年度部门整体支出绩效自评报告\n二、预算执行情况\n"
            f"2023年部门预算36218.5万元，全年支出35902.3万元，预算执行率{rate}。\n")
    report, flags = run(tmp_path, text)
    assert (report["budget_total_wan"], report["spent_total_wan"]) == ("36218.5", "35902.3")
    assert [f["rule_id"] for f in flags] == flagged


def test_a_wrong_rate_in_the_row_of_its_amounts_is_an_error(tmp_path: Path) -> None:
    """The form's row states the rate with both its amounts, as a sentence would: 381.68 ÷ 400 =
    95.42 %, not 97.42 % — an error, not a warning."""
    table = txt_table(("项目资金（万元）", "年初预算数", "全年预算数", "全年执行数", "执行率"),
                      ("年度资金总额", "350", "400", "381.68", "97.42%"))
    _, flags = run(tmp_path, "某县水利局2023年度农村饮水安全巩固提升工程项目支出绩效自评报告\n" + table)
    assert [(f["rule_id"], f["severity"]) for f in flags] == [("JX201", "error")]


def test_a_rate_after_a_side_word_that_turned_to_a_new_thing(tmp_path: Path) -> None:
    """“收入合计…，支出合计…，预算执行率97.13%”: the rate follows the 支出合计, not the 收入合计."""
    text = ("某县民政局2023年度部门整体支出绩效自评报告\n二、预算执行情况\n"
            "2023年收入合计36218.5万元，支出合计35902.3万元，预算执行率97.13%。\n")
    report, _ = run(tmp_path, text)
    assert (report["income_total_wan"], report["spent_total_wan"], report["execution_rate_pct"]) == (
        "36218.5", "35902.3", "97.13")


@pytest.mark.parametrize("signed", [
    ("填报时间：2024年3月28日",), ("填报日期：2024.3.28",), ("填报日期：2024-03-28",),
    # the label in one cell and the date in the next (an Excel date cell reads 2024-03-28), or the
    # date alone beside the filing unit in the form's signature row (probe mof_date3, mof_date6)
    ("填报日期：", "2024-03-28"), ("2024年3月28日",),
])
def test_a_forms_date_under_more_labels(tmp_path: Path, signed: tuple[str, ...]) -> None:
    text = REPORT.replace("某县民政局\n2024年3月20日\n", "") + txt_table(("填报单位：某县民政局", *signed))
    report, _ = run(tmp_path, text)
    assert report["report_date"] == "2024-03-28"


def test_a_date_alone_in_a_table_row_without_a_signature_label_is_not_the_reports(tmp_path: Path) -> None:
    """A 完成时间 cell is no signature: the report keeps the date it is signed with."""
    text = REPORT + txt_table(("项目完工", "2024年3月28日"))
    report, _ = run(tmp_path, text)
    assert report["report_date"] == "2024-03-20"


@pytest.mark.parametrize(("sentence", "spent"), [
    ("2023年全年支出35902.3万元。", "35902.3"),
    ("全年累计支出842.18万元。", "842.18"),
    ("全年支出用于人员工资的部分较多。", ""),
])
def test_a_units_spending_said_with_支出_alone(tmp_path: Path, sentence: str, spent: str) -> None:
    report, _ = run(tmp_path, "某县民政局2023年度部门整体支出绩效自评报告\n一、部门基本情况\n" + sentence + "\n")
    assert report["spent_total_wan"] == spent


@pytest.mark.parametrize(("rate", "flagged"), [("99.08", []), ("97.08", ["JX201"])])
def test_完成预算的_a_percent_is_the_execution_rate(tmp_path: Path, rate: str, flagged: list[str]) -> None:
    """842.18 ÷ 850 = 99.08 %."""
    text = ("某县文化馆2023年度部门整体支出绩效自评报告\n二、预算执行情况\n"
            f"全年预算850万元，实际支出842.18万元，完成预算的{rate}％。\n")
    report, flags = run(tmp_path, text)
    assert report["execution_rate_pct"] == rate
    assert [f["rule_id"] for f in flags] == flagged


@pytest.mark.parametrize(("weight", "score", "flagged"), [
    ("90", "97.86", []),  # the indicators' 88 of 90, plus the 执行率's 9.86 of 10: 97.86
    ("100", "88", ["JX450"]),  # out of 100, 88 is the self-score: 良, not 优
])
def test_an_indicator_subtotal_out_of_90_is_not_the_self_score(
        tmp_path: Path, weight: str, score: str, flagged: list[str]) -> None:
    table = txt_table(("一级指标", "二级指标", "三级指标", "年度指标值", "实际完成值", "分值", "得分"),
                      ("产出指标", "数量指标", "养护里程（公里）", "≥320", "326", weight, "88"),
                      ("总分", "", "", "", "", weight, "88"))
    text = ("某县交通运输局2023年度农村公路养护项目支出绩效自评报告\n" + table
            + "综上，本项目自评得分97.86分，自评等次为“优”。\n")
    report, flags = run(tmp_path, text)
    assert report["self_score"] == score
    assert [f["rule_id"] for f in flags if f["rule_id"] != "JX601"] == flagged


# A 项目支出 report that gives the year's spending at the year's end, then the project's spending
# since, measured two months later (3575.2 > 3530.4 because payments went on into 2024).
LATER_CUMULATIVE_REPORT = """安化县交通运输局2023年度农村公路提质改造项目支出绩效自评报告
一、项目基本情况
2023年项目年初预算3200万元，调整后全年预算3580万元。截至2023年12月31日，实际支出3530.4万元，预算执行率98.61%。截至2024年2月底，项目累计支出3575.2万元，资金支付率99.87%。
二、自评结论
自评得分95分，自评等次为“优”。
安化县交通运输局
2024年3月15日
"""


def test_a_later_cumulative_amount_is_no_part_of_the_years_total(tmp_path: Path) -> None:
    """JX102 compares a total with parts measured at the same time: the project's spending up to
    February 2024 is not a part of the spending up to 31 December 2023."""
    report, flags = run(tmp_path, LATER_CUMULATIVE_REPORT)
    assert report["spent_total_wan"] == "3530.4"
    assert report["execution_rate_pct"] == "98.61"
    assert [f["rule_id"] for f in flags if f["rule_id"].startswith("JX1")] == []


def test_the_same_spending_measured_together_twice_is_still_checked(tmp_path: Path) -> None:
    """Both amounts measured at the year's end: in a 项目支出 report the 项目支出 is the project's
    whole spending (not a part of it), so the two are one quantity with two values (JX601)."""
    text = LATER_CUMULATIVE_REPORT.replace("截至2024年2月底，项目累计支出", "截至2023年12月31日，项目累计支出")
    _, flags = run(tmp_path, text)
    # and the 资金支付率 beside the second amount is the same 执行率 given a second value
    assert [f["message"] for f in flags if f["rule_id"] in ("JX102", "JX601")] == [
        "全年执行数在报告中有两个不同数值：3530.4万元（第3行 字符51-58）与3575.2万元（第3行 字符92-99）",
        "预算执行率在报告中有两个不同数值：98.61%（第3行 字符65-70）与99.87%（第3行 字符106-111）"]


def test_an_initial_budget_written_without_shu_is_read_and_compared(tmp_path: Path) -> None:
    """“年初预算3200万元” (no 数) and “调整后预算3580万元” are budgets; the 年初 one disagrees with
    the form's 年初预算数 3580, which an auditor must see (JX601)."""
    text = ("某县交通运输局2023年度农村公路项目支出绩效自评报告\n一、项目基本情况\n"
            "2023年项目年初预算3200万元，年中追加380万元，调整后预算3580万元，实际支出3530.4万元。\n"
            "二、资金执行情况（万元）\n"
            + txt_table(("项目", "年初预算数", "全年预算数", "全年执行数"),
                        ("年度资金总额", "3580", "3580", "3530.4"))
            + "三、自评结论\n自评得分95分。\n")
    report, flags = run(tmp_path, text)
    assert report["budget_total_wan"] == "3580"
    conflicts = [f["message"] for f in flags if f["rule_id"] == "JX601"]
    assert len(conflicts) == 1 and "年初预算数" in conflicts[0] and "3200万元" in conflicts[0]


@pytest.mark.parametrize(("sentence", "expected"), [
    ("2023年年初预算3200万元，调整后预算3580万元，实际支出3530.4万元。", ("3200", "3580", "3530.4")),
    ("2023年项目年初预算3200万元，调整后全年预算3580万元，实际支出3530.4万元。", ("3200", "3580", "3530.4")),
    # named after its amount: a training fund's money, not the project's
    ("年初预算12万元的培训经费未使用。", ("", "", "")),
], ids=["side_alone", "project_side", "named_after_the_amount"])
def test_a_project_reports_budget_stated_by_its_side(tmp_path: Path, sentence: str, expected: tuple) -> None:
    """In a report on one project, a sentence that begins with a budget side alone states the
    project's money, as it states the unit's in a 部门整体 report."""
    report, _ = run(tmp_path, f"某县交通运输局2023年度农村公路项目支出绩效自评报告\n一、项目基本情况\n{sentence}\n")
    assert (report["budget_initial_wan"], report["budget_total_wan"], report["spent_total_wan"]) == expected


def test_money_written_with_wan_and_without_yuan(tmp_path: Path) -> None:
    """“支出合计2410.29万”: an amount of money with its 万 but no 元 is 2410.29万元, to 0.01万元; a
    count with 万 (受益群众2.5万) is no money. 1986.43 + 423.86 = 2410.29; with 433.86 the parts
    exceed the total by 10万元 (JX102)."""
    text = ("某县民政局2023年度部门整体支出绩效自评报告\n二、预算执行情况\n"
            "2023年度支出合计2410.29万，其中基本支出1986.43万，项目支出423.86万。全年受益群众2.5万。\n")
    report, flags = run(tmp_path, text)
    assert (report["spent_total_wan"], report["basic_spent_wan"], report["project_spent_wan"]) == (
        "2410.29", "1986.43", "423.86")
    assert flags == []
    _, flags = run(tmp_path, text.replace("项目支出423.86万", "项目支出433.86万"))
    assert [f["rule_id"] for f in flags] == ["JX102"]


def test_an_amount_with_its_wan_written_takes_no_declared_wan_yuan(tmp_path: Path) -> None:
    """“支出合计2410.29万” beside parts in 万元: the sentence's 万元 would count the 万 twice
    (24102900万元); the amount is 2410.29万元 (1986.43 + 423.86)."""
    text = ("某县民政局2023年度部门整体支出绩效自评报告\n二、预算执行情况\n"
            "2023年度支出合计2410.29万，其中基本支出1986.43万元，项目支出423.86万元。\n")
    report, flags = run(tmp_path, text)
    assert report["spent_total_wan"] == "2410.29"
    assert flags == []


# A unit's report that also evaluates one of its projects states two scores of two subjects (probe
# F08): the unit's is the report's self-score, and the project's is no second value of it. A
# project's score alone, in wording copied from a project report, is still the report's score.
UNIT_AND_PROJECT_SCORES = """某区住房和城乡建设局2023年度部门整体支出绩效自评报告
一、基本情况
2023年全年预算数4500万元，全年执行数4380万元，预算执行率97.33%。
二、自评结论
经自评，老旧小区改造项目2023年度绩效自评得分100分。
部门整体支出自评得分95分。
"""


def test_a_projects_score_beside_the_units_is_no_second_self_score(tmp_path: Path) -> None:
    report, flags = run(tmp_path, UNIT_AND_PROJECT_SCORES)
    assert report["report_kind"] == "dept_overall"
    assert report["self_score"] == "95"
    assert not [f for f in flags if f["rule_id"] == "JX601"]


def test_a_projects_score_alone_in_a_units_report_is_its_score(tmp_path: Path) -> None:
    report, _ = run(tmp_path, UNIT_AND_PROJECT_SCORES.replace("部门整体支出自评得分95分。\n", ""))
    assert report["self_score"] == "100"


# 三公 spending of one kind, said in words after the whole: the part is the whole's amount.
ALL_ONE_PART = """某县档案馆2023年度部门整体支出绩效自评报告
一、预算执行情况
2023年全年预算数320万元，实际支出310万元，预算执行率96.88%。
“三公”经费支出1.8万元，{words}。
"""


@pytest.mark.parametrize(("words", "expected"), [
    ("均为公务接待费，无因公出国（境）费和公务用车购置及运行维护费", {"reception_spent_wan": "1.8"}),
    # the 运行维护费 stands for the whole 公务用车费 too, as when a report lists 三公 by parts
    ("全部为公务用车运行维护费", {"vehicle_operation_spent_wan": "1.8", "vehicle_spent_wan": "1.8"}),
    ("均为公务接待费和公务用车运行维护费", {}),  # two parts: neither's amount is said
    ("主要为公务接待费", {}),  # most of it, not all
])
def test_a_whole_said_to_be_all_one_part_gives_the_part(tmp_path: Path, words: str, expected: dict) -> None:
    report, flags = run(tmp_path, ALL_ONE_PART.format(words=words))
    assert report["sangong_spent_wan"] == "1.8"
    parts = ("reception_spent_wan", "vehicle_operation_spent_wan", "vehicle_spent_wan", "overseas_spent_wan")
    assert {key: report[key] for key in parts if report[key]} == expected
    assert not [f for f in flags if f["rule_id"] in ("JX101", "JX601")]


# A table of the evaluation's points (一级指标 | 二级指标 | 分值 | 得分, probe G r33): its rows are
# points, never figures, though a row's name holds a word of one (预算编制: 编制); its 合计 row's
# 得分 is the self-score. By hand: 9 + 19 + 9.5 + 27 + 17 + 8 = 89.5.
SCORE_TABLE_REPORT = ("某市业余体育学校2023年度部门整体支出绩效自评报告\n"
                      "一、基本情况\n学校核定事业编制24人，实有教职工23人。\n"
                      "二、预算执行\n2023年调整后预算数为612.30万元，决算数为598.42万元，预算执行率97.73%。\n"
                      "三、自评得分\n"
                      + txt_table(("一级指标", "二级指标", "分值", "得分"), ("投入", "预算编制", "10", "9"),
                                  ("过程", "预算执行", "20", "19"), ("过程", "财务管理", "10", "9.5"),
                                  ("产出", "训练竞赛任务完成", "30", "27"), ("效益", "社会效益", "20", "17"),
                                  ("满意度", "运动员及家长满意度", "10", "8"), ("合计", "", "100", "89.5")))


def test_a_table_of_points_gives_no_figure_but_its_total_score(tmp_path: Path) -> None:
    report, flags = run(tmp_path, SCORE_TABLE_REPORT)
    assert (report["staff_quota"], report["staff_actual"]) == ("24", "23")
    assert (report["budget_total_wan"], report["spent_total_wan"]) == ("612.30", "598.42")
    assert report["self_score"] == "89.5"
    assert not [f for f in flags if f["rule_id"] in ("JX402", "JX601")]


@pytest.mark.parametrize("spent", ["全年支出", "支出", "全年共支出"])
def test_a_list_after_spending_said_with_a_weak_word_is_spent(tmp_path: Path, spent: str) -> None:
    """The parts after 其中 take the side of the total right before it (probe G r28), not the
    年初预算 of the amount before that: 支出 alone is a weak word, 年初预算 a strong one."""
    sentence = (f"“三公”经费年初预算4.50万元，{spent}3.96万元，其中公务接待费0.96万元，"
                "公务用车运行维护费3.00万元，因公出国（境）费0万元。")
    text = REPORT.replace("“三公”经费支出3.5万元，其中公务接待费1.2万元，公务用车运行维护费2.3万元，因公出国（境）费0万元。",
                          sentence)
    report, flags = run(tmp_path, text)
    assert (report["sangong_budget_wan"], report["sangong_spent_wan"]) == ("4.50", "3.96")
    assert (report["reception_spent_wan"], report["vehicle_operation_spent_wan"]) == ("0.96", "3.00")
    assert report["reception_budget_wan"] == report["vehicle_operation_budget_wan"] == ""
    assert not [f for f in flags if f["rule_id"] in ("JX101", "JX102", "JX601")]


# Names first, amounts after 分别为, in the same order (probe G r35, r38).
RESPECTIVELY_REPORT = """某县城管局2023年度部门整体支出绩效自评报告
一、预算执行情况
2023年全年预算数320万元，实际支出310万元，预算执行率96.88%。其中基本支出和项目支出分别为200万元和110万元。
“三公”经费预算6.5万元，其中公务接待费、公务用车运行维护费、因公出国（境）费预算分别为1.5万元、5.0万元、0万元。
“三公”经费支出1.86万元，其中公务接待费、公务用车运行维护费分别为0.46万元、1.40万元。
"""


def test_amounts_after_fenbiewei_pair_with_the_names_in_order(tmp_path: Path) -> None:
    report, flags = run(tmp_path, RESPECTIVELY_REPORT)
    expected = {
        "basic_spent_wan": "200", "project_spent_wan": "110",
        "reception_budget_wan": "1.5", "vehicle_operation_budget_wan": "5.0", "overseas_budget_wan": "0",
        "reception_spent_wan": "0.46", "vehicle_operation_spent_wan": "1.40", "overseas_spent_wan": "",
    }
    assert {key: report[key] for key in expected} == expected
    assert not [f for f in flags if f["rule_id"] in ("JX101", "JX102", "JX601")]


def test_a_fenbiewei_list_that_does_not_pair_up_gives_no_amount(tmp_path: Path) -> None:
    text = RESPECTIVELY_REPORT.replace("分别为0.46万元、1.40万元", "分别为0.46万元、1.40万元、0.20万元")
    report, _ = run(tmp_path, text)
    assert report["sangong_spent_wan"] == "1.86"
    assert report["reception_spent_wan"] == report["vehicle_operation_spent_wan"] == ""


# A unit's rate beside the rate of a narrower scope (probe H): a part of the unit, part of the
# year, or the year-start budget as basis. Each narrower rate is true of its scope; none is the
# unit's 预算执行率 (REPORT's is 1790.11 ÷ 1856.32 = 96.43 %).
@pytest.mark.parametrize("sentence", [
    "其中校舍维修改造项目追加了上年结转资金，项目支出执行率103.2%。",
    "截至2023年6月底，上半年支出进度为46.8%，序时进度正常。",
    "截至2023年9月30日，预算执行率为71.5%。",
    "按照年初预算1,500万元计算，执行率为119.34%；按照调整后预算计算，执行率为96.43%。",
])
def test_a_rate_of_a_narrower_scope_is_not_the_units(tmp_path: Path, sentence: str) -> None:
    text = REPORT.replace("政府采购预算80万元", sentence + "政府采购预算80万元")
    report, flags = run(tmp_path, text)
    assert report["execution_rate_pct"] == "96.43"
    assert not [f for f in flags if f["rule_id"] in ("JX201", "JX401", "JX601")]


def test_a_rate_measured_after_the_year_is_still_the_years(tmp_path: Path) -> None:
    """截至 the next year's spring is not part of the year: the JX201 on a wrong rate stays."""
    text = REPORT.replace("预算执行率为96.43%", "截至2024年1月10日，预算执行率为97.43%")
    report, flags = run(tmp_path, text)
    assert report["execution_rate_pct"] == "97.43"
    assert [f["rule_id"] for f in flags if f["rule_id"] == "JX201"] == ["JX201"]


# A report that enumerates its projects, each with its own budget, spending and rate (probe H
# T07, T31): those are the items', and the unit's whole is stated apart. By hand: 1200 + 860 +
# 150 = 2210 budgeted, 1150 + 860 + 120.6 = 2130.6 spent, 2130.6 ÷ 2210 = 96.41 %.
ITEMS_REPORT = """某县农业农村局2023年度农业专项资金绩效自评报告
一、资金使用情况
（一）高标准农田建设项目。全年预算1,200.00万元，实际支出1,150.00万元，执行率95.83%。
（二）耕地地力保护补贴。全年预算860.00万元，实际发放860.00万元，执行率100%。
（三）动物防疫补助
全年预算150.00万元，实际支出120.60万元，执行率80.40%。
专项资金合计预算2,210.00万元，实际支出2,130.60万元，总体执行率96.41%。
"""


def test_the_figures_of_enumerated_items_are_not_the_whole(tmp_path: Path) -> None:
    report, flags = run(tmp_path, ITEMS_REPORT)
    assert (report["budget_total_wan"], report["spent_total_wan"], report["execution_rate_pct"]) == (
        "2210.00", "2130.60", "96.41")
    assert not [f for f in flags if f["rule_id"] in ("JX201", "JX601")]


def test_a_generic_part_of_the_report_is_no_item(tmp_path: Path) -> None:
    """（一）预算安排 is a part of the report, not an item: its budget is the unit's."""
    text = ITEMS_REPORT.split("（一）")[0] + "（一）预算安排。全年预算2,210.00万元，实际支出2,130.60万元，执行率96.41%。\n"
    report, _ = run(tmp_path, text)
    assert (report["budget_total_wan"], report["execution_rate_pct"]) == ("2210.00", "96.41")


@pytest.mark.parametrize("carried", ["上年结转30万元", "年末结余30万元"])
def test_a_budget_after_money_carried_over_is_the_years_budget(tmp_path: Path, carried: str) -> None:
    """“上年结转30万元，全年预算380万元” (probe H T18, T22): the 全年预算 was read as the
    carry-over's, a false JX601, and the rate after it went unchecked."""
    text = REPORT.replace("2023年年初预算数为1500万元，调整后预算数为1856.32万元",
                          f"2023年{carried}，全年预算1856.32万元")
    report, flags = run(tmp_path, text)
    assert report["budget_total_wan"] == "1856.32"
    assert report["carryover_wan"] in ("30", "")
    assert not [f for f in flags if f["rule_id"] == "JX601"]


@pytest.mark.parametrize("sentence", [
    "2023年按每人每年600元标准发放直补资金741.36万元，惠及移民12356人。",
    "2023年直补资金按每人每年600元标准发放到人，共发放741.36万元，惠及移民12356人。",
])
def test_an_amount_per_head_is_the_standard_not_the_total(tmp_path: Path, sentence: str) -> None:
    """“按每人每年600元标准发放直补资金741.36万元” (probe G r10, r40): the 600元 was the 直补资金
    (0.06万元), with a false JX250 and JX601."""
    text = f"某县水利局2023年度水库移民后期扶持资金绩效自评报告\n一、资金使用情况\n{sentence}\n"
    report, flags = run(tmp_path, text)
    assert report["direct_subsidy_standard_yuan"] == "600"
    assert report["direct_subsidy_wan"] in ("741.36", "")
    assert report["direct_subsidy_wan"] != "0.0600"
    assert not [f for f in flags if f["rule_id"] in ("JX250", "JX601")]


def test_spending_measured_after_the_year_is_no_second_value_of_the_years(tmp_path: Path) -> None:
    """“截至2024年3月底，项目资金已累计支付2450万元” beside the year's 2375万元 (probe H G, T09,
    T28): spending has grown since the year's end. The year's own figure is the value, and the
    later one is no second value of it, wherever it stands in the report."""
    text = ("某县农业农村局2023年度高标准农田建设项目支出绩效自评报告\n"
            "一、资金使用情况\n截至2024年3月底，项目资金已累计支付2450万元，支付进度98%。\n"
            "截至2023年12月31日，全年预算数2500万元，项目实际支出2375万元，预算执行率95%。\n")
    report, flags = run(tmp_path, text)
    assert (report["budget_total_wan"], report["spent_total_wan"], report["execution_rate_pct"]) == ("2500", "2375", "95")
    assert not [f for f in flags if f["rule_id"] in ("JX201", "JX601")]


def test_a_project_reports_own_spending_and_rate_are_its_whole(tmp_path: Path) -> None:
    """“2023年项目支出1,036.80万元，预算执行率97%” in a 项目支出 report (probe H F): its 项目支出 is
    the project's whole spending, and the rate after it the report's, which 1036.80 ÷ 1080 =
    96.00 % contradicts. The rate was dropped (项目支出 has no rate), so JX201 never ran."""
    text = ("某县农业农村局2023年度粮食生产扶持项目支出绩效自评报告\n"
            "一、项目概况\n2023年县财政安排粮食生产扶持项目资金1,080.00万元。\n"
            "二、资金使用情况\n2023年项目支出1,036.80万元，预算执行率97%。\n")
    report, flags = run(tmp_path, text)
    assert (report["budget_total_wan"], report["spent_total_wan"], report["execution_rate_pct"]) == (
        "1080.00", "1036.80", "97")
    assert [f["rule_id"] for f in flags if f["rule_id"] == "JX201"] == ["JX201"]


def test_a_headcount_broken_down_into_staff_within_and_outside_the_quota(tmp_path: Path) -> None:
    """“现有在职人员126人，其中在编民警95人、辅警31人” (probe H T34): the 126 counts 辅警, who are
    not in the 编制: as the 实有人数 it gave a false “over quota” (126 of 100) and a false JX601
    beside the 95 within it."""
    text = REPORT.replace("本单位核定编制人数45人，年末实有在职人数42人，在职人员控制率93.33%。",
                          "核定政法专项编制100名。全局现有在职人员126人，其中在编民警95人、辅警31人。")
    report, flags = run(tmp_path, text)
    assert (report["staff_quota"], report["staff_actual"]) == ("100", "95")
    assert not [f for f in flags if f["rule_id"] in ("JX402", "JX601")]


@pytest.mark.parametrize(("staff", "quota", "actual", "flagged"), [
    # Blind probe AL: two groups side by side and their 合计, which counts the 临聘人员 outside the
    # quota. The 合计 was the 实有人数 (a false JX402, 20 of 18), or with 在职 alone a second 编制数.
    ("本局编制18人，在职人员17人，临聘人员3人，合计20人。", "18", "17", []),
    ("本局编制18人，在职17人，临聘人员3人，合计20人。", "18", "17", []),
    # 在职 alone after the quota is the staff: the stated rate is checked against it (20 ÷ 22 = 90.91%)
    ("本局核定编制22名，在职20人，在职人员控制率95.00%。", "22", "20", ["JX202"]),
    ("本局核定编制22名，在职20人，在职人员控制率90.91%。", "22", "20", []),
    # a breakdown without 其中 is told by its sum: 95 + 31 = 126
    ("核定政法专项编制100名。全局现有在职人员126人，在编民警95人、辅警31人。", "100", "95", []),
])
def test_staff_outside_the_quota_listed_beside_the_staff(
        tmp_path: Path, staff: str, quota: str, actual: str, flagged: list[str]) -> None:
    text = REPORT.replace("本单位核定编制人数45人，年末实有在职人数42人，在职人员控制率93.33%。", staff)
    report, flags = run(tmp_path, text)
    assert (report["staff_quota"], report["staff_actual"]) == (quota, actual)
    assert [f["rule_id"] for f in flags] == flagged


def test_a_planned_count_in_a_table_is_not_the_count(tmp_path: Path) -> None:
    """“直补人数（人） | 计划数 8,426 | 完成数 8,412” (probe G r40): the planned 8,426 was taken as
    the number of people paid, with a false JX250 (8426 × 600元 ≠ 504.72万元) and a JX601."""
    table = txt_table(("项目", "计划数", "完成数"), ("直补人数（人）", "8,426", "8,412"),
                      ("直补资金（万元）", "505.56", "504.72"))
    text = ("某县库区移民事务中心2023年度中央水库移民扶持基金绩效自评报告\n二、直补资金发放情况\n" + table
            + "直补资金按每人每年600元标准通过“一卡通”发放到人。\n")
    report, flags = run(tmp_path, text)
    assert (report["direct_subsidy_people"], report["direct_subsidy_wan"]) == ("8412", "504.72")
    assert not [f for f in flags if f["rule_id"] in ("JX250", "JX601")]


@pytest.mark.parametrize(("budget", "expected"), [
    ("年中追加调整后全年预算数1,350.80万元", "1350.80"),  # the level after the addition (probe H C)
    ("年中追加预算100.80万元", ""),  # the addition itself: no level
])
def test_a_budget_named_after_a_change_word(tmp_path: Path, budget: str, expected: str) -> None:
    text = ("某县卫健局2023年度部门整体支出绩效自评报告\n一、预算执行\n"
            f"2023年年初预算1,250.00万元，{budget}，全年支出1,320.45万元。\n")
    report, _ = run(tmp_path, text)
    assert report["budget_total_wan"] == expected


@pytest.mark.parametrize(("sentence", "quota"), [
    ("我局核定编制数为46个，实有在编在岗人员44人。", "46"),  # posts of the quota counted in 个 (probe G r35)
    ("我局内设股室7个，实有在编在岗人员44人。", ""),  # 个 of something else is no quota
])
def test_a_staff_quota_counted_in_ge(tmp_path: Path, sentence: str, quota: str) -> None:
    report, _ = run(tmp_path, f"某县城管局2023年度部门整体支出绩效自评报告\n一、基本情况\n{sentence}\n")
    assert (report["staff_quota"], report["staff_actual"]) == (quota, "44")


# “预算30.00万元，“三公”经费合计26.80万元，其中…”: the 合计 names no side, and the only side word
# of the sentence is the 30.00's 预算. Taken as a second 三公 budget it was kept over the stated one
# (the 26.80 came last but was matched exactly) and flagged as a conflict, its parts as budgets too.
# The writer most likely meant spending, but the text does not say it: no value, no false flag.
RESTATED_SANGONG = ("2023年“三公”经费预算30.00万元，“三公”经费合计26.80万元，其中：因公出国（境）费0万元，"
                    "公务接待费6.30万元，公务用车购置及运行维护费20.50万元。")


def test_a_second_amount_whose_side_only_the_sentence_gives(tmp_path: Path) -> None:
    text = REPORT.replace(REPORT.splitlines()[5], RESTATED_SANGONG)
    report, flags = run(tmp_path, text)
    assert report["sangong_budget_wan"] == "30.00"
    assert [report[key] for key in ("sangong_spent_wan", "reception_budget_wan", "reception_spent_wan",
                                    "vehicle_budget_wan", "overseas_budget_wan")] == ["", "", "", "", ""]
    assert "JX601" not in {flag["rule_id"] for flag in flags}
    assert report["budget_total_wan"] == "1856.32"  # the other sentences as before


@pytest.mark.parametrize("restated", ["“三公”经费合计30.00万元", "“三公”经费合计支出26.80万元"])
def test_a_restatement_that_agrees_or_names_its_side_is_kept(tmp_path: Path, restated: str) -> None:
    text = REPORT.replace(REPORT.splitlines()[5], RESTATED_SANGONG.replace("“三公”经费合计26.80万元", restated))
    report, flags = run(tmp_path, text)
    assert report["sangong_budget_wan"] == "30.00"
    assert report["reception_spent_wan" if "支出" in restated else "reception_budget_wan"] == "6.30"
    assert "JX601" not in {flag["rule_id"] for flag in flags}


# A table with a row per year (2022年 | 2023年) under the columns 预算数 | 实际支出 | 执行率: each row
# is that year's whole, and the fiscal year's row is the report's figure; the other year's row is
# another year's and never conflicts with it. 1980 ÷ 2100 = 94.29 %, 2210 ÷ 2300 = 96.09 %.
YEAR_ROWS = txt_table(("年度", "预算数", "实际支出", "执行率"), ("2022年", "2100", "1980", "94.29%"),
                      ("2023年", "2300", "2210", "96.09%"))


def test_a_table_with_a_row_per_year(tmp_path: Path) -> None:
    text = ("某县卫健局2023年度部门整体支出绩效自评报告\n表1 近两年收支情况（单位：万元）\n" + YEAR_ROWS
            + "经自评，本单位自评得分93分。\n")
    report, flags = run(tmp_path, text)
    assert (report["budget_total_wan"], report["spent_total_wan"], report["execution_rate_pct"]) == (
        "2300", "2210", "96.09")
    assert not flags


@pytest.mark.parametrize(
    ("old", "new", "key", "value"),
    [
        # the people after the quota, without a noun (probe I: 9 of 40 reports)
        ("本单位核定编制人数45人，年末实有在职人数42人", "本单位核定编制45名，实有42名", "staff_actual", "42"),
        # 部门 without a pronoun names the unit, as 本部门 does
        ("2023年年初预算数为1500万元", "2023年部门年初预算1500万元", "budget_initial_wan", "1500"),
        ("经综合评价，本单位2023年度整体支出绩效自评得分为92分", "部门整体支出绩效得分92分", "self_score", "92"),
        ("预算执行率为96.43%", "资金支付率为96.43%", "execution_rate_pct", "96.43"),
    ],
)
def test_other_words_for_the_staff_the_budget_the_score_and_the_rate(
        tmp_path: Path, old: str, new: str, key: str, value: str) -> None:
    assert old in REPORT
    report, flags = run(tmp_path, REPORT.replace(old, new))
    assert report[key] == value
    assert {k: report[k] for k in EXPECTED if k != key} == {k: v for k, v in EXPECTED.items() if k != key}
    assert not flags


@pytest.mark.parametrize("other", ["公务用车编制2辆，实有2辆。", "全镇实有人口3.2万人，实有户数9,800户。"])
def test_vehicles_counted_beside_the_staff_are_not_staff(tmp_path: Path, other: str) -> None:
    """实有 alone after the quota is the staff (实有68名); 实有人口, 实有户数, 实有车辆 are not."""
    text = REPORT.replace("在职人员控制率93.33%。", "在职人员控制率93.33%。" + other)
    text += "表2 公务用车情况\n" + txt_table(("项目", "编制", "实有"), ("公务用车", "2", "2"))
    report, flags = run(tmp_path, text)
    assert (report["staff_quota"], report["staff_actual"]) == ("45", "42")
    assert not flags


def test_what_follows_a_bracket_goes_on_about_the_thing_before_it(tmp_path: Path) -> None:
    """“调整后预算数为1856.32万元（含上年结转56.32万元），全年执行1790.11万元”: the 全年执行 is the
    unit's, not the 上年结转's (which gave a second 上年结转 value and a false JX601)."""
    old = "调整后预算数为1856.32万元，实际支出1790.11万元"
    assert old in REPORT
    report, flags = run(tmp_path, REPORT.replace(old, "调整后预算数为1856.32万元（含上年结转56.32万元），全年执行1790.11万元"))
    assert (report["carryover_wan"], report["spent_total_wan"]) == ("56.32", "1790.11")
    assert not flags


@pytest.mark.parametrize(("paid", "flagged"), [("1620.3", False), ("1600.3", True)])
def test_a_standard_per_head_after_the_people_paid(tmp_path: Path, paid: str, flagged: bool) -> None:
    """“核定直补人数27005人，按每人每年600元标准，全年发放直补资金…”: the 600元 follows the people, not
    the money, and is still their 直补标准; 27005 × 600 元 = 1620.3 万元 is checked (JX250)."""
    old = "全年共发放移民直补资金1620.3万元，涉及直补移民27005人，补助标准每人每年600元。"
    assert old in REPORT_2
    text = REPORT_2.replace(old, f"核定直补人数27005人，按每人每年600元标准，全年发放直补资金{paid}万元。")
    report, flags = run(tmp_path, text)
    assert (report["direct_subsidy_people"], report["direct_subsidy_standard_yuan"]) == ("27005", "600")
    assert report["direct_subsidy_wan"] == paid
    assert ("JX250" in {flag["rule_id"] for flag in flags}) is flagged


# The fund's own money named by a short form of the title's fund, with a 截至 date before the
# spending (blind probe r20, r25, r30). By hand: 4706.95 ÷ 4862.30 = 96.81 %; 4862.30 − 4706.95 = 155.35.
SHORT_FUND_REPORT = """慈利县2023年度大中型水库移民后期扶持资金绩效自评报告
一、资金安排情况
2023年上级下达后期扶持资金4,862.30万元，截至2023年12月31日支出4,706.95万元，资金执行率96.81%，结余155.35万元。
其中项目资金3,517.22万元用于库区基础设施建设。
二、自评结论
自评得分95.6分，等级为优。
"""


def test_a_fund_named_in_short(tmp_path: Path) -> None:
    report, flags = run(tmp_path, SHORT_FUND_REPORT)
    assert (report["report_kind"], report["budget_total_wan"], report["spent_total_wan"],
            report["execution_rate_pct"]) == ("special_fund", "4862.30", "4706.95", "96.81")
    assert flags == []


@pytest.mark.parametrize(("sentence", "budget", "spent"), [
    # 救助 is the end of 城乡医疗救助; the 截至 date and 已 name nothing of their own
    ("全年到位救助资金1,286.40万元，截至2022年12月31日已支付救助资金1,238.76万元。", "1286.40", "1238.76"),
    # a part of the fund named by other words is not the fund (产业扶持 is no part of the title's name)
    ("全年到位产业扶持资金1,286.40万元，已支付1,238.76万元。", "", ""),
])
def test_a_fund_named_in_short_or_a_part_of_it(tmp_path: Path, sentence: str, budget: str, spent: str) -> None:
    text = f"芷江县2022年度城乡医疗救助补助资金绩效自评报告\n一、资金情况\n{sentence}\n自评得分94分。\n"
    report, _ = run(tmp_path, text)
    assert (report["budget_total_wan"], report["spent_total_wan"]) == (budget, spent)


def test_a_date_in_full_width_digits(tmp_path: Path) -> None:
    report, _ = run(tmp_path, REPORT.replace("2024年3月20日", "２０２４年３月２０日"))
    assert report["report_date"] == "2024-03-20"


def test_a_unit_that_calls_itself_wo_hui(tmp_path: Path) -> None:
    report, _ = run(tmp_path, REPORT.replace("2023年年初预算数为1500万元", "2023年度我会年初预算1500万元"))
    assert report["budget_initial_wan"] == "1500"


@pytest.mark.parametrize("rate", ["预算执行率99.25%", "资金执行率99.25%", "支出进度99.25%"])
def test_a_whole_rate_after_a_list_of_parts_is_the_wholes(tmp_path: Path, rate: str) -> None:
    """“全年支出3,352.06万元，其中基本支出…，项目支出3,065.72万元，预算执行率99.25%” (blind probe J
    r20): the rate is the unit's (3352.06 ÷ 3377.40 = 99.25 %), not the last part's, which was
    dropped as narrower than the whole."""
    text = ("某县民政局2023年度部门整体支出绩效自评报告\n二、预算执行情况\n全年预算3,377.40万元。"
            f"全年支出3,352.06万元，其中基本支出286.34万元，项目支出3,065.72万元，{rate}。\n")
    report, flags = run(tmp_path, text)
    assert (report["execution_rate_pct"], report["project_spent_wan"]) == ("99.25", "3065.72")
    assert flags == []


def test_a_year_compared_with_is_not_the_year_of_the_parts_after_it(tmp_path: Path) -> None:
    """“实际支出14.26万元，较2019年减少3.12万元，其中：公务用车运行维护费11.80万元…” (blind probe J
    r05): the parts were dated 2019 and left out of a 2020 report."""
    text = ("某县民政局2020年度部门整体支出绩效自评报告\n“三公”经费预算16万元，实际支出14.26万元，"
            "较2019年减少3.12万元，其中：公务用车运行维护费11.80万元，公务接待费2.46万元。\n")
    report, flags = run(tmp_path, text)
    assert (report["vehicle_operation_spent_wan"], report["reception_spent_wan"]) == ("11.80", "2.46")
    assert flags == []


@pytest.mark.parametrize(("paid", "flagged"), [("162.00", False), ("158.60", True)])
def test_the_amount_paid_after_a_standard_and_the_standard_jx250_uses(
        tmp_path: Path, paid: str, flagged: bool) -> None:
    """“直补人数1,350人，补助标准每人每年1,200元，发放资金158.60万元” (blind probe J r06): the 158.60
    was read as a second standard (1,586,000元) and the 直补资金 was blank; and JX250 multiplied by
    600元 whatever the report's own standard (r22: 4,250 × 960元 = 408万元 was flagged). Now the
    money is the 直补资金 and JX250 uses the stated 1,200元: 1,350 × 1,200元 = 162万元."""
    text = ("某县民政局2023年度部门整体支出绩效自评报告\n二、直补情况\n"
            f"直补人数1,350人，补助标准每人每年1,200元，发放资金{paid}万元。\n")
    report, flags = run(tmp_path, text)
    assert (report["direct_subsidy_standard_yuan"], report["direct_subsidy_wan"]) == ("1200", paid)
    assert [f["rule_id"] for f in flags] == (["JX250"] if flagged else [])
    if flagged:
        assert "1350人×1200元=162万元" in flags[0]["message"]


def test_kinds_of_project_spending_are_not_its_whole(tmp_path: Path) -> None:
    """人员类、运转类、特定目标类项目支出 (blind probe J r04, r15): the first was taken for the 项目支出,
    and the others gave two false JX601."""
    text = ("某县气象局2024年度部门整体支出绩效自评报告\n二、预算执行情况\n全年支出3,865.42万元，其中：人员类项目"
            "支出1,652.30万元，运转类项目支出218.76万元，特定目标类项目支出1,994.36万元。\n")
    report, flags = run(tmp_path, text)
    assert (report["spent_total_wan"], report["project_spent_wan"]) == ("3865.42", "")
    assert flags == []


def test_parts_of_a_quota_by_who_funds_the_posts(tmp_path: Path) -> None:
    """“核定编制12人（其中国家气象事业编制10人、地方编制2人）” (blind probe J r03): 地方编制 named no
    type the quota rule knew, so its 2 was a second 编制数 (a false JX601)."""
    text = ("某县气象局2023年度部门整体支出绩效自评报告\n一、基本情况\n"
            "本局核定编制12人（其中国家气象事业编制10人、地方编制2人），实有在编11人。\n")
    report, flags = run(tmp_path, text)
    assert (report["staff_quota"], report["staff_actual"]) == ("12", "11")
    assert flags == []


def test_a_budget_after_a_clause_naming_other_money_is_that_moneys(tmp_path: Path) -> None:
    """“…主要为第五次全国经济普查专项经费，预算310万元，实际支出296.00万元” (blind probe J r15): the
    budget side alone was taken for the unit's under a budget heading, with two false JX601."""
    text = ("某县统计局2024年度部门整体支出绩效自评报告\n二、预算执行情况\n全年预算1,012.46万元，实际支出1,004.81万元。\n"
            "特定目标类项目主要为第五次全国经济普查专项经费，预算310万元，实际支出296.00万元。\n")
    report, flags = run(tmp_path, text)
    assert (report["budget_total_wan"], report["spent_total_wan"]) == ("1012.46", "1004.81")
    assert flags == []


@pytest.mark.parametrize(("closing", "expected"), [
    ("某县民政局2024年3月20日", "2024-03-20"),  # a PDF's text layer runs the two signature lines together
    ("某县民政局（盖章）2024年3月20日", "2024-03-20"),
    ("本年度共完成项目12个2024年3月20日", ""),  # not a name before the date
])
def test_a_signature_name_and_date_on_one_line(tmp_path: Path, closing: str, expected: str) -> None:
    report, _ = run(tmp_path, REPORT.replace("某县民政局\n2024年3月20日\n", closing + "\n"))
    assert report["report_date"] == expected


def test_a_fund_report_in_its_own_words(tmp_path: Path) -> None:
    """Blind probe J r28: a title “中央和省级财政衔接推进乡村振兴补助资金” and the fund named without
    its 中央和省级财政; the spending after a 截至 date alone. 7,935.46 ÷ 8,264.00 = 96.02 %."""
    text = ("湘阴县2022年度中央和省级财政衔接推进乡村振兴补助资金绩效自评报告\n二、资金安排及使用情况\n"
            "2022年共下达衔接推进乡村振兴补助资金8,264.00万元，其中中央资金5,180.00万元，省级资金2,046.00万元，"
            "市级资金318.00万元，县级资金720.00万元。截至2022年12月31日，已支出7,935.46万元，支出进度96.02%。\n")
    report, flags = run(tmp_path, text)
    assert (report["report_kind"], report["budget_total_wan"], report["spent_total_wan"],
            report["execution_rate_pct"]) == ("special_fund", "8264.00", "7935.46", "96.02")
    assert flags == []


@pytest.mark.parametrize(("sources", "budget"), [
    ("上级下达及本级安排资金共计", "420.00"),  # all the sources together: the whole (r22)
    ("中央和省级下达资金", "420.00"),
    ("本级安排资金", ""),  # one source: a share
])
def test_a_fund_named_by_all_its_sources(tmp_path: Path, sources: str, budget: str) -> None:
    text = (f"武冈市2023年度困难残疾人生活补贴专项资金绩效自评报告\n二、资金安排及使用情况\n2023年{sources}420.00万元。\n")
    report, _ = run(tmp_path, text)
    assert report["budget_total_wan"] == budget


def test_a_dash_cell_is_no_label_and_no_header(tmp_path: Path) -> None:
    """Blind probe J r14: the 收入合计 row's “—” under 执行率 became that column's header, and the
    年末结转结余 row's “—” cells its label, so the 执行率 98.57% and the 结余 5.77 were lost."""
    text = ("某县文化馆2021年度部门整体支出绩效自评报告\n2021年度收支预算执行情况（单位：万元）\n"
            + txt_table(("项目", "年初预算数", "调整后预算数", "决算数", "执行率"),
                        ("收入合计", "318.60", "402.35", "402.35", "—"),
                        ("支出合计", "318.60", "402.35", "396.58", "98.57%"),
                        ("年末结转结余", "—", "—", "5.77", "—")))
    report, flags = run(tmp_path, text)
    assert (report["spent_total_wan"], report["execution_rate_pct"], report["balance_wan"]) == (
        "396.58", "98.57", "5.77")
    assert flags == []


# A 收入支出决算总表 (blind probe K k08): 支出总计 is the year's spending plus 年末结转和结余, so it is
# not what was spent; the catalogue's income (收入合计，含上年结转) is the 收入总计. By hand:
# 2,108.35 + 38.50 = 2,146.85 = 2,114.38 + 32.47; 2,114.38 ÷ 2,146.85 = 98.49 %.
INCOME_AND_SPENDING_SUMMARY = (
    "某县医疗保障局2023年度部门整体支出绩效自评报告\n2023年度收入支出决算总表如下，金额单位：万元。\n"
    + txt_table(("收入项目", "金额", "支出项目", "金额"), ("一、财政拨款收入", "2,108.35", "一、基本支出", "986.42"),
                ("二、其他收入", "0.00", "二、项目支出", "1,127.96"),
                ("本年收入合计", "2,108.35", "本年支出合计", "2,114.38"),
                ("年初结转和结余", "38.50", "年末结转和结余", "32.47"),
                ("收入总计", "2,146.85", "支出总计", "2,146.85"))
    + "全年预算数2,146.85万元，全年执行数2,114.38万元，预算执行率98.49%。\n"
)


def test_the_grand_totals_of_an_income_and_spending_summary(tmp_path: Path) -> None:
    report, flags = run(tmp_path, INCOME_AND_SPENDING_SUMMARY)
    assert (report["spent_total_wan"], report["income_total_wan"]) == ("2114.38", "2146.85")
    assert (report["carryover_wan"], report["balance_wan"], report["execution_rate_pct"]) == ("38.50", "32.47", "98.49")
    assert not [flag["message"] for flag in flags if flag["severity"] in ("error", "warning")]


def test_a_grand_total_without_the_years_total_stays(tmp_path: Path) -> None:
    """Without the year's 合计 beside it, the table does not say the 支出总计 is more than the
    spending: it stays a value, in conflict with the narrative's (JX601). The report's own 预算执行率
    (2,114.38 ÷ 2,146.85 = 98.49%) agrees with the narrative's 执行数 only, which is therefore the
    value (without that rate the table's would come first)."""
    text = INCOME_AND_SPENDING_SUMMARY.replace("\t本年支出合计\n\t2,114.38\n", "\t\n\t\n")
    report, flags = run(tmp_path, text)
    assert report["spent_total_wan"] == "2114.38"
    assert "JX601" in {flag["rule_id"] for flag in flags}
    report, flags = run(tmp_path, text.replace("，预算执行率98.49%", ""))
    assert report["spent_total_wan"] == "2146.85"
    assert "JX601" in {flag["rule_id"] for flag in flags}


def test_a_quota_summed_from_its_parts_shows_them(tmp_path: Path) -> None:
    """The sum quotes the span from the first part's type to the last part, and says it is a sum."""
    run(tmp_path, "某县林业局2023年度部门整体支出绩效自评报告\n镇机关核定行政编制38名、事业编制26名，实有在职人员61人。\n")
    with open(tmp_path / "out" / "metrics.csv", encoding="utf-8-sig", newline="") as handle:
        (quota,) = [row for row in csv.DictReader(handle) if row["metric"] == "staff_quota"]
    assert (quota["value"], quota["raw"], quota["match_method"]) == ("64", "行政编制38名、事业编制26名", "sum")
    assert quota["label_raw"] == "镇机关核定行政编制＋事业编制"
    assert "字符6-20" in quota["location"]  # 行 of 行政 is the 6th character of the line


@pytest.mark.parametrize(("sentence", "budget"), [
    ("“三公”经费支出1.92万元，均为公务用车运行维护费，较预算2.40万元节约0.48万元。", "2.40"),  # blind probe K k19
    ("“三公”经费支出1.92万元，相比年初预算2.40万元减少0.48万元。", "2.40"),
    ("“三公”经费支出1.92万元，较预算节约0.48万元。", ""),  # the amount after the change word is the change
    ("“三公”经费支出1.92万元，较上年2.40万元减少0.48万元。", ""),  # last year's amount
])
def test_the_budget_an_amount_is_compared_with(tmp_path: Path, sentence: str, budget: str) -> None:
    report, flags = run(tmp_path, "某县供销社2022年度部门整体支出绩效自评报告\n" + sentence + "\n")
    assert (report["sangong_spent_wan"], report["sangong_budget_wan"]) == ("1.92", budget)
    assert not [flag for flag in flags if flag["severity"] == "error"]


# A programme's 自评表 that states its 直补 figures only as indicators (blind probe K k13, k15):
# 2,148 × 960元 = 206.208万元, not the 210.24万元 written.
SUBSIDY_FORM = (
    "项目支出绩效自评表\n（2024年度）\n项目名称：困难残疾人生活补贴\n"
    + txt_table(("一级指标", "二级指标", "三级指标", "年度指标值", "实际完成值", "分值", "得分"),
                ("产出指标", "数量指标", "补助对象人数", "≥2100人", "2148人", "20", "20"),
                ("产出指标", "成本指标", "补助标准", "960元/人·年", "960元/人·年", "20", "20"),
                ("产出指标", "成本指标", "补贴发放金额", "≤215万元", "210.24万元", "20", "20"),
                ("满意度指标", "服务对象满意度指标", "受助对象满意度", "≥90%", "96%", "10", "10"))
    + "填报单位：宜君县残疾人联合会\n"
)


def test_a_programmes_people_standard_and_money_from_its_indicators(tmp_path: Path) -> None:
    report, flags = run(tmp_path, SUBSIDY_FORM)
    assert report["report_kind"] == "project"
    assert (report["direct_subsidy_people"], report["direct_subsidy_standard_yuan"], report["direct_subsidy_wan"]) == (
        "2148", "960", "210.24")
    assert [flag["rule_id"] for flag in flags if flag["rule_id"].startswith("JX25")] == ["JX250"]


def test_a_units_indicator_rows_are_no_direct_subsidy_of_the_unit(tmp_path: Path) -> None:
    """A unit's report lists many programmes' indicators: none of them is the unit's 直补 figure."""
    text = SUBSIDY_FORM.replace("项目支出绩效自评表\n（2024年度）\n项目名称：困难残疾人生活补贴\n",
                                "宜君县残疾人联合会2024年度部门整体支出绩效自评报告\n")
    report, _ = run(tmp_path, text)
    assert report["report_kind"] == "dept_overall"
    assert (report["direct_subsidy_people"], report["direct_subsidy_standard_yuan"], report["direct_subsidy_wan"]) == (
        "", "", "")


STANDARD_ROW = ("产出指标", "成本指标", "补助标准", "960元/人·年", "960元/人·年", "20", "20")
MONEY_ROW = ("产出指标", "成本指标", "补贴发放金额", "≤215万元", "210.24万元", "20", "20")


@pytest.mark.parametrize(("replaced", "row", "key"), [
    (STANDARD_ROW, ("产出指标", "成本指标", "补贴标准", "80元/人·月", "80元/人·月", "20", "20"),
     "direct_subsidy_standard_yuan"),
    (STANDARD_ROW, ("产出指标", "成本指标", "户均补助标准", "1.2万元", "1.2万元", "20", "20"),
     "direct_subsidy_standard_yuan"),
    (STANDARD_ROW, ("产出指标", "成本指标", "补助标准", "每生每天5元", "每生每天5元", "20", "20"),  # blind probe Q q05
     "direct_subsidy_standard_yuan"),
    (MONEY_ROW, ("效益指标", "经济效益", "亩均补贴到户金额", "104元", "104元", "20", "20"), "direct_subsidy_wan"),
    (STANDARD_ROW, ("产出指标", "成本指标", "单场演出补助标准", "8000元", "8000元", "20", "20"),  # blind probe AC ac05
     "direct_subsidy_standard_yuan"),
])
def test_a_standard_per_month_or_household_and_a_per_unit_amount_are_not_read(
        tmp_path: Path, replaced: tuple[str, ...], row: tuple[str, ...], key: str) -> None:
    """Not the catalogue's 元 per person per year, nor a total paid (blind probe J r18, r22; I r38)."""
    def cells(entries: tuple[str, ...]) -> str:
        return "".join(f"\t{cell}\n" for cell in entries)

    assert cells(replaced) in SUBSIDY_FORM
    report, _ = run(tmp_path, SUBSIDY_FORM.replace(cells(replaced), cells(row)))
    assert report[key] == ""
    assert report["direct_subsidy_people"] == "2148"


# Wordings of blind probe L, each read by hand: the keys given must come out so, the keys listed
# as blank must stay blank.
@pytest.mark.parametrize(("sentence", "expected"), [
    # 完成采购 is the procurement done (9 of probe L's 24 files)
    ("全年政府采购预算512.60万元，实际完成采购498.35万元，采购程序合法合规。",
     {"procurement_budget_wan": "512.60", "procurement_spent_wan": "498.35"}),
    # an amount in brackets is an aside: the amounts after it keep the sentence's side (决算数中)
    ("决算数中，因公出国（境）费0万元；公务接待费0.86万元（预算1.20万元）；公务用车购置及运行维护费4.26万元"
     "（预算5.20万元），其中公务用车购置费0万元，公务用车运行维护费4.26万元。",
     {"reception_spent_wan": "0.86", "reception_budget_wan": "1.20", "vehicle_spent_wan": "4.26",
      "vehicle_budget_wan": "5.20", "vehicle_operation_spent_wan": "4.26", "vehicle_purchase_budget_wan": ""}),
    # the subject named before the colon that opens the sentence
    ("“三公”经费：年初预算14.50万元，全年支出12.06万元，比预算节约2.44万元。",
     {"sangong_budget_wan": "14.50", "sangong_spent_wan": "12.06"}),
    # 年初批复 is the year-start budget, not a second 全年预算数
    ("2023年部门预算年初批复4862.75万元，全年调整预算数5937.16万元。",
     {"budget_initial_wan": "4862.75", "budget_total_wan": "5937.16"}),
    # 资金拨付及时率 is a rate of timeliness, not the 执行率
    ("资金执行率为96.5%，资金拨付及时率100%。", {"execution_rate_pct": "96.5"}),
    # an amount per student is no 公用经费 of the unit; a standard per day is not per year
    ("基本支出4952.36万元，其中人员经费4416.80万元、日常公用经费535.56万元。生均公用经费按1150元标准足额保障。",
     {"public_spent_wan": "535.56"}),
    ("营养改善计划补助标准为每生每天5元。", {"direct_subsidy_standard_yuan": ""}),
])
def test_wordings_of_probe_l(tmp_path: Path, sentence: str, expected: dict[str, str]) -> None:
    report, flags = run(tmp_path, "某县局2023年度部门整体支出绩效自评报告\n" + sentence + "\n")
    assert {key: report[key] for key in expected} == expected
    assert "JX601" not in {flag["rule_id"] for flag in flags}


# Blind probe M: the unit naming itself before its figures, and parts in a bracket after an amount.
@pytest.mark.parametrize(("title", "sentence", "expected"), [
    ("宜宾市第三中学校2024年度部门整体支出绩效自评报告",
     "2024年学校年初预算2680.00万元，全年预算2915.36万元，全年支出2893.41万元，预算执行率99.25%。",
     {"budget_initial_wan": "2680.00", "budget_total_wan": "2915.36", "spent_total_wan": "2893.41"}),
    ("临沂市河东区人民医院2022年度部门整体支出绩效自评报告",
     "2022年医院年初预算18650.00万元，全年预算21386.45万元，全年执行20934.18万元，预算执行率97.89%。",
     {"budget_initial_wan": "18650.00", "budget_total_wan": "21386.45", "spent_total_wan": "20934.18"}),
    ("桂阳县樟市镇人民政府2023年度部门整体支出绩效自评报告",
     "2023年樟市镇年初预算1986.40万元，调整后全年预算2432.18万元，全年支出2365.09万元，预算执行率97.24%。",
     {"budget_initial_wan": "1986.40", "budget_total_wan": "2432.18"}),
    # a college's, and a 中心's (blind probe Y y04)
    ("襄阳职业技术学院2023年度部门整体支出绩效自评报告",
     "2023年度，学院年初预算8,420.00万元，全年预算9,084.30万元，全年实际支出8,432.17万元，预算执行率92.82%。",
     {"budget_initial_wan": "8420.00", "budget_total_wan": "9084.30", "spent_total_wan": "8432.17"}),
    ("某县疾病预防控制中心2023年度部门整体支出绩效自评报告",
     "2023年中心年初预算1,200.00万元，全年预算1,350.00万元，全年支出1,320.00万元。",
     {"budget_initial_wan": "1200.00", "budget_total_wan": "1350.00", "spent_total_wan": "1320.00"}),
    ("桂阳县樟市镇人民政府2023年度部门整体支出绩效自评报告",
     "基本支出全年预算1468.00万元；全年基本支出1458.62万元（人员经费1263.30万元，公用经费195.32万元）。",
     {"personnel_spent_wan": "1263.30", "public_spent_wan": "195.32", "public_budget_wan": ""}),
])
def test_wordings_of_probe_m(tmp_path: Path, title: str, sentence: str, expected: dict[str, str]) -> None:
    report, flags = run(tmp_path, f"{title}\n二、部门整体支出情况\n{sentence}\n")
    assert {key: report[key] for key in expected} == expected
    assert not [flag for flag in flags if flag["severity"] == "error"]


def test_a_school_in_another_units_report_is_not_that_unit() -> None:
    """学校 is the unit's word for itself only in a school's report (a 教育局 speaks of many)."""
    from normalize.self_reference import self_reference_words, without_self_reference
    assert without_self_reference("2024年学校年初预算", self_reference_words("某县教育局")) == "2024年学校年初预算"
    assert without_self_reference("全县学校支出", self_reference_words("某县第一中学")) == "全县学校支出"


def test_a_place_titles_unit_as_it_signs_with_its_city(tmp_path: Path) -> None:
    """The title names only 鹤城区; the text says 由怀化市鹤城区住房和城乡建设局组织实施 and the report
    signs with the city (blind probe M m10): the unit is the name it signs with."""
    report, _ = run(tmp_path, "鹤城区2023年城镇老旧小区改造项目绩效自评报告\n"
                              "2023年城镇老旧小区改造项目由怀化市鹤城区住房和城乡建设局组织实施，全年预算500万元。\n"
                              "怀化市鹤城区住房和城乡建设局\n2024年3月15日\n")
    assert report["unit_name"] == "怀化市鹤城区住房和城乡建设局"


@pytest.mark.parametrize(("title", "label_line", "unit"), [
    ("花吐古拉镇2023年度部门整体支出绩效自评报告", "编报单位：科尔沁左翼中旗花吐古拉镇人民政府",
     "科尔沁左翼中旗花吐古拉镇人民政府"),
    ("鸭溪镇人民政府2024年度部门整体支出绩效自评报告", "单位名称：遵义市播州区鸭溪镇人民政府", "遵义市播州区鸭溪镇人民政府"),
    # a labelled name that is not the title's with more before it is another unit: the title's stays
    ("某县教育局2023年度部门整体支出绩效自评报告", "填报单位：某县教育局财务股", "某县教育局"),
])
def test_the_labelled_line_gives_the_title_units_full_name(tmp_path: Path, title: str, label_line: str,
                                                          unit: str) -> None:
    """Blind probe AG: the title's short name (花吐古拉镇, a place) was the unit, though the line
    under the title gives the whole name under 编报单位 / 单位名称."""
    report, _ = run(tmp_path, f"{title}\n{label_line}\n一、基本情况\n全年预算500万元。\n")
    assert report["unit_name"] == unit


def test_a_table_of_sangongs_parts_totals_sangong_whatever_the_words_around_it(tmp_path: Path) -> None:
    """Blind probe AJ: a table whose rows are 因公出国（境）费, 公务接待费, 公务用车… under a heading on
    the unit's whole spending gave its 合计 as the unit's budget and spending, with a false JX201 and
    two false JX601."""
    table = "".join("".join(f"\t{cell}\n" for cell in row) + "\n" for row in (
        ("项目", "预算数", "决算数"), ("合计", "5.60", "4.87"), ("因公出国（境）费", "0", "0"),
        ("公务接待费", "1.60", "1.37"), ("公务用车购置及运行维护费", "4.00", "3.50"))) + "\n"
    report, flags = run(tmp_path, "某县水利局2024年度部门整体支出绩效自评报告\n二、部门整体支出情况\n"
                                  "2024年度我局全年预算1,563.28万元，全年支出1,521.43万元，预算执行率97.32%。\n"
                                  "单位：万元\n" + table + "三、其他\n")
    assert (report["budget_total_wan"], report["spent_total_wan"]) == ("1563.28", "1521.43")
    assert (report["sangong_budget_wan"], report["sangong_spent_wan"]) == ("5.60", "4.87")
    assert [flag["rule_id"] for flag in flags if flag["rule_id"] in ("JX201", "JX601")] == []


@pytest.mark.parametrize(("operation", "rules"), [("4.50", []), ("5.40", ["JX102"])])
def test_the_parts_of_vehicle_costs_named_alone_under_it(tmp_path: Path, operation: str, rules: list[str]) -> None:
    """Blind probe AJ: a 决算 table breaks 公务用车购置及运行维护费 into rows named “其中：购置费” and
    “运行维护费” alone. They were not read, and JX103 added 运行维护费 to the 合计 as a row of its own
    (the correct 合计 6.12 reported as 5.4 short); the wrong 公务用车 row went unflagged."""
    table = "".join("".join(f"\t{cell}\n" for cell in row) + "\n" for row in (
        ("项目", "决算数"), ("合计", "6.12"), ("因公出国（境）费", "0.00"), ("公务接待费", "1.62"),
        ("公务用车购置及运行维护费", "4.50"), ("其中：购置费", "0.00"), ("运行维护费", operation))) + "\n"
    report, flags = run(tmp_path, "某市财政局2024年度部门整体支出绩效自评报告\n三、“三公”经费支出情况\n"
                                  "单位：万元\n" + table + "四、其他\n")
    assert (report["vehicle_purchase_spent_wan"], report["vehicle_operation_spent_wan"]) == ("0.00", operation)
    assert sorted(flag["rule_id"] for flag in flags) == rules


def test_what_people_pay_in_is_no_standard_of_what_they_are_paid(tmp_path: Path) -> None:
    """Blind probe AG ag04: the residents' own 400元 contribution was a second 直补 standard beside the
    670元 the programme pays, and JX601 reported one quantity with two values."""
    report, flags = run(tmp_path, "某旗2024年度城乡居民基本医疗保险财政补助资金绩效自评报告\n"
                                  "2024年人均财政补助标准为每人每年670元，个人缴费标准为每人每年400元。\n")
    assert [flag for flag in flags if flag["rule_id"] == "JX601"] == []
    assert report["direct_subsidy_standard_yuan"] == "670"


@pytest.mark.parametrize(("title", "rate"), [
    ("武冈市2023年度困难残疾人生活补贴专项资金绩效自评报告", "97.14"),  # a report on one fund (probe J r22)
    ("武冈市残疾人联合会2023年度部门整体支出绩效自评报告", ""),  # a unit's: the rate may be the part's
])
def test_a_rate_after_a_fund_part_that_has_none(tmp_path: Path, title: str, rate: str) -> None:
    report, _ = run(tmp_path, f"{title}\n2023年上级下达及本级安排资金共计420.00万元。全年直补人数4,250人，"
                              "发放直补资金408.00万元，资金执行率97.14%。\n")
    assert (report["direct_subsidy_wan"], report["execution_rate_pct"]) == ("408.00", rate)


# Blind probe N: a subject named as 方面, and parts joined to their whole by 包括.
@pytest.mark.parametrize(("sentence", "expected"), [
    ("“三公”经费方面，2023年预算５．００万元，决算4.28万元。", {"sangong_budget_wan": "5.00", "sangong_spent_wan": "4.28"}),
    ("基本支出包括人员经费716.32万元和公用经费126.18万元。",
     {"personnel_spent_wan": "716.32", "public_spent_wan": "126.18"}),
])
def test_wordings_of_probe_n(tmp_path: Path, sentence: str, expected: dict[str, str]) -> None:
    report, flags = run(tmp_path, "某县体育局2023年度部门整体支出绩效自评报告\n" + sentence + "\n")
    assert {key: report[key] for key in expected} == expected
    assert "JX601" not in {flag["rule_id"] for flag in flags}


# A programme that pays people, its 直补 figures stated only in its narrative (blind probe N n06):
# 3,126 × 960元 = 300.096万元, not the 296.83万元 written.
PROGRAMME_SENTENCE = ("奖励扶助金按每人每年960元的标准发放，全年通过“一卡通”共向3,126名奖励扶助对象发放"
                      "奖励扶助金296.83万元。\n")


@pytest.mark.parametrize(("title", "expected"), [
    ("泽州县2023年度计划生育家庭奖励扶助项目支出绩效自评报告", ("3126", "960", "296.83")),
    ("泽州县卫生健康局2023年度部门整体支出绩效自评报告", ("", "", "")),  # a unit's report: not its figures
    ("泽州县2023年度农村公路养护资金绩效自评报告", ("", "", "")),  # a programme that pays no people
    ("泽州县2023年度计划生育家庭奖励扶助金绩效自评报告", ("3126", "960", "296.83")),  # named by its 扶助金 alone
    ("泽州县2023年度中等职业教育国家助学金绩效自评报告", ("3126", "960", "296.83")),  # blind probe P p16
])
def test_a_paying_programmes_figures_from_its_narrative(
        tmp_path: Path, title: str, expected: tuple[str, str, str]) -> None:
    report, flags = run(tmp_path, f"{title}\n{PROGRAMME_SENTENCE}")
    assert (report["direct_subsidy_people"], report["direct_subsidy_standard_yuan"],
            report["direct_subsidy_wan"]) == expected
    # 3,126 × 960元 ≠ 296.83万元 in any report: JX250 on the catalogue's figures, else JX251 on the sentence
    assert {flag["rule_id"] for flag in flags} & {"JX250", "JX251"}


def test_a_label_read_without_some_words_is_shown_as_written(tmp_path: Path) -> None:
    """label_raw is the report's own words, though 学校 and 较 were not read as naming anything."""
    run(tmp_path, "宜宾市第三中学校2024年度部门整体支出绩效自评报告\n2024年学校年初预算2680.00万元，全年预算2915.36万元。"
                  "“三公”经费支出1.92万元，较预算2.40万元节约0.48万元。\n")
    with open(tmp_path / "out" / "metrics.csv", encoding="utf-8-sig", newline="") as handle:
        labels = {row["metric"]: row["label_raw"] for row in csv.DictReader(handle)}
    assert (labels["budget_initial_wan"], labels["sangong_budget_wan"]) == ("2024年学校年初预算", "较预算")


def test_a_fund_report_naming_its_fund_before_a_side(tmp_path: Path) -> None:
    """“2023年该专项资金年初预算220.00万元” (blind probe N n07): 该专项资金 is the report's subject."""
    report, _ = run(tmp_path, "海门区2023年度高龄老人补贴专项资金绩效自评报告\n"
                              "2023年该专项资金年初预算220.00万元，全年预算数232.00万元，全年执行数228.24万元。\n")
    assert (report["budget_initial_wan"], report["budget_total_wan"], report["spent_total_wan"]) == (
        "220.00", "232.00", "228.24")


# Budget tables with the year's adjustment in a column of its own (blind probe O): the change
# column is no budget, and a plain 预算数 before it is the year-start budget. Sums by hand, in 元:
# 4,210,000.00 + 385,600.00 = 4,595,600.00 (合计), 2,900,000.00 + 96,400.00 = 2,996,400.00 (基本),
# 1,310,000.00 + 289,200.00 = 1,599,200.00 (项目); 2,996,400.00 + 1,599,200.00 = 4,595,600.00;
# 2,981,050.00 + 1,512,870.00 = 4,493,920.00; 4,493,920.00 ÷ 4,595,600.00 = 97.79 %.
ADJUSTED_ROWS = (
    ("合计", "4,210,000.00", "385,600.00", "4,595,600.00", "4,493,920.00", "97.79%"),
    ("基本支出", "2,900,000.00", "96,400.00", "2,996,400.00", "2,981,050.00", "99.49%"),
    ("项目支出", "1,310,000.00", "289,200.00", "1,599,200.00", "1,512,870.00", "94.60%"),
)
ADJUSTED_EXPECTED = {
    "budget_initial_wan": "421.000000", "budget_total_wan": "459.560000", "spent_total_wan": "449.392000",
    "execution_rate_pct": "97.79", "basic_budget_wan": "299.640000", "basic_spent_wan": "298.105000",
    "project_budget_wan": "159.920000", "project_spent_wan": "151.287000",
}


@pytest.mark.parametrize("header", [
    ("项目", "年初预算数", "调整预算数", "全年预算数", "全年执行数", "执行率"),
    ("支出类别", "预算数", "调整数", "调整后预算数", "实际支出", "预算执行率"),
    ("项目", "年初预算数（元）", "追加数（元）", "全年预算数（元）", "全年执行数（元）", "执行率"),
])
def test_a_column_of_the_years_adjustment_is_no_budget(tmp_path: Path, header: tuple[str, ...]) -> None:
    text = ("某县档案馆2023年度部门整体支出绩效自评报告\n表1 2023年度部门预算执行情况表（单位：元）\n"
            + txt_table(header, *ADJUSTED_ROWS) + "某县档案馆\n2024年3月8日\n")
    report, flags = run(tmp_path, text)
    assert {key: report[key] for key in ADJUSTED_EXPECTED} == ADJUSTED_EXPECTED
    assert flags == []


def test_an_adjusted_budget_column_alone_is_the_years_budget(tmp_path: Path) -> None:
    """调整预算数 with no other column for the adjusted budget names that budget."""
    rows = [(label, initial, total, spent, rate) for label, initial, _, total, spent, rate in ADJUSTED_ROWS]
    text = ("某县档案馆2023年度部门整体支出绩效自评报告\n表1 2023年度部门预算执行情况表（单位：元）\n"
            + txt_table(("项目", "年初预算数", "调整预算数", "全年执行数", "执行率"), *rows) + "某县档案馆\n2024年3月8日\n")
    report, flags = run(tmp_path, text)
    assert (report["budget_initial_wan"], report["budget_total_wan"]) == ("421.000000", "459.560000")
    assert flags == []


@pytest.mark.parametrize(("sentence", "expected"), [
    # ；between parts that each have a budget and a spending (blind probe O o01): 3,600.00 + 9,450.00 = 13,050.00
    ("2023年“三公”经费预算数为15,000.00元，实际支出13,050.00元，其中：公务接待费预算4,000.00元，支出3,600.00元；"
     "公务用车运行维护费预算11,000.00元，支出9,450.00元；因公出国（境）费用预算0元，支出0元。",
     {"sangong_budget_wan": "1.500000", "sangong_spent_wan": "1.305000", "reception_budget_wan": "0.400000",
      "reception_spent_wan": "0.360000", "vehicle_operation_budget_wan": "1.100000",
      "vehicle_operation_spent_wan": "0.945000", "overseas_budget_wan": "0.0000", "overseas_spent_wan": "0.0000"}),
    # the 其中 list breaks down the spending, whose amount has a thousands comma (blind probe O o08)
    ("2023年“三公”经费预算15,000.00元，“三公”经费支出合计13,050.00元，其中公务接待费3,600.00元，"
     "公务用车运行维护费9,450.00元，因公出国（境）费0元。",
     {"sangong_budget_wan": "1.500000", "sangong_spent_wan": "1.305000", "reception_budget_wan": "",
      "reception_spent_wan": "0.360000", "vehicle_operation_budget_wan": "", "vehicle_operation_spent_wan": "0.945000",
      "overseas_budget_wan": "", "overseas_spent_wan": "0.0000"}),
])
def test_the_side_of_a_sangong_part_in_a_sentence_of_amounts_in_yuan(
        tmp_path: Path, sentence: str, expected: dict[str, str]) -> None:
    report, flags = run(tmp_path, "某县档案馆2023年度部门整体支出绩效自评报告\n" + sentence + "\n")
    assert {key: report[key] for key in expected} == expected
    assert flags == []


@pytest.mark.parametrize(("share", "expected"), [
    ("其中网岭镇发放52.30万元。", "296.83"),  # one township's share of the payments (blind probe P p14)
    ("其中城关街道累计发放41.20万元。", "296.83"),
])
def test_a_places_share_of_a_programmes_payments_is_not_its_money(
        tmp_path: Path, share: str, expected: str) -> None:
    report, _ = run(tmp_path, "泽州县2023年度计划生育家庭奖励扶助项目支出绩效自评报告\n" + PROGRAMME_SENTENCE + share + "\n")
    with open(tmp_path / "out" / "metrics.csv", encoding="utf-8-sig", newline="") as handle:
        paid = [row["raw"] for row in csv.DictReader(handle) if row["metric"] == "direct_subsidy_wan"]
    assert (report["direct_subsidy_wan"], paid) == (expected, ["296.83万元"])


@pytest.mark.parametrize(("title", "sentence", "spent"), [
    # the money paid out is named as the fund itself: the fund spent it (blind probe O o11, o12)
    ("某县2023年度高龄津贴专项资金绩效自评报告", "全年共向2,000名80周岁以上老人发放高龄津贴240.00万元，资金执行率96.00%。", "240.00"),
    ("某区2023年耕地地力保护补贴资金绩效自评报告", "补贴标准每亩105元，实际发放补贴资金2,100.00万元，资金执行率98.00%。", "2100.00"),
    # paid out under another name: what the fund spent is not said
    ("某县2023年度高龄津贴专项资金绩效自评报告", "全年共向2,000名老人发放节日慰问金24.00万元。", ""),
])
def test_a_funds_money_paid_out_is_its_spending(tmp_path: Path, title: str, sentence: str, spent: str) -> None:
    report, _ = run(tmp_path, f"{title}\n{sentence}\n")
    assert report["spent_total_wan"] == spent
    assert report["direct_subsidy_wan"] != ""


def test_a_projects_form_in_a_units_report_holds_the_projects_figures(tmp_path: Path) -> None:
    """A unit's report with one of its projects' 项目支出绩效自评表 (blind probe R r07, r08): the
    project's 年度资金总额 and 总分 are the project's, not a second value of the unit's."""
    money_header = ("年度预算资金（万元）", "年初预算数", "全年预算数", "全年执行数", "分值", "执行率", "得分")
    unit_form = txt_table(("部门（单位）名称", "某区统计局", "", "", "", "", ""), money_header,
                          ("年度资金总额", "386.50", "412.30", "405.18", "10", "98.27%", "9.83"),
                          ("总分", "", "", "", "", "100", "96.23"))
    project_form = txt_table(("项目名称", "第五次全国经济普查", "", "", "", "", ""), money_header,
                             ("年度资金总额", "36.00", "40.00", "38.50", "10", "96.25%", "9.62"),
                             ("总分", "", "", "", "", "100", "96.62"))
    report, flags = run(tmp_path, "某区统计局2023年度部门整体支出绩效自评报告\n" + unit_form + "附件：项目支出绩效自评表\n"
                        + project_form)
    assert (report["budget_initial_wan"], report["budget_total_wan"], report["spent_total_wan"],
            report["execution_rate_pct"], report["self_score"], report["n_conflicts"]) == (
        "386.50", "412.30", "405.18", "98.27", "96.23", "0")
    assert [flag["rule_id"] for flag in flags if flag["rule_id"] == "JX601"] == []


def test_a_numbered_project_under_project_spending_is_one_project(tmp_path: Path) -> None:
    """“二、项目支出” over “1.义务教育公用经费补助” (blind probe Q q09): the row is one project's money,
    not the unit's 公用经费, and no second value of it."""
    table = txt_table(("项目", "全年预算数", "实际支出"), ("一、基本支出", "1614.60", "1602.77"),
                      ("其中：人员经费", "1428.60", "1421.35"), ("公用经费", "186.00", "181.42"),
                      ("二、项目支出", "420.00", "398.86"), ("1.义务教育公用经费补助", "19.66", "17.82"),
                      ("2.校舍维修", "400.34", "381.04"), ("合计", "2034.60", "2001.63"))
    report, flags = run(tmp_path, "某县桥头小学2023年度部门整体支出绩效自评报告\n表1 预算执行情况（单位：万元）\n" + table)
    assert (report["public_budget_wan"], report["public_spent_wan"], report["n_conflicts"]) == ("186.00", "181.42", "0")
    assert [flag["rule_id"] for flag in flags] == []


def test_a_sentence_opened_by_last_year_is_last_years(tmp_path: Path) -> None:
    """“上年同期安置818人，发放补贴490.80万元” (blind probe R r14): both amounts are the year before's, so
    the 490.80 is no second value of this year's 直补资金."""
    report, flags = run(tmp_path, "宁乡市2024年度公益性岗位补贴资金绩效自评报告\n"
                                  "2024年共向860名公益性岗位人员发放岗位补贴516.00万元。上年同期安置818人，发放补贴490.80万元。\n")
    assert (report["direct_subsidy_wan"], report["n_conflicts"]) == ("516.00", "0")
    assert [flag["rule_id"] for flag in flags if flag["rule_id"] == "JX601"] == []


def test_a_unit_declared_at_the_end_of_a_long_paragraph_above_a_table(tmp_path: Path) -> None:
    """“…近两年支出对比情况见下表（单位：万元）。” ends a long paragraph (blind probe R r01): its unit is
    the table's, so the bare numbers of the table are money."""
    text = ("某区文旅局2023年度部门整体支出绩效自评报告\n"
            "2023年年初预算1,862.40万元，年中追加243.00万元，全年预算数2,105.36万元，全年实际支出2,031.58万元，"
            "预算执行率96.50%。2023年支出较上年增加96.46万元，增长4.98%，主要是场馆运行经费增加。"
            "近两年支出对比情况见下表（单位：万元）。\n"
            + txt_table(("项目", "2022年决算数", "2023年预算数", "2023年决算数"),
                        ("支出合计", "1,935.12", "2,105.36", "2,031.58"), ("一、基本支出", "1,201.05", "1,262.50", "1,246.72"),
                        ("二、项目支出", "734.07", "842.86", "784.86")))
    report, _ = run(tmp_path, text)
    assert (report["basic_budget_wan"], report["basic_spent_wan"], report["project_spent_wan"]) == (
        "1262.50", "1246.72", "784.86")


def test_one_part_named_after_the_whole_and_parts_said_zero_together(tmp_path: Path) -> None:
    """“…支出6,850元，为公务用车运行维护费，公务接待费和因公出国（境）费均为0元” (blind probe O o07)."""
    report, flags = run(tmp_path, "某镇中心卫生院2022年度部门整体支出绩效自评报告\n"
                                  "2022年“三公”经费支出6,850元，为公务用车运行维护费，公务接待费和因公出国（境）费均为0元。\n")
    assert (report["sangong_spent_wan"], report["vehicle_operation_spent_wan"], report["reception_spent_wan"],
            report["overseas_spent_wan"]) == ("0.6850", "0.6850", "0.0000", "0.0000")
    assert flags == []


@pytest.mark.parametrize(("sentence", "vehicle_budget", "vehicle_spent"), [
    # the zeros follow the spending, stated by its side word alone: spent, not the first amount's
    # 年初预算 (blind probe S s02)
    (("“三公”经费年初预算25,000.00元，全年支出18,650.00元，全部为公务接待费，公务用车运行维护费及因公出国"
      "（境）费均为0元。"), "", "0.0000"),
    # a strong side word nearer than the spending still says the side
    ("“三公”经费全年支出18,650.00元，年初预算25,000.00元，公务用车运行维护费预算为0元。", "0.0000", ""),
    # a clause naming a thing besides its side (基本支出) is no spending of the next amounts
    ("“三公”经费年初预算2.50万元，基本支出1.00万元，公务用车运行维护费0元。", "0.0000", ""),
])
def test_amounts_after_a_spending_stated_by_its_side_alone(tmp_path: Path, sentence: str, vehicle_budget: str,
                                                          vehicle_spent: str) -> None:
    report, _ = run(tmp_path, "温州市某中学2024年度部门整体支出绩效自评报告\n" + sentence + "\n")
    assert (report["vehicle_operation_budget_wan"], report["vehicle_operation_spent_wan"]) == (
        vehicle_budget, vehicle_spent)


@pytest.mark.parametrize(("sentence", "budget", "spent"), [
    # a fund's 资金总额 with no other side word is its budget (blind probe O o11)
    ("2023年度高龄津贴资金总额398.40万元，其中：省级补助资金240.00万元，县级配套资金158.40万元。", "398.40", ""),
    ("2023年度实际发放资金总额391.68万元。", "", "391.68"),  # 发放 says the side
])
def test_a_funds_total_money(tmp_path: Path, sentence: str, budget: str, spent: str) -> None:
    report, _ = run(tmp_path, "衡阳县2023年度高龄津贴专项资金绩效自评报告\n" + sentence + "\n")
    assert (report["budget_total_wan"], report["spent_total_wan"]) == (budget, spent)


@pytest.mark.parametrize("sentence", [
    # others' figures and averages (blind probe Y y01, y04)
    "全区市场监管系统（含区食品检验检测中心）全年支出合计4,106.83万元，本报告仅反映局本级。",
    "全省高职院校2023年平均预算执行率为91.6%。",
    # a rate of money paid for one thing, and a sentence about one project (y01, y03)
    "一是项目预算编制精细化程度不高，农贸市场提升改造补助执行率82.75%，低于全局平均水平。",
    "一是医疗设备购置项目因招标流标一次，执行率79.81%；二是配套软件尚在调试。",
    # a rate of a sub-fund, and figures of a mid-year check (y07, y05)
    "一是扬尘治理子资金执行率93.45%，部分县区拨付滞后。",
    "另据区财政局2023年9月中期监控，全年支出1,104.26万元，支出进度54.23%。",
])
def test_narrower_figures_in_a_units_report_are_not_its_own(tmp_path: Path, sentence: str) -> None:
    report, flags = run(tmp_path, "蚌埠市龙子湖区市场监督管理局2023年度部门整体支出绩效自评报告\n"
                        "2023年全年预算3,126.48万元，全年支出3,047.92万元，预算执行率97.49%。\n" + sentence + "\n")
    assert (report["spent_total_wan"], report["execution_rate_pct"], report["n_conflicts"]) == (
        "3047.92", "97.49", "0")
    assert [flag["rule_id"] for flag in flags] == []


@pytest.mark.parametrize(("sentence", "overseas"), [
    # the cost named after the word saying there was none (blind probes Z z01, R r03)
    ("2023年“三公”经费支出4.29万元，其中公务接待费1.24万元，公务用车运行维护费3.05万元，无因公出国（境）费用支出。",
     "0"),
    ("“三公”经费实际支出5.12万元，其中公务接待费0.96万元，公务用车运行维护费4.16万元，未发生因公出国（境）费用。",
     "0"),
    # not a cost units state as none, nor a cost with more words after it
    ("全年未安排专项经费，未发生安全事故。", ""),
    ("无因公出国（境）费用支出计划。", ""),
])
def test_a_cost_said_to_be_none_before_its_name(tmp_path: Path, sentence: str, overseas: str) -> None:
    report, _ = run(tmp_path, "铁岭市银州区卫生健康局2023年度部门整体支出绩效自评报告\n" + sentence + "\n")
    assert (Decimal(report["overseas_spent_wan"]) if report["overseas_spent_wan"] else "") == (
        Decimal(overseas) if overseas else "")
    assert report["project_budget_wan"] == ""


def test_a_staff_tables_total_row_by_its_columns(tmp_path: Path) -> None:
    """“编制类型 | 编制数 | 实有人数” over “合计 | 24 | 22” (blind probe Z z06): the 合计 row's 22 is the
    实有人数 its column names, though the table is named by 编制."""
    report, flags = run(tmp_path, "阜新市海州区审计局2022年度部门整体支出绩效自评报告\n人员编制及实有情况如下：\n"
                        + txt_table(("编制类型", "编制数", "实有人数"), ("行政编制", "18", "17"), ("事业编制", "6", "5"),
                                    ("合计", "24", "22")))
    assert (report["staff_quota"], report["staff_actual"]) == ("24", "22")
    assert flags == []


GROUPS_REPORT = ("鹤壁市淇滨区2024年度特困人员救助供养专项资金绩效自评报告\n"
                 "集中供养特困人员基本生活标准为每人每年10,800元，全年为214人发放基本生活费{paid}万元。\n"
                 "分散供养特困人员基本生活标准为每人每年9,600元，全年为1,286人发放基本生活费1,234.56万元。\n")


@pytest.mark.parametrize(("paid", "flagged"), [("231.12", False), ("251.12", True)])
def test_groups_paid_by_their_own_standards(tmp_path: Path, paid: str, flagged: bool) -> None:
    """Two groups, each with its standard, people and money (blind probe X x13): when each adds up
    (214 × 10,800元 = 231.12万元, 1,286 × 9,600元 = 1,234.56万元) they are parts of the programme, no
    two values of one quantity (JX601) and no programme paid short (JX250). When one does not, it is
    no group of its own, and the checks run as before."""
    _, flags = run(tmp_path, GROUPS_REPORT.format(paid=paid))
    rules = {flag["rule_id"] for flag in flags}
    assert (bool(rules & {"JX250", "JX601"})) == flagged


def test_a_projects_yearly_budget_is_the_reports(tmp_path: Path) -> None:
    """“项目年度预算2,280.00万元，其中：中央资金…” in a project's report (blind probe X x12)."""
    report, _ = run(tmp_path, "玉溪市江川区2022年城乡供水一体化项目支出绩效自评报告\n"
                    "项目年度预算2,280.00万元，其中：中央资金1,200.00万元，省级资金650.00万元，区级资金430.00万元。"
                    "全年实际支出2,248.60万元，预算执行率98.62%。\n")
    assert (report["budget_total_wan"], report["spent_total_wan"]) == ("2280.00", "2248.60")


@pytest.mark.parametrize(("title", "sentence", "rate"), [
    # a part of the project its title does not name (blind probe Y y05)
    ("德阳市旌阳区2024年度农村供水保障工程项目绩效自评报告", "二是入户工程资金执行率88.00%。", "96.19"),
    # the fund the title names: its own rate, the report's
    ("某县2023年度耕地地力保护补贴资金绩效自评报告", "耕地地力保护补贴资金执行率96.19%。", "96.19"),
])
def test_a_rate_of_a_part_the_title_does_not_name(tmp_path: Path, title: str, sentence: str, rate: str) -> None:
    report, flags = run(tmp_path, title + "\n全年预算1,000.00万元，实际支出961.90万元，预算执行率96.19%。\n" + sentence + "\n")
    assert (report["execution_rate_pct"], report["n_conflicts"]) == (rate, "0")
    assert "JX601" not in {flag["rule_id"] for flag in flags}


def test_typed_quota_rows_of_a_table_are_parts_of_its_total(tmp_path: Path) -> None:
    """“人员类别 | 核定编制数 | 实有人数” with 行政编制, 事业编制, 工勤编制 rows and a 合计 row (blind probe
    Y y01): the column header's 编制 hid the rows' types, so 行政编制's 46 was taken as the quota."""
    text = ("蚌埠市龙子湖区市场监督管理局2023年度部门整体支出绩效自评报告\n"
            "本单位核定编制68名，实有在职人员63人，在职人员控制率92.65%。\n"
            + txt_table(("人员类别", "核定编制数", "实有人数", "空编数"), ("行政编制", "46", "44", "2"),
                        ("事业编制", "18", "16", "2"), ("工勤编制", "4", "3", "1"), ("合计", "68", "63", "5")))
    report, flags = run(tmp_path, text)
    assert (report["staff_quota"], report["staff_actual"], report["n_conflicts"]) == ("68", "63", "0")
    assert flags == []


def test_an_asides_year_dates_nothing_after_it(tmp_path: Path) -> None:
    """“2023年全年预算1,926.30万元（含2022年结转资金86.40万元），全年支出1,873.46万元，预算执行率97.26%”
    (blind probe X x04): the spending and the rate after the bracket are 2023's, not 2022's; and
    “单座补助标准为80万元/座” is a reservoir's, no standard per head."""
    report, flags = run(tmp_path, "荆门市东宝区水利和湖泊局2023年度部门整体支出绩效自评报告\n"
                        "2023年全年预算1,926.30万元（含2022年结转资金86.40万元），全年支出1,873.46万元，"
                        "预算执行率97.26%。\n小型水库除险加固6座，单座补助标准为80万元/座。\n")
    assert (report["budget_total_wan"], report["spent_total_wan"], report["execution_rate_pct"]) == (
        "1926.30", "1873.46", "97.26")
    assert report["direct_subsidy_standard_yuan"] == ""
    assert flags == []


def test_an_aside_on_what_an_amount_holds_does_not_name_it(tmp_path: Path) -> None:
    """“2024年共安排专项资金1,520.00万元（含上年结转12.00万元）” (blind probe X x13): the 1,520 is the
    fund's budget, the 12 its carryover; the bracket after the 1,520 names what it holds, not it."""
    report, _ = run(tmp_path, "鹤壁市淇滨区2024年度特困人员救助供养专项资金绩效自评报告\n"
                    "2024年共安排专项资金1,520.00万元（含上年结转12.00万元），资金来源为中央财政和区级财政。\n"
                    "全年实际支出1,465.68万元，资金执行率96.43%。\n")
    assert (report["budget_total_wan"], report["carryover_wan"], report["spent_total_wan"]) == (
        "1520.00", "12.00", "1465.68")


def test_counts_of_two_programmes_are_no_conflict(tmp_path: Path) -> None:
    """A report on 残疾人两项补贴 (blind probe W w09): the people paid by each programme are two
    quantities; only the one programme's count stated twice apart (3,862 and 3,826) is a conflict."""
    text = ("商丘市睢阳区2023年度困难残疾人生活补贴和重度残疾人护理补贴项目绩效自评报告\n"
            "2023年，实际完成困难残疾人生活补贴发放人数3,862人，重度残疾人护理补贴发放人数5,104人。\n"
            + txt_table(("一级指标", "二级指标", "三级指标", "年度指标值", "实际完成值", "分值", "得分"),
                        ("产出指标", "数量指标", "困难残疾人生活补贴发放人数", "≥3,800人", "3,826人", "50", "50"),
                        ("产出指标", "数量指标", "重度残疾人护理补贴发放人数", "≥5,000人", "5,104人", "50", "50")))
    _, flags = run(tmp_path, text)
    conflicts = sorted(flag["message"] for flag in flags if flag["rule_id"] == "JX601")
    assert len(conflicts) == 1 and "3826人" in conflicts[0] and "3862人" in conflicts[0]


def test_a_column_of_shares_states_no_rate(tmp_path: Path) -> None:
    """“支出用途 | 支出金额 | 占比” with “合计 | 338.46 | 100.00%” (blind probe W w11): the 100% is the
    sum of the shares, not the fund's 执行率, which the text states as 94.02%."""
    text = ("泸州市江阳区2023年度居家和社区养老服务专项资金绩效自评报告\n"
            "2023年我区安排居家和社区养老服务专项资金360.00万元。\n"
            "截至2023年12月31日，专项资金实际支出338.46万元，资金执行率94.02%。分用途支出情况如下：\n单位：万元\n"
            + txt_table(("支出用途", "支出金额", "占比"), ("社区养老服务中心运营补贴", "180.00", "53.18%"),
                        ("居家养老上门服务购买", "158.46", "46.82%"), ("合计", "338.46", "100.00%")))
    report, flags = run(tmp_path, text)
    assert (report["execution_rate_pct"], report["spent_total_wan"], report["n_conflicts"]) == ("94.02", "338.46", "0")
    assert [flag["rule_id"] for flag in flags] == []


@pytest.mark.parametrize(("sentence", "budget", "spent"), [
    # the budget the spending kept within is stated (blind probe J r17)
    ("“三公”经费全年支出7.64万元，控制在预算9.00万元以内。", "9.00", "7.64"),
    ("“三公”经费全年支出7.64万元，控制在年初预算数9.00万元之内。", "9.00", "7.64"),
    # the budget itself bounded, not stated; and spending kept within an amount is no spending
    ("“三公”经费预算控制在9.00万元以内。", "", ""),
    ("“三公”经费支出控制在9.00万元以内。", "", ""),
])
def test_a_budget_the_spending_kept_within(tmp_path: Path, sentence: str, budget: str, spent: str) -> None:
    report, _ = run(tmp_path, "涟源市司法局2023年度部门整体支出绩效自评报告\n" + sentence + "\n")
    assert (report["sangong_budget_wan"], report["sangong_spent_wan"]) == (budget, spent)


@pytest.mark.parametrize(("sentence", "expected"), [
    # after the list, the comparison's own arithmetic names the whole: 60,000 − 11,380 = 48,620 (blind probe O o02)
    ("2022年我镇“三公”经费支出48,620.00元，其中公务接待费12,380.00元，公务用车运行维护费36,240.00元，"
     "因公出国（境）费0元，较预算数60,000.00元节约11,380.00元。",
     {"sangong_budget_wan": "6.000000", "overseas_budget_wan": ""}),
    # right after a part, and its arithmetic names that part: 15,000 − 2,620 = 12,380
    ("2022年我镇“三公”经费支出48,620.00元，其中公务接待费12,380.00元，较预算数15,000.00元节约2,620.00元，"
     "公务用车运行维护费36,240.00元。",
     {"sangong_budget_wan": "", "reception_budget_wan": "1.500000"}),
])
def test_a_comparison_with_the_budget_after_a_list(tmp_path: Path, sentence: str, expected: dict[str, str]) -> None:
    report, _ = run(tmp_path, "某镇2022年部门整体支出绩效自评报告\n" + sentence + "\n")
    assert {key: report[key] for key in expected} == expected


def test_a_one_row_table_whose_row_is_only_amounts(tmp_path: Path) -> None:
    """“项目 | 上年结转 | 本年收入 | 收入合计 | 本年支出 | 年末结转结余” over “金额 | …” (blind probe N n01):
    the 金额 row is the whole table's, so its columns are the report's figures."""
    text = ("某区水务局2023年度部门整体支出绩效自评报告\n收入支出决算情况见下表（单位：元）。\n"
            + txt_table(("项目", "上年结转", "本年收入", "收入合计", "本年支出", "年末结转结余"),
                        ("金额", "1,862,000.00", "30,702,800.00", "32,564,800.00", "31,874,400.00", "690,400.00")))
    report, _ = run(tmp_path, text)
    assert (report["carryover_wan"], report["income_total_wan"], report["balance_wan"]) == (
        "186.200000", "3256.480000", "69.040000")


def test_a_rate_labelled_last_year_in_a_sentence_of_this_year_is_last_years(tmp_path: Path) -> None:
    """“2024年…预算执行率为97.05个百分点，较上年提高1.2个百分点（上年执行率95.85%）” (blind probe T t13):
    the label's 上年 makes the 95.85% the year before's, though the sentence names 2024; it is not
    this year's rate (the report's own is written as points, and stays blank)."""
    report, flags = run(tmp_path, "凯里市2024年度基本公共卫生服务补助资金绩效自评报告\n"
                                  "2024年基本公共卫生服务补助资金全年预算数为2,486.70万元，实际支出2,413.45万元，"
                                  "预算执行率为97.05个百分点，较上年提高1.2个百分点（上年执行率95.85%）。\n")
    assert report["execution_rate_pct"] != "95.85"
    assert [flag["rule_id"] for flag in flags if flag["rule_id"] == "JX201"] == []


@pytest.mark.parametrize("spent", ["零支出", "零开支"])
def test_a_part_spent_as_zero_in_words(tmp_path: Path, spent: str) -> None:
    """“…因公出国（境）费零支出。” (blind probe T t07, t11): nothing spent, as “为零” or “0万元” say."""
    report, _ = run(tmp_path, "某县供销社2023年度部门整体支出绩效自评报告\n"
                              "2023年“三公”经费预算1.5万元，实际支出0.82万元，其中公务接待费0.82万元，"
                              f"公务用车运行维护费0.00万元，因公出国（境）费{spent}。\n")
    assert (report["overseas_spent_wan"], report["reception_spent_wan"]) == ("0", "0.82")


def test_a_sentence_opened_by_one_project_of_the_whole_is_that_projects(tmp_path: Path) -> None:
    """“其中，林业有害生物防治项目预算86.00万元，支出84.20万元，执行率97.91%” after the unit's own figures
    (blind probe T t12): the 97.91% is the project's rate, not a second value of the unit's."""
    report, flags = run(tmp_path, "柳江区林业局2023年度部门整体支出绩效自评报告\n"
                                  "2023年年初预算1,026.00万元，全年预算1,146.00万元，实际支出1,108.62万元，预算执行率96.74%。\n"
                                  "其中，林业有害生物防治项目预算86.00万元，支出84.20万元，执行率97.91%。\n")
    assert (report["execution_rate_pct"], report["n_conflicts"]) == ("96.74", "0")
    assert [flag["rule_id"] for flag in flags] == []


def test_the_vehicle_parts_named_short_in_a_bracket_after_the_vehicle_money(tmp_path: Path) -> None:
    """“公务用车费16.00万元（其中购置费12.00万元、运行维护费4.00万元）” (blind probe T t14): 购置费 and
    运行维护费 are the parts of the 公务用车费 they follow."""
    report, flags = run(tmp_path, "宁波市鄞州区城管局2024年度部门整体支出绩效自评报告\n"
                                  "2024年“三公”经费支出18.60万元，其中公务接待费2.60万元，公务用车费16.00万元"
                                  "（其中购置费12.00万元、运行维护费4.00万元），因公出国（境）费零支出。\n")
    keys = ("vehicle_spent_wan", "vehicle_purchase_spent_wan", "vehicle_operation_spent_wan")
    assert tuple(report[key] for key in keys) == ("16.00", "12.00", "4.00")
    assert [flag["rule_id"] for flag in flags] == []


def test_a_fund_paid_out_as_rewards_for_work_done_pays_people(tmp_path: Path) -> None:
    """A 奖补 (以奖代补) fund pays its households as a subsidy does (blind probe T t03): “全年向1,286户
    脱贫户发放产业奖补资金192.9万元，每户1500元” is the money it paid directly."""
    report, flags = run(tmp_path, "浏阳市乡村振兴局2023年度脱贫户产业发展奖补专项资金绩效自评报告\n"
                                  "2023年上级下达及本级安排脱贫户产业发展奖补资金共计195万元。\n"
                                  "经乡镇初审、市级复核并公示，全年向1,286户脱贫户（监测户）发放产业奖补资金192.9万元，"
                                  "每户1500元，资金执行率98.92%。\n")
    assert (report["direct_subsidy_wan"], report["direct_subsidy_standard_yuan"]) == ("192.9", "1500")
    assert [flag["rule_id"] for flag in flags] == []


def test_a_projects_money_named_with_no_side_is_its_budget(tmp_path: Path) -> None:
    """“项目资金1,260.00万元，实际支出1,198.56万元，预算执行率95.12%” in a 项目支出 report (blind probe U
    u07): the project's money, named with no budget side, is what it was given."""
    report, flags = run(tmp_path, "宝鸡市陈仓区2023年度农村饮水安全巩固提升工程项目支出绩效自评报告\n"
                                  "2023年，项目共新建和改造集中供水工程14处。项目资金1,260.00万元，实际支出1,198.56万元，"
                                  "预算执行率95.12%。\n")
    assert (report["budget_total_wan"], report["spent_total_wan"]) == ("1260.00", "1198.56")
    assert [flag["rule_id"] for flag in flags] == []


def test_a_districts_fund_named_short_is_the_reports_money(tmp_path: Path) -> None:
    """“上级共下达我区营养改善计划专项资金2,856.40万元” in a report on 农村义务教育学生营养改善计划专项资金
    (blind probe U u05): 我区 is whose money it is, as 我县 is, and 营养改善 names the fund in short."""
    report, flags = run(tmp_path, "遵义市播州区2023年度农村义务教育学生营养改善计划专项资金绩效自评报告\n"
                                  "2023年，上级共下达我区营养改善计划专项资金2,856.40万元，全年实际支出2,774.18万元，"
                                  "资金执行率97.12%。\n")
    assert (report["budget_total_wan"], report["spent_total_wan"]) == ("2856.40", "2774.18")
    assert [flag["rule_id"] for flag in flags] == []


PAID_FUND_REPORT = ("武冈市2023年度困难残疾人生活补贴资金绩效自评报告\n"
                    "2023年上级下达及本级安排资金共计420.00万元。全年直补人数4,250人，补贴标准为每人每年960元，"
                    "发放直补资金{paid}万元，资金执行率{rate}。\n")


@pytest.mark.parametrize(("paid", "rate", "spent"), [
    ("408.00", "97.14%", "408.00"),  # 408 ÷ 420 = 97.142…: the report's own rate confirms the money paid is spent
    ("408.00", "98.10%", ""),  # the rate is of another amount: nothing is taken
    ("408.00", "97%", ""),  # a rate written as a whole number confirms nothing short of a full payment
    ("420.00", "100%", "420.00"),
])
def test_money_paid_out_is_the_spending_its_rate_confirms(tmp_path: Path, paid: str, rate: str, spent: str) -> None:
    """Blind probes J r22 and T t03: a fund paying people states what it paid and its 执行率, no 执行数."""
    report, _ = run(tmp_path, PAID_FUND_REPORT.format(paid=paid, rate=rate))
    assert (report["direct_subsidy_wan"], report["spent_total_wan"]) == (paid, spent)
    with open(tmp_path / "out" / "metrics.csv", encoding="utf-8-sig", newline="") as handle:
        rows = [row for row in csv.DictReader(handle) if row["metric"] == "spent_total_wan"]
    assert [(row["match_method"], row["chosen"]) for row in rows] == ([("paid:direct_subsidy_wan", "是")] if spent else [])


@pytest.mark.parametrize(("sentence", "rate"), [
    # blind probe AB a01: a rate after a share or a quarter's progress in the same sentence is the year's
    ("项目支出占比34.5%，全年预算执行率91.2%。", "91.2"),
    ("三季度累计支出进度为68.9%，全年预算执行率91.2%。", "91.2"),
    ("截至2023年9月底，支出进度68.9%，全年预算执行率91.2%。", "91.2"),
    # still part of the year: 全年 inside the clause, or no whole-year word after the quarter
    ("三季度累计支出进度为68.9%，预算执行率91.2%。", ""),
    ("上半年完成全年预算的46.8%。", ""),
])
def test_a_whole_year_rate_after_a_share_or_a_quarter(tmp_path: Path, sentence: str, rate: str) -> None:
    report, _ = run(tmp_path, "某县农业农村局2023年度部门整体支出绩效自评报告\n全年预算905.00万元，实际支出812.40万元。"
                    + sentence + "\n")
    assert report["execution_rate_pct"] == rate


def test_a_rate_contradicted_after_a_share_is_flagged(tmp_path: Path) -> None:
    """The planted problem of blind probe AB a01: 812.40 ÷ 905.00 = 89.77 %, stated 91.2 %."""
    _, flags = run(tmp_path, "某县农业农村局2023年度部门整体支出绩效自评报告\n全年预算905.00万元，实际支出812.40万元。"
                   "三季度累计支出进度为68.9%，全年预算执行率91.2%。\n")
    assert "JX201" in {flag["rule_id"] for flag in flags}


@pytest.mark.parametrize(("sentence", "score"), [
    # blind probe AA: the parts' scores before the total are no second self-score (JX601)
    ("预算执行率得分9.4分，绩效指标得分90分，项目自评得分99.4分。", "99.4"),
    ("综合得分92.5分（其中预算执行率得分9.5分，绩效指标得分83分）。", "92.5"),
    ("产出指标得分48分，效益指标完成情况得分30分，自评总分88分。", "88"),
])
def test_part_scores_are_not_the_self_score(tmp_path: Path, sentence: str, score: str) -> None:
    report, flags = run(tmp_path, "某县农业农村局2023年度项目支出绩效自评报告\n" + sentence + "\n")
    assert (report["self_score"], report["n_conflicts"]) == (score, "0")
    assert "JX601" not in {flag["rule_id"] for flag in flags}


@pytest.mark.parametrize("sentence", [
    # blind probe AB c12: 结余资金 is the part of 结转结余 not carried over
    "年末结转结余101.94万元，其中结转资金96.30万元为跨年度工程尾款，结余资金5.64万元已按规定上缴。",
    "年末结转结余101.94万元，包括结转资金96.30万元和结余资金5.64万元。",
    "年末结转结余101.94万元。结余资金5.64万元已按规定上缴。",
])
def test_the_balance_not_carried_over_is_a_part_of_the_year_end_balance(tmp_path: Path, sentence: str) -> None:
    report, flags = run(tmp_path, "某县农业农村局2023年度部门整体支出绩效自评报告\n" + sentence + "\n")
    assert (report["balance_wan"], report["n_conflicts"]) == ("101.94", "0")
    assert "JX601" not in {flag["rule_id"] for flag in flags}


def test_a_part_named_as_its_heads_kind_in_a_list_is_no_second_value(tmp_path: Path) -> None:
    """“项目支出500万元，其中专项项目支出300万元”: the 300 is a part of the 500, not another value of it."""
    report, flags = run(tmp_path, "某县农业农村局2023年度部门整体支出绩效自评报告\n"
                        "项目支出500.00万元，其中专项项目支出300.00万元。\n")
    assert (report["project_spent_wan"], report["n_conflicts"]) == ("500.00", "0")


@pytest.mark.parametrize(("sentence", "budget"), [
    # blind probe AB a07: a fund's report whose project money opens its sentence states its budget
    ("2022年项目资金预算386.00万元，其中中央补助资金240.00万元、省级补助资金86.00万元。全年实际支出371.50万元。", "386.00"),
    ("项目预算386.00万元。全年实际支出371.50万元。", "386.00"),
    # money named before 项目 is one part of the fund
    ("文化惠民工程安排的项目资金120.00万元已全部拨付。全年实际支出371.50万元。", ""),
])
def test_a_funds_project_budget_opening_its_sentence(tmp_path: Path, sentence: str, budget: str) -> None:
    report, _ = run(tmp_path, "凯里市2022年度公共文化服务体系建设专项资金绩效自评报告\n" + sentence + "\n")
    assert (report["report_kind"], report["budget_total_wan"]) == ("special_fund", budget)


@pytest.mark.parametrize(("sentence", "rate"), [
    # blind probe T t13: a level written with the word for a difference of rates
    ("预算执行率为97.05个百分点，较上年提高1.2个百分点（上年执行率95.85%）。", "97.05"),
    ("预算执行率较上年提高1.2个百分点。", ""),  # a difference: no rate
    ("全年资金实际支出485.25万元，预算执行率为97.05个百分点。", "97.05"),  # the rate of the sentence's money
])
def test_a_rate_written_in_percentage_points(tmp_path: Path, sentence: str, rate: str) -> None:
    report, _ = run(tmp_path, "凯里市2024年度基本公共卫生服务项目支出绩效自评报告\n全年预算500.00万元，实际支出485.25万元。"
                    + sentence + "\n")
    assert report["execution_rate_pct"] == rate


def test_the_rate_of_the_appropriation_in_a_projects_report_is_its_rate(tmp_path: Path) -> None:
    """财政补助 is the appropriation a project is paid from, not a part its title fails to name (the
    same exception PAID_PART_RATE makes in a unit's report)."""
    report, _ = run(tmp_path, "德阳市旌阳区2024年度农村供水保障工程项目绩效自评报告\n"
                    "全年预算1,000.00万元，实际支出961.90万元，财政补助资金执行率96.19%。\n")
    assert report["execution_rate_pct"] == "96.19"


@pytest.mark.parametrize(("text", "flagged"), [
    # blind probe AE ae11: another programme paying people is not held to the resettlement 600元
    ("冷水江市2022年度计划生育奖励扶助资金绩效自评报告\n全年共为3,145名奖励扶助对象发放奖励扶助金301.92万元。", False),
    # the resettlement subsidy, with no standard written, is: 3,145 × 600元 = 188.7万元
    ("冷水江市2022年度大中型水库移民后期扶持资金绩效自评报告\n全年直补移民人数3,145人，发放直补资金301.92万元。", True),
])
def test_the_default_standard_is_the_resettlement_subsidys(tmp_path: Path, text: str, flagged: bool) -> None:
    report, flags = run(tmp_path, text + "\n")
    assert (report["direct_subsidy_people"], report["direct_subsidy_wan"]) == ("3145", "301.92")
    assert ("JX250" in {flag["rule_id"] for flag in flags}) == flagged


def test_money_counted_after_the_year_under_a_label_naming_the_year(tmp_path: Path) -> None:
    """Blind probe AE ae03: “截至2024年3月底，2023年度直补资金累计拨付750.00万元” beside the year's
    744.96万元 has grown since the year's end: no second value of it (JX601)."""
    report, flags = run(tmp_path, "汝城县2023年度大中型水库移民后期扶持资金绩效自评报告\n"
                        "2023年核定直补人数12,416人，全年发放直补资金744.96万元。"
                        "截至2024年3月底，2023年度直补资金累计拨付750.00万元，拨付率100%。\n")
    assert (report["direct_subsidy_wan"], report["n_conflicts"]) == ("744.96", "0")
    assert "JX601" not in {flag["rule_id"] for flag in flags}


def test_a_standard_per_person_and_year_with_its_verb(tmp_path: Path) -> None:
    """Blind probe AE ae03: “对纳入扶持范围的移民每人每年补助500元” in a resettlement subsidy's report
    states its standard; 12,416 × 500元 = 620.80万元, not the 744.96万元 paid (JX250)."""
    report, flags = run(tmp_path, "汝城县2023年度大中型水库移民后期扶持资金绩效自评报告\n"
                        "对纳入扶持范围的移民每人每年补助500元，采取直补到人方式发放。\n"
                        "2023年核定直补人数12,416人，全年发放直补资金744.96万元。\n")
    assert report["direct_subsidy_standard_yuan"] == "500"
    assert "JX250" in {flag["rule_id"] for flag in flags}


def test_parts_listed_after_last_years_amount_in_brackets(tmp_path: Path) -> None:
    """Blind probe AE ae14: “（2023年为5.61万元）” is a comparison; the 其中 list after it is this
    year's parts, not parts of a restated amount."""
    report, _ = run(tmp_path, "郴州市北湖区自然资源局2024年度部门整体支出绩效自评报告\n"
                    "2024年“三公”经费支出5.16万元，同比下降8.02%（2023年为5.61万元），其中公务接待费1.26万元，"
                    "公务用车运行维护费3.90万元。\n")
    assert (report["sangong_spent_wan"], report["reception_spent_wan"], report["vehicle_operation_spent_wan"],
            report["n_conflicts"]) == ("5.16", "1.26", "3.90", "0")


@pytest.mark.parametrize(("sentence", "budget", "spent"), [
    # blind probe AE ae03, ae12: the subsidy fund's own budget, named by the money it pays
    ("2023年上级下达直补资金预算750.00万元，全年执行744.96万元，执行率99.33%。", "750.00", "744.96"),
    ("2023年下达直补资金750.00万元（含上年结转6.30万元），全年执行744.96万元，执行率99.33%。", "750.00", "744.96"),
    # money planned to be paid is no budget of the fund
    ("2023年计划发放直补资金750.00万元，全年执行744.96万元。", "", ""),
])
def test_a_subsidy_funds_budget_named_by_its_money(tmp_path: Path, sentence: str, budget: str, spent: str) -> None:
    report, flags = run(tmp_path, "汝城县2023年度大中型水库移民后期扶持直补资金绩效自评报告\n" + sentence + "\n")
    assert (report["budget_total_wan"], report["spent_total_wan"]) == (budget, spent)
    assert not {flag["rule_id"] for flag in flags} & {"JX201", "JX601"}


# A unit's report that goes on to its projects and the sources of its money, each with its own
# budget, spending and rate (blind probes AK, AL): each figure is the part's, not a second value
# of the unit's whole (JX601), nor the unit's 公用经费 or 项目支出.
PARTS_SENTENCE = "2023年年初预算数为1500万元，调整后预算数为1856.32万元，实际支出1790.11万元，预算执行率为96.43%。"


@pytest.mark.parametrize("parts", [
    # a list of named projects and subsidies after 其中
    "其中，学前教育保育教育费补助全年预算468.30万元，执行461.25万元，执行率98.49%；"
    "校舍维修改造项目全年预算680.00万元，执行662.40万元，执行率97.41%。",
    # after a count of them, and without 全年
    "全年共实施项目5个，其中茶产业基地提升项目预算1,280.00万元，执行1,265.40万元，执行率98.86%；"
    "农村道路硬化项目预算1,150.00万元，执行1,138.20万元，执行率98.97%。",
    # a list without 其中: two clauses, each opening with a project's name
    "城乡环境整治项目预算300.00万元，执行290.00万元，执行率96.67%；"
    "背街小巷改造工程预算200.00万元，执行196.00万元，执行率98.00%。",
    # the sources of the money, with or without 其中
    "中央资金执行600.00万元，执行率100%；省级资金执行372.60万元，执行率93.15%；县级配套资金执行184.20万元，执行率92.10%。",
    "其中财政拨款预算1,520.00万元，执行1,498.30万元，执行率98.57%。",
    # a project whose name holds a word of the catalogue (公用经费)
    "其中，义务教育公用经费保障全年预算1,356.72万元，执行1,349.10万元，执行率99.44%；"
    "校舍维修改造项目全年预算680.00万元，执行662.40万元，执行率97.41%。",
])
def test_the_money_of_named_parts_is_not_the_whole(tmp_path: Path, parts: str) -> None:
    text = REPORT.replace(PARTS_SENTENCE, PARTS_SENTENCE + parts)
    report, flags = run(tmp_path, text)
    keys = ("budget_total_wan", "spent_total_wan", "execution_rate_pct", "project_spent_wan", "public_spent_wan")
    assert [report[key] for key in keys] == ["1856.32", "1790.11", "96.43", "589.61", "200.3"]
    assert report["public_budget_wan"] == ""
    assert [f["rule_id"] for f in flags] == []


def test_one_project_under_the_project_spending_heading_is_not_the_project_spending(tmp_path: Path) -> None:
    """“农产品质量安全监管项目全年预算148.00万元，执行131.00万元” under 项目支出情况 (blind probe AK
    a01): its 执行 was the unit's 项目支出, a second value beside the 589.61 (JX601)."""
    text = REPORT.replace("三、自评结论", "三、项目支出情况\n农产品质量安全监管项目全年预算148.00万元，执行131.00万元，"
                          "执行率88.51%，主要是部分快检设备采购于2024年初到货验收。\n四、自评结论")
    report, flags = run(tmp_path, text)
    assert report["project_spent_wan"] == "589.61"
    assert [f["rule_id"] for f in flags] == []


def test_the_catalogue_parts_after_qizhong_are_still_read(tmp_path: Path) -> None:
    """The parts the catalogue knows are no named parts: 其中：基本支出预算…，项目支出预算… (probe AK a07)."""
    text = REPORT.replace(PARTS_SENTENCE, PARTS_SENTENCE + "全年预算数1856.32万元，其中：基本支出预算1,250.00万元，"
                          "项目支出预算606.32万元。")
    report, flags = run(tmp_path, text)
    assert (report["basic_budget_wan"], report["project_budget_wan"]) == ("1250.00", "606.32")
    assert [f["rule_id"] for f in flags] == []


def test_the_whole_after_a_list_of_sources_closed_by_a_semicolon_is_the_whole(tmp_path: Path) -> None:
    """Blind probe AA aa09: “全年预算资金1.2648亿元，其中中央车购税资金0.52亿元、…；截至2023年12月31日，实际
    支出1.1936亿元，预算执行率94.37%”: after the semicolon the sentence is back at the whole."""
    text = REPORT.replace(PARTS_SENTENCE, "2023年全年预算资金1856.32万元，其中中央资金1000万元、省级资金500万元、"
                          "县级配套资金356.32万元；截至2023年12月31日，实际支出1790.11万元，预算执行率96.43%。")
    report, _ = run(tmp_path, text)
    assert [report[key] for key in ("budget_total_wan", "spent_total_wan", "execution_rate_pct")] == [
        "1856.32", "1790.11", "96.43"]


def test_a_rounded_restatement_does_not_replace_the_figure_it_rounds(tmp_path: Path) -> None:
    """Blind probe AL r04: “…全年执行数18,236.47万元…。全年执行数1.82亿元，比上年1.74亿元增长4.60%”
    gave 18200.00: the restatement's label was the surer match. The two agree (no JX601), and the
    value is the one written to the 0.01万元."""
    text = REPORT.replace(PARTS_SENTENCE, "2023年全年预算数18,600.52万元，全年执行数18,236.47万元，预算执行率98.04%。"
                          "全年执行数1.82亿元，比上年1.74亿元增长4.60%。")
    text = text.replace("其中：基本支出1200.5万元（人员经费1000.2万元，公用经费200.3万元），项目支出589.61万元。", "")
    report, flags = run(tmp_path, text)
    assert (report["budget_total_wan"], report["spent_total_wan"]) == ("18600.52", "18236.47")
    assert [f["rule_id"] for f in flags if f["rule_id"] == "JX601"] == []


@pytest.mark.parametrize("after", ["实际支出1790.11万元", "当年实际支出1790.11万元"])
def test_spending_after_a_semicolon_closing_a_list_of_sources_is_the_whole(tmp_path: Path, after: str) -> None:
    text = REPORT.replace(PARTS_SENTENCE, "2023年全年预算资金1856.32万元，其中中央资金1000万元、省级资金500万元、"
                          f"县级配套资金356.32万元；{after}，预算执行率96.43%。")
    report, _ = run(tmp_path, text)
    assert [report[key] for key in ("budget_total_wan", "spent_total_wan", "execution_rate_pct")] == [
        "1856.32", "1790.11", "96.43"]


BANDS_REPORT = """某区民政局2024年度高龄津贴项目支出绩效自评报告
一、项目基本情况
高龄津贴标准为：80—89周岁每人每年600元，90—99周岁每人每年1,200元，100周岁及以上每人每年3,600元。全年为3,126名高龄老人发放高龄津贴223.68万元，其中80—89周岁2,580人154.80万元，90—99周岁532人63.84万元，100周岁及以上14人5.04万元。
二、自评结论
自评得分98分，评价等次为优。
某区民政局
2025年2月20日
"""


def test_standards_banded_by_age_in_one_paragraph(tmp_path: Path) -> None:
    """Blind probe AL r02: three bands, each adding up (2580 × 600 + 532 × 1200 + 14 × 3600 元 =
    223.68万元). The first band's 600元 times all 3,126 people gave a false JX250 (“相差36.12万元，正好
    602人的标准金额”), and the other bands' standards and people five false JX601."""
    report, flags = run(tmp_path, BANDS_REPORT)
    assert (report["direct_subsidy_people"], report["direct_subsidy_wan"]) == ("3126", "223.68")
    assert report["direct_subsidy_standard_yuan"] == ""  # one band's standard is not the programme's
    assert [f["rule_id"] for f in flags] == []


def test_one_standard_in_the_paragraph_is_still_checked(tmp_path: Path) -> None:
    text = BANDS_REPORT.replace("高龄津贴标准为：80—89周岁每人每年600元，90—99周岁每人每年1,200元，100周岁及以上每人每年3,600元。"
                                "全年为3,126名高龄老人发放高龄津贴223.68万元，其中80—89周岁2,580人154.80万元，"
                                "90—99周岁532人63.84万元，100周岁及以上14人5.04万元。",
                                "高龄津贴标准为每人每年600元。全年为3,126名高龄老人发放高龄津贴223.68万元。")
    report, flags = run(tmp_path, text)
    assert report["direct_subsidy_standard_yuan"] == "600"
    assert [f["rule_id"] for f in flags] in (["JX250"], ["JX251"])


@pytest.mark.parametrize("spent", ["实际支出1790.11万元，预算执行率96.43%", "截至2023年12月31日累计支付资金1790.11万元，资金支付率96.43%"])
def test_the_whole_after_its_sources_in_brackets(tmp_path: Path, spent: str) -> None:
    """Blind probes T t02 and J r26 (rerun this session): “全年预算数…万元（其中中央资金…、区级配套资金…），
    实际支出…” lost its 执行数 and 执行率, read as the last source's once the bracket had closed."""
    text = REPORT.replace(PARTS_SENTENCE, "2023年全年预算数为1856.32万元（其中中央资金1000.00万元、省级资金500.00万元、"
                          f"县级配套资金356.32万元），{spent}。")
    report, _ = run(tmp_path, text)
    assert [report[key] for key in ("budget_total_wan", "spent_total_wan", "execution_rate_pct")] == [
        "1856.32", "1790.11", "96.43"]


OWN_FORM = txt_table(
    ("项目名称", "2023年度乡村振兴补助资金", "", "", "", ""),
    ("", "年初预算数（万元）", "全年预算数（万元）", "全年执行数（万元）", "执行率", "得分"),
    ("年度资金总额", "4,286.50", "4,286.50", "4,231.68", "98.72%", "9.87"),
    ("总分", "", "", "", "", "99.87"),
)


def test_a_project_report_keeps_its_own_form_beside_a_list_of_its_projects(tmp_path: Path) -> None:
    """Blind probe AK a06: a list of the fund's projects headed 项目名称 | 全年预算数 | … was read as a
    form naming the project “全年预算数”; with two projects' forms in the report, the report's own
    form was dropped with the list (budget_initial_wan and self_score blank)."""
    projects = txt_table(("项目名称", "全年预算数（万元）", "全年执行数（万元）", "执行率"),
                         ("茶产业基地提升项目", "1,280.00", "1,265.40", "98.86%"),
                         ("农村道路硬化项目", "1,150.00", "1,138.20", "98.97%"))
    text = ("某县2023年度乡村振兴补助资金项目绩效自评报告\n一、资金安排\n" + projects
            + "二、绩效自评表\n" + OWN_FORM + "某县农业农村局\n2024年3月1日\n")
    report, _ = run(tmp_path, text)
    assert [report[key] for key in ("budget_initial_wan", "budget_total_wan", "spent_total_wan", "self_score")] == [
        "4286.50", "4286.50", "4231.68", "99.87"]


def test_last_years_copy_of_the_form_is_the_same_project(tmp_path: Path) -> None:
    """Blind probe AN v27: a workbook with the 2023 form and last year's (项目名称 2022年… against
    2023年…) gave a blank budget, spending, rate and score: two projects' forms, both dropped."""
    old_form = txt_table(
        ("项目名称", "2022年度乡村振兴补助资金", "", "", "", ""),
        ("", "年初预算数（万元）", "全年预算数（万元）", "全年执行数（万元）", "执行率", "得分"),
        ("2022年度资金总额", "3,900.00", "3,900.00", "3,800.00", "97.44%", "9.74"),
    )
    text = "某县2023年度乡村振兴补助资金项目绩效自评报告\n" + OWN_FORM + "上年自评表：\n" + old_form + "某县农业农村局\n2024年3月1日\n"
    report, _ = run(tmp_path, text)
    assert [report[key] for key in ("budget_total_wan", "spent_total_wan", "execution_rate_pct", "self_score")] == [
        "4286.50", "4231.68", "98.72", "99.87"]


@pytest.mark.parametrize("date_row", [False, True])
def test_the_target_of_an_execution_rate_indicator_is_not_the_rate(tmp_path: Path, date_row: bool) -> None:
    """Blind probe AM d04: “预算执行率 | 100% | 95.71%” in an indicator table gave 执行率 100 (the
    target), with a false JX201 and JX601 against the 95.71% the text states. A row of dates above
    it (2024年11月30日前 | 2024年11月28日) was taken for the header of the rows under it."""
    dates = [("产出指标", "工程完工时间", "2024年11月30日前", "2024年11月28日", "0", "0")] if date_row else []
    table = txt_table(("一级指标", "三级指标", "年度指标值", "实际完成值", "分值", "得分"),
                      ("产出指标", "治理河长（公里）", "≥10", "12", "90", "90"),
                      *dates,
                      ("预算执行率", "", "100%", "95.71%", "10", "9.57"))
    text = ("某县水利局2024年度河道治理项目支出绩效自评报告\n项目全年预算数12,648.00万元，实际支出12,105.36万元，"
            "预算执行率95.71%。\n" + table + "某县水利局\n2025年3月1日\n")
    report, flags = run(tmp_path, text)
    assert report["execution_rate_pct"] == "95.71"
    assert [f["rule_id"] for f in flags if f["rule_id"] in ("JX201", "JX601")] == []


def test_an_office_named_in_a_cited_notice_is_not_the_unit(tmp_path: Path) -> None:
    """Blind probe AK a02: “根据《滑县财政局关于开展2023年度项目支出绩效自评工作的通知》要求” gave
    the unit 滑县财政局, which issued the notice; the report is the 农业农村局's."""
    text = ("滑县2023年度高标准农田建设项目支出绩效自评报告\n"
            "根据《滑县财政局关于开展2023年度项目支出绩效自评工作的通知》要求，滑县农业农村局对本项目开展了自评。\n"
            "项目全年预算数1,200.00万元，实际支出1,180.00万元，预算执行率98.33%。\n滑县农业农村局\n2024年3月1日\n")
    report, _ = run(tmp_path, text)
    assert report["unit_name"] == "滑县农业农村局"


def test_two_values_a_yuan_wan_slip_apart_are_said_to_be(tmp_path: Path) -> None:
    """Blind probe AM t02: the README says a mismatch that is exactly a 元/万元 slip is named as one;
    JX601 did not (736.1万元 against 0.07361万元)."""
    text = REPORT.replace("实际支出1790.11万元", "实际支出1790.11万元").replace(
        "政府采购预算80万元，实际采购金额76.5万元。", "政府采购预算80万元，实际采购金额76.5万元。全年实际支出1790.11元。")
    _, flags = run(tmp_path, text)
    (conflict,) = [f for f in flags if f["rule_id"] == "JX601"]
    assert "一万倍" in conflict["message"] and "元与万元" in conflict["message"]


def test_two_values_about_ten_times_apart_are_no_decimal_shift(tmp_path: Path) -> None:
    """Written values are exact: 179.011万元 is a shift of 1790.11万元, 179万元 is only another value."""
    for other, hinted in (("179.011", True), ("179", False)):
        text = REPORT.replace("政府采购预算80万元，实际采购金额76.5万元。",
                              f"政府采购预算80万元，实际采购金额76.5万元。全年实际支出{other}万元。")
        (tmp_path / other).mkdir()
        _, flags = run(tmp_path / other, text)
        (conflict,) = [f for f in flags if f["rule_id"] == "JX601"]
        assert ("小数点错位" in conflict["message"]) is hinted


SANGONG_SENTENCE = "“三公”经费支出3.5万元，其中公务接待费1.2万元，公务用车运行维护费2.3万元，因公出国（境）费0万元。"


@pytest.mark.parametrize(("sentence", "key"), [
    ("“三公”经费支出为零。", "sangong_spent_wan"),
    ("“三公”经费支出为0。", "sangong_spent_wan"),  # no amount in the sentence to lend a unit
    (SANGONG_SENTENCE.replace("因公出国（境）费0万元", "因公出国（境）费：无"), "overseas_spent_wan"),
])
def test_no_money_spent_said_in_words_is_zero(tmp_path: Path, sentence: str, key: str) -> None:
    """Blind probe AM e2: “三公经费支出为零”, “…为0” alone in their sentence and “因公出国（境）费：无”
    left their keys blank; nothing spent is 0 in any unit."""
    report, _ = run(tmp_path, REPORT.replace(SANGONG_SENTENCE, sentence))
    assert report[key] == "0"


def test_a_computed_control_rate_is_rounded_half_up(tmp_path: Path) -> None:
    """29 ÷ 32 = 90.625 %: shown 90.63 %, as people round (blind probe AQ d11)."""
    text = LOOK_ALIKE_HEAD + "本单位编制32人，实有人数29人，在职人员控制率96.88%。\n"
    _, flags = run(tmp_path, text)
    (flag,) = [flag for flag in flags if flag["rule_id"] == "JX202"]
    assert "90.63%" in flag["message"] and "90.62" not in flag["message"]


# --- the right figure among look-alikes (blind probe AQ) ----------------------------------------

LOOK_ALIKE_HEAD = "某县农业农村局2023年度部门整体支出绩效自评报告\n一、部门整体支出情况\n"


@pytest.mark.parametrize("other", [
    "政府采购预算50.00万元，实际采购金额48.00万元，采购执行率96.00%。",  # d03
    "第五次全国经济普查经费预算10.00万元，实际支出9.50万元，执行率95.00%。",  # d13
    "经济普查经费预算10.00万元，实际支出9.50万元，普查经费执行率95.00%。",
])
def test_the_units_rate_is_not_replaced_by_another_things(tmp_path: Path, other: str) -> None:
    """“预算执行率” after 全年预算 and 全年支出 is the unit's rate, as sure as a label can be; a rate
    named by more than 执行率 (采购执行率) or one in a sentence about other money is that money's:
    not the unit's, and no second value of it."""
    text = LOOK_ALIKE_HEAD + "2023年度全年预算100.00万元，全年支出90.00万元，预算执行率90.00%。\n" + other + "\n"
    report, flags = run(tmp_path, text)
    assert (report["execution_rate_pct"], report["budget_total_wan"], report["spent_total_wan"]) == (
        "90.00", "100.00", "90.00")
    assert [flag["rule_id"] for flag in flags] == []


def test_a_rate_its_own_figures_contradict_beside_a_procurement_rate(tmp_path: Path) -> None:
    """The stated 92.84% against 6,215.48 ÷ 6,842.35 = 90.84% is an error, whatever the procurement
    section's 采购执行率 says (blind probe AQ d03, its planted error)."""
    text = (LOOK_ALIKE_HEAD + "2023年全年预算6,842.35万元，全年支出6,215.48万元，预算执行率92.84%。\n"
            "政府采购预算520.00万元，实际采购金额498.36万元，采购执行率95.84%。\n")
    report, flags = run(tmp_path, text)
    assert report["execution_rate_pct"] == "92.84"
    assert [(flag["rule_id"], flag["severity"]) for flag in flags] == [("JX201", "error")]


@pytest.mark.parametrize("sentence", [
    "2023年度收入预算100.00万元，支出预算100.00万元，收支平衡。年中追加经费，调整后支出预算120.00万元。",  # d07
    "2023年年初预算100.00万元，调整预算后为120.00万元。",  # d10
])
def test_the_budget_after_the_years_adjustments_is_the_budget(tmp_path: Path, sentence: str) -> None:
    """A budget stated plainly beside one stated as adjusted is the budget before the adjustments:
    the 预算数 is the adjusted one, the one 预算执行率 is measured against (110 ÷ 120 = 91.67%)."""
    text = LOOK_ALIKE_HEAD + sentence + "全年实际支出110.00万元，预算执行率91.67%。\n"
    report, flags = run(tmp_path, text)
    assert (report["budget_total_wan"], report["execution_rate_pct"]) == ("120.00", "91.67")
    assert [flag["rule_id"] for flag in flags] == []


def test_retirees_listed_after_the_staff_are_not_in_it(tmp_path: Path) -> None:
    """“年末实有人员41名，在职人员控制率91.11%，退休人员23名” (blind probe AQ d04) lists the retirees
    beside the staff; nothing breaks the 41 down into them."""
    text = LOOK_ALIKE_HEAD + "本级核定编制45名，年末实有人员41名，在职人员控制率91.11%，退休人员23名。\n"
    report, flags = run(tmp_path, text)
    assert (report["staff_quota"], report["staff_actual"], report["staff_control_rate_pct"]) == ("45", "41", "91.11")
    assert [flag["rule_id"] for flag in flags] == []


def test_the_money_of_the_units_below_is_not_the_units(tmp_path: Path) -> None:
    """“下属14家乡镇卫生院2023年度医疗收入合计500.00万元，不纳入本部门决算” (blind probe AQ d04): the
    units below's income is no second value of the unit's own."""
    text = (LOOK_ALIKE_HEAD + "2023年度本年收入合计100.00万元，其中财政拨款收入100.00万元。"
            "下属14家乡镇卫生院2023年度医疗收入合计500.00万元，不纳入本部门决算。\n")
    report, flags = run(tmp_path, text)
    assert report["income_total_wan"] == "100.00"
    assert [flag["rule_id"] for flag in flags] == []


def test_a_count_of_units_is_not_money(tmp_path: Path) -> None:
    """“下属14家乡镇卫生院…” (blind probe AQ d04): 14 is a count of 家, not 14万元 of income."""
    text = (LOOK_ALIKE_HEAD + "2023年度本年收入合计100.00万元，其中财政拨款收入100.00万元。"
            "下属14家乡镇卫生院均为独立核算单位。\n")
    report, flags = run(tmp_path, text)
    assert report["income_total_wan"] == "100.00"
    values = [row["value"] for row in read_metrics(tmp_path) if row["metric"] == "income_total_wan"]
    assert values == ["100.00"]
    assert [flag["rule_id"] for flag in flags] == []


def read_metrics(tmp_path: Path) -> list[dict[str, str]]:
    """The metrics.csv rows of the last ``run`` into ``tmp_path``."""
    with open(tmp_path / "out" / "metrics.csv", encoding="utf-8-sig", newline="") as handle:
        return list(csv.DictReader(handle))


@pytest.mark.parametrize("sentence", [
    "2024年全年预算数6,842.35万元（含2023年结转资金86.20万元），执行数6,715.90万元，预算执行率98.15%。",
    "2023年结转资金86.20万元，全部用于低保金发放。",
    "2023年度结转资金86.20万元，全部用于低保金发放。",
])
def test_money_carried_from_the_year_before_is_the_years_carryover(tmp_path: Path, sentence: str) -> None:
    """In a report on 2024, money carried over from 2023 is carried into 2024: its 上年结转 (blind
    probe AP r07, r10, r12, r16)."""
    text = "某县民政局2024年度部门整体支出绩效自评报告\n一、基本情况\n" + sentence + "\n"
    report, _ = run(tmp_path, text)
    assert report["carryover_wan"] == "86.20"


def test_money_carried_from_an_earlier_year_is_that_years(tmp_path: Path) -> None:
    text = "某县民政局2024年度部门整体支出绩效自评报告\n一、基本情况\n2022年结转资金86.20万元，已于2023年全部支出。\n"
    report, _ = run(tmp_path, text)
    assert report["carryover_wan"] == ""


def test_a_total_named_as_such_is_not_on_the_side_of_the_amount_before_it(tmp_path: Path) -> None:
    """“收入预算100.00万元，本年收入合计110.00万元” (blind probe AQ d03): the 收入合计 is the year's
    income, not a budget of it (which has no column)."""
    text = LOOK_ALIKE_HEAD + "2023年收入预算100.00万元，本年收入合计110.00万元，其中财政拨款收入100.00万元，其他收入10.00万元。\n"
    report, _ = run(tmp_path, text)
    assert report["income_total_wan"] == "110.00"


def test_a_side_and_a_colon_over_a_list_give_the_lists_side(tmp_path: Path) -> None:
    """“预算安排：基本支出300.00万元，项目支出200.00万元” lists budgets: the lead's side comes before
    the weak 支出 in each part's name (which read them as spent)."""
    text = LOOK_ALIKE_HEAD + "预算安排：基本支出300.00万元，项目支出200.00万元。全年支出480.00万元。\n"
    report, _ = run(tmp_path, text)
    assert {key: report[key] for key in ("basic_budget_wan", "project_budget_wan", "basic_spent_wan",
                                         "project_spent_wan", "spent_total_wan")} == {
        "basic_budget_wan": "300.00", "project_budget_wan": "200.00", "basic_spent_wan": "",
        "project_spent_wan": "", "spent_total_wan": "480.00"}


def test_a_rate_after_the_whole_towns_budget_is_the_units(tmp_path: Path) -> None:
    """“2023年度全镇预算…，实际支出…，执行率97.68%” in a 镇's report (blind probe AJ aj05): 全镇预算 is
    the unit's own budget by another name, not money of something else, so its 执行率 is the unit's."""
    text = ("某县某镇人民政府2023年度部门整体支出绩效自评报告\n一、基本情况\n"
            "2023年度全镇预算2,856.40万元，实际支出2,790.15万元，执行率97.68%。\n")
    report, _ = run(tmp_path, text)
    assert report["execution_rate_pct"] == "97.68"


@pytest.mark.parametrize("lines", [
    # the whole's 执行数 named by its own words in the sentence with 全年预算, before a restatement
    # with a typo (blind probe AS a4), and a 元 for 万元 slip written first (a2)
    ("2024年度全年预算数1,024.60万元，全年执行数986.52万元，预算执行率96.28%。",
     "全年执行数968.52万元，主要用于人员工资和日常运转。"),
    ("全年执行数9,865,200.00万元，主要用于人员工资和日常运转。",
     "2024年度全年预算数1,024.60万元，全年执行数986.52万元，预算执行率96.28%。"),
])
def test_of_two_values_the_one_the_reports_rate_agrees_with(tmp_path: Path, lines: tuple[str, str]) -> None:
    """986.52 ÷ 1,024.60 = 96.28%, the rate the report states: 986.52 is its 执行数, and the other
    value is shown as a second one (JX601), not used to call the rate wrong (JX201)."""
    text = "某县某局2024年度部门整体支出绩效自评报告\n一、基本情况\n" + "\n".join(lines) + "\n"
    report, flags = run(tmp_path, text)
    assert (report["spent_total_wan"], report["execution_rate_pct"]) == ("986.52", "96.28")
    assert [flag["rule_id"] for flag in flags] == ["JX601"]


def test_the_rate_after_the_balance_is_the_wholes(tmp_path: Path) -> None:
    """“…，全年执行数3088.64万元，结余4万元，预算执行率96.22%” (blind probe AR w1): 结余 has no rate;
    the 预算执行率 after it is the whole's, and is checked (3088.64 ÷ 3210.00 = 96.22%)."""
    text = LOOK_ALIKE_HEAD + "全年预算数3210.00万元，全年执行数3088.64万元，结余4万元，预算执行率96.22%。\n"
    report, flags = run(tmp_path, text)
    assert (report["execution_rate_pct"], report["balance_wan"]) == ("96.22", "4")
    assert flags == []


def test_a_unit_declared_above_a_tables_caption_is_the_tables(tmp_path: Path) -> None:
    """“…明细见下表（单位：万元）：” over “表2 2025年度“三公”经费支出明细表” over the table (blind probe
    AO f13): the unit two lines up is the table's, as it would be right above it."""
    text = ("某县人社局2025年度部门整体支出绩效自评报告\n一、基本情况\n"
            "“三公”经费预算4.20万元，支出3.91万元，明细见下表（单位：万元）：\n"
            "表2  2025年度“三公”经费支出明细表\n"
            + txt_table(("项目", "预算数", "支出数"), ("公务接待费", "1.20", "1.05"),
                        ("公务用车运行维护费", "3.00", "2.86"), ("因公出国（境）费", "0", "0"),
                        ("合计", "4.20", "3.91")))
    report, flags = run(tmp_path, text)
    assert (report["reception_spent_wan"], report["vehicle_operation_spent_wan"], report["sangong_spent_wan"]) == (
        "1.05", "2.86", "3.91")
    assert flags == []


@pytest.mark.parametrize("example", [
    "【填报示例：全年预算数1000.00万元，全年执行数950.00万元，预算执行率95.00%；自评得分90分，等次为良。正式报送前请删除本段。】",
    "填报示例：全年预算数1000.00万元。",
    "（模板说明：金额单位为万元；示例：全年预算数1000.00万元。）",
    "（填报说明：请写明预算执行情况，例如：全年预算数1000.00万元，全年执行数950.00万元。）",
    "（填写说明：请填写自评得分及等次，如“自评得分90分，等次为良”。）",
])
def test_a_templates_worked_example_is_not_the_units(tmp_path: Path, example: str) -> None:
    """A worked example left in from the template (blind probe AU r09, r06, t3) gives no figure: the
    unit's own are the values, and nothing is flagged against the example's."""
    text = (LOOK_ALIKE_HEAD + example + "\n2023年度全年预算数1,832.60万元，全年执行数1,790.15万元，预算执行率97.68%。\n"
            "经自评，本单位自评得分94分，评价等次为优。\n")
    report, flags = run(tmp_path, text)
    assert {key: report[key] for key in ("budget_total_wan", "spent_total_wan", "execution_rate_pct", "self_score",
                                         "grade")} == {
        "budget_total_wan": "1832.60", "spent_total_wan": "1790.15", "execution_rate_pct": "97.68",
        "self_score": "94", "grade": "优"}
    assert flags == []


@pytest.mark.parametrize("rule", [
    "评分办法：总分100分，预算执行率10分，得分=执行率×10；90分以上为优，80-89分为良。",
    "本次评价满分100分。",
    "二、评分标准：总分值100分。",
    "本次评价总分100分，共设置一级指标4个、二级指标10个、三级指标25个。",
    "评价指标体系总分为100分，其中产出指标50分、效益指标30分。",
    # the rules the evaluation follows (blind probe AX F02, F07, F09)
    "本次自评按照决策、过程、产出、效益四个方面设置指标，总分100分。",
    "本次自评按照《宁乡市财政支出项目绩效自评评分规则》执行，总分100分，其中预算执行率指标分值10分。",
    "按照评分标准（总分100分；90分及以上为优，80-89.99分为良，60-79.99分为中，60分以下为差），评价如下。",
])
def test_the_scoring_scale_is_not_the_score(tmp_path: Path, rule: str) -> None:
    """How the evaluation is scored (评分办法：总分100分…, 满分100分) gives the scale, not the score the
    unit got (blind probe AU r09): no second value of 自评得分."""
    text = LOOK_ALIKE_HEAD + rule + "\n经自评，本单位自评得分94分，评价等次为优。\n"
    report, flags = run(tmp_path, text)
    assert report["self_score"] == "94"
    assert flags == []


@pytest.mark.parametrize("stated", ["经评价，总分100分，评价等次为优。", "本项目自评总分100分，评价等次为优。"])
def test_a_total_of_100_the_unit_got_is_its_score(tmp_path: Path, stated: str) -> None:
    """A 总分 of 100 the report says the unit got (经评价, 自评) is its score, not the scale."""
    report, _flags = run(tmp_path, LOOK_ALIKE_HEAD + stated + "\n")
    assert report["self_score"] == "100"


MONTHLY_GROUPS = ("2023年按月足额发放高龄津贴：80-89周岁老人2,100人，每人每月100元，全年发放252.00万元；"
                  "90-99周岁老人350人，每人每月200元，全年发放84.00万元；100周岁以上老人12人，每人每月500元，全年发放7.20万元。")


@pytest.mark.parametrize(("whole", "paid"), [
    ("", ""),
    ("全年共为2,462名高龄老人发放高龄津贴343.20万元。", "343.20"),
])
def test_one_groups_money_is_not_the_programmes(tmp_path: Path, whole: str, paid: str) -> None:
    """Blind probe AV: groups each paid by their own monthly standard (2,100 × 100元 × 12 = 252.00万元,
    350 × 200 × 12 = 84.00, 12 × 500 × 12 = 7.20). One group's 84.00万元 was the report's 直补资金; it is
    blank unless the report states the programme's total, which is then taken."""
    report, flags = run(tmp_path, "某县2023年度高龄津贴专项资金绩效自评报告\n"
                        "高龄津贴专项资金2023年度预算数为350.00万元，全年执行数343.20万元，预算执行率98.06%。\n"
                        + MONTHLY_GROUPS + "\n" + whole + "\n本项目自评得分95分，等次为优。\n")
    assert report["direct_subsidy_wan"] == paid
    assert report["spent_total_wan"] == "343.20"
    assert not {flag["rule_id"] for flag in flags} & {"JX601", "JX250"}


@pytest.mark.parametrize(("text", "expected"), [
    # a programme named …计划 is one fund's report (blind probe AW 02): its money named by the programme
    (("某县教育局2023年度农村义务教育学生营养改善计划绩效自评报告\n"
      "2023年营养改善计划资金预算1,196.40万元，实际执行1,142.87万元，预算执行率95.53%。\n"),
     ("1196.40", "1142.87", "95.53")),
    # 批复 between 项目 and 预算 (blind probe AW 05)
    (("2023年度高标准农田建设项目绩效自评报告\n"
      "项目批复预算2,850.00万元，截至2023年12月31日实际支出2,793.12万元，预算执行率98.00%。\n"),
     ("2850.00", "2793.12", "98.00")),
    # 困难群众 are the people paid, not 群众自筹 (blind probe AX F08)
    (("沅陵县民政局2023年度困难群众救助补助资金绩效自评报告\n"
      "2023年困难群众救助补助资金全年预算数3,210.50万元，全年执行数3,166.27万元，预算执行率98.62%。\n"),
     ("3210.50", "3166.27", "98.62")),
])
def test_a_programmes_own_money_named_by_it(tmp_path: Path, text: str, expected: tuple[str, str, str]) -> None:
    report, _ = run(tmp_path, text)
    assert (report["budget_total_wan"], report["spent_total_wan"], report["execution_rate_pct"]) == expected


def test_the_first_of_the_kinds_paid_is_not_the_whole(tmp_path: Path) -> None:
    """“全年累计发放城乡低保金2,416.80万元、特困人员救助供养金568.20万元” (blind probe AX F08): the
    低保金 is one of the kinds the programme paid, not its 直补资金."""
    report, _ = run(tmp_path, "沅陵县民政局2023年度困难群众救助补助资金绩效自评报告\n"
                    "2023年困难群众救助补助资金全年预算数3,210.50万元，全年执行数3,166.27万元，预算执行率98.62%。"
                    "全年累计发放城乡低保金2,416.80万元、特困人员救助供养金568.20万元，实施临时救助1,842人次。\n")
    assert report["direct_subsidy_wan"] == ""
    assert report["budget_total_wan"] == "3210.50"


def test_a_scoring_rules_conditions_are_no_figures(tmp_path: Path) -> None:
    """Blind probe AX F01, F07: “执行率达到100%的得满分” is a condition of the scoring rules, not the
    unit's 执行率 (it gave a false JX601 beside the stated 82.35%), and the grade bands “90分（含）以上
    为优，80分（含）-90分为良” are no 自评得分 figures."""
    text = (LOOK_ALIKE_HEAD + "2023年预算数170.00万元，执行数140.00万元，预算执行率82.35%。\n"
            "预算执行率指标分值10分：执行率达到100%的得满分，执行率在90%（含）-100%之间的按比例得分。\n"
            "评价结果分为四个等次：90分（含）以上为优，80分（含）-90分为良，60分（含）-80分为中，60分以下为差。\n"
            "经自评，本单位自评得分86分，评价等次为良。\n")
    report, flags = run(tmp_path, text)
    assert (report["execution_rate_pct"], report["self_score"], report["n_conflicts"]) == ("82.35", "86", "0")
    assert flags == []
    with open(tmp_path / "out" / "metrics.csv", encoding="utf-8-sig", newline="") as handle:
        scores = [row["value"] for row in csv.DictReader(handle) if row["metric"] == "self_score"]
    assert scores == ["86"]


FUNDS_BLOCK_FORM = ("2023年度乡镇综合文化站免费开放项目绩效自评表\n金额单位：万元\n"
                    + txt_table(("资金情况", "预算数", "执行数", "预算执行率", "分值", "得分"),
                                ("资金情况", "48", "47.52", "99.00%", "10", "9.9"),
                                ("序号", "指标名称", "年度目标", "实际完成", "分值", "得分"),
                                ("1", "文化站年开放天数", "≥300天", "312天", "45", "45"),
                                ("2", "群众满意度", "≥90%", "93.4%", "45", "44"),
                                ("合计", "", "", "", "100", "98.9")))


def test_a_forms_funds_block_is_the_projects_money(tmp_path: Path) -> None:
    """Blind probe AW X2: a local form's funds block, “资金情况 | 预算数 | 执行数 | 预算执行率 | 分值 |
    得分” over “48 | 47.52 | 99.00% | 10 | 9.9”, is the project's budget, spending and rate; its 分值
    and 得分 are the rate's, part of the 合计 row (45 + 45 + 10 = 100, 45 + 44 + 9.9 = 98.9): no JX104."""
    report, flags = run(tmp_path, FUNDS_BLOCK_FORM)
    assert (report["budget_total_wan"], report["spent_total_wan"], report["execution_rate_pct"]) == (
        "48", "47.52", "99.00")
    assert [flag["rule_id"] for flag in flags] == []


@pytest.mark.parametrize(("title", "sentence", "expected"), [
    # the fund by its own name, without 资金 (blind probe AY 桃源)
    ("桃源县教育局2023年度普通高中国家助学金绩效自评报告",
     "2023年普通高中国家助学金预算260.00万元，执行257.20万元，执行率98.92%。", ("260.00", "257.20")),
    # the fund abbreviated: 城乡低保 of 城乡最低生活保障 (blind probe AY 沅江)
    ("沅江市民政局2023年度城乡最低生活保障资金绩效自评报告",
     "2023年城乡低保资金预算2,900.00万元，执行2,856.40万元，执行率98.50%。", ("2900.00", "2856.40")),
    # the title names the work after the fund: 高龄津贴发放 (blind probe AY 南县)
    ("南县民政局2023年度高龄津贴发放绩效自评报告",
     "2023年高龄津贴预算400.00万元，执行396.84万元，预算执行率99.21%。", ("400.00", "396.84")),
])
def test_a_funds_money_named_by_the_fund(tmp_path: Path, title: str, sentence: str,
                                         expected: tuple[str, str]) -> None:
    report, _ = run(tmp_path, title + "\n" + sentence + "\n")
    assert (report["budget_total_wan"], report["spent_total_wan"]) == expected


def test_another_funds_abbreviation_is_not_the_reports(tmp_path: Path) -> None:
    """城乡医保 keeps a character 城乡最低生活保障 lacks: another fund's money, not the report's."""
    report, _ = run(tmp_path, "沅江市民政局2023年度城乡最低生活保障资金绩效自评报告\n"
                    "2023年城乡医保资金预算500.00万元。\n")
    assert report["budget_total_wan"] == ""


def test_the_people_paid_before_the_money(tmp_path: Path) -> None:
    """“共为12,356名移民发放后期扶持直补资金736.20万元” (blind probe AY 鼎城): the 为 of paying to the
    people counted, not of “人数为”; 12,356 × 600元 = 741.36万元, so the programme paid 86 people short."""
    report, flags = run(tmp_path, "鼎城区库区移民事务中心2023年度部门整体支出绩效自评报告\n"
                        "2023年共为12,356名移民发放后期扶持直补资金736.20万元。\n")
    assert (report["direct_subsidy_people"], report["direct_subsidy_wan"]) == ("12356", "736.20")
    assert [flag["rule_id"] for flag in flags] == ["JX250"]


DEPT_HEAD = ("某县审计局2023年度部门整体支出绩效自评报告\n"
             "2023年全年预算数2,745.93万元，全年执行数2,688.17万元，预算执行率97.90%。\n")


def test_a_bare_spending_after_an_items_budget(tmp_path: Path) -> None:
    """“其中：公务接待费预算3.12万元，支出2.48万元；…” (blind probe AZ): 支出 alone is the item's
    spending, not a second budget (it gave false JX601 and wrong budgets in eight reports)."""
    report, flags = run(tmp_path, DEPT_HEAD + "2023年“三公”经费预算28.50万元，实际支出21.36万元。其中：公务接待费预算"
                        "3.12万元，支出2.48万元；公务用车购置及运行维护费预算25.38万元，支出18.88万元。\n")
    assert (report["reception_budget_wan"], report["reception_spent_wan"]) == ("3.12", "2.48")
    assert (report["vehicle_budget_wan"], report["vehicle_spent_wan"]) == ("25.38", "18.88")
    assert flags == []


@pytest.mark.parametrize(("sentence", "keys", "values"), [
    ("（一）基本支出。全年预算1,204.55万元，支出1,198.62万元。", ("basic_budget_wan", "basic_spent_wan"),
     ("1204.55", "1198.62")),
    ("“三公”经费：全年预算5.20万元，支出4.37万元。", ("sangong_budget_wan", "sangong_spent_wan"), ("5.20", "4.37")),
])
def test_a_part_named_by_its_lead(tmp_path: Path, sentence: str, keys: tuple[str, str],
                                  values: tuple[str, str]) -> None:
    """Blind probe AZ A04, A09: 全年预算 alone after a heading that opens the paragraph or a colon lead
    is the part they name, not the unit's whole budget (which it had replaced, with a false JX201)."""
    report, flags = run(tmp_path, DEPT_HEAD + sentence + "\n")
    assert (report[keys[0]], report[keys[1]]) == values
    assert (report["budget_total_wan"], report["spent_total_wan"]) == ("2745.93", "2688.17")
    assert flags == []


def test_a_bracket_after_an_items_spending_breaks_down_the_spending(tmp_path: Path) -> None:
    """Blind probe AZ A07, A10: inside a 其中 list, “支出3,096.27万元（人员经费2,574.80万元，公用经费
    521.47万元）” breaks down the spending the bracket follows; the list's 预算 had made them budgets
    (a wrong 公用经费预算 and a false JX102 against the 公务用车费 budget)."""
    report, flags = run(tmp_path, DEPT_HEAD.replace("2,745.93", "4,655.82").replace("2,688.17", "4,588.16").replace(
        "97.90", "98.55") + "其中：基本支出全年预算3,108.40万元，支出3,096.27万元（人员经费2,574.80万元，公用经费"
        "521.47万元）；项目支出全年预算1,547.42万元，支出1,491.89万元。\n2023年“三公”经费预算18.00万元，实际支出"
        "14.72万元。其中：公务接待费预算4.00万元，支出3.15万元；公务用车购置及运行维护费预算14.00万元，支出11.57万元"
        "（公务用车购置费0万元，公务用车运行维护费11.57万元）。\n")
    assert (report["public_budget_wan"], report["public_spent_wan"]) == ("", "521.47")
    assert (report["vehicle_operation_budget_wan"], report["vehicle_operation_spent_wan"]) == ("", "11.57")
    assert flags == []


def test_the_whole_after_a_lead_naming_the_part_of_the_report(tmp_path: Path) -> None:
    """“（二）执行情况：2022年全年支出7,986,512.36元，预算执行率99.65%” (blind probe AZ A11): the lead
    names the part of the report, not a thing; the spending that follows is the unit's."""
    report, _ = run(tmp_path, "祁东县城关第二完全小学2022年度整体支出绩效自评报告\n"
                    "（一）预算情况：2022年全年预算数8,014,237.50元。\n"
                    "（二）执行情况：2022年全年支出7,986,512.36元，预算执行率99.65%。\n")
    assert (report["budget_total_wan"], report["spent_total_wan"]) == ("801.423750", "798.651236")


def test_people_who_joined_or_left_are_not_the_people_paid(tmp_path: Path) -> None:
    """“全年新增对象276人，退出对象91人” (blind probe AY 桃江): changes, not a second 直补人数 (JX601)."""
    report, flags = run(tmp_path, "桃江县2023年度计划生育奖励扶助资金绩效自评报告\n"
                        "2023年共为3,145名奖励扶助对象发放奖励扶助金301.92万元。全年新增对象276人，退出对象91人。\n")
    assert report["direct_subsidy_people"] == "3145"
    assert "JX601" not in {flag["rule_id"] for flag in flags}


def test_a_report_on_two_programmes_pays_each_its_own_people(tmp_path: Path) -> None:
    """Blind probe AY 平江: a report on 困难残疾人生活补贴 and 重度残疾人护理补贴 states each one's standard,
    people and money; neither is the report's (blank, no JX601). The second is paid short (5,104 ×
    1,080元 = 551.23万元, not 525.62): JX251 says so."""
    report, flags = run(tmp_path, "平江县残疾人联合会2023年度困难残疾人生活补贴和重度残疾人护理补贴资金绩效自评报告\n"
                        "（一）困难残疾人生活补贴。补贴标准为每人每年960元。全年为3,826名困难残疾人发放生活补贴367.30万元。\n"
                        "（二）重度残疾人护理补贴。护理补贴标准为每人每年1,080元。全年为5,104名重度残疾人发放护理补贴"
                        "525.62万元。\n")
    assert [report[key] for key in ("direct_subsidy_people", "direct_subsidy_wan", "direct_subsidy_standard_yuan")] == [
        "", "", ""]
    assert [flag["rule_id"] for flag in flags] == ["JX251"]


@pytest.mark.parametrize(("title", "text", "expected"), [
    # the people the money was allotted by are not the people paid; 直补人口 names the latter (湘阴)
    ("湘阴县2023年度大中型水库移民后期扶持直补资金绩效自评报告",
     ("2023年省财政按核定扶持人口6,920人下达我县直补资金415.20万元。\n"
      "2023年核定直补人口6,842人，全年发放直补资金410.52万元。\n"), ("6842", "410.52", "")),
    # people helped (资助) before a 其中 list of its parts (安乡)
    ("安乡县2023年度学生资助资金绩效自评报告",
     "2023年全县共资助家庭经济困难学生3,452人，其中：普通高中国家助学金1,860人，学前教育幼儿资助420人。\n",
     ("3452", "", "")),
    # a programme of 供养 pays people (资阳)
    ("资阳区2023年度农村特困分散供养资金绩效自评报告",
     ("2023年分散供养特困人员基本生活标准为每人每年7,200元。全年为835名分散供养特困人员发放基本生活费"
      "601.20万元。\n"), ("835", "601.20", "7200")),
    # the standard before it was raised is not the year's (no value rather than the old one)
    ("某县2023年度高龄津贴专项资金绩效自评报告",
     "2023年，高龄津贴标准由每人每年600元提高到每人每年720元，全年为1,000名老人发放高龄津贴72.00万元。\n",
     ("1000", "72.00", "")),
])
def test_who_a_programme_paid(tmp_path: Path, title: str, text: str, expected: tuple[str, str, str]) -> None:
    """Blind probe AY: the people, money and standard a programme paying people states."""
    report, flags = run(tmp_path, title + "\n" + text)
    assert (report["direct_subsidy_people"], report["direct_subsidy_wan"],
            report["direct_subsidy_standard_yuan"]) == expected
    assert "JX601" not in {flag["rule_id"] for flag in flags}


@pytest.mark.parametrize(("title", "first_row"), [
    ("华容县2023年度残疾人两项补贴资金绩效自评报告", ()),
    # the form names the project over its funds row
    ("项目支出绩效自评表（2023年度）", (("项目名称", "残疾人两项补贴"), ("", "全年预算数", "全年执行数"),
                                     ("年度资金总额", "620", "598.56"))),
])
def test_two_programmes_indicator_rows_are_each_ones_own(tmp_path: Path, title: str,
                                                         first_row: tuple[tuple[str, ...], ...]) -> None:
    """Blind probe AY 华容: the people of 困难残疾人生活补贴 and of 重度残疾人护理补贴, each an indicator
    row of a report on both, are neither the report's 直补人数 (nor two values of it)."""
    report, flags = run(tmp_path, title + "\n" + txt_table(
        *first_row,
        ("一级指标", "二级指标", "三级指标", "年度指标值", "实际完成值"),
        ("产出指标", "数量指标", "困难残疾人生活补贴人数", "≥2600人", "2615人"),
        ("产出指标", "数量指标", "重度残疾人护理补贴人数", "≥3100人", "3162人")))
    assert report["direct_subsidy_people"] == ""
    assert "JX601" not in {flag["rule_id"] for flag in flags}


def test_the_spent_part_of_the_carryover_is_not_the_carryover(tmp_path: Path) -> None:
    """“…其中当年财政拨款支出610.20万元，上年结转资金支出42.20万元” beside 上年结转资金45.00万元 (blind
    probe BA F04): how much of the carryover was spent, not a second value of it (a false JX601)."""
    report, flags = run(tmp_path, "2023年度某县农村公路建设项目绩效自评报告\n"
                        "项目全年预算数700.00万元，全年执行数652.40万元，其中当年财政拨款支出610.20万元，"
                        "上年结转资金支出42.20万元。\n上年结转资金45.00万元。\n")
    assert report["carryover_wan"] == "45.00"
    assert flags == []


@pytest.mark.parametrize("total", ["合计", "合    计", "合\u3000\u3000计"])
def test_a_total_row_spread_over_its_cell(tmp_path: Path, total: str) -> None:
    """“合    计” (blind probe BB F08: a PDF's 决算表, whose total row was never read, so a slip in the
    narrative's 执行数 was taken and the two values not compared)."""
    report, _ = run(tmp_path, "某县市场监督管理局2023年度部门整体支出绩效自评报告\n单位：万元\n" + txt_table(
        ("项目", "年初预算数", "全年预算数", "全年执行数", "执行率"),
        ("一、基本支出", "1,662.66", "1,736.60", "1,708.48", "98.38%"),
        ("二、项目支出", "1,120.00", "1,843.60", "1,748.30", "94.83%"),
        (total, "2,782.66", "3,580.20", "3,456.78", "96.55%")))
    assert (report["budget_total_wan"], report["spent_total_wan"], report["execution_rate_pct"]) == (
        "3580.20", "3456.78", "96.55")


def test_what_a_project_over_several_years_has_done_so_far(tmp_path: Path) -> None:
    """“截至2023年底，项目累计完成投资3,180.00万元” in the 2023 report of a 2022—2024 project (blind probe
    BA F09): the project's spending since 2022, not a second value of the year's 执行数 (a false JX601)."""
    report, flags = run(tmp_path, "松林县2022—2024年高标准农田整县推进项目2023年度绩效自评报告\n"
                        "2023年度项目全年预算数2,120.00万元，全年执行数2,036.80万元，预算执行率96.08%。\n"
                        "截至2023年底，项目累计完成投资3,180.00万元。\n")
    assert (report["fiscal_year"], report["spent_total_wan"], report["n_conflicts"]) == ("2023", "2036.80", "0")
    assert flags == []


def test_a_title_set_over_three_lines_of_a_cover(tmp_path: Path) -> None:
    """“云溪县2023年度” / “学前教育发展专项资金” / “绩效自评报告” on a cover (blind probe BB F04): one
    title, a fund's report; a later form's 项目支出绩效自评表 had made it a project's."""
    report, _ = run(tmp_path, "云溪县2023年度\n学前教育发展专项资金\n绩效自评报告\n云溪县教育局\n2024年4月10日\n"
                    "附表：项目支出绩效自评表（2023年度）\n")
    assert (report["fiscal_year"], report["report_kind"]) == ("2023", "special_fund")


def test_a_difference_column_is_no_second_value(tmp_path: Path) -> None:
    """“预算数 | 决算数 | 差额” (blind probe BD: 20 false JX601 in five reports, a false JX403): what
    the two differ by, not a second 决算数."""
    report, flags = run(tmp_path, "某县统计局2023年度部门整体支出绩效自评报告\n单位：万元\n" + txt_table(
        ("项目", "预算数", "决算数", "差额"),
        ("基本支出", "620.00", "612.50", "7.50"),
        ("项目支出", "380.00", "356.20", "23.80"),
        ("支出合计", "1,000.00", "968.70", "31.30")))
    assert (report["budget_total_wan"], report["spent_total_wan"], report["n_conflicts"]) == ("1000.00", "968.70", "0")
    assert flags == []


def test_a_balance_with_money_carried_in(tmp_path: Path) -> None:
    """Blind probe BD F01: 年末结转和结余 38.00 = 年初结转和结余 100.65 + 收入 1,775.73 − 支出 1,838.38;
    income less spending alone (−62.65) gave a false JX102 error."""
    _, flags = run(tmp_path, "某县统计局2023年度部门整体支出绩效自评报告\n单位：万元\n" + txt_table(
        ("项目", "金额"),
        ("年初结转和结余", "100.65"),
        ("本年收入合计", "1,775.73"),
        ("本年支出合计", "1,838.38"),
        ("年末结转和结余", "38.00")))
    assert "JX102" not in {flag["rule_id"] for flag in flags}


def test_a_staff_table_with_retirees_beside_the_serving(tmp_path: Path) -> None:
    """“编制数 | 实有人数 | 其中：在职 | 其中：退休” over “1486 | 1977 | 1452 | 525” (blind probe BD F06): the
    实有人数 counts the retirees; the serving staff are the 实有人数 a control rate is made of (1977
    gave a false JX402 and JX601)."""
    report, flags = run(tmp_path, "望川县教育局2023年度部门整体支出绩效自评报告\n表一 人员情况\n" + txt_table(
        ("编制数", "实有人数", "其中：在职", "其中：退休"), ("1486", "1977", "1452", "525")))
    assert (report["staff_quota"], report["staff_actual"], report["n_conflicts"]) == ("1486", "1452", "0")
    assert flags == []


def test_a_standard_stated_before_the_direct_subsidy_it_pays(tmp_path: Path) -> None:
    """“按每人每年600元的标准，全年…为28415名移民发放后期扶持直补资金1704.90万元” (blind probe BC A1): the
    standard the sentence pays the 直补 by, stated first; 28,415 × 600元 = 1,704.90万元."""
    report, flags = run(tmp_path, "新化县库区移民事务中心2022年度整体绩效自评报告\n"
                        "严格执行国家后期扶持政策，按每人每年600元的标准，全年通过社保卡“一卡通”为28415名移民发放"
                        "后期扶持直补资金1704.90万元。\n")
    assert (report["direct_subsidy_standard_yuan"], report["direct_subsidy_people"], report["direct_subsidy_wan"]) == (
        "600", "28415", "1704.90")
    assert flags == []


def test_the_office_that_issued_the_form_is_not_the_unit(tmp_path: Path) -> None:
    """“涟源市财政局（制）” under a form's title (blind probe BC C2) drew the blank form; the unit that
    filled it in is the one its 部门（单位）名称 cell names."""
    report, _ = run(tmp_path, "涟源市2023年度部门整体支出绩效自评表\n涟源市财政局（制）\n"
                    + txt_table(("部门（单位）名称", "涟源市库区移民事务中心"), ("人员编制", "20")))
    assert report["unit_name"] == "涟源市库区移民事务中心"


def test_retirees_counted_among_the_headcount(tmp_path: Path) -> None:
    """Blind probe BD P01: “编制数 | 实有人数 | 其中：退休” over “52 | 70 | 21”, and the note “实有人数含退休人员
    21人，在职人员49人”: the 70 counts the retirees and the 21 are them; the staff are the 49 (70 gave a
    false JX402 and two JX601). A separate 退休人数 column (not 其中) leaves the 实有人数 as it is."""
    report, flags = run(tmp_path, "枫溪县住房和城乡建设局2023年度部门整体支出绩效自评报告\n" + txt_table(
        ("编制数（人）", "实有人数（人）", "其中：退休（人）"), ("52", "70", "21"))
        + "注：实有人数含退休人员21人，在职人员49人。\n")
    assert (report["staff_quota"], report["staff_actual"], report["n_conflicts"]) == ("52", "49", "0")
    assert flags == []
    report, _ = run(tmp_path, "青岚县司法局2023年度部门整体支出绩效自评报告\n" + txt_table(
        ("编制数", "实有人数", "退休人数"), ("9", "8", "5")))
    assert report["staff_actual"] == "8"
