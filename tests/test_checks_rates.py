"""checks/rates.py: JX201–JX204 case tables through the real stages, and the seeds.

Every case is a small report written to a .txt file and read by the real reader and
``pipeline.analyse``, so the rules see what they will see on a real report. Cases come in pairs:
the one that must be flagged and, beside it, the near miss that must pass. Sentences marked with a
seed id are copied from that seed; the others are written to test one decision each.
"""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

import pytest

from checks.rates import RULES
from checks.registry import RuleSettings

from seed_checks import SEED_CASES, assert_exact_golden_findings, run_one_rule, severities, text_check_input

RULES_BY_ID = {rule.id: rule for rule in RULES}
KINDS = {rule.kind for rule in RULES}
TITLE = "某县扶贫开发办公室2020年度部门整体支出绩效自评报告\n"


def flags_of(tmp_path: Path, text: str, rule_id: str, settings: RuleSettings | None = None):
    return run_one_rule(text_check_input(tmp_path, TITLE + text + "\n"), RULES_BY_ID[rule_id], settings)


# --- JX201: 预算执行率 ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # seed 004: 3961.33 ÷ 6400.32 = 61.89%, stated beside its amounts: an error
        ("2020年，我单位支出预算6400.32万元，实际支出3961.33万元，预算执行率61.92%。", ["error"]),
        ("2020年，我单位支出预算6400.32万元，实际支出3961.33万元，预算执行率61.89%。", []),
        ("2020年，我单位支出预算6400.32万元，实际支出3961.33万元，预算执行率61.9%。", []),  # 61.85–61.95
        # seed 001: a bare budget takes the sentence's 万元
        ("2020年全年预算数2026.86，预算执行数2026.86万元，预算执行率100%。", []),
        ("2020年全年预算数2026.86，预算执行数2000万元，预算执行率100%。", ["error"]),
        # the rate stated apart from its amounts: a warning
        ("预算执行率95%。\n全年预算数100.00万元，预算执行数90.00万元。", ["warning"]),
        ("预算执行率90%。\n全年预算数100.00万元，预算执行数90.00万元。", []),
        # the sentence writes both amounts rounded to 0.01万元 where the chosen ones are a table's 元
        # (blind probe AJ aj04): it still contradicts itself, an error
        ("2020年度全年预算2,846.35万元，决算支出2,615.84万元，预算执行率98.50%。\n单位：元\n"
         "\t项目\n\t预算数\n\t决算数\n\n\t本年支出合计\n\t28,463,500.00\n\t26,158,420.00\n\n\n二、其他", ["error"]),
        ("2020年度全年预算2,846.35万元，决算支出2,615.84万元，预算执行率91.90%。\n单位：元\n"
         "\t项目\n\t预算数\n\t决算数\n\n\t本年支出合计\n\t28,463,500.00\n\t26,158,420.00\n\n\n二、其他", []),
    ],
)
def test_execution_rate(tmp_path: Path, text: str, expected: list[str]) -> None:
    assert severities(flags_of(tmp_path, text, "JX201")) == expected


def test_execution_rate_message(tmp_path: Path) -> None:
    text = "2020年，我单位支出预算6400.32万元，实际支出3961.33万元，预算执行率61.92%。"
    [flag] = flags_of(tmp_path, text, "JX201")
    assert flag.message == "预算执行率写为61.92%，但执行数÷预算数=3961.33÷6400.32=61.89%"
    assert "预算执行率61.92%" in flag.evidence


def test_a_user_tolerance_widens_the_rounding(tmp_path: Path) -> None:
    text = "2020年，我单位支出预算6400.32万元，实际支出3961.33万元，预算执行率61.92%。"
    lenient = RuleSettings(severity="error", tolerances={"rate_pct": Decimal("0.1")})
    assert flags_of(tmp_path, text, "JX201", lenient) == []


# --- JX202: 在职人员控制率 -------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # seed 001: 10 ÷ 13 = 76.92% rounds to 77
        ("2020年在职人员控制率77%=（在职人员数10人/编制数13人）*100%", []),
        ("2020年在职人员控制率80%=（在职人员数10人/编制数13人）*100%", ["error"]),
        # seed 004: 13 ÷ 5 = 260%: consistent (that it is impossible is another rule's job)
        ("截至2020年12月31日编制部门核定我单位编制5名，在职人数为13人，在职人员控制率为 260 %。", []),
        ("截至2020年12月31日编制部门核定我单位编制5名，在职人数为13人，在职人员控制率为 26 %。", ["error"]),
    ],
)
def test_staff_control_rate(tmp_path: Path, text: str, expected: list[str]) -> None:
    assert severities(flags_of(tmp_path, text, "JX202")) == expected


