"""Word-level redlines: they rebuild both sides exactly and read as a drafter expects."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from unres.redline import new_side, old_side, redline, tokens

_text = st.text(alphabet=st.characters(codec="utf-8", exclude_categories=("Cs",)), max_size=200)
_prose = st.lists(
    st.sampled_from(
        ["Urges", "Member", "States", "to", "the", "of", ",", ";", ".", "  ", "\n", "(a)", "non-state", "’s"]
    ),
    max_size=60,
).map(" ".join)


@given(_text)
def test_tokens_rejoin_to_the_text(text: str) -> None:
    assert "".join(tokens(text)) == text


@settings(max_examples=300)
@given(st.one_of(_text, _prose), st.one_of(_text, _prose), st.booleans(), st.booleans())
def test_redline_sides_rebuild_both_inputs_exactly(
    old: str, new: str, ignore_case: bool, ignore_punctuation: bool
) -> None:
    edits = redline(old, new, ignore_case=ignore_case, ignore_punctuation=ignore_punctuation)
    assert old_side(edits) == old
    assert new_side(edits) == new


@given(_prose)
def test_identical_texts_have_no_changes(text: str) -> None:
    assert all(edit.op == "equal" for edit in redline(text, text))


def test_a_reworded_phrase_reads_as_one_deletion_and_one_insertion() -> None:
    old = "Welcoming efforts of Member States to create awareness in civil society concerning the seriousness of"
    new = "Welcoming efforts of Member States to raise awareness of the seriousness of"
    changes = [(edit.op, edit.text) for edit in redline(old, new) if edit.op != "equal"]
    assert changes == [("delete", " create awareness in civil society concerning"), ("insert", " raise awareness of")]


def test_a_kept_phrase_between_changes_stays_visible() -> None:
    old = "efforts and, where appropriate, the confiscation of proceeds, the protection of victims;"
    new = "efforts and the protection of victims and preventive measures;"
    equal = "".join(edit.text for edit in redline(old, new) if edit.op == "equal")
    assert "the protection of victims" in equal


def test_punctuation_changes_are_visible() -> None:
    changes = [(e.op, e.text) for e in redline("Abuse of Power,", "Abuse of Power.") if e.op != "equal"]
    assert changes == [("delete", ","), ("insert", ".")]


def test_case_and_punctuation_can_be_ignored() -> None:
    edits = redline("Urges States, and", "urges States; and", ignore_case=True, ignore_punctuation=True)
    assert [edit.op for edit in edits] == ["equal"]
    assert new_side(edits) == "urges States; and"


def test_layout_whitespace_is_not_a_change() -> None:
    assert all(edit.op == "equal" for edit in redline("Urges  Member\nStates", "Urges Member States"))


@given(_text)
def test_clause_tokens_rejoin_to_the_text(text: str) -> None:
    from unres.redline import _CLAUSE

    assert "".join(_CLAUSE.findall(text)) == text


def test_very_long_paragraphs_fall_back_to_coarser_units_and_still_rebuild_both_sides() -> None:
    old = "Recalling the resolution, and noting the report; " * 2500
    new = "Recalling the resolutions, and noting the reports; " * 2500
    edits = redline(old, new)
    assert old_side(edits) == old
    assert new_side(edits) == new


def test_typographic_variants_are_not_changes() -> None:
    edits = redline("non\u2011intervention and “the Act”", "non-intervention and \"the Act\"")
    assert [edit.op for edit in edits] == ["equal"]
    assert new_side(edits) == "non-intervention and \"the Act\""


def _changes(old: str, new: str) -> list[tuple[str, str]]:
    return [(edit.op, edit.text.strip()) for edit in redline(old, new) if edit.op != "equal"]


def test_a_document_symbol_or_resolution_number_is_replaced_whole() -> None:
    old = (
        "Takes note of resolution GC(68)/RES/8 on nuclear safety, of the report A/79/534 of the First Committee, of "
        "its resolution 78/240 on information security, of decision C-24/DEC.3 on chemical weapons, of 1,000 States;"
    )
    new = (
        "Takes note of resolution GC(69)/RES/7 on nuclear safety, of the report A/80/534 of the First Committee, of "
        "its resolution 79/240 on information security, of decision C-25/DEC.9 on chemical weapons, of 1,200 States;"
    )
    assert _changes(old, new) == [
        ("delete", "GC(68)/RES/8"),
        ("insert", "GC(69)/RES/7"),
        ("delete", "A/79/534"),
        ("insert", "A/80/534"),
        ("delete", "78/240"),
        ("insert", "79/240"),
        ("delete", "C-24/DEC.3"),
        ("insert", "C-25/DEC.9"),
        ("delete", "1,000"),
        ("insert", "1,200"),
    ]


def test_two_replacements_with_two_words_between_them_read_as_one_phrase_replaced() -> None:
    assert _changes(
        "Expresses deep concern at the persistent violence", "Notes with appreciation of the recent progress"
    ) == [
        ("delete", "Expresses deep concern at the persistent violence"),
        ("insert", "Notes with appreciation of the recent progress"),
    ]


def test_kept_words_between_two_insertions_are_not_folded_into_them() -> None:
    assert _changes(
        "between Member States and relevant organizations is essential",
        "between Member States, especially countries of origin, and relevant organizations and civil society, is essential",
    ) == [("insert", ", especially countries of origin,"), ("insert", "and civil society,")]


def test_a_replacement_is_never_folded_across_the_start_of_a_sub_paragraph() -> None:
    edits = redline("by, inter alia:\n(a) Criminalizing crime;", "by; Urges States:\n(a) To criminalize crime;")
    assert all("\n" not in edit.text for edit in edits if edit.op != "equal")
