"""Indicator rows that state what a subsidy programme paid: its people, its standard, its money.

The figures of a 绩效指标 table are targets and results, not the report's catalogue figures, so
``table_to_raw_figures`` leaves those rows out. A programme that pays people directly (高龄津贴,
残疾人生活补贴, 学生生活补助 …) often states its 直补 figures only there, in its 自评表::

    产出指标 | 数量指标 | 高龄津贴发放人数 | ≥3200人        | 3265人        | 15 | 15
    产出指标 | 成本指标 | 补助标准         | 1200元/人·年   | 1200元/人·年  | 10 | 10
    产出指标 | 成本指标 | 发放金额         | ≤392.40万元    | 391.80万元    |  5 |  5

Such a row gives one value (``subsidy_row_value``), which ``extract.figures`` makes a RawFigure
marked ``indicator``: its result (实际完成值), or for a standard, which is a rule rather than a
result, its target when no result is written. Whether it is the
report's 直补 figure is for normalize to say (only in a report on one programme or fund:
``normalize.context_concepts.subsidy_row_concept``); a unit's report lists many programmes'
indicators, and none of them is the unit's.
"""

from __future__ import annotations

import re

from extract.indicators import IndicatorRow
from extract.model import Location
from extract.numbers import Quantity

# Words of paying people: a row naming none of them is no subsidy's figure.
PAYMENT_WORDS = re.compile(r"补助|补贴|津贴|资助|救助|受助|直补|发放|扶持")
STANDARD_WORD = "标准"
RESULT_HEADER, TARGET_HEADER = "实际完成值", "年度指标值"


def subsidy_row_value(row: IndicatorRow) -> tuple[Quantity, Location, str] | None:
    """(quantity, its cell, the header it stands under) of an indicator row naming a payment to
    people, or None for any other row."""
    if PAYMENT_WORDS.search(row.name) is None:
        return None
    quantity, location, header = row.actual, row.actual_location, RESULT_HEADER
    if (quantity is None or location is None) and STANDARD_WORD in row.name:
        quantity, location, header = row.target, row.target_location, TARGET_HEADER
    if quantity is None or location is None or quantity.op not in (None, "="):
        return None
    return quantity, location, header
