"""The parser's constants, in one place, each with the reason for its value.

They are shapes of UN documents and of the tools that render them, not tuning for one file: change one only with a
rendering that needs it, and a test.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class ParseOptions:
    # Only this many characters of a paragraph's end are read to tell whether it ended a clause: the question is
    # asked after every line, and a paragraph can be long (a pathological one, megabytes).
    clause_tail: int = 40
    # Adverbs that may stand before an opening word ('Also', 'Once again', 'Deeply', 'Further'): two at most.
    adverbs_before_opening: int = 2
    # A numbered paragraph may skip this many numbers in the operative part (a rendering lost some: reported) …
    number_jump_operative: int = 15
    # … but in the preamble only a near start counts: a rendering that lost operative paragraph 1 starts at 2.
    number_jump_preamble: int = 2
    # A rendering sets its openings in italics when at least this many of them are, and this share of all: then a
    # line that only looks like an opening (inside a quoted title) continues the paragraph before it.
    italic_openings_least: int = 3
    italic_openings_share: float = 0.8
    # A section heading is short: at most this many words ('II. Implementation of the Programme of Action') …
    heading_words: int = 12
    # … and an extractor that joined a heading to the paragraph under it leaves at most this many before the number.
    joined_heading_words: int = 24
    # A heading printed over two lines, or a heading and its sub-heading, stands between a paragraph and the number
    # of the next: this many heading lines may be skipped looking for that number.
    heading_lines: int = 2
    # A heading's label alone on its line ('I.'), its words on the next: the paragraph number after them may have
    # jumped by up to this many (a heading often opens a new run of numbers in a draft).
    numbers_after_heading: int = 4
    # Footnote numbers in a footnote area may run this far past its lines (a footnote whose text is on another page).
    footnote_zone_slack: int = 3
    # The star note of the sponsor line runs on over at most this many wrapped lines.
    star_note_lines: int = 3


OPTIONS = ParseOptions()
