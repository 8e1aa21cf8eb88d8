"""The metric catalogue: what an auditor copies out of every report, and the words units use.

A report names a figure with two things: *what* it is (三公经费, 基本支出, 编制) and, for money,
*which side* of the budget it is (预算数 vs 执行数/决算数). The catalogue therefore lists
**concepts**, each with its aliases, and maps a concept and a role to a metric key:
``("sangong", "budget") → "sangong_budget_wan"``. A table gives the concept in the row label and
the role in the column header (预算数 | 决算数); running text gives both in one phrase
(“三公经费预算3万元，实际支出数0万元”).

Where the aliases were seen (the five seed reports in ../shared/seeds, by id prefix, and the
standard forms they follow):

* 000 邵东市 2020 整体自评: 财政拨款收、支总计, 公务接待费 决算/预算, 编制, 直补资金, 移民项目资金.
* 001 岳阳楼区 2023 整体自评: 年初预算/决算数, 人员经费, 公用经费, 项目支出, 政府性基金,
  在职人员控制率 = 在职人员数 ÷ 编制数, “三公”经费 预算/实际支出数, 因公出国（境）费,
  公务接待费, 公车运行维护费, 全年预算数/预算执行数/预算执行率, 政府采购 预算数/实际采购金额.
* 002 岳阳楼区 2017 自评表 (the 湖南 部门整体支出绩效自评表 form): 人员编制, 实有人数, 收入合计,
  上年结转, 公共财政拨款, 政府基金拨款, 支出合计, 基本支出, 人员支出, 公用支出, 项目支出, 结余,
  三公经费合计, 公务接待费, 公务用车运维费, 公务用车购置费, 因公出国费, 会议费, 绩效自评综合得分,
  评价等次; and in its narrative 直补移民人数, 直补资金, 直扶资金.
* 003 岳阳县 2023 中央水库移民扶持基金 (project/special-fund report): 到位资金, 执行资金, 结余资金,
  资金直补受益移民（人）, 直补到人, 绩效自评得分, 评价等级.
* 004 永兴县 2020 整体自评: 一般公共预算拨款收入, 收支预算, 收入预算, 支出预算, 预算总收入,
  预算总支出, 实际支出, 预算执行率, 公用经费 预算/实际支出/控制率, “三公”经费预算安排数,
  核定编制, 在职人数, 在职人员控制率, 绩效自评得分.
* Common synonyms from the Ministry of Finance 部门整体支出绩效评价 forms that the seeds follow:
  调整后预算数, 全年执行数, 决算数, 完成数, 编制数, 在编人数, 直发直补.
"""

from __future__ import annotations

from dataclasses import field
from typing import Literal

from extract.records import record

Kind = Literal["money", "rate", "count", "score", "text", "date", "year", "yuan"]
Role = Literal["budget", "budget_initial", "actual", "rate", "count", "standard", "value"]
# The roles on the budget side: the year's budget and the budget at its start.
BUDGET_ROLES: frozenset[Role] = frozenset({"budget", "budget_initial"})

# Words that say which side of the budget a money figure is on. Order matters: the longest,
# most specific words first, so that 年初预算 is read before 预算.
ROLE_WORDS: tuple[tuple[str, Role], ...] = (
    ("年初预算", "budget_initial"),
    ("预算申请", "budget_initial"),  # 年度预算申请 of the 财政部 部门整体 form: the budget asked for at the start
    ("计划发放", "budget"),
    ("计划投入", "budget"),
    ("总支出", "actual"),
    ("总收入", "actual"),
    ("到位", "budget"),
    ("下达", "budget"),
    ("拨付", "actual"),
    ("年初安排", "budget_initial"),
    ("年初批复", "budget_initial"),  # “2023年部门预算年初批复4862.75万元，全年调整预算数5937.16万元”
    ("调整后预算", "budget"),
    ("调整预算后", "budget"),  # “年初预算3,820.50万元，调整预算后为4,405.90万元” (blind probe AQ d10)
    ("预算调整后", "budget"),
    ("调整预算", "budget"),
    ("全年预算", "budget"),
    ("预算安排", "budget"),
    ("预算数", "budget"),
    ("预算", "budget"),
    ("安排数", "budget"),
    ("计划投入", "budget"),
    ("计划安排", "budget"),
    ("计划", "budget"),
    ("执行率", "rate"),
    ("支付率", "rate"),  # 资金支付率 as 预算执行率: before 支付 (actual) below
    ("控制率", "rate"),
    ("完成预算", "rate"),  # “全年支出842.18万元，完成预算的99.08%”
    ("全年执行", "actual"),
    ("预算执行数", "actual"),
    ("执行数", "actual"),
    ("决算数", "actual"),
    ("决算", "actual"),
    ("实际支出", "actual"),
    ("已支出", "actual"),
    ("实际采购", "actual"),
    ("实际", "actual"),
    ("支出数", "actual"),
    ("完成数", "actual"),
    ("执行", "actual"),
    ("发放", "actual"),
    # a fund's money as its report states it: 共安排…资金, 总投资; 累计支付, 已使用资金, 完成投资
    ("总投资", "budget"),
    ("安排", "budget"),
    ("支付", "actual"),
    ("已使用", "actual"),
    ("完成投资", "actual"),
)

