"""Markdown output, for a pull-request comment: a summary table and each change as a redline.

Deletions are `~~struck~~`, insertions `<ins>underlined</ins>` (GitHub renders both); every character of the
resolution text that Markdown or HTML would read as markup is escaped.
"""

from __future__ import annotations

import html
import re

from unres.models import Alignment, Change
from unres.render import change_ids
from unres.render.safe import visible

_MARKDOWN_SPECIAL = re.compile(r"([\\`*_{}\[\]()#+\-.!|~>])")


def escape(text: str) -> str:
    """Text that renders as itself in GitHub Markdown."""
    return _MARKDOWN_SPECIAL.sub(r"\\\1", html.escape(visible(text, lines=True), quote=False))


def diff_markdown(alignment: Alignment, *, show_all: bool = False, only: set[str] | None = None) -> str:
    old = escape(alignment.old.symbol or alignment.old.source or "old")
    new = escape(alignment.new.symbol or alignment.new.source or "new")
    lines = [f"## unres diff: {old} → {new}", "", "| change | count | paragraphs |", "| --- | ---: | --- |"]
    for kind, count in alignment.counts.items():
        ids = (
            ", ".join(change_ids(c) for c in alignment.changes if c.kind == kind)
            if kind not in ("unchanged", "modified")
            else ""
        )
        lines.append(f"| {kind} | {count} | {escape(ids)} |")
    for change in alignment.changes:
        if only is not None and change.kind not in only:
            continue
        if change.kind == "unchanged" and not show_all and only is None:
            continue
        heading = f"{escape(change_ids(change))} · {change.kind}"
        if change.kind not in ("added", "dropped", "unchanged"):
            heading += f" · {min(change.similarity, 0.99):.0%}"
        lines += ["", f"### {heading}", "", _redline(change)]
    notes = [
        change
        for change in alignment.footnotes
        if (change.kind in only if only is not None else show_all or change.kind != "unchanged")
    ]
    if notes:
        lines += ["", "### Footnotes", ""]
        lines += [f"- **{escape(change_ids(change))}** · {change.kind}: {_redline(change)}" for change in notes]
    return "\n".join(lines) + "\n"


def _redline(change: Change) -> str:
    pieces = []
    for edit in change.edits:
        if edit.op == "delete":
            pieces.append(_wrap(edit.text, "~~", "~~"))
        elif edit.op == "insert":
            pieces.append(_wrap(edit.text, "<ins>", "</ins>"))
        else:
            pieces.append(escape(edit.new_text if edit.new_text is not None else edit.text))
    return "".join(pieces)


def _wrap(text: str, opening: str, closing: str) -> str:
    """Markup around the words only: Markdown does not strike '~~ text~~' that starts with a space."""
    stripped = text.strip()
    if not stripped:
        return escape(text)
    start = text.index(stripped[0])
    end = start + len(stripped)
    return f"{escape(text[:start])}{opening}{escape(stripped)}{closing}{escape(text[end:])}"
