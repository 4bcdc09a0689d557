"""Timelines: the concrete deadlines of one incident."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Any, Literal

from playbook.model import Playbook, Severity
from playbook.problems import printable

__all__ = ["MAX_UPDATES", "Deadline", "Timeline", "timeline"]

MAX_UPDATES = 10_000
"""A timeline lists at most this many status updates; the rest are counted in ``Timeline.omitted``."""


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
    omitted: int = 0
    """Status updates past :data:`MAX_UPDATES` that are not listed (a cadence far shorter than the target)."""

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
            "omitted_updates": self.omitted,
        }

    def to_text(self) -> str:
        """One line per deadline, in time order: ``2026-01-01T10:30+08:00  acknowledge``."""
        return "".join(
            f"{d.at.isoformat(timespec='minutes')}  {printable(d.label)}\n" for d in self.deadlines
        )


def timeline(
    playbook: Playbook,
    severity: str | Severity,
    started_at: datetime,
    resolved_at: datetime | None = None,
) -> Timeline:
    """The deadlines of an incident of ``severity`` that started at ``started_at``.

    Status updates fall every ``update_every`` after the start, up to the
    resolution target; at most :data:`MAX_UPDATES` are listed, and
    ``Timeline.omitted`` counts the rest. The postmortem meeting is due
    ``meeting_within`` after ``resolved_at``, or after the resolution target
    when that is not known. Datetimes must be timezone-aware: a naive one
    raises :class:`ValueError`, anything but a datetime :class:`TypeError`.
    """
    for name, value in (("started_at", started_at), ("resolved_at", resolved_at)):
        if value is not None and not isinstance(value, datetime):
            raise TypeError(
                f"{name} must be a datetime, not {type(value).__name__}: use datetime.fromisoformat()"
            )
        if value is not None and (value.tzinfo is None or value.utcoffset() is None):
            raise ValueError(f"{name} must be timezone-aware, such as 2026-01-01T10:00+08:00")
    level = playbook.severity(severity)
    try:
        return _timeline(playbook, level, started_at, resolved_at)
    except OverflowError:
        raise ValueError(f"deadlines from {started_at.isoformat()} fall past the year 9999") from None


def _timeline(
    playbook: Playbook, level: Severity, started_at: datetime, resolved_at: datetime | None
) -> Timeline:
    resolve_by = started_at + level.resolve_within
    updates: list[datetime] = []
    omitted = 0
    if level.update_every is not None:
        due = (resolve_by - started_at) // level.update_every
        omitted = max(due - MAX_UPDATES, 0)
        updates = [started_at + level.update_every * n for n in range(1, min(due, MAX_UPDATES) + 1)]
    postmortem_by = None
    if playbook.postmortem is not None:
        postmortem_by = (resolved_at or resolve_by) + playbook.postmortem.meeting_within
    return Timeline(
        level,
        started_at,
        started_at + level.respond_within,
        tuple(updates),
        resolve_by,
        postmortem_by,
        omitted,
    )