# --- JX203: a rate beside its budget and actual amounts ------------------------------------------


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # seed 004: 17.71 ÷ 16.9 = 104.79% and 1.06 ÷ 1.14 = 92.98%
        ("其中，预算按安排公用经费16.9万元，公用经费实际支出17.71万元，控制率93%。", ["error"]),
        ("其中，预算按安排公用经费16.9万元，公用经费实际支出17.71万元，控制率105%。", []),
        ("2020年，我局“三公”经费预算安排数1.14万元，实际支出1.06万元，控制率98%。", ["error"]),
        ("其中：公务接待费预算1.14万元，实际支出1.06万元，控制率93%。", []),  # 92.98 rounds to 93
        # seed 000: actual first, then budget
        ("公务接待费支出2020年度决算为0.89万元，预算为1.5万元，完成预算的59%，但与上年相比增加0.34万元，增长62%。", []),
        ("公务接待费支出2020年度决算为0.89万元，预算为1.5万元，完成预算的69%。", ["error"]),
        # seed 001
        ("政府采购2020年预算数486.91万元，实际采购金额486.91万元，政府采购执行率100%。", []),
        # a rate that names the thing of its amounts, and one that names something else
        ("“三公”经费预算18万元，实际支出15.42万元，三公经费控制率86%。", []),
        ("“三公”经费预算18万元，实际支出15.42万元，三公经费控制率90%。", ["error"]),
        ("公用经费预算18万元，实际支出15.42万元，项目完成率90%。", []),
        # amounts of two different things, or a third amount between: not a pair
        ("公用经费预算18万元，三公经费实际支出1.06万元，控制率6%。", []),
        ("预算100万元，实际支出90万元，结余10万元，执行率80%。", []),
        # the unit-level 预算执行率 is JX201's
        ("2020年，我单位支出预算6400.32万元，实际支出3961.33万元，预算执行率61.92%。", []),
    ],
)
def test_rate_beside_amounts(tmp_path: Path, text: str, expected: list[str]) -> None:
    assert severities(flags_of(tmp_path, text, "JX203")) == expected


def test_rate_beside_amounts_message(tmp_path: Path) -> None:
    text = "其中，预算按安排公用经费16.9万元，公用经费实际支出17.71万元，控制率93%。"
    [flag] = flags_of(tmp_path, text, "JX203")
    assert "93%" in flag.message and "17.71÷16.9=104.79%" in flag.message
    assert flag.evidence == ("预算按安排公用经费16.9万元，公用经费实际支出17.71万元，控制率93%",)
    # a label ending with its link verb (blind probe L l16): the message names the rate without it
    [flag] = flags_of(tmp_path, text.replace("控制率93%", "控制率为93%"), "JX203")
    assert flag.message.startswith("控制率写为93%"), flag.message


