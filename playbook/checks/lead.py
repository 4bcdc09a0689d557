"""Incidents that have a lead have one engaged for them (a warning).

A severity is led by its own ``lead``, else by the playbook's. Some
playbooks name a lead for their most severe levels only (minor incidents
need none), so levels may go without one; but a level more severe than one
that has a lead does not, which is most likely an omission. A role that
leads a level is engaged for it: a lead whose ``when`` leaves the level out
(or limits it to some incident types) leaves those incidents without their
lead. Warnings, since a playbook may mean either.
"""

from __future__ import annotations

from collections.abc import Iterator

from playbook.checks.base import Cover, Covers, Finding
from playbook.model import Playbook
from playbook.model.when import When
from playbook.problems import Level
from playbook.source import Loc

ID = "lead"
SEVERITY: Level = "warning"
RELAXABLE = True
PARTIAL: tuple[Loc, ...] = (("roles",), ("severities",))


def check(playbook: Playbook) -> Iterator[Finding]:
    levels = playbook.severities
    if playbook.lead is None:
        last = max((n for n, s in enumerate(levels) if s.lead is not None), default=0)
        for n, severity in enumerate(levels[:last]):
            if severity.lead is None:
                yield Finding(
                    ("severities", n),
                    f"{severity.id} has no lead, while {levels[last].id}, less severe, has one: "
                    f"give {severity.id} a 'lead', or give the playbook one",
                )
    covers = Covers(playbook)
    roles: dict[str, Cover] = {}
    conditions: dict[str, When] = {}
    for role in playbook.roles:
        if role.when is not None and role.id not in roles:
            roles[role.id] = covers.of(role.when)
            conditions[role.id] = role.when
    left_out = 0
    for n, severity in enumerate(levels):
        lead = severity.lead or playbook.lead
        if lead is None or lead not in roles:
            continue
        cover, bit = roles[lead], covers.bit[severity.id]
        if bit & cover.severities and cover.types is None:
            continue
        if severity.lead is None:
            left_out |= bit
            continue
        yield Finding(
            ("severities", n, "lead"),
            f"role '{lead}' leads {severity.id}, but is engaged only for {_listed(conditions[lead])}",
        )
    if left_out and playbook.lead is not None:
        loc: Loc = ("lead",)
        yield Finding(
            loc,
            f"role '{playbook.lead}' leads every incident, but is engaged only for "
            f"{_listed(conditions[playbook.lead])}: {covers.names(left_out)} may go without a lead",
        )


def _listed(when: When) -> str:
    return ", ".join([*when.severity, *when.group, *when.incident_type])
