"""Batch runs an auditor can trust: parallel = serial, cached reruns, duplicates, hangs and
crashes isolated, interrupted runs leave the previous outputs whole, exit codes."""

from __future__ import annotations

import csv
import re
import zipfile
import json
import os
import shutil
import time
from pathlib import Path

import pytest

import pipeline

from conftest import CORPUS

OUTPUT_NAMES = ("reports.csv", "metrics.csv", "indicators.csv", "flags.csv", "errors.csv")


def read_rows(path: Path) -> list[dict[str, str]]:
    with open(path, encoding="utf-8-sig", newline="") as handle:
        return list(csv.DictReader(handle))


@pytest.fixture
def batch(tmp_path: Path) -> Path:
    folder = tmp_path / "报告 批次"
    shutil.copytree(CORPUS / "txt", folder / "txt")
    shutil.copytree(CORPUS / "docx", folder / "docx")
    return folder


def run(folder: Path, out: Path, *extra: str) -> int:
    return pipeline.main(["run", str(folder), "--out", str(out), "--quiet", *extra])


def test_parallel_and_serial_outputs_are_byte_identical(batch: Path, tmp_path: Path) -> None:
    assert run(batch, tmp_path / "serial", "--workers", "1", "--no-cache") == 0
    assert run(batch, tmp_path / "parallel", "--workers", "2", "--no-cache") == 0
    for name in OUTPUT_NAMES:
        assert (tmp_path / "serial" / name).read_bytes() == (tmp_path / "parallel" / name).read_bytes(), name
    rows = read_rows(tmp_path / "serial" / "reports.csv")
    assert [Path(r["source_file"]).name for r in rows] == sorted(
        [p.name for p in (batch / "docx").iterdir()]) + sorted([p.name for p in (batch / "txt").iterdir()])


def test_rerun_uses_the_cache_and_gives_the_same_outputs(batch: Path, tmp_path: Path) -> None:
    out = tmp_path / "out"
    assert run(batch, out) == 0
    first = {name: (out / name).read_bytes() for name in OUTPUT_NAMES}
    assert run(batch, out) == 0
    record = json.loads((out / "run.json").read_text(encoding="utf-8"))
    assert record["cache"]["hits"] == 10 and record["cache"]["misses"] == 0
    timings = record["timings"]  # the phases of the run, each within its whole
    assert 0 <= timings["files_seconds"] <= record["seconds"] and 0 <= timings["workbook_seconds"] <= record["seconds"]
    assert timings["files_seconds"] + timings["workbook_seconds"] <= record["seconds"] + 0.01
    for name in OUTPUT_NAMES:
        assert (out / name).read_bytes() == first[name], name


def test_an_unchanged_rerun_keeps_its_workbook_and_a_changed_one_rewrites_it(batch: Path, tmp_path: Path) -> None:
    out = tmp_path / "out"
    assert run(batch, out) == 0
    first = json.loads((out / "run.json").read_text(encoding="utf-8"))["workbook"]
    assert first["reused"] is False
    inode = (out / "report.xlsx").stat().st_ino
    assert run(batch, out) == 0  # same files, same rules: the CSVs come out byte-identical
    second = json.loads((out / "run.json").read_text(encoding="utf-8"))["workbook"]
    assert first["streamed"] is True  # a first run writes the workbook as the reports come
    assert second == {**first, "reused": True, "streamed": False}
    assert (out / "report.xlsx").stat().st_ino == inode  # the very same file, not rewritten
    (batch / "txt" / sorted(os.listdir(batch / "txt"))[0]).unlink()  # one report withdrawn
    assert run(batch, out) == 0
    third = json.loads((out / "run.json").read_text(encoding="utf-8"))["workbook"]
    assert third["reused"] is False and third["source_digest"] != first["source_digest"]
    assert pipeline.file_sha256(out / "report.xlsx") == third["sha256"]


def test_a_workbook_edited_since_the_last_run_is_written_again(batch: Path, tmp_path: Path) -> None:
    out = tmp_path / "out"
    assert run(batch, out) == 0
    made = (out / "report.xlsx").read_bytes()
    (out / "report.xlsx").write_bytes(b"edited by hand")
    assert run(batch, out) == 0
    assert json.loads((out / "run.json").read_text(encoding="utf-8"))["workbook"]["reused"] is False
    assert (out / "report.xlsx").read_bytes()[:2] == made[:2] == b"PK"


