"""JX101–JX103 (checks/part_sums.py, sums.py, table_sums.py): case tables through the real stages, and the seeds.

Every case is a small report written to a .txt file and read by the real reader and
``pipeline.analyse``, so the rules see what they will see on a real report. Cases come in pairs:
the one that must be flagged and, beside it, the near miss that must pass. Sentences marked with a
seed id are copied from that seed; the others are written to test one structural decision each.
"""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

import pytest

from checks.amounts import written_rounding
from checks import part_sums, sums, table_sums
from extract.numbers import parse_quantity

from seed_checks import (
    SEED_CASES, assert_exact_golden_findings, run_one_rule, severities, text_check_input,
    txt_table,
)

RULES = (*part_sums.RULES, *sums.RULES, *table_sums.RULES)  # JX101, JX102 and JX103
RULES_BY_ID = {rule.id: rule for rule in RULES}
KINDS = {rule.kind for rule in RULES}
TITLE = "某县扶贫开发办公室2020年度部门整体支出绩效自评报告\n"


def flags_of(tmp_path: Path, text: str, rule_id: str):
    return run_one_rule(text_check_input(tmp_path, TITLE + text), RULES_BY_ID[rule_id])


# --- written_rounding --------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("3183.29万元", "0.005"),
        ("16.9万元", "0.05"),
        ("6千元", "500"),  # 6 written, in thousands of 元
        ("1.07万人次", "50"),
        ("0万元", "0"),  # nothing is nothing
        ("-0.80万元", "0.005"),  # a tolerance is never negative, whatever the sign
        ("-6千元", "500"),
        ("两项", "0"),  # Chinese numerals are exact words
    ],
)
def test_written_rounding(raw: str, expected: str) -> None:
    assert written_rounding(parse_quantity(raw)) == Decimal(expected)


def test_amounts_keep_the_exponent_of_their_value() -> None:
    """Amounts are memoised by value and writing: equal values written alike but with another
    exponent (1.0 and 1.00 compare equal) must still each get their own."""
    from dataclasses import replace

    from checks.amounts import amount_of
    from extract.figures import RawFigure
    from extract.model import Location

    quantity = parse_quantity("1.0万元")
    raws = [RawFigure("预算", replace(quantity, value=Decimal(v)), Location("t.txt"), "text") for v in ("1.0", "1.00")]
    assert [str(amount_of(raw).value) for raw in raws] == ["1.0", "1.00"]


@pytest.mark.parametrize(
    ("label", "expected"),
    [
        ("其中：财政拨款", "财政拨款"),
        ("（其中人员经费", "人员经费"),  # a bracketed 其中
        ("（含税收入", "含税收入"),  # 含 may be a word of the name
    ],
)
def test_short_label_drops_the_word_that_opens_a_list(label: str, expected: str) -> None:
    from checks.amounts import short_label
    from extract.figures import RawFigure
    from extract.model import Location

    assert short_label(RawFigure(label, parse_quantity("1万元"), Location("t.txt"), "text")) == expected


def test_whole_counts_are_exact() -> None:
    assert written_rounding(parse_quantity("25人"), is_count=True) == 0
    assert written_rounding(parse_quantity("1.07万人次"), is_count=True) == 50