# The weakest role word, used only when neither the label, the column header nor the sentence
# has a stronger one: “项目支出963.66” names spending, i.e. the executed side, but in “年初预算
# 209.76万元，其中基本支出177.76万元” the sentence's 预算 decides.
# 资金总额 is as weak a budget word: “2023年度高龄津贴资金总额398.40万元” is the fund's budget (blind
# probe O o11), but “发放资金总额” the money paid.
WEAK_ROLE_WORDS: tuple[tuple[str, Role], ...] = (("支出", "actual"), ("资金总额", "budget"))

# Words that make a figure what did *not* happen: “直补资金未发放成功36.18万元”, “未执行226.24万元”.
NEGATION_WORDS: tuple[str, ...] = ("未", "尚未", "没有", "无法", "未能")

# Words that make a figure a change, not a level: “较年初减少3.14万元”, “增长62%”. Such figures
# are never a catalogue value.
DELTA_WORDS: tuple[str, ...] = (
    "增加", "减少", "增长", "下降", "降低", "提高", "节约", "超支", "追加", "调减", "调增", "较", "比上年",
    "同比", "环比", "相比", "多争取", "增幅", "降幅", "增减",
    # a 预算数 | 决算数 | 差额 column: what the two differ by (blind probe BD)
    "差额",
)

# Words that carry no naming of their own in a label: what remains after removing them and the
# role words tells whether a label only says “实际支出” (and so continues the thing named before
# it in the sentence) or names something new.
FILLER_WORDS: tuple[str, ...] = (
    "其中", "合计", "总计", "共计", "累计", "全年", "本年", "年度", "年", "为", "是", "的", "数", "额", "金额",
    "共", "计", "达", "达到", "完成", "按", "安排", "资金", "经费", "我单位", "我局", "我中心", "我办", "本单位", "本年度",
    # The unit speaking of itself: 我馆 (a 文化馆), 我院, 我校, 我镇, 本部门 …
    "我馆", "我院", "我校", "我镇", "我乡", "我所", "我站", "我委", "我队", "我部门", "本部门", "本局", "本院",
    "本馆", "本校", "本中心", "我街道", "本街道", "我会", "本会",  # 总工会, 红十字会, 妇联 …
    # and without a pronoun: “2023年部门年初预算8,920万元”, “单位全年支出…”
    "部门", "单位",
    "已",  # 已支付, 已拨付: done, which the role word says already
    # ““三公”经费全年支出7.64万元，控制在预算9.00万元以内”: the budget the spending kept within
    "控制在",
)


@record
class Concept:
    """One thing a report states, with the words used for it and the keys it fills by role."""

    name: str
    meaning: str
    kind: Kind
    aliases: tuple[str, ...]
    keys: dict[str, str] = field(default_factory=dict)
    default_role: Role | None = None
    # The concept that counts the same thing in another kind: “36277人计2161.83万元的移民直补资金”
    # names the money; its 人 figure is the number of people paid (direct_subsidy_people).
    companion: str | None = None
    # The roles a table column may give it, when not every one (None: all of ``keys``).
    table_roles: frozenset[str] | None = None


