"""Small fixes for one line of text read from a text file, one function per fix (after ftfy).

Each fix takes a string and returns it repaired; each docstring shows the case it exists for.
The fixes only remove what is *not* report content (artefacts of the Word-to-text export, byte
order marks, padding), so that the cleaned line is still found by searching the original file.
Anything that changes the content itself (full-width digits, spaces inside numbers) belongs to
the number parser, which keeps the raw text beside the value.

``fix_line`` runs every fix in ``LINE_FIXES`` order and says which of them changed something, so a
reader can tell the auditor what was repaired.
"""

from __future__ import annotations

import re
from collections.abc import Callable

from extract.line_breaks import join_wrapped_breaks

# "[bookmark: _GoBack]", "[bookmark: _Toc47553380]": the text export writes every Word bookmark
# that starts in a paragraph as such a marker, anywhere in the line, often several in a row.
BOOKMARK = re.compile(r"\[bookmark:[^\[\]\n]*\]")

# Characters with no width that break searching and number parsing when left inside text: zero-
# width spaces and joiners, the word joiner, a BOM inside a line, and the soft hyphen (shown only
# where a line breaks; “4,1\u00ad86.32万元” is 4,186.32, blind probe AD); and the control
# characters no editor shows (\x01, DEL, C1), which a spreadsheet cannot hold either: the
# workbook showed them as “�” while the CSV kept them (blind probe AI). Tab, line ends, the
# vertical tab (a soft line break, join_soft_breaks) and form feed (padding) are kept.
ZERO_WIDTH = re.compile("[\u00ad\u200b\u200c\u200d\u2060\ufeff\x00-\x08\x0e-\x1f\x7f-\x9f]")

# Whitespace that pads a line on either side: ASCII space and tab, no-break space (Word's
# "fixed space"), ideographic space U+3000 (Chinese indentation), form feed (page break), and
# the other Unicode spaces str.strip() knows.
PADDING = " \t\u00a0\u3000\u000c\u2002\u2003\u2009\u202f\u205f"


def remove_bom(text: str) -> str:
    """Drop a byte order mark left at the start of the text.

    >>> remove_bom("\\ufeff一、基本情况")
    '一、基本情况'
    """
    return text.removeprefix("\ufeff")


def remove_bookmarks(text: str) -> str:
    """Remove Word bookmark markers written by the text export, keeping the rest of the line.

    >>> remove_bookmarks("1、 [bookmark: _Toc47553378][bookmark: _Toc73976714]项目安排和资金使用基本情况")
    '1、 项目安排和资金使用基本情况'
    """
    return BOOKMARK.sub("", text)


def remove_zero_width(text: str) -> str:
    """Remove zero-width spaces, joiners, soft hyphens and control characters (invisible, but they
    split numbers and words).

    >>> remove_zero_width("预算数\\u200b640.00万元")
    '预算数640.00万元'

    Every character ZERO_WIDTH removes is unprintable (categories Cc and Cf), so a printable
    text, nearly every one, is handed back without the regex: ``isprintable`` looks each character
    up in a table, the regex tests each against its character set, about five times the work.
    """
    return text if text.isprintable() else ZERO_WIDTH.sub("", text)


def join_soft_breaks(text: str) -> str:
    """Word's text export writes a manual line break (Shift+Enter) as a vertical tab: where it only
    wraps a sentence it goes, as the .docx reader joins the same break; any other becomes a line
    break inside the paragraph (blind probe AI: a report with such breaks was refused as binary).

    >>> join_soft_breaks("根据相关职责，我中心内设四个机构，\x0b具体有：办公室、政策法规股")
    '根据相关职责，我中心内设四个机构，具体有：办公室、政策法规股'
    """
    return join_wrapped_breaks(text.replace(SOFT_BREAK, "\n")) if SOFT_BREAK in text else text


SOFT_BREAK = "\x0b"


def strip_padding(text: str) -> str:
    """Strip indentation and trailing padding, including no-break and ideographic spaces.

    Spaces *inside* the line are kept: "易 斌" and "自 评 报 告" are written that way.

    >>> strip_padding("\\u3000\\u3000（二）预算执行情况\\u00a0")
    '（二）预算执行情况'
    """
    return text.strip(PADDING)


# Order matters: a bookmark can hide the indentation behind it ("[bookmark: _GoBack]\t 我中心"),
# so padding is stripped last.
LINE_FIXES: tuple[Callable[[str], str], ...] = (
    remove_bom,
    remove_zero_width,
    remove_bookmarks,
    join_soft_breaks,
    strip_padding,
)


def fix_line(text: str) -> tuple[str, tuple[str, ...]]:
    """Apply every fix in order; return the fixed text and the names of the fixes that changed it.

    >>> fix_line("[bookmark: _GoBack]九、附表 ")
    ('九、附表', ('remove_bookmarks', 'strip_padding'))
    """
    applied: list[str] = []
    for fix in LINE_FIXES:
        fixed = fix(text)
        if fixed != text:
            applied.append(fix.__name__)
            text = fixed
    return text, tuple(applied)
