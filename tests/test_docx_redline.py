"""The Word redline (`unres diff --format docx`): every change a native revision, and the two versions inside it.

The produced XML is resolved here both ways, independently of unres's own reader — accept all: drop w:del and
w:moveFrom, unwrap w:ins and w:moveTo, join a paragraph whose mark was deleted to the next; reject all: the
opposite — and compared paragraph for paragraph (labels from Word's list numbering, footnote references numbered as
Word numbers them) with the new and the old version, on the seeds and on every draft/adopted pair of the corpus.
LibreOffice, where installed, opens the file headless and prints it to PDF and text.
"""

from __future__ import annotations

import os
import random
import re
import shutil
import subprocess
import sys
import zipfile
from functools import cache
from io import BytesIO
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from lxml import etree
from typer.testing import CliRunner

from benchmarks.synthetic import edit_document
from unres import align, parse_file
from unres.cli import app
from unres.models import Document, Paragraph
from unres.render.docx import diff_docx

from conftest import DRAFT_PAIRS, SEEDS

W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
NS = {"w": W}
EPOCH = "1700000000"  # 2023-11-14T22:13:20Z
runner = CliRunner()

# The pairs of ../shared/corpus/drafts/README.md: draft, adopted resolution
SEED_PAIRS = [
    ("ga-58-137", "ecosoc-2006-27-md"),
    ("ecosoc-2006-27-md", "ga-61-180-draft"),
    ("ecosoc-2006-27-pdftotext", "ga-58-137"),
]


def _w(tag: str) -> str:
    return f"{{{W}}}{tag}"


def _redline(old: Document, new: Document, author: str = "unres") -> bytes:
    os.environ["SOURCE_DATE_EPOCH"] = EPOCH
    try:
        return diff_docx(align(old, new), old, new, author=author)
    finally:
        del os.environ["SOURCE_DATE_EPOCH"]


def _parts(data: bytes) -> tuple[etree._Element, etree._Element | None]:
    with zipfile.ZipFile(BytesIO(data)) as package:
        body = etree.fromstring(package.read("word/document.xml")).find("w:body", NS)
        notes = (
            etree.fromstring(package.read("word/footnotes.xml")) if "word/footnotes.xml" in package.namelist() else None
        )
    return body, notes


# --- resolving revisions, written here independently of unres.formats.docx ----------------------------------------


def _resolve(root: etree._Element, accept: bool) -> None:
    gone, kept = ({"del", "moveFrom"}, {"ins", "moveTo"}) if accept else ({"ins", "moveTo"}, {"del", "moveFrom"})
    joins = [p for p in root.iter(_w("p")) if any(p.find(f"w:pPr/w:rPr/w:{tag}", NS) is not None for tag in gone)]
    for element in list(root.iter(*(_w(tag) for tag in gone | kept))):
        if element.getparent() is None:
            continue
        # a paragraph mark's revision (the joins above), or text that goes
        if element.getparent().tag == _w("rPr") or etree.QName(element).localname in gone:
            element.getparent().remove(element)
        else:
            for child in list(element):
                element.addprevious(child)
            element.getparent().remove(element)
    for change in list(root.iter(_w("pPrChange"), _w("rPrChange"))):
        owner = change.getparent()
        if not accept:
            recorded = change[0]
            for child in list(owner):
                if child is not change and child.tag != _w("rPr"):
                    owner.remove(child)
            for child in reversed(list(recorded)):
                owner.insert(0, child)
        owner.remove(change)
    for text in root.iter(_w("delText"), _w("delInstrText")):
        text.tag = _w("t") if text.tag == _w("delText") else _w("instrText")
    for paragraph in joins:
        following = paragraph.getnext()
        if following is None or following.tag != _w("p"):
            continue
        properties = following.find("w:pPr", NS)
        for child in reversed([c for c in paragraph if c.tag != _w("pPr")]):
            if properties is not None:
                properties.addnext(child)
            else:
                following.insert(0, child)
        paragraph.getparent().remove(paragraph)


