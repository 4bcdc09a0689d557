"""Applicability: one ``when:`` for every part of a playbook that applies only sometimes.

``when`` names severities, severity groups and incident types. A severity
matches when it is listed or belongs to a listed group; an incident matches
when its severity matches (or none is listed) and its type is listed (or none
is). ``when`` is allowed on phases, steps, communication rules, roles,
escalations and the postmortem requirement.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import Annotated

from pydantic import BeforeValidator, Field, WithJsonSchema, model_validator

from playbook.model.base import ID_SCHEMA, Id, Identity, Node, Ref, Text, one_or_many

__all__ = ["BUILTIN_EVENTS", "Event", "Group", "IncidentType", "State", "When"]


def _ids(what: str) -> WithJsonSchema:
    return WithJsonSchema(
        {
            "anyOf": [ID_SCHEMA, {"type": "array", "items": ID_SCHEMA}],
            "description": f"One {what} id, or a list.",
        }
    )


SeverityIds = Annotated[
    tuple[Annotated[Id, Ref("severity")], ...], BeforeValidator(one_or_many), _ids("severity")
]
GroupIds = Annotated[
    tuple[Annotated[Id, Ref("severity group")], ...],
    BeforeValidator(one_or_many),
    _ids("severity group"),
]
TypeIds = Annotated[
    tuple[Annotated[Id, Ref("incident type")], ...],
    BeforeValidator(one_or_many),
    _ids("incident type"),
]


class When(Node):
    """When something applies: to some severities or groups of them, and to some incident types."""

    severity: SeverityIds = ()
    """Only for these severities (one id or a list); with ``group``, either matches."""
    group: GroupIds = ()
    """Only for the severities of these groups (one group id or a list)."""
    incident_type: TypeIds = ()
    """Only for incidents of these types (one id or a list)."""
    any: tuple[When, ...] = ()
    """Alternatives, at least one of which must hold: ``[{incident_type: security}, {group: major}]``."""

    @model_validator(mode="after")
    def _says_something(self) -> When:
        if not (self.severity or self.group or self.incident_type or self.any):
            raise ValueError("'when' names at least one of 'severity', 'group', 'incident_type' or 'any'")
        return self

    def matches_severity(self, severity: str, groups: Mapping[str, Iterable[str]]) -> bool:
        """Whether an incident of ``severity`` is covered, ignoring incident types."""
        if not (self.severity or self.group):
            return True
        return severity in self.severity or any(severity in groups.get(g, ()) for g in self.group)

    def matches(self, severity: str, groups: Mapping[str, Iterable[str]], incident_type: str | None) -> bool:
        """Whether an incident of ``severity`` and ``incident_type`` (None: none) is covered."""
        if not self.matches_severity(severity, groups):
            return False
        if self.incident_type and incident_type not in self.incident_type:
            return False
        return not self.any or any(other.matches(severity, groups, incident_type) for other in self.any)


class Group(Node):
    """A named group of severities, such as ``major: [SEV-1, SEV-2]``."""

    id: Annotated[Id, Identity("severity group")]
    """The group's id, as ``when: {group: ...}`` names it."""
    name: Text | None = None
    """The group's name, as readers see it (Major incident)."""
    severities: tuple[Annotated[Id, Ref("severity")], ...] = Field(min_length=1)
    """The severities of the group."""
    description: Text | None = None
    """What the group means in the playbook's words."""


class IncidentType(Node):
    """A kind of incident that changes the response, such as ``security`` or ``data-breach``."""

    id: Annotated[Id, Identity("incident type")]
    """The type's id, as ``when: {incident_type: ...}`` names it."""
    name: Text
    """The type's name."""
    description: Text | None = None
    """What makes an incident of this type."""


class State(Node):
    """A state an incident passes through (Investigating, Identified, Monitoring, ...)."""

    id: Annotated[Id, Identity("state")]
    """The state's id, as cadences and escalations name it."""
    name: Text
    """The state's name, as a status page shows it."""
    description: Text | None = None
    """What the state means."""


BUILTIN_EVENTS = ("declared", "acknowledged", "mitigated", "resolved")
"""Events every incident has; a playbook may declare more in ``events``."""


class Event(Node):
    """Something that happens in an incident, that deadlines can count from or to."""

    id: Annotated[Id, Identity("event")]
    """The event's id, such as first-communication or postmortem-meeting."""
    name: Text
    """The event's name, as readers see it."""
    description: Text | None = None
    """When the event happens."""
