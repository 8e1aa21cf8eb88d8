"""The grade bands a report states for itself (rule JX450).

Why: the national bands (优 ≥ 90, 良 80–90, 中 60–80, 差 < 60) are not the only ones in use. Many
reports first set out the bands of a local rule (“根据《常德市财政支出绩效评价结果应用管理办法》，评价
结果分为优秀（85分及以上）、良好（75分至84分）、合格（60分至74分）、不合格（60分以下）四个等次”),
and then grade themselves by them: 87 is 优秀 there, not 良, and judging the grade by the national
bands raises a false alarm. A report is graded by the bands it states when it states them whole.

What is read: running-text sentences (``CheckInput.sentences``) that pair a grade word with a
range of scores, written either way round —

* range, then grade: “90分（含）以上为优，80-90分（不含90分）为良，60-80分为中，60分以下为差”,
  “总分90分以上为“优”，80分(含)至90分为“良”…”, “≥90分为优”;
* grade, then range: “优秀（85分及以上）、良好（75分至84分）…”, “优：90分以上”;

with a range as “X分以上 / 及以上 / （含）以上 / ≥X / 不低于X”, “X分以下 / 不足X / 低于X / <X”,
or “X（含）-Y分 / X—Y分 / X分至Y分 / X～Y分”, each bound optionally marked （含） or （不含）.
Consecutive sentences (or paragraphs, as in a list of bands one per line) that hold such pairs
are one statement.

A statement is used only when it is whole and consistent: each grade once, the bands covering 0
to 100 without overlap. A gap of at most 1 between one band's top and the next one's bottom is
how whole or one-decimal scores are written (“75分至84分”, “85分及以上”; “80分至89.9分”): the
boundary is the upper band's bottom. A shared boundary (“80-90分为良”, “90分以上为优”) belongs to
the upper band unless the lower band says it includes it (“80-90分（含90分）”). Anything else —
an incomplete list, an overlap, a grade word the rule does not know (较差, 一般), two statements
that disagree — gives None, and the rule keeps the national bands: a misreading here can only
take the report's own bands away, never invent a stricter set.
"""

from __future__ import annotations

import itertools
import re
from collections.abc import Sequence
from decimal import Decimal, InvalidOperation

from checks.model import Sentence
from extract.records import record

# The grade words and the grade each stands for (优秀 is 优, 合格 is 中 …).
GRADE_NAMES = {"优秀": "优", "优": "优", "良好": "良", "良": "良", "中等": "中", "中": "中", "合格": "中", "及格": "中",
               "差": "差", "不合格": "差"}
FULL_MARKS = Decimal(100)
# How far apart one band's top and the next one's bottom may be and still meet (84 → 85, 89.9 → 90).
WRITTEN_GAP = Decimal(1)

