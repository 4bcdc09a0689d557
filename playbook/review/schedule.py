"""The diff's verdicts on time: a severity's update cadence as one schedule, a calendar's hours and holidays.

A cadence is compared as the interval between updates at every moment since
the incident was declared (``update_every`` is a cadence of one step): less
often, or no update where there was one, at any moment is looser. So a later
``until`` is looser only when the step it extends is less frequent than the
step after it: "every 20 minutes for 2 hours, then hourly" made "for 3
hours" is stricter. One-off and per-state steps are compared step by step.

A calendar's working hours and holidays loosen what it covers: the
severities worked on it, and business time when it is the first calendar.
"""

from __future__ import annotations

from collections.abc import Sequence

from playbook.clock import Span, format_span, span_key
from playbook.model import Severity
from playbook.model.calendars import Calendar, Holiday, WorkingHours
from playbook.model.timing import Cadence
from playbook.review.verdict import UNKNOWN, Sides, Verdict, interval_text, span_order, weekly

__all__ = ["cadence", "cadence_of", "holidays", "hours", "show_cadence", "show_holidays", "show_hours"]


def cadence_of(severity: Severity) -> tuple[Cadence, ...]:
    """A severity's update cadence: its ``updates``, or ``update_every`` as a cadence of one step."""
    if severity.updates:
        return severity.updates
    return (Cadence(every=severity.update_every),) if severity.update_every is not None else ()


Segment = tuple[Span | None, Span | None, Span]
"""From (None: the declaration), until (None: for good), the interval."""


def _plan(steps: Sequence[Cadence]) -> list[Segment] | None:
    # Only timed steps of 'every' make a schedule of intervals; one-off and per-state updates do not.
    segments: list[Segment] = []
    start: Span | None = None
    for step in steps:
        if step.every is None or step.state is not None:
            return None
        segments.append((start, step.until, step.every))
        if step.until is None:
            break
        start = step.until
    return segments


def _interval(plan: list[Segment], moment: tuple[int, float]) -> Span | None:
    for start, end, every in plan:
        if (start is None or span_key(start) <= moment) and (end is None or moment < span_key(end)):
            return every
    return None


def _schedule(old: list[Segment], new: list[Segment]) -> Verdict | None:
    bounds = {span_key(b) for plan in (old, new) for s, e, _ in plan for b in (s, e) if b is not None}
    if len({kind for kind, _ in bounds}) > 1:
        return UNKNOWN
    kind = next(iter(bounds))[0] if bounds else 0
    points = sorted({(kind, 0.0), *bounds})
    named = {
        span_key(b): format_span(b)
        for plan in (old, new)
        for s, e, _ in plan
        for b in (s, e)
        if b is not None
    }
    found: list[int | None] = []
    note = None
    for i, point in enumerate(points):
        a, b = _interval(old, point), _interval(new, point)
        # No update where there was one is looser.
        order = (b is None) - (a is None) if a is None or b is None else span_order(a, b)
        found.append(order)
        if order == 1 and note is None:
            start = named.get(point, "0")
            span = f"{start}–{named[points[i + 1]]}" if i + 1 < len(points) else f"after {start}"
            note = f"{span}: {interval_text(a)} → {interval_text(b)}"
    if 1 in found:
        return Verdict(True, note)
    if None in found:
        return UNKNOWN
    return Verdict(False) if -1 in found else None


def _steps(old: Sequence[Cadence], new: Sequence[Cadence]) -> Verdict:
    found: list[int | None] = [1] if len(new) < len(old) else []
    for a, b in zip(old, new, strict=False):
        if a.state != b.state or a.until != b.until or (a.every is None) != (b.every is None):
            found.append(None)
            continue
        x, y = (a.every, b.every) if a.every is not None else (a.once, b.once)
        assert x is not None and y is not None
        found.append(span_order(x, y))
    found += [-1] * (len(new) - len(old))
    if 1 in found:
        return Verdict(True)
    return UNKNOWN if None in found or -1 not in found else Verdict(False)


def cadence(old: Sequence[Cadence], new: Sequence[Cadence]) -> Verdict | None:
    """The verdict on a cadence that changed from ``old`` to ``new``; None: the same schedule."""
    a, b = _plan(old), _plan(new)
    if a is not None and b is not None:
        return _schedule(a, b)
    return _steps(old, new)


def show_cadence(steps: Sequence[Cadence]) -> str:
    """``every 20m until 2h; every 1h``."""
    shown = []
    for step in steps:
        text = f"once at {format_span(step.once)}" if step.once is not None else interval_text(step.every)
        if step.until is not None:
            text += f" until {format_span(step.until)}"
        if step.state is not None:
            text += f" while {step.state}"
        shown.append(text)
    return "; ".join(shown) or "none"


def _affects(calendar: Calendar, sides: Sides, base: str) -> tuple[list[str], str]:
    affected = sides.affected(calendar.id)
    tail = f"affects {', '.join(affected)}" if affected else "no severity is worked on it"
    return affected, f"{base}; {tail}" if base else tail


def hours(old: Calendar, new: Calendar, sides: Sides) -> Verdict:
    """Fewer working hours a week is looser for what the calendar covers."""
    a, b = old.week.weekly_minutes, new.week.weekly_minutes
    affected, note = _affects(new, sides, f"{weekly(a)} → {weekly(b)} a week")
    return Verdict(None if a == b or not affected else b < a, note)


def holidays(old: Calendar, new: Calendar, sides: Sides) -> Verdict:
    """A day off added is looser for what the calendar covers; only days removed is stricter."""
    before, after = {h.date for h in old.holidays}, {h.date for h in new.holidays}
    added, removed = sorted(after - before), sorted(before - after)
    base = "; ".join(
        f"{label} {', '.join(d.isoformat() for d in days)}"
        for label, days in (("adds", added), ("removes", removed))
        if days
    )
    affected, note = _affects(new, sides, base)
    if not affected or not (added or removed):
        return Verdict(None, note)
    return Verdict(bool(added), note)


def show_hours(hours: Sequence[WorkingHours]) -> str:
    """``mon, tue 09:00-17:00; sat 10:00-14:00``."""
    return "; ".join(f"{', '.join(h.days)} {h.from_}-{h.to}" for h in hours)


def show_holidays(holidays: Sequence[Holiday]) -> str:
    """``2026-12-25 (Christmas Day), 2026-12-26``."""
    shown = [h.date.isoformat() + (f" ({h.name})" if h.name else "") for h in holidays]
    return ", ".join(shown) or "none"
