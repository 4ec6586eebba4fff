"""Amendments read and applied: the three real General Assembly amendments give the drafts as amended by hand, every
phrasing of the grammar reads and applies, what cannot apply is reported, and the CLI's exit codes say so."""

from __future__ import annotations

import json
from pathlib import Path

import jsonschema
import pytest
from typer.testing import CliRunner

from unres import (
    Document,
    amendments_between,
    apply_amendments,
    parse_amendment_text,
    parse_file,
    parse_text,
    read_amendment,
)
from unres.amend import RULES, find_quote, ordinal, ordinal_value, reference, references
from unres.cli import app

from conftest import CORPUS, ROOT

AMENDMENTS = CORPUS / "amendments"
runner = CliRunner()

# (amendment, draft it amends)
REAL = [("A_80_L.28", "A_80_L.3"), ("A_80_L.19", "A_80_L.18"), ("A_80_L.20", "A_80_L.18")]
SPONSOR_NOTE = "Any changes to the list of sponsors will be reflected in the official record of the meeting."
# Where the parser (not amend) reads a draft differently from the printed text; another issue covers the parser.
# A paragraph of the result may differ from the expected text only by one of these, and only if no instruction
# touched it: the draft's own reading, passed through.
PARSER_DEFECTS = ("in 2024,,622", "Secretary- General")


def _normal(text: str) -> str:
    return " ".join(text.split())


@pytest.fixture(scope="module")
def amendments_folder() -> Path:
    if not AMENDMENTS.is_dir():
        pytest.skip("../shared/corpus/amendments is not present")
    return AMENDMENTS


def _applied(folder: Path, amendment: str, draft: str) -> tuple[Document, Document, dict[str, object]]:
    original = parse_file(folder / f"{draft}.txt")
    result = apply_amendments(original, [read_amendment(folder / f"{amendment}.txt")])
    assert not result.partial, [i.message for i in result.instructions]
    expected = json.loads((folder / "expected" / f"{amendment}.applied.json").read_text(encoding="utf-8"))
    return original, result.document, expected


def _paragraphs(document: Document, kind: str) -> list[str]:
    """The paragraphs of a part, without the sponsor note the parser reads as a paragraph of the draft (parser
    issue): amend must not special-case it, so the comparison sets it aside."""
    texts = [_normal(p.full_text()) for p in document.paragraphs if p.kind == kind]
    return [text for text in texts if text != SPONSOR_NOTE]


@pytest.mark.parametrize(("amendment", "draft"), REAL)
def test_real_amendment_gives_the_expected_draft(amendments_folder: Path, amendment: str, draft: str) -> None:
    original, amended, expected = _applied(amendments_folder, amendment, draft)
    variants = {_normal(v["literal"]): _normal(v["editorial"]) for v in expected.get("editorial_variants", [])}  # type: ignore[attr-defined]
    assert amended.title == expected["title"]
    untouched = {_normal(p.full_text()) for p in original.paragraphs}
    for kind, key in (("preambular", "preambular"), ("operative", "operative")):
        got, want = _paragraphs(amended, kind), [_normal(t) for t in expected[key]]  # type: ignore[attr-defined]
        assert len(got) == len(want), kind
        for number, (ours, theirs) in enumerate(zip(got, want, strict=True), start=1):
            if ours == theirs or variants.get(theirs) == ours:
                continue
            assert ours in untouched and any(defect in ours for defect in PARSER_DEFECTS), f"{kind} {number}: {ours}"


@pytest.mark.parametrize(("amendment", "draft"), REAL)
def test_real_amendment_gives_the_expected_draft_exactly(amendments_folder: Path, amendment: str, draft: str) -> None:
    _, amended, expected = _applied(amendments_folder, amendment, draft)
    assert [_normal(p.full_text()) for p in amended.preamble] == [_normal(t) for t in expected["preambular"]]  # type: ignore[attr-defined]
    assert [_normal(p.full_text()) for p in amended.operative] == [_normal(t) for t in expected["operative"]]  # type: ignore[attr-defined]


