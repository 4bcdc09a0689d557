"""What a check is: a module with an id, a default severity, and a ``check`` that yields findings.

Also what several checks share: :class:`Covers`, the incidents each ``when`` applies to.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from typing import Protocol

from playbook.model import Playbook
from playbook.model.when import When
from playbook.problems import Level
from playbook.source import Loc

__all__ = ["Check", "Cover", "Covers", "Finding"]


@dataclass(frozen=True)
class Finding:
    """A problem at ``loc`` (a path of keys and indexes into the YAML document)."""

    loc: Loc
    message: str
    key: bool = False
    first: Loc | None = None
    """Where the thing this finding repeats or contradicts stands; its line is added to the message."""


class Check(Protocol):
    """What a check module provides.

    ``ID`` is stable and documented; ``SEVERITY`` is the default level;
    ``RELAXABLE`` is false for the checks the response API relies on (lookups
    by id, every matrix cell, every placeholder): those cannot be turned off,
    made warnings, or silenced on a line.
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
