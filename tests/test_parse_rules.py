"""The rules added for real drafts, each on a fixture of its own, written here in layouts of our own making."""

from __future__ import annotations

from unres import parse_text

_DRAFT_HEAD = (
    "United Nations\nA/80/L.99\n\nGeneral Assembly\nDistr.: Limited\n1 December 2025\n\n25-12345 (E)    011225\n"
    "*2512345*\n\nEightieth session\nAgenda item 12 (bb)\n\n"
    "Iraq, Jordan, Bosnia and Herzegovina, Trinidad and\nTobago and Yemen:* draft resolution\n\n Cooperation\n\n"
)


def test_the_asterisk_note_of_the_sponsor_line_is_set_aside_where_a_page_break_cuts_a_paragraph() -> None:
    doc = parse_text(
        _DRAFT_HEAD + "The General Assembly,\n\nRecalling its resolution 79/1,1 and\n__________________\n\n"
        "* Any changes to the list of sponsors will be reflected in the official record of the\nmeeting.\n\n"
        "1  Resolution 79/1.\n\nA/80/L.99\n\n25-12345\n2/2\n\nits other resolutions,\n\n1. Decides to act.\n"
    )
    assert [p.text for p in doc.paragraphs] == ["Recalling its resolution 79/1, and its other resolutions,", "Decides to act."]
    assert [f.text for f in doc.footnotes] == ["Resolution 79/1."]
    assert [s.text for s in doc.set_aside if s.reason == "star-note"] == [
        "* Any changes to the list of sponsors will be reflected in the official record of the",
        "meeting.",
    ]


def test_the_asterisk_note_is_found_without_footnote_rules_too() -> None:
    doc = parse_text(
        _DRAFT_HEAD + "The General Assembly,\n\nRecalling its resolution 79/1,\n\n"
        "* Any changes to the list of sponsors will be reflected in the official record of the meeting.\n\n"
        "1. Decides to act.\n"
    )
    assert [p.text for p in doc.paragraphs] == ["Recalling its resolution 79/1,", "Decides to act."]
    assert len([s for s in doc.set_aside if s.reason == "star-note"]) == 1


def test_a_markdown_bullet_without_an_asterisk_to_refer_to_stays_text() -> None:
    doc = parse_text("The General Assembly,\n\n1. Calls upon States:\n\n* To act;\n\n* To report.\n")
    assert [p.text for p in doc.walk()] == ["Calls upon States:", "To act;", "To report."]


def test_the_front_matter_of_a_draft_names_sponsors_over_several_lines_job_number_and_agenda_item() -> None:
    doc = parse_text(_DRAFT_HEAD + "The General Assembly,\n\nRecalling its work,\n\n1. Decides to act.\n")
    assert doc.sponsors == ["Iraq", "Jordan", "Bosnia and Herzegovina", "Trinidad and Tobago", "Yemen"]
    assert (doc.metadata.job_number, doc.metadata.agenda_item) == ("25-12345", "12 (bb)")
    assert {s.line for s in doc.set_aside if s.reason == "sponsors"} == {14, 15}


def test_a_committee_named_on_its_own_line_is_the_committee() -> None:
    doc = parse_text(
        "A/C.3/80/L.5\n\nEightieth session\nThird Committee\nAgenda item 3\n\nChile: draft resolution\n\n Title\n\n"
        "The General Assembly,\n\nRecalling its work,\n\n1. Decides to act.\n"
    )
    assert (doc.metadata.committee, doc.sponsors) == ("Third Committee", ["Chile"])


def test_a_number_after_a_lettered_part_of_a_reference_is_kept_not_taken_for_a_mark() -> None:
    doc = parse_text(
        "The General Assembly,\n\nRecalling its resolutions,1\n\n"
        "1. Takes note of resolution GC(69)/RES/9 A.2 of the General Conference;\n\n2. Welcomes the report.2\n"
        "__________________\n1 Resolution 60/1.\n2 A/80/1.\n"
    )
    assert doc.operative[0].text == "Takes note of resolution GC(69)/RES/9 A.2 of the General Conference;"
    assert [f.referenced_in for f in doc.footnotes] == [["PP1"], ["OP2"]]


