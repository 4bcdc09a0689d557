"""Every severity is the result of at least one matrix cell or axis level (a warning).

A severity that no cell yields can only be chosen by hand; that is sometimes
meant (a SEV-0 declared by management), so this is a warning, not an error.
"""

from __future__ import annotations

from collections.abc import Iterator

from playbook.checks.base import Finding
from playbook.model import Playbook
from playbook.problems import Level
from playbook.source import Loc

ID = "severity-unused"
SEVERITY: Level = "warning"
RELAXABLE = True
PARTIAL: tuple[Loc, ...] = (("classification",),)


def check(playbook: Playbook) -> Iterator[Finding]:
    cls = playbook.classification
    if cls.kind == "description":
        return
    if cls.kind == "axes":
        used = {level.severity for axis in cls.axes for level in axis.levels}
    else:
        used = {value for row in cls.matrix.values() for value in row.values()}
    for index, severity in enumerate(playbook.severities):
        if severity.id not in used:
            yield Finding(
                ("severities", index, "id"),
                f"no matrix cell yields severity '{severity.id}'",
            )
