"""Raw labelled numbers → catalogue figures: which metric, which budget side, which year, what unit.

Decisions, in order, for each RawFigure (``resolve_figures``):

1. **Changes are not levels, plans are not results.** A label with 增加/减少/较上年 … makes the
   number a change; a number under a heading about targets (“2、绩效目标”, not “…目标完成情况”)
   is a plan. Both are skipped.
2. **Parts qualified by a document number are not totals.** “湘财农指〔2022〕87号执行资金5564.18万元”
   is one allocation's spending, not the fund's: skipped.
3. **Concept.** The label is matched to the catalogue (``match_label``). A label that only names a
   budget side (“实际支出”, “预算为”) continues the concept named before it in the same sentence.
   With no concept before the number, the rest of the clause after it is tried (“36277人计
   2161.83万元的移民直补资金”). A table value takes the concept of its row label, else of its
   column header; when both name different specific things it is ambiguous and skipped.
   With no concept still, the kind of report decides a few: in a report on one project or fund
   its own money (“本项目预算资金”, “上级共下达我县农村公路养护资金” in the 农村公路养护资金 report)
   is the report's whole (``project_total``, ``fund_money``); in a unit's report a sentence
   that begins with a budget side alone is the unit's (``unit_total``), or the thing its heading
   names (``heading_concept``); 得分 in a sentence about the evaluation is the self-score
   (all in normalize/context_concepts.py).
4. **Role.** The budget-side word of the label, else of the column header, else (running text) of
   the sentence so far, else the concept's default (normalize/roles.py).
5. **Unit.** The number's own unit, else the unit declared for it (“（万元）” in the header,
   “单位：万元”), else, for money in running text, the money unit of another number in the same
   sentence (“全年预算数2026.86，预算执行数2026.86万元”; the method records ``+unit_from_sentence``).
   The unit's kind must fit the concept (money for 三公经费, % for 执行率, 人 for 编制); a count
   for a money concept moves to its companion (直补资金 → 直补人数). Otherwise skipped.
6. **Year.** A year named in the label, else the table header or sentence, else the report's
   fiscal year (``year_source`` says which). Years of 截至 dates are not the figure's year.

Nothing is guessed beyond these rules: a figure that fails one is not reported.
"""

from __future__ import annotations

import dataclasses
import re
from collections.abc import Sequence
from decimal import Decimal
from functools import lru_cache

from extract.figures import (MONEY_UNITS, PROJECT_LIST, SECTION_SEPARATOR, RawFigure, heading_level,
                             innermost_heading, is_caption, subject_key)
from extract.indicators import label_to_role
from extract.model import Location
from extract.numbers import CLAUSE_COMMA
from extract.records import record
from normalize.catalogue import CONCEPTS_BY_NAME, Concept, key_kind
from normalize.context_concepts import (
    ONE_FUND_KINDS,
    PER_PERSON_YEAR,
    PROJECT_TOTAL,
    SOURCE_SHARE,
    SUBSIDY_PROGRAMME,
    WHOLE_WORD,
    HeadingMatch,
    begins_its_sentence,
    beneficiaries,
    colon_lead_concept,
    evaluation_score,
    fund_money,
    fund_of_title,
    heading_concept,
    project_total,
    subsidy_row_concept,
    subsidy_text_concept,
    unit_total,
)
from normalize.match import (
    GENERIC_CONCEPTS, LABEL_MEMO_SIZE, Match, is_delta, is_negated, is_role_only, match_label, role_of,
    without_comparison_to_budget,
)
from normalize.grand_totals import without_grand_totals
from normalize.quota_types import TABLE_LABEL_JOINER, with_quota_by_type_summed
from normalize.respectively import respective_labels, with_jointly_stated
from normalize.restatement import without_restated_sides
from normalize.roles import PER_HEAD_WAN, WEIGHT_HEADER, key_in
from normalize.scope import WHOLE_BUDGET_CONCEPTS, closing_bracket_after, narrower_than_the_whole, of_a_named_part
from normalize.self_reference import self_reference_words, without_self_reference
from normalize.units import as_money_with_multiplier, has_multiplier, to_canonical, written_multiplier
from normalize.whole_parts import with_parts_stated_whole

# Concepts that are not spending: a “支出” label never continues them.
NON_SPENDING_CONCEPTS = frozenset(
    {"income", "carryover", "balance", "staff_quota", "staff_actual", "direct_subsidy_people", "self_score", "grade"}
)

# The unit's spending by its nature: a named project's money is no part of these either.
SPENDING_PARTS = frozenset({"project", "basic", "personnel", "public"})
# A document number inside a label: 湘财农指〔2022〕87号, 岳政办发[2007］7号.
DOCUMENT_NUMBER = re.compile(r"[〔﹝\[【(（]\s*(?:19|20)\d{2}\s*[〕﹞\]】)）]\s*\d+\s*号")
# The label of a bare number that is a term of a calculation: an operator, perhaps a bracket
# (“…×100%=1790.11/1856.32×100%”: 1856.32 is labelled “/”). Such a number restates an amount
# for the arithmetic; with no unit and no word of its own it is no figure, and it must not
# borrow the thing and the 万元 of its sentence (1856.32万元 of “预算执行率”'s sentence).
CALCULATION_TERM = re.compile(r"[\s（()）]*[÷/／×*＊+＋][\s（()）]*")


@lru_cache(maxsize=LABEL_MEMO_SIZE)
def _names_no_level(label: str) -> bool:
    """Whether a label makes its number no level of the thing it names (decisions 1 and 2 above): a
    change (``is_delta``), a thing that did not happen (``is_negated``), or one allocation named by
    its document number. Every figure asks, so each distinct label is answered once per worker."""
    return is_delta(label) or is_negated(label) or ("号" in label and DOCUMENT_NUMBER.search(label) is not None)


# A heading about targets (not about how they were met): numbers under it are plans.
TARGET_SECTION = re.compile(r"目标(?!.*(?:完成|实际|偏离|情况|结果))")

YUAN_PER_WAN = Decimal(10000)
# A table row whose label says it is the total: a value whose concept comes from the column
# header only counts for the report on such a row (the other rows are parts: 1、局机关, one
# allocation document per row).
TOTAL_ROW = re.compile(r"合计|总计|汇总|总额|全部|全年")
# A row label that is only a year (2022年, 2023年度): the figure's year, as extract reads it, and
# nothing narrower than what the column header names.
YEAR_ROW = re.compile(r"\s*(?:19|20)\d{2}\s*年?度?\s*")
# A row label that names no thing, only that the row holds amounts: “项目 | 上年结转 | … | 年末结转结余”
# over “金额 | 1,862,000.00 | … | 690,400.00” (blind probe N n01). The row is the whole table's.
AMOUNT_ROW = re.compile(r"\s*(?:金额|数额|数值|资金|金额数)\s*(?:[（(][^（）()]*[)）])?\s*")


@record
class Figure:
    """One catalogue value found in a report, with everything needed to check and find it."""

    metric: str
    value: Decimal
    unit: str
    role: str
    year: int | None
    year_source: str  # "label" | "context" | "report"
    raw: str
    label: str
    match_method: str
    match_score: float
    location: Location
    extractor: str
    op: str | None = None
    as_of: tuple[int, ...] = ()
    # The power of ten of the last digit as written, in ``unit``: -2 for 12,218.07万元, 2 for
    # 1.22亿元 (hundreds of 万元), -6 for 12,345,678.90元. None when the conversion factor is no
    # power of ten. Two statements of one value differ by this much rounding (normalize/report.py).
    places: int | None = None


def measured_after_year(figure: Figure, fiscal_year: int | None) -> bool:
    """Whether the figure's sentence dates it after the year it is for (“截至2024年2月底，项目累计支出
    3575.2万元” in a 2023 report): spending has grown since the year's end."""
    # most figures have no such date: no generator is made for them (the report values ask often)
    return fiscal_year is not None and bool(figure.as_of) and max(figure.as_of) > fiscal_year


