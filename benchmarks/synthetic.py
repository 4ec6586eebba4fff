"""Synthetic versions of real resolutions with known edits, for measuring alignment quality and speed.

`edit_document` takes a parsed resolution and applies drafting edits a delegation makes between two versions
(reword, move within and across the preamble/operative boundary, split, merge, add, drop); renumbering follows from
the edits. It returns the new Document and the truth: which old paragraph became which new one, and which moved.
Everything is driven by a seeded `random.Random`, so a benchmark run is repeatable.
"""

from __future__ import annotations

import random
from dataclasses import dataclass, field

from unres.models import Document, Paragraph

_FILLER = (
    "in accordance with their national legislation",
    "as appropriate",
    "within existing resources",
    "and other relevant stakeholders",
    "including through international cooperation",
    "upon request",
    "in a timely manner",
)


@dataclass
class Truth:
    """What the edits did: the links a perfect aligner reports, and the paragraphs that moved."""

    links: set[tuple[str, str]] = field(default_factory=set)  # (old id, new id)
    moved: set[str] = field(default_factory=set)  # old ids
    kinds: dict[str, str] = field(default_factory=dict)  # old id -> edit applied


@dataclass
class _Item:
    origin: list[str]  # old ids this new paragraph comes from (empty: added)
    kind: str  # preambular / operative
    text: str
    subparagraphs: list[Paragraph]


EVERY_KIND = ("reword", "move", "cross", "split", "merge", "add", "drop", "reword")


def edit_document(
    doc: Document,
    rng: random.Random,
    donors: list[Paragraph],
    edits: int = 8,
    operations: tuple[str, ...] = EVERY_KIND,
) -> tuple[Document, Truth]:
    """A new version of `doc` with about `edits` edits, taken in turn from `operations`, and the truth about them."""
    items = [_Item([p.id], p.kind, p.text, list(p.subparagraphs)) for p in doc.paragraphs]
    truth = Truth()
    moved: set[str] = set()
    for step in range(edits):
        operation = operations[step % len(operations)]
        candidates = [i for i, item in enumerate(items) if len(item.origin) == 1 and item.origin[0] not in truth.kinds]
        if not candidates:
            break
        index = rng.choice(candidates)
        item = items[index]
        if operation == "reword":
            item.text = _reword(item.text, rng)
        elif operation == "move":
            target = _same_part_position(items, index, rng)
            if target is None:
                continue
            items.insert(target, items.pop(index))
            moved.add(item.origin[0])
        elif operation == "cross":
            item.kind, item.text = _cross(item.kind, item.text)
            items.pop(index)
            items.insert(_first_of(items, item.kind, rng), item)
            moved.add(item.origin[0])
        elif operation == "split":
            halves = _split(item.text, item.kind)
            if halves is None:
                continue
            item.text = halves[0]
            items.insert(index + 1, _Item(list(item.origin), item.kind, halves[1], []))
        elif operation == "merge":
            following = index + 1
            if (
                following >= len(items)
                or items[following].kind != item.kind
                or len(items[following].origin) != 1
                or items[following].origin[0] in truth.kinds
            ):
                continue
            other = items.pop(following)
            truth.kinds[other.origin[0]] = "merge"
            item.origin += other.origin
            item.text = item.text.rstrip(",;.") + ", and " + _lower_first(other.text)
            item.subparagraphs += other.subparagraphs
        elif operation == "add":
            donor = rng.choice([d for d in donors if d.kind == item.kind] or donors)
            items.insert(index, _Item([], item.kind, donor.text, []))
            continue
        elif operation == "drop":
            items.pop(index)
        truth.kinds[item.origin[0]] = operation
    new_doc = _build(doc, items)
    for paragraph, item in zip(new_doc.paragraphs, _ordered(items), strict=True):
        for old_id in item.origin:
            truth.links.add((old_id, paragraph.id))
    truth.moved = _really_moved(doc, new_doc, truth, moved)
    return new_doc, truth


