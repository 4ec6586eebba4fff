"""Hostile text: what a document or a file name holds is never read as rich markup, never reaches the output with
control characters or bidi overrides, and never makes an XML or JSON output ill-formed."""

from __future__ import annotations

import json
import os
import xml.etree.ElementTree as ElementTree
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from typer.testing import CliRunner

from unres.cli import app
from unres.render.safe import html_text, rich_text, visible

runner = CliRunner()

MARKUP = "See [link=https://example.org/x]the report[/link] [sic] [forthcoming] [in preparation] and [/] end."
RESOLUTION = f"The General Assembly,\n\n1. Urges all States[^1];\n\n2. Decides to remain seized;\n\n[^1]: {MARKUP}\n"
LATER = RESOLUTION.replace("Decides to remain seized", "Decides [sic] to remain [bold]actively[/bold] seized")
ACTING = {
    *map(chr, range(0x20)),
    *map(chr, range(0x7F, 0xA0)),
    *map(chr, range(0x202A, 0x202F)),
    *map(chr, range(0x2066, 0x206A)),
    *map(chr, range(0xFDD0, 0xFDF0)),
    "\u061c",
    "\u200e",
    "\u200f",
    "\ufffe",
    "\uffff",
} - {"\n", "\t"}
SURROGATES = set(map(chr, range(0xD800, 0xE000)))
HOSTILE_NAME = "e\x1b[31mvil\u202eexe.txt"


def invoke(args: list[str]) -> str:
    result = runner.invoke(app, args)
    assert result.exit_code in (0, 1), result.output
    assert "internal error" not in result.stderr
    return result.stdout


def test_footnote_text_is_never_markup(tmp_path: Path) -> None:
    path = tmp_path / "r.txt"
    path.write_text(RESOLUTION)
    shown = " ".join(invoke(["parse", str(path), "--width", "400"]).split())
    for literal in ("[link=https://example.org/x]", "[/link]", "[sic]", "[forthcoming]", "[in preparation]", "[/] end"):
        assert literal in shown


def test_blame_text_is_never_markup(tmp_path: Path) -> None:
    old, new = tmp_path / "v1.txt", tmp_path / "v2.txt"
    old.write_text(RESOLUTION)
    new.write_text(LATER)
    shown = " ".join(invoke(["lineage", str(old), str(new), "--blame", "--width", "400"]).split())
    assert "Decides [sic] to remain [bold]actively[/bold] seized" in shown


def test_rich_markup_characters_never_end_in_a_markup_error(tmp_path: Path) -> None:
    path = tmp_path / "r.txt"
    path.write_text(RESOLUTION.replace(MARKUP, "Closing tag alone [/] and [/link] and [bold"))
    assert "[/]" in invoke(["parse", str(path)])


@pytest.fixture
def hostile_files(tmp_path: Path) -> list[str]:
    """Two versions, one with a file name full of escape sequences and bidi overrides, and U+FFFF in its text."""
    first = tmp_path / "first.txt"
    first.write_text(RESOLUTION)
    second = tmp_path / HOSTILE_NAME
    second.write_text(LATER.replace("all States", "all States\uffff"))
    return [str(first), str(second)]


COMMANDS = [
    ["parse", "SECOND"],
    ["diff", "FIRST", "SECOND", "--all"],
    ["diff", "FIRST", "SECOND", "--format", "markdown"],
    ["diff", "FIRST", "SECOND", "--format", "html"],
    ["check", "FIRST", "SECOND"],
    ["check", "FIRST", "SECOND", "--format", "github"],
    ["check", "FIRST", "SECOND", "--format", "junit"],
    ["check", "SECOND", "FIRST", "--format", "junit"],
    ["lineage", "FIRST", "SECOND"],
    ["lineage", "FIRST", "SECOND", "--blame"],
    ["lineage", "FIRST", "SECOND", "--paragraph", "OP2"],
    ["lineage", "FIRST", "SECOND", "--format", "html"],
    ["lineage", "FIRST", "SECOND", "--format", "dot"],
    ["lineage", "FIRST", "SECOND", "--format", "mermaid"],
]


@pytest.mark.parametrize("command", COMMANDS, ids=lambda c: " ".join(c[:1] + c[3:]))
def test_no_acting_character_from_a_file_name_or_text_reaches_the_output(
    hostile_files: list[str], command: list[str]
) -> None:
    args = [{"FIRST": hostile_files[0], "SECOND": hostile_files[1]}.get(arg, arg) for arg in command]
    output = invoke(args)
    assert not set(output) & ACTING, sorted(set(output) & ACTING)
    if "junit" in command:
        ElementTree.fromstring(output.encode())  # well-formed XML 1.0


def test_junit_with_a_noncharacter_in_a_paragraph_is_well_formed(tmp_path: Path) -> None:
    first, second = tmp_path / "a.txt", tmp_path / "b\x01.txt"
    first.write_text(RESOLUTION)
    second.write_text(RESOLUTION.replace("Urges", "Urges\uffff\ufffe"))
    root = ElementTree.fromstring(invoke(["check", str(first), str(second), "--format", "junit"]).encode())
    assert root.tag == "testsuite"


def test_error_messages_show_a_file_name_escaped(tmp_path: Path) -> None:
    result = runner.invoke(app, ["parse", str(tmp_path / HOSTILE_NAME)])
    assert result.exit_code == 2
    assert not set(result.stderr) & ACTING
    assert "\\x1b[31mvil\\u202eexe.txt" in result.stderr


@pytest.mark.parametrize("command", [["parse"], ["diff", "OTHER"], ["check", "OTHER"], ["lineage", "OTHER"]])
def test_a_file_name_that_is_not_utf8_gives_valid_json(tmp_path: Path, command: list[str]) -> None:
    other = tmp_path / "other.txt"
    other.write_text(RESOLUTION)
    odd = tmp_path / os.fsdecode(b"caf\xe9.txt")  # not UTF-8: held as a lone surrogate
    odd.write_text(RESOLUTION)
    args = [command[0], *(str(other) for _ in command[1:]), str(odd), "--format", "json"]
    data = json.loads(invoke(args))
    assert "caf\ufffd.txt" in json.dumps(data, ensure_ascii=False)


def test_the_helper_makes_every_acting_character_visible() -> None:
    assert visible("a\x1bb\u202ec\x85d\udcffe\uffff\nf") == "a\\x1bb\\u202ec\\x85d\\xffe\\uffff\\x0af"
    assert visible("kept\tand\nkept", lines=True) == "kept\tand\nkept"
    assert rich_text("[bold]x[/]").plain == "[bold]x[/]"
    assert html_text('<a href="x">\x1b') == "&lt;a href=&quot;x&quot;&gt;\\x1b"


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet=st.characters(codec=None, exclude_categories=())))
def test_visible_leaves_no_acting_character_and_changes_nothing_else(text: str) -> None:
    shown = visible(text, lines=True)
    assert not set(shown) & (ACTING | SURROGATES)
    if not set(text) & (ACTING | SURROGATES):
        assert shown == text
    assert "\n" not in visible(text)