def resolve_figures(raw_figures: list[RawFigure], fiscal_year: int | None,
                    report_kind: str | None = None, title: str = "", unit_name: str = "") -> list[Figure]:
    """Every raw figure that the rules above turn into a catalogue figure, in reading order.

    ``report_kind`` (extract.metadata): in a 项目支出 report, the project's money (项目资金,
    预算资金, 项目总投资) is the report's whole budget (see PROJECT_TOTAL); in a report on one
    project or fund, so is the money its ``title`` names, or money named by a side alone
    (``fund_money``). ``unit_name``: the words the unit uses for itself name nothing in a label
    (normalize.self_reference)."""
    raw_figures = with_jointly_stated(raw_figures)  # “A和B均为0元”: 0 is A's and B's
    fund = fund_of_title(title)
    own_words = self_reference_words(unit_name, report_kind)
    pays_people = SUBSIDY_PROGRAMME.search(title) is not None
    # a project over several years (“…2022—2024年高标准农田整县推进项目2023年度…”): what it has done
    # so far (累计完成投资) is not the year's
    since_earlier_year = _spans_from_before(title, fiscal_year)
    figures: list[Figure] = []
    sentence_concepts: dict[int, Concept] = {}
    # Sentences whose earlier amounts named no catalogue concept: they are about something else
    # (“两笔突出问题处理13个项目213万元，执行资金212.963万元”), so a bare “执行资金” there is not
    # the unit's total. Each such sentence keeps the label of its first such amount.
    about_other: dict[int, str] = {}
    keys = [_sentence_key(raw) for raw in raw_figures]  # each figure's sentence, built once for every scan
    # ... and numbered (one number for equal keys): the scans and the dicts by sentence below look
    # a sentence up a dozen times per figure, and an int hashes at once where a tuple of five does not
    numbered: dict[tuple, int] = {}
    sentence_ids = [numbered.setdefault(key, len(numbered)) for key in keys]
    sentence_texts, sentence_units = _sentence_texts_and_money_units(raw_figures, sentence_ids)
    sentences: list[tuple] = []  # the sentence (key) of each figure kept
    # The concept each sentence named before its 其中 list: “预算总额860.5万元，其中基本支出120.5万元、
    # 项目支出740万元；全年实际支出835.2万元” goes back to the 预算总额's thing once the list is closed.
    list_heads: dict[int, Concept] = {}
    listed_wholes: dict[int, set[str]] = {}  # the concepts each sentence states before its 其中
    headings: dict[str, HeadingMatch] = {}  # heading_concept's answers, by section
    under_target = _TargetSections()
    in_bare_runs = _in_bare_runs(raw_figures, sentence_ids)
    # Last year's copy of a form is the same project (blind probe AN v27): its figures are told
    # apart by their year, not dropped as another project's.
    several_subjects = len({subject_key(raw.table_subject) for raw in raw_figures if raw.table_subject}) > 1
    row_weights = _row_weights(raw_figures)
    wholes = tables_of_parts(raw_figures)
    sub_rows_named = vehicle_sub_rows(raw_figures)
    retirees_from, outside_quota_from = _first_counts_of(raw_figures, sentence_ids, RETIREES, OUTSIDE_QUOTA)
    rows_with_retirees = _table_rows_with_retirees(raw_figures)
    respective = respective_labels(raw_figures)  # “A、B分别为x、y”: x is A's, y is B's
    for index, raw in enumerate(raw_figures):
        if index in respective:
            if respective[index] is None:
                continue  # a 分别 list whose names and amounts do not pair up
            raw = dataclasses.replace(raw, label=respective[index])
        in_text = raw.extractor == "text"  # asked up to twenty times below
        written_label = raw.label  # what label_raw shows, even where the words read are fewer
        if index in sub_rows_named:
            raw = dataclasses.replace(raw, label=sub_rows_named[index])
        if in_text and (label := carried_from_last_year(
                without_self_reference(without_comparison_to_budget(raw.label), own_words), fiscal_year)) != raw.label:
            # the label is the end of its sentence so far: the context loses the same words
            context = raw.context[: -len(raw.label)] + label if raw.context.endswith(raw.label) else raw.context
            raw = dataclasses.replace(raw, label=label, context=context)
        sentence = sentence_ids[index]
        if _names_no_level(raw.label):
            continue
        if in_text and not raw.quantity.unit and CALCULATION_TERM.fullmatch(raw.label):
            continue
        if raw.extractor == "table" and is_delta(raw.header):
            continue  # a column of changes (增减额, 比上年增长): not a level
        if raw.extractor == "table" and SHARE_HEADER.search(raw.header):
            continue  # a column of shares (占比): the 合计 row's 100% is no 执行率 (blind probe W w11)
        if in_text and raw.quantity.unit == "%" and SHARE_HEADER.search(raw.label):
            # “项目支出占比34.5%，全年预算执行率91.2%” (blind probe AB a01): a share names no level of
            # its thing, and the rate after it is not that thing's
            continue
        if index in in_bare_runs:
            continue
        if raw.indicator:  # a programme's people, standard or money paid, from its 自评表's indicators
            found = subsidy_row_concept(raw) if report_kind in ONE_FUND_KINDS else None
            figure = _figure_for(raw, *found, "", fiscal_year) if found is not None else None
            if figure is not None:
                figures.append(figure)
                sentences.append(keys[index])
            continue
        if in_text and under_target[raw.section]:
            continue
        if raw.table_subject and (report_kind == "dept_overall" or (
                several_subjects and not _is_own_subject(raw.table_subject, title))):
            # a project's 自评表 in a unit's report (blind probe R), or one of several projects' in a
            # workbook summing them up (blind probe V v10): that project's money and score
            continue
        if raw.row_group and PROJECT_GROUP.search(raw.row_group):
            continue  # “二、项目支出” over “1.义务教育公用经费补助”: one project's money (blind probe Q)
        role_only = is_role_only(raw.label)  # asked up to three times below
        previous = sentence_concepts.get(sentence)
        back_to_whole = role_only and sentence in list_heads and bool(
            _list_closed(raw.context) or ("其中" in raw.context and WHOLE_RATE.search(raw.label))
            or _compares_the_whole(raw_figures, index, written_label))
        if back_to_whole:
            previous = list_heads[sentence]
        found = _concept_of(raw, previous, role_only, wholes.get(_table_key(raw), "") if wholes else "")
        if (found is not None and found[1] is None and report_kind in ONE_FUND_KINDS and "rate" not in found[0].keys
                and role_of(raw.label) == "rate"):
            # “发放直补资金408.00万元，资金执行率97.14%” in a report on one fund: the money before it
            # has no rate of its own, and the rate the label names is the fund's (blind probe J r22)
            own = match_label(raw.label)
            if own is not None and own.method in ("exact", "alias") and own.concept.name == "execution_rate":
                found = own.concept, own
        if (found is not None and found[1] is None and in_text
                and (found[0].name in GENERIC_CONCEPTS or found[0].name in CARRIED_CONCEPTS)
                and role_of(raw.label) == "rate" and (own := match_label(raw.label)) is not None
                and own.method == "exact" and own.concept.name == "execution_rate"):
            # “全年预算…，全年支出…，预算执行率92.84%” (blind probe AQ d03): the label is the rate's own
            # name, not a side word carried on from 全年预算: as sure as any, and surer than a rate
            # whose label merely holds 执行率 (采购执行率). After the whole's remainder (“…，结余4万元，
            # 预算执行率96.22%”, blind probe AR) it is still the whole's rate, which 结余 has none of.
            found = (found[0] if found[0].name in GENERIC_CONCEPTS else own.concept), own
        if (found is not None and found[1] is not None and found[0].name == "execution_rate"
                and found[1].method != "exact" and _names_something_else(raw.label, found[1].alias) and (
                    previous.name not in GENERIC_CONCEPTS and previous.name != "execution_rate"
                    if previous is not None else NAMED_MONEY.search(about_other.get(sentence, "")))):
            # “政府采购预算…，实际采购金额…，采购执行率95.84%”, “经济普查经费预算…，普查经费执行率95%”
            # (blind probe AQ d03, d13): a rate named by more than 执行率 in a sentence about another
            # thing is that thing's
            continue
        if (found is not None and found[0].name in MONEY_OF_STANDARD and found[1] is None and in_text
                and not PER_HEAD_BEFORE.search(raw.label)):
            # “补助标准每人每年1,200元，发放资金158.60万元”: the amount paid after a standard is the
            # money the standard is of, not a second standard
            found = CONCEPTS_BY_NAME[MONEY_OF_STANDARD[found[0].name]], None
        if (found is not None and found[0].name == "direct_subsidy" and report_kind in ONE_FUND_KINDS
                and DIRECT_SUBSIDY_FUND.search(title) and role_of(raw.label) in ("budget", "budget_initial")
                and not PLANNED.search(raw.label)):
            # “2023年上级下达直补资金预算750.00万元” in a report on the 直补资金 itself (blind probe AE
            # ae03, ae12): the 直补资金 keys hold money paid; its budget is the report's. Not where
            # the fund holds more (项目扶持 beside 直补), nor money planned to be paid (计划发放)
            total = CONCEPTS_BY_NAME["total"]
            found = total, Match(total, 0.0, "programme", raw.label)
        if found is not None and report_kind == "project" and found[0].name == "project":
            # “2023年项目支出1,036.80万元，预算执行率97%” in a project's report: its 项目支出 is the
            # report's whole spending, and the rate after it the report's 预算执行率
            found = (CONCEPTS_BY_NAME["total"], found[1])
        if found is None and previous is not None and in_text:
            found = beneficiaries(raw, previous)  # “发放移民直补资金1620.3万元，惠及移民27005人”
            if found is None and previous.name in PER_HEAD_STANDARDS and PER_HEAD_BEFORE.search(raw.label):
                found = previous, None  # “核定直补人数22,418人，按每人每年600元标准”: its standard, below
        if found is None and (report_kind == "project" or (
                report_kind == "special_fund" and in_text and begins_its_sentence(raw)
                and PROJECT_TOTAL.match(LEADING_YEAR.sub("", raw.label.strip(), count=1)))):
            # in a fund's report, only “2022年项目资金预算386.00万元” opening its sentence: money named
            # before 项目 (“…规划安排的项目资金386万元”) is one part of the fund (blind probe AB a07)
            found = project_total(raw)
        fund_paid_out = False
        if found is None and report_kind in ONE_FUND_KINDS and in_text and pays_people:
            found = subsidy_text_concept(raw)  # “共向3,126名…对象发放奖励扶助金296.83万元”
            if found is not None and found[0].name == "direct_subsidy" and _listed_before_more_money(raw_figures, index):
                found = None  # “发放城乡低保金2,416.80万元、特困人员救助供养金568.20万元”: one of the kinds paid
            fund_paid_out = found is not None and found[0].name == "direct_subsidy" and (
                bool(fund) and fund in raw.label or fund_money(raw, fund, report_kind) is not None)
        if found is None and report_kind in ONE_FUND_KINDS and in_text:
            found = fund_money(raw, fund, report_kind)  # “上级共下达我县农村公路养护资金1000万元”
        if found is None and report_kind in ONE_FUND_KINDS and raw.extractor == "table":
            found = _funds_row_concept(raw)  # “资金情况 | 预算数 | 执行数 | 预算执行率” over “48 | 47.52 | 99.00%”
        if found is None and in_text:
            found = evaluation_score(raw)
        if (found is None and role_only and previous is None and in_text
                and sentence not in about_other  # a sentence that begins with a budget side alone
                and not _after_other_money(raw.context)):
            if role_of(raw.label) is not None:
                found = colon_lead_concept(raw)  # “‘三公’经费：年初预算14.50万元”
                if found is None:
                    found = heading_concept(raw.section, headings)  # “年初预算3万元” under “三、“三公”经费情况”
            if found is None and report_kind in ("dept_overall", "project", "special_fund") and (
                    begins_its_sentence(raw)):
                # “我馆年初预算780万元…”, “2023年全年支出35902.3万元”; in a report on one project,
                # “2023年年初预算3200万元，调整后预算3580万元” is the project's
                found = unit_total(raw)
        if (found is None and in_text and raw.quantity.unit == "元" and PER_PERSON_YEAR.search(raw.label)
                and DIRECT_SUBSIDY_AFTER.search(_rest_of_sentence(raw, sentence_texts.get(sentence, "")))):
            # “按每人每年600元的标准，全年…为28415名移民发放后期扶持直补资金1704.90万元” (blind probe BC A1): the
            # standard the sentence then pays the 直补 by
            concept = CONCEPTS_BY_NAME["direct_subsidy_standard"]
            found = concept, Match(concept, 0.0, "programme", raw.label)
        if (found is not None and found[0].name == "total" and role_only and previous is None
                and in_text and report_kind == "dept_overall" and sentence not in about_other
                and (lead := colon_lead_concept(raw) or heading_concept(raw.section, headings)) is not None
                and lead[0].name in LEAD_PART_CONCEPTS):
            # “‘三公’经费：全年预算5.20万元，支出4.37万元”, “（一）基本支出。全年预算1,204.55万元…” (blind
            # probe AZ): 全年预算 alone, a name of the whole, is the part the lead or heading names
            found = lead
        if found is not None and sentence in about_other and sentence not in sentence_concepts:
            if (found[0].name in GENERIC_CONCEPTS or (
                    found[0].name == "execution_rate" and NAMED_MONEY.search(about_other[sentence]))) and (
                    role_only and not (report_kind in ONE_FUND_KINDS and WHOLE_WORD.search(raw.label))):
                # “第五次全国经济普查经费预算…，实际支出…，执行率95.53%” (blind probe AQ d13): the rate
                # of the money the sentence names; not after “全镇预算…” (blind probe AJ aj05), the unit's
                found = None
        if found is None:
            if in_text and raw.quantity.unit.endswith("元"):
                about_other.setdefault(sentence, raw.label)
            continue
        concept, match = found
        if (match is None and not back_to_whole and in_text and _in_open_list(raw.context)
                and concept.name in listed_wholes.get(sentence, ())):
            # “为3,126名高龄老人发放高龄津贴223.68万元，其中80—89周岁2,580人…” (blind probe AL r02): a
            # number that only carries on the concept stated whole before the 其中 is one of its parts
            continue
        if raw.extractor == "table" and concept.kind == "rate" and label_to_role(raw.header) == "target":
            continue  # “预算执行率 | 100% | 95.71%” in an indicator table: 100% is its target (blind probe AM d04)
        if concept.name == "project" and PROJECT_CATEGORY.search(raw.label):
            continue  # 人员类项目支出 of “人员类、运转类、特定目标类项目”: one kind of project, not all
        if concept.kind == "money" and concept.name not in PER_HEAD_STANDARDS and PER_UNIT_AMOUNT.search(raw.label):
            continue  # “生均公用经费按1150元标准”: an amount per student is no 公用经费 of the unit
        if concept.name == "direct_subsidy_standard" and OTHER_PERIOD.search(raw.label):
            continue  # “补助标准为每生每天5元”: the catalogue's standard is per year
        named = concept  # what the sentence goes on about, even where this amount is its standard
        if (concept.kind == "money" or concept.name in PER_HEAD_STANDARDS) and in_text and (
                PER_HEAD_BEFORE.search(raw.label)):
            # “按每人每年600元标准发放直补资金741.36万元”: an amount per head is a standard, never a total
            if concept.name not in PER_HEAD_STANDARDS:
                continue
            concept, match = CONCEPTS_BY_NAME[PER_HEAD_STANDARDS[concept.name]], None
        if concept.name in WHOLE_BUDGET_CONCEPTS and (
                SOURCE_SHARE.search(raw.label) or narrower_than_the_whole(
                    raw, concept.name, report_kind, fiscal_year, title, sentence_texts.get(sentence, ""))):
            continue  # “其中中央资金执行率100%”, “项目支出执行率103.2%”, “上半年支出进度…”: not the whole
        if in_text and concept.kind == "money" and OTHER_UNITS_SUBJECT.match(raw.context):
            # “下属14家乡镇卫生院2025年度医疗收入合计8,652.30万元，不纳入本部门决算” (blind probe AQ
            # d04): the money of the units below, not the unit's
            continue
        if concept.name in SPENDING_PARTS and of_a_named_part(raw, report_kind, title, sentence_texts.get(sentence, "")):
            # “其中，高标准农田建设项目县级配套全年预算420.00万元” under 项目支出, “义务教育公用经费保障全年
            # 预算1,356.72万元” among a 教育局's projects (blind probe AK): one project's money
            continue
        if (in_text and named.kind == "money" and not role_only and match is not None
                and list_heads.get(sentence) is named and _in_open_list(raw.context)):
            # “年末结转结余101.94万元，其中结转资金96.30万元…，结余资金5.64万元” (blind probe AB c12): a
            # part of the list's head named by a word for its kind, not a second value of the head
            continue
        if in_text and "其中" not in raw.context:
            list_heads[sentence] = named  # what a 其中 list that follows breaks down
        if in_text and not _in_brackets(raw.context) and (
                not role_only or sentence not in sentence_concepts or (
                previous is not None and named is not previous and _changes_flow(raw.label, previous))):
            # a side word that turned to a new thing (“收入合计…，支出合计…”) is what follows continues:
            # “…，预算执行率97.13%” is the 支出's, not the 收入's
            sentence_concepts[sentence] = named
        figure = _figure_for(raw, concept, match, sentence_units.get(sentence, ""), fiscal_year)
        if figure is not None and written_label != raw.label and raw.label:
            figure = dataclasses.replace(figure, label=written_label)  # “较预算”, “2024年学校年初预算”
        if figure is not None and figure.metric == "self_score" and (
                _scored_out_of_less(raw, row_weights) or SUB_SCORE.search(raw.label)):
            continue  # “总分 | 90 | 88”: the indicators' marks out of 90, the 执行率's 10 elsewhere
        if (figure is not None and since_earlier_year and in_text and CUMULATIVE.search(raw.label)
                and fiscal_year not in raw.years):
            continue  # “截至2023年底，项目累计完成投资3,180.00万元” of a 2022—2024 project (blind probe BA F09)
        if figure is not None and figure.metric == "carryover_wan" and CARRYOVER_SPENT.search(raw.label):
            continue  # “上年结转资金支出42.20万元”: how much of the carryover was spent (blind probe BA)
        if (figure is not None and figure.metric == "direct_subsidy_people" and in_text
                and ALLOCATION_BASIS.search(raw.label) and ALLOCATED.match(raw.trailing)):
            continue  # “省财政按核定扶持人口6,920人下达我县直补资金”: what the money was allotted by (blind probe AY)
        if figure is not None and in_text and SCORING_CONDITION.match(raw.trailing):
            continue  # “执行率达到100%的得满分”: a condition of the scoring rules (blind probe AX F07)
        if figure is not None and figure.metric == "self_score" and (
                raw.quantity.op not in (None, "=") or raw.quantity.high is not None):
            continue  # “90分（含）以上为优”, “80-89分为良”: a grade's band, not a score (blind probe AX F01)
        if figure is not None and figure.metric == "self_score" and in_text and (
                SCORING_RULE_LEAD.match(raw.context) or MAXIMUM_SCORE.search(raw.label)
                or _states_the_scale(raw, figure, sentence_texts.get(sentence, ""))):
            continue  # “评分办法：总分100分，预算执行率10分”, “满分100分”: the scale, not the score (blind probe AU)
        if figure is not None and figure.metric == "staff_actual" and in_text and (
                RETIREES_AFTER_STAFF.search(raw.label)):
            continue  # “实有人数含退休人员21人” (blind probe BD P01): the retirees among them, not the staff
        if (figure is not None and figure.metric == "staff_actual" and raw.extractor == "table"
                and (_table_key(raw), raw.location.row) in rows_with_retirees
                and not SERVING.search(f"{raw.label} {raw.header}")):
            continue  # “实有人数 | 其中：在职 | 其中：退休” over “1977 | 1452 | 525” (blind probe BD F06)
        if figure is not None and not _counts_others(figure, raw, retirees_from.get(sentence), SERVING, breakdown_only=True) and not (
                _counts_others(figure, raw, outside_quota_from.get(sentence), IN_QUOTA, breakdown_only=True)):
            figures.append(figure)
            sentences.append(keys[index])
            if in_text and "其中" not in raw.context:
                listed_wholes.setdefault(sentence, set()).add(concept.name)
            if fund_paid_out and (spent := _fund_paid_out(raw, fiscal_year)) is not None:
                figures.append(spent)
                sentences.append(keys[index])
    figures, sentences = without_restated_sides(figures, sentences)
    figures = _without_other_subject_scores(with_quota_by_type_summed(figures, sentences), report_kind)
    figures = without_grand_totals(figures)  # 支出总计 = 本年支出合计 + 年末结转和结余
    figures = _without_full_marks(figures)  # “总分 | 100 | 96.71”
    return with_parts_stated_whole(figures)  # “三公经费支出1.8万元，均为公务接待费”


