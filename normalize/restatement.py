"""A second amount of one thing in one sentence, whose side only the sentence gives: no value.

“2023年“三公”经费预算30.00万元，“三公”经费合计26.80万元，其中：公务接待费6.30万元…” names the
三公经费 twice. The first amount says it is the budget; the second says only 合计, and the only
side word in the sentence is the first amount's 预算. Read as a budget, the 26.80 would be a
second 三公 budget (a false “two values” flag, and the wrong one could be kept), and so would its
其中 parts. The writer most likely meant what was spent, but the text does not say so, and a blank
is better than a guess: such an amount, and the amounts after it in the sentence that took the
same side from the same words, are not kept. An amount equal to the first is a plain restatement
and stays.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Sequence

from normalize.match import names_a_side

if TYPE_CHECKING:
    from normalize.figures import Figure


def without_restated_sides(
    figures: list[Figure], sentences: Sequence[tuple]
) -> tuple[list[Figure], list[tuple]]:
    """``figures`` without the amounts described above, and the sentences of those kept;
    ``sentences[i]`` is the sentence of ``figures[i]``. Only figures read from text are weighed.

    Whether a label gives its own side is asked only of an amount whose metric its sentence has
    given before, and of the amounts before it: most amounts are the first of their metric."""
    seen: dict[tuple, list[Figure]] = {}  # (sentence, metric) → its amounts so far, in order
    dropped_from: dict[tuple, str] = {}  # sentence → the side no longer trusted after a restatement
    kept: list[Figure] = []
    kept_sentences: list[tuple] = []
    for figure, sentence in zip(figures, sentences):
        if figure.extractor == "text":
            if dropped_from.get(sentence) == figure.role and not names_a_side(figure.label):
                continue  # a part after the restated amount, on the side it borrowed
            earlier = seen.setdefault((sentence, figure.metric), [])
            if earlier and _is_restated_side(figure, earlier):
                dropped_from[sentence] = figure.role
                continue
            earlier.append(figure)
        kept.append(figure)
        kept_sentences.append(sentence)
    return kept, kept_sentences


def _is_restated_side(figure: Figure, earlier: list[Figure]) -> bool:
    """Whether ``figure`` names no side of its own and the first earlier amount that does gives
    the same side with another value."""
    if names_a_side(figure.label):
        return False
    first = next((f for f in earlier if names_a_side(f.label)), None)
    # another year's amount (“…支出5.16万元，同比下降8.02%（2023年为5.61万元），其中…”, blind probe
    # AE ae14) is a comparison, not the same side restated: the parts after it stay
    return (first is not None and first.role == figure.role and first.value != figure.value
            and first.year == figure.year)
