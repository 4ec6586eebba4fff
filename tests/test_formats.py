"""PDF, Word and HTML input: chosen by content, read into the same model, refused with one line when unreadable."""

from __future__ import annotations

from pathlib import Path

import pytest
from typer.testing import CliRunner

from pdf_writer import Page, pdf_bytes
from unres import InputError, check, parse_file
from unres.cli import app
from unres.formats import detect
from unres.formats.lines import SourceLine
from unres.formats.pdf import pdf_to_lines
from unres.models import Document, Excerpt

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


# What the pdftotext renderings got wrong, pinned: (paragraph, as printed in the PDF, as the text rendering has it).
_TEXT_RENDERING_ERRORS = {
    "A_RES_73_7.txt": {
        ("PP5", "post-conflict", "post conflict"),  # the hyphen at a line end lost
        ("OP19", "Secretary-General", "Secretary -General"),
        ("OP23", "International", "Internati onal"),  # a kerning split
        ("OP24", "impact", "impa ct"),
        ("OP28", "seventy-fourth", "seventyfourth"),  # the hyphen at a line end lost
    },
    "variants/A_RES_73_7.pdftotext-layout.txt": {
        ("OP19", "Secretary-General", "Secretary -General"),
        ("OP23", "International", "Internati onal"),
        ("OP24", "impact", "impa ct"),
    },
    "A_RES_73_8.txt": {("PP3", "America", "Amer ica")},
    "variants/A_RES_73_8.pdftotext-layout.txt": {("PP3", "America", "Amer ica")},
}
# Where the PDF's italics end an opening phrase earlier than the parser's vocabulary guesses from plain text.
_OPENINGS_FROM_ITALICS = {
    "73_7": {
        "PP9": ("Expressing its appreciation", "Expressing"),
        "OP6": ("Encourages", "Encourages further"),
        "OP20": ("Encourages", "Encourages further"),
        "OP22": ("Expresses its appreciation", "Expresses"),
        "OP26": ("Takes note", "Takes note of"),
    },
    "73_8": {
        "PP5": ("Taking note", "Taking note of"),
        "OP1": ("Takes note", "Takes note of"),
        "OP2": ("Reiterates its call upon", "Reiterates"),
    },
}


@pytest.mark.parametrize("rendering", sorted(_TEXT_RENDERING_ERRORS))
def test_pdf_has_the_paragraphs_of_its_text_rendering(corpus: Path, rendering: str) -> None:
    """Same ids, labels, footnote marks and footnotes; the texts differ only where the text rendering went wrong."""
    number = "73_7" if "73_7" in rendering else "73_8"
    pdf = parse_file(corpus / "pdf" / f"A_RES_{number}-EN.pdf")
    text = parse_file(corpus / rendering)
    assert _shape(pdf) == _shape(text)
    assert [(f.mark, f.text, f.referenced_in) for f in pdf.footnotes] == [
        (f.mark, f.text, f.referenced_in) for f in text.footnotes
    ]
    differing = set()
    for ours, theirs in zip(pdf.walk(), text.walk(), strict=True):
        if ours.text != theirs.text:
            differing |= {(ours.id, a, b) for a, b in _differing_words(ours.text, theirs.text)}
    assert differing == _TEXT_RENDERING_ERRORS[rendering]
    openings = {p.id: (p.opening, q.opening) for p, q in zip(pdf.walk(), text.walk(), strict=True)}
    assert {k: v for k, v in openings.items() if v[0] != v[1]} == _OPENINGS_FROM_ITALICS[number]
    assert pdf.title == text.title and pdf.metadata == text.metadata and pdf.closing == text.closing
    assert not pdf.warnings


def _shape(document: Document) -> list[tuple[str, str | None, list[str]]]:
    return [(p.id, p.label, [r.mark for r in p.footnote_refs]) for p in document.walk()]


def _differing_words(ours: str, theirs: str) -> list[tuple[str, str]]:
    """Each differing stretch as whole words on both sides."""
    import difflib

    a, b = ours.split(), theirs.split()
    matcher = difflib.SequenceMatcher(None, a, b, autojunk=False)
    return [(" ".join(a[i1:i2]), " ".join(b[j1:j2])) for op, i1, i2, j1, j2 in matcher.get_opcodes() if op != "equal"]


