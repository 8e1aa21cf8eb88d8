"""Rates (JX201–JX204): a stated rate against the numerator ÷ denominator it names.

A report states 预算执行率, 控制率, 完成预算的…%, 增长…% next to the amounts they come from. These
rules recompute the rate from the report's own numbers and flag a stated value that the
computation cannot round to. Per-head standards (JX250, JX251) are in ``checks.standards``.

Tolerance is the report's own precision, on both sides: the stated rate may be the computed one
rounded or cut to its last written decimal (93% covers 92.5 up to 94, not included), and the amounts it is computed from are allowed
theirs, so the computed value is a range (``value_range``); a rule flags only when the two ranges
do not meet. ``settings.tolerance("rate_pct", 0)`` adds percentage points on top, for a user who
wants to be more lenient.
"""

from __future__ import annotations

import dataclasses
import re
from collections.abc import Iterator, Mapping, Sequence
from decimal import ROUND_HALF_UP, Decimal

from checks.amounts import (
    Amount,
    amount_of,
    figure_rounding,
    money_units_by_sentence,
    sentence_bounds,
    sentence_key,
    short_label,
    slip_hint,
    span_quote,
    text_groups,
    value_range,
)
from checks.model import CheckInput, number_text
from checks.registry import Flag, Rule, RuleSettings
from checks.tolerance import RATE_DISPLAY, rounding_of
from extract.figures import RawFigure
from extract.model import Location
from normalize.catalogue import BUDGET_ROLES
from normalize.figures import Figure
from normalize.match import is_delta, is_role_only, match_label, role_of

HUNDRED = Decimal(100)
# Concepts whose aliases are generic words (实际支出, 预算数): they name no specific thing, so they
# agree with any specific concept in the same statement.
GENERIC_CONCEPTS = frozenset({"total", "execution_rate"})


def rate_text(value: Decimal) -> str:
    """A computed rate as a message shows it, rounded half up as people round (29÷32 = 90.625 →
    90.63, blind probe AQ d11), not half to even."""
    return number_text(value.quantize(RATE_DISPLAY, ROUND_HALF_UP))


def _extra(settings: RuleSettings) -> Decimal:
    # Percentage points a user may allow on top of the report's own rounding; none by default,
    # because the report's rounding already covers every correctly computed rate.
    return settings.tolerance("rate_pct", Decimal(0))


def _rate_agrees(stated: Decimal, stated_raw: str, low: Decimal, high: Decimal, extra: Decimal) -> bool:
    """Whether a rate written as ``stated_raw`` can be the rounding, or the truncation, of a value
    in [low, high].

    Units cut rates as often as they round them: 22378.81 ÷ 22836.54 = 97.9956 % is written
    97.99 % as well as 98.00 %. Either is the value to the places written, so the stated rate
    covers [stated − half a unit, stated + one unit)."""
    half = rounding_of(stated_raw)
    return high >= stated - half - extra and low < stated + 2 * half + extra


Interval = tuple[Decimal, Decimal]  # (value, ± rounding)


def _ratio_range(numerator: Interval, denominator: Interval) -> Interval:
    return value_range(lambda a, b: a / b * HUNDRED, numerator, denominator)


def _concepts_agree(*labels: str) -> bool:
    """Whether labels name the same thing: no two of them name different specific concepts."""
    specific = set()
    for label in labels:
        match = match_label(label) if label else None
        if match is not None and match.concept.name not in GENERIC_CONCEPTS and match.concept.kind == "money":
            specific.add(match.concept.name)
    return len(specific) <= 1


# Words that name no thing in the label of a rate or a change: the rate or change itself, budget
# sides, comparisons, fillers. What is left of a label after removing them names the thing.
NAMELESS_WORDS = re.compile(
    r"控制率|执行率|完成率|完成预算|占预算|预算|资金|经费|支出|总体|整体|全年|年度|本年|年初|上年度|上年|去年|上一年|同期|"
    r"同比|相比|比较|较|比|与|和|但|并|且|增加|减少|增长|下降|降低|提高|上升|达到|达|为|是|的|了|其中|共|计|数|额|金额"
)
NOT_NAMING = re.compile(r"[\s\d.．%％“”\"'‘’（）()【】：:，,、；;。]|年")


