"""The metadata's faster title search and grade gates give exactly what the forms they replaced gave.

``_find_title`` tries as a title's start only lines holding 年 or one of the two lines before
such a line; the reference is the same search with every line tried (``_title_starts`` replaced).
The last two grade patterns were asked of every line holding 结, or 等 or 评级, and now only of
lines holding the words the patterns need. Compared on random lines built from the words that matter.
"""

from __future__ import annotations

import random

from extract import metadata
from extract.metadata import _Line
from extract.model import Location

TITLE_PIECES = ("某县教育局", "2023年度", "二〇二三年度", "年", "学前教育发展专项资金", "绩效", "自评报告", "报", "告",
                "填报日期：2024年3月22日", "整体支出", "评价", "一、基本情况", "", "2025年3月26日", "项目")
GRADE_PIECES = ("评价结果为", "自评结论：", "结", "果", "论", "优秀", "“", "”", "良", "等次", "等级", "档次", "等",
                "评级为", "评定为", "属于", "2024年度", "上年度", "本年度", "。", "被评为“优秀”档次", "中等", "为")


def _lines(texts: list[str]) -> list[_Line]:
    return [_Line(text, Location(file="random", line=number), number // 3) for number, text in enumerate(texts, 1)]


def test_title_search_from_year_lines_finds_what_every_line_found(monkeypatch):
    rng = random.Random(25)
    cases = []
    for _ in range(4000):
        texts = ["".join(rng.choices(TITLE_PIECES, k=rng.randint(1, 4))) or "x" for _ in range(rng.randint(0, 9))]
        lines = _lines(texts)
        cases.append((texts, lines, metadata._find_title(lines)))
    # the same search, every line tried as a title's start
    monkeypatch.setattr(metadata, "_title_starts", lambda lines: range(len(lines)))
    found = 0
    for texts, lines, title in cases:
        assert metadata._find_title(lines) == title, texts
        found += title is not None
    assert found > 100  # the random lines do hold titles


def _old_grade_tail(lines: list[_Line], fiscal_year: int | None) -> metadata.MetaValue | None:
    for line in lines:
        if "结" in line.text and (match := metadata._own_year_match(
                metadata.GRADE_AS_RESULT, line.text, fiscal_year)) is not None:
            return metadata.MetaValue(match.group(1), line.location)
    for line in lines:
        if ("等" in line.text or "评级" in line.text) and (
                match := metadata._own_year_match(metadata.GRADE_BEFORE_WORD, line.text, fiscal_year)) is not None:
            return metadata.MetaValue(match.group(1) or match.group(2), line.location)
    return None


def test_grade_gates_find_what_the_wider_gates_found():
    rng = random.Random(26)
    found = 0
    for _ in range(4000):
        lines = _lines(["".join(rng.choices(GRADE_PIECES, k=rng.randint(1, 6))) for _ in range(rng.randint(1, 4))])
        fiscal_year = rng.choice((None, 2024, 2025))
        expected = _old_grade_tail(lines, fiscal_year)
        found += expected is not None
        # each gate against the pattern it guards: the lines it passes over are never matched
        for line in lines:
            old_asked = "结" in line.text and metadata.GRADE_AS_RESULT.search(line.text) is not None
            assert old_asked == (("结果" in line.text or "结论" in line.text)
                                 and metadata.GRADE_AS_RESULT.search(line.text) is not None)
            old_asked = ("等" in line.text or "评级" in line.text) and metadata.GRADE_BEFORE_WORD.search(line.text)
            assert bool(old_asked) == bool(metadata._may_grade_before_word(line.text)
                                           and metadata.GRADE_BEFORE_WORD.search(line.text))
    assert found > 100  # the random lines do reach the patterns
