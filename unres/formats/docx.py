"""Word (.docx) → typed lines, with python-docx: paragraphs, Word's automatic numbering, footnotes, italics.

Each paragraph is a line ('paragraph N' its origin) and a blank line. Word keeps paragraph numbers out of the text
(automatic numbering): they are rendered back ("3.", "(b)", "(ii)" by list level). Italic and bold runs are italic
and bold spans; a footnote reference is its number, numbered in order of reference as Word numbers them, in a
superscript span (as is any run Word raises); each footnote of the footnotes part is a line whose `note` is that
number ('footnote N'). The text is taken as written: an asterisk, an underscore, `[^3]`, a leading '#' or '- ' are
characters, not markup. Tracked changes (revisions not yet accepted or rejected) are never silently taken either
way: a document that has them is refused unless the caller says to read it with every revision accepted or every
revision rejected (`revisions`), as Word's "Accept All" and "Reject All" would leave it. Comments are not text and are
left out.
"""

from __future__ import annotations

import re
import zipfile
import zlib
from io import BytesIO
from typing import Any

from unres.errors import DamagedFileError, InputError, LimitError
from unres.formats import Revisions
from unres.formats.lines import SourceLine, Style
from unres.formats.styled import StyledLine
from unres.read import Limits

_W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
_ROMAN = ["i", "ii", "iii", "iv", "v", "vi", "vii", "viii", "ix", "x", "xi", "xii", "xiii", "xiv", "xv"]


def docx_to_lines(
    data: bytes,
    name: str,
    revisions: Revisions | None = None,
    *,
    max_inflated: int = Limits.inflated,
    max_paragraphs: int = Limits.paragraphs,
) -> tuple[list[SourceLine], list[str]]:
    """The document's lines, typed, and warnings; `revisions` says how to read tracked changes ('accept' or
    'reject'), and without it a document that has any is refused with their number. The package is checked before
    it is read (`check_package`): no part may inflate past `max_inflated` bytes, nor hold more than
    `max_paragraphs`."""
    import docx
    from docx.opc.exceptions import PackageNotFoundError

    check_package(data, name, max_inflated, max_paragraphs)
    try:
        document = docx.Document(BytesIO(data))
    except (PackageNotFoundError, zipfile.BadZipFile, KeyError, ValueError) as error:
        raise InputError(f"{name}: not a readable Word document ({type(error).__name__})") from None
    body = document.element.body
    notes = _part_root(document, "footnotes.xml")
    count = count_revisions(body) + (count_revisions(notes) if notes is not None else 0)
    if count and revisions is None:
        raise InputError(
            f"{name}: has {count} tracked change{'s' if count != 1 else ''} (revisions); read it with "
            "--revisions accept or --revisions reject"
        )
    warnings = []
    if count and revisions is not None:
        for root in (body, notes):
            if root is not None:
                resolve_revisions(root, accept=revisions == "accept")
        warnings.append(f"{name}: read with its {count} tracked changes {revisions}ed")
    numbers: dict[str, int] = {}  # footnote id -> its number, in order of first reference
    for reference in body.iter(f"{_W}footnoteReference"):
        numbers.setdefault(reference.get(f"{_W}id", ""), len(numbers) + 1)
    _note_references_as_references(body)
    lists = _Lists(_part_root(document, "numbering.xml"))
    lines: list[SourceLine] = []
    for number, paragraph in enumerate(document.paragraphs, start=1):
        label = lists.label(paragraph._p)  # an empty list paragraph still takes its number, as in Word
        styled = _runs(paragraph._p, numbers, StyledLine().add(f"{label} " if label else ""))
        if styled.text.strip() == (label or ""):  # but is no resolution text
            continue
        lines += [styled.line(origin=f"paragraph {number}"), SourceLine("")]
    lines += _footnotes(notes, numbers)
    return lines, warnings


