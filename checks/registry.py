"""The rule engine: one rule = one id, one function, one docstring, in one explicit list.

A rule function takes the report's ``CheckInput`` and its ``RuleSettings`` and yields ``Flag``s
(message, evidence, locations, values); the engine stamps them with the rule's id, kind and the
configured severity. Rule docstrings have fixed parts — what it checks, why it matters, an example
that fails, the near miss that passes, its limits — and ``pipeline.py rules`` and the README's rule
list are printed from them.

A rule that raises is reported as one internal-error finding for that report, never a crash.
"""

from __future__ import annotations

import inspect
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Callable, Iterable

from checks.model import CheckInput, Finding, Severity
from extract.model import Location


@dataclass(frozen=True, slots=True)
class Flag:
    """What a rule reports; the engine adds id, kind and severity."""

    message: str
    evidence: tuple[str, ...]
    locations: tuple[Location, ...]
    values: dict[str, str] = field(default_factory=dict)
    severity: Severity | None = None  # a rule may lower its default for a weaker case


@dataclass(frozen=True, slots=True)
class RuleSettings:
    """A rule's configured severity, its tolerances and the standards it compares with."""

    enabled: bool = True
    severity: Severity = "warning"
    tolerances: dict[str, Decimal] = field(default_factory=dict)
    standards: dict[str, Decimal] = field(default_factory=dict)

    def tolerance(self, name: str, default: Decimal) -> Decimal:
        return self.tolerances.get(name, default)

    def standard(self, name: str, default: Decimal) -> Decimal:
        return self.standards.get(name, default)


RuleFunction = Callable[[CheckInput, RuleSettings], Iterable[Flag]]


@dataclass(frozen=True, slots=True)
class Rule:
    id: str
    kind: str
    severity: Severity
    function: RuleFunction

    @property
    def doc(self) -> str:
        return inspect.cleandoc(self.function.__doc__ or "")

    @property
    def summary(self) -> str:
        return self.doc.splitlines()[0] if self.doc else ""


def run_rules(rules: Iterable[Rule], check_input: CheckInput, settings: dict[str, RuleSettings]) -> list[Finding]:
    findings: list[Finding] = []
    for rule in rules:
        rule_settings = settings.get(rule.id, RuleSettings(severity=rule.severity))
        if not rule_settings.enabled:
            continue
        try:
            flags = list(rule.function(check_input, rule_settings))
        except Exception as exc:  # one broken rule must not lose the other findings
            findings.append(
                Finding(rule.id, rule.kind, "info", f"规则{rule.id}执行出错，已跳过（技术细节：{type(exc).__name__}: {exc}）",
                        (), (), {})
            )
            continue
        for flag in flags:
            severity = _weaker(flag.severity, rule_settings.severity) if flag.severity else rule_settings.severity
            findings.append(
                Finding(rule.id, rule.kind, severity, flag.message, flag.evidence, flag.locations, flag.values)
            )
    return _without_repeats(findings)


def _without_repeats(findings: list[Finding]) -> list[Finding]:
    """One finding per problem: a later finding of the same kind on exactly the same cells says
    what an earlier rule already said (a 三公 合计 that its parts do not make is both a catalogue
    identity, JX102, and a table total, JX103); the auditor gets the first rule's, in rule order."""
    seen: set[tuple] = set()
    kept: list[Finding] = []
    for finding in findings:
        places = frozenset(_place(location) for location in finding.locations)
        key = (finding.kind, places)
        if places and key in seen:
            continue
        seen.add(key)
        kept.append(finding)
    return kept


def _place(location) -> tuple:
    """Where a location points, without its quote: the same cell read by two rules is one place."""
    return (location.file, location.page, location.paragraph, location.line, location.table, location.row,
            location.col, location.char_start, location.char_end)


def _weaker(a: Severity, b: Severity) -> Severity:
    order = ("error", "warning", "info")
    return order[max(order.index(a), order.index(b))]
