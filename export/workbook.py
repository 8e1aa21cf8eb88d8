"""report.xlsx of a run: streamed while the reports are read, or written from the CSVs after.

A first run (or one without the cache) streams the workbook as each report's rows reach the
CSVs (``WorkbookStream``): the parent process writes it while the workers read the next files,
instead of after them all with the workers idle. A rerun that may keep the workbook it made last
time (see ``pipeline.publish_workbook``) writes it afterwards, if at all, reading the CSVs back row
by row (``workbook_sheets``). Either way a batch of any size never holds its rows in memory, and
both give the same cells: the streamed rows are the CSV rows as they read back. Cells a check
names are highlighted on 报告汇总 (see ``export.xlsx.finding_highlights``).
"""

from __future__ import annotations

import csv
import hashlib
from pathlib import Path
from typing import Iterator, Mapping, Sequence

from export.atomic import CSV_ENCODING
from export.sanitize import NUMERIC_COLUMNS
from export.sheet_writer import SheetOrderError, SheetSpec, WorkbookWriter
from export.xlsx import finding_highlights, report_sheets

__all__ = ["NUMERIC_COLUMNS", "WorkbookStream", "workbook_sheets", "workbook_source_digest"]

SHEET_ORDER = ("reports", "metrics", "indicators", "flags", "errors")


def csv_rows(path: Path) -> Iterator[dict[str, str]]:
    """Rows of a CSV written by this tool, opened only when iterated."""
    with open(path, encoding=CSV_ENCODING, newline="") as handle:
        yield from csv.DictReader(handle)


def workbook_sheets(csv_paths: dict[str, Path]) -> list[SheetSpec]:
    """The five sheets, in order, fed from the CSV files named by output (reports, metrics …)."""
    highlight, places = finding_highlights(csv_rows(csv_paths["flags"]), csv_rows(csv_paths["metrics"]))
    return report_sheets(*(csv_rows(csv_paths[name]) for name in SHEET_ORDER), highlight=highlight, places=places)


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


class WorkbookStream:
    """report.xlsx written one report at a time, from the rows each report added to the CSVs.

    A report's 报告汇总 highlights depend only on its own findings (flag_highlights keys them by
    doc_id and file), so each report's rows can be written as they arrive. Should a sheet outgrow
    Excel's row limit after a later sheet was begun, the stream gives up (``live`` turns False)
    and the caller writes the workbook from the CSVs instead, where each sheet's continuation
    follows it.
    """

    def __init__(self, out: Path) -> None:
        self.specs = report_sheets([], [], [], [], [])
        self.writer: WorkbookWriter | None = WorkbookWriter(out, self.specs)

    @property
    def live(self) -> bool:
        return self.writer is not None

    def add(self, rows: Mapping[str, Sequence[Mapping[str, str]]]) -> None:
        """One report's rows by output name (reports, metrics …), as written to the CSVs."""
        if self.writer is None:
            return
        highlight, places = finding_highlights(rows.get("flags", ()), rows.get("metrics", ()))
        specs = report_sheets([], [], [], [], [], highlight=highlight, places=places)
        try:
            for index, (name, spec) in enumerate(zip(SHEET_ORDER, specs)):
                marks = spec.marks
                for row in rows.get(name, ()):
                    self.writer.write(index, row, marks(row) if marks else None)
        except SheetOrderError:
            self.discard()

    def close(self) -> dict[str, int]:
        """Finish the workbook; returns the data rows per sheet name."""
        if self.writer is None:
            raise RuntimeError("the workbook stream was given up")
        writer, self.writer = self.writer, None
        return writer.close()

    def discard(self) -> None:
        """Give up the stream and remove its temporary files."""
        if self.writer is not None:
            writer, self.writer = self.writer, None
            writer.discard()
