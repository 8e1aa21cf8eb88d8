"""Label → catalogue concept, with the score and the method that decided it.

Reports name the same figure many ways (“三公”经费 / 三公经费合计 / “三公”经费预算安排数), so a
label is matched in three steps, each stricter about what it accepts than the last is lenient:

1. **alias**: the cleaned label contains a catalogue alias (the longest one wins; an alias of a
   *specific* concept such as 基本支出 beats a *generic* one such as 支出预算 that it overlaps);
2. **tokens**: the jieba tokens of an alias appear among the label's tokens in the same order,
   with other words between (公务用车购置和运行维护费 ↔ 公务用车运行维护费). Order matters:
   一般公共预算拨款收入 holds the tokens of 收入预算 reversed and is not total income;
3. **fuzzy**: rapidfuzz similarity of the whole cleaned label to an alias of at least
   ``FUZZY_THRESHOLD`` (typos and stray characters: 公务接侍费).

Two different concepts matching equally well is *ambiguous* and returns ``None``: a blank is better
than a wrong figure.
"""

from __future__ import annotations

import re
from functools import cache, lru_cache

from extract.records import record
from normalize.catalogue import (
    ALIASES_AT_END_ONLY,
    CONCEPTS,
    DELTA_WORDS,
    FILLER_WORDS,
    NEGATION_WORDS,
    ROLE_WORDS,
    WEAK_ROLE_WORDS,
    Concept,
    Role,
)
from normalize.jieba_dictionary import import_jieba
from normalize.jieba_dictionary import install as install_dictionary

# Similarity (0–100, rapidfuzz.fuzz.ratio) a label must reach to be matched by fuzzy matching.
# 88 accepts one wrong or missing character in a 9-character alias (公务接侍费 → 公务接待费 is 80 on
# 5 characters, so short aliases rarely match fuzzily, on purpose: short labels are where a one-
# character difference changes the meaning, e.g. 结余 vs 结转).
FUZZY_THRESHOLD = 88.0
# Two candidates whose scores differ by less than this are treated as a tie (ambiguous).
TIE_MARGIN = 3.0

# Concepts whose aliases are generic words that also appear inside specific labels
# (预算数, 执行数, 支出预算 inside 基本支出预算数): they only win when nothing specific matches.
GENERIC_CONCEPTS = frozenset({"total"})

# Characters removed before matching: quotes, brackets around units, colons, digits, spaces.
# A 截至 date names when an amount was measured, not what it is (“截至2023年12月31日已支付”): it goes
# whole (extract keeps its year in RawFigure.as_of), so that its 月/日 are no naming words.
_NOISE = re.compile(
    r"截[至止]\s*(?:\d{4}\s*)?年?\s*(?:\d{1,2}\s*月\s*)?(?:\d{1,2}\s*日)?(?:底|末)?"
    r"|[\s\"“”‘’'：:，,。；;、（）()\[\]【】〔〕<>《》0-9０-９.．%％/*=＝×]|万元|千元|亿元|元|其中")


@record
class Match:
    concept: Concept
    score: float
    method: str  # "exact" | "alias" | "tokens" | "fuzzy"
    alias: str


# A batch asks about the same few hundred labels (实际支出, 预算数, 公务接待费 …) tens of thousands
# of times: the figure rules, the role and the checks each ask again. The label helpers below are
# pure functions of the label and return immutable values, so each distinct label is worked out
# once per worker; the bound keeps a worker's memory flat however long the batch.
LABEL_MEMO_SIZE = 4096


@lru_cache(maxsize=LABEL_MEMO_SIZE)
def clean_label(label: str) -> str:
    """Drop punctuation, digits, unit words and 其中 so that only the naming words remain."""
    return _NOISE.sub("", label)


@lru_cache(maxsize=LABEL_MEMO_SIZE)
def match_label(label: str) -> Match | None:
    """The concept a label names, or None when nothing (or more than one thing) fits. Every text
    figure asks of its label and often of the words after its number: one lookup, not two."""
    return _match_cleaned(clean_label(label))


# A batch repeats the same labels across reports (编制数, 公务接待费 …): each distinct label is
# matched once per worker. Match is frozen, so sharing the result is safe.
@lru_cache(maxsize=16384)
def _match_cleaned(cleaned: str) -> Match | None:
    if not cleaned:
        return None
    for step in (_match_alias, _match_tokens, _match_fuzzy):
        result = step(cleaned)
        if result is not _NO_MATCH:
            return result
    return None


