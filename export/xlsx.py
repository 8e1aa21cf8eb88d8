"""report.xlsx: the five CSV outputs as one workbook an auditor opens in Excel or WPS.

One sheet per output, in the order an auditor reads them: 报告汇总 (reports), 指标 (metrics),
指标表 (indicators), 问题清单 (flags), 错误 (errors), with Chinese headers (a metric's with its
unit) and the cells a check found wrong filled red (error) or amber (warning). How sheets are
written (types, formats, widths, formula safety, flat memory): export/sheet_writer.py.

Typical use::

    highlight = flag_highlights(flag_rows)            # which report cells the checks name
    write_report_xlsx(out_dir / "report.xlsx",
                      report_sheets(reports, metrics, indicators, flags, errors, highlight))
"""

from __future__ import annotations

import json
import re
from typing import Iterable, Iterator, Mapping

from export.rows import (
    ERROR_COLUMNS,
    FLAG_COLUMNS,
    INDICATOR_COLUMNS,
    METRIC_COLUMNS,
    PLACE_SEPARATOR,
    REPORT_COLUMNS,
)
from export.sanitize import (
    ERROR_NUMERIC_COLUMNS,
    FLAG_NUMERIC_COLUMNS,
    INDICATOR_NUMERIC_COLUMNS,
    METRIC_NUMERIC_COLUMNS,
    REPORT_NUMERIC_COLUMNS,
    plain_number,
)
from export.sheet_writer import SEVERITY_STYLES, Marks, SheetSpec
from normalize.catalogue import METRIC_NAMES, metric_units

SEVERITY_RANK = {"error": 2, "warning": 1, "info": 0}

# Chinese headers of the columns that are not metric keys (metric keys use METRIC_NAMES).
COLUMN_NAMES: dict[str, str] = {
    # every output
    "doc_id": "文档编号",
    "source_file": "文件",
    "location": "位置",
    # reports
    "format": "格式",
    "status": "状态",
    "pages": "页数",
    "paragraphs": "段落数",
    "tables": "表格数",
    "n_conflicts": "数值冲突数",
    "n_errors": "错误数",
    "n_warnings": "警告数",
    "notes": "备注",
    # metrics
    "metric": "指标",
    "role": "口径",
    "year": "年度",
    "year_source": "年度依据",
    "value": "数值",
    "unit": "单位",
    "raw": "原文数值",
    "label_raw": "原文名称",
    "match_method": "匹配方式",
    "match_score": "匹配得分",
    "chosen": "采用",
    "quote": "原文摘录",
    # indicators
    "table": "表",
    "row": "行",
    "level1": "一级指标",
    "level2": "二级指标",
    "name": "三级指标",
    "target_raw": "指标值（原文）",
    "target_op": "指标值比较符",
    "target_value": "指标值",
    "target_unit": "指标值单位",
    "actual_raw": "实际完成值（原文）",
    "actual_op": "完成值比较符",
    "actual_value": "实际完成值",
    "actual_unit": "完成值单位",
    "weight": "分值",
    "score": "得分",
    # flags
    "rule_id": "规则",
    "kind": "问题类型",
    "severity": "严重程度",
    "message": "说明",
    "evidence": "原文",
    "values": "相关数值",
    # errors
    "stage": "环节",
    "reason": "原因",
    "exception_type": "异常类型",
}


def metric_header(key: str) -> str:
    """A metric key's Chinese name with its unit: ``全年预算数（万元）``, ``预算执行率（%）``."""
    name = METRIC_NAMES[key]
    unit = metric_units().get(key, "")
    has_unit = f"（{unit}" in name  # 直补标准（元/人/年）
    return f"{name}（{unit}）" if unit and not has_unit else name


HEADER_NAMES: dict[str, str] = {**COLUMN_NAMES, **{key: metric_header(key) for key in METRIC_NAMES}}


# ---------------------------------------------------------------------------------------------
# The standard workbook: five sheets and their highlights


