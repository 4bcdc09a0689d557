"""A format 1 file keeps to format 1.

Format 2 adds calendars and coverage, business time (``4bh``, ``2bd``),
``none`` as a target, classification by axes or by description, cadences,
``when`` conditions, severity groups, incident types, states, events,
relative deadlines, escalation timers, role rotations and fallbacks, the
postmortem's requirement, deadlines and statuses, nested template sections
and mitigation actions. A file that says ``format: 1`` and uses one of them
(writes one of their keys, even left empty, or ``coverage: 24x7``) is told
to say ``format: 2``; and what format 1 requires (a classification, a
postmortem meeting target, a report template, a verification checklist for
rollback rules) it still requires. ``playbook migrate`` moves a file to
format 2.
"""

from __future__ import annotations

from collections.abc import Iterator

from pydantic import BaseModel

from playbook.checks.base import Finding
from playbook.clock import BusinessTime
from playbook.model import (
    Classification,
    ExternalRule,
    InternalRule,
    Phase,
    Playbook,
    Postmortem,
    PostmortemSection,
    ProcedureStep,
    Role,
    Rollback,
    Rule,
    Severity,
    Step,
    walk,
)
from playbook.problems import Level
from playbook.source import Loc

ID = "format-version"
SEVERITY: Level = "error"
RELAXABLE = False
PARTIAL: tuple[Loc, ...] = (("classification",),)

_FORMAT_2: dict[type[BaseModel], tuple[str, ...]] = {
    Playbook: ("severity_groups", "incident_types", "calendars", "states", "events", "lead", "escalations"),
    Severity: ("updates", "lead", "response", "coverage"),
    Classification: ("axes",),
    Role: ("rotation", "fallback", "when"),
    Phase: ("when",),
    Step: ("deadline", "when"),
    InternalRule: ("deadline", "when"),
    ExternalRule: ("deadline", "when"),
    Postmortem: ("required", "due", "statuses"),
    PostmortemSection: ("sections",),
    Rollback: ("actions",),
    Rule: ("action",),
    ProcedureStep: ("action",),
}


def check(playbook: Playbook) -> Iterator[Finding]:
    if playbook.format != 1:
        return
    for visit in walk(playbook):
        parent, value = visit.parent, visit.value
        if visit.key or parent is None:
            continue
        if visit.field in _format_2(parent) and visit.loc[-1] == _key(parent, visit.field):
            if visit.field in parent.model_fields_set:
                yield Finding(visit.loc, f"'{visit.loc[-1]}' is format 2: write 'format: 2' to use it")
        elif isinstance(value, BusinessTime):
            yield Finding(visit.loc, f"business time ({value}) is format 2: write 'format: 2' to use it")
        elif (
            isinstance(parent, Severity)
            and visit.field in ("respond_within", "resolve_within")
            and value is None
        ):
            yield Finding(
                visit.loc, f"a severity without a target ('none') is format 2: give {visit.field} a duration"
            )
        elif isinstance(parent, PostmortemSection) and visit.field == "body" and value is None:
            yield Finding(visit.loc[:-1], "a section without a body is format 2: give it a 'body'")
    if not playbook.classification.matrix and not playbook.classification.axes:
        yield Finding(("classification",), "format 1 classifies by a matrix: give impact, reach and matrix")
    if playbook.review is not None and playbook.review.owner is None:
        yield Finding(("review",), "missing 'owner': format 1 needs the role that reviews the playbook")
    if playbook.communication is not None:
        for index, rule in enumerate(playbook.communication.internal):
            if rule.timing is None:
                yield Finding(("communication", "internal", index), "missing 'timing': format 1 needs one")
    if playbook.postmortem is not None and playbook.postmortem.meeting_within is None:
        yield Finding(
            ("postmortem",), "missing 'meeting_within': format 1 needs it (format 2 can leave it out)"
        )


def _format_2(parent: BaseModel) -> tuple[str, ...]:
    # By the class or a base of it: the API's Playbook is a subclass of the model's.
    for cls in type(parent).__mro__:
        fields = _FORMAT_2.get(cls)
        if fields is not None:
            return fields
    return ()


def _key(parent: BaseModel, field: str) -> str:
    info = type(parent).model_fields[field]
    return info.alias or field