# --- JX101: 其中 parts in one sentence ---------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # seed 004: 3183.29 + 927.54 = 4110.83 > 3183.29
        ("2020年预算总收入3183.29万元，其中：财政拨款3183.29万元，上年结转927.54万元。", ["error"]),
        # near miss (004): the parts make the total; the second 6400.32 is the next list's total
        (("1.收支预算：2020年度收入预算6400.32万元，其中：财政拨款收入1344.84万元，上级补助收入3955.48万元，"
         "其他收入1000万元，上年结转100万元；2020年度支出预算6400.32万元，其中：基本支出预算156.54万元，"
         "项目支出预算6243.78万元，上缴上级支出0万元。"), []),
        # near misses (001, 002): lists that add up
        ("我中心2023年初预算中，人员总计14人，其中在职全额编制10人，退休4人。", []),
        ("1、年初区本级财政安排预算经费209.76万元，其中基本支出177.76万元，项目支出32万元，项目支出主要用于房租。", []),
        # 基本支出 and 项目支出 are the two halves of spending: short of the total is a warning (blind
        # probe O o02): 1,510.20 + 1,201.45 = 2,711.65 < 2,731.65
        ("2022年度全年实际支出2,731.65万元，预算执行率95.63%。其中：基本支出1,510.20万元（人员经费1,300.00万元，"
         "公用经费210.20万元），项目支出1,201.45万元。", ["warning"]),
        ("全年预算数2,731.65万元，其中基本支出预算1,510.20万元，项目支出预算1,201.45万元。", ["warning"]),
        # a third kind named, or another pair: the list need not be whole
        ("全年支出2,731.65万元，其中基本支出1,510.20万元，项目支出1,201.45万元，上缴上级支出10万元。", []),
        ("全年支出2,731.65万元，其中人员经费1,510.20万元，项目支出1,201.45万元。", []),
        ("全年支出2,711.65万元，其中基本支出1,510.20万元，项目支出1,201.45万元。", []),
        ("全年支出2,711.65万，其中基本支出1,510.20万元，项目支出1,201.45万元。", []),  # 万 written: not 2,711.65 万万元
        # a head count that the parts exceed, and the list that stops once it makes its total
        ("共有职工25人，其中在编20人，聘用6人。", ["error"]),
        ("共有职工25人，其中在编20人，聘用5人，退休人员10人。", []),
        # 004: a list joined by 、 ends at the comma; 结转 is the next statement
        ("预算总支出：3961.33万元, 其中基本支出169.64万元、项目支出3791.69万元，结转149.5万元。", []),
        # 003: a new measure word after 1名、3名 starts a new statement
        ("核定全额事业编制17人，其中主任1名、副主任3名，实际在岗人员18人。", []),
        # a bracketed 其中 ends at its bracket
        ("我县现有农村移民60607人（其中三峡移民329人），2023年直补发放移民人数为40848人。", []),
        ("我县现有农村移民300人（其中三峡移民329人），2023年直补发放移民人数为40848人。", ["error"]),
        # “X。其中：” takes the one amount of the sentence before
        ("2020年项目支出预算为5143.78万元。其中：本级财政预算1188.3万元，上级补助预算3955.48万元。", []),
        ("2020年项目支出预算为5143.78万元。其中：本级财政预算2188.3万元，上级补助预算3955.48万元。", ["error"]),
        ("截止2024年3月31日，执行资金9276.25万元，结余资金638.17万元。其中：发放资金9414.7万元。", []),
        # changes are not parts (001)
        (("2023年基本支出决算数153.21万元，其中人员经费137.79万元，较年初减少3.14万元，原因是人员工资变动；"
         "公用经费15.42万元，较年初减少2.58万元。"), []),
        # money in 元 under a total in 万元
        ("培训经费1.5万元，其中：培训费8000元，差旅费7000元。", []),
        ("培训经费1.5万元，其中：培训费8000元，差旅费8000元。", ["error"]),
        # a nested 其中 whose parts add up does not leak into the outer list
        ("全年支出合计500万元，其中基本支出300万元，其中人员经费200万元，公用经费100万元；项目支出200万元。", []),
        # numbers after the list that are not parts: another year, the same thing restated,
        # the other budget side, an approximate part
        ("2022年预算收入500万元，其中上年结转50万元，2023年预算收入600万元。", []),
        ("预算收入500万元，其中财政拨款400万元，决算收入520万元。", []),
        ("预算数100万元，执行数95万元，其中基本支出预算60万元，项目支出预算40万元。", []),
        ("安排资金200万元，其中省级资金100万元，市级资金约50万元，县级配套资金80万元。", []),
        ("投入资金600万元，项目资金约600万元，其中省级资金500万元，县级资金300万元。", []),  # approximate total
        ("安排资金200万元，其中省级资金100万元，市级资金50万元，县级配套资金80万元。", ["error"]),
        # a list of changes is not checked against a level; a change between total and 其中 is passed over
        ("比上年增加50万元，其中人员经费增加30万元，公用经费增加20万元。", []),
        ("“三公”经费支出5.6万元，较上年减少1.2万元，下降17.6%，其中：公务接待费2.1万元，公务用车运行维护费3.5万元。", []),
        ("“三公”经费支出5.6万元，较上年减少1.2万元，下降17.6%，其中：公务接待费2.1万元，公务用车运行维护费4.5万元。",
         ["warning"]),
        # the total is not right before 其中: only a warning
        ("总投资50万元，共实施项目10个，其中中央资金30万元，省级资金30万元。", ["warning"]),
        # a bracket right after a part breaks that part down: 1350 + 450 = 1800, 900 + 300 + 150 = 1350
        ("项目总投资1800万元，其中财政资金1350万元（中央资金900万元、省级资金300万元、县级资金150万元），群众自筹450万元。",
         []),
        ("项目总投资1800万元，其中财政资金1350万元（中央资金900万元、省级资金400万元、县级资金150万元），群众自筹450万元。",
         ["error"]),  # the breakdown: 900 + 400 + 150 = 1450 > 1350
        ("项目总投资1800万元，其中财政资金1350万元（中央资金900万元、省级资金300万元、县级资金150万元），群众自筹550万元。",
         ["error"]),  # the total: 1350 + 550 = 1900 > 1800
        # in 元, unbracketed parts inside the bracket: 4,012,356.10 + 1,090,377.55 = 5,102,733.65 and
        # 3,591,250.00 + 421,106.10 = 4,012,356.10
        (("本年支出合计5,102,733.65元，其中：基本支出4,012,356.10元（人员经费3,591,250.00元，公用经费421,106.10元），"
          "项目支出1,090,377.55元。"), []),
        (("本年支出合计5,102,733.65元，其中：基本支出4,012,356.10元（人员经费3,601,250.00元，公用经费421,106.10元），"
          "项目支出1,090,377.55元。"), ["error"]),
        # 含 right after a part, up to the ；: 401.24 + 109.04 = 510.28 (510.27 within the cents' rounding),
        # 359.13 + 42.11 = 401.24
        ("本年支出合计510.27万元，其中：基本支出401.24万元，含人员经费359.13万元、公用经费42.11万元；项目支出109.04万元。", []),
        ("本年支出合计510.27万元，其中：基本支出401.24万元，含人员经费359.13万元、公用经费43.11万元；项目支出109.04万元。",
         ["error"]),
        ("本年支出合计510.27万元，其中：基本支出401.24万元，含人员经费359.13万元、公用经费42.11万元；项目支出110.04万元。",
         ["error"]),
        # a bracketed 其中 under a part: the list goes on after the bracket (209.04 makes 610.28 > 510.27)
        ("本年支出合计510.27万元，其中：基本支出401.24万元（其中人员经费359.13万元、公用经费42.11万元），项目支出109.04万元。",
         []),
        ("本年支出合计510.27万元，其中：基本支出401.24万元（其中人员经费359.13万元、公用经费42.11万元），项目支出209.04万元。",
         ["error"]),
        ("本年支出合计510.27万元，其中：基本支出401.24万元（其中人员经费359.13万元、公用经费43.11万元），项目支出109.04万元。",
         ["error"]),  # checked once, as the breakdown of 基本支出
        # brackets inside a breakdown: 200 + 800 = 1000, 500 + 300 = 800, 300 + 200 = 500; then 专项 one
        # 300 too many, flagged once, under 中央资金
        (("总收入1000万元，其中财政资金800万元（其中中央资金500万元（含专项300万元、一般转移支付200万元）、"
          "省级资金300万元），自筹200万元。"), []),
        (("总收入1000万元，其中财政资金800万元（其中中央资金500万元（含专项300万元、一般转移支付300万元）、"
          "省级资金300万元），自筹200万元。"), ["error"]),
        # one number in a bracket says the part in other terms; after 含 it is a breakdown of one part
        ("本年支出合计510.27万元，其中：基本支出401.24万元（上年420万元），项目支出109.04万元。", []),
        ("本年支出合计510.27万元，其中：基本支出401.24万元（含人员经费459.13万元），项目支出109.04万元。", ["error"]),
        # 含 and commas to the end of the list: where the breakdown ends cannot be told, nothing is checked
        ("本年支出合计510.27万元，其中：基本支出401.24万元，含人员经费359.13万元，公用经费43.11万元，项目支出109.04万元。",
         []),
        ("本年支出合计510.27万元，其中：基本支出401.24万元，含人员经费359.13万元，公用经费42.11万元，项目支出109.04万元。",
         []),
        # the parts of a score got (blind probe AX F05): 45 + 28 + 9 + 9.8 = 91.8 > 86; 45 + 28 + 9 + 4 = 86
        (("经综合评定，我局2023年度部门整体支出绩效自评得分86分，其中：产出指标得分45分，效益指标得分28分，"
          "满意度指标得分9分，预算执行率得分9.8分。"), ["error"]),
        (("经综合评定，我局2023年度部门整体支出绩效自评得分86分，其中：产出指标得分45分，效益指标得分28分，"
          "满意度指标得分9分，预算执行率得分4分。"), []),
        # an item's budget and its bare 支出 after the total's 支出 (blind probe AZ A14): 21.8 of 33.26 spent
        (("公务用车购置及运行维护费预算35.00万元，支出33.26万元，其中公务用车购置费预算22.00万元，支出21.80万元；"
          "公务用车运行维护费预算13.00万元，支出11.46万元。"), []),
        # the most to be had beside each part is no part: 满分, 分值
        ("自评得分86分，其中：产出指标得分45分（满分50分），效益指标得分41分（分值50分）。", []),
    ],
)
def test_part_sum(tmp_path: Path, text: str, expected: list[str]) -> None:
    assert severities(flags_of(tmp_path, text, "JX101")) == expected


