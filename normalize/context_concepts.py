"""The concept a figure takes from its report, heading or sentence when its label names none.

Most figures are named by their label (normalize/match.py). These rules name the rest, each from
one piece of context, and each only where that context leaves no doubt:

* the kind of report: in a report on one project or fund, that project's or fund's own money is
  the report's whole (``project_total``, ``fund_money``); in a unit's report, a sentence that
  begins with a budget side alone states the unit's money (``unit_total``);
* the heading: a sentence beginning with a budget side alone is about what its heading names
  (``heading_concept``);
* the sentence: 得分 in a sentence about the evaluation is the self-score (``evaluation_score``);
  the people a payment reached are its head count (``beneficiaries``).

normalize/figures.py asks them in that order, after the label.
"""

from __future__ import annotations

import dataclasses
import re

from extract.figures import RawFigure, innermost_heading
from normalize.catalogue import CONCEPTS_BY_NAME, Concept
from normalize.match import Match, match_label, names_a_side, naming_words, role_of

# A report about one project or one fund: there “省级下达补助资金500万元，县级配套200万元，合计到位
# 资金700万元” sums the report's own money, which a unit's report would not (its 项目资金 are its
# projects'), so a 合计 after amounts that named nothing is still the report's whole.
ONE_FUND_KINDS = frozenset({"project", "special_fund"})
# …and so is a budget stated as the year's whole: “省财政厅提前下达我县补助资金2000万元，全年预算数
# 2500万元” (the 2000 is one allotment of it).
WHOLE_WORD = re.compile(r"合计|共计|总计|全年预算|调整后预算|预算总额")

# In a 项目支出 report the project's money is the report's whole: “本项目年初预算资金500万元”,
# “项目资金到位520万元”, “项目总投资800万元”. Not in a unit's report, where 项目资金 is the money of
# its many projects (“拨付移民项目资金3904.16万元”), and not a source's share (中央资金, 省级配套).
# 项目年度预算 (blind probe X x12) as 项目全年预算.
PROJECT_TOTAL = re.compile(
    r"项目(?:总)?(?:预算)?资金|项目(?:总|年初|全年|本?年度|调整后)?(?:批复|核定|下达)?预算|项目总投资|预算资金")
PROJECT_SOURCE = re.compile(r"中央|省级|省|市级|县级|区级|乡镇|配套|自筹|其他资金|社会资金|银行")


# In a report on one fund, money with a budget side (下达, 安排, 预算, 到位; 支出, 支付, 已使用, 完成
# 投资) is the report's own when it names the fund the title evaluates (“2023年上级共下达我县农村公路
# 养护资金1000万元” in the 农村公路养护资金 report, “全年支出就业补助资金1781.2万元”) or nothing else
# (“累计支付项目资金”, “已使用资金”, “该项目总投资”). Not money named otherwise, which is one part of
# the fund (“移民后扶发展规划…安排的项目资金386万元”), nor a source's share of it (“省级补助600万元”,
# “县级配套400万元”, “中央资金900万元”), where the source names the money itself.
FUND_NOUN = re.compile(r"资金|投资|经费")
# What a label may name besides its side and still be the report's own money.
GENERIC_FUND_WORDS = frozenset({"", "补助", "补贴", "专项", "该", "本", "上级", "我县", "全县", "上级我县",
                                "我区", "全区", "上级我区", "该项", "本项", "该项目", "本项目"})
