"""Assemble the model: drafts of paragraphs become `Paragraph`s with ids, clean texts, opening phrases and
footnote marks; every line that is not resolution text is recorded as set aside, with its reason."""

from __future__ import annotations

import re
from functools import cached_property

from unres.formats.lines import ITALIC_CLOSE, ITALIC_OPEN
from unres.grammar.footnotes import read_marks
from unres.grammar.header import Header
from unres.grammar.lines import Kind, Line, plain, strip_marks
from unres.grammar.structure import AnnexDraft, Draft, Structure, opening_phrase
from unres.models import Annex, Footnote, FootnoteRef, Paragraph, SetAside, SetAsideReason

_WORD = re.compile(r"[^\W\d_]+(?:-[^\W\d_]+)*")
_HYPHEN_LOWER = re.compile(r"([^\W\d_]+) ?-\n([a-z][^\W\d_]*)")
_HYPHEN_CAPITAL = re.compile(r"([^\W\d_]+)-\n([A-Z][^\W\d_]*)")
# An extractor's space inside a capitalised compound ('Non- Proliferation'); a suspended hyphen is followed by a
# conjunction or a lower-case word ('micro-, small', 'pre- and post-conflict'), never by a capital.
_HYPHEN_SPACE_CAPITAL = re.compile(r"\b([A-Z][^\W\d_]*)- ([A-Z][^\W\d_]*)")

_SET_ASIDE_REASONS: dict[Kind, SetAsideReason] = {
    Kind.FURNITURE: "page-furniture",
    Kind.SYMBOL: "page-furniture",
    Kind.LONE_NUMBER: "page-furniture",
    Kind.SEPARATOR: "separator",
    Kind.JUNK: "document-system",
    Kind.FRONT_MATTER: "front-matter",
    Kind.STAR_NOTE: "star-note",
}


def plain_structure(lines: list[Line]) -> Structure:
    """Without resolution structure, every block of text between blank lines is a paragraph."""
    drafts: list[Draft] = []
    current: Draft | None = None
    for line in lines:
        if line.kind is Kind.TEXT:
            if current is None:
                current = Draft("plain", None, "plain", line=line.number)
                drafts.append(current)
            current.pieces.append(line.text)
        elif line.kind is Kind.BLANK:
            current = None
    return Structure(drafts, [], None, [], [])


_ID_PREFIX = {"preambular": "PP", "operative": "OP", "plain": "P", "annex": "ANNEX-"}


