"""Time that knows calendars: business durations, and deadlines counted in working hours.

A span is a calendar duration (``15m``, ``48h``; a :class:`~datetime.timedelta`)
or business time (``4bh`` working hours, ``2bd`` working days; a
:class:`BusinessTime`). A :class:`WorkWeek` is a calendar's weekly working
hours, time zone and holidays, with the arithmetic that puts a deadline on it.
Working hours are wall-clock hours: 09:00 to 17:00 is eight hours, whatever
the day's daylight-saving shift.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta, tzinfo
from typing import Literal

from playbook.units import DURATION_PATTERN, format_duration, parse_duration, shown

__all__ = [
    "BUSINESS_PATTERN",
    "MAX_BUSINESS",
    "SPAN_PATTERN",
    "BusinessTime",
    "Span",
    "WorkWeek",
    "format_span",
    "parse_span",
    "span_key",
]

BusinessUnit = Literal["bh", "bd"]
_BUSINESS = re.compile(r"([0-9]+)(bh|bd)", re.ASCII)
BUSINESS_PATTERN = r"^[1-9][0-9]*(?:bh|bd)$"
SPAN_PATTERN = f"(?:{DURATION_PATTERN})|(?:{BUSINESS_PATTERN})"
MAX_BUSINESS = {"bh": 100_000, "bd": 10_000}
"""The largest business spans a playbook may state: about 40 years of working time."""


@dataclass(frozen=True)
class BusinessTime:
    """An amount of working time on a calendar: ``4bh`` (hours) or ``2bd`` (days)."""

    amount: int
    unit: BusinessUnit

    def __str__(self) -> str:
        return f"{self.amount}{self.unit}"


Span = timedelta | BusinessTime
"""A calendar duration or business time."""


def parse_span(value: object) -> Span:
    """``15m``, ``PT15M`` → :class:`~datetime.timedelta`; ``4bh``, ``2bd`` → :class:`BusinessTime`."""
    if isinstance(value, timedelta | BusinessTime):
        return value
    if isinstance(value, str):
        match = _BUSINESS.fullmatch(value.strip())
        if match:
            amount, unit = int(match.group(1)), match.group(2)
            if amount == 0:
                raise ValueError(f"a duration must be longer than zero, not {shown(value)}")
            if amount > MAX_BUSINESS[unit]:
                raise ValueError(
                    f"{shown(value)} is too long: business time is at most {MAX_BUSINESS[unit]}{unit}"
                )
            return BusinessTime(amount, "bh" if unit == "bh" else "bd")
    try:
        return parse_duration(value)
    except ValueError as error:
        message = str(error)
        if "is not a duration" in message:
            message += "; or business time on a calendar, such as 4bh (working hours) or 2bd (working days)"
        raise ValueError(message) from None


def format_span(value: Span) -> str:
    """A span as it is written: ``1h30m``, ``4bh``."""
    return str(value) if isinstance(value, BusinessTime) else format_duration(value)


def span_key(value: Span) -> tuple[int, float]:
    """A key that orders spans of one kind: calendar time, working hours, working days."""
    if isinstance(value, BusinessTime):
        return (1 if value.unit == "bh" else 2, float(value.amount))
    return (0, value.total_seconds())


_MINUTE = timedelta(minutes=1)
_DAY_MINUTES = 24 * 60


@dataclass(frozen=True)
class WorkWeek:
    """Weekly working hours in a time zone, less holidays.

    ``hours[d]`` lists the working intervals of weekday ``d`` (Monday is 0)
    as ``(start, end)`` minutes after midnight, sorted and not overlapping.
    """

    zone: tzinfo
    hours: tuple[tuple[tuple[int, int], ...], ...]
    holidays: frozenset[date] = frozenset()
    _sorted_holidays: tuple[date, ...] = field(default=(), compare=False)

    def __post_init__(self) -> None:
        object.__setattr__(self, "_sorted_holidays", tuple(sorted(self.holidays)))

    @property
    def weekly_minutes(self) -> int:
        """Working minutes in a week without holidays."""
        return sum(end - start for day in self.hours for start, end in day)

    @property
    def working_days(self) -> int:
        """Weekdays with working hours."""
        return sum(1 for day in self.hours if day)

    def _intervals(self, day: date) -> tuple[tuple[int, int], ...]:
        return () if day in self.holidays else self.hours[day.weekday()]

    def _moment(self, day: date, minute: int) -> datetime:
        start = datetime.combine(day, time(0), tzinfo=self.zone)
        # Wall-clock minutes: 24:00 is the next midnight.
        local = start.replace(tzinfo=None) + timedelta(minutes=minute)
        return local.replace(tzinfo=self.zone)

    def is_open(self, moment: datetime) -> bool:
        """Whether ``moment`` falls in working hours."""
        local = moment.astimezone(self.zone)
        minute = local.hour * 60 + local.minute
        return any(start <= minute < end for start, end in self._intervals(local.date()))

    def _holiday_free_until(self, day: date) -> date | None:
        # The first holiday on or after `day`, so that whole weeks before it can be skipped at once.
        for holiday in self._sorted_holidays:
            if holiday >= day:
                return holiday
        return None

    def _check(self) -> None:
        if self.weekly_minutes <= 0:
            raise ValueError("the calendar has no working hours")

    def add_working(self, start: datetime, amount: timedelta) -> datetime:
        """The moment ``amount`` of working time after ``start``."""
        self._check()
        remaining = amount / _MINUTE
        local = start.astimezone(self.zone)
        day = local.date()
        minute = local.hour * 60 + local.minute + local.second / 60 + local.microsecond / 60e6
        for begin, end in self._intervals(day):
            if begin <= minute and minute + remaining <= end:
                # Within one stretch of working hours: wall-clock time is working time.
                return local + amount
        weekly = self.weekly_minutes
        while True:
            for begin, end in self._intervals(day):
                if minute >= end:
                    continue
                available = end - max(begin, minute)
                if remaining <= available:
                    return self._at(day, max(begin, minute) + remaining)
                remaining -= available
            day += timedelta(days=1)
            minute = 0
            holiday = self._holiday_free_until(day)
            weeks = int(remaining // weekly)
            if weeks > 1:
                if holiday is not None:
                    weeks = min(weeks - 1, (holiday - day).days // 7)
                else:
                    weeks -= 1
                if weeks > 0:
                    remaining -= weeks * weekly
                    day += timedelta(weeks=weeks)

    def _at(self, day: date, minute: float) -> datetime:
        whole = int(minute)
        moment = self._moment(day, whole)
        return moment + timedelta(minutes=minute - whole)

    def next_open(self, start: datetime) -> datetime:
        """``start`` if working hours are on, else the moment they next begin."""
        self._check()
        local = start.astimezone(self.zone)
        day, minute = local.date(), local.hour * 60 + local.minute
        for _ in range(8 + len(self.holidays)):
            for begin, end in self._intervals(day):
                if minute < end:
                    # On a later day the hours open at `begin`, even when that is midnight.
                    if minute >= begin and day == local.date():
                        return local
                    return self._moment(day, begin)
            day += timedelta(days=1)
            minute = 0
        raise ValueError("the calendar has no working hours")

    def add_days(self, start: datetime, days: int) -> datetime:
        """The same working time of day, ``days`` working days after ``start``.

        A start outside working hours counts from the next opening. On a
        shorter working day, the deadline is the day's close.
        """
        self._check()
        opened = self.next_open(start)
        clock = opened.hour * 60 + opened.minute
        day = opened.date()
        per_week = self.working_days
        remaining = days
        while remaining:
            day += timedelta(days=1)
            weeks = (remaining - 1) // per_week
            holiday = self._holiday_free_until(day)
            if holiday is not None:
                weeks = min(weeks, (holiday - day).days // 7)
            if weeks > 0:
                day += timedelta(weeks=weeks)
                remaining -= weeks * per_week
            if self._intervals(day):
                remaining -= 1
        intervals = self._intervals(day)
        for begin, end in intervals:
            if begin <= clock < end:
                return self._at(day, clock + opened.second / 60)
        if clock < intervals[0][0]:
            return self._moment(day, intervals[0][0])
        earlier = [end for begin, end in intervals if end <= clock]
        return self._moment(day, earlier[-1] if earlier else intervals[-1][1])

    def add(self, start: datetime, span: Span) -> datetime:
        """The deadline ``span`` of working time after ``start``: calendar time counts working time too."""
        if isinstance(span, BusinessTime):
            if span.unit == "bd":
                return self.add_days(start, span.amount)
            return self.add_working(start, timedelta(hours=span.amount))
        return self.add_working(start, span)
