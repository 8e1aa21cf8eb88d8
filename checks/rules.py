"""The registry: every rule the tool runs, in one explicit list, by id.

Adding a rule means writing its function with its docstring (its documentation for auditors: in
Chinese, with the parts ``checks.registry.DOC_PARTS`` names) in the module of its family and
adding it to that module's ``RULES``; this list is where the families are put together, so that
``pipeline.py rules`` and the README show exactly what runs. Ids are never reused.
"""

from __future__ import annotations

from checks import (
    conflicts,
    narrative,
    part_sums,
    ranges,
    rates,
    scores,
    standards,
    sums,
    table_sums,
    targets,
    years,
)
from checks.registry import Rule

ALL_RULES: tuple[Rule, ...] = (
    *part_sums.RULES,
    *sums.RULES,
    *table_sums.RULES,
    *scores.RULES,
    *rates.RULES,
    *standards.RULES,
    *years.RULES,
    *ranges.RULES,
    *targets.RULES,
    *conflicts.RULES,
    *narrative.RULES,
)

RULES_BY_ID: dict[str, Rule] = {rule.id: rule for rule in ALL_RULES}
assert len(RULES_BY_ID) == len(ALL_RULES), "duplicate rule id"
