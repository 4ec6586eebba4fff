"""PDF, Word and HTML input: chosen by content, read into the same model, refused with one line when unreadable."""

from __future__ import annotations

from pathlib import Path

import pytest
from typer.testing import CliRunner

from unres import check, parse_file
from unres.cli import app
from unres.formats import detect
from unres.models import Excerpt

runner = CliRunner()
_W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"


def test_formats_are_told_by_their_first_bytes() -> None:
    assert detect(b"%PDF-1.7\n...") == "pdf"
    assert detect(b"\xef\xbb\xbf<!DOCTYPE html><html>") == "html"
    assert detect(b"The General Assembly,") == "text"
    assert detect(b"PK\x03\x04broken") == "docx"


@pytest.mark.parametrize(
    ("name", "expected"),
    [
        ("A_RES_73_7-EN.pdf", ("A/RES/73/7", 13, 28, 9)),
        ("A_RES_73_8-EN.pdf", ("A/RES/73/8", 8, 5, 1)),
        ("A_RES_73_6-EN.pdf", ("A/RES/73/6", 25, 14, 6)),  # 25 italic openings, read in the PDF
    ],
)
def test_corpus_pdfs_parse(corpus: Path, name: str, expected: tuple[str, int, int, int]) -> None:
    doc = parse_file(corpus / "pdf" / name)
    assert (doc.symbol, len(doc.preamble), len(doc.operative), len(doc.footnotes)) == expected
    assert doc.paragraphs[0].opening  # read from the italics


def test_a_declaration_adopted_in_the_operative_paragraph_is_its_own_text(corpus: Path) -> None:
    """A/RES/73/3 'Adopts the following political declaration …:' then prints the declaration, numbered 1-53."""
    doc = parse_file(corpus / "pdf" / "A_RES_73_3-EN.pdf")
    assert [p.id for p in doc.paragraphs] == ["OP1"]
    annex = doc.annexes[0]
    assert annex.heading == doc.title
    assert [p.id for p in annex.paragraphs][:3] == ["ANNEX-P1", "ANNEX-1", "ANNEX-2"]
    assert annex.paragraphs[-1].id == "ANNEX-53"
    assert not doc.warnings


def test_pdf_and_its_text_renderings_disagree_only_where_the_text_renderings_went_wrong(corpus: Path) -> None:
    """pdftotext split words it kerned ('Internati onal', 'Amer ica') and lost hyphens ('seventyfourth',
    'post conflict', 'Secretary -General'); the PDF read through its layout has the words as printed."""
    pdf = parse_file(corpus / "pdf" / "A_RES_73_7-EN.pdf")
    text = parse_file(corpus / "A_RES_73_7.txt")
    report = check([pdf, text])
    found = {(d.where, _words_at(d.first), _words_at(d.other)) for d in report.differences}
    assert found == {
        ("PP5", "post-conflict", "post conflict"),
        ("OP19", "Secretary-General", "Secretary -General"),
        ("OP23", "International", "Internati onal"),
        ("OP24", "impact", "impa ct"),
        ("OP28", "seventy-fourth", "seventyfourth"),
    }
    cuba = check([parse_file(corpus / "pdf" / "A_RES_73_8-EN.pdf"), parse_file(corpus / "A_RES_73_8.txt")])
    assert [(d.where, d.kind) for d in cuba.differences] == [("PP3", "text")]


def _words_at(excerpt: Excerpt | None) -> str:
    """The whole words of a check excerpt that hold its differing characters."""
    assert excerpt is not None
    start, end = excerpt.highlights[0][0], excerpt.highlights[-1][1]
    return excerpt.text[excerpt.text.rfind(" ", 0, start) + 1 : excerpt.text.find(" ", end)]


def _docx(tmp_path: Path, tracked: bool = False) -> Path:
    import docx
    from docx.opc.constants import RELATIONSHIP_TYPE
    from docx.opc.packuri import PackURI
    from docx.opc.part import Part
    from docx.oxml import parse_xml

    document = docx.Document()
    document.add_paragraph("Strengthening cooperation")
    document.add_paragraph("The General Assembly,")
    recital = document.add_paragraph()
    recital.add_run("Recalling").italic = True
    recital.add_run(" its resolution 55/25,")
    recital._p.append(parse_xml(f'<w:r xmlns:w="{_W}"><w:footnoteReference w:id="1"/></w:r>'))
    numbered = [
        ("Urges", " States to act:", 0),
        ("", "To ratify the Protocol;", 1),
        ("", "To report;", 1),
        ("Requests", " a report.", 0),
    ]
    for italic, rest, level in numbered:
        paragraph = document.add_paragraph(style="List Number")
        paragraph._p.get_or_add_pPr().get_or_add_numPr().get_or_add_ilvl().val = level
        if italic:
            paragraph.add_run(italic).italic = True
        paragraph.add_run(rest)
    if tracked:
        document.paragraphs[-1]._p.append(
            parse_xml(f'<w:ins xmlns:w="{_W}" w:id="9" w:author="x"><w:r><w:t> now</w:t></w:r></w:ins>')
        )
    notes = (
        f'<w:footnotes xmlns:w="{_W}"><w:footnote w:id="-1"><w:p/></w:footnote><w:footnote w:id="0"><w:p/></w:footnote>'
        '<w:footnote w:id="1"><w:p><w:r><w:t>Resolution 55/25, annex I.</w:t></w:r></w:p></w:footnote></w:footnotes>'
    )
    part = Part(
        PackURI("/word/footnotes.xml"),
        "application/vnd.openxmlformats-officedocument.wordprocessingml.footnotes+xml",
        notes.encode(),
        document.part.package,
    )
    document.part.relate_to(part, RELATIONSHIP_TYPE.FOOTNOTES)
    path = tmp_path / "resolution.docx"
    document.save(str(path))
    return path


