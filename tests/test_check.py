"""`unres check`: renderings that differ only in layout agree; any changed word or comma is reported, once."""

from __future__ import annotations

import json
import random
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from typer.testing import CliRunner

from unres import check, parse_file, parse_text
from unres.cli import app
from unres.models import CheckProfile, Document

from conftest import SEEDS
from layouts import LAYOUTS

runner = CliRunner()
MD, TXT = str(SEEDS["ecosoc-2006-27-md"]), str(SEEDS["ecosoc-2006-27-pdftotext"])


def test_the_two_2006_27_renderings_disagree_exactly_where_their_texts_do() -> None:
    """Read side by side, the markdown rendering ends PP1 and PP8 with a full stop where pdftotext has a comma, and
    only the markdown one carries the footnote texts; every other word and mark is the same."""
    report = check([parse_file(MD), parse_file(TXT)])
    found = [(d.where, d.kind, d.first, d.other) for d in report.differences]
    assert found == [
        ("PP1", "text", "…Crime and Abuse of Power«.»", "…Crime and Abuse of Power«,»"),
        ("PP8", "text", "…action to curb transnational crime«.»", "…action to curb transnational crime«,»"),
        ("footnotes", "footnotes", "11 footnote texts", "0 footnote texts"),
    ]
    assert not report.agree


@pytest.mark.parametrize("layout", sorted(LAYOUTS))
@pytest.mark.parametrize("seed", sorted(SEEDS))
def test_a_seed_rerendered_in_another_layout_agrees(seed: str, layout: str) -> None:
    original = parse_file(SEEDS[seed])
    rerendered = parse_text(LAYOUTS[layout](original), source=layout)
    report = check([original, rerendered])
    assert report.differences == []


def _with_edit(doc: Document, rng: random.Random, comma: bool) -> tuple[Document, str, str]:
    """The document with one word replaced (or one comma added) in one paragraph; returns it, the id and the word."""
    candidates = [p for p in doc.walk() if len(p.text.split()) > 6 and not p.footnote_refs]
    target = rng.choice(candidates)
    words = target.text.split(" ")
    position = rng.randrange(2, len(words) - 1)
    changed = "," if comma else "Zanzibar"
    words[position] = words[position] + "," if comma else changed
    new_text = " ".join(words)

    def replace(paragraph):  # type: ignore[no-untyped-def]
        subs = [replace(sub) for sub in paragraph.subparagraphs]
        text = new_text if paragraph.id == target.id else paragraph.text
        return paragraph.model_copy(update={"text": text, "subparagraphs": subs})

    return doc.model_copy(update={"paragraphs": [replace(p) for p in doc.paragraphs]}), target.id, changed


@settings(max_examples=25, deadline=None)
@given(st.sampled_from(sorted(SEEDS)), st.sampled_from(sorted(LAYOUTS)), st.booleans(), st.integers(0, 1000))
def test_one_changed_word_or_comma_is_reported_exactly(seed: str, layout: str, comma: bool, number: int) -> None:
    original = parse_file(SEEDS[seed])
    edited, where, changed = _with_edit(original, random.Random(number), comma)
    report = check([original, parse_text(LAYOUTS[layout](edited), source=layout)])
    assert [(d.where, d.kind) for d in report.differences] == [(where, "text")]
    assert changed in (report.differences[0].other or "")


@settings(max_examples=30, deadline=None)
@given(st.sampled_from(sorted(SEEDS)))
def test_a_document_agrees_with_itself(seed: str) -> None:
    doc = parse_file(SEEDS[seed])
    assert check([doc, doc]).agree


def test_typography_is_layout_unless_strict() -> None:
    a = parse_text("The General Assembly,\n\nRecalling the “Act” of 2012–2013,\n")
    b = parse_text('The General Assembly,\n\nRecalling the "Act" of 2012-2013,\n')
    assert check([a, b]).agree
    strict = check([a, b], CheckProfile(quotes=False, dashes=False, unicode=False, whitespace=False))
    assert [d.where for d in strict.differences] == ["PP1", "PP1", "PP1"]  # opening quote, closing quote, dash


def test_a_paragraph_missing_from_one_rendering_is_one_structural_item_and_one_missing_paragraph() -> None:
    a = parse_text("The General Assembly,\n\n1. Urges all States to act;\n\n2. Decides to remain seized.\n")
    b = parse_text("The General Assembly,\n\n1. Decides to remain seized.\n")
    kinds = [(d.where, d.kind) for d in check([a, b]).differences]
    assert kinds == [("structure", "count"), ("OP1", "missing"), ("OP2", "numbering")]


# --- the command line ------------------------------------------------------------------------------------------


def test_exit_statuses() -> None:
    assert runner.invoke(app, ["check", MD, MD]).exit_code == 0
    assert runner.invoke(app, ["check", MD, TXT]).exit_code == 1
    assert runner.invoke(app, ["check", MD]).exit_code == 2


@pytest.mark.parametrize("bad", ["missing", "binary", "empty"])
def test_unreadable_files_exit_2_with_one_line(tmp_path: Path, bad: str) -> None:
    path = tmp_path / bad
    if bad == "binary":
        path.write_bytes(bytes(range(256)) * 8)
    elif bad == "empty":
        path.write_bytes(b"")
    result = runner.invoke(app, ["check", MD, str(path)])
    assert result.exit_code == 2
    assert result.stderr.count("\n") == 1 and result.stderr.startswith("unres: ")


def test_more_than_two_files_are_each_checked_against_the_first() -> None:
    result = runner.invoke(app, ["check", MD, MD, TXT, "--format", "json"])
    data = json.loads(result.stdout)
    assert result.exit_code == 1
    assert {d["file"] for d in data["differences"]} == {TXT}
    assert data["files"] == [MD, MD, TXT]


def test_github_annotations_and_junit() -> None:
    github = runner.invoke(app, ["check", MD, TXT, "--format", "github"]).stdout.splitlines()
    assert len(github) == 3 and all(line.startswith(f"::error file={TXT},") for line in github)
    assert github[0].startswith(f"::error file={TXT},line=13,")  # where PP1 starts in the pdftotext file
    junit = runner.invoke(app, ["check", MD, TXT, "--format", "junit"]).stdout
    import xml.etree.ElementTree as ElementTree

    suite = ElementTree.fromstring(junit.split("?>", 1)[1])
    assert suite.get("failures") == "1"
    assert len(suite.findall("testcase/failure")) == 1


def test_explain_prints_the_profile_in_force() -> None:
    result = runner.invoke(app, ["check", MD, MD, "--explain", "--keep-quotes"])
    assert "quotes" in result.stderr and "footnote-mark style" in result.stderr
