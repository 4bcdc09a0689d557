"""A calendar states each working hour and each holiday once.

Within one calendar, the working hours of one weekday do not overlap: two
entries that both cover Monday from 12:00 to 13:00 say that hour twice, and
one of them is likely a typo. Hours that touch (09:00 to 12:00, then 12:00 to
17:00) do not overlap. A weekday is not listed twice in one entry, and a
holiday is not listed twice.

Reading the file already refuses an unknown time zone, a time that is not
HH:MM, hours that end before they start and a calendar without hours, each
at its line; so every calendar has working time every week. A holiday on a
day without working hours (a Sunday) is accepted: published lists of public
holidays name such days, and the entry does no harm.
"""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date

from playbook.checks.base import Finding
from playbook.model import Playbook
from playbook.model.calendars import WEEKDAYS, Calendar, minutes
from playbook.problems import Level
from playbook.source import Loc

ID = "calendars"
SEVERITY: Level = "error"
RELAXABLE = True
PARTIAL: tuple[Loc, ...] = (("calendars",),)


def check(playbook: Playbook) -> Iterator[Finding]:
    for index, calendar in enumerate(playbook.calendars):
        loc: Loc = ("calendars", index)
        yield from _days_twice(calendar, loc)
        yield from _overlaps(calendar, loc)
        first: dict[date, int] = {}
        for n, holiday in enumerate(calendar.holidays):
            if holiday.date in first:
                yield Finding(
                    (*loc, "holidays", n),
                    f"holiday {holiday.date.isoformat()} is listed twice in calendar '{calendar.id}'",
                    first=(*loc, "holidays", first[holiday.date]),
                )
            else:
                first[holiday.date] = n


def _days_twice(calendar: Calendar, loc: Loc) -> Iterator[Finding]:
    for n, hours in enumerate(calendar.hours):
        seen: set[str] = set()
        for k, day in enumerate(hours.days):
            if day in seen:
                yield Finding((*loc, "hours", n, "days", k), f"{day} is listed twice in these working hours")
            seen.add(day)


def _overlaps(calendar: Calendar, loc: Loc) -> Iterator[Finding]:
    # Per weekday, the entries sorted by start; an entry that starts before the latest end so
    # far overlaps the entry that reaches it. The one listed later is reported, once per pair.
    clashes: dict[tuple[int, int], list[str]] = {}
    for day in WEEKDAYS:
        spans = sorted(
            (minutes(hours.from_), n, minutes(hours.to))
            for n, hours in enumerate(calendar.hours)
            if day in hours.days
        )
        reach: tuple[int, int] | None = None  # (end, entry) of the entry that ends latest so far
        for start, n, end in spans:
            if reach is not None and start < reach[0]:
                pair = (max(n, reach[1]), min(n, reach[1]))
                days = clashes.setdefault(pair, [])
                if day not in days:
                    days.append(day)
            if reach is None or end > reach[0]:
                reach = (end, n)
    for (later, earlier), days in sorted(clashes.items()):
        mine, theirs = calendar.hours[later], calendar.hours[earlier]
        yield Finding(
            (*loc, "hours", later),
            f"working hours {mine.from_}-{mine.to} overlap {theirs.from_}-{theirs.to} "
            f"on {', '.join(days)} in calendar '{calendar.id}'",
            first=(*loc, "hours", earlier),
        )
