"""The README states what the code does: its rule list is the rules' own docstrings, and CI
runs exactly its test command."""

from __future__ import annotations

import subprocess
import sys

from conftest import ROOT

README = ROOT / "README.md"


def test_rule_list_is_generated_from_the_docstrings() -> None:
    text = README.read_text(encoding="utf-8")
    listed = text.split("<!-- rules:start -->", 1)[1].split("<!-- rules:end -->", 1)[0].strip()
    generated = subprocess.run(
        [sys.executable, str(ROOT / "pipeline.py"), "rules", "--markdown"],
        capture_output=True, text=True, check=True, cwd=ROOT,
    ).stdout.strip()
    assert listed == generated, "README rule list is stale: paste the output of python pipeline.py rules --markdown"


def test_ci_runs_the_readme_test_command() -> None:
    ci = (ROOT / ".ci" / "run").read_text(encoding="utf-8")
    assert "<!-- test-command -->" in ci
    text = README.read_text(encoding="utf-8")
    command = text.split("<!-- test-command -->", 1)[1].split("```", 2)[1].strip()
    assert command.endswith("python -m pytest")
