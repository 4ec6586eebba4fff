"""PDF → text, with pdfplumber: what text alone cannot tell, position and font size tell.

- Running headers and footers (symbol, job number, page number, barcode) sit in the top and bottom margins of pages
  after the first: left out. The first page's header is kept: it holds the symbol and the distribution facts.
- Footnote marks are set smaller than the body text: written `[^n]`.
- The footnote area starts below the rule (`____`) at the foot of a page: each footnote, opened by its small number,
  is written `[^n]: text`, its continuation lines indented.
- Opening phrases are set in italics: written `*Recalling also*`.
- A first line indented from the left margin, or a wide vertical gap, starts a paragraph: a blank line before it.
"""

from __future__ import annotations

from collections import Counter
from io import BytesIO
from typing import Any

from unres.errors import InputError

_MARGIN_TOP = 62.0  # points: running headers live above this on pages after the first
_MARGIN_BOTTOM = 58.0  # points from the bottom: footers (job number, page number, barcode)
_LINE_TOLERANCE = 3.0
_SMALL = 0.75  # a word this much smaller than the body size is a footnote mark (or a footnote number)
_INDENT = 12.0
_GLUED = 0.8  # points: closer than this, two pdfplumber words are one word in two fonts


def pdf_to_text(data: bytes, name: str) -> str:
    import pdfplumber
    from pdfminer.pdfdocument import PDFPasswordIncorrect

    try:
        with pdfplumber.open(BytesIO(data)) as pdf:
            pages = [page.extract_words(extra_attrs=["size", "fontname"], keep_blank_chars=False) for page in pdf.pages]
            heights = [float(page.height) for page in pdf.pages]
    except Exception as error:  # pdfminer raises many kinds of exception on damaged or encrypted files
        described = f"{error!r} {error.__context__!r}".lower()  # pdfplumber wraps pdfminer's exception
        if isinstance(error, PDFPasswordIncorrect) or "password" in described or "encrypt" in described:
            raise InputError(f"{name}: the PDF is password-protected") from None
        raise InputError(f"{name}: not a readable PDF ({type(error).__name__})") from None
    if not any(pages):
        raise InputError(f"{name}: the PDF has no text layer (a scan?); run OCR on it first")
    sizes = Counter(round(float(word["size"]), 1) for page in pages for word in page)
    body = sizes.most_common(1)[0][0]
    starts = Counter(
        round(float(line[0]["x0"]))
        for page in pages
        for line in _group_lines(page, body)
        if round(float(line[0]["size"]), 1) == body
    )
    left = float(starts.most_common(1)[0][0]) if starts else 0.0
    out: list[str] = []
    for number, (words, height) in enumerate(zip(pages, heights, strict=True)):
        if number:
            out.append("\f")
        out.extend(_page_lines(words, height, body, left, first=number == 0))
    return "\n".join(out) + "\n"


def _page_lines(words: list[dict[str, Any]], height: float, body: float, left: float, *, first: bool) -> list[str]:
    lines = _group_lines(words, body)
    out: list[str] = []
    in_footnotes = False
    previous_bottom: float | None = None
    for line in lines:
        top = min(float(w["top"]) for w in line)
        if top > height - _MARGIN_BOTTOM or (not first and top < _MARGIN_TOP):
            continue
        text = " ".join(_joined(line))
        if set(text) <= {"_"} and len(text) >= 5:
            in_footnotes = True
            out.append("")
            continue
        if in_footnotes:
            out.append(_footnote_line(line, body))
            continue
        x0 = float(line[0]["x0"])
        gap = previous_bottom is not None and top - previous_bottom > body * 1.2
        if x0 > left + _INDENT or gap:
            out.append("")
        out.append(_body_line(line, body))
        previous_bottom = max(float(w["bottom"]) for w in line)
    return out


def _group_lines(words: list[dict[str, Any]], body: float) -> list[list[dict[str, Any]]]:
    """Words into lines by their baseline; small raised words (marks, footnote numbers) join the line they touch."""
    lines: list[list[dict[str, Any]]] = []
    small = [w for w in words if float(w["size"]) < body * _SMALL]
    for word in sorted((w for w in words if float(w["size"]) >= body * _SMALL), key=lambda w: float(w["bottom"])):
        for line in lines:
            if abs(float(line[0]["bottom"]) - float(word["bottom"])) <= _LINE_TOLERANCE:
                line.append(word)
                break
        else:
            lines.append([word])
    for word in small:
        top = float(word["top"])
        touching = [
            line
            for line in lines
            if min(float(w["top"]) for w in line) - 5 <= top <= max(float(w["bottom"]) for w in line)
        ]
        if touching:
            min(touching, key=lambda line: abs(min(float(w["top"]) for w in line) - top)).append(word)
        else:
            lines.append([word])
    for line in lines:
        line.sort(key=lambda w: float(w["x0"]))
    lines.sort(key=lambda line: min(float(w["top"]) for w in line))
    return lines


def _joined(words: list[dict[str, Any]]) -> list[str]:
    """Word texts, a word set flush against the one before (a change of font inside a word) glued to it."""
    pieces: list[str] = []
    previous: dict[str, Any] | None = None
    for word in words:
        text = str(word["text"])
        if previous is not None and float(word["x0"]) - float(previous["x1"]) < _GLUED:
            pieces[-1] += text
        else:
            pieces.append(text)
        previous = word
    return pieces


def _is_mark(word: dict[str, Any], body: float) -> bool:
    return float(word["size"]) < body * _SMALL and str(word["text"]).isdigit()


def _italic(word: dict[str, Any]) -> bool:
    font = str(word["fontname"])
    return "Italic" in font or "Oblique" in font


def _body_line(line: list[dict[str, Any]], body: float) -> str:
    """Words joined; small digits become `[^n]` glued to the word before; a leading italic run becomes `*…*`."""
    marks = [w for w in line if _is_mark(w, body)]
    words = [w for w in line if not _is_mark(w, body)]
    pieces = _joined(words)
    italic = 0
    for word in words:
        if not _italic(word):
            break
        italic += 1
    italic = min(italic, len(pieces))
    label = 1 if pieces and pieces[0].rstrip(".").isdigit() and not _italic(words[0]) else 0
    if not italic and label and len(words) > 1:
        italic = label + sum(1 for _ in _leading_italic(words[1:]))
    for mark in marks:
        position = max((i for i, w in enumerate(words) if float(w["x1"]) <= float(mark["x0"]) + 0.5), default=-1)
        if position >= 0 and position < len(pieces):
            pieces[position] += f"[^{mark['text']}]"
    if italic > label:
        opening = " ".join(pieces[label:italic])
        rest = " ".join(pieces[italic:])
        prefix = f"{pieces[0]} " if label else ""
        return f"{prefix}*{opening}* {rest}".rstrip()
    return " ".join(pieces)


def _leading_italic(words: list[dict[str, Any]]) -> list[dict[str, Any]]:
    run = []
    for word in words:
        if not _italic(word):
            break
        run.append(word)
    return run


def _footnote_line(line: list[dict[str, Any]], body: float) -> str:
    """'[^n]: text' for a line opened by a small footnote number; an indented continuation otherwise."""
    first = line[0]
    if float(first["size"]) < body * _SMALL and str(first["text"]).isdigit():
        return f"[^{first['text']}]: {' '.join(_joined(line[1:]))}"
    return "    " + " ".join(_joined(line))
