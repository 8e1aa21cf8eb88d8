"""The faster forms of analysis helpers give exactly what the forms they replaced gave.

Each replaced form is kept here, and only here, as the reference: the clause and sentence breaks of
running text (one regex pass and binary searches instead of a scan per number), headings (one
alternation instead of a loop over the markers), role-only labels (a character test before the word
removal), delta and negation words (one search), header roles (one keyword search before the loop),
the neighbours of a table value (each cell and row classified once), the metadata's dates and grades
(substring tests before the searches), a figure's location and a text figure (built by position, not
by keyword), the organisation named after a place (a substring search instead of a pattern compiled
per report), and the tokens and fuzzy steps of label matching (substring tests before jieba, lengths
before rapidfuzz). They are compared on the texts and tables of the corpus and of the fixtures, and
on random inputs built from the words that matter.
"""

from __future__ import annotations

import random
import re
from collections.abc import Iterator
from dataclasses import fields
from functools import cache

from conftest import CORPUS, FIXTURES

import pipeline
from extract import figures, indicators, metadata
from extract.figures import (
    _CLAUSE_BREAK,
    CLAUSE_BREAKS,
    DATE_CELL,
    HEADING_MARKERS,
    HEADING_MAX_CHARS,
    SENTENCE_BREAK,
    SENTENCE_BREAKS,
    UNIT_DECLARED,
    UNIT_IN_BRACKETS,
    UNIT_LINE,
    RawFigure,
    _Breaks,
    _is_title_row,
    _unit_in,
    is_label_cell,
)
from extract.indicators import MAX_LABEL_CHARS, ROLE_KEYWORDS, label_to_role
from extract.metadata import (
    CN_DATE,
    DATE,
    DATE_LINE_MAX_CHARS,
    EVALUATION_WORDS,
    GRADE_AFTER_WORD,
    GRADE_IN_TEXT,
    GRADE_LABEL,
    GRADE_WORDS,
    LABELLED_DATE,
    ORG_SUFFIX,
    MetaValue,
    _date_value,
    _Line,
)
from extract.model import Cell, Document, Location, Paragraph, Table
from extract.numbers import find_quantities
from extract.readers import read_document
from normalize import match
from normalize.catalogue import DELTA_WORDS, FILLER_WORDS, NEGATION_WORDS, ROLE_WORDS, WEAK_ROLE_WORDS
from normalize.match import _role_and_filler_words, clean_label, is_delta, is_negated, is_role_only, role_of

SEEDS = sorted(p.stem for p in (CORPUS / "txt").glob("*.txt"))
DOCX_FIXTURES = (
    "merged_cells", "nested_table", "large_table_300x10", "report_sangong", "edge_cases", "body_order",
)
RANDOM_CASES = 3000


@cache
def documents() -> tuple[Document, ...]:
    """The corpus in every format and the fixtures with tables: the texts and tables compared."""
    paths = [CORPUS / fmt / f"{seed}.{fmt}" for seed in SEEDS for fmt in ("txt", "docx", "pdf")]
    paths += [FIXTURES / "docx" / f"{name}.docx" for name in DOCX_FIXTURES]
    return tuple(read_document(path) for path in paths if path.exists())


def running_texts() -> Iterator[str]:
    for document in documents():
        for block in document.blocks:
            if isinstance(block, Paragraph):
                yield block.text
            else:
                for table in block.iter_tables():
                    yield from (cell.text for cell in table.cells)


def all_tables() -> Iterator[Table]:
    for document in documents():
        yield from document.tables


def random_text(rng: random.Random, words: tuple[str, ...], length: int) -> str:
    """Words that matter, mixed with characters of the same scripts and with breaks."""
    pieces = []
    for _ in range(length):
        kind = rng.random()
        if kind < 0.5:
            pieces.append(rng.choice(words))
        elif kind < 0.7:
            pieces.append(rng.choice(CLAUSE_BREAKS + " \t"))
        elif kind < 0.85:
            pieces.append(str(rng.randint(0, 3000)))
        else:
            pieces.append(chr(rng.randint(0x4E00, 0x4E00 + 300)))
    return "".join(pieces)


# --- clause and sentence breaks --------------------------------------------------------------


def old_last_break(text: str, before: int, breaks: str) -> int:
    for index in range(before - 1, -1, -1):
        if text[index] in breaks:
            return index + 1
    return 0


