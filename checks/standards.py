"""Per-head standards (JX250–JX251): people × the standard paid per head against the amount paid.

Subsidies are paid at a standard: the national direct subsidy at 600元/人/年 (国发〔2006〕17号,
setting ``direct_subsidy_yuan_per_person_year``), other payments at a standard the report states
itself (“每人600元”, “一人次2000元”). These rules recompute people × standard from the report's
own numbers and flag an amount paid that is not it. They keep their 2xx ids from when they sat
with the rates: ids are never reused or renumbered.

Tolerance is the rounding of the written amount paid (``checks.amounts``); head counts are exact.
Both rules are warnings: people may be counted at another date than the payment.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from decimal import Decimal
from itertools import pairwise

from checks.amounts import (
    Amount,
    amount_of,
    clause_end,
    clause_start,
    figure_rounding,
    sentence_key,
    slip_hint,
    span_quote,
    text_groups,
)
from checks.model import CheckInput, number_text
from checks.registry import Flag, Rule, RuleSettings
from extract.figures import RawFigure
from normalize.match import is_delta, tokenizer

YUAN_PER_WAN = Decimal(10000)


# ─── JX250 ─────────────────────────────────────────────────────────────────────────────────────


def check_direct_subsidy_standard(inp: CheckInput, settings: RuleSettings) -> Iterator[Flag]:
    """直补人数 × 直补标准（600元/人/年），不等于所写的直补资金。

    检查内容：报告的直补（直扶）人数乘以直补标准，与其直补资金比较，允许所写金额的舍入误差。标准用报告
    自己写明的直补标准（“补助标准每人每年960元”）；未写明时，水库移民后期扶持直补（标题或人数、金额
    所在段落中有“移民”“后期扶持”“库区”“直补”“直扶”）用默认标准（依国发〔2006〕17号为600元/人/年；规则配置文件中的设置项：
    direct_subsidy_yuan_per_person_year），其他发放项目不核对。
    为何重要：直补按人头、按固定标准发放；金额不等于“人数 × 600元”，说明有人只领了部分年度、有人没有
    领到（相差人数为整数时会写出相差多少人），或两个数字之一有误。
    触发示例：“完成了36277人计2161.83万元的移民直补资金”（36277 × 600元 = 2176.62万元）。
    不触发示例：“直补移民人数为6514人，计划发放直补资金390.84万元”，且390.84万元就是实发金额（6514 ×
    600元 = 390.84万元）。“直补人数4,250人，补贴标准为每人每年960元，发放直补资金408.00万元”
    （4250 × 960元 = 408万元：报告写明的标准，而非600元）。计划生育奖励扶助“共为3,145名奖励扶助对象
    发放奖励扶助金301.92万元”，标准按月写（80元/人·月），不是移民直补的600元。
    局限：只报“提醒”，从不报“错误”：人数的统计时点可能与发放时点不同，有的省也可能执行另一标准（可在
    规则配置文件中设置）。只比较报告对评价年度所写的各一个采用值。报告分几类对象、各按自己的标准发放，
    且至少两段各自写明标准、人数和金额并相符时（“集中供养…每人每年10,800元，全年为214人发放…231.12万元”
    与“分散供养…每人每年9,600元…”），或同一段落按人群分档写了几个不同标准时（“80—89周岁每人每年600元，
    90—99周岁每人每年1,200元”，汇总表此时不填直补标准），不核对，直补的这几项也不报告为两个数值（JX601）。
    """
    chosen = inp.values.chosen
    people, paid = chosen.get("direct_subsidy_people"), chosen.get("direct_subsidy_wan")
    if people is None or paid is None or inp.values.several_paid_groups:
        return  # several groups, each paid by its own standard and adding up on its own
    stated = chosen.get("direct_subsidy_standard_yuan")  # the unit's own standard, where it states one
    if stated is None and not RESETTLEMENT_SUBSIDY.search(
            " ".join((inp.metadata.title, people.label, paid.label, people.location.quote, paid.location.quote))):
        return  # the national 600元 is the resettlement subsidy's; another programme's standard is its own
    standard = stated.value if stated is not None else settings.standard(
        "direct_subsidy_yuan_per_person_year", Decimal(600))
    expected = people.value * standard / YUAN_PER_WAN
    allowed = figure_rounding(paid)
    difference = expected - paid.value
    if abs(difference) <= allowed:
        return
    yield Flag(
        f"直补资金写为{number_text(paid.value)}万元，但直补人数×标准=应发金额："
        f"{number_text(people.value)}人×{number_text(standard)}元={number_text(expected)}万元，"
        f"相差{number_text(abs(difference))}万元{_people_hint(difference, standard)}"
        f"{slip_hint(paid.value, expected)}",
        evidence=tuple(dict.fromkeys(span_quote(f.location) for f in (people, paid, stated) if f is not None)),
        locations=tuple(f.location for f in (people, paid, stated) if f is not None),
        values={"people": number_text(people.value), "standard_yuan": number_text(standard),
                "expected_wan": number_text(expected), "stated_wan": number_text(paid.value),
                "difference_wan": number_text(difference)},
        severity="warning",
    )


# The programme the default standard is set for: the direct subsidy to people resettled for large
# and medium reservoirs (大中型水库移民后期扶持, 国发〔2006〕17号), named in the title or in the
# paragraphs (cells) of the people and the money, by its name or as 直补/直扶. Another programme
# paying people (计划生育奖励扶助 at 80元/人·月, blind probe AE ae11) is checked only against a
# standard it states itself.
RESETTLEMENT_SUBSIDY = re.compile(r"移民|后期扶持|后扶|库区|直补|直扶")


def _people_hint(difference_wan: Decimal, standard_yuan: Decimal) -> str:
    people = abs(difference_wan) * YUAN_PER_WAN / standard_yuan
    if people != people.to_integral_value() or people == 0:
        return ""
    return f"（正好{number_text(people)}人的标准金额）"


# ─── JX251 ─────────────────────────────────────────────────────────────────────────────────────

# A per-head standard written before its amount: 每人600元, 每人每年600元, 每户3000元, 每生每年2000元,
# 按每人次…
PER_HEAD_BEFORE = re.compile(
    r"(?:每|(?<![\d零一二三四五六七八九十百千万两])[一1])\s*(人次|人|户|名|生|位)(?:每年|/年)?\s*(?:补助|补贴|奖励|发放)?\s*$"
)
# Per-head units written after the amount: 600元/人, 2000元/人次 (a per-month standard is not used).
PER_HEAD_UNIT = re.compile(r"^(元|万元)/(人次|人|户|名)$")
# 每生 (per student, as schools write it) and 每位 are per head too.
HEAD_FAMILIES = {"人": "人", "名": "人", "人次": "人", "户": "户", "生": "人", "位": "人"}
# One of them stands in every per-head standard written before its amount (PER_HEAD_BEFORE): a
# search for the class over the words before an amount, without cutting them out first.
HEAD_CHAR = re.compile("[人户名生位]")
# A period shorter than the year right after a per-head amount.
SHORTER_PERIOD = re.compile(r"^\s*[/·.每]?\s*[月日天季周]")
# Words too common in these reports to show that two phrases are about the same thing.
GENERIC_TOKENS = frozenset((
    "资金", "金额", "发放", "移民", "人员", "人数", "共", "共计", "计", "其中", "标准", "每人",
    "元", "万元", "年", "补助", "补贴", "奖励", "申报", "合计", "按", "的", "了", "为", "给予",
    "人", "户", "人次", "名",
))
# Tokens with digits or dates (2000, 3月份) name no thing.
NON_WORD = re.compile(r"[\d０-９]|月份?$|年度?$")


def check_stated_standard(inp: CheckInput, settings: RuleSettings) -> Iterator[Flag]:
    """人数 × 段落中写明的人均标准，不等于发放金额。

    检查内容：某段落写明了自己的人均标准（“每人600元”“600元/人/年”“一人次2000元自主培训补助”“每生每年
    2000元”），其后
    某一句中先写人数（人、名、人次；按户的标准则为户），紧接着写金额，且二者与标准说的是同一事项（与
    标准所在短语有相同的名称词，如“自主培训”）：金额必须等于 人数 × 标准。
    为何重要：与所写标准对不上的发放，说明实际发给了别的人，或没有按报告所说的标准发放。
    触发示例：“3月份申报一人次2000元自主培训补助…。自主培训移民2人，发放补助金额6千元”（2 × 2000元 =
    4000元）。
    不触发示例：同一段改写为“发放补助金额4千元”；“直补移民人数为6514人，计划发放直补资金390.84万元”
    （段落中没有写标准，由JX250检查）。
    局限：只报“提醒”。按月或按日的标准、写在其他段落的标准、金额写在人数之前的情形，都不读取；JX250
    比较的那一对数字留给JX250。同一段落按人群分档写了几个不同标准（“80—89周岁每人每年600元，90—99
    周岁每人每年1,200元”）时，分不清金额属于哪一档，不核对。
    """
    chosen = inp.values.chosen
    national = {chosen[k].location for k in ("direct_subsidy_people", "direct_subsidy_wan") if k in chosen}
    for group in text_groups(inp.raw_figures):
        standards = _standards_in(group)
        if not standards:
            continue  # most paragraphs state no standard
        banded = _banded_families(standards.values())
        for index, standard in standards.items():
            raw = group[index]
            yuan, family, phrase = standard
            if family in banded:
                continue  # several bands, each paid to its own people: which one an amount is of is not said
            for people, amount in _people_and_amounts(group, index, family):
                if people.raw.location in national or amount.raw.location in national:
                    continue
                if not _shares_words(phrase, people.label + amount.label):
                    continue
                flag = _stated_standard_flag(raw, yuan, people, amount)
                if flag is not None:
                    yield flag


def _banded_families(standards) -> set[str]:
    """The heads (人, 户 …) a paragraph states two or more different standards per, each for a band
    of the people (80—89周岁每人每年600元，90—99周岁每人每年1,200元, blind probe AL r02). Standards
    of two named things (培训补助每人2000元，就业奖励每人1000元) are no bands: each is held to the
    amounts that name it."""
    values: dict[str, set[Decimal]] = {}
    for yuan, family, phrase in standards:
        if BAND_QUALIFIER.search(phrase):
            values.setdefault(family, set()).add(yuan)
    return {family for family, found in values.items() if len(found) > 1}


# What marks a band of the people a standard is for: an age (80—89周岁, 100周岁及以上) or a grade
# (一级, 二档).
BAND_QUALIFIER = re.compile(r"周岁|岁(?:以上|以下|及以上)|[一二三四五六七八九十\d]\s*(?:级|档)")


def _standards_in(group: tuple[RawFigure, ...]) -> dict[int, tuple[Decimal, str, str]]:
    """The standards of a paragraph's figures, by their index in it."""
    return {index: found for index, raw in enumerate(group) if (found := _standard_at(raw)) is not None}