def _really_moved(old: Document, new: Document, truth: Truth, candidates: set[str]) -> set[str]:
    """Of the paragraphs the edits moved, those a reader sees moved: still one paragraph on each side, and either
    in another part of the resolution or now on the other side of at least two paragraphs that kept their place
    relative to the rest (a swap with a single neighbour is ambiguous: either of the two moved)."""
    old_position = {p.id: i for i, p in enumerate(old.paragraphs)}
    new_position = {p.id: i for i, p in enumerate(new.paragraphs)}
    old_kind = {p.id: p.kind for p in old.paragraphs}
    new_kind = {p.id: p.kind for p in new.paragraphs}
    one_to_one: dict[str, str] = {}
    for old_id in {o for o, _ in truth.links}:
        targets = [n for o, n in truth.links if o == old_id]
        sources = [o for o, n in truth.links if n == targets[0]]
        if len(targets) == 1 and len(sources) == 1:
            one_to_one[old_id] = targets[0]
    moved = set()
    for old_id in candidates & set(one_to_one):
        if old_kind[old_id] != new_kind[one_to_one[old_id]]:
            moved.add(old_id)
            continue
        crossings = sum(
            1
            for other, target in one_to_one.items()
            if other != old_id
            and (old_position[other] < old_position[old_id])
            != (new_position[target] < new_position[one_to_one[old_id]])
        )
        if crossings >= 2:
            moved.add(old_id)
    return moved