def report_sheets(
    reports: Iterable[Mapping[str, object]],
    metrics: Iterable[Mapping[str, object]],
    indicators: Iterable[Mapping[str, object]],
    flags: Iterable[Mapping[str, object]],
    errors: Iterable[Mapping[str, object]],
    highlight: Mapping[tuple[str, str, str], str] | None = None,
    places: Mapping[Place, str] | None = None,
) -> list[SheetSpec]:
    """The five sheets of report.xlsx, in order, from the same rows as the CSVs.

    ``highlight`` maps (doc_id, source_file, column of reports.csv) → severity: the cells of 报告汇总 a check
    names (see finding_highlights). ``places``: the places the findings point at, whose
    figures are filled on 指标 and whose indicator rows on 指标表. A report's 错误数 cell is red when
    it is above 0 and its 警告数 amber; in 问题清单 the 严重程度 cell is filled by its own value.
    """
    places = places or {}
    return [
        SheetSpec("报告汇总", REPORT_COLUMNS, reports, REPORT_NUMERIC_COLUMNS, HEADER_NAMES,
                  report_marks(highlight or {})),
        SheetSpec("指标", METRIC_COLUMNS, metrics, METRIC_NUMERIC_COLUMNS, HEADER_NAMES, metric_marks(places)),
        SheetSpec("指标表", INDICATOR_COLUMNS, indicators, INDICATOR_NUMERIC_COLUMNS, HEADER_NAMES,
                  indicator_marks(places)),
        SheetSpec("问题清单", FLAG_COLUMNS, flags, FLAG_NUMERIC_COLUMNS, HEADER_NAMES, severity_marks),
        SheetSpec("错误", ERROR_COLUMNS, errors, ERROR_NUMERIC_COLUMNS, HEADER_NAMES),
    ]


# A place a finding points at: (doc_id, source_file, one location as flags.csv describes it).
Place = tuple[str, str, str]
# A table row in a place: “第3页 表2 第5行第4列” → (2, 5).
TABLE_ROW = re.compile(r"表(\d+) 第(\d+)行")


def _add_places(found: dict[Place, str], flag: Mapping[str, object]) -> None:
    """Add the places one flags.csv row points at, each with the worst severity of the findings
    pointing there (blind probe AI: a stated rate a JX201 error is about, the two values of a
    JX601, the rows of a JX404 were not filled anywhere but on 问题清单)."""
    severity = str(flag.get("severity") or "")
    doc_id, source = str(flag.get("doc_id") or ""), str(flag.get("source_file") or "")
    for piece in str(flag.get("location") or "").split(PLACE_SEPARATOR):
        if piece.strip():
            keep_worst(found, (doc_id, source, piece.strip()), severity)


def finding_highlights(flags: Iterable[Mapping[str, object]], metrics: Iterable[Mapping[str, object]]
                       ) -> tuple[dict[tuple[str, str, str], str], dict[Place, str]]:
    """(报告汇总's cells, the places) the findings point at, from one pass over ``flags``: the
    cells their values name (flag_highlights) and those of the chosen figures at their places
    (place_highlights), and the places themselves for 指标 and 指标表."""
    named: dict[tuple[str, str, str], str] = {}
    places: dict[Place, str] = {}
    for flag in flags:
        _add_named_cells(named, flag)
        _add_places(places, flag)
    return merged_highlights(named, place_highlights(places, metrics)), places


def place_highlights(places: Mapping[Place, str],
                     metrics: Iterable[Mapping[str, object]]) -> dict[tuple[str, str, str], str]:
    """{(doc_id, source_file, metric key): severity} for the figures 报告汇总 shows (metrics.csv's
    chosen rows) that stand at a place a finding points at."""
    found: dict[tuple[str, str, str], str] = {}
    for row in metrics:
        if not row.get("chosen"):
            continue
        doc_id, source = str(row.get("doc_id") or ""), str(row.get("source_file") or "")
        severity = places.get((doc_id, source, str(row.get("location") or "")))
        if severity:
            keep_worst(found, (doc_id, source, str(row.get("metric") or "")), severity)
    return found


def merged_highlights(*highlights: Mapping[tuple[str, str, str], str]) -> dict[tuple[str, str, str], str]:
    """The highlights of several sources together, the worst severity of each cell kept."""
    merged: dict[tuple[str, str, str], str] = {}
    for highlight in highlights:
        for cell, severity in highlight.items():
            keep_worst(merged, cell, severity)
    return merged


def metric_marks(places: Mapping[Place, str]) -> Marks:
    """Marks for 指标: the value of a figure that stands at a place a finding points at."""
    def marks(row: Mapping[str, object]) -> Mapping[str, str]:
        severity = places.get((str(row.get("doc_id") or ""), str(row.get("source_file") or ""),
                               str(row.get("location") or "")))
        return {"value": severity} if severity else {}

    return marks


