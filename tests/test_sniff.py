"""File kinds come from content, whatever the name says."""

from __future__ import annotations

from pathlib import Path

import pytest

from extract.readers.sniff import sniff, sniff_bytes

from conftest import FIXTURES

BAD = FIXTURES / "bad"


@pytest.mark.parametrize(
    ("name", "code"),
    [
        ("空文件.docx", "empty"),
        ("截断的报告.docx", "broken_zip"),
        ("改名的报告.pdf", "docx"),  # a real .docx renamed .pdf
        ("旧版报告.doc", "doc"),
        ("扫描图片.png", "image"),
        ("报告压缩包.zip", "zip"),
        ("网页另存.doc", "html"),  # a web page saved with a .doc name
        ("乱码.bin", "binary"),
    ],
)
def test_fixture_kinds(name: str, code: str) -> None:
    assert sniff(BAD / name).code == code


@pytest.mark.parametrize(
    ("head", "code"),
    [
        (b"%PDF-1.7\n", "pdf"),
        (b"\r\n%PDF-1.4", "pdf"),  # junk before the header is allowed by readers
        ("预算数640万元\n".encode("utf-8"), "txt"),
        ("预算数640万元\n".encode("utf-8-sig"), "txt"),
        ("预算数640万元\n".encode("gb18030"), "txt"),
        ("预算数640万元\n".encode("utf-16"), "txt"),
        (b"{\\rtf1\\ansi", "rtf"),
        (b"\xff\xd8\xff\xe0\x00\x10JFIF", "image"),
        (b"Rar!\x1a\x07\x00", "archive"),
        (b"<!DOCTYPE html><html><body>x</body></html>", "html"),
        (b"", "empty"),
        (b"\x00\x01\x02\x03binary\x00", "binary"),
    ],
)
def test_sniff_bytes(head: bytes, code: str) -> None:
    assert sniff_bytes(head).code == code


def test_text_cut_inside_a_multibyte_character_is_still_text(tmp_path: Path) -> None:
    data = ("绩效自评报告" * 1000).encode("utf-8")[:4095]  # sample boundary splits a character
    target = tmp_path / "cut.txt"
    target.write_bytes(data)
    assert sniff(target).code == "txt"


def test_a_file_already_sniffed_and_hashed_is_not_sniffed_or_hashed_again(monkeypatch) -> None:
    """A batch sniffs each file (to find archives) and hashes it (to find duplicates) before a
    worker reads it; the worker takes both from the batch instead of opening the file twice more."""
    import extract.readers as readers

    path = FIXTURES / "docx" / "xlsx_renamed.docx"
    kind, digest = sniff(path), readers.file_sha256(path)
    expected = readers.read_document(path, "报告.docx")

    def opened_again(*_args):
        raise AssertionError("sniffed or hashed again")

    monkeypatch.setattr(readers, "sniff", opened_again)
    monkeypatch.setattr(readers, "file_sha256", opened_again)
    document = readers.read_document(path, "报告.docx", kind, digest)
    assert document == expected
    assert document.sha256 == digest
