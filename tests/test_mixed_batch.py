"""The run an audit bureau makes at the end of a season: one folder mixing the corpus, a zip of
it, a legacy-format copy, duplicates and broken files, in one command.

Every good report gives its rows, every broken file exactly one errors.csv row, duplicates are
read once, and report.xlsx holds the five sheets.
"""

from __future__ import annotations

import csv
import shutil
import zipfile
from pathlib import Path

from openpyxl import load_workbook

import pipeline

from conftest import CORPUS, FIXTURES


def read_rows(path: Path) -> list[dict[str, str]]:
    with open(path, encoding="utf-8-sig", newline="") as handle:
        return list(csv.DictReader(handle))


def test_a_season_in_one_command(tmp_path: Path) -> None:
    season = tmp_path / "2023年度 自评报告"
    for fmt in ("txt", "docx", "pdf"):
        shutil.copytree(CORPUS / fmt, season / fmt)
    with zipfile.ZipFile(season / "县直单位.zip", "w") as archive:  # the zip duplicates two txt files
        for name in ("001_c77a996d3d2046a2.txt", "003_4125eea1ce7e0ef6.txt"):
            archive.write(CORPUS / "txt" / name, f"县直/{name}")
    shutil.copyfile(FIXTURES / "bad" / "旧版报告.doc", season / "旧版 报告.doc")
    shutil.copyfile(FIXTURES / "formats" / "自评报告.wps", season / "另存为 WPS.wps")
    shutil.copyfile(FIXTURES / "formats" / "自评表.xlsx", season / "自评表.xlsx")
    broken = {
        "空文件.docx": (FIXTURES / "bad" / "空文件.docx"),
        "截断.docx": (FIXTURES / "docx" / "truncated.docx"),
        "设有密码.pdf": (FIXTURES / "pdf" / "encrypted.pdf"),
        "扫描件.pdf": (FIXTURES / "pdf" / "scanned.pdf"),
        "乱码.bin": (FIXTURES / "bad" / "乱码.bin"),
    }
    for name, source in broken.items():
        shutil.copyfile(source, season / name)
    out = tmp_path / "out"

    assert pipeline.main(["run", str(season), "--out", str(out), "--quiet"]) == pipeline.EXIT_SOME_FAILED

    reports = read_rows(out / "reports.csv")
    errors = read_rows(out / "errors.csv")
    assert sorted(Path(e["source_file"]).name for e in errors) == sorted(broken)
    by_status: dict[str, int] = {}
    for row in reports:
        by_status[row["status"]] = by_status.get(row["status"], 0) + 1
    status = {Path(r["source_file"]).name: r["status"] for r in reports}
    assert status["旧版 报告.doc"] == "ok" and status["另存为 WPS.wps"] == "ok"  # converted by LibreOffice
    assert status["自评表.xlsx"] == "partial"  # the fixture has a formula saved without its value
    assert by_status["skipped"] == 2  # the two zip members are byte copies of corpus files
    assert by_status["ok"] == 15 + 2
    duplicates = [r for r in read_rows(out / "flags.csv") if r["kind"] == "duplicate_submission"]
    assert len(duplicates) == 2

    workbook = load_workbook(out / "report.xlsx")
    assert workbook.sheetnames[:5] == ["报告汇总", "指标", "指标表", "问题清单", "错误"]
    assert workbook["错误"].max_row == len(broken) + 1
