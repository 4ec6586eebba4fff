"""`unres diff` as a user meets it: exit statuses, formats, options, output files."""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest
from typer.testing import CliRunner

from unres.cli import app

from conftest import SEEDS

GOLDEN = Path(__file__).parent / "golden"
OLD, NEW = str(SEEDS["ga-58-137"]), str(SEEDS["ecosoc-2006-27-md"])
runner = CliRunner()


def _golden(name: str, text: str) -> None:
    path = GOLDEN / name
    if os.environ.get("UNRES_REGENERATE_GOLDEN"):
        path.write_text(text, encoding="utf-8")
    assert text == path.read_text(encoding="utf-8")


def test_same_text_exits_0() -> None:
    result = runner.invoke(app, ["diff", OLD, OLD])
    assert result.exit_code == 0


def test_different_texts_exit_1() -> None:
    assert runner.invoke(app, ["diff", OLD, NEW]).exit_code == 1


def test_exit_zero_reports_differences_without_failing() -> None:
    result = runner.invoke(app, ["diff", OLD, NEW, "--exit-zero", "--summary"])
    assert result.exit_code == 0
    assert "Summary" in result.stdout


def test_two_renderings_differing_only_in_layout_and_marks_differ_only_where_the_words_do() -> None:
    result = runner.invoke(app, ["diff", NEW, str(SEEDS["ecosoc-2006-27-pdftotext"]), "--format", "markdown"])
    assert result.exit_code == 1
    headings = [line for line in result.stdout.splitlines() if line.startswith("### ")]
    # "Power." vs "Power," and "crime." vs "crime,"; the pdftotext rendering has no footnote texts
    assert headings == ["### PP1 · modified · 99%", "### PP8 · modified · 99%", "### Footnotes"]
    assert result.stdout.count(" · dropped: ") == 11


@pytest.mark.parametrize("bad", ["missing", "directory", "binary", "empty"])
def test_bad_input_is_one_line_and_exit_2(tmp_path: Path, bad: str) -> None:
    path = tmp_path / bad
    if bad == "directory":
        path.mkdir()
    elif bad == "binary":
        path.write_bytes(bytes(range(256)) * 4)
    elif bad == "empty":
        path.write_bytes(b"")
    result = runner.invoke(app, ["diff", OLD, str(path)])
    assert result.exit_code == 2
    assert result.stderr.startswith("unres: ")
    assert result.stderr.count("\n") == 1
    assert "Traceback" not in result.stderr


def test_standard_input_is_read_for_dash() -> None:
    result = runner.invoke(app, ["diff", OLD, "-"], input=Path(OLD).read_bytes())
    assert result.exit_code == 0


def test_plain_text_is_compared_as_plain_paragraphs_with_a_warning(tmp_path: Path) -> None:
    (tmp_path / "a.txt").write_text("First thought.\n\nSecond thought.\n", encoding="utf-8")
    (tmp_path / "b.txt").write_text("First thought.\n\nA second thought.\n", encoding="utf-8")
    result = runner.invoke(app, ["diff", str(tmp_path / "a.txt"), str(tmp_path / "b.txt"), "--format", "markdown"])
    assert result.exit_code == 1
    assert "no resolution structure" in result.stderr
    assert "### P2 · modified" in result.stdout


def test_only_filters_the_changes_shown() -> None:
    result = runner.invoke(app, ["diff", OLD, NEW, "--only", "split", "--only", "merged", "--format", "markdown"])
    headings = [line for line in result.stdout.splitlines() if line.startswith("### ")]
    assert [h.split(" · ")[:2] for h in headings] == [
        ["### OP4 → OP1\\+OP2", "split"],
        ["### OP6\\+OP7 → OP4", "merged"],
    ]


def test_summary_shows_only_the_table() -> None:
    result = runner.invoke(app, ["diff", OLD, NEW, "--summary", "--width", "100"])
    assert "Summary" in result.stdout
    assert "[-" not in result.stdout
    assert "OP3→PP16" in result.stdout


