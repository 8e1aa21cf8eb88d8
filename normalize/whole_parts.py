"""A part the report says is the whole: “‘三公’经费支出1.8万元，均为公务接待费”.

Units with one kind of 三公 spending often say so in words instead of listing the parts with
their amounts: the 1.8万元 is then also the 公务接待费, stated once. Without reading the words,
the 公务接待费 column stays blank although the report gives it, and a second statement of it
(“公务接待费1.5万元” elsewhere) is never compared with the first.

Only the words right after the amount count, in the same sentence (“均为”, “全部为”, “全为”,
“全部是”, “均是”, “均系”, or “，为” before a 公务… part: “支出6,850元，为公务用车运行维护费”, blind
probe O), followed by exactly one part's name and the end of the clause: “均为
公务接待费和公务用车运行维护费” names two parts and says nothing of either's amount. The part
figure keeps the whole's amount, place and raw text; its label is the words that say so.
"""

from __future__ import annotations

import dataclasses
import re
from typing import TYPE_CHECKING

from normalize.catalogue import CONCEPTS, CONCEPTS_BY_NAME

if TYPE_CHECKING:  # normalize.figures calls this module
    from normalize.figures import Figure

# Wholes and the parts that a report may say make up all of it.
PARTS_OF_WHOLE: dict[str, tuple[str, ...]] = {
    "sangong": ("reception", "vehicle", "vehicle_operation", "vehicle_purchase", "overseas"),
    "vehicle": ("vehicle_operation", "vehicle_purchase"),
}

# The words after an amount that say all of it is one part.
ALL_OF = re.compile(r"[，,、\s]*(?:均为|全部为|全为|全部是|均是|均系|全部用于)[“\"]?|[，,]\s*为(?=[“\"]?公务)[“\"]?")
# What may follow the part's name: the end of the clause or sentence (not 和, 及 or 、: more parts).
PART_END = re.compile(r"[”\"]?(?:支出)?(?:$|[，,。；;）)\s])")

# Each metric key of a concept: the concept's name and the budget side the key is for.
_CONCEPT_OF_KEY: dict[str, tuple[str, str]] = {
    key: (concept.name, role) for concept in CONCEPTS for role, key in concept.keys.items()
}
# The part names to look for after ALL_OF, longest first (公务用车运行维护费 before 公务用车费).
_PART_NAMES: dict[str, list[tuple[str, str]]] = {
    whole: sorted(((alias, part) for part in parts for alias in CONCEPTS_BY_NAME[part].aliases),
                  key=lambda pair: len(pair[0]), reverse=True)
    for whole, parts in PARTS_OF_WHOLE.items()
}


def with_parts_stated_whole(figures: list[Figure]) -> list[Figure]:
    """``figures`` with, after each whole said to be all one part, that part's figure."""
    found: list[Figure] = []
    for figure in figures:
        found.append(figure)
        part = _part_stated_whole(figure)
        if part is not None:
            found.append(part)
    return found


def _part_stated_whole(figure: Figure) -> Figure | None:
    """The part figure a text figure of a whole states in words right after it, or None."""
    concept_and_role = _CONCEPT_OF_KEY.get(figure.metric)
    if figure.extractor != "text" or concept_and_role is None:
        return None
    whole, role = concept_and_role
    names = _PART_NAMES.get(whole)
    text, end = figure.location.quote, figure.location.char_end
    if names is None or text is None or end is None or (marker := ALL_OF.match(text, end)) is None:
        return None
    for alias, part in names:
        if text.startswith(alias, marker.end()) and PART_END.match(text, marker.end() + len(alias)):
            key = CONCEPTS_BY_NAME[part].keys.get(role)
            if key is None:
                return None
            label = text[end:marker.end() + len(alias)].lstrip("，,、 ")
            return dataclasses.replace(figure, metric=key, label=label, match_method="all_of")
    return None
