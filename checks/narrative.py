"""Narrative against table: does the text state an indicator as the indicator table does? Rule JX602.

A report states its indicators twice: in the 绩效指标 table (target and actual columns) and in
the running text (“移民美丽家园项目完成122个”). Edited separately, the two drift apart, and the
auditor cannot tell which one to believe. JX601 (the lead's) compares catalogue figures; this
module compares the text with the indicator rows themselves.

How a sentence is tied to an indicator:

1. **Name.** The indicator's name without its “指标N：” prefix, without a bracketed unit
   (（个）, （%）) and without a trailing %, is looked for in the sentence: exactly, else with
   rapidfuzz's partial ratio of at least ``NAME_MATCH_MIN_SCORE`` (reports reword names slightly).
   A name found inside a longer indicator name found at the same place (建成美丽移民村 inside
   “项目扶持受益移民村（不含建成美丽移民村）”) is not a statement of its own, and a name written
   twice in one sentence (中央资金到位率…，省级资金到位率…) names parts, not the indicator.
2. **Number.** The first quantity after the name, at most ``MAX_GAP_CHARS`` away with no clause
   break or bracket between (“…项目完成124个”, “…满意度为95%”). Words that make the number
   something else (其中, 未完成, 新增, 减少, 人均: ``NOT_THE_VALUE``) before the name or in the gap,
   and a year other than the report's in the clause (上年完成…, 2022年完成…), drop the statement.
   A number after 由/从 is the start of a change (由上年的3.2%下降到1.5%): the statement is the
   number after 到/至/为 that ends it, or none.
3. **Role.** Target or actual: first from the words of the clause (计划/目标/预期 … → target;
   完成/实际/实现 → actual; the clause a goal lead opens, “目标3：” or “2025年度绩效目标为：”, is a
   target whatever verb it takes; after it, a sentence so opened is a target), else from the nearest
   heading above that says so (“绩效目标” → target; “完成情况” → actual). Headings about
   deviations, causes or problems (偏离, 原因, 问题, 整改) decide nothing: such sections state both.
4. **Compare.** The value is compared, in one unit (``checks.targets.comparable_values``), with
   the target or actual column of every row bearing that name (the same indicator often sits in a
   target table and in a result table). An actual may differ by the rounding of the less precise
   of the two (95.2% against 95%); a target is a chosen figure and must be equal. A value that
   agrees with any plausible row passes; a disagreement is reported only when one indicator fits
   best, and not when only the heading calls it an actual while it equals the target (see JX602).
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable, Iterator, Sequence
from functools import cache
from itertools import chain

from rapidfuzz import fuzz

from checks.model import CheckInput, Sentence
from checks.registry import Flag, Rule, RuleSettings
from checks.targets import comparable_values, name_unit
from checks.tolerance import rounding_of
from checks.years import text_to_periods
from extract.indicators import IndicatorRow
from extract.model import Location
from extract.numbers import Quantity, find_quantities
from extract.records import record
from normalize.respectively import AMOUNT_JOIN, NAME_JOIN

# rapidfuzz partial ratio (0–100) from which a sentence is taken to name an indicator. At 90 a
# 10-character name tolerates one character changed; in seed 003 a 38-character name written
# without one character (较年增长速度 for 较上年增长速度) scores 98.7, and the same name with
# two years changed (截至2023年底 for 截至2022年底) about 92, while two different indicators
# sharing words (…上访和交办的信访事件的处理率 / …进京上访和交办的信访处理率) score 85.
NAME_MATCH_MIN_SCORE = 90
# Shorter names (满意度, 合格率) are in too many sentences to say which indicator is meant.
MIN_NAME_CHARS = 4
# The most characters between a name and its number: 实际完成, 完成了, 达到了, 为.
MAX_GAP_CHARS = 6
# Characters that separate a name from a number that is not its value: clause breaks, brackets.
# A colon may stand between them (满意度：95%).
GAP_BREAKS = frozenset("，,；;。！？!?、（）()【】《》“”\"")
# Candidates scoring within this of the best are all plausible readings of one sentence (the
# same indicator measured at two dates differs only in its years).
NEAR_BEST = 5

NAME_PREFIX = re.compile(r"^\s*(?:指标\s*\d+\s*[:：.．、]|[（(]\s*\d{1,2}\s*[)）]|\d{1,2}\s*[、.．)）])\s*")
BRACKETED = re.compile(r"[（(]\s*([^（）()]{1,5}?)\s*[)）]")
CLAUSE_BREAKS = "，,；;。！？!?：:"

TARGET_WORDS = re.compile(r"目标|计划|预计|预期|拟|力争|确保")
ACTUAL_WORDS = re.compile(r"完成|实际|实现")
# Parts of names and headings that hold an actual word but do not make a statement an actual.
NOT_ROLE_WORDS = re.compile(r"完成率|完成情况|实现率|目标值")
TARGET_LEAD = re.compile(
    r"^\s*(?:(?:19|20)\d{2}\s*年度?)?\s*(?:年度|绩效|预期|总体|项目)?(?:绩效)?目标\s*\d*\s*(?:为|是)?\s*[:：]")
HEADING_UNDECIDED = re.compile(r"偏离|差距|原因|问题|整改|建议|措施")
HEADING_ACTUAL = re.compile(r"完成情况|实际完成|完成值|实现情况|目标实现|目标完成")
HEADING_TARGET = re.compile(r"绩效目标|目标设定|预期目标|年度目标|目标值")

# Words before a name or between it and its number that make the number something else than the
# indicator's value: a part (其中), what is left (未完成, 尚有, 剩余), a change (新增, 增加, 减少,
# 提高, 超出) or a per-head figure (人均, 平均).
NOT_THE_VALUE = re.compile(
    r"其中|未|尚|剩余|还有|差|超出|超过|新增|增加|增长|减少|下降|提高|多|少|占|人均|平均"
)

# A change from a starting point: 由上年的3.2%下降到1.5%, 从3.2%降至1.5%, 由2022年的…提高到…. The
# number after 由/从 (and a baseline period) is where the change started, not the value stated;
# the value is the one after 到/至/为 that follows it (CHANGE_TO: a verb of at most three
# characters, 下降到, 降至, 提高到, 增长为, or none).
CHANGE_FROM = re.compile(r"[由从](?:上一?年度?|去年|年初|\d{4}年度?(?:底|末)?)?的?$")
CHANGE_TO = re.compile(r"^[^\d，,；;。：:、（）()]{0,3}?[到至为]了?$")
# Words that date a number to the year before: in the gap between a name and its number, or in the
# words before the name in its clause (上年完成…).
LAST_YEAR = re.compile(r"上年|去年|上一年")

ROLE_NAMES = {"target": "目标值", "actual": "实际完成值"}


def indicator_to_match_name(name: str) -> str:
    """The words of an indicator name a sentence would use.

    >>> indicator_to_match_name("指标2：项目扶持受益移民村（不含建成美丽移民村）（个）")
    '项目扶持受益移民村（不含建成美丽移民村）'
    >>> indicator_to_match_name("指标1：非正常上访和交办的信访事件的处理率%")
    '非正常上访和交办的信访事件的处理率'
    """
    text = NAME_PREFIX.sub("", "".join(name.split()))
    text = BRACKETED.sub(lambda m: "" if name_unit(m.group()) else m.group(), text)
    return text.rstrip("%％")


@record
class NameMatch:
    key: str
    score: float
    start: int  # span of the name in the sentence
    end: int


@record
class Statement:
    """A name in a sentence with the number that follows it and the role it is stated in."""

    match: NameMatch
    quantity: Quantity
    role: str | None  # "target" | "actual" | None
    from_heading: bool


def _compact(text: str) -> tuple[str, Sequence[int]]:
    """``text`` without whitespace, and the index in ``text`` of each character kept.

    Most sentences hold no whitespace: their index is a ``range``, not a list built character by
    character. (``str.split`` and ``str.isspace`` agree on what whitespace is.)
    """
    compact = "".join(text.split())
    if len(compact) == len(text):
        return compact, range(len(text))
    return compact, [i for i, ch in enumerate(text) if not ch.isspace()]


@cache  # a few dozen name lengths: worked out once per worker, not for each name of each report
def most_missing_chars(length: int, min_score: float = NAME_MATCH_MIN_SCORE) -> int:
    """How many characters of a name of ``length`` a sentence may lack and still score ``min_score``.

    rapidfuzz's partial ratio scores a window ``w`` of the sentence (at most as long as the name)
    as 200·LCS/(len(name)+len(w)) with LCS ≤ len(w), so a score of at least s needs
    LCS ≥ s·len(name)/(200−s) (the same holds when a sentence as long as the name is also tried
    the other way round). A character of the name the sentence does not hold at all cannot be
    part of the LCS: a sentence lacking more of them cannot reach the score, and need not be
    aligned (which costs far more than this count, for each name in each sentence).
    ``test_a_sentence_ruled_out_by_its_characters_cannot_align`` checks this against rapidfuzz.
    """
    return max(k for k in range(length + 1) if (length - k) * (200 - min_score) >= min_score * length)


@record
class IndicatorName:
    """An indicator name (a match key) prepared once per report to be looked for in its sentences."""

    key: str
    most_missing: int  # see most_missing_chars
    # Each distinct character with how often the name holds it, those shared by fewest of the
    # report's names first: they are the likeliest to be missing from a sentence (率, 数, 项目 are
    # in many names and most sentences), so most sentences are ruled out by the first one or two.
    chars: tuple[tuple[str, int], ...]
    # The first of ``chars`` that the name holds more than ``most_missing`` times in all: a
    # sentence holding none of them lacks too many characters to align (``names_by_sentence``).
    required: str

    def may_align(self, text: str) -> bool:
        """Whether a sentence (with or without its whitespace: the name's characters are never
        whitespace) holds enough of the name's characters to hold the name, exactly or fuzzily
        (rapidfuzz need not be asked otherwise)."""
        missing = 0
        for ch, count in self.chars:
            if ch not in text:
                missing += count
                if missing > self.most_missing:
                    return False
        return True


# How much of a report's text is read to tell its common characters from its rare ones (see
# ``names_to_look_for``): enough for a few dozen sentences, a fraction of a long report.
RARITY_SAMPLE_CHARS = 2000


def names_to_look_for(keys: Iterable[str], text: str = "") -> list[IndicatorName]:
    """The keys long enough to say which indicator a sentence means (``MIN_NAME_CHARS``), prepared.

    A name's characters are ordered those the report's ``text`` holds least often first (counted
    in its first ``RARITY_SAMPLE_CHARS`` characters), then those shared by fewest of the names:
    the rarer the first ones, the fewer sentences ``names_by_sentence`` asks ``may_align`` of, and
    the sooner it rules each out. The order decides no answer: ``may_align`` adds up every
    missing character whatever their order, and a sentence holding none of any prefix of them
    that counts more than ``most_missing`` (``required``) lacks too many.
    """
    keys = [key for key in keys if len(key) >= MIN_NAME_CHARS]
    spread = Counter(chain.from_iterable(map(set, keys)))  # in how many names each character is
    sample = text[:RARITY_SAMPLE_CHARS]
    rarity = {ch: (sample.count(ch), shared) for ch, shared in spread.items()}  # the sort key
    names = []
    for key in keys:
        most_missing = most_missing_chars(len(key))
        chars = tuple(sorted(Counter(key).items(), key=lambda item: rarity[item[0]]))
        names.append(IndicatorName(key, most_missing, chars, _required_chars(chars, most_missing)))
    return names


def _opening_text(sentences: Sequence[Sentence]) -> str:
    """The report's first sentences, joined, up to ``RARITY_SAMPLE_CHARS`` or just past it."""
    texts, length = [], 0
    for sentence in sentences:
        if length >= RARITY_SAMPLE_CHARS:
            break
        texts.append(sentence.text)
        length += len(sentence.text)
    return "".join(texts)


