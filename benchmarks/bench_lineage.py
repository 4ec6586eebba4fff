"""Speed of `unres lineage` on long synthetic chains: 30 versions of 200 paragraphs each, and smaller ones.

Run: python benchmarks/bench_lineage.py [--versions 30] [--paragraphs 200]

The first version is made of real paragraphs (benchmarks/synthetic.py); each next version applies drafting edits
(reword, move, split, merge, add, drop) to the one before. Prints the time to build the graph and its size.
"""

from __future__ import annotations

import random
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from benchmarks.synthetic import edit_document, scaled_document  # noqa: E402
from unres import lineage, parse_file  # noqa: E402


def main() -> None:
    versions = int(sys.argv[sys.argv.index("--versions") + 1]) if "--versions" in sys.argv else 30
    size = int(sys.argv[sys.argv.index("--paragraphs") + 1]) if "--paragraphs" in sys.argv else 200
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
    print(f"{'versions':>8}  {'paragraphs':>10}  {'seconds':>8}  {'links':>6}")
    for count in sorted({2, 10, versions}):
        start = time.perf_counter()
        graph = lineage(documents[:count], lookback=2)
        elapsed = time.perf_counter() - start
        print(f"{count:>8}  {size:>10}  {elapsed:>8.2f}  {len(graph.links):>6}")


if __name__ == "__main__":
    main()
