"""The fuzz harness on hostile inputs made here (every reader: PDF, Word, HTML, text) and on arbitrary bytes: no
crash, every JSON and XML output parses, no acting character reaches a text output."""

from __future__ import annotations

import sys
from collections.abc import Callable
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import hostile_inputs as make
from pdf_writer import Page, pdf_bytes

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "fuzz"))

from harness import exercise, versions

HOSTILE_TEXT = (
    "The General Assembly,\n\n*Recalling* [sic] its resolution\x1b]8;;https://x\x07 58/137[^1],\n\n"
    "1. Urges [link=https://example.org]all[/link] States\uffff [/] \u202eto act;\n\n"
    "2. Decides to remain seized[^2].\n\n[^1]: See [bold]A/58/1[/bold] \x9b31m.\n\n[^2]: [in preparation]\n"
)
HOSTILE_HTML = (
    "<html><body><p>The General Assembly,</p><p><i>Recalling</i> its work<sup>1</sup>,</p>"
    "<p>1. Urges [link=x]all[/link] States<script>alert(1)</script>;</p><p><sup>1</sup> A/58/1 [sic].</p>"
    "</body></html>"
)


def _pdf() -> bytes:
    page = Page()
    page.line(72, 100, "The General Assembly,")
    page.line(90, 130, "*Recalling* its resolution 58/137,^1")
    page.line(90, 160, "1. Urges [all] States [/] to act;")
    page.rule(72, 150, 700)
    page.line(72, 715, "1 See [sic] A/58/1.", size=8)
    return pdf_bytes([page])


INPUTS: dict[str, Callable[[], bytes]] = {
    "text": lambda: HOSTILE_TEXT.encode() + b"\x00" + HOSTILE_TEXT.replace("Urges", "Requests").encode(),
    "html": lambda: HOSTILE_HTML.encode() + b"\x00" + HOSTILE_TEXT.encode(),
    "pdf": _pdf,
    "docx": make.docx_bytes,
    "docx-truncated": make.docx_truncated_xml,
    "docx-bad-level": make.docx_bad_list_level,
    "docx-entities": make.docx_entity_amplification,
    "docx-crc": make.docx_crc_damage,
    "pdf-bad-checksum": make.pdf_damaged_stream,
    "pdf-truncated-stream": make.pdf_truncated_stream,
    "pdf-pages": lambda: make.pdf_many_pages(30),
    "utf-16": lambda: HOSTILE_TEXT.encode("utf-16"),
}


@pytest.mark.parametrize("name", INPUTS)
def test_every_reader_command_and_format_survives(name: str) -> None:
    exercise(INPUTS[name]())


def test_a_binary_input_is_one_version_compared_with_itself() -> None:
    data = make.docx_bytes()
    assert versions(data) == (data, data)
    assert versions(b"old\x00new") == (b"old", b"new")


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(st.sampled_from([*HOSTILE_TEXT.splitlines(keepends=True), "\x00", "\n\n", "3. Notes;\n"]), max_size=30))
def test_any_mix_of_hostile_lines_survives(lines: list[str]) -> None:
    exercise("".join(lines).encode("utf-8", errors="surrogatepass"))
