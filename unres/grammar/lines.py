"""First parsing pass: a reader's typed lines become parser lines, cleaned, with the page furniture named.

A line keeps its number so that everything set aside can be reported. Its footnote marks and italics (the reader's
spans) are put in in-band form (unres/formats/lines.py); document-system junk, invisible characters and runs of
spaces go; LINE_RULES name what a line is by its own content. Later passes here: front matter, running headers.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field, replace
from enum import Enum
from typing import Any

from unres.formats.lines import MARK_CLOSE, MARK_OPEN, SourceLine, encode_spans, without_sentinels

# A UN document symbol: A/RES/58/137, E/RES/2006/27, A/C.3/61/L.7/Rev.1, CTOC/COP/2010/17, S/PRST/2013/2.
SYMBOL = (
    r"(?:[A-Z]{1,8}(?:\.\d{1,2})?)(?:/(?:[A-Z]{1,8}(?:\.\d{1,3})?|\d{1,5}(?:\.\d{1,3})?|[A-Z]?\d+[A-Z]?))+"
    r"(?:/(?:Rev|Add|Corr|Amend)\.\d{1,3})*"
)
SYMBOL_RE = re.compile(rf"\b{SYMBOL}\b")
_SYMBOL_LINE = re.compile(rf"^(?:United Nations\s+)?({SYMBOL})\s*(?:\(E\))?$")

# '06-57590', '2 06-57590' (page number first), '25-17125 (E) 031125' (a draft's DDMMYY date code after it).
_JOB_NUMBER = re.compile(r"^(?:\d{1,3}\s+)?(\d{2}-\d{5})\s*(?:\([A-Z]\))?(?:\s+\d{1,3}|\s+\d{6})?$|^(\d{2})\s(\d{5})$")
_COMPACT_JOB_NUMBER = re.compile(r"^\d{7}$")
_DATE_STAMP = re.compile(r"^\d{6}$")
_BARCODE = re.compile(r"^\*\d{5,}\*$")
_LONGEST_BARCODE = 40
_STARRED = re.compile(r"[ \t#]*\* ")  # opened by an asterisk and a space (after indentation or a markdown heading)
_PAGE_OF = re.compile(r"^(?:Page\s+)?\d{1,3}\s*(?:/|of)\s*\d{1,3}$|^Page\s+\d{1,3}$|^-\s*\d{1,3}\s*-$", re.IGNORECASE)
_SEPARATOR = re.compile(r"^(?:_{3,}|-{3,}|={5,}|(?:\*\s*){3,})$")
_LONE_NUMBER = re.compile(r"^\d{1,3}$")

_ODS_SYMBOL = re.compile(r"<<ODS DOC SYMBOL\d>>([^<]+)<<ODS DOC SYMBOL\d>>")
_ODS_JOB = re.compile(r"<<ODS JOB NO>>([^<]+)<<ODS JOB NO>>")
_COMMENT_ANCHOR = re.compile(r"\[[A-Z]{1,4}\d{1,3}\]")
_LAYOUT_GAP = re.compile(r"\s{2,}|\t")
_SENTINEL_MARK = re.compile(f"{MARK_OPEN}[^{MARK_CLOSE}]*{MARK_CLOSE}")
_SPACES = re.compile(r"[ \t\u00a0\u2000-\u200a\u202f\u205f\u3000]+")
# Soft hyphens, byte-order marks, zero-width spaces and bidirectional embeddings/overrides/isolates: invisible in
# print, they would hide differences or reorder what a terminal shows ("Trojan Source"). Joiners (U+200C/D) stay:
# they are spelling in Arabic and Persian.
_INVISIBLE = re.compile("[\u00ad\ufeff\u200b\u2060\u202a-\u202e\u2066-\u2069]")


class Kind(Enum):
    """What a line is, as far as the line alone (and later its neighbours) can tell."""

    BLANK = "blank"
    TEXT = "text"
    SEPARATOR = "separator"
    FURNITURE = "furniture"
    LONE_NUMBER = "lone-number"
    SYMBOL = "symbol"
    FOOTNOTE = "footnote"  # a line that opens a footnote text: mark then text
    JUNK = "junk"  # document-system lines
    FRONT_MATTER = "front-matter"
    STAR_NOTE = "star-note"  # the asterisk footnote of the symbol, title or sponsor line: not resolution text


@dataclass(frozen=True, slots=True)
class Line:
    """One source line, cleaned and classified. Frozen: a pass that reclassifies a line returns a new one
    (`retyped`), so no pass changes what another pass was given."""

    number: int  # 1-based position in the reader's lines (for a text file its line number, unless a form feed between
    # two pieces of text made one line two)
    raw: str
    text: str
    kind: Kind
    # The name of the rule that gave the line its kind (docs/parsing.md lists them with reasons); a text line's is
    # 'text' until the structure rules read it, and `explain` names the structure rules that did.
    rule: str = "text"
    indent: int = 0
    page_break: bool = False  # the first line of a page after the first
    footnote_mark: str | None = None  # for Kind.FOOTNOTE: the mark, digits only
    removed: tuple[str, ...] = ()  # inline junk removed from this line
    facts: Mapping[str, str] = field(default_factory=dict)  # metadata found in junk (symbol, job number)
    starred: bool = False  # the line opened with an asterisk and a space: a list marker, or an asterisk footnote
    origin: str = ""  # where the reader found it, for messages: 'line 12', 'page 3', 'footnote 4'

    def retyped(self, kind: Kind, rule: str, **changes: Any) -> Line:
        """This line with another kind, given by `rule`."""
        return replace(self, kind=kind, rule=rule, **changes)


def mark(number: str) -> str:
    """A footnote mark in sentinel form."""
    return f"{MARK_OPEN}{number}{MARK_CLOSE}"


def split_lines(source: list[SourceLine]) -> list[Line]:
    """Typed lines from a reader as cleaned, classified parser lines."""
    return _mark_front_matter([clean_line(number, line) for number, line in enumerate(source, start=1)])


def clean_line(number: int, source: SourceLine) -> Line:
    """Clean one line and classify it by its own content (the rules of LINE_RULES, in order)."""
    raw = source.printed
    text = encode_spans(source)
    if "<<ODS" in text:
        facts = {}
        if found := _ODS_SYMBOL.search(raw):
            facts["symbol"] = found.group(1).strip()
        if found := _ODS_JOB.search(raw):
            facts["job_number"] = found.group(1).strip()
        origin = source.origin or f"line {number}"
        return Line(number, raw, "", Kind.JUNK, "document-system", removed=(raw.strip(),), facts=facts, origin=origin)
    removed: tuple[str, ...] = ()
    if "[" in text and (anchors := _COMMENT_ANCHOR.findall(text)):
        removed = tuple(anchors)
        text = _COMMENT_ANCHOR.sub("", text)
    if not text.isascii():  # every invisible character is outside ASCII
        text = _INVISIBLE.sub("", text)
    text = text.strip() if _single_spaced_ascii(text) else _SPACES.sub(" ", text).strip()
    common: dict[str, Any] = {
        "indent": int(source.indent),
        "page_break": source.page_break,
        "removed": removed,
        "origin": source.origin or f"line {number}",
    }
    if not text:
        return (
            Line(number, raw, "", Kind.JUNK, "document-system", **common)
            if removed
            else Line(number, raw, "", Kind.BLANK, "blank", **common)
        )
    if len(text) < _LONGEST_BARCODE and _BARCODE.match(raw.strip()):  # '*0657590*' would read as an italic number
        return Line(number, raw, text, Kind.FURNITURE, "barcode", **common)
    footnote_mark = source.note
    if footnote_mark is None and text.startswith(MARK_OPEN):
        end = text.index(MARK_CLOSE)
        rest = text[end + 1 :].lstrip()
        if rest and (rest[0].isupper() or rest[0].isdigit() or rest[0] in "“\"'‘(["):
            footnote_mark = text[1:end]
            text = rest
    starred = bool(_STARRED.match(raw))
    if footnote_mark is not None:
        return Line(number, raw, text, Kind.FOOTNOTE, "footnote-marked", footnote_mark=footnote_mark, **common)
    kind, rule = _classify(text)
    if kind is Kind.TEXT and _all_furniture(raw):
        kind, rule = Kind.FURNITURE, "furniture-side-by-side"
    return Line(number, raw, text, kind, rule, starred=starred, **common)


@dataclass(frozen=True)
class LineRule:
    """A kind a line has by its own content, whatever surrounds it."""

    name: str
    kind: Kind
    pattern: re.Pattern[str]
    reason: str


# Tested in order on a cleaned line that is not blank, junk or a footnote's opening; the first that matches names it.
LINE_RULES: tuple[LineRule, ...] = (
    LineRule("separator", Kind.SEPARATOR, _SEPARATOR, "the rule above a footnote area ('____', '---', '* * *')"),
    LineRule("lone-number", Kind.LONE_NUMBER, _LONE_NUMBER, "a page number, or a footnote number pulled off its text"),
    LineRule("job-number", Kind.FURNITURE, _JOB_NUMBER, "printed on every page: '06-57590', '25-17125 (E) 031125'"),
    LineRule("compact-job-number", Kind.FURNITURE, _COMPACT_JOB_NUMBER, "a barcode's caption: '0657590'"),
    LineRule("date-stamp", Kind.FURNITURE, _DATE_STAMP, "a draft's DDMMYY print date: '031125'"),
    LineRule("barcode", Kind.FURNITURE, _BARCODE, "a barcode's text: '*0657590*'"),
    LineRule("page-number", Kind.FURNITURE, _PAGE_OF, "a page number: '2/8', 'Page 3', '- 4 -'"),
    LineRule("symbol-line", Kind.SYMBOL, _SYMBOL_LINE, "a symbol alone on its line ('A/80/L.8'): a running header"),
)


# The other names a line's rule can carry, given while cleaning or by a later pass, with their reasons.
OTHER_LINE_RULES: dict[str, str] = {
    "blank": "an empty line: paragraphs are told apart by gaps and by how the line before ended",
    "document-system": "'<<ODS JOB NO>>' lines and comment anchors ('[DU1]'): markers of the system that printed it",
    "footnote-marked": "a line opened by a footnote mark ('¹ Resolution 55/25', '[^4]: …') is that footnote's text",
    "furniture-side-by-side": "several pieces of furniture on one line ('18-18142 (E)      021118')",
    "front-matter": "YAML between '---' fences at the top: a cleaned rendering's catalogue data",
    "running-header": "a piece of the printed title at a page top, by the symbol, a page break or furniture",
}


def _classify(text: str) -> tuple[Kind, str]:
    for rule in LINE_RULES:
        if rule.pattern.match(text):
            return rule.kind, rule.name
    return Kind.TEXT, "text"


def _single_spaced_ascii(text: str) -> bool:
    """Printable ASCII without two spaces in a row: no run of whitespace longer than one space, no tab, nothing
    invisible. Most lines are; for them the whitespace patterns (slow: one match per space) change nothing."""
    return text.isascii() and text.isprintable() and "  " not in text


def _all_furniture(raw: str) -> bool:
    """A layout line holding several pieces of furniture side by side ('18-18142 (E)      021118')."""
    if _single_spaced_ascii(raw.strip()):  # no gap to split at
        return False
    chunks = _LAYOUT_GAP.split(raw.strip())
    return len(chunks) > 1 and all(
        _classify(chunk)[0] in (Kind.FURNITURE, Kind.SYMBOL, Kind.LONE_NUMBER) for chunk in chunks
    )


def job_number(text: str) -> str | None:
    """The job number a furniture line carries, normalised to '06-57590'."""
    found = _JOB_NUMBER.match(text)
    if not found:
        return None
    if found.group(1):
        return found.group(1)
    return f"{found.group(2)}-{found.group(3)}"


def symbol_of_line(text: str) -> str | None:
    found = _SYMBOL_LINE.match(text)
    return found.group(1) if found else None


def _mark_front_matter(lines: list[Line]) -> list[Line]:
    """YAML front matter (`---` … `---` at the very top) is metadata, not text."""
    first = next((i for i, line in enumerate(lines) if line.kind is not Kind.BLANK), None)
    if first is None or lines[first].raw.strip() != "---":
        return lines
    for end in range(first + 1, min(len(lines), first + 60)):
        if lines[end].raw.strip() == "---":
            fenced = [line.retyped(Kind.FRONT_MATTER, "front-matter") for line in lines[first : end + 1]]
            return [*lines[:first], *fenced, *lines[end + 1 :]]
    return lines


def front_matter_text(lines: list[Line]) -> str:
    """The YAML between the front-matter fences, for the header parser."""
    body = [line.raw for line in lines if line.kind is Kind.FRONT_MATTER]
    return "\n".join(body[1:-1])


# Text without sentinels: italics unwrapped, marks kept as their digits.
plain = without_sentinels


def strip_marks(text: str) -> str:
    """Text with sentinel marks removed entirely and italics unwrapped."""
    return plain(_SENTINEL_MARK.sub("", text))


_WORDS = re.compile(r"[^\W_]+")


def _words(text: str) -> list[str]:
    return _WORDS.findall(plain(text).lower())


def mark_running_headers(lines: list[Line], titles: list[str], start: int) -> list[Line]:
    """Running headers repeat the symbol and the title at the top of each page: they are furniture.

    A text line counts as a running header when, once document symbols are taken out, what is left is a piece
    of a title, and it either carried a symbol itself, or is the whole title, or stands next to page furniture or a
    page break in a run of lines that prints the title from its start.
    """
    title_words = [" " + " ".join(_words(title)) + " " for title in titles if title]
    if not title_words:
        return lines

    def piece_of_title(text: str) -> bool:
        if plain(text).rstrip(' ”’"').endswith((",", ";", ":", ".")):
            return False  # a title never ends a clause: this is the last line of a paragraph that quotes it
        words = _words(SYMBOL_RE.sub(" ", text))
        joined = " " + " ".join(words) + " "
        return len(words) >= 2 and any(joined in title for title in title_words)

    headers: set[int] = set()  # with the symbol, or the whole title alone on its line: a page header

    def anchor(index: int) -> bool:
        line = lines[index]
        return line.page_break or line.kind in (Kind.FURNITURE, Kind.SYMBOL) or index in headers

    def heads_a_title(cluster: list[int]) -> bool:
        """A running header prints the title from its start; a body line that wraps inside a quoted title does
        not (the middle of "… the economic, commercial and financial embargo imposed …")."""
        words = " " + " ".join(w for i in cluster for w in _words(SYMBOL_RE.sub(" ", lines[i].text))) + " "
        return any(title.startswith(words) or words.startswith(title) for title in title_words)

    candidates = []
    for index in range(start, len(lines)):
        line = lines[index]
        if line.kind is not Kind.TEXT or not piece_of_title(line.text):
            continue
        whole_title = (" " + " ".join(_words(line.text)) + " ") in title_words
        if SYMBOL_RE.search(line.text) or whole_title:
            headers.add(index)
        elif _near_anchor(lines, index, anchor, piece_of_title):
            candidates.append(index)
    for cluster in _clusters(lines, candidates, headers):
        if heads_a_title(cluster):
            headers.update(cluster)
    return [
        line.retyped(Kind.FURNITURE, "running-header") if index in headers else line for index, line in enumerate(lines)
    ]


def _clusters(lines: list[Line], indexes: list[int], headers: set[int]) -> list[list[int]]:
    """Runs of the given lines separated only by blanks, page furniture and the page headers found."""
    clusters: list[list[int]] = []
    for index in indexes:
        previous = clusters[-1][-1] if clusters else None
        if previous is not None and all(
            lines[between].kind in (Kind.BLANK, Kind.FURNITURE, Kind.SYMBOL, Kind.LONE_NUMBER) or between in headers
            for between in range(previous + 1, index)
        ):
            clusters[-1].append(index)
        else:
            clusters.append([index])
    return clusters


def _near_anchor(
    lines: list[Line], index: int, anchor: Callable[[int], bool], piece_of_title: Callable[[str], bool]
) -> bool:
    """Walk away from the line over blanks and other title pieces; is page furniture within reach?"""
    if anchor(index):
        return True
    for step in (-1, 1):
        position = index + step
        while 0 <= position < len(lines):
            other = lines[position]
            if anchor(position):
                return True
            if other.kind is Kind.BLANK or (other.kind is Kind.TEXT and piece_of_title(other.text)):
                position += step
                continue
            break
    return False
