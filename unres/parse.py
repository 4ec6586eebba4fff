"""The parse stage: a rendering of a resolution becomes a `Document`.

A reader (unres/formats/) hands over typed lines; `split_lines` cleans and classifies each by its own content
(grammar/lines.py, LINE_RULES); then `PASSES`, below, run in order, each taking a `Reading` and returning a new one:

1. `find_author` (grammar/header.py): the author line ("The General Assembly,") divides front matter from body.
2. `read_header` (grammar/header.py): symbol, title, sponsors and metadata from the front matter.
3. `mark_running_headers` (grammar/lines.py): a printed title repeated at page tops is furniture.
4. `collect_footnotes` (grammar/footnotes.py): star notes, and footnote texts wherever the page breaks put them.
5. `read_structure` (grammar/structure.py, STRUCTURE_RULES): preambular, operative and sub-paragraphs, headings,
   annexes and the closing.
6. `read_metadata` (grammar/header.py): adoption and meeting lines after the closing.

`build` (grammar/build.py) makes the Document: ids, clean texts, opening phrases and footnote marks, and every line
that is not resolution text set aside with its reason, so that nothing is silently dropped.
"""

from __future__ import annotations

import multiprocessing
import os
import re
import threading
from collections.abc import Callable, Sequence
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass, field, replace
from functools import partial
from pathlib import Path
from typing import BinaryIO, TypedDict, Unpack

from unres.errors import LimitError
from unres.formats import Format, Revisions
from unres.formats.lines import SourceLine
from unres.formats.text import text_to_lines
from unres.grammar.build import Builder, plain_structure, set_aside
from unres.grammar.footnotes import FOOTNOTE_RULES, FootnoteDraft, collect_footnotes
from unres.grammar.header import Header, find_author, read_header, read_metadata
from unres.grammar.lines import LINE_RULES, OTHER_LINE_RULES, Kind, Line, mark_running_headers, plain, split_lines
from unres.grammar.options import OPTIONS
from unres.grammar.structure import (
    STRUCTURE_RULES,
    Structure,
    heading_like,
    read_structure,
    starts_operative_verb,
    starts_preambular,
)
from unres.models import Document
from unres.read import DEFAULT_MAX_BYTES, STDIN_NAME, Limits, read_source

__all__ = ["explain", "explain_file", "parse_file", "parse_files", "parse_lines", "parse_text", "read_lines"]

_FIRST_NUMBER = re.compile(r"^1\.(?:\s|$)")

NO_AUTHOR = "no author line (such as 'The General Assembly,') found"
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


class ReadOptions(TypedDict, total=False):
    """How to read an input file, as `parse_file` takes them."""

    max_bytes: int
    format: Format | None
    revisions: Revisions | None
    limits: Limits | None


# Below this many bytes in all, files are parsed one after the other: starting a worker and sending its Document
# back (pickled: about 15 ms a 1,000 paragraphs each way) costs more than the parse it would run alongside.
_PARALLEL_FROM_BYTES = 256 * 1024


def parse_files(
    paths: Sequence[str | Path], *, stdin: BinaryIO | None = None, **options: Unpack[ReadOptions]
) -> list[Document]:
    """Parse several renderings (arguments as `parse_file`), in the order given. Large ones are parsed side by side
    in worker processes, one a core: the same Documents, sooner. The first file that cannot be read raises, as it
    would one after the other."""
    parse = partial(parse_file, **options)
    workers = min(len(paths), os.cpu_count() or 1)
    if (
        workers < 2
        or any(str(path) == STDIN_NAME for path in paths)  # standard input is the parent's to read
        or "fork" not in multiprocessing.get_all_start_methods()
        or threading.active_count() > 1  # forking a process that runs threads can leave a lock held in the child
        or sum(_size(path) for path in paths) < _PARALLEL_FROM_BYTES
    ):
        return [parse(path, stdin=stdin) for path in paths]
    with ProcessPoolExecutor(workers, mp_context=multiprocessing.get_context("fork")) as pool:
        return list(pool.map(parse, paths))


