"""Text → ``Quantity``: the numbers a report states, exact, with their unit and the raw text.

Modelled on price-parser: two small entry points return value objects holding a ``Decimal`` and
the exact substring; "no quantity here" is ``None`` (or an empty list), never an exception.
Every heuristic sits in an ordered module-level list with a comment saying why it is there.

    >>> parse_quantity("预算执行率61.92%")
    Quantity(value=Decimal('61.92'), unit='%', raw='61.92%', op=None, high=None, start=5, end=11)
    >>> [(q.value, q.unit) for q in find_quantities("完成了36277人计2161.83万元的移民直补")]
    [(Decimal('36277'), '人'), (Decimal('2161.83'), '万元')]

How a quantity is read, left to right over the text:

1. full-width characters are mapped to ASCII one for one (``１２３．４５`` → ``123.45``), so
   character offsets in the cleaned text are offsets in the original;
2. spans that hold digits but state no quantity are blanked out (``NOT_QUANTITY_PATTERNS``:
   document numbers, dates, years, phone numbers, section markers, numeral words like 统一);
3. each remaining number core (Arabic, Chinese, or after 百分之 or a fraction's 四分之) is
   extended to the right by 余/多, a multiplier (万, 亿, 千万), a unit, 角/分, a range and a
   comparator suffix, and to the left by a sign, a currency mark and a comparator prefix.

Decisions a reader of the results needs to know:

* A Chinese numeral run is a quantity only when a unit or measure word follows it (四个机构,
  两村) or when it is the whole cell (``parse_quantity("十五")``); idioms and slogans made of
  numerals are not (一律, 统一, 三公经费, 十四五, 一户一产业).
* Two neighbouring digits are a spoken range, op "range": 七八十人 is 70–80 人, 三五百元 300–500
  元, 十五六岁 15–16 岁 (``chinese_numerals.spoken_range``); a measure word must follow, as for any
  Chinese run, so 三五成群 and 乱七八糟 are no quantities.
* 余/多 (610余盏, 5万余元) mean "more than": op ">". 近 (近600万元) means "nearly": op "≈", as
  约/大约/左右 do. 以上/以下/以内 include the number (≥, ≤); 超过/不满/不足 exclude it (>, <).
  A comparator prefix wins over a suffix; a range (op "range") drops a comparator before it.
* A sign is only taken when written next to the digits (-5.2万元, －5%); 减少3.14万元 stays
  positive, since the word already carries the direction.
* A year (2020年度) is not a quantity; ``find_years`` returns years for later stages.

Units keep the report's own scale for money (``2.5万元`` is 2.5 in 万元, ``3.08亿元`` is 3.08
in 亿元) because auditors compare figures in the unit the report uses; every other multiplier is
folded into the value (``1.07万人次`` is 10700 人次, bare ``1.2万`` is 12000).
``normalize/units.py`` converts to canonical units.

``Quantity`` belongs with the document model; it is defined here until ``extract/model.py``
takes it over.
"""

from __future__ import annotations

import re
from functools import lru_cache
from dataclasses import dataclass, replace
from typing import NamedTuple
from decimal import Context, Decimal, DivisionByZero, Inexact, InvalidOperation, Overflow

from extract.chinese_numerals import (
    BIG_UNITS,
    CLAUSE_END,
    DIGITS,
    HIGHER_UNITS,
    NUMERAL_CHARS,
    NUMERAL_RUN,
    NUMERAL_WORDS,
    POINTS,
    SMALL_UNITS,
    chinese_to_decimal,
    has_numeral_digit,
    jiao_fen_at,
    run_states_quantity,
    spoken_range,
)
from extract.memo import MEMO_MAX_CHARS, short_text_memo
from extract.records import record


@record
class Quantity:
    """One quantity a text states. ``raw == text[start:end]`` when found in running text."""

    value: Decimal  # exact; for a range the low end
    unit: str  # normalised spelling, "" for a bare number
    raw: str  # the exact substring of the input that states the quantity
    op: str | None = None  # "≥", "≤", ">", "<", "≈", "±" (a tolerance), "range", or None for "="
    high: Decimal | None = None  # high end of a range
    start: int | None = None  # char span of raw in the input text (0-based, half-open)
    end: int | None = None


# ─── 1. characters ────────────────────────────────────────────────────────────────────────────

# One-for-one replacements, so offsets survive: full-width ASCII forms (１２３．４５％－＞，（）),
# the ideographic space, the minus sign and the small/wave hyphens that Word and PDFs produce.
CHAR_REPLACEMENTS: dict[int, int] = {cp: cp - 0xFEE0 for cp in range(0xFF01, 0xFF5F)} | {
    0x3000: ord(" "),  # ideographic space between a number and its unit (在职人员控制率为 260 %)
    0x00A0: ord(" "),  # no-break space from Word
    0x202F: ord(" "),  # narrow no-break space, between digit groups (2 287.04万元, blind probe AD)
    0x2009: ord(" "),  # thin space, the same
    0x2212: ord("-"),  # minus sign
    0xFE63: ord("-"),  # small hyphen-minus
    0x301C: ord("~"),  # wave dash 〜 used for ranges
    0xFFE5: ord("¥"),  # full-width yen/yuan sign
}

BLANK = "\ufffc"  # what a non-quantity span is replaced by: neither digit, unit nor comparator


def normalise_chars(text: str) -> str:
    """Map full-width digits and signs to ASCII, one character for one: ``５０％`` → ``50%``.

    The same as ``text.translate(CHAR_REPLACEMENTS)``, about three times faster on report text:
    ``translate`` looks every character up in the dict (an int object per CJK character), where
    ``sub`` with one character class visits only the characters to replace. Chinese punctuation
    (，；）：（, nearly every character replaced in a report) goes first through ``str.replace``,
    without the Python call ``sub`` makes for each match.
    """
    for wide, narrow in _WIDE_PUNCTUATION:
        text = text.replace(wide, narrow)
    return _REPLACED_CHAR.sub(_replacement, text)


_WIDE_PUNCTUATION = tuple((wide, chr(CHAR_REPLACEMENTS[ord(wide)])) for wide in "，；）：（")


_REPLACED_CHAR = re.compile("[" + re.escape("".join(map(chr, CHAR_REPLACEMENTS))) + "]")
_REPLACEMENT_OF = {chr(cp): chr(to) for cp, to in CHAR_REPLACEMENTS.items()}


def _replacement(match: re.Match[str]) -> str:
    return _REPLACEMENT_OF[match.group()]


# ─── 2. years ─────────────────────────────────────────────────────────────────────────────────


def _first(atom: str, not_after: str) -> str:
    r"""The pattern ``(?<!not_after)atom``, written atom first: ``atom(?<!not_after atom)``.

    Most spans in this module start where a number starts: a digit with no digit or '.' before
    it, naturally written ``(?<![\d.])\d``. ``re`` finds no first character in a pattern that
    starts with a lookbehind, so ``search`` and ``sub`` then try the whole pattern at every
    position of the text; a pattern that starts with a character class or a literal lets the
    search loop skip to the next candidate. Both forms match the same spans: after the atom, the
    lookbehind ``(?<!not_after atom)`` tests the character before the atom (at the start of the
    text it does not fit, so it holds, as the plain lookbehind does there). ``atom`` must have a
    fixed width and no group (it is repeated inside the lookbehind).
    """
    return f"{atom}(?<!{not_after}{atom})"


# A digit starting a number, ``(?<![\d.])\d``; and the 19/20 starting a year.
_NUMBER_START = _first(r"\d", not_after=r"[\d.]")
_YEAR_START = _first(r"(?:19|20)", not_after=r"[\d.]")
_YEAR_DIGITS = "〇零○一二三四五六七八九"

# A year is a 4-digit 19xx/20xx followed by 年 (2020年度), starting a dashed date (2022-12-2), or
# first in a year range (2020—2021年); or four Chinese digits before 年 (二〇二二年).
# The range form comes first: once the 2021 of 2020-2021年 is blanked, 2020 has no 年 to see.
# Each comes with the characters of which the text must hold one for it to match, and the rarer
# ones with a gate, a pattern every match implies (see NOT_QUANTITY_PATTERNS).
_YEAR_SOURCES: tuple[tuple[str, str, str], ...] = (
    (_YEAR_START + r"\d{2}(?=\s*[-—–~至到]\s*(?:19|20)\d{2}\s*年)", "年",
     r"[-—–~至到]\s*(?:19|20)\d{2}\s*年"),
    (_YEAR_START + r"\d{2}(?=\s*年)", "年", ""),
    (_YEAR_START + r"\d{2}(?=[-/]\d{1,2}[-/]\d{1,2}(?!\d))", "-/", ""),
    (_first(f"[{_YEAR_DIGITS}]", not_after=f"[{NUMERAL_CHARS}]") + f"[{_YEAR_DIGITS}]{{3}}(?=年)", "年",
     f"年(?<=[{_YEAR_DIGITS}]{{4}}年)"),
)
YEAR_PATTERNS: tuple[re.Pattern[str], ...] = tuple(re.compile(rx) for rx, _needs, _gate in _YEAR_SOURCES)
_YEAR_GATES = tuple(re.compile(gate) if gate else None for _rx, _needs, gate in _YEAR_SOURCES)


def find_years(text: str) -> list[tuple[int, tuple[int, int]]]:
    """Every year written in ``text`` as (year, (start, end)), left to right.

    Years are not quantities (find_quantities skips them); later stages check them against the
    report year. A bracketed year inside a document number (湘财预〔2022〕292号) is not listed.
    """
    if not may_hold_year(text):
        return []
    clean = normalise_chars(text)
    found: dict[int, tuple[int, tuple[int, int]]] = {}
    for pattern, gate, (_source, needs, _gate) in zip(YEAR_PATTERNS, _YEAR_GATES, _YEAR_SOURCES):
        if not _holds_any(clean, needs) or (gate is not None and gate.search(clean) is None):
            continue  # no 年 (or no '-', '/'), or no gate: the pattern cannot match
        for m in pattern.finditer(clean):
            digits = m.group()
            year = int(digits) if digits.isdigit() else int("".join(str(DIGITS[ch]) for ch in digits))
            found[m.start()] = (year, m.span())
    return [found[k] for k in sorted(found)]


def may_hold_year(text: str) -> bool:
    """Whether ``find_years`` can find a year in ``text``: every year pattern needs a 年 or, for a
    date, a dash or a slash, in one of the widths ``normalise_chars`` maps (a few ``in`` tests,
    where most labels and clauses name no year)."""
    return _holds_any(text, _YEAR_MARKS)


_YEAR_MARKS = "年-/" + "".join(chr(cp) for cp, to in CHAR_REPLACEMENTS.items() if chr(to) in "-/")


# ─── 3. spans that are not quantities ─────────────────────────────────────────────────────────

# Units written in Latin letters or unit symbols, and the unit each means. Reports copy them
# from engineering documents (硬化道路5km, 建设面积1200m², 年发电量3.5万kWh). Only these exact
# spellings are units; any other run of digits and letters (5G, 3A级, PM2) stays a code.
ASCII_UNIT_SPELLINGS: dict[str, str] = {
    "km²": "平方公里", "km2": "平方公里", "㎢": "平方公里", "km": "公里", "㎞": "公里",
    "m²": "平方米", "m2": "平方米", "㎡": "平方米", "m³": "立方米", "m3": "立方米", "㎥": "立方米",
    "m": "米", "kg": "公斤", "㎏": "公斤",
    "kW·h": "千瓦时", "kWh": "千瓦时", "kwh": "千瓦时", "KWh": "千瓦时", "kW": "千瓦", "kw": "千瓦", "KW": "千瓦",
}
# The Latin-letter spellings, longest first, as a regex alternation.
_ASCII_UNIT_ALTERNATION = "|".join(
    re.escape(u) for u in sorted(ASCII_UNIT_SPELLINGS, key=len, reverse=True) if u[0].isascii()
)

