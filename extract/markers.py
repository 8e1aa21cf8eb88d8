"""Markers that open a line of a report: a list item or heading, a table continued from before.

Readers of several formats and the figure extractor ask the same questions of a line (does it open
an item? does it say its table goes on?), so the patterns live here, in a module that imports
nothing heavy: the .docx reader must not load pdfplumber to know what “一、” is.
"""

from __future__ import annotations

import re

# A line starting like this opens a new paragraph even when the previous line was full:
# headings and list items of Chinese reports. "1." must not be followed by a digit, so that a
# wrapped "9914.42万元" at the start of a line is not taken for item 9914.
LIST_MARKER = re.compile(
    r"^\s*(?:"
    r"第[一二三四五六七八九十百]+[章节部分条]"  # 第一章 / 第二部分
    r"|[一二三四五六七八九十]+[、.．]"  # 一、
    r"|[（(][一二三四五六七八九十\d]+[）)]"  # （一） (1)
    r"|\d+(?:[、）)]|[.．](?!\d))"  # 1、 1) 1.
    r"|[①-⑳]"  # ①
    r")"
)

# A caption saying the table goes on from the previous page: "续表", "续表1-2", "（续表）", "续上表";
# in a workbook, a sheet's first row saying so.
CONTINUED_MARKER = re.compile(r"^\s*[（(]?\s*续(?:表|上表)")

# A caption line saying its table goes on with the one before it: 续表, 续表6, （续表）, 续上表, and the
# table's own name with （续） after it: 表6（续）, 表1-2（续表）.
CONTINUATION_CAPTION = re.compile(r"^\s*[（(]?\s*续(?:表|上表)|[（(]\s*续表?\s*[)）]\s*$")
# A paragraph that only says so is a short line: 续表1, 表1（续）, not a sentence about 续表.
CONTINUED_LINE_MAX = 20


def says_continued(text: str) -> bool:
    """Whether a paragraph is only a line saying the table after it continues the last one."""
    stripped = text.strip()
    return len(stripped) <= CONTINUED_LINE_MAX and CONTINUATION_CAPTION.search(stripped) is not None
