"""How long `unres parse` takes: wall time of the command (interpreter start included) on each example, and the
time of `parse_text` alone on the examples and the corpus.

Run: python benchmarks/bench_parse.py [--runs 5]
"""

from __future__ import annotations

import shutil
import statistics
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "src"))

from unres import parse_text  # noqa: E402
from unres.read import read_source  # noqa: E402


def main() -> None:
    runs = int(sys.argv[sys.argv.index("--runs") + 1]) if "--runs" in sys.argv else 5
    command = shutil.which("unres") or str(Path(sys.executable).parent / "unres")
    examples = sorted(path for path in (ROOT / "examples").glob("*") if not path.name.startswith("README"))
    print(f"unres parse, wall time including interpreter start (median of {runs}):")
    for path in examples:
        times = []
        for _ in range(runs):
            start = time.perf_counter()
            subprocess.run([command, "parse", str(path), "--format", "json"], capture_output=True, check=True)
            times.append(time.perf_counter() - start)
        print(f"  {statistics.median(times):6.3f} s  {path.name}")
    corpus = ROOT.parent / "shared" / "corpus"
    files = examples + (sorted(corpus.rglob("*.txt")) + sorted(corpus.rglob("*.md")) if corpus.is_dir() else [])
    files = [path for path in files if path.name != "README.md"]
    texts = [read_source(path).text for path in files]
    start = time.perf_counter()
    for text in texts:
        parse_text(text)
    elapsed = time.perf_counter() - start
    total = sum(len(text) for text in texts)
    print(f"parse_text in process: {len(texts)} files, {total / 1e6:.2f} MB in {elapsed:.2f} s "
          f"({elapsed / len(texts) * 1000:.1f} ms a file)")


if __name__ == "__main__":
    main()
