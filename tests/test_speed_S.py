"""Shortcuts taken for speed give what the plain way gives."""

from dataclasses import fields

from extract.figures import _with_span
from extract.model import Location


def test_with_span_is_the_location_with_its_span_by_keywords():
    """_with_span builds a Location by position: a change of Location's fields must show here."""
    location = Location(file="a.docx", page=2, paragraph=3, line=4, table=5, row=6, col=7, char_start=8,
                        char_end=9, quote="old", part="header", sheet="Sheet1")
    expected = Location(file="a.docx", page=2, paragraph=3, line=4, table=5, row=6, col=7, char_start=10,
                        char_end=12, quote="new", part="header", sheet="Sheet1")
    assert [field.name for field in fields(Location)] == [
        "file", "page", "paragraph", "line", "table", "row", "col", "char_start", "char_end", "quote", "part",
        "sheet"]
    assert _with_span(location, "new", 10, 12) == expected
