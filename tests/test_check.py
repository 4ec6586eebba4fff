"""`unres check`: renderings that differ only in layout agree; any changed word or comma is reported, once."""

from __future__ import annotations

import json
import random
import xml.etree.ElementTree as ElementTree
from pathlib import Path

import jsonschema
import pytest
import yaml
from hypothesis import given, settings
from hypothesis import strategies as st
from typer.testing import CliRunner

from unres import check, parse_file, parse_text
from unres.cli import app
from unres.models import CheckProfile, CheckReport, Difference, Document, Excerpt, Paragraph
from unres.render.json import to_json

from conftest import SEEDS
from layouts import LAYOUTS

runner = CliRunner()
MD, TXT = str(SEEDS["ecosoc-2006-27-md"]), str(SEEDS["ecosoc-2006-27-pdftotext"])
SCHEMA = Path(__file__).resolve().parent.parent / "unres" / "schemas" / "check.schema.json"


def marked(excerpt: Excerpt | None) -> str | None:
    """The excerpt with each highlighted stretch in «», to compare in one string."""
    if excerpt is None:
        return None
    text = excerpt.text
    for start, end in reversed(excerpt.highlights):
        text = f"{text[:start]}«{text[start:end]}»{text[end:]}"
    return text


def found(report: CheckReport) -> list[tuple[str, str]]:
    return [(d.where, d.kind) for d in report.differences]


def checked(first: str, other: str, profile: CheckProfile | None = None) -> list[Difference]:
    return check([parse_text(first, source="first"), parse_text(other, source="other")], profile).differences


def test_the_two_2006_27_renderings_disagree_exactly_where_their_texts_do() -> None:
    """Read side by side (title, body, all 20 preambular and 18 operative paragraphs with their sub-paragraphs, the
    closing), the markdown rendering ends PP1 and PP8 with a full stop where pdftotext has a comma, and only the
    markdown one carries the eleven footnote texts; every other word, mark and footnote reference is the same."""
    report = check([parse_file(MD), parse_file(TXT)])
    assert [(d.where, d.kind, marked(d.first), marked(d.other)) for d in report.differences] == [
        ("PP1", "text", "…Crime and Abuse of Power«.»", "…Crime and Abuse of Power«,»"),
        ("PP8", "text", "…action to curb transnational crime«.»", "…action to curb transnational crime«,»"),
        (
            "footnotes",
            "footnotes",
            "1 General Assembly resolution 40/34, annex. 2 See E/2002/68/Add.1. 3 General Assembly …",
            None,
        ),
    ]
    assert report.differences[2].detail == "the 11 footnote texts 1–11 are missing from this rendering"
    assert not report.agree


# --- layout is not text ----------------------------------------------------------------------------------------


@pytest.mark.parametrize("layout", sorted(LAYOUTS))
@pytest.mark.parametrize("seed", sorted(SEEDS))
def test_a_seed_rerendered_in_another_layout_agrees(seed: str, layout: str) -> None:
    """Re-wrapped, re-indented, marks restyled, page furniture and footnote areas cutting paragraphs: same words."""
    original = parse_file(SEEDS[seed])
    rerendered = parse_text(LAYOUTS[layout](original), source=layout)
    assert check([original, rerendered]).differences == []


def _with_edit(doc: Document, rng: random.Random, comma: bool) -> tuple[Document, str, str]:
    """The document with one word replaced (or one comma added) in one paragraph; returns it, the id and the edit."""

    def places(paragraph: Paragraph) -> list[int]:
        """Word positions to edit, not next to a number: 'article, 6, paragraph' reads as a footnote mark after a
        comma, as pdftotext sets them."""
        words = paragraph.text.split(" ")
        return [n for n in range(2, len(words) - 1) if not any(ch.isdigit() for ch in words[n] + words[n + 1])]

    target = rng.choice([p for p in doc.walk() if len(p.text.split()) > 6 and not p.footnote_refs and places(p)])
    words = target.text.split(" ")
    position = rng.choice(places(target))
    words[position] = words[position] + "," if comma else "Zanzibar"
    new_text = " ".join(words)

    def replace(paragraph: Paragraph) -> Paragraph:
        subs = [replace(sub) for sub in paragraph.subparagraphs]
        text = new_text if paragraph.id == target.id else paragraph.text
        return paragraph.model_copy(update={"text": text, "subparagraphs": subs})

    edited = doc.model_copy(update={"paragraphs": [replace(p) for p in doc.paragraphs]})
    return edited, target.id, "," if comma else "Zanzibar"


