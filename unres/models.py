"""The data model every stage shares: a parsed resolution and the results computed from it.

Models hold data only; formatting lives in ``unres.render``. The JSON form of these models is a public
interface (see ``docs/json.md``); change a field only on purpose and bump ``SCHEMA_VERSION``.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from functools import cached_property
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field

SCHEMA_VERSION = "2"

ParagraphKind = Literal["preambular", "operative", "annex", "plain"]


class Model(BaseModel):
    """Base for all models: unknown fields are refused so the public JSON stays what the schema says. Each model's
    validator is built when first used, not on import: a command uses a few of these models (0.02 s at start)."""

    model_config = ConfigDict(extra="forbid", defer_build=True)


class FootnoteRef(Model):
    """A footnote mark that stood in a paragraph's text."""

    mark: str = Field(description="The footnote's number as printed, e.g. '4'.")
    offset: int = Field(description="Character offset in the paragraph's clean `text` where the mark stood.")


class Paragraph(Model):
    """One preambular, operative or annex paragraph, or a sub-paragraph of one."""

    id: str = Field(description="Stable identifier: PP1, OP3, OP3(b)(ii), ANNEX-2, ANNEX2-4(a), P1.")
    kind: ParagraphKind = Field(description="Which part of the resolution the paragraph belongs to.")
    label: str | None = Field(
        default=None,
        description="The number or letter as printed ('3', 'b', 'ii'); null for unnumbered paragraphs.",
    )
    opening: str | None = Field(
        default=None,
        description="The italic opening phrase ('Recalling also', 'Further invites'), also kept in `text`.",
    )
    text: str = Field(
        description="Clean text: no label, no footnote marks, no markup, line wraps joined. For a paragraph "
        "with sub-paragraphs this is the chapeau."
    )
    footnote_refs: list[FootnoteRef] = Field(default_factory=list, description="Marks removed from `text`.")
    section: str | None = Field(default=None, description="The heading the paragraph stands under, if any.")
    line: int | None = Field(
        default=None,
        description="1-based line where the paragraph starts in the text read (for PDF, Word and HTML input: in "
        "the text converted from it).",
    )
    subparagraphs: list[Paragraph] = Field(default_factory=list, description="Nested (a), (i) … items.")

    def walk(self) -> Iterator[Paragraph]:
        """This paragraph, then its sub-paragraphs depth first."""
        yield self
        for sub in self.subparagraphs:
            yield from sub.walk()

    def full_text(self) -> str:
        """Chapeau and every sub-paragraph, labels included, one per line: the paragraph as a reader sees it."""
        parts = [self.text]
        for sub in self.subparagraphs:
            sub_text = sub.full_text()
            parts.append(f"({sub.label}) {sub_text}" if sub.label else sub_text)
        return "\n".join(part for part in parts if part)


class Footnote(Model):
    """A footnote text and the paragraphs that refer to it."""

    mark: str = Field(description="The footnote's number as printed.")
    text: str = Field(description="The footnote text, wraps joined.")
    referenced_in: list[str] = Field(
        default_factory=list, description="Ids of the paragraphs (or 'title') whose text carries the mark."
    )


class Closing(Model):
    """The meeting and date under the last operative paragraph."""

    meeting: str | None = Field(default=None, description="e.g. '77th plenary meeting'.")
    date: str | None = Field(default=None, description="e.g. '22 December 2003'.")


class Annex(Model):
    """An annex with its own numbered paragraphs."""

    id: str = Field(description="'ANNEX' for the first annex, 'ANNEX2' for the second, and so on.")
    heading: str = Field(description="The heading as printed, e.g. 'Annex' or 'Annex II'.")
    title: str | None = Field(default=None, description="The annex title, if printed.")
    paragraphs: list[Paragraph] = Field(default_factory=list)


