"""Table totals (JX103): a 合计/总计/汇总 row must be the sum of the rows of its column.

The rows may nest (一、基本支出 over 人员经费 and 公用经费; “其中：” rows; memo rows of a concept inside
another, 三公经费 under 公用经费): every way they may nest is tried before a column is reported,
and a column whose rows nest in a way this rule cannot be sure of is only a warning. The rounding
allowed is that of checks/sums.py (sum_tolerance).
"""

from __future__ import annotations

import re
from collections.abc import Collection, Iterable, Iterator
from decimal import Decimal

from checks.amounts import Amount, amount_of, slip_hint
from checks.model import CheckInput, number_text
from checks.registry import Flag, Rule, RuleSettings
from checks.sums import adds_up, plus_text
from extract.figures import RawFigure, heading_level
from normalize.figures import vehicle_sub_rows
from normalize.match import match_label

TOTAL_ROW = re.compile(r"合\s*计|总\s*计|汇\s*总")
SUBTOTAL_ROW = re.compile(r"小\s*计")
# What is left over or carried forward at the year's end: never a part of the spending.
BALANCE_ROW = re.compile(r"结\s*余|结\s*转")
SUB_ITEM_ROW = re.compile(r"^\s*其中")
# Columns whose total row is not a sum of the rows above: rates, shares, scores, ranks, years.
NOT_ADDED_HEADER = re.compile(
    r"率|比例|比重|占比|%|％|得分|分值|权重|序号|编号|排名|年份|单价|标准|人均|平均"
)
# Rows whose amount is not a part of the total: a rate, a score, a standard per head … named at
# the end of the row's label (补助标准, 预算执行率, 人均经费). Not a word inside a project's name:
# “1.高标准农田建设” is a project (blind probe Q q01).
NOT_ADDED_ROW = re.compile(
    r"(?:率|比例|比重|占比|%|％|得分|分值|权重|序号|编号|排名|年份|单价|标准)\s*(?:[（(][^（）()]*[)）])?\s*$|人均|平均"
)


def check_table_totals(inp: CheckInput, settings: RuleSettings) -> Iterator[Flag]:
    """表格中“合计／总计／汇总”行的数值不等于同列其他各行之和。

    检查内容：同一表格中同一表头（及同一节标题行）下的一列数值，恰有一行的行名为合计、总计或汇总时：
    该值必须等于其他各行之和，本身就是分项的行（“局机关及二级机构汇总”下的“1、局机关”）也计入。行名
    为“其中…”的行是上一行的子项，不计入；恰好等于其下方连续各行之和的行（“其中”行也算在内），视为这些
    行的标题行；本身属于另一行的行（“三公”经费、会议费、培训费属于公用经费，公用经费属于基本支出）与那
    一行并列时，视为备注行，不计入。
    为何重要：合计行是别人引用的数字；其下各行加起来不等于它，说明合计或某一行有误（打错字、漏了一行、
    元与万元混淆）。
    触发示例：到位资金1475、2649、5790.42，合计写9814.42（各行之和为9914.42）；项目支出绩效自评表中年度资
    金总额的全年执行数381.68，其中：当年财政拨款361.68、上年结转资金40、其他资金0（相加401.68）。
    不触发示例：同一表格合计写9914.42（样本003）；只有合计行有数值的列；比率（执行率）和占比列，其合
    计行本来就不是求和。
    总额行下以“其中”开头列出的各行（“年度资金总额／其中：当年财政拨款／上年结转资金／其他资金”）相加也不得
    大于总额（各行可以不全，少于总额不报告）；列举到下一个“其中”、合计行或按支出性质分的行（基本支出、项
    目支出）为止，属于某一行的下级行（基本支出下的人员经费、公用经费）不重复计入。
    局限：只对金额和数量求和；不带单位的数字，只在表头未写明比率、分数或序号时才相加。读不出数值的行
    不参与计算，因此合计大于各行之和时报“提醒”，合计小于各行之和时报“错误”。含小计行或有几个合计行的
    列，以及横向合计（收入合计 = 上年结转 + 拨款 …），不核对。
    """
    # Rows named by a part of the row above alone (公务用车… over “购置费” / “运行维护费”) are its
    # sub-rows, as “其中” rows are (blind probe AJ aj11: the 运行维护费 row was added to the 合计).
    sub_rows = {id(inp.raw_figures[index]) for index in vehicle_sub_rows(inp.raw_figures)}
    for group in _table_columns(inp.raw_figures):
        flag = _table_total_flag(group, sub_rows)
        if flag is not None:
            yield flag
        # A total already found not to add up is not reported again for its 其中 list.
        flagged = {flag.locations[0]} if flag is not None else set()
        yield from (f for f in _listed_parts_flags(group) if f.locations[0] not in flagged)


