"""extract/figures.py ``adds_no_context_year``: a later number of a sentence takes the context
years of an earlier one when the words added between them cannot change them. Where the test
accepts, the answer must be the one worked out afresh: on every pair of cut points of the seeds'
sentences, and on cases built at each condition's edge (each fails if its condition is dropped).
"""

from __future__ import annotations

from pathlib import Path

import pytest
from conftest import CORPUS, ROOT

from extract import figures
from extract.figures import SENTENCE_BREAK, _context_years, adds_no_context_year, text_to_raw_figures
from extract.model import Location

SEED_FILES = sorted((CORPUS / "txt").glob("*.txt")) + sorted((ROOT.parent / "shared" / "seeds").glob("*.txt"))


def seed_sentences() -> list[str]:
    """The distinct sentences of the seeds' text exports (corpus/txt and ../shared/seeds)."""
    sentences: set[str] = set()
    for path in SEED_FILES:
        for line in Path(path).read_text(encoding="utf-8").splitlines():
            sentences.update(part for part in SENTENCE_BREAK.split(line) if part.strip())
    return sorted(sentences)


def wrong_reuses(sentence: str) -> list[tuple[str, str]]:
    """(shorter context, added words) of each cut pair the test accepts with another answer."""
    answers = [_context_years(sentence[:cut]) for cut in range(len(sentence) + 1)]
    wrong = []
    for end in range(len(sentence) + 1):
        for start in range(end, len(sentence) + 1):
            if adds_no_context_year(sentence, end, start) and answers[start] != answers[end]:
                wrong.append((sentence[:end], sentence[end:start]))
    return wrong


def test_every_cut_pair_of_the_seed_sentences_keeps_its_answer() -> None:
    sentences = seed_sentences()
    assert len(sentences) > 300  # the seeds were found and read
    assert any(_context_years(s) != ((), ()) for s in sentences)  # and they name years
    wrong = [pair for sentence in sentences for pair in wrong_reuses(sentence)]
    assert wrong == []


# (shorter context C', added words A): C' + A has other context years than C', and the test must
# refuse each, for the one reason named.
CHANGING_ADDITIONS = {
    "a year in the added words": ("全年预算", "2023年度支出"),
    "a full-width year": ("全年预算", "２０２３年度支出"),
    "a dashed date in the added words": ("于", "2022-12-1日拨付"),
    "a slashed date in the added words": ("于", "2022/12/1拨付"),
    "a full-width dashed date": ("于", "2022－12－1拨付"),
    "a month after the year": ("2023年 ", "3月支出"),
    "a full-width bracket closing an aside": ("（含2022年结转", "资金）"),
    "an ASCII bracket closing an aside": ("(含2022年结转", "资金)"),
    "a digit ending a dashed date": ("日期2022-12-12", "3号"),
    "a dash before a date's last digits": ("日期2022-12-", "5 "),
    "a slash before a date's last digits": ("日期2022/12/", "5 "),
    "a year before 年 in the added words": ("资金2023", "年度支出"),
}


@pytest.mark.parametrize("shorter, added", CHANGING_ADDITIONS.values(), ids=CHANGING_ADDITIONS.keys())
def test_added_words_that_change_the_years_are_refused(shorter: str, added: str) -> None:
    assert _context_years(shorter + added) != _context_years(shorter)  # the case changes the answer
    assert not adds_no_context_year(shorter + added, len(shorter), len(shorter + added))


def test_a_cut_before_the_known_end_is_refused() -> None:
    text = "全年预算2023年度支出"
    assert _context_years(text[:4]) != _context_years(text)
    assert not adds_no_context_year(text, len(text), 4)


# Added words the test accepts: comparison words and brackets that open, with no year to compare.
KEPT_ADDITIONS = (
    ("2023年收入", "较多，支出"),
    ("2023年预算", "100万元（含"),
    ("较2022年同期", "增长5%，与"),
    ("（2023年）全年预算", "比上期多"),
    ("", "100万元"),
)


@pytest.mark.parametrize("shorter, added", KEPT_ADDITIONS)
def test_added_words_without_a_year_are_accepted_and_keep_the_answer(shorter: str, added: str) -> None:
    assert adds_no_context_year(shorter + added, len(shorter), len(shorter + added))
    assert _context_years(shorter + added) == _context_years(shorter)


def test_text_figures_are_the_same_without_the_reuse(monkeypatch: pytest.MonkeyPatch) -> None:
    location = Location(file="seed.txt")
    lines = [line for path in SEED_FILES for line in Path(path).read_text(encoding="utf-8").splitlines()]
    reused = [list(text_to_raw_figures(line, location)) for line in lines]
    monkeypatch.setattr(figures, "adds_no_context_year", lambda text, end, start: False)
    assert reused == [list(text_to_raw_figures(line, location)) for line in lines]
