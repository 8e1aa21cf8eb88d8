"""Shared paths for the test suite."""

from __future__ import annotations

import os
from pathlib import Path

# Records are frozen under the tests, so that code assigning to one fails here (extract/records.py).
# Set before any project module is imported; subprocesses the tests start inherit it.
os.environ["JIXIAO_GUARD_RECORDS"] = "1"

import pytest

ROOT = Path(__file__).resolve().parent.parent
FIXTURES = ROOT / "tests" / "fixtures"
CORPUS = ROOT / "corpus"


@pytest.fixture
def fixtures_dir() -> Path:
    return FIXTURES
