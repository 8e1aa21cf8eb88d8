"""JX4xx: values that cannot be right, or that break a standard limit.

These need no second figure to compare with: a control rate of 260%, a negative amount, a score
above its weight, a grade that does not match the score under the standard bands.
"""

from __future__ import annotations

import re
from decimal import Decimal
from typing import Iterator

from checks.grade_bands import GRADE_NAMES, stated_grade_bands
from checks.model import CheckInput, number_text
from checks.rates import rate_text
from checks.registry import Flag, Rule, RuleSettings
from normalize.match import is_delta

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
# above 100% it cannot be right. Growth rates (增长率) are deliberately absent, and so is a bare
# 完成率: a plan or an income is often exceeded (医疗收入完成率103.2%, blind probe P); only a
# 完成率 of tasks done in time or of problems put right is a share.
SHARE_RATE_NAME = re.compile(r"合格率|及时率|发放率|(?:按时|按期|及时|整改)完成率|满意度|覆盖率|到位率|知晓率|达标率|参保率|"
                             r"验收率|处理率|符合率|办结率")

# Counts that are never negative in a report (blind probe P p07: “完成门诊诊疗-23,415人次”), and the
# words that make a negative one a change (增减-12人, 较上年-3户).
COUNT_UNITS = frozenset({"人", "人次", "户", "户次", "名", "个", "项", "次", "家", "所", "辆", "件", "处", "间", "位"})
CHANGE_WORDS = re.compile(r"增减|变动|变化|差额|差异|较|比|同比|相比")

# Standard grade bands of the 财政支出绩效评价 rules: 优 ≥ 90, 良 80–90, 中 60–80, 差 < 60; a report
# that states whole bands of its own is graded by those (checks.grade_bands).
GRADE_BANDS: tuple[tuple[str, Decimal, Decimal], ...] = (
    ("优", Decimal(90), Decimal(101)),
    ("良", Decimal(80), Decimal(90)),
    ("中", Decimal(60), Decimal(80)),
    ("差", Decimal(0), Decimal(60)),
)


