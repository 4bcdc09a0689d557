"""Related documents: runbooks and procedures the playbook refers to."""

from __future__ import annotations

from typing import Annotated

from playbook.model.base import Id, Identity, Node, Text

__all__ = ["Document"]


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