def _required_chars(chars: tuple[tuple[str, int], ...], most_missing: int) -> str:
    """The first characters of ``chars`` whose counts add up to more than ``most_missing``.

    A name has more characters than it may lack (``most_missing_chars`` allows under a fifth),
    so the counts get there.
    """
    required, total = "", 0
    for ch, count in chars:
        required += ch
        total += count
        if total > most_missing:
            return required
    raise ValueError("a name may lack every one of its characters")


def names_by_sentence(texts: Sequence[str], names: list[IndicatorName]) -> list[list[IndicatorName]]:
    """For each text, the names (in their order) that may align with it (``IndicatorName.may_align``).

    Asking each name of each sentence cost most of JX602. Only a sentence holding one of a name's
    ``required`` characters may hold it: each required character is found in the report's
    sentences joined into one text, jumping to the next sentence at each hit, so the work follows
    the sentences that hold the character, not all of them; ``may_align`` is asked of those only.
    A name's characters are never whitespace, which joins the texts.
    """
    joined = "\n".join(texts)
    owner: list[int] = []  # the index of the text each character of ``joined`` belongs to
    next_start: list[int] = []  # where the text after each one starts in ``joined``
    for index, text in enumerate(texts):
        owner += [index] * (len(text) + 1)
        next_start.append(len(owner))
    found: list[list[IndicatorName]] = [[] for _ in texts]
    for name in names:
        holding: set[int] = set()
        for ch in name.required:
            at = joined.find(ch)
            while at != -1:
                index = owner[at]
                holding.add(index)
                at = joined.find(ch, next_start[index])
        may_align = name.may_align
        for index in holding:
            if may_align(texts[index]):
                found[index].append(name)
    return found


