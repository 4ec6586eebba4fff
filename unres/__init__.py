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

from unres.align import align
from unres.check import check
from unres.errors import ExitCode, InputError, UnresError
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
from unres.parse import parse_file, parse_text
from unres.read import Source, read_source

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

