"""Amendments: the UN's own redline language, written, read and applied.

At the UN a change to a draft is not a redline but an amendment: numbered instructions in a fixed language ("In
operative paragraph 1, replace “Takes note” with “Welcomes”.", "Delete the third preambular paragraph."), naming
paragraphs by the draft's ORIGINAL numbering. Three stages, each the inverse of the next:

- write (`amendments_between`): an Alignment of OLD and NEW becomes instructions that turn OLD into NEW;
- read (`read_amendment`): an amendment document (any rendering unres reads) becomes instructions, through a
  grammar of the fixed phrasings, one named rule each;
- apply (`apply_amendments`): instructions change a draft in order; what cannot apply is reported, not guessed.

Quotes are found through typography (a hyphen is a non-breaking hyphen, a straight quote a curly one, an
amendment's footnote star is not text) and only as whole words; a quote must occur once in its paragraph.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field
from itertools import chain
from pathlib import Path
from typing import BinaryIO

from unres.align import align
from unres.errors import InputError
from unres.formats import Format, Revisions
from unres.formats.text import text_to_lines
from unres.grammar.lines import SYMBOL, Kind, split_lines
from unres.grammar.structure import ends_clause, opening_phrase
from unres.models import (
    Alignment,
    AmendedDocument,
    Amendment,
    Annex,
    Document,
    Edit,
    Instruction,
    InstructionKind,
    Paragraph,
    ParagraphKind,
    SetAside,
)
from unres.read import DEFAULT_MAX_BYTES, Limits, read_source
from unres.redline import redline
from unres.text import fold_typography, words_in

__all__ = ["amendments_between", "apply_amendments", "parse_amendment_text", "read_amendment"]

# --- references: "the fifth preambular paragraph", "operative paragraph 3 (b)" ------------------------------------

_UNITS = ["", "first", "second", "third", "fourth", "fifth", "sixth", "seventh", "eighth", "ninth"]
_TEENS = [
    "tenth",
    "eleventh",
    "twelfth",
    "thirteenth",
    "fourteenth",
    "fifteenth",
    "sixteenth",
    "seventeenth",
    "eighteenth",
    "nineteenth",
]
_TENS = ["", "", "twenty", "thirty", "forty", "fifty", "sixty", "seventy", "eighty", "ninety"]
_TENTHS = ["", "", "twentieth", "thirtieth", "fortieth", "fiftieth", "sixtieth", "seventieth", "eightieth", "ninetieth"]
_NUMBER_WORDS = [
    "one",
    "two",
    "three",
    "four",
    "five",
    "six",
    "seven",
    "eight",
    "nine",
    "ten",
    "eleven",
    "twelve",
    "thirteen",
    "fourteen",
    "fifteen",
]
_COUNTS = {"a": 1, "an": 1} | {word: value for value, word in enumerate(_NUMBER_WORDS, start=1)}
_COUNT_WORDS = {value: word for word, value in _COUNTS.items() if word not in ("an", "one")}


def ordinal(number: int) -> str:
    """'fifth', 'thirty-eighth': how the UN names a preambular paragraph; '120th' past ninety-ninth."""
    if number < 1 or number > 99:
        suffix = "th" if 10 <= number % 100 <= 20 else {1: "st", 2: "nd", 3: "rd"}.get(number % 10, "th")
        return f"{number}{suffix}"
    if number < 10:
        return _UNITS[number]
    if number < 20:
        return _TEENS[number - 10]
    tens, units = divmod(number, 10)
    return _TENTHS[tens] if units == 0 else f"{_TENS[tens]}-{_UNITS[units]}"


_ORDINAL_VALUES = {ordinal(number): number for number in range(1, 100)}
_NUMERIC_ORDINAL = re.compile(r"^(\d+)(?:st|nd|rd|th)$")


def ordinal_value(word: str) -> int | None:
    """The inverse of `ordinal`."""
    word = word.lower()
    if found := _NUMERIC_ORDINAL.match(word):
        return int(found.group(1))
    return _ORDINAL_VALUES.get(word)


_PARTS = ("preambular", "operative")
_REF_ID = re.compile(r"^(?:(PP|OP|P)|(ANNEX\d*)-)(\d+)((?:\([a-z0-9]+\))*)$")
_SUB_LABELS = re.compile(r"\(([a-z0-9]+)\)")


@dataclass(frozen=True)
class _Ref:
    """A paragraph named by position: part, 1-based position in it, sub-paragraph labels."""

    part: str  # preambular, operative, plain, annex:<ID>
    position: int
    subs: tuple[str, ...] = ()

    @property
    def id(self) -> str:
        prefix = {"preambular": "PP", "operative": "OP", "plain": "P"}.get(self.part)
        head = f"{prefix}{self.position}" if prefix else f"{self.part.removeprefix('annex:')}-{self.position}"
        return head + "".join(f"({label})" for label in self.subs)

    @classmethod
    def of(cls, ref_id: str) -> _Ref | None:
        found = _REF_ID.match(ref_id)
        if not found:
            return None
        part = {"PP": "preambular", "OP": "operative", "P": "plain"}[found.group(1)] if found.group(1) else ""
        part = part or f"annex:{found.group(2)}"
        return cls(part, int(found.group(3)), tuple(_SUB_LABELS.findall(found.group(4))))


def _annex_name(annex_id: str) -> str:
    return "the annex" if annex_id == "ANNEX" else f"annex {annex_id.removeprefix('ANNEX')}"


def describe(ref: _Ref) -> str:
    """A paragraph as an amendment names it."""
    subs = " ".join(f"({label})" for label in ref.subs)
    if ref.part == "preambular":
        whole = f"the {ordinal(ref.position)} preambular paragraph"
        return f"subparagraph {subs} of {whole}" if subs else whole
    if ref.part == "operative":
        return f"operative paragraph {ref.position}" + (f" {subs}" if subs else "")
    numbered = f"paragraph {ref.position}" + (f" {subs}" if subs else "")
    if ref.part.startswith("annex:"):
        return f"{numbered} of {_annex_name(ref.part.removeprefix('annex:'))}"
    return numbered


def describe_run(refs: list[_Ref]) -> str:
    """Consecutive paragraphs of one part: 'operative paragraphs 9 and 10', 'the second to fifth preambular
    paragraphs'."""
    if len(refs) == 1:
        return describe(refs[0])
    first, last = refs[0], refs[-1]
    joint = "and" if len(refs) == 2 else "to"
    if first.part == "preambular":
        return f"the {ordinal(first.position)} {joint} {ordinal(last.position)} preambular paragraphs"
    if first.part == "operative":
        return f"operative paragraphs {first.position} {joint} {last.position}"
    plural = f"paragraphs {first.position} {joint} {last.position}"
    return (
        f"{plural} of {_annex_name(first.part.removeprefix('annex:'))}" if first.part.startswith("annex:") else plural
    )


_RUN_RULES = [
    re.compile(
        r"^the (?P<first>[a-z]+(?:-[a-z]+)?|\d+(?:st|nd|rd|th)) (?P<joint>and|to|through) "
        r"(?P<last>[a-z]+(?:-[a-z]+)?|\d+(?:st|nd|rd|th)) (?P<part>preambular) paragraphs$",
        re.IGNORECASE,
    ),
    re.compile(
        r"^(?P<part>operative )?paragraphs (?P<first>\d+) (?P<joint>and|to|through) (?P<last>\d+)"
        r"(?: of (?P<annex>the annex|annex [IVX\d]+))?$",
        re.IGNORECASE,
    ),
]


def references(text: str) -> list[str] | None:
    """The ids one reference or a run of them names: 'operative paragraphs 9 to 12' → OP9 … OP12."""
    text = " ".join(text.split())
    for pattern in _RUN_RULES:
        found = pattern.match(text)
        if not found:
            continue
        first, last = (
            ordinal_value(found.group(k)) if not found.group(k).isdigit() else int(found.group(k))
            for k in ("first", "last")
        )
        if not first or not last or last < first:
            return None
        part_word = (found.group("part") or "").strip().lower()
        annex = found.groupdict().get("annex")
        part = part_word or (_part_of_name(annex) if annex else "plain")
        if part is None:
            return None
        positions = [first, last] if found.group("joint").lower() == "and" else list(range(first, last + 1))
        return [_Ref(part, position).id for position in positions]
    single = reference(text)
    return [single] if single else None


