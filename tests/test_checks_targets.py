"""checks/targets.py: JX501–JX502 case tables through the real stages, and the five seeds.

Each case is one indicator row in a small report written to a .txt file (the seeds' text export:
one TAB-led line per cell, a blank line after each row), read by the real reader and
``pipeline.analyse``. Each must-flag case has its near miss beside it.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from checks.model import number_text
from checks.targets import RULES, comparable_values, name_unit
from extract.numbers import parse_quantity

from seed_checks import SEED_CASES, assert_exact_golden_findings, run_one_rule, text_check_input, txt_table

RULES_BY_ID = {rule.id: rule for rule in RULES}
KINDS = {rule.kind for rule in RULES}
TITLE = "某县库区移民服务中心2023年度中央水库移民扶持基金绩效自评报告\n"
HEADER = ("一级指标", "二级指标", "三级指标", "年度指标值", "实际完成值", "分值", "得分")


def row_report(level2: str, name: str, target: str, actual: str, weight: str = "10", score: str = "8") -> str:
    row = ("产出指标", level2, name, target, actual, weight, score)
    return TITLE + "绩效指标完成情况详见下表。\n" + txt_table(HEADER, row, closed=False)


def flags_of(tmp_path: Path, text: str, rule_id: str):
    check_input = text_check_input(tmp_path, text)
    assert check_input.indicators, "the case's table was not read as an indicator table"
    return run_one_rule(check_input, RULES_BY_ID[rule_id])


# --- JX501 -------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("level2", "name", "target", "actual", "count"),
    [
        # seed 003 表2-1: missed, and met beside it
        ("数量指标", "指标1：资金直补受益移民（人）", "40848", "40245", 1),
        ("数量指标", "指标4：培训移民劳动力（人次）", "948", "1506", 0),
        ("时效指标", "指标1：直补资金按时发放率（%）", "100", "99", 1),
        ("质量指标", "指标1：培训合格率（%）", "100", "100", 0),
        ("经济效益", "移民人均可支配收入增长速度", "5%", "5.48%", 0),
        ("满意度", "指标1：移民对后期扶持政策实施满意度（%）", "≥80", "95", 0),
        # an explicit floor; equal is met
        ("质量指标", "验收合格率（%）", "≥95%", "93%", 1),
        ("质量指标", "验收合格率（%）", "≥95%", "95%", 0),
        ("质量指标", "验收合格率（%）", ">95%", "95%", 1),
        # a ceiling: written, or an amount in a 成本指标 row
        ("成本指标", "项目支出（万元）", "≤50", "52", 1),
        ("成本指标", "项目支出（万元）", "≤50", "50", 0),
        ("成本指标", "项目支出", "不超过50万元", "52万元", 1),
        ("成本指标", "人均培训成本（元）", "2000", "2100", 1),
        ("成本指标", "人均培训成本（元）", "2000", "1900", 0),
        # a rate in a 成本指标 row is still a floor (seed 003: 直补资金标准符合率)
        ("成本指标", "直补资金标准符合率（%）", "100", "98", 1),
        ("成本指标", "直补资金标准符合率（%）", "100", "100", 0),
        # rates of something bad are ceilings; a 控制率 is spent ÷ budgeted
        ("成本指标", "公用经费控制率（%）", "100", "93", 0),
        ("成本指标", "公用经费控制率（%）", "100", "105", 1),
        ("质量指标", "群众投诉率（%）", "5", "7", 1),
        ("质量指标", "群众投诉率（%）", "5", "3", 0),
        # 结转结余率 is the share of the budget left unspent: 5% is a ceiling, also in a 成本指标 row
        # (probe r11_ctrl_indicators: 2.3% against 5% was flagged as missed)
        ("成本指标", "结转结余率", "5%", "2.3%", 0),
        ("成本指标", "结转结余率", "5%", "6.1%", 1),
        # more shares of something bad, and times to wait (probe C_low)
        ("产出指标", "设备故障率", "3%", "1.5%", 0),
        ("产出指标", "设备故障率", "3%", "4%", 1),
        ("产出指标", "56人以上大班额比例", "0", "1.2%", 1),
        ("效益指标", "超概算项目比例", "5%", "2%", 0),
        ("质量指标", "生师比", "19", "17", 0),
        ("服务对象满意度指标", "平均等待时间（分钟）", "30", "25", 0),
        ("服务对象满意度指标", "平均等待时间（分钟）", "30", "35", 1),
        ("效益指标", "城镇登记失业率（%）", "4.5", "3.9", 0),
        ("效益指标", "城镇登记失业率（%）", "4.5", "4.8", 1),
        # a duration in a 时效指标 row is a time limit
        ("时效指标", "审批时限（天）", "30", "35", 1),
        ("时效指标", "审批时限（天）", "30", "25", 0),
        ("时效指标", "项目完成时间", "≤30天", "35天", 1),
        # time limits as reports write them (probe v_time): 内 after a span of time, 工作日 as a
        # duration, a count of days written with 日; each missed, and met beside it
        ("时效指标", "资金拨付时限", "10个工作日内", "12个工作日", 1),
        ("时效指标", "资金拨付时限", "10个工作日内", "11个工作日", 1),
        ("时效指标", "资金拨付时限", "10个工作日内", "9个工作日", 0),
        ("时效指标", "资金拨付时限", "10个工作日内", "10个工作日", 0),
        ("时效指标", "资金拨付时限", "10个工作日", "12个工作日", 1),
        ("时效指标", "资金拨付时限", "10个工作日", "9个工作日", 0),
        ("时效指标", "整改完成时间", "3个月内", "5个月", 1),
        ("时效指标", "整改完成时间", "3个月内", "2个月", 0),
        ("时效指标", "审批办结时间", "15日内", "18日", 1),
        ("时效指标", "审批办结时间", "15日内", "12日", 0),
        ("时效指标", "审批办结时间", "≤15日", "18日", 1),
        ("时效指标", "审批办结时间", "≤15日", "15日", 0),
        ("时效指标", "审批办结时间", "15日", "18日", 1),
        ("时效指标", "审批办结时间", "15日", "14日", 0),
        # a bare 15日 outside a time limit is a day of a month: not compared
        ("数量指标", "审批办结时间", "15日", "18日", 0),
        # 工作日 and 天 are not the same span: not compared
        ("时效指标", "资金拨付时限", "10个工作日内", "12天", 0),
        # deadlines against the date done; a month alone is in time for a deadline at its end
        ("时效指标", "项目完成时间", "2023年11月30日前", "2023年12月20日", 1),
        ("时效指标", "项目完成时间", "2023年11月30日前", "2023年11月30日", 0),
        ("时效指标", "项目完成时间", "2023年11月30日前", "2023年11月28日", 0),
        ("时效指标", "项目完成时间", "2023年11月底前", "2023年12月20日", 1),
        ("时效指标", "项目完成时间", "2023年12月底前", "2023年12月", 0),
        ("时效指标", "项目完成时间", "2023年12月15日前", "2023年12月", 0),  # cannot be told
        ("时效指标", "项目完成时间", "2023年11月30日前", "2023年12月", 1),
        ("时效指标", "资金到位时间", "2023年6月30日之前", "2023年8月15日", 1),
        ("时效指标", "资金到位时间", "2023年6月30日前到位", "2023-06-20", 0),
        ("时效指标", "项目完成时间", "2023年11月30日前", "2023年12月20日前", 0),  # a bound, not a date
        # a deadline without its year is in the report's year (2023), 次年 the year after (blind probe
        # AH ah05: 12月底前 against 次年3月 with full score went unflagged); a month alone may be
        # either year's, and is not compared
        ("时效指标", "项目完成时间", "12月底前", "2024年1月", 1),
        ("时效指标", "资金发放时间", "12月底前", "次年3月", 1),
        ("时效指标", "资金发放时间", "年底前完成", "次年1月", 1),
        ("时效指标", "资金发放时间", "12月底前", "2023年12月", 0),
        ("时效指标", "资金发放时间", "12月底前", "3月", 0),
        ("时效指标", "资金发放时间", "12月底前", "11月", 0),
        ("时效指标", "资金发放时间", "次年1月底前", "次年1月", 0),
        ("时效指标", "项目完成时间", "2023年11月30日前", "按时完成", 0),
        # a target of none: any at all misses it (p10_indicators: 安全生产事故（起） 0 vs 1)
        ("效益指标", "安全生产事故（起）", "0", "1", 1),
        ("效益指标", "安全生产事故（起）", "0", "0", 0),
        ("质量指标", "工程质量事故", "0起", "1起", 1),
        ("质量指标", "工程质量事故", "0起", "0起", 0),
        ("质量指标", "资金增长率", "0%", "3%", 0),  # a rate of 0%: still a floor
        # units: a % beside a bare number only when the name is a rate; money converts exactly
        ("质量指标", "项目验收合格率", "100%", "99", 1),
        ("数量指标", "培训人数", "100%", "99", 0),
        ("数量指标", "补助资金", "50万元", "400000元", 1),
        ("数量指标", "补助资金", "50万元", "500000元", 0),
        ("数量指标", "移民户数（户）", "100", "98人", 0),
        # ranges and approximations
        ("数量指标", "示范村（个）", "5-8", "9", 1),
        ("数量指标", "示范村（个）", "5-8", "6", 0),
        ("数量指标", "新建道路（公里）", "约5", "4", 0),
        # a tolerance either way is no floor (it read as ≥ 5% before); the bare 5% beside it is
        ("时效指标", "执行进度偏离", "±5%", "3%", 0),
        ("时效指标", "执行进度偏离", "5%", "3%", 1),
        # Latin-letter units compare with their Chinese names (5km was not read before)
        ("数量指标", "新建道路", "5公里", "4.5km", 1),
        ("数量指标", "新建道路", "5公里", "5km", 0),
        # textual actuals
        ("时效指标", "项目按时完成情况", "按时完成", "未完成", 1),
        ("时效指标", "项目按时完成情况", "按时完成", "完成", 0),
        ("质量指标", "项目质量达标情况", "达标", "部分完成", 1),
        ("质量指标", "项目质量达标情况", "达标", "达标", 0),
        ("质量指标", "项目验收合格率（%）", "100", "95%（未达标）", 1),
        ("质量指标", "项目质量达标情况", "达标", "基本完成", 0),
        # words that say the target was missed (probe C_txt), and what still meets it
        ("时效指标", "工程建设", "按期完工", "延期完工", 1),
        ("时效指标", "设备采购", "完成", "进行中", 1),
        ("质量指标", "工程质量等级", "合格", "不合格", 1),
        ("质量指标", "管理制度", "健全", "不健全", 1),
        ("质量指标", "是否发生重大安全事故", "否", "是", 1),
        ("质量指标", "是否发生重大安全事故", "否", "否", 0),
        ("质量指标", "是否建立长效管护机制", "是", "否", 1),
        ("质量指标", "考核结果", "优秀", "良好", 1),
        ("质量指标", "考核结果", "良好以上", "优秀", 0),
        ("质量指标", "考核等次", "达到良好", "合格", 1),
        # more words for a miss (probe C_txt, B_miss): mostly done where all was asked, the target
        # denied, some where none was asked, a percent short of all, work still going on
        ("数量指标", "危房改造", "全部完成", "基本完成", 1),
        ("质量指标", "水质", "达标", "基本达标", 1),
        ("数量指标", "任务完成率", "100%", "基本完成", 1),
        ("质量指标", "档案资料", "完整", "不完整", 1),
        ("质量指标", "资金拨付", "及时", "未及时", 1),
        ("效益指标", "安全生产事故", "无", "1起", 1),
        ("效益指标", "安全生产事故", "零发生", "发生1起", 1),
        ("效益指标", "安全生产事故", "无", "0起", 0),
        ("效益指标", "政策宣传", "全覆盖", "覆盖90%", 1),
        ("数量指标", "危房改造", "完成", "完成80%", 1),
        ("数量指标", "危房改造", "完成", "完成100%", 0),
        ("时效指标", "项目完工", "2023年底完工", "正在推进", 1),
        ("效益指标", "群众收入", "稳步提升", "未达预期", 1),
        ("质量指标", "资金使用", "合规", "存在违规", 1),
        ("质量指标", "资金使用", "合规", "不存在违规", 0),
        ("质量指标", "资金使用", "合规", "没有违规", 0),
        ("质量指标", "设备运行", "正常", "正在运行", 0),
        ("数量指标", "道路修复", "全部修复", "修复大部分", 1),
        # probe F16: a miss word denied is no miss; more words for one
        ("质量指标", "工程质量验收", "合格", "已验收，无不合格项", 0),
        ("时效指标", "项目完工时间", "按期完成", "按期完成，无延期", 0),
        ("时效指标", "项目完工时间", "按期完成", "未出现延期", 0),
        ("质量指标", "任务完成", "全部完成", "不存在未完成事项", 0),
        ("质量指标", "水质", "全部达标", "部分达标", 1),
        ("质量指标", "长效管护机制", "建立", "尚未建立", 1),
        ("质量指标", "水质", "全部达标", "未全部达标", 1),
        ("时效指标", "项目完工时间", "按期完成", "延后2个月完成", 1),
        ("效益指标", "服务水平", "明显提升", "未明显提升", 1),
        # dates written with dots or dashes in a row about time: months, never decimals (2023.10 is
        # not “0.02 below” 2023.12); a date target without 前 is still the deadline
        ("时效指标", "项目完工时间", "2023.12", "2023.10", 0),
        ("时效指标", "项目完工时间", "2023.12", "2024.03", 1),
        ("时效指标", "项目完工时间", "2023.12前", "2024.3", 1),
        ("时效指标", "项目完工时间", "2023-12", "2024-03", 1),
        ("时效指标", "项目完工时间", "2023年12月底前", "2024.03", 1),
        # a month's deadline is read leniently: the whole month is in time
        ("质量指标", "项目验收", "2023年11月前", "2023年11月20日", 0),
        ("质量指标", "项目验收", "2023年11月前", "2023年12月5日", 1),
        # a rate per 10万 people (probe D_err2): compared in its own unit
        ("效益指标", "孕产妇死亡率", "≤12/10万", "15/10万", 1),
        ("效益指标", "孕产妇死亡率", "≤12/10万", "10/10万", 0),
        # no actual, no target
        ("数量指标", "指标2：移民美丽家园项目（个）", "124", "", 0),
        ("数量指标", "指标2：移民美丽家园项目（个）", "", "122", 0),
    ],
)
def test_targets_met(tmp_path: Path, level2: str, name: str, target: str, actual: str, count: int) -> None:
    assert len(flags_of(tmp_path, row_report(level2, name, target, actual), "JX501")) == count


@pytest.mark.parametrize(
    ("target", "actual", "expected"),
    [
        ("10个工作日内", "12个工作日", "实际完成值12个工作日超过目标值10个工作日内，超出2个工作日"),
        ("15日内", "18日", "实际完成值18日超过目标值15日内，超出3天"),
        ("2023年11月30日前", "2023年12月20日", "实际完成时间2023年12月20日晚于目标期限2023年11月30日前，晚20天"),
        ("2023年6月30日前", "2023年8月15日", "实际完成时间2023年8月15日晚于目标期限2023年6月30日前，晚46天"),
        ("2023年10月底前", "2023年12月", "实际完成时间2023年12月晚于目标期限2023年10月底前"),
    ],
)
def test_missed_time_limit_message(tmp_path: Path, target: str, actual: str, expected: str) -> None:
    [flag] = flags_of(tmp_path, row_report("时效指标", "完成时限", target, actual), "JX501")
    assert flag.message == f"指标“完成时限”未达到目标：{expected}"
    assert flag.evidence == ("完成时限", target, actual)


def test_missed_target_message(tmp_path: Path) -> None:
    [flag] = flags_of(tmp_path, row_report("时效指标", "指标1：直补资金按时发放率（%）", "100", "99"), "JX501")
    assert flag.message == "指标“指标1：直补资金按时发放率（%）”未达到目标：实际完成值99低于目标值100，差1个百分点"
    assert flag.evidence == ("指标1：直补资金按时发放率（%）", "100", "99")
    assert flag.severity == "warning" and flag.values["差额"] == "1"


@pytest.mark.parametrize(
    ("target", "actual", "name", "expected"),
    [
        ("100", "99%", "直补资金按时发放率（%）", ("100", "99")),
        ("100", "99%", "培训人数", None),
        ("50万元", "400000元", "补助资金", ("50", "40")),
        ("50", "400000元", "补助资金", None),  # a bare number beside money: scale unknown
        ("50", "52", "项目支出（万元）", ("50", "52")),
        ("100", "98", "移民户数（户）", ("100", "98")),
        ("≥95%", "0.98", "完成率", None),  # 98% as Excel stores it, or 0.98%: cannot be told
        ("0.95", "98%", "完成率", None),
        ("≤1%", "0.5", "设备故障率", ("1", "0.5")),  # a percent either way
        ("≥95%", "96", "完成率", ("95", "96")),
    ],
)
def test_comparable_values(target: str, actual: str, name: str, expected: tuple[str, str] | None) -> None:
    pair = comparable_values(parse_quantity(target), parse_quantity(actual), name)
    assert (None if pair is None else (number_text(pair[0]), number_text(pair[1]))) == expected


@pytest.mark.parametrize(
    ("name", "unit"),
    [("资金直补受益移民（人）", "人"), ("培训合格率（%）", "%"), ("信访事件的处理率%", "%"),
     ("项目扶持受益移民村（不含建成美丽移民村）", ""), ("项目支出（万元）", "万元"), ("统筹解决突出问题个数", "")],
)
def test_name_unit(name: str, unit: str) -> None:
    assert name_unit(name) == unit


# --- JX502 -------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("target", "actual", "weight", "score", "count"),
    [
        ("100", "96", "10", "10", 1),
        ("100", "96", "10分", "10分", 1),
        ("100", "96", "10", "9.6", 0),  # near miss: points taken off
        ("100", "100", "10", "10", 0),  # met, full marks earned
        ("100", "96", "10", "12", 0),  # above the weight: the out-of-range rules' business
        ("100", "96", "", "", 0),
    ],
)
def test_full_score_on_a_miss(tmp_path: Path, target: str, actual: str, weight: str, score: str, count: int) -> None:
    text = row_report("数量指标", "指标3：生产开发及配套设施项目（个）", target, actual, weight, score)
    assert len(flags_of(tmp_path, text, "JX502")) == count


@pytest.mark.parametrize(
    ("target", "actual", "count"),
    [
        ("5%", "2.3%", 0),  # under the ceiling: full marks earned (probe r11_ctrl_indicators)
        ("5%", "6.1%", 1),  # over it
    ],
)
def test_full_score_on_a_ceiling_rate(tmp_path: Path, target: str, actual: str, count: int) -> None:
    text = row_report("成本指标", "结转结余率", target, actual, "10", "10")
    assert len(flags_of(tmp_path, text, "JX502")) == count


def test_full_score_message(tmp_path: Path) -> None:
    text = row_report("数量指标", "指标3：生产开发及配套设施项目（个）", "100", "96", "10", "10")
    [flag] = flags_of(tmp_path, text, "JX502")
    assert "96" in flag.message and "100" in flag.message and "得分10等于分值10" in flag.message
    # name, target, actual, 分值 and 得分 cells, each with its own text
    assert [loc.quote for loc in flag.locations] == ["指标3：生产开发及配套设施项目（个）", "100", "96", "10", "10"]
    assert len({loc.col for loc in flag.locations}) == 5


# --- the seeds ---------------------------------------------------------------------------------



@pytest.mark.parametrize(("seed", "fmt"), SEED_CASES)
def test_seeds_give_exactly_the_golden_findings(seed: str, fmt: str) -> None:
    assert_exact_golden_findings(RULES, seed, fmt, keep=lambda seed, f: f["kind"] in KINDS)