_ANY_ROLE_WORD = re.compile("|".join(re.escape(word) for word, _ in ROLE_WORDS))


@lru_cache(maxsize=LABEL_MEMO_SIZE)
def role_of(label: str, weak: bool = False) -> Role | None:
    """The budget side a label names (年初预算 → budget_initial, 决算数 → actual), if any.

    The role word that appears *last* wins, because Chinese puts the head noun at the end:
    “预算执行数” is an executed amount, “执行数预算” does not occur.
    """
    if not weak and _ANY_ROLE_WORD.search(label) is None:
        return None  # most labels (公务接待费, 编制数) hold none: one search instead of a find per word
    best: tuple[int, int, Role] | None = None
    for word, role in WEAK_ROLE_WORDS if weak else ROLE_WORDS:
        position = label.rfind(word)
        if position < 0:
            continue
        candidate = (position + len(word), len(word), role)
        if best is None or candidate[:2] > best[:2]:
            best = candidate
    if best is None:
        return None
    # “2023年初基本支出预算”: 年初 before the budget word makes it the year-start budget.
    if best[2] == "budget" and "年初" in label[: best[0]]:
        return "budget_initial"
    return best[2]


def names_a_side(label: str) -> bool:
    """Whether a label's own words say which side of the budget its amount is on, by a strong
    word (预算, 实际支出 …) or the weak 支出: when none does, any side the amount gets comes from
    the words of another figure in its sentence."""
    return role_of(label) is not None or role_of(label, weak=True) is not None


@lru_cache(maxsize=LABEL_MEMO_SIZE)
def is_role_only(label: str) -> bool:
    """True when a label names no thing of its own, only a budget side (“实际支出”, “预算为”).

    Such a label continues the thing named before it in the same sentence:
    “公务接待费预算1.14万元，实际支出1.06万元”.
    """
    rest = clean_label(label)
    if rest.startswith("比") and role_of(rest[1:]) is not None:
        rest = rest[1:]  # “…8.9万元，比预算数10万元减少”: the amount compared with is that thing's
    if _NOT_IN_ROLE_OR_FILLER_WORDS.search(rest):
        return False  # removing words only removes their characters: this one would stay
    for word in _role_and_filler_words():
        rest = rest.replace(word, "")
    return not rest


def naming_words(label: str) -> str:
    """What a label names once its role and filler words are gone: “累计支付项目资金” → “项目”,
    “2023年上级共下达我县农村公路养护资金” → “上级我县农村公路养护”."""
    rest = clean_label(label)
    for word in _role_and_filler_words():
        rest = rest.replace(word, "")
    return rest


@cache
def _role_and_filler_words() -> tuple[str, ...]:
    """Role, weak role and filler words, longest first (so 实际支出 goes before 支出)."""
    words = {w for w, _ in ROLE_WORDS} | {w for w, _ in WEAK_ROLE_WORDS} | set(FILLER_WORDS)
    return tuple(sorted(words, key=lambda word: (-len(word), word)))


# A character that no role or filler word has. Most labels name a thing (公务接待费) and hold
# one: they are not role-only, whatever the words removed, which one search says.
_NOT_IN_ROLE_OR_FILLER_WORDS = re.compile(
    "[^" + "".join(re.escape(ch) for ch in sorted(set("".join(_role_and_filler_words())))) + "]"
)


@lru_cache(maxsize=LABEL_MEMO_SIZE)
def is_negated(label: str) -> bool:
    """True when a label says the number did not happen (未发放, 未执行)."""
    return _NEGATION.search(label) is not None


@lru_cache(maxsize=LABEL_MEMO_SIZE)
def is_delta(label: str) -> bool:
    """True when a label makes its number a change (增加, 减少, 较上年 …), not a level.

    A level named after the change word is the label's head: “年中追加调整后全年预算数” is the
    year's budget after the addition, not the addition (“年中追加预算” is)."""
    found = None
    for found in _DELTA.finditer(label):
        pass
    return found is not None and _LEVEL_AFTER_CHANGE.search(label, found.end()) is None


# Whole budgets named after a change word: the level the change led to.
_LEVEL_AFTER_CHANGE = re.compile(r"调整后|全年预算|预算总额|年度预算数")