FULL_MARKS = Decimal(100)


def _without_full_marks(figures: list[Figure]) -> list[Figure]:
    """The figures without a self-score of 100 beside a lower one in the same table row: “总分 | 100
    | 96.71” states the marks the evaluation is out of and the score (blind probe AC ac05, where
    no header over the row says which column is which: the indicators are on another sheet)."""
    rows: dict[tuple, list[Figure]] = {}
    for figure in figures:
        where = figure.location
        if figure.metric == "self_score" and figure.extractor == "table" and where.row is not None:
            rows.setdefault((where.file, where.page, where.table, where.row), []).append(figure)
    full = {id(f) for scores in rows.values() if any(f.value < FULL_MARKS for f in scores)
            for f in scores if f.value == FULL_MARKS}
    return [f for f in figures if id(f) not in full] if full else figures


def _fund_paid_out(raw: RawFigure, fiscal_year: int | None) -> Figure | None:
    """The fund's spending in a paying programme's report, where the money paid out is named as the
    fund itself: “全年共向3,200名…老人发放高龄津贴391.68万元” in a report on 高龄津贴专项资金, “实际发放
    补贴资金2,819.25万元” in one on 耕地地力保护补贴资金 (blind probe O). The fund paid that much to
    people, so it spent that much; the same figure is also its 直补资金."""
    total = CONCEPTS_BY_NAME["total"]
    return _figure_for(raw, total, Match(total, 0.0, "programme", raw.label), "", fiscal_year)


