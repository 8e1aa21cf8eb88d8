"""Chinese numerals, ordinary (小写 三万五千六百) and financial (大写 壹万贰仟叁佰肆拾伍), to exact numbers.

``numbers.py`` finds *where* a numeral run sits and decides whether it states a quantity; this
module only answers "what number does this run of numeral characters spell?", or ``None`` when
the run is not a well-formed numeral (``十四五`` is a plan name, not 1,445).

    >>> chinese_to_decimal("三万五千六百")
    Decimal('35600')
    >>> chinese_to_decimal("百分之三点五") is None   # the 百分之 prefix is numbers.py's job
    True

It also holds the list of ordinary words that contain numeral characters but state no number
(一律, 统一, 三公经费 …), because deciding that is a question about Chinese numerals, not about
Arabic digits.
"""

from __future__ import annotations

import re
from decimal import Decimal

# Digit characters. 〇/○ are the zero of years written digit by digit (二〇二二年); 两 is the
# 2 used before measure words and 千/万 (两千, 两个); the 大写 forms are the ones on cheques and
# in 人民币…元整 amounts; a few traditional forms (貳 參 陸) appear in scanned older documents.
DIGITS: dict[str, int] = {
    "零": 0, "〇": 0, "○": 0,
    "一": 1, "壹": 1,
    "二": 2, "两": 2, "贰": 2, "貳": 2, "貮": 2,
    "三": 3, "叁": 3, "參": 3, "叄": 3,
    "四": 4, "肆": 4,
    "五": 5, "伍": 5,
    "六": 6, "陆": 6, "陸": 6,
    "七": 7, "柒": 7,
    "八": 8, "捌": 8,
    "九": 9, "玖": 9,
}

# Units below 万, which multiply the digit before them inside one 万-group.
SMALL_UNITS: dict[str, int] = {"十": 10, "拾": 10, "百": 100, "佰": 100, "千": 1000, "仟": 1000}

# Units that close a group: 三千万 is (三千)×万, 一亿二千万 is 一×亿 + (二千)×万.
BIG_UNITS: dict[str, int] = {"万": 10**4, "萬": 10**4, "亿": 10**8, "億": 10**8}

# Units above 亿 in the same ten-thousand steps (一兆 = 10¹², 一京 = 10¹⁶), as number suites and
# older texts write very large amounts. They are read only in a whole string of numerals
# (chinese_to_int, numbers.parse_quantity), never in running text: there 兆 is the metric prefix
# “mega” (装机容量5兆瓦), so NUMERAL_RUN leaves them out.
HIGHER_UNITS: dict[str, int] = {"兆": 10**12, "京": 10**16}

# The decimal point of spoken numbers: 三点五 = 3.5.
POINTS = "点點"

# Old single characters for two, three and four tens (廿二 = 22, 卅 = 30, 卌玖 = 49), still met in
# dates and older documents: read as the tens they stand for.
TENS_CHARACTERS: dict[str, str] = {"廿": "二十", "卅": "三十", "卌": "四十"}

NUMERAL_CHARS = "".join(DIGITS) + "".join(SMALL_UNITS) + "".join(BIG_UNITS) + "".join(TENS_CHARACTERS)
_DIGIT_CHARS = "".join(DIGITS)

# One run of numeral characters, with an optional decimal part. numbers.py searches with it.
NUMERAL_RUN = re.compile(f"[{NUMERAL_CHARS}]+(?:[{POINTS}][{_DIGIT_CHARS}]+)?")