_ROMAN_VALUES = {"I": 1, "II": 2, "III": 3, "IV": 4, "V": 5, "VI": 6, "VII": 7, "VIII": 8, "IX": 9, "X": 10}
_REFERENCE_RULES: list[tuple[str, re.Pattern[str]]] = [
    ("title", re.compile(r"^the title(?: of the draft resolution)?$", re.IGNORECASE)),
    (
        "preambular",
        re.compile(
            r"^(?:sub-?paragraph (?P<subs>(?:\([a-z0-9]+\)\s*)+)of )?"
            r"the (?P<ordinal>[a-z]+(?:-[a-z]+)?|\d+(?:st|nd|rd|th)) preambular paragraph$",
            re.IGNORECASE,
        ),
    ),
    (
        "operative",
        re.compile(
            r"^(?:sub-?paragraph (?P<before>(?:\([a-z0-9]+\)\s*)+)of )?operative (?:sub-?)?paragraph (?P<number>\d+)"
            r"(?P<subs>(?:\s*\([a-z0-9]+\))*)$",
            re.IGNORECASE,
        ),
    ),
    (
        "annex",
        re.compile(
            r"^paragraph (?P<number>\d+)(?P<subs>(?:\s*\([a-z0-9]+\))*) of (?:the annex|annex (?P<annex>[IVX]+|\d+))"
            r"(?: to the draft resolution)?$",
            re.IGNORECASE,
        ),
    ),
    ("plain", re.compile(r"^paragraph (?P<number>\d+)(?P<subs>(?:\s*\([a-z0-9]+\))*)$", re.IGNORECASE)),
]


def reference(text: str) -> str | None:
    """The id ('PP5', 'OP3(b)', 'ANNEX-2', 'title') a reference such as 'the fifth preambular paragraph' names."""
    text = " ".join(text.split())
    for name, pattern in _REFERENCE_RULES:
        found = pattern.match(text)
        if not found:
            continue
        if name == "title":
            return "title"
        groups = found.groupdict()
        subs = tuple(_SUB_LABELS.findall((groups.get("before") or "") + (groups.get("subs") or "")))
        if name == "preambular":
            position = ordinal_value(groups["ordinal"])
            return _Ref("preambular", position, subs).id if position else None
        part = name
        if name == "annex":
            annex = groups.get("annex") or "I"
            index = int(annex) if annex.isdigit() else _ROMAN_VALUES.get(annex.upper())
            if index is None:
                return None
            part = "annex:" + ("ANNEX" if index == 1 else f"ANNEX{index}")
        return _Ref(part, int(groups["number"]), subs).id
    return None


# --- matching quotes through typography --------------------------------------------------------------------------

# An amendment's own footnote mark: stars after a word ("Court,** and"), or superscript digits.
_FOOTNOTE_STARS = re.compile(r"(?<=\S)\*+(?=[\s,.;:)]|$)|[\u00b9\u00b2\u00b3\u2070-\u2079]+")
_SPACE_RUN = re.compile(r"\s+")


def strip_footnote_marks(text: str) -> str:
    """The amendment's footnote stars and superscript marks are not text: they never reach the draft."""
    return _SPACE_RUN.sub(" ", _FOOTNOTE_STARS.sub("", text)).strip()


def _fold(text: str) -> tuple[str, list[int]]:
    """Text with typography folded (unres/text.py, as every stage folds it) and spaces collapsed (a no-break space
    too), and for each folded character its index in `text`."""
    folded: list[str] = []
    positions: list[int] = []
    stars = {m.start() + k for m in _FOOTNOTE_STARS.finditer(text) for k in range(m.end() - m.start())}
    for index, char in enumerate(fold_typography(text)):  # one character for one: positions hold
        if index in stars:
            continue
        if char.isspace():
            if not folded or folded[-1] == " ":
                continue
            char = " "
        folded.append(char)
        positions.append(index)
    return "".join(folded), positions


def find_quote(text: str, quote: str) -> list[tuple[int, int]]:
    """Every [start, end) of `quote` in `text` as whole words, typography folded."""
    return _find_folded(_fold(text), quote)


def _find_folded(folded: tuple[str, list[int]], quote: str) -> list[tuple[int, int]]:
    """`find_quote` in a text already folded by `_fold` (a text searched for many quotes is folded once)."""
    needle = _fold(quote)[0].strip()
    if not needle:
        return []
    haystack, positions = folded
    spans = []
    start = haystack.find(needle)
    while start >= 0:
        end = start + len(needle)
        before_ok = not (needle[0].isalnum() and start > 0 and haystack[start - 1].isalnum())
        after_ok = not (needle[-1].isalnum() and end < len(haystack) and haystack[end].isalnum())
        if before_ok and after_ok:
            spans.append((positions[start], positions[end - 1] + 1))
        start = haystack.find(needle, start + 1)
    return spans


def _same_text(a: str, b: str) -> bool:
    return _fold(strip_footnote_marks(a))[0].strip() == _fold(strip_footnote_marks(b))[0].strip()


# --- paragraphs: full text in, sub-paragraphs out ----------------------------------------------------------------

_SUB_LINE = re.compile(r"^\(([a-z]{1,4}|\d{1,2})\)\s+(.*)$")
_ROMAN_LABEL = re.compile(r"^(?=[ivxl])(x{0,3})(ix|iv|v?i{0,3})$")


def paragraph_from_text(text: str, kind: ParagraphKind) -> Paragraph:
    """A paragraph from its full text: a chapeau, then '(a) …' lines as sub-paragraphs ('(i) …' under a letter)."""
    lines = [line.strip() for line in text.split("\n") if line.strip()]
    top = Paragraph(id="", kind=kind, text="")
    chapeau: list[str] = []
    letter: Paragraph | None = None
    for line in lines:
        found = _SUB_LINE.match(line)
        if not found:  # a line that continues the chapeau, or the last sub-paragraph
            if not top.subparagraphs:
                chapeau.append(line)
            else:
                holder = letter.subparagraphs[-1] if letter and letter.subparagraphs else top.subparagraphs[-1]
                holder.text = f"{holder.text} {line}".strip()
            continue
        label, body = found.groups()
        sub = Paragraph(id="", kind=kind, label=label, text=body)
        nested = _ROMAN_LABEL.match(label) and letter is not None and label != _next_letter(letter.label or "")
        if nested and letter is not None:
            letter.subparagraphs.append(sub)
        else:
            top.subparagraphs.append(sub)
            letter = sub if label.isalpha() else None
    top.text = " ".join(chapeau)
    top.opening = opening_phrase(top.text, kind)
    return top


def _next_letter(label: str) -> str:
    return chr(ord(label[-1]) + 1) if len(label) == 1 and label.isalpha() else ""


def _relative_ids(paragraph: Paragraph) -> list[str]:
    return [p.id[len(paragraph.id) :] for p in paragraph.walk()]


def _renumber(paragraph: Paragraph, new_id: str, label: str | None) -> None:
    paragraph.id = new_id
    paragraph.label = label
    for sub in paragraph.subparagraphs:
        _renumber(sub, f"{new_id}({sub.label})", sub.label)


# --- write: an alignment becomes instructions ------------------------------------------------------------------

# A paragraph more than this share rewritten, or changed in more places than this, is replaced whole.
_REWRITE_SHARE = 0.5
_MAX_CHANGES = 5
_THROUGHOUT_MIN = 2
_DISTINCTIVE_LENGTH = 6
_WORD_RE = re.compile(r"\w+")