# A code holds a Latin letter: found by the one search for needed characters (few texts hold any),
# where a gate of its own cost a pass over every text.
_ASCII_LETTERS = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz"

# Between ordinals that share one 第: 第1、2批, 第一至三季度, 第1-3批 (not a comma: 第一，100个村).
_ORDINAL_JOIN = "[、\\-~至到—–]"
_OPEN, _CLOSE = r"[〔﹝【\[(]", r"[〕﹞】\])]"

# A number of days written with 日 is a day of the month (5月22日, 27日) unless it is a count of
# days, a duration: a limit follows it (15日内, 15日以内, 15日之内) or a comparator comes before it
# (≤15日, 不超过15日); and even then not right after a month or a year, which the patterns before
# have blanked (5月15日以内 is a date). The comparators are those of PREFIX_COMPARATORS that set a
# bound (op ≥ ≤ > <; test_numbers checks the two lists agree), grouped by length for the
# lookbehinds, each also with one space after it (≤ 15日). ``read_day_count`` reads the count,
# with the same conditions, for the numbers this pattern does not see (3 digits, 十五日内).
DAY_COUNT_COMPARATORS = (
    "达到或超过", "大于或等于", "小于或等于", "大于等于", "小于等于",
    "不低于", "不少于", "不小于", "不超过", "不高于", "不多于", "不大于",
    "超过", "高于", "大于", "多于", "突破", "低于", "小于", "少于", "不足", "不到", "不满",
    "至少", "最少", "最多", ">=", "<=",
    "≥", "≧", "≤", "≦", ">", "<", "超", "逾",
)
# The words after the count that make it a limit; 内 of 内容, 内部, 内涵 is another word.
BARE_WITHIN = r"内(?![容部涵])"
DAY_COUNT_WITHIN = r"\s*(?:以内|之内|" + BARE_WITHIN + ")"
_BOUND_WORDS = (*DAY_COUNT_COMPARATORS, *(word + " " for word in DAY_COUNT_COMPARATORS))
_AFTER_COMPARATOR = "".join(
    "(?<!(?:" + "|".join(re.escape(w) for w in _BOUND_WORDS if len(w) == n) + r")\d)"
    for n in sorted({len(w) for w in _BOUND_WORDS})
)
# After the first digit of a number (_NUMBER_START): blanked when right after a blank (a month,
# a year), or when neither a comparator comes before it nor a limit after it.
_DATE_DAY = (
    r"(?:(?<=\ufffc\d)|(?<=\ufffc \d))\d?\s*日"
    + "|" + _AFTER_COMPARATOR + r"\d?\s*日(?!" + DAY_COUNT_WITHIN + ")"
)

# Applied in this order to the normalised text; each match is blanked. Seeds are the reports in
# shared/seeds/ (000 邵东 2020, 001 岳阳楼区 2023, 002 岳阳楼区 2017, 003 岳阳县, 004 永兴县).
# Entries are (pattern, why), (pattern, why, needs) or (pattern, why, needs, gate): ``needs``
# lists characters of which the text must hold at least one for the pattern to match at all (a
# separator, a lookahead's 年), and ``gate`` is a pattern that every match of the pattern implies,
# written to start with a rare character; the pattern is skipped on a text that lacks either
# (see NotQuantity). Patterns that start where a number starts are written digit first (_first),
# so that re can skip to digits.
_NOT_QUANTITY_SOURCES: tuple[tuple[str, ...], ...] = (
    (f"{_OPEN}\\s*(?:19|20)\\d{{2}}\\s*{_CLOSE}\\s*第?\\s*\\d+\\s*号?",
     "document numbers 湘财预〔2022〕292号, [2006]17号, 岳政办发[2007］7号 (seeds 002, 003)", "〔﹝【[("),
    (_YEAR_START + r"\d{2}([-/.])\d{1,2}\1\d{1,2}(?![\d.])", "dates 2022-12-2 (seed 003 tables)", "-/.",
     tuple(f"{sep}(?<=\\d{sep})\\d{{1,2}}{sep}\\d" for sep in ("-", "/", r"\."))),
    (_YEAR_START + r"\d{2}[-/](?:0?[1-9]|1[0-2])(?!\d)", "year-month 2023-07", "-/"),
    # A year and month written with a dot (2023.12) is a decimal number by its form; it is read as a
    # month only where nothing else is meant: both ends of a period (实施期限 2023.01—2023.12), after
    # 截至 or 截止, and before 底, 末 or 月. Elsewhere 2023.12 may be an amount (2023.12万元).
    (_YEAR_START + r"\d{2}\.(?:0?[1-9]|1[0-2])\s*[-~至到—–]\s*(?:19|20)\d{2}\.(?:0?[1-9]|1[0-2])(?![\d.])",
     "periods of dotted year-months 2023.01—2023.12 (起止时间, 实施期限)", ".",
     r"\.\d{1,2}\s*[-~至到—–]\s*(?:19|20)\d{2}\."),
    (r"(?:截至|截止)\s*(?:19|20)\d{2}\.(?:0?[1-9]|1[0-2])(?![\d.])", "dotted year-months after 截至: 截至2023.12",
     "截"),
    (_YEAR_START + r"\d{2}\.(?:0?[1-9]|1[0-2])(?=\s*[底末月])", "dotted year-months 2023.12底, 2023.6月", "底末月"),
    *((rx, "years 2020年度, 2020—2021年, 二〇二二年: see find_years", needs, gate)
      for rx, needs, gate in _YEAR_SOURCES),
    (_NUMBER_START + r"\d?\s*[-~至到—–]\s*(?=\d{1,2}\s*[月日号])", "the first end of 1-3月, 23至27日",
     "月日号", r"[-~至到—–]\s*\d{1,2}\s*[月日号]"),
    (_NUMBER_START + r"\d?\s*月份?", "months 3月份 (001), 6月底 (004); 3个月 is a duration", "月"),
    (_NUMBER_START + r"(?:\d*\s*号|" + _DATE_DAY + ")",
     "days 5月22日, 27日 (003), numbers 17号 (002); not a count of days (15日内, ≤15日: _DATE_DAY)", "号日",
     (r"号(?<=[\d\s]号)", r"日(?<=[\d\s]日)")),
    # Clock times, in two passes where one alternation (?<![\d.])\d{1,2}:…|\d{1,2}[点时]…|[上下]午…
    # was: with a choice of 上下 or a digit first, re has no first character to skip to. The
    # passes blank the same spans: a digit form holds no 上 or 下, so none covers the start of a
    # 上午 span or reaches into one; right after a 上午 span, the digit forms' lookbehind saw its
    # final 点/时 and now sees a BLANK, neither a digit nor '.'.
    (r"[上下]午\s*\d{1,2}\s*[点时]", "clock times 上午9点", "午"),
    (r"\d(?:(?<![\d.]\d)\d?:\d{2}(?::\d{2})?(?!\d)|\d?[点时]\d{1,2}分)", "clock times 9:30, 9点30分", ":点时",
     tuple(f"{sep}(?<=\\d{sep})\\d" for sep in ":点时")),
    # T…|t… rather than [Tt]…: when every alternative starts with a literal, re skips to those.
    (r"(?:电\s*话|手机|传真|热线|T[Ee][Ll]|t[Ee][Ll])[:\s]*\+?\d[\d\- ]{5,}\d",
     "phone numbers after their label: 联络电话 8864955 (seed 002, on the next line)", "电手传热Tt"),
    (_first("0", not_after=r"[\d.]") + r"\d{2,3}-\d{7,8}(?!\d)", "landlines 0730-8864955", "-"),
    (_NUMBER_START + r"(?:(?<=1)[3-9]\d{9}|\d{11,})(?![\d.])",
     "11-digit mobile numbers; ID, account and credit-code numbers: no amount here has 12 digits"),
    # Readable form: (?<![A-Za-z\d.])(?=[\dA-Za-z]*[A-Za-z])(?=[\dA-Za-z]*\d)[\dA-Za-z]+, a whole
    # run of letters and digits holding both. Written first character first: after a letter a
    # digit must follow in the run, after a digit a letter.
    # A number followed by a unit of ASCII_UNIT_SPELLINGS (5km, 1200m2) is not a code.
    (_first(r"[\dA-Za-z]", not_after=r"[A-Za-z\d.]")
     + r"(?:(?<=[A-Za-z])(?=[\dA-Za-z]*\d)"
     + f"|(?<=\\d)(?!\\d*(?:{_ASCII_UNIT_ALTERNATION})(?![A-Za-z\\d]))(?=[\\dA-Za-z]*[A-Za-z]))[\\dA-Za-z]*",
     "codes mixing letters and digits (MA4L…, V2, PM2, 5G); not a number with its unit (5km)",
     _ASCII_LETTERS),
    # Readable form: (?<![\d.])\d+(?:\.\d+){2,}|\d+(?:\.\d+)*\s*版. The first digit is written once,
    # before the two kinds, so that the pattern starts with it.
    (r"\d(?:(?<![\d.]\d)\d*(?:\.\d+){2,}|\d*(?:\.\d+)*\s*版)", "version numbers 1.2.3, 2.0版", ".版",
     ("版", r"\.\d+\.")),
    (_first(r"\d", not_after=r"[\d./]") + r"\d{0,3}/\d{1,4}(?![\d./]|\s*万)",
     "slash fractions 1/3 (no exact decimal), short dates 12/31; not a rate per 10万 (12/10万)", "/"),
    (f"第\\s*(?:\\d+(?:\\s*{_ORDINAL_JOIN}\\s*\\d+)*|[{NUMERAL_CHARS}]+(?:\\s*{_ORDINAL_JOIN}\\s*[{NUMERAL_CHARS}]+)*)",
     "ordinals 第一, 第九次, 第1条, and the ordinals listed after one: 第1、2批, 第一至三季度 (before "
     "list markers, which would take the 1、 of 第1、2批)", "第"),
    (_NUMBER_START + r"\d{0,2}\s*、", "list markers 1、 (every seed)", "、", r"、(?<=[\d\s]、)"),
    (r"\(\s*\d{1,3}\s*\)", "list markers (1) / （1） (seed 003)", "("),
    (_NUMBER_START + r"\d{0,2}\.(?=[\u4e00-\u9fff“\"])",
     "list markers 1.贯彻 (004), 4.提高 (000): no amount ends in '.'", ".", r"\.(?<=\d\.)[\u4e00-\u9fff“\"]"),
    (r"(?:^|(?<=[\s。;；:：,，(（]))\d{1,2}\.[ \u3000]+(?=[\u4e00-\u9fff“\"])",
     "list markers set apart by a space, 1. 基本支出845.26万元 (blind probe AG), where a clause begins: "
     "not the 5. of a number that ends a sentence with an ASCII point", ".", r"\.[ \u3000]+[\u4e00-\u9fff“\"]"),
    (r"(?m)(?:^|(?<=[;。:,\s]))[ \t]*\d{1,3}\)", "line-start markers 1）数量指标 (seed 003)", ")",
     r"\)(?<=\d\))"),
    (r"(?:指标|目标|附件|附表|任务|步骤|序号|编号|条款|图)[ ]*\d+(?:[-.]\d+)*",
     "labels 指标1：, 目标8：, 附件 5 (seeds 001, 002, 003)",
     "标附务骤号款图"),
    (_first("表", not_after="[代发报列填]") + r"[ ]*\d+(?:[-.]\d+)*",
     "table numbers 表1-1 (seed 003), not 代表42人", "表"),
    (r"[×*]\s*100\s*%", "the ×100% of a rate's formula (执行数/预算数×100%=96%): a factor, not a rate", "×*"),
    *NUMERAL_WORDS,
)


