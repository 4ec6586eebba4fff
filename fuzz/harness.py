"""What one fuzzing input must survive: every reader, every command, every output format, with the invariants each
output promises (the redline rebuilds both sides, JSON and JUnit XML parse, no acting character reaches a text
output).

Kept apart from atheris so that the regression tests (tests/test_fuzz_regressions.py, tests/test_hostile_fuzz.py)
run it without atheris.

An input is split at its first NUL byte into an old and a new version (or at the middle without one), unless it
starts as a PDF or a Word file does: then it is one binary version, compared with itself. Each version goes through
the reader as standard input would (format found from its first bytes: PDF, Word, HTML or text), under small limits
so that one input cannot take the fuzzer's time. A clean InputError (damaged, over a limit, not text) is an
accepted outcome; anything else is a crash.
"""

from __future__ import annotations

import json
import re
import xml.etree.ElementTree as ElementTree
from io import BytesIO, StringIO

from rich.console import Console, RenderableType

from unres import align, parse_text
from unres.check import check
from unres.compare import compare
from unres.errors import InputError
from unres.lineage import appearances, blame, incoming_links, lineage_of, table
from unres.models import Comparison, Document, ViewOptions
from unres.read import Limits, read_source
from unres.redline import new_side, old_side
from unres.render import terminal
from unres.render.github import github_annotations
from unres.render.graph import lineage_dot, lineage_mermaid
from unres.render.html import diff_html
from unres.render.json import to_json
from unres.render.junit import junit_xml
from unres.render.lineage_html import lineage_html
from unres.render.markdown import diff_markdown

LIMITS = Limits(pages=20, inflated=8 * 1024 * 1024, paragraphs=2_000, words=200_000)
MAX_BYTES = 2 * 1024 * 1024
_BINARY = (b"%PDF-", b"PK\x03\x04")
# What no text output may carry raw (unres.render.safe writes them as visible escapes).
_ACTING = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069\ud800-\udfff\ufffe\uffff]")


def _document(data: bytes, name: str) -> Document | None:
    try:
        source = read_source("-", stdin=BytesIO(data), max_bytes=MAX_BYTES, limits=LIMITS)
    except InputError:
        return None
    return parse_text(source.text, source=name)


def _shown(renderable: RenderableType) -> str:
    """A terminal view as printed (markup errors happen when rich renders, not when the view is built)."""
    buffer = StringIO()
    Console(file=buffer, width=100, no_color=True, highlight=False, emoji=False).print(renderable)
    return _clean(buffer.getvalue())


def _clean(text: str) -> str:
    found = _ACTING.search(text)
    assert found is None, f"acting character {found.group()!r} in the output"
    return text


def versions(data: bytes) -> tuple[bytes, bytes]:
    """The old and the new version an input stands for (see the module's docstring)."""
    if data.startswith(_BINARY):
        return data, data
    cut = data.find(b"\x00")
    cut = len(data) // 2 if cut < 0 else cut
    return data[:cut], data[cut + 1 :]


def exercise(data: bytes) -> None:
    """Run both versions through every stage and every renderer."""
    old_data, new_data = versions(data)
    old = _document(old_data, "old\x1b[31m")  # a hostile file name, which every output must escape
    new = _document(new_data, "new\u202e")
    for document in (old, new):
        if document is not None:
            json.loads(to_json(document))
            _shown(terminal.document_outline(document))
    if old is None or new is None:
        return
    _diff(old, new)
    _check(old, new)
    _lineage(old, new)


def _diff(old: Document, new: Document) -> None:
    alignment = align(old, new)
    old_texts = {p.id: p.full_text() for p in old.all_paragraphs()}
    new_texts = {p.id: p.full_text() for p in new.all_paragraphs()}
    for change in alignment.changes:
        assert old_side(change.edits) == " ".join(old_texts[i] for i in change.old)
        assert new_side(change.edits) == " ".join(new_texts[i] for i in change.new)
    json.loads(to_json(alignment))
    everything = Comparison(old, new, alignment, ViewOptions(show_all=True))
    _clean(diff_markdown(everything))
    _clean(diff_html(compare(old, new)))
    _clean(diff_html(everything, layout="side-by-side"))
    for markers in (True, False):
        _shown(terminal.diff_view(everything, markers=markers))
    _shown(terminal.diff_view(Comparison(old, new, alignment, ViewOptions(context=2)), markers=True))


def _check(old: Document, new: Document) -> None:
    report = check([old, new])
    json.loads(to_json(report))
    _clean(github_annotations(report))
    ElementTree.fromstring(_clean(junit_xml(report)).encode())
    _shown(terminal.check_view(report))


def _lineage(old: Document, new: Document) -> None:
    documents = [old, new, new]
    graph = lineage_of(documents, lookback=2)
    json.loads(to_json(graph))
    _clean(lineage_dot(graph))
    _clean(lineage_mermaid(graph))
    incoming = incoming_links(graph)
    newest = documents[-1].all_paragraphs()
    histories = {p.id: appearances(graph, documents, p.id, incoming) for p in newest}
    _clean(lineage_html(graph, documents, table(graph), blame(graph, documents), histories))
    _shown(terminal.lineage_table(graph, table(graph), documents))
    _shown(terminal.blame_view(graph, blame(graph, documents, "sentence")))
    for paragraph in newest[:3]:
        steps = appearances(graph, documents, paragraph.id, incoming)
        _shown(terminal.paragraph_history(graph, paragraph.id, steps, markers=True))
