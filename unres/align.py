"""Stage 3: two Documents become an Alignment: every paragraph of both in exactly one change.

How, in four steps, none of them all-pairs:
1. candidates: an index of pairs of meaningful words (pairs shared by many paragraphs left out) proposes, for each
   new paragraph, the few old paragraphs sharing most pairs; only those pairs are scored with rapidfuzz;
2. links: a global one-to-one assignment (Jonker-Volgenant, `lap`) over the candidate graph, component by component,
   maximises total similarity, so a paragraph goes to its best partner, not to the first good-enough one;
3. splits and merges: an old paragraph left over whose words sit inside a linked new paragraph was merged into it
   (also as a sub-paragraph); a new paragraph left over inside a linked old one was split from it;
4. moves: the heaviest chain of links in the same order in both documents stays in place; every other link moved,
   and so did any paragraph that crossed between preamble, operative part and annex.
Renumbering is not a change: paragraphs are compared by text, never by number.
"""

from __future__ import annotations

import unicodedata
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from itertools import chain, pairwise

from rapidfuzz.distance import Indel, LCSseq

from unres.models import (
    CHANGE_KINDS,
    Alignment,
    AlignOptions,
    BlockMove,
    Change,
    ChangeKind,
    Document,
    DocumentRef,
    Edit,
    Paragraph,
)
from unres.redline import redline
from unres.text import words_in

# Each constant below has its reason and, where benchmarks/REPORT.md's sweep measures it, the figure that chose it
# (precision, recall, F1 and move recall over 186 synthetic cases; the sweep is flat where the cases do not reach a
# constant, and then the real pairs pinned in tests/ chose it). The linking threshold is AlignOptions.threshold.
# Old paragraphs scored per new one: 4 to 16 give F1 0.998 (2: recall 0.998 against 0.999); 8 leaves room for
# boilerplate-heavy texts at a bounded cost.
_CANDIDATES_PER_PARAGRAPH = 8
# A word pair shared by more paragraphs than this share of the document is boilerplate ("Member States").
_COMMON_SHARE = 0.05
_COMMON_FLOOR = 6
# ... and by more than this many in any document: bounds the work per paragraph, so candidates cost O(N), not O(N²).
_COMMON_CAP = 32
# Largest component solved exactly; beyond it (pathological input) links are taken best-first.
_EXACT_COMPONENT = 1500
# Word-level similarity costs the product of the two lengths; past this (two paragraphs of 2,000 words) it is
# bounded (see `_in_order`). No paragraph of a real resolution comes near.
_EXACT_CELLS = 2000 * 2000
# Words too common to say two paragraphs are about the same thing; similarity ignores them, so that paragraphs
# sharing only a boilerplate opening and grammar ("Encourages Member States to … the … of …") are not linked.
_STOPWORDS = frozenset(
    {
        "the",
        "of",
        "to",
        "and",
        "in",
        "a",
        "an",
        "on",
        "for",
        "by",
        "with",
        "its",
        "their",
        "that",
        "as",
        "at",
        "from",
        "or",
        "be",
        "is",
        "are",
        "which",
        "this",
        "these",
        "those",
        "all",
        "such",
        "it",
        "has",
        "have",
        "been",
        "was",
        "were",
    }
)
# A paragraph left alone between two linked neighbours, facing one left alone in the same place on the other side,
# is the same paragraph rewritten when they share this many words past their openings. Sweep: precision 0.996 at 1,
# 0.997 at 2, 0.998 at 3, 0.999 at 4 (recall 0.999 throughout from 2); 3, not 4, because a paragraph rewritten in
# place keeps few words (58/137's Vienna → Bangkok paragraph, pinned in tests/test_align.py, passes at both).
_SLOT_SHARED_WORDS = 3
_OPENING_WORDS = 3
_NOT_IDENTICAL = 1e-4
# Footnotes are short references ("Resolution 55/59, annex."): a few shared numbers make them look alike, so they
# are linked only when most of their words agree.
_FOOTNOTE_THRESHOLD = 0.7
# Two left-over paragraphs, each the other's closest match, are one paragraph reworked past these bars. Flat on the
# sweep (0.25-0.45, 0.3-0.7: F1 0.998); set on 58/137 OP3 → 2006/27 PP16 → 61/180 OP1, the reworked paragraph the
# lineage tests pin, which 0.45 would lose.
_LEFTOVER_SIMILARITY = 0.35
_LEFTOVER_SHARE = 0.5
# A left-over paragraph half of whose words sit inside a link joins it if that lifts the link's similarity this much.
# Flat on the sweep (0.3-0.7; gain 0.04-0.08: recall 0.999, 0.16: 0.998); set on 58/137 OP4 → 2006/27 OP1+OP2.
_JOIN_SHARE = 0.5
_JOIN_GAIN = 0.08


