"""checks/scores.py: JX104 case tables through the real stages.

Each case is a small report written to a .txt file in the seeds' text export (one TAB-led line
per cell, a blank line after each row): a funding block with the execution rate's 分值/得分 when
the case has one, then an indicator table closed by a 总分 row. Expected outcomes come from
adding the numbers written in each case by hand; every flagged case has its near miss beside it.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from checks.scores import RULES

from seed_checks import SEED_CASES, corpus_check_input, run_one_rule, text_check_input, txt_table

(RULE,) = RULES
TITLE = "某县农村供水服务中心2023年度项目支出绩效自评报告\n"
INDICATOR_HEADER = ("一级指标", "二级指标", "三级指标", "年度指标值", "实际完成值", "分值", "得分")
INDICATORS = (
    ("产出指标", "数量指标", "供水工程改造处数", "12处", "11处", "20", "18"),
    ("产出指标", "质量指标", "工程验收合格率", "100%", "100%", "10", "10"),
    ("产出指标", "时效指标", "资金拨付及时率", "≥90%", "95%", "10", "10"),
    ("产出指标", "成本指标", "单处改造成本", "≤50万元", "49.5万元", "10", "10"),
    ("效益指标", "社会效益指标", "农村自来水普及率", "≥90%", "92%", "30", "30"),
    ("满意度指标", "服务对象满意度指标", "受益群众满意度", "≥90%", "88%", "10", "8"),
)  # 分值 20+10+10+10+30+10 = 90, 得分 18+10+10+10+30+8 = 86


def report(total_weight: str, total_score: str, funds: tuple[str, str] | None = ("10", "9"),
           indicators: tuple[tuple[str, ...], ...] = INDICATORS, funds_label: str = "年度资金总额") -> str:
    text = TITLE + "一、资金情况（万元）\n"
    if funds is not None:
        text += txt_table(("项目", "全年预算数", "全年执行数", "分值", "执行率", "得分"),
                      (funds_label, "620", "558", funds[0], "90%", funds[1]))
    text += "二、绩效指标完成情况\n"
    return text + txt_table(INDICATOR_HEADER, *indicators, ("总分", "", "", "", "", total_weight, total_score))


def messages(tmp_path: Path, text: str) -> list[str]:
    check_input = text_check_input(tmp_path, text)
    assert len(check_input.indicators) >= 1, "the case's indicator table was not read"
    return [finding.message for finding in run_one_rule(check_input, RULE)]


@pytest.mark.parametrize(
    ("case", "text", "flagged"),
    [
        ("total with the execution-rate line", report("100", "95"), []),
        ("the funding row labelled 项目资金", report("100", "95", funds_label="项目资金"), []),
        ("the funding row labelled 资金执行情况", report("100", "95", funds_label="资金执行情况"), []),
        ("total of the indicators alone", report("90", "86"), []),
        ("no funding block, total of the indicators", report("90", "86", funds=None), []),
        ("a score written with decimals, total rounded", report("100", "95.2", funds=("10", "9.17")), []),
        # scores to one decimal are given, not rounded: the 总分 allows only its own half digit
        # (86 + 9.5 = 95.5; blind probe AS d7)
        ("one-decimal scores, total off by 0.1", report("100", "95.6", funds=("10", "9.5")), ["得分"]),
        ("one-decimal scores, total right", report("100", "95.5", funds=("10", "9.5")), []),
        ("总分 得分 off by one", report("100", "94"), ["得分"]),
        ("总分 分值 off by ten", report("110", "95"), ["分值"]),
        ("no funding block, 得分 off", report("90", "85", funds=None), ["得分"]),
        ("both columns off", report("95", "90"), ["得分", "分值"]),
    ],
)
def test_score_totals(tmp_path: Path, case: str, text: str, flagged: list[str]) -> None:
    found = messages(tmp_path, text)
    assert sorted(m.split("行的")[1][:2] for m in found) == sorted(flagged), (case, found)


def test_the_message_shows_both_sums(tmp_path: Path) -> None:
    (message,) = messages(tmp_path, report("100", "94"))
    assert message == (
        "表2“总分”行的得分为94，但各项指标的得分相加为18+10+10+10+30+8=86，"
        "加上“年度资金总额”的得分9为95，均不等于94"
    )


def test_the_flag_points_at_every_score_cell(tmp_path: Path) -> None:
    """The auditor is led to the 总分 cell, each indicator's 得分 cell and the funding line, not
    only to the indicator names: the 得分 column is the 7th of the indicator table."""
    check_input = text_check_input(tmp_path, report("100", "94"))
    (finding,) = run_one_rule(check_input, RULE)
    score_cells = [loc for loc in finding.locations if loc.table == 2 and loc.col == 7]
    assert [loc.quote for loc in score_cells] == ["94", "18", "10", "10", "10", "30", "8"]
    assert [loc.quote for loc in finding.locations if loc.table == 2 and loc.col == 3] == [
        row[2] for row in INDICATORS
    ]


def test_an_unreadable_score_leaves_the_column_unchecked(tmp_path: Path) -> None:
    """One 得分 is not a number: the 得分 column is not added up (50 would be flagged otherwise);
    its 分值 column still is, and adds up (90 + 10 = 100)."""
    rows = (*INDICATORS[:-1], (*INDICATORS[-1][:6], "待评"))
    assert messages(tmp_path, report("100", "50", indicators=rows)) == []
    assert len(messages(tmp_path, report("100", "50"))) == 1  # the near miss: every score readable


@pytest.mark.parametrize(("seed", "fmt"), SEED_CASES)
def test_no_seed_is_flagged(seed: str, fmt: str) -> None:
    """None of the five reports closes an indicator table with a 总分 row that does not add up."""
    assert run_one_rule(corpus_check_input(seed, fmt), RULE) == []


def test_each_form_of_a_workbook_adds_its_own_funding_line(tmp_path: Path) -> None:
    """A unit's 自评表 and a project's in one document (blind probe R r07): each table's 总分 counts the
    execution-rate score of its own funding block, so neither table is flagged; one table's slip still is."""
    def form(total_score: str, funds_score: str) -> str:
        return txt_table(("项目", "全年预算数", "全年执行数", "分值", "执行率", "得分"),
                         ("年度资金总额", "620", "558", "10", "90%", funds_score),
                         INDICATOR_HEADER, *INDICATORS, ("总分", "", "", "", "", "100", total_score))
    assert messages(tmp_path, TITLE + form("95", "9") + "附件\n" + form("94.5", "8.5")) == []
    (message,) = messages(tmp_path, TITLE + form("95", "9") + "附件\n" + form("95.5", "8.5"))
    assert "表2" in message and "95.5" in message


def continued_report(total_score: str) -> str:
    """The indicator table split in two at a page break, the second headed “续表2” (blind probe Y
    y01): two tables in the file, one to add up."""
    return (TITLE + "二、绩效指标完成情况\n表2  绩效指标完成情况表\n" + txt_table(INDICATOR_HEADER, *INDICATORS[:3])
            + "续表2\n" + txt_table(INDICATOR_HEADER, *INDICATORS[3:], ("总分", "", "", "", "", "90", total_score)))


@pytest.mark.parametrize(("total_score", "flagged"), [("86", False), ("88", True)])
def test_a_table_continued_under_a_continuation_caption_adds_up_whole(
        tmp_path: Path, total_score: str, flagged: bool) -> None:
    found = messages(tmp_path, continued_report(total_score))
    assert (len(found) == 1 and "18+10+10+10+30+8=86" in found[0]) if flagged else found == []
