"""The typed line: what every reader (text, markdown, PDF, Word, HTML) hands the parser.

A reader knows things the characters alone do not say: which words are set in italics, which digits are raised
footnote marks, on what page and how far in a line stands, that a line is the text of a footnote. It keeps them here
instead of writing them back as markup (`*…*`, `[^n]`) for the parser to guess again, so that a Word document whose
text holds a literal asterisk or `[^3]` is read as printed, and the parser sees the same line objects whatever the
rendering was.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

Style = Literal["italic", "superscript", "bold"]


@dataclass(frozen=True, slots=True)
class Span:
    """A stretch of a line's text set in one style: `text[start:end]`."""

    start: int
    end: int
    style: Style


@dataclass(frozen=True, slots=True)
class SourceLine:
    """One line as a reader found it. `text` holds no markup: styles are in `spans` (a raised footnote mark is its
    digits with a superscript span). A blank line (empty text) separates paragraphs, as in a text rendering."""

    text: str
    spans: tuple[Span, ...] = ()
    # The footnote whose text this line opens, where the reader knows it (a PDF's footnote area, Word's footnotes
    # part, a markdown definition `[^4]: …`): its mark, digits only.
    note: str | None = None
    page: int | None = None  # 1-based page, where the rendering has pages
    page_break: bool = False  # the first line of a page after the first
    indent: float = 0.0  # how far in the line starts: columns in a text, points from the column's edge in a PDF
    origin: str = ""  # where the line came from, for messages: 'line 12', 'page 3', 'footnotes part'
    raw: str | None = None  # the line as the rendering wrote it, markup and all, where that differs from `text`

    @property
    def printed(self) -> str:
        """The line as the rendering wrote it."""
        return self.text if self.raw is None else self.raw


# The in-band form of styles, for code that cuts and joins text (a reader rewriting markup, the parser assembling
# paragraphs from lines): a raised footnote mark and an italic stretch each travel between a pair of characters no
# input keeps (every reader drops control characters), so they survive slicing and joining where offsets would not.
MARK_OPEN, MARK_CLOSE = "\x02", "\x03"
ITALIC_OPEN, ITALIC_CLOSE = "\x04", "\x05"
SENTINELS = MARK_OPEN + MARK_CLOSE + ITALIC_OPEN + ITALIC_CLOSE
_NO_SENTINELS = dict.fromkeys(map(ord, SENTINELS))
_STYLE_OF: dict[str, Style] = {MARK_OPEN: "superscript", ITALIC_OPEN: "italic"}


def encode_spans(line: SourceLine) -> str:
    """The line's text with its footnote marks (superscript digits) and italics in in-band form; other styles (bold,
    a raised 'th') are plain text to the parser."""
    text = without_sentinels(line.text)
    if not line.spans:
        return text
    inserts: list[tuple[int, int, str]] = []  # (offset, order, sentinel): closers before openers at one offset
    for span in line.spans:
        piece = line.text[span.start : span.end]
        if span.style == "superscript" and piece.isdigit():
            inserts += [(span.start, 1, MARK_OPEN), (span.end, 0, MARK_CLOSE)]
        elif span.style == "italic" and piece.strip():
            inserts += [(span.start, 1, ITALIC_OPEN), (span.end, 0, ITALIC_CLOSE)]
    out, position = [], 0
    for offset, _, sentinel in sorted(inserts):
        out += [text[position:offset], sentinel]
        position = offset
    out.append(text[position:])
    return "".join(out)


def decode_spans(encoded: str) -> tuple[str, tuple[Span, ...]]:
    """Text in in-band form back to plain text and spans (the inverse of `encode_spans`)."""
    if not _has_sentinels(encoded):
        return encoded, ()
    text: list[str] = []
    spans: list[Span] = []
    open_at: dict[str, int] = {}
    length = 0
    for char in encoded:
        if char in _STYLE_OF:
            open_at[char] = length
        elif char in (MARK_CLOSE, ITALIC_CLOSE):
            opener = MARK_OPEN if char == MARK_CLOSE else ITALIC_OPEN
            start = open_at.pop(opener, None)
            if start is not None and length > start:
                spans.append(Span(start, length, _STYLE_OF[opener]))
        else:
            text.append(char)
            length += 1
    return "".join(text), tuple(sorted(spans, key=lambda span: (span.start, span.end)))


def without_sentinels(text: str) -> str:
    """Text with the in-band style characters taken out: italics unwrapped, marks kept as their digits."""
    return text.translate(_NO_SENTINELS) if _has_sentinels(text) else text


def _has_sentinels(text: str) -> bool:
    return MARK_OPEN in text or MARK_CLOSE in text or ITALIC_OPEN in text or ITALIC_CLOSE in text  # most have none