def old_next_break(text: str, start: int, breaks: str) -> int:
    for index in range(start, len(text)):
        if text[index] in breaks:
            return index
    return len(text)


def old_count_breaks(text: str, before: int, breaks: str) -> int:
    return sum(text.count(ch, 0, before) for ch in breaks)


def old_trailing(text: str, end: int, later: list) -> str:
    stop = old_next_break(text, end, CLAUSE_BREAKS)
    pieces, cursor = [], end
    for quantity in later:
        if (quantity.start or 0) >= stop:
            break
        pieces.append(text[cursor : quantity.start])
        cursor = quantity.end or cursor
    pieces.append(text[cursor:stop])
    return "".join(pieces).strip()


def assert_same_breaks(text: str) -> None:
    # Every position of a short text; in a long one (the old scans make this quadratic) every
    # seventh, and those the numbers ask about.
    positions = set(range(0, len(text) + 1, 1 if len(text) <= 400 else 7))
    positions.update(p for q in find_quantities(text) for p in (q.start or 0, q.end or 0))
    for breaks, pattern in ((CLAUSE_BREAKS, _CLAUSE_BREAK), (SENTENCE_BREAKS, SENTENCE_BREAK)):
        found = _Breaks.of(text, pattern)
        for index in sorted(positions):
            assert found.last_before(index) == old_last_break(text, index, breaks), (text, index)
            assert found.first_from(index) == old_next_break(text, index, breaks), (text, index)
            assert found.count_before(index) == old_count_breaks(text, index, breaks), (text, index)


def assert_same_trailing(text: str) -> None:
    quantities = find_quantities(text)
    clauses = _Breaks.of(text, _CLAUSE_BREAK)
    for index, quantity in enumerate(quantities):
        end = quantity.end or 0
        new = figures._trailing(text, end, clauses.first_from(end), quantities, index + 1)
        assert new == old_trailing(text, end, quantities[index + 1 :]), (text, index)


def test_breaks_and_trailing_words_of_the_corpus_texts() -> None:
    for text in running_texts():
        assert_same_breaks(text)
        assert_same_trailing(text)


def test_breaks_and_trailing_words_of_random_texts() -> None:
    rng = random.Random(20240601)
    words = ("预算", "支出", "万元", "12.5万元", "其中", "。", "\n", "；", "：", "2023年", "、", "共计",
             "100%")
    for _ in range(RANDOM_CASES):
        text = random_text(rng, words, rng.randint(0, 30))
        assert_same_breaks(text)
        assert_same_trailing(text)


# --- headings --------------------------------------------------------------------------------


def old_heading_level(text: str) -> int | None:
    stripped = text.strip()
    if not stripped or len(stripped) > HEADING_MAX_CHARS or any(ch in stripped for ch in "。；;"):
        return None
    if re.search(r"(?:\t|[.．·_]{3,}|…{2,})\s*\d{1,3}\s*$", stripped):
        return None  # a line of a table of contents
    for level, marker in enumerate(HEADING_MARKERS):
        if marker.match(stripped):
            return level
    return None


def test_one_group_per_heading_marker() -> None:
    assert figures._ANY_HEADING_MARKER.groups == len(HEADING_MARKERS)


def test_heading_levels() -> None:
    rng = random.Random(7)
    starts = ("第三章", "第十部分", "一、", "十二.", "（二）", "(三)", "1、", "2.", "3.5", "12．", "（4）",
              "(10)", "5)", "6）", " ", "\u3000", "第", "（", "一", "1", "99、")
    rest = ("基本情况", "。", "；", ";", "绩效目标", " ")
    texts = list(running_texts())
    for _ in range(RANDOM_CASES):
        texts.append(rng.choice(starts) + random_text(rng, rest, rng.randint(0, 8)))
    for text in texts:
        assert figures.heading_level(text) == old_heading_level(text), text


# --- labels: role only, changes, negations, header roles -------------------------------------


def old_is_role_only(label: str) -> bool:
    rest = clean_label(label)
    if rest.startswith("比") and role_of(rest[1:]) is not None:  # 比预算数: a role word after 比
        rest = rest[1:]
    for word in _role_and_filler_words():
        rest = rest.replace(word, "")
    return not rest


def old_any_word(label: str, words: tuple[str, ...]) -> bool:
    return any(word in label for word in words)


# A whole budget named after the last change word is the label's head (is_delta's docstring).
LEVELS_AFTER_CHANGE = ("调整后", "全年预算", "预算总额", "年度预算数")


