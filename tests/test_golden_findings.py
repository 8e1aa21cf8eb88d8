"""Every inconsistency found by reading the seed reports is flagged, in every format.

The golden files list, per seed, the findings a careful auditor makes (kind, severity, and a quote
that the flag's evidence must contain) and ``known_extra`` warnings accepted on top. The test fails
on a missed finding, and on any error-severity flag the golden does not expect: a wrong error costs
an auditor more than it saves.
"""

from __future__ import annotations

from functools import lru_cache

import pytest
import yaml

import pipeline
from checks.evaluate import ExpectedFinding, match_findings
from extract.readers import read_document

from conftest import CORPUS, ROOT

GOLDEN = ROOT / "tests" / "golden"
SEEDS = sorted(p.stem for p in GOLDEN.glob("*.yaml"))
FORMATS = ("txt", "docx", "pdf")


@lru_cache(maxsize=None)
def expected(seed: str) -> tuple[list[ExpectedFinding], list[ExpectedFinding]]:
    golden = yaml.safe_load((GOLDEN / f"{seed}.yaml").read_text(encoding="utf-8"))
    findings = [ExpectedFinding(f["kind"], f["quote"], f["severity"]) for f in golden["findings"]]
    extra = [ExpectedFinding(f["kind"], f["quote"]) for f in golden.get("known_extra") or []]
    return findings, extra


@lru_cache(maxsize=None)
def flags(seed: str, fmt: str):
    analysis = pipeline.analyse(read_document(CORPUS / fmt / f"{seed}.{fmt}"))
    return tuple(pipeline.check(analysis))


@pytest.mark.parametrize("fmt", FORMATS)
@pytest.mark.parametrize("seed", SEEDS)
def test_findings(seed: str, fmt: str) -> None:
    findings, extra = expected(seed)
    match = match_findings(findings, flags(seed, fmt), extra)
    assert not match.missed, [f"{m.kind}: {m.quote}" for m in match.missed]
    wrong_errors = [f"{f.rule_id} {f.message}" for f in match.unexpected if f.severity == "error"]
    assert not wrong_errors
    for item, flag in match.matched:
        assert flag.severity == item.severity, (item, flag.message)


@pytest.mark.parametrize("seed", SEEDS)
def test_every_flag_says_where(seed: str) -> None:
    for flag in flags(seed, "txt"):
        assert flag.message and flag.evidence and flag.locations, flag
        assert all(location.file for location in flag.locations)