@pytest.mark.parametrize(("text", "expected"), [
    # Blind probe AL r01: each item's budget and spending; 120 + 118.2 + 95 + 93.4 = 426.6 was
    # added up against the 412.36 spent, an error on a correct sentence
    ("项目支出412.36万元，其中：低保工作经费预算120.00万元，执行118.20万元；养老服务补贴预算95.00万元，执行93.40万元。",
     []),
    # the items' spending does exceed the total spent
    ("项目支出412.36万元，其中：低保工作经费预算320.00万元，执行318.20万元；养老服务补贴预算95.00万元，执行95.00万元。",
     ["error"]),
    # a budget total is compared with the items' budgets, not their spending
    ("项目支出预算400.00万元，其中：低保工作经费预算320.00万元，执行300.00万元；养老服务补贴预算95.00万元，执行90.00万元。",
     ["error"]),
    ("项目支出预算420.00万元，其中：低保工作经费预算320.00万元，执行318.20万元；养老服务补贴预算95.00万元，执行93.40万元。",
     []),
])
def test_part_sum_of_items_with_budget_and_spending(tmp_path: Path, text: str, expected: list[str]) -> None:
    assert severities(flags_of(tmp_path, text, "JX101")) == expected


def test_part_sum_message_and_evidence(tmp_path: Path) -> None:
    text = "2020年预算总收入3183.29万元，其中：财政拨款3183.29万元，上年结转927.54万元。"
    [flag] = flags_of(tmp_path, text, "JX101")
    assert "3183.29+927.54=4110.83万元" in flag.message and "多927.54万元" in flag.message
    assert "。" not in flag.message  # one sentence
    assert flag.evidence == ("2020年预算总收入3183.29万元，其中：财政拨款3183.29万元，上年结转927.54万元",)
    assert flag.values["parts_sum"] == "4110.83"
    assert [loc.quote[loc.char_start : loc.char_end] for loc in flag.locations] == [
        "3183.29万元", "3183.29万元", "927.54万元"]