@dataclass
class Unit:
    """One top-level paragraph as the aligner sees it."""

    index: int
    id: str
    part: str  # preambular, operative, annex:<id>, plain
    text: str  # the paragraph as printed, sub-paragraphs included
    key: str  # normalised: case, punctuation and spacing folded away
    words: list[str]
    content: list[str]  # the words that carry meaning: what similarity is measured on


# A paragraph's text -> its key, words and meaningful words (read only once made).
_Words = dict[str, tuple[str, list[str], list[str]]]


def units_of(doc: Document, known: _Words | None = None) -> list[Unit]:
    """The document's top-level paragraphs in reading order, annex paragraphs included. `known`: the words of texts
    already seen, shared between the two versions, most of whose paragraphs read the same."""
    parts: list[tuple[Paragraph, str]] = [(p, p.kind) for p in doc.paragraphs]
    parts += [(p, f"annex:{annex.id}") for annex in doc.annexes for p in annex.paragraphs]
    known = {} if known is None else known
    return [
        _unit(index, paragraph.id, part, paragraph.full_text(), known) for index, (paragraph, part) in enumerate(parts)
    ]


def _unit(index: int, unit_id: str, part: str, text: str, known: _Words) -> Unit:
    found = known.get(text)
    if found is None:
        words = normalised_words(text)
        found = known[text] = (" ".join(words), words, [w for w in words if w not in _STOPWORDS])
    return Unit(index, unit_id, part, text, *found)


def normalise(text: str) -> str:
    """Case, punctuation and spacing folded away: what similarity is measured on."""
    return " ".join(normalised_words(text))


def normalised_words(text: str) -> list[str]:
    r"""The words of `normalise(text)`. NFKC leaves ASCII text (most paragraphs) as it is, and casefold is lower. (Not
    text.fold_compatibility: that also drops soft hyphens, which here split a word as they do in the regex \w+.)"""
    return words_in(text.lower() if text.isascii() else unicodedata.normalize("NFKC", text).casefold())


@dataclass
class _Group:
    """Linked paragraphs: one old and one new, or several on one side (split, merge)."""

    old: list[int] = field(default_factory=list)
    new: list[int] = field(default_factory=list)
    similarity: float = 0.0


def align(old: Document, new: Document, options: AlignOptions | None = None) -> Alignment:
    """Align two versions of a resolution and redline every changed paragraph."""
    options = options or AlignOptions()
    known: _Words = {}
    changes, blocks = _changes(units_of(old, known), units_of(new, known), options)
    counts = Counter(change.kind for change in changes)
    return Alignment(
        old=DocumentRef.of(old),
        new=DocumentRef.of(new),
        options=options,
        changes=changes,
        counts={kind: counts.get(kind, 0) for kind in CHANGE_KINDS},
        footnotes=_changes(
            _footnote_units(old),
            _footnote_units(new),
            options.model_copy(update={"threshold": max(options.threshold, _FOOTNOTE_THRESHOLD)}),
            rewrites=False,
        )[0],
        title=_title_change(old.title, new.title, options),
        blocks=blocks,
    )


