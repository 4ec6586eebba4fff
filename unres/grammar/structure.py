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
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any, Generic, TypeVar

from unres.formats.lines import ITALIC_OPEN, MARK_CLOSE, MARK_OPEN
from unres.grammar.lines import Kind, Line, plain
from unres.grammar.options import OPTIONS
from unres.grammar.vocabulary import (
    ADVERBS,
    ANNEX_LINE,
    CLOSING_LINE,
    DATE,
    NUMBER_TAKING_WORDS,
    OPENING_TAILS,
    OPERATIVE_VERBS,
    PREAMBULAR_OPENERS,
)
from unres.models import Closing, ParagraphKind

T = TypeVar("T")

# Up to five digits: a long text (a compiled list, a generated document) runs past paragraph 999.
_NUMBER_LABEL = re.compile(r"^(\d{1,5})\.(?:\s+|$)(.*)$")
_SUB_LABEL = re.compile(r"^\(([a-z]{1,3})\)(?:\s+|$)(.*)$")
_HEADING_LABEL = re.compile(r"^([IVXL]{1,5}|[A-H])\.(?:\s+|$)(.*)$")
_DATE = re.compile(rf"^{DATE}$")
_CLAUSE_END = re.compile(f'[,;:.!?]\\s*(?:{MARK_OPEN}\\d+{MARK_CLOSE}|\\d{{1,3}})?\\s*[”’"]?\\s*$')
# A paragraph that lost its final comma before its footnote mark ('… the plan for 2022 1'): a number ends the text.
_ENDS_WITH_MARK = re.compile(f"(?:\\s\\d{{1,3}}|{MARK_OPEN}\\d+{MARK_CLOSE})\\s*$")
# Capitalised words a preambular participle addresses ("Urging Member States to …", "Inviting Governments …").
_ADDRESSEES = frozenset({"Member", "States", "Governments", "Parties", "Heads", "United", "Member-States"})
# How deep each style of list sits: a new list of a style opens under the deepest open item of a shallower one, so
# "(i)" after "(ii)" restarts a list instead of nesting ever deeper.
_LEVEL = {"number": 0, "plain": 0, "letter": 1, "roman": 2, "item": 3}
_LONGEST_TAIL = max(len(tail.split(" ")) for tail in OPENING_TAILS)
# The tails by their first word, in the vocabulary's order: a tail matches whole words (a space after each).
_TAILS: dict[str, list[tuple[str, int]]] = {}
for _tail in OPENING_TAILS:
    _TAILS.setdefault(_tail.split()[0], []).append((_tail + " ", len(_tail.split())))
_ROMAN = re.compile(r"^(?=[ivxlc])(c{0,3})(xc|xl|l?x{0,3})(ix|iv|v?i{0,3})$")
# A paragraph number inside a line, after the end of a sentence and before a capital ('…Development.2 2. We').
# One pattern for every number (a pattern per expected number would flood `re`'s cache): callers check the number.
_EMBEDDED_NUMBER = re.compile(rf"(?<=\S)\s+(\d+)\.\s+(?=[A-Z{ITALIC_OPEN}“])")


def _past_adverbs(words: list[str]) -> int:
    """Where the opening word is, past up to two adverbs ('Also', 'Once again', 'Deeply')."""
    index = 0
    while index < min(OPTIONS.adverbs_before_opening, len(words) - 1) and words[index].lower() in ADVERBS:
        index += 1
    return index


def starts_preambular(text: str, strict: bool = False) -> bool:
    """Does this line open a preambular paragraph ('Recalling', 'Deeply concerned', 'Bearing in mind')?

    `strict` admits only the standard opening words; otherwise any capitalised participle followed by a
    lower-case word counts too ('Re-emphasizing its support'), but a list item such as 'Eliminating chemical
    weapons' inside a list introduced by a colon is strict-rejected.
    """
    # The opening word stands past at most two adverbs: four words decide (a paragraph is not split whole).
    words = plain(text).split(maxsplit=OPTIONS.adverbs_before_opening + 2)
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
    words = plain(text).split(maxsplit=OPTIONS.adverbs_before_opening + 1)
    index = _past_adverbs(words)
    return bool(words) and words[0][:1].isupper() and words[index].lower() in OPERATIVE_VERBS


