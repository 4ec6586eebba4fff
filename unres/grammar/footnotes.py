"""Footnotes: find their texts wherever a rendering put them, and tell footnote marks from numbers in the text.

Footnote texts arrive in three shapes: a line opened by a mark (¹, `[^4]:`, LaTeX `$^{6}$`); a footnote area
below a rule (`____`) at the foot of a page, where pdftotext may have pulled the numbers away from their texts;
and a pile of numbered lines after the closing, as Word exports put them. Marks in the text are either explicit
(superscripts, `[^n]`) or bare digits ("Crime,6", "Crime7", "Court, 2"); bare digits count as marks only where
the footnote numbering allows it: UN footnotes are numbered in order of first reference, so a new mark is always
one more than the highest seen so far.
"""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass, field, replace

from unres.formats.lines import MARK_CLOSE, MARK_OPEN
from unres.grammar.lines import SYMBOL_RE, Kind, Line
from unres.grammar.options import OPTIONS
from unres.grammar.vocabulary import (
    ANNEX_LINE,
    CLOSING_LINE,
    MONTH_NAMES,
    NUMBER_FOLLOWERS,
    NUMBER_TAKING_WORDS,
    WORDS_AFTER_A_MARK,
)

_NUMBERED_TEXT = re.compile(rf"^(\d{{1,3}})\s+(?!(?:{MONTH_NAMES})\b)(\S.*)$")  # a day of a date is no footnote number
_ENDS_SENTENCE = re.compile(r"[.;)\]”’\"]\s*$")
# An asterisk glued to the word before it ("Egypt:* draft resolution", "Title*"): a star footnote's reference.
_STAR_REFERENCE = re.compile(r"(?<=[^\s*])\*(?=\s|$)")


# The rules that name a line a footnote text (or set it aside beside one), with their reasons.
FOOTNOTE_RULES: dict[str, str] = {
    "star-note": "the note of an asterisk after the sponsors, symbol or title ('* Any changes to the list of "
    "sponsors …'), under a rule or at the foot of a page: a note on the front matter, not on the text",
    "footnote-continued": "an indented or unbroken line after an unfinished footnote goes on with it",
    "footnote-area": "below a rule at the foot of a page, up to the page break: numbered footnote texts",
    "footnote-pile": "numbered lines after the closing, or at the very end, going on from the last footnote number",
    "footnote-paired": "numbers pulled away from their texts are paired with the unnumbered texts of their area",
    "footnote-number-without-text": "a footnote number in an area with no text left for it: set aside and reported",
}


@dataclass
class FootnoteDraft:
    """A footnote text being assembled from one or more lines."""

    number: int
    parts: list[str] = field(default_factory=list)
    lines: list[int] = field(default_factory=list)

    @property
    def text(self) -> str:
        return " ".join(self.parts)


@dataclass
class FootnoteResult:
    lines: list[Line]  # the lines given, those found to be footnote texts or star notes retyped
    footnotes: dict[int, FootnoteDraft]
    warnings: list[str]


def collect_footnotes(given: list[Line]) -> FootnoteResult:
    """Find every footnote text and return the texts by number, with the lines that hold them retyped
    Kind.FOOTNOTE (the star note's Kind.STAR_NOTE); the lines given are not changed."""
    lines = mark_star_notes(given)
    footnotes: dict[int, FootnoteDraft] = {}
    warnings: list[str] = []
    has_form_feeds = any(line.page_break for line in lines)
    closing_seen = False
    index = 0
    while index < len(lines):
        line = lines[index]
        if line.kind is Kind.TEXT and CLOSING_LINE.match(line.text):
            closing_seen = True
        elif line.kind is Kind.TEXT and ANNEX_LINE.match(line.text):
            closing_seen = False
        if line.kind is Kind.FOOTNOTE and line.footnote_mark is not None:
            index = _take_marked_footnote(lines, index, footnotes)
            continue
        if line.kind is Kind.SEPARATOR:
            end = _zone_end(lines, index + 1, has_form_feeds)
            _read_zone(lines, range(index + 1, end), footnotes, warnings, "footnote-area")
            index = end
            continue
        if closing_seen and line.kind is Kind.TEXT and _starts_pile(line, footnotes):
            end = _pile_end(lines, index)
            _read_zone(lines, range(index, end), footnotes, warnings, "footnote-pile")
            index = end
            continue
        index += 1
    pile = _end_pile_start(lines, max(footnotes, default=0))
    if pile is not None:
        _read_zone(lines, range(pile, len(lines)), footnotes, warnings, "footnote-pile")
    return FootnoteResult(lines, footnotes, warnings)


