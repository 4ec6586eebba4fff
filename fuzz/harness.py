"""What one fuzzing input must survive: decoding, parsing, aligning and rendering, with the redline invariant.

Kept apart from atheris so that the regression test (tests/test_fuzz_regressions.py) runs it without atheris.
"""

from __future__ import annotations

from unres import parse_text
from unres.compare import compare
from unres.errors import InputError
from unres.models import Document
from unres.read import decode_bytes
from unres.redline import new_side, old_side
from unres.render.json import to_json
from unres.render.markdown import diff_markdown
from unres.render.terminal import diff_view, document_outline


def _document(data: bytes, name: str) -> Document | None:
    try:
        source = decode_bytes(data, name)
    except InputError:
        return None
    return parse_text(source.text, source=name)


def exercise(data: bytes) -> None:
    """Split at the first NUL byte (or the middle), then run both halves through every stage."""
    cut = data.find(b"\x00")
    cut = len(data) // 2 if cut < 0 else cut
    old = _document(data[:cut], "old")
    new = _document(data[cut + 1 :], "new")
    for document in (old, new):
        if document is not None:
            to_json(document)
            document_outline(document)
    if old is None or new is None:
        return
    comparison = compare(old, new)
    alignment = comparison.alignment
    old_texts = {p.id: p.full_text() for p in old.all_paragraphs()}
    new_texts = {p.id: p.full_text() for p in new.all_paragraphs()}
    for change in alignment.changes:
        assert old_side(change.edits) == " ".join(old_texts[i] for i in change.old)
        assert new_side(change.edits) == " ".join(new_texts[i] for i in change.new)
    to_json(alignment)
    diff_markdown(comparison)
    diff_view(comparison, markers=True)
