"""Coverage-guided fuzzing of the parser and the diff path with atheris (see docs/reliability.md).

    pip install atheris
    python fuzz/fuzz_unres.py fuzz/corpus fuzz/seeds -max_total_time=600 -timeout=20

New inputs go to fuzz/corpus (not kept in git); fuzz/seeds holds the starting inputs (beginnings of the examples,
in pairs split by a NUL byte). Anything but a clean InputError is a crash: atheris saves the input as crash-*,
which is then added to fuzz/seeds so that tests/test_fuzz_regressions.py replays it on every test run.
"""

from __future__ import annotations

import sys

import atheris

with atheris.instrument_imports():
    from harness import exercise


def main() -> None:
    atheris.Setup(sys.argv, exercise)
    atheris.Fuzz()


if __name__ == "__main__":
    main()