# The score of one part of the evaluation, named by the part right before 得分: “预算执行率得分9.4分，
# 绩效指标得分90分，项目自评得分99.4分” (blind probe AA). A part of the total, not the self-score;
# not “绩效指标自评得分” (自评 between the part and 得分) nor “绩效得分”.
SUB_SCORE = re.compile(r"(?:指标|执行率|产出|效益|效果|满意度|决策|过程|管理)(?:完成情况)?(?:得分|评分)\s*(?:为|是)?\s*$")


# Labels naming the subject of a self-score other than the report's own, by the report's kind: in a
# unit's report that also evaluates a project (“经自评，本项目2023年度绩效自评得分100分” beside
# “部门整体支出自评得分95分”), the project's; in a project's report, the unit's as a whole.
OTHER_SUBJECT_SCORE = {
    "dept_overall": re.compile(r"项目"),
    "project": re.compile(r"部门整体|单位整体|整体支出"),
}


def _in_brackets(context: str) -> bool:
    """Whether the sentence up to a figure leaves a bracket open: the figure is an aside
    (“全年预算468.6万元（含上年结转18.6万元），全年执行462.35万元”), and what follows the bracket
    goes on about the thing before it, not about the aside's 上年结转."""
    if "（" not in context and "(" not in context:
        return False  # most sentences have no bracket before their figures
    return context.count("（") + context.count("(") > context.count("）") + context.count(")")


def _without_other_subject_scores(figures: list[Figure], report_kind: str | None) -> list[Figure]:
    """The figures without the self-scores of another subject than the report's, when the report
    also states a score of its own subject: that one is the report's self-score, and the other is
    no second value of it. A score of another subject alone stays: a unit that copied a project
    report's wording (“本项目…自评得分”) into its own report still gave its score there."""
    other = OTHER_SUBJECT_SCORE.get(report_kind or "")
    if other is None:
        return figures
    scores = [f for f in figures if f.metric == "self_score"]
    others = {id(f) for f in scores if other.search(f.label)}
    if not others or len(others) == len(scores):
        return figures
    return [f for f in figures if id(f) not in others]


# Retired staff, counted in a unit's headcount but not against its 编制.
RETIREES = re.compile(r"退休|离休|离退")
# Retirees counted as a part of the headcount before them: a 其中：退休 column, 实有人数含退休人员….
RETIREES_AMONG = re.compile(r"其中\S{0,3}(?:退休|离休|离退)")
RETIREES_AFTER_STAFF = re.compile(r"(?:实有|现有|人数|人员)[^，,。；;]*(?:含|包括|其中)[^，,。；;]*(?:退休|离休|离退)")
# Staff outside the 编制 (辅警, 编外 and contract staff), counted in a headcount but not against the
# quota either: “在职人员126人，其中在编民警95人、辅警31人”.
OUTSIDE_QUOTA = re.compile(r"辅警|协警|编外|临聘|聘用人员|劳务派遣|合同制|公益性岗位|非编")
# A headcount of staff within the quota only.
IN_QUOTA = re.compile(r"在编")
# Words saying a headcount is of serving staff only (在职人数, 在编人员, 在岗职工).
SERVING = re.compile(r"在职|在编|在岗")


def _row_weights(raw_figures: list[RawFigure]) -> dict[tuple, Decimal]:
    """The weight (分值, 满分 …) each table row states, by table and row."""
    return {(raw.block, raw.location.table, raw.location.row): raw.quantity.value for raw in raw_figures
            if raw.extractor == "table" and WEIGHT_HEADER.search(raw.header) and raw.quantity.op in (None, "=")}


def _scored_out_of_less(raw: RawFigure, row_weights: dict[tuple, Decimal]) -> bool:
    """Whether a table's 总分 is out of less than 100 by its own row's weight: the indicator table's
    subtotal (90 of the national form's 100, whose other 10 score the 执行率), not the self-score."""
    weight = row_weights.get((raw.block, raw.location.table, raw.location.row))
    return raw.extractor == "table" and weight is not None and weight < 100


@record
class OthersCounted:
    """Where a sentence first counts staff of some kind (退休人员31人, 临聘人员3人): the figure's
    ``start`` in its paragraph, the sentence up to its label (``context``), and the headcounts
    (人, 名) the sentence states up to it and with it, each with the sentence before its label."""

    start: int
    context: str
    counts_so_far: tuple[tuple[str, Decimal], ...]


def _first_counts_of(raw_figures: list[RawFigure], keys: list[int],
                     *kinds: re.Pattern[str]) -> list[dict[int, OthersCounted]]:
    """For each of ``kinds`` (words naming retired staff, 退休人员31人, or other staff), where each
    sentence that counts such staff first does so, by sentence: one pass over the figures for all
    kinds. ``keys``: each figure's sentence, numbered (resolve_figures)."""
    found: list[dict[int, OthersCounted]] = [{} for _ in kinds]
    # each sentence's headcounts so far: a kind's entry keeps those up to its first count, as asked
    counts: dict[int, list[tuple[str, Decimal]]] = {}
    for raw, key in zip(raw_figures, keys):
        if raw.extractor != "text" or raw.quantity.unit not in ("人", "名"):
            continue
        counts.setdefault(key, []).append((raw.context, raw.quantity.value))
        for words, first in zip(kinds, found):
            if key not in first and words.search(raw.label):
                first[key] = OthersCounted(raw.location.char_start or 0, raw.context, tuple(counts[key]))
    return found


def _table_rows_with_retirees(raw_figures: list[RawFigure]) -> set[tuple]:
    """The table rows (by table, title row and row) whose plain 实有人数 counts the retirees too: rows
    that count the retirees beside the serving staff (在职 | 退休), or as a part (其中：退休)."""
    retirees: set[tuple] = set()
    serving: set[tuple] = set()
    among: set[tuple] = set()
    for raw in raw_figures:
        if raw.extractor != "table" or raw.quantity.unit.endswith("元"):
            continue
        names = f"{raw.label} {raw.header}"
        if RETIREES.search(names) is None and SERVING.search(names) is None:
            continue  # most cells: neither word, one search each
        row = (_table_key(raw), raw.location.row)
        for words, rows in ((RETIREES, retirees), (SERVING, serving), (RETIREES_AMONG, among)):
            if words.search(names):
                rows.add(row)
    return retirees & serving | among


def _counts_others(figure: Figure, raw: RawFigure, others: OthersCounted | None, own: re.Pattern[str],
                   breakdown_only: bool = False) -> bool:
    """Whether ``figure`` is a headcount that its sentence then breaks down into staff counted
    against the 编制 and others who are not (``others``: where the sentence first counts them), or
    the total of such a list after them.

    Retirees: “实有人数82人，其中在职人员51人，退休人员31人”, “现有人员82人（在职51人，退休31人）”.
    Staff outside the quota: “在职人员126人，其中在编民警95人、辅警31人”. Such a total, taken as the
    实有人数, gives a false “over quota” control rate (82 of 55, 126 of 100) and a false second
    value beside the count within it, so it is not the 实有人数; that count, when its label names
    it, is. A headcount whose own label says it is of the staff counted (``own``: 在职/在编/在岗
    against retirees, 在编 against staff outside the quota) is that whatever follows.

    With ``breakdown_only`` (both callers), a headcount before them is theirs only when the
    sentence breaks it down: 其中 or a bracket between them, or the counts after it up to theirs
    adding up to it (在职人员126人，在编民警95人、辅警31人). 在职人员17人，临聘人员3人 lists two groups
    side by side (blind probe AL); so does 年末实有人员41名，在职人员控制率91.11%，退休人员23名
    (blind probe AQ d04). A total after the others (…，合计20人) counts them too.
    """
    if others is None or figure.metric != "staff_actual" or figure.extractor != "text" or own.search(figure.label):
        return False
    if (figure.location.char_start or 0) > others.start:
        return HEADCOUNT_TOTAL.search(figure.label) is not None
    if not breakdown_only:
        return True
    between = others.context[len(raw.context):]
    if "其中" in between or _in_brackets(between):
        return True
    after = [value for context, value in others.counts_so_far if len(context) > len(raw.context)]
    return len(after) >= 2 and sum(after) == raw.quantity.value