def check_capped_rates(inp: CheckInput, settings: RuleSettings) -> Iterator[Flag]:
    """报告所写的控制率或执行率超过100%。

    检查内容：报告汇总采用的在职人员控制率和预算执行率，大于100%即报告。
    为何重要：在职人员控制率 = 在职人数 ÷ 编制数，预算执行率 = 执行数 ÷ 预算数，衡量的是对核定数的使
    用；超过100%意味着单位超编用人或超预算支出，报告应当作出说明，否则就是数字有误。
    触发示例：“在职人员控制率为 260 %”（编制5名，在职13人）。
    不触发示例：“在职人员控制率77%”；恰好100%的比率。
    局限：只检查汇总数值中的这两项比率；其他控制率由比率类规则（JX2xx）检查。
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
    """报告未写控制率，而实有人数超过编制数。

    检查内容：报告没有写在职人员控制率时，比较汇总采用的实有人数与编制数：实有人数多于编制数即报告，
    并给出算出的控制率。
    为何重要：超出核定编制用人本身就是问题；控制率没有写出来时，超过100%的情况否则无人察觉。
    触发示例：“核定全额事业编制17人，实际在岗人员18人”（18 ÷ 17 = 105.88%）。
    不触发示例：编制13人、在岗10人；写了控制率的报告（由JX401检查）。
    局限：使用报告汇总采用的编制数和实有人数；报告混写了几个单位的人数时无法区分。
    """
    if "staff_control_rate_pct" in inp.values.chosen:
        return
    quota = inp.values.chosen.get("staff_quota")
    actual = inp.values.chosen.get("staff_actual")
    if quota is None or actual is None or quota.value <= 0 or actual.value <= quota.value:
        return
    rate = rate_text(actual.value / quota.value * HUNDRED)
    yield Flag(
        f"实有人数{number_text(actual.value)}人超过编制数{number_text(quota.value)}人，在职人员控制率为{rate}%",
        (actual.location.excerpt(), quota.location.excerpt()),
        (actual.location, quota.location),
        {"实有人数": number_text(actual.value), "编制数": number_text(quota.value), "控制率": rate},
    )


def check_negative_amounts(inp: CheckInput, settings: RuleSettings) -> Iterator[Flag]:
    """金额或人数、件数为负数。

    检查内容：报告中识别出的每个汇总金额（以万元计），小于零即报告；正文中以人、人次、户、个、项等计
    的数量写成负数（“完成门诊诊疗-23,415人次”），也报告。
    为何重要：这类报告中的预算、支出和结余从不为负，完成的人次、户数也不会是负数；负号是打字错误，或
    把变动额错放在了数额的位置。
    触发示例：“项目支出-5.2万元”；“全年完成门诊诊疗-23,415人次”。
    不触发示例：“较年初减少3.14万元”（这是变动额，方向由“减少”一词表达，而不是负的数额）；“增减
    -12人”“较上年-3户”（写明是变动的数量）。
    局限：金额只检查汇总数值；变动额不算数值。数量只检查正文，表格中的增减列不检查。
    """
    for figure in inp.figures:
        if figure.unit == "万元" and figure.value < 0:
            yield Flag(
                f"{figure.label or figure.metric}写为{figure.raw}，金额为负数，需要核实",
                (figure.location.excerpt(),),
                (figure.location,),
                {figure.metric: number_text(figure.value)},
            )
    for raw in inp.raw_figures:
        quantity = raw.quantity
        if (raw.extractor == "text" and quantity.value < 0 and quantity.unit in COUNT_UNITS
                and not is_delta(raw.label) and not CHANGE_WORDS.search(raw.label)):
            yield Flag(
                f"{raw.label.strip() or '数量'}写为{quantity.raw}，数量为负数，需要核实",
                (raw.location.excerpt(),),
                (raw.location,),
                {"value": number_text(quantity.value), "unit": quantity.unit},
            )


def check_scores(inp: CheckInput, settings: RuleSettings) -> Iterator[Flag]:
    """自评得分超过100分，或某项指标得分超过其分值。

    检查内容：报告汇总采用的自评得分大于100分；或绩效指标表中某一行的得分大于该行分值。
    为何重要：满分是100分，一项指标的得分也不能超过其分值。
    触发示例：“自评得分102分”；分值10、得分12的指标。
    不触发示例：98分；得分等于分值。
    局限：分值和得分都是数字时才比较指标得分。
    """
    score = inp.values.chosen.get("self_score")
    if score is not None and score.value > HUNDRED:
        yield Flag(
            f"自评得分写为{number_text(score.value)}分，超过满分100分",
            (score.location.excerpt(),), (score.location,), {"自评得分": number_text(score.value)},
        )
    for row in inp.indicators:
        if row.weight is not None and row.score is not None and row.score.value > row.weight.value:
            quotes, locations = row.cells("score", "weight")
            yield Flag(
                f"指标“{row.name}”得分{number_text(row.score.value)}分超过其分值{number_text(row.weight.value)}分",
                quotes,
                locations,
                {"得分": number_text(row.score.value), "分值": number_text(row.weight.value)},
            )


def check_share_rates(inp: CheckInput, settings: RuleSettings) -> Iterator[Flag]:
    """比率类绩效指标（合格率、发放率、满意度……）的实际值超过100%。

    检查内容：名称中含合格率、及时率、发放率、按时（按期、及时、整改）完成率、满意度、覆盖率、到位率、
    知晓率、达标率、参保率、验收率、处理率、符合率或办结率的指标，其实际完成值（百分数或不带单位的数字）
    大于100即报告。
    为何重要：占整体的比例不可能超过100%；这样的数值是打字错误。
    触发示例：“直补资金按时发放率”的实际值为105%。
    不触发示例：100%；增长率为105%（增长率不是占比）；“医疗收入完成率”为103.2%（计划、收入可以超额完成，
    单说“完成率”不一定是占比）。
    局限：只凭上面列出的名称用词（代码中的 SHARE_RATE_NAME）识别比率类指标，名称不含这些词的比率不检
    查。
    """
    for row in inp.indicators:
        actual = row.actual
        if actual is None or not SHARE_RATE_NAME.search(row.name):
            continue
        if actual.unit in ("%", "") and actual.value > HUNDRED:
            quotes, locations = row.cells("actual")
            yield Flag(
                f"指标“{row.name}”实际完成值为{row.actual_raw}，比率超过100%，数值不合常理",
                quotes,
                locations,
                {"实际完成值": number_text(actual.value)},
            )


def check_grade_matches_score(inp: CheckInput, settings: RuleSettings) -> Iterator[Flag]:
    """评价等次与自评得分不符（按报告自己写明的档次，未写明时按标准档次：优 ≥ 90，良 80–90，中 60–80，差 < 60）。

    检查内容：报告所写的评价等次，与自评得分应得的等次比较。报告正文写明了完整的等次档次时（如“评价结果
    分为优秀（85分及以上）、良好（75分至84分）、合格（60分至74分）、不合格（60分以下）四个等次”“90分（含）
    以上为优，80-90分（不含90分）为良，60-80分为中，60分以下为差”），按报告的档次判断，提示中引用这些档次，
    并指向写明档次的句子；否则按标准档次：优为90分及以上，良为80分至不足90分，中为60分至不足80分，差为不
    足60分。“优秀”按优、“良好”按良、“中等”“合格”“及格”按中、“不合格”按差理解。档次的写法可以是“X分以上”
    “X分（含）以上”“≥X分”“X分以下”“不足X分”“X（含）-Y分”“X—Y分”“X分至Y分”，等次在前（“优秀（85分及以
    上）”）或在后（“90分以上为优”）均可；相邻两档的上下限相差不超过1分（“75分至84分”与“85分及以上”，
    “80分至89.9分”与“90分以上”）视为相接，恰为分界的得分归较高一档，除非较低一档写明含该分数（“80-90分
    （含90分）”）。
    为何重要：等次是给看不到分数的人看的；85分评为“优”，就是拔高了评价。地方规定的档次（如优 ≥ 85）与标
    准档次不同，按标准档次判断会误报。
    触发示例：“绩效自评得分85分，评价等次为优”（报告未写档次）；报告写明“优秀（85分及以上）、良好（75分至
    84分）…”，而“自评得分78分，评价等次为优秀”。
    不触发示例：97.16分评为优；98分评为优秀；报告写明“优秀（85分及以上）、良好（75分至84分）、合格（60分至
    74分）、不合格（60分以下）”，87分评为优秀。
    局限：只读正文（含表格中的大段文字）中的档次，表格形式的档次表不读；档次须完整（从0分到100分，每个等
    次一档，互不重叠），不完整、重叠、用了不认识的等次词（如“较差”“一般”），或报告写了两套不同的档次时，
    仍按标准档次判断。
    """
    grade = inp.metadata.grade
    score = inp.values.chosen.get("self_score")
    if grade is None or score is None:
        return
    stated = GRADE_NAMES.get(grade.value)
    if stated is None:
        return
    own = stated_grade_bands(inp.sentences)
    if own is not None:
        band = own.band_of(score.value)
        if band.grade == stated:
            return
        yield Flag(
            f"评价等次写为“{grade.value}”，但按报告所写的等次档次（{own.describe()}），"
            f"自评得分{number_text(score.value)}分应为“{band.word}”",
            (grade.location.excerpt(), score.location.excerpt(), *(s.text for s in own.sentences)),
            (grade.location, score.location, *(s.location for s in own.sentences)),
            {"自评得分": number_text(score.value), "等次": grade.value},
        )
        return
    expected = next((name for name, low, high in GRADE_BANDS if low <= score.value < high), None)
    if expected is None or stated == expected:
        return
    yield Flag(
        f"评价等次写为“{grade.value}”，但自评得分{number_text(score.value)}分按标准应为“{expected}”",
        (grade.location.excerpt(), score.location.excerpt()),
        (grade.location, score.location),
        {"自评得分": number_text(score.value), "等次": grade.value},
    )


def check_score_sum(inp: CheckInput, settings: RuleSettings) -> Iterator[Flag]:
    """自评总分不等于各指标得分之和。

    检查内容：报告汇总采用的自评得分，与绩效指标各行得分之和比较，相差超过0.5分即报告。
    为何重要：得不到自身表格支持的总分，要么是打错了，要么是分数被改过。
    触发示例：各指标得分合计92分，而报告写“自评得分97分”。
    不触发示例：各指标得分之和与总分只差所写数字的舍入误差（不超过0.5分）。
    局限：只在每一指标行都有数字得分、且各行分值合计恰为100时比较（只列出部分评分项的表格不比较）。
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
