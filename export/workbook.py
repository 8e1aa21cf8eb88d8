"""report.xlsx from the streamed CSV files of a run.

The workbook is written after every CSV row is on disk, reading the CSVs back row by row, so a
batch of any size never holds its rows in memory twice. Cells a check names are highlighted on
报告汇总 (see ``export.xlsx.flag_highlights``).
"""

from __future__ import annotations

import csv
from pathlib import Path
from typing import Iterator

from export.atomic import CSV_ENCODING
from export.sanitize import NUMERIC_COLUMNS
from export.xlsx import SheetSpec, flag_highlights, report_sheets

__all__ = ["NUMERIC_COLUMNS", "workbook_sheets"]

SHEET_ORDER = ("reports", "metrics", "indicators", "flags", "errors")


def csv_rows(path: Path) -> Iterator[dict[str, str]]:
    """Rows of a CSV written by this tool, opened only when iterated."""
    with open(path, encoding=CSV_ENCODING, newline="") as handle:
        yield from csv.DictReader(handle)


def workbook_sheets(csv_paths: dict[str, Path]) -> list[SheetSpec]:
    """The five sheets, in order, fed from the CSV files named by output (reports, metrics …)."""
    highlight = flag_highlights(csv_rows(csv_paths["flags"]))
    return report_sheets(*(csv_rows(csv_paths[name]) for name in SHEET_ORDER), highlight=highlight)