def sentence_to_matches(text: str, names: list[IndicatorName]) -> list[NameMatch]:
    """Every indicator name found in ``text``, exact or fuzzy, without names nested in longer ones.

    A name is found exactly when it occurs once in the sentence without whitespace
    (``str.count`` counts non-overlapping occurrences, as a regex search for it would); twice
    or more and it names parts; not at all and rapidfuzz aligns it, but only in a sentence that
    holds enough of its characters (``IndicatorName.may_align``).
    """
    compact, index = "", range(0)
    found: list[NameMatch] = []
    for name in names:
        # a name's characters are never whitespace: the text holds one when its compact form does,
        # and most names are ruled out before the compact form is needed
        if not name.may_align(text):
            continue
        if not compact:
            compact, index = _compact(text)
        key = name.key
        if len(key) > len(compact):
            continue
        occurrences = compact.count(key)
        if occurrences > 1:
            continue  # 中央资金到位率100%，省级资金到位率90%: parts of the indicator, not the indicator
        if occurrences == 1:
            start = compact.find(key)
            end, score = start + len(key), 100.0
        else:
            aligned = fuzz.partial_ratio_alignment(key, compact, score_cutoff=NAME_MATCH_MIN_SCORE)
            if aligned is None:
                continue
            start, end, score = aligned.dest_start, aligned.dest_end, aligned.score
        if end > start:
            found.append(NameMatch(key, score, index[start], index[end - 1] + 1))
    if len(found) < 2:
        return found  # no name to be nested in
    return [
        m for m in found
        if not any(o.start <= m.start and m.end <= o.end and o.end - o.start > m.end - m.start for o in found)
    ]