def _table_columns(raw_figures: Iterable[RawFigure]) -> list[list[RawFigure]]:
    columns: dict[tuple, list[RawFigure]] = {}
    for raw in raw_figures:
        if raw.extractor != "table":
            continue
        loc = raw.location
        columns.setdefault((raw.block, loc.table, loc.col, raw.header, raw.context), []).append(raw)
    return [sorted(c, key=lambda r: r.location.row or 0) for c in columns.values()]


def _table_total_flag(column: list[RawFigure], sub_rows: Collection[int] = ()) -> Flag | None:
    totals = [r for r in column if TOTAL_ROW.search(r.label)]
    if len(totals) != 1 or any(SUBTOTAL_ROW.search(r.label) for r in column):
        return None
    total_raw = totals[0]
    every_row = [r for r in column if r is not total_raw and not NOT_ADDED_ROW.search(r.label)]
    rows = [r for r in every_row if not SUB_ITEM_ROW.match(r.label) and id(r) not in sub_rows]
    amounts = [amount_of(r) for r in (total_raw, *rows)]
    if not rows or any(a is None for a in amounts):
        return None
    kinds = {a.kind for a in amounts}
    if len(kinds) != 1 or kinds & {"rate"}:
        return None
    if NOT_ADDED_HEADER.search(total_raw.header) or (kinds == {"bare"} and not total_raw.header):
        return None
    total, parts = amounts[0], amounts[1:]
    if adds_up(total, parts):
        return None
    readings = _outer_readings(parts, [amount_of(r) for r in every_row])
    if any(adds_up(total, outer) for outer in readings):
        return None
    if any(_adds_up_as_rows(total, side) for side in _rows_beside(total_raw, every_row)):
        return None  # a memo row under a closing total (年末结转和结余 under 支出合计), or over an opening one
    # Rows that nest in a way this rule cannot be sure of: a warning, not an error.
    severity = "warning" if any(len(outer) != len(parts) for outer in readings) else None
    # The message adds the reading nearest the total, the outer rows first on a tie: with 其中：基本支出
    # over 人员经费 and 公用经费 beside 项目支出, “基本支出+项目支出” is what the table means, not the
    # 项目支出 alone (the 其中 row left out) nor 基本支出 beside its own parts.
    parts = min((parts, *readings), key=lambda rows: (abs(sum((p.value for p in rows), Decimal(0)) - total.value),
                                                       len(rows)))
    parts_sum = sum((p.value for p in parts), Decimal(0))
    if parts_sum < total.value:
        severity = "warning"  # a row the reader missed would look the same
    unit = total.unit
    relation = "多" if parts_sum > total.value else "少"
    loc = total_raw.location
    return Flag(
        f"表{loc.table}“{total_raw.header.replace(chr(10), '')}”列的“{total_raw.label.strip()}”为"
        f"{number_text(total.value)}{unit}，但其余各行相加为{plus_text([p.value for p in parts])}="
        f"{number_text(parts_sum)}{unit}，比合计{relation}{number_text(abs(parts_sum - total.value))}{unit}"
        f"{slip_hint(total.value, parts_sum)}",
        evidence=(total_raw.location.quote.strip(), *(p.raw.location.quote.strip() for p in parts)),
        locations=(total_raw.location, *(p.raw.location for p in parts)),
        values={"total": number_text(total.value), "rows_sum": number_text(parts_sum),
                "difference": number_text(parts_sum - total.value), "unit": unit},
        severity=severity,
    )


