"""Working hours: each calendar's time zone, hours per weekday, holidays, and the levels worked in it."""

from __future__ import annotations

from typing import Any

from playbook.model import WEEKDAYS, Calendar
from playbook.site import escape
from playbook.site.context import Context
from playbook.site.fragments import severity
from playbook.site.page import Page
from playbook.site.templating import page

__all__ = ["PATH", "calendars"]

PATH = "calendars.md"


def calendars(ctx: Context) -> tuple[Page, ...]:
    """``calendars.md``, when the playbook declares calendars: what a level's "office hours only" means."""
    book = ctx.book
    if not book.calendars:
        return ()
    shown: list[dict[str, Any]] = []
    for number, calendar in enumerate(book.calendars):
        covered = [s for s in book.severities if s.coverage == calendar.id]
        shown.append(
            {
                "name": calendar.name or calendar.id,
                "anchor": ctx.calendar_anchors[calendar.id],
                "time_zone": escape.code(calendar.time_zone),
                "business_time": number == 0,
                "hour_rows": _hours(ctx, calendar),
                "holiday_rows": [[h.date.isoformat(), h.name or ctx.L.nothing] for h in calendar.holidays],
                "levels": [severity(ctx, PATH, s.id) for s in covered],
            }
        )
    return (page(ctx, PATH, ctx.T.calendars, "calendars.md.j2", calendars=shown),)


def _hours(ctx: Context, calendar: Calendar) -> list[list[str]]:
    """``[weekday, hours]`` for every day of the week, Monday first: ``09:00–12:00, 13:00–17:30``."""
    rows = []
    for day in WEEKDAYS:
        # HH:MM sorts as text in the order of the day.
        spans = sorted((h.from_, h.to) for h in calendar.hours if day in h.days)
        hours = ", ".join(f"{start}{ctx.T.range}{end}" for start, end in spans)
        rows.append([ctx.T.weekdays[day], hours or ctx.T.closed])
    return rows
