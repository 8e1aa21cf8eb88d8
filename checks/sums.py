"""Sums and parts (JX1xx): a total and the parts a report lists for it must add up.

Three places a report states a total and its parts:

* running text: “收入预算6400.32万元，其中：财政拨款收入1344.84万元，…” (JX101);
* the catalogue: 基本支出 = 人员经费 + 公用经费, 三公经费 = 接待 + 用车 + 出国, … (JX102);
* tables: a 合计/总计/汇总 row over the rows of its column (JX103).

Every comparison allows the rounding the report itself shows: half a unit in the last written
decimal of the total and of every part (``checks.tolerance.rounding_of``), a part never counted
coarser than its total (a total to 0.01 was added from parts to 0.01), while a written 0 and a
whole head count (25人) are exact. Nothing else is allowed for, so a flag means the written
numbers cannot all be right.

Amounts with their rounding and the quotes cut from a paragraph come from ``checks.amounts``.
"""

from __future__ import annotations

import dataclasses
import re
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from decimal import Decimal

from checks.amounts import (
    Amount,
    amount_of,
    figure_rounding,
    money_units_by_sentence,
    sentence_bounds,
    sentence_key,
    short_label,
    slip_hint,
    span_quote,
    text_groups,
)
from checks.model import CheckInput, number_text
from checks.registry import Flag, Rule, RuleSettings
from extract.figures import RawFigure, heading_level
from normalize.catalogue import METRIC_NAMES
from normalize.figures import Figure
from normalize.match import is_delta, match_label, role_of

# ─── sums and their wording ────────────────────────────────────────────────────────────────────


def sum_tolerance(total_rounding: Decimal, part_roundings: Iterable[Decimal]) -> Decimal:
    """What a total and its parts may be off by: the total's own rounding plus each part's, a part
    never counted coarser than the total. A total given to 0.01 was added from parts known to 0.01:
    “3.12 = 2.5 + 1 + 0” in one table row means 2.50, 1.00 and 0.00 with the zeros dropped."""
    return total_rounding + sum((min(r, total_rounding) for r in part_roundings), Decimal(0))


def quoted(label: str) -> str:
    """A label in “”, unless it already holds quotes (““三公”经费” reads badly)."""
    return label if "“" in label else f"“{label}”"


def plus_text(values: Sequence[Decimal]) -> str:
    return "+".join(number_text(v) for v in values)


# ─── JX101 ─────────────────────────────────────────────────────────────────────────────────────

PART_MARKER = re.compile(r"其中")
OPEN_BRACKETS = "（("
CLOSE_BRACKETS = "）)"
# A label that restates a total is not one of the parts.
TOTAL_WORDS = re.compile(r"合计|总计|汇总|总额")
# Punctuation that ends an enumeration written with 、: “其中基本支出169.64万元、项目支出3791.69万元，
# 结转149.5万元” lists two parts; the clause after the comma is the next statement.
STRONG_SEPARATORS = "，,；;"
# Characters allowed between a total and its 其中 for the total to be "right before" it.
JOINERS = set("，,；;：:。 \t（(") | {"\u3000"}


