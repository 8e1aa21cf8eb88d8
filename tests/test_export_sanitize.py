"""Formula injection: text never becomes a formula in a CSV; numbers stay numbers in numeric columns."""

from __future__ import annotations

import csv
from decimal import Decimal
from pathlib import Path

import pytest

from export import sanitize
from export.atomic import write_csv_atomic
from export.rows import INDICATOR_COLUMNS, METRIC_COLUMNS, REPORT_COLUMNS
from export.sanitize import (
    INDICATOR_NUMERIC_COLUMNS,
    METRIC_NUMERIC_COLUMNS,
    NUMERIC_COLUMNS,
    REPORT_NUMERIC_COLUMNS,
    neutralise_text,
    plain_number,
    restore_neutralised,
    sanitize_row,
)

NUMERIC = frozenset({"value"})

# (value, column, expected cell) — column "value" is numeric, "quote" is text.
CASES = [
    # the OWASP triggers
    ("=SUM(A1)", "quote", "'=SUM(A1)"),
    ('=HYPERLINK("http://x","点此核对")', "quote", "'=HYPERLINK(\"http://x\",\"点此核对\")"),
    ("+86 电话", "quote", "'+86 电话"),
    ("@foo", "quote", "'@foo"),
    ("-5.2", "quote", "'-5.2"),
    ("\t=1+1", "quote", "'\t=1+1"),
    ("\r=1+1", "quote", "'\r=1+1"),
    # full-width forms a Chinese input method types
    ("＝SUM(A1)", "quote", "'＝SUM(A1)"),
    ("＋86", "quote", "'＋86"),
    ("－5.2万元", "quote", "'－5.2万元"),
    ("＠foo", "quote", "'＠foo"),
    # a trigger after leading spaces (ASCII, ideographic)
    ("  =1+1", "quote", "'  =1+1"),
    ("\u3000\u3000-5", "quote", "'\u3000\u3000-5"),
    # text that is safe stays exactly as it was
    ("三公经费预算3万元，实际支出数0万元", "quote", "三公经费预算3万元，实际支出数0万元"),
    ("项目支出-5.2万元", "quote", "项目支出-5.2万元"),
    ("\u3000\u3000我单位2023年", "quote", "\u3000\u3000我单位2023年"),
    ("'=SUM(A1)", "quote", "'=SUM(A1)"),  # already neutralised: idempotent
    ("", "quote", ""),
    (None, "quote", ""),
    # numbers in a numeric column come out as they went in
    ("-5.2", "value", "-5.2"),
    ("1184.24", "value", "1184.24"),
    ("0", "value", "0"),
    (18, "value", 18),
    (Decimal("-3.14"), "value", Decimal("-3.14")),
    (50.0, "value", 50.0),
    (None, "value", ""),
    # what is not a plain number in a numeric column is text, and neutralised as text
    ("-5.2万元", "value", "'-5.2万元"),
    ("+5.2", "value", "'+5.2"),
    ("-1E+3", "value", "'-1E+3"),
    ("=1+1", "value", "'=1+1"),
    ("10分", "value", "10分"),
    (float("-inf"), "value", "'-inf"),
    (True, "value", "True"),
    # a number in a text column is text
    (-5, "quote", "'-5"),
    (12, "quote", "12"),
]


@pytest.mark.parametrize(("value", "column", "expected"), CASES)
def test_sanitize_row_cell(value, column, expected) -> None:
    assert sanitize_row({column: value}, NUMERIC) == {column: expected}


def test_default_treats_no_column_as_numeric() -> None:
    assert sanitize_row({"value": "-5.2", "n": 3, "m": -3}) == {"value": "'-5.2", "n": "3", "m": "'-3"}


def test_sanitize_row_keeps_every_key_and_leaves_the_input_alone() -> None:
    row = {"value": "-5.2", "raw": "-5.2万元", "quote": None}
    assert sanitize_row(row, NUMERIC) == {"value": "-5.2", "raw": "'-5.2万元", "quote": ""}
    assert row == {"value": "-5.2", "raw": "-5.2万元", "quote": None}


