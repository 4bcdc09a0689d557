"""The response API: checklists, incident timelines, rollback decisions and messages.

Each function takes a loaded (and therefore consistent) :class:`Playbook`; the
same functions are methods of :class:`Playbook` and, for the default playbook,
module-level functions of :mod:`playbook`.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Mapping
from dataclasses import asdict, dataclass, field
from datetime import UTC, datetime, timedelta
from typing import Any, Literal

from playbook.conditions import interval
from playbook.model import TIER_ORDER, Playbook, Rule, Severity, Template
from playbook.text import phrases
from playbook.units import Quantity, format_duration, parse_duration

__all__ = [
    "Checklist",
    "ChecklistItem",
    "Deadline",
    "Match",
    "MessageError",
    "Observation",
    "RollbackDecision",
    "Timeline",
    "UnknownNameError",
    "checklist",
    "decide_rollback",
    "describe_condition",
    "preview_message",
    "render_message",
    "timeline",
]

ItemKind = Literal[
    "respond", "command", "notify", "update", "escalate", "resolve", "step", "verify", "external"
]
Tier = Literal["immediate", "consider", "none"]


class UnknownNameError(ValueError):
    """A name (metric, signal, template, phase, field) the playbook does not define."""

    def __init__(self, kind: str, name: str, known: Iterable[str]) -> None:
        self.kind = kind
        self.name = name
        self.known = tuple(known)
        super().__init__(f"unknown {kind} {name!r}; known: {', '.join(self.known) or 'none'}")


class MessageError(ValueError):
    """A message cannot be rendered: fields are missing, unknown or not one of the choices."""


# Checklists ---------------------------------------------------------------------------


@dataclass(frozen=True)
class ChecklistItem:
    """One thing to do: a workflow step, or what the severity adds to it.

    ``due`` is the deadline relative to the start of the incident, where the
    playbook fixes one; ``when`` names a condition (such as a rollback).
    """

    id: str
    kind: ItemKind
    text: str
    phase: str | None = None
    owners: tuple[str, ...] = ()
    owner_names: tuple[str, ...] = ()
    due: timedelta | None = None
    when: str | None = None

    def to_dict(self) -> dict[str, Any]:
        """The item as a JSON-ready mapping (``due`` as ``15m``)."""
        data = asdict(self)
        data["owners"] = list(self.owners)
        data["owner_names"] = list(self.owner_names)
        data["due"] = format_duration(self.due) if self.due is not None else None
        return data


@dataclass(frozen=True)
class Checklist:
    """The ordered checklist of one severity, optionally of one phase."""

    playbook: str
    severity: Severity
    phase: str | None
    items: tuple[ChecklistItem, ...]
    phase_names: Mapping[str, str] = field(default_factory=dict)
    targets_title: str = "Targets"
    external_title: str = "External communication"

    def __iter__(self) -> Any:
        return iter(self.items)

    def __len__(self) -> int:
        return len(self.items)

    def to_dict(self) -> dict[str, Any]:
        """The checklist as a JSON-ready mapping."""
        return {
            "playbook": self.playbook,
            "severity": self.severity.id,
            "phase": self.phase,
            "items": [item.to_dict() for item in self.items],
        }

    def to_json(self) -> str:
        """The checklist as indented JSON."""
        return json.dumps(self.to_dict(), ensure_ascii=False, indent=2)

    def groups(self) -> list[tuple[str, list[ChecklistItem]]]:
        """The items under their headings, in order: targets, each phase, external communication."""
        groups: list[tuple[str, list[ChecklistItem]]] = []
        for item in self.items:
            if item.kind == "external":
                title = self.external_title
            elif item.phase:
                title = self.phase_names.get(item.phase, item.phase)
            else:
                title = self.targets_title
            if not groups or groups[-1][0] != title:
                groups.append((title, []))
            groups[-1][1].append(item)
        return groups

    @staticmethod
    def _line(item: ChecklistItem) -> str:
        text = f"{item.id} {item.text}" if item.kind == "step" else item.text
        if item.when:
            text = f"({item.when}) {text}"
        if item.owner_names:
            text += f" — {' / '.join(item.owner_names)}"
        return text

    def to_markdown(self) -> str:
        """A Markdown task list, grouped under a heading per phase."""
        lines = [f"# {self.severity.title}", ""]
        for title, items in self.groups():
            lines += [f"## {title}", ""]
            lines += [f"- [ ] {self._line(item)}" for item in items]
            lines.append("")
        return "\n".join(lines)

    def to_text(self) -> str:
        """Plain text, one ``[ ]`` line per item."""
        lines = [self.severity.title]
        for title, items in self.groups():
            lines += ["", title]
            lines += [f"  [ ] {self._line(item)}" for item in items]
        return "\n".join(lines) + "\n"


def checklist(playbook: Playbook, severity: str | Severity, phase: str | None = None) -> Checklist:
    """Every workflow step and what ``severity`` adds to it, in order.

    Without ``phase``: the severity's targets first (respond, commander,
    notifications, update cadence, escalation, resolution target), then every
    phase's steps; the rollback verification items follow the phase whose id
    is ``contain`` (or the third phase), marked as applying after a rollback;
    external communication that applies to this severity (all rules without
    ``severities``, and those that list it) closes the list, each item
    conditioned on its scenario. With ``phase`` (an id, name or label): only
    that phase's items.
    """
    level = playbook.severity(severity if isinstance(severity, str) else severity.id)
    say = phrases(playbook.language)
    roles = {role.id: role.name for role in playbook.roles}
    names = {p.id: (f"{p.name}（{p.label}）" if p.label else p.name) for p in playbook.workflow}
    wanted = _phase_id(playbook, phase) if phase is not None else None
    items: list[ChecklistItem] = []
    if wanted is None:
        items += _targets(playbook, level)
    verify_after = _verification_phase(playbook)
    meeting = playbook.postmortem.meeting_within if playbook.postmortem else None
    for current in playbook.workflow:
        if wanted is not None and current.id != wanted:
            continue
        for step in current.steps:
            text, due = step.action, None
            if step.within == "postmortem-meeting" and meeting is not None:
                text, due = f"{step.action}（{say.within(meeting)}）", None
            elif isinstance(step.within, timedelta):
                text, due = f"{step.action}（{say.within(step.within)}）", step.within
            items.append(
                ChecklistItem(
                    id=step.id,
                    kind="step",
                    text=text,
                    phase=current.id,
                    owners=step.owner,
                    owner_names=tuple(roles.get(o, o) for o in step.owner),
                    due=due,
                )
            )
        if current.id == verify_after and playbook.rollback is not None:
            when = "回滚后" if say.chinese else "after a rollback"
            items += [
                ChecklistItem(id=f"verify:{v.id}", kind="verify", text=v.item, phase=current.id, when=when)
                for v in playbook.rollback.verification
            ]
    if wanted is None and playbook.communication is not None:
        items += _external(playbook, level, roles)
    targets = "响应目标" if say.chinese else "Targets"
    external = "对外沟通" if say.chinese else "External communication"
    return Checklist(playbook.name, level, wanted, tuple(items), names, targets, external)


def _external(playbook: Playbook, level: Severity, roles: Mapping[str, str]) -> list[ChecklistItem]:
    assert playbook.communication is not None
    say = phrases(playbook.language)
    rules = {rule.id: rule for rule in playbook.communication.external}
    items = []
    for rule in rules.values():
        if rule.severities and level.id not in rule.severities:
            continue
        source = rules.get(rule.same_channels_as or "")
        channels = rule.channels or (source.channels if source else ())
        what = f"“{rule.message}”" if rule.message else (rule.content or "")
        if rule.every is not None:
            what = f"{say.every(rule.every)}{what}" if say.chinese else f"{say.every(rule.every)}: {what}"
        where = " / ".join(channels)
        text = f"{where}：{what}" if say.chinese else f"{where}: {what}"
        items.append(
            ChecklistItem(
                id=f"external:{rule.id}",
                kind="external",
                text=text,
                owners=rule.owner,
                owner_names=tuple(roles.get(o, o) for o in rule.owner),
                when=rule.scenario,
            )
        )
    return items


def _phase_id(playbook: Playbook, phase: str) -> str:
    for current in playbook.workflow:
        if phase.casefold() in (
            current.id.casefold(),
            current.name.casefold(),
            (current.label or "").casefold(),
        ):
            return current.id
    raise UnknownNameError("phase", phase, [p.id for p in playbook.workflow])


def _verification_phase(playbook: Playbook) -> str | None:
    ids = [p.id for p in playbook.workflow]
    if "contain" in ids:
        return "contain"
    return ids[2] if len(ids) > 2 else (ids[-1] if ids else None)


def _targets(playbook: Playbook, level: Severity) -> list[ChecklistItem]:
    say = phrases(playbook.language)
    items = [
        ChecklistItem(
            id="respond", kind="respond", text=say.respond(level.respond_within), due=level.respond_within
        )
    ]
    if level.commander:
        label = "Incident Commander：" if say.chinese else "Incident Commander: "
        items.append(ChecklistItem(id="command", kind="command", text=f"{label}{level.commander}"))
    comms = playbook.communication
    start_rules = (
        [r for r in comms.internal if r.event == "start" and r.severity in (None, level.id)] if comms else []
    )
    for rule in start_rules:
        when = _timing(playbook, rule.timing, level)
        text = (
            f"通知 {say.join(list(rule.audience))}（{say.join(list(rule.channels))}，{when}）"
            if say.chinese
            else f"Notify {', '.join(rule.audience)} on {', '.join(rule.channels)} ({when})"
        )
        due = (
            rule.timing
            if isinstance(rule.timing, timedelta)
            else (timedelta(0) if rule.timing == "immediately" else None)
        )
        items.append(ChecklistItem(id=f"notify:{rule.id}", kind="notify", text=text, due=due))
    if level.update_every is not None:
        text = say.update(level.update_every)
        updates = (
            [r for r in comms.internal if r.event == "update" and r.severity in (None, level.id)]
            if comms
            else []
        )
        for rule in updates[:1]:
            audience, channels = say.join(list(rule.audience)), say.join(list(rule.channels))
            text += f"（{audience}，{channels}）" if say.chinese else f" ({audience}, {channels})"
        items.append(ChecklistItem(id="update", kind="update", text=text, due=level.update_every))
    if level.escalation:
        items.append(ChecklistItem(id="escalate", kind="escalate", text=level.escalation))
    items.append(
        ChecklistItem(
            id="resolve",
            kind="resolve",
            text=say.resolve(level.resolve_within, level.resolution),
            due=level.resolve_within,
        )
    )
    return items


def _timing(playbook: Playbook, timing: str | timedelta, level: Severity) -> str:
    say = phrases(playbook.language)
    if isinstance(timing, timedelta):
        return say.within(timing)
    if timing == "per-severity" and level.update_every is not None:
        return say.every(level.update_every)
    if timing == "postmortem-meeting" and playbook.postmortem is not None:
        return say.within(playbook.postmortem.meeting_within)
    return say.timing(timing)


# Timelines ----------------------------------------------------------------------------


@dataclass(frozen=True)
class Deadline:
    """A moment by which something is due."""

    kind: Literal["acknowledge", "update", "resolve", "postmortem"]
    at: datetime
    label: str

    def to_dict(self) -> dict[str, str]:
        """The deadline as a JSON-ready mapping (``at`` in ISO 8601)."""
        return {"kind": self.kind, "at": self.at.isoformat(), "label": self.label}


@dataclass(frozen=True)
class Timeline:
    """The concrete deadlines of one incident."""

    severity: Severity
    started_at: datetime
    acknowledge_by: datetime
    updates: tuple[datetime, ...]
    resolve_by: datetime
    postmortem_by: datetime | None

    @property
    def deadlines(self) -> list[Deadline]:
        """Every deadline in time order."""
        out = [Deadline("acknowledge", self.acknowledge_by, "acknowledge")]
        out += [Deadline("update", at, f"status update {n}") for n, at in enumerate(self.updates, 1)]
        out.append(Deadline("resolve", self.resolve_by, "resolve or mitigate"))
        if self.postmortem_by is not None:
            out.append(Deadline("postmortem", self.postmortem_by, "postmortem meeting"))
        return sorted(out, key=lambda d: (d.at, d.kind))

    def to_dict(self) -> dict[str, Any]:
        """The timeline as a JSON-ready mapping."""
        return {
            "severity": self.severity.id,
            "started_at": self.started_at.isoformat(),
            "deadlines": [d.to_dict() for d in self.deadlines],
        }


def timeline(
    playbook: Playbook,
    severity: str | Severity,
    started_at: datetime,
    resolved_at: datetime | None = None,
) -> Timeline:
    """The deadlines of an incident of ``severity`` that started at ``started_at``.

    Status updates fall every ``update_every`` after the start, up to the
    resolution target. The postmortem meeting is due ``meeting_within`` after
    ``resolved_at``, or after the resolution target when that is not known.
    Datetimes must be timezone-aware: a naive one raises :class:`ValueError`.
    """
    for name, value in (("started_at", started_at), ("resolved_at", resolved_at)):
        if value is not None and (value.tzinfo is None or value.utcoffset() is None):
            raise ValueError(f"{name} must be timezone-aware, such as 2026-01-01T10:00+08:00")
    level = playbook.severity(severity if isinstance(severity, str) else severity.id)
    try:
        return _timeline(playbook, level, started_at, resolved_at)
    except OverflowError:
        raise ValueError(f"deadlines from {started_at.isoformat()} fall past the year 9999") from None


def _timeline(
    playbook: Playbook, level: Severity, started_at: datetime, resolved_at: datetime | None
) -> Timeline:
    resolve_by = started_at + level.resolve_within
    updates: list[datetime] = []
    if level.update_every is not None:
        at = started_at + level.update_every
        while at <= resolve_by:
            updates.append(at)
            at += level.update_every
    postmortem_by = None
    if playbook.postmortem is not None:
        postmortem_by = (resolved_at or resolve_by) + playbook.postmortem.meeting_within
    return Timeline(
        level, started_at, started_at + level.respond_within, tuple(updates), resolve_by, postmortem_by
    )


# Rollback decisions -------------------------------------------------------------------


@dataclass(frozen=True)
class Observation:
    """A metric reading and how long it has held (``12%`` for ``6m``)."""

    value: Quantity
    held_for: timedelta = timedelta(0)

    @classmethod
    def of(cls, value: object) -> Observation:
        """Read an :class:`Observation`, a ``(value, held_for)`` pair, or a bare value."""
        if isinstance(value, Observation):
            return value
        held: object = timedelta(0)
        if isinstance(value, tuple):
            if len(value) != 2:
                raise ValueError("an observation is (value, held_for), such as ('12%', '6m')")
            value, held = value
        return cls(Quantity.parse(value), held if isinstance(held, timedelta) else parse_duration(held))


@dataclass(frozen=True)
class Match:
    """A rule that matched (or nearly: held too briefly), and why."""

    rule: str
    tier: Tier
    reason: str

    def to_dict(self) -> dict[str, str]:
        """The match as a JSON-ready mapping."""
        return asdict(self)


@dataclass(frozen=True)
class RollbackDecision:
    """The decision (``immediate``, ``consider`` or ``none``) and the rules behind it.

    ``matched`` lists every rule that matched, most severe tier first;
    ``pending`` lists metric rules whose threshold is crossed but not yet for
    long enough. ``decided_by`` names the role that decides a ``consider``.
    """

    decision: Tier
    matched: tuple[Match, ...]
    pending: tuple[Match, ...] = ()
    decided_by: str | None = None

    def to_dict(self) -> dict[str, Any]:
        """The decision as a JSON-ready mapping."""
        return {
            "decision": self.decision,
            "decided_by": self.decided_by,
            "matched": [m.to_dict() for m in self.matched],
            "pending": [m.to_dict() for m in self.pending],
        }


def describe_condition(rule: Rule, language: str, metric_label: str | None = None) -> str:
    """A metric rule's condition in words; see :meth:`Rule.describe`."""
    return rule.describe(language, metric_label)


