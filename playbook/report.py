"""Reporters: how a run that finds problems prints them (``text``, ``json``, ``github``, ``junit``).

``playbook validate`` is the first such run; scenario tests, postmortem checks
and the checks that generated files are current report the same way, so CI
reads them all alike.
"""

from __future__ import annotations

import json
import xml.etree.ElementTree as ET
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field

from playbook.problems import Problem, printable

__all__ = ["FORMATS", "REPORT_SCHEMA", "Report", "Tally", "render"]

_PROBLEM = {
    "type": "object",
    "additionalProperties": False,
    "required": ["path", "line", "column", "severity", "check", "message"],
    "properties": {
        "path": {"type": "string"},
        "line": {"type": "integer", "minimum": 1},
        "column": {"type": "integer", "minimum": 1},
        "severity": {"enum": ["error", "warning"]},
        "check": {"type": "string", "pattern": "^[a-z0-9-]+$"},
        "message": {"type": "string", "minLength": 1},
    },
}

REPORT_SCHEMA = {
    "$schema": "https://json-schema.org/draft/2020-12/schema",
    "$id": "https://playbook-as-code.invalid/schema/report.schema.json",
    "title": "playbook --format json",
    "description": (
        "The JSON report of playbook validate, test, postmortem check, docs --check, schema --check and "
        "export --check. "
        "passed and failed count scenarios; only playbook test gives them."
    ),
    "type": "object",
    "additionalProperties": False,
    "required": ["valid", "files", "errors", "warnings", "problems"],
    "properties": {
        "valid": {"type": "boolean"},
        "files": {"type": "array", "items": {"type": "string"}},
        "errors": {"type": "integer", "minimum": 0},
        "warnings": {"type": "integer", "minimum": 0},
        "problems": {"type": "array", "items": _PROBLEM},
        "passed": {"type": "integer", "minimum": 0},
        "failed": {"type": "integer", "minimum": 0},
    },
}
"""The JSON Schema of ``--format json`` reports, published as schema/report.schema.json."""


@dataclass(frozen=True)
class Tally:
    """How many of the things a run tried passed and failed: the scenarios of ``playbook test``."""

    passed: int
    failed: int
    noun: str = "scenarios"


@dataclass(frozen=True)
class Report:
    """The outcome of a run over some files: every problem found, and what passed."""

    files: Sequence[str]
    problems: Sequence[Problem]
    strict: bool = False
    name: str = "playbook validate"
    """What ran: the name of the JUnit test suites."""
    check: str = "valid playbook"
    """What a file without failure passed: its one JUnit test case."""
    cases: Mapping[str, Sequence[str]] = field(default_factory=dict)
    """Test cases that passed, by file (scenario names); a file listed here has these instead of ``check``."""
    tally: Tally | None = None
    """Counts of what ran, for runs that count (scenarios)."""
    quiet: bool = False
    """Problems only: the text and github reports end without their summary line."""

    @property
    def errors(self) -> int:
        """How many problems are errors."""
        return sum(1 for p in self.problems if p.severity == "error")

    @property
    def warnings(self) -> int:
        """How many problems are warnings."""
        return sum(1 for p in self.problems if p.severity == "warning")

    @property
    def ok(self) -> bool:
        """True when the files pass (no errors; with ``strict``, no warnings either)."""
        failed = self.tally is not None and self.tally.failed > 0
        return self.errors == 0 and not (self.strict and self.warnings) and not failed

    def summary(self) -> str:
        """One line: how many files, errors and warnings (or, for a tally, how many passed and failed)."""
        if self.tally is not None:
            ran = self.tally.passed + self.tally.failed
            counts = f"{self.tally.passed} passed, {self.tally.failed} failed"
            return f"{len(self.files)} file(s): {ran} {self.tally.noun}, {counts}"
        files = f"{len(self.files)} file{'s' if len(self.files) != 1 else ''}"
        if not self.problems:
            return f"{files} checked: valid"
        verdict = "valid" if self.ok else "invalid"
        return f"{files} checked: {verdict}, {self.errors} error(s), {self.warnings} warning(s)"