@lru_cache(maxsize=LABEL_MEMO_SIZE)
def without_comparison_to_budget(label: str) -> str:
    """The label of an amount compared with: “…支出1.92万元，较预算2.40万元节约0.48万元” gives 2.40
    the label “较预算”, and 2.40 is the budget, a level of the year (the change comes after it).
    Without its 较 the label says just that. Not 较上年: that is last year's amount."""
    found = _COMPARED_WITH_BUDGET.search(label)
    return label if found is None else label[:found.start()] + found.group(1)


_COMPARED_WITH_BUDGET = re.compile(r"(?:较|相比)\s*((?:年初|全年)?预算数?)$")


def _any_of(words: tuple[str, ...]) -> re.Pattern[str]:
    """A pattern found in a text exactly when one of ``words`` is (one search, not one per word)."""
    return re.compile("|".join(re.escape(word) for word in words))


_NEGATION = _any_of(NEGATION_WORDS)
_DELTA = _any_of(DELTA_WORDS)


_NO_MATCH = object()

# Aliases cleaned the same way as labels, computed once.
_CLEAN_ALIASES: dict[str, tuple[str, ...]] = {
    concept.name: tuple(dict.fromkeys(clean_label(alias) for alias in concept.aliases)) for concept in CONCEPTS
}


# The aliases of specific concepts, in catalogue order: the ones the tokens and fuzzy steps compare
# a label with (generic words such as 拨付…资金 must be written out, never assembled or guessed).
_SPECIFIC_ALIASES: tuple[tuple[Concept, str], ...] = tuple(
    (concept, alias)
    for concept in CONCEPTS
    if concept.name not in GENERIC_CONCEPTS
    for alias in _CLEAN_ALIASES[concept.name]
)


def _match_alias(cleaned: str):
    found: list[tuple[int, bool, Concept, str]] = []
    for concept in CONCEPTS:
        for alias in _clean_aliases(concept):
            if alias and alias in cleaned and (alias not in ALIASES_AT_END_ONLY or cleaned.endswith(alias)):
                found.append((len(alias), concept.name not in GENERIC_CONCEPTS, concept, alias))
    if not found:
        return _NO_MATCH
    specific = [f for f in found if f[1]] or found
    longest = max(f[0] for f in specific)
    best = {f[2].name: f for f in specific if f[0] == longest}
    if len(best) != 1:
        head = _head_of_compound(cleaned, [alias for _, _, _, alias in best.values()])
        if head is None:
            return None
        best = {name: f for name, f in best.items() if f[3] == head}
    length, _, concept, alias = next(iter(best.values()))
    if cleaned[max(0, cleaned.find(alias) - len(OTHER)):cleaned.find(alias)] == OTHER:
        return None  # 其他项目支出: the rest of the 项目支出, one part of it, not the 项目支出
    method = "exact" if alias == cleaned else "alias"
    return Match(concept, round(100.0 * length / len(cleaned), 1), method, alias)


OTHER = "其他"


def _head_of_compound(cleaned: str, aliases: list[str]) -> str | None:
    """Of equally long aliases that overlap in one compound, the one it ends with, or None.

    Chinese puts the head noun last: 实有人员编制 holds 实有人员 and 人员编制, and is a 编制 (the
    staff quota of the posts). Aliases side by side (编制数实有人数) name two things: no head,
    unless 中 joins them: 基本支出中人员经费 is the 人员经费 within the 基本支出.
    """
    spans = sorted((cleaned.find(alias) + len(alias), cleaned.find(alias), alias) for alias in aliases)
    head_end, head_start, head = spans[-1]
    if spans[-2][0] == head_end:
        return None
    if len(spans) == 2 and cleaned[spans[0][0]:head_start] in WITHIN_JOINERS:
        return head
    if any(end <= head_start for end, _, _ in spans[:-1]):
        return None
    return head


# What joins a whole and its part named after it: 基本支出中人员经费, 基本支出中的人员经费,
# 基本支出包括人员经费 (blind probe N).
WITHIN_JOINERS = frozenset({"中", "中的", "包括", "包含", "含"})


def _match_tokens(cleaned: str):
    # An alias whose tokens are not all substrings of the label cannot be a subsequence of the
    # label's tokens: most labels that reach this step hold no alias that way, and jieba (most
    # of this step's cost, per distinct label) need not cut them.
    candidates = [
        entry for entry in _token_aliases()
        if entry.tokens[0] in cleaned and all(token in cleaned for token in entry.tokens[1:])
    ]
    if not candidates:
        return _NO_MATCH
    label_tokens = _tokens(cleaned)
    found: dict[str, tuple[int, Concept, str]] = {}
    for entry in candidates:
        concept, alias = entry.concept, entry.alias
        if _is_subsequence(entry.tokens, label_tokens) and _keeps_its_rate(entry.tokens, label_tokens):
            size = len(alias)
            if concept.name not in found or found[concept.name][0] < size:
                found[concept.name] = (size, concept, alias)
    if not found:
        return _NO_MATCH
    if len(found) != 1:
        return None
    size, concept, alias = next(iter(found.values()))
    return Match(concept, round(100.0 * size / len(cleaned), 1), "tokens", alias)


