"""The redline as one self-contained HTML page: mailable, readable offline and on a phone, printable.

The new document in order (preamble, operative part, annexes), each paragraph with its id; changed ones carry the
word-level redline as <del>/<ins>; moved, split and merged paragraphs say where they came from, with links both
ways (a dotted note stands where the text used to be); where a split paragraph's parts begin is marked; dropped
paragraphs stay where they were, struck through. Everything shown is escaped; the page makes no network request,
works without script (the script only adds stepping from change to change), and prints in black and white.
Output is deterministic.
"""

from __future__ import annotations

from collections.abc import Iterator
from importlib.resources import files
from typing import Literal

from unres.models import MOVE_KINDS, Alignment, Change, Comparison, Document, DocumentRef, Edit, Paragraph
from unres.redline import new_side
from unres.render import block_label, change_ids, display_name, kind_label
from unres.render.safe import html_text

Layout = Literal["inline", "side-by-side"]
_Show = Literal["both", "old", "new"]

_PART_NAMES = {"preambular": "Preamble", "operative": "Operative part", "plain": "Text"}
_MOVES = (*MOVE_KINDS, "split", "merged")

# Progressive enhancement: j/n and k/p step through the changes, and two buttons do the same on a touch screen. The
# page reads completely without it. Stepping starts from what is on screen, so it works after scrolling or a link.
_SCRIPT = """
(function () {
  var changes = Array.prototype.slice.call(document.querySelectorAll('.change:not(.unchanged)'));
  if (!changes.length) return;
  var at = -1;
  var counter;
  function go(step) {
    var next = -1, i, top;
    if (step > 0) {
      for (i = 0; i < changes.length; i++) {
        top = changes[i].getBoundingClientRect().top;
        if (top > 24 && i > at) { next = i; break; }
      }
      if (next < 0) next = Math.min(changes.length - 1, at + 1);
    } else {
      for (i = changes.length - 1; i >= 0; i--) {
        top = changes[i].getBoundingClientRect().top;
        if (top < 8 && (at < 0 || i < at)) { next = i; break; }
      }
      if (next < 0) next = Math.max(0, at - 1);
    }
    at = next;
    changes[at].focus({preventScroll: true});
    changes[at].scrollIntoView({block: 'start'});
    counter.textContent = (at + 1) + ' of ' + changes.length;
  }
  var bar = document.createElement('div');
  bar.className = 'stepper';
  bar.setAttribute('role', 'group');
  bar.setAttribute('aria-label', 'Step through the changes');
  [['previous', -1, '\\u2191'], ['next', 1, '\\u2193']].forEach(function (spec) {
    var button = document.createElement('button');
    button.type = 'button';
    button.textContent = spec[2];
    button.title = spec[0] + ' change (' + (spec[1] > 0 ? 'j' : 'k') + ')';
    button.setAttribute('aria-label', spec[0] + ' change');
    button.addEventListener('click', function () { go(spec[1]); });
    bar.appendChild(button);
  });
  counter = document.createElement('span');
  counter.setAttribute('aria-live', 'polite');
  counter.textContent = changes.length + ' changes';
  bar.insertBefore(counter, bar.lastChild);
  document.body.appendChild(bar);
  document.addEventListener('keydown', function (event) {
    if (event.altKey || event.ctrlKey || event.metaKey) return;
    if (event.target && /input|textarea|select|button/i.test(event.target.tagName)) return;
    if (event.key === 'j' || event.key === 'n') { go(1); event.preventDefault(); }
    if (event.key === 'k' || event.key === 'p') { go(-1); event.preventDefault(); }
  });
})();
"""


def _e(text: str | None) -> str:
    return html_text(text)


def diff_html(comparison: Comparison, *, layout: str = "inline") -> str:
    """The whole page: `layout` is 'inline' (one text, deletions and insertions in place) or 'side-by-side' (old
    and new columns, one row a change).

    The view selects the changes marked and listed, as in every format; the page stays the whole new text, so a
    paragraph the view leaves out reads as plain text (a dropped one is not there), and `--summary` gives the page
    without the text."""
    alignment, old, new = comparison.alignment, comparison.old, comparison.new
    side_by_side = layout == "side-by-side"
    title = f"Redline: {_name(alignment.old)} → {_name(alignment.new)}"
    parts = [
        '<a class="skip" href="#redline">Skip to the text</a>',
        _header(alignment, old, new),
        _title_change(comparison),
        _summary(comparison),
        *(
            ()
            if comparison.view.summary_only
            else (
                '<main id="redline" tabindex="-1">',
                *_sections(comparison, side_by_side),
                _footnote_changes(comparison),
                _footnotes(new),
                "</main>",
            )
        ),
    ]
    body = "\n".join(part for part in parts if part)
    return page(title, body, body_class="side-by-side" if side_by_side else "inline", script=_SCRIPT)


