"""Severity levels and their targets."""

from __future__ import annotations

from typing import Annotated

from pydantic import Field

from playbook.model.base import Id, Identity, Looser, Node, Text
from playbook.units import Duration

__all__ = ["Severity"]

_LONGER = Looser("longer")


class Severity(Node):
    """A severity level, with its response and resolution targets."""

    id: Annotated[Id, Identity("severity")]
    """The severity's id, such as P0 or SEV-1."""
    name: Text
    """The severity's name, such as Critical."""
    label: Text | None = None
    """A short label shown with the name, such as 紧急."""
    impact: Text | None = Field(None, description="What an incident of this level does to users.")
    examples: tuple[Text, ...] = ()
    """Examples of incidents of this severity."""
    respond_within: Annotated[Duration, _LONGER]
    """How soon a responder must acknowledge (a duration such as 15m)."""
    resolve_within: Annotated[Duration, _LONGER]
    """How soon the incident must be resolved or mitigated."""
    resolution: Text | None = Field(
        None, description="What must happen within resolve_within, such as 止损或回滚."
    )
    escalation: Text | None = None
    """Who is told when this severity is declared."""
    update_every: Annotated[Duration | None, _LONGER] = Field(None, description="Status update cadence.")
    commander: Text | None = Field(None, description="Who takes the Incident Commander role.")
