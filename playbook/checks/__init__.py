"""Consistency checks over a loaded playbook.

Each check is a module of this package with an ``ID``, a ``SEVERITY`` and a
``check(playbook)`` that yields :class:`Finding` objects; its docstring is its
documentation (``playbook checks`` prints it). Checks see only the model; the
runner turns each finding's ``loc`` into a file, line and column.

The structural problems found while reading the file have ids of their own,
listed in :data:`STRUCTURAL`.
"""

from __future__ import annotations

import importlib
from collections.abc import Iterator
from dataclasses import dataclass
from types import ModuleType
from typing import Protocol, cast

from playbook.model import Playbook
from playbook.problems import Level, Problem
from playbook.source import Loc, SourceMap

__all__ = ["CHECKS", "CONFIG_ID", "LOCKED", "STRUCTURAL", "Check", "Finding", "describe", "run_checks"]


@dataclass(frozen=True)
class Finding:
    """A problem at ``loc`` (a path of keys and indexes into the YAML document)."""

    loc: Loc
    message: str
    key: bool = False
    first: Loc | None = None
    """Where the thing this finding repeats or contradicts stands; its line is added to the message."""


class Check(Protocol):
    """What a check module provides."""

    ID: str
    SEVERITY: Level

    def check(self, playbook: Playbook) -> Iterator[Finding]:
        """Yield every finding in ``playbook``."""
        ...


_MODULES = (
    "unique_ids",
    "references",
    "matrix_coverage",
    "matrix_monotonic",
    "severity_unused",
    "severity_order",
    "step_numbering",
    "template_fields",
    "metric_units",
    "rollback_tiers",
    "alert_thresholds",
    "not_empty",
)

CHECKS: tuple[Check, ...] = tuple(
    cast(Check, importlib.import_module(f"playbook.checks.{name}")) for name in _MODULES
)
"""Every consistency check, in the order they run."""

STRUCTURAL: dict[str, str] = {
    "io": "The file or folder cannot be read.",
    "yaml-encoding": "The file is not UTF-8 text: another encoding, UTF-16, a NUL byte; "
    "a byte order mark is a warning.",
    "yaml-syntax": "The file is not valid YAML, is empty, holds several documents, "
    "or uses a list or mapping as a key. Tabs for indentation are named as such.",
    "yaml-limit": "The file is larger than 4 MiB or nests deeper than 64 levels.",
    "yaml-duplicate-key": "A key appears twice in one mapping (YAML would keep only the last).",
    "yaml-alias": "Anchors and aliases are refused: they hide repetition and can expand "
    "a small file into millions of nodes.",
    "yaml-tag": "Explicit tags (!!python/object, !!binary, ...) are refused; only !!str is allowed.",
    "duplicate-section": "In a playbook folder, a top-level section defined in two files.",
    "unknown-key": "A key the format does not define, with the closest known key suggested.",
    "missing-key": "A required key is missing; the problem points at the mapping that lacks it.",
    "invalid-value": "A value of the wrong type or form: text where a number is expected, "
    "an unknown choice, a malformed duration, quantity, date or id.",
    "too-many-problems": "More problems than are reported in one run.",
    "check-config": "A check id in the 'checks' section or in a '# playbook: disable=' comment "
    "that no check has, or that keeps the playbook usable by the API and cannot be relaxed.",
}
"""Ids of the problems found while reading and building the model."""


def describe(check: Check | ModuleType) -> str:
    """The first paragraph of a check's docstring: its one-line description."""
    doc = (check.__doc__ or "").strip()
    return " ".join(doc.split("\n\n", 1)[0].split())


LOCKED = frozenset({"unique-ids", "references", "matrix-coverage", "template-fields"})
"""Checks the response API relies on (lookups by id, every matrix cell, every placeholder):
they cannot be turned off, made warnings, or silenced on a line."""

CONFIG_ID = "check-config"


def run_checks(playbook: Playbook, where: SourceMap) -> list[Problem]:
    """Run every check on ``playbook`` and locate each finding with ``where``.

    The playbook's ``checks`` section turns checks off or changes their
    severity; a ``# playbook: disable=check-id`` comment silences a check on
    its own line. An unknown check id in either, or one of :data:`LOCKED`, is
    a ``check-config`` error.
    """
    known = {check.ID for check in CHECKS}
    problems = list(_config_problems(playbook, where, known))
    for check in CHECKS:
        level = check.SEVERITY if check.ID in LOCKED else playbook.checks.get(check.ID, check.SEVERITY)
        if level == "off":
            continue
        for finding in check.check(playbook):
            (path, line, column), _ = where.locate(finding.loc, key=finding.key)
            silenced = where.disabled.get((path, line))
            if silenced is not None and check.ID in silenced[1] and check.ID not in LOCKED:
                continue
            message = finding.message
            if finding.first is not None:
                (other, first_line, _), _ = where.locate(finding.first)
                message += (
                    f" (first at line {first_line})" if other == path else f" (first at {other}:{first_line})"
                )
            problems.append(Problem(path, line, column, level, check.ID, message))
    return problems


def _config_problems(playbook: Playbook, where: SourceMap, known: set[str]) -> Iterator[Problem]:
    listing = ", ".join(sorted(known))

    def trouble(check_id: str) -> str | None:
        if check_id not in known:
            return f"unknown check '{check_id}' (checks: {listing})"
        if check_id in LOCKED:
            return f"check '{check_id}' keeps the playbook usable by the API; it cannot be relaxed"
        return None

    for check_id, level in playbook.checks.items():
        message = trouble(check_id)
        if message is not None and (check_id not in known or level != "error"):
            (path, line, column), _ = where.locate(("checks", check_id), key=True)
            yield Problem(path, line, column, "error", CONFIG_ID, message)
    for (path, line, column), ids in where.disabled.values():
        for check_id in sorted(ids):
            message = trouble(check_id)
            if message is not None:
                yield Problem(path, line, column, "error", CONFIG_ID, message)
