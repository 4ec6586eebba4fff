"""docs/parsing.md lists every rule that decides a line, with its reason, generated from the code: this test fails
when the two drift apart, and UNRES_REGENERATE_GOLDEN=1 rewrites the list."""

from __future__ import annotations

import os
from pathlib import Path

from unres.grammar.footnotes import FOOTNOTE_RULES
from unres.grammar.lines import LINE_RULES, OTHER_LINE_RULES
from unres.grammar.structure import LINE_RULES as WHOLE_LINE_RULES
from unres.grammar.structure import SEGMENT_RULES, Rule
from unres.parse import READING_RULES

DOC = Path(__file__).resolve().parent.parent / "docs" / "parsing.md"
START, END = "<!-- rules:start -->", "<!-- rules:end -->"
_PART_ORDER = ("preamble", "operative", "annex", "after-closing")


def _table(rows: list[tuple[str, ...]], header: tuple[str, ...]) -> str:
    lines = ["| " + " | ".join(header) + " |", "| " + " | ".join("---" for _ in header) + " |"]
    lines += ["| " + " | ".join(cell.replace("|", "\\|") for cell in row) + " |" for row in rows]
    return "\n".join(lines)


def _where(rule: Rule) -> str:
    return ", ".join(part for part in _PART_ORDER if part in rule.parts)


def rules_section() -> str:
    line_rows = [(f"`{rule.name}`", rule.kind.value, rule.reason) for rule in LINE_RULES]
    other_rows = [(f"`{name}`", reason) for name, reason in OTHER_LINE_RULES.items()]
    parts = [
        "### Lines by their own content (lines.py, `LINE_RULES`, tested in order)",
        _table(line_rows, ("rule", "kind", "reason")),
        "### Other names a line's rule can carry (lines.py, `OTHER_LINE_RULES`)",
        _table(other_rows, ("rule", "reason")),
        "### Footnotes and star notes (footnotes.py, `FOOTNOTE_RULES`)",
        _table([(f"`{name}`", reason) for name, reason in FOOTNOTE_RULES.items()], ("rule", "reason")),
        "### Structure: whole lines (structure.py, `LINE_RULES`, asked in order)",
        _table([(f"`{r.name}`", _where(r), r.reason) for r in WHOLE_LINE_RULES], ("rule", "where", "reason")),
        "### Structure: segments of a line (structure.py, `SEGMENT_RULES`, asked in order)",
        _table([(f"`{r.name}`", _where(r), r.reason) for r in SEGMENT_RULES], ("rule", "where", "reason")),
        "### Names `unres parse --format lines` gives other text lines (parse.py, `READING_RULES`)",
        _table([(f"`{name}`", reason) for name, reason in READING_RULES.items()], ("rule", "reason")),
    ]
    return "\n\n".join(parts)


def test_the_rules_in_the_docs_are_the_rules_in_the_code() -> None:
    text = DOC.read_text(encoding="utf-8")
    before, rest = text.split(START)
    _, after = rest.split(END)
    expected = f"{before}{START}\n{rules_section()}\n{END}{after}"
    if os.environ.get("UNRES_REGENERATE_GOLDEN"):
        DOC.write_text(expected, encoding="utf-8")
    assert text == expected
