"""Ids are unique within every collection.

Every field the model marks as an identity (severities, impact and reach
levels, roles, metrics, detection sources, triage steps, phases, steps across
all phases, communication rules and templates, the fields of one template,
rollback tiers, signals, rules, procedure steps, verification items,
postmortem fields and sections, related documents, and any section added
later) names one item. The second use of an id is reported, with the line of
the first.
"""

from __future__ import annotations

from collections.abc import Iterator

from playbook.checks.base import Finding
from playbook.model import Identity, Playbook, walk
from playbook.model.walk import marker
from playbook.problems import Level
from playbook.source import Loc

ID = "unique-ids"
SEVERITY: Level = "error"
RELAXABLE = False
PARTIAL: tuple[Loc, ...] = ()


def check(playbook: Playbook) -> Iterator[Finding]:
    first: dict[tuple[str, Loc, str], Loc] = {}
    for visit in walk(playbook):
        identity = marker(visit.shape, Identity)
        if identity is None or visit.value is None:
            continue
        # The id's loc is (..., collection, index, "id"); a parent-scoped id is unique per collection.
        scope: Loc = visit.loc[:-2] if identity.scope == "parent" else ()
        key = (identity.kind, scope, str(visit.value))
        if key in first:
            yield Finding(
                visit.loc, f"{identity.kind} id '{visit.value}' is already used", first=first[key][:-1]
            )
        else:
            first[key] = visit.loc
