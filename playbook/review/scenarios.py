"""Scenario tests for a playbook, in the manner of ``promtool test rules``.

A scenario file is YAML::

    playbook: ../playbook/data/clarity.yaml   # optional, relative to this file
    scenarios:
      - name: high impact on many users is a P0
        classify: {impact: high, reach: many}
        expect: {severity: P0}
      - name: 12% errors for 6 minutes roll back at once
        rollback: {metrics: {api_error_rate: {value: 12%, for: 6m}}}
        expect: {decision: immediate, rules: [error-rate-critical]}
      - name: the P0 checklist has step 3.3 owned by backend-lead
        checklist: {severity: P0}
        expect: {step: "3.3", owner: backend-lead}
      - name: a P1 started at 10:00 has its second update due at 11:00
        timeline: {severity: P1, started: "2026-01-01T10:00+08:00"}
        expect: {update: 2, at: "2026-01-01T11:00+08:00"}
      - name: the start notice names the severity
        message: {template: incident-start, severity: P0, fields: {summary: x}}
        expect: {contains: ["🚨 [P0]"]}

Format 2 playbooks are tested the same way: ``classify`` takes any axis by
its id (``{users_affected: 37%, latency: 3s}``) or, without axes,
``{severity: SEV-2}``; ``checklist`` takes an ``incident_type`` and expects
item ids ``absent``; ``timeline`` takes an ``incident_type``, ``events``
(acknowledged, first-communication, ...) and ``states`` (each with the time
it began), and expects any deadline kind (``deadline: escalation`` with a
``label`` it contains), ``no_deadline``, the number of ``updates``, or
``truncated``.

Each scenario has exactly one of ``classify``, ``rollback``, ``checklist``,
``timeline`` and ``message``. A failed expectation is a problem located at the
scenario's ``expect``, reported like a validation problem.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import Annotated, Literal

from pydantic import AfterValidator, BaseModel, ConfigDict, Field, ValidationError, model_validator

from playbook import response
from playbook.loader import validate
from playbook.model import Playbook
from playbook.problems import SCENARIO, Problem
from playbook.source import Loc, SourceMap, read_file
from playbook.units import Duration, Quantity
from playbook.validation import locate_error

__all__ = ["Outcome", "run_scenarios"]

CHECK = SCENARIO


def _aware(value: datetime | None) -> datetime | None:
    if value is not None and value.utcoffset() is None:
        raise ValueError("a date and time needs a UTC offset, such as 2026-01-01T10:00+08:00")
    return value


Aware = Annotated[datetime, AfterValidator(_aware)]


class _Node(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True, populate_by_name=True)


class _Classify(_Node):
    """What to classify by: ``{impact, reach}`` (a matrix), axis ids (axes), or ``severity``."""

    model_config = ConfigDict(extra="allow", frozen=True)

    @model_validator(mode="after")
    def _levels(self) -> _Classify:
        extra = self.model_extra or {}
        if not extra:
            raise ValueError("classify names at least one level: {impact: ..., reach: ...} or {<axis>: ...}")
        for name, value in extra.items():
            ok = isinstance(value, str) or (
                isinstance(value, list) and all(isinstance(v, str) for v in value)
            )
            if not ok:
                raise ValueError(f"the level of '{name}' is text or a list of text")
        return self


class _Reading(_Node):
    value: Quantity
    for_: Duration | None = Field(None, alias="for")


class _Rollback(_Node):
    metrics: dict[str, _Reading | Quantity] = {}
    signals: list[str] = []


class _Checklist(_Node):
    severity: str
    phase: str | None = None
    incident_type: str | None = None


class _Timeline(_Node):
    severity: str
    started: Aware
    resolved: Aware | None = None
    incident_type: str | None = None
    events: dict[str, Aware] = {}
    states: dict[str, Aware] = {}


class _Message(_Node):
    template: str
    severity: str | None = None
    now: Aware | None = None
    fields: dict[str, str] = {}


DeadlineKind = Literal[
    "acknowledge", "update", "resolve", "postmortem", "report", "escalation", "step", "message"
]
_OTHER_KINDS = ("report", "escalation", "step", "message", "update")


class _Expect(_Node):
    severity: str | None = None
    decision: Literal["immediate", "consider", "watch", "none"] | None = None
    rules: list[str] | None = None
    step: str | None = None
    owner: str | list[str] | None = None
    text: str | None = None
    absent: list[str] | None = Field(None, description="Checklist item ids that must not be listed.")
    update: int | None = Field(None, ge=1)
    deadline: DeadlineKind | None = None
    label: str | None = Field(None, description="The deadline is the first of its kind whose label has this.")
    no_deadline: DeadlineKind | None = Field(None, description="The timeline has no deadline of this kind.")
    updates: int | None = Field(None, ge=0, description="How many status updates the timeline lists.")
    truncated: bool | None = None
    at: Aware | None = None
    equals: str | None = None
    contains: list[str] = []
    error: str | None = Field(None, description="The call fails with a message containing this text.")


class Scenario(_Node):
    """One scenario: a call and what it must return."""

    name: str
    classify: _Classify | None = None
    rollback: _Rollback | None = None
    checklist: _Checklist | None = None
    timeline: _Timeline | None = None
    message: _Message | None = None
    expect: _Expect

    @model_validator(mode="after")
    def _one_call(self) -> Scenario:
        calls = [name for name in _EXPECTS if getattr(self, name) is not None]
        if len(calls) != 1:
            raise ValueError(
                "a scenario needs exactly one of classify, rollback, checklist, timeline, message"
            )
        given = self.expect.model_fields_set
        allowed = _EXPECTS[calls[0]] | {"error"}
        if not given:
            raise ValueError("'expect' states nothing: a scenario that cannot fail tests nothing")
        if given - allowed:
            raise ValueError(
                f"'expect' of a {calls[0]} scenario takes {', '.join(sorted(allowed))}, "
                f"not {', '.join(sorted(given - allowed))}"
            )
        if calls[0] == "timeline" and not given & {"error", "at", "updates", "truncated", "no_deadline"}:
            raise ValueError("a timeline expectation needs 'at', 'updates', 'truncated' or 'no_deadline'")
        if calls[0] == "checklist" and "owner" in given and "step" not in given:
            raise ValueError("'owner' needs the 'step' it owns")
        return self


_EXPECTS: dict[str, set[str]] = {
    "classify": {"severity"},
    "rollback": {"decision", "rules"},
    "checklist": {"step", "owner", "text", "absent"},
    "timeline": {"update", "deadline", "label", "at", "no_deadline", "updates", "truncated"},
    "message": {"equals", "contains"},
}
"""The expectation keys each kind of call takes."""


class ScenarioFile(_Node):
    """A file of scenarios, with the playbook they run against."""

    playbook: str | None = None
    scenarios: list[Scenario] = Field(min_length=1)


@dataclass(frozen=True)
class Outcome:
    """What running a scenario file found."""

    passed: int
    failed: int
    problems: list[Problem]
    passing: tuple[str, ...] = ()
    """The names of the scenarios that passed, in file order."""


def run_scenarios(path: Path) -> Outcome:
    """Run every scenario of the file at ``path``; failures are problems with a location."""
    parsed = read_file(path)
    if parsed.data is None or any(p.severity == "error" for p in parsed.problems):
        return Outcome(0, 0, parsed.problems)
    try:
        spec = ScenarioFile.model_validate(parsed.data)
    except ValidationError as exc:
        errors = exc.errors(include_url=False)
        return Outcome(0, 0, [locate_error(e, parsed.where, ScenarioFile) for e in errors])
    target = (path.parent / spec.playbook) if spec.playbook else None
    result = validate(target)
    if result.playbook is None or result.errors:
        return Outcome(0, len(spec.scenarios), result.problems)
    book = result.playbook
    passing: list[str] = []
    problems: list[Problem] = []
    for index, scenario in enumerate(spec.scenarios):
        failures = list(_run(book, scenario))
        if not failures:
            passing.append(scenario.name)
            continue
        for loc, message in failures:
            problems.append(
                _at(parsed.where, ("scenarios", index, "expect", *loc), f"{scenario.name}: {message}")
            )
    return Outcome(len(passing), len(spec.scenarios) - len(passing), problems, tuple(passing))


def _at(where: SourceMap, loc: Loc, message: str) -> Problem:
    (path, line, column), _ = where.locate(loc)
    return Problem(path, line, column, "error", CHECK, message)


def _run(book: Playbook, scenario: Scenario) -> Iterator[tuple[Loc, str]]:
    expect = scenario.expect
    try:
        if scenario.classify is not None:
            got = book.classify(**(scenario.classify.model_extra or {}))
            if expect.severity is not None and got.id != expect.severity:
                yield ("severity",), f"expected {expect.severity}, got {got.id}"
        elif scenario.rollback is not None:
            yield from _rollback(book, scenario.rollback, expect)
        elif scenario.checklist is not None:
            yield from _checklist(book, scenario.checklist, expect)
        elif scenario.timeline is not None:
            yield from _timeline(book, scenario.timeline, expect)
        elif scenario.message is not None:
            yield from _message(book, scenario.message, expect)
    except (ValueError, OverflowError) as exc:
        if expect.error is None:
            yield (), f"failed: {exc}"
        elif expect.error not in str(exc):
            yield ("error",), f"expected an error containing {expect.error!r}, got: {exc}"
        return
    if expect.error is not None:
        yield ("error",), f"expected an error containing {expect.error!r}, but the call succeeded"


def _rollback(book: Playbook, call: _Rollback, expect: _Expect) -> Iterator[tuple[Loc, str]]:
    readings: dict[str, object] = {}
    for name, reading in call.metrics.items():
        if isinstance(reading, _Reading):
            readings[name] = (reading.value, reading.for_) if reading.for_ is not None else reading.value
        else:
            readings[name] = reading
    decision = response.decide_rollback(book, readings, call.signals)
    if expect.decision is not None and decision.decision != expect.decision:
        why = "; ".join(f"{m.rule}: {m.reason}" for m in decision.matched) or "no rule matched"
        yield ("decision",), f"expected {expect.decision}, got {decision.decision} ({why})"
    if expect.rules is not None:
        got = [m.rule for m in decision.matched]
        if sorted(got) != sorted(expect.rules):
            yield (
                ("rules",),
                f"expected rules {', '.join(expect.rules) or 'none'}, got {', '.join(got) or 'none'}",
            )


def _checklist(book: Playbook, call: _Checklist, expect: _Expect) -> Iterator[tuple[Loc, str]]:
    items = response.checklist(book, call.severity, call.phase, incident_type=call.incident_type).items
    listed = {item.id for item in items}
    for n, absent in enumerate(expect.absent or ()):
        if absent in listed:
            yield ("absent", n), f"the {call.severity} checklist lists {absent}"
    if expect.step is not None:
        found = [item for item in items if item.id == expect.step]
        if not found:
            yield ("step",), f"the {call.severity} checklist has no step {expect.step}"
            return
        item = found[0]
        owners = [expect.owner] if isinstance(expect.owner, str) else expect.owner
        if owners is not None and not set(owners) <= set(item.owners):
            yield ("owner",), f"step {item.id} is owned by {', '.join(item.owners)}, not {', '.join(owners)}"
        if expect.text is not None and expect.text not in item.text:
            yield ("text",), f"step {item.id} reads {item.text!r}, which lacks {expect.text!r}"
    elif expect.text is not None and not any(expect.text in item.text for item in items):
        yield ("text",), f"no item of the {call.severity} checklist contains {expect.text!r}"


def _timeline(book: Playbook, call: _Timeline, expect: _Expect) -> Iterator[tuple[Loc, str]]:
    result = response.timeline(
        book,
        call.severity,
        call.started,
        call.resolved,
        incident_type=call.incident_type,
        events=call.events,
        states=call.states,
    )
    if expect.updates is not None and len(result.updates) != expect.updates:
        yield ("updates",), f"the timeline lists {len(result.updates)} status updates, not {expect.updates}"
    if expect.truncated is not None and result.truncated != expect.truncated:
        yield ("truncated",), "the timeline was cut" if result.truncated else "the timeline was not cut"
    if expect.no_deadline is not None:
        found = [d for d in result.deadlines if d.kind == expect.no_deadline]
        if found:
            yield ("no_deadline",), f"the timeline has {found[0].label!r} at {found[0].at.isoformat()}"
    if expect.at is None:
        return
    if expect.label is not None or expect.deadline in _OTHER_KINDS:
        kind = expect.deadline
        matching = [
            d
            for d in result.deadlines
            if (kind is None or d.kind == kind) and (expect.label is None or expect.label in d.label)
        ]
        if not matching:
            yield (
                ("label" if expect.label else "deadline",),
                f"no {kind or ''} deadline matches {expect.label!r}",
            )
            return
        got, what = matching[0].at, matching[0].label
    elif expect.update is not None:
        if expect.update > len(result.updates):
            yield ("update",), f"there are only {len(result.updates)} status updates"
            return
        got = result.updates[expect.update - 1]
        what = f"status update {expect.update}"
    else:
        kind = expect.deadline or "resolve"
        moments: dict[str, datetime | None] = {
            "acknowledge": result.acknowledge_by,
            "resolve": result.resolve_by,
            "postmortem": result.postmortem_by,
        }
        got_or_none = moments[kind]
        if got_or_none is None:
            yield ("deadline",), f"the playbook sets no {kind} deadline"
            return
        got, what = got_or_none, kind
    if got != expect.at:
        yield ("at",), f"{what} is due at {got.isoformat()}, not {expect.at.isoformat()}"


def _message(book: Playbook, call: _Message, expect: _Expect) -> Iterator[tuple[Loc, str]]:
    text = response.render_message(book, call.template, call.fields, severity=call.severity, now=call.now)
    if expect.equals is not None and text != expect.equals.rstrip("\n"):
        yield ("equals",), f"the message reads {text!r}"
    for n, part in enumerate(expect.contains):
        if part not in text:
            yield ("contains", n), f"the message lacks {part!r}: {text!r}"
