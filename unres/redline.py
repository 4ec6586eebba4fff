"""Stage 4: word-level redlines inside aligned paragraphs, with diff-match-patch over word tokens.

Diffing characters gives redlines no drafter can read ("Recogni~~zes~~__zing__"); diffing lines gives one change per
paragraph. Words are the drafter's unit: each word and each punctuation mark, with the spaces before it, is a token,
and a document symbol or a number is one token whole; tokens become single characters for diff-match-patch. Its
efficiency clean-up folds the odd common word inside a reworded phrase into the change; then a run of at most two
unchanged words between two replacements joins them, so a rewritten phrase reads as one deletion and one insertion
rather than as fragments around the words it happens to share. Pure insertions and deletions around kept words are
left as they are: there the kept words are what a drafter reads.
"""

from __future__ import annotations

import re
import unicodedata

from diff_match_patch import diff_match_patch

from unres.models import Edit
from unres.text import fold_typography as fold_rendering_choices
from unres.text import words_in

# A reference is one token, so a new session's symbols read as whole replacements ('GC(68)/RES/8' → 'GC(69)/RES/7',
# not '68'→'69' and '8'→'7'): document symbols and resolution numbers ('A/C.3/61/L.7/Rev.1', 'C-25/DEC.9', '75/240',
# 'GC(69)/RES/9'), then numbers with their separators ('1,000', '2.5'), then words with inner hyphens and apostrophes.
_PART = r"\w+(?:\(\w+\))?(?:[-.]\w+)*"
_REFERENCE = rf"{_PART}(?:/{_PART})+"
_NUMBER = r"\d+(?:[.,]\d+)+(?![\w-])"
# Inner hyphens of every kind (unres.text folds them alike), apostrophes and full stops join a word: '2021–2025'
# is one token as '2021-2025' is, so the two compare equal.
_TOKEN = re.compile(rf"\s*(?:{_REFERENCE}|{_NUMBER}|\w+(?:[-‐‑‒–—―−’'.]\w+)*|[^\w\s])|\s+$", re.UNICODE)
_FIRST_PRIVATE = 0xF0000  # supplementary private use area: characters no token text maps to by accident
# An unchanged stretch shorter than this many tokens (about two words with their spaces) between two changes is
# folded into them, so "~~a~~ the ~~b~~" reads as one replacement; longer common phrases stay visible.
_EDIT_COST = 4
# diff-match-patch is exact (no timeout, so output is deterministic) and pure Python: past this many tokens a side
# (no real paragraph has them) the diff falls back to clauses, then to whole texts, to finish in bounded time.
_MAX_TOKENS = 3000
_CLAUSE = re.compile(r"[^,;:.!?]+(?:[,;:.!?]+\s*|$)|[,;:.!?]+\s*")


def tokens(text: str) -> list[str]:
    """Words (with inner hyphens and apostrophes) and single punctuation marks, each with the whitespace before it;
    they rejoin to exactly `text`. Spaces are not tokens of their own, or they would match everywhere."""
    return _TOKEN.findall(text)


def word_key(
    token: str, *, ignore_case: bool = False, ignore_punctuation: bool = False, fold_typography: bool = True
) -> str:
    """What a token is compared by: itself with typographic variants folded, and case or punctuation when asked."""
    token = token.strip()
    if fold_typography:
        token = fold_rendering_choices(token)  # typography is a rendering's choice, not a drafter's
    if ignore_punctuation and all(unicodedata.category(ch).startswith("P") for ch in token):
        return "<punctuation>"
    return token.casefold() if ignore_case else token


def _coarse_tokens(old: str, new: str) -> tuple[list[str], list[str]]:
    """Words; clauses when a side has too many words for an exact diff in bounded time; whole texts beyond."""
    old_tokens, new_tokens = tokens(old), tokens(new)
    if max(len(old_tokens), len(new_tokens)) <= _MAX_TOKENS:
        return old_tokens, new_tokens
    old_tokens, new_tokens = _CLAUSE.findall(old), _CLAUSE.findall(new)
    if max(len(old_tokens), len(new_tokens)) <= _MAX_TOKENS:
        return old_tokens, new_tokens
    return [old] if old else [], [new] if new else []


