"""A staff quota stated by type: its parts, and the whole they make when only they are written.

Units often state their 编制 by type in one enumeration: “核定行政编制38名、事业编制26名”. Each is
a part of the quota, not a value of it: taken as the 编制数, either would make the 61 staff “over
quota”, and the two would “conflict”. The unit's quota is their sum, 64, as the report's own
在职人员控制率 shows (“核定行政编制8名、事业编制15名，年末实有在职人员21人，在职人员控制率91.30%”:
21 ÷ 23). So the parts give way to one figure, their sum, quoting the span from the first part to
the last, labelled with every part's words and marked ``match_method`` "sum": it ranks below any
stated quota, and an auditor sees at once that it was added up.

Not summed:

* parts beside an untyped quota (“核定编制45人，其中行政编制20人、事业编制25人”): the 45 is the
  quota, the typed ones its parts;
* parts after a typed whole (“核定事业编制30名，其中全额事业编制20名、差额事业编制10名”): the whole
  before 其中 is the quota;
* a type named twice in the sentence: the enumeration is not a plain list of parts, and no value
  is kept.

One typed quota alone (“核定全额事业编制17人”, seed 003) is the unit's quota, as before.

A table is one statement: its typed quotas are parts of the untyped one in any of its cells; with
no untyped one they are not summed (their cells make no span to quote) and give no quota.
"""

from __future__ import annotations

import dataclasses
import re
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from normalize.figures import Figure

# The kinds a staff quota is split into (行政编制, 事业编制, 工勤编制, 全额/差额/自收自支事业编制 …).
# And by who funds the post, as 垂直管理 units split theirs: 国家气象事业编制, 地方编制, 政法专项编制.
QUOTA_TYPE = re.compile(r"行政|事业|工勤|机关|参公|参照公务员|全额|差额|自收自支|公益[一二]类|国家|地方|中央|政法|专项")
TYPE_BEFORE_QUOTA = re.compile(f"(?:{QUOTA_TYPE.pattern})+$")
# Before the parts of a whole: “核定事业编制30名，其中全额…”.
PARTS_FOLLOW = "其中"
SUM_METHOD = "sum"
# How a table figure's label joins its row label and its column header (normalize.figures._label_text).
TABLE_LABEL_JOINER = " / "
PART_JOINER = "＋"


def with_quota_by_type_summed(figures: list[Figure], sentences: list[tuple]) -> list[Figure]:
    """``figures`` with the quota parts of each sentence replaced as described above (the sum
    stands where the first part stood); ``sentences[i]`` is the sentence of ``figures[i]``."""
    parts_by_sentence: dict[tuple, list[tuple[int, str]]] = {}
    for index, (figure, sentence) in enumerate(zip(figures, sentences)):
        kind = quota_type(figure)
        if kind is not None:
            # A table states its quota and the typed parts in cells of their own, often rows apart
            # (“编制数 | 42” over “行政编制 | 30 | 事业编制 | 12”, blind probe V): the table is one statement.
            group = sentence if figure.extractor == "text" else sentence[:2]
            parts_by_sentence.setdefault(group, []).append((index, kind))
    replaced: dict[int, Figure | None] = {}
    for parts in parts_by_sentence.values():
        kinds = [kind for _, kind in parts]
        if len(set(kinds)) < 2:
            continue  # one quota, typed or not: it is the unit's
        if "" in kinds:  # the untyped quota, and its parts beside it
            replaced.update((index, None) for index, kind in parts if kind)
            continue
        stated = [figures[index] for index, _ in parts]
        whole = _whole_before_parts(stated)
        for (index, _), figure in zip(parts, stated):
            replaced[index] = figure if figure is whole else None
        if whole is None and len(set(kinds)) == len(kinds):
            replaced[parts[0][0]] = _sum_of(stated)
    if not replaced:
        return figures
    kept = (replaced.get(index, figure) for index, figure in enumerate(figures))
    return [figure for figure in kept if figure is not None]


def quota_type(figure: Figure) -> str | None:
    """The type a staff quota names ("" for none); None for any other figure."""
    if figure.metric != "staff_quota":
        return None
    if figure.extractor == "table" and TABLE_LABEL_JOINER in figure.label:
        # “行政编制 / 核定编制数”: the row says the type, else the column (“编制数 / 行政编制”); the
        # header's own 编制 is the last in the label, and would hide the row's type (blind probe Y)
        row, header = figure.label.split(TABLE_LABEL_JOINER, 1)
        return _type_in(row) or _type_in(header)
    return _type_in(figure.label)


def _type_in(label: str) -> str:
    at = label.rfind("编制")
    # A type names the quota only right before its 编制: in “镇机关核定编制62名” the 机关 is the
    # unit's, and 62 the untyped whole (blind probe R r04). Without 编制 (“其中行政20人”) any type word.
    kind = TYPE_BEFORE_QUOTA.search(label, 0, at) if at >= 0 else QUOTA_TYPE.search(label)
    return kind.group() if kind else ""


def _whole_before_parts(stated: list[Figure]) -> Figure | None:
    """The one typed quota before a 其中 that opens its parts, if the sentence has that shape."""
    first_part = next((k for k, figure in enumerate(stated) if PARTS_FOLLOW in figure.label), None)
    return stated[0] if first_part == 1 else None


def _sum_of(parts: list[Figure]) -> Figure | None:
    """One figure for the parts added up, quoting from the first to the last (None when the parts
    do not sit in one quote, so that no span could show them)."""
    first, last = parts[0], parts[-1]
    quote, start, end = first.location.quote, first.location.char_start, last.location.char_end
    if start is None or end is None or any(part.location.quote != quote for part in parts):
        return None
    kinds = list(QUOTA_TYPE.finditer(first.label))
    if kinds and quote.endswith(first.label, 0, start):  # from the first part's type: 行政编制38名、…
        start -= len(first.label) - kinds[-1].start()  # (镇机关核定行政编制: 机关 is the unit's, 行政 the type)
    total = sum(part.value for part in parts)
    return dataclasses.replace(
        first,
        value=total,
        raw=quote[start:end],
        label=PART_JOINER.join(part.label for part in parts),
        match_method=SUM_METHOD,
        location=dataclasses.replace(first.location, char_start=start, char_end=end),
    )
