"""One typography folding (unres/text.py) for every command: a rendering's choice of dash or quote is a change
nowhere, or, with check's --keep-* options, a disagreement there; never a change in one command and not another."""

from __future__ import annotations

import pytest

from unres import align, check, parse_text
from unres.models import CheckProfile
from unres.text import fold, fold_typography

VARIANTS = {
    "en dash": ("in 2021\u20132025", "in 2021-2025"),
    "em dash": ("economic \u2014 social", "economic - social"),
    "non-breaking hyphen": ("non\u2011proliferation", "non-proliferation"),
    "minus": ("\u22125 degrees", "-5 degrees"),
    "curly double quotes": ("\u201cpeace\u201d", '"peace"'),
    "curly apostrophe": ("Côte d\u2019Ivoire", "Côte d'Ivoire"),
}


def _doc(phrase: str) -> str:
    return f"The General Assembly,\n\nRecalling the plan {phrase} of the States,\n\n1. Decides to act.\n"


@pytest.mark.parametrize("name", sorted(VARIANTS))
def test_a_typographic_variant_is_no_change_in_diff_and_no_disagreement_in_check(name: str) -> None:
    typographic, plain = VARIANTS[name]
    old, new = parse_text(_doc(typographic)), parse_text(_doc(plain))
    assert align(old, new).identical
    assert check([old, new]).agree


@pytest.mark.parametrize("name", sorted(VARIANTS))
def test_check_keeps_the_variant_when_told(name: str) -> None:
    typographic, plain = VARIANTS[name]
    old, new = parse_text(_doc(typographic)), parse_text(_doc(plain))
    strict = CheckProfile(quotes=False, dashes=False)
    assert not check([old, new], strict).agree


def test_the_folding_is_one_table() -> None:
    assert fold_typography("‘a’ “b” ‐‑‒–—―−") == "'a' \"b\" -------"
    assert fold_typography("“a” –", quotes=False) == "“a” -"
    assert fold_typography("“a” –", dashes=False) == '"a" –'
    assert fold("ﬁne\u00a0soft\u00adhyphen") == "fine softhyphen"
