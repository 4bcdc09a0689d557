"""Every measurement on an axis falls in exactly one band.

An axis of the classification whose levels carry bands lets ``classify``
take a measurement (``users_affected="37%"``). So, within one axis: every
band is in one unit (percentages, times or counts); no two bands overlap,
since a measurement in both would be rated by whichever comes first; and no
gap is left between the lowest band and the highest, where a measurement
would be refused. A band holds its ``from`` and not its ``to``, so a top band
of percentages that ends at ``to: 100%`` leaves 100% itself out: leave
``to`` off instead.

A level without a band is rated by its id or name only. That is allowed next
to banded levels: a source may rate some levels by measurement and tell
others apart by kind (under 5% of users: a broad inconvenience or a minimal
one), and the bands alone still rate every measurement once.
"""

from __future__ import annotations

import math
from collections.abc import Iterator

from playbook.checks.base import Finding
from playbook.model import Playbook
from playbook.model.classification import Axis, Band
from playbook.problems import Level
from playbook.source import Loc
from playbook.units import Quantity

ID = "bands"
SEVERITY: Level = "error"
RELAXABLE = False
PARTIAL: tuple[Loc, ...] = (("classification",),)

UNITS = {"%": "percentages", "s": "times", "": "counts"}
"""How each kind of band is named in messages."""
_WHOLE = Quantity(100, "%")


def check(playbook: Playbook) -> Iterator[Finding]:
    for index, axis in enumerate(playbook.classification.axes):
        yield from _axis(axis, ("classification", "axes", index))


def _axis(axis: Axis, loc: Loc) -> Iterator[Finding]:
    banded = [(n, level.band) for n, level in enumerate(axis.levels) if level.band is not None]
    if not banded:
        return
    first, unit = banded[0][0], banded[0][1].dimension
    same: list[tuple[int, Band]] = []
    for n, band in banded:
        if band.dimension == unit:
            same.append((n, band))
        else:
            yield Finding(
                (*loc, "levels", n, "band"),
                f"a band of {UNITS[band.dimension]} on axis '{axis.id}', whose first band "
                f"measures {UNITS[unit]}: one axis measures in one unit",
                first=(*loc, "levels", first, "band"),
            )
    yield from _coverage(axis, loc, same)


def _low(band: Band) -> float:
    return -math.inf if band.from_ is None else band.from_.base


def _high(band: Band) -> float:
    return math.inf if band.to is None else band.to.base


def _coverage(axis: Axis, loc: Loc, bands: list[tuple[int, Band]]) -> Iterator[Finding]:
    # Sorted by where they start; each band is compared with the one that reaches highest so far.
    top: tuple[int, Band] | None = None
    for n, band in sorted(bands, key=lambda item: (_low(item[1]), item[0])):
        if top is not None:
            k, reaching = top
            if _low(band) < _high(reaching):
                (later, mine), (earlier, theirs) = sorted(((n, band), (k, reaching)), key=lambda i: -i[0])
                yield Finding(
                    (*loc, "levels", later, "band"),
                    f"bands {_text(mine)} and {_text(theirs)} of axis '{axis.id}' overlap: "
                    "a measurement in both would be rated by the one listed first",
                    first=(*loc, "levels", earlier, "band"),
                )
            elif _low(band) > _high(reaching):
                yield Finding(
                    (*loc, "levels", n, "band", "from"),
                    f"no band of axis '{axis.id}' holds {reaching.to} up to {band.from_}: "
                    "classify would refuse such a measurement",
                )
        if top is None or _high(band) > _high(top[1]):
            top = (n, band)
    if top is not None and top[1].to == _WHOLE:
        yield Finding(
            (*loc, "levels", top[0], "band", "to"),
            f"'to' is exclusive, so 100% itself falls in no band of axis '{axis.id}': leave 'to' off",
        )


def _text(band: Band) -> str:
    low = "" if band.from_ is None else str(band.from_)
    high = "" if band.to is None else str(band.to)
    return f"{low}-{high}" if low and high else f"from {low}" if low else f"below {high}"
