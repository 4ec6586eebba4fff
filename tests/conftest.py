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

# The ten drafts of ../shared/corpus/drafts and the resolutions adopted from them (its README's table); A/80/L.2 was
# revised before adoption, the other nine have the wording of their resolution.
REVISED_PAIR = ("A_80_L.2", "A_RES_80_1")
SAME_WORDING_PAIRS = [
    ("A_80_L.8", "A_RES_80_9"),
    ("A_80_L.10", "A_RES_80_8"),
    ("A_80_L.12", "A_RES_80_73"),
    ("A_80_L.21", "A_RES_80_174"),
    ("A_C.1_80_L.9", "A_RES_80_46"),
    ("A_C.1_80_L.18", "A_RES_80_54"),
    ("A_C.1_80_L.26", "A_RES_80_51"),
    ("A_C.1_80_L.20", "A_RES_80_16"),
    ("A_C.1_80_L.8", "A_RES_80_29"),
]
DRAFT_PAIRS = [REVISED_PAIR, *SAME_WORDING_PAIRS]


@pytest.fixture(scope="session")
def corpus() -> Path:
    """The shared corpus folder; tests that need it are skipped where it is not checked out beside the project."""
    if not CORPUS.is_dir():
        pytest.skip("../shared/corpus is not present")
    return CORPUS