_NUMBER = r"\d{1,3}(?:\.\d+)?"
_FEN = r"\s*分?"
# （含）, （不含）, （含90分）, （不含90）: whether the bound next to it is in the band.
_MARK = r"\s*[（(]\s*(?:不含|含)\s*(?:" + _NUMBER + r"\s*分?)?\s*[）)]"
_TO = r"\s*(?:-|－|—|–|~|～|〜|至|到)+\s*"
_LOW_WORD = r"(?:≥|>=|＞=|不低于|不少于|大于等于|达到)"
_LOW_OPEN_WORD = r"(?:>|＞|大于|高于|超过)"
_HIGH_WORD = r"(?:≤|<=|＜=|不高于|不超过|小于等于)"
_HIGH_OPEN_WORD = r"(?:<|＜|小于|低于|不足|不到|不满)"
_ANY_COMPARE = r"(?:≤|<=|＜=|<|＜|≥|>=|＞=|>|＞)"
# One range of scores. Named groups: lo/hi the bounds, *_mark the （含）/（不含） beside them, and
# *_word the comparison words before a bound.
RANGE = (
    # 80≤得分<90
    rf"(?:(?P<d_lo>{_NUMBER}){_FEN}\s*(?P<d_lo_op>{_ANY_COMPARE})\s*(?:自评得分|得分|分数|总分|评分|分值)?\s*"
    rf"(?P<d_hi_op>{_ANY_COMPARE})\s*(?P<d_hi>{_NUMBER}){_FEN})"
    # 80（含）-90分（不含）
    rf"|(?:(?P<a_lo>{_NUMBER}){_FEN}(?P<a_lo_mark>{_MARK})?{_TO}"
    rf"(?P<a_hi>{_NUMBER}){_FEN}(?P<a_hi_mark>{_MARK})?"
    rf"(?:\s*之间)?(?P<a_tail_mark>{_MARK})?)"
    # 90分（含）以上, 85分及以上, ≥90分
    rf"|(?:(?P<b_word>{_LOW_WORD}|{_LOW_OPEN_WORD})?\s*(?P<b_lo>{_NUMBER}){_FEN}(?P<b_mark>{_MARK})?"
    rf"\s*(?:及|或)?以上(?P<b_tail_mark>{_MARK})?)"
    rf"|(?:(?P<e_word>{_LOW_WORD}|{_LOW_OPEN_WORD})\s*(?P<e_lo>{_NUMBER}){_FEN}(?P<e_mark>{_MARK})?)"
    # 60分以下, 不足60分, <60分
    rf"|(?:(?P<c_word>{_HIGH_WORD}|{_HIGH_OPEN_WORD})?\s*(?P<c_hi>{_NUMBER}){_FEN}(?P<c_mark>{_MARK})?"
    rf"\s*(?:及|或)?以下(?P<c_tail_mark>{_MARK})?)"
    rf"|(?:(?P<f_word>{_HIGH_WORD}|{_HIGH_OPEN_WORD})\s*(?P<f_hi>{_NUMBER}){_FEN}(?P<f_mark>{_MARK})?)"
)
_GRADE = "|".join(sorted(map(re.escape, GRADE_NAMES), key=len, reverse=True))
_OPEN_QUOTE = r"[“\"‘'「『]?"
_CLOSE_QUOTE = r"[”\"’'」』]?"
# Where a grade word ends: not inside a longer word (为优化, 中心).
_GRADE_END = r"(?=[”\"’'」』）)\s，,、；;。.．:：等档级]|$)"
# What follows a range to give it its grade: “…的，评价等次为“良””, “…为优”.
_GIVES_GRADE = (rf"\s*(?:的|者)?\s*[，,]?\s*(?:(?:评价|绩效|考核)?(?:等次|等级|结果|档次)\s*)?"
                rf"(?:评定为|确定为|认定为|评为|定为|属于|属|为|是)\s*{_OPEN_QUOTE}\s*")
# “90分（含）以上为优”, “得分在80分至90分之间的，评价等次为“良””.
RANGE_THEN_GRADE = re.compile(
    rf"(?P<range>{RANGE}){_GIVES_GRADE}(?P<grade>{_GRADE}){_CLOSE_QUOTE}{_GRADE_END}")
# How every match of RANGE_THEN_GRADE ends: the last character of a range (a digit, 分, 以上, 以下,
# a bracket closing （含）, 之间), then its grade. A sentence without it (most of those that pass
# _may_state_bands: “评价结果为优秀”) is not searched by that pattern, which tries a range at every
# character.
RANGE_END_THEN_GRADE = re.compile(rf"[\d分上下）)间]{_GIVES_GRADE}(?:{_GRADE}){_CLOSE_QUOTE}{_GRADE_END}")
# “优秀（85分及以上）”, “优：90分以上”, ““良”为80-89分”.
GRADE_THEN_RANGE = re.compile(
    rf"(?<![其集之当空年月日初高])(?P<grade>{_GRADE}){_CLOSE_QUOTE}\s*(?:等次|等级|档次|档|级)?\s*"
    rf"(?:[（(]|[:：]|为|是)\s*(?:自评得分|得分|分数|总分|评分)?\s*(?:在|为|达到)?\s*(?P<range>{RANGE})(?:\s*[）)])?")
