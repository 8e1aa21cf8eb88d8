"""The bad-input suite: each broken submission gives exactly one errors.csv row with a Chinese
reason, and the good reports beside it are still read. Every case runs through the real batch
(worker processes, streamed outputs), as an auditor's run would."""

from __future__ import annotations

import csv
import os
import shutil
import tempfile
import time
from pathlib import Path

import pytest

import pipeline

from conftest import CORPUS, FIXTURES

GOOD = ("001_c77a996d3d2046a2.txt", "004_595fe22f084a2b2d.txt")


def read_rows(path: Path) -> list[dict[str, str]]:
    with open(path, encoding="utf-8-sig", newline="") as handle:
        return list(csv.DictReader(handle))


def run_with(tmp_path: Path, name: str, make, *extra: str) -> tuple[dict[str, str], list[dict[str, str]]]:
    """A batch of two good reports and one bad file; returns (its error row, all report rows)."""
    folder = tmp_path / "提交 材料"
    folder.mkdir()
    for good in GOOD:
        shutil.copyfile(CORPUS / "txt" / good, folder / good)
    make(folder / name)
    out = tmp_path / "out"
    code = pipeline.main(["run", str(folder), "--out", str(out), "--quiet", "--workers", "2", *extra])
    assert code == pipeline.EXIT_SOME_FAILED
    errors = read_rows(out / "errors.csv")
    reports = read_rows(out / "reports.csv")
    assert len(errors) == 1, errors
    assert Path(errors[0]["source_file"]).name == name
    assert "Traceback" not in errors[0]["reason"]
    good = [r for r in reports if Path(r["source_file"]).name in GOOD]
    assert [r["status"] for r in good] == ["ok", "ok"]  # the rest of the batch was read
    assert all(r["fiscal_year"] for r in good)
    return errors[0], reports


def copy_of(source: Path):
    return lambda target: shutil.copyfile(source, target)


CASES = [
    # (case id, file name in the batch, how to make it, words the reason must contain, exception type)
    ("empty", "空文件.docx", lambda p: p.write_bytes(b""), "文件为空", "EmptyFileError"),
    ("truncated_docx", "截断 报告.docx", copy_of(FIXTURES / "docx" / "truncated.docx"), "已损坏", "CorruptFileError"),
    ("malformed_xml_docx", "内容损坏.docx", copy_of(FIXTURES / "docx" / "malformed_xml.docx"), "损坏",
     "CorruptFileError"),
    ("truncated_pdf", "截断的报告.pdf", copy_of(FIXTURES / "pdf" / "truncated.pdf"), "损坏", "CorruptFileError"),
    ("truncated_zip", "材料包.zip",
     lambda p: p.write_bytes((FIXTURES / "bad" / "报告压缩包.zip").read_bytes()[:120]), "损坏", None),
    ("password_docx", "设有密码的报告.docx", copy_of(FIXTURES / "bad" / "设有密码的报告.docx"), "密码",
     "EncryptedFileError"),
    ("password_pdf", "设有密码.pdf", copy_of(FIXTURES / "pdf" / "encrypted.pdf"), "密码", "EncryptedFileError"),
    ("scanned_pdf", "扫描件.pdf", copy_of(FIXTURES / "pdf" / "scanned.pdf"), "OCR", "NeedsOCR"),
    ("legacy_html_as_doc", "网页另存.doc", copy_of(FIXTURES / "bad" / "网页另存.doc"), "网页", "UnsupportedFormatError"),
    ("image", "扫描图片.png", copy_of(FIXTURES / "bad" / "扫描图片.png"), "图片", "UnsupportedFormatError"),
    ("random_binary", "乱码.bin", copy_of(FIXTURES / "bad" / "乱码.bin"), "无法识别", "UnsupportedFormatError"),
    ("unreadable", "无法打开.docx", lambda p: os.symlink(p.parent / "不存在的目标", p), "无法打开", "OSError"),
]


@pytest.mark.parametrize(("name", "make", "words", "exception_type"),
                         [pytest.param(*case[1:], id=case[0]) for case in CASES])
def test_bad_input_gives_one_error_row(tmp_path: Path, name, make, words: str, exception_type) -> None:
    error, reports = run_with(tmp_path, name, make)
    assert words in error["reason"], error
    if exception_type:
        assert error["exception_type"] == exception_type
    bad = next(r for r in reports if Path(r["source_file"]).name == name)
    assert bad["status"] in ("failed", "needs_ocr")