class NotQuantity(NamedTuple):
    """One kind of span that holds digits or numerals but states no quantity."""

    pattern: re.Pattern[str]
    why: str
    # The pattern cannot match a text that holds none of these characters, so blank_non_quantities
    # skips it there ("" when every text must be searched). A cheap exact gate: one search finds
    # which of all patterns' characters a text holds, and most texts lack the 年, 月, '/' or '、'.
    needs: str
    # Patterns of which every text the pattern matches holds one (empty: no gate); the pattern is
    # skipped on the others. Searching a pattern costs a pass over the text at every character its
    # first element can start with: digits are in nearly every text, and one starting with no
    # character or a class makes re test every character against it. A gate starts with one rarer
    # literal (``\.`` of ``1.贯彻``, ``)`` of ``1）``, the 年 of 二〇二二年 with a lookbehind for the
    # digits), so most texts are passed over at the speed of a substring search; where a match holds
    # one of several such characters (``:``, 点 or 时 of a clock time) each has a gate of its own,
    # as a class of them would again be tested at every character.
    # test_number_patterns checks the blanks are the same.
    gates: tuple[re.Pattern[str], ...]


def _not_quantity(source: str, why: str, needs: str = "", gates: str | tuple[str, ...] = ()) -> NotQuantity:
    """A NotQuantity from its sources: ``gates`` one pattern or several ("" or (): none)."""
    if isinstance(gates, str):
        gates = (gates,)
    return NotQuantity(re.compile(source), why, needs, tuple(re.compile(gate) for gate in gates if gate))


NOT_QUANTITY_PATTERNS: tuple[NotQuantity, ...] = tuple(
    _not_quantity(*entry) for entry in _NOT_QUANTITY_SOURCES
)


def blank_non_quantities(clean: str) -> str:
    """Replace every span of ``NOT_QUANTITY_PATTERNS`` by ``BLANK`` (same length, same offsets).

    Patterns run in order on the text as blanked so far, so a later pattern never matches
    inside an earlier one's span (the 2022 of 〔2022〕292号 is gone before years are looked for).
    A pattern whose ``needs`` the text lacks, or none of whose ``gates`` it holds, is skipped: it
    would find nothing to blank.
    """
    for pattern, gates in _patterns_needed_by(frozenset(_NEEDED_CHAR.findall(clean))):
        if gates and not _holds_a_match(clean, gates):
            continue
        clean = pattern.sub(_blank_match, clean)
    return clean


def _holds_a_match(text: str, gates: tuple[re.Pattern[str], ...]) -> bool:
    """Whether one of ``gates`` matches somewhere in ``text`` (a loop: cheaper than ``any``)."""
    for gate in gates:
        if gate.search(text) is not None:
            return True
    return False


# Any character some pattern ``needs``: which of them a text holds decides which patterns may match
# (one search over the text; a set built from the whole text would make an object per character).
_NEEDED_CHAR = re.compile(
    "[" + re.escape("".join(sorted({ch for nq in NOT_QUANTITY_PATTERNS for ch in nq.needs}))) + "]")


@lru_cache(maxsize=1024)
def _patterns_needed_by(present: frozenset[str]) -> tuple[tuple[re.Pattern[str], tuple[re.Pattern[str], ...]], ...]:
    """The (pattern, gates) pairs, in order, of the patterns whose ``needs`` a text holding the
    characters ``present`` (those of _NEEDED_CHAR) meets.

    Found once per set of characters (texts share a few hundred sets), where testing each
    pattern's ``needs`` on every text cost more than most patterns' searches. The set is taken
    before any blanking: a pattern run although an earlier one blanked the character it needs
    finds nothing, as it cannot match without it.
    """
    return tuple((nq.pattern, nq.gates) for nq in NOT_QUANTITY_PATTERNS
                 if not nq.needs or not present.isdisjoint(nq.needs))


def _holds_any(text: str, chars: str) -> bool:
    """Whether ``text`` holds one of ``chars`` (a loop of ``in``: cheaper than ``any`` or a regex)."""
    for ch in chars:
        if ch in text:
            return True
    return False


def _blank_match(match: re.Match[str]) -> str:
    return BLANK * (match.end() - match.start())


# ─── 4. units ─────────────────────────────────────────────────────────────────────────────────

# Currencies other than the yuan, by their usual names in reports of foreign loans and aid.
FOREIGN_CURRENCY_SPELLINGS: dict[str, str] = {
    "美元": "美元", "美金": "美元", "欧元": "欧元", "英镑": "英镑", "日元": "日元", "港元": "港元",
    "港币": "港元", "澳元": "澳元", "加元": "加元", "韩元": "韩元", "卢布": "卢布",
    "新台币": "新台币", "台币": "新台币", "泰铢": "泰铢",
}

# A foreign currency named right before its number, as in 港币两千九百六十元 or 新台币 177.1亿元:
# the 元 after the number is that currency's, not the yuan (public number suites, JioNLP).
# 人民币 before the number is the yuan (read_left).
_CURRENCY_BEFORE_BY_LAST: dict[str, tuple[str, ...]] = {}
for _spelling in sorted(FOREIGN_CURRENCY_SPELLINGS, key=len, reverse=True):
    _CURRENCY_BEFORE_BY_LAST.setdefault(_spelling[-1], ())
    _CURRENCY_BEFORE_BY_LAST[_spelling[-1]] += (_spelling,)

# Written spelling → normalised unit. Longest spelling wins (人次 before 人, 个月 before 个).
UNIT_SPELLINGS: dict[str, str] = {
    # money; 角 on its own (5角); 分 after 元/角 is read as money by _read_jiao_fen
    "元": "元", "圆": "元", "角": "角",
    # rates
    "%": "%", "‰": "‰", "‱": "‱", "个百分点": "个百分点", "百分点": "个百分点", "成": "成", "倍": "倍",
    # counts (measure words seen in the seeds: 人 户 个 项 次 家 栋 名 盏 口 条 场次 件 支 种 笔 …)
    **{u: u for u in (
        "人次", "人", "户次", "户", "个", "项", "次", "家", "所", "村", "座", "台", "辆", "件", "名",
        "盏", "口", "条", "场次", "场", "批次", "批", "期", "栋", "幢", "套", "本", "支", "种", "笔",
        "份", "张", "处", "间", "篇", "只", "头", "株", "棵", "届", "位", "组",
        # in indicator tables (blind probe AA): 案件 and 事故 起, 课程 门, 禽 羽, 鱼苗 尾, 档案 卷 册 页
        # 宗, 船 艘, 机井 眼
        "起", "门", "羽", "尾", "卷", "册", "页", "宗", "艘", "架", "枚", "眼",
        # visits counted by the thing visited (blind probe AC): 特种设备检查台次, 监测点次, 航班架次
        "台次", "点次", "架次", "车次", "班次",
    )},
    **ASCII_UNIT_SPELLINGS,
    # other physical units, kept as written
    **{u: u for u in (
        "亩", "公顷", "平方公里", "平方米", "立方米", "公里", "千米", "米", "吨", "公斤", "千克", "克", "斤",
        "天", "小时", "分钟", "个月", "年", "周", "分", "千瓦时", "千瓦", "岁", "字", "块",
    )},
    "摄氏度": "℃", "℃": "℃",
    "周岁": "岁",  # an age (80周岁以上老人), not a count of people nor a span of weeks
    # rates per so many people, as health statistics give them: 孕产妇死亡率12/10万 (per 100,000)
    "/10万": "/10万", "/万": "/万", "/十万": "/10万",
    # foreign currencies, kept as written: not 元, so never read as the report's own money (100万美元
    # is 1000000 美元, and a cell “5美元” under a 万元 header is no 5 万元)
    **FOREIGN_CURRENCY_SPELLINGS,
    # spans of time counted in days or quarters (3个工作日内, 4个季度), not 个 of something
    "个工作日": "工作日", "工作日": "工作日", "个自然日": "自然日", "自然日": "自然日", "个季度": "季度",
}
_UNITS_LONGEST_FIRST = sorted(UNIT_SPELLINGS, key=len, reverse=True)

# A unit is not read when the next character makes it part of a word: 3成立 is not 3 成,
# 5本级 not 5 本. Each entry lists the characters that follow the unit in such words.
UNIT_REJECTED_BEFORE: dict[str, str] = {
    "成": "立为本果效功绩员熟交品就长都年型分群",  # 三五成群 (in small groups)
    "分": "之析别配布散享",  # 三分之一 is a fraction, not a score of 3
    "年": "度级底初末中代",  # 九十年代 is a decade, not 90 years
    "本": "级金地部",
    "期": "间限末初满",
    "人": "民员口均才大社工",
    "户": "籍口主型",
    "村": "委民级组庄集干",
    "口": "径岸号",
    "名": "称单义额",
    "座": "谈",
    "台": "账帐阶湾",
    "场": "所地景",
    "批": "复准示",
    "所": "有在属以得需谓",
    "处": "理置分长罚",
    "条": "件例款",
    "家": "庭属长",  # not 乡: “下属14家乡镇卫生院” counts 乡镇卫生院 (blind probe AQ d04)
    "组": "织成建长",
    "支": "出付持部",
    "种": "植类子养",
    "份": "额",
    "只": "有是要能",
    "位": "于置数",
    "周": "年边岁",
    "天": "然津",
    "克": "服难隆",  # 克服 (overcome), 克难, 克隆
    "字": "路口架形型排街号",  # 十字路口 (a crossroads), 一字排开
    "日元": "旦",  # 1日元旦 is the day of 元旦 (New Year's Day), not one yen
    "块": "儿",  # 一块儿 (together)
    "起": "步始点来草止讫",  # 起步, 起始, 起点, 起草
    "门": "诊户类槛面口店市",  # 门诊 (out-patients), 门户, 门类
    "羽": "毛绒",
    "尾": "款数声部巴号",  # 尾款 (the last payment), 尾数
    "卷": "烟宗",
    "册": "子",
    "页": "面码",
    "宗": "教旨族",
    "架": "构设空",
    "眼": "睛光界科",
}

# The same, grouped by first character, order kept: only spellings starting with the character
# at hand can be there, and read_unit runs once per number. Each spelling comes with what
# read_unit asks of it: its unit, the characters that may not follow it (UNIT_REJECTED_BEFORE),
# and whether it ends in a Latin letter or digit (then no other may follow: 5kmh is no 5 km).
_UNITS_BY_FIRST_CHAR: dict[str, tuple[tuple[str, str, str, bool], ...]] = {
    first: tuple(
        (u, UNIT_SPELLINGS[u], UNIT_REJECTED_BEFORE.get(u, ""), u[-1].isascii() and u[-1].isalnum())
        for u in _UNITS_LONGEST_FIRST if u[0] == first
    )
    for first in {u[0] for u in UNIT_SPELLINGS}
}

# Units whose spelling starts with a multiplier character: read them before multipliers so that
# 2.5百分点 is not 250 分点 and 5千米 stays 5 千米.
MULTIPLIER_INITIAL_UNITS = ("百分点", "千米", "千克", "千瓦时", "千瓦")

# Multipliers after Arabic digits: 1.2万, 3千万, 3.08亿, 3百万. 十 is never written after digits.
MULTIPLIERS = re.compile(r" *(?:[百千佰仟]?(?:万亿|萬億|万|萬|亿|億)|[百千佰仟])")
# What each multiplier after digits multiplies by (the unit columns of indicator tables use it too).
MULTIPLIER_VALUES = {"百": 100, "千": 1000, "万": 10**4, "亿": 10**8}
# The financial (大写) and traditional forms of a multiplier after digits: 5仟元 is 5千元.
_MULTIPLIER_SPELLING = str.maketrans("佰仟萬億", "百千万亿")