def mark_star_notes(given: list[Line]) -> list[Line]:
    """The note of an asterisk printed after the sponsors, the symbol or the title ("* Any changes to the list of
    sponsors will be reflected in the official record of the meeting.") is a footnote of the front matter, not of the
    text. It is the line opened by '* ' at the head of a footnote area (or anywhere, when the rendering prints no
    footnote rules), once a line before it carried the asterisk."""
    lines = list(given)
    has_rules = any(line.kind is Kind.SEPARATOR for line in lines)
    referenced = False
    previous: Line | None = None  # the last line that was not blank
    for index, line in enumerate(lines):
        if line.kind is Kind.TEXT and line.starred and referenced:
            under_rule = previous is not None and previous.kind is Kind.SEPARATOR
            if not has_rules or under_rule or _at_foot_of_page(lines, index):
                _take_star_note(lines, index)
        elif line.kind is Kind.TEXT and "*" in line.text and _STAR_REFERENCE.search(line.text):
            referenced = True
        if lines[index].kind is not Kind.BLANK:
            previous = lines[index]
    return lines


def _at_foot_of_page(lines: list[Line], index: int) -> bool:
    """The line is the last text of its page: page furniture, a page break or the end follows (past blanks)."""
    for position in range(index + 1, len(lines)):  # no slice: a copy of the rest per line is quadratic
        following = lines[position]
        if following.kind is Kind.BLANK:
            continue
        return following.page_break or following.kind in (Kind.SYMBOL, Kind.FURNITURE, Kind.LONE_NUMBER)
    return True


def _take_star_note(lines: list[Line], index: int) -> None:
    text = lines[index].text
    lines[index] = lines[index].retyped(Kind.STAR_NOTE, "star-note")
    for position in range(index + 1, min(len(lines), index + OPTIONS.star_note_lines)):
        following = lines[position]
        if _ENDS_SENTENCE.search(text) or following.kind is not Kind.TEXT:
            return
        lines[position] = following.retyped(Kind.STAR_NOTE, "star-note")
        text = following.text


def _end_pile_start(lines: list[Line], last: int) -> int | None:
    """Footnotes piled at the very end without a rule: numbered lines running last+1, last+2 … to the end."""
    numbered = [
        (index, int(found.group(1)))
        for index, line in enumerate(lines)
        if line.kind is Kind.TEXT and (found := _NUMBERED_TEXT.match(line.text))
    ]
    text_after = {index for index, line in enumerate(lines) if line.kind is Kind.TEXT}
    expected = None
    start = None
    for position in range(len(numbered) - 1, -1, -1):
        index, number = numbered[position]
        following = numbered[position + 1] if position + 1 < len(numbered) else None
        if following is not None and number != following[1] - 1:
            break
        if following is None and any(
            i > index + 1 and lines[i - 1].kind is Kind.BLANK for i in text_after if i > index
        ):
            return None
        start, expected = index, number
    if start is None or expected != last + 1 or len([n for n in numbered if n[0] >= start]) < 2:
        return None
    return start


