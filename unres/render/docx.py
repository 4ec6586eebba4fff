"""The redline as a Word document whose every change is a native tracked change (a revision).

The new version is laid out as a resolution — symbol, title, author line, preambular paragraphs with the opening
phrase in italics, operative paragraphs and sub-paragraphs numbered by Word's automatic numbering, closing, annexes,
footnotes as Word footnotes — and the old version is folded in as revisions: `w:del`/`w:ins` for words and paragraphs,
`w:moveFrom`/`w:moveTo` pairs for paragraphs that moved, `w:pPrChange`/`w:rPrChange` where a paragraph kept its text
but not its place in the structure or a word its italics. Accepting every revision gives the new version, rejecting
every one the old. Numbers are Word's list numbers and footnote numbers are Word's own, so renumbering is never a
revision. Output is byte for byte the same for the same inputs, author and date (SOURCE_DATE_EPOCH).

How: every item (a change of the Alignment, or the symbol, title, author line, closing, an annex heading) becomes its
units — one Word paragraph each: a paragraph's chapeau and each sub-paragraph — and both sides' units are joined with
a separator character that the word diff (`unres.redline`) treats as a word. A separator kept, deleted or inserted
is a paragraph mark kept, deleted or inserted, which is how Word joins and splits paragraphs under revision.
Footnote marks are single placeholder characters in the text, so a mark kept, added or dropped is a footnote
reference kept, inserted or deleted.
"""

from __future__ import annotations

import os
import re
import zipfile
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from io import BytesIO
from typing import Any, Literal

from unres.models import MOVE_KINDS, Alignment, Change, Document, Paragraph
from unres.redline import redline, tokens

_W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
_SEP = "\ue000"  # a paragraph mark, inside the joined text of an item's units
_NOTE = 0xE100  # footnote identity k is the character chr(_NOTE + k)
_FOOTNOTES_TYPE = "application/vnd.openxmlformats-officedocument.wordprocessingml.footnotes+xml"

Op = Literal["equal", "delete", "insert"]
Mode = Literal["inplace", "move_to", "move_from"]

# Paragraph styles: (style id, name, paragraph properties XML, run properties XML), each in the schema's order
_STYLES = [
    ("UNSymbol", "UN Symbol", '<w:spacing w:after="240"/><w:jc w:val="right"/>', ""),
    ("UNTitle", "UN Title", '<w:keepNext/><w:spacing w:before="240" w:after="240"/><w:ind w:left="1247"/>', "<w:b/>"),
    ("UNAuthor", "UN Author", '<w:spacing w:after="120"/><w:ind w:firstLine="624"/>', ""),
    ("UNPreambular", "UN Preambular", '<w:spacing w:after="120"/><w:ind w:firstLine="624"/><w:jc w:val="both"/>', ""),
    ("UNOperative", "UN Operative", '<w:spacing w:after="120"/><w:ind w:firstLine="624"/><w:jc w:val="both"/>', ""),
    (
        "UNSubparagraph",
        "UN Subparagraph",
        '<w:spacing w:after="120"/><w:ind w:firstLine="1247"/><w:jc w:val="both"/>',
        "",
    ),
    ("UNClosing", "UN Closing", '<w:spacing w:before="240"/><w:jc w:val="right"/>', "<w:i/>"),
    ("UNAnnexHeading", "UN Annex Heading", '<w:keepNext/><w:pageBreakBefore/><w:spacing w:after="240"/>', "<w:b/>"),
    (
        "UNFootnoteText",
        "UN Footnote Text",
        '<w:spacing w:after="0"/><w:ind w:left="624" w:hanging="312"/>',
        '<w:sz w:val="18"/>',
    ),
]
# Word's list numbers, as UN resolutions print them: 3. (b) (ii)
_LEVELS = [("decimal", "%1.", 624), ("lowerLetter", "(%2)", 1247), ("lowerRoman", "(%3)", 1871)]
_LIST_BASE = 100  # ids of our numbering definitions, clear of the template's
_PAIRED = 0.5  # least similarity for two units (paragraphs, sub-paragraphs) of one change to be redlined as a pair


def revision_date() -> datetime:
    """When the revisions were made: SOURCE_DATE_EPOCH when set (reproducible builds), else now; whole seconds."""
    epoch = os.environ.get("SOURCE_DATE_EPOCH")
    if epoch is not None and epoch.strip().isdigit():
        return datetime.fromtimestamp(int(epoch), UTC)
    return datetime.now(UTC).replace(microsecond=0)


@dataclass(frozen=True)
class _Props:
    """A Word paragraph's properties: its style and, for a numbered paragraph, its list and level."""

    style: str
    list_key: str | None = None
    level: int = 0


@dataclass
class _Unit:
    """One Word paragraph of one side: its text (footnote marks as placeholders) and which characters are italic."""

    text: str
    italic: list[bool]
    props: _Props


@dataclass
class _Item:
    """What is laid out at one place: old units turning into new units, in place or as one end of a move."""

    old: list[_Unit]
    new: list[_Unit]
    mode: Mode = "inplace"
    move: str | None = None  # the w:name pairing the two ends of a move