def _naming_words(label: str) -> str:
    """What a label names once the words of rates, changes and budget sides are taken out
    (“政府采购执行率” → 政府采购, “三公经费控制率” → 三公, “比上年减少” → “”)."""
    return NOT_NAMING.sub("", NAMELESS_WORDS.sub("", label))


def _names_another_thing(label: str, *amount_labels: str) -> bool:
    """Whether ``label`` names something the amounts' labels do not (“项目完成率” after 公用经费)."""
    named = _naming_words(label)
    return bool(named) and not any(named in NOT_NAMING.sub("", other) for other in amount_labels)


def _raw_at(inp: CheckInput, location: Location) -> RawFigure | None:
    return next((r for r in inp.raw_figures if r.location == location), None)


def _sentence_amounts(inp: CheckInput, figure: Figure) -> set[Decimal]:
    """The amounts the sentence of ``figure`` states besides it (none for a table cell)."""
    raw = _raw_at(inp, figure.location)
    if raw is None or raw.extractor != "text":
        return set()
    key = sentence_key(raw)
    units = money_units_by_sentence(inp.raw_figures)
    stated = set()
    for other in inp.raw_figures:
        if other is not raw and sentence_key(other) == key:
            amount = amount_of(other, units.get(key, ""))
            if amount is not None:
                stated.add(amount.value)
    return stated


def _as_written(value: Decimal, stated: set[Decimal]) -> Decimal | None:
    """The amount of ``stated`` that is ``value``, or ``value`` rounded to its places (a sentence
    writes 2,615.84万元 where the table gives 26,158,420.00元), else None."""
    if value in stated:
        return value
    for amount in stated:
        exponent = amount.as_tuple().exponent
        if isinstance(exponent, int) and value.quantize(Decimal(1).scaleb(exponent), ROUND_HALF_UP) == amount:
            return amount
    return None


def _sentence_contradicts(inp: CheckInput, rate: Figure, numerator: Figure, denominator: Figure,
                          extra: Decimal) -> bool:
    """Whether the rate's own sentence states both amounts, as exact or as rounded, and the rate
    disagrees with them as written there too: the sentence contradicts itself (blind probe AJ
    aj04: “全年预算2,846.35万元，决算支出2,615.84万元，预算执行率98.50%” beside a table in 元)."""
    stated = _sentence_amounts(inp, rate)
    written = [_as_written(figure.value, stated) for figure in (numerator, denominator)]
    if None in written:
        return False
    if written == [numerator.value, denominator.value]:
        return True
    low, high = _ratio_range(*((amount, rounding_of(str(amount))) for amount in written))
    return not _rate_agrees(rate.value, rate.raw, low, high, extra)


def _one_table_row(*figures: Figure) -> bool:
    """Whether the figures are cells of one table row (a form's 年度资金总额 | 全年预算数 | 全年执行数 |
    执行率): the row states them together, as a sentence does."""
    places = {(f.location.table, f.location.row, f.location.page) for f in figures}
    return len(places) == 1 and figures[0].location.table is not None


# ─── JX201 / JX202 ─────────────────────────────────────────────────────────────────────────────