def test_73_6_counts_read_in_the_pdf(corpus: Path) -> None:
    """25 italic preambular openings, operative paragraphs 1-14 and footnotes 1-6, counted in the PDF itself;
    footnote 6 runs on to the next page's footnote area and is read whole, not into OP5 beside it."""
    doc = parse_file(corpus / "pdf" / "A_RES_73_6-EN.pdf")
    assert [p.id for p in doc.paragraphs] == [f"PP{n}" for n in range(1, 26)] + [f"OP{n}" for n in range(1, 15)]
    assert all(p.opening for p in doc.paragraphs)
    assert [f.mark for f in doc.footnotes] == [str(n) for n in range(1, 7)]
    assert doc.footnotes[-1].text.endswith(
        "A/AC.105/1166, A/AC.105/1168, A/AC.105/1169, A/AC.105/1170, A/AC.105/1171, A/AC.105/1172, A/AC.105/1173, A/AC.105/1174, A/AC.105/1175, A/AC.105/1180 and A/AC.105/1181."
    )
    assert "A/AC.105" not in doc.operative[4].text
    assert doc.closing is not None and doc.closing.meeting == "26th plenary meeting"


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


def test_tracked_changes_are_refused_not_silently_accepted(tmp_path: Path) -> None:
    """More in tests/test_docx_revisions.py."""
    path = _docx(tmp_path, tracked=True)
    with pytest.raises(InputError, match="has 1 tracked change"):
        parse_file(path)
    assert parse_file(path, revisions="accept").operative[-1].text == "Requests a report. now"
    assert parse_file(path, revisions="reject").operative[-1].text == "Requests a report."


def test_a_word_document_keeps_its_literal_markup_characters(tmp_path: Path) -> None:
    """Word text is not markdown: asterisks, underscores, `[^3]`, a leading '#' or '- ' are characters printed."""
    import docx

    from unres.formats.docx import docx_to_lines

    document = docx.Document()
    document.add_paragraph("The General Assembly,")
    recital = document.add_paragraph()
    recital.add_run("Recalling").italic = True
    recital.add_run(" rule *12* of its rules [^3] and the _draft_ text,")
    document.add_paragraph("# - * not a heading, a dash nor a star")
    document.add_paragraph("- a leading dash")
    path = tmp_path / "literal.docx"
    document.save(str(path))
    lines, _ = docx_to_lines(path.read_bytes(), "literal.docx")
    texts = [line.text for line in lines if line.text]
    assert texts == [
        "The General Assembly,",
        "Recalling rule *12* of its rules [^3] and the _draft_ text,",
        "# - * not a heading, a dash nor a star",
        "- a leading dash",
    ]
    assert [_styled(line) for line in lines if line.text] == [[], [("Recalling", "italic")], [], []]
    assert [line.origin for line in lines if line.text] == [f"paragraph {n}" for n in range(1, 5)]
    doc = parse_file(path)
    text = " ".join(paragraph.text for paragraph in doc.walk())
    assert text.startswith("Recalling rule *12* of its rules [^3] and the _draft_ text,")
    assert "# - * not a heading, a dash nor a star" in text and "- a leading dash" in text
    assert doc.paragraphs[0].opening == "Recalling" and not doc.paragraphs[0].footnote_refs and not doc.footnotes


def test_word_footnotes_are_raised_numbers_and_lines_that_open_their_note(tmp_path: Path) -> None:
    from unres.formats.docx import docx_to_lines

    lines, _ = docx_to_lines(_docx(tmp_path).read_bytes(), "resolution.docx")
    recital = next(line for line in lines if line.text.startswith("Recalling"))
    assert _styled(recital) == [("Recalling", "italic"), ("1", "superscript")]
    note = next(line for line in lines if line.note)
    assert (note.note, note.text, note.origin) == ("1", "Resolution 55/25, annex I.", "footnote 1")
    assert [line.text for line in lines if line.text.startswith("(")] == ["(a) To ratify the Protocol;", "(b) To report;"]


def test_marks_side_by_side_stay_two_notes_while_a_raised_run_split_in_two_is_one() -> None:
    from unres.formats.styled import StyledLine

    line = StyledLine().add("Assembly,").mark("1").mark("2").add(" and ").add("2", "superscript").add("3", "superscript")
    assert _styled(line.line()) == [("1", "superscript"), ("2", "superscript"), ("23", "superscript")]
    spaced = StyledLine().add(" ").add("Recalling", "italic").add(" ").add("also ", "italic").add(" it,").line()
    assert (spaced.text, _styled(spaced)) == ("Recalling also  it,", [("Recalling also", "italic")])


def test_html_keeps_its_literal_asterisks_and_reads_its_tags_into_spans() -> None:
    from unres.formats.html import html_to_lines

    lines = html_to_lines(
        "<html><body>\n<p>The *General* Assembly,</p>\n<p><em>Recalling</em>  <i>also</i> rule [^3],<sup>2</sup></p>"
        "<p><sup>2</sup> Rule <b>2</b>.³</p></body></html>"
    )
    assert [(line.text, _styled(line), line.note) for line in lines if line.text] == [
        ("The *General* Assembly,", [], None),
        ("Recalling also rule [^3],2", [("Recalling also", "italic"), ("2", "superscript")], None),
        ("Rule 2.3", [("2", "bold"), ("3", "superscript")], "2"),  # a superscript digit is a raised digit
    ]
    assert lines[0].origin == "line 2"


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


