"""Records: frozen under the tests, plain slotted dataclasses in a run, alike in every other way."""

from __future__ import annotations

import dataclasses
import importlib
import os
import pickle
import pkgutil
import subprocess
import sys
from decimal import Decimal

import pytest

from extract.model import Location
from extract.numbers import Quantity
from extract.records import GUARD_VARIABLE, GUARDED
from tests.conftest import ROOT

PACKAGES = ("extract", "normalize", "checks", "export")


def project_records() -> list[type]:
    """Every class of the project's packages (and pipeline.py) made by ``@record``."""
    modules = [importlib.import_module("pipeline")]
    for package in PACKAGES:
        root = importlib.import_module(package)
        for info in pkgutil.walk_packages(root.__path__, prefix=f"{package}."):
            modules.append(importlib.import_module(info.name))
    found = []
    for module in modules:
        for value in vars(module).values():
            if (isinstance(value, type) and value.__module__ == module.__name__
                    and dataclasses.is_dataclass(value) and hasattr(value, "__slots__")
                    and value.__hash__ is not None):
                found.append(value)
    return found


def test_the_suite_runs_with_records_guarded():
    assert os.environ.get(GUARD_VARIABLE) == "1"
    assert GUARDED


def test_assigning_to_a_record_fails_under_the_tests():
    location = Location("a.docx", paragraph=3, quote="预算数640万元")
    with pytest.raises(dataclasses.FrozenInstanceError):
        location.paragraph = 4  # type: ignore[misc]


def test_every_hashable_slotted_dataclass_of_the_project_is_frozen_here():
    records = project_records()
    assert len(records) > 40  # Location, Quantity, RawFigure, Figure, Finding …
    assert Location in records and Quantity in records
    loose = [f"{cls.__module__}.{cls.__qualname__}" for cls in records if not cls.__dataclass_params__.frozen]
    assert loose == []


RUN_WITHOUT_GUARD = """
import dataclasses, pickle, sys
from decimal import Decimal
from extract.model import Location
from extract.numbers import Quantity
from extract.records import GUARDED
a = Location("a.docx", paragraph=3, quote="预算数640万元")
b = Location("a.docx", paragraph=3, quote="预算数640万元")
q = Quantity(Decimal("640"), "万元", "640万元", start=3, end=8)
from extract.records import record
@record
class One:
    value: int
print(GUARDED, Location.__dataclass_params__.frozen, a == b, hash(a) == hash(b), len({a, b}),
      hash(a) == hash(("a.docx", None, 3, None, None, None, None, None, None, "预算数640万元", "body", "")),
      pickle.loads(pickle.dumps(q)) == q, dataclasses.replace(a, paragraph=4).paragraph,
      pickle.loads(pickle.dumps([a, b, One(7)])) == [a, a, One(7)])
"""


def test_in_a_run_records_are_unguarded_and_compare_and_hash_alike():
    environment = {key: value for key, value in os.environ.items() if key != GUARD_VARIABLE}
    result = subprocess.run([sys.executable, "-c", RUN_WITHOUT_GUARD], cwd=ROOT, env=environment,
                            capture_output=True, text=True, check=True)
    assert result.stdout.split() == ["False", "False", "True", "True", "1", "True", "True", "4", "True"]


def test_guarded_records_hash_as_unguarded_ones_do():
    a = Location("a.docx", paragraph=3, quote="预算数640万元")
    assert hash(a) == hash(("a.docx", None, 3, None, None, None, None, None, None, "预算数640万元", "body", ""))
    q = Quantity(Decimal("640"), "万元", "640万元", start=3, end=8)
    assert pickle.loads(pickle.dumps(q)) == q


def test_the_cache_fingerprint_tells_guarded_from_unguarded_code():
    import pipeline

    environment = {key: value for key, value in os.environ.items() if key != GUARD_VARIABLE}
    code = "import pipeline; print(pipeline.tool_fingerprint(), pipeline.outcome_fingerprint())"
    unguarded = subprocess.run([sys.executable, "-c", code], cwd=ROOT, env=environment,
                               capture_output=True, text=True, check=True).stdout.split()
    assert unguarded[0] != pipeline.tool_fingerprint()
    assert unguarded[1] != pipeline.outcome_fingerprint()