def _take_marked_footnote(lines: list[Line], index: int, footnotes: dict[int, FootnoteDraft]) -> int:
    """A line opened by an explicit mark; an indented or unbroken next line continues it."""
    first = lines[index]
    assert first.footnote_mark is not None
    draft = _new_footnote(lines, footnotes, int(first.footnote_mark), index, "footnote-marked")
    index += 1
    while index < len(lines):
        following = lines[index]
        unfinished = not _ends_sentence(draft.parts)
        if following.kind is Kind.FOOTNOTE and following.footnote_mark is not None and unfinished:
            # An extractor took a wrapped line starting with a number for a new footnote ("[^7]: February 1984."
            # right under "… as from"): the number is text, the line continues this footnote.
            following = replace(following, text=f"{following.footnote_mark} {following.text}", footnote_mark=None)
        elif following.kind is not Kind.TEXT:
            break
        indented = following.indent >= 2 and following.indent > first.indent
        if not (indented or unfinished):
            break
        draft.parts.append(following.text)
        draft.lines.append(following.number)
        lines[index] = following.retyped(Kind.FOOTNOTE, "footnote-continued")
        index += 1
    return index


def _ends_sentence(parts: list[str]) -> bool:
    """Does the text these parts make end a sentence? Only the last part that is not blank is looked at, so a
    footnote continued over many lines is read in linear time (searching the whole joined text each line was not)."""
    for part in reversed(parts):
        if part.strip():
            return bool(_ENDS_SENTENCE.search(part))
    return False


def _new_footnote(
    lines: list[Line], footnotes: dict[int, FootnoteDraft], number: int, index: int, rule: str, text: str | None = None
) -> FootnoteDraft:
    """Footnote `number` opens at lines[index] (with `text`, when its number was taken off the line)."""
    line = lines[index]
    text = line.text if text is None else text
    lines[index] = line.retyped(Kind.FOOTNOTE, rule, text=text, footnote_mark=str(number))
    if number in footnotes:  # the same number printed twice (a rendering artefact): keep both texts under it
        footnotes[number].parts.append(text)
        footnotes[number].lines.append(line.number)
        return footnotes[number]
    draft = FootnoteDraft(number, [text], [line.number])
    footnotes[number] = draft
    return draft


def _zone_end(lines: list[Line], start: int, has_form_feeds: bool) -> int:
    """A footnote area ends at the page break, or at the next page's running header."""
    for index in range(start, len(lines)):
        line = lines[index]
        if line.page_break or line.kind is Kind.SYMBOL or line.kind is Kind.SEPARATOR:
            return index
        if not has_form_feeds and line.kind is Kind.FURNITURE:
            return index
        if line.kind is Kind.TEXT and (CLOSING_LINE.match(line.text) or ANNEX_LINE.match(line.text)):
            return index
    return len(lines)


def _starts_pile(line: Line, footnotes: dict[int, FootnoteDraft]) -> bool:
    found = _NUMBERED_TEXT.match(line.text)
    return found is not None and int(found.group(1)) == max(footnotes, default=0) + 1


def _pile_end(lines: list[Line], start: int) -> int:
    for index in range(start, len(lines)):
        line = lines[index]
        if line.kind is Kind.TEXT and ANNEX_LINE.match(line.text):
            return index
        if line.kind in (Kind.JUNK, Kind.SEPARATOR, Kind.SYMBOL):
            return index
    return len(lines)


