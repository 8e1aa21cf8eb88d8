"""Batch runs: every bad file is one errors.csv row with a Chinese reason; the batch goes on."""

from __future__ import annotations

import csv
import shutil
from pathlib import Path

import pytest

import pipeline

from conftest import FIXTURES

BAD = FIXTURES / "bad"

GOOD_REPORT = "某县2023年度部门整体支出绩效自评报告\n2023年全年预算数640.00万元，执行数512.30万元。\n"

# (fixture, words the reason must contain, exception type)
BAD_CASES = [
    ("空文件.docx", "文件为空", "EmptyFileError"),
    ("截断的报告.docx", "已损坏", "CorruptFileError"),
    ("扫描图片.png", "图片", "UnsupportedFormatError"),
    ("网页另存.doc", "网页", "UnsupportedFormatError"),
    ("乱码.bin", "无法识别", "UnsupportedFormatError"),
]


def read_csv(path: Path) -> list[dict[str, str]]:
    raw = path.read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf"), f"{path.name} must start with a UTF-8 BOM for Excel/WPS"
    with open(path, encoding="utf-8-sig", newline="") as handle:
        return list(csv.DictReader(handle))


@pytest.fixture
def batch(tmp_path: Path) -> Path:
    folder = tmp_path / "提交 材料"  # spaces and Chinese in the folder name
    folder.mkdir()
    for name, _, _ in BAD_CASES:
        shutil.copyfile(BAD / name, folder / name)
    shutil.copyfile(BAD / "旧版报告.doc", folder / "旧版报告.doc")
    shutil.copyfile(BAD / "报告压缩包.zip", folder / "报告压缩包.zip")
    shutil.copyfile(BAD / "改名的报告.pdf", folder / "改名的报告.pdf")
    (folder / "正常 报告.txt").write_text(GOOD_REPORT, encoding="utf-8")
    (folder / "~$正常 报告.docx").write_bytes(b"lock")  # Word lock file: not a submission
    return folder


def test_each_bad_file_is_one_error_row_and_the_rest_runs(batch: Path, tmp_path: Path, capsys) -> None:
    out = tmp_path / "out"
    code = pipeline.main(["run", str(batch), "--out", str(out)])
    assert code == pipeline.EXIT_SOME_FAILED
    errors = read_csv(out / "errors.csv")
    reports = read_csv(out / "reports.csv")

    by_file = {Path(row["source_file"]).name: row for row in errors}
    assert len(errors) == len(BAD_CASES), errors
    for name, words, exception_type in BAD_CASES:
        row = by_file[name]
        assert words in row["reason"], row
        assert row["exception_type"] == exception_type
        assert row["stage"] == "read"
        assert "Traceback" not in row["reason"]

    status = {row["source_file"].split("/")[-1]: row for row in reports}
    assert set(status) == {name for name, _, _ in BAD_CASES} | {"改名的报告.pdf", "正常 报告.txt", "旧版报告.doc", "报告.txt"}
    member = next(row for row in reports if row["source_file"].endswith("报告压缩包.zip!/报告.txt"))
    assert member["status"] == "ok"  # an archive is read member by member
    assert status["旧版报告.doc"]["status"] == "ok" and status["旧版报告.doc"]["format"] == "doc"  # converted
    assert status["正常 报告.txt"]["status"] == "ok"
    assert status["正常 报告.txt"]["format"] == "txt"
    assert status["改名的报告.pdf"]["status"] == "ok"
    assert status["改名的报告.pdf"]["format"] == "docx"
    assert status["改名的报告.pdf"]["tables"] == "1"
    for name, _, _ in BAD_CASES:
        assert status[name]["status"] == "failed"
    assert "Traceback" not in capsys.readouterr().err


def test_missing_path_is_an_error_row_not_a_crash(tmp_path: Path) -> None:
    out = tmp_path / "out"
    code = pipeline.main(["run", str(tmp_path / "不存在.docx"), "--out", str(out)])
    assert code == pipeline.EXIT_SOME_FAILED
    errors = read_csv(out / "errors.csv")
    assert [row["reason"] for row in errors] == ["文件或文件夹不存在，请检查路径"]


def test_usage_error_exits_2_with_chinese_message(capsys) -> None:
    with pytest.raises(SystemExit) as exit_info:
        pipeline.main(["run", "--no-such-option"])
    assert exit_info.value.code == pipeline.EXIT_USAGE
    assert "参数错误" in capsys.readouterr().err


def test_show_prints_blocks_with_locations(tmp_path: Path, capsys) -> None:
    report = tmp_path / "r.txt"
    report.write_text(GOOD_REPORT, encoding="utf-8")
    assert pipeline.main(["show", str(report)]) == 0
    out = capsys.readouterr().out
    assert "[第2行] 2023年全年预算数640.00万元，执行数512.30万元。" in out


def test_show_figures_names_a_value_taken_from_its_part(tmp_path: Path, capsys) -> None:
    """公务用车运行维护费 stands for the 公务用车费 of the report's row: show says where it came from."""
    report = tmp_path / "r.txt"
    report.write_text("某县审计局2023年度部门整体支出绩效自评报告\n“三公”经费支出1.5万元，其中：公务接待费0.5万元，"
                      "公务用车运行维护费1万元，因公出国（境）费0万元。\n", encoding="utf-8")
    assert pipeline.main(["show", str(report), "--figures"]) == 0
    out = capsys.readouterr().out
    assert "★ vehicle_spent_wan = 1万元 （取自 vehicle_operation_spent_wan） [第2行 字符38-40]" in out


def test_show_of_unreadable_file_is_a_sentence_not_a_traceback(capsys) -> None:
    assert pipeline.main(["show", str(BAD / "乱码.bin")]) == pipeline.EXIT_SOME_FAILED
    err = capsys.readouterr().err
    assert "无法识别" in err and "Traceback" not in err


def test_previous_outputs_survive_a_failed_write(tmp_path: Path, monkeypatch) -> None:
    """An exception while rows are written leaves the previous reports.csv byte for byte."""
    from export import atomic

    target = tmp_path / "reports.csv"
    atomic.write_csv_atomic(target, ["a"], [{"a": "旧"}])
    before = target.read_bytes()

    def rows():
        yield {"a": "新"}
        raise KeyboardInterrupt

    with pytest.raises(KeyboardInterrupt):
        atomic.write_csv_atomic(target, ["a"], rows())
    assert target.read_bytes() == before
    assert [p.name for p in tmp_path.iterdir()] == ["reports.csv"]  # no temp file left behind


def test_a_span_counts_characters_from_1_as_the_readme_says(tmp_path: Path) -> None:
    """README “Locations”: positions count from 1. 字符a-b is the a-th to the b-th character of the
    line, both included, so that an auditor counting finds exactly the figure's text."""
    line = "“三公”经费支出1.5万元，其中：公务接待费0.5万元。"
    report = tmp_path / "r.txt"
    report.write_text("某县审计局2023年度部门整体支出绩效自评报告\n" + line + "\n", encoding="utf-8")
    out = tmp_path / "out"
    assert pipeline.main(["run", str(report), "--out", str(out), "--quiet", "--no-cache", "--workers", "1"]) == 0
    with open(out / "metrics.csv", encoding="utf-8-sig", newline="") as handle:
        rows = {row["metric"]: row for row in csv.DictReader(handle)}
    for metric, raw in (("sangong_spent_wan", "1.5万元"), ("reception_spent_wan", "0.5万元")):
        first, last = map(int, rows[metric]["location"].split("字符")[1].split("-"))
        assert line[first - 1:last] == raw == rows[metric]["raw"]