CONCEPTS: tuple[Concept, ...] = (
    Concept(
        "total",
        "部门（单位）全部支出：预算总额与实际支出总额",
        "money",
        ("支出合计", "总支出", "支出总计", "全年预算", "部门整体支出", "整体支出", "支出预算", "预算数", "执行数",
         "实际支出", "资金总额", "执行资金", "到位资金", "拨付资金", "预算经费", "预算批复数", "批复预算数",
         "预算总额", "决算数", "预算安排资金", "预算安排", "决算支出", "决算总额", "支出总额", "部门预算", "单位预算"),
        {"budget_initial": "budget_initial_wan", "budget": "budget_total_wan", "actual": "spent_total_wan",
         "rate": "execution_rate_pct"},
    ),
    Concept(
        "execution_rate", "预算执行率 = 执行数 ÷ 预算数", "rate",
        ("预算执行率", "执行率", "资金执行率", "支出进度", "支出完成率", "预算完成率", "支出执行率", "资金拨付率",
         "拨付率", "资金支出率", "资金使用率", "资金支付率", "支付率", "支付进度"),
        {"rate": "execution_rate_pct"}, "rate",
    ),
    Concept(
        "income", "收入合计（含上年结转）", "money",
        ("收入合计", "总收入", "预算总收入", "收入总计", "收入预算"),
        {"actual": "income_total_wan"}, "actual",
    ),
    Concept(
        "carryover", "上年结转", "money", ("上年结转", "年初结转", "上年结转资金"),
        {"budget": "carryover_wan", "budget_initial": "carryover_wan", "actual": "carryover_wan"}, "actual",
        # In a 自评表 row “上年结转资金 | 年初预算数 | 全年预算数 20 | 全年执行数 18” only the
        # 全年预算数 is the amount carried over: 18 is how much of it was spent.
        table_roles=frozenset({"budget"}),
    ),
    Concept(
        "balance", "年末结余（结转结余）", "money", ("结余", "结余资金", "年末结转结余", "结转结余", "年末结余"),
        {"actual": "balance_wan"}, "actual",
    ),
    Concept(
        "basic", "基本支出", "money", ("基本支出",),
        {"budget_initial": "basic_budget_wan", "budget": "basic_budget_wan", "actual": "basic_spent_wan"}, "actual",
    ),
    Concept(
        "personnel", "人员经费（人员支出）", "money", ("人员经费", "人员支出"),
        {"actual": "personnel_spent_wan"}, "actual",
    ),
    Concept(
        "public", "公用经费（公用支出）", "money", ("公用经费", "公用支出", "日常公用经费"),
        {"budget_initial": "public_budget_wan", "budget": "public_budget_wan", "actual": "public_spent_wan"}, "actual",
    ),
    Concept(
        "project", "项目支出", "money", ("项目支出", "项目经费"),
        {"budget_initial": "project_budget_wan", "budget": "project_budget_wan", "actual": "project_spent_wan"},
        "actual",
    ),
    Concept(
        "sangong", "“三公”经费合计", "money", ("三公经费", "“三公”经费", "三公经费合计", "\"三公\"经费"),
        {"budget_initial": "sangong_budget_wan", "budget": "sangong_budget_wan", "actual": "sangong_spent_wan"},
        "actual",
    ),
    Concept(
        "reception", "公务接待费", "money", ("公务接待费", "公务接待", "接待费"),
        {"budget_initial": "reception_budget_wan", "budget": "reception_budget_wan", "actual": "reception_spent_wan"},
        "actual",
    ),
    # 公务用车费, the third part of 三公经费, is 购置费 + 运行维护费; the standard disclosure states the
    # whole and then both parts (“公务用车购置及运行维护费6.20万元（其中：公务用车购置费2.00万元，
    # 公务用车运行维护费4.20万元）”), so each is a concept of its own. A report that lists 三公 as
    # 接待费, 运行维护费 and 出国费 (001) gives its 运行维护费 as the whole too: normalize/report.py.
    Concept(
        "vehicle", "公务用车购置及运行维护费（公务用车费）", "money",
        ("公务用车购置及运行维护费", "公务用车购置及运行费", "公务用车购置及运维费", "公车购置及运行维护费",
         "公车购置及运行费", "公务用车费"),
        {"budget_initial": "vehicle_budget_wan", "budget": "vehicle_budget_wan", "actual": "vehicle_spent_wan"},
        "actual",
    ),
    Concept(
        "vehicle_operation", "公务用车运行维护费", "money",
        ("公务用车运行维护费", "公车运行维护费", "公务用车运维费", "公车运维费", "公务用车运行费",
         "公车运行费"),
        {"budget_initial": "vehicle_operation_budget_wan", "budget": "vehicle_operation_budget_wan",
         "actual": "vehicle_operation_spent_wan"},
        "actual",
    ),
    Concept(
        "vehicle_purchase", "公务用车购置费", "money", ("公务用车购置费", "公车购置费", "公务用车购置"),
        {"budget_initial": "vehicle_purchase_budget_wan", "budget": "vehicle_purchase_budget_wan",
         "actual": "vehicle_purchase_spent_wan"},
        "actual",
    ),
    Concept(
        "overseas", "因公出国（境）费", "money", ("因公出国（境）费", "因公出国(境)费", "因公出国费", "出国（境）费"),
        {"budget_initial": "overseas_budget_wan", "budget": "overseas_budget_wan", "actual": "overseas_spent_wan"},
        "actual",
    ),
    Concept("meeting", "会议费", "money", ("会议费",), {"actual": "meeting_spent_wan"}, "actual"),
    Concept("training", "培训费", "money", ("培训费",), {"actual": "training_spent_wan"}, "actual"),
    Concept(
        "procurement", "政府采购", "money", ("政府采购", "政府采购金额", "采购金额", "完成采购", "实际采购"),
        {"budget_initial": "procurement_budget_wan", "budget": "procurement_budget_wan",
         "actual": "procurement_spent_wan"},
    ),
    Concept(
        "staff_quota", "核定编制人数", "count", ("人员编制", "编制数", "核定编制", "编制", "核定全额事业编制", "定编"),
        {"count": "staff_quota"}, "count",
    ),
    Concept(
        "staff_actual", "实有（在职）人数", "count",
        ("实有人数", "在职人数", "在编人数", "在职人员数", "实际在岗人员", "在编", "实有人员", "实有在职人员",
         "在职在编人员", "现有在职人员", "现有人员", "在职职工", "在岗职工", "在岗人员",
         # with the people a school, a police bureau or a hospital counts: 实有在职教职工46人,
         # 实有民警179名, 现有在职干部职工46人, 年末在职人员21名, 实际在岗46人
         "实有在职", "实有职工", "实有干部职工", "实有教职工", "实有民警", "在职干部职工", "在职教职工",
         "在职民警", "在职人员", "实际在岗", "年末在职",
         # after the quota, the people go without a noun: “核定编制72名，实有68名”, “核定编制22名，在职20人”
         "实有", "在职"),
        {"count": "staff_actual"}, "count",
    ),
    Concept(
        "staff_control_rate", "在职人员控制率 = 在职人数 ÷ 编制数", "rate", ("在职人员控制率", "人员控制率"),
        {"rate": "staff_control_rate_pct"}, "rate",
    ),
    Concept(
        "direct_subsidy_people", "直补（直扶）人数", "count",
        ("直补人数", "直补移民人数", "直扶人数", "直补受益移民", "资金直补受益移民", "直补发放移民人数", "直扶人口",
         "直补移民", "直补人口"),
        {"count": "direct_subsidy_people"}, "count", companion="direct_subsidy",
    ),
    Concept(
        "direct_subsidy", "直补（直扶、直发直补）资金", "money",
        ("直补资金", "直扶资金", "直补到人资金", "直发直补资金", "移民直补资金", "打卡直扶资金"),
        # Only what was paid out: a planned amount (计划发放) is a target, not the figure.
        {"actual": "direct_subsidy_wan"}, None, companion="direct_subsidy_people",
    ),
    Concept(
        "direct_subsidy_standard", "直补标准（元/人/年）", "yuan", ("直补标准", "补助标准", "扶持标准"),
        {"standard": "direct_subsidy_standard_yuan"}, "standard",
    ),
    Concept(
        "self_score", "绩效自评得分", "score",
        ("自评得分", "绩效自评得分", "绩效自评综合得分", "综合得分", "自评总分", "总分", "总得分", "综合评分", "评价得分",
         "自评分数", "自评分", "自评结果", "评价结果",
         "绩效得分"),  # 自评结果：93分 (a 分 value; 自评结果为优秀 states no number)
        {"value": "self_score"}, "value",
    ),
    Concept("grade", "评价等次（优/良/中/差）", "text", ("评价等次", "评价等级", "自评等级", "等次", "等级"),
            {"value": "grade"}, "value"),
)

