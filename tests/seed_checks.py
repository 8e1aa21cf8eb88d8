"""Shared by the rule-family tests: a family's rules, run on the corpus, must give exactly the
golden findings of its kinds — no miss, no extra flag — in every format.

The corpus is analysed once per (seed, format) for all families.
"""

from __future__ import annotations

from functools import lru_cache
from typing import Callable, Sequence

import yaml

import pipeline
from checks.evaluate import ExpectedFinding, match_findings
from checks.model import CheckInput
from checks.registry import Rule, run_rules
from extract.readers import read_document

from conftest import CORPUS, ROOT

GOLDEN = ROOT / "tests" / "golden"
SEEDS = sorted(p.stem for p in GOLDEN.glob("*.yaml"))
FORMATS = ("txt", "docx", "pdf")
SEED_CASES = [(seed, fmt) for seed in SEEDS for fmt in FORMATS]


@lru_cache(maxsize=None)
def txt_table(*rows: Sequence[str], closed: bool = True) -> str:
    """A table as the seeds' text export writes it: one TAB-led line per cell, a blank line after
    each row; ``closed`` adds the second blank line that ends the table before running text."""
    return "".join("".join(f"\t{cell}\n" for cell in row) + "\n" for row in rows) + ("\n" if closed else "")


def corpus_check_input(seed: str, fmt: str) -> CheckInput:
    return pipeline.analyse(read_document(CORPUS / fmt / f"{seed}.{fmt}")).check_input


@lru_cache(maxsize=None)
def golden_findings(seed: str) -> tuple[dict, ...]:
    return tuple(yaml.safe_load((GOLDEN / f"{seed}.yaml").read_text(encoding="utf-8"))["findings"])


def assert_exact_golden_findings(
    rules: Sequence[Rule], seed: str, fmt: str, keep: Callable[[str, dict], bool]
) -> None:
    """The rules' flags on one corpus file equal the golden findings that ``keep`` selects."""
    expected = [ExpectedFinding(f["kind"], f["quote"], f["severity"]) for f in golden_findings(seed) if keep(seed, f)]
    flags = run_rules(rules, corpus_check_input(seed, fmt), {})
    match = match_findings(expected, flags)
    assert not match.missed, [f"{m.kind}: {m.quote}" for m in match.missed]
    assert not match.unexpected, [f"{f.rule_id} {f.severity} {f.message}" for f in match.unexpected]
    for item, flag in match.matched:
        assert flag.severity == item.severity, (item, flag.message)


def text_check_input(tmp_path, text: str) -> CheckInput:
    """What the rules see for a small report written as a .txt file and read by the real stages."""
    path = tmp_path / "report.txt"
    path.write_text(text, encoding="utf-8")
    return pipeline.analyse(read_document(path)).check_input


def run_one_rule(check_input: CheckInput, rule: Rule, settings=None):
    """One rule's findings with its default (or the given) settings."""
    from checks.registry import RuleSettings

    return run_rules([rule], check_input, {rule.id: settings or RuleSettings(severity=rule.severity)})


def severities(flags) -> list[str]:
    """The severities of a rule's findings, in order: what most case tables compare."""
    return [flag.severity for flag in flags]