@dataclass
class _Piece:
    op: Op
    char_kind: Literal["text", "mark", "note"]
    text: str = ""
    italic: bool = False
    old_italic: bool = False


@dataclass
class _Notes:
    """Footnote identities: one Word footnote for a footnote of either version (one of each when they are aligned)."""

    old: dict[str, int] = field(default_factory=dict)
    new: dict[str, int] = field(default_factory=dict)
    texts: dict[int, tuple[str | None, str | None]] = field(default_factory=dict)

    def add(self, old_mark: str | None, new_mark: str | None, old_text: str | None, new_text: str | None) -> None:
        identity = len(self.texts) + 1
        if old_mark is not None:
            self.old[old_mark] = identity
        if new_mark is not None:
            self.new[new_mark] = identity
        self.texts[identity] = (old_text, new_text)


def diff_docx(
    alignment: Alignment, old: Document, new: Document, *, author: str = "unres", date: datetime | None = None
) -> bytes:
    """The redline of `old` → `new` as a .docx file whose changes are Word revisions by `author` at `date` (default:
    `revision_date()`)."""
    return _Writer(author, date or revision_date()).write(alignment, old, new)


class _Writer:
    def __init__(self, author: str, date: datetime) -> None:
        self.author = _xml_safe(author) or "unres"
        self.date = date.astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%SZ")
        # LibreOffice joins two revisions of one kind, author and minute that meet across a paragraph mark into one,
        # mark included, so that rejecting (accepting) the pair would join the paragraphs too (or, for two moves,
        # leave an empty paragraph). Where a paragraph ends with the kind of revision the next begins with, the next
        # one's revisions are dated two minutes apart.
        self.dates = (self.date, (date.astimezone(UTC) + timedelta(minutes=2)).strftime("%Y-%m-%dT%H:%M:%SZ"))
        self.late = False
        # The revision the last paragraph's text ended with, where its mark is plain or it is part of a move, and what
        # it belonged to: a move (whose paragraphs LibreOffice may join into one revision) or that paragraph alone.
        self.tail: tuple[str | None, str] | None = None
        self.paragraph_count = 0
        self.next_id = 1
        self.moves = 0
        self.lists: dict[str, int] = {}
        self.references: list[tuple[int, str, Any]] = []  # (footnote, 'old', 'new' or 'both', the reference)

    # --- the document -------------------------------------------------------------------------------------------

    def write(self, alignment: Alignment, old: Document, new: Document) -> bytes:
        import docx
        from docx.shared import Pt

        notes = _footnote_identities(alignment, old, new)
        items = _items(alignment, old, new, notes, self._move_name)
        document = docx.Document()
        normal = document.styles["Normal"]
        normal.font.name = "Times New Roman"
        normal.font.size = Pt(12)
        _add_styles(document)
        body = document.element.body
        for paragraph in list(body.iterchildren(_q("p"))):
            body.remove(paragraph)
        section_properties = body.find(_q("sectPr"))
        for item in items:
            for paragraph in self._paragraphs(item):
                section_properties.addprevious(paragraph)
        self._numbering(document)
        self._footnotes(document, notes)
        properties = document.core_properties
        when = datetime.strptime(self.date, "%Y-%m-%dT%H:%M:%SZ").replace(tzinfo=UTC)
        properties.author = properties.last_modified_by = self.author
        properties.title = _xml_safe(new.title or old.title or "Redline")
        properties.created = properties.modified = when
        properties.revision = 1
        properties.comments = ""
        properties.keywords = ""
        package_relationships = document.part.package.rels
        for key, relationship in list(package_relationships.items()):
            if relationship.reltype.endswith("/thumbnail"):  # the template's picture of a blank page
                package_relationships.pop(key)
        buffer = BytesIO()
        document.save(buffer)
        return _reproducible_zip(buffer.getvalue(), when)

    def _move_name(self) -> str:
        self.moves += 1
        return f"move{self.moves}"

    def _revision(self, tag: str) -> Any:
        element = _el(tag, id=str(self.next_id), author=self.author, date=self.dates[self.late])
        self.next_id += 1
        return element

    # --- one item: its Word paragraphs ---------------------------------------------------------------------------

    def _paragraphs(self, item: _Item) -> list[Any]:
        """The item's Word paragraphs: text runs under revisions, a mark for each, the move range around a move."""
        paragraphs: list[Any] = []
        current: list[_Piece] = []
        old_index = new_index = 0
        for piece in _pieces(item):
            if piece.char_kind != "mark":
                current.append(piece)
                continue
            props, before = self._mark_props(item, piece.op, old_index, new_index)
            paragraphs.append(self._paragraph(item, current, piece.op, props, before))
            current = []
            old_index += piece.op != "insert"
            new_index += piece.op != "delete"
        last_op: Op = "equal" if item.old and item.new else "insert" if item.new else "delete"
        if item.mode == "move_to":
            last_op = "equal"
        props, before = self._mark_props(item, last_op, old_index, new_index)
        paragraphs.append(self._paragraph(item, current, last_op, props, before))
        if item.mode != "inplace" and item.move is not None:
            side = "moveFrom" if item.mode == "move_from" else "moveTo"
            start = self._revision(f"{side}RangeStart")
            start.set(_q("name"), item.move)
            first_properties = paragraphs[0].find(_q("pPr"))
            first_properties.addnext(start)
            paragraphs[-1].append(_el(f"{side}RangeEnd", id=start.get(_q("id"))))
        return paragraphs

    def _mark_props(self, item: _Item, op: Op, old_index: int, new_index: int) -> tuple[_Props, _Props | None]:
        """A mark kept has the new unit's properties (and the old unit's as the change, where they differ); a mark
        deleted the old unit's; a mark inserted the new unit's."""
        if item.mode == "move_from" or op == "delete":
            return item.old[min(old_index, len(item.old) - 1)].props, None
        props = item.new[min(new_index, len(item.new) - 1)].props
        if op == "equal" and item.mode == "inplace":
            before = item.old[min(old_index, len(item.old) - 1)].props
            return props, None if _same_layout(before, props) else before
        return props, None

    def _paragraph(self, item: _Item, pieces: list[_Piece], mark_op: Op, props: _Props, before: _Props | None) -> Any:
        paragraph = _el("p")
        properties = self._properties(props)
        mark = self._revision_tag(item, mark_op, mark=True)
        self.paragraph_count += 1
        group = item.move or f"paragraph {self.paragraph_count}"
        first = self._revision_tag(item, pieces[0].op) if pieces else None
        if self.tail is not None and first is not None and self.tail[0] == first and self.tail[1] != group:
            self.late = not self.late
        last = self._revision_tag(item, pieces[-1].op) if pieces else None
        self.tail = (last, group) if mark is None or item.move else None
        if mark is not None:
            properties.append(_el("rPr", self._revision(mark)))
        if before is not None:
            change = self._revision("pPrChange")
            old_properties = self._properties(before)
            change.append(old_properties)
            properties.append(change)
        paragraph.append(properties)
        wrapper: Any = None
        wrapper_tag: str | None = None
        for piece in pieces:
            tag = self._revision_tag(item, piece.op)
            run = self._run(piece, tag in ("del", "moveFrom"))
            if piece.char_kind == "note":
                side = "both" if tag is None else "old" if tag in ("del", "moveFrom") else "new"
                self.references.append((ord(piece.text) - _NOTE, side, run.find(_q("footnoteReference"))))
            if tag is None:
                paragraph.append(run)
                wrapper_tag = None
                continue
            if tag != wrapper_tag:
                wrapper, wrapper_tag = self._revision(tag), tag
                paragraph.append(wrapper)
            wrapper.append(run)
        return paragraph

    @staticmethod
    def _revision_tag(item: _Item, op: Op, mark: bool = False) -> str | None:
        """The revision text (or a paragraph mark) of an operation is under. A moved paragraph's text is moved
        (moveFrom, moveTo), its mark deleted there and inserted here: the same for Word, and LibreOffice, which
        leaves an empty paragraph where it rejects a moved mark, removes an inserted one."""
        if item.mode == "move_from":
            return "del" if mark else "moveFrom"
        if item.mode == "move_to":
            return "moveTo" if op == "equal" and not mark else "ins"
        return {"equal": None, "delete": "del", "insert": "ins"}[op]

    def _properties(self, props: _Props) -> Any:
        properties = _el("pPr", _el("pStyle", val=props.style))
        if props.list_key is not None:
            number = _el("numPr", _el("ilvl", val=str(props.level)), _el("numId", val=str(self._list(props.list_key))))
            properties.append(number)
        return properties

    def _list(self, key: str) -> int:
        """One Word list (w:num) for each key, numbered from 1: the operative part, each annex, the sub-paragraphs
        of each preambular paragraph."""
        if key not in self.lists:
            self.lists[key] = _LIST_BASE + len(self.lists)
        return self.lists[key]

    def _run(self, piece: _Piece, deleted: bool) -> Any:
        run = _el("r")
        if piece.char_kind == "note":
            run.append(_el("rPr", _el("rStyle", val="FootnoteReference"), _el("vertAlign", val="superscript")))
            run.append(_el("footnoteReference", id=str(ord(piece.text) - _NOTE)))
            return run
        if piece.italic or piece.old_italic != piece.italic:
            properties = _el("rPr")
            if piece.italic:
                properties.append(_el("i"))
            if piece.old_italic != piece.italic:
                change = self._revision("rPrChange")
                change.append(_el("rPr", *([_el("i")] if piece.old_italic else [])))
                properties.append(change)
            run.append(properties)
        text = _el("delText" if deleted else "t")
        text.text = _xml_safe(piece.text)
        text.set("{http://www.w3.org/XML/1998/namespace}space", "preserve")
        run.append(text)
        return run

    # --- parts: numbering and footnotes --------------------------------------------------------------------------

    def _numbering(self, document: Any) -> None:
        numbering = document.part.numbering_part.element
        abstract = _el("abstractNum", abstractNumId=str(_LIST_BASE))
        abstract.append(_el("multiLevelType", val="multilevel"))
        for level, (kind, text, indent) in enumerate(_LEVELS):
            abstract.append(
                _el(
                    "lvl",
                    _el("start", val="1"),
                    _el("numFmt", val=kind),
                    _el("lvlText", val=text),
                    _el("lvlJc", val="left"),
                    _el(
                        "pPr",
                        _el("tabs", _el("tab", val="num", pos=str(indent + 624))),
                        _el("ind", firstLine=str(indent)),
                    ),
                    ilvl=str(level),
                )
            )
        existing = numbering.find(_q("num"))
        if existing is not None:
            existing.addprevious(abstract)
        else:
            numbering.append(abstract)
        for number in self.lists.values():
            instance = _el("num", _el("abstractNumId", val=str(_LIST_BASE)), numId=str(number))
            for level in range(len(_LEVELS)):
                instance.append(_el("lvlOverride", _el("startOverride", val="1"), ilvl=str(level)))
            numbering.append(instance)

    def _cross_references(self) -> None:
        """A footnote referred to again (one version cites footnote 4 in two paragraphs): Word gives a footnote one
        reference, so the others become NOTEREF fields to a bookmark on the first, which Word prints as the same
        number. Where the first reference is not the same in both readings (deleted in one place, kept in a later
        one), the references stay as they are."""
        by_note: dict[str, list[tuple[str, Any]]] = {}
        for _, side, reference in self.references:
            by_note.setdefault(reference.get(_q("id")), []).append((side, reference))
        everywhere = [reference for _, _, reference in self.references]
        for note_id, found in by_note.items():
            if len(found) < 2:
                continue
            sides = {side for side, _ in found}
            if found[0][0] != "both" and len(sides) > 1:
                continue  # the first reference differs between the readings: both stay references to the footnote
            kept = found[0][1]
            name = f"_RefFootnote{note_id}"
            run = kept.getparent()
            run.addprevious(_el("bookmarkStart", id=str(self.next_id), name=name))
            run.addnext(_el("bookmarkEnd", id=str(self.next_id)))
            self.next_id += 1
            number = str(everywhere.index(kept) + 1)
            for _, reference in found:
                if reference is not kept:
                    _note_reference_field(reference.getparent(), name, number)

    def _footnote(self, identity: int, notes: _Notes) -> Any:
        """A footnote: its mark, then its text redlined (old text to new; inserted or deleted whole when the footnote
        is new or gone)."""
        old_text, new_text = notes.texts[identity]
        old_units = [_plain(old_text, "UNFootnoteText")] if old_text is not None else []
        new_units = [_plain(new_text, "UNFootnoteText")] if new_text is not None else []
        if old_units or new_units:
            paragraphs = self._paragraphs(_Item(old_units, new_units))
            # The note's last paragraph mark stays whatever its text: the note comes and goes with its reference
            # (LibreOffice, rejecting an inserted last mark of a note, joins the paragraph that refers to it).
            last_mark = paragraphs[-1].find(f"{_q('pPr')}/{_q('rPr')}")
            if last_mark is not None:
                last_mark.getparent().remove(last_mark)
        else:  # a mark whose footnote text the rendering lacks
            paragraphs = [_el("p", _el("pPr", _el("pStyle", val="UNFootnoteText")))]
        reference = _el("r", _el("rPr", _el("rStyle", val="FootnoteReference"), _el("vertAlign", val="superscript")))
        reference.append(_el("footnoteRef"))
        paragraphs[0].find(_q("pPr")).addnext(reference)
        reference.addnext(_el("r", _text_el(" ")))
        return _el("footnote", *paragraphs)  # its id: in order of reference, see _footnotes

    def _footnotes(self, document: Any, notes: _Notes) -> None:
        from docx.opc.constants import RELATIONSHIP_TYPE
        from docx.opc.packuri import PackURI
        from docx.opc.part import Part
        from lxml import etree

        root = _el("footnotes")
        root.append(_el("footnote", _el("p", _el("r", _el("separator"))), type="separator", id="-1"))
        root.append(
            _el("footnote", _el("p", _el("r", _el("continuationSeparator"))), type="continuationSeparator", id="0")
        )
        footnotes = {identity: self._footnote(identity, notes) for identity in notes.texts}
        # Word refers to a footnote once: where a footnote's reference is deleted in one place and inserted in another
        # (a moved paragraph, a reworded one), the inserted reference gets a copy of the footnote of its own.
        sides: dict[int, set[str]] = {}
        for identity, side, _ in self.references:
            sides.setdefault(identity, set()).add(side)
        for identity in [i for i in notes.texts if {"old", "new"} <= sides.get(i, set())]:
            copy = len(footnotes) + 1
            footnotes[copy] = self._footnote(identity, notes)
            for found, side, reference in self.references:
                if found == identity and side == "new":
                    reference.set(_q("id"), str(copy))
        # Footnote ids in order of reference (LibreOffice pairs footnotes with references in that order); a footnote
        # no paragraph refers to comes last.
        order: dict[int, int] = {}
        for _, _, reference in self.references:
            order.setdefault(int(reference.get(_q("id"))), len(order) + 1)
        for identity in footnotes:
            order.setdefault(identity, len(order) + 1)
        for _, _, reference in self.references:
            reference.set(_q("id"), str(order[int(reference.get(_q("id")))]))
        for identity, number in sorted(order.items(), key=lambda pair: pair[1]):
            footnotes[identity].set(_q("id"), str(number))
            root.append(footnotes[identity])
        self._cross_references()
        blob = etree.tostring(root, xml_declaration=True, encoding="UTF-8", standalone=True)
        part = Part(PackURI("/word/footnotes.xml"), _FOOTNOTES_TYPE, blob, document.part.package)
        document.part.relate_to(part, RELATIONSHIP_TYPE.FOOTNOTES)


