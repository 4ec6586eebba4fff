"""A check report as GitHub Actions workflow commands: each disagreement an annotation on the file and line."""

from __future__ import annotations

from unres.models import CheckReport
from unres.render.safe import visible


def github_annotations(report: CheckReport) -> str:
    """One `::error` workflow command per disagreement (GitHub shows them on the file), or a `::notice` of agreement."""
    if report.agree:
        return f"::notice title=unres check::{_escape_data(', '.join(report.files))} agree\n"
    lines = []
    for difference in report.differences:
        line = f",line={difference.line}" if difference.line else ""
        title = _escape_property(f"unres check: {difference.where} ({difference.kind})")
        properties = f"file={_escape_property(difference.file)}{line},title={title}"
        lines.append(f"::error {properties}::{_escape_data(difference.detail)}")
    return "\n".join(lines) + "\n"


def _escape_data(text: str) -> str:
    """Escaping of a workflow command's message, as the GitHub Actions toolkit does it."""
    return visible(text, lines=True).replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def _escape_property(text: str) -> str:
    return _escape_data(text).replace(":", "%3A").replace(",", "%2C")
