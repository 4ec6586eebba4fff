"""Whole commands, timed as a user times them: each a fresh process (interpreter start included), with its peak memory.

Run: python benchmarks/bench_commands.py [--sizes 1000,4000,20000] [--runs 3] [--redlines-up-to 1000] [--write-report]

For each size N, a synthetic resolution of N paragraphs and a new version of it (benchmarks/synthetic.py: about 4 %
of the paragraphs reworded, 1 % added, 1 % dropped, 1 % moved) are written as markdown, and each parses back into
exactly N paragraphs (checked on the output of `unres parse`). Timed on that pair, in the same run: `unres parse`
(JSON), `unres diff` (JSON, text, HTML), `unres check`, `unres lineage` (JSON), Python's `difflib` (a unified diff
of the lines) and the `redlines` package (its markdown redline of the two texts; quadratic, so only up to
--redlines-up-to paragraphs). Start-up: `unres --help`, `--version` and `schema` against `python -c pass`.

unres's modules are compiled to bytecode first, as pip does when it installs the package: run from a checkout
with PYTHONDONTWRITEBYTECODE set, every timed process would compile them again (about 0.1 s each).

Each figure is the median of --runs runs (one run at sizes above 4,000): wall time, CPU time (user + system: on a
machine shared with other work, wall time waits for the processor and CPU time does not) and peak resident memory
of the process (from wait4). With --write-report the table is written to benchmarks/REPORT.md as its own section.
"""

from __future__ import annotations

import json
import os
import random
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "tests"))

from benchmarks.alignment_quality import Score, score  # noqa: E402
from benchmarks.report import write_section  # noqa: E402
from benchmarks.synthetic import Truth, resolution_pair  # noqa: E402
from unres.models import Alignment  # noqa: E402

DEFAULT_SIZES = (1000, 4000)
_DIFFLIB = (
    "import difflib, sys\n"
    "old, new = (open(path, encoding='utf-8').read().splitlines(True) for path in sys.argv[1:3])\n"
    "sys.stdout.writelines(difflib.unified_diff(old, new, 'old', 'new'))\n"
)
_REDLINES = (
    "import sys\n"
    "from redlines import Redlines\n"
    "old, new = (open(path, encoding='utf-8').read() for path in sys.argv[1:3])\n"
    "sys.stdout.write(Redlines(old, new).output_markdown)\n"
)


@dataclass
class Timing:
    wall: float
    cpu: float
    peak_mb: float
    stdout: bytes


def run(command: list[str]) -> Timing:
    """One run of a command in a fresh process: wall and CPU seconds, peak resident memory, standard output."""
    with tempfile.TemporaryFile() as out:
        start = time.perf_counter()
        process = subprocess.Popen(command, stdout=out, stderr=subprocess.DEVNULL, cwd=ROOT)
        _, status, usage = os.wait4(process.pid, 0)
        wall = time.perf_counter() - start
        process.returncode = os.waitstatus_to_exitcode(status)
        if process.returncode not in (0, 1):
            raise SystemExit(f"{' '.join(command)} exited with {process.returncode}")
        out.seek(0)
        return Timing(wall, usage.ru_utime + usage.ru_stime, usage.ru_maxrss / 1024, out.read())