# Aliases that name their concept only where nothing is named after them: “实有68名” after the
# quota is the staff, but 实有人口, 实有户数 and 实有车辆 are other things a unit counts; “在职20人”
# is the staff, 在职党员 and 在职人员控制率 are not.
ALIASES_AT_END_ONLY = frozenset({"实有", "在职"})

# Report-level keys that are not money figures; filled by the metadata extractor.
METADATA_KEYS: dict[str, str] = {
    "fiscal_year": "评价的预算年度（不是报告写作年份）",
    "unit_name": "单位（部门）名称",
    "report_kind": "报告类型：dept_overall 部门/单位整体支出 | project 项目支出 | special_fund 专项资金 | other",
    "report_date": "报告落款日期（YYYY-MM-DD）",
    "self_score": "绩效自评得分（分）",
    "grade": "评价等次",
}

CONCEPTS_BY_NAME: dict[str, Concept] = {concept.name: concept for concept in CONCEPTS}

# Keys that are the sum of two others: 公务用车费 = 公务用车购置费 + 公务用车运行维护费, on each side of
# the budget. The first part is the one a report leaves out when it is 0: it then lists the second
# for the whole (三公 as 接待费, 运行维护费 and 出国费). normalize/report.py and checks/sums.py read it.
SPLIT_KEYS: dict[str, tuple[str, str]] = {
    "vehicle_spent_wan": ("vehicle_purchase_spent_wan", "vehicle_operation_spent_wan"),
    "vehicle_budget_wan": ("vehicle_purchase_budget_wan", "vehicle_operation_budget_wan"),
}

