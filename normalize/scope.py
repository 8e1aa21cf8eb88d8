"""Whole-budget figures stated for less than the whole: a part of the unit, of the year, or on
another basis.

A unit's report states its own 预算执行率 and beside it, often, the rates of narrower scopes:
“项目支出执行率103.2%”, “截至2023年6月底，全镇上半年支出进度为46.8%”, “按照年初预算计算，执行
率为112.42%”. Each is true of its scope, and each, taken for the unit's rate, gives false flags:
an overspend error (JX401), a rate its amounts contradict (JX201), a second value (JX601). The
words of the sentence say the scope; this module reads them.

Limits: only these four kinds of scope (the fourth: one of several items the report enumerates); a part named after the rate (“执行率为103.2%（项目
支出）”) is not seen.
"""

from __future__ import annotations

import re

from extract.figures import RawFigure

# A rate of a part of a unit's spending, in its own label: 项目支出执行率, 基本支出执行率.
PART_OF_UNIT = re.compile(r"项目|基本支出|人员经费|公用经费|人员支出|公用支出")
# Part of the year: 上半年, 前三季度, 一季度, 1-6月.
PART_OF_YEAR = re.compile(r"上半年|下半年|前三季度|[一二三1-3]季度|1\s*[-—~至到]\s*(?:[1-9]|1[01])\s*月")
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
                            fiscal_year: int | None) -> bool:
    """Whether a text figure of the unit's whole budget, spending or rate (``concept`` "total"
    or "execution_rate") is stated for a narrower scope, so is not the whole."""
    if raw.extractor != "text":
        return False
    if _of_part_of_the_year(raw.context, fiscal_year) or _of_one_item(raw):
        return True
    if concept != "execution_rate":
        return False
    if report_kind == "dept_overall" and PART_OF_UNIT.search(raw.label):
        return True
    basis = None
    for basis in BASIS.finditer(raw.context):
        pass  # the last basis named before the rate is its own
    return basis is not None and INITIAL_BUDGET.search(basis.group(1)) is not None


def _of_part_of_the_year(context: str, fiscal_year: int | None) -> bool:
    """Whether the sentence so far measures part of the year: 上半年, or 截至 a month before the
    evaluated year's last (截至2023年6月底 in a 2023 report; not 截至2024年3月, after it)."""
    if PART_OF_YEAR.search(context):
        return True
    if fiscal_year is None:
        return False
    return any(int(year) == fiscal_year and int(month) < 12 for year, month in AS_OF_MONTH.findall(context))


# Words that make a figure the whole again, under an item's heading: “专项资金合计预算2,210.00万元，
# …总体执行率96.41%” after the last item's paragraph.
WHOLE_SCOPE = re.compile(r"合计|总计|共计|总体|整体|全部|汇总")


def _of_one_item(raw: RawFigure) -> bool:
    """Whether the figure is in a paragraph, or under a heading, that one enumerated item names."""
    if WHOLE_SCOPE.search(raw.context):
        return False
    paragraph = raw.location.quote or ""
    start = raw.location.char_start
    if _names_an_item(paragraph) and start is not None and start > _name_end(paragraph):
        return True
    return _names_an_item(raw.section.rpartition(" > ")[2])


def _names_an_item(text: str) -> bool:
    """Whether ``text`` begins with a list marker and an item's name that ends its clause."""
    marker = ITEM_MARKER.match(text)
    if marker is None or marker.end() == 0:
        return False
    return ITEM_NAME.match(text, marker.end()) is not None


def _name_end(paragraph: str) -> int:
    marker = ITEM_MARKER.match(paragraph)
    name = ITEM_NAME.match(paragraph, marker.end()) if marker else None
    return name.end() if name else len(paragraph)

