"""One row per report: every catalogue key with the value the report states for its own year.

A report often states a value twice (in the 自评表 and in the narrative; as 编制数 in a formula and
as 在职全额编制 in prose). ``select_report_values`` keeps one per key by this precedence:

1. only figures **for the fiscal year evaluated** (the year in their own phrase or table header,
   or no year at all, i.e. the report's year); figures for other years (“2019年度“三公经费”预算为
   1.93万元”) are never the report's value;
2. a figure from a **table** before one from running text: the 自评表 is the form the unit fills in
   and signs, the narrative paraphrases it;
3. the **surer label match**: the label *is* an alias, then contains one, then jieba tokens,
   then fuzzy, then inherited from earlier in the sentence (“编制数13人” over “在职全额编制10人”);
4. the **first** in reading order.

Whatever their labels, a value rounded from another is not chosen over it: where the chosen
figure is another candidate rounded to fewer places (全年执行数1.82亿元 and 18,236.47万元), the more
precise one is the value. And where 执行数 or 预算数 has two values, one of which the report's own
预算执行率 (with the other of the two) agrees with, that one is the value (a slip of 元 for 万元 or a
typo in the other, blind probe AS a2).

Before all of these, a budget **stated as a budget** comes before money that stands in for one:
funds received or allotted (“实际到位资金920万元”, “下达资金…”, “安排…资金”), or a project's
investment over all its years (“总投资2580万元”). A report on a project or a fund often
gives only those, and then they are its budget (seed 003); beside a 全年预算数 they are another
quantity (funds short of the budget are normal, and the 执行率 is of the budget), so neither chosen
nor counted as a conflict.

A key that holds a full-year budget (基本支出预算数, 项目支出预算数 …) is filled by 全年预算数 /
调整后预算 when the report states one; a 年初预算数 for it is then another quantity (the budget
before the year's adjustments), neither chosen nor counted as a conflict. Alone, it is the value.
So is a budget stated plainly (支出预算3,126.40万元) beside one stated as adjusted (调整后支出预算
3,402.15万元): it is the budget before the adjustments.

Every other candidate with a different value is kept in ``conflicts``, for the consistency checks:
nothing is silently dropped. A value is not different when it is the other rounded to the places it
was written to, in the unit it was written in (1234.57万元 in the text, 12,345,678.90元 in a table;
1.22亿元, written to 100万元, and 12,218.07万元).

One part stands for its whole (``catalogue.SPLIT_KEYS``): a report that lists its 三公经费 as 公务接待费,
公务用车运行维护费 and 因公出国（境）费 states its 公务用车费 as the 运行维护费, when it states no
公务用车购置费 beside it, or one of 0 (the whole is then exactly that part). The same figure is then
the value of both keys.
"""

from __future__ import annotations

import re
from dataclasses import field
from decimal import ROUND_HALF_UP, Decimal
from typing import Iterator

from extract.records import record
from normalize.catalogue import SPLIT_KEYS
from normalize.figures import YUAN_PER_WAN, Figure, measured_after_year

EXTRACTOR_RANK = {"table": 0, "text": 1}
# Money that stands in for a budget (funds received, allotted), unless the label also says 预算.
BUDGET_STAND_IN = re.compile(r"到位|下达|安排|总投资")  # 总投资: a project's, over all its years
STATED_BUDGET = re.compile(r"预算")
# A budget stated after the year's adjustments (调整后预算, 调整预算后为, 追加后预算), or as the
# full year's (全年预算): what 预算执行率 is measured against.
ADJUSTED_BUDGET = re.compile(r"调整后|调整预算|调整为|追加后|变更后|调增后|调减后")
FULL_YEAR_BUDGET = re.compile(r"全年|年度预算总?额")
# How sure a label match is, best first: the label is an alias; it contains one; jieba tokens;
# rapidfuzz; the concept was carried over from earlier in the sentence.
METHOD_RANK = {"exact": 0, "alias": 1, "tokens": 2, "fuzzy": 3, "inherited": 4}