def _read(data: bytes, accept: bool) -> tuple[list[str], list[str]]:
    """The body's paragraphs (Word's list number, then the text, footnote references as [n] numbered in order of
    reference) and the footnote texts in that order, with every revision accepted or rejected."""
    body, notes = _parts(data)
    _resolve(body, accept)
    if notes is not None:
        _resolve(notes, accept)
    numbers: dict[str, int] = {}
    for reference in body.iter(_w("footnoteReference")):
        numbers.setdefault(reference.get(_w("id")), len(numbers) + 1)
    cited = {}  # bookmark name -> the footnote referenced inside it
    for start in body.iter(_w("bookmarkStart")):
        following = start.getnext()
        if following is not None and following.find("w:footnoteReference", NS) is not None:
            cited[start.get(_w("name"))] = following.find("w:footnoteReference", NS).get(_w("id"))
    counters: dict[tuple[str, int], int] = {}
    paragraphs = []
    for paragraph in body.iter(_w("p")):
        text = _text(paragraph, numbers, cited)
        if not text.strip():
            continue
        label = ""
        numbering = paragraph.find("w:pPr/w:numPr", NS)
        if numbering is not None:
            list_id = numbering.find("w:numId", NS).get(_w("val"))
            level = int(numbering.find("w:ilvl", NS).get(_w("val")))
            counters = {key: count for key, count in counters.items() if key[0] != list_id or key[1] <= level}
            counters[(list_id, level)] = counters.get((list_id, level), 0) + 1
            count = counters[(list_id, level)]
            label = f"{count}. " if level == 0 else f"({chr(96 + count)}) " if level == 1 else f"({_roman(count)}) "
        paragraphs.append(label + text)
    texts = {}
    if notes is not None:
        for note in notes.findall("w:footnote", NS):
            texts[note.get(_w("id"))] = "".join(_text(p, numbers) for p in note.findall("w:p", NS)).strip()
    return paragraphs, [texts[note_id] for note_id in numbers]


def _text(paragraph: etree._Element, numbers: dict[str, int], cited: dict[str, str] | None = None) -> str:
    """The text, a footnote reference as [n]; a NOTEREF field (a footnote cited again) as its footnote's [n]."""
    out = []
    field: list[str] | None = None  # the instruction of the field being read
    showing = True
    for node in paragraph.iter(_w("t"), _w("footnoteReference"), _w("fldChar"), _w("instrText")):
        if node.tag == _w("fldChar"):
            kind = node.get(_w("fldCharType"))
            if kind == "begin":
                field = []
            elif kind == "separate" and field is not None:
                name = "".join(field).split()[1]
                out.append(f"[{numbers[(cited or {})[name]]}]")
                showing = False
            elif kind == "end":
                field, showing = None, True
        elif node.tag == _w("instrText") and field is not None:
            field.append(node.text or "")
        elif node.tag == _w("footnoteReference"):
            out.append(f"[{numbers[node.get(_w('id'))]}]")
        elif showing:
            out.append(node.text or "")
    return "".join(out)


def _roman(number: int) -> str:
    return ["i", "ii", "iii", "iv", "v", "vi", "vii", "viii", "ix", "x", "xi", "xii", "xiii", "xiv", "xv"][number - 1]


# --- what a version should read as ---------------------------------------------------------------------------------


def _expected(document: Document) -> tuple[list[str], list[str]]:
    """The version laid out as the redline lays it out: symbol, numbered title, author line, each paragraph and
    sub-paragraph with its printed label, closing, annexes; footnote marks as [n] in order of reference."""
    order: dict[str, int] = {}
    footnotes = {footnote.mark: footnote for footnote in document.footnotes}
    title_marks = [f.mark for f in document.footnotes if "title" in f.referenced_in]
    for mark in title_marks:
        order.setdefault(mark, len(order) + 1)
    for paragraph in document.walk():
        for ref in sorted(paragraph.footnote_refs, key=lambda ref: ref.offset):
            order.setdefault(ref.mark, len(order) + 1)
    lines = [document.symbol] if document.symbol else []
    if document.title:
        title = f"{document.number}. {document.title}" if document.number else document.title
        lines.append(title + "".join(f"[{order[mark]}]" for mark in title_marks))
    if document.body:
        lines.append(f"{document.body},")
    for paragraph in document.paragraphs:
        lines += _paragraph_lines(paragraph, order)
    if document.closing:
        lines += [line for line in (document.closing.meeting, document.closing.date) if line]
    for annex in document.annexes:
        lines += [annex.heading, *([annex.title] if annex.title else [])]
        for paragraph in annex.paragraphs:
            lines += _paragraph_lines(paragraph, order)
    notes = [footnotes[mark].text if mark in footnotes else "" for mark in order]
    return lines, notes


