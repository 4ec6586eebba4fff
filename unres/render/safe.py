"""The one escaping rule every renderer follows: text that came from a document or a file name is shown as itself.

It never becomes rich markup (`[link=…]`, `[/]`, a real `[sic]` stay literal: `rich_text` builds a `Text`, which
rich does not read as markup) and never reaches a terminal, a CI log or an XML report with characters that act
instead of showing: C0 and C1 controls (ESC starts a terminal escape sequence), bidirectional overrides and
isolates (they reorder what is shown), lone surrogates (a file name that is not UTF-8) and the noncharacters XML
1.0 cannot carry (U+FFFE, U+FFFF). Each such character is written as a visible escape (`\\x1b`, `\\u202e`), so
nothing is silently dropped; a byte of a non-UTF-8 file name shows as `\\xff`, the byte itself.
"""

from __future__ import annotations

import html
import re

from rich.text import Text

# Bidi marks, embeddings, overrides and isolates, the Arabic letter mark, surrogates, the noncharacters XML 1.0
# forbids; then the Cc controls (C0, DEL, C1), with or without tab and line feed.
_OTHERS = "\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069\ud800-\udfff\ufdd0-\ufdef\ufffe\uffff"
_HIDDEN = re.compile(f"[\x00-\x1f\x7f-\x9f{_OTHERS}]")
_HIDDEN_BUT_LINES = re.compile(f"[\x00-\x08\x0b-\x1f\x7f-\x9f{_OTHERS}]")


def _escape(match: re.Match[str]) -> str:
    character = match.group()
    code = ord(character)
    if 0xDC80 <= code <= 0xDCFF:  # a byte that was not UTF-8, carried by Python's surrogateescape
        return f"\\x{code - 0xDC00:02x}"
    if code <= 0xFF:
        return f"\\x{code:02x}"
    return f"\\u{code:04x}"


def visible(text: str, *, lines: bool = False) -> str:
    """`text` with every acting character written as a visible escape; `lines` keeps tabs and line breaks (for
    multi-line text such as a report's body), otherwise the result is one line (for messages and labels)."""
    return (_HIDDEN_BUT_LINES if lines else _HIDDEN).sub(_escape, text)


def rich_text(text: str, style: str = "") -> Text:
    """A rich `Text` showing `text` literally: never markup, never a control sequence."""
    return Text(visible(text, lines=True), style=style)


def html_text(text: str | None) -> str:
    """Text (or an attribute value) for an HTML page: markup characters as entities, acting characters visible."""
    return html.escape(visible(text or "", lines=True), quote=True)