# --- the items, in order ---------------------------------------------------------------------------------------


def _items(
    alignment: Alignment, old: Document, new: Document, notes: _Notes, move_name: Callable[[], str]
) -> list[_Item]:
    """Every item once, laid out so that reading the new side gives the new version in order and reading the old side
    the old version in order: items whose old text stands in old order (the longest such run) are edited in place;
    a paragraph that moved is a move, its old text where it used to be; the rest is deleted in one place, inserted
    in the other."""
    old_elements = _elements(old, "old", notes)
    new_elements = _elements(new, "new", notes)
    old_order = {key: index for index, (key, _) in enumerate(old_elements)}
    old_units = dict(old_elements)
    new_units = dict(new_elements)
    by_new: dict[str, Change] = {}
    for change in alignment.changes:
        for new_id in change.new:
            by_new[new_id] = change
    # (old keys, new keys, may stay in place) in the new version's order
    placed: list[tuple[list[str], list[str], bool]] = []
    seen: set[int] = set()
    new_order = {key: index for index, (key, _) in enumerate(new_elements)}
    for key, _ in new_elements:
        found = by_new.get(key)
        if found is None:
            placed.append(([key] if key in old_units else [], [key], True))
        elif not _consecutive([new_order[k] for k in found.new if k in new_order]):
            placed.append(([], [key], False))  # split to scattered places: each part inserted, the old text deleted
        elif id(found) not in seen:
            change = found
            seen.add(id(change))
            old_keys = [k for k in change.old if k in old_units]
            consecutive = _consecutive([old_order[k] for k in old_keys])
            new_keys = [k for k in change.new if k in new_units]
            placed.append((old_keys, new_keys, change.kind not in MOVE_KINDS and consecutive))
    used_old = {key for old_keys, _, _ in placed for key in old_keys}
    loose = [key for key, _ in old_elements if key not in used_old]  # dropped: deleted where they stood
    in_place = _longest_increasing(
        [
            (index, min(old_order[k] for k in keys) if keys and ok else None)
            for index, (keys, _, ok) in enumerate(placed)
        ]
    )

    sequence: list[tuple[int, _Item]] = []  # (old position an old-only item stands after, item)
    after: dict[int, list[tuple[int, _Item]]] = {}
    anchors: list[tuple[int, int]] = []  # (last old position of an in-place item, its index in `sequence`)
    displaced: list[tuple[int, _Item]] = []
    for index, (old_keys, new_keys, _) in enumerate(placed):
        old_side = [unit for key in sorted(old_keys, key=old_order.__getitem__) for unit in old_units[key]]
        new_side = [unit for key in new_keys for unit in new_units[key]]
        if index in in_place or not old_keys:
            sequence.append((index, _Item(old_side, new_side)))
            if index in in_place:
                anchors.append((max(old_order[k] for k in old_keys), len(sequence) - 1))
        elif len(old_keys) == 1:
            name = move_name()
            sequence.append((index, _Item(old_side, new_side, "move_to", name)))
            displaced.append((old_order[old_keys[0]], _Item(old_side, [], "move_from", name)))
        else:
            sequence.append((index, _Item([], new_side)))
            displaced += [(old_order[key], _Item(old_units[key], [])) for key in old_keys]
    displaced += [(old_order[key], _Item(old_units[key], [])) for key in loose]
    for position, item in sorted(displaced, key=lambda pair: pair[0]):
        anchor = max((at for last, at in anchors if last < position), default=-1)
        after.setdefault(anchor, []).append((position, item))
    items = [item for _, item in after.get(-1, [])]
    for at, (_, item) in enumerate(sequence):
        items.append(item)
        items += [displaced_item for _, displaced_item in after.get(at, [])]
    return items


