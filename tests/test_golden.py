"""Every value a seed report states, read from its .txt, .docx and .pdf alike.

The golden files (tests/golden/<seed>.yaml) were written by reading each report: the metadata,
each catalogue value with the words it is stated in, the keys the report does not state (they must
stay blank: a blank is better than an invented value) and the rows of its indicator tables. One
parametrised test runs each golden against all three formats of the corpus.
"""

from __future__ import annotations

import re
from decimal import Decimal
from functools import lru_cache

import pytest
import yaml

import pipeline
from extract.readers import read_document

from conftest import CORPUS, ROOT

GOLDEN = ROOT / "tests" / "golden"
SEEDS = sorted(p.stem for p in GOLDEN.glob("*.yaml"))
FORMATS = ("txt", "docx", "pdf")


def norm(text: str) -> str:
    return re.sub(r"\s+", "", text or "")


@lru_cache(maxsize=None)
def golden(seed: str) -> dict:
    return yaml.safe_load((GOLDEN / f"{seed}.yaml").read_text(encoding="utf-8"))


@lru_cache(maxsize=None)
def analysed(seed: str, fmt: str):
    document = read_document(CORPUS / fmt / f"{seed}.{fmt}")
    return document, pipeline.analyse(document)


@lru_cache(maxsize=None)
def report_row(seed: str, fmt: str) -> dict:
    return pipeline.process_file(CORPUS / fmt / f"{seed}.{fmt}").report


def value_cases():
    for seed in SEEDS:
        for key, expected in golden(seed)["values"].items():
            for fmt in FORMATS:
                yield pytest.param(seed, fmt, key, expected, id=f"{seed[:3]}-{fmt}-{key}")


def blank_cases():
    for seed in SEEDS:
        for key in golden(seed)["blank"]:
            for fmt in FORMATS:
                yield pytest.param(seed, fmt, key, id=f"{seed[:3]}-{fmt}-{key}")


@pytest.mark.parametrize("fmt", FORMATS)
@pytest.mark.parametrize("seed", SEEDS)
def test_metadata(seed: str, fmt: str) -> None:
    row = report_row(seed, fmt)
    for key, expected in golden(seed)["metadata"].items():
        assert str(row[key]) == str(expected), key
    for key in ("report_date",):
        if key not in golden(seed)["metadata"]:
            assert row.get(key) in (None, ""), key


@pytest.mark.parametrize(("seed", "fmt", "key", "expected"), list(value_cases()))
def test_value_and_its_quote(seed: str, fmt: str, key: str, expected: dict) -> None:
    row = report_row(seed, fmt)
    assert row.get(key) not in (None, ""), f"{key} not found"
    if key == "grade":
        assert row[key] == expected["value"]
        return
    assert Decimal(row[key]) == Decimal(expected["value"])
    _, analysis = analysed(seed, fmt)
    figure = analysis.values.chosen[key]
    # Running text: the quote is in the paragraph. Tables: the value cell holds the number and the
    # quote names its row label or column header.
    quotes = expected["quote"] if isinstance(expected["quote"], list) else [expected["quote"]]
    where = norm(figure.location.quote) + "|" + norm(figure.label)
    assert any(norm(quote) in where for quote in quotes), figure


@pytest.mark.parametrize(("seed", "fmt", "key"), list(blank_cases()))
def test_unstated_values_stay_blank(seed: str, fmt: str, key: str) -> None:
    assert report_row(seed, fmt).get(key) in (None, "")


def indicator_key(row) -> tuple[str, ...]:
    return tuple(norm(v) for v in (row["level1"], row["level2"], row["name"], row["target"], row["actual"]))


def indicator_cases():
    for seed in SEEDS:
        for fmt in FORMATS:
            yield pytest.param(seed, fmt, id=f"{seed[:3]}-{fmt}")


@pytest.mark.parametrize(("seed", "fmt"), list(indicator_cases()))
def test_indicator_rows(seed: str, fmt: str) -> None:
    _, analysis = analysed(seed, fmt)
    found = [
        tuple(norm(v) for v in (r.level1, r.level2, r.name, r.target_raw, r.actual_raw)) for r in analysis.indicators
    ]
    assert found == [indicator_key(r) for r in golden(seed)["indicators"]]


@pytest.mark.parametrize("seed", SEEDS)
def test_same_values_in_every_format(seed: str) -> None:
    """The whole reports.csv row (catalogue columns) is identical for .txt, .docx and .pdf."""
    from normalize.catalogue import METRIC_KEYS

    rows = {fmt: {k: report_row(seed, fmt).get(k) for k in METRIC_KEYS} for fmt in FORMATS}
    assert rows["docx"] == rows["txt"]
    assert rows["pdf"] == rows["txt"]