def test_a_breakdown_of_a_part_leaves_the_total_its_own_parts(tmp_path: Path) -> None:
    """The total is checked against its own parts only: 401.24 + 110.04 = 511.28, one 万元 more than
    510.27; the 人员经费 and 公用经费 under 基本支出 are no parts of it."""
    text = "本年支出合计510.27万元，其中：基本支出401.24万元，含人员经费359.13万元、公用经费42.11万元；项目支出110.04万元。"
    [flag] = flags_of(tmp_path, text, "JX101")
    assert "基本支出、项目支出相加为401.24+110.04=511.28万元" in flag.message and "多1.01万元" in flag.message
    assert flag.values == {"total": "510.27", "parts_sum": "511.28", "difference": "1.01", "unit": "万元"}


def test_a_breakdown_that_exceeds_its_part_names_the_part_and_its_total(tmp_path: Path) -> None:
    """359.13 + 43.11 = 402.24, one 万元 more than 基本支出 401.24; the total 510.27 = 401.24 + 109.04 holds."""
    for opening, closing in (("（", "）"), ("（其中", "）"), ("，含", "；")):
        text = (f"本年支出合计510.27万元，其中：基本支出401.24万元{opening}人员经费359.13万元、公用经费43.11万元{closing}"
                "项目支出109.04万元。")
        [flag] = flags_of(tmp_path, text, "JX101")
        assert flag.message.startswith("“本年支出合计”的分项“基本支出”写为401.24万元"), flag.message
        assert "人员经费、公用经费相加为359.13+43.11=402.24万元，比该项多1万元" in flag.message
        assert flag.values == {"total": "401.24", "parts_sum": "402.24", "difference": "1", "unit": "万元"}
        assert [loc.quote[loc.char_start : loc.char_end] for loc in flag.locations] == [
            "401.24万元", "359.13万元", "43.11万元"]


