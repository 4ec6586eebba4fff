"""Lineage on the seeds: the paths a drafter reads across 58/137 → 2006/27 → 61/180 draft → COP 5/2, found by
reading the four texts side by side, and the views of the graph (table, history, blame, every format)."""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
from datetime import date
from html.parser import HTMLParser

import pytest
from typer.testing import CliRunner

from unres import lineage, parse_file
from unres.cli import app
from unres.lineage import appearances, blame, history, parse_date, sort_by_date, table
from unres.models import Document, Lineage

from conftest import ROOT, SEEDS

CHAIN = ["ga-58-137", "ecosoc-2006-27-md", "ga-61-180-draft", "cop-5-2"]
runner = CliRunner()

Link = tuple[int, str, int, str, str]


@pytest.fixture(scope="module")
def documents() -> list[Document]:
    return [parse_file(SEEDS[name]) for name in CHAIN]


@pytest.fixture(scope="module")
def graph(documents: list[Document]) -> Lineage:
    return lineage(documents)


def _links(graph: Lineage, earlier: int | None = None, later: int | None = None) -> set[Link]:
    return {
        (link.from_.document, link.from_.id, link.to.document, link.to.id, link.kind)
        for link in graph.links
        if earlier in (None, link.from_.document) and later in (None, link.to.document)
    }


def _steps(graph: Lineage, paragraph_id: str, document: int | None = None) -> list[tuple[int, tuple[str, ...], str]]:
    return [(step.document, step.ids, step.kind) for step in history(graph, paragraph_id, document)]


# --- the paths a drafter reads ------------------------------------------------------------------------------------


def test_a_paragraph_goes_into_the_preamble_and_back_into_the_operative_part(graph: Lineage) -> None:
    """58/137 OP3 "Recognizes that broad international cooperation …" became 2006/27 PP16 "Recognizing that broad
    international cooperation …, especially among related countries of origin, transit and destination, …", and
    61/180 draft OP1 "Recognizes that broad international cooperation … and invites them to foster a global
    partnership …"."""
    assert (0, "OP3", 1, "PP16", "moved-modified") in _links(graph)
    assert (1, "PP16", 2, "OP1", "moved-modified") in _links(graph)
    assert _steps(graph, "OP1", document=2) == [(1, ("PP16",), "moved-modified"), (0, ("OP3",), "moved-modified")]


def test_every_link_from_58_137_to_2006_27_is_one_a_drafter_reads(graph: Lineage) -> None:
    """Every paragraph of 58/137 goes somewhere in 2006/27; the new ones there (PP7 recalling 58/137, PP8 the CEB
    note, PP19 the Conference of the Parties, OP15 and OP16 the requests to UNODC) come from nowhere."""
    assert _links(graph, 0, 1) == {
        (0, "PP1", 1, "PP1", "modified"),  # a full stop for the comma
        (0, "PP2", 1, "PP2", "unchanged"),
        (0, "PP3", 1, "PP3", "modified"),
        (0, "PP4", 1, "PP4", "unchanged"),
        (0, "PP5", 1, "PP5", "modified"),  # the Vienna Declaration recital became the Bangkok Declaration one
        (0, "PP6", 1, "PP6", "modified"),  # the Convention and its Protocol
        (0, "PP7", 1, "PP9", "unchanged"),
        (0, "PP8", 1, "PP10", "modified"),
        (0, "PP9", 1, "PP11", "unchanged"),
        (0, "PP10", 1, "PP12", "unchanged"),
        (0, "PP11", 1, "PP13", "unchanged"),
        (0, "PP12", 1, "PP14", "modified"),
        (0, "PP13", 1, "PP15", "modified"),
        (0, "OP3", 1, "PP16", "moved-modified"),  # into the preamble
        (0, "PP14", 1, "PP17", "modified"),
        (0, "PP15", 1, "PP18", "modified"),
        (0, "PP16", 1, "PP20", "modified"),  # the thematic discussion, and now the panel too
        (0, "OP4", 1, "OP1", "split"),  # ratify the instruments …
        (0, "OP4", 1, "OP2", "split"),  # … and implement them: (a) to (d)
        (0, "OP5", 1, "OP3", "modified"),
        (0, "OP6", 1, "OP4", "merged"),  # OP7's guidelines became OP4 (e)
        (0, "OP7", 1, "OP4", "merged"),
        (0, "OP1", 1, "OP5", "moved-modified"),
        (0, "OP2", 1, "OP6", "moved-modified"),
        (0, "OP8", 1, "OP7", "modified"),
        (0, "OP9", 1, "OP8", "modified"),
        (0, "OP10", 1, "OP9", "unchanged"),
        (0, "OP11", 1, "OP10", "unchanged"),
        (0, "OP12", 1, "OP11", "modified"),
        (0, "OP13", 1, "OP12", "modified"),
        (0, "OP14", 1, "OP13", "modified"),
        (0, "OP15", 1, "OP14", "modified"),  # the Centre became UNODC
        (0, "OP16", 1, "OP17", "modified"),  # voluntary contributions
        (0, "OP17", 1, "OP18", "modified"),  # the report
    }


