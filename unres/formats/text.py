"""Text and markdown → typed lines: the markup a text rendering uses for what print shows by style is read here,
once, into spans.

- footnote marks: superscript digits (`Crime,⁶`), markdown references (`[^6]`) and LaTeX scraps (`$^{6}$`) become
  the digits with a superscript span; a markdown definition (`[^6]: text`) opens footnote 6's text;
- italics (`*Recalling*`, `_Recalling_`) become italic spans, bold (`**…**`) plain text;
- markdown headings (`#`), list markers (`- `, `* `, `•`) and escapes (`\\[`) go;
- form feeds are page breaks; a line's indentation is counted in columns (a tab is four).

Which lines are page furniture, junk or footnotes pulled away from their numbers is the parser's business, not
the reader's: it sees the same lines from every format.
"""

from __future__ import annotations

import re

from unres.formats.lines import ITALIC_CLOSE, ITALIC_OPEN, MARK_CLOSE, MARK_OPEN, SourceLine, decode_spans

SUPERSCRIPT_DIGITS = "⁰¹²³⁴⁵⁶⁷⁸⁹"
SUPERSCRIPT_TO_DIGIT = str.maketrans(SUPERSCRIPT_DIGITS, "0123456789")

_LATEX_SPAN = re.compile(r"\$([^$]*\^\{[^$]*)\$")
_LATEX_SUPERSCRIPT = re.compile(r"\^\{+\^?\{?(\d{1,3})\}*\\?\}?")
_MD_FOOTNOTE_REF = re.compile(r"\[\^(\d{1,3})\](?!:)")
_MD_FOOTNOTE_DEF = re.compile(r"^\[\^(\d{1,3})\]:\s*")
# An extractor that took a wrapped line starting with a year for a footnote ("[^2013]: (S/INF/68).").
_IMPOSSIBLE_FOOTNOTE_DEF = re.compile(r"^\[\^(\d{4,})\]:\s*")
_SUPERSCRIPT_RUN = re.compile(f"[{SUPERSCRIPT_DIGITS}]+")
_LIST_MARKER = re.compile(r"^[-*+•●▪◦]\s+(?=\S)")
_MD_HEADING = re.compile(r"^#{1,6}\s+")
_MARKUP_OPENERS = frozenset("#-*+•●▪◦")
_MD_ESCAPE = re.compile(r"\\([\[\]*_#().\-])")
_BOLD = re.compile(r"\*\*(?=\S)(.+?)(?<=\S)\*\*")
_ITALIC_STAR = re.compile(r"(?<![*\w])\*(?=\S)([^*]+?)(?<=\S)\*(?![*\w])")
_ITALIC_UNDERSCORE = re.compile(r"(?<![_\w])_(?=\S)([^_]+?)(?<=\S)_(?![_\w])")
# Control characters other than the layout ones: no rendering prints them, and the in-band styles use some.
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0e-\x1f\x7f-\x9f]")


def text_to_lines(text: str) -> list[SourceLine]:
    """Decoded text (plain, pdftotext or PyMuPDF output, markdown) as typed lines; a form feed breaks the page."""
    text = _CONTROL.sub("", text.replace("\r\n", "\n").replace("\r", "\n"))
    lines: list[SourceLine] = []
    page, page_break = 1, False
    for number, raw in enumerate(text.split("\n"), start=1):
        pieces = raw.split("\f")
        for index, piece in enumerate(pieces):
            if index > 0:
                page, page_break = page + 1, True
            if index < len(pieces) - 1 and not piece.strip():
                continue
            line = read_line(piece, page=page, page_break=page_break, origin=f"line {number}")
            if line.text.strip():
                page_break = False
            lines.append(line)
    return lines


def read_line(raw: str, *, page: int = 1, page_break: bool = False, origin: str = "") -> SourceLine:
    """One line of text: its markup read into spans and a footnote definition's mark."""
    indent = 0
    if raw[:1] in (" ", "\t"):
        expanded = raw.expandtabs(4)
        indent = len(expanded) - len(expanded.lstrip(" "))
    text = raw
    if "$" in text and "^{" in text:
        text = _LATEX_SPAN.sub(lambda m: _LATEX_SUPERSCRIPT.sub(lambda s: _mark(s.group(1)) + " ", m.group(1)), text)
        text = text.replace("\\", "")
    text = text.strip()
    if text[:1] in _MARKUP_OPENERS:  # most lines open with a letter or a digit: no pattern to try
        text = _LIST_MARKER.sub("", _MD_HEADING.sub("", text))
    note = None
    if text.startswith("[^"):
        text = _IMPOSSIBLE_FOOTNOTE_DEF.sub(r"\1 ", text)
        if found := _MD_FOOTNOTE_DEF.match(text):
            note = found.group(1)
            text = text[found.end() :]
    if "\\" in text:
        text = _MD_ESCAPE.sub(r"\1", text)
    if "[^" in text:
        text = _MD_FOOTNOTE_REF.sub(lambda m: _mark(m.group(1)), text)
    if not text.isascii():  # superscript digits are outside ASCII
        text = _SUPERSCRIPT_RUN.sub(lambda m: _mark(m.group(0).translate(SUPERSCRIPT_TO_DIGIT)), text)
    if "**" in text:
        text = _BOLD.sub(r"\1", text)
    if "*" in text:
        text = _ITALIC_STAR.sub(lambda m: ITALIC_OPEN + m.group(1) + ITALIC_CLOSE, text)
    if "_" in text:
        text = _ITALIC_UNDERSCORE.sub(lambda m: ITALIC_OPEN + m.group(1) + ITALIC_CLOSE, text)
    plain, spans = decode_spans(text)
    return SourceLine(
        plain,
        spans,
        note=note,
        page=page,
        page_break=page_break,
        indent=indent,
        origin=origin,
        raw=None if plain == raw else raw,
    )


def _mark(digits: str) -> str:
    return f"{MARK_OPEN}{digits}{MARK_CLOSE}"
