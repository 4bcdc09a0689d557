"""Roles, metrics and related documents: the things other sections name by id."""

from __future__ import annotations

from typing import Annotated, Literal

from pydantic import Field

from playbook.model.base import Id, Identity, Node, Text

__all__ = ["Document", "Metric", "Role"]


class Role(Node):
    """Someone who owns steps or decisions."""

    id: Annotated[Id, Identity("role")]
    """The role's id, as owners refer to it."""
    name: Text
    """The role's name, as readers see it."""
    description: Text | None = None
    """What the role does during an incident."""


class Metric(Node):
    """A measured quantity that alerts and rollback rules compare against thresholds."""

    id: Annotated[Id, Identity("metric")]
    """The metric's id, as alerts and rules refer to it."""
    name: Text
    """The metric's name."""
    label: Text | None = Field(None, description="How the playbook's text names the metric.")
    unit: Literal["%", "s", "ms", ""] = ""
    """The unit its thresholds are in: %, s, ms, or empty for a count."""
    description: Text | None = None
    """What the metric measures and where it comes from."""


class Document(Node):
    """A related document. ``path: TBD`` marks a document that does not exist yet."""

    id: Annotated[Id, Identity("related document")]
    """The document's id, as procedure steps refer to it."""
    title: Text
    """The document's title."""
    path: Text
    """Where the document is (a path or an address); TBD marks one still to be written."""
    purpose: Text | None = None
    """What the document is for."""

    @property
    def is_gap(self) -> bool:
        """True when the document is still to be written (``path: TBD``)."""
        return self.path.strip().upper() == "TBD"