# "/人" after a money unit makes a per-head amount: 2000元/人; "/座" one per thing (单座补助标准为
# 80万元/座, blind probe X x04: a reservoir's, no standard per head); 元/场, 元/盏 the cost targets
# of indicator tables (blind probe AH: they were cut to 元). People, time, area and weight, and the
# measure words of things counted.
PER_WHAT = (
    "人次", "人", "户次", "户", "生", "名", "位", "床",
    "月", "年", "天", "日", "小时", "课时", "学时", "周", "季度",
    "亩", "平方公里", "平方米", "立方米", "公里", "千米", "米", "吨", "公斤", "千克", "斤",
    "次", "场次", "场", "台", "辆", "座", "个", "所", "处", "村", "家", "项", "套", "间", "栋", "幢", "盏",
    "批次", "批", "件", "株", "棵", "头", "只", "羽", "尾", "张", "本", "册", "条", "期", "支", "口", "眼",
    "艘", "架", "宗", "份", "篇", "组", "班",
)
PER_UNIT = re.compile("/(" + "|".join(sorted(PER_WHAT, key=len, reverse=True)) + ")")

_SPACES = re.compile(r"[ ]*")

# The characters MULTIPLIERS can start with: most numbers are followed by none of them, and a set
# test costs less than a match (each test below only skips a regex that could not match).
_MULTIPLIER_START = frozenset(" 百千佰仟万萬亿億")


# ─── 5. comparators ───────────────────────────────────────────────────────────────────────────

# Words before a number, longest first. 以上/以下/以内 include the number itself and 超过/不满
# exclude it, as 民法典 §1259 defines them. 近600万元 is "nearly", read as ≈ (seed 001).
PREFIX_COMPARATORS: tuple[tuple[str, str | None], ...] = (
    ("达到或超过", "≥"),  # seed 002: 达到或超过100万元的基础设施项目
    ("大于或等于", "≥"), ("小于或等于", "≤"), ("大于等于", "≥"), ("小于等于", "≤"),
    ("不低于", "≥"), ("不少于", "≥"), ("不小于", "≥"), ("不超过", "≤"), ("不高于", "≤"),
    ("不多于", "≤"), ("不大于", "≤"),
    ("超过", ">"), ("高于", ">"), ("大于", ">"), ("多于", ">"), ("突破", ">"),  # seed 004: 突破1亿元
    ("低于", "<"), ("小于", "<"), ("少于", "<"), ("不足", "<"), ("不到", "<"), ("不满", "<"),
    ("至少", "≥"), ("最少", "≥"), ("最多", "≤"), ("大约", "≈"),
    (">=", "≥"), ("<=", "≤"), ("≥", "≥"), ("≧", "≥"), ("≤", "≤"), ("≦", "≤"),
    (">", ">"), ("<", "<"), ("≈", "≈"),
    ("±", "±"),  # 偏差率±5%: a tolerance either way, not a value of 5 nor of +5
    ("约", "≈"),  # seed 004: 现场销售额约625万元
    ("近", "≈"),  # seed 001: 累计投入近600万元
    ("超", ">"),  # seed 004: 爱心积分超120万分
    ("逾", ">"),
    ("=", None),  # =100% states the value itself
)

# Characters that, before a one-character comparator, make it part of another word:
# 节约10万元 saves money (not "about"), 最近5年 is "the last", not "nearly".
COMPARATOR_REJECTED_AFTER: dict[str, str] = {
    "约": "节制签合违履预契公邀特条相简承婚",
    "近": "最附邻临亲",
    "超": "赶",
}

# Words after a quantity (after an optional (含)).
SUFFIX_COMPARATORS: tuple[tuple[str, str], ...] = (
    ("及以上", "≥"), ("以上", "≥"), ("及以下", "≤"), ("以下", "≤"), ("以内", "≤"), ("之内", "≤"),
    ("左右", "≈"),
)

# 610余盏, 20余口, 5万余元, 100多个 (seeds 000, 001, 004): "more than", op ">"; next to a unit or a
# multiplier, or before the end of the text or clause (a cell “40多”, “培训100余，…”): there the
# number is not exact, and reading it as exactly 40 would be wrong.
MORE_THAN_MARKS = "余多"
# Units after which 多/余 still says “more than”: 九成多, 一年多, 两倍多, 三天多, when nothing joins the
# 多 to a word after it (一年多次 is “several times a year”).
MORE_AFTER_UNITS = frozenset({"成", "年", "倍", "天", "小时", "周", "个月"})
MORE_AFTER_ENDS = ("", "，", ",", "。", "；", ";", "、", "的", "来", "时", "以", "）", ")", " ")

# Between the two ends of a range: 10-15万元, 10～15万元, 10至15万元, 10到15万元, 3－5人 (seed 002).
# -- and —— as well, where a number follows at once (1万元--5万元, 2——3万元): read_range_end
# takes a separator only between two numbers, so a dash ending a clause is not one.
RANGE_SEPARATOR = re.compile(r" *(?:--|-|~|至|到|——|—(?!—)|–) *")
INCLUSION_MARK = re.compile(r" *\((?:含|不含)\)")
# The characters a range separator or an inclusion mark, and a suffix comparator or an inclusion
# mark, can start with: read_range_end and read_suffix stop at once after any other.
_RANGE_OR_INCLUSION_START = frozenset(" (-~至到—–")
_SUFFIX_START = frozenset(" (") | {word[0] for word, _op in SUFFIX_COMPARATORS}


# ─── 6. reading one quantity ──────────────────────────────────────────────────────────────────

# A number core: Arabic digits (1,234.56 with 3-digit groups only, never starting right after a
# digit and a comma: in 100,95,100 the 95 is an item of a list, not 95,100), or a Chinese numeral
# run, after an optional prefix: 百分之/千分之/万分之 (a rate in %, ‰, ‱), or the denominator of
# a fraction, 四分之三 or 4分之3 (see _fraction_of). After a prefix a spoken decimal may drop its
# 零: 百分之点五 is 0.5 %.
# A denominator's digits are taken whole (possessive ++): only 分 can follow them, so giving one
# back never helps, and CORE, tried at every number, does not try 分之 after each shorter run.
_FRACTION_DENOMINATOR = f"(?<![\\d.])\\d++|[{''.join(DIGITS)}十百千万亿]++"
# Groups of three digits set apart by a space, as the national standard for writing numbers
# (GB/T 15835) has them: “全年预算数为5 657.40万元” (blind probe Q). Only with decimals or a unit
# of money right after, so that two numbers side by side (12 345人, 2023 2024) stay two.
_SPACE_GROUPED = r"(?<!\d )\d{1,3}(?: \d{3})+(?=\.\d|\s*(?:万元|亿元|元))"
# Digits in groups, by commas or by spaces; each form starts with 1-3 digits and its separator before
# a digit, which the lookahead tests first: most numbers have no groups, and skip both forms at once.
_DIGIT_GROUPS = r"(?=\d{1,3}[, ]\d)(?:(?<!\d,)\d{1,3}(?:,\d{3})+(?!\d)|" + _SPACE_GROUPED + ")"
CORE = re.compile(
    f"(?:(?:(?P<pct>百分之|千分之|万分之)|(?P<den>{_FRACTION_DENOMINATOR})分之)(?P<pct_minus>[负負])?)?"
    r"(?:(?P<arabic>(?<![\d.])(?:" + _DIGIT_GROUPS + r"|\d+)(?:\.\d+)?)"
    f"|(?P<cn>{NUMERAL_RUN.pattern}|(?<=之)[{POINTS}][{''.join(DIGITS)}]+))"
)
_PERCENT_PREFIX_UNITS = {"百分之": "%", "千分之": "‰", "万分之": "‱"}
_PERCENT_PREFIXES = tuple(_PERCENT_PREFIX_UNITS)

# The characters a core can start with: a digit, or a numeral character (百/千/万 of 百分之…
# among them).
_CORE_FIRST_CHAR = re.compile(f"[\\d{NUMERAL_CHARS}]")


def _search_core(s: str, pos: int) -> re.Match[str] | None:
    """``CORE.search(s, pos)``, the same match, found faster.

    CORE starts with an optional group, so re finds no first character to skip to and tries the
    whole pattern at every position. Every core starts with a character of _CORE_FIRST_CHAR:
    search for that, whose pattern is one character class, and try CORE there (``match`` at a
    position sees the text before it, as ``search`` does, for the lookbehind).
    """
    while (first := _CORE_FIRST_CHAR.search(s, pos)) is not None:
        start = first.start()
        if (m := CORE.match(s, start)) is not None:
            return m
        pos = start + 1
    return None


_BIG_SPELLING = {"万": "万", "萬": "万", "亿": "亿", "億": "亿"}

# A sign is only a sign when the character before it cannot end a number or a code: in 3－5人
# (seed 002) the dash joins a range, in A-5 it belongs to a code.
NO_SIGN_AFTER = set("0123456789.%)]〕﹞】") | set("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ") | {BLANK}

# 负 (負 in traditional script) right before a number is its minus sign: 增长率为负5%, 负百分之五,
# 负一百. Not in 正负5% (±). 负的 is too, as spoken (负的百分之二十), except where 负 is a verb:
# 所负的 / 担负的 / 肩负的 (“borne”).
NEGATIVE_WORDS = "负負"
NEGATIVE_WORD_NOT_AFTER = "正担肩背辜抱自胜欠擔"  # 正负5% (±); 担负5个村, 肩负两项: 负 ends a verb
NEGATIVE_OF_NOT_AFTER = NEGATIVE_WORD_NOT_AFTER + "所"  # and 所负的

# 整 (or 正) closes an amount: 人民币壹拾万元整, 伍拾圆整.
WHOLE_AMOUNT = re.compile(r"[整正]")


@dataclass(slots=True)
class _Piece:
    """One number with what follows it, before signs, comparators and ranges are settled."""

    number: Decimal  # as written, before the multiplier
    start: int
    end: int
    run: str | None  # the Chinese numeral run, None for Arabic digits
    multiplier: str = ""  # 万, 千万, 亿 …: written after digits, or the 万/亿 ending a Chinese run
    unit: str = ""
    more_than: bool = False
    lone: bool = False  # a magnitude character alone, read by _lone_magnitude (百分之百, 逾千人)
    high: Decimal | None = None  # the high end of a spoken range in one run (三五百, 十七八万)

    def value_and_unit(self) -> tuple[Decimal, str]:
        """Apply the multiplier; money keeps a final 万/亿 in its unit (2.5万元 → 2.5 万元)."""
        if not self.multiplier:  # most numbers: still through EXACT, which refuses 61 digits
            return EXACT.multiply(self.number, 1), self.unit
        factor = 1
        for ch in self.multiplier:
            factor *= MULTIPLIER_VALUES[ch]
        last = self.multiplier[-1:]
        total = EXACT.multiply(self.number, factor)
        if self.unit.startswith("元") and last in ("万", "亿"):
            return EXACT.divide(total, BIG_UNITS[last]), last + self.unit
        if factor != 1 and total == total.to_integral_value():
            total = total.quantize(ONE)  # 1.5万人 is 15000 people, not 15000.0: the .0 is the 万's
        return total, self.unit


# The yuan units a number may carry, by what they multiply by: after a foreign currency's name
# (港币…元) the amount is in that currency, its 万/亿 folded in as for 100万美元.
YUAN_UNITS = {"元": 1, "万元": 10**4, "亿元": 10**8}


def _times(value: Decimal, factor: int) -> Decimal:
    """``value`` × ``factor``, without the decimals the factor made whole (177.1亿 is 17710000000),
    as value_and_unit folds a multiplier."""
    total = EXACT.multiply(value, factor)
    return total.quantize(ONE) if factor != 1 and total == total.to_integral_value() else total


# Arithmetic on report figures raises instead of rounding: a figure is never approximated.
EXACT = Context(prec=60, traps=[Inexact, InvalidOperation, DivisionByZero, Overflow])
ONE = Decimal(1)


