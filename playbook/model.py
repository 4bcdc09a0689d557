"""The typed playbook: frozen pydantic models for every section of the format.

Only ``format``, ``name``, ``severities`` and ``classification`` are required.
Every other section is optional, so a team can adopt the format one section at
a time. Unknown keys are refused. References between sections are plain ids;
whether they resolve is checked by :mod:`playbook.checks`, not here, so that
every broken reference in a file is reported in one run.
"""

from __future__ import annotations

import re
import string
from collections.abc import Callable, Iterable, Mapping, Sequence
from datetime import date, datetime, timedelta
from functools import cached_property
from typing import TYPE_CHECKING, Annotated, Any, Literal

from pydantic import (
    AfterValidator,
    BaseModel,
    BeforeValidator,
    ConfigDict,
    Field,
    PlainSerializer,
    PlainValidator,
    StrictBool,
    StringConstraints,
    WithJsonSchema,
    model_validator,
)

from playbook.text import phrases
from playbook.units import DURATION_PATTERN, Duration, Quantity, format_duration, parse_duration, shown

if TYPE_CHECKING:
    from playbook.response import Checklist, RollbackDecision, Timeline

__all__ = [
    "TIMING_KEYWORDS",
    "Alert",
    "Classification",
    "Communication",
    "Detection",
    "Document",
    "ExternalRule",
    "InternalRule",
    "Level",
    "Metric",
    "Node",
    "Phase",
    "Playbook",
    "Postmortem",
    "PostmortemField",
    "PostmortemSection",
    "ProcedureStep",
    "Role",
    "Rollback",
    "Rule",
    "Scope",
    "Severity",
    "Signal",
    "Source",
    "Step",
    "Template",
    "TemplateField",
    "Tier",
    "TriageStep",
    "UnknownLevelError",
    "VerificationItem",
]

ID_PATTERN = r"^[A-Za-z0-9][A-Za-z0-9_.\-]*$"
Id = Annotated[
    str,
    StringConstraints(pattern=ID_PATTERN, max_length=64),
    Field(description="An identifier: letters, digits, '.', '_' and '-'."),
]
_ID_SCHEMA = {"type": "string", "pattern": ID_PATTERN, "maxLength": 64}
_PLACEHOLDER = re.compile(r"[A-Za-z0-9][A-Za-z0-9_.\-]*")
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")


def _no_control(value: str) -> str:
    found = _CONTROL.search(value)
    if found:
        raise ValueError(f"text holds a control character (U+{ord(found.group()):04X}); remove it")
    return value


Text = Annotated[str, StringConstraints(min_length=1, pattern=r"\S"), AfterValidator(_no_control)]


def _date_text(value: object) -> object:
    if isinstance(value, str | date):
        return value
    raise ValueError(f"a date is written YYYY-MM-DD, not {shown(value)}")


def _not_bool(value: object) -> object:
    if isinstance(value, bool):
        raise ValueError(f"expected the number 1, not {shown(value)}")
    return value


def _one_or_many(value: object) -> object:
    return [value] if isinstance(value, str) else value


Owners = Annotated[
    tuple[Id, ...],
    BeforeValidator(_one_or_many),
    Field(min_length=1, description="One role id, or a list of role ids."),
    WithJsonSchema(
        {
            "anyOf": [
                _ID_SCHEMA,
                {"type": "array", "items": _ID_SCHEMA, "minItems": 1},
            ],
            "description": "One role id, or a list of role ids.",
        }
    ),
]

TIMING_KEYWORDS = ("immediately", "per-severity", "on-resolution", "postmortem-meeting")
"""Timings that are not a fixed duration.

``immediately``: at once; ``per-severity``: at the severity's ``update_every``;
``on-resolution``: when the incident is declared over; ``postmortem-meeting``:
within ``postmortem.meeting_within``.
"""


def _parse_timing(value: object) -> str | timedelta:
    if isinstance(value, str) and value in TIMING_KEYWORDS:
        return value
    try:
        return parse_duration(value)
    except ValueError:
        raise ValueError(
            f"{value!r} is not a timing: write a duration such as 30m, or one of {', '.join(TIMING_KEYWORDS)}"
        ) from None


