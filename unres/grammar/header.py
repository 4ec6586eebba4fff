"""The part before the text: symbol, number, title, author body, sponsors and document metadata.

Where the header ends is the author line ("The General Assembly,"). Everything before it that is not the title is
metadata and is set aside with the facts read from it; the title is the block printed right after the resolution
number ("58/137. Strengthening …"), or, without a number, the last block before the author line.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from unres.grammar.lines import Kind, Line, front_matter_text, job_number, plain, symbol_of_line
from unres.grammar.vocabulary import DATE, STATE_NAMES_WITH_AND
from unres.models import Metadata
from unres.text import fold_typography

_KNOWN_BODIES = (
    r"General Assembly|Economic and Social Council|Security Council|Human Rights Council|Trusteeship Council"
)
_AUTHOR = re.compile(
    rf"^(?:The\s+({_KNOWN_BODIES}|[A-Z][\w’'\-]*(?:\s+(?:[A-Z][\w’'\-]*|of|the|and|on|for|to|against|in|at))*)"
    rf"|({_KNOWN_BODIES}))\s*[,:]?$"
)
_RESOLUTION_NUMBER = re.compile(
    r"^(?:(?:ECOSOC|General Assembly|Economic and Social Council|Security Council)\s+)?"
    r"(?:(?:Resolution|Decision)\s+)?(\d{1,4}/\d{1,4}(?:\s?[A-Z](?![a-z]))?)\.?(?:\s+(\S.*))?$",
    re.IGNORECASE,
)
_DATE = DATE
_DATE_RE = re.compile(_DATE)
_DATED_LINE = re.compile(rf"(?:on\s+)?{_DATE}")
_KNOWN_BODY = re.compile(_KNOWN_BODIES)
_SPACE_BEFORE_PUNCTUATION = re.compile(r"\s+([:;,.])")
_DISTR = re.compile(rf"Distr\.?:?\s*(General|Limited|Restricted)(?:\s*({_DATE}))?", re.IGNORECASE)
_ADOPTED = re.compile(rf"(?:Resolution|Decision) adopted by the .+? on\s+({_DATE})", re.IGNORECASE | re.DOTALL)
_ORIGINAL = re.compile(r"Original:\s*([A-Z][a-z]+)")
_SESSION = re.compile(r"(?<![A-Za-z])([A-Z][a-z]+(?:-[a-z]+)?\s+(?:special\s+|regular\s+|resumed\s+)?session)\b")
_AGENDA = re.compile(r"Agenda items?\s+(\d+(?:\s*\([a-z]{1,3}\))?)")
_COMMITTEE = re.compile(r"^\[(?:on the report of|without reference to)")
_SPONSORS = re.compile(
    r"^(.+?):\*{0,3}\s*(?:revised\s+)?(?:draft resolution|draft decision|resolution adopted by|decision adopted by)"
)
_SUBMITTED_BY = re.compile(r"^(?:Revised\s+)?Draft (?:resolution|decision) submitted by (?:the\s+)?(.+?)\*{0,3}$")
# A main committee named alone on a line of a draft's front matter ("First Committee").
_COMMITTEE_LINE = re.compile(
    r"^(?:(?:First|Second|Third|Fourth|Fifth|Sixth) Committee|Special Political and Decolonization Committee"
    r"(?: \(Fourth Committee\))?)$"
)
_BODY_SYMBOL_PREFIX = {
    "General Assembly": "A/RES/",
    "Economic and Social Council": "E/RES/",
    "Security Council": "S/RES/",
}
_ECOSOC = re.compile(r"\bECOSOC\b|Economic and Social Council", re.IGNORECASE)


@dataclass
class Header:
    symbol: str | None = None
    number: str | None = None
    title: str | None = None
    body: str | None = None
    sponsors: list[str] = field(default_factory=list)
    sponsor_lines: list[int] = field(default_factory=list)  # source numbers of the lines naming the sponsors
    metadata: Metadata = field(default_factory=Metadata)
    title_lines: list[int] = field(default_factory=list)
    printed_title: str | None = None  # the title as this rendering prints it, when that is not `title`
    author_index: int | None = None
    warnings: list[str] = field(default_factory=list)


def find_author(lines: list[Line], looks_like_start: object) -> int | None:
    """Index of the author line: 'The General Assembly,' followed by the first paragraph."""
    assert callable(looks_like_start)
    for index, line in enumerate(lines):
        if line.kind is not Kind.TEXT or not _AUTHOR.match(plain(line.text)):
            continue
        following = next((other for other in lines[index + 1 :] if other.kind is Kind.TEXT), None)
        if following is not None and looks_like_start(following.text):
            return index
    return None


def read_header(lines: list[Line], end: int, author_index: int | None) -> Header:
    """Read lines[:end] (everything before the first paragraph) as the document header."""
    header = Header(author_index=author_index)
    _read_front_matter(lines, header)
    catalogued_title = header.title
    header_lines = [line for line in lines[:end] if line.kind in (Kind.TEXT, Kind.SYMBOL, Kind.FURNITURE, Kind.JUNK)]
    for line in lines:
        if "symbol" in line.facts and header.symbol is None:
            header.symbol = line.facts["symbol"]
        if "job_number" in line.facts and header.metadata.job_number is None:
            header.metadata.job_number = line.facts["job_number"]
    if author_index is not None:
        author = plain(lines[author_index].text).rstrip(" ,:")
        header.body = author
    _read_title(lines, end, author_index, header)
    if catalogued_title and header.title != catalogued_title:
        _complete_title(header, catalogued_title)
    title_lines = set(header.title_lines)
    read_metadata([line for line in header_lines if line.number not in title_lines], header)
    _read_sponsors(lines[:end], header)
    if header.symbol is None and header.number:
        # A body without a document series of its own (a Conference of the Parties) names it as it prints it.
        header.symbol = _derived_symbol(header, lines[:end]) or f"Resolution {header.number}"
    return header


def _read_front_matter(lines: list[Line], header: Header) -> None:
    source = front_matter_text(lines)
    if not source:
        return
    import yaml  # only a cleaned rendering has front matter: most runs never pay for the import

    try:
        data = yaml.safe_load(source)
    except yaml.YAMLError:
        header.warnings.append("front matter at the top is not valid YAML; set aside unread")
        return
    if not isinstance(data, dict):
        return
    if isinstance(data.get("symbol"), str):
        header.symbol = data["symbol"].strip()
    if isinstance(data.get("title"), str):
        header.title = data["title"].strip().rstrip(" :").strip()


def _read_title(lines: list[Line], end: int, author_index: int | None, header: Header) -> None:
    stop = author_index if author_index is not None else end
    candidates = [i for i in range(stop) if lines[i].kind is Kind.TEXT]
    for i in candidates:
        found = _RESOLUTION_NUMBER.match(plain(lines[i].text))
        if found and "/" in found.group(1):
            header.number = found.group(1).replace(" ", "")
            start_text = found.group(2)
            block = _block_after(lines, i + 1, stop, include_first_gap=not start_text)
            if start_text:
                block = [(lines[i].number, start_text), *block]
            if block:
                header.title = " ".join(text for _, text in block)
                header.title_lines.extend(number for number, _ in block)
            return
    block = _last_block(lines, stop)
    if block:
        header.title = " ".join(text for _, text in block)
        header.title_lines.extend(number for number, _ in block)


def _title_words(text: str) -> list[str]:
    """Words of a title compared across renderings: case, quote and hyphen styles and lone punctuation aside."""
    words = fold_typography(text).casefold().split()
    return [word for word in words if any(char.isalnum() for char in word)]


def _complete_title(header: Header, catalogued: str) -> None:
    """A rendering that cut the printed title short ('… the expenses of the') while its front matter has the whole
    title: complete the printed words with the rest of the front matter's, and say so."""
    printed = header.title or ""
    printed_words = _title_words(printed)
    full_words = catalogued.split()
    if not printed_words:
        return
    kept = [word for word in full_words if any(char.isalnum() for char in word)]
    if len(kept) <= len(printed_words) or _title_words(" ".join(kept[: len(printed_words)])) != printed_words:
        return
    cut = 0  # the position in the front matter's words (lone punctuation included) after the printed words
    seen = 0
    while seen < len(printed_words):
        seen += any(char.isalnum() for char in full_words[cut])
        cut += 1
    rest = _SPACE_BEFORE_PUNCTUATION.sub(r"\1", " ".join(full_words[cut:]))
    header.printed_title = printed
    header.title = f"{printed.rstrip()} {rest}".replace(" :", ":")
    header.warnings.append(
        f"the printed title stops at '… {' '.join(printed.split()[-3:])}'; completed from the front matter"
    )


