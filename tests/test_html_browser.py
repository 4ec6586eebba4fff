"""The HTML redline in a real browser: Debian's headless Chromium, driven over the DevTools protocol on a pipe (standard
library only). Checks what a reader gets: the rendered DOM, no network request, keyboard stepping, the page without
script, print and dark styles, contrast, and a PDF. Skipped where `chromium` is not installed."""

from __future__ import annotations

import base64
import contextlib
import fcntl
import io
import json
import os
import re
import select
import shutil
import subprocess
import tempfile
import time
import unicodedata
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from unres import parse_file
from unres.compare import compare
from unres.render.html import diff_html

from conftest import SEEDS

CHROMIUM = shutil.which("chromium")
pytestmark = pytest.mark.skipif(CHROMIUM is None, reason="Debian's chromium is not installed")

FLAGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--disable-extensions",
    "--disable-default-apps",
    "--no-first-run",
    "--no-default-browser-check",
    "--hide-scrollbars",
    "--window-size=1280,2000",
]


class Browser:
    """A headless Chromium spoken to over --remote-debugging-pipe: requests go out on fd 3, replies and events come
    back on fd 4, each a JSON message ended by a NUL byte."""

    def __init__(self, profile: str) -> None:
        to_browser, self._write = os.pipe()
        self._read, from_browser = os.pipe()
        # Out of the way of 3 and 4, which the child must receive them as.
        child_in = fcntl.fcntl(to_browser, fcntl.F_DUPFD, 20)
        child_out = fcntl.fcntl(from_browser, fcntl.F_DUPFD, 20)
        os.close(to_browser)
        os.close(from_browser)

        def wire() -> None:
            os.dup2(child_in, 3)
            os.dup2(child_out, 4)

        assert CHROMIUM is not None
        self.process = subprocess.Popen(
            [CHROMIUM, *FLAGS, f"--user-data-dir={profile}", "--remote-debugging-pipe", "about:blank"],
            stdin=subprocess.DEVNULL,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
            pass_fds=(3, 4),
            preexec_fn=wire,  # the test process runs no threads; only dup2 runs in the child
        )
        os.close(child_in)
        os.close(child_out)
        self._buffer = b""
        self._next_id = 0
        self.events: list[dict[str, Any]] = []
        targets = self.call("Target.getTargets")["targetInfos"]
        page = next(target for target in targets if target["type"] == "page")
        self.session = self.call("Target.attachToTarget", targetId=page["targetId"], flatten=True)["sessionId"]

    def call(self, method: str, session: bool = False, **params: Any) -> dict[str, Any]:
        self._next_id += 1
        message: dict[str, Any] = {"id": self._next_id, "method": method, "params": params}
        if session:
            message["sessionId"] = self.session
        os.write(self._write, json.dumps(message).encode() + b"\0")
        while True:
            reply = self._receive(timeout=60)
            if reply.get("id") == self._next_id:
                if "error" in reply:
                    raise RuntimeError(f"{method}: {reply['error']}")
                result: dict[str, Any] = reply["result"]
                return result
            self.events.append(reply)

    def page(self, method: str, **params: Any) -> dict[str, Any]:
        return self.call(method, session=True, **params)

    def evaluate(self, expression: str) -> Any:
        result = self.page("Runtime.evaluate", expression=expression, returnByValue=True, awaitPromise=True)
        if "exceptionDetails" in result:
            raise RuntimeError(f"{expression}: {result['exceptionDetails']}")
        return result["result"].get("value")

    def wait_for(self, event: str, timeout: float = 60) -> dict[str, Any]:
        for seen in self.events:
            if seen.get("method") == event:
                self.events.remove(seen)
                return seen
        deadline = time.monotonic() + timeout
        while True:
            message = self._receive(timeout=max(0.1, deadline - time.monotonic()))
            if message.get("method") == event:
                return message
            self.events.append(message)

    def load(self, url: str) -> None:
        self.page("Page.navigate", url=url)
        self.wait_for("Page.loadEventFired")

    def key(self, key: str) -> None:
        for kind in ("keyDown", "keyUp"):
            self.page("Input.dispatchKeyEvent", type=kind, key=key, text=key if kind == "keyDown" else "")

    def _receive(self, timeout: float) -> dict[str, Any]:
        while b"\0" not in self._buffer:
            ready, _, _ = select.select([self._read], [], [], timeout)
            if not ready:
                raise TimeoutError("chromium did not answer")
            chunk = os.read(self._read, 1 << 16)
            if not chunk:
                raise EOFError("chromium closed the pipe")
            self._buffer += chunk
        message, self._buffer = self._buffer.split(b"\0", 1)
        parsed: dict[str, Any] = json.loads(message)
        return parsed

    def close(self) -> None:
        with contextlib.suppress(EOFError, TimeoutError, OSError, RuntimeError):
            self.call("Browser.close")
        try:
            self.process.wait(timeout=20)
        except subprocess.TimeoutExpired:
            self.process.kill()
            self.process.wait()
        os.close(self._write)
        os.close(self._read)


