"""Severity targets are ordered.

Severities are listed most severe first, so a more severe level never has a
longer ``respond_within``, ``resolve_within`` or ``update_every`` than the
level after it. Within one level, the response comes no later than the
resolution, and status updates are due at least once before the resolution
target.
"""

from __future__ import annotations

from collections.abc import Iterator

from playbook.checks.base import Finding
from playbook.model import Playbook
from playbook.problems import Level
from playbook.units import format_duration

ID = "severity-order"
SEVERITY: Level = "error"
RELAXABLE = True

_TARGETS = ("respond_within", "resolve_within", "update_every")


def check(playbook: Playbook) -> Iterator[Finding]:
    levels = playbook.severities
    for index, severity in enumerate(levels):
        loc = ("severities", index)
        if severity.respond_within > severity.resolve_within:
            yield Finding(
                (*loc, "respond_within"),
                f"{severity.id} respond_within {format_duration(severity.respond_within)} is longer "
                f"than its resolve_within {format_duration(severity.resolve_within)}",
            )
        if severity.update_every is not None and severity.update_every > severity.resolve_within:
            yield Finding(
                (*loc, "update_every"),
                f"{severity.id} update_every {format_duration(severity.update_every)} is longer "
                f"than its resolve_within {format_duration(severity.resolve_within)}",
            )
        if index == 0:
            continue
        previous = levels[index - 1]
        for target in _TARGETS:
            mine, theirs = getattr(severity, target), getattr(previous, target)
            if mine is not None and theirs is not None and theirs > mine:
                yield Finding(
                    (*loc, target),
                    f"{severity.id} {target} {format_duration(mine)} is shorter than "
                    f"{previous.id}'s {format_duration(theirs)}, but {previous.id} is more severe",
                )
