"""The playbook as a whole: its sections, and the lookups every answer starts from."""

from __future__ import annotations

from functools import cached_property
from typing import Annotated, Any, Literal

from pydantic import BeforeValidator, Field

from playbook.model.base import DateText, Id, Looser, Node, Ref, Text, spelling
from playbook.model.calendars import Calendar
from playbook.model.classification import Classification, Classifier, Index, UnknownLevelError, classifier
from playbook.model.communication import Communication
from playbook.model.detection import Detection
from playbook.model.documents import Document, Repository
from playbook.model.metrics import Metric
from playbook.model.postmortem import Postmortem
from playbook.model.review import Review
from playbook.model.roles import Role
from playbook.model.rollback import Rollback
from playbook.model.severity import Severity
from playbook.model.timing import Escalation
from playbook.model.when import Event, Group, IncidentType, State, When
from playbook.model.workflow import Phase
from playbook.units import shown

__all__ = ["CHECK_LEVELS", "Playbook", "Scope"]

CHECK_LEVELS = ("error", "warning", "off")
"""How a check may be set in the ``checks`` section, strictest first."""


def _not_bool(value: object) -> object:
    if isinstance(value, bool):
        raise ValueError(f"expected the number 1, not {shown(value)}")
    return value


class Scope(Node):
    """What the playbook covers and what it leaves to other processes."""

    includes: tuple[Text, ...] = ()
    """Kinds of incident the playbook covers."""
    excludes: tuple[Text, ...] = ()
    """Kinds of incident handled elsewhere."""


_REMOVAL = Looser("removal")