@pytest.mark.parametrize("text", ["=SUM(A1)", "-5.2万元", "＋86", "\t=1", "三公经费", "'三公", ""])
def test_restore_undoes_neutralise(text: str) -> None:
    assert restore_neutralised(neutralise_text(text)) == text


def test_restore_loses_a_quote_the_report_itself_wrote_before_a_formula_sign() -> None:
    """The one ambiguous case, accepted: text that already starts with ' and a formula sign."""
    assert neutralise_text("'=1") == "'=1"
    assert restore_neutralised("'=1") == "=1"


@pytest.mark.parametrize(
    ("value", "expected"),
    [("1184.24", Decimal("1184.24")), ("-0.5", Decimal("-0.5")), ("007", Decimal(7)), (3, 3),
     (" 1", None), ("1,184.24", None), (".5", None), ("5.", None), ("1e3", None), ("NaN", None),
     (float("nan"), None), (Decimal("inf"), None), (False, None), (None, None)],
)
def test_plain_number(value, expected) -> None:
    assert plain_number(value) == expected


# --- the numeric columns of each output ---------------------------------------------------------


def test_report_numeric_columns_are_the_metric_keys_that_hold_numbers() -> None:
    text_columns = set(REPORT_COLUMNS) - REPORT_NUMERIC_COLUMNS
    assert text_columns == {
        "doc_id", "source_file", "format", "status", "unit_name", "report_kind", "report_date", "grade",
        "notes",
    }
    assert {"fiscal_year", "pages", "n_errors", "budget_total_wan", "execution_rate_pct", "staff_quota",
            "self_score", "direct_subsidy_standard_yuan"} <= REPORT_NUMERIC_COLUMNS


def test_metric_and_indicator_numeric_columns() -> None:
    assert METRIC_NUMERIC_COLUMNS == {"year", "value", "match_score"}
    assert INDICATOR_NUMERIC_COLUMNS == {"table", "row", "target_value", "actual_value", "weight", "score"}
    assert {"raw", "quote", "label_raw", "target_raw", "actual_raw"}.isdisjoint(NUMERIC_COLUMNS)
    assert set(METRIC_COLUMNS) & NUMERIC_COLUMNS == METRIC_NUMERIC_COLUMNS
    assert set(INDICATOR_COLUMNS) & NUMERIC_COLUMNS == INDICATOR_NUMERIC_COLUMNS


# --- write_csv_atomic ---------------------------------------------------------------------------


def read_rows(path: Path) -> list[dict[str, str]]:
    with open(path, encoding="utf-8-sig", newline="") as handle:
        return list(csv.DictReader(handle))


def test_csv_neutralises_text_and_keeps_numbers(tmp_path: Path) -> None:
    target = tmp_path / "metrics.csv"
    rows = [
        {"metric": "project_spent_wan", "value": "-5.2", "raw": "-5.2万元", "quote": "=HYPERLINK(\"x\")",
         "year": 2023, "match_score": 50.0},
        {"metric": "spent_total_wan", "value": "1184.24", "raw": "1184.24万元", "quote": "+86 0730",
         "year": None},
    ]
    assert write_csv_atomic(target, METRIC_COLUMNS, rows, METRIC_NUMERIC_COLUMNS) == 2
    written = read_rows(target)
    assert written[0]["value"] == "-5.2"
    assert written[0]["raw"] == "'-5.2万元"
    assert written[0]["quote"] == "'=HYPERLINK(\"x\")"
    assert written[0]["year"] == "2023"
    assert written[0]["match_score"] == "50.0"
    assert written[1]["value"] == "1184.24"
    assert written[1]["quote"] == "'+86 0730"
    assert written[1]["year"] == ""
    assert written[1]["doc_id"] == ""


def test_csv_without_numeric_columns_quotes_every_text_cell(tmp_path: Path) -> None:
    target = tmp_path / "x.csv"
    write_csv_atomic(target, ["value", "n"], [{"value": "-5.2", "n": -1}])
    assert read_rows(target) == [{"value": "'-5.2", "n": "'-1"}]  # by column, not by type


def test_formula_triggers_follow_owasp() -> None:
    assert set("=+-@\t\r") <= sanitize.FORMULA_TRIGGERS
