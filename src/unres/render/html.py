"""The redline as one self-contained HTML page: mailable, readable offline and on a phone, printable.

The new document in order (preamble, operative part, annexes), each paragraph with its id; changed ones carry the
word-level redline as <del>/<ins>; moved, split and merged paragraphs say where they came from, with links both
ways (a dotted note stands where the text used to be); dropped paragraphs stay where they were, struck through.
Everything shown is escaped; the page makes no network request, works without script (the script only adds
keyboard navigation), and prints in black and white. Output is deterministic.
"""

from __future__ import annotations

import html
from collections.abc import Iterator
from importlib.resources import files

from unres.lineage import Cell
from unres.models import Alignment, Change, Document, DocumentRef, Edit, Lineage, Paragraph
from unres.render import change_ids, display_name, version_name

_KIND_LABEL = {
    "unchanged": "unchanged",
    "modified": "modified",
    "moved": "moved",
    "split": "split",
    "merged": "merged",
    "added": "added",
    "dropped": "dropped",
}
_PART_NAMES = {"preambular": "Preamble", "operative": "Operative part", "plain": "Text"}

_SCRIPT = """
(function () {
  var changes = Array.prototype.slice.call(document.querySelectorAll('.change:not(.unchanged)'));
  var at = -1;
  function go(step) {
    if (!changes.length) return;
    at = Math.max(0, Math.min(changes.length - 1, at + step));
    changes[at].focus();
    changes[at].scrollIntoView({block: 'start'});
  }
  document.addEventListener('keydown', function (event) {
    if (event.altKey || event.ctrlKey || event.metaKey) return;
    if (event.target && /input|textarea|select/i.test(event.target.tagName)) return;
    if (event.key === 'j' || event.key === 'n') { go(1); event.preventDefault(); }
    if (event.key === 'k' || event.key === 'p') { go(-1); event.preventDefault(); }
  });
})();
"""


def _e(text: str | None) -> str:
    return html.escape(text or "", quote=True)


def diff_html(alignment: Alignment, old: Document, new: Document, *, layout: str = "inline") -> str:
    """The whole page."""
    title = f"Redline: {_name(alignment.old)} → {_name(alignment.new)}"
    body_class = "side-by-side" if layout == "side-by-side" else "inline"
    parts = [
        "<!DOCTYPE html>",
        '<html lang="en">',
        "<head>",
        '<meta charset="utf-8">',
        '<meta name="viewport" content="width=device-width, initial-scale=1">',
        '<meta name="generator" content="unres">',
        f"<title>{_e(title)}</title>",
        f"<style>{_stylesheet()}</style>",
        "</head>",
        f'<body class="{body_class}">',
        '<header role="banner">',
        f"<h1>{_e(title)}</h1>",
        _versions(alignment),
        "</header>",
        _summary(alignment),
        '<main id="redline">',
        *_sections(alignment, old, new, layout),
        _footnote_changes(alignment),
        _footnotes(new),
        "</main>",
        f"<script>{_SCRIPT}</script>",
        "</body>",
        "</html>",
    ]
    return "\n".join(part for part in parts if part) + "\n"


def _stylesheet() -> str:
    return files("unres.render").joinpath("redline.css").read_text(encoding="utf-8")


def _name(ref: DocumentRef) -> str:
    return display_name(ref.symbol, ref.source)


def _versions(alignment: Alignment) -> str:
    rows = []
    for label, ref in (("Old", alignment.old), ("New", alignment.new)):
        detail = _e(_name(ref))
        if ref.title:
            detail += f" — {_e(ref.title)}"
        if ref.adopted:
            detail += f" ({_e(ref.adopted)})"
        rows.append(f"<dt>{label}</dt><dd>{detail}</dd>")
    return f'<dl class="versions meta">{"".join(rows)}</dl>'


def _summary(alignment: Alignment) -> str:
    rows = []
    for kind, count in alignment.counts.items():
        links = " ".join(
            f'<a href="#{_e(_anchor(change))}">{_e(change_ids(change))}</a>'
            for change in alignment.changes
            if change.kind == kind and kind != "unchanged"
        )
        rows.append(f'<tr><th scope="row">{kind}</th><td class="count">{count}</td><td class="ids">{links}</td></tr>')
    return (
        '<nav aria-labelledby="summary-heading">'
        '<h2 id="summary-heading">Summary</h2>'
        '<table class="summary"><thead><tr><th scope="col">Change</th><th scope="col">Count</th>'
        f'<th scope="col">Paragraphs</th></tr></thead><tbody>{"".join(rows)}</tbody></table>'
        '<p class="keys">Keys: <kbd>j</kbd>/<kbd>n</kbd> next change, <kbd>k</kbd>/<kbd>p</kbd> previous.</p>'
        "</nav>"
    )


