"""Reading a Word file that carries tracked changes: refused by default with their number, read as Word's Accept All
or Reject All would leave it with `--revisions accept|reject` (every command that reads files; the library too);
comments are not text."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from unres import InputError, parse_file, read_source
from unres.cli import app

from conftest import SEEDS

W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
REVISION = f'w:author="Delegation A" w:date="2024-03-01T10:00:00Z" xmlns:w="{W}"'
runner = CliRunner()


def _tracked_docx(tmp_path: Path) -> Path:
    """A short resolution with 11 revisions: words replaced, a paragraph inserted, a paragraph moved, two paragraphs
    joined, a footnote reworded; and a comment."""
    import docx
    from docx.opc.constants import RELATIONSHIP_TYPE
    from docx.opc.packuri import PackURI
    from docx.opc.part import Part
    from docx.oxml import parse_xml

    document = docx.Document()
    document.add_paragraph("Strengthening cooperation")
    document.add_paragraph("The General Assembly,")

    def paragraph(xml: str, mark: str = "", numbered: bool = False) -> None:
        numbering = '<w:numPr><w:ilvl w:val="0"/><w:numId w:val="1"/></w:numPr>' if numbered else ""
        mark_xml = f"<w:rPr>{mark}</w:rPr>" if mark else ""
        document.element.body.find(f"{{{W}}}sectPr").addprevious(
            parse_xml(f'<w:p xmlns:w="{W}"><w:pPr>{numbering}{mark_xml}</w:pPr>{xml}</w:p>')
        )

    italic = "<w:rPr><w:i/></w:rPr>"
    paragraph(
        f'<w:r>{italic}<w:t>Recalling</w:t></w:r><w:r><w:t xml:space="preserve"> its resolution</w:t></w:r>'
        f'<w:del w:id="1" {REVISION}><w:r><w:delText xml:space="preserve"> 54/1</w:delText></w:r></w:del>'
        f'<w:ins w:id="2" {REVISION}><w:r><w:t xml:space="preserve"> 55/25</w:t></w:r></w:ins>'
        f'<w:r><w:t>,</w:t></w:r><w:r><w:footnoteReference w:id="1"/></w:r>'
    )
    paragraph(
        f'<w:ins w:id="3" {REVISION}><w:r>{italic}<w:t>Noting</w:t></w:r>'
        '<w:r><w:t xml:space="preserve"> the report of the Secretary-General,</w:t></w:r></w:ins>',
        mark=f'<w:ins w:id="4" {REVISION}/>',
    )
    paragraph(
        '<w:commentRangeStart w:id="0"/><w:r>' + italic + "<w:t>Urges</w:t></w:r>"
        '<w:r><w:t xml:space="preserve"> States to act;</w:t></w:r><w:commentRangeEnd w:id="0"/>'
        '<w:r><w:commentReference w:id="0"/></w:r>',
        numbered=True,
    )
    paragraph(
        f'<w:moveFromRangeStart w:id="5" w:name="move1" {REVISION}/>'
        f'<w:moveFrom w:id="6" {REVISION}><w:r>{italic}<w:delText>Requests</w:delText></w:r>'
        '<w:r><w:delText xml:space="preserve"> a report;</w:delText></w:r></w:moveFrom><w:moveFromRangeEnd w:id="5"/>',
        mark=f'<w:moveFrom w:id="7" {REVISION}/>',
        numbered=True,
    )
    paragraph(
        f'<w:r>{italic}<w:t>Encourages</w:t></w:r><w:r><w:t xml:space="preserve"> States </w:t></w:r>',
        mark=f'<w:del w:id="8" {REVISION}/>',
        numbered=True,
    )
    paragraph("<w:r><w:t>to share information;</w:t></w:r>", numbered=True)
    paragraph(
        f'<w:r>{italic}<w:t>Decides</w:t></w:r><w:r><w:t xml:space="preserve"> to remain seized.</w:t></w:r>',
        numbered=True,
    )
    paragraph(
        f'<w:moveToRangeStart w:id="9" w:name="move1" {REVISION}/>'
        f'<w:moveTo w:id="10" {REVISION}><w:r>{italic}<w:t>Requests</w:t></w:r>'
        '<w:r><w:t xml:space="preserve"> a report.</w:t></w:r></w:moveTo><w:moveToRangeEnd w:id="9"/>',
        mark=f'<w:moveTo w:id="11" {REVISION}/>',
        numbered=True,
    )
    notes = (
        f'<w:footnotes xmlns:w="{W}"><w:footnote w:id="-1"><w:p/></w:footnote><w:footnote w:id="0"><w:p/></w:footnote>'
        '<w:footnote w:id="1"><w:p><w:r><w:t xml:space="preserve">Resolution 55/25, annex </w:t></w:r>'
        f'<w:del w:id="12" {REVISION}><w:r><w:delText>I</w:delText></w:r></w:del>'
        f'<w:ins w:id="13" {REVISION}><w:r><w:t>II</w:t></w:r></w:ins><w:r><w:t>.</w:t></w:r></w:p></w:footnote>'
        "</w:footnotes>"
    )
    part = Part(
        PackURI("/word/footnotes.xml"),
        "application/vnd.openxmlformats-officedocument.wordprocessingml.footnotes+xml",
        notes.encode(),
        document.part.package,
    )
    document.part.relate_to(part, RELATIONSHIP_TYPE.FOOTNOTES)
    path = tmp_path / "draft with changes.docx"
    document.save(str(path))
    return path


ACCEPTED = [
    ("PP1", "Recalling its resolution 55/25,"),
    ("PP2", "Noting the report of the Secretary-General,"),
    ("OP1", "Urges States to act;"),
    ("OP2", "Encourages States to share information;"),
    ("OP3", "Decides to remain seized."),
    ("OP4", "Requests a report."),
]
REJECTED = [
    ("PP1", "Recalling its resolution 54/1,"),
    ("OP1", "Urges States to act;"),
    ("OP2", "Requests a report;"),
    ("OP3", "Encourages States"),
    ("OP4", "to share information;"),
    ("OP5", "Decides to remain seized."),
]


def test_a_word_file_with_tracked_changes_is_refused_with_their_number(tmp_path: Path) -> None:
    path = _tracked_docx(tmp_path)
    result = runner.invoke(app, ["parse", str(path)])
    assert result.exit_code == 2
    assert result.stdout == ""
    assert result.stderr == (
        f"unres: {path}: has 11 tracked changes (revisions); read it with --revisions accept or --revisions reject\n"
    )
    with pytest.raises(InputError, match="has 11 tracked changes"):
        parse_file(path)


@pytest.mark.parametrize(("how", "expected", "footnote"), [("accept", ACCEPTED, "II"), ("reject", REJECTED, "I")])
def test_revisions_read_accepted_or_rejected(
    tmp_path: Path, how: str, expected: list[tuple[str, str]], footnote: str
) -> None:
    path = _tracked_docx(tmp_path)
    result = runner.invoke(app, ["parse", str(path), "--format", "json", "--revisions", how])
    assert result.exit_code == 0, result.stderr
    read = json.loads(result.stdout)
    assert [(p["id"], p["text"]) for p in read["paragraphs"]] == expected
    assert [(f["mark"], f["text"]) for f in read["footnotes"]] == [("1", f"Resolution 55/25, annex {footnote}.")]
    assert read["paragraphs"][0]["footnote_refs"] == [{"mark": "1", "offset": len(expected[0][1])}]
    assert f"read with its 11 tracked changes {how}ed" in read["warnings"][0]
    library = parse_file(path, revisions=how)  # type: ignore[arg-type]
    assert [(p.id, p.text) for p in library.paragraphs] == expected
    assert [p.opening for p in library.paragraphs][:2] == [e[1].split()[0] for e in expected[:2]]


def test_every_command_that_reads_files_takes_revisions(tmp_path: Path) -> None:
    path = str(_tracked_docx(tmp_path))
    for command in (["diff", path, path], ["check", path, path], ["lineage", path, path]):
        refused = runner.invoke(app, command)
        assert refused.exit_code == 2 and "tracked changes" in refused.stderr
        for how in ("accept", "reject"):
            assert runner.invoke(app, [*command, "--revisions", how]).exit_code == 0
    compared = runner.invoke(app, ["diff", path, path, "--revisions", "reject", "--format", "json"])
    assert json.loads(compared.stdout)["counts"]["unchanged"] == len(REJECTED)


def test_an_unknown_way_to_read_revisions_is_refused(tmp_path: Path) -> None:
    path = _tracked_docx(tmp_path)
    result = runner.invoke(app, ["parse", str(path), "--revisions", "ignore"])
    assert result.exit_code == 2
    with pytest.raises(InputError, match="unknown way to read revisions 'ignore'"):
        read_source(path, revisions="ignore")  # type: ignore[arg-type]


def test_a_word_file_without_tracked_changes_reads_the_same_either_way(tmp_path: Path) -> None:
    import docx

    document = docx.Document()
    for text in ("The General Assembly,", "Recalling its resolution 55/25,"):
        document.add_paragraph(text)
    path = tmp_path / "clean.docx"
    document.save(str(path))
    readings = [parse_file(path, revisions=how) for how in (None, "accept", "reject")]  # type: ignore[arg-type]
    assert [[p.text for p in d.paragraphs] for d in readings] == [["Recalling its resolution 55/25,"]] * 3
    assert all(not d.warnings for d in readings)


@pytest.mark.parametrize(("old", "new"), [("ga-58-137", "ecosoc-2006-27-md"), ("ecosoc-2006-27-md", "ga-58-137")])
def test_the_redline_read_with_revisions_is_the_same_as_each_version(tmp_path: Path, old: str, new: str) -> None:
    """`unres diff OLD redline.docx --revisions reject` finds nothing changed, and so does NEW against it accepted."""
    redline = tmp_path / "redline.docx"
    made = runner.invoke(app, ["diff", str(SEEDS[old]), str(SEEDS[new]), "-f", "docx", "-o", str(redline)])
    assert made.exit_code == 1
    for version, how in ((old, "reject"), (new, "accept")):
        result = runner.invoke(app, ["diff", str(SEEDS[version]), str(redline), "--revisions", how, "--summary"])
        assert result.exit_code == 0, result.stdout


def _raw_docx(tmp_path: Path, body: str, numbering: str = "", footnotes: str = "") -> Path:
    """A .docx whose body (and numbering and footnotes parts) are the XML given."""
    import docx
    from docx.opc.constants import RELATIONSHIP_TYPE
    from docx.opc.packuri import PackURI
    from docx.opc.part import Part
    from docx.oxml import parse_xml

    document = docx.Document()
    for paragraph in parse_xml(f'<w:body xmlns:w="{W}">{body}</w:body>'):
        document.element.body.find(f"{{{W}}}sectPr").addprevious(paragraph)
    if numbering:
        document.part.numbering_part.element.extend(parse_xml(f'<w:numbering xmlns:w="{W}">{numbering}</w:numbering>'))
    if footnotes:
        part = Part(
            PackURI("/word/footnotes.xml"),
            "application/vnd.openxmlformats-officedocument.wordprocessingml.footnotes+xml",
            f'<w:footnotes xmlns:w="{W}">{footnotes}</w:footnotes>'.encode(),
            document.part.package,
        )
        document.part.relate_to(part, RELATIONSHIP_TYPE.FOOTNOTES)
    path = tmp_path / "raw.docx"
    document.save(str(path))
    return path


def _numbered(text: str, list_id: int, level: int = 0) -> str:
    return (
        f'<w:p><w:pPr><w:numPr><w:ilvl w:val="{level}"/><w:numId w:val="{list_id}"/></w:numPr></w:pPr>'
        f"<w:r><w:t>{text}</w:t></w:r></w:p>"
    )


def test_lists_count_as_word_counts_them(tmp_path: Path) -> None:
    """Two lists of one abstract numbering share their counters (LibreOffice saves a restarted list so: the first
    paragraph in a list with a startOverride, the rest in the plain one); a startOverride restarts where its list is
    first used."""
    numbering = (
        '<w:abstractNum w:abstractNumId="70"><w:lvl w:ilvl="0"><w:start w:val="1"/></w:lvl></w:abstractNum>'
        '<w:num w:numId="71"><w:abstractNumId w:val="70"/></w:num>'
        '<w:num w:numId="72"><w:abstractNumId w:val="70"/>'
        '<w:lvlOverride w:ilvl="0"><w:startOverride w:val="1"/></w:lvlOverride></w:num>'
    )
    body = (
        "<w:p><w:r><w:t>The General Assembly,</w:t></w:r></w:p>"
        + _numbered("Urges States to act;", 72)
        + _numbered("Calls upon States to report;", 71)
        + _numbered("Decides to remain seized.", 71)
    )
    document = parse_file(_raw_docx(tmp_path, body, numbering))
    assert [(p.id, p.label) for p in document.paragraphs] == [("OP1", "1"), ("OP2", "2"), ("OP3", "3")]


def test_a_footnote_cited_again_and_word_characters_are_read(tmp_path: Path) -> None:
    """A NOTEREF field (complex or simple) to the bookmark on a footnote reference reads as that footnote's mark;
    a non-breaking hyphen written as w:noBreakHyphen is one."""
    reference = '<w:r><w:footnoteReference w:id="5"/></w:r>'
    field = (
        '<w:r><w:fldChar w:fldCharType="begin"/></w:r><w:r><w:instrText xml:space="preserve"> NOTEREF _Ref1 \\h </w:instrText></w:r>'
        '<w:r><w:fldChar w:fldCharType="separate"/></w:r><w:r><w:t>9</w:t></w:r><w:r><w:fldChar w:fldCharType="end"/></w:r>'
    )
    body = (
        "<w:p><w:r><w:t>The General Assembly,</w:t></w:r></w:p>"
        f'<w:p><w:r><w:t>Recalling its resolution 55/25,</w:t></w:r><w:bookmarkStart w:id="1" w:name="_Ref1"/>{reference}'
        '<w:bookmarkEnd w:id="1"/></w:p>'
        f"<w:p><w:r><w:t>Recalling also the non</w:t></w:r><w:r><w:noBreakHyphen/><w:t>binding principles,</w:t></w:r>{field}</w:p>"
        '<w:p><w:r><w:t>Noting the report,</w:t></w:r><w:fldSimple w:instr=" NOTEREF _Ref1 \\f "><w:r><w:t>9</w:t></w:r></w:fldSimple></w:p>'
    )
    notes = '<w:footnote w:id="5"><w:p><w:r><w:t>Resolution 55/25, annex I.</w:t></w:r></w:p></w:footnote>'
    document = parse_file(_raw_docx(tmp_path, body, footnotes=notes))
    assert [(p.text, [r.mark for r in p.footnote_refs]) for p in document.paragraphs] == [
        ("Recalling its resolution 55/25,", ["1"]),
        ("Recalling also the non\u2011binding principles,", ["1"]),
        ("Noting the report,", ["1"]),
    ]
    assert [(f.mark, f.text) for f in document.footnotes] == [("1", "Resolution 55/25, annex I.")]
