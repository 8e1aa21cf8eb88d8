"""Which catalogue key a figure fills: the budget side its words give, and the kind its value fits.

A figure's concept (三公经费, 基本支出 …) is settled by normalize/figures.py; the concept's key then
depends on the side of the budget the figure is on (预算数, 年初预算, 执行数 …: ``role_of`` on its
label, its column header or its sentence, surest first) and on whether the value's kind fits the
key (money for *_wan, % for *_pct …), else on the concept's companion (直补资金 → 直补人数).
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from extract.figures import RawFigure
from extract.numbers import CLAUSE_COMMA
from normalize.catalogue import CONCEPTS_BY_NAME, Concept, key_kind
from normalize.match import is_role_only, names_a_side, naming_words, role_of

# A column of the points each indicator may earn, beside the 得分 column of what it earned.
WEIGHT_HEADER = re.compile(r"分值|满分|权重|标准分|指标分")
# A column of points earned (得分, 自评分, 评分).
SCORE_HEADER = re.compile(r"得分|评分")


def key_in(raw: RawFigure, concept: Concept, canonical) -> tuple[str, str | None] | None:
    """(key, role) of the concept — or of its companion — whose kind the value fits."""
    stated = _stated_role(raw)
    if stated == "rate" and canonical is not None and canonical.kind == "money":
        # An amount is never a rate: the 执行率 came from a neighbouring clause, as in
        # “预算执行率98.90%，结余14.33万元”; the concept's own role applies.
        stated = None
    for candidate in (concept, CONCEPTS_BY_NAME.get(concept.companion or "")):
        if candidate is None:
            continue
        if raw.extractor == "table" and not _table_role_allowed(raw, candidate, stated):
            continue
        role = _role_of(candidate, stated)
        if candidate.name in SIDELESS_CONCEPTS and raw.extractor == "text" and (
                not names_a_side(raw.label)):
            role = candidate.default_role  # the sentence's role words are another figure's
        elif (raw.extractor == "text" and _key_for(candidate, role) is None and OWN_TOTAL.search(raw.label)
              and not names_a_side(raw.label) and naming_words(raw.label)):
            # “2023年收入预算5,936.10万元，本年收入合计6,398.62万元” (blind probe AQ d03): a total
            # named by its own words is a level of its own, not on the side of the amount before it
            role = candidate.default_role
        key = _key_for(candidate, role)
        if key is not None and _fits(key, canonical):
            return key, role
    return None


# Concepts that are what is left at the year's end, so have no budget side to take from their
# sentence: in “部分乡镇配套资金到位不及时，结余资金21.4万元” or “预算安排100万元，…结余20万元” the
# 到位 and 预算 belong to other amounts, and the 结余 is still the 结余. (人员经费 is not one: in
# “年初预算158.93万元，其中：人员经费140.93万元” it is a budgeted part and has no key.)
SIDELESS_CONCEPTS = frozenset({"balance"})
# A total named as such (本年收入合计, 支出总额).
OWN_TOTAL = re.compile(r"合计|总计|总额|共计")


def _table_role_allowed(raw: RawFigure, concept: Concept, stated: str | None) -> bool:
    """Whether a table column's own role words (``stated``) allow this concept
    (``Concept.table_roles``); a column that names no role (收入表的“上年结转”列) is the amount itself."""
    if concept.kind == "score" and WEIGHT_HEADER.search(raw.header):
        return False  # “总分 | 分值 100 | 得分 94”: the 100 is what the indicators weigh, not the score
    if concept.kind != "score" and (WEIGHT_HEADER.search(raw.header) or SCORE_HEADER.search(raw.header)):
        return False  # “预算编制 | 分值 10 | 得分 9” in a score table: points, not a 编制 or an amount
    if concept.kind == "count" and stated in ("budget", "budget_initial"):
        return False  # “直补人数 | 计划数 8,426 | 完成数 8,412”: a count has no budget side; planned is no count
    if concept.table_roles is None:
        return True
    return stated is None or stated in concept.table_roles


# 600元/人 converted (normalize/units.py): an amount per head, which a per-head standard is.
PER_HEAD_WAN = "万元/人"


def _fits(key: str, canonical) -> bool:
    """Whether a converted value is of the kind the key holds (万元 for *_wan, % for *_pct …)."""
    kind = key_kind(key)
    if kind == "yuan":  # a standard per head: 600元, or 600元/人 written per head
        return canonical.kind == "money" or canonical.unit == PER_HEAD_WAN
    if kind == "money":
        return canonical.kind == "money"
    if kind == "rate":
        return canonical.kind == "rate"
    if kind == "score":
        return canonical.unit in ("分", "")
    if kind == "count":  # every count key is a headcount: 编制数, 实有人数, 直补人数
        if key == "staff_quota" and canonical.unit == "个":
            return canonical.is_integral  # 核定编制数为46个: posts of the quota are counted in 个
        return canonical.unit in PERSON_UNITS or (canonical.unit == "" and canonical.is_integral)
    return False


# Units of a headcount. Not 张 (a hospital's “核定编制床位500张” is beds, not staff), 户
# (households) or 人次 (visits): counts, but not of people.
PERSON_UNITS = frozenset({"人", "名", "位"})


def _role_of(concept: Concept, stated: str | None) -> str | None:
    """The figure's role for this concept: its ``stated`` one (``_stated_role``) where the concept
    has a budget side, else the concept's own."""
    if concept.kind == "rate":
        return "rate"
    if concept.kind in ("count", "score", "text", "yuan"):
        return concept.default_role  # 编制 and 得分 have no budget side
    return stated or concept.default_role


