"""Terminal views built with rich: a parsed document's outline, a comparison's redline, a check's report."""

from __future__ import annotations

from rich.console import Group, RenderableType
from rich.padding import Padding
from rich.table import Table
from rich.text import Text

from unres.models import (
    Alignment,
    BlameEntry,
    Change,
    CheckProfile,
    CheckReport,
    Comparison,
    Document,
    Excerpt,
    Folded,
    Lineage,
    LineageCell,
    LineageStep,
    Paragraph,
)
from unres.render import block_label, change_ids, elide, kind_label, version_name
from unres.render.safe import rich_text, visible


def document_outline(doc: Document) -> RenderableType:
    """Symbol, title, body, counts, every paragraph's id and opening words, footnotes and warnings."""
    parts: list[RenderableType] = [_header(doc), Text()]
    table = Table(box=None, show_header=False, pad_edge=False, padding=(0, 2, 0, 0), expand=True)
    table.add_column("id", style="bold cyan", no_wrap=True)
    table.add_column("text", no_wrap=True, overflow="ellipsis", ratio=1)
    table.add_column("marks", style="magenta", no_wrap=True)
    current_section: str | None = None
    for paragraph in doc.paragraphs:
        current_section = _add_section(table, paragraph, current_section)
        _add_rows(table, paragraph, 0)
    for annex in doc.annexes:
        heading = rich_text(annex.heading, "bold")
        if annex.title:
            heading.append(visible(f"  {annex.title}"), style="bold")
        table.add_row("", heading, "")
        current_section = None
        for paragraph in annex.paragraphs:
            current_section = _add_section(table, paragraph, current_section)
            _add_rows(table, paragraph, 0)
    parts.append(table)
    if doc.closing:
        closing = ", ".join(part for part in (doc.closing.meeting, doc.closing.date) if part)
        parts += [Text(), rich_text(closing, "dim")]
    if doc.footnotes:
        parts += [Text(), Text("Footnotes", style="bold")]
        notes = Table(box=None, show_header=False, pad_edge=False, padding=(0, 2, 0, 0))
        notes.add_column("mark", style="magenta", no_wrap=True, justify="right")
        notes.add_column("text", overflow="fold")
        notes.add_column("where", style="dim", overflow="fold")
        for footnote in doc.footnotes:
            notes.add_row(
                rich_text(footnote.mark),
                rich_text(footnote.text),
                rich_text(", ".join(footnote.referenced_in) or "not referenced"),
            )
        parts.append(notes)
    if doc.warnings:
        parts += [Text(), *(rich_text(f"warning: {warning}", "yellow") for warning in doc.warnings)]
    return Group(*parts)


def _header(doc: Document) -> RenderableType:
    lines = Text()
    lines.append(visible(doc.symbol or "(no symbol)"), style="bold")
    if doc.metadata.adopted:
        lines.append(visible(f"  adopted {doc.metadata.adopted}"), style="dim")
    lines.append("\n")
    lines.append(visible(doc.title or "(no title)"), style="bold")
    lines.append("\n")
    if doc.body:
        lines.append(visible(doc.body), style="italic")
        lines.append("\n")
    subparagraphs = sum(1 for _ in doc.walk()) - len(doc.all_paragraphs())
    counts = [
        f"{len(doc.preamble)} preambular",
        f"{len(doc.operative)} operative",
        _count(subparagraphs, "sub-paragraph"),
    ]
    if doc.annexes:
        counts.append(_count(sum(len(annex.paragraphs) for annex in doc.annexes), "annex paragraph"))
    if not doc.structured:
        counts = [_count(len(doc.paragraphs), "plain paragraph")]
    counts.append(_count(len(doc.footnotes), "footnote"))
    lines.append(", ".join(counts), style="dim")
    return lines


def _count(number: int, noun: str) -> str:
    return f"{number} {noun}" if number == 1 else f"{number} {noun}s"


def _add_section(table: Table, paragraph: Paragraph, current: str | None) -> str | None:
    if paragraph.section and paragraph.section != current:
        table.add_row("", rich_text(paragraph.section, "bold underline"), "")
    return paragraph.section


def _add_rows(table: Table, paragraph: Paragraph, depth: int) -> None:
    marks = " ".join(f"[{ref.mark}]" for ref in paragraph.footnote_refs)
    table.add_row(rich_text("  " * depth + paragraph.id), _preview(paragraph), rich_text(marks))
    for sub in paragraph.subparagraphs:
        _add_rows(table, sub, depth + 1)


