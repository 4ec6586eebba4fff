"""Properties of the parser on generated resolutions: any layout of a resolution reads back to the same paragraphs,
sub-paragraphs and footnotes; any text at all parses without an exception, the same way every time."""

from __future__ import annotations

from functools import partial

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from unres import parse_text
from unres.models import Closing, Document, Footnote, FootnoteRef, Paragraph

from layouts import LAYOUTS, pdftotext

# Short pages as well, so that page breaks (footnote area, page number, job number, running header) cut paragraphs.
_LAYOUTS = {**LAYOUTS, "pdftotext-short-pages": partial(pdftotext, page_lines=5, width=50)}

_OPENERS = ["Recalling", "Reaffirming", "Noting with concern", "Deeply concerned", "Bearing in mind", "Welcoming"]
_VERBS = ["Urges", "Requests", "Decides", "Invites", "Encourages", "Calls upon", "Also requests"]
_LETTERS = "abcdefghijklmnopqrstuvwxyz"
_ROMANS = ["i", "ii", "iii", "iv", "v"]

# Words of any script, lower case, so that no word reads as the opening of a paragraph where a line wraps.
_unicode_word = st.text(
    alphabet=st.characters(categories=["Ll", "Lo"], exclude_characters="ªºßŉǰΐΰﬀﬁﬂﬃﬄﬅﬆ"), min_size=1, max_size=9
)
_plain_word = st.sampled_from(
    ["States", "cooperation", "report", "Council", "victims", "law", "measures", "crime", "the", "of", "and", "role"]
)
_words = st.lists(st.one_of(_plain_word, _plain_word, _unicode_word), min_size=3, max_size=16)


@st.composite
def _text(draw: st.DrawFn, start: str, end: str) -> tuple[str, list[int]]:
    """A clause and the offsets where footnote marks may stand (the end of a word)."""
    words = draw(_words)
    text = start
    ends = []
    for word in words:
        text += " " + word
        ends.append(len(text))
    return text + end, ends


@st.composite
def documents(draw: st.DrawFn) -> Document:
    """A resolution: preambular and operative paragraphs with openings, (a)/(i) sub-paragraphs, footnotes numbered in
    order of first reference."""
    marks = draw(st.integers(0, 5))
    shapes: list[tuple[str, int]] = [("preambular", 0)] * draw(st.integers(1, 4))
    shapes += [("operative", draw(st.integers(0, 3))) for _ in range(draw(st.integers(1, 5)))]
    paragraphs: list[Paragraph] = []
    number = 0
    next_mark = 1
    for index, (kind, subs) in enumerate(shapes):
        end = ":" if subs else ("," if kind == "preambular" else ";")
        if index == len(shapes) - 1 and not subs:
            end = "."
        if kind == "preambular":
            opening = draw(st.sampled_from(_OPENERS))
            pid, label = f"PP{index + 1}", None
        else:
            number += 1
            opening = draw(st.sampled_from(_VERBS))
            pid, label = f"OP{number}", str(number)
        text, ends = draw(_text(opening + " the", end))
        refs = []
        if next_mark <= marks and draw(st.booleans()):
            refs = [FootnoteRef(mark=str(next_mark), offset=draw(st.sampled_from(ends)))]
            next_mark += 1
        children = []
        for position in range(subs):
            last = position == subs - 1
            sub_text, _ = draw(_text("To act on", ("." if index == len(shapes) - 1 else ";") if last else ";"))
            label_sub = _LETTERS[position]
            grand = []
            if draw(st.booleans()) and not last:
                sub_text = sub_text[:-1] + ":"
                for roman in _ROMANS[: draw(st.integers(1, 2))]:
                    item, _ = draw(_text("With regard to", ";"))
                    grand.append(Paragraph(id=f"{pid}({label_sub})({roman})", kind=kind, label=roman, text=item))
            children.append(
                Paragraph(id=f"{pid}({label_sub})", kind=kind, label=label_sub, text=sub_text, subparagraphs=grand)
            )
        paragraphs.append(
            Paragraph(
                id=pid, kind=kind, label=label, opening=opening, text=text, footnote_refs=refs, subparagraphs=children
            )
        )
    used = next_mark - 1
    footnotes = []
    for mark in range(1, used + 1):
        words = " ".join(draw(st.lists(_plain_word, min_size=1, max_size=6)))
        referenced = [p.id for p in paragraphs if any(ref.mark == str(mark) for ref in p.footnote_refs)]
        footnotes.append(Footnote(mark=str(mark), text=f"Resolution {40 + mark}/1, {words}.", referenced_in=referenced))
    return Document(
        symbol="A/RES/80/99",
        number="80/99",
        title="Strengthening cooperation against crime",
        body="The General Assembly",
        paragraphs=paragraphs,
        footnotes=footnotes,
        closing=Closing(meeting="77th plenary meeting", date="22 December 2025"),
    )


def _shape(doc: Document) -> list[tuple[str, str, list[tuple[str, int]]]]:
    return [(p.id, p.text, [(ref.mark, ref.offset) for ref in p.footnote_refs]) for p in doc.walk()]


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(documents(), st.sampled_from(sorted(_LAYOUTS)))
def test_every_layout_of_a_generated_resolution_reads_back_the_same(doc: Document, layout: str) -> None:
    again = parse_text(_LAYOUTS[layout](doc))
    assert _shape(again) == _shape(doc)
    assert [(f.mark, f.text, f.referenced_in) for f in again.footnotes] == [
        (f.mark, f.text, f.referenced_in) for f in doc.footnotes
    ]
    assert (again.title, again.body) == (doc.title, doc.body)
    assert [p.opening for p in again.paragraphs] == [p.opening for p in doc.paragraphs]
    assert again.warnings == []


@settings(max_examples=300, deadline=None)
@given(st.text(max_size=3000))
def test_any_text_parses_without_an_exception_and_the_same_every_time(text: str) -> None:
    first = parse_text(text)
    assert first.model_dump() == parse_text(text).model_dump()
    for paragraph in first.walk():
        assert not any(char in paragraph.text for char in "\x02\x03\x04\x05")


_fragments = st.sampled_from(
    [
        "The General Assembly,\n",
        "1. ",
        "2.\n",
        "(a) ",
        "(i)\t",
        "Recalling ",
        "Urges States",
        ",",
        ";",
        ":\n",
        "\n\n",
        "\f",
        "____\n",
        "¹",
        "2017",
        "6 ",
        "[^3]",
        "[^3]: ",
        "*Urges*",
        "- ",
        "Annex\n",
        "II. ",
        "77th plenary meeting\n",
        "---\n",
        "18-18142 (E)\n",
        "A/RES/73/7\n",
        "$^{6}$",
        "<<ODS JOB NO>>",
        "money-\n",
    ]
)


@settings(max_examples=300, deadline=None)
@given(st.lists(st.one_of(_fragments, st.text(max_size=12)), max_size=80).map("".join))
def test_text_made_of_resolution_pieces_parses_the_same_every_time(text: str) -> None:
    assert parse_text(text).model_dump() == parse_text(text).model_dump()