# Words made of numeral characters (or starting with one) that are not numbers. numbers.py
# blanks them out before it looks for quantities. Each entry says why it is here; most would
# already be skipped because no measure word follows, and are listed so that the rule does not
# depend on what happens to come next (统一口径 would otherwise read as "一口"). An optional third
# element lists characters of which the text must hold one for the pattern to match, and a fourth
# a pattern every match implies: numbers.py skips the pattern on other texts (see
# numbers.NotQuantity). A lookbehind is written after the characters it guards (一(?<=[统…]一)
# for (?<=[统…])一), so that re can skip to them: see numbers._first.
NUMERAL_WORDS: tuple[tuple[str, ...], ...] = (
    (r"一律|一般|一直|一线|一站式|一卡通|一体化|一系列|一方面|一把手|一揽子", "words; brief and seeds", "一"),
    (r"一(?<=[统唯同逐单]一)|一(?<=之一)(?<![\d" + _DIGIT_CHARS + r"十百千万亿]分之一)|万(?<![\d" + _DIGIT_CHARS
     + "十百千拾佰仟]万)一|进一步",
     ("一 inside a word (统一口径 is not 一口, 之一 is “one of”, 万一 “in case”); only 一 is blanked; "
      "百分之一百 is 100%, 四分之一 a fraction (numbers.py), 一万一千 and 3万一千 are numbers"), "一",
     "一(?<=[统唯同逐单之万进]一)"),
    (r"一次性|一条龙|一口气|一成不变|一门心思|一眼", "numeral + measure word that is an adjective or idiom", "一"),
    (r"一起(?![案事火])", "一起 = together (一起参加); 一起案件, 一起事故, 一起火灾 are counts of 起", "一"),
    (r"三公", "三公经费 (the three official expenses), seeds 000 and 004", "三"),
    (r"十[一二三四五六七八九]五", "plan names 十四五 / 十三五 (not 1,445)", "十"),
    (r"[一二三四五六七八九]级", "一级指标 / 二级指标 / 三级指标: levels, seed 003", "级",
     "级(?<=[一二三四五六七八九]级)"),
    (f"[一二三四五六七八九十](?<![{NUMERAL_CHARS}\\d之][一二三四五六七八九十])是",
     "一是 / 二是: list markers in running text, seeds 001 and 004; not the end of a number (百分之三五是, 百分之十是)",
     "是", "是(?<=[一二三四五六七八九十]是)"),
    (r"八项规定", "the name of a regulation, not eight items", "八"),
    (r"百分百", "rhetoric (百分百满意), not a stated rate", "百"),
    (f"十分(?<![{NUMERAL_CHARS}\\d]十分)(?![之钟])", "十分 = 'very' (十分困难, seed 001), not a score of 10",
     "十"),
)

# Characters that, right before a numeral run, make it something other than a count: 第一 is
# an ordinal, 无一人 means nobody, 每一户 is distributive, 数十人 / 几十个 are vague amounts.
LEFT_BLOCKERS = "第无每逐数几"
# Of those, the ones that make only a magnitude vague (数十人, 几百个): before a digit the 数 ends
# a word, as in 实有人数四十六人 or 编制数四十三名.
VAGUE_BEFORE_MAGNITUDE = "数几"
MAGNITUDES = "十拾百佰千仟万亿"

# “公务用车运行维护费为零。”: 零 alone after 为 or 是, ending its clause, states a zero (the unit is
# the sentence's); 零星, 零散 and 为零星 are words.
IS_WORDS = "为是"
CLAUSE_END = "，,。；;、）)：:"

# After a Chinese count, another numeral means a slogan, not a count: 一户一产业 (seed 003),
# 一村一品, 三走访三签字 (seed 004).
SLOGAN_NEXT = "一二两三四五六七八九十"

# 角 (or 毛, as spoken) and 分 after 元, in Arabic or Chinese digits: 3元5角, 12元3角4分, 壹元零伍分,
# 陆角柒分, 二十五元三毛; a cheque writes 零 after a whole 元 before its 角: 贰拾元零伍角, 柒仟元零伍角叁分.
_ANY_DIGIT = "\\d" + "".join(DIGITS)
JIAO_FEN = re.compile(
    f"零?(?P<jiao>[{_ANY_DIGIT}])[角毛](?:零?(?P<fen>[{_ANY_DIGIT}])分)?|零?(?P<fen_only>[{_ANY_DIGIT}])分")


def chinese_to_decimal(text: str) -> Decimal | None:
    """The exact number a run of Chinese numeral characters spells, or ``None``.

    ``三点五`` → 3.5, ``零点五`` → 0.5, ``点五`` → 0.5, ``一百零五`` → 105, ``壹拾万`` → 100000,
    ``二〇二二`` → 2022. Colloquial trailing digits are read as people read them: ``三万五`` → 35000,
    ``一百五`` → 150.
    """
    integer_text, point, fraction_text = _split_point(text)
    if point and not integer_text:  # 点五 is 0.5; 点零 is no way to write zero
        integer = 0 if any(DIGITS.get(ch) for ch in fraction_text) else None
    else:
        integer = chinese_to_int(integer_text)
    if integer is None:
        return None
    if not point:
        return Decimal(integer)
    if not fraction_text or any(ch not in DIGITS for ch in fraction_text):
        return None
    return Decimal(f"{integer}.{''.join(str(DIGITS[ch]) for ch in fraction_text)}")


def chinese_to_int(text: str) -> int | None:
    """An integer spelt in Chinese numerals (小写 or 大写), or ``None`` when malformed.

    A run made only of digits (``二〇二二``) is read digit by digit, as years are written. 兆 and
    京 (HIGHER_UNITS) multiply all that comes before them: ``一万兆`` → 10¹⁶.
    """
    if not text:
        return None
    for tens, spelt in TENS_CHARACTERS.items():
        if tens in text:
            text = text.replace(tens, spelt)
    if len(text) > 1 and all(ch in DIGITS for ch in text):
        return int("".join(str(DIGITS[ch]) for ch in text))
    if any(ch in HIGHER_UNITS for ch in text):
        return _higher_to_int(text)
    return _grouped_to_int(text)


