"""A check report as JUnit XML, the test-report format CI dashboards read: one test case per checked rendering."""

from __future__ import annotations

import xml.etree.ElementTree as ElementTree

from unres.models import CheckReport
from unres.render.safe import visible


def junit_xml(report: CheckReport) -> str:
    """A test suite with one test case per rendering checked against the first, failed with its disagreements."""
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
            suite, "testcase", classname="unres.check", name=visible(f"{name} agrees with {report.files[0]}")
        )
        if failures[name]:
            failure = ElementTree.SubElement(
                case, "failure", message=f"{len(failures[name])} disagreement(s)", type="disagreement"
            )
            failure.text = visible("\n".join(f"{d.kind}: {d.detail}" for d in failures[name]), lines=True)
    ElementTree.indent(suite)
    return ElementTree.tostring(suite, encoding="unicode", xml_declaration=True) + "\n"
