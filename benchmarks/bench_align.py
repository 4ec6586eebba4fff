"""Speed and memory of `unres diff` on long synthetic resolutions, and how time grows with size.

Run: python benchmarks/bench_align.py [--sizes 250,500,1000,2000,4000] [--redlines]

Each size builds a resolution of N real paragraphs (from examples/, each made distinct) and a new version with
N/20 drafting edits (benchmarks/synthetic.py), then times `unres.align` (candidates, assignment, word redlines of
every change) in a fresh subprocess that also reports its peak resident memory. With --redlines, the `redlines`
package (if installed) compares the same pair as two plain texts at sizes up to 1,000 paragraphs, for comparison.
"""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
DEFAULT_SIZES = (250, 500, 1000, 2000, 4000)

_CHILD = r"""
import json, random, resource, sys, time
sys.path.insert(0, {root!r})
from benchmarks.synthetic import edit_document, scaled_document
from unres import align, parse_file
from pathlib import Path
size, engine = int(sys.argv[1]), sys.argv[2]
paths = [path for path in sorted(Path({root!r}, "examples").glob("*")) if not path.name.startswith("README")]
pool = [p for path in paths for p in parse_file(path).paragraphs]
rng = random.Random(size)
old = scaled_document(size, rng, pool)
new, _ = edit_document(old, rng, pool, edits=max(8, size // 20))
start = time.perf_counter()
if engine == "unres":
    result = align(old, new)
    changes = len(result.changes)
else:
    from redlines import Redlines
    text = lambda doc: "\n\n".join(p.text for p in doc.paragraphs)
    changes = len(Redlines(text(old), text(new)).output_markdown)
elapsed = time.perf_counter() - start
peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
print(json.dumps({{"size": size, "seconds": elapsed, "peak_mb": peak, "changes": changes}}))
"""


def measure(size: int, engine: str = "unres") -> dict[str, float]:
    code = _CHILD.format(root=str(ROOT))
    completed = subprocess.run(
        [sys.executable, "-c", code, str(size), engine], capture_output=True, text=True, check=True
    )
    result: dict[str, float] = json.loads(completed.stdout.strip().splitlines()[-1])
    return result


def main() -> None:
    sizes = DEFAULT_SIZES
    if "--sizes" in sys.argv:
        sizes = tuple(int(part) for part in sys.argv[sys.argv.index("--sizes") + 1].split(","))
    print(f"{'paragraphs':>10}  {'seconds':>8}  {'peak MB':>8}  {'s per 1k':>8}  changes")
    previous = None
    for size in sizes:
        result = measure(size)
        per_thousand = result["seconds"] / size * 1000
        growth = f"  x{result['seconds'] / previous[1]:.2f} time for x{size / previous[0]:.0f} size" if previous else ""
        print(
            f"{size:>10}  {result['seconds']:>8.2f}  {result['peak_mb']:>8.0f}  {per_thousand:>8.3f}  "
            f"{int(result['changes'])}{growth}"
        )
        previous = (size, result["seconds"])
    if "--redlines" in sys.argv:
        try:
            import redlines  # noqa: F401
        except ImportError:
            print("redlines is not installed (pip install redlines) - comparison skipped")
            return
        print("\nredlines (houfu/redlines), same pairs as plain text:")
        for size in [s for s in sizes if s <= 1000]:
            result = measure(size, "redlines")
            print(f"{size:>10}  {result['seconds']:>8.2f}  {result['peak_mb']:>8.0f}")


if __name__ == "__main__":
    main()
