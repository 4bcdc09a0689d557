"""Communication: who is told what, where and when, and the message templates."""

from __future__ import annotations

import re
import string
from collections.abc import Mapping
from typing import Annotated, Literal

from pydantic import Field

from playbook.model.base import Id, Identity, Looser, Node, Owners, Ref, Text, Timing
from playbook.model.timing import Deadline
from playbook.model.when import When
from playbook.units import Duration

__all__ = ["Communication", "ExternalRule", "InternalRule", "Template", "TemplateField"]

_PLACEHOLDER = re.compile(r"[A-Za-z0-9][A-Za-z0-9_.\-]*")


class InternalRule(Node):
    """Who is told what, on which channels, and when, inside the organisation."""

    id: Annotated[Id, Identity("internal rule")]
    """The rule's id."""
    event: Literal["start", "update", "resolved", "postmortem"]
    """When the rule applies: start, update, resolved or postmortem."""
    severity: Annotated[Id | None, Ref("severity")] = Field(
        None, description="Only for this severity; all when absent."
    )
    channels: tuple[Text, ...] = Field(min_length=1)
    """Where the message goes (chat channels, mailing lists)."""
    audience: tuple[Text, ...] = Field(min_length=1)
    """Who is told."""
    timing: Annotated[Timing | None, Looser("longer")] = None
    """When: a duration such as 30m, or immediately, per-severity, on-resolution, postmortem-meeting.

    Required in format 1; format 2 may leave it out where the playbook sets no time.
    """
    deadline: Deadline | None = None
    """A deadline relative to an event, such as 24h before postmortem-meeting (format 2)."""
    when: When | None = None
    """The rule applies only to these severities, groups or incident types (format 2)."""


class ExternalRule(Node):
    """What users are told, where, and by whom."""

    id: Annotated[Id, Identity("external rule")]
    """The rule's id."""
    scenario: Text
    """When the rule applies, in words (an outage, a degradation)."""
    channels: tuple[Text, ...] = ()
    """Where users are told (status page, in-app banner)."""
    same_channels_as: Annotated[Id | None, Ref("external rule")] = Field(
        None, description="Reuse the channels of another rule."
    )
    message: Text | None = Field(None, description="The wording shown to users.")
    content: Text | None = Field(None, description="What the communication says, when not verbatim.")
    every: Annotated[Duration | None, Looser("longer")] = None
    """How often the message is repeated while the incident lasts."""
    severities: tuple[Annotated[Id, Ref("severity")], ...] = Field(
        (), description="Only for these severities; all when empty."
    )
    owner: Owners
    """Who sends it: a role id, or a list of role ids."""
    deadline: Deadline | None = None
    """A deadline relative to an event, such as within 1h after declared (format 2)."""
    when: When | None = None
    """The rule applies only to these severities, groups or incident types (format 2)."""


class TemplateField(Node):
    """A placeholder of a message template.

    ``source: severity`` fills from the incident's severity, ``now`` from the
    time of rendering, ``next_update`` from the severity's update cadence;
    ``input`` fields are given by the caller. A value the caller gives must
    fit the source: a severity id, a time (HH:MM), or a role of the playbook
    (``source: role``, shown by its name).
    """

    id: Annotated[Id, Identity("template field", scope="parent")]
    """The placeholder's name, as {id} in the body."""
    label: Text | None = None
    """How the placeholder is shown to readers, such as 简短描述."""
    choices: tuple[Text, ...] = ()
    """The values the field may take, when it is one of a few."""
    source: Literal["input", "severity", "now", "next_update", "role"] = "input"
    """Who fills it: input (the caller), severity, now, next_update, or role (a role the caller names)."""


class Template(Node):
    """A message template; ``{field}`` in the body is replaced by a field's value."""

    id: Annotated[Id, Identity("template")]
    """The template's id."""
    name: Text
    """The template's name."""
    fields: tuple[TemplateField, ...] = ()
    """The placeholders of the body."""
    body: Text
    """The message, with {field} placeholders; {{ and }} show a brace."""

    def fill(self, values: Mapping[str, str]) -> str:
        """The body with each ``{field}`` replaced by ``values[field]``."""
        out = []
        for literal, name, _, _ in string.Formatter().parse(self.body):
            out.append(literal)
            if name is not None:
                out.append(values[name])
        # A YAML block scalar ends with a newline; a message to paste does not.
        return "".join(out).rstrip("\n")

    def placeholders(self) -> list[str]:
        """The ``{field}`` names in the body, in order; :class:`ValueError` if malformed."""
        names = []
        for _, name, spec, conversion in string.Formatter().parse(self.body):
            if name is None:
                continue
            if not name or spec or conversion or not _PLACEHOLDER.fullmatch(name):
                raise ValueError(
                    f"'{{{name}}}' is not a placeholder: write a field id in braces, "
                    "such as {summary}; double a brace ({{ or }}) to show it"
                )
            names.append(name)
        return names


class Communication(Node):
    """The communication plan: internal rules, external rules, message templates."""

    internal: Annotated[tuple[InternalRule, ...], Looser("removal")] = ()
    """Rules for telling people inside the organisation."""
    external: Annotated[tuple[ExternalRule, ...], Looser("removal")] = ()
    """Rules for telling users."""
    templates: Annotated[tuple[Template, ...], Looser("removal")] = ()
    """Message templates to fill during an incident."""
