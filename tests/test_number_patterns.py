"""extract/numbers.py: the fast forms of the number patterns blank exactly what the readable forms did.

The patterns of ``NOT_QUANTITY_PATTERNS`` (and ``YEAR_PATTERNS``) are written first character
first (``\\d(?<![\\d.]\\d)`` for ``(?<![\\d.])\\d``), some are skipped by a character or pattern
gate, the clock times run in two passes, ``normalise_chars`` uses ``re.sub`` instead of
``str.translate``, the core search goes through ``_search_core`` and ``read_unit`` looks units up
by first character: all for speed. This file keeps the readable forms as they were and checks,
on every line of the seed reports and on many random strings built from the characters the
patterns look at, that the fast forms give the same text, character for character.
"""

from __future__ import annotations

import random
import re

import pytest
from conftest import ROOT

from extract import numbers
from extract.chinese_numerals import DIGITS, NUMERAL_CHARS

SEEDS_DIR = ROOT.parent / "shared" / "seeds"

# ─── the readable forms, as they were before they were rewritten for speed ────────────────────

_OPEN, _CLOSE = r"[〔﹝【\[(]", r"[〕﹞】\])]"
_DIGIT_CHARS = "".join(DIGITS)

READABLE_YEAR_SOURCES = (
    r"(?<![\d.])(?:19|20)\d{2}(?=\s*[-—–~至到]\s*(?:19|20)\d{2}\s*年)",
    r"(?<![\d.])(?:19|20)\d{2}(?=\s*年)",
    r"(?<![\d.])(?:19|20)\d{2}(?=[-/]\d{1,2}[-/]\d{1,2}(?!\d))",
    f"(?<![{NUMERAL_CHARS}])[〇零○一二三四五六七八九]{{4}}(?=年)",
)

READABLE_NUMERAL_WORDS = (
    r"一律|一般|一直|一线|一站式|一卡通|一体化|一系列|一方面|一把手|一揽子",
    r"(?<=[统唯同逐单])一|(?<=之)(?<![\d" + _DIGIT_CHARS + r"十百千万亿]分之)一|(?<![\d" + "".join(DIGITS)
    + "十百千拾佰仟])万一|进一步",
    r"一次性|一条龙|一口气|一成不变",
    r"三公",
    r"十[一二三四五六七八九]五",
    r"[一二三四五六七八九]级",
    f"(?<![{NUMERAL_CHARS}\\d之])[一二三四五六七八九十]是",
    r"八项规定",
    r"百分百",
    f"(?<![{NUMERAL_CHARS}\\d])十分(?![之钟])",
)

