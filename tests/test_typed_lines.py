"""Typed lines (unres/formats/lines.py, unres/formats/text.py) and pure passes (unres/parse.py).

A reader hands the parser lines with styles in spans, not markup; each pass returns a new reading and never changes
the one it was given.
"""

from __future__ import annotations

import dataclasses

import pytest
from hypothesis import given
from hypothesis import strategies as st

from unres.formats.lines import SENTINELS, SourceLine, Span, decode_spans, encode_spans
from unres.formats.text import text_to_lines
from unres.grammar.lines import split_lines
from unres.parse import PASSES, Reading, explain, parse_lines, read_lines


def test_markdown_italics_and_marks_become_spans() -> None:
    (line,) = text_to_lines("*Recalling* its resolution 55/25,[^1] and Crime,²")
    assert line.text == "Recalling its resolution 55/25,1 and Crime,2"
    assert line.spans == (Span(0, 9, "italic"), Span(31, 32, "superscript"), Span(43, 44, "superscript"))
    assert line.raw == "*Recalling* its resolution 55/25,[^1] and Crime,²"


def test_a_markdown_footnote_definition_is_the_lines_note() -> None:
    (line,) = text_to_lines("[^4]: Official Records of the General Assembly")
    assert (line.note, line.text) == ("4", "Official Records of the General Assembly")


def test_a_year_taken_for_a_footnote_definition_is_text() -> None:
    (line,) = text_to_lines("[^2013]: (S/INF/68).")
    assert (line.note, line.text) == (None, "2013 (S/INF/68).")


def test_form_feeds_break_pages_and_the_first_text_of_a_page_says_so() -> None:
    lines = text_to_lines("end of page one\n\f\nstart of page two\nmore")
    assert [(line.text, line.page, line.page_break) for line in lines] == [
        ("end of page one", 1, False),
        ("", 2, True),
        ("start of page two", 2, True),
        ("more", 2, False),
    ]


def test_indentation_is_counted_in_columns_a_tab_four() -> None:
    assert [line.indent for line in text_to_lines("\tRecalling\n  also\nflush")] == [4, 2, 0]


def test_list_markers_headings_and_escapes_go_but_the_printed_line_is_kept() -> None:
    lines = text_to_lines("- Recalling\n## Annex\n\\[sic\\]")
    assert [line.text for line in lines] == ["Recalling", "Annex", "[sic]"]
    assert [line.printed for line in lines] == ["- Recalling", "## Annex", "\\[sic\\]"]


def test_control_characters_and_the_parsers_own_markers_never_pass_a_reader() -> None:
    (line,) = text_to_lines("Recalling\x02 its\x04 resolution")
    assert not set(line.text) & set(SENTINELS)


@st.composite
def styled_lines(draw: st.DrawFn) -> SourceLine:
    """A line of words, some set in italics, some followed by a raised footnote mark."""
    pieces: list[str] = []
    spans: list[Span] = []
    length = 0
    for word in draw(st.lists(st.from_regex(r"[A-Za-z,;.]{1,8}", fullmatch=True), min_size=1, max_size=12)):
        if pieces:
            pieces.append(" ")
            length += 1
        style = draw(st.sampled_from(["plain", "italic", "mark"]))
        if style == "italic":
            spans.append(Span(length, length + len(word), "italic"))
        pieces.append(word)
        length += len(word)
        if style == "mark":
            digits = str(draw(st.integers(1, 999)))
            spans.append(Span(length, length + len(digits), "superscript"))
            pieces.append(digits)
            length += len(digits)
    return SourceLine("".join(pieces), tuple(spans))


@given(styled_lines())
def test_the_in_band_form_of_a_line_holds_exactly_its_text_and_spans(line: SourceLine) -> None:
    assert decode_spans(encode_spans(line)) == (line.text, line.spans)


def test_a_word_documents_literal_markup_is_text_not_style() -> None:
    """A reader that knows its styles (Word, PDF, HTML) hands over text as printed: an asterisk or '[^3]' in it is
    not italics or a footnote mark to the parser."""
    lines = [
        SourceLine("The General Assembly,"),
        SourceLine(""),
        SourceLine("Recalling", (Span(0, 9, "italic"),)),
        SourceLine(""),
        SourceLine("1. Takes note of *the report* cited as [^3];"),
    ]
    document = parse_lines(lines)
    assert document.paragraphs[-1].text == "Takes note of *the report* cited as [^3];"
    assert not document.paragraphs[-1].footnote_refs


def _sample() -> list[SourceLine]:
    return text_to_lines(
        "United Nations A/RES/1/1\n\nThe General Assembly,\n\n*Recalling* its resolution,¹\n\n"
        "1. *Decides* to act;\n\n2. *Requests* a report.\n\n____\n¹ Resolution 55/25.\n\n77th plenary meeting\n"
    )


def test_no_pass_changes_the_reading_it_was_given() -> None:
    reading = Reading(lines=split_lines(_sample()))
    for step in PASSES:
        before = dataclasses.replace(reading, lines=list(reading.lines))
        after = step(reading)
        assert reading == before, step.__name__
        assert after is not reading
        reading = after


def test_lines_are_frozen() -> None:
    line = split_lines(_sample())[0]
    with pytest.raises(dataclasses.FrozenInstanceError):
        line.kind = line.kind  # type: ignore[misc]


def test_every_line_is_explained_by_named_rules() -> None:
    decisions = explain(read_lines(_sample()))
    assert [decision.number for decision in decisions] == list(range(1, len(_sample()) + 1))
    by_text = {decision.text: decision for decision in decisions}
    assert by_text["Recalling its resolution,1"].rules == ("first-paragraph",)
    assert by_text["1. Decides to act;"].rules == ("operative-number",)
    assert by_text["Resolution 55/25."].kind == "footnote"
    assert by_text["The General Assembly,"].rules == ("author",)


def test_files_parsed_side_by_side_are_the_files_parsed_one_by_one(monkeypatch: pytest.MonkeyPatch) -> None:
    import unres.parse
    from tests.conftest import SEEDS
    from unres.errors import InputError
    from unres.parse import parse_file, parse_files

    monkeypatch.setattr(unres.parse, "_PARALLEL_FROM_BYTES", 0)  # workers even for small files
    paths = list(SEEDS.values())
    assert parse_files(paths) == [parse_file(path) for path in paths]
    with pytest.raises(InputError, match=r"^missing\.txt: no such file"):
        parse_files([paths[0], "missing.txt", "also-missing.txt"])