def check_part_sum(inp: CheckInput, settings: RuleSettings) -> Iterator[Flag]:
    """The parts listed after 其中 add up to more than the total right before it.

    What it checks: in running text, a number followed by 其中 and a list of numbers of the same
    kind (money in any unit; people counted 人/名; other counts by their measure word). The total
    is the last number of that kind before 其中 in the sentence, or, when 其中 opens a sentence
    (“…5143.78万元。其中：…”), the only number of that kind in the sentence before. The parts run
    to the end of the sentence, stopping at the total of a following 其中, at a closing bracket
    when 其中 was bracketed, at a change of measure word, at the first comma after a list joined by
    、, and as soon as two or more parts already make the total exactly. Changes (较上年减少3.14万元)
    and restated totals (合计…) are not parts.

    Why: a part cannot exceed the whole; when it does, the total or a part was mistyped
    or a figure belongs to another statement, and the report's headline number is unreliable.

    Fails: “2020年预算总收入3183.29万元，其中：财政拨款3183.29万元，上年结转927.54万元”
    (3183.29 + 927.54 = 4110.83 > 3183.29).

    Passes: “收入预算6400.32万元，其中：财政拨款收入1344.84万元，上级补助收入3955.48万元，
    其他收入1000万元，上年结转100万元；2020年度支出预算6400.32万元，其中：…” — the second 6400.32 is
    the next total, not a part; and “人员总计14人，其中在职全额编制10人，退休4人”.

    Limits: parts that add to less than the total are never flagged (a 其中 list need not be
    exhaustive). Nested 其中 lists are only handled when the inner parts add up exactly. A total
    that is not right before 其中 (another kind of number in between) gives a warning, not an
    error. Lists spread over several paragraphs, or introduced by 包括/含, are not read.
    """
    for group in text_groups(inp.raw_figures):
        text = group[0].location.quote
        markers = [m.start() for m in PART_MARKER.finditer(text)]
        if not markers:
            continue
        units = money_units_by_sentence(group)  # once per paragraph, not per 其中
        for index, marker in enumerate(markers):
            next_marker = markers[index + 1] if index + 1 < len(markers) else None
            for found in _part_lists(group, units, text, marker, next_marker):
                total, parts, is_adjacent = found
                flag = _part_sum_flag(total, parts, is_adjacent)
                if flag is not None:
                    yield flag


def _part_lists(
    group: list[RawFigure], units: dict[tuple, str], text: str, marker: int, next_marker: int | None
) -> Iterator[tuple[Amount, list[Amount], bool]]:
    start, end = sentence_bounds(text, marker)
    if next_marker is not None and next_marker < end:
        end = next_marker
    bracket_close = _bracket_end(text, marker)
    if bracket_close is not None:
        end = min(end, bracket_close)
    before = [r for r in group if start <= (r.location.char_start or 0) < marker]
    after = [r for r in group if marker < (r.location.char_start or 0) < end]
    if next_marker is not None and next_marker == end:
        after = _without_next_total(after)
    opens_sentence = not text[start:marker].strip(" \t\u3000：:，,（(")
    previous: list[RawFigure] = []
    if opens_sentence and start > 0:
        prev_start, _ = sentence_bounds(text, start - 1)
        previous = [r for r in group if prev_start <= (r.location.char_start or 0) < start]
    for kind in _kinds(after, units):
        total = _total_before(before, kind, units) if before else None
        if total is None and opens_sentence:
            candidates = [a for a in (amount_of(r, units.get(sentence_key(r), "")) for r in previous)
                          if a is not None and a.kind == kind]
            total = candidates[0] if len(candidates) == 1 and not is_delta(candidates[0].label) else None
        if total is None or is_delta(total.label):
            continue
        parts = _parts(after, kind, units, total, text)
        if parts and not _sides_differ(total, parts):
            gap = text[total.raw.location.char_end or 0 : marker]
            yield total, parts, all(ch in JOINERS for ch in gap)


def _bracket_end(text: str, marker: int) -> int | None:
    """When 其中 opens a bracket (“60607人（其中三峡移民329人）”), where the bracket closes."""
    before = text[:marker].rstrip(" \t\u3000")
    if not before or before[-1] not in OPEN_BRACKETS:
        return None
    for index in range(marker, len(text)):
        if text[index] in CLOSE_BRACKETS:
            return index
    return len(text)


def _without_next_total(after: list[RawFigure]) -> list[RawFigure]:
    """Drop, for each kind, the last number before the next 其中: it is that list's total."""
    last_by_kind: dict[str, RawFigure] = {}
    for raw in after:
        amount = amount_of(raw)
        if amount is not None:
            last_by_kind[amount.kind] = raw
    dropped = {id(r) for r in last_by_kind.values()}
    return [r for r in after if id(r) not in dropped]


def _kinds(figures: list[RawFigure], units: dict[tuple, str]) -> list[str]:
    kinds: list[str] = []
    for raw in figures:
        amount = amount_of(raw, units.get(sentence_key(raw), ""))
        if amount is not None and amount.kind not in ("rate", "bare") and amount.kind not in kinds:
            kinds.append(amount.kind)
    return kinds


