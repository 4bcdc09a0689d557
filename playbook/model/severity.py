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
    name: Text
    label: Text | None = None
    impact: Text | None = Field(None, description="What an incident of this level does to users.")
    examples: tuple[Text, ...] = ()
    respond_within: Annotated[Duration, _LONGER]
    resolve_within: Annotated[Duration, _LONGER]
    resolution: Text | None = Field(
        None, description="What must happen within resolve_within, such as 止损或回滚."
    )
    escalation: Text | None = None
    update_every: Annotated[Duration | None, _LONGER] = Field(None, description="Status update cadence.")
    commander: Text | None = Field(None, description="Who takes the Incident Commander role.")
