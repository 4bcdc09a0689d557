"""Roles: who owns steps, decisions and messages."""

from __future__ import annotations

from typing import Annotated

from playbook.model.base import Id, Identity, Node, Text

__all__ = ["Role"]


class Role(Node):
    """Someone who owns steps or decisions."""

    id: Annotated[Id, Identity("role")]
    """The role's id, as owners refer to it."""
    name: Text
    """The role's name, as readers see it."""
    description: Text | None = None
    """What the role does during an incident."""