# --- JX102: catalogue totals and parts ---------------------------------------------------------

EXPENSE_HEADER = ("机构名称", "支出合计（万元）", "基本支出（万元）", "人员支出（万元）", "公用支出（万元）", "项目支出（万元）")
SANGONG_HEADER = ("机构名称", "三公经费合计（万元）", "公务接待费（万元）", "公务用车运维费（万元）", "因公出国费（万元）")


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # seed 002's form: 1184.24 = 220.58 + 963.66 and 220.58 = 185.63 + 34.95
        (txt_table(EXPENSE_HEADER, ("局机关及二级机构汇总", "1184.24", "220.58", "185.63", "34.95", "963.66")), []),
        (txt_table(EXPENSE_HEADER, ("局机关及二级机构汇总", "1184.24", "220.58", "185.63", "44.95", "963.66")), ["error"]),
        # 支出合计 may hold more than 基本 + 项目 (政府性基金): only an excess is flagged
        (txt_table(EXPENSE_HEADER, ("局机关及二级机构汇总", "2026.86", "153.21", "137.79", "15.42", "716.41")), []),
        (txt_table(EXPENSE_HEADER, ("局机关及二级机构汇总", "800", "153.21", "137.79", "15.42", "716.41")), ["error"]),
        # 三公 = 接待 + 用车 + 出国: 2.5 + 1 + 0 is 2.50 + 1.00 + 0 in a table of hundredths
        (txt_table(SANGONG_HEADER, ("局机关及二级机构汇总", "3.12", "3.12", "0", "0")), []),
        (txt_table(SANGONG_HEADER, ("局机关及二级机构汇总", "3.12", "2.5", "1", "0")), ["error"]),
        (txt_table(SANGONG_HEADER, ("局机关及二级机构汇总", "3.12", "2.5", "0.5", "0")), ["error"]),  # all three stated, less
        (txt_table(SANGONG_HEADER[:3], ("局机关及二级机构汇总", "3.12", "2.5")), []),  # one part stated, less
        # seed 002's form states 公务用车购置费 apart; it has no key, so 三公 may exceed the three keys
        (txt_table(SANGONG_HEADER[:4] + ("公务用车购置费（万元）",) + SANGONG_HEADER[4:],
               ("局机关及二级机构汇总", "3.12", "2.5", "0.5", "0.12", "0")), []),
        (txt_table(SANGONG_HEADER[:4] + ("公务用车购置费（万元）",) + SANGONG_HEADER[4:],
               ("局机关及二级机构汇总", "3.12", "2.5", "0.5", "0", "0")), ["error"]),
        # 收入 − 支出 = 结余 in one table
        (txt_table(("机构名称", "收入合计（万元）", "支出合计（万元）", "结余（万元）"),
               ("局机关及二级机构汇总", "1371.04", "1184.24", "186.8")), []),
        (txt_table(("机构名称", "收入合计（万元）", "支出合计（万元）", "结余（万元）"),
               ("局机关及二级机构汇总", "1371.04", "1184.24", "180")), ["error"]),
        # seed 001's narrative: year-start budget and actual parts, each side adding up
        (("我中心2023年初基本支出预算158.93万元，其中：人员经费140.93万元；公用经费18万元。2023年基本支出决算数"
         "153.21万元，其中人员经费137.79万元，较年初减少3.14万元；公用经费15.42万元，较年初减少2.58万元。\n"
         "我中心2023年初项目支出预算48万元。2023年项目支出决算数716.41万元。\n"), []),
    ],
)
def test_catalogue_sums(tmp_path: Path, text: str, expected: list[str]) -> None:
    assert severities(flags_of(tmp_path, "单位收支情况如下表。\n" + text + "以上为决算数。\n", "JX102")) == expected