@record
class ReportValues:
    chosen: dict[str, Figure] = field(default_factory=dict)
    conflicts: dict[str, tuple[Figure, ...]] = field(default_factory=dict)
    # The report pays several groups or bands (see ``paid_groups``, ``has_banded_standards``): the
    # direct-subsidy keys hold the programme's total where the report states one, else nothing, and
    # no group's standard (``group_figures``).
    several_paid_groups: bool = False

    def stand_ins(self) -> Iterator[tuple[str, Figure, str]]:
        """(key, figure, how) for each value taken from a figure of another key: ``part`` for a part
        standing for its whole (SPLIT_KEYS), ``paid`` for the money a programme paid out standing for
        its spending (``paid_as_spent``). The outputs give such a value a place of its own."""
        return ((key, figure, "part" if key in SPLIT_KEYS else "paid")
                for key, figure in self.chosen.items() if figure.metric != key)


def select_report_values(figures: list[Figure], fiscal_year: int | None, title: str = "") -> ReportValues:
    """The value of each catalogue key the report states (see README, Units and precedence), the
    other values it states for each, and whether the direct-subsidy keys are groups' figures.
    ``title``: what the report evaluates (its title, the project its form names); a report on two
    programmes (names_several_programmes) pays each to its own people."""
    candidates: dict[str, list[tuple[tuple, Figure]]] = {}
    for order, figure in enumerate(figures):
        if fiscal_year is not None and figure.year is not None and figure.year != fiscal_year:
            continue
        if figure.op not in (None, "="):
            continue  # “近600万元”, “≥80%”: not a stated level
        method = figure.match_method.split("+")[0]
        # A figure dated after the year (截至次年…累计支付) has grown since the year's end: the year's
        # own is preferred, and the two are no conflict. Where every figure is so dated (seed 003
        # measures its funds 截止2024年3月31日), they are compared with each other as before.
        rank = (_stands_in_for_budget(figure), measured_after_year(figure, fiscal_year),
                EXTRACTOR_RANK.get(figure.extractor, 2), METHOD_RANK.get(method, 5), order)
        candidates.setdefault(figure.metric, []).append((rank, figure))
    chosen: dict[str, Figure] = {}
    conflicts: dict[str, tuple[Figure, ...]] = {}
    ranked_by_metric: dict[str, list[Figure]] = {}
    for metric, ranked in candidates.items():
        if any(f.role == "budget" for _, f in ranked):
            ranked = [(rank, f) for rank, f in ranked if f.role != "budget_initial"]
        if any(f.role == "budget" and ADJUSTED_BUDGET.search(f.label) for _, f in ranked):
            # “支出预算3,126.40万元…调整后支出预算3,402.15万元” (blind probe AQ d07): beside a budget
            # stated as adjusted, one stated plainly is the budget before the adjustment
            ranked = [(rank, f) for rank, f in ranked
                      if f.role != "budget" or ADJUSTED_BUDGET.search(f.label) or FULL_YEAR_BUDGET.search(f.label)]
        ranked.sort(key=lambda item: item[0])
        ranked_by_metric[metric] = [f for _, f in ranked]
        best = _finest_statement(ranked[0][1], [f for _, f in ranked], fiscal_year)
        chosen[metric] = best
        stand_in, after = _stands_in_for_budget(best), measured_after_year(best, fiscal_year)
        others = tuple(f for _, f in ranked[1:]
                       if not _same_value(f, best) and _stands_in_for_budget(f) == stand_in
                       and measured_after_year(f, fiscal_year) == after and not _of_other_programmes(f, best)
                       and not _balance_and_its_part(f, best))
        if others:
            conflicts[metric] = others
    _prefer_the_one_its_rate_agrees_with(chosen, conflicts)
    paragraphs = paid_figures_by_paragraph(figures, fiscal_year)
    banded = has_banded_standards(paragraphs)
    several_programmes = names_several_programmes(title)
    groups_by_paragraph = len({standard for standard, _ in paid_groups(paragraphs, several_programmes)}) > 1
    several_groups = banded or groups_by_paragraph
    if several_groups:
        # 集中供养 and 分散供养 each with their standard, people and money (blind probe X x13), or the
        # bands of one standard by age (blind probe AL r02): the groups' figures are parts of the
        # programme, not values of one quantity that disagree
        for key in PAID_GROUP_KEYS:
            conflicts.pop(key, None)
        _only_wholes_of_groups(chosen, ranked_by_metric,
                               group_figures(paragraphs, groups_by_paragraph, several_programmes))
        chosen.pop(STANDARD_KEY, None)  # one band's or group's standard is not the programme's
    if several_programmes:
        # “困难残疾人生活补贴人数 | 2615” and “重度残疾人护理补贴人数 | 3162” (blind probe AY 华容): each
        # programme's own, however stated, and neither the report's. Two values of one programme's
        # count (told apart by name, _of_other_programmes) stay a conflict, with the one chosen.
        for key in PAID_GROUP_KEYS:
            if key not in conflicts and len({figure.value for figure in ranked_by_metric.get(key, ())}) > 1:
                chosen.pop(key, None)
    for whole, (other, part) in SPLIT_KEYS.items():  # the part that stands for the whole is the second
        if whole not in chosen and part in chosen and (other not in chosen or chosen[other].value == 0):
            chosen[whole] = chosen[part]
    if not several_groups and (paid := paid_as_spent(chosen)) is not None:
        chosen[SPENT_KEY] = paid
    return ReportValues(chosen, conflicts, several_groups)