def _anchor(change: Change) -> str:
    """Where a change lives on the page: its new id, or for a dropped paragraph its old one."""
    return change.new[0] if change.new else f"old-{change.old[0]}"


def _part(paragraph_id: str) -> str:
    """'preamble', 'operative part', 'annex' or 'text', from the id's prefix."""
    for prefix, name in (("ANNEX", "annex"), ("PP", "preamble"), ("OP", "operative part")):
        if paragraph_id.startswith(prefix):
            return name
    return "text"


def _sections(alignment: Alignment, old: Document, new: Document, layout: str) -> Iterator[str]:
    """The new document's parts in order, each change placed where it reads; ghosts where moved text used to be."""
    new_part: dict[str, str] = {p.id: p.kind for p in new.paragraphs}
    new_part.update({p.id: f"annex:{annex.id}" for annex in new.annexes for p in annex.paragraphs})
    old_part: dict[str, str] = {p.id: p.kind for p in old.paragraphs}
    old_part.update({p.id: f"annex:{annex.id}" for annex in old.annexes for p in annex.paragraphs})
    annex_titles = {f"annex:{annex.id}": _annex_heading(annex.heading, annex.title) for annex in new.annexes}
    new_by_id = {p.id: p for p in new.all_paragraphs()}
    ghosts = _ghosts(alignment, old, old_part, new_part)
    ghosted = {old_id for notes in ghosts.values() for old_id, _ in notes}
    current = None
    opened = False
    for change in alignment.changes:
        part = new_part.get(change.new[0]) if change.new else old_part.get(change.old[0])
        part = part or "plain"
        if part != current:
            if opened:
                yield "</section>"
            heading = annex_titles.get(part) or _PART_NAMES.get(part, "Text")
            slug = part.replace(":", "-")
            yield f'<section aria-labelledby="part-{_e(slug)}"><h2 id="part-{_e(slug)}">{_e(heading)}</h2>'
            current, opened = part, True
            yield from (note for _, note in ghosts.pop(f"start:{part}", []))
        yield _change(change, new_by_id, layout, ghosted)
        yield from (note for _, note in ghosts.pop(f"after:{_anchor(change)}", []))
    yield from (note for notes in ghosts.values() for _, note in notes)  # parts the new version no longer has
    if opened:
        yield "</section>"


def _annex_heading(heading: str, title: str | None) -> str:
    return f"{heading}: {title}" if title else heading


def _ghosts(
    alignment: Alignment, old: Document, old_part: dict[str, str], new_part: dict[str, str]
) -> dict[str, list[tuple[str, str]]]:
    """Notes standing where moved, split or merged paragraphs used to be, each linking to where the text went; they
    carry the `old-` anchors. A note goes after the last paragraph before it, in its old part, that stayed in place
    ('after:<id>'), or at the start of that part ('start:<part>')."""
    order = [p.id for p in old.all_paragraphs()]
    holder = {old_id: change for change in alignment.changes for old_id in change.old}
    notes: dict[str, list[tuple[str, str]]] = {}
    for change in alignment.changes:
        if change.kind not in ("moved", "split", "merged"):
            continue
        for old_id in change.old:
            part = old_part[old_id]
            stayed = [
                other
                for other in order[: order.index(old_id)]
                if old_part[other] == part
                and holder.get(other) is not None
                and holder[other].kind not in ("moved", "split", "merged", "dropped")
                and new_part.get(holder[other].new[0]) == part
            ]
            key = f"after:{_anchor(holder[stayed[-1]])}" if stayed else f"start:{part}"
            note = (
                f'<p class="ghost" id="old-{_e(old_id)}">{_e(old_id)} ({_part(old_id)}) {change.kind} to '
                f'<a href="#{_e(change.new[0])}">{_e("+".join(change.new))}</a></p>'
            )
            notes.setdefault(key, []).append((old_id, note))
    return notes


