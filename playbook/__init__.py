"""Incident response playbooks as typed, checked data.

>>> from playbook import classify
>>> classify("high", "many").id
'P0'
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from datetime import datetime
from typing import TYPE_CHECKING

from playbook.api import Playbook, default, load, validate, validate_text
from playbook.errors import MessageError, UnknownNameError
from playbook.loader import Result, default_path
from playbook.model import Severity, UnknownLevelError
from playbook.problems import PlaybookError, Problem
from playbook.source import Limits

if TYPE_CHECKING:
    from playbook.response import Checklist, ChecklistItem, Observation, RollbackDecision, Timeline

__all__ = [
    "Checklist",
    "ChecklistItem",
    "Limits",
    "MessageError",
    "Observation",
    "Playbook",
    "PlaybookError",
    "Problem",
    "Result",
    "RollbackDecision",
    "Severity",
    "Timeline",
    "UnknownLevelError",
    "UnknownNameError",
    "checklist",
    "classify",
    "decide_rollback",
    "default",
    "default_path",
    "load",
    "render_message",
    "timeline",
    "validate",
    "validate_text",
]

__version__ = "0.1.0"


if TYPE_CHECKING:

    def classify(impact: str | Iterable[str], reach: str | Iterable[str]) -> Severity:
        """Classify with the default playbook; see :meth:`Playbook.classify`."""
        ...


_ANSWERS = frozenset({"Checklist", "ChecklistItem", "Observation", "RollbackDecision", "Timeline"})
"""The answer types, imported from :mod:`playbook.response` when first named."""


def __getattr__(name: str) -> object:
    # `classify` is the default playbook's own classifier, so that a call is one
    # lookup; the default playbook is loaded when the name is first used, and the
    # classifier then becomes a module global, so that later uses skip this hook.
    # The answer types wait for their first use too: `playbook validate` needs none.
    if name == "classify":
        found: object = default().classify
    elif name in _ANSWERS:
        from playbook import response

        found = getattr(response, name)
    else:
        raise AttributeError(f"module 'playbook' has no attribute {name!r}")
    globals()[name] = found
    return found


def checklist(
    severity: str | Severity, phase: str | None = None, *, incident_type: str | None = None
) -> Checklist:
    """The checklist of ``severity`` in the default playbook; see :meth:`Playbook.checklist`."""
    return default().checklist(severity, phase, incident_type=incident_type)


def timeline(
    severity: str | Severity,
    started_at: datetime,
    resolved_at: datetime | None = None,
    *,
    incident_type: str | None = None,
    events: Mapping[str, datetime] | None = None,
    states: Mapping[str, datetime] | None = None,
    now: datetime | None = None,
) -> Timeline:
    """The deadlines of an incident under the default playbook; see :meth:`Playbook.timeline`."""
    return default().timeline(
        severity, started_at, resolved_at, incident_type=incident_type, events=events, states=states, now=now
    )


def decide_rollback(
    metrics: Mapping[str, object] | None = None,
    signals: Iterable[str] = (),
    *,
    now: datetime | None = None,
) -> RollbackDecision:
    """Whether to roll back under the default playbook; see :meth:`Playbook.decide_rollback`."""
    return default().decide_rollback(metrics, signals, now=now)


def render_message(
    template_id: str,
    values: Mapping[str, str] | None = None,
    *,
    severity: str | Severity | None = None,
    now: datetime | None = None,
    **fields: str,
) -> str:
    """A filled message from the default playbook; see :meth:`Playbook.render_message`."""
    return default().render_message(template_id, values, severity=severity, now=now, **fields)
