"""Render a Document back into the text layouts unres must read, to test parsing and `check` on layouts made here.

Each function writes the same words in another layout: markdown converted from PDF (superscript marks, footnotes
interleaved), a Word export (tabs, inline-digit marks, footnotes piled after the closing), pdftotext (hard wraps,
pages with a footnote area, page numbers, job numbers, running headers, form feeds, paragraphs cut across pages) and
PyMuPDF text (YAML front matter, numbers on their own lines, trailing spaces). Parsing any of them must give back the
document's paragraphs, footnotes, title and closing. Deterministic: the same document gives the same text.
"""

from __future__ import annotations

import textwrap

from unres.grammar.lines import SYMBOL_RE
from unres.models import Document, Paragraph

_SUPERSCRIPT = str.maketrans("0123456789", "⁰¹²³⁴⁵⁶⁷⁸⁹")


def in_sequence(doc: Document) -> bool:
    """Are footnotes numbered in order of first reference, as UN documents are? (A rendering that lost marks is not,
    and then bare-digit marks and page footnote areas would be ambiguous even to a reader.)"""
    highest = 0
    for paragraph in doc.walk():
        for ref in paragraph.footnote_refs:
            number = int(ref.mark)
            if number > highest + 1:
                return False
            highest = max(highest, number)
    return True


def _marked(paragraph: Paragraph, style: str) -> str:
    """The paragraph's text with its footnote marks put back where they stood; bare digits only where a reader
    could tell them from the text (after a word or punctuation mark)."""
    text = paragraph.text
    for ref in sorted(paragraph.footnote_refs, key=lambda r: r.offset, reverse=True):
        before = text[: ref.offset]
        if style == "superscript" or not before or before[-1].isdigit() or not before[-1].strip():
            mark = ref.mark.translate(_SUPERSCRIPT)
        elif style == "spaced" and before[-1] in ",;:.":
            mark = f" {ref.mark}"
        else:
            mark = ref.mark
        text = before + mark + text[ref.offset :]
    return text


def _lines_of(paragraph: Paragraph, style: str, depth: int = 0) -> list[tuple[int, str | None, str]]:
    """(depth, label, text) for the paragraph and its sub-paragraphs, in reading order."""
    label = (
        f"({paragraph.label})" if depth and paragraph.label else (f"{paragraph.label}." if paragraph.label else None)
    )
    rows = [(depth, label, _marked(paragraph, style))]
    for sub in paragraph.subparagraphs:
        rows.extend(_lines_of(sub, style, depth + 1))
    return rows


def _closing(doc: Document) -> list[str]:
    if not doc.closing:
        return []
    return [part for part in (doc.closing.meeting, doc.closing.date) if part]


def markdown(doc: Document) -> str:
    """PDF converted to markdown: blank-line paragraphs, `- 1. *Urges*`, superscripts, footnotes between paragraphs."""
    out = [doc.title or "", "", f"{doc.body},", ""]
    pending = list(doc.footnotes)
    for index, paragraph in enumerate(doc.paragraphs):
        for depth, label, text in _lines_of(paragraph, "superscript"):
            if label and depth == 0:
                opening = paragraph.opening
                if opening and text.startswith(opening):
                    text = f"*{opening}*{text[len(opening) :]}"
                out.append(f"- {label} {text}")
            elif label:
                out.append(f"{'  ' * depth}- {label} {text}")
            else:
                out.append(text)
            out.append("")
        if pending and index % 3 == 2:
            footnote = pending.pop(0)
            out += [f"{footnote.mark.translate(_SUPERSCRIPT)} {footnote.text}", ""]
    out += [" ".join(_closing(doc)), ""]
    out += [f"{footnote.mark.translate(_SUPERSCRIPT)} {footnote.text}\n" for footnote in pending]
    return "\n".join(out)


def _digit_style(doc: Document, style: str) -> str:
    """Bare-digit marks need the footnote texts and the numbering in order to be read back; else superscripts."""
    return style if doc.footnotes and in_sequence(doc) else "superscript"


