"""Properties of the lineage graph on generated chains of versions (benchmarks.synthetic drafting edits applied to
the seeds or to a synthetic resolution), and on chains where a paragraph leaves and comes back."""

from __future__ import annotations

import random
from functools import cache

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from benchmarks.synthetic import edit_document, scaled_document
from unres import align, lineage, parse_file
from unres.lineage import blame, history, table
from unres.models import Document, Lineage
from unres.render.json import to_json

from conftest import SEEDS

BASES = ["ga-58-137", "ecosoc-2006-27-md", "synthetic"]


@cache
def _base(name: str) -> Document:
    if name == "synthetic":
        pool = [p for seed in ("ga-58-137", "cop-5-2") for p in parse_file(SEEDS[seed]).paragraphs]
        return scaled_document(40, random.Random(7), pool)
    return parse_file(SEEDS[name])


def _chain(base: str, seed: int, versions: int, edits: int) -> list[Document]:
    rng = random.Random(seed)
    first = _base(base)
    documents = [first]
    for _ in range(versions - 1):
        documents.append(edit_document(documents[-1], rng, first.paragraphs, edits=edits)[0])
    return documents


chains = st.builds(
    _chain,
    base=st.sampled_from(BASES),
    seed=st.integers(0, 2**32 - 1),
    versions=st.integers(2, 5),
    edits=st.integers(0, 10),
)
SETTINGS = settings(max_examples=20, deadline=None, suppress_health_check=[HealthCheck.too_slow])


def _pairs(graph: Lineage, earlier: int, later: int) -> set[tuple[str, str, str]]:
    return {
        (link.from_.id, link.to.id, link.kind)
        for link in graph.links
        if link.from_.document == earlier and link.to.document == later
    }


@SETTINGS
@given(chains, st.integers(1, 4))
def test_every_paragraph_of_every_version_is_a_node_and_every_link_joins_two(
    documents: list[Document], lookback: int
) -> None:
    graph = lineage(documents, lookback=lookback)
    assert [d.paragraphs for d in graph.documents] == [[p.id for p in d.all_paragraphs()] for d in documents]
    nodes = {(d.index, paragraph_id) for d in graph.documents for paragraph_id in d.paragraphs}
    for link in graph.links:
        assert (link.from_.document, link.from_.id) in nodes and (link.to.document, link.to.id) in nodes
        assert link.kind not in ("added", "dropped")


@SETTINGS
@given(chains)
def test_links_between_neighbours_are_exactly_what_the_diff_says(documents: list[Document]) -> None:
    """So every paragraph is accounted for: it goes on to the next version, or the diff says it was dropped."""
    graph = lineage(documents)
    for index in range(len(documents) - 1):
        alignment = align(documents[index], documents[index + 1])
        expected = {(o, n, c.kind) for c in alignment.changes for o in c.old for n in c.new}
        assert _pairs(graph, index, index + 1) == expected


@SETTINGS
@given(chains, st.integers(1, 4))
def test_following_links_forward_never_goes_back(documents: list[Document], lookback: int) -> None:
    graph = lineage(documents, lookback=lookback)
    onward: dict[tuple[int, str], list[tuple[int, str]]] = {}
    for link in graph.links:
        assert link.from_.document < link.to.document <= link.from_.document + lookback
        onward.setdefault((link.from_.document, link.from_.id), []).append((link.to.document, link.to.id))
    frontier = [(0, paragraph_id) for paragraph_id in graph.documents[0].paragraphs]
    seen: set[tuple[int, str]] = set()
    while frontier:
        node = frontier.pop()
        for after in onward.get(node, []):
            assert after[0] > node[0]
            if after not in seen:
                seen.add(after)
                frontier.append(after)
    # a link across a gap starts at a paragraph the next version did not keep and ends at one the version before
    # did not have
    consecutive = [link for link in graph.links if link.to.document == link.from_.document + 1]
    kept = {(link.from_.document, link.from_.id) for link in consecutive}
    had = {(link.to.document, link.to.id) for link in consecutive}
    for link in graph.links:
        if link.to.document > link.from_.document + 1:
            assert (link.from_.document, link.from_.id) not in kept
            assert (link.to.document, link.to.id) not in had


