"""Running text split into sentences, each with its location and the headings above it.

The year rules read what the report says about periods (“截至2022年底”), which needs sentences,
not numbers. Paragraphs and prose table cells (a report pasted into a form cell) are both
running text.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Iterator

from extract.figures import heading_level, is_prose_cell
from extract.model import Document, Location, Paragraph

# Where a sentence ends; the end mark stays with its sentence.
SENTENCE_END = re.compile(r"(?<=[。！？!?；;])|\n")


@dataclass(frozen=True, slots=True)
class TextSentence:
    text: str
    location: Location  # the block's location with char_start/char_end of the sentence
    section: str = ""


def document_to_sentences(document: Document) -> Iterator[TextSentence]:
    headings: dict[int, str] = {}
    section = ""
    for block in document.blocks:
        if isinstance(block, Paragraph):
            level = heading_level(block.text)
            if level is not None:
                headings = {k: v for k, v in headings.items() if k < level}
                headings[level] = block.text.strip()
                section = " > ".join(headings[k] for k in sorted(headings))  # changes only here
            yield from text_to_sentences(block.text, block.location, section)
        else:
            for table in block.iter_tables():
                for cell in table.cells:
                    if is_prose_cell(cell.text):
                        yield from text_to_sentences(cell.text, cell.location, "")


def text_to_sentences(text: str, location: Location, section: str = "") -> Iterator[TextSentence]:
    start = 0
    for piece in SENTENCE_END.split(text):
        end = start + len(piece)
        sentence = piece.strip()
        if sentence:
            yield TextSentence(
                sentence,
                Location(
                    file=location.file, page=location.page, paragraph=location.paragraph, line=location.line,
                    table=location.table, row=location.row, col=location.col, char_start=start, char_end=end,
                    quote=location.quote, part=location.part,
                ),
                section,
            )
        start = end
        if start < len(text) and text[start] == "\n":
            start += 1
