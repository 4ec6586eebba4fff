"""How the parser read each line (`unres parse --format lines`): number, kind, the rules that decided it, the text.

For a user asking why a paragraph was cut or joined where it was; docs/parsing.md gives each rule's reason.
"""

from __future__ import annotations

from collections.abc import Sequence

from unres.parse import LineDecision
from unres.render.safe import visible


def line_table(decisions: Sequence[LineDecision]) -> str:
    """One row a line, in columns; the text as printed, every acting character escaped."""
    rules = [", ".join(decision.rules) for decision in decisions]
    width = max((len(rule) for rule in rules), default=0)
    rows = [
        f"{decision.number:>5}  {decision.kind:<12}  {rule:<{width}}  {visible(decision.text)}".rstrip()
        for decision, rule in zip(decisions, rules, strict=True)
    ]
    return "\n".join(rows) + "\n"