def _preview(paragraph: Paragraph) -> Text:
    """The paragraph on one line, its opening phrase in italics as printed."""
    preview = Text()
    text = paragraph.text
    if paragraph.opening and text.startswith(paragraph.opening):
        preview.append(visible(paragraph.opening), style="italic")
        text = text[len(paragraph.opening) :]
    preview.append(visible(text))
    return preview


# --- diff ----------------------------------------------------------------------------------------------------------

_KIND_STYLE = {
    "unchanged": "dim",
    "modified": "yellow",
    "moved": "blue",
    "moved-modified": "blue",
    "split": "magenta",
    "merged": "magenta",
    "added": "green",
    "dropped": "red",
}
_DELETED = "red strike"
_INSERTED = "green underline"


def diff_view(
    comparison: Comparison, *, markers: bool = False, notes: dict[tuple[str, str], str] | None = None
) -> RenderableType:
    """The title's redline when it changed, the redline of every change the view shows (runs of unchanged
    paragraphs folded to a count), the footnote changes shown, then the summary.

    `markers` writes deletions as [-…-] and insertions as {+…+} (as wdiff does), for output that cannot show
    strike-through and underline: files and pipes. `notes` adds a note to a change's heading, keyed by ("new", id)
    or, for a dropped paragraph, ("old", id): `unres amend` names the instructions behind each change.
    """
    context = comparison.view.context
    parts: list[RenderableType] = [_diff_header(comparison.alignment)]
    if not comparison.view.summary_only:
        parts += [Text.assemble("\n", (block_label(block), "blue")) for block in comparison.alignment.blocks]
    if comparison.title is not None and not comparison.view.summary_only:
        parts += [Text(), _change_heading(comparison.title), _indented(_redline_text(comparison.title, None, markers))]
    for entry in comparison.entries:
        if isinstance(entry, Folded):
            parts.append(Text(f"  … {entry.count} unchanged", style="dim"))
        else:
            parts += [Text(), _change_heading(entry, notes), _indented(_redline_text(entry, context, markers))]
    if comparison.footnotes:
        parts += [Text(), Text("Footnotes", style="bold underline")]
        for change in comparison.footnotes:
            parts += [_change_heading(change), _indented(_redline_text(change, context, markers))]
    parts += [Text(), diff_summary(comparison.alignment)]
    return Group(*parts)


def _indented(text: Text) -> Padding:
    return Padding(text, (0, 0, 0, 2), expand=False)


def _diff_header(alignment: Alignment) -> Text:
    header = Text()
    for label, ref in (("old", alignment.old), ("new", alignment.new)):
        header.append(f"{label}: ", style="bold")
        header.append(visible(ref.symbol or ref.source or "(unnamed)"))
        if ref.title:
            header.append(visible(f"  {ref.title}"), style="dim")
        header.append("\n")
    header.rstrip()
    return header


def _change_heading(change: Change, notes: dict[tuple[str, str], str] | None = None) -> Text:
    heading = Text()
    old = "+".join(change.old) or "—"
    new = "+".join(change.new) or "—"
    heading.append(visible(f"{old} → {new}" if old != new else old), style="bold")
    heading.append(f"  {kind_label(change.kind)}", style=_KIND_STYLE[change.kind])
    if change.kind not in ("added", "dropped", "unchanged"):
        # A changed paragraph never shows as 100% similar, however small the change.
        heading.append(f"  {min(change.similarity, 0.99):.0%}", style="dim")
    elif change.kind == "unchanged" and change.old != change.new:
        heading.append("  renumbered", style="dim")
    keys = [("new", i) for i in change.new] or [("old", i) for i in change.old]
    found = [notes[key] for key in keys if notes and key in notes]
    if found:
        heading.append(f"  ← {'; '.join(dict.fromkeys(found))}", style="cyan")
    return heading


def _redline_text(change: Change, context: int | None, markers: bool) -> Text:
    text = Text()
    for position, edit in enumerate(change.edits):
        if edit.op == "delete":
            text.append(visible(f"[-{edit.text}-]" if markers else edit.text, lines=True), style=_DELETED)
        elif edit.op == "insert":
            text.append(visible(f"{{+{edit.text}+}}" if markers else edit.text, lines=True), style=_INSERTED)
        else:
            shown = edit.new_text if edit.new_text is not None else edit.text
            kept = elide(shown, context, first=position == 0, last=position == len(change.edits) - 1)
            text.append(visible(kept, lines=True))
    return text


