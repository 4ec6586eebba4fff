"""Lineage: the paths a drafter sees across 58/137 → 2006/27 → 61/180 (→ COP 5/2), and the graph's properties."""

from __future__ import annotations

import json
import random

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from typer.testing import CliRunner

from benchmarks.synthetic import edit_document
from unres import lineage, parse_file
from unres.cli import app
from unres.lineage import appearances, sort_by_date, wording_origins
from unres.models import Document, Lineage

from conftest import SEEDS

CHAIN = ["ga-58-137", "ecosoc-2006-27-md", "ga-61-180-draft", "cop-5-2"]
runner = CliRunner()


@pytest.fixture(scope="module")
def chain() -> tuple[list[Document], Lineage]:
    documents = [parse_file(SEEDS[name]) for name in CHAIN]
    return documents, lineage(documents)


def _links(graph: Lineage) -> set[tuple[int, str, int, str, str]]:
    return {(link.from_.document, link.from_.id, link.to.document, link.to.id, link.kind) for link in graph.links}


def test_a_paragraph_goes_into_the_preamble_and_back_into_the_operative_part(
    chain: tuple[list[Document], Lineage],
) -> None:
    """58/137 OP3 "Recognizes that broad international cooperation …" became 2006/27 PP16 "Recognizing that …",
    and 61/180 OP1 "Recognizes that broad international cooperation … and invites them to foster …"."""
    links = _links(chain[1])
    assert (0, "OP3", 1, "PP16", "moved") in links
    assert (1, "PP16", 2, "OP1", "moved") in links


def test_the_paths_a_drafter_reads(chain: tuple[list[Document], Lineage]) -> None:
    links = _links(chain[1])
    # 58/137 OP4 split into 2006/27 OP1 (ratification) and OP2; the ratification paragraph is 61/180's OP3.
    assert (0, "OP4", 1, "OP1", "split") in links and (0, "OP4", 1, "OP2", "split") in links
    assert (1, "OP1", 2, "OP3", "modified") in links
    # The closing request for a report runs through all three.
    assert (0, "OP17", 1, "OP18", "modified") in links and (1, "OP18", 2, "OP19", "modified") in links
    # The Convention and Protocol recital.
    assert (0, "PP6", 1, "PP6", "modified") in links and (1, "PP6", 2, "PP3", "modified") in links


def test_boilerplate_openings_alone_are_not_links(chain: tuple[list[Document], Lineage]) -> None:
    """2006/27 OP10 "Encourages Member States to examine the role of the exploitation of the prostitution …" and
    61/180 OP10 "Encourages Member States to initiate and develop working-level contacts …" share an opening."""
    assert not {link for link in _links(chain[1]) if link[:2] == (1, "OP10") and link[2] == 2}


def test_history_and_blame_of_the_newest_version(chain: tuple[list[Document], Lineage]) -> None:
    three = chain[0][:3]
    small = lineage(three)
    steps = appearances(small, three, "OP1")
    assert [(step.document, step.ids, step.change.kind) for step in steps] == [
        (1, ("PP16",), "moved"),
        (0, ("OP3",), "moved"),
    ]
    origins = dict(wording_origins(small, three))
    assert origins["OP1"] == 2  # reworded in 61/180 itself
    assert set(origins) == {p.id for p in three[2].all_paragraphs()}


def test_versions_sort_by_their_own_dates() -> None:
    documents = [parse_file(SEEDS[name]) for name in ("ecosoc-2006-27-md", "ga-58-137")]
    assert [d.source for d in sort_by_date(documents)] == [documents[1].source, documents[0].source]


@settings(max_examples=15, deadline=None)
@given(st.integers(0, 10_000), st.integers(2, 5))
def test_graph_properties_on_synthetic_chains(seed: int, versions: int) -> None:
    rng = random.Random(seed)
    documents = [parse_file(SEEDS["ga-58-137"])]
    for _ in range(versions - 1):
        documents.append(edit_document(documents[-1], rng, documents[0].paragraphs, edits=6)[0])
    graph = lineage(documents, lookback=3)
    for index, document in enumerate(documents):
        assert graph.documents[index].paragraphs == [p.id for p in document.all_paragraphs()]
    for link in graph.links:
        assert link.from_.document < link.to.document
        assert link.from_.id in graph.documents[link.from_.document].paragraphs
        assert link.to.id in graph.documents[link.to.document].paragraphs
    assert lineage(documents, lookback=3) == graph


def test_a_paragraph_that_comes_back_is_linked_across_the_gap() -> None:
    first = parse_file(SEEDS["ga-58-137"])
    paragraphs = first.paragraphs
    without = first.model_copy(update={"paragraphs": [p for p in paragraphs if p.id != "OP11"]})
    graph = lineage([first, without, first], lookback=2)
    pairs = {(link.from_.document, link.from_.id, link.to.document, link.to.id) for link in graph.links}
    assert (0, "OP11", 2, "OP11") in pairs


@pytest.mark.parametrize("output_format", ["text", "json", "html", "dot", "mermaid"])
def test_every_format(output_format: str) -> None:
    files = [str(SEEDS[name]) for name in CHAIN[:3]]
    result = runner.invoke(app, ["lineage", *files, "--format", output_format])
    assert result.exit_code == 0, result.output
    if output_format == "json":
        data = json.loads(result.stdout)
        assert {"documents", "links"} <= set(data)
        assert {"from", "to", "kind", "similarity"} == set(data["links"][0])
    elif output_format == "dot":
        assert result.stdout.startswith("digraph lineage {")
    elif output_format == "mermaid":
        assert result.stdout.startswith("flowchart LR")
    elif output_format == "html":
        assert result.stdout.startswith("<!DOCTYPE html>") and "<script" not in result.stdout


def test_paragraph_and_blame_views() -> None:
    files = [str(SEEDS[name]) for name in CHAIN[:3]]
    history = runner.invoke(app, ["lineage", *files, "--paragraph", "OP1", "--width", "100"])
    assert history.exit_code == 0 and "PP16 in" in history.stdout and "OP3 in A/RES/58/137" in history.stdout
    missing = runner.invoke(app, ["lineage", *files, "--paragraph", "OP99"])
    assert missing.exit_code == 2 and "OP99" in missing.stderr
    blame = runner.invoke(app, ["lineage", *files, "--blame", "--width", "120"])
    assert blame.exit_code == 0 and "first appeared" in blame.stdout
