"""The pieces every verdict of the semantic diff is made of: the verdict, the two sides, durations.

Durations compare like with like: calendar time with calendar time, working
hours with working hours, working days with working days. Calendar time
becoming as much business time or more (``4h`` → ``4bh``, ``1d`` → ``1bd``)
is looser, because working time never runs faster than the wall clock.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import timedelta
from functools import cached_property

from playbook.clock import BusinessTime, Span, format_span
from playbook.model import Period, Playbook, walk
from playbook.model.classification import Axis
from playbook.units import Quantity, format_duration

__all__ = [
    "UNKNOWN",
    "Judged",
    "Sides",
    "Verdict",
    "by_order",
    "interval_text",
    "order",
    "span_order",
    "weekly",
]


@dataclass(frozen=True)
class Verdict:
    """``loosens``: True looser, False stricter, None unknown; ``note`` says why or what it affects."""

    loosens: bool | None
    note: str | None = None


UNKNOWN = Verdict(None)


@dataclass(frozen=True)
class Judged:
    """A change of value, judged: the verdict and both values as shown."""

    verdict: Verdict
    before: str
    after: str


class Sides:
    """The two playbooks compared, with what verdicts look up in them."""

    def __init__(self, old: Playbook, new: Playbook) -> None:
        self.old = old
        self.new = new

    @cached_property
    def ranks(self) -> tuple[dict[str, int], dict[str, int]]:
        """Each side's severity id → its rank (0 most severe)."""
        return (
            {s.id: i for i, s in enumerate(self.old.severities)},
            {s.id: i for i, s in enumerate(self.new.severities)},
        )

    @cached_property
    def severities(self) -> list[str]:
        """The severity ids both sides define, in the old order."""
        kept = {s.id for s in self.new.severities}
        return [s.id for s in self.old.severities if s.id in kept]

    @cached_property
    def incident_types(self) -> list[str | None]:
        """The incident types both sides define, and None (an incident of no declared type)."""
        kept = {t.id for t in self.new.incident_types}
        return [*(t.id for t in self.old.incident_types if t.id in kept), None]

    @cached_property
    def every_severity(self) -> set[str]:
        """The severity ids both sides define."""
        return set(self.severities)

    @cached_property
    def every_type(self) -> set[str | None]:
        """The incident types both sides define, and None."""
        return set(self.incident_types)

    @cached_property
    def _same_groups(self) -> set[str]:
        old, new = self.old.groups, self.new.groups
        return {group for group, severities in old.items() if new.get(group) == severities}

    def same_group(self, group: str) -> bool:
        """Whether a severity group has the same severities on both sides."""
        return group in self._same_groups

    @cached_property
    def business_time(self) -> bool:
        """Whether the new playbook states any business time (counted on its first calendar)."""
        return any(isinstance(visit.value, BusinessTime) for visit in walk(self.new))

    @cached_property
    def _axes(self) -> dict[int, Axis]:
        return {
            id(level): axis
            for book in (self.old, self.new)
            for axis in book.classification.axes
            for level in axis.levels
        }

    def axis_of(self, level: object) -> Axis | None:
        """The axis (of either side) that holds this level."""
        return self._axes.get(id(level))

    def affected(self, calendar: str) -> list[str]:
        """What a change to ``calendar`` affects in the new playbook: severities it covers, business time."""
        out = [s.id for s in self.new.severities if s.coverage == calendar]
        if self.business_time and self.new.calendars and self.new.calendars[0].id == calendar:
            out.append("business time")
        return out


_UNIT = {"bh": timedelta(hours=1), "bd": timedelta(days=1)}


def _sign(number: float) -> int:
    return (number > 0) - (number < 0)


def span_order(old: Span, new: Span) -> int | None:
    """1 when ``new`` is longer, -1 shorter, 0 the same, None when they cannot be compared."""
    if isinstance(old, BusinessTime) and isinstance(new, BusinessTime):
        return _sign(new.amount - old.amount) if old.unit == new.unit else None
    if isinstance(new, BusinessTime):
        assert isinstance(old, timedelta)
        return 1 if new.amount * _UNIT[new.unit] >= old else None
    if isinstance(old, BusinessTime):
        return -1 if new <= old.amount * _UNIT[old.unit] else None
    return _sign((new - old).total_seconds())


def _as_span(value: object) -> Span | None:
    if value == "immediately":
        return timedelta(0)
    return value if isinstance(value, timedelta | BusinessTime) else None


def _length(value: object) -> float | None:
    if isinstance(value, Period):
        return value.days
    if isinstance(value, Quantity):
        return value.base
    return None


def order(old: object, new: object) -> int | None:
    """Like :func:`span_order`, for any durations, periods or quantities (``immediately`` is zero)."""
    a, b = _as_span(old), _as_span(new)
    if a is not None and b is not None:
        return span_order(a, b)
    x, y = _length(old), _length(new)
    return None if x is None or y is None else _sign(y - x)


def by_order(found: int | None, longer_loosens: bool = True) -> Verdict:
    """The verdict on an :func:`order`: longer loosens (with ``longer_loosens`` false, tightens)."""
    if not found:
        return UNKNOWN
    return Verdict((found > 0) == longer_loosens)


def weekly(minutes: int) -> str:
    """Working minutes a week as a duration: ``40h``."""
    return format_duration(timedelta(minutes=minutes)) if minutes else "0h"


def interval_text(every: Span | None) -> str:
    """``every 20m``, or ``none``."""
    return f"every {format_span(every)}" if every is not None else "none"