def _stylesheet() -> str:
    return files("unres.render").joinpath("redline.css").read_text(encoding="utf-8")


def _name(ref: DocumentRef) -> str:
    return display_name(ref.symbol, ref.source)


# --- header and summary ------------------------------------------------------------------------------------------


def _header(alignment: Alignment, old: Document, new: Document) -> str:
    """The new title as the page's heading, then the two versions side by side: name, body, date, file."""
    heading = new.title or old.title or f"{_name(alignment.old)} → {_name(alignment.new)}"
    cards = "".join(
        _version_card(label, ref, doc, heading)
        for label, ref, doc in (("Old version", alignment.old, old), ("New version", alignment.new, new))
    )
    return (
        '<header role="banner">'
        f'<p class="kicker"><span class="word">Redline</span> {_e(_name(alignment.old))} → '
        f"{_e(_name(alignment.new))}</p>"
        f"<h1>{_e(heading)}</h1>"
        f'<div class="versions">{cards}</div>'
        "</header>"
    )


def _version_card(label: str, ref: DocumentRef, doc: Document, heading: str) -> str:
    rows = [("", _name(ref))]
    if doc.body:
        rows.append(("By", doc.body))
    date = doc.metadata.adopted or (doc.closing.date if doc.closing else None)
    if date:
        rows.append(("Adopted", date))
    if doc.title and doc.title != heading:
        rows.append(("Title", doc.title))
    if ref.symbol and ref.source:
        rows.append(("File", display_name(None, ref.source)))
    items = "".join(
        f"<dt>{_e(name)}</dt><dd>{_e(value)}</dd>"
        if name
        else f'<dt class="sr-only">Name</dt><dd class="name">{_e(value)}</dd>'
        for name, value in rows
    )
    return f'<div class="version"><p class="version-label">{label}</p><dl>{items}</dl></div>'


def _title_change(comparison: Comparison) -> str:
    """The old title redlined into the new, when the title changed."""
    change = comparison.title
    if change is None or comparison.view.summary_only:
        return ""
    return (
        '<section class="title-change" aria-labelledby="title-change"><h2 id="title-change">Title changed</h2>'
        f'<p class="text">{_text(change.edits, "both", {}, {}, {})}</p></section>'
    )


def _summary(comparison: Comparison) -> str:
    alignment = comparison.alignment
    listed = {id(change) for change in comparison.changes}  # none under --summary
    rows = []
    for kind, count in alignment.counts.items():
        links = " ".join(
            f'<a href="#{_e(_anchor(change))}">{_e(change_ids(change))}</a>'
            for change in alignment.changes
            if change.kind == kind and kind != "unchanged" and id(change) in listed
        )
        rows.append(_summary_row(kind, count, links))
    changed = [change for change in alignment.footnotes if change.kind != "unchanged"]
    rows.append(_summary_row("title changed", int(alignment.title is not None), ""))
    if alignment.blocks:
        rows.append(
            _summary_row("moved as a block", len(alignment.blocks), _e("; ".join(map(block_label, alignment.blocks))))
        )
    if alignment.footnotes:
        links = " ".join(
            f'<a href="#{_e(_footnote_anchor(change))}">{_e(_footnote_label(change))}</a>' for change in changed
        )
        rows.append(_summary_row("footnotes changed", len(changed), links))
    return (
        '<nav aria-labelledby="summary-heading">'
        '<h2 id="summary-heading">Summary</h2>'
        '<table class="summary"><thead><tr><th scope="col">Change</th><th scope="col">Count</th>'
        f'<th scope="col">Paragraphs</th></tr></thead><tbody>{"".join(rows)}</tbody></table>'
        '<p class="legend">Deleted text is <del><span class="sr-only">deleted: </span>struck through</del>, inserted '
        'text <ins><span class="sr-only">inserted: </span>underlined</ins>; a dotted note stands where moved text '
        "used to be. Every paragraph has an anchor: <code>#OP12</code> in the new version, <code>#old-OP3</code> "
        'in the old.<span class="keys"> Keys: <kbd>j</kbd> or <kbd>n</kbd> next change, <kbd>k</kbd> or '
        "<kbd>p</kbd> previous.</span></p>"
        "</nav>"
    )


