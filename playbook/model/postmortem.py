"""The postmortem: when the review meets, and the report template."""

from __future__ import annotations

from typing import Annotated, Literal

from pydantic import Field, StrictBool

from playbook.model.base import Id, Identity, Looser, Node, NotEmpty, Text
from playbook.units import Duration

__all__ = ["Postmortem", "PostmortemField", "PostmortemSection"]


class PostmortemField(Node):
    """A header field of the postmortem template (``**Date**: YYYY-MM-DD``)."""

    id: Annotated[Id, Identity("postmortem field")]
    """The field's id."""
    name: Text
    """The field's name, as the report's header shows it (Date, Severity)."""
    placeholder: Text | None = None
    """What the template shows until the field is filled (YYYY-MM-DD)."""
    source: Literal["severity"] | None = Field(
        None, description="'severity': the placeholder lists the playbook's severities."
    )


class PostmortemSection(Node):
    """A section of the postmortem template, with its Markdown body."""

    id: Annotated[Id, Identity("postmortem section")]
    """The section's id."""
    title: Text
    """The section's heading in the report."""
    body: Text
    """The section's template text, in Markdown; [brackets] mark what to fill in."""
    required: Annotated[StrictBool, Looser("order", order=("True", "False"))] = True
    """Whether a report must fill this section."""


class Postmortem(Node):
    """The postmortem: when the review meets, and the report template."""

    meeting_within: Annotated[Duration, Looser("longer")]
    title: Text | None = Field(
        None, description="The report's title; [brackets] mark where the incident's title goes."
    )
    fields: tuple[PostmortemField, ...] = ()
    """The report's header fields."""
    sections: Annotated[
        tuple[PostmortemSection, ...], NotEmpty("the postmortem template has no sections"), Looser("removal")
    ] = ()
    """The report's sections, in order."""