def check_execution_rate(inp: CheckInput, settings: RuleSettings) -> Iterator[Flag]:
    """报告所写的预算执行率，不等于按报告自身总数算出的“执行数 ÷ 预算数”。

    检查内容：报告对评价年度所写的预算执行率，与其全年执行数除以全年预算数
    （reports.csv 的 spent_total_wan 与 budget_total_wan 列）之商比较；三个数字各自书
    写精度所允许的舍入误差不算不符，执行率按所写位数截断（97.9956%写作97.99%）也不算。
    为何重要：执行率是每份自评报告的核心指标，而且计分；用报告自己的金额算不出的执行率，要么算错了，
    要么是从另一口径抄来的。
    触发示例：“支出预算6400.32万元，实际支出3961.33万元，预算执行率61.92%”（3961.33 ÷ 6400.32 =
    61.89%）。
    不触发示例：“全年预算数2026.86，预算执行数2026.86万元，预算执行率100%”；把61.89%写作61.9%（61.9
    代表61.85至61.95）。
    局限：只比较单位层面的执行率和总数；其他口径的执行率（仅财政拨款、项目资金），只有在被误认作单位
    执行率时才会被比较。执行率所在句子（或表格的同一行）同时写出两个金额时报“错误”（句中写的是四舍五入
    后的金额，如表中以元列出、句中写到0.01万元，而按句中金额算也不符时同样报“错误”）；金额取自报告其他
    地方，或三个数值中任何一个在别处另有不同写法时，报“提醒”。
    """
    chosen = inp.values.chosen
    keys = ("execution_rate_pct", "spent_total_wan", "budget_total_wan")
    rate, spent, budget = (chosen.get(k) for k in keys)
    if rate is None or spent is None or budget is None or budget.value == 0:
        return
    flag = _catalogue_rate_flag(inp, settings, rate, spent, budget, "预算执行率", "执行数÷预算数", "万元",
                                keys)
    if flag is not None:
        yield flag


def check_staff_control_rate(inp: CheckInput, settings: RuleSettings) -> Iterator[Flag]:
    """报告所写的在职人员控制率，不等于“实有人数 ÷ 编制数”。

    检查内容：报告的在职人员控制率，与其实有（在职）人数除以核定编制
    （reports.csv 的 staff_actual 与 staff_quota 列）之商比较；人数是精确数，只
    允许控制率本身的舍入或截断误差。
    为何重要：控制率是计分指标；与报告自己的人数对不上的控制率，掩盖了单位超编或缺编的真实程度。
    触发示例：“核定编制13人，在职人数10人，在职人员控制率80%”（10 ÷ 13 = 76.92%）。
    不触发示例：“在职人员控制率77%=（在职人员数10人/编制数13人）*100%”（76.92四舍五入为77）；“编制5
    名，在职人数为13人，在职人员控制率为260%”——数字自洽，只是不合常理（由JX401检查）。
    局限：与JX201相同：控制率所在句子（或表格的同一行）同时写出两个人数时报“错误”，否则报“提醒”。
    """
    chosen = inp.values.chosen
    rate, actual, quota = (chosen.get(k) for k in ("staff_control_rate_pct", "staff_actual", "staff_quota"))
    if rate is None or actual is None or quota is None or quota.value == 0:
        return
    flag = _catalogue_rate_flag(inp, settings, rate, actual, quota, "在职人员控制率", "在职人数÷编制数", "人",
                                ("staff_control_rate_pct", "staff_actual", "staff_quota"))
    if flag is not None:
        yield flag


def _catalogue_rate_flag(
    inp: CheckInput, settings: RuleSettings, rate: Figure, numerator: Figure, denominator: Figure,
    name: str, formula: str, unit: str, keys: tuple[str, ...],
) -> Flag | None:
    low, high = _ratio_range((numerator.value, figure_rounding(numerator)),
                             (denominator.value, figure_rounding(denominator)))
    if _rate_agrees(rate.value, rate.raw, low, high, _extra(settings)):
        return None
    computed = numerator.value / denominator.value * HUNDRED
    is_stated_together = (_sentence_contradicts(inp, rate, numerator, denominator, _extra(settings))
                          or _one_table_row(rate, numerator, denominator))
    has_conflicts = any(inp.values.conflicts.get(k) for k in keys)
    return Flag(
        f"{name}写为{number_text(rate.value)}%，但{formula}={number_text(numerator.value)}÷"
        f"{number_text(denominator.value)}={rate_text(computed)}%{slip_hint(rate.value, computed)}",
        evidence=tuple(dict.fromkeys(span_quote(f.location) for f in (rate, numerator, denominator))),
        locations=(rate.location, numerator.location, denominator.location),
        values={"stated_pct": number_text(rate.value), "numerator": number_text(numerator.value),
                "denominator": number_text(denominator.value), "computed_pct": rate_text(computed),
                "unit": unit},
        severity=None if is_stated_together and not has_conflicts else "warning",
    )