def diff_summary(alignment: Alignment) -> RenderableType:
    """Counts per kind, and which paragraphs moved, split, merged, were added or dropped."""
    table = Table(title="Summary", title_justify="left", show_edge=False, pad_edge=False)
    table.add_column("change")
    table.add_column("count", justify="right")
    table.add_column("paragraphs", overflow="fold")
    for kind, count in alignment.counts.items():
        ids = [change_ids(change, "→") for change in alignment.changes if change.kind == kind]
        listed = ", ".join(ids) if kind not in ("unchanged", "modified") else ""
        table.add_row(Text(kind_label(kind), style=_KIND_STYLE[kind]), str(count), rich_text(listed))
    notes = [change for change in alignment.footnotes if change.kind != "unchanged"]
    if alignment.footnotes:
        table.add_row(Text("footnotes changed"), str(len(notes)), rich_text(", ".join(_note_ids(c) for c in notes)))
    table.add_row(Text("title changed"), str(int(alignment.title is not None)), "")
    if alignment.blocks:
        blocks = ", ".join(f"{b.old[0]}…→{b.new[0]}…" for b in alignment.blocks)
        table.add_row(Text("moved as a block", style="blue"), str(len(alignment.blocks)), rich_text(blocks))
    return table


def _note_ids(change: Change) -> str:
    """'4' for a footnote kept, '5→6' renumbered, '+8' added, '-8' dropped."""
    old = "+".join(i.removeprefix("footnote ") for i in change.old)
    new = "+".join(i.removeprefix("footnote ") for i in change.new)
    if not old:
        return f"+{new}"
    if not new:
        return f"-{old}"
    return old if old == new else f"{old}→{new}"


# --- check ---------------------------------------------------------------------------------------------------------


def check_view(report: CheckReport) -> RenderableType:
    """Each disagreement with what both renderings say, the differing characters highlighted; then the verdict."""
    parts: list[RenderableType] = []
    for difference in report.differences:
        heading = Text()
        heading.append(visible(f"{difference.file}: "), style="bold")
        heading.append(visible(difference.where), style="bold cyan")
        heading.append(f"  {difference.kind}", style="yellow")
        parts.append(heading)
        if difference.kind != "text":
            parts.append(Padding(rich_text(difference.detail), (0, 0, 0, 2), expand=False))
        for name, excerpt, colour in (
            (report.files[0], difference.first, "red"),
            (difference.file, difference.other, "green"),
        ):
            if excerpt is not None:
                parts.append(_side(name, excerpt, colour))
        parts.append(Text())
    verdict = Text()
    if report.agree:
        verdict.append(visible(f"agree: {', '.join(report.files)}"), style="bold green")
    else:
        disagreeing = [name for name in report.files[1:] if any(d.file == name for d in report.differences)]
        verdict.append(
            visible(
                f"disagree: {_count(len(report.differences), 'difference')}; "
                f"{', '.join(disagreeing)} against {report.files[0]}"
            ),
            style="bold red",
        )
    parts.append(verdict)
    return Group(*parts)


def _side(name: str, excerpt: Excerpt, colour: str) -> Padding:
    """'name: …words «x» words…', each differing stretch in «» and reverse video (so it shows without colour too);
    an empty «» marks where the other rendering has something this one lacks."""
    line = rich_text(f"{name}: ", "dim")
    at = 0
    for start, end in excerpt.highlights:
        line.append(visible(excerpt.text[at:start], lines=True))
        line.append("«")
        line.append(visible(excerpt.text[start:end], lines=True), style=f"bold reverse {colour}")
        line.append("»")
        at = end
    line.append(visible(excerpt.text[at:], lines=True))
    return Padding(line, (0, 0, 0, 2), expand=False)


def profile_view(profile: CheckProfile) -> RenderableType:
    """The normalisation profile in force, for `unres check --explain`."""
    table = Table(title="What counts as layout, not text", title_justify="left", show_edge=False, pad_edge=False)
    table.add_column("rule")
    table.add_column("on", justify="center")
    table.add_column("meaning", overflow="fold")
    always = [
        ("line wraps and indentation", "the parser joins lines and drops indentation"),
        ("page furniture", "headers, footers, page and job numbers, barcodes are set aside"),
        ("footnote-mark style", "¹, 1 and [^1] are the same mark"),
        ("markup", "*italics*, list dashes, LaTeX superscripts"),
        ("invisible characters", "soft hyphens, zero-width spaces, bidi controls dropped; no-break spaces are spaces"),
    ]
    for rule, meaning in always:
        table.add_row(rule, "always", meaning)
    for name, field in CheckProfile.model_fields.items():
        table.add_row(name, "yes" if getattr(profile, name) else "no", field.description or "")
    return table


