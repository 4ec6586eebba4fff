"""The lineage graph as text for graph tools: Graphviz DOT and Mermaid.

Every paragraph of every version is a node (a paragraph that came from nothing or led nowhere is drawn too, dotted),
one cluster or subgraph per version, one edge per link labelled with its kind. Node names are made from positions
(`v0_p3`), never from text; every label is escaped for its language, so no file name or id can break the graph.
"""

from __future__ import annotations

from unres.models import Lineage, LineageLink
from unres.render import version_name
from unres.render.safe import visible


def _version(graph: Lineage, index: int) -> str:
    date = graph.documents[index].date
    return f"{index + 1}. {version_name(graph, index)}" + (f" ({date})" if date else "")


def _names(graph: Lineage) -> dict[tuple[int, str], str]:
    return {
        (document.index, paragraph_id): f"v{document.index}_p{position}"
        for document in graph.documents
        for position, paragraph_id in enumerate(document.paragraphs)
    }


def _alone(graph: Lineage) -> set[tuple[int, str]]:
    """Paragraphs with no link at all: added after the first version and dropped before the last."""
    linked = {(ref.document, ref.id) for link in graph.links for ref in (link.from_, link.to)}
    return {
        (document.index, paragraph_id)
        for document in graph.documents
        for paragraph_id in document.paragraphs
        if (document.index, paragraph_id) not in linked
    }


def _label(link: LineageLink) -> str:
    return link.kind if link.kind == "unchanged" else f"{link.kind} {link.similarity:.0%}"


# --- Graphviz ----------------------------------------------------------------------------------------------------


def dot_string(text: str) -> str:
    """A DOT double-quoted string: backslashes and quotes escaped, line breaks as spaces (a backslash sequence in a
    file name must not become a Graphviz escape such as \\N or \\l), '&' as '&amp;' (Graphviz reads entities)."""
    text = visible(" ".join(text.splitlines())).replace("&", "&amp;")
    return '"' + text.replace("\\", "\\\\").replace('"', '\\"') + '"'


def lineage_dot(graph: Lineage) -> str:
    """Graphviz: one cluster per version, paragraphs in reading order, one edge per link labelled with its kind and
    similarity (solid when unchanged, dashed otherwise); a paragraph that came back after a gap has a bold edge."""
    names = _names(graph)
    alone = _alone(graph)
    lines = [
        "digraph lineage {",
        "  rankdir=LR;",
        "  newrank=true;",
        '  node [shape=box, fontname="Helvetica", fontsize=10];',
        '  edge [fontname="Helvetica", fontsize=8];',
    ]
    for document in graph.documents:
        lines.append(f"  subgraph cluster_{document.index} {{")
        lines.append(f"    label={dot_string(_version(graph, document.index))};")
        for paragraph_id in document.paragraphs:
            style = ", style=dotted" if (document.index, paragraph_id) in alone else ""
            lines.append(f"    {names[(document.index, paragraph_id)]} [label={dot_string(paragraph_id)}{style}];")
        lines.append("  }")
    for link in graph.links:
        style = "solid" if link.kind == "unchanged" else "dashed"
        if link.to.document - link.from_.document > 1:
            style = "bold"
        lines.append(
            f"  {names[(link.from_.document, link.from_.id)]} -> {names[(link.to.document, link.to.id)]} "
            f"[label={dot_string(_label(link))}, style={style}];"
        )
    lines.append("}")
    return "\n".join(lines) + "\n"


# --- Mermaid -----------------------------------------------------------------------------------------------------

# Mermaid reads '#name;' and '#123;' as characters; these are the ones that could end or alter a quoted label.
_MERMAID_CODES = {
    '"': "#34;",
    "%": "#37;",
    "#": "#35;",
    "&": "#38;",
    "<": "#60;",
    ">": "#62;",
    "`": "#96;",
    "|": "#124;",
}


def mermaid_text(text: str) -> str:
    """Text safe inside a quoted Mermaid label: the characters that could break out as Mermaid codes, lines joined."""
    return "".join(_MERMAID_CODES.get(ch, ch) for ch in visible(" ".join(text.splitlines())))


def lineage_mermaid(graph: Lineage) -> str:
    """Mermaid flowchart: a subgraph per version, a node per paragraph, an edge per link (solid when unchanged,
    dotted otherwise, thick for a paragraph that came back after a gap)."""
    names = _names(graph)
    lines = ["flowchart LR"]
    for document in graph.documents:
        lines.append(f'  subgraph v{document.index}["{mermaid_text(_version(graph, document.index))}"]')
        for paragraph_id in document.paragraphs:
            lines.append(f'    {names[(document.index, paragraph_id)]}["{mermaid_text(paragraph_id)}"]')
        lines.append("  end")
    for link in graph.links:
        arrow = "-->" if link.kind == "unchanged" else "-.->"
        if link.to.document - link.from_.document > 1:
            arrow = "==>"
        source, target = names[(link.from_.document, link.from_.id)], names[(link.to.document, link.to.id)]
        lines.append(f'  {source} {arrow}|"{mermaid_text(_label(link))}"| {target}')
    return "\n".join(lines) + "\n"
