"""The two totals of a 收支总表: spending is the year's 合计, income the 总计 with what was carried in.

A 收入支出决算总表 (the standard summary of a unit's final accounts) pairs income and spending
row by row and closes with two totals:

    本年收入合计 2,108.35 | 本年支出合计 2,114.38
    年初结转和结余  38.50 | 年末结转和结余  32.47
    收入总计     2,146.85 | 支出总计     2,146.85

支出总计 is the year's spending plus what is carried out, so the two sides come out equal by
construction: it is not what was spent (2,114.38), though it names 支出 as plainly as 支出合计 does.
Read as spending, it gave a false 执行率 of 100 % and false “two values” flags beside the report's
own 执行数. The catalogue's income is 收入合计（含上年结转）, as seed 002 lists it (收入合计 with
上年结转 among its parts): here that is 收入总计, and 本年收入合计, the year's income without the
carry-over, is another quantity.

So in a table that states a 结转/结余 amount and both totals of one side with different values, the
spending side keeps its 合计 and the income side its 总计; the other total is dropped. Where a report
writes 支出总计 for its spending alone (no balances beside it, or no 合计), it stays.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from normalize.figures import Figure

# For each side of a 收支总表, the total word of the figure that is the catalogue's value, and of the
# one that is not.
KEPT_AND_DROPPED_TOTAL: dict[str, tuple[str, str]] = {
    "spent_total_wan": ("合计", "总计"),
    "income_total_wan": ("总计", "合计"),
}
# The balances that make the difference between the two.
BALANCE_METRICS = frozenset({"carryover_wan", "balance_wan"})


def without_grand_totals(figures: list[Figure]) -> list[Figure]:
    """``figures`` without the totals described above (only table figures are weighed)."""
    by_table: dict[tuple, list[Figure]] = {}
    for figure in figures:
        if figure.extractor == "table":
            location = figure.location
            by_table.setdefault((location.file, location.page, location.table), []).append(figure)
    dropped: set[int] = set()
    for table in by_table.values():
        if not any(figure.metric in BALANCE_METRICS for figure in table):
            continue
        for figure in table:
            if figure.metric in KEPT_AND_DROPPED_TOTAL and _is_the_other_total(figure, table):
                dropped.add(id(figure))
    if not dropped:
        return figures
    return [figure for figure in figures if id(figure) not in dropped]


def _is_the_other_total(figure: Figure, table: list[Figure]) -> bool:
    """Whether ``figure`` is the total its side does not keep, beside the one it keeps, of another value."""
    kept_word, dropped_word = KEPT_AND_DROPPED_TOTAL[figure.metric]
    if not _says_only(figure.label, dropped_word, kept_word):
        return False
    kept = [other for other in table if other.metric == figure.metric and other.role == figure.role
            and _says_only(other.label, kept_word, dropped_word)]
    return bool(kept) and all(other.value != figure.value for other in kept)


def _says_only(label: str, word: str, other_word: str) -> bool:
    return word in label and other_word not in label