L, INDENT = 72.0, 96.0


def _italic(*words: str) -> list[tuple[str, str]]:
    return [("italic", word) for word in words]


def _laid_out_resolution() -> bytes:
    """Two pages set as the United Nations sets a resolution: header block, italic openings (one wrapped onto a
    second line), raised small footnote marks, a drawn footnote rule, a footnote running on to page 2's footnote
    area, running header, job number and page number in the margins."""
    first = (
        Page()
        .text(L, 50, "United Nations", size=14)
        .text(430, 50, "A/RES/99/1")
        .text(L, 74, "General Assembly", size=20)
        .text(430, 74, "Distr.: General")
        .text(L, 130, "99/1. Strengthening cooperation", font="bold", size=12)
        .line(INDENT, 160, "*The General Assembly,*")
        .line(INDENT, 180, "*Recalling* its resolution 55/25 of 15 November 2000,^1 and")
        .line(L, 192, "all its previous relevant resolutions on the question of cooperation,")
        .line(INDENT, 212, "*Taking note with deep appreciation and great interest*")
        .line(L, 224, "*of* the efforts of States to act on the question before it,")
        .line(INDENT, 244, "1. *Urges* States to act on the question and to report")
        .line(L, 256, "to the General Assembly at its next session on the steps taken")
        .rule(L, L + 72, 690)
        .line(L + 18, 704, "^1 United Nations, Treaty Series, vol. 2225.", size=8.5)
        .line(L + 18, 716, "^2 See the report of the Secretary-General on the work", size=8.5)
        .text(L, 745, "99-12345 (E) 010199")
    )
    second = (
        Page()
        .text(L, 50, "A/RES/99/1", size=8.5)
        .text(400, 50, "Strengthening cooperation", size=8.5)
        .line(L, 80, "in the field;^2")
        .line(INDENT, 100, "2. *Requests* the Secretary-General to submit a report on")
        .line(L, 112, "the implementation of the present resolution;")
        .line(INDENT, 132, "3. *Decides* to remain seized of the matter.")
        .text(L, 690, "__________________")
        .line(L, 704, "of the Organization (A/99/1).", size=8.5)
        .text(L, 756, "2/2", size=8.5)
        .text(500, 756, "99-12345", size=7)
    )
    return pdf_bytes([first, second])


def test_a_pdf_reads_marks_italics_and_footnotes_from_its_fonts_and_drops_page_furniture(tmp_path: Path) -> None:
    path = tmp_path / "laid-out.pdf"
    path.write_bytes(_laid_out_resolution())
    doc = parse_file(path)
    assert (doc.symbol, doc.title, doc.metadata.distribution) == ("A/RES/99/1", "Strengthening cooperation", "General")
    assert [(p.id, p.opening) for p in doc.walk()] == [
        ("PP1", "Recalling"),
        ("PP2", "Taking note with deep appreciation and great interest of"),  # wrapped over two lines
        ("OP1", "Urges"),
        ("OP2", "Requests"),
        ("OP3", "Decides"),
    ]
    assert doc.operative[0].text.endswith("on the steps taken in the field;")  # no running header between
    assert [(p.id, [r.mark for r in p.footnote_refs]) for p in doc.walk() if p.footnote_refs] == [
        ("PP1", ["1"]),
        ("OP1", ["2"]),
    ]
    assert [(f.mark, f.text) for f in doc.footnotes] == [
        ("1", "United Nations, Treaty Series, vol. 2225."),
        ("2", "See the report of the Secretary-General on the work of the Organization (A/99/1)."),
    ]
    assert not doc.warnings
    lines = pdf_to_lines(path.read_bytes(), "laid-out.pdf")
    text = "\n".join(line.text for line in lines)
    assert "99-12345" not in text and "2/2" not in text and text.count("A/RES/99/1") == 1
    assert [(line.page, line.text) for line in lines if line.page_break] == [(2, "in the field;2")]