def _title_change(old: str | None, new: str | None, options: AlignOptions) -> Change | None:
    """The title redlined when both versions have one and its words changed; a rendering that lost the title is
    not a change of title."""
    if not old or not new:
        return None
    edits = _redline(old, new, options)
    if all(edit.op == "equal" for edit in edits):
        return None
    score = similarity(normalised_words(old), normalised_words(new))
    return Change(kind="modified", old=["title"], new=["title"], similarity=round(score, 4), reworded=True, edits=edits)


def _changes(
    old_units: list[Unit], new_units: list[Unit], options: AlignOptions, *, rewrites: bool = True
) -> tuple[list[Change], list[BlockMove]]:
    """Steps 1-4 on two lists of units; `rewrites` also links paragraphs rewritten in place or reworked (left-over
    pairs), which only paragraphs have enough words for."""
    identical = _identical_in_order(old_units, new_units)
    scores = _candidate_scores(old_units, new_units, identical)
    links = _assign(scores, len(old_units), len(new_units), options.threshold)
    links.update(identical)
    scores.update({pair: 1.0 for pair in identical.items()})
    if rewrites:
        _fill_slots(links, old_units, new_units, scores)
        _pair_leftovers(links, old_units, new_units, scores)
    groups = _splits_and_merges(links, old_units, new_units, scores, options)
    return _classify(groups, old_units, new_units, options)


def _identical_in_order(old: list[Unit], new: list[Unit]) -> dict[int, int]:
    """Paragraphs with the same text on both sides, paired in document order: the first 'Decides to remain seized of
    the matter;' with the first, the second with the second. Linked before any scoring, so that repeated boilerplate,
    which proposes no candidates, is never reported added and dropped, and a document against itself is unchanged in
    linear time."""
    waiting: dict[str, list[int]] = defaultdict(list)
    for unit in old:
        waiting[unit.key].append(unit.index)
    links: dict[int, int] = {}
    taken: Counter[str] = Counter()
    for unit in new:
        olds = waiting.get(unit.key)
        if olds and taken[unit.key] < len(olds):
            links[olds[taken[unit.key]]] = unit.index
            taken[unit.key] += 1
    return links


def _footnote_units(doc: Document) -> list[Unit]:
    """Footnote texts as units, so a footnote renumbered by an insertion before it is not a change."""
    known: _Words = {}
    return [_unit(index, f"footnote {f.mark}", "footnotes", f.text, known) for index, f in enumerate(doc.footnotes)]


# --- 1. candidates -----------------------------------------------------------------------------------------------


def _shingles(words: list[str]) -> list[tuple[str, ...]]:
    """Pairs of consecutive meaningful words, each once, in reading order; a paragraph of one word is its own
    single shingle. A list, not a set: a set of strings iterates in hash order, which would break ties differently
    in every process."""
    if len(words) < 2:
        return [tuple(words)] if words else []
    return list(dict.fromkeys(pairwise(words)))


def _candidate_scores(
    old: list[Unit], new: list[Unit], linked: dict[int, int] | None = None
) -> dict[tuple[int, int], float]:
    """Similarity (0–1) of each candidate pair (old index, new index), in the order of the new paragraphs and, for
    each, of its candidates. Pairs with a paragraph already `linked` (old -> new) are not scored: no link can use
    them.

    A word pair held by more old paragraphs than the limit is boilerplate and proposes nothing; the limit grows with
    the document but is capped, so each new paragraph costs at most (its word pairs × the cap): near-linear in all.
    Candidates sharing as many pairs are ranked by how near they stand to the same relative place, then by document
    order, never by hash order.
    """
    linked = linked or {}
    taken = set(linked.values())
    searched = [(unit, _shingles(unit.content)) for unit in new if unit.index not in taken]
    # Only the word pairs of the paragraphs searched for are indexed (a document mostly unchanged has few).
    index: dict[tuple[str, ...], list[int]] = {shingle: [] for _, shingles in searched for shingle in shingles}
    for unit in old:
        for shingle in _shingles(unit.content):
            holders = index.get(shingle)
            if holders is not None:
                holders.append(unit.index)
    limit = max(_COMMON_FLOOR, min(int(_COMMON_SHARE * max(len(old), len(new))), _COMMON_CAP))
    proposing = {shingle: holders for shingle, holders in index.items() if len(holders) <= limit}
    scores: dict[tuple[int, int], float] = {}
    for unit, shingles in searched:
        shared = Counter(chain.from_iterable(proposing.get(shingle, ()) for shingle in shingles))
        place = unit.index / max(len(new), 1)
        ranked = sorted(shared.items(), key=lambda item: (-item[1], abs(item[0] / len(old) - place), item[0]))
        for old_index, _ in ranked[:_CANDIDATES_PER_PARAGRAPH]:
            if old_index not in linked:
                scores[(old_index, unit.index)] = _pair_similarity(old[old_index], unit)
    return scores