# The total of a list of headcounts: 合计20人, 共计20人, 总人数20人.
HEADCOUNT_TOTAL = re.compile(r"合计|共计|总计|总数|总人数|一共|^共有?$")


# A number right after another with only spaces between, and no words of its own: “总分 100 92.5”,
# “年度资金总额 500 600 540”. That is a table row whose lines were lost (a PDF table drawn without
# borders), its columns run together: which value the row's label names (分值 or 得分, 预算 or
# 执行) cannot be told, so none of them is read as that label's figure.
_BARE_NUMBER_BEFORE = re.compile(r"[\d%‰]\s+$")


def _in_bare_runs(raw_figures: list[RawFigure], keys: list[int]) -> set[int]:
    """Indices of the text figures in runs of numbers separated by spaces alone (see above).
    ``keys``: each figure's sentence, numbered (resolve_figures)."""
    found: set[int] = set()
    for index in range(1, len(raw_figures)):
        raw, before = raw_figures[index], raw_figures[index - 1]
        if (raw.extractor == "text" and before.extractor == "text" and not raw.label
                and _BARE_NUMBER_BEFORE.search(raw.context) and keys[index] == keys[index - 1]):
            found.update((index - 1, index))
    return found


class _TargetSections(dict):
    """Whether one of the headings of a section is about targets (``TARGET_SECTION``), by section:
    ``under_target[section]``. A report's figures sit under a few sections, so each is split and
    searched once, the first time it is asked for; the others are one dict lookup, with no call."""

    def __missing__(self, section: str) -> bool:
        self[section] = answer = any(
            TARGET_SECTION.search(heading) for heading in section.split(SECTION_SEPARATOR) if heading)
        return answer


# A saving or an overspend stated after an amount compared with the budget: “较预算数60,000.00元节约
# 11,380.00元”.
SAVING = re.compile(r"\s*(节约|节省|结余|减少|少|超支|超出|增加|多)(?:了|资金)?\s*")


def _compares_the_whole(raw_figures: list[RawFigure], index: int, written_label: str) -> bool:
    """Whether an amount compared with the budget after a 其中 list is the whole's budget, as its own
    arithmetic shows: in ““三公”经费支出48,620.00元，其中…，因公出国（境）费0元，较预算数60,000.00元
    节约11,380.00元” 60,000 − 11,380 is the 48,620 before 其中, not the last part's 0 (blind probe O)."""
    raw = raw_figures[index]
    if raw.extractor != "text" or "其中" not in raw.context or without_comparison_to_budget(written_label) == (
            written_label):
        return False
    after = raw_figures[index + 1] if index + 1 < len(raw_figures) else None
    if after is None or _sentence_key(after) != _sentence_key(raw) or after.quantity.unit != raw.quantity.unit:
        return False
    saving = SAVING.fullmatch(after.label)
    if saving is None:
        return False
    sign = 1 if saving.group(1) in ("超支", "超出", "增加", "多") else -1
    compared = raw.quantity.value + sign * after.quantity.value
    list_at = (raw.location.char_start or 0) - len(raw.context) + raw.context.rfind("其中")
    heads = [other for other in raw_figures[:index] if _sentence_key(other) == _sentence_key(raw)
             and (other.location.char_start or 0) < list_at]
    return bool(heads) and heads[-1].quantity.unit == raw.quantity.unit and heads[-1].quantity.value == compared


def _sentence_key(raw: RawFigure) -> tuple:
    loc = raw.location
    return (raw.block, loc.table, loc.row, loc.col, raw.sentence)


def _is_own_subject(subject: str, title: str) -> bool:
    """Whether a form names the project its report's title evaluates: a 项目支出 report's own 自评表
    beside a list of its projects (blind probe AK a06) is read; the others' are not."""
    key = subject_key(subject)
    return subject != PROJECT_LIST and len(key) >= 2 and key in title


def _sentence_texts_and_money_units(raw_figures: list[RawFigure],
                                    keys: list[int]) -> tuple[dict[int, str], dict[int, str]]:
    """Two things by sentence (``keys``: each figure's sentence, numbered), read in one pass over the
    text figures: each sentence as far as its figures show it (the longest context, the sentence
    up to a figure's label), and the unit of its first amount of money (MONEY_UNITS)."""
    texts: dict[int, str] = {}
    money_units: dict[int, str] = {}
    for raw, key in zip(raw_figures, keys):
        if raw.extractor != "text":
            continue
        context = raw.context
        if len(context) > len(texts.get(key, "")):
            texts[key] = context
        unit = raw.quantity.unit
        if unit in MONEY_UNITS and key not in money_units:
            money_units[key] = unit
    return texts, money_units


def _concept_of(
    raw: RawFigure, previous: Concept | None, role_only: bool, whole: str = ""
) -> tuple[Concept, Match | None] | None:
    """The concept a figure names and the match that found it; ``role_only`` is
    ``is_role_only(raw.label)``: such a label continues the ``previous`` concept of its sentence.
    ``whole``: what the rows of the figure's table are parts of (tables_of_parts)."""
    if raw.extractor == "table":
        return _table_concept(raw, whole)
    if role_only and previous is not None and not _changes_flow(raw.label, previous):
        return previous, None
    match = match_label(raw.label)
    if match is None and raw.trailing and (not raw.label.endswith(("为", "是")) or _paid_to(raw)) and not (
            raw.trailing.startswith(("（", "("))):  # “1,520.00万元（含上年结转12.00万元）”: an aside on what the amount holds
        match = match_label(raw.trailing)
        if match is not None:
            match = dataclasses.replace(match, method=f"{match.method}+after")
    if match is None and previous is not None and previous.name in VEHICLE_CONCEPTS and (
            part := VEHICLE_PART.fullmatch(raw.label)) is not None:
        # “公务用车费16.00万元（其中购置费12.00万元、运行维护费4.00万元）” (blind probe T t14): the
        # parts of the vehicle money, named short after it
        return CONCEPTS_BY_NAME[VEHICLE_PART_CONCEPTS[part["part"]]], None
    if match is None:
        return None
    return match.concept, match


CJK_CHARACTER = re.compile(r"[\u4e00-\u9fff]")
# Words a rate's name may hold besides its alias and still be the whole's: 整体预算执行率, 2023年度
# 全年预算执行率, 部门资金执行率.
WHOLE_RATE_WORDS = re.compile(r"(?:19|20)\d{2}\s*年度?|全年|年度|本年|整体|总体|综合|全部|部门|单位|本|我|"
                              r"财政|资金|预算|总|的|为|是|达到?|实现|[\s，,、：:（）()]")


def _names_something_else(label: str, alias: str | None) -> bool:
    """Whether a rate's ``label`` names a thing besides its ``alias`` and whole words: 采购 in
    采购执行率, 普查经费 in 普查经费执行率; not 整体 in 整体预算执行率."""
    rest = label.replace(alias, " ", 1) if alias else label
    return bool(CJK_CHARACTER.search(WHOLE_RATE_WORDS.sub("", rest)))


# A sentence that sets out how the evaluation is scored (评分办法：…, 计分标准：…), and a label that
# names the most points to be had (满分, 总分值): the scale, not the score the unit got.
SCORING_RULE_LEAD = re.compile(
    r"\s*(?:[一二三四五六七八九十]+[、.．]|\d+[、.．]|[（(][一二三四五六七八九十\d]+[）)])?\s*"
    r"(?:评分|计分|打分|赋分|评价)(?:办法|方法|标准|规则|细则)\s*[:：]")
MAXIMUM_SCORE = re.compile(r"满分|总分值|分值")
# A 总分 the unit was not said to get (no 得, 自评, 评定 on its label, no 经…评 or result before it):
# “本次评价总分100分，共设置一级指标4个…”, “本次自评按照…评分规则执行，总分100分，其中…”.
TOTAL_NOT_EARNED = re.compile(r"总分(?:为|是)?\s*$")
EARNED_WORDS = re.compile(r"得|自评|评定|综合评")
EARNED_CONTEXT = re.compile(r"经[^，,。；;]{0,8}(?:评|审|核)|得分|结果|最终|评定")
# Words that make a 总分 the evaluation's: 本次评价总分, 指标体系总分, what a sentence about the scale
# goes on to set out (the indicators and their weights), or the rules it is said to follow.
SCALE_WORDS = re.compile(r"指标|体系|权重|分值|设置|设有|共设|百分制")
SCALE_CONTEXT = re.compile(r"按照|依据|根据|评分|计分|设置|指标|百分制")
THIS_EVALUATION = re.compile(r"^(?:本次|此次|该次)")


