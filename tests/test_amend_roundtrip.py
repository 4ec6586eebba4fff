"""Written amendments are exact: applying `diff OLD NEW --format amendments`, read back from its text, to OLD gives
NEW paragraph for paragraph, on generated edits of the example resolutions and on every pair of real renderings."""

from __future__ import annotations

import itertools
import random
from functools import cache
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from benchmarks.synthetic import edit_document, scaled_document
from unres import (
    Document,
    Paragraph,
    amendments_between,
    apply_amendments,
    parse_amendment_text,
    parse_file,
    parse_text,
)
from unres.amend import paragraph_from_text
from unres.render.amendments import amendments_text
from unres.render.resolution_text import resolution_text

from conftest import CORPUS, DRAFT_PAIRS, SEEDS

WORDS = [
    "Welcomes",
    "strongly",
    "the",
    "of",
    "Chornobyl",
    "regional,",
    "and",
    "(2025)",
    "international",
    "Member States",
]


def _key(document: Document) -> tuple[str, list[tuple[str, str]]]:
    """What must survive: the title and each paragraph's kind and full text, whitespace normalised."""
    return " ".join((document.title or "").split()), [
        (p.kind, " ".join(p.full_text().split())) for p in document.all_paragraphs()
    ]


def _round_trip(old: Document, new: Document) -> None:
    instructions = amendments_between(old, new)
    if not instructions:
        assert _key(old) == _key(new)
        return
    text = amendments_text(instructions)
    amendment = parse_amendment_text(text)
    assert [(i.kind, i.targets) for i in amendment.instructions] == [(i.kind, i.targets) for i in instructions]
    result = apply_amendments(old, [amendment])
    assert [i.message for i in result.instructions if i.status != "applied"] == []
    assert _key(result.document) == _key(new), text


@cache
def _example(name: str) -> Document:
    return parse_file(SEEDS[name])


def _document(title: str | None, paragraphs: list[tuple[str, str]]) -> Document:
    """A document from (kind, full text) pairs, numbered as the parser numbers them."""
    built: list[Paragraph] = []
    counters = {"preambular": 0, "operative": 0}
    for kind, text in paragraphs:
        counters[kind] += 1
        paragraph = paragraph_from_text(text, kind)  # type: ignore[arg-type]
        _number(paragraph, f"{'PP' if kind == 'preambular' else 'OP'}{counters[kind]}")
        if kind == "operative":
            paragraph.label = str(counters[kind])
        built.append(paragraph)
    return Document(title=title, paragraphs=built)


def _number(paragraph: Paragraph, paragraph_id: str) -> None:
    paragraph.id = paragraph_id
    for sub in paragraph.subparagraphs:
        _number(sub, f"{paragraph_id}({sub.label})")


@st.composite
def edited(draw: st.DrawFn) -> tuple[Document, Document]:
    """An example resolution and a version of it after a few drafters' edits: words replaced, inserted or deleted,
    paragraphs added, dropped or moved, a word replaced everywhere, the title changed."""
    old = _example(draw(st.sampled_from(sorted(SEEDS))))
    title = old.title
    paragraphs = [(p.kind, p.full_text()) for p in old.paragraphs if p.kind in ("preambular", "operative")]
    old = _document(title, paragraphs)
    for _ in range(draw(st.integers(1, 5))):
        operation = draw(st.sampled_from(["word", "insert", "delete", "add", "drop", "move", "everywhere", "title"]))
        index = draw(st.integers(0, len(paragraphs) - 1))
        kind, text = paragraphs[index]
        words = text.split(" ")
        at = draw(st.integers(0, len(words) - 1))
        word = draw(st.sampled_from(WORDS))
        if operation == "word":
            words[at] = word
        elif operation == "insert":
            words.insert(at, word)
        elif operation == "delete" and len(words) > 1:
            del words[at]
        elif operation == "add":
            paragraphs.insert(index, (kind, f"{word.capitalize()} the new text number {index},"))
            continue
        elif operation == "drop" and len(paragraphs) > 2:
            del paragraphs[index]
            continue
        elif operation == "move":
            moved = paragraphs.pop(index)
            target = draw(st.integers(0, len(paragraphs)))
            kinds = [k for k, _ in paragraphs[:target]]
            paragraphs.insert(target, ("operative" if "operative" in kinds else moved[0], moved[1]))
            continue
        elif operation == "everywhere":
            chosen = draw(st.sampled_from(sorted({w for w in text.split() if w.isalpha() and len(w) > 3} or {"the"})))
            paragraphs = [(k, " ".join(word if w == chosen else w for w in t.split(" "))) for k, t in paragraphs]
            continue
        elif operation == "title" and title:
            title = f"{title} and {word}"
            continue
        paragraphs[index] = (kind, " ".join(words))
    paragraphs = [(k, t) for k, t in paragraphs if t.strip()]
    order = {"preambular": 0, "operative": 1}
    paragraphs.sort(key=lambda pair: order[pair[0]])  # a preamble before the operative part, as every resolution
    return old, _document(title, paragraphs)


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(edited())
def test_applying_the_written_amendments_gives_the_new_version(pair: tuple[Document, Document]) -> None:
    _round_trip(*pair)


