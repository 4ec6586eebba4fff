"""PDF → typed lines, with pdfplumber: what the text alone cannot tell, the fonts and positions on the page tell.

- Page furniture goes: running headers (top margin of every page after the first: symbol, short title), footers
  (bottom margin of every page: job number, page number "2/5", barcode, recycling note) and anything set in a
  barcode font. The first page's top is kept: it holds the symbol and the distribution facts the parser reads.
- Footnote marks are set smaller than the body text: their digits, glued after the word they follow, in a
  superscript span.
- Words set in an italic (bold) font are in italic (bold) spans, the punctuation that ends an italic run left out
  (the opening phrase `Recalling also` of `Recalling also,`). Lines stay as printed: an opening phrase wrapped onto a
  paragraph's second line goes on in italics there, and the parser joins italics that run on over a line break.
- The footnote area starts below the rule (a run of underscores or a short drawn line at the foot of the page):
  the line each note's small number opens carries that number as its `note`, its wrapped lines follow, their indent
  measured from where the number stands; a note that runs on to the next page's footnote area is joined to its start
  (those lines keep the page they are printed on).
- A paragraph starts where a line is indented from its column's left edge or stands below a wide gap: a blank line
  before it. Each line has its `indent` in points from its column's left edge, its `page` and `origin` ('page 3');
  the first line of each page after the first has `page_break`.
- A page set in two columns (a vertical gutter no line crosses) is read column by column, lines that span both
  (a title over the columns) in their place.

Nothing here knows what a resolution is: the parser reads the lines like those of any other rendering.
"""

from __future__ import annotations

import bisect
import math
import re
import zlib
from collections import Counter
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field, replace
from io import BytesIO
from types import SimpleNamespace
from typing import Any

from unres.errors import DamagedFileError, InputError, LimitError, UnresError
from unres.formats.lines import SourceLine, Style
from unres.formats.styled import StyledLine
from unres.read import Limits

_MARGIN_TOP = 62.0  # points from the top: running headers sit above this on pages after the first (body from ~75)
_MARGIN_BOTTOM = 58.0  # points from the bottom: footers (job number, page number, barcode) sit below this
_LINE_TOLERANCE = 3.0  # points: words whose baselines differ by less are on one line
_SMALL = 0.75  # a word this much smaller than the body text is a footnote mark (or a footnote's own number)
_INDENT = 12.0  # points: a first line indented this much from its column's left edge opens a paragraph
_GAP = 1.2  # a vertical gap of this many body sizes between lines opens a paragraph
_GLUED = 0.8  # points: closer than this, two words are one word set in two fonts
_GUTTER = 12.0  # points: the least width of an empty vertical band between two columns
_ITALIC = re.compile(r"Italic|Oblique|-It$|,It$", re.IGNORECASE)
_BOLD = re.compile(r"Bold|Black|Heavy|Semibold|Demi|-Bd|,B$", re.IGNORECASE)
_TRAILING = ",;:."


@dataclass(frozen=True)
class _Word:
    text: str
    x0: float
    x1: float
    top: float
    bottom: float
    size: float
    italic: bool
    barcode: bool
    bold: bool = False


@dataclass
class _Note:
    mark: str
    edge: float  # where its number stands: its lines' indents are measured from there
    lines: list[SourceLine] = field(default_factory=list)


@dataclass
class _Page:
    body: list[SourceLine]
    notes: list[_Note]


