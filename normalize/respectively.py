"""Names and amounts paired by 分别: “其中公务接待费、公务用车运行维护费分别为0.46万元、1.40万元”.

A sentence may name several things first and give their amounts after 分别为, in the same order.
Each amount's own label is then the clause right before it: the last name for the first amount
(“公务用车运行维护费分别为” → 0.46) and nothing for the others, so every amount went to the last
thing named. Here the names before 分别 are split at 、/和/及/与 and the amounts that follow,
joined by the same marks, are given the names in order.

When the count of names and of amounts differ, the pairing is unknown and none of the amounts
is reported: a blank is better than an amount given to the wrong thing.
"""

from __future__ import annotations

import dataclasses
import re
from collections.abc import Sequence

from extract.figures import RawFigure
from extract.numbers import CLAUSE_COMMA

# The word that says the amounts follow the names in order, at the end of the first amount's
# context (“…分别为”, “…分别是”, “…分别”).
RESPECTIVELY = re.compile(r"分别(?:为|是|达到|达|占|计)?\s*$")
# Where the list of names begins: after the last clause break before 分别 (not 、, which joins
# the names), and after a 其中 that opens it.
_CLAUSE_START = re.compile(f"{CLAUSE_COMMA}|[；;。：:]")
_OPENING = re.compile(r"^\s*(?:其中|包括|含)\s*[：:]?\s*")
# Between two names, and between two amounts.
NAME_JOIN = re.compile(r"\s*(?:、|和|及|与|以及)\s*")
AMOUNT_JOIN = re.compile(r"\s*(?:、|和|及|与|以及|，|,)?\s*")


def respective_labels(raw_figures: Sequence[RawFigure]) -> dict[int, str | None]:
    """For each raw figure of a 分别 list, by its index: the name paired with it, or None when
    the list cannot be paired (those figures are left out)."""
    found: dict[int, str | None] = {}
    for index, raw in enumerate(raw_figures):
        if (raw.extractor != "text" or index in found or "分别" not in raw.context  # most: a substring test
                or RESPECTIVELY.search(raw.context) is None):
            continue
        names = _names_before(raw.context)
        members = [index]
        for later in range(index + 1, len(raw_figures)):
            other = raw_figures[later]
            if (other.extractor != "text" or other.block != raw.block or other.sentence != raw.sentence
                    or not AMOUNT_JOIN.fullmatch(other.label)):
                break
            members.append(later)
        if len(names) >= 2 and len(names) == len(members):
            found.update(zip(members, names))
        elif len(names) >= 2:
            found.update(dict.fromkeys(members))
    return found


def _names_before(context: str) -> list[str]:
    """The names listed before 分别 in the first amount's context, in order."""
    head = RESPECTIVELY.sub("", context)
    breaks = list(_CLAUSE_START.finditer(head))
    listed = _OPENING.sub("", head[breaks[-1].end():] if breaks else head)
    return [name for name in NAME_JOIN.split(listed) if name]


# One amount said of several things at once: “公务接待费和因公出国（境）费均为0元” (blind probe O).
JOINTLY = re.compile(r"(?:均为|都为|均是|都是)\s*$")


def with_jointly_stated(raw_figures: Sequence[RawFigure]) -> list[RawFigure]:
    """``raw_figures`` with each text figure said of several names at once (JOINTLY) replaced by one
    copy per name, labelled with that name alone, in the order named."""
    expanded: list[RawFigure] = []
    for raw in raw_figures:
        if (raw.extractor == "text" and ("均" in raw.label or "都" in raw.label)  # most labels: neither
                and JOINTLY.search(raw.label) is not None):
            names = _names_before(JOINTLY.sub("", raw.context))
            if len(names) >= 2 and raw.context.endswith(raw.label):
                head = raw.context[: -len(raw.label)]
                expanded.extend(dataclasses.replace(raw, label=name, context=head + name) for name in names)
                continue
        expanded.append(raw)
    return expanded