def _size(path: str | Path) -> int:
    """The file's size; 0 when it cannot be seen (parsing it says why)."""
    try:
        return os.stat(path).st_size
    except (OSError, ValueError):
        return 0


def explain_file(
    path: str | Path, *, stdin: BinaryIO | None = None, **options: Unpack[ReadOptions]
) -> list[LineDecision]:
    """How the parser read each line of one rendering (arguments as `parse_file`): its kind and the rules that
    decided it. For a user asking why a paragraph was cut or joined where it was."""
    source = read_source(path, stdin=stdin, **options)
    return explain(read_lines(list(source.lines)))


def parse_text(text: str, source: str | None = None) -> Document:
    """Parse one rendering of a resolution (any of the text layouts unres knows) into a Document."""
    return parse_lines(text_to_lines(text), source)


def parse_lines(source_lines: list[SourceLine], source: str | None = None) -> Document:
    """Parse the typed lines a reader made of a rendering into a Document."""
    return build(read_lines(source_lines), source)


@dataclass(frozen=True)
class Reading:
    """What the passes have found in one rendering so far. Each pass takes one and returns a new one; none changes
    what it was given (lines are frozen; a pass that reclassifies them returns new lines)."""

    lines: list[Line]
    author: int | None = None  # index of the author line ("The General Assembly,")
    body_start: int = 0  # index of the first line after the front matter
    header: Header = field(default_factory=Header)
    footnotes: dict[int, FootnoteDraft] = field(default_factory=dict)
    structure: Structure | None = None
    structured: bool = True  # paragraphs were found; otherwise the text is read as plain paragraphs
    warnings: tuple[str, ...] = ()  # in the order the passes found them


def _find_author(reading: Reading) -> Reading:
    author = find_author(reading.lines, _looks_like_start)
    start = author + 1 if author is not None else _first_paragraph(reading.lines)
    return replace(reading, author=author, body_start=start if start is not None else len(reading.lines))


def _read_header(reading: Reading) -> Reading:
    header = read_header(reading.lines, reading.body_start, reading.author)
    return replace(reading, header=header, warnings=(*reading.warnings, *header.warnings))


def _mark_running_headers(reading: Reading) -> Reading:
    titles = [reading.header.title or "", reading.header.printed_title or ""]
    return replace(reading, lines=mark_running_headers(reading.lines, titles, reading.body_start))


def _collect_footnotes(reading: Reading) -> Reading:
    found = collect_footnotes(reading.lines)
    return replace(reading, lines=found.lines, footnotes=found.footnotes, warnings=(*reading.warnings, *found.warnings))


def _read_structure(reading: Reading) -> Reading:
    """Paragraphs by the rules of grammar/structure.py; a text without any is read as plain paragraphs."""
    structure = read_structure(reading.lines, reading.body_start, reading.header.title)
    if structure.paragraphs or structure.annexes:
        missing_author = () if reading.author is not None else (NO_AUTHOR,)
        warnings = (*missing_author, *reading.warnings, *structure.warnings)
        return replace(reading, structure=structure, warnings=warnings)
    plain = plain_structure(reading.lines)
    # Without an author line the header pass read everything as front matter: its title is only a guess. A text
    # with no structure is titled by its first block if that looks like a heading ('Note by the Secretary-General').
    first = plain.paragraphs[0].text if plain.paragraphs else ""
    header = Header(title=" ".join(first.split()) if heading_like(first, OPTIONS.joined_heading_words) else None)
    warnings = (NO_STRUCTURE, *reading.warnings, *structure.warnings)
    return replace(reading, structure=plain, structured=False, header=header, warnings=warnings)


def _read_metadata(reading: Reading) -> Reading:
    """Adoption and meeting lines after the closing, into a copy of the header's metadata."""
    assert reading.structure is not None
    header = replace(reading.header, metadata=reading.header.metadata.model_copy())
    read_metadata(reading.structure.trailer, header)
    return replace(reading, header=header)


