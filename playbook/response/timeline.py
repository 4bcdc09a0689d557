"""Timelines: the concrete deadlines of one incident."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field, replace
from datetime import datetime, timedelta
from typing import Any, Literal

from playbook.derive.timing import deadline_text, escalation_text, event_name, postmortem_due
from playbook.errors import UnknownNameError
from playbook.model import ExternalRule, InternalRule, Playbook, Severity
from playbook.model.timing import Deadline as RelativeDeadline
from playbook.model.when import BUILTIN_EVENTS
from playbook.problems import printable
from playbook.response.cadence import update_times
from playbook.response.checklist import incident_type_id
from playbook.response.clocks import Clock, clock_for
from playbook.wording import phrases

__all__ = ["MAX_ENTRIES", "MAX_UPDATES", "Deadline", "Timeline", "timeline"]

MAX_ENTRIES = 10_000
"""A timeline lists at most this many deadlines; ``Timeline.truncated`` says when it was cut."""
MAX_UPDATES = MAX_ENTRIES
_HORIZON = timedelta(days=1)

Kind = Literal["acknowledge", "update", "resolve", "postmortem", "report", "escalation", "step", "message"]


Status = Literal["met", "missed", "open", "passed"]
_RECORDED_BY = {"acknowledge": "acknowledged", "resolve": "resolved", "postmortem": "postmortem-meeting"}


@dataclass(frozen=True)
class Deadline:
    """A moment by which something is due, and (given what happened) whether it was met.

    ``status`` is ``met`` or ``missed`` when the event that fulfils the
    deadline is known (acknowledged, resolved); otherwise ``open`` while the
    deadline lies ahead of ``now`` (or of the resolution), and ``passed``
    once it lies behind: the playbook cannot tell whether it was kept.
    None when neither ``now`` nor the resolution is known.
    """

    kind: Kind
    at: datetime
    label: str
    status: Status | None = None

    def to_dict(self) -> dict[str, str | None]:
        """The deadline as a JSON-ready mapping (``at`` in ISO 8601)."""
        return {"kind": self.kind, "at": self.at.isoformat(), "label": self.label, "status": self.status}


@dataclass(frozen=True)
class Timeline:
    """The concrete deadlines of one incident."""

    severity: Severity
    started_at: datetime
    acknowledge_by: datetime | None
    updates: tuple[datetime, ...]
    resolve_by: datetime | None
    postmortem_by: datetime | None
    omitted: int = 0
    """Status updates past the limit that are not listed, where they can be counted."""
    others: tuple[Deadline, ...] = ()
    """Escalations, relative deadlines of steps and messages, the postmortem report."""
    waiting: tuple[str, ...] = ()
    """Deadlines that count from an event that has not happened (or not been given) yet."""
    truncated: bool = False
    """Whether the timeline was cut at :data:`MAX_ENTRIES` entries."""
    notes: tuple[str, ...] = field(default=())
    """What the timeline assumed, such as the horizon of updates without a resolution target."""
    events: Mapping[str, datetime] = field(default_factory=dict)
    """What is known to have happened, and when (declared, acknowledged, resolved, ...)."""
    now: datetime | None = None
    """The moment the timeline is read at, for the status of each deadline."""

    def _status(self, deadline: Deadline) -> Deadline:
        done = self.events.get(_RECORDED_BY.get(deadline.kind, ""))
        if deadline.kind == "resolve":
            # The target is to resolve or to mitigate: whichever came first meets it.
            done = min((self.events[e] for e in ("mitigated", "resolved") if e in self.events), default=None)
        if done is not None:
            return replace(deadline, status="met" if done <= deadline.at else "missed")
        reference = self.now or self.events.get("resolved")
        if reference is None:
            return deadline
        if deadline.kind in _RECORDED_BY and self.now is not None:
            return replace(deadline, status="open" if deadline.at >= reference else "missed")
        return replace(deadline, status="open" if deadline.at >= reference else "passed")

    @property
    def deadlines(self) -> list[Deadline]:
        """Every deadline in time order, each with its status."""
        return [self._status(d) for d in self._deadlines()]

    def _deadlines(self) -> list[Deadline]:
        out = []
        if self.acknowledge_by is not None:
            out.append(Deadline("acknowledge", self.acknowledge_by, "acknowledge"))
        out += [Deadline("update", at, f"status update {n}") for n, at in enumerate(self.updates, 1)]
        if self.resolve_by is not None:
            out.append(Deadline("resolve", self.resolve_by, "resolve or mitigate"))
        if self.postmortem_by is not None:
            out.append(Deadline("postmortem", self.postmortem_by, "postmortem meeting"))
        out += self.others
        return sorted(out, key=lambda d: (d.at, d.kind))

    def to_dict(self) -> dict[str, Any]:
        """The timeline as a JSON-ready mapping."""
        return {
            "severity": self.severity.id,
            "started_at": self.started_at.isoformat(),
            "deadlines": [d.to_dict() for d in self.deadlines],
            "omitted_updates": self.omitted,
            "truncated": self.truncated,
            "waiting": list(self.waiting),
            "notes": list(self.notes),
        }

    def to_text(self) -> str:
        """One line per deadline, in time order: ``2026-01-01T10:30+08:00  acknowledge``."""
        lines = []
        for d in self.deadlines:
            status = f"{d.status:<7} " if d.status else ""
            lines.append(f"{d.at.isoformat(timespec='minutes')}  {status}{printable(d.label)}\n")
        lines += [f"(waiting)  {printable(text)}\n" for text in self.waiting]
        if self.truncated:
            more = f"; {self.omitted} more status updates are not listed" if self.omitted else ""
            lines.append(f"(cut at {MAX_ENTRIES} entries{more})\n")
        lines += [f"({printable(note)})\n" for note in self.notes]
        return "".join(lines)


def _aware(name: str, value: object) -> None:
    if value is None:
        return
    if not isinstance(value, datetime):
        raise TypeError(
            f"{name} must be a datetime, not {type(value).__name__}: use datetime.fromisoformat()"
        )
    if value.tzinfo is None or value.utcoffset() is None:
        raise ValueError(f"{name} must be timezone-aware, such as 2026-01-01T10:00+08:00")


def timeline(
    playbook: Playbook,
    severity: str | Severity,
    started_at: datetime,
    resolved_at: datetime | None = None,
    *,
    incident_type: str | None = None,
    events: Mapping[str, datetime] | None = None,
    states: Mapping[str, datetime] | None = None,
    now: datetime | None = None,
    limit: int = MAX_ENTRIES,
) -> Timeline:
    """The deadlines of an incident of ``severity`` that started at ``started_at``.

    Deadlines run on the severity's clock: around the clock, or, for a
    severity covered by a calendar, in that calendar's working hours only;
    business time (``4bh``, ``2bd``) counts on the covering calendar, else the
    playbook's first. Status updates follow the severity's cadence (which may
    change over time and with the incident's ``states``, each state id mapped
    to when the incident entered it) up to the resolution (``resolved_at``,
    else the resolution target, else a day). ``events`` gives the moments of
    other events (acknowledged, mitigated, first-communication, ...);
    deadlines relative to an event not given are listed as waiting, and an
    escalation whose ``unless`` event came in time does not fire. Unknown
    events, states and incident types raise :class:`UnknownNameError`. At most
    ``limit`` (10 000) deadlines are listed; ``Timeline.truncated`` says when
    the list was cut. Each deadline is marked met, missed, open or passed
    given the events and ``now`` (see :class:`Deadline`); nothing is listed
    after the resolution but the postmortem. Datetimes must be
    timezone-aware: a naive one raises :class:`ValueError`, anything but a
    datetime :class:`TypeError`; a resolution (or any event) before the start
    raises :class:`ValueError`.
    """
    _aware("started_at", started_at)
    _aware("resolved_at", resolved_at)
    _aware("now", now)
    if resolved_at is not None and resolved_at < started_at:
        raise ValueError(
            f"resolved at {resolved_at.isoformat()}, before the incident started ({started_at.isoformat()})"
        )
    for name, moment in (events or {}).items():
        # A declared event (impact started) may come first; acknowledging or resolving may not.
        before = isinstance(moment, datetime) and moment.utcoffset() is not None and moment < started_at
        if before and name in BUILTIN_EVENTS:
            raise ValueError(f"{name} at {moment.isoformat()} is before the incident started")
    for name, moments in (("events", events), ("states", states)):
        for key, value in (moments or {}).items():
            _aware(f"{name}[{key!r}]", value)
    level = playbook.severity(severity)
    incident_type = incident_type_id(playbook, incident_type)
    declared = [*BUILTIN_EVENTS, *(e.id for e in playbook.events)]
    for event in events or {}:
        if event not in declared:
            raise UnknownNameError("event", event, declared)
    for state in states or {}:
        if state not in {s.id for s in playbook.states}:
            raise UnknownNameError("state", state, [s.id for s in playbook.states])
    known = dict(events or {})
    known.setdefault("declared", started_at)
    if resolved_at is not None:
        known.setdefault("resolved", resolved_at)
    try:
        found = _timeline(
            playbook, level, started_at, known, dict(states or {}), incident_type, max(limit, 1)
        )
        return replace(found, events=known, now=now)
    except OverflowError:
        raise ValueError(f"deadlines from {started_at.isoformat()} fall past the year 9999") from None


def _timeline(
    book: Playbook,
    level: Severity,
    started_at: datetime,
    events: dict[str, datetime],
    states: dict[str, datetime],
    incident_type: str | None,
    limit: int,
) -> Timeline:
    clock = clock_for(book, level)
    acknowledge_by = clock.add(started_at, level.respond_within) if level.respond_within is not None else None
    resolve_by = clock.add(started_at, level.resolve_within) if level.resolve_within is not None else None
    resolved_at = events.get("resolved")
    notes: list[str] = []
    end = resolved_at or resolve_by
    if end is None:
        end = started_at + _HORIZON
        for step in level.updates:
            if step.once is not None:
                end = max(end, clock.add(started_at, step.once))
        notes.append("no resolution target: repeated status updates are listed for the first day")
    history = _states(book, started_at, states)
    others: list[Deadline] = []
    waiting: list[str] = []
    for timer in book.escalations:
        if not book.applies(timer.when, level.id, incident_type):
            continue
        if timer.from_ is not None:
            since = events.get(timer.from_)
            if since is None:
                waiting.append(escalation_text(book, timer))
                continue
        else:
            since = history_entry(history, timer.while_state) if timer.while_state else started_at
        if since is None:
            continue
        fires = clock.add(since, timer.after)
        stopped = timer.unless is not None and timer.unless in events and events[timer.unless] <= fires
        left = timer.while_state is not None and _left(history, timer.while_state, since, fires)
        after_resolution = resolved_at is not None and fires > resolved_at
        if not stopped and not left and not after_resolution:
            others.append(Deadline("escalation", fires, escalation_text(book, timer)))
    for kind, label, deadline in _relative(book, level, incident_type):
        at = _relative_at(clock, deadline, events)
        if at is None:
            waiting.append(book_label(book, label, deadline))
        else:
            others.append(Deadline(kind, at, book_label(book, label, deadline)))
    postmortem_by = None
    if book.postmortem is not None and book.postmortem.meeting_within is not None and end is not None:
        base = resolved_at or resolve_by
        if base is not None:
            postmortem_by = clock_for(book, None).add(base, book.postmortem.meeting_within)
    report = postmortem_due(book, level, incident_type)
    if report is not None:
        within = phrases(book.language).duration(report.within)
        label = f"postmortem report (within {within} of {event_name(book, report.after)})"
        base = events.get(report.after) or (resolve_by if report.after == "resolved" else None)
        if base is None:
            waiting.append(label)
        else:
            others.append(Deadline("report", clock_for(book, None).add(base, report.within), label))
    fixed = sum(x is not None for x in (acknowledge_by, resolve_by, postmortem_by))
    truncated = False
    if fixed + len(others) > limit:
        others, truncated = sorted(others, key=lambda d: d.at)[: max(limit - fixed, 0)], True
    updates, cut = update_times(level, clock, started_at, end, history, max(limit - fixed - len(others), 0))
    truncated = truncated or cut
    omitted = 0
    if cut and not level.updates and level.update_every is not None and clock.covered is None:
        omitted = (end - started_at) // level.update_every - len(updates)
    return Timeline(
        level,
        started_at,
        acknowledge_by,
        tuple(updates),
        resolve_by,
        postmortem_by,
        max(omitted, 0),
        tuple(others),
        tuple(waiting),
        truncated,
        tuple(notes),
    )


def _states(book: Playbook, started_at: datetime, states: dict[str, datetime]) -> list[tuple[str, datetime]]:
    history = sorted(states.items(), key=lambda pair: pair[1])
    if book.states and not any(since <= started_at for _, since in history):
        history.insert(0, (book.states[0].id, started_at))
    return history


def history_entry(history: Sequence[tuple[str, datetime]], state: str) -> datetime | None:
    """When the incident entered ``state``, if it did."""
    return next((since for name, since in history if name == state), None)


def _left(history: Sequence[tuple[str, datetime]], state: str, since: datetime, fires: datetime) -> bool:
    return any(name != state and since < moment <= fires for name, moment in history)


def _relative(
    book: Playbook, level: Severity, incident_type: str | None
) -> list[tuple[Kind, str, RelativeDeadline]]:
    found: list[tuple[Kind, str, RelativeDeadline]] = []
    for phase in book.workflow:
        if not book.applies(phase.when, level.id, incident_type):
            continue
        for step in phase.steps:
            if step.deadline is not None and book.applies(step.when, level.id, incident_type):
                found.append(("step", f"{step.id} {step.action}", step.deadline))
    if book.communication is not None:
        rules: list[InternalRule | ExternalRule] = [
            *book.communication.internal,
            *book.communication.external,
        ]
        for rule in rules:
            if rule.deadline is not None and book.applies(rule.when, level.id, incident_type):
                found.append(("message", f"message {rule.id}", rule.deadline))
    return found


def book_label(book: Playbook, label: str, deadline: RelativeDeadline) -> str:
    """``3.2 Post the first update (within 5 minutes of first communication)``."""
    return f"{label} ({deadline_text(book, deadline)})"


def _relative_at(clock: Clock, deadline: RelativeDeadline, events: Mapping[str, datetime]) -> datetime | None:
    moment = events.get(deadline.event)
    if moment is None:
        return None
    if deadline.after is not None:
        return clock.add(moment, deadline.offset)
    return clock.subtract(moment, deadline.offset)
