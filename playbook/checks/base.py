"""What a check is: a module with an id, a default severity, and a ``check`` that yields findings."""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field
from typing import Protocol

from playbook.model import Playbook
from playbook.problems import Level
from playbook.source import Loc

__all__ = ["Check", "Finding", "LeftOut"]


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
