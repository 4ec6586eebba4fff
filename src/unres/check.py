"""Transcription agreement: do two or more renderings of one resolution carry the same words and punctuation?

Layout is not text. The parser has already taken away line wraps, indentation, page furniture, footnote-mark style
(¹ or 1 or [^1]) and markup; `CheckProfile` folds what is left of rendering: whitespace, typographic quotes and
dashes, Unicode compatibility forms. What differs after that is a disagreement, reported where it is (a paragraph
id, the title, a footnote, the closing) with a few words of context. Structure is compared first: when the
renderings do not even have the same paragraphs, that is said once, and their texts are then paired by alignment.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterator

from unres.align import align
from unres.models import CheckProfile, CheckReport, Difference, Document, Paragraph
from unres.redline import redline

_CONTEXT_WORDS = 4
_QUOTES = str.maketrans({"‘": "'", "’": "'", "‚": "'", "‛": "'", "“": '"', "”": '"', "„": '"', "‟": '"'})
_DASHES = str.maketrans({c: "-" for c in "\u2010\u2011\u2012\u2013\u2014\u2015\u2212"})
_SPACES = re.compile(r"\s+")


def normalise(text: str, profile: CheckProfile) -> str:
    """The text as the profile compares it."""
    if profile.unicode:
        text = unicodedata.normalize("NFKC", text).replace("\u00ad", "")
    if profile.quotes:
        text = text.translate(_QUOTES)
    if profile.dashes:
        text = text.translate(_DASHES)
    if profile.whitespace:
        text = _SPACES.sub(" ", text).strip()
    return text


def check(documents: list[Document], profile: CheckProfile | None = None) -> CheckReport:
    """Check every document against the first."""
    profile = profile or CheckProfile()
    first = documents[0]
    differences = [difference for other in documents[1:] for difference in _compare(first, other, profile)]
    return CheckReport(
        files=[document.source or f"document {index + 1}" for index, document in enumerate(documents)],
        profile=profile,
        agree=not differences,
        differences=differences,
    )


def _compare(first: Document, other: Document, profile: CheckProfile) -> Iterator[Difference]:
    name = other.source or "document"
    yield from _texts(name, "title", first.title, other.title, profile)
    yield from _texts(name, "body", first.body, other.body, profile)
    yield from _paragraphs(name, first, other, profile)
    yield from _footnotes(name, first, other, profile)
    first_closing = " ".join(filter(None, (first.closing.meeting, first.closing.date))) if first.closing else None
    other_closing = " ".join(filter(None, (other.closing.meeting, other.closing.date))) if other.closing else None
    yield from _texts(name, "closing", first_closing, other_closing, profile)


def _texts(name: str, where: str, first: str | None, other: str | None, profile: CheckProfile) -> Iterator[Difference]:
    """The differing stretches of two texts, each with a few words of context."""
    if first is None and other is None:
        return
    if first is None or other is None:
        missing = first is None
        yield Difference(
            file=name,
            where=where,
            kind="extra" if missing else "missing",
            first=first,
            other=other,
            detail=f"{where} is {'only in this rendering' if missing else 'missing from this rendering'}",
        )
        return
    a, b = normalise(first, profile), normalise(other, profile)
    if a == b:
        return
    edits = redline(a, b, fold_typography=False, exact=True)  # the profile alone decides what is layout
    position_a = position_b = 0
    index = 0
    while index < len(edits):
        if edits[index].op == "equal":
            position_a += len(edits[index].text)
            position_b += len(edits[index].new_text or edits[index].text)
            index += 1
            continue
        deleted = inserted = ""
        while index < len(edits) and edits[index].op != "equal":
            if edits[index].op == "delete":
                deleted += edits[index].text
            else:
                inserted += edits[index].text
            index += 1
        yield Difference(
            file=name,
            where=where,
            kind="text",
            first=_in_context(a, position_a, position_a + len(deleted)),
            other=_in_context(b, position_b, position_b + len(inserted)),
            detail=f"{where}: {_quoted(deleted)} here, {_quoted(inserted)} there",
        )
        position_a += len(deleted)
        position_b += len(inserted)


def _in_context(text: str, start: int, end: int) -> str:
    """The differing stretch in «» with a few words either side."""
    while start < end and text[start] == " ":
        start += 1
    before = text[:start].split(" ")
    after = text[end:].split(" ")
    head = " ".join(before[-_CONTEXT_WORDS - 1 :])
    tail = " ".join(after[: _CONTEXT_WORDS + 1])
    prefix = "…" if len(before) > _CONTEXT_WORDS + 1 else ""
    suffix = "…" if len(after) > _CONTEXT_WORDS + 1 else ""
    return f"{prefix}{head}«{text[start:end]}»{tail}{suffix}"


def _quoted(text: str) -> str:
    return f"“{text.strip()}”" if text.strip() else "nothing"


def _paragraphs(name: str, first: Document, other: Document, profile: CheckProfile) -> Iterator[Difference]:
    first_ids = [p.id for p in first.walk()]
    other_ids = [p.id for p in other.walk()]
    if first_ids == other_ids:
        other_by_id = {p.id: p for p in other.walk()}
        for paragraph in first.walk():
            counterpart = other_by_id[paragraph.id]
            for difference in _texts(name, paragraph.id, paragraph.text, counterpart.text, profile):
                yield difference.model_copy(update={"line": counterpart.line})
            yield from _references(name, paragraph, counterpart)
        return
    yield Difference(
        file=name,
        where="structure",
        kind="count",
        first=_shape(first),
        other=_shape(other),
        detail=f"different paragraphs: {_shape(first)} here, {_shape(other)} there",
    )
    alignment = align(first, other)
    first_text = {p.id: p.full_text() for p in first.all_paragraphs()}
    other_text = {p.id: p.full_text() for p in other.all_paragraphs()}
    other_line = {p.id: p.line for p in other.all_paragraphs()}
    for change in alignment.changes:
        where = "+".join(change.old) or "+".join(change.new)
        if change.kind == "added":
            yield Difference(
                file=name,
                where=where,
                kind="extra",
                other=other_text[change.new[0]],
                detail=f"{where} is only in this rendering",
            )
        elif change.kind == "dropped":
            yield Difference(
                file=name,
                where=where,
                kind="missing",
                first=first_text[change.old[0]],
                detail=f"{where} is missing from this rendering",
            )
        else:
            if change.old != change.new:
                yield Difference(
                    file=name,
                    where=where,
                    kind="numbering",
                    first=" ".join(change.old),
                    other=" ".join(change.new),
                    detail=f"{'+'.join(change.old)} here is {'+'.join(change.new)} there",
                )
            a = " ".join(first_text[i] for i in change.old)
            b = " ".join(other_text[i] for i in change.new)
            line = other_line.get(change.new[0])
            for difference in _texts(name, where, a, b, profile):
                yield difference.model_copy(update={"line": line})


def _shape(document: Document) -> str:
    counts = [f"{len(document.preamble)} preambular", f"{len(document.operative)} operative"]
    subparagraphs = sum(1 for _ in document.walk()) - len(document.all_paragraphs())
    counts.append(f"{subparagraphs} sub-paragraphs")
    annexed = sum(len(annex.paragraphs) for annex in document.annexes)
    if annexed:
        counts.append(f"{annexed} annex paragraphs")
    return ", ".join(counts)


def _references(name: str, first: Paragraph, other: Paragraph) -> Iterator[Difference]:
    first_marks = [ref.mark for ref in first.footnote_refs]
    other_marks = [ref.mark for ref in other.footnote_refs]
    if first_marks != other_marks and first_marks and other_marks:
        yield Difference(
            file=name,
            where=first.id,
            kind="references",
            first=" ".join(first_marks),
            other=" ".join(other_marks),
            detail=f"{first.id}: footnote marks {', '.join(first_marks)} here, {', '.join(other_marks)} there",
        )


def _footnotes(name: str, first: Document, other: Document, profile: CheckProfile) -> Iterator[Difference]:
    """Footnote texts, paired by mark; a rendering without any footnote texts is one structural difference."""
    if bool(first.footnotes) != bool(other.footnotes):
        count = len(first.footnotes or other.footnotes)
        missing = not other.footnotes
        yield Difference(
            file=name,
            where="footnotes",
            kind="footnotes",
            first=f"{len(first.footnotes)} footnote texts",
            other=f"{len(other.footnotes)} footnote texts",
            detail=f"the {count} footnote texts are {'missing from' if missing else 'only in'} this rendering",
        )
        return
    other_by_mark = {footnote.mark: footnote for footnote in other.footnotes}
    first_marks = {footnote.mark for footnote in first.footnotes}
    for footnote in first.footnotes:
        counterpart = other_by_mark.get(footnote.mark)
        yield from _texts(
            name, f"footnote {footnote.mark}", footnote.text, counterpart.text if counterpart else None, profile
        )
    for footnote in other.footnotes:
        if footnote.mark not in first_marks:
            yield from _texts(name, f"footnote {footnote.mark}", None, footnote.text, profile)
