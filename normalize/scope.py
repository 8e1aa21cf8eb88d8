"""Whole-budget figures stated for less than the whole: a part of the unit, of the year, or on
another basis.

A unit's report states its own 预算执行率 and beside it, often, the rates of narrower scopes:
“项目支出执行率103.2%”, “截至2023年6月底，全镇上半年支出进度为46.8%”, “按照年初预算计算，执行
率为112.42%”. Each is true of its scope, and each, taken for the unit's rate, gives false flags:
an overspend error (JX401), a rate its amounts contradict (JX201), a second value (JX601). The
words of the sentence say the scope; this module reads them.

Limits: only these three kinds of scope; a part named after the rate (“执行率为103.2%（项目
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


def narrower_than_the_whole(raw: RawFigure, concept: str, report_kind: str | None,
                            fiscal_year: int | None) -> bool:
    """Whether a text figure of the unit's whole budget, spending or rate (``concept`` "total"
    or "execution_rate") is stated for a narrower scope, so is not the whole."""
    if raw.extractor != "text":
        return False
    if _of_part_of_the_year(raw.context, fiscal_year):
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
