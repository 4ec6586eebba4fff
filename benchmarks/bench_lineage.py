"""Speed of `unres lineage` on long synthetic chains: 30 versions of 200 paragraphs each, and smaller ones.

Run: python benchmarks/bench_lineage.py [--versions 30] [--paragraphs 200] [--repeat 3]

The first version is made of real paragraphs (benchmarks/synthetic.py: `scaled_document` over the paragraphs of the
examples); each next version applies drafting edits (reword, move, cross between preamble and operative part,
split, merge, add, drop: 10 a version at 200 paragraphs) to the one before. Prints, for chains of growing length and
for lookbacks 1, 2 and 5, the best of `--repeat` runs of building the graph (`unres.lineage`), then the time of the
views on the longest chain (table, blame by paragraph and by sentence, JSON, the HTML page). Parsing is not counted.
"""

from __future__ import annotations

import random
import sys
import time
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from benchmarks.synthetic import edit_document, scaled_document  # noqa: E402
from unres import lineage, parse_file  # noqa: E402
from unres.lineage import appearances, blame, incoming_links, table  # noqa: E402
from unres.models import Document, Lineage  # noqa: E402
from unres.render.json import to_json  # noqa: E402
from unres.render.lineage_html import lineage_html  # noqa: E402


def _argument(name: str, default: int) -> int:
    return int(sys.argv[sys.argv.index(name) + 1]) if name in sys.argv else default


def _best(repeat: int, run: Callable[[], object]) -> tuple[float, object]:
    best, result = float("inf"), None
    for _ in range(repeat):
        start = time.perf_counter()
        result = run()
        best = min(best, time.perf_counter() - start)
    return best, result


def _page(graph: Lineage, documents: list[Document]) -> str:
    """The HTML page as the command builds it: every newest paragraph's history, with a redline at each step."""
    incoming = incoming_links(graph)
    histories = {p.id: appearances(graph, documents, p.id, incoming) for p in documents[-1].all_paragraphs()}
    return lineage_html(graph, documents, table(graph), blame(graph, documents), histories)


def main() -> None:
    versions = _argument("--versions", 30)
    size = _argument("--paragraphs", 200)
    repeat = _argument("--repeat", 3)
    pool = [
        p
        for path in sorted((ROOT / "examples").glob("*.*"))
        if not path.name.startswith("README")
        for p in parse_file(path).paragraphs
    ]
    rng = random.Random(versions * 1000 + size)
    documents = [scaled_document(size, rng, pool)]
    for _ in range(versions - 1):
        documents.append(edit_document(documents[-1], rng, pool, edits=max(6, size // 20))[0])
    print(f"{'versions':>8}  {'paragraphs':>10}  {'lookback':>8}  {'seconds':>8}  {'links':>6}  {'across gaps':>11}")
    for count in sorted({2, 10, versions}):
        for lookback in (1, 2, 5):
            if lookback >= count and lookback > 1:
                continue
            elapsed, graph = _best(repeat, lambda c=count, k=lookback: lineage(documents[:c], lookback=k))
            assert graph is not None
            links = graph.links  # type: ignore[attr-defined]
            gaps = sum(1 for link in links if link.to.document - link.from_.document > 1)
            print(f"{count:>8}  {size:>10}  {lookback:>8}  {elapsed:>8.2f}  {len(links):>6}  {gaps:>11}")
    graph = lineage(documents)
    print(f"\nviews of the {versions}-version graph (lookback 2):")
    for name, view in (
        ("table", lambda: table(graph)),
        ("blame by paragraph", lambda: blame(graph, documents)),
        ("blame by sentence", lambda: blame(graph, documents, "sentence")),
        ("json", lambda: to_json(graph)),
        ("html page", lambda: _page(graph, documents)),
    ):
        elapsed, _ = _best(repeat, view)
        print(f"  {name:<20} {elapsed:>6.2f} s")


if __name__ == "__main__":
    main()
