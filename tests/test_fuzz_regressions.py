"""Every fuzzing seed and every input the fuzzer ever crashed on goes through the whole pipeline cleanly."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

FUZZ = Path(__file__).resolve().parent.parent / "fuzz"
sys.path.insert(0, str(FUZZ))

from harness import exercise  # noqa: E402


@pytest.mark.parametrize("path", sorted((FUZZ / "seeds").iterdir()), ids=lambda path: path.name)
def test_fuzz_input_goes_through_every_stage(path: Path) -> None:
    exercise(path.read_bytes())
