"""Sums and parts (JX1xx): a total and the parts a report lists for it must add up.

Three places a report states a total and its parts:

* running text: “收入预算6400.32万元，其中：财政拨款收入1344.84万元，…” (JX101, checks/part_sums.py);
* the catalogue: 基本支出 = 人员经费 + 公用经费, 三公经费 = 接待 + 用车 + 出国, … (JX102, here);
* tables: a 合计/总计/汇总 row over the rows of its column (JX103, checks/table_sums.py).

Every comparison allows the rounding the report itself shows: half a unit in the last written
decimal of the total and of every part (``checks.tolerance.rounding_of``), a part in the same
place as its total never counted coarser than it (a total to 0.01 was added from parts to 0.01;
a part stated elsewhere keeps its own rounding: ``catalogue_tolerance``), while a written 0 and a
whole head count (25人) are exact. Nothing else is allowed for, so a flag means the written
numbers cannot all be right. The helpers for this (``sum_tolerance``, ``adds_up``, the wording of
sums) are here, for all three rules.

Amounts with their rounding and the quotes cut from a paragraph come from ``checks.amounts``.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator, Sequence
from decimal import Decimal

from checks.amounts import (
    Amount,
    figure_rounding,
    slip_hint,
    span_quote,
)
from checks.model import CheckInput, number_text
from checks.registry import Flag, Rule, RuleSettings
from extract.records import record
from normalize.catalogue import METRIC_NAMES, SPLIT_KEYS
from normalize.figures import Figure, measured_after_year

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


def adds_up(total: Amount, parts: list[Amount]) -> bool:
    """Whether ``parts`` make ``total``, within the rounding both were written to."""
    allowed = sum_tolerance(total.rounding, (p.rounding for p in parts))
    return abs(sum((p.value for p in parts), Decimal(0)) - total.value) <= allowed


# ─── JX102 ─────────────────────────────────────────────────────────────────────────────────────


@record
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
    CatalogueSum("vehicle_spent_wan", SPLIT_KEYS["vehicle_spent_wan"], True,
                 "公务用车购置费+公务用车运行维护费"),
    CatalogueSum("vehicle_budget_wan", SPLIT_KEYS["vehicle_budget_wan"], True,
                 "公务用车购置费+公务用车运行维护费预算"),
)
# A part the report does not state as a whole, but as the parts of it (catalogue.SPLIT_KEYS):
# “三公”经费 = 公务接待费 + 公务用车购置费 + 公务用车运行维护费 + 因公出国（境）费.
# Totals of two parts, of which one alone says nothing: the other may be left out for being 0.
TWO_PART_TOTALS = ("basic", "vehicle")
# How a message names such a part, and its parts in their place.
PART_WORDING = dict.fromkeys(SPLIT_KEYS, ("公务用车费", "公务用车购置费+公务用车运行维护费"))
# Budget-side parts are compared with the total of the same budget stage: parts written as 年初
# budgets with the 年初 total, adjusted budgets with the 全年 total.
BUDGET_PARTS = ("basic_budget_wan", "project_budget_wan")
BUDGET_TOTALS = {"budget_initial": "budget_initial_wan", "budget": "budget_total_wan"}


def check_catalogue_sums(inp: CheckInput, settings: RuleSettings) -> Iterator[Flag]:
    """汇总数值中的合计项（基本支出、支出合计、“三公”经费、结余）与其组成项不符。

    检查内容：用报告对评价年度所写的汇总数值（每项取一个采用值）核对以下等式：基本支出 = 人员经
    费 + 公用经费；基本支出 + 项目支出 ≤ 支出合计（预算方面的分项则与同一阶段的年初预算或全年预
    算总数比较）；“三公”经费 = 公务接待费 + 公务用车费 + 因公出国（境）费，公务用车费 = 公务用车
    购置费 + 公务用车运行维护费（预算数和支出数分别核对；未写公务用车费而写了其两项时，以两项代替
    它）；收入合计 − 支出合计 = 结余（仅当三者出自同一张表、且该表没有年初结转和结余一行时）。
    为何重要：按预算支出分类的定义，这些等式必然成立；不成立的报告，其决算汇总中有错误数字。
    触发示例：三公经费3.12万元，而公务接待费2.50 + 公务用车费1.00 + 因公出国费0 = 3.50万元。
    不触发示例：支出合计2026.86万元，基本支出153.21 + 项目支出716.41 = 869.62万元（样本001：其余部分
    是政府性基金，不属于汇总数值中的分项）。
    局限：不要求穷尽的合计（支出合计，或有分项未写明的三公经费）只在分项之和超过合计时报告。某一项在
    报告中有几个不同数值时，降为“提醒”，因为采用的值未必是报告本意所指。预算方面的人员经费没有对应的
    汇总数值，因此不核对基本支出预算与其分项。合计与分项的计量时点不同（其一写明“截至次年某月”，
    如年底支出与“截至2024年2月底累计支出”）时不核对，因为后者已包含次年的支付。
    """
    chosen = inp.values.chosen
    for identity in CATALOGUE_SUMS:
        total = chosen.get(identity.total)
        part_keys = _stated_parts(identity.parts, chosen)
        parts = [chosen[key] for key in part_keys if key in chosen]
        if total is None or not parts:
            continue
        if not measured_together(inp.fiscal_year, total, parts):
            continue
        one_of_two = identity.exhaustive and len(parts) < len(identity.parts)
        if one_of_two and identity.total.startswith(TWO_PART_TOTALS):
            continue  # 基本支出 (公务用车费) with only one of its two parts says nothing
        exhaustive = identity.exhaustive and len(parts) == len(part_keys)
        keys = [identity.total, *(k for k in part_keys if k in chosen)]
        wording = identity.wording
        for key in set(identity.parts) - set(part_keys):
            wording = wording.replace(*PART_WORDING[key])
        flag = _catalogue_flag(inp, total, parts, exhaustive, wording, keys)
        if flag is not None:
            yield flag
    yield from _budget_parts_flags(inp)
    yield from _balance_flags(inp)


def _stated_parts(keys: tuple[str, ...], chosen: dict) -> list[str]:
    """``keys``, each part the report does not state replaced by its own parts when it states them all
    (SPLIT_KEYS: 公务用车费 by 购置费 and 运行维护费)."""
    stated: list[str] = []
    for key in keys:
        inner = SPLIT_KEYS.get(key, ())
        if key not in chosen and inner and all(k in chosen for k in inner):
            stated.extend(inner)
        else:
            stated.append(key)
    return stated


def _budget_parts_flags(inp: CheckInput) -> Iterator[Flag]:
    chosen = inp.values.chosen
    parts = [chosen[key] for key in BUDGET_PARTS if key in chosen]
    roles = {p.role for p in parts}
    if len(parts) != len(BUDGET_PARTS) or len(roles) != 1:
        return
    total = chosen.get(BUDGET_TOTALS.get(roles.pop(), ""))
    if total is None or not measured_together(inp.fiscal_year, total, parts):
        return
    keys = [total.metric, *BUDGET_PARTS]
    flag = _catalogue_flag(inp, total, parts, False, "基本支出预算+项目支出预算", keys)
    if flag is not None:
        yield flag


# A row of money carried in from the year before: 年初结转和结余, 上年结转, 期初结余.
CARRIED_IN = re.compile(r"年初结转|上年结转|期初结|年初结余|上年结余")


def _balance_flags(inp: CheckInput) -> Iterator[Flag]:
    chosen = inp.values.chosen
    income, spent, balance = (chosen.get(k) for k in ("income_total_wan", "spent_total_wan", "balance_wan"))
    if income is None or spent is None or balance is None:
        return
    tables = {(f.extractor, f.location.table) for f in (income, spent, balance)}
    if len(tables) != 1 or next(iter(tables))[0] != "table":
        return
    if any(raw.extractor == "table" and raw.location.table == balance.location.table
           and CARRIED_IN.search(raw.label) for raw in inp.raw_figures):
        # the table carries money in from the year before (年初结转和结余 1,006,500元, blind probe BD F01):
        # the balance is that plus income less spending, which this check does not add up
        return
    computed = income.value - spent.value
    allowed = catalogue_tolerance(balance, (income, spent))
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


def measured_together(fiscal_year: int | None, total: Figure, parts: Iterable[Figure]) -> bool:
    """Whether a total and its parts were all measured at the year's end, or all after it.

    A 项目支出 report gives the year's spending “截至2023年12月31日，实际支出3530.4万元” and then
    the project's spending since “截至2024年2月底，项目累计支出3575.2万元”: the later amount has
    grown since, and is no part of the year's total. Where every figure is dated after the year
    (seed 003 measures its funds 截止2024年3月31日), they were measured together and are compared."""
    later = {measured_after_year(figure, fiscal_year) for figure in (total, *parts)}
    return len(later) == 1


def catalogue_tolerance(total: Figure, parts: Iterable[Figure]) -> Decimal:
    """``sum_tolerance`` for values the report may state in different places: a part written
    elsewhere than its total was not added up from the same figures, so its own rounding counts in
    full. A table in 元 gives 基本支出 as 8,456,789.00 (845.6789万元) and the text its parts as
    700.00 and 145.68万元: the parts may be off by 0.005万元 each."""
    together: list[Decimal] = []
    elsewhere: list[Decimal] = []
    for part in parts:
        (together if _same_place(total, part) else elsewhere).append(figure_rounding(part))
    return sum_tolerance(figure_rounding(total), together) + sum(elsewhere, Decimal(0))


def _same_place(a: Figure, b: Figure) -> bool:
    """Whether two figures are in one paragraph, line or table (one statement of the sums)."""
    x, y = a.location, b.location
    if x.table is not None or y.table is not None:
        return x.table == y.table  # cells of one table (each cell has its own line in a .txt)
    return (x.page, x.paragraph, x.line) == (y.page, y.paragraph, y.line)


def _catalogue_flag(
    inp: CheckInput, total: Figure, parts: list[Figure], exhaustive: bool, wording: str, keys: list[str]
) -> Flag | None:
    parts_sum = sum((p.value for p in parts), Decimal(0))
    allowed = catalogue_tolerance(total, parts)
    difference = parts_sum - total.value
    if difference <= allowed and (not exhaustive or -difference <= allowed):
        return None
    name = METRIC_NAMES.get(total.metric, total.label)
    relation = f"比总数{'多' if difference > 0 else '少'}{number_text(abs(difference))}万元"
    if len(parts) == 1:  # the only part stated: “基本支出+项目支出=3575.2=3575.2” would read badly
        (part,) = parts
        stated = f"{METRIC_NAMES.get(part.metric, part.label)}为{number_text(part.value)}万元"
    else:
        stated = f"{wording}={plus_text([p.value for p in parts])}={number_text(parts_sum)}万元"
    return Flag(
        f"{name}写为{number_text(total.value)}万元，但{stated}，{relation}{slip_hint(total.value, parts_sum)}",
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


RULES = (Rule("JX102", "sum_mismatch", "error", check_catalogue_sums),)
