"""Hostile inputs made on the spot (no binary fixture in git): damaged Word files, PDF bombs, huge pages.

Shared by the hostile tests and the fuzz harness's seeds; each maker returns bytes.
"""

from __future__ import annotations

import io
import json
import re
import subprocess
import sys
import zipfile
import zlib
from collections.abc import Callable

import pdf_writer

DOCUMENT = "word/document.xml"
RESOLUTION_LINES = ["The General Assembly,", "Recalling its resolution 58/137,", "Urges all States;"]


def docx_bytes() -> bytes:
    """A small, sound Word file: an author line, a preambular and a numbered operative paragraph."""
    import docx

    document = docx.Document()
    document.add_paragraph(RESOLUTION_LINES[0])
    document.add_paragraph(RESOLUTION_LINES[1])
    document.add_paragraph(RESOLUTION_LINES[2], style="List Number")
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


def _rewrite(data: bytes, part: str, change: Callable[[bytes], bytes]) -> bytes:
    source = zipfile.ZipFile(io.BytesIO(data))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
        for item in source.infolist():
            content = source.read(item.filename)
            target.writestr(item.filename, change(content) if item.filename == part else content)
    return out.getvalue()


def docx_truncated_xml() -> bytes:
    return _rewrite(docx_bytes(), DOCUMENT, lambda xml: xml[: len(xml) // 2])


def docx_bad_list_level() -> bytes:
    numbered = b'<w:pPr><w:numPr><w:ilvl w:val="x"/><w:numId w:val="1"/></w:numPr>'
    return _rewrite(docx_bytes(), DOCUMENT, lambda xml: xml.replace(b"<w:pPr>", numbered, 1))


def docx_entity_amplification() -> bytes:
    """A billion laughs: six levels of ten references each, declared in a DTD."""
    entities = '<!ENTITY a "' + "a" * 50 + '">'
    for level, previous in zip("bcdef", "abcde", strict=True):
        entities += f'<!ENTITY {level} "{("&" + previous + ";") * 10}">'
    header = f'<?xml version="1.0"?><!DOCTYPE w:document [{entities}]>'.encode()

    def laugh(xml: bytes) -> bytes:
        return header + re.sub(rb"^<\?xml[^>]*\?>", b"", xml).replace(b"Urges all States;", b"Urges &f;", 1)

    return _rewrite(docx_bytes(), DOCUMENT, laugh)


def docx_crc_damage() -> bytes:
    """One byte of document.xml's compressed data flipped: a checksum or inflation error inside the zip."""
    data = bytearray(docx_bytes())
    info = zipfile.ZipFile(io.BytesIO(bytes(data))).getinfo(DOCUMENT)
    start = info.header_offset + 30 + len(info.filename.encode()) + len(info.extra)
    data[start + info.compress_size // 2] ^= 0xFF
    return bytes(data)


def docx_bomb(inflated: int = 256 * 1024 * 1024) -> bytes:
    """document.xml padded with `inflated` bytes of spaces: a few hundred KB that inflate to hundreds of MB."""
    source = zipfile.ZipFile(io.BytesIO(docx_bytes()))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
        for item in source.infolist():
            content = source.read(item.filename)
            if item.filename != DOCUMENT:
                target.writestr(item.filename, content)
                continue
            head, tail = content.split(b"</w:body>")
            with target.open(DOCUMENT, "w", force_zip64=True) as stream:
                stream.write(head)
                chunk = b" " * (1024 * 1024)
                for _ in range(inflated // len(chunk)):
                    stream.write(chunk)
                stream.write(b"</w:body>" + tail)
    return out.getvalue()


def _pdf(content: bytes, *, page_count: int = 1, media: tuple[float, float] = (612, 792), flate: bool = True) -> bytes:
    """A PDF whose every page shows `content` (a content stream), Flate-compressed unless told."""
    stream = zlib.compress(content) if flate else content
    return _pdf_with_stream(stream, flate=flate, page_count=page_count, media=media)


def _pdf_with_stream(stream: bytes, *, flate: bool, page_count: int, media: tuple[float, float]) -> bytes:
    font = b"<< /Type /Font /Subtype /Type1 /BaseFont /Times-Roman /Encoding /WinAnsiEncoding >>"
    filters = b" /Filter /FlateDecode" if flate else b""
    objects = [font, b"<< /Length %d%s >>\nstream\n" % (len(stream), filters) + stream + b"\nendstream"]
    pages_id = 3 + page_count
    kids = []
    for _ in range(page_count):
        objects.append(
            b"<< /Type /Page /Parent %d 0 R /MediaBox [0 0 %g %g] /Resources << /Font << /F1 1 0 R >> >> "
            b"/Contents 2 0 R >>" % (pages_id, media[0], media[1])
        )
        kids.append(b"%d 0 R" % len(objects))
    objects.append(b"<< /Type /Pages /Kids [%s] /Count %d >>" % (b" ".join(kids), page_count))
    objects.append(b"<< /Type /Catalog /Pages %d 0 R >>" % pages_id)
    out = bytearray(b"%PDF-1.4\n")
    offsets = []
    for number, body in enumerate(objects, start=1):
        offsets.append(len(out))
        out += b"%d 0 obj\n" % number + body + b"\nendobj\n"
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    out += b"".join(b"%010d 00000 n \n" % offset for offset in offsets)
    out += b"trailer\n<< /Size %d /Root %d 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (len(objects) + 1, len(objects), xref)
    return bytes(out)


_TEXT = b"BT /F1 10 Tf 72 700 Td (The General Assembly,) Tj ET\nBT /F1 10 Tf 72 680 Td (1. Urges all States;) Tj ET\n"


def pdf_stream_bomb(inflated: int = 1024 * 1024 * 1024) -> bytes:
    """A content stream of text followed by `inflated` bytes of spaces: about 1 MB that inflates to 1 GB."""
    return _pdf_with_stream(zlib_bomb(_TEXT, inflated), flate=True, page_count=1, media=(612, 792))


def zlib_bomb(prefix: bytes, inflated: int) -> bytes:
    """A valid zlib stream of `prefix` then `inflated` spaces, made in a second: after a full flush the compressor
    starts afresh, so the compressed block of one MB of spaces is the same every time and is repeated as it is."""
    chunk = b" " * (1024 * 1024)
    compressor = zlib.compressobj(9, zlib.DEFLATED, -15)
    head = compressor.compress(prefix) + compressor.flush(zlib.Z_FULL_FLUSH)
    block = compressor.compress(chunk) + compressor.flush(zlib.Z_FULL_FLUSH)
    assert block == compressor.compress(chunk) + compressor.flush(zlib.Z_FULL_FLUSH)
    end = compressor.flush(zlib.Z_FINISH)
    count = inflated // len(chunk)
    checksum = zlib.adler32(prefix)
    for _ in range(count):
        checksum = zlib.adler32(chunk, checksum)
    return b"\x78\xda" + head + block * count + end + checksum.to_bytes(4, "big")


def pdf_damaged_stream() -> bytes:
    """The content stream's checksum broken: pdfminer logs 'Data-loss while decompressing' and goes on."""
    stream = bytearray(zlib.compress(_TEXT))
    stream[-2] ^= 0xFF
    return _pdf_with_stream(bytes(stream), flate=True, page_count=1, media=(612, 792))


def pdf_truncated_stream() -> bytes:
    """The content stream cut short: pdfminer would read part of it without a word."""
    stream = zlib.compress(_TEXT * 50)
    return _pdf_with_stream(stream[: len(stream) // 2], flate=True, page_count=1, media=(612, 792))


def pdf_many_pages(pages: int, lines: int = 1) -> bytes:
    """`pages` pages, each showing `lines` times the two lines of text (they share one content stream)."""
    return _pdf(_TEXT * lines, page_count=pages)


def pdf_many_lines(lines: int) -> bytes:
    """One tall page of `lines` separate lines of small text (each a line of its own, 4 points apart)."""
    saved = pdf_writer.PAGE
    pdf_writer.PAGE = (612.0, 100.0 + lines * 4)
    try:
        page = pdf_writer.Page()
        page.text(72, 40, "The General Assembly,", size=3)
        for number in range(lines):
            page.text(72, 80 + number * 4, f"{number} a b", size=3)  # short words: pdfminer's cost is per character
        return pdf_writer.pdf_bytes([page])
    finally:
        pdf_writer.PAGE = saved


def html_many_sups(count: int) -> bytes:
    return ("<html><body><p>The General Assembly,</p><p>" + "word<sup>1</sup> " * count + "</p></body></html>").encode()


def text_many_short_lines(count: int) -> bytes:
    """An author line, then `count` short lines and no paragraph: all of it is read as the document's header."""
    return ("The General Assembly,\n\n" + "".join(f"a{i}\n" for i in range(count))).encode()


def text_long_footnote(count: int) -> bytes:
    return ("The General Assembly,\n\n1. Urges[^1]\n\n[^1]: note\n" + "".join(f"    cont {i}\n" for i in range(count))).encode()


def text_many_marks(count: int) -> bytes:
    """One paragraph of `count` footnote marks, each after a document symbol (which no mark may be read inside)."""
    return ("The General Assembly,\n\n1. Urges " + "A/RES/58/1 word[^1] " * count + "\n").encode()


# The hostile corpus: each input with the time it took before it was made linear or bounded (issue 14), read by
# `unres parse`; tests/test_hostile_blowups.py and fuzz/hostile_corpus.py run it and measure time and memory.
CORPUS: dict[str, Callable[[], bytes]] = {
    "pdf-5000-lines-one-page": lambda: pdf_many_lines(5000),
    "pdf-3000-pages": lambda: pdf_many_pages(3000, lines=20),
    "pdf-1GB-stream": pdf_stream_bomb,
    "docx-256MB-part": docx_bomb,
    "docx-entity-amplification": docx_entity_amplification,
    "html-50000-sup": lambda: html_many_sups(50_000),
    "html-100000-unfinished-tags": lambda: b"<html><body><p>The General Assembly,</p>" + b"<a " * 100_000,
    "text-100000-short-lines": lambda: text_many_short_lines(100_000),
    "text-footnote-of-100000-lines": lambda: text_long_footnote(100_000),
    "text-20000-marks-and-symbols": lambda: text_many_marks(20_000),
}


# Runs the command as its own child and reports that child's wall time and peak memory (ru_maxrss, in KB on Linux).
MEASURE = """
import json, resource, subprocess, sys, time
start = time.monotonic()
try:
    code = subprocess.run(sys.argv[1:], stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, timeout=float(sys.argv[0]))
    status, stderr = code.returncode, code.stderr.decode(errors="replace")
except subprocess.TimeoutExpired:
    status, stderr = None, "timed out"
peak = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
print(json.dumps({"status": status, "seconds": time.monotonic() - start, "megabytes": peak / 1024, "stderr": stderr}))
"""


def measure(args: list[str], seconds: float = 60) -> dict[str, object]:
    """Run `unres ARGS` in a child process: its exit status, wall time, peak memory (MB) and standard error."""
    command = [sys.executable, "-c", "from unres.cli import main; main()", *args]
    out = subprocess.run(
        [sys.executable, "-c", MEASURE.replace("sys.argv[0]", str(seconds)), *command],
        capture_output=True,
        check=True,
        timeout=seconds + 30,
    )
    result: dict[str, object] = json.loads(out.stdout)
    return result