def match_to_piece(s: str, m: re.Match[str]) -> _Piece | None:
    """Read the number core ``m`` and what follows it (multiplier, 余/多, unit, 角分, 整)."""
    pct, den, cn, arabic = m.group("pct", "den", "cn", "arabic")
    if s.startswith(FRACTION_MARK, m.end()) or (den and _MIXED_NUMBER_JOIN.search(s, 0, m.start())):
        return None  # the denominator of a fraction after it; the fraction of 七又五分之二 (7.4)
    if cn is not None:
        piece = _chinese_core_to_piece(m)
        if piece is None:
            return None
    else:
        piece = _Piece(Decimal(arabic.replace(",", "").replace(" ", "")), m.start(), m.end(), None)
    if pct or den:
        if den:
            piece.number = _fraction_of(piece.number, den)
            if piece.number is None:
                return None
            piece.unit = "%"
        else:
            piece.unit = _PERCENT_PREFIX_UNITS[pct]
        if m["pct_minus"]:  # 百分之负五, as 负百分之五: the sign spoken after 百分之
            piece.number = -piece.number
        return piece
    _read_multiplier_and_unit(s, piece)
    if piece.unit in _MONEY_READ_ON:
        _read_money_end(s, piece)
    return piece


# The units after which an amount may go on: 角/分 after 元 or 块, 整 after 元 or 角, /人 after 元.
_MONEY_READ_ON = frozenset({"元", "块", "角"})
# What an amount's end can start with: the digit of its 角/分 (JIAO_FEN: ``\d``, tested by
# ``isdecimal``, or a Chinese digit, 零 among them), 整/正 (WHOLE_AMOUNT) or the '/' of PER_UNIT.
_MONEY_END_START = frozenset(DIGITS) | frozenset("整正/")


def _read_money_end(s: str, piece: _Piece) -> None:
    """Extend an amount in 元, 块 or 角 over its 角/分, a closing 整 and a per-what (/人)."""
    after = s[piece.end:piece.end + 1]
    if after not in _MONEY_END_START and not after.isdecimal():
        return  # no digit, 零, 整/正 or '/' next: nothing to read on (most amounts)
    if piece.unit in ("元", "块") and not piece.multiplier and piece.number == piece.number.to_integral_value():
        _read_jiao_fen(s, piece)
    if piece.unit in ("元", "角") and (w := WHOLE_AMOUNT.match(s, piece.end)) is not None:
        piece.end = w.end()
    if piece.unit == "元" and (per := PER_UNIT.match(s, piece.end)) is not None:
        piece.unit, piece.end = f"元/{per[1]}", per.end()


# A number right before 分之 is the denominator of a fraction, never a quantity of its own (in
# 百分之四百三十二万分之四三 the 四百三十二万 belongs to the fraction after it). The fraction part
# of a mixed number (七又五分之二) is not read: its whole part would be lost.
FRACTION_MARK = "分之"
_MIXED_NUMBER_JOIN = re.compile(f"[\\d{NUMERAL_CHARS}]又$")


def _fraction_of(numerator: Decimal, denominator_text: str) -> Decimal | None:
    """The fraction numerator/denominator in percent (四分之三 → 75, 五百分之二 → 0.4), as 百分之
    gives a rate; None when it has no exact decimal (三分之一 is 33.33… %: never rounded)."""
    if denominator_text.isdigit():
        denominator = Decimal(denominator_text)
    elif (denominator := chinese_to_decimal(denominator_text)) is None:
        return None
    if not denominator:
        return None
    try:
        percent = EXACT.divide(EXACT.multiply(numerator, 100), denominator)
    except ArithmeticError:
        return None
    return percent.quantize(ONE) if percent == percent.to_integral_value() else percent.normalize(EXACT)


def _chinese_core_to_piece(m: re.Match[str]) -> _Piece | None:
    """A Chinese run; one ending in 万/亿 keeps that as its multiplier (六百四十万 = 640 × 万).

    A run ending in 千 right before 米/克/瓦 ends before that 千, which begins the unit: 二十五千克
    is 25 千克 (二十五千 is no numeral), and 五千克 is 5 千克, as 5千克 is."""
    run, end = m["cn"], m.end()
    prefixed = bool(m["pct"] or m["den"])
    if run.endswith("千") and len(run) > 1 and not prefixed and m.string.startswith(
            MULTIPLIER_INITIAL_UNITS, end - 1):
        run, end = run[:-1], end - 1
    high = None
    if not prefixed and (ends := spoken_range(run)) is not None:  # before 三四 is read digit by digit
        value, high, lone = Decimal(ends[0]), Decimal(ends[1]), False
    else:
        value = chinese_to_decimal("零" + run if run[0] in POINTS else run)  # 百分之点五
        lone = value is None and (value := _lone_magnitude(m)) is not None
    if value is None:
        return None
    last = _BIG_SPELLING.get(run[-1], "") if not prefixed else ""
    number = EXACT.divide(value, BIG_UNITS[last]) if last else value
    if high is not None and last:
        high = EXACT.divide(high, BIG_UNITS[last])
    return _Piece(number, m.start(), end, run, multiplier=last, lone=lone, high=high)


# A magnitude written alone is a round number where the words around it say so: 百分之百 (100 %),
# after a comparator, 逾千人 (> 1000 人), 近万人 (≈ 10000 人), 超百万元 (> 100 万元), and before 余
# or 多, 万余人 (> 10000 人), 百余万元 (> 100 万元). Elsewhere
# it is a word: 千家万户, 万家组 (seed 001), 千人计划, 上千人 and 数千人 (how many is not said).
LONE_MAGNITUDES = {"百": 100, "千": 1000, "万": 10**4, "百万": 10**6, "千万": 10**7, "亿": 10**8}


# Before a magnitude and 余: 数千余人 and 上千余人 say only “thousands”. (Not chinese_numerals'
# VAGUE_BEFORE_MAGNITUDE, which asks of runs, not of a magnitude alone.)
VAGUE_BEFORE_LONE_MAGNITUDE = "数几上成"


def _lone_magnitude(m: re.Match[str]) -> Decimal | None:
    run = m["cn"]
    if m["pct"] or m["den"]:
        return Decimal(100) if (m["pct"], run) == ("百分之", "百") else None
    if run not in LONE_MAGNITUDES:
        return None
    before = m.string[m.start() - 1: m.start()]
    after = m.string[m.end(): m.end() + 1]
    if after and after in MORE_THAN_MARKS and not (before and before in VAGUE_BEFORE_LONE_MAGNITUDE):
        return Decimal(LONE_MAGNITUDES[run])  # 万余人, 千余户, 百余万元: more than 10000 人 …
    comparator = comparator_ending_at(m.string, len(m.string[: m.start()].rstrip(" ")))
    if comparator is None or comparator[1] is None:
        return None  # 最近千人 (“the latest”), =千: no comparator says how it relates
    return Decimal(LONE_MAGNITUDES[run])


def _read_multiplier_and_unit(s: str, piece: _Piece) -> None:
    """Extend ``piece`` over [余/多][multiplier][余/多][ ]unit; 余/多 needs a neighbour to count."""
    p = piece.end
    if s[p:p + 1] in _MULTIPLIER_OR_MORE_START:
        more_before, q = _read_multiplier(s, piece, p)
    else:
        more_before, q = False, p  # most numbers: a unit or nothing comes right after
    has_multiplier = q > p + more_before  # a multiplier, and any groups after it (3万零500: none left)
    more_after = has_multiplier and q < len(s) and s[q] in MORE_THAN_MARKS
    unit, unit_end = read_unit(s, q + more_after)
    more_inside = unit == "个" and s.startswith(("多月", "余月"), unit_end)
    if more_inside:  # 2个多月: “more than two months”, 多 inside the measure word 个月
        unit, unit_end = "个月", unit_end + 2
    elif (unit in _HALF_UNITS and s.startswith("半", unit_end) and not piece.multiplier
          and piece.number == piece.number.to_integral_value()):
        unit, unit_end = _read_half(s, piece, unit, unit_end)
    if (unit in MORE_AFTER_UNITS and not (more_before or more_after or more_inside)
            and unit_end < len(s) and s[unit_end] in MORE_THAN_MARKS and s[unit_end + 1:unit_end + 2] in MORE_AFTER_ENDS):
        unit_end, more_inside = unit_end + 1, True  # 九成多, 一年多: more than 9成, than a year
    if unit:
        piece.end = unit_end
    elif has_multiplier:
        piece.end = q + more_after
    elif more_before and s[q:q + 1] in MORE_AFTER_ENDS:
        piece.end = q  # 100多 ending a cell or a clause: more than 100, with nothing after to count
    else:
        return
    piece.unit = unit
    piece.more_than = more_before or more_after or more_inside


def _read_multiplier(s: str, piece: _Piece, p: int) -> tuple[bool, int]:
    """Read [余/多][multiplier and lower groups] from ``p`` into ``piece``: whether a 余/多 came
    first, and where the multiplier (or the 余/多 alone, or nothing) ends."""
    more_before = s[p] in MORE_THAN_MARKS
    q = p + more_before
    written = piece.multiplier  # a Chinese run's own 万/亿
    if not written and s.startswith(SPOKEN_YI, q):
        q += 1  # 两个亿 (spoken): 2亿, not two 个 of something
    is_unit_next = s.startswith(MULTIPLIER_INITIAL_UNITS, q)
    if not is_unit_next and s[q:q + 1] in _MULTIPLIER_START and (mm := MULTIPLIERS.match(s, q)) is not None:
        piece.multiplier, q = written + mm.group().strip().translate(_MULTIPLIER_SPELLING), mm.end()
        if (piece.run is None and not written and not more_before and _may_start_lower_group(s[q:q + 1])
                and piece.number == piece.number.to_integral_value()):
            q = _read_lower_groups(s, piece, q)
    return more_before, q


def _may_start_lower_group(after: str) -> bool:
    """Whether ``after``, the character after a multiplier, can start what _read_lower_groups reads:
    a group (LOWER_GROUP: ``\\d``, tested by ``isdecimal``, or a Chinese digit), 零 (GAP_ZERO) or an
    elided digit. Most amounts (100万元) go on with their unit: the whole-number test is skipped."""
    return after in _LOWER_GROUP_START or after.isdecimal()


_LOWER_GROUP_START = frozenset("一二两三四五六七八九壹贰叁肆伍陆柒捌玖零")


# 个 between a number and 亿, as spoken: 两个亿 is 2亿 (public number suites, JioNLP). Only 亿: 两个万 is
# not said.
SPOKEN_YI = "个亿"
# What _read_multiplier can start with: 余/多, the 个 of 个亿, or a multiplier. After any other
# character (most numbers) there is no multiplier to read, and the unit starts right there.
_MULTIPLIER_OR_MORE_START = frozenset(MORE_THAN_MARKS + SPOKEN_YI[0]) | _MULTIPLIER_START


# “And a half” written after the measure word: 一年半, 两倍半, 3天半, 两成半 (25%); and inside it: 一个半月 (个月),
# 两个半小时 (个 … 小时). 三个半天 is three half-days, so after 个半 only 月 and 小时 count.
HALF_AFTER_UNIT = ("年", "倍", "天", "成")
HALF_INSIDE_UNIT = {"个半月": "个月", "个半小时": "小时"}
HALF = Decimal("0.5")
# The units _read_half can add a half to (个 of 一个半月 among them): after others it finds nothing.
_HALF_UNITS = frozenset(HALF_AFTER_UNIT) | {"个"}


def _read_half(s: str, piece: _Piece, unit: str, unit_end: int) -> tuple[str, int]:
    """Add the half of 一年半 / 一个半月 to a whole number; returns the unit and where it ends."""
    if unit in HALF_AFTER_UNIT and s.startswith("半", unit_end):
        piece.number = EXACT.add(piece.number, HALF)
        return unit, unit_end + 1
    if unit == "个":
        for spelling, whole_unit in HALF_INSIDE_UNIT.items():
            if s.startswith(spelling, unit_end - 1):
                piece.number = EXACT.add(piece.number, HALF)
                return whole_unit, unit_end - 1 + len(spelling)
    return unit, unit_end