def _consecutive(positions: list[int]) -> bool:
    """Whether the positions are one unbroken run (in any order)."""
    return bool(positions) and max(positions) - min(positions) + 1 == len(set(positions))


def _longest_increasing(values: list[tuple[int, int | None]]) -> set[int]:
    """The indices of the longest strictly increasing run of values (None values take no part); the earliest such
    run on ties, so the layout is the same every time."""
    indices = [index for index, value in values if value is not None]
    numbers = {index: value for index, value in values if value is not None}
    best: dict[int, tuple[int, int | None]] = {}  # index -> (length, previous index)
    for position, index in enumerate(indices):
        length, previous = 1, None
        for earlier in indices[:position]:
            if numbers[earlier] < numbers[index] and best[earlier][0] + 1 > length:
                length, previous = best[earlier][0] + 1, earlier
        best[index] = (length, previous)
    if not best:
        return set()
    top = max(best.values(), key=lambda entry: entry[0])[0]
    end: int | None = next(index for index in indices if best[index][0] == top)
    chosen: set[int] = set()
    while end is not None:
        chosen.add(end)
        end = best[end][1]
    return chosen


def _elements(document: Document, side: str, notes: _Notes) -> list[tuple[str, list[_Unit]]]:
    """The document as keyed elements in reading order: 'symbol', 'title', 'body', each top-level paragraph by its id,
    'closing', then each annex's heading ('annex:ANNEX') and paragraphs."""
    marks = notes.old if side == "old" else notes.new
    elements: list[tuple[str, list[_Unit]]] = []
    if document.symbol:
        elements.append(("symbol", [_plain(document.symbol, "UNSymbol")]))
    if document.title:
        title_marks = [f.mark for f in document.footnotes if "title" in f.referenced_in and f.mark in marks]
        title = f"{document.number}. {document.title}" if document.number else document.title
        title += "".join(chr(_NOTE + marks[mark]) for mark in title_marks)
        elements.append(("title", [_plain(title, "UNTitle")]))
    if document.body:
        body = _plain(f"{document.body},", "UNAuthor")
        body.italic = [True] * len(document.body) + [False]
        elements.append(("body", [body]))
    for paragraph in document.paragraphs:
        elements.append(
            (paragraph.id, _units(paragraph, side, marks, "operative" if paragraph.kind == "operative" else None))
        )
    if document.closing and (document.closing.meeting or document.closing.date):
        lines = [line for line in (document.closing.meeting, document.closing.date) if line]
        elements.append(("closing", [_plain(line, "UNClosing") for line in lines]))
    for annex in document.annexes:
        heading = [_plain(annex.heading, "UNAnnexHeading")]
        if annex.title:
            heading.append(_plain(annex.title, "UNTitle"))
        elements.append((f"annex:{annex.id}", heading))
        for paragraph in annex.paragraphs:
            elements.append((paragraph.id, _units(paragraph, side, marks, f"annex:{annex.id}")))
    return elements