def _paragraph_lines(paragraph: Paragraph, order: dict[str, int], level: int = 0) -> list[str]:
    text = paragraph.text
    for ref in sorted(paragraph.footnote_refs, key=lambda ref: ref.offset, reverse=True):
        text = f"{text[: ref.offset]}[{order[ref.mark]}]{text[ref.offset :]}"
    label = "" if paragraph.label is None else f"{paragraph.label}. " if level == 0 else f"({paragraph.label}) "
    lines = [label + text]
    for sub in paragraph.subparagraphs:
        lines += _paragraph_lines(sub, order, level + 1)
    return lines


def _pairs() -> list[tuple[str, Path, Path]]:
    pairs = [(f"{old}→{new}", SEEDS[old], SEEDS[new]) for old, new in SEED_PAIRS]
    drafts = Path(__file__).resolve().parent.parent.parent / "shared" / "corpus" / "drafts"
    pairs += [(f"{old}→{new}", drafts / f"{old}.txt", drafts / f"{new}.txt") for old, new in DRAFT_PAIRS]
    return pairs


@pytest.mark.parametrize(("name", "old_path", "new_path"), _pairs(), ids=[name for name, _, _ in _pairs()])
def test_accepting_every_revision_gives_the_new_version_and_rejecting_every_one_the_old(
    name: str, old_path: Path, new_path: Path
) -> None:
    if not old_path.exists():
        pytest.skip("../shared/corpus is not present")
    old, new = parse_file(old_path), parse_file(new_path)
    data = _redline(old, new)
    assert _read(data, accept=True) == _expected(new)
    assert _read(data, accept=False) == _expected(old)


@pytest.mark.parametrize(("name", "old_path", "new_path"), _pairs()[:4], ids=[name for name, _, _ in _pairs()[:4]])
def test_unres_reads_the_redline_back_as_either_version(
    name: str, old_path: Path, new_path: Path, tmp_path: Path
) -> None:
    """Through unres's own Word reader (--revisions): the same paragraphs, and the same footnote texts at each."""
    if not old_path.exists():
        pytest.skip("../shared/corpus is not present")
    old, new = parse_file(old_path), parse_file(new_path)
    path = tmp_path / "redline.docx"
    path.write_bytes(_redline(old, new))
    for how, version in (("accept", new), ("reject", old)):
        read = parse_file(path, revisions=how)
        assert _paragraphs_with_notes(read) == _paragraphs_with_notes(version)
        assert (read.title, read.body) == (version.title, version.body)


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    base=st.sampled_from(["ga-58-137", "ecosoc-2006-27-md", "cop-5-2"]),
    seed=st.integers(0, 2**32 - 1),
    edits=st.integers(0, 12),
)
def test_any_drafting_edits_accepted_give_the_new_version_and_rejected_the_old(
    base: str, seed: int, edits: int
) -> None:
    """Rewordings, moves within and across the preamble and operative part, splits, merges, additions and drops
    (benchmarks.synthetic), in any mix: both readings of the Word redline are the two versions."""
    old = _seed(base)
    new, _ = edit_document(old, random.Random(seed), old.paragraphs, edits=edits)
    new = new.model_copy(update={"paragraphs": [_lettered(p) for p in new.paragraphs]})
    data = _redline(old, new)
    assert _read(data, accept=True) == _expected(new)
    assert _read(data, accept=False) == _expected(old)


