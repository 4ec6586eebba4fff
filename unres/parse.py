"""The parse stage: a rendering of a resolution becomes a `Document`.

Read top to bottom, `parse_text` is the list of passes in the order they run; each lives in `unres/grammar/`, named
for what it does:

1. `split_lines` (grammar/lines.py): split, clean and classify lines; page furniture, separators and
   document-system junk are named here.
2. `find_author` (grammar/header.py): the author line ("The General Assembly,") divides front matter from body.
3. `read_header` (grammar/header.py): symbol, title, sponsors and metadata from the front matter.
4. `mark_running_headers` (grammar/lines.py): a printed title repeated at page tops is furniture.
5. `collect_footnotes` (grammar/footnotes.py): footnote texts, wherever the page breaks put them.
6. `read_structure` (grammar/structure.py): preambular, operative and sub-paragraphs, annexes and the closing.
7. `read_metadata` (grammar/header.py): adoption and meeting lines of the closing.
8. `Builder` (grammar/build.py): ids, clean texts, opening phrases and footnote marks; `set_aside` records every
   line that is not resolution text, with its reason, so that nothing is silently dropped.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import BinaryIO

from unres.errors import LimitError
from unres.formats import Format, Revisions
from unres.formats.lines import SourceLine
from unres.formats.text import text_to_lines
from unres.grammar.build import Builder, plain_structure, set_aside
from unres.grammar.footnotes import collect_footnotes
from unres.grammar.header import Header, find_author, read_header, read_metadata
from unres.grammar.lines import Kind, Line, mark_running_headers, split_lines
from unres.grammar.structure import read_structure, starts_operative_verb, starts_preambular
from unres.models import Document
from unres.read import DEFAULT_MAX_BYTES, Limits, read_source

__all__ = ["parse_file", "parse_lines", "parse_text"]

_FIRST_NUMBER = re.compile(r"^1\.(?:\s|$)")

NO_STRUCTURE = (
    "no resolution structure found (no author line such as 'The General Assembly,', no numbered or "
    "preambular paragraphs): read as plain paragraphs"
)


def parse_file(
    path: str | Path,
    *,
    stdin: BinaryIO | None = None,
    max_bytes: int = DEFAULT_MAX_BYTES,
    format: Format | None = None,
    revisions: Revisions | None = None,
    limits: Limits | None = None,
) -> Document:
    """Read and parse one rendering: text, markdown, PDF, Word or HTML ('-' reads `stdin`), the format found from
    the file's first bytes unless `format` ('text', 'pdf', 'docx', 'html') says. A Word file with tracked changes
    is refused (InputError naming their number) unless `revisions` says to read it with every revision 'accept'ed or
    every one 'reject'ed. `limits` bound what a hostile file can cost (LimitError past one)."""
    source = read_source(path, stdin=stdin, max_bytes=max_bytes, format=format, revisions=revisions, limits=limits)
    document = parse_lines(list(source.lines), source=source.name)
    most = (limits or Limits()).paragraphs
    if sum(1 for _ in document.walk()) > most:  # alignment compares paragraphs in pairs
        raise LimitError(f"{source.name}: more than {most:,} paragraphs (see --limit paragraphs=N)")
    if source.warnings:
        document.warnings[:0] = list(source.warnings)
    return document


def parse_text(text: str, source: str | None = None) -> Document:
    """Parse one rendering of a resolution (any of the text layouts unres knows) into a Document."""
    return parse_lines(text_to_lines(text), source)


def parse_lines(source_lines: list[SourceLine], source: str | None = None) -> Document:
    """Parse the typed lines a reader made of a rendering into a Document."""
    lines = split_lines(source_lines)
    author = find_author(lines, _looks_like_start)
    start = author + 1 if author is not None else _first_paragraph(lines)
    body_start = start if start is not None else len(lines)
    header = read_header(lines, body_start, author)
    mark_running_headers(lines, [header.title or "", header.printed_title or ""], body_start)
    found_footnotes = collect_footnotes(lines)
    structure = read_structure(lines, body_start, header.title)
    structured = bool(structure.paragraphs or structure.annexes)
    warnings = [*header.warnings, *found_footnotes.warnings, *structure.warnings]
    if not structured:
        structure = plain_structure(lines)
        warnings.insert(0, NO_STRUCTURE)
        header = Header(title=header.title if structure.paragraphs else None)
    elif author is None:
        warnings.insert(0, "no author line (such as 'The General Assembly,') found")
    read_metadata(structure.trailer, header)

    builder = Builder(lines, {n: d.text for n, d in found_footnotes.footnotes.items()})
    paragraphs, annexes, footnotes = builder.build(structure.paragraphs, structure.annexes)
    warnings.extend(builder.warnings)
    return Document(
        source=source,
        structured=structured,
        symbol=header.symbol,
        number=header.number,
        title=header.title,
        body=header.body,
        sponsors=header.sponsors,
        metadata=header.metadata,
        paragraphs=paragraphs,
        annexes=annexes,
        footnotes=footnotes,
        closing=structure.closing,
        warnings=warnings,
        set_aside=set_aside(lines, header, author, body_start if structured else 0, structure),
    )


def _looks_like_start(text: str) -> bool:
    return starts_preambular(text) or bool(_FIRST_NUMBER.match(text)) or starts_operative_verb(text)


def _first_paragraph(lines: list[Line]) -> int | None:
    for index, line in enumerate(lines):
        if line.kind is Kind.TEXT and (_FIRST_NUMBER.match(line.text) or starts_preambular(line.text)):
            return index
    return None