def _following_quantity(text: str, match: NameMatch, quantities: list[Quantity]) -> Quantity | None:
    """The number stated right after a name, or None.

    A fuzzy alignment may run into the number (the window has the name's length, and the sentence
    may be a character shorter), so a number starting in the second half of the match counts too.
    A number after 由/从 is where a change started (``CHANGE_FROM``): the value stated is the end
    of the change, or none; a number dated to the year before in the gap (上年为3.2%) is not it.
    """
    for i, quantity in enumerate(quantities):
        start, end = quantity.start or 0, quantity.end or 0
        if end <= match.end or start < (match.start + match.end) // 2:
            continue
        gap = text[match.end:start] if start > match.end else ""
        if RESPECTIVELY_IN_GAP.search(gap):
            return _respective_quantity(text, match, gap, quantities, i)
        origin = CHANGE_FROM.search(gap)
        if origin is not None and not any(ch in GAP_BREAKS for ch in gap):
            lead = gap[:origin.start()]
            if len(lead) > MAX_GAP_CHARS or NOT_THE_VALUE.search(lead):
                return None
            return _change_end(text, quantity, quantities[i + 1:])
        if len(gap) > MAX_GAP_CHARS or any(ch in GAP_BREAKS for ch in gap) or NOT_THE_VALUE.search(gap):
            return None
        if LAST_YEAR.search(gap):
            return None
        return quantity
    return None


# 分别 between a name and the first number: the names before it take the numbers after it in turn.
RESPECTIVELY_IN_GAP = re.compile(r"分别(?:为|是|达到|达)?\s*$")


