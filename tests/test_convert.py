"""Legacy formats read through LibreOffice (extract/readers/convert.py).

These tests run the real ``soffice`` (the README's test command installs LibreOffice Writer and
Calc) on the fixtures of tests/fixtures/make_format_fixtures.py: a small report saved by
LibreOffice as .doc, .rtf and .odt, the .doc renamed .wps, a 自评表 saved as .xls and .ods, the
.xls renamed .et. Expected texts are those the fixture generator wrote.

Failure paths (LibreOffice missing, a timeout) use fake ``soffice`` programs via JIXIAO_SOFFICE.
"""

from __future__ import annotations

import os
import tempfile
import time
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import pytest
from conftest import FIXTURES

from extract.errors import CorruptFileError, UnsupportedFormatError
from extract.model import Document, Location, Paragraph, Table
from extract.readers import convert, file_sha256, read_document
from extract.readers import docx as docx_reader
from extract.readers.convert import (
    CONVERSIONS,
    NOTE_CONVERTED,
    ConversionTimeoutError,
    conversion_failure,
    has_calc,
    original_format,
    timeout_from_env,
)
from extract.readers.sniff import OLE2_MAGIC, sniff, sniff_bytes

FORMATS = FIXTURES / "formats"

NOTE_DOCX = (
    "已由 LibreOffice 转换为 .docx 后读取；位置中的段落序号按转换后的 .docx 计数，"
    "与原文件在 Word/WPS 中看到的段落可能略有出入，请以引用的原文查找"
)
NOTE_XLSX = "已由 LibreOffice 转换为 .xlsx 后读取；工作表、行号和列号与原文件一致"

REPORT_PARAGRAPHS = [
    (1, "某县水利局2023年度项目支出绩效自评报告"),
    (2, "一、项目基本情况"),
    (3, "2023年全年预算数640.00万元，全年执行数512.30万元，预算执行率80.05%。"),
    (5, "绩效自评得分92分，评价等次为优。"),
]
REPORT_TABLE = [
    (1, 1, 2, 1, "一级指标"), (1, 2, 2, 1, "二级指标"), (1, 3, 1, 2, "指标值"),
    (2, 3, 1, 1, "年度目标"), (2, 4, 1, 1, "实际完成"),
    (3, 1, 2, 1, "产出指标"), (3, 2, 1, 1, "数量指标"), (3, 3, 1, 1, "12处"), (3, 4, 1, 1, "12处"),
    (4, 2, 1, 1, "质量指标"), (4, 3, 1, 1, "100%"), (4, 4, 1, 1, "98.5%"),
]  # fmt: skip


def paragraphs(document: Document) -> list[tuple[int | None, str]]:
    return [(b.location.paragraph, b.text) for b in document.blocks if isinstance(b, Paragraph)]


def cells(table: Table) -> list[tuple[int, int, int, int, str]]:
    return [(c.row, c.col, c.row_span, c.col_span, c.text) for c in table.cells]


_converted: dict[str, Document] = {}


def converted(name: str) -> Document:
    """Each fixture is converted once per test session (a conversion takes a second or two)."""
    if name not in _converted:
        _converted[name] = read_document(FORMATS / name, name)
    return _converted[name]


# --- Word-like files --------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("name", "kind", "fmt"),
    [
        ("自评报告.doc", "doc", "doc"),
        ("自评报告.wps", "doc", "wps"),  # a .doc renamed .wps: the same content
        ("自评报告.rtf", "rtf", "rtf"),
        ("自评报告.odt", "odt", "odt"),
    ],
)
def test_word_like_files_are_read_through_libreoffice(name: str, kind: str, fmt: str) -> None:
    assert sniff(FORMATS / name).code == kind
    document = converted(name)
    assert (document.source, document.format, document.sha256) == (name, fmt, file_sha256(FORMATS / name))
    assert document.notes == (NOTE_DOCX,)
    assert document.status == "ok"
    assert paragraphs(document) == REPORT_PARAGRAPHS
    (table,) = document.tables
    assert cells(table) == REPORT_TABLE
    assert table.cell_at(4, 1).location == Location(file=name, paragraph=4, table=1, row=3, col=1, quote="产出指标")