def _parts_of(doc: Document) -> list[tuple[str, list[Paragraph]]]:
    parts: list[tuple[str, list[Paragraph]]] = []
    for kind in ("preambular", "operative", "plain"):
        members = [p for p in doc.paragraphs if p.kind == kind]
        if members:
            parts.append((kind, members))
    parts += [(f"annex:{annex.id}", annex.paragraphs) for annex in doc.annexes]
    return parts


def _positions(doc: Document) -> dict[str, _Ref]:
    """Each top-level paragraph's id → its positional reference."""
    return {p.id: _Ref(part, index) for part, members in _parts_of(doc) for index, p in enumerate(members, start=1)}


@dataclass
class _Piece:
    """A chapeau or sub-paragraph text of a paragraph being amended, as it reads so far."""

    ref: _Ref
    text: str


class _Writer:
    """Instructions from an alignment: paragraphs kept in place (unchanged or modified, same part) are edited in words
    or replaced; every other paragraph of OLD is deleted and every other paragraph of NEW inserted after the kept
    paragraph it follows."""

    def __init__(self, old: Document, new: Document, alignment: Alignment) -> None:
        self.old, self.new = old, new
        self.alignment = alignment
        self.old_refs, self.new_refs = _positions(old), _positions(new)
        self.new_by_id = {p.id: p for p in new.all_paragraphs()}
        self.pairs: dict[str, str] = {}
        for change in self.alignment.changes:
            if change.kind in ("unchanged", "modified") and len(change.old) == len(change.new) == 1:
                old_ref, new_ref = self.old_refs.get(change.old[0]), self.new_refs.get(change.new[0])
                if old_ref and new_ref and old_ref.part == new_ref.part:
                    self.pairs[change.old[0]] = change.new[0]
        self.texts = {p.id: p.full_text() for p in old.all_paragraphs()}
        self.old_parts = dict(_parts_of(old))
        self.title = old.title or ""
        self.out: list[Instruction] = []

    def instructions(self) -> list[Instruction]:
        self._throughout()
        self._title()
        inserts = self._insertion_runs()
        for part, members in self.old_parts.items():
            self._emit_run(inserts.pop((part, None), []), part, None)
            deleted: list[_Ref] = []
            for paragraph in members:
                if paragraph.id not in self.pairs:
                    deleted.append(self.old_refs[paragraph.id])
                    continue
                self._delete(deleted)
                deleted = []
                self._modify(paragraph, self.new_by_id[self.pairs[paragraph.id]])
                self._emit_run(inserts.pop((part, paragraph.id), []), part, paragraph.id)
            self._delete(deleted)
        for (part, _), run in inserts.items():  # parts the old document did not have
            self._emit_run(run, part, None)
        return self.out

    def _add(self, kind: InstructionKind, text: str, targets: list[str], **fields: object) -> None:
        self.out.append(Instruction(n=len(self.out) + 1, text=text, kind=kind, targets=targets, **fields))

    # -- a word replaced the same way everywhere

    def _throughout(self) -> None:
        candidates: Counter[tuple[str, str]] = Counter()
        options = self.alignment.options
        # The alignment redlined each pair as this does, unless it ignored case or punctuation: its edits serve.
        redlined = (
            {}
            if options.ignore_case or options.ignore_punctuation
            else {
                change.old[0]: change.edits
                for change in self.alignment.changes
                if len(change.old) == 1 and change.old[0] in self.pairs
            }
        )
        for old_id, new_id in self.pairs.items():
            edits = redlined.get(old_id)
            if edits is None:
                edits = redline(self.texts[old_id], self.new_by_id[new_id].full_text())
            for edit_pair in _replacements(edits):
                candidates[edit_pair] += 1
        if self.title != (self.new.title or ""):
            for edit_pair in _replacements(redline(self.title, self.new.title or "")):
                candidates[edit_pair] += 1
        ordered = [pair for pair, _ in sorted(candidates.items(), key=lambda item: -item[1]) if _distinctive(pair[0])]
        if not ordered:
            return
        new_texts = [self.new.title or ""] + [self.new_by_id[new_id].full_text() for new_id in self.pairs.values()]
        new_words = set(chain.from_iterable(words_in(text) for text in new_texts))
        counts = self._words_by_part()
        for before, after in ordered:
            if self._try_throughout(before, after, counts, new_words):
                counts = self._words_by_part()  # the texts changed

    def _words_by_part(self) -> dict[str, Counter[str]]:
        """How many times each word stands in the title and in each part's paragraphs kept in place: one count over
        the texts, not a search of every text for every candidate word. A candidate is one whole word (a run of word
        characters), so its whole-word occurrences are exactly the words of a text equal to it."""
        texts: dict[str, list[str]] = {"title": [self.title]} if self.title else {}
        for old_id in self.pairs:
            texts.setdefault(self.old_refs[old_id].part, []).append(self.texts[old_id])
        return {part: Counter(chain.from_iterable(map(words_in, members))) for part, members in texts.items()}

    def _try_throughout(self, before: str, after: str, counts: dict[str, Counter[str]], new_words: set[str]) -> bool:
        """Write 'Replace “before” with “after” in …' when the old texts have the word at least twice and the new
        ones never; True when written (and the texts changed)."""
        found = {part: words[before] for part, words in counts.items() if words[before]}
        if sum(found.values()) < _THROUGHOUT_MIN or before in new_words:
            return False
        pattern = re.compile(rf"(?<!\w){re.escape(before)}(?!\w)")
        scope = sorted(
            found,
            key=lambda part: ("title", *_PARTS).index(part) if part in ("title", *_PARTS) else 9,
        )
        if any(part not in ("title", *_PARTS) for part in scope):
            return False
        names = {
            "title": "the title",
            "preambular": "the preambular paragraphs",
            "operative": "the operative paragraphs",
        }
        listed = [names[part] for part in scope]
        wording = listed[0] if len(listed) == 1 else ", ".join(listed[:-1]) + " and " + listed[-1]
        self._add(
            "replace_throughout",
            f"Replace “{before}” with “{after}” in {wording}.",
            scope,
            quote=before,
            words=after,
        )
        self.title = pattern.sub(after, self.title)
        for old_id, text in self.texts.items():
            if self.old_refs[old_id].part in scope:
                self.texts[old_id] = pattern.sub(after, text)
        return True

    # -- the title

    def _title(self) -> None:
        new_title = self.new.title or ""
        if not new_title or self.title == new_title:
            return
        edits = redline(self.title, new_title, fold_typography=False)
        if not self.title or _rewritten(edits):
            self._add("title", f"Replace the title with “{new_title}”.", ["title"], words=new_title)
            return
        pieces = [_Piece(_Ref("title", 0), self.title)]
        self._word_instructions(pieces, 0, edits, "the title", "title")

    # -- a paragraph kept in place, changed in words

    def _modify(self, old: Paragraph, new: Paragraph) -> None:
        ref = self.old_refs[old.id]
        old_text, new_text = self.texts[old.id], new.full_text()
        if old_text == new_text:
            return
        rebuilt = paragraph_from_text(old_text, old.kind)
        _renumber(rebuilt, old.id, old.label)
        if _relative_ids(rebuilt) != _relative_ids(new):
            self._replace_whole(ref, new_text)
            return
        pieces = [
            _Piece(_Ref(ref.part, ref.position, tuple(_SUB_LABELS.findall(p.id[len(old.id) :]))), p.text)
            for p in rebuilt.walk()
        ]
        targets = list(new.walk())
        replaced: list[tuple[str, ...]] = []
        for index, (piece, target) in enumerate(zip(pieces, targets, strict=True)):
            subs = piece.ref.subs
            if piece.text == target.text or any(subs[: len(done)] == done for done in replaced):
                continue
            edits = redline(piece.text, target.text, fold_typography=False)
            if _rewritten(edits):
                if index == 0:
                    self._replace_whole(ref, new_text)
                    return
                self._replace_whole(piece.ref, target.full_text())
                replaced.append(subs)
                continue
            scope = [i for i, p in enumerate(pieces) if p.ref.subs[: len(subs)] == subs]
            self._word_instructions(
                [pieces[i] for i in scope], scope.index(index), edits, describe(piece.ref), piece.ref.id
            )

    def _delete(self, refs: list[_Ref]) -> None:
        """Paragraphs deleted next to each other are one instruction: 'Delete operative paragraphs 9 to 12.'"""
        if refs:
            self._add("delete_paragraph", f"Delete {describe_run(refs)}.", [ref.id for ref in refs])

    def _replace_whole(self, ref: _Ref, new_text: str) -> None:
        self._add(
            "replace_paragraph",
            f"Replace {describe(ref)} with the following text:",
            [ref.id],
            paragraphs=[new_text],
        )

    def _word_instructions(self, pieces: list[_Piece], at: int, edits: list[Edit], name: str, target: str) -> None:
        """One instruction per change of the redline, each quoting as little as is unique in the paragraph as it
        reads when the instruction applies (earlier instructions done)."""
        done = ""
        remaining = _spacing_as_changes(edits)
        while remaining:
            edit = remaining.pop(0)
            if edit.op == "equal":
                done += edit.text
                continue
            deleted = edit.text if edit.op == "delete" else ""
            inserted = edit.text if edit.op == "insert" else ""
            while remaining and remaining[0].op != "equal":
                extra = remaining.pop(0)
                if extra.op == "delete":
                    deleted += extra.text
                else:
                    inserted += extra.text
            todo = deleted + "".join(e.text for e in remaining if e.op != "insert")
            pieces[at].text = done + todo
            others = [p.text for i, p in enumerate(pieces) if i != at]
            if deleted.strip() or inserted.strip():
                self._one_change(done, deleted, inserted, todo[len(deleted) :], others, name, target)
            done += inserted
        pieces[at].text = done

    def _one_change(
        self, before: str, deleted: str, inserted: str, after: str, others: list[str], name: str, target: str
    ) -> None:
        whole = before + deleted + after
        folded = [_fold(text) for text in [whole, *others]]  # once: a quote grows a word at a time until unique

        def unique(quote: str) -> bool:
            return sum(len(_find_folded(text, quote)) for text in folded) == 1

        left, right = _CONTEXT_TOKEN.findall(before), _CONTEXT_TOKEN.findall(after)
        if deleted.strip():
            prefix = suffix = ""
            quote = deleted
            turn = 0
            while not unique(quote.strip()) and (left or right):
                if (turn % 2 == 0 and left) or not right:
                    prefix = left.pop() + prefix
                else:
                    suffix += right.pop(0)
                turn += 1
                quote = prefix + deleted + suffix
            old_words, new_words = (prefix + deleted + suffix).strip(), (prefix + inserted + suffix).strip()
            if not new_words:
                self._add("delete_words", f"In {name}, delete “{old_words}”.", [target], quote=old_words)
            else:
                self._add(
                    "replace",
                    f"In {name}, replace “{old_words}” with “{new_words}”.",
                    [target],
                    quote=old_words,
                    words=new_words,
                )
            return
        words = inserted.strip()
        # The shorter unique anchor: the words before the insertion, or those after it.
        choices = [
            (len(anchor), where, anchor)
            for where, anchor in (("after", _anchor(left, unique, leftwards=True)), ("before", _anchor(right, unique)))
            if anchor
        ]
        _, where, anchor = min(choices, default=(0, "after", before.strip()))
        self._add(
            "insert_words",
            f"In {name}, insert “{words}” {where} “{anchor}”.",
            [target],
            quote=anchor,
            words=words,
            where=where,
        )

    # -- paragraphs that arrive: added, moved, split or merged

    def _insertion_runs(self) -> dict[tuple[str, str | None], list[Paragraph]]:
        """New paragraphs without a partner in place, grouped by the old paragraph they follow (None: the start of
        their part)."""
        reverse = {new_id: old_id for old_id, new_id in self.pairs.items()}
        runs: dict[tuple[str, str | None], list[Paragraph]] = {}
        for part, members in _parts_of(self.new):
            anchor: str | None = None
            for paragraph in members:
                if paragraph.id in reverse:
                    anchor = reverse[paragraph.id]
                else:
                    runs.setdefault((part, anchor), []).append(paragraph)
        return runs

    def _emit_run(self, run: list[Paragraph], part: str, anchor: str | None) -> None:
        if not run:
            return
        kind_name = {"preambular": "preambular ", "operative": "operative "}.get(part, "")
        count = len(run)
        noun = f"{_COUNT_WORDS.get(count, str(count)) if count > 1 else 'a'} new {kind_name}paragraph" + (
            "s" if count > 1 else ""
        )
        texts = [p.full_text() for p in run]
        old_members = self.old_parts.get(part, [])
        if anchor is not None:
            ref = self.old_refs[anchor]
            self._add(
                "insert_paragraph",
                f"After {describe(ref)}, insert {noun} reading:",
                [ref.id],
                where="after",
                paragraphs=texts,
            )
        elif old_members:
            ref = self.old_refs[old_members[0].id]
            self._add(
                "insert_paragraph",
                f"Before {describe(ref)}, insert {noun} reading:",
                [ref.id],
                where="before",
                paragraphs=texts,
            )
        else:
            self._add(
                "insert_paragraph",
                f"At the end of {_part_name(part)}, insert {noun} reading:",
                [part],
                where="end",
                paragraphs=texts,
            )