# What a run's child elements stand for: text, and the characters Word keeps as elements of their own (LibreOffice
# writes a non-breaking hyphen as w:noBreakHyphen).
_CHARACTERS = {
    f"{_W}tab": " ",
    f"{_W}noBreakHyphen": "\u2011",
    f"{_W}softHyphen": "\u00ad",
    f"{_W}br": " ",
    f"{_W}cr": " ",
}
_TEXT_NODES = (f"{_W}t", *_CHARACTERS)


def _runs(element: Any, numbers: dict[str, int], styled: StyledLine) -> StyledLine:
    """The paragraph's runs added to `styled`, each in its styles (italic, bold, raised); a footnote reference as
    its number, raised. Characters are taken as written: an asterisk or `[^3]` in the text is an asterisk."""
    starting = True  # no text of the paragraph's own yet: its leading spaces go
    for run in element.iter(f"{_W}r"):
        reference = run.find(f"{_W}footnoteReference")
        if reference is not None:
            note_id = reference.get(f"{_W}id", "")
            styled.mark(str(numbers.get(note_id, note_id)))
            starting = False
            continue
        text = "".join(_CHARACTERS.get(node.tag, node.text or "") for node in run.iter(*_TEXT_NODES))
        if starting:
            text = text.lstrip()
            starting = not text
        properties = run.find(f"{_W}rPr")
        styles: list[Style] = []
        if properties is not None:
            styles += [style for tag, style in _SWITCHES if _switched_on(properties.find(f"{_W}{tag}"))]
            raised = properties.find(f"{_W}vertAlign")
            if raised is not None and raised.get(f"{_W}val") == "superscript":
                styles.append("superscript")
        styled.add(text, *styles)
    return styled


_SWITCHES: tuple[tuple[str, Style], ...] = (("i", "italic"), ("b", "bold"))


def _switched_on(switch: Any) -> bool:
    """A run property such as w:i is on where present, unless its value says off."""
    return switch is not None and switch.get(f"{_W}val", "true") not in ("0", "false", "off")


_NOTEREF = re.compile(r"^\s*NOTEREF\s+(\S+)")


def _note_references_as_references(root: Any) -> None:
    """A footnote cited again is a NOTEREF field to a bookmark on its reference (Word prints the footnote's number):
    each such field becomes a plain reference to that footnote, so it reads as the same [^n]."""
    targets: dict[str, str] = {}  # bookmark name -> footnote id
    open_names: dict[str, str] = {}  # bookmark id -> name, for the bookmarks not yet closed
    for element in root.iter(f"{_W}bookmarkStart", f"{_W}bookmarkEnd", f"{_W}footnoteReference"):
        if element.tag == f"{_W}bookmarkStart":
            open_names[element.get(f"{_W}id", "")] = element.get(f"{_W}name", "")
        elif element.tag == f"{_W}bookmarkEnd":
            open_names.pop(element.get(f"{_W}id", ""), None)
        else:
            for name in open_names.values():
                targets.setdefault(name, element.get(f"{_W}id", ""))
    for simple in list(root.iter(f"{_W}fldSimple")):
        found = _NOTEREF.match(simple.get(f"{_W}instr", ""))
        if found and found.group(1) in targets:
            simple.addprevious(_reference_run(targets[found.group(1)]))
            simple.getparent().remove(simple)
    for paragraph in root.iter(f"{_W}p"):
        field: list[Any] = []  # the runs of the field being read, from its begin
        for run in list(paragraph.iter(f"{_W}r")):
            kind = run.find(f"{_W}fldChar")
            if kind is not None and kind.get(f"{_W}fldCharType") == "begin":
                field = [run]
            elif field:
                field.append(run)
                if kind is not None and kind.get(f"{_W}fldCharType") == "end":
                    instruction = "".join(node.text or "" for r in field for node in r.iter(f"{_W}instrText"))
                    found = _NOTEREF.match(instruction)
                    if found and found.group(1) in targets:
                        field[0].addprevious(_reference_run(targets[found.group(1)]))
                        for field_run in field:
                            field_run.getparent().remove(field_run)
                    field = []