class Metadata(Model):
    """Document facts printed around the resolution text."""

    adopted: str | None = Field(default=None, description="Adoption date as printed.")
    distribution: str | None = Field(default=None, description="'General', 'Limited' …")
    distributed: str | None = Field(default=None, description="Date on the 'Distr.' line.")
    session: str | None = Field(default=None, description="e.g. 'Fifty-eighth session'.")
    agenda_item: str | None = Field(default=None, description="e.g. '108' or '25 (b)'.")
    committee: str | None = Field(
        default=None,
        description="The bracketed line, e.g. '[on the report of the Third Committee (A/58/499)]'.",
    )
    original_language: str | None = Field(default=None)
    job_number: str | None = Field(default=None, description="The document-system job number, e.g. '06-57590'.")


SetAsideReason = Literal[
    "page-furniture",
    "separator",
    "document-system",
    "front-matter",
    "metadata",
    "sponsors",
    "star-note",
    "markup",
    "unassigned",
]


class SetAside(Model):
    """Text of the rendering that is not resolution text, kept so that nothing is silently dropped."""

    line: int = Field(description="1-based line number in the source.")
    text: str = Field(description="The text set aside, as it stood.")
    reason: SetAsideReason


class Document(Model):
    """A parsed resolution."""

    schema_version: str = SCHEMA_VERSION
    source: str | None = Field(default=None, description="File name the document was read from.")
    structured: bool = Field(
        default=True,
        description="False when no resolution structure was found and the text was read as plain paragraphs.",
    )
    symbol: str | None = Field(default=None, description="e.g. 'A/RES/58/137', printed or derived from the number.")
    number: str | None = Field(default=None, description="Resolution number as printed, e.g. '58/137'.")
    title: str | None = None
    body: str | None = Field(default=None, description="The author, e.g. 'The General Assembly'.")
    sponsors: list[str] = Field(default_factory=list)
    metadata: Metadata = Field(default_factory=Metadata)
    paragraphs: list[Paragraph] = Field(default_factory=list, description="Preambular then operative paragraphs.")
    annexes: list[Annex] = Field(default_factory=list)
    footnotes: list[Footnote] = Field(default_factory=list)
    closing: Closing | None = None
    warnings: list[str] = Field(default_factory=list, description="What the parser could not read with confidence.")
    set_aside: list[SetAside] = Field(default_factory=list, description="Furniture and metadata lines, not text.")

    @property
    def preamble(self) -> list[Paragraph]:
        return [p for p in self.paragraphs if p.kind == "preambular"]

    @property
    def operative(self) -> list[Paragraph]:
        return [p for p in self.paragraphs if p.kind == "operative"]

    def all_paragraphs(self) -> list[Paragraph]:
        """Top-level paragraphs of the resolution and of every annex, in reading order."""
        return [*self.paragraphs, *(p for annex in self.annexes for p in annex.paragraphs)]

    def walk(self) -> Iterator[Paragraph]:
        """Every paragraph and sub-paragraph in reading order."""
        for paragraph in self.all_paragraphs():
            yield from paragraph.walk()

    def find(self, paragraph_id: str) -> Paragraph | None:
        return next((p for p in self.walk() if p.id == paragraph_id), None)


# --- comparing two documents ---------------------------------------------------------------------------------

# 'moved-modified': moved and reworded, so that a rewrite is never hidden behind 'moved'.
ChangeKind = Literal["unchanged", "modified", "moved", "moved-modified", "split", "merged", "added", "dropped"]
CHANGE_KINDS: tuple[ChangeKind, ...] = (
    "unchanged",
    "modified",
    "moved",
    "moved-modified",
    "split",
    "merged",
    "added",
    "dropped",
)
MOVE_KINDS: tuple[ChangeKind, ...] = ("moved", "moved-modified")


class Edit(Model):
    """One word-level operation of a redline.

    The old text is every `equal` and `delete` text in order; the new text is every `equal` (its `new_text` when
    given) and `insert` text in order. `new_text` appears only where the two sides differ in typography (a
    non-breaking hyphen, curly quotes, spacing) or in case or punctuation that was ignored.
    """

    op: Literal["equal", "delete", "insert"]
    text: str
    new_text: str | None = Field(
        default=None, description="The new side of an `equal` that differs only in typography or ignored ways."
    )