@pytest.mark.parametrize("name", ["自评报告.doc", "自评报告.rtf", "自评报告.odt"])
def test_conversion_gives_the_same_blocks_as_the_original_docx(name: str) -> None:
    """Paragraph numbers of the converted file match the .docx it was made from."""
    original = docx_reader.read(FORMATS / "自评报告.docx", name, "0" * 64)
    assert converted(name).blocks == original.blocks


def test_parallel_conversions_do_not_collide() -> None:
    """Each call has its own LibreOffice profile; with a shared one, a second soffice started while
    the first runs hands its job over (or fails on the profile lock)."""
    names = ["自评报告.doc", "自评报告.rtf", "自评报告.odt", "自评报告.wps"]
    with ThreadPoolExecutor(max_workers=4) as pool:
        documents = list(pool.map(lambda n: read_document(FORMATS / n, f"并行/{n}"), names))
    for name, document in zip(names, documents):
        assert document.source == f"并行/{name}"
        assert paragraphs(document) == REPORT_PARAGRAPHS


def test_a_long_doc_whose_directory_lies_past_64_kib_is_still_a_doc() -> None:
    """LibreOffice writes the OLE2 directory at the end: the sniffer follows the header to it
    instead of searching the first 64 KiB for stream names (which took this file for unknown)."""
    data = (FORMATS / "长报告.doc").read_bytes()
    assert data.find("WordDocument".encode("utf-16-le")) > 65536
    assert sniff(FORMATS / "长报告.doc").code == "doc"
    document = converted("长报告.doc")
    assert len(document.paragraphs) == 400
    last = document.paragraphs[-1]
    assert (last.location.paragraph, last.text) == (400, "第400段：2023年全年预算数640.00万元，全年执行数512.30万元，预算执行率80.05%。")


@pytest.mark.parametrize(
    ("streams", "code", "name"),
    [
        (["WordDocument"], "doc", "旧版 Word/WPS 文档（.doc/.wps）"),
        (["WordDocument", "WpsCustomData"], "doc", "WPS 文字文档（.wps/.doc）"),
        (["Workbook", "WpsCustomData"], "xls", "WPS 表格文件（.et/.xls）"),
        (["PowerPoint Document"], "ppt", "旧版 PowerPoint 演示文稿（.ppt/.dps）"),
        (["EncryptedPackage"], "encrypted_ooxml", "加密的 Office 文档"),
        ([], "ole2", "旧版 Office 文档（无法识别其内容，可能已损坏）"),
    ],
)
def test_ole2_kinds_from_stream_names(streams: list[str], code: str, name: str) -> None:
    """Only the first bytes given: the sniffer falls back to searching them for stream names."""
    head = OLE2_MAGIC + bytes(504) + b"".join(s.encode("utf-16-le") + bytes(8) for s in streams)
    assert (sniff_bytes(head).code, sniff_bytes(head).name) == (code, name)


# --- spreadsheets -----------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("name", "kind", "fmt"),
    [
        ("自评表.xls", "xls", "xls"),
        ("自评表.et", "xls", "et"),  # an .xls renamed .et (WPS 表格)
        ("自评表.ods", "ods", "ods"),
    ],
)
def test_spreadsheets_are_read_through_libreoffice(name: str, kind: str, fmt: str) -> None:
    assert sniff(FORMATS / name).code == kind
    document = converted(name)
    assert (document.source, document.format) == (name, fmt)
    assert document.notes == (NOTE_XLSX, "工作表“测算底稿”（表4）是隐藏工作表，其内容已一并读取")
    assert [(t.index, t.caption, t.n_rows, t.n_cols) for t in document.tables] == [
        (1, "项目支出绩效自评表", 12, 6),
        (2, "填报说明", 3, 1),
        (4, "测算底稿", 1, 2),
    ]
    sheet = document.tables[0]
    assert [c.text for c in sheet.rows()[3]] == ["年度资金总额", "600.00", "640.00", "512.30", "80.05%", "8"]
    # LibreOffice calculated C12 (=B12*2), which the .xlsx had saved without a value.
    assert [c.text for c in sheet.rows()[11]] == ["其他", "0.3", "0.6", "1,234.50万元", "-5.00%", "3.14"]
    label = sheet.cell_at(8, 1)
    assert (label.row, label.col, label.row_span, label.text) == (7, 1, 3, "产出指标")
    assert label.location == Location(file=name, table=1, row=7, col=1, quote="产出指标", sheet="项目支出绩效自评表")
    header = sheet.cell_at(5, 5)
    assert (header.row, header.col, header.col_span, header.text) == (5, 4, 2, "指标值")


