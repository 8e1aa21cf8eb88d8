"""Expanding submitted zip archives (extract/archives.py).

Fixtures: tests/fixtures/formats/*.zip from make_format_fixtures.py (names as Windows, macOS and
7-Zip write them, hostile names, damage, encryption). Zip bombs and archives that break a limit
are built in the test's temporary folder.
"""

from __future__ import annotations

import struct
import zipfile
import zlib
from pathlib import Path

import pytest
from conftest import FIXTURES

from extract.archives import (
    ArchiveLimitError,
    ArchiveLimits,
    MemberLimitError,
    ArchiveMember,
    UnsafeArchiveError,
    bytes_text,
    decode_legacy_name,
    expand_archive,
    safe_file_name,
)
from extract.errors import CorruptFileError, EncryptedFileError
from extract.readers import read_document

FORMATS = FIXTURES / "formats"
REPORT_TXT = "某县水利局2023年度部门整体支出绩效自评报告\n2023年全年预算数640.00万元，执行数512.30万元。\n"
MIB = 1024 * 1024


class RawNameZipInfo(zipfile.ZipInfo):
    """A member name written as the given bytes with flag bit 11 unset (as in the fixture script)."""

    def __init__(self, raw_name: bytes) -> None:
        super().__init__(raw_name.decode("cp437"), (2024, 3, 1, 9, 0, 0))

    def _encodeFilenameFlags(self):  # zipfile's name
        return self.filename.encode("cp437"), self.flag_bits & ~0x800


def summary(members: list[ArchiveMember], work: Path) -> list[tuple[str, str, str, int]]:
    """(source, name, extracted path relative to the work folder, size) of each member."""
    return [(m.source, m.name, m.path.relative_to(work).as_posix(), m.size) for m in members]


def expand(name: str, work: Path, **limits) -> list[ArchiveMember]:
    return expand_archive(FORMATS / name, work, ArchiveLimits(**limits), source=name)


# --- names ------------------------------------------------------------------------------------


def test_utf8_names_keep_their_folders_and_junk_is_skipped(tmp_path: Path) -> None:
    """Skipped: directory entries, __MACOSX/, .DS_Store, the hidden folder .隐藏/, the lock file ~$…"""
    members = expand("utf8_names.zip", tmp_path)
    assert summary(members, tmp_path) == [
        ("utf8_names.zip!/2023年自评/水利局/自评报告.docx", "2023年自评/水利局/自评报告.docx", "0001/自评报告.docx", 37121),
        ("utf8_names.zip!/2023年自评/说明 文件.txt", "2023年自评/说明 文件.txt", "0002/说明 文件.txt", 124),
        ("utf8_names.zip!/根目录报告.txt", "根目录报告.txt", "0003/根目录报告.txt", 124),
    ]  # fmt: skip
    assert members[1].path.read_text(encoding="utf-8") == REPORT_TXT
    assert members[0].path.read_bytes() == (FORMATS / "自评报告.docx").read_bytes()


def test_an_extracted_report_is_read_with_the_archive_path_as_its_source(tmp_path: Path) -> None:
    member = expand("utf8_names.zip", tmp_path)[0]
    document = read_document(member.path, member.source)
    assert document.source == "utf8_names.zip!/2023年自评/水利局/自评报告.docx"
    assert document.paragraphs[0].location.file == "utf8_names.zip!/2023年自评/水利局/自评报告.docx"
    assert document.paragraphs[0].text == "某县水利局2023年度项目支出绩效自评报告"


def test_gbk_names_without_the_utf8_flag_are_decoded_as_gbk(tmp_path: Path) -> None:
    with zipfile.ZipFile(FORMATS / "gbk_names.zip") as archive:  # what zipfile alone makes of them
        assert archive.infolist()[1].flag_bits & 0x800 == 0
        assert archive.namelist()[1] == "绩效自评/部门整体支出自评报告.txt".encode("gbk").decode("cp437")
    members = expand("gbk_names.zip", tmp_path)
    assert summary(members, tmp_path) == [
        ("gbk_names.zip!/绩效自评/部门整体支出自评报告.txt", "绩效自评/部门整体支出自评报告.txt", "0001/部门整体支出自评报告.txt", 90),
        ("gbk_names.zip!/绩效自评/项目自评表.txt", "绩效自评/项目自评表.txt", "0002/项目自评表.txt", 10),
        ("gbk_names.zip!/readme.txt", "readme.txt", "0003/readme.txt", 10),
    ]  # fmt: skip
    assert members[0].path.read_bytes().decode("gbk") == REPORT_TXT


