"""The lineage graph as text for graph tools: Graphviz DOT and Mermaid."""

from __future__ import annotations

import json

from unres.models import Lineage, ParagraphRef
from unres.render import version_name


def _node(ref: ParagraphRef) -> str:
    return f"v{ref.document}_{''.join(ch if ch.isalnum() else '_' for ch in ref.id)}"


def _version(graph: Lineage, index: int) -> str:
    date = graph.documents[index].date
    return f"{index + 1}. {version_name(graph, index)}" + (f" ({date})" if date else "")


def _nodes(graph: Lineage) -> dict[int, list[str]]:
    by_version: dict[int, list[str]] = {index: [] for index in range(len(graph.documents))}
    for link in graph.links:
        for ref in (link.from_, link.to):
            if ref.id not in by_version[ref.document]:
                by_version[ref.document].append(ref.id)
    return by_version


def lineage_dot(graph: Lineage) -> str:
    """Graphviz: one cluster per version, one edge per link labelled with its kind. Labels are JSON-quoted."""
    lines = ["digraph lineage {", "  rankdir=LR;", '  node [shape=box, fontname="Helvetica"];']
    for index, ids in _nodes(graph).items():
        lines.append(f"  subgraph cluster_{index} {{")
        lines.append(f"    label={json.dumps(_version(graph, index))};")
        for paragraph_id in ids:
            lines.append(
                f"    {_node(ParagraphRef(document=index, id=paragraph_id))} [label={json.dumps(paragraph_id)}];"
            )
        lines.append("  }")
    for link in graph.links:
        style = ' style="dashed"' if link.kind != "unchanged" else ""
        label = json.dumps(f"{link.kind} {link.similarity:.0%}")
        lines.append(f"  {_node(link.from_)} -> {_node(link.to)} [label={label}{style}];")
    lines.append("}")
    return "\n".join(lines) + "\n"


def lineage_mermaid(graph: Lineage) -> str:
    """Mermaid flowchart: a subgraph per version, an edge per link."""
    lines = ["flowchart LR"]
    for index, ids in _nodes(graph).items():
        lines.append(f'  subgraph v{index}["{_mermaid_text(_version(graph, index))}"]')
        for paragraph_id in ids:
            lines.append(f'    {_node(ParagraphRef(document=index, id=paragraph_id))}["{_mermaid_text(paragraph_id)}"]')
        lines.append("  end")
    for link in graph.links:
        arrow = "-->" if link.kind == "unchanged" else "-.->"
        lines.append(f"  {_node(link.from_)} {arrow}|{link.kind}| {_node(link.to)}")
    return "\n".join(lines) + "\n"


def _mermaid_text(text: str) -> str:
    """Mermaid labels take HTML entities for quotes and brackets."""
    return text.replace("&", "&amp;").replace('"', "&quot;").replace("<", "&lt;").replace(">", "&gt;")