def _total_before(before: list[RawFigure], kind: str, units: dict[tuple, str]) -> Amount | None:
    """The last number of ``kind`` before 其中, changes passed over (“5.6万元，较上年减少1.2万元，其中：
    …” lists parts of 5.6); None when it is approximate (“约600万元，其中…”)."""
    for raw in reversed(before):
        if is_delta(raw.label):
            continue
        exact = dataclasses.replace(raw, quantity=dataclasses.replace(raw.quantity, op=None))
        amount = amount_of(exact, units.get(sentence_key(raw), ""))
        if amount is not None and amount.kind == kind:
            return amount if raw.quantity.op in (None, "=") else None
    return None


def _parts(
    after: list[RawFigure], kind: str, units: dict[tuple, str], total: Amount, text: str
) -> list[Amount]:
    parts: list[Amount] = []
    measure = ""
    joined_by_enumeration = False
    for raw in after:
        if raw.quantity.op not in (None, "="):
            return []  # an approximate part (约, 余): the list cannot be added up
        amount = amount_of(raw, units.get(sentence_key(raw), ""))
        if amount is None or amount.kind != kind or is_delta(raw.label) or TOTAL_WORDS.search(raw.label):
            continue
        if kind.startswith("count") and measure and raw.quantity.unit != measure:
            break  # “其中主任1名、副主任3名，实际在岗人员18人”: a new measure word, a new statement
        if parts and _starts_new_statement(total, amount):
            break
        if parts:
            gap = text[parts[-1].raw.location.char_end or 0 : raw.location.char_start or 0]
            has_strong = any(ch in STRONG_SEPARATORS for ch in gap)
            if len(parts) == 1:
                joined_by_enumeration = "、" in gap and not has_strong
            elif joined_by_enumeration and has_strong:
                break
            if len(parts) >= 2 and _adds_up(total, parts):
                break  # the list already makes the total: what follows is another statement
        measure = measure or raw.quantity.unit
        parts.append(amount)
    return parts


def _starts_new_statement(total: Amount, amount: Amount) -> bool:
    """A number after the first part that cannot be a part: it is for another year than the total
    (“2022年预算收入500万元，其中…，2023年预算收入600万元”), it names the same specific thing as the
    total (“预算收入500万元，其中…，决算收入520万元”), or it alone is larger than the total."""
    total_years, years = total.raw.years, amount.raw.years
    if total_years and years and total_years[-1] != years[-1]:
        return True
    if amount.value > total.value + total.rounding + amount.rounding:
        return True
    total_match, match = match_label(total.label), match_label(amount.label)
    return (total_match is not None and match is not None and total_match.concept == match.concept
            and total_match.concept.name != "total")


def _sides_differ(total: Amount, parts: list[Amount]) -> bool:
    """Whether a part names the other budget side than the total (“执行数95万元，其中基本支出预算60万元”):
    then 其中 refers to another number than the one right before it."""
    side = _side(total.label)
    return side is not None and any(_side(p.label) not in (None, side) for p in parts)


def _side(label: str) -> str | None:
    role = role_of(label)
    if role not in ("budget", "budget_initial", "actual"):
        return None
    return "budget" if role == "budget_initial" else role


def _adds_up(total: Amount, parts: list[Amount]) -> bool:
    allowed = sum_tolerance(total.rounding, (p.rounding for p in parts))
    return abs(sum((p.value for p in parts), Decimal(0)) - total.value) <= allowed


def _part_sum_flag(total: Amount, parts: list[Amount], is_adjacent: bool) -> Flag | None:
    parts_sum = sum((p.value for p in parts), Decimal(0))
    allowed = sum_tolerance(total.rounding, (p.rounding for p in parts))
    excess = parts_sum - total.value
    if excess <= allowed:
        return None
    unit = total.unit
    message = (
        f"{quoted(short_label(total.raw))}写为{number_text(total.value)}{unit}，但其后“其中”所列"
        f"{'、'.join(short_label(p.raw, 10) for p in parts)}相加为{plus_text([p.value for p in parts])}"
        f"={number_text(parts_sum)}{unit}，比总数多{number_text(excess)}{unit}"
        f"{slip_hint(total.value, parts_sum)}"
    )
    last = parts[-1].raw.location
    evidence = (span_quote(total.raw.location, last),) if total.raw.location.quote == last.quote else (
        span_quote(total.raw.location), span_quote(parts[0].raw.location, last))
    return Flag(
        message,
        evidence=evidence,
        locations=(total.raw.location, *(p.raw.location for p in parts)),
        values={"total": number_text(total.value), "parts_sum": number_text(parts_sum),
                "difference": number_text(excess), "unit": unit},
        severity=None if is_adjacent else "warning",
    )


