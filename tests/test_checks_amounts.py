"""checks/amounts.py: the per-report answers the rules share (text_groups, money_units_by_sentence)
are each report's own, however the reports of a batch follow one another."""

from __future__ import annotations

import pytest
from seed_checks import text_check_input

from checks import amounts

REPORT_A = "2023年预算总额860.5万元，其中基本支出120.5万元、项目支出740万元。全年实际支出835.2万元。\n"
REPORT_B = "2023年“三公”经费预算12.5万元，实际支出10.2万元。公务接待费3.1万元。\n"


def test_each_report_gets_its_own_groups_and_units(tmp_path) -> None:
    (tmp_path / "a").mkdir(), (tmp_path / "b").mkdir()
    a = text_check_input(tmp_path / "a", REPORT_A).raw_figures
    b = text_check_input(tmp_path / "b", REPORT_B).raw_figures
    expected = {id(r): (amounts._text_groups(r), dict(amounts._money_units_by_sentence(r))) for r in (a, b)}
    assert expected[id(a)][0] != expected[id(b)][0]
    for raw_figures in (a, b, a, b):  # as a worker's reports follow one another, and back again
        assert amounts.text_groups(raw_figures) == expected[id(raw_figures)][0]
        assert dict(amounts.money_units_by_sentence(raw_figures)) == expected[id(raw_figures)][1]
    quotes = {raw.location.quote for group in amounts.text_groups(b) for raw in group}
    assert quotes and all("三公" in quote or "公务接待费" in quote for quote in quotes)


def test_shared_answers_cannot_be_changed_by_a_rule(tmp_path) -> None:
    raw_figures = text_check_input(tmp_path, REPORT_A).raw_figures
    units = amounts.money_units_by_sentence(raw_figures)
    assert units and set(units.values()) == {"万元"}
    with pytest.raises(TypeError):
        units[("other",)] = "元"  # type: ignore[index]
    groups = amounts.text_groups(raw_figures)
    assert isinstance(groups, tuple) and all(isinstance(group, tuple) for group in groups)


def test_a_list_is_answered_afresh(tmp_path) -> None:
    """A list may change between two questions: its answer is never kept."""
    figures = list(text_check_input(tmp_path, REPORT_A).raw_figures)
    first = amounts.text_groups(figures)
    del figures[1:]
    assert sum(map(len, amounts.text_groups(figures))) == 1 < sum(map(len, first))