def decide_rollback(
    playbook: Playbook,
    metrics: Mapping[str, object] | None = None,
    signals: Iterable[str] = (),
) -> RollbackDecision:
    """Whether the observed metrics and signals call for a rollback.

    ``metrics`` maps metric ids to an :class:`Observation`, a ``(value,
    held_for)`` pair such as ``("12%", "6m")``, or a bare value (held for no
    time). ``signals`` are signal ids that currently hold. The most severe
    matching tier wins; with no match the decision is ``none``. Unknown names
    raise :class:`UnknownNameError` listing the known ones.
    """
    rollback = playbook.rollback
    rules = rollback.rules if rollback is not None else ()
    known_metrics = {m.id: m for m in playbook.metrics}
    known_signals = {s.id: s for s in rollback.signals} if rollback is not None else {}
    observed: dict[str, Observation] = {}
    for name, raw in (metrics or {}).items():
        if name not in known_metrics:
            raise UnknownNameError("metric", name, known_metrics)
        reading = Observation.of(raw)
        unit = known_metrics[name].unit
        if reading.value.unit == "" and unit:
            reading = Observation(Quantity(reading.value.value, unit), reading.held_for)
        if reading.value.dimension != Quantity(0, unit).dimension:
            raise ValueError(f"{name} is measured in {unit or 'a bare number'}, not {reading.value}")
        observed[name] = reading
    holding = list(dict.fromkeys([signals] if isinstance(signals, str) else signals))
    for name in holding:
        if name not in known_signals:
            raise UnknownNameError("signal", name, known_signals)

    say = phrases(playbook.language)
    matched: list[Match] = []
    pending: list[Match] = []
    for rule in rules:
        if rule.signal is not None:
            if rule.signal in holding:
                matched.append(Match(rule.id, rule.tier, known_signals[rule.signal].label))
            continue
        current = observed.get(rule.metric or "")
        if current is None or current.value.base not in interval(rule.above, rule.below, rule.between):
            continue
        label = known_metrics[rule.metric or ""].label
        condition = describe_condition(rule, playbook.language, label)
        seen = f"{current.value}, {say.lasting(current.held_for)}" if current.held_for else f"{current.value}"
        reason = f"{condition}（{seen}）" if say.chinese else f"{condition} (observed {seen})"
        if rule.for_ is not None and current.held_for < rule.for_:
            pending.append(Match(rule.id, rule.tier, reason))
        else:
            matched.append(Match(rule.id, rule.tier, reason))
    matched.sort(key=lambda m: TIER_ORDER[m.tier])
    decision: Tier = matched[0].tier if matched else "none"
    decided_by = None
    if rollback is not None:
        for tier in rollback.tiers:
            if tier.id == decision:
                decided_by = tier.decided_by
    return RollbackDecision(decision, tuple(matched), tuple(pending), decided_by)