def test_the_links_from_2006_27_to_the_61_180_draft(graph: Lineage) -> None:
    """61/180 is a new resolution of the family: most of it is new text; these are what it carries over."""
    assert _links(graph, 1, 2) == {
        (1, "PP7", 2, "PP2", "moved-modified"),  # recalling the predecessor by its title: 58/137 then, 2006/27 now
        (1, "PP6", 2, "PP3", "modified"),  # the Convention and its Protocol
        (1, "PP19", 2, "PP4", "modified"),  # the Conference of the Parties under article 32
        (1, "PP16", 2, "OP1", "moved-modified"),  # back into the operative part
        (1, "OP1", 2, "OP3", "modified"),  # ratification
        (1, "OP17", 2, "OP16", "modified"),  # voluntary contributions to UNODC
        (1, "OP18", 2, "OP19", "modified"),  # the report, now to the Conference of the Parties and the Assembly
    }


def test_the_ratification_paragraph_runs_through_all_four_versions(graph: Lineage) -> None:
    assert (2, "OP3", 3, "OP1", "modified") in _links(graph)
    assert _steps(graph, "OP1") == [
        (2, ("OP3",), "modified"),
        (1, ("OP1",), "modified"),
        (0, ("OP4",), "split"),
    ]


def test_the_report_request_runs_from_58_137_to_61_180(graph: Lineage) -> None:
    assert _steps(graph, "OP19", document=2) == [(1, ("OP18",), "modified"), (0, ("OP17",), "modified")]


@pytest.mark.parametrize(
    "pair",
    [
        (0, "OP11", 1, "OP13"),  # "Encourages Member States to examine …" / "… to target the link …" (0.40)
        (0, "OP14", 1, "OP10"),  # "Encourages Member States to target the link …" / "… to examine the role …"
        (0, "OP1", 1, "OP7"),  # "Urges Member States to employ …" / "… to take measures …"
        (1, "OP10", 2, "OP10"),  # "Encourages Member States to examine …" / "… to initiate and develop …"
        (1, "OP3", 2, "OP7"),  # "Invites Member States to adopt measures …" / "… to give necessary guidelines …"
        (1, "OP8", 2, "OP18"),  # "Invites Member States to set up mechanisms …" / "… to consider the advisability …"
        (1, "OP9", 2, "OP8"),  # "Also invites Member States to allocate …" / "… to improve and promote …"
        (1, "OP18", 2, "OP12"),  # "Requests the Secretary-General to report …" / "… to improve upon …"
        (2, "OP16", 3, "OP18"),  # "Invites Member States to provide voluntary …" / "… and other donors to provide …"
    ],
)
def test_paragraphs_that_only_share_a_boilerplate_opening_are_not_linked(
    graph: Lineage, pair: tuple[int, str, int, str]
) -> None:
    assert not {link for link in _links(graph) if link[:4] == pair}


@pytest.mark.xfail(strict=True, reason="align: containment of 61/180 OP4 in 2006/27 OP1 is 0.48, below 0.5")
def test_2006_27_ratification_paragraph_splits_into_two_in_61_180(graph: Lineage) -> None:
    """A drafter sees 2006/27 OP1 (ratify the Convention, the Protocol and the Optional Protocol to the CRC) split
    into 61/180 OP3 (the Convention and the Protocol) and OP4 (the Optional Protocol, CEDAW and the Supplementary
    Slavery Convention). align links OP1 to OP3 (0.72) and calls OP4 added: OP4 scores 0.52 against OP1, but OP1 is
    taken, and only 48% of OP4's words stand in OP1 (a split part needs 50% and a gain of 0.08)."""
    assert (1, "OP1", 2, "OP4", "split") in _links(graph)


