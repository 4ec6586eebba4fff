"""One comparison model, one view: every diff format shows the same selection of changes, and the title."""

from __future__ import annotations

import json
import re

import pytest
from rich.console import Console
from typer.testing import CliRunner

from unres import parse_file, parse_text
from unres.cli import app
from unres.compare import compare
from unres.models import Comparison, ViewOptions
from unres.render import change_ids, kind_label
from unres.render.html import diff_html
from unres.render.json import to_json
from unres.render.markdown import diff_markdown
from unres.render.terminal import diff_view

from conftest import SEEDS

runner = CliRunner()

VIEWS = {
    "default": ViewOptions(),
    "all": ViewOptions(show_all=True),
    "only moved-modified": ViewOptions(only=["moved-modified"]),
    "only added and split": ViewOptions(only=["added", "split"]),
    "only unchanged": ViewOptions(only=["unchanged"]),
    "summary": ViewOptions(summary_only=True),
    "context 3": ViewOptions(context=3),
}


@pytest.fixture(scope="module")
def documents() -> tuple[object, object]:
    return parse_file(SEEDS["ga-58-137"]), parse_file(SEEDS["ecosoc-2006-27-md"])


def _comparison(documents: tuple[object, object], view: ViewOptions) -> Comparison:
    old, new = documents
    return compare(old, new, view=view)  # type: ignore[arg-type]


def _text_ids(comparison: Comparison) -> list[str]:
    console = Console(width=400, no_color=True, record=True, file=open("/dev/null", "w"))  # noqa: SIM115
    console.print(diff_view(comparison, markers=True))
    labels = "|".join(re.escape(kind_label(kind)) for kind in ("unchanged", "modified", "moved", "moved-modified",
                                                                  "split", "merged", "added", "dropped"))
    found = re.findall(rf"^(\S+(?: → \S+)?)  (?:{labels})\b", console.export_text(), flags=re.M)
    ids = [found_ids.replace(" → ", "→").removeprefix("—→").removesuffix("→—") for found_ids in found]
    return [i for i in ids if not i.startswith(("footnote", "title"))]


def _markdown_ids(comparison: Comparison) -> list[str]:
    found = re.findall(r"^### (.+?) · ", diff_markdown(comparison), flags=re.M)
    return [ids.replace("\\", "").replace(" → ", "→") for ids in found if ids != "Title"]


def _html_ids(comparison: Comparison) -> list[str]:
    """Changes marked on the page: an article of a kind, not context (an unchanged one counts only when shown)."""
    page = diff_html(comparison)
    if "<main" not in page:
        return []
    articles = re.findall(r'<article class="change ([\w-]+)( context)?"[^>]*aria-label="([^"]+?)(?:, [\w-]+)?"', page)
    shown_unchanged = comparison.view.shows_kind("unchanged")
    return [
        ids.replace(" → ", "→").replace("&gt;", ">")
        for kind, context, ids in articles
        if not context and (kind != "unchanged" or shown_unchanged)
    ]


def _expected(comparison: Comparison) -> list[str]:
    return [change_ids(change, "→") for change in comparison.changes]


@pytest.mark.parametrize("name", sorted(VIEWS))
def test_every_format_shows_the_same_changes(documents: tuple[object, object], name: str) -> None:
    comparison = _comparison(documents, VIEWS[name])
    expected = _expected(comparison)
    assert _text_ids(comparison) == expected
    assert _markdown_ids(comparison) == expected
    assert sorted(_html_ids(comparison)) == sorted(expected)  # the page keeps dropped paragraphs in their old place
    data = json.loads(to_json(comparison.shown()))
    shown = [c for c in data["changes"] if comparison.view.shows_kind(c["kind"])]
    assert [change_ids_of(c) for c in shown] == expected
    footnotes = {change_ids_of(c) for c in data["footnotes"] if comparison.view.shows_kind(c["kind"])}
    assert footnotes == {change_ids(c, "→") for c in comparison.footnotes}


def change_ids_of(change: dict[str, list[str]]) -> str:
    old, new = "+".join(change["old"]), "+".join(change["new"])
    return old or new if not old or not new else (old if old == new else f"{old}→{new}")


def test_only_selects_footnotes_too_and_json_lists_nothing_else(documents: tuple[object, object]) -> None:
    comparison = _comparison(documents, ViewOptions(only=["added"]))
    data = json.loads(to_json(comparison.shown()))
    assert {c["kind"] for c in data["changes"]} == {"added"}
    assert {c["kind"] for c in data["footnotes"]} == {"added"}
    assert data["counts"] == comparison.alignment.counts  # the counts are of the whole comparison


def test_the_default_json_is_the_whole_alignment(documents: tuple[object, object]) -> None:
    comparison = _comparison(documents, ViewOptions())
    assert comparison.shown() == comparison.alignment


def test_a_summary_shows_no_change_in_any_format(documents: tuple[object, object]) -> None:
    comparison = _comparison(documents, ViewOptions(summary_only=True))
    assert comparison.entries == [] and comparison.footnotes == []
    assert "<main" not in diff_html(comparison)
    assert "### " not in diff_markdown(comparison)


def test_html_marks_only_the_kinds_asked_for_and_keeps_the_rest_as_plain_text(documents: tuple[object, object]) -> None:
    page = diff_html(_comparison(documents, ViewOptions(only=["moved-modified"])))
    assert 'class="change modified"' not in page
    assert page.count('class="change moved-modified"') == 3
    assert 'class="change unchanged context" id="PP5"' in page  # the Bangkok paragraph, modified, reads as text


_OLD = "Draft title\n\nThe General Assembly,\n\nRecalling its work,\n\n1. Decides to act.\n"
_NEW = "Renamed title\n\nThe General Assembly,\n\nRecalling its work,\n\n1. Decides to act.\n"


def test_a_renamed_title_is_a_change_in_every_format(tmp_path: object) -> None:
    comparison = compare(parse_text(_OLD), parse_text(_NEW))
    assert comparison.title is not None and not comparison.alignment.identical
    assert [(e.op, e.text.strip()) for e in comparison.title.edits if e.op != "equal"] == [
        ("delete", "Draft"),
        ("insert", "Renamed"),
    ]
    assert "Title changed" in diff_html(comparison)
    assert "### Title · modified" in diff_markdown(comparison)
    assert json.loads(to_json(comparison.shown()))["title"]["new"] == ["title"]


def test_a_renamed_title_makes_diff_exit_1(tmp_path: object) -> None:
    from pathlib import Path

    folder = Path(str(tmp_path))
    (folder / "old.txt").write_text(_OLD, encoding="utf-8")
    (folder / "new.txt").write_text(_NEW, encoding="utf-8")
    result = runner.invoke(app, ["diff", str(folder / "old.txt"), str(folder / "new.txt"), "--no-color"])
    assert result.exit_code == 1
    assert "title  modified" in result.stdout
    assert re.search(r"title changed\s+│\s+1", result.stdout)
    same = runner.invoke(app, ["diff", str(folder / "old.txt"), str(folder / "old.txt")])
    assert same.exit_code == 0


@pytest.mark.parametrize("fmt", ["docx", "amendments"])
def test_view_options_are_refused_where_the_format_writes_every_change(tmp_path: object, fmt: str) -> None:
    result = runner.invoke(
        app, ["diff", str(SEEDS["ga-58-137"]), str(SEEDS["ecosoc-2006-27-md"]), "--format", fmt, "--only", "added",
              "-o", f"{tmp_path}/out"]
    )
    assert result.exit_code == 2
    assert "writes every change" in result.stderr
