"""Lineage: how each paragraph travelled through a chain of versions (GA 58/137 → ECOSOC 2006/27 → GA 61/180).

Each version is aligned with the next (`unres.align`), and every link of those alignments becomes an edge of a graph
whose nodes are (version, paragraph id). A paragraph dropped from one version and brought back in a later one is
linked too: the dropped paragraphs of version i are aligned with the added paragraphs of versions i+2 … i+lookback.
The views (a table, one paragraph's history, a blame of the newest version) are walks of that graph.
"""

from __future__ import annotations

import re
from collections import defaultdict
from dataclasses import dataclass
from datetime import date

from unres.align import align
from unres.models import (
    AlignOptions,
    Change,
    ChangeKind,
    Document,
    Lineage,
    LineageDocument,
    LineageLink,
    Paragraph,
    ParagraphRef,
)

_DATE = re.compile(
    r"(\d{1,2})\s+(January|February|March|April|May|June|July|August|September|October|November|December)\s+(\d{4})"
)
_MONTHS = [
    "January", "February", "March", "April", "May", "June",
    "July", "August", "September", "October", "November", "December",
]  # fmt: skip


def document_date(doc: Document) -> str | None:
    """The date a version carries: adoption, the closing's date, or the distribution date."""
    closing = doc.closing.date if doc.closing else None
    return doc.metadata.adopted or closing or doc.metadata.distributed


def sort_by_date(documents: list[Document]) -> list[Document]:
    """Oldest first by the documents' own dates; undated ones keep their order, after the dated."""

    def key(item: tuple[int, Document]) -> tuple[int, date, int]:
        found = _DATE.search(document_date(item[1]) or "")
        if not found:
            return (1, date.max, item[0])
        return (0, date(int(found.group(3)), _MONTHS.index(found.group(2)) + 1, int(found.group(1))), item[0])

    return [doc for _, doc in sorted(enumerate(documents), key=key)]


def lineage_of(documents: list[Document], *, lookback: int = 2, options: AlignOptions | None = None) -> Lineage:
    """The lineage graph of `documents`, oldest first (exported as `unres.lineage`)."""
    links: list[LineageLink] = []
    forward_linked: list[set[str]] = [set() for _ in documents]
    backward_linked: list[set[str]] = [set() for _ in documents]
    for index in range(len(documents) - 1):
        alignment = align(documents[index], documents[index + 1], options)
        for change in alignment.changes:
            links.extend(_links(change, index, index + 1))
            if change.old and change.new:
                forward_linked[index].update(change.old)
                backward_linked[index + 1].update(change.new)
    links.extend(_returns(documents, forward_linked, backward_linked, lookback, options))
    links.sort(key=lambda link: (link.from_.document, link.to.document, link.to.id, link.from_.id))
    return Lineage(
        documents=[
            LineageDocument(
                index=i,
                source=d.source,
                symbol=d.symbol,
                title=d.title,
                date=document_date(d),
                paragraphs=[p.id for p in d.all_paragraphs()],
            )
            for i, d in enumerate(documents)
        ],
        links=links,
        lookback=lookback,
    )


def _links(change: Change, earlier: int, later: int) -> list[LineageLink]:
    if not change.old or not change.new:
        return []
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


def _returns(
    documents: list[Document],
    forward_linked: list[set[str]],
    backward_linked: list[set[str]],
    lookback: int,
    options: AlignOptions | None,
) -> list[LineageLink]:
    """Links from paragraphs that disappeared to the same paragraphs brought back up to `lookback` versions later."""
    links: list[LineageLink] = []
    for earlier, doc in enumerate(documents):
        gone = [p for p in doc.all_paragraphs() if p.id not in forward_linked[earlier]]
        for later in range(earlier + 2, min(len(documents), earlier + lookback + 1)):
            new_doc = documents[later]
            arrived = [p for p in new_doc.all_paragraphs() if p.id not in backward_linked[later]]
            if not gone or not arrived:
                continue
            alignment = align(_only(doc, gone), _only(new_doc, arrived), options)
            for change in alignment.changes:
                found = _links(change, earlier, later)
                links.extend(found)
                for link in found:
                    forward_linked[earlier].add(link.from_.id)
                    backward_linked[later].add(link.to.id)
            gone = [p for p in gone if p.id not in forward_linked[earlier]]
    return links