def _stated_role(raw: RawFigure) -> str | None:
    """The budget side the figure's own words give (``_role_sources``, surest first), or None.

    A budget in the column before a table's adjustment column is the year-start budget, though its
    header says only 预算数 (extract.budget_columns)."""
    for text, weak in _role_sources(raw):
        role = role_of(text, weak=weak) if text else None
        if role is not None:
            return "budget_initial" if role == "budget" and raw.initial_budget_column else role
    return None


def _role_sources(raw: RawFigure) -> Iterator[tuple[str, bool]]:
    """Where a figure's budget side is read, surest first, as (text, weak words only).

    A part listed after 其中 takes its side from the sentence's total (“预算经费209.76万元，其中
    基本支出177.76万元，项目支出32万元” are budgets) before the 支出 in its own name; a figure that
    is not such a part reads its own 支出 first (“支出预算640万元，支出合计512.30万元”: spent).
    Each source is worked out only when the ones before it named no side (most labels name one).
    """
    if raw.extractor == "table":
        yield from ((raw.label, False), (raw.header, False), (raw.label, True), (raw.header, True))
        return
    yield raw.label, False
    if is_role_only(raw.label):
        # “其中：公务接待费预算3.12万元，支出2.48万元” (blind probe AZ): a label that is only a side
        # word, weak as it is, names this amount's side; the 预算 before it was the other amount's
        yield raw.label, True
    context = _without_asides(_without_comparisons(raw.context))
    if "其中" in context and _bracket_head(context) is None:
        head = _list_head(context)
        yield from ((head, False), (head, True), (context, False))
    elif (head := _bracket_head(context)) is not None:
        # “全年基本支出1458.62万元（人员经费1263.30万元，公用经费195.32万元）”: the parts in the
        # bracket are of the amount it follows, as after 其中 (blind probe M)
        yield from ((head, False), (head, True), (context, False))
    elif (lead := _colon_lead(context)) is not None:
        # “预算安排：基本支出300.00万元，项目支出200.00万元”: the side the lead names is the list's,
        # before the weak 支出 of each part's name
        yield lead, False
    yield raw.label, True
    yield _nearer_amount_by_side(context), True
    yield from ((context, False), (raw.trailing, False), (context, True), (raw.trailing, True))


