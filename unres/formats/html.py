"""HTML → text, with the standard library's parser: blocks become paragraphs, <sup> digits footnote marks (or,
opening a block, a footnote's own number), <i>/<em> italics; scripts, styles and tags go, entities are decoded."""

from __future__ import annotations

from html.parser import HTMLParser

_BLOCKS = {"p", "div", "li", "h1", "h2", "h3", "h4", "h5", "h6", "tr", "br", "section", "article", "blockquote"}


class _Text(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.out: list[str] = []
        self.skip = 0
        self.sup = 0
        self.last = ""  # the last character written that is not a space: tells a footnote's number from a mark

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in ("script", "style", "head"):
            self.skip += 1
        elif tag in _BLOCKS:
            self._write("\n\n")
        elif tag in ("i", "em"):
            self._write("*")
        elif tag == "sup":
            self.sup += 1

    def handle_endtag(self, tag: str) -> None:
        if tag in ("script", "style", "head"):
            self.skip = max(0, self.skip - 1)
        elif tag in ("i", "em"):
            self._write("*")
        elif tag == "sup":
            self.sup = max(0, self.sup - 1)
        elif tag in _BLOCKS:
            self._write("\n\n")

    def handle_data(self, data: str) -> None:
        if self.skip:
            return
        if self.sup and data.strip().isdigit():
            at_block_start = self.last not in "abcdefghijklmnopqrstuvwxyz,.;:)”’" or not self.last
            # A number opening a block is a footnote's own number; inside text it is a reference to one.
            self._write(f"[^{data.strip()}]: " if at_block_start else f"[^{data.strip()}]")
        else:
            self._write(data.replace("\n", " "))

    def _write(self, piece: str) -> None:
        """Add to the output, keeping its last character in step (joining the output to look was quadratic)."""
        self.out.append(piece)
        visible = piece.rstrip(" ")
        if visible:
            self.last = visible[-1]


def html_to_text(markup: str) -> str:
    parser = _Text()
    parser.feed(markup)
    parser.close()
    lines = [" ".join(line.split()).replace("* *", " ") for line in "".join(parser.out).split("\n")]
    return "\n".join(lines).strip() + "\n"
