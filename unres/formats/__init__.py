"""Reading the documents users actually have: PDF, Word (.docx) and HTML, turned into the typed lines the parser
reads (`unres.formats.lines.SourceLine`).

Each reader yields the same line objects as the text and markdown reader: the text as printed, with what the
rendering shows by style in spans (italic words, footnote marks as raised digits), the line that opens a
footnote's text marked with its number (`note`), page, page break, indent and origin where the rendering has them,
and a blank line between paragraphs. No reader writes markup for the parser to read back, so the characters of a
document are never taken for markup. Page furniture that position and font size identify (running headers, footers,
job numbers) is left out. The format is chosen by content (magic bytes), not by file name.
"""

from __future__ import annotations

import zipfile
from io import BytesIO
from typing import Literal, get_args

Format = Literal["text", "pdf", "docx", "html"]
FORMATS: tuple[Format, ...] = get_args(Format)
# How a Word file's tracked changes are read: every revision accepted, or every one rejected.
Revisions = Literal["accept", "reject"]
REVISIONS: tuple[Revisions, ...] = get_args(Revisions)


def detect(data: bytes) -> Format:
    """The format of `data`, from its first bytes."""
    if data.startswith(b"%PDF-"):
        return "pdf"
    if data.startswith(b"PK\x03\x04"):
        try:
            with zipfile.ZipFile(BytesIO(data)) as archive:
                if "word/document.xml" in archive.namelist():
                    return "docx"
        except (zipfile.BadZipFile, NotImplementedError, ValueError, EOFError):
            return "docx"  # a broken Word file is still reported as one
    head = data[:512].lstrip(b"\xef\xbb\xbf \t\r\n").lower()
    if head.startswith((b"<!doctype html", b"<html")):
        return "html"
    return "text"
