"""The postmortem: which incidents need one, by when, the review meeting and the report template."""

from __future__ import annotations

from typing import Annotated, Literal

from pydantic import Field, StrictBool

from playbook.model.base import Id, Identity, Looser, Node, NotEmpty, SpanValue, Text
from playbook.model.when import When

__all__ = ["Postmortem", "PostmortemDue", "PostmortemField", "PostmortemSection", "PostmortemStatus"]


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
    """A section of the postmortem template, with its Markdown body and any subsections."""

    id: Annotated[Id, Identity("postmortem section")]
    """The section's id."""
    title: Text
    """The section's heading in the report."""
    body: Text | None = None
    """The section's template text, in Markdown; [brackets] mark what to fill in."""
    required: Annotated[StrictBool, Looser("order", order=("True", "False"))] = True
    """Whether a report must fill this section."""
    sections: Annotated[tuple[PostmortemSection, ...], Looser("removal")] = ()
    """Subsections, in order (format 2)."""


class PostmortemDue(Node):
    """When the postmortem report is due for some severities: ``{when: {severity: SEV-2}, within: 5bd}``."""

    when: When | None = None
    """The severities (or groups) this deadline is for; all when absent."""
    within: Annotated[SpanValue, Looser("longer")]
    """How long after ``after``: a duration or business time (5bd)."""
    after: Id = "resolved"
    """The event the deadline counts from: resolved (the default), or another event."""


class PostmortemStatus(Node):
    """A status of the postmortem report's lifecycle (draft, in review, published)."""

    id: Annotated[Id, Identity("postmortem status")]
    """The status's id."""
    name: Text
    """The status's name."""
    description: Text | None = None
    """What the status means."""


class Postmortem(Node):
    """The postmortem: which incidents need one, by when, the review meeting, and the report template."""

    meeting_within: Annotated[SpanValue | None, Looser("longer")] = None
    """How soon after resolution the review meets (required in format 1)."""
    required: When | None = None
    """The incidents that need a postmortem; all when absent (format 2)."""
    due: Annotated[tuple[PostmortemDue, ...], Looser("removal")] = ()
    """When the report is due, per severity or group (format 2)."""
    statuses: tuple[PostmortemStatus, ...] = ()
    """The report's lifecycle, in order (format 2)."""
    title: Text | None = Field(
        None, description="The report's title; [brackets] mark where the incident's title goes."
    )
    fields: tuple[PostmortemField, ...] = ()
    """The report's header fields."""
    sections: Annotated[
        tuple[PostmortemSection, ...],
        NotEmpty("the postmortem template has no sections", format=1),
        Looser("removal"),
    ] = ()
    """The report's sections, in order."""
