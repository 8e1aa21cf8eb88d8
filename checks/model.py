"""What a consistency rule sees and what it reports.

Rules never read files: they get a ``CheckInput`` holding what the extract and normalize stages
found in one report, and return ``Finding`` objects, each with the real values it used, the exact
quotes that lead an auditor to the place in seconds, and those places.
"""

from __future__ import annotations

from dataclasses import field
from decimal import Decimal
from typing import Literal

from extract.figures import RawFigure
from extract.indicators import IndicatorRow
from extract.metadata import ReportMetadata
from extract.model import Location
from extract.records import record
from extract.sentences import TextSentence as Sentence  # a sentence as the rules read it
from extract.table_titles import TableTitle
from normalize.figures import Figure
from normalize.report import ReportValues

Severity = Literal["error", "warning", "info"]
SEVERITIES: tuple[str, ...] = ("error", "warning", "info")


@record
class CheckInput:
    source: str
    fiscal_year: int | None
    metadata: ReportMetadata
    figures: tuple[Figure, ...]
    values: ReportValues
    raw_figures: tuple[RawFigure, ...]
    indicators: tuple[IndicatorRow, ...]
    sentences: tuple[Sentence, ...] = ()
    table_titles: tuple[TableTitle, ...] = ()


@record
class Finding:
    """One problem an auditor should look at.

    ``message`` is one Chinese sentence built from the real values; ``evidence`` the exact quotes;
    ``values`` the numbers used (as text, so JSON keeps every decimal).
    """

    rule_id: str
    kind: str
    severity: Severity
    message: str
    evidence: tuple[str, ...]
    locations: tuple[Location, ...]
    values: dict[str, str] = field(default_factory=dict)


def number_text(value: Decimal | int | None) -> str:
    """A number as an auditor writes it: no exponent, no trailing zeros after the point."""
    if value is None:
        return ""
    if isinstance(value, int):
        return str(value)
    text = format(value, "f")
    if "." in text:
        text = text.rstrip("0").rstrip(".")
    return text or "0"
