"""Calendars: time zone, weekly working hours and holidays, for coverage and business time."""

from __future__ import annotations

import re
from datetime import date
from functools import cached_property
from typing import Annotated, Any, Literal
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from pydantic import AfterValidator, BeforeValidator, Field, ValidationInfo, field_validator

from playbook.clock import WorkWeek
from playbook.model.base import DateText, Id, Identity, Looser, Node, Text
from playbook.units import shown

__all__ = ["WEEKDAYS", "Calendar", "Holiday", "WorkingHours"]

WEEKDAYS = ("mon", "tue", "wed", "thu", "fri", "sat", "sun")
Weekday = Literal["mon", "tue", "wed", "thu", "fri", "sat", "sun"]
_CLOCK = re.compile(r"([01][0-9]|2[0-3]):([0-5][0-9])|24:00", re.ASCII)


def _clock(value: object) -> str:
    if isinstance(value, int) and not isinstance(value, bool):
        raise ValueError(f"a time of day is text such as '09:00', in quotes, not {shown(value)}")
    if not isinstance(value, str) or not _CLOCK.fullmatch(value.strip()):
        raise ValueError(f"a time of day is written HH:MM, such as '09:00' or '17:30', not {shown(value)}")
    return value.strip()


ClockTime = Annotated[
    str, BeforeValidator(_clock), Field(description="A time of day, HH:MM (24:00 ends a day).")
]


def minutes(clock: str) -> int:
    """``'09:30'`` → 570."""
    hours, mins = clock.split(":")
    return int(hours) * 60 + int(mins)


class WorkingHours(Node):
    """Working hours on some weekdays: ``{days: [mon, tue, wed, thu, fri], from: '09:00', to: '17:00'}``."""

    days: tuple[Weekday, ...] = Field(min_length=1)
    """The weekdays: mon, tue, wed, thu, fri, sat, sun."""
    from_: ClockTime = Field(alias="from")
    """When work starts (HH:MM)."""
    to: ClockTime
    """When work ends (HH:MM); later than ``from``."""

    @field_validator("to")
    @classmethod
    def _after_start(cls, value: str, info: ValidationInfo) -> str:
        # Refused at 'to', the value to change; 'from' is validated first and is absent if invalid.
        start = info.data.get("from_")
        if start is not None and minutes(value) <= minutes(start):
            raise ValueError(f"working hours end after they start, not from {start} to {value}")
        return value


class Holiday(Node):
    """A day without working hours."""

    date: DateText
    """The day (YYYY-MM-DD)."""
    name: Text | None = None
    """The holiday's name."""


def _holiday(value: object) -> object:
    if isinstance(value, str | date):
        return {"date": value}
    if not isinstance(value, dict):
        raise ValueError(f"a holiday is a date, YYYY-MM-DD, or {{date, name}}, not {shown(value)}")
    return value


def _zone(value: str) -> str:
    try:
        ZoneInfo(value)
    except (ZoneInfoNotFoundError, ValueError):
        raise ValueError(f"unknown time zone {value!r}: use an IANA name such as Europe/London") from None
    return value


class Calendar(Node):
    """A calendar of working time: business time is counted on it, and coverage names it."""

    id: Annotated[Id, Identity("calendar")]
    """The calendar's id, as ``coverage`` names it."""
    name: Text | None = None
    """The calendar's name, such as Office hours."""
    time_zone: Annotated[str, AfterValidator(_zone)]
    """An IANA time zone, such as Europe/London."""
    hours: Annotated[tuple[WorkingHours, ...], Looser("hours")] = Field(min_length=1)
    """The weekly working hours."""
    holidays: Annotated[
        tuple[Annotated[Holiday, BeforeValidator(_holiday, json_schema_input_type=DateText | Holiday)], ...],
        Looser("holidays"),
    ] = Field((), max_length=5000)
    """Days without working hours: dates, or ``{date, name}``."""

    @cached_property
    def week(self) -> WorkWeek:
        """The calendar as arithmetic: :meth:`WorkWeek.add` puts a deadline on it."""
        days: list[list[tuple[int, int]]] = [[] for _ in WEEKDAYS]
        for hours in self.hours:
            for day in hours.days:
                days[WEEKDAYS.index(day)].append((minutes(hours.from_), minutes(hours.to)))
        merged: list[tuple[tuple[int, int], ...]] = []
        for intervals in days:
            out: list[tuple[int, int]] = []
            for start, end in sorted(intervals):
                if out and start <= out[-1][1]:
                    out[-1] = (out[-1][0], max(out[-1][1], end))
                else:
                    out.append((start, end))
            merged.append(tuple(out))
        return WorkWeek(ZoneInfo(self.time_zone), tuple(merged), frozenset(h.date for h in self.holidays))

    def __deepcopy__(self, memo: dict[int, Any] | None = None) -> Any:
        copied = super().__deepcopy__(memo)
        copied.__dict__.pop("week", None)
        return copied