def test_a_preambular_paragraph_that_lost_its_comma_before_its_mark_ends_there() -> None:
    doc = parse_text(
        "The General Assembly,\n\nRecalling the plan for 2022 1\n\nNoting the report,2\n\n1. Decides to act.\n"
        "__________________\n1 Resolution 76/1.\n2 A/80/1.\n"
    )
    assert [(p.id, p.text) for p in doc.paragraphs] == [
        ("PP1", "Recalling the plan for 2022"),
        ("PP2", "Noting the report,"),
        ("OP1", "Decides to act."),
    ]
    assert [f.referenced_in for f in doc.footnotes] == [["PP1"], ["PP2"]]


def test_a_list_started_again_under_an_item_that_ends_with_a_colon_is_nested_not_a_duplicate() -> None:
    doc = parse_text(
        "The General Assembly,\n\n1. Calls upon States:\n\n(a) To ratify;\n\n(b) To implement, and in that regard:\n\n"
        "(a) To legislate;\n\n(b) To train;\n\n2. Requests a report.\n"
    )
    assert [(p.id, p.text) for p in doc.walk()] == [
        ("OP1", "Calls upon States:"),
        ("OP1(a)", "To ratify;"),
        ("OP1(b)", "To implement, and in that regard:"),
        ("OP1(b)(a)", "To legislate;"),
        ("OP1(b)(b)", "To train;"),
        ("OP2", "Requests a report."),
    ]


def test_a_label_repeated_under_one_parent_loses_no_words() -> None:
    doc = parse_text("The General Assembly,\n\n1. Calls upon States:\n\n(a) To ratify;\n\n(b) To act;\n\n(a) Again;\n")
    assert [(p.id, p.text) for p in doc.walk()][1:] == [
        ("OP1(a)", "To ratify;"),
        ("OP1(b)", "To act;"),
        ("OP1(a)'", "Again;"),
    ]
    assert "sub-paragraph OP1(a) appears twice; the second is OP1(a)'" in doc.warnings


def test_operative_numbers_run_past_999() -> None:
    body = "\n\n".join(f"{n}. Decides on item {n};" for n in range(1, 1102))
    doc = parse_text(f"The General Assembly,\n\nRecalling its work,\n\n{body}\n")
    assert [p.label for p in doc.operative][-3:] == ["1099", "1100", "1101"]
    assert doc.warnings == []


def test_an_operative_verb_astray_in_the_preamble_does_not_swallow_the_paragraphs_after_it() -> None:
    doc = parse_text(
        "The General Assembly,\n\nRecalling its resolutions,\n\nWelcomes the report of the Secretary-General,\n\n"
        "Noting with concern the situation,\n\nDeeply concerned by the violence,\n\n1. Decides to act.\n"
    )
    assert [(p.id, p.text) for p in doc.paragraphs] == [
        ("PP1", "Recalling its resolutions,"),
        ("PP2", "Welcomes the report of the Secretary-General,"),
        ("PP3", "Noting with concern the situation,"),
        ("PP4", "Deeply concerned by the violence,"),
        ("OP1", "Decides to act."),
    ]


def test_an_unnumbered_operative_paragraph_that_ends_with_a_full_stop_stays_operative() -> None:
    doc = parse_text("The General Assembly,\n\nAdopts the declaration annexed to the present resolution.\n")
    assert [(p.id, p.kind) for p in doc.paragraphs] == [("OP1", "operative")]


def test_an_annex_heading_alone_after_the_operative_part_starts_an_annex_in_a_draft_without_closing() -> None:
    doc = parse_text(
        "The General Assembly\n\nAdopts the declaration annexed to the present resolution.\n\n\nAnnex\n\n"
        "The Declaration\n\n1.\nWe welcome the plan.\n2.\nWe commit to act.\n"
    )
    assert [p.id for p in doc.paragraphs] == ["OP1"]
    assert [(a.heading, a.title, [p.text for p in a.paragraphs]) for a in doc.annexes] == [
        ("Annex", "The Declaration", ["We welcome the plan.", "We commit to act."])
    ]


def test_the_asterisk_note_at_the_foot_of_a_page_without_a_rule_is_set_aside() -> None:
    doc = parse_text(
        _DRAFT_HEAD + "The General Assembly,\n\nRecalling its resolution 79/1,1\n__________________\n"
        "1 Resolution 79/1.\n\nA/80/L.99\n2/3\n\nNoting the report,\n\n\n"
        "* Any changes to the list of sponsors will be reflected in the official record of the meeting.\n\n"
        "A/80/L.99\n3/3\n\n1. Decides to act.\n"
    )
    assert [p.text for p in doc.paragraphs] == ["Recalling its resolution 79/1,", "Noting the report,", "Decides to act."]