def test_the_unicode_path_extra_field_wins_over_the_legacy_name(tmp_path: Path) -> None:
    members = expand("unicode_extra.zip", tmp_path)
    assert [(m.source, m.name) for m in members] == [("unicode_extra.zip!/统一编码报告.txt", "统一编码报告.txt")]


def test_a_stale_unicode_path_extra_field_is_ignored(tmp_path: Path) -> None:
    """The field's CRC must match the stored name; a renamed entry keeps the field of its old name."""
    raw = "新名字.txt".encode("gbk")
    stale_crc = zlib.crc32("旧名字.txt".encode("gbk")) & 0xFFFFFFFF
    body = struct.pack("<BI", 1, stale_crc) + "旧名字.txt".encode()
    info = RawNameZipInfo(raw)
    info.extra = struct.pack("<HH", 0x7075, len(body)) + body
    path = tmp_path / "stale.zip"
    with zipfile.ZipFile(path, "w") as archive:
        archive.writestr(info, b"x")
    (member,) = expand_archive(path, tmp_path / "work", source="stale.zip")
    assert member.name == "新名字.txt"


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("报告.docx".encode(), "报告.docx"),  # macOS/Linux: UTF-8 without the flag
        ("报告.docx".encode("gbk"), "报告.docx"),  # Windows 压缩 tools: GBK
        ("𠀀字.txt".encode("gb18030"), "𠀀字.txt"),  # beyond GBK: GB18030 four-byte sequence
        (b"report.docx", "report.docx"),
        (b"\x80\xff.txt", "Ç\u00a0.txt"),  # neither (0x80 starts no GB18030 character): cp437
    ],
)
def test_decode_legacy_name(raw: bytes, expected: str) -> None:
    assert decode_legacy_name(raw) == expected


# --- nesting ----------------------------------------------------------------------------------


def test_a_nested_zip_is_expanded_one_level_deep(tmp_path: Path) -> None:
    members = expand("nested.zip", tmp_path)
    assert summary(members, tmp_path) == [
        ("nested.zip!/外层报告.txt", "外层报告.txt", "0001/外层报告.txt", 124),
        ("nested.zip!/附件/内层.zip!/内层报告.txt", "内层报告.txt", "0002/0003/内层报告.txt", 124),
        ("nested.zip!/附件/内层.zip!/更深/第三层.zip", "更深/第三层.zip", "0002/0004/第三层.zip", 0),
    ]  # fmt: skip
    assert not (tmp_path / "0002" / "内层.zip").exists()  # the expanded nested zip is removed
    # the zip nested deeper is refused on its own, said to be nested too deep (blind probe AF: it
    # was read as a member, and the reader's “cannot read a zip” misled the clerk)
    assert members[2].failure is not None and "嵌套过深" in members[2].failure.reason
    assert not members[2].path.exists()


def test_max_depth_sets_how_deep_nested_zips_are_expanded(tmp_path: Path) -> None:
    shallow = expand("nested.zip", tmp_path / "0", max_depth=0)
    assert [(m.source, m.failure is not None) for m in shallow] == [
        ("nested.zip!/外层报告.txt", False), ("nested.zip!/附件/内层.zip", True)]
    deep = expand("nested.zip", tmp_path / "2", max_depth=2)
    assert [m.source for m in deep] == [
        "nested.zip!/外层报告.txt",
        "nested.zip!/附件/内层.zip!/内层报告.txt",
        "nested.zip!/附件/内层.zip!/更深/第三层.zip!/最里层.txt",
    ]


def test_a_docx_inside_an_archive_is_not_taken_for_a_nested_zip(tmp_path: Path) -> None:
    members = expand("utf8_names.zip", tmp_path, max_depth=3)
    assert members[0].name == "2023年自评/水利局/自评报告.docx"


# --- refused archives -------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("name", "member"),
    [("traversal.zip", "../../逃逸.txt"), ("absolute.zip", "/tmp/绝对路径.txt")],
)
def test_names_leaving_the_folder_refuse_the_whole_archive(name: str, member: str, tmp_path: Path) -> None:
    with pytest.raises(UnsafeArchiveError) as raised:
        expand(name, tmp_path)
    assert raised.value.reason == (
        f"压缩包“{name}”中的“{member}”指向压缩包以外的位置（路径穿越），为安全起见未解压此压缩包，请检查来源后重新打包提交"
    )
    assert list(tmp_path.iterdir()) == []  # nothing was extracted, not even the harmless member
    assert not (tmp_path.parent / "逃逸.txt").exists()