def _reword(text: str, rng: random.Random) -> str:
    words = text.split(" ")
    for _ in range(max(1, len(words) // 15)):
        position = rng.randrange(2, max(3, len(words)))  # the opening word stays: it says what kind of paragraph
        choice = rng.random()
        if choice < 0.4:
            words.insert(position, rng.choice(_FILLER))
        elif choice < 0.7 and len(words) > 6:
            del words[position - 1]
        else:
            words[position - 1] = rng.choice(("relevant", "all", "further", "effective", "appropriate"))
    return " ".join(words)


def _cross(kind: str, text: str) -> tuple[str, str]:
    """An operative 'Recognizes that …' becomes a preambular 'Recognizing that …', and back."""
    first, _, rest = text.partition(" ")
    if kind == "operative":
        stem = first[:-1] if first.endswith("s") else first
        stem = stem[:-1] if stem.endswith("e") else stem
        return "preambular", f"{stem}ing {rest}".rstrip(";.") + ","
    stem = first[:-3] if first.endswith("ing") else first
    return "operative", f"{stem}es {rest}".rstrip(",") + ";"


def _split(text: str, kind: str) -> tuple[str, str] | None:
    """Cut at a comma near the middle; the second part opens as a paragraph of its kind does."""
    opener = "Noting also that" if kind == "preambular" else "Also decides that"
    words = text.split(" ")
    if len(words) < 24:
        return None
    middle = len(words) // 2
    for offset in range(len(words) // 3):
        for position in (middle + offset, middle - offset):
            if words[position - 1].endswith(","):
                second = " ".join(words[position:])
                return " ".join(words[:position]).rstrip(",") + ";", f"{opener} {_lower_first(second)}"
    return None


def _lower_first(text: str) -> str:
    return text[:1].lower() + text[1:]


def _same_part_position(items: list[_Item], index: int, rng: random.Random) -> int | None:
    part = [i for i, item in enumerate(items) if item.kind == items[index].kind and abs(i - index) > 2]
    if not part:
        return None
    target = rng.choice(part)
    return target if target < index else target - 1


def _first_of(items: list[_Item], kind: str, rng: random.Random) -> int:
    positions = [i for i, item in enumerate(items) if item.kind == kind]
    if not positions:
        return len(items) if kind == "operative" else 0
    return rng.choice(positions)


def _ordered(items: list[_Item]) -> list[_Item]:
    """Preamble first, then operative paragraphs, as a resolution is printed."""
    return [item for item in items if item.kind == "preambular"] + [item for item in items if item.kind != "preambular"]


def _build(doc: Document, items: list[_Item]) -> Document:
    paragraphs = []
    counts = {"preambular": 0, "operative": 0}
    for item in _ordered(items):
        kind = "preambular" if item.kind == "preambular" else "operative"
        counts[kind] += 1
        number = counts[kind]
        paragraph_id = f"PP{number}" if kind == "preambular" else f"OP{number}"
        paragraphs.append(
            Paragraph(
                id=paragraph_id,
                kind=kind,
                label=None if kind == "preambular" else str(number),
                text=item.text,
                subparagraphs=[_relabel(sub, paragraph_id) for sub in item.subparagraphs],
            )
        )
    return doc.model_copy(update={"paragraphs": paragraphs, "annexes": [], "source": f"{doc.source} (edited)"})


def _relabel(sub: Paragraph, parent_id: str) -> Paragraph:
    new_id = f"{parent_id}({sub.label})" if sub.label else parent_id
    return sub.model_copy(update={"id": new_id, "subparagraphs": [_relabel(s, new_id) for s in sub.subparagraphs]})


def scaled_document(paragraphs: int, rng: random.Random, pool: list[Paragraph]) -> Document:
    """A long synthetic resolution made of real paragraphs, each reworded so that none repeats exactly."""
    preamble = paragraphs // 3
    built = []
    for index in range(paragraphs):
        kind = "preambular" if index < preamble else "operative"
        number = index + 1 if kind == "preambular" else index - preamble + 1
        source = pool[index % len(pool)]
        text = f"{source.text} ({_words_for(index)})"
        built.append(
            Paragraph(
                id=f"PP{number}" if kind == "preambular" else f"OP{number}",
                kind=kind,
                label=None if kind == "preambular" else str(number),
                text=text,
            )
        )
    return Document(source=f"synthetic-{paragraphs}", paragraphs=built)


def _words_for(number: int) -> str:
    """A distinct, pronounceable tag per paragraph, so repeated pool texts are not identical."""
    syllables = ("ka", "lo", "mi", "ne", "ru", "sa", "to", "vi")
    word = []
    while True:
        word.append(syllables[number % len(syllables)])
        number //= len(syllables)
        if number == 0:
            break
    return "".join(word) + " " + "".join(reversed(word))


# A whole-command benchmark pair: about 4 % of the paragraphs reworded, 1 % added, 1 % dropped, 1 % moved.
_COMMAND_MIX = ("reword", "reword", "reword", "reword", "add", "drop", "move")
# Operative numbers have at most three digits in print (and in the parser); longer resolutions get a longer preamble.
_MOST_OPERATIVE = 900


def resolution_pair(
    paragraphs: int, pool: list[Paragraph], seed: int = 0, operations: tuple[str, ...] = _COMMAND_MIX
) -> tuple[Document, Document, Truth]:
    """Two versions of a long synthetic resolution, `paragraphs` paragraphs long, the second with one edit from
    `operations` per 100 paragraphs each (by default 4 % reworded, 1 % added, dropped and moved: both versions parse
    back into exactly `paragraphs` paragraphs when rendered as text), and the truth about the edits.

    Paragraphs of the pool keep their kind (a preambular paragraph opens with a participle, as the parser expects)
    and their closing punctuation; those with sub-paragraphs or footnote marks are left out, so that each is one
    paragraph of plain text."""
    plain = [p for p in pool if not p.subparagraphs and not p.footnote_refs and p.kind in ("preambular", "operative")]
    by_kind = {kind: [p for p in plain if p.kind == kind] for kind in ("preambular", "operative")}
    preamble = max(paragraphs // 3, paragraphs - _MOST_OPERATIVE)
    built = []
    for index in range(paragraphs):
        kind = "preambular" if index < preamble else "operative"
        number = index + 1 if kind == "preambular" else index - preamble + 1
        source = by_kind[kind][index % len(by_kind[kind])]
        body = source.text.rstrip(",;.:")
        built.append(
            Paragraph(
                id=f"PP{number}" if kind == "preambular" else f"OP{number}",
                kind=kind,
                label=None if kind == "preambular" else str(number),
                text=f"{body} ({_words_for(index)}){source.text[len(body) :]}",
            )
        )
    old = Document(source=f"synthetic-{paragraphs}", title="Synthetic resolution", body="The General Assembly",
                   paragraphs=built)  # fmt: skip
    rng = random.Random(seed * 1_000_003 + paragraphs)
    edits = round(paragraphs * len(operations) / 100)
    new, truth = edit_document(old, rng, plain, edits=edits, operations=operations)
    return old, new.model_copy(update={"source": f"synthetic-{paragraphs}-edited"}), truth