def _summary_row(kind: str, count: int, links: str) -> str:
    none = ' class="none"' if not count else ""
    label = kind_label(kind)
    return f'<tr{none}><th scope="row">{label}</th><td class="count">{count}</td><td class="ids">{links}</td></tr>'


# --- the text, part by part --------------------------------------------------------------------------------------


def _anchor(change: Change) -> str:
    """Where a change lives on the page: its new id, or for a dropped paragraph its old one."""
    return change.new[0] if change.new else f"old-{change.old[0]}"


def _part(paragraph_id: str) -> str:
    """'preamble', 'operative part', 'annex' or 'text', from the id's prefix."""
    for prefix, name in (("ANNEX", "annex"), ("PP", "preamble"), ("OP", "operative part")):
        if paragraph_id.startswith(prefix):
            return name
    return "text"


def _parts_of(doc: Document) -> dict[str, str]:
    """Each top-level paragraph's part: 'preambular', 'operative', 'plain' or 'annex:<annex id>'."""
    parts: dict[str, str] = {p.id: p.kind for p in doc.paragraphs}
    parts.update({p.id: f"annex:{annex.id}" for annex in doc.annexes for p in annex.paragraphs})
    return parts


def _sections(comparison: Comparison, side_by_side: bool) -> Iterator[str]:
    """The new document's parts in order, each change placed where it reads; dropped paragraphs and notes where moved
    text used to be, each in its old part (see `_placements`). A change the view leaves out is plain text."""
    alignment, old, new = comparison.alignment, comparison.old, comparison.new
    shown = {id(change) for change in comparison.changes}
    new_part, old_part = _parts_of(new), _parts_of(old)
    old_names = {f"annex:{annex.id}": _annex_heading(annex.heading, annex.title) for annex in old.annexes}
    names = {**_PART_NAMES, **old_names, **{f"annex:{a.id}": _annex_heading(a.heading, a.title) for a in new.annexes}}
    new_by_id = {p.id: p for p in new.all_paragraphs()}
    old_by_id = {p.id: p for p in old.all_paragraphs()}
    placements = _placements(alignment, old, old_part, new_part)
    ghosted = {old_id for placed in placements.values() for old_id, item in placed if isinstance(item, str)}
    footnotes = {footnote.mark for footnote in new.footnotes}
    opened: dict[str, int] = {}

    def article(change: Change) -> str:
        if id(change) not in shown and change.kind != "unchanged":  # an unchanged paragraph is context as it is
            return _context(change, new_by_id, footnotes, ghosted)
        return _change(change, new_by_id, old_by_id, side_by_side, ghosted, footnotes)

    def render(placed: list[tuple[str, str | Change]]) -> Iterator[str]:
        for _, item in placed:
            if isinstance(item, str):
                yield item
            elif id(item) in shown:  # a dropped paragraph the view leaves out is not in the new text
                yield article(item)

    def section(part: str, suffix: str = "") -> str:
        opened[part] = opened.get(part, 0) + 1
        slug = _e(part.replace(":", "-")) + (f"-{opened[part]}" if opened[part] > 1 else "")
        heading = names.get(part, "Text") + (" (continued)" if opened[part] > 1 else suffix)
        return f'<section aria-labelledby="part-{slug}"><h2 id="part-{slug}">{_e(heading)}</h2>'

    current = None
    for change in alignment.changes:
        if change.kind == "dropped":
            continue  # placed by `_placements`
        part = new_part.get(change.new[0]) or "plain"
        if part != current:
            if current is not None:
                yield "</section>"
            yield section(part)
            current = part
            yield from render(placements.pop(f"start:{part}", []))
        yield article(change)
        yield from render(placements.pop(f"after:{_anchor(change)}", []))
    if current is not None:
        yield "</section>"
    for key, placed in placements.items():  # parts the new version no longer has
        yield section(key.removeprefix("start:"), " (old version only)")
        yield from render(placed)
        yield "</section>"