def test_catalogue_sum_message(tmp_path: Path) -> None:
    text = "单位收支情况如下表。\n" + txt_table(SANGONG_HEADER, ("局机关及二级机构汇总", "3.12", "2.5", "1", "0")) + "完。\n"
    [flag] = flags_of(tmp_path, text, "JX102")
    assert "3.12万元" in flag.message and "2.5+1+0=3.5万元" in flag.message and "多0.38万元" in flag.message


# --- JX103: table 合计 rows ----------------------------------------------------------------------

FUNDS_HEADER = ("资金文号", "下文日期", "到位资金（万元）")


@pytest.mark.parametrize(
    ("rows", "expected"),
    [
        # seed 003: 1475 + 2649 + 5790.42 = 9914.42, with the 合计 row last or first
        ([FUNDS_HEADER, ("湘财预〔2022〕292号", "2022-12-2", "1475"), ("湘财农指〔2023〕25号", "2023-7-14", "2649"),
          ("湘财农指〔2022〕87号", "2022-12-2", "5790.42"), ("合计", "", "9914.42")], []),
        ([FUNDS_HEADER, ("湘财预〔2022〕292号", "2022-12-2", "1475"), ("湘财农指〔2023〕25号", "2023-7-14", "2649"),
          ("湘财农指〔2022〕87号", "2022-12-2", "5790.42"), ("合计", "", "9814.42")], ["error"]),
        ([("序号", "文号", "金额（万元）"), ("合计", "", "9914.42"), ("1", "湘财预〔2022〕292号", "1475"),
          ("2", "湘财农指〔2023〕25号", "2649"), ("3", "湘财农指〔2022〕87号", "5790.42")], []),
        # numbered projects under 二、项目支出, one named 高标准… (blind probe Q q01): 60 + 40 = 100 and
        # 30 + 70 = 100; 标准 ends no label here, so the row is added
        ([("项目", "全年预算数（万元）"), ("一、基本支出", "60"), ("其中：人员经费", "50"), ("公用经费", "10"),
          ("二、项目支出", "40"), ("1.高标准农田建设", "30"), ("2.耕地质量提升", "10"), ("合计", "100")], []),
        ([("项目", "全年预算数（万元）"), ("一、基本支出", "60"), ("二、项目支出", "40"), ("补助标准", "0.12"),
          ("合计", "100")], []),  # a standard per head is no part of the total
        # a total larger than its rows: a row may not have been read, so a warning
        ([FUNDS_HEADER, ("湘财预〔2022〕292号", "2022-12-2", "1475"), ("湘财农指〔2023〕25号", "2023-7-14", "2649"),
          ("合计", "", "9914.42")], ["warning"]),
        # seed 002: “1、局机关” under “…汇总”, empty rows for the other units
        ([("机构名称", "收入合计（万元）"), ("局机关及二级机构汇总", "1371.04"), ("1、局机关", "1371.04"),
          ("2、二级机构1", ""), ("3、二级机构2", "")], []),
        ([("机构名称", "收入合计（万元）"), ("局机关及二级机构汇总", "1371.04"), ("1、局机关", "1271.04"),
          ("2、二级机构1", "100"), ("3、二级机构2", "50")], ["error"]),
        # rows nested under a row that is their sum, and 其中 rows, are not added twice
        ([("项目", "金额（万元）"), ("合计", "100.00"), ("基本支出", "60.00"), ("人员经费", "40.00"), ("公用经费", "20.00"),
          ("项目支出", "40.00")], []),
        ([("项目", "金额（万元）"), ("合计", "100.00"), ("财政拨款", "60.00"), ("其中：中央", "40.00"), ("其他", "40.00")], []),
        # a rate column's total row is not a sum; a column with only its total says nothing
        ([("项目", "预算数（万元）", "执行率（%）"), ("A", "100.00", "95.5"), ("B", "50.00", "90"), ("合计", "150.00", "93.67")], []),
        ([("项目", "金额（万元）"), ("合计", "100.00")], []),
        # a memo row under a closing total is not one of its parts: 60 + 40 = 100, the 结余 apart
        ([("项目", "金额（万元）"), ("基本支出", "60.00"), ("项目支出", "40.00"), ("支出合计", "100.00"),
          ("年末结转和结余", "12.00")], []),
        # … but a total that neither the rows above nor all the rows make is still reported
        ([("项目", "金额（万元）"), ("基本支出", "60.00"), ("项目支出", "30.00"), ("支出合计", "100.00"),
          ("年末结转和结余", "12.00")], ["error"]),
    ],
)
def test_table_totals(tmp_path: Path, rows: list[tuple[str, ...]], expected: list[str]) -> None:
    text = "资金情况如下表。\n" + txt_table(*rows) + "以上资金全部到位。\n"
    assert severities(flags_of(tmp_path, text, "JX103")) == expected