# A number with its Latin-letter unit (5km) is not a code: the module's units, longest first.
ASCII_UNITS = numbers._ASCII_UNIT_ALTERNATION
READABLE_NOT_QUANTITY_SOURCES = (
    f"{_OPEN}\\s*(?:19|20)\\d{{2}}\\s*{_CLOSE}\\s*第?\\s*\\d+\\s*号?",
    r"(?<![\d.])(?:19|20)\d{2}([-/.])\d{1,2}\1\d{1,2}(?![\d.])",
    r"(?<![\d.])(?:19|20)\d{2}[-/](?:0?[1-9]|1[0-2])(?!\d)",
    r"(?<![\d.])(?:19|20)\d{2}\.(?:0?[1-9]|1[0-2])\s*[-~至到—–]\s*(?:19|20)\d{2}\.(?:0?[1-9]|1[0-2])(?![\d.])",
    r"(?:截至|截止)\s*(?:19|20)\d{2}\.(?:0?[1-9]|1[0-2])(?![\d.])",
    r"(?<![\d.])(?:19|20)\d{2}\.(?:0?[1-9]|1[0-2])(?=\s*[底末月])",
    *READABLE_YEAR_SOURCES,
    r"(?<![\d.])\d{1,2}\s*[-~至到—–]\s*(?=\d{1,2}\s*[月日号])",
    r"(?<![\d.])\d{1,2}\s*月份?",
    r"(?<![\d.])\d+\s*号|(?<![\d.])(?:(?<=\ufffc)|(?<=\ufffc ))\d{1,2}\s*日|(?<![\d.])"
    + "".join(f"(?<!{re.escape(w)})(?<!{re.escape(w)} )" for w in numbers.DAY_COUNT_COMPARATORS)
    + r"\d{1,2}\s*日(?!\s*(?:以内|之内|内(?![容部涵])))",
    r"(?<![\d.])\d{1,2}:\d{2}(?::\d{2})?(?!\d)|\d{1,2}[点时]\d{1,2}分|[上下]午\s*\d{1,2}\s*[点时]",
    r"(?:电\s*话|手机|传真|热线|[Tt][Ee][Ll])[:\s]*\+?\d[\d\- ]{5,}\d",
    r"(?<![\d.])0\d{2,3}-\d{7,8}(?!\d)",
    r"(?<![\d.])1[3-9]\d{9}(?![\d.])",
    r"(?<![\d.])\d{12,}(?![\d.])",
    r"(?<![A-Za-z\d.])(?!\d+(?:" + ASCII_UNITS + r")(?![A-Za-z\d]))(?=[\dA-Za-z]*[A-Za-z])(?=[\dA-Za-z]*\d)[\dA-Za-z]+",
    r"(?<![\d.])\d+(?:\.\d+){2,}|\d+(?:\.\d+)*\s*版",
    r"(?<![\d./])\d{1,4}/\d{1,4}(?![\d./]|\s*万)",  # not a rate per 10万 (12/10万)
    f"第\\s*(?:\\d+(?:\\s*[、\\-~至到—–]\\s*\\d+)*|[{NUMERAL_CHARS}]+(?:\\s*[、\\-~至到—–]\\s*[{NUMERAL_CHARS}]+)*)",
    r"(?<![\d.])\d{1,3}\s*、",
    r"\(\s*\d{1,3}\s*\)",
    r"(?<![\d.])\d{1,3}\.(?=[\u4e00-\u9fff“\"])",
    r"(?:^|(?<=[\s。;；:：,，(（]))\d{1,2}\.[ \u3000]+(?=[\u4e00-\u9fff“\"])",
    r"(?m)(?:^|(?<=[;。:,\s]))[ \t]*\d{1,3}\)",
    r"(?:指标|目标|附件|附表|任务|步骤|序号|编号|条款|图)[ ]*\d+(?:[-.]\d+)*",
    r"(?<![代发报列填])表[ ]*\d+(?:[-.]\d+)*",
    r"[×*]\s*100\s*%",
    *READABLE_NUMERAL_WORDS,
)
READABLE_NOT_QUANTITY = tuple(re.compile(rx) for rx in READABLE_NOT_QUANTITY_SOURCES)
READABLE_YEARS = tuple(re.compile(rx) for rx in READABLE_YEAR_SOURCES)


def readable_blank(clean: str) -> str:
    """``blank_non_quantities`` as it was: every readable pattern, in order, on every text."""
    for pattern in READABLE_NOT_QUANTITY:
        clean = pattern.sub(numbers._blank_match, clean)
    return clean


def readable_read_unit(s: str, p: int) -> tuple[str, int]:
    """``read_unit`` as it was: every spelling, longest first (one line break allowed before it)."""
    q = re.compile(r"[ ]*(?:\n[ ]*)?").match(s, p).end()
    for spelling in sorted(numbers.UNIT_SPELLINGS, key=len, reverse=True):
        if s.startswith(spelling, q):
            after = s[q + len(spelling): q + len(spelling) + 1]
            if after and after in numbers.UNIT_REJECTED_BEFORE.get(spelling, ""):
                continue
            if re.fullmatch("[A-Za-z0-9]", after) and re.fullmatch("[A-Za-z0-9]", spelling[-1]):
                continue  # a Latin-letter unit whose letters run on
            return numbers.UNIT_SPELLINGS[spelling], q + len(spelling)
    return "", p


# ─── the texts compared ───────────────────────────────────────────────────────────────────────