# …and in a 项目支出 report, 项目 alone (in a fund's report 项目资金 is one part of the fund: seed
# 003's 移民后期扶持基金 goes to 直补资金 and 项目资金; 该项目 / 本项目 is the thing evaluated).
GENERIC_PROJECT_WORDS = GENERIC_FUND_WORDS | {"项目"}
# The title's words around the thing evaluated: 2023年度 before it; 绩效自评报告, 项目支出 … after.
TITLE_FUND = re.compile(r"(?:19|20)\d{2}\s*年度?(.+?)(?:项目支出|专项资金|补助资金|资金|基金|项目)?(?:绩效|自评|评价|报告)")
FUND_PREFIXES = re.compile(r"^(?:(?:中央财政|中央|省级|省|市级|县级|本级|财政)[和及与、]?)+")  # 中央和省级财政…
SOURCE_SHARE = re.compile(
    r"(?:中央|省级|省|市级|市|县级|区级|乡镇|本级)(?:财政)?(?:专项)?(?:资金|配套|补助|投入|衔接资金)"
    # the people's own share (群众自筹, 群众投劳), not money for them (困难群众救助补助资金, blind probe AX)
    r"|配套|自筹|其他资金|社会资金|银行|贷款|群众(?:自筹|筹资|集资|出资|投工|投劳|投入)")


# Money put to one use of the fund (“安排救助资金25万元用于移民特困救助”): a part, not the whole.
FOR_A_USE = re.compile(r"\s*(?:用于|专项用于|主要用于)")


def fund_of_title(title: str) -> str:
    """The core words of the fund or project a title evaluates: “…2023年度农村公路养护资金绩效自评报告”
    → “农村公路养护”, “2023年度就业补助资金…” → “就业”; "" when the title names none."""
    found = TITLE_FUND.search(title.replace(" ", ""))
    if found is None:
        return ""
    core = TITLE_WORK_END.sub("", FUND_PREFIXES.sub("", found.group(1)))
    return core if len(core) >= 2 else ""


# The work a title may name after the fund (“南县2023年度高龄津贴发放绩效自评报告”, blind probe AY):
# the fund is 高龄津贴, and its money is named without the 发放.
TITLE_WORK_END = re.compile(r"(?:发放|管理|使用|实施|落实)(?:工作)?$|工作$")


def fund_money(raw: RawFigure, fund: str, report_kind: str | None) -> tuple[Concept, Match] | None:
    """The whole-budget concept for a fund report's own money (see FUND_NOUN), else None."""
    label = raw.label
    noun = FUND_NOUN.search(label)
    # “2023年普通高中国家助学金预算”: the fund named by its own name, without 资金 or 经费
    named = noun.group(0) if noun is not None else (fund if fund and fund in label else None)
    if (named is None or SOURCE_SHARE.search(label) or not raw.quantity.unit.endswith("元")
            or not names_a_side(label)
            or FOR_A_USE.match(raw.trailing)):
        return None
    generic = GENERIC_PROJECT_WORDS if report_kind == "project" else GENERIC_FUND_WORDS
    naming = naming_words(label)
    if not ((fund and fund in label) or naming in generic or _shortened_fund(naming, fund, generic)
            or ALL_SOURCES.fullmatch(naming)):
        return None
    concept = CONCEPTS_BY_NAME["total"]
    return concept, Match(concept, 0.0, "fund", named)


# Words a label may put before a shortened fund name: who gave it and whose it is (上级下达, 我县).
_GENERIC_LEAD = ("上级", "我县", "全县", "本县", "我市", "全市", "我区", "全区", "本区", "本项目", "该项目",
                 "本项", "该项", "项目", "本", "该")
# The fewest characters of the fund's name a shortened one must keep: 救助 of 城乡医疗救助.
SHORT_FUND_MIN_CHARS = 2


def _shortened_fund(naming: str, fund: str, generic: frozenset[str]) -> bool:
    """Whether a label's naming words are the title's fund in short, after the words any of the
    fund's own money may carry: “上级下达后期扶持资金” in a report on 大中型水库移民后期扶持资金,
    “全年支出救助资金” in one on 城乡医疗救助补助资金, “项目计划投入衔接资金” in one on a 衔接资金
    project. A part of the fund is named by other words (项目资金, 产业扶持资金) and is not one."""
    if not fund:
        return False
    rest = naming
    for lead in _GENERIC_LEAD:
        if rest.startswith(lead) and (lead != "项目" or "项目" in generic):
            rest = rest[len(lead):]
    rest = _FUND_KIND_END.sub("", rest)  # the title's core has lost its 补助资金 too
    return len(rest) >= SHORT_FUND_MIN_CHARS and (rest in fund or _abbreviates(rest, fund))


