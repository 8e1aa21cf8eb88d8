"""Running text split into sentences, each with its location and the headings above it.

The year rules read what the report says about periods (“截至2022年底”), which needs sentences,
not numbers. Paragraphs and prose table cells (a report pasted into a form cell) are both
running text.
"""

from __future__ import annotations

import re

from extract.figures import SECTION_SEPARATOR, heading_level, is_prose_cell
from extract.model import Document, Location, Paragraph
from extract.records import record

# Where a sentence ends: after an end mark, which stays with its sentence, or at a line break,
# which belongs to neither sentence. Found as the marks themselves: a pattern of a lookbehind
# (split after 。) makes re try it at every character of every paragraph.
SENTENCE_MARK = re.compile(r"[。！？!?；;\n]")


@record
class TextSentence:
    """One sentence of running text (paragraph or prose cell), where it is and the headings above it.

    A report has a few hundred sentences and the checks quote a handful, so the sentence keeps its
    block's location and its span, and builds its own ``location`` only when asked (a Location
    costs as much to build as the rest of the sentence).
    """

    text: str
    block_location: Location  # the paragraph's or the cell's
    char_start: int  # span of the sentence in the block's text (0-based, half-open)
    char_end: int
    section: str = ""

    @property
    def location(self) -> Location:
        """The block's location with ``char_start``/``char_end`` of the sentence."""
        block = self.block_location
        return Location(
            file=block.file, page=block.page, paragraph=block.paragraph, line=block.line, table=block.table,
            row=block.row, col=block.col, char_start=self.char_start, char_end=self.char_end, quote=block.quote,
            part=block.part, sheet=block.sheet,
        )


def document_to_sentences(document: Document) -> list[TextSentence]:
    """Every sentence of the body's running text, in reading order (one list, built in place:
    a report has a few hundred sentences, each passed up through no generator)."""
    sentences: list[TextSentence] = []
    headings: dict[int, str] = {}
    section = ""
    for block in document.blocks:
        if isinstance(block, Paragraph):
            level = heading_level(block.text)
            if level is not None:
                headings = {k: v for k, v in headings.items() if k < level}
                headings[level] = block.text.strip()
                section = SECTION_SEPARATOR.join(headings[k] for k in sorted(headings))  # changes only here
            _add_sentences(sentences, block.text, block.location, section)
        else:
            for table in block.iter_tables():
                for cell in table.cells:
                    if is_prose_cell(cell.text):
                        _add_sentences(sentences, cell.text, cell.location, "")
    return sentences


def text_to_sentences(text: str, location: Location, section: str = "") -> list[TextSentence]:
    """Each non-blank sentence of ``text``, stripped, with its span before stripping."""
    sentences: list[TextSentence] = []
    _add_sentences(sentences, text, location, section)
    return sentences


def _add_sentences(sentences: list[TextSentence], text: str, location: Location, section: str) -> None:
    """Append the sentences of ``text`` (see text_to_sentences) to ``sentences``.

    The text is split at the marks rather than searched for them: a split makes no match object
    per mark, and the mark ending each piece is the text's character right after it.
    """
    start = 0
    pieces = SENTENCE_MARK.split(text)
    for piece in pieces[:-1]:
        at = start + len(piece)
        if text[at] == "\n":  # a line break belongs to neither sentence
            if sentence := piece.strip():
                sentences.append(TextSentence(sentence, location, start, at, section))
        elif sentence := text[start:at + 1].strip():  # an end mark stays with its sentence
            sentences.append(TextSentence(sentence, location, start, at + 1, section))
        start = at + 1
    if sentence := pieces[-1].strip():
        sentences.append(TextSentence(sentence, location, start, len(text), section))