RATE_TOKEN = "率"


def _keeps_its_rate(alias_tokens: tuple[str, ...], label_tokens: tuple[str, ...]) -> bool:
    """A rate alias names a label's rate only when the word right before 率 is its own: 资金拨付及时率
    holds the tokens of 资金拨付率, but it is a rate of timeliness, not of spending (blind probe L)."""
    if alias_tokens[-1] != RATE_TOKEN:
        return True
    return label_tokens[-2:] == alias_tokens[-2:]


@record
class _TokenAlias:
    concept: Concept
    alias: str
    tokens: tuple[str, ...]  # jieba's tokens of the alias, two or more


@cache
def _token_aliases() -> tuple[_TokenAlias, ...]:
    """The aliases the tokens step matches, with their tokens, in catalogue order: those of
    ``_SPECIFIC_ALIASES`` that jieba cuts into two tokens or more. Cut once per process, when
    first needed."""
    return tuple(
        _TokenAlias(concept, alias, tokens)
        for concept, alias in _SPECIFIC_ALIASES
        if len(tokens := _tokens(alias)) >= 2
    )


def _is_subsequence(needle: tuple[str, ...], haystack: tuple[str, ...]) -> bool:
    remaining = iter(haystack)
    return all(token in remaining for token in needle)


def _match_fuzzy(cleaned: str):
    from rapidfuzz import fuzz

    scores: dict[str, tuple[float, Concept, str]] = {}
    for concept, alias in _fuzzy_candidates(len(cleaned)):
        score = fuzz.ratio(cleaned, alias)
        if score >= FUZZY_THRESHOLD and score > scores.get(concept.name, (0.0,))[0]:
            scores[concept.name] = (score, concept, alias)
    if not scores:
        return _NO_MATCH
    ranked = sorted(scores.values(), key=lambda item: -item[0])
    if len(ranked) > 1 and ranked[0][0] - ranked[1][0] < TIE_MARGIN:
        return None
    score, concept, alias = ranked[0]
    return Match(concept, round(score, 1), "fuzzy", alias)


@lru_cache(maxsize=1024)
def _fuzzy_candidates(length: int) -> tuple[tuple[Concept, str], ...]:
    """The aliases of ``_SPECIFIC_ALIASES`` (in its order) whose ``fuzz.ratio`` with a label of
    ``length`` characters can reach ``FUZZY_THRESHOLD``: rapidfuzz need not score the others.

    The ratio is 100·(1 − d/(m+n)), d the insertions and deletions turning one string into the
    other, at least |m − n|: so it is at most 200·min(m, n)/(m + n). Where that bound is below
    the threshold, the ratio is too: the gap (a fraction 1/(m+n) of a point at least, for a
    whole threshold) is far wider than any rounding of the computed ratio.
    """
    return tuple(
        (concept, alias)
        for concept, alias in _SPECIFIC_ALIASES
        if 200 * min(length, len(alias)) >= FUZZY_THRESHOLD * (length + len(alias))
    )


def _clean_aliases(concept: Concept) -> tuple[str, ...]:
    return _CLEAN_ALIASES[concept.name]


@cache
def tokenizer():
    """jieba, ready to cut, and quiet.

    Every use of jieba goes through here. Its dictionary is read one first character at a time
    (``normalize.jieba_dictionary``: tens of milliseconds, where jieba's own loading takes about
    a second and 80 MB per process), or whole if that cannot be set up. A batch's parent calls
    this just before its workers are started, so that they are forked with jieba imported; a
    rerun that reads nothing never loads it."""
    jieba = import_jieba()
    jieba.setLogLevel(60)  # jieba prints its dictionary loading to stderr otherwise
    if not install_dictionary(jieba.dt):
        jieba.initialize()
    return jieba


@lru_cache(maxsize=4096)
def _tokens(text: str) -> tuple[str, ...]:
    return tuple(token for token in tokenizer().lcut(text) if token.strip())