def _states_the_scale(raw: RawFigure, figure: Figure, sentence_text: str) -> bool:
    """Whether a self-score of 100 is the scale the evaluation is marked on: a 总分 the unit is not
    said to have got, named as this evaluation's or its indicator system's, in a sentence about the
    rules it follows, or one that goes on to set out the indicators (“本次评价总分100分，共设置一级
    指标4个”, “本次自评按照…评分规则执行，总分100分，其中…”, “按照评分标准（总分100分；90分及以上为优…）”:
    blind probes AU, AX); not “自评总分100分”, “总得分100分” or “经评价，总分100分”. ``sentence_text``:
    the sentence as far as its figures show it (_sentence_texts_and_money_units)."""
    if (figure.value != 100 or not TOTAL_NOT_EARNED.search(raw.label) or EARNED_WORDS.search(raw.label)
            or EARNED_CONTEXT.search(raw.context)):
        return False
    return bool(SCALE_WORDS.search(raw.label) or THIS_EVALUATION.search(raw.label)
                or SCALE_WORDS.search(_rest_of_sentence(raw, sentence_text)) or SCALE_CONTEXT.search(raw.context))


def _rest_of_sentence(raw: RawFigure, sentence_text: str) -> str:
    """What the sentence says after the figure, as far as its later figures' contexts show it
    (``sentence_text``: its entry of _sentence_texts_and_money_units), "" when that is not known."""
    return sentence_text[len(raw.context):] if sentence_text.startswith(raw.context) else ""


# A title's span of years (2022—2024年), and a label of what has been done so far.
PROJECT_SPAN = re.compile(r"((?:19|20)\d{2})\s*年?\s*[—–\-~～至到]+\s*(?:19|20)\d{2}\s*年")
CUMULATIVE = re.compile(r"累计")


def _spans_from_before(title: str, fiscal_year: int | None) -> bool:
    """Whether the title names a span of years that began before the year evaluated."""
    found = PROJECT_SPAN.search(title)
    return found is not None and fiscal_year is not None and int(found.group(1)) < fiscal_year


# The part of the money carried over that was spent: 上年结转资金支出, 结转资金执行 ….
CARRYOVER_SPENT = re.compile(r"(?:支出|执行|使用|支付|拨付)(?:数|金额)?\s*(?:为|是)?\s*$")


# The 直补 a sentence goes on to pay after a standard per head stated first.
DIRECT_SUBSIDY_AFTER = re.compile(r"直补|直扶|后期扶持")


# A count the money was allotted by (按…人口 … 下达): the basis of a budget, not the people paid.
ALLOCATION_BASIS = re.compile(r"按[^，,。；;]*$")
ALLOCATED = re.compile(r"\s*(?:的标准)?\s*(?:下达|拨付|安排|分配|测算|核拨)")


# What follows a number that sets a condition of a scoring rule, in the same clause: “执行率达到100%的
# 得满分”, “90%（含）以上的得10分”, “低于60%不得分” (blind probe AX F07). A level, not a stated one.
SCORING_CONDITION = re.compile(
    r"^(?:得满分|不得分)|^(?:（含）|\(含\))?(?:(?:及?以上|及?以下|之间|以内)的?|的)\s*"
    r"(?:得满分|不得分|得分|扣分|[得扣]\s*(?:\d|[零一二三四五六七八九十]+\s*分))")


# A table row that is a project's or fund's money as a whole, by a label naming no part of it: the
# funds block of a local 自评表 (“资金情况 | 预算数 | 执行数 | 预算执行率”, blind probe AW X2).
FUNDS_ROW_LABEL = re.compile(r"(?:项目)?(?:资金|预算)(?:投入|安排|使用|执行|到位|支出)?(?:及使用)?(?:情况)?")
FUNDS_ROW_CONCEPTS = frozenset({"total", "execution_rate"})


def _funds_row_concept(raw: RawFigure) -> tuple[Concept, Match] | None:
    """The whole's budget, spending or rate for a value in the funds row of a project's or fund's
    own form, its column header naming which (预算数, 执行数, 预算执行率); None for any other row or
    column (分值, 得分)."""
    if not FUNDS_ROW_LABEL.fullmatch("".join(raw.label.split())):
        return None
    match = match_label(raw.header)
    if match is None or match.concept.name not in FUNDS_ROW_CONCEPTS or match.method not in ("exact", "alias"):
        return None
    return match.concept, match


# 为 … 发放: the people money is paid to (“共为12,356名移民发放后期扶持直补资金”, blind probe AY), where
# the 为 of “人数为” would say the label names the number.
PAID_TO_VERB = re.compile(r"发放|支付|兑现|兑付")


def _paid_to(raw: RawFigure) -> bool:
    """Whether a label ending in 为 is the 为 of paying to the people counted after it."""
    return raw.label.endswith("为") and raw.quantity.unit in ("人", "名", "户") and bool(PAID_TO_VERB.search(raw.trailing))


def _listed_before_more_money(raw_figures: list[RawFigure], index: int) -> bool:
    """Whether the amount at ``index`` is followed, after only a 、 and a name, by another amount of
    money in its sentence: the first item of a list of the kinds paid (blind probe AX), not the
    whole paid out."""
    raw = raw_figures[index]
    if index + 1 >= len(raw_figures):
        return False
    following = raw_figures[index + 1]
    if following.extractor != "text" or _sentence_key(following) != _sentence_key(raw):
        return False
    after = len(raw.context) + len(raw.quantity.raw)
    return (following.context.startswith(raw.context) and following.context[after:after + 1] == "、"
            and following.quantity.unit.endswith("元"))


# Words by which a label names a sum of money of its own (经济普查经费, 专项资金, 维修项目).
NAMED_MONEY = re.compile(r"经费|资金|项目|专项|补助|补贴|工程")
# A sentence whose subject is the units below the reporting one: 下属14家乡镇卫生院…, 所属各单位….
OTHER_UNITS_SUBJECT = re.compile(r"\s*(?:另[外有]?[，,]?\s*)?(?:其)?(?:下属|所属)")


# The two parts of 公务用车费, named without 公务用车 in a list right after it.
VEHICLE_CONCEPTS = frozenset({"vehicle", "vehicle_purchase", "vehicle_operation"})
VEHICLE_PART = re.compile(
    r"[\s（(、，,；;]*(?:其中)?[\s：:，,]*(?P<part>购置费?|运行维护费|运维费|运行费)(?:为|是|支出)?\s*")
VEHICLE_PART_CONCEPTS = {"购置费": "vehicle_purchase", "购置": "vehicle_purchase",
                         "运行维护费": "vehicle_operation", "运维费": "vehicle_operation",
                         "运行费": "vehicle_operation"}


# A clause that names a sum of money and nothing else (“…主要为第五次全国经济普查专项经费，预算310万元”):
# the amounts after it are that money's.
_MONEY_NAME_END = re.compile(r"(?:经费|资金|项目)\s*$")
_CLAUSES = re.compile(f"{CLAUSE_COMMA}|[；;：:]")


def _after_other_money(context: str) -> bool:
    """Whether the clause before a figure's own names money the catalogue does not know: the
    figure's budget side is that money's, not the unit's (blind probe J r15)."""
    clauses = _CLAUSES.split(context)
    if len(clauses) < 2:
        return False
    named = clauses[-2].strip()
    return bool(_MONEY_NAME_END.search(named)) and match_label(named) is None


# The parts of a unit's spending a colon lead or a heading may name over a sentence that begins with
# 全年预算 alone (see resolve_figures).
LEAD_PART_CONCEPTS = frozenset({"basic", "personnel", "public", "project", "sangong", "reception", "vehicle",
                                "vehicle_operation", "vehicle_purchase", "overseas", "meeting", "training",
                                "procurement"})


# A table's group row of projects: its numbered rows are single projects, whatever their names say.
PROJECT_GROUP = re.compile(r"项目支出|项目经费|项目资金")


# A title naming the direct subsidy as the money evaluated (…后期扶持直补资金, …扶持基金（直补资金）).
DIRECT_SUBSIDY_FUND = re.compile(r"直补资金|直扶资金")
PLANNED = re.compile(r"计划")


# A year opening a label: “2022年”, “2022年度”.
LEADING_YEAR = re.compile(r"(?:19|20)\d{2}\s*年度?")


# The kinds project spending is budgeted in since the 2020 reform of project libraries (人员类项目,
# 运转类项目, 特定目标类项目): each is a part of 项目支出, and none is its whole.
PROJECT_CATEGORY = re.compile(r"(?:人员|运转|公用|特定目标|其他运转)类")


# A rate named as the whole's: after a 其中 list (“全年支出3,352.06万元，其中基本支出…，项目支出
# 3,065.72万元，预算执行率99.25%”) it is the list head's, not the last part's; a part's own rate is
# named by it (项目支出执行率), and a bare 执行率 there may be either.
WHOLE_RATE = re.compile(r"预算执行率|资金执行率|预算完成率|支出完成率|支出进度|资金支付率|资金使用率|资金拨付率")


_DIGIT = re.compile(r"\d")


def _in_open_list(context: str) -> bool:
    """Whether a figure is in a list of parts (opened by 其中 or 包括) that no ； has closed before it,
    nor the closing of a bracket it was opened in (“全年预算数1,234.56万元（其中中央资金864.00万元、…），
    实际支出1,198.26万元”: back at the whole, blind probe T t02)."""
    opener = max(context.rfind("其中"), context.rfind("包括"))
    if opener < 0 or max(context.rfind("；"), context.rfind(";")) > opener:
        return False
    return closing_bracket_after(context, opener) is None