def _reference_run(note_id: str) -> Any:
    from lxml import etree

    run = etree.Element(f"{_W}r")
    etree.SubElement(run, f"{_W}footnoteReference").set(f"{_W}id", note_id)
    return run


class _Lists:
    """Word's automatic numbers, counted as Word counts them: the lists (w:num) of one abstract numbering share their
    counters, so a list continues another; a list's startOverride restarts a level where the list is first used;
    a level restarts after a paragraph of a higher level."""

    def __init__(self, root: Any) -> None:
        self.abstract: dict[str, str] = {}  # list id -> its abstract numbering
        self.overrides: dict[str, dict[int, int]] = {}  # list id -> level -> start
        self.starts: dict[str, dict[int, int]] = {}  # abstract numbering -> level -> start
        self.counters: dict[str, dict[int, int]] = {}
        self.used: set[str] = set()
        if root is None:
            return
        for abstract in root.findall(f"{_W}abstractNum"):
            levels = self.starts.setdefault(abstract.get(f"{_W}abstractNumId", ""), {})
            for level in abstract.findall(f"{_W}lvl"):
                start = level.find(f"{_W}start")
                if start is not None:
                    levels[int(level.get(f"{_W}ilvl", "0"))] = int(start.get(f"{_W}val", "1"))
        for number in root.findall(f"{_W}num"):
            list_id = number.get(f"{_W}numId", "")
            abstract_id = number.find(f"{_W}abstractNumId")
            if abstract_id is not None:
                self.abstract[list_id] = abstract_id.get(f"{_W}val", "")
            self.overrides[list_id] = {
                int(override.get(f"{_W}ilvl", "0")): int(start.get(f"{_W}val", "1"))
                for override in number.findall(f"{_W}lvlOverride")
                for start in override.findall(f"{_W}startOverride")
            }

    def label(self, element: Any) -> str | None:
        """The number of a list paragraph as UN resolutions print them: level 0 '3.', level 1 '(b)', level 2 '(ii)'."""
        numbering = element.find(f"{_W}pPr/{_W}numPr")
        if numbering is None:
            return None
        level_node = numbering.find(f"{_W}ilvl")
        list_node = numbering.find(f"{_W}numId")
        level = int(level_node.get(f"{_W}val")) if level_node is not None else 0
        list_id = list_node.get(f"{_W}val") if list_node is not None else "0"
        key = self.abstract.get(list_id, f"list {list_id}")
        counters = self.counters.setdefault(key, {})
        starts = self.starts.get(key, {})
        if list_id not in self.used:
            self.used.add(list_id)
            for restarted, start in self.overrides.get(list_id, {}).items():
                counters[restarted] = start - 1
        for deeper in [deeper for deeper in counters if deeper > level]:
            del counters[deeper]
        counters[level] = counters.get(level, starts.get(level, 1) - 1) + 1
        count = counters[level]
        if level == 0:
            return f"{count}."
        if level == 1:
            return f"({chr(96 + count)})" if 1 <= count <= 26 else f"({count})"
        return f"({_ROMAN[count - 1]})" if 1 <= count <= len(_ROMAN) else f"({count})"


def _part_root(document: Any, name: str) -> Any:
    """A part of the package (footnotes.xml, numbering.xml), parsed, or None."""
    from lxml import etree

    for part in document.part.package.iter_parts():
        if str(part.partname).endswith(f"/{name}"):
            return etree.fromstring(part.blob)
    return None


