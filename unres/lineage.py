"""Lineage: how each paragraph travelled through a chain of versions (GA 58/137 → ECOSOC 2006/27 → GA 61/180).

Each version is aligned with the next (`unres.align`), and every link of those alignments becomes an edge of a graph
whose nodes are (version, paragraph id). A paragraph that leaves one version and comes back in a later one is linked
too: the paragraphs that left version i are aligned with the paragraphs that arrived in version i+2, then those still
unmatched with the arrivals of i+3, … up to i+lookback; the nearest return wins. The views (a table, one paragraph's
history, a blame of the newest version) are walks of that graph.
"""

from __future__ import annotations

import re
from collections import defaultdict
from dataclasses import dataclass
from datetime import date
from typing import Literal

from unres.align import align
from unres.models import (
    AlignOptions,
    BlameEntry,
    Change,
    ChangeKind,
    Document,
    Lineage,
    LineageCell,
    LineageDocument,
    LineageLink,
    LineageStep,
    Paragraph,
    ParagraphRef,
)
from unres.redline import redline
from unres.text import fold

_MONTHS = [
    "january", "february", "march", "april", "may", "june",
    "july", "august", "september", "october", "november", "december",
]  # fmt: skip
_MONTH = r"(january|february|march|april|may|june|july|august|september|october|november|december)"
_DAY_MONTH_YEAR = re.compile(rf"\b(\d{{1,2}})\s+{_MONTH}\s+(\d{{4}})\b", re.IGNORECASE)
_MONTH_DAY_YEAR = re.compile(rf"\b{_MONTH}\s+(\d{{1,2}}),?\s+(\d{{4}})\b", re.IGNORECASE)
_ISO = re.compile(r"\b(\d{4})-(\d{2})-(\d{2})\b")

# When a paragraph's history runs through several links at one step, the step is named by the weightiest kind.
_WEIGHT: dict[ChangeKind, int] = {
    "unchanged": 0,
    "modified": 1,
    "moved": 2,
    "moved-modified": 3,
    "split": 4,
    "merged": 5,
}

BlameUnit = Literal["paragraph", "sentence"]


# --- the versions' own dates -----------------------------------------------------------------------------------------


def document_date(doc: Document) -> str | None:
    """The date a version carries, as printed: adoption, else the closing line's date, else the 'Distr.' date."""
    closing = doc.closing.date if doc.closing else None
    return doc.metadata.adopted or closing or doc.metadata.distributed


def parse_date(text: str | None) -> date | None:
    """'22 December 2003', 'December 22, 2003' or '2003-12-22' anywhere in `text`; None when there is none."""
    if not text:
        return None
    try:
        if found := _DAY_MONTH_YEAR.search(text):
            return date(int(found[3]), _MONTHS.index(found[2].lower()) + 1, int(found[1]))
        if found := _MONTH_DAY_YEAR.search(text):
            return date(int(found[3]), _MONTHS.index(found[1].lower()) + 1, int(found[2]))
        if found := _ISO.search(text):
            return date(int(found[1]), int(found[2]), int(found[3]))
    except ValueError:  # '31 February 2003'
        return None
    return None


def sort_by_date(documents: list[Document]) -> list[Document]:
    """Oldest first by the documents' own dates; documents without a readable date keep their order, after the
    dated ones. The sort is stable: versions of one date stay as given."""

    def key(item: tuple[int, Document]) -> tuple[int, date, int]:
        found = parse_date(document_date(item[1]))
        return (1, date.max, item[0]) if found is None else (0, found, item[0])

    return [doc for _, doc in sorted(enumerate(documents), key=key)]


# --- the graph -------------------------------------------------------------------------------------------------------


def lineage_of(documents: list[Document], *, lookback: int = 2, options: AlignOptions | None = None) -> Lineage:
    """The lineage graph of `documents`, oldest first (exported as `unres.lineage`).

    `lookback` is how many versions ahead a paragraph that left is looked for: 1 links consecutive versions only,
    2 (the default) also links a paragraph that is missing from one version and back in the next.
    """
    if lookback < 1:
        raise ValueError("lookback must be at least 1")
    ids = [[p.id for p in doc.all_paragraphs()] for doc in documents]
    links: list[LineageLink] = []
    forward_linked: list[set[str]] = [set() for _ in documents]
    backward_linked: list[set[str]] = [set() for _ in documents]
    for index in range(len(documents) - 1):
        for change in align(documents[index], documents[index + 1], options).changes:
            found = _links(change, index, index + 1)
            links.extend(found)
            _mark(found, forward_linked, backward_linked)
    for gap in range(2, lookback + 1):
        for earlier in range(len(documents) - gap):
            found = _returns(documents[earlier], documents[earlier + gap], earlier, earlier + gap,
                             forward_linked, backward_linked, options)  # fmt: skip
            links.extend(found)
            _mark(found, forward_linked, backward_linked)
    position = [{paragraph_id: i for i, paragraph_id in enumerate(version)} for version in ids]
    links.sort(
        key=lambda link: (
            link.from_.document,
            link.to.document,
            position[link.to.document][link.to.id],
            position[link.from_.document][link.from_.id],
        )
    )
    return Lineage(
        documents=[
            LineageDocument(
                index=i, source=d.source, symbol=d.symbol, title=d.title, date=document_date(d), paragraphs=ids[i]
            )
            for i, d in enumerate(documents)
        ],
        links=links,
        lookback=lookback,
    )


