"""Each rule the parser follows, on a fixture of its own: headings, lists that lost labels, numbers a rendering lost,
marks a rendering glued or could mistake, cut titles; and what `unres parse` does with input that is not a text."""

from __future__ import annotations

import codecs
from pathlib import Path

import pytest
from typer.testing import CliRunner

from unres import parse_file, parse_text
from unres.cli import app
from unres.read import decode_bytes

runner = CliRunner()


def test_a_heading_joined_to_the_paragraph_under_it_is_a_heading() -> None:
    doc = parse_text(
        "The General Assembly,\n\n1. Decides to act;\n\nPartnerships and support mechanisms 2. Invites States to help;\n"
        "\nIII. Conclusion and call to action 3. Requests a report.\n"
    )
    assert [(p.label, p.text, p.section) for p in doc.operative] == [
        ("1", "Decides to act;", None),
        ("2", "Invites States to help;", "Partnerships and support mechanisms"),
        ("3", "Requests a report.", "III. Conclusion and call to action"),
    ]
    assert doc.warnings == []


def test_a_heading_wrapped_over_two_lines_is_one_heading_not_the_end_of_a_paragraph() -> None:
    doc = parse_text(
        "The General Assembly,\n\n1. Decides to act.\n\nII. Implementation of the Programme of Action for\n"
        "Landlocked Developing Countries\n2. Requests a report.\n"
    )
    assert doc.operative[0].text == "Decides to act."
    assert (
        doc.operative[1].section == "II. Implementation of the Programme of Action for Landlocked Developing Countries"
    )


def test_consecutive_headings_are_both_kept() -> None:
    doc = parse_text(
        "The General Assembly,\n\n1. Decides to act.\n\nII. Means of implementation\n\nA. Finance\n\n"
        "2. Requests a report.\n\nB. Trade\n\n3. Invites States.\n"
    )
    assert [p.section for p in doc.operative] == [None, "II. Means of implementation — A. Finance", "B. Trade"]


def test_list_items_that_lost_their_labels_are_labelled_from_the_first_label_left() -> None:
    doc = parse_text(
        "The General Assembly,\n\n1. Requests the Secretary-General:\n\nTo report annually;\n\nTo consult States;\n\n"
        "(c) To continue consultations;\n\n(d) To encourage bodies.\n"
    )
    assert [p.id for p in doc.walk()] == ["OP1", "OP1(a)", "OP1(b)", "OP1(c)", "OP1(d)"]
    assert doc.warnings == [
        "sub-paragraph labels (a) to (b) are missing in this rendering: read from the position of (c)"
    ]


def test_a_label_that_does_not_fit_the_items_before_it_is_reported_not_guessed() -> None:
    doc = parse_text(
        "The General Assembly,\n\n1. Requests the Secretary-General:\n\nTo report annually;\n\n(e) To continue.\n"
    )
    assert [p.id for p in doc.walk()] == ["OP1", "OP1[1]", "OP1(e)"]
    assert doc.warnings == ["sub-paragraph list starts at (e)"]


def test_an_operative_paragraph_that_lost_its_number_stands_on_its_own() -> None:
    doc = parse_text(
        "The General Assembly,\n\n1. Endorses the declaration;\n\nExpresses its gratitude to the host.\n\n"
        "18th plenary meeting\n"
    )
    assert [(p.id, p.text) for p in doc.operative] == [
        ("OP1", "Endorses the declaration;"),
        ("OP2", "Expresses its gratitude to the host."),
    ]
    assert doc.warnings == [
        "an operative paragraph without a number follows paragraph 1 ('Expresses its gratitude to …')"
    ]


def test_a_mark_glued_to_the_next_word_is_a_mark() -> None:
    doc = parse_text(
        "The General Assembly,\n\nRecalling the Treaty 1and the opinion, 2in which the Court concluded,\n\n"
        "1. Decides to act on 3rd and 4th reports.\n\n[^1]: Treaty Series.\n\n[^2]: A/51/218.\n"
    )
    assert doc.paragraphs[0].text == "Recalling the Treaty and the opinion, in which the Court concluded,"
    assert [f.referenced_in for f in doc.footnotes] == [["PP1"], ["PP1"]]
    assert doc.operative[0].text == "Decides to act on 3rd and 4th reports."