def _dump_timing(value: str | timedelta) -> str:
    return value if isinstance(value, str) else format_duration(value)


Timing = Annotated[
    str | timedelta,
    PlainValidator(_parse_timing),
    PlainSerializer(_dump_timing, return_type=str),
    WithJsonSchema(
        {
            "anyOf": [
                {"type": "string", "enum": list(TIMING_KEYWORDS)},
                {"type": "string", "pattern": DURATION_PATTERN},
            ],
            "description": "A duration such as 30m, or one of: " + ", ".join(TIMING_KEYWORDS),
        }
    ),
]


class Node(BaseModel):
    """Base of every model: frozen, unknown keys refused."""

    model_config = ConfigDict(extra="forbid", frozen=True, populate_by_name=True)


class Scope(Node):
    """What the playbook covers and what it leaves to other processes."""

    includes: tuple[Text, ...] = ()
    excludes: tuple[Text, ...] = ()


class Severity(Node):
    """A severity level, with its response and resolution targets."""

    id: Id
    name: Text
    label: Text | None = None
    impact: Text | None = Field(None, description="What an incident of this level does to users.")
    examples: tuple[Text, ...] = ()
    respond_within: Duration
    resolve_within: Duration
    resolution: Text | None = Field(
        None, description="What must happen within resolve_within, such as 止损或回滚."
    )
    escalation: Text | None = None
    update_every: Duration | None = Field(None, description="Status update cadence.")
    commander: Text | None = Field(None, description="Who takes the Incident Commander role.")

    @property
    def title(self) -> str:
        """``P0 - Critical（紧急）`` style heading."""
        base = f"{self.id} - {self.name}"
        return f"{base}（{self.label}）" if self.label else base


class Level(Node):
    """One step of an axis of the classification matrix (an impact or a reach)."""

    id: Id
    name: Text
    description: Text | None = None


class Classification(Node):
    """The severity matrix: reach × impact → severity."""

    impact: tuple[Level, ...] = Field(min_length=1, description="Least to most severe.")
    reach: tuple[Level, ...] = Field(min_length=1, description="Narrowest to widest.")
    matrix: dict[Id, dict[Id, Id]] = Field(
        description="reach id -> impact id -> severity id; every cell exactly once."
    )
    when_in_doubt: Literal["higher", "lower"] = Field(
        "higher",
        description="Which candidate wins when a level is uncertain: the more or less severe.",
    )


class Role(Node):
    """Someone who owns steps or decisions."""

    id: Id
    name: Text
    description: Text | None = None


class Metric(Node):
    """A measured quantity that alerts and rollback rules compare against thresholds."""

    id: Id
    name: Text
    label: Text | None = Field(None, description="How the playbook's text names the metric.")
    unit: Literal["%", "s", "ms", ""] = ""
    description: Text | None = None


class Alert(Node):
    """A monitoring alert: fires when a metric crosses a threshold."""

    model_config = ConfigDict(json_schema_extra={"oneOf": [{"required": ["above"]}, {"required": ["below"]}]})

    metric: Id
    above: Quantity | None = None
    below: Quantity | None = None

    @model_validator(mode="after")
    def _one_threshold(self) -> Alert:
        if (self.above is None) == (self.below is None):
            raise ValueError("an alert needs exactly one of 'above' or 'below'")
        return self

    @property
    def threshold(self) -> Quantity:
        """The threshold, whichever side it is on."""
        value = self.above if self.above is not None else self.below
        assert value is not None
        return value


class Source(Node):
    """A detection source (信号来源) with its examples and priority."""

    id: Id
    name: Text
    examples: tuple[Text, ...] = ()
    alerts: tuple[Alert, ...] = ()
    priority: Literal["high", "medium", "low"]


class TriageStep(Node):
    """A triage step: questions to answer, or a rule derived from elsewhere in the playbook.

    ``derive: classification`` lists the matrix and the when-in-doubt rule;
    ``derive: commander`` lists who commands each severity.
    """

    id: Id
    title: Text
    questions: tuple[Text, ...] = ()
    derive: Literal["classification", "commander"] | None = None


class Detection(Node):
    """Where incidents are noticed and how they are triaged."""

    sources: tuple[Source, ...] = ()
    triage: tuple[TriageStep, ...] = ()