def _change(change: Change, new_by_id: dict[str, Paragraph], layout: str, ghosted: set[str]) -> str:
    anchor = _anchor(change)
    marks = _mark_positions([new_by_id[i] for i in change.new if i in new_by_id])
    shown = "+".join(change.new) if change.new else f"old {'+'.join(change.old)}"  # a dropped one has its old id
    label = [f'<a class="pid" href="#{_e(anchor)}">{_e(shown)}</a>']
    label.append(f'<span class="kind">{_KIND_LABEL[change.kind]}</span>')
    note = _provenance(change)
    if note:
        label.append(f'<span class="note">{note}</span>')
    if change.kind not in ("unchanged", "added", "dropped"):
        label.append(f'<span class="note">{min(change.similarity, 0.99):.0%} similar</span>')
    # Every id reaches this article: the other parts of a split, and old ids without a note of their own.
    extra_ids = "".join(f'<span id="{_e(new_id)}"></span>' for new_id in change.new[1:])
    extra_ids += "".join(
        f'<span id="old-{_e(old_id)}"></span>' for old_id in change.old if change.new and old_id not in ghosted
    )
    if layout == "side-by-side" and change.kind not in ("added", "dropped"):
        body = (
            '<div class="columns">'
            f'<div class="side"><h3>Old {_e("+".join(change.old))}</h3>'
            f'<p class="text">{_side(change.edits, "old")}</p></div>'
            f'<div class="side"><h3>New {_e("+".join(change.new))}</h3>'
            f'<p class="text">{_side(change.edits, "new", marks)}</p></div>'
            "</div>"
        )
    else:
        body = f'<p class="text">{_inline(change.edits, marks)}</p>'
    return (
        f'<article class="change {change.kind}" id="{_e(anchor)}" tabindex="-1" '
        f'aria-label="{_e(change_ids(change))}, {change.kind}">{extra_ids}'
        f'<div class="label">{"".join(label)}</div>{body}</article>'
    )


def _provenance(change: Change) -> str:
    """Where the text came from, linked: 'moved from OP3 (operative part)', 'merged from OP6 and OP7'."""
    if change.kind not in ("moved", "split", "merged") and not (
        change.kind == "unchanged" and change.old != change.new
    ):
        return ""
    links = " and ".join(f'<a href="#old-{_e(old_id)}">{_e(old_id)}</a> ({_part(old_id)})' for old_id in change.old)
    if change.kind == "unchanged":
        return f"renumbered from {links}"
    return f"{change.kind} from {links}"


def _mark_positions(paragraphs: list[Paragraph]) -> dict[int, list[str]]:
    """Footnote marks by character position in the new side's text (paragraphs joined as the alignment joins them)."""
    positions: dict[int, list[str]] = {}
    base = 0
    for paragraph in paragraphs:
        for offset, mark in _marks_in_full_text(paragraph):
            positions.setdefault(base + offset, []).append(mark)
        base += len(paragraph.full_text()) + 1
    return positions


def _marks_in_full_text(paragraph: Paragraph) -> list[tuple[int, str]]:
    found = [(ref.offset, ref.mark) for ref in paragraph.footnote_refs]
    position = len(paragraph.text)
    for sub in paragraph.subparagraphs:
        position += 1  # the line break
        prefix = len(f"({sub.label}) ") if sub.label else 0
        found += [(position + prefix + offset, mark) for offset, mark in _marks_in_full_text(sub)]
        position += prefix + len(sub.full_text())
    return found


def _inline(edits: list[Edit], marks: dict[int, list[str]]) -> str:
    out = []
    position = 0
    for edit in edits:
        if edit.op == "delete":
            space, words = _split_space(edit.text)
            out.append(f'{_e(space)}<del><span class="sr-only">deleted: </span>{_e(words)}</del>')
            continue
        text = edit.new_text if edit.op == "equal" and edit.new_text is not None else edit.text
        if edit.op == "insert":
            space, words = _split_space(text)
            rendered = _with_marks(words, position + len(space), marks)
            out.append(f'{_e(space)}<ins><span class="sr-only">inserted: </span>{rendered}</ins>')
        else:
            out.append(_with_marks(text, position, marks))
        position += len(text)
    return "".join(out)


def _split_space(text: str) -> tuple[str, str]:
    """The spaces a changed stretch starts with are not part of the change: mark the words only."""
    words = text.lstrip()
    return text[: len(text) - len(words)], words


def _side(edits: list[Edit], side: str, marks: dict[int, list[str]] | None = None) -> str:
    """One column of the side-by-side view: the old text with its deletions, or the new with its insertions."""
    out = []
    position = 0
    for edit in edits:
        if side == "old" and edit.op != "insert":
            if edit.op == "delete":
                space, words = _split_space(edit.text)
                out.append(f'{_e(space)}<del><span class="sr-only">deleted: </span>{_e(words)}</del>')
            else:
                out.append(_e(edit.text))
        elif side == "new" and edit.op != "delete":
            text = edit.new_text if edit.op == "equal" and edit.new_text is not None else edit.text
            if edit.op == "insert":
                space, words = _split_space(text)
                rendered = _with_marks(words, position + len(space), marks or {})
                out.append(f'{_e(space)}<ins><span class="sr-only">inserted: </span>{rendered}</ins>')
            else:
                out.append(_with_marks(text, position, marks or {}))
            position += len(text)
    return "".join(out)