# --- 2. one-to-one links -----------------------------------------------------------------------------------------


def _assign(scores: dict[tuple[int, int], float], n_old: int, n_new: int, threshold: float) -> dict[int, int]:
    """Old index -> new index, maximising the summed similarity of links at or above the threshold."""
    edges = {pair: score for pair, score in scores.items() if score >= threshold}
    links: dict[int, int] = {}
    for component in _components(edges):
        old_nodes = sorted({old_index for old_index, _ in component})
        new_nodes = sorted({new_index for _, new_index in component})
        if len(old_nodes) * len(new_nodes) > _EXACT_COMPONENT**2:
            links.update(_best_first(component))
        else:
            links.update(_optimal(component, old_nodes, new_nodes, n_old, n_new))
    return links


def _components(edges: dict[tuple[int, int], float]) -> list[dict[tuple[int, int], float]]:
    """The edges of each connected component of the link graph, in one pass (union-find over old and new nodes;
    new node j is numbered -1 - j to keep the two sides apart), components in the order of their first edge."""
    parent: dict[int, int] = {}

    def find(node: int) -> int:
        root = node
        while parent.get(root, root) != root:
            root = parent[root]
        while parent.get(node, node) != root:
            parent[node], node = root, parent[node]
        return root

    for old_index, new_index in edges:
        a, b = find(old_index), find(-1 - new_index)
        if a != b:
            parent[a] = b
    components: dict[int, dict[tuple[int, int], float]] = {}
    for pair in sorted(edges):
        components.setdefault(find(pair[0]), {})[pair] = edges[pair]
    return list(components.values())


def _optimal(
    edges: dict[tuple[int, int], float], old_nodes: list[int], new_nodes: list[int], n_old: int, n_new: int
) -> dict[int, int]:
    """The assignment that maximises the summed similarity of one component (its own edges only)."""
    if len(old_nodes) == 1 and len(new_nodes) == 1:
        return {old_nodes[0]: new_nodes[0]}
    # Ties (repeated boilerplate) go to the partner at the same relative place in its document.
    costs = {
        (old_index, new_index): 1.0 - score + 1e-6 * abs(old_index / max(n_old, 1) - new_index / max(n_new, 1))
        for (old_index, new_index), score in edges.items()
    }
    tried = _by_trial(costs, old_nodes)
    return tried if tried is not None else _by_lap(costs, old_nodes, new_nodes)


def _by_lap(costs: dict[tuple[int, int], float], old_nodes: list[int], new_nodes: list[int]) -> dict[int, int]:
    """The links of least total cost, by Jonker-Volgenant (`lap`)."""
    import lap
    import numpy as np

    unlinked = 2.0  # dearer than any link (cost of a link: 1 - similarity, at most 1)
    cost = np.full((len(old_nodes), len(new_nodes)), unlinked)
    old_pos = {node: i for i, node in enumerate(old_nodes)}
    new_pos = {node: j for j, node in enumerate(new_nodes)}
    for (old_index, new_index), link_cost in costs.items():
        cost[old_pos[old_index], new_pos[new_index]] = link_cost
    # cost_limit 1.5: a paragraph left unlinked costs 0.75, so any link (cost at most 1) beats leaving both alone.
    _, rows, _ = lap.lapjv(cost, extend_cost=True, cost_limit=1.5)
    return {old_nodes[i]: new_nodes[j] for i, j in enumerate(rows) if j >= 0 and cost[i, j] < unlinked}


