"""Whole-budget figures stated for less than the whole.

A unit's report states its own budget, spending and 预算执行率 and, beside them, often those of
narrower scopes. Each is true of its scope, and each, taken for the unit's, gives false flags: an
overspend error (JX401), a rate its amounts contradict (JX201), a second value (JX601). The words
around a figure say its scope; this module reads these kinds:

* others' figures, or an average over them: “全区市场监管系统…全年支出合计”, “平均预算执行率”;
* a rate of one named part: a sub-fund's (扬尘治理子资金执行率); in a unit's report, money paid
  for one thing (农贸市场提升改造补助执行率) or a sentence about one project (“一是医疗设备购置项目…，
  执行率79.81%”); in a report on one project or fund, a part its title does not name (入户工程资金
  执行率 in a report on 农村供水保障工程);
* a part of the unit's spending, in a rate's own label: “项目支出执行率103.2%”;
* a part of the year: “截至2023年6月底，全镇上半年支出进度为46.8%”, or a mid-year check (中期监控);
* another basis, for a rate: “按照年初预算3,560万元计算，执行率为112.42%”;
* one of the items the report goes through: “（一）高标准农田建设项目。全年预算1,200.00万元…”, or
  a sentence opened by one as a part of the whole: “其中，林业有害生物防治项目预算86.00万元…”.

Limits: a scope named after the figure (“执行率为103.2%（项目支出）”) is not seen, and an item is
recognised only by a list marker and a name ending in 项目, 工程, 补贴, 补助, 计划 or 行动.
"""

from __future__ import annotations

import re

from extract.figures import RawFigure, innermost_heading
from normalize.match import match_label

# The concepts of the unit's whole budget, spending and rate.
WHOLE_BUDGET_CONCEPTS = frozenset({"total", "execution_rate"})
# A rate of a part of a unit's spending, in its own label: 项目支出执行率, 基本支出执行率.
PART_OF_UNIT = re.compile(r"项目|基本支出|人员经费|公用经费|人员支出|公用支出")
# Part of the year: 上半年, 前三季度, 一季度, 1-6月.
PART_OF_YEAR = re.compile(
    r"上半年|下半年|前三季度|[一二三1-3]季度|1\s*[-—~至到]\s*(?:[1-9]|1[01])\s*月|中期(?:监控|评估|检查)")
# Others' figures, or an average over them, in the figure's own label (blind probe Y): “全区市场监管系统
# （含区食品检验检测中心）全年支出合计4,106.83万元，本报告仅反映局本级”, “全省高职院校2023年平均预算执行
# 率为91.6%”, 同类单位.
OTHER_UNITS = re.compile(r"平均|全(?:国|省|市|区|县)[^，,。；;]{0,12}?系统|同类(?:单位|院校|学校|资金)")
# A rate of one named part of a fund in its own label: 扬尘治理子资金执行率, 某分项执行率 (blind probe Y y07).
NAMED_PART_RATE = re.compile(r"(?:子资金|子项目|分项)[^，,。；;]{0,4}(?:执行率|支出进度|执行进度)")
# In a unit's report, a rate of money paid for one thing: 农贸市场提升改造补助执行率, 入户工程资金执行率
# (blind probe Y y01, y05). Not 财政补助, the unit's appropriation.
PAID_PART_RATE = re.compile(r"(?:(?<!财政)补助|补贴|工程)[^，,。；;]{0,4}(?:执行率|支出进度|执行进度)")
# In a report on one project or fund, the same with the part's name, to be looked for in the title.
NAMED_PAID_PART_RATE = re.compile(
    r"(?P<name>[\u4e00-\u9fff]{2,4})(?<!财政)(?:工程|补助|补贴)(?:资金)?[^，,。；;]{0,4}(?:执行率|支出进度|执行进度)")
# In a unit's report, a sentence whose subject is one project: “一是医疗设备购置项目因招标流标一次，执行率
# 79.81%” (blind probe Y y03). Not 项目支出 (the unit's own part), nor 各项目 or 本项目.
ITEM_SUBJECT = re.compile(
    r"\s*(?:[一二三四五六七八九十]是\s*|其中\s*[，,：:]?\s*)?(?!各|所有|全部|本|该)[^，,。；;：:]{2,22}?项目(?!支出|经费|资金)")