def old_is_delta(label: str) -> bool:
    if not old_any_word(label, DELTA_WORDS):
        return False
    last_end = max(label.rfind(word) + len(word) for word in DELTA_WORDS if word in label)
    return not old_any_word(label[last_end:], LEVELS_AFTER_CHANGE)


def label_words() -> tuple[str, ...]:
    role_words = tuple(w for w, _ in ROLE_WORDS + WEAK_ROLE_WORDS)
    others = ("公务接待费", "“", "（万元）", "：", "2023")
    return role_words + FILLER_WORDS + DELTA_WORDS + NEGATION_WORDS + LEVELS_AFTER_CHANGE + others


def random_labels() -> Iterator[str]:
    rng = random.Random(11)
    words = label_words()
    for _ in range(RANDOM_CASES):
        yield random_text(rng, words, rng.randint(0, 6))
    # Pieces of words glued together: removing one word may join the pieces of another.
    characters = "".join(sorted(set("".join(words))))
    for _ in range(RANDOM_CASES):
        yield "".join(rng.choice(characters) for _ in range(rng.randint(0, 6)))


def corpus_labels() -> Iterator[str]:
    for document in documents():
        for raw in figures.document_to_raw_figures(document):
            yield from (raw.label, raw.header, raw.context, raw.trailing, raw.label_header)


def test_role_only_delta_and_negated_labels() -> None:
    for label in [*corpus_labels(), *random_labels()]:
        assert is_role_only(label) == old_is_role_only(label), label
        assert is_delta(label) == old_is_delta(label), label
        assert is_negated(label) == old_any_word(label, NEGATION_WORDS), label


def old_label_to_role(text: str) -> str | None:
    label = "".join(text.split())
    if not label or len(label) > MAX_LABEL_CHARS:
        return None
    for role, keywords in ROLE_KEYWORDS:
        if any(keyword in label for keyword in keywords):
            return role
    return None


def test_header_roles() -> None:
    rng = random.Random(3)
    keywords = tuple(k for _, ks in ROLE_KEYWORDS for k in ks)
    keywords += ("指标", "完成", "实际", "目标", "\n", " ", "（B）")
    texts = [*running_texts()]
    texts += [random_text(rng, keywords, rng.randint(0, 4)) for _ in range(RANDOM_CASES)]
    for text in texts:
        assert label_to_role(text) == old_label_to_role(text), text


# --- the neighbours of a table value ---------------------------------------------------------


def old_row_label_cells(grid, cell: Cell) -> Iterator[Cell]:
    row = grid[cell.row - 1]
    for col in range(cell.col - 2, -1, -1):
        candidate = row[col]
        if candidate is not cell and is_label_cell(candidate):
            yield candidate


def old_row_heads_unit(grid, cell: Cell) -> str:
    return next((unit for label in old_row_label_cells(grid, cell) if (unit := _unit_in(label.text))), "")


def old_column_header_cell(grid, cell: Cell) -> Cell | None:
    for row in range(cell.row - 2, -1, -1):
        candidate = grid[row][cell.col - 1]
        if candidate is cell or candidate is None:
            continue
        if is_label_cell(candidate) and not DATE_CELL.fullmatch(candidate.text.strip()):  # a date is a value
            return candidate
    return None


def old_label_column_header(grid, label_cell: Cell | None, header_cell: Cell | None) -> str:
    if label_cell is None or header_cell is None:
        return ""
    corner = grid[header_cell.row - 1][label_cell.col - 1]
    if corner is None or corner is label_cell or corner is header_cell or not is_label_cell(corner):
        return ""
    return corner.text.strip()


def old_section_title(grid, cell: Cell) -> str:
    for row in range(cell.row - 2, -1, -1):
        if _is_title_row(grid[row]):
            text = next(c for c in grid[row] if c is not None).text.strip()
            if not UNIT_LINE.fullmatch(text):  # a unit row under a title leaves the title naming the rows
                return text
    return ""


def old_declared_unit(table: Table) -> str:
    for cell in [c for c in table.cells if c.row <= 3]:  # a form's head: see UNIT_DECLARED_ROWS
        match = UNIT_DECLARED.search(cell.text)
        if match:
            return match.group(1)
    if table.caption:
        match = UNIT_DECLARED.search(table.caption) or UNIT_IN_BRACKETS.search(table.caption)
        if match:
            return match.group(1)
    grid = table.grid()
    title_units = {
        _unit_in(next(c for c in row if c is not None).text)
        for row in grid
        if any(c is not None for c in row) and _is_title_row(row)
    }
    money_units = {unit for unit in title_units if unit.endswith("元")}
    return money_units.pop() if len(money_units) == 1 else ""