def _standard_at(raw: RawFigure) -> tuple[Decimal, str, str] | None:
    """(standard in 元, the head it is per, the phrase naming it) when the figure is a standard.

    Most figures are not standards: the phrase (a walk to the clause breaks) is cut only for those
    that are.
    """
    quantity = raw.quantity
    unit = quantity.unit
    unit_match = PER_HEAD_UNIT.match(unit) if "/" in unit else None  # each per-head unit has its /
    if unit_match is None and unit not in ("元", "万元"):
        return None  # not money: most figures, passed over first, before their text is read
    if quantity.op not in (None, "="):
        return None
    text = raw.location.quote
    start, end = raw.location.char_start or 0, raw.location.char_end or 0
    words_start = max(0, start - 12)
    if unit_match is None and HEAD_CHAR.search(text, words_start, start) is None:
        return None  # most amounts: no head (人, 户 …) in the words before for PER_HEAD_BEFORE to find
    if SHORTER_PERIOD.search(text[end:end + 4]):
        return None  # 300元/人/月, 50元/人·天: the amount paid depends on how long, which is not stated
    if unit_match:
        factor = YUAN_PER_WAN if unit_match.group(1) == "万元" else Decimal(1)
        head = unit_match.group(2)
    else:  # 元 or 万元, with the head written before it
        factor = YUAN_PER_WAN if quantity.unit == "万元" else Decimal(1)
        head_before = PER_HEAD_BEFORE.search(text[words_start:start])
        if head_before is None:
            return None
        head = head_before.group(1)
    phrase = text[clause_start(text, start) : clause_end(text, end)]
    return quantity.value * factor, HEAD_FAMILIES[head], phrase