# A component with at most this many ways to link it is solved by trying each: nearly all are a few paragraphs (at
# 4,000 a side, 6 of 155 have more than one link to choose from, the largest 3 x 3), and `lap` needs numpy, whose
# import costs 0.1 s. Two ways within _TIE of each other are a tie, left to `lap` so that its choice stays the rule.
_TRIALS = 2000
_TIE = 1e-9


def _by_trial(costs: dict[tuple[int, int], float], old_nodes: list[int]) -> dict[int, int] | None:
    """The links of least total cost (what `lap` finds: each link its cost, each paragraph left unlinked 0.75),
    found by trying every way to link the component when there are few and one is best; None otherwise."""
    partners: dict[int, list[tuple[int, float]]] = {node: [] for node in old_nodes}
    for (old_index, new_index), cost in costs.items():
        partners[old_index].append((new_index, cost))
    ways = 1
    for links in partners.values():
        ways *= len(links) + 1
        if ways > _TRIALS:
            return None
    # Every paragraph costs 0.75 unlinked, so a way's total is a constant plus, for each link, its cost less 1.5.
    best: list[tuple[float, dict[int, int]]] = []

    def extend(at: int, taken: set[int], chosen: dict[int, int], total: float) -> None:
        if at == len(old_nodes):
            best.append((total, dict(chosen)))
            best.sort(key=lambda item: item[0])
            del best[2:]
            return
        extend(at + 1, taken, chosen, total)
        node = old_nodes[at]
        for new_index, cost in partners[node]:
            if new_index not in taken:
                taken.add(new_index)
                chosen[node] = new_index
                extend(at + 1, taken, chosen, total + cost - 1.5)
                del chosen[node]
                taken.discard(new_index)

    extend(0, set(), {}, 0.0)
    if len(best) > 1 and best[1][0] - best[0][0] < _TIE:
        return None
    return best[0][1]


def _best_first(edges: dict[tuple[int, int], float]) -> dict[int, int]:
    """Links taken best first (ties in document order): for a component too large to solve exactly."""
    links: dict[int, int] = {}
    taken: set[int] = set()
    for (old_index, new_index), _ in sorted(edges.items(), key=lambda item: (-item[1], item[0])):
        if old_index not in links and new_index not in taken:
            links[old_index] = new_index
            taken.add(new_index)
    return links


def _fill_slots(links: dict[int, int], old: list[Unit], new: list[Unit], scores: dict[tuple[int, int], float]) -> None:
    """Link a paragraph rewritten in place: alone between two linked neighbours on each side, in the same part,
    sharing words past the opening (the Vienna Declaration paragraph that became the Bangkok Declaration one)."""
    linked_new = set(links.values())
    for unit in old:
        i = unit.index
        if i in links or i - 1 not in links or i + 1 not in links:
            continue
        j = links[i - 1] + 1
        if j >= len(new) or j in linked_new or links[i + 1] != j + 1 or _part(new[j]) != _part(unit):
            continue
        shared = set(unit.content[_OPENING_WORDS:]) & set(new[j].content[_OPENING_WORDS:])
        if len(shared) >= _SLOT_SHARED_WORDS:
            links[i] = j
            linked_new.add(j)
            scores[(i, j)] = _pair_similarity(unit, new[j])


def _pair_leftovers(
    links: dict[int, int], old: list[Unit], new: list[Unit], scores: dict[tuple[int, int], float]
) -> None:
    """Link two left-over paragraphs that are each other's closest match and clearly share their substance: a third
    of their meaningful words, and half of the shorter one's in order (a paragraph reworked and extended, like an
    operative 'Recognizes that broad international cooperation …' redrafted around a new purpose)."""
    linked_new = set(links.values())
    best_new: dict[int, tuple[float, int]] = {}
    best_old: dict[int, tuple[float, int]] = {}
    for (i, j), score in scores.items():
        if i in links or j in linked_new:
            continue
        if score > best_new.get(i, (-1.0, -1))[0]:
            best_new[i] = (score, j)
        if score > best_old.get(j, (-1.0, -1))[0]:
            best_old[j] = (score, i)
    for i, (score, j) in sorted(best_new.items()):
        if best_old.get(j, (0.0, -1))[1] != i or score < _LEFTOVER_SIMILARITY:
            continue
        shorter, longer = sorted((old[i].content, new[j].content), key=len)
        if shorter and _in_order(shorter, longer) / len(shorter) >= _LEFTOVER_SHARE:
            links[i] = j
            linked_new.add(j)