_DIGIT = re.compile(r"\d")
# Every whole set of bands names 优, 良 or a 格 (合格, 及格, 不合格): a statement begins only in a
# sentence that holds one, and most sentences of a report are passed over without the patterns above.
# Each hint is searched as one compiled pattern, not a generator of substring tests: every sentence
# of a report is asked.
_GRADE_HINT = re.compile("[优良格]")
# …and a band is written with 分, 以上/以下 or a comparison sign.
_SCORE_HINT = re.compile("[分以≥>＞≤<＜]|不足|不低于")


@record
class Band:
    """One stated band: the report's grade word, the grade it stands for, and its bounds (None where
    the text gives none). ``*_in`` is True or False where the text says whether the bound is in the
    band (（含）, ≥, 不足 …), None where it does not."""

    word: str
    grade: str
    low: Decimal | None
    high: Decimal | None
    low_in: bool | None
    high_in: bool | None
    text: str  # the band as written: “优秀（85分及以上）”, “90分（含）以上为优”


@record
class StatedBands:
    """A report's own grade bands, lowest first, with the sentences that state them.

    ``cuts[i]`` is where band i ends and band i + 1 begins; ``cut_to_lower[i]`` whether a score
    exactly at it is band i's (the lower band said so: “80-90分（含90分）”)."""

    bands: tuple[Band, ...]
    cuts: tuple[Decimal, ...]
    cut_to_lower: tuple[bool, ...]
    sentences: tuple[Sentence, ...]

    def band_of(self, score: Decimal) -> Band:
        for band, cut, to_lower in zip(self.bands, self.cuts, self.cut_to_lower):
            if score < cut or (score == cut and to_lower):
                return band
        return self.bands[-1]

    def describe(self) -> str:
        """The bands as the report writes them, each quoted: “优秀（85分及以上）”“良好（75分至84分）”…"""
        return "".join(f"“{band.text}”" for band in reversed(self.bands))


def _mark_in(mark: str | None) -> bool | None:
    if not mark:
        return None
    return "不含" not in mark


def _mark_number(mark: str | None) -> Decimal | None:
    found = re.search(_NUMBER, mark or "")
    return Decimal(found.group()) if found else None


def _bounds(match: re.Match[str]) -> tuple[Decimal | None, Decimal | None, bool | None, bool | None] | None:
    """(low, high, low_in, high_in) of a RANGE match, or None when the numbers are no scores."""
    group = match.group
    try:
        if group("d_lo") is not None:
            low, high = Decimal(group("d_lo")), Decimal(group("d_hi"))
            return low, high, group("d_lo_op") in ("≤", "<=", "＜="), group("d_hi_op") in ("≤", "<=", "＜=")
        if group("a_lo") is not None:
            low, high = Decimal(group("a_lo")), Decimal(group("a_hi"))
            low_in, high_in = _mark_in(group("a_lo_mark")), _mark_in(group("a_hi_mark"))
            tail = group("a_tail_mark")
            if tail:  # “80-90分（不含90分）”: the bound it names, else the upper one
                if _mark_number(tail) == low:
                    low_in = _mark_in(tail)
                else:
                    high_in = _mark_in(tail)
            return low, high, low_in, high_in
        for prefixes, closed_word, lower in ((("b", "e"), _LOW_WORD, True), (("c", "f"), _HIGH_WORD, False)):
            for prefix in prefixes:
                bound = group(f"{prefix}_lo" if lower else f"{prefix}_hi")
                if bound is not None:
                    inside = _one_bound_inside(group, prefix, closed_word)
                    return (Decimal(bound), None, inside, None) if lower else (None, Decimal(bound), None, inside)
    except InvalidOperation:
        return None
    return None


def _one_bound_inside(group, prefix: str, closed_word: str) -> bool | None:
    """Whether the one bound of a RANGE alternative with ``prefix`` (b/e: a low bound, 90分以上, ≥90;
    c/f: a high bound, 60分以下, 不足60) is in its band: its （含） mark, the mark after 以上/以下
    (b/c only), or its comparison word (≥ and 不低于 hold the bound, > and 不足 do not)."""
    inside = _mark_in(group(f"{prefix}_mark")) if group(f"{prefix}_mark") else None
    if prefix in ("b", "c") and group(f"{prefix}_tail_mark"):
        inside = _mark_in(group(f"{prefix}_tail_mark"))
    if group(f"{prefix}_word"):
        inside = re.fullmatch(closed_word, group(f"{prefix}_word")) is not None
    return inside