# ─── JX102 ─────────────────────────────────────────────────────────────────────────────────────


@dataclass(frozen=True, slots=True)
class CatalogueSum:
    """One identity between catalogue keys: total = sum of parts."""

    total: str
    parts: tuple[str, ...]
    exhaustive: bool  # whether the parts are the whole total (else only an excess is an error)
    wording: str  # how the message names the parts


# Where each identity comes from: the 部门决算 classification (基本支出 = 人员经费 + 公用经费; 支出
# = 基本支出 + 项目支出 + other funds such as 政府性基金, so that one is not exhaustive) and the
# definition of “三公”经费 (因公出国（境）费 + 公务用车购置及运行维护费 + 公务接待费).
CATALOGUE_SUMS: tuple[CatalogueSum, ...] = (
    CatalogueSum("basic_spent_wan", ("personnel_spent_wan", "public_spent_wan"), True, "人员经费+公用经费"),
    CatalogueSum("spent_total_wan", ("basic_spent_wan", "project_spent_wan"), False, "基本支出+项目支出"),
    CatalogueSum("sangong_spent_wan", ("reception_spent_wan", "vehicle_spent_wan", "overseas_spent_wan"),
                 True, "公务接待费+公务用车费+因公出国（境）费"),
    CatalogueSum("sangong_budget_wan", ("reception_budget_wan", "vehicle_budget_wan", "overseas_budget_wan"),
                 True, "公务接待费+公务用车费+因公出国（境）费预算"),
)
# Budget-side parts are compared with the total of the same budget stage: parts written as 年初
# budgets with the 年初 total, adjusted budgets with the 全年 total.
BUDGET_PARTS = ("basic_budget_wan", "project_budget_wan")
BUDGET_TOTALS = {"budget_initial": "budget_initial_wan", "budget": "budget_total_wan"}


def check_catalogue_sums(inp: CheckInput, settings: RuleSettings) -> Iterator[Flag]:
    """A catalogue total (基本支出, 支出合计, “三公”经费, 结余) disagrees with its catalogue parts.

    What it checks, on the one value per key the report states for its fiscal year: 基本支出 =
    人员经费 + 公用经费; 基本支出 + 项目支出 ≤ 支出合计 (and the budget parts against the year-start or
    full-year budget total of the same stage); “三公”经费 = 公务接待费 + 公务用车费 + 因公出国（境）费
    (budget and spending sides); and 收入合计 − 支出合计 = 结余 when all three come from one table.

    Why: these identities hold by definition of the budget classification; a report
    that breaks one has a wrong figure in its 决算 summary.

    Fails: 三公经费 3.12万元 with 公务接待费 2.50 + 公务用车费 1.00 + 因公出国费 0 = 3.50万元.

    Passes: 支出合计 2026.86万元 with 基本支出 153.21 + 项目支出 716.41 = 869.62万元 (seed
    001: the rest is 政府性基金, which is not a part the catalogue holds).

    Limits: totals that are not exhaustive (支出合计, or 三公经费 with a part not stated) are only
    flagged when the parts exceed them. Parts whose key has several different values in the report
    lower the flag to a warning, since the chosen value may not be the one meant. Budget-side 人员
    经费 has no catalogue key, so 基本支出预算 is not checked against its parts.
    """
    chosen = inp.values.chosen
    for identity in CATALOGUE_SUMS:
        total = chosen.get(identity.total)
        parts = [chosen[key] for key in identity.parts if key in chosen]
        if total is None or not parts:
            continue
        if identity.exhaustive and len(parts) < len(identity.parts) and identity.total.startswith("basic"):
            continue  # 基本支出 with only one of its two parts says nothing
        exhaustive = identity.exhaustive and len(parts) == len(identity.parts)
        if identity.total.startswith("sangong") and _states_vehicle_purchase(inp):
            exhaustive = False  # 公务用车购置费 stated on its own has no key: the three keys are not all
        keys = [identity.total, *(k for k in identity.parts if k in chosen)]
        flag = _catalogue_flag(inp, total, parts, exhaustive, identity.wording, keys)
        if flag is not None:
            yield flag
    yield from _budget_parts_flags(inp)
    yield from _balance_flags(inp)


