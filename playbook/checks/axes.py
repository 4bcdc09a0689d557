"""The levels of an axis run from most to least severe, and their bands follow.

The levels of each axis of the classification are listed most severe first:
a level never names a more severe severity than the level before it. Their
bands move one way along that order, all rising or all falling (more users
affected is more severe; so is lower availability), so that severity never
falls as a measurement grows worse. A level without an id or a name that
repeats an earlier one of its axis word for word (same severity, description
and band) is reported: it says nothing new.
"""

from __future__ import annotations

import math
from collections.abc import Iterator

from playbook.checks.base import Finding
from playbook.model import Playbook
from playbook.model.classification import Axis, Band
from playbook.problems import Level
from playbook.source import Loc

ID = "axes"
SEVERITY: Level = "error"
RELAXABLE = True
PARTIAL: tuple[Loc, ...] = (("classification",), ("severities",))


def check(playbook: Playbook) -> Iterator[Finding]:
    rank = {s.id: n for n, s in enumerate(playbook.severities)}
    for index, axis in enumerate(playbook.classification.axes):
        loc: Loc = ("classification", "axes", index)
        yield from _order(axis, loc, rank)
        yield from _bands(axis, loc)
        seen: dict[object, int] = {}
        for n, level in enumerate(axis.levels):
            if level.id is not None or level.name is not None:
                continue  # a repeated id or name is a `unique-ids` or `ambiguous-names` error
            key = (level.severity, level.description, level.band)
            if key in seen:
                yield Finding(
                    (*loc, "levels", n),
                    f"this level of axis '{axis.id}' repeats an earlier one: remove it",
                    first=(*loc, "levels", seen[key]),
                )
            else:
                seen[key] = n


def _order(axis: Axis, loc: Loc, rank: dict[str, int]) -> Iterator[Finding]:
    previous: str | None = None
    for n, level in enumerate(axis.levels):
        if level.severity not in rank:
            continue  # a references error
        if previous is not None and rank[level.severity] < rank[previous]:
            yield Finding(
                (*loc, "levels", n, "severity"),
                f"{level.severity} is more severe than {previous}, rated by the level before it: "
                f"the levels of axis '{axis.id}' are listed most severe first",
            )
        else:
            previous = level.severity


def _position(band: Band) -> tuple[float, float]:
    low = -math.inf if band.from_ is None else band.from_.base
    high = math.inf if band.to is None else band.to.base
    return low, high


def _bands(axis: Axis, loc: Loc) -> Iterator[Finding]:
    # Bands in another unit than the first are a `bands` error, and are left out here.
    banded = [(n, level.band) for n, level in enumerate(axis.levels) if level.band is not None]
    if not banded:
        return
    unit = banded[0][1].dimension
    direction = 0
    previous: tuple[float, float] | None = None
    for n, band in banded:
        if band.dimension != unit:
            continue
        here = _position(band)
        if previous is not None and here != previous:
            step = 1 if here > previous else -1
            if direction == 0:
                direction = step
            elif step != direction:
                way = "rise" if direction > 0 else "fall"
                yield Finding(
                    (*loc, "levels", n, "band"),
                    f"the bands of axis '{axis.id}' {way} from one level to the next, and turn back here: "
                    "as severity falls, the bands move one way",
                )
                continue
        previous = here