# Exponents of the multipliers written after digits, for amounts in groups: 2万5千元 is
# 2 × 10⁴ + 5 × 10³元, 3亿2000万元 is 3 × 10⁸ + 2000 × 10⁴ 元, 1万2千3百元 = 12300 元.
_MULTIPLIER_EXPONENTS = {"亿": 8, "千万": 7, "百万": 6, "万": 4, "千": 3, "百": 2}
# The digits of a group in figures, or one Chinese digit (3万一千, 2亿三千万: as people write it).
LOWER_GROUP = re.compile(r"(\d+|[一二两三四五六七八九壹贰叁肆伍陆柒捌玖])(千万|百万|仟萬|佰萬|万|萬|千|仟|百|佰)")


def _read_lower_groups(s: str, piece: _Piece, q: int) -> int:
    """Fold groups of smaller magnitude written right after a multiplier into ``piece``.

    After 2万 comes 5千 (each group must be smaller than the one before and its digits must
    fit under it: 2万15千 is not a number); returns where the last group ends. The piece keeps
    the last group's multiplier, so 2万5千元 is 25 × 千 元 = 25000 元 and 3亿2000万元 is
    32000 × 万 元 = 32000万元. Groups below 万 may share a final 万 (3千5百万 = 35 × 百万), and
    零 skips a group (3万零500 = 30500, with no multiplier left: GAP_ZERO).
    """
    while (exponent := _MULTIPLIER_EXPONENTS.get(piece.multiplier)) is not None:
        gap = s.startswith(GAP_ZERO, q)  # 3万零500: the group right below 万 is zero
        group = LOWER_GROUP.match(s, q + gap)
        if group is None:
            if gap and (units := GAP_UNITS.match(s, q + 1)) is not None and 0 < int(units[0]) < 10 ** (exponent - 1):
                _fold_group(piece, exponent, 0, int(units[0]), "")
                return units.end()
            return q if gap else _read_elided_group(s, piece, q)
        if MULTIPLIERS.match(s, group.end()) is not None:
            return q  # 2万5千万 is not a group of 2万; neither is a multiplier run on
        spelling = group[2].translate(_MULTIPLIER_SPELLING)
        digits = int(group[1]) if group[1].isdigit() else DIGITS[group[1]]
        if s.startswith(".", group.end()):
            return q
        lower = _MULTIPLIER_EXPONENTS[spelling]
        # 3千5百万: the 万 ends both groups, (3千5百)万 = 3500万; the 百 is the group
        shared = lower >= exponent and piece.multiplier in _UNDER_WAN and _MULTIPLIER_EXPONENTS[spelling[0]] < exponent
        if shared:
            lower = _MULTIPLIER_EXPONENTS[spelling[0]]
        if lower >= exponent or not 0 < digits < 10 ** (exponent - lower) or (gap and (shared or lower >= exponent - 1)):
            return q  # after 零 a group must skip one below: 3万零5百, not 3万零5千
        _fold_group(piece, exponent, lower, digits, spelling)
        q = group.end()
        if shared:
            return q  # nothing below a shared 万 is read as a group of it
    return q


def _fold_group(piece: _Piece, exponent: int, lower: int, digits: int, multiplier: str) -> None:
    """Add a group of ``digits`` at power ``lower`` to a piece counted at power ``exponent``; the
    piece is then counted in ``multiplier`` (that of the group)."""
    piece.number = EXACT.add(EXACT.multiply(piece.number, 10 ** (exponent - lower)), Decimal(digits))
    piece.multiplier = multiplier


# 零 between groups says the group below is zero (3万零500元 = 30500元, 1亿零5百万). After it come
# either a smaller group with its multiplier or the last digits, with no multiplier, which must
# fit under the group skipped (3万零500: under 千).
GAP_ZERO = "零"
GAP_UNITS = re.compile(r"\d{1,3}(?![\d.,])")
# Multipliers below 万: a group of them may end in a shared 万 or 亿 (3千5百万, 2千3百亿).
_UNDER_WAN = frozenset({"千", "百"})


# One digit right after a multiplier, as people say 三万五 for 35000: 3万5 is 3万5千, 3亿5 is
# 3亿5千万, 1千5 is 1千5百. Not when the digit runs on into more digits, a decimal point, a
# percent sign or Latin letters (3万50, 3万5%, 3万5G: other numbers, or none), nor into a
# multiplier (3万5万).
_ELIDED_ORDER = {"亿": "千万", "千万": "百万", "万": "千", "千": "百"}
_ELIDED_DIGIT = re.compile(r"[1-9](?![0-9.．%％‰A-Za-z])")


def _read_elided_group(s: str, piece: _Piece, q: int) -> int:
    """Fold a colloquial last digit (3万5) into ``piece``; returns where the amount ends."""
    lower = _ELIDED_ORDER.get(piece.multiplier)
    digit = _ELIDED_DIGIT.match(s, q)
    if lower is None or digit is None or MULTIPLIERS.match(s, digit.end()) is not None:
        return q
    piece.number = EXACT.add(EXACT.multiply(piece.number, 10), Decimal(digit.group()))
    piece.multiplier = lower
    return digit.end()


def read_unit(s: str, p: int) -> tuple[str, int]:
    """The unit written at ``p`` (spaces allowed before it) and where it ends, or ("", p).

    One line break may stand between the number and its unit: a narrow table cell wraps
    “1.85万元/户” as “1.85万” over “元/户” (blind probe AH), and the unit is still the number's."""
    q, first = p, s[p:p + 1]
    if first == " " or first == "\n":
        q = _SPACES.match(s, p).end()
        if s.startswith("\n", q):
            q = _SPACES.match(s, q + 1).end()
        first = s[q:q + 1]
    for spelling, unit, rejected_before, letters_run_on in _UNITS_BY_FIRST_CHAR.get(first, ()):
        if s.startswith(spelling, q):
            end = q + len(spelling)
            after = s[end:end + 1]
            if after and after in rejected_before:
                continue
            if letters_run_on and after.isascii() and after.isalnum():
                continue  # 5kmh, 100mg: the letters run on, so they are not this unit
            return unit, end
    return "", p


def _read_jiao_fen(s: str, piece: _Piece) -> None:
    """Fold 角 and 分 written after 元 into the amount: 12元3角4分 → 12.34 元; after 块 (spoken
    money, or a measure word: 3块牌子) only from a 角 or 毛 on: 十二块五毛 → 12.5 块."""
    if (found := jiao_fen_at(s, piece.end, need_jiao=piece.unit == "块")) is not None:
        fen, piece.end = found
        piece.number = EXACT.add(piece.number, EXACT.divide(fen, 100))


# ─── 7. ranges, signs and comparators ─────────────────────────────────────────────────────────


def read_range_end(s: str, first: _Piece) -> _Piece | None:
    """The high end of a range starting with ``first`` (10-15万元, 5万元(含)至20万元(不含)).

    The first end takes the second's unit and multiplier when it has none: in 10-15万元 both are
    万元, in 10至15万人 both are 万 × 人. Units must then agree and the ends must ascend.
    """
    p = first.end
    if s[p:p + 1] not in _RANGE_OR_INCLUSION_START:
        return None  # what follows starts neither a separator nor (含): most numbers
    if (inc := INCLUSION_MARK.match(s, p)) is not None:
        p = inc.end()
    sep = RANGE_SEPARATOR.match(s, p)
    if sep is None or (m2 := CORE.match(s, sep.end())) is None:
        return None
    second = match_to_piece(s, m2)
    if second is None:
        return None
    if not second.unit and not m2["pct"] and s.startswith(_PERCENT_PREFIXES, first.start):
        second.unit = first.unit  # 百分之二十至三十: the 百分之 is said once for both ends
    elif second.run is not None and not _chinese_ok(s, second, whole_cell=False):
        return None
    if (inc2 := INCLUSION_MARK.match(s, second.end)) is not None:
        second.end = inc2.end()
    low_piece = _Piece(first.number, first.start, first.end, first.run, first.multiplier, first.unit)
    if (magnitude := _shared_magnitude(first, second)) is not None:
        low_piece.number = first.number * magnitude  # 两到三千元 is 2000 to 3000, 八到九百亿 800 to 900亿
    if not low_piece.unit:
        low_piece.unit = second.unit
        low_piece.multiplier = low_piece.multiplier or second.multiplier
    (low, low_unit), (high, high_unit) = low_piece.value_and_unit(), second.value_and_unit()
    if low_unit != high_unit or low > high:
        return None
    first.number, first.unit, first.multiplier = low_piece.number, low_piece.unit, low_piece.multiplier
    return second


def _shared_magnitude(first: _Piece, second: _Piece) -> int | None:
    """The 十/百/千 a range's high end says once for both ends, as its multiplier is: in 两到三千元
    the 两 is two thousand, as the 10 of 10-15万元 is 10万. Only for a lone Chinese digit before a
    high end of one digit and that unit (三千, 九百亿): 二十到三百 says its own magnitudes."""
    if first.run is None or second.run is None or len(first.run) != 1 or first.run not in DIGITS:
        return None
    core = second.run[:-len(second.multiplier)] if second.multiplier and second.run.endswith(
        second.multiplier) else second.run
    if len(core) == 2 and core[0] in DIGITS and core[1] in SMALL_UNITS and DIGITS[core[0]] > DIGITS[first.run]:
        return SMALL_UNITS[core[1]]
    return None


def read_left(s: str, start: int, floor: int, is_arabic: bool) -> tuple[int, int, str, int | None, str | None]:
    """Read leftwards from a core: sign, currency mark, comparator prefix; never before ``floor``.

    Returns (start with sign and currency, sign, the currency named before it ("元" for ¥ and
    人民币, a FOREIGN_CURRENCY_SPELLINGS value, or ""), start with comparator or None, op).
    """
    if start <= floor or s[start - 1] not in _LEFT_MARKS:
        return start, 1, "", None, None  # nothing that reads leftwards ends here: most numbers
    p, sign = start, 1
    if is_arabic and p - 1 >= floor and s[p - 1] in "+-" and (p < 2 or s[p - 2] not in NO_SIGN_AFTER):
        sign, p = (-1 if s[p - 1] == "-" else 1), p - 1
    elif p - 1 >= floor and s[p - 1] in NEGATIVE_WORDS and (p < 2 or s[p - 2] not in NEGATIVE_WORD_NOT_AFTER):
        sign, p = -1, p - 1
    elif (p - 2 >= floor and s[p - 1] == "的" and s[p - 2] in NEGATIVE_WORDS
          and (p < 3 or s[p - 3] not in NEGATIVE_OF_NOT_AFTER)):
        sign, p = -1, p - 2
    currency = ""
    q = _skip_spaces_left(s, p, floor)
    if q - 1 >= floor and s[q - 1] == "¥":
        currency, p = "元", q - 1
    elif q - 3 >= floor and s[q - 3:q] == "人民币":
        currency, p = "元", q - 3
    elif q - 2 >= floor and (named := _currency_ending_at(s, q, floor)):
        currency, p = FOREIGN_CURRENCY_SPELLINGS[named], q - len(named)
    q = _skip_spaces_left(s, p, floor)
    comparator = comparator_ending_at(s, q, floor)
    if comparator is not None:
        return p, sign, currency, *comparator
    return p, sign, currency, None, None


def _currency_ending_at(s: str, q: int, floor: int) -> str:
    """The foreign currency's spelling ending right before ``q`` (not before ``floor``), or ""."""
    for spelling in _CURRENCY_BEFORE_BY_LAST.get(s[q - 1], ()):
        if q - len(spelling) >= floor and s.startswith(spelling, q - len(spelling)):
            return spelling
    return ""