def _catalogue_rate_values(inp: CheckInput) -> set[tuple[str, Decimal]]:
    """(metric, value) of the unit-level rates JX201/JX202 check, when they can check them."""
    chosen = inp.values.chosen
    checked = set()
    for rate_key, inputs in (("execution_rate_pct", ("spent_total_wan", "budget_total_wan")),
                             ("staff_control_rate_pct", ("staff_actual", "staff_quota"))):
        if rate_key in chosen and all(k in chosen for k in inputs):
            checked.add((rate_key, chosen[rate_key].value))
    return checked


# ─── JX203 ─────────────────────────────────────────────────────────────────────────────────────

# Labels of a rate that is 实际 ÷ 预算 of the amounts just before it.
BUDGET_RATE_LABEL = re.compile(r"控制率|执行率|完成率|完成预算|占预算")


def check_rate_beside_amounts(inp: CheckInput, settings: RuleSettings) -> Iterator[Flag]:
    """控制率、执行率或“完成预算的%”，不等于紧挨其前两个金额的“实际数 ÷ 预算数”。

    检查内容：同一句中，标为控制率、执行率、完成率、完成预算的或占预算的百分比：其前最近的两个金额
    （句中更早的比率之后）若分别是同一事项的预算数（预算、安排）和实际数（实际、支出数、决算、执行），
    顺序不限，则该比率必须是“实际 ÷ 预算”的舍入（或截断）结果。
    为何重要：这些比率（公用经费控制率、“三公”经费控制率、政府采购执行率）都要计分；与旁边两个金额算
    不出来的比率，是从计划或另一行抄来的。
    触发示例：“公用经费16.9万元，公用经费实际支出17.71万元，控制率93%”（17.71 ÷ 16.9 = 104.79%）；
    “三公经费预算安排数1.14万元，实际支出1.06万元，控制率98%”（应为92.98%）。
    不触发示例：“公务接待费预算1.14万元，实际支出1.06万元，控制率93%”（92.98四舍五入为93）；“公务接
    待费支出2020年度决算为0.89万元，预算为1.5万元，完成预算的59%”（实际数在前：59.33%）。
    局限：单位层面的预算执行率和在职人员控制率由JX201、JX202检查。两个金额说的是不同事项时（公用经费
    与三公经费）跳过，比率与金额不在同一句时也跳过。按相反方向定义的比率（预算 ÷ 实际）会被误报。
    """
    catalogue_rates = _catalogue_rate_values(inp)
    rate_metrics = {f.location: f.metric for f in inp.figures if f.unit == "%"}
    units = money_units_by_sentence(inp.raw_figures)
    for group in text_groups(inp.raw_figures):
        for index, raw in enumerate(group):
            is_rate = raw.quantity.unit == "%" and raw.quantity.op in (None, "=")
            if not is_rate or not BUDGET_RATE_LABEL.search(raw.label):
                continue
            if (rate_metrics.get(raw.location), raw.quantity.value) in catalogue_rates:
                continue
            pair = _budget_and_actual(group, index, units)
            if pair is None or not _concepts_agree(pair[0].label, pair[1].label, raw.label):
                continue
            if _names_another_thing(raw.label, pair[0].label, pair[1].label):
                continue  # “公用经费预算…，实际支出…，项目完成率90%”: the rate is about something else
            flag = _beside_flag(raw, *pair, _extra(settings))
            if flag is not None:
                yield flag


def _budget_and_actual(
    group: Sequence[RawFigure], index: int, units: Mapping[tuple, str]
) -> tuple[Amount, Amount] | None:
    rate = group[index]
    key = sentence_key(rate)
    amounts: list[Amount] = []
    for raw in reversed(group[:index]):
        if sentence_key(raw) != key or raw.quantity.unit == "%":
            break
        amount = amount_of(raw, units.get(key, ""))
        if amount is None or amount.kind != "money" or is_delta(raw.label):
            continue
        amounts.insert(0, amount)
        if len(amounts) == 2:
            break
    if len(amounts) != 2:
        return None
    roles = [role_of(a.label) for a in amounts]
    if roles[0] in BUDGET_ROLES and roles[1] == "actual":
        return amounts[0], amounts[1]
    if roles[0] == "actual" and roles[1] in BUDGET_ROLES:
        return amounts[1], amounts[0]
    return None


