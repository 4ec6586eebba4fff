"""The line the PDF, Word and HTML readers assemble from styled pieces (unres/formats/styled.py)."""

from __future__ import annotations

from itertools import pairwise

from hypothesis import given
from hypothesis import strategies as st

from unres.formats.lines import decode_spans, encode_spans
from unres.formats.styled import StyledLine

_STYLES = st.lists(st.sampled_from(["italic", "bold", "superscript"]), max_size=2, unique=True)
_PIECES = st.lists(
    st.tuples(st.text(alphabet=st.sampled_from("ab *_[^]#- \t\x02\x04\n1²"), max_size=6), _STYLES, st.booleans()),
    max_size=8,
)


def _line(pieces: list[tuple[str, list[str], bool]]) -> StyledLine:
    styled = StyledLine()
    for text, styles, is_mark in pieces:
        if is_mark:
            styled.mark("7")
        styled.add(text, *styles)  # type: ignore[arg-type]
    return styled


@given(_PIECES)
def test_the_line_is_its_pieces_text_with_spans_inside_it_and_no_in_band_character(
    pieces: list[tuple[str, list[str], bool]],
) -> None:
    line = _line(pieces).line()
    assert not any(char in line.text for char in "\x02\x03\x04\x05\n\t")
    assert line.text == line.text.strip()
    literal = "".join(("7" if is_mark else "") + text for text, _, is_mark in pieces)
    for char in "*_[^]#-":  # markup characters are text: every one given is there
        assert line.text.count(char) == literal.count(char)
    for span in line.spans:
        assert 0 <= span.start < span.end <= len(line.text)
        if span.style != "superscript":
            assert not line.text[span.start].isspace() and not line.text[span.end - 1].isspace()
    for style in ("italic", "bold", "superscript"):
        own = [span for span in line.spans if span.style == style]
        assert all(a.end <= b.start for a, b in pairwise(own))  # one style's stretches never overlap


@given(_PIECES)
def test_the_parser_s_in_band_form_gives_the_text_back(pieces: list[tuple[str, list[str], bool]]) -> None:
    line = _line(pieces).line()
    assert decode_spans(encode_spans(line))[0] == line.text