class Playbook(Node):
    """An incident response playbook.

    Load one with :func:`playbook.load`; that also runs the consistency checks,
    so a :class:`Playbook` you get from it is internally consistent.
    """

    format: Annotated[Literal[1, 2], BeforeValidator(_not_bool)] = Field(
        description="Version of the format: 1, or 2 (calendars, axes, cadences, conditions, no-target)."
    )
    name: Text
    """The playbook's title, as the site and messages show it."""
    version: Text | None = None
    """The playbook's own version, as its authors number it."""
    updated: DateText | None = None
    """When the playbook was last changed (YYYY-MM-DD)."""
    language: Text = Field("en", description="BCP 47 language tag of the free text, e.g. zh-CN.")
    purpose: Text | None = None
    """What the playbook is for, in a sentence or two."""
    scope: Scope | None = None
    """What incidents the playbook covers, and what it leaves to other processes."""
    severities: Annotated[tuple[Severity, ...], _REMOVAL] = Field(
        min_length=1, description="Most severe first."
    )
    classification: Classification
    """How severity is decided: a matrix; or, in format 2, axes, or nothing (``{}``: by description)."""
    severity_groups: tuple[Group, ...] = ()
    """Named groups of severities, such as major: [SEV-1, SEV-2], for ``when`` (format 2)."""
    incident_types: tuple[IncidentType, ...] = ()
    """Kinds of incident that change the response, such as security, for ``when`` (format 2)."""
    calendars: tuple[Calendar, ...] = ()
    """Working hours, time zones and holidays, for coverage and business time (format 2)."""
    states: tuple[State, ...] = ()
    """The states an incident passes through, in order, as a status page shows them (format 2)."""
    events: tuple[Event, ...] = ()
    """Events deadlines count from, besides declared, acknowledged, mitigated and resolved (format 2)."""
    lead: Annotated[Id | None, Ref("role")] = None
    """The role that leads the response, unless a severity names its own (format 2)."""
    roles: tuple[Role, ...] = ()
    """Everyone who owns a step, a decision or a message, referred to by id elsewhere."""
    escalations: Annotated[tuple[Escalation, ...], _REMOVAL] = ()
    """Escalation timers: who is paged when something has not happened in time (format 2)."""
    metrics: tuple[Metric, ...] = ()
    """The measured quantities that alerts and rollback rules compare against thresholds."""
    detection: Annotated[Detection | None, _REMOVAL] = None
    """Where incidents are noticed, the alerts that fire, and the triage steps."""
    workflow: Annotated[tuple[Phase, ...], _REMOVAL] = Field((), description="Response phases, in order.")
    communication: Annotated[Communication | None, _REMOVAL] = None
    """Who is told what, where and when, and the message templates."""
    rollback: Annotated[Rollback | None, _REMOVAL] = None
    """When to roll back or mitigate, how, and how to verify it worked."""
    postmortem: Annotated[Postmortem | None, _REMOVAL] = None
    """When the postmortem meets and the template of its report."""
    related_documents: tuple[Document, ...] = ()
    """Other documents the playbook refers to (runbooks, procedures)."""
    repository: Repository | None = None
    """The repository the related documents' paths are in: with its URL, the site links to them."""
    review: Annotated[Review | None, _REMOVAL] = Field(
        None, description="How often the playbook itself is reviewed, and by whom."
    )
    checks: dict[Id, Annotated[Literal["off", "warning", "error"], Looser("order", order=CHECK_LEVELS)]] = (
        Field(
            default_factory=dict,
            description="Turn a consistency check off, or change its severity, for the whole playbook.",
        )
    )

    @cached_property
    def _index(self) -> Index:
        # Built on first use and kept in the instance dict, so that later
        # lookups are plain attribute hits (pydantic private attributes are not).
        return Index(self.severities, self.classification)

    def __copy__(self) -> Any:
        return _forget(super().__copy__())

    def __deepcopy__(self, memo: dict[int, Any] | None = None) -> Any:
        return _forget(super().__deepcopy__(memo))

    def severity(self, severity_id: str | Severity) -> Severity:
        """The severity with this id (any case, ``-`` and ``_`` alike), or this playbook's own copy.

        Raises :class:`UnknownLevelError` listing the valid ids; a value that
        is neither text nor a :class:`Severity` raises :class:`TypeError`.
        """
        if isinstance(severity_id, Severity):
            severity_id = severity_id.id
        if not isinstance(severity_id, str):
            raise TypeError(f"a severity is given by its id, such as 'P0', not {type(severity_id).__name__}")
        index = self._index
        found = index.severity.get(severity_id)
        if found is None:
            found = index.severity_spelling.get(spelling(severity_id))
            if found is None:
                raise UnknownLevelError("severity", severity_id, index.severity)
        return found

    def rank(self, severity: Severity | str) -> int:
        """0 for the most severe level, growing as severity falls."""
        key = severity if isinstance(severity, str) else severity.id
        return self._index.rank[self.severity(key).id]

    @cached_property
    def classify(self) -> Classifier:
        """Classify an incident: ``classify(impact, reach)``, ``classify(users="37%")``, ``classify("P1")``.

        With a matrix, give the impact and the reach; with axes, rate any
        facets by keyword (or in the axes' order), each as a level, a
        severity id or a measurement that falls in a level's band, and the
        most severe facet wins; with neither, name the severity (by id or
        name). Levels are ids or names, case-insensitive (``"high"``, ``"High
        Impact"``). Given several candidates for an axis (a list),
        ``when_in_doubt`` picks among the severities they yield. Raises
        :class:`UnknownLevelError` (a :class:`ValueError`) listing the valid
        choices. Every spelling is resolved when the classifier is first used,
        so a call with a known spelling is a single dictionary lookup.
        """
        found = classifier(self._index, self.classification.when_in_doubt)
        found.__doc__ = Playbook.classify.__doc__
        return found

    @cached_property
    def groups(self) -> dict[str, tuple[str, ...]]:
        """Each severity group's id → the ids of its severities."""
        return {group.id: group.severities for group in self.severity_groups}

    def applies(self, when: When | None, severity: str, incident_type: str | None = None) -> bool:
        """Whether something with this ``when`` applies to an incident (no ``when``: always)."""
        return when is None or when.matches(severity, self.groups, incident_type)

    def calendar(self, calendar_id: str) -> Calendar | None:
        """The calendar with this id, if the playbook has one."""
        return next((c for c in self.calendars if c.id == calendar_id), None)

    def lead_for(self, severity: Severity) -> str | None:
        """The role id that leads incidents of ``severity``: its own ``lead``, else the playbook's."""
        return severity.lead or self.lead


_CACHED = ("_index", "classify", "groups")


def _forget(playbook: Any) -> Any:
    # A copy (model_copy with update=...) may differ: it rebuilds its own lookups.
    for name in _CACHED:
        playbook.__dict__.pop(name, None)
    return playbook
