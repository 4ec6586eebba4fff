"""Amendment instructions as the UN prints them: numbered, each quoted paragraph a block of its own.

The text reads back: `unres amend` parses what this prints (unres.amend's grammar is its inverse).
"""

from __future__ import annotations

from rich.console import Group, RenderableType
from rich.text import Text

from unres.models import AmendedDocument, Comparison, Instruction
from unres.render.terminal import diff_view

_STATUS_STYLE = {"applied": "green", "already": "yellow", "not_applied": "bold red"}
_STATUS_WORD = {"applied": "applied", "already": "already so", "not_applied": "NOT APPLIED"}


def _printable(text: str) -> str:
    """Text from a document never reaches a terminal as a control sequence."""
    return "".join(ch if ch.isprintable() or ch == "\n" else ch.encode("unicode_escape").decode("ascii") for ch in text)


def instruction_text(instruction: Instruction) -> str:
    """One instruction as worded, with the paragraphs it quotes as indented blocks."""
    blocks = [_printable(instruction.text)]
    blocks += ["\n".join(f"    {line}" for line in _printable(p).split("\n")) for p in instruction.paragraphs]
    return "\n\n".join(blocks)


def amendments_text(instructions: list[Instruction]) -> str:
    """The instructions of one amendment; a single instruction carries no number, as in the UN's documents."""
    if not instructions:
        return ""
    if len(instructions) == 1:
        return instruction_text(instructions[0]) + "\n"
    return "\n\n".join(f"{i.n}. {instruction_text(i)}" for i in instructions) + "\n"


def change_notes(result: AmendedDocument) -> dict[tuple[str, str], str]:
    """Which instructions made each change of the draft → amended redline: ("new", id) for the paragraphs they
    changed or inserted, ("old", id) for those they deleted (named in the draft's original numbering)."""
    several = len({i.amendment for i in result.instructions}) > 1
    names: dict[tuple[str, str], list[str]] = {}
    for instruction in result.instructions:
        if instruction.status != "applied":
            continue
        name = f"{instruction.amendment} {instruction.n}" if several else str(instruction.n)
        keys = [("new", i) for i in instruction.changed] + [("old", i) for i in instruction.deleted]
        for key in keys:
            names.setdefault(key, []).append(name)
    return {key: _printable(f"instruction{'s' if len(ns) > 1 else ''} {', '.join(ns)}") for key, ns in names.items()}


def instructions_report(result: AmendedDocument) -> RenderableType:
    """What became of each instruction: applied, already so, or not applied and why; then the seams to check."""
    lines: list[Text] = []
    several = len({i.amendment for i in result.instructions}) > 1
    for instruction in result.instructions:
        status = instruction.status or "not_applied"
        line = Text()
        prefix = f"{instruction.amendment} " if several and instruction.amendment else ""
        line.append(f"{_printable(prefix)}{instruction.n}. ", style="bold")
        line.append(f"{_STATUS_WORD[status]:<12}", style=_STATUS_STYLE[status])
        line.append(_printable(instruction.text))
        if instruction.changed:
            line.append(f"  → {', '.join(instruction.changed)}", style="cyan")
        if instruction.message:
            line.append(f"\n      {_printable(instruction.message)}", style="dim" if status != "not_applied" else "red")
        for warning in instruction.warnings:
            line.append(f"\n      warning: {_printable(warning)}", style="yellow")
        lines.append(line)
    applied = sum(1 for i in result.instructions if i.status != "not_applied")
    summary = Text(f"{applied} of {len(result.instructions)} instructions applied", style="bold")
    if result.partial:
        summary.append(" — the result is partial", style="bold red")
    return Group(*lines, Text(""), summary, Text(""))


def amended_view(result: AmendedDocument, comparison: Comparison, *, markers: bool) -> RenderableType:
    """`unres amend`'s default output: what became of each instruction, then the redline of the draft → amended
    with each change naming its instructions."""
    return Group(instructions_report(result), diff_view(comparison, markers=markers, notes=change_notes(result)))