def pdf_to_lines(
    data: bytes, name: str, *, max_pages: int = Limits.pages, max_inflated: int = Limits.inflated
) -> list[SourceLine]:
    """The PDF's lines, typed; InputError when it has no text to give, LimitError past `max_pages` pages or a
    stream inflating past `max_inflated` bytes, DamagedFileError when a compressed stream is broken (pdfminer would
    go on with part of it)."""
    pages, sizes, rules = _read(data, name, max_pages, max_inflated)
    words = [word for page in pages for word in page]
    if not any(word.text.strip() for word in words):
        raise InputError(f"{name}: the PDF has no text layer (a scan?); run OCR on it first")
    body = Counter(round(word.size, 1) for word in words).most_common(1)[0][0]
    pages = [
        _without_furniture(page, height, first=number == 0)
        for number, (page, (_, height)) in enumerate(zip(pages, sizes, strict=True))
    ]
    margin = _left_edge([line for page in pages for line in _group_lines(page, body)], body)
    read: list[_Page] = []
    carried: _Note | None = None  # the last footnote so far, which the next page's footnote area may continue
    for number, (page_words, (width, height), page_rules) in enumerate(zip(pages, sizes, rules, strict=True), 1):
        page = _page(page_words, number, width, height, page_rules, body, margin, carried)
        read.append(page)
        carried = page.notes[-1] if page.notes else carried
    out: list[SourceLine] = []
    for number, page in enumerate(read, start=1):
        lines = [*page.body, *([SourceLine("", page=number, origin=f"page {number}")] if page.notes else [])]
        lines += [line for note in page.notes for line in note.lines]
        breaking = number > 1  # until the page's first line that is not blank, as a form feed in a text
        for line in lines:
            if breaking and line.page == number:
                line = replace(line, page_break=True)
                breaking = not line.text
            out.append(line)
    return out


def _read(
    data: bytes, name: str, max_pages: int, max_inflated: int
) -> tuple[list[list[_Word]], list[tuple[float, float]], list[list[float]]]:
    """Words with their fonts and positions, page sizes, and the tops of short horizontal rules on each page."""
    import pdfplumber
    from pdfminer.pdfdocument import PDFPasswordIncorrect

    try:
        with _guarded_pdfminer(name, max_inflated), pdfplumber.open(BytesIO(data)) as pdf:
            if len(pdf.pages) > max_pages:
                raise LimitError(f"{name}: more than {max_pages:,} pages (see --limit pages=N)")
            pages, sizes, rules = [], [], []
            for page in pdf.pages:
                pages.append(_words(page.extract_words(extra_attrs=["size", "fontname"])))
                sizes.append((float(page.width), float(page.height)))
                rules.append(_short_rules(page.lines + page.rects, float(page.width)))
                page.close()  # pdfplumber keeps every character of a page until then: memory grew with the pages
    except UnresError:
        raise
    except Exception as error:  # pdfminer raises many kinds of exception on damaged or encrypted files
        if isinstance(error.__context__, UnresError):  # pdfplumber wrapped one of ours
            raise error.__context__ from None
        described = f"{error!r} {error.__context__!r}".lower()  # pdfplumber wraps pdfminer's exception
        if isinstance(error, PDFPasswordIncorrect) or "password" in described or "encrypt" in described:
            raise InputError(f"{name}: the PDF is password-protected") from None
        raise InputError(f"{name}: not a readable PDF ({type(error).__name__})") from None
    return pages, sizes, rules


@contextmanager
def _guarded_pdfminer(name: str, max_inflated: int) -> Iterator[None]:
    """While pdfminer reads: every Flate stream it inflates is bounded by `max_inflated` bytes (a 1 MB file can hold
    a stream of gigabytes), a broken stream is refused instead of read in part ('Data-loss while decompressing'),
    and its log messages and Python warnings are captured instead of printed (a damaged file gave a hundred lines).

    pdfminer offers no hook for this, so its module's `zlib` and `decompress_corrupted` are swapped for the duration
    and put back after: not safe for threads reading PDFs at the same time."""
    import logging
    import warnings

    from pdfminer import pdftypes

    def decompress(data: bytes) -> bytes:
        inflater = zlib.decompressobj()
        out = inflater.decompress(data, max_inflated + 1)
        if len(out) > max_inflated:
            raise LimitError(
                f"{name}: a stream in the PDF inflates past the limit of {max_inflated:,} bytes "
                "(see --limit inflated=N)"
            )
        if not inflater.eof:
            raise zlib.error("incomplete or truncated stream")
        return out

    def refuse_damaged(data: bytes) -> bytes:
        raise DamagedFileError(f"{name}: a compressed stream in the PDF is damaged (data would be lost)")

    bounded = SimpleNamespace(decompress=decompress, decompressobj=zlib.decompressobj, error=zlib.error)
    module = vars(pdftypes)
    saved = {key: module[key] for key in ("zlib", "decompress_corrupted")}
    quiet = [logging.getLogger(module) for module in ("pdfminer", "pdfplumber")]
    levels = [(logger, logger.level, logger.propagate) for logger in quiet]
    for logger in quiet:
        logger.setLevel(logging.CRITICAL + 1)
        logger.propagate = False
    module.update(zlib=bounded, decompress_corrupted=refuse_damaged)
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            yield
    finally:
        module.update(saved)
        for logger, level, propagate in levels:
            logger.setLevel(level)
            logger.propagate = propagate