def test_a_word_document_with_numbering_footnotes_and_italics_round_trips(tmp_path: Path) -> None:
    doc = parse_file(_docx(tmp_path))
    assert [p.id for p in doc.walk()] == ["PP1", "OP1", "OP1(a)", "OP1(b)", "OP2"]
    assert doc.paragraphs[0].text == "Recalling its resolution 55/25,"
    assert doc.paragraphs[0].footnote_refs[0].mark == "1"
    assert [(f.mark, f.text) for f in doc.footnotes] == [("1", "Resolution 55/25, annex I.")]
    assert doc.operative[0].opening == "Urges"
    assert doc.title == "Strengthening cooperation"


def test_tracked_changes_are_reported_not_silently_accepted(tmp_path: Path) -> None:
    doc = parse_file(_docx(tmp_path, tracked=True))
    assert "tracked changes" in doc.warnings[0]


def test_html_input(tmp_path: Path) -> None:
    path = tmp_path / "resolution.html"
    path.write_text(
        "<!DOCTYPE html><html><head><style>p{}</style></head><body><p>The General Assembly,</p>"
        "<p><i>Recalling</i> the Convention,<sup>1</sup></p><p>1. <i>Urges</i> States &amp; others;</p>"
        "<p><sup>1</sup> Resolution 55/25.</p></body></html>",
        encoding="utf-8",
    )
    doc = parse_file(path)
    assert [p.text for p in doc.walk()] == ["Recalling the Convention,", "Urges States & others;"]
    assert [(f.mark, f.text) for f in doc.footnotes] == [("1", "Resolution 55/25.")]


def _encrypted_pdf(tmp_path: Path) -> Path:
    from pypdf import PdfWriter

    writer = PdfWriter()
    writer.add_blank_page(width=200, height=200)
    writer.encrypt("secret")
    path = tmp_path / "locked.pdf"
    with path.open("wb") as handle:
        writer.write(handle)
    return path


def _scanned_pdf(tmp_path: Path) -> Path:
    from PIL import Image

    path = tmp_path / "scan.pdf"
    Image.new("RGB", (200, 200), "white").save(path, "PDF")
    return path


@pytest.mark.parametrize(
    ("make", "message"),
    [
        (lambda p: (p / "bad.pdf", b"%PDF-1.4\n%broken beyond repair"), "not a readable PDF"),
        (lambda p: (p / "bad.docx", b"PK\x03\x04 not really a zip"), "not a readable Word document"),
        (lambda p: (_encrypted_pdf(p), None), "password-protected"),
        (lambda p: (_scanned_pdf(p), None), "no text layer"),
    ],
)
def test_unreadable_documents_are_one_line_and_exit_2(tmp_path: Path, make, message: str) -> None:  # type: ignore[no-untyped-def]
    path, data = make(tmp_path)
    if data is not None:
        path.write_bytes(data)
    result = runner.invoke(app, ["parse", str(path)])
    assert result.exit_code == 2
    assert message in result.stderr and result.stderr.count("\n") == 1


def test_from_forces_a_format(tmp_path: Path) -> None:
    path = tmp_path / "looks.txt"
    path.write_text("<!DOCTYPE html><p>The General Assembly,</p><p><i>Recalling</i> its work,</p>", encoding="utf-8")
    as_html = runner.invoke(app, ["parse", str(path), "--format", "json"])
    as_text = runner.invoke(app, ["parse", str(path), "--from", "text", "--format", "json"])
    assert '"Recalling its work,"' in as_html.stdout
    assert "&lt;" not in as_text.stdout and as_text.exit_code == 0


def test_text_input_does_not_import_the_pdf_or_word_libraries() -> None:
    import subprocess
    import sys

    code = (
        "import sys, unres; unres.parse_file('examples/ga-58-137.word-export.txt'); "
        "print(any(m.split('.')[0] in ('pdfplumber', 'pdfminer', 'docx') for m in sys.modules))"
    )
    result = subprocess.run(
        [sys.executable, "-c", code],
        capture_output=True,
        text=True,
        check=True,
        cwd=Path(__file__).resolve().parent.parent,
    )
    assert result.stdout.strip() == "False"