def _block_after(lines: list[Line], start: int, stop: int, include_first_gap: bool) -> list[tuple[int, str]]:
    """The lines of text from `start` up to a blank line (skipping blanks first when asked)."""
    block: list[tuple[int, str]] = []
    for index in range(start, stop):
        line = lines[index]
        if line.kind is Kind.BLANK:
            if block or not include_first_gap:
                if block:
                    break
                continue
            continue
        if line.kind is not Kind.TEXT or _is_metadata_text(line.text):
            if block:
                break
            continue
        block.append((line.number, plain(line.text)))
    return block


def _last_block(lines: list[Line], stop: int) -> list[tuple[int, str]]:
    block: list[tuple[int, str]] = []
    for index in range(stop - 1, -1, -1):
        line = lines[index]
        if line.kind is Kind.BLANK:
            if block:
                break
            continue
        if line.kind is not Kind.TEXT or _is_metadata_text(line.text):
            if block:
                break
            continue
        block.append((line.number, plain(line.text)))
    block.reverse()  # gathered bottom-up; appending and reversing once keeps a long block linear
    return block


def _is_metadata_text(text: str) -> bool:
    text = plain(text)
    return bool(
        _DISTR.search(text)
        or _COMMITTEE.match(text)
        or _SPONSORS.match(text)
        or _SUBMITTED_BY.match(text)
        or _COMMITTEE_LINE.match(text)
        or _AGENDA.search(text)
        or text.startswith(("Resolution adopted by", "Decision adopted by", "Original:"))
        or text == "United Nations"
        or _DATED_LINE.fullmatch(text)
        or _KNOWN_BODY.fullmatch(text)
    )


