"""normalize/units.py: exact conversion to 万元 / percent / counts, as case tables.

Expected values were worked out by hand from the inputs (元 ÷ 10000, 亿元 × 10000, ‰ ÷ 10 …).
Every case checks ``type(value) is Decimal`` and exact equality: no float anywhere.
"""

from __future__ import annotations

from decimal import Decimal

import pytest
from conftest import ROOT

from extract.numbers import UNIT_SPELLINGS, Quantity, parse_quantity
from normalize.units import UNIT_FACTORS, CanonicalValue, to_canonical


def canonical(text: str, **options: object) -> CanonicalValue | None:
    q = parse_quantity(text)
    assert q is not None, text
    return to_canonical(q, **options)  # type: ignore[arg-type]


def assert_canonical(found: CanonicalValue | None, value: str, unit: str, kind: str) -> None:
    assert found is not None
    assert type(found.value) is Decimal
    assert type(found.factor) is Decimal
    assert (found.value, found.unit, found.kind) == (Decimal(value), unit, kind)


# ─── the same fact written ten ways ──────────────────────────────────────────────────────────

TEN_WAYS_OF_640_WAN_YUAN = [
    "预算数640万元",
    "6,400,000元",
    "６４０万元",
    "0.064亿元",
    "陆佰肆拾万元整",
    "640.00万元",
    "六百四十万元",
    "6400000.00元",
    "640 万元",
    "640万",  # 万 alone is a multiplier: 6400000, unit "" → the caller says the column is 元
]


@pytest.mark.parametrize("text", TEN_WAYS_OF_640_WAN_YUAN)
def test_one_fact_ten_ways(text: str) -> None:
    assert_canonical(canonical(text, unit_if_bare="元"), "640", "万元", "money")


# ─── money → 万元 ────────────────────────────────────────────────────────────────────────────

MONEY = [
    ("2161.83万元", "2161.83", "1"),  # seed 000
    ("固定资产总值为125813元", "12.5813", "0.0001"),  # seed 000
    ("发放补助金额6千元", "0.6", "0.0001"),  # seed 001: read as 6000 元
    ("3.08亿元", "30800", "10000"),
    ("突破1亿元", "10000", "10000"),  # seed 004
    ("5角", "0.00005", "0.00001"),
    ("12元3角4分", "0.001234", "0.0001"),
    ("壹万贰仟叁佰肆拾伍元陆角柒分", "1.234567", "0.0001"),
    ("人民币壹拾万元整", "10", "1"),
    ("9276.2513万元", "9276.2513", "1"),  # seed 003
    ("-5.2万元", "-5.2", "1"),
    ("0万元", "0", "1"),  # seed 001
    ("1元", "0.0001", "0.0001"),
    ("0.01元", "0.000001", "0.0001"),  # one 分: still exact
]


@pytest.mark.parametrize(("text", "value", "factor"), MONEY)
def test_money(text: str, value: str, factor: str) -> None:
    found = canonical(text)
    assert_canonical(found, value, "万元", "money")
    assert found is not None and found.factor == Decimal(factor)


def test_money_unit_from_a_header() -> None:
    q = Quantity(Decimal(6), "千元", "6")  # a cell under a （千元） header
    assert_canonical(to_canonical(q), "0.6", "万元", "money")
    bare = Quantity(Decimal("1371.04"), "", "1371.04")  # seed 002 table headed （万元）
    assert_canonical(to_canonical(bare, unit_if_bare="万元"), "1371.04", "万元", "money")
    assert_canonical(to_canonical(Quantity(Decimal("1.5"), "百万元", "1.5")), "150", "万元", "money")


# ─── rates → percent ─────────────────────────────────────────────────────────────────────────

RATES = [
    ("61.92%", "61.92"),  # seed 004
    ("在职人员控制率为 260 %", "260"),  # seed 004
    ("千分之5", "0.5"),
    ("千分之五", "0.5"),
    ("5‰", "0.5"),
    ("3成", "30"),
    ("七成", "70"),
    ("百分之三点五", "3.5"),
    ("－5%", "-5"),
    ("≥80%", "80"),  # seed 003; the op stays on the Quantity
]


@pytest.mark.parametrize(("text", "value"), RATES)
def test_rates(text: str, value: str) -> None:
    assert_canonical(canonical(text), value, "%", "rate")