def test_other_checking_code_does_not_reuse_cached_outcomes(batch: Path, tmp_path: Path, monkeypatch) -> None:
    """A new build with other rule or row code (same version, same rules file) reruns the checks
    on what was read, instead of showing the old build's flags."""
    out = tmp_path / "out"
    assert run(batch, out) == 0
    assert read_rows(out / "flags.csv")
    monkeypatch.setattr(pipeline, "outcome_fingerprint", lambda: "other-build")
    monkeypatch.setattr(pipeline, "check", lambda analysis, settings=None: [])  # the "new" rules find nothing
    assert run(batch, out) == 0
    record = json.loads((out / "run.json").read_text(encoding="utf-8"))
    assert record["cache"]["hits"] == 10  # nothing read again
    assert read_rows(out / "flags.csv") == []  # but no cached flag shown


def test_changing_the_rules_reruns_only_the_checks(batch: Path, tmp_path: Path) -> None:
    out = tmp_path / "out"
    assert run(batch, out) == 0
    assert "JX401" in (out / "flags.csv").read_text(encoding="utf-8-sig")
    rules = tmp_path / "rules.toml"
    rules.write_text("[rules.JX401]\nenabled = false\n", encoding="utf-8")
    assert run(batch, out, "--rules", str(rules)) == 0
    record = json.loads((out / "run.json").read_text(encoding="utf-8"))
    assert record["cache"]["hits"] == 10
    assert "JX401" not in (out / "flags.csv").read_text(encoding="utf-8-sig")


def test_duplicate_submission_is_processed_once_and_flagged(batch: Path, tmp_path: Path) -> None:
    copy = batch / "重复 提交.txt"
    shutil.copyfile(batch / "txt" / "004_595fe22f084a2b2d.txt", copy)
    out = tmp_path / "out"
    assert run(batch, out) == 0
    reports = {Path(r["source_file"]).name: r for r in read_rows(out / "reports.csv")}
    # Files in a folder come before its subfolders, so the copy is met first and read; the
    # original, met second, is the one skipped.
    assert reports["重复 提交.txt"]["status"] == "ok"
    assert reports["004_595fe22f084a2b2d.txt"]["status"] == "skipped"
    assert "重复 提交.txt" in reports["004_595fe22f084a2b2d.txt"]["notes"]
    duplicates = [r for r in read_rows(out / "flags.csv") if r["kind"] == "duplicate_submission"]
    assert len(duplicates) == 1
    assert "004_595fe22f084a2b2d.txt" in duplicates[0]["evidence"] and "重复 提交.txt" in duplicates[0]["evidence"]


def hanging_or_crashing_reader(path, source=None, kind=None, sha256=None):
    name = Path(path).name
    if name.startswith("卡住"):
        time.sleep(60)
    if name.startswith("崩溃"):
        os._exit(7)
    return ORIGINAL_READ(path, source, kind, sha256)


ORIGINAL_READ = pipeline.read_document


def test_a_hanging_file_and_a_crashing_file_do_not_stop_the_batch(batch: Path, tmp_path: Path, monkeypatch) -> None:
    (batch / "卡住.txt").write_text("某县2022年度部门整体支出绩效自评报告\n", encoding="utf-8")
    (batch / "崩溃.txt").write_text("某县2023年度部门整体支出绩效自评报告\n", encoding="utf-8")
    # Worker processes are forked after this patch, so they read through it.
    monkeypatch.setattr(pipeline, "read_document", hanging_or_crashing_reader)
    out = tmp_path / "out"
    started = time.monotonic()
    # 20 s: far above what a normal file takes even on a loaded CI machine (one read in 8 s there)
    assert run(batch, out, "--workers", "2", "--timeout", "20") == pipeline.EXIT_SOME_FAILED
    assert time.monotonic() - started < 55  # the hanging reader sleeps 60 s: it was stopped
    errors = {Path(r["source_file"]).name: r for r in read_rows(out / "errors.csv")}
    assert set(errors) == {"卡住.txt", "崩溃.txt"}, errors
    assert errors["卡住.txt"]["exception_type"] == "Timeout" and "20秒" in errors["卡住.txt"]["reason"]
    assert errors["崩溃.txt"]["exception_type"] == "WorkerCrash" and "意外退出" in errors["崩溃.txt"]["reason"]
    reports = read_rows(out / "reports.csv")
    assert sum(1 for r in reports if r["status"] == "ok") == 10