@settings(max_examples=40, deadline=None)
@given(st.sampled_from(sorted(SEEDS)), st.sampled_from(sorted(LAYOUTS)), st.booleans(), st.integers(0, 10_000))
def test_one_changed_word_or_comma_is_reported_exactly(seed: str, layout: str, comma: bool, number: int) -> None:
    original = parse_file(SEEDS[seed])
    edited, where, changed = _with_edit(original, random.Random(number), comma)
    report = check([original, parse_text(LAYOUTS[layout](edited), source=layout)])
    assert found(report) == [(where, "text")]
    other = report.differences[0].other
    assert other is not None and [other.text[s:e] for s, e in other.highlights] == [changed]


_word = st.sampled_from(["States", "cooperation", "report", "Council", "victims", "law", "crime", "role", "2005"])
_typographic = st.sampled_from(["“Palermo”", "‘Bangkok’", "2005–2010", "non‑governmental", "the\u00a0Office"])
_clause = st.lists(st.one_of(_word, _word, _word, _typographic), min_size=3, max_size=12).map(" ".join)


@st.composite
def resolutions(draw: st.DrawFn) -> str:
    """Generated resolution texts with typographic quotes, dashes and no-break spaces, some with footnotes."""
    preamble = draw(st.lists(_clause, min_size=1, max_size=5))
    operative = draw(st.lists(st.tuples(_clause, st.lists(_clause, max_size=3)), min_size=1, max_size=5))
    noted = draw(st.booleans())
    lines = ["Cooperation against crime", "", "The General Assembly,", ""]
    lines += [f"Recalling the {text},{'¹' if noted and n == 0 else ''}\n" for n, text in enumerate(preamble)]
    for number, (text, subs) in enumerate(operative, start=1):
        lines.append(f"{number}. Requests the {text}{':' if subs else ';'}\n")
        lines += [f"({chr(97 + i)}) The {sub};\n" for i, sub in enumerate(subs)]
    lines += ["12th plenary meeting", "20 December 2010", ""]
    if noted:
        lines += ["¹ General Assembly resolution 55/25, annex I.", ""]
    return "\n".join(lines)


@settings(max_examples=60, deadline=None)
@given(resolutions(), st.sampled_from(sorted(LAYOUTS)))
def test_a_document_agrees_with_itself_and_with_any_rerendering_of_itself(text: str, layout: str) -> None:
    doc = parse_text(text, source="generated")
    rerendered = parse_text(LAYOUTS[layout](doc), source=layout)
    assert check([doc, doc]).agree
    report = check([doc, rerendered])
    assert report.differences == []
    assert to_json(check([doc, rerendered])) == to_json(report)  # deterministic


def test_typography_is_layout_unless_strict() -> None:
    first = "The General Assembly,\n\nRecalling the “Act” of 2012–2013,\n"
    other = 'The General Assembly,\n\nRecalling the "Act" of 2012-2013,\n'
    assert checked(first, other) == []
    strict = checked(first, other, CheckProfile(quotes=False, dashes=False, unicode=False, whitespace=False))
    assert [marked(d.other) for d in strict] == [
        'Recalling the «"»Act" of 2012-2013,',
        'Recalling the "Act«"» of 2012-2013,',
        'Recalling the "Act" of 2012«-»2013,',
    ]


@pytest.mark.parametrize(
    ("rule", "first", "other"),
    [
        ("quotes", "the ‘Act’ of", "the 'Act' of"),
        ("dashes", "in 2012—2013 and", "in 2012-2013 and"),
        ("unicode", "the ﬁnal report on Ｍember States", "the final report on Member States"),
    ],
)
def test_each_rule_can_be_turned_off_alone(rule: str, first: str, other: str) -> None:
    before = "The General Assembly,\n\nRecalling "
    assert checked(before + first + ",\n", before + other + ",\n") == []
    kept = checked(before + first + ",\n", before + other + ",\n", CheckProfile.model_validate({rule: False}))
    assert kept and {d.where for d in kept} == {"PP1"}