@pytest.mark.parametrize(("amendment", "draft"), REAL)
def test_real_amendment_reads_as_classified(amendments_folder: Path, amendment: str, draft: str) -> None:
    read = read_amendment(amendments_folder / f"{amendment}.txt")
    expected = json.loads((amendments_folder / "expected" / f"{amendment}.applied.json").read_text(encoding="utf-8"))
    assert read.target == expected["target"]
    assert read.symbol == expected["amendment"]
    got = [(i.n, i.kind if i.kind != "replace_throughout" else "replace") for i in read.instructions]
    assert got == [(i["n"], i["kind"]) for i in expected["instructions"]]
    wheres = [i["where"] for i in expected["instructions"]]
    assert [i.targets[0] if i.kind != "replace_throughout" else "global" for i in read.instructions] == wheres
    assert all(SPONSOR_NOTE not in p for i in read.instructions for p in [i.text, *i.paragraphs])
    assert any(s.reason == "sponsors" for s in read.set_aside)


def test_l28_statuses_and_seams(amendments_folder: Path) -> None:
    result = apply_amendments(
        parse_file(amendments_folder / "A_80_L.3.txt"), [read_amendment(amendments_folder / "A_80_L.28.txt")]
    )
    status = {i.n: i.status for i in result.instructions}
    assert status[8] == "already"  # its quote no longer occurs after instruction 1; the text already reads so
    assert all(status[n] == "applied" for n in range(1, 8))
    assert any("Welcomes of" in w for w in result.instructions[3].warnings)
    assert any(",," in w for w in result.instructions[6].warnings)
    # instruction 1 does not touch the text instructions 3, 5 and 6 insert: "rename International Chernobyl …"
    assert any("rename International Chernobyl Disaster" in p.text for p in result.document.operative)


def test_l19_quotes_the_paragraph_it_deletes(amendments_folder: Path) -> None:
    """The quoted text ('reading: …', with the amendment's own footnote star) names the paragraph even where this
    reading of the draft numbers it differently (the parser takes the sponsor note for a paragraph)."""
    read = read_amendment(amendments_folder / "A_80_L.19.txt")
    assert "Court,** and" in read.instructions[0].paragraphs[0]
    draft = parse_file(amendments_folder / "A_80_L.18.txt")
    result = apply_amendments(draft, [read])
    quoted = "Recalling the inclusion of attacks intentionally directed against personnel"
    assert not any(p.text.startswith(quoted) for p in result.document.preamble)
    assert len(result.document.preamble) == len(draft.preamble) - 1


# --- the grammar, one fixture a phrasing --------------------------------------------------------------------------

DRAFT = """A/RES/99/1

Testing the grammar of amendments

The General Assembly,

Recalling its resolution 1/1 of 1 January 2000,

Reaffirming the Charter of the United Nations,

Noting with concern the situation in the region,

1. Takes note of the report of the Secretary-General;

2. Urges all States:

(a) To cooperate fully with the mission;

(b) To ensure the safety of non‑governmental personnel;

3. Requests the Secretary-General to report on the implementation of the present resolution.
"""