def test_a_side_by_side_table_adds_each_half_under_its_own_header(tmp_path: Path) -> None:
    """“收入项目 | 金额 | 支出项目 | 金额” (blind probe U u12): the rows where both halves are filled
    are no line of a form of their own; every 支出 amount stands under the right 金额, so 支出合计 is
    1682.30 (基本支出, over 人员经费 and 公用经费) + 1830.44, and 年末结转和结余 below it is a memo."""
    rows = [("收入项目", "金额", "支出项目", "金额"),
            ("一、财政拨款收入", "3,426.80", "一、基本支出", "1,682.30"),
            ("二、上年结转", "186.40", "其中：人员经费", "1,458.62"),
            ("三、其他收入", "25.00", "公用经费", "223.68"),
            ("", "", "二、项目支出", "1,830.44"),
            ("收入合计", "3,638.20", "支出合计", "3,512.74"),
            ("", "", "年末结转和结余", "125.46")]
    text = "收支情况如下表（单位：万元）。\n" + txt_table(*rows) + "完。\n"
    assert flags_of(tmp_path, text, "JX103") == []
    wrong = [row if row[2] != "二、项目支出" else ("", "", "二、项目支出", "1,730.44") for row in rows]
    [flag] = flags_of(tmp_path, "收支情况如下表（单位：万元）。\n" + txt_table(*wrong) + "完。\n", "JX103")
    assert flag.message.startswith("表1“金额”列的“支出合计”为3512.74万元")