# 公务用车购置费 in its own column or clause (the 湖南 form has 运维费 and 购置费 apart): the
# catalogue's 公务用车费 then holds only 运维费, and 三公 may exceed the three keys it has.
VEHICLE_PURCHASE = re.compile(r"车.*购置|购置.*车")


def _states_vehicle_purchase(inp: CheckInput) -> bool:
    return any(
        raw.quantity.value != 0 and VEHICLE_PURCHASE.search(f"{raw.label} {raw.header}")
        and match_label(raw.label or raw.header) is None
        for raw in inp.raw_figures
    )


def _budget_parts_flags(inp: CheckInput) -> Iterator[Flag]:
    chosen = inp.values.chosen
    parts = [chosen[key] for key in BUDGET_PARTS if key in chosen]
    roles = {p.role for p in parts}
    if len(parts) != len(BUDGET_PARTS) or len(roles) != 1:
        return
    total = chosen.get(BUDGET_TOTALS.get(roles.pop(), ""))
    if total is None:
        return
    keys = [total.metric, *BUDGET_PARTS]
    flag = _catalogue_flag(inp, total, parts, False, "基本支出预算+项目支出预算", keys)
    if flag is not None:
        yield flag


def _balance_flags(inp: CheckInput) -> Iterator[Flag]:
    chosen = inp.values.chosen
    income, spent, balance = (chosen.get(k) for k in ("income_total_wan", "spent_total_wan", "balance_wan"))
    if income is None or spent is None or balance is None:
        return
    tables = {(f.extractor, f.location.table) for f in (income, spent, balance)}
    if len(tables) != 1 or next(iter(tables))[0] != "table":
        return
    computed = income.value - spent.value
    allowed = sum_tolerance(figure_rounding(balance), (figure_rounding(f) for f in (income, spent)))
    if abs(computed - balance.value) <= allowed:
        return
    gap = abs(computed - balance.value)
    yield Flag(
        f"结余写为{number_text(balance.value)}万元，但同表收入合计−支出合计={number_text(income.value)}−"
        f"{number_text(spent.value)}={number_text(computed)}万元，相差{number_text(gap)}万元"
        f"{slip_hint(balance.value, computed)}",
        evidence=tuple(dict.fromkeys(span_quote(f.location) for f in (income, spent, balance))),
        locations=(income.location, spent.location, balance.location),
        values={"income": number_text(income.value), "spent": number_text(spent.value),
                "balance": number_text(balance.value), "computed": number_text(computed)},
        severity=_severity_for(inp, ["income_total_wan", "spent_total_wan", "balance_wan"]),
    )


def _catalogue_flag(
    inp: CheckInput, total: Figure, parts: list[Figure], exhaustive: bool, wording: str, keys: list[str]
) -> Flag | None:
    parts_sum = sum((p.value for p in parts), Decimal(0))
    allowed = sum_tolerance(figure_rounding(total), (figure_rounding(p) for p in parts))
    difference = parts_sum - total.value
    if difference <= allowed and (not exhaustive or -difference <= allowed):
        return None
    name = METRIC_NAMES.get(total.metric, total.label)
    relation = f"比总数{'多' if difference > 0 else '少'}{number_text(abs(difference))}万元"
    return Flag(
        f"{name}写为{number_text(total.value)}万元，但{wording}={plus_text([p.value for p in parts])}="
        f"{number_text(parts_sum)}万元，{relation}{slip_hint(total.value, parts_sum)}",
        evidence=tuple(dict.fromkeys(span_quote(f.location) for f in (total, *parts))),
        locations=(total.location, *(p.location for p in parts)),
        values={"total": number_text(total.value), "parts_sum": number_text(parts_sum),
                "difference": number_text(difference)},
        severity=_severity_for(inp, keys),
    )