@pytest.mark.parametrize("member", ["C:/Windows/报告.txt", "a\\..\\..\\报告.txt", "__MACOSX/../../x"])
def test_drive_letters_backslashes_and_hidden_traversals_are_refused(member: str, tmp_path: Path) -> None:
    path = tmp_path / "bad.zip"
    with zipfile.ZipFile(path, "w") as archive:
        archive.writestr(member, b"x")
    with pytest.raises(UnsafeArchiveError):
        expand_archive(path, tmp_path / "work")


def test_a_truncated_zip_is_a_corrupt_file_error(tmp_path: Path) -> None:
    with pytest.raises(CorruptFileError) as raised:
        expand("truncated.zip", tmp_path)
    assert raised.value.reason == "压缩包“truncated.zip”已损坏或不完整（找不到文件目录），无法解压，请重新打包后提交"


def test_a_member_with_damaged_data_is_a_corrupt_file_error(tmp_path: Path) -> None:
    data = bytearray((FORMATS / "utf8_names.zip").read_bytes())
    with zipfile.ZipFile(FORMATS / "utf8_names.zip") as archive:
        offset = archive.getinfo("2023年自评/水利局/自评报告.docx").header_offset
    name_length, extra_length = struct.unpack_from("<HH", data, offset + 26)
    start = offset + 30 + name_length + extra_length + 200  # inside the member's compressed data
    data[start : start + 64] = bytes(64)
    path = tmp_path / "damaged.zip"
    path.write_bytes(bytes(data))
    members = expand_archive(path, tmp_path / "work", source="damaged.zip")
    (damaged,) = [m for m in members if m.failure is not None]
    assert damaged.name == "2023年自评/水利局/自评报告.docx" and not damaged.path.exists()
    assert isinstance(damaged.failure, CorruptFileError)
    assert damaged.failure.reason == "压缩包“damaged.zip”中的“2023年自评/水利局/自评报告.docx”已损坏，无法解压，请重新打包后提交"
    others = [m for m in members if m.failure is None]
    assert len(others) == len(members) - 1 >= 1 and all(m.path.exists() for m in others)


def test_an_encrypted_member_is_refused_and_the_others_extracted(tmp_path: Path) -> None:
    public, secret = expand("encrypted.zip", tmp_path)
    assert public.failure is None and public.name == "public.txt" and public.path.exists()
    assert isinstance(secret.failure, EncryptedFileError) and not secret.path.exists()
    assert secret.failure.reason == "压缩包“encrypted.zip”中的“secret.txt”设有密码，无法解压，请取消密码后重新打包提交"


# --- limits -----------------------------------------------------------------------------------


def make_bomb(path: Path, size: int = 5 * MIB) -> Path:
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED, compresslevel=9) as archive:
        archive.writestr("报告.txt", bytes(size))  # zeros: about 5 KiB compressed, >1000×
    return path


def test_a_zip_bomb_is_refused_by_the_compression_ratio(tmp_path: Path) -> None:
    bomb = make_bomb(tmp_path / "炸弹.zip")
    with zipfile.ZipFile(bomb) as archive:
        info = archive.infolist()[0]
        assert info.file_size / info.compress_size > 1000
    (member,) = expand_archive(bomb, tmp_path / "work")
    assert isinstance(member.failure, MemberLimitError)
    assert member.failure.reason == "压缩包“炸弹.zip”中的“报告.txt”压缩比异常（超过200倍，疑似“压缩炸弹”），为防止资源耗尽未予解压"
    assert list((tmp_path / "work").iterdir()) == []


def test_a_zip_bomb_nested_in_a_zip_is_refused_too(tmp_path: Path) -> None:
    bomb = make_bomb(tmp_path / "炸弹.zip")
    outer = tmp_path / "外层.zip"
    with zipfile.ZipFile(outer, "w") as archive:
        archive.write(bomb, "附件/炸弹.zip")
    (member,) = expand_archive(outer, tmp_path / "work")
    assert member.source.endswith("外层.zip!/附件/炸弹.zip!/报告.txt")
    assert isinstance(member.failure, MemberLimitError)
    assert member.failure.reason == (
        "压缩包“外层.zip!/附件/炸弹.zip”中的“报告.txt”压缩比异常（超过200倍，疑似“压缩炸弹”），为防止资源耗尽未予解压"
    )


def test_a_small_file_of_repeated_characters_is_not_a_bomb(tmp_path: Path) -> None:
    path = tmp_path / "空格.zip"
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("空白.txt", b" " * 500_000)  # ~1000× but under ratio_min_bytes
    (member,) = expand_archive(path, tmp_path / "work")
    assert member.size == 500_000