# --- lineage -------------------------------------------------------------------------------------------------------

_MARK = {
    "unchanged": "",
    "modified": "~",
    "moved": "↕",
    "moved-modified": "↕~",
    "split": "<",
    "merged": ">",
    "added": "+",
    "dropped": "-",
}
_LINEAGE_LEGEND = "~ modified  ↕ moved  < split  > merged  - left (on the way to the next version); blank: not there"


def _version_label(graph: Lineage, index: int) -> str:
    date = graph.documents[index].date
    return f"{index + 1}. {version_name(graph, index)}" + (f", {date}" if date else "")


def lineage_table(graph: Lineage, rows: list[list[LineageCell | None]], documents: list[Document]) -> RenderableType:
    """The versions, numbered, then one row per paragraph (of the newest version, and each that left along the way)
    and one column per version: the id it had there, marked by how it changed on the way to the next version
    (~ modified, ↕ moved, < split, > merged, - left); blank where it had no ancestor or was gone; then the opening
    words of its latest text."""
    versions = Text()
    for index in range(len(graph.documents)):
        versions.append(f"{index + 1:>3}  ", style="bold")
        versions.append(visible(_version_label(graph, index).split(". ", 1)[1]) + "\n")
    table = Table(show_edge=False, pad_edge=False)
    for index in range(len(graph.documents)):
        # As wide as its longest id with its mark, so an id is never cut ('PP1…' could be PP10 to PP19).
        width = max((len(cell.id) + 2 for row in rows if (cell := row[index]) is not None), default=4)
        table.add_column(str(index + 1), no_wrap=True, min_width=max(width, len(str(index + 1))))
    table.add_column("text (latest version that has it)", no_wrap=True, overflow="ellipsis", min_width=12, ratio=1)
    texts = [{p.id: p.text for p in document.all_paragraphs()} for document in documents]  # one index, not a walk a row
    for row in rows:
        cells = [
            rich_text(cell.id + _MARK.get(cell.kind, ""), _KIND_STYLE[cell.kind]) if cell else Text() for cell in row
        ]
        latest = max(index for index, cell in enumerate(row) if cell is not None)
        cell = row[latest]
        assert cell is not None
        opening = " ".join(texts[latest].get(cell.id, "").split()[:12])
        if latest < len(row) - 1:
            opening = f"left after {latest + 1}: {opening}"
        table.add_row(*cells, rich_text(opening, "dim"))
    return Group(Text("Lineage", style="bold"), versions, table, Text(_LINEAGE_LEGEND, style="dim"))


def paragraph_history(graph: Lineage, paragraph_id: str, steps: list[LineageStep], *, markers: bool) -> RenderableType:
    """Every earlier appearance of one paragraph of the newest version, newest first, each with the redline from it to
    the appearance after it."""
    newest = len(graph.documents) - 1
    parts: list[RenderableType] = [rich_text(f"{paragraph_id} in {_version_label(graph, newest)}", "bold")]
    for step in steps:
        heading = Text()
        heading.append(visible(f"{'+'.join(step.ids)} in {_version_label(graph, step.document)}"), style="bold")
        heading.append(f"  → {kind_label(step.change.kind)}", style=_KIND_STYLE[step.change.kind])
        if step.change.kind != "unchanged":
            heading.append(f" ({step.change.similarity:.0%} similar)", style="dim")
        parts += [Text(), heading, Padding(_redline_text(step.change, None, markers), (0, 0, 0, 2), expand=False)]
    if not steps:
        parts.append(Text("  first appears in this version", style="dim"))
    return Group(*parts)


def blame_view(graph: Lineage, entries: list[BlameEntry]) -> RenderableType:
    """Each paragraph (or sentence) of the newest version with the version where its current wording first
    appeared."""
    table = Table(title="Where the current wording first appeared", title_justify="left", show_edge=False)
    table.add_column("paragraph", no_wrap=True, min_width=4)
    table.add_column("since", no_wrap=True, min_width=8, max_width=40, overflow="ellipsis")
    table.add_column("text", overflow="fold", ratio=1, min_width=20)
    newest = len(graph.documents) - 1
    previous = None
    for entry in entries:
        since = rich_text(f"{entry.since + 1}. {version_name(graph, entry.since)}")
        if entry.since == newest:
            since.stylize("bold")
        table.add_row(rich_text(entry.paragraph if entry.paragraph != previous else ""), since, rich_text(entry.text))
        previous = entry.paragraph
    return table