def _read_zone(
    lines: list[Line], zone: range, footnotes: dict[int, FootnoteDraft], warnings: list[str], rule: str
) -> None:
    """Pair numbers with texts in a footnote area (lines[zone]), even where the extractor pulled them apart."""
    content = [index for index in zone if lines[index].kind in (Kind.TEXT, Kind.LONE_NUMBER, Kind.FOOTNOTE)]
    last = max(footnotes, default=0)
    limit = last + len(content) + OPTIONS.footnote_zone_slack
    # (number or None, index, text without its number); a lone number's line holds the number alone
    items: list[tuple[int | None, int, str]] = []
    for index in content:
        line = lines[index]
        if line.kind is Kind.FOOTNOTE and line.footnote_mark is not None:
            items.append((int(line.footnote_mark), index, line.text))
            continue
        if line.kind is Kind.LONE_NUMBER:
            number = int(line.text)
            if last < number <= limit:
                items.append((number, index, line.text))
            continue
        found = _NUMBERED_TEXT.match(line.text)
        if found and last < int(found.group(1)) <= limit:
            items.append((int(found.group(1)), index, found.group(2)))
        else:
            items.append((None, index, line.text))

    current: FootnoteDraft | None = footnotes[last] if last else None
    orphan_numbers: list[tuple[int, int]] = []  # (number, index of its line)
    orphan_texts: list[list[int]] = []  # runs of indexes of unnumbered lines
    position = 0
    while position < len(items):
        mark, index, text = items[position]
        following = items[position + 1] if position + 1 < len(items) else None
        if mark is not None and lines[index].kind is Kind.LONE_NUMBER:
            # a number on its own line, its text next; after other numbers waiting for their texts, it waits too
            if following is not None and following[0] is None and not orphan_numbers:
                current = _new_footnote(lines, footnotes, mark, following[1], rule)
                lines[index] = lines[index].retyped(Kind.FOOTNOTE, rule)
                position += 2
                continue
            orphan_numbers.append((mark, index))
        elif mark is not None:
            current = _new_footnote(lines, footnotes, mark, index, rule, text)
        elif _continues(current, text, orphan_texts) and current is not None:
            current.parts.append(text)
            current.lines.append(lines[index].number)
            lines[index] = lines[index].retyped(Kind.FOOTNOTE, "footnote-continued")
        else:
            orphan_texts.append([index])
        position += 1

    _pair_orphans(lines, orphan_numbers, orphan_texts, footnotes, warnings)


def _continues(current: FootnoteDraft | None, text: str, orphan_texts: list[list[int]]) -> bool:
    """An unnumbered line continues the footnote before it when that one is unfinished."""
    if current is None or orphan_texts:
        return False
    return not _ENDS_SENTENCE.search(current.text) or text[:1].islower()


def _pair_orphans(
    lines: list[Line],
    numbers: list[tuple[int, int]],
    texts: list[list[int]],
    footnotes: dict[int, FootnoteDraft],
    warnings: list[str],
) -> None:
    """Give numbers that lost their texts the unnumbered texts of the same area, in order.

    Unnumbered text in an area with no spare numbers is not a footnote: it stays for the structure pass.
    """
    if not numbers:
        return
    while len(texts) > len(numbers) and len(texts) > 1:
        join_at = next(
            (i for i in range(1, len(texts)) if not _ENDS_SENTENCE.search(lines[texts[i - 1][-1]].text)),
            len(texts) - 1,
        )
        texts[join_at - 1].extend(texts.pop(join_at))
    numbers.sort(key=lambda item: item[0])
    for (number, number_index), text_indexes in zip(numbers, texts, strict=False):
        draft = _new_footnote(lines, footnotes, number, text_indexes[0], "footnote-paired")
        for extra in text_indexes[1:]:
            draft.parts.append(lines[extra].text)
            draft.lines.append(lines[extra].number)
            lines[extra] = lines[extra].retyped(Kind.FOOTNOTE, "footnote-continued")
        lines[number_index] = lines[number_index].retyped(Kind.FOOTNOTE, "footnote-paired")
    for number, number_index in numbers[len(texts) :]:
        lines[number_index] = lines[number_index].retyped(Kind.FURNITURE, "footnote-number-without-text")
        warnings.append(f"{lines[number_index].origin}: footnote number {number} has no text; set aside")


# --- marks in the text ----------------------------------------------------------------------------------