def _respective_quantity(
    text: str, match: NameMatch, gap: str, quantities: list[Quantity], first: int
) -> Quantity | None:
    """The number paired with the name in “高血压、2型糖尿病患者基层规范管理服务率分别为63.5%、61.2%”.

    The names listed before 分别 (split at 、/和/及/与, from the clause's start) take the numbers
    after it in order; the matched name is the item it ends in. When the names and the numbers
    do not pair up one for one, nothing is stated: the first number is another name's as often."""
    clause_start = _clause_start(text, match)
    listed_end = match.end + RESPECTIVELY_IN_GAP.search(gap).start()
    listed = text[clause_start:listed_end]
    if any(ch in CLAUSE_BREAKS for ch in listed):
        return None
    ends = [clause_start + m.start() for m in NAME_JOIN.finditer(listed)] + [listed_end]
    position = next((k for k, end in enumerate(ends) if match.end <= end), None)
    paired = [quantities[first]]
    for later in quantities[first + 1:]:
        if len(paired) == len(ends) or not AMOUNT_JOIN.fullmatch(text[paired[-1].end or 0:later.start or 0]):
            break
        paired.append(later)
    if len(ends) < 2 or len(paired) != len(ends) or position is None:
        return None
    return paired[position]


def _change_end(text: str, origin: Quantity, later: list[Quantity]) -> Quantity | None:
    """The number a change from ``origin`` ends at (由3.2%下降到1.5% → 1.5%), or None when the
    words after ``origin`` do not lead to one (由3.2%下降了1.7个百分点)."""
    if not later:
        return None
    following = later[0]
    between = text[origin.end or 0:following.start or 0]
    return following if CHANGE_TO.match(between) else None


def heading_to_role(section: str) -> str | None:
    """The role the nearest heading that says one gives its sentences, or None."""
    for heading in reversed([h for h in section.split(" > ") if h.strip()]):
        if HEADING_UNDECIDED.search(heading):
            return None
        if HEADING_ACTUAL.search(heading):
            return "actual"
        if HEADING_TARGET.search(heading):
            return "target"
    return None


def _clause_start(text: str, match: NameMatch) -> int:
    return max((text.rfind(ch, 0, match.start) for ch in CLAUSE_BREAKS), default=-1) + 1


def statement_role(text: str, match: NameMatch, quantity: Quantity, section: str) -> tuple[str | None, bool]:
    """(role, whether the heading decided it) of a name and its number in a sentence."""
    clause_start = _clause_start(text, match)
    around = text[clause_start:match.start] + text[match.end:quantity.start or match.end]
    words = NOT_ROLE_WORDS.sub("", around)
    if TARGET_WORDS.search(words):
        return "target", False
    lead = TARGET_LEAD.match(text)
    if lead is not None and clause_start <= lead.end():
        # “2025年度绩效目标为：完成农村公路日常养护里程420公里以上” (blind probe AP r04): the
        # clause the lead opens lists goals, whatever verb they take
        return "target", False
    if ACTUAL_WORDS.search(words):
        return "actual", False
    if lead is not None:
        return "target", False
    role = heading_to_role(section)
    return role, role is not None


def _cell(row: IndicatorRow, role: str) -> tuple[Quantity | None, str, Location | None]:
    if role == "target":
        return row.target, row.target_raw.strip(), row.target_location
    return row.actual, row.actual_raw.strip(), row.actual_location


def _agrees(table: Quantity, text: Quantity, name: str, role: str) -> bool | None:
    """Whether two statements of one value agree; None when they cannot be compared."""
    pair = comparable_values(table, text, name)
    if pair is None:
        return None
    table_value, text_value, _unit = pair
    if role == "target":
        return table_value == text_value
    allowed = max(rounding_of(table.raw), rounding_of(text.raw))
    return abs(table_value - text_value) <= allowed


def _comparisons(rows: list[IndicatorRow], role: str, text_q: Quantity) -> list[tuple[IndicatorRow, bool]]:
    found = []
    for row in rows:
        table_q = _cell(row, role)[0]
        if table_q is None or table_q.op == "range":
            continue
        agrees = _agrees(table_q, text_q, row.name, role)
        if agrees is not None:
            found.append((row, agrees))
    return found


