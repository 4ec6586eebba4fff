"""The paragraphs: decide, line by line, where each paragraph and sub-paragraph starts and where it goes on.

General rules, not per-file cases:
- an operative paragraph starts with its number ("3."), and numbers run in sequence; a number that breaks the
  sequence is text ("…article\n3. of"), not a paragraph;
- a sub-paragraph starts with a label in sequence: (a), (b) … and, under a letter, (i), (ii) …;
- a preambular paragraph starts with an opening word (a participle or adjective) after a line that ended a clause;
- everything else continues the paragraph before it, which is how a paragraph cut by a page break, with footnotes
  and page furniture between its halves, becomes whole again;
- a short unpunctuated line between operative paragraphs is a section heading; "Annex" after the closing starts
  an annex with its own numbering.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from unres.formats.lines import ITALIC_OPEN, MARK_CLOSE, MARK_OPEN
from unres.grammar.lines import Kind, Line, plain
from unres.grammar.vocabulary import (
    ADVERBS,
    NUMBER_TAKING_WORDS,
    OPENING_TAILS,
    OPERATIVE_VERBS,
    PREAMBULAR_OPENERS,
)
from unres.models import Closing, ParagraphKind

# Up to five digits: a long text (a compiled list, a generated document) runs past paragraph 999.
_NUMBER_LABEL = re.compile(r"^(\d{1,5})\.(?:\s+|$)(.*)$")
_SUB_LABEL = re.compile(r"^\(([a-z]{1,3})\)(?:\s+|$)(.*)$")
_HEADING_LABEL = re.compile(r"^([IVXL]{1,5}|[A-H])\.(?:\s+|$)(.*)$")
_CLOSING = re.compile(r"^(\d{1,3}(?:st|nd|rd|th)\s+(?:plenary\s+)?meeting)\b[\s,.]*(.*)$", re.IGNORECASE)
_DATE = re.compile(
    r"^\d{1,2}\s+(?:January|February|March|April|May|June|July|August|September|October|November|December)\s+\d{4}$"
)
_ANNEX = re.compile(r"^(Annex|ANNEX)(?:\s+([IVXLC]+|\d{1,2}))?\b\.?\s*(.*)$")
_CLAUSE_END = re.compile(f'[,;:.!?]\\s*(?:{MARK_OPEN}\\d+{MARK_CLOSE}|\\d{{1,3}})?\\s*[”’"]?\\s*$')
_CLAUSE_TAIL = 40
# A paragraph that lost its final comma before its footnote mark ('… the plan for 2022 1'): a number ends the text.
_ENDS_WITH_MARK = re.compile(f"(?:\\s\\d{{1,3}}|{MARK_OPEN}\\d+{MARK_CLOSE})\\s*$")
# Capitalised words a preambular participle addresses ("Urging Member States to …", "Inviting Governments …").
_ADDRESSEES = frozenset({"Member", "States", "Governments", "Parties", "Heads", "United", "Member-States"})
# How deep each style of list sits: a new list of a style opens under the deepest open item of a shallower one, so
# "(i)" after "(ii)" restarts a list instead of nesting ever deeper.
_LEVEL = {"number": 0, "plain": 0, "letter": 1, "roman": 2, "item": 3}
_LONGEST_TAIL = max(len(tail.split(" ")) for tail in OPENING_TAILS)
_ROMAN = re.compile(r"^(?=[ivxlc])(c{0,3})(xc|xl|l?x{0,3})(ix|iv|v?i{0,3})$")
# A paragraph number inside a line, after the end of a sentence and before a capital ('…Development.2 2. We').
# One pattern for every number (a pattern per expected number would flood `re`'s cache): callers check the number.
_EMBEDDED_NUMBER = re.compile(rf"(?<=\S)\s+(\d+)\.\s+(?=[A-Z{ITALIC_OPEN}“])")


def _past_adverbs(words: list[str]) -> int:
    """Where the opening word is, past up to two adverbs ('Also', 'Once again', 'Deeply')."""
    index = 0
    while index < min(2, len(words) - 1) and words[index].lower() in ADVERBS:
        index += 1
    return index


def starts_preambular(text: str, strict: bool = False) -> bool:
    """Does this line open a preambular paragraph ('Recalling', 'Deeply concerned', 'Bearing in mind')?

    `strict` admits only the standard opening words; otherwise any capitalised participle followed by a
    lower-case word counts too ('Re-emphasizing its support'), but a list item such as 'Eliminating chemical
    weapons' inside a list introduced by a colon is strict-rejected.
    """
    words = plain(text).replace(ITALIC_OPEN, "").split()
    if not words or not words[0][:1].isupper():
        return False
    index = _past_adverbs(words)
    head = words[index].lower().rstrip(",")
    if head in PREAMBULAR_OPENERS:
        return True
    if strict:
        return False
    following = words[index + 1] if index + 1 < len(words) else ""
    # "Stockpiling and Use of …" is a title cut by a page break, not an opening: an opening word takes an object.
    participle = head.endswith(("ing", "ed")) and len(head) > 4 and following not in ("and", "or", "nor")
    addressee = head.endswith("ing") and following in _ADDRESSEES  # "Urging Member States", "Inviting States"
    return participle and (following[:1].islower() or addressee)


def starts_operative_verb(text: str) -> bool:
    """Does this line open with an operative verb ('Adopts the …', 'Also requests …')?"""
    words = plain(text).split()
    index = _past_adverbs(words)
    return bool(words) and words[0][:1].isupper() and words[index].lower() in OPERATIVE_VERBS


def ends_clause(text: str) -> bool:
    """Does the text end a clause (comma, semicolon, colon, full stop), footnote marks aside?

    Only the tail is looked at: the question is asked of a paragraph after each of its lines, and a paragraph can
    be long (a pathological one, megabytes).
    """
    return bool(_CLAUSE_END.search(plain(text[-_CLAUSE_TAIL:])))


def opening_phrase(text: str, kind: ParagraphKind) -> str | None:
    """The opening phrase a drafter italicises: 'Recalling also', 'Takes note of', 'Deeply concerned'."""
    words = text.split()
    index = _past_adverbs(words)
    if not words or not words[0][:1].isupper():
        return None
    head = words[index].lower().strip(",;:")
    if kind == "preambular":
        if not (head in PREAMBULAR_OPENERS or (head.endswith(("ing", "ed")) and len(head) > 4)):
            return None
    elif kind == "operative":
        if not (head.endswith("s") and head.isalpha() and head not in ("its", "this", "has")):
            return None
    else:
        return None
    end = index + 1
    # Only as many words as the longest tail, and one more, can decide a match: a long paragraph is not folded whole.
    rest = " ".join(w.lower().strip(",;:") for w in words[end : end + _LONGEST_TAIL + 1])
    for tail in OPENING_TAILS:
        if rest == tail or rest.startswith(tail + " "):
            end += len(tail.split())
            break
    return " ".join(words[:end]).rstrip(",;:")


def roman_value(label: str) -> int | None:
    if not _ROMAN.match(label):
        return None
    values = {"i": 1, "v": 5, "x": 10, "l": 50, "c": 100}
    total = 0
    for char, following in zip(label, [*label[1:], ""], strict=True):
        value = values[char]
        total += -value if following and values[following] > value else value
    return total


def next_label(label: str, style: str) -> str:
    if style == "roman":
        value = roman_value(label) or 0
        return to_roman(value + 1)
    if len(set(label)) == 1 and label[0] == "z":
        return "a" * (len(label) + 1)
    if len(set(label)) == 1:  # a, b … z, then aa, bb … as the Editorial Manual has it
        return chr(ord(label[0]) + 1) * len(label)
    return label


def to_roman(value: int) -> str:
    numerals = [
        (100, "c"),
        (90, "xc"),
        (50, "l"),
        (40, "xl"),
        (10, "x"),
        (9, "ix"),
        (5, "v"),
        (4, "iv"),
        (1, "i"),
    ]
    out = ""
    for number, numeral in numerals:
        while value >= number:
            out += numeral
            value -= number
    return out


@dataclass
class Draft:
    """A paragraph being assembled."""

    kind: ParagraphKind
    label: str | None
    style: str  # "number", "letter", "roman", "item" (unlabelled list item), "plain"
    pieces: list[str] = field(default_factory=list)
    children: list[Draft] = field(default_factory=list)
    section: str | None = None
    line: int | None = None  # source line where the paragraph starts

    @property
    def text(self) -> str:
        """The pieces joined by line breaks, which `_clean` resolves (line-end hyphens need to see them)."""
        return "\n".join(self.pieces)

    @property
    def tail(self) -> str:
        """The last line or two: enough to see how the text so far ends, without joining a long paragraph."""
        return "\n".join(self.pieces[-2:])


@dataclass
class AnnexDraft:
    heading: str
    title_parts: list[str] = field(default_factory=list)
    title_open: bool = True
    paragraphs: list[Draft] = field(default_factory=list)


@dataclass
class Structure:
    """What the structure pass found."""

    paragraphs: list[Draft]
    annexes: list[AnnexDraft]
    closing: Closing | None
    trailer: list[Line]  # lines after the closing that are neither footnotes nor annex: metadata
    warnings: list[str]


class StructureReader:
    """Walks the lines after the author line and assembles paragraphs."""

    def __init__(self, lines: list[Line], start: int, title: str | None = None) -> None:
        self.lines = lines
        self.title = title
        self.start = start
        self.paragraphs: list[Draft] = []
        self.annexes: list[AnnexDraft] = []
        self.stack: list[Draft] = []
        self.part: str = "preamble"  # preamble, operative, after-closing, annex
        self.expected = 1
        self.gap = False
        self.gap_removed = False
        self.section: str | None = None
        self.section_pending = False
        self.awaiting_text = False
        self.heading_open = False  # a heading label ("I.") stood alone: its text is on the next line
        self.closing: Closing | None = None
        self.trailer: list[Line] = []
        self.warnings: list[str] = []
        self.index = start
        self.italic_openings = _italic_openings(lines[start:])

    def read(self) -> Structure:
        for index in range(self.start, len(self.lines)):
            self.index = index
            line = self.lines[index]
            if line.kind is Kind.BLANK:
                self.gap = True
            elif line.kind is Kind.TEXT:
                self._text(line)
                self.gap = self.gap_removed = False
            else:
                self.gap = self.gap_removed = True
        if self.section_pending and self.section is not None:
            self.warnings.append(f"heading '{self.section}' is followed by no paragraph")
        return Structure(self.paragraphs, self.annexes, self.closing, self.trailer, self.warnings)

    # --- one line --------------------------------------------------------------------------------------

    def _text(self, line: Line) -> None:
        text = line.text
        if self.part == "after-closing":
            self._after_closing(line)
            return
        closing = _CLOSING.match(plain(text))
        if closing and self.paragraphs:
            self.closing = Closing(meeting=closing.group(1), date=closing.group(2).strip() or None)
            self.part = "after-closing"
            self.stack = []
            return
        if self.part == "annex" and (annex := _ANNEX.match(plain(text))):
            self._start_annex(annex)
            return
        if annex := self._annex_heading_alone(text):
            self._start_annex(annex)  # a draft prints no closing before its annex
            return
        if self.part == "annex" and self.annexes[-1].title_open and not self._is_label(text):
            current = self.annexes[-1]
            if current.title_parts and self.gap:
                current.title_open = False
            else:
                current.title_parts.append(plain(text))
                return
        if self.awaiting_text and self.stack:
            self.stack[-1].pieces.append(text)
            self.awaiting_text = False
            return
        if self.heading_open:
            self.heading_open = False
            text = self._heading_text(text)
            if not text:
                return
        else:
            text = self._split_joined_heading(text)
        for segment in self._split_embedded_numbers(text):
            self._segment(segment, line)

    def _segment(self, text: str, line: Line) -> None:
        number = _NUMBER_LABEL.match(text)
        if number and self._accept_number(int(number.group(1)), number.group(2)):
            self._open_numbered(number.group(1), number.group(2))
            return
        sub = _SUB_LABEL.match(text)
        if sub and self.stack and self._open_sub(sub.group(1), sub.group(2)):
            return
        if self._continues_heading(text):
            self.section = f"{self.section} {plain(text).strip()}"
            return
        if self._is_heading(text):
            self._set_heading(plain(_HEADING_LABEL.sub(r"\1. \2", text)).strip())
            return
        label = _HEADING_LABEL.match(text)
        if label and not label.group(2) and self.part in ("operative", "annex") and self.stack:
            self._set_heading(plain(text).strip())  # "I." alone: the heading's words follow on the next line
            self.heading_open = True
            return
        if self.part == "annex":
            self.annexes[-1].title_open = False
        self._unlabelled(text, line)

    def _unlabelled(self, text: str, line: Line) -> None:
        current = self.stack[-1] if self.stack else None
        if current is None:
            if self.part == "preamble" and starts_operative_verb(text) and not starts_preambular(text):
                self.part = "operative"
                self._open_top("operative", None, text)
            elif self.part == "annex":
                self._open_top("annex", None, text)
            else:
                self._open_top("preambular" if self.part == "preamble" else "operative", None, text)
            return
        ended = ends_clause(current.tail) or (
            self.gap and bool(_ENDS_WITH_MARK.search(current.tail)) and starts_preambular(text, strict=True)
        )
        in_list = current.style == "item" or current.tail.rstrip().endswith(":")
        upper = plain(text)[:1].isupper() or plain(text)[:1] in '“"‘'
        if self.part == "preamble":
            if in_list and not starts_preambular(text, strict=True):
                if self.gap and upper and ended:
                    self._open_item(text)
                    return
            elif ended and starts_preambular(text) and (text.startswith(ITALIC_OPEN) or not self.italic_openings):
                self._open_top("preambular", None, text)
                return
            elif ended and self.gap and starts_operative_verb(text) and not self.paragraphs[-1].label:
                self.part = "operative"
                self._open_top("operative", None, text)
                return
            elif ended and self.gap and upper and not self.gap_removed and not in_list and not _joins_on(text):
                self._open_top("preambular", None, text)
                return
            if in_list and ended and starts_preambular(text, strict=True):
                self._open_top("preambular", None, text)
                return
        elif self._preamble_resumes(text, ended):
            self._open_top("preambular", None, text)
            return
        elif in_list and self.gap and upper and ended:
            self._open_item(text)
            return
        elif self._lost_number(text):
            self.warnings.append(
                f"an operative paragraph without a number follows paragraph {self.expected - 1} "
                f"('{' '.join(plain(text).split()[:4])} …')"
            )
            self._open_top("operative", None, text)
            return
        elif self.part == "annex" and not self.annexes[-1].paragraphs[-1].label and self.gap and ended and upper:
            self._open_top("annex", None, text)
            return
        self._continue(text)

    def _preamble_resumes(self, text: str, ended: bool) -> bool:
        """An unnumbered paragraph that opened with an operative verb but ended with a comma, followed by a preambular
        opening, was a preambular paragraph ('Welcomes the report …,' astray among them): the preamble goes on."""
        top = self.stack[0]
        if not (
            self.part == "operative"
            and top.kind == "operative"
            and top.label is None
            and len(self.paragraphs) >= 2
            and self.gap
            and ended
            and plain(top.tail).rstrip(' ”’"').endswith(",")
            and starts_preambular(text, strict=True)
        ):
            return False
        top.kind = "preambular"
        self.part = "preamble"
        self.warnings.append(
            f"a paragraph opening with an operative verb ('{' '.join(plain(top.text).split()[:2])} …') and ending "
            "with a comma stands among preambular paragraphs: read as preambular"
        )
        return True

    def _lost_number(self, text: str) -> bool:
        """Between numbered operative paragraphs, a paragraph of its own that opens with an operative verb after a
        finished sentence is one whose number the rendering lost ('Expresses its gratitude …' after '1. Endorses;')."""
        top = self.stack[0]
        return (
            self.part == "operative"
            and self.gap
            and top.label is not None
            and len(self.stack) == 1
            and plain(top.tail).rstrip(' ”’"').endswith((";", "."))
            and starts_operative_verb(text)
        )

    def _continue(self, text: str) -> None:
        self.stack[-1].pieces.append(text)

    # --- opening paragraphs ----------------------------------------------------------------------------

    def _accept_number(self, number: int, rest: str) -> bool:
        """The next number in sequence opens a paragraph; a small jump does too when the line before ended a
        clause and a capital follows (the rendering lost paragraphs: say so)."""
        if number == self.expected:
            return True
        after_clause = not self.stack or ends_clause(self.stack[-1].tail)
        plausible = self.gap or plain(rest)[:1].isupper()
        # In the preamble only a near start counts: a rendering that lost operative paragraph 1 starts at 2.
        reach = 2 if self.part == "preamble" else 15
        if self.expected < number <= self.expected + reach and after_clause and plausible:
            self.warnings.append(f"paragraph numbering jumps from {self.expected - 1} to {number}")
            return True
        return False

    def _open_numbered(self, label: str, rest: str) -> None:
        if label == "1" and self._adopts_a_text():
            self._embed_adopted_text()
        kind: ParagraphKind = "annex" if self.part == "annex" else "operative"
        if self.part == "preamble":
            self.part = "operative"
        self.expected = int(label) + 1
        self._open_top(kind, label, rest)
        self.stack[-1].style = "number"
        if not rest:
            self.awaiting_text = True

    def _adopts_a_text(self) -> bool:
        """'Adopts the following political declaration …:' as the one unnumbered operative paragraph, followed by
        the declaration's own title and preamble: its numbered paragraphs are a text adopted, not the resolution's."""
        top = self.paragraphs[-1] if self.paragraphs else None
        return (
            self.part == "operative"
            and top is not None
            and top.kind == "operative"
            and top.label is None
            and top.text.rstrip().endswith(":")
            and bool(top.children)
            and all(child.style == "item" for child in top.children)
        )

    def _embed_adopted_text(self) -> None:
        """Move the adopted text under the resolution as an annex: its first line is its heading, the rest of
        what came before paragraph 1 its unnumbered paragraphs."""
        top = self.paragraphs[-1]
        items, top.children = top.children, []
        pieces = [piece for item in items for piece in item.pieces]
        heading, rest = _split_heading(pieces, self.title)
        annex = AnnexDraft(heading=heading, title_open=False)
        if rest:
            annex.paragraphs = [Draft("annex", None, "plain", rest)]
        self.annexes.append(annex)
        self.part = "annex"
        self.expected = 1
        self.stack = []

    def _open_top(self, kind: ParagraphKind, label: str | None, text: str) -> None:
        draft = Draft(kind, label, "number" if label else "plain", [text] if text else [], line=self._line_number())
        if self.section_pending:
            draft.section = self.section
            self.section_pending = False
        elif kind != "preambular":
            draft.section = self.section
        if kind == "annex":
            self.annexes[-1].title_open = False
            self.annexes[-1].paragraphs.append(draft)
        else:
            self.paragraphs.append(draft)
        self.stack = [draft]

    def _open_sub(self, label: str, rest: str) -> bool:
        """Place a sub-paragraph label in the open hierarchy, or refuse it as not a label."""
        for depth in range(len(self.stack) - 1, 0, -1):
            item = self.stack[depth]
            if (
                item.label is not None
                and item.style in ("letter", "roman")
                and next_label(item.label, item.style) == label
            ):
                self._attach(depth - 1, Draft(self.stack[0].kind, label, item.style, [rest] if rest else []))
                return True
        parent = self.stack[-1]
        if self._relabel_items(label, rest):
            return True
        style = None
        if label == "a":
            style = "letter"
        elif label == "i":
            style = "roman"
        elif self.gap and roman_value(label) is None and len(set(label)) == 1:
            letters = [d for d in range(1, len(self.stack)) if self.stack[d].style == "letter"]
            if letters:
                previous = self.stack[letters[-1]].label
                self.warnings.append(f"sub-paragraph ({label}) follows ({previous}): labels skipped")
                self._attach(letters[-1] - 1, Draft(self.stack[0].kind, label, "letter", [rest] if rest else []))
                return True
            self.warnings.append(f"sub-paragraph list starts at ({label})")
            style = "letter"
        if style is None:
            return False
        depth = max(d for d in range(len(self.stack)) if _LEVEL[self.stack[d].style] < _LEVEL[style])
        if len(self.stack) > 1 and plain(parent.tail).rstrip().endswith(":"):
            depth = len(self.stack) - 1  # '(b) … and in that regard: (a) …': a new list under the item it ends
        self._attach(depth, Draft(parent.kind, label, style, [rest] if rest else []))
        return True

    def _relabel_items(self, label: str, rest: str) -> bool:
        """A list whose first items lost their labels in the rendering, then '(c)' after two of them: the items
        were (a) and (b). Label them so, and say so."""
        position = _letter_position(label)
        if position is None or position < 2 or len(self.stack) < 2 or self.stack[-1].style != "item":
            return False
        parent_depth = len(self.stack) - 2
        items = self.stack[parent_depth].children
        if len(items) != position - 1 or not all(item.style == "item" and item.label is None for item in items):
            return False
        letter = "a"
        for item in items:
            item.label, item.style = letter, "letter"
            letter = next_label(letter, "letter")
        self.warnings.append(
            f"sub-paragraph labels (a) to ({items[-1].label}) are missing in this rendering: "
            f"read from the position of ({label})"
        )
        self._attach(parent_depth, Draft(self.stack[0].kind, label, "letter", [rest] if rest else []))
        return True

    def _line_number(self) -> int | None:
        return self.lines[self.index].number if self.index < len(self.lines) else None

    def _attach(self, parent_depth: int, draft: Draft) -> None:
        draft.line = self._line_number()
        self.stack = self.stack[: parent_depth + 1]
        self.stack[-1].children.append(draft)
        self.stack.append(draft)
        if not draft.pieces:
            self.awaiting_text = True

    def _open_item(self, text: str) -> None:
        """An unlabelled list item under a chapeau that ends with a colon."""
        current = self.stack[-1]
        parent_depth = len(self.stack) - 2 if current.style == "item" else len(self.stack) - 1
        self._attach(parent_depth, Draft(self.stack[0].kind, None, "item", [text]))

    def _is_label(self, text: str) -> bool:
        number = _NUMBER_LABEL.match(text)
        return bool(number and int(number.group(1)) == self.expected)

    # --- headings, annexes, the closing and what follows it ----------------------------------------------

    def _is_heading(self, text: str) -> bool:
        """A short unpunctuated line (or 'II. Title') between paragraphs, followed by a numbered paragraph; in the
        preamble only right before the first operative paragraph."""
        if self.part not in ("operative", "annex", "preamble") or not self.stack:
            return False
        if not ends_clause(self.stack[-1].tail) and self.stack[-1].pieces:
            return False
        label = _HEADING_LABEL.match(text)
        if label and (label.group(2) or self._next_text_is_label()):
            return True
        words = plain(text).split()
        return (
            self.gap
            and 0 < len(words) <= 12
            and words[0][:1].isupper()
            and not ends_clause(text)
            and self._next_text_is_label()
        )

    def _next_text_is_label(self) -> bool:
        """Is the next line of text a paragraph number or a heading label, past at most two more heading lines
        (a heading printed over two lines, or a heading and its sub-heading)?"""
        skipped = 0
        for position in range(self.index + 1, len(self.lines)):  # no slice: a copy of the rest per line is quadratic
            line = self.lines[position]
            if line.kind is not Kind.TEXT:
                continue
            number = _NUMBER_LABEL.match(line.text)
            if (number and int(number.group(1)) in (self.expected, 1)) or _HEADING_LABEL.match(line.text):
                return True
            if skipped < 2 and _heading_like(line.text) and not _SUB_LABEL.match(line.text):
                skipped += 1
                continue
            return False
        return False

    def _set_heading(self, heading: str) -> None:
        """A heading right under another one (no paragraph between them) is its sub-heading: both are kept."""
        if self.section_pending and self.section:
            heading = f"{self.section} — {heading}"
        self.section = heading
        self.section_pending = True

    def _continues_heading(self, text: str) -> bool:
        """A heading wrapped over two lines: the line right under it, unpunctuated, right before a paragraph number."""
        return (
            self.section_pending
            and self.section is not None
            and not self.gap
            and not _NUMBER_LABEL.match(text)
            and not _SUB_LABEL.match(text)
            and not _HEADING_LABEL.match(text)
            and _heading_like(text)
            and self._next_text_is_label()
        )

    def _split_joined_heading(self, text: str) -> str:
        """An extractor that joined a heading and the paragraph under it ('Partnerships and support mechanisms
        17. We invite', 'II. Implementation … 2024–2034 13. We'): take the heading, return the paragraph."""
        if self.part not in ("operative", "annex") or not self.stack or not ends_clause(self.stack[-1].tail):
            return text
        found = _embedded_number(text, self.expected)
        if not found:
            return text
        head = text[: found.start()]
        if _NUMBER_LABEL.match(head) or _SUB_LABEL.match(head) or not _heading_like(head, words=24):
            return text
        self._set_heading(plain(_HEADING_LABEL.sub(r"\1. \2", head)).strip())
        return text[found.start() :].lstrip()

    def _after_closing(self, line: Line) -> None:
        text = plain(line.text)
        if self.closing is not None and self.closing.date is None and _DATE.match(text):
            self.closing.date = text
            return
        if annex := _ANNEX.match(text):
            self._start_annex(annex)
            return
        self.trailer.append(line)

    def _annex_heading_alone(self, text: str) -> re.Match[str] | None:
        """'Annex' (or 'Annex II') alone on its line, after a gap, under an operative paragraph that ended with a full
        stop: the annex of a draft, which prints no closing before it."""
        found = _ANNEX.match(plain(text))
        alone = (
            found is not None
            and not found.group(3)
            and self.part == "operative"
            and self.gap
            and bool(self.stack)
            and plain(self.stack[-1].tail).rstrip(' ”’"').endswith(".")
        )
        return found if alone else None

    def _start_annex(self, found: re.Match[str]) -> None:
        heading = found.group(1) + (f" {found.group(2)}" if found.group(2) else "")
        annex = AnnexDraft(heading)
        if found.group(3):
            annex.title_parts.append(found.group(3))
        self.annexes.append(annex)
        self.part = "annex"
        self.expected = 1
        self.stack = []
        self.section = None
        self.section_pending = False

    def _heading_text(self, text: str) -> str:
        """Take a heading's words off the line after its label; return what follows them on that line (an
        extractor may have joined the first paragraph under the heading onto it: '… commitments 3. We gather')."""
        for number in range(self.expected, self.expected + 4):
            if found := _embedded_number(text, number):
                self.section = f"{self.section} {plain(text[: found.start()]).strip()}"
                return text[found.start() :].lstrip()
        self.section = f"{self.section} {plain(text).strip()}"
        return ""

    def _split_embedded_numbers(self, text: str) -> list[str]:
        """Split a line where the next operative number follows the end of a sentence ('…Development.2 2. We')."""
        number = self.expected
        opening = _NUMBER_LABEL.match(text)
        if opening and int(opening.group(1)) == number:
            number += 1
        segments = []
        while True:
            found = _embedded_number(text, number)
            if not found:
                break
            before = plain(text[: found.start()]).split()
            if not before or before[-1].lower().rstrip(".,") in NUMBER_TAKING_WORDS:
                break
            if not (ends_clause(text[: found.start()]) or before[-1][-1:].isdigit()):
                break
            segments.append(text[: found.start()])
            text = text[found.start() :].lstrip()
            number += 1
        return [*segments, text]


def _embedded_number(text: str, number: int) -> re.Match[str] | None:
    """The first place in `text` where paragraph number `number` (as printed: no leading zero) follows a sentence."""
    printed = str(number)
    if f"{printed}." not in text:  # cannot be there: no need to look
        return None
    return next((found for found in _EMBEDDED_NUMBER.finditer(text) if found.group(1) == printed), None)


def _joins_on(text: str) -> bool:
    """'Stockpiling and Use of …': a line whose second word is a conjunction goes on with a name cut by a page break;
    no paragraph opens so."""
    words = plain(text).split()
    return len(words) > 1 and words[1] in ("and", "or", "nor")


def _letter_position(label: str) -> int | None:
    """(a) is 1, (z) 26, (aa) 27 …; None for a label that is not a letter label."""
    if len(set(label)) != 1 or not label.isalpha():
        return None
    return (len(label) - 1) * 26 + ord(label[0]) - ord("a") + 1


def _heading_like(text: str, words: int = 12) -> bool:
    """Short, capitalised and unpunctuated at the end: how a section heading looks."""
    found = plain(text).split()
    return 0 < len(found) <= words and found[0][:1].isupper() and not ends_clause(text)


def _italic_openings(lines: list[Line]) -> bool:
    """Does this rendering set preambular openings in italics (a PDF read with its fonts, a styled export)? Then a
    line that opens like a preambular paragraph but is not in italics ("Taking into Particular Account …" inside a
    quoted title) continues the paragraph before it."""
    openings = [line.text for line in lines if line.kind is Kind.TEXT and starts_preambular(line.text)]
    italic = sum(1 for text in openings if text.startswith(ITALIC_OPEN))
    return italic >= 3 and italic >= 0.8 * len(openings)


def read_structure(lines: list[Line], start: int, title: str | None = None) -> Structure:
    return StructureReader(lines, start, title).read()


def _split_heading(pieces: list[str], title: str | None) -> tuple[str, list[str]]:
    """An adopted text's heading: the lines that repeat the resolution's title (or else its first line); the rest
    opens its text."""
    wanted = " ".join(plain(title or "").split()).lower()
    heading: list[str] = []
    for index, piece in enumerate(pieces):
        heading.append(plain(piece).strip())
        joined = " ".join(heading).lower()
        if joined == wanted:
            return " ".join(heading), pieces[index + 1 :]
        if not wanted.startswith(joined):
            break
    return plain(pieces[0]).strip(), pieces[1:]