# The passes, in the order they run (docs/parsing.md says what each finds and why it runs where it does).
PASSES: tuple[Callable[[Reading], Reading], ...] = (
    _find_author,
    _read_header,
    _mark_running_headers,
    _collect_footnotes,
    _read_structure,
    _read_metadata,
)


def read_lines(source_lines: list[SourceLine]) -> Reading:
    """Run the passes over a reader's lines: everything the parser finds before the Document is built."""
    reading = Reading(lines=split_lines(source_lines))
    for step in PASSES:
        reading = step(reading)
    return reading


# The names `explain` gives text lines the structure rules do not read.
READING_RULES: dict[str, str] = {
    "author": "the author line ('The General Assembly,') before a paragraph's opening: it ends the front matter",
    "header": "text before the author line: symbol, title, sponsors and metadata, which the header pass reads",
    "plain-paragraph": "a text with no resolution structure: each block between blank lines is a paragraph",
}


def rule_reasons() -> dict[str, str]:
    """Every rule a line can be decided by, named, with its reason: the line rules, the footnote rules, the
    structure rules and the names `explain` adds."""
    return {
        **{rule.name: rule.reason for rule in LINE_RULES},
        **OTHER_LINE_RULES,
        **FOOTNOTE_RULES,
        **{rule.name: rule.reason for rule in STRUCTURE_RULES},
        **READING_RULES,
    }


@dataclass(frozen=True)
class LineDecision:
    """One line as the parser read it."""

    number: int
    kind: str  # Kind's value: 'text', 'furniture', 'footnote' …
    rules: tuple[str, ...]  # the rules that decided it, in the order they did (docs/parsing.md gives their reasons)
    text: str  # the cleaned line (marks and italics unwrapped); the printed line where cleaning left nothing


def explain(reading: Reading) -> list[LineDecision]:
    """Every line of a reading with its kind and the rules that decided it: the line's own classification, or, for
    text, the structure rules that took it ('header' before the body, 'author' for the author line)."""
    taken: dict[int, list[str]] = {}
    for number, rule in reading.structure.decisions if reading.structure is not None else ():
        taken.setdefault(number, []).append(rule)
    result = []
    for index, line in enumerate(reading.lines):
        rules: tuple[str, ...] = (line.rule,)
        if line.kind is Kind.TEXT:
            if not reading.structured:
                rules = ("plain-paragraph",)
            elif index == reading.author:
                rules = ("author",)
            elif index < reading.body_start:
                rules = ("header",)
            else:
                rules = tuple(taken.get(line.number, ()))
        result.append(LineDecision(line.number, line.kind.value, rules, plain(line.text) or line.raw.strip()))
    return result


def build(reading: Reading, source: str | None = None) -> Document:
    """The Document of a finished reading: ids, clean texts, opening phrases, footnote marks, and every line that is
    not resolution text set aside with its reason, so that nothing is silently dropped."""
    header, structure = reading.header, reading.structure
    assert structure is not None
    builder = Builder(reading.lines, {n: d.text for n, d in reading.footnotes.items()})
    paragraphs, annexes, footnotes = builder.build(structure.paragraphs, structure.annexes)
    return Document(
        source=source,
        structured=reading.structured,
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
        warnings=[*reading.warnings, *builder.warnings],
        set_aside=set_aside(
            reading.lines, header, reading.author, reading.body_start if reading.structured else 0, structure
        ),
    )


def _looks_like_start(text: str) -> bool:
    return starts_preambular(text) or bool(_FIRST_NUMBER.match(text)) or starts_operative_verb(text)


def _first_paragraph(lines: list[Line]) -> int | None:
    for index, line in enumerate(lines):
        if line.kind is Kind.TEXT and (_FIRST_NUMBER.match(line.text) or starts_preambular(line.text)):
            return index
    return None
