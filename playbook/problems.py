"""Problems found in a playbook file, each pointing at a line and column."""

from __future__ import annotations

import re
from dataclasses import asdict, dataclass
from typing import Any, Literal

__all__ = ["OTHER", "STRUCTURAL", "Level", "PlaybookError", "Problem", "printable"]

# Controls (C0 but tab, DEL, C1), the bidirectional overrides that reorder what a reader sees,
# and the non-characters: what a file could use to clear a terminal, retitle its window,
# print a fake verdict, or break an XML report.
_UNPRINTABLE = re.compile(
    "[\x00-\x08\x0a-\x1f\x7f-\x9f\u200e\u200f\u202a-\u202e\u2066-\u2069\ud800-\udfff"
    "\ufdd0-\ufdef\ufffe\uffff]"
)


def _escaped(match: re.Match[str]) -> str:
    code = ord(match.group())
    return f"\\x{code:02x}" if code < 0x100 else f"\\u{code:04x}"


_LINE_BREAKS = re.compile("[\\n\\r]")


def printable(text: str, *, line_breaks: bool = False) -> str:
    """``text`` safe to print on a terminal or in XML.

    Controls, bidirectional overrides and non-characters are written as
    escapes: an escape character becomes the four characters backslash, x, 1, b.
    With ``line_breaks``, newlines and carriage returns are kept, for a
    format that escapes them itself (GitHub's workflow commands, XML).
    """
    if not line_breaks:
        return _UNPRINTABLE.sub(_escaped, text)
    return _UNPRINTABLE.sub(lambda m: m.group() if _LINE_BREAKS.fullmatch(m.group()) else _escaped(m), text)


Level = Literal["error", "warning"]


@dataclass(frozen=True, order=True)
class Problem:
    """One finding: ``path:line:col: severity[check]: message``.

    ``line`` and ``column`` count from 1 and point at the YAML node at fault
    (for a missing key: the mapping that lacks it).
    """

    path: str
    line: int
    column: int
    severity: Level
    check: str
    message: str

    def __str__(self) -> str:
        where = printable(self.path)
        return f"{where}:{self.line}:{self.column}: {self.severity}[{self.check}]: {printable(self.message)}"

    def to_dict(self) -> dict[str, Any]:
        """The problem as a JSON-ready mapping."""
        return asdict(self)


class PlaybookError(ValueError):
    """Raised by :func:`playbook.load` when a playbook has errors; ``problems`` lists them all."""

    def __init__(self, problems: list[Problem]) -> None:
        self.problems = problems
        errors = [p for p in problems if p.severity == "error"]
        lines = "\n".join(str(p) for p in errors[:20])
        more = f"\n... and {len(errors) - 20} more" if len(errors) > 20 else ""
        super().__init__(f"{len(errors)} error(s) in the playbook:\n{lines}{more}")


# Ids of the problems found while reading a file and building the model ("structural" problems).
IO = "io"
YAML_ENCODING = "yaml-encoding"
YAML_SYNTAX = "yaml-syntax"
YAML_LIMIT = "yaml-limit"
YAML_DUPLICATE_KEY = "yaml-duplicate-key"
YAML_ALIAS = "yaml-alias"
YAML_TAG = "yaml-tag"
DUPLICATE_SECTION = "duplicate-section"
UNKNOWN_KEY = "unknown-key"
MISSING_KEY = "missing-key"
INVALID_VALUE = "invalid-value"
TOO_MANY_PROBLEMS = "too-many-problems"
CHECK_CONFIG = "check-config"

STRUCTURAL: dict[str, str] = {
    IO: "The file or folder cannot be read.",
    YAML_ENCODING: "The file is not UTF-8 text: another encoding, UTF-16, a NUL byte; "
    "a byte order mark is a warning.",
    YAML_SYNTAX: "The file is not valid YAML, is empty, holds several documents, "
    "or uses a list or mapping as a key. Tabs for indentation are named as such.",
    YAML_LIMIT: "The file is larger than 4 MiB or nests deeper than 64 levels.",
    YAML_DUPLICATE_KEY: "A key appears twice in one mapping (YAML would keep only the last).",
    YAML_ALIAS: "Anchors and aliases are refused: they hide repetition and can expand "
    "a small file into millions of nodes.",
    YAML_TAG: "Explicit tags (!!python/object, !!binary, ...) are refused; only !!str is allowed.",
    DUPLICATE_SECTION: "In a playbook folder, a top-level section defined in two files.",
    UNKNOWN_KEY: "A key the format does not define, with the closest known key suggested.",
    MISSING_KEY: "A required key is missing; the problem points at the mapping that lacks it.",
    INVALID_VALUE: "A value of the wrong type or form: text where a number is expected, "
    "an unknown choice, a malformed duration, quantity, date or id.",
    TOO_MANY_PROBLEMS: "More problems than are reported in one run.",
    CHECK_CONFIG: "A check id in the 'checks' section or in a '# playbook: disable=' comment "
    "that no check has, or that keeps the playbook usable by the API and cannot be relaxed.",
}
"""Every structural problem id with its description."""

STALE = "stale"
SCENARIO = "scenario"
POSTMORTEM = "postmortem"
EXPORT = "export"

OTHER: dict[str, str] = {
    SCENARIO: "playbook test: a scenario's expectation that the playbook does not meet, or a scenario "
    "file that cannot be run.",
    POSTMORTEM: "playbook postmortem check: a required section of a report missing, empty or still the "
    "template's text; a header field not filled in (a warning).",
    STALE: "playbook docs --check, schema --check and export --check: a generated file missing, different "
    "from what the playbook gives now, edited by hand, or no longer generated.",
    EXPORT: "playbook export: a detection alert or rollback rule that no alerting rule can express, such "
    "as a threshold in another unit than its metric.",
}
"""Ids of the problems that other commands report, in the same formats."""
