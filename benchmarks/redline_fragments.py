"""How readable the word redlines are: fragments (runs of changed words between unchanged ones) per changed paragraph.

Run: python benchmarks/redline_fragments.py

Two sets of pairs:
- real versions: the seed chain (58/137 → 2006/27 → 61/180, 2006/27 → COP 5/2) and the revised draft A/80/L.2 →
  A/RES/80/1 (../shared/corpus/drafts), every paragraph the aligner links and that changed;
- a year's update of references: every paragraph of the 2025 resolutions (../shared/corpus/ga80) that cites
  document symbols or resolutions ('GC(69)/RES/7', 'A/80/534', '79/187'), against itself with each such number one
  lower, as last year's text would cite them. A drafter reads one replaced symbol as one fragment; a redline
  that splits symbols shows two or three.

Fewer fragments for the same change is a more readable redline; the unchanged words between fragments are still
shown. What is not claimed: a redline with fewer fragments is not always better (a kept phrase between two
insertions is worth showing), so the clean-up only joins replacements separated by at most two words.
"""

from __future__ import annotations

import re
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from unres import align, parse_file  # noqa: E402
from unres.models import Edit  # noqa: E402
from unres.redline import redline  # noqa: E402

EXAMPLES = ROOT / "examples"
CORPUS = ROOT.parent / "shared" / "corpus"
CHAINS = [
    (EXAMPLES / "ga-58-137.word-export.txt", EXAMPLES / "ecosoc-2006-27.pdf-markdown.md"),
    (EXAMPLES / "ecosoc-2006-27.pdf-markdown.md", EXAMPLES / "ga-61-180-draft-L7-Rev1.pdf-markdown.md"),
    (EXAMPLES / "ga-58-137.word-export.txt", EXAMPLES / "ga-61-180-draft-L7-Rev1.pdf-markdown.md"),
    (EXAMPLES / "ecosoc-2006-27.pdf-markdown.md", EXAMPLES / "cop-5-2.pdf-markdown.md"),
    (CORPUS / "drafts" / "A_80_L.2.txt", CORPUS / "drafts" / "A_RES_80_1.txt"),
]
# The numbers of a symbol or a resolution number: 'GC(69)/RES/7', 'A/80/534', '79/187'.
_SYMBOL = re.compile(r"\b(?:[A-Z]+(?:\(\d+\))?/)*(?:[A-Z]+/)*\d+/\d+\b|\b[A-Z]+\(\d+\)/[A-Z]+/\d+\b")
_NUMBER = re.compile(r"\d+")


def fragments(edits: list[Edit]) -> int:
    count, in_change = 0, False
    for edit in edits:
        changed = edit.op != "equal"
        count += changed and not in_change
        in_change = changed
    return count


def _last_year(text: str) -> str:
    def older(symbol: re.Match[str]) -> str:
        return _NUMBER.sub(lambda number: str(max(int(number.group(0)) - 1, 1)), symbol.group(0))

    return _SYMBOL.sub(older, text)


def real_versions() -> list[int]:
    counts = []
    for old_path, new_path in CHAINS:
        if not old_path.is_file() or not new_path.is_file():
            continue
        for change in align(parse_file(old_path), parse_file(new_path)).changes:
            if change.kind not in ("added", "dropped", "unchanged") and any(e.op != "equal" for e in change.edits):
                counts.append(fragments(change.edits))
    return counts


def reference_updates() -> list[int]:
    counts = []
    for path in sorted((CORPUS / "ga80").glob("A_RES_*.txt")):
        for paragraph in parse_file(path).walk():
            if _last_year(paragraph.text) != paragraph.text:
                counts.append(fragments(redline(_last_year(paragraph.text), paragraph.text)))
    return counts


def main() -> None:
    for name, counts in (("real versions", real_versions()), ("a year's update of references", reference_updates())):
        if counts:
            print(f"{name}: {len(counts)} changed paragraphs, {sum(counts)} fragments, "
                  f"{sum(counts) / len(counts):.2f} per paragraph")


if __name__ == "__main__":
    main()
