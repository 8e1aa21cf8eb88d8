"""Budget tables that give the year's adjustment a column of its own.

Units lay out their 预算执行情况表 as 年初预算数 | 调整预算数 | 全年预算数 | 全年执行数 | 执行率, or as
预算数 | 调整数 | 调整后预算数 | 实际支出 | 预算执行率, where each row's first budget plus its change
is its adjusted budget (blind probe O: 27,484,200.00 = 23,806,500.00 + 3,677,700.00). There:

* the change column (调整数, 追加数, and 调整预算数 beside a 全年预算 or 调整后 column) states no
  budget at all: ``change`` columns' amounts are not figures of the report;
* a plain 预算数 left of the change is the budget before it, the year-start budget: ``initial``.

调整预算数 alone names the adjusted budget (“全年调整预算数5937.16万元”, or a table whose only
other budget column is 年初预算数), so it is a change only where the adjusted budget has a column
of its own. This module only reads the header row; what a column's amounts then mean is decided
where figures are matched (normalize.roles).
"""

from __future__ import annotations

import re
from typing import Literal, Sequence

from extract.model import Cell

ColumnKind = Literal["change", "initial"]

# Headers that name a change of the budget, whatever else the row has: 调整数, 预算调整数, 追加数,
# 调增（减）数, 调整金额.
CHANGE_HEADER = re.compile(r"(?:预算)?(?:调整|追加|调增|调减|调增减|追加调整|增减)(?:预算)?(?:数|额|金额)?")
# 调整预算数: the change only beside a column for the adjusted budget.
MAYBE_CHANGE_HEADER = re.compile(r"调整预算(?:数|额)?")
ADJUSTED_BUDGET_HEADER = re.compile(r"全年预算|调整后|年度预算")
# A budget column that says neither 年初 nor 全年: before a change, it is the year-start budget.
PLAIN_BUDGET_HEADER = re.compile(r"(?:预算|批复)(?:数|额|金额)?")

# What a header says without its unit or note: “调整数（元）”, “全年预算数\n(万元)”.
_NOTE = re.compile(r"[（(][^（）()]*[)）]|\s")


def header_words(text: str) -> str:
    """A header cell's words without bracketed notes and spaces."""
    return _NOTE.sub("", text)


def budget_column_kinds(row: Sequence[Cell | None]) -> dict[int, ColumnKind]:
    """The change and year-start columns of a header row, by 1-based column; {} for most rows."""
    words = {cell.col: header_words(cell.text) for cell in row if cell is not None and cell.text.strip()}
    has_adjusted = any(ADJUSTED_BUDGET_HEADER.search(text) for text in words.values())
    changes = [col for col, text in words.items()
               if (MAYBE_CHANGE_HEADER.fullmatch(text) and has_adjusted)
               or (CHANGE_HEADER.fullmatch(text) and not MAYBE_CHANGE_HEADER.fullmatch(text))]
    if not changes:
        return {}
    kinds: dict[int, ColumnKind] = {col: "change" for col in changes}
    if has_adjusted:
        for col, text in words.items():
            if col < min(changes) and PLAIN_BUDGET_HEADER.fullmatch(text):
                kinds[col] = "initial"
    return kinds