class Step(Node):
    """A numbered step of a workflow phase."""

    id: Id
    action: Text
    owner: Owners
    within: Timing | None = Field(None, description="A deadline for the step.")


class Phase(Node):
    """A phase of the response workflow, in order."""

    id: Id
    name: Text
    label: Text | None = None
    goal: Text | None = Field(None, description="The phase in a few words, for the overview.")
    steps: tuple[Step, ...] = ()


class InternalRule(Node):
    """Who is told what, on which channels, and when, inside the organisation."""

    id: Id
    event: Literal["start", "update", "resolved", "postmortem"]
    severity: Id | None = Field(None, description="Only for this severity; all when absent.")
    channels: tuple[Text, ...] = Field(min_length=1)
    audience: tuple[Text, ...] = Field(min_length=1)
    timing: Timing


class ExternalRule(Node):
    """What users are told, where, and by whom."""

    id: Id
    scenario: Text
    channels: tuple[Text, ...] = ()
    same_channels_as: Id | None = Field(None, description="Reuse the channels of another rule.")
    message: Text | None = Field(None, description="The wording shown to users.")
    content: Text | None = Field(None, description="What the communication says, when not verbatim.")
    every: Duration | None = None
    severities: tuple[Id, ...] = Field((), description="Only for these severities; all when empty.")
    owner: Owners


class TemplateField(Node):
    """A placeholder of a message template.

    ``source: severity`` fills from the incident's severity, ``now`` from the
    time of rendering, ``next_update`` from the severity's update cadence;
    ``input`` fields are given by the caller.
    """

    id: Id
    label: Text | None = None
    choices: tuple[Text, ...] = ()
    source: Literal["input", "severity", "now", "next_update"] = "input"


class Template(Node):
    """A message template; ``{field}`` in the body is replaced by a field's value."""

    id: Id
    name: Text
    fields: tuple[TemplateField, ...] = ()
    body: Text

    def fill(self, values: Mapping[str, str]) -> str:
        """The body with each ``{field}`` replaced by ``values[field]``."""
        out = []
        for literal, name, _, _ in string.Formatter().parse(self.body):
            out.append(literal)
            if name is not None:
                out.append(values[name])
        # A YAML block scalar ends with a newline; a message to paste does not.
        return "".join(out).rstrip("\n")

    def preview(self, severity_ids: Sequence[str]) -> str:
        """The body as readers of the playbook see it: ``[简短描述]``, ``P0/P1/P2``, ``a / b``.

        A field with choices shows them, a severity field the severity ids, any
        other field its label in brackets.
        """
        shown: dict[str, str] = {}
        for spec in self.fields:
            if spec.choices:
                shown[spec.id] = " / ".join(spec.choices)
            elif spec.source == "severity":
                shown[spec.id] = "/".join(severity_ids)
            else:
                shown[spec.id] = f"[{spec.label or spec.id}]"
        return self.fill(shown)

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

    internal: tuple[InternalRule, ...] = ()
    external: tuple[ExternalRule, ...] = ()
    templates: tuple[Template, ...] = ()


TIER_ORDER: dict[str, int] = {"immediate": 0, "consider": 1, "none": 2}
"""Rollback tiers, most severe first."""


class Tier(Node):
    """A rollback tier: what its rules mean and who decides."""

    id: Literal["immediate", "consider", "none"]
    label: Text
    note: Text | None = None
    decided_by: Id | None = Field(None, description="The role that decides, when not automatic.")


class Signal(Node):
    """A named fact a responder reports, such as ``login_down``."""

    id: Id
    label: Text