def _is_other_period(clause: str, fiscal_year: int | None) -> bool:
    """Whether a clause names a year other than the report's (上年完成…, 2022年完成…)."""
    if fiscal_year is None:
        return False
    return any(p.year not in (fiscal_year, fiscal_year + 1) for p in text_to_periods(clause))


# The work ahead: a section or a sentence about it states next year's plans, not this year's
# targets or results (“下一步，…确保巩固率稳定在99.5%以上”, “五、下一步工作计划”).
NEXT_STEPS = re.compile(r"下一步|下阶段|今后|明年|来年|下年度|工作打算|工作计划|改进措施|工作思路")
# A plan's words: with next year's date (“2024年，计划完成…50个”), a sentence is that year's plan.
PLAN_WORDS_NEXT = re.compile(r"计划|力争|确保|将|拟|预计|争取")


def _is_about_next_year(sentence: Sentence, fiscal_year: int | None) -> bool:
    """Whether a sentence sets out the work ahead rather than the year evaluated."""
    headings = [h for h in sentence.section.split(" > ") if h.strip()]
    if NEXT_STEPS.search(sentence.text[:12]) or any(NEXT_STEPS.search(h) for h in headings[-1:]):
        return True
    if fiscal_year is None or not PLAN_WORDS_NEXT.search(sentence.text):
        return False
    return any(p.year == fiscal_year + 1 for p in text_to_periods(sentence.text[:12]))


def sentence_to_statements(
    sentence: Sentence, names: list[IndicatorName], fiscal_year: int | None = None
) -> dict[int, list[Statement]]:
    """Statements of a sentence, grouped by the number they state (its start offset).

    Names are looked for first: most sentences name no indicator, and need not be read for numbers.
    """
    text = sentence.text
    matches = sentence_to_matches(text, names)
    if not matches or _is_about_next_year(sentence, fiscal_year):
        return {}
    quantities = [q for q in find_quantities(text) if q.op != "range"]
    by_number: dict[int, list[Statement]] = {}
    for match in matches:
        quantity = _following_quantity(text, match, quantities)
        if quantity is None:
            continue
        before = text[_clause_start(text, match):match.start]
        if NOT_THE_VALUE.search(before) or LAST_YEAR.search(before):
            continue
        if _is_other_period(before, fiscal_year):
            continue
        role, from_heading = statement_role(text, match, quantity, sentence.section)
        by_number.setdefault(quantity.start or 0, []).append(Statement(match, quantity, role, from_heading))
    return by_number