class Change(Model):
    """What happened to one paragraph, or to the paragraphs of one split or merge."""

    kind: ChangeKind
    old: list[str] = Field(description="Ids in the old document (empty for `added`).")
    new: list[str] = Field(description="Ids in the new document (empty for `dropped`).")
    similarity: float = Field(description="0 to 1: how much of the text the two sides share (1: identical).")
    reworded: bool = Field(
        default=False,
        description="The words changed (true for modified, moved-modified, added and dropped; for a split or merge, "
        "whether its text changed besides being divided or joined).",
    )
    edits: list[Edit] = Field(
        default_factory=list,
        description="The word-level redline of the old side's text against the new side's (paragraphs of a split or "
        "merge joined by a space).",
    )


class BlockMove(Model):
    """Paragraphs that crossed together, in their order, from one part to another (a declaration taken out of the
    operative part into an annex): reported once, and within it only a real reorder is a move."""

    old_part: str = Field(description="The part they left: 'preamble', 'operative part' or 'annex'.")
    new_part: str = Field(description="The part they joined.")
    old: list[str] = Field(description="Their ids in the old document, in its order.")
    new: list[str] = Field(description="Their ids in the new document, in its order.")


class DocumentRef(Model):
    """Which document a comparison side is."""

    source: str | None = None
    symbol: str | None = None
    title: str | None = None
    adopted: str | None = None

    @classmethod
    def of(cls, doc: Document) -> DocumentRef:
        return cls(source=doc.source, symbol=doc.symbol, title=doc.title, adopted=doc.metadata.adopted)


class AlignOptions(Model):
    """How two documents are aligned and compared; the defaults are what `unres diff` uses."""

    # 0.5: F1 0.998 from 0.45 to 0.6 on benchmarks/REPORT.md's sweep; below it links are invented (0.35: precision
    # 0.995), and a rewrite that falls under it is still linked by the slot and left-over rules of the aligner.
    threshold: float = Field(default=0.5, ge=0, le=1, description="Least similarity for two paragraphs to be linked.")
    containment: float = Field(
        default=0.8,
        ge=0,
        le=1,
        description="Least share of a paragraph's words found inside another for a split or merge.",
    )
    ignore_case: bool = False
    ignore_punctuation: bool = False


class Alignment(Model):
    """Every paragraph of both documents in exactly one change, in the new document's order (dropped paragraphs
    where they used to be)."""

    schema_version: str = SCHEMA_VERSION
    old: DocumentRef
    new: DocumentRef
    options: AlignOptions
    changes: list[Change]
    counts: dict[str, int] = Field(description="Number of changes of each kind.")
    footnotes: list[Change] = Field(
        default_factory=list,
        description="The footnote texts aligned the same way (ids 'footnote 4'): renumbered footnotes are unchanged.",
    )
    title: Change | None = Field(
        default=None,
        description="The title's redline (ids 'title', kind 'modified') when both versions have a title and it "
        "changed, typography aside (a draft renamed on adoption); null when it did not.",
    )
    blocks: list[BlockMove] = Field(
        default_factory=list,
        description="Runs of paragraphs that moved together to another part; their changes are moves only where "
        "they were reordered within the run.",
    )
    amendments: list[Instruction] = Field(
        default_factory=list,
        description="The changes written as UN amendment instructions (`unres diff --format json` fills it; empty "
        "otherwise): applied in order to the old document they give the new one.",
    )

    @property
    def identical(self) -> bool:
        """True when the texts are the same: no change other than `unchanged` (renumbering is not a change), in
        the paragraphs, in the footnotes or in the title."""
        return (
            self.title is None
            and not self.blocks
            and all(change.kind == "unchanged" for change in [*self.changes, *self.footnotes])
        )


# --- amendments ----------------------------------------------------------------------------------------------

InstructionKind = Literal[
    "replace",
    "insert_words",
    "delete_words",
    "insert_paragraph",
    "delete_paragraph",
    "replace_paragraph",
    "replace_throughout",
    "title",
    "unknown",
]
InstructionStatus = Literal["applied", "already", "not_applied"]


