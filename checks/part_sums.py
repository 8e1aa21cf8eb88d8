"""JX101: the parts a sentence lists after 其中 must not add up to more than their total.

“收入预算6400.32万元，其中：财政拨款收入1344.84万元，上级补助收入3955.48万元…”: the total is the
last amount of its kind before the 其中, the parts are read to the end of the list, and a part
followed by a bracket or by 含/包括 is broken down one level further (its breakdown is checked
against it, not added to the total). The tolerance and the wording of sums are those of
``checks.sums``; amounts and their rounding come from ``checks.amounts``.
"""

from __future__ import annotations

import dataclasses
import itertools
import re
from bisect import bisect_left, bisect_right
from collections.abc import Iterator, Mapping, Sequence
from decimal import Decimal

from checks.amounts import (
    Amount,
    amount_of,
    written_rounding,
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
from checks.sums import adds_up, plus_text, quoted, sum_tolerance
from extract.figures import RawFigure
from extract.records import record
from normalize.catalogue import BUDGET_ROLES
from normalize.match import is_delta, is_role_only, match_label, role_of

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
# Words that open the breakdown of one part right after it: “基本支出401.24万元，含人员经费359.13万元、
# 公用经费42.11万元；项目支出109.04万元”. (An unbracketed 其中 there opens a list of its own.)
BREAKDOWN_WORDS = re.compile(r"[，,：:\s\u3000]*(含|包含|包括)")
# Where the breakdown opened by such a word ends at the latest: the end of the part's clause.
CLAUSE_ENDS = "；;。"
# Words that open a bracket as a breakdown, even of one number: “401.24万元（含人员经费359.13万元）”.
BRACKET_WORDS = re.compile(r"[\s\u3000]*(其中|含|包含|包括)")


def check_part_sum(inp: CheckInput, settings: RuleSettings) -> Iterator[Flag]:
    """“其中”后列出的各分项之和，大于紧挨在前面的总数。

    检查内容：正文中一个数字后接“其中”和一串同类数字（任何单位的金额；以人、名计的人数；其他按同一量
    词计的数量；以“得分”标明的分数，如“自评得分86分，其中：产出指标得分45分…”，满分、分值不算）。总数取句中“其中”之前最后一个同类数字；“其中”位于句首时（“…5143.78万元。其中：…”），
    取前一句中唯一的同类数字。列举逐项写出预算和执行（“其中：低保工作经费预算120.00万元，执行118.20万元；
    养老服务补贴预算95.00万元，执行93.40万元”）时，只加与总数同一方面的分项（总数是支出时加执行数，
    是预算时加预算数）。分项一直读到句末，遇到下列情况即停止：后面另一个“其中”的总数；“其中”在
    括号内时的右括号；量词改变；用“、”连接的列举之后的第一个逗号；已有两个或以上分项之和恰好等于总数。
    增减额（较上年减少3.14万元）和重述的合计（合计…）不算分项。紧跟在某个分项之后的括号，以及紧跟其后
    由“含”“包括”引出、到分号或句号为止的列举，是这个分项的细分，不算总数的分项，总数的列举在细分之后
    继续；细分之和大于这个分项时另行报告，消息中写明该分项和它所属的总数。括号内只有一个数字、又不由
    “其中”“含”“包括”引出时（“（上年120万元）”），不核对。
    为何重要：分项不可能大于整体。出现这种情况，说明总数或某个分项打错了，或某个数字属于另一处表述，
    报告的主要数字因此不可靠。
    触发示例：“2020年预算总收入3183.29万元，其中：财政拨款3183.29万元，上年结转927.54万元”（3183.29
    + 927.54 = 4110.83 > 3183.29）；“项目总投资1800万元，其中财政资金1350万元（中央资金900万元、省级资金
    400万元、县级资金150万元），群众自筹450万元”（财政资金的细分900 + 400 + 150 = 1450 > 1350）。
    不触发示例：“收入预算6400.32万元，其中：财政拨款收入1344.84万元，上级补助收入3955.48万元，其他收
    入1000万元，上年结转100万元；2020年度支出预算6400.32万元，其中：…”——第二个6400.32是下一个总数，
    不是分项；“人员总计14人，其中在职全额编制10人，退休4人”；以及把上例的省级资金改为300万元：括号内
    是财政资金的细分（900 + 300 + 150 = 1350），总数是1350 + 450 = 1800。
    另外，“其中”所列恰好是基本支出和项目支出两项、而总数是支出（或预算）总数时，两项之和小于总数也报
    “提醒”：按支出性质，两者之和通常就是总数，其余支出（上缴上级、经营支出等）报告应当说明。
    局限：除上述基本支出、项目支出两项外，分项之和小于总数时从不报告（“其中”的列举不必穷尽）。不在括号内的嵌套“其中”列举，只有内层分
    项相加恰好等于其总数时才能正确处理。由“含”“包括”引出、用逗号分隔、相加又不等于该分项的细分，若其后
    没有分号隔开的其他分项（“基本支出401.24万元，含人员经费359.13万元，公用经费43.11万元，项目支出
    109.04万元”），分不清细分在哪里结束，此时不核对这个细分，它的数字也不算总数的分项。总数不紧挨
    “其中”（中间隔着其他种类的数字）时，只报“提醒”而不报“错误”。分散在几个段落的列举，以及不在“其中”
    列举之内、用“包括”“含”引出的列举，不读取。
    """
    units = money_units_by_sentence(inp.raw_figures)
    for group in text_groups(inp.raw_figures):
        text = group[0].location.quote
        if "其中" not in text:
            continue  # most paragraphs list no parts (a substring test, not a regex pass and a list)
        markers = [m.start() for m in PART_MARKER.finditer(text)]
        starts = [r.location.char_start or 0 for r in group]  # in text order, as the group is
        amounts = _Amounts(units)  # once per paragraph, not per 其中
        checked: set[tuple] = set()  # the lists already checked, by their total, 其中 and kind
        for index, marker in enumerate(markers):
            # A 其中 that opens a bracket breaks down the part right before it; the list goes on after
            # the bracket, so only an unbracketed 其中 can be the next list's.
            next_marker = next((m for m in markers[index + 1 :] if _bracket_end(text, m) is None), None)
            for found in _part_lists(group, starts, amounts, text, marker, next_marker):
                key = (found.total.raw.location.char_start, found.marker, found.total.kind)
                if key in checked:
                    continue  # a bracketed 其中 (and what it holds) checked as the breakdown of a part
                checked.add(key)
                flag = _part_sum_flag(found)
                if flag is not None:
                    yield flag


@record
class _PartList:
    """A total and the parts listed for it: after a 其中, or in the breakdown of one part of that list."""

    total: Amount
    parts: tuple[Amount, ...]
    is_adjacent: bool  # whether the total is right before its 其中
    marker: int | None  # the 其中 the parts follow (a breakdown by 含/包括 or a bare bracket has none)
    of: Amount | None = None  # for a breakdown, the total its part is a part of
    opening: str = ""  # the word that opens a breakdown (含, 包括), the start of its first part's label


class _Amounts:
    """The figures of one paragraph as amounts, each read with its sentence's money unit once.

    Every 其中 of a paragraph reads the figures after it again: for their kinds, then for the parts
    of each kind, and a long paragraph has many 其中.
    """

    def __init__(self, units: Mapping[tuple, str]) -> None:
        self.units = units  # money_units_by_sentence of the report
        self._known: dict[int, Amount | None] = {}  # by id(raw): the group's figures outlive this

    def unit_of(self, raw: RawFigure) -> str:
        """The money unit of the figure's sentence, when it uses exactly one, else ""."""
        return self.units.get(sentence_key(raw), "")

    def of(self, raw: RawFigure) -> Amount | None:
        """``amount_or_score(raw, self.unit_of(raw))``."""
        key = id(raw)
        if key not in self._known:
            self._known[key] = amount_or_score(raw, self.unit_of(raw))
        return self._known[key]


# A score the label says was got: 自评得分86分, 产出指标得分45分, 预算执行率得分9.8分. Not the most to be
# had (满分50分, 分值10分), which a 其中 list of scores may give beside each part.
SCORE_GOT = re.compile(r"得分\s*(?:为|是)?\s*$")


def amount_or_score(raw: RawFigure, sentence_unit: str = "") -> Amount | None:
    """What JX101 adds up of a figure: ``amount_of`` it, else the score its label says was got."""
    return amount_of(raw, sentence_unit) or score_of(raw)


def score_of(raw: RawFigure) -> Amount | None:
    """A score in 分 whose label ends in 得分, as an Amount of kind "score": “自评得分86分，其中：产出指标
    得分45分，效益指标得分28分…” lists the parts of the score (blind probe AX F05)."""
    quantity = raw.quantity
    if quantity.unit != "分" or quantity.op not in (None, "=") or quantity.high is not None:
        return None
    if not SCORE_GOT.search(raw.label):
        return None
    return Amount(quantity.value, written_rounding(quantity), "分", "score", raw)


def _part_lists(
    group: Sequence[RawFigure], starts: list[int], amounts: _Amounts, text: str, marker: int,
    next_marker: int | None
) -> Iterator[_PartList]:
    """For each kind of number listed after the 其中 at ``marker``: the list, then the breakdowns of its
    parts. ``starts`` holds where each figure of ``group`` starts (ascending: the group is in text
    order), so the figures of a span are a slice, found by bisection rather than a pass over the
    paragraph's figures for each 其中."""
    start, end = sentence_bounds(text, marker)
    if next_marker is not None and next_marker < end:
        end = next_marker
    bracket_close = _bracket_end(text, marker)
    if bracket_close is not None:
        end = min(end, bracket_close)
    before = list(group[bisect_left(starts, start):bisect_left(starts, marker)])
    after = list(group[bisect_right(starts, marker):bisect_left(starts, end)])
    if next_marker is not None and next_marker == end:
        after = _without_next_total(after)
    opens_sentence = not text[start:marker].strip(" \t\u3000：:，,（(")
    previous: list[RawFigure] = []
    if opens_sentence and start > 0:
        prev_start, _ = sentence_bounds(text, start - 1)
        previous = list(group[bisect_left(starts, prev_start):bisect_left(starts, start)])
    for kind in _kinds(after, amounts):
        total = _total_before(before, kind, amounts) if before else None
        if total is None and opens_sentence:
            candidates = [a for a in map(amounts.of, previous) if a is not None and a.kind == kind]
            total = candidates[0] if len(candidates) == 1 and not is_delta(candidates[0].label) else None
        if total is None or is_delta(total.label):
            continue
        parts, breakdowns, _ = _parts(after, kind, amounts, total, text)
        parts = _on_the_totals_side(total, parts)
        if parts and not _sides_differ(total, parts):
            gap = text[total.raw.location.char_end or 0 : marker]
            yield _PartList(total, tuple(parts), all(ch in JOINERS for ch in gap), marker)
            for breakdown in breakdowns:
                yield dataclasses.replace(breakdown, of=breakdown.of or total)


# A total that is money spent though its label has no role word: 项目支出412.36万元.
SPENT_TOTAL = re.compile(r"支出|执行|使用|拨付")


def _on_the_totals_side(total: Amount, parts: list[Amount]) -> list[Amount]:
    """The parts to add up for ``total``: all of them, or, when the list gives each item's budget and
    its spending (“其中：低保工作经费预算120.00万元，执行118.20万元；养老服务补贴预算95.00万元，执行
    93.40万元”, blind probe AL r01), those on the total's side: the spending for a total spent, the
    budgets for a budget; none when the total's side cannot be told."""
    roles = [_part_role(part.label) for part in parts]
    if not (BUDGET_ROLES.intersection(roles) and "actual" in roles):
        return parts
    side = role_of(total.label) or ("actual" if SPENT_TOTAL.search(total.label) else None)
    if side is None:
        return []
    wanted = BUDGET_ROLES if side in BUDGET_ROLES else {side}
    return [part for part, role in zip(parts, roles) if role in wanted]


def _part_role(label: str) -> str | None:
    """The side a part's label names: its strong side word, or 支出 when that is all the label says
    (“公务用车购置费预算22.00万元，支出21.80万元”, blind probe AZ A14: the second is spent)."""
    return role_of(label) or (role_of(label, weak=True) if is_role_only(label) else None)


def _bracket_end(text: str, marker: int) -> int | None:
    """When 其中 opens a bracket (“60607人（其中三峡移民329人）”), where the bracket closes."""
    before = text[:marker].rstrip(" \t\u3000")
    if not before or before[-1] not in OPEN_BRACKETS:
        return None
    return _closing_bracket(text, len(before) - 1)


def _closing_bracket(text: str, opening: int) -> int:
    """Where the bracket opened at ``opening`` closes, brackets inside it passed over (“（其中中央资金
    500万元（含专项300万元），省级资金300万元）”); the end of the text when it never closes."""
    depth = 0
    for index in range(opening, len(text)):
        if text[index] in OPEN_BRACKETS:
            depth += 1
        elif text[index] in CLOSE_BRACKETS:
            depth -= 1
            if depth == 0:
                return index
    return len(text)


def _without_next_total(after: list[RawFigure]) -> list[RawFigure]:
    """Drop, for each kind, the last number before the next 其中: it is that list's total."""
    last_by_kind: dict[str, RawFigure] = {}
    for raw in after:
        amount = amount_or_score(raw)
        if amount is not None:
            last_by_kind[amount.kind] = raw
    dropped = {id(r) for r in last_by_kind.values()}
    return [r for r in after if id(r) not in dropped]


def _kinds(figures: list[RawFigure], amounts: _Amounts) -> list[str]:
    kinds: list[str] = []
    for raw in figures:
        amount = amounts.of(raw)
        if amount is not None and amount.kind not in ("rate", "bare") and amount.kind not in kinds:
            kinds.append(amount.kind)
    return kinds


def _total_before(before: list[RawFigure], kind: str, amounts: _Amounts) -> Amount | None:
    """The last number of ``kind`` before 其中, changes passed over (“5.6万元，较上年减少1.2万元，其中：
    …” lists parts of 5.6); None when it is approximate (“约600万元，其中…”)."""
    for raw in reversed(before):
        if is_delta(raw.label):
            continue
        if raw.quantity.op is None:  # most figures: read as exact already, and kept by ``amounts``
            amount = amounts.of(raw)
        else:
            exact = dataclasses.replace(raw, quantity=dataclasses.replace(raw.quantity, op=None))
            amount = amount_or_score(exact, amounts.unit_of(raw))
        if amount is not None and amount.kind == kind:
            return amount if raw.quantity.op in (None, "=") else None
    return None


def _parts(
    after: list[RawFigure], kind: str, amounts: _Amounts, total: Amount, text: str
) -> tuple[list[Amount], list[_PartList], int]:
    """The parts of ``total`` among ``after``, the breakdowns of those parts to check against them,
    and where in the text the list ends.

    A bracket right after a part, or 含/包括 right after it, breaks down that part: its numbers are
    one level down, not more parts of ``total`` (“财政资金1350万元（中央资金900万元、省级资金300万元、
    县级资金150万元），群众自筹450万元” is 1350 + 450). The list goes on after the breakdown.
    """
    parts: list[Amount] = []
    breakdowns: list[_PartList] = []
    measure = ""
    joined_by_enumeration = False
    list_end = 0  # where the last part, with its breakdown, ends
    for raw in after:
        if (raw.location.char_start or 0) < list_end:
            continue  # inside the breakdown of the last part
        if raw.quantity.op not in (None, "="):
            return [], [], list_end  # an approximate part (约, 余): the list cannot be added up
        amount = amounts.of(raw)
        if amount is None or amount.kind != kind or is_delta(raw.label) or TOTAL_WORDS.search(raw.label):
            continue
        if kind.startswith("count") and measure and raw.quantity.unit != measure:
            break  # “其中主任1名、副主任3名，实际在岗人员18人”: a new measure word, a new statement
        if parts and _starts_new_statement(total, amount):
            break
        if parts:
            gap = text[list_end : raw.location.char_start or 0]
            has_strong = any(ch in STRONG_SEPARATORS for ch in gap)
            if len(parts) == 1:
                joined_by_enumeration = "、" in gap and not has_strong
            elif joined_by_enumeration and has_strong:
                break
            if len(parts) >= 2 and adds_up(total, parts):
                break  # the list already makes the total: what follows is another statement
        measure = measure or raw.quantity.unit
        parts.append(amount)
        list_end = raw.location.char_end or 0
        found = _breakdown(after, kind, amounts, amount, text)
        if found is not None:
            breakdown, part_breakdowns, list_end = found
            if breakdown is not None:
                breakdowns.append(breakdown)
            # a breakdown of a breakdown's part belongs to that part
            breakdowns.extend(dataclasses.replace(b, of=b.of or amount) for b in part_breakdowns)
    return parts, breakdowns, list_end


def _breakdown(
    after: list[RawFigure], kind: str, amounts: _Amounts, part: Amount, text: str
) -> tuple[_PartList | None, list[_PartList], int] | None:
    """The breakdown right after ``part`` (None when it is to be read but not checked), the breakdowns
    of its own parts, and where it ends; None when no bracket and no 含/包括 follows the part.

    A bracket with one number alone, not opened by 其中 or 含, may say the part in other terms
    (“（上年120万元）”): it is not checked, but its numbers are no parts of the total either.
    """
    part_end = part.raw.location.char_end or 0
    start = part_end
    while start < len(text) and text[start] in " \t\u3000":
        start += 1  # the next character that is not a space (not a slice of the rest: a long paragraph)
    if start < len(text) and text[start] in OPEN_BRACKETS:
        close = _closing_bracket(text, start)
        inner = [r for r in after if start < (r.location.char_start or 0) < close]
        inner_parts, inner_breakdowns, _ = _parts(inner, kind, amounts, part, text)
        word = BRACKET_WORDS.match(text, start + 1)
        opening = word.group(1) if word is not None else ""
        marker = word.start(1) if opening == "其中" else None
        is_checked = bool(inner_parts) and (word is not None or len(inner_parts) >= 2)
        breakdown = _PartList(part, tuple(inner_parts), True, marker, opening=opening) if is_checked else None
        return breakdown, inner_breakdowns, close + 1
    word = BREAKDOWN_WORDS.match(text, part_end)
    if word is None:
        return None
    clause_end = next((i for i in range(word.end(), len(text)) if text[i] in CLAUSE_ENDS), len(text))
    inner = [r for r in after if word.end() <= (r.location.char_start or 0) < clause_end]
    inner_parts, inner_breakdowns, end = _parts(inner, kind, amounts, part, text)
    if not inner_parts:
        return None
    is_checked = not _is_open_ended(inner_parts, part, after, clause_end, amounts, text)
    breakdown = _PartList(part, tuple(inner_parts), True, None, opening=word.group(1)) if is_checked else None
    return breakdown, inner_breakdowns, end


def _is_open_ended(inner_parts: list[Amount], part: Amount, after: list[RawFigure], clause_end: int,
                   amounts: _Amounts, text: str) -> bool:
    """Whether a breakdown opened by 含/包括 may have taken parts of the total: its numbers are separated
    by commas, they do not make the part, and nothing of the list follows its clause. “基本支出401.24万元，
    含人员经费359.13万元，公用经费43.11万元，项目支出109.04万元” may end before 项目支出 or not; only
    “，含…；项目支出…” or a 、 list says where it ends. Such a breakdown is not checked, and its numbers
    are not counted as parts of the total either."""
    if adds_up(part, inner_parts):
        return False
    later = (amounts.of(r) for r in after if (r.location.char_start or 0) > clause_end)
    if any(a is not None and a.kind == part.kind for a in later):
        return False  # the list goes on after the clause: the clause closed the breakdown
    gaps = (text[a.raw.location.char_end or 0 : b.raw.location.char_start or 0]
            for a, b in itertools.pairwise(inner_parts))
    return any(ch in STRONG_SEPARATORS for gap in gaps for ch in gap)


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


# The two halves of a unit's spending by its nature: a 其中 list of exactly these two names them
# all, so their sum falls short of the total only by a slip or by spending of a third kind (上缴
# 上级, 经营支出, 对附属单位补助) that the report should then name.
SPENDING_HALVES = frozenset({"basic", "project"})


def _names_both_halves(found: _PartList) -> bool:
    """Whether a top-level 其中 list is exactly 基本支出 and 项目支出, under a total of spending or
    budget (not a project's or a fund's part)."""
    if found.of is not None or len(found.parts) != 2:
        return False
    names = {match.concept.name for part in found.parts if (match := match_label(part.label)) is not None}
    total = match_label(found.total.label)
    return names == SPENDING_HALVES and (total is None or total.concept.name == "total")


def _part_sum_flag(found: _PartList) -> Flag | None:
    total, parts = found.total, found.parts
    parts_sum = sum((p.value for p in parts), Decimal(0))
    allowed = sum_tolerance(total.rounding, (p.rounding for p in parts))
    excess = parts_sum - total.value
    if -excess > allowed and _names_both_halves(found):
        return _halves_short_flag(found, parts_sum)
    if excess <= allowed:
        return None
    unit = total.unit
    if found.of is None:
        stated = f"{quoted(short_label(total.raw))}写为{number_text(total.value)}{unit}，但其后“其中”所列"
        whole = "总数"
    else:  # name the total too: “基本支出” alone may be the unit's, or a project's
        stated = (f"{quoted(short_label(found.of.raw))}的分项{quoted(short_label(total.raw))}写为"
                  f"{number_text(total.value)}{unit}，但其后细分所列")
        whole = "该项"
    names = [short_label(p.raw, 10) for p in parts]
    if found.opening and names[0].startswith(found.opening):
        names[0] = names[0][len(found.opening) :]  # “含人员经费359.13万元” names 人员经费
    message = (
        f"{stated}{'、'.join(names)}相加为{plus_text([p.value for p in parts])}"
        f"={number_text(parts_sum)}{unit}，比{whole}多{number_text(excess)}{unit}"
        f"{slip_hint(total.value, parts_sum)}"
    )
    return _list_flag(found, message, parts_sum, None if found.is_adjacent else "warning")


def _halves_short_flag(found: _PartList, parts_sum: Decimal) -> Flag:
    """A 其中 list of 基本支出 and 项目支出 that adds up to less than its total: a warning, since a
    unit may have spending of a third kind."""
    total, parts = found.total, found.parts
    unit = total.unit
    message = (
        f"{quoted(short_label(total.raw))}写为{number_text(total.value)}{unit}，但其后“其中”所列基本支出、项目支出"
        f"相加为{plus_text([p.value for p in parts])}={number_text(parts_sum)}{unit}，比总数少"
        f"{number_text(total.value - parts_sum)}{unit}；两者之和通常就是总数，报告未说明其余支出"
        f"{slip_hint(total.value, parts_sum)}"
    )
    return _list_flag(found, message, parts_sum, "warning")


def _list_flag(found: _PartList, message: str, parts_sum: Decimal, severity: str | None) -> Flag:
    """The flag of a 其中 list that does not add up: quoting the total and its parts, pointing at each."""
    total, parts = found.total, found.parts
    last = parts[-1].raw.location
    evidence = (span_quote(total.raw.location, last),) if total.raw.location.quote == last.quote else (
        span_quote(total.raw.location), span_quote(parts[0].raw.location, last))
    return Flag(
        message,
        evidence=evidence,
        locations=(total.raw.location, *(p.raw.location for p in parts)),
        values={"total": number_text(total.value), "parts_sum": number_text(parts_sum),
                "difference": number_text(parts_sum - total.value), "unit": total.unit},
        severity=severity,
    )


RULES = (Rule("JX101", "sum_mismatch", "error", check_part_sum),)