def _footnotes(root: Any, numbers: dict[str, int]) -> list[SourceLine]:
    """The footnotes referenced in the text, in their order, each a line opening footnote n (its paragraphs
    joined) and a blank line; the separator notes, and notes no reference points to, left out."""
    if root is None:
        return []
    texts: dict[str, StyledLine] = {}
    for note in root.findall(f"{_W}footnote"):
        styled = StyledLine()
        for paragraph in note.findall(f"{_W}p"):
            _runs(paragraph, numbers, styled.add("" if styled.blank else " "))
        texts[note.get(f"{_W}id", "")] = styled
    lines: list[SourceLine] = []
    for note_id, number in numbers.items():
        if note_id in texts:
            lines += [texts[note_id].line(note=str(number), origin=f"footnote {number}"), SourceLine("")]
    return lines


# --- tracked changes -----------------------------------------------------------------------------------------------

_MARKED = ("ins", "del", "moveFrom", "moveTo")  # text or a paragraph mark inserted, deleted, moved away or here
_PROPERTY_CHANGES = (
    "pPrChange",
    "rPrChange",
    "sectPrChange",
    "tblPrChange",
    "trPrChange",
    "tcPrChange",
    "numberingChange",
)
_MOVE_RANGES = ("moveFromRangeStart", "moveFromRangeEnd", "moveToRangeStart", "moveToRangeEnd")


def count_revisions(root: Any) -> int:
    """How many revisions an XML part carries: each insertion, deletion, move end and property change."""
    tags = {f"{_W}{tag}" for tag in (*_MARKED, *_PROPERTY_CHANGES)}
    return sum(1 for element in root.iter() if element.tag in tags)


def resolve_revisions(root: Any, *, accept: bool) -> None:
    """Accept (or reject) every revision of an XML part in place, as Word's Accept All (Reject All) does: text
    inserted or moved here is kept (dropped), text deleted or moved away is dropped (kept); a paragraph whose mark is
    dropped joins the next paragraph; property changes are kept (rolled back)."""
    dropped = ("del", "moveFrom") if accept else ("ins", "moveTo")
    joining = []
    for paragraph in root.iter(f"{_W}p"):
        mark = paragraph.find(f"{_W}pPr/{_W}rPr")
        if mark is None:
            continue
        for tag in _MARKED:
            for revision in mark.findall(f"{_W}{tag}"):
                mark.remove(revision)
                if tag in dropped:
                    joining.append(paragraph)
    for element in list(root.iter(*(f"{_W}{tag}" for tag in _MARKED))):
        parent = element.getparent()
        if parent is None:
            continue
        if element.tag in {f"{_W}{tag}" for tag in dropped}:
            parent.remove(element)
        else:
            for child in list(element):
                element.addprevious(child)
            parent.remove(element)
    if not accept:
        for deleted in root.iter(f"{_W}delText", f"{_W}delInstrText"):
            deleted.tag = f"{_W}t" if deleted.tag == f"{_W}delText" else f"{_W}instrText"
    for change in list(root.iter(*(f"{_W}{tag}" for tag in _PROPERTY_CHANGES))):
        owner = change.getparent()
        if not accept:
            _roll_back(owner, change)
        if change.getparent() is not None:
            change.getparent().remove(change)
    for element in list(root.iter(*(f"{_W}{tag}" for tag in _MOVE_RANGES))):
        element.getparent().remove(element)
    for paragraph in joining:
        _join_next(paragraph)


def _roll_back(owner: Any, change: Any) -> None:
    """Give a paragraph's (run's) properties back the ones a pPrChange (rPrChange) recorded; the paragraph mark's
    own properties (rPr) and section properties stay."""
    recorded = change.find(f"{_W}{owner.tag.rsplit('}', 1)[1]}")
    if recorded is None:
        return
    staying = {f"{_W}rPr", f"{_W}sectPr"} if owner.tag == f"{_W}pPr" else set()
    for child in list(owner):
        if child is not change and child.tag not in staying:
            owner.remove(child)
    for child in reversed(list(recorded)):
        owner.insert(0, child)