_PART_NAMES = {"preambular": "the preamble", "operative": "the operative part", "plain": "the text"}


def _part_name(part: str) -> str:
    return _annex_name(part.removeprefix("annex:")) if part.startswith("annex:") else _PART_NAMES[part]


def _part_of_name(name: str) -> str | None:
    """The inverse of `_part_name`: 'the annex' → 'annex:ANNEX', 'annex II' → 'annex:ANNEX2'."""
    name = " ".join(name.lower().split())
    for part, part_name in _PART_NAMES.items():
        if name == part_name:
            return part
    found = re.match(r"^(?:the annex|annex ([ivx]+|\d+))$", name)
    if not found:
        return None
    number = found.group(1) or "1"
    index = int(number) if number.isdigit() else _ROMAN_VALUES.get(number.upper(), 0)
    return "annex:" + ("ANNEX" if index == 1 else f"ANNEX{index}") if index else None


def _anchor(tokens: list[str], unique: Callable[[str], bool], *, leftwards: bool = False) -> str:
    """The fewest whole tokens next to an insertion point that occur once in the paragraph ('' if none do)."""
    anchor = ""
    for count in range(1, len(tokens) + 1):
        anchor = "".join(tokens[-count:] if leftwards else tokens[:count]).strip()
        if anchor and unique(anchor):
            return anchor
    return ""


def _spacing_as_changes(edits: list[Edit]) -> list[Edit]:
    """An unchanged word that lost or gained the space before it ('of 2025' → 'of (2025') is a change: applied text
    must join or part the words as the new version does."""
    result: list[Edit] = []
    for edit in edits:
        new_text = edit.new_text
        if edit.op == "equal" and new_text is not None and edit.text[:1].isspace() != new_text[:1].isspace():
            result += [Edit(op="delete", text=edit.text), Edit(op="insert", text=new_text)]
        else:
            result.append(edit)
    return result


def _rewritten(edits: list[Edit]) -> bool:
    """Most of the text rewritten, or changed in many places: a drafter replaces it whole."""
    changed = sum(len(e.text) for e in edits if e.op != "equal")
    total = sum(len(e.text) for e in edits if e.op != "insert") + sum(len(e.text) for e in edits if e.op == "insert")
    runs = sum(1 for i, e in enumerate(edits) if e.op != "equal" and (i == 0 or edits[i - 1].op == "equal"))
    return total > 0 and (changed / total > _REWRITE_SHARE or runs > _MAX_CHANGES)