@pytest.mark.xfail(strict=True, reason="align: similarity 0.38 and 42% of the shorter in order, below 0.5")
def test_2006_27_demand_paragraph_feeds_61_180_op5(graph: Lineage) -> None:
    """61/180 OP5 "… to consider adopting legislative or other measures … to discourage and reduce the demand that
    fosters all forms of exploitation …" builds on 2006/27 OP11 ("… adopt legislative or other measures to reduce
    the demand that fosters all forms of trafficking …") and OP12 ("… to discourage and reduce … the demand …").
    Similarity 0.38 (OP11) and 0.31 (OP12): under the 0.5 threshold, and the left-over pairing needs half of the
    shorter one's words in order (0.42)."""
    assert any(link[:4] == (1, "OP11", 2, "OP5") for link in _links(graph))


# --- views --------------------------------------------------------------------------------------------------------


def test_the_table_has_a_row_for_each_newest_paragraph_and_a_cell_for_each_appearance(graph: Lineage) -> None:
    rows = [row for row in table(graph) if row[-1]]
    assert [row[-1].id for row in rows if row[-1]] == graph.documents[-1].paragraphs
    ratification = rows[graph.documents[-1].paragraphs.index("OP1")]
    assert [(cell.id, cell.kind) if cell else None for cell in ratification] == [
        ("OP4", "split"),
        ("OP1", "modified"),
        ("OP3", "modified"),
        ("OP1", "unchanged"),
    ]


def test_history_of_one_paragraph_has_a_redline_at_each_step(documents: list[Document]) -> None:
    three = documents[:3]
    steps = appearances(lineage(three), three, "OP1")
    assert [(step.document, step.ids, step.change.kind) for step in steps] == [
        (1, ["PP16"], "moved-modified"),
        (0, ["OP3"], "moved-modified"),
    ]
    first = steps[0].change.edits
    assert {"delete", "insert", "equal"} <= {edit.op for edit in first}
    assert "".join(e.text for e in first if e.op != "insert").startswith("Recognizing that broad")
    assert "".join(e.text for e in first if e.op != "delete").startswith("Recognizes that broad")


def test_blame_of_2006_27_says_which_wording_is_from_2003(documents: list[Document]) -> None:
    two = documents[:2]
    graph = lineage(two)
    since = {entry.paragraph: entry.since for entry in blame(graph, two)}
    assert set(since) == set(graph.documents[1].paragraphs)
    # unchanged, or only the closing mark changed (PP1: a full stop for the comma)
    assert {pid for pid, origin in since.items() if origin == 0} == {
        "PP1", "PP2", "PP4", "PP9", "PP11", "PP12", "PP13", "OP9", "OP10",
    }  # fmt: skip
    assert since["OP1"] == since["PP16"] == 1


def test_blame_by_sentence_finds_sub_paragraphs_kept_from_2003(documents: list[Document]) -> None:
    """2006/27 OP4 merged 58/137 OP6 and OP7: (a) and (d) read as in 2003, (b) and (c) were reworded, (e) is OP7
    redrafted as a sub-paragraph."""
    two = documents[:2]
    entries = [entry for entry in blame(lineage(two), two, "sentence") if entry.paragraph == "OP4"]
    assert [(entry.text[:3], entry.since) for entry in entries] == [
        ("Als", 1),
        ("(a)", 0),
        ("(b)", 1),
        ("(c)", 1),
        ("(d)", 0),
        ("(e)", 1),
    ]


def test_versions_sort_by_their_own_dates(documents: list[Document]) -> None:
    shuffled = [documents[2], documents[0], documents[3], documents[1]]
    # COP 5/2's rendering carries no date: it stays after the dated ones.
    assert [d.source for d in sort_by_date(shuffled)] == [d.source for d in documents]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("22 December 2003", date(2003, 12, 22)),
        ("Adopted on 27 july 2006 at the 41st meeting", date(2006, 7, 27)),
        ("December 22, 2003", date(2003, 12, 22)),
        ("2010-10-18", date(2010, 10, 18)),
        ("31 February 2003", None),
        ("Fifty-eighth session", None),
        (None, None),
    ],
)
def test_dates_are_read_as_printed(text: str | None, expected: date | None) -> None:
    assert parse_date(text) == expected


