"""What loosens a playbook: the diff's verdict on each kind of value, and how each is shown.

A verdict is looser (an incident may be handled later, less often or with
less), stricter, or unknown. Most values are judged by the
:class:`~playbook.model.Looser` marker on their field; a few format 2 values
are judged as a whole, wherever they stand:

- a ``when`` by the incidents it covers (each severity, directly or through
  its groups, with each incident type and with none): covering fewer is
  looser, since everything that carries a ``when`` protects (a step, a
  communication rule, an escalation, a role, the postmortem requirement). No
  ``when`` covers every incident, so removing one is stricter;
- a level's ``band`` by the severity its whole axis gives each measurement:
  a measurement rated less severe (or no longer rated) is looser, whichever
  way the axis runs (more users affected, or less availability, is worse);
- a relative ``deadline``: removing it, a later ``within`` or a shorter
  ``by`` is looser; moving it to another event cannot be judged;
- a severity's update cadence as one schedule, and a calendar's working
  hours and holidays (:mod:`playbook.review.schedule`).
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date, timedelta
from typing import Any

from pydantic import BaseModel

from playbook.clock import format_span
from playbook.model import Looser, Playbook, Severity, Shape
from playbook.model.calendars import Calendar
from playbook.model.classification import Axis, Band
from playbook.model.severity import ALWAYS
from playbook.model.timing import Deadline
from playbook.model.walk import marker
from playbook.model.when import When
from playbook.review import schedule
from playbook.review.verdict import UNKNOWN, Judged, Sides, Verdict, by_order, order, span_order, weekly
from playbook.units import Quantity, format_duration

__all__ = ["Sides", "judge", "show"]


# --- values judged by their field's marker ---------------------------------------------------


def _marked(looser: Looser, old: Any, new: Any, sides: Sides) -> Verdict:
    way = looser.way
    if way == "longer":
        if old is None or new is None:
            # No value: no target at all ("never"), or no wait ("zero").
            return Verdict((new is None) == (looser.absent == "never"))
        return by_order(order(old, new))
    if way in ("higher", "lower"):
        if isinstance(old, Quantity) and isinstance(new, Quantity):
            if old.dimension != new.dimension or old == new:
                return UNKNOWN
            return Verdict(new > old if way == "higher" else new < old)
        return by_order(order(old, new), longer_loosens=way == "higher")
    if way == "narrower":
        if old is None or new is None or old[0].dimension != new[0].dimension:
            return UNKNOWN
        if old[0] <= new[0] and new[1] <= old[1]:
            return Verdict(True)
        if new[0] <= old[0] and old[1] <= new[1]:
            return Verdict(False)
        return UNKNOWN
    if way == "order":
        levels = list(looser.order)
        before, after = str(old), str(new)
        if before not in levels or after not in levels:
            return UNKNOWN
        return Verdict(levels.index(after) > levels.index(before))
    if way == "rank":
        if new is None:
            return Verdict(True) if old is not None else UNKNOWN
        if old is None:
            return UNKNOWN
        ranks = sides.ranks
        return Verdict(ranks[1].get(new, len(ranks[1])) > ranks[0].get(old, len(ranks[0])))
    if way == "coverage":
        return _coverage(str(old), str(new), sides)
    return UNKNOWN


def _coverage(old: str, new: str, sides: Sides) -> Verdict:
    week = 7 * 24 * 60
    found = [
        week if value == ALWAYS else (c.week.weekly_minutes if c is not None else None)
        for value, c in ((old, sides.old.calendar(old)), (new, sides.new.calendar(new)))
    ]
    a, b = found
    if a is None or b is None:
        return UNKNOWN
    note = f"worked {weekly(a)} → {weekly(b)} a week"
    if old == ALWAYS or new == ALWAYS:
        return Verdict(old == ALWAYS, note)
    return Verdict(None if a == b else b < a, note)


# --- when: the incidents something applies to -------------------------------------------------


def _reach(book: Playbook, when: When | None, sides: Sides) -> tuple[set[str], set[str | None]]:
    # Built from the ids the condition names, so each condition costs what it names.
    severities, types = sides.every_severity, sides.every_type
    if when is None:
        return severities, types
    if when.severity or when.group:
        named = [*when.severity, *(s for g in when.group for s in book.groups.get(g, ()))]
        severities = {s for s in named if s in sides.every_severity}
    if when.incident_type:
        types = {t for t in when.incident_type if t in sides.every_type}
    return severities, types


def _covers(outer: tuple[set[str], set[str | None]], inner: tuple[set[str], set[str | None]]) -> bool:
    if not inner[0] or not inner[1]:
        return True
    return inner[0] <= outer[0] and inner[1] <= outer[1]


def _what(severities: set[str], types: set[str | None], sides: Sides) -> list[str]:
    out = [s for s in sides.severities if s in severities]
    out += [f"incident type {t}" for t in sides.incident_types if t is not None and t in types]
    if None in types:
        out.append("incidents of no type")
    return out


def _applies(old: When | None, new: When | None, sides: Sides) -> Verdict | None:
    if old == new and (old is None or all(sides.same_group(g) for g in old.group)):
        return None
    before, after = _reach(sides.old, old, sides), _reach(sides.new, new, sides)
    lost, gained = not _covers(after, before), not _covers(before, after)
    if not lost and not gained:
        return None
    parts = []
    for label, (a, b) in (("no longer for", (before, after)), ("now also for", (after, before))):
        severities = a[0] - b[0] if a[1] else set()
        types = a[1] - b[1] if a[0] else set()
        what = _what(severities, types, sides)
        if what:
            parts.append(f"{label} {', '.join(what)}")
    return Verdict(lost, "; ".join(parts) or None)


def _show_when(when: When | None) -> str:
    if when is None:
        return "always"
    parts = [
        f"{key} {', '.join(ids)}"
        for key, ids in (
            ("severity", when.severity),
            ("group", when.group),
            ("incident_type", when.incident_type),
        )
        if ids
    ]
    return "; ".join(parts)


# --- bands: the severity an axis gives each measurement ----------------------------------------


def _rating(axis: Axis, ranks: dict[str, int], dimension: str, x: float) -> int | None:
    found = [
        ranks.get(level.severity, len(ranks))
        for level in axis.levels
        if level.band is not None
        and level.band.dimension == dimension
        and (level.band.from_ is None or x >= level.band.from_.base)
        and (level.band.to is None or x < level.band.to.base)
    ]
    return min(found, default=None)


def _level_name(book: Playbook, rank: int | None) -> str:
    return book.severities[rank].id if rank is not None and rank < len(book.severities) else "unrated"


def _bands(
    old: Band | None, new: Band | None, axes: tuple[Axis | None, Axis | None], sides: Sides
) -> Verdict:
    first, second = axes
    ends = [b for b in (old, new) if b is not None]
    if first is None or second is None or len({b.dimension for b in ends}) != 1:
        return UNKNOWN
    dimension = ends[0].dimension
    named = {
        end.base: str(end)
        for axis in (first, second)
        for level in axis.levels
        if level.band is not None and level.band.dimension == dimension
        for end in (level.band.from_, level.band.to)
        if end is not None
    }
    points = sorted(named)
    found: list[int | None] = []
    note = None
    for i, x in enumerate([points[0] - 1, *points]):
        a = _rating(first, sides.ranks[0], dimension, x)
        b = _rating(second, sides.ranks[1], dimension, x)
        # A measurement no longer rated is looser; one newly rated is stricter.
        order = (b is None) - (a is None) if a is None or b is None else (b > a) - (b < a)
        found.append(order)
        if order == 1 and note is None:
            if i == 0:
                span = f"below {named[points[0]]}"
            elif i < len(points):
                span = f"{named[points[i - 1]]}-{named[points[i]]}"
            else:
                span = f"{named[points[i - 1]]} and above"
            note = f"{span} rated {_level_name(sides.old, a)} → {_level_name(sides.new, b)}"
    if 1 in found:
        return Verdict(True, note)
    return Verdict(False) if -1 in found else UNKNOWN


def _show_band(band: Band | None) -> str:
    if band is None:
        return "none"
    if band.from_ is not None and band.to is not None:
        return f"{band.from_}-{band.to}"
    return f"from {band.from_}" if band.from_ is not None else f"below {band.to}"


# --- deadlines relative to events --------------------------------------------------------------


def _deadline(old: Deadline | None, new: Deadline | None) -> Verdict:
    if old is None or new is None:
        return Verdict(new is None)
    if (old.after is None) != (new.after is None) or old.event != new.event:
        return UNKNOWN
    # within: a later deadline is looser; by: less notice before the event is looser.
    return by_order(span_order(old.offset, new.offset), longer_loosens=old.after is not None)


def _show_deadline(deadline: Deadline | None) -> str:
    if deadline is None:
        return "none"
    if deadline.after is not None:
        return f"within {format_span(deadline.offset)} after {deadline.after}"
    return f"by {format_span(deadline.offset)} before {deadline.before}"


# --- any value ---------------------------------------------------------------------------------


def show(value: object) -> str:
    """A value as the diff shows it: ``30m``, ``4bh``, ``none``, ``a, b``."""
    if value is None:
        return "none"
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, timedelta):
        return format_duration(value)
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, tuple | list):
        return ", ".join(show(v) for v in value) or "none"
    return str(value)


def _judged(verdict: Verdict | None, old: Any, new: Any, shown: Callable[[Any], str]) -> Judged | None:
    return None if verdict is None else Judged(verdict, shown(old), shown(new))


def judge(
    shape: Shape,
    field: str,
    old: Any,
    new: Any,
    parents: tuple[BaseModel | None, BaseModel | None],
    sides: Sides,
) -> Judged | None:
    """How a value at a position of ``shape`` changed from ``old`` to ``new``; None: not in meaning.

    ``parents`` are the models that hold the value on each side.
    """
    if shape.model is When:
        return _judged(_applies(old, new, sides), old, new, _show_when)
    if shape.model is Band:
        axes = (sides.axis_of(parents[0]), sides.axis_of(parents[1]))
        return None if old == new else _judged(_bands(old, new, axes, sides), old, new, _show_band)
    if shape.model is Deadline:
        return None if old == new else _judged(_deadline(old, new), old, new, _show_deadline)
    first, second = parents
    if isinstance(first, Severity) and isinstance(second, Severity) and field == "update_every":
        moved = bool(first.updates) != bool(second.updates)
        if moved:
            return None  # the change is the cadence's: judged at 'updates'
    looser = marker(shape, Looser)
    way = looser.way if looser is not None else None
    if way == "cadence" and isinstance(first, Severity) and isinstance(second, Severity):
        a, b = schedule.cadence_of(first), schedule.cadence_of(second)
        return None if a == b else _judged(schedule.cadence(a, b), a, b, schedule.show_cadence)
    if way in ("hours", "holidays") and isinstance(first, Calendar) and isinstance(second, Calendar):
        if way == "hours":
            return Judged(
                schedule.hours(first, second, sides), schedule.show_hours(old), schedule.show_hours(new)
            )
        return Judged(
            schedule.holidays(first, second, sides), schedule.show_holidays(old), schedule.show_holidays(new)
        )
    verdict = _marked(looser, old, new, sides) if looser is not None else UNKNOWN
    return Judged(verdict, show(old), show(new))
