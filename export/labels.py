"""Chinese names of the codes the outputs use, for the places people read them.

The CSVs keep the codes (``ok``, ``error``, ``sum_mismatch`` …): they are stable, documented in
the README and what scripts and filters rely on. report.xlsx and the ``show`` view are read by
auditors, who should not have to learn them: there each code is shown by its Chinese name.
A code without a name here is shown as it is.
"""

from __future__ import annotations

from collections.abc import Mapping

from normalize.catalogue import METRIC_NAMES

STATUS_NAMES = {
    "ok": "完整读取", "partial": "部分读取", "needs_ocr": "需要OCR", "failed": "读取失败", "skipped": "重复提交，已跳过",
}
SEVERITY_NAMES = {"error": "错误", "warning": "提醒", "info": "提示"}
KIND_NAMES = {
    "sum_mismatch": "合计不符",
    "rate_mismatch": "比率不符",
    "standard_mismatch": "标准不符",
    "year_mismatch": "年度不符",
    "date_conflict": "日期矛盾",
    "out_of_range": "数值异常",
    "grade_score_conflict": "等次与得分不符",
    "target_missed": "未达目标",
    "text_table_conflict": "同一数值前后不一",
    "duplicate_submission": "重复提交",
}
ROLE_NAMES = {
    "budget": "预算数", "budget_initial": "年初预算数", "actual": "执行数", "rate": "比率", "count": "人数/数量",
    "value": "数值", "standard": "标准",
}
REPORT_KIND_NAMES = {"dept_overall": "部门整体支出", "project": "项目支出", "special_fund": "专项资金", "other": "其他"}
YEAR_SOURCE_NAMES = {"label": "名称所写年度", "context": "句中或表头年度", "report": "报告评价年度"}

# Output column → the names of its codes.
COLUMN_VALUE_NAMES: Mapping[str, Mapping[str, str]] = {
    "status": STATUS_NAMES,
    "severity": SEVERITY_NAMES,
    "kind": KIND_NAMES,
    "role": ROLE_NAMES,
    "report_kind": REPORT_KIND_NAMES,
    "year_source": YEAR_SOURCE_NAMES,
    "metric": METRIC_NAMES,  # 指标 sheet: 编制数, not staff_quota (reports' headers are Chinese too)
}


def display_value(column: str, value: object) -> object:
    """``value`` as a reader sees it in ``column``: a code by its Chinese name, anything else as is."""
    names = COLUMN_VALUE_NAMES.get(column)
    if names is None or not isinstance(value, str):
        return value
    return names.get(value, value)
