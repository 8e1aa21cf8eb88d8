"""Zip members deflated in blocks on threads (export/zip_deflate.py): the same bytes read back."""

from __future__ import annotations

import random
import zipfile
import zlib
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import pytest

from export import zip_deflate
from export.sheet_writer import SheetSpec, write_report_xlsx
from export.zip_deflate import BLOCK_BYTES, BlockDeflater, BlockDeflateZipFile


def inflate(stream: bytes) -> bytes:
    inflater = zlib.decompressobj(-zlib.MAX_WBITS)
    data = inflater.decompress(stream) + inflater.flush()
    assert inflater.eof, "the stream must end with a final block"
    assert not inflater.unused_data
    return data


def blocked(data: bytes, level: int = 1, piece: int = 8192) -> bytes:
    """``data`` through a BlockDeflater fed in ``piece``-byte writes, as zipfile feeds it."""
    with ThreadPoolExecutor(max_workers=2) as executor:
        deflater = BlockDeflater(level, executor, threads=2)
        out = [deflater.compress(data[start:start + piece]) for start in range(0, len(data), piece)]
        out.append(deflater.flush())
    return b"".join(out)


def sample_xml(size: int, seed: int = 7) -> bytes:
    """Sheet-like XML: repeated tags around varied numbers and CJK text."""
    rng = random.Random(seed)
    rows = []
    total = 0
    while total < size:
        row = (f'<row r="{len(rows) + 1}"><c r="A{len(rows) + 1}" t="inlineStr"><is><t>'
               f'{"预算执行率"[:rng.randint(1, 5)]}{rng.randint(0, 10**6)}</t></is></c></row>').encode()
        rows.append(row)
        total += len(row)
    return b"".join(rows)[:size]


@pytest.mark.parametrize("size", [0, 1, BLOCK_BYTES - 1, BLOCK_BYTES, BLOCK_BYTES + 1, 3 * BLOCK_BYTES + 12345])
def test_blocks_inflate_to_the_data_at_every_cut(size: int) -> None:
    data = sample_xml(size)
    assert inflate(blocked(data)) == data


def test_random_bytes_and_odd_write_sizes() -> None:
    data = random.Random(3).randbytes(2 * BLOCK_BYTES + 777)
    assert inflate(blocked(data, level=6, piece=100_003)) == data


def test_each_block_is_primed_with_the_data_before_it() -> None:
    """Text that repeats within the window compresses across the cuts as in one stream: without
    the dictionary every block would spell its 20 KB again."""
    unit = random.Random(5).randbytes(20_000)
    data = unit * (4 * BLOCK_BYTES // len(unit))
    one_stream = zlib.compressobj(6, zlib.DEFLATED, -zlib.MAX_WBITS)
    single = len(one_stream.compress(data) + one_stream.flush())
    assert len(blocked(data, level=6)) < single + 2_000
    assert len(blocked(data, level=6)) < 4 * len(unit)  # 4 blocks, each spelling the unit


def test_a_large_member_is_deflated_in_blocks_and_reads_back(tmp_path: Path, monkeypatch) -> None:
    calls: list[int] = []
    original = zip_deflate.deflate_block

    def counting(block: bytes, dictionary: bytes, level: int, last: bool) -> bytes:
        calls.append(len(block))
        return original(block, dictionary, level, last)

    monkeypatch.setattr(zip_deflate, "deflate_block", counting)
    large, small = sample_xml(zip_deflate.MIN_BLOCKED_BYTES + 5 * 1024, seed=1), sample_xml(1000, seed=2)
    (tmp_path / "large.xml").write_bytes(large)
    (tmp_path / "small.xml").write_bytes(small)
    path = tmp_path / "out.zip"
    with ThreadPoolExecutor(max_workers=2) as executor, BlockDeflateZipFile(
            path, "w", compression=zipfile.ZIP_DEFLATED, compresslevel=1, executor=executor, threads=2) as package:
        package.write(tmp_path / "large.xml", "xl/worksheets/sheet1.xml")
        package.write(tmp_path / "small.xml", "xl/styles.xml")
    assert len(calls) == len(large) // BLOCK_BYTES + 1  # the small member went zipfile's way
    with zipfile.ZipFile(path) as package:
        assert package.testzip() is None  # every CRC checked
        assert package.read("xl/worksheets/sheet1.xml") == large
        assert package.read("xl/styles.xml") == small
        assert package.getinfo("xl/worksheets/sheet1.xml").compress_type == zipfile.ZIP_DEFLATED


def test_without_an_executor_it_is_a_plain_zipfile(tmp_path: Path, monkeypatch) -> None:
    monkeypatch.setattr(zip_deflate, "deflate_block", lambda *args: pytest.fail("no blocks without an executor"))
    data = sample_xml(zip_deflate.MIN_BLOCKED_BYTES + 1)
    (tmp_path / "large.xml").write_bytes(data)
    with BlockDeflateZipFile(tmp_path / "out.zip", "w", compression=zipfile.ZIP_DEFLATED) as package:
        package.write(tmp_path / "large.xml", "large.xml")
    with zipfile.ZipFile(tmp_path / "out.zip") as package:
        assert package.read("large.xml") == data


def test_a_workbook_written_in_blocks_has_the_same_parts(tmp_path: Path, monkeypatch) -> None:
    """report.xlsx with its sheets deflated in many small blocks holds the same parts, byte for
    byte (the time of writing aside), as one whose sheets are deflated in one stream."""
    rows = [{"name": f"第{index}行", "value": str(index * 7)} for index in range(3000)]

    def write(path: Path) -> dict[str, bytes]:
        write_report_xlsx(path, [SheetSpec("指标", ("name", "value"), rows, frozenset({"value"}))])
        with zipfile.ZipFile(path) as package:
            assert package.testzip() is None
            # docProps/core.xml holds the time of writing, to the second
            return {name: package.read(name) for name in package.namelist() if name != "docProps/core.xml"}

    whole = write(tmp_path / "whole.xlsx")
    monkeypatch.setattr(zip_deflate, "MIN_BLOCKED_BYTES", 1024)
    monkeypatch.setattr(zip_deflate, "BLOCK_BYTES", 4096)
    calls: list[int] = []
    original = zip_deflate.deflate_block
    monkeypatch.setattr(zip_deflate, "deflate_block", lambda *args: calls.append(1) or original(*args))
    assert write(tmp_path / "blocks.xlsx") == whole
    assert len(calls) > 10