def _distinctive(word: str) -> bool:
    """A word worth a 'throughout' instruction: a name, a number, or a long word; not 'this' or 'and'."""
    return any(ch.isupper() or ch.isdigit() for ch in word) or len(word) >= _DISTINCTIVE_LENGTH


def _replacements(edits: list[Edit]) -> list[tuple[str, str]]:
    """Word-for-word replacements in a redline: ('Chernobyl', 'Chornobyl') from 'Chernobyl-affected' →
    'Chornobyl-affected' as well as from the word itself."""
    found = []
    for index in range(len(edits) - 1):
        deleted, inserted = edits[index], edits[index + 1]
        if deleted.op != "delete" or inserted.op != "insert":
            continue
        old_words, new_words = _WORD_RE.findall(deleted.text), _WORD_RE.findall(inserted.text)
        if len(old_words) != len(new_words) or _WORD_RE.sub("", deleted.text) != _WORD_RE.sub("", inserted.text):
            continue
        differing = [(a, b) for a, b in zip(old_words, new_words, strict=True) if a != b]
        if len(differing) == 1:
            found.append(differing[0])
    return found


_CONTEXT_TOKEN = re.compile(r"\s*(?:\w+(?:[-‐‑’'.]\w+)*|[^\w\s])")


def amendments_between(old: Document, new: Document, alignment: Alignment | None = None) -> list[Instruction]:
    """The amendment instructions that turn `old` into `new`, in the UN's style and OLD's numbering (`alignment`:
    the two documents' alignment, when already computed)."""
    return _Writer(old, new, alignment or align(old, new)).instructions()


# --- read: an amendment document becomes instructions ----------------------------------------------------------

_Q = '[“"](?P<{}>.+?)[”"]'
_REF = r"(?P<ref>.+?)"
_COUNT = "|".join([*_COUNTS, r"\d+"])
_SCOPE_PART = r"(?:the )?(?:title|preambular paragraphs|operative paragraphs|annex|preamble|operative part)"
_RULE_TEXTS: list[tuple[str, InstructionKind, str]] = [
    (
        "replace throughout",
        "replace_throughout",
        rf"^Replace {_Q.format('quote')} (?:with|by) {_Q.format('words')},? (?P<scope>throughout(?: the (?:text|draft "
        rf"resolution))?|in {_SCOPE_PART}(?:(?:,| and|, and) {_SCOPE_PART})*)\.?$",
    ),
    (
        "replace the title",
        "title",
        rf"^Replace the title(?: of the draft resolution)? (?:with|by|to read)(?: the following)?:? "
        rf"{_Q.format('words')}\.?$",
    ),
    (
        "replace the title, text below",
        "title",
        r"^Replace the title(?: of the draft resolution)? (?:with the following(?: text)?|to read):$",
    ),
    (
        "replace words",
        "replace",
        rf"^In {_REF}, replace(?: the words?)? {_Q.format('quote')} (?:with|by)(?: the words?)? "
        rf"{_Q.format('words')}\.?$",
    ),
    (
        "insert words (words first)",
        "insert_words",
        rf"^In {_REF}, (?:insert|add)(?: the words?)? {_Q.format('words')} (?P<where>after|before)(?: the words?)? "
        rf"{_Q.format('quote')}\.?$",
    ),
    (
        "insert words (place first)",
        "insert_words",
        rf"^In {_REF}, (?P<where>after|before)(?: the words?)? {_Q.format('quote')},? (?:insert|add)(?: the words?)? "
        rf"{_Q.format('words')}\.?$",
    ),
    (
        "insert words at the end",
        "insert_words",
        rf"^(?:In|At the end of) {_REF}, (?:insert|add) {_Q.format('words')}(?P<where> at the end)?\.?$",
    ),
    ("delete words", "delete_words", rf"^In {_REF}, delete(?: the words?)? {_Q.format('quote')}\.?$"),
    (
        "insert paragraphs",
        "insert_paragraph",
        rf"^(?P<where>After|Before) {_REF}, (?:insert|add) (?P<count>{_COUNT}) "
        r"new (?:(?P<kind>preambular|operative) )?(?:sub-?)?paragraphs? reading:?$",
    ),
    (
        "insert paragraphs (paragraphs first)",
        "insert_paragraph",
        rf"^(?:Insert|Add) (?P<count>{_COUNT}) new (?:(?P<kind>preambular|operative) )?(?:sub-?)?paragraphs? "
        rf"(?P<where>after|before) {_REF},? reading:?$",
    ),
    (
        "insert paragraphs at the end",
        "insert_paragraph",
        r"^At the end of (?P<part>the preamble|the operative part|the text|the annex|annex [IVX\d]+), (?:insert|add) "
        rf"(?P<count>{_COUNT}) new (?:(?P<kind>preambular|operative) )?"
        r"paragraphs? reading:?$",
    ),
    ("delete paragraph", "delete_paragraph", rf"^Delete {_REF}(?P<reading>,? reading:)?\.?$"),
    (
        "replace paragraph",
        "replace_paragraph",
        rf"^Replace {_REF} (?:with the following(?: text)?|to read)(?: as follows)?:$",
    ),
]
RULES: list[tuple[str, InstructionKind, re.Pattern[str]]] = [
    (name, kind, re.compile(pattern, re.IGNORECASE | re.DOTALL)) for name, kind, pattern in _RULE_TEXTS
]
_SCOPES = {
    "title": "title",
    "preambular paragraphs": "preambular",
    "preamble": "preambular",
    "operative paragraphs": "operative",
    "operative part": "operative",
}

_SPONSOR_LINE = re.compile(
    rf"^(?P<sponsors>.+?):\s*\**\s*(?:revised\s+)?amendments?\s+to\s+(?:the\s+)?draft\s+resolution\s+(?P<target>{SYMBOL})",
    re.IGNORECASE,
)
_SPONSOR_NOTE = re.compile(r"^\*\s*Any changes to the list of sponsors", re.IGNORECASE)
_AMENDMENT_FOOTNOTE = re.compile(r"^\*{1,4}\s+\S")
_NUMBER_LINE = re.compile(r"^(\d{1,4})\.(?:\s+(.*))?$")
_STARTS_INSTRUCTION = re.compile(r"^(?:(?:Replace|Delete|Insert|Add)\b|(?:In|After|Before) |At the end )")
_SYMBOL_IN_LINE = re.compile(rf"^(?:United Nations\s+)?({SYMBOL})$")


def read_amendment(
    path: str | Path,
    *,
    stdin: BinaryIO | None = None,
    max_bytes: int = DEFAULT_MAX_BYTES,
    format: Format | None = None,
    revisions: Revisions | None = None,
    limits: Limits | None = None,
) -> Amendment:
    """Read an amendment document (text, PDF, Word, HTML; '-' reads `stdin`) into its instructions; a Word file's
    tracked changes are refused unless `revisions` says to accept or reject them, as for `parse_file`."""
    source = read_source(path, stdin=stdin, max_bytes=max_bytes, format=format, revisions=revisions, limits=limits)
    amendment = parse_amendment_text(source.text, source=source.name)
    if not amendment.instructions:
        raise InputError(f"{source.name}: no amendment instructions found")
    return amendment


@dataclass
class _Block:
    lines: list[str] = field(default_factory=list)
    after_furniture: bool = False