def redline(
    old: str,
    new: str,
    *,
    ignore_case: bool = False,
    ignore_punctuation: bool = False,
    fold_typography: bool = True,
    exact: bool = False,
) -> list[Edit]:
    """The word-level edits that turn `old` into `new`.

    `fold_typography=False`: curly and straight quotes, a non-breaking hyphen and a hyphen differ too.
    `exact=True`: no clean-up; every differing word is its own change, as a transcription check wants.
    """
    if old == new:  # what the diff below gives for identical texts, without tokenising them (most pairs are)
        return [Edit(op="equal", text=old)] if old else []
    old_tokens, new_tokens = _coarse_tokens(old, new)
    alphabet: dict[str, str] = {}
    code_of: dict[str, str] = {}  # token -> its character: each distinct token is keyed once

    def encode(items: list[str]) -> str:
        chars = []
        for token in items:
            code = code_of.get(token)
            if code is None:
                key = word_key(
                    token,
                    ignore_case=ignore_case,
                    ignore_punctuation=ignore_punctuation,
                    fold_typography=fold_typography,
                )
                code = code_of[token] = alphabet.setdefault(key, chr(_FIRST_PRIVATE + len(alphabet)))
            chars.append(code)
        return "".join(chars)

    old_code, new_code = encode(old_tokens), encode(new_tokens)
    engine = diff_match_patch()
    engine.Diff_Timeout = 0
    engine.Diff_EditCost = _EDIT_COST
    diffs = engine.diff_main(old_code, new_code, False)
    if not exact:
        engine.diff_cleanupEfficiency(diffs)

    edits: list[Edit] = []
    old_at = new_at = 0
    for operation, code in diffs:
        count = len(code)
        if operation == 0:
            old_text = "".join(old_tokens[old_at : old_at + count])
            new_text = "".join(new_tokens[new_at : new_at + count])
            edits.append(Edit(op="equal", text=old_text, new_text=new_text if new_text != old_text else None))
            old_at += count
            new_at += count
        elif operation == -1:
            edits.append(Edit(op="delete", text="".join(old_tokens[old_at : old_at + count])))
            old_at += count
        else:
            edits.append(Edit(op="insert", text="".join(new_tokens[new_at : new_at + count])))
            new_at += count
    return edits if exact else _merge_across_spaces(edits)


# Unchanged words between two replacements that are folded into one replacement: "~~a~~ __x__ of the ~~b~~ __y__"
# reads as "~~a of the b~~ __x of the y__". Two words is a connective ("of the", "and the"); three carry meaning.
_ABSORBED_WORDS = 2


def _merge_across_spaces(edits: list[Edit]) -> list[Edit]:
    """Where at most two unchanged words (or a lone space) separate two replacements (each with a deletion and an
    insertion), fold them into both sides: one phrase replaced, not fragments."""
    runs: list[list[Edit]] = []  # alternating: change runs and single equal edits
    for edit in edits:
        if edit.op == "equal" or not runs or runs[-1][0].op == "equal":
            runs.append([edit])
        else:
            runs[-1].append(edit)
    result: list[list[Edit]] = []
    for run in runs:
        if (
            len(result) >= 2
            and _is_replacement(run)
            and _is_replacement(result[-2])
            and result[-1][0].op == "equal"
            and result[-1][0].new_text is None
            and "\n" not in result[-1][0].text  # never across a sub-paragraph's start
            and len(words_in(result[-1][0].text)) <= _ABSORBED_WORDS
        ):
            gap = result.pop()[0].text
            before = result.pop()
            deleted = _joined(before, "delete") + gap + _joined(run, "delete")
            inserted = _joined(before, "insert") + gap + _joined(run, "insert")
            result.append([Edit(op="delete", text=deleted), Edit(op="insert", text=inserted)])
        else:
            result.append(run)
    return [edit for run in result for edit in run]


def _is_replacement(run: list[Edit]) -> bool:
    ops = {edit.op for edit in run}
    return ops == {"delete", "insert"}


def _joined(run: list[Edit], op: str) -> str:
    return "".join(edit.text for edit in run if edit.op == op)


def old_side(edits: list[Edit]) -> str:
    """The old text a redline was made from."""
    return "".join(edit.text for edit in edits if edit.op != "insert")


def new_side(edits: list[Edit]) -> str:
    """The new text a redline was made from."""
    return "".join(
        (edit.new_text or edit.text) if edit.op == "equal" else edit.text for edit in edits if edit.op != "delete"
    )