def _join_next(paragraph: Any) -> None:
    """A paragraph whose mark is gone: its content moves to the start of the next paragraph, which keeps its own
    properties. The last paragraph of its container stays (there is nothing to join)."""
    following = paragraph.getnext()
    while following is not None and following.tag != f"{_W}p":
        following = following.getnext()
    if following is None:
        return
    anchor = following.find(f"{_W}pPr")
    content = [child for child in paragraph if child.tag != f"{_W}pPr"]
    for child in reversed(content):
        if anchor is not None:
            anchor.addnext(child)
        else:
            following.insert(0, child)
    paragraph.getparent().remove(paragraph)


# --- opening safely: before python-docx reads a part -------------------------------------------------------------

_XML_PART = (".xml", ".rels")
_MAX_PARTS = 10_000


def check_package(data: bytes, name: str, max_inflated: int, max_paragraphs: int = Limits.paragraphs) -> None:
    """Refuse a Word file that would take all memory or is broken inside, with one line, before python-docx reads it:
    a part that inflates past `max_inflated` bytes (a zip bomb), too many parts, a part whose compressed data or CRC
    is damaged, an XML part that is not well-formed or declares a DTD (entities that expand to gigabytes: Word never
    writes one), a list level (`w:ilvl`) or footnote id that is not a number, or more paragraphs (`w:p`) in a part
    than `max_paragraphs` (the numbering of list paragraphs looks back over the lists seen so far)."""
    from lxml import etree

    try:
        archive = zipfile.ZipFile(BytesIO(data))
    except (zipfile.BadZipFile, ValueError, NotImplementedError, EOFError) as error:
        raise DamagedFileError(f"{name}: not a readable Word document ({type(error).__name__})") from None
    with archive:
        members = archive.infolist()
        if len(members) > _MAX_PARTS:
            raise LimitError(f"{name}: more than {_MAX_PARTS:,} parts in the Word file")
        for member in members:
            if member.file_size > max_inflated:
                raise LimitError(
                    f"{name}: {member.filename} inflates to {member.file_size:,} bytes, over the limit of "
                    f"{max_inflated:,} (see --limit inflated=N)"
                )
        parser = etree.XMLParser(resolve_entities=False, huge_tree=False, no_network=True, load_dtd=False)
        for member in members:
            if not member.filename.endswith(_XML_PART):
                continue
            try:
                content = archive.read(member)  # zipfile stops at the declared size and checks the CRC
                if b"<!DOCTYPE" in content or b"<!ENTITY" in content:
                    raise DamagedFileError(f"{name}: {member.filename} declares XML entities; refused (Word does not)")
                root = etree.fromstring(content, parser)
            except (zipfile.BadZipFile, zlib.error, EOFError, OSError, NotImplementedError):
                raise DamagedFileError(
                    f"{name}: {member.filename} is damaged (its compressed data or checksum is broken)"
                ) from None
            except etree.XMLSyntaxError as error:
                raise DamagedFileError(f"{name}: {member.filename} is not well-formed XML ({error.msg})") from None
            _check_numbers(root, name, member.filename)
            paragraphs = sum(1 for _ in root.iter(f"{_W}p"))
            if paragraphs > max_paragraphs:
                raise LimitError(
                    f"{name}: {member.filename} has more than {max_paragraphs:,} paragraphs (see --limit paragraphs=N)"
                )


def _check_numbers(root: Any, name: str, part: str) -> None:
    """The attributes the reader turns into numbers must be numbers."""
    for element in root.iter(f"{_W}ilvl", f"{_W}footnote"):
        value = element.get(f"{_W}val" if element.tag == f"{_W}ilvl" else f"{_W}id", "0")
        if not value.lstrip("-").isdigit() or (element.tag == f"{_W}ilvl" and not 0 <= int(value) <= 8):
            kind = "list level" if element.tag == f"{_W}ilvl" else "footnote id"
            raise DamagedFileError(f"{name}: {part} has a {kind} that is not a number Word writes ({value[:20]!r})")