def _lettered(paragraph: Paragraph, level: int = 0) -> Paragraph:
    """The paragraph with its sub-paragraphs lettered in sequence, as Word's list numbering letters them (a merge of
    benchmarks.synthetic keeps each part's letters: (a) (b) (c) (a) (b))."""
    subparagraphs = [
        _lettered(sub, level + 1).model_copy(update={"label": chr(97 + index) if level == 0 else _roman(index + 1)})
        for index, sub in enumerate(paragraph.subparagraphs)
    ]
    return paragraph.model_copy(update={"subparagraphs": subparagraphs})


@cache
def _seed(name: str) -> Document:
    return parse_file(SEEDS[name])


def _paragraphs_with_notes(document: Document) -> list[tuple[str, str | None, str, list[str]]]:
    """Each paragraph's id, label and text, and the texts of the footnotes it refers to (the numbers are Word's)."""
    texts = {footnote.mark: footnote.text for footnote in document.footnotes}
    return [(p.id, p.label, p.text, [texts.get(ref.mark, "") for ref in p.footnote_refs]) for p in document.walk()]


# --- the 58/137 → 2006/27 redline --------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def seed_redline() -> tuple[bytes, Document, Document]:
    old, new = parse_file(SEEDS["ga-58-137"]), parse_file(SEEDS["ecosoc-2006-27-md"])
    return _redline(old, new, author="Drafting group"), old, new


def test_op3_moved_into_the_preamble_is_a_word_move(seed_redline: tuple[bytes, Document, Document]) -> None:
    data, _, _ = seed_redline
    body, _ = _parts(data)
    sources = {start.get(_w("name")): start for start in body.iter(_w("moveFromRangeStart"))}
    targets = {start.get(_w("name")): start for start in body.iter(_w("moveToRangeStart"))}
    assert sources.keys() == targets.keys() and len(sources) == 3  # OP3 → PP16, OP1 → OP5, OP2 → OP6
    moved = {}
    for name, start in targets.items():
        destination = start.getparent()
        source = sources[name].getparent()
        moved[name] = (
            "".join(t.text for t in source.iter(_w("delText"))),
            "".join(t.text for t in destination.iter(_w("t"))),
            source.find("w:pPr/w:pStyle", NS).get(_w("val")),
            destination.find("w:pPr/w:pStyle", NS).get(_w("val")),
        )
        assert source.find("w:pPr/w:rPr/w:del", NS) is not None  # the paragraph mark goes there, comes here
        assert destination.find("w:pPr/w:rPr/w:ins", NS) is not None
    [(_, new_text, old_style, new_style)] = [m for m in moved.values() if m[0].startswith("Recognizes that broad")]
    assert new_text.startswith("Recognizing that broad international cooperation")
    assert (old_style, new_style) == ("UNOperative", "UNPreambular")


def test_every_change_is_a_revision_by_the_author_at_the_source_date(
    seed_redline: tuple[bytes, Document, Document],
) -> None:
    data, _, _ = seed_redline
    body, notes = _parts(data)
    revisions = [
        element
        for root in (body, notes)
        for element in root.iter(*(_w(tag) for tag in ("ins", "del", "moveFrom", "moveTo", "pPrChange", "rPrChange")))
    ]
    assert len(revisions) > 100
    assert {r.get(_w("author")) for r in revisions} == {"Drafting group"}
    # SOURCE_DATE_EPOCH; two minutes on where LibreOffice would join revisions across a paragraph mark
    assert {r.get(_w("date")) for r in revisions} <= {"2023-11-14T22:13:20Z", "2023-11-14T22:15:20Z"}
    assert sum(r.get(_w("date")) == "2023-11-14T22:13:20Z" for r in revisions) > len(revisions) / 2
    ids = [r.get(_w("id")) for r in revisions]
    assert len(ids) == len(set(ids))  # revision ids are unique


