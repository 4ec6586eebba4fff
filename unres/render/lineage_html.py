"""The lineage as one self-contained HTML page, in the redline's style (the shell from `unres.render.html.page`).

A card for each version; a timeline: one row per paragraph of the newest version, one column per version, each cell
its id there and how it changed on the way to the next, linked to the paragraph's history; the version where its
wording first appeared. Then each paragraph's history with the redline at every step, and the paragraphs that left
along the way and never came back. Everything shown is escaped; no script, no network request; deterministic.
"""

from __future__ import annotations

from unres.models import BlameEntry, Document, Edit, Lineage, LineageCell, LineageStep
from unres.render import version_name
from unres.render.html import page
from unres.render.safe import html_text

_MARK = {"modified": "~", "moved": "↕", "moved-modified": "↕~", "split": "<", "merged": ">"}
_STYLE = """
.lineage { font-size: 0.85rem; }
.lineage td { white-space: nowrap; }
.lineage td.opening { white-space: normal; min-width: 16rem; }
.lineage td a { text-decoration: none; }
.timeline-wrap { overflow-x: auto; }
.history { margin: 1.5rem 0; }
.history h3 { font: 600 1rem/1.4 var(--sans); margin: 0 0 0.4rem; }
.history ol { list-style: none; margin: 0; padding: 0; }
.history li { border-left: 3px solid var(--rule); padding: 0.2rem 0 0.4rem 0.8rem; margin: 0 0 0.6rem; }
.history li.modified { border-left-color: var(--modified); }
.history li.moved, .history li.split, .history li.merged { border-left-color: var(--moved); }
.history .where { font: 0.85rem/1.4 var(--sans); color: var(--muted); }
.left-behind li { margin: 0 0 0.4rem; }
"""


def _e(text: str | None) -> str:
    return html_text(text)


def _anchor(paragraph_id: str) -> str:
    return "h-" + "".join(ch if ch.isalnum() else "-" for ch in paragraph_id)


def _name(graph: Lineage, index: int) -> str:
    return f"{index + 1}. {version_name(graph, index)}"


def lineage_html(
    graph: Lineage,
    documents: list[Document],
    rows: list[list[LineageCell | None]],
    blame: list[BlameEntry],
    histories: dict[str, list[LineageStep]],
) -> str:
    """The whole page. `rows` is `unres.lineage.table`, `blame` the paragraph-level blame, `histories` each newest
    paragraph's `appearances`."""
    names = [_name(graph, index) for index in range(len(graph.documents))]
    title = "Lineage: " + " → ".join(version_name(graph, index) for index in range(len(graph.documents)))
    body = "\n".join(
        [
            '<a class="skip" href="#timeline">Skip to the timeline</a>',
            '<header role="banner">',
            f'<p class="kicker">{len(graph.documents)} versions, oldest first</p>',
            f"<h1>{_e(title)}</h1>",
            _cards(graph),
            "</header>",
            '<main id="timeline" tabindex="-1">',
            _timeline(graph, documents, names, rows, blame),
            _histories(graph, documents, names, histories),
            _left_behind(graph, documents, names),
            "</main>",
        ]
    )
    return page(title, body, body_class="lineage-page", style=_STYLE)


def _cards(graph: Lineage) -> str:
    cards = []
    for document in graph.documents:
        facts = [("symbol", document.symbol), ("date", document.date), ("file", document.source)]
        rows = "".join(f"<dt>{label}</dt><dd>{_e(value)}</dd>" for label, value in facts if value)
        rows += f"<dt>paragraphs</dt><dd>{len(document.paragraphs)}</dd>"
        cards.append(
            f'<section class="version"><p class="version-label">version {document.index + 1}</p>'
            f'<p class="name">{_e(version_name(graph, document.index))}</p><dl>{rows}</dl></section>'
        )
    return f'<div class="versions">{"".join(cards)}</div>'