def _same_layout(a: _Props, b: _Props) -> bool:
    """Same style, level and numbered or not (which list a paragraph's sub-paragraphs count in is no change)."""
    return (a.style, a.level, a.list_key is None) == (b.style, b.level, b.list_key is None)


def _plain(text: str, style: str) -> _Unit:
    return _Unit(text, [False] * len(text), _Props(style))


def _units(paragraph: Paragraph, side: str, marks: dict[str, int], list_key: str | None, level: int = 0) -> list[_Unit]:
    """A paragraph and its sub-paragraphs, one unit each: numbered in `list_key` when printed with a number (the
    sub-paragraphs of an unnumbered paragraph get a list of their own)."""
    if level == 0:
        style = {"preambular": "UNPreambular", "operative": "UNOperative"}.get(paragraph.kind, "Normal")
    else:
        style = "UNSubparagraph"
    numbered = paragraph.label is not None and list_key is not None
    text, italic = _with_marks(paragraph, marks)
    units = [_Unit(text, italic, _Props(style, list_key if numbered else None, level))]
    sub_key = list_key if numbered else f"{side}:{paragraph.id}"
    for sub in paragraph.subparagraphs:
        units += _units(sub, side, marks, sub_key, level + 1)
    return units


def _with_marks(paragraph: Paragraph, marks: dict[str, int]) -> tuple[str, list[bool]]:
    """The paragraph's text with a placeholder at each footnote mark, and which characters are italic (the opening
    phrase)."""
    opening = len(paragraph.opening) if paragraph.opening and paragraph.text.startswith(paragraph.opening) else 0
    chars: list[str] = []
    italic: list[bool] = []
    refs = sorted(paragraph.footnote_refs, key=lambda ref: ref.offset)
    at = 0
    for position in range(len(paragraph.text) + 1):
        while at < len(refs) and refs[at].offset == position:
            if refs[at].mark in marks:
                chars.append(chr(_NOTE + marks[refs[at].mark]))
                italic.append(False)
            at += 1
        if position < len(paragraph.text):
            chars.append(paragraph.text[position])
            italic.append(position < opening)
    for ref in refs[at:]:  # a mark past the end of the text (not expected): kept at the end
        if ref.mark in marks:
            chars.append(chr(_NOTE + marks[ref.mark]))
            italic.append(False)
    return "".join(chars), italic