SPENT_KEY, BUDGET_KEY = "spent_total_wan", "budget_total_wan"
RATE_KEY, PAID_KEY = "execution_rate_pct", "direct_subsidy_wan"


def paid_as_spent(chosen: dict[str, Figure]) -> Figure | None:
    """The money a programme paid out, as its spending, when the report states no spending but its
    own 执行率 is that money over its budget (blind probes J r22, T t03: “资金共计420.00万元 …
    发放直补资金408.00万元，资金执行率97.14%”). A fund that pays people spends what it pays; the
    report's rate, written to at least a tenth of a per cent, confirms the two are one amount (a
    rate agreeing by chance to that many digits would be a rare coincidence). A rate written as a
    whole number confirms only a full payment (100%, paid = budget). Nothing is taken otherwise.
    """
    paid, budget, rate = chosen.get(PAID_KEY), chosen.get(BUDGET_KEY), chosen.get(RATE_KEY)
    if SPENT_KEY in chosen or paid is None or budget is None or rate is None or budget.value <= 0:
        return None
    places = _places(rate)
    if places is None:
        return None
    if places >= 0:
        return paid if paid.value == budget.value and rate.value == 100 else None
    computed = (paid.value * 100 / budget.value).quantize(Decimal(1).scaleb(places), rounding=ROUND_HALF_UP)
    return paid if computed == rate.value and paid.value < budget.value else None


# The keys of a programme paying people by a standard per head.
PAID_GROUP_KEYS = ("direct_subsidy_standard_yuan", "direct_subsidy_people", "direct_subsidy_wan")
# How far people × standard may be from the money paid, in 万元: a cent, as amounts are written.
PAID_GROUP_TOLERANCE = Decimal("0.01")


STANDARD_KEY = PAID_GROUP_KEYS[0]


def paid_figures_by_paragraph(figures: list[Figure], fiscal_year: int | None) -> list[list[Figure]]:
    """The direct-subsidy figures (standard, people, money: PAID_GROUP_KEYS) of the year that each
    paragraph of running text states, in reading order."""
    by_paragraph: dict[tuple, list[Figure]] = {}
    for figure in figures:
        if figure.extractor != "text" or figure.metric not in PAID_GROUP_KEYS or (
                fiscal_year is not None and figure.year not in (None, fiscal_year)):
            continue
        where = figure.location
        by_paragraph.setdefault((where.file, where.page, where.paragraph, where.line), []).append(figure)
    return list(by_paragraph.values())


