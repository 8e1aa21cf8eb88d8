"""Exact conversion of a ``Quantity`` to canonical units: money in 万元, rates in percent, counts.

Reports state money in 元, 万元 or 亿元 (tables are headed "（万元）"), rates as 61.92%, 千分之5 or
3成, and counts with dozens of measure words. Checks compare figures, so every figure is brought
to one unit per kind, exactly: ``Decimal`` multiplied by a ``Decimal`` factor with rounding
trapped, never a float.

    >>> from extract.numbers import parse_quantity
    >>> to_canonical(parse_quantity("6,400,000元"))
    CanonicalValue(value=Decimal('640.0000'), unit='万元', kind='money', factor=Decimal('0.0001'), is_integral=True, high=None)
"""

from __future__ import annotations

from decimal import Context, Decimal, DivisionByZero, Inexact, InvalidOperation, Overflow
from typing import Literal

from extract.numbers import FOREIGN_CURRENCY_SPELLINGS, Quantity, parse_quantity
from extract.records import record

Kind = Literal["money", "rate", "count", "other"]


@record
class CanonicalValue:
    """A quantity in its canonical unit: ``value = quantity.value × factor``.

    ``is_integral`` says whether the value is a whole number; a count that is not (2.5人, an
    extraction or typing error) keeps its Decimal and is marked ``False`` for the checks to flag.
    ``high`` is the converted high end of a range.
    """

    value: Decimal
    unit: str
    kind: Kind
    factor: Decimal
    is_integral: bool = True
    high: Decimal | None = None


@record
class UnitFactor:
    """How one written unit converts: to ``canonical`` by multiplying with ``factor``."""

    canonical: str
    kind: Kind
    factor: Decimal
    seen: str  # where this unit was seen, so the entry can be checked against a document


# Counts: kept in their own measure word, factor 1. Where each was seen (seeds are the reports
# in shared/seeds/: 000 邵东市库区移民, 001 岳阳楼区2023, 002 岳阳楼区2017, 003 岳阳县, 004 永兴县).
_COUNTS_SEEN: dict[str, str] = {
    "人": "36277人 (000), 在编18人 (003)", "人次": "104人次 (000), 1.07万人次 (004)",
    "户": "82户 (000), 9619户 (004)", "户次": "household visits; not in seeds",
    "个": "343个移民项目 (000), 项目230个 (003)", "项": "“两项”补贴 (004)", "次": "帮扶15963次 (004)",
    "家": "4家企业 (000), 26家扶贫车间 (004)", "所": "schools and clinics; not in seeds",
    "村": "两村 (000)", "座": "29座大中型水库 (002)", "台": "equipment; not in seeds",
    "辆": "vehicles; not in seeds", "件": "立案25件 (004)", "名": "160名移民 (000), 33名 (004)",
    "盏": "路灯610余盏 (000)", "口": "山塘20余口 (000), 20口山塘 (001)", "条": "道路50条 (001)",
    "场": "meetings; not in seeds", "场次": "127场次 (004)", "批次": "brief", "批": "brief",
    "期": "一期家政培训 (001)", "栋": "26栋 (000), 7栋 (001)", "幢": "buildings; not in seeds",
    "套": "housing units; not in seeds", "本": "books, certificates; not in seeds",
    "支": "129支驻村工作队 (004)", "种": "扶贫产品231种 (004)", "笔": "两笔 (003)",
    "份": "questionnaires; not in seeds", "张": "cards; not in seeds", "处": "sites; not in seeds",
    "间": "rooms; not in seeds", "篇": "articles; not in seeds", "只": "animals; not in seeds",
    "头": "livestock; not in seeds", "株": "seedlings; not in seeds", "棵": "trees; not in seeds",
    "届": "sessions; not in seeds", "位": "people (polite); not in seeds", "组": "groups; not in seeds",
    "块": "signs, plots (3块宣传牌); WeTextProcessing's 一百块钱, not in seeds",
    # in indicator tables of blind probe AA; not in seeds
    "起": "cases, accidents (侦破刑事案件684起, 0起)", "门": "courses (开设校本课程24门)",
    "羽": "poultry (禽流感强制免疫260万羽)", "尾": "fish fry (增殖放流5万尾)", "卷": "archive files (1.2万卷)",
    "册": "volumes (馆藏2万册)", "页": "pages (数字化80万页)", "宗": "cases, land parcels (20宗)",
    "艘": "boats", "架": "aircraft, drones", "枚": "medals, seals", "眼": "wells (机井9眼)",
    "台次": "inspections of equipment (特种设备检查1612台次)", "点次": "monitoring visits (120点次)",
    "架次": "flights", "车次": "vehicle trips", "班次": "scheduled runs",
}