def parse_amendment_text(text: str, source: str | None = None) -> Amendment:
    """An amendment's text into instructions: header, sponsor line, sponsor note and page furniture set aside."""
    lines = split_lines(text_to_lines(text))
    amendment = Amendment(source=source)
    set_aside: list[SetAside] = []
    start = 0
    for index, line in enumerate(lines):
        found = _SPONSOR_LINE.match(line.text)
        if found:
            amendment.sponsors = [s.strip() for s in re.split(r",\s*|\s+and\s+", found.group("sponsors")) if s.strip()]
            amendment.target = found.group("target")
            start = index + 1
            break
    else:
        start = next(
            (
                i
                for i, line in enumerate(lines)
                if _NUMBER_LINE.match(line.text) or _STARTS_INSTRUCTION.match(line.text)
            ),
            len(lines),
        )
    for line in lines[:start]:
        if line.kind is not Kind.BLANK:
            set_aside.append(SetAside(line=line.number, text=line.raw.strip(), reason="front-matter"))
            symbol = _SYMBOL_IN_LINE.match(line.text)
            if symbol and amendment.symbol is None:
                amendment.symbol = symbol.group(1)
    body_start = next(
        (
            i
            for i in range(start, len(lines))
            if _NUMBER_LINE.match(lines[i].text) or _STARTS_INSTRUCTION.match(lines[i].text)
        ),
        len(lines),
    )
    title = [line.text for line in lines[start:body_start] if line.kind is Kind.TEXT]
    amendment.title = " ".join(title) or None
    set_aside += [
        SetAside(line=line.number, text=line.raw.strip(), reason="front-matter")
        for line in lines[start:body_start]
        if line.kind is Kind.TEXT
    ]
    items: list[tuple[int, list[_Block]]] = []
    blocks: list[_Block] = []
    furniture = False
    in_note = False
    for line in lines[body_start:]:
        raw = _SPACE_RUN.sub(" ", line.raw).strip()
        if in_note or _SPONSOR_NOTE.match(raw) or (line.kind is Kind.TEXT and _AMENDMENT_FOOTNOTE.match(raw)):
            in_note = not raw.endswith(".")
            set_aside.append(SetAside(line=line.number, text=raw, reason="sponsors"))
            furniture = True
            continue
        if line.kind is Kind.BLANK:
            if blocks and blocks[-1].lines:
                blocks.append(_Block())
            continue
        if line.kind is not Kind.TEXT:
            set_aside.append(SetAside(line=line.number, text=raw, reason="page-furniture"))
            furniture = True
            continue
        number = _NUMBER_LINE.match(raw)
        if number and int(number.group(1)) == len(items) + 1:
            blocks = [_Block()]
            items.append((int(number.group(1)), blocks))
            raw = number.group(2) or ""
            if not raw:
                continue
        elif not items:
            blocks = [_Block()]
            items.append((1, blocks))
        if not blocks[-1].lines:
            blocks[-1].after_furniture = furniture
        furniture = False
        blocks[-1].lines.append(raw)
    amendment.set_aside = sorted(set_aside, key=lambda s: s.line)
    amendment.instructions = [
        _instruction(number, [b for b in item if b.lines], amendment.symbol or source) for number, item in items
    ]
    return amendment


def _join(lines: list[str]) -> str:
    """Wrapped lines joined; a sub-paragraph line '(a) …' keeps a line of its own."""
    text = ""
    for line in lines:
        if not text:
            text = line
        elif _SUB_LINE.match(line):
            text += "\n" + line
        elif text.endswith("-") and line[:1].islower() and not text.endswith(" -"):
            text += line
        else:
            text += " " + line
    return text


# The rules' lazy quotes backtrack on a long line; no instruction sentence is anywhere near this long.
_LONGEST_INSTRUCTION = 5000


def _instruction(number: int, blocks: list[_Block], amendment: str | None) -> Instruction:
    """One instruction from its blocks: the instruction sentence, then the paragraphs it quotes."""
    merged: list[_Block] = []
    for block in blocks:
        # A paragraph cut by a page break (the sponsor note and the next page's header between) continues.
        if merged and block.after_furniture and len(merged) > 1 and not ends_clause(merged[-1].lines[-1]):
            merged[-1].lines += block.lines
        else:
            merged.append(block)
    sentence = _join(merged[0].lines) if merged else ""
    paragraphs = [_unquoted(_join(block.lines)) for block in merged[1:]]
    flat = " ".join(sentence.split())
    if len(flat) > _LONGEST_INSTRUCTION:
        return Instruction(
            n=number,
            text=flat[:200] + "…",
            kind="unknown",
            amendment=amendment,
            message=f"{len(flat)} characters: too long for one instruction (a page of text without numbering?)",
        )
    for name, kind, pattern in RULES:
        found = pattern.match(flat)
        if found:
            return _from_rule(number, flat, kind, name, found, paragraphs, amendment)
    return Instruction(
        n=number,
        text=flat,
        kind="unknown",
        paragraphs=paragraphs,
        amendment=amendment,
        message="not an instruction unres can read (no phrasing of the UN's amendment language matches)",
    )


def _unquoted(text: str) -> str:
    if text.startswith(("“", '"')) and text.rstrip(".").endswith(("”", '"')):
        return text.rstrip(".")[1:-1].strip()
    return text


def _from_rule(
    number: int,
    text: str,
    kind: InstructionKind,
    rule: str,
    found: re.Match[str],
    paragraphs: list[str],
    amendment: str | None,
) -> Instruction:
    groups = {key: value for key, value in found.groupdict().items() if value is not None}
    instruction = Instruction(
        n=number,
        text=text,
        kind=kind,
        quote=groups.get("quote"),
        words=groups.get("words"),
        paragraphs=paragraphs,
        amendment=amendment,
    )
    if "where" in groups:
        where = groups["where"].strip().lower()
        instruction.where = "end" if where == "at the end" else "before" if where == "before" else "after"
    elif kind == "insert_words":
        instruction.where = "end"
    if kind == "replace_throughout":
        scope = groups["scope"]
        parts = [part for name, part in _SCOPES.items() if name in scope]
        instruction.targets = list(dict.fromkeys(parts)) if parts else ["title", *_PARTS]
    elif kind == "title":
        instruction.targets = ["title"]
        if instruction.words is None:
            instruction.words = " ".join(paragraphs)
            instruction.paragraphs = []
    elif "part" in groups:
        part = _part_of_name(groups["part"])
        instruction.targets = [part] if part else []
        instruction.where = "end"
    elif "ref" in groups:
        targets = references(groups["ref"]) if kind == "delete_paragraph" else None
        target = reference(groups["ref"])
        if targets is None and target is None:
            instruction.kind = "unknown"
            instruction.message = f"cannot read the paragraph reference “{groups['ref']}”"
        else:
            instruction.targets = targets or [target or ""]
    if kind in ("insert_paragraph", "replace_paragraph") and not paragraphs:
        instruction.kind = "unknown"
        instruction.message = f"{rule}: the paragraphs it announces are missing"
    count = groups.get("count", "").lower()
    expected = _COUNTS.get(count) or (int(count) if count.isdigit() else None)
    if expected is not None and expected != len(paragraphs):
        instruction.warnings.append(f"announces {expected} new paragraph(s) but quotes {len(paragraphs)}")
    return instruction


# --- apply: instructions change a draft ------------------------------------------------------------------------


@dataclass
class _Slot:
    """A top-level paragraph of the draft being amended: deleted ones stay as tombstones so that later instructions
    can still find their place by the original numbering."""

    paragraph: Paragraph
    deleted_by: str | None = None
    inserted_by: int | None = None  # the amendment (index) that inserted or rewrote it