# The link verb a label may end with before its number (“在职人员控制率为92%”): not part of the
# rate's name in a message (“控制率为写为92%” read badly).
_LINK_AT_END = re.compile(r"(?:为|是|达到|达|约|：|:)\s*$")


def _rate_name(label: str) -> str:
    return _LINK_AT_END.sub("", label.strip())


def _beside_flag(rate: RawFigure, budget: Amount, actual: Amount, extra: Decimal) -> Flag | None:
    if budget.value == 0:
        return None
    low, high = _ratio_range((actual.value, actual.rounding), (budget.value, budget.rounding))
    stated = rate.quantity.value
    if _rate_agrees(stated, rate.quantity.raw, low, high, extra):
        return None
    computed = actual.value / budget.value * HUNDRED
    first = min((budget, actual), key=lambda a: a.raw.location.char_start or 0).raw.location
    return Flag(
        f"{_rate_name(rate.label)}写为{number_text(stated)}%，但{short_label(actual.raw)}÷{short_label(budget.raw)}="
        f"{number_text(actual.value)}÷{number_text(budget.value)}={rate_text(computed)}%"
        f"{slip_hint(stated, computed)}",
        evidence=(span_quote(first, rate.location),),
        locations=(rate.location, budget.raw.location, actual.raw.location),
        values={"stated_pct": number_text(stated), "actual": number_text(actual.value),
                "budget": number_text(budget.value), "computed_pct": rate_text(computed),
                "unit": actual.unit},
    )


# ─── JX204 ─────────────────────────────────────────────────────────────────────────────────────

# A change rate: its label ends with the direction (增长62%, 比上年减少45%); a label about a speed or
# a rate (增长速度5.48%, 执行率提高5%) is a rate of its own, not a change of the amounts.
UP_WORDS = ("增长", "增加", "上升", "提高")
DOWN_WORDS = ("减少", "下降", "降低")
CHANGE_LABEL = re.compile(f"({'|'.join(UP_WORDS + DOWN_WORDS)})(了|为|达|约)?\\s*$")
NOT_A_CHANGE_OF_AMOUNTS = re.compile(r"率|速度|比例|比重|占比|幅度")
# A direction word in a change amount's label (比上年减少0.74万元); without one, 比上年3.10万元 is
# last year's amount.
DIRECTION_WORD = re.compile("|".join(UP_WORDS + DOWN_WORDS))
# Words that make a comparison with the year before.
PREVIOUS_YEAR_WORDS = re.compile(r"上年|去年|上一年|同比|上年度|同期")