def _words(raw: list[dict[str, Any]]) -> list[_Word]:
    return [
        _Word(
            text=str(word["text"]),
            x0=float(word["x0"]),
            x1=float(word["x1"]),
            top=float(word["top"]),
            bottom=float(word["bottom"]),
            size=round(float(word["size"]), 2),
            italic=bool(_ITALIC.search(str(word["fontname"]))),
            barcode="barcode" in str(word["fontname"]).lower(),
            bold=bool(_BOLD.search(str(word["fontname"]))),
        )
        for word in raw
    ]


def _short_rules(shapes: list[dict[str, Any]], width: float) -> list[float]:
    """Tops of thin horizontal lines shorter than a third of the page: the rule over a footnote area."""
    return [
        float(shape["top"])
        for shape in shapes
        if float(shape["bottom"]) - float(shape["top"]) < 1.5
        and 20 < float(shape["x1"]) - float(shape["x0"]) < width / 3
    ]


def _page(
    words: list[_Word],
    number: int,
    width: float,
    height: float,
    rules: list[float],
    body: float,
    margin: float,
    carried: _Note | None,
) -> _Page:
    rule = _rule(words, rules, height)
    main = [word for word in words if rule is None or word.bottom <= rule]
    notes = [word for word in words if rule is not None and word.top > rule and not _is_rule(word)]
    return _Page(body=_body(main, number, width, body, margin), notes=_notes(notes, number, body, margin, carried))


def _without_furniture(words: list[_Word], height: float, *, first: bool) -> list[_Word]:
    """Leave out the running header (except on the first page), the footer and anything in a barcode font."""
    return [
        word
        for word in words
        if not word.barcode and word.top <= height - _MARGIN_BOTTOM and (first or word.top >= _MARGIN_TOP)
    ]


def _is_rule(word: _Word) -> bool:
    return len(word.text) >= 5 and set(word.text) == {"_"}


def _rule(words: list[_Word], drawn: list[float], height: float) -> float | None:
    """Where the footnote area starts: a run of underscores, or a short drawn rule, in the lower half of the page."""
    tops = [word.top for word in words if _is_rule(word)] + drawn
    tops = [top for top in tops if top > height / 2]
    return min(tops) if tops else None


# --- the body: columns, lines, paragraphs -----------------------------------------------------------------------


def _body(words: list[_Word], page: int, width: float, body: float, margin: float) -> list[SourceLine]:
    """The page's text above its footnote area, in reading order, a blank line before each paragraph."""
    lines: list[tuple[StyledLine, float] | None] = []  # each line with its indent; None: a blank line
    previous_bottom: float | None = None
    for line, left in _reading_order(words, width, body, margin):
        if line is None:  # a change of column: the text flows on
            previous_bottom = None
            continue
        top = min(word.top for word in line)
        starts = line[0].x0 > left + _INDENT or (previous_bottom is not None and top - previous_bottom > body * _GAP)
        if starts:
            lines.append(None)
        lines.append((_line_text(line, body), line[0].x0 - left))
        previous_bottom = max(word.bottom for word in line)
    origin = f"page {page}"
    return [
        entry[0].line(page=page, indent=round(entry[1], 1), origin=origin)
        if entry
        else SourceLine("", page=page, origin=origin)
        for entry in lines
    ]


def _reading_order(
    words: list[_Word], width: float, body: float, margin: float
) -> list[tuple[list[_Word] | None, float]]:
    """Lines in reading order with the left edge of their column (`margin`, the document's, for a page in one
    column); `None` marks a move to the next column."""
    gutter = _gutter(words, width, body)
    if gutter is None:
        return [(line, margin) for line in _group_lines(words, body)]
    start, end = gutter
    order: list[tuple[list[_Word] | None, float]] = []
    block: list[list[_Word]] = []

    def flush() -> None:
        for side in (
            [w for line in block for w in line if w.x1 <= start],
            [w for line in block for w in line if w.x0 >= end],
        ):
            side_lines = _group_lines(side, body)
            if side_lines:
                if order:
                    order.append((None, 0.0))
                left = _left_edge(side_lines, body)
                order.extend((side_line, left) for side_line in side_lines)
        block.clear()

    for line in _group_lines(words, body):
        if any(word.x0 < end and word.x1 > start for word in line):  # spans the gutter: a heading over both
            flush()
            order.append((line, margin))
        else:
            block.append(line)
    flush()
    return order