def _people_and_amounts(group: list[RawFigure], index: int, family: str) -> Iterator[tuple[Amount, Amount]]:
    """Pairs after the standard: a head count directly followed, in its sentence, by a money amount."""
    later = group[index + 1 :]
    for first, second in pairwise(later):
        if sentence_key(first) != sentence_key(second):
            continue
        people, amount = amount_of(first), amount_of(second)
        if people is None or amount is None or amount.kind != "money" or is_delta(second.label):
            continue
        if HEAD_FAMILIES.get(first.quantity.unit) != family or first.quantity.value == 1:
            continue
        yield people, amount


def _shares_words(phrase: str, labels: str) -> bool:
    jieba = tokenizer()

    def words(text: str) -> set[str]:
        tokens = jieba.lcut(text)
        return {w for w in tokens if len(w) >= 2 and w not in GENERIC_TOKENS and not NON_WORD.search(w)}

    return bool(words(phrase) & words(labels))


# How a standard per head is written before its amount: 每人每年, 每名, 每生每学期 ….
PER_HEAD_WORDS = re.compile(r"每[^，,。；;、\d]{0,6}$")


def _stated_standard_flag(
    standard_raw: RawFigure, yuan: Decimal, people: Amount, amount: Amount
) -> Flag | None:
    expected_yuan = people.value * yuan
    stated_yuan = amount.value * YUAN_PER_WAN
    allowed_yuan = amount.rounding * YUAN_PER_WAN
    if abs(expected_yuan - stated_yuan) <= allowed_yuan:
        return None
    per_head = PER_HEAD_WORDS.search(standard_raw.label)
    written = (f"“{per_head.group(0)}{standard_raw.quantity.raw}”" if per_head is not None
               else f"每{people.raw.quantity.unit}{number_text(yuan)}元")
    if "万" in amount.raw.quantity.raw:
        # in 万元, as the report states the money paid (blind probe AY: “相差256120元” beside 525.62万元)
        expected_wan = expected_yuan / YUAN_PER_WAN
        sums = (f"{number_text(expected_wan)}万元，写明发放{amount.raw.quantity.raw}，"
                f"相差{number_text(abs(expected_wan - amount.value))}万元")
    else:
        sums = (f"{number_text(expected_yuan)}元，写明发放{amount.raw.quantity.raw}"
                f"（{number_text(stated_yuan)}元），相差{number_text(abs(expected_yuan - stated_yuan))}元")
    return Flag(
        f"文中标准为{written}，但人数×标准={number_text(people.value)}×{number_text(yuan)}={sums}",
        evidence=(span_quote(people.raw.location, amount.raw.location), span_quote(standard_raw.location)),
        locations=(people.raw.location, amount.raw.location, standard_raw.location),
        values={"people": number_text(people.value), "standard_yuan": number_text(yuan),
                "expected_yuan": number_text(expected_yuan), "stated_yuan": number_text(stated_yuan)},
        severity="warning",
    )


RULES = (
    Rule("JX250", "standard_mismatch", "warning", check_direct_subsidy_standard),
    Rule("JX251", "standard_mismatch", "warning", check_stated_standard),
)
