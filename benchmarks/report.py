"""benchmarks/REPORT.md is made of generated sections, one per script, each regenerated without touching the others."""

from __future__ import annotations

from pathlib import Path

REPORT = Path(__file__).resolve().parent / "REPORT.md"


def write_section(name: str, text: str) -> None:
    """Put `text` in REPORT.md as the section `name` (from its marker line to the next marker or the end),
    replacing that section if it is there, else adding it at the end; other sections stay as they are."""
    marker = f"<!-- section: {name} -->"
    old = REPORT.read_text(encoding="utf-8") if REPORT.is_file() else ""
    sections: list[tuple[str, str]] = []  # (marker, body), in file order
    for chunk in old.split("<!-- section: ")[1:]:
        head, _, body = chunk.partition(" -->\n")
        sections.append((f"<!-- section: {head} -->", body))
    if not sections and old.strip():  # a report from before sections: the alignment quality alone
        sections.append(("<!-- section: alignment-quality -->", old))
    body = text if text.endswith("\n") else text + "\n"
    if any(existing == marker for existing, _ in sections):
        sections = [(existing, body if existing == marker else kept) for existing, kept in sections]
    else:
        sections.append((marker, body))
    parts = [f"{existing}\n{kept.rstrip()}\n" for existing, kept in sections]
    REPORT.write_text("\n".join(parts), encoding="utf-8")
