"""Business time has a calendar to count on.

A span in business time (``4bh`` working hours, ``2bd`` working days), wherever
it stands (targets, update cadences, deadlines, escalation timers, the
postmortem's due dates), is counted in a calendar's working hours: the
severity's ``coverage`` calendar, else the playbook's first calendar. A
playbook that declares no calendar cannot count it, and its timeline could
not be computed: each such span is reported. A ``coverage`` that names an
unknown calendar is a ``references`` error.
"""

from __future__ import annotations

from collections.abc import Iterator

from playbook.checks.base import Finding
from playbook.clock import BusinessTime
from playbook.model import Playbook, walk
from playbook.problems import Level
from playbook.source import Loc

ID = "business-time"
SEVERITY: Level = "error"
RELAXABLE = False
PARTIAL: tuple[Loc, ...] = (("calendars",), ("severities",))


def check(playbook: Playbook) -> Iterator[Finding]:
    if playbook.calendars:
        return
    for visit in walk(playbook):
        if isinstance(visit.value, BusinessTime):
            yield Finding(
                visit.loc,
                f"{visit.value} is business time, and the playbook declares no calendar to count it on: "
                "add 'calendars', or write calendar time (such as 4h or 2d)",
            )