_DIGIT = re.compile(r"\d")
_EXPLICIT = re.compile(f"{MARK_OPEN}(\\d{{1,3}}){MARK_CLOSE}")
# After punctuation: "Crime,6", "79/7;1", "Power.1". Not a thousands group ("1,000") nor a decimal ("2.5 per cent").
_PUNCT_ATTACHED = re.compile(
    r"(?<=[,;:.”’\")\]])(?<!\d,(?=\d{3}))(?<!\d\.(?=\d+\s+[a-z]))(\d{1,3})(?=[\s,;:.)\]]|$)(?![,.]\d{3}\b)"
)
_WORD_ATTACHED = re.compile(r"(?<=[^\W\d_A-Z])(\d{1,3})(?=[\s,;:.)\]”’]|$)")
_YEAR_ATTACHED = re.compile(r"\b(?:1[89]|20)\d\d(\d{1,2})(?=[\s,;:.)\]]|$)")
# Never the first group of a number written with thousands separators ('in 2024, 1,622 persons').
_STANDALONE = re.compile(r"(?<=\s)(\d{1,3})(?=[\s,;:.]|$)(?![,.]\d{3}\b)")
# Glued to the next word by an extractor that lost the space after it: "Weapons 6and the", "law, 7in which".
_LEADING = re.compile(r"(?<=\s)(\d{1,3})(?=(?!(?:st|nd|rd|th|s)\b)[a-z]{2,}\b)")
_TOKEN_BEFORE = re.compile(r"(\S+)\s*$")
_TOKEN_AFTER = re.compile(r"^[\s,;:.]*([^\s,;:.]+)")


Span = tuple[int, int, int]  # (start, end, footnote number) in one text


def read_marks(texts: list[str], known: set[int]) -> list[tuple[str, list[tuple[str, int]]]]:
    """Take the footnote marks out of every text (given in document order); return clean texts and marks.

    A first reading accepts only safe marks. A footnote number that it never found is then looked for among the
    numbers it refused because of the word before them ('the agenda 5 and'): if exactly one such number sits
    between the marks before and after it in the sequence, it is the mark, and the reading is done again.
    """
    forced: set[tuple[int, int]] = set()
    for _ in range(8):
        reader = _MarkReader(known, forced)
        spans = [reader.find(index, text) for index, text in enumerate(texts)]
        extra = reader.recover_missing()
        if not extra:
            break
        forced |= extra
    return [_remove_spans(text, found) for text, found in zip(texts, spans, strict=True)]


@dataclass
class _MarkReader:
    known: set[int]  # footnote numbers that have texts; empty when the rendering has none
    forced: set[tuple[int, int]]  # (text index, start) of marks recovered by a previous reading
    highest: int = 0
    first_seen: dict[int, tuple[int, int]] = field(default_factory=dict)
    refused: list[tuple[tuple[int, int], int]] = field(default_factory=list)

    def find(self, index: int, text: str) -> list[Span]:
        if not _DIGIT.search(text):  # every kind of mark is digits: a text without any has none to look for
            return []
        found: list[Span] = []
        protected = [m.span() for m in SYMBOL_RE.finditer(text)]
        # Candidates come in order of start and none is empty, so one overlaps a mark already found exactly when
        # it starts before the furthest end found so far (comparing with every mark found was quadratic).
        reach = -1
        for start, end, number, style in sorted(self._candidates(text, protected), key=lambda c: c[0]):
            if start < reach:
                continue
            verdict = (index, start) in self.forced or self._accept(text, start, end, number, style)
            if verdict is True:
                found.append((start, end, number))
                reach = max(reach, end)
                self.highest = max(self.highest, number)
                self.first_seen.setdefault(number, (index, start))
            elif verdict is None:
                self.refused.append(((index, start), number))
        return found

    def recover_missing(self) -> set[tuple[int, int]]:
        recovered = set()
        for number in sorted(self.known - set(self.first_seen)):
            if number > 1 and number - 1 not in self.first_seen:
                continue  # only a gap right after a mark already found is filled, never a guess in the dark
            after = max((pos for n, pos in self.first_seen.items() if n < number), default=(-1, -1))
            before = min((pos for n, pos in self.first_seen.items() if n > number), default=(1 << 30, 0))
            candidates = [pos for pos, n in self.refused if n == number and after < pos < before]
            if len(candidates) == 1:
                recovered.add(candidates[0])
        return recovered

    def _candidates(self, text: str, protected: list[tuple[int, int]]) -> list[tuple[int, int, int, str]]:
        result = [(m.start(), m.end(), int(m.group(1)), "explicit") for m in _EXPLICIT.finditer(text)]
        patterns = [(_PUNCT_ATTACHED, "attached"), (_WORD_ATTACHED, "attached")]
        protected_starts = [p_start for p_start, _ in protected]
        if self.known:
            patterns += [(_YEAR_ATTACHED, "year"), (_STANDALONE, "standalone"), (_LEADING, "leading")]
        for pattern, style in patterns:
            for m in pattern.finditer(text):
                start, end = m.span(1)
                # symbols do not overlap: only the last one starting at or before `start` can hold it
                before = bisect.bisect_right(protected_starts, start) - 1
                if before >= 0 and start < protected[before][1]:
                    continue
                result.append((start, end, int(m.group(1)), style))
        return result

    def _accept(self, text: str, start: int, end: int, number: int, style: str) -> bool | None:
        """True: a mark. False: not one. None: a number in mark position refused for the word before it."""
        if style == "explicit":
            return True
        if text[start] == "0":
            return False  # a footnote number has no leading zero: '1.A.04' is a schedule, '2.05' a sum
        if self.known and number not in self.known:
            return False
        is_new = number == self.highest + 1
        is_repeat = 0 < number <= self.highest
        if style == "attached" and _numbers_a_reference(text, start):
            return False
        if style == "attached":  # close to a word: a mark even when the one before it was missed
            return is_repeat or self.highest < number <= self.highest + 3
        if style in ("year", "leading"):
            return is_new
        before_match = _TOKEN_BEFORE.search(text[:start])
        before = before_match.group(1) if before_match else ""
        after_match = _TOKEN_AFTER.match(text[end:])
        after = after_match.group(1).lower() if after_match else ""
        if not before or after in NUMBER_FOLLOWERS or after.startswith(("%", "per")):
            return False
        if before[-1] in ',;:.”’")':
            # A footnote cited again is rare; a count in a list is not ('violence, 5 abductions, 4 sexual assaults'):
            # a number already used as a mark is one again only where a mark can stand, before a word that joins on.
            return is_new or (is_repeat and (not after or not after[0].islower() or after in WORDS_AFTER_A_MARK))
        if before[-1] in "-–/(":
            return False
        if before.lower() in NUMBER_TAKING_WORDS:
            return None
        return is_new or None