# The fewest characters an abbreviation of the fund's name must have: 城乡低保 of 城乡最低生活保障.
ABBREVIATION_MIN_CHARS = 3


def _abbreviates(short: str, name: str) -> bool:
    """Whether ``short`` is ``name`` abbreviated the usual way, keeping some of its characters in
    order from its first: 城乡低保 of 城乡最低生活保障 (blind probe AY). A name with characters of
    its own (城乡医保) is another fund's."""
    if len(short) < ABBREVIATION_MIN_CHARS or len(short) >= len(name) or short[0] != name[0]:
        return False
    position = 0
    for char in short:
        position = name.find(char, position)
        if position < 0:
            return False
        position += 1
    return True


# What ends a fund's name before its 资金 and is cut from the title's core (see TITLE_FUND).
_FUND_KIND_END = re.compile(r"(?:专项|补助|补贴)$")
# Naming words that are only where the money came from, all sources together: “上级下达及本级安排
# 资金共计420.00万元” is the fund's whole (one source alone is a share: SOURCE_SHARE).
ALL_SOURCES = re.compile(r"(?:(?:上级|本级|中央|省级|市级|县级|省|市|县)(?:财政)?[及和与、]?){2,}")


def project_total(raw: RawFigure) -> tuple[Concept, Match] | None:
    """The whole-budget concept for a 项目支出 report's money labelled as the project's (PROJECT_TOTAL)."""
    label = raw.label if raw.extractor == "text" else f"{raw.label} {raw.header}"
    found = PROJECT_TOTAL.search(label)
    if found is None or PROJECT_SOURCE.search(label) or not raw.quantity.unit.endswith("元"):
        return None
    return PROJECT_MONEY, Match(PROJECT_MONEY, 100.0, "project", found.group(0))


# The report's whole as a project's money: named with no side (“项目资金1,260.00万元，实际支出1,198.56万元”,
# blind probe U u07) it is what the project was given, its budget. A side the words name still decides.
PROJECT_MONEY = dataclasses.replace(CONCEPTS_BY_NAME["total"], default_role="budget")


HeadingMatch = tuple[Concept, Match] | None
# A sentence that opens by naming its subject before a colon, or as 方面: “‘三公’经费：年初预算14.50
# 万元，全年支出12.06万元” (blind probe L), “‘三公’经费方面，2022年预算5.00万元，决算4.28万元” (probe N).
# The lead is short and holds no number.
COLON_LEAD = re.compile(r"^\s*(?:在|关于)?([^，,。；;：:\d]{2,20}?)(?:方面[，,：:]|[：:])")


def colon_lead_concept(raw: RawFigure) -> HeadingMatch:
    """The thing a sentence names before the colon that opens it, for its first amount, whose
    label gives only a side; None when the lead names no catalogue concept by its own words."""
    lead = COLON_LEAD.match(raw.context)
    if lead is None:
        return None
    match = match_label(lead.group(1))
    if match is None or match.method not in ("exact", "alias"):
        return None
    return match.concept, match
# A heading about the unit's money as a whole: 预算执行情况, 收支预算执行, 部门预算及执行情况.
BUDGET_HEADING = re.compile(r"预算|收支|决算")


def heading_concept(section: str, known: dict[str, HeadingMatch]) -> HeadingMatch:
    """The thing the nearest heading names, for a sentence that begins with a budget side alone.

    Under “三、“三公”经费情况”, “年初预算3万元，实际支出2.5万元” are the 三公经费's; under “二、预算
    执行情况”, “年初预算3,200万元，调整预算3,600万元” are the unit's whole budget. A heading that
    names neither (“四、存在的问题”) gives nothing.
    """
    if section not in known:
        heading = innermost_heading(section)
        match = match_label(heading) if heading else None
        if match is not None:
            known[section] = match.concept, dataclasses.replace(match, method="heading")
        elif heading and BUDGET_HEADING.search(heading):
            total = CONCEPTS_BY_NAME["total"]
            known[section] = total, Match(total, 0.0, "heading", heading)
        else:
            known[section] = None
    return known[section]