def test_a_changed_paragraph_number_is_not_a_change(seed_redline: tuple[bytes, Document, Document]) -> None:
    """Numbers are Word's list numbers, never text; a paragraph only renumbered carries no revision at all."""
    data, old, new = seed_redline
    body, _ = _parts(data)
    alignment = align(old, new)
    renumbered = [c for c in alignment.changes if c.kind == "unchanged" and c.old != c.new]
    assert len(renumbered) >= 5  # PP7 → PP9 … OP10 → OP9
    by_text = {"".join(t.text for t in p.iter(_w("t"))): p for p in body.iter(_w("p"))}
    for change in renumbered:
        paragraph = by_text[new.find(change.new[0]).text]  # type: ignore[union-attr]
        assert not [e for e in paragraph.iter() if etree.QName(e).localname in ("ins", "del", "moveFrom", "moveTo")]
    assert not any(
        re.match(
            r"\d+\.\s",
            "".join(
                t.text
                for t in p.iter(
                    _w(
                        "t",
                    ),
                    _w("delText"),
                )
            ),
        )
        for p in body
    )


def test_footnotes_are_word_footnotes(seed_redline: tuple[bytes, Document, Document]) -> None:
    data, old, new = seed_redline
    body, notes = _parts(data)
    with zipfile.ZipFile(BytesIO(data)) as package:
        relationships = package.read("word/_rels/document.xml.rels").decode()
        content_types = package.read("[Content_Types].xml").decode()
    assert 'relationships/footnotes" Target="footnotes.xml"' in relationships
    assert "wordprocessingml.footnotes+xml" in content_types
    assert notes is not None
    references = {r.get(_w("id")) for r in body.iter(_w("footnoteReference"))}
    defined = {n.get(_w("id")) for n in notes.findall("w:footnote", NS) if int(n.get(_w("id"))) > 0}
    assert references == defined
    # footnote 5 was replaced: the old text deleted and the new one inserted, each in its own Word footnote
    deleted = ["".join(t.text for t in n.iter(_w("delText"))) for n in notes]
    inserted = ["".join(t.text for t in n.iter(_w("t"))) for n in notes if n.find(".//w:ins", NS) is not None]
    assert "Resolution 55/59, annex." in deleted
    assert any("General Assembly resolution 60/177, annex." in text for text in inserted)
    assert len(new.footnotes) == 11 and len(old.footnotes) == 8


def test_golden_word_redline(seed_redline: tuple[bytes, Document, Document]) -> None:
    """The body and the footnotes of the 58/137 → 2006/27 redline, indented, for review; UNRES_REGENERATE_GOLDEN=1
    rewrites it after a deliberate change (then look at it in LibreOffice or Word)."""
    data, old, new = seed_redline
    data = _redline(old, new)  # by the default author
    with zipfile.ZipFile(BytesIO(data)) as package:
        text = "".join(
            etree.tostring(etree.fromstring(package.read(name)), pretty_print=True, encoding="unicode")
            for name in ("word/document.xml", "word/footnotes.xml")
        )
    golden = Path(__file__).parent / "golden" / "58-137_to_2006-27.docx.xml"
    if os.environ.get("UNRES_REGENERATE_GOLDEN"):
        golden.write_text(text, encoding="utf-8")
    assert text == golden.read_text(encoding="utf-8")


def test_the_same_inputs_give_the_same_bytes(tmp_path: Path) -> None:
    """Whatever PYTHONHASHSEED; dates from SOURCE_DATE_EPOCH (also inside the zip)."""
    outputs = []
    for seed in ("1", "2"):
        path = tmp_path / f"redline-{seed}.docx"
        environment = {**os.environ, "PYTHONHASHSEED": seed, "SOURCE_DATE_EPOCH": EPOCH}
        arguments = ["diff", str(SEEDS["ga-58-137"]), str(SEEDS["ecosoc-2006-27-md"]), "-f", "docx", "-o", str(path)]
        script = f"import sys; from unres.cli import main; sys.argv = ['unres', *{arguments!r}]; main()"
        subprocess.run([sys.executable, "-c", script], env=environment, check=False)
        outputs.append(path.read_bytes())
    assert outputs[0] == outputs[1]
    with zipfile.ZipFile(BytesIO(outputs[0])) as package:
        assert {info.date_time for info in package.infolist()} == {(2023, 11, 14, 22, 13, 20)}
        assert b"2023-11-14T22:13:20Z" in package.read("docProps/core.xml")


# --- the command line ---------------------------------------------------------------------------------------------


AUTHOR = ["--author", "Delegation of X"]


