"""How long `unres parse` takes: wall time of the command (interpreter start included) on each seed, median of several
runs, and the time of `parse_text` alone on every seed and every text rendering of the corpus.

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
sys.path.insert(0, str(ROOT))

from unres import parse_text  # noqa: E402
from unres.read import read_source  # noqa: E402

CORPUS = ROOT.parent / "shared" / "corpus"
SEEDS = [
    "ga-58-137.word-export.txt",
    "ecosoc-2006-27.pdf-markdown.md",
    "ecosoc-2006-27.pdftotext.txt",
    "ga-61-180-draft-L7-Rev1.pdf-markdown.md",
    "cop-5-2.pdf-markdown.md",
]


def _corpus_files() -> list[Path]:
    if not CORPUS.is_dir():
        return []
    files = sorted(CORPUS.glob("*.txt")) + sorted((CORPUS / "variants").glob("*.md"))
    files += sorted((CORPUS / "variants").glob("*.txt")) + sorted((CORPUS / "ga80").glob("*.txt"))
    return files + sorted((CORPUS / "ga80" / "md").glob("*.md"))


def _median_time(action: object, runs: int) -> float:
    assert callable(action)
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        action()
        times.append(time.perf_counter() - start)
    return statistics.median(times)


def main() -> None:
    runs = int(sys.argv[sys.argv.index("--runs") + 1]) if "--runs" in sys.argv else 5
    command = shutil.which("unres") or str(Path(sys.executable).parent / "unres")
    seeds = [ROOT / "examples" / name for name in SEEDS]
    print(f"unres parse FILE, wall time including interpreter start (median of {runs} runs):")
    for path in seeds:
        wall = _median_time(
            lambda path=path: subprocess.run([command, "parse", str(path)], capture_output=True, check=True), runs
        )
        print(f"  {wall:6.3f} s  {path.name}")
    print(f"\nparse_text in process (median of {runs} runs):")
    total = 0.0
    files = seeds + _corpus_files()
    for path in files:
        text = read_source(path).text
        elapsed = _median_time(lambda text=text: parse_text(text), runs)
        total += elapsed
        name = str(path.relative_to(CORPUS)) if path.is_relative_to(CORPUS) else path.name
        print(f"  {elapsed * 1000:7.1f} ms  {len(text) / 1000:6.1f} kB  {name}")
    print(f"\n{len(files)} files, {total:.2f} s in all, {total / len(files) * 1000:.1f} ms a file on average")


if __name__ == "__main__":
    main()