class Instruction(Model):
    """One numbered instruction of an amendment, in the UN's fixed language, and (once applied) what became of it."""

    n: int = Field(description="The instruction's number in its amendment (1 when the amendment has only one).")
    text: str = Field(description="The instruction as worded, without the paragraphs it quotes.")
    kind: InstructionKind = Field(description="What it does; 'unknown': wording unres cannot read.")
    targets: list[str] = Field(
        default_factory=list,
        description="Where, in the draft's ORIGINAL numbering: paragraph ids ('PP5', 'OP3(b)', 'ANNEX-2', 'P4'), "
        "'title', or for a throughout replacement and an insertion at the end of a part the parts ('preambular', "
        "'operative').",
    )
    quote: str | None = Field(
        default=None, description="The words looked for: those replaced or deleted, or those an insertion follows."
    )
    words: str | None = Field(default=None, description="The new words: the replacement, the insertion, the title.")
    where: Literal["after", "before", "end"] | None = Field(
        default=None, description="For insertions: after or before the quote or paragraph, or at the end of a part."
    )
    paragraphs: list[str] = Field(
        default_factory=list,
        description="Paragraph texts the instruction quotes: those inserted or replacing, or the one deleted "
        "('reading: …'); sub-paragraphs on lines of their own, '(a) …'.",
    )
    amendment: str | None = Field(default=None, description="The amendment it belongs to (symbol or file name).")
    status: InstructionStatus | None = Field(
        default=None,
        description="After applying: 'applied'; 'already' (the draft already read so: nothing to do); "
        "'not_applied' (see `message`). Null when not applied yet.",
    )
    message: str | None = Field(default=None, description="Why it could not apply, or what it did of note.")
    deleted: list[str] = Field(
        default_factory=list, description="After applying: the ids, in the draft, of the paragraphs it deleted."
    )
    changed: list[str] = Field(
        default_factory=list,
        description="After applying: the ids, in the amended document, of the paragraphs it changed or inserted "
        "('title' for the title); empty for a deletion.",
    )
    warnings: list[str] = Field(
        default_factory=list, description="Seams the literal result leaves ('Welcomes of', a doubled comma)."
    )


class Amendment(Model):
    """An amendment document read into its instructions."""

    schema_version: str = SCHEMA_VERSION
    source: str | None = Field(default=None, description="File name the amendment was read from.")
    symbol: str | None = Field(default=None, description="The amendment's own symbol, e.g. 'A/80/L.28'.")
    target: str | None = Field(default=None, description="The draft it amends, e.g. 'A/80/L.3'.")
    sponsors: list[str] = Field(default_factory=list)
    title: str | None = Field(default=None, description="The draft's title as the amendment prints it.")
    instructions: list[Instruction] = Field(default_factory=list)
    set_aside: list[SetAside] = Field(default_factory=list, description="Header, furniture, sponsor note: not text.")


class AmendedDocument(Model):
    """A draft with amendments applied: `unres amend --format json`."""

    schema_version: str = SCHEMA_VERSION
    document: Document = Field(description="The draft as amended, renumbered, as `unres parse --format json`.")
    instructions: list[Instruction] = Field(description="Every instruction of every amendment, in order, with status.")
    partial: bool = Field(description="True when some instruction could not be applied.")
    warnings: list[str] = Field(default_factory=list, description="Seams and doubts, each naming its instruction.")


# --- the comparison every diff renderer shows ----------------------------------------------------------------------
# The view (`--only`, `--all`, `--context`, `--summary`) is applied here, once, so that the terminal, Markdown, JSON and
# HTML show the same changes: each renderer reads `Comparison.entries` instead of filtering the alignment its own way.


class ViewOptions(Model):
    """Which changes a rendering shows and how much of their unchanged text."""

    show_all: bool = Field(default=False, description="Unchanged paragraphs are shown, not folded.")
    only: list[ChangeKind] | None = Field(default=None, description="Only changes of these kinds are shown.")
    context: int | None = Field(
        default=None, ge=0, description="Words of unchanged text kept around each change (None: all of it)."
    )
    summary_only: bool = Field(default=False, description="Only the counts: no change is shown.")

    def shows(self, change: Change) -> bool:
        """Is the change shown?"""
        return self.shows_kind(change.kind)

    def shows_kind(self, kind: str) -> bool:
        """Are changes of this kind shown?"""
        if self.summary_only:
            return False
        if self.only is not None:
            return kind in self.only
        return self.show_all or kind != "unchanged"

    def folds(self, change: Change) -> bool:
        """Is the change an unchanged paragraph left out but counted ('… 8 unchanged'), rather than left out by
        `--only` or `--summary`?"""
        return change.kind == "unchanged" and not self.shows(change) and self.only is None and not self.summary_only