CELL_TEXTS = (
    "", " ", "合计", "其中：", "其中", "预算数", "执行数", "全年执行数", "100", "1,475.00", "98分", "≥80",
    "约5万元", "0", "项目资金（万元）", "一、收入情况（万元）", "二、支出情况（元）", "单位：万元",
    "2023年预算数", "截至2022年底", "公务接待费", "“三公”经费（万元）", "指标1：资金直补受益移民（人）",
    "三级指标", "指标值", "实际完成值", "分值", "得分", "评价等次", "优", "良好", "等 级",
    "部门（单位）年度支出和结余情况（万元）",
    "本年度我单位严格按照预算执行，资金使用规范，支出进度符合要求。项目共计完成投资一千二百万元，群众满意度较高；下一步将继续加强管理。",
)


def random_table(rng: random.Random) -> Table:
    """A grid of random texts and merges, with some positions left without a cell."""
    n_rows, n_cols = rng.randint(1, 8), rng.randint(1, 6)
    taken = [[False] * n_cols for _ in range(n_rows)]
    cells = []
    for r in range(n_rows):
        for c in range(n_cols):
            if taken[r][c] or rng.random() < 0.1:
                continue
            col_span = min(rng.choice((1, 1, 1, 2, n_cols)), n_cols - c)
            while any(taken[r][c + k] for k in range(col_span)):
                col_span -= 1
            row_span = 1
            while (row_span < rng.choice((1, 1, 2, 3)) and r + row_span < n_rows
                   and not any(taken[r + row_span][c + k] for k in range(col_span))):
                row_span += 1
            for dr in range(row_span):
                for dc in range(col_span):
                    taken[r + dr][c + dc] = True
            location = Location(file="random", table=1, row=r + 1, col=c + 1)
            cells.append(Cell(r + 1, c + 1, rng.choice(CELL_TEXTS), location, row_span, col_span))
    caption = rng.choice((None, None, "单位：万元", "收支情况（万元）", "表1"))
    return Table(1, n_rows, n_cols, tuple(cells), Location(file="random", table=1), caption=caption)


def assert_same_neighbours(table: Table) -> None:
    grid = table.grid()
    layout = figures._TableLayout(table)
    assert layout.grid == grid
    assert figures._declared_unit(table, layout) == old_declared_unit(table)
    for cell in table.cells:
        label_cell = layout.row_label_cell(cell)
        assert label_cell is next(old_row_label_cells(grid, cell), None)
        assert layout.row_heads_unit(cell) == old_row_heads_unit(grid, cell)
        header_cell = layout.column_header_cell(cell)
        assert header_cell is old_column_header_cell(grid, cell)
        corner = layout.label_column_header(label_cell, header_cell)
        assert corner == old_label_column_header(grid, label_cell, header_cell)
        assert layout.section_title(cell) == old_section_title(grid, cell)
        for other in table.cells if len(table.cells) <= 80 else ():  # any pair, not only a value's
            assert layout.label_column_header(other, cell) == old_label_column_header(grid, other, cell)


def test_table_neighbours_of_the_corpus_tables() -> None:
    for table in all_tables():
        assert_same_neighbours(table)