def check_change_rate(inp: CheckInput, settings: RuleSettings) -> Iterator[Flag]:
    """报告所写的增长或减少百分比，用它所比较的金额算不出来。

    检查内容：名称以增长、增加、上升、提高或减少、下降、降低结尾的百分比，分三种写法：①同一句中紧跟
    在变动额之后（“与上年相比增加0.34万元，增长62%”）：以句中更早写出的一个金额为当年数，增加时百分
    比应为 变动额 ÷（当年数 − 变动额），减少时应为 变动额 ÷（当年数 + 变动额）；该金额本身写明属上一
    年度时（“上年同期支出为1,198.20万元，本年增加88.24万元，增长7.36%”），它就是上年数，百分比应为
    变动额 ÷ 上年数。②与上年比较（比上年、
    同比）而未写变动额：同一事项的两个金额，一个属评价年度、一个属上一年度，在同一句或同段的前一句中
    （“2020年度“三公经费”预算为1.14万元，2019年度“三公经费”预算为1.93万元。…比上年减少45%”）：百分比
    应为（当年数 − 上年数）÷ 上年数，方向与所写一致；③紧跟在上年数之后（“支出2.36万元，比上年3.10万元
    下降23.87%”，“比上年”与金额之间没有增减字样，该金额是上年数而不是变动额）：以句中更早写出的金额为
    当年数，同样按（当年数 − 上年数）÷ 上年数核对。
    为何重要：用自身金额算不出的增长率，错报了支出的变化，常见的是把压减说得更多、把增加说得更少。
    触发示例：“…预算为1.14万元，2019年度…预算为1.93万元。…比上年减少45%”（(1.93 − 1.14) ÷ 1.93 =
    40.93%）。
    不触发示例：“决算为0.89万元，预算为1.5万元，完成预算的59%，但与上年相比增加0.34万元，增长62%”
    （0.34 ÷ (0.89 − 0.34) = 61.82%，0.89为当年数）；“支出2.36万元，比上年3.10万元下降23.87%”
    （(3.10 − 2.36) ÷ 3.10 = 23.87%）。
    局限：写法①和③中，句中每个更早的金额都会被试作当年数（“其中”所列分项之后的比较可能说的是总数），
    任一相符即通过；试了几个都不相符时只报“提醒”。
    比率本身的百分比变化（执行率提高5%）和以“个百分点”表示的变化不核对；比前一句更远处的金额也不读取。
    """
    extra = _extra(settings)
    units = money_units_by_sentence(inp.raw_figures)
    for group in text_groups(inp.raw_figures):
        text = group[0].location.quote
        for index, raw in enumerate(group):
            if raw.quantity.unit != "%" or raw.quantity.op not in (None, "="):
                continue
            match = CHANGE_LABEL.search(raw.label)
            if match is None or NOT_A_CHANGE_OF_AMOUNTS.search(raw.label[: match.start()]):
                continue
            is_up = match.group(1) in UP_WORDS
            is_applicable, flag = _change_after_amount(group, index, units, is_up, extra, inp.fiscal_year)
            if not is_applicable and _names_previous_year(raw):
                flag = _change_between_years(inp, group, index, units, text, is_up, extra)
            if flag is not None:
                yield flag


def _names_previous_year(raw: RawFigure) -> bool:
    return bool(PREVIOUS_YEAR_WORDS.search(raw.label) or PREVIOUS_YEAR_WORDS.search(raw.context))


def _is_previous_years(raw: RawFigure, fiscal_year: int | None) -> bool:
    """Whether an amount's own words make it the year before's: “上年同期支出为1,198.20万元”, or
    “2022年度全年支出为2,214.36万元” in a 2023 report (blind probe R). A change after it is
    measured from it, not from a current amount."""
    if PREVIOUS_YEAR_WORDS.search(raw.label):
        return True
    return fiscal_year is not None and bool(raw.years) and raw.years[-1] == fiscal_year - 1