def bands_in_text(text: str) -> list[Band]:
    """The bands one sentence states, in the order written; the way round (range then grade, or
    grade then range) that finds more of them is taken, as a list keeps to one."""
    found: list[list[Band]] = []
    ways = (RANGE_THEN_GRADE, GRADE_THEN_RANGE) if RANGE_END_THEN_GRADE.search(text) else (GRADE_THEN_RANGE,)
    for pattern in ways:
        bands: list[Band] = []
        for match in pattern.finditer(text):
            bounds = _bounds(match)
            if bounds is None:
                continue
            word = match.group("grade")
            bands.append(Band(word, GRADE_NAMES[word], *bounds, text=match.group().strip()))
        found.append(bands)
    return max(found, key=len)


def resolve(bands: Sequence[Band], sentences: Sequence[Sentence]) -> StatedBands | None:
    """The bands as a whole set, or None when they are not one: a grade twice, a band missing a
    bound it needs, a gap of more than ``WRITTEN_GAP``, an overlap, not reaching 0 or 100."""
    if len(bands) < 2 or len({band.grade for band in bands}) != len(bands):
        return None
    ordered = sorted(bands, key=lambda band: (band.low is not None, band.low or Decimal(0)))
    first, last = ordered[0], ordered[-1]
    if first.low not in (None, Decimal(0)) or first.high is None:
        return None
    if last.low is None or (last.high is not None and last.high < FULL_MARKS):
        return None
    cuts: list[Decimal] = []
    to_lower: list[bool] = []
    for lower, upper in itertools.pairwise(ordered):
        if lower.high is None or upper.low is None:
            return None
        if lower.low is not None and lower.high <= lower.low:
            return None
        gap = upper.low - lower.high
        if gap < 0 or gap > WRITTEN_GAP:
            return None
        lower_takes = gap == 0 and lower.high_in is True and upper.low_in is not True
        if gap == 0 and lower.high_in is True and upper.low_in is True:
            return None  # both say they hold the boundary
        if gap == 0 and lower.high_in is False and upper.low_in is False:
            return None  # neither holds it
        cuts.append(upper.low)
        to_lower.append(lower_takes)
    return StatedBands(tuple(ordered), tuple(cuts), tuple(to_lower), tuple(sentences))


def _may_state_bands(text: str) -> bool:
    """Whether a sentence holds a grade hint, a word of scores or bounds, and a digit (a cheap test
    before the patterns)."""
    return (_GRADE_HINT.search(text) is not None and _SCORE_HINT.search(text) is not None
            and _DIGIT.search(text) is not None)


def stated_grade_bands(sentences: Sequence[Sentence]) -> StatedBands | None:
    """The grade bands the report states for itself, or None (then the national bands hold).

    Consecutive sentences that hold bands (“…为优；”, “…为良；” are sentences of their own, and a
    list of bands may take a paragraph each) make one statement; its sentences are kept, for the
    flag to point at. Statements that are whole sets must agree, else none is used."""
    statements: list[tuple[list[Band], list[Sentence]]] = []
    run_open = False
    for sentence in sentences:
        text = sentence.text
        # a statement's later sentences may name only 中 or 差 (“…为良；60—74分为中；60分以下为差。”)
        may_state = _may_state_bands(text) or (run_open and _DIGIT.search(text) is not None)
        bands = bands_in_text(text) if may_state else []
        if not bands:
            run_open = False
            continue
        if run_open:
            statements[-1][0].extend(bands)
            statements[-1][1].append(sentence)
        else:
            statements.append((list(bands), [sentence]))
        run_open = True
    resolved = [found for bands, held in statements if (found := resolve(bands, held)) is not None]
    if not resolved:
        return None
    first = resolved[0]
    shape = [(band.grade, band.low, band.high) for band in first.bands], first.cut_to_lower
    if any(([(band.grade, band.low, band.high) for band in other.bands], other.cut_to_lower) != shape
           for other in resolved[1:]):
        return None
    return first