@pytest.fixture(scope="module")
def redline_file(tmp_path_factory: pytest.TempPathFactory) -> Path:
    old, new = parse_file(SEEDS["ga-58-137"]), parse_file(SEEDS["ecosoc-2006-27-md"])
    page = tmp_path_factory.mktemp("redline") / "redline.html"
    page.write_text(diff_html(compare(old, new)), encoding="utf-8")
    return page


@pytest.fixture(scope="module")
def browser(redline_file: Path) -> Iterator[Browser]:
    with tempfile.TemporaryDirectory() as profile:
        chromium = Browser(profile)
        try:
            chromium.page("Page.enable")
            chromium.page("Network.enable")
            chromium.page("Runtime.enable")
            chromium.load(redline_file.as_uri())
            yield chromium
        finally:
            chromium.close()


def test_the_browser_renders_every_change_with_its_anchor(browser: Browser) -> None:
    assert browser.evaluate("document.querySelectorAll('article.change').length") == 37
    kinds = browser.evaluate("[...document.querySelectorAll('article.change')].map(a => a.classList[1])")
    assert {kind: kinds.count(kind) for kind in set(kinds)} == {
        "unchanged": 8,
        "modified": 19,
        "moved-modified": 3,
        "split": 1,
        "merged": 1,
        "added": 5,
    }
    assert browser.evaluate("document.documentElement.lang") == "en"
    assert browser.evaluate("document.querySelectorAll('del').length") > 20
    assert browser.evaluate("document.querySelectorAll('ins').length") > 20
    # Every in-page link lands on an element.
    assert (
        browser.evaluate(
            "[...document.querySelectorAll('a[href^=\"#\"]')]"
            ".filter(a => !document.getElementById(decodeURIComponent(a.hash.slice(1)))).map(a => a.hash)"
        )
        == []
    )
    assert browser.evaluate("document.getElementById('old-OP3').textContent").startswith("Old OP3")
    assert browser.evaluate("document.getElementById('OP2').closest('article').id") == "OP1"


def test_the_page_makes_no_network_request(browser: Browser) -> None:
    requests = [
        event["params"]["request"]["url"]
        for event in browser.events
        if event.get("method") == "Network.requestWillBeSent"
    ]
    assert requests, "the page load itself is seen"
    assert all(url.startswith(("file:", "data:", "about:")) for url in requests), requests
    assert browser.evaluate("performance.getEntriesByType('resource').length") == 0


def test_keys_step_from_change_to_change(browser: Browser) -> None:
    browser.evaluate("window.scrollTo(0, 0)")
    browser.key("j")
    assert browser.evaluate("document.activeElement.id") == "PP1"
    browser.key("j")
    assert browser.evaluate("document.activeElement.id") == "PP3"  # PP2 is unchanged: skipped
    browser.key("n")
    assert browser.evaluate("document.activeElement.id") == "PP5"
    browser.key("k")
    assert browser.evaluate("document.activeElement.id") == "PP3"
    assert browser.evaluate("document.querySelector('.stepper span').textContent") == "2 of 29"
    # After following a link, the next change is the one after the link's target.
    browser.evaluate("location.hash = '#OP12'")
    browser.key("j")
    assert browser.evaluate("document.activeElement.id") == "OP13"