@SETTINGS
@given(chains, st.integers(1, 3))
def test_the_graph_and_its_json_are_the_same_every_time(documents: list[Document], lookback: int) -> None:
    graph = lineage(documents, lookback=lookback)
    again = lineage([d.model_copy(deep=True) for d in documents], lookback=lookback)
    assert again == graph
    assert to_json(again) == to_json(graph)


@SETTINGS
@given(chains)
def test_histories_table_and_blame_walk_backwards_through_the_graph(documents: list[Document]) -> None:
    graph = lineage(documents)
    newest = len(documents) - 1
    every_row = table(graph)
    for index, version in enumerate(graph.documents):  # every paragraph of every version is in the table
        ids = {part for row in every_row if (cell := row[index]) is not None for part in cell.id.split("+")}
        assert ids == set(version.paragraphs)
    left = [row for row in every_row if row[-1] is None]
    assert all(cell.kind == "dropped" for row in left for cell in [row[max(i for i, c in enumerate(row) if c)]] if cell)
    rows = [row for row in every_row if row[-1] is not None]
    assert [row[-1].id if row[-1] else None for row in rows] == graph.documents[newest].paragraphs
    by_paragraph = {entry.paragraph: entry.since for entry in blame(graph, documents)}
    for row, paragraph_id in zip(rows, graph.documents[newest].paragraphs, strict=True):
        steps = history(graph, paragraph_id)
        places = [step.document for step in steps]
        assert places == sorted(places, reverse=True) and len(set(places)) == len(places)
        assert all(place < newest for place in places)
        assert [i for i, cell in enumerate(row) if cell] == [*reversed(places), newest]
        assert by_paragraph[paragraph_id] in {newest, *places}
    for entry in blame(graph, documents, "sentence"):
        # a sentence's wording is at least as old as its whole paragraph's
        assert entry.since <= by_paragraph[entry.paragraph]


@SETTINGS
@given(chains, st.data())
def test_a_paragraph_that_leaves_and_comes_back_is_linked_across_the_gap(
    documents: list[Document], data: st.DataObject
) -> None:
    """Version k lacks a paragraph of version k-1; version k+1 is version k-1 again. With a lookback of 2 the
    paragraph's history in k+1 reaches k-1 (across the gap, or through a paragraph of k the diff says it merged
    into); with a lookback of 1 no link spans the gap."""
    k = data.draw(st.integers(1, len(documents) - 1), label="k")
    before = documents[k - 1]
    if len(before.paragraphs) < 2:
        return
    gone = data.draw(st.sampled_from([p.id for p in before.paragraphs]), label="paragraph")
    without = before.model_copy(update={"paragraphs": [p for p in before.paragraphs if p.id != gone]})
    chain = [*documents[:k], without, before.model_copy(update={"source": "again"})]
    graph = lineage(chain, lookback=2)
    assert k - 1 in [step.document for step in history(graph, gone, document=k + 1)]
    assert all(link.to.document - link.from_.document == 1 for link in lineage(chain, lookback=1).links)


def _without(document: Document, paragraph_id: str, source: str) -> Document:
    kept = [p for p in document.paragraphs if p.id != paragraph_id]
    return document.model_copy(update={"paragraphs": kept, "source": source})


def test_a_paragraph_dropped_and_restored_is_linked_to_where_it_was() -> None:
    """58/137 OP11 ("Encourages Member States to examine the role of the exploitation of the prostitution …") left
    out of a draft and restored in the next one."""
    first = _base("ga-58-137")
    graph = lineage([first, _without(first, "OP11", "draft"), first], lookback=2)
    gap = [link for link in graph.links if link.to.document - link.from_.document == 2]
    assert [(link.from_.id, link.to.id, link.kind) for link in gap] == [("OP11", "OP11", "unchanged")]
    assert [step.document for step in history(graph, "OP11")] == [0]
    assert not [link for link in lineage([first, _without(first, "OP11", "draft"), first], lookback=1).links
                if link.to.document - link.from_.document > 1]  # fmt: skip


def test_the_nearest_return_wins() -> None:
    """Out, back, out, back: the last appearance comes from the one before it, not from the first."""
    first = _base("ga-58-137")
    gone = _without(first, "OP11", "draft")
    graph = lineage([first, gone, first, gone, first], lookback=4)
    assert [step.document for step in history(graph, "OP11")] == [2, 0]