# rule name → (amendment text, paragraph id of the result, text the paragraph must read, or None when gone)
PHRASINGS: dict[str, tuple[str, str, str | None]] = {
    "replace throughout": (
        "Replace “Secretary-General” with “Secretary General” throughout the text.",
        "OP3",
        "Requests the Secretary General to report on the implementation of the present resolution.",
    ),
    "replace the title": (
        "Replace the title with “Testing amendments”.",
        "title",
        "Testing amendments",
    ),
    "replace the title, text below": (
        "Replace the title of the draft resolution with the following:\n\nTesting the amendments",
        "title",
        "Testing the amendments",
    ),
    "replace words": (
        "In operative paragraph 1, replace “Takes note” with “Welcomes”.",
        "OP1",
        "Welcomes of the report of the Secretary-General;",
    ),
    "insert words (words first)": (
        "In the second preambular paragraph, insert “and international law” after “United Nations”.",
        "PP2",
        "Reaffirming the Charter of the United Nations and international law,",
    ),
    "insert words (place first)": (
        "In operative paragraph 2 (b), after “safety”, insert “and security”.",
        "OP2(b)",
        "To ensure the safety and security of non‑governmental personnel;",
    ),
    "insert words at the end": (
        "At the end of the third preambular paragraph, add “and its humanitarian consequences,”.",
        "PP3",
        "Noting with concern the situation in the region, and its humanitarian consequences,",
    ),
    "delete words": (
        "In operative paragraph 2 (a), delete “fully”.",
        "OP2(a)",
        "To cooperate with the mission;",
    ),
    "insert paragraphs": (
        "After the first preambular paragraph, insert two new preambular paragraphs reading:\n\n"
        "Recalling also its resolution 2/2,\n\nRecalling further its resolution 3/3,",
        "PP3",
        "Recalling further its resolution 3/3,",
    ),
    "insert paragraphs at the end": (
        "At the end of the operative part, insert a new operative paragraph reading:\n\n"
        "Decides to remain seized of the matter.",
        "OP4",
        "Decides to remain seized of the matter.",
    ),
    "insert paragraphs (paragraphs first)": (
        "Insert a new operative paragraph after operative paragraph 3, reading:\n\nDecides to remain seized of the matter.",
        "OP4",
        "Decides to remain seized of the matter.",
    ),
    "delete paragraph": ("Delete the third preambular paragraph.", "PP3", None),
    "replace paragraph": (
        "Replace operative paragraph 3 with the following text:\n\nDecides to consider the question at its next session.",
        "OP3",
        "Decides to consider the question at its next session.",
    ),
}


def test_every_rule_has_a_fixture() -> None:
    assert {name for name, _, _ in RULES} == set(PHRASINGS)


@pytest.mark.parametrize("rule", sorted(PHRASINGS))
def test_phrasing_reads_and_applies(rule: str) -> None:
    text, where, reads = PHRASINGS[rule]
    amendment = parse_amendment_text(text)
    assert len(amendment.instructions) == 1
    assert amendment.instructions[0].kind == next(kind for name, kind, _ in RULES if name == rule)
    result = apply_amendments(parse_text(DRAFT), [amendment])
    assert result.instructions[0].status == "applied", result.instructions[0].message
    document = result.document
    found = document.title if where == "title" else (p.text if (p := document.find(where)) else None)
    if reads is None:
        assert len(document.preamble) == 2
    else:
        assert found == reads


def test_a_typographic_quote_matches_the_draft() -> None:
    """An ASCII hyphen in the amendment finds the draft's non-breaking hyphen; straight quotes work as curly ones."""
    amendment = parse_amendment_text('In operative paragraph 2 (b), replace "non-governmental" with "humanitarian".')
    result = apply_amendments(parse_text(DRAFT), [amendment])
    assert result.instructions[0].status == "applied"
    assert result.document.find("OP2(b)").text == "To ensure the safety of humanitarian personnel;"  # type: ignore[union-attr]


def test_quotes_match_whole_words_only() -> None:
    assert find_quote("Notes the note; notes", "note") == [(10, 14)]
    assert find_quote("post‑Chernobyl recovery", "post-Chernobyl") == [(0, 14)]


def test_quotes_are_found_through_the_typography_every_stage_folds() -> None:
    """The same folding as diff and check (unres/text.py): low and reversed quotation marks, a horizontal bar."""
    assert find_quote("the „Pact for the Future‟ ― adopted", '"Pact for the Future" - adopted') == [(4, 35)]