def _context(change: Change, new_by_id: dict[str, Paragraph], footnotes: set[str], ghosted: set[str]) -> str:
    """A change the view leaves out, as the new text reads, without marks or label: context for the changes shown.
    It keeps its anchors, so links to it still land."""
    edits = [Edit(op="equal", text=new_side(change.edits))]
    paragraphs = [new_by_id[i] for i in change.new if i in new_by_id]
    breaks = _breaks(edits, "new", change.new, paragraphs)
    extra_ids = "".join(f'<span id="{_e(new_id)}"></span>' for new_id in change.new[1:] if not breaks)
    extra_ids += "".join(f'<span id="old-{_e(old_id)}"></span>' for old_id in change.old if old_id not in ghosted)
    return (
        f'<article class="change unchanged context" id="{_e(_anchor(change))}" tabindex="-1" '
        f'aria-label="{_e(change_ids(change))}">{extra_ids}'
        f'<div class="label"><h3 class="pid"><a href="#{_e(_anchor(change))}">{_e("+".join(change.new))}</a></h3>'
        f'</div><p class="text">{_text(edits, "new", _mark_positions(paragraphs, footnotes), breaks, {})}</p></article>'
    )


def _annex_heading(heading: str, title: str | None) -> str:
    return f"{heading}: {title}" if title else heading


def _placements(
    alignment: Alignment, old: Document, old_part: dict[str, str], new_part: dict[str, str]
) -> dict[str, list[tuple[str, str | Change]]]:
    """Where the old version's paragraphs that are not in place go: a dropped paragraph (its change, struck through)
    and a note where a moved, split or merged paragraph used to be (linking to where the text went; it carries the
    `old-` anchor). Each goes after the last paragraph before it, in its old part, that stayed in that part
    ('after:<anchor>'), or at the start of that part ('start:<part>'); at one place they keep the old order. So a
    dropped preambular paragraph stays in the preamble even when the paragraph before it moved elsewhere."""
    order = [p.id for p in old.all_paragraphs()]
    position = {old_id: index for index, old_id in reversed(list(enumerate(order)))}
    holder = {old_id: change for change in alignment.changes for old_id in change.old}
    # One pass in old order: for each old paragraph, the last one before it in its part that stayed in that part.
    last_stayed: dict[str, str] = {}
    stayed_before: dict[str, str | None] = {}
    for old_id in order:
        part = old_part[old_id]
        stayed_before.setdefault(old_id, last_stayed.get(part))
        change = holder.get(old_id)
        if change is not None and change.kind not in (*_MOVES, "dropped") and new_part.get(change.new[0]) == part:
            last_stayed[part] = old_id
    placements: dict[str, list[tuple[str, str | Change]]] = {}
    for change in alignment.changes:
        if change.kind not in (*_MOVES, "dropped"):
            continue
        for old_id in change.old:
            part = old_part.get(old_id, "plain")
            before = stayed_before[old_id]
            key = f"after:{_anchor(holder[before])}" if before is not None else f"start:{part}"
            if change.kind == "dropped":
                placements.setdefault(key, []).append((old_id, change))
                continue
            targets = " and ".join(
                f'<a href="#{_e(new_id)}">{_e(new_id)}</a>{_part_note(new_id, old_id)}' for new_id in change.new
            )
            note = (
                f'<p class="ghost" id="old-{_e(old_id)}"><span class="ghost-id">Old {_e(old_id)}</span> '
                f"({_part(old_id)}) {kind_label(change.kind)} to {targets}</p>"
            )
            placements.setdefault(key, []).append((old_id, note))
    for placed in placements.values():
        placed.sort(key=lambda item: position[item[0]])
    return placements


def _part_note(new_id: str, old_id: str) -> str:
    """' (preamble)' when a paragraph crossed into another part, else nothing."""
    return f" ({_part(new_id)})" if _part(new_id) != _part(old_id) else ""


