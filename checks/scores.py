"""Score totals of a 绩效自评表: the 总分 row against its indicators (JX104).

The national forms (财预〔2020〕10号) give every indicator a 分值 (the points it may earn) and a
得分 (the points it earned), and close the table with a 总分 row; the funding block above gives
预算执行率 its own 分值 (10) and 得分. The 总分 is the sum of the indicators, with or without the
execution-rate line depending on the province's form, and it is what the report quotes as its
自评得分: a slip there changes the 等次.
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Sequence
from decimal import Decimal

from checks.model import CheckInput, number_text
from checks.registry import Flag, Rule, RuleSettings
from checks.sums import plus_text, sum_tolerance
from checks.tolerance import decimals_of, rounding_of
from extract.figures import RawFigure
from extract.indicators import IndicatorRow
from extract.markers import CONTINUATION_CAPTION
from extract.numbers import Quantity

TOTAL_SCORE_ROW = re.compile(r"总\s*分|总\s*得\s*分|合\s*计|总\s*计")
# The two columns, by header: what was earned, and what could be.
COLUMNS = (
    ("score", re.compile(r"得\s*分"), "得分"),
    ("weight", re.compile(r"分\s*值|满\s*分|权\s*重|标准分"), "分值"),
)
# The funding block's row whose 分值/得分 score the execution rate.
# Local forms label it 项目资金 or 资金执行情况 rather than 年度资金总额 (probe F11).
# …or 资金情况, 资金使用情况 over its 预算数 | 执行数 | 预算执行率 | 分值 | 得分 (blind probe AW X2).
FUNDS_ROW = re.compile(r"资金总额|预算资金|年度资金|预算执行率|项目资金|资金执行|资金(?:投入|使用|到位)?情况")


def check_score_totals(inp: CheckInput, settings: RuleSettings) -> Iterator[Flag]:
    """绩效指标表的“总分”行不等于各指标得分（或分值）之和。

    检查内容：对每张绩效指标表——每一指标行的得分列（或分值列）都有数字，且恰有一行标为总分、总得分、
    合计或总计并在该列有数字——总分必须等于各指标之和，或等于该和加上表中资金部分（“年度资金总额”行）
    给预算执行率的得分（分值）：各地表格对执行率是否计入总分做法不一。
    为何重要：总分就是报告引用并据以评定等次的自评得分；其下各指标加起来不等于它，说明某项得分或总分
    打错了（或漏了一行）。
    触发示例：各指标得分18、10、10、10、30、8（合计86），执行率得分9，总分写94。
    不触发示例：同样的表格总分写95（86 + 9），或写86（执行率在别处计分的表格）；分值20、10、10、10、
    30、10，总分的分值写100（90 + 执行率的10）。
    局限：表中有任何一行指标得分读不出时，整张表不核对。总分写成整数时，与各项之和相差不足0.5即视为
    四舍五入所致；带小数时，允许相差其末位的一半；某项得分带两位及以上小数（按公式计算再取舍的得分）
    时，另允许其末位的一半。只读取指标表本身中的总分行；标题为“续表”的表格（分页
    处断开的指标表，或首行写“续表”的工作表）与其前一张表格合为一张核对。各项之和小于总分时只报
    “提醒”：表中有一行指标没有读到时，看起来也是这样。
    """
    continued = _continued_tables(inp.raw_figures)
    by_table: dict[int | None, list[IndicatorRow]] = {}
    for row in inp.indicators:
        table = row.location.table
        while table in continued and continued[table] in by_table:
            table = continued[table]  # “续表6” over table 7: its rows are table 6's
        by_table.setdefault(table, []).append(row)
    for table, rows in by_table.items():
        tables = {table} | {later for later in continued if _continues(later, table, continued)}
        for field, header, column_name in COLUMNS:
            flag = _column_flag(inp.raw_figures, tables, rows, field, header, column_name)
            if flag is not None:
                yield flag


def _continued_tables(raw_figures: Sequence[RawFigure]) -> dict[int, int]:
    """{table: the table before it} for tables whose caption says they continue it: a 绩效指标表
    split at a page break with a “续表6” heading is two tables in the file and one to add up (blind
    probe Y y01: only the rows after the split were summed)."""
    continued: dict[int, int] = {}
    for raw in raw_figures:
        table = raw.location.table
        if (raw.extractor == "table" and table is not None and table > 1 and raw.caption
                and CONTINUATION_CAPTION.search(raw.caption)):
            continued[table] = table - 1
    return continued


def _continues(later: int, table: int | None, continued: dict[int, int]) -> bool:
    """Whether ``later`` continues ``table``, directly or through tables between them."""
    while later in continued:
        later = continued[later]
        if later == table:
            return True
    return False


def _column_flag(
    raw_figures: Sequence[RawFigure], tables: set[int | None], rows: list[IndicatorRow], field: str,
    header: re.Pattern[str], column_name: str,
) -> Flag | None:
    parts: list[Quantity] = [q for row in rows if (q := getattr(row, field)) is not None and q.op in (None, "=")]
    if not parts or len(parts) != len(rows):
        return None  # a score that could not be read, or is not a plain number: nothing to add up
    totals = [r for r in raw_figures if r.extractor == "table" and r.location.table in tables
              and TOTAL_SCORE_ROW.search(r.label) and header.search(r.header)]
    if len(totals) != 1 or totals[0].quantity.op not in (None, "="):
        return None
    total = totals[0]
    parts_sum = sum((q.value for q in parts), Decimal(0))
    allowed = sum_tolerance(rounding_of(total.quantity.raw), (_part_rounding(q) for q in parts))
    if abs(parts_sum - total.quantity.value) <= allowed:
        return None
    funds = _funds_line(raw_figures, tables, header)
    if funds is not None:
        allowed_with = allowed + min(_part_rounding(funds.quantity), rounding_of(total.quantity.raw))
        if abs(parts_sum + funds.quantity.value - total.quantity.value) <= allowed_with:
            return None
    return _flag(total, rows, field, parts, parts_sum, funds, column_name)


def _part_rounding(quantity: Quantity) -> Decimal:
    """A score given as points is exact: 10分, and 9.5 or 8.2 to one decimal, as scorers give them
    (a 总分 of 96.4 over 48.1 + 29.2 + 19 = 96.3 is a slip, blind probe AS d7). A score to two
    decimals or more (9.17) is computed (10 × 91.7%) and rounded: ± half its last digit."""
    return rounding_of(quantity.raw) if decimals_of(quantity.raw) >= COMPUTED_SCORE_DECIMALS else Decimal(0)


COMPUTED_SCORE_DECIMALS = 2


def _funds_line(raw_figures: Sequence[RawFigure], tables: set[int | None], header: re.Pattern[str]
                ) -> RawFigure | None:
    """The execution rate's 得分 (or 分值) in the funding block: the one in the indicators' own table,
    else the document's only one. A workbook of several 自评表 (the unit's and each project's, blind
    probe R) has one funding block per table, each scoring its own table."""
    found = [r for r in raw_figures if r.extractor == "table" and FUNDS_ROW.search(r.label)
             and header.search(r.header) and not TOTAL_SCORE_ROW.search(r.label)
             and r.quantity.op in (None, "=")]
    own = [r for r in found if r.location.table in tables]
    if own:
        return own[0] if len(own) == 1 else None
    return found[0] if len(found) == 1 else None


def _flag(total: RawFigure, rows: list[IndicatorRow], field: str, parts: list[Quantity], parts_sum: Decimal,
          funds: RawFigure | None, column_name: str) -> Flag:
    stated = total.quantity.value
    message = (
        f"表{total.location.table}“{total.label.strip()}”行的{column_name}为{number_text(stated)}，但各项指标的"
        f"{column_name}相加为{plus_text([q.value for q in parts])}={number_text(parts_sum)}"
    )
    if funds is not None:
        with_funds = parts_sum + funds.quantity.value
        message += f"，加上“{funds.label.strip()}”的{column_name}{number_text(funds.quantity.value)}为" \
                   f"{number_text(with_funds)}，均不等于{number_text(stated)}"
    else:
        message += f"，相差{number_text(abs(parts_sum - stated))}"
    cells = [row.cells(field) for row in rows]
    values = {"total": number_text(stated), "indicators_sum": number_text(parts_sum), "column": column_name}
    if funds is not None:
        values["execution_rate_line"] = number_text(funds.quantity.value)
    return Flag(
        message,
        evidence=(total.location.quote.strip(), *(quote for quotes, _ in cells for quote in quotes)),
        locations=(total.location, *(location for _, locations in cells for location in locations),
                   *((funds.location,) if funds is not None else ())),
        values=values,
        severity="warning" if parts_sum < stated else None,  # a row the reader missed looks the same
    )


RULES = (Rule("JX104", "sum_mismatch", "error", check_score_totals),)