def has_banded_standards(paragraphs: list[list[Figure]]) -> bool:
    """Whether one paragraph (of ``paid_figures_by_paragraph``) states two or more different
    standards per head: the bands of one programme (“80—89周岁每人每年600元，90—99周岁每人每年1,200元，
    100周岁及以上每人每年3,600元”), each paid to its own people, so that no one of them times all
    the people is the money."""
    return any(len({f.value for f in stated if f.metric == STANDARD_KEY}) > 1 for stated in paragraphs)


def names_several_programmes(title: str) -> bool:
    """Whether a title evaluates two or more programmes paying people: “困难残疾人生活补贴和重度残疾人
    护理补贴资金绩效自评报告”, “残疾人两项补贴…” (blind probe AY 平江)."""
    # each name ends in a word of its own, so two names need two of the words: most titles have
    # fewer, and are passed over without PROGRAMME_NAME's search, which tries every position
    if len(PROGRAMME_WORD.findall(title)) > 1 and len(set(PROGRAMME_NAME.findall(title))) > 1:
        return True
    return SEVERAL_PROGRAMMES.search(title) is not None


SEVERAL_PROGRAMMES = re.compile(r"[两二三]项(?:补贴|补助|津贴)")


def paid_groups(paragraphs: list[list[Figure]], several_programmes: bool = False) -> list[tuple[Decimal, Decimal]]:
    """(standard, people) of each paragraph (of ``paid_figures_by_paragraph``) that states a
    standard per head, the people paid and the money paid, the three agreeing (people × standard =
    money): a group the programme pays as a whole of its own (“集中供养特困人员基本生活标准为每人每年
    10,800元，全年为214人发放基本生活费231.12万元”). In a report on ``several_programmes`` each
    paragraph stating the three is one programme's, whether or not they agree (JX251 checks that)."""
    groups = []
    for figures in paragraphs:
        stated: dict[str, Figure] = {}
        for figure in figures:
            stated.setdefault(figure.metric, figure)  # the first of each key in the paragraph
        if len(stated) < len(PAID_GROUP_KEYS):
            continue
        standard, people, paid = (stated[key].value for key in PAID_GROUP_KEYS)
        if several_programmes or abs(people * standard / YUAN_PER_WAN - paid) <= PAID_GROUP_TOLERANCE:
            groups.append((standard, people))
    return groups


def group_figures(paragraphs: list[list[Figure]], groups_by_paragraph: bool,
                  several_programmes: bool = False) -> set[int]:
    """The ids of the people and money figures (of ``paid_figures_by_paragraph``) that are one group's
    of a programme paying several: those of a paragraph that states two or more of one key
    (“80-89周岁老人2,100人…发放252.00万元；90-99周岁老人350人…发放84.00万元”, blind probe AV), and
    those of the paragraphs that each state one group whole (``paid_groups``: 集中供养 and 分散供养),
    when there are two or more (``groups_by_paragraph``, as select_report_values found). A figure
    that is the sum of the others of its key in its paragraph (“共发放343.20万元，其中…252.00万元、…
    84.00万元、…7.20万元”) is the whole, not a group's."""
    grouped: set[int] = set()
    for figures in paragraphs:
        whole_group = groups_by_paragraph and bool(paid_groups([figures], several_programmes))
        for key in WHOLE_OF_GROUPS_KEYS:
            stated = [figure for figure in figures if figure.metric == key]
            if not (whole_group or len({figure.value for figure in stated}) > 1):
                continue
            for figure in stated:
                rest = sum((other.value for other in stated if other is not figure), Decimal(0))
                if len(stated) < 3 or figure.value != rest:
                    grouped.add(id(figure))
    return grouped