def test_an_interrupted_run_keeps_the_previous_outputs(batch: Path, tmp_path: Path, monkeypatch) -> None:
    out = tmp_path / "out"
    assert run(batch, out) == 0
    before = {name: (out / name).read_bytes() for name in OUTPUT_NAMES + ("report.xlsx", "run.json")}

    calls = {"n": 0}
    original = pipeline.write_outcome

    def interrupted(outputs, outcome):
        calls["n"] += 1
        if calls["n"] == 5:
            raise KeyboardInterrupt
        return original(outputs, outcome)

    monkeypatch.setattr(pipeline, "write_outcome", interrupted)
    assert pipeline.main(["run", str(batch), "--out", str(out), "--quiet", "--no-cache"]) == 130
    for name, data in before.items():
        assert (out / name).read_bytes() == data, name
    assert not [p.name for p in out.iterdir() if p.name.endswith(".tmp")]
    monkeypatch.undo()
    assert run(batch, out) == 0  # the rerun completes, the cache is consistent


def test_run_json_records_the_run(batch: Path, tmp_path: Path) -> None:
    out = tmp_path / "out"
    assert run(batch, out, "--workers", "2") == 0
    record = json.loads((out / "run.json").read_text(encoding="utf-8"))
    assert record["files_by_status"] == {"ok": 10}
    assert record["options"]["workers"] == 2
    assert len(record["rules_hash"]) == 16 and record["inputs"] == [str(batch)]
    assert record["flags_by_severity"]["error"] >= 1


def test_fail_on_sets_exit_code_1(batch: Path, tmp_path: Path) -> None:
    assert run(batch, tmp_path / "a", "--fail-on", "error") == pipeline.EXIT_FLAGGED
    only_clean = tmp_path / "clean"
    only_clean.mkdir()
    (only_clean / "r.txt").write_text("某县2023年度部门整体支出绩效自评报告\n", encoding="utf-8")
    assert run(only_clean, tmp_path / "b", "--fail-on", "error") == 0


def test_usage_errors_exit_2(tmp_path: Path, capsys) -> None:
    for argv in (["run", "--workers", "0"], ["run", "--fail-on", "never"], ["run", "--timeout", "-1"]):
        with pytest.raises(SystemExit) as exit_info:
            pipeline.main(argv)
        assert exit_info.value.code == 2
    bad_rules = tmp_path / "rules.toml"
    bad_rules.write_text("[rules.JX999]\nenabled = false\n", encoding="utf-8")
    assert pipeline.main(["run", str(tmp_path), "--rules", str(bad_rules), "--out", str(tmp_path / "o")]) == 2
    assert "JX999" in capsys.readouterr().err


def test_progress_lines_when_not_a_terminal(batch: Path, tmp_path: Path, capsys, monkeypatch) -> None:
    monkeypatch.setattr(pipeline, "PROGRESS_LINE_SECONDS", 0.0)
    assert pipeline.main(["run", str(batch / "txt"), "--out", str(tmp_path / "o"), "--workers", "1"]) == 0
    err = capsys.readouterr().err
    assert "已处理" in err and "共处理 5 个文件" in err


def test_progress_counts_an_archives_members_in_place_of_the_archive(tmp_path: Path, capsys, monkeypatch) -> None:
    """Files are sniffed as they are scheduled: the total, first one per file given, changes by an
    archive's members less the archive itself when the archive is opened (4 files given: two
    reports, an archive of three and an empty one; 5 reports in all)."""
    folder = tmp_path / "批次"
    folder.mkdir()
    txts = sorted((CORPUS / "txt").iterdir())
    with zipfile.ZipFile(folder / "材料.zip", "w") as archive:
        for path in txts[:3]:
            archive.write(path, f"报告/{path.name}")
    with zipfile.ZipFile(folder / "空.zip", "w") as archive:
        archive.writestr("说明/", "")
    for path in txts[3:5]:
        shutil.copy(path, folder / path.name)
    monkeypatch.setattr(pipeline, "PROGRESS_LINE_SECONDS", 0.0)
    assert pipeline.main(["run", str(folder), "--out", str(tmp_path / "o"), "--workers", "1"]) == 0
    err = capsys.readouterr().err
    lines = [line for line in err.splitlines() if line.startswith("已处理")]
    totals = [re.search(r"已处理 (\d+)/(\d+) 个文件", line).groups() for line in lines]
    assert [int(done) for done, _ in totals] == [1, 2, 3, 4, 5]
    assert totals[-1] == ("5", "5") and all(int(done) <= int(total) for done, total in totals), err
    assert len(read_rows(tmp_path / "o" / "reports.csv")) == 5