class _Applier:
    """A draft being amended: its parts as slots in order, each original slot findable by its original id."""

    def __init__(self, draft: Document) -> None:
        self.draft = draft.model_copy(deep=True)
        self.parts: dict[str, list[_Slot]] = {}
        self.original: dict[str, _Slot] = {}
        for part, members in _parts_of(self.draft):
            self.parts[part] = [_Slot(p) for p in members]
            for position, slot in enumerate(self.parts[part], start=1):
                self.original[_Ref(part, position).id] = slot
        self.originals = {id(slot) for slot in self.original.values()}
        self.title = Paragraph(id="title", kind="plain", text=self.draft.title or "")
        self.warnings: list[str] = []
        # The paragraphs each instruction changed or inserted, named in the amended document's numbering at the end.
        self.touched: list[tuple[Instruction, list[Paragraph]]] = []
        # Words inserted into a paragraph: (start, end, amendment) by id(paragraph), kept in step with later edits,
        # so that a throughout instruction leaves alone what its own amendment inserted.
        self.inserted: dict[int, list[tuple[int, int, int]]] = {}
        self.amendment = -1

    # -- lookups

    def _slot(self, target: str) -> tuple[_Slot, _Ref]:
        ref = _Ref.of(target)
        slot = self.original.get(_Ref(ref.part, ref.position).id) if ref else None
        if ref is None or slot is None:
            raise _NotApplied(f"the draft has no {describe(ref) if ref else target}")
        if slot.deleted_by:
            raise _NotApplied(f"{describe(ref)} was deleted by {slot.deleted_by}")
        return slot, ref

    def _paragraph(self, target: str) -> Paragraph:
        slot, ref = self._slot(target)
        paragraph = slot.paragraph
        for label in ref.subs:
            found = next((s for s in paragraph.subparagraphs if s.label == label), None)
            if found is None:
                raise _NotApplied(f"the draft has no {describe(ref)}")
            paragraph = found
        return paragraph

    # -- instructions

    def apply(self, instruction: Instruction, amendment: int, name: str) -> None:
        """Apply one instruction through its kind's `_do_<kind>` method, which returns a note (or 'already: …' when
        there was nothing to do) or raises _NotApplied with the reason."""
        self.touched.append((instruction, []))
        self.amendment = amendment
        try:
            handler = getattr(self, f"_do_{instruction.kind}")
            message = handler(instruction, amendment, name)
            instruction.status = "already" if message and message.startswith("already:") else "applied"
            instruction.message = message.removeprefix("already: ") if message else None
        except _NotApplied as problem:
            instruction.status = "not_applied"
            instruction.message = str(problem)

    def _do_unknown(self, instruction: Instruction, amendment: int, name: str) -> str | None:
        raise _NotApplied(instruction.message or "not an instruction unres can read")

    def _locate(self, instruction: Instruction, quote: str) -> tuple[Paragraph, int, int]:
        target = instruction.targets[0]
        places = [(p, span) for p in self._pieces(target) for span in find_quote(p.text, quote)]
        where = describe_target(target)
        if not places:
            raise _NotApplied(f"“{quote}” is not in {where}")
        if len(places) > 1:
            raise _NotApplied(f"“{quote}” occurs {len(places)} times in {where}: ambiguous")
        paragraph, (start, end) = places[0]
        return paragraph, start, end

    def _pieces(self, target: str) -> list[Paragraph]:
        if target == "title":
            return [self.title]
        return list(self._paragraph(target).walk())

    def _do_replace(self, instruction: Instruction, amendment: int, name: str) -> str | None:
        quote, words = instruction.quote or "", strip_footnote_marks(instruction.words or "")
        try:
            paragraph, start, end = self._locate(instruction, quote)
        except _NotApplied:
            if words and any(find_quote(p.text, words) for p in self._pieces(instruction.targets[0])):
                return f"already: {describe_target(instruction.targets[0])} already reads “{words}”"
            raise
        self._splice(paragraph, start, end, words, instruction)
        return None

    def _do_delete_words(self, instruction: Instruction, amendment: int, name: str) -> str | None:
        paragraph, start, end = self._locate(instruction, instruction.quote or "")
        self._splice(paragraph, start, end, "", instruction)
        return None

    def _do_insert_words(self, instruction: Instruction, amendment: int, name: str) -> str | None:
        words = strip_footnote_marks(instruction.words or "")
        if instruction.where == "end":
            pieces = self._pieces(instruction.targets[0])
            paragraph = pieces[-1]
            self._splice(paragraph, len(paragraph.text), len(paragraph.text), words, instruction)
            return None
        paragraph, start, end = self._locate(instruction, instruction.quote or "")
        at = end if instruction.where == "after" else start
        self._splice(paragraph, at, at, words, instruction)
        return None

    def _do_replace_throughout(self, instruction: Instruction, amendment: int, name: str) -> str | None:
        quote, words = instruction.quote or "", strip_footnote_marks(instruction.words or "")
        count = 0
        if "title" in instruction.targets:
            count += self._replace_all(self.title, quote, words, instruction)
        for part in instruction.targets:
            for slot in self.parts.get(part, []):
                if slot.deleted_by or slot.inserted_by == amendment:
                    continue
                for paragraph in slot.paragraph.walk():
                    count += self._replace_all(paragraph, quote, words, instruction)
        if count == 0:
            raise _NotApplied(f"“{quote}” is nowhere in {', '.join(instruction.targets)}")
        return f"{count} replacement{'s' if count > 1 else ''}"

    def _replace_all(self, paragraph: Paragraph, quote: str, words: str, instruction: Instruction) -> int:
        own = [(s, e) for s, e, a in self.inserted.get(id(paragraph), []) if a == self.amendment]
        spans = [(s, e) for s, e in find_quote(paragraph.text, quote) if not any(s < e2 and s2 < e for s2, e2 in own)]
        for start, end in reversed(spans):
            self._splice(paragraph, start, end, words, instruction, check_seams=False)
        return len(spans)

    def _do_title(self, instruction: Instruction, amendment: int, name: str) -> str | None:
        self.title.text = strip_footnote_marks(instruction.words or "")
        self._touch(self.title)
        return None

    def _new_paragraphs(self, instruction: Instruction, part: str, amendment: int) -> list[_Slot]:
        kind: ParagraphKind = "preambular" if part == "preambular" else "operative" if part == "operative" else "plain"
        if part.startswith("annex:"):
            kind = "annex"
        slots = []
        for text in instruction.paragraphs:
            paragraph = paragraph_from_text(strip_footnote_marks_lines(text), kind)
            slots.append(_Slot(paragraph, inserted_by=amendment))
            self._touch(paragraph)
        return slots

    def _do_insert_paragraph(self, instruction: Instruction, amendment: int, name: str) -> str | None:
        target = instruction.targets[0]
        if instruction.where == "end":
            part = target
            if part not in self.parts:
                self.parts[part] = []
            self.parts[part].extend(self._new_paragraphs(instruction, part, amendment))
            return None
        ref = _Ref.of(target)
        slot = self.original.get(_Ref(ref.part, ref.position).id) if ref else None
        if ref is None or slot is None:
            raise _NotApplied(f"the draft has no {describe_target(target)}")
        members = self.parts[ref.part]
        index = members.index(slot)
        if instruction.where == "after":
            index += 1
            while index < len(members) and id(members[index]) not in self.originals:
                index += 1
        members[index:index] = self._new_paragraphs(instruction, ref.part, amendment)
        return None

    def _do_delete_paragraph(self, instruction: Instruction, amendment: int, name: str) -> str | None:
        if len(instruction.targets) > 1:  # a run: all there, or none deleted
            slots = [self._slot(target)[0] for target in instruction.targets]
            for slot in slots:
                slot.deleted_by = f"{name} instruction {instruction.n}"
            instruction.deleted = [slot.paragraph.id for slot in slots]
            return None
        target = instruction.targets[0]
        ref = _Ref.of(target)
        if ref and ref.subs:
            parent = self._paragraph(_Ref(ref.part, ref.position, ref.subs[:-1]).id)
            sub = self._paragraph(target)
            parent.subparagraphs.remove(sub)
            instruction.deleted = [sub.id]
            return None
        slot, ref_found = self._slot(target)
        note = None
        if instruction.paragraphs and not _same_text(slot.paragraph.full_text(), instruction.paragraphs[0]):
            quoted = [
                other
                for other in self.parts[ref_found.part]
                if id(other) in self.originals
                and not other.deleted_by
                and _same_text(other.paragraph.full_text(), instruction.paragraphs[0])
            ]
            if len(quoted) != 1:
                raise _NotApplied(f"{describe(ref_found)} does not read as quoted")
            slot = quoted[0]
            actual = next(key for key, value in self.original.items() if value is slot)
            note = f"{describe(ref_found)} of this reading of the draft is not the paragraph quoted: deleted {actual}"
            self.warnings.append(f"{name} {instruction.n}: {note}")
        slot.deleted_by = f"{name} instruction {instruction.n}"
        instruction.deleted = [slot.paragraph.id]
        return note

    def _do_replace_paragraph(self, instruction: Instruction, amendment: int, name: str) -> str | None:
        target = instruction.targets[0]
        ref = _Ref.of(target)
        if ref is None:
            raise _NotApplied(f"the draft has no {target}")
        old = self._paragraph(target)
        replacement = paragraph_from_text(strip_footnote_marks_lines("\n".join(instruction.paragraphs)), old.kind)
        if ref.subs:
            old.text, old.subparagraphs, old.footnote_refs = replacement.text, replacement.subparagraphs, []
            self._touch(old)
            return None
        slot, _ = self._slot(target)
        slot.paragraph = replacement
        self._touch(replacement)
        slot.inserted_by = amendment
        return None

    def _touch(self, paragraph: Paragraph) -> None:
        if self.touched and all(p is not paragraph for p in self.touched[-1][1]):
            self.touched[-1][1].append(paragraph)

    # -- text surgery

    def _splice(
        self,
        paragraph: Paragraph,
        start: int,
        end: int,
        words: str,
        instruction: Instruction,
        *,
        check_seams: bool = True,
    ) -> None:
        text = paragraph.text
        before, replaced, after = text[:start], text[start:end], text[end:]
        if words:
            if before.endswith(" ") and words[0] in _CLOSING:
                before = before.rstrip(" ")
            words = _spaced(before, replaced, words, after)
        elif before.endswith(" ") and (not after or after[0] == " " or after[0] in _CLOSING):
            before = before[:-1]
        elif not before and after.startswith(" "):
            after = after[1:]
        new_text = before + words + after
        delta = len(new_text) - len(text)
        for ref in paragraph.footnote_refs:
            if ref.offset >= end:
                ref.offset += delta
            elif ref.offset > start:
                ref.offset = len(before + words)
        paragraph.text = new_text
        self._touch(paragraph)
        self._track_insertion(paragraph, start, end, delta, (len(before), len(before) + len(words)) if words else None)
        if check_seams:
            seam = _seam(new_text, len(before), len(before) + len(words), replaced)
            if seam:
                instruction.warnings.append(seam)

    def _track_insertion(
        self, paragraph: Paragraph, start: int, end: int, delta: int, new: tuple[int, int] | None
    ) -> None:
        """Shift the inserted spans after an edit of [start, end); record the new words as inserted."""
        spans = []
        for span_start, span_end, amendment in self.inserted.get(id(paragraph), []):
            if span_end <= start:
                spans.append((span_start, span_end, amendment))
            elif span_start >= end:
                spans.append((span_start + delta, span_end + delta, amendment))
        if new is not None:
            spans.append((*new, self.amendment))
        self.inserted[id(paragraph)] = spans

    def result(self) -> Document:
        document = self.draft
        document.title = self.title.text or None
        id_map: dict[str, str] = {}
        paragraphs: list[Paragraph] = []
        annexes: dict[str, list[Paragraph]] = {}
        order = ["preambular", "operative", "plain"]
        for part, slots in sorted(
            self.parts.items(), key=lambda item: (item[0] not in order, order.index(item[0]) if item[0] in order else 0)
        ):
            alive = [slot.paragraph for slot in slots if not slot.deleted_by]
            for position, paragraph in enumerate(alive, start=1):
                old_ids = [p.id for p in paragraph.walk()]
                numbered = part == "operative" or (part != "preambular" and paragraph.label is not None)
                _renumber(paragraph, _Ref(part, position).id, str(position) if numbered else None)
                id_map.update({old: new.id for old, new in zip(old_ids, paragraph.walk(), strict=False) if old})
            if part.startswith("annex:"):
                annexes[part.removeprefix("annex:")] = alive
            else:
                paragraphs += alive
        document.paragraphs = paragraphs
        existing = {annex.id: annex for annex in document.annexes}
        for annex_id in annexes:
            if annex_id not in existing:
                heading = "Annex" if annex_id == "ANNEX" else f"Annex {annex_id.removeprefix('ANNEX')}"
                existing[annex_id] = Annex(id=annex_id, heading=heading)
        document.annexes = [
            annex.model_copy(update={"paragraphs": annexes.get(annex.id, annex.paragraphs)})
            for annex in existing.values()
        ]
        for footnote in document.footnotes:
            footnote.referenced_in = [
                id_map.get(ref, ref) for ref in footnote.referenced_in if ref in id_map or ref == "title"
            ]
        present = {id(p) for p in document.walk()} | {id(self.title)}
        for instruction, paragraphs in self.touched:
            instruction.changed = [p.id for p in paragraphs if id(p) in present]
        return document