def test_ignore_case_and_punctuation_make_punctuation_edits_unchanged() -> None:
    md, txt = str(SEEDS["ecosoc-2006-27-md"]), str(SEEDS["ecosoc-2006-27-pdftotext"])
    result = runner.invoke(app, ["diff", md, txt, "--ignore-punctuation", "--format", "json"])
    assert {change["kind"] for change in json.loads(result.stdout)["changes"]} == {"unchanged"}
    assert result.exit_code == 1  # the footnote texts are only in the markdown rendering


def test_output_file_is_written_and_inputs_are_never_overwritten(tmp_path: Path) -> None:
    target = tmp_path / "redline.md"
    result = runner.invoke(app, ["diff", OLD, NEW, "--format", "markdown", "-o", str(target)])
    assert result.exit_code == 1
    assert target.read_text(encoding="utf-8").startswith("## unres diff")
    copy = tmp_path / "old.txt"
    copy.write_bytes(Path(OLD).read_bytes())
    refused = runner.invoke(app, ["diff", str(copy), NEW, "-o", str(copy)])
    assert refused.exit_code == 2
    assert copy.read_bytes() == Path(OLD).read_bytes()


def test_output_is_deterministic() -> None:
    first = runner.invoke(app, ["diff", OLD, NEW, "--format", "json"]).stdout
    assert first == runner.invoke(app, ["diff", OLD, NEW, "--format", "json"]).stdout


def _relative(path: str) -> str:
    return str(Path(path).relative_to(Path(__file__).resolve().parent.parent))


def test_terminal_redline_marks_changes_without_colour_golden(monkeypatch: pytest.MonkeyPatch) -> None:
    """Run from the project folder with relative paths, so the header wraps the same in any checkout."""
    monkeypatch.chdir(Path(__file__).resolve().parent.parent)
    result = runner.invoke(app, ["diff", _relative(OLD), _relative(NEW), "--width", "100"])
    assert "[-" in result.stdout and "{+" in result.stdout
    _golden("58-137_to_2006-27.txt", result.stdout)


def test_markdown_redline_golden(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(Path(__file__).resolve().parent.parent)
    result = runner.invoke(app, ["diff", _relative(OLD), _relative(NEW), "--format", "markdown"])
    _golden("58-137_to_2006-27.md", result.stdout)


def test_markdown_escapes_markup_in_the_text(tmp_path: Path) -> None:
    (tmp_path / "a.txt").write_text("The General Assembly,\n\n1. Urges *all* <b>States</b>;\n", encoding="utf-8")
    (tmp_path / "b.txt").write_text(
        "The General Assembly,\n\n1. Urges [all](x) <b>States</b> | now;\n", encoding="utf-8"
    )
    result = runner.invoke(app, ["diff", str(tmp_path / "a.txt"), str(tmp_path / "b.txt"), "--format", "markdown"])
    assert "<b>" not in result.stdout
    assert "&lt;b&gt;" in result.stdout
    assert "\\[" in result.stdout and "\\]\\(x\\)" in result.stdout


def test_context_elides_long_unchanged_runs_and_keeps_the_spaces() -> None:
    result = runner.invoke(app, ["diff", OLD, NEW, "--only", "modified", "--context", "4", "--width", "200"])
    assert "… the Optional Protocol to[- the Convention on the Rights of the Child-]{+ that Convention+} on the sale of …" in result.stdout


def test_footnote_changes_are_part_of_the_diff() -> None:
    result = runner.invoke(app, ["diff", OLD, NEW, "--format", "json"])
    notes = {(tuple(c["old"]), tuple(c["new"])): c["kind"] for c in json.loads(result.stdout)["footnotes"]}
    assert notes[(("footnote 1",), ("footnote 1",))] == "modified"  # "Resolution" -> "General Assembly resolution"
    assert notes[(("footnote 2",), ("footnote 2",))] == "unchanged"
    assert notes[((), ("footnote 11",))] == "added"
