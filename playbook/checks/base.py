"""What a check is: a module with an id, a default severity, and a ``check`` that yields findings.

Also what several checks share: :class:`Covers`, the incidents each ``when`` applies to.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field
from typing import Protocol

from playbook.model import Playbook
from playbook.model.when import When
from playbook.problems import Level
from playbook.source import Loc

__all__ = ["Check", "Cover", "Covers", "Finding", "LeftOut"]


@dataclass(frozen=True)
class Finding:
    """A problem at ``loc`` (a path of keys and indexes into the YAML document)."""

    loc: Loc
    message: str
    key: bool = False
    first: Loc | None = None
    """Where the thing this finding repeats or contradicts stands; its line is added to the message."""


@dataclass(frozen=True)
class LeftOut:
    """What a partial model leaves out: the parts of a playbook with read errors that hold them.

    ``parts``: each part left out, as the position (in the partial model) of
    the list, mapping or model that lost it, and its index or key there;
    ``ids``: the ids those parts declared, by kind; ``unsure``: the kinds of
    which a part left out had an id that could not be read.
    """

    parts: tuple[tuple[Loc, str | int], ...] = ()
    ids: Mapping[str, frozenset[str]] = field(default_factory=dict)
    unsure: frozenset[str] = frozenset()

    def touches(self, section: Loc) -> bool:
        """Whether a part left out lies in ``section``, or holds it."""
        for container, key in self.parts:
            path = (*container, key)
            if path[: len(section)] == section or section[: len(path)] == path:
                return True
        return False

    def shrank(self, loc: Loc) -> bool:
        """Whether the collection at ``loc`` lost an item, or the model holding it lost a part."""
        return any(container in (loc, loc[:-1]) for container, _ in self.parts)


class Check(Protocol):
    """What a check module provides.

    ``ID`` is stable and documented; ``SEVERITY`` is the default level;
    ``RELAXABLE`` is false for the checks the response API relies on (lookups
    by id, every matrix cell, every placeholder): those cannot be turned off,
    made warnings, or silenced on a line.

    A playbook with read errors is checked on a partial model, built from
    what is left once the parts holding them are left out. A check runs on it
    only when it says how, so that it reports nothing the parts left out would
    contradict: ``PARTIAL``, the sections whose loss could mislead it (``()``:
    none; it runs unless a part of one of them was left out), or a
    ``check_partial(playbook, left_out)`` that accounts for the parts left out
    itself. A check that says neither does not run on a partial model.
    """

    ID: str
    SEVERITY: Level
    RELAXABLE: bool

    def check(self, playbook: Playbook) -> Iterator[Finding]:
        """Yield every finding in ``playbook``."""
        ...


@dataclass(frozen=True)
class Cover:
    """The incidents something applies to.

    ``severities`` is a bit mask (bit ``i``: the ``i``-th severity);
    ``types`` the incident types (``None``: any incident, typed or not).
    """

    severities: int
    types: frozenset[str] | None = None

    def __and__(self, other: Cover) -> Cover:
        if self.types is None or other.types is None:
            types = self.types if other.types is None else other.types
        else:
            types = self.types & other.types
        return Cover(self.severities & other.severities, types)

    @property
    def empty(self) -> bool:
        """Whether no incident is covered."""
        return not self.severities or self.types == frozenset()


class Covers:
    """Which incidents each ``when`` of a playbook covers, with severity sets as bit masks.

    A mask costs one machine word per 64 severities, so checks that compare
    conditions stay linear in the file for any realistic number of levels.
    """

    def __init__(self, playbook: Playbook) -> None:
        self.ids = tuple(s.id for s in playbook.severities)
        self.bit = {severity_id: 1 << n for n, severity_id in enumerate(self.ids)}
        self.all = (1 << len(self.ids)) - 1
        self.groups: dict[str, int] = {}
        for group in playbook.severity_groups:
            mask = 0
            for severity_id in group.severities:
                mask |= self.bit.get(severity_id, 0)
            self.groups.setdefault(group.id, mask)

    def of(self, when: When | None) -> Cover:
        """The incidents ``when`` covers (no ``when``: every incident)."""
        if when is None:
            return Cover(self.all)
        return Cover(self.severities(when), frozenset(when.incident_type) if when.incident_type else None)

    def severities(self, when: When | None) -> int:
        """The severities ``when`` covers, ignoring incident types."""
        if when is None or not (when.severity or when.group):
            return self.all
        mask = 0
        for severity_id in when.severity:
            mask |= self.bit.get(severity_id, 0)
        for group_id in when.group:
            mask |= self.groups.get(group_id, 0)
        return mask

    def names(self, mask: int, most: int = 4) -> str:
        """The ids of the severities in ``mask``, in the playbook's order: ``P1, P2, ...``."""
        found: list[str] = []
        while mask and len(found) <= most:
            lowest = mask & -mask
            found.append(self.ids[lowest.bit_length() - 1])
            mask ^= lowest
        return ", ".join(found[:most]) + (", ..." if len(found) > most else "")