def ends_clause(text: str) -> bool:
    """Does the text end a clause (comma, semicolon, colon, full stop), footnote marks aside?

    Only the tail is looked at: the question is asked of a paragraph after each of its lines, and a paragraph can
    be long (a pathological one, megabytes).
    """
    return bool(_CLAUSE_END.search(plain(text[-OPTIONS.clause_tail :])))


def opening_phrase(text: str, kind: ParagraphKind) -> str | None:
    """The opening phrase a drafter italicises: 'Recalling also', 'Takes note of', 'Deeply concerned'."""
    words = text.split(maxsplit=OPTIONS.adverbs_before_opening + _LONGEST_TAIL + 3)  # the words that can decide
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
    following = [w.lower().strip(",;:") for w in words[end : end + _LONGEST_TAIL + 1]]
    if following and following[0] in _TAILS:
        rest = " ".join(following) + " "
        for tail, length in _TAILS[following[0]]:
            if rest.startswith(tail):
                end += length
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
    decisions: list[tuple[int, str]] = field(default_factory=list)  # (line number, rule name) in reading order


class _once(Generic[T]):
    """Worked out on first use, then an attribute: `functools.cached_property` without the lock Python 3.11 takes on
    each first use (a third of the time the rule table took)."""

    def __init__(self, compute: Callable[[Any], T]) -> None:
        self.compute = compute
        self.name = compute.__name__

    def __get__(self, piece: Any, owner: Any) -> T:
        value = self.compute(piece)
        piece.__dict__[self.name] = value
        return value


class Piece:
    """The text a rule is asked about: a whole line, or a segment of one cut at an embedded paragraph number. What
    several rules ask of it (is it a label, does it open like a preambular paragraph) is worked out once."""

    def __init__(self, reader: StructureReader, line: Line, text: str) -> None:
        self.reader = reader
        self.line = line
        self.text = text

    def retext(self, text: str) -> None:
        """What is left after a rule took the text's front: what was worked out of the whole is forgotten."""
        self.__dict__ = {"reader": self.reader, "line": self.line, "text": text}

    @_once
    def plain(self) -> str:
        return plain(self.text)

    @_once
    def number(self) -> re.Match[str] | None:
        return _NUMBER_LABEL.match(self.text)

    @_once
    def sub_label(self) -> re.Match[str] | None:
        return _SUB_LABEL.match(self.text)

    @_once
    def heading_label(self) -> re.Match[str] | None:
        return _HEADING_LABEL.match(self.text)

    @_once
    def annex(self) -> re.Match[str] | None:
        return ANNEX_LINE.match(self.plain)

    @_once
    def preambular(self) -> bool:
        return starts_preambular(self.text)

    @_once
    def strictly_preambular(self) -> bool:
        return starts_preambular(self.text, strict=True)

    @_once
    def operative_verb(self) -> bool:
        return starts_operative_verb(self.text)

    @_once
    def upper(self) -> bool:
        """Opens with a capital or an opening quotation mark."""
        return self.plain[:1].isupper() or self.plain[:1] in '“"‘'

    @_once
    def ended(self) -> bool:
        """The paragraph open before this text ended a clause, or lost its final comma before a footnote mark
        ('… for 2022 1') where this text opens a preambular paragraph after a gap."""
        current = self.reader.stack[-1]
        return ends_clause(current.tail) or (
            self.reader.gap and bool(_ENDS_WITH_MARK.search(current.tail)) and self.strictly_preambular
        )

    @_once
    def in_list(self) -> bool:
        """The open paragraph is a list item, or a chapeau ending with a colon."""
        current = self.reader.stack[-1]
        return current.style == "item" or current.tail.rstrip().endswith(":")


@dataclass(frozen=True)
class Rule:
    """A named structure rule: when `applies`, `act` takes the text and says whether it is done with it (False lets
    the rules after it see the text too)."""

    name: str
    reason: str
    parts: frozenset[str]  # where it applies: 'preamble', 'operative', 'annex', 'after-closing'
    applies: Callable[[StructureReader, Piece], bool]
    act: Callable[[StructureReader, Piece], bool]
    # The rule decides something about the text (a title ends, a heading is taken off its front) and lets the rules
    # after it read the text too; any other rule whose action returns False refused it ('(c)' out of sequence).
    passes_on: bool = False