# Abbreviations a number follows after a full stop: "Add.1", "para.5", "vol.2".
_ABBREVIATIONS = frozenset(
    [
        "add",
        "corr",
        "rev",
        "amend",
        "no",
        "nos",
        "para",
        "paras",
        "art",
        "arts",
        "vol",
        "vols",
        "sect",
        "suppl",
        "chap",
        "ch",
        "p",
        "pp",
        "fig",
    ]
)


def _numbers_a_reference(text: str, start: int) -> bool:
    """A number after a full stop that belongs to a reference ('C-24/DEC.4', 'Add.1'), not a mark after a sentence."""
    if text[start - 1 : start] != ".":
        return False
    found = _TOKEN_BEFORE.search(text[: start - 1])
    word = found.group(1) if found else ""
    # A part of a reference lettered on its own ('GC(69)/RES/9 A.2', 'section B.3'): no sentence ends on one letter.
    single_letter = len(word.lstrip("(")) == 1 and word[-1:].isalpha()
    return "/" in word or "." in word or word.lower().lstrip("(") in _ABBREVIATIONS or single_letter


def _remove_spans(text: str, spans: list[tuple[int, int, int]]) -> tuple[str, list[tuple[str, int]]]:
    """Cut the marks out, closing up the space a detached mark ('Crime 5 and') leaves behind."""
    out = ""
    refs: list[tuple[str, int]] = []
    cursor = 0
    for start, end, number in sorted(spans):
        between = text[cursor:start]
        if refs and cursor > 0 and between.strip() == "," and refs[-1][1] == len(out):
            between = ""  # the comma of a list of marks ('conflict,10,11'), not of the sentence
        out += between
        cursor = end
        if out.endswith(" ") and (cursor >= len(text) or text[cursor] in " ,;:.)"):
            out = out.rstrip(" ")
        refs.append((str(number), len(out)))
    out += text[cursor:]
    return out, refs