def _change(
    change: Change,
    new_by_id: dict[str, Paragraph],
    old_by_id: dict[str, Paragraph],
    side_by_side: bool,
    ghosted: set[str],
    footnotes: set[str],
) -> str:
    anchor = _anchor(change)
    new_paragraphs = [new_by_id[i] for i in change.new if i in new_by_id]
    marks = _mark_positions(new_paragraphs, footnotes)
    new_breaks = _breaks(change.edits, "new", change.new, new_paragraphs)
    old_paragraphs = [old_by_id[i] for i in change.old if i in old_by_id]
    old_breaks = _breaks(change.edits, "old", change.old, old_paragraphs, side_by_side=side_by_side)
    shown = "+".join(change.new) if change.new else f"old {'+'.join(change.old)}"  # a dropped one has its old id
    label = [
        f'<h3 class="pid"><a href="#{_e(anchor)}">{_e(shown)}</a></h3>',
        f'<span class="kind">{kind_label(change.kind)}</span>',
    ]
    note = _provenance(change)
    if note:
        label.append(f'<span class="note">{note}</span>')
    if change.kind not in ("unchanged", "added", "dropped"):
        label.append(f'<span class="note">{min(change.similarity, 0.99):.0%} similar</span>')
    # Every id reaches this article: the parts of a split (where they begin, when that is known), old ids without a
    # note of their own.
    placed = {new_id for new_id in change.new[1:] if new_breaks}
    extra_ids = "".join(f'<span id="{_e(new_id)}"></span>' for new_id in change.new[1:] if new_id not in placed)
    extra_ids += "".join(
        f'<span id="old-{_e(old_id)}"></span>' for old_id in change.old if change.new and old_id not in ghosted
    )
    if side_by_side:
        old_side = (
            f'<p class="text">{_text(change.edits, "old", {}, {}, old_breaks)}</p>'
            if change.old
            else '<p class="absent">Not in the old version.</p>'
        )
        new_side = (
            f'<p class="text">{_text(change.edits, "new", marks, new_breaks, {})}</p>'
            if change.new
            else '<p class="absent">Not in the new version.</p>'
        )
        body = (
            '<div class="columns">'
            f'<div class="side old"><h4>Old {_e("+".join(change.old))}</h4>{old_side}</div>'
            f'<div class="side new"><h4>New {_e("+".join(change.new))}</h4>{new_side}</div>'
            "</div>"
        )
    else:
        body = f'<p class="text">{_text(change.edits, "both", marks, new_breaks, old_breaks)}</p>'
    return (
        f'<article class="change {change.kind}" id="{_e(anchor)}" tabindex="-1" '
        f'aria-label="{_e(change_ids(change))}, {change.kind}">{extra_ids}'
        f'<div class="label">{"".join(label)}</div>{body}</article>'
    )


def _provenance(change: Change) -> str:
    """Where the text came from, linked: 'moved from OP3 (operative part) to PP16 (preamble)', 'merged from OP6
    (operative part) and OP7 (operative part)', 'renumbered from PP7 (preamble)'."""
    if change.kind not in _MOVES and not (change.kind == "unchanged" and change.old != change.new):
        return ""
    links = " and ".join(f'<a href="#old-{_e(old_id)}">{_e(old_id)}</a> ({_part(old_id)})' for old_id in change.old)
    if change.kind == "unchanged":
        return f"renumbered from {links}"
    crossed = [new_id for new_id in change.new if any(_part(new_id) != _part(old_id) for old_id in change.old)]
    into = f" to {_e('+'.join(change.new))} ({_part(crossed[0])})" if crossed else ""
    return f"{kind_label(change.kind)} from {links}{into}"


# --- one paragraph's redline -------------------------------------------------------------------------------------


def _mark_positions(paragraphs: list[Paragraph], footnotes: set[str]) -> dict[int, list[str]]:
    """Footnote marks by character position in the new side's text (paragraphs joined as the alignment joins them),
    as superscripts: a link to the footnote when the rendering has its text, else the bare number."""
    positions: dict[int, list[str]] = {}
    base = 0
    for paragraph in paragraphs:
        for offset, mark in _marks_in_full_text(paragraph):
            sup = (
                f'<sup><a href="#fn-{_e(mark)}" aria-label="footnote {_e(mark)}">{_e(mark)}</a></sup>'
                if mark in footnotes
                else f'<sup title="footnote {_e(mark)}: its text is not in this rendering">{_e(mark)}</sup>'
            )
            positions.setdefault(base + offset, []).append(sup)
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