class Rule(Node):
    """A rollback rule: a metric past a threshold (for a time), or a signal."""

    model_config = ConfigDict(
        json_schema_extra={
            "oneOf": [{"required": ["metric"]}, {"required": ["signal"]}],
            "dependentSchemas": {
                "metric": {
                    "oneOf": [{"required": ["above"]}, {"required": ["below"]}, {"required": ["between"]}]
                },
                "signal": {
                    "not": {"anyOf": [{"required": [k]} for k in ("above", "below", "between", "for")]}
                },
            },
        }
    )

    id: Id
    tier: Literal["immediate", "consider", "none"]
    metric: Id | None = None
    signal: Id | None = None
    above: Quantity | None = None
    below: Quantity | None = None
    between: tuple[Quantity, Quantity] | None = Field(None, description="An inclusive range [low, high].")
    for_: Duration | None = Field(None, alias="for", description="How long the condition must hold.")
    description: Text | None = None

    def condition(self) -> str:
        """The condition with ids and units, for reviewers: ``api_error_rate > 10% for 5m``."""
        if self.signal is not None:
            return self.signal
        if self.above is not None:
            text = f"{self.metric} > {self.above}"
        elif self.below is not None:
            text = f"{self.metric} < {self.below}"
        elif self.between is not None:
            text = f"{self.metric} {self.between[0]}–{self.between[1]}"
        else:
            text = str(self.metric)
        return text + (f" for {format_duration(self.for_)}" if self.for_ is not None else "")

    def describe(self, language: str, metric_label: str | None = None) -> str:
        """A metric rule's condition in the playbook's words: ``API 错误率 > 10% 持续 5 分钟``."""
        say = phrases(language)
        name = metric_label or self.metric or ""
        if self.above is not None:
            text = f"{name} > {self.above}"
        elif self.below is not None:
            text = f"{name} < {self.below}"
        elif self.between is not None:
            low, high = self.between
            low_text = f"{low.value:g}" if low.unit == high.unit else str(low)
            text = f"{name} {low_text}-{high}"
        else:
            text = name
        if self.for_ is not None:
            text += f" {say.lasting(self.for_)}"
        if self.description:
            return f"{self.description}（{text}）" if say.chinese else f"{self.description} ({text})"
        return text

    @model_validator(mode="after")
    def _shape(self) -> Rule:
        conditions = [c for c in (self.above, self.below, self.between) if c is not None]
        if (self.metric is None) == (self.signal is None):
            raise ValueError("a rule needs exactly one of 'metric' or 'signal'")
        if self.metric is not None and len(conditions) != 1:
            raise ValueError("a metric rule needs exactly one of 'above', 'below' or 'between'")
        if self.signal is not None and (conditions or self.for_ is not None):
            raise ValueError("a signal rule takes no threshold and no 'for'")
        if self.between is not None:
            low, high = self.between
            if low.dimension != high.dimension:
                raise ValueError(f"'between' needs both bounds in one unit, not {low} and {high}")
            if low > high:
                raise ValueError(f"'between' needs the lower bound first, not [{low}, {high}]")
        return self


class ProcedureStep(Node):
    """How one component is rolled back: a command, an operation or a document."""

    model_config = ConfigDict(
        json_schema_extra={
            "oneOf": [
                {"required": ["command"]},
                {"required": ["operation"]},
                {"required": ["document"]},
            ]
        }
    )

    id: Id
    component: Text
    method: Text
    command: Text | None = Field(None, description="A command to run, shown as code.")
    operation: Text | None = Field(None, description="An operation done by hand or in a console.")
    document: Id | None = Field(None, description="A related document that holds the procedure.")
    owner: Owners

    @model_validator(mode="after")
    def _one_how(self) -> ProcedureStep:
        given = [x for x in (self.command, self.operation, self.document) if x is not None]
        if len(given) != 1:
            raise ValueError("a procedure step needs exactly one of 'command', 'operation', 'document'")
        return self


class VerificationItem(Node):
    """An item of the rollback verification checklist."""

    id: Id
    item: Text


class Rollback(Node):
    """The rollback decision guide: tiers, signals, rules, procedure, verification."""

    tiers: tuple[Tier, ...] = ()
    signals: tuple[Signal, ...] = ()
    rules: tuple[Rule, ...] = ()
    procedure: tuple[ProcedureStep, ...] = ()
    verification: tuple[VerificationItem, ...] = ()


class PostmortemField(Node):
    """A header field of the postmortem template (``**Date**: YYYY-MM-DD``)."""

    id: Id
    name: Text
    placeholder: Text | None = None
    source: Literal["severity"] | None = Field(
        None, description="'severity': the placeholder lists the playbook's severities."
    )


class PostmortemSection(Node):
    """A section of the postmortem template, with its Markdown body."""

    id: Id
    title: Text
    body: Text
    required: StrictBool = True