def test_a_number_after_a_references_full_stop_is_not_a_mark() -> None:
    doc = parse_text(
        "The General Assembly,\n\nRecalling decisions C-24/DEC.4 and C-24/DEC.5 and document A/58/874/Add.1,\n\n"
        "1. Notes the reports,1 and the Convention.2\n\n[^1]: S/2338/2024.\n\n[^2]: Treaty Series.\n"
    )
    assert doc.paragraphs[0].text == "Recalling decisions C-24/DEC.4 and C-24/DEC.5 and document A/58/874/Add.1,"
    assert [f.referenced_in for f in doc.footnotes] == [["OP1"], ["OP1"]]


def test_a_title_cut_by_a_page_break_does_not_open_a_paragraph() -> None:
    doc = parse_text(
        "The General Assembly,\n\nRecalling the Convention on the Prohibition of the Development, Production,\n\n"
        "Stockpiling and Use of Chemical Weapons,\n\nNoting the report,\n"
    )
    assert [p.text for p in doc.paragraphs] == [
        "Recalling the Convention on the Prohibition of the Development, Production, Stockpiling and Use of Chemical "
        "Weapons,",
        "Noting the report,",
    ]


def test_a_title_cut_short_is_completed_from_the_front_matter_and_its_running_headers_go() -> None:
    text = (
        '---\nsymbol: A/RES/80/8\ntitle: "Building a better world through sport and the Olympic ideal :"\n---\n\n'
        "80/8. Building a better world through sport and the\n\nThe General Assembly,\n\nRecalling its resolution,\n\n"
        "Building a better world through sport and the\n\nNoting the Games,\n\n1. Decides to act.\n"
    )
    doc = parse_text(text)
    assert doc.title == "Building a better world through sport and the Olympic ideal"
    assert doc.warnings == ["the printed title stops at '… sport and the'; completed from the front matter"]
    assert [p.text for p in doc.paragraphs] == ["Recalling its resolution,", "Noting the Games,", "Decides to act."]


def test_a_front_matter_title_that_is_not_the_printed_one_is_not_used() -> None:
    text = (
        '---\ntitle: "Treaty on the South-East Asia Nuclear-Weapon-Free Zone"\n---\n\n'
        "80/52. Implementation of the Convention on Cluster Munitions\n\nThe General Assembly,\n\nRecalling it,\n"
    )
    doc = parse_text(text)
    assert doc.title == "Implementation of the Convention on Cluster Munitions"
    assert doc.warnings == []


def test_a_markdown_rule_is_not_text() -> None:
    doc = parse_text("The General Assembly,\n\n1. Decides to act.\n\n---\n\n[^1]: A note.\n")
    assert doc.operative[0].text == "Decides to act."
    assert [item.reason for item in doc.set_aside if item.text == "---"] == ["separator"]


def test_a_document_system_junk_and_comment_anchors_are_set_aside_not_text() -> None:
    doc = parse_text(
        "The General Assembly,\n\n\tRecalling the Declaration[DU1],\n\t1.\tUrges States.\n"
        "<<ODS JOB NO>>N0350280E<<ODS JOB NO>>\n"
    )
    assert doc.paragraphs[0].text == "Recalling the Declaration,"
    assert doc.metadata.job_number == "N0350280E"
    assert {item.text for item in doc.set_aside if item.reason == "document-system"} >= {"[DU1]"}


def test_a_number_on_its_own_line_opens_the_paragraph_under_it() -> None:
    doc = parse_text("The General Assembly, \n\nRecalling it, \n\n1. \nTakes note of the report; \n\n2. \nDecides. \n")
    assert [(p.label, p.text) for p in doc.operative] == [("1", "Takes note of the report;"), ("2", "Decides.")]