@pytest.mark.parametrize(
    ("text", "problem"),
    [
        ("In operative paragraph 1, replace “Decides” with “Welcomes”.", "is not in operative paragraph 1"),
        ("In operative paragraph 2, replace “the” with “a”.", "occurs 2 times"),
        ("Delete operative paragraph 9.", "the draft has no operative paragraph 9"),
        ("Rewrite the draft as you see fit.", "not an instruction unres can read"),
    ],
)
def test_what_cannot_apply_is_reported_and_the_rest_applies(text: str, problem: str) -> None:
    amendment = parse_amendment_text(f"1. {text}\n\n2. Delete the first preambular paragraph.")
    result = apply_amendments(parse_text(DRAFT), [amendment])
    assert result.partial
    first, second = result.instructions
    assert first.status == "not_applied" and problem in (first.message or "")
    assert second.status == "applied" and len(result.document.preamble) == 2


def test_references_name_the_original_numbering() -> None:
    """Delete the first preambular paragraph, then the second: the second of the draft, not of the text so far."""
    amendment = parse_amendment_text(
        "1. Delete the first preambular paragraph.\n\n2. Delete the second preambular paragraph.\n\n"
        "3. After operative paragraph 1, insert a new operative paragraph reading:\n\nNotes the progress made;\n\n"
        "4. In operative paragraph 3, replace “report” with “report orally”."
    )
    result = apply_amendments(parse_text(DRAFT), [amendment])
    assert [p.text for p in result.document.preamble] == ["Noting with concern the situation in the region,"]
    assert [p.id for p in result.document.operative] == ["OP1", "OP2", "OP3", "OP4"]
    assert result.document.operative[1].text == "Notes the progress made;"
    assert result.document.operative[3].text.startswith("Requests the Secretary-General to report orally")


def test_a_second_amendment_also_names_the_original_numbering() -> None:
    first = parse_amendment_text("Delete the first preambular paragraph.")
    second = parse_amendment_text("In the second preambular paragraph, replace “Charter” with “principles”.")
    result = apply_amendments(parse_text(DRAFT), [first, second])
    assert result.document.preamble[0].text == "Reaffirming the principles of the United Nations,"


def test_ordinals_read_back() -> None:
    assert [ordinal(n) for n in (1, 12, 20, 38, 99)] == [
        "first",
        "twelfth",
        "twentieth",
        "thirty-eighth",
        "ninety-ninth",
    ]
    assert all(ordinal_value(ordinal(n)) == n for n in range(1, 130))
    assert reference("the thirty-eighth preambular paragraph") == "PP38"
    assert reference("operative paragraph 3 (b) (ii)") == "OP3(b)(ii)"
    assert reference("subparagraph (a) of operative paragraph 2") == "OP2(a)"
    assert reference("paragraph 4 of the annex") == "ANNEX-4"
    assert reference("paragraph 4 of annex II") == "ANNEX2-4"
    assert reference("the seventh paragraph") is None


# --- the command line ------------------------------------------------------------------------------------------


def test_amend_exit_0_json_validates_and_text_reads_back(amendments_folder: Path, tmp_path: Path) -> None:
    draft, amendment = str(amendments_folder / "A_80_L.3.txt"), str(amendments_folder / "A_80_L.28.txt")
    result = runner.invoke(app, ["amend", draft, amendment, "--format", "json"])
    assert result.exit_code == 0, result.stderr
    data = json.loads(result.stdout)
    schema = json.loads((ROOT / "unres" / "schemas" / "amendment.schema.json").read_text(encoding="utf-8"))
    jsonschema.validate(data, schema)
    assert [i["status"] for i in data["instructions"]] == ["applied"] * 7 + ["already"]
    written = tmp_path / "amended.txt"
    assert runner.invoke(app, ["amend", draft, amendment, "--format", "text", "-o", str(written)]).exit_code == 0
    back = parse_file(written)
    assert [_normal(p.full_text()) for p in back.paragraphs] == [
        _normal(p["text"]) for p in data["document"]["paragraphs"]
    ]
    assert back.title == "Persistent legacy of the Chornobyl disaster"


