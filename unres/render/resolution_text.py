"""A Document written back as a clean plain-text resolution: what `unres amend -o F --format text` gives.

The layout is the one `unres parse` reads: symbol and title, the author line, one block a paragraph, operative
paragraphs numbered, sub-paragraphs labelled on lines of their own, footnote marks as `[^n]` with their texts at
the end. Numbers are the document's own (after amendment, the renumbered ones).
"""

from __future__ import annotations

from unres.models import Document, Paragraph


def resolution_text(document: Document) -> str:
    """The resolution as plain text, paragraphs separated by blank lines."""
    blocks: list[str] = []
    if document.symbol:
        blocks.append(document.symbol)
    if document.title:
        blocks.append(document.title)
    if document.paragraphs:
        blocks.append(f"{document.body or 'The General Assembly'},")
    blocks += [_paragraph(p) for p in document.paragraphs]
    if document.closing and (document.closing.meeting or document.closing.date):
        blocks.append("\n".join(part for part in (document.closing.meeting, document.closing.date) if part))
    for annex in document.annexes:
        blocks.append(annex.heading)
        if annex.title:
            blocks.append(annex.title)
        blocks += [_paragraph(p) for p in annex.paragraphs]
    referenced = {f.mark for f in document.footnotes if f.referenced_in}
    notes = [f"[^{f.mark}]: {f.text}" for f in document.footnotes if f.mark in referenced]
    if notes:
        blocks.append("__________________")
        blocks += notes
    return "\n\n".join(blocks) + "\n"


def _paragraph(paragraph: Paragraph, depth: int = 0) -> str:
    label = paragraph.label
    if label is None:
        head = ""
    elif depth == 0 and paragraph.kind != "preambular":
        head = f"{label}. "
    else:
        head = f"({label}) "
    lines = ["    " * depth + head + _with_marks(paragraph)]
    lines += [_paragraph(sub, depth + 1) for sub in paragraph.subparagraphs]
    return "\n\n".join(lines)


def _with_marks(paragraph: Paragraph) -> str:
    """The text with its footnote marks put back where they stood."""
    text = paragraph.text
    for ref in sorted(paragraph.footnote_refs, key=lambda r: r.offset, reverse=True):
        offset = min(max(ref.offset, 0), len(text))
        text = f"{text[:offset]}[^{ref.mark}]{text[offset:]}"
    return text