def _breaks(
    edits: list[Edit], side: _Show, ids: list[str], paragraphs: list[Paragraph], *, side_by_side: bool = False
) -> dict[int, str]:
    """Where each paragraph of a split (new side) or merge (old side) begins in that side's joined text, as a marker
    naming it; nothing for a single paragraph, or when the joined text is not the paragraphs' (then positions would
    lie). New-side markers after the first carry the paragraph's anchor; old-side markers are for the old column
    (inline, the first one goes without saying)."""
    if len(ids) < 2 or len(paragraphs) != len(ids):
        return {}
    texts = [p.full_text() for p in paragraphs]
    if _side_text(edits, side) != " ".join(texts):
        return {}
    breaks: dict[int, str] = {}
    position = 0
    for index, (paragraph_id, text) in enumerate(zip(ids, texts, strict=True)):
        if side == "new":
            anchor = f' id="{_e(paragraph_id)}"' if index else ""
            breaks[position] = (
                f'<span class="para-start"{anchor}><a class="pid" href="#{_e(paragraph_id)}">{_e(paragraph_id)}</a>'
                "</span>"
            )
        elif index or side_by_side:  # inline, where the first old paragraph begins goes without saying
            breaks[position] = f'<span class="old-start">old {_e(paragraph_id)}</span>'
        position += len(text) + 1
    return breaks


def _side_text(edits: list[Edit], side: _Show) -> str:
    if side == "old":
        return "".join(edit.text for edit in edits if edit.op != "insert")
    return "".join(_new_text(edit) for edit in edits if edit.op != "delete")


def _new_text(edit: Edit) -> str:
    return edit.new_text if edit.op == "equal" and edit.new_text is not None else edit.text


def _text(
    edits: list[Edit], show: _Show, marks: dict[int, list[str]], new_breaks: dict[int, str], old_breaks: dict[int, str]
) -> str:
    """A paragraph's redline as HTML: 'both' is the inline view (deletions and insertions in place), 'old' and 'new'
    the columns of the side-by-side view. Footnote marks and paragraph-start markers stand at their positions."""
    out: list[str] = []
    old_at = new_at = 0
    for edit in edits:
        old_length = len(edit.text) if edit.op != "insert" else 0
        new_length = len(_new_text(edit)) if edit.op != "delete" else 0
        visible = show == "both" or (show == "old" and edit.op != "insert") or (show == "new" and edit.op != "delete")
        if visible:
            on_new = edit.op == "insert" or (edit.op == "equal" and show != "old")
            text = _new_text(edit) if on_new else edit.text
            cuts: dict[int, list[str]] = {}
            if show != "old" and edit.op != "delete":
                for position, marker in new_breaks.items():
                    if new_at <= position < new_at + new_length:
                        cuts.setdefault(min(position - new_at, len(text)), []).append(marker)
            if show != "new" and edit.op != "insert":
                for position, marker in old_breaks.items():
                    if old_at <= position < old_at + old_length:
                        cuts.setdefault(min(position - old_at, len(text)), []).append(marker)
            start = new_at if on_new else old_at
            cursor = 0
            for cut in [*sorted(cuts), len(text)]:
                if cut > cursor:
                    out.append(_piece(edit.op, text[cursor:cut], start + cursor, marks if on_new else {}))
                out.extend(cuts.get(cut, []))
                cursor = cut
        old_at += old_length
        new_at += new_length
    return "".join(out)


def _piece(op: str, text: str, start: int, marks: dict[int, list[str]]) -> str:
    """Equal text as it is; deleted or inserted words in <del>/<ins> with a cue for screen readers (the spaces
    around them are not part of the change; a change of punctuation only is boxed so that it is seen)."""
    if op == "equal":
        return _with_marks(text, start, marks)
    words = text.strip()
    if not words:
        return _e(text)
    lead = len(text) - len(text.lstrip())
    tag, cue = ("del", "deleted") if op == "delete" else ("ins", "inserted")
    boxed = "" if any(char.isalnum() for char in words) else ' class="punct"'
    rendered = _with_marks(words, start + lead, marks)
    trail = _e(text[lead + len(words) :])
    return f'{_e(text[:lead])}<{tag}{boxed}><span class="sr-only">{cue}: </span>{rendered}</{tag}>{trail}'