def test_amend_redline_names_each_instruction(amendments_folder: Path) -> None:
    draft, amendment = str(amendments_folder / "A_80_L.18.txt"), str(amendments_folder / "A_80_L.20.txt")
    result = runner.invoke(app, ["amend", draft, amendment, "--width", "120"])
    assert result.exit_code == 0
    assert "1. applied     Delete operative paragraph 9." in result.stdout
    assert "[-Also calls upon all States to consider becoming parties to the Rome Statute" in result.stdout
    assert "OP9 → —  dropped  ← instruction 1" in result.stdout


def test_amend_redline_traces_each_change_to_its_instructions(amendments_folder: Path) -> None:
    draft, amendment = str(amendments_folder / "A_80_L.3.txt"), str(amendments_folder / "A_80_L.28.txt")
    lines = runner.invoke(app, ["amend", draft, amendment, "--width", "120"]).stdout.splitlines()
    assert "OP1  modified  67%  ← instruction 4" in lines
    assert "— → OP5  added  ← instruction 5" in lines
    assert any(line.startswith("PP2  modified") and line.endswith("← instructions 1, 2") for line in lines)


def test_amend_exit_1_names_the_instruction(tmp_path: Path) -> None:
    draft = tmp_path / "draft.txt"
    draft.write_text(DRAFT, encoding="utf-8")
    amendment = tmp_path / "amendment.txt"
    amendment.write_text(
        "1. In operative paragraph 1, replace “Decides” with “Welcomes”.\n\n2. Delete operative paragraph 3.\n",
        encoding="utf-8",
    )
    result = runner.invoke(app, ["amend", str(draft), str(amendment), "--format", "json"])
    assert result.exit_code == 1
    assert "instruction 1: not applied: “Decides” is not in operative paragraph 1" in result.stderr
    data = json.loads(result.stdout)
    assert data["partial"] is True and len(data["document"]["paragraphs"]) == 5


def test_amend_exit_2_on_trouble(tmp_path: Path) -> None:
    draft = tmp_path / "draft.txt"
    draft.write_text(DRAFT, encoding="utf-8")
    nothing = tmp_path / "nothing.txt"
    nothing.write_text("Some words that are not an amendment.\n", encoding="utf-8")
    missing = runner.invoke(app, ["amend", str(draft), str(tmp_path / "missing.txt")])
    assert missing.exit_code == 2 and "no such file" in missing.stderr
    empty = runner.invoke(app, ["amend", str(draft), str(nothing)])
    assert empty.exit_code == 2 and "no amendment instructions found" in empty.stderr
    html = runner.invoke(app, ["amend", str(draft), str(nothing), "--format", "html"])
    assert html.exit_code == 2


def test_amend_html_is_the_diff_page(amendments_folder: Path) -> None:
    draft, amendment = str(amendments_folder / "A_80_L.3.txt"), str(amendments_folder / "A_80_L.28.txt")
    result = runner.invoke(app, ["amend", draft, amendment, "--format", "html"])
    assert result.exit_code == 0
    assert result.stdout.startswith("<!DOCTYPE html>") and "<ins>" in result.stdout


def test_a_page_of_unnumbered_text_is_not_read_as_instructions_in_bounded_time() -> None:
    amendment = parse_amendment_text("In operative paragraph 1, replace “a” with “b” " * 2000)
    assert [i.kind for i in amendment.instructions] == ["unknown"]
    assert "too long" in (amendment.instructions[0].message or "")


def test_numbering_past_ninety_nine() -> None:
    text = "\n\n".join(f"{n}. Delete operative paragraph {n}." for n in range(1, 121))
    assert [i.targets for i in parse_amendment_text(text).instructions] == [[f"OP{n}"] for n in range(1, 121)]