# Words that count the people a payment reached: 惠及移民27005人, 受益群众, 覆盖, 涉及.
BENEFICIARIES = re.compile(r"^(?:共|累计|全年)?(?:惠及|受益|覆盖|涉及|发放给|发放到)")


def beneficiaries(raw: RawFigure, previous: Concept) -> tuple[Concept, Match] | None:
    """The head count of a payment (``Concept.companion``) for the people its sentence then says it
    reached (BENEFICIARIES): “发放移民直补资金1620.3万元，惠及移民27005人” states the 27005 paid."""
    companion = CONCEPTS_BY_NAME.get(previous.companion or "")
    if (companion is None or companion.kind != "count" or raw.quantity.unit not in ("人", "名")
            or BENEFICIARIES.search(raw.label) is None):
        return None
    return companion, Match(companion, 0.0, "beneficiaries", raw.label)


def begins_its_sentence(raw: RawFigure) -> bool:
    """Whether the figure's label is all of its sentence before it (no clause before it), but
    for a leading 截至 date, which says when, not what: “截至2022年12月31日，已支出7,935.46万元”, and
    a colon lead that names no catalogue thing, only the part of the report: “（二）执行情况：”."""
    context = raw.context.strip()
    if (lead := COLON_LEAD.match(context)) is not None and match_label(lead.group(1)) is None:
        context = context[lead.end():].lstrip()  # “（二）执行情况：2022年全年支出…” (blind probe AZ A11)
    if context.startswith(("截至", "截止")):
        context = _AS_OF_LEAD.sub("", context, count=1)
    return context == raw.label.strip()


_AS_OF_LEAD = re.compile(r"^截[至止]到?\s*[^，,；;。]{0,16}?[日底末]\s*[，,]\s*")


def unit_total(raw: RawFigure) -> tuple[Concept, Match] | None:
    """The report's whole budget or spending, for a sentence that begins with a budget side alone
    (“我馆年初预算780万元，全年预算850万元，全年支出842.18万元”) under a heading that names nothing
    (“（二）管理效率方面”): in a report on the unit's whole spending, or on one project (the caller
    asks only in those), money whose sentence names no other thing is the report's own. Only money, and only a strong side word (预算,
    执行数, 实际支出 …), or the year's 支出 as the whole label (YEARS_SPENDING): 支出 elsewhere in a
    label is weak, since a 项目支出 or a 结余 may have it around."""
    if (not raw.quantity.unit.endswith("元") or NAMED_AFTER.match(raw.trailing)
            or (role_of(raw.label) is None and not YEARS_SPENDING.fullmatch(raw.label.strip()))):
        return None
    total = CONCEPTS_BY_NAME["total"]
    return total, Match(total, 0.0, "report", raw.label)


# The year's spending said with 支出 alone: “2023年全年支出35902.3万元”, “全年累计支出…”.
YEARS_SPENDING = re.compile(r"(?:(?:19|20)\d{2}年度?)?(?:全年|本年度?|当年|年度)?(?:共|累计|实际|共计)?支出(?:资金)?")
# The money named after its amount: “年初预算安排12万元的培训经费未使用”, “12万元用于…项目”.
NAMED_AFTER = re.compile(r"\s*(?:的|用于|专项|项目)|\s*[\u4e00-\u9fff]{0,6}(?:资金|经费|项目|费)")


# “经自评，得分85分”: 得分 alone (an indicator's too, in a table) is the self-score in a sentence
# about the evaluation.
SCORE_ONLY = re.compile(r"(?:本项目|本单位|本部门|项目|最终)?(?:总)?得分(?:为|是)?|评分(?:为|是)?")
# “…逐项打分，本项目得分93分”, “项目得分86.5分，属于“优”等级”
EVALUATION_CONTEXT = re.compile(r"自评|综合评价|绩效评价|打分|等级|等次")


