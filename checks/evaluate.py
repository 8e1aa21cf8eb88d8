"""Per-rule precision and recall against the goldens' expected findings.

A flag matches an expected finding when it has the same kind and the expected quote (whitespace
removed) lies inside the flag's evidence; each expected finding takes at most one flag, so two
expected findings with the same quote need two flags. Flags listed as ``known_extra`` in a golden
(accepted extra warnings) count neither for nor against a rule.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Iterable, Sequence

from checks.model import Finding
from extract.records import record


def _norm(text: str) -> str:
    return re.sub(r"\s+", "", text or "")


@record
class ExpectedFinding:
    kind: str
    quote: str
    severity: str = "warning"


@dataclass(slots=True)
class RuleScore:
    found: int = 0
    unexpected: int = 0
    unexpected_errors: list[str] = field(default_factory=list)

    @property
    def precision(self) -> float | None:
        total = self.found + self.unexpected
        return self.found / total if total else None


@record
class Match:
    matched: tuple[tuple[ExpectedFinding, Finding], ...]
    missed: tuple[ExpectedFinding, ...]
    unexpected: tuple[Finding, ...]


def flag_matches(expected: ExpectedFinding, flag: Finding) -> bool:
    return flag.kind == expected.kind and _norm(expected.quote) in _norm(" ".join(flag.evidence))


def match_findings(
    expected: Sequence[ExpectedFinding], flags: Sequence[Finding], known_extra: Sequence[ExpectedFinding] = ()
) -> Match:
    remaining = list(flags)
    matched: list[tuple[ExpectedFinding, Finding]] = []
    missed: list[ExpectedFinding] = []
    for item in expected:
        hit = next((flag for flag in remaining if flag_matches(item, flag)), None)
        if hit is None:
            missed.append(item)
        else:
            remaining.remove(hit)
            matched.append((item, hit))
    unexpected = [f for f in remaining if not any(flag_matches(extra, f) for extra in known_extra)]
    return Match(tuple(matched), tuple(missed), tuple(unexpected))


def score_rules(matches: Iterable[Match]) -> tuple[dict[str, RuleScore], dict[str, int], dict[str, int]]:
    """(per-rule scores, expected per kind, missed per kind) over many documents."""
    scores: dict[str, RuleScore] = {}
    expected_by_kind: dict[str, int] = {}
    missed_by_kind: dict[str, int] = {}
    for match in matches:
        for item, flag in match.matched:
            scores.setdefault(flag.rule_id, RuleScore()).found += 1
            expected_by_kind[item.kind] = expected_by_kind.get(item.kind, 0) + 1
        for item in match.missed:
            expected_by_kind[item.kind] = expected_by_kind.get(item.kind, 0) + 1
            missed_by_kind[item.kind] = missed_by_kind.get(item.kind, 0) + 1
        for flag in match.unexpected:
            score = scores.setdefault(flag.rule_id, RuleScore())
            score.unexpected += 1
            if flag.severity == "error":
                score.unexpected_errors.append(flag.message)
    return scores, expected_by_kind, missed_by_kind