def test_cli_writes_the_word_redline_with_o(tmp_path: Path) -> None:
    path = tmp_path / "redline.docx"
    result = runner.invoke(
        app,
        ["diff", str(SEEDS["ga-58-137"]), str(SEEDS["ecosoc-2006-27-md"]), "-f", "docx", "-o", str(path), *AUTHOR],
    )
    assert result.exit_code == 1  # the versions differ
    assert zipfile.is_zipfile(path)
    body, _ = _parts(path.read_bytes())
    assert {e.get(_w("author")) for e in body.iter(_w("ins"))} == {"Delegation of X"}


def test_cli_refuses_to_write_a_word_file_to_a_terminal() -> None:
    script = (
        "import sys; sys.stdout.isatty = lambda: True; from unres.cli import main; "
        f"sys.argv = ['unres', 'diff', {str(SEEDS['ga-58-137'])!r}, {str(SEEDS['ecosoc-2006-27-md'])!r}, "
        "'--format', 'docx']; main()"
    )
    result = subprocess.run([sys.executable, "-c", script], capture_output=True, check=False)
    assert result.returncode == 2
    assert result.stdout == b""
    assert result.stderr.decode().strip() == (
        "unres: --format docx writes a Word file: give -o FILE (or redirect standard output)"
    )


def test_cli_writes_the_word_redline_to_a_pipe() -> None:
    result = runner.invoke(app, ["diff", str(SEEDS["ga-58-137"]), str(SEEDS["ecosoc-2006-27-md"]), "-f", "docx"])
    assert result.exit_code == 1
    assert result.stdout_bytes.startswith(b"PK\x03\x04")


# --- LibreOffice ----------------------------------------------------------------------------------------------------

SOFFICE = shutil.which("soffice") or shutil.which("libreoffice")


def _convert(source: Path, target: str, profile: Path) -> Path:
    subprocess.run(
        [
            SOFFICE or "soffice",
            f"-env:UserInstallation={profile.as_uri()}",
            "--headless",
            "--convert-to",
            target,
            "--outdir",
            str(source.parent),
            str(source),
        ],
        capture_output=True,
        timeout=180,
        check=False,
    )
    return source.with_suffix("." + target.split(":")[0])


@pytest.mark.skipif(SOFFICE is None, reason="LibreOffice (soffice, Debian's libreoffice-writer-nogui) is not installed")
def test_libreoffice_opens_the_redline_and_prints_it(
    seed_redline: tuple[bytes, Document, Document], tmp_path: Path
) -> None:
    """LibreOffice reads the revisions as revisions: its own file format keeps them as insertions and deletions by
    the author; printed, the page shows the old and the new words."""
    data, _, new = seed_redline
    source = tmp_path / "redline.docx"
    source.write_bytes(data)
    profile = tmp_path / "profile"
    pdf = _convert(source, "pdf", profile)
    assert pdf.read_bytes().startswith(b"%PDF-")
    text = _convert(source, "txt:Text (encoded):UTF8", profile).read_text(encoding="utf-8-sig")
    words = " ".join(text.split())
    assert "Economic and Social Council" in words and "General Assembly" in words
    assert "Recognizes that broad" in words and "Recognizing that broad" in words
    # Shown with its revisions, the page holds the new version's text in order, the deleted words between
    characters, at = "".join(words.split()), 0
    for paragraph in new.walk():
        for character in "".join(paragraph.text.split()):
            at = characters.find(character, at) + 1
            assert at, paragraph.id
    flat = _convert(source, "fodt", profile).read_text(encoding="utf-8")
    assert flat.count("<text:insertion>") > 30 and flat.count("<text:deletion>") > 30
    assert "<dc:creator>Drafting group</dc:creator>" in flat