def _taken(action: Callable[[StructureReader, Piece], object]) -> Callable[[StructureReader, Piece], bool]:
    """An action that always takes the text."""

    def act(reader: StructureReader, piece: Piece) -> bool:
        action(reader, piece)
        return True

    return act


class StructureReader:
    """Walks the lines after the author line and assembles paragraphs, asking the rules of LINE_RULES and
    SEGMENT_RULES in order; the methods below are their predicates' questions and their actions."""

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
        self.decisions: list[tuple[int, str]] = []
        self.index = start
        self.italic_openings = _italic_openings(lines[start:])

    def read(self) -> Structure:
        for index in range(self.start, len(self.lines)):
            self.index = index
            line = self.lines[index]
            if line.kind is Kind.BLANK:
                self.gap = True
            elif line.kind is Kind.TEXT:
                self._line(line)
                self.gap = self.gap_removed = False
            else:
                self.gap = self.gap_removed = True
        if self.section_pending and self.section is not None:
            self.warnings.append(f"heading '{self.section}' is followed by no paragraph")
        return Structure(self.paragraphs, self.annexes, self.closing, self.trailer, self.warnings, self.decisions)

    def _line(self, line: Line) -> None:
        piece = Piece(self, line, line.text)
        if self._apply(_LINE_RULES_IN, piece):
            return
        for segment in self._split_embedded_numbers(piece.text):
            self._apply(_SEGMENT_RULES_IN, Piece(self, line, segment))

    def _apply(self, table: dict[str, tuple[Rule, ...]], piece: Piece) -> bool:
        """Ask the rules of the table for this part of the document, in order; True once one took the text. A rule
        that lets it go on may have changed it (a heading taken off its front): the rules after it see what is left."""
        for rule in table[self.part]:
            if rule.applies(self, piece):
                taken = rule.act(self, piece)
                if taken or rule.passes_on:
                    self.decisions.append((piece.line.number, rule.name))
                if taken:
                    return True
        return False

    # --- the rules' questions ----------------------------------------------------------------------------

    def annex_title_open(self, piece: Piece) -> bool:
        return self.part == "annex" and self.annexes[-1].title_open and not self._is_label(piece.text)

    def preamble_resumes(self, piece: Piece) -> bool:
        """An unnumbered operative paragraph that ended with a comma, then a preambular opening after a gap."""
        if self.part != "operative" or not self.stack:
            return False
        top = self.stack[0]
        return (
            top.kind == "operative"
            and top.label is None
            and len(self.paragraphs) >= 2
            and self.gap
            and piece.ended
            and plain(top.tail).rstrip(' ”’"').endswith(",")
            and piece.strictly_preambular
        )

    def lost_number(self, piece: Piece) -> bool:
        """Between numbered operative paragraphs, a paragraph of its own that opens with an operative verb after a
        finished sentence is one whose number the rendering lost ('Expresses its gratitude …' after '1. Endorses;')."""
        if self.part != "operative" or not self.gap or len(self.stack) != 1:
            return False
        top = self.stack[0]
        return top.label is not None and plain(top.tail).rstrip(' ”’"').endswith((";", ".")) and piece.operative_verb

    # --- the rules' actions ------------------------------------------------------------------------------

    def set_closing_date(self, date: str) -> None:
        assert self.closing is not None
        self.closing.date = date

    def close(self, text: str) -> None:
        found = CLOSING_LINE.match(text)
        assert found is not None
        self.closing = Closing(meeting=found.group(1), date=found.group(2).strip() or None)
        self.part = "after-closing"
        self.stack = []

    def end_annex_title(self) -> bool:
        self.annexes[-1].title_open = False
        return False

    def take_label_text(self, text: str) -> None:
        self.stack[-1].pieces.append(text)
        self.awaiting_text = False

    def take_heading_text(self, piece: Piece) -> bool:
        """The heading's words; what follows them on the line (a paragraph joined on) goes on to the other rules."""
        self.heading_open = False
        piece.retext(self._heading_text(piece.text))
        return not piece.text

    def split_joined_heading(self, piece: Piece) -> bool:
        found = self.joined_heading(piece.text)
        assert found is not None
        self.set_heading(plain(_HEADING_LABEL.sub(r"\1. \2", piece.text[: found.start()])).strip())
        piece.retext(piece.text[found.start() :].lstrip())
        return False

    def extend_heading(self, text: str) -> None:
        self.section = f"{self.section} {text.strip()}"

    def open_heading_label(self, text: str) -> None:
        self.set_heading(text.strip())
        self.heading_open = True

    def open_operative_part(self, text: str) -> None:
        self.part = "operative"
        self.open_top("operative", None, text)

    def resume_preamble(self, text: str) -> None:
        top = self.stack[0]
        top.kind = "preambular"
        self.part = "preamble"
        self.warnings.append(
            f"a paragraph opening with an operative verb ('{' '.join(plain(top.text).split()[:2])} …') and ending "
            "with a comma stands among preambular paragraphs: read as preambular"
        )
        self.open_top("preambular", None, text)

    def open_unnumbered(self, text: str) -> None:
        self.warnings.append(
            f"an operative paragraph without a number follows paragraph {self.expected - 1} "
            f"('{' '.join(text.split()[:4])} …')"
        )
        self.open_top("operative", None, text)

    # --- opening paragraphs ----------------------------------------------------------------------------

    def accept_number(self, number: int, rest: str) -> bool:
        """The next number in sequence opens a paragraph; a small jump does too when the line before ended a
        clause and a capital follows (the rendering lost paragraphs: say so)."""
        if number == self.expected:
            return True
        after_clause = not self.stack or ends_clause(self.stack[-1].tail)
        plausible = self.gap or plain(rest)[:1].isupper()
        # In the preamble only a near start counts: a rendering that lost operative paragraph 1 starts at 2.
        reach = OPTIONS.number_jump_preamble if self.part == "preamble" else OPTIONS.number_jump_operative
        if self.expected < number <= self.expected + reach and after_clause and plausible:
            self.warnings.append(f"paragraph numbering jumps from {self.expected - 1} to {number}")
            return True
        return False

    def open_numbered(self, found: re.Match[str] | None) -> None:
        assert found is not None
        label, rest = found.group(1), found.group(2)
        if label == "1" and self._adopts_a_text():
            self._embed_adopted_text()
        kind: ParagraphKind = "annex" if self.part == "annex" else "operative"
        if self.part == "preamble":
            self.part = "operative"
        self.expected = int(label) + 1
        self.open_top(kind, label, rest)
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

    def open_top(self, kind: ParagraphKind, label: str | None, text: str) -> None:
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

    def open_sub(self, found: re.Match[str] | None) -> bool:
        """Place a sub-paragraph label in the open hierarchy, or refuse it as not a label."""
        assert found is not None
        label, rest = found.group(1), found.group(2)
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

    def open_item(self, text: str) -> None:
        """An unlabelled list item under a chapeau that ends with a colon."""
        current = self.stack[-1]
        parent_depth = len(self.stack) - 2 if current.style == "item" else len(self.stack) - 1
        self._attach(parent_depth, Draft(self.stack[0].kind, None, "item", [text]))

    def _is_label(self, text: str) -> bool:
        number = _NUMBER_LABEL.match(text)
        return bool(number and int(number.group(1)) == self.expected)

    # --- headings, annexes, the closing and what follows it ----------------------------------------------

    def is_heading(self, piece: Piece) -> bool:
        """A short unpunctuated line (or 'II. Title') between paragraphs, followed by a numbered paragraph; in the
        preamble only right before the first operative paragraph."""
        text = piece.text
        if self.part not in ("operative", "annex", "preamble") or not self.stack:
            return False
        if not ends_clause(self.stack[-1].tail) and self.stack[-1].pieces:
            return False
        label = piece.heading_label
        if label and (label.group(2) or self._next_text_is_label()):
            return True
        words = piece.plain.split(maxsplit=OPTIONS.heading_words)
        return (
            self.gap
            and 0 < len(words) <= OPTIONS.heading_words
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
            # the line a heading wraps onto may open in lower case ('and related agreements and instruments')
            if (
                skipped < OPTIONS.heading_lines
                and heading_like(line.text, wrapped=True)
                and not _SUB_LABEL.match(line.text)
            ):
                skipped += 1
                continue
            return False
        return False

    def set_heading(self, heading: str) -> None:
        """A heading right under another one (no paragraph between them) is its sub-heading: both are kept."""
        if self.section_pending and self.section:
            heading = f"{self.section} — {heading}"
        self.section = heading
        self.section_pending = True

    def continues_heading(self, piece: Piece) -> bool:
        """A heading wrapped over two lines: the line right under it, unpunctuated, right before a paragraph number."""
        return (
            self.section_pending
            and self.section is not None
            and not self.gap
            and not piece.number
            and not piece.sub_label
            and not piece.heading_label
            and heading_like(piece.text, wrapped=True)
            and self._next_text_is_label()
        )

    def joined_heading(self, text: str) -> re.Match[str] | None:
        """Where the next paragraph's number follows a heading an extractor joined to it ('Partnerships and support
        mechanisms 17. We invite', 'II. Implementation … 2024–2034 13. We'), after a finished paragraph."""
        if self.part not in ("operative", "annex") or not self.stack or not ends_clause(self.stack[-1].tail):
            return None
        found = _embedded_number(text, self.expected)
        if not found:
            return None
        head = text[: found.start()]
        if _NUMBER_LABEL.match(head) or _SUB_LABEL.match(head) or not heading_like(head, OPTIONS.joined_heading_words):
            return None
        return found

    def annex_heading_alone(self, piece: Piece) -> bool:
        """'Annex' (or 'Annex II') alone on its line, after a gap, under an operative paragraph that ended with a full
        stop: the annex of a draft, which prints no closing before it."""
        return (
            piece.annex is not None
            and not piece.annex.group(3)
            and self.part == "operative"
            and self.gap
            and bool(self.stack)
            and plain(self.stack[-1].tail).rstrip(' ”’"').endswith(".")
        )

    def start_annex(self, found: re.Match[str] | None) -> None:
        assert found is not None
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
        for number in range(self.expected, self.expected + OPTIONS.numbers_after_heading):
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


_PARTS = ("preamble", "operative", "annex", "after-closing")
PREAMBLE = frozenset({"preamble"})
OPERATIVE = frozenset({"operative"})
ANNEX = frozenset({"annex"})
OPERATIVE_OR_ANNEX = OPERATIVE | ANNEX
BODY = PREAMBLE | OPERATIVE_OR_ANNEX  # anywhere before the closing, and in annexes
AFTER_CLOSING = frozenset({"after-closing"})

# Rules asked of each whole line of text, in order, before it is cut at embedded paragraph numbers.
LINE_RULES: tuple[Rule, ...] = (
    Rule(
        "closing-date",
        "the date under the meeting line of the closing",
        AFTER_CLOSING,
        lambda r, p: r.closing is not None and r.closing.date is None and bool(_DATE.match(p.plain)),
        _taken(lambda r, p: r.set_closing_date(p.plain)),
    ),
    Rule(
        "annex-after-closing",
        "'Annex' after the closing starts an annex with its own numbering",
        AFTER_CLOSING,
        lambda r, p: p.annex is not None,
        _taken(lambda r, p: r.start_annex(p.annex)),
    ),
    Rule(
        "after-closing",
        "what follows the closing and is no annex (adoption and meeting lines) is metadata",
        AFTER_CLOSING,
        lambda r, p: True,
        _taken(lambda r, p: r.trailer.append(p.line)),
    ),
    Rule(
        "closing",
        "'77th plenary meeting' ends the resolution's text",
        BODY,
        lambda r, p: bool(r.paragraphs) and bool(CLOSING_LINE.match(p.plain)),
        _taken(lambda r, p: r.close(p.plain)),
    ),
    Rule(
        "annex",
        "'Annex' in an annex starts the next annex",
        ANNEX,
        lambda r, p: p.annex is not None,
        _taken(lambda r, p: r.start_annex(p.annex)),
    ),
    Rule(
        "annex-alone",
        "'Annex' alone on its line after an operative paragraph ending with a full stop: a draft prints no closing",
        OPERATIVE,
        lambda r, p: r.annex_heading_alone(p),
        _taken(lambda r, p: r.start_annex(p.annex)),
    ),
    Rule(
        "annex-title-ends",
        "a gap after an annex's title lines ends the title",
        ANNEX,
        lambda r, p: r.annex_title_open(p) and bool(r.annexes[-1].title_parts) and r.gap,
        lambda r, p: r.end_annex_title(),
        passes_on=True,
    ),
    Rule(
        "annex-title",
        "the lines under 'Annex' up to a gap, a label or a line ending a clause (a paragraph under it) are its title",
        ANNEX,
        lambda r, p: r.annex_title_open(p) and not ends_clause(p.text),
        _taken(lambda r, p: r.annexes[-1].title_parts.append(p.plain)),
    ),
    Rule(
        "label-text",
        "a label alone on its line ('3.', '(b)'): its text is the next line",
        BODY,
        lambda r, p: r.awaiting_text and bool(r.stack),
        _taken(lambda r, p: r.take_label_text(p.text)),
    ),
    Rule(
        "heading-text",
        "a heading's label alone on its line ('I.'): its words are the next line",
        BODY,
        lambda r, p: r.heading_open,
        lambda r, p: r.take_heading_text(p),
        passes_on=True,
    ),
    Rule(
        "joined-heading",
        "an extractor joined a heading and the paragraph under it ('… support mechanisms 17. We invite')",
        OPERATIVE_OR_ANNEX,
        lambda r, p: r.joined_heading(p.text) is not None,
        lambda r, p: r.split_joined_heading(p),
        passes_on=True,
    ),
)

# Rules asked of each segment of a line, in order; the last always applies.
SEGMENT_RULES: tuple[Rule, ...] = (
    Rule(
        "operative-number",
        "the next number in sequence ('3.') opens an operative paragraph; a small jump after a finished clause too",
        BODY,
        lambda r, p: p.number is not None and r.accept_number(int(p.number.group(1)), p.number.group(2)),
        _taken(lambda r, p: r.open_numbered(p.number)),
    ),
    Rule(
        "sub-paragraph",
        "the next label of a list ('(b)' after '(a)', '(ii)' under a letter) opens a sub-paragraph",
        BODY,
        lambda r, p: p.sub_label is not None and bool(r.stack),
        lambda r, p: r.open_sub(p.sub_label),
    ),
    Rule(
        "heading-continued",
        "a heading wrapped over two lines: the unpunctuated line under it, right before a paragraph number",
        BODY,
        lambda r, p: r.continues_heading(p),
        _taken(lambda r, p: r.extend_heading(p.plain)),
    ),
    Rule(
        "heading",
        "a short unpunctuated line (or 'II. Title') after a finished paragraph and before a numbered one",
        BODY,
        lambda r, p: r.is_heading(p),
        _taken(lambda r, p: r.set_heading(plain(_HEADING_LABEL.sub(r"\1. \2", p.text)).strip())),
    ),
    Rule(
        "heading-label",
        "a heading's label alone ('I.') between operative paragraphs: its words follow on the next line",
        OPERATIVE_OR_ANNEX,
        lambda r, p: p.heading_label is not None and not p.heading_label.group(2) and bool(r.stack),
        _taken(lambda r, p: r.open_heading_label(p.plain)),
    ),
    Rule(
        "annex-text-ends-title",
        "text that is not a title line ends an annex's title",
        ANNEX,
        lambda r, p: r.annexes[-1].title_open,
        lambda r, p: r.end_annex_title(),
        passes_on=True,
    ),
    Rule(
        "unnumbered-operative-first",
        "a first paragraph opening with an operative verb opens an unnumbered operative part",
        PREAMBLE,
        lambda r, p: not r.stack and p.operative_verb and not p.preambular,
        _taken(lambda r, p: r.open_operative_part(p.text)),
    ),
    Rule(
        "first-paragraph",
        "the first text of the body (or of an annex) opens its first paragraph",
        BODY,
        lambda r, p: not r.stack,
        _taken(lambda r, p: r.open_top(_KIND_OF_PART[r.part], None, p.text)),
    ),
    Rule(
        "preamble-list-item",
        "under a chapeau ending with a colon, a capitalised line after a gap and a finished clause is a list item",
        PREAMBLE,
        lambda r, p: p.in_list and not p.strictly_preambular and r.gap and p.upper and p.ended,
        _taken(lambda r, p: r.open_item(p.text)),
    ),
    Rule(
        "preambular-opening",
        "an opening word (participle or adjective) after a finished clause opens a preambular paragraph; where the "
        "rendering sets openings in italics, only an italic one",
        PREAMBLE,
        lambda r, p: (
            not (p.in_list and not p.strictly_preambular)
            and p.ended
            and p.preambular
            and (p.text.startswith(ITALIC_OPEN) or not r.italic_openings)
        ),
        _taken(lambda r, p: r.open_top("preambular", None, p.text)),
    ),
    Rule(
        "stray-operative-verb",
        "an unnumbered paragraph with an operative verb after a gap opens an unnumbered operative part",
        PREAMBLE,
        lambda r, p: (
            not (p.in_list and not p.strictly_preambular)
            and p.ended
            and r.gap
            and p.operative_verb
            and not r.paragraphs[-1].label
        ),
        _taken(lambda r, p: r.open_operative_part(p.text)),
    ),
    Rule(
        "preamble-capitalised",
        "in the preamble, a capitalised paragraph of its own after a gap and a finished clause is a paragraph",
        PREAMBLE,
        lambda r, p: not p.in_list and p.ended and r.gap and p.upper and not r.gap_removed and not _joins_on(p.text),
        _taken(lambda r, p: r.open_top("preambular", None, p.text)),
    ),
    Rule(
        "preambular-after-list",
        "a standard opening word after a finished list item returns to the preamble",
        PREAMBLE,
        lambda r, p: p.in_list and p.ended and p.strictly_preambular,
        _taken(lambda r, p: r.open_top("preambular", None, p.text)),
    ),
    Rule(
        "preamble-resumes",
        "an unnumbered paragraph with an operative verb that ended with a comma, followed by a preambular opening, "
        "was a preambular paragraph: one stray verb must not swallow the preamble",
        OPERATIVE,
        lambda r, p: r.preamble_resumes(p),
        _taken(lambda r, p: r.resume_preamble(p.text)),
    ),
    Rule(
        "operative-list-item",
        "under a chapeau ending with a colon, a capitalised line after a gap and a finished clause is a list item",
        OPERATIVE_OR_ANNEX,
        lambda r, p: p.in_list and r.gap and p.upper and p.ended,
        _taken(lambda r, p: r.open_item(p.text)),
    ),
    Rule(
        "lost-number",
        "between numbered operative paragraphs, a paragraph of its own opening with an operative verb after a "
        "finished sentence lost its number (reported)",
        OPERATIVE,
        lambda r, p: r.lost_number(p),
        _taken(lambda r, p: r.open_unnumbered(p.plain)),
    ),
    Rule(
        "annex-paragraph",
        "in an unnumbered annex, a capitalised paragraph of its own after a finished clause is a paragraph",
        ANNEX,
        lambda r, p: not r.annexes[-1].paragraphs[-1].label and r.gap and p.ended and p.upper,
        _taken(lambda r, p: r.open_top("annex", None, p.text)),
    ),
    Rule(
        "continues",
        "anything else goes on with the paragraph before it: a paragraph cut by a page break, with footnotes and "
        "furniture between its halves, becomes whole",
        BODY,
        lambda r, p: True,
        _taken(lambda r, p: r.stack[-1].pieces.append(p.text)),
    ),
)

STRUCTURE_RULES: tuple[Rule, ...] = (*LINE_RULES, *SEGMENT_RULES)
# Each table cut by part of the document, once: a line is asked only the rules that can apply where it stands.
_LINE_RULES_IN = {part: tuple(rule for rule in LINE_RULES if part in rule.parts) for part in _PARTS}
_SEGMENT_RULES_IN = {part: tuple(rule for rule in SEGMENT_RULES if part in rule.parts) for part in _PARTS}
_KIND_OF_PART: dict[str, ParagraphKind] = {"preamble": "preambular", "operative": "operative", "annex": "annex"}


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


def heading_like(text: str, words: int = OPTIONS.heading_words, *, wrapped: bool = False) -> bool:
    """Short, capitalised and unpunctuated at the end: how a section heading looks (the line a heading `wrapped`
    onto may open in lower case)."""
    found = plain(text).split(maxsplit=words)
    return 0 < len(found) <= words and (wrapped or found[0][:1].isupper()) and not ends_clause(text)


def _italic_openings(lines: list[Line]) -> bool:
    """Does this rendering set preambular openings in italics (a PDF read with its fonts, a styled export)? Then a
    line that opens like a preambular paragraph but is not in italics ("Taking into Particular Account …" inside a
    quoted title) continues the paragraph before it."""
    openings = [line.text for line in lines if line.kind is Kind.TEXT and starts_preambular(line.text)]
    italic = sum(1 for text in openings if text.startswith(ITALIC_OPEN))
    return italic >= OPTIONS.italic_openings_least and italic >= OPTIONS.italic_openings_share * len(openings)


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