# --- the command ----------------------------------------------------------------------------------------------------


def _files(count: int = 3) -> list[str]:
    return [str(SEEDS[name]) for name in CHAIN[:count]]


@pytest.mark.parametrize("output_format", ["text", "json", "html", "dot", "mermaid"])
def test_every_format(output_format: str) -> None:
    result = runner.invoke(app, ["lineage", *_files(4), "--format", output_format])
    assert result.exit_code == 0, result.output
    if output_format == "json":
        data = json.loads(result.stdout)
        assert data["documents"][0]["symbol"] == "A/RES/58/137"
        assert {"index", "source", "symbol", "title", "date", "paragraphs"} == set(data["documents"][0])
        assert {"from": {"document": 0, "id": "OP3"}, "to": {"document": 1, "id": "PP16"}}.items() <= next(
            link for link in data["links"] if link["to"] == {"document": 1, "id": "PP16"}
        ).items()
        assert all({"from", "to", "kind", "similarity"} == set(link) for link in data["links"])
    elif output_format == "dot":
        assert result.stdout.startswith("digraph lineage {")
    elif output_format == "mermaid":
        assert result.stdout.startswith("flowchart LR")
    elif output_format == "html":
        assert result.stdout.startswith("<!DOCTYPE html>") and "<script" not in result.stdout
    else:
        assert re.search(r"OP4< +│ OP1~ +│ OP3~ +│ OP1 ", result.stdout)
        assert re.search(r"OP4< +│ OP2- +│ +│ +│ left after 2: Urges all Member States:", result.stdout)


def test_paragraph_and_blame_views() -> None:
    history_view = runner.invoke(app, ["lineage", *_files(), "--paragraph", "OP1", "--width", "100"])
    assert history_view.exit_code == 0
    assert "PP16 in 2." in history_view.stdout and "OP3 in 1. A/RES/58/137" in history_view.stdout
    assert "[-Recognizing-]{+Recognizes+}" in history_view.stdout
    blame_view = runner.invoke(app, ["lineage", *_files(2), "--blame", "--width", "120"])
    assert blame_view.exit_code == 0 and "1. A/RES/58/137" in blame_view.stdout
    by_sentence = runner.invoke(app, ["lineage", *_files(2), "--blame", "--by", "sentence", "--width", "120"])
    assert by_sentence.exit_code == 0 and "(d) To assist in the reintegration" in by_sentence.stdout


@pytest.mark.parametrize(
    ("arguments", "message"),
    [
        (["--paragraph", "OP99"], "OP99"),
        (["--paragraph", "OP1", "--format", "json"], "--paragraph and --blame"),
        (["--sort", "size"], "size"),
    ],
)
def test_trouble_exits_2_with_one_line(arguments: list[str], message: str) -> None:
    result = runner.invoke(app, ["lineage", *_files(), *arguments])
    assert result.exit_code == 2 and message in result.stderr


def test_one_version_is_not_a_lineage() -> None:
    result = runner.invoke(app, ["lineage", _files(1)[0]])
    assert result.exit_code == 2 and "at least two" in result.stderr


def test_sort_by_date_gives_the_graph_of_the_versions_in_date_order() -> None:
    given = runner.invoke(app, ["lineage", *_files(), "--format", "json"])
    shuffled = runner.invoke(app, ["lineage", *reversed(_files()), "--sort", "date", "--format", "json"])
    assert shuffled.exit_code == 0 and shuffled.stdout == given.stdout


def test_json_is_the_same_under_any_hash_seed() -> None:
    outputs = set()
    for seed in ("0", "1", "12345"):
        result = subprocess.run(
            [sys.executable, "-c", "from unres.cli import main; main()", "lineage", *_files(4), "-f", "json"],
            capture_output=True,
            text=True,
            cwd=ROOT,
            env={**os.environ, "PYTHONHASHSEED": seed},
            check=True,
        )
        outputs.add(result.stdout)
    assert len(outputs) == 1


# --- graph text and page, with hostile names --------------------------------------------------------------------------

HOSTILE = 'a "quoted" \\N\\l name\n]; x -> y; <i>&amp;</i> `%%` #quot; |x|'