def test_a_number_with_thousands_separators_or_a_count_is_not_a_footnote_mark() -> None:
    doc = parse_text(
        "The General Assembly,\n\nRecalling the report,1 and the plan,2\n\nNoting that, in 2024, 1,622 persons were "
        "affected, with 99 attacks, 2 abductions, 1 sexual assault and 103 arrests,\n\n1. Decides to act.\n"
        "__________________\n1 A/80/1.\n2 A/80/2.\n"
    )
    assert doc.paragraphs[1].text == (
        "Noting that, in 2024, 1,622 persons were affected, with 99 attacks, 2 abductions, 1 sexual assault and 103 "
        "arrests,"
    )
    assert doc.paragraphs[1].footnote_refs == []


def test_marks_listed_with_a_comma_take_the_comma_with_them() -> None:
    doc = parse_text(
        "The General Assembly,\n\nRecalling the report,1 and the plan,2\n\nNoting the conflict,1,2\n\n1. Decides.\n"
        "__________________\n1 A/80/1.\n2 A/80/2.\n"
    )
    assert doc.paragraphs[1].text == "Noting the conflict,"
    assert [(r.mark, r.offset) for r in doc.paragraphs[1].footnote_refs] == [("1", 20), ("2", 20)]


def test_a_capitalised_compound_cut_at_a_line_end_or_by_an_extractor_space_is_one_word() -> None:
    doc = parse_text(
        "The General Assembly,\n\nRecalling the report of the Secretary-\nGeneral on the Treaty on the Non- "
        "Proliferation of Nuclear Weapons and on pre- and post-conflict situations,\n\n1. Decides.\n"
    )
    assert doc.paragraphs[0].text == (
        "Recalling the report of the Secretary-General on the Treaty on the Non-Proliferation of Nuclear Weapons and "
        "on pre- and post-conflict situations,"
    )


def test_a_roman_numbered_heading_wrapped_onto_a_lower_case_line_heads_the_paragraphs_under_it() -> None:
    """The law-of-the-sea layout: 'I' alone, then a heading that wraps onto a line opening in lower case, before the
    first operative paragraph. It is the section of the paragraphs under it, not a preambular paragraph."""
    document = parse_text(
        "The General Assembly,\n\nRecalling its annual resolutions on the law of the sea,\n\nI\n\n"
        "Implementation of the United Nations Convention on the Law of the Sea\nand related agreements and instruments"
        "\n\n1. Reaffirms its resolutions on the law of the sea;\n\n2. Calls upon all States to become parties;\n\n"
        "II\n\nCapacity-building\n\n3. Emphasizes that capacity-building is essential.\n"
    )
    assert [p.id for p in document.paragraphs] == ["PP1", "OP1", "OP2", "OP3"]
    assert document.paragraphs[1].section == (
        "I — Implementation of the United Nations Convention on the Law of the Sea and related agreements and "
        "instruments"
    )
    assert document.paragraphs[3].section == "II — Capacity-building"


def test_a_text_without_resolution_structure_is_titled_by_its_first_block_only_if_that_is_a_heading() -> None:
    note = "Note by the Secretary-General\n\nThe Secretary-General has the honour to transmit the report.\n\nIt is late.\n"
    assert parse_text(note).title == "Note by the Secretary-General"
    assert parse_text("The report was transmitted on time.\n\nIt is late.\n").title is None


def test_footnote_numbers_pulled_away_in_a_run_are_paired_with_the_texts_in_order() -> None:
    """pdftotext may print a footnote area's numbers one under the other, then the texts: the first number takes the
    first text (the last number used to take it, the texts coming out crossed)."""
    document = parse_text(
        "The General Assembly,\n\nRecalling its resolution 1/1,1\n\n1. Decides to act.2\n\n____\n\n1\n\n2\n\n3\n\n"
        "Resolution 1/1.\n\nResolution 2/2.\n"
    )
    assert [(f.mark, f.text) for f in document.footnotes] == [("1", "Resolution 1/1."), ("2", "Resolution 2/2.")]
    assert "line 13: footnote number 3 has no text; set aside" in document.warnings  # where the reader found it