# A date the figure is measured at: 截至2023年6月底.
AS_OF_MONTH = re.compile(r"截[至止]\s*((?:19|20)\d{2})\s*年\s*(\d{1,2})\s*月")
# The basis a rate says it is computed on: 按照年初预算3,560万元计算, 以年初预算为基数.
BASIS = re.compile(r"(?:按照?|以)\s*([^，；;。]{1,24}?)\s*(?:计算|测算|为基数|为口径)")
INITIAL_BUDGET = re.compile(r"年初")


# One of the items a report enumerates (“（一）高标准农田建设项目。全年预算1,200.00万元，…”, or a
# heading “（二）校园安全提升项目” over such a paragraph): a list marker, then a short name ending
# in a word for a project or a subsidy. Generic parts of a report (（一）预算安排, 1、资金使用情况)
# end otherwise.
ITEM_MARKER = re.compile(r"\s*(?:[（(]\s*(?:[一二三四五六七八九十]{1,3}|\d{1,2})\s*[)）]|[一二三四五六七八九十]{1,3}\s*、"
                         r"|\d{1,2}\s*[、.．](?!\d))\s*")
ITEM_NAME = re.compile(r"[^，,。；;：:]{2,22}?(?:项目|工程|补贴|补助|补贴资金|补助资金|计划|行动)(?=\s*(?:[。：:]|$))")


def narrower_than_the_whole(raw: RawFigure, concept: str, report_kind: str | None,
                            fiscal_year: int | None, title: str = "", sentence_text: str = "") -> bool:
    """Whether a text figure of the unit's whole budget, spending or rate (``concept`` "total"
    or "execution_rate") is stated for a narrower scope, so is not the whole. ``sentence_text``:
    as much of the figure's sentence as is known (see in_a_part_clause)."""
    if raw.extractor != "text":
        return False
    if (_of_part_of_the_year(raw.context, fiscal_year) or _of_one_item(raw)
            or LISTED_ITEM_OPENER.match(raw.context) or OTHER_UNITS.search(raw.label)
            or in_a_part_clause(raw, title, sentence_text)):
        return True
    if report_kind == "dept_overall" and ITEM_SUBJECT.match(raw.context):
        return True
    if concept != "execution_rate":
        return False
    if NAMED_PART_RATE.search(raw.label):
        return True
    if report_kind == "dept_overall" and (PART_OF_UNIT.search(raw.label) or PAID_PART_RATE.search(raw.label)):
        return True
    if report_kind != "dept_overall" and title and (part := NAMED_PAID_PART_RATE.search(raw.label)) is not None:
        # “二是入户工程资金执行率88.00%” in a report on 农村供水保障工程 (blind probe Y y05): a part the
        # title does not name; “农村公路养护补助资金执行率” in a report on that fund is its own
        return part.group("name") not in title
    basis = None
    for basis in BASIS.finditer(raw.context):
        pass  # the last basis named before the rate is its own
    return basis is not None and INITIAL_BUDGET.search(basis.group(1)) is not None


# Where a clause about one part begins: after 其中, or after a semicolon that separates the parts
# of a list (“其中A项目预算…，执行…；B项目预算…”).
PART_CLAUSE_START = re.compile(r"其中\s*[，,：:]?\s*|[；;]\s*")
# What ends a part's name: the first word of budget or spending (全年预算, 执行, 支出 …), or the
# amount itself (县级资金600.00万元).
AFTER_PART_NAME = re.compile(r"(?:全年|年初|调整后?|当年|年度)?(?:预算|执行|支出|安排|下达|到位|拨付|使用|完成)|[0-9０-９]")
# A name that is no part: the unit or the whole itself (本单位, 该项目, 全部资金, 部门), a date
# (截至2023年12月31日), or a name spanning clauses.
NOT_A_PART_NAME = re.compile(r"^(?:本|该|各|全|所有|我|部门|单位|项目|资金|经费|合计|总|截[至止])|[，,。；;：:]")
# Words of time and manner that name no part on their own: “；实际支出95万元”, “；当年实际支出…”.
NAME_FILLER = re.compile(r"实际|当年|全年|年度|累计|本年|上年|全部|完成|已经|已|共计|共")
MIN_PART_NAME = 4
# A named project, works or subsidy among the parts: 校舍维修改造项目, 学前教育保育教育费补助. Not
# 财政补助, the unit's own appropriation.
ITEM_NAME_END = re.compile(r"(?:项目|工程|(?<!财政)补助|补贴|计划|行动)$")
# Where the money came from, all sources together: the fund's whole, not a share of it.
ALL_SOURCES_NAME = re.compile(r"(?:(?:上级|本级|中央|省级|市级|县级|省|市|县)(?:财政)?[及和与、]?){2,}")
# One source of the money: 中央资金, 省级资金, 县级配套资金, 自筹.
ONE_SOURCE_NAME = re.compile(
    r"(?:中央|省级|省|市级|市|县级|县|区级|乡镇|本级)(?:财政)?(?:专项|配套)?(?:资金|补助|投入|配套)"
    r"|配套|自筹|其他资金|社会资金")