def _higher_to_int(text: str) -> int | None:
    """``三十万零七十兆零四百三十亿…``: what comes before the last of the largest higher unit times
    that unit, plus what comes after it, which must be smaller than the unit. A single digit right
    after the unit (一兆五) is refused: whether it means 5×10¹¹ is a guess."""
    unit_char = max((ch for ch in text if ch in HIGHER_UNITS), key=HIGHER_UNITS.__getitem__)
    unit = HIGHER_UNITS[unit_char]
    head, _, tail = text.rpartition(unit_char)
    multiple = chinese_to_int(head)
    if not multiple or (len(tail) == 1 and tail in DIGITS and tail not in "零〇○"):
        return None
    rest = tail.lstrip("零〇○")
    below = chinese_to_int(rest) if rest else 0
    if below is None or below >= unit:
        return None
    return multiple * unit + below


# Two neighbouring digits say “this or that many”, as people speak of rough amounts: 三四个 (3 or
# 4), 七八十人 (70 to 80), 十五六 (15 or 16), 三五百 (300 to 500; 三五 is the one pair that skips).
RANGE_PAIRS = frozenset({(d, d + 1) for d in range(1, 9)} | {(3, 5)})


def spoken_range(text: str) -> tuple[int, int] | None:
    """The ends of a spoken range (三五百 → (300, 500), 十七八万 → (170000, 180000)), or ``None``.

    The run is a numeral before the pair (七百 of 七百三四十, 十 of 十五六), the pair, the
    pair's unit (十/百/千; none means the next place below the numeral before, or ones), and a
    closing 万 or 亿. Anything else, or a pair not in RANGE_PAIRS, is no range.
    """
    big = BIG_UNITS.get(text[-1:], 1)
    body = text[:-1] if big > 1 else text
    unit = SMALL_UNITS.get(body[-1:], 0)
    if unit:
        body = body[:-1]
    if len(body) < 2 or body[-1] not in DIGITS or body[-2] not in DIGITS:
        return None
    low_digit, high_digit = DIGITS[body[-2]], DIGITS[body[-1]]
    if (low_digit, high_digit) not in RANGE_PAIRS:
        return None
    head = body[:-2]
    if not head:
        scale = unit or 1
        return low_digit * scale * big, high_digit * scale * big
    if head[-1] not in SMALL_UNITS or (base := _grouped_to_int(head)) is None:
        return None
    place = SMALL_UNITS[head[-1]]
    if unit >= place:  # 七百三四千: the pair's unit must be below the numeral's last
        return None
    scale = unit or place // 10
    return (base + low_digit * scale) * big, (base + high_digit * scale) * big


def is_digit_sequence(text: str) -> bool:
    """True for runs like ``三五`` or ``二〇二二``: digits with no unit between them.

    numbers.py refuses them as single quantities: a year (二〇二二年) is written this way, and
    two neighbouring digits are a spoken range (三五个 is 3 to 5, see spoken_range).
    """
    head = _split_point(text)[0]
    return len(head) > 1 and all(ch in DIGITS for ch in head)


def has_numeral_digit(text: str) -> bool:
    """True when the run holds a digit (廿, 卅 and 卌 among them) or starts with 十: ``万`` and ``千``
    alone are no number.

    This keeps 千家万户 and 蔡家社区万家组 (seed 001) from reading as 1000 or 10000 families.
    """
    return any(ch in DIGITS or ch in TENS_CHARACTERS for ch in text) or text[:1] in "十拾"


def _split_point(text: str) -> tuple[str, str, str]:
    """Split ``三点五`` into ("三", "点", "五"); no point gives ("三", "", "")."""
    for point in POINTS:
        if point in text:
            head, _, tail = text.partition(point)
            return head, point, tail
    return text, "", ""


class _Groups:
    """Running state of the grouped reading: 亿-part, 万-part, the section below 万."""

    def __init__(self) -> None:
        self.above_yi = 0
        self.wan = 0
        self.section = 0
        self.digit: int | None = None
        self.smallest_unit = 10**5  # units inside a section must descend: 千 then 百 then 十
        self.has_wan = False
        self.prev = ""  # kind of the previous character: "", digit, zero, small, big
        self.last_big = 0  # the big unit read last, for a doubled one (四萬萬, 一亿亿)
        self.unit_before_digit = 1  # scale of a trailing colloquial digit (三万五 → 5×1000)


