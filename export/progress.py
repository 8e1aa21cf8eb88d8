"""Progress on stderr: a bar on a terminal, a plain line now and then in a log, nothing if quiet.

tqdm draws the bar (files done / total, rate, time left, the current file). When stderr is not a
terminal — a scheduled job, a CI log — a bar would fill the log with control characters, so a
short Chinese line is printed at most every ``line_seconds`` instead.
"""

from __future__ import annotations

import sys
import time
from pathlib import Path


class Progress:
    def __init__(self, total: int, quiet: bool = False, line_seconds: float = 10.0) -> None:
        self.total = total
        self.quiet = quiet
        self.done_count = 0
        self.line_seconds = line_seconds
        self._last_line = time.monotonic()
        self._started = time.monotonic()
        self._current = ""
        self._bar = terminal_bar(total) if sys.stderr.isatty() and not quiet else None

    def grow(self, more: int) -> None:
        """``more`` files to do than counted so far: an archive's members in place of the archive
        (fewer, for an archive holding no report)."""
        if not more:
            return
        self.total += more
        if self._bar is not None:
            self._bar.total = self.total
            self._bar.refresh()

    def start(self, source: str) -> None:
        self._current = Path(source).name
        if self._bar is not None:
            self._bar.set_postfix_str(self._current[-40:], refresh=False)

    def done(self) -> None:
        self.done_count += 1
        if self._bar is not None:
            self._bar.update(1)
            return
        now = time.monotonic()
        if not self.quiet and (now - self._last_line >= self.line_seconds):
            rate = self.done_count / max(now - self._started, 1e-9)
            left = (self.total - self.done_count) / rate if rate else 0
            print(f"已处理 {self.done_count}/{self.total} 个文件，每秒 {rate:.1f} 个，预计还需 {left:.0f} 秒；"
                  f"当前：{self._current}", file=sys.stderr)
            self._last_line = now

    def close(self) -> None:
        if self._bar is not None:
            self._bar.close()


def terminal_bar(total: int):
    """tqdm's bar on stderr. tqdm is imported here, when a bar is drawn: a run with --quiet or
    into a log (a scheduled job) does without its import, 15-40 ms before the first file."""
    from tqdm import tqdm

    return tqdm(total=total, file=sys.stderr, unit="个文件", dynamic_ncols=True)