# Other physical units: kept as written, factor 1 (the brief: "kept as written with Decimal").
_OTHERS_SEEN: dict[str, str] = {
    "亩": "land area; brief", "公顷": "land area; not in seeds", "平方公里": "area; not in seeds",
    "平方米": "floor area; brief", "立方米": "earthworks; not in seeds", "公里": "硬化道路5公里 (000)",
    "千米": "road length; not in seeds", "米": "下水管道420米 (001)", "吨": "brief", "公斤": "not in seeds",
    "千克": "not in seeds", "斤": "grain; not in seeds", "天": "历时5天 (003)", "小时": "not in seeds",
    "分钟": "not in seeds", "个月": "brief", "年": "durations 3年; brief", "周": "not in seeds",
    "分": "scores 97.16分 (003), 98分 (002)", "千瓦": "power; not in seeds", "千瓦时": "energy; not in seeds",
    "岁": "ages; not in seeds", "倍": "multiples; not in seeds", "克": "weights; not in seeds",
    "℃": "temperatures (三十摄氏度, 25℃); not in seeds", "字": "text length (约三百一十五万字); not in seeds",
    "个百分点": "a difference of two rates, not a rate (下降2个百分点); brief",
    "工作日": "deadlines (3个工作日内办结); not in seeds", "自然日": "deadlines; not in seeds",
    "季度": "periods (4个季度); not in seeds",
    "/10万": "rates per 100,000 people (孕产妇死亡率12/10万); compared only with the same unit; not in seeds",
    "/万": "rates per 10,000 people (每万人); compared only with the same unit; not in seeds",
    **{currency: "foreign currency (100万美元): not 元, never the report's own money; not in seeds"
       for currency in dict.fromkeys(FOREIGN_CURRENCY_SPELLINGS.values())},
}

UNIT_FACTORS: dict[str, UnitFactor] = {
    # money → 万元; the unit almost every seed states amounts in, and the unit of their tables
    "万元": UnitFactor("万元", "money", Decimal(1), "every seed: 2161.83万元 (000), 9276.2513万元 (003)"),
    "元": UnitFactor("万元", "money", Decimal("0.0001"), "固定资产总值为125813元 (000), 2000元 (001)"),
    "千元": UnitFactor("万元", "money", Decimal("0.1"), "table headers (千元) in 决算 tables; 6千元 (001) "
                                                     "is read as 6000 元"),
    "百万元": UnitFactor("万元", "money", Decimal(100), "financial statements; not in seeds"),
    "亿元": UnitFactor("万元", "money", Decimal(10000), "突破1亿元 (004)"),
    "角": UnitFactor("万元", "money", Decimal("0.00001"), "大写 amounts 陆角; 3元5角 is folded into 元"),
    # rates → percent
    "%": UnitFactor("%", "rate", Decimal(1), "预算执行率61.92% (004), every seed"),
    "‰": UnitFactor("%", "rate", Decimal("0.1"), "千分之5, 3‰; brief"),
    "‱": UnitFactor("%", "rate", Decimal("0.01"), "万分之; not in seeds"),
    "成": UnitFactor("%", "rate", Decimal(10), "3成 = 30%; brief"),
    # counts written with 万 in a header (（万人次）); parse_quantity already folds 1.07万人次
    "万人": UnitFactor("人", "count", Decimal(10000), "table headers; not in seeds"),
    "万人次": UnitFactor("人次", "count", Decimal(10000), "1.07万人次 (004) when 万 is kept as a unit"),
    "万户": UnitFactor("户", "count", Decimal(10000), "table headers; not in seeds"),
    "万亩": UnitFactor("亩", "other", Decimal(10000), "land area headers; not in seeds"),
    **{u: UnitFactor(u, "count", Decimal(1), seen) for u, seen in _COUNTS_SEEN.items()},
    **{u: UnitFactor(u, "other", Decimal(1), seen) for u, seen in _OTHERS_SEEN.items()},
}

