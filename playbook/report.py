"""Reporters: how ``playbook validate`` prints problems (``text``, ``json``, ``github``, ``junit``)."""

from __future__ import annotations

import json
import xml.etree.ElementTree as ET
from collections.abc import Callable, Sequence
from dataclasses import dataclass

from playbook.problems import Problem

__all__ = ["FORMATS", "REPORT_SCHEMA", "Report", "render"]

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
    "title": "playbook validate --format json",
    "type": "object",
    "additionalProperties": False,
    "required": ["valid", "files", "errors", "warnings", "problems"],
    "properties": {
        "valid": {"type": "boolean"},
        "files": {"type": "array", "items": {"type": "string"}},
        "errors": {"type": "integer", "minimum": 0},
        "warnings": {"type": "integer", "minimum": 0},
        "problems": {"type": "array", "items": _PROBLEM},
    },
}
"""The JSON Schema of ``playbook validate --format json`` output, published as schema/report.schema.json."""


@dataclass(frozen=True)
class Report:
    """The outcome of validating some files."""

    files: Sequence[str]
    problems: Sequence[Problem]
    strict: bool = False

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
        return self.errors == 0 and not (self.strict and self.warnings)

    def summary(self) -> str:
        """One line: how many files, errors and warnings."""
        files = f"{len(self.files)} file{'s' if len(self.files) != 1 else ''}"
        if not self.problems:
            return f"{files} checked: valid"
        verdict = "valid" if self.ok else "invalid"
        return f"{files} checked: {verdict}, {self.errors} error(s), {self.warnings} warning(s)"


def _text(report: Report) -> str:
    lines = [str(p) for p in report.problems]
    lines.append(report.summary())
    return "\n".join(lines) + "\n"


def _json(report: Report) -> str:
    body = {
        "valid": report.ok,
        "files": list(report.files),
        "errors": report.errors,
        "warnings": report.warnings,
        "problems": [p.to_dict() for p in report.problems],
    }
    return json.dumps(body, indent=2, ensure_ascii=False) + "\n"


def _escape_data(text: str) -> str:
    return text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def _escape_property(text: str) -> str:
    return _escape_data(text).replace(":", "%3A").replace(",", "%2C")


def _github(report: Report) -> str:
    lines = []
    for p in report.problems:
        level = "error" if p.severity == "error" or report.strict else "warning"
        lines.append(
            f"::{level} file={_escape_property(p.path)},line={p.line},col={p.column},"
            f"title={_escape_property(p.check)}::{_escape_data(p.message)}"
        )
    lines.append(report.summary())
    return "\n".join(lines) + "\n"


def _junit(report: Report) -> str:
    # One test case per problem, so that CI tools count and list them, and a passing
    # "valid playbook" case for a file that passes.
    suites = ET.Element("testsuites", name="playbook validate")
    for path in report.files:
        problems = [p for p in report.problems if p.path == path or p.path.startswith(f"{path}/")]
        failing = [p for p in problems if p.severity == "error" or report.strict]
        suite = ET.SubElement(
            suites,
            "testsuite",
            name=path,
            tests=str(len(problems) + (0 if failing else 1)),
            failures=str(len(failing)),
            errors="0",
            skipped="0",
        )
        if not failing:
            ET.SubElement(suite, "testcase", classname=path, name="valid playbook")
        seen: dict[str, int] = {}
        for problem in problems:
            name = f"{problem.check} at {problem.line}:{problem.column}"
            seen[name] = seen.get(name, 0) + 1
            if seen[name] > 1:
                name += f" #{seen[name]}"
            case = ET.SubElement(
                suite,
                "testcase",
                classname=path,
                name=name,
                file=problem.path,
                line=str(problem.line),
            )
            if problem in failing:
                failure = ET.SubElement(case, "failure", message=problem.message, type=problem.check)
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
