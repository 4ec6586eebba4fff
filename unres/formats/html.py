"""HTML → text, with libxml2's HTML parser (lxml): blocks become paragraphs, <sup> digits footnote marks (or,
opening a block, a footnote's own number), <i>/<em> italics; scripts, styles and tags go, entities are decoded.

Not the standard library's `html.parser`: it is quadratic on unfinished tags, comments and declarations (300 KB of
`<a ` took minutes), which libxml2 reads in linear time; its tree is walked as the same start/text/end events.
"""

from __future__ import annotations

_BLOCKS = {"p", "div", "li", "h1", "h2", "h3", "h4", "h5", "h6", "tr", "br", "section", "article", "blockquote"}


class _Text:
    def __init__(self) -> None:
        self.out: list[str] = []
        self.skip = 0
        self.sup = 0
        self.last = ""  # the last character written that is not a space: tells a footnote's number from a mark

    def handle_starttag(self, tag: str) -> None:
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
    from lxml import etree

    parser = etree.HTMLParser(encoding="utf-8", no_network=True, remove_comments=True, remove_pis=True)
    root = etree.fromstring(markup.encode("utf-8", errors="surrogatepass"), parser)
    text = _Text()
    if root is not None:
        for event, element in etree.iterwalk(root, events=("start", "end")):
            tag = element.tag if isinstance(element.tag, str) else ""
            if event == "start":
                text.handle_starttag(tag.lower())
                text.handle_data(element.text or "")
            else:
                text.handle_endtag(tag.lower())
                text.handle_data(element.tail or "")
    lines = [" ".join(line.split()).replace("* *", " ") for line in "".join(text.out).split("\n")]
    return "\n".join(lines).strip() + "\n"