# --- failures ---------------------------------------------------------------------------------


def test_a_damaged_doc_is_a_corrupt_file_error_and_leaves_no_temporary_files(tmp_path: Path, monkeypatch) -> None:
    temp = tmp_path / "tmp"
    temp.mkdir()
    monkeypatch.setattr(tempfile, "tempdir", str(temp))
    assert sniff(FORMATS / "损坏的报告.doc").code == "doc"
    with pytest.raises(CorruptFileError) as raised:
        read_document(FORMATS / "损坏的报告.doc")
    assert raised.value.reason == (
        "LibreOffice 无法打开此文件，文件可能已损坏、设有打开密码，或并非它看起来的格式；"
        "请用 Word 或 WPS 打开后另存为 .docx 再提交"
    )
    assert raised.value.detail == "soffice exit 0, no docx written: Error: source file could not be loaded"
    assert list(temp.iterdir()) == []


def test_a_truncated_doc_is_named_as_a_damaged_legacy_file() -> None:
    """Its directory is gone, so nothing says it is a Word file: no conversion is attempted."""
    with pytest.raises(UnsupportedFormatError) as raised:
        read_document(FORMATS / "截断的报告.doc")
    assert raised.value.reason == (
        "文件实际是旧版 Office 文档（无法识别其内容，可能已损坏），本工具暂不能读取："
        "请用 Office 或 WPS 打开后另存为 .docx 或 PDF 再提交"
    )


@pytest.fixture
def no_libreoffice(tmp_path: Path, monkeypatch) -> None:
    empty = tmp_path / "empty-bin"
    empty.mkdir()
    monkeypatch.setenv("PATH", str(empty))
    monkeypatch.delenv("JIXIAO_SOFFICE", raising=False)
    monkeypatch.setattr(convert, "KNOWN_SOFFICE_PATHS", ())


def test_without_libreoffice_a_doc_says_how_to_install_it(no_libreoffice) -> None:
    with pytest.raises(UnsupportedFormatError) as raised:
        read_document(FORMATS / "自评报告.wps")
    assert raised.value.reason == (
        "需要安装 LibreOffice 才能读取旧版 .doc/.wps 文件（以及 .rtf、.odt）："
        "sudo apt-get install libreoffice-writer-nogui；"
        "若已安装在其他位置，请用环境变量 JIXIAO_SOFFICE 指明 soffice 的路径；"
        "也可请报送单位用 Word 或 WPS 另存为 .docx 后重新提交"
    )


def test_without_libreoffice_an_xls_says_to_install_calc(no_libreoffice) -> None:
    with pytest.raises(UnsupportedFormatError) as raised:
        read_document(FORMATS / "自评表.et")
    assert raised.value.reason == (
        "需要安装 LibreOffice（含 Calc 表格组件）才能读取旧版 .xls/.et 表格（以及 .ods）："
        "sudo apt-get install libreoffice-calc-nogui；"
        "若已安装在其他位置，请用环境变量 JIXIAO_SOFFICE 指明 soffice 的路径；"
        "也可请报送单位用 Excel 或 WPS 另存为 .xlsx 后重新提交"
    )


def test_a_wrong_jixiao_soffice_is_reported_not_silently_replaced(tmp_path: Path, monkeypatch) -> None:
    monkeypatch.setenv("JIXIAO_SOFFICE", str(tmp_path / "没有这个程序"))
    with pytest.raises(UnsupportedFormatError) as raised:
        read_document(FORMATS / "自评报告.doc")
    assert raised.value.reason == "环境变量 JIXIAO_SOFFICE 指定的 LibreOffice 程序不存在，请检查路径或删除该环境变量"


def process_is_gone(pid: int) -> bool:
    """True when ``pid`` no longer runs (absent, or a zombie waiting for its parent to reap it)."""
    try:
        with open(f"/proc/{pid}/stat", encoding="ascii") as handle:
            return handle.read().rsplit(")", 1)[1].split()[0] == "Z"
    except FileNotFoundError:
        return True


