"""Label matching: which catalogue concept a label names (normalize/match.py)."""

from __future__ import annotations

import pytest

from normalize.match import is_role_only, match_label


@pytest.mark.parametrize(("label", "concept"), [
    ("实有人员编制", "staff_quota"),  # 实有人员 and 人员编制 overlap: the compound ends in 编制
    ("本部门年末实有人员编制", "staff_quota"),
    ("人员编制", "staff_quota"),
    ("实有人员", "staff_actual"),
    ("公务用车购置及运行维护费", "vehicle"),
    ("其中：公务用车运行维护费", "vehicle_operation"),
    ("公务用车购置费", "vehicle_purchase"),
    ("其中接待费", "reception"),  # 公务接待费 as 三公 sentences shorten it
    ("基本支出中人员经费", "personnel"),  # the part within the whole: 中 joins them
    ("基本支出中的人员经费", "personnel"),
])
def test_the_concept_a_label_names(label: str, concept: str) -> None:
    match = match_label(label)
    assert match is not None and match.concept.name == concept


@pytest.mark.parametrize("label", [
    "公务接待费公务用车费",  # two things side by side, equally long: no head, no concept
    "基本支出人员经费",  # side by side without 中
    "其他项目支出",  # the rest of the 项目支出: one part of it
    "其中：其他公用经费",
])
def test_labels_naming_two_things_name_none(label: str) -> None:
    assert match_label(label) is None


@pytest.mark.parametrize(("label", "role_only"), [
    ("比预算数", True),  # “8.9万元，比预算数10万元减少”: the budget of the thing just named
    ("实际支出", True),
    ("比上年", False),
    ("比2022年", False),  # no role word after 比: a comparison with another year, not a budget side
    ("对比预算数", False),
])
def test_role_only_labels(label: str, role_only: bool) -> None:
    assert is_role_only(label) is role_only