def _list_closed(context: str) -> bool:
    """Whether the 其中 list of a figure's sentence ended before the figure: a ； (or ;) after its
    last 其中 closes it, where a ， or 、 goes on listing parts. Not where the clause after the ；
    already has an amount: in “其中：公务接待费预算20,000.00元，支出15,235.00元；公务用车运行维护费
    预算66,000.00元，支出57,200.00元” the ； separates parts, and the second 支出 is the 公务用车's
    (blind probe O)."""
    at = context.rfind("其中")
    if at < 0:
        return False
    closing = max(context.rfind("；"), context.rfind(";"))
    return closing > at and _DIGIT.search(context, closing) is None


def _changes_flow(label: str, previous: Concept) -> bool:
    """“上年结转100万元；2020年度支出预算6400.32万元”: a label about spending does not continue a
    concept that is not spending (income, carry-over, balance, people); nor does a budget word
    continue money carried over or left over (“上年结转30万元，全年预算380万元”: the year's budget)."""
    if "支出" in label and previous.name in NON_SPENDING_CONCEPTS:
        return True
    return previous.name in CARRIED_CONCEPTS and role_of(label) in ("budget", "budget_initial")


# An amount right after 每人, 每户, 每生 … (and 每年/每月), or after 人均/户均/生均: so much per head.
# A per-unit amount (生均公用经费, 人均经费, 亩均补贴) is not the whole the concept names, and a standard
# per day, month or meal is not the catalogue's 元 per person per year (blind probe L); neither is
# converted.
PER_UNIT_AMOUNT = re.compile(r"[人生户亩]均")
OTHER_PERIOD = re.compile(r"每\s*(?:天|日|月|周|餐|季)")
PER_HEAD_BEFORE = re.compile(r"(?:每\s*(?:人|户|生|名|位|个学生|名学生)|人均|户均|生均)\s*(?:每\s*[年月])?\s*$")
# The standard an amount per head of a money concept is: 每人600元 of 直补资金 is the 直补标准, and
# so is one after the people paid (“核定直补人数22,418人，按每人每年600元标准”).
PER_HEAD_STANDARDS = {"direct_subsidy": "direct_subsidy_standard", "direct_subsidy_people": "direct_subsidy_standard"}


# The money a per-head standard is of: PER_HEAD_STANDARDS the other way, from its money concepts.
MONEY_OF_STANDARD = {standard: of for of, standard in PER_HEAD_STANDARDS.items()
                     if CONCEPTS_BY_NAME[of].kind == "money"}


# Money carried into or out of the year: a budget word after it starts the year's own budget.
CARRIED_CONCEPTS = frozenset({"carryover", "balance"})


def _table_concept(raw: RawFigure, whole: str = "") -> tuple[Concept, Match | None] | None:
    by_label = match_label(raw.label) if raw.label else None
    label_from_table = by_label is None and bool(TOTAL_ROW.search(raw.label))
    if label_from_table:
        # A 合计 row totals what the label column's header names (“‘三公’经费（万元） | 预算数” over
        # “合计 | 12.5”), or, where that header says nothing (项目), the table's caption (“表2
        # “三公”经费支出情况表”), its title row, or the heading above it (“三、“三公”经费”), or what
        # its other rows are parts of (因公出国（境）费, 公务接待费 …: ``whole``): not the report's
        # whole budget.
        by_label = _named_by_table(raw, raw.label_header) or (_specific_match(whole) if whole else None)
    by_header = match_label(raw.header) if raw.header else None
    if (by_header is None and TOTAL_ROW.search(raw.header)
            and (by_label is None or by_label.concept.name in GENERIC_CONCEPTS)):
        # The same total turned on its side: rows are the roles (预算数 | 实际支出数), columns the
        # parts, and the 合计 column totals what the caption or heading names (“表1 “三公”经费预算
        # 及支出情况” over 项目 | 合计 | 因公出国（境）费 …): the 三公 total, not the unit's budget.
        by_header = _named_by_table(raw)
    if by_label is None and by_header is None and TOTAL_ROW.search(raw.label) and is_role_only(raw.header):
        # “合计” under a side alone (年初预算 beside 全年预算 | 实际支出, blind probe W w08): the same
        # whole as its neighbours 全年预算 and 实际支出 name, on the side its header says
        total = CONCEPTS_BY_NAME["total"]
        by_header = Match(total, 0.0, "side", raw.header)
    if (by_label is None and by_header is not None and raw.label and not TOTAL_ROW.search(raw.label)
            and not YEAR_ROW.fullmatch(raw.label)  # a row per year (2022年 | 2023年) is each year's whole
            and not AMOUNT_ROW.fullmatch(raw.label)):
        return None  # a part of the column (one unit, one document), not the report's figure
    if by_label and by_header and by_label.concept.name != by_header.concept.name:
        if label_from_table and by_header.concept.name not in GENERIC_CONCEPTS:
            # “编制类型 | 编制数 | 实有人数” over “合计 | 24 | 22” (blind probe Z z06): what the table is
            # about (编制) names the 合计 row; a column naming a thing of its own (实有人数) says more.
            # A generic column (预算数 under “三公”经费表's 合计) still takes the table's thing.
            return by_header.concept, by_header
        label_generic = by_label.concept.name == "total"
        header_generic = by_header.concept.name == "total"
        if label_generic == header_generic:
            return None
        chosen = by_header if label_generic else by_label
        return chosen.concept, chosen
    chosen = by_label or by_header
    return (chosen.concept, chosen) if chosen else None


# The wholes a table's rows can be parts of, by the concepts of their parts: a table listing two of
# 三公's parts totals 三公 in its 合计 row, whatever the words around it (blind probe AJ: a 三公 table
# under “二、部门整体支出情况” gave its 合计 as the unit's budget and spending).
WHOLES_OF_PARTS = {
    "“三公”经费": frozenset({"overseas", "reception", "vehicle", "vehicle_operation", "vehicle_purchase"}),
}
PARTS_NAMING_A_WHOLE = 2


# The rows a 决算 table breaks 公务用车购置及运行维护费 into, under it, named by the part alone:
# “其中：购置费” / “运行维护费” (blind probe AJ: never read, so the 公务用车 check could not run, and
# JX103 added the 运行维护费 row to the 三公 合计 as a part of its own).
BARE_VEHICLE_PART = re.compile(r"(?:其中\s*[:：]?\s*)?(?:车辆)?(购置费?|运行维护费|运行费|维护费|运维费)")
VEHICLE_SUB_ROWS = 2


def vehicle_sub_rows(raw_figures: Sequence[RawFigure]) -> dict[int, str]:
    """{index: the label it stands for} for table rows labelled by a part of 公务用车费 alone, in
    the rows right under the 公务用车 row of the same table: “运行维护费” → “公务用车运行维护费”."""
    named: dict[int, str] = {}
    vehicle_row: dict[int, int] = {}  # table → the row of its last 公务用车费 label
    for index, raw in enumerate(raw_figures):
        table, row = raw.location.table, raw.location.row
        if raw.extractor != "table" or table is None or row is None or not raw.label:
            continue
        bare = BARE_VEHICLE_PART.fullmatch(raw.label.strip())
        if bare is not None:
            above = vehicle_row.get(table)
            if above is not None and 0 < row - above <= VEHICLE_SUB_ROWS:
                part = bare.group(1)
                named[index] = "公务用车" + (part if part.endswith("费") else part + "费")
            continue
        match = match_label(raw.label)
        if match is not None and match.concept.name == "vehicle":
            vehicle_row[table] = row
        elif match is not None:
            vehicle_row.pop(table, None)
    return named


def tables_of_parts(raw_figures: Sequence[RawFigure]) -> dict[tuple[int | None, str], str]:
    """{(table, title row): the whole its rows are parts of} for tables (or tables stacked in one
    sheet under their title rows) whose row labels name at least two different parts of one whole
    of WHOLES_OF_PARTS (公务用车费 and its 运行维护费 count as two), and nothing but that whole,
    its parts and generic totals."""
    concepts_by_table: dict[tuple[int | None, str], set[str]] = {}
    for raw in raw_figures:
        if raw.extractor != "table" or raw.location.table is None or not raw.label:
            continue
        match = match_label(raw.label)
        if match is not None:
            concepts_by_table.setdefault(_table_key(raw), set()).add(match.concept.name)
    wholes: dict[tuple[int | None, str], str] = {}
    if not concepts_by_table:
        return wholes
    allowed = {whole: parts | GENERIC_CONCEPTS | {match_label(whole).concept.name}
               for whole, parts in WHOLES_OF_PARTS.items()}
    for key, concepts in concepts_by_table.items():
        for whole, parts in WHOLES_OF_PARTS.items():
            if len(concepts & parts) >= PARTS_NAMING_A_WHOLE and concepts <= allowed[whole]:
                wholes[key] = whole
    return wholes


def _table_key(raw: RawFigure) -> tuple[int | None, str]:
    """A table figure's table and the title row it is under (a sheet stacks several tables)."""
    return raw.location.table, raw.context


def _named_by_table(raw: RawFigure, *first: str) -> Match | None:
    """What a table's bare total totals: the specific thing ``first`` names (the label column's
    header), else the table's caption, its own title row (a sheet's first row) or the heading it
    sits under."""
    # a title row inside the table: a caption, or a numbered section of a sheet (“三、“三公”经费支出情况”
    # over a unit row and the rows, blind probe V v12)
    title = raw.context if is_caption(raw.context) or heading_level(raw.context) is not None else ""
    return _specific_match(*first, raw.caption, title, innermost_heading(raw.section))


def _specific_match(*names: str) -> Match | None:
    """The match of the first of ``names`` that names a specific (not generic) concept, or None."""
    for name in names:
        match = match_label(name) if name else None
        if match is not None and match.concept.name not in GENERIC_CONCEPTS:
            return match
    return None