_CLOSING = ",;:.!?)]”’"
_OPENING = "([“‘"


def _spaced(before: str, replaced: str, words: str, after: str) -> str:
    """New words with the spaces their seams need: none before a comma or after a bracket, one between words. A
    seam where the replaced words met the draft inside a word ('Chernobyl|-affected') stays as it was."""
    open_left = not replaced or not replaced[0].isalnum()
    open_right = not replaced or not replaced[-1].isalnum()
    if open_left and before and not before[-1].isspace() and words[0] not in _CLOSING and before[-1] not in _OPENING:
        words = " " + words
    if open_right and after and not after[0].isspace() and after[0] not in _CLOSING and words[-1] not in _OPENING:
        words += " "
    return words


class _NotApplied(Exception):
    """An instruction that cannot apply: its message says why."""


def describe_target(target: str) -> str:
    if target == "title":
        return "the title"
    ref = _Ref.of(target)
    return describe(ref) if ref else target


def strip_footnote_marks_lines(text: str) -> str:
    return "\n".join(strip_footnote_marks(line) for line in text.split("\n"))


_DOUBLED_PUNCTUATION = re.compile(r"([,;:.])\s*\1|,\s*[;.]|;\s*[,.]")
_DANGLING = re.compile(r"^\s*of\b")
_SEAM_WINDOW = 3


def _seam(text: str, start: int, end: int, replaced: str) -> str | None:
    """A seam the literal result leaves where the new words meet the draft: doubled punctuation, or a new opening
    left before the 'of' of the phrase it replaced ('Takes note of' → 'Welcomes of')."""
    for edge in (start, end):
        window = text[max(0, edge - _SEAM_WINDOW) : edge + _SEAM_WINDOW]
        if found := _DOUBLED_PUNCTUATION.search(window):
            excerpt = " ".join(text[max(0, edge - 30) : edge + 20].split())
            return f"doubled punctuation “{found.group(0)}”: “…{excerpt}…”"
    new_last, old_last = text[start:end].split()[-1:], replaced.split()[-1:]
    if start == 0 and new_last and new_last != old_last and _DANGLING.match(text[end:]):
        return f"the new opening reads “{' '.join(text[: end + 4].split()[:4])}”: an editor may drop “of”"
    return None


def apply_amendments(draft: Document, amendments: list[Amendment]) -> AmendedDocument:
    """Apply amendments in order to a draft; every reference is to the draft's ORIGINAL numbering. An instruction
    that cannot apply is reported (status, message) and the others still are; the result is then partial."""
    applier = _Applier(draft)
    done: list[Instruction] = []
    for index, amendment in enumerate(amendments):
        name = amendment.symbol or amendment.source or f"amendment {index + 1}"
        for original in amendment.instructions:
            instruction = original.model_copy(deep=True)
            if instruction.amendment is None:
                instruction.amendment = name
            if instruction.kind not in ("unknown",) and not instruction.targets:
                instruction.status, instruction.message = "not_applied", "names no paragraph"
            else:
                applier.apply(instruction, index, name)
            done.append(instruction)
    warnings = list(applier.warnings)
    for instruction in done:
        warnings += [f"{instruction.amendment} instruction {instruction.n}: {w}" for w in instruction.warnings]
    return AmendedDocument(
        document=applier.result(),
        instructions=done,
        partial=any(i.status == "not_applied" for i in done),
        warnings=warnings,
    )
