"""Cell values made safe for spreadsheets: no text can become a formula, numbers stay numbers.

Reports are written by units outside the auditor's control, and their text reaches every output
(``raw``, ``quote``, ``evidence``, ``notes`` …). A cell that starts with ``=``, ``+``, ``-`` or
``@`` is read by Excel and WPS as a formula when the CSV is opened (“CSV injection”, OWASP): a
quote such as ``=HYPERLINK("http://…","点此核对")`` would run on the auditor's machine. OWASP's
remedy is to put a single quote before such a cell, which Excel then shows as text.

Whether a value may stay a number is decided by its **column**, never by its content: ``-5.2``
is a number in ``value`` (a negative amount a check must see) but text in ``raw`` or ``quote``,
where it is neutralised like any other text. A value in a numeric column that is not a plain
number (an indicator's 分值 written as “10分”) is text and is neutralised as text, so a wrong
column set can lose a number's type but never lets a formula through.
"""

from __future__ import annotations

import math
import re
from decimal import Decimal, InvalidOperation
from typing import Mapping

from export.rows import FLAG_COLUMNS, INDICATOR_COLUMNS, METRIC_COLUMNS, REPORT_COLUMNS
from normalize.catalogue import CONCEPTS, key_kind

# First characters that make Excel, WPS or LibreOffice read a cell as a formula (OWASP CSV
# Injection): = + - @, tab and carriage return (Excel strips them and reads what follows), line
# feed for the same reason, and the full-width forms that a Chinese input method types and that
# Excel in a Chinese locale converts to their ASCII forms.
FORMULA_TRIGGERS = frozenset("=+-@\t\r\n＝＋－＠")

# Spaces a spreadsheet may skip before it looks for a formula sign (ASCII, no-break, ideographic):
# “　=1+1” is neutralised like “=1+1”.
LEADING_SPACES = " \u00a0\u3000"

# The first characters after which a text may need the quote: any other text is safe as it is,
# in every column (a numeric column's text is a plain number or neutralised text, and neither
# changes it). Most cells of a batch are such text, and a writer may pass them without a call.
MAY_NEED_QUOTE = FORMULA_TRIGGERS | frozenset(LEADING_SPACES)

# What OWASP recommends putting in front of a dangerous cell: Excel shows it as text.
NEUTRALISING_PREFIX = "'"

# A plain decimal number as export/rows.decimal_text writes it: optional minus, digits, optional
# fraction. No plus sign, exponent, thousands separator or spaces: anything else is text.
PLAIN_NUMBER = re.compile(r"-?\d+(?:\.\d+)?")

# Metric keys that hold numbers: every catalogue key of a numeric kind (money, rate, count,
# score, 元), plus the evaluated fiscal year. unit_name, report_kind, report_date and grade are
# text (key_kind cannot tell the metadata keys apart, so they are left out by construction).
NUMERIC_METRIC_KEYS = frozenset(
    key for concept in CONCEPTS for key in concept.keys.values() if key_kind(key) != "text"
) | {"fiscal_year"}

# The numeric columns of each output. Every other column is text.
REPORT_NUMERIC_COLUMNS = frozenset(
    {"pages", "paragraphs", "tables", "n_conflicts", "n_errors", "n_warnings"} | NUMERIC_METRIC_KEYS
)
METRIC_NUMERIC_COLUMNS = frozenset({"year", "value", "match_score"})
INDICATOR_NUMERIC_COLUMNS = frozenset({"table", "row", "target_value", "actual_value", "weight", "score"})
FLAG_NUMERIC_COLUMNS: frozenset[str] = frozenset()
ERROR_NUMERIC_COLUMNS: frozenset[str] = frozenset()
# All of them at once, for a writer that takes one set for every output: no column name is a
# number in one output and text in another.
NUMERIC_COLUMNS = REPORT_NUMERIC_COLUMNS | METRIC_NUMERIC_COLUMNS | INDICATOR_NUMERIC_COLUMNS