class Postmortem(Node):
    """The postmortem: when the review meets, and the report template."""

    meeting_within: Duration
    title: Text = "Postmortem: [事件标题]"
    fields: tuple[PostmortemField, ...] = ()
    sections: tuple[PostmortemSection, ...] = ()


class Document(Node):
    """A related document. ``path: TBD`` marks a document that does not exist yet."""

    id: Id
    title: Text
    path: Text
    purpose: Text | None = None

    @property
    def is_gap(self) -> bool:
        """True when the document is still to be written (``path: TBD``)."""
        return self.path.strip().upper() == "TBD"


class UnknownLevelError(ValueError):
    """An impact or reach that the classification does not define."""

    def __init__(self, axis: str, value: str, choices: Iterable[str]) -> None:
        self.axis = axis
        self.value = value
        self.choices = tuple(choices)
        super().__init__(f"unknown {axis} {value!r}; choose one of: {', '.join(self.choices)}")


class _Index:
    """Lookups resolved once, so that classification is a dictionary lookup."""

    def __init__(self, playbook: Playbook) -> None:
        self.rank = {s.id: i for i, s in enumerate(playbook.severities)}
        self.severity = {s.id: s for s in playbook.severities}
        cls = playbook.classification
        self.impact = _spellings(cls.impact)
        self.reach = _spellings(cls.reach)
        self.impact_choices = tuple(level.id for level in cls.impact)
        self.reach_choices = tuple(level.id for level in cls.reach)
        self.cells: dict[tuple[str, str], Severity] = {}
        by_id: dict[tuple[str, str], Severity] = {}
        for reach_id, row in cls.matrix.items():
            for impact_id, severity_id in row.items():
                if severity_id in self.severity:
                    by_id[(impact_id, reach_id)] = self.severity[severity_id]
        for (impact_id, reach_id), severity in by_id.items():
            for impact_key in self.impact.get_keys(impact_id):
                for reach_key in self.reach.get_keys(reach_id):
                    self.cells[(impact_key, reach_key)] = severity


class _Spellings(dict[str, str]):
    """Every accepted spelling of a level (id, name, either lower-cased) → its id."""

    def get_keys(self, level_id: str) -> list[str]:
        return [key for key, value in self.items() if value == level_id]


def _spellings(levels: Sequence[Level]) -> _Spellings:
    table = _Spellings()
    for level in levels:
        for spelling in (level.id, level.name, level.id.casefold(), level.name.casefold()):
            table.setdefault(spelling, level.id)
    return table