def seed_lines() -> list[str]:
    paths = sorted(SEEDS_DIR.glob("*.txt")) if SEEDS_DIR.is_dir() else []
    return [line for path in paths for line in path.read_text(encoding="utf-8").splitlines()]


# Characters and short words the patterns look at (digits, separators, date and time words,
# numerals, letters, list-marker brackets, the words before a lookbehind), with full-width forms
# and BLANK; the fragments make the rarer matches (〔2022〕, 上午9点, 0730-…, 三分之一) likely
# enough, and the characters around them make near misses.
ALPHABET: tuple[str, ...] = (
    *"0123456789" * 6, *".../::--~—–,+",
    *"年月日号点时分份午上下至到", *"内容≤<>超逾", "以内", "之内", "不超过", "不少于", "大于或等于", *"〇零○一二两三四五六七八九十百千万亿壹贰拾", *"aAbTtEeLlxZ",
    *"  \n\t、()（）〔〕[]【】;。：，“\"", *"表代发报列填统唯同之逐单进万版第级是话机真线钟",
    "０", "５", "．", "／",
    "\u3000", numbers.BLANK, "元", "人", "%",
    "19", "20", "2022", "2020年", "2020-2021年", "2022-12-2", "2023/07", "二〇二二年", "〔2022〕", "[2006]",
    "上午", "下午", "9:30", "9点30分", "月份", "分之", "十分", "十四五", "电话", "手机", "传真", "Tel",
    "0730-", "8864955", "0730-8864955", "138", "13812345678", "12345678", "上午9点", "123456789012",
    "MA4L", "tel:", "指标", "附件", "一般", "进一步", "2022.12.2", "12/31", "1:2", "3点4分", "上午1",
    "统一", "三公", "一次性", "八项规定", "百分百", "1.2.3", "2.0版", "1/3", "(1)", "1)", "1、", "1.贯彻", "1. 基本",
    "km", "m", "m2", "m²", "kWh", "kW", "kg", "5km", "mg", "g", "5G", "×100%", "*100%", "×", "*",
    "2023.12", "2023.1", "截至", "截止", *"截底末", "第1、2", "第一、二", "2023.01—2023.12", "2023.1-2023.12",
)


def random_texts(count: int, seed: int, longest: int = 40) -> list[str]:
    """Strings of 1 to ``longest`` pieces of ALPHABET (short ones are many: edge cases)."""
    rnd = random.Random(seed)
    return ["".join(rnd.choices(ALPHABET, k=rnd.randint(1, longest))) for _ in range(count)]


def mutated_seed_lines(seed: int) -> list[str]:
    """Each seed line with a few pieces of ALPHABET put in, taken out or swapped in at random."""
    rnd = random.Random(seed)
    mutated = []
    for line in seed_lines():
        chars = list(line)
        for _ in range(rnd.randint(1, 4)):
            at = rnd.randint(0, len(chars))
            action = rnd.choice(("insert", "delete", "replace"))
            if action != "insert" and at < len(chars):
                del chars[at]
            if action != "delete":
                chars.insert(at, rnd.choice(ALPHABET))
        mutated.append("".join(chars))
    return mutated


def assert_same_blanks(texts: list[str]) -> None:
    differing = [t for t in texts if numbers.blank_non_quantities(t) != readable_blank(t)]
    assert not differing, differing[:5]


# ─── the checks ───────────────────────────────────────────────────────────────────────────────


def test_seed_lines_blank_as_before() -> None:
    lines = seed_lines()
    if not lines:
        pytest.skip(f"seeds not available at {SEEDS_DIR}")
    assert_same_blanks(lines + [numbers.normalise_chars(line) for line in lines])


@pytest.mark.parametrize("seed", range(2))
def test_random_texts_blank_as_before(seed: int) -> None:
    texts = random_texts(5000, seed) + random_texts(20000, seed, longest=8)
    assert_same_blanks(texts + [numbers.normalise_chars(t) for t in texts])


@pytest.mark.parametrize("seed", range(3))
def test_mutated_seed_lines_blank_as_before(seed: int) -> None:
    texts = mutated_seed_lines(seed)
    if not texts:
        pytest.skip(f"seeds not available at {SEEDS_DIR}")
    assert_same_blanks(texts + [numbers.normalise_chars(t) for t in texts])