def comparator_ending_at(s: str, q: int, floor: int = 0) -> tuple[int, str | None] | None:
    """The comparator word (PREFIX_COMPARATORS) ending right before ``q``, not starting before
    ``floor``, as (its start, its op); None when there is none, or when the character before it
    makes it part of another word (节约, 最近: COMPARATOR_REJECTED_AFTER)."""
    for word, op in _PREFIX_COMPARATORS_BY_LAST.get(s[q - 1] if q > 0 else "", ()):
        w = q - len(word)
        if w >= floor and s.startswith(word, w):
            if w > 0 and s[w - 1] in COMPARATOR_REJECTED_AFTER.get(word, ""):
                continue
            return w, op
    return None


# PREFIX_COMPARATORS grouped by their last character, order kept: a comparator ends right before
# the number, so only those ending in the character there can match (read_left is hot).
_PREFIX_COMPARATORS_BY_LAST: dict[str, tuple[tuple[str, str], ...]] = {
    last: tuple(entry for entry in PREFIX_COMPARATORS if entry[0][-1] == last)
    for last in {word[-1] for word, _op in PREFIX_COMPARATORS}
}


# The characters read_left can start from, right before a number: a sign (+ - 负 的), a space, the
# last character of a currency mark (¥, 人民币, a foreign currency) or of a comparator. Before any
# other character (为, 计, 了 …) nothing is read: one set test instead of the steps that would each
# find nothing.
_LEFT_MARKS = frozenset("+-" + NEGATIVE_WORDS + "的 ¥币") | set(_CURRENCY_BEFORE_BY_LAST) | set(
    _PREFIX_COMPARATORS_BY_LAST)


def _skip_spaces_left(s: str, p: int, floor: int) -> int:
    """Move left over spaces, not past ``floor``."""
    while p - 1 >= floor and s[p - 1] == " ":
        p -= 1
    return p


# Units of time: after one, a bare 内 is a limit as 以内 is (10个工作日内, 3个月内, 15日内).
# After other units 内 is mostly a place (5个乡镇内), so it is read only after these.
DURATION_UNITS = frozenset({"天", "工作日", "自然日", "小时", "分钟", "个月", "周", "年", "季度"})
WITHIN = re.compile(BARE_WITHIN)
DAY_COUNT_WITHIN_RE = re.compile(DAY_COUNT_WITHIN)
BOUND_OPS = frozenset({"≥", "≤", ">", "<"})


def read_day_count(s: str, start: int, end: int, bounded: bool) -> int | None:
    """Where a count of days written with 日 ends (15日内, ≤15日), or None when there is none.

    The number from ``start`` to ``end`` is a count of days when 日 follows it and either a
    comparator setting a bound comes before it (``bounded``) or a limit (以内, 之内, 内) follows;
    never right after a month (三月十五日内, or a blanked 5月): that is a date. The same
    conditions as the days pattern of NOT_QUANTITY_PATTERNS, for the numbers it does not see
    (三位数 such as 100日内, Chinese numerals such as 十五日内).
    """
    q = _SPACES.match(s, end).end()
    if not s.startswith("日", q) or (start > 0 and s[start - 1] in ("月", BLANK)):
        return None
    if bounded or DAY_COUNT_WITHIN_RE.match(s, q + 1) is not None:
        return q + 1
    return None


def read_suffix(s: str, p: int) -> tuple[int, str | None]:
    """A comparator after the quantity (300人以上, 10万元以下, 50万元(含)以上), or (p, None)."""
    if s[p:p + 1] not in _SUFFIX_START:
        return p, None  # what follows starts neither a comparator nor (含): most quantities
    q = inc.end() if (inc := INCLUSION_MARK.match(s, p)) is not None else p
    for word, op in SUFFIX_COMPARATORS:
        if s.startswith(word, q):
            return q + len(word), op
    return p, None


def _chinese_ok(s: str, piece: _Piece, whole_cell: bool) -> bool:
    """Whether a Chinese numeral run states a quantity here: see ``run_states_quantity``."""
    if piece.lone:  # 百分之百 has its unit; 逾千 needs one (逾千人), since 逾千 alone says too little
        return bool(piece.unit)
    before = s[piece.start - 1] if piece.start > 0 else ""
    if piece.run == "零" and not piece.unit and (spent := ZERO_SPENDING.match(s, piece.end)) is not None and (
            spent.end() == len(s) or s[spent.end()] in CLAUSE_END):
        return True  # “因公出国（境）费零支出。”: nothing spent (the unit is the sentence's, as for 为零)
    return run_states_quantity(piece.run or "", before, s[piece.end: piece.end + 1], bool(piece.unit), whole_cell,
                               spoken_range=piece.high is not None)


def _bare_run_stays_bare(s: str, piece: _Piece) -> bool:
    """Whether a Chinese run in running text read with no unit will have none, so that _chinese_ok
    refuses it (一定, 三峡, the 一 of “（一）”: a seventh of all cores), before its sign, range and
    comparators are read for nothing. Only a range (三到五个) or a count of days (十五日内) can still
    give it a unit, each starting with the character right after the run; 零 may stand alone."""
    return not piece.unit and piece.run != "零" and s[piece.end:piece.end + 1] not in _UNIT_MAY_COME_AFTER


# The characters after a number that may start a range (read_range_end) or a count of days.
_UNIT_MAY_COME_AFTER = _RANGE_OR_INCLUSION_START | {"日"}


def _run_gets_no_unit(s: str, m: re.Match[str]) -> bool:
    """Whether the Chinese run of core ``m`` is one _bare_run_stays_bare refuses, told from the
    character after it before the run is read (chinese_to_decimal, multiplier, unit): nearly all
    Chinese cores of running text (“（一）”, 三峡, 统一) and a fifth of all cores.

    A run with no 百分之 or 分之 gets a unit or a multiplier only from a character right after it
    that can start one (_READ_ON_AFTER_RUN); a run ending in 千 may give that 千 to its unit (五千克,
    _chinese_core_to_piece) and 零 may stand alone, so those are read as before."""
    run = m["cn"]
    return (s[m.end():m.end() + 1] not in _READ_ON_AFTER_RUN and run != "零" and not run.endswith("千")
            and not m["pct"] and not m["den"])


# What may come right after a Chinese run for it to get a unit: a unit's first character, a space or
# line break before one, a multiplier, 余/多, 个 (个亿), or a range or day count's start.
_READ_ON_AFTER_RUN = (frozenset(_UNITS_BY_FIRST_CHAR) | frozenset(" \n") | _MULTIPLIER_OR_MORE_START
                      | _UNIT_MAY_COME_AFTER)


# 零 right before 支出 or 开支, ending its clause, is a zero spent (“零支出目标” is a goal, not an amount).
ZERO_SPENDING = re.compile("支出|开支")


# ─── 8. entry points ──────────────────────────────────────────────────────────────────────────


def find_quantities(text: str) -> list[Quantity]:
    """Every quantity stated in running text, left to right, non-overlapping, with spans.

    ``text[q.start:q.end] == q.raw`` for each. Years, dates, document numbers, phone numbers,
    section markers and numeral words are skipped (``NOT_QUANTITY_PATTERNS``); use
    ``find_years`` for years. A cost said not to have arisen (“因公出国（境）费未发生。”) is a zero.
    """
    found = _scan(text, whole_cell=False)
    nothing: list[re.Match[str]] = []
    if NOTHING_SPENT_WORD in text or "无" in text:
        nothing += NOTHING_SPENT.finditer(text)
    if "无" in text or "未" in text or "没有" in text:
        nothing += NOTHING_NAMED_AFTER.finditer(text)
    if nothing:
        found = sorted(found + [Quantity(Decimal(0), "", m.group(), start=m.start(), end=m.end()) for m in nothing],
                       key=lambda q: q.start or 0)
    return found


# A cost named right before 未发生 (or “：无”) that ends its clause was not spent at all: “…公务用车
# 运行维护费26,200.00元，因公出国（境）费未发生。” (blind probes R r03, T t01), “因公出国（境）费：无”
# (blind probe AM e2), as “为零” or “0元” say. Not “未发生超支” (no overspending) nor “全年未发生安全
# 事故”: only after a name ending in 费 or 费用.
NOTHING_SPENT_WORD = "未发生"
NOTHING_SPENT = re.compile(r"(?:(?<=费)|(?<=费用))(?:未发生|\s*[：:]\s*无)(?=\s*(?:[，,。；;）)]|$))")


# The same with the cost named after the word that says there was none: “无因公出国（境）费用支出”
# (blind probe Z z01), “未发生因公出国（境）费用” (R r03), “未安排会议费”. Only the costs units
# routinely state as none (三公经费 and its parts, 会议费, 培训费), so that “未安排专项经费” for one
# task is no zero of the unit's project money; one cost only (“无因公出国（境）费和公务用车…费” names
# two, which one label cannot hold). The whole phrase is the zero's text;
# ``nothing_named_after`` gives the label it stands for.
NOTHING_NAMED_AFTER = re.compile(
    r"(?:无|没有|未发生|未安排|未列支|未产生)(?P<name>[^，,。；;：:、\s和与]{0,10}?(?:三公|出国|公务接待|公务用车|会议|培训)"
    r"[^，,。；;：:、\s和与]{0,8}?(?:费用?|经费))(?P<side>支出|开支)?(?=\s*(?:[，,。；;）)]|$))"
)


def nothing_named_after(raw: str) -> str | None:
    """The label a zero read from ``NOTHING_NAMED_AFTER`` stands for (“因公出国（境）费用支出”,
    “安排会议费”), or None for any other quantity's text."""
    m = NOTHING_NAMED_AFTER.fullmatch(raw)
    if m is None:
        return None
    verb = "安排" if raw.startswith("未安排") else ""
    return verb + m["name"] + (m["side"] or "")


@short_text_memo(maxsize=4096)  # cells repeat within a report and across a batch (“0”, “100%”)
def parse_quantity(text: str) -> Quantity | None:
    """The one quantity a table cell or short phrase states, or ``None``.

    ``None`` when it states none, or when it states two different ones (ambiguous: 预算数640万元，
    执行数600万元). A Chinese numeral alone counts when it is the whole cell (十五 → 15).
    """
    found = _scan(text, whole_cell=True)
    if not found:
        return _whole_numeral(text) or _space_grouped_cell(text)
    first = found[0]
    if any((q.value, q.unit, q.op, q.high) != (first.value, first.unit, first.op, first.high) for q in found):
        return _space_grouped_cell(text)
    return first


# A cell holding one number whose digits are grouped by spaces, with its unit: “3 842批次”, “≥ 1 200
# 台次” (blind probe AD ad11). In running text two numbers may stand side by side (12 345人 is read
# only with decimals or money, see _SPACE_GROUPED); a cell holds one value. Without a unit (12 345)
# the cell may still list two numbers, and is left unread.
_SPACE_GROUPED_CELL = re.compile(
    r"\s*[≥≤＞＜><]?\s*(?P<number>\d{1,3}(?:[ \u00a0\u202f\u2009]\d{3})+(?:\.\d+)?)\s*[^\d\s]{1,4}\s*")


def _space_grouped_cell(text: str) -> Quantity | None:
    """The one quantity of a cell written with space-grouped digits (_SPACE_GROUPED_CELL), its raw
    text as written, spaces and all; None for any other cell."""
    m = _SPACE_GROUPED_CELL.fullmatch(text)
    if m is None:
        return None
    number = m["number"]
    digits = re.sub(r"\s", "", number)
    found = _scan(text[: m.start("number")] + digits + text[m.end("number"):], whole_cell=True)
    if len(found) != 1:
        return None
    quantity, removed = found[0], len(number) - len(digits)
    start = quantity.start or 0
    end = (quantity.end or 0) + (removed if (quantity.end or 0) > m.start("number") else 0)
    return replace(quantity, raw=text[start:end], start=start, end=end)