def _figure_for(
    raw: RawFigure, concept: Concept, match: Match | None, sentence_unit: str, fiscal_year: int | None
) -> Figure | None:
    method = match.method if match else "inherited"
    placed = None
    for quantity, how in _unit_readings(raw, concept, sentence_unit):
        canonical = to_canonical(quantity)
        found = key_in(raw, concept, canonical) if canonical is not None else None
        if found is not None:
            placed = (quantity, canonical, found, how)
            break
    if placed is None:
        return None
    quantity, canonical, (key, role), how = placed
    year, year_source = _year_of(raw, fiscal_year)
    value, unit = canonical.value, canonical.unit
    places = _written_places(quantity.value, canonical.factor)
    if key_kind(key) == "yuan" and unit in ("万元", PER_HEAD_WAN):
        value, unit = _wan_to_yuan(value), "元"  # a standard per head is kept in 元 (600, not 0.06)
        places = None if places is None else places + 4
    return Figure(
        metric=key,
        value=value,
        unit=unit,
        role=role or "",
        year=year,
        year_source=year_source,
        raw=raw.quantity.raw,
        label=_label_text(raw),
        match_method=method + how,
        match_score=match.score if match else 0.0,
        location=raw.location,
        extractor=raw.extractor,
        op=None if is_budget_ceiling(raw, role) else quantity.op,
        as_of=raw.as_of,
        places=places,
    )


# “控制在预算9.00万元以内”: 以内 after an amount the label ends by calling the budget says the
# spending kept within it; the budget itself is stated, 9.00. Not “预算控制在9万元以内” (a label
# ending in 控制在: the budget is what is bounded) nor “不超过预算…” (a comparator before the number).
CEILING_AFTER = re.compile(r"(?:以内|之内)\s*$")
BUDGET_WORD_AT_END = re.compile(r"预算(?:数|额|资金)?\s*$")


# A column of each row's share of the whole: 占比, 比重, 所占比例. Not “支出占预算比例”, which is
# an execution rate, nor 构成, which may head amounts (资金构成（万元）).
SHARE_HEADER = re.compile(r"占比|比重|所占比例")


def is_budget_ceiling(raw: RawFigure, role: str | None) -> bool:
    """Whether the number is a budget written as the ceiling the spending kept within."""
    quantity = raw.quantity
    return (role in ("budget", "budget_initial") and quantity.op == "≤" and quantity.high is None
            and CEILING_AFTER.search(quantity.raw) is not None and BUDGET_WORD_AT_END.search(raw.label) is not None)


def _written_places(written: Decimal, factor: Decimal) -> int | None:
    """The power of ten of the last written digit once converted: the digit's place in the unit as
    written, moved by the factor (1.22亿元: 0.01 亿元 × 10000 = 100 万元 → 2). None for a factor that
    is no power of ten, which would make the step no place of a digit."""
    exponent = written.as_tuple().exponent
    if not isinstance(exponent, int):
        return None
    shift = _power_of_ten(factor)
    return None if shift is None else exponent + shift


@lru_cache(maxsize=64)
def _power_of_ten(factor: Decimal) -> int | None:
    """The power of ten a conversion factor is (10000 → 4, 0.0001 → -4), None when it is none.
    The factors are the few of the unit table (normalize/units.py): each is worked out once."""
    if factor <= 0 or factor.normalize().as_tuple().digits != (1,):
        return None
    return factor.adjusted()


def _wan_to_yuan(value: Decimal) -> Decimal:
    """0.0600 万元 → 600 元, 0.00125 万元 → 12.5 元: exact, without the zeros the 万元 form needed."""
    yuan = value * YUAN_PER_WAN
    return yuan.quantize(Decimal(1)) if yuan == yuan.to_integral_value() else yuan.normalize()


# A rate's name right before its number, with at most a verb of being: “预算执行率为”, “控制率达”.
RATE_LEVEL_BEFORE = re.compile(r"(?:执行率|完成率|控制率|支出进度|执行进度)\s*(?:为|是|达到?)?\s*$")


def _unit_readings(raw: RawFigure, concept: Concept, sentence_unit: str):
    """The ways to read the number's unit, surest first: as written; for a bare number, the unit
    declared for it, then (money in running text) the sentence's money unit, then bare."""
    quantity = raw.quantity
    if quantity.unit == "个百分点" and "rate" in concept.keys and raw.extractor == "text" and (
            RATE_LEVEL_BEFORE.search(raw.label)):
        # “预算执行率为97.05个百分点” (blind probe T t13): a level written with the word for a
        # difference of rates; a difference (较上年提高1.2个百分点) names no rate right before it
        yield dataclasses.replace(quantity, unit="%"), "+points_as_percent"
        return
    if quantity.unit:
        yield quantity, ""
        return
    # “2410.29万” is 24102900 already: a declared 万元 (a sentence's, a column's) would count the 万
    # twice, 24102900万元. Only a declared unit without a multiplier of its own may take it.
    multiplied = written_multiplier(quantity)
    if raw.unit_hint and not (multiplied and has_multiplier(raw.unit_hint)):
        yield dataclasses.replace(quantity, unit=raw.unit_hint), ""
    if (raw.extractor == "text" and concept.kind == "money" and sentence_unit
            and not (multiplied and has_multiplier(sentence_unit))):
        yield dataclasses.replace(quantity, unit=sentence_unit), "+unit_from_sentence"
    as_money = as_money_with_multiplier(quantity) if concept.kind == "money" and multiplied else None
    if as_money is not None:
        yield as_money, "+wan_as_yuan"  # “支出合计2410.29万”: money written with its 万, without 元
    if concept.kind == "money" and quantity.value == 0:
        # “三公经费支出为零”, “…为0” with no other amount in the sentence (blind probe AM e2): no
        # money is none in any unit
        yield dataclasses.replace(quantity, unit="万元"), ""
    yield quantity, ""


# Words that put a figure in the year before the one evaluated: 上年末实有人数29人, 去年支出, a
# table's 上年数 column. Not 上年结转 / 上年结余 (this year's money carried over from last year).
PRIOR_YEAR = re.compile(r"上一?年(?!度?(?:结转|结余))|去年|前一年")


# A sentence that opens with the year before: all its amounts are that year's, unless it turns to
# this year (本年, 今年, 当年) before the figure.
PRIOR_YEAR_LEAD = re.compile(r"\s*(?:上一?年|去年)(?!度?(?:结转|结余))")
THIS_YEAR_WORDS = re.compile(r"本年|今年|当年|本期")
# A year the money was carried over from, right before 结转: “2023年结转资金”, “2023年度结转”.
CARRIED_FROM_YEAR = re.compile(r"(?P<year>(?:19|20)\d{2})\s*年度?\s*(?:结转|滚存)")
CARRIED_LAST_YEAR = re.compile(r"上一?年度?(?:结转|滚存)")  # “上年结转资金（2023年）”


def carried_from_last_year(label: str, fiscal_year: int | None) -> str:
    """``label`` with money carried over from the year before the evaluated one named as 上年结转,
    the words the catalogue knows it by: “（含2023年结转资金” in a report on 2024 (blind probe AP
    r07) is “（含上年结转资金”."""
    if fiscal_year is None or "结转" not in label and "滚存" not in label:
        return label
    carried = CARRIED_FROM_YEAR.search(label)
    if carried is None or int(carried["year"]) != fiscal_year - 1:
        return label
    return f"{label[:carried.start()]}上年{carried.group()[-2:]}{label[carried.end():]}"  # 2023年度结转 → 上年结转
YEAR_WRITTEN = re.compile(r"(?:19|20)\d{2}\s*年|[〇零一二三四五六七八九]{4}年")


def _year_of(raw: RawFigure, fiscal_year: int | None) -> tuple[int | None, str]:
    """The year a figure is for: one its words name; else the year before the evaluated one where
    they say 上年/去年 (PRIOR_YEAR); else the evaluated year."""
    source = "label" if raw.extractor == "text" else "table"
    if fiscal_year is not None and raw.extractor == "text" and PRIOR_YEAR.search(raw.label) and not (
            YEAR_WRITTEN.search(raw.label)):
        # “2024年…（上年执行率95.85%）”: the label's 上年 over the sentence's year (blind probe T)
        return fiscal_year - 1, source
    if raw.years:
        if (fiscal_year is not None and raw.years[-1] == fiscal_year - 1
                and ((carried := CARRIED_FROM_YEAR.search(raw.label)) is not None
                     and int(carried["year"]) == raw.years[-1] or CARRIED_LAST_YEAR.search(raw.label))):
            # “（含2023年结转资金86.20万元）” in a report on 2024 (blind probe AP r07): money carried
            # from 2023 into the year evaluated, as 上年结转 is
            return fiscal_year, source
        return raw.years[-1], source
    if fiscal_year is not None and (PRIOR_YEAR.search(raw.label) or PRIOR_YEAR.search(raw.header)):
        return fiscal_year - 1, source
    if fiscal_year is not None and raw.extractor == "text" and PRIOR_YEAR_LEAD.match(raw.context) and not (
            THIS_YEAR_WORDS.search(raw.context)):
        return fiscal_year - 1, "context"  # “上年同期安置818人，发放补贴490.80万元” (blind probe R r14)
    return fiscal_year, "report"


def _label_text(raw: RawFigure) -> str:
    if raw.extractor == "table" and raw.header:
        return f"{raw.label}{TABLE_LABEL_JOINER}{raw.header}" if raw.label else raw.header
    return raw.label or raw.trailing
