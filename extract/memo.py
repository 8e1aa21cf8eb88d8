"""Answers kept for short texts: cells, labels and headings repeat within a report and across a batch.

A worker reads hundreds of reports; the same cells (“0”, “100%”, “合计”), labels (实际支出, 预算数)
and headings come back thousands of times, and reading one again costs as much as the first
time. ``short_text_memo`` keeps a function's answers for texts of at most ``MEMO_MAX_CHARS``
characters, in a bounded LRU cache, so a worker's memory levels off however long the batch;
paragraphs rarely repeat and are read each time (and would push the short texts out). Only for
functions of the text alone whose answers are never changed (frozen records, tuples, strings,
numbers).
"""

from __future__ import annotations

from functools import lru_cache, wraps
from typing import Callable, TypeVar

# Texts up to this long are kept: cells, labels, headings, short clauses.
MEMO_MAX_CHARS = 64

T = TypeVar("T")


def short_text_memo(maxsize: int) -> Callable[[Callable[[str], T]], Callable[[str], T]]:
    """Decorate a function of one text so that it keeps its answers for short texts.

    >>> @short_text_memo(maxsize=2)
    ... def shout(text: str) -> str:
    ...     return text.upper()
    >>> shout("ok"), shout("ok"), shout.cache_info().hits
    ('OK', 'OK', 1)
    """
    def wrap(function: Callable[[str], T]) -> Callable[[str], T]:
        kept = lru_cache(maxsize=maxsize)(function)

        @wraps(function)
        def answer(text: str) -> T:
            return kept(text) if len(text) <= MEMO_MAX_CHARS else function(text)

        answer.cache_info = kept.cache_info  # type: ignore[attr-defined]
        answer.cache_clear = kept.cache_clear  # type: ignore[attr-defined]
        return answer

    return wrap
