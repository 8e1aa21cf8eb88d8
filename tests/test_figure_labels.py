"""The label a number in running text gets (``extract.figures.text_to_raw_figures``), case by case.

Each expected label is the words a reader takes to name the number in the sentence as written.
"""

from __future__ import annotations

import pytest

from extract.figures import text_to_raw_figures
from extract.model import Location


def labels(text: str) -> list[tuple[str, str]]:
    return [(f.label, f.quantity.raw.lstrip("=＝")) for f in text_to_raw_figures(text, Location(file="t.txt"))]


@pytest.mark.parametrize(("text", "expected"), [
    # The result of a formula with numbers inside is named before the formula (probe m6).
    ("在职人员控制率：（在职人员数57人÷编制数60人）×100%=95%。",
     [("（在职人员数", "57人"), ("÷编制数", "60人"), ("在职人员控制率", "95%")]),
    ("在职人员控制率=（在职人员数57人÷编制数60人）×100%＝95%",
     [("（在职人员数", "57人"), ("÷编制数", "60人"), ("在职人员控制率", "95%")]),
    ("在职人员控制率为（57人÷60人）×100%=95%。",
     [("在职人员控制率为（", "57人"), ("÷", "60人"), ("在职人员控制率为", "95%")]),
    ("预算执行率：1802.36÷1865.40×100%=96.62%。",
     [("预算执行率", "1802.36"), ("÷", "1865.40"), ("预算执行率", "96.62%")]),
    ("执行率=执行数/预算数×100%=2161.83/2176.62×100%=99.32%。",
     [("执行率", "2161.83"), ("/", "2176.62"), ("执行率", "99.32%")]),
    # A formula of words alone was named before it already.
    ("预算执行率=执行数/预算数×100%=96%", [("预算执行率", "96%")]),
    # The terms of a formula keep their own words; its result takes the name.
    ("预算总额=基本支出120万元+项目支出740万元=860万元",
     [("基本支出", "120万元"), ("+项目支出", "740万元"), ("预算总额", "860万元")]),
    # A calculation is no name: its result stays unnamed.
    ("基本支出+项目支出=120+740=860万元。", [("基本支出+项目支出", "120"), ("+", "740"), ("", "860万元")]),
    ("人员经费支出57万元，公用经费支出60万元，合计57+60=117万元。",
     [("人员经费支出", "57万元"), ("公用经费支出", "60万元"), ("合计", "57"), ("+", "60"), ("", "117万元")]),
    ("（57÷60）×100%=95%。", [("（", "57"), ("÷", "60"), ("）×100%", "95%")]),
    # The seed style: the rate first, its formula after.
    ("控制率77%=（在职人员数57人÷编制数60人）×100%",
     [("控制率", "77%"), ("=（在职人员数", "57人"), ("÷编制数", "60人")]),
])
def test_a_formulas_numbers_and_their_labels(text: str, expected: list[tuple[str, str]]) -> None:
    assert labels(text) == expected
