"""Real drafts and the resolutions adopted from them (../shared/corpus/drafts/, see its README): the same wording
must compare as the same text, the one revised pair must show its revisions and nothing else, and the front matter
of every draft (sponsors, committee, job number, agenda item) must be read."""

from __future__ import annotations

from pathlib import Path

import pytest

from unres import align, check, parse_file

from conftest import SAME_WORDING_PAIRS

DRAFTS = Path(__file__).resolve().parent.parent.parent / "shared" / "corpus" / "drafts"


# Read off each draft's first page: (number of sponsors, first sponsor, committee, job number, agenda item).
FRONT_MATTER = {
    "A_80_L.2": (1, "State of Palestine", None, "25-14762", "7"),
    "A_80_L.8": (1, "President of the General Assembly", None, "25-17125", "107"),
    "A_80_L.10": (2, "Italy", None, "25-17857", "11"),
    "A_80_L.12": (1, "Egypt", None, "25-18145", "34"),
    "A_80_L.21": (14, "Armenia", None, "25-19444", "13"),
    "A_C.1_80_L.9": (56, "Albania", "First Committee", "25-16220", "99 (y)"),
    "A_C.1_80_L.18": (35, "Algeria", "First Committee", "25-16449", "99 (hh)"),
    "A_C.1_80_L.26": (26, "Algeria", "First Committee", "25-16540", "99 (ee)"),
    "A_C.1_80_L.20": (1, "Singapore", "First Committee", "25-16528", "94"),
    "A_C.1_80_L.8": (1, "Pakistan", "First Committee", "25-15909", "99 (h)"),
}

pytestmark = pytest.mark.skipif(not DRAFTS.is_dir(), reason="../shared/corpus/drafts is not beside the project")


def _counts(path: Path) -> tuple[int, int, int, int, int]:
    doc = parse_file(path)
    subs = sum(1 for p in doc.walk() if "(" in p.id)
    annex = sum(len(a.paragraphs) for a in doc.annexes)
    return len(doc.preamble), len(doc.operative), subs, annex, len(doc.footnotes)


@pytest.mark.parametrize(("draft", "adopted"), SAME_WORDING_PAIRS, ids=[d for d, _ in SAME_WORDING_PAIRS])
def test_a_draft_and_the_resolution_adopted_with_its_wording_compare_the_same(draft: str, adopted: str) -> None:
    old, new = parse_file(DRAFTS / f"{draft}.txt"), parse_file(DRAFTS / f"{adopted}.txt")
    alignment = align(old, new)
    assert [(c.kind, c.old, c.new) for c in alignment.changes if c.kind != "unchanged"] == []
    assert alignment.identical
    report = check([old, new])
    # A draft has no closing ("52nd plenary meeting"); every paragraph and footnote agrees.
    assert [(d.where, d.kind) for d in report.differences if d.where != "closing"] == []


@pytest.mark.parametrize(("draft", "adopted"), SAME_WORDING_PAIRS, ids=[d for d, _ in SAME_WORDING_PAIRS])
def test_a_draft_parses_with_the_paragraph_counts_of_its_resolution(draft: str, adopted: str) -> None:
    assert _counts(DRAFTS / f"{draft}.txt") == _counts(DRAFTS / f"{adopted}.txt")


def test_the_revised_draft_shows_its_revisions_and_nothing_else() -> None:
    """A/80/L.2 against A/RES/80/1 (adopted from its revision): the README lists the revisions."""
    alignment = align(parse_file(DRAFTS / "A_80_L.2.txt"), parse_file(DRAFTS / "A_RES_80_1.txt"))
    changed = [(c.kind, c.old, c.new) for c in alignment.changes if c.kind != "unchanged"]
    assert changed == [
        ("modified", ["PP1"], ["PP1"]),
        ("modified", ["PP2"], ["PP2"]),
        ("added", [], ["PP3"]),
        ("modified", ["OP1"], ["OP1"]),
        ("modified", ["OP2"], ["OP2"]),
    ]
    op1 = next(c for c in alignment.changes if c.old == ["OP1"])
    assert [(e.op, e.text.strip()) for e in op1.edits if e.op != "equal"] == [
        ("delete", "Head of State"),  # (a)
        ("insert", "President"),
        ("insert", "the meetings of"),  # (b)
        ("delete", "Head of State"),  # (c)
        ("insert", "President"),
        ("delete", "in person"),
    ]


@pytest.mark.parametrize("draft", sorted(FRONT_MATTER))
def test_the_front_matter_of_a_draft_is_read(draft: str) -> None:
    doc = parse_file(DRAFTS / f"{draft}.txt")
    count, first, committee, job_number, agenda_item = FRONT_MATTER[draft]
    assert (len(doc.sponsors), doc.sponsors[0]) == (count, first)
    assert (doc.metadata.committee, doc.metadata.job_number, doc.metadata.agenda_item) == (
        committee,
        job_number,
        agenda_item,
    )
    notes = [item.text for item in doc.set_aside if item.reason == "star-note"]
    assert all(note.startswith("* Any changes to the list of sponsors") for note in notes)
    assert all("Any changes to the list" not in p.text for p in doc.walk())


def test_a_state_whose_name_holds_and_is_one_sponsor() -> None:
    doc = parse_file(DRAFTS / "A_C.1_80_L.9.txt")
    assert "Bosnia and Herzegovina" in doc.sponsors
    assert doc.sponsors[-2:] == ["United Kingdom of Great Britain and Northern Ireland", "Uruguay"]
    assert "Netherlands (Kingdom of the)" in doc.sponsors