def _nearer_amount_by_side(context: str) -> str:
    """The nearest earlier clause of ``context`` that states an amount by a side word alone, when
    no clause after it (or in it) holds a strong side word; else "".

    “‘三公’经费年初预算25,000.00元，全年支出18,650.00元，全部为公务接待费，公务用车运行维护费及
    因公出国（境）费均为0元”: the zeros follow the spending (全年支出, a weak word) and are spent,
    though the sentence's only strong word is the 年初预算 of the first amount (blind probe S s02).
    A clause that names a thing besides its side (基本支出300万元) says nothing of the next amounts.
    """
    pieces = _CLAUSE_SPLIT.split(context)[:-1:2]  # the clauses before the figure's own
    for clause in reversed(pieces):
        if role_of(clause) is not None:
            return ""  # a strong word nearer than any such clause: the sentence's side, as before
        if _HOLDS_DIGIT.search(clause) and is_role_only(clause) and role_of(clause, weak=True):
            return clause
    return ""


_HOLDS_DIGIT = re.compile(r"\d")


def _bracket_head(context: str) -> str | None:
    """The clause right before a bracket still open at the end of ``context``, or None."""
    opening = max(context.rfind("（"), context.rfind("("))
    if opening < 0 or max(context.rfind("）"), context.rfind(")")) > opening:
        return None
    return _CLAUSE_SPLIT.split(context[:opening])[-1]


# A sentence opened by a side and a colon (预算安排：, 年初预算：, 实际支出情况：) over a list of amounts.
_COLON_LEAD = re.compile(r"\s*([^，,。；;：:\d]{2,12})[：:]")


def _colon_lead(context: str) -> str | None:
    """The words before the colon that opens ``context``, when they name no amount, else None."""
    found = _COLON_LEAD.match(context)
    return found.group(1) if found is not None else None


def _list_head(context: str) -> str:
    """The clause right before the last 其中 of ``context``: the total its list breaks down.

    In “‘三公’经费年初预算4.50万元，全年支出3.96万元，其中公务接待费” it is 全年支出3.96万元, whose
    支出 (a weak word) says the parts are spent, though the sentence's only strong word is the
    年初预算 of another amount."""
    before = context[:context.rfind("其中")].rstrip("，,：: ")
    return _CLAUSE_SPLIT.split(before)[-1]


# A clause comparing with another amount (比年初预算4万元减少1.14万元, 较上年增加…) names that
# amount's side, not the side of the total a 其中 list breaks down.
_COMPARISON_CLAUSE = re.compile(r"^\s*(?:比|较|同比|与)")
_CLAUSE_SPLIT = re.compile(f"({CLAUSE_COMMA}|[；;])")


# An amount in brackets after another (“公务接待费0.86万元（预算1.20万元）”) is an aside: its side
# word is its own, and the amounts after it in the sentence keep the side the sentence gave them
# (“决算数中，…公务用车购置及运行维护费4.26万元” is spent, not budgeted; blind probe L).
_ASIDE_WITH_AMOUNT = re.compile(r"[（(][^（）()]*\d[^（）()]*[)）]")


def _without_asides(context: str) -> str:
    """``context`` without its closed brackets that hold a number."""
    if "（" not in context and "(" not in context:
        return context
    return _ASIDE_WITH_AMOUNT.sub("", context)


def _without_comparisons(context: str) -> str:
    """``context`` without its clauses that begin with a comparison (see _COMPARISON_CLAUSE):
    “支出合计2.86万元，比年初预算4万元减少1.14万元，其中公务接待费” reads as spent, not budgeted."""
    if "比" not in context and "较" not in context and "与" not in context:
        return context  # most contexts compare nothing: no split, no join (every text figure asks)
    pieces = _CLAUSE_SPLIT.split(context)
    kept = [piece for piece in pieces[::2] if not _COMPARISON_CLAUSE.match(piece)]
    return "，".join(kept)


def _key_for(concept: Concept, role: str | None) -> str | None:
    if role is None:
        return None
    if role in concept.keys:
        return concept.keys[role]
    if role == "budget_initial" and "budget" in concept.keys:
        return concept.keys["budget"]
    if concept.default_role in ("count", "value", "standard", "rate") and len(concept.keys) == 1:
        return next(iter(concept.keys.values()))
    return None