def median_run(command: list[str], runs: int) -> Timing:
    timings = [run(command) for _ in range(runs)]
    middle = sorted(timings, key=lambda timing: timing.wall)[len(timings) // 2]
    cpu = statistics.median(timing.cpu for timing in timings)
    return Timing(middle.wall, cpu, max(timing.peak_mb for timing in timings), middle.stdout)


def write_pair(size: int, folder: Path) -> tuple[Path, Path, Truth]:
    """The benchmark pair of `size` paragraphs a side, as markdown (the layout of tests/layouts.py), and the truth
    about its edits."""
    from unres import parse_file

    from layouts import markdown  # tests/layouts.py: renders a Document in the layouts unres reads

    examples = sorted(path for path in (ROOT / "examples").glob("*") if not path.name.startswith("README"))
    pool = [paragraph for path in examples for paragraph in parse_file(path).paragraphs]
    old, new, truth = resolution_pair(size, pool, seed=random.Random(size).randrange(1000))
    paths = folder / f"old-{size}.md", folder / f"new-{size}.md"
    for path, document in zip(paths, (old, new), strict=True):
        path.write_text(markdown(document), encoding="utf-8")
    return (*paths, truth)


def startup_imports(arguments: list[str]) -> list[str]:
    """The modules `unres ARGUMENTS` imports (python -X importtime), to check that start-up stays light."""
    code = f"import sys; sys.argv = ['unres', *{arguments!r}]; from unres.cli import main; main()"
    traced = subprocess.run(
        [sys.executable, "-X", "importtime", "-c", code], capture_output=True, text=True, cwd=ROOT, check=False
    )
    return [line.rsplit("|", 1)[-1].strip() for line in traced.stderr.splitlines() if line.startswith("import time:")]


_HEAVY = ("unres.models", "unres.align", "unres.parse", "rapidfuzz", "numpy", "yaml")


def compile_bytecode() -> None:
    """unres as installed: its bytecode compiled once (py_compile writes it whatever PYTHONDONTWRITEBYTECODE says)."""
    import compileall

    compileall.compile_dir(ROOT / "unres", quiet=1)


def unres_command() -> list[str]:
    found = shutil.which("unres", path=str(Path(sys.executable).parent)) or shutil.which("unres")
    return [found] if found else [sys.executable, "-c", "from unres.cli import main; main()"]


def main() -> None:
    sizes = DEFAULT_SIZES
    if "--sizes" in sys.argv:
        sizes = tuple(int(part) for part in sys.argv[sys.argv.index("--sizes") + 1].split(","))
    runs = int(sys.argv[sys.argv.index("--runs") + 1]) if "--runs" in sys.argv else 3
    redlines_up_to = int(sys.argv[sys.argv.index("--redlines-up-to") + 1]) if "--redlines-up-to" in sys.argv else 1000
    unres = unres_command()
    compile_bytecode()
    rows: list[tuple[str, str, Timing]] = []
    scores: dict[str, Score] = {}

    def measure(size: str, name: str, command: list[str], times: int) -> Timing:
        timing = median_run(command, times)
        rows.append((size, name, timing))
        print(f"{size:>7}  {name:<28} {timing.wall:7.2f} s wall  {timing.cpu:7.2f} s CPU  {timing.peak_mb:7.0f} MB")
        return timing

    print(f"load average at start: {os.getloadavg()[0]:.1f} on {os.cpu_count()} cores")
    bare = measure("-", "python -c pass", [sys.executable, "-c", "pass"], 10)
    helped = measure("-", "unres --help", [*unres, "--help"], 10)
    measure("-", "unres --version", [*unres, "--version"], 10)
    measure("-", "unres schema document", [*unres, "schema", "document"], 10)
    heavy = {
        " ".join(arguments): sorted({name for name in startup_imports(arguments) if name.startswith(_HEAVY)})
        for arguments in (["--help"], ["--version"], ["schema", "document"])
    }
    with tempfile.TemporaryDirectory() as scratch:
        for size in sizes:
            old, new, truth = write_pair(size, Path(scratch))
            times = runs if size <= 4000 else 1
            label = f"{size:,}"
            parsed = measure(label, "unres parse (json)", [*unres, "parse", str(old), "--format", "json"], times)
            found = len(json.loads(parsed.stdout)["paragraphs"])
            if found != size:
                raise SystemExit(f"the old version of size {size} parses into {found} paragraphs")
            for output in ("json", "text", "html"):
                command = [*unres, "diff", str(old), str(new), "--format", output]
                timing = measure(label, f"unres diff ({output})", command, times)
                if output == "json":
                    scores[label] = score(Alignment.model_validate_json(timing.stdout), truth)
            measure(label, "unres check (json)", [*unres, "check", str(old), str(new), "--format", "json"], times)
            measure(label, "unres lineage (json)", [*unres, "lineage", str(old), str(new), "--format", "json"], times)
            measure(label, "difflib unified_diff", [sys.executable, "-c", _DIFFLIB, str(old), str(new)], times)
            if size <= redlines_up_to:
                measure(label, "redlines", [sys.executable, "-c", _REDLINES, str(old), str(new)], 1)
    text = report(rows, bare, helped, heavy, scores)
    sys.stdout.write("\n" + text)
    if "--write-report" in sys.argv:
        write_section("command-timings", text)


def report(
    rows: list[tuple[str, str, Timing]],
    bare: Timing,
    helped: Timing,
    heavy: dict[str, list[str]],
    scores: dict[str, Score],
) -> str:
    lines = [
        "# Command timings",
        "",
        "Generated by `python benchmarks/bench_commands.py --sizes 1000,4000,20000 --write-report`; see that script",
        "for the method. Each row is a whole process, interpreter start included, on a synthetic pair that parses",
        "into exactly N paragraphs a side (about 4 % reworded, 1 % added, dropped, moved). Wall time depends on what",
        "else the machine runs; CPU time (user + system) does not. unres's bytecode is compiled first, as pip does",
        "when it installs the package.",
        "",
        f"Machine: {os.cpu_count()} cores, load average {os.getloadavg()[0]:.1f} at the end of the run. Peak memory is",
        "that of the process from its start, which begins as a copy of the benchmark's own (the `python -c pass`",
        "row): figures near that one are that floor.",
        "",
        "| paragraphs a side | command | wall s | CPU s | peak MB |",
        "| ---: | --- | ---: | ---: | ---: |",
    ]
    lines += [f"| {size} | {name} | {t.wall:.2f} | {t.cpu:.2f} | {t.peak_mb:.0f} |" for size, name, t in rows]
    by = {(size, name): timing for size, name, timing in rows}
    lines += ["", f"`unres --help` takes {helped.wall - bare.wall:.2f} s more than `python -c pass`."]
    for command, modules in heavy.items():
        found = ", ".join(modules) if modules else "none"
        lines.append(f"`unres {command}` imports, of {', '.join(_HEAVY)}: {found}.")
    diff_json = {size: timing for (size, name), timing in by.items() if name == "unres diff (json)"}
    if "1,000" in diff_json and "4,000" in diff_json:
        wall = diff_json["4,000"].wall / diff_json["1,000"].wall
        cpu = diff_json["4,000"].cpu / diff_json["1,000"].cpu
        lines.append(f"`unres diff` from 1,000 to 4,000 paragraphs a side: x{wall:.1f} wall time, x{cpu:.1f} CPU time.")
    if "1,000" in diff_json and ("1,000", "redlines") in by:
        share = diff_json["1,000"].wall / by[("1,000", "redlines")].wall
        lines.append(f"`unres diff` at 1,000 paragraphs a side takes {share:.3f} of the time of `redlines`.")
    for size, result in scores.items():
        lines.append(
            f"Links of `unres diff` at {size} paragraphs a side against the edits made: precision "
            f"{result.precision:.4f}, recall {result.recall:.4f}, move recall {result.move_recall:.3f} "
            f"({result.moved} moved)."
        )
    return "\n".join(lines) + "\n"


if __name__ == "__main__":
    main()
