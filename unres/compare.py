"""The comparison stage: two versions aligned, and the view a reader asked for, as the one `Comparison` that every
diff renderer (terminal, Markdown, JSON, HTML, Word, amendments) takes."""

from __future__ import annotations

from unres.align import align
from unres.models import AlignOptions, Comparison, Document, ViewOptions


def compare(
    old: Document, new: Document, options: AlignOptions | None = None, view: ViewOptions | None = None
) -> Comparison:
    """Align two versions and select what a reader asked to see."""
    return Comparison(old, new, align(old, new, options), view or ViewOptions())
