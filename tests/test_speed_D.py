"""Speed cuts of helper D that pass a record's fields by position: a change of their order must show here."""

from dataclasses import fields

from extract.figures import RawFigure, text_to_raw_figures
from extract.model import Location


def test_raw_figure_fields_in_the_order_text_figures_pass_them() -> None:
    """text_to_raw_figures builds its RawFigure by position, in this order of the first fields."""
    assert [field.name for field in fields(RawFigure)][:13] == [
        "label", "quantity", "location", "extractor", "header", "context", "unit_hint", "years", "as_of",
        "trailing", "sentence", "section", "block"]


def test_a_text_figure_holds_what_its_keywords_would_give() -> None:
    """Each positional argument lands in the field it is meant for."""
    text = "2023年全年预算数（万元）：1865.40，实际支出1802.36万元用于采购"
    location = Location(file="a.docx", paragraph=3)
    first, second = text_to_raw_figures(text, location, section="一、概况", block=7)
    assert (first.label, first.extractor, first.header, first.unit_hint, first.years, first.as_of,
            first.sentence, first.section, first.block) == (
        "2023年全年预算数（万元）", "text", "", "万元", (2023,), (), 0, "一、概况", 7)
    assert first.context == text[: first.quantity.start]
    assert (second.label, second.trailing, second.quantity.unit) == ("实际支出", "用于采购", "万元")
    assert second.location.char_start == second.quantity.start and second.location.quote == text