# Messages -----------------------------------------------------------------------------


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
    update cadence. A missing, unknown or out-of-choice field raises
    :class:`MessageError` naming it.
    """
    fields = {**(values or {}), **fields}
    template = _template(playbook, template_id)
    level = None
    if severity is not None:
        level = playbook.severity(severity if isinstance(severity, str) else severity.id)
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
        if spec.id in fields:
            value = fields[spec.id]
        elif spec.source == "severity" and level is not None:
            value = level.id
        elif spec.source == "now":
            value = moment.strftime("%H:%M")
        elif spec.source == "next_update" and level is not None and level.update_every is not None:
            value = (moment + level.update_every).strftime("%H:%M")
        else:
            missing.append(
                spec.id + (" (or pass severity=...)" if spec.source in ("severity", "next_update") else "")
            )
            continue
        if spec.choices and value not in spec.choices:
            raise MessageError(f"field {spec.id!r} is {value!r}; choose one of: {', '.join(spec.choices)}")
        filled[spec.id] = value
    if missing:
        raise MessageError(f"template {template_id!r} needs: {', '.join(missing)}")
    return template.fill(filled)


def preview_message(playbook: Playbook, template_id: str) -> str:
    """The template with placeholders shown as the playbook's readers expect.

    A field with choices shows them (``调查中 / 止损中 / 已恢复``), a severity
    field the severity ids (``P0/P1/P2``), any other field its label in
    brackets (``[简短描述]``).
    """
    return _template(playbook, template_id).preview([s.id for s in playbook.severities])
