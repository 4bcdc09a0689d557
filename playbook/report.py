"""Reporters: how ``playbook validate`` prints problems (``text``, ``json``, ``github``)."""

from __future__ import annotations

import json
from collections.abc import Callable, Sequence
from dataclasses import dataclass

from playbook.problems import Problem

__all__ = ["FORMATS", "Report", "render"]


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


FORMATS: dict[str, Callable[[Report], str]] = {"text": _text, "json": _json, "github": _github}
"""Reporter name → function from a :class:`Report` to its output."""


def render(report: Report, fmt: str) -> str:
    """The report in format ``fmt`` (one of :data:`FORMATS`)."""
    return FORMATS[fmt](report)
