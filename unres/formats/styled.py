"""A typed line assembled piece by piece: what the PDF, Word and HTML readers share.

Each of them finds a line's text in pieces (words in a font, runs of a paragraph, text between tags), each piece
in its styles. `StyledLine` keeps them as they come and gives the `SourceLine`: the text, and one span for each
stretch of a style, so that two italic words are one italic stretch even where the space between them was set in
roman (as a reader sees it).
"""

from __future__ import annotations

import re
from typing import Any

from unres.formats.lines import SourceLine, Span, Style
from unres.formats.text import SUPERSCRIPT_DIGITS, SUPERSCRIPT_TO_DIGIT

# Control characters are not text: layout ones (tab, line and page breaks inside a piece) are spaces, the others go,
# the in-band style characters among them (lines.py): a document holding them would forge marks and italics.
_CONTROLS: dict[int, str | None] = {
    code: " " if chr(code) in "\t\n\r\f\v" else None for code in (*range(0x20), *range(0x7F, 0xA0))
}

# A superscript digit (¹, ⁶) is a raised digit as a glyph: the digit in a superscript span, as the text reader has it.
_SUPERSCRIPT_RUN = re.compile(f"([{SUPERSCRIPT_DIGITS}]+)")


class StyledLine:
    """A line's pieces, each with its styles."""

    def __init__(self) -> None:
        self.pieces: list[tuple[str, frozenset[Style]]] = []
        self.marks: set[int] = set()  # the pieces that are footnote marks: a superscript stretch of their own
        self.blank = True  # nothing but spaces so far (kept as pieces come: joining them to look was quadratic)

    def add(self, text: str, *styles: Style) -> StyledLine:
        if not text.isascii() and _SUPERSCRIPT_RUN.search(text):
            for index, part in enumerate(_SUPERSCRIPT_RUN.split(text)):
                raised = ("superscript",) if index % 2 else ()
                self._add(part.translate(SUPERSCRIPT_TO_DIGIT), *styles, *raised)
        else:
            self._add(text, *styles)
        return self

    def mark(self, digits: str) -> StyledLine:
        """A footnote mark: raised digits, a stretch of their own even right after another mark ('Assembly,¹²' is
        two notes when a reader finds two marks)."""
        if digits:
            self.marks.add(len(self.pieces))
        return self.add(digits, "superscript")

    def _add(self, text: str, *styles: Style) -> None:
        if text:
            text = text.translate(_CONTROLS)
            self.pieces.append((text, frozenset(styles)))
            self.blank = self.blank and not text.strip()

    @property
    def text(self) -> str:
        return "".join(text for text, _ in self.pieces)

    def line(self, **where: Any) -> SourceLine:
        """The typed line, its text stripped of the spaces at its ends; `where` says where it stands (page, indent,
        origin, note: the fields of `SourceLine`)."""
        text = self.text
        start = len(text) - len(text.lstrip())
        stripped = text.strip()
        spans = []
        for span in self._spans():
            first, last = max(span.start, start) - start, min(span.end, start + len(stripped)) - start
            if last > first:
                spans.append(Span(first, last, span.style))
        return SourceLine(stripped, tuple(sorted(spans, key=lambda s: (s.start, s.end, s.style))), **where)

    def _spans(self) -> list[Span]:
        """For each style, the stretches of pieces set in it, joined over a gap of spaces alone and trimmed of
        spaces at their ends (a superscript is taken as set: its digits are a footnote mark)."""
        spans: list[Span] = []
        open_at: dict[Style, tuple[int, int]] = {}  # style -> (start, end) of the stretch still open
        offset = 0
        for index, (text, styles) in enumerate(self.pieces):
            end = offset + len(text)
            for style in list(open_at):
                if style not in styles and (style == "superscript" or text.strip()):
                    spans.append(Span(*open_at.pop(style), style))
            if index in self.marks and "superscript" in open_at:
                spans.append(Span(*open_at.pop("superscript"), "superscript"))
            for style in styles:
                start = open_at[style][0] if style in open_at else offset
                open_at[style] = (start, end)
            offset = end
        spans += [Span(start, end, style) for style, (start, end) in open_at.items()]
        text = self.text
        trimmed = []
        for span in spans:
            start, end = span.start, span.end
            if span.style != "superscript":
                while start < end and text[start].isspace():
                    start += 1
                while end > start and text[end - 1].isspace():
                    end -= 1
            if end > start:
                trimmed.append(Span(start, end, span.style))
        return trimmed