def word_export(doc: Document) -> str:
    """A Word export: tab-indented, inline-digit marks, footnotes piled after the closing."""
    out = [f"{doc.number}.\t{doc.title}" if doc.number else doc.title or "", "", f"\t{doc.body},"]
    for paragraph in doc.paragraphs:
        for _depth, label, text in _lines_of(paragraph, _digit_style(doc, "inline")):
            out.append(f"\t{label}\t{text}" if label else f"\t{text}")
    out += ["", *_closing(doc)]
    out += [f"{footnote.mark} {footnote.text}" for footnote in doc.footnotes]
    return "\n".join(out) + "\n"


def pdftotext(doc: Document, width: int = 72, page_lines: int = 30) -> str:
    """pdftotext: hard wraps, pages with footnote areas, page and job numbers, running headers, form feeds."""
    body: list[tuple[str, set[str]]] = [
        (doc.title or "", set()),
        (f"{doc.body or 'The General Assembly'},", set()),
    ]
    for paragraph in doc.paragraphs:
        for depth, label, text in _lines_of(paragraph, _digit_style(doc, "spaced")):
            marks = {ref.mark for ref in _paragraph_at(paragraph, depth, label).footnote_refs}
            lead = "    " + (f"{label} " if label else "")
            wrapped = textwrap.wrap(lead + text, width=width, break_long_words=False, break_on_hyphens=False)
            body += [(line, marks if n == 0 else set()) for n, line in enumerate(wrapped)]
    body += [(part, set()) for part in _closing(doc)]
    texts = {footnote.mark: footnote.text for footnote in doc.footnotes}
    out: list[str] = []
    page = 1
    for start in range(0, len(body), page_lines):
        chunk = body[start : start + page_lines]
        if page > 1:  # running header: the symbol, and on even pages the title too
            out += [f"\f{_series_symbol(doc)}", ""]
            if page % 2 == 0 and doc.title:
                out += [doc.title, ""]
        out += [line for line, _ in chunk]
        marks = sorted({mark for _, found in chunk for mark in found} & set(texts), key=int)
        if marks and in_sequence(doc):
            out += ["", "__________________"]
            out += [f"{mark} {texts[mark]}" for mark in marks]
            for mark in marks:
                del texts[mark]
        out += ["", f"{page}/9", "", "18-18142 (E)" if page == 1 else "18-18142"]
        if page == 1:
            out += ["", "*1818142*"]
        page += 1
    out += [f"{mark} {text}" for mark, text in texts.items()]
    return "\n".join(out) + "\n"


def _paragraph_at(paragraph: Paragraph, depth: int, label: str | None) -> Paragraph:
    if depth == 0:
        return paragraph
    for sub in paragraph.walk():
        if sub is not paragraph and f"({sub.label})" == label:
            return sub
    return paragraph


def pymupdf(doc: Document) -> str:
    """PyMuPDF text: YAML front matter, numbers on their own lines, trailing spaces."""
    out = [
        "---",
        f"symbol: {_series_symbol(doc)}",
        f'title: "{(doc.title or "").replace(chr(34), "")} :"',
        "---",
        "",
    ]
    out += [f"{doc.title} ", " ", f"{doc.body}, ", " "]
    for paragraph in doc.paragraphs:
        for _depth, label, text in _lines_of(paragraph, _digit_style(doc, "inline")):
            if label:
                out.append(f"{label} ")
            out += [
                f"{line} " for line in textwrap.wrap(text, width=80, break_long_words=False, break_on_hyphens=False)
            ]
            out.append(" ")
    out += [f"{part} " for part in _closing(doc)]
    if doc.footnotes:
        out += [" ", "_______________ ", " "]
        out += [f"{footnote.mark} {footnote.text} " for footnote in doc.footnotes]
    return "\n".join(out) + "\n"


LAYOUTS = {"markdown": markdown, "word_export": word_export, "pdftotext": pdftotext, "pymupdf": pymupdf}


def _series_symbol(doc: Document) -> str:
    """The symbol a page header prints: a document series symbol ('A/RES/58/137'); a resolution known only by its
    number ('Resolution 5/2') is printed in a report under the report's symbol, here a stand-in."""
    return doc.symbol if doc.symbol and SYMBOL_RE.fullmatch(doc.symbol) else "A/RES/00/0"
