"""unres: read United Nations resolutions the way a drafter does.

The library does everything the command line does:

    >>> import unres
    >>> doc = unres.parse_file("examples/ga-58-137.word-export.txt")
    >>> [p.id for p in doc.paragraphs][:3]
    ['PP1', 'PP2', 'PP3']
    >>> newer = unres.parse_file("examples/ecosoc-2006-27.pdf-markdown.md")
    >>> unres.align(doc, newer).counts["split"]
    1

Names are loaded on first use (PEP 562), so that `unres --help` does not import the models, rapidfuzz or the
aligner; `import unres` then `unres.align(...)` works as if they had been imported here.
"""

from __future__ import annotations

import importlib
import sys
import types
from typing import TYPE_CHECKING, Any

from unres.errors import ExitCode, InputError, UnresError

if TYPE_CHECKING:
    from unres.align import align
    from unres.amend import amendments_between, apply_amendments, parse_amendment_text, read_amendment
    from unres.check import check
    from unres.compare import compare
    from unres.lineage import lineage_of as lineage
    from unres.models import (
        Alignment,
        AlignOptions,
        AmendedDocument,
        Amendment,
        Change,
        CheckProfile,
        CheckReport,
        Comparison,
        Difference,
        Document,
        Edit,
        Excerpt,
        Footnote,
        Instruction,
        Lineage,
        Paragraph,
        ViewOptions,
    )
    from unres.parse import explain_file, parse_file, parse_files, parse_lines, parse_text
    from unres.read import Source, read_source

__version__ = "0.1.0"

# name -> (module, attribute): what `unres.<name>` is, imported when first asked for.
_LAZY: dict[str, tuple[str, str]] = {
    "align": ("unres.align", "align"),
    **{
        name: ("unres.amend", name)
        for name in ("amendments_between", "apply_amendments", "parse_amendment_text", "read_amendment")
    },
    "check": ("unres.check", "check"),
    "compare": ("unres.compare", "compare"),
    "lineage": ("unres.lineage", "lineage_of"),
    **{
        name: ("unres.models", name)
        for name in (
            "Alignment",
            "AlignOptions",
            "AmendedDocument",
            "Amendment",
            "Change",
            "CheckProfile",
            "CheckReport",
            "Comparison",
            "Difference",
            "Document",
            "Edit",
            "Excerpt",
            "Footnote",
            "Instruction",
            "Lineage",
            "Paragraph",
            "ViewOptions",
        )
    },
    "explain_file": ("unres.parse", "explain_file"),
    "parse_file": ("unres.parse", "parse_file"),
    "parse_files": ("unres.parse", "parse_files"),
    "parse_lines": ("unres.parse", "parse_lines"),
    "parse_text": ("unres.parse", "parse_text"),
    "Source": ("unres.read", "Source"),
    "read_source": ("unres.read", "read_source"),
}

__all__ = [
    "AlignOptions",
    "Alignment",
    "AmendedDocument",
    "Amendment",
    "Change",
    "CheckProfile",
    "CheckReport",
    "Comparison",
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
    "ViewOptions",
    "__version__",
    "align",
    "amendments_between",
    "apply_amendments",
    "check",
    "compare",
    "explain_file",
    "lineage",
    "parse_amendment_text",
    "parse_file",
    "parse_files",
    "parse_lines",
    "parse_text",
    "read_amendment",
    "read_source",
]


def __getattr__(name: str) -> Any:
    """Import a public name on first use and keep it, so the next use is a plain attribute."""
    if name not in _LAZY:
        raise AttributeError(f"module 'unres' has no attribute {name!r}")
    module, attribute = _LAZY[name]
    value = getattr(importlib.import_module(module), attribute)
    globals()[name] = value
    return value


def __dir__() -> list[str]:
    return sorted({*globals(), *_LAZY})


class _Package(types.ModuleType):
    """The `unres` module itself. Importing a submodule binds it as an attribute of its package; three submodules
    share their name with a function exported here (`unres.align` the function, module `unres.align`), and the
    function must win whichever is imported first, as it did when everything was imported eagerly."""

    def __setattr__(self, name: str, value: object) -> None:
        if isinstance(value, types.ModuleType) and _LAZY.get(name, ("", ""))[0] == f"{__name__}.{name}":
            return  # the submodule stays importable (sys.modules); the name stays the function
        super().__setattr__(name, value)


sys.modules[__name__].__class__ = _Package