def read_metadata(lines: list[Line], header: Header) -> None:
    """Facts printed in header or trailer lines: distribution, dates, session, agenda item, committee, sponsors."""
    texts = [plain(line.text) for line in lines if line.kind is Kind.TEXT]
    joined = "\n".join(texts)
    meta = header.metadata
    if (found := _DISTR.search(joined)) and meta.distribution is None:
        meta.distribution = found.group(1).capitalize()
        meta.distributed = found.group(2) or _date_after(joined, found.end())
    if (found := _ADOPTED.search(joined.replace("\n", " "))) and meta.adopted is None:
        meta.adopted = found.group(1)
    if (found := _ORIGINAL.search(joined)) and meta.original_language is None:
        meta.original_language = found.group(1)
    if (found := _SESSION.search(joined)) and meta.session is None:
        meta.session = found.group(1)
    if (found := _AGENDA.search(joined)) and meta.agenda_item is None:
        meta.agenda_item = found.group(1)
    for index, text in enumerate(texts):
        if _COMMITTEE.match(text) and meta.committee is None:
            committee = text
            for extra in texts[index + 1 :]:
                if "]" in committee:
                    break
                committee += " " + extra
            meta.committee = committee
        elif _COMMITTEE_LINE.match(text) and meta.committee is None:
            meta.committee = text
    for line in lines:
        if line.kind is Kind.SYMBOL and header.symbol is None:
            header.symbol = symbol_of_line(line.text)
        if line.kind is Kind.FURNITURE and meta.job_number is None:
            meta.job_number = job_number(line.text)


def _date_after(text: str, position: int) -> str | None:
    found = _DATE_RE.search(text, position)
    if found and found.start() - position < 4:
        return found.group(0)
    return None


def _read_sponsors(lines: list[Line], header: Header) -> None:
    """The sponsor line ('Egypt:* draft resolution') and the lines of names wrapped above it, up to a blank line; or
    'Draft resolution submitted by the President of the General Assembly'."""
    block: list[Line] = []
    for line in lines:
        if line.kind is not Kind.TEXT:
            block = [] if line.kind is Kind.BLANK else block
            continue
        block.append(line)
        text = plain(line.text)
        if found := _SPONSORS.match(text):
            names = " ".join([*(plain(other.text) for other in block[:-1]), found.group(1)])
            header.sponsors = _split_names(names)
            header.sponsor_lines = [other.number for other in block]
            return
        if found := _SUBMITTED_BY.match(text):
            header.sponsors = [found.group(1).strip()]
            header.sponsor_lines = [line.number]
            return


_STATE_NAME = re.compile("|".join(re.escape(name) for name in sorted(STATE_NAMES_WITH_AND, key=len, reverse=True)))


def _split_names(text: str) -> list[str]:
    """Names are separated by commas and the last by 'and'; a State whose name holds 'and' ('Bosnia and
    Herzegovina', 'United Kingdom of Great Britain and Northern Ireland') stays whole."""
    kept: list[str] = []

    def keep(found: re.Match[str]) -> str:
        kept.append(found.group(0))
        return f"\x00{len(kept) - 1}\x00"

    protected = _STATE_NAME.sub(keep, re.sub(r"\s+", " ", text))
    names = re.split(r",\s*(?:and\s+)?|\s+and\s+", protected)
    restored = [re.sub(r"\x00(\d+)\x00", lambda m: kept[int(m.group(1))], name).strip() for name in names]
    return [name for name in restored if name]


def _derived_symbol(header: Header, lines: list[Line]) -> str | None:
    """A resolution number and an author body give the official symbol (58/137 of the GA is A/RES/58/137)."""
    assert header.number is not None
    body = header.body or ""
    if any(_ECOSOC.search(line.text) for line in lines if line.kind is Kind.TEXT):
        body = "Economic and Social Council"
    for name, prefix in _BODY_SYMBOL_PREFIX.items():
        if name in body:
            return prefix + header.number
    return None
