"""Severity levels and their targets."""

from __future__ import annotations

from typing import Annotated

from pydantic import Field

from playbook.model.base import Id, Identity, Looser, Node, Ref, Target, Text
from playbook.model.timing import Cadence
from playbook.units import Duration

__all__ = ["ALWAYS", "Severity"]

_LONGER = Looser("longer")
ALWAYS = "24x7"
"""The coverage of a level that is worked at any hour."""


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
    respond_within: Annotated[Target, _LONGER]
    """How soon a responder must acknowledge: a duration (15m), business time (1bd), or none."""
    resolve_within: Annotated[Target, _LONGER]
    """How soon the incident must be resolved or mitigated: a duration, business time, or none."""
    resolution: Text | None = Field(
        None, description="What must happen within resolve_within, such as 止损或回滚."
    )
    escalation: Text | None = None
    """Who is told when this severity is declared."""
    update_every: Annotated[Duration | None, _LONGER] = Field(None, description="Status update cadence.")
    updates: Annotated[tuple[Cadence, ...], Looser("cadence")] = ()
    """A status update cadence that changes over time or with the incident's state (format 2)."""
    commander: Text | None = Field(None, description="Who takes the Incident Commander role.")
    lead: Annotated[Id | None, Ref("role")] = None
    """The role that leads incidents of this level, when not the playbook's ``lead`` (format 2)."""
    coverage: Annotated[Id, Looser("coverage"), Ref("calendar", unless=ALWAYS)] = ALWAYS
    """When the level is worked: 24x7, or a calendar's id (its working hours only; format 2)."""
    response: tuple[Text, ...] = ()
    """What responders typically do at this level, in the playbook's words."""