def test_the_random_texts_reach_every_pattern() -> None:
    """A differential test is only as good as its inputs: each readable pattern matches often."""
    texts = random_texts(5000, 0)
    for pattern in READABLE_NOT_QUANTITY:
        assert sum(1 for t in texts if pattern.search(t)) >= 5, pattern.pattern


def test_every_match_holds_its_gate() -> None:
    """A pattern is skipped on a text without a match of its gate: every match must imply one."""
    texts = random_texts(5000, 4) + seed_lines()
    texts += [numbers.normalise_chars(t) for t in texts]
    gated = [(nq.pattern, nq.gates) for nq in numbers.NOT_QUANTITY_PATTERNS if nq.gates]
    gated += [(p, (g,)) for p, g in zip(numbers.YEAR_PATTERNS, numbers._YEAR_GATES) if g is not None]
    assert len(gated) >= 10
    for pattern, gates in gated:
        matched = [t for t in texts if pattern.search(t)]
        assert len(matched) >= 5, pattern.pattern  # the check has something to check
        missed = [t for t in matched if not any(gate.search(t) for gate in gates)]
        assert not missed, (pattern.pattern, missed[:3])


def readable_find_years(text: str) -> list[tuple[int, tuple[int, int]]]:
    """``find_years`` as it was: every readable year pattern on every text."""
    clean = text.translate(numbers.CHAR_REPLACEMENTS)
    found = {}
    for pattern in READABLE_YEARS:
        for m in pattern.finditer(clean):
            digits = m.group()
            year = int(digits) if digits.isdigit() else int("".join(str(DIGITS[ch]) for ch in digits))
            found[m.start()] = (year, m.span())
    return [found[k] for k in sorted(found)]


@pytest.mark.parametrize("seed", range(2))
def test_years_as_before(seed: int) -> None:
    for text in random_texts(3000, seed) + seed_lines():
        assert numbers.find_years(text) == readable_find_years(text), text
        for fast, readable in zip(numbers.YEAR_PATTERNS, READABLE_YEARS):
            assert spans(fast, text) == spans(readable, text), text


def test_dates_in_every_dash_and_slash_are_years() -> None:
    """find_years skips texts without 年, a dash or a slash (may_hold_year): in every width."""
    marks = [chr(cp) for cp, to in numbers.CHAR_REPLACEMENTS.items() if chr(to) in "-/"] + ["-", "/"]
    assert len(marks) >= 5
    for mark in marks:
        text = f"2022{mark}12{mark}2"
        assert numbers.may_hold_year(text)
        assert numbers.find_years(text) == readable_find_years(text) == [(2022, (0, 4))], mark


def spans(pattern: re.Pattern[str], text: str) -> list[tuple[int, int]]:
    return [m.span() for m in pattern.finditer(text)]


def found(match: re.Match[str] | None) -> tuple[tuple[int, int], dict[str, str | None]] | None:
    return None if match is None else (match.span(), match.groupdict())


def test_normalise_chars_is_translate_on_every_character() -> None:
    every = "".join(chr(cp) for cp in range(0x110000) if not 0xD800 <= cp < 0xE000)
    assert numbers.normalise_chars(every) == every.translate(numbers.CHAR_REPLACEMENTS)


def test_search_core_is_core_search() -> None:
    for text in random_texts(3000, 7) + seed_lines():
        for pos in range(0, len(text) + 1, 3):
            fast, plain = numbers._search_core(text, pos), numbers.CORE.search(text, pos)
            assert found(fast) == found(plain), text


def test_read_unit_as_before() -> None:
    spellings = list(numbers.UNIT_SPELLINGS) + list("立为本级民员口 年度")
    rnd = random.Random(3)
    for _ in range(20000):
        text = "".join(rnd.choices(spellings, k=rnd.randint(0, 4)))
        for p in range(len(text) + 1):
            assert numbers.read_unit(text, p) == readable_read_unit(text, p), (text, p)