def _severity_for(inp: CheckInput, keys: Iterable[str]):
    """Error unless one of the keys has other values in the report (then the chosen one may not be
    the one the identity is about): warning."""
    return "warning" if any(inp.values.conflicts.get(k) for k in keys) else None


# ─── JX103 ─────────────────────────────────────────────────────────────────────────────────────

TOTAL_ROW = re.compile(r"合\s*计|总\s*计|汇\s*总")
SUBTOTAL_ROW = re.compile(r"小\s*计")
SUB_ITEM_ROW = re.compile(r"^\s*其中")
# Columns whose total row is not a sum of the rows above: rates, shares, scores, ranks, years.
NOT_ADDED_HEADER = re.compile(
    r"率|比例|比重|占比|%|％|得分|分值|权重|序号|编号|排名|年份|单价|标准|人均|平均"
)


def check_table_totals(inp: CheckInput, settings: RuleSettings) -> Iterator[Flag]:
    """A table's 合计/总计/汇总 row is not the sum of the other rows of its column.

    What it checks: in one table, the values of one column under one header (and one section title
    row) where exactly one row's label says 合计, 总计 or 汇总: that value must equal the sum of
    the other rows' values, the rows that are themselves parts (“1、局机关” under “局机关及二级机构
    汇总”) included. Rows labelled 其中… are sub-items of the row above and left out; rows that are
    exactly the sum of the consecutive rows below them are taken as headings of those rows.

    Why: a 合计 row is the figure people quote; when the rows under it do not add up,
    either the total or a row is wrong (a typo, a row left out, a 元/万元 slip).

    Fails: 到位资金 1475 / 2649 / 5790.42 with 合计 9814.42 (the rows make 9914.42).

    Passes: the same table with 合计 9914.42 (seed 003); a column holding only the
    合计 row; rates (执行率) and shares, whose total row is not a sum.

    Limits: only money and counts are added, and bare numbers only under a header that names no
    rate, score or ordinal. Rows whose value the reader could not read are invisible, so a total
    larger than its rows is a warning; a total smaller than its rows is an error. Columns with
    小计 rows or with several total rows, and totals across a row (收入合计 = 上年结转 + 拨款 …),
    are not checked.
    """
    for group in _table_columns(inp.raw_figures):
        flag = _table_total_flag(group)
        if flag is not None:
            yield flag


def _table_columns(raw_figures: Iterable[RawFigure]) -> list[list[RawFigure]]:
    columns: dict[tuple, list[RawFigure]] = {}
    for raw in raw_figures:
        if raw.extractor != "table":
            continue
        loc = raw.location
        columns.setdefault((raw.block, loc.table, loc.col, raw.header, raw.context), []).append(raw)
    return [sorted(c, key=lambda r: r.location.row or 0) for c in columns.values()]


def _table_total_flag(column: list[RawFigure]) -> Flag | None:
    totals = [r for r in column if TOTAL_ROW.search(r.label)]
    if len(totals) != 1 or any(SUBTOTAL_ROW.search(r.label) for r in column):
        return None
    total_raw = totals[0]
    rows = [
        r for r in column
        if r is not total_raw and not SUB_ITEM_ROW.match(r.label) and not NOT_ADDED_HEADER.search(r.label)
    ]
    amounts = [amount_of(r) for r in (total_raw, *rows)]
    if not rows or any(a is None for a in amounts):
        return None
    kinds = {a.kind for a in amounts}
    if len(kinds) != 1 or kinds & {"rate"}:
        return None
    if NOT_ADDED_HEADER.search(total_raw.header) or (kinds == {"bare"} and not total_raw.header):
        return None
    total, parts = amounts[0], amounts[1:]
    if _adds_up(total, parts):
        return None
    outer = _without_nested_rows(parts)
    if len(outer) != len(parts):
        if _adds_up(total, outer):
            return None
        severity = "warning"  # the rows nest in a way this rule cannot be sure of
    else:
        severity = None
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
            if _adds_up(head, children):
                step = last - index + 1
                break
        index += step
    return kept


RULES = (
    Rule("JX101", "sum_mismatch", "error", check_part_sum),
    Rule("JX102", "sum_mismatch", "error", check_catalogue_sums),
    Rule("JX103", "sum_mismatch", "error", check_table_totals),
)
