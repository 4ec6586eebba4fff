"""A minimal PDF writer for tests: text in the standard Times fonts at given positions, lines, nothing else.

Enough to lay out a page the way the United Nations sets a resolution (indents, italics, raised small footnote marks,
a footnote rule, running headers, two columns) without a PDF library that can write text.
"""

from __future__ import annotations

from dataclasses import dataclass, field

FONTS = {"roman": "Times-Roman", "italic": "Times-Italic", "bold": "Times-Bold"}
PAGE = (612.0, 792.0)  # US Letter, as the corpus PDFs


@dataclass
class Page:
    """Text and rules placed from the top-left corner, in points (y grows down the page, as one reads): `y` is
    the baseline of a run of text."""

    runs: list[tuple[float, float, str, float, str]] = field(default_factory=list)
    rules: list[tuple[float, float, float]] = field(default_factory=list)

    def text(self, x: float, y: float, text: str, *, font: str = "roman", size: float = 10.0) -> Page:
        self.runs.append((x, y, font, size, text))
        return self

    def words(self, x: float, y: float, *parts: tuple[str, str] | str, size: float = 10.0) -> Page:
        """A line of words: plain strings in roman, (font, text) pairs otherwise; ('mark', '1') is a raised small
        footnote mark glued to what comes before it."""
        for part in parts:
            font, text = ("roman", part) if isinstance(part, str) else part
            if font == "mark":
                x -= size * 0.5  # set flush against the word before
                self.text(x, y - size * 0.35, text, size=size * 0.6)
                x += _width(text, size * 0.6) + size * 0.25
                continue
            self.text(x, y, text, font=font, size=size)
            x += _width(text, size, font) + size * 0.5
        return self

    def line(self, x: float, y: float, markup: str, *, size: float = 10.0) -> Page:
        """A line written with `*italic words*` and `word^1` for a raised footnote mark after a word."""
        parts: list[tuple[str, str] | str] = []
        italic = False
        for token in markup.split():
            word, _, mark = token.partition("^")
            if word.startswith("*"):
                italic, word = True, word[1:]
            closing = word.endswith("*")
            word = word.rstrip("*")
            if word:
                parts.append(("italic", word) if italic else word)
            if mark:
                parts.append(("mark", mark))
            italic = italic and not closing
        return self.words(x, y, *parts, size=size)

    def rule(self, x0: float, x1: float, y: float) -> Page:
        self.rules.append((x0, x1, y))
        return self


def _width(text: str, size: float, font: str = "roman") -> float:
    """The advance width of `text` in a standard font, from the metrics pdfminer itself uses."""
    from pdfminer.fontmetrics import FONT_METRICS

    widths = FONT_METRICS[FONTS[font]][1]
    return sum(widths.get(ch, 500) for ch in text) * size / 1000


def pdf_bytes(pages: list[Page]) -> bytes:
    """The pages as a PDF file."""
    objects: list[bytes] = []
    font_ids = {}
    for key, base in FONTS.items():
        objects.append(f"<< /Type /Font /Subtype /Type1 /BaseFont /{base} /Encoding /WinAnsiEncoding >>".encode())
        font_ids[key] = len(objects)
    resources = " ".join(f"/F{i} {i} 0 R" for i in font_ids.values())
    page_ids = []
    pages_id = len(objects) + 2 * len(pages) + 1
    for page in pages:
        stream = _content(page, font_ids)
        objects.append(b"<< /Length %d >>\nstream\n" % len(stream) + stream + b"\nendstream")
        objects.append(
            (
                f"<< /Type /Page /Parent {pages_id} 0 R /MediaBox [0 0 {PAGE[0]:g} {PAGE[1]:g}] "
                f"/Resources << /Font << {resources} >> >> /Contents {len(objects)} 0 R >>"
            ).encode()
        )
        page_ids.append(len(objects))
    kids = " ".join(f"{i} 0 R" for i in page_ids)
    objects.append(f"<< /Type /Pages /Kids [{kids}] /Count {len(page_ids)} >>".encode())
    objects.append(f"<< /Type /Catalog /Pages {pages_id} 0 R >>".encode())
    out = bytearray(b"%PDF-1.4\n")
    offsets = []
    for number, body in enumerate(objects, start=1):
        offsets.append(len(out))
        out += b"%d 0 obj\n" % number + body + b"\nendobj\n"
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    out += b"".join(b"%010d 00000 n \n" % offset for offset in offsets)
    out += b"trailer\n<< /Size %d /Root %d 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (len(objects) + 1, len(objects), xref)
    return bytes(out)


def _content(page: Page, font_ids: dict[str, int]) -> bytes:
    lines = []
    for x, y, font, size, text in page.runs:
        escaped = text.replace("\\", "\\\\").replace("(", "\\(").replace(")", "\\)")
        baseline = PAGE[1] - y
        lines.append(f"BT /F{font_ids[font]} {size:g} Tf {x:.2f} {baseline:.2f} Td ({escaped}) Tj ET")
    for x0, x1, y in page.rules:
        lines.append(f"0.5 w {x0:.2f} {PAGE[1] - y:.2f} m {x1:.2f} {PAGE[1] - y:.2f} l S")
    return "\n".join(lines).encode("cp1252")