def _gutter(words: list[_Word], width: float, body: float) -> tuple[float, float] | None:
    """An empty vertical band in the middle of the page with body lines on both sides of it: two columns."""
    lines = _group_lines([word for word in words if word.size >= body * _SMALL], body)
    if len(lines) < 8:
        return None
    best: tuple[int, float] | None = None
    x = width * 0.3
    while x + _GUTTER <= width * 0.7:
        crossing = sum(1 for line in lines if any(w.x0 < x + _GUTTER and w.x1 > x for w in line))
        if best is None or crossing < best[0]:
            best = (crossing, x)
        x += 2.0
    if best is None or best[0] > len(lines) // 4:  # headings over both columns cross it
        return None
    start, end = best[1], best[1] + _GUTTER
    left = sum(1 for line in lines if all(w.x1 <= start for w in line))
    right = sum(1 for line in lines if all(w.x0 >= end for w in line))
    both = sum(1 for line in lines if any(w.x1 <= start for w in line) and any(w.x0 >= end for w in line))
    if left + both < 4 or right + both < 4 or both < 4:
        return None
    return start, end


def _left_edge(lines: list[list[_Word]], body: float) -> float:
    """The left margin: the leftmost start shared by a good part of the body-size lines (a few lines further left,
    such as the session and agenda item on the first page, are not the margin; the most common start may be the
    indent when paragraphs are short)."""
    starts = Counter(round(line[0].x0) for line in lines if abs(line[0].size - body) < 0.5)
    enough = max(3, sum(starts.values()) * 15 // 100)
    shared = [start for start, count in starts.items() if count >= enough]
    if shared or starts:
        return float(min(shared) if shared else starts.most_common(1)[0][0])
    return min((line[0].x0 for line in lines), default=0.0)


def _group_lines(words: list[_Word], body: float) -> list[list[_Word]]:
    """Words into lines by their baseline; small raised words (marks, footnote numbers) join the line they touch.

    Linear but for sorting: a word joins the first line whose first word's baseline is within tolerance of its own,
    found by bisection (lines are opened in order of baseline); a small word looks only at the lines whose extent
    covers its top, kept in buckets of height (comparing every word with every line took minutes on a page of
    thousands of lines)."""
    lines: list[list[_Word]] = []
    firsts: list[float] = []  # the baseline of each line's first word, in order of opening: never decreasing
    small = [word for word in words if word.size < body * _SMALL]
    for word in sorted((w for w in words if w.size >= body * _SMALL), key=lambda w: (w.bottom, w.x0)):
        at = max(0, bisect.bisect_left(firsts, word.bottom - _LINE_TOLERANCE) - 1)
        while at < len(lines) and abs(firsts[at] - word.bottom) > _LINE_TOLERANCE:
            at += 1
        if at < len(lines):
            lines[at].append(word)
        else:
            lines.append([word])
            firsts.append(word.bottom)
    if small:
        _join_small_words(lines, small)
    for line in lines:
        line.sort(key=lambda w: w.x0)
    lines.sort(key=lambda line: min(w.top for w in line))
    return lines


_BUCKET = 16.0  # points: the height of a bucket of lines for `_join_small_words`


def _join_small_words(lines: list[list[_Word]], small: list[_Word]) -> None:
    """Each small word joins the line it touches (from 5 points above its top to its bottom) whose top is nearest
    its own, the first such line on a tie; a word touching none opens a line of its own."""
    tops = [min(w.top for w in line) for line in lines]
    bottoms = [max(w.bottom for w in line) for line in lines]
    buckets: dict[int, list[int]] = {}
    spans: list[tuple[int, int]] = []

    def register(index: int) -> None:
        low, high = math.floor((tops[index] - 5) / _BUCKET), math.floor(bottoms[index] / _BUCKET)
        old_low, old_high = spans[index] if index < len(spans) else (high + 1, high)
        for bucket in range(low, high + 1):
            if not old_low <= bucket <= old_high:
                buckets.setdefault(bucket, []).append(index)
        if index < len(spans):
            spans[index] = (min(low, old_low), max(high, old_high))
        else:
            spans.append((low, high))

    for index in range(len(lines)):
        register(index)
    for word in small:
        candidates = buckets.get(math.floor(word.top / _BUCKET), [])
        touching = [i for i in candidates if tops[i] - 5 <= word.top <= bottoms[i]]
        if touching:
            chosen = min(touching, key=lambda i: (abs(tops[i] - word.top), i))
            lines[chosen].append(word)
            tops[chosen], bottoms[chosen] = min(tops[chosen], word.top), max(bottoms[chosen], word.bottom)
        else:
            lines.append([word])
            tops.append(word.top)
            bottoms.append(word.bottom)
            chosen = len(lines) - 1
        register(chosen)


def _is_mark(word: _Word, body: float) -> bool:
    return word.size < body * _SMALL and word.text.isdigit()


def _joined(words: list[_Word]) -> list[list[_Word]]:
    """Words in pieces: a word set flush against the one before (a change of font inside a word) is one piece with
    it."""
    pieces: list[list[_Word]] = []
    for word in words:
        if pieces and word.x0 - pieces[-1][-1].x1 < _GLUED:
            pieces[-1].append(word)
        else:
            pieces.append([word])
    return pieces


def _text(piece: list[_Word]) -> str:
    return "".join(word.text for word in piece)


def _line_text(line: list[_Word], body: float) -> StyledLine:
    """One body line: its footnote marks as superscript digits glued after the word they follow, its italic words
    in italics (an opening phrase wrapped onto the next line goes on in italics there: the parser joins the two)."""
    pieces = _joined([word for word in line if not _is_mark(word, body)])
    marks: list[list[str]] = [[] for _ in pieces]  # the marks glued after each piece
    leading: list[str] = []  # marks before the first piece
    for mark in (word for word in line if _is_mark(word, body)):
        after = [i for i, piece in enumerate(pieces) if piece[-1].x1 <= mark.x0 + 0.5]
        (marks[after[-1]] if after else leading).append(mark.text)
    return _add_pieces(StyledLine(), pieces, marks, leading)


def _add_pieces(
    styled: StyledLine, pieces: list[list[_Word]], marks: list[list[str]], leading: list[str]
) -> StyledLine:
    """Pieces one space apart, marks glued, words in their italics and bold, but for the punctuation that ends an
    italic run (`Recalling` italic, its comma not: the opening phrase is the words)."""
    for mark in leading:
        styled.mark(mark)
    for index, piece in enumerate(pieces):
        if index:
            styled.add(" ")
        run_ends = bool(marks[index]) or index == len(pieces) - 1 or not pieces[index + 1][0].italic
        for word in piece:
            bold: tuple[Style, ...] = ("bold",) if word.bold else ()
            if not word.italic:
                styled.add(word.text, *bold)
                continue
            text = word.text.rstrip(_TRAILING) if run_ends and word is piece[-1] else word.text
            styled.add(text, "italic", *bold).add(word.text[len(text) :], *bold)
        for mark in marks[index]:
            styled.mark(mark)
    return styled


# --- the footnote area --------------------------------------------------------------------------------------


def _notes(words: list[_Word], page: int, body: float, margin: float, carried: _Note | None) -> list[_Note]:
    """Footnotes opened by their small numbers; lines before the first number continue the note `carried` over
    from the page before (they are joined to it there, keeping the page they are printed on). A line's indent is
    measured from where its note's number stands, so that a note's wrapped lines are indented under its first."""
    notes: list[_Note] = []
    origin = f"page {page}"
    for line in _group_lines(words, body):
        first = line[0]
        opens = _is_mark(first, body)
        pieces = _joined(line[1:] if opens else line)
        text = _add_pieces(StyledLine(), pieces, [[] for _ in pieces], [])
        if opens:
            notes.append(_Note(first.text, first.x0))
        elif not notes and carried is None:  # lines below the rule that no number opens: kept as they are
            notes.append(_Note("", margin))
        note = notes[-1] if notes else carried
        assert note is not None
        where = {"page": page, "indent": round(first.x0 - note.edge, 1), "origin": origin}
        note.lines.append(text.line(note=first.text if opens else None, **where))
    return notes
