"""Working-time arithmetic on a calendar: when hours open, and deadlines in business days."""

from __future__ import annotations

from datetime import UTC, datetime
from zoneinfo import ZoneInfo

import pytest

from playbook.clock import BusinessTime, WorkWeek

WHOLE_DAYS = WorkWeek(UTC, tuple(((0, 1440),) if d < 5 else () for d in range(7)))
OFFICE = WorkWeek(ZoneInfo("Europe/London"), tuple(((540, 1020),) if d < 5 else () for d in range(7)))


@pytest.mark.parametrize(
    ("week", "start", "opens"),
    [
        # Saturday 11:00: a week whose days start at midnight opens on Monday at 00:00.
        (WHOLE_DAYS, datetime(2026, 1, 10, 11, tzinfo=UTC), datetime(2026, 1, 12, tzinfo=UTC)),
        (WHOLE_DAYS, datetime(2026, 1, 9, 11, tzinfo=UTC), datetime(2026, 1, 9, 11, tzinfo=UTC)),
        (OFFICE, datetime(2026, 1, 10, 11, tzinfo=UTC), datetime(2026, 1, 12, 9, tzinfo=UTC)),
        (OFFICE, datetime(2026, 1, 9, 8, tzinfo=UTC), datetime(2026, 1, 9, 9, tzinfo=UTC)),
        (OFFICE, datetime(2026, 1, 9, 18, tzinfo=UTC), datetime(2026, 1, 12, 9, tzinfo=UTC)),
    ],
)
def test_next_open(week: WorkWeek, start: datetime, opens: datetime) -> None:
    assert week.next_open(start) == opens


@pytest.mark.parametrize(
    ("start", "due"),
    [
        # Thursday 15:00 + 5 business days: the next Thursday, across the weekend.
        (datetime(2026, 1, 8, 15, tzinfo=UTC), datetime(2026, 1, 15, 15, tzinfo=UTC)),
        # Saturday counts from Monday's opening: five whole days later.
        (datetime(2026, 1, 10, 11, tzinfo=UTC), datetime(2026, 1, 19, tzinfo=UTC)),
    ],
)
def test_business_days_on_whole_days(start: datetime, due: datetime) -> None:
    assert WHOLE_DAYS.add(start, BusinessTime(5, "bd")) == due
