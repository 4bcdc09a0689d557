"""Which clock a deadline runs on: around the clock, or a calendar's working hours."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from playbook.clock import BusinessTime, Span, WorkWeek
from playbook.model import Playbook, Severity

__all__ = ["Clock", "clock_for"]


@dataclass(frozen=True)
class Clock:
    """Adds spans to moments: calendar time as is, business time on ``business``.

    With ``covered`` (a severity worked in a calendar's hours only) every span,
    calendar time too, counts working time on that calendar.
    """

    covered: WorkWeek | None
    business: WorkWeek | None

    def add(self, start: datetime, span: Span) -> datetime:
        """The moment ``span`` after ``start``."""
        if self.covered is not None:
            return self.covered.add(start, span).astimezone(start.tzinfo)
        if isinstance(span, BusinessTime):
            if self.business is None:
                raise ValueError(f"{span} is business time, and the playbook declares no calendar")
            return self.business.add(start, span).astimezone(start.tzinfo)
        return start + span

    def subtract(self, end: datetime, span: Span) -> datetime:
        """The moment ``span`` before ``end``: calendar time (the model refuses business time here)."""
        if isinstance(span, BusinessTime):
            raise ValueError(
                f"{span} is business time: a deadline before an event is counted in calendar time"
            )
        return end - span


def clock_for(book: Playbook, severity: Severity | None) -> Clock:
    """The clock of ``severity`` (its coverage), or the playbook's plain clock."""
    business = book.calendars[0].week if book.calendars else None
    covered = None
    if severity is not None and severity.coverage != "24x7":
        calendar = book.calendar(severity.coverage)
        if calendar is not None:
            covered = calendar.week
            business = covered
    return Clock(covered, business)