class Playbook(Node):
    """An incident response playbook.

    Load one with :func:`playbook.load`; that also runs the consistency checks,
    so a :class:`Playbook` you get from it is internally consistent.
    """

    format: Annotated[Literal[1], BeforeValidator(_not_bool)] = Field(description="Version of this format.")
    name: Text
    version: Text | None = None
    updated: Annotated[date, BeforeValidator(_date_text)] | None = None
    language: Text = Field("en", description="BCP 47 language tag of the free text, e.g. zh-CN.")
    purpose: Text | None = None
    scope: Scope | None = None
    severities: tuple[Severity, ...] = Field(min_length=1, description="Most severe first.")
    classification: Classification
    roles: tuple[Role, ...] = ()
    metrics: tuple[Metric, ...] = ()
    detection: Detection | None = None
    workflow: tuple[Phase, ...] = Field((), description="Response phases, in order.")
    communication: Communication | None = None
    rollback: Rollback | None = None
    postmortem: Postmortem | None = None
    related_documents: tuple[Document, ...] = ()
    checks: dict[Id, Literal["off", "warning", "error"]] = Field(
        default_factory=dict,
        description="Turn a consistency check off, or change its severity, for the whole playbook.",
    )

    @cached_property
    def _index(self) -> _Index:
        # Built on first use and kept in the instance dict, so that later
        # lookups are plain attribute hits (pydantic private attributes are not).
        return _Index(self)

    def __copy__(self) -> Playbook:
        return _forget(super().__copy__())

    def __deepcopy__(self, memo: dict[int, Any] | None = None) -> Playbook:
        return _forget(super().__deepcopy__(memo))

    def severity(self, severity_id: str) -> Severity:
        """The severity with this id (case-insensitive); :class:`UnknownLevelError` lists the valid ids."""
        index = self._index
        found = index.severity.get(severity_id)
        if found is None:
            for key, value in index.severity.items():
                if key.casefold() == severity_id.casefold():
                    return value
            raise UnknownLevelError("severity", severity_id, index.severity)
        return found

    def rank(self, severity: Severity | str) -> int:
        """0 for the most severe level, growing as severity falls."""
        key = severity if isinstance(severity, str) else severity.id
        return self._index.rank[self.severity(key).id]

    @cached_property
    def classify(self) -> Classifier:
        """Classify an incident: ``playbook.classify(impact, reach) -> Severity``.

        Levels are ids or names, case-insensitive (``"high"``, ``"High Impact"``).
        Given several candidates for an axis (a list), ``when_in_doubt`` picks
        among the severities they yield. Raises :class:`UnknownLevelError` (a
        :class:`ValueError`) listing the valid choices. Every spelling is
        resolved when the classifier is first used, so a call with a known
        spelling is a single dictionary lookup.
        """
        return _classifier(self._index.cells, self._classify_slowly)

    def _classify_slowly(self, impact: str | Iterable[str], reach: str | Iterable[str]) -> Severity:
        index = self._index
        impacts = [_resolve(index.impact, "impact", v, index.impact_choices) for v in _many(impact)]
        reaches = [_resolve(index.reach, "reach", v, index.reach_choices) for v in _many(reach)]
        candidates = [index.cells[(i, r)] for i in impacts for r in reaches if (i, r) in index.cells]
        if not candidates:
            raise UnknownLevelError("impact", ", ".join(impacts), index.impact_choices)
        pick = min if self.classification.when_in_doubt == "higher" else max
        return pick(candidates, key=lambda s: index.rank[s.id])

    def checklist(self, severity: str | Severity, phase: str | None = None) -> Checklist:
        """The checklist of ``severity``; see :func:`playbook.response.checklist`."""
        from playbook.response import checklist

        return checklist(self, severity, phase)

    def timeline(
        self, severity: str | Severity, started_at: datetime, resolved_at: datetime | None = None
    ) -> Timeline:
        """The deadlines of an incident; see :func:`playbook.response.timeline`."""
        from playbook.response import timeline

        return timeline(self, severity, started_at, resolved_at)

    def decide_rollback(
        self, metrics: Mapping[str, object] | None = None, signals: Iterable[str] = ()
    ) -> RollbackDecision:
        """Whether to roll back; see :func:`playbook.response.decide_rollback`."""
        from playbook.response import decide_rollback

        return decide_rollback(self, metrics, signals)

    def render_message(
        self,
        template_id: str,
        values: Mapping[str, str] | None = None,
        *,
        severity: str | Severity | None = None,
        now: datetime | None = None,
        **fields: str,
    ) -> str:
        """A filled message template; see :func:`playbook.response.render_message`."""
        from playbook.response import render_message

        return render_message(self, template_id, values, severity=severity, now=now, **fields)


Classifier = Callable[[str | Iterable[str], str | Iterable[str]], Severity]
"""``classify(impact, reach) -> Severity``."""

_CACHED = ("_index", "classify")


def _forget(playbook: Playbook) -> Playbook:
    # A copy (model_copy with update=...) may differ: it rebuilds its own lookups.
    for name in _CACHED:
        playbook.__dict__.pop(name, None)
    return playbook


def _classifier(
    cells: dict[tuple[str, str], Severity],
    slowly: Classifier,
) -> Classifier:
    def classify(impact: str | Iterable[str], reach: str | Iterable[str]) -> Severity:
        try:
            return cells[impact, reach]  # type: ignore[index]
        except (KeyError, TypeError):
            return slowly(impact, reach)

    classify.__doc__ = Playbook.classify.__doc__
    return classify


def _many(value: str | Iterable[str]) -> list[str]:
    values = [value] if isinstance(value, str) else list(value)
    if not values:
        raise ValueError("no level given")
    return values


def _resolve(table: dict[str, str], axis: str, value: str, choices: tuple[str, ...]) -> str:
    found = table.get(value)
    if found is None:
        found = table.get(value.strip().casefold())
    if found is None:
        raise UnknownLevelError(axis, value, choices)
    return found