# Canonical unit of every metric key, for the reports.csv header and for checks.
KIND_UNITS: dict[str, str] = {
    "money": "万元", "rate": "%", "count": "人", "score": "分", "text": "", "date": "", "year": "", "yuan": "元",
}


def key_kind(key: str) -> str:
    """The kind of value a metric key holds, from its name: *_wan money in 万元, *_pct a rate in
    percent, *_yuan money in 元, self_score a score, grade text, other catalogue keys counts."""
    if key.endswith("_wan"):
        return "money"
    if key.endswith("_pct"):
        return "rate"
    if key.endswith("_yuan"):
        return "yuan"
    return {"self_score": "score", "grade": "text"}.get(key, "count")


def metric_units() -> dict[str, str]:
    """Every catalogue key with its canonical unit, in catalogue order."""
    units: dict[str, str] = {"fiscal_year": "", "unit_name": "", "report_kind": "", "report_date": ""}
    for concept in CONCEPTS:
        for key in concept.keys.values():
            units.setdefault(key, KIND_UNITS[key_kind(key)])
    return units


METRIC_KEYS: tuple[str, ...] = tuple(metric_units())

# The Chinese name of every key, for messages and spreadsheet headers.
METRIC_NAMES: dict[str, str] = {
    "fiscal_year": "评价年度", "unit_name": "单位名称", "report_kind": "报告类型", "report_date": "报告日期",
    "budget_initial_wan": "年初预算数", "budget_total_wan": "全年预算数", "spent_total_wan": "全年执行数",
    "execution_rate_pct": "预算执行率", "income_total_wan": "收入合计", "carryover_wan": "上年结转",
    "balance_wan": "年末结余", "basic_budget_wan": "基本支出预算数", "basic_spent_wan": "基本支出执行数",
    "personnel_spent_wan": "人员经费支出", "public_budget_wan": "公用经费预算数", "public_spent_wan": "公用经费支出",
    "project_budget_wan": "项目支出预算数", "project_spent_wan": "项目支出执行数",
    "sangong_budget_wan": "“三公”经费预算数", "sangong_spent_wan": "“三公”经费支出",
    "reception_budget_wan": "公务接待费预算数", "reception_spent_wan": "公务接待费支出",
    "vehicle_budget_wan": "公务用车费预算数", "vehicle_spent_wan": "公务用车费支出",
    "vehicle_operation_budget_wan": "公务用车运行维护费预算数",
    "vehicle_operation_spent_wan": "公务用车运行维护费支出",
    "vehicle_purchase_budget_wan": "公务用车购置费预算数", "vehicle_purchase_spent_wan": "公务用车购置费支出",
    "overseas_budget_wan": "因公出国（境）费预算数", "overseas_spent_wan": "因公出国（境）费支出",
    "meeting_spent_wan": "会议费支出", "training_spent_wan": "培训费支出",
    "procurement_budget_wan": "政府采购预算数", "procurement_spent_wan": "政府采购执行数",
    "staff_quota": "编制数", "staff_actual": "实有人数", "staff_control_rate_pct": "在职人员控制率",
    "direct_subsidy_people": "直补人数", "direct_subsidy_wan": "直补资金",
    "direct_subsidy_standard_yuan": "直补标准（元/人/年）", "self_score": "自评得分", "grade": "评价等次",
}
assert set(METRIC_NAMES) == set(METRIC_KEYS), "every metric key needs a Chinese name"