def _only(doc: Document, paragraphs: list[Paragraph]) -> Document:
    return Document(source=doc.source, paragraphs=paragraphs)


# --- walks of the graph ----------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Step:
    """One earlier appearance of a paragraph: where it was and how it changed on the way to the next version."""

    document: int
    ids: tuple[str, ...]
    kind: ChangeKind
    similarity: float


def history(graph: Lineage, paragraph_id: str, document: int | None = None) -> list[Step]:
    """The paragraph's appearances, newest first: for each earlier version, the ids it came from and the change."""
    document = len(graph.documents) - 1 if document is None else document
    incoming: dict[tuple[int, str], list[LineageLink]] = defaultdict(list)
    for link in graph.links:
        incoming[(link.to.document, link.to.id)].append(link)
    steps: list[Step] = []
    frontier = [(document, paragraph_id)]
    while frontier:
        found = [link for node in frontier for link in incoming.get(node, [])]
        if not found:
            break
        earlier = max(link.from_.document for link in found)
        chosen = [link for link in found if link.from_.document == earlier]
        ids = tuple(dict.fromkeys(link.from_.id for link in chosen))
        steps.append(Step(earlier, ids, chosen[0].kind, min(link.similarity for link in chosen)))
        frontier = [(earlier, paragraph_id) for paragraph_id in ids]
    return steps


def wording_origins(graph: Lineage, documents: list[Document]) -> list[tuple[str, int]]:
    """For each paragraph of the newest version, the version where its current wording first appeared."""
    newest = len(documents) - 1
    result = []
    for paragraph in documents[newest].all_paragraphs():
        origin = newest
        for step in history(graph, paragraph.id):
            same_words = step.kind == "unchanged" or (step.kind == "moved" and step.similarity >= 1.0)
            if not same_words or len(step.ids) != 1:
                break
            origin = step.document
        result.append((paragraph.id, origin))
    return result


@dataclass(frozen=True)
class Cell:
    """A paragraph's id in one version of a lineage table, and how it changed on the way to the next version."""

    id: str
    kind: str


def table(graph: Lineage, documents: list[Document]) -> list[list[Cell | None]]:
    """One row per paragraph of the newest version, one cell per version (None where it did not exist)."""
    newest = len(documents) - 1
    rows = []
    for paragraph in documents[newest].all_paragraphs():
        row: list[Cell | None] = [None] * len(documents)
        row[newest] = Cell(paragraph.id, "unchanged")
        for step in history(graph, paragraph.id):
            row[step.document] = Cell("+".join(step.ids), step.kind)
        rows.append(row)
    return rows


@dataclass(frozen=True)
class Appearance:
    """One step of a paragraph's history: its ids in an earlier version and the redline to the next version."""

    document: int
    ids: tuple[str, ...]
    change: Change


def appearances(graph: Lineage, documents: list[Document], paragraph_id: str) -> list[Appearance]:
    """The history of one paragraph of the newest version, newest first, each step with its word-level redline."""
    from unres.redline import redline

    later_ids, later = [paragraph_id], len(documents) - 1
    result = []
    for step in history(graph, paragraph_id):
        old_text = " ".join(p.full_text() for i in step.ids if (p := documents[step.document].find(i)) is not None)
        new_text = " ".join(p.full_text() for i in later_ids if (p := documents[later].find(i)) is not None)
        change = Change(
            kind=step.kind,
            old=list(step.ids),
            new=later_ids,
            similarity=step.similarity,
            edits=redline(old_text, new_text),
        )
        result.append(Appearance(step.document, step.ids, change))
        later_ids, later = list(step.ids), step.document
    return result