def test_a_file_that_cannot_be_opened_says_what_the_system_said(tmp_path: Path) -> None:
    """Blind probe AF: the reason said only 无法打开文件, without the technical detail after it."""
    error, _ = run_with(tmp_path, "无法打开.docx", lambda p: os.symlink(p.parent / "不存在的目标", p))
    assert error["reason"].startswith("无法打开文件")
    assert "技术细节：FileNotFoundError" in error["reason"] and "无法打开.docx" in error["reason"]


def test_oversized_file_is_refused_by_the_size_limit(tmp_path: Path) -> None:
    def big(path: Path) -> None:
        path.write_bytes(b"x" * (2 << 20))

    error, _ = run_with(tmp_path, "超大文件.txt", big, "--max-file-mb", "1")
    assert "文件过大" in error["reason"] and error["exception_type"] == "FileTooLarge"


def test_zip_bomb_is_refused_and_the_batch_goes_on(tmp_path: Path) -> None:
    """The bomb member is one error row; the report packed beside it is still read."""
    import zipfile

    folder = tmp_path / "提交 材料"
    folder.mkdir()
    with zipfile.ZipFile(folder / "材料包.zip", "w", compression=zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("炸弹.txt", b"0" * (20 << 20))  # 20 MiB of zeros: ratio over 1000
        archive.write(CORPUS / "txt" / GOOD[0], "单位/" + GOOD[0])
    out = tmp_path / "out"
    code = pipeline.main(["run", str(folder), "--out", str(out), "--quiet", "--workers", "2"])
    assert code == pipeline.EXIT_SOME_FAILED
    (error,) = read_rows(out / "errors.csv")
    assert error["source_file"].endswith("材料包.zip!/炸弹.txt")
    assert error["exception_type"] == "MemberLimitError" and error["stage"] == "archive"
    assert "压缩炸弹" in error["reason"]
    reports = {Path(r["source_file"]).name: r for r in read_rows(out / "reports.csv")}
    assert reports[GOOD[0]]["status"] == "ok" and reports[GOOD[0]]["source_file"].endswith("材料包.zip!/单位/" + GOOD[0])
    assert reports["炸弹.txt"]["status"] == "failed"


def padded_copy(source: Path, member: str, padding_bytes: int):
    """A maker of a copy of the zip-based file ``source`` whose ``member`` ends in an XML comment
    of ``padding_bytes`` spaces: still well-formed, and it inflates a thousandfold."""
    import zipfile

    def make(target: Path) -> None:
        with zipfile.ZipFile(source) as original, zipfile.ZipFile(
                target, "w", compression=zipfile.ZIP_DEFLATED, compresslevel=1) as copy:
            for info in original.infolist():
                data = original.read(info)
                if info.filename == member:
                    data += b"<!--" + b" " * padding_bytes + b"-->"
                copy.writestr(info.filename, data)
    return make


def test_a_word_file_whose_text_inflates_past_the_limit_is_refused_unread(tmp_path: Path) -> None:
    """Blind probe AF: a .docx of a few hundred KB whose word/document.xml inflates to 1 GiB took
    2.1 GB of one worker's memory before its XML was refused. The size is checked first."""
    from extract.readers.inflated_size import MAX_PART_BYTES

    make = padded_copy(CORPUS / "docx" / "000_7300f5264373c338.docx", "word/document.xml", MAX_PART_BYTES + 1)
    error, _ = run_with(tmp_path, "解压过大.docx", make)
    assert error["exception_type"] == "InflatedTooLargeError"
    assert "解压后内容过大" in error["reason"] and "word/document.xml" in error["reason"]


def test_a_workbook_whose_sheet_inflates_past_the_limit_is_refused_unread(tmp_path: Path) -> None:
    from openpyxl import Workbook

    from extract.readers.inflated_size import MAX_PART_BYTES

    source = tmp_path / "源.xlsx"
    workbook = Workbook()
    workbook.active.append(["项目名称", "年初预算数（万元）"])
    workbook.active.append(["某项目", 100])
    workbook.save(source)
    error, _ = run_with(tmp_path, "解压过大.xlsx", padded_copy(source, "xl/worksheets/sheet1.xml", MAX_PART_BYTES + 1))
    assert error["exception_type"] == "InflatedTooLargeError"
    assert "xl/worksheets/sheet1.xml" in error["reason"]


def test_zip_of_reports_is_read_member_by_member(tmp_path: Path) -> None:
    import zipfile

    archive_path = tmp_path / "in" / "各单位报告.zip"
    archive_path.parent.mkdir()
    with zipfile.ZipFile(archive_path, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        for good in GOOD:
            archive.write(CORPUS / "txt" / good, f"岳阳/{good}")
    out = tmp_path / "out"
    assert pipeline.main(["run", str(archive_path.parent), "--out", str(out), "--quiet"]) == 0
    reports = read_rows(out / "reports.csv")
    assert [r["source_file"].split("!/", 1)[1] for r in reports] == [f"岳阳/{g}" for g in GOOD]
    assert all(r["status"] == "ok" for r in reports)
    flags = read_rows(out / "flags.csv")
    assert any("各单位报告.zip!/岳阳/004" in r["source_file"] for r in flags)


def test_a_named_pipe_is_refused_without_being_opened(tmp_path: Path) -> None:
    """Blind probe AF: a FIFO in a submission folder blocked the parent as it sniffed the file, and
    no time limit applies there: the whole run waited forever."""
    error, _ = run_with(tmp_path, "会卡住的管道.txt", os.mkfifo)
    assert (error["stage"], error["exception_type"]) == ("open", "NotAFile")
    assert "不是普通文件" in error["reason"]


def test_a_folder_that_cannot_be_listed_gets_its_row(tmp_path: Path, monkeypatch) -> None:
    """Blind probe AF: a sub-folder without read permission vanished from every output. (Run as
    root, permissions are not enforced: the refusal is simulated where os.walk lists the folder.)"""
    real_scandir = os.scandir

    def refusing_scandir(path="."):
        if isinstance(path, (str, os.PathLike)) and Path(path).name == "锁住的文件夹":
            raise PermissionError(13, "Permission denied", str(path))
        return real_scandir(path)

    monkeypatch.setattr(os, "scandir", refusing_scandir)
    error, _ = run_with(tmp_path, "锁住的文件夹", lambda p: p.mkdir())
    assert (error["stage"], error["exception_type"]) == ("open", "PermissionError")
    assert "文件夹" in error["reason"] and "权限" in error["reason"]


def test_temporary_files_of_a_run_are_removed_even_after_a_timeout(tmp_path: Path, monkeypatch) -> None:
    """Blind probe AF: a worker stopped at its time limit left its conversion folder (a copy of the
    submitted report and a LibreOffice profile) in the shared temporary folder."""
    shared_tmp = tmp_path / "共享临时目录"
    shared_tmp.mkdir()
    monkeypatch.setenv("TMPDIR", str(shared_tmp))
    monkeypatch.setattr(tempfile, "tempdir", None)

    def leaving_a_copy_then_hanging(path, source=None, kind=None, sha256=None):
        if Path(path).name.startswith("卡住"):
            handle, _ = tempfile.mkstemp(prefix="jixiao-convert-", suffix=".doc")
            os.close(handle)
            time.sleep(60)
        return ORIGINAL_READ(path, source, kind, sha256)

    monkeypatch.setattr(pipeline, "read_document", leaving_a_copy_then_hanging)
    run_with(tmp_path, "卡住的报告.txt", lambda p: p.write_text("某县2023年度部门整体支出绩效自评报告\n", encoding="utf-8"),
             "--timeout", "5")
    assert list(shared_tmp.iterdir()) == []
    assert os.environ["TMPDIR"] == str(shared_tmp)  # restored


ORIGINAL_READ = pipeline.read_document


def test_a_word_file_without_any_text_is_not_read_whole(tmp_path: Path) -> None:
    """Blind probe AF: a .docx holding only a pasted scan, or nothing, was reported 完整读取 (ok)
    with no row in errors.csv, where an empty text file was refused."""
    import docx

    error, reports = run_with(tmp_path, "空白的报告.docx", lambda p: docx.Document().save(p))
    assert (error["stage"], error["exception_type"]) == ("read", "EmptyDocument")
    assert "没有任何文字" in error["reason"] and "OCR" in error["reason"]
    assert [r["status"] for r in reports if r["source_file"].endswith("空白的报告.docx")] == ["failed"]


def test_the_same_path_given_twice_is_one_submission(tmp_path: Path) -> None:
    """Blind probe AF: `run F F` listed F once ok and once as a duplicate of itself."""
    report = tmp_path / "报告.txt"
    shutil.copyfile(CORPUS / "txt" / GOOD[0], report)
    out = tmp_path / "out"
    assert pipeline.main(["run", str(report), str(report), "--out", str(out), "--quiet", "--workers", "1"]) == 0
    assert [row["status"] for row in read_rows(out / "reports.csv")] == ["ok"]
    assert "JX701" not in {row["rule_id"] for row in read_rows(out / "flags.csv")}