# --- encodings: what read.py does, tested, not changed ------------------------------------------------------------

_TEXT = "The General Assembly,\n\nRecalling the café’s “role”,\n\n1. Décide d’agir.\n"
# Another 8-bit encoding decodes as cp1252 without an error, into mojibake: it must be refused, not read.
_RUSSIAN = "Генеральная Ассамблея,\n\nссылаясь на свою резолюцию о Чернобыле,\n\n1. постановляет продолжить.\n"
_GREEK = "Η Γενική Συνέλευση,\n\nΥπενθυμίζοντας το ψήφισμά της,\n\n1. Αποφασίζει να συνεχίσει.\n"


def test_a_western_text_whose_words_are_all_accented_letters_now_and_then_is_still_cp1252() -> None:
    text = "L’Assemblée générale a été saisie; où en est-on à Genève? Côte d’Ivoire, São Tomé, déjà vu.\n"
    assert decode_bytes(text.encode("cp1252")).text == text


@pytest.mark.parametrize(
    ("encoded", "encoding"),
    [
        (_TEXT.encode("utf-8"), "utf-8"),
        (codecs.BOM_UTF8 + _TEXT.encode("utf-8"), "utf-8-sig"),
        (codecs.BOM_UTF16_LE + _TEXT.encode("utf-16-le"), "utf-16"),
        (codecs.BOM_UTF16_BE + _TEXT.encode("utf-16-be"), "utf-16"),
        (_TEXT.encode("utf-16-le"), "utf-16-le"),
        (_TEXT.encode("utf-16-be"), "utf-16-be"),
        (_TEXT.encode("cp1252"), "cp1252"),
    ],
    ids=["utf-8", "utf-8-bom", "utf-16-le-bom", "utf-16-be-bom", "utf-16-le", "utf-16-be", "cp1252"],
)
def test_every_encoding_reads_to_the_same_document(tmp_path: Path, encoded: bytes, encoding: str) -> None:
    assert decode_bytes(encoded).encoding == encoding
    path = tmp_path / "resolution.txt"
    path.write_bytes(encoded)
    doc = parse_file(path)
    assert [p.text for p in doc.paragraphs] == ["Recalling the café’s “role”,", "Décide d’agir."]
    assert "\ufeff" not in doc.paragraphs[0].text


# --- bad input: one line on stderr, exit 2 -----------------------------------------------------------------------


@pytest.mark.parametrize(
    ("make", "message"),
    [
        (lambda tmp: tmp / "nowhere.txt", "no such file"),
        (lambda tmp: tmp, "is a directory"),
        (lambda tmp: _write(tmp / "binary.bin", bytes(range(256)) * 8), "binary"),
        (lambda tmp: _write(tmp / "empty.txt", b""), "is empty"),
        (lambda tmp: _write(tmp / "blank.txt", b" \n\n \t\n"), "is empty"),
        (lambda tmp: _write(tmp / "koi8.txt", _RUSSIAN.encode("koi8-r")), "not UTF-8, UTF-16 or cp1252"),
        (lambda tmp: _write(tmp / "cp1251.txt", _RUSSIAN.encode("cp1251")), "not UTF-8, UTF-16 or cp1252"),
        (lambda tmp: _write(tmp / "greek.txt", _GREEK.encode("iso8859-7")), "not UTF-8, UTF-16 or cp1252"),
    ],
    ids=["missing", "directory", "binary", "empty", "blank", "koi8-r", "cp1251", "iso8859-7"],
)
def test_bad_input_is_one_line_on_stderr_and_exit_2(tmp_path: Path, make: object, message: str) -> None:
    assert callable(make)
    path = make(tmp_path)
    result = runner.invoke(app, ["parse", str(path)])
    assert result.exit_code == 2
    assert result.stdout == ""
    assert len(result.stderr.strip().splitlines()) == 1
    assert message in result.stderr
    assert "Traceback" not in result.stderr


def _write(path: Path, data: bytes) -> Path:
    path.write_bytes(data)
    return path
