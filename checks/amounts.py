"""Amounts as the rules read them: a stated number with the rounding it was written to, and
where it stands in the text.

Shared by the rule families that recompute a stated number from other stated numbers
(``checks.sums``, ``checks.rates``, ``checks.standards``):

* ``Amount`` and ``amount_of``: a raw figure in its canonical unit with the ± its writing allows
  (``written_rounding``; ``figure_rounding`` for a catalogue figure);
* ``value_range``: what a computation over such amounts can give, for the tolerance of a rate;
* sentences and quotes: running-text figures grouped by paragraph (``text_groups``) and
  sentence (``sentence_key``, ``sentence_bounds``, ``money_units_by_sentence``), the exact text a
  message quotes (``span_quote``), and small message parts (``short_label``, ``slip_hint``).
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Mapping
from decimal import Decimal
from functools import lru_cache
from itertools import product
from types import MappingProxyType
from typing import TypeVar

from checks.tolerance import explain_slip, rounding_of
from extract.figures import SENTENCE_BREAK, SENTENCE_BREAKS, RawFigure
from extract.model import Location
from extract.numbers import CLAUSE_COMMA, Quantity, normalise_chars, parse_quantity
from extract.records import record
from normalize.catalogue import key_kind
from normalize.figures import Figure
from normalize.units import (UNIT_FACTORS, as_money_with_multiplier, has_multiplier, to_canonical,
                             written_multiplier)

# ─── amounts with the rounding they were written to ──────────────────────────────────────────

MONEY_UNITS = frozenset(u for u, f in UNIT_FACTORS.items() if f.kind == "money")
# Measure words that count the same things: “核定编制17人，其中主任1名”. Every other count is only
# compared with the same measure word (人 and 人次 are not the same count).
COUNT_FAMILIES: dict[str, str] = {"人": "人", "名": "人", "位": "人"}
# The digits a number is written with, to scale its rounding (“6千元” is rounded to 500元).
WRITTEN_DIGITS = re.compile(r"\d[\d,]*(?:\.\d+)?")


@record
class Amount:
    """A stated number in its canonical unit, with the ± its writing allows, and where it is."""

    value: Decimal
    rounding: Decimal
    unit: str  # canonical unit: 万元, %, 人, 个 …
    kind: str  # "money" | "rate" | "count:<family>" | "bare"
    raw: RawFigure

    @property
    def label(self) -> str:
        return self.raw.label


def written_rounding(quantity: Quantity, is_count: bool = False) -> Decimal:
    """Half a unit of the last written digit, in the quantity's own unit (“6千元” → 500, “1.07万人次”
    → 50, “387.27万元” → 0.005); 0 for Chinese numerals, which are exact words, and for whole
    counts written digit by digit (“25人” is 25 people, not 24.5 to 25.5)."""
    match = WRITTEN_DIGITS.search(normalise_chars(quantity.raw))
    if match is None or quantity.value == 0:
        return Decimal(0)  # a written 0 is nothing at all, not something under 0.5
    written = Decimal(match.group().replace(",", ""))
    scale = abs(quantity.value / written) if written else Decimal(1)  # −0.80: half a unit is +0.005
    if is_count and scale == 1 and "." not in match.group():
        return Decimal(0)
    return rounding_of(match.group()) * scale


def amount_of(raw: RawFigure, sentence_unit: str = "") -> Amount | None:
    """The raw figure as an Amount, or None for approximate values (约, 余, 以上, ranges) and units
    no check can compare. A bare number takes the unit declared for it, else ``sentence_unit``
    (the one money unit of its sentence: “全年预算数2026.86，预算执行数2026.86万元”)."""
    quantity = raw.quantity
    if quantity.op not in (None, "="):
        return None
    unit = quantity.unit or raw.unit_hint or sentence_unit
    if written_multiplier(quantity) and has_multiplier(unit) and (
            as_money := as_money_with_multiplier(quantity)):
        quantity, unit = as_money, as_money.unit  # “支出合计2410.29万” is 2410.29 万元, not 24102900 万元
    # str(value) is part of the key because equal Decimals may differ in exponent (1.0 == 1.00)
    # and a cached result must be the very one this value would give.
    measured = _measure(quantity.value, str(quantity.value), quantity.raw, unit)
    return Amount(*measured, raw) if measured is not None else None


# One written number is read by several rules, and JX101 reads each figure of a paragraph again
# for every 其中 and every kind of number there: what it measures depends only on its value, its
# writing and its unit, so each distinct one is worked out once per worker. The keys are short
# and the cache bounded, so a worker's memory stays flat; the results are frozen values.
@lru_cache(maxsize=4096)
def _measure(value: Decimal, value_text: str, written: str, unit: str) -> tuple[Decimal, Decimal, str, str] | None:
    """(value, rounding, unit, kind) of an exact number written as ``written`` in ``unit`` (see
    ``Amount``), or None for a unit no check can compare. ``value_text`` only keys the cache."""
    quantity = Quantity(value, unit, written)
    if not unit:
        return value, written_rounding(quantity), "", "bare"
    canonical = to_canonical(quantity)
    if canonical is None or canonical.kind not in ("money", "rate", "count"):
        return None
    kind = canonical.kind
    if kind == "count":
        kind = f"count:{COUNT_FAMILIES.get(canonical.unit, canonical.unit)}"
    rounding = written_rounding(quantity, is_count=canonical.kind == "count") * canonical.factor
    return canonical.value, rounding, canonical.unit, kind


def figure_rounding(figure: Figure) -> Decimal:
    """The rounding of a catalogue figure, in its canonical unit."""
    return _figure_rounding(figure.raw, figure.value, str(figure.value), key_kind(figure.metric) == "count")


# Several rules ask for the rounding of the same catalogue figures (JX102 of a total once for each
# identity it is in), and each answer re-parses the figure's text: as for ``_measure``, each
# distinct (text, value, whether a count) is worked out once per worker.
@lru_cache(maxsize=4096)
def _figure_rounding(written: str, value: Decimal, value_text: str, is_count: bool) -> Decimal:
    """``figure_rounding`` of a figure written as ``written`` with the canonical ``value``.
    ``value_text`` only keys the cache (equal Decimals may differ in exponent)."""
    quantity = parse_quantity(written)
    if quantity is None:
        return rounding_of(written)
    if quantity.value:
        factor = value / quantity.value
    else:
        entry = UNIT_FACTORS.get(quantity.unit)
        factor = entry.factor if entry is not None else Decimal(1)
    return written_rounding(quantity, is_count=is_count) * factor


def value_range(
    function: Callable[..., Decimal], *intervals: tuple[Decimal, Decimal]
) -> tuple[Decimal, Decimal]:
    """Lowest and highest value of ``function`` over the corners of the intervals (value ± rounding).

    Every function the rules use (a ÷ b, (a − b) ÷ b, …) is monotonic in each argument, so its
    extremes over the box are at corners."""
    corners = []
    for point in product(*(((v - r), (v + r)) for v, r in intervals)):
        try:
            corners.append(function(*point))
        except (ZeroDivisionError, ArithmeticError):
            continue
    if not corners:
        raise ArithmeticError("no corner can be computed")
    return min(corners), max(corners)


T = TypeVar("T")

# Several rules ask the same report for its paragraphs of running text (text_groups) and its
# sentences' money units, some once per figure: each is worked out once per report. The answer
# is kept for the last report's raw figures only, by identity (the tuple is held, so its id is
# never another's), and handed out read-only.
_PER_REPORT: dict[str, tuple[object, object]] = {}


def _once_per_report(name: str, raw_figures: Iterable[RawFigure],
                     work: Callable[[Iterable[RawFigure]], T]) -> T:
    held = _PER_REPORT.get(name)
    if held is not None and held[0] is raw_figures:
        return held[1]  # type: ignore[return-value]
    result = work(raw_figures)
    if isinstance(raw_figures, tuple):  # a list could change under the kept answer
        _PER_REPORT[name] = (raw_figures, result)
    return result


def money_units_by_sentence(raw_figures: Iterable[RawFigure]) -> Mapping[tuple, str]:
    """The money unit of each sentence of running text, when it uses exactly one."""
    return _once_per_report("money_units", raw_figures, _money_units_by_sentence)


def _money_units_by_sentence(raw_figures: Iterable[RawFigure]) -> Mapping[tuple, str]:
    units: dict[tuple, set[str]] = {}
    for raw in raw_figures:
        if raw.extractor == "text" and raw.quantity.unit in MONEY_UNITS:
            units.setdefault(sentence_key(raw), set()).add(raw.quantity.unit)
    return MappingProxyType({key: next(iter(found)) for key, found in units.items() if len(found) == 1})


def sentence_key(raw: RawFigure) -> tuple:
    loc = raw.location
    return (raw.block, loc.table, loc.row, loc.col, raw.sentence)


# ─── sentences and quotes ────────────────────────────────────────────────────────────────────

# A quote runs from the start of the clause of its first number to the end of the clause of its
# last: the words a person searches for. “：” and “、” do not cut it (“其中：财政拨款3183.29万元”).
QUOTE_BREAKS = "，,。；;！!？?\n"


def clause_start(text: str, position: int) -> int:
    for index in range(position - 1, -1, -1):
        if text[index] in QUOTE_BREAKS and not _is_thousands_comma(text, index):
            return index + 1
    return 0


def clause_end(text: str, position: int) -> int:
    for index in range(position, len(text)):
        if text[index] in QUOTE_BREAKS and not _is_thousands_comma(text, index):
            return index
    return len(text)


def _is_thousands_comma(text: str, index: int) -> bool:
    """An ASCII comma between two digits is inside a number (3,412名), no clause break
    (extract.numbers.CLAUSE_COMMA): a quote cut there would show “412名” (blind probe S s07)."""
    return text[index] == "," and _CLAUSE_COMMA.match(text, index) is None


_CLAUSE_COMMA = re.compile(CLAUSE_COMMA)


def span_quote(first: Location, last: Location | None = None) -> str:
    """The exact text from the clause of ``first`` to the clause of ``last`` (same paragraph), or
    the cell text for table values."""
    last = last or first
    text = first.quote
    if first.char_start is None or last.char_end is None or last.quote != text:
        return text.strip()
    start = clause_start(text, first.char_start)
    end = clause_end(text, max(last.char_end, first.char_end or 0))
    return text[start:end].strip()


def text_groups(raw_figures: Iterable[RawFigure]) -> tuple[tuple[RawFigure, ...], ...]:
    """Running-text figures grouped by the paragraph (or prose cell) they sit in, in text order."""
    return _once_per_report("text_groups", raw_figures, _text_groups)


def _text_groups(raw_figures: Iterable[RawFigure]) -> tuple[tuple[RawFigure, ...], ...]:
    groups: dict[tuple, list[RawFigure]] = {}
    for raw in raw_figures:
        if raw.extractor != "text" or raw.location.char_start is None:
            continue
        loc = raw.location
        groups.setdefault((raw.block, loc.table, loc.row, loc.col, loc.quote), []).append(raw)
    return tuple(tuple(sorted(group, key=lambda r: r.location.char_start or 0)) for group in groups.values())


def sentence_bounds(text: str, position: int) -> tuple[int, int]:
    """(start, end) of the sentence of running text holding ``position``.

    Found by ``str.rfind`` and a regex rather than a walk character by character: a paragraph of
    running text may be thousands of characters long, and each 其中 asks for its sentence.
    """
    start = max(text.rfind(ch, 0, position) for ch in SENTENCE_BREAKS) + 1
    end = SENTENCE_BREAK.search(text, position)
    return start, end.start() if end is not None else len(text)


def short_label(raw: RawFigure, limit: int = 16) -> str:
    """The naming words of a label for a message: no leading 其中 (also in a bracket: “（其中人员经费”),
    at most ``limit`` characters. A long label loses what comes up to its year first, so that no
    year is cut in two (“3年全市大气污染防治专项资金共计”, blind probe Y y07; “23年度部门整体支出绩效
    自评得分” of 我局2023年度…, blind probe AX F05)."""
    label = re.sub(r"^[\s，,：:（(]*其中[：:，,\s]*", "", raw.label or raw.trailing).strip(" ：:（(")
    if len(label) > limit:
        label = UP_TO_YEAR.sub("", label)
    return label[-limit:] if len(label) > limit else label


UP_TO_YEAR = re.compile(r"^[^，,。；;]{0,12}?(?:19|20)\d{2}\s*年度?\s*[，,]?\s*")


def slip_hint(stated: Decimal, computed: Decimal, exact: bool = False) -> str:
    hint = explain_slip(stated, computed, exact)
    return f"（{hint}）" if hint else ""
