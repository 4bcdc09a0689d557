"""Messages: message templates filled for one incident."""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from typing import Any

from playbook.derive import template_preview
from playbook.errors import MessageError, UnknownNameError
from playbook.model import Playbook, Severity, Template, TemplateField
from playbook.model.base import spelling

__all__ = ["Message", "preview_message", "render_message"]


@dataclass(frozen=True)
class Message:
    """A filled message template: the template's id and the text to send."""

    template: str
    text: str

    def to_dict(self) -> dict[str, Any]:
        """The message as a JSON-ready mapping: ``{"template", "message"}``."""
        return {"template": self.template, "message": self.text}

    def to_text(self) -> str:
        """The text to send, ending with one newline."""
        return self.text.rstrip("\n") + "\n"


def _template(playbook: Playbook, template_id: str) -> Template:
    templates = playbook.communication.templates if playbook.communication else ()
    for template in templates:
        if template.id == template_id:
            return template
    raise UnknownNameError("template", template_id, [t.id for t in templates])


def render_message(
    playbook: Playbook,
    template_id: str,
    values: Mapping[str, str] | None = None,
    *,
    severity: str | Severity | None = None,
    now: datetime | None = None,
    **fields: str,
) -> str:
    """Fill the message template ``template_id`` with ``values`` and ``fields``.

    Fields the playbook knows fill themselves: a ``severity`` field from
    ``severity``, a ``now`` field with the time of ``now`` (default: the
    current time), a ``next_update`` field with ``now`` plus the severity's
    update cadence. ``now`` must be a timezone-aware datetime: a naive one
    raises :class:`ValueError`, anything else :class:`TypeError`. A missing,
    unknown or out-of-choice field raises :class:`MessageError` naming it.
    """
    if not isinstance(template_id, str):
        raise TypeError(f"a template is given by its id, not {type(template_id).__name__}")
    fields = {**(values or {}), **fields}
    for key, value in fields.items():
        if not isinstance(value, str):
            raise TypeError(f"field {key!r} must be text, not {type(value).__name__}")
    template = _template(playbook, template_id)
    level = None
    if severity is not None:
        level = playbook.severity(severity)
    if now is not None and not isinstance(now, datetime):
        raise TypeError(f"now must be a datetime, not {type(now).__name__}")
    if now is not None and now.utcoffset() is None:
        raise ValueError("now must be timezone-aware (a naive datetime has no UTC offset)")
    moment = now or datetime.now(UTC).astimezone()
    declared = {f.id: f for f in template.fields}
    unknown = sorted(set(fields) - set(declared))
    if unknown:
        raise MessageError(
            f"template {template_id!r} has no field {', '.join(unknown)}; its fields: {', '.join(declared)}"
        )
    filled: dict[str, str] = {}
    missing: list[str] = []
    for spec in template.fields:
        cadence = _cadence(level) if level is not None else None
        if spec.id in fields:
            value = _checked(playbook, spec, fields[spec.id])
        elif spec.source == "severity" and level is not None:
            value = level.id
        elif spec.source == "now":
            value = moment.strftime("%H:%M")
        elif spec.source == "next_update" and cadence is not None:
            value = (moment + cadence).strftime("%H:%M")
        else:
            missing.append(
                spec.id + (" (or give the severity)" if spec.source in ("severity", "next_update") else "")
            )
            continue
        if spec.choices and value not in spec.choices:
            raise MessageError(f"field {spec.id!r} is {value!r}; choose one of: {', '.join(spec.choices)}")
        filled[spec.id] = value
    if missing:
        raise MessageError(f"template {template_id!r} needs: {', '.join(missing)}")
    return template.fill(filled)


_CLOCK = re.compile(r"([01]?[0-9]|2[0-3]):[0-5][0-9]")


def _checked(playbook: Playbook, spec: TemplateField, value: str) -> str:
    """The caller's ``value`` for ``spec``, refused when empty or not what the field names."""
    if not value.strip():
        choices = f"; choose one of: {', '.join(spec.choices)}" if spec.choices else "; give it a value"
        raise MessageError(f"field {spec.id!r} is empty{choices}")
    if spec.source == "severity":
        try:
            return playbook.severity(value.strip()).id
        except ValueError:
            known = ", ".join(s.id for s in playbook.severities)
            raise MessageError(
                f"field {spec.id!r} is {value!r}, not a severity; choose one of: {known}"
            ) from None
    if spec.source in ("now", "next_update") and not _is_time(value.strip()):
        raise MessageError(
            f"field {spec.id!r} is {value!r}, not a time: write HH:MM or an ISO 8601 date and time"
        )
    if spec.source == "role":
        wanted = spelling(value)
        for role in playbook.roles:
            if wanted in (spelling(role.id), spelling(role.name)):
                return role.name
        known = ", ".join(r.id for r in playbook.roles) or "none"
        raise MessageError(f"field {spec.id!r} is {value!r}, not a role of the playbook; known: {known}")
    return value


def _is_time(value: str) -> bool:
    if _CLOCK.fullmatch(value):
        return True
    try:
        datetime.fromisoformat(value)
    except ValueError:
        return False
    return True


def _cadence(level: Severity) -> timedelta | None:
    if level.update_every is not None:
        return level.update_every
    first = next((step.every for step in level.updates if step.every is not None), None)
    return first if isinstance(first, timedelta) else None


def preview_message(playbook: Playbook, template_id: str) -> str:
    """The template with placeholders shown as the playbook's readers expect.

    A field with choices shows them (``调查中 / 止损中 / 已恢复``), a severity
    field the severity ids (``P0/P1/P2``), any other field its label in
    brackets (``[简短描述]``).
    """
    return template_preview(playbook, _template(playbook, template_id))