def indicator_marks(places: Mapping[Place, str]) -> Marks:
    """Marks for 指标表: the name, target and actual of an indicator row a finding points into."""
    rows: dict[tuple[str, str, str, str], str] = {}
    for (doc_id, source, piece), severity in places.items():
        for table, row in TABLE_ROW.findall(piece):
            keep_worst(rows, (doc_id, source, table, row), severity)

    def marks(row: Mapping[str, object]) -> Mapping[str, str]:
        severity = rows.get((str(row.get("doc_id") or ""), str(row.get("source_file") or ""),
                             str(row.get("table") or ""), str(row.get("row") or "")))
        return dict.fromkeys(INDICATOR_MARKED_COLUMNS, severity) if severity else {}

    return marks


INDICATOR_MARKED_COLUMNS = ("name", "target_raw", "actual_raw")


def keep_worst(found: dict, key: object, severity: str) -> None:
    """Keep ``severity`` for ``key`` in ``found`` unless a worse one is there already."""
    if SEVERITY_RANK.get(severity, -1) > SEVERITY_RANK.get(found.get(key, ""), -1):
        found[key] = severity


def flag_highlights(flags: Iterable[Mapping[str, object]]) -> dict[tuple[str, str, str], str]:
    """flags.csv rows → {(doc_id, source_file, metric key): worst severity}: the report cells each
    finding names.

    A finding names a metric in its ``values`` JSON in one of three ways, all exact: the key
    ``"指标"`` with a metric key as its value (JX601); a metric key as a key (negative amounts);
    or a metric's Chinese name from METRIC_NAMES as a key (``"在职人员控制率": "260"``, JX401;
    ``"实有人数"`` and ``"编制数"``, JX402). Anything else (``"控制率"``, ``"得分"`` of an indicator)
    names no report cell and is ignored. Rows whose ``values`` is not a JSON object are skipped.

    The file is part of the key because a file submitted twice has the same doc_id (its content's
    hash): the findings are about the row that was read, not the duplicate's row, which was skipped.
    """
    found: dict[tuple[str, str, str], str] = {}
    for flag in flags:
        _add_named_cells(found, flag)
    return found


# METRIC_NAMES the other way: a metric's Chinese name → its key.
KEY_BY_NAME = {name: key for key, name in METRIC_NAMES.items()}


def _add_named_cells(found: dict[tuple[str, str, str], str], flag: Mapping[str, object]) -> None:
    """Add the 报告汇总 cells one flags.csv row names by its values (see flag_highlights)."""
    doc_id = str(flag.get("doc_id") or "")
    try:
        values = json.loads(str(flag.get("values") or "{}"))
    except ValueError:
        return
    if not doc_id or not isinstance(values, dict):
        return
    for metric in named_metrics(values, KEY_BY_NAME):
        keep_worst(found, (doc_id, str(flag.get("source_file") or ""), metric), str(flag.get("severity") or ""))


def named_metrics(values: Mapping[str, object], key_by_name: Mapping[str, str]) -> Iterator[str]:
    named = values.get("指标")
    if isinstance(named, str) and named in METRIC_NAMES:
        yield named
    for key in values:
        if key in METRIC_NAMES:
            yield key
        elif key in key_by_name:
            yield key_by_name[key]


def report_marks(highlight: Mapping[tuple[str, str, str], str]) -> Marks:
    """Marks for 报告汇总: counts of errors and warnings, and the cells in ``highlight``."""
    by_report: dict[tuple[str, str], dict[str, str]] = {}
    for (doc_id, source_file, column), severity in highlight.items():
        by_report.setdefault((doc_id, source_file), {})[column] = severity

    def marks(row: Mapping[str, object]) -> Mapping[str, str]:
        found = dict(by_report.get((str(row.get("doc_id") or ""), str(row.get("source_file") or "")), {}))
        if (plain_number(row.get("n_errors")) or 0) > 0:
            found["n_errors"] = "error"
        if (plain_number(row.get("n_warnings")) or 0) > 0:
            found["n_warnings"] = "warning"
        return found

    return marks


def severity_marks(row: Mapping[str, object]) -> Mapping[str, str]:
    """Marks for 问题清单: the 严重程度 cell by its own value."""
    severity = row.get("severity")
    return {"severity": severity} if isinstance(severity, str) and severity in SEVERITY_STYLES else {}
