"""Manual line breaks inside a paragraph: which of them only wrap a sentence.

A .docx paragraph holds them as ``w:br`` (read as "\n"), and Word's text export writes them as
a vertical tab (\x0b); both readers ask the same question of them, so the answer lives here, in
a module that imports nothing heavy.
"""

from __future__ import annotations

import re

from extract.markers import LIST_MARKER

# A manual line break (w:br) inside a sentence, as text pasted from a PDF or a web page keeps its
# old line ends: “…核定编制<br/>46名，实有在职人员44<br/>人。” (blind probe AD ad02), “≥<br/>98%” in a
# cell. Two cases are taken for a wrap and joined: a number cut from what completes it (a digit or a
# comparator before, a digit, %, a unit or a multiplier after), or a line this long that ends
# mid-sentence before a line that opens no item. A short line (a name over a date, a title over
# its second line, 预算数 over （万元）) is a line of its own, as Word shows it.
WRAPPED_LINE_MIN_CHARS = 15
_CUT_NUMBER = re.compile(r"[\d≥≤＞＜><.]\n(?=[\d%％万亿元人名个户])")
_OPEN_ENDING = re.compile(r"[^。；;！!？?：:\s]$")
POINT_MARKER = re.compile(r"\s*[一二三四五六七八九十]是")  # 一是…, 二是…: the points of a paragraph


def join_wrapped_breaks(text: str) -> str:
    """``text`` with the manual line breaks that wrap a sentence removed (see WRAPPED_LINE_MIN_CHARS)."""
    text = _CUT_NUMBER.sub(lambda m: m.group()[0], text)
    lines = text.split("\n")
    if len(lines) == 1:
        return text
    joined = [lines[0]]
    for line in lines[1:]:
        before = joined[-1]
        last_line = before.rpartition("\n")[2]
        if (len(last_line) >= WRAPPED_LINE_MIN_CHARS and _OPEN_ENDING.search(last_line)
                and line and not LIST_MARKER.match(line) and not POINT_MARKER.match(line)):
            joined[-1] = before + line
        else:
            joined[-1] = before + "\n" + line
    return joined[0]


# A paragraph that ends inside a number and the one that goes on with it: text pasted from a PDF
# or a scan keeps the page's line ends as paragraph ends, and cuts numbers (blind probe AR:
# “全年执行数3088.6” / “4万元。”, “全年执行数12,3” / “45.67万元”, “实有在职人员6” / “0人”). Read
# apart, the first part became the figure (3088.6, 12, 6), a wrong value with false alarms. The
# paragraph must end in a digit (or a digit and its , or .) right after words, the next begin
# with a digit, and open neither a list item (“2、…”) nor a statement of a year (“附件 5” over
# “2023年度…整体支出”, a title's lines).
_ENDS_IN_A_DIGIT = re.compile(r"[\u4e00-\u9fff][^\u4e00-\u9fff\s]{0,12}\d[,，.]?$")
_OPENS_A_YEAR = re.compile(r"(?:19|20)\d{2}\s*年")
CUT_PARAGRAPH_MIN_CHARS = 4
_DIGIT_OR_SEPARATOR = frozenset("0123456789,，.")


def continues_a_cut_number(before: str, after: str) -> bool:
    """Whether paragraph ``after`` goes on with a number ``before`` ends inside (see above)."""
    before, after = before.rstrip(), after.lstrip()
    if not (after[:1].isdigit() and before[-1:] in _DIGIT_OR_SEPARATOR):
        return False  # nearly every pair of paragraphs: two tests, no search
    return (len(before) >= CUT_PARAGRAPH_MIN_CHARS
            and _ENDS_IN_A_DIGIT.search(before[-16:]) is not None and not LIST_MARKER.match(after)
            and not _OPENS_A_YEAR.match(after))