def test_table_neighbours_of_random_tables() -> None:
    rng = random.Random(5)
    for _ in range(RANDOM_CASES // 3):
        assert_same_neighbours(random_table(rng))


def test_indicator_rows_read_once_give_the_same_figures_and_rows() -> None:
    for document in documents():
        by_table = indicators.indicator_rows_by_table(document)
        raw_figures = figures.document_to_raw_figures(document, by_table)
        assert raw_figures == figures.document_to_raw_figures(document)
        assert indicators.document_to_indicator_rows(document, by_table) == [
            row for table in document.tables for row in indicators.table_to_indicator_rows(table)
        ]


# --- metadata: the report's date and grade ---------------------------------------------------


def old_report_date(lines: list[_Line]) -> MetaValue | None:
    for line in lines:
        text = line.text.strip("（）() ")
        if len(text) > DATE_LINE_MAX_CHARS:
            continue
        match = DATE.fullmatch(text) or CN_DATE.fullmatch(text)
        if match and (found := _date_value(match, line)) is not None:
            return found
    for line in lines:
        for match in LABELLED_DATE.finditer(line.text):
            if (found := _date_value(match, line)) is not None:
                return found
    return None


def old_grade_in_table(table: Table) -> MetaValue | None:
    grid = table.grid()
    for cell in table.cells:
        label = re.sub(r"\s", "", cell.text)
        if not label or len(label) > 8 or not GRADE_LABEL.fullmatch(label):
            continue
        row = grid[cell.row - 1]
        for col in range(cell.col + cell.col_span - 1, len(row)):
            neighbour = row[col]
            if neighbour is None or neighbour is cell:
                continue
            value = re.sub(r"\s", "", neighbour.text)
            if value in GRADE_WORDS:
                return MetaValue(value, neighbour.location)
            if value:
                break
    return None


def old_grade(document: Document, lines: list[_Line]) -> MetaValue | None:
    for table in document.tables:
        found = old_grade_in_table(table)
        if found:
            return found
    for line in lines:
        match = GRADE_IN_TEXT.search(line.text)
        if match:
            return MetaValue(match.group(1), line.location)
    for line in lines:
        match = GRADE_AFTER_WORD.search(line.text) if EVALUATION_WORDS.search(line.text) else None
        if match:
            return MetaValue(match.group(1), line.location)
    return None


def lines_of(texts: list[str]) -> list[_Line]:
    return [_Line(text, Location(file="random", line=number)) for number, text in enumerate(texts, 1)]


def test_report_date_and_grade_of_the_corpus() -> None:
    for document in documents():
        lines = list(metadata._text_lines(document))
        assert metadata._report_date(lines) == old_report_date(lines)
        assert metadata._grade(document, lines) == old_grade(document, lines)


def test_report_date_and_grade_of_random_lines_and_tables() -> None:
    rng = random.Random(13)
    words = ("2024年3月15日", "二〇二四年三月十五日", "2月30日", "（", "）", " ", "填报日期：", "日期", "日",
             "评价等次为", "等级：", "自评", "优", "良好", "合格", "。", "得分92分", "等", "次", "级")
    for _ in range(RANDOM_CASES // 3):
        lines = lines_of([random_text(rng, words, rng.randint(0, 6)) for _ in range(rng.randint(0, 5))])
        assert metadata._report_date(lines) == old_report_date(lines)
        table = random_table(rng)
        document = Document("random", "0" * 64, "txt", (table,))
        assert metadata._grade(document, lines) == old_grade(document, lines)


def test_the_seed_reports_are_analysed_alike_twice() -> None:
    """Per-table and per-report memos hold nothing from one report that changes the next."""
    first = [pipeline.analyse(document) for document in documents()]
    second = [pipeline.analyse(document) for document in reversed(documents())]
    assert first == list(reversed(second))


def old_org_after_place(place: str, text: str) -> str | None:
    """The first match of the place and a name, not inside a cited document's title (《…》)."""
    for org in re.compile(rf"(?={re.escape(place)}[\u4e00-\u9fff]{{0,20}}?{ORG_SUFFIX})").finditer(text):
        at = org.start()
        if text.rfind("《", 0, at) <= text.rfind("》", 0, at):
            return re.compile(rf"{re.escape(place)}[\u4e00-\u9fff]{{0,20}}?{ORG_SUFFIX}").match(text, at).group(0)
    return None


def test_organisation_after_a_place() -> None:
    rng = random.Random(17)
    places = ("岳阳县", "县", "岳阳", "岳阳岳阳", "中心", "(", ".*", "县县")
    words = ("岳阳县", "岳阳", "县", "水利局", "移民事务中心", "办公室", "学校", "医院", "部", "，", " ", "a",
             "二〇二三年", "人民政府", "服务中心")
    texts = [line.text for document in documents() for line in metadata._text_lines(document)]
    texts += [random_text(rng, words, rng.randint(0, 12)) for _ in range(RANDOM_CASES)]
    for text in texts:
        for place in places:
            assert metadata._org_after_place(place, text) == old_org_after_place(place, text), (place, text)


# --- label matching: tokens and fuzzy steps --------------------------------------------------


def old_match_tokens(cleaned: str):
    label_tokens = match._tokens(cleaned)
    found = {}
    for concept in match.CONCEPTS:
        if concept.name in match.GENERIC_CONCEPTS:
            continue
        for alias in match._clean_aliases(concept):
            alias_tokens = match._tokens(alias)
            if len(alias_tokens) >= 2 and match._is_subsequence(alias_tokens, label_tokens) and (
                    alias_tokens[-1] != "率" or label_tokens[-2:] == alias_tokens[-2:]):  # 资金拨付及时率
                size = len(alias)
                if concept.name not in found or found[concept.name][0] < size:
                    found[concept.name] = (size, concept, alias)
    if not found:
        return match._NO_MATCH
    if len(found) != 1:
        return None
    size, concept, alias = next(iter(found.values()))
    return match.Match(concept, round(100.0 * size / len(cleaned), 1), "tokens", alias)


def old_match_fuzzy(cleaned: str):
    from rapidfuzz import fuzz

    scores = {}
    for concept in match.CONCEPTS:
        if concept.name in match.GENERIC_CONCEPTS:
            continue
        for alias in match._clean_aliases(concept):
            score = fuzz.ratio(cleaned, alias)
            if score >= match.FUZZY_THRESHOLD and score > scores.get(concept.name, (0.0,))[0]:
                scores[concept.name] = (score, concept, alias)
    if not scores:
        return match._NO_MATCH
    ranked = sorted(scores.values(), key=lambda item: -item[0])
    if len(ranked) > 1 and ranked[0][0] - ranked[1][0] < match.TIE_MARGIN:
        return None
    score, concept, alias = ranked[0]
    return match.Match(concept, round(score, 1), "fuzzy", alias)


def test_tokens_and_fuzzy_steps_of_label_matching() -> None:
    rng = random.Random(23)
    aliases = [alias for concept in match.CONCEPTS for alias in match._clean_aliases(concept)]
    pieces = [alias[i:j] for alias in aliases for i, j in ((0, 2), (2, None), (1, -1))] + aliases
    labels = {clean_label(label) for label in corpus_labels()}
    for _ in range(RANDOM_CASES):
        label = "".join(rng.choice(pieces) for _ in range(rng.randint(1, 4)))
        if rng.random() < 0.5:  # a character changed, dropped or added: what fuzzy matching is for
            at = rng.randrange(len(label) + 1)
            label = label[:at] + rng.choice(("", "的", "侍", "费")) + label[at + 1 :]
        labels.add(label)
    for label in sorted(labels - {""}):
        assert match._match_tokens(label) == old_match_tokens(label), label
        assert match._match_fuzzy(label) == old_match_fuzzy(label), label


def test_a_figures_location_built_by_position_is_the_keyword_build() -> None:
    """_with_span passes Location's fields by position: a change of their order must show here."""
    location = Location(file="a.docx", page=2, paragraph=3, line=4, table=5, row=6, col=7, char_start=8,
                        char_end=9, quote="old", part="header", sheet="Sheet1")
    expected = Location(file="a.docx", page=2, paragraph=3, line=4, table=5, row=6, col=7, char_start=10,
                        char_end=12, quote="new", part="header", sheet="Sheet1")
    assert [field.name for field in fields(Location)] == [
        "file", "page", "paragraph", "line", "table", "row", "col", "char_start", "char_end", "quote", "part",
        "sheet"]
    assert figures._with_span(location, "new", 10, 12) == expected


def test_a_text_figure_built_by_position_holds_what_its_keywords_would_give() -> None:
    """text_to_raw_figures passes RawFigure's first thirteen fields by position: a change of their
    order must show here, in the order pinned and in the field each value lands in."""
    assert [field.name for field in fields(RawFigure)][:13] == [
        "label", "quantity", "location", "extractor", "header", "context", "unit_hint", "years", "as_of",
        "trailing", "sentence", "section", "block"]
    text = "2023年全年预算数（万元）：1865.40，实际支出1802.36万元用于采购"
    first, second = figures.text_to_raw_figures(text, Location(file="a.docx", paragraph=3), section="一、概况", block=7)
    assert (first.label, first.extractor, first.header, first.unit_hint, first.years, first.as_of,
            first.sentence, first.section, first.block) == (
        "2023年全年预算数（万元）", "text", "", "万元", (2023,), (), 0, "一、概况", 7)
    assert first.context == text[: first.quantity.start]
    assert (second.label, second.trailing, second.quantity.unit) == ("实际支出", "用于采购", "万元")
    assert second.location.char_start == second.quantity.start and second.location.quote == text