def _text(report: Report) -> str:
    lines = [str(p) for p in report.problems]
    if not report.quiet:
        lines.append(report.summary())
    return "".join(f"{line}\n" for line in lines)


def _json(report: Report) -> str:
    body = {
        "valid": report.ok,
        "files": list(report.files),
        "errors": report.errors,
        "warnings": report.warnings,
        "problems": [p.to_dict() for p in report.problems],
    }
    if report.tally is not None:
        body |= {"passed": report.tally.passed, "failed": report.tally.failed}
    return json.dumps(body, indent=2, ensure_ascii=False) + "\n"


def _escape_data(text: str) -> str:
    return text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def _escape_property(text: str) -> str:
    return _escape_data(text).replace(":", "%3A").replace(",", "%2C")


def _github(report: Report) -> str:
    lines = []
    for p in report.problems:
        level = "error" if p.severity == "error" or report.strict else "warning"
        path = _escape_property(printable(p.path, line_breaks=True))
        message = _escape_data(printable(p.message, line_breaks=True))
        lines.append(
            f"::{level} file={path},line={p.line},col={p.column},title={_escape_property(p.check)}::{message}"
        )
    if not report.quiet:
        lines.append(report.summary())
    return "".join(f"{line}\n" for line in lines)


def _under(path: str, file: str) -> bool:
    return path == file or path.startswith(f"{file}/")


def _junit(report: Report) -> str:
    # One test case per problem, so that CI tools count and list them, and the passing
    # cases (a "valid playbook" case for a file that passes). A problem in a file the run
    # did not name (the playbook a scenario file uses) gets a suite of its own.
    # Valid against Jenkins' junit-10.xsd: a test case has no file or line attribute, so a
    # problem's location is in its failure message; the times are 0 (nothing is timed).
    # Every value goes through printable(): XML 1.0 cannot hold most control characters.
    suites = ET.Element("testsuites", name=printable(report.name), time="0")
    paths = list(dict.fromkeys(report.files))
    paths += list(dict.fromkeys(p.path for p in report.problems if not any(_under(p.path, f) for f in paths)))
    for path in paths:
        problems = [p for p in report.problems if _under(p.path, path)]
        failing = [p for p in problems if p.severity == "error" or report.strict]
        default = [] if failing else [report.check]
        passing = list(report.cases[path]) if path in report.cases else default
        suite = ET.SubElement(
            suites,
            "testsuite",
            name=printable(path),
            tests=str(len(problems) + len(passing)),
            failures=str(len(failing)),
            errors="0",
            skipped="0",
            time="0",
        )
        for name in passing:
            ET.SubElement(suite, "testcase", classname=printable(path), name=printable(name), time="0")
        seen: dict[str, int] = {}
        for problem in problems:
            name = f"{problem.check} at {problem.line}:{problem.column}"
            seen[name] = seen.get(name, 0) + 1
            if seen[name] > 1:
                name += f" #{seen[name]}"
            case = ET.SubElement(suite, "testcase", classname=printable(path), name=name, time="0")
            where = f"{printable(problem.path, line_breaks=True)}:{problem.line}:{problem.column}"
            if problem in failing:
                failure = ET.SubElement(
                    case,
                    "failure",
                    message=f"{where}: {printable(problem.message, line_breaks=True)}",
                    type=problem.check,
                )
                failure.text = str(problem)
            else:
                ET.SubElement(case, "system-out").text = str(problem)
    ET.indent(suites)
    body = ET.tostring(suites, encoding="unicode")
    return f'<?xml version="1.0" encoding="UTF-8"?>\n{body}\n'


FORMATS: dict[str, Callable[[Report], str]] = {
    "text": _text,
    "json": _json,
    "github": _github,
    "junit": _junit,
}
"""Reporter name → function from a :class:`Report` to its output."""


def render(report: Report, fmt: str) -> str:
    """The report in format ``fmt`` (one of :data:`FORMATS`)."""
    return FORMATS[fmt](report)
