"""Transcription agreement: do two or more renderings of one resolution carry the same words and punctuation?

Layout is not text. The parser has already taken away line wraps, indentation, page furniture, footnote-mark style
(¹ or 1 or [^1]) and markup; `CheckProfile` folds what is left of rendering: whitespace, typographic quotes and
dashes, Unicode compatibility forms. What differs after that is a disagreement, reported where it is (a paragraph
id, the title, a footnote, the closing) with a few words of context and the differing characters located.

The renderings are of one resolution, so paragraphs are paired by id. Where the paragraphs are not the same (one
rendering lost a paragraph, or split one), they are paired by text with `unres.align`, and each structural
difference is reported once, as such: the paragraph ids shifted by a missing paragraph are its consequence, not more
disagreements.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from diff_match_patch import diff_match_patch

from unres.align import align
from unres.models import (
    MOVE_KINDS,
    Alignment,
    Change,
    CheckProfile,
    CheckReport,
    Difference,
    DifferenceKind,
    Document,
    Excerpt,
    Footnote,
    Paragraph,
)
from unres.redline import redline
from unres.text import fold_compatibility, fold_typography

_CONTEXT_WORDS = 4
_SUMMARY_WORDS = 12  # of a paragraph present in one rendering only
_STRETCH_WORDS = 6  # kept at each end of a long differing passage
_SPACES = re.compile(r"\s+")
_WORD = re.compile(r"\S+")


def normalise(text: str, profile: CheckProfile) -> str:
    """The text as the profile compares it."""
    if profile.unicode:
        text = fold_compatibility(text)
    text = fold_typography(text, quotes=profile.quotes, dashes=profile.dashes)
    if profile.whitespace:
        text = _SPACES.sub(" ", text).strip()
    return text


def check(documents: list[Document], profile: CheckProfile | None = None) -> CheckReport:
    """Check every document against the first."""
    profile = profile or CheckProfile()
    names = [document.source or f"document {index + 1}" for index, document in enumerate(documents)]
    differences = [
        difference
        for name, other in zip(names[1:], documents[1:], strict=True)
        for difference in _Comparison(documents[0], other, names[0], name, profile).differences()
    ]
    return CheckReport(files=names, profile=profile, agree=not differences, differences=differences)


class _Comparison:
    """One rendering against the first; `differences()` in reading order."""

    def __init__(self, first: Document, other: Document, first_name: str, name: str, profile: CheckProfile) -> None:
        self.first, self.other = first, other
        self.first_name, self.name = first_name, name
        self.profile = profile
        # A rendering that kept no footnote marks at all says nothing about them: decided once, not per paragraph.
        self.both_have_marks = _has_marks(first) and _has_marks(other)

    def differences(self) -> Iterator[Difference]:
        first, other = self.first, self.other
        if first.number and other.number:  # a rendering without the number line says nothing about it
            yield from self._texts("number", first.number, other.number)
        yield from self._texts("title", first.title, other.title)
        yield from self._texts("body", first.body, other.body)
        if first.structured != other.structured:
            unstructured = "this rendering" if first.structured else self.first_name
            yield self._difference("structure", "structure", f"no resolution structure found in {unstructured}")
        alignment = self._structural_alignment()
        if alignment is None:
            for a, b in zip(first.all_paragraphs(), other.all_paragraphs(), strict=True):
                yield from self._paired(a, b)
        else:
            for block in alignment.blocks:  # one item for paragraphs that stand in another part together
                detail = f"{'+'.join(block.old[:1])}… in {self.first_name} stand in the {block.new_part} here"
                yield self._difference(block.old[0], "moved", f"{detail} ({len(block.old)} paragraphs)")
            yield from self._aligned(alignment.changes)
        yield from self._texts("closing", _closing(first), _closing(other))
        yield from self._footnotes()

    # --- paragraphs ------------------------------------------------------------------------------------------

    def _structural_alignment(self) -> Alignment | None:
        """None when paragraphs pair by id: the same ids, and alignment by text links no paragraph to another id (a
        paragraph moved); else the alignment, to pair them by text."""
        first, other = self.first.all_paragraphs(), self.other.all_paragraphs()
        if [p.id for p in first] != [p.id for p in other]:
            return align(self.first, self.other)
        if all(
            normalise(a.full_text(), self.profile) == normalise(b.full_text(), self.profile)
            for a, b in zip(first, other, strict=True)
        ):
            return None
        alignment = align(self.first, self.other)
        moved = any(change.old and change.new and change.old != change.new for change in alignment.changes)
        return alignment if moved else None

    def _aligned(self, changes: list[Change]) -> Iterator[Difference]:
        """Paragraphs paired by text: each paragraph missing, extra, split, merged or moved is one item."""
        first_by_id = {p.id: p for p in self.first.all_paragraphs()}
        other_by_id = {p.id: p for p in self.other.all_paragraphs()}
        out_of_sequence = _out_of_sequence(self.first) | _out_of_sequence(self.other)
        renumbered: list[Change] = []
        for change in changes:
            olds = [first_by_id[i] for i in change.old]
            news = [other_by_id[i] for i in change.new]
            relabelled = change.kind in ("unchanged", "modified", *MOVE_KINDS) and _relabelled(olds[0], news[0])
            if renumbered and not relabelled:
                yield self._numbering(renumbered)
                renumbered = []
            if relabelled and (renumbered or {olds[0].id, news[0].id} & out_of_sequence):
                renumbered.append(change)
            if change.kind == "added":
                yield self._difference(
                    news[0].id, "extra", f"{news[0].id} is only in this rendering", other=_summary(news[0]), at=news[0]
                )
            elif change.kind == "dropped":
                yield self._difference(
                    olds[0].id, "missing", f"{olds[0].id} is missing from this rendering", first=_summary(olds[0])
                )
            elif change.kind in ("split", "merged"):
                old_ids, new_ids = "+".join(change.old), "+".join(change.new)
                yield self._difference(
                    olds[0].id, change.kind, f"{old_ids} in {self.first_name} is {new_ids} here", at=news[0]
                )
                first_text = " ".join(p.full_text() for p in olds)
                other_text = " ".join(p.full_text() for p in news)
                yield from self._texts(olds[0].id, first_text, other_text, news[0].line)
            else:
                if change.kind in MOVE_KINDS:
                    detail = f"{olds[0].id} stands elsewhere in this rendering (as {news[0].id})"
                    yield self._difference(olds[0].id, "moved", detail, at=news[0])
                yield from self._paired(olds[0], news[0])
        if renumbered:
            yield self._numbering(renumbered)

    def _paired(self, a: Paragraph, b: Paragraph) -> Iterator[Difference]:
        """Two paragraphs that are the same paragraph: by sub-paragraph when both have the same ones."""
        a_parts, b_parts = list(a.walk()), list(b.walk())
        if [p.id.removeprefix(a.id) for p in a_parts] == [p.id.removeprefix(b.id) for p in b_parts]:
            for part, counterpart in zip(a_parts, b_parts, strict=True):
                yield from self._texts(part.id, part.text, counterpart.text, counterpart.line)
        else:
            detail = f"{a.id}: {_subparagraphs(a)} in {self.first_name}, {_subparagraphs(b)} here"
            yield self._difference(a.id, "count", detail, at=b)
            yield from self._texts(a.id, a.full_text(), b.full_text(), b.line)
        yield from self._references(a, b)

    def _numbering(self, run: list[Change]) -> Difference:
        """One item for a run of paragraphs printed with other numbers."""
        old = run[0].old[0] + (f"–{run[-1].old[0]}" if len(run) > 1 else "")
        new = run[0].new[0] + (f"–{run[-1].new[0]}" if len(run) > 1 else "")
        verb = "are" if len(run) > 1 else "is"
        return self._difference(run[0].old[0], "numbering", f"{old} in {self.first_name} {verb} numbered {new} here")

    def _references(self, a: Paragraph, b: Paragraph) -> Iterator[Difference]:
        """Footnote marks, and after which word each stands; a rendering that kept no marks at all says nothing."""
        if not self.both_have_marks:
            return
        a_marks, b_marks = _marks(a), _marks(b)
        if a_marks != b_marks:
            detail = f"{a.id}: footnote marks {_marks_text(a_marks)} in {self.first_name}, {_marks_text(b_marks)} here"
            yield self._difference(a.id, "references", detail, at=b)

    # --- footnotes -------------------------------------------------------------------------------------------

    def _footnotes(self) -> Iterator[Difference]:
        """Footnote texts paired by mark; those on one side only are one item, however many they are."""
        other_by_mark = {footnote.mark: footnote for footnote in self.other.footnotes}
        first_marks = {footnote.mark for footnote in self.first.footnotes}
        missing = [f for f in self.first.footnotes if f.mark not in other_by_mark]
        extra = [f for f in self.other.footnotes if f.mark not in first_marks]
        if missing:
            where, what = _footnote_group(missing)
            yield self._difference(where, "footnotes", f"{what} missing from this rendering", first=_notes(missing))
        if extra:
            where, what = _footnote_group(extra)
            yield self._difference(where, "footnotes", f"{what} only in this rendering", other=_notes(extra))
        for footnote in self.first.footnotes:
            if footnote.mark in other_by_mark:
                yield from self._texts(f"footnote {footnote.mark}", footnote.text, other_by_mark[footnote.mark].text)

    # --- texts -----------------------------------------------------------------------------------------------

    def _texts(self, where: str, first: str | None, other: str | None, line: int | None = None) -> Iterator[Difference]:
        """Each differing stretch of two texts, found by the word-level redline, with its characters located."""
        if first is None and other is None:
            return
        if first is None or other is None:
            present = Excerpt(text=_shortened(first or other or ""))
            if first is None:
                yield self._difference(where, "extra", f"{where} is only in this rendering", other=present, line=line)
            else:
                yield self._difference(where, "missing", f"{where} is missing from this rendering", first=present)
            return
        a, b = normalise(first, self.profile), normalise(other, self.profile)
        if a == b:
            return
        edits = redline(a, b, fold_typography=False, exact=True)  # the profile alone decides what is layout
        at_a = at_b = 0
        index = 0
        while index < len(edits):
            if edits[index].op == "equal":
                at_a += len(edits[index].text)
                at_b += len(edits[index].new_text or edits[index].text)
                index += 1
                continue
            deleted = inserted = ""
            while index < len(edits) and edits[index].op != "equal":
                if edits[index].op == "delete":
                    deleted += edits[index].text
                else:
                    inserted += edits[index].text
                index += 1
            first_excerpt, other_excerpt = _excerpts(a, at_a, at_a + len(deleted), b, at_b, at_b + len(inserted))
            detail = f"{where}: “{_marked(other_excerpt)}” here, “{_marked(first_excerpt)}” in {self.first_name}"
            yield self._difference(where, "text", detail, first=first_excerpt, other=other_excerpt, line=line)
            at_a += len(deleted)
            at_b += len(inserted)

    def _difference(
        self,
        where: str,
        kind: DifferenceKind,
        detail: str,
        *,
        first: Excerpt | None = None,
        other: Excerpt | None = None,
        at: Paragraph | None = None,
        line: int | None = None,
    ) -> Difference:
        line = at.line if at is not None else line
        return Difference(file=self.name, where=where, kind=kind, first=first, other=other, detail=detail, line=line)


# --- excerpts ----------------------------------------------------------------------------------------------------


def _excerpts(a: str, a_start: int, a_end: int, b: str, b_start: int, b_end: int) -> tuple[Excerpt, Excerpt]:
    """Both sides of one differing stretch, each with the characters that differ located inside it."""
    a_start, a_end = _trimmed(a, a_start, a_end)
    b_start, b_end = _trimmed(b, b_start, b_end)
    a_spans, b_spans = _character_spans(a[a_start:a_end], b[b_start:b_end])
    return (
        _excerpt(a, a_start, a_end, [(a_start + s, a_start + e) for s, e in a_spans]),
        _excerpt(b, b_start, b_end, [(b_start + s, b_start + e) for s, e in b_spans]),
    )


def _trimmed(text: str, start: int, end: int) -> tuple[int, int]:
    """The stretch without the spaces around it (an empty stretch stays where it is)."""
    while start < end and text[start] == " ":
        start += 1
    while end > start and text[end - 1] == " ":
        end -= 1
    return start, end


def _character_spans(a: str, b: str) -> tuple[list[tuple[int, int]], list[tuple[int, int]]]:
    """Where two differing stretches differ, character by character ('organi[s]ation', 'organi[z]ation'); the
    whole stretches when they share too little for a character diff to read as anything but noise."""
    whole = ([(0, len(a))], [(0, len(b))])
    if not a or not b:
        return whole
    engine = diff_match_patch()
    engine.Diff_Timeout = 0
    diffs = engine.diff_main(a, b, False)
    engine.diff_cleanupSemantic(diffs)
    shared = sum(len(text) for op, text in diffs if op == 0)
    if shared * 2 < max(len(a), len(b)):
        return whole
    a_spans: list[tuple[int, int]] = []
    b_spans: list[tuple[int, int]] = []
    at_a = at_b = 0
    for position, (op, text) in enumerate(diffs):
        neighbours = {diffs[i][0] for i in (position - 1, position + 1) if 0 <= i < len(diffs)}
        if op == 0:
            at_a, at_b = at_a + len(text), at_b + len(text)
        elif op == -1:
            a_spans.append((at_a, at_a + len(text)))
            if 1 not in neighbours:
                b_spans.append((at_b, at_b))
            at_a += len(text)
        else:
            b_spans.append((at_b, at_b + len(text)))
            if -1 not in neighbours:
                a_spans.append((at_a, at_a))
            at_b += len(text)
    return a_spans, b_spans


def _excerpt(text: str, start: int, end: int, spans: list[tuple[int, int]]) -> Excerpt:
    """text[start:end] with a few words either side; the spans, given in `text`, moved into the excerpt."""
    before = list(_WORD.finditer(text, 0, start))
    keep = _CONTEXT_WORDS + _inside_word(text, start)  # 'Power' of 'Power«.»' is not a word of context
    begin = before[-keep].start() if len(before) > keep else 0
    after = list(_WORD.finditer(text, end))
    keep = _CONTEXT_WORDS + _inside_word(text, end)
    finish = after[keep - 1].end() if len(after) > keep else len(text)
    prefix = "…" if begin > 0 else ""
    suffix = "…" if finish < len(text) else ""
    words = list(_WORD.finditer(text, start, end))
    if spans == [(start, end)] and len(words) > 2 * _STRETCH_WORDS + 1:  # a long passage: its ends say which
        stretch = f"{text[start : words[_STRETCH_WORDS - 1].end()]} … {text[words[-_STRETCH_WORDS].start() : end]}"
        head = prefix + text[begin:start]
        return Excerpt(text=head + stretch + text[end:finish] + suffix, highlights=[(len(head), len(head + stretch))])
    shift = len(prefix) - begin
    return Excerpt(text=prefix + text[begin:finish] + suffix, highlights=[(s + shift, e + shift) for s, e in spans])


def _inside_word(text: str, position: int) -> int:
    """1 if `position` falls between two characters of one word."""
    return int(0 < position < len(text) and not text[position - 1].isspace() and not text[position].isspace())


def _marked(excerpt: Excerpt) -> str:
    """The excerpt on one line with each differing stretch in «», for the one-line detail."""
    text = excerpt.text
    for start, end in reversed(excerpt.highlights):
        text = f"{text[:start]}«{text[start:end]}»{text[end:]}"
    return text


def _shortened(text: str) -> str:
    words = text.split()
    return " ".join(words[:_SUMMARY_WORDS]) + (" …" if len(words) > _SUMMARY_WORDS else "")


def _summary(paragraph: Paragraph) -> Excerpt:
    return Excerpt(text=_shortened(paragraph.full_text()))


# --- structure ---------------------------------------------------------------------------------------------------


def _closing(document: Document) -> str | None:
    if document.closing is None:
        return None
    return " ".join(part for part in (document.closing.meeting, document.closing.date) if part) or None


def _relabelled(a: Paragraph, b: Paragraph) -> bool:
    """Printed with another number? Preambular paragraphs print none: their ids shift with any missing one."""
    return a.label is not None and b.label is not None and a.id != b.id


def _out_of_sequence(document: Document) -> set[str]:
    """Ids of the paragraphs not numbered one more than the paragraph before them (1 for the first of a part).

    Where both renderings number in sequence, another number is the consequence of a paragraph missing, split or
    moved, already reported; only a number out of sequence is a numbering disagreement of its own.
    """
    found: set[str] = set()
    previous: dict[str, int] = {}
    for paragraph in document.all_paragraphs():
        if not (paragraph.label and paragraph.label.isdigit()):
            continue
        part = paragraph.id.removesuffix(paragraph.label)  # 'OP', 'ANNEX-', 'ANNEX2-'
        if int(paragraph.label) != previous.get(part, 0) + 1:
            found.add(paragraph.id)
        previous[part] = int(paragraph.label)
    return found


def _subparagraphs(paragraph: Paragraph) -> str:
    labels = [f"({p.label})" for p in paragraph.walk() if p is not paragraph]
    return f"{len(labels)} sub-paragraphs" + (f" {', '.join(labels)}" if labels else "")


def _has_marks(document: Document) -> bool:
    return any(p.footnote_refs for p in document.walk())


def _marks(paragraph: Paragraph) -> list[tuple[str, int]]:
    """Each footnote mark in the paragraph and its sub-paragraphs, with how many words stand before it."""
    return [(ref.mark, len(part.text[: ref.offset].split())) for part in paragraph.walk() for ref in part.footnote_refs]


def _marks_text(marks: list[tuple[str, int]]) -> str:
    return ", ".join(f"{mark} after word {words}" for mark, words in marks) or "none"


def _footnote_group(footnotes: list[Footnote]) -> tuple[str, str]:
    """Where and what: 'footnote 4' for one, 'footnotes' for several."""
    if len(footnotes) == 1:
        return f"footnote {footnotes[0].mark}", f"the text of footnote {footnotes[0].mark} is"
    return "footnotes", f"the {len(footnotes)} footnote texts {_mark_ranges([f.mark for f in footnotes])} are"


def _mark_ranges(marks: list[str]) -> str:
    """'1–11' for eleven marks in a row, '2, 5–7' for a broken run."""
    runs: list[list[str]] = []
    for mark in marks:
        if runs and mark.isdigit() and runs[-1][-1].isdigit() and int(mark) == int(runs[-1][-1]) + 1:
            runs[-1].append(mark)
        else:
            runs.append([mark])
    return ", ".join(run[0] if len(run) == 1 else f"{run[0]}–{run[-1]}" for run in runs)


def _notes(footnotes: list[Footnote]) -> Excerpt:
    return Excerpt(text=_shortened(" ".join(f"{f.mark} {f.text}" for f in footnotes)))
