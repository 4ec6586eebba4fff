"""Word (.docx) → text, with python-docx: paragraphs, Word's automatic numbering, footnotes, italics.

Word keeps paragraph numbers out of the text (automatic numbering): they are rendered back ("3.", "(b)", "(ii)"
by list level). Footnote references become `[^n]` and the footnotes part `[^n]: text`. Tracked changes (insertions
and deletions not yet accepted) are reported, not silently accepted: the text read is the current text with
insertions, and a warning says so.
"""

from __future__ import annotations

import zipfile
import zlib
from io import BytesIO
from typing import Any

from unres.errors import DamagedFileError, InputError, LimitError
from unres.read import Limits

_W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
_ROMAN = ["i", "ii", "iii", "iv", "v", "vi", "vii", "viii", "ix", "x", "xi", "xii", "xiii", "xiv", "xv"]


def docx_to_text(
    data: bytes, name: str, *, max_inflated: int = Limits.inflated, max_paragraphs: int = Limits.paragraphs
) -> tuple[str, list[str]]:
    import docx
    from docx.opc.exceptions import PackageNotFoundError

    check_package(data, name, max_inflated, max_paragraphs)
    try:
        document = docx.Document(BytesIO(data))
    except (PackageNotFoundError, zipfile.BadZipFile, KeyError, ValueError) as error:
        raise InputError(f"{name}: not a readable Word document ({type(error).__name__})") from None
    body = document.element.body
    warnings = []
    insertions = len(body.findall(f".//{_W}ins"))
    deletions = len(body.findall(f".//{_W}del"))
    if insertions or deletions:
        warnings.append(
            f"{name}: has tracked changes ({insertions} insertions, {deletions} deletions) not accepted in Word; "
            "read with insertions kept and deletions left out"
        )
    counters: dict[tuple[str, int], int] = {}
    lines: list[str] = []
    for paragraph in document.paragraphs:
        text = _runs(paragraph._p)
        label = _number(paragraph._p, counters)
        if not text.strip() and not label:
            continue
        lines += [f"{label} {text}".strip() if label else text, ""]
    lines += _footnotes(document)
    return "\n".join(lines) + "\n", warnings


def _runs(element: Any) -> str:
    """The paragraph's text: italic runs as *…*, footnote references as [^n], deleted text left out."""
    pieces: list[str] = []
    for run in element.iter(f"{_W}r"):
        if any(ancestor.tag == f"{_W}del" for ancestor in run.iterancestors()):
            continue
        reference = run.find(f"{_W}footnoteReference")
        if reference is not None:
            pieces.append(f"[^{reference.get(f'{_W}id')}]")
            continue
        text = "".join(node.text or "" for node in run.iter(f"{_W}t", f"{_W}tab"))
        text = text.replace("\t", " ") if text else " " if run.find(f"{_W}tab") is not None else ""
        properties = run.find(f"{_W}rPr")
        italic = properties is not None and properties.find(f"{_W}i") is not None
        pieces.append(f"*{text.strip()}*{' ' if text.endswith(' ') else ''}" if italic and text.strip() else text)
    return "".join(pieces).replace("* *", " ").strip()


def _number(element: Any, counters: dict[tuple[str, int], int]) -> str | None:
    """Word's automatic number for a list paragraph: level 0 '3.', level 1 '(b)', level 2 '(ii)'."""
    numbering = element.find(f"{_W}pPr/{_W}numPr")
    if numbering is None:
        return None
    level_node = numbering.find(f"{_W}ilvl")
    list_node = numbering.find(f"{_W}numId")
    level = int(level_node.get(f"{_W}val")) if level_node is not None else 0
    list_id = list_node.get(f"{_W}val") if list_node is not None else "0"
    for key in [key for key in counters if key[0] == list_id and key[1] > level]:
        del counters[key]
    counters[(list_id, level)] = counters.get((list_id, level), 0) + 1
    count = counters[(list_id, level)]
    if level == 0:
        return f"{count}."
    if level == 1:
        return f"({chr(96 + count)})"
    return f"({_ROMAN[count - 1]})" if count <= len(_ROMAN) else f"({count})"


def _footnotes(document: Any) -> list[str]:
    """The footnotes part as `[^n]: text` lines (the separator notes, ids below 1, left out)."""
    from lxml import etree

    for part in document.part.package.iter_parts():
        if str(part.partname).endswith("/footnotes.xml"):
            root = etree.fromstring(part.blob)
            lines = []
            for note in root.findall(f"{_W}footnote"):
                note_id = int(note.get(f"{_W}id", "0"))
                if note_id < 1:
                    continue
                text = " ".join(_runs(p) for p in note.findall(f"{_W}p")).strip()
                lines += [f"[^{note_id}]: {text}", ""]
            return lines
    return []


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