def test_bare_fraction_is_not_a_rate_unless_told() -> None:
    bare = canonical("0.6192")
    assert_canonical(bare, "0.6192", "", "other")
    assert_canonical(canonical("0.6192", bare_is_fraction=True), "61.92", "%", "rate")


def test_percentage_points_are_a_difference_not_a_rate() -> None:
    assert_canonical(canonical("下降2.3个百分点"), "2.3", "个百分点", "other")
    assert_canonical(canonical("1.3百分点"), "1.3", "个百分点", "other")


# ─── counts ──────────────────────────────────────────────────────────────────────────────────

COUNTS = [
    ("1.07万人次", "10700", "人次"),  # seed 004
    ("36277人", "36277", "人"),  # seed 000
    ("610余盏", "610", "盏"),  # seed 000
    ("4个乡镇", "4", "个"),  # seed 000
    ("四个机构", "4", "个"),  # seed 001
    ("9619户", "9619", "户"),  # seed 004
    ("127场次", "127", "场次"),  # seed 004
    ("1.2万人", "12000", "人"),
    ("两千人", "2000", "人"),
]


@pytest.mark.parametrize(("text", "value", "unit"), COUNTS)
def test_counts(text: str, value: str, unit: str) -> None:
    found = canonical(text)
    assert_canonical(found, value, unit, "count")
    assert found is not None and found.is_integral
    assert found.value.as_tuple().exponent == 0  # a whole number, written as one (10700, not 10700.00)


def test_count_with_wan_kept_as_unit() -> None:
    q = Quantity(Decimal("1.07"), "万人次", "1.07万人次")  # e.g. from a （万人次） header
    found = to_canonical(q)
    assert_canonical(found, "10700", "人次", "count")
    assert found is not None and found.factor == Decimal(10000)


def test_non_integral_count_is_kept_and_marked() -> None:
    found = to_canonical(Quantity(Decimal("2.5"), "人", "2.5人"))
    assert_canonical(found, "2.5", "人", "count")
    assert found is not None and not found.is_integral


# ─── other physical units: kept as written ───────────────────────────────────────────────────

OTHERS = [
    ("5公里", "5", "公里"),  # seed 000
    ("420米", "420", "米"),  # seed 001
    ("97.16分", "97.16", "分"),  # seed 003
    ("5天", "5", "天"),  # seed 003
    ("3个月", "3", "个月"),
    ("1200平方米", "1200", "平方米"),
    ("3.5亩", "3.5", "亩"),
    ("30吨", "30", "吨"),
    ("3年", "3", "年"),
]


@pytest.mark.parametrize(("text", "value", "unit"), OTHERS)
def test_other_units(text: str, value: str, unit: str) -> None:
    found = canonical(text)
    assert_canonical(found, value, unit, "other")
    assert found is not None and found.factor == Decimal(1)


# ─── ranges, per-unit amounts, unknown units ─────────────────────────────────────────────────


def test_range_converts_both_ends() -> None:
    found = canonical("5000-8000元")
    assert_canonical(found, "0.5", "万元", "money")
    assert found is not None and found.high == Decimal("0.8") and type(found.high) is Decimal
    wan = canonical("10-15万元")
    assert wan is not None and (wan.value, wan.high) == (Decimal(10), Decimal(15))


def test_per_unit_amount() -> None:
    assert_canonical(canonical("2000元/人"), "0.2", "万元/人", "other")


def test_unknown_unit_is_none() -> None:
    assert to_canonical(Quantity(Decimal(1), "光年", "1光年")) is None
    assert to_canonical(Quantity(Decimal(1), "光年/人", "1光年/人")) is None


def test_every_unit_the_parser_produces_has_a_factor() -> None:
    produced = set(UNIT_SPELLINGS.values()) | {"万元", "亿元"}
    assert produced - set(UNIT_FACTORS) == set()


def test_factors_are_decimal_data_with_a_source() -> None:
    for unit, entry in UNIT_FACTORS.items():
        assert type(entry.factor) is Decimal, unit
        assert entry.seen, unit
        assert entry.kind in ("money", "rate", "count", "other")


def test_no_float_anywhere() -> None:
    source = (ROOT / "normalize" / "units.py").read_text(encoding="utf-8")
    assert "float(" not in source
