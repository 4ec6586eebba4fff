"""Terminal views built with rich: the outline of a parsed document."""

from __future__ import annotations

from rich.console import Group, RenderableType
from rich.table import Table
from rich.text import Text

from unres.models import Document, Paragraph


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
        heading = Text(annex.heading, style="bold")
        if annex.title:
            heading.append(f"  {annex.title}", style="bold")
        table.add_row("", heading, "")
        current_section = None
        for paragraph in annex.paragraphs:
            current_section = _add_section(table, paragraph, current_section)
            _add_rows(table, paragraph, 0)
    parts.append(table)
    if doc.closing:
        closing = ", ".join(part for part in (doc.closing.meeting, doc.closing.date) if part)
        parts += [Text(), Text(closing, style="dim")]
    if doc.footnotes:
        parts += [Text(), Text("Footnotes", style="bold")]
        notes = Table(box=None, show_header=False, pad_edge=False, padding=(0, 2, 0, 0))
        notes.add_column("mark", style="magenta", no_wrap=True, justify="right")
        notes.add_column("text", overflow="fold")
        notes.add_column("where", style="dim", overflow="fold")
        for footnote in doc.footnotes:
            notes.add_row(footnote.mark, footnote.text, ", ".join(footnote.referenced_in) or "not referenced")
        parts.append(notes)
    if doc.warnings:
        parts += [Text(), *(Text(f"warning: {warning}", style="yellow") for warning in doc.warnings)]
    return Group(*parts)


def _header(doc: Document) -> RenderableType:
    lines = Text()
    lines.append(doc.symbol or "(no symbol)", style="bold")
    if doc.metadata.adopted:
        lines.append(f"  adopted {doc.metadata.adopted}", style="dim")
    lines.append("\n")
    lines.append(doc.title or "(no title)", style="bold")
    lines.append("\n")
    if doc.body:
        lines.append(doc.body, style="italic")
        lines.append("\n")
    subparagraphs = sum(1 for _ in doc.walk()) - len(doc.all_paragraphs())
    counts = [
        f"{len(doc.preamble)} preambular",
        f"{len(doc.operative)} operative",
        f"{subparagraphs} sub-paragraphs",
    ]
    if doc.annexes:
        counts.append(f"{sum(len(annex.paragraphs) for annex in doc.annexes)} annex paragraphs")
    if not doc.structured:
        counts = [f"{len(doc.paragraphs)} plain paragraphs"]
    counts.append(f"{len(doc.footnotes)} footnotes")
    lines.append(", ".join(counts), style="dim")
    return lines


def _add_section(table: Table, paragraph: Paragraph, current: str | None) -> str | None:
    if paragraph.section and paragraph.section != current:
        table.add_row("", Text(paragraph.section, style="bold underline"), "")
    return paragraph.section


def _add_rows(table: Table, paragraph: Paragraph, depth: int) -> None:
    marks = " ".join(f"[{ref.mark}]" for ref in paragraph.footnote_refs)
    table.add_row(Text("  " * depth + paragraph.id), _preview(paragraph), marks)
    for sub in paragraph.subparagraphs:
        _add_rows(table, sub, depth + 1)


def _preview(paragraph: Paragraph) -> Text:
    """The paragraph on one line, its opening phrase in italics as printed."""
    preview = Text()
    text = paragraph.text
    if paragraph.opening and text.startswith(paragraph.opening):
        preview.append(paragraph.opening, style="italic")
        text = text[len(paragraph.opening) :]
    preview.append(text)
    return preview