def _rows_beside(total_raw: RawFigure, every_row: list[RawFigure]) -> list[list[RawFigure]]:
    """The rows above the total and those below it, when it has rows on both sides: a total that
    closes a list may have memo rows under it (“支出合计 / 年末结转和结余” in a 收支 table), and one
    that opens it rows over it that are not its parts."""
    row = total_raw.location.row or 0
    above = [r for r in every_row if (r.location.row or 0) < row]
    below = [r for r in every_row if (r.location.row or 0) > row]
    return [above, below] if above and below else []


def _adds_up_as_rows(total: Amount, rows: list[RawFigure]) -> bool:
    """Whether ``rows`` (其中 rows among them) make ``total`` in one of the ways rows nest."""
    parts = [amount_of(r) for r in rows if not SUB_ITEM_ROW.match(r.label)]
    if not parts or any(a is None or a.kind != total.kind for a in parts):
        return False
    return adds_up(total, parts) or any(  # type: ignore[arg-type]  # no None: checked above
        adds_up(total, outer) for outer in _outer_readings(parts, [amount_of(r) for r in rows]))


# A total row that a 其中 list under it breaks down: 年度资金总额, 支出合计, 收入总计 ….
LISTED_TOTAL_ROW = re.compile(r"合\s*计|总\s*计|汇\s*总|总\s*额")
# Rows of the spending breakdown (按支出性质分): a list of funding sources under a total stops before
# them, since they break the same total down again.
SPENDING_CONCEPTS = frozenset({"basic", "project", "personnel", "public"})


def _listed_parts_flags(column: list[RawFigure]) -> Iterator[Flag]:
    """A total row with its parts listed under it, the first introduced by 其中 (“年度资金总额 /
    其中：当年财政拨款 / 上年结转资金 / 其他资金”): the parts must not add up to more than it.

    The list is the 其中 row and the rows right under it, up to a total row, another 其中, a gap, or
    the first row of a spending breakdown when the list is not one (a 部门整体 form lists the
    sources, then 基本支出 / 项目支出 of the same total); it ends as soon as its rows make the
    total. Only an excess is reported: a list need not name every part.
    """
    by_row = {r.location.row: r for r in column}
    for raw in column:
        row = raw.location.row or 0
        total_raw = by_row.get(row - 1)
        if (not SUB_ITEM_ROW.match(raw.label) or total_raw is None
                or not LISTED_TOTAL_ROW.search(total_raw.label)):
            continue  # a 其中 under a part (政府性基金 / 其中：…) breaks down the total above, not it
        total = amount_of(total_raw)
        if total is None or total.kind == "rate" or NOT_ADDED_HEADER.search(total_raw.header):
            continue
        parts = _listed_parts(by_row, row, total)
        if parts is not None:
            # “其中：基本支出 / 项目支出 / “三公”经费” (blind probe Y y04): the 三公 row is a memo of
            # 基本支出's, which the list already holds, not a third part
            parts = _without_memo_rows(parts)
        if parts is None or len(parts) < 2:
            continue
        parts_sum = sum((p.value for p in parts), Decimal(0))
        if parts_sum < total.value or any(
                adds_up(total, outer) or sum((p.value for p in outer), Decimal(0)) < total.value
                for outer in _outer_readings(parts, parts)):
            continue  # adds up, or adds up once rows under a part (人员经费 under 基本支出) are left out
        unit, loc = total.unit, total_raw.location
        yield Flag(
            f"表{loc.table}“{total_raw.header.replace(chr(10), '')}”列的“{total_raw.label.strip()}”为"
            f"{number_text(total.value)}{unit}，但其下“其中”所列各行相加为{plus_text([p.value for p in parts])}="
            f"{number_text(parts_sum)}{unit}，比总额多{number_text(parts_sum - total.value)}{unit}"
            f"{slip_hint(total.value, parts_sum)}",
            evidence=(loc.quote.strip(), *(p.raw.location.quote.strip() for p in parts)),
            locations=(loc, *(p.raw.location for p in parts)),
            values={"total": number_text(total.value), "rows_sum": number_text(parts_sum),
                    "difference": number_text(parts_sum - total.value), "unit": unit},
        )