for _numeric, _columns in (
    (REPORT_NUMERIC_COLUMNS, REPORT_COLUMNS),
    (METRIC_NUMERIC_COLUMNS, METRIC_COLUMNS),
    (INDICATOR_NUMERIC_COLUMNS, INDICATOR_COLUMNS),
    (FLAG_NUMERIC_COLUMNS, FLAG_COLUMNS),
):
    assert _numeric <= set(_columns), f"numeric columns not in the output: {sorted(_numeric - set(_columns))}"


def is_formula_like(text: str) -> bool:
    """True when a spreadsheet could read ``text`` as a formula.

    >>> is_formula_like("=SUM(A1)"), is_formula_like("　－5"), is_formula_like("项目支出-5.2万元")
    (True, True, False)
    """
    stripped = text.lstrip(LEADING_SPACES)
    return bool(stripped) and stripped[0] in FORMULA_TRIGGERS


def neutralise_text(text: str) -> str:
    """Put a single quote before text a spreadsheet could read as a formula; other text is unchanged.

    >>> neutralise_text("=SUM(A1)"), neutralise_text("+86 电话"), neutralise_text("三公经费")
    ("'=SUM(A1)", "'+86 电话", '三公经费')

    Idempotent: text that already starts with the quote starts with no trigger.
    """
    return NEUTRALISING_PREFIX + text if is_formula_like(text) else text


def restore_neutralised(text: str) -> str:
    """Undo neutralise_text, for a writer that reads a sanitized CSV back and keeps text safe by
    other means (report.xlsx stores it as a string with Excel's quote-prefix flag).

    >>> restore_neutralised("'=SUM(A1)"), restore_neutralised("'三公"), restore_neutralised("=1")
    ('=SUM(A1)', "'三公", '=1')

    Ambiguous only for text that itself began with ' and a formula sign (“'=1”, left as it was by
    neutralise_text, which is idempotent): its quote is taken off too. The text stays safe.
    """
    if text.startswith(NEUTRALISING_PREFIX) and is_formula_like(text[1:]):
        return text[1:]
    return text


def plain_number(value: object) -> int | float | Decimal | None:
    """``value`` as a finite number when it is one, else None.

    Accepts ints, finite floats and Decimals (not booleans), and text written as a plain decimal
    number (``"-5.2"``, ``"1184.24"``, ``"0"``); returns text as a Decimal so no digit is lost.

    >>> plain_number("1184.24"), plain_number(3), plain_number("10分"), plain_number("1E+3")
    (Decimal('1184.24'), 3, None, None)
    """
    if isinstance(value, bool):
        return None
    if isinstance(value, int):
        return value
    if isinstance(value, float):
        return value if math.isfinite(value) else None
    if isinstance(value, Decimal):
        return value if value.is_finite() else None
    if isinstance(value, str) and PLAIN_NUMBER.fullmatch(value):
        try:
            return Decimal(value)
        except InvalidOperation:  # pragma: no cover - the pattern admits only valid decimals
            return None
    return None


def sanitize_value(value: object, is_numeric: bool) -> object:
    """One cell: None → ""; a number in a numeric column as it came; anything else neutralised text."""
    if value is None:
        return ""
    if is_numeric and plain_number(value) is not None:
        return value
    return neutralise_text(value if isinstance(value, str) else str(value))


def sanitize_row(
    row: Mapping[str, object], numeric_columns: frozenset[str] = frozenset()
) -> dict[str, object]:
    """A copy of ``row`` safe to write to CSV: every key kept, every value passed through sanitize_value.

    A number in one of ``numeric_columns`` is returned unchanged (an int stays an int, ``"-5.2"``
    stays ``"-5.2"``), so the CSV holds exactly what it held before; everything else is text.

    >>> sanitize_row({"value": "-5.2", "raw": "-5.2万元", "quote": None}, frozenset({"value"}))
    {'value': '-5.2', 'raw': "'-5.2万元", 'quote': ''}
    """
    return {key: sanitize_value(value, key in numeric_columns) for key, value in row.items()}
