"""checks/standards.py: JX250–JX251 case tables through the real stages, and the seeds.

Every case is a small report written to a .txt file and read by the real reader and
``pipeline.analyse``, so the rules see what they will see on a real report. Cases come in pairs:
the one that must be flagged and, beside it, the near miss that must pass. Sentences marked with a
seed id are copied from that seed; the others are written to test one decision each.
"""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

import pytest

from checks.registry import RuleSettings
from checks.standards import RULES

from seed_checks import SEED_CASES, assert_exact_golden_findings, run_one_rule, severities, text_check_input

RULES_BY_ID = {rule.id: rule for rule in RULES}
KINDS = {rule.kind for rule in RULES}
TITLE = "某县扶贫开发办公室2020年度部门整体支出绩效自评报告\n"


def flags_of(tmp_path: Path, text: str, rule_id: str, settings: RuleSettings | None = None):
    return run_one_rule(text_check_input(tmp_path, TITLE + text + "\n"), RULES_BY_ID[rule_id], settings)


# --- JX250: people × national standard ------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # seed 000: 36277 × 600元 = 2176.62万元
        ("2020年，我中心完成了36277人计2161.83万元的移民直补资金“一卡通”打卡发放。", ["warning"]),
        ("2020年，我中心完成了36277人计2176.62万元的移民直补资金“一卡通”打卡发放。", []),
        # seed 002: the paid amount, not the plan, is the report's figure
        ("2020年我区直补移民人数为6514人，计划发放直补资金390.84万元。\n截止目前,发放打卡直扶资金387.27万元。",
         ["warning"]),
        ("2020年我区直补移民人数为6514人，计划发放直补资金390.84万元。\n截止目前,发放打卡直扶资金390.84万元。", []),
    ],
)
def test_direct_subsidy_standard(tmp_path: Path, text: str, expected: list[str]) -> None:
    assert severities(flags_of(tmp_path, text, "JX250")) == expected


def test_direct_subsidy_message_counts_the_people(tmp_path: Path) -> None:
    text = "截止2021年3月31日，其中：资金直补受益移民40848人，发放资金2414.7万元。"
    [flag] = flags_of(tmp_path, text, "JX250")
    assert "40848人×600元=2450.88万元" in flag.message and "603人" in flag.message
    assert "发放资金2414.7万元" in flag.evidence


def test_direct_subsidy_standard_from_settings(tmp_path: Path) -> None:
    text = "2020年，我中心完成了1000人计50万元的移民直补资金发放。"
    assert len(flags_of(tmp_path, text, "JX250")) == 1
    other = RuleSettings(severity="warning", standards={"direct_subsidy_yuan_per_person_year": Decimal(500)})
    assert flags_of(tmp_path, text, "JX250", other) == []


# --- JX251: people × the report's own standard ----------------------------------------------------


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # seed 001: 2 × 2000元 = 4000元, not 6千元
        (("今年共组织移民培训80人次，投入资金32.8万元。其中，3月份申报一人次2000元自主培训补助，4月份组织了一期家政"
         "短期技能培训，共培训50人。自主培训移民2人，发放补助金额6千元。"), ["warning"]),
        (("今年共组织移民培训80人次，投入资金32.8万元。其中，3月份申报一人次2000元自主培训补助，4月份组织了一期家政"
         "短期技能培训，共培训50人。自主培训移民2人，发放补助金额4千元。"), []),
        ("按600元/人/年的标准发放培训补助，参加培训移民5人，发放培训补助0.4万元。", ["warning"]),
        ("按600元/人/年的标准发放培训补助，参加培训移民5人，发放培训补助0.3万元。", []),
        # two standards: each pair is held to the one it names
        ("培训补助每人2000元，就业奖励每人1000元。参加培训移民5人，发放培训补助1万元；就业移民3人，发放就业奖励3000元。",
         []),
        ("培训补助每人2000元，就业奖励每人1000元。参加培训移民5人，发放培训补助1万元；就业移民3人，发放就业奖励4000元。",
         ["warning"]),
        # bands of one programme by age: which band an amount is of is not said (blind probe AL r02)
        ("高龄津贴标准为：80—89周岁每人每年600元，90—99周岁每人每年1,200元。全年为3,112名高龄老人发放高龄津贴218.64万元，"
         "其中80—89周岁2,580人154.80万元，90—99周岁532人63.84万元。", []),
        # not a yearly per-head standard, per household against people, or no standard stated
        ("每人每月发放生活补助300元，全年发放12人，发放资金4.32万元。", []),
        ("按300元/人/月的标准发放生活补助，补助移民5人，发放生活补助0.6万元。", []),
        ("每人发放慰问金500元，共慰问困难移民20户，发放资金1万元。", []),
        ("2020年我区直补移民人数为6514人，计划发放直补资金390.84万元。", []),
        # 每生, as schools write a per-student standard (probe H T26): 186 × 2000元 = 37.20万元
        ("普通高中国家助学金按每生每年2,000元标准发放，全年共资助学生186名，发放国家助学金38.20万元。", ["warning"]),
        ("普通高中国家助学金按每生每年2,000元标准发放，全年共资助学生186名，发放国家助学金37.20万元。", []),
    ],
)
def test_stated_standard(tmp_path: Path, text: str, expected: list[str]) -> None:
    assert severities(flags_of(tmp_path, text, "JX251")) == expected


def test_stated_standard_evidence(tmp_path: Path) -> None:
    text = "其中，3月份申报一人次2000元自主培训补助。自主培训移民2人，发放补助金额6千元。"
    [flag] = flags_of(tmp_path, text, "JX251")
    assert flag.evidence == ("自主培训移民2人，发放补助金额6千元", "3月份申报一人次2000元自主培训补助")
    assert "2×2000=4000元" in flag.message and "6000元" in flag.message


# --- the seeds ---------------------------------------------------------------------------------



@pytest.mark.parametrize(("seed", "fmt"), SEED_CASES)
def test_seeds_give_exactly_the_golden_findings(seed: str, fmt: str) -> None:
    assert_exact_golden_findings(RULES, seed, fmt, keep=lambda seed, f: f["kind"] in KINDS)

def test_the_evidence_quote_keeps_a_number_with_a_thousands_comma_whole():
    """“2024年共向3,412名高龄老人发放生活补贴412.44万元” (blind probe S s07): the clause of the amount
    starts at the sentence, not at the comma inside 3,412, whose quote read “412名…”."""
    from checks.amounts import span_quote
    from extract.model import Location

    text = "2024年共向3,412名高龄老人发放生活补贴412.44万元，资金全部足额发放到人。"
    start = text.index("412.44")
    end = start + len("412.44万元")
    location = Location(file="r.txt", line=13, char_start=start, char_end=end, quote=text)
    assert span_quote(location) == "2024年共向3,412名高龄老人发放生活补贴412.44万元"


def test_stated_standard_message_as_the_report_writes_it(tmp_path: Path) -> None:
    """Blind probe AY 平江: the standard as written (每人每年1,080元, not 每名1080元) and the money in
    万元 when the report states it so (5,104 × 1,080元 = 551.232万元 against 525.62万元)."""
    text = "护理补贴标准为每人每年1,080元。全年为5,104名重度残疾人发放护理补贴525.62万元。"
    [flag] = flags_of(tmp_path, text, "JX251")
    assert "“每人每年1,080元”" in flag.message and "551.232万元" in flag.message
    assert "相差25.612万元" in flag.message
