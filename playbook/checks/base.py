"""What a check is: a module with an id, a default severity, and a ``check`` that yields findings."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from typing import Protocol

from playbook.model import Playbook
from playbook.problems import Level
from playbook.source import Loc

__all__ = ["Check", "Finding"]


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