# --- JX204: change percentages ----------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # seed 004: (1.93 − 1.14) ÷ 1.93 = 40.93%, the two years' amounts in the sentence before
        (("2.“三公”预算： 2020年度“三公经费”预算为1.14万元，2019年度“三公经费”预算为1.93万元。“三公经费”支出预算"
         "比上年减少45%。"), ["error"]),
        (("2.“三公”预算： 2020年度“三公经费”预算为1.14万元，2019年度“三公经费”预算为1.93万元。“三公经费”支出预算"
         "比上年减少41%。"), []),
        # amounts of different things, or further away than the sentence before: not compared
        ("2020年度公务接待费预算为1.14万元，2019年度会议费预算为1.93万元。比上年减少45%。", []),
        (("2020年度“三公经费”预算为1.14万元，2019年度“三公经费”预算为1.93万元。本年压减会议。“三公经费”支出预算"
         "比上年减少45%。"), []),
        # seed 000: 0.34 ÷ (0.89 − 0.34) = 61.82%; 1.5 is tried too, 0.89 fits
        ("公务接待费支出2020年度决算为0.89万元，预算为1.5万元，完成预算的59%，但与上年相比增加0.34万元，增长62%。", []),
        ("公务接待费支出2020年度决算为0.89万元，预算为1.5万元，完成预算的59%，但与上年相比增加0.34万元，增长50%。",
         ["warning"]),  # neither 0.89 nor 1.5 gives 50%, but which one is meant is not certain
        ("公务接待费支出0.89万元，比上年增加0.34万元，增长50%。", ["error"]),
        # a decrease: 20 ÷ (100 + 20) = 16.67%
        ("公用经费支出100.00万元，比上年减少20.00万元，下降16.67%。", []),
        ("公用经费支出100.00万元，比上年减少20.00万元，下降20%。", ["error"]),
        # the change of another thing, or of a part, than the amount before it
        ("公务接待费支出100万元，会议费较上年增加5万元，增长10%。", []),
        ("项目资金100万元，其中人员经费较上年增加5万元，增长10%。", []),
        # a change of a rate, and a change with no amount to compare with
        ("预算执行率比上年提高5%。", []),
        ("公用经费较上年增加20万元，增长25%。", []),
        # after last year's amount (probe G r21): 比上年 with no direction before the amount makes it
        # the year before's, not the change; (3.10 − 2.36) ÷ 3.10 = 23.87%
        ("“三公”经费支出2.36万元，比上年3.10万元下降23.87%。", []),
        ("“三公”经费支出2.36万元，比上年3.10万元下降25%。", ["error"]),
        ("公用经费支出120万元，较上年100万元增长20%。", []),
        ("公用经费支出120万元，较上年100万元增长25%。", ["error"]),
        # after a 其中 list (blind probe K k10): of the whole, (2.95 − 2.36) ÷ 2.95 = 20%, though the
        # last part (1.88) stands right before 比上年; when neither fits, which is meant is not certain
        ("“三公”经费支出2.36万元，其中公务接待费0.48万元，公务用车运行维护费1.88万元，比上年2.95万元下降20%。", []),
        ("“三公”经费支出2.36万元，其中公务接待费0.48万元，公务用车运行维护费1.88万元，比上年2.95万元下降30%。",
         ["warning"]),
        # the amount before the change is the year before's (blind probe R): 88.24 ÷ 1,198.20 = 7.36%
        ("上年同期支出为1,198.20万元，本年增加88.24万元，增长7.36%。", []),
        ("上年同期支出为1,198.20万元，本年增加88.24万元，增长9.36%。", ["error"]),
        ("2019年度全年支出为2,214.36万元，2020年较上年增加143.55万元，增长6.48%。", []),  # 143.55 ÷ 2,214.36
        # an amount named by its side alone is the thing's named before it (blind probe W w03): the
        # 实际支出 4.38 is the 三公经费's, 0.74 ÷ (4.38 + 0.74) = 14.45%
        ("2020年“三公”经费预算5.00万元，实际支出4.38万元，其中公务接待费0.86万元，公务用车运行维护费3.52万元；"
         "“三公”经费较上年减少0.74万元，下降14.45%。", []),
        ("2020年“三公”经费预算5.00万元，实际支出4.38万元，其中公务接待费0.86万元，公务用车运行维护费3.52万元；"
         "“三公”经费较上年减少0.74万元，下降20%。", ["warning"]),
    ],
)
def test_change_rate(tmp_path: Path, text: str, expected: list[str]) -> None:
    assert severities(flags_of(tmp_path, text, "JX204")) == expected


def test_change_rate_after_last_years_amount_message(tmp_path: Path) -> None:
    [flag] = flags_of(tmp_path, "“三公”经费支出2.36万元，比上年3.10万元下降25%。", "JX204")
    assert flag.message == "下降25%，但当年2.36万元比上年3.1万元减少（3.1−2.36）÷3.1=23.87%"


def test_change_rate_message(tmp_path: Path) -> None:
    text = ("2020年度“三公经费”预算为1.14万元，2019年度“三公经费”预算为1.93万元。“三公经费”支出预算比上年减少45%。")
    [flag] = flags_of(tmp_path, text, "JX204")
    assert "45%" in flag.message and "（1.93−1.14）÷1.93=40.93%" in flag.message
    assert any("比上年减少45%" in quote for quote in flag.evidence)


# --- the seeds ---------------------------------------------------------------------------------



@pytest.mark.parametrize(("seed", "fmt"), SEED_CASES)
def test_seeds_give_exactly_the_golden_findings(seed: str, fmt: str) -> None:
    assert_exact_golden_findings(RULES, seed, fmt, keep=lambda seed, f: f["kind"] in KINDS)

def test_change_rate_message_works_from_the_spending(tmp_path: Path) -> None:
    """Blind probe BC A2: “决算为1.05万元，预算为1.60万元，较上年增加0.30万元，增长35%” is flagged (neither
    0.30 ÷ 0.75 = 40% nor 0.30 ÷ 1.30 = 23.08% is 35%); the message works from the spending, as a
    change on last year is, not from the budget nearest the change."""
    [flag] = flags_of(tmp_path, "2023年“三公”经费决算为1.05万元，预算为1.60万元，较上年增加0.30万元，增长35%。",
                      "JX204")
    assert "0.3÷（1.05−0.3）" in flag.message and "40%" in flag.message