def _footnote_identities(alignment: Alignment, old: Document, new: Document) -> _Notes:
    """One identity for each footnote of the alignment (an unchanged or modified footnote is one, with both texts);
    a mark whose footnote text is not in the rendering gets one of its own, with no text."""
    notes = _Notes()
    old_texts = {f.mark: f.text for f in old.footnotes}
    new_texts = {f.mark: f.text for f in new.footnotes}
    for change in alignment.footnotes:
        old_mark = change.old[0].removeprefix("footnote ") if change.old else None
        new_mark = change.new[0].removeprefix("footnote ") if change.new else None
        notes.add(old_mark, new_mark, old_texts.get(old_mark or ""), new_texts.get(new_mark or ""))
    for document, marks in ((old, notes.old), (new, notes.new)):
        for paragraph in document.walk():
            for ref in paragraph.footnote_refs:
                if ref.mark not in marks:
                    if document is old:
                        notes.add(ref.mark, None, None, None)
                    else:
                        notes.add(None, ref.mark, None, None)
    return notes


# --- the word diff of an item, as pieces -------------------------------------------------------------------------


def _pieces(item: _Item) -> Iterator[_Piece]:
    """The item's text as pieces in order: runs of text of one kind, footnote marks and paragraph marks, each kept,
    deleted or inserted. A move's source is all old text; its destination is the new text (deleted words are shown
    at the source)."""
    old_text = _SEP.join(unit.text for unit in item.old)
    old_italic = [flag for index, unit in enumerate(item.old) for flag in ([False] if index else []) + unit.italic]
    new_italic = [flag for index, unit in enumerate(item.new) for flag in ([False] if index else []) + unit.italic]
    if item.mode == "move_from":
        yield from _split("delete", old_text, old_italic, old_italic)
        return
    old_at = new_at = 0
    for op, text in _unit_edits([unit.text for unit in item.old], [unit.text for unit in item.new]):
        if op == "equal":
            yield from _split(op, text, new_italic[new_at:], old_italic[old_at:])
            old_at += len(text)
            new_at += len(text)
        elif op == "delete":
            if item.mode == "inplace":
                yield from _split(op, text, old_italic[old_at:], old_italic[old_at:])
            old_at += len(text)
        else:
            yield from _split(op, text, new_italic[new_at:], new_italic[new_at:])
            new_at += len(text)


