"""Check reports for CI systems: GitHub workflow annotations and JUnit XML."""

from __future__ import annotations

import xml.etree.ElementTree as ElementTree

from unres.models import CheckReport


def github_annotations(report: CheckReport) -> str:
    """One `::error` workflow command per disagreement (GitHub shows them on the file), or a `::notice` of agreement."""
    if report.agree:
        return f"::notice title=unres check::{_escape_data(', '.join(report.files))} agree\n"
    lines = []
    for difference in report.differences:
        line = f",line={difference.line}" if difference.line else ""
        title = _escape_property("unres check: " + difference.where)
        properties = f"file={_escape_property(difference.file)}{line},title={title}"
        lines.append(f"::error {properties}::{_escape_data(difference.detail)}")
    return "\n".join(lines) + "\n"


def _escape_data(text: str) -> str:
    """Escaping of a workflow command's message, as the GitHub Actions toolkit does it."""
    return text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def _escape_property(text: str) -> str:
    return _escape_data(text).replace(":", "%3A").replace(",", "%2C")


def junit_xml(report: CheckReport) -> str:
    """A JUnit test suite: one test case per rendering checked against the first, failed with its disagreements."""
    checked = report.files[1:]
    failures = {name: [d for d in report.differences if d.file == name] for name in checked}
    suite = ElementTree.Element(
        "testsuite",
        name="unres check",
        tests=str(len(checked)),
        failures=str(sum(1 for found in failures.values() if found)),
        errors="0",
    )
    for name in checked:
        case = ElementTree.SubElement(
            suite, "testcase", classname="unres.check", name=f"{name} agrees with {report.files[0]}"
        )
        if failures[name]:
            failure = ElementTree.SubElement(
                case, "failure", message=f"{len(failures[name])} disagreement(s)", type="disagreement"
            )
            failure.text = "\n".join(difference.detail for difference in failures[name])
    ElementTree.indent(suite)
    return ElementTree.tostring(suite, encoding="unicode", xml_declaration=True) + "\n"