# A bare number that the caller says is a fraction (0.6192 in a 执行率 column) becomes percent.
FRACTION_TO_PERCENT = UnitFactor("%", "rate", Decimal(100), "execution-rate columns written as 0.6192")


def to_canonical(
    q: Quantity, *, bare_is_fraction: bool = False, unit_if_bare: str | None = None
) -> CanonicalValue | None:
    """Convert ``q`` exactly to its canonical unit, or ``None`` for a unit not in ``UNIT_FACTORS``.

    A bare number (unit "") has no unit to convert: the caller may name one (``unit_if_bare``,
    e.g. "万元" from a column header "金额（万元）", or "元" for a bare "640万"), or say that it
    is a fraction (``bare_is_fraction``: 0.6192 → 61.92%). Otherwise it is returned as it is,
    kind "other", factor 1: a bare 0.6192 is never turned into a rate by guesswork.
    """
    unit = q.unit or unit_if_bare or ""
    if not unit:
        if bare_is_fraction:
            return _convert(q, FRACTION_TO_PERCENT)
        return _convert(q, UnitFactor("", "other", Decimal(1), "bare number"))
    if "/" in unit:
        return _per_unit_to_canonical(q, unit)
    entry = UNIT_FACTORS.get(unit)
    return _convert(q, entry) if entry is not None else None


def _per_unit_to_canonical(q: Quantity, unit: str) -> CanonicalValue | None:
    """2000元/人 → 0.2 万元/人: the amount converts, the per-unit stays; kind "other"."""
    numerator, _, denominator = unit.partition("/")
    entry = UNIT_FACTORS.get(numerator)
    if entry is None:
        return None
    return _convert(q, UnitFactor(f"{entry.canonical}/{denominator}", "other", entry.factor, entry.seen))


def _convert(q: Quantity, entry: UnitFactor) -> CanonicalValue:
    """Multiply value (and range high) by the factor; counts become whole numbers when they are."""
    value = _exact_product(q.value, entry.factor)
    high = _exact_product(q.high, entry.factor) if q.high is not None else None
    is_integral = value == value.to_integral_value() and (high is None or high == high.to_integral_value())
    if entry.kind == "count" and is_integral:
        value = value.quantize(Decimal(1))
        high = high.quantize(Decimal(1)) if high is not None else None
    return CanonicalValue(value, entry.canonical, entry.kind, entry.factor, is_integral, high)


# value × factor with rounding trapped: a converted figure is exact or the conversion raises.
EXACT = Context(prec=60, traps=[Inexact, InvalidOperation, DivisionByZero, Overflow])


def _exact_product(value: Decimal, factor: Decimal) -> Decimal:
    """value × factor, exactly (Decimal("125813") × Decimal("0.0001") = Decimal("12.5813"))."""
    return EXACT.multiply(value, factor)


def has_multiplier(unit: str) -> bool:
    """Whether a unit holds a multiplier of its own: 万元, 亿元, 万人次."""
    return "万" in unit or "亿" in unit


def written_multiplier(quantity: Quantity) -> bool:
    """Whether a bare number was written with its 万 or 亿 (“支出合计2410.29万”): its value has the
    multiplier in already, and a declared 万元 would count it twice (24102900万元)."""
    return not quantity.unit and quantity.raw.rstrip().endswith(("万", "亿"))


def as_money_with_multiplier(quantity: Quantity) -> Quantity | None:
    """A bare amount written with its 万 or 亿, read again with 元 so that it keeps the places it
    was written to: 2410.29万 → 2410.29 万元 (not 24102900 元); None when that does not read."""
    with_yuan = parse_quantity(quantity.raw.rstrip() + "元")
    if with_yuan is None or with_yuan.unit not in ("万元", "亿元"):
        return None
    return Quantity(with_yuan.value, with_yuan.unit, quantity.raw, quantity.op, quantity.high, quantity.start,
                    quantity.end)