def test_the_differing_characters_of_a_differing_word_are_highlighted() -> None:
    (difference,) = checked(
        "The General Assembly,\n\nRecalling the organisation of the meeting,\n",
        "The General Assembly,\n\nRecalling the organization of the meeting,\n",
    )
    assert (marked(difference.first), marked(difference.other)) == (
        "Recalling the organi«s»ation of the meeting,",
        "Recalling the organi«z»ation of the meeting,",
    )
    assert (
        difference.detail
        == "PP1: “Recalling the organi«z»ation of the meeting,” here, “Recalling the organi«s»ation of the meeting,” in first"
    )


def test_a_word_only_in_one_rendering_is_marked_where_the_other_lacks_it() -> None:
    (difference,) = checked(
        "The General Assembly,\n\n1. Urges all States to act at once in every way;\n",
        "The General Assembly,\n\n1. Urges all States to act in every way;\n",
    )
    assert (marked(difference.first), marked(difference.other)) == (
        "…all States to act «at once» in every way;",
        "…all States to act«» in every way;",
    )


# --- structure: each difference once ------------------------------------------------------------------------------

PREAMBLE = ["Recalling the Charter,", "Noting the report of the Secretary-General,", "Bearing in mind the law,"]
OPERATIVE = ["Urges all States to act;", "Invites the Council to report;", "Decides to remain seized of the matter."]


def resolution(
    preamble: list[str] = PREAMBLE, operative: list[str] = OPERATIVE, numbers: list[int] | None = None
) -> str:
    numbers = numbers or list(range(1, len(operative) + 1))
    paragraphs = [*preamble, *(f"{n}. {text}" for n, text in zip(numbers, operative, strict=True))]
    return "\n\n".join(["The General Assembly,", *paragraphs, ""])


def test_a_missing_preambular_paragraph_is_one_item_not_a_cascade_of_shifted_ids() -> None:
    differences = checked(resolution(), resolution(preamble=[PREAMBLE[0], PREAMBLE[2]]))
    assert [(d.where, d.kind, marked(d.first)) for d in differences] == [
        ("PP2", "missing", "Noting the report of the Secretary-General,")
    ]


def test_a_paragraph_only_in_the_other_rendering_is_one_extra_item() -> None:
    differences = checked(resolution(preamble=[PREAMBLE[0], PREAMBLE[2]]), resolution())
    assert [(d.where, d.kind, marked(d.other)) for d in differences] == [
        ("PP2", "extra", "Noting the report of the Secretary-General,")
    ]


def test_a_missing_operative_paragraph_with_the_rest_renumbered_is_one_item() -> None:
    """The numbers that follow shift with it; that is its consequence, not another disagreement."""
    differences = checked(resolution(), resolution(operative=OPERATIVE[1:]))
    assert [(d.where, d.kind, d.detail) for d in differences] == [
        ("OP1", "missing", "OP1 is missing from this rendering")
    ]


def test_a_missing_operative_paragraph_whose_numbers_were_kept_is_only_missing() -> None:
    differences = checked(resolution(), resolution(operative=[OPERATIVE[0], OPERATIVE[2]], numbers=[1, 3]))
    assert [(d.where, d.kind) for d in differences] == [("OP2", "missing")]


def test_a_skipped_number_is_one_numbering_item() -> None:
    differences = checked(resolution(), resolution(numbers=[1, 3, 4]))
    assert [(d.where, d.kind, d.detail) for d in differences] == [
        ("OP2", "numbering", "OP2–OP3 in first are numbered OP3–OP4 here")
    ]


def test_a_split_paragraph_is_one_item_and_its_words_still_agree() -> None:
    joined = resolution(preamble=["Recalling the Charter, Noting the report of the Secretary-General,"])
    split = resolution(preamble=["Recalling the Charter,", "Noting the report of the Secretary-General,"])
    differences = checked(joined, split)
    assert [(d.where, d.kind, d.detail) for d in differences] == [("PP1", "split", "PP1 in first is PP1+PP2 here")]


def test_a_different_sub_paragraph_count_is_one_item() -> None:
    three = "The General Assembly,\n\n1. Urges States:\n\n(a) To act;\n\n(b) To report;\n\n(c) To cooperate;\n"
    two = "The General Assembly,\n\n1. Urges States:\n\n(a) To act;\n\n(b) To report; (c) To cooperate;\n"
    differences = checked(three, two)
    assert [(d.where, d.kind, d.detail) for d in differences] == [
        ("OP1", "count", "OP1: 3 sub-paragraphs (a), (b), (c) in first, 2 sub-paragraphs (a), (b) here")
    ]


