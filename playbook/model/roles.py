"""Roles: who owns steps, decisions and messages."""

from __future__ import annotations

from typing import Annotated

from playbook.model.base import Id, Identity, Node, Ref, Text
from playbook.model.when import When

__all__ = ["Role"]


class Role(Node):
    """Someone who owns steps or decisions."""

    id: Annotated[Id, Identity("role")]
    """The role's id, as owners refer to it."""
    name: Text
    """The role's name, as readers see it."""
    description: Text | None = None
    """What the role does during an incident."""
    rotation: Text | None = None
    """The on-call schedule that staffs the role (format 2)."""
    fallback: Annotated[Id | None, Ref("role")] = None
    """The role that steps in when this one cannot be reached (format 2)."""
    when: When | None = None
    """The role is engaged only for these severities, groups or incident types (format 2)."""