def _with_marks(text: str, start: int, marks: dict[int, list[str]]) -> str:
    """Escaped text with footnote marks (`_mark_positions`) at their positions."""
    out = []
    cursor = 0
    for offset in sorted(position for position in marks if start < position <= start + len(text)):
        out.append(_e(text[cursor : offset - start]))
        cursor = offset - start
        out.extend(marks[offset])
    out.append(_e(text[cursor:]))
    return "".join(out)


# --- footnotes ---------------------------------------------------------------------------------------------------


def _footnotes(new: Document) -> str:
    """The new version's footnotes, each linking back to the paragraphs that carry its mark."""
    if not new.footnotes:
        return ""
    top_level = {p.id for p in new.all_paragraphs()}
    items = "".join(
        f'<li id="fn-{_e(footnote.mark)}"{_value(footnote.mark)}>{_e(footnote.text)}'
        f"{_backlinks(footnote.referenced_in, top_level)}</li>"
        for footnote in new.footnotes
    )
    return (
        '<section class="footnotes" aria-labelledby="footnotes-heading">'
        f'<h2 id="footnotes-heading">Footnotes of {_e(_name(DocumentRef.of(new)))}</h2><ol>{items}</ol></section>'
    )


def _backlinks(referenced_in: list[str], top_level: set[str]) -> str:
    """' (in PP1, OP3(b))', each linking to its paragraph (a sub-paragraph to the paragraph it belongs to)."""
    links = []
    for where in referenced_in:
        paragraph_id = where.split("(", 1)[0]
        links.append(f'<a href="#{_e(paragraph_id)}">{_e(where)}</a>' if paragraph_id in top_level else _e(where))
    return f' <span class="backlinks">(in {", ".join(links)})</span>' if links else ""


def _value(mark: str) -> str:
    """An ordered-list number that matches the printed footnote number."""
    return f' value="{int(mark)}"' if mark.isdigit() else ""


def _footnote_changes(comparison: Comparison) -> str:
    """The footnote changes the view shows: reworded, added or dropped (renumbered ones are not changes)."""
    changed = [change for change in comparison.footnotes if change.kind != "unchanged"]
    if not changed:
        return ""
    items = "".join(
        f'<li id="{_e(_footnote_anchor(change))}"><span class="label"><span class="pid">'
        f'{_e(_footnote_label(change))}</span><span class="kind">{kind_label(change.kind)}</span></span>'
        f'<span class="text">{_text(change.edits, "both", {}, {}, {})}</span></li>'
        for change in changed
    )
    return (
        '<section class="footnotes" aria-labelledby="footnote-changes-heading">'
        f'<h2 id="footnote-changes-heading">Footnote changes</h2><ul class="footnote-changes">{items}</ul></section>'
    )


def _footnote_label(change: Change) -> str:
    """A dropped footnote is named by its old number, as such."""
    return change_ids(change) if change.new else f"old {change_ids(change)}"


def _footnote_anchor(change: Change) -> str:
    """'footnote-change-5' for a footnote of the new version, 'footnote-change-old-8' for a dropped one."""
    ids = change.new or [f"old {i}" for i in change.old]
    return "footnote-change-" + ids[0].removeprefix("footnote ").replace("old footnote ", "old-").replace(" ", "-")


# --- the page shell, for other pages in the same style -------------------------------------------------------------


def page(title: str, body: str, *, body_class: str = "", style: str = "", script: str = "") -> str:
    """A self-contained page in the redline's style: `title` (escaped here) in the head, the redline stylesheet
    inlined and `style` (the page's own rules) after it, `body` (HTML, escaped by the caller) as the body, then
    `script` (the redline's keys; none on the lineage page). No network request."""
    parts = [
        "<!DOCTYPE html>",
        '<html lang="en">',
        "<head>",
        '<meta charset="utf-8">',
        '<meta name="viewport" content="width=device-width, initial-scale=1">',
        '<meta name="generator" content="unres">',
        f"<title>{_e(title)}</title>",
        f"<style>{_stylesheet()}{style}</style>",
        "</head>",
        f'<body class="{_e(body_class)}">' if body_class else "<body>",
        body,
        *([f"<script>{script}</script>"] if script else []),
        "</body>",
        "</html>",
    ]
    return "\n".join(parts) + "\n"
