"""Stage 1: a path (or '-' for standard input) becomes decoded text, or a clear InputError.

Why here and not in the parser: every input problem a user can cause (missing file, directory, binary file,
empty file, unknown encoding, file too large) is caught once, with a one-line message, before any parsing.
"""

from __future__ import annotations

import codecs
import os
import re
import zipfile
import zlib
from dataclasses import dataclass, field, fields, replace
from pathlib import Path
from typing import Any, BinaryIO

from unres.errors import DamagedFileError, InputError, LimitError
from unres.formats import FORMATS, REVISIONS, Format, Revisions, detect
from unres.formats.lines import SourceLine
from unres.formats.text import text_to_lines

DEFAULT_MAX_BYTES = 20 * 1024 * 1024
STDIN_NAME = "-"

_WORD = re.compile(r"\S+")
_CONTROL_ALLOWED = {"\t", "\n", "\r", "\f", "\v"}


@dataclass(frozen=True)
class Limits:
    """How much a hostile input may make `unres` read, inflate or build, each refused with a one-line LimitError
    (docs/reliability.md gives the figures behind each default; `--limit NAME=N` changes one)."""

    pages: int = 1_000  # pages of a PDF: pdfminer takes a few hundredths of a second a page of text
    inflated: int = 64 * 1024 * 1024  # bytes of any one zip part (Word) or PDF stream, once decompressed
    paragraphs: int = 20_000  # paragraphs (with sub-paragraphs) of one document: alignment compares them in pairs
    words: int = 2_000_000  # words of one document's text

    @classmethod
    def from_settings(cls, settings: list[str] | None) -> Limits:
        """Limits from 'NAME=N' settings (as `--limit pages=5000`); an unknown name or a bad number is an
        InputError."""
        values: dict[str, int] = {}
        known = [limit.name for limit in fields(cls)]
        for setting in settings or []:
            name, _, number = setting.partition("=")
            name = name.strip().replace("-", "_")
            if name not in known:
                raise InputError(f"--limit {setting}: unknown limit (known: {', '.join(known)})")
            try:
                values[name] = int(number.replace("_", "").replace(",", ""))
            except ValueError:
                raise InputError(f"--limit {setting}: give a whole number, as {name}=1000") from None
            if values[name] < 1:
                raise InputError(f"--limit {setting}: must be at least 1")
        return cls(**values)


@dataclass(frozen=True)
class Source:
    """What a reader made of the input: typed lines (text and styles, see unres/formats/lines.py), the text they
    hold, and where it came from."""

    name: str
    text: str  # the decoded text of a text file; the lines' text, one a line, of a converted one
    encoding: str
    format: Format = "text"
    warnings: tuple[str, ...] = field(default=())
    lines: tuple[SourceLine, ...] = field(default=(), repr=False)

    @classmethod
    def of_lines(cls, name: str, lines: list[SourceLine], encoding: str, format: Format, **kwargs: Any) -> Source:
        """A converted document: its text is its lines' (page breaks as form feeds)."""
        text = "\n".join(("\f" if line.page_break else "") + line.text for line in lines) + "\n"
        return cls(name=name, text=text, encoding=encoding, format=format, lines=tuple(lines), **kwargs)


def read_source(
    path: str | Path,
    *,
    stdin: BinaryIO | None = None,
    max_bytes: int = DEFAULT_MAX_BYTES,
    format: Format | None = None,
    revisions: Revisions | None = None,
    limits: Limits | None = None,
) -> Source:
    """Read `path` (or `stdin` when path is '-'): a PDF, Word or HTML file is converted to text (the format found
    from its first bytes unless `format` says: 'text', 'pdf', 'docx' or 'html'), anything else decoded as UTF-8,
    UTF-16 or cp1252. A Word file with tracked changes is refused unless `revisions` is 'accept' or 'reject'."""
    if format is not None and format not in FORMATS:
        raise InputError(f"unknown input format {format!r} (known: {', '.join(FORMATS)})")
    if revisions is not None and revisions not in REVISIONS:
        raise InputError(f"unknown way to read revisions {revisions!r} (known: {', '.join(REVISIONS)})")
    name = _shown_name(path)
    if name == STDIN_NAME:
        if stdin is None:
            raise InputError("'-' means standard input, but none was given")
        data = stdin.read(max_bytes + 1)
        name = "<stdin>"
    else:
        data = _read_file(Path(path), max_bytes)
    if len(data) > max_bytes:
        raise InputError(f"{name}: larger than the limit of {max_bytes:,} bytes (see --max-size)")
    if not data.strip():
        raise InputError(f"{name}: is empty")
    limits = limits or Limits()
    source = _convert(data, name, format or detect(data), limits, revisions)
    if _too_many_words(source.text, limits.words):
        raise LimitError(f"{name}: more than {limits.words:,} words (see --limit words=N)")
    return source


def _convert(data: bytes, name: str, found: Format, limits: Limits, revisions: Revisions | None) -> Source:
    if found == "pdf":
        from unres.formats.pdf import pdf_to_lines

        lines = pdf_to_lines(data, name, max_pages=limits.pages, max_inflated=limits.inflated)
        return Source.of_lines(name, lines, "pdf", "pdf")
    if found == "docx":
        from unres.formats.docx import docx_to_lines

        try:
            lines, warnings = docx_to_lines(
                data, name, revisions, max_inflated=limits.inflated, max_paragraphs=limits.paragraphs
            )
        except _DOCX_DAMAGE as error:  # python-docx and lxml raise these on parts that are broken inside
            raise DamagedFileError(f"{name}: a damaged Word document ({_reason(error)})") from None
        return Source.of_lines(name, lines, "docx", "docx", warnings=tuple(warnings))
    source = decode_bytes(data, name)
    if found == "html":
        from unres.formats.html import html_to_lines

        return Source.of_lines(name, html_to_lines(source.text), source.encoding, "html")
    return replace(source, lines=tuple(text_to_lines(source.text)))