def _split(op: Op, text: str, italic: list[bool], old_italic: list[bool]) -> Iterator[_Piece]:
    """Text of one operation as pieces: paragraph marks, footnote marks, and runs of one kind of italics."""
    run: list[str] = []
    run_key: tuple[bool, bool] | None = None
    for index, char in enumerate(text):
        special = char == _SEP or _NOTE <= ord(char) < _NOTE + 0x1000
        key = (italic[index] if index < len(italic) else False, old_italic[index] if index < len(old_italic) else False)
        if run and (special or key != run_key):
            assert run_key is not None
            yield _Piece(op, "text", "".join(run), run_key[0], run_key[1])
            run = []
        if special:
            yield _Piece(op, "mark" if char == _SEP else "note", char)
        else:
            run.append(char)
            run_key = key
    if run and run_key is not None:
        yield _Piece(op, "text", "".join(run), run_key[0], run_key[1])


def _unit_edits(old: list[str], new: list[str]) -> list[tuple[Op, str]]:
    """The edits from the old units' joined text to the new units': units paired first (the most similar, in order;
    a lone unit on each side always pairs), each pair's words diffed, an unpaired unit deleted or inserted whole
    with its paragraph mark. So a split, a merge or a new sub-paragraph shows as whole paragraphs, not as words
    running across paragraph marks."""
    steps = _pair_units(old, new)
    edits: list[tuple[Op, str]] = []
    for old_index, new_index in steps:
        if old_index is not None and new_index is not None:
            edits += [*_exact_edits(old[old_index], new[new_index]), ("equal", _SEP)]
        elif old_index is not None:
            edits += [("delete", old[old_index]), ("delete", _SEP)]
        elif new_index is not None:
            edits += [("insert", new[new_index]), ("insert", _SEP)]
    # The last mark of each side is the item's own last paragraph mark, not a separator: take it out of the stream
    # (an equal separator that is the last of one side only stays as the other side's).
    sides: tuple[tuple[Op, Op], ...] = (("delete", "insert"), ("insert", "delete"))
    for side, other in sides:
        for index in range(len(edits) - 1, -1, -1):
            op, text = edits[index]
            if text == _SEP and op in ("equal", side):
                edits[index] = (other, _SEP) if op == "equal" else ("equal", "")
                break
    return [(op, text) for op, text in edits if text]


def _pair_units(old: list[str], new: list[str]) -> list[tuple[int | None, int | None]]:
    """Old and new units in order, paired where they are similar enough (rapidfuzz ratio, the most similarity in
    all), each unpaired one alone; ties go to the earlier pairing, so the result is the same every time."""
    from rapidfuzz.fuzz import ratio

    if len(old) == 1 and len(new) == 1:
        return [(0, 0)]
    similar = [[ratio(a, b) / 100 for b in new] for a in old]
    score = [[0.0] * (len(new) + 1) for _ in range(len(old) + 1)]
    for i in range(1, len(old) + 1):
        for j in range(1, len(new) + 1):
            paired = score[i - 1][j - 1] + similar[i - 1][j - 1] if similar[i - 1][j - 1] >= _PAIRED else -1.0
            score[i][j] = max(score[i - 1][j], score[i][j - 1], paired)
    steps: list[tuple[int | None, int | None]] = []
    i, j = len(old), len(new)
    while i or j:
        if i and j and similar[i - 1][j - 1] >= _PAIRED and score[i][j] == score[i - 1][j - 1] + similar[i - 1][j - 1]:
            steps.append((i - 1, j - 1))
            i, j = i - 1, j - 1
        elif i and (not j or score[i][j] == score[i - 1][j]):
            steps.append((i - 1, None))
            i -= 1
        else:
            steps.append((None, j - 1))
            j -= 1
    return steps[::-1]


