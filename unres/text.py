"""One normalisation of typography for every stage: what a rendering chooses rather than a drafter.

Parse (title words), align and diff (redline tokens), check (its profile) and lineage (wording compared) all fold the
same characters, so an en dash against a hyphen or a curly quote against a straight one is a change nowhere or
everywhere (`unres check --keep-dashes`/`--keep-quotes`), never in one command and not in another.
"""

from __future__ import annotations

import re
import unicodedata

# Typographic quotes as the straight ones a drafter types.
QUOTES = str.maketrans({"‘": "'", "’": "'", "‚": "'", "‛": "'", "“": '"', "”": '"', "„": '"', "‟": '"'})
# Hyphen and dash variants (non-breaking hyphen, figure dash, en and em dashes, minus) as a hyphen-minus.
DASHES = str.maketrans({character: "-" for character in "\u2010\u2011\u2012\u2013\u2014\u2015\u2212"})
_BOTH = {**QUOTES, **DASHES}
# A soft hyphen only says where a word may break: it is never text.
_SOFT_HYPHEN = "\u00ad"


def fold_typography(text: str, *, quotes: bool = True, dashes: bool = True) -> str:
    """`text` with typographic quotes and dashes folded (each rule can be kept off)."""
    if quotes and dashes:
        return text.translate(_BOTH)
    if quotes:
        return text.translate(QUOTES)
    return text.translate(DASHES) if dashes else text


def fold_compatibility(text: str) -> str:
    """Unicode compatibility forms (ligatures, full-width letters, no-break spaces) as their plain forms (NFKC),
    soft hyphens removed."""
    return unicodedata.normalize("NFKC", text).replace(_SOFT_HYPHEN, "")


def fold(text: str) -> str:
    """Every rendering choice folded: compatibility forms, quotes and dashes."""
    return fold_typography(fold_compatibility(text))


_WORD = re.compile(r"\w+")
# For ASCII text: each byte that is not a word character of `_WORD` becomes a space.
_ASCII_NON_WORDS = bytes(byte if byte < 128 and _WORD.match(chr(byte)) else ord(" ") for byte in range(256))


def words_in(text: str) -> list[str]:
    """The runs of word characters in `text` (what the regex \\w+ finds), in order. ASCII text, most paragraphs, takes a
    path three times faster than the regex: its word characters are the ASCII letters, digits and '_'."""
    if text.isascii():
        return text.encode("ascii").translate(_ASCII_NON_WORDS).decode("ascii").split()
    return _WORD.findall(text)
