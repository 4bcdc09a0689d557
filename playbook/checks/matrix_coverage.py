"""The matrix has a cell for every reach × impact pair.

Every reach level has a row and every row has a cell for every impact level,
so that any incident can be classified. Rows and cells that name levels the
classification does not define are reported by ``references``; a cell given
twice is a ``yaml-duplicate-key``.
"""

from __future__ import annotations

from collections.abc import Iterator

from playbook.checks.base import Finding
from playbook.model import Playbook
from playbook.problems import Level
from playbook.source import Loc

ID = "matrix-coverage"
SEVERITY: Level = "error"
RELAXABLE = False
PARTIAL: tuple[Loc, ...] = (("classification",),)


def check(playbook: Playbook) -> Iterator[Finding]:
    cls = playbook.classification
    if cls.kind != "matrix":
        return
    for reach in cls.reach:
        row = cls.matrix.get(reach.id)
        if row is None:
            yield Finding(("classification", "matrix"), f"no row for reach '{reach.id}'")
            continue
        missing = [impact.id for impact in cls.impact if impact.id not in row]
        if missing:
            yield Finding(
                ("classification", "matrix", reach.id),
                f"row '{reach.id}' has no cell for impact {', '.join(repr(m) for m in missing)}",
            )