def in_a_part_clause(raw: RawFigure, title: str = "", sentence_text: str = "") -> bool:
    """Whether the figure's clause opens with the name of one part of the whole: its money,
    spending and rate are the part's (blind probes AK, AL).

    * one source of the money, anywhere: “县级资金600.00万元，执行582.35万元，执行率97.06%”;
    * any named part right after 其中: “其中财政拨款预算1,520.00万元，执行1,498.30万元，执行率98.57%”;
    * a named project, works or subsidy in a list of them (其中 before it, or a semicolon between
      two such clauses), or after a semicolon in a 其中 list a name of four characters or more
      besides words of time and manner (“；截至2023年12月31日，实际支出1.1936亿元” and “；实际支出…”
      are the whole again): “全年共实施项目5个，其中茶产业基地提升项目预算1,280.00万元…；农村道路
      硬化项目预算1,150.00万元…”, “其中，学前教育保育教育费补助全年预算468.30万元…”.

    Not the whole restated after its parts (合计, 总体 in the figure's label), nor a part the
    report's title names (a report on that project restating its own money). The clause is read
    from the last 其中 or semicolon before the figure; ``sentence_text`` (the sentence up to its
    last figure's label, for the clauses after this one) tells a list of items. A part named
    after its amount (“600.00万元（中央资金）”) is not seen.
    """
    if raw.extractor != "text" or WHOLE_SCOPE.search(raw.label):
        return False
    context = raw.context
    openers = list(PART_CLAUSE_START.finditer(context))
    clause_start = openers[-1].end() if openers else 0
    closed = closing_bracket_after(context, clause_start)
    if closed is not None:
        # “全年预算数1,234.56万元（其中中央资金864.00万元、…），实际支出1,198.26万元”: the parts were
        # an aside in brackets, and the sentence is back at the whole (blind probes T t02, J r26)
        clause_start, openers = closed, []
    clause = context[clause_start:]
    name_end = AFTER_PART_NAME.search(clause)
    if name_end is None:
        return False
    name = clause[:name_end.start()].strip()
    if not 2 <= len(name) <= 22 or NOT_A_PART_NAME.search(name) or (title and name in title):
        return False
    if _names_a_catalogue_part(clause[:name_end.end()]):
        # “其中：基本支出预算1,508.65万元，项目支出预算…”, “其中基本支出和项目支出分别为…”: the parts
        # the catalogue knows
        return False
    if ONE_SOURCE_NAME.search(name) and not ALL_SOURCES_NAME.search(name):
        return True
    if openers and openers[-1].group().startswith("其中"):
        return True
    if any(opener.group().startswith("其中") for opener in openers):
        # a 其中 list going on after a semicolon: a named item, or a name of some length once the
        # words of time and manner are taken off (not 实际, 当年实际: the whole again)
        return ITEM_NAME_END.search(name) is not None or len(NAME_FILLER.sub("", name)) >= MIN_PART_NAME
    return ITEM_NAME_END.search(name) is not None and _lists_items(sentence_text or context)


# How much of a clause's first label a catalogue alias must cover for the clause to be about that
# concept (基本支出预算: 66.7) rather than a named thing that holds its word (义务教育公用经费保障全年
# 预算: 28.6, a project).
CATALOGUE_PART_SCORE = 50.0


def _names_a_catalogue_part(clause: str) -> bool:
    """Whether the clause's first label names one of the catalogue's own parts of the whole
    (基本支出, 项目支出, 人员经费 …), not a generic word for the whole (全年预算, 执行率)."""
    label = re.split(r"[0-9０-９]", clause, maxsplit=1)[0]
    found = match_label(label)
    return found is not None and found.concept.name not in WHOLE_BUDGET_CONCEPTS and found.score >= CATALOGUE_PART_SCORE


_BRACKET = re.compile(r"[（()）]")


def closing_bracket_after(context: str, start: int) -> int | None:
    """Where the text from ``start`` last closes a bracket opened before it (the position after
    that bracket), or None when it closes none: “（其中中央资金…），实际支出” after its 其中.

    Only the brackets are visited, found by a regex: a context may run to hundreds of characters
    and most hold none after ``start``."""
    depth, last = 0, None
    for bracket in _BRACKET.finditer(context, start):
        if bracket.group() in "（(":
            depth += 1
        elif depth == 0:
            last = bracket.end()
        else:
            depth -= 1
    return last


