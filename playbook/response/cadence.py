"""Status updates of one incident: a cadence that changes over time and with the incident's state."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime

from playbook.model import Severity
from playbook.model.timing import Cadence
from playbook.response.clocks import Clock

__all__ = ["update_times"]


def _state_at(states: Sequence[tuple[str, datetime]], moment: datetime) -> str | None:
    current = None
    for state, since in states:
        if since <= moment:
            current = state
    return current


def _next_boundary(
    states: Sequence[tuple[str, datetime]], windows: list[datetime], moment: datetime
) -> datetime | None:
    later = [since for _, since in states if since > moment] + [w for w in windows if w > moment]
    return min(later) if later else None


def _applies(
    step: Cadence,
    window: tuple[datetime, datetime | None],
    moment: datetime,
    state: str | None,
    index: int,
    done: set[int],
) -> bool:
    opens, closes = window
    in_window = opens <= moment and (closes is None or moment < closes)
    return in_window and (step.state is None or step.state == state) and index not in done


def update_times(
    severity: Severity,
    clock: Clock,
    start: datetime,
    end: datetime,
    states: Sequence[tuple[str, datetime]],
    limit: int,
) -> tuple[list[datetime], bool]:
    """The status updates due after ``start`` and no later than ``end``, at most ``limit`` of them.

    Returns the moments and whether the list was cut at ``limit``. A step
    with ``until`` applies from the end of the step before it (or the start)
    up to ``until`` after the start; a step with ``state`` only while the
    incident is in that state. At any moment the first step that applies
    sets the interval; when the step in force changes, the next update counts
    from the change.
    """
    steps: Sequence[Cadence] = severity.updates
    if not steps and severity.update_every is not None:
        steps = (Cadence(every=severity.update_every),)
    if not steps:
        return [], False
    # Each step's window: [opens, closes).
    windows: list[tuple[datetime, datetime | None]] = []
    opens = start
    for step in steps:
        closes = clock.add(start, step.until) if step.until is not None else None
        windows.append((opens, closes))
        if closes is not None and step.state is None:
            opens = closes
    edges = [w for pair in windows for w in pair if w is not None]
    done_once: set[int] = set()
    out: list[datetime] = []
    moment = start
    while moment < end:
        state = _state_at(states, moment)
        active = next(
            (i for i, step in enumerate(steps) if _applies(step, windows[i], moment, state, i, done_once)),
            None,
        )
        boundary = _next_boundary(states, edges, moment)
        if active is None:
            if boundary is None:
                break
            moment = boundary
            continue
        step = steps[active]
        if step.once is not None:
            due = clock.add(windows[active][0] if step.state is None else moment, step.once)
            done_once.add(active)
        else:
            assert step.every is not None
            due = clock.add(moment, step.every)
        if boundary is not None and boundary < due and step.once is None:
            moment = boundary
            continue
        if due > end:
            break
        if len(out) >= limit:
            return out, True
        out.append(due)
        moment = due
    return out, False
