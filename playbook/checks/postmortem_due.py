"""Each postmortem report has one due date, for an incident that needs a report.

``postmortem.due`` is read in order, and the first entry that applies to an
incident sets when its report is due. So an entry is reported when an
earlier one already covers some of its severities for the same incidents:
the earlier one wins there, and this one never applies. An earlier entry
limited to some incident types, followed by one without types, is an
override (security incidents within 1 day, the others within 5 business
days), not a clash. An entry that names a severity, a group or incident
types that ``required`` leaves out sets a deadline for a report nobody
writes.
"""

from __future__ import annotations

from collections.abc import Iterator

from playbook.checks.base import Cover, Covers, Finding
from playbook.model import Playbook
from playbook.model.postmortem import PostmortemDue
from playbook.problems import Level
from playbook.source import Loc

ID = "postmortem-due"
SEVERITY: Level = "warning"
RELAXABLE = True
PARTIAL: tuple[Loc, ...] = (("postmortem",), ("severity_groups",), ("severities",))


def check(playbook: Playbook) -> Iterator[Finding]:
    postmortem = playbook.postmortem
    if postmortem is None or not postmortem.due:
        return
    covers = Covers(playbook)
    required = covers.of(postmortem.required)
    untyped = 0  # severities covered by earlier entries without incident types
    first: dict[int, int] = {}  # severity bit -> the first of those entries covering it
    typed: dict[str, int] = {}  # incident type -> severities covered by earlier entries naming it
    for n, due in enumerate(postmortem.due):
        loc: Loc = ("postmortem", "due", n)
        cover = covers.of(due.when)
        yield from _not_required(covers, required, due, loc)
        clash = cover.severities & untyped
        for incident_type in cover.types or ():
            clash |= cover.severities & typed.get(incident_type, 0)
        if clash:
            plain = clash & untyped
            earlier = first.get(plain & -plain) if plain else None
            yield Finding(
                loc,
                f"an earlier entry already sets when the report is due for {covers.names(clash)}"
                + (" for these incidents" if cover.types is not None else "")
                + ": the first entry that applies wins, so this one never applies there",
                first=("postmortem", "due", earlier) if earlier is not None else None,
            )
        if cover.types is None:
            fresh = cover.severities & ~untyped
            untyped |= cover.severities
            while fresh:
                lowest = fresh & -fresh
                first[lowest] = n
                fresh ^= lowest
        else:
            for incident_type in cover.types:
                typed[incident_type] = typed.get(incident_type, 0) | cover.severities


def _not_required(covers: Covers, required: Cover, due: PostmortemDue, loc: Loc) -> Iterator[Finding]:
    when = due.when
    if when is None:
        return
    for k, severity_id in enumerate(when.severity):
        bit = covers.bit.get(severity_id, 0)
        if bit and not bit & required.severities:
            yield Finding(
                (*loc, "when", "severity", k),
                f"{severity_id} needs no postmortem ('required' leaves it out): its report has no due date",
            )
    for k, group_id in enumerate(when.group):
        mask = covers.groups.get(group_id, 0)
        if mask and not mask & required.severities:
            yield Finding(
                (*loc, "when", "group", k),
                f"no severity of group '{group_id}' needs a postmortem ('required' leaves them out)",
            )
    if when.incident_type and required.types is not None and not required.types & set(when.incident_type):
        yield Finding(
            (*loc, "when", "incident_type"),
            "'required' asks a postmortem only for incidents of other types: these reports are never written",
        )