def check_text_against_table(inp: CheckInput, settings: RuleSettings) -> Iterator[Flag]:
    """正文所写某项指标的目标值或实际值与指标表不一致。

    检查内容：对每个提到某项指标的句子，把所写数值与该指标各行的目标值列或实际值列比较；与任何一行都
    不相等即报告，并给出最接近的那一行。认定方法：名称——去掉“指标N：”前缀、括号中的单位和末尾的%后，
    在句中精确查找，或按相似度（满分100，不低于90）查找略有改写的名称；数值——名称后的第一个数量，相
    距不超过六个字，中间没有分句或括号；“由／从（上年的）X提高到／下降到／降至Y”中X是起点，取变化后
    的Y；目标还是实际——先看分句用词（计划、目标、预期……为目标；紧跟“目标N：”“××年度绩效目标为：”的
    分句为目标；完成、实际、实现为实际），否则看上方最近的标题（“绩效目标”为目标，“完成情况”为实际）。实际值允许两者中精度较低一方的舍入误差，目标值
    必须相等。
    为何重要：正文和表格是对同一数字的两次表述；两者不同，必有一个是错的，而只读正文的人（正文往往是
    唯一被阅读的部分）会对完成情况产生误解。
    触发示例：样本003：“移民美丽家园项目完成124个”和“生产开发及配套设施项目完成100个”，而表中实际值
    为122和96；“绩效目标”一节中的“项目扶持受益移民村（不含建成美丽移民村）123个”和“…较上年增长速度
    5.48%”，而表中目标值为120和5%；“大班额比例由上年的3.2%下降到1.8%”，而表中实际值为1.5%。
    不触发示例：“美丽家园项目完成122个”“直补资金按时发放率99%”“移民培训合格率100%”“满意度为95%”（与
    表格相同）；“95.2%”对实际值95（舍入）；数字离名称超过六个字，或名称后有逗号；“偏离原因”标题下不
    含“完成”或“计划”的句子；表中实际值为1.5%时的“大班额比例由上年的3.2%下降到1.5%”；“…由95%提高了4
    个百分点”“…上年为95%”（不是本年的数值）。另外，以下情形有意不报告：句中数值等于该行目标值，而只
    是因所在标题才归入成果的句子（“完成情况”下的“其中：资金直补受益移民40848人”）：“完成情况”部分常
    先重述目标再写成果，这样的句子不当作所称的实际值；讲以后工作的句子（以“下一步”“今后”“明年”开头，
    位于“下一步工作计划”等标题下，或写明下一年度的计划：“2024年，计划完成…50个”）是打算，不与本年度
    的指标表比较。
    局限：不足四个字的名称不查找；同一句中写了两次的名称也不查找（“中央资金到位率…，省级资金到位率…”
    说的是分项，不是整体）。用其他说法提到指标（既不精确相同也不近似）的句子会漏掉。两项指标与同一句
    匹配程度相同、而句子与两者都不符时，视为无法判断而跳过。名称后只读第一个数字（变化的起点除外；
    “甲、乙分别为x、y”按顺序配对，个数不符时不读）。
    """
    groups: dict[str, list[IndicatorRow]] = {}
    for row in inp.indicators:
        groups.setdefault(indicator_to_match_name(row.name), []).append(row)
    if not groups:
        return  # no indicator table to compare with
    names = names_to_look_for((key for key in groups if key), _opening_text(inp.sentences))
    if not names:
        return
    candidates = names_by_sentence([sentence.text for sentence in inp.sentences], names)
    for sentence, sentence_names in zip(inp.sentences, candidates):
        if not sentence_names:
            continue  # no name can be in it
        for statements in sentence_to_statements(sentence, sentence_names, inp.fiscal_year).values():
            flag = statements_to_flag(sentence, statements, groups)
            if flag is not None:
                yield flag


def statements_to_flag(
    sentence: Sentence, statements: list[Statement], groups: dict[str, list[IndicatorRow]]
) -> Flag | None:
    """One flag for the statements of one number, or None when they agree with the table."""
    best = max(s.match.score for s in statements)
    plausible = [s for s in statements if s.match.score >= best - NEAR_BEST]
    lead = max(plausible, key=lambda s: (s.match.score, s.match.end - s.match.start))
    role = lead.role
    if role is None:
        return None
    text_q = lead.quantity
    results = [
        (s, row, agrees) for s in plausible for row, agrees in _comparisons(groups[s.match.key], role, text_q)
    ]
    if not results or any(agrees for _, _, agrees in results):
        return None
    if len({s.match.key for s, _, _ in results if s.match.score == best}) > 1:
        return None  # two indicators fit equally well: which one the sentence means is unclear
    statement, row, _ = next((s, r, a) for s, r, a in results if s.match.score == best)
    if lead.from_heading and role == "actual" and any(
        _agrees(r.target, text_q, r.name, "target") for r in groups[statement.match.key] if r.target
    ):
        return None  # the target restated in a results section, not a claimed actual
    _table_q, table_raw, cell_location = _cell(row, role)
    text = sentence.text
    quote = text[statement.match.start:text_q.end]
    role_name = ROLE_NAMES[role]
    evidence = [text, row.location.quote.strip() or row.name]
    locations = [sentence.location, row.location]
    if cell_location is not None:
        evidence.append(cell_location.quote.strip() or table_raw)
        locations.append(cell_location)
    where = cell_location.describe() if cell_location is not None else row.location.describe()
    return Flag(
        f"正文“{quote}”（{sentence.location.describe()}）所写{role_name}{text_q.raw}与指标表“{row.name}”"
        f"（{where}）的{role_name}{table_raw}不一致",
        tuple(dict.fromkeys(evidence)),
        tuple(dict.fromkeys(locations)),
        {"指标": row.name, "比较": role_name, "正文值": text_q.raw, "表格值": table_raw,
         "名称匹配度": f"{statement.match.score:.0f}"},
    )


RULES = (Rule("JX602", "text_table_conflict", "warning", check_text_against_table),)