@dataclass(frozen=True)
class Folded:
    """Unchanged paragraphs not shown, between two that are: a reading format says how many ('… 8 unchanged'), a
    data format (JSON) lists them, since it has no folding."""

    changes: tuple[Change, ...]

    @property
    def count(self) -> int:
        return len(self.changes)


@dataclass(frozen=True)
class Comparison:
    """Two versions, their alignment and the view: what every diff renderer renders, and nothing else."""

    old: Document
    new: Document
    alignment: Alignment
    view: ViewOptions

    @cached_property
    def entries(self) -> list[Change | Folded]:
        """The paragraph changes shown, in the new version's order, with runs of unchanged paragraphs folded. A
        change left out by `--only` is not folded but gone: the reader asked not to see it."""
        entries: list[Change | Folded] = []
        folded: list[Change] = []
        for change in self.alignment.changes:
            if self.view.shows(change):
                if folded:
                    entries.append(Folded(tuple(folded)))
                    folded = []
                entries.append(change)
            elif self.view.folds(change):
                folded.append(change)
        if folded:
            entries.append(Folded(tuple(folded)))
        return entries

    @cached_property
    def changes(self) -> list[Change]:
        """The paragraph changes shown."""
        return [entry for entry in self.entries if isinstance(entry, Change)]

    @cached_property
    def footnotes(self) -> list[Change]:
        """The footnote changes shown, selected by the same view."""
        return [change for change in self.alignment.footnotes if self.view.shows(change)]

    @property
    def title(self) -> Change | None:
        """The title's redline when the title changed (shown whatever the view but --summary: it names the
        document)."""
        return self.alignment.title

    def shown(self) -> Alignment:
        """The alignment as a data format shows the view: the changes shown and the unchanged ones folded among
        them, the footnote changes shown; counts, title and amendments of the whole."""
        listed = [
            change for entry in self.entries for change in (entry.changes if isinstance(entry, Folded) else (entry,))
        ]
        footnotes = [c for c in self.alignment.footnotes if self.view.shows(c) or self.view.folds(c)]
        return self.alignment.model_copy(update={"changes": listed, "footnotes": footnotes})


# --- transcription agreement -----------------------------------------------------------------------------------

DifferenceKind = Literal[
    "text", "missing", "extra", "split", "merged", "moved", "numbering", "count", "structure", "footnotes", "references"
]


class CheckProfile(Model):
    """What `unres check` treats as rendering rather than text. Line wraps, indentation, page furniture, footnote-mark
    style and markup are always layout (the parser removes them); these rules can each be turned off."""

    whitespace: bool = Field(default=True, description="Runs of spaces, tabs and line breaks count as one space.")
    quotes: bool = Field(default=True, description="Typographic quotes (‘ ’ “ ”) are the straight ones (' \").")
    dashes: bool = Field(default=True, description="Hyphen and dash variants (‐ ‑ ‒ – — ―) are a hyphen-minus.")
    unicode: bool = Field(
        default=True,
        description="Unicode compatibility forms are folded (NFKC): ligatures, full-width letters, other compatibility "
        "characters. (No-break spaces and soft hyphens are always layout: the parser folds them.)",
    )


class Excerpt(Model):
    """What one rendering says where it disagrees: a few words of context, the differing characters located, so that
    a reader sees the one changed comma without hunting for it."""

    text: str = Field(description="The differing stretch with a few words either side ('…' where cut), as compared.")
    highlights: list[tuple[int, int]] = Field(
        default_factory=list,
        description="[start, end) character ranges of `text` that differ from the other rendering; an empty range "
        "marks where the other rendering has something this one lacks.",
    )


