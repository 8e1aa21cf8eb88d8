"""JX4xx: values that cannot be right, or that break a standard limit.

These need no second figure to compare with: a control rate of 260%, a negative amount, a score
above its weight, a grade that does not match the score under the standard bands.
"""

from __future__ import annotations

import re
from decimal import Decimal
from typing import Iterator

from checks.model import CheckInput, number_text
from checks.registry import Flag, Rule, RuleSettings

HUNDRED = Decimal(100)

# Stated rates that are shares of a budget or a quota and so cannot pass 100% without the unit
# spending or employing beyond what was approved.
CAPPED_RATE_KEYS = {
    "staff_control_rate_pct": "在职人员控制率",
    "execution_rate_pct": "预算执行率",
}
# What a rate above 100 % would mean, said to the auditor in the rate's own terms.
CAPPED_RATE_MEANING = {
    "staff_control_rate_pct": "即在职人数超过核定编制数",
    "execution_rate_pct": "即执行数超过预算数",
}

# Indicator names whose percentage is a share of a whole (passed, paid on time, satisfied …):
# above 100% it cannot be right. Growth rates (增长率) are deliberately absent.
SHARE_RATE_NAME = re.compile(r"合格率|及时率|发放率|完成率|满意度|覆盖率|到位率|知晓率|达标率|参保率|验收率|处理率|符合率|办结率")

# Standard grade bands of the 财政支出绩效评价 rules: 优 ≥ 90, 良 80–90, 中 60–80, 差 < 60.
GRADE_BANDS: tuple[tuple[str, Decimal, Decimal], ...] = (
    ("优", Decimal(90), Decimal(101)),
    ("良", Decimal(80), Decimal(90)),
    ("中", Decimal(60), Decimal(80)),
    ("差", Decimal(0), Decimal(60)),
)
GRADE_NAMES = {"优秀": "优", "优": "优", "良好": "良", "良": "良", "中等": "中", "中": "中", "合格": "中", "及格": "中",
               "差": "差", "不合格": "差"}


def check_capped_rates(inp: CheckInput, settings: RuleSettings) -> Iterator[Flag]:
    """A stated control or execution rate above 100%.

    Why: 在职人员控制率 = 在职人数 ÷ 编制数 and 预算执行率 = 执行数 ÷ 预算数 measure use of what was
    approved; above 100% the unit employs or spends beyond its approval, which the report should
    explain, or the figure is wrong.
    Fails: “在职人员控制率为 260 %” (编制5名, 在职13人).
    Passes: “在职人员控制率77%”; a rate of exactly 100%.
    Limits: only the rates named in the catalogue; other 控制率 are checked by the rate rules.
    """
    for key, name in CAPPED_RATE_KEYS.items():
        figure = inp.values.chosen.get(key)
        if figure is not None and figure.value > HUNDRED:
            yield Flag(
                f"{name}写为{number_text(figure.value)}%，超过100%，{CAPPED_RATE_MEANING[key]}，数值不合常理，需要核实",
                (figure.location.excerpt(),),
                (figure.location,),
                {name: number_text(figure.value)},
            )


def check_staff_over_quota(inp: CheckInput, settings: RuleSettings) -> Iterator[Flag]:
    """实有人数 above 编制数 when the report states no control rate.

    Why: staffing beyond the approved quota is a finding in itself, and an unstated control rate
    above 100% would otherwise go unnoticed.
    Fails: “核定全额事业编制17人，实际在岗人员18人” (18 ÷ 17 = 105.88%).
    Passes: 10 in post for 13 posts; a report that states the rate (the rule above checks it).
    Limits: uses the report's chosen 编制 and 实有 figures; a report mixing units' staff counts is
    not told apart.
    """
    if "staff_control_rate_pct" in inp.values.chosen:
        return
    quota = inp.values.chosen.get("staff_quota")
    actual = inp.values.chosen.get("staff_actual")
    if quota is None or actual is None or quota.value <= 0 or actual.value <= quota.value:
        return
    rate = (actual.value / quota.value * HUNDRED).quantize(Decimal("0.01"))
    yield Flag(
        f"实有人数{number_text(actual.value)}人超过编制数{number_text(quota.value)}人，在职人员控制率为{number_text(rate)}%",
        (actual.location.excerpt(), quota.location.excerpt()),
        (actual.location, quota.location),
        {"实有人数": number_text(actual.value), "编制数": number_text(quota.value), "控制率": number_text(rate)},
    )


def check_negative_amounts(inp: CheckInput, settings: RuleSettings) -> Iterator[Flag]:
    """A money figure below zero.

    Why: budgets, spending and balances in these reports are never negative; a minus sign is a
    typing slip or a misplaced change.
    Fails: “项目支出-5.2万元”.
    Passes: “较年初减少3.14万元” (a change, carried by the word, never a negative level).
    Limits: only catalogue figures; changes are not figures.
    """
    for figure in inp.figures:
        if figure.unit == "万元" and figure.value < 0:
            yield Flag(
                f"{figure.label or figure.metric}写为{figure.raw}，金额为负数，需要核实",
                (figure.location.excerpt(),),
                (figure.location,),
                {figure.metric: number_text(figure.value)},
            )