def _exact_edits(old: str, new: str) -> list[tuple[Op, str]]:
    """The word diff, made exact: where the redline calls two words the same that differ in typography or spacing (a
    non-breaking hyphen, a curly quote), the characters that differ are a revision too, so rejecting gives the old
    text exactly."""
    edits: list[tuple[Op, str]] = []
    for edit in redline(old, new):
        if edit.op != "equal" or edit.new_text is None:
            edits.append((edit.op, edit.text))
            continue
        old_tokens, new_tokens = tokens(edit.text), tokens(edit.new_text)
        if len(old_tokens) != len(new_tokens):
            edits += [("delete", edit.text), ("insert", edit.new_text)]
            continue
        for old_token, new_token in zip(old_tokens, new_tokens, strict=True):
            edits += _character_edits(old_token, new_token)
    merged: list[tuple[Op, str]] = []
    for op, text in edits:
        if merged and merged[-1][0] == op:
            merged[-1] = (op, merged[-1][1] + text)
        elif text:
            merged.append((op, text))
    return merged


def _character_edits(old: str, new: str) -> list[tuple[Op, str]]:
    """Two spellings of one word: the common start and end kept, the differing middle deleted and inserted."""
    start = 0
    while start < min(len(old), len(new)) and old[start] == new[start]:
        start += 1
    end = 0
    while end < min(len(old), len(new)) - start and old[-1 - end] == new[-1 - end]:
        end += 1
    return [
        ("equal", old[:start]),
        ("delete", old[start : len(old) - end]),
        ("insert", new[start : len(new) - end]),
        ("equal", old[len(old) - end :]),
    ]


# --- XML helpers ---------------------------------------------------------------------------------------------------


def _q(tag: str) -> str:
    return f"{{{_W}}}{tag}"


def _el(tag: str, *children: Any, **attributes: str) -> Any:
    from docx.oxml import OxmlElement

    element = OxmlElement(f"w:{tag}")
    for name, value in attributes.items():
        element.set(_q(name), value)
    for child in children:
        element.append(child)
    return element


def _note_reference_field(run: Any, bookmark: str, number: str) -> None:
    """Replace a footnote reference run with a NOTEREF field to `bookmark`, in footnote-reference style, showing
    `number` until Word updates it."""
    deleted = any(ancestor.tag in (_q("del"), _q("moveFrom")) for ancestor in run.iterancestors())
    style = [_el("rStyle", val="FootnoteReference"), _el("vertAlign", val="superscript")]
    instruction = _el("delInstrText" if deleted else "instrText")
    instruction.text = f" NOTEREF {bookmark} \\f \\h "
    instruction.set("{http://www.w3.org/XML/1998/namespace}space", "preserve")
    result = _el("delText" if deleted else "t")
    result.text = number
    runs = [
        _el("r", _el("fldChar", fldCharType="begin")),
        _el("r", instruction),
        _el("r", _el("fldChar", fldCharType="separate")),
        _el("r", _el("rPr", *style), result),
        _el("r", _el("fldChar", fldCharType="end")),
    ]
    for field_run in runs:
        run.addprevious(field_run)
    run.getparent().remove(run)


def _text_el(text: str) -> Any:
    element = _el("t")
    element.text = text
    element.set("{http://www.w3.org/XML/1998/namespace}space", "preserve")
    return element


_NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")


def _xml_safe(text: str) -> str:
    """Characters XML cannot carry (control characters) are left out of the document's text: they are not words."""
    return _NOT_XML.sub("", text)


def _add_styles(document: Any) -> None:
    from docx.oxml import parse_xml

    styles = document.styles.element
    for style_id, name, paragraph, run in _STYLES:
        styles.append(
            parse_xml(
                f'<w:style xmlns:w="{_W}" w:type="paragraph" w:customStyle="1" w:styleId="{style_id}">'
                f'<w:name w:val="{name}"/><w:basedOn w:val="Normal"/><w:qFormat/>'
                f"<w:pPr>{paragraph}</w:pPr><w:rPr>{run}</w:rPr></w:style>"
            )
        )
    styles.append(
        parse_xml(
            f'<w:style xmlns:w="{_W}" w:type="character" w:styleId="FootnoteReference">'
            '<w:name w:val="footnote reference"/><w:rPr><w:vertAlign w:val="superscript"/></w:rPr></w:style>'
        )
    )


def _reproducible_zip(data: bytes, when: datetime) -> bytes:
    """The package again with every member's timestamp set to `when` (python-docx stamps the current time), so that
    the same inputs give the same bytes."""
    stamp = max(when, datetime(1980, 1, 1, tzinfo=UTC)).timetuple()[:6]
    output = BytesIO()
    with zipfile.ZipFile(BytesIO(data)) as source, zipfile.ZipFile(output, "w", zipfile.ZIP_DEFLATED) as target:
        for info in source.infolist():
            member = zipfile.ZipInfo(info.filename, date_time=stamp)
            member.compress_type = zipfile.ZIP_DEFLATED
            member.external_attr = 0o644 << 16
            target.writestr(member, source.read(info.filename))
    return output.getvalue()