def _timeline(
    graph: Lineage,
    documents: list[Document],
    names: list[str],
    rows: list[list[LineageCell | None]],
    blame: list[BlameEntry],
) -> str:
    since = {entry.paragraph: entry.since for entry in blame}
    newest = documents[-1]
    head = "".join(f'<th scope="col">{_e(name)}</th>' for name in names)
    body = []
    for row in rows:
        last = row[-1]
        if last is None:
            continue
        cells = "".join(_cell(cell, last.id, is_newest=index == len(row) - 1) for index, cell in enumerate(row))
        paragraph = newest.find(last.id)
        opening = " ".join((paragraph.text if paragraph else "").split()[:16])
        origin = names[since[last.id]] if last.id in since else ""
        body.append(f'<tr>{cells}<td>{_e(origin)}</td><td class="opening">{_e(opening)} …</td></tr>')
    return "\n".join(
        [
            "<h2>Timeline</h2>",
            '<p class="keys">One row per paragraph of the newest version. Each column gives its id in that version '
            "and how it changed on the way to the next: ~ modified, ↕ moved, &lt; split, &gt; merged; blank where it "
            "had no ancestor. “Wording since”: the version where its current wording first appeared.</p>",
            '<div class="timeline-wrap"><table class="summary lineage">',
            f'<thead><tr>{head}<th scope="col">wording since</th><th scope="col">text (newest version)</th></tr>'
            "</thead>",
            f"<tbody>{''.join(body)}</tbody></table></div>",
        ]
    )


def _cell(cell: LineageCell | None, newest_id: str, *, is_newest: bool) -> str:
    if cell is None:
        return "<td></td>"
    mark = "" if is_newest else _MARK.get(cell.kind, "")
    kind = f'<span class="kind" title="{cell.kind} on the way to the next version">{mark}</span>' if mark else ""
    return f'<td class="{cell.kind}"><a href="#{_anchor(newest_id)}">{_e(cell.id)}</a>{kind}</td>'


def _histories(
    graph: Lineage, documents: list[Document], names: list[str], histories: dict[str, list[LineageStep]]
) -> str:
    newest = len(documents) - 1
    parts = ["<h2>Histories</h2>"]
    for paragraph in documents[newest].all_paragraphs():
        steps = histories.get(paragraph.id, [])
        items = [
            f'<li><p class="where">now, in {_e(names[newest])}</p><p class="text">{_e(paragraph.full_text())}</p></li>'
        ]
        for step in steps:
            where = f"{'+'.join(step.ids)} in {names[step.document]}, then {step.change.kind}"
            if step.change.kind != "unchanged":
                where += f" ({step.change.similarity:.0%} similar)"
            items.append(
                f'<li class="{step.change.kind}"><p class="where">{_e(where)}</p>'
                f'<p class="text">{_redline(step.change.edits)}</p></li>'
            )
        if not steps:
            items.append('<li><p class="where">first appears in this version</p></li>')
        parts.append(
            f'<section class="history" id="{_anchor(paragraph.id)}"><h3>{_e(paragraph.id)}</h3>'
            f"<ol>{''.join(items)}</ol></section>"
        )
    return "\n".join(parts)


def _redline(edits: list[Edit]) -> str:
    """The step's redline: from that appearance (deleted) to the next (inserted)."""
    out = []
    for edit in edits:
        if edit.op == "delete":
            out.append(f"<del>{_e(edit.text)}</del>")
        elif edit.op == "insert":
            out.append(f"<ins>{_e(edit.text)}</ins>")
        else:
            out.append(_e(edit.new_text if edit.new_text is not None else edit.text))
    return "".join(out)


def _left_behind(graph: Lineage, documents: list[Document], names: list[str]) -> str:
    """Paragraphs of earlier versions with no link onward: they left and did not come back within the lookback."""
    linked = {(link.from_.document, link.from_.id) for link in graph.links}
    sections = []
    for index, document in enumerate(documents[:-1]):
        gone = [p for p in document.all_paragraphs() if (index, p.id) not in linked]
        if gone:
            items = "".join(f"<li><b>{_e(p.id)}</b> {_e(p.full_text())}</li>" for p in gone)
            sections.append(f"<h3>{_e(names[index])}</h3><ul>{items}</ul>")
    if not sections:
        return ""
    return '<section class="left-behind"><h2>Left along the way</h2>' + "".join(sections) + "</section>"