class Difference(Model):
    """One place where a rendering disagrees with the first."""

    file: str = Field(description="The rendering that disagrees with the first one.")
    where: str = Field(
        description="A paragraph id ('PP1', 'OP3(b)'), or 'number', 'title', 'body', 'closing', 'footnote 4', "
        "'footnotes', 'structure'."
    )
    kind: DifferenceKind = Field(
        description="'text': words or punctuation differ; the rest are structural: a paragraph 'missing' from this "
        "rendering or 'extra' in it, 'split', 'merged' or 'moved', 'numbering' (labels), 'count' (sub-paragraphs), "
        "'structure' (no resolution structure), 'footnotes' (footnote texts present on one side only), "
        "'references' (footnote marks)."
    )
    first: Excerpt | None = Field(default=None, description="What the first rendering says there.")
    other: Excerpt | None = Field(default=None, description="What this rendering says there.")
    detail: str = Field(description="The disagreement in one line.")
    line: int | None = Field(default=None, description="Where the paragraph starts in this rendering, if known.")


class CheckReport(Model):
    """The verdict of `unres check`: do the renderings carry the same text?"""

    schema_version: str = SCHEMA_VERSION
    files: list[str] = Field(description="The renderings compared; every one after the first is checked against it.")
    profile: CheckProfile
    agree: bool
    differences: list[Difference] = Field(default_factory=list)


# --- lineage across versions -------------------------------------------------------------------------------------


class LineageDocument(Model):
    """One version in a lineage, oldest first."""

    index: int = Field(description="Position in `documents`, 0 for the oldest.")
    source: str | None = Field(default=None, description="File name the version was read from.")
    symbol: str | None = Field(default=None, description="e.g. 'A/RES/58/137'.")
    title: str | None = None
    date: str | None = Field(
        default=None, description="The version's own date as printed: adoption, else the closing line, else 'Distr.'."
    )
    paragraphs: list[str] = Field(
        default_factory=list, description="Ids of the version's top-level paragraphs, in reading order: the nodes."
    )


class ParagraphRef(Model):
    """A paragraph of one version: a node of the lineage graph."""

    document: int = Field(description="Index of the version in `documents`.")
    id: str = Field(description="The paragraph's id in that version ('PP16', 'OP1').")


class LineageLink(Model):
    """An edge of the lineage graph: the paragraph `from` (earlier) became the paragraph `to` (later)."""

    model_config = ConfigDict(extra="forbid", populate_by_name=True, serialize_by_alias=True)

    from_: ParagraphRef = Field(alias="from", description="The earlier paragraph.")
    to: ParagraphRef = Field(description="The later paragraph: in the next version, or further on when it came back.")
    kind: ChangeKind = Field(
        description="unchanged, modified, moved, split or merged, as `unres diff` of the two versions says (for a "
        "paragraph that came back, as the diff of the paragraphs that left and those that arrived says)."
    )
    similarity: float = Field(description="0 to 1, as in a diff's change.")


class Lineage(Model):
    """How paragraphs travelled through a chain of versions."""

    schema_version: str = SCHEMA_VERSION
    documents: list[LineageDocument] = Field(description="The versions, oldest first.")
    links: list[LineageLink] = Field(
        description="Every edge, by earlier version, then later version, then reading order of the later paragraph."
    )
    lookback: int = Field(description="How many versions ahead a paragraph that left was looked for.")


class LineageCell(Model):
    """A paragraph's id in one version of the lineage table, and how it changed on the way to the next version."""

    id: str = Field(description="The id there ('OP4'), or ids joined by '+' when it came from several.")
    kind: ChangeKind


class LineageStep(Model):
    """One earlier appearance of a paragraph, with the change that led from it to its next appearance."""

    document: int = Field(description="Index of the version.")
    ids: list[str] = Field(description="Its id(s) in that version (several when it was merged from them).")
    change: Change = Field(description="From these ids to the next appearance, with the word-level redline.")


class BlameEntry(Model):
    """A paragraph of the newest version, or one sentence or sub-paragraph of it, and where its wording began."""

    paragraph: str = Field(description="Id of the top-level paragraph in the newest version.")
    text: str = Field(description="The paragraph, sentence or sub-paragraph as it reads now.")
    since: int = Field(description="Index of the version where this wording first appeared.")