# 得分 with whose score it is: the words after the number may then say it is the evaluation's.
HAS_SUBJECT = re.compile(r"本项目|本单位|本部门|项目|最终")


def _rest_of_sentence(raw: RawFigure) -> str:
    """The words after a text figure up to its sentence's end (“…86.5分，属于“优”等级。”)."""
    quote, end = raw.location.quote, raw.location.char_end or 0
    stop = min((at for at in (quote.find(ch, end) for ch in "。；;") if at != -1), default=len(quote))
    return quote[end:stop]


def evaluation_score(raw: RawFigure) -> tuple[Concept, Match] | None:
    """The self-score concept for a text figure labelled 得分 alone in a sentence about the evaluation."""
    if raw.quantity.unit not in ("分", "") or SCORE_ONLY.fullmatch(raw.label.strip()) is None:
        return None
    if EVALUATION_CONTEXT.search(raw.context) is None and (
            not HAS_SUBJECT.match(raw.label.strip()) or EVALUATION_CONTEXT.search(_rest_of_sentence(raw)) is None):
        return None  # “项目得分86.5分，属于“优”等级”; not “…满分40分，得分38分，…等级…” (an indicator's)
    score = CONCEPTS_BY_NAME["self_score"]
    return score, Match(score, 0.0, "context", "得分")


# The indicator rows of a programme's 自评表 that state its 直补 figures (extract.subsidy_rows), by
# how the row's name ends: 高龄津贴发放人数 / 补助对象人数, 补助标准, 发放金额 / 补贴发放金额（万元）.
_UNIT_IN_BRACKETS = r"(?:[（(][^()（）]*[)）])?$"
SUBSIDY_ROWS: tuple[tuple[re.Pattern[str], str], ...] = (
    (re.compile(r"(?:人数|对象数)" + _UNIT_IN_BRACKETS), "direct_subsidy_people"),
    (re.compile(r"标准" + _UNIT_IN_BRACKETS), "direct_subsidy_standard"),
    (re.compile(r"(?:金额|资金|总额)" + _UNIT_IN_BRACKETS), "direct_subsidy"),
)


# A per-unit amount is no total paid (亩均补贴到户金额 104元), and a standard per month, per
# household, per mu or per performance (80元/人·月, 户均补助标准1.2万元, 104元/亩, 单场演出补助标准
# 8000元 in blind probe AC ac05) is not the catalogue's 元 per person per year: neither is read,
# rather than converted.
PER_UNIT_LABEL = re.compile(r"均|每")
OTHER_STANDARD_BASIS = re.compile(r"[月天日周季户亩次场座台件批]")


def subsidy_row_concept(raw: RawFigure) -> tuple[Concept, Match] | None:
    """The 直补 concept an indicator row of a programme's 自评表 states (people, standard, money
    paid), or None. Asked only in a report on one programme or fund: there the people it paid and
    the money it paid them are its 直补 figures, whatever the programme calls them (高龄津贴,
    生活补贴, 学生资助)."""
    label = raw.label.strip()
    for pattern, name in SUBSIDY_ROWS:
        if pattern.search(label):
            break
    else:
        return None
    if name == "direct_subsidy" and PER_UNIT_LABEL.search(label):
        return None
    if name == "direct_subsidy_standard":
        # the basis is written after the number (80元/人·月) or before it (每生每天5元, blind probe Q)
        cell = raw.location.quote or ""
        around = cell.replace(raw.quantity.raw, "", 1)
        if OTHER_STANDARD_BASIS.search(around) or OTHER_STANDARD_BASIS.search(label):
            return None
    concept = CONCEPTS_BY_NAME[name]
    return concept, Match(concept, 0.0, "indicator", label)


