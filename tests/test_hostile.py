"""Hostile input: nothing a file holds may reach a terminal raw, crash a command or vanish unreported."""

from __future__ import annotations

from pathlib import Path

import pytest
from typer.testing import CliRunner

from unres import align, parse_file
from unres.cli import app

HOSTILE = Path(__file__).parent / "hostile"
runner = CliRunner()

_CONTROL = {chr(c) for c in range(32) if chr(c) not in "\n\t"} | {chr(c) for c in range(0x7F, 0xA0)}
_BIDI = {chr(c) for c in (*range(0x202A, 0x202F), *range(0x2066, 0x206A))}


@pytest.mark.parametrize("path", sorted(HOSTILE.glob("*")), ids=lambda p: p.name)
@pytest.mark.parametrize("command", [["parse"], ["parse", "--format", "json"], ["diff-self"]])
def test_no_control_or_bidi_character_reaches_the_output(path: Path, command: list[str]) -> None:
    args = ["diff", str(path), str(path), "--all"] if command == ["diff-self"] else [*command, str(path)]
    result = runner.invoke(app, args)
    assert result.exit_code in (0, 1), result.output
    assert not (set(result.stdout) & (_CONTROL | _BIDI))


def test_escape_sequences_in_a_file_name_are_shown_escaped() -> None:
    result = runner.invoke(app, ["parse", "/nowhere/\x1b[31mred"])
    assert result.exit_code == 2
    assert "\x1b" not in result.stderr
    assert "\\x1b[31mred" in result.stderr


def test_words_around_invisible_characters_survive() -> None:
    doc = parse_file(HOSTILE / "rtl-zero-width.txt")
    assert "zerowidth" in doc.paragraphs[0].text
    assert "isolate" in doc.paragraphs[0].text
    assert "الدول" in doc.operative[0].text


def test_a_file_mixing_encodings_still_parses_every_paragraph() -> None:
    doc = parse_file(HOSTILE / "mixed-encodings.txt")
    assert [p.id for p in doc.paragraphs] == ["PP1", "OP1"]
    assert align(doc, doc).identical


def test_files_over_the_size_limit_are_refused(tmp_path: Path) -> None:
    result = runner.invoke(app, ["parse", str(HOSTILE / "terminal-escapes.txt"), "--max-size", "20"])
    assert result.exit_code == 2
    assert "larger than the limit" in result.stderr


@pytest.mark.parametrize(
    "text",
    [
        "The General Assembly,\n\nRecalling " + "word, " * 200_000 + "\n",  # one 1.2 MB line
        "\n" * 100_000 + "The General Assembly,\n\n1. Urges all;\n",
        "The General Assembly,\n\n1. Decides:\n" + "".join(f"({'abcdefgh'[i % 8]}) item;\n(i) sub;\n" for i in range(3000)),
        "The General Assembly,\n\n" + "".join(f"{i}. Urges States {i} and {i + 1}, 5 6,{i};\n" for i in range(1, 5000)),
    ],
    ids=["long-line", "empty-lines", "nested-labels", "many-numbers"],
)
def test_pathological_inputs_parse_and_diff_without_error(text: str) -> None:
    from unres import parse_text

    doc = parse_text(text)
    assert align(doc, doc).identical
