"""HTML → typed lines, with libxml2's HTML parser (lxml): each block (paragraph, list item, heading, table row, a
line break) becomes a line and a blank line; <i>/<em> become italic spans and <b>/<strong> bold, <sup> superscript: its
digits are a footnote mark inside text, and a footnote's own number where they open a block (the `note` of its
line); scripts, styles and tags go, entities are decoded, runs of spaces are one space. Characters are taken as
written: an asterisk in the text is an asterisk.

Not the standard library's `html.parser`: it is quadratic on unfinished tags, comments and declarations (300 KB of
`<a ` took minutes), which libxml2 reads in linear time; its tree is walked as start/text/end events.
"""

from __future__ import annotations

import re

from unres.formats.lines import SourceLine, Style
from unres.formats.styled import StyledLine

_BLOCKS = {"p", "div", "li", "h1", "h2", "h3", "h4", "h5", "h6", "tr", "br", "section", "article", "blockquote"}
_SKIPPED = ("script", "style", "head")
_STYLES: dict[str, Style] = {"i": "italic", "em": "italic", "b": "bold", "strong": "bold"}
_SPACES = re.compile(r"\s+")


class _Lines:
    """The lines of a page, from its start/text/end events."""

    def __init__(self) -> None:
        self.lines: list[SourceLine] = []
        self.line = StyledLine()
        self.note: str | None = None  # the number that opened the current block, raised
        self.origin = ""
        self.skip = 0
        self.sup = 0
        self.styles: dict[Style, int] = {"italic": 0, "bold": 0}

    def start(self, tag: str) -> None:
        if tag in _SKIPPED:
            self.skip += 1
        elif tag in _BLOCKS:
            self.end_block()
        elif tag in _STYLES:
            self.styles[_STYLES[tag]] += 1
        elif tag == "sup":
            self.sup += 1

    def end(self, tag: str) -> None:
        if tag in _SKIPPED:
            self.skip = max(0, self.skip - 1)
        elif tag in _STYLES:
            self.styles[_STYLES[tag]] = max(0, self.styles[_STYLES[tag]] - 1)
        elif tag == "sup":
            self.sup = max(0, self.sup - 1)
        elif tag in _BLOCKS:
            self.end_block()

    def data(self, data: str, line: int | None) -> None:
        if self.skip or not data:
            return
        if self.sup and data.strip().isdigit():
            if self.line.blank and self.note is None:  # opening a block: a footnote's own number
                self.note, self.origin = data.strip(), f"line {line}"
            else:  # inside text: a reference to one
                self.line.mark(data.strip())
            return
        text = _SPACES.sub(" ", data)
        if self.line.blank:
            text = text.lstrip()
            if text:
                self.origin = self.origin or f"line {line}"
        elif self.line.pieces[-1][0].endswith(" "):
            text = text.lstrip()
        raised: tuple[Style, ...] = ("superscript",) if self.sup else ()
        self.line.add(text, *(style for style, depth in self.styles.items() if depth), *raised)

    def end_block(self) -> None:
        """The block's line, and a blank line after it; nothing for a block with no text."""
        if not self.line.blank or self.note is not None:
            self.lines += [self.line.line(note=self.note, origin=self.origin), SourceLine("")]
        self.line, self.note, self.origin = StyledLine(), None, ""


def html_to_lines(markup: str) -> list[SourceLine]:
    from lxml import etree

    parser = etree.HTMLParser(encoding="utf-8", no_network=True, remove_comments=True, remove_pis=True)
    root = etree.fromstring(markup.encode("utf-8", errors="surrogatepass"), parser)
    lines = _Lines()
    if root is not None:
        for event, element in etree.iterwalk(root, events=("start", "end")):
            tag = element.tag.lower() if isinstance(element.tag, str) else ""
            if event == "start":
                lines.start(tag)
                lines.data(element.text or "", element.sourceline)
            else:
                lines.end(tag)
                lines.data(element.tail or "", element.sourceline)
    lines.end_block()
    return lines.lines