def test_a_footnote_mark_in_another_place_is_a_references_item() -> None:
    note = "\n\n¹ General Assembly resolution 40/34, annex.\n"
    differences = checked(
        "The General Assembly,\n\nRecalling the Declaration,¹ and the Convention," + note,
        "The General Assembly,\n\nRecalling the Declaration, and the Convention,¹" + note,
    )
    assert [(d.where, d.kind) for d in differences] == [("PP1", "references")]


def test_footnote_texts_are_compared_by_mark_and_one_missing_is_one_item() -> None:
    body = "The General Assembly,\n\nRecalling the Declaration,¹ and the Convention,²\n\n"
    differences = checked(
        body + "¹ General Assembly resolution 40/34, annex.\n\n² General Assembly resolution 44/25, annex.\n",
        body + "¹ General Assembly resolution 40/35, annex.\n",
    )
    assert [(d.where, d.kind, marked(d.other)) for d in differences] == [
        ("footnote 2", "footnotes", None),
        ("footnote 1", "text", "General Assembly resolution 40/3«5», annex."),
    ]


def test_title_number_and_closing_are_compared() -> None:
    head = "{number}. Cooperation against {word}\n\nThe General Assembly,\n\nRecalling the Charter,\n\n{closing}\n"
    first = head.format(number="58/137", word="crime", closing="77th plenary meeting\n22 December 2003")
    other = head.format(number="58/138", word="crimes", closing="78th plenary meeting\n22 December 2003")
    assert [(d.where, d.kind) for d in checked(first, other)] == [
        ("number", "text"),
        ("title", "text"),
        ("closing", "text"),
    ]


# --- the command line ------------------------------------------------------------------------------------------


def test_exit_statuses() -> None:
    assert runner.invoke(app, ["check", MD, MD]).exit_code == 0
    assert runner.invoke(app, ["check", MD, TXT]).exit_code == 1
    assert runner.invoke(app, ["check", MD]).exit_code == 2


@pytest.mark.parametrize("bad", ["missing", "binary", "empty", "directory"])
def test_unreadable_files_exit_2_with_one_line(tmp_path: Path, bad: str) -> None:
    path = tmp_path / bad
    if bad == "binary":
        path.write_bytes(bytes(range(256)) * 8)
    elif bad == "empty":
        path.write_bytes(b"")
    elif bad == "directory":
        path.mkdir()
    result = runner.invoke(app, ["check", MD, str(path)])
    assert result.exit_code == 2
    assert result.stdout == ""
    assert result.stderr.count("\n") == 1 and result.stderr.startswith(f"unres: {path}: ")


def test_more_than_two_files_are_each_checked_against_the_first() -> None:
    result = runner.invoke(app, ["check", MD, MD, TXT, "--format", "json"])
    data = json.loads(result.stdout)
    assert result.exit_code == 1
    assert {d["file"] for d in data["differences"]} == {TXT}
    assert data["files"] == [MD, MD, TXT]
    text = runner.invoke(app, ["check", MD, MD, TXT, "--width", "400"]).stdout
    assert text.splitlines()[-1] == f"disagree: 3 differences; {TXT} against {MD}"


def test_json_report_validates_against_the_published_schema() -> None:
    result = runner.invoke(app, ["check", MD, TXT, "--format", "json"])
    jsonschema.validate(json.loads(result.stdout), json.loads(SCHEMA.read_text(encoding="utf-8")))
    assert json.loads(result.stdout)["differences"][0]["first"] == {
        "text": "…Crime and Abuse of Power.",
        "highlights": [[25, 26]],
    }


def test_terminal_report_shows_both_sides_with_the_difference_marked() -> None:
    result = runner.invoke(app, ["check", MD, TXT, "--width", "200"])
    assert result.stdout.splitlines()[:3] == [
        f"{TXT}: PP1  text",
        f"  {MD}: …Crime and Abuse of Power«.»",
        f"  {TXT}: …Crime and Abuse of Power«,»",
    ]