def _change_after_amount(
    group: Sequence[RawFigure], index: int, units: Mapping[tuple, str], is_up: bool, extra: Decimal,
    fiscal_year: int | None = None,
) -> tuple[bool, Flag | None]:
    """(whether the percentage follows a change amount with a current amount before it, the flag).

    An earlier amount that is the year before's (``_is_previous_years``) is tried as the base itself:
    “上年同期支出为1,198.20万元，本年增加88.24万元，增长7.36%” is 88.24 ÷ 1,198.20."""
    rate = group[index]
    key = sentence_key(rate)
    if index == 0 or sentence_key(group[index - 1]) != key:
        return False, None
    change = amount_of(group[index - 1], units.get(key, ""))
    if change is None or change.kind != "money" or not is_delta(change.label):
        return False, None
    if "其中" in change.label:
        return False, None  # the change of a part, whose current amount is not stated
    earlier = [(amount_of(r, units.get(key, "")), label)
               for r, label in _with_inherited_labels(group[: index - 1]) if sentence_key(r) == key]
    currents = [
        a for a, label in earlier
        if a is not None and a.kind == "money" and not is_delta(a.label)
        and not _names_another_thing(change.label, label) and not _names_another_thing(rate.label, label)
    ]
    if not currents:
        return False, None
    if DIRECTION_WORD.search(change.label) is None:
        # “支出2.36万元，比上年3.10万元下降23.87%”: 比上年 without a direction before the amount
        # makes it last year's amount, not the change. After a 其中 list (“支出2.36万元，其中公务接待
        # 费0.48万元，公务用车运行维护费1.88万元，比上年2.95万元下降20%”) it may be of the whole or
        # of the last part: each earlier amount is tried, as in form ①.
        flags = [_change_from_previous(rate, current, change, is_up, extra) for current in reversed(currents)]
        if any(flag is None for flag in flags):
            return True, None
        return True, flags[0] if len(flags) == 1 else dataclasses.replace(flags[0], severity="warning")
    sign = Decimal(-1) if is_up else Decimal(1)  # previous = current − change (up) or + change (down)
    stated = rate.quantity.value
    tried = []
    for current in currents:
        base_sign = Decimal(0) if _is_previous_years(current.raw, fiscal_year) else sign
        try:
            low, high = value_range(lambda d, c: d / (c + base_sign * d) * HUNDRED,
                                    (change.value, change.rounding), (current.value, current.rounding))
        except ArithmeticError:
            continue
        if _rate_agrees(stated, rate.quantity.raw, low, high, extra):
            return True, None
        computed = change.value / (current.value + base_sign * change.value) * HUNDRED
        tried.append((current, base_sign, computed))
    if not tried:
        return True, None
    # The message works from the spending when the sentence states it beside a budget (“决算为1.05万元，
    # 预算为1.60万元，…较上年增加0.30万元，增长35%”, blind probe BC A2): a change on last year is the
    # spending's; from the nearest amount otherwise.
    spent = [attempt for attempt in tried
             if (role_of(attempt[0].label) or role_of(attempt[0].label, weak=True)) == "actual"]
    current, base_sign, computed = (spent or tried)[-1]
    previous = current.value + base_sign * change.value
    operator = "−" if is_up else "+"
    base = (number_text(current.value) if not base_sign
            else f"（{number_text(current.value)}{operator}{number_text(change.value)}）="
                 f"{number_text(change.value)}÷{number_text(previous)}")
    return True, Flag(
        f"{rate.label.strip()}{number_text(stated)}%，但变动额÷上年数={number_text(change.value)}÷{base}"
        f"={rate_text(computed)}%",
        evidence=(span_quote(current.raw.location, rate.location),),
        locations=(rate.location, change.raw.location, current.raw.location),
        values={"stated_pct": number_text(stated), "change": number_text(change.value),
                "current": number_text(current.value), "computed_pct": rate_text(computed)},
        severity=None if len(tried) == 1 else "warning",
    )


def _with_inherited_labels(raws: Sequence[RawFigure]) -> Iterator[tuple[RawFigure, str]]:
    """Each amount with the label that says what it is of: its own, or, for a label naming only a
    side (“2022年“三公”经费预算5.00万元，实际支出4.38万元”), the nearest earlier label of its
    sentence that names a thing, before its own (blind probe W w03: the 4.38 is the 三公经费's)."""
    named: dict[tuple, str] = {}
    for raw in raws:
        key = sentence_key(raw)
        if is_role_only(raw.label) and key in named:
            yield raw, named[key] + raw.label
            continue
        named[key] = raw.label
        yield raw, raw.label


def _change_from_previous(rate: RawFigure, current: Amount, previous: Amount, is_up: bool,
                          extra: Decimal) -> Flag | None:
    """The flag for a change rate written after last year's amount (比上年3.10万元下降23.87%), or None."""
    if previous.value == 0:
        return None
    sign = 1 if is_up else -1  # the change in the direction written, so the stated rate is positive
    low, high = value_range(lambda c, p: sign * (c - p) / p * HUNDRED,
                            (current.value, current.rounding), (previous.value, previous.rounding))
    stated = rate.quantity.value
    if _rate_agrees(stated, rate.quantity.raw, low, high, extra):
        return None
    computed = (current.value - previous.value) / previous.value * HUNDRED
    direction = "增长" if computed >= 0 else "减少"
    larger, smaller = sorted((current.value, previous.value), reverse=True)
    return Flag(
        f"{rate.label.strip()}{number_text(rate.quantity.value)}%，但当年{number_text(current.value)}万元比上年"
        f"{number_text(previous.value)}万元{direction}（{number_text(larger)}−{number_text(smaller)}）÷"
        f"{number_text(previous.value)}={rate_text(abs(computed))}%",
        evidence=(span_quote(current.raw.location, rate.location),),
        locations=(rate.location, current.raw.location, previous.raw.location),
        values={"stated_pct": number_text(stated if is_up else -stated), "current": number_text(current.value),
                "previous": number_text(previous.value), "computed_pct": rate_text(computed)},
    )


