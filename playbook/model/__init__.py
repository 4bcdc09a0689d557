"""The typed playbook: frozen pydantic models, one module per section of the format.

Only ``format``, ``name``, ``severities`` and ``classification`` are required.
Every other section is optional, so a team can adopt the format one section at
a time. Unknown keys are refused. References between sections are plain ids,
declared on the fields with :class:`Ref`; whether they resolve is checked by
:mod:`playbook.checks`, not here, so that every broken reference in a file is
reported in one run. :func:`walk` visits every value with the markers declared
on its field.
"""

from __future__ import annotations

from playbook.model.base import (
    TIMING_KEYWORDS,
    Id,
    Identity,
    Looser,
    Node,
    NotEmpty,
    Ref,
    Text,
)
from playbook.model.calendars import WEEKDAYS, Calendar
from playbook.model.classification import (
    Axis,
    AxisLevel,
    Band,
    Classification,
    Classifier,
    ImpactLevel,
    Level,
    ReachLevel,
    UnknownLevelError,
)
from playbook.model.communication import Communication, ExternalRule, InternalRule, Template, TemplateField
from playbook.model.detection import Alert, Detection, Source, TriageStep
from playbook.model.documents import Document, Repository
from playbook.model.metrics import Metric
from playbook.model.playbook import CHECK_LEVELS, Playbook, Scope
from playbook.model.postmortem import Postmortem, PostmortemField, PostmortemSection
from playbook.model.review import Period, Review
from playbook.model.roles import Role
from playbook.model.rollback import (
    TIER_ORDER,
    ProcedureStep,
    Rollback,
    Rule,
    Signal,
    Tier,
    VerificationItem,
)
from playbook.model.severity import Severity
from playbook.model.timing import Cadence, Deadline, Escalation
from playbook.model.walk import Shape, Visit, fields_of, walk
from playbook.model.when import BUILTIN_EVENTS, Event, Group, IncidentType, State, When
from playbook.model.workflow import Phase, Step

__all__ = [
    "BUILTIN_EVENTS",
    "CHECK_LEVELS",
    "TIER_ORDER",
    "TIMING_KEYWORDS",
    "WEEKDAYS",
    "Alert",
    "Axis",
    "AxisLevel",
    "Band",
    "Cadence",
    "Calendar",
    "Classification",
    "Classifier",
    "Communication",
    "Deadline",
    "Detection",
    "Document",
    "Escalation",
    "Event",
    "ExternalRule",
    "Group",
    "Id",
    "Identity",
    "ImpactLevel",
    "IncidentType",
    "InternalRule",
    "Level",
    "Looser",
    "Metric",
    "Node",
    "NotEmpty",
    "Period",
    "Phase",
    "Playbook",
    "Postmortem",
    "PostmortemField",
    "PostmortemSection",
    "ProcedureStep",
    "ReachLevel",
    "Ref",
    "Repository",
    "Review",
    "Role",
    "Rollback",
    "Rule",
    "Scope",
    "Severity",
    "Shape",
    "Signal",
    "Source",
    "State",
    "Step",
    "Template",
    "TemplateField",
    "Text",
    "Tier",
    "TriageStep",
    "UnknownLevelError",
    "VerificationItem",
    "Visit",
    "When",
    "fields_of",
    "walk",
]
