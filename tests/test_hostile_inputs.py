"""Hostile inputs end in a named error with one line and exit 2, never in 'internal error', never in a silent exit 0
after part of a file was lost; limits and option ranges are refused the same way and can be raised."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest
from typer.testing import CliRunner

import hostile_inputs as make
from unres import parse_file
from unres.cli import app
from unres.errors import DamagedFileError, LimitError
from unres.read import Limits

runner = CliRunner()


def refused(args: list[str]) -> str:
    """The command ended as trouble, with exactly one line on standard error."""
    result = runner.invoke(app, args)
    assert result.exit_code == 2, (result.stdout, result.stderr)
    assert result.stderr.count("\n") == 1 and result.stderr.startswith("unres: "), result.stderr
    assert "internal error" not in result.stderr
    return result.stderr


DAMAGED: dict[str, tuple[Callable[[], bytes], str]] = {
    "docx-truncated-xml": (make.docx_truncated_xml, "not well-formed XML"),
    "docx-bad-list-level": (make.docx_bad_list_level, "list level"),
    "docx-entity-amplification": (make.docx_entity_amplification, "declares XML entities"),
    "docx-crc-damage": (make.docx_crc_damage, "damaged"),
    "pdf-bad-checksum": (make.pdf_damaged_stream, "damaged"),
    "pdf-truncated-stream": (make.pdf_truncated_stream, "damaged"),
}


@pytest.mark.parametrize("name", DAMAGED)
def test_a_damaged_file_is_a_named_one_line_error(tmp_path: Path, name: str) -> None:
    maker, expected = DAMAGED[name]
    path = tmp_path / name
    path.write_bytes(maker())
    assert expected in refused(["parse", str(path)])  # one line: pdfminer's warnings are not printed
    with pytest.raises(DamagedFileError):
        parse_file(path)


def test_a_sound_word_file_still_reads(tmp_path: Path) -> None:
    path = tmp_path / "sound.docx"
    path.write_bytes(make.docx_bytes())
    document = parse_file(path)
    assert [p.id for p in document.operative] == ["OP1"]


def test_a_zip_bomb_is_refused_before_it_inflates(tmp_path: Path) -> None:
    path = tmp_path / "bomb.docx"
    path.write_bytes(make.docx_bomb(96 * 1024 * 1024))
    assert "inflates to" in refused(["parse", str(path)])
    with pytest.raises(LimitError):
        parse_file(path)


def test_a_pdf_stream_bomb_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "bomb.pdf"
    path.write_bytes(make.pdf_stream_bomb(96 * 1024 * 1024))
    assert "inflates past the limit" in refused(["parse", str(path)])
    assert "--limit inflated" in refused(["parse", str(path), "--limit", "inflated=1000"])


def test_pages_over_the_limit_are_refused_and_the_limit_can_be_raised(tmp_path: Path) -> None:
    path = tmp_path / "pages.pdf"
    path.write_bytes(make.pdf_many_pages(5))
    assert "more than 4 pages" in refused(["parse", str(path), "--limit", "pages=4"])
    assert runner.invoke(app, ["parse", str(path), "--limit", "pages=5"]).exit_code == 0


def test_words_and_paragraphs_over_the_limit_are_refused(tmp_path: Path) -> None:
    path = tmp_path / "r.txt"
    path.write_text("The General Assembly,\n\n" + "".join(f"{i}. Urges all States {i};\n\n" for i in range(1, 40)))
    assert "more than 30 paragraphs" in refused(["parse", str(path), "--limit", "paragraphs=30"])
    assert "more than 100 words" in refused(["diff", str(path), str(path), "--limit", "words=100"])
    assert runner.invoke(app, ["parse", str(path), "--limit", "paragraphs=39"]).exit_code == 0
    with pytest.raises(LimitError):
        parse_file(path, limits=Limits(words=10))


@pytest.mark.parametrize(
    "setting", ["nonsense=1", "pages=many", "pages=0", "pages"], ids=["unknown", "not-a-number", "zero", "no-value"]
)
def test_a_bad_limit_setting_is_one_line(tmp_path: Path, setting: str) -> None:
    path = tmp_path / "r.txt"
    path.write_text("The General Assembly,\n\n1. Urges all States;\n")
    assert "--limit" in refused(["parse", str(path), "--limit", setting])


@pytest.mark.parametrize(
    "args",
    [
        ["parse", "FILE", "--width", "100000000000000000000000"],
        ["parse", "FILE", "--width", "10000000"],
        ["diff", "FILE", "FILE", "--context", "100000000"],
        ["lineage", "FILE", "FILE", "--lookback", "100000000"],
    ],
    ids=["width-1e23", "width-1e7", "context", "lookback"],
)
def test_option_ranges_are_one_line(tmp_path: Path, args: list[str]) -> None:
    path = tmp_path / "r.txt"
    path.write_text("The General Assembly,\n\n1. Urges all States;\n")
    assert "must be between" in refused([str(path) if arg == "FILE" else arg for arg in args])


def test_a_word_file_with_too_many_paragraphs_is_refused_when_opened(tmp_path: Path) -> None:
    path = tmp_path / "long.docx"
    path.write_bytes(make.docx_bytes())
    assert "more than 2 paragraphs" in refused(["parse", str(path), "--limit", "paragraphs=2"])
    assert runner.invoke(app, ["parse", str(path), "--limit", "paragraphs=3"]).exit_code == 0
