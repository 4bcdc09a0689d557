"""Deadlines and timers count from events that exist and can come first.

Every event a deadline counts from or back to (``deadline.after``,
``deadline.before``), that stops an escalation timer (``unless``), or that
a postmortem report is due after (``postmortem.due[].after``) is one every
incident has (declared, acknowledged, mitigated, resolved) or one the
playbook declares in ``events``; an unknown one is reported with the events
that would be valid. Nothing comes before an incident is declared, so a
deadline ``before: declared`` cannot be met; and every incident is
declared, so a timer ``unless: declared`` could never fire.
"""

from __future__ import annotations

from collections.abc import Iterator

from playbook.checks.base import Finding
from playbook.model import Playbook, walk
from playbook.model.postmortem import PostmortemDue
from playbook.model.timing import Deadline, Escalation
from playbook.model.when import BUILTIN_EVENTS
from playbook.problems import Level
from playbook.source import Loc

ID = "events"
SEVERITY: Level = "error"
RELAXABLE = False
PARTIAL: tuple[Loc, ...] = (("events",),)

_FIRST = BUILTIN_EVENTS[0]


def check(playbook: Playbook) -> Iterator[Finding]:
    known = dict.fromkeys([*BUILTIN_EVENTS, *(event.id for event in playbook.events)])
    listing = ", ".join(list(known)[:12]) + (", ..." if len(known) > 12 else "")
    for visit in walk(playbook):
        value = visit.value
        names: list[tuple[str, str | None]] = []
        if isinstance(value, Deadline):
            names = [("after", value.after), ("before", value.before)]
        elif isinstance(value, Escalation):
            names = [("unless", value.unless)]
        elif isinstance(value, PostmortemDue):
            names = [("after", value.after)]
        for key, event in names:
            if event is None:
                continue
            loc: Loc = (*visit.loc, key)
            if event not in known:
                yield Finding(loc, f"unknown event '{event}' (known: {listing})")
            elif event == _FIRST and key == "before":
                yield Finding(
                    loc,
                    f"nothing comes before an incident is {_FIRST}: count from it instead "
                    f"({{within: ..., after: {_FIRST}}})",
                )
            elif event == _FIRST and key == "unless":
                yield Finding(
                    loc, f"every incident is {_FIRST}, so this timer could never fire: name another event"
                )
