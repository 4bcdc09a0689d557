"""Numbered steps follow the phase order.

A step id of the form ``N.M`` is the M-th step of the N-th phase: ``3.2`` is
the second step of the third phase. Step ids of any other form are not
checked, so a playbook may name its steps instead.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from playbook.checks.base import Finding
from playbook.model import Playbook
from playbook.problems import Level
from playbook.source import Loc

ID = "step-numbering"
SEVERITY: Level = "error"
RELAXABLE = True
PARTIAL: tuple[Loc, ...] = (("workflow",),)

_NUMBERED = re.compile(r"\d+\.\d+")


def check(playbook: Playbook) -> Iterator[Finding]:
    for p, phase in enumerate(playbook.workflow, start=1):
        for s, step in enumerate(phase.steps, start=1):
            expected = f"{p}.{s}"
            if _NUMBERED.fullmatch(step.id) and step.id != expected:
                yield Finding(
                    ("workflow", p - 1, "steps", s - 1, "id"),
                    f"step '{step.id}' is step {s} of phase {p} ('{phase.id}'): number it '{expected}'",
                )