def _with_marks(text: str, start: int, marks: dict[int, list[str]]) -> str:
    """Escaped text with footnote marks as superscript links at their positions."""
    out = []
    cursor = 0
    for offset in sorted(position for position in marks if start < position <= start + len(text)):
        out.append(_e(text[cursor : offset - start]))
        cursor = offset - start
        out.extend(
            f'<sup><a href="#fn-{_e(mark)}" aria-label="footnote {_e(mark)}">{_e(mark)}</a></sup>'
            for mark in marks[offset]
        )
    out.append(_e(text[cursor:]))
    return "".join(out)


def _footnotes(new: Document) -> str:
    if not new.footnotes:
        return ""
    items = "".join(
        f'<li id="fn-{_e(footnote.mark)}"{_value(footnote.mark)}>{_e(footnote.text)}</li>' for footnote in new.footnotes
    )
    return (
        '<section class="footnotes" aria-labelledby="footnotes-heading">'
        f'<h2 id="footnotes-heading">Footnotes of {_e(new.symbol or "the new version")}</h2><ol>{items}</ol></section>'
    )


def _value(mark: str) -> str:
    """An ordered-list number that matches the printed footnote number."""
    return f' value="{int(mark)}"' if mark.isdigit() else ""


def lineage_html(
    graph: Lineage, rows: list[list[Cell | None]], origins: list[tuple[str, int]], texts: dict[str, str]
) -> str:
    """The lineage as a self-contained page: a timeline table (one column per version) and where each paragraph's
    wording first appeared; the same stylesheet and guarantees as the redline."""
    names = [_version_name(graph, index) for index in range(len(graph.documents))]
    head = "".join(f'<th scope="col">{_e(name)}</th>' for name in names)
    since = dict(origins)
    body_rows = []
    for row in rows:
        newest = row[-1]
        cells = "".join(_lineage_cell(cell) for cell in row)
        origin = names[since[newest.id]] if newest and newest.id in since else ""
        text = texts.get(newest.id, "") if newest else ""
        body_rows.append(f'<tr>{cells}<td>{_e(origin)}</td><td class="opening">{_e(text)}</td></tr>')
    title = f"Lineage: {' → '.join(names)}"
    return (
        "\n".join(
            [
                "<!DOCTYPE html>",
                '<html lang="en">',
                '<head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">',
                f"<title>{_e(title)}</title><style>{_stylesheet()}</style></head>",
                '<body class="side-by-side"><header role="banner">',
                f"<h1>{_e(title)}</h1></header>",
                '<main><p class="keys">One row per paragraph of the newest version; each column gives its id in that '
                "version and how it changed on the way to the next. The last column: the version where its current "
                "wording first appeared.</p>",
                f'<table class="summary lineage"><thead><tr>{head}<th scope="col">wording since</th>'
                '<th scope="col">text (newest version)</th></tr></thead>',
                f"<tbody>{''.join(body_rows)}</tbody></table></main>",
                "</body>",
                "</html>",
            ]
        )
        + "\n"
    )


def _lineage_cell(cell: Cell | None) -> str:
    if cell is None:
        return "<td></td>"
    kind = f'<span class="kind"> {cell.kind}</span>' if cell.kind != "unchanged" else ""
    return f'<td class="{cell.kind}">{_e(cell.id)}{kind}</td>'


def _version_name(graph: Lineage, index: int) -> str:
    return f"{index + 1}. {version_name(graph, index)}"


def _footnote_changes(alignment: Alignment) -> str:
    """Footnotes reworded, added or dropped between the versions (renumbered ones are not changes)."""
    changed = [change for change in alignment.footnotes if change.kind != "unchanged"]
    if not changed:
        return ""
    items = "".join(
        f'<li><span class="label"><span class="pid">{_e(_footnote_label(change))}</span>'
        f'<span class="kind">{change.kind}</span></span>{_inline(change.edits, {})}</li>'
        for change in changed
    )
    return (
        '<section class="footnotes" aria-labelledby="footnote-changes-heading">'
        f'<h2 id="footnote-changes-heading">Footnote changes</h2><ul class="footnote-changes">{items}</ul></section>'
    )


def _footnote_label(change: Change) -> str:
    """A dropped footnote is named by its old number, as such."""
    return change_ids(change) if change.new else f"old {change_ids(change)}"