# LibreOffice's own Accept All / Reject All, driven through its UNO bridge by the system Python (Debian's python3-uno).
_UNO_SCRIPT = """
import subprocess, sys, time
import uno
from com.sun.star.beans import PropertyValue

profile, pipe, *jobs = sys.argv[1:]  # then SOURCE TARGET accept|reject, as many times as wanted
office = subprocess.Popen(
    ["soffice", "-env:UserInstallation=" + profile, "--headless", "--invisible", "--norestore", "--nologo",
     "--accept=pipe,name=" + pipe + ";urp;"],
    stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
)

def prop(name, value):
    item = PropertyValue()
    item.Name, item.Value = name, value
    return item

try:
    local = uno.getComponentContext()
    resolver = local.ServiceManager.createInstanceWithContext("com.sun.star.bridge.UnoUrlResolver", local)
    for _ in range(480):
        try:
            context = resolver.resolve("uno:pipe,name=" + pipe + ";urp;StarOffice.ComponentContext")
            break
        except Exception:
            time.sleep(0.25)
    else:
        sys.exit("LibreOffice did not answer")
    desktop = context.ServiceManager.createInstanceWithContext("com.sun.star.frame.Desktop", context)
    dispatcher = context.ServiceManager.createInstanceWithContext("com.sun.star.frame.DispatchHelper", context)
    for source, target, mode in zip(jobs[0::3], jobs[1::3], jobs[2::3]):
        document = desktop.loadComponentFromURL(uno.systemPathToFileUrl(source), "_blank", 0, (prop("Hidden", True),))
        command = ".uno:AcceptAllTrackedChanges" if mode == "accept" else ".uno:RejectAllTrackedChanges"
        dispatcher.executeDispatch(document.getCurrentController().getFrame(), command, "", 0, ())
        document.storeToURL(uno.systemPathToFileUrl(target), (prop("FilterName", "MS Word 2007 XML"),))
        document.close(True)
    try:
        desktop.terminate()
    except Exception:
        pass
finally:
    try:
        office.wait(timeout=60)
    except subprocess.TimeoutExpired:
        office.kill()
"""
SYSTEM_PYTHON = "/usr/bin/python3"


def _has_uno() -> bool:
    if SOFFICE is None or not Path(SYSTEM_PYTHON).exists():
        return False
    return subprocess.run([SYSTEM_PYTHON, "-c", "import uno"], capture_output=True, check=False).returncode == 0


@pytest.mark.skipif(not _has_uno(), reason="LibreOffice with its Python bridge (Debian's python3-uno) is not installed")
@pytest.mark.parametrize(
    ("old_name", "new_name"),
    [
        ("ga-58-137", "ecosoc-2006-27-md"),
        *DRAFT_PAIRS,
    ],
)
def test_libreoffice_accept_all_gives_the_new_version_and_reject_all_the_old(
    old_name: str, new_name: str, tmp_path: Path
) -> None:
    """The Word redline in a real office suite: LibreOffice opens 58/137 → 2006/27, and its Accept All is 2006/27,
    its Reject All 58/137, paragraph for paragraph with their footnotes (read back by unres); the same for every
    draft/adopted pair of the corpus."""
    drafts = Path(__file__).resolve().parent.parent.parent / "shared" / "corpus" / "drafts"
    old_path = SEEDS.get(old_name, drafts / f"{old_name}.txt")
    new_path = SEEDS.get(new_name, drafts / f"{new_name}.txt")
    if not old_path.exists():
        pytest.skip("../shared/corpus is not present")
    old, new = parse_file(old_path), parse_file(new_path)
    source = tmp_path / "redline.docx"
    source.write_bytes(_redline(old, new))
    script = tmp_path / "resolve.py"
    script.write_text(_UNO_SCRIPT, encoding="utf-8")
    jobs = [str(item) for how in ("accept", "reject") for item in (source, tmp_path / f"{how}ed.docx", how)]
    profile = (tmp_path / "profile").as_uri()
    subprocess.run(
        [SYSTEM_PYTHON, str(script), profile, f"unres-{os.getpid()}", *jobs],
        capture_output=True,
        timeout=300,
        check=False,
    )
    for how, version in (("accept", new), ("reject", old)):
        target = tmp_path / f"{how}ed.docx"
        read = parse_file(target)  # LibreOffice's file has no revisions left
        assert _paragraphs_with_notes(read) == _paragraphs_with_notes(version)
        assert (read.title, read.body) == (version.title, version.body)
        assert [f.text for f in read.footnotes] == [f.text for f in version.footnotes]
