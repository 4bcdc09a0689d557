"""The response workflow: phases of numbered steps with owners."""

from __future__ import annotations

from typing import Annotated

from pydantic import Field

from playbook.model.base import Id, Identity, Looser, Name, Node, NotEmpty, Owners, Text, Timing

__all__ = ["Phase", "Step"]


class Step(Node):
    """A numbered step of a workflow phase."""

    id: Annotated[Id, Identity("step")]
    action: Text
    owner: Owners
    within: Annotated[Timing | None, Looser("longer")] = Field(None, description="A deadline for the step.")


class Phase(Node):
    """A phase of the response workflow, in order."""

    id: Annotated[Id, Identity("phase")]
    name: Annotated[Text, Name()]
    label: Annotated[Text | None, Name()] = None
    goal: Text | None = Field(None, description="The phase in a few words, for the overview.")
    steps: Annotated[tuple[Step, ...], NotEmpty("phase '{id}' has no steps"), Looser("removal")] = ()
