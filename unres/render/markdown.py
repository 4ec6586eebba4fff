"""Markdown output, for a pull-request comment: a summary table and each change as a redline.

Deletions are `~~struck~~`, insertions `<ins>underlined</ins>` (GitHub renders both); every character of the
resolution text that Markdown or HTML would read as markup is escaped.
"""

from __future__ import annotations

import html
import re

from unres.models import Change, Comparison, Folded
from unres.render import block_label, change_ids, elide, kind_label
from unres.render.safe import visible

_MARKDOWN_SPECIAL = re.compile(r"([\\`*_{}\[\]()#+\-.!|~>])")


def escape(text: str) -> str:
    """Text that renders as itself in GitHub Markdown."""
    return _MARKDOWN_SPECIAL.sub(r"\\\1", html.escape(visible(text, lines=True), quote=False))


def diff_markdown(comparison: Comparison) -> str:
    """A summary table (every kind counted), the title's redline when it changed, then each change the view shows
    and the footnote changes it shows."""
    alignment = comparison.alignment
    old = escape(alignment.old.symbol or alignment.old.source or "old")
    new = escape(alignment.new.symbol or alignment.new.source or "new")
    lines = [f"## unres diff: {old} → {new}", "", "| change | count | paragraphs |", "| --- | ---: | --- |"]
    for kind, count in alignment.counts.items():
        ids = (
            ", ".join(change_ids(c) for c in alignment.changes if c.kind == kind)
            if kind not in ("unchanged", "modified")
            else ""
        )
        lines.append(f"| {kind_label(kind)} | {count} | {escape(ids)} |")
    lines.append(f"| title changed | {int(alignment.title is not None)} |  |")
    if alignment.blocks:
        blocks = escape(", ".join(block_label(block) for block in alignment.blocks))
        lines.append(f"| moved as a block | {len(alignment.blocks)} | {blocks} |")
    if comparison.title is not None and not comparison.view.summary_only:
        lines += ["", "### Title · modified", "", _redline(comparison.title, None)]
    for entry in comparison.entries:
        if isinstance(entry, Folded):
            continue  # a pull-request comment lists changes; the table counts the unchanged
        heading = f"{escape(change_ids(entry))} · {kind_label(entry.kind)}"
        if entry.kind not in ("added", "dropped", "unchanged"):
            heading += f" · {min(entry.similarity, 0.99):.0%}"
        lines += ["", f"### {heading}", "", _redline(entry, comparison.view.context)]
    if comparison.footnotes:
        lines += ["", "### Footnotes", ""]
        lines += [
            f"- **{escape(change_ids(change))}** · {kind_label(change.kind)}: "
            f"{_redline(change, comparison.view.context)}"
            for change in comparison.footnotes
        ]
    return "\n".join(lines) + "\n"


def _redline(change: Change, context: int | None) -> str:
    pieces = []
    last = len(change.edits) - 1
    for position, edit in enumerate(change.edits):
        if edit.op == "delete":
            pieces.append(_wrap(edit.text, "~~", "~~"))
        elif edit.op == "insert":
            pieces.append(_wrap(edit.text, "<ins>", "</ins>"))
        else:
            shown = edit.new_text if edit.new_text is not None else edit.text
            pieces.append(escape(elide(shown, context, first=position == 0, last=position == last)))
    return "".join(pieces)


def _wrap(text: str, opening: str, closing: str) -> str:
    """Markup around the words only: Markdown does not strike '~~ text~~' that starts with a space."""
    stripped = text.strip()
    if not stripped:
        return escape(text)
    start = text.index(stripped[0])
    end = start + len(stripped)
    return f"{escape(text[:start])}{opening}{escape(stripped)}{closing}{escape(text[end:])}"