def test_changes_read_without_colour_and_in_print(browser: Browser) -> None:
    style = "getComputedStyle(document.querySelector('{}')).{}"
    assert "line-through" in browser.evaluate(style.format("article del", "textDecorationLine"))
    assert "underline" in browser.evaluate(style.format("article ins", "textDecorationLine"))
    assert "serif" in browser.evaluate(style.format(".text", "fontFamily"))
    browser.page("Emulation.setEmulatedMedia", media="print")
    try:
        assert browser.evaluate(style.format(".stepper", "display")) == "none"
        assert browser.evaluate(style.format(".keys", "display")) == "none"
        assert browser.evaluate(style.format("article del", "color")) == "rgb(0, 0, 0)"
        assert "line-through" in browser.evaluate(style.format("article del", "textDecorationLine"))
        assert browser.evaluate(style.format("article ins", "backgroundColor")) == "rgba(0, 0, 0, 0)"
        assert browser.evaluate(style.format(".change", "breakInside")) == "avoid"
    finally:
        browser.page("Emulation.setEmulatedMedia", media="")


CONTRAST = """
(() => {
  const rgb = s => s.match(/[\\d.]+/g).slice(0, 3).map(Number);
  const lum = c => { const [r, g, b] = c.map(v => { v /= 255; return v <= 0.03928 ? v / 12.92 : ((v + 0.055) / 1.055) ** 2.4; });
                     return 0.2126 * r + 0.7152 * g + 0.0722 * b; };
  const ratio = (a, b) => { const [x, y] = [lum(a), lum(b)].sort((p, q) => q - p); return (x + 0.05) / (y + 0.05); };
  const page = rgb(getComputedStyle(document.documentElement).backgroundColor);
  const panel = rgb(getComputedStyle(document.querySelector('.version')).backgroundColor);
  const on = (selector, background) => {
    const style = getComputedStyle(document.querySelector(selector));
    const own = style.backgroundColor;
    const back = own && !own.startsWith('rgba(0, 0, 0, 0') ? rgb(own) : background;
    return [selector, Math.round(ratio(rgb(style.color), back) * 10) / 10];
  };
  return [on('.text', page), on('article del', page), on('article ins', page), on('.label .kind', page),
          on('.label .note', page), on('.label .note a', page), on('.ghost', page), on('.legend', page),
          on('.version dt', panel), on('.summary .ids a', page), on('.backlinks', page), on('.change.moved-modified .kind', page)];
})()
"""


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_text_has_sufficient_contrast_in_both_themes(browser: Browser, scheme: str) -> None:
    browser.page("Emulation.setEmulatedMedia", features=[{"name": "prefers-color-scheme", "value": scheme}])
    try:
        background = browser.evaluate("getComputedStyle(document.documentElement).backgroundColor")
        ratios = browser.evaluate(CONTRAST)
    finally:
        browser.page("Emulation.setEmulatedMedia", features=[])
    darkness = sum(int(value) for value in background[4:-1].split(","))
    assert (darkness < 200) == (scheme == "dark"), background
    assert all(ratio >= 4.5 for _, ratio in ratios), ratios  # WCAG AA for body text


def test_the_page_reads_without_script(redline_file: Path) -> None:
    with tempfile.TemporaryDirectory() as profile:
        chromium = Browser(profile)
        try:
            chromium.page("Page.enable")
            chromium.page("Emulation.setScriptExecutionDisabled", value=True)
            chromium.load(redline_file.as_uri())
            assert chromium.evaluate("document.querySelectorAll('article.change').length") == 37
            assert chromium.evaluate("document.querySelector('.stepper')") is None  # only script adds it
            assert chromium.evaluate("document.querySelectorAll('#summary-heading ~ table a').length") > 30
        finally:
            chromium.close()


def test_the_page_prints_to_pdf(browser: Browser) -> None:
    pypdf = pytest.importorskip("pypdf")
    data = base64.b64decode(browser.page("Page.printToPDF", printBackground=False)["data"])
    assert data.startswith(b"%PDF")
    reader = pypdf.PdfReader(io.BytesIO(data))
    text = unicodedata.normalize("NFKC", "\n".join(page.extract_text() for page in reader.pages))  # 'ﬁ' ligatures
    assert 2 <= len(reader.pages) <= 30
    assert re.search(r"moved\s+and\s+modified\s+from\s+OP3", text) and "PP16" in text and "Footnotes of" in text
    assert "next change" not in text  # keys are for the screen