def _links(change: Change, earlier: int, later: int) -> list[LineageLink]:
    """One edge for each (old id, new id) of a change that has both sides: a split gives one edge a part."""
    return [
        LineageLink(
            from_=ParagraphRef(document=earlier, id=old_id),
            to=ParagraphRef(document=later, id=new_id),
            kind=change.kind,
            similarity=change.similarity,
        )
        for old_id in change.old
        for new_id in change.new
    ]


def _mark(links: list[LineageLink], forward_linked: list[set[str]], backward_linked: list[set[str]]) -> None:
    for link in links:
        forward_linked[link.from_.document].add(link.from_.id)
        backward_linked[link.to.document].add(link.to.id)


def _returns(
    doc: Document,
    later_doc: Document,
    earlier: int,
    later: int,
    forward_linked: list[set[str]],
    backward_linked: list[set[str]],
    options: AlignOptions | None,
) -> list[LineageLink]:
    """Links from the paragraphs that left `doc` to those that arrived in `later_doc` (no link from the version
    before it), found by aligning the two sets as if they were two documents."""
    gone = [p for p in doc.all_paragraphs() if p.id not in forward_linked[earlier]]
    arrived = [p for p in later_doc.all_paragraphs() if p.id not in backward_linked[later]]
    if not gone or not arrived:
        return []
    alignment = align(_only(doc, gone), _only(later_doc, arrived), options)
    return [link for change in alignment.changes for link in _links(change, earlier, later)]


def _only(doc: Document, paragraphs: list[Paragraph]) -> Document:
    return Document(source=doc.source, paragraphs=paragraphs)


# --- walks of the graph ----------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Step:
    """One earlier appearance of a paragraph: where it was and how it changed on the way to its next appearance."""

    document: int
    ids: tuple[str, ...]
    kind: ChangeKind
    similarity: float


Incoming = dict[tuple[int, str], list[LineageLink]]


def incoming_links(graph: Lineage) -> Incoming:
    """Each node's links from earlier versions: build once to walk many histories."""
    incoming: Incoming = defaultdict(list)
    for link in graph.links:
        incoming[(link.to.document, link.to.id)].append(link)
    return incoming


def history(
    graph: Lineage, paragraph_id: str, document: int | None = None, incoming: Incoming | None = None
) -> list[Step]:
    """The paragraph's earlier appearances, newest first, by following links backwards from (document, id) (the
    newest version by default). A step that gathers several paragraphs (a merge) follows all of them; where they
    come from different versions, the nearest is followed. Pass `incoming_links(graph)` when walking many."""
    document = len(graph.documents) - 1 if document is None else document
    incoming = incoming_links(graph) if incoming is None else incoming
    steps: list[Step] = []
    frontier = [(document, paragraph_id)]
    while frontier:
        found = [link for node in frontier for link in incoming.get(node, [])]
        if not found:
            break
        earlier = max(link.from_.document for link in found)
        chosen = [link for link in found if link.from_.document == earlier]
        found_ids = list(dict.fromkeys(link.from_.id for link in chosen))
        if len(found_ids) > 1:  # a merge: in reading order (a lookup in the version's list, only for merges)
            found_ids.sort(key=graph.documents[earlier].paragraphs.index)
        ids = tuple(found_ids)
        kind = max((link.kind for link in chosen), key=_WEIGHT.__getitem__)
        steps.append(Step(earlier, ids, kind, min(link.similarity for link in chosen)))
        frontier = [(earlier, earlier_id) for earlier_id in ids]
    return steps