def test_declared_sizes_that_lie_are_caught_while_streaming(tmp_path: Path) -> None:
    """A central directory declaring 1000 bytes for 5 MiB of data: zipfile stops at 1000 bytes and
    the CRC no longer matches, so the member is damaged; nothing beyond 1000 bytes is written."""
    bomb = bytearray(make_bomb(tmp_path / "假.zip").read_bytes())
    real = struct.pack("<I", 5 * MIB)
    assert bomb.count(real) == 2  # local header and central directory
    path = tmp_path / "假大小.zip"
    path.write_bytes(bytes(bomb).replace(real, struct.pack("<I", 1000)))
    (member,) = expand_archive(path, tmp_path / "work", source="假大小.zip")
    assert isinstance(member.failure, CorruptFileError)
    assert list((tmp_path / "work").rglob("*.txt")) == []  # the partial file is removed


@pytest.mark.parametrize(
    ("limits", "reason"),
    [
        (
            {"max_members": 5},
            "压缩包“utf8_names.zip”包含的文件过多（共9项，上限为5项），为防止资源耗尽未予解压，请分批打包提交",
        ),
        (
            {"max_total_bytes": 37_300},
            "压缩包“utf8_names.zip”解压后的总大小超过上限（37300 字节），为防止资源耗尽未予解压，请分批打包提交",
        ),
    ],
)
def test_each_limit_raises_an_archive_limit_error_naming_it(limits: dict, reason: str, tmp_path: Path) -> None:
    with pytest.raises(ArchiveLimitError) as raised:
        expand("utf8_names.zip", tmp_path, **limits)
    assert raised.value.reason == reason
    assert list(tmp_path.iterdir()) == []


def test_a_member_over_the_size_limit_is_refused_on_its_own(tmp_path: Path) -> None:
    members = expand("utf8_names.zip", tmp_path, max_member_bytes=10_000)
    refused = [m for m in members if m.failure is not None]
    assert [m.name for m in refused] == ["2023年自评/水利局/自评报告.docx"]
    assert isinstance(refused[0].failure, MemberLimitError)
    assert refused[0].failure.reason == (
        "压缩包“utf8_names.zip”中的“2023年自评/水利局/自评报告.docx”解压后超过单个文件大小上限（10000 字节），"
        "为防止资源耗尽未予解压"
    )
    assert all(m.path.exists() and m.size <= 10_000 for m in members if m.failure is None)


def test_limits_are_shared_with_nested_archives(tmp_path: Path) -> None:
    """nested.zip has 2 entries and its inner zip 2 more: 4 > 3 although each has fewer."""
    with pytest.raises(ArchiveLimitError) as raised:
        expand("nested.zip", tmp_path, max_members=3)
    assert raised.value.reason == (
        "压缩包“nested.zip!/附件/内层.zip”包含的文件过多（共4项，上限为3项），为防止资源耗尽未予解压，请分批打包提交"
    )


def test_default_limits() -> None:
    assert ArchiveLimits() == ArchiveLimits(
        max_total_bytes=2 * 1024 * MIB, max_members=10_000, max_member_bytes=500 * MIB,
        max_ratio=200.0, ratio_min_bytes=MIB, max_depth=1,
    )  # fmt: skip
    with pytest.raises(ValueError):
        ArchiveLimits(max_ratio=0)


# --- small parts ------------------------------------------------------------------------------


def test_long_names_are_cut_to_fit_the_file_system_keeping_the_suffix() -> None:
    name = "关于" + "绩效" * 100 + "的报告.docx"
    cut = safe_file_name(name)
    assert cut.endswith(".docx") and len(cut.encode("utf-8")) <= 200 and name.startswith(cut[:-5])
    assert safe_file_name('a<b>:"c"|?.txt') == "a_b___c___.txt"


@pytest.mark.parametrize(
    ("size", "text"),
    [(2 * 1024**3, "2 GiB"), (500 * MIB, "500 MiB"), (64 * 1024, "64 KiB"), (1500, "1500 字节")],
)
def test_bytes_text(size: int, text: str) -> None:
    assert bytes_text(size) == text


def test_an_archive_with_only_skipped_entries_gives_no_members(tmp_path: Path) -> None:
    path = tmp_path / "mac.zip"
    with zipfile.ZipFile(path, "w") as archive:
        archive.writestr("报告/", b"")
        archive.writestr("__MACOSX/报告/._a.docx", b"x")
        archive.writestr("报告/.DS_Store", b"x")
        archive.writestr("报告/Thumbs.db", b"x")
    assert expand_archive(path, tmp_path / "work") == []