# A programme that pays people, its title naming a 补贴, 津贴, 补助, 优待金 …: in its own report the
# money it says it paid out (发放), its standard per person per year and the people paid are its
# 直补 figures, however the programme names them (blind probe N: “按每人每年960元的标准发放，…
# 共向3,126名奖励扶助对象发放奖励扶助金296.83万元”; probe P: a 国家助学金 “向1,260名中职学生发放”;
# probe AE: the resettlement subsidy, 大中型水库移民后期扶持, paid as 直补).
SUBSIDY_PROGRAMME = re.compile(r"补贴|津贴|补助|扶助|优待|救助|资助|奖励|奖补|助学金|奖学金|抚恤|后期扶持|直补"
                               r"|供养")  # 特困分散供养资金 (blind probe AY)
PAID_OUT = re.compile(r"发放")
# 每人每年, and with the verb of paying after it: “对纳入扶持范围的移民每人每年补助500元” (blind probe AE ae03).
PER_PERSON_YEAR = re.compile(r"每\s*[人名生]\s*每\s*年\s*(?:补助|补贴|发放|扶持|奖励)?\s*$")
PEOPLE_PAID = re.compile(r"发放|享受|对象|资助|救助|扶助")  # 共资助家庭经济困难学生3,452人 (blind probe AY)
# Money people pay in themselves beside what the programme pays them (城乡居民医保: “人均财政补助标准为
# 每人每年670元，个人缴费标准为每人每年400元”, blind probe AG ag04): no 直补 figure.
PAID_BY_PEOPLE = re.compile(r"缴费|缴纳|缴存|自筹|自付|个人负担|个人承担")
PEOPLE_UNITS = ("人", "名")
# A level changed during the year, named before the change: 由 … 提高到 / 调整为 ….
FORMER_LEVEL = re.compile(r"由[^，,。；;]*$")
RAISED_TO = re.compile(r"\s*(?:提高|提升|上调|调增|增加|调整|下调|降低)(?:到|至|为)")
# The people who joined or left a programme during the year: a change, not the people paid.
PEOPLE_CHANGE = re.compile(r"新增|退出|停发|停止发放|减少|注销|清退|取消|死亡|迁出|增加")
# A part of the programme's payments that one place made: 其中, a township, village or district's
# name, and 发放 (其中网岭镇发放; not 其中农村低保对象发放 or 其中城乡居民…).
PLACES_SHARE = re.compile(r"其中[^，,；;。]{0,10}?(?:镇|乡|街道|村|社区|区|县)(?:共|累计|已|实际)?发放")


def subsidy_text_concept(raw: RawFigure) -> tuple[Concept, Match] | None:
    """The 直补 concept a sentence of a paying programme's report states (see SUBSIDY_PROGRAMME),
    or None: a standard 每人每年…元, money paid out (发放), or the people it was paid to."""
    unit, label = raw.quantity.unit, raw.label
    if PLACES_SHARE.search(label):
        return None  # “其中网岭镇发放907.41万元”: one township's share (blind probe P p14)
    if "其中" in raw.context:
        return None  # “共资助…3,452人，其中：…学前教育幼儿资助420人” (blind probe AY): a part of the whole
    if PAID_BY_PEOPLE.search(label):
        return None  # “个人缴费标准为每人每年400元”: what people pay in, not what they are paid
    if FORMER_LEVEL.search(label) and RAISED_TO.match(raw.trailing):
        return None  # “标准由每人每年5,100元提高到每人每年5,400元”: the level before the change
    if PEOPLE_CHANGE.search(label):
        return None  # “全年新增对象276人，退出对象91人” (blind probe AY): who came and went, not who was paid
    if unit.endswith("元") and PER_PERSON_YEAR.search(label):
        name = "direct_subsidy_standard"
    elif unit.endswith("元") and "/" not in unit and PAID_OUT.search(label):
        name = "direct_subsidy"
    elif unit in PEOPLE_UNITS and (PEOPLE_PAID.search(label) or PEOPLE_PAID.search(raw.trailing)):
        name = "direct_subsidy_people"
    else:
        return None
    concept = CONCEPTS_BY_NAME[name]
    return concept, Match(concept, 0.0, "programme", label)