def check_scores(inp: CheckInput, settings: RuleSettings) -> Iterator[Flag]:
    """A self-evaluation score above 100, or an indicator's score above its weight.

    Why: scores are out of 100 and an indicator cannot earn more than its 分值.
    Fails: “自评得分102分”; an indicator with 分值10, 得分12.
    Passes: 98分; 得分 equal to 分值.
    Limits: indicator scores are compared only when both 分值 and 得分 are numbers.
    """
    score = inp.values.chosen.get("self_score")
    if score is not None and score.value > HUNDRED:
        yield Flag(
            f"自评得分写为{number_text(score.value)}分，超过满分100分",
            (score.location.excerpt(),), (score.location,), {"自评得分": number_text(score.value)},
        )
    for row in inp.indicators:
        if row.weight is not None and row.score is not None and row.score.value > row.weight.value:
            cells = row.cells("score", "weight")
            yield Flag(
                f"指标“{row.name}”得分{number_text(row.score.value)}分超过其分值{number_text(row.weight.value)}分",
                tuple(quote for quote, _ in cells),
                tuple(location for _, location in cells),
                {"得分": number_text(row.score.value), "分值": number_text(row.weight.value)},
            )


def check_share_rates(inp: CheckInput, settings: RuleSettings) -> Iterator[Flag]:
    """An indicator's actual share (合格率, 发放率, 满意度 …) above 100%.

    Why: a share of a whole cannot pass 100%; such a value is a typing slip.
    Fails: “直补资金按时发放率” with actual 105%.
    Passes: 100%; a growth rate (增长率) of 105%.
    Limits: recognises shares by the words in SHARE_RATE_NAME.
    """
    for row in inp.indicators:
        actual = row.actual
        if actual is None or not SHARE_RATE_NAME.search(row.name):
            continue
        if actual.unit in ("%", "") and actual.value > HUNDRED:
            cells = row.cells("actual")
            yield Flag(
                f"指标“{row.name}”实际完成值为{row.actual_raw}，比率超过100%，数值不合常理",
                tuple(quote for quote, _ in cells),
                tuple(location for _, location in cells),
                {"实际完成值": number_text(actual.value)},
            )


def check_grade_matches_score(inp: CheckInput, settings: RuleSettings) -> Iterator[Flag]:
    """The grade does not match the score under the standard bands (优 ≥ 90, 良 80–90, 中 60–80, 差 < 60).

    Why: the grade is read by those who never see the score; a 优 given to 85 points overstates.
    Fails: “绩效自评得分85分，评价等次为优”.
    Passes: 97.16分 with 优; 98分 with 优秀.
    Limits: local rules may set other bands (e.g. 优 ≥ 85): change the bands in GRADE_BANDS.
    """
    grade = inp.metadata.grade
    score = inp.values.chosen.get("self_score")
    if grade is None or score is None:
        return
    stated = GRADE_NAMES.get(grade.value)
    expected = next((name for name, low, high in GRADE_BANDS if low <= score.value < high), None)
    if stated is None or expected is None or stated == expected:
        return
    yield Flag(
        f"评价等次写为“{grade.value}”，但自评得分{number_text(score.value)}分按标准应为“{expected}”",
        (grade.location.excerpt(), score.location.excerpt()),
        (grade.location, score.location),
        {"自评得分": number_text(score.value), "等次": grade.value},
    )


def check_score_sum(inp: CheckInput, settings: RuleSettings) -> Iterator[Flag]:
    """The total self-evaluation score is not the sum of the indicator scores.

    Why: a total that its own table does not support is either a typing slip or a changed score.
    Fails: indicator scores adding to 92 under a stated 自评得分97分.
    Passes: scores adding to the total within the rounding of the written numbers.
    Limits: only when every indicator row has a numeric score and the weights add up to 100 (a
    table that lists only part of the scheme is not compared).
    """
    score = inp.values.chosen.get("self_score")
    rows = [row for row in inp.indicators if row.score is not None]
    if score is None or not rows or len(rows) != len(inp.indicators):
        return
    weights = [row.weight.value for row in rows if row.weight is not None]
    if len(weights) != len(rows) or sum(weights) != HUNDRED:
        return
    total = sum(row.score.value for row in rows)
    if abs(total - score.value) > Decimal("0.5"):
        yield Flag(
            f"自评得分写为{number_text(score.value)}分，但各指标得分合计为{number_text(total)}分",
            (score.location.excerpt(),), (score.location,),
            {"自评得分": number_text(score.value), "指标得分合计": number_text(total)},
        )


RULES = (
    Rule("JX401", "out_of_range", "error", check_capped_rates),
    Rule("JX402", "out_of_range", "warning", check_staff_over_quota),
    Rule("JX403", "out_of_range", "error", check_negative_amounts),
    Rule("JX404", "out_of_range", "error", check_scores),
    Rule("JX405", "out_of_range", "warning", check_share_rates),
    Rule("JX450", "grade_score_conflict", "warning", check_grade_matches_score),
    Rule("JX451", "grade_score_conflict", "warning", check_score_sum),
)
