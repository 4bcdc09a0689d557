"""Roles, metrics and related documents: the things other sections name by id."""

from __future__ import annotations

from typing import Annotated, Literal

from pydantic import Field

from playbook.model.base import Id, Identity, Node, Text

__all__ = ["Document", "Metric", "Role"]


class Role(Node):
    """Someone who owns steps or decisions."""

    id: Annotated[Id, Identity("role")]
    name: Text
    description: Text | None = None


class Metric(Node):
    """A measured quantity that alerts and rollback rules compare against thresholds."""

    id: Annotated[Id, Identity("metric")]
    name: Text
    label: Text | None = Field(None, description="How the playbook's text names the metric.")
    unit: Literal["%", "s", "ms", ""] = ""
    description: Text | None = None


class Document(Node):
    """A related document. ``path: TBD`` marks a document that does not exist yet."""

    id: Annotated[Id, Identity("related document")]
    title: Text
    path: Text
    purpose: Text | None = None

    @property
    def is_gap(self) -> bool:
        """True when the document is still to be written (``path: TBD``)."""
        return self.path.strip().upper() == "TBD"