@pytest.mark.skipif(not hasattr(os, "killpg"), reason="process groups are POSIX")
def test_a_hanging_conversion_is_killed_with_its_children(tmp_path: Path, monkeypatch) -> None:
    """The fake soffice starts a child and waits, as soffice → oosplash → soffice.bin do."""
    pid_file = tmp_path / "child.pid"
    fake = tmp_path / "soffice"
    fake.write_text(f'#!/bin/sh\nsleep 300 &\necho $! > "{pid_file}"\nwait\n', encoding="utf-8")
    fake.chmod(0o755)
    monkeypatch.setenv("JIXIAO_SOFFICE", str(fake))
    monkeypatch.setenv("JIXIAO_CONVERT_TIMEOUT", "1.5")
    started = time.monotonic()
    with pytest.raises(ConversionTimeoutError) as raised:
        read_document(FORMATS / "自评报告.doc")
    assert time.monotonic() - started < 10
    assert raised.value.reason == (
        "LibreOffice 转换此文件超过 1.5 秒仍未完成，已中止；文件可能过大或已损坏，"
        "请另存为 .docx（表格另存为 .xlsx）后再提交，或用环境变量 JIXIAO_CONVERT_TIMEOUT 放宽时限"
    )
    child = int(pid_file.read_text())
    deadline = time.monotonic() + 5
    while not process_is_gone(child) and time.monotonic() < deadline:
        time.sleep(0.05)
    assert process_is_gone(child)


def test_a_converter_that_writes_nothing_is_a_corrupt_file_error(tmp_path: Path, monkeypatch) -> None:
    fake = tmp_path / "soffice"
    fake.write_text("#!/bin/sh\necho 'Error: source file could not be loaded'\n", encoding="utf-8")
    fake.chmod(0o755)
    monkeypatch.setenv("JIXIAO_SOFFICE", str(fake))
    with pytest.raises(CorruptFileError) as raised:
        read_document(FORMATS / "自评报告.rtf")
    assert raised.value.detail == "soffice exit 0, no docx written: Error: source file could not be loaded"


# --- small parts ------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("name", "kind", "expected"),
    [
        ("报告.doc", "doc", "doc"),
        ("报告.WPS", "doc", "wps"),
        ("报告.wpt", "doc", "wps"),
        ("报告.docx", "doc", "doc"),  # a .doc renamed .docx is still a .doc
        ("表.et", "xls", "et"),
        ("表.xls", "xls", "xls"),
        ("表.et", "ods", "ods"),  # the name only refines a binary Word/Excel kind
        ("报告.rtf", "rtf", "rtf"),
    ],
)
def test_original_format(name: str, kind: str, expected: str) -> None:
    assert original_format(Path(name), kind) == expected


@pytest.mark.parametrize(("raw", "seconds"), [(None, 120.0), ("30", 30.0), ("0.5", 0.5), ("abc", 120.0), ("-1", 120.0)])
def test_timeout_from_env(raw: str | None, seconds: float, monkeypatch) -> None:
    if raw is None:
        monkeypatch.delenv("JIXIAO_CONVERT_TIMEOUT", raising=False)
    else:
        monkeypatch.setenv("JIXIAO_CONVERT_TIMEOUT", raw)
    assert timeout_from_env() == seconds


def test_a_libreoffice_without_calc_is_named(tmp_path: Path) -> None:
    program = tmp_path / "program"
    program.mkdir()
    for name in ("soffice", "soffice.bin", "libswlo.so"):  # Writer only
        (program / name).write_bytes(b"")
    assert not has_calc(str(program / "soffice"))
    error = conversion_failure(CONVERSIONS["xls"], 0, "Error: source file could not be loaded", str(program / "soffice"))
    assert isinstance(error, UnsupportedFormatError)
    assert error.reason == (
        "已安装的 LibreOffice 缺少 Calc 表格组件，无法读取旧版 .xls/.et 表格："
        "sudo apt-get install libreoffice-calc-nogui；也可请报送单位另存为 .xlsx 后重新提交"
    )
    (program / "libsclo.so").write_bytes(b"")
    assert has_calc(str(program / "soffice"))


def test_notes_are_the_documented_sentences() -> None:
    assert NOTE_CONVERTED == {"docx": NOTE_DOCX, "xlsx": NOTE_XLSX}
