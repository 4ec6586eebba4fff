"""Every rule the parser names (`unres.parse.rule_reasons`) on a rendering of its own: tests/rules/<rule>.txt is a short
page as an extractor or a drafter makes them (pdftotext furniture, footnote areas, `[^n]` markdown, Word exports,
drafts with sponsor lines …) in which that rule decides at least one line. The whole `unres parse --format lines`
table of each is a golden file, tests/golden/rules/<rule>.lines: `UNRES_REGENERATE_GOLDEN=1` rewrites them after a
deliberate change, and each changed line must then be read against its fixture, since a golden that records a wrong
reading hides it."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from test_cli_diff import _golden
from unres.parse import explain_file, rule_reasons
from unres.render.lines import line_table

FIXTURES = Path(__file__).parent / "rules"
GOLDEN = Path(__file__).parent / "golden" / "rules"
DOCS = Path(__file__).resolve().parent.parent / "docs" / "parsing.md"
RULES = sorted(rule_reasons())

# Rules that act on their fixture but that `explain` does not name (strict: the day it does, the mark must go).
NOT_NAMED: dict[str, str] = {}

# Fixtures the parser reads wrongly: their golden files hold the right reading, written by hand.
MISREAD: dict[str, str] = {}


def _strict_xfail(rule: str, reasons: dict[str, str]) -> pytest.ParameterSet:
    marks = [pytest.mark.xfail(strict=True, reason=reasons[rule])] if rule in reasons else []
    return pytest.param(rule, marks=marks, id=rule)


def test_every_rule_has_a_fixture_and_every_fixture_and_golden_names_a_rule() -> None:
    fixtures = {path.stem for path in FIXTURES.glob("*.txt")}
    goldens = {path.stem for path in GOLDEN.glob("*.lines")}
    assert sorted(set(RULES) - fixtures) == [], "rules without a fixture in tests/rules/"
    assert sorted(fixtures - set(RULES)) == [], "fixtures in tests/rules/ that name no rule"
    assert sorted(goldens ^ fixtures) == [], "golden files in tests/golden/rules/ without a fixture, or the reverse"


def test_fixtures_are_short_renderings() -> None:
    """A fixture shows one rule at work: a page at most, not a document."""
    lengths = {path.stem: len(path.read_text(encoding="utf-8").splitlines()) for path in FIXTURES.glob("*.txt")}
    assert {rule: count for rule, count in lengths.items() if not 5 <= count <= 30} == {}


@pytest.mark.parametrize("rule", [_strict_xfail(rule, NOT_NAMED) for rule in RULES])
def test_the_rule_decides_a_line_of_its_fixture(rule: str) -> None:
    decisions = explain_file(FIXTURES / f"{rule}.txt")
    named = {name for decision in decisions for name in decision.rules}
    assert rule in named, f"{rule} decides no line of tests/rules/{rule}.txt; the rules that did: {sorted(named)}"


@pytest.mark.parametrize("rule", [_strict_xfail(rule, MISREAD) for rule in RULES])
def test_the_whole_reading_of_the_fixture_is_its_golden_file(rule: str) -> None:
    table = line_table(explain_file(FIXTURES / f"{rule}.txt"))
    if rule in MISREAD:  # its golden holds the right reading, written by hand: never regenerated from the wrong one
        assert table == (GOLDEN / f"{rule}.lines").read_text(encoding="utf-8")
    else:
        _golden(f"rules/{rule}.lines", table)


def test_every_rule_is_named_in_docs_parsing_md() -> None:
    """docs/parsing.md gives each rule's reason under the name `--format lines` shows (in backticks, as code)."""
    docs = DOCS.read_text(encoding="utf-8")
    missing = [rule for rule in RULES if not re.search(f"`{re.escape(rule)}`", docs)]
    assert missing == [], f"rules not named in docs/parsing.md: {', '.join(missing)}"