# The keys whose figure for the whole programme is not any one group's: its standard is dropped
# when the groups have their own (``has_banded_standards``).
WHOLE_OF_GROUPS_KEYS = ("direct_subsidy_people", "direct_subsidy_wan")


def _only_wholes_of_groups(chosen: dict[str, Figure], ranked: dict[str, list[Figure]], grouped: set[int]) -> None:
    """Where the chosen people or money of a programme paying several groups is one group's, the
    best-ranked figure of that key that is no group's stands instead (a total stated elsewhere);
    with none, the key is left blank: one group's figure is not the programme's."""
    for key in WHOLE_OF_GROUPS_KEYS:
        if key not in chosen or id(chosen[key]) not in grouped:
            continue
        whole = next((figure for figure in ranked.get(key, ()) if id(figure) not in grouped), None)
        if whole is None:
            del chosen[key]
        else:
            chosen[key] = whole


def _stands_in_for_budget(figure: Figure) -> bool:
    """Whether a budget figure is money received or allotted rather than a stated budget."""
    return (figure.role == "budget" and BUDGET_STAND_IN.search(figure.label) is not None
            and STATED_BUDGET.search(figure.label) is None)


# The name of a programme paying people, at the end of a label: 困难残疾人生活补贴, 重度残疾人护理补贴,
# 高龄津贴 … (what comes before it on the label, 实际完成, 发放, is kept: names are compared by containment).
PROGRAMME_NAME = re.compile(r"[^\s，,。；;：:、/（）()]+?(?:补贴|补助|津贴|抚恤|救助|扶助)")
# The words PROGRAMME_NAME's names end in.
PROGRAMME_WORD = re.compile(r"补贴|补助|津贴|抚恤|救助|扶助")


def _of_other_programmes(a: Figure, b: Figure) -> bool:
    """Whether two figures count or pay for two programmes their labels name apart: “困难残疾人生活补贴
    发放人数3,826人” and “重度残疾人护理补贴发放人数5,104人” in a report on both (blind probe W w09) are
    two quantities, not one stated twice. Names one of which holds the other (“实际完成困难残疾人生活
    补贴” and “困难残疾人生活补贴”) are one programme's."""
    names = [PROGRAMME_NAME.findall(figure.label) for figure in (a, b)]
    if not names[0] or not names[1]:
        return False
    first, second = names[0][-1], names[1][-1]
    return first not in second and second not in first


# 结转结余 is what is left at the year's end, carried over (结转) or not (结余): 结余 alone is a part of it.
CARRIED_OVER = re.compile(r"结转")


def _balance_and_its_part(a: Figure, b: Figure) -> bool:
    """Whether two year-end balances are the whole left over and its part not carried over: “年末结转
    结余101.94万元” and “结余资金5.64万元” (blind probe AB c12) are two quantities, not one stated twice."""
    return a.metric == b.metric == "balance_wan" and (
        (CARRIED_OVER.search(a.label) is None) != (CARRIED_OVER.search(b.label) is None))


def _prefer_the_one_its_rate_agrees_with(chosen: dict[str, Figure], conflicts: dict[str, tuple[Figure, ...]]) -> None:
    """Where the report gives its 执行数 (or 预算数) two values and its own 预算执行率, with the other
    of the two, agrees with only one of them, that one is the value, whatever came first: the
    other is a slip (“全年执行数3,421,500.00万元” beside “全年执行数342.15万元，预算执行率95.89%” of a
    356.80万元 budget, blind probe AS a2). It stays a conflict, for JX601 to show."""
    rate = chosen.get(RATE_KEY)
    if rate is None or RATE_KEY in conflicts:
        return
    for key, other_key in ((SPENT_KEY, BUDGET_KEY), (BUDGET_KEY, SPENT_KEY)):
        if key not in conflicts or other_key not in chosen or other_key in conflicts:
            continue
        other = chosen[other_key].value
        if _rate_agrees_with(key, chosen[key].value, other, rate):
            continue
        agreeing = [figure for figure in conflicts[key] if _rate_agrees_with(key, figure.value, other, rate)]
        if len(agreeing) == 1:
            conflicts[key] = tuple(f for f in conflicts[key] if f is not agreeing[0]) + (chosen[key],)
            chosen[key] = agreeing[0]