def _hostile_chain(documents: list[Document]) -> Lineage:
    renamed = [
        doc.model_copy(update={"source": f"{HOSTILE} {i}", "symbol": HOSTILE.replace("/", "") + f" {i}"})
        for i, doc in enumerate(documents)
    ]
    return lineage(renamed[:2])


def test_dot_escapes_every_label(documents: list[Document]) -> None:
    from unres.render.graph import dot_string, lineage_dot

    assert dot_string('say "hi" \\N') == '"say \\"hi\\" \\\\N"'
    text = lineage_dot(_hostile_chain(documents))
    for line in text.splitlines():
        if "label=" in line:
            label = line.split("label=", 1)[1]
            assert label.startswith('"')
            body = label[1 : label.index('"', 1 + _first_unescaped_quote(label[1:]))]
            assert "\n" not in body
    assert text.count("{") == text.count("}")


def _first_unescaped_quote(text: str) -> int:
    escaped = False
    for position, ch in enumerate(text):
        if ch == '"' and not escaped:
            return position
        escaped = ch == "\\" and not escaped
    raise AssertionError("unterminated string")


def test_dot_is_read_by_graphviz_when_installed(documents: list[Document]) -> None:
    from shutil import which

    from unres.render.graph import lineage_dot

    if which("dot") is None:
        pytest.skip("Graphviz is not installed")
    text = lineage_dot(_hostile_chain(documents))
    result = subprocess.run(["dot", "-Tsvg"], input=text, capture_output=True, text=True, check=False)
    assert result.returncode == 0, result.stderr
    assert "a &quot;quoted&quot; \\N\\l name ]; x &#45;&gt; y; &lt;i&gt;&amp;amp;&lt;i&gt; `%%` #quot; |x| 0" in result.stdout


def test_mermaid_labels_carry_no_raw_breaking_characters(documents: list[Document]) -> None:
    from unres.render.graph import lineage_mermaid

    text = lineage_mermaid(_hostile_chain(documents))
    for line in text.splitlines()[1:]:
        for label in line.split('"')[1::2]:
            assert not set(label) & set('"<>&`|%'), label
    assert "a #34;quoted#34; \\N\\l name ]; x -#62; y; #60;i#62;#38;amp;#60;i#62; #96;#37;#37;#96; #35;quot;" in text


def test_every_paragraph_of_every_version_is_a_node_of_the_graph_texts(graph: Lineage) -> None:
    from unres.render.graph import lineage_dot, lineage_mermaid

    count = sum(len(document.paragraphs) for document in graph.documents)
    assert lineage_dot(graph).count("[label=") == count + len(graph.links)
    assert sum(1 for line in lineage_mermaid(graph).splitlines() if line.startswith("    v")) == count


class _Page(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.ids: list[str] = []
        self.links: list[str] = []
        self.tags: list[str] = []
        self.text: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append(tag)
        found = dict(attrs)
        if found.get("id"):
            self.ids.append(str(found["id"]))
        if tag == "a" and str(found.get("href", "")).startswith("#"):
            self.links.append(str(found["href"])[1:])

    def handle_data(self, data: str) -> None:
        self.text.append(data)


def test_the_html_page_links_every_cell_to_a_history_and_escapes_everything(documents: list[Document]) -> None:
    from unres.lineage import appearances as steps_of
    from unres.render.lineage_html import lineage_html

    renamed = [doc.model_copy(update={"source": f"{HOSTILE} {i}"}) for i, doc in enumerate(documents[:3])]
    graph = lineage(renamed)
    histories = {p.id: steps_of(graph, renamed, p.id) for p in renamed[-1].all_paragraphs()}
    text = lineage_html(graph, renamed, table(graph), blame(graph, renamed), histories)
    page = _Page()
    page.feed(text)
    assert "script" not in page.tags and "i" not in page.tags
    assert len(page.ids) == len(set(page.ids))
    assert set(page.links) <= set(page.ids)
    assert {f"h-{pid}" for pid in graph.documents[-1].paragraphs} <= set(page.ids)
    assert HOSTILE.replace("\n", " ").split()[0] in " ".join(page.text)
    assert "Left along the way" in text  # 58/137 and 2006/27 paragraphs that 61/180 does not carry