# --- 3. splits and merges ----------------------------------------------------------------------------------------


def _containment(part: Unit, whole: Unit) -> float:
    """Share of `part`'s words found, in order, inside `whole`."""
    if not part.words:
        return 0.0
    return _in_order(part.words, whole.words) / len(part.words)


def _splits_and_merges(
    links: dict[int, int],
    old: list[Unit],
    new: list[Unit],
    scores: dict[tuple[int, int], float],
    options: AlignOptions,
) -> list[_Group]:
    """Attach left-over paragraphs to the link they were split from or merged into."""
    groups = [
        _Group([old_index], [new_index], scores[(old_index, new_index)]) for old_index, new_index in links.items()
    ]
    group_of_old = {group.old[0]: group for group in groups}
    group_of_new = {group.new[0]: group for group in groups}
    partners_of_old: dict[int, list[int]] = defaultdict(list)
    partners_of_new: dict[int, list[int]] = defaultdict(list)
    for old_index, new_index in scores:
        partners_of_old[old_index].append(new_index)
        partners_of_new[new_index].append(old_index)

    by_side = {"old": group_of_old, "new": group_of_new}
    # merged: an old paragraph left over, found inside a new one; split: a new one left over inside an old one
    for side, units, partner_units, partners in (
        ("old", old, new, partners_of_old),
        ("new", new, old, partners_of_new),
    ):
        other = "new" if side == "old" else "old"
        for unit in units:
            if unit.index in by_side[side]:
                continue
            joined = _best_join(unit, partners[unit.index], by_side[other], old, new, side, options)
            if joined is not None:
                setattr(joined, side, sorted([*getattr(joined, side), unit.index]))
                joined.similarity = _group_similarity(joined, old, new)
                by_side[side][unit.index] = joined
                continue
            wholes = [partner_units[k] for k in partners[unit.index]]
            alone = _lone_container(unit, wholes, by_side[other], options)
            if alone is not None:
                old_index, new_index = (unit.index, alone) if side == "old" else (alone, unit.index)
                group = _Group([old_index], [new_index], scores[(old_index, new_index)])
                groups.append(group)
                group_of_old[old_index] = group
                group_of_new[new_index] = group
    return groups


def _best_join(
    unit: Unit,
    partners: list[int],
    groups_by_partner: dict[int, _Group],
    old: list[Unit],
    new: list[Unit],
    side: str,
    options: AlignOptions,
) -> _Group | None:
    """The link `unit` belongs to as a split-off or merged part, if any.

    It belongs to a linked partner when most of its words sit inside that partner, or when half of them do and adding
    it to its side raises the link's similarity clearly (an old operative paragraph split into two new ones, each
    reworded).
    """
    best: tuple[float, _Group] | None = None
    for partner in partners:
        group = groups_by_partner.get(partner)
        if group is None or len(group.old if side == "new" else group.new) > 1:
            continue
        whole = new[partner] if side == "old" else old[partner]
        share = _containment(unit, whole)
        trial = _Group(
            sorted([*group.old, unit.index]) if side == "old" else group.old,
            group.new if side == "old" else sorted([*group.new, unit.index]),
        )
        gain = _group_similarity(trial, old, new) - group.similarity
        joins = share >= options.containment or (share >= _JOIN_SHARE and gain >= _JOIN_GAIN)
        if joins and (best is None or gain > best[0]):
            best = (gain, group)
    return best[1] if best else None