# What may open an item's clause before its name: 一是, 1、, （1）.
ITEM_LIST_MARKER = re.compile(r"^\s*(?:[一二三四五六七八九十]是|\d+[、.．]|[（(][一二三四五六七八九十\d]+[)）])\s*")


def _lists_items(sentence_text: str) -> bool:
    """Whether the text holds two or more clauses, split by semicolons, each opening with a named
    project, works or subsidy followed by its money."""
    named = 0
    for clause in re.split(r"[；;]", sentence_text):
        end = AFTER_PART_NAME.search(clause)
        name = ITEM_LIST_MARKER.sub("", clause[:end.start()]) if end else ""
        if end is not None and 2 <= len(name) <= 22 and ITEM_NAME_END.search(name) and not NOT_A_PART_NAME.search(name):
            named += 1
    return named >= 2


def of_a_named_part(raw: RawFigure, report_kind: str | None, title: str = "", sentence_text: str = "") -> bool:
    """Whether a text figure of one of the unit's parts of spending (基本支出, 项目支出, 人员经费,
    公用经费) is a named project's or source's money instead: in a part's clause (in_a_part_clause),
    or, in a unit's report, in a sentence whose subject is one project (“农产品质量安全监管项目全年
    预算148.00万元，执行131.00万元” under 二、项目支出情况, blind probe AK a01)."""
    if in_a_part_clause(raw, title, sentence_text):
        return True
    return (report_kind == "dept_overall" and raw.extractor == "text" and ITEM_SUBJECT.match(raw.context) is not None
            and not _names_a_catalogue_part(raw.context))


# A sentence that opens with one item of the whole just stated: “其中，林业有害生物防治项目预算86.00万元，
# 支出84.20万元，执行率97.91%” (blind probe T t12). Not the unit's 项目支出 (“其中项目支出…”).
LISTED_ITEM_OPENER = re.compile(r"\s*其中\s*[，,：:]?\s*[^，,。；;：:]{2,22}?(?:项目|工程)(?!支出|经费|资金)")


def _of_part_of_the_year(context: str, fiscal_year: int | None) -> bool:
    """Whether the sentence so far measures part of the year: 上半年, or 截至 a month before the
    evaluated year's last (截至2023年6月底 in a 2023 report; not 截至2024年3月, after it).

    A clause that opens with the whole year after such words turns back to it: “三季度累计支出进度为
    68.9%，全年预算执行率91.2%” (blind probe AB a01). Not 全年 inside the clause (“上半年完成全年预算的
    46.8%” is half a year's)."""
    if WHOLE_YEAR_CLAUSE.search(context):
        return False
    if PART_OF_YEAR.search(context):
        return True
    if fiscal_year is None:
        return False
    return any(int(year) == fiscal_year and int(month) < 12 for year, month in AS_OF_MONTH.findall(context))


# The figure's own clause, the last of the sentence so far, opening with the whole year: “…，全年预算
# 执行率”. Not an earlier clause's (“9月中期监控，全年支出1,104.26万元，支出进度54.23%”).
WHOLE_YEAR_CLAUSE = re.compile(r"[，,；;]\s*(?:全年度?|年度)[^，,；;]*$")


# Words that make a figure the whole again, under an item's heading: “专项资金合计预算2,210.00万元，
# …总体执行率96.41%” after the last item's paragraph.
WHOLE_SCOPE = re.compile(r"合计|总计|共计|总体|整体|全部|汇总")


def _of_one_item(raw: RawFigure) -> bool:
    """Whether the figure is in a paragraph, or under a heading, that one enumerated item names."""
    if WHOLE_SCOPE.search(raw.context):
        return False
    name_end = _item_name_end(raw.location.quote or "")
    start = raw.location.char_start
    if name_end is not None and start is not None and start > name_end:
        return True
    return _item_name_end(innermost_heading(raw.section)) is not None


def _item_name_end(text: str) -> int | None:
    """Where the item's name ends when ``text`` begins with a list marker and an item's name that
    ends its clause (“（一）高标准农田建设项目。…”), else None."""
    marker = ITEM_MARKER.match(text)
    if marker is None or marker.end() == 0:
        return None
    name = ITEM_NAME.match(text, marker.end())
    return name.end() if name is not None else None
