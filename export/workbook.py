"""report.xlsx from the streamed CSV files of a run.

The workbook is written after every CSV row is on disk, reading the CSVs back row by row, so a
batch of any size never holds its rows in memory twice. Cells a check names are highlighted on
报告汇总 (see ``export.xlsx.flag_highlights``).
"""

from __future__ import annotations

import csv
import hashlib
from pathlib import Path
from typing import Iterator

from export.atomic import CSV_ENCODING
from export.sanitize import NUMERIC_COLUMNS
from export.xlsx import SheetSpec, flag_highlights, report_sheets

__all__ = ["NUMERIC_COLUMNS", "workbook_sheets", "workbook_source_digest"]

SHEET_ORDER = ("reports", "metrics", "indicators", "flags", "errors")


def csv_rows(path: Path) -> Iterator[dict[str, str]]:
    """Rows of a CSV written by this tool, opened only when iterated."""
    with open(path, encoding=CSV_ENCODING, newline="") as handle:
        yield from csv.DictReader(handle)


def workbook_sheets(csv_paths: dict[str, Path]) -> list[SheetSpec]:
    """The five sheets, in order, fed from the CSV files named by output (reports, metrics …)."""
    highlight = flag_highlights(csv_rows(csv_paths["flags"]))
    return report_sheets(*(csv_rows(csv_paths[name]) for name in SHEET_ORDER), highlight=highlight)


def workbook_source_digest(csv_paths: dict[str, Path]) -> str:
    """A digest of everything report.xlsx is made from: the CSVs' bytes and the export code.

    The workbook is a pure function of the five CSVs and of the code that writes it, so a rerun
    whose CSVs come out byte-identical (an unchanged batch, all from the cache) can keep the
    workbook it made last time instead of writing thousands of rows again.
    """
    digest = hashlib.sha256()
    # The export code, and the catalogue whose Chinese names head the columns and name the metrics.
    catalogue = Path(__file__).resolve().parent.parent / "normalize" / "catalogue.py"
    for source in [*sorted(Path(__file__).parent.glob("*.py")), catalogue]:
        digest.update(source.name.encode() + b"\0" + source.read_bytes())
    for name in SHEET_ORDER:
        digest.update(name.encode() + b"\0")
        with open(csv_paths[name], "rb") as handle:
            while chunk := handle.read(1 << 20):
                digest.update(chunk)
    return digest.hexdigest()
