"""The HTML redline: structure checked by parsing the page, escaping of hostile text, determinism, a real browser."""

from __future__ import annotations

import os
import shutil
import subprocess
import tempfile
from html.parser import HTMLParser
from pathlib import Path

import pytest

from unres import align, parse_file, parse_text
from unres.models import Document
from unres.render.html import diff_html

from conftest import SEEDS

GOLDEN = Path(__file__).parent / "golden"


class Page(HTMLParser):
    """Every element with its attributes, ids, links and the text inside <del>, <ins> and <script>."""

    def __init__(self, text: str) -> None:
        super().__init__(convert_charrefs=True)
        self.elements: list[tuple[str, dict[str, str | None]]] = []
        self.stack: list[str] = []
        self.text_in: dict[str, list[str]] = {"del": [], "ins": [], "script": [], "article": []}
        self.feed(text)

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.elements.append((tag, dict(attrs)))
        if tag not in ("meta", "br", "link", "input"):
            self.stack.append(tag)

    def handle_endtag(self, tag: str) -> None:
        while self.stack and self.stack.pop() != tag:
            pass

    def handle_data(self, data: str) -> None:
        for tag in self.text_in:
            if tag in self.stack:
                self.text_in[tag].append(data)

    @property
    def ids(self) -> list[str]:
        return [attrs["id"] or "" for _, attrs in self.elements if "id" in attrs]

    def by_class(self, name: str) -> list[dict[str, str | None]]:
        return [attrs for _, attrs in self.elements if name in (attrs.get("class") or "").split()]


def _redline(layout: str = "inline") -> tuple[str, Document, Document]:
    old, new = parse_file(SEEDS["ga-58-137"]), parse_file(SEEDS["ecosoc-2006-27-md"])
    return diff_html(align(old, new), old, new, layout=layout), old, new


def test_every_change_is_on_the_page_with_its_anchor_and_every_link_lands() -> None:
    page_text, old, new = _redline()
    page = Page(page_text)
    ids = page.ids
    assert len(ids) == len(set(ids)), "anchors are unique"
    for paragraph in new.all_paragraphs():
        assert paragraph.id in ids
    for paragraph in old.all_paragraphs():
        assert f"old-{paragraph.id}" in ids or paragraph.id in ids
    for _, attrs in page.elements:
        href = attrs.get("href")
        if href and href.startswith("#"):
            assert href[1:] in ids, f"link {href} lands nowhere"


def test_changes_are_semantic_del_and_ins_and_kinds_are_labelled() -> None:
    page = Page(_redline()[0])
    assert "Recognizes" in "".join(page.text_in["del"])
    assert "Recognizing" in "".join(page.text_in["ins"])
    articles = page.by_class("change")
    kinds = {kind for attrs in articles for kind in (attrs.get("class") or "").split()} - {"change"}
    assert kinds == {"unchanged", "modified", "moved", "split", "merged", "added"}
    moved = [a for a in articles if "moved" in (a.get("class") or "")]
    assert {a["id"] for a in moved} == {"PP16", "OP5", "OP6"}


def test_moved_split_and_merged_paragraphs_link_both_ways() -> None:
    page_text = _redline()[0]
    assert 'moved from <a href="#old-OP3">OP3</a> (operative part)' in page_text
    assert 'id="old-OP3">OP3 (operative part) moved to <a href="#PP16">PP16</a>' in page_text
    assert 'merged from <a href="#old-OP6">OP6</a> (operative part) and <a href="#old-OP7">OP7</a>' in page_text
    assert 'split from <a href="#old-OP4">OP4</a>' in page_text


def test_footnotes_are_listed_and_marked() -> None:
    page = Page(_redline()[0])
    ids = page.ids
    assert [i for i in ids if i.startswith("fn-")] == [f"fn-{n}" for n in range(1, 12)]
    assert any(attrs.get("href") == "#fn-11" for _, attrs in page.elements)


def test_the_page_is_self_contained_and_makes_no_request() -> None:
    page = Page(_redline()[0])
    for tag, attrs in page.elements:
        assert tag not in ("link", "img", "iframe", "object", "embed")
        assert "src" not in attrs
        href = attrs.get("href")
        assert href is None or href.startswith("#")
    assert "http" not in "".join(page.text_in["script"])


def test_output_is_deterministic() -> None:
    assert _redline()[0] == _redline()[0]
    assert _redline("side-by-side")[0] == _redline("side-by-side")[0]


def test_golden_redline() -> None:
    """UNRES_REGENERATE_GOLDEN=1 rewrites it after a deliberate change; then look at it in a browser."""
    page_text = _redline()[0]
    golden = GOLDEN / "58-137_to_2006-27.html"
    if os.environ.get("UNRES_REGENERATE_GOLDEN"):
        golden.write_text(page_text, encoding="utf-8")
    assert page_text == golden.read_text(encoding="utf-8")


HOSTILE = '<script>alert(1)</script> " onmouseover="alert(2) &amp; <img src=x onerror=alert(3)>'


def test_hostile_text_in_every_field_appears_as_text() -> None:
    text = f"The General Assembly,\n\nRecalling {HOSTILE},¹\n\n1. Urges {HOSTILE};\n\n¹ Footnote {HOSTILE}\n"
    old = parse_text(text.replace("Urges", "Requests"), source=f"old{HOSTILE}.txt")
    new = parse_text(text, source=f"new{HOSTILE}.txt")
    new = new.model_copy(update={"title": HOSTILE, "symbol": HOSTILE})
    for layout in ("inline", "side-by-side"):
        page = Page(diff_html(align(old, new), old, new, layout=layout))
        assert [tag for tag, _ in page.elements].count("script") == 1  # only the page's own
        assert not any(tag == "img" for tag, _ in page.elements)
        assert not any(name.startswith("on") for _, attrs in page.elements for name in attrs)
        assert "<script>alert(1)</script>" in "".join(page.text_in["article"])


@pytest.mark.skipif(shutil.which("chromium") is None, reason="Debian's chromium is not installed")
def test_a_real_browser_renders_the_redline(tmp_path: Path) -> None:
    page_file = tmp_path / "redline.html"
    page_file.write_text(_redline()[0], encoding="utf-8")
    with tempfile.TemporaryDirectory() as profile:
        result = subprocess.run(
            [
                "chromium",
                "--headless",
                "--no-sandbox",
                "--disable-gpu",
                "--disable-background-networking",
                "--disable-component-update",
                "--disable-sync",
                "--no-first-run",
                f"--user-data-dir={profile}",
                "--dump-dom",
                page_file.as_uri(),
            ],
            capture_output=True,
            text=True,
            timeout=120,
            check=True,
        )
    dom = Page(result.stdout)
    assert len(dom.by_class("change")) == 37  # 8 unchanged, 19 modified, 3 moved, 1 split, 1 merged, 5 added
    assert dom.text_in["del"] and dom.text_in["ins"]
    assert "PP16" in dom.ids and "old-OP3" in dom.ids
