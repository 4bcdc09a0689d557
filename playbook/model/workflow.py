"""The response workflow: phases of numbered steps with owners."""

from __future__ import annotations

from typing import Annotated

from pydantic import Field

from playbook.model.base import Id, Identity, Looser, Name, Node, NotEmpty, Owners, Text, Timing
from playbook.model.timing import Deadline
from playbook.model.when import When

__all__ = ["Phase", "Step"]


class Step(Node):
    """A numbered step of a workflow phase."""

    id: Annotated[Id, Identity("step")]
    """The step's number, such as 3.2."""
    action: Text
    """What to do."""
    owner: Owners
    """Who does it: a role id, or a list of role ids."""
    within: Annotated[Timing | None, Looser("longer")] = Field(None, description="A deadline for the step.")
    deadline: Deadline | None = None
    """A deadline relative to an event, such as 5m after first-communication (format 2)."""
    when: When | None = None
    """The step applies only to these severities, groups or incident types (format 2)."""


class Phase(Node):
    """A phase of the response workflow, in order."""

    id: Annotated[Id, Identity("phase")]
    """The phase's id, such as contain."""
    name: Annotated[Text, Name()]
    """The phase's name, such as Contain."""
    label: Annotated[Text | None, Name()] = None
    """A short label shown with the name, such as 止损."""
    goal: Text | None = Field(None, description="The phase in a few words, for the overview.")
    steps: Annotated[tuple[Step, ...], NotEmpty("phase '{id}' has no steps"), Looser("removal")] = ()
    """The phase's numbered steps, in order."""
    when: When | None = None
    """The phase applies only to these severities, groups or incident types (format 2)."""