def test_github_annotations_point_at_the_file_and_line() -> None:
    github = runner.invoke(app, ["check", MD, TXT, "--format", "github"]).stdout.splitlines()
    assert len(github) == 3 and all(line.startswith(f"::error file={TXT},") for line in github)
    assert github[0] == (
        f"::error file={TXT},line=13,title=unres check%3A PP1 (text)::"  # line 13: where PP1 starts in pdftotext
        f"PP1: “…Crime and Abuse of Power«,»” here, “…Crime and Abuse of Power«.»” in {MD}"
    )
    assert "line=" not in github[2]  # the footnote texts have no line in a rendering that lacks them
    agree = runner.invoke(app, ["check", MD, MD, "--format", "github"]).stdout
    assert agree == f"::notice title=unres check::{MD}, {MD} agree\n"


def test_github_annotation_messages_are_escaped() -> None:
    differences = checked(
        "The General Assembly,\n\nRecalling 100% of the law,\n", "The General Assembly,\n\nRecalling 90% of the law,\n"
    )
    from unres.render.github import github_annotations

    report = CheckReport(files=["first", "other"], profile=CheckProfile(), agree=False, differences=differences)
    (line,) = github_annotations(report).splitlines()
    assert "«100»%25" in line and "«90»%25" in line


def test_junit_has_one_test_case_per_checked_rendering() -> None:
    junit = runner.invoke(app, ["check", MD, MD, TXT, "--format", "junit"]).stdout
    suite = ElementTree.fromstring(junit.split("?>", 1)[1])
    assert (suite.get("tests"), suite.get("failures")) == ("2", "1")
    cases = suite.findall("testcase")
    assert [case.find("failure") is None for case in cases] == [True, False]
    failure = cases[1].find("failure")
    assert failure is not None and failure.get("message") == "3 disagreement(s)"
    assert (failure.text or "").splitlines()[0].startswith("text: PP1: ")


def test_explain_prints_the_profile_in_force() -> None:
    result = runner.invoke(app, ["check", MD, MD, "--explain", "--keep-quotes", "--width", "200"])
    assert result.exit_code == 0
    rows = {row[0]: row[1] for line in result.stderr.splitlines() if len(row := line.split("│")) == 3}
    on = {rule.strip(): value.strip() for rule, value in rows.items()}
    assert (on["quotes"], on["dashes"], on["unicode"], on["whitespace"]) == ("no", "yes", "yes", "yes")
    assert "footnote-mark style" in result.stderr


def test_strict_turns_every_rule_off() -> None:
    result = runner.invoke(app, ["check", MD, MD, "--strict", "--format", "json"])
    assert json.loads(result.stdout)["profile"] == {
        "whitespace": False,
        "quotes": False,
        "dashes": False,
        "unicode": False,
    }


def test_the_pre_commit_hook_runs_check_on_the_reference_and_the_staged_files() -> None:
    """pre-commit runs `entry`, then the hook's `args` (the reference), then the staged file names."""
    (hook,) = yaml.safe_load((Path(__file__).resolve().parent.parent / ".pre-commit-hooks.yaml").read_text())
    assert {"id", "name", "entry", "language"} <= hook.keys() and hook["language"] == "python"
    program, *command = hook["entry"].split()
    assert program == "unres"
    assert runner.invoke(app, [*command, MD, MD]).exit_code == 0
    assert runner.invoke(app, [*command, MD, MD, TXT]).exit_code == 1


def test_a_long_differing_passage_is_shown_by_its_ends() -> None:
    passage = " ".join(f"w{chr(97 + n // 26)}{chr(97 + n % 26)}" for n in range(40))
    (difference,) = checked(
        f"The General Assembly,\n\nRecalling the Charter and {passage} of the law,\n",
        "The General Assembly,\n\nRecalling the Charter and of the law,\n",
    )
    assert marked(difference.first) == (
        "Recalling the Charter and «waa wab wac wad wae waf … wbi wbj wbk wbl wbm wbn» of the law,"
    )


def test_a_moved_paragraph_is_one_item_and_the_numbers_it_shifts_are_not_more() -> None:
    differences = checked(resolution(), resolution(operative=[OPERATIVE[1], OPERATIVE[2], OPERATIVE[0]]))
    assert [(d.where, d.kind) for d in differences] == [("OP1", "moved")]