def _rate_agrees_with(key: str, value: Decimal, other: Decimal, rate: Figure) -> bool:
    """``_rate_agrees`` for ``value`` of ``key`` (the 执行数 or the 预算数) beside ``other``, the other one."""
    return _rate_agrees(value, other, rate) if key == SPENT_KEY else _rate_agrees(other, value, rate)


def _rate_agrees(spent: Decimal, budget: Decimal, rate: Figure) -> bool:
    """Whether ``spent`` ÷ ``budget`` is the stated ``rate`` to the places it was written to."""
    if budget <= 0:
        return False
    places = _places(rate)
    half = Decimal(5).scaleb((places if places is not None else 0) - 1)
    return abs(spent / budget * 100 - rate.value) <= half


def _finest_statement(best: Figure, ranked: list[Figure], fiscal_year: int | None) -> Figure:
    """``best``, or the first of ``ranked`` that states its value to more places: a rounded
    restatement (全年执行数1.82亿元) never replaces the figure it rounds (全年执行数18,236.47万元),
    whatever their labels (blind probe AL r04). Only a figure of the same standing (a budget
    stated as one, measured in the year) counts."""
    places = _places(best)
    if places is None:
        return best
    stand_in, after = _stands_in_for_budget(best), measured_after_year(best, fiscal_year)
    finer = [f for f in ranked if (p := _places(f)) is not None and p < places and _same_value(f, best)
             and _stands_in_for_budget(f) == stand_in and measured_after_year(f, fiscal_year) == after]
    return min(finer, key=_places) if finer else best


def _same_value(a: Figure, b: Figure) -> bool:
    """Equal, or equal once the more precise is rounded to the places the other was written to: a
    table in 元 (12,345,678.90元 = 1234.56789万元) and a sentence in 万元 (1234.57万元) state one value,
    as do 12,218.07万元 and 1.22亿元 (written to 0.01亿元 = 100万元: 12,200万元).

    The places are those of the number as written, in its own unit (``Figure.places``): the
    converted value's digits do not show them (1.22亿元 converts to 12200.00万元, which looks
    written to the 0.01万元).
    """
    if a.value == b.value:
        return True
    places_a, places_b = _places(a), _places(b)
    if places_a is None or places_b is None or places_a == places_b:
        return False
    coarse, fine, places = (a, b, places_a) if places_a > places_b else (b, a, places_b)
    if _significant_digits(coarse.value, places) < MIN_ROUNDED_DIGITS:
        return False  # “1亿元” against 12,218.07万元: a round figure, not a rounding of this one
    return fine.value.quantize(Decimal(1).scaleb(places), rounding=ROUND_HALF_UP) == coarse.value


# A coarse figure stands for a precise one only when written to at least this many significant
# digits (1.22亿, 0.18亿, 5.2万人): a 1亿 rounds everything from 5,000万 to 15,000万.
MIN_ROUNDED_DIGITS = 2


def _significant_digits(value: Decimal, places: int) -> int:
    """How many significant digits ``value`` has when written to the 10**places."""
    digits = value.copy_abs().quantize(Decimal(1).scaleb(places), rounding=ROUND_HALF_UP).as_tuple().digits
    return len("".join(map(str, digits)).lstrip("0"))


def _places(figure: Figure) -> int | None:
    """The places a figure was written to (``Figure.places``), else those its value shows; None for
    a value that shows none below the units (a whole number stored as 1E+4)."""
    if figure.places is not None:
        return figure.places
    exponent = figure.value.as_tuple().exponent
    return exponent if isinstance(exponent, int) and exponent <= 0 else None