def test_a_pdf_keeps_the_marks_italics_and_footnotes_it_sees_as_spans_and_notes() -> None:
    lines = {line.text: line for line in pdf_to_lines(_laid_out_resolution(), "laid-out.pdf")}
    recital = lines["Recalling its resolution 55/25 of 15 November 2000,1 and"]
    assert _styled(recital) == [("Recalling", "italic"), ("1", "superscript")]
    assert (recital.page, recital.origin, recital.indent) == (1, "page 1", INDENT - L)
    # an opening phrase wrapped onto a second line goes on in italics there, as printed (the parser joins the two)
    wrapped = lines["Taking note with deep appreciation and great interest"]
    assert _styled(wrapped) == [("Taking note with deep appreciation and great interest", "italic")]
    assert _styled(lines["of the efforts of States to act on the question before it,"]) == [("of", "italic")]
    assert _styled(lines["The General Assembly,"]) == [("The General Assembly", "italic")]  # its comma is no italic
    assert _styled(lines["99/1. Strengthening cooperation"]) == [("99/1. Strengthening cooperation", "bold")]
    notes = [(line.note, line.page, line.text) for line in lines.values() if line.note]
    assert notes == [
        ("1", 1, "United Nations, Treaty Series, vol. 2225."),
        ("2", 1, "See the report of the Secretary-General on the work"),
    ]
    carried = lines["of the Organization (A/99/1)."]  # joined to its note, on the page that prints it
    assert (carried.note, carried.page, carried.page_break) == (None, 2, False)


def test_a_footnote_s_wrapped_lines_are_indented_under_its_number_even_after_a_full_stop(tmp_path: Path) -> None:
    """The parser joins a note's next line to it when it is indented under the note or the note is unfinished: a
    line after one that ends a sentence ('vol. I.') must still read as indented, on its page and on the next."""
    first = (
        Page()
        .text(L, 50, "A/RES/99/2")
        .line(INDENT, 160, "*The General Assembly,*")
        .line(INDENT, 180, "*Recalling* its resolution 55/25,^1")
        .line(INDENT, 200, "1. *Urges* States to act on the question and to report.^2")
        .rule(L, L + 72, 690)
        .line(L + 12, 704, "^1 See Official Records of the General Assembly, Sixty-first Session, vol. I.", size=8.5)
        .line(L + 18, 714, "resolution 61/1.", size=8.5)
        .line(L + 12, 726, "^2 A/61/1. The report.", size=8.5)
    )
    second = Page().line(INDENT, 100, "2. *Decides* to remain seized of the matter.")
    second.rule(L, L + 72, 690).line(L + 18, 704, "Second line of note two.", size=8.5)
    path = tmp_path / "notes.pdf"
    path.write_bytes(pdf_bytes([first, second]))
    lines = pdf_to_lines(path.read_bytes(), "notes.pdf")
    assert [(line.text, line.note, line.page) for line in lines if line.indent >= 2] == [
        ("resolution 61/1.", None, 1),
        ("Second line of note two.", None, 2),  # joined to note 2, on the page it is printed on
    ]
    doc = parse_file(path)
    assert [(f.mark, f.text) for f in doc.footnotes] == [
        ("1", "See Official Records of the General Assembly, Sixty-first Session, vol. I. resolution 61/1."),
        ("2", "A/61/1. The report. Second line of note two."),
    ]
    assert [p.text for p in doc.operative] == [
        "Urges States to act on the question and to report.",
        "Decides to remain seized of the matter.",
    ]


def _styled(line: SourceLine) -> list[tuple[str, str]]:
    return [(line.text[span.start : span.end], span.style) for span in line.spans]


def test_a_page_in_two_columns_is_read_column_by_column() -> None:
    left = [f"left {n} words of the first column" for n in range(1, 11)]
    right = [f"right {n} words of the second column" for n in range(1, 11)]
    page = Page().text(L, 80, "A heading that spans both of the columns set below it on the page")
    for row, (a, b) in enumerate(zip(left, right, strict=True)):
        page.words(L, 110 + 12 * row, *a.split()).words(320, 110 + 12 * row, *b.split())
    page.text(L, 260, "A closing line that spans both of the columns again, below the two of them")
    lines = [line.text for line in pdf_to_lines(pdf_bytes([page]), "columns.pdf") if line.text]
    assert lines == [
        "A heading that spans both of the columns set below it on the page",
        *left,
        *right,
        "A closing line that spans both of the columns again, below the two of them",
    ]


def test_a_page_in_one_column_with_a_gap_between_words_is_not_read_as_two_columns() -> None:
    page = Page()
    for row in range(12):
        page.words(L, 100 + 12 * row, "a", "line", "of", "body", "text", "with", "words", "across", "the", "page")
    page.text(L, 70, "United Nations").text(430, 70, "A/RES/99/1")
    lines = [line.text for line in pdf_to_lines(pdf_bytes([page]), "one.pdf") if line.text]
    assert lines[0] == "United Nations A/RES/99/1"


def test_the_library_takes_the_format_too(tmp_path: Path) -> None:
    path = tmp_path / "page.txt"
    path.write_text("<p>The General Assembly,</p><p><i>Recalling</i> its work,</p>", encoding="utf-8")
    assert parse_file(path, format="html").paragraphs[0].opening == "Recalling"
    with pytest.raises(InputError, match="unknown input format 'odt'"):
        parse_file(path, format="odt")  # type: ignore[arg-type]
