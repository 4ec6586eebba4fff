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
from unres.amend import amendments_between, apply_amendments, parse_amendment_text, read_amendment
from unres.check import check
from unres.errors import ExitCode, InputError, UnresError
from unres.lineage import lineage_of as lineage
from unres.models import (
    Alignment,
    AlignOptions,
    AmendedDocument,
    Amendment,
    Change,
    CheckProfile,
    CheckReport,
    Difference,
    Document,
    Edit,
    Excerpt,
    Footnote,
    Instruction,
    Lineage,
    Paragraph,
)
from unres.parse import parse_file, parse_text
from unres.read import Source, read_source

__version__ = "0.1.0"

__all__ = [
    "AlignOptions",
    "Alignment",
    "AmendedDocument",
    "Amendment",
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
    "Instruction",
    "Lineage",
    "Paragraph",
    "Source",
    "UnresError",
    "__version__",
    "align",
    "amendments_between",
    "apply_amendments",
    "check",
    "lineage",
    "parse_amendment_text",
    "parse_file",
    "parse_text",
    "read_amendment",
    "read_source",
]

