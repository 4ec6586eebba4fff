"""Renderers: each output format is its own module, reading models and returning text or rich renderables.

Renderers never parse, align or read files; they only show results.
"""

from __future__ import annotations

from unres.models import BlockMove, Change, Lineage


def change_ids(change: Change, arrow: str = " → ") -> str:
    """'OP4 → OP1+OP2' for a split, 'PP3' for a paragraph that kept its id, 'OP2' for an added one."""
    old = "+".join(change.old)
    new = "+".join(change.new)
    if not old or not new:
        return old or new
    return old if old == new else f"{old}{arrow}{new}"


def block_label(block: BlockMove) -> str:
    """'OP2–OP32 → ANNEX-1–ANNEX-31: 31 paragraphs moved together from the operative part to the annex'."""
    old = block.old[0] if len(block.old) == 1 else f"{block.old[0]}–{block.old[-1]}"
    new = block.new[0] if len(block.new) == 1 else f"{block.new[0]}–{block.new[-1]}"
    return (
        f"{old} → {new}: {len(block.old)} paragraphs moved together from the {block.old_part} to the {block.new_part}"
    )


def kind_label(kind: str) -> str:
    """A change kind as a reader reads it: 'moved-modified' is 'moved and modified'; the others as they are."""
    return kind.replace("-", " and ")


def display_name(symbol: str | None, source: str | None, fallback: str = "document") -> str:
    """How a document is named to a reader: its symbol, else its file name (without folders)."""
    if symbol:
        return symbol
    return (source or fallback).replace("\\", "/").rsplit("/", 1)[-1]


def version_name(graph: Lineage, index: int) -> str:
    """A version of a lineage, named as a reader knows it."""
    document = graph.documents[index]
    return display_name(document.symbol, document.source, f"version {index + 1}")


def elide(text: str, context: int | None, *, first: bool, last: bool) -> str:
    """Keep `context` words on each side of a change and replace the rest of a long unchanged run with '…'."""
    if context is None:
        return text
    words = text.split()
    keep_before = 0 if first else context  # words right after the change before this run
    keep_after = 0 if last else context  # words right before the change after it
    if len(words) <= keep_before + keep_after:
        return text
    lead = text[: len(text) - len(text.lstrip())]
    trail = text[len(text.rstrip()) :]
    pieces = [" ".join(words[:keep_before])] if keep_before else []
    pieces.append("…")
    if keep_after:
        pieces.append(" ".join(words[len(words) - keep_after :]))
    return lead + " ".join(pieces) + trail
