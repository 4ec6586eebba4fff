"""The aligner's cost is bounded: word similarity on pathologically long paragraphs is linear, not quadratic."""

from __future__ import annotations

import random
import sys

from unres import align
from unres.models import Document, Paragraph

aligner = sys.modules["unres.align"]  # the module (`unres.align` is the function)


def _words(count: int, seed: int) -> list[str]:
    rng = random.Random(seed)
    return [f"word{rng.randrange(5000)}" for _ in range(count)]


def test_similarity_of_ordinary_paragraphs_is_the_in_order_share() -> None:
    old, new = ["a", "b", "c", "d"], ["b", "a", "c", "d"]
    assert aligner.similarity(old, new) == 0.75  # 3 of 4 in order: Indel, not the bag of words (which gives 1.0)


def test_similarity_of_very_long_paragraphs_counts_shared_words_in_linear_time() -> None:
    old = _words(5000, 1)
    new = list(reversed(old))[:4000] + ["other"] * 1000
    in_common = 4000  # every word of the reversed part is in `old`
    assert aligner.similarity(old, new) == 2 * in_common / 10_000
    assert aligner._in_order(old, new) == in_common


def test_two_versions_of_a_resolution_with_huge_paragraphs_align() -> None:
    text = " ".join(_words(30_000, 2))
    reworded = text.replace("word1 ", "word1 further ", 50)
    old = Document(paragraphs=[Paragraph(id="OP1", kind="operative", label="1", text=f"Decides {text};")])
    new = Document(paragraphs=[Paragraph(id="OP1", kind="operative", label="1", text=f"Decides {reworded};")])
    (change,) = align(old, new).changes
    assert change.kind == "modified" and change.similarity > 0.99