def _change_between_years(
    inp: CheckInput, group: Sequence[RawFigure], index: int, units: Mapping[tuple, str], text: str,
    is_up: bool, extra: Decimal,
) -> Flag | None:
    rate = group[index]
    start, _ = sentence_bounds(text, rate.location.char_start or 0)
    scope_start = sentence_bounds(text, start - 1)[0] if start > 0 else start
    candidates = [a for a in (amount_of(r, units.get(sentence_key(r), "")) for r in group[:index]
                              if (r.location.char_start or 0) >= scope_start)
                  if a is not None and a.kind == "money" and not is_delta(a.label) and a.raw.years]
    pair = _year_pair(candidates, inp.fiscal_year, rate.label)
    if pair is None:
        return None
    current, previous = pair
    if previous.value == 0:
        return None
    low, high = value_range(lambda c, p: (c - p) / p * HUNDRED,
                            (current.value, current.rounding), (previous.value, previous.rounding))
    stated = rate.quantity.value if is_up else -rate.quantity.value
    if _rate_agrees(stated, rate.quantity.raw, low, high, extra):
        return None
    computed = (current.value - previous.value) / previous.value * HUNDRED
    direction = "增长" if computed >= 0 else "减少"
    larger, smaller = sorted((current.value, previous.value), reverse=True)
    words = f"（{number_text(larger)}−{number_text(smaller)}）÷{number_text(previous.value)}"
    return Flag(
        f"{rate.label.strip()}{number_text(rate.quantity.value)}%，但{current.raw.years[-1]}年"
        f"{number_text(current.value)}万元比{previous.raw.years[-1]}年{number_text(previous.value)}万元{direction}"
        f"{words}={rate_text(abs(computed))}%",
        evidence=tuple(dict.fromkeys((span_quote(previous.raw.location), span_quote(current.raw.location),
                                      span_quote(rate.location)))),
        locations=(rate.location, current.raw.location, previous.raw.location),
        values={"stated_pct": number_text(stated), "current": number_text(current.value),
                "previous": number_text(previous.value), "computed_pct": rate_text(computed)},
    )


def _year_pair(
    candidates: list[Amount], fiscal_year: int | None, rate_label: str
) -> tuple[Amount, Amount] | None:
    """The one amount for the fiscal year and the one for the year before, naming the same thing
    with the same budget side (and the thing the rate names, if it names one)."""
    if fiscal_year is None:
        return None
    current = [a for a in candidates if a.raw.years[-1] == fiscal_year]
    previous = [a for a in candidates if a.raw.years[-1] == fiscal_year - 1]
    if len(current) != 1 or len(previous) != 1:
        return None
    a, b = current[0], previous[0]
    match_a, match_b = match_label(a.label), match_label(b.label)
    same_thing = _without_years(a.label) == _without_years(b.label) or (
        match_a is not None and match_b is not None and match_a.concept == match_b.concept
        and role_of(a.label) == role_of(b.label))
    if not same_thing or not _concepts_agree(a.label, rate_label):
        return None
    if _names_another_thing(rate_label, a.label):
        return None
    return a, b


def _without_years(label: str) -> str:
    return re.sub(r"(?:19|20)\d{2}\s*年度?|[\s“”\"'：:]", "", label)


RULES = (
    Rule("JX201", "rate_mismatch", "error", check_execution_rate),
    Rule("JX202", "rate_mismatch", "error", check_staff_control_rate),
    Rule("JX203", "rate_mismatch", "error", check_rate_beside_amounts),
    Rule("JX204", "rate_mismatch", "error", check_change_rate),
)