def test_table_total_message(tmp_path: Path) -> None:
    rows = [FUNDS_HEADER, ("湘财预〔2022〕292号", "2022-12-2", "1475"), ("湘财农指〔2023〕25号", "2023-7-14", "2649"),
            ("湘财农指〔2022〕87号", "2022-12-2", "5790.42"), ("合计", "", "9814.42")]
    [flag] = flags_of(tmp_path, "资金情况如下表。\n" + txt_table(*rows) + "完。\n", "JX103")
    assert "9814.42万元" in flag.message and "1475+2649+5790.42=9914.42万元" in flag.message
    assert flag.evidence[0] == "9814.42" and {loc.row for loc in flag.locations} == {2, 3, 4, 5}


def test_a_table_total_message_adds_the_rows_the_table_means(tmp_path: Path) -> None:
    """A 部门整体 form (probe dept_bad4): 其中：基本支出 with 人员经费 and 公用经费 indented under it, and
    项目支出 indented alike. Each column is reported once, adding 基本支出 and 项目支出: not the
    项目支出 alone (the 其中 row left out: “707.89=707.89，少860”), nor 基本支出 beside its own parts
    (“845.6789+700+145.6789+663.086532=2354.444332，多855.6789”)."""
    rows = [("项目", "全年预算数（万元）", "全年执行数（万元）"), ("支出合计", "1567.89", "1498.765432"),
            ("其中：基本支出", "850", "845.6789"), ("　　人员经费", "", "700"), ("　　公用经费", "", "145.6789"),
            ("　　项目支出", "707.89", "663.086532")]
    flags = flags_of(tmp_path, "支出情况如下表。\n" + txt_table(*rows) + "完。\n", "JX103")
    assert sorted(f.message for f in flags) == [
        "表1“全年执行数（万元）”列的“支出合计”为1498.765432万元，但其余各行相加为845.6789+663.086532="
        "1508.765432万元，比合计多10万元",
        "表1“全年预算数（万元）”列的“支出合计”为1567.89万元，但其余各行相加为850+707.89=1557.89万元，比合计少10万元",
    ]


# --- the seeds ---------------------------------------------------------------------------------



@pytest.mark.parametrize(("seed", "fmt"), SEED_CASES)
def test_seeds_give_exactly_the_golden_findings(seed: str, fmt: str) -> None:
    assert_exact_golden_findings(RULES, seed, fmt, keep=lambda seed, f: f["kind"] in KINDS)

def test_a_spending_list_ends_at_what_is_left_over(tmp_path: Path) -> None:
    """Blind probe BC C3: “支出合计 815.37 / 其中：基本支出 198.62 / 人员支出 / 公用支出 / 项目支出 616.75 /
    年末结余 47.08”; 198.62 + 616.75 = 815.37, and the year-end balance is no part of the spending (a
    false error said 198.62 + 616.75 + 47.08 = 862.45). The list still ends in an excess when there is one."""
    rows = [("项目", "金额"), ("收入合计", "862.45"), ("其中：财政拨款", "830.25"), ("上年结转", "32.20"),
            ("支出合计", "815.37"), ("其中：基本支出", "198.62"), ("人员支出", "170.40"), ("公用支出", "28.22"),
            ("项目支出", "616.75"), ("年末结余", "47.08")]
    text = "收支情况如下（单位：万元）：\n" + txt_table(*rows) + "完。\n"
    assert flags_of(tmp_path, text, "JX103") == []
    wrong = [row if row[0] != "项目支出" else ("项目支出", "666.75") for row in rows]
    assert severities(flags_of(tmp_path, "收支情况如下（单位：万元）：\n" + txt_table(*wrong) + "完。\n", "JX103")) == [
        "error"]
