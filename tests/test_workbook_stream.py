"""report.xlsx streamed while a batch is read is the workbook written from its CSVs afterwards:
same sheets, cells, types, number formats, fills, widths and filters."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest
from openpyxl import load_workbook

import pipeline
from export import sheet_writer
from export.workbook import workbook_sheets
from export.sheet_writer import write_workbook

from conftest import CORPUS

CSV_NAMES = ("reports", "metrics", "indicators", "flags", "errors")


@pytest.fixture
def batch(tmp_path: Path) -> Path:
    """Reports with findings and highlights, a duplicate submission and an unreadable file."""
    folder = tmp_path / "批次"
    shutil.copytree(CORPUS / "docx", folder / "docx")
    shutil.copy(CORPUS / "docx" / "004_595fe22f084a2b2d.docx", folder / "004 副本.docx")
    (folder / "损坏.docx").write_bytes(b"PK\x03\x04 not a zip")
    return folder


def run(folder: Path, out: Path, *extra: str) -> int:
    return pipeline.main(["run", str(folder), "--out", str(out), "--quiet", *extra])


def workbook_record(out: Path) -> dict:
    return json.loads((out / "run.json").read_text(encoding="utf-8"))["workbook"]


def cells(path: Path) -> dict[str, object]:
    """Everything an auditor sees of a workbook, by sheet, independent of style record order."""
    book = load_workbook(path)
    seen: dict[str, object] = {"sheets": book.sheetnames}
    for sheet in book.worksheets:
        seen[sheet.title] = {
            "freeze": sheet.freeze_panes,
            "filter": sheet.auto_filter.ref,
            "widths": {key: dim.width for key, dim in sheet.column_dimensions.items()},
            "cells": [[(cell.value, cell.data_type, cell.number_format, cell.quotePrefix,
                        cell.fill.fgColor.rgb if cell.fill.fill_type == "solid" else None, cell.font.b)
                       for cell in row] for row in sheet.iter_rows()],
        }
    return seen


def test_the_streamed_workbook_is_the_one_written_from_the_csvs(batch: Path, tmp_path: Path) -> None:
    out = tmp_path / "out"
    assert run(batch, out, "--no-cache") == pipeline.EXIT_SOME_FAILED  # the broken file
    assert workbook_record(out)["streamed"] is True
    from_csvs = tmp_path / "from_csvs.xlsx"
    write_workbook(from_csvs, workbook_sheets({name: out / f"{name}.csv" for name in CSV_NAMES}))
    streamed, written = cells(out / "report.xlsx"), cells(from_csvs)
    assert streamed == written
    reports = streamed["报告汇总"]["cells"]
    assert len(reports) == 1 + 7  # header, five reports, the duplicate, the broken file
    assert any(fill for row in reports[1:] for (*_, fill, _) in row[1:]), "some report cell is highlighted"
    assert not list(out.glob(".*.tmp"))


def test_a_rerun_that_may_keep_its_workbook_does_not_stream(batch: Path, tmp_path: Path) -> None:
    out = tmp_path / "out"
    assert pipeline.stream_workbook(out, pipeline.BatchOptions()) is not None  # nothing to keep
    run(batch, out)
    assert workbook_record(out)["streamed"] is True
    assert pipeline.stream_workbook(out, pipeline.BatchOptions()) is None  # may keep report.xlsx
    run(batch, out)
    assert workbook_record(out)["reused"] is True
    without_cache = pipeline.BatchOptions(use_cache=False)  # reads everything: streams
    stream = pipeline.stream_workbook(out, without_cache)
    assert stream is not None
    stream.discard()
    run(batch, out, "--no-cache")  # streamed, then thrown away: the rows did not change
    assert workbook_record(out)["reused"] is True
    assert not list(out.glob(".*.tmp"))


def test_a_sheet_outgrowing_excel_after_a_later_sheet_began_is_written_from_the_csvs(
        batch: Path, tmp_path: Path, monkeypatch) -> None:
    monkeypatch.setattr(sheet_writer, "MAX_SHEET_ROWS", 40)  # a header and 39 rows per sheet
    out = tmp_path / "out"
    run(batch, out, "--no-cache", "--workers", "1")
    assert workbook_record(out)["streamed"] is False
    names = load_workbook(out / "report.xlsx", read_only=True).sheetnames
    assert names[:3] == ["报告汇总", "指标", "指标(2)"]  # each continuation right after its sheet
    assert names.index("问题清单") < names.index("错误") and names.index("指标表") < names.index("问题清单")
    assert not list(out.glob(".*.tmp"))
