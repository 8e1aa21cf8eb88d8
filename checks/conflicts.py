"""JX601: one quantity, two values.

The normalize stage keeps one value per catalogue key and, beside it, every other value the
report states for the same key, role and year (``ReportValues.conflicts``). Each such pair is a
question for the unit: which figure is right?
"""

from __future__ import annotations

from typing import Iterator

from checks.model import CheckInput, number_text
from checks.registry import Flag, Rule, RuleSettings
from normalize.catalogue import METRIC_NAMES


def check_two_values(inp: CheckInput, settings: RuleSettings) -> Iterator[Flag]:
    """The same metric, budget side and year stated with two different values.

    Why: an auditor copying the figure cannot know which to take; one of them is wrong, or the two
    describe different scopes the report does not name.
    Fails: “编制数13人” and “在职全额编制10人” in one 2023 report; “项目支出预算为5143.78万元” and
    “项目支出预算6243.78万元”.
    Passes: the same value stated twice (in the 自评表 and the narrative); a 2019 figure beside a
    2020 one (different years); a budget beside an execution figure (different sides).
    Limits: compares catalogue figures only; two statements of different scopes (一般公共预算 vs
    all funds) are still reported, as warnings, because the report does not say so.
    """
    for metric, others in inp.values.conflicts.items():
        chosen = inp.values.chosen[metric]
        name = METRIC_NAMES.get(metric, metric)
        for other in others:
            yield Flag(
                f"{name}在报告中有两个不同数值：{number_text(chosen.value)}{chosen.unit}"
                f"（{chosen.location.describe()}）与{number_text(other.value)}{other.unit}（{other.location.describe()}）",
                (chosen.location.excerpt(), other.location.excerpt()),
                (chosen.location, other.location),
                {"采用值": number_text(chosen.value), "另一值": number_text(other.value), "指标": metric},
            )


RULES = (Rule("JX601", "text_table_conflict", "warning", check_two_values),)
