"""The words a report uses for its own unit, so that they name nothing in a label.

A unit speaking of itself often puts its own name, or the common noun for what it is, before its
figures: “2024年学校年初预算2680.00万元” (a 中学校's report), “2022年医院年初预算18650.00万元”,
“2023年樟市镇年初预算1986.40万元” (the 镇人民政府's). The pronoun forms (我校, 本院, 我镇) are
catalogue filler words; these depend on the unit, so they are derived from its name: the kind
noun its name ends with (学校, 医院, 卫生院, 街道 …) and, for a 乡镇, the town's own name. A label
that begins with one of them, after an optional year, is read without it, and so says only its
side (年初预算) of the unit's whole (blind probe M: six headline figures were missing). A report on
one project or fund names its subject the same way (该专项资金, 本项目: ``SUBJECT_WORDS``).
"""

from __future__ import annotations

import re

# The common noun for a unit of each kind, by how its name ends, longest first.
KIND_NOUNS: tuple[tuple[str, str], ...] = (
    ("中学校", "学校"), ("中学", "学校"), ("小学", "学校"), ("学校", "学校"), ("幼儿园", "幼儿园"),
    ("卫生院", "卫生院"), ("医院", "医院"), ("街道办事处", "街道"),
    # “2023年度，学院年初预算8,420.00万元” in a 职业技术学院's report (blind probe Y y04); a 中心's own
    ("学院", "学院"), ("大学", "学校"), ("中心", "中心"),
)
# A 乡镇's own name inside its government's: 桂阳县樟市镇人民政府 → 樟市镇 (after the last 县, 区 or
# 旗, else after the first 市: a town's name may hold 市 itself).
TOWN_GOVERNMENT = "人民政府"
TOWN_ENDS = ("镇", "乡")
COUNTY_MARKS = "县区旗"
TOWN_NAME_CHARS = (2, 6)
# The year a label may begin with (2024年, 2024年度).
LEADING_YEAR = re.compile(r"^\s*(?:(?:19|20)\d{2}\s*年度?)?")
YEAR_DIGITS = ("1", "2")  # how the years LEADING_YEAR takes begin (19…, 20…)


# How a report on one project or fund names its subject: “2023年该专项资金年初预算220.00万元” (blind
# probe N), “本项目年初预算…”.
SUBJECT_WORDS: dict[str, tuple[str, ...]] = {
    "special_fund": ("该专项资金", "本专项资金", "该项资金", "本项资金", "该资金", "本资金"),
    "project": ("该项目", "本项目"),
}


def self_reference_words(unit_name: str, report_kind: str | None = None) -> tuple[str, ...]:
    """The words for the unit named ``unit_name``, and for the subject of a report of
    ``report_kind`` (empty when there are none)."""
    unit_name = unit_name.strip()
    words = list(SUBJECT_WORDS.get(report_kind or "", ()))
    if unit_name:
        words.append(unit_name)
        kind = next((noun for suffix, noun in KIND_NOUNS if unit_name.endswith(suffix)), None)
        town = _town_name(unit_name)
        words += [word for word in (kind, town) if word is not None]
    return tuple(sorted(set(words), key=len, reverse=True))  # longest first: 该专项资金 before 该资金


def _town_name(unit_name: str) -> str | None:
    name = unit_name.removesuffix(TOWN_GOVERNMENT)
    if not name.endswith(TOWN_ENDS):
        return None
    cut = max(name.rfind(mark) for mark in COUNTY_MARKS)
    start = cut + 1 if cut >= 0 else name.find("市") + 1
    town = name[start:]
    return town if TOWN_NAME_CHARS[0] <= len(town) <= TOWN_NAME_CHARS[1] else None


def without_self_reference(label: str, words: tuple[str, ...]) -> str:
    """``label`` without the unit's word right after its leading year, if it has one there."""
    if not words:
        return label
    # LEADING_YEAR takes nothing from a label that begins with neither a space nor a year (most
    # labels): those are tested where they begin, without the match
    start = LEADING_YEAR.match(label).end() if label[:1].isspace() or label.startswith(YEAR_DIGITS) else 0
    if not label.startswith(words, start):
        return label  # most labels: one test for all the words, in C
    for word in words:
        if label.startswith(word, start):
            return label[:start] + label[start + len(word):]
    return label
