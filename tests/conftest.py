"""Shared fixtures: the seed renderings and the corpus, found beside the project or skipped."""

from __future__ import annotations

from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
EXAMPLES = ROOT / "examples"
CORPUS = ROOT.parent / "shared" / "corpus"

SEEDS = {
    "ga-58-137": EXAMPLES / "ga-58-137.word-export.txt",
    "ecosoc-2006-27-md": EXAMPLES / "ecosoc-2006-27.pdf-markdown.md",
    "ecosoc-2006-27-pdftotext": EXAMPLES / "ecosoc-2006-27.pdftotext.txt",
    "ga-61-180-draft": EXAMPLES / "ga-61-180-draft-L7-Rev1.pdf-markdown.md",
    "cop-5-2": EXAMPLES / "cop-5-2.pdf-markdown.md",
}


@pytest.fixture(scope="session")
def corpus() -> Path:
    """The shared corpus folder; tests that need it are skipped where it is not checked out beside the project."""
    if not CORPUS.is_dir():
        pytest.skip("../shared/corpus is not present")
    return CORPUS
