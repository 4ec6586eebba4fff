"""unres: read United Nations resolutions the way a drafter does.

The library does everything the command line does:

    >>> import unres
    >>> doc = unres.parse_file("examples/ga-58-137.word-export.txt")
    >>> [p.id for p in doc.paragraphs][:3]
    ['PP1', 'PP2', 'PP3']
    >>> newer = unres.parse_file("examples/ecosoc-2006-27.pdf-markdown.md")
    >>> unres.align(doc, newer).counts["split"]
    1
"""

from __future__ import annotations

from pathlib import Path
from typing import BinaryIO

from unres.align import align
from unres.check import check
from unres.errors import ExitCode, InputError, UnresError
from unres.formats import Format
from unres.lineage import lineage_of as lineage
from unres.models import (
    Alignment,
    AlignOptions,
    Change,
    CheckProfile,
    CheckReport,
    Difference,
    Document,
    Edit,
    Excerpt,
    Footnote,
    Lineage,
    Paragraph,
)
from unres.parse import parse_text
from unres.read import DEFAULT_MAX_BYTES, Source, read_source

__version__ = "0.1.0"

__all__ = [
    "AlignOptions",
    "Alignment",
    "Change",
    "CheckProfile",
    "CheckReport",
    "Difference",
    "Document",
    "Edit",
    "Excerpt",
    "ExitCode",
    "Footnote",
    "InputError",
    "Lineage",
    "Paragraph",
    "Source",
    "UnresError",
    "__version__",
    "align",
    "check",
    "lineage",
    "parse_file",
    "parse_text",
    "read_source",
]


def parse_file(
    path: str | Path,
    *,
    stdin: BinaryIO | None = None,
    max_bytes: int = DEFAULT_MAX_BYTES,
    format: Format | None = None,
) -> Document:
    """Read and parse one rendering: text, markdown, PDF, Word or HTML ('-' reads `stdin`), the format found from
    the file's first bytes unless `format` ('text', 'pdf', 'docx', 'html') says. A Word file's tracked changes are
    among the Document's warnings."""
    source = read_source(path, stdin=stdin, max_bytes=max_bytes, format=format)
    document = parse_text(source.text, source=source.name)
    if source.warnings:
        document.warnings[:0] = list(source.warnings)
    return document
