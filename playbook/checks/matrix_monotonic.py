"""Severity never falls as impact or reach grows.

With impact listed least to most and reach narrowest to widest, each cell of
the matrix is at least as severe as the cell to its left (less impact) and the
row before it (narrower reach). The cell that breaks the order is reported.
"""

from __future__ import annotations

from collections.abc import Iterator

from playbook.checks.base import Finding
from playbook.model import Playbook
from playbook.problems import Level
from playbook.source import Loc

ID = "matrix-monotonic"
SEVERITY: Level = "error"
RELAXABLE = True
PARTIAL: tuple[Loc, ...] = (("classification",), ("severities",))


def check(playbook: Playbook) -> Iterator[Finding]:
    cls = playbook.classification
    if cls.kind != "matrix":
        return
    rank = {s.id: i for i, s in enumerate(playbook.severities)}

    def cell(reach: str, impact: str) -> str | None:
        value = cls.matrix.get(reach, {}).get(impact)
        return value if value in rank else None

    impacts = [level.id for level in cls.impact]
    reaches = [level.id for level in cls.reach]
    for r, reach in enumerate(reaches):
        for i, impact in enumerate(impacts):
            here = cell(reach, impact)
            if here is None:
                continue
            neighbours = []
            if i > 0:
                neighbours.append(("impact", reach, impacts[i - 1]))
            if r > 0:
                neighbours.append(("reach", reaches[r - 1], impact))
            for axis, other_reach, other_impact in neighbours:
                before = cell(other_reach, other_impact)
                if before is not None and rank[here] > rank[before]:
                    yield Finding(
                        ("classification", "matrix", reach, impact),
                        f"{reach} × {impact} is {here}, less severe than "
                        f"{other_reach} × {other_impact} ({before}): "
                        f"severity must not fall as {axis} grows",
                    )
