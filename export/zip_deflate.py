"""Large zip members deflated in blocks on several threads, as pigz does, for report.xlsx.

Why: the sheets of a 1,000-report workbook are some 34 MB of XML, and deflating them took 0.11 s
of CPU on one core after the last report was in, with the workers gone and the other cores idle.
zlib releases the GIL while it deflates, so blocks deflated on threads run side by side.

How the blocks make one member: the data is cut into BLOCK_BYTES blocks, each deflated on its own
as raw deflate, primed with the 32 KiB before it as its dictionary (so a back-reference may
still reach across the cut, as in one stream) and ended with a sync flush (byte-aligned, not
final); the last block is finished. Concatenated in order, the blocks are one valid deflate
stream, which every zip reader inflates as if it had been deflated in one go: the member's bytes
and CRC are the same, only the compressed bytes differ (and hardly in size).

This module relies on one zipfile internal: the ``_compressor`` of the handle ``ZipFile.open(…,
"w")`` returns (``compress``/``flush``, zlib's interface), which CPython has had since 3.6.
``BlockDeflateZipFile.write`` swaps it only when that attribute is there, and otherwise deflates
as zipfile does; tests/test_zip_deflate.py reads every member back and checks its CRC.
"""

from __future__ import annotations

import os
import shutil
import zipfile
import zlib
from collections import deque
from concurrent.futures import Executor, Future

BLOCK_BYTES = 1 << 20
WINDOW_BYTES = 1 << 15  # deflate's window: the farthest a back-reference reaches
# Smaller members are deflated as zipfile does: threads would not pay for themselves.
MIN_BLOCKED_BYTES = 4 * BLOCK_BYTES
# Blocks deflated ahead of the writer, per thread: enough to keep every thread busy, few enough
# that memory stays at a few blocks however large the member.
BLOCKS_AHEAD_PER_THREAD = 2


def deflate_block(block: bytes, dictionary: bytes, level: int, last: bool) -> bytes:
    """One block as raw deflate, primed with ``dictionary`` (the data just before it); ended
    with a sync flush unless it is the ``last``, which is finished."""
    options = {"zdict": dictionary} if dictionary else {}
    compressor = zlib.compressobj(level, zlib.DEFLATED, -zlib.MAX_WBITS, **options)
    return compressor.compress(block) + compressor.flush(zlib.Z_FINISH if last else zlib.Z_SYNC_FLUSH)


class BlockDeflater:
    """A compressor with the interface zipfile uses of zlib's (``compress``, ``flush``) whose
    blocks are deflated on ``executor``'s threads; output comes back in order."""

    def __init__(self, level: int, executor: Executor, threads: int) -> None:
        self.level = level
        self.executor = executor
        self.ahead = max(1, threads) * BLOCKS_AHEAD_PER_THREAD
        self.buffer = bytearray()
        self.dictionary = b""
        self.running: deque[Future[bytes]] = deque()

    def compress(self, data: bytes) -> bytes:
        """Take ``data``; return the deflated blocks finished so far, in order."""
        self.buffer += data
        while len(self.buffer) >= BLOCK_BYTES:
            block = bytes(self.buffer[:BLOCK_BYTES])
            del self.buffer[:BLOCK_BYTES]
            self._submit(block, last=False)
        done = []
        while self.running and (self.running[0].done() or len(self.running) > self.ahead):
            done.append(self.running.popleft().result())
        return b"".join(done)

    def flush(self) -> bytes:
        """The rest of the stream, finished."""
        self._submit(bytes(self.buffer), last=True)
        self.buffer.clear()
        done = [future.result() for future in self.running]
        self.running.clear()
        return b"".join(done)

    def _submit(self, block: bytes, last: bool) -> None:
        self.running.append(self.executor.submit(deflate_block, block, self.dictionary, self.level, last))
        self.dictionary = block[-WINDOW_BYTES:]


class BlockDeflateZipFile(zipfile.ZipFile):
    """A ZipFile that deflates each member of MIN_BLOCKED_BYTES or more in blocks on
    ``executor`` (``threads`` of them); without an executor, a plain ZipFile."""

    def __init__(self, *args, executor: Executor | None = None, threads: int = 1, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.executor = executor
        self.threads = threads

    def write(self, filename, arcname=None, compress_type=None, compresslevel=None) -> None:  # type: ignore[override]
        """As ZipFile.write; a member of MIN_BLOCKED_BYTES or more to deflate is deflated in
        blocks, and copied a block at a time, not in zipfile's 8 KiB pieces (a read, a CRC and a
        compress call each: 4,000 of them for the sheets of 1,000 reports, on the one thread that
        feeds the others)."""
        if (self.executor is None or (compress_type or self.compression) != zipfile.ZIP_DEFLATED
                or os.path.getsize(filename) < MIN_BLOCKED_BYTES):
            super().write(filename, arcname, compress_type, compresslevel)
            return
        member = zipfile.ZipInfo.from_file(filename, arcname)
        member.compress_type = zipfile.ZIP_DEFLATED
        with open(filename, "rb") as source, self.open(member, "w") as target:
            if getattr(target, "_compressor", None) is not None:
                level = compresslevel if compresslevel is not None else self.compresslevel
                if level is None:
                    level = zlib.Z_DEFAULT_COMPRESSION
                target._compressor = BlockDeflater(level, self.executor, self.threads)
            shutil.copyfileobj(source, target, BLOCK_BYTES)