@pytest.mark.parametrize(("old", "new"), list(itertools.permutations(sorted(SEEDS), 2)))
def test_round_trip_on_every_pair_of_examples(old: str, new: str) -> None:
    _round_trip(_example(old), _example(new))




def _corpus_pairs() -> list[tuple[Path, Path]]:
    """Renderings of one resolution against each other (raw text, two cleaned markdowns, pdftotext -layout), drafts
    against the resolutions adopted from them, both ways, and unrelated drafts (every paragraph goes)."""
    if not CORPUS.is_dir():
        return []
    pairs: list[tuple[Path, Path]] = []
    for name in ("A_RES_80_4", "A_RES_80_6", "A_RES_80_7", "A_RES_80_9", "A_RES_73_7", "A_RES_73_8"):
        renderings = [CORPUS / f"{name}.txt", *sorted((CORPUS / "variants").glob(f"{name}.*"))]
        pairs += itertools.permutations([path for path in renderings if path.is_file()], 2)
    drafts = CORPUS / "drafts"
    for draft, adopted in DRAFT_PAIRS:
        pairs += [
            (drafts / f"{draft}.txt", drafts / f"{adopted}.txt"),
            (drafts / f"{adopted}.txt", drafts / f"{draft}.txt"),
        ]
    unrelated = [drafts / f"{draft}.txt" for draft, _ in DRAFT_PAIRS]
    pairs += itertools.pairwise(unrelated)
    return [(old, new) for old, new in pairs if old.is_file() and new.is_file()]


@pytest.mark.parametrize(("old", "new"), _corpus_pairs(), ids=lambda p: p.name)
def test_round_trip_on_real_renderings(old: Path, new: Path) -> None:
    _round_trip(_parsed(old), _parsed(new))


@cache
def _parsed(path: Path) -> Document:
    return parse_file(path)


def test_round_trip_on_the_benchmark_corpus() -> None:
    """A synthetic resolution of 300 real paragraphs and a version after 15 drafting edits (benchmarks/synthetic)."""
    rng = random.Random(300)
    pool = [p for name in sorted(SEEDS) for p in _example(name).paragraphs]
    old = scaled_document(300, rng, pool)
    new, _ = edit_document(old, rng, pool, edits=15)
    _round_trip(old, new)


@pytest.mark.parametrize("name", sorted(SEEDS))
def test_resolution_text_reads_back(name: str) -> None:
    """`unres amend --format text` writes what `unres parse` reads: same ids, texts, title and footnotes."""
    document = _example(name)
    back = parse_text(resolution_text(document))
    assert [(p.id, " ".join(p.full_text().split())) for p in back.walk()] == [
        (p.id, " ".join(p.full_text().split())) for p in document.walk()
    ]
    assert back.title == document.title
    assert [(f.mark, f.text) for f in back.footnotes] == [
        (f.mark, f.text) for f in document.footnotes if f.referenced_in
    ]
