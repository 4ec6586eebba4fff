"""Blow-ups: every hostile input of the corpus (made in the test) is read, or refused, within 60 s and 600 MB,
measured on the real command in a child process; and the parts made linear stay linear."""

from __future__ import annotations

import time
from pathlib import Path

import pytest

from hostile_inputs import CORPUS, measure
from unres.formats.pdf import _group_lines, _Word
from unres.redline import redline

SECONDS = 60
MEGABYTES = 600

@pytest.mark.parametrize("name", CORPUS)
def test_a_hostile_input_is_read_or_refused_in_bounded_time_and_memory(tmp_path: Path, name: str) -> None:
    path = tmp_path / name
    path.write_bytes(CORPUS[name]())
    result = measure(["parse", str(path), "--format", "json"])
    assert result["status"] in (0, 2), result
    assert "internal error" not in str(result["stderr"])
    assert str(result["stderr"]).count("\n") <= 3, result["stderr"]  # warnings, never a hundred lines of them
    assert float(str(result["seconds"])) < SECONDS, result
    assert float(str(result["megabytes"])) < MEGABYTES, result


def _word(text: str, top: float, x0: float, size: float = 10.0) -> _Word:
    return _Word(text, x0, x0 + 20, top, top + size, size, italic=False, barcode=False)


def test_line_grouping_is_linear_on_a_page_of_thousands_of_lines() -> None:
    words = [_word(f"w{column}", line * 4.0, 72 + column * 30) for line in range(5000) for column in range(4)]
    marks = [_word("1", line * 4.0 - 1, 200, size=6) for line in range(0, 5000, 10)]
    start = time.monotonic()
    lines = _group_lines(words + marks, 10.0)
    assert time.monotonic() - start < 3  # minutes before: every word was compared with every line
    assert len(lines) == 5000
    assert all(len(line) == 4 or len(line) == 5 for line in lines)


def test_line_grouping_keeps_the_first_line_within_tolerance() -> None:
    words = [_word("a", 100, 72), _word("b", 102.5, 100), _word("c", 105, 130), _word("d", 101, 160)]
    lines = _group_lines(words, 10.0)
    assert [[w.text for w in line] for line in lines] == [["a", "b", "d"], ["c"]]


def test_a_redline_of_two_one_megabyte_paragraphs_is_bounded() -> None:
    old = " ".join(f"w{i % 5000}" for i in range(170_000))
    new = old.replace("w17 ", "w18 ")
    start = time.monotonic()
    edits = redline(old, new)
    assert time.monotonic() - start < 5  # past 3,000 tokens: clauses, then whole texts
    assert "".join(e.text for e in edits if e.op != "insert") == old


@pytest.mark.parametrize(
    "markup",
    ["<a " * 100_000, "<!--" * 100_000, '<p title="' + "<a " * 100_000, "<!" + "x<" * 100_000, "<div>" * 100_000],
    ids=["unfinished-tags", "unfinished-comments", "unfinished-attribute", "declarations", "nesting"],
)
def test_html_reading_is_linear_on_unfinished_constructs(markup: str) -> None:
    from unres.formats.html import html_to_lines

    start = time.monotonic()
    html_to_lines("<html><body><p>The General Assembly,</p>" + markup)
    assert time.monotonic() - start < 3  # the standard library's parser took minutes: quadratic on each of these