def test_a_run_of_paragraphs_is_deleted_by_one_instruction() -> None:
    """Written as the UN writes it, read back, applied: 'Delete operative paragraphs 1 and 2.'"""
    draft = parse_text(DRAFT)
    smaller = parse_text(DRAFT.split("1. Takes note")[0] + "1. Requests the Secretary-General to report.\n")
    smaller.paragraphs[-1].text = draft.operative[-1].text
    written = amendments_between(draft, smaller)
    assert [i.text for i in written] == ["Delete operative paragraphs 1 and 2."]
    assert reference("the second to fourth preambular paragraphs") is None
    assert references("the second to fourth preambular paragraphs") == ["PP2", "PP3", "PP4"]
    assert references("operative paragraphs 9 and 12") == ["OP9", "OP12"]
    result = apply_amendments(draft, [parse_amendment_text(written[0].text)])
    assert [p.text for p in result.document.operative] == [draft.operative[-1].text]
    partial = apply_amendments(draft, [parse_amendment_text("Delete operative paragraphs 2 to 4.")])
    assert partial.partial and len(partial.document.operative) == 3  # all there, or none deleted


HOSTILE = Path(__file__).parent / "hostile"
_UNSAFE = {chr(c) for c in range(32) if chr(c) not in "\n\t"} | {chr(c) for c in range(0x7F, 0xA0)}
_UNSAFE |= {chr(c) for c in (*range(0x202A, 0x202F), *range(0x2066, 0x206A))}


@pytest.mark.parametrize("path", sorted(HOSTILE.glob("*")), ids=lambda p: p.name)
def test_hostile_text_never_reaches_the_output_raw(path: Path, tmp_path: Path) -> None:
    """Written amendments quote the document's words: escaped, readable back, applied; the amend report too."""
    example = str(ROOT / "examples" / "ga-58-137.word-export.txt")
    written = runner.invoke(app, ["diff", example, str(path), "--format", "amendments"])
    assert written.exit_code == 1 and not set(written.stdout) & _UNSAFE
    amendment = tmp_path / "amendment.txt"
    amendment.write_text(written.stdout, encoding="utf-8")
    applied = runner.invoke(app, ["amend", example, str(amendment)])
    assert applied.exit_code == 0, applied.stderr
    assert not set(applied.stdout) & _UNSAFE


def test_throughout_leaves_the_words_its_own_amendment_inserted() -> None:
    own = parse_amendment_text(
        "1. In operative paragraph 3, insert “, as the Secretary-General proposed,” after “report”.\n\n"
        "2. Replace “Secretary-General” with “Secretary General” throughout the text."
    )
    result = apply_amendments(parse_text(DRAFT), [own])
    assert result.document.operative[2].text == (
        "Requests the Secretary General to report, as the Secretary-General proposed, on the implementation of the "
        "present resolution."
    )
    earlier = parse_amendment_text(
        "In operative paragraph 3, insert “, as the Secretary-General proposed,” after “report”."
    )
    later = parse_amendment_text("Replace “Secretary-General” with “Secretary General” throughout the text.")
    result = apply_amendments(parse_text(DRAFT), [earlier, later])  # another amendment's words are text like any
    assert result.document.operative[2].text.count("Secretary General") == 2


def test_the_draft_as_amended_is_a_word_redline_that_accepts_to_the_amended_text(
    amendments_folder: Path, tmp_path: Path
) -> None:
    out = tmp_path / "amended.docx"
    draft, amendment = amendments_folder / "A_80_L.3.txt", amendments_folder / "A_80_L.28.txt"
    result = runner.invoke(app, ["amend", str(draft), str(amendment), "--format", "docx", "--author", "UA", "-o", str(out)])
    assert result.exit_code == 0, result.stderr
    amended = apply_amendments(parse_file(draft), [read_amendment(amendment)]).document
    accepted = parse_file(out, revisions="accept")
    rejected = parse_file(out, revisions="reject")
    assert [_normal(p.full_text()) for p in accepted.paragraphs] == [_normal(p.full_text()) for p in amended.paragraphs]
    assert [_normal(p.full_text()) for p in rejected.paragraphs] == [
        _normal(p.full_text()) for p in parse_file(draft).paragraphs
    ]