def table(graph: Lineage) -> list[list[LineageCell | None]]:
    """One row per paragraph of the newest version, and one per paragraph that left along the way; one cell per
    version (None where the paragraph had no ancestor there, or was gone). A paragraph that left is marked 'dropped'
    in the last version that has it, and its row stands after the row of the paragraph before it in that version:
    every paragraph of every version is in the table, where a reader of that version would look for it."""
    newest = len(graph.documents) - 1
    incoming = incoming_links(graph)
    rows = [
        _row(graph, newest, paragraph_id, "unchanged", incoming) for paragraph_id in graph.documents[newest].paragraphs
    ]
    onward = {(link.from_.document, link.from_.id) for link in graph.links}
    for index in range(newest - 1, -1, -1):
        # Where each paragraph of this version stands in the table so far (the first of a merge's ids).
        position = {cell.id.split("+", 1)[0]: at for at, row in enumerate(rows) if (cell := row[index]) is not None}
        inserted: list[tuple[int, list[LineageCell | None]]] = []
        last = -1  # the furthest row, so far in this version's reading order, of a paragraph still in the table
        for paragraph_id in graph.documents[index].paragraphs:
            if (index, paragraph_id) not in onward:
                inserted.append((last + 1, _row(graph, index, paragraph_id, "dropped", incoming)))
            elif paragraph_id in position:
                last = max(last, position[paragraph_id])
        for offset, (at, row) in enumerate(inserted):  # in reading order; each insertion shifts the later ones
            rows.insert(at + offset, row)
    return rows


def _row(
    graph: Lineage, document: int, paragraph_id: str, kind: ChangeKind, incoming: Incoming
) -> list[LineageCell | None]:
    row: list[LineageCell | None] = [None] * len(graph.documents)
    row[document] = LineageCell(id=paragraph_id, kind=kind)
    for step in history(graph, paragraph_id, document=document, incoming=incoming):
        row[step.document] = LineageCell(id="+".join(step.ids), kind=step.kind)
    return row


def appearances(
    graph: Lineage, documents: list[Document], paragraph_id: str, incoming: Incoming | None = None
) -> list[LineageStep]:
    """The history of one paragraph of the newest version, newest first, each step with the word-level redline from
    that appearance to the next one."""
    later_ids, later = [paragraph_id], len(documents) - 1
    result = []
    for step in history(graph, paragraph_id, incoming=incoming):
        change = Change(
            kind=step.kind,
            old=list(step.ids),
            new=later_ids,
            similarity=step.similarity,
            edits=redline(_text(documents[step.document], step.ids), _text(documents[later], later_ids)),
        )
        result.append(LineageStep(document=step.document, ids=list(step.ids), change=change))
        later_ids, later = list(step.ids), step.document
    return result


def blame(graph: Lineage, documents: list[Document], by: BlameUnit = "paragraph") -> list[BlameEntry]:
    """For each paragraph of the newest version, the oldest version reached by following its history back while
    the earlier text reads the same (for a part split off: while it stands inside the earlier text). With
    `by='sentence'`, the same for each sentence of the chapeau and of every sub-paragraph: while the sentence stands
    inside the earlier text. Typography, spacing, labels and the closing punctuation mark are not wording."""
    newest = len(documents) - 1
    incoming = incoming_links(graph)
    texts = [{p.id: p.full_text() for p in doc.all_paragraphs()} for doc in documents]
    entries = []
    for paragraph in documents[newest].all_paragraphs():
        steps = history(graph, paragraph.id, incoming=incoming)
        ancestors = [_comparable(" ".join(texts[step.document][i] for i in step.ids)) for step in steps]
        pieces = _sentences(paragraph) if by == "sentence" else [paragraph.full_text()]
        for piece in pieces:
            wording = _comparable(piece)
            since, inside = newest, by == "sentence"
            for step, ancestor in zip(steps, ancestors, strict=True):
                inside = inside or step.kind == "split"
                if not (wording in ancestor if inside else wording == ancestor):
                    break
                since = step.document
            entries.append(BlameEntry(paragraph=paragraph.id, text=piece, since=since))
    return entries


def _text(doc: Document, ids: tuple[str, ...] | list[str]) -> str:
    return " ".join(p.full_text() for paragraph_id in ids if (p := doc.find(paragraph_id)) is not None)


_SENTENCE_END = re.compile(r"(?<=[.;])\s+(?=[A-Z(])")
_CLOSING = re.compile(r"(?:[\s,;:.]|\band\b|\bor\b)+$")
_LABEL_AT_LINE_START = re.compile(r"(?m)^\((?:[a-z]{1,4}|\d{1,3})\)\s+")


def _sentences(paragraph: Paragraph) -> list[str]:
    """The chapeau's sentences, then each sub-paragraph's (labelled), in reading order."""
    pieces = []
    for part in paragraph.walk():
        for number, sentence in enumerate(_SENTENCE_END.split(part.text.strip())):
            label = f"({part.label}) " if part is not paragraph and part.label and number == 0 else ""
            if sentence:
                pieces.append(label + sentence)
    return pieces or [paragraph.full_text()]


def _comparable(text: str) -> str:
    """Text as wording is compared: typography folded, labels and spacing and the closing punctuation ignored."""
    text = fold(text)
    text = _LABEL_AT_LINE_START.sub("", text)
    return _CLOSING.sub("", " ".join(text.split()))