class Builder:
    """Turns drafts into models: ids, clean texts, opening phrases and footnote marks.

    Marks are read over all texts at once, in reading order, because their numbering runs through the document.
    """

    def __init__(self, lines: list[Line], footnote_texts: dict[int, str]) -> None:
        self.lines = lines
        self.footnote_texts = footnote_texts
        self.references: dict[str, list[str]] = {}
        self.warnings: list[str] = []

    def build(
        self, paragraphs: list[Draft], annexes: list[AnnexDraft]
    ) -> tuple[list[Paragraph], list[Annex], list[Footnote]]:
        top = [(draft, paragraph_id) for draft, paragraph_id in self._ids(paragraphs, "")]
        annex_ids = ["ANNEX" if index == 0 else f"ANNEX{index + 1}" for index in range(len(annexes))]
        annex_top = [
            list(self._ids(draft.paragraphs, annex_id + "-"))
            for draft, annex_id in zip(annexes, annex_ids, strict=True)
        ]
        order: list[tuple[Draft, str]] = []
        for draft, paragraph_id in [*top, *(pair for group in annex_top for pair in group)]:
            order.extend(self._walk(draft, paragraph_id))
        prepared = [self._prepare(draft.text) for draft, _ in order]
        marked = read_marks([text for text, _ in prepared], set(self.footnote_texts))
        cleaned = {
            id(draft): (paragraph_id, _single_spaced(plain(text)), opening, refs)  # a long mark: digits
            for (draft, paragraph_id), (_, opening), (text, refs) in zip(order, prepared, marked, strict=True)
        }
        result = [self._paragraph(draft, cleaned) for draft, _ in top]
        built_annexes = [
            Annex(
                id=annex_id,
                heading=draft.heading,
                title=_single_spaced(plain(" ".join(draft.title_parts))) or None,
                paragraphs=[self._paragraph(d, cleaned) for d, _ in group],
            )
            for draft, annex_id, group in zip(annexes, annex_ids, annex_top, strict=True)
        ]
        return result, built_annexes, self._footnotes()

    def _ids(self, drafts: list[Draft], prefix: str) -> list[tuple[Draft, str]]:
        counters: dict[str, int] = {}
        seen: set[str] = set()
        result = []
        for draft in drafts:
            result.append((draft, self._unique(self._top_id(draft, prefix, counters), seen, "paragraph")))
        return result

    def _unique(self, base: str, seen: set[str], what: str) -> str:
        """The id, primed while it is taken ("OP4'"), with a warning: a rendering printed a number or label twice."""
        unique = base
        while unique in seen:
            unique += "'"
        if unique != base:
            self.warnings.append(f"{what} {base} appears twice; the second is {unique}")
        seen.add(unique)
        return unique

    @staticmethod
    def _top_id(draft: Draft, prefix: str, counters: dict[str, int]) -> str:
        if prefix:
            if draft.label:
                return f"{prefix}{draft.label}"
            counters["P"] = counters.get("P", 0) + 1
            return f"{prefix}P{counters['P']}"
        short = _ID_PREFIX[draft.kind]
        counters[short] = counters.get(short, 0) + 1
        if draft.kind == "operative" and draft.label:
            return f"OP{draft.label}"
        return f"{short}{counters[short]}"

    def _walk(self, draft: Draft, paragraph_id: str) -> list[tuple[Draft, str]]:
        """The paragraph and its sub-paragraphs in reading order, each with its id; a label repeated under one parent
        (a rendering that restarts a list without nesting it) gets a prime, as a repeated top-level number does."""
        pairs = [(draft, paragraph_id)]
        seen: set[str] = set()
        for position, child in enumerate(draft.children, start=1):
            base = f"{paragraph_id}({child.label})" if child.label else f"{paragraph_id}[{position}]"
            pairs.extend(self._walk(child, self._unique(base, seen, "sub-paragraph")))
        return pairs

    def _paragraph(
        self,
        draft: Draft,
        cleaned: dict[int, tuple[str, str, str | None, list[tuple[str, int]]]],
    ) -> Paragraph:
        paragraph_id, text, opening_italic, refs = cleaned[id(draft)]
        for mark, _ in refs:
            self.references.setdefault(mark, []).append(paragraph_id)
        is_top = draft.style in ("number", "plain")
        opening = opening_italic or (opening_phrase(text, draft.kind) if is_top else None)
        return Paragraph(
            id=paragraph_id,
            kind=draft.kind,
            label=draft.label,
            opening=opening,
            text=text,
            footnote_refs=[FootnoteRef(mark=mark, offset=offset) for mark, offset in refs],
            section=draft.section,
            line=draft.line,
            subparagraphs=[self._paragraph(child, cleaned) for child in draft.children],
        )

    def _footnotes(self) -> list[Footnote]:
        result = []
        for number in sorted(self.footnote_texts):
            text = _single_spaced(strip_marks(self.footnote_texts[number]))
            mark = str(number)
            result.append(Footnote(mark=mark, text=text, referenced_in=self.references.get(mark, [])))
            if mark not in self.references:
                self.warnings.append(f"footnote {mark} is not referenced in the text")
        missing = sorted(set(self.references) - {f.mark for f in result}, key=int)
        if missing:
            self.warnings.append(f"footnote marks {', '.join(missing)} have no footnote text in this rendering")
        return result

    def _prepare(self, raw: str) -> tuple[str, str | None]:
        """Join wraps and unwrap italics, keeping a leading italic phrase as the opening."""
        joined = _single_spaced(self._join_hyphens(raw))
        if ITALIC_CLOSE in joined:  # italics that run on over a line break (or a run break) are one stretch
            joined = joined.replace(f"{ITALIC_CLOSE} {ITALIC_OPEN}", " ")
        opening = None
        if joined.startswith(ITALIC_OPEN) and ITALIC_CLOSE in joined:
            opening = plain(joined[1 : joined.index(ITALIC_CLOSE)]).strip() or None
        return joined.replace(ITALIC_OPEN, "").replace(ITALIC_CLOSE, ""), opening

    @cached_property
    def vocabulary(self) -> set[str]:
        """Every word of the document's text, lower-cased: built on first use, when a line-end hyphen is found."""
        return {w.lower() for line in self.lines if line.kind is Kind.TEXT for w in _WORD.findall(plain(line.text))}

    def _join_hyphens(self, text: str) -> str:
        """A line-end hyphen joins: 'money-/laundering' is 'money-laundering', 'recog-/nize' is 'recognize'
        only when the document itself spells it so and never with the hyphen; 'Secretary-/General' keeps it."""

        def join(found: re.Match[str]) -> str:
            left, right = found.group(1), found.group(2)
            hyphenated = f"{left}-{right}".lower()
            solid = f"{left}{right}".lower()
            if solid in self.vocabulary and hyphenated not in self.vocabulary:
                return left + right
            return f"{left}-{right}"

        if "-\n" in text:  # the patterns are slow on long texts that hold no line-end hyphen
            text = _HYPHEN_LOWER.sub(join, text)
            text = _HYPHEN_CAPITAL.sub(r"\1-\2", text)  # 'Secretary-/General': a capital after it: a compound
        if "- " in text:
            text = _HYPHEN_SPACE_CAPITAL.sub(r"\1-\2", text)
        return text


def set_aside(
    lines: list[Line], header: Header, author: int | None, body_start: int, structure: Structure
) -> list[SetAside]:
    """Every line that is not resolution text, with the reason, so a reader can check nothing was lost."""
    trailer = {line.number for line in structure.trailer}
    title_lines = set(header.title_lines)
    result: list[SetAside] = []
    for index, line in enumerate(lines):
        for piece in line.removed:
            if line.kind is not Kind.JUNK:
                result.append(SetAside(line=line.number, text=piece, reason="document-system"))
        reason = _SET_ASIDE_REASONS.get(line.kind)
        if line.kind is Kind.JUNK:
            result.append(SetAside(line=line.number, text=line.raw.strip(), reason="document-system"))
            continue
        if reason is None and line.kind is Kind.TEXT:
            if index < body_start and index != author and line.number not in title_lines:
                reason = "sponsors" if line.number in header.sponsor_lines else "metadata"
            elif line.number in trailer:
                reason = "metadata"
        if reason is not None:
            result.append(SetAside(line=line.number, text=line.raw.strip(), reason=reason))
    return result


def _single_spaced(text: str) -> str:
    """Runs of whitespace as one space, none at the ends (str.split's whitespace is exactly re's \\s; no regex
    substitution per space)."""
    if text.isascii() and text.isprintable() and "  " not in text:  # no line break, tab or double space to fold
        return text.strip()
    return " ".join(text.split())