# A whole string of nothing but Chinese numerals, with an optional minus sign first: digits read
# one by one (一七二零点一), a point with no whole part (点一), 兆 and 京 (一万兆), a doubled big unit
# (四萬萬). Not a unit standing for one of itself (萬二 for 一萬二): 万一 is “in case”.
_WHOLE_NUMERAL = re.compile(
    f"\\s*(?P<minus>[-{NEGATIVE_WORDS}])?(?P<run>[{NUMERAL_CHARS}{''.join(HIGHER_UNITS)}{POINTS}]+)\\s*")


def _whole_numeral(text: str) -> Quantity | None:
    """What a string made only of numerals spells, when the scan of running text refused it.

    In running text these forms are refused for good reasons (二〇二二 is a year, 三五 a spoken
    range, 兆 the prefix of 兆瓦); a string that is nothing but the numeral (a number suite's input,
    a cell) has no other reading. A spoken range (三五) is still read as one by the scan first.
    """
    m = _WHOLE_NUMERAL.fullmatch(text)
    if m is None:
        return None
    run = m["run"]
    if len(run) > EXACT.prec:  # OCR debris (一一一…), longer than any amount
        return None
    value = chinese_to_decimal(run)
    if value is None or not has_numeral_digit(run):  # 萬點 and 負點 spell no number
        return None
    start = m.start("minus") if m["minus"] else m.start("run")
    end = m.end("run")
    return Quantity(-value if m["minus"] else value, "", text[start:end], start=start, end=end)


# A whole cell holding a number of days written with 日 and nothing else (15日, １５日).
WHOLE_DAY_COUNT = re.compile(r"\s*((\d{1,3})\s*日)\s*")


def parse_day_count(text: str) -> Quantity | None:
    """A whole cell written as a number of days with 日 alone, as a count: ``15日`` → 15 天.

    ``parse_quantity`` takes a bare 15日 for a day of a month (27日 in seed 003), which states no
    quantity; only a caller that knows the cell holds a duration (the value cell of a 时效指标
    row: 审批办结时间 | 15日 | 18日) asks this instead. None for anything else.

    >>> parse_day_count("15日").value, parse_day_count("15日").unit
    (Decimal('15'), '天')
    """
    m = WHOLE_DAY_COUNT.fullmatch(normalise_chars(text))
    if m is None:
        return None
    return Quantity(Decimal(m[2]), "天", text[m.start(1):m.end(1)], start=m.start(1), end=m.end(1))


# Leftover characters (besides the number and its unit) a value cell may hold: "98分", "≥80",
# "100%", "1,475.00", "约5万元" are values; "指标1：资金直补受益移民（人）" is a label.
VALUE_CELL_SLACK = 3
_WHITESPACE = re.compile(r"\s")


@short_text_memo(maxsize=4096)
def value_of_cell(text: str) -> Quantity | None:
    """The quantity a cell states when the cell is a value, not a label with a number in it.

    Here rather than in ``extract.figures`` because the text reader also asks it, to tell a
    table's summary row (总分 | 100 | 98.5) from a row of labels.
    """
    stripped = text.strip()
    if not stripped:
        return None
    if (bracketed := ACCOUNTING_NEGATIVE.fullmatch(normalise_chars(stripped))) is not None:
        inner = parse_quantity(bracketed.group(1))
        if inner is not None and inner.value > 0 and not inner.unit:
            return replace(inner, value=-inner.value, raw=stripped, start=0, end=len(stripped))
    quantity = parse_quantity(stripped)
    if quantity is None:
        return None
    leftover = len(_WHITESPACE.sub("", stripped)) - len(_WHITESPACE.sub("", quantity.raw))
    return quantity if leftover <= VALUE_CELL_SLACK else None


# A cell that is an amount in brackets, as accounts write a negative one: (3.20), （1,234.56）, (2,300).
# Only with decimals or digit groups: a bracketed small integer, (1), numbers a note or an item.
ACCOUNTING_NEGATIVE = re.compile(r"\(\s*(\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+\.\d+)\s*\)")


def _scan(text: str, whole_cell: bool) -> list[Quantity]:
    if not _MAY_HOLD_NUMBER.search(text):
        return []  # no digit and no numeral character: nothing to find
    if len(text) > MEMO_MAX_CHARS:
        return _scan_uncached(text, whole_cell)  # paragraphs rarely repeat: do not keep them
    return list(_scan_cached(text, whole_cell))


# Anything that could be part of a number: ASCII or full-width digits, Chinese and financial
# numerals (NUMERAL_CHARS covers 〇一二…十百千万亿 and 壹贰叁… ).
_MAY_HOLD_NUMBER = re.compile(f"[0-9０-９{NUMERAL_CHARS}两]")

# Reports repeat the same cells and phrases (“0”, “100%”, “合计”) thousands of times in a batch:
# each distinct text is scanned once per worker. Quantities are frozen, so sharing is safe.
@lru_cache(maxsize=8192)
def _scan_cached(text: str, whole_cell: bool) -> tuple[Quantity, ...]:
    return tuple(_scan_uncached(text, whole_cell))


def _scan_uncached(text: str, whole_cell: bool) -> list[Quantity]:
    """Find number cores in the blanked text and turn each into a Quantity, or skip it."""
    s = blank_non_quantities(normalise_chars(text))
    if "，" in text and _LIST_WORD.search(text):
        s = _split_listed_numbers(text, s)
    found: list[Quantity] = []
    pos = floor = 0
    while (m := _search_core(s, pos)) is not None:
        try:
            quantity = _match_to_quantity(text, s, m, floor, whole_cell)
        except ArithmeticError:  # a run of more digits than any amount has (OCR debris): no quantity
            quantity = None
        if quantity is None:
            pos = m.end()
            continue
        found.append(quantity)
        pos = floor = quantity.end or m.end()
    return _without_glued_parts(text, found) if ("、" in text or "，" in text) else found


# Digits glued by 、 or ， with no space between: how OCR reads a decimal point (“预算执行率97、35%”,
# “4987、60万元”, “3，456、78万元”, “93、6%”, blind probe AR). Read apart, the digits after the last
# glue were the figure (35%, 60万元, 6%) and those before a bare number taking the sentence's unit
# (4987万元, 3万元): wrong values and false alarms. Where a number starts right after such a glue
# and carries money or a percent, and no number of the run before it has a unit of its own, no
# number of the run is read: the figure is not certain. A list says 分别 or 依次, or gives each
# number its unit (95%、99%), and is read as before; so is 1，234.56万元, one number.
_GLUED_RUN = re.compile(r"\d+(?:[、，]\d+)+")
_GLUED_AFTER_UNITS = ("元", "%")


def _without_glued_parts(text: str, found: list[Quantity]) -> list[Quantity]:
    """``found`` without the numbers of a run of digits glued by 、 or ， (see _GLUED_RUN)."""
    if not any(q.start and text[q.start - 1] in "、，" and q.unit.endswith(_GLUED_AFTER_UNITS) for q in found):
        return found  # no money or percent right after a glue: no run is cut (most texts)
    dropped: set[int] = set()
    for run in _GLUED_RUN.finditer(text):
        start, end = run.span()
        inside = [q for q in found if (q.start or 0) < end and (q.end or 0) > start]
        glues = {start + i + 1 for i, ch in enumerate(run.group()) if ch in "、，"}
        cut = [q for q in inside if q.start in glues and q.unit.endswith(_GLUED_AFTER_UNITS)]
        if not cut or any(q.unit for q in inside if (q.start or 0) < (cut[0].start or 0)):
            continue
        if _in_a_listing_sentence(text, start):
            continue
        dropped.update(id(q) for q in inside)
    return [q for q in found if id(q) not in dropped] if dropped else found


# A full-width comma between digits is read as a thousands separator (1，234.56), as the ASCII one
# is; but after 分别 or 依次 in the same sentence the sentence lists several numbers, and the comma
# separates them: 分别完成120，130，150户 is three counts, not 120130150 户. A group followed by
# decimals (分别为1，234.56万元和…) still reads as one number; one without (依次为1，200人) is read as
# a list, since in running text the full-width comma is far more often a list's than a separator.
_LIST_WORD = re.compile("分别|依次")
# A comma that ends a clause, for splitting a sentence into clauses: the full-width one, or an
# ASCII one not between two digits (in “实际支出72,435.00元，其中…” the ASCII comma is inside a number).
CLAUSE_COMMA = r"(?:，|(?<!\d),|,(?!\d))"
_LISTED_COMMA = re.compile(r"(?<=\d)，(?=\d{3}(?![\d.．]))")
_SENTENCE_END_CHARS = "。；;！？!?\n"
LIST_SEPARATOR = "、"


def _split_listed_numbers(text: str, s: str) -> str:
    """``s`` with each full-width comma of ``text`` that separates listed numbers made a 、."""
    chars: list[str] | None = None
    for comma in _LISTED_COMMA.finditer(text):
        at = comma.start()
        if _in_a_listing_sentence(text, at):
            chars = chars if chars is not None else list(s)
            chars[at] = LIST_SEPARATOR
    return s if chars is None else "".join(chars)


def _in_a_listing_sentence(text: str, at: int) -> bool:
    """Whether the sentence of ``text`` that reaches ``at`` says 分别 or 依次 before it."""
    sentence_start = max(text.rfind(end, 0, at) for end in _SENTENCE_END_CHARS) + 1
    return _LIST_WORD.search(text, sentence_start, at) is not None


def _match_to_quantity(text: str, s: str, m: re.Match[str], floor: int, whole_cell: bool) -> Quantity | None:
    """Settle one core: range or single, sign, comparators, Chinese acceptance; build the Quantity."""
    if not whole_cell and m["cn"] is not None and _run_gets_no_unit(s, m):
        return None  # 三峡, the 一 of “（一）”: refused as below, without reading the run first
    piece = match_to_piece(s, m)
    if piece is None or (piece.run is not None and not whole_cell and _bare_run_stays_bare(s, piece)):
        return None
    start, sign, currency, comparator_start, prefix_op = read_left(s, piece.start, floor, piece.run is None)
    if sign < 0:  # before the range check: -5~5% ascends. (A number too long for EXACT fails
        piece.number = EXACT.multiply(piece.number, sign)  # in value_and_unit all the same.)
    if piece.high is not None:  # a spoken range (七八十人) says all; 负 before one says nothing clear
        if sign < 0:
            return None
        high_piece = _Piece(piece.high, piece.start, piece.end, piece.run, piece.multiplier, piece.unit)
    else:
        high_piece = read_range_end(s, piece)
    if high_piece is None and not piece.unit and not piece.multiplier and (
            day_end := read_day_count(s, piece.start, piece.end, bounded=prefix_op in BOUND_OPS)) is not None:
        piece.unit, piece.end = "天", day_end  # 15日内, ≤15日: a count of days, not a day of a month
    if high_piece is not None:  # a comparator before a range is left out: the range says it all
        end, op = high_piece.end, "range"
    else:
        end, suffix_op = read_suffix(s, piece.end)
        if suffix_op is None and piece.unit in DURATION_UNITS and (within := WITHIN.match(s, end)) is not None:
            end, suffix_op = within.end(), "≤"
        if comparator_start is not None:
            start, op = comparator_start, prefix_op
        else:
            op = suffix_op or (">" if piece.more_than else None)
    if piece.run is not None:
        cell = whole_cell and not s[:start].strip() and not s[end:].strip()
        if not _chinese_ok(s, piece, cell):
            return None
    value, unit = piece.value_and_unit()
    high = high_piece.value_and_unit()[0] if high_piece is not None else None
    if currency and not unit:
        unit = currency
    elif currency != "元" and currency and unit in YUAN_UNITS:  # 港币两千九百六十元: the 元 is the HK dollar
        value, high = _times(value, YUAN_UNITS[unit]), _times(high, YUAN_UNITS[unit]) if high is not None else None
        unit = currency
    return Quantity(value, unit, text[start:end], op, high, start, end)  # by position: cheaper than by keyword