def _lone_container(unit: Unit, wholes: list[Unit], taken: dict[int, _Group], options: AlignOptions) -> int | None:
    """A partner not linked to anything that holds most of `unit`'s words: a heavily expanded or cut paragraph."""
    scored = [(_containment(unit, whole), whole.index) for whole in wholes if whole.index not in taken]
    scored = [item for item in scored if item[0] >= options.containment]
    return max(scored, key=lambda item: (item[0], -item[1]))[1] if scored else None


def _group_similarity(group: _Group, old: list[Unit], new: list[Unit]) -> float:
    old_words = [w for i in group.old for w in old[i].content]
    new_words = [w for j in group.new for w in new[j].content]
    return similarity(old_words, new_words) - _NOT_IDENTICAL


def _pair_similarity(old: Unit, new: Unit) -> float:
    """Similarity of meaningful words, a hair below 1 when other words differ ('Invites' vs 'Also invites' are
    close, but not the identical pair a reordered document contains)."""
    return similarity(old.content, new.content) - (0.0 if old.key == new.key else _NOT_IDENTICAL)


def similarity(old_words: list[str], new_words: list[str]) -> float:
    """Share of meaningful words the two sides have in common, in order (normalised Indel similarity over words);
    for two very long paragraphs, in any order (see `_in_order`)."""
    if len(old_words) * len(new_words) > _EXACT_CELLS:
        return 2 * _in_any_order(old_words, new_words) / (len(old_words) + len(new_words))
    return float(Indel.normalized_similarity(old_words, new_words))


def _in_order(a: list[str], b: list[str]) -> int:
    """How many words of `a` stand in `b` in the same order (longest common subsequence). Its cost is the product
    of the lengths: past `_EXACT_CELLS` (paragraphs of thousands of words, pathological) the words in common in any
    order are counted instead, in linear time; an upper bound, and the same for texts that differ little."""
    if len(a) * len(b) > _EXACT_CELLS:
        return _in_any_order(a, b)
    return int(LCSseq.similarity(a, b))


def _in_any_order(a: list[str], b: list[str]) -> int:
    return sum((Counter(a) & Counter(b)).values())


# --- 4. kinds and order ------------------------------------------------------------------------------------------


def _classify(
    groups: list[_Group], old: list[Unit], new: list[Unit], options: AlignOptions
) -> tuple[list[Change], list[BlockMove]]:
    crossed = [g for g in groups if len(g.old) == len(g.new) == 1 and _crossed(old[g.old[0]], new[g.new[0]])]
    crossed_ids = {id(group) for group in crossed}
    in_place = _in_place([group for group in groups if id(group) not in crossed_ids])
    blocks = _blocks(crossed, old, new)
    in_block = {id(group) for block in blocks for group in block}
    for block in blocks:  # inside a block, the chain that kept its order stayed in place
        in_place |= _in_place(block)
    linked_old = {i for group in groups for i in group.old}
    linked_new = {j for group in groups for j in group.new}
    placed: list[tuple[tuple[int, int, int], Change]] = []
    for group in groups:
        old_text = " ".join(old[i].text for i in group.old)
        new_text = " ".join(new[j].text for j in group.new)
        edits = _redline(old_text, new_text, options)  # once a pair: it also says whether the text is the same
        kind: ChangeKind
        if len(group.new) > 1:
            kind = "split"
        elif len(group.old) > 1:
            kind = "merged"
        elif id(group) not in in_place or (id(group) in crossed_ids and id(group) not in in_block):
            kind = "moved" if all(edit.op == "equal" for edit in edits) else "moved-modified"
        elif all(edit.op == "equal" for edit in edits):
            kind = "unchanged"
        else:
            kind = "modified"
        similarity = 1.0 if kind == "unchanged" else round(group.similarity, 4)
        old_ids, new_ids = [old[i].id for i in group.old], [new[j].id for j in group.new]
        reworded = any(edit.op != "equal" for edit in edits)
        change = Change(kind=kind, old=old_ids, new=new_ids, similarity=similarity, reworded=reworded, edits=edits)
        placed.append(((group.new[0], 0, group.old[0]), change))
    for unit in new:
        if unit.index not in linked_new:
            edits = _redline("", unit.text, options)
            change = Change(kind="added", old=[], new=[unit.id], similarity=0.0, reworded=True, edits=edits)
            placed.append(((unit.index, 0, -1), change))
    # A dropped paragraph stands after the new place of the furthest-placed linked paragraph before it (a running
    # maximum over the old order: one pass, not one scan per dropped paragraph).
    position_of_old = {i: group.new[0] for group in groups for i in group.old}
    anchor = -1
    for unit in old:
        if unit.index in linked_old:
            anchor = max(anchor, position_of_old[unit.index])
            continue
        edits = _redline(unit.text, "", options)
        change = Change(kind="dropped", old=[unit.id], new=[], similarity=0.0, reworded=True, edits=edits)
        placed.append(((anchor, 1, unit.index), change))
    placed.sort(key=lambda item: item[0])
    block_moves = [
        BlockMove(
            old_part=_PART_NAMES[_part(old[block[0].old[0]])],
            new_part=_PART_NAMES[_part(new[block[0].new[0]])],
            old=[old[i].id for i in sorted(group.old[0] for group in block)],
            new=[new[j].id for j in sorted(group.new[0] for group in block)],
        )
        for block in blocks
    ]
    return [change for _, change in placed], block_moves


