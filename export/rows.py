"""Results → CSV rows: the columns of reports.csv, metrics.csv and indicators.csv.

Nothing here parses or decides; it only lays out what earlier stages found, with the place each
value came from written so an auditor can find it (``第3页 表2 第4行第5列``) and a short exact
quote around it.
"""

from __future__ import annotations

import json
from decimal import Decimal
from typing import Iterable

from extract.model import Location
from normalize.catalogue import METRIC_KEYS
from normalize.report import ReportValues

FILE_COLUMNS = ("doc_id", "source_file", "format", "status", "pages", "paragraphs", "tables")
REPORT_COLUMNS = FILE_COLUMNS + METRIC_KEYS + ("n_conflicts", "n_errors", "n_warnings", "notes")
FLAG_COLUMNS = (
    "doc_id", "source_file", "rule_id", "kind", "severity", "message", "evidence", "location", "values",
)
METRIC_COLUMNS = (
    "doc_id", "source_file", "metric", "role", "year", "year_source", "value", "unit", "raw", "label_raw",
    "match_method", "match_score", "chosen", "location", "quote",
)
INDICATOR_COLUMNS = (
    "doc_id", "source_file", "table", "row", "level1", "level2", "name", "target_raw", "target_op", "target_value",
    "target_unit", "actual_raw", "actual_op", "actual_value", "actual_unit", "weight", "score", "location",
)
ERROR_COLUMNS = ("source_file", "stage", "reason", "exception_type")


def decimal_text(value: Decimal | None) -> str:
    """A Decimal as plain text, never in exponent form (Excel would read 1E+3 as a formula-ish)."""
    if value is None:
        return ""
    text = format(value, "f")
    return text


# The places of one finding are joined by this in flags.csv's location column.
PLACE_SEPARATOR = "；"
# A finding's values as flags.csv writes them: json.dumps(values, ensure_ascii=False,
# sort_keys=True) would build this encoder anew for every finding (it keeps one only for its
# default options).
VALUES_JSON = json.JSONEncoder(ensure_ascii=False, sort_keys=True)


def location_text(location: Location | None) -> str:
    return location.describe() if location is not None else ""


def quote_excerpt(location: Location) -> str:
    return location.excerpt()


def metric_rows(doc_id: str, source: str, figures: Iterable,
                values: ReportValues) -> Iterable[dict[str, object]]:
    """One row per figure found; then one per report value taken from a figure of another metric
    (公务用车费 from its 运行维护费, normalize/report.py), so that every value of reports.csv has a
    chosen row of its own metric, with its place; its match_method says where it was taken from."""
    chosen_ids = {id(figure) for figure in values.chosen.values()}
    for figure in figures:
        is_chosen = id(figure) in chosen_ids
        yield _metric_row(doc_id, source, figure, figure.metric, figure.match_method, is_chosen)
    for key, figure, how in values.stand_ins():
        yield _metric_row(doc_id, source, figure, key, f"{how}:{figure.metric}", True)


def _metric_row(doc_id: str, source: str, figure, metric: str, method: str,
                is_chosen: bool) -> dict[str, object]:
    return {
        "doc_id": doc_id,
        "source_file": source,
        "metric": metric,
        "role": figure.role,
        "year": figure.year,
        "year_source": figure.year_source,
        "value": decimal_text(figure.value),
        "unit": figure.unit,
        "raw": figure.raw,
        "label_raw": figure.label,
        "match_method": method,
        "match_score": figure.match_score,
        "chosen": "是" if is_chosen else "",
        "location": location_text(figure.location),
        "quote": quote_excerpt(figure.location),
    }


def flag_rows(doc_id: str, source: str, findings: Iterable) -> Iterable[dict[str, object]]:
    for finding in findings:
        yield {
            "doc_id": doc_id,
            "source_file": source,
            "rule_id": finding.rule_id,
            "kind": finding.kind,
            "severity": finding.severity,
            "message": finding.message,
            "evidence": " ‖ ".join(finding.evidence),
            "location": PLACE_SEPARATOR.join(location_text(loc) for loc in finding.locations),
            "values": VALUES_JSON.encode(finding.values),
        }


def indicator_rows(doc_id: str, source: str, indicators: Iterable) -> Iterable[dict[str, object]]:
    for row in indicators:
        yield {
            "doc_id": doc_id,
            "source_file": source,
            "table": row.table,
            "row": row.row,
            "level1": row.level1,
            "level2": row.level2,
            "name": row.name,
            "target_raw": row.target_raw,
            "target_op": row.target.op if row.target else "",
            "target_value": decimal_text(row.target.value) if row.target else "",
            "target_unit": row.target.unit if row.target else "",
            "actual_raw": row.actual_raw,
            "actual_op": row.actual.op if row.actual else "",
            "actual_value": decimal_text(row.actual.value) if row.actual else "",
            "actual_unit": row.actual.unit if row.actual else "",
            "weight": decimal_text(row.weight.value) if row.weight else row.weight_raw,
            "score": decimal_text(row.score.value) if row.score else row.score_raw,
            "location": location_text(row.location),
        }