def _listed_parts(by_row: dict[int | None, RawFigure], first: int, total: Amount) -> list[Amount] | None:
    """The parts listed from row ``first`` (its 其中 row) down; None when one cannot be read."""
    parts: list[Amount] = []
    row = first
    lists_spending = _concept_name(by_row[first].label) in SPENDING_CONCEPTS
    while (raw := by_row.get(row)) is not None:
        if row != first and (SUB_ITEM_ROW.match(raw.label) or TOTAL_ROW.search(raw.label)
                             or (not lists_spending and _concept_name(raw.label) in SPENDING_CONCEPTS)
                             or (lists_spending and BALANCE_ROW.search(raw.label))):
            break  # …and a list of spending ends at what is left over (年末结余, blind probe BC C3)
        amount = amount_of(raw)
        if amount is None or amount.kind != total.kind:
            return None
        parts.append(amount)
        if len(parts) >= 2 and adds_up(total, parts):
            break
        row += 1
    return parts


def _outer_readings(parts: list[Amount], every_row: list[Amount | None]) -> list[list[Amount]]:
    """The ways the rows may nest under the total, each as the list of its outer rows.

    Without the 其中 rows (``parts``) and with them (``every_row``: “一、基本支出 / 其中：人员经费 /
    公用经费” is a heading and its two rows, which only shows with the 其中 row counted), each read
    by ``_without_nested_rows`` and then without memo rows (``_without_memo_rows``).
    """
    readings = [_without_nested_rows(parts)]
    if len(every_row) != len(parts) and all(a is not None for a in every_row):
        readings.append(_without_nested_rows(every_row))  # type: ignore[arg-type]  # no None: checked above
    return readings + [_without_memo_rows(outer) for outer in readings]


# Catalogue concepts that are a part of another: a row of the inner one beside a row of the outer
# is a memo of it (“三、“三公”经费” under “一、基本支出”: 三公经费 are spent out of 公用经费).
PART_OF_CONCEPT = {
    "personnel": "basic", "public": "basic", "sangong": "public", "meeting": "public", "training": "public",
    "reception": "sangong", "vehicle": "sangong", "overseas": "sangong",
    "vehicle_operation": "vehicle", "vehicle_purchase": "vehicle",
}


def _without_memo_rows(rows: list[Amount]) -> list[Amount]:
    """``rows`` without those whose concept lies inside another row's concept (PART_OF_CONCEPT)."""
    concepts = [_concept_name(a.raw.label) for a in rows]
    present = set(concepts)
    return [a for a, name in zip(rows, concepts) if not (_containers(name) & present)]


def _concept_name(label: str) -> str | None:
    match = match_label(label)
    return match.concept.name if match is not None else None


def _containers(name: str | None) -> set[str]:
    """The concepts ``name`` lies inside, transitively (三公经费: 公用经费, 基本支出)."""
    found: set[str] = set()
    while (name := PART_OF_CONCEPT.get(name or "")) is not None and name not in found:
        found.add(name)
    return found


def _without_nested_rows(parts: list[Amount]) -> list[Amount]:
    """The rows of the outer level only: a row that is the exact sum of two or more consecutive rows
    right below it is their heading, and they are left out (“基本支出 60 / 人员经费 40 / 公用经费 20”
    keeps 基本支出); when every row is numbered, rows numbered deeper than the outermost level
    (（一） under 一、) are left out too."""
    levels = [heading_level(p.label) for p in parts]
    top = min((level for level in levels if level is not None), default=None)
    if top is not None and all(level is not None for level in levels):
        parts = [p for p, level in zip(parts, levels) if level == top]
    kept: list[Amount] = []
    index = 0
    while index < len(parts):
        head = parts[index]
        kept.append(head)
        step = 1
        for last in range(index + 2, len(parts)):
            children = parts[index + 1 : last + 1]
            if adds_up(head, children):
                step = last - index + 1
                break
        index += step
    return kept


RULES = (Rule("JX103", "sum_mismatch", "error", check_table_totals),)