# Paragraphs crossing together from one part to another, at least this many, are one block moved: a declaration
# taken from the operative part into an annex. One or two crossing alone are moves of their own (OP3 → PP16). Flat
# on the sweep (2-6: move recall 0.973); 3 so that a pair crossing together is still two moves a reader sees.
_BLOCK_LEAST = 3
_PART_NAMES = {"preambular": "preamble", "operative": "operative part", "annex": "annex"}


def _blocks(crossed: list[_Group], old: list[Unit], new: list[Unit]) -> list[list[_Group]]:
    """The crossed links grouped by the parts they left and joined, in new order; a group of at least
    `_BLOCK_LEAST` is a block."""
    by_parts: dict[tuple[str, str], list[_Group]] = {}
    for group in sorted(crossed, key=lambda g: g.new[0]):
        by_parts.setdefault((_part(old[group.old[0]]), _part(new[group.new[0]])), []).append(group)
    return [members for members in by_parts.values() if len(members) >= _BLOCK_LEAST]


def _redline(old_text: str, new_text: str, options: AlignOptions) -> list[Edit]:
    return redline(old_text, new_text, ignore_case=options.ignore_case, ignore_punctuation=options.ignore_punctuation)


def _part(unit: Unit) -> str:
    return "annex" if unit.part.startswith("annex") else unit.part


def _crossed(old: Unit, new: Unit) -> bool:
    """Did the paragraph cross between preamble, operative part and annex? (Plain text has no parts to cross.)"""
    return "plain" not in (old.part, new.part) and _part(old) != _part(new)


def _in_place(groups: list[_Group]) -> set[int]:
    """The groups on the heaviest chain that keeps the same order in both documents: a weighted longest increasing
    subsequence, O(n log n) with a Fenwick tree of running maxima over new positions."""
    ordered = sorted(groups, key=lambda group: group.old[0])
    ranks = {position: rank for rank, position in enumerate(sorted(group.new[0] for group in ordered), start=1)}
    tree: list[tuple[float, int]] = [(0.0, -1)] * (len(ranks) + 1)
    back = [-1] * len(ordered)
    totals = [0.0] * len(ordered)
    for position, group in enumerate(ordered):
        rank = ranks[group.new[0]]
        best, previous = 0.0, -1
        index = rank - 1
        while index > 0:
            if tree[index][0] > best:
                best, previous = tree[index]
            index -= index & -index
        totals[position] = best + 1.0 + group.similarity
        back[position] = previous
        index = rank
        while index < len(tree):
            if tree[index][0] < totals[position]:
                tree[index] = (totals[position], position)
            index += index & -index
    chain: set[int] = set()
    position = max(range(len(ordered)), key=lambda k: totals[k]) if ordered else -1
    while position >= 0:
        chain.add(id(ordered[position]))
        position = back[position]
    return chain