def _grouped_to_int(text: str) -> int | None:
    """Read ``一亿二千万零五百`` style numerals group by group; ``None`` on any malformation."""
    state = _Groups()
    for ch in text:
        if ch in DIGITS:
            ok = _take_digit(state, DIGITS[ch])
        elif ch in SMALL_UNITS:
            ok = _take_small_unit(state, SMALL_UNITS[ch])
        elif ch in BIG_UNITS:
            ok = _take_big_unit(state, BIG_UNITS[ch])
        else:
            ok = False
        if not ok:
            return None
    tail = (state.digit or 0) * state.unit_before_digit
    return state.above_yi + state.wan + state.section + tail


def _take_digit(state: _Groups, digit: int) -> bool:
    """A digit waits for the unit after it; two digits in a row (十四五) are malformed."""
    if digit == 0:
        if state.prev in ("small", "big", "zero"):
            state.prev = "zero"
            return True
        return state.prev == "" and state.digit is None and _only_zero(state)
    if state.prev == "digit":
        return False
    state.unit_before_digit = {"small": state.smallest_unit // 10, "big": _last_big(state) // 10}.get(
        state.prev, 1
    )
    state.digit = digit
    state.prev = "digit"
    return True


def _only_zero(state: _Groups) -> bool:
    """零 on its own is the number 0; mark it so a following digit is refused."""
    state.prev = "digit"
    state.digit = 0
    return True


def _last_big(state: _Groups) -> int:
    """The big unit just read: 万 when this 亿-group already has one, else 亿."""
    return 10**4 if state.has_wan else 10**8


def _take_small_unit(state: _Groups, unit: int) -> bool:
    """十/百/千 multiply the pending digit; 十 alone means 一十 (十五 = 15)."""
    if unit >= state.smallest_unit:
        return False
    if state.digit is None:
        if unit != 10 or state.prev not in ("", "zero", "big"):
            return False
        state.digit = 1
    state.section += state.digit * unit
    state.digit = None
    state.smallest_unit = unit
    state.prev = "small"
    return True


def _take_big_unit(state: _Groups, unit: int) -> bool:
    """万 closes the section below it; 亿 closes everything below it (三万亿 works too).

    A big unit read twice in a row multiplies all before it once more, as older texts write 亿 as
    萬萬 (四萬萬 = 4×10⁸) and number suites write 一亿亿 = 10¹⁶.
    """
    group = state.section + (state.digit or 0)
    if group == 0 and state.prev == "big" and unit == state.last_big:
        state.above_yi = (state.above_yi + state.wan) * unit
        state.wan = 0
        state.has_wan = False
        return True
    state.last_big = unit
    if unit == 10**4:
        if group == 0 or state.has_wan:
            return False
        state.wan = group * unit
        state.has_wan = True
    else:
        amount = state.wan + group
        if amount == 0:
            return False
        state.above_yi = (state.above_yi + amount) * unit
        state.wan = 0
        state.has_wan = False
    state.section = 0
    state.digit = None
    state.smallest_unit = 10**5
    state.prev = "big"
    return True


def run_states_quantity(run: str, before: str, after: str, has_unit: bool, whole_cell: bool,
                        spoken_range: bool = False) -> bool:
    """Whether a Chinese numeral run states a quantity, given the characters around it.

    It must be a real numeral (not 万 alone, not a digit sequence such as 二〇 unless it is a
    spoken range, 三五个), not follow a blocker (第一, 无一人, 数十人), and be followed by a unit
    (四个机构) unless it is the whole cell; a count followed by another numeral is a slogan
    (一户一产业). ``after`` is the character after the unit.
    """
    if not has_numeral_digit(run) or (is_digit_sequence(run) and not spoken_range):
        return False
    if before and before in LEFT_BLOCKERS and (before not in VAGUE_BEFORE_MAGNITUDE or run[0] in MAGNITUDES):
        return False
    if not has_unit:
        return whole_cell or (run == "零" and before in IS_WORDS and (not after or after in CLAUSE_END))
    return not (after and after in SLOGAN_NEXT)


def jiao_fen_at(text: str, pos: int, need_jiao: bool = False) -> tuple[int, int] | None:
    """角/分 written at ``pos`` (right after 元) as (分 count, end), or ``None``: 3角4分 → (34, end).

    ``need_jiao``: only when a 角 (毛) comes first, as after 块, which is money only then: 十二块五毛
    is 12.5, but 3块5分 need not be (3 plaques, 5 points)."""
    m = JIAO_FEN.match(text, pos)
    if m is None or (need_jiao and not m["jiao"]):
        return None
    jiao = _digit_value(m["jiao"]) if m["jiao"] else 0
    fen_char = m["fen"] or m["fen_only"]
    return jiao * 10 + (_digit_value(fen_char) if fen_char else 0), m.end()


def _digit_value(ch: str) -> int:
    """One Arabic or Chinese digit character as an int."""
    return int(ch) if ch.isascii() else DIGITS[ch]