_DOCX_DAMAGE: tuple[type[Exception], ...] = (
    ValueError,
    KeyError,
    IndexError,
    NotImplementedError,
    zlib.error,
    zipfile.BadZipFile,
)


def _reason(error: Exception) -> str:
    """The first line of a third-party error, short, for a one-line message."""
    first = str(error).splitlines()[0] if str(error) else ""
    return f"{type(error).__name__}: {first[:120]}" if first else type(error).__name__


def _too_many_words(text: str, limit: int) -> bool:
    """More than `limit` words? Counted no further than just past the limit (a 20 MB text is not split whole to say
    so), and not at all in a text too short to hold that many (each word takes a character and a separator)."""
    if len(text) // 2 + 1 <= limit:
        return False
    return any(count > limit for count, _ in enumerate(_WORD.finditer(text), start=1))


def _shown_name(path: str | Path) -> str:
    """The file's name as the document carries it: a name that is not UTF-8 (Python holds its bytes as lone
    surrogates, which no UTF-8 output can carry) shows each such byte as U+FFFD, as a file manager does (a
    backslash escape would read as a Windows folder separator)."""
    name = os.fspath(path)
    try:
        name.encode("utf-8")
    except UnicodeEncodeError:
        return os.fsencode(name).decode("utf-8", "replace")
    return name


def _read_file(path: Path, max_bytes: int) -> bytes:
    try:
        if path.is_dir():
            raise InputError(f"{path}: is a directory, not a file")
        with path.open("rb") as handle:
            return handle.read(max_bytes + 1)
    except FileNotFoundError:
        raise InputError(f"{path}: no such file") from None
    except PermissionError:
        raise InputError(f"{path}: permission denied") from None
    except IsADirectoryError:
        raise InputError(f"{path}: is a directory, not a file") from None
    except OSError as error:
        raise InputError(f"{path}: cannot be read ({error.strerror or error})") from None


def decode_bytes(data: bytes, name: str = "<input>") -> Source:
    """Decode bytes, refusing empty and binary input with a one-line message."""
    if not data.strip():
        raise InputError(f"{name}: is empty")
    text, encoding = _decode(data, name)
    if not text.strip():
        raise InputError(f"{name}: is empty")
    if _looks_binary(text):
        raise InputError(f"{name}: looks like a binary file, not text")
    return Source(name=name, text=text, encoding=encoding)


def _decode(data: bytes, name: str) -> tuple[str, str]:
    if data.startswith(codecs.BOM_UTF8):
        return _strict(data[len(codecs.BOM_UTF8) :], "utf-8", name), "utf-8-sig"
    if data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        return _strict(data, "utf-16", name), "utf-16"
    utf16 = _bomless_utf16(data)
    if utf16:
        return _strict(data, utf16, name), utf16
    if b"\x00" in data:
        raise InputError(f"{name}: looks like a binary file, not text")
    try:
        return data.decode("utf-8"), "utf-8"
    except UnicodeDecodeError:
        pass
    try:
        text = data.decode("cp1252")
    except UnicodeDecodeError:
        raise InputError(f"{name}: not valid UTF-8, UTF-16 or cp1252 text") from None
    if _reads_as_another_alphabet(text):
        raise InputError(
            f"{name}: not UTF-8, UTF-16 or cp1252 text (read as cp1252 its words are all accented letters: another "
            "8-bit encoding such as KOI8-R, cp1251 or ISO 8859-7?); convert it to UTF-8"
        )
    return text, "cp1252"


_LETTER_RUN = re.compile(r"[^\W\d_]+")
# A text in Western European languages has words such as 'été' made of accented letters alone, but only a few; in
# KOI8-R or cp1251 read as cp1252 nearly every word with a byte above 127 is one.
_FOREIGN_WORDS_SHARE = 0.5
_FOREIGN_WORDS_LEAST = 3


def _reads_as_another_alphabet(text: str) -> bool:
    """Text of another 8-bit encoding decodes as cp1252 without error, into words of Latin-1 letters alone."""
    accented = [word for word in _LETTER_RUN.findall(text[:65536]) if not word.isascii()]
    foreign = [word for word in accented if len(word) >= 3 and not any(char.isascii() for char in word)]
    return len(foreign) >= _FOREIGN_WORDS_LEAST and len(foreign) >= _FOREIGN_WORDS_SHARE * len(accented)


def _bomless_utf16(data: bytes) -> str | None:
    """Recognise UTF-16 without a byte-order mark by its NUL bytes in every other position."""
    sample = data[:4096]
    if len(sample) < 4:
        return None
    even_nuls = sample[0::2].count(0)
    odd_nuls = sample[1::2].count(0)
    half = len(sample) // 2
    if odd_nuls > 0.4 * half and even_nuls < 0.05 * half:
        return "utf-16-le"
    if even_nuls > 0.4 * half and odd_nuls < 0.05 * half:
        return "utf-16-be"
    return None


def _strict(data: bytes, encoding: str, name: str) -> str:
    try:
        return data.decode(encoding)
    except UnicodeDecodeError:
        raise InputError(f"{name}: not valid {encoding.upper()} text") from None


def _looks_binary(text: str) -> bool:
    sample = text[:8192]
    controls = sum(1 for ch in sample if ord(ch) < 32 and ch not in _CONTROL_ALLOWED)
    return controls > max(2, len(sample) // 100)